/* test-analysis.c: what would go with a symbol, the reflect culprits and the
 * diff of two dumps, each checked against the reference reader of the text. */
#include "config.h"

#include <string.h>

#include "dv-analysis.h"
#include "dump-reference.h"

typedef struct {
  GBytes  *bytes;
  RefDump *ref;
  DvGraph *graph;
} Loaded;

static Loaded *
load_fixture (const char *file)
{
  Loaded *l = g_new0 (Loaded, 1);
  g_autofree char *path = ref_fixture (file);
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data;

  l->bytes = ref_read_file (path);
  data = g_bytes_get_data (l->bytes, &len);
  l->ref = ref_dump_parse (data, len);
  l->graph = dv_graph_load_data (data, len, file, &error);
  g_assert_no_error (error);
  return l;
}

static void
loaded_free (Loaded *l)
{
  ref_dump_free (l->ref);
  dv_graph_unref (l->graph);
  g_bytes_unref (l->bytes);
  g_free (l);
}

/* "pkg.T.M", "pkg.(*T).M", "pkg.T[...].M": an upper-case identifier after
 * the receiver, read with brackets and parentheses skipped. */
static gboolean
ref_exported_method (const char *name)
{
  g_autoptr(GString) flat = g_string_new (NULL);
  guint depth = 0;

  for (const char *p = name; *p; p++)
    if (*p == '(' || *p == '[')
      depth++;
    else if ((*p == ')' || *p == ']') && depth > 0)
      depth--;
    else if (depth == 0)
      g_string_append_c (flat, *p);
  const char *slash = strrchr (flat->str, '/');
  g_auto(GStrv) parts = g_strsplit (slash ? slash + 1 : flat->str, ".", -1);
  guint n = g_strv_length (parts);
  if (n < 3 || !g_ascii_isupper (parts[n - 1][0]))
    return FALSE;
  for (const char *p = parts[n - 1]; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

static gboolean
ref_is_type (const char *name)
{
  return ref_has_prefix (name, "type:") || ref_has_prefix (name, "type.");
}

static gboolean
ref_method_edge (RefSym *from, RefSym *to)
{
  return ref_is_type (from->name) && !ref_is_type (to->name) && !ref_has_prefix (to->name, "go:")
         && !ref_has_prefix (to->name, "go.") && ref_exported_method (to->name);
}

/* Symbols reachable from "_" in the reference graph when `cut` is removed;
 * direct: without the edges of ref_method_edge too. */
static GHashTable *
reachable_without (RefDump *ref, RefSym *cut, gboolean direct)
{
  GHashTable *seen = g_hash_table_new (NULL, NULL);
  GQueue queue = G_QUEUE_INIT;

  g_hash_table_add (seen, ref->root);
  g_queue_push_tail (&queue, ref->root);
  while (!g_queue_is_empty (&queue))
    {
      RefSym *s = g_queue_pop_head (&queue);
      for (guint i = 0; i < s->children->len; i++)
        {
          RefSym *c = ((RefLink *) g_ptr_array_index (s->children, i))->sym;
          if (c == cut || g_hash_table_contains (seen, c) || (direct && ref_method_edge (s, c)))
            continue;
          g_hash_table_add (seen, c);
          g_queue_push_tail (&queue, c);
        }
    }
  return seen;
}

static void
check_removal (Loaded *l, const char *name)
{
  RefSym *cut = ref_lookup (l->ref, name);
  DvSymbolId id = dv_graph_find_symbol (l->graph, name, -1);
  DvRemoval r;

  g_assert_nonnull (cut);
  g_assert_cmpuint (id, !=, DV_SYMBOL_NONE);
  g_assert_true (dv_removal_compute (l->graph, id, 100000, &r));

  /* what is no longer reachable once the symbol is gone, the symbol included */
  g_autoptr(GHashTable) still = reachable_without (l->ref, cut, FALSE);
  guint gone = 0;
  for (guint i = 0; i < l->ref->bfs->len; i++)
    {
      RefSym *s = g_ptr_array_index (l->ref->bfs, i);
      if (s != l->ref->root && !g_hash_table_contains (still, s))
        gone++;
    }
  g_assert_cmpuint (r.n_removed, ==, gone);
  g_assert_cmpuint (r.symbols->len, ==, gone);
  for (guint i = 0; i < r.symbols->len; i++)
    {
      const char *s = dv_graph_symbol_name (l->graph, g_array_index (r.symbols, DvSymbolId, i));
      g_assert_false (g_hash_table_contains (still, ref_lookup (l->ref, s)));
    }
  /* the counts by package add up */
  guint sum = 0;
  for (guint i = 0; i < r.by_package->len; i++)
    sum += g_array_index (r.by_package, DvPackageCount, i).count;
  g_assert_cmpuint (sum, ==, gone);
  dv_removal_clear (&r);
}

static void
test_removal_hello (void)
{
  Loaded *l = load_fixture ("hello-go1.19.deps.txt");
  check_removal (l, "main.main");
  check_removal (l, "fmt.Fprintln");
  check_removal (l, "runtime.main");
  check_removal (l, "fmt.(*pp).printArg");
  loaded_free (l);
}

static void
test_removal_hazards (void)
{
  Loaded *l = load_fixture ("hazards-go1.19.deps.txt");
  check_removal (l, "main.main");
  check_removal (l, "encoding/json.Marshal");
  check_removal (l, "regexp.MustCompile");
  loaded_free (l);
}

static void
test_removal_unreachable (void)
{
  Loaded *l = load_fixture ("hello-go1.19.deps.txt");
  DvSymbolId id = dv_graph_find_symbol (l->graph, "go.info.runtime.atomicstorep$abstract", -1);
  DvRemoval r;

  g_assert_cmpuint (id, !=, DV_SYMBOL_NONE);
  g_assert_false (dv_removal_compute (l->graph, id, 10, &r));
  loaded_free (l);
}

/* ---- reflect culprits ------------------------------------------------------
 * The expected answers come from the text: the lines with <ReflectMethod> in
 * file order (the reference reader keeps each line's flags and number), and
 * from the programs: hazards-go1.19.go calls reflect.Value.MethodByName from
 * main.main with a name built at run time; modern.go calls it from
 * main.constReflect with a constant name and from main.dynReflect with a
 * run-time name, and reflect.Type.Method through the interface in
 * main.dynReflect. */

static gboolean
ref_is_reflect (const char *name)
{
  return g_str_has_prefix (name, "reflect.");
}

/* The first name the text prints with <ReflectMethod>, and, when that is
 * reflect's own lookup (Go 1.21 flags reflect.Value.MethodByName), the one
 * whose line made it live. */
static const char *
ref_first_marked (RefDump *ref, const char **brought_in_by)
{
  *brought_in_by = NULL;
  for (guint i = 0; i < ref->edges->len; i++)
    {
      RefEdge *e = &g_array_index (ref->edges, RefEdge, i);
      const char *name = (e->from_flags & DV_SYMBOL_FLAG_REFLECT_METHOD) ? e->from
                       : (e->to_flags & DV_SYMBOL_FLAG_REFLECT_METHOD) ? e->to : NULL;
      if (name == NULL)
        continue;
      if (ref_is_reflect (name) && name == e->to && e->kind == DV_EDGE_DEP)
        *brought_in_by = e->from;
      return name;
    }
  return NULL;
}

/* Names of the text's flagged symbols, in the order of their first
 * flagged line. */
static GPtrArray *
ref_marked (RefDump *ref)
{
  GPtrArray *names = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < ref->edges->len; i++)
    {
      RefEdge *e = &g_array_index (ref->edges, RefEdge, i);
      const char *both[] = { (e->from_flags & DV_SYMBOL_FLAG_REFLECT_METHOD) ? e->from : NULL,
                             (e->to_flags & DV_SYMBOL_FLAG_REFLECT_METHOD) ? e->to : NULL };
      for (guint k = 0; k < 2; k++)
        if (both[k] != NULL && g_hash_table_add (seen, (gpointer) both[k]))
          g_ptr_array_add (names, (gpointer) both[k]);
    }
  return names;
}

/* Whether the text has a path of at most `hops` lines from `from` to `to`. */
static gboolean
ref_reaches (RefDump *ref, const char *from, const char *to, guint hops)
{
  RefSym *s = ref_lookup (ref, from);
  if (s == NULL)
    return FALSE;
  if (strcmp (from, to) == 0)
    return TRUE;
  for (guint i = 0; hops > 0 && i < s->children->len; i++)
    {
      RefSym *c = ((RefLink *) g_ptr_array_index (s->children, i))->sym;
      if (ref_reaches (ref, c->name, to, hops - 1))
        return TRUE;
    }
  return FALSE;
}

static gboolean
std_path (const char *name)
{
  g_autofree char *pkg = ref_package (name);
  if (pkg == NULL || strcmp (pkg, "main") == 0)
    return FALSE;
  g_auto(GStrv) parts = g_strsplit (pkg, "/", 2);
  return strchr (parts[0], '.') == NULL;
}

static gint
report_index (const DvGraph *graph, const DvReflectReport *r, const char *name)
{
  for (guint i = 0; i < r->culprits->len; i++)
    if (strcmp (dv_graph_symbol_name (graph, g_array_index (r->culprits, DvReflectCulprit, i).symbol), name) == 0)
      return (gint) i;
  return -1;
}

/* What every dump with flags must give; returns the certain culprit's name. */
static const char *
check_flagged_report (Loaded *l, const DvReflectReport *r)
{
  const char *brought_in_by;
  const char *first = ref_first_marked (l->ref, &brought_in_by);
  g_autoptr(GPtrArray) marked = ref_marked (l->ref);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  gboolean std_seen = FALSE;

  g_assert_nonnull (first);
  g_assert_true (r->determinable);
  g_assert_cmpuint (r->certain, ==, 0);
  g_assert_cmpuint (r->culprits->len, >, 0);

  const DvReflectCulprit *certain = &g_array_index (r->culprits, DvReflectCulprit, 0);
  const char *certain_name = dv_graph_symbol_name (l->graph, certain->symbol);
  g_assert_true (certain->certain);
  g_assert_cmpstr (certain_name, ==, brought_in_by ? brought_in_by : first);
  g_assert_cmpstr (dv_graph_symbol_name (l->graph, certain->via), ==, first);

  for (guint i = 0; i < r->culprits->len; i++)
    {
      const DvReflectCulprit *c = &g_array_index (r->culprits, DvReflectCulprit, i);
      const char *name = dv_graph_symbol_name (l->graph, c->symbol);
      const char *via = dv_graph_symbol_name (l->graph, c->via);
      RefSym *vs = ref_lookup (l->ref, via);
      g_assert_true (g_hash_table_add (seen, GUINT_TO_POINTER (c->symbol)));
      g_assert_cmpint (c->certain, ==, i == 0);
      g_assert_cmpint (c->std, ==, std_path (name));
      /* outside the standard library before the rest */
      if (i > 0 && c->std)
        std_seen = TRUE;
      else if (i > 0)
        g_assert_false (std_seen);
      /* it is flagged, or its code reaches a flagged reflect function */
      g_assert_nonnull (vs);
      g_assert_true (vs->flags & DV_SYMBOL_FLAG_REFLECT_METHOD);
      g_assert_true (ref_reaches (l->ref, name, via, 3));
      g_assert_true (ref_lookup (l->ref, name)->dist != G_MAXUINT);
    }
  /* every flagged function outside reflect is there (reflect's may stand
   * for their callers), in the order the text flags them within its group */
  gint last[2] = { -1, -1 };
  for (guint i = 0; i < marked->len; i++)
    {
      const char *name = g_ptr_array_index (marked, i);
      gint at = report_index (l->graph, r, name);
      if (!ref_is_reflect (name))
        g_assert_cmpint (at, >=, 0);
      if (at > 0)
        {
          g_assert_cmpint (at, >, last[std_path (name)]);
          last[std_path (name)] = at;
        }
    }
  return certain_name;
}

typedef struct {
  const char *file;
  const char *certain;  /* from the program's source */
} ReflectCase;

static void
test_reflect_flagged_dumps (void)
{
  static const ReflectCase cases[] = {
    { "hazards-go1.21.deps.txt", "main.main" },
    { "hazards-go1.22.deps.txt", "main.main" },
    { "hazards-go1.23.deps.txt", "main.main" },
    { "hazards-go1.24.deps.txt.gz", "main.main" },
    { "hazards-go1.25.deps.txt.gz", "main.main" },
    { "hazards-go1.26.deps.txt.gz", "main.main" },
    { "hazards-go1.27.deps.txt.gz", "main.main" },
    { "modern-go1.21.deps-and-calls.txt.gz", "main.dynReflect" },
    { "modern-go1.22.deps-and-calls.txt.gz", "main.dynReflect" },
    { "modern-go1.23.deps-and-calls.txt.gz", "main.dynReflect" },
    { "modern-go1.24.deps-and-calls.txt.gz", "main.dynReflect" },
    { "modern-go1.25.deps-and-calls.txt.gz", "main.dynReflect" },
    { "modern-go1.26.deps-and-calls.txt.gz", "main.dynReflect" },
    { "modern-go1.27.deps-and-calls.txt.gz", "main.dynReflect" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Loaded *l = load_fixture (cases[i].file);
      DvReflectReport r;
      gboolean go121 = strstr (cases[i].file, "go1.21") != NULL;

      g_test_message ("%s", cases[i].file);
      dv_reflect_report_compute (l->graph, 5, &r);
      g_assert_cmpstr (check_flagged_report (l, &r), ==, cases[i].certain);
      /* the hazards program has no other caller of a reflect lookup */
      if (g_str_has_prefix (cases[i].file, "hazards"))
        for (guint k = 1; k < r.culprits->len; k++)
          g_assert_true (g_array_index (r.culprits, DvReflectCulprit, k).std);
      if (g_str_has_prefix (cases[i].file, "modern"))
        {
          /* a constant name: a culprit in 1.21 (reflect.Value.MethodByName
           * carries the flag and every caller counts), none from 1.22 */
          g_assert_true (ref_has_edge (l->ref, "main.constReflect", "reflect.Value.MethodByName", DV_EDGE_DEP)
                         || ref_has_edge (l->ref, "main.constReflect", "reflect.Value.MethodByName", DV_EDGE_CALL));
          g_assert_cmpint (report_index (l->graph, &r, "main.constReflect") >= 0, ==, go121);
          g_assert_cmpint ((ref_lookup (l->ref, "reflect.Value.MethodByName")->flags
                            & DV_SYMBOL_FLAG_REFLECT_METHOD) != 0, ==, go121);
        }
      dv_reflect_report_clear (&r);
      loaded_free (l);
    }
}

/* With the call edges of -c, main.constReflect calls MethodByName in every
 * version; from 1.22 that still makes it no culprit. Needs a parser that
 * keeps the call edges after a namedata line (1.21-1.26 lose them today). */
static void
test_reflect_constant_name_calls (void)
{
  static const char *const files[] = {
    "modern-go1.22.deps-and-calls.txt.gz", "modern-go1.23.deps-and-calls.txt.gz",
    "modern-go1.24.deps-and-calls.txt.gz", "modern-go1.25.deps-and-calls.txt.gz",
    "modern-go1.26.deps-and-calls.txt.gz", "modern-go1.27.deps-and-calls.txt.gz",
  };
  guint ran = 0;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      Loaded *l = load_fixture (files[i]);
      DvSymbolId from = dv_graph_find_symbol (l->graph, "main.constReflect", -1);
      DvSymbolId to = dv_graph_find_symbol (l->graph, "reflect.Value.MethodByName", -1);
      gboolean has_call = FALSE;
      guint n;
      const DvEdge *kids = dv_graph_children (l->graph, from, &n);
      DvReflectReport r;

      g_assert_true (ref_has_edge (l->ref, "main.constReflect", "reflect.Value.MethodByName", DV_EDGE_CALL));
      for (guint k = 0; k < n; k++)
        has_call |= kids[k].symbol == to && kids[k].kind == DV_EDGE_CALL;
      if (dv_graph_get_stats (l->graph)->call_edges != l->ref->call_edges || !has_call)
        {
          g_test_message ("%s: the parser kept %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
                          " call edges; skipped until it keeps them all", files[i],
                          dv_graph_get_stats (l->graph)->call_edges, l->ref->call_edges);
          loaded_free (l);
          continue;
        }
      ran++;
      dv_reflect_report_compute (l->graph, 5, &r);
      g_assert_cmpint (report_index (l->graph, &r, "main.constReflect"), ==, -1);
      g_assert_cmpint (report_index (l->graph, &r, "main.dynReflect"), ==, 0);
      dv_reflect_report_clear (&r);
      loaded_free (l);
    }
  if (ran == 0)
    g_test_skip ("no dump with its call edges loaded: the parser loses them after a namedata line");
}

/* Go 1.19 marks nothing: candidates, never a certain one, and the symptom. */
static void
check_unflagged (Loaded *l, const DvReflectReport *r)
{
  g_assert_false (r->determinable);
  g_assert_cmpuint (r->certain, ==, G_MAXUINT);
  for (guint i = 0; i < r->culprits->len; i++)
    {
      const DvReflectCulprit *c = &g_array_index (r->culprits, DvReflectCulprit, i);
      const char *name = dv_graph_symbol_name (l->graph, c->symbol);
      const char *via = dv_graph_symbol_name (l->graph, c->via);
      g_assert_false (c->certain);
      g_assert_true (ref_has_edge (l->ref, name, via, DV_EDGE_DEP) || ref_has_edge (l->ref, name, via, DV_EDGE_CALL));
      g_assert_true (strcmp (via, "reflect.Value.Method") == 0 || strcmp (via, "reflect.Value.MethodByName") == 0
                     || strcmp (via, "reflect.(*rtype).Method") == 0 || strcmp (via, "reflect.(*rtype).MethodByName") == 0);
    }
  /* each example: an exported method whose every recorded parent is a type */
  g_assert_cmpuint (r->kept_by_type->len, <=, r->n_kept_by_type);
  for (guint i = 0; i < r->kept_by_type->len; i++)
    {
      RefSym *s = ref_lookup (l->ref, dv_graph_symbol_name (l->graph, g_array_index (r->kept_by_type, DvSymbolId, i)));
      g_assert_nonnull (s);
      g_assert_cmpuint (s->parents->len, >, 0);
      for (guint k = 0; k < s->parents->len; k++)
        g_assert_true (g_str_has_prefix (((RefLink *) g_ptr_array_index (s->parents, k))->sym->name, "type."));
    }
}

static void
test_reflect_go119 (void)
{
  Loaded *hazards = load_fixture ("hazards-go1.19.deps.txt");
  Loaded *hello = load_fixture ("hello-go1.19.deps.txt");
  DvReflectReport r;

  dv_reflect_report_compute (hazards->graph, 8, &r);
  check_unflagged (hazards, &r);
  g_assert_true (ref_has_edge (hazards->ref, "main.main", "reflect.Value.MethodByName", DV_EDGE_DEP));
  g_assert_cmpuint (r.culprits->len, ==, 1);
  g_assert_cmpstr (dv_graph_symbol_name (hazards->graph, g_array_index (r.culprits, DvReflectCulprit, 0).symbol),
                   ==, "main.main");
  g_assert_false (g_array_index (r.culprits, DvReflectCulprit, 0).std);
  g_assert_cmpuint (r.kept_by_type->len, ==, 8);
  /* main's own methods come first among the examples */
  g_assert_true (g_str_has_prefix (dv_graph_symbol_name (hazards->graph, g_array_index (r.kept_by_type, DvSymbolId, 0)), "main."));
  guint with_reflect = r.n_kept_by_type;
  dv_reflect_report_clear (&r);

  /* hello calls no reflect lookup: no candidate, yet still not determinable,
   * and far fewer methods kept only through their types */
  dv_reflect_report_compute (hello->graph, 8, &r);
  check_unflagged (hello, &r);
  g_assert_cmpuint (r.culprits->len, ==, 0);
  g_assert_cmpuint (r.n_kept_by_type * 4, <, with_reflect);
  dv_reflect_report_clear (&r);
  loaded_free (hazards);
  loaded_free (hello);
}

/* etcd's -c dump (Go 1.19): every caller outside reflect of the four lookups
 * that the text records is a candidate. */
static void
test_reflect_etcd_go119 (void)
{
  static const char *const lookups[] = {
    "reflect.Value.Method", "reflect.Value.MethodByName",
    "reflect.(*rtype).Method", "reflect.(*rtype).MethodByName",
  };
  g_autofree char *path = ref_shared_file ("etcd-go1.19.deps-and-calls.txt.gz");
  if (path == NULL)
    return;
  g_autoptr(GBytes) bytes = ref_read_file (path);
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  RefDump *ref = ref_dump_parse (data, len);
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = dv_graph_load_data (data, len, "etcd", &error);
  g_autoptr(GHashTable) want = g_hash_table_new (g_str_hash, g_str_equal);
  DvReflectReport r;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (lookups); i++)
    {
      RefSym *s = ref_lookup (ref, lookups[i]);
      for (guint k = 0; s != NULL && k < s->parents->len; k++)
        {
          const char *p = ((RefLink *) g_ptr_array_index (s->parents, k))->sym->name;
          if (!ref_is_reflect (p) && !g_str_has_prefix (p, "type.") && !g_str_has_prefix (p, "go."))
            g_hash_table_add (want, (gpointer) p);
        }
    }
  dv_reflect_report_compute (graph, 5, &r);
  g_assert_false (r.determinable);
  g_assert_cmpuint (r.culprits->len, ==, g_hash_table_size (want));
  g_assert_cmpuint (r.culprits->len, >, 1);
  /* in the order the text first names them, outside the standard library first */
  g_autoptr(GHashTable) rank = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < ref->sym_order->len; i++)
    g_hash_table_insert (rank, ((RefSym *) g_ptr_array_index (ref->sym_order, i))->name, GUINT_TO_POINTER (i + 1));
  guint last[2] = { 0, 0 };
  gboolean std_seen = FALSE;
  for (guint i = 0; i < r.culprits->len; i++)
    {
      const char *name = dv_graph_symbol_name (graph, g_array_index (r.culprits, DvReflectCulprit, i).symbol);
      gboolean std = std_path (name);
      guint at = GPOINTER_TO_UINT (g_hash_table_lookup (rank, name));
      g_assert_true (g_hash_table_contains (want, name));
      g_assert_cmpint (std_seen && !std, ==, FALSE);
      std_seen |= std;
      g_assert_cmpuint (at, >, last[std]);
      last[std] = at;
    }
  dv_reflect_report_clear (&r);
  ref_dump_free (ref);
}

