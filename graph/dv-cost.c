/* dv-cost.c: sizes matched to a dump's symbols; own and retained sizes of
 * symbols and packages. */
#include "config.h"

#include "dv-cost.h"
#include "dv-graph-private.h"
#include "dv-names-private.h"

#include <string.h>

struct _DvCost
{
  gint          ref_count;
  DvGraph      *graph;
  DvSizes      *sizes;
  DvCostSummary summary;
  guint64      *own;        /* by symbol: file bytes */
  guint8       *has_size;   /* by symbol: 1 sized, 2 sized and maybe bss */
  guint64      *package_own;
  guint64      *package_retained;
  /* dominator tree over the symbols */
  /* the graph's dominator tree (dv_analysis_dominators) */
  const guint32 *dom_pre, *dom_size, *dom_by_pre;
  guint          dom_n;
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
      gsize name_len = strlen (e->name);
      /* the linker names the ABI0 copy of a function X.abi0 when an
       * ABIInternal X exists; the dump prints both as X */
      if (id == DV_SYMBOL_NONE && name_len > 5 && strcmp (e->name + name_len - 5, ".abi0") == 0)
        id = dv_graph_find_symbol (g, e->name, (gssize) (name_len - 5));
      if (storage == DV_STORAGE_MEMORY)
        {
          sum->memory_bytes += e->size;
          if (id != DV_SYMBOL_NONE)
            c->has_size[id] = MAX (c->has_size[id], 1);
          continue;
        }
      if (id == DV_SYMBOL_NONE)
        {
          if (is_pooled_block (e->name)
              || dv_symbol_name_content_addressable (e->name, strlen (e->name)))
            {
              sum->shared_bytes += e->size;
              sum->pooled_bytes += e->size;
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
      if (g->roles[id] == DV_NAME_ROLE_NONE
          && dv_symbol_name_content_addressable (g->names[id], g->name_lens[id]))
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
      guint64 explained = sum->matched_bytes + sum->pooled_bytes;
      sum->unexplained_bytes = sum->total_bytes > explained ? sum->total_bytes - explained : 0;
      sum->excess_bytes = explained > sum->total_bytes ? explained - sum->total_bytes : 0;
    }

  c->package_own = g_new0 (guint64, MAX (g->n_packages, 1u));
  for (DvSymbolId id = 0; id < g->n_symbols; id++)
    {
      if (g->packages[id] != DV_PACKAGE_NONE)
        c->package_own[g->packages[id]] += c->own[id];
    }
}

/* The dominator tree of the recorded edges (dep and call): a symbol's
 * retained bytes are those of its subtree. */
static gpointer
build_symbol_tree_cb (gpointer data)
{
  DvCost *c = data;

  dv_analysis_dominators (c->graph, &c->dom_pre, &c->dom_size, &c->dom_by_pre, &c->dom_n);
  return NULL;
}

static void
sum_subtrees (DvCost *c)
{
  c->prefix = g_new0 (guint64, (gsize) c->dom_n + 1);
  for (guint i = 0; i < c->dom_n; i++)
    c->prefix[i + 1] = c->prefix[i] + c->own[c->dom_by_pre[i]];
}

/* What would leave if all of a package's symbols left: the symbols every
 * path from the root to which visits the package. For each symbol, the
 * set of packages on every path to it,
 *
 *   PD(v) = {package(v)} ∪ ⋂ PD(u) over its parents u,   PD(root) = ∅,
 *
 * is a gen-only dataflow problem, so iterating over reverse postorder from
 * "every package" reaches the meet over all paths, as the classic
 * iterative dominator algorithm does. The sets are short (the packages
 * above a symbol) and few differ, so they are interned: a symbol holds a
 * set number, and most steps reuse their parent's set. A package's
 * retained bytes are then the bytes of the symbols whose set holds it. */

#define SET_TOP G_MAXUINT32   /* not yet known: every package */

typedef struct {
  GArray     *offsets;  /* guint32: set i is pool[offsets[i] .. offsets[i + 1]) */
  GArray     *pool;     /* guint32 package ids, each set sorted */
  GHashTable *index;    /* SetKey * -> set number + 1 */
  GHashTable *plus;     /* (set, package) -> set number + 1 */
} SetTable;

typedef struct {
  const SetTable *table;
  const guint32  *members; /* for lookups of a set not yet in the pool */
  guint32         len;
  guint32         id;      /* SET_TOP for a probe */
} SetKey;

static const guint32 *
set_members (const SetTable *t, guint32 id, guint32 *len)
{
  guint32 a = g_array_index (t->offsets, guint32, id);
  *len = g_array_index (t->offsets, guint32, id + 1) - a;
  return &g_array_index (t->pool, guint32, a);
}

static guint
set_key_hash (gconstpointer p)
{
  const SetKey *k = p;
  guint h = 5381 + k->len;
  for (guint32 i = 0; i < k->len; i++)
    h = h * 33 + k->members[i];
  return h;
}

static gboolean
set_key_equal (gconstpointer a, gconstpointer b)
{
  const SetKey *x = a, *y = b;
  /* the empty set has no members array: memcmp must not see NULL */
  return x->len == y->len
         && (x->len == 0 || memcmp (x->members, y->members, sizeof (guint32) * x->len) == 0);
}

static guint32
set_intern (SetTable *t, const guint32 *members, guint32 len)
{
  SetKey probe = { t, members, len, SET_TOP };
  gpointer v = g_hash_table_lookup (t->index, &probe);
  if (v != NULL)
    return GPOINTER_TO_UINT (v) - 1;

  guint32 id = t->offsets->len - 1;
  g_array_append_vals (t->pool, members, len);
  guint32 end = t->pool->len;
  g_array_append_val (t->offsets, end);
  /* the key points into a copy: the pool moves as it grows */
  SetKey *key = g_new (SetKey, 1);
  guint32 *copy = g_memdup2 (members, sizeof (guint32) * MAX (len, 1u));
  *key = (SetKey) { t, copy, len, id };
  g_hash_table_insert (t->index, key, GUINT_TO_POINTER (id + 1));
  return id;
}

/* g_int64_hash folds the halves with xor, and (set, package) pairs are
 * exactly what that folds together: mix them instead */
static guint
pair_hash (gconstpointer p)
{
  guint64 x = *(const guint64 *) p;
  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  x ^= x >> 33;
  return (guint) x;
}

static void
set_key_free (gpointer p)
{
  SetKey *k = p;
  g_free ((gpointer) k->members);
  g_free (k);
}

/* set ∪ {package}, remembered: most symbols add their package to their
 * parent's set, which holds it already or gives one same new set */
static guint32
set_plus (SetTable *t, guint32 id, guint32 package, GArray *buf)
{
  guint32 len;
  const guint32 *m = set_members (t, id, &len);
  guint32 lo = 0, hi = len;

  /* most symbols are in a package already above them */
  while (lo < hi)
    {
      guint32 mid = (lo + hi) / 2;
      if (m[mid] < package)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < len && m[lo] == package)
    return id;

  guint64 key = ((guint64) id << 32) | package;
  gpointer v = g_hash_table_lookup (t->plus, &key);
  if (v != NULL)
    return GPOINTER_TO_UINT (v) - 1;
  g_array_set_size (buf, 0);
  g_array_append_vals (buf, m, lo);
  g_array_append_val (buf, package);
  g_array_append_vals (buf, m + lo, len - lo);
  guint32 result = set_intern (t, (const guint32 *) buf->data, buf->len);
  guint64 *k = g_new (guint64, 1);
  *k = key;
  g_hash_table_insert (t->plus, k, GUINT_TO_POINTER (result + 1));
  return result;
}

static void
compute_package_retained (DvCost *c)
{
  DvGraph *g = c->graph;
  guint n = g->n_symbols;
  SetTable t;
  guint32 *pd = g_new (guint32, MAX (n, 1u));
  guint32 *order = g_new (guint32, MAX (n, 1u));  /* reverse postorder, from the tree */
  g_autoptr(GArray) buf = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) meet = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint n_order = 0;

