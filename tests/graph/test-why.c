/* test-why.c: the keep-alive engine and the lookup of what a user typed.
 * Every chain is checked edge by edge against the lines of the dump, and its
 * length against a breadth-first search over the reference reading. */
#include "config.h"

#include <string.h>

#include "dv-why.h"
#include "dump-reference.h"

/* ---- shared routines ---------------------------------------------- */

typedef struct {
  RefDump    *ref;
  DvGraph    *graph;
  GHashTable *ids;    /* name -> id + 1, from the graph's own enumeration */
} Loaded;

static Loaded *
loaded_new (const char *path)
{
  Loaded *l = g_new0 (Loaded, 1);
  g_autoptr(GBytes) text = ref_read_file (path);
  g_autoptr(GError) error = NULL;

  l->ref = ref_dump_parse (g_bytes_get_data (text, NULL), g_bytes_get_size (text));
  l->graph = dv_graph_load_path (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (l->graph);
  l->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < dv_graph_get_n_symbols (l->graph); i++)
    g_hash_table_insert (l->ids, g_strndup (dv_graph_symbol_name (l->graph, i), dv_graph_symbol_name_len (l->graph, i)),
                         GUINT_TO_POINTER (i + 1));
  return l;
}

static Loaded *
loaded_fixture (const char *file)
{
  g_autofree char *path = ref_fixture (file);
  return loaded_new (path);
}

static void
loaded_free (Loaded *l)
{
  ref_dump_free (l->ref);
  dv_graph_unref (l->graph);
  g_hash_table_unref (l->ids);
  g_free (l);
}

static DvSymbolId
id_of (Loaded *l, const char *name)
{
  guint v = GPOINTER_TO_UINT (g_hash_table_lookup (l->ids, name));
  if (v == 0)
    g_error ("the graph has no symbol \"%s\"", g_strescape (name, NULL));
  return v - 1;
}

static char *
name_of (Loaded *l, DvSymbolId id)
{
  return g_strndup (dv_graph_symbol_name (l->graph, id), dv_graph_symbol_name_len (l->graph, id));
}

/* NULL when the chain is a path of the dump from a root to target, else
 * what is wrong with it. */
static char *
chain_problem (Loaded *l, GArray *chain, DvSymbolId target)
{
  if (chain == NULL || chain->len == 0)
    return g_strdup ("no chain");
  for (guint i = 0; i < chain->len; i++)
    {
      DvChainStep *step = &g_array_index (chain, DvChainStep, i);
      g_autofree char *name = NULL;
      g_autofree char *prev = NULL;

      if (step->symbol >= dv_graph_get_n_symbols (l->graph))
        return g_strdup_printf ("step %u: symbol id %u out of range", i, step->symbol);
      name = name_of (l, step->symbol);
      if (i == 0)
        {
          if (step->via != DV_EDGE_ROOT)
            return g_strdup_printf ("step 0 \"%s\" is via %s, not root", name, dv_edge_kind_to_string (step->via));
          if (!ref_has_edge (l->ref, "_", name, DV_EDGE_ROOT))
            return g_strdup_printf ("step 0: the dump has no line \"_ -> %s\"", name);
          continue;
        }
      prev = name_of (l, g_array_index (chain, DvChainStep, i - 1).symbol);
      if (step->via != DV_EDGE_DEP && step->via != DV_EDGE_CALL)
        return g_strdup_printf ("step %u \"%s\" is via %s", i, name, dv_edge_kind_to_string (step->via));
      if (!ref_has_edge (l->ref, prev, name, step->via))
        return g_strdup_printf ("step %u: the dump has no line \"%s %s %s\"", i, g_strescape (prev, NULL),
                                step->via == DV_EDGE_CALL ? "calls" : "->", g_strescape (name, NULL));
    }
  if (g_array_index (chain, DvChainStep, chain->len - 1).symbol != target)
    return g_strdup ("the last step is not the symbol asked about");
  return NULL;
}

/* The symbols the chain to sym should have under the documented search
 * (breadth-first, edges in file order). */
static GPtrArray *
ref_bfs_chain (RefSym *sym)
{
  GPtrArray *chain = g_ptr_array_new ();
  for (RefSym *s = sym; s != NULL && s->dist > 0; s = s->bfs_parent)
    g_ptr_array_insert (chain, 0, s);
  return chain;
}

typedef struct {
  guint checked;
  guint bad_chain;
  guint bad_length;
  guint bad_depth;
  guint bad_reachable;
  guint not_bfs;
} ChainReport;

static void
check_symbol (Loaded *l, RefSym *sym, ChainReport *r, gboolean exact_bfs)
{
  DvSymbolId id = id_of (l, sym->name);
  gboolean reachable = sym->dist != G_MAXUINT;
  guint depth = dv_why_symbol_depth (l->graph, id);
  g_autoptr(GArray) chain = dv_why_symbol (l->graph, id);

  r->checked++;
  if (dv_why_symbol_reachable (l->graph, id) != reachable && r->bad_reachable++ < 5)
    g_printerr ("\"%s\": reachable is %d, the dump says %d\n", g_strescape (sym->name, NULL), !reachable, reachable);
  if (depth != (reachable ? sym->dist : DV_DEPTH_UNREACHABLE) && r->bad_depth++ < 5)
    g_printerr ("\"%s\": depth %u, breadth-first over the dump gives %u\n", g_strescape (sym->name, NULL),
                depth, reachable ? sym->dist : DV_DEPTH_UNREACHABLE);
  if (!reachable)
    {
      if (chain != NULL && r->bad_chain++ < 5)
        g_printerr ("\"%s\": a chain for a symbol with no path from the root\n", g_strescape (sym->name, NULL));
      return;
    }
  {
    g_autofree char *problem = chain_problem (l, chain, id);
    if (problem)
      {
        if (r->bad_chain++ < 5)
          g_printerr ("\"%s\": %s\n", g_strescape (sym->name, NULL), problem);
        return;
      }
  }
  if (chain->len != sym->dist)
    {
      if (r->bad_length++ < 5)
        g_printerr ("\"%s\": chain of %u steps, the shortest in the dump has %u\n",
                    g_strescape (sym->name, NULL), chain->len, sym->dist);
      return;
    }
  if (exact_bfs)
    {
      g_autoptr(GPtrArray) want = ref_bfs_chain (sym);
      for (guint i = 0; i < want->len; i++)
        {
          RefSym *w = g_ptr_array_index (want, i);
          DvChainStep *step = &g_array_index (chain, DvChainStep, i);
          if (step->symbol != id_of (l, w->name) || step->via != (i == 0 ? DV_EDGE_ROOT : w->bfs_via))
            {
              if (r->not_bfs++ < 5)
                g_printerr ("\"%s\": step %u is \"%s\", the first-found parent in file order is \"%s\"\n",
                            g_strescape (sym->name, NULL), i,
                            g_strescape (dv_graph_symbol_name (l->graph, step->symbol), NULL), g_strescape (w->name, NULL));
              break;
            }
        }
    }
}

static void
assert_report (ChainReport *r)
{
  g_test_message ("%u symbols checked", r->checked);
  g_assert_cmpuint (r->checked, >, 0);
  g_assert_cmpuint (r->bad_reachable, ==, 0);
  g_assert_cmpuint (r->bad_chain, ==, 0);
  g_assert_cmpuint (r->bad_length, ==, 0);
  g_assert_cmpuint (r->bad_depth, ==, 0);
  g_assert_cmpuint (r->not_bfs, ==, 0);
}

/* ---- chains of every symbol ------------------------------------------- */

static void
check_all_symbols (const char *file, gboolean exact_bfs)
{
  Loaded *l = loaded_fixture (file);
  ChainReport r = { 0 };

  for (guint i = 0; i < l->ref->sym_order->len; i++)
    check_symbol (l, g_ptr_array_index (l->ref->sym_order, i), &r, exact_bfs);
  g_assert_cmpuint (dv_graph_get_stats (l->graph)->reachable_symbols, ==, l->ref->n_reachable);
  assert_report (&r);
  loaded_free (l);
}

static void
test_hello_every_symbol (void)
{
  check_all_symbols ("hello-go1.19.deps.txt", FALSE);
}

static void
test_hazards_every_symbol (void)
{
  check_all_symbols ("hazards-go1.19.deps.txt", FALSE);
}

/* The header documents the search: breadth-first, each node's edges in file
 * order, so the chain is the first-found parent walk. */
static void
test_hello_first_found_parents (void)
{
  check_all_symbols ("hello-go1.19.deps.txt", TRUE);
}

