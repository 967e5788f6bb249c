/* dv-why.c: chains from the root, and what a user's query names. */
#include "config.h"

#include "dv-why.h"
#include "dv-graph-private.h"
#include "dv-names-private.h"

#include <string.h>

#define MAX_CANDIDATES 5

guint
dv_why_symbol_depth (const DvGraph *graph, DvSymbolId id)
{
  g_return_val_if_fail (id < graph->n_symbols, DV_DEPTH_UNREACHABLE);
  return graph->depth[id];
}

gboolean
dv_why_symbol_reachable (const DvGraph *graph, DvSymbolId id)
{
  return dv_why_symbol_depth (graph, id) != DV_DEPTH_UNREACHABLE;
}

gboolean
dv_why_startup_symbol (const char *name)
{
  static const char *const names[] = {
    "runtime.rt0_go", "runtime.mainPC", "runtime.main", "runtime.main_main\u00b7f",
  };

  if (g_str_has_prefix (name, "_rt0_"))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

guint
dv_why_chain_startup (const DvGraph *graph, const GArray *chain)
{
  guint n = 0;

  if (chain == NULL)
    return 0;
  while (n < chain->len
         && dv_why_startup_symbol (dv_graph_symbol_name (graph, g_array_index (chain, DvChainStep, n).symbol)))
    n++;
  if (n >= chain->len)
    n = chain->len - 1;
  return n < 2 ? 0 : n;
}

GArray *
dv_why_chain_packages (const DvGraph *graph, const GArray *chain)
{
  GArray *groups;
  guint lead = 0; /* steps of no package before the first group */

  if (chain == NULL)
    return NULL;
  groups = g_array_new (FALSE, FALSE, sizeof (DvPackageStep));
  for (guint i = 0; i < chain->len; i++)
    {
      const DvChainStep *step = &g_array_index (chain, DvChainStep, i);
      DvPackageId pkg = dv_graph_symbol_package (graph, step->symbol);
      DvPackageStep *last = groups->len ? &g_array_index (groups, DvPackageStep, groups->len - 1) : NULL;

      if (pkg == DV_PACKAGE_NONE || (last != NULL && last->package == pkg))
        {
          if (last != NULL)
            last->n_steps++;
          else
            lead++;
          continue;
        }
      DvPackageStep group = { pkg, i - (last == NULL ? lead : 0), 1 + (last == NULL ? lead : 0), step->via };
      if (last == NULL && lead > 0)
        group.via = g_array_index (chain, DvChainStep, 0).via;
      g_array_append_val (groups, group);
    }
  if (groups->len == 0 && chain->len > 0)
    {
      DvPackageStep group = { DV_PACKAGE_NONE, 0, chain->len, g_array_index (chain, DvChainStep, 0).via };
      g_array_append_val (groups, group);
    }
  return groups;
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

/* Type arguments in brackets hold dots and slashes of their own
 * ("sync/atomic.Pointer[go/token.File].Load"): the name's elements are
 * split outside brackets and parentheses only. */

/* The bracket or parenthesis that closes the one at *open, or NULL. */
static const char *
group_end (const char *open)
{
  guint depth = 0;

  for (const char *p = open; *p; p++)
    if (*p == '[' || *p == '(')
      depth++;
    else if ((*p == ']' || *p == ')') && --depth == 0)
      return p;
  return NULL;
}

/* Past a group at p, if p opens one: an unbalanced opener is a character. */
static const char *
skip_group (const char *p)
{
  const char *end = *p == '[' || *p == '(' ? group_end (p) : NULL;
  return end ? end : p;
}

/* The next '.' at depth 0 from p, or NULL. */
static const char *
next_dot (const char *p)
{
  for (; *p; p++)
    if (*(p = skip_group (p)) == '.')
      return p;
  return NULL;
}

/* The '.' that ends the package: the first one after the last '/', both
 * outside brackets. */
static const char *
package_dot (const char *q)
{
  const char *slash = NULL;

  for (const char *p = q; *p; p++)
    if (*(p = skip_group (p)) == '/')
      slash = p;
  return next_dot (slash ? slash : q);
}

/* prefix + q with "(*T)" unwrapped or "T" wrapped + suffix: "pkg.(*T).M"
 * for "pkg.T.M", and back. */
static DvSymbolId
find_other_receiver_form (const DvGraph *graph, const char *q, const char *prefix, const char *suffix)
{
  DvSymbolId found = DV_SYMBOL_NONE;

  for (const char *dot = package_dot (q); dot != NULL && found == DV_SYMBOL_NONE;
       dot = next_dot (dot + 1))
    {
      const char *elem = dot + 1;
      const char *next = next_dot (elem);
      g_autofree char *alt = NULL;

      if (g_str_has_prefix (elem, "(*"))
        {
          const char *close = group_end (elem);
          if (close == NULL || close[1] != '.')
            continue;
          alt = g_strdup_printf ("%s%.*s%.*s%s%s", prefix, (int) (elem - q), q,
                                 (int) (close - elem - 2), elem + 2, close + 1, suffix);
        }
      else if (next != NULL && *elem != '(')
        alt = g_strdup_printf ("%s%.*s(*%.*s)%s%s", prefix, (int) (elem - q), q,
                               (int) (next - elem), elem, next, suffix);
      else
        continue;
      found = dv_graph_find_symbol (graph, alt, -1);
    }
  return found;
}

char *
dv_abstract_entry_function (const char *name)
{
  gsize len = strlen (name);

  if ((!g_str_has_prefix (name, "go:info.") && !g_str_has_prefix (name, "go.info."))
      || !g_str_has_suffix (name, "$abstract") || len <= strlen ("go:info.$abstract"))
    return NULL;
  return g_strndup (name + strlen ("go:info."), len - strlen ("go:info.$abstract"));
}

/* What the dump says holds an inlined function's DWARF entry: named
 * parents, as the functions they describe. */
static void
set_inlined (DvLookup *out, const DvGraph *graph, DvSymbolId entry, const char *how)
{
  guint n;
  const DvEdge *parents = dv_graph_parents (graph, entry, &n);

  out->kind = DV_LOOKUP_INLINED;
  out->symbol = entry;
  out->how = how;
  for (guint i = 0; i < n; i++)
    {
      DvSymbolId p = parents[i].symbol;
      const char *name = graph->names[p];
      char *function = NULL;

      if (p == graph->root || p == graph->empty || p == entry)
        continue;
      if (graph->kinds[p] == DV_SYMBOL_KIND_FUNCTION)
        function = g_strdup (name);
      else if ((function = dv_abstract_entry_function (name)) == NULL
               && (g_str_has_prefix (name, "go:info.") || g_str_has_prefix (name, "go.info.")))
        function = g_strdup (name + strlen ("go:info."));
      if (function == NULL
          || g_ptr_array_find_with_equal_func (out->inlined_into, function, g_str_equal, NULL))
        g_free (function);
      else
        g_ptr_array_add (out->inlined_into, function);
    }
}

/* Code inlined everywhere leaves only "go:info.F$abstract" ("go.info."
 * in Go 1.19), the DWARF entry of its inlined copies. */
static DvSymbolId
find_abstract_entry (const DvGraph *graph, const char *q)
{
  static const char *const prefixes[] = { "go:info.", "go.info." };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      g_autofree char *name = g_strconcat (prefixes[i], q, "$abstract", NULL);
      DvSymbolId id = dv_graph_find_symbol (graph, name, -1);
      if (id == DV_SYMBOL_NONE)
        id = find_other_receiver_form (graph, q, prefixes[i], "$abstract");
      if (id != DV_SYMBOL_NONE)
        return id;
    }
  return DV_SYMBOL_NONE;
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
ends_element (const char *name, gsize len, const char *q, gsize qlen)
{
  /* the query is a whole last element: "Fprintln" in "fmt.Fprintln" */
  return len > qlen && memcmp (name + len - qlen, q, qlen) == 0
         && (name[len - qlen - 1] == '.' || name[len - qlen - 1] == '/');
}

static gboolean
is_identifier_byte (char c)
{
  return g_ascii_isalnum (c) || c == '_' || (guchar) c >= 0x80;
}

/* Whether q starts a name element in name: "Handshake" in
 * "crypto/tls.(*Conn).Handshake" and ".HandshakeContext", not in
 * ".clientHandshake"; *inside is set when it is only inside identifiers. */
static gboolean
starts_element (const char *name, const char *q, gboolean *inside)
{
  gboolean anchored = is_identifier_byte (q[0]);

  for (const char *hit = strstr (name, q); hit != NULL; hit = strstr (hit + 1, q))
    {
      if (!anchored || hit == name || !is_identifier_byte (hit[-1]))
        return TRUE;
      *inside = TRUE;
    }
  return FALSE;
}

/* Only DWARF entries hold the query: the one inlined function they name. */
static gboolean
found_in_dwarf (const DvGraph *graph, const char *q, GArray *dwarf, DvLookup *out)
{
  gsize qlen = strlen (q);
  DvSymbolId abstract = DV_SYMBOL_NONE, whole = DV_SYMBOL_NONE;
  guint n_abstract = 0, n_whole = 0;

  for (guint i = 0; i < dwarf->len; i++)
    {
      DvSymbolId id = g_array_index (dwarf, DvSymbolId, i);
      g_autofree char *function = dv_abstract_entry_function (graph->names[id]);
      if (function == NULL)
        continue;
      abstract = id;
      n_abstract++;
      if (ends_element (function, strlen (function), q, qlen))
        {
          whole = id;
          n_whole++;
        }
    }
  if (n_abstract == 1)
    set_inlined (out, graph, abstract, "substring");
  else if (n_whole == 1)
    set_inlined (out, graph, whole, "last name");
  else
    return FALSE;
  return TRUE;
}

static gboolean
find_substring (const DvGraph *graph, const char *q, DvLookup *out)
{
  gsize qlen = strlen (q);
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));
  g_autoptr(GArray) primary = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));
  g_autoptr(GArray) whole = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));
  g_autoptr(GArray) dwarf = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));
  g_autoptr(GArray) inside = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));

  for (DvSymbolId id = 0; id < graph->n_symbols; id++)
    {
      const char *name = graph->names[id];
      gsize len = graph->name_lens[id];
      gboolean in_identifier = FALSE;

      if (len < qlen || id == graph->root)
        continue;
      if (!starts_element (name, q, &in_identifier))
        {
          if (in_identifier && is_primary_kind (graph->kinds[id]))
            g_array_append_val (inside, id);
          continue;
        }
      /* a DWARF entry is never the answer when real code or data matches */
      if (graph->kinds[id] == DV_SYMBOL_KIND_DWARF)
        {
          g_array_append_val (dwarf, id);
          continue;
        }
      g_array_append_val (all, id);
      if (!is_primary_kind (graph->kinds[id]))
        continue;
      g_array_append_val (primary, id);
      if (ends_element (name, len, q, qlen))
        g_array_append_val (whole, id);
    }
  if (all->len == 0)
    {
      if (found_in_dwarf (graph, q, dwarf, out))
        return TRUE;
      if (dwarf->len > 1)
        {
          out->kind = DV_LOOKUP_AMBIGUOUS;
          out->how = "substring";
          add_candidates (out, graph, dwarf);
          /* an inlined function is typed as itself, not as its entry */
          for (guint i = 0; i < out->candidates->len; i++)
            {
              char *function = dv_abstract_entry_function (g_ptr_array_index (out->candidates, i));
              if (function != NULL)
                {
                  g_free (g_ptr_array_index (out->candidates, i));
                  g_ptr_array_index (out->candidates, i) = function;
                }
            }
          return TRUE;
        }
      if (dwarf->len == 1)
        {
          set_found (out, DV_LOOKUP_SYMBOL, g_array_index (dwarf, DvSymbolId, 0), "substring");
          return TRUE;
        }
      /* the query inside identifiers only: suggestions, not an answer */
      add_candidates (out, graph, inside);
      return FALSE;
    }
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

