/* test-app-model.c: the window's model objects without a window:
 * DvAppDocument loads real dumps from tests/data, DvAppFocus answers and
 * keeps the history. Expected names come from the dump text and from
 * depview-cli, never from the objects under test. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "dv-app-document.h"
#include "dv-app-focus.h"

#define WAIT_MS 20000

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

typedef struct {
  DvAppDocument *document;
  guint          n_loaded;
  guint          n_failed;
  guint          n_choose;
  gboolean       last_is_reload;
  gboolean       last_same_file;
  GError        *last_error;
  char          *last_failed_title;
  GStrv          binaries;
  GArray        *loading;       /* gboolean: each value "loading" was notified with */
} Events;

static void
loaded_cb (DvAppDocument *document, gboolean is_reload, gboolean same_file, Events *events)
{
  events->n_loaded++;
  events->last_is_reload = is_reload;
  events->last_same_file = same_file;
}

static void
load_failed_cb (DvAppDocument *document, const char *title, const GError *error, Events *events)
{
  events->n_failed++;
  g_clear_error (&events->last_error);
  events->last_error = g_error_copy (error);
  g_free (events->last_failed_title);
  events->last_failed_title = g_strdup (title);
}

static void
choose_binary_cb (DvAppDocument *document, const char *title, GStrv binaries, Events *events)
{
  events->n_choose++;
  g_strfreev (events->binaries);
  events->binaries = g_strdupv (binaries);
}

static void
loading_cb (DvAppDocument *document, GParamSpec *pspec, Events *events)
{
  gboolean loading = dv_app_document_get_loading (document);

  g_array_append_val (events->loading, loading);
}

static void
events_init (Events *events, DvAppDocument *document)
{
  memset (events, 0, sizeof *events);
  events->document = document;
  events->loading = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_signal_connect (document, "loaded", G_CALLBACK (loaded_cb), events);
  g_signal_connect (document, "load-failed", G_CALLBACK (load_failed_cb), events);
  g_signal_connect (document, "choose-binary", G_CALLBACK (choose_binary_cb), events);
  g_signal_connect (document, "notify::loading", G_CALLBACK (loading_cb), events);
}

static void
events_clear (Events *events)
{
  g_signal_handlers_disconnect_by_data (events->document, events);
  g_clear_error (&events->last_error);
  g_clear_pointer (&events->last_failed_title, g_free);
  g_clear_pointer (&events->binaries, g_strfreev);
  g_clear_pointer (&events->loading, g_array_unref);
}

/* Runs the main loop until one more load has ended (loaded, failed or a
 * choice asked); FALSE on timeout. */
static gboolean
wait_for_end (Events *events)
{
  guint before = events->n_loaded + events->n_failed + events->n_choose;
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (WAIT_MS, timeout_cb, &timed_out);

  while (events->n_loaded + events->n_failed + events->n_choose == before && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return !timed_out;
}

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

/* Whether the dump text has the line, as written. */
static gboolean
dump_has_line (const char *path, const char *line)
{
  g_autofree char *text = NULL;
  g_autofree char *needle = g_strdup_printf ("\n%s\n", line);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return strstr (text, needle) != NULL;
}

/* A field of `depview-cli why --format=json`. */
static char *
cli_json_field (const char *dump_path, const char *query, const char *field)
{
  const char *argv[] = { g_getenv ("DEPVIEW_CLI"), "why", "--format=json", dump_path, query, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *pattern = g_strdup_printf ("\"%s\": \"([^\"]*)\"", field);
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;

  if (argv[0] == NULL)
    return NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, NULL, &error));
  g_assert_no_error (error);
  regex = g_regex_new (pattern, 0, 0, NULL);
  if (!g_regex_match (regex, out, 0, &match))
    return NULL;
  return g_match_info_fetch (match, 1);
}

/* ---- sizes ---- */

