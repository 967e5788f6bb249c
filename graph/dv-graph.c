/* dv-graph.c: the immutable graph a load made (dv-input.c reads,
 * dv-parser.c splits, dv-graph-builder.c indexes): its reference count and
 * its accessors. */
#include "config.h"

#define G_LOG_DOMAIN "depview-graph"

#include "dv-graph-private.h"
#include "dv-names-private.h"

#include <string.h>

G_DEFINE_QUARK (dv-graph-error-quark, dv_graph_error)

/* ---------------------------------------------------------------------- */
/* The graph                                                               */

DvSymbolId
dv_graph_lookup_bytes (const DvGraph *graph, const char *name, gsize len)
{
  return dv_graph_lookup_hashed (graph, name, len, dv_graph_hash64 (name, len));
}

DvGraph *
dv_graph_ref (DvGraph *graph)
{
  g_atomic_ref_count_inc (&graph->ref_count);
  return graph;
}

void
dv_graph_unref (DvGraph *g)
{
  if (g == NULL || !g_atomic_ref_count_dec (&g->ref_count))
    return;
  for (guint i = 0; i < g->problems->len; i++)
    {
      DvProblem *p = &g_array_index (g->problems, DvProblem, i);
      g_free (p->message);
      g_free (p->excerpt);
    }
  g_array_unref (g->problems);
  g_ptr_array_unref (g->sections);
  g_free (g->binary);
  g_ptr_array_unref (g->size_keys);
  g_array_unref (g->size_values);
  g_ptr_array_unref (g->arena_blocks);
  g_free (g->display_name);
  g_free (g->names);
  g_free (g->name_lens);
  g_free (g->flags);
  g_free (g->kinds);
  g_free (g->roles);
  g_free (g->package_link);
  g_free (g->packages);
  g_free (g->table);
  g_free (g->out_index);
  g_free (g->out_edges);
  g_free (g->in_index);
  g_free (g->in_edges);
  g_free (g->depth);
  g_free (g->bfs_parent);
  g_free (g->bfs_via);
  g_free (g->bfs_order);
  g_free (g->dom_pre);
  g_free (g->dom_size);
  g_free (g->dom_order);
  g_mutex_clear (&g->dominators_lock);
  if (g->package_names)
    for (guint i = 0; i < g->n_packages; i++)
      g_free (g->package_names[i]);
  g_free (g->package_names);
  g_free (g->package_n_symbols);
  g_free (g->package_n_reachable);
  g_free (g->package_best);
  g_clear_pointer (&g->package_index, g_hash_table_unref);
  g_free (g);
}

const char *
dv_graph_get_display_name (const DvGraph *graph)
{
  return graph->display_name;
}

const DvGraphStats *
dv_graph_get_stats (const DvGraph *graph)
{
  return &graph->stats;
}

const char *
dv_graph_get_binary (const DvGraph *graph)
{
  return graph->binary;
}

guint
dv_graph_get_n_sections (const DvGraph *graph)
{
  return graph->sections->len;
}

const char *
dv_graph_get_section (const DvGraph *graph, guint i)
{
  g_return_val_if_fail (i < graph->sections->len, NULL);
  return g_ptr_array_index (graph->sections, i);
}

guint
dv_graph_get_n_sizes (const DvGraph *graph)
{
  return graph->size_keys->len;
}

const char *
dv_graph_get_size (const DvGraph *graph, guint i, guint64 *value)
{
  g_return_val_if_fail (i < graph->size_keys->len, NULL);
  if (value)
    *value = g_array_index (graph->size_values, guint64, i);
  return g_ptr_array_index (graph->size_keys, i);
}

guint
dv_graph_get_n_problems (const DvGraph *graph)
{
  return graph->problems->len;
}

const DvProblem *
dv_graph_get_problem (const DvGraph *graph, guint i)
{
  g_return_val_if_fail (i < graph->problems->len, NULL);
  return &g_array_index (graph->problems, DvProblem, i);
}