static void
test_etcd_calls_sample (void)
{
  g_autofree char *path = ref_shared_file ("etcd-go1.19.deps-and-calls.txt.gz");
  Loaded *l;
  ChainReport r = { 0 };
  guint n_reachable = 0, stride;

  if (path == NULL)
    return;
  l = loaded_new (path);
  n_reachable = l->ref->n_reachable;
  stride = MAX (1, n_reachable / 2000);
  /* Every stride-th symbol in discovery order, plus the deepest one. */
  for (guint i = 1; i < l->ref->bfs->len; i += stride)
    check_symbol (l, g_ptr_array_index (l->ref->bfs, i), &r, TRUE);
  check_symbol (l, g_ptr_array_index (l->ref->bfs, l->ref->bfs->len - 1), &r, TRUE);
  /* And unreachable ones. */
  for (guint i = 0, n = 0; i < l->ref->sym_order->len && n < 200; i++)
    {
      RefSym *sym = g_ptr_array_index (l->ref->sym_order, i);
      if (sym->dist == G_MAXUINT)
        {
          check_symbol (l, sym, &r, FALSE);
          n++;
        }
    }
  g_assert_cmpuint (r.checked, >=, 2000);
  g_assert_cmpuint (dv_graph_get_stats (l->graph)->reachable_symbols, ==, l->ref->n_reachable);
  assert_report (&r);
  loaded_free (l);
}

/* A call edge is a reason too: B reached only through "A calls B". */
static void
test_call_edges_reach (void)
{
  static const char dump[] =
    "_ -> main.main\n"
    "main.main -> main.a\n"
    " -> main.b\n"
    "main.b -> main.c\n"
    "main.a calls main.b\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = dv_graph_load_data (dump, strlen (dump), "calls.txt", &error);
  g_autoptr(GArray) chain = NULL;
  DvSymbolId c;

  g_assert_no_error (error);
  c = dv_graph_find_symbol (graph, "main.c", -1);
  chain = dv_why_symbol (graph, c);
  g_assert_nonnull (chain);
  g_assert_cmpuint (chain->len, ==, 4);
  g_assert_cmpuint (g_array_index (chain, DvChainStep, 0).symbol, ==, dv_graph_find_symbol (graph, "main.main", -1));
  g_assert_cmpint (g_array_index (chain, DvChainStep, 0).via, ==, DV_EDGE_ROOT);
  g_assert_cmpuint (g_array_index (chain, DvChainStep, 2).symbol, ==, dv_graph_find_symbol (graph, "main.b", -1));
  g_assert_cmpint (g_array_index (chain, DvChainStep, 2).via, ==, DV_EDGE_CALL);
  g_assert_cmpint (g_array_index (chain, DvChainStep, 3).via, ==, DV_EDGE_DEP);
  g_assert_cmpuint (dv_why_symbol_depth (graph, c), ==, 4);
}

/* A shorter path found later in the file wins over the first recorded one. */
static void
test_shortest_not_first (void)
{
  static const char dump[] =
    "_ -> a.a\n"
    "a.a -> a.b\n"
    "a.b -> a.c\n"
    "a.c -> a.target\n"
    "_ -> z.root\n"
    "z.root -> a.target\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = dv_graph_load_data (dump, strlen (dump), "short.txt", &error);
  DvSymbolId t;
  g_autoptr(GArray) chain = NULL;

  g_assert_no_error (error);
  t = dv_graph_find_symbol (graph, "a.target", -1);
  chain = dv_why_symbol (graph, t);
  g_assert_cmpuint (chain->len, ==, 2);
  g_assert_cmpuint (g_array_index (chain, DvChainStep, 0).symbol, ==, dv_graph_find_symbol (graph, "z.root", -1));
  g_assert_cmpuint (dv_why_symbol_depth (graph, t), ==, 2);
  g_assert_cmpuint (dv_why_symbol_depth (graph, dv_graph_find_symbol (graph, "a.a", -1)), ==, 1);
}

/* ---- unreachable symbols ---------------------------------------------- */

/* The first recorded parent walk, nearest first, stopping at a repeat. */
static GPtrArray *
ref_ancestors (RefSym *sym, GArray *vias)
{
  GPtrArray *out = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  RefSym *s = sym;

  g_hash_table_add (seen, s);
  while (s->parents->len > 0)
    {
      RefLink *first = g_ptr_array_index (s->parents, 0);
      if (g_hash_table_contains (seen, first->sym))
        break;
      g_ptr_array_add (out, first->sym);
      g_array_append_val (vias, first->kind);
      g_hash_table_add (seen, first->sym);
      s = first->sym;
    }
  return out;
}

static void
check_unreachable (const char *file)
{
  Loaded *l = loaded_fixture (file);
  guint n_checked = 0, n_under_empty = 0, bad = 0;

  for (guint i = 0; i < l->ref->sym_order->len; i++)
    {
      RefSym *sym = g_ptr_array_index (l->ref->sym_order, i);
      DvSymbolId id;
      g_autoptr(GArray) vias = g_array_new (FALSE, FALSE, sizeof (DvEdgeKind));
      g_autoptr(GPtrArray) want = NULL;
      g_autoptr(GArray) got = NULL;
      gboolean cycle;

      if (sym->dist != G_MAXUINT)
        continue;
      id = id_of (l, sym->name);
      n_checked++;
      g_assert_false (dv_why_symbol_reachable (l->graph, id));
      g_assert_null (dv_why_symbol (l->graph, id));
      want = ref_ancestors (sym, vias);
      got = dv_known_ancestors (l->graph, id);
      if (want->len > 0 && strcmp (((RefSym *) g_ptr_array_index (want, want->len - 1))->name, "") == 0)
        n_under_empty++;
      /* At a cycle the walk may or may not repeat the symbol it meets. */
      cycle = want->len > 0 && ((RefSym *) g_ptr_array_index (want, want->len - 1))->parents->len > 0;
      if (got == NULL ? want->len != 0 : (got->len != want->len && !(cycle && got->len == want->len + 1)))
        {
          if (bad++ < 5)
            g_printerr ("\"%s\": %u known ancestors, the first-parent walk of the dump has %u\n",
                        g_strescape (sym->name, NULL), got ? got->len : 0, want->len);
          continue;
        }
      for (guint k = 0; k < want->len; k++)
        {
          DvChainStep *step = &g_array_index (got, DvChainStep, k);
          RefSym *w = g_ptr_array_index (want, k);
          if (step->symbol != id_of (l, w->name) || step->via != g_array_index (vias, DvEdgeKind, k))
            {
              if (bad++ < 5)
                g_printerr ("\"%s\": ancestor %u is \"%s\" (%s), the dump says \"%s\" (%s)\n",
                            g_strescape (sym->name, NULL), k,
                            g_strescape (dv_graph_symbol_name (l->graph, step->symbol), NULL),
                            dv_edge_kind_to_string (step->via), g_strescape (w->name, NULL),
                            dv_edge_kind_to_string (g_array_index (vias, DvEdgeKind, k)));
              break;
            }
        }
    }
  g_test_message ("%u unreachable symbols, %u under the empty name", n_checked, n_under_empty);
  g_assert_cmpuint (n_checked, >, 0);
  g_assert_cmpuint (n_under_empty, >, 0);
  g_assert_cmpuint (bad, ==, 0);
  loaded_free (l);
}

static void
test_hello_unreachable (void)
{
  check_unreachable ("hello-go1.19.deps.txt");
}

static void
test_hazards_unreachable (void)
{
  check_unreachable ("hazards-go1.19.deps.txt");
}

/* hazards lines 7966-7967: " -> go.info.main.Sq.Area$abstract" then
 * "go.info.main.Sq.Area$abstract -> go.info.main.Sq". */
static void
test_under_empty_parent (void)
{
  Loaded *l = loaded_fixture ("hazards-go1.19.deps.txt");
  RefSym *sym = ref_lookup (l->ref, "go.info.main.Sq");
  DvSymbolId id = id_of (l, "go.info.main.Sq");
  g_autoptr(GArray) anc = NULL;

  g_assert_nonnull (sym);
  g_assert_cmpuint (sym->dist, ==, G_MAXUINT);
  g_assert_true (ref_has_edge (l->ref, "go.info.main.Sq.Area$abstract", "go.info.main.Sq", DV_EDGE_DEP));
  g_assert_true (ref_has_edge (l->ref, "", "go.info.main.Sq.Area$abstract", DV_EDGE_DEP));
  g_assert_false (dv_why_symbol_reachable (l->graph, id));
  g_assert_cmpuint (dv_why_symbol_depth (l->graph, id), ==, DV_DEPTH_UNREACHABLE);
  g_assert_null (dv_why_symbol (l->graph, id));
  anc = dv_known_ancestors (l->graph, id);
  g_assert_nonnull (anc);
  g_assert_cmpuint (anc->len, >=, 2);
  g_assert_cmpuint (g_array_index (anc, DvChainStep, 0).symbol, ==, id_of (l, "go.info.main.Sq.Area$abstract"));
  g_assert_cmpuint (g_array_index (anc, DvChainStep, 1).symbol, ==, id_of (l, ""));
  g_assert_cmpint (g_array_index (anc, DvChainStep, 1).via, ==, DV_EDGE_DEP);
  loaded_free (l);
}

