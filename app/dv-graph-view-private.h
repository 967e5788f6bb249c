/* dv-graph-view-private.h: what the tests reach inside DvGraphView. */
#pragma once

#include "dv-graph-view.h"
#include "dv-layout.h"

G_BEGIN_DECLS

/* The layout on screen, or NULL. */
const DvLayout *dv_graph_view_get_layout      (DvGraphView *self);
/* Widget pixels per layout point. */
double          dv_graph_view_get_scale       (DvGraphView *self);
/* Node index under a widget point, or -1. */
int             dv_graph_view_node_at         (DvGraphView *self,
                                               double       x,
                                               double       y);
/* The widget point at a layout point. */
void            dv_graph_view_layout_to_widget (DvGraphView *self,
                                                double       lx,
                                                double       ly,
                                                double      *x,
                                                double      *y);
/* What a click (n_press 1) or a double click (2) at a widget point does,
 * without the wait that tells the two apart. */
void            dv_graph_view_click_at        (DvGraphView *self,
                                               double       x,
                                               double       y,
                                               int          n_press);
/* The accessible label and description last set. */
const char     *dv_graph_view_get_description (DvGraphView *self,
                                               const char **details);

G_END_DECLS
