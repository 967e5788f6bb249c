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

/* Symbols reachable from "_" in the reference graph when `cut` is removed. */
static GHashTable *
reachable_without (RefDump *ref, RefSym *cut)
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
          if (c == cut || g_hash_table_contains (seen, c))
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
  g_autoptr(GHashTable) still = reachable_without (l->ref, cut);
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

/* The hazards program calls reflect.Value.MethodByName from main.main with
 * a name built at run time (hazards-go1.19.go); hello calls no such thing. */
static void
test_reflect (void)
{
  Loaded *hazards = load_fixture ("hazards-go1.19.deps.txt");
  Loaded *hello = load_fixture ("hello-go1.19.deps.txt");
  gboolean flagged = TRUE;
  g_autoptr(GArray) users = dv_reflect_method_users (hazards->graph, &flagged);
  g_autoptr(GArray) none = NULL;

  g_assert_false (flagged); /* Go 1.19 prints no <ReflectMethod> */
  g_assert_true (ref_has_edge (hazards->ref, "main.main", "reflect.Value.MethodByName", DV_EDGE_DEP));
  g_assert_cmpuint (users->len, ==, 1);
  g_assert_cmpstr (dv_graph_symbol_name (hazards->graph, g_array_index (users, DvSymbolId, 0)), ==,
                   "main.main");
  none = dv_reflect_method_users (hello->graph, &flagged);
  g_assert_cmpuint (none->len, ==, 0);
  loaded_free (hazards);
  loaded_free (hello);
}

static void
test_reflect_flagged (void)
{
  static const char dump[] =
    "_ -> main.main\n"
    "main.main -> main.callByName <ReflectMethod>\n"
    "main.callByName <ReflectMethod> -> reflect.Value.MethodByName\n"
    "main.main -> main.other\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = dv_graph_load_data (dump, sizeof dump - 1, "flagged", &error);
  gboolean flagged = FALSE;
  g_autoptr(GArray) users = NULL;

  g_assert_no_error (error);
  users = dv_reflect_method_users (graph, &flagged);
  g_assert_true (flagged);
  g_assert_cmpuint (users->len, ==, 1);
  g_assert_cmpstr (dv_graph_symbol_name (graph, g_array_index (users, DvSymbolId, 0)), ==, "main.callByName");
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
  g_test_add_func ("/graph/analysis/reflect/before-go1.21", test_reflect);
  g_test_add_func ("/graph/analysis/reflect/flagged", test_reflect_flagged);
  g_test_add_func ("/graph/analysis/diff/hello-to-hazards", test_diff);
  g_test_add_func ("/graph/analysis/diff/spellings", test_diff_spellings);
  return g_test_run ();
}
