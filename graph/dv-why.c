/* dv-why.c: chains from the root, and what a user's query names. */
#include "config.h"

#include "dv-why.h"
#include "dv-graph-private.h"
#include "dv-names-private.h"

#include <string.h>

#define MAX_CANDIDATES 5

guint
dv_graph_symbol_depth (const DvGraph *graph, DvSymbolId id)
{
  g_return_val_if_fail (id < graph->n_symbols, DV_DEPTH_UNREACHABLE);
  return graph->depth[id];
}

gboolean
dv_graph_symbol_reachable (const DvGraph *graph, DvSymbolId id)
{
  return dv_graph_symbol_depth (graph, id) != DV_DEPTH_UNREACHABLE;
}

GArray *
dv_why_symbol (const DvGraph *graph, DvSymbolId id)
{
  GArray *chain;
  guint depth;

  g_return_val_if_fail (id < graph->n_symbols, NULL);
  depth = graph->depth[id];
  if (depth == DV_DEPTH_UNREACHABLE || id == graph->root)
    return NULL;
  chain = g_array_sized_new (FALSE, FALSE, sizeof (DvChainStep), depth);
  g_array_set_size (chain, depth);
  for (DvSymbolId s = id; s != graph->root; s = graph->bfs_parent[s])
    {
      depth--;
      g_array_index (chain, DvChainStep, depth).symbol = s;
      g_array_index (chain, DvChainStep, depth).via = graph->bfs_via[s];
    }
  g_assert (depth == 0);
  return chain;
}

GArray *
dv_why_package (const DvGraph *graph, DvPackageId pkg, DvSymbolId *target)
{
  DvSymbolId best;

  g_return_val_if_fail (pkg < graph->n_packages, NULL);
  best = graph->package_best[pkg];
  if (target)
    *target = best;
  if (best == DV_SYMBOL_NONE)
    return NULL;
  return dv_why_symbol (graph, best);
}

/* Part of the package's own initialisation: pkg.init, pkg.init.0,
 * pkg.init.func1, pkg..inittask, pkg.glob..func1, pkg.map.init.0. */
static gboolean
is_package_init (const DvGraph *graph, DvSymbolId id)
{
  const char *name = graph->names[id];
  gsize len = graph->name_lens[id], start, plen;

  if (!dv_names_package_span (name, len, &start, &plen) || start != 0 || plen + 1 >= len)
    return FALSE;
  const char *rest = name + plen + 1;
  gsize n = len - plen - 1;
#define REST_IS(lit) (n >= sizeof (lit) - 1 && memcmp (rest, lit, sizeof (lit) - 1) == 0)
  if (REST_IS ("init") && (n == 4 || rest[4] == '.'))
    return TRUE;
  return REST_IS (".inittask") || REST_IS ("glob..func") || REST_IS ("map.init.");
#undef REST_IS
}

GArray *
dv_why_package_code (const DvGraph *graph, DvPackageId pkg, DvSymbolId *target)
{
  guint n = graph->n_symbols;
  g_autofree DvSymbolId *parent = NULL;
  g_autofree guint8 *via = NULL;
  g_autofree guint32 *queue = NULL;
  guint head = 0, tail = 0;
  DvSymbolId found = DV_SYMBOL_NONE;

  g_return_val_if_fail (pkg < graph->n_packages, NULL);
  if (target)
    *target = DV_SYMBOL_NONE;
  if (graph->package_link[pkg] != DV_PACKAGE_LINK_CODE)
    return NULL;

  /* a breadth-first search like the load's (edges in file order), that
   * does not go through the package's own initialisation */
  parent = g_new (DvSymbolId, n);
  via = g_new0 (guint8, n);
  queue = g_new (guint32, n);
  memset (parent, 0xff, sizeof (DvSymbolId) * n);
  parent[graph->root] = graph->root;
  queue[tail++] = graph->root;
  while (head < tail && found == DV_SYMBOL_NONE)
    {
      DvSymbolId a = queue[head++];
      for (guint32 k = graph->out_index[a]; k < graph->out_index[a + 1]; k++)
        {
          DvSymbolId b = graph->out_edges[k].symbol;
          if (parent[b] != DV_SYMBOL_NONE)
            continue;
          parent[b] = a;
          via[b] = (guint8) (a == graph->root ? DV_EDGE_ROOT : graph->out_edges[k].kind);
          if (graph->packages[b] == pkg && is_package_init (graph, b))
            continue; /* reached, but not a way through */
          if (graph->packages[b] == pkg && graph->roles[b] == DV_NAME_ROLE_CODE)
            {
              found = b;
              break;
            }
          queue[tail++] = b;
        }
    }
  if (found == DV_SYMBOL_NONE)
    return NULL;
  if (target)
    *target = found;

  GArray *chain = g_array_new (FALSE, FALSE, sizeof (DvChainStep));
  for (DvSymbolId s = found; s != graph->root; s = parent[s])
    {
      DvChainStep step = { s, (DvEdgeKind) via[s] };
      g_array_prepend_val (chain, step);
    }
  return chain;
}