static gboolean
wait_for_sizes (DvAppDocument *document)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (WAIT_MS, timeout_cb, &timed_out);

  /* one turn first: a reload's rematch starts after "loaded" */
  g_main_context_iteration (NULL, FALSE);
  while (dv_app_document_get_sizes_loading (document) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return !timed_out;
}

static void
test_document_sizes (void)
{
  g_autoptr(DvAppDocument) document = dv_app_document_new ();
  g_autofree char *hello = data_path ("hello-go1.19.deps.txt");
  g_autofree char *hazards = data_path ("hazards-go1.19.deps.txt");
  g_autofree char *source = data_path ("hazards-go1.19.go");
  g_autofree char *tmp = g_dir_make_tmp ("depview-sizes-XXXXXX", NULL);
  g_autofree char *nm = g_build_filename (tmp, "hello.nm", NULL);
  g_autoptr(GFile) hello_file = g_file_new_for_path (hello);
  g_autoptr(GFile) hazards_file = g_file_new_for_path (hazards);
  g_autoptr(GFile) nm_file = g_file_new_for_path (nm);
  g_autoptr(GFile) source_file = g_file_new_for_path (source);
  g_autoptr(GError) error = NULL;
  Events events;
  DvGraph *graph;
  DvCost *cost;
  DvSymbolId println;

  /* go tool nm -size lines: address, size, type, name */
  g_assert_true (g_file_set_contents (nm,
                                      "  48f1a0       1234 T fmt.Fprintln\n"
                                      "  401000        777 T main.main\n", -1, &error));
  g_assert_no_error (error);
  g_assert_true (dump_has_line (hello, "main.main -> fmt.Fprintln"));

  events_init (&events, document);
  dv_app_document_load_with_sizes (document, hello_file, nm_file);
  g_assert_true (wait_for_end (&events));
  g_assert_true (wait_for_sizes (document));
  cost = dv_app_document_get_cost (document);
  g_assert_nonnull (cost);
  g_assert_true (g_file_equal (dv_app_document_get_sizes_file (document), nm_file));
  graph = dv_app_document_get_graph (document);
  println = dv_graph_find_symbol (graph, "fmt.Fprintln", -1);
  g_assert_cmpuint (println, !=, DV_SYMBOL_NONE);
  g_assert_cmpuint (dv_cost_symbol_size (cost, println), ==, 1234);
  /* main.main keeps fmt.Fprintln and owns 777 bytes of its own */
  g_assert_cmpuint (dv_cost_symbol_retained (cost, dv_graph_find_symbol (graph, "main.main", -1)), >=, 777);

  /* a reload matches the same sizes to the new graph */
  dv_app_document_reload (document);
  g_assert_true (wait_for_end (&events));
  g_assert_true (events.last_is_reload);
  g_assert_true (wait_for_sizes (document));
  cost = dv_app_document_get_cost (document);
  g_assert_nonnull (cost);
  g_assert_true (dv_cost_get_graph (cost) == dv_app_document_get_graph (document));
  g_assert_cmpuint (dv_cost_symbol_size (cost, dv_graph_find_symbol (dv_app_document_get_graph (document),
                                                                        "fmt.Fprintln", -1)), ==, 1234);

  /* a file that is no sizes file says so, and keeps no sizes */
  dv_app_document_set_sizes (document, source_file);
  g_assert_true (wait_for_sizes (document));
  g_assert_null (dv_app_document_get_cost (document));
  g_assert_null (dv_app_document_get_sizes_file (document));
  g_assert_nonnull (dv_app_document_get_sizes_error (document));

  /* another dump drops the sizes of this one */
  dv_app_document_set_sizes (document, nm_file);
  g_assert_true (wait_for_sizes (document));
  g_assert_nonnull (dv_app_document_get_cost (document));
  dv_app_document_load (document, hazards_file);
  g_assert_true (wait_for_end (&events));
  g_assert_true (wait_for_sizes (document));
  g_assert_null (dv_app_document_get_cost (document));
  g_assert_null (dv_app_document_get_sizes_file (document));

  events_clear (&events);
  g_unlink (nm);
  g_rmdir (tmp);
}

