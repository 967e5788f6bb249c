/* dv-analysis.c: what would go with a symbol, who disables method
 * elimination, and what one dump adds to another. */
#include "config.h"

#include "dv-analysis.h"
#include "dv-graph-private.h"
#include "dv-dominators.h"

#include <string.h>

/* ---------------------------------------------------------------------- */
/* Dominators over every recorded edge (dv-dominators.c). */

static void ensure_dominators (const DvGraph *graph);

static void
build_dominators (DvGraph *g)
{
  guint n = g->n_symbols;
  gsize n_out = g->out_index[n], n_in = g->in_index[n];
  guint32 *succ = g_new (guint32, MAX (n_out, 1u));
  guint32 *pred = g_new (guint32, MAX (n_in, 1u));
  DvDomTree tree;

  for (gsize e = 0; e < n_out; e++)
    succ[e] = g->out_edges[e].symbol;
  for (gsize e = 0; e < n_in; e++)
    pred[e] = g->in_edges[e].symbol;
  dv_dom_tree_compute (&tree, n, g->root, g->out_index, succ, g->in_index, pred, G_MAXUINT32);
  g_free (succ);
  g_free (pred);
  g->dom_pre = g_steal_pointer (&tree.pre);
  g->dom_size = g_steal_pointer (&tree.size);
  g->dom_order = g_steal_pointer (&tree.by_pre);
  dv_dom_tree_clear (&tree);
}

void
dv_analysis_dominators (const DvGraph *graph, const guint32 **pre, const guint32 **size,
                        const guint32 **by_pre, guint *n_reached)
{
  ensure_dominators (graph);
  *pre = graph->dom_pre;
  *size = graph->dom_size;
  *by_pre = graph->dom_order;
  *n_reached = graph->dom_pre[graph->root] == G_MAXUINT32 ? 0 : graph->dom_size[graph->root];
}

static void
ensure_dominators (const DvGraph *graph)
{
  /* the graph is immutable but for this cache, filled once under a lock */
  DvGraph *g = (DvGraph *) graph;

  g_mutex_lock (&g->dominators_lock);
  if (g->dom_pre == NULL)
    build_dominators (g);
  g_mutex_unlock (&g->dominators_lock);
}

static gint
compare_counts (gconstpointer a, gconstpointer b)
{
  const DvPackageCount *x = a, *y = b;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return x->package < y->package ? -1 : x->package > y->package;
}

static gint
compare_bfs_order (gconstpointer a, gconstpointer b, gpointer data)
{
  const DvGraph *g = data;
  guint32 x = g->bfs_order[*(const DvSymbolId *) a];
  guint32 y = g->bfs_order[*(const DvSymbolId *) b];
  return x < y ? -1 : x > y;
}

gboolean
dv_removal_compute (const DvGraph *graph, DvSymbolId id, guint limit, DvRemoval *out)
{
  memset (out, 0, sizeof *out);
  g_return_val_if_fail (id < graph->n_symbols, FALSE);
  if (id == graph->root || graph->depth[id] == DV_DEPTH_UNREACHABLE)
    return FALSE;
  ensure_dominators (graph);
  if (graph->dom_pre[id] == G_MAXUINT32)
    return FALSE;

  guint32 first = graph->dom_pre[id], n = graph->dom_size[id];
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  GArray *all = g_array_sized_new (FALSE, FALSE, sizeof (DvSymbolId), n);

  out->n_removed = n;
  for (guint32 k = first; k < first + n; k++)
    {
      DvSymbolId s = graph->dom_order[k];
      DvPackageId p = graph->packages[s];
      gpointer key = GUINT_TO_POINTER (p == DV_PACKAGE_NONE ? 0 : p + 1);
      g_hash_table_insert (counts, key,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1));
      if (graph->kinds[s] == DV_SYMBOL_KIND_FUNCTION)
        out->n_functions++;
      g_array_append_val (all, s);
    }
  g_array_sort_with_data (all, compare_bfs_order, (gpointer) graph);
  if (all->len > limit)
    g_array_set_size (all, limit);
  out->symbols = all;

  out->by_package = g_array_new (FALSE, FALSE, sizeof (DvPackageCount));
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init (&it, counts);
  while (g_hash_table_iter_next (&it, &key, &value))
    {
      guint k = GPOINTER_TO_UINT (key);
      DvPackageCount c = { k == 0 ? DV_PACKAGE_NONE : k - 1, GPOINTER_TO_UINT (value) };
      g_array_append_val (out->by_package, c);
    }
  g_array_sort (out->by_package, compare_counts);
  return TRUE;
}