/* ---- packages --------------------------------------------------------- */

/* Compiler metadata by its name alone (gclocals, stkobj, arginfo, namedata,
 * inittask, stmp, dict): the "non-metadata" of the lookup rule. */
static gboolean
ref_is_metadata (const char *name)
{
  return g_str_has_prefix (name, "gclocals") || g_str_has_prefix (name, "type..namedata.") ||
         g_str_has_suffix (name, ".stkobj") || g_str_has_suffix (name, ".arginfo1") ||
         g_str_has_suffix (name, ".argliveinfo") || g_str_has_suffix (name, "..inittask") ||
         strstr (name, "..stmp_") != NULL || strstr (name, "..dict.") != NULL;
}


/* The chain to a package ends at a live symbol the package owns (the
 * reference rule), code before types, and is as short as the chain to the
 * nearest such symbol; ties go to the one found first. The code chain ends
 * at live code of the package outside its own initialisation, passes
 * through none of its init symbols, and is as short as any such chain. */
static void
check_package_chains (Loaded *l, RefPkg *rp, guint *bad, guint *n_code_differs)
{
  DvPackageId pkg = dv_graph_find_package (l->graph, rp->name);
  RefSym *nearest, *code_end = NULL;
  guint code_dist;
  DvSymbolId target = DV_SYMBOL_NONE, code_target = DV_SYMBOL_NONE;
  g_autoptr(GArray) chain = NULL;
  g_autoptr(GArray) code = NULL;

  if (pkg == DV_PACKAGE_NONE)
    {
      if ((*bad)++ < 10)
        g_printerr ("package %s: not in the graph\n", rp->name);
      return;
    }
  nearest = ref_pkg_nearest (l->ref, rp);
  chain = dv_why_package (l->graph, pkg, &target);
  if (nearest == NULL)
    {
      if (chain != NULL && (*bad)++ < 10)
        g_printerr ("package %s: a chain, but none of its symbols is live\n", rp->name);
    }
  else
    {
      g_autofree char *problem = chain_problem (l, chain, target);
      RefSym *end = problem ? NULL : ref_lookup (l->ref, dv_graph_symbol_name (l->graph, target));
      if (problem)
        {
          if ((*bad)++ < 10)
            g_printerr ("package %s: %s\n", rp->name, problem);
        }
      else if (end == NULL || end->pkg != rp || end->role != nearest->role)
        {
          if ((*bad)++ < 10)
            g_printerr ("package %s: the chain ends at \"%s\", not at %s it owns (\"%s\", %u steps)\n", rp->name,
                        g_strescape (dv_graph_symbol_name (l->graph, target), NULL),
                        nearest->role == REF_ROLE_CODE ? "code" : "a type", g_strescape (nearest->name, NULL),
                        nearest->dist);
        }
      else if (chain->len != nearest->dist)
        {
          if ((*bad)++ < 10)
            g_printerr ("package %s: chain of %u steps to \"%s\", \"%s\" is %u from the root\n", rp->name,
                        chain->len, g_strescape (end->name, NULL), g_strescape (nearest->name, NULL), nearest->dist);
        }
      else if (end != nearest && (*bad)++ < 10)
        g_printerr ("package %s: ends at \"%s\", the first found at that depth is \"%s\"\n", rp->name,
                    g_strescape (end->name, NULL), g_strescape (nearest->name, NULL));
    }

  code_dist = ref_code_search (l->ref, rp, &code_end);
  code = dv_why_package_code (l->graph, pkg, &code_target);
  if (code_end == NULL)
    {
      if (code != NULL && (*bad)++ < 10)
        g_printerr ("package %s: a code chain, but no code of it is reached outside its initialisation\n", rp->name);
      return;
    }
  if (code == NULL)
    {
      if ((*bad)++ < 10)
        g_printerr ("package %s: no code chain, yet \"%s\" is %u steps from the root outside its initialisation\n",
                    rp->name, g_strescape (code_end->name, NULL), code_dist);
      return;
    }
  {
    g_autofree char *problem = chain_problem (l, code, code_target);
    RefSym *end;
    if (problem)
      {
        if ((*bad)++ < 10)
          g_printerr ("package %s: code chain: %s\n", rp->name, problem);
        return;
      }
    for (guint i = 0; i < code->len; i++)
      {
        RefSym *step = ref_lookup (l->ref, dv_graph_symbol_name (l->graph, g_array_index (code, DvChainStep, i).symbol));
        if (step->pkg == rp && step->init)
          {
            if ((*bad)++ < 10)
              g_printerr ("package %s: the code chain passes through its initialisation at \"%s\"\n", rp->name,
                          g_strescape (step->name, NULL));
            return;
          }
      }
    end = ref_lookup (l->ref, dv_graph_symbol_name (l->graph, code_target));
    if (end->pkg != rp || end->role != REF_ROLE_CODE)
      {
        if ((*bad)++ < 10)
          g_printerr ("package %s: the code chain ends at \"%s\", no code of it\n", rp->name,
                      g_strescape (end->name, NULL));
        return;
      }
    if (code->len != code_dist && (*bad)++ < 10)
      g_printerr ("package %s: code chain of %u steps to \"%s\", \"%s\" is %u steps away outside its initialisation\n",
                  rp->name, code->len, g_strescape (end->name, NULL), g_strescape (code_end->name, NULL), code_dist);
    if (target != code_target)
      (*n_code_differs)++;
  }
}

static void
check_every_package_of (Loaded *l, const char *file)
{
  guint bad = 0, n_code_differs = 0, n_linked = 0;

  ref_dump_packages (l->ref);
  for (guint i = 0; i < l->ref->pkg_order->len; i++)
    {
      RefPkg *rp = g_ptr_array_index (l->ref->pkg_order, i);
      n_linked += ref_pkg_link (rp) != DV_PACKAGE_LINK_NO;
      check_package_chains (l, rp, &bad, &n_code_differs);
    }
  g_test_message ("%s: %u packages, %u linked, %u with a code chain to another end", file,
                  l->ref->pkg_order->len, n_linked, n_code_differs);
  if (bad > 0)
    g_error ("%u of %u packages of %s differ from the shortest chains to the symbols they own", bad,
             l->ref->pkg_order->len, file);
  g_assert_cmpuint (n_linked, >, 0);
  g_assert_cmpuint (n_code_differs, >, 0);
}

static void
check_every_package (const char *file)
{
  Loaded *l = loaded_fixture (file);
  check_every_package_of (l, file);
  loaded_free (l);
}

/* The start-up fold, read against the file: hello's root line is
 * "_ -> _rt0_amd64_linux", and the dump's own lines lead from there to
 * main.main through six names. */
static void
test_chain_startup (void)
{
  Loaded *l = loaded_fixture ("hello-go1.19.deps.txt");
  DvSymbolId println = dv_graph_find_symbol (l->graph, "fmt.Fprintln", -1);
  DvSymbolId rtmain = dv_graph_find_symbol (l->graph, "runtime.main", -1);
  g_autoptr(GArray) chain = NULL;
  g_autoptr(GArray) short_chain = NULL;
  const char *expect[] = { "_rt0_amd64_linux", "_rt0_amd64", "runtime.rt0_go",
                           "runtime.mainPC", "runtime.main", "runtime.main_main\u00b7f" };
  guint n;

  g_assert_cmpuint (println, !=, DV_SYMBOL_NONE);
  chain = dv_why_symbol (l->graph, println);
  n = dv_why_chain_startup (l->graph, chain);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expect));
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (dv_graph_symbol_name (l->graph, g_array_index (chain, DvChainStep, i).symbol), ==, expect[i]);
  g_assert_cmpstr (dv_graph_symbol_name (l->graph, g_array_index (chain, DvChainStep, n).symbol), ==, "main.main");
  /* runtime.main's own chain is all start-up: everything but the answer folds */
  short_chain = dv_why_symbol (l->graph, rtmain);
  g_assert_cmpuint (dv_why_chain_startup (l->graph, short_chain), ==, short_chain->len - 1);
  g_assert_false (dv_why_startup_symbol ("main.main"));
  g_assert_false (dv_why_startup_symbol ("runtime.mainly"));
  g_assert_cmpuint (dv_why_chain_startup (l->graph, NULL), ==, 0);
  loaded_free (l);
}