/* Several packages end in "/http": the one with live code wins over one
 * with only live data (a name shared by content), which wins over one with
 * nothing live. A tie is no answer. */
static gboolean
find_package_by_last_element (const DvGraph *graph, const char *q, DvLookup *out)
{
  gsize qlen = strlen (q);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (DvPackageId));
  g_autofree guint8 *weight = NULL;
  DvPackageId best = DV_PACKAGE_NONE;
  guint8 best_weight = 0;
  guint n_best = 0;

  for (DvPackageId p = 0; p < graph->n_packages; p++)
    {
      const char *name = graph->package_names[p];
      gsize len = strlen (name);
      if (len > qlen && name[len - qlen - 1] == '/' && strcmp (name + len - qlen, q) == 0)
        g_array_append_val (found, p);
    }
  if (found->len == 0)
    return FALSE;
  if (found->len > 1)
    {
      weight = g_new0 (guint8, graph->n_packages);
      for (guint i = 0; i < found->len; i++)
        {
          DvPackageId p = g_array_index (found, DvPackageId, i);
          weight[p] = graph->package_n_reachable[p] > 0 ? 1 : 0;
        }
      for (DvSymbolId id = 0; id < graph->n_symbols; id++)
        {
          DvPackageId p = graph->packages[id];
          if (p != DV_PACKAGE_NONE && weight[p] == 1 && graph->kinds[id] == DV_SYMBOL_KIND_FUNCTION
              && graph->depth[id] != DV_DEPTH_UNREACHABLE)
            weight[p] = 2;
        }
    }
  for (guint i = 0; i < found->len; i++)
    {
      DvPackageId p = g_array_index (found, DvPackageId, i);
      guint8 w = weight ? weight[p] : 0;
      if (n_best > 0 && w < best_weight)
        continue;
      n_best = n_best > 0 && w == best_weight ? n_best + 1 : 1;
      best = p;
      best_weight = w;
    }
  if (n_best != 1)
    return FALSE;
  set_found (out, DV_LOOKUP_PACKAGE, best, "package");
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

