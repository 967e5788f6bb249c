/* dv-app-graph-renderer.h: draws a DvLayout into a GtkSnapshot.
 *
 * The graph itself (edges, nodes, labels) is kept as one render node, drawn
 * for the view and half a view around it, and reused while the layout,
 * the scale and the colours stay the same and a pan stays inside it; the
 * hovered node and the keyboard focus ring are drawn on top of it, so
 * moving the pointer redraws one node, not the graph. */
#pragma once

#include <gtk/gtk.h>

#include "dv-app-highlight.h"
#include "dv-app-viewport.h"
#include "dv-cost.h"
#include "dv-layout.h"

G_BEGIN_DECLS

typedef struct {
  gboolean dark;
  GdkRGBA  fg;
  GdkRGBA  bg;
  GdkRGBA  accent;
  GdkRGBA  root_edge;
  GdkRGBA  warning;
} DvAppGraphColours;

typedef struct _DvAppGraphRenderer DvAppGraphRenderer;

/* widget (borrowed) makes the labels' Pango layouts. */
DvAppGraphRenderer *dv_app_graph_renderer_new          (GtkWidget *widget);
void                dv_app_graph_renderer_free         (DvAppGraphRenderer *self);

/* Borrowed: the caller keeps layout alive until the next call. */
void                dv_app_graph_renderer_set_layout   (DvAppGraphRenderer *self,
                                                        const DvLayout     *layout);
/* Sizes of the layout's graph (borrowed, NULL: none): each symbol's node
 * gets its bytes as a second, smaller line. */
void                dv_app_graph_renderer_set_cost     (DvAppGraphRenderer *self,
                                                        const DvCost       *cost);
/* The second line of node index as drawn (made on the next draw after a
 * new layout or cost), or NULL. */
const char         *dv_app_graph_renderer_get_note     (DvAppGraphRenderer *self,
                                                        guint               index);
void                dv_app_graph_renderer_set_colours  (DvAppGraphRenderer      *self,
                                                        const DvAppGraphColours *colours);
/* marks (borrowed, NULL or one per node of the layout): how many marked
 * symbols each node stands for, 0 for none; drawn as kind. Call again
 * after changing the array: it redraws the cached graph, not the labels. */
void                dv_app_graph_renderer_set_marks    (DvAppGraphRenderer *self,
                                                        const guint        *marks,
                                                        DvAppHighlightKind  kind);
/* Drops the cached graph (after a font or theme change). */
void                dv_app_graph_renderer_invalidate   (DvAppGraphRenderer *self);

/* hover: the node under the pointer or -1; cursor: the node with the
 * keyboard focus ring or -1. */
void                dv_app_graph_renderer_snapshot     (DvAppGraphRenderer  *self,
                                                        GtkSnapshot         *snapshot,
                                                        const DvAppViewport *vp,
                                                        int                  hover,
                                                        int                  cursor);

/* How many times the cached graph has been drawn anew (tests). */
guint               dv_app_graph_renderer_get_n_builds (DvAppGraphRenderer *self);

G_END_DECLS