/* Chains as packages, read against the reference reader's own package of
 * each step: the groups cover the chain in order, a step whose name proves
 * a package sits in that package's group, neighbours differ. */
static void
check_chain_packages (const char *file)
{
  Loaded *l = loaded_fixture (file);
  guint checked = 0, steps_with_package = 0;

  ref_dump_packages (l->ref);
  for (DvSymbolId id = 0; id < dv_graph_get_n_symbols (l->graph); id++)
    {
      g_autoptr(GArray) chain = dv_why_symbol (l->graph, id);
      g_autoptr(GArray) groups = NULL;
      guint next = 0;

      if (chain == NULL)
        continue;
      groups = dv_why_chain_packages (l->graph, chain);
      g_assert_nonnull (groups);
      g_assert_cmpuint (groups->len, >=, 1);
      for (guint g = 0; g < groups->len; g++)
        {
          const DvPackageStep *group = &g_array_index (groups, DvPackageStep, g);
          const char *pkg = group->package == DV_PACKAGE_NONE ? NULL
                            : dv_graph_package_name (l->graph, group->package);

          g_assert_cmpuint (group->first, ==, next);
          g_assert_cmpuint (group->n_steps, >=, 1);
          next += group->n_steps;
          if (g > 0)
            {
              const DvPackageStep *prev = &g_array_index (groups, DvPackageStep, g - 1);
              g_assert_cmpuint (prev->package, !=, group->package);
              g_assert_cmpint (group->via, ==, g_array_index (chain, DvChainStep, group->first).via);
            }
          for (guint i = group->first; i < group->first + group->n_steps; i++)
            {
              const char *name = dv_graph_symbol_name (l->graph, g_array_index (chain, DvChainStep, i).symbol);
              RefSym *sym = ref_lookup (l->ref, name);

              g_assert_nonnull (sym);
              if (sym->pkg != NULL && !ref_owner_unspecified (sym->name))
                {
                  g_assert_cmpstr (sym->pkg->name, ==, pkg);
                  steps_with_package++;
                }
            }
        }
      g_assert_cmpuint (next, ==, chain->len);
      checked++;
    }
  g_assert_cmpuint (checked, >, 100);
  g_assert_cmpuint (steps_with_package, >, checked);
  g_assert_null (dv_why_chain_packages (l->graph, NULL));
  loaded_free (l);
}

static void
test_chain_packages (void)
{
  check_chain_packages ("hello-go1.19.deps.txt");
  check_chain_packages ("hazards-go1.19.deps.txt");
}

static void
test_package_fmt (void)
{
  Loaded *l = loaded_fixture ("hello-go1.19.deps.txt");
  DvPackageId fmt = dv_graph_find_package (l->graph, "fmt");
  DvSymbolId target = DV_SYMBOL_NONE;
  g_autoptr(GArray) chain = NULL;
  g_autofree char *problem = NULL;
  RefSym *end;
  guint min = G_MAXUINT, live = 0;

  g_assert_cmpuint (fmt, !=, DV_PACKAGE_NONE);
  ref_dump_packages (l->ref);
  chain = dv_why_package (l->graph, fmt, &target);
  g_assert_nonnull (chain);
  problem = chain_problem (l, chain, target);
  g_assert_null (problem);
  /* The target is fmt's code by the reference rule; no fmt code is closer. */
  end = ref_lookup (l->ref, dv_graph_symbol_name (l->graph, target));
  g_assert_nonnull (end->pkg);
  g_assert_cmpstr (end->pkg->name, ==, "fmt");
  g_assert_cmpint (end->role, ==, REF_ROLE_CODE);
  for (guint i = 0; i < l->ref->sym_order->len; i++)
    {
      RefSym *sym = g_ptr_array_index (l->ref->sym_order, i);
      if (sym->pkg != NULL && strcmp (sym->pkg->name, "fmt") == 0 && sym->dist != G_MAXUINT &&
          !ref_owner_unspecified (sym->name))
        {
          if (sym->role == REF_ROLE_CODE)
            min = MIN (min, sym->dist);
          live++;
        }
    }
  g_assert_cmpuint (chain->len, ==, min);
  g_assert_cmpuint (dv_graph_package_n_reachable (l->graph, fmt), ==, live);
  g_assert_cmpint (dv_graph_package_link (l->graph, fmt), ==, DV_PACKAGE_LINK_CODE);
  loaded_free (l);
}

static void
test_every_package_hello (void)
{
  check_every_package ("hello-go1.19.deps.txt");
}

static void
test_every_package_hazards (void)
{
  check_every_package ("hazards-go1.19.deps.txt");
}

/* Every Go version: the chains of every package of the fixture (1.19: the
 * every-hello and every-hazards tests). */
static void
test_version_packages (gconstpointer data)
{
  check_every_package (data);
}

static void
test_shared_packages (gconstpointer data)
{
  g_autofree char *path = ref_shared_file (data);
  Loaded *l;

  if (path == NULL)
    return;
  l = loaded_new (path);
  check_every_package_of (l, data);
  loaded_free (l);
}

/* The regressions of the package rule on the etcd dumps. */
static void
test_etcd_plugin_not_linked (void)
{
  g_autofree char *path = ref_shared_file ("etcd-go1.19.deps.txt.gz");
  Loaded *l;
  DvLookup lk = { 0 };
  g_autoptr(GArray) named = NULL;

  if (path == NULL)
    return;
  l = loaded_new (path);
  ref_dump_packages (l->ref);
  /* named only by plugin.lastmoduleinit.stkobj, merged by content */
  g_assert_nonnull (ref_lookup (l->ref, "plugin.lastmoduleinit.stkobj"));
  g_assert_false (g_hash_table_contains (l->ref->pkgs, "plugin"));
  g_assert_cmpuint (dv_graph_find_package (l->graph, "plugin"), ==, DV_PACKAGE_NONE);
  dv_lookup (l->graph, "plugin", &lk);
  g_assert_cmpint (lk.kind, ==, DV_LOOKUP_UNLINKED_PACKAGE);
  g_assert_cmpstr (lk.path, ==, "plugin");
  named = dv_why_unlinked_package (l->graph, "plugin", 20);
  g_assert_nonnull (named);
  g_assert_cmpuint (named->len, >, 0);
  for (guint i = 0; i < named->len; i++)
    {
      const char *name = dv_graph_symbol_name (l->graph, g_array_index (named, DvSymbolId, i));
      g_autofree char *carried = ref_package (name);
      g_assert_true (ref_proves_nothing (name));
      g_assert_cmpstr (carried, ==, "plugin");
    }
  dv_lookup_clear (&lk);
  loaded_free (l);
}

static void
test_etcd_json_inittask (void)
{
  g_autofree char *path = ref_shared_file ("etcd-go1.19.deps.txt.gz");
  Loaded *l;
  DvSymbolId target = DV_SYMBOL_NONE;
  g_autoptr(GArray) chain = NULL;
  DvPackageId json;

  if (path == NULL)
    return;
  l = loaded_new (path);
  json = dv_graph_find_package (l->graph, "encoding/json");
  g_assert_cmpuint (json, !=, DV_PACKAGE_NONE);
  /* encoding/json..stmp_25 is nearer the root, yet proves nothing */
  g_assert_nonnull (ref_lookup (l->ref, "encoding/json..stmp_25"));
  g_assert_cmpuint (ref_lookup (l->ref, "encoding/json..stmp_25")->dist, <,
                    ref_lookup (l->ref, "encoding/json..inittask")->dist);
  chain = dv_why_package (l->graph, json, &target);
  g_assert_nonnull (chain);
  g_assert_null (chain_problem (l, chain, target));
  g_assert_cmpstr (dv_graph_symbol_name (l->graph, target), ==, "encoding/json..inittask");
  g_assert_cmpuint (chain->len, ==, ref_lookup (l->ref, "encoding/json..inittask")->dist);
  loaded_free (l);
}

