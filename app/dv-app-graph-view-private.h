/* dv-app-graph-view-private.h: what the tests reach inside DvAppGraphView. */
#pragma once

#include "dv-app-graph-view.h"
#include "dv-layout.h"

G_BEGIN_DECLS

/* The layout on screen, or NULL. */
const DvLayout *dv_app_graph_view_get_layout      (DvAppGraphView *self);
/* Widget pixels per layout point. */
double          dv_app_graph_view_get_scale       (DvAppGraphView *self);
/* Node index under a widget point, or -1. */
int             dv_app_graph_view_node_at         (DvAppGraphView *self,
                                               double       x,
                                               double       y);
/* The widget point at a layout point. */
void            dv_app_graph_view_layout_to_widget (DvAppGraphView *self,
                                                double       lx,
                                                double       ly,
                                                double      *x,
                                                double      *y);
/* What a click (n_press 1) or a double click (2) at a widget point does,
 * without the wait that tells the two apart. */
void            dv_app_graph_view_click_at        (DvAppGraphView *self,
                                               double       x,
                                               double       y,
                                               int          n_press);
/* The accessible label and description last set. */
const char     *dv_app_graph_view_get_description (DvAppGraphView *self,
                                               const char **details);

G_END_DECLS