/* ---- what removing a culprit frees ------------------------------------
 * Checked by searching the reference graph from "_" without the culprit:
 * once over every edge, once without the edges from a type descriptor to an
 * exported method (those the linker draws only with reflection on or for an
 * interface call). */

/* Every culprit's attribution against the two searches; returns how many
 * free the methods for certain. */
static guint
check_attribution (Loaded *l, const DvReflectReport *r)
{
  g_autoptr(GPtrArray) switches = g_ptr_array_new ();  /* RefSym *: culprits, then flagged others */
  guint n = r->culprits->len, freeing = 0;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (switches, ref_lookup (l->ref, dv_graph_symbol_name (l->graph, g_array_index (r->culprits, DvReflectCulprit, i).symbol)));
  for (guint i = 0; i < l->ref->bfs->len; i++)
    {
      RefSym *s = g_ptr_array_index (l->ref->bfs, i);
      if ((s->flags & DV_SYMBOL_FLAG_REFLECT_METHOD) && !ref_is_type (s->name)
          && !g_ptr_array_find (switches, s, NULL))
        g_ptr_array_add (switches, s);
    }

  for (guint i = 0; i < n; i++)
    {
      const DvReflectCulprit *c = &g_array_index (r->culprits, DvReflectCulprit, i);
      RefSym *cut = g_ptr_array_index (switches, i);
      g_autoptr(GHashTable) full = reachable_without (l->ref, cut, FALSE);
      g_autoptr(GHashTable) direct = reachable_without (l->ref, cut, TRUE);
      guint k_dom = 0, remaining = 0, remaining_direct = 0;
      RefSym *left = NULL, *left_direct = NULL;

      g_assert_nonnull (c->dominated);
      for (guint k = 0; k < switches->len; k++)
        {
          RefSym *s = g_ptr_array_index (switches, k);
          if (s == cut)
            continue;
          if (!g_hash_table_contains (full, s))
            {
              /* dominated: the culprit claimed to take it along cannot be reached without it */
              if (k < n)
                {
                  g_assert_cmpuint (k_dom, <, c->dominated->len);
                  g_assert_cmpuint (g_array_index (c->dominated, guint, k_dom), ==, k);
                  k_dom++;
                }
              continue;
            }
          remaining += k < n;
          left = left ? left : s;
          if (g_hash_table_contains (direct, s))
            {
              remaining_direct += k < n;
              left_direct = left_direct ? left_direct : s;
            }
        }
      g_assert_cmpuint (k_dom, ==, c->dominated->len);
      g_assert_cmpuint (c->n_remaining, ==, remaining);
      g_assert_cmpuint (c->n_remaining_direct, ==, remaining_direct);
      g_assert_cmpuint (c->dominated->len + remaining + 1, ==, n);
      if (left == NULL)
        {
          /* nothing that turns the rule on is reachable without it */
          g_assert_cmpint (c->frees, ==, DV_REFLECT_FREES_METHODS);
          freeing++;
        }
      else
        {
          g_assert_cmpint (c->frees, ==, left_direct ? DV_REFLECT_FREES_NOTHING : DV_REFLECT_FREES_UNLESS_INTERFACE);
          g_assert_cmpstr (dv_graph_symbol_name (l->graph, c->stays), ==, (left_direct ? left_direct : left)->name);
        }
    }
  return freeing;
}