static void
test_etcd_126_regexp (void)
{
  g_autofree char *path = ref_shared_file ("etcd-go1.26.deps-and-calls.txt.gz");
  Loaded *l;
  DvSymbolId target = DV_SYMBOL_NONE, code_target = DV_SYMBOL_NONE;
  g_autoptr(GArray) chain = NULL;
  g_autoptr(GArray) code = NULL;
  DvPackageId regexp;
  RefSym *end;
  gboolean through_inittasks = FALSE;

  if (path == NULL)
    return;
  l = loaded_new (path);
  ref_dump_packages (l->ref);
  regexp = dv_graph_find_package (l->graph, "regexp");
  g_assert_cmpuint (regexp, !=, DV_PACKAGE_NONE);
  chain = dv_why_package (l->graph, regexp, &target);
  g_assert_null (chain_problem (l, chain, target));
  g_assert_cmpstr (dv_graph_symbol_name (l->graph, target), ==, "regexp..inittask");
  for (guint i = 0; i < chain->len; i++)
    through_inittasks |= strcmp (dv_graph_symbol_name (l->graph, g_array_index (chain, DvChainStep, i).symbol),
                                 "go:main.inittasks") == 0;
  g_assert_true (through_inittasks);
  code = dv_why_package_code (l->graph, regexp, &code_target);
  g_assert_nonnull (code);
  g_assert_null (chain_problem (l, code, code_target));
  end = ref_lookup (l->ref, dv_graph_symbol_name (l->graph, code_target));
  g_assert_true (g_str_has_prefix (end->name, "regexp."));
  g_assert_true (end->pkg != NULL && strcmp (end->pkg->name, "regexp") == 0);
  g_assert_cmpint (end->role, ==, REF_ROLE_CODE);
  g_assert_false (end->init);
  loaded_free (l);
}

/* ---- lookup ----------------------------------------------------------- */

static GPtrArray *
ref_names_containing (RefDump *ref, const char *sub)
{
  GPtrArray *out = g_ptr_array_new ();
  for (guint i = 0; i < ref->sym_order->len; i++)
    {
      RefSym *sym = g_ptr_array_index (ref->sym_order, i);
      if (strstr (sym->name, sub))
        g_ptr_array_add (out, sym->name);
    }
  return out;
}

static gboolean
candidates_contain (DvLookup *lk, const char *name)
{
  if (lk->candidates == NULL)
    return FALSE;
  for (guint i = 0; i < lk->candidates->len; i++)
    if (strcmp (g_ptr_array_index (lk->candidates, i), name) == 0)
      return TRUE;
  return FALSE;
}

static void
assert_lookup_symbol (Loaded *l, const char *query, const char *name, const char *how)
{
  DvLookup lk = { 0 };
  dv_lookup (l->graph, query, &lk);
  if (lk.kind != DV_LOOKUP_SYMBOL)
    g_error ("lookup \"%s\": kind %d, expected the symbol \"%s\"", query, lk.kind, name);
  g_assert_cmpuint (lk.symbol, ==, id_of (l, name));
  if (how)
    g_assert_cmpstr (lk.how, ==, how);
  dv_lookup_clear (&lk);
}

static void
assert_lookup_package (DvGraph *graph, const char *query, const char *package)
{
  DvLookup lk = { 0 };
  dv_lookup (graph, query, &lk);
  if (lk.kind != DV_LOOKUP_PACKAGE)
    g_error ("lookup \"%s\": kind %d, expected the package \"%s\"", query, lk.kind, package);
  g_assert_cmpstr (dv_graph_package_name (graph, lk.package), ==, package);
  g_assert_cmpstr (lk.how, ==, "package");
  dv_lookup_clear (&lk);
}

static void
test_lookup_exact (void)
{
  Loaded *l = loaded_fixture ("hello-go1.19.deps.txt");

  assert_lookup_symbol (l, "fmt.Fprintln", "fmt.Fprintln", "exact");
  assert_lookup_symbol (l, "syscall.Errno.Error", "syscall.Errno.Error", "exact");
  assert_lookup_symbol (l, "syscall.(*Errno).Error", "syscall.(*Errno).Error", "exact");
  assert_lookup_symbol (l, "go.string.\"fatal error: \"", "go.string.\"fatal error: \"", "exact");
  loaded_free (l);
}

static void
test_lookup_flags_typed (void)
{
  Loaded *l = loaded_fixture ("hello-go1.19.deps.txt");
  RefSym *sym = ref_lookup (l->ref, "type.*fmt.buffer");

  g_assert_nonnull (sym);
  g_assert_cmpuint (sym->flags, ==, DV_SYMBOL_FLAG_USED_IN_IFACE);
  assert_lookup_symbol (l, "type.*fmt.buffer <UsedInIface>", "type.*fmt.buffer", NULL);
  assert_lookup_symbol (l, "type.*fmt.buffer", "type.*fmt.buffer", "exact");
  loaded_free (l);
}

static void
test_lookup_package (void)
{
  Loaded *l = loaded_fixture ("hello-go1.19.deps.txt");

  assert_lookup_package (l->graph, "fmt", "fmt");
  assert_lookup_package (l->graph, "unicode/utf8", "unicode/utf8");
  loaded_free (l);
}

static void
test_lookup_method_form (void)
{
  Loaded *l = loaded_fixture ("hello-go1.19.deps.txt");
  guint n_reverse = 0;

  g_assert_null (ref_lookup (l->ref, "fmt.pp.printArg"));
  g_assert_nonnull (ref_lookup (l->ref, "fmt.(*pp).printArg"));
  assert_lookup_symbol (l, "fmt.pp.printArg", "fmt.(*pp).printArg", "method form");

  /* And back: "pkg.(*T).M" typed for a value method "pkg.T.M". */
  for (guint i = 0; i < l->ref->sym_order->len && n_reverse < 3; i++)
    {
      RefSym *sym = g_ptr_array_index (l->ref->sym_order, i);
      g_autofree char *pkg = ref_package (sym->name);
      g_auto(GStrv) parts = NULL;
      g_autofree char *type_name = NULL;
      g_autofree char *query = NULL;
      const char *rest;

      if (pkg == NULL || !g_str_has_prefix (sym->name, pkg) || sym->name[strlen (pkg)] != '.' ||
          strpbrk (sym->name, "()[]{} \"*") != NULL)
        continue;
      rest = sym->name + strlen (pkg) + 1;
      parts = g_strsplit (rest, ".", -1);
      if (g_strv_length (parts) != 2 || !g_ascii_isalpha (parts[0][0]) || !g_ascii_isalpha (parts[1][0]))
        continue;
      type_name = g_strdup_printf ("type.%s.%s", pkg, parts[0]);
      query = g_strdup_printf ("%s.(*%s).%s", pkg, parts[0], parts[1]);
      if (ref_lookup (l->ref, type_name) == NULL || ref_lookup (l->ref, query) != NULL)
        continue;
      assert_lookup_symbol (l, query, sym->name, "method form");
      n_reverse++;
    }
  g_assert_cmpuint (n_reverse, >, 0);
  loaded_free (l);
}

static void
test_lookup_substring (void)
{
  Loaded *l = loaded_fixture ("hello-go1.19.deps.txt");
  g_autoptr(GPtrArray) matches = ref_names_containing (l->ref, "Fprintln");

  g_assert_cmpuint (matches->len, ==, 1);
  assert_lookup_symbol (l, "Fprintln", g_ptr_array_index (matches, 0), "substring");
  loaded_free (l);
}

/* "doPrintln" matches the method and its metadata: one non-metadata name. */
static void
test_lookup_substring_non_metadata (void)
{
  Loaded *l = loaded_fixture ("hello-go1.19.deps.txt");
  g_autoptr(GPtrArray) matches = ref_names_containing (l->ref, "doPrintln");
  const char *only = NULL;
  guint n_code = 0;

  g_assert_cmpuint (matches->len, >, 1);
  for (guint i = 0; i < matches->len; i++)
    if (!ref_is_metadata (g_ptr_array_index (matches, i)))
      {
        only = g_ptr_array_index (matches, i);
        n_code++;
      }
  g_assert_cmpuint (n_code, ==, 1);
  assert_lookup_symbol (l, "doPrintln", only, NULL);
  loaded_free (l);
}

