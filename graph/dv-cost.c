/* dv-cost.c: sizes matched to a dump's symbols; own and retained sizes of
 * symbols and packages. */
#include "config.h"

#include "dv-cost.h"
#include "dv-dominators.h"
#include "dv-graph-private.h"
#include "dv-names-private.h"

#include <string.h>

struct _DvCost
{
  DvGraph      *graph;
  DvSizes      *sizes;
  DvCostSummary summary;
  guint64      *own;        /* by symbol: file bytes */
  guint8       *has_size;   /* by symbol: 1 sized, 2 sized and maybe bss */
  guint64      *package_own;
  guint64       no_package_bytes;
  /* dominator tree over symbols and one gate node per package */
  DvDomTree     tree;
  guint64      *prefix;     /* prefix sums of own bytes in preorder */
};

/* Data symbols smaller than a page are not worth a warning. */
#define MAYBE_BSS_MIN 4096

/* nm's pooled blocks: go:string.*, go:func.*, type:*, runtime.gcbits.* */
static gboolean
is_pooled_block (const char *name)
{
  gsize len = strlen (name);
  return len >= 2 && name[len - 1] == '*' && (name[len - 2] == '.' || name[len - 2] == ':');
}

static guint64
graph_size_value (const DvGraph *graph, const char *key, gboolean *found)
{
  for (guint i = 0; i < dv_graph_get_n_sizes (graph); i++)
    {
      guint64 v;
      if (strcmp (dv_graph_get_size (graph, i, &v), key) == 0)
        {
          *found = TRUE;
          return v;
        }
    }
  *found = FALSE;
  return 0;
}

static void
match_sizes (DvCost *c)
{
  DvGraph *g = c->graph;
  DvSizes *s = c->sizes;
  DvCostSummary *sum = &c->summary;
  gboolean have_dat, have_total, have_bss;
  guint64 datsize = graph_size_value (g, "datsize", &have_dat);
  guint64 total = graph_size_value (g, "total", &have_total);
  guint64 bsssize = graph_size_value (g, "bsssize", &have_bss);
  guint64 pooled = 0;

  c->own = g_new0 (guint64, MAX (g->n_symbols, 1u));
  c->has_size = g_new0 (guint8, MAX (g->n_symbols, 1u));
  for (guint i = 0; i < dv_sizes_get_n_entries (s); i++)
    {
      const DvSizeEntry *e = dv_sizes_get_entry (s, i);
      DvStorage storage = e->storage;

      /* nm cannot tell data from bss, but a symbol larger than all the
       * binary's data (the -c totals) can only be bss */
      if (storage == DV_STORAGE_MAYBE_BSS && (e->type == 'B' || e->type == 'b'
                                              || (have_dat && e->size > datsize)))
        storage = DV_STORAGE_MEMORY;
      DvSymbolId id = dv_graph_find_symbol (g, e->name, -1);
      if (storage == DV_STORAGE_MEMORY)
        {
          sum->memory_bytes += e->size;
          if (id != DV_SYMBOL_NONE)
            c->has_size[id] = MAX (c->has_size[id], 1);
          continue;
        }
      gboolean shared = dv_symbol_name_content_addressable (e->name, strlen (e->name));
      if (id == DV_SYMBOL_NONE)
        {
          if (shared || is_pooled_block (e->name))
            {
              sum->shared_bytes += e->size;
              pooled += e->size;
            }
          else
            sum->unmatched_bytes += e->size;
          continue;
        }
      if (c->has_size[id] == 0)
        sum->matched_symbols++;
      c->own[id] += e->size;
      c->has_size[id] = storage == DV_STORAGE_MAYBE_BSS ? 2 : MAX (c->has_size[id], 1);
      sum->matched_bytes += e->size;
      if (g->roles[id] == DV_NAME_ROLE_NONE && shared)
        sum->shared_bytes += e->size;
    }
  /* From nm output, data and bss look alike. Where the -c totals show no
   * more data than the data section holds, none of it is bss; else the
   * symbols large enough to matter are "maybe bss". */
  guint64 data_bytes = 0;
  for (DvSymbolId id = 0; id < g->n_symbols; id++)
    if (c->has_size[id] == 2)
      data_bytes += c->own[id];
  for (DvSymbolId id = 0; id < g->n_symbols; id++)
    if (c->has_size[id] == 2)
      {
        if ((have_dat && data_bytes <= datsize) || c->own[id] < MAYBE_BSS_MIN)
          c->has_size[id] = 1;
        else
          sum->maybe_bss_symbols++;
      }

  /* what the binary holds in its file, to say what the dump leaves out */
  guint64 loaded = 0;
  for (guint i = 0; i < dv_sizes_get_n_sections (s); i++)
    if (dv_sizes_get_section (s, i)->in_file)
      loaded += dv_sizes_get_section (s, i)->size;
  if (loaded > 0)
    {
      sum->total_bytes = loaded;
      sum->total_source = "the binary's loaded sections";
    }
  else if (have_total)
    {
      sum->total_bytes = total - (have_bss ? MIN (bsssize, total) : 0);
      sum->total_source = "the dump's -c totals, bss left out";
    }
  if (sum->total_source != NULL)
    {
      guint64 explained = sum->matched_bytes + pooled;
      sum->unexplained_bytes = sum->total_bytes > explained ? sum->total_bytes - explained : 0;
    }

  c->package_own = g_new0 (guint64, MAX (g->n_packages, 1u));
  for (DvSymbolId id = 0; id < g->n_symbols; id++)
    {
      if (g->packages[id] != DV_PACKAGE_NONE)
        c->package_own[g->packages[id]] += c->own[id];
      else if (g->roles[id] == DV_NAME_ROLE_NONE
               && !dv_symbol_name_content_addressable (g->names[id], g->name_lens[id]))
        c->no_package_bytes += c->own[id];
    }
}