GArray *
dv_why_unlinked_package (const DvGraph *graph, const char *path, guint limit)
{
  gsize plen = strlen (path);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));

  if (plen == 0 || dv_graph_find_package (graph, path) != DV_PACKAGE_NONE)
    return ids;
  for (DvSymbolId id = 0; id < graph->n_symbols && ids->len < limit; id++)
    {
      const char *name = graph->names[id];
      gsize len = graph->name_lens[id], start, span;
      const char *hit = len > plen ? memmem (name, len, path, plen) : NULL;
      if (hit == NULL || hit[plen] != '.' || graph->packages[id] != DV_PACKAGE_NONE
          || !dv_names_package_span (name, len, &start, &span))
        continue;
      g_autofree char *pkg = dv_names_unescape_path (name + start, span);
      if (strcmp (pkg, path) == 0)
        g_array_append_val (ids, id);
    }
  return ids;
}

GArray *
dv_known_ancestors (const DvGraph *graph, DvSymbolId id)
{
  GArray *steps = g_array_new (FALSE, FALSE, sizeof (DvChainStep));
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  DvSymbolId s = id;

  g_return_val_if_fail (id < graph->n_symbols, steps);
  g_hash_table_add (seen, GUINT_TO_POINTER (s));
  for (;;)
    {
      guint n;
      const DvEdge *parents = dv_graph_parents (graph, s, &n);
      /* the first recorded parent is the linker's first reason */
      if (n == 0 || g_hash_table_contains (seen, GUINT_TO_POINTER (parents[0].symbol)))
        break;
      DvChainStep step = { parents[0].symbol, parents[0].kind };
      g_array_append_val (steps, step);
      s = parents[0].symbol;
      g_hash_table_add (seen, GUINT_TO_POINTER (s));
    }
  return steps;
}

/* ---------------------------------------------------------------------- */
/* Lookup                                                                  */

static void
set_found (DvLookup *out, DvLookupKind kind, guint id, const char *how)
{
  out->kind = kind;
  if (kind == DV_LOOKUP_SYMBOL)
    out->symbol = id;
  else
    out->package = id;
  out->how = how;
}

/* "pkg.(*T).M" for "pkg.T.M", and back. */
static DvSymbolId
find_other_receiver_form (const DvGraph *graph, const char *q)
{
  const char *star = strstr (q, ".(*");
  DvSymbolId found = DV_SYMBOL_NONE;

  if (star != NULL)
    {
      const char *close = strchr (star, ')');
      if (close == NULL)
        return DV_SYMBOL_NONE;
      g_autofree char *alt = g_strdup_printf ("%.*s.%.*s%s", (int) (star - q), q,
                                              (int) (close - star - 3), star + 3, close + 1);
      return dv_graph_find_symbol (graph, alt, -1);
    }

  /* try "(*X)" around each element after the package */
  const char *slash = strrchr (q, '/');
  const char *p = strchr (slash ? slash : q, '.');
  while (p != NULL && found == DV_SYMBOL_NONE)
    {
      const char *next = strchr (p + 1, '.');
      if (next == NULL)
        break;
      g_autofree char *alt = g_strdup_printf ("%.*s.(*%.*s)%s", (int) (p - q), q,
                                              (int) (next - p - 1), p + 1, next);
      found = dv_graph_find_symbol (graph, alt, -1);
      p = next;
    }
  return found;
}

static gboolean
is_primary_kind (DvSymbolKind kind)
{
  return kind == DV_SYMBOL_KIND_FUNCTION || kind == DV_SYMBOL_KIND_TYPE
         || kind == DV_SYMBOL_KIND_ITAB || kind == DV_SYMBOL_KIND_OTHER;
}

static gint
compare_by_length (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const DvGraph *g = user_data;
  DvSymbolId x = *(const DvSymbolId *) a, y = *(const DvSymbolId *) b;
  if (g->name_lens[x] != g->name_lens[y])
    return g->name_lens[x] < g->name_lens[y] ? -1 : 1;
  return x < y ? -1 : x > y;
}

