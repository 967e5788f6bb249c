/* dv-graph-view.h: the focused graph around one symbol, drawn from a
 * Graphviz layout made off the UI thread. */
#pragma once

#include <gtk/gtk.h>

#include "dv-graph.h"

G_BEGIN_DECLS

#define DV_TYPE_GRAPH_VIEW (dv_graph_view_get_type ())
G_DECLARE_FINAL_TYPE (DvGraphView, dv_graph_view, DV, GRAPH_VIEW, GtkWidget)

GtkWidget  *dv_graph_view_new           (void);

/* Takes a ref; NULL clears the view. */
void        dv_graph_view_set_graph     (DvGraphView  *self,
                                         DvGraph      *graph);
/* Lays out the view of focus in a thread; a result that arrives after the
 * focus changed again is dropped. DV_SYMBOL_NONE clears the view. */
void        dv_graph_view_set_focus     (DvGraphView  *self,
                                         DvSymbolId    focus);
DvSymbolId  dv_graph_view_get_focus     (DvGraphView  *self);
gboolean    dv_graph_view_get_busy      (DvGraphView  *self);

void        dv_graph_view_zoom_in       (DvGraphView  *self);
void        dv_graph_view_zoom_out      (DvGraphView  *self);
void        dv_graph_view_zoom_fit      (DvGraphView  *self);

/* Writes the view on screen (focus and expanded nodes) through Graphviz's
 * own renderers. format: "svg", "png" or "dot". */
void        dv_graph_view_export_async  (DvGraphView         *self,
                                         const char          *format,
                                         GFile               *file,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean    dv_graph_view_export_finish (DvGraphView         *self,
                                         GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