/* The recorded edges with a gate node in front of each package: every
 * edge into a symbol of package P runs through P's gate, so the gate
 * dominates exactly what would go if all of P's symbols went, and the
 * symbols dominate what they did before. One tree answers both. */
static void
build_gated_tree (DvCost *c)
{
  DvGraph *g = c->graph;
  guint ns = g->n_symbols, n = ns + g->n_packages;
  guint32 *succ_index = g_new0 (guint32, (gsize) n + 1);
  guint32 *stamp = g_new (guint32, MAX (n, 1u));
  gsize n_edges = 0;

  /* count, then fill: symbol rows, then gate rows */
  memset (stamp, 0xff, sizeof (guint32) * n);
  for (DvSymbolId u = 0; u < ns; u++)
    {
      for (guint32 k = g->out_index[u]; k < g->out_index[u + 1]; k++)
        {
          DvSymbolId v = g->out_edges[k].symbol;
          guint32 t = g->packages[v] != DV_PACKAGE_NONE ? ns + g->packages[v] : v;
          if (stamp[t] == u)
            continue;
          stamp[t] = u;
          succ_index[u + 1]++;
        }
    }
  for (DvSymbolId v = 0; v < ns; v++)
    if (g->packages[v] != DV_PACKAGE_NONE)
      succ_index[ns + g->packages[v] + 1]++;
  for (guint i = 0; i < n; i++)
    succ_index[i + 1] += succ_index[i];
  n_edges = succ_index[n];

  guint32 *succ = g_new (guint32, MAX (n_edges, 1u));
  guint32 *fill = g_memdup2 (succ_index, sizeof (guint32) * MAX (n, 1u));
  memset (stamp, 0xff, sizeof (guint32) * n);
  for (DvSymbolId u = 0; u < ns; u++)
    for (guint32 k = g->out_index[u]; k < g->out_index[u + 1]; k++)
      {
        DvSymbolId v = g->out_edges[k].symbol;
        guint32 t = g->packages[v] != DV_PACKAGE_NONE ? ns + g->packages[v] : v;
        if (stamp[t] == u)
          continue;
        stamp[t] = u;
        succ[fill[u]++] = t;
      }
  for (DvSymbolId v = 0; v < ns; v++)
    if (g->packages[v] != DV_PACKAGE_NONE)
      succ[fill[ns + g->packages[v]]++] = v;

  /* predecessors */
  guint32 *pred_index = g_new0 (guint32, (gsize) n + 1);
  for (gsize e = 0; e < n_edges; e++)
    pred_index[succ[e] + 1]++;
  for (guint i = 0; i < n; i++)
    pred_index[i + 1] += pred_index[i];
  guint32 *pred = g_new (guint32, MAX (n_edges, 1u));
  memcpy (fill, pred_index, sizeof (guint32) * n);
  for (guint32 u = 0; u < n; u++)
    for (guint32 k = succ_index[u]; k < succ_index[u + 1]; k++)
      pred[fill[succ[k]]++] = u;

  dv_dom_tree_compute (&c->tree, n, g->root, succ_index, succ, pred_index, pred, G_MAXUINT32);

  c->prefix = g_new0 (guint64, (gsize) c->tree.n_reached + 1);
  for (guint i = 0; i < c->tree.n_reached; i++)
    {
      guint32 v = c->tree.by_pre[i];
      c->prefix[i + 1] = c->prefix[i] + (v < ns ? c->own[v] : 0);
    }
  g_free (stamp);
  g_free (fill);
  g_free (succ_index);
  g_free (succ);
  g_free (pred_index);
  g_free (pred);
}

DvCost *
dv_cost_new (DvGraph *graph, DvSizes *sizes)
{
  DvCost *c = g_new0 (DvCost, 1);

  c->graph = dv_graph_ref (graph);
  c->sizes = dv_sizes_ref (sizes);
  match_sizes (c);
  build_gated_tree (c);
  return c;
}

void
dv_cost_free (DvCost *cost)
{
  if (cost == NULL)
    return;
  dv_dom_tree_clear (&cost->tree);
  g_free (cost->prefix);
  g_free (cost->own);
  g_free (cost->has_size);
  g_free (cost->package_own);
  dv_sizes_unref (cost->sizes);
  dv_graph_unref (cost->graph);
  g_free (cost);
}