static void
add_candidates (DvLookup *out, const DvGraph *graph, GArray *ids)
{
  g_array_sort_with_data (ids, compare_by_length, (gpointer) graph);
  for (guint i = 0; i < ids->len && out->candidates->len < MAX_CANDIDATES; i++)
    g_ptr_array_add (out->candidates,
                     g_strdup (graph->names[g_array_index (ids, DvSymbolId, i)]));
}

static gboolean
ends_element (const char *name, gsize len, gsize qlen)
{
  /* the query is a whole last element: "Fprintln" in "fmt.Fprintln" */
  return len > qlen && (name[len - qlen - 1] == '.' || name[len - qlen - 1] == '/');
}

static gboolean
find_substring (const DvGraph *graph, const char *q, DvLookup *out)
{
  gsize qlen = strlen (q);
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));
  g_autoptr(GArray) primary = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));
  g_autoptr(GArray) whole = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));

  for (DvSymbolId id = 0; id < graph->n_symbols; id++)
    {
      const char *name = graph->names[id];
      gsize len = graph->name_lens[id];
      const char *hit;
      if (len < qlen || id == graph->root || (hit = strstr (name, q)) == NULL)
        continue;
      g_array_append_val (all, id);
      if (!is_primary_kind (graph->kinds[id]))
        continue;
      g_array_append_val (primary, id);
      if (memcmp (name + len - qlen, q, qlen) == 0 && ends_element (name, len, qlen))
        g_array_append_val (whole, id);
    }
  if (all->len == 0)
    return FALSE;
  if (all->len == 1)
    set_found (out, DV_LOOKUP_SYMBOL, g_array_index (all, DvSymbolId, 0), "substring");
  else if (primary->len == 1)
    set_found (out, DV_LOOKUP_SYMBOL, g_array_index (primary, DvSymbolId, 0), "substring");
  else if (whole->len == 1)
    set_found (out, DV_LOOKUP_SYMBOL, g_array_index (whole, DvSymbolId, 0), "last name");
  else
    {
      out->kind = DV_LOOKUP_AMBIGUOUS;
      out->how = "substring";
      add_candidates (out, graph, whole->len ? whole : primary->len ? primary : all);
    }
  return TRUE;
}

static gboolean
find_package_by_last_element (const DvGraph *graph, const char *q, DvLookup *out)
{
  gsize qlen = strlen (q);
  DvPackageId found = DV_PACKAGE_NONE;
  guint n = 0;

  for (DvPackageId p = 0; p < graph->n_packages; p++)
    {
      const char *name = graph->package_names[p];
      gsize len = strlen (name);
      if (len > qlen && name[len - qlen - 1] == '/' && strcmp (name + len - qlen, q) == 0)
        {
          found = p;
          n++;
        }
    }
  if (n != 1)
    return FALSE;
  set_found (out, DV_LOOKUP_PACKAGE, found, "package");
  return TRUE;
}

/* Levenshtein distance, or bound + 1 when it is larger than bound. Only the
 * band |i - j| <= bound can hold a distance within the bound, so a long
 * name costs its length times the band, not times the query. */
static guint
bounded_distance (const char *a, gsize la, const char *b, gsize lb, guint bound, guint *row)
{
  const guint over = bound + 1;

  if ((la > lb ? la - lb : lb - la) > bound)
    return over;
  for (gsize j = 0; j <= lb; j++)
    row[j] = j <= bound ? (guint) j : over;
  for (gsize i = 1; i <= la; i++)
    {
      gsize lo = i > bound ? i - bound : 1;
      gsize hi = MIN (lb, i + bound);
      guint diag = row[lo - 1], best = over;
      row[lo - 1] = i <= bound ? (guint) i : over;
      for (gsize j = lo; j <= hi; j++)
        {
          guint up = row[j];
          guint v = diag + (a[i - 1] != b[j - 1]);
          v = MIN (v, up + 1);
          v = MIN (v, row[j - 1] + 1);
          v = MIN (v, over);
          row[j] = v;
          diag = up;
          best = MIN (best, v);
        }
      if (hi < lb)
        row[hi + 1] = over; /* outside the band from here on */
      if (best > bound)
        return over;
    }
  return row[lb];
}

typedef struct { guint distance; gsize len; const char *name; } Suggestion;

static gint
compare_suggestions (gconstpointer a, gconstpointer b)
{
  const Suggestion *x = a, *y = b;
  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;
  if (x->len != y->len)
    return x->len < y->len ? -1 : 1;
  return strcmp (x->name, y->name);
}

