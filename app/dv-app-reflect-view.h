/* dv-app-reflect-view.h: the functions that make the linker keep every
 * exported method (the certain one first), each with its chain, and the
 * methods kept only through type descriptors, with bytes when sizes are
 * known. For a dump without <ReflectMethod> flags (Go before 1.21): the
 * candidates, with the core's "cannot be proven from this dump". Worked out
 * off the UI thread. */
#pragma once

#include <gtk/gtk.h>

#include "dv-analysis.h"
#include "dv-app-answer-view.h"

G_BEGIN_DECLS

#define DV_APP_TYPE_REFLECT_VIEW (dv_app_reflect_view_get_type ())
G_DECLARE_FINAL_TYPE (DvAppReflectView, dv_app_reflect_view, DV_APP, REFLECT_VIEW, DvAppAnswerView)

GtkWidget   *dv_app_reflect_view_new            (void);
/* cost may be NULL; both are referenced, by the view and by each
 * computation. */
void         dv_app_reflect_view_set_graph      (DvAppReflectView *self, DvGraph *graph, DvCost *cost);

gboolean     dv_app_reflect_view_get_busy       (DvAppReflectView *self);
/* The report shown (kept_by_type holds every such method), or NULL. */
const DvReflectReport *dv_app_reflect_view_get_report (DvAppReflectView *self);
/* Bytes of the methods kept only through type descriptors; FALSE without sizes. */
gboolean     dv_app_reflect_view_get_kept_bytes (DvAppReflectView *self, guint64 *bytes);
const char  *dv_app_reflect_view_get_heading    (DvAppReflectView *self);
/* DvAppViewItem: the culprits (children: each one's chain), then the kept
 * methods' section. */
GListModel  *dv_app_reflect_view_get_items      (DvAppReflectView *self);
GtkListView *dv_app_reflect_view_get_list       (DvAppReflectView *self);

G_END_DECLS