static void
test_reflect_attribution_fixtures (void)
{
  static const char *const files[] = {
    "hazards-go1.19.deps.txt", "hazards-go1.22.deps.txt", "hazards-go1.26.deps.txt.gz",
    "modern-go1.21.deps-and-calls.txt.gz", "modern-go1.22.deps-and-calls.txt.gz",
    "modern-go1.26.deps-and-calls.txt.gz", "modern-go1.27.deps-and-calls.txt.gz",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      Loaded *l = load_fixture (files[i]);
      DvReflectReport r;

      dv_reflect_report_compute (l->graph, 5, &r);
      guint freeing = check_attribution (l, &r);
      g_test_message ("%s: %u culprits, %u free the methods", files[i], r.culprits->len, freeing);
      /* the hazards program calls MethodByName from main.main only: without
       * it nothing keeps the methods (1.19: were it the only candidate) */
      if (g_str_has_prefix (files[i], "hazards"))
        g_assert_cmpint (g_array_index (r.culprits, DvReflectCulprit, 0).frees, ==, DV_REFLECT_FREES_METHODS);
      dv_reflect_report_clear (&r);
      loaded_free (l);
    }
}

/* Each answer on a graph made for it: a culprit another dominates, one
 * reached only through a type descriptor's method, one reached directly. */
