/* dv-app-graph-describe.h: the graph view in words, for screen readers and
 * tooltips: the chain, the nodes around the focus, one node. */
#pragma once

#include <glib.h>

#include "dv-graph.h"
#include "dv-cost.h"
#include "dv-app-highlight.h"
#include "dv-layout.h"

G_BEGIN_DECLS

/* "Keep-alive chain of fmt.Fprintln: _rt0_amd64_linux → … → fmt.Fprintln";
 * layout has a chain. */
char *dv_app_graph_describe_chain   (const DvLayout *layout);

/* "6 children, 0 other parents; 15 nodes shown." */
char *dv_app_graph_describe_nodes   (const DvLayout *layout);

/* What node `index` is, in one line: its name, or what a fold hides (the
 * first few names, from graph), and what a key does to it. */
char *dv_app_graph_describe_node    (const DvGraph  *graph,
                                     const DvLayout *layout,
                                     guint           index);

/* The tooltip of node `index`: the full name, kind, package and flags,
 * and with cost (NULL: none) its own and retained bytes. */
char *dv_app_graph_describe_tooltip (const DvGraph  *graph,
                                     const DvCost   *cost,
                                     const DvLayout *layout,
                                     guint           index);

/* The second line of a symbol's node: "1.2 kB" or "1.2 kB · keeps 40 kB"
 * (retained, when more than its own); NULL for folds, the root, and a
 * symbol without a size. */
char *dv_app_graph_describe_size    (const DvCost   *cost,
                                     DvSymbolId      symbol);

/* How many marked symbols a node stands for: 0 or 1 for a symbol (the
 * package view: its package), how many of those it folds for a fold. */
guint dv_app_graph_describe_mark_count (DvAppHighlight     *highlight,
                                        const DvGraph      *graph,
                                        const DvLayoutNode *node);

/* A marked node's line: "Marked: new since etcd-go1.19", a fold's "3 of
 * them marked: …"; NULL when count is 0. */
char *dv_app_graph_describe_mark    (DvAppHighlight     *highlight,
                                     const DvLayoutNode *node,
                                     guint               count);

G_END_DECLS