/* The closest names so far, within a bound that shrinks as they come. */
typedef struct {
  const char *q;
  gsize       qlen;
  guint       bound;
  GArray     *best;    /* Suggestion */
  guint      *row;
  gsize       row_len;
} Suggester;

static void
consider (Suggester *s, const char *name, gsize len)
{
  if ((len > s->qlen ? len - s->qlen : s->qlen - len) > s->bound)
    return;
  if (len + 1 > s->row_len)
    {
      s->row_len = len + 1;
      s->row = g_renew (guint, s->row, s->row_len);
    }
  guint d = bounded_distance (s->q, s->qlen, name, len, s->bound, s->row);
  if (d <= s->bound)
    offer (s->best, &s->bound, name, len, d);
}

static void
suggest (const DvGraph *graph, const char *q, DvLookup *out)
{
  gsize qlen = strlen (q);
  /* a name more than a few edits away is no suggestion */
  Suggester s = { q, qlen, CLAMP ((guint) qlen / 3, 2, 8),
                  g_array_new (FALSE, FALSE, sizeof (Suggestion)), g_new (guint, 1), 0 };
  g_autoptr(GPtrArray) functions = g_ptr_array_new_with_free_func (g_free);

  for (DvSymbolId id = 0; id < graph->n_symbols; id++)
    {
      char *function;
      if (id == graph->root)
        continue;
      if (is_primary_kind (graph->kinds[id]))
        consider (&s, graph->names[id], graph->name_lens[id]);
      /* an inlined function is suggested as itself, not as its DWARF entry */
      else if (graph->kinds[id] == DV_SYMBOL_KIND_DWARF
               && (function = dv_abstract_entry_function (graph->names[id])) != NULL)
        {
          g_ptr_array_add (functions, function);
          consider (&s, function, strlen (function));
        }
    }
  for (DvPackageId p = 0; p < graph->n_packages; p++)
    consider (&s, graph->package_names[p], strlen (graph->package_names[p]));
  g_free (s.row);
  for (guint i = 0; i < s.best->len && out->candidates->len < MAX_CANDIDATES; i++)
    {
      const char *name = g_array_index (s.best, Suggestion, i).name;
      if (!g_ptr_array_find_with_equal_func (out->candidates, name, g_str_equal, NULL))
        g_ptr_array_add (out->candidates, g_strdup (name));
    }
  g_array_unref (s.best);
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
  out->inlined_into = g_ptr_array_new_with_free_func (g_free);

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
    dv_names_strip_flags (q, &n);
    q[n] = '\0';
  }
  if ((id = find_other_receiver_form (graph, q, "", "")) != DV_SYMBOL_NONE)
    {
      set_found (out, DV_LOOKUP_SYMBOL, id, "method form");
      return;
    }
  if ((id = find_abstract_entry (graph, q)) != DV_SYMBOL_NONE)
    {
      set_inlined (out, graph, id, "inlined");
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
  g_clear_pointer (&lookup->inlined_into, g_ptr_array_unref);
}

