/* test-names.c: what a symbol name says (package, kind, short label), and the
 * packages of a loaded dump compared with the reference reading. */
#include "config.h"

#include <string.h>

#include "dv-why.h"
#include "dump-reference.h"

/* ---- shared routines ---------------------------------------------- */

static void
assert_package (const char *name, const char *expected)
{
  g_autofree char *pkg = dv_symbol_name_package (name, strlen (name));
  if (g_strcmp0 (pkg, expected) != 0)
    g_error ("package of \"%s\": got %s%s%s, expected %s%s%s", name,
             pkg ? "\"" : "", pkg ? pkg : "NULL", pkg ? "\"" : "",
             expected ? "\"" : "", expected ? expected : "NULL", expected ? "\"" : "");
}

static void
assert_kind (const char *name, DvSymbolKind expected)
{
  DvSymbolKind kind = dv_symbol_name_kind (name, strlen (name));
  if (kind != expected)
    g_error ("kind of \"%s\": got %s, expected %s", name,
             dv_symbol_kind_to_string (kind), dv_symbol_kind_to_string (expected));
}

static void
assert_short (const char *name, const char *expected)
{
  g_autofree char *label = dv_symbol_name_short (name, strlen (name));
  g_assert_cmpstr (label, ==, expected);
}

static DvGraph *
load_fixture (const char *file, RefDump **ref_out)
{
  g_autofree char *path = ref_fixture (file);
  g_autoptr(GBytes) text = ref_read_file (path);
  g_autoptr(GError) error = NULL;
  DvGraph *graph = dv_graph_load_path (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (graph);
  if (ref_out)
    *ref_out = ref_dump_parse (g_bytes_get_data (text, NULL), g_bytes_get_size (text));
  return graph;
}

/* ---- dv_symbol_name_package ------------------------------------------- */

static void
test_package_functions (void)
{
  assert_package ("encoding/json.(*Decoder).Decode", "encoding/json");
  assert_package ("github.com/spf13/cobra.(*Command).Execute", "github.com/spf13/cobra");
  assert_package ("go.etcd.io/etcd/server/v3/etcdserver.NewServer", "go.etcd.io/etcd/server/v3/etcdserver");
  assert_package ("runtime.main.func1", "runtime");
  assert_package ("flag.(*FlagSet).defaultUsage-fm", "flag");
  assert_package ("runtime.main_main\xc2\xb7" "f", "runtime");
  assert_package ("main.T.Hello", "main");
  assert_package ("fmt.Println", "fmt");
}

static void
test_package_escaped (void)
{
  assert_package ("gopkg.in/yaml%2ev2.init", "gopkg.in/yaml.v2");
  assert_package ("gopkg.in/yaml%2ev2.(*Decoder).Decode", "gopkg.in/yaml.v2");
}

static void
test_package_generics (void)
{
  assert_package ("main.Gen[go.shape.int_0]", "main");
  assert_package ("main.Gen[go.shape.int]", "main");
  assert_package ("github.com/a/b.F[github.com/c/d.T]", "github.com/a/b");
  assert_package ("main..dict.Gen[int]", "main");
  assert_package ("main.(*Box[go.shape.struct { Q string \"z:\\\"p -> q/r.s\\\"\" }_0]).Get", "main");
}

static void
test_package_types (void)
{
  assert_package ("type.*os.File", "os");
  assert_package ("type:*os.File", "os");
  assert_package ("type.os.File", "os");
  assert_package ("type.func(int) string", NULL);
  assert_package ("type:func(int) string", NULL);
  assert_package ("type.struct { A string \"k:\\\"x -> y\\\"\" }", NULL);
  assert_package ("type.*github.com/spf13/cobra.Command", "github.com/spf13/cobra");
}

static void
test_package_itabs (void)
{
  assert_package ("go.itab.*os.File,io.Writer", "os");
  assert_package ("go:itab.*os.File,io.Writer", "os");
  assert_package ("go.itab.syscall.Errno,error", "syscall");
}

static void
test_package_none (void)
{
  assert_package ("go.string.\"hello\"", NULL);
  assert_package ("go:string.\"hello\"", NULL);
  assert_package ("go.string.\"a/b.c\"", NULL);
  assert_package ("gclocals\xc2\xb7" "J5F+7Qw7O7ve2QcWC7DpeQ==", NULL);
  assert_package ("_", NULL);
  assert_package ("", NULL);
  assert_package ("_rt0_amd64_linux", NULL);
}

static void
test_package_dwarf (void)
{
  assert_package ("go.info.fmt.Println", "fmt");
  assert_package ("go.info.runtime.atomicstorep$abstract", "runtime");
}

static void
test_package_metadata (void)
{
  assert_package ("main.main.stkobj", "main");
  assert_package ("fmt.Errorf.arginfo1", "fmt");
  assert_package ("main..stmp_0", "main");
  assert_package ("main..inittask", "main");
}

/* The length argument bounds the name. */
static void
test_package_len (void)
{
  static const char name[] = "fmt.Println -> os.Exit";
  g_autofree char *pkg = dv_symbol_name_package (name + strlen ("fmt.Println -> "), strlen ("os.Exit"));
  g_autofree char *pkg2 = dv_symbol_name_package ("main.mainXXX/yy.z", 9);

  g_assert_cmpstr (pkg, ==, "os");
  g_assert_cmpstr (pkg2, ==, "main");
}

/* ---- dv_symbol_name_kind ---------------------------------------------- */

static void
test_kind_each (void)
{
  assert_kind ("fmt.Println", DV_SYMBOL_KIND_FUNCTION);
  assert_kind ("encoding/json.(*Decoder).Decode", DV_SYMBOL_KIND_FUNCTION);
  assert_kind ("runtime.main.func1", DV_SYMBOL_KIND_FUNCTION);
  assert_kind ("flag.(*FlagSet).defaultUsage-fm", DV_SYMBOL_KIND_FUNCTION);
  assert_kind ("main.Gen[go.shape.int_0]", DV_SYMBOL_KIND_FUNCTION);
  assert_kind ("type.*os.File", DV_SYMBOL_KIND_TYPE);
  assert_kind ("type:*os.File", DV_SYMBOL_KIND_TYPE);
  assert_kind ("type.func(int) string", DV_SYMBOL_KIND_TYPE);
  assert_kind ("go.itab.*os.File,io.Writer", DV_SYMBOL_KIND_ITAB);
  assert_kind ("go:itab.*os.File,io.Writer", DV_SYMBOL_KIND_ITAB);
  assert_kind ("go.string.\"hello\"", DV_SYMBOL_KIND_STRING);
  assert_kind ("go:string.\"hello\"", DV_SYMBOL_KIND_STRING);
  assert_kind ("gclocals\xc2\xb7" "J5F+7Qw7O7ve2QcWC7DpeQ==", DV_SYMBOL_KIND_METADATA);
  assert_kind ("main.main.stkobj", DV_SYMBOL_KIND_METADATA);
  assert_kind ("fmt.Errorf.arginfo1", DV_SYMBOL_KIND_METADATA);
  assert_kind ("fmt.Errorf.argliveinfo", DV_SYMBOL_KIND_METADATA);
  assert_kind ("main..stmp_0", DV_SYMBOL_KIND_METADATA);
  assert_kind ("main..inittask", DV_SYMBOL_KIND_METADATA);
  assert_kind ("main..dict.Gen[int]", DV_SYMBOL_KIND_METADATA);
  assert_kind ("type..namedata.*main.T.", DV_SYMBOL_KIND_METADATA);
  assert_kind ("go.info.fmt.Println", DV_SYMBOL_KIND_DWARF);
  assert_kind ("go.info.runtime.atomicstorep$abstract", DV_SYMBOL_KIND_DWARF);
  assert_kind ("go.loc.fmt.Println", DV_SYMBOL_KIND_DWARF);
  assert_kind ("_", DV_SYMBOL_KIND_OTHER);
  assert_kind ("", DV_SYMBOL_KIND_OTHER);
}

static void
test_kind_strings (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpstr (dv_symbol_kind_to_string (DV_SYMBOL_KIND_FUNCTION), ==, "function");
  g_assert_cmpstr (dv_symbol_kind_to_string (DV_SYMBOL_KIND_TYPE), ==, "type");
  for (int k = 0; k < DV_SYMBOL_KIND_N; k++)
    {
      const char *s = dv_symbol_kind_to_string (k);
      g_assert_nonnull (s);
      g_assert_false (g_hash_table_contains (seen, s));
      g_hash_table_add (seen, (char *) s);
    }
  g_assert_cmpstr (dv_edge_kind_to_string (DV_EDGE_ROOT), ==, "root");
  g_assert_cmpstr (dv_edge_kind_to_string (DV_EDGE_DEP), ==, "dep");
  g_assert_cmpstr (dv_edge_kind_to_string (DV_EDGE_CALL), ==, "call");
}

/* ---- dv_symbol_name_short --------------------------------------------- */

static void
test_short (void)
{
  /* the last element of the import path stays: "json.", not "encoding/json." */
  assert_short ("encoding/json.(*Decoder).Decode", "json.(*Decoder).Decode");
  assert_short ("github.com/spf13/cobra.(*Command).Execute", "cobra.(*Command).Execute");
  assert_short ("fmt.Println", "fmt.Println");
  assert_short ("runtime.main.func1", "runtime.main.func1");
  assert_short ("flag.(*FlagSet).defaultUsage-fm", "flag.(*FlagSet).defaultUsage-fm");
  assert_short ("gopkg.in/yaml%2ev2.init", "yaml.v2.init");
  /* what wraps the name stays, so a type and its DWARF entry differ */
  assert_short ("type.*net/http.Request", "type.*http.Request");
  assert_short ("go.info.net/http.(*Server).Serve", "go.info.http.(*Server).Serve");
  assert_short ("go.string.\"hello\"", "go.string.\"hello\"");
}

/* ---- packages of a loaded dump ---------------------------------------- */

/* Every symbol's package is the reference rule's package (names the format
 * notes give no rule for are left out), and the graph agrees with
 * dv_symbol_name_package. */
static void
check_symbol_packages (const char *file)
{
  RefDump *ref = NULL;
  g_autoptr(DvGraph) graph = load_fixture (file, &ref);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_diff = 0, n_inconsistent = 0;

  for (guint i = 0; i < ref->sym_order->len; i++)
    {
      RefSym *sym = g_ptr_array_index (ref->sym_order, i);
      DvSymbolId id = dv_graph_find_symbol (graph, sym->name, -1);
      g_autofree char *want = ref_package (sym->name);
      g_autofree char *by_name = dv_symbol_name_package (sym->name, strlen (sym->name));
      DvPackageId pkg;
      const char *got;

      if (id == DV_SYMBOL_NONE)
        continue;  /* test-parser reports missing symbols */
      pkg = dv_graph_symbol_package (graph, id);
      got = pkg == DV_PACKAGE_NONE ? NULL : dv_graph_package_name (graph, pkg);
      if (g_strcmp0 (got, by_name) != 0 && n_inconsistent++ < 5)
        g_printerr ("\"%s\": the graph says %s, dv_symbol_name_package says %s\n",
                    sym->name, got ? got : "NULL", by_name ? by_name : "NULL");
      if (ref_package_unspecified (sym->name) || g_strcmp0 (got, want) == 0)
        continue;
      /* One example per (got, expected) pair. */
      {
        char *key = g_strdup_printf ("%s -> %s", want ? want : "NULL", got ? got : "NULL");
        guint count = GPOINTER_TO_UINT (g_hash_table_lookup (groups, key));
        if (count == 0)
          g_printerr ("\"%s\": package %s, the reference rule says %s\n", g_strescape (sym->name, NULL),
                      got ? got : "NULL", want ? want : "NULL");
        g_hash_table_insert (groups, key, GUINT_TO_POINTER (count + 1));
      }
      n_diff++;
    }
  ref_dump_free (ref);
  g_assert_cmpuint (n_inconsistent, ==, 0);
  if (n_diff > 0)
    g_error ("%u symbols of %s have another package than the reference rule", n_diff, file);
}

static void
test_symbol_packages_hello (void)
{
  check_symbol_packages ("hello-go1.19.deps.txt");
}

static void
test_symbol_packages_hazards (void)
{
  check_symbol_packages ("hazards-go1.19.deps.txt");
}

/* The package list holds exactly the import paths the dump names: none
 * made up from a partial name ("reflectlite" for internal/reflectlite,
 * "map" from map.bucket[...], "$f64" from a float constant). */
static void
check_package_list (DvGraph *graph, RefDump *ref)
{
  g_autoptr(GHashTable) want = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint invented = 0, missing = 0, n_with_symbols = 0;

  for (guint i = 0; i < ref->sym_order->len; i++)
    {
      char *pkg = ref_package (((RefSym *) g_ptr_array_index (ref->sym_order, i))->name);
      if (pkg)
        g_hash_table_add (want, pkg);
    }
  for (guint p = 0; p < dv_graph_get_n_packages (graph); p++)
    {
      const char *name = dv_graph_package_name (graph, p);
      if (dv_graph_package_n_symbols (graph, p) > 0)
        n_with_symbols++;
      if (!g_hash_table_contains (want, name))
        {
          /* Show one symbol the package was made from. */
          for (guint id = invented < 12 ? 0 : G_MAXUINT; id < dv_graph_get_n_symbols (graph); id++)
            if (dv_graph_symbol_package (graph, id) == p)
              {
                g_printerr ("package \"%s\" (%u symbols, e.g. \"%s\") is no import path of the dump\n",
                            name, dv_graph_package_n_symbols (graph, p),
                            g_strescape (dv_graph_symbol_name (graph, id), NULL));
                break;
              }
          invented++;
        }
    }
  {
    GHashTableIter iter;
    gpointer key;
    g_hash_table_iter_init (&iter, want);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      if (dv_graph_find_package (graph, key) == DV_PACKAGE_NONE)
        {
          g_printerr ("package \"%s\" is missing\n", (char *) key);
          missing++;
        }
  }
  g_assert_cmpuint (missing, ==, 0);
  g_assert_cmpuint (invented, ==, 0);
  g_assert_cmpuint (dv_graph_get_stats (graph)->packages, ==, g_hash_table_size (want));
  g_assert_cmpuint (n_with_symbols, ==, g_hash_table_size (want));
}

static void
test_package_list_hello (void)
{
  RefDump *ref = NULL;
  g_autoptr(DvGraph) graph = load_fixture ("hello-go1.19.deps.txt", &ref);
  check_package_list (graph, ref);
  ref_dump_free (ref);
}

static void
test_package_list_hazards (void)
{
  RefDump *ref = NULL;
  g_autoptr(DvGraph) graph = load_fixture ("hazards-go1.19.deps.txt", &ref);
  check_package_list (graph, ref);
  ref_dump_free (ref);
}

static void
test_package_list_etcd (void)
{
  g_autofree char *path = ref_shared_file ("etcd-go1.19.deps.txt.gz");
  g_autoptr(GBytes) text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = NULL;
  RefDump *ref;

  if (path == NULL)
    return;
  text = ref_read_file (path);
  graph = dv_graph_load_path (path, NULL, &error);
  g_assert_no_error (error);
  ref = ref_dump_parse (g_bytes_get_data (text, NULL), g_bytes_get_size (text));
  check_package_list (graph, ref);
  ref_dump_free (ref);
}

/* fmt's symbols and live symbols, counted from the dump. */
static void
test_package_counts_fmt (void)
{
  RefDump *ref = NULL;
  g_autoptr(DvGraph) graph = load_fixture ("hello-go1.19.deps.txt", &ref);
  DvPackageId fmt = dv_graph_find_package (graph, "fmt");
  guint want = 0, want_live = 0, got = 0, got_live = 0, n_clear = 0, in_graph = 0;

  g_assert_cmpuint (fmt, !=, DV_PACKAGE_NONE);
  g_assert_cmpstr (dv_graph_package_name (graph, fmt), ==, "fmt");
  for (guint i = 0; i < ref->sym_order->len; i++)
    {
      RefSym *sym = g_ptr_array_index (ref->sym_order, i);
      g_autofree char *pkg = ref_package (sym->name);
      DvSymbolId id = dv_graph_find_symbol (graph, sym->name, -1);
      gboolean in_fmt = id != DV_SYMBOL_NONE && dv_graph_symbol_package (graph, id) == fmt;

      if (in_fmt)
        in_graph++;
      if (g_str_has_prefix (sym->name, "fmt."))
        n_clear++;
      if (ref_package_unspecified (sym->name))
        continue;
      if (g_strcmp0 (pkg, "fmt") == 0)
        {
          want++;
          want_live += sym->dist != G_MAXUINT;
        }
      if (in_fmt)
        {
          got++;
          got_live += dv_graph_symbol_reachable (graph, id);
        }
    }
  /* The package's counts are its symbols' counts. */
  g_assert_cmpuint (dv_graph_package_n_symbols (graph, fmt), ==, in_graph);
  g_assert_cmpuint (dv_graph_package_n_symbols (graph, fmt), >=, n_clear);
  g_assert_cmpuint (got, ==, want);
  g_assert_cmpuint (got_live, ==, want_live);
  ref_dump_free (ref);
}

static void
test_package_stats (void)
{
  g_autoptr(DvGraph) graph = load_fixture ("hello-go1.19.deps.txt", NULL);
  guint total = 0;

  g_assert_cmpuint (dv_graph_get_n_packages (graph), ==, dv_graph_get_stats (graph)->packages);
  for (guint p = 0; p < dv_graph_get_n_packages (graph); p++)
    {
      const char *name = dv_graph_package_name (graph, p);
      guint n = 0, live = 0;
      g_assert_nonnull (name);
      g_assert_cmpuint (dv_graph_find_package (graph, name), ==, p);
      for (guint id = 0; id < dv_graph_get_n_symbols (graph); id++)
        if (dv_graph_symbol_package (graph, id) == p)
          {
            n++;
            live += dv_graph_symbol_reachable (graph, id);
          }
      g_assert_cmpuint (dv_graph_package_n_symbols (graph, p), ==, n);
      g_assert_cmpuint (dv_graph_package_n_reachable (graph, p), ==, live);
      total += n;
    }
  g_assert_cmpuint (total, <=, dv_graph_get_stats (graph)->symbols);
  g_assert_cmpuint (dv_graph_find_package (graph, "no/such/package"), ==, DV_PACKAGE_NONE);
}

static void
test_package_unescaped_in_graph (void)
{
  static const char dump[] =
    "_ -> gopkg.in/yaml%2ev2.init\n"
    "gopkg.in/yaml%2ev2.init -> gopkg.in/yaml%2ev2.(*Decoder).Decode\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = dv_graph_load_data (dump, strlen (dump), "yaml.txt", &error);
  DvPackageId pkg;

  g_assert_no_error (error);
  pkg = dv_graph_find_package (graph, "gopkg.in/yaml.v2");
  g_assert_cmpuint (pkg, !=, DV_PACKAGE_NONE);
  g_assert_cmpstr (dv_graph_package_name (graph, pkg), ==, "gopkg.in/yaml.v2");
  g_assert_cmpuint (dv_graph_package_n_symbols (graph, pkg), ==, 2);
  g_assert_cmpuint (dv_graph_package_n_reachable (graph, pkg), ==, 2);
  g_assert_cmpuint (dv_graph_get_stats (graph)->packages, ==, 1);
  g_assert_cmpuint (dv_graph_symbol_package (graph, dv_graph_find_symbol (graph, "gopkg.in/yaml%2ev2.init", -1)), ==, pkg);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/graph/names/package/functions", test_package_functions);
  g_test_add_func ("/graph/names/package/escaped", test_package_escaped);
  g_test_add_func ("/graph/names/package/generics", test_package_generics);
  g_test_add_func ("/graph/names/package/types", test_package_types);
  g_test_add_func ("/graph/names/package/itabs", test_package_itabs);
  g_test_add_func ("/graph/names/package/none", test_package_none);
  g_test_add_func ("/graph/names/package/dwarf", test_package_dwarf);
  g_test_add_func ("/graph/names/package/metadata", test_package_metadata);
  g_test_add_func ("/graph/names/package/len", test_package_len);
  g_test_add_func ("/graph/names/kind/each", test_kind_each);
  g_test_add_func ("/graph/names/kind/strings", test_kind_strings);
  g_test_add_func ("/graph/names/short", test_short);
  g_test_add_func ("/graph/names/graph/symbol-packages-hello", test_symbol_packages_hello);
  g_test_add_func ("/graph/names/graph/symbol-packages-hazards", test_symbol_packages_hazards);
  g_test_add_func ("/graph/names/graph/package-list-hello", test_package_list_hello);
  g_test_add_func ("/graph/names/graph/package-list-hazards", test_package_list_hazards);
  g_test_add_func ("/graph/names/graph/package-list-etcd", test_package_list_etcd);
  g_test_add_func ("/graph/names/graph/fmt-counts", test_package_counts_fmt);
  g_test_add_func ("/graph/names/graph/package-stats", test_package_stats);
  g_test_add_func ("/graph/names/graph/unescaped-path", test_package_unescaped_in_graph);

  return g_test_run ();
}