static void
test_reflect_attribution_synthetic (void)
{
  static const char text[] =
    "_ -> go:main.inittasks\n"
    "_ -> main.main\n"
    "main.main -> main.a <ReflectMethod>\n"
    "main.a <ReflectMethod> -> main.d <ReflectMethod>\n"
    "main.main -> type:*main.T <UsedInIface>\n"
    "type:*main.T <UsedInIface> -> main.(*T).Look <ReflectMethod>\n"
    "main.main -> main.helper\n"
    "main.helper -> main.b <ReflectMethod>\n";
  g_autoptr(GError) error = NULL;
  /* without main.helper's line: what is left is reached through the method */
  gsize short_len = strstr (text, "main.main -> main.helper") - text;
  g_autoptr(DvGraph) g = dv_graph_load_data (text, sizeof text - 1, "three", &error);
  g_autoptr(DvGraph) g2 = dv_graph_load_data (text, short_len, "two", &error);
  DvReflectReport r;

  g_assert_no_error (error);
  dv_reflect_report_compute (g, 5, &r);
  g_assert_cmpuint (r.culprits->len, ==, 4);
  {
    const DvReflectCulprit *a = &g_array_index (r.culprits, DvReflectCulprit, report_index (g, &r, "main.a"));
    const DvReflectCulprit *look = &g_array_index (r.culprits, DvReflectCulprit, report_index (g, &r, "main.(*T).Look"));
    g_assert_cmpuint (a->dominated->len, ==, 1);
    g_assert_cmpint (g_array_index (a->dominated, guint, 0), ==, report_index (g, &r, "main.d"));
    g_assert_cmpuint (a->n_remaining, ==, 2);
    g_assert_cmpuint (a->n_remaining_direct, ==, 1);
    g_assert_cmpint (a->frees, ==, DV_REFLECT_FREES_NOTHING);
    g_assert_cmpstr (dv_graph_symbol_name (g, a->stays), ==, "main.b");
    g_assert_cmpint (look->frees, ==, DV_REFLECT_FREES_NOTHING);
    g_assert_cmpuint (look->dominated->len, ==, 0);
  }
  dv_reflect_report_clear (&r);

  dv_reflect_report_compute (g2, 5, &r);
  g_assert_cmpuint (r.culprits->len, ==, 3);
  {
    const DvReflectCulprit *a = &g_array_index (r.culprits, DvReflectCulprit, report_index (g2, &r, "main.a"));
    g_assert_cmpuint (a->n_remaining, ==, 1);
    g_assert_cmpuint (a->n_remaining_direct, ==, 0);
    g_assert_cmpint (a->frees, ==, DV_REFLECT_FREES_UNLESS_INTERFACE);
    g_assert_cmpstr (dv_graph_symbol_name (g2, a->stays), ==, "main.(*T).Look");
  }
  dv_reflect_report_clear (&r);

  /* main.a alone: it frees them */
  g_autoptr(DvGraph) g3 = dv_graph_load_data (text, strstr (text, "main.main -> type:") - text, "one", &error);
  dv_reflect_report_compute (g3, 5, &r);
  g_assert_cmpuint (r.culprits->len, ==, 2);
  g_assert_cmpint (g_array_index (r.culprits, DvReflectCulprit, 0).frees, ==, DV_REFLECT_FREES_METHODS);
  g_assert_cmpint (g_array_index (r.culprits, DvReflectCulprit, 0).stays, ==, DV_SYMBOL_NONE);
  g_assert_cmpint (g_array_index (r.culprits, DvReflectCulprit, 1).frees, ==, DV_REFLECT_FREES_NOTHING);
  dv_reflect_report_clear (&r);
}