void
dv_removal_clear (DvRemoval *removal)
{
  g_clear_pointer (&removal->by_package, g_array_unref);
  g_clear_pointer (&removal->symbols, g_array_unref);
}

/* ---------------------------------------------------------------------- */
/* Reflect culprits. */

static gboolean
reachable_function (const DvGraph *g, DvSymbolId id)
{
  return g->kinds[id] == DV_SYMBOL_KIND_FUNCTION && g->depth[id] != DV_DEPTH_UNREACHABLE;
}

/* The first element of the import path has no dot, and it is not main. */
static gboolean
package_is_std (const DvGraph *g, DvSymbolId id)
{
  DvPackageId p = g->packages[id];
  if (p == DV_PACKAGE_NONE)
    return FALSE;
  const char *path = g->package_names[p];
  gsize first = strcspn (path, "/");
  return strcmp (path, "main") != 0 && memchr (path, '.', first) == NULL;
}

/* The method of "pkg.T.M" or "pkg.(*T).M": the text after the last dot,
 * when there are two dots after the last slash outside brackets; else NULL. */
static const char *
method_name (const char *name)
{
  const char *last = NULL;
  guint dots = 0, depth = 0;

  for (const char *p = name; *p; p++)
    {
      if (*p == '[' || *p == '(')
        depth++;
      else if ((*p == ']' || *p == ')') && depth > 0)
        depth--;
      else if (depth == 0 && *p == '/')
        dots = 0;
      else if (depth == 0 && *p == '.')
        {
          dots++;
          last = p + 1;
        }
    }
  return dots >= 2 ? last : NULL;
}

static gboolean
is_exported_method (const char *name)
{
  const char *m = method_name (name);

  if (m == NULL || !g_utf8_validate (m, -1, NULL) || !g_unichar_isupper (g_utf8_get_char (m)))
    return FALSE;
  for (const char *p = m; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isalnum (g_utf8_get_char (p)) && *p != '_')
      return FALSE;
  return TRUE;
}

/* Code that only passes a call on: a closure's enclosing function in
 * reflect ("reflect.Value.Methods" for "reflect.Value.Methods.func1"), or a
 * standard library wrapper of the same method ("reflect.(*Value).Method",
 * encoding/json/v2's promoted "addressableValue.Methods"). */
static gboolean
passes_on (const DvGraph *g, DvPackageId reflect, DvSymbolId outer, DvSymbolId inner)
{
  const char *o = g->names[outer], *in = g->names[inner];
  gsize olen = g->name_lens[outer];

  if (g->packages[outer] == reflect && g->name_lens[inner] > olen
      && memcmp (in, o, olen) == 0 && (in[olen] == '.' || in[olen] == '-'))
    return TRUE;
  const char *mo = method_name (o), *mi = method_name (in);
  return package_is_std (g, outer) && mo != NULL && mi != NULL && strcmp (mo, mi) == 0;
}

/* Appends to `found` the functions that call or refer to `id`, going up
 * through what only passes a call on; reflect's other functions call its
 * lookups too, and are not the culprit. Parents come in file order: the
 * linker's recorded reason first. Returns whether there was one, listed
 * before or not. */