  t.offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
  t.pool = g_array_new (FALSE, FALSE, sizeof (guint32));
  t.index = g_hash_table_new_full (set_key_hash, set_key_equal, set_key_free, NULL);
  t.plus = g_hash_table_new_full (pair_hash, g_int64_equal, g_free, NULL);
  guint32 zero = 0;
  g_array_append_val (t.offsets, zero);
  guint32 empty = set_intern (&t, NULL, 0);

  /* the order of the search from the root: a symbol after the parent it
   * was found through */
  for (DvSymbolId v = 0; v < n; v++)
    if (g->bfs_order[v] != G_MAXUINT32)
      order[g->bfs_order[v]] = v;
  n_order = g->stats.reachable_symbols + 1;
  memset (pd, 0xff, sizeof (guint32) * n);
  pd[g->root] = empty;

  gboolean changed = TRUE;
  guint passes = 0;
  while (changed)
    {
      changed = FALSE;
      passes++;
      for (guint i = 0; i < n_order; i++)
        {
          DvSymbolId v = order[i];
          if (v == g->root)
            continue;
          guint32 acc = SET_TOP;
          gboolean many = FALSE;
          for (guint32 k = g->in_index[v]; k < g->in_index[v + 1]; k++)
            {
              guint32 s = pd[g->in_edges[k].symbol];
              if (s == SET_TOP || s == acc)
                continue;
              if (acc == SET_TOP)
                {
                  acc = s;
                  continue;
                }
              /* intersect acc (or the running meet) with s */
              guint32 la, lb;
              const guint32 *a, *b = set_members (&t, s, &lb);
              if (!many)
                {
                  a = set_members (&t, acc, &la);
                  g_array_set_size (meet, 0);
                  g_array_append_vals (meet, a, la);
                  many = TRUE;
                }
              guint32 w = 0, x = 0, y = 0;
              guint32 *m = (guint32 *) meet->data;
              while (x < meet->len && y < lb)
                {
                  if (m[x] < b[y])
                    x++;
                  else if (m[x] > b[y])
                    y++;
                  else
                    {
                      m[w++] = m[x];
                      x++;
                      y++;
                    }
                }
              g_array_set_size (meet, w);
            }
          if (acc == SET_TOP)
            continue; /* no parent known yet */
          if (many)
            acc = set_intern (&t, (const guint32 *) meet->data, meet->len);
          DvPackageId p = g->packages[v];
          guint32 result = p == DV_PACKAGE_NONE ? acc : set_plus (&t, acc, p, buf);
          if (result != pd[v])
            {
              pd[v] = result;
              changed = TRUE;
            }
        }
    }

