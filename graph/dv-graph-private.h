/* dv-graph-private.h: the layout of a loaded graph, for the core's own files. */
#pragma once

#include "dv-graph.h"

G_BEGIN_DECLS

struct _DvGraph
{
  gatomicrefcount ref_count;
  char           *display_name;
  DvGraphStats    stats;
  GPtrArray      *sections;     /* char *, every "# path" of the file */
  char           *binary;       /* the section read, NULL without headers */
  GPtrArray      *size_keys;    /* char * */
  GArray         *size_values;  /* guint64 */
  GArray         *problems;     /* DvProblem */

  /* symbols, by id */
  guint           n_symbols;
  const char    **names;        /* NUL-terminated, in arena blocks */
  guint32        *name_lens;
  guint32        *hashes;
  guint8         *flags;        /* DvSymbolFlags */
  guint8         *kinds;        /* DvSymbolKind */
  guint8         *roles;        /* DvNameRole: what the name proves of its package */
  DvPackageId    *packages;
  GPtrArray      *arena_blocks;

  /* open addressing: a slot holds the hash (to skip most name compares
   * without touching the symbol arrays) and id + 1, 0 for empty */
  guint64        *table;
  guint32         table_mask;

  DvSymbolId      root;         /* "_" */
  DvSymbolId      empty;        /* "", or DV_SYMBOL_NONE */

  /* adjacency, compressed rows, each row in file order */
  guint32        *out_index;    /* n_symbols + 1 */
  DvEdge         *out_edges;
  guint32        *in_index;
  DvEdge         *in_edges;

  /* breadth-first search from the root, over every edge */
  guint32        *depth;        /* DV_DEPTH_UNREACHABLE when no path */
  DvSymbolId     *bfs_parent;
  guint8         *bfs_via;      /* DvEdgeKind */
  guint32        *bfs_order;    /* discovery rank, G_MAXUINT32 when unreachable */

  /* dominator tree, made on first use (dv-analysis.c) */
  GMutex          dominators_lock;
  guint32        *dom_pre;       /* preorder number in the dominator tree */
  guint32        *dom_size;      /* symbols in the subtree, itself included */
  DvSymbolId     *dom_order;     /* symbols by preorder number */

  /* packages, by id */
  guint           n_packages;
  char          **package_names;
  guint32        *package_n_symbols;
  guint32        *package_n_reachable;
  DvSymbolId     *package_best;  /* nearest symbol to the root, or NONE */
  guint8         *package_link;  /* DvPackageLink */
  GHashTable     *package_index; /* name -> id + 1 */
};

DvSymbolId dv_graph_lookup_bytes (const DvGraph *graph, const char *name, gsize len);
/* Removes " <UsedInIface>", " <ReflectMethod>" or both from the end of a
 * name; namedata names carry raw struct tags and never flags. */
DvSymbolFlags dv_graph_strip_flags (const char *name, gsize *len);

G_END_DECLS