static gboolean
outside_callers (const DvGraph *g, DvPackageId reflect, DvSymbolId id, DvSymbolId via,
                 GHashTable *visited, GHashTable *listed, GArray *found)
{
  gboolean any = FALSE;
  guint n;
  const DvEdge *parents = dv_graph_parents (g, id, &n);

  for (guint k = 0; k < n; k++)
    {
      DvSymbolId p = parents[k].symbol;
      if (parents[k].kind == DV_EDGE_ROOT || p == id || !reachable_function (g, p)
          || g_hash_table_contains (visited, GUINT_TO_POINTER (p)))
        continue;
      g_hash_table_add (visited, GUINT_TO_POINTER (p));
      if (passes_on (g, reflect, p, id))
        any |= outside_callers (g, reflect, p, via, visited, listed, found);
      else if (g->packages[p] != reflect)
        {
          any = TRUE;
          if (g_hash_table_add (listed, GUINT_TO_POINTER (p)))
            {
              DvReflectCulprit c = { p, via, FALSE, package_is_std (g, p) };
              g_array_append_val (found, c);
            }
        }
    }
  return any;
}

static gboolean
kept_only_by_types (const DvGraph *g, DvSymbolId id)
{
  guint n, types = 0;
  const DvEdge *parents = dv_graph_parents (g, id, &n);

  for (guint k = 0; k < n; k++)
    {
      if (parents[k].symbol == id)
        continue;
      if (g->kinds[parents[k].symbol] != DV_SYMBOL_KIND_TYPE)
        return FALSE;
      types++;
    }
  return types > 0;
}

static void
find_kept_by_type (const DvGraph *g, guint n_examples, DvReflectReport *out)
{
  g_autoptr(GArray) std = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));

  for (DvSymbolId id = 0; id < g->n_symbols; id++)
    if (reachable_function (g, id) && is_exported_method (g->names[id]) && kept_only_by_types (g, id))
      {
        out->n_kept_by_type++;
        if (!package_is_std (g, id) && out->kept_by_type->len < n_examples)
          g_array_append_val (out->kept_by_type, id);
        else if (package_is_std (g, id) && std->len < n_examples)
          g_array_append_val (std, id);
      }
  for (guint i = 0; i < std->len && out->kept_by_type->len < n_examples; i++)
    g_array_append_val (out->kept_by_type, g_array_index (std, DvSymbolId, i));
}

/* ---------------------------------------------------------------------- */
/* What removing one culprit would free. */

/* Whether the linker draws parent -> child from a type descriptor to an
 * exported method of its type: with no <ReflectMethod> function reachable
 * it keeps that method only when an interface call needs it. */
static gboolean
method_edge (const DvGraph *g, DvSymbolId parent, DvSymbolId child, guint8 *exported)
{
  if (g->kinds[parent] != DV_SYMBOL_KIND_TYPE || g->kinds[child] != DV_SYMBOL_KIND_FUNCTION)
    return FALSE;
  /* a type's own eq and hash functions ("type:.eq.main.T") are no methods */
  if (exported[child] == 0)
    exported[child] = is_exported_method (g->names[child]) && !g_str_has_prefix (g->names[child], "type.")
                      && !g_str_has_prefix (g->names[child], "type:") ? 2 : 1;
  return exported[child] == 2;
}

/* Dominators over the recorded edges but those of method_edge: what stays
 * reachable without anything that type descriptors keep for reflection. */
