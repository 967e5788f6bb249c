/* dv-app-graph-view.h: the focused graph around one symbol, drawn from the
 * Graphviz layout its focus object (DvAppFocus) makes off the UI thread. */
#pragma once

#include <gtk/gtk.h>

#include "dv-graph.h"
#include "dv-cost.h"
#include "dv-app-focus.h"
#include "dv-app-highlight.h"

G_BEGIN_DECLS

#define DV_APP_TYPE_GRAPH_VIEW (dv_app_graph_view_get_type ())
G_DECLARE_FINAL_TYPE (DvAppGraphView, dv_app_graph_view, DV_APP, GRAPH_VIEW, GtkWidget)

GtkWidget  *dv_app_graph_view_new           (void);

/* The focus object whose layout is drawn and to which clicks send expand,
 * unfold and hide-metadata requests (a ref is taken). Until set, the view
 * has one of its own, which set_graph and set_focus drive. */
void        dv_app_graph_view_set_focus_object (DvAppGraphView *self,
                                            DvAppFocus     *focus);
DvAppFocus *dv_app_graph_view_get_focus_object (DvAppGraphView *self);

/* The focus object's graph (dv_app_focus_set_graph); NULL clears the view. */
void        dv_app_graph_view_set_graph     (DvAppGraphView  *self,
                                         DvGraph      *graph);
/* Focuses the focus object on focus, unless it already is (then nothing:
 * what was opened stays); it lays the view out in a thread and drops a
 * result that arrives after a newer request. DV_SYMBOL_NONE clears it. */
void        dv_app_graph_view_set_focus     (DvAppGraphView  *self,
                                         DvSymbolId    focus);
DvSymbolId  dv_app_graph_view_get_focus     (DvAppGraphView  *self);
/* The "packages" property: the chain from the top to the focus as one node
 * per package, edges labelled with the symbol edge that links two; a click
 * on a package emits "package-activated" (guint DvPackageId). */
void        dv_app_graph_view_set_packages  (DvAppGraphView  *self,
                                         gboolean      packages);
gboolean    dv_app_graph_view_get_packages  (DvAppGraphView  *self);
gboolean    dv_app_graph_view_get_busy      (DvAppGraphView  *self);

/* "hide-metadata" (default FALSE): fold compiler metadata (gclocals·…,
 * .arginfo1, DWARF) into "+N metadata" nodes, on screen and in exports. */
void        dv_app_graph_view_set_hide_metadata (DvAppGraphView *self,
                                             gboolean        hide);
gboolean    dv_app_graph_view_get_hide_metadata (DvAppGraphView *self);
/* "cost": sizes of the graph shown (a ref is taken; NULL: none). Each
 * symbol's node shows its bytes as a second line, its tooltip own and
 * retained bytes. Sizes of another graph are kept but not shown. */
void        dv_app_graph_view_set_cost      (DvAppGraphView  *self,
                                         DvCost          *cost);
DvCost     *dv_app_graph_view_get_cost      (DvAppGraphView  *self);

/* Nodes whose symbols the highlight marks (the package view: whose
 * packages) are drawn marked, and their tooltips and the accessible text
 * say so; redrawn on its "changed". A ref is taken; NULL: nothing marked. */
void        dv_app_graph_view_set_highlight (DvAppGraphView  *self,
                                         DvAppHighlight  *highlight);

void        dv_app_graph_view_zoom_in       (DvAppGraphView  *self);
void        dv_app_graph_view_zoom_out      (DvAppGraphView  *self);
void        dv_app_graph_view_zoom_fit      (DvAppGraphView  *self);

/* Writes the view on screen (focus and expanded nodes) through Graphviz's
 * own renderers. format: "svg", "png" or "dot". */
void        dv_app_graph_view_export_async  (DvAppGraphView         *self,
                                         const char          *format,
                                         GFile               *file,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean    dv_app_graph_view_export_finish (DvAppGraphView         *self,
                                         GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