static void
test_lookup_ambiguous (void)
{
  Loaded *l = loaded_fixture ("hello-go1.19.deps.txt");
  DvLookup lk = { 0 };
  guint n_code = 0;
  g_autoptr(GPtrArray) matches = ref_names_containing (l->ref, "fmtFloat");

  for (guint i = 0; i < matches->len; i++)
    n_code += !ref_is_metadata (g_ptr_array_index (matches, i));
  g_assert_cmpuint (n_code, >=, 2);
  dv_lookup (l->graph, "fmtFloat", &lk);
  g_assert_cmpint (lk.kind, ==, DV_LOOKUP_AMBIGUOUS);
  g_assert_nonnull (lk.candidates);
  g_assert_cmpuint (lk.candidates->len, >=, 2);
  g_assert_cmpuint (lk.candidates->len, <=, 5);
  for (guint i = 0; i < lk.candidates->len; i++)
    {
      const char *c = g_ptr_array_index (lk.candidates, i);
      g_assert_nonnull (strstr (c, "fmtFloat"));
      g_assert_nonnull (ref_lookup (l->ref, c));
    }
  g_assert_true (candidates_contain (&lk, "fmt.(*fmt).fmtFloat"));
  g_assert_true (candidates_contain (&lk, "fmt.(*pp).fmtFloat"));
  dv_lookup_clear (&lk);
  loaded_free (l);
}

static void
test_lookup_not_found (void)
{
  Loaded *l = loaded_fixture ("hello-go1.19.deps.txt");
  DvLookup lk = { 0 };

  g_assert_null (ref_lookup (l->ref, "fmt.Fprntln"));
  dv_lookup (l->graph, "fmt.Fprntln", &lk);
  g_assert_cmpint (lk.kind, ==, DV_LOOKUP_NOT_FOUND);
  g_assert_nonnull (lk.candidates);
  g_assert_cmpuint (lk.candidates->len, >=, 1);
  g_assert_cmpuint (lk.candidates->len, <=, 5);
  g_assert_true (candidates_contain (&lk, "fmt.Fprintln"));
  for (guint i = 0; i < lk.candidates->len; i++)
    {
      /* a name of the dump, or a function inlined everywhere */
      const char *c = g_ptr_array_index (lk.candidates, i);
      g_autofree char *entry = g_strconcat ("go.info.", c, "$abstract", NULL);
      g_assert_true (ref_lookup (l->ref, c) != NULL || ref_lookup (l->ref, entry) != NULL);
    }
  dv_lookup_clear (&lk);

  dv_lookup (l->graph, "zzqqxxyyzzqq", &lk);
  g_assert_cmpint (lk.kind, ==, DV_LOOKUP_NOT_FOUND);
  g_assert_true (lk.candidates == NULL || lk.candidates->len <= 5);
  dv_lookup_clear (&lk);

  dv_lookup (l->graph, "runtime.mallocgcc", &lk);
  g_assert_cmpint (lk.kind, ==, DV_LOOKUP_NOT_FOUND);
  g_assert_true (candidates_contain (&lk, "runtime.mallocgc"));
  dv_lookup_clear (&lk);
  loaded_free (l);
}

/* What the user typed exactly wins over every other reading. */
static void
test_lookup_order (void)
{
  static const char dump[] =
    "_ -> main.main\n"
    "main.main -> main.T.M\n"
    "main.main -> main.(*T).M\n"
    "main.main -> main.main.func1\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = dv_graph_load_data (dump, strlen (dump), "order.txt", &error);
  DvLookup lk = { 0 };

  g_assert_no_error (error);
  dv_lookup (graph, "main.T.M", &lk);
  g_assert_cmpint (lk.kind, ==, DV_LOOKUP_SYMBOL);
  g_assert_cmpuint (lk.symbol, ==, dv_graph_find_symbol (graph, "main.T.M", -1));
  dv_lookup_clear (&lk);
  dv_lookup (graph, "main.(*T).M", &lk);
  g_assert_cmpint (lk.kind, ==, DV_LOOKUP_SYMBOL);
  g_assert_cmpuint (lk.symbol, ==, dv_graph_find_symbol (graph, "main.(*T).M", -1));
  dv_lookup_clear (&lk);
  /* "main.main" is a symbol and a substring of two others. */
  dv_lookup (graph, "main.main", &lk);
  g_assert_cmpint (lk.kind, ==, DV_LOOKUP_SYMBOL);
  g_assert_cmpuint (lk.symbol, ==, dv_graph_find_symbol (graph, "main.main", -1));
  dv_lookup_clear (&lk);
  /* "main" is the package before it is a substring. */
  dv_lookup (graph, "main", &lk);
  g_assert_cmpint (lk.kind, ==, DV_LOOKUP_PACKAGE);
  g_assert_cmpstr (dv_graph_package_name (graph, lk.package), ==, "main");
  dv_lookup_clear (&lk);
}

/* ---- lookup: inlined functions, generics, anchors ------------------- */

static DvGraph *
graph_of (const char *dump)
{
  g_autoptr(GError) error = NULL;
  DvGraph *graph = dv_graph_load_data (dump, strlen (dump), "lookup.txt", &error);

  g_assert_no_error (error);
  return graph;
}

static Loaded *
loaded_shared (const char *file)
{
  g_autofree char *path = ref_shared_file (file);
  return path ? loaded_new (path) : NULL;
}

/* The lookup of query in graph is of that kind and names that symbol. */
static void
assert_lookup_kind (DvGraph *graph, const char *query, DvLookupKind kind, const char *symbol)
{
  DvLookup lk = { 0 };
  dv_lookup (graph, query, &lk);
  if (lk.kind != kind)
    g_error ("lookup \"%s\": kind %d, expected %d", query, lk.kind, kind);
  g_assert_cmpuint (lk.symbol, ==, dv_graph_find_symbol (graph, symbol, -1));
  dv_lookup_clear (&lk);
}

static void
assert_names (GPtrArray *got, const char *const *want)
{
  g_assert_cmpuint (got->len, ==, g_strv_length ((char **) want));
  for (guint i = 0; i < got->len; i++)
    g_assert_cmpstr (g_ptr_array_index (got, i), ==, want[i]);
}

/* A function inlined everywhere has no code, only the DWARF entry of its
 * inlined copies; in real dumps the linker prints that entry from the
 * unnamed DWARF entry of the function that holds the copy. */
static void
assert_inlined_nowhere_named (Loaded *l, const char *query, const char *entry)
{
  RefSym *sym = ref_lookup (l->ref, entry);
  DvLookup lk = { 0 };

  g_assert_null (ref_lookup (l->ref, query));
  g_assert_nonnull (sym);
  g_assert_cmpuint (sym->parents->len, >, 0);
  for (guint i = 0; i < sym->parents->len; i++)
    g_assert_cmpstr (((RefLink *) g_ptr_array_index (sym->parents, i))->sym->name, ==, "");

  dv_lookup (l->graph, query, &lk);
  if (lk.kind != DV_LOOKUP_INLINED)
    g_error ("lookup \"%s\": kind %d, expected inlined", query, lk.kind);
  g_assert_cmpuint (lk.symbol, ==, id_of (l, entry));
  g_assert_nonnull (lk.inlined_into);
  g_assert_cmpuint (lk.inlined_into->len, ==, 0);
  dv_lookup_clear (&lk);
}

static void
test_lookup_inlined (void)
{
  Loaded *hello = loaded_fixture ("hello-go1.19.deps.txt");
  Loaded *modern = loaded_fixture ("modern-go1.26.deps-and-calls.txt.gz");
  DvLookup lk = { 0 };

  assert_inlined_nowhere_named (hello, "fmt.Println", "go.info.fmt.Println$abstract");
  assert_inlined_nowhere_named (modern, "fmt.Println", "go:info.fmt.Println$abstract");
  /* the last element alone: no code name starts an element with it */
  assert_inlined_nowhere_named (hello, "Println", "go.info.fmt.Println$abstract");
  /* a typo is pointed at the inlined function, which answers */
  dv_lookup (modern->graph, "fmt.Prntln", &lk);
  g_assert_cmpint (lk.kind, ==, DV_LOOKUP_NOT_FOUND);
  g_assert_true (candidates_contain (&lk, "fmt.Println"));
  dv_lookup_clear (&lk);
  loaded_free (hello);
  loaded_free (modern);
}

/* When the dump names what holds the entry, those are the answer. */
static void
test_lookup_inlined_named_parents (void)
{
  static const char dump[] =
    "_ -> main.main\n"
    " -> go:info.main.run$abstract\n"
    "main.main -> go:info.main.main\n"
    "go:info.main.main -> go:info.main.helper$abstract\n"
    "go:info.main.run$abstract -> go:info.main.helper$abstract\n"
    "main.main -> main.run\n";
  g_autoptr(DvGraph) graph = graph_of (dump);
  DvLookup lk = { 0 };

  dv_lookup (graph, "main.helper", &lk);
  g_assert_cmpint (lk.kind, ==, DV_LOOKUP_INLINED);
  g_assert_cmpuint (lk.symbol, ==, dv_graph_find_symbol (graph, "go:info.main.helper$abstract", -1));
  assert_names (lk.inlined_into, (const char *const[]) { "main.main", "main.run", NULL });
  dv_lookup_clear (&lk);
  /* main.run has code as well as an abstract entry: the code answers */
  assert_lookup_kind (graph, "main.run", DV_LOOKUP_SYMBOL, "main.run");
}

