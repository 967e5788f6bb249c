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

/* ---- dv_symbol_name_readable ------------------------------------------ */

static void
assert_readable (const char *name, const char *expected)
{
  g_autofree char *label = dv_symbol_name_readable (name, strlen (name));
  g_assert_cmpstr (label, ==, expected);
}

/* Names as the etcd and modern dumps spell them (tests/data, ../shared). */
static void
test_readable (void)
{
  assert_readable ("crypto/tls.(*Conn).Handshake", "tls.(*Conn).Handshake");
  assert_readable ("go.etcd.io/etcd/etcdmain.startProxy.func2", "etcdmain.startProxy.func2");
  assert_readable ("google.golang.org/grpc/credentials.(*tlsCreds).ClientHandshake",
                   "credentials.(*tlsCreds).ClientHandshake");
  assert_readable ("fmt.Println", "fmt.Println");
  assert_readable ("runtime.main.func1", "runtime.main.func1");
  assert_readable ("gopkg.in/yaml%2ev2.init", "yaml.v2.init");
  /* every path in a type argument, not only the first */
  assert_readable ("sync/atomic.Pointer[net/http.response].Load", "atomic.Pointer[http.response].Load");
  assert_readable ("sync/atomic.(*Pointer[go.shape.struct { net/http.x int }]).Load",
                   "atomic.(*Pointer[go.shape.struct { http.x int }]).Load");
  assert_readable ("go.etcd.io/etcd/pkg/v3/adt.Map[go.etcd.io/etcd/api/v3/mvccpb.KeyValue,int]",
                   "adt.Map[mvccpb.KeyValue,int]");
  /* the wrapper stays, so a type and its DWARF entry differ */
  assert_readable ("type:*crypto/tls.Conn", "type:*tls.Conn");
  assert_readable ("type.*net/http.Request", "type.*http.Request");
  assert_readable ("go:info.runtime/internal/atomic.(*Pointer[go.shape.func()]).Load$abstract",
                   "go:info.atomic.(*Pointer[go.shape.func()]).Load$abstract");
  assert_readable ("go.itab.*net/http.conn,io.Writer", "go.itab.*http.conn,io.Writer");
  /* a promoted method carries the path of the package that declares it */
  assert_readable ("github.com/gogo/protobuf/protoc-gen-gogo/descriptor.(*FileOptions).github.com/gogo/protobuf/proto.extensionsRead",
                   "descriptor.(*FileOptions).proto.extensionsRead");
  assert_readable ("net/http.(*http2Transport).golang.org/x/net/http2.dial",
                   "http.(*http2Transport).http2.dial");
  /* a dot in a name is no domain: the hash's "eq" stays */
  assert_readable ("type:.eq.net/http.Header", "type:.eq.http.Header");
  assert_readable ("go.string.\"a/b.c\"", "go.string.\"a/b.c\"");
  assert_readable ("", "(unnamed)");
}

/* Every name of the etcd dump reads the same as its short label when it
 * holds one path only, and never longer than the name. */
static void
test_readable_etcd (void)
{
  g_autofree char *full = ref_shared_file ("etcd-go1.19.deps-and-calls.txt.gz");
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = NULL;
  guint n_compared = 0;

  if (full == NULL)
    return;
  graph = dv_graph_load_path (full, NULL, &error);
  g_assert_no_error (error);
  for (DvSymbolId id = 0; id < dv_graph_get_n_symbols (graph); id++)
    {
      const char *name = dv_graph_symbol_name (graph, id);
      gsize len = dv_graph_symbol_name_len (graph, id);
      g_autofree char *readable = dv_symbol_name_readable (name, len);
      g_autofree char *shortened = dv_symbol_name_short (name, len);
      const char *last_slash = memrchr (name, '/', len);
      const char *paren = memchr (name, '(', len);

      g_assert_true (g_utf8_validate (readable, -1, NULL) || !g_utf8_validate (name, (gssize) len, NULL));
      g_assert_cmpuint (strlen (readable), <=, MAX (len, strlen ("(unnamed)")));
      /* one path, before any receiver: both labels cut it the same way */
      if (last_slash != NULL && (paren == NULL || last_slash < paren) && memchr (name, '[', len) == NULL
          && memchr (name, '"', len) == NULL && memchr (name, ' ', len) == NULL
          && memchr (name, ',', len) == NULL)
        {
          g_assert_cmpstr (readable, ==, shortened);
          n_compared++;
        }
    }
  g_assert_cmpuint (n_compared, >, 10000);
}

