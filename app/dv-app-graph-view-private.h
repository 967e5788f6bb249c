/* dv-app-graph-view-private.h: what the tests reach inside DvAppGraphView. */
#pragma once

#include "dv-app-graph-view.h"
#include "dv-layout.h"

G_BEGIN_DECLS

/* The layout on screen, or NULL. */
const DvLayout *dv_app_graph_view_get_layout         (DvAppGraphView *self);
/* Widget pixels per layout point. */
double          dv_app_graph_view_get_scale          (DvAppGraphView *self);
/* Node index under a widget point, or -1. */
int             dv_app_graph_view_node_at            (DvAppGraphView *self,
                                                      double          x,
                                                      double          y);
/* The widget point at a layout point. */
void            dv_app_graph_view_layout_to_widget   (DvAppGraphView *self,
                                                      double          lx,
                                                      double          ly,
                                                      double         *x,
                                                      double         *y);
/* What a click (n_press 1, without the wait for a second one) or a double
 * click (2: press, release, press, release) at a widget point does. */
void            dv_app_graph_view_click_at           (DvAppGraphView *self,
                                                      double          x,
                                                      double          y,
                                                      int             n_press);
/* The click gesture's "pressed" and "released" at a widget point: a
 * release after one press waits the double-click time before it acts on
 * a node that a double click would expand. */
void            dv_app_graph_view_press_at           (DvAppGraphView *self,
                                                      double          x,
                                                      double          y,
                                                      int             n_press);
void            dv_app_graph_view_release_at         (DvAppGraphView *self,
                                                      double          x,
                                                      double          y,
                                                      int             n_press);
/* The pointer moved to a widget point. */
void            dv_app_graph_view_hover_at           (DvAppGraphView *self,
                                                      double          x,
                                                      double          y);
int             dv_app_graph_view_get_hover          (DvAppGraphView *self);
/* The node with the keyboard focus, or -1. */
int             dv_app_graph_view_get_cursor         (DvAppGraphView *self);
/* How many times the graph (not the hover) has been drawn anew. */
guint           dv_app_graph_view_get_n_scene_builds (DvAppGraphView *self);
/* The tooltip of node index (free it), or NULL. */
char           *dv_app_graph_view_get_tooltip        (DvAppGraphView *self,
                                                      int             index);
/* The second line (sizes) of node index as last drawn, or NULL. */
const char     *dv_app_graph_view_get_note           (DvAppGraphView *self,
                                                      int             index);
/* Symbol (and package) nodes drawn marked; folds are not counted. */
guint           dv_app_graph_view_get_n_marked       (DvAppGraphView *self);
/* How many marked symbols node index stands for (0: not marked). */
guint           dv_app_graph_view_get_mark           (DvAppGraphView *self,
                                                      int             index);
/* The accessible label and description last set. */
const char     *dv_app_graph_view_get_description    (DvAppGraphView  *self,
                                                      const char     **details);

G_END_DECLS