/* A DWARF entry never answers a substring or a last element that code
 * also matches. */
static void
test_lookup_dwarf_after_code (void)
{
  static const char dump[] =
    "_ -> main.main\n"
    "main.main -> log.Println\n"
    " -> go:info.fmt.Println$abstract\n"
    " -> go:info.log.Printf$abstract\n";
  g_autoptr(DvGraph) graph = graph_of (dump);

  assert_lookup_kind (graph, "Println", DV_LOOKUP_SYMBOL, "log.Println");
  assert_lookup_kind (graph, "fmt.Println", DV_LOOKUP_INLINED, "go:info.fmt.Println$abstract");
  assert_lookup_kind (graph, "Printf", DV_LOOKUP_INLINED, "go:info.log.Printf$abstract");
}

/* Several inlined functions match: they are offered by their own names. */
static void
test_lookup_inlined_ambiguous (void)
{
  static const char dump[] =
    "_ -> main.main\n"
    " -> go:info.fmt.Println$abstract\n"
    " -> go:info.log.Println$abstract\n"
    " -> go:info.*log.Logger\n";
  g_autoptr(DvGraph) graph = graph_of (dump);
  DvLookup lk = { 0 };

  dv_lookup (graph, "Println", &lk);
  g_assert_cmpint (lk.kind, ==, DV_LOOKUP_AMBIGUOUS);
  assert_names (lk.candidates, (const char *const[]) { "fmt.Println", "log.Println", NULL });
  dv_lookup_clear (&lk);
  assert_lookup_kind (graph, "log.Println", DV_LOOKUP_INLINED, "go:info.log.Println$abstract");
}

static void
check_dwarf_after_code_etcd (Loaded *l)
{
  DvLookup lk = { 0 };

  g_assert_nonnull (ref_lookup (l->ref, "log.(*Logger).Println"));
  g_assert_nonnull (ref_lookup (l->ref, "go:info.fmt.Println$abstract"));
  dv_lookup (l->graph, "Println", &lk);
  g_assert_cmpint (lk.kind, ==, DV_LOOKUP_AMBIGUOUS);
  g_assert_true (candidates_contain (&lk, "log.(*Logger).Println"));
  for (guint i = 0; i < lk.candidates->len; i++)
    g_assert_false (g_str_has_prefix (g_ptr_array_index (lk.candidates, i), "go:info."));
  dv_lookup_clear (&lk);
  assert_inlined_nowhere_named (l, "fmt.Println", "go:info.fmt.Println$abstract");
}

/* "T.M" for "(*T).M" with type arguments that hold dots and slashes. */
static void
test_lookup_generic_method_form (void)
{
  static const char dump[] =
    "_ -> main.main\n"
    "main.main -> main.Box[example.com/a/b.C].Get\n"
    "main.main -> main.(*Pair[func() int,map[string]*net/url.URL]).Swap\n";
  Loaded *l = loaded_fixture ("modern-go1.26.deps-and-calls.txt.gz");
  g_autoptr(DvGraph) graph = graph_of (dump);

  g_assert_null (ref_lookup (l->ref, "internal/runtime/atomic.Pointer[runtime.m].Load"));
  assert_lookup_symbol (l, "internal/runtime/atomic.Pointer[runtime.m].Load",
                        "internal/runtime/atomic.(*Pointer[runtime.m]).Load", "method form");
  g_assert_null (ref_lookup (l->ref, "internal/runtime/atomic.Pointer[runtime._defer].CompareAndSwap"));
  assert_lookup_symbol (l, "internal/runtime/atomic.Pointer[runtime._defer].CompareAndSwap",
                        "internal/runtime/atomic.(*Pointer[runtime._defer]).CompareAndSwap", "method form");
  loaded_free (l);

  assert_lookup_kind (graph, "main.(*Box[example.com/a/b.C]).Get", DV_LOOKUP_SYMBOL,
                      "main.Box[example.com/a/b.C].Get");
  assert_lookup_kind (graph, "main.Pair[func() int,map[string]*net/url.URL].Swap", DV_LOOKUP_SYMBOL,
                      "main.(*Pair[func() int,map[string]*net/url.URL]).Swap");
}

static void
check_generic_method_form_etcd (Loaded *l)
{
  static const char *const pairs[][2] = {
    { "sync/atomic.Pointer[net/http.response].Load", "sync/atomic.(*Pointer[net/http.response]).Load" },
    { "sync/atomic.Pointer[unique.node[net/netip.addrDetail]].Load",
      "sync/atomic.(*Pointer[unique.node[net/netip.addrDetail]]).Load" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_assert_null (ref_lookup (l->ref, pairs[i][0]));
      g_assert_nonnull (ref_lookup (l->ref, pairs[i][1]));
      assert_lookup_symbol (l, pairs[i][0], pairs[i][1], "method form");
    }
}

/* "http": the package with live code, not one made of a name shared by
 * content ("...unixTransport.net/http.cancelRequest.arginfo1"). */
static void
test_lookup_last_element_live (void)
{
  static const char dump[] =
    "_ -> main.main\n"
    "main.main -> example.com/t.unixTransport.net/http.cancelRequest.arginfo1\n"
    "main.main -> net/http.Get\n"
    " -> example.org/dead/http.F\n";
  g_autoptr(DvGraph) graph = graph_of (dump);

  assert_lookup_package (graph, "http", "net/http");
}

static void
test_lookup_last_element_etcd (void)
{
  Loaded *l = loaded_shared ("etcd-go1.19.deps.txt.gz");
  RefSym *serve;

  if (l == NULL)
    return;
  serve = ref_lookup (l->ref, "net/http.(*Server).Serve");
  g_assert_nonnull (serve);
  g_assert_cmpuint (serve->dist, !=, G_MAXUINT);
  assert_lookup_package (l->graph, "http", "net/http");
  loaded_free (l);
}

/* A substring starts a name element; inside an identifier it is only a
 * suggestion. */
static void
test_lookup_substring_anchored (void)
{
  Loaded *l = loaded_fixture ("hello-go1.19.deps.txt");
  g_autoptr(GPtrArray) matches = ref_names_containing (l->ref, "rintln");
  DvLookup lk = { 0 };

  g_assert_cmpuint (matches->len, >, 0);
  for (guint i = 0; i < matches->len; i++)
    {
      const char *name = g_ptr_array_index (matches, i);
      for (const char *hit = strstr (name, "rintln"); hit; hit = strstr (hit + 1, "rintln"))
        g_assert_true (hit > name && g_ascii_isalpha (hit[-1]));
    }
  dv_lookup (l->graph, "rintln", &lk);
  g_assert_cmpint (lk.kind, ==, DV_LOOKUP_NOT_FOUND);
  g_assert_true (candidates_contain (&lk, "fmt.Fprintln"));
  dv_lookup_clear (&lk);
  /* starting an element in the middle of a name: "(*pp).doPrintln" */
  assert_lookup_symbol (l, "pp).doPrintln", "fmt.(*pp).doPrintln", "substring");
  loaded_free (l);
}

static void
check_substring_anchored_etcd (Loaded *l)
{
  DvLookup lk = { 0 };

  g_assert_nonnull (ref_lookup (l->ref, "crypto/tls.(*Conn).Handshake"));
  g_assert_nonnull (ref_lookup (l->ref, "crypto/tls.(*Conn).HandshakeContext"));
  g_assert_nonnull (ref_lookup (l->ref, "crypto/tls.(*Conn).clientHandshake"));
  dv_lookup (l->graph, "Handshake", &lk);
  g_assert_cmpint (lk.kind, ==, DV_LOOKUP_SYMBOL);
  g_assert_cmpuint (lk.symbol, ==, id_of (l, "crypto/tls.(*Conn).Handshake"));
  dv_lookup_clear (&lk);
  dv_lookup (l->graph, "HandshakeCon", &lk);
  g_assert_cmpint (lk.kind, !=, DV_LOOKUP_NOT_FOUND);
  if (lk.kind == DV_LOOKUP_AMBIGUOUS)
    g_assert_true (candidates_contain (&lk, "crypto/tls.(*Conn).HandshakeContext"));
  else
    g_assert_cmpuint (lk.symbol, ==, id_of (l, "crypto/tls.(*Conn).HandshakeContext"));
  dv_lookup_clear (&lk);
  dv_lookup (l->graph, "andshake", &lk);
  g_assert_cmpint (lk.kind, ==, DV_LOOKUP_NOT_FOUND);
  g_assert_true (candidates_contain (&lk, "crypto/tls.(*Conn).Handshake"));
  dv_lookup_clear (&lk);
}

/* The same on a Go 1.26 dump of a large program: generic methods, code
 * that shares a last element with inlined functions, TLS handshakes. */
static void
test_lookup_etcd_go126 (void)
{
  Loaded *l = loaded_shared ("etcd-go1.26.deps-and-calls.txt.gz");

  if (l == NULL)
    return;
  check_dwarf_after_code_etcd (l);
  check_generic_method_form_etcd (l);
  check_substring_anchored_etcd (l);
  loaded_free (l);
}

/* ---- threads ---------------------------------------------------------- */

/* A loaded graph may be read from several threads at once: lookups
 * (suggestions included) and chains give the same answers as in one. */
typedef struct {
  DvGraph   *graph;
  GPtrArray *queries;
  GPtrArray *expected;
  gint       mismatches;
} ThreadCase;

static char *
describe_query (DvGraph *graph, const char *query)
{
  DvLookup lk = { 0 };
  GString *s = g_string_new (NULL);
  g_autoptr(GArray) chain = NULL;

  dv_lookup (graph, query, &lk);
  g_string_append_printf (s, "%d %u %u:", lk.kind, lk.kind == DV_LOOKUP_SYMBOL ? lk.symbol : 0,
                          lk.kind == DV_LOOKUP_PACKAGE ? lk.package : 0);
  for (guint i = 0; lk.candidates && i < lk.candidates->len; i++)
    g_string_append_printf (s, "%s|", (char *) g_ptr_array_index (lk.candidates, i));
  if (lk.kind == DV_LOOKUP_SYMBOL)
    chain = dv_why_symbol (graph, lk.symbol);
  else if (lk.kind == DV_LOOKUP_PACKAGE)
    chain = dv_why_package (graph, lk.package, NULL);
  for (guint i = 0; chain && i < chain->len; i++)
    g_string_append_printf (s, " %u", g_array_index (chain, DvChainStep, i).symbol);
  dv_lookup_clear (&lk);
  return g_string_free (s, FALSE);
}

static gpointer
thread_run (gpointer data)
{
  ThreadCase *tc = data;
  DvGraph *graph = dv_graph_ref (tc->graph);

  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < tc->queries->len; i++)
      {
        g_autofree char *got = describe_query (graph, g_ptr_array_index (tc->queries, i));
        if (strcmp (got, g_ptr_array_index (tc->expected, i)) != 0)
          g_atomic_int_inc (&tc->mismatches);
      }
  dv_graph_unref (graph);
  return NULL;
}