static void
test_reflect_etcd_go126 (void)
{
  g_autofree char *path = ref_shared_file ("etcd-go1.26.deps-and-calls.txt.gz");
  if (path == NULL)
    return;
  Loaded l = { ref_read_file (path), NULL, NULL };
  gsize len;
  const char *data = g_bytes_get_data (l.bytes, &len);
  g_autoptr(GError) error = NULL;
  DvReflectReport r;

  l.ref = ref_dump_parse (data, len);
  l.graph = dv_graph_load_data (data, len, "etcd", &error);
  g_assert_no_error (error);
  dv_reflect_report_compute (l.graph, 5, &r);
  check_flagged_report (&l, &r);
  g_assert_cmpuint (r.culprits->len, ==, 57);
  g_test_message ("etcd go1.26: %u of 57 culprits free the methods", check_attribution (&l, &r));
  dv_reflect_report_clear (&r);
  ref_dump_free (l.ref);
  dv_graph_unref (l.graph);
  g_bytes_unref (l.bytes);
}

/* Shapes no real dump here has: a user function that ranges over
 * reflect.Value.Methods (1.26: the flag sits in the iterator's closure), a
 * flagged dump whose first flag is reflect's lookup, and a Go 1.21+ dump
 * with no flag at all, which can tell: there is none. */
