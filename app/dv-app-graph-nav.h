/* dv-app-graph-nav.h: keyboard moves between the nodes of a laid-out
 * graph. Plain code over a DvLayout, no GTK. */
#pragma once

#include "dv-layout.h"

G_BEGIN_DECLS

typedef enum {
  DV_APP_GRAPH_MOVE_UP,
  DV_APP_GRAPH_MOVE_DOWN,
  DV_APP_GRAPH_MOVE_LEFT,
  DV_APP_GRAPH_MOVE_RIGHT,
  DV_APP_GRAPH_MOVE_CHAIN_TOP,   /* Home: the top of the chain */
  DV_APP_GRAPH_MOVE_CHAIN_FOCUS, /* End: the focus */
} DvAppGraphMove;

/* The node a key moves to from node `from`, or -1. Up and down follow the
 * chain where `from` is on it, else go to a parent or a child drawn in the
 * view (the nearest sideways), else to the nearest rank above or below.
 * Left and right go to the nearest sibling on that side: a node of the
 * same rank or with the same parent (wide fans are staggered over several
 * ranks). */
int dv_app_graph_nav_neighbour (const DvLayout *layout,
                                int             from,
                                DvAppGraphMove  move);

G_END_DECLS
