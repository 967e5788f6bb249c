/* dv-dominators.h: the dominator tree of a graph given as compressed rows
 * (Cooper, Harvey and Kennedy, "A Simple, Fast Dominance Algorithm":
 * iterate over reverse postorder until nothing changes; the dumps are
 * nearly trees, so two or three passes settle it). Plain arrays in, plain
 * arrays out: used for one symbol's dominated set and for retained sizes. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint    n;        /* nodes */
  guint32 *pre;      /* preorder number in the dominator tree, G_MAXUINT32 when unreachable */
  guint32 *size;     /* nodes in the subtree, itself included; 0 when unreachable */
  guint32 *by_pre;   /* node by preorder number, n_reached of them */
  guint32 *idom;     /* immediate dominator, G_MAXUINT32 when unreachable; idom[root] = root */
  guint32 *by_post;  /* node by depth-first postorder number, n_reached of them: read
                      * backwards, an order for dataflow over the same graph */
  guint    n_reached;
} DvDomTree;

/* succ_index/pred_index have n + 1 entries; succ/pred hold node ids
 * (the low 30 bits of each entry are used when mask is DV_EDGE_SYMBOL_MASK). */
void dv_dom_tree_compute (DvDomTree     *out,
                          guint          n,
                          guint32        root,
                          const guint32 *succ_index,
                          const guint32 *succ,
                          const guint32 *pred_index,
                          const guint32 *pred,
                          guint32        mask);
void dv_dom_tree_clear   (DvDomTree *tree);

G_END_DECLS