static void
test_reflect_synthetic (void)
{
  static const char iterator[] =
    "_ -> go:main.inittasks\n"
    "_ -> main.main\n"
    "main.main -> main.listMethods\n"
    "main.main -> fmt.Println\n"
    "main.listMethods -> reflect.Value.Methods\n"
    "type:reflect.Value <UsedInIface> -> reflect.(*Value).Methods\n"
    "reflect.Value.Methods -> reflect.Value.Methods.func1 <ReflectMethod>\n"
    "reflect.(*Value).Methods calls reflect.Value.Methods\n"
    "fmt.Println -> text/template.(*state).evalField <ReflectMethod>\n";
  static const char none[] =
    "_ -> go:main.inittasks\n"
    "_ -> main.main\n"
    "main.main -> reflect.Value.MethodByName\n"
    "main.main -> type:*main.T <UsedInIface>\n"
    "type:*main.T <UsedInIface> -> main.(*T).Hello\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) g1 = dv_graph_load_data (iterator, sizeof iterator - 1, "iterator", &error);
  g_autoptr(DvGraph) g2 = dv_graph_load_data (none, sizeof none - 1, "none", &error);
  DvReflectReport r;

  g_assert_no_error (error);
  dv_reflect_report_compute (g1, 5, &r);
  g_assert_true (r.determinable);
  g_assert_cmpuint (r.culprits->len, ==, 2);
  DvReflectCulprit *a = &g_array_index (r.culprits, DvReflectCulprit, 0);
  DvReflectCulprit *b = &g_array_index (r.culprits, DvReflectCulprit, 1);
  g_assert_cmpstr (dv_graph_symbol_name (g1, a->symbol), ==, "main.listMethods");
  g_assert_cmpstr (dv_graph_symbol_name (g1, a->via), ==, "reflect.Value.Methods.func1");
  g_assert_true (a->certain && !a->std);
  g_assert_cmpstr (dv_graph_symbol_name (g1, b->symbol), ==, "text/template.(*state).evalField");
  g_assert_true (!b->certain && b->std);
  dv_reflect_report_clear (&r);

  dv_reflect_report_compute (g2, 5, &r);
  g_assert_true (r.determinable);
  g_assert_cmpuint (r.culprits->len, ==, 0);
  g_assert_cmpuint (r.certain, ==, G_MAXUINT);
  g_assert_cmpuint (r.n_kept_by_type, ==, 1);
  dv_reflect_report_clear (&r);
}