static void
direct_dominators (const DvGraph *g, DvDomTree *tree)
{
  guint n = g->n_symbols;
  gsize n_out = g->out_index[n], n_in = g->in_index[n], k = 0;
  g_autofree guint8 *exported = g_new0 (guint8, MAX (n, 1u));
  g_autofree guint32 *succ_index = g_new (guint32, (gsize) n + 1);
  g_autofree guint32 *pred_index = g_new (guint32, (gsize) n + 1);
  g_autofree guint32 *succ = g_new (guint32, MAX (n_out, 1u));
  g_autofree guint32 *pred = g_new (guint32, MAX (n_in, 1u));

  for (DvSymbolId s = 0; s < n; s++)
    {
      succ_index[s] = (guint32) k;
      for (gsize e = g->out_index[s]; e < g->out_index[s + 1]; e++)
        if (!method_edge (g, s, g->out_edges[e].symbol, exported))
          succ[k++] = g->out_edges[e].symbol;
    }
  succ_index[n] = (guint32) k;
  k = 0;
  for (DvSymbolId s = 0; s < n; s++)
    {
      pred_index[s] = (guint32) k;
      for (gsize e = g->in_index[s]; e < g->in_index[s + 1]; e++)
        if (!method_edge (g, g->in_edges[e].symbol, s, exported))
          pred[k++] = g->in_edges[e].symbol;
    }
  pred_index[n] = (guint32) k;
  dv_dom_tree_compute (tree, n, g->root, succ_index, succ, pred_index, pred, G_MAXUINT32);
}

static gboolean
dominates (const guint32 *pre, const guint32 *size, DvSymbolId x, DvSymbolId y)
{
  return pre[x] != G_MAXUINT32 && pre[y] != G_MAXUINT32 && pre[y] >= pre[x] && pre[y] - pre[x] < size[x];
}

/* For each culprit, the others that go with it and whether anything that
 * turns the rule on stays: another culprit, or a marked function of
 * reflect's that none of them stands for. */
static void
attribute_culprits (const DvGraph *g, DvReflectReport *out)
{
  guint n_culprits = out->culprits->len;
  g_autoptr(GArray) switches = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));
  g_autoptr(GHashTable) listed = g_hash_table_new (NULL, NULL);
  DvDomTree direct;

  for (guint i = 0; i < n_culprits; i++)
    {
      DvSymbolId s = g_array_index (out->culprits, DvReflectCulprit, i).symbol;
      g_array_append_val (switches, s);
      g_hash_table_add (listed, GUINT_TO_POINTER (s));
    }
  for (DvSymbolId id = 0; id < g->n_symbols; id++)
    if ((g->flags[id] & DV_SYMBOL_FLAG_REFLECT_METHOD) && reachable_function (g, id)
        && !g_hash_table_contains (listed, GUINT_TO_POINTER (id)))
      g_array_append_val (switches, id);

  ensure_dominators (g);
  direct_dominators (g, &direct);
  for (guint i = 0; i < n_culprits; i++)
    {
      DvReflectCulprit *c = &g_array_index (out->culprits, DvReflectCulprit, i);
      DvSymbolId left = DV_SYMBOL_NONE, left_direct = DV_SYMBOL_NONE;

      c->dominated = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint k = 0; k < switches->len; k++)
        {
          DvSymbolId s = g_array_index (switches, DvSymbolId, k);
          if (s == c->symbol)
            continue;
          if (dominates (g->dom_pre, g->dom_size, c->symbol, s))
            {
              if (k < n_culprits)
                g_array_append_val (c->dominated, k);
              continue;
            }
          c->n_remaining += k < n_culprits;
          if (left == DV_SYMBOL_NONE)
            left = s;
          if (direct.pre[s] != G_MAXUINT32 && !dominates (direct.pre, direct.size, c->symbol, s))
            {
              c->n_remaining_direct += k < n_culprits;
              if (left_direct == DV_SYMBOL_NONE)
                left_direct = s;
            }
        }
      c->frees = left == DV_SYMBOL_NONE ? DV_REFLECT_FREES_METHODS
               : left_direct != DV_SYMBOL_NONE ? DV_REFLECT_FREES_NOTHING
               : DV_REFLECT_FREES_UNLESS_INTERFACE;
      c->stays = left_direct != DV_SYMBOL_NONE ? left_direct : left;
    }
  dv_dom_tree_clear (&direct);
}