const DvCostSummary *
dv_cost_get_summary (const DvCost *cost)
{
  return &cost->summary;
}

DvGraph *
dv_cost_get_graph (const DvCost *cost)
{
  return cost->graph;
}

DvSizes *
dv_cost_get_sizes (const DvCost *cost)
{
  return cost->sizes;
}

guint64
dv_cost_symbol_size (const DvCost *cost, DvSymbolId id)
{
  g_return_val_if_fail (id < cost->graph->n_symbols, 0);
  return cost->own[id];
}

gboolean
dv_cost_symbol_has_size (const DvCost *cost, DvSymbolId id)
{
  g_return_val_if_fail (id < cost->graph->n_symbols, FALSE);
  return cost->has_size[id] != 0;
}

gboolean
dv_cost_symbol_maybe_bss (const DvCost *cost, DvSymbolId id)
{
  g_return_val_if_fail (id < cost->graph->n_symbols, FALSE);
  return cost->has_size[id] == 2;
}

static guint64
subtree_bytes (const DvCost *cost, guint32 node)
{
  guint32 pre = cost->tree.pre[node];
  if (pre == G_MAXUINT32)
    return 0;
  return cost->prefix[pre + cost->tree.size[node]] - cost->prefix[pre];
}

guint64
dv_cost_symbol_retained (const DvCost *cost, DvSymbolId id)
{
  g_return_val_if_fail (id < cost->graph->n_symbols, 0);
  return subtree_bytes (cost, id);
}

guint64
dv_cost_package_size (const DvCost *cost, DvPackageId pkg)
{
  g_return_val_if_fail (pkg < cost->graph->n_packages, 0);
  return cost->package_own[pkg];
}

guint64
dv_cost_package_retained (const DvCost *cost, DvPackageId pkg)
{
  g_return_val_if_fail (pkg < cost->graph->n_packages, 0);
  return subtree_bytes (cost, cost->graph->n_symbols + pkg);
}

guint64
dv_cost_no_package_bytes (const DvCost *cost)
{
  return cost->no_package_bytes;
}

static gint
compare_package_bytes (gconstpointer a, gconstpointer b)
{
  const DvPackageBytes *x = a, *y = b;
  if (x->bytes != y->bytes)
    return x->bytes > y->bytes ? -1 : 1;
  return x->package < y->package ? -1 : x->package > y->package;
}

GArray *
dv_cost_retained_by_package (const DvCost *cost, DvSymbolId id)
{
  const DvGraph *g = cost->graph;
  GArray *out = g_array_new (FALSE, FALSE, sizeof (DvPackageBytes));
  g_autofree guint64 *bytes = g_new0 (guint64, (gsize) g->n_packages + 1);
  guint32 pre;

  g_return_val_if_fail (id < g->n_symbols, out);
  if ((pre = cost->tree.pre[id]) == G_MAXUINT32)
    return out;
  for (guint32 i = pre; i < pre + cost->tree.size[id]; i++)
    {
      guint32 v = cost->tree.by_pre[i];
      if (v >= g->n_symbols)
        continue; /* a gate */
      DvPackageId p = g->packages[v];
      bytes[p == DV_PACKAGE_NONE ? g->n_packages : p] += cost->own[v];
    }
  for (guint p = 0; p <= g->n_packages; p++)
    if (bytes[p] > 0)
      {
        DvPackageBytes pb = { p == g->n_packages ? DV_PACKAGE_NONE : p, bytes[p] };
        g_array_append_val (out, pb);
      }
  g_array_sort (out, compare_package_bytes);
  return out;
}

static gint
compare_items (gconstpointer a, gconstpointer b, gpointer by_retained)
{
  const DvCostItem *x = a, *y = b;
  guint64 vx = by_retained ? x->retained : x->size, vy = by_retained ? y->retained : y->size;
  if (vx != vy)
    return vx > vy ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

GArray *
dv_cost_top (const DvCost *cost, gboolean packages, gboolean by_retained, guint n)
{
  const DvGraph *g = cost->graph;
  GArray *items = g_array_new (FALSE, FALSE, sizeof (DvCostItem));
  guint count = packages ? g->n_packages : g->n_symbols;

  for (guint32 id = 0; id < count; id++)
    {
      DvCostItem it = { packages, id, 0, 0 };
      if (packages)
        {
          it.size = cost->package_own[id];
          it.retained = dv_cost_package_retained (cost, id);
        }
      else
        {
          if (id == g->root || g->depth[id] == DV_DEPTH_UNREACHABLE)
            continue;
          it.size = cost->own[id];
          it.retained = subtree_bytes (cost, id);
        }
      if (it.size == 0 && it.retained == 0)
        continue;
      g_array_append_val (items, it);
    }
  g_array_sort_with_data (items, compare_items, GINT_TO_POINTER (by_retained));
  if (items->len > n)
    g_array_set_size (items, n);
  return items;
}
