/* dv-dominators.c: see dv-dominators.h. */
#include "config.h"

#include "dv-dominators.h"

#include <string.h>

#define UNDEF G_MAXUINT32

/* Depth-first postorder from the root, following succ rows in order. */
static guint
postorder (guint n, guint32 root, const guint32 *succ_index, const guint32 *succ, guint32 mask,
           guint32 *post, guint32 *order)
{
  guint32 *stack = g_new (guint32, n);
  guint32 *next = g_new (guint32, n);
  guint8 *seen = g_new0 (guint8, n);
  guint top = 0, count = 0;

  memset (post, 0xff, sizeof (guint32) * n);
  stack[top++] = root;
  seen[root] = 1;
  next[root] = succ_index[root];
  while (top > 0)
    {
      guint32 a = stack[top - 1];
      if (next[a] < succ_index[a + 1])
        {
          guint32 b = succ[next[a]++] & mask;
          if (!seen[b])
            {
              seen[b] = 1;
              next[b] = succ_index[b];
              stack[top++] = b;
            }
          continue;
        }
      top--;
      post[a] = count;
      order[count++] = a;
    }
  g_free (stack);
  g_free (next);
  g_free (seen);
  return count;
}

void
dv_dom_tree_compute (DvDomTree *out, guint n, guint32 root, const guint32 *succ_index,
                     const guint32 *succ, const guint32 *pred_index, const guint32 *pred,
                     guint32 mask)
{
  guint32 *post = g_new (guint32, MAX (n, 1u));
  guint32 *order = g_new (guint32, MAX (n, 1u));
  guint32 *idom = g_new (guint32, MAX (n, 1u));
  guint n_reached = postorder (n, root, succ_index, succ, mask, post, order);
  gboolean changed = TRUE;

  /* Work in postorder numbers: the intersection walks compare and follow
   * them, and the predecessor rows are read in the order they are used. */
  guint32 *rp_index = g_new0 (guint32, (gsize) n_reached + 1);
  for (guint k = 0; k < n_reached; k++)
    {
      guint32 b = order[k];
      for (guint32 e = pred_index[b]; e < pred_index[b + 1]; e++)
        if (post[pred[e] & mask] != UNDEF)
          rp_index[k + 1]++;
    }
  for (guint k = 0; k < n_reached; k++)
    rp_index[k + 1] += rp_index[k];
  guint32 *rp = g_new (guint32, MAX (rp_index[n_reached], 1u));
  for (guint k = 0, f = 0; k < n_reached; k++)
    {
      guint32 b = order[k];
      for (guint32 e = pred_index[b]; e < pred_index[b + 1]; e++)
        if (post[pred[e] & mask] != UNDEF)
          rp[f++] = post[pred[e] & mask];
    }
  guint32 *pidom = g_new (guint32, MAX (n_reached, 1u)); /* by postorder number */
  memset (pidom, 0xff, sizeof (guint32) * n_reached);
  pidom[n_reached - 1] = n_reached - 1; /* the root is last in postorder */
  while (changed)
    {
      changed = FALSE;
      /* reverse postorder, the root left out */
      for (guint k = n_reached - 1; k-- > 0;)
        {
          guint32 new_idom = UNDEF;
          for (guint32 e = rp_index[k]; e < rp_index[k + 1]; e++)
            {
              guint32 p = rp[e];
              if (pidom[p] == UNDEF)
                continue;
              if (new_idom == UNDEF)
                {
                  new_idom = p;
                  continue;
                }
              guint32 x = p, y = new_idom;
              while (x != y)
                {
                  while (x < y)
                    x = pidom[x];
                  while (y < x)
                    y = pidom[y];
                }
              new_idom = x;
            }
          if (new_idom != UNDEF && pidom[k] != new_idom)
            {
              pidom[k] = new_idom;
              changed = TRUE;
            }
        }
    }
  memset (idom, 0xff, sizeof (guint32) * n);
  for (guint k = 0; k < n_reached; k++)
    if (pidom[k] != UNDEF)
      idom[order[k]] = order[pidom[k]];
  g_free (pidom);
  g_free (rp);
  g_free (rp_index);

  /* the tree as rows of children, then preorder numbers and subtree sizes */
  guint32 *index = g_new0 (guint32, (gsize) n + 1);
  for (guint32 v = 0; v < n; v++)
    if (v != root && idom[v] != UNDEF)
      index[idom[v] + 1]++;
  for (guint i = 0; i < n; i++)
    index[i + 1] += index[i];
  guint32 *fill = g_memdup2 (index, sizeof (guint32) * MAX (n, 1u));
  guint32 *kids = g_new (guint32, MAX (index[n], 1u));
  /* children in node order, so that preorder follows first appearance */
  for (guint32 v = 0; v < n; v++)
    if (v != root && idom[v] != UNDEF)
      kids[fill[idom[v]]++] = v;

  guint32 *pre = g_new (guint32, MAX (n, 1u));
  guint32 *size = g_new0 (guint32, MAX (n, 1u));
  guint32 *by_pre = g_new (guint32, MAX (n, 1u));
  guint32 *stack = g_new (guint32, MAX (n, 1u));
  guint top = 0, count = 0;
  memset (pre, 0xff, sizeof (guint32) * n);
  memcpy (fill, index, sizeof (guint32) * n);
  stack[top++] = root;
  pre[root] = count;
  by_pre[count++] = root;
  while (top > 0)
    {
      guint32 a = stack[top - 1];
      if (fill[a] < index[a + 1])
        {
          guint32 b = kids[fill[a]++];
          pre[b] = count;
          by_pre[count++] = b;
          stack[top++] = b;
          continue;
        }
      top--;
      size[a] = count - pre[a];
    }

  g_free (stack);
  g_free (kids);
  g_free (fill);
  g_free (index);
  g_free (post);
  out->by_post = order;
  out->n = n;
  out->pre = pre;
  out->size = size;
  out->by_pre = by_pre;
  out->idom = idom;
  out->n_reached = count;
}

void
dv_dom_tree_clear (DvDomTree *tree)
{
  g_clear_pointer (&tree->pre, g_free);
  g_clear_pointer (&tree->size, g_free);
  g_clear_pointer (&tree->by_pre, g_free);
  g_clear_pointer (&tree->idom, g_free);
  g_clear_pointer (&tree->by_post, g_free);
}