guint64
dv_reflect_kept_bytes (const DvGraph *graph, const DvCost *cost)
{
  guint64 bytes = 0;

  g_return_val_if_fail (dv_cost_get_graph (cost) == graph, 0);
  for (DvSymbolId id = 0; id < graph->n_symbols; id++)
    if (reachable_function (graph, id) && is_exported_method (graph->names[id]) && kept_only_by_types (graph, id))
      bytes += dv_cost_symbol_size (cost, id);
  return bytes;
}

static gint
compare_culprit_symbols (gconstpointer a, gconstpointer b)
{
  const DvReflectCulprit *x = a, *y = b;
  return x->symbol < y->symbol ? -1 : x->symbol > y->symbol;
}

void
dv_reflect_report_compute (const DvGraph *graph, guint n_examples, DvReflectReport *out)
{
  static const char *const lookups[] = {
    "reflect.Value.Method", "reflect.Value.MethodByName",
    "reflect.(*rtype).Method", "reflect.(*rtype).MethodByName",
    NULL
  };
  DvPackageId reflect = dv_graph_find_package (graph, "reflect");
  g_autoptr(GHashTable) listed = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (DvReflectCulprit));
  gboolean flags_seen = FALSE;

  memset (out, 0, sizeof *out);
  out->certain = G_MAXUINT;
  out->culprits = g_array_new (FALSE, FALSE, sizeof (DvReflectCulprit));
  out->kept_by_type = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));

  /* symbol ids follow first appearance: the first flagged is the one the
   * linker marked first */
  for (DvSymbolId id = 0; id < graph->n_symbols; id++)
    {
      if (!(graph->flags[id] & DV_SYMBOL_FLAG_REFLECT_METHOD))
        continue;
      flags_seen = TRUE;
      if (!reachable_function (graph, id))
        continue;
      g_autoptr(GHashTable) visited = g_hash_table_new (NULL, NULL);
      if (reflect != DV_PACKAGE_NONE && graph->packages[id] == reflect
          && outside_callers (graph, reflect, id, id, visited, listed, found))
        continue;
      if (g_hash_table_add (listed, GUINT_TO_POINTER (id)))
        {
          DvReflectCulprit c = { id, id, FALSE, package_is_std (graph, id) };
          g_array_append_val (found, c);
        }
    }
  out->determinable = flags_seen
    || dv_graph_find_symbol (graph, "go:main.inittasks", -1) != DV_SYMBOL_NONE;

  if (!out->determinable)
    {
      for (guint i = 0; reflect != DV_PACKAGE_NONE && lookups[i] != NULL; i++)
        {
          DvSymbolId target = dv_graph_find_symbol (graph, lookups[i], -1);
          if (target == DV_SYMBOL_NONE || graph->depth[target] == DV_DEPTH_UNREACHABLE)
            continue;
          g_autoptr(GHashTable) visited = g_hash_table_new (NULL, NULL);
          outside_callers (graph, reflect, target, target, visited, listed, found);
        }
      /* no candidate comes first: list them as the dump first names them */
      g_array_sort (found, compare_culprit_symbols);
    }
  else if (found->len > 0)
    {
      g_array_index (found, DvReflectCulprit, 0).certain = TRUE;
      out->certain = 0;
    }

  for (guint pass = 0; pass < 3; pass++)
    for (guint i = 0; i < found->len; i++)
      {
        DvReflectCulprit *c = &g_array_index (found, DvReflectCulprit, i);
        guint group = c->certain ? 0 : c->std ? 2 : 1;
        if (group == pass)
          g_array_append_val (out->culprits, *c);
      }

  find_kept_by_type (graph, n_examples, out);
  if (out->culprits->len > 0)
    attribute_culprits (graph, out);
}

void
dv_reflect_report_clear (DvReflectReport *report)
{
  for (guint i = 0; report->culprits != NULL && i < report->culprits->len; i++)
    g_clear_pointer (&g_array_index (report->culprits, DvReflectCulprit, i).dominated, g_array_unref);
  g_clear_pointer (&report->culprits, g_array_unref);
  g_clear_pointer (&report->kept_by_type, g_array_unref);
}