/* hazards is hello plus json, regexp and reflect: the diff must be exactly
 * the difference of the two live sets the reference computes. */
static void
test_diff (void)
{
  Loaded *before = load_fixture ("hello-go1.19.deps.txt");
  Loaded *after = load_fixture ("hazards-go1.19.deps.txt");
  DvDiff d;
  guint added = 0, removed = 0;

  dv_diff_compute (before->graph, after->graph, &d);
  for (guint i = 0; i < after->ref->bfs->len; i++)
    {
      RefSym *s = g_ptr_array_index (after->ref->bfs, i);
      RefSym *o = ref_lookup (before->ref, s->name);
      if (s != after->ref->root && (o == NULL || o->dist == G_MAXUINT))
        added++;
    }
  for (guint i = 0; i < before->ref->bfs->len; i++)
    {
      RefSym *s = g_ptr_array_index (before->ref->bfs, i);
      RefSym *o = ref_lookup (after->ref, s->name);
      if (s != before->ref->root && (o == NULL || o->dist == G_MAXUINT))
        removed++;
    }
  g_assert_cmpuint (d.added->len, ==, added);
  g_assert_cmpuint (d.removed->len, ==, removed);

  gboolean has_regexp = FALSE;
  for (guint i = 0; i < d.added_packages->len; i++)
    {
      const char *p = dv_graph_package_name (after->graph, g_array_index (d.added_packages, DvPackageId, i));
      g_assert_cmpint (dv_graph_find_package (before->graph, p) == DV_PACKAGE_NONE
                       || dv_graph_package_n_reachable (before->graph, dv_graph_find_package (before->graph, p)) == 0,
                       ==, TRUE);
      has_regexp |= strcmp (p, "regexp") == 0;
    }
  g_assert_true (has_regexp);

  /* a dump against itself adds nothing */
  DvDiff same;
  dv_diff_compute (after->graph, after->graph, &same);
  g_assert_cmpuint (same.added->len, ==, 0);
  g_assert_cmpuint (same.removed->len, ==, 0);
  g_assert_cmpuint (same.added_packages->len, ==, 0);
  dv_diff_clear (&same);
  dv_diff_clear (&d);
  loaded_free (before);
  loaded_free (after);
}

/* The dump as Go 1.20+ would spell it, rewritten the simple way: the
 * compiler's word at the start of each name ("type." becomes "type:",
 * "go.itab." "go:itab."...) and the "_N" that ends each shape type. */