/* ---------------------------------------------------------------------- */
/* The answer                                                              */

gboolean
dv_why_answer_init (DvWhyAnswer *answer, const DvGraph *graph, const char *query,
                    const DvLookup *lookup)
{
  memset (answer, 0, sizeof *answer);
  answer->query = query;
  answer->target = DV_SYMBOL_NONE;
  answer->package = DV_PACKAGE_NONE;
  answer->code_target = DV_SYMBOL_NONE;
  answer->link = DV_PACKAGE_LINK_NO;
  if (lookup->kind == DV_LOOKUP_PACKAGE)
    {
      answer->is_package = TRUE;
      answer->package = lookup->package;
      answer->package_path = dv_graph_package_name (graph, lookup->package);
      answer->link = dv_graph_package_link (graph, lookup->package);
      answer->chain = dv_why_package (graph, lookup->package, &answer->target);
      answer->code_chain = dv_why_package_code (graph, lookup->package, &answer->code_target);
      if (answer->chain == NULL && answer->target == DV_SYMBOL_NONE)
        {
          /* no symbol of the package is reachable: explain its first one */
          for (DvSymbolId id = 0; id < dv_graph_get_n_symbols (graph); id++)
            if (dv_graph_symbol_package (graph, id) == lookup->package)
              {
                answer->target = id;
                break;
              }
        }
    }
  else if (lookup->kind == DV_LOOKUP_UNLINKED_PACKAGE)
    {
      answer->is_package = TRUE;
      answer->package_path = lookup->path;
      answer->named_by = dv_why_unlinked_package (graph, lookup->path, 20);
      return FALSE;
    }
  else if (lookup->kind == DV_LOOKUP_INLINED)
    {
      answer->is_inlined = TRUE;
      answer->target = lookup->symbol;
      answer->inlined_into = g_ptr_array_ref (lookup->inlined_into);
      answer->function = dv_abstract_entry_function (dv_graph_symbol_name (graph, lookup->symbol));
      return FALSE;
    }
  else if (lookup->kind == DV_LOOKUP_SYMBOL)
    {
      answer->target = lookup->symbol;
      answer->chain = dv_why_symbol (graph, lookup->symbol);
    }
  if (answer->chain == NULL && answer->target != DV_SYMBOL_NONE)
    answer->ancestors = dv_known_ancestors (graph, answer->target);
  return answer->chain != NULL;
}