/* ---------------------------------------------------------------------- */

/* Go 1.20 respelled the compiler's symbols: "type." became "type:", the
 * "go." of compiler prefixes "go:", and shape types lost their index
 * ("go.shape.int_0" is "go.shape.int"). Real import paths also start with
 * "go." (go.etcd.io, go.uber.org), so only these words after "go." count. */
static const char *const go119_compiler_words[] = {
  "string.", "itab.", "info.", "loc.", "range.", "debuglines.", "debugranges.",
  "debugframe.", "debuglocs.", "pcinfo.", "cuinfo.", "builtin.", "func.", "importpath.",
  "struct ", "interface ", "(", "buildid", "map.", "constinfo.", "fipsinfo", "main.",
  "link.", "track.", "plugin.", "weak.",
  NULL
};

typedef enum { SPELLING_UNKNOWN, SPELLING_GO119, SPELLING_GO120 } Spelling;

/* Whether name starts "type" or "go" + sep + a compiler word. */
static gboolean
has_compiler_prefix (const char *name, gsize len, char sep)
{
  if (len > 5 && memcmp (name, "type", 4) == 0 && name[4] == sep)
    return TRUE;
  if (len < 4 || name[0] != 'g' || name[1] != 'o' || name[2] != sep)
    return FALSE;
  for (guint i = 0; go119_compiler_words[i] != NULL; i++)
    if (g_str_has_prefix (name + 3, go119_compiler_words[i]))
      return TRUE;
  return FALSE;
}

static Spelling
spelling_of (const DvGraph *g)
{
  guint old = 0, new = 0;

  for (DvSymbolId id = 0; id < g->n_symbols; id++)
    {
      old += has_compiler_prefix (g->names[id], g->name_lens[id], '.');
      new += has_compiler_prefix (g->names[id], g->name_lens[id], ':');
    }
  if (old == 0 && new == 0)
    return SPELLING_UNKNOWN;
  return old > new ? SPELLING_GO119 : SPELLING_GO120;
}

/* The end of the shape type that starts at p: the ',' or closing bracket
 * of the list it is in ("main.F[go.shape.int_0,go.shape.string_1]"); struct
 * tags in quotes hold any character. */
static const char *
shape_end (const char *p)
{
  guint depth = 0;

  for (; *p; p++)
    if (*p == '"')
      {
        while (p[1] != '\0' && p[1] != '"')
          p += p[1] == '\\' && p[2] != '\0' ? 2 : 1;
        if (p[1] == '\0')
          return p + 1;
        p++;
      }
    else if (*p == '(' || *p == '[' || *p == '{')
      depth++;
    else if (*p == ')' || *p == ']' || *p == '}')
      {
        if (depth == 0)
          break;
        depth--;
      }
    else if (*p == ',' && depth == 0)
      break;
  return p;
}

/* A Go 1.19 name as Go 1.20+ spells it. */
static char *
respell_go119 (const char *name, gsize len)
{
  GString *out = g_string_sized_new (len);
  const char *p = name, *shape;

  if (has_compiler_prefix (name, len, '.'))
    {
      gsize word = name[0] == 't' ? 4 : 2;
      g_string_append_len (out, name, (gssize) word);
      g_string_append_c (out, ':');
      p = name + word + 1;
    }
  while ((shape = strstr (p, "go.shape.")) != NULL)
    {
      const char *end = shape_end (shape + strlen ("go.shape."));
      const char *digits = end;
      while (digits > shape && g_ascii_isdigit (digits[-1]))
        digits--;
      g_string_append_len (out, p, end - p);
      if (digits < end && digits[-1] == '_')
        g_string_truncate (out, out->len - (gsize) (end - digits) - 1);
      p = end;
    }
  g_string_append (out, p);
  return g_string_free (out, FALSE);
}

/* A dump's names as they are compared: its own, or respelled from Go 1.19. */
typedef struct {
  const DvGraph *graph;
  char         **respelled;  /* NULL when the names are compared as they are */
  GHashTable    *index;      /* respelled name -> id + 1, a live one first */
} DiffSide;