static GBytes *
respell_dump (GBytes *bytes)
{
  static const char *const words[] = {
    "type.", "go.string.", "go.itab.", "go.info.", "go.loc.", "go.range.", "go.struct ",
    "go.interface ", "go.(", NULL
  };
  gsize len;
  const char *p = g_bytes_get_data (bytes, &len), *end = p + len;
  GString *out = g_string_sized_new (len);
  gboolean name_start = TRUE;

  while (p < end)
    {
      gsize left = (gsize) (end - p);
      for (guint i = 0; name_start && words[i] != NULL; i++)
        if (left > strlen (words[i]) && memcmp (p, words[i], strlen (words[i])) == 0)
          {
            const char *dot = strchr (words[i], '.');
            g_string_append_len (out, p, dot - words[i]);
            g_string_append_c (out, ':');
            p += dot - words[i] + 1;
            break;
          }
      name_start = FALSE;
      if (*p == '\n' || (left >= 4 && memcmp (p, " -> ", 4) == 0))
        {
          gsize n = *p == '\n' ? 1 : 4;
          g_string_append_len (out, p, (gssize) n);
          p += n;
          name_start = TRUE;
        }
      else if (left > 9 && memcmp (p, "go.shape.", 9) == 0)
        {
          /* copy up to the next "_<digits>" before ']', ',' or the line's
           * end, and drop it */
          const char *q = p + 9;
          for (; q < end && *q != '\n'; q++)
            {
              const char *d = q + 1;
              while (d < end && g_ascii_isdigit (*d))
                d++;
              if (*q == '_' && d > q + 1 && (d == end || *d == ']' || *d == ',' || *d == '\n'))
                break;
            }
          g_string_append_len (out, p, q - p);
          p = q;
          while (p < end && (*p == '_' || g_ascii_isdigit (*p)))
            p++;
        }
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free_to_bytes (out);
}

/* The same program in both spellings is one program: nothing added. */
static void
test_diff_spellings (void)
{
  Loaded *hello = load_fixture ("hello-go1.19.deps.txt");
  Loaded *hazards = load_fixture ("hazards-go1.19.deps.txt");
  g_autoptr(GBytes) text = respell_dump (hazards->bytes);
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) respelled = dv_graph_load_data (g_bytes_get_data (text, NULL), g_bytes_get_size (text),
                                                     "respelled.txt", &error);
  DvDiff d, from_hello, from_hello_respelled;

  g_assert_no_error (error);
  g_assert_nonnull (ref_lookup (hazards->ref, "type.int"));
  g_assert_nonnull (ref_lookup (hazards->ref, "main.(*Box[go.shape.struct { Q string \"z:\\\"p -> q\\\"\" }_0]).Get"));
  g_assert_cmpuint (dv_graph_find_symbol (respelled, "type.int", -1), ==, DV_SYMBOL_NONE);
  g_assert_cmpuint (dv_graph_find_symbol (respelled, "type:int", -1), !=, DV_SYMBOL_NONE);
  g_assert_cmpuint (dv_graph_find_symbol (respelled, "main.(*Box[go.shape.struct { Q string \"z:\\\"p -> q\\\"\" }]).Get", -1),
                    !=, DV_SYMBOL_NONE);

  dv_diff_compute (hazards->graph, respelled, &d);
  g_assert_true (d.spellings_differ);
  g_assert_cmpuint (d.added->len, ==, 0);
  g_assert_cmpuint (d.removed->len, ==, 0);
  g_assert_cmpuint (d.added_packages->len, ==, 0);
  g_assert_cmpuint (d.removed_packages->len, ==, 0);
  dv_diff_clear (&d);
  dv_diff_compute (respelled, hazards->graph, &d);
  g_assert_true (d.spellings_differ);
  g_assert_cmpuint (d.added->len + d.removed->len, ==, 0);
  dv_diff_clear (&d);

  /* and a real change reads the same in either spelling */
  dv_diff_compute (hello->graph, hazards->graph, &from_hello);
  dv_diff_compute (hello->graph, respelled, &from_hello_respelled);
  g_assert_false (from_hello.spellings_differ);
  g_assert_true (from_hello_respelled.spellings_differ);
  g_assert_cmpuint (from_hello.added->len, >, 0);
  g_assert_cmpuint (from_hello_respelled.added->len, ==, from_hello.added->len);
  g_assert_cmpuint (from_hello_respelled.removed->len, ==, from_hello.removed->len);
  g_assert_cmpuint (from_hello_respelled.added_packages->len, ==, from_hello.added_packages->len);
  dv_diff_clear (&from_hello);
  dv_diff_clear (&from_hello_respelled);
  loaded_free (hello);
  loaded_free (hazards);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/graph/analysis/removal/hello", test_removal_hello);
  g_test_add_func ("/graph/analysis/removal/hazards", test_removal_hazards);
  g_test_add_func ("/graph/analysis/removal/unreachable", test_removal_unreachable);
  g_test_add_func ("/graph/analysis/reflect/go1.19", test_reflect_go119);
  g_test_add_func ("/graph/analysis/reflect/go1.21-to-1.27", test_reflect_flagged_dumps);
  g_test_add_func ("/graph/analysis/reflect/constant-name-calls", test_reflect_constant_name_calls);
  g_test_add_func ("/graph/analysis/reflect/etcd-go1.19", test_reflect_etcd_go119);
  g_test_add_func ("/graph/analysis/reflect/etcd-go1.26", test_reflect_etcd_go126);
  g_test_add_func ("/graph/analysis/reflect/synthetic", test_reflect_synthetic);
  g_test_add_func ("/graph/analysis/reflect/attribution/fixtures", test_reflect_attribution_fixtures);
  g_test_add_func ("/graph/analysis/reflect/attribution/synthetic", test_reflect_attribution_synthetic);
  g_test_add_func ("/graph/analysis/diff/hello-to-hazards", test_diff);
  g_test_add_func ("/graph/analysis/diff/spellings", test_diff_spellings);
  return g_test_run ();
}