  /* bytes by set, then by package */
  guint n_sets = t.offsets->len - 1;
  guint64 *set_bytes = g_new0 (guint64, MAX (n_sets, 1u));
  for (guint i = 0; i < n_order; i++)
    if (pd[order[i]] != SET_TOP)
      set_bytes[pd[order[i]]] += c->own[order[i]];
  c->package_retained = g_new0 (guint64, MAX (g->n_packages, 1u));
  for (guint32 s = 0; s < n_sets; s++)
    {
      guint32 len;
      const guint32 *m = set_members (&t, s, &len);
      for (guint32 i = 0; i < len; i++)
        c->package_retained[m[i]] += set_bytes[s];
    }
  g_debug ("package retained: %u sets for %u symbols, %u passes", n_sets, n_order, passes);

  g_free (set_bytes);
  g_free (pd);
  g_free (order);
  g_hash_table_unref (t.index);
  g_hash_table_unref (t.plus);
  g_array_unref (t.offsets);
  g_array_unref (t.pool);
}

DvCost *
dv_cost_new (DvGraph *graph, DvSizes *sizes)
{
  DvCost *c = g_new0 (DvCost, 1);

  c->ref_count = 1;
  c->graph = dv_graph_ref (graph);
  c->sizes = dv_sizes_ref (sizes);
  gint64 t0 = g_get_monotonic_time ();
  /* the tree needs only the graph, the sizes only the names: side by side */
  GThread *tree = g_thread_try_new ("depview-dominators", build_symbol_tree_cb, c, NULL);
  match_sizes (c);
  if (tree != NULL)
    g_thread_join (tree);
  else
    build_symbol_tree_cb (c);
  gint64 t1 = g_get_monotonic_time ();
  sum_subtrees (c);
  compute_package_retained (c);
  g_debug ("sizes and dominators %.1f ms, package retained %.1f ms",
           (t1 - t0) / 1e3, (g_get_monotonic_time () - t1) / 1e3);
  return c;
}

DvCost *
dv_cost_ref (DvCost *cost)
{
  g_return_val_if_fail (cost != NULL, NULL);
  g_atomic_int_inc (&cost->ref_count);
  return cost;
}

void
dv_cost_free (DvCost *cost)
{
  if (cost == NULL || !g_atomic_int_dec_and_test (&cost->ref_count))
    return;
  g_free (cost->prefix);
  g_free (cost->own);
  g_free (cost->has_size);
  g_free (cost->package_own);
  g_free (cost->package_retained);
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
dv_cost_symbol_maybe_bss (const DvCost *cost, DvSymbolId id)
{
  g_return_val_if_fail (id < cost->graph->n_symbols, FALSE);
  return cost->has_size[id] == 2;
}

static guint64
subtree_bytes (const DvCost *cost, guint32 node)
{
  guint32 pre = cost->dom_pre[node];
  if (pre == G_MAXUINT32)
    return 0;
  return cost->prefix[pre + cost->dom_size[node]] - cost->prefix[pre];
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
  return cost->package_retained[pkg];
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
  if ((pre = cost->dom_pre[id]) == G_MAXUINT32)
    return out;
  for (guint32 i = pre; i < pre + cost->dom_size[id]; i++)
    {
      guint32 v = cost->dom_by_pre[i];
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