guint
dv_graph_get_n_symbols (const DvGraph *graph)
{
  return graph->n_symbols;
}

DvSymbolId
dv_graph_get_root (const DvGraph *graph)
{
  return graph->root;
}

const char *
dv_graph_symbol_name (const DvGraph *graph, DvSymbolId id)
{
  g_return_val_if_fail (id < graph->n_symbols, NULL);
  return graph->names[id];
}

gsize
dv_graph_symbol_name_len (const DvGraph *graph, DvSymbolId id)
{
  g_return_val_if_fail (id < graph->n_symbols, 0);
  return graph->name_lens[id];
}

DvSymbolFlags
dv_graph_symbol_flags (const DvGraph *graph, DvSymbolId id)
{
  g_return_val_if_fail (id < graph->n_symbols, 0);
  return graph->flags[id];
}

DvSymbolKind
dv_graph_symbol_kind (const DvGraph *graph, DvSymbolId id)
{
  g_return_val_if_fail (id < graph->n_symbols, DV_SYMBOL_KIND_OTHER);
  return graph->kinds[id];
}

DvPackageId
dv_graph_symbol_package (const DvGraph *graph, DvSymbolId id)
{
  g_return_val_if_fail (id < graph->n_symbols, DV_PACKAGE_NONE);
  return graph->packages[id];
}

DvSymbolId
dv_graph_find_symbol (const DvGraph *graph, const char *name, gssize len)
{
  gsize n = len < 0 ? strlen (name) : (gsize) len;

  dv_names_strip_flags (name, &n);
  return dv_graph_lookup_bytes (graph, name, n);
}

const DvEdge *
dv_graph_children (const DvGraph *graph, DvSymbolId id, guint *n_edges)
{
  g_return_val_if_fail (id < graph->n_symbols, (*n_edges = 0, NULL));
  *n_edges = graph->out_index[id + 1] - graph->out_index[id];
  return graph->out_edges + graph->out_index[id];
}

const DvEdge *
dv_graph_parents (const DvGraph *graph, DvSymbolId id, guint *n_edges)
{
  g_return_val_if_fail (id < graph->n_symbols, (*n_edges = 0, NULL));
  *n_edges = graph->in_index[id + 1] - graph->in_index[id];
  return graph->in_edges + graph->in_index[id];
}

guint
dv_graph_get_n_packages (const DvGraph *graph)
{
  return graph->n_packages;
}

const char *
dv_graph_package_name (const DvGraph *graph, DvPackageId pkg)
{
  g_return_val_if_fail (pkg < graph->n_packages, NULL);
  return graph->package_names[pkg];
}

guint
dv_graph_package_n_symbols (const DvGraph *graph, DvPackageId pkg)
{
  g_return_val_if_fail (pkg < graph->n_packages, 0);
  return graph->package_n_symbols[pkg];
}

guint
dv_graph_package_n_reachable (const DvGraph *graph, DvPackageId pkg)
{
  g_return_val_if_fail (pkg < graph->n_packages, 0);
  return graph->package_n_reachable[pkg];
}

DvPackageId
dv_graph_find_package (const DvGraph *graph, const char *path)
{
  gpointer v = g_hash_table_lookup (graph->package_index, path);
  return v ? GPOINTER_TO_UINT (v) - 1 : DV_PACKAGE_NONE;
}

DvPackageLink
dv_graph_package_link (const DvGraph *graph, DvPackageId pkg)
{
  g_return_val_if_fail (pkg < graph->n_packages, DV_PACKAGE_LINK_NO);
  return (DvPackageLink) graph->package_link[pkg];
}

gboolean
dv_graph_symbol_proves_code (const DvGraph *graph, DvSymbolId id)
{
  g_return_val_if_fail (id < graph->n_symbols, FALSE);
  return graph->roles[id] == DV_NAME_ROLE_CODE;
}