void
dv_why_answer_clear (DvWhyAnswer *answer)
{
  g_clear_pointer (&answer->chain, g_array_unref);
  g_clear_pointer (&answer->ancestors, g_array_unref);
  g_clear_pointer (&answer->code_chain, g_array_unref);
  g_clear_pointer (&answer->named_by, g_array_unref);
  g_clear_pointer (&answer->inlined_into, g_ptr_array_unref);
  g_clear_pointer (&answer->function, g_free);
}

/* ---------------------------------------------------------------------- */
/* Made once, when the builder finishes a graph                            */

/* Breadth-first search from the root, over every edge: depth, parent and
 * discovery order of every symbol, for every chain the engine answers. */
void
dv_why_search_from_root (DvGraph *g)
{
  guint n = g->n_symbols;
  guint32 *queue = NEW_HUGE (guint32, n);
  guint head = 0, tail = 0, rank = 0;

  g->depth = NEW_HUGE (guint32, n);
  g->bfs_parent = NEW_HUGE (DvSymbolId, n);
  g->bfs_via = NEW0_HUGE (guint8, n);
  g->bfs_order = NEW_HUGE (guint32, n);
  memset (g->depth, 0xff, sizeof (guint32) * n);
  memset (g->bfs_parent, 0xff, sizeof (DvSymbolId) * n);
  memset (g->bfs_order, 0xff, sizeof (guint32) * n);

  g->depth[g->root] = 0;
  g->bfs_order[g->root] = rank++;
  queue[tail++] = g->root;
  while (head < tail)
    {
      DvSymbolId a = queue[head++];
      for (guint32 k = g->out_index[a]; k < g->out_index[a + 1]; k++)
        {
          DvSymbolId b = g->out_edges[k].symbol;
          if (g->depth[b] != DV_DEPTH_UNREACHABLE)
            continue;
          g->depth[b] = g->depth[a] + 1;
          g->bfs_parent[b] = a;
          g->bfs_via[b] = (guint8) (a == g->root ? DV_EDGE_ROOT : g->out_edges[k].kind);
          g->bfs_order[b] = rank++;
          queue[tail++] = b;
        }
    }
  g->stats.reachable_symbols = tail - 1; /* "_" itself is not counted */
  g_free (queue);
}

/* The symbol that stands for each package, and how the package is linked:
 * the nearest live symbol of the package, code before types. Discovery
 * order grows with depth: the first found is the nearest. */
void
dv_why_choose_package_best (DvGraph *g)
{
  guint n = MAX (g->n_packages, 1u);

  g->package_link = g_new0 (guint8, n);
  g->package_best = g_new (DvSymbolId, n);
  memset (g->package_best, 0xff, sizeof (DvSymbolId) * n);
  for (DvSymbolId id = 0; id < g->n_symbols; id++)
    {
      DvPackageId p = g->packages[id];
      if (p == DV_PACKAGE_NONE || g->depth[id] == DV_DEPTH_UNREACHABLE)
        continue;
      DvPackageLink link = g->roles[id] == DV_NAME_ROLE_CODE ? DV_PACKAGE_LINK_CODE
                                                              : DV_PACKAGE_LINK_TYPES_ONLY;
      DvSymbolId best = g->package_best[p];
      if (best == DV_SYMBOL_NONE || link > g->package_link[p]
          || (link == g->package_link[p] && g->bfs_order[id] < g->bfs_order[best]))
        {
          g->package_best[p] = id;
          g->package_link[p] = (guint8) link;
        }
    }
}