static void
side_init (DiffSide *side, const DvGraph *g, gboolean respell)
{
  side->graph = g;
  side->respelled = NULL;
  side->index = NULL;
  if (!respell)
    return;
  side->respelled = g_new0 (char *, (gsize) g->n_symbols + 1);
  side->index = g_hash_table_new (g_str_hash, g_str_equal);
  for (DvSymbolId id = 0; id < g->n_symbols; id++)
    {
      side->respelled[id] = respell_go119 (g->names[id], g->name_lens[id]);
      /* shapes _0 and _1 become one name: it is live if either is */
      gpointer old = g_hash_table_lookup (side->index, side->respelled[id]);
      if (old == NULL || g->depth[GPOINTER_TO_UINT (old) - 1] == DV_DEPTH_UNREACHABLE)
        g_hash_table_insert (side->index, side->respelled[id], GUINT_TO_POINTER (id + 1));
    }
}

static void
side_clear (DiffSide *side)
{
  g_clear_pointer (&side->index, g_hash_table_unref);
  g_clear_pointer (&side->respelled, g_strfreev);
}

static const char *
side_name (const DiffSide *side, DvSymbolId id)
{
  return side->respelled ? side->respelled[id] : side->graph->names[id];
}

static gboolean
live_in (const DiffSide *side, const char *name)
{
  const DvGraph *g = side->graph;
  DvSymbolId id;

  if (side->index != NULL)
    id = GPOINTER_TO_UINT (g_hash_table_lookup (side->index, name)) - 1;
  else
    id = dv_graph_lookup_bytes (g, name, strlen (name));
  return id != DV_SYMBOL_NONE && g->depth[id] != DV_DEPTH_UNREACHABLE;
}

static void
one_way (const DiffSide *from_side, const DiffSide *other_side, GArray *symbols, GArray *packages)
{
  const DvGraph *from = from_side->graph, *other = other_side->graph;

  for (DvSymbolId id = 0; id < from->n_symbols; id++)
    if (id != from->root && from->depth[id] != DV_DEPTH_UNREACHABLE
        && !live_in (other_side, side_name (from_side, id)))
      g_array_append_val (symbols, id);
  g_array_sort_with_data (symbols, compare_bfs_order, (gpointer) from);

  for (DvPackageId p = 0; p < from->n_packages; p++)
    {
      if (from->package_n_reachable[p] == 0)
        continue;
      DvPackageId q = dv_graph_find_package (other, from->package_names[p]);
      if (q == DV_PACKAGE_NONE || other->package_n_reachable[q] == 0)
        g_array_append_val (packages, p);
    }
}

void
dv_diff_compute (const DvGraph *before, const DvGraph *after, DvDiff *out)
{
  Spelling sb = spelling_of (before), sa = spelling_of (after);
  DiffSide b, a;

  out->spellings_differ = sb != SPELLING_UNKNOWN && sa != SPELLING_UNKNOWN && sb != sa;
  side_init (&b, before, out->spellings_differ && sb == SPELLING_GO119);
  side_init (&a, after, out->spellings_differ && sa == SPELLING_GO119);
  out->added = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));
  out->removed = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));
  out->added_packages = g_array_new (FALSE, FALSE, sizeof (DvPackageId));
  out->removed_packages = g_array_new (FALSE, FALSE, sizeof (DvPackageId));
  one_way (&a, &b, out->added, out->added_packages);
  one_way (&b, &a, out->removed, out->removed_packages);
  side_clear (&b);
  side_clear (&a);
}

void
dv_diff_clear (DvDiff *diff)
{
  g_clear_pointer (&diff->added, g_array_unref);
  g_clear_pointer (&diff->removed, g_array_unref);
  g_clear_pointer (&diff->added_packages, g_array_unref);
  g_clear_pointer (&diff->removed_packages, g_array_unref);
}
