/* dv-app-sidebar.h: the left pane. A search entry over a symbol browser and
 * a package list, and the "Hide compiler metadata" switch. The search is
 * the window's lookup: what Enter selects is the first row, and a search
 * that finds nothing offers the core's closest names. */
#pragma once

#include <gtk/gtk.h>

#include "dv-app-highlight.h"
#include "dv-app-symbol-list.h"
#include "dv-cost.h"
#include "dv-graph.h"

G_BEGIN_DECLS

#define DV_APP_TYPE_SIDEBAR (dv_app_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (DvAppSidebar, dv_app_sidebar, DV_APP, SIDEBAR, GtkWidget)

void            dv_app_sidebar_set_graph         (DvAppSidebar *self, DvGraph *graph);
/* Sizes ("cost" property, DV_APP_TYPE_COST): Size and Retained columns in
 * both lists, sortable, largest first; hidden when NULL or of another graph. */
void            dv_app_sidebar_set_cost          (DvAppSidebar *self, DvCost *cost);
/* The rows of the symbols and packages it marks are marked (taken by
 * reference; NULL: none). */
void            dv_app_sidebar_set_highlight     (DvAppSidebar *self, DvAppHighlight *highlight);
/* "Only marked": both lists show only the rows the highlight marks. The
 * toggle is shown while the highlight marks something of the graph, and
 * turns off when it marks nothing. */
void            dv_app_sidebar_set_only_marked   (DvAppSidebar *self, gboolean only);
gboolean        dv_app_sidebar_get_only_marked   (DvAppSidebar *self);
DvCost         *dv_app_sidebar_get_cost          (DvAppSidebar *self);
void            dv_app_sidebar_focus_search      (DvAppSidebar *self);
void            dv_app_sidebar_set_search_text   (DvAppSidebar *self, const char *text);
void            dv_app_sidebar_set_hide_metadata (DvAppSidebar *self, gboolean hide);
gboolean        dv_app_sidebar_get_hide_metadata (DvAppSidebar *self);
/* "symbols" or "packages" */
void            dv_app_sidebar_show_page         (DvAppSidebar *self, const char *page);
const char     *dv_app_sidebar_get_page          (DvAppSidebar *self);

/* For tests: the symbol model, its selection and the search entry. */
GtkSearchEntry      *dv_app_sidebar_get_search_entry     (DvAppSidebar *self);
DvAppSymbolList     *dv_app_sidebar_get_symbol_model     (DvAppSidebar *self);
GtkSingleSelection  *dv_app_sidebar_get_symbol_selection (DvAppSidebar *self);
GtkSingleSelection  *dv_app_sidebar_get_package_selection (DvAppSidebar *self);
/* The symbol table (sortable columns), its scrolling, and the box of
 * "did you mean" buttons shown when a search matches nothing. */
GtkColumnView       *dv_app_sidebar_get_symbol_view      (DvAppSidebar *self);
GtkColumnView       *dv_app_sidebar_get_package_view     (DvAppSidebar *self);
GtkAdjustment       *dv_app_sidebar_get_symbol_vadjustment (DvAppSidebar *self);
GtkWidget           *dv_app_sidebar_get_suggestion_box   (DvAppSidebar *self);
/* The bar over the lists that names the mark and holds "Only marked". */
GtkWidget           *dv_app_sidebar_get_mark_bar         (DvAppSidebar *self);

G_END_DECLS
