/* dv-app-keeps-view.h: what the focus keeps alive. The symbols every
 * recorded path from the root reaches only through the focus (a symbol, or
 * all of a package's symbols), worked out off the UI thread, as a list by
 * package with symbol counts and bytes, under the sentence "If this went,
 * these N symbols (X kB) would go, were the recorded reasons the only ones".
 * The dominated set stays readable for the graph view to highlight. */
#pragma once

#include <gtk/gtk.h>

#include "dv-app-answer-view.h"
#include "dv-cost.h"

G_BEGIN_DECLS

#define DV_APP_TYPE_KEEPS_VIEW (dv_app_keeps_view_get_type ())
G_DECLARE_FINAL_TYPE (DvAppKeepsView, dv_app_keeps_view, DV_APP, KEEPS_VIEW, DvAppAnswerView)

GtkWidget    *dv_app_keeps_view_new              (void);
/* cost may be NULL (no sizes); it must belong to graph. Both are
 * referenced, by the view and by each computation. Clears the focus. */
void          dv_app_keeps_view_set_graph        (DvAppKeepsView *self, DvGraph *graph, DvCost *cost);
void          dv_app_keeps_view_set_focus_symbol (DvAppKeepsView *self, DvSymbolId symbol);
void          dv_app_keeps_view_set_focus_package (DvAppKeepsView *self, DvPackageId package);
void          dv_app_keeps_view_clear_focus      (DvAppKeepsView *self);

/* TRUE while a computation runs ("busy" property). */
gboolean      dv_app_keeps_view_get_busy         (DvAppKeepsView *self);
/* The dominated set of the current focus, DvSymbolId nearest to the root
 * first (the focus itself included); NULL while busy or without a focus. */
GArray       *dv_app_keeps_view_get_dominated    (DvAppKeepsView *self);
/* A set for hit tests: TRUE when the symbol goes with the focus. */
gboolean      dv_app_keeps_view_contains         (DvAppKeepsView *self, DvSymbolId symbol);
guint         dv_app_keeps_view_get_n_functions  (DvAppKeepsView *self);
/* FALSE when there are no sizes. */
gboolean      dv_app_keeps_view_get_bytes        (DvAppKeepsView *self, guint64 *bytes);
const char   *dv_app_keeps_view_get_heading      (DvAppKeepsView *self);
/* DvAppViewItem, one package each (children: its symbols). */
GListModel   *dv_app_keeps_view_get_packages     (DvAppKeepsView *self);
GtkListView  *dv_app_keeps_view_get_list         (DvAppKeepsView *self);

G_END_DECLS