/* ---- packages of a loaded dump ---------------------------------------- */

/* Every symbol belongs to the package the reference rule gives it, or to
 * none; the name function still tells the package a name carries, the
 * owner's for symbols of a package. */
static void
check_symbol_packages_of (DvGraph *graph, RefDump *ref, const char *file)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_diff = 0, n_inconsistent = 0, n_owned = 0, n_carried = 0, n_promoted = 0;
  guint n_missing = 0;

  ref_dump_packages (ref);
  for (guint i = 0; i < ref->sym_order->len; i++)
    {
      RefSym *sym = g_ptr_array_index (ref->sym_order, i);
      DvSymbolId id = dv_graph_find_symbol (graph, sym->name, -1);
      const char *want = sym->pkg ? sym->pkg->name : NULL;
      g_autofree char *carried = ref_package (sym->name);
      g_autofree char *by_name = dv_symbol_name_package (sym->name, strlen (sym->name));
      DvPackageId pkg;
      const char *got;

      if (id == DV_SYMBOL_NONE)
        {
          /* test-parser reports missing symbols; here, they explain counts */
          if (n_missing++ < 3)
            g_printerr ("%s: the graph has no symbol \"%s\"\n", file, g_strescape (sym->name, NULL));
          continue;
        }
      pkg = dv_graph_symbol_package (graph, id);
      got = pkg == DV_PACKAGE_NONE ? NULL : dv_graph_package_name (graph, pkg);
      if (ref_owner_unspecified (sym->name))
        continue;
      n_owned += want != NULL;
      if (want != NULL && g_strcmp0 (by_name, want) != 0)
        {
          /* A promoted method's name alone does not tell which of its
           * prefixes is a package: the name function may give the usual
           * reading ("a/b.T.net/http"), the graph knows better. */
          RefRole role;
          g_autofree char *usual = ref_owner_in (sym->name, NULL, &role, NULL);
          if (g_strcmp0 (usual, want) != 0 && g_strcmp0 (by_name, usual) == 0)
            {
              n_promoted++;
              g_clear_pointer (&by_name, g_free);
              by_name = g_strdup (want);
            }
        }
      /* type:.gcprog.T: the notes give its name no package */
      if (want != NULL ? g_strcmp0 (by_name, want) != 0
                       : (ref_proves_nothing (sym->name) && !ref_is_namedata (sym->name) &&
                          !g_str_has_prefix (sym->name + 5, ".gcprog.") &&
                          g_strcmp0 (by_name, carried) != 0))
        {
          if (n_inconsistent++ < 5)
            g_printerr ("\"%s\": dv_symbol_name_package says %s, the name carries %s\n",
                        g_strescape (sym->name, NULL), by_name ? by_name : "NULL",
                        want ? want : carried ? carried : "NULL");
        }
      n_carried += want == NULL && carried != NULL;
      if (g_strcmp0 (got, want) == 0)
        continue;
      /* One example per (got, expected) pair. */
      {
        char *key = g_strdup_printf ("%s -> %s", want ? want : "NULL", got ? got : "NULL");
        guint count = GPOINTER_TO_UINT (g_hash_table_lookup (groups, key));
        if (count == 0)
          g_printerr ("%s: \"%s\": package %s, the reference rule says %s\n", file, g_strescape (sym->name, NULL),
                      got ? got : "NULL", want ? want : "NULL");
        g_hash_table_insert (groups, key, GUINT_TO_POINTER (count + 1));
      }
      n_diff++;
    }
  g_test_message ("%s: %u symbols of a package (%u promoted methods), %u that carry a package name "
                  "they do not prove", file, n_owned, n_promoted, n_carried);
  g_assert_cmpuint (n_owned, >, 0);
  g_assert_cmpuint (n_carried, >, 0);
  if (n_diff > 0)
    g_error ("%u symbols of %s have another package than the reference rule", n_diff, file);
  g_assert_cmpuint (n_inconsistent, ==, 0);
}

