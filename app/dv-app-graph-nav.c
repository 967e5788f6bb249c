/* dv-app-graph-nav.c: where the graph's arrow keys go. */
#include "config.h"

#include <math.h>

#include "dv-app-graph-nav.h"

static int
chain_position (const DvLayout *layout,
                int             index)
{
  for (guint i = 0; i < layout->n_chain; i++)
    if ((int) layout->chain[i] == index)
      return i;
  return -1;
}

static gboolean
has_edge (const DvLayout *layout,
          guint           from,
          guint           to)
{
  for (guint i = 0; i < layout->n_edges; i++)
    if (layout->edges[i].from == from && layout->edges[i].to == to)
      return TRUE;
  return FALSE;
}

static gboolean
share_parent (const DvLayout *layout,
              guint           a,
              guint           b)
{
  for (guint i = 0; i < layout->n_edges; i++)
    if (layout->edges[i].to == a && has_edge (layout, layout->edges[i].from, b))
      return TRUE;
  return FALSE;
}

int
dv_app_graph_nav_neighbour (const DvLayout *layout,
                            int             from,
                            DvAppGraphMove  move)
{
  const DvLayoutNode *a = &layout->nodes[from];
  int pos = chain_position (layout, from);
  gboolean vertical = move == DV_APP_GRAPH_MOVE_UP || move == DV_APP_GRAPH_MOVE_DOWN;
  int best = -1;
  double best_score = G_MAXDOUBLE;

  if (move == DV_APP_GRAPH_MOVE_CHAIN_TOP || move == DV_APP_GRAPH_MOVE_CHAIN_FOCUS)
    {
      if (layout->n_chain == 0)
        return -1;
      return layout->chain[move == DV_APP_GRAPH_MOVE_CHAIN_TOP ? 0 : layout->n_chain - 1];
    }
  if (move == DV_APP_GRAPH_MOVE_UP && pos > 0)
    return layout->chain[pos - 1];
  if (move == DV_APP_GRAPH_MOVE_DOWN && pos >= 0 && (guint) pos + 1 < layout->n_chain)
    return layout->chain[pos + 1];

  for (int linked_only = 1; linked_only >= 0 && best < 0; linked_only--)
    for (guint i = 0; i < layout->n_nodes; i++)
      {
        const DvLayoutNode *b = &layout->nodes[i];
        double dx = b->x - a->x, dy = b->y - a->y;
        double along = 0, across = 0, score;
        gboolean linked = FALSE;

        if ((int) i == from)
          continue;
        switch (move)
          {
          case DV_APP_GRAPH_MOVE_UP:    along = -dy; across = fabs (dx); linked = has_edge (layout, i, from); break;
          case DV_APP_GRAPH_MOVE_DOWN:  along = dy;  across = fabs (dx); linked = has_edge (layout, from, i); break;
          case DV_APP_GRAPH_MOVE_LEFT:  along = -dx; across = fabs (dy); linked = share_parent (layout, from, i); break;
          case DV_APP_GRAPH_MOVE_RIGHT: along = dx;  across = fabs (dy); linked = share_parent (layout, from, i); break;
          default: g_assert_not_reached ();
          }
        if (along < 1)
          continue;
        if (linked_only && !linked)
          continue;
        if (!vertical && !linked && across >= 1)
          continue; /* sideways: the same rank only */
        if (vertical)
          /* the nearest rank first, then the nearest in it */
          score = (linked_only ? 0 : floor (along) * 1e5) + across;
        else
          score = along;
        if (score < best_score)
          {
            best_score = score;
            best = i;
          }
      }
  return best;
}