/* ---- DvAppDocument ---- */

static void
test_document_load_and_fail (void)
{
  g_autofree char *hello = data_path ("hello-go1.19.deps.txt");
  g_autofree char *source = data_path ("hazards-go1.19.go");
  g_autoptr(GFile) hello_file = g_file_new_for_path (hello);
  g_autoptr(GFile) source_file = g_file_new_for_path (source);
  g_autoptr(DvAppDocument) document = dv_app_document_new ();
  Events events;
  DvGraph *graph;

  events_init (&events, document);
  g_assert_null (dv_app_document_get_graph (document));
  g_assert_false (dv_app_document_get_loading (document));

  /* A real dump: loading goes TRUE at once, FALSE when the graph is there. */
  dv_app_document_load (document, hello_file);
  g_assert_true (dv_app_document_get_loading (document));
  g_assert_cmpstr (dv_app_document_get_loading_title (document), ==, "hello-go1.19.deps.txt");
  g_assert_null (dv_app_document_get_graph (document));
  g_assert_true (wait_for_end (&events));
  g_assert_cmpuint (events.n_loaded, ==, 1);
  g_assert_cmpuint (events.n_failed, ==, 0);
  g_assert_false (events.last_is_reload);
  g_assert_false (events.last_same_file);
  g_assert_false (dv_app_document_get_loading (document));
  g_assert_cmpuint (events.loading->len, ==, 2);
  g_assert_true (g_array_index (events.loading, gboolean, 0));
  g_assert_false (g_array_index (events.loading, gboolean, 1));
  graph = dv_app_document_get_graph (document);
  g_assert_nonnull (graph);
  g_assert_cmpstr (dv_app_document_get_title (document), ==, "hello-go1.19.deps.txt");
  g_assert_true (g_file_equal (dv_app_document_get_file (document), hello_file));
  g_assert_null (dv_app_document_get_binary (document));
  g_assert_null (dv_app_document_get_error (document));
  /* what the dump says: "main.main -> fmt.Fprintln" */
  g_assert_true (dump_has_line (hello, "main.main -> fmt.Fprintln"));
  g_assert_cmpuint (dv_graph_find_symbol (graph, "fmt.Fprintln", -1), !=, DV_SYMBOL_NONE);
  g_assert_cmpuint (dv_graph_find_symbol (graph, "main.main", -1), !=, DV_SYMBOL_NONE);
  {
    g_autoptr(DvGraph) from_property = NULL;

    g_object_get (document, "graph", &from_property, NULL);
    g_assert_true (from_property == graph);
  }

  /* A Go source file is no dump: an error, and the graph, file and title stay. */
  dv_app_document_load (document, source_file);
  g_assert_true (wait_for_end (&events));
  g_assert_cmpuint (events.n_failed, ==, 1);
  g_assert_cmpuint (events.n_loaded, ==, 1);
  g_assert_cmpstr (events.last_failed_title, ==, "hazards-go1.19.go");
  g_assert_nonnull (events.last_error);
  g_assert_false (g_error_matches (events.last_error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_assert_nonnull (dv_app_document_get_error (document));
  g_assert_true (dv_app_document_get_graph (document) == graph);
  g_assert_true (g_file_equal (dv_app_document_get_file (document), hello_file));
  g_assert_cmpstr (dv_app_document_get_title (document), ==, "hello-go1.19.deps.txt");
  g_assert_false (dv_app_document_get_loading (document));

  /* Reload: the same file again, a new graph. */
  dv_app_document_reload (document);
  g_assert_true (wait_for_end (&events));
  g_assert_cmpuint (events.n_loaded, ==, 2);
  g_assert_true (events.last_is_reload);
  g_assert_true (events.last_same_file);
  g_assert_nonnull (dv_app_document_get_graph (document));
  g_assert_true (dv_app_document_get_graph (document) != graph);
  g_assert_null (dv_app_document_get_error (document));

  /* Cancelled: nothing changes. */
  graph = dv_app_document_get_graph (document);
  dv_app_document_load (document, source_file);
  dv_app_document_cancel (document);
  g_assert_true (wait_for_end (&events));
  g_assert_true (g_error_matches (events.last_error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_assert_true (dv_app_document_get_graph (document) == graph);
  g_assert_false (dv_app_document_get_loading (document));

  events_clear (&events);
}

static void
test_document_choose_binary (void)
{
  g_autofree char *path = data_path ("tools-two-binaries-go1.22.deps-and-calls.txt.gz");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DvAppDocument) document = dv_app_document_new ();
  Events events;

  events_init (&events, document);
  dv_app_document_load (document, file);
  g_assert_true (wait_for_end (&events));
  /* the file's "# path" lines: example.com/tools/cmd/alpha and .../beta */
  g_assert_cmpuint (events.n_choose, ==, 1);
  g_assert_cmpuint (g_strv_length (events.binaries), ==, 2);
  g_assert_cmpstr (events.binaries[0], ==, "example.com/tools/cmd/alpha");
  g_assert_cmpstr (events.binaries[1], ==, "example.com/tools/cmd/beta");
  g_assert_false (dv_app_document_get_loading (document));
  g_assert_null (dv_app_document_get_graph (document));

  dv_app_document_choose_binary (document, "example.com/tools/cmd/beta");
  g_assert_true (dv_app_document_get_loading (document));
  g_assert_true (wait_for_end (&events));
  g_assert_cmpuint (events.n_loaded, ==, 1);
  g_assert_cmpstr (dv_app_document_get_binary (document), ==, "example.com/tools/cmd/beta");
  g_assert_nonnull (dv_app_document_get_graph (document));

  /* The reload reads the same binary. */
  dv_app_document_reload (document);
  g_assert_true (wait_for_end (&events));
  g_assert_cmpuint (events.n_loaded, ==, 2);
  g_assert_cmpuint (events.n_choose, ==, 1);
  g_assert_cmpstr (dv_app_document_get_binary (document), ==, "example.com/tools/cmd/beta");
  events_clear (&events);

  /* A document dropped while it waits for the choice is freed. */
  {
    DvAppDocument *waiting = dv_app_document_new ();
    gpointer alive = waiting;

    events_init (&events, waiting);
    dv_app_document_load (waiting, file);
    g_assert_true (wait_for_end (&events));
    g_assert_cmpuint (events.n_choose, ==, 1);
    events_clear (&events);
    g_object_add_weak_pointer (G_OBJECT (waiting), &alive);
    g_object_unref (waiting);
    /* the loader's worker lets go of its task (and the task of the
     * document) a moment after the answer, in its own thread */
    for (guint ms = 0; g_atomic_pointer_get (&alive) != NULL && ms < WAIT_MS; ms++)
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (1000);
      }
    g_assert_null (g_atomic_pointer_get (&alive));
  }
}

/* A file rewritten on disk is read again, without being asked. */
static void
test_document_reloads_on_change (void)
{
  g_autofree char *hello = data_path ("hello-go1.19.deps.txt");
  g_autofree char *dir = g_dir_make_tmp ("depview-test-XXXXXX", NULL);
  g_autofree char *copy = g_build_filename (dir, "deps.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (copy);
  g_autoptr(DvAppDocument) document = dv_app_document_new ();
  g_autofree char *text = NULL;
  gsize len;
  Events events;

  g_assert_true (g_file_get_contents (hello, &text, &len, NULL));
  g_assert_true (g_file_set_contents (copy, text, len, NULL));

  events_init (&events, document);
  dv_app_document_load (document, file);
  g_assert_true (wait_for_end (&events));
  g_assert_cmpuint (events.n_loaded, ==, 1);
  g_assert_cmpuint (dv_graph_find_symbol (dv_app_document_get_graph (document), "main.extraFromTheTest", -1),
                    ==, DV_SYMBOL_NONE);

  {
    g_autofree char *more = g_strconcat (text, "main.main -> main.extraFromTheTest\n", NULL);
    g_assert_true (g_file_set_contents (copy, more, -1, NULL));
  }
  g_assert_true (wait_for_end (&events));
  g_assert_cmpuint (events.n_loaded, ==, 2);
  g_assert_true (events.last_is_reload);
  g_assert_cmpuint (dv_graph_find_symbol (dv_app_document_get_graph (document), "main.extraFromTheTest", -1),
                    !=, DV_SYMBOL_NONE);

  events_clear (&events);
  g_clear_object (&document);
  g_unlink (copy);
  g_rmdir (dir);
}

/* ---- DvAppFocus ---- */

static DvGraph *
load_graph (const char *name)
{
  g_autofree char *path = data_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DvAppDocument) document = dv_app_document_new ();
  Events events;
  DvGraph *graph;

  events_init (&events, document);
  dv_app_document_load (document, file);
  g_assert_true (wait_for_end (&events));
  g_assert_cmpuint (events.n_loaded, ==, 1);
  graph = dv_graph_ref (dv_app_document_get_graph (document));
  events_clear (&events);
  return graph;
}

static guint n_changed;

static void
changed_cb (DvAppFocus *focus, gpointer data)
{
  n_changed++;
}

static const char *
focus_name (DvAppFocus *focus)
{
  gboolean is_package;

  return dv_app_focus_get_name (focus, &is_package);
}

static void
test_focus_history (void)
{
  g_autoptr(DvGraph) graph = load_graph ("hello-go1.19.deps.txt");
  g_autoptr(DvAppFocus) focus = dv_app_focus_new ();
  DvSymbolId fprintln = dv_graph_find_symbol (graph, "fmt.Fprintln", -1);
  DvSymbolId main_main = dv_graph_find_symbol (graph, "main.main", -1);
  DvSymbolId new_printer = dv_graph_find_symbol (graph, "fmt.newPrinter", -1);
  gboolean is_package;

  g_assert_cmpuint (new_printer, !=, DV_SYMBOL_NONE);
  dv_app_focus_set_graph (focus, graph, FALSE);
  g_signal_connect (focus, "changed", G_CALLBACK (changed_cb), NULL);
  n_changed = 0;
  g_assert_false (dv_app_focus_can_go_back (focus));
  g_assert_false (dv_app_focus_go_back (focus));

  dv_app_focus_show_symbol (focus, fprintln, TRUE);
  dv_app_focus_show_symbol (focus, main_main, TRUE);
  g_assert_true (dv_app_focus_show_name (focus, "fmt", TRUE, TRUE));
  g_assert_cmpuint (n_changed, ==, 3);
  g_assert_cmpstr (dv_app_focus_get_name (focus, &is_package), ==, "fmt");
  g_assert_true (is_package);
  g_assert_true (dv_app_focus_can_go_back (focus));
  g_assert_false (dv_app_focus_can_go_forward (focus));

  g_assert_true (dv_app_focus_go_back (focus));
  g_assert_cmpuint (dv_app_focus_get_symbol (focus), ==, main_main);
  g_assert_cmpuint (dv_app_focus_get_package (focus), ==, DV_PACKAGE_NONE);
  g_assert_true (dv_app_focus_go_back (focus));
  g_assert_cmpuint (dv_app_focus_get_symbol (focus), ==, fprintln);
  g_assert_false (dv_app_focus_can_go_back (focus));
  g_assert_false (dv_app_focus_go_back (focus));
  g_assert_true (dv_app_focus_can_go_forward (focus));
  g_assert_true (dv_app_focus_go_forward (focus));
  g_assert_cmpuint (dv_app_focus_get_symbol (focus), ==, main_main);

  /* Somewhere new drops the forward entries, as in a browser. */
  dv_app_focus_show_symbol (focus, new_printer, TRUE);
  g_assert_false (dv_app_focus_can_go_forward (focus));
  g_assert_true (dv_app_focus_go_back (focus));
  g_assert_cmpstr (focus_name (focus), ==, "main.main");
  g_assert_true (dv_app_focus_go_back (focus));
  g_assert_cmpstr (focus_name (focus), ==, "fmt.Fprintln");

  /* A name the graph lacks moves nothing. */
  g_assert_false (dv_app_focus_show_name (focus, "no.such.Symbol_xyz", FALSE, TRUE));
  g_assert_cmpuint (dv_app_focus_get_symbol (focus), ==, fprintln);

  /* The same file again keeps the history (by name); another drops it. */
  dv_app_focus_set_graph (focus, graph, TRUE);
  g_assert_cmpuint (dv_app_focus_get_symbol (focus), ==, DV_SYMBOL_NONE);
  g_assert_null (dv_app_focus_get_answer (focus));
  g_assert_true (dv_app_focus_can_go_forward (focus));
  dv_app_focus_set_graph (focus, graph, FALSE);
  g_assert_false (dv_app_focus_can_go_forward (focus));
  g_assert_false (dv_app_focus_can_go_back (focus));
}

/* A package's answer is made once, and the symbol drawn is its code target. */
static void
test_focus_package_answer (void)
{
  g_autofree char *path = data_path ("hello-go1.19.deps.txt");
  g_autoptr(DvGraph) graph = load_graph ("hello-go1.19.deps.txt");
  g_autoptr(DvAppFocus) focus = dv_app_focus_new ();
  g_autofree char *code_target = cli_json_field (path, "fmt", "code_target");
  DvPackageId fmt = dv_graph_find_package (graph, "fmt");
  const DvWhyAnswer *answer;
  const DvChainStep *last;
  guint before;

  if (code_target == NULL)
    {
      g_test_skip ("DEPVIEW_CLI is not set");
      return;
    }
  g_assert_cmpstr (code_target, ==, "fmt.Fprintln");
  g_assert_true (dump_has_line (path, "main.main -> fmt.Fprintln"));
  g_assert_cmpuint (fmt, !=, DV_PACKAGE_NONE);

  dv_app_focus_set_graph (focus, graph, FALSE);
  before = dv_app_focus_get_n_answers (focus);
  dv_app_focus_show_package (focus, fmt, TRUE);
  g_assert_cmpuint (dv_app_focus_get_n_answers (focus), ==, before + 1);

  answer = dv_app_focus_get_answer (focus);
  g_assert_nonnull (answer);
  g_assert_true (answer->is_package);
  g_assert_cmpuint (answer->package, ==, fmt);
  g_assert_cmpstr (answer->query, ==, "fmt");
  g_assert_nonnull (answer->code_chain);
  g_assert_cmpstr (dv_graph_symbol_name (graph, dv_app_focus_get_symbol (focus)), ==, code_target);
  last = &g_array_index (answer->code_chain, DvChainStep, answer->code_chain->len - 1);
  g_assert_cmpuint (last->symbol, ==, dv_app_focus_get_symbol (focus));

  /* An answer with no chain: nothing drawn, nothing recorded. */
  {
    DvLookup lookup = { 0 };

    /* the dump has only its DWARF entry, go.info.fmt.Println$abstract */
    g_assert_true (dump_has_line (path, " -> go.info.fmt.Println$abstract"));
    dv_lookup (graph, "fmt.Println", &lookup);
    g_assert_cmpint (lookup.kind, ==, DV_LOOKUP_INLINED);
    dv_app_focus_show_lookup (focus, &lookup, TRUE);
    dv_lookup_clear (&lookup);
    g_assert_cmpuint (dv_app_focus_get_n_answers (focus), ==, before + 2);
    g_assert_true (dv_app_focus_get_answer (focus)->is_inlined);
    g_assert_cmpuint (dv_app_focus_get_symbol (focus), ==, DV_SYMBOL_NONE);
    g_assert_null (focus_name (focus));
    /* the package is still the one place in the history */
    g_assert_false (dv_app_focus_can_go_back (focus));
    g_assert_false (dv_app_focus_can_go_forward (focus));
  }
}

/* ---- DvAppFocus: the layout job ---- */

typedef struct {
  DvAppFocus *focus;
  GPtrArray  *focuses;  /* DvSymbolId per notify::layout with a layout, as pointers */
  guint       n_null;   /* notify::layout with none */
  guint       n_busy;   /* notify::busy to TRUE */
} LayoutEvents;

static void
layout_notify_cb (DvAppFocus *focus, GParamSpec *pspec, LayoutEvents *events)
{
  const DvLayout *layout = dv_app_focus_get_layout (focus);

  /* the stale-result rule: never a layout while a newer one is coming */
  g_assert_false (dv_app_focus_get_busy (focus));
  if (layout == NULL)
    events->n_null++;
  else
    g_ptr_array_add (events->focuses, GUINT_TO_POINTER (layout->focus));
}

static void
layout_busy_cb (DvAppFocus *focus, GParamSpec *pspec, LayoutEvents *events)
{
  if (dv_app_focus_get_busy (focus))
    events->n_busy++;
}

static gboolean
wait_for_layout (LayoutEvents *events, guint n)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (WAIT_MS, timeout_cb, &timed_out);

  while ((events->focuses->len < n || dv_app_focus_get_busy (events->focus)) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return !timed_out;
}

static gboolean
layout_shows (const DvLayout *layout, DvGraph *graph, const char *name)
{
  DvSymbolId id = dv_graph_find_symbol (graph, name, -1);

  g_assert_cmpuint (id, !=, DV_SYMBOL_NONE);
  return dv_layout_find_symbol (layout, id) >= 0;
}

/* The focus object lays the graph out in a thread: one layout per change,
 * a layout overtaken by a newer request never arrives, expand and hide
 * requests lay out again, the same symbol again keeps what was opened, and
 * another graph drops the layout. Names from the hello dump's text:
 * "fmt.newPrinter -> fmt.ppFree", "fmt.Fprintln -> fmt.Errorf.arginfo1". */
static void
test_focus_layout (void)
{
  g_autofree char *hello = data_path ("hello-go1.19.deps.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = dv_graph_load_path (hello, NULL, &error);
  g_autoptr(DvAppFocus) focus = dv_app_focus_new ();
  LayoutEvents events = { focus, g_ptr_array_new (), 0, 0 };
  DvSymbolId println, main_main;
  const DvLayout *layout;
  int meta = -1;

  g_assert_no_error (error);
  g_assert_true (dump_has_line (hello, "fmt.newPrinter -> fmt.ppFree"));
  g_assert_true (dump_has_line (hello, "fmt.Fprintln -> fmt.Errorf.arginfo1"));
  println = dv_graph_find_symbol (graph, "fmt.Fprintln", -1);
  main_main = dv_graph_find_symbol (graph, "main.main", -1);
  g_signal_connect (focus, "notify::layout", G_CALLBACK (layout_notify_cb), &events);
  g_signal_connect (focus, "notify::busy", G_CALLBACK (layout_busy_cb), &events);

  dv_app_focus_set_graph (focus, graph, FALSE);
  g_assert_null (dv_app_focus_get_layout (focus));
  g_assert_false (dv_app_focus_get_busy (focus));

  /* two focuses in a row: only the second one's layout comes */
  dv_app_focus_show_symbol (focus, main_main, TRUE);
  g_assert_true (dv_app_focus_get_busy (focus));
  dv_app_focus_show_symbol (focus, println, TRUE);
  g_assert_true (wait_for_layout (&events, 1));
  g_assert_cmpuint (events.focuses->len, ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (events.focuses->pdata[0]), ==, println);
  g_assert_cmpuint (events.n_busy, ==, 1);
  layout = dv_app_focus_get_layout (focus);
  g_assert_true (layout->laid_out);
  g_assert_true (layout_shows (layout, graph, "fmt.newPrinter"));
  g_assert_false (layout_shows (layout, graph, "fmt.ppFree"));
  g_assert_true (layout_shows (layout, graph, "fmt.Errorf.arginfo1"));

  /* expand a child: its children come */
  dv_app_focus_toggle_expanded (focus, dv_graph_find_symbol (graph, "fmt.newPrinter", -1));
  g_assert_true (dv_app_focus_get_busy (focus));
  g_assert_true (wait_for_layout (&events, 2));
  layout = dv_app_focus_get_layout (focus);
  g_assert_true (layout_shows (layout, graph, "fmt.ppFree"));

  /* the same symbol again (a package focus whose code is it) keeps it */
  dv_app_focus_show_symbol (focus, println, FALSE);
  g_assert_false (dv_app_focus_get_busy (focus));
  g_assert_true (layout_shows (dv_app_focus_get_layout (focus), graph, "fmt.ppFree"));

  /* metadata folded: the three gclocals/arginfo children of the dump */
  dv_app_focus_set_hide_metadata (focus, TRUE);
  g_assert_true (wait_for_layout (&events, 3));
  layout = dv_app_focus_get_layout (focus);
  g_assert_false (layout_shows (layout, graph, "fmt.Errorf.arginfo1"));
  for (guint i = 0; i < layout->n_nodes; i++)
    if (layout->nodes[i].fold == DV_LAYOUT_FOLD_METADATA)
      meta = i;
  g_assert_cmpint (meta, >=, 0);
  g_assert_cmpuint (layout->nodes[meta].more_count, ==, 3);
  g_assert_true (layout_shows (layout, graph, "fmt.ppFree")); /* still expanded */

  /* the start-up steps one by one: _rt0_amd64_linux is drawn */
  g_assert_false (layout_shows (layout, graph, "_rt0_amd64_linux"));
  dv_app_focus_set_unfold_startup (focus, TRUE);
  g_assert_true (wait_for_layout (&events, 4));
  g_assert_true (layout_shows (dv_app_focus_get_layout (focus), graph, "_rt0_amd64_linux"));

  /* another focus starts from the default view */
  dv_app_focus_show_symbol (focus, main_main, TRUE);
  g_assert_true (wait_for_layout (&events, 5));
  g_assert_false (dv_app_focus_get_unfold_startup (focus));
  g_assert_cmpuint (dv_app_focus_get_layout (focus)->focus, ==, main_main);

  /* another graph: no layout */
  dv_app_focus_set_graph (focus, NULL, FALSE);
  g_assert_null (dv_app_focus_get_layout (focus));
  g_assert_cmpuint (events.n_null, ==, 1);
  g_assert_false (dv_app_focus_get_busy (focus));

  g_signal_handlers_disconnect_by_data (focus, &events);
  g_ptr_array_unref (events.focuses);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/document/load-and-fail", test_document_load_and_fail);
  g_test_add_func ("/app/document/choose-binary", test_document_choose_binary);
  g_test_add_func ("/app/document/reloads-on-change", test_document_reloads_on_change);
  g_test_add_func ("/app/document/sizes", test_document_sizes);
  g_test_add_func ("/app/focus/history", test_focus_history);
  g_test_add_func ("/app/focus/package-answer", test_focus_package_answer);
  g_test_add_func ("/app/focus/layout", test_focus_layout);

  return g_test_run ();
}