static void
offer (GArray *best, guint *bound, const char *name, gsize len, guint d)
{
  Suggestion s = { d, len, name };

  for (guint i = 0; i < best->len; i++)
    if (strcmp (g_array_index (best, Suggestion, i).name, name) == 0)
      return;
  g_array_append_val (best, s);
  g_array_sort (best, compare_suggestions);
  if (best->len > MAX_CANDIDATES)
    g_array_set_size (best, MAX_CANDIDATES);
  if (best->len == MAX_CANDIDATES)
    *bound = MIN (*bound, g_array_index (best, Suggestion, MAX_CANDIDATES - 1).distance);
}

static void
suggest (const DvGraph *graph, const char *q, DvLookup *out)
{
  gsize qlen = strlen (q);
  /* a name more than a few edits away is no suggestion */
  guint bound = CLAMP ((guint) qlen / 3, 2, 8);
  g_autoptr(GArray) best = g_array_new (FALSE, FALSE, sizeof (Suggestion));
  guint *row = g_new (guint, 1);
  gsize row_len = 0;

  for (DvSymbolId id = 0; id < graph->n_symbols; id++)
    {
      gsize len = graph->name_lens[id];
      if (id == graph->root || !is_primary_kind (graph->kinds[id])
          || (len > qlen ? len - qlen : qlen - len) > bound)
        continue;
      if (len + 1 > row_len)
        {
          row_len = len + 1;
          row = g_renew (guint, row, row_len);
        }
      guint d = bounded_distance (q, qlen, graph->names[id], len, bound, row);
      if (d <= bound)
        offer (best, &bound, graph->names[id], len, d);
    }
  for (DvPackageId p = 0; p < graph->n_packages; p++)
    {
      const char *name = graph->package_names[p];
      gsize len = strlen (name);
      if ((len > qlen ? len - qlen : qlen - len) > bound)
        continue;
      if (len + 1 > row_len)
        {
          row_len = len + 1;
          row = g_renew (guint, row, row_len);
        }
      guint d = bounded_distance (q, qlen, name, len, bound, row);
      if (d <= bound)
        offer (best, &bound, name, len, d);
    }
  g_free (row);
  for (guint i = 0; i < best->len; i++)
    g_ptr_array_add (out->candidates, g_strdup (g_array_index (best, Suggestion, i).name));
}

void
dv_lookup (const DvGraph *graph, const char *query, DvLookup *out)
{
  g_autofree char *q = g_strstrip (g_strdup (query));
  DvSymbolId id;
  DvPackageId pkg;

  memset (out, 0, sizeof *out);
  out->kind = DV_LOOKUP_NOT_FOUND;
  out->symbol = DV_SYMBOL_NONE;
  out->package = DV_PACKAGE_NONE;
  out->how = "not found";
  out->candidates = g_ptr_array_new_with_free_func (g_free);

  if ((id = dv_graph_find_symbol (graph, q, -1)) != DV_SYMBOL_NONE && id != graph->root)
    {
      set_found (out, DV_LOOKUP_SYMBOL, id, "exact");
      return;
    }
  if ((pkg = dv_graph_find_package (graph, q)) != DV_PACKAGE_NONE)
    {
      set_found (out, DV_LOOKUP_PACKAGE, pkg, "package");
      return;
    }
  {
    /* a package the binary does not link, though some merged data or
     * DWARF entry carries its name: say so rather than match a part */
    g_autoptr(GArray) named = dv_why_unlinked_package (graph, q, MAX_CANDIDATES);
    if (named->len > 0)
      {
        out->kind = DV_LOOKUP_UNLINKED_PACKAGE;
        out->how = "package not linked";
        out->path = g_strdup (q);
        for (guint i = 0; i < named->len; i++)
          g_ptr_array_add (out->candidates,
                           g_strdup (graph->names[g_array_index (named, DvSymbolId, i)]));
        return;
      }
  }
  if (*q == '\0')
    return;
  {
    /* a query typed with its flags, " <UsedInIface>" */
    gsize n = strlen (q);
    dv_graph_strip_flags (q, &n);
    q[n] = '\0';
  }
  if ((id = find_other_receiver_form (graph, q)) != DV_SYMBOL_NONE)
    {
      set_found (out, DV_LOOKUP_SYMBOL, id, "method form");
      return;
    }
  if (find_package_by_last_element (graph, q, out))
    return;
  if (find_substring (graph, q, out))
    return;
  suggest (graph, q, out);
}

void
dv_lookup_clear (DvLookup *lookup)
{
  g_clear_pointer (&lookup->candidates, g_ptr_array_unref);
  g_clear_pointer (&lookup->path, g_free);
}