static void
check_symbol_packages (const char *file)
{
  RefDump *ref = NULL;
  g_autoptr(DvGraph) graph = load_fixture (file, &ref);
  check_symbol_packages_of (graph, ref, file);
  ref_dump_free (ref);
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

/* The package list holds exactly the packages that own a symbol: none made
 * up from a partial name ("reflectlite" for internal/reflectlite, "map"
 * from map.bucket[...], "$f64" from a float constant, "a/b.T.net/http" from
 * a promoted method), none only named by symbols that prove nothing. Each
 * package's counts and link are those of the symbols it owns, and stats
 * count the linked ones. */
static void
check_package_list (DvGraph *graph, RefDump *ref)
{
  guint invented = 0, missing = 0, bad_counts = 0, bad_link = 0;
  guint n_linked = 0, n_types_only = 0;
  g_autoptr(GArray) counts = g_array_new (FALSE, TRUE, sizeof (guint));  /* symbols, live, by package */
  g_autoptr(GArray) all = g_array_new (FALSE, TRUE, sizeof (guint));

  ref_dump_packages (ref);
  g_array_set_size (counts, 2 * dv_graph_get_n_packages (graph));
  g_array_set_size (all, 2 * dv_graph_get_n_packages (graph));
  for (guint id = 0; id < dv_graph_get_n_symbols (graph); id++)
    {
      DvPackageId p = dv_graph_symbol_package (graph, id);
      g_autofree char *name = NULL;
      if (p == DV_PACKAGE_NONE)
        continue;
      g_assert_cmpuint (p, <, dv_graph_get_n_packages (graph));
      g_array_index (all, guint, 2 * p)++;
      g_array_index (all, guint, 2 * p + 1) += dv_why_symbol_reachable (graph, id);
      name = g_strndup (dv_graph_symbol_name (graph, id), dv_graph_symbol_name_len (graph, id));
      if (ref_owner_unspecified (name))
        continue;
      g_array_index (counts, guint, 2 * p)++;
      g_array_index (counts, guint, 2 * p + 1) += dv_why_symbol_reachable (graph, id);
    }
  /* the package counts are those of its symbols */
  for (guint p = 0; p < dv_graph_get_n_packages (graph); p++)
    {
      g_assert_cmpuint (dv_graph_package_n_symbols (graph, p), ==, g_array_index (all, guint, 2 * p));
      g_assert_cmpuint (dv_graph_package_n_reachable (graph, p), ==, g_array_index (all, guint, 2 * p + 1));
    }
  for (guint p = 0; p < dv_graph_get_n_packages (graph); p++)
    {
      const char *name = dv_graph_package_name (graph, p);
      if (!g_hash_table_contains (ref->pkgs, name))
        {
          /* Show one symbol the package was made from. */
          for (guint id = invented < 12 ? 0 : G_MAXUINT; id < dv_graph_get_n_symbols (graph); id++)
            if (dv_graph_symbol_package (graph, id) == p)
              {
                g_printerr ("package \"%s\" (%u symbols, e.g. \"%s\") owns nothing by the reference rule\n",
                            name, dv_graph_package_n_symbols (graph, p),
                            g_strescape (dv_graph_symbol_name (graph, id), NULL));
                break;
              }
          invented++;
        }
    }
  for (guint i = 0; i < ref->pkg_order->len; i++)
    {
      RefPkg *rp = g_ptr_array_index (ref->pkg_order, i);
      DvPackageId p = dv_graph_find_package (graph, rp->name);
      DvPackageLink link = ref_pkg_link (rp);
      guint n_owned = 0, n_live = 0;

      n_linked += link != DV_PACKAGE_LINK_NO;
      n_types_only += link == DV_PACKAGE_LINK_TYPES_ONLY;
      if (p == DV_PACKAGE_NONE)
        {
          if (missing++ < 12)
            g_printerr ("package \"%s\" is missing (it owns \"%s\")\n", rp->name,
                        g_strescape (((RefSym *) g_ptr_array_index (rp->syms, 0))->name, NULL));
          continue;
        }
      g_assert_cmpstr (dv_graph_package_name (graph, p), ==, rp->name);
      if (dv_graph_package_link (graph, p) != link && bad_link++ < 12)
        g_printerr ("package \"%s\": linked \"%s\", the reference rule says \"%s\"\n", rp->name,
                    dv_package_link_to_string (dv_graph_package_link (graph, p)), ref_link_word (link));
      for (guint k = 0; k < rp->syms->len; k++)
        {
          RefSym *sym = g_ptr_array_index (rp->syms, k);
          if (ref_owner_unspecified (sym->name))
            continue;
          n_owned++;
          n_live += sym->dist != G_MAXUINT;
        }
      if ((g_array_index (counts, guint, 2 * p) != n_owned || g_array_index (counts, guint, 2 * p + 1) != n_live) &&
          bad_counts++ < 12)
        g_printerr ("package \"%s\": %u symbols, %u live; it owns %u, %u live\n", rp->name,
                    g_array_index (counts, guint, 2 * p), g_array_index (counts, guint, 2 * p + 1), n_owned, n_live);
    }
  g_assert_cmpuint (missing, ==, 0);
  g_assert_cmpuint (invented, ==, 0);
  g_assert_cmpuint (bad_link, ==, 0);
  g_assert_cmpuint (bad_counts, ==, 0);
  g_assert_cmpuint (dv_graph_get_n_packages (graph), ==, ref->pkg_order->len);
  g_assert_cmpuint (dv_graph_get_stats (graph)->packages, ==, n_linked);
  g_assert_cmpuint (dv_graph_get_stats (graph)->packages_types_only, ==, n_types_only);
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

/* Whether a path has a '.' in an element after the first '/' that a real
 * import path of the etcd dumps does not have: the standard library's
 * vendor/golang.org/x/..., versions like gopkg.in/yaml.v2, and one vendored
 * module path. Anything else is made up from a promoted method's name
 * ("go.etcd.io/etcd/pkg/transport.unixTransport.net/http"). */
static gboolean
path_is_made_up (const char *path)
{
  g_auto(GStrv) elems = g_strsplit (path, "/", -1);

  if (strcmp (path, "github.com/prometheus/common/internal/bitbucket.org/ww/goautoneg") == 0)
    return FALSE;
  for (guint i = 1; elems[i] != NULL; i++)
    {
      const char *dot = strchr (elems[i], '.');
      if (dot == NULL)
        continue;
      if (i == 1 && strcmp (elems[0], "vendor") == 0)
        continue;
      if (dot[1] == 'v' && dot[2] != '\0' && strspn (dot + 2, "0123456789") == strlen (dot + 2))
        continue;
      /* crypto/internal/entropy/v1.0.0 (Go 1.26) */
      if (elems[i][0] == 'v' && strspn (elems[i] + 1, "0123456789.") == strlen (elems[i] + 1))
        continue;
      return TRUE;
    }
  return FALSE;
}

static void
check_no_made_up_paths (DvGraph *graph)
{
  guint bad = 0;
  for (guint p = 0; p < dv_graph_get_n_packages (graph); p++)
    {
      const char *name = dv_graph_package_name (graph, p);
      if (path_is_made_up (name) && bad++ < 12)
        g_printerr ("package \"%s\" is made up from a name\n", name);
    }
  g_assert_cmpuint (bad, ==, 0);
}

static void
check_shared_dump (const char *file)
{
  g_autofree char *path = ref_shared_file (file);
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
  ref_dump_packages (ref);
  /* the reference rule makes up no path either */
  for (guint i = 0; i < ref->pkg_order->len; i++)
    {
      const char *name = ((RefPkg *) g_ptr_array_index (ref->pkg_order, i))->name;
      if (path_is_made_up (name))
        g_error ("the reference rule makes up \"%s\"", name);
    }
  check_symbol_packages_of (graph, ref, file);
  check_no_made_up_paths (graph);
  check_package_list (graph, ref);
  ref_dump_free (ref);
}

static void
test_package_list_etcd (void)
{
  check_shared_dump ("etcd-go1.19.deps.txt.gz");
}

static void
test_package_list_etcd_126 (void)
{
  check_shared_dump ("etcd-go1.26.deps-and-calls.txt.gz");
}

/* Each fixture of ref_version_fixtures: each symbol's package, the package
 * table, links and stats. */
static void
test_version_packages (gconstpointer data)
{
  const char *file = data;
  RefDump *ref = NULL;
  g_autoptr(DvGraph) graph = load_fixture (file, &ref);

  check_symbol_packages_of (graph, ref, file);
  check_no_made_up_paths (graph);
  check_package_list (graph, ref);
  ref_dump_free (ref);
}

/* ---- the package rule on small dumps ----------------------------------- */

static DvGraph *
load_text (const char *dump)
{
  g_autoptr(GError) error = NULL;
  DvGraph *graph = dv_graph_load_data (dump, strlen (dump), "inline.txt", &error);
  g_assert_no_error (error);
  g_assert_nonnull (graph);
  return graph;
}

static void
assert_owner (DvGraph *graph, const char *name, const char *pkg)
{
  DvSymbolId id = dv_graph_find_symbol (graph, name, -1);
  DvPackageId p;

  g_assert_cmpuint (id, !=, DV_SYMBOL_NONE);
  p = dv_graph_symbol_package (graph, id);
  if (g_strcmp0 (p == DV_PACKAGE_NONE ? NULL : dv_graph_package_name (graph, p), pkg) != 0)
    g_error ("\"%s\" belongs to %s, expected %s", name,
             p == DV_PACKAGE_NONE ? "no package" : dv_graph_package_name (graph, p), pkg ? pkg : "no package");
  /* what the symbol proves */
  if (pkg == NULL)
    g_assert_false (dv_graph_symbol_proves_code (graph, id));
}

/* Merged by content, debug entries, C fragments, shapes and go: names
 * belong to no package, and a path only they carry is no package. */
static void
test_rule_proves_nothing (void)
{
  static const char dump[] =
    "_ -> main.main\n"
    "main.main -> plugin.lastmoduleinit.stkobj\n"
    "main.main -> encoding/json..stmp_25\n"
    "main.main -> encoding/json.Marshal.arginfo0\n"
    "main.main -> encoding/json.Marshal.arginfo1\n"
    "main.main -> encoding/json.Marshal.argliveinfo\n"
    "main.main -> encoding/json.Marshal.opendefer\n"
    "main.main -> encoding/json.Marshal.wrapinfo\n"
    "main.main -> encoding/json.Marshal.args_stackmap\n"
    "main.main -> go:itab.*os.File,io.Writer\n"
    "main.main -> go.itab.*os.File,io.Writer\n"
    "main.main -> type:.namedata.*net/url.URL.\n"
    "main.main -> type..namedata.*net/url.URL.\n"
    "main.main -> type:.importpath.strings.\n"
    "main.main -> type..importpath.strings.\n"
    "main.main -> type:.gcprog.bytes.Buffer\n"
    "main.main -> type..gcprog.bytes.Buffer\n"
    "main.main -> $f64.3ff0000000000000\n"
    "main.main -> $i128.00000000000000000000000000000001\n"
    "main.main -> go:string.\"net/http.x\"\n"
    "main.main -> go.string.\"net/http.x\"\n"
    "main.main -> runtime.gcbits.0a\n"
    "main.main -> gclocals\xc2\xb7" "J5F+7Qw7O7ve2QcWC7DpeQ==\n"
    "main.main -> go:sehuw.sort.Sort\n"
    "main.main -> go:info.internal/goarch.X\n"
    "main.main -> go.info.internal/goarch.X\n"
    "main.main -> go.loc.internal/goarch.X\n"
    "main.main -> go:info.unicode.IsSpace$abstract\n"
    "main.main -> x_cgo_munmap.cold\n"
    "main.main -> go:main.inittasks\n"
    "main.main -> go:runtime.inittasks\n"
    "main.main -> go:(*struct { io.Reader }).Read\n"
    "main.main -> type:go.shape.int\n"
    "main.main -> type:*go.shape.struct { A int }\n";
  g_autoptr(DvGraph) graph = load_text (dump);
  static const char *const none[] = { "plugin", "encoding/json", "os", "io", "net/url", "strings", "bytes",
                                      "runtime", "net/http", "sort", "internal/goarch", "unicode",
                                      "x_cgo_munmap", "go", "go.shape" };

  for (guint id = 0; id < dv_graph_get_n_symbols (graph); id++)
    {
      const char *name = dv_graph_symbol_name (graph, id);
      if (strcmp (name, "main.main") == 0 || strcmp (name, "_") == 0)
        continue;
      g_assert_true (ref_owner_in (name, NULL, &(RefRole) { 0 }, NULL) == NULL);
      assert_owner (graph, name, NULL);
    }
  assert_owner (graph, "main.main", "main");
  /* the name still carries its package */
  assert_package ("plugin.lastmoduleinit.stkobj", "plugin");
  assert_package ("encoding/json..stmp_25", "encoding/json");
  for (guint i = 0; i < G_N_ELEMENTS (none); i++)
    if (dv_graph_find_package (graph, none[i]) != DV_PACKAGE_NONE)
      g_error ("\"%s\" is a package, yet it owns nothing", none[i]);
  g_assert_cmpuint (dv_graph_get_n_packages (graph), ==, 1);
  g_assert_cmpuint (dv_graph_get_stats (graph)->packages, ==, 1);
  g_assert_cmpuint (dv_graph_get_stats (graph)->packages_types_only, ==, 0);
}

/* Code, package-made data and types belong to the package their name
 * carries; a package with live types and no live code is linked "types
 * only"; one with nothing live is in the table, not linked. */
static void
test_rule_owned (void)
{
  static const char dump[] =
    "_ -> main.main\n"
    "main.main -> main..inittask\n"
    "main.main -> main..dict.Gen[int]\n"
    "main.main -> main..gobytes.1\n"
    "main.main -> main..typeAssert.0\n"
    "main.main -> main..interfaceSwitch.0\n"
    "main.main -> main.glob..func1\n"
    "main.main -> main.T.M-fm\n"
    "main.main -> main.Gen[go.shape.int]\n"
    "main.main -> type:*net/url.URL\n"
    "main.main -> type:net/url.Userinfo\n"
    "main.main -> type:.eq.net/url.Error\n"
    "main.main -> type:.hash.net/url.Error\n"
    "main.main -> go.etcd.io/etcd/pkg/transport.unixTransport.net/http.cancelRequest\n"
    "main.main -> type:go.etcd.io/etcd/pkg/transport.unixTransport\n"
    "main.main -> gopkg.in/yaml%2ev2.Unmarshal\n"
    "main.main -> github.com/prometheus/common/internal/bitbucket.org/ww/goautoneg.Negotiate\n"
    " -> strings.Index\n"
    " -> net/url.Parse\n";
  g_autoptr(DvGraph) graph = load_text (dump);
  static const char *const in_main[] = { "main.main", "main..inittask", "main..dict.Gen[int]", "main..gobytes.1",
                                         "main..typeAssert.0", "main..interfaceSwitch.0", "main.glob..func1",
                                         "main.T.M-fm", "main.Gen[go.shape.int]" };
  DvPackageId url, strings_pkg;

  for (guint i = 0; i < G_N_ELEMENTS (in_main); i++)
    {
      assert_owner (graph, in_main[i], "main");
      g_assert_true (dv_graph_symbol_proves_code (graph, dv_graph_find_symbol (graph, in_main[i], -1)));
    }
  assert_owner (graph, "type:*net/url.URL", "net/url");
  assert_owner (graph, "type:net/url.Userinfo", "net/url");
  assert_owner (graph, "type:.eq.net/url.Error", "net/url");
  assert_owner (graph, "type:.hash.net/url.Error", "net/url");
  assert_owner (graph, "net/url.Parse", "net/url");
  assert_owner (graph, "go.etcd.io/etcd/pkg/transport.unixTransport.net/http.cancelRequest",
                "go.etcd.io/etcd/pkg/transport");
  assert_owner (graph, "gopkg.in/yaml%2ev2.Unmarshal", "gopkg.in/yaml.v2");
  assert_owner (graph, "github.com/prometheus/common/internal/bitbucket.org/ww/goautoneg.Negotiate",
                "github.com/prometheus/common/internal/bitbucket.org/ww/goautoneg");
  assert_owner (graph, "strings.Index", "strings");
  g_assert_cmpuint (dv_graph_find_package (graph, "go.etcd.io/etcd/pkg/transport.unixTransport.net/http"), ==,
                    DV_PACKAGE_NONE);
  g_assert_cmpuint (dv_graph_find_package (graph, "net/http"), ==, DV_PACKAGE_NONE);

  url = dv_graph_find_package (graph, "net/url");
  strings_pkg = dv_graph_find_package (graph, "strings");
  g_assert_cmpint (dv_graph_package_link (graph, dv_graph_find_package (graph, "main")), ==, DV_PACKAGE_LINK_CODE);
  g_assert_cmpint (dv_graph_package_link (graph, url), ==, DV_PACKAGE_LINK_TYPES_ONLY);
  g_assert_cmpuint (dv_graph_package_n_symbols (graph, url), ==, 5);
  g_assert_cmpuint (dv_graph_package_n_reachable (graph, url), ==, 4);
  g_assert_cmpint (dv_graph_package_link (graph, strings_pkg), ==, DV_PACKAGE_LINK_NO);
  /* main, net/url, strings, transport, yaml.v2, goautoneg: six in the table, five linked */
  g_assert_cmpuint (dv_graph_get_n_packages (graph), ==, 6);
  g_assert_cmpuint (dv_graph_get_stats (graph)->packages, ==, 5);
  g_assert_cmpuint (dv_graph_get_stats (graph)->packages_types_only, ==, 1);
  g_assert_cmpstr (dv_package_link_to_string (DV_PACKAGE_LINK_CODE), ==, "code");
  g_assert_cmpstr (dv_package_link_to_string (DV_PACKAGE_LINK_TYPES_ONLY), ==, "types only");
  g_assert_cmpstr (dv_package_link_to_string (DV_PACKAGE_LINK_NO), ==, "no");
  g_assert_true (path_is_made_up ("go.etcd.io/etcd/pkg/transport.unixTransport.net/http"));
  g_assert_true (path_is_made_up ("go.etcd.io/etcd/clientv3.retryOption.google.golang.org/grpc"));
  g_assert_false (path_is_made_up ("gopkg.in/yaml.v2"));
  g_assert_false (path_is_made_up ("vendor/golang.org/x/net/http/httpguts"));
  g_assert_false (path_is_made_up ("crypto/internal/entropy/v1.0.0"));
}

/* The names the header lists as merged by content, one by one. */
static void
test_rule_content_addressable_names (void)
{
  static const char *const merged[] = {
    "main..stmp_0", "main.main.stkobj", "fmt.Errorf.arginfo0", "fmt.Errorf.arginfo1", "fmt.Errorf.argliveinfo",
    "fmt.Errorf.opendefer", "fmt.Errorf.wrapinfo", "gclocals\xc2\xb7" "J5F+7Qw7O7ve2QcWC7DpeQ==",
    "go.string.\"hello\"", "go:string.\"hello\"", "$f64.3ff0000000000000", "$f32.3f800000",
    "$i64.0000000000000001", "$i32.00000001", "$i128.00000000000000000000000000000001",
    "type..namedata.*main.T.", "type:.namedata.*main.T.", "type..importpath.fmt.", "type:.importpath.fmt.",
    "go.itab.*os.File,io.Writer", "go:itab.*os.File,io.Writer", "runtime.gcbits.0a", "type..gcprog.main.T",
    "type:.gcprog.main.T", "go:sehuw.main.main",
  };
  static const char *const not_merged[] = { "main.main", "main..inittask", "main..dict.Gen[int]", "type:*main.T",
                                            "fmt.Errorf", "main.stmp", "runtime.gcbits" };
  for (guint i = 0; i < G_N_ELEMENTS (merged); i++)
    {
      g_assert_true (ref_proves_nothing (merged[i]));
      if (!dv_symbol_name_content_addressable (merged[i], strlen (merged[i])))
        g_error ("\"%s\" is merged by content", merged[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_merged); i++)
    {
      g_assert_false (ref_proves_nothing (not_merged[i]));
      if (dv_symbol_name_content_addressable (not_merged[i], strlen (not_merged[i])))
        g_error ("\"%s\" is not merged by content", not_merged[i]);
    }
}

/* fmt's symbols and live symbols, counted from the dump. */
static void
test_package_counts_fmt (void)
{
  RefDump *ref = NULL;
  g_autoptr(DvGraph) graph = load_fixture ("hello-go1.19.deps.txt", &ref);
  DvPackageId fmt = dv_graph_find_package (graph, "fmt");
  guint want = 0, want_live = 0, got = 0, got_live = 0, n_clear = 0, in_graph = 0, n_unproved = 0;

  g_assert_cmpuint (fmt, !=, DV_PACKAGE_NONE);
  g_assert_cmpstr (dv_graph_package_name (graph, fmt), ==, "fmt");
  ref_dump_packages (ref);
  for (guint i = 0; i < ref->sym_order->len; i++)
    {
      RefSym *sym = g_ptr_array_index (ref->sym_order, i);
      DvSymbolId id = dv_graph_find_symbol (graph, sym->name, -1);
      gboolean in_fmt = id != DV_SYMBOL_NONE && dv_graph_symbol_package (graph, id) == fmt;

      if (in_fmt)
        in_graph++;
      if (g_str_has_prefix (sym->name, "fmt."))
        {
          if (ref_proves_nothing (sym->name))
            {
              /* fmt.Errorf.arginfo1, fmt..stmp_3: merged by content, not fmt's */
              n_unproved++;
              g_assert_false (in_fmt);
            }
          else
            n_clear++;
        }
      if (ref_owner_unspecified (sym->name))
        continue;
      if (sym->pkg != NULL && strcmp (sym->pkg->name, "fmt") == 0)
        {
          want++;
          want_live += sym->dist != G_MAXUINT;
        }
      if (in_fmt)
        {
          got++;
          got_live += dv_why_symbol_reachable (graph, id);
        }
    }
  /* The package's counts are its symbols' counts. */
  g_assert_cmpuint (n_unproved, >, 0);
  g_assert_cmpuint (dv_graph_package_n_symbols (graph, fmt), ==, in_graph);
  g_assert_cmpuint (dv_graph_package_n_symbols (graph, fmt), >=, n_clear);
  g_assert_cmpuint (dv_graph_package_link (graph, fmt), ==, DV_PACKAGE_LINK_CODE);
  g_assert_cmpuint (got, ==, want);
  g_assert_cmpuint (got_live, ==, want_live);
  ref_dump_free (ref);
}

static void
test_package_stats (void)
{
  g_autoptr(DvGraph) graph = load_fixture ("hello-go1.19.deps.txt", NULL);
  guint total = 0, linked = 0, types_only = 0;

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
            live += dv_why_symbol_reachable (graph, id);
          }
      g_assert_cmpuint (dv_graph_package_n_symbols (graph, p), ==, n);
      g_assert_cmpuint (dv_graph_package_n_reachable (graph, p), ==, live);
      /* every package of the table owns a symbol */
      g_assert_cmpuint (n, >, 0);
      if (live == 0)
        g_assert_cmpint (dv_graph_package_link (graph, p), ==, DV_PACKAGE_LINK_NO);
      linked += dv_graph_package_link (graph, p) != DV_PACKAGE_LINK_NO;
      types_only += dv_graph_package_link (graph, p) == DV_PACKAGE_LINK_TYPES_ONLY;
      total += n;
    }
  g_assert_cmpuint (dv_graph_get_stats (graph)->packages, ==, linked);
  g_assert_cmpuint (dv_graph_get_stats (graph)->packages_types_only, ==, types_only);
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
  g_test_add_func ("/graph/names/readable", test_readable);
  g_test_add_func ("/graph/names/readable-etcd", test_readable_etcd);
  g_test_add_func ("/graph/names/graph/symbol-packages-hello", test_symbol_packages_hello);
  g_test_add_func ("/graph/names/graph/symbol-packages-hazards", test_symbol_packages_hazards);
  g_test_add_func ("/graph/names/graph/package-list-hello", test_package_list_hello);
  g_test_add_func ("/graph/names/graph/package-list-hazards", test_package_list_hazards);
  g_test_add_func ("/graph/names/etcd/go1.19", test_package_list_etcd);
  g_test_add_func ("/graph/names/graph/fmt-counts", test_package_counts_fmt);
  g_test_add_func ("/graph/names/graph/package-stats", test_package_stats);
  g_test_add_func ("/graph/names/graph/unescaped-path", test_package_unescaped_in_graph);
  g_test_add_func ("/graph/names/etcd/go1.26", test_package_list_etcd_126);
  g_test_add_func ("/graph/names/rule/proves-nothing", test_rule_proves_nothing);
  g_test_add_func ("/graph/names/rule/owned", test_rule_owned);
  g_test_add_func ("/graph/names/rule/content-addressable-names", test_rule_content_addressable_names);
  for (guint i = 0; i < G_N_ELEMENTS (ref_version_fixtures); i++)
    {
      g_autofree char *path = g_strdup_printf ("/graph/names/versions/%s", ref_version_fixtures[i][0]);
      g_test_add_data_func (path, ref_version_fixtures[i][1], test_version_packages);
    }

  return g_test_run ();
}