static void
test_threads (void)
{
  Loaded *l = loaded_fixture ("hello-go1.19.deps.txt");
  ThreadCase tc = { l->graph, g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free), 0 };
  static const char *const typed[] = { "fmt", "fmt.Fprntln", "runtime.mallocgcc", "Fprintln", "fmtFloat",
                                       "fmt.pp.printArg", "doPrintln", "zzqqxxyy", "unicode/utf8", "os.Exi" };
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    g_ptr_array_add (tc.queries, g_strdup (typed[i]));
  for (guint i = 0; i < l->ref->sym_order->len; i += 97)
    g_ptr_array_add (tc.queries, g_strdup (((RefSym *) g_ptr_array_index (l->ref->sym_order, i))->name));
  for (guint i = 0; i < tc.queries->len; i++)
    g_ptr_array_add (tc.expected, describe_query (l->graph, g_ptr_array_index (tc.queries, i)));
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("reader", thread_run, &tc);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
  g_assert_cmpint (tc.mismatches, ==, 0);
  g_ptr_array_unref (tc.queries);
  g_ptr_array_unref (tc.expected);
  loaded_free (l);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/graph/why/hello/every-symbol", test_hello_every_symbol);
  g_test_add_func ("/graph/why/hello/first-found-parents", test_hello_first_found_parents);
  g_test_add_func ("/graph/why/hazards/every-symbol", test_hazards_every_symbol);
  g_test_add_func ("/graph/why/etcd-calls/sample", test_etcd_calls_sample);
  g_test_add_func ("/graph/why/inline/call-edges", test_call_edges_reach);
  g_test_add_func ("/graph/why/inline/shortest-not-first", test_shortest_not_first);
  g_test_add_func ("/graph/why/unreachable/hello", test_hello_unreachable);
  g_test_add_func ("/graph/why/unreachable/hazards", test_hazards_unreachable);
  g_test_add_func ("/graph/why/unreachable/under-empty-parent", test_under_empty_parent);
  g_test_add_func ("/graph/why/chain/startup", test_chain_startup);
  g_test_add_func ("/graph/why/chain/packages", test_chain_packages);
  g_test_add_func ("/graph/why/package/fmt", test_package_fmt);
  g_test_add_func ("/graph/why/package/every-hello", test_every_package_hello);
  g_test_add_func ("/graph/why/package/every-hazards", test_every_package_hazards);
  g_test_add_func ("/graph/why/lookup/exact", test_lookup_exact);
  g_test_add_func ("/graph/why/lookup/flags-typed", test_lookup_flags_typed);
  g_test_add_func ("/graph/why/lookup/package", test_lookup_package);
  g_test_add_func ("/graph/why/lookup/method-form", test_lookup_method_form);
  g_test_add_func ("/graph/why/lookup/substring", test_lookup_substring);
  g_test_add_func ("/graph/why/lookup/substring-non-metadata", test_lookup_substring_non_metadata);
  g_test_add_func ("/graph/why/lookup/ambiguous", test_lookup_ambiguous);
  g_test_add_func ("/graph/why/lookup/not-found", test_lookup_not_found);
  g_test_add_func ("/graph/why/lookup/order", test_lookup_order);
  g_test_add_func ("/graph/why/lookup/inlined", test_lookup_inlined);
  g_test_add_func ("/graph/why/lookup/inlined-named-parents", test_lookup_inlined_named_parents);
  g_test_add_func ("/graph/why/lookup/dwarf-after-code", test_lookup_dwarf_after_code);
  g_test_add_func ("/graph/why/lookup/inlined-ambiguous", test_lookup_inlined_ambiguous);
  g_test_add_func ("/graph/why/lookup/generic-method-form", test_lookup_generic_method_form);
  g_test_add_func ("/graph/why/lookup/last-element-live", test_lookup_last_element_live);
  g_test_add_func ("/graph/why/lookup/last-element-etcd", test_lookup_last_element_etcd);
  g_test_add_func ("/graph/why/lookup/substring-anchored", test_lookup_substring_anchored);
  g_test_add_func ("/graph/why/lookup/etcd-go1.26", test_lookup_etcd_go126);
  g_test_add_func ("/graph/why/threads", test_threads);
  /* Run apart by the versions tests of meson.build. */
  for (guint i = 0; i < G_N_ELEMENTS (ref_version_fixtures); i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/graph/why/versions/%s", ref_version_fixtures[i][0]);
      if (!g_str_has_prefix (ref_version_fixtures[i][0], "go1.19/"))
        g_test_add_data_func (test_path, ref_version_fixtures[i][1], test_version_packages);
    }
  /* -x takes a plain prefix: "etcd-packages" keeps clear of "etcd-calls" */
  g_test_add_data_func ("/graph/why/etcd-packages/deps-go1.19", "etcd-go1.19.deps.txt.gz",
                        test_shared_packages);
  g_test_add_data_func ("/graph/why/etcd-packages/calls-go1.19", "etcd-go1.19.deps-and-calls.txt.gz",
                        test_shared_packages);
  g_test_add_data_func ("/graph/why/etcd-packages/calls-go1.26", "etcd-go1.26.deps-and-calls.txt.gz",
                        test_shared_packages);
  g_test_add_func ("/graph/why/etcd-packages/regressions/plugin-not-linked", test_etcd_plugin_not_linked);
  g_test_add_func ("/graph/why/etcd-packages/regressions/json-inittask", test_etcd_json_inittask);
  g_test_add_func ("/graph/why/etcd-packages/regressions/go1.26-regexp", test_etcd_126_regexp);

  return g_test_run ();
}
