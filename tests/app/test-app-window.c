/* test-app-window.c: the DepView window driven as a user would, on the
 * real hello-world dump. Expected answers come from the dump text and from
 * depview-cli, never from the window itself. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "dv-app-application.h"
#include "dv-app-chain-row.h"
#include "dv-app-graph-view-private.h"
#include "dv-app-name-filter.h"
#include "dv-app-package-row.h"
#include "dv-app-symbol-cell.h"
#include "dv-app-symbol-list.h"
#include "dv-app-symbol-row.h"
#include "dv-app-timings.h"
#include "dv-app-window-private.h"
#include "dv-app-graph-view-private.h"
#include "test-helpers.h"

#define WAIT_MS 20000

static DvAppApplication *app;

/* Waiting on the main loop: test-helpers.h */

/* The window's actions are its class's (gtk_widget_class_install_action),
 * reached as a button or an accelerator reaches them. */
static void
win_activate (DvAppWindow *window,
              const char  *name)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), name, NULL));
}

/* Whether a button bound to the action (a detailed name) would be sensitive. */
static gboolean
win_action_enabled (DvAppWindow *window,
                    const char  *name)
{
  GtkWidget *button = gtk_button_new ();
  gboolean enabled;

  g_object_ref_sink (button);
  gtk_actionable_set_detailed_action_name (GTK_ACTIONABLE (button), name);
  gtk_widget_set_parent (button, GTK_WIDGET (window));
  enabled = gtk_widget_get_sensitive (button);
  gtk_widget_unparent (button);
  g_object_unref (button);
  return enabled;
}

typedef struct {
  DvAppWindow *window;
  guint        n_loaded;
  gboolean     last_success;
  guint        n_layouts;
} Watch;

static void
loaded_cb (DvAppWindow *window,
           gboolean     success,
           Watch       *watch)
{
  watch->n_loaded++;
  watch->last_success = success;
}

static void
layout_ready_cb (DvAppGraphView *view,
                 Watch       *watch)
{
  watch->n_layouts++;
}

static DvAppWindow *
new_window (Watch *watch)
{
  DvAppWindow *window = dv_app_window_new (GTK_APPLICATION (app));

  memset (watch, 0, sizeof *watch);
  watch->window = window;
  g_signal_connect (window, "loaded", G_CALLBACK (loaded_cb), watch);
  g_signal_connect (dv_app_window_get_graph_view (window), "layout-ready",
                    G_CALLBACK (layout_ready_cb), watch);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
destroy_window (Watch *watch)
{
  g_signal_handlers_disconnect_by_data (watch->window, watch);
  g_signal_handlers_disconnect_by_data (dv_app_window_get_graph_view (watch->window), watch);
  gtk_window_destroy (GTK_WINDOW (watch->window));
  watch->window = NULL;
}

typedef struct {
  Watch *watch;
  guint  n;
} LoadCount;

static gboolean
loaded_n (gpointer data)
{
  LoadCount *count = data;

  return count->watch->n_loaded >= count->n;
}

/* Waits for the next "loaded" and returns its success. */
static gboolean
wait_loaded (Watch *watch)
{
  LoadCount count = { watch, watch->n_loaded + 1 };

  g_assert_true (wait_until (loaded_n, &count, WAIT_MS));
  return watch->last_success;
}

static gboolean
layouts_at_least (gpointer data)
{
  LoadCount *count = data;

  return count->watch->n_layouts >= count->n;
}

static char *
hello_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "hello-go1.19.deps.txt", NULL);
}

/* The dump text, read by the test itself */

static char *
strip_flags (const char *name)
{
  static const char * const flags[] = { " <UsedInIface><ReflectMethod>", " <UsedInIface>", " <ReflectMethod>" };

  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    if (g_str_has_suffix (name, flags[i]))
      return g_strndup (name, strlen (name) - strlen (flags[i]));
  return g_strdup (name);
}

typedef struct {
  GHashTable *names; /* every name, flags removed */
  GHashTable *edges; /* "FROM\nTO" for "FROM -> TO" and "FROM calls TO" */
  guint       lines;
} Dump;

static void
dump_read (Dump       *dump,
           const char *path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  dump->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  dump->edges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  dump->lines = 0;
  for (gsize i = 0; i < len; i++)
    dump->lines += text[i] == '\n';

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *sep = strstr (line, " -> ");
      gsize sep_len = 4;
      g_autofree char *from_raw = NULL;
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;

      if (sep == NULL)
        {
          sep = strstr (line, " calls ");
          sep_len = 7;
        }
      if (sep == NULL)
        continue;

      from_raw = g_strndup (line, sep - line);
      from = strip_flags (from_raw);
      to = strip_flags (sep + sep_len);
      g_hash_table_add (dump->names, g_strdup (from));
      g_hash_table_add (dump->names, g_strdup (to));
      g_hash_table_add (dump->edges, g_strdup_printf ("%s\n%s", from, to));
    }
}

static void
dump_clear (Dump *dump)
{
  g_clear_pointer (&dump->names, g_hash_table_unref);
  g_clear_pointer (&dump->edges, g_hash_table_unref);
}

/* depview-cli's answer */

typedef struct {
  char *via;
  char *name;
} CliStep;

static void
cli_step_clear (gpointer data)
{
  CliStep *step = data;

  g_free (step->via);
  g_free (step->name);
}

/* The steps of `depview-cli why DUMP QUERY` (text format: "  VIA   NAME [FLAGS]"). */
static GArray *
cli_why (const char *dump_path,
         const char *query)
{
  const char *cli = g_getenv ("DEPVIEW_CLI");
  const char *argv[] = { cli, "why", dump_path, query, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GArray *steps = g_array_new (FALSE, TRUE, sizeof (CliStep));
  int status;

  g_array_set_clear_func (steps, cli_step_clear);
  g_assert_nonnull (cli);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_test_message ("depview-cli why %s:\n%s%s", query, out, err);

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *name;
      CliStep step;

      /* for a package the window lists the code chain, when there is one */
      if (g_str_has_prefix (line, "Code chain"))
        g_array_set_size (steps, 0);
      if (!g_str_has_prefix (line, "  ") || line[2] == ' ')
        continue;
      name = strchr (line + 2, ' ');
      g_assert_nonnull (name);
      while (*name == ' ')
        name++;
      step.via = g_strndup (line + 2, strcspn (line + 2, " "));
      step.name = strip_flags (name);
      g_array_append_val (steps, step);
    }
  return steps;
}

/* The whole output of `depview-cli why --format=FORMAT DUMP QUERY`. */
static char *
cli_why_output (const char *dump_path,
                const char *query,
                const char *format)
{
  g_autofree char *format_arg = g_strdup_printf ("--format=%s", format);
  const char *argv[] = { g_getenv ("DEPVIEW_CLI"), "why", format_arg, dump_path, query, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, NULL, &error));
  g_assert_no_error (error);
  return out;
}

static void
read_text_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  char **text = data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static gboolean
text_ready (gpointer data)
{
  return *(char **) data != NULL;
}

/* The chain panel's rows must be the CLI's steps, in order. */
static void
assert_chain_matches_cli (DvAppWindow *window,
                          const char  *dump_path,
                          const char  *query)
{
  GListModel *model = dv_app_window_get_chain_model (window);
  g_autoptr(GArray) expected = cli_why (dump_path, query);
  guint n = g_list_model_get_n_items (model);

  g_assert_cmpuint (expected->len, >, 0);
  g_assert_cmpuint (n, ==, expected->len);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DvAppChainRow) row = g_list_model_get_item (model, i);
      CliStep *step = &g_array_index (expected, CliStep, i);
      g_autofree char *name = NULL;
      g_autofree char *via = NULL;

      g_object_get (row, "name", &name, NULL);
      via = g_strdup (dv_edge_kind_to_string (dv_app_chain_row_get_via (row)));
      g_assert_cmpstr (name, ==, step->name);
      g_assert_cmpstr (via, ==, step->via);
    }
}

/* Screenshots */

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* Searching */

typedef struct {
  DvAppSymbolList *model;
  const char      *search;
} SearchDone;

static gboolean
search_done (gpointer data)
{
  SearchDone *done = data;

  return g_strcmp0 (dv_app_symbol_list_get_search (done->model), done->search) == 0 &&
         !dv_app_symbol_list_get_pending (done->model);
}

/* Types text into the search entry a character at a time. */
static void
type_search (DvAppWindow *window,
             const char  *text)
{
  GtkEditable *entry = GTK_EDITABLE (dv_app_window_get_search_entry (window));
  SearchDone done = { dv_app_sidebar_get_symbol_model (dv_app_window_get_sidebar (window)), text };

  gtk_editable_set_text (entry, "");
  for (const char *p = text; *p != '\0'; p++)
    {
      int pos = gtk_editable_get_position (entry);

      gtk_editable_insert_text (entry, p, 1, &pos);
      gtk_editable_set_position (entry, pos);
      spin (15);
    }
  g_assert_true (wait_until (search_done, &done, WAIT_MS));
}

/* The names the symbol browser shows, as a set. */
static GHashTable *
shown_names (DvAppWindow *window)
{
  GListModel *model = G_LIST_MODEL (dv_app_sidebar_get_symbol_model (dv_app_window_get_sidebar (window)));
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DvAppSymbolRow) row = g_list_model_get_item (model, i);
      g_hash_table_add (names, g_strdup (dv_app_symbol_row_get_name (row)));
    }
  return names;
}

static guint
find_shown (DvAppWindow *window,
            const char  *name)
{
  GListModel *model = G_LIST_MODEL (dv_app_sidebar_get_symbol_model (dv_app_window_get_sidebar (window)));
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DvAppSymbolRow) row = g_list_model_get_item (model, i);

      if (g_strcmp0 (dv_app_symbol_row_get_name (row), name) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static gboolean
result_ready (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

/* The tests */

static void
test_name_filter_smart_case (void)
{
  const char *name = "encoding/json.(*Decoder).Decode";
  gsize len = strlen (name);

  /* no capital letter: case is ignored */
  g_assert_true (dv_app_name_matches (name, len, "decoder", 7, TRUE));
  g_assert_true (dv_app_name_matches (name, len, "json.(*d", 8, TRUE));
  /* a capital letter: case counts */
  g_assert_true (dv_app_name_matches (name, len, "Decoder", 7, FALSE));
  g_assert_false (dv_app_name_matches (name, len, "DECODER", 7, FALSE));
  g_assert_false (dv_app_name_matches (name, len, "decoderx", 8, TRUE));
  /* at both ends, and longer than the name */
  g_assert_true (dv_app_name_matches (name, len, "encoding", 8, TRUE));
  g_assert_true (dv_app_name_matches (name, len, ").decode", 8, TRUE));
  g_assert_false (dv_app_name_matches ("ab", 2, "abc", 3, TRUE));
  g_assert_true (dv_app_name_matches ("ab", 2, "", 0, TRUE));
}

static void
test_search_select_chain_export (void)
{
  g_autofree char *path = hello_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *svg_path = g_test_build_filename (G_TEST_BUILT, "app-window-export.svg", NULL);
  g_autoptr(GFile) svg = g_file_new_for_path (svg_path);
  g_autoptr(GHashTable) shown = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GtkSingleSelection *selection;
  GListModel *chain;
  Dump dump;
  Watch watch;
  DvAppWindow *window = new_window (&watch);
  DvSymbolId fprintln, main_main;
  GHashTableIter iter;
  gpointer key;
  guint pos, expected_in_dump = 0;
  LoadCount layouts;

  dump_read (&dump, path);

  /* Open: the empty state goes, the dump's symbols arrive. */
  g_assert_false (dv_app_window_has_graph (window));
  dv_app_window_open (window, file, NULL);
  g_assert_true (wait_loaded (&watch));
  g_assert_true (dv_app_window_has_graph (window));
  g_assert_cmpuint (dv_graph_get_stats (dv_app_window_get_graph (window))->lines, ==, dump.lines);

  /* Search: every shown name contains the text and is a name of the dump;
   * compiler metadata (an argliveinfo) is hidden by default. */
  type_search (window, "Println");
  shown = shown_names (window);
  g_hash_table_iter_init (&iter, shown);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_assert_nonnull (strstr (key, "Println"));
      g_assert_true (g_hash_table_contains (dump.names, key));
    }
  g_assert_true (g_hash_table_contains (shown, "fmt.(*pp).doPrintln"));
  g_assert_true (g_hash_table_contains (dump.names, "fmt.(*pp).doPrintln.argliveinfo"));
  g_assert_false (g_hash_table_contains (shown, "fmt.(*pp).doPrintln.argliveinfo"));

  /* With compiler metadata shown, the list is exactly the dump's names
   * that contain the text. */
  g_hash_table_iter_init (&iter, dump.names);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    expected_in_dump += strstr (key, "Println") != NULL;
  g_assert_cmpuint (expected_in_dump, >, g_hash_table_size (shown));
  dv_app_sidebar_set_hide_metadata (dv_app_window_get_sidebar (window), FALSE);
  {
    SearchDone done = { dv_app_sidebar_get_symbol_model (dv_app_window_get_sidebar (window)), "Println" };
    g_assert_true (wait_until (search_done, &done, WAIT_MS));
  }
  g_clear_pointer (&shown, g_hash_table_unref);
  shown = shown_names (window);
  g_assert_cmpuint (g_hash_table_size (shown), ==, expected_in_dump);
  g_hash_table_iter_init (&iter, shown);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_assert_true (g_hash_table_contains (dump.names, key));
  dv_app_sidebar_set_hide_metadata (dv_app_window_get_sidebar (window), TRUE);

  /* The search the issue asks for. */
  type_search (window, "fmt.Fprintln");
  g_clear_pointer (&shown, g_hash_table_unref);
  shown = shown_names (window);
  g_assert_true (g_hash_table_contains (shown, "fmt.Fprintln"));
  g_hash_table_iter_init (&iter, shown);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_assert_nonnull (strstr (key, "fmt.Fprintln"));

  /* Select it: the focus moves and the chain panel shows the CLI's chain. */
  pos = find_shown (window, "fmt.Fprintln");
  g_assert_cmpuint (pos, !=, GTK_INVALID_LIST_POSITION);
  layouts.watch = &watch;
  layouts.n = watch.n_layouts + 1;
  selection = dv_app_sidebar_get_symbol_selection (dv_app_window_get_sidebar (window));
  gtk_single_selection_set_selected (selection, pos);

  fprintln = dv_graph_find_symbol (dv_app_window_get_graph (window), "fmt.Fprintln", -1);
  g_assert_cmpuint (dv_app_window_get_focus (window), ==, fprintln);
  assert_chain_matches_cli (window, path, "fmt.Fprintln");

  /* Every step is a line of the dump: "_ -> first", then "prev -> next". */
  chain = dv_app_window_get_chain_model (window);
  for (guint i = 0; i < g_list_model_get_n_items (chain); i++)
    {
      g_autoptr(DvAppChainRow) row = g_list_model_get_item (chain, i);
      g_autoptr(DvAppChainRow) prev = i > 0 ? g_list_model_get_item (chain, i - 1) : NULL;
      g_autofree char *edge = g_strdup_printf ("%s\n%s", prev ? dv_app_chain_row_get_name (prev) : "_",
                                               dv_app_chain_row_get_name (row));

      g_assert_true (g_hash_table_contains (dump.edges, edge));
    }
  {
    g_autoptr(DvAppChainRow) last = g_list_model_get_item (chain, g_list_model_get_n_items (chain) - 1);
    g_assert_cmpstr (dv_app_chain_row_get_name (last), ==, "fmt.Fprintln");
    g_assert_true (dv_app_chain_row_get_is_target (last));
  }

  /* The graph is drawn. */
  g_assert_true (wait_until (layouts_at_least, &layouts, WAIT_MS));

  /* Copy Chain as Markdown puts what `depview-cli why --format=markdown` prints on the clipboard. */
  {
    g_autofree char *expected = cli_why_output (path, "fmt.Fprintln", "markdown");
    g_autofree char *copied = NULL;

    g_assert_true (win_action_enabled (window, "win.copy-markdown"));
    win_activate (window, "win.copy-markdown");
    gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL, read_text_cb, &copied);
    g_assert_true (wait_until (text_ready, &copied, WAIT_MS));
    g_assert_nonnull (strstr (expected, "fmt.Fprintln"));
    g_assert_cmpstr (copied, ==, expected);
  }

  /* Back and forward through the focus history. */
  main_main = dv_graph_find_symbol (dv_app_window_get_graph (window), "main.main", -1);
  g_assert_cmpuint (main_main, !=, DV_SYMBOL_NONE);
  dv_app_window_focus_symbol (window, main_main);
  g_assert_cmpuint (dv_app_window_get_focus (window), ==, main_main);
  win_activate (window, "win.back");
  g_assert_cmpuint (dv_app_window_get_focus (window), ==, fprintln);
  g_assert_false (win_action_enabled (window, "win.back"));
  win_activate (window, "win.forward");
  g_assert_cmpuint (dv_app_window_get_focus (window), ==, main_main);
  win_activate (window, "win.back");
  g_assert_cmpuint (dv_app_window_get_focus (window), ==, fprintln);
  layouts.n = watch.n_layouts + 1;
  g_assert_true (wait_until (layouts_at_least, &layouts, WAIT_MS));

  /* Export the chain as Markdown: what `depview-cli why --format=markdown` prints. */
  {
    g_autofree char *md_path = g_test_build_filename (G_TEST_BUILT, "app-window-export.md", NULL);
    g_autoptr(GFile) md = g_file_new_for_path (md_path);
    g_autofree char *expected = cli_why_output (path, "fmt.Fprintln", "markdown");
    g_autofree char *written = NULL;
    GAsyncResult *md_result = NULL;

    g_unlink (md_path);
    dv_app_window_export_async (window, "markdown", md, NULL, export_done_cb, &md_result);
    g_assert_true (wait_until (result_ready, &md_result, WAIT_MS));
    g_assert_true (dv_app_window_export_finish (window, md_result, &error));
    g_assert_no_error (error);
    g_clear_object (&md_result);
    g_assert_true (g_file_get_contents (md_path, &written, NULL, NULL));
    g_assert_nonnull (strstr (expected, "fmt.Fprintln"));
    g_assert_cmpstr (written, ==, expected);
    g_unlink (md_path);
  }

  /* Export SVG; xmllint must accept it. */
  g_unlink (svg_path);
  dv_app_window_export_async (window, "svg", svg, NULL, export_done_cb, &result);
  g_assert_true (wait_until (result_ready, &result, WAIT_MS));
  g_assert_true (dv_app_window_export_finish (window, result, &error));
  g_assert_no_error (error);
  {
    const char *argv[] = { "xmllint", "--noout", svg_path, NULL };
    g_autofree char *err = NULL;
    g_autofree char *contents = NULL;
    int status = -1;

    g_assert_true (g_file_get_contents (svg_path, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, "<svg"));
    g_assert_nonnull (strstr (contents, "Fprintln"));
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 NULL, &err, &status, &error));
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("xmllint rejected %s: %s", svg_path, err);
  }

  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  save_screenshot (GTK_WIDGET (window), "app-window.png");

  dump_clear (&dump);
  destroy_window (&watch);
}

static void
test_select_package_and_unreachable (void)
{
  g_autofree char *path = hello_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Watch watch;
  DvAppWindow *window = new_window (&watch);
  DvGraph *graph;
  DvSymbolId focus;

  /* --select with a package: its nearest symbol's chain. */
  dv_app_window_open (window, file, "fmt");
  g_assert_true (wait_loaded (&watch));
  graph = dv_app_window_get_graph (window);
  focus = dv_app_window_get_focus (window);
  g_assert_cmpuint (focus, !=, DV_SYMBOL_NONE);
  g_assert_cmpstr (dv_graph_package_name (graph, dv_graph_symbol_package (graph, focus)), ==, "fmt");
  assert_chain_matches_cli (window, path, "fmt");
  g_assert_true (dv_app_chain_panel_get_reachable (dv_app_window_get_chain_panel (window)));

  /* A DWARF entry whose only parent is the empty name: no path, known ancestors. */
  g_assert_true (dv_app_window_select (window, "go.info.runtime.atomicstorep$abstract"));
  g_assert_false (dv_app_chain_panel_get_reachable (dv_app_window_get_chain_panel (window)));
  assert_chain_matches_cli (window, path, "go.info.runtime.atomicstorep$abstract");

  /* Something the dump does not have: the focus stays. */
  focus = dv_app_window_get_focus (window);
  g_assert_false (dv_app_window_select (window, "no.such.Symbol_xyz"));
  g_assert_cmpuint (dv_app_window_get_focus (window), ==, focus);

  destroy_window (&watch);
}

/* Choosing a package in the list makes its answer once (the focus object's),
 * and the chain panel and the graph show that one answer: the graph's focus
 * is the last row of the chain, the package's code target as depview-cli
 * names it. */
static void
test_package_answer_made_once (void)
{
  g_autofree char *path = hello_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *cli = cli_why_output (path, "fmt", "json");
  Watch watch;
  DvAppWindow *window = new_window (&watch);
  DvAppFocus *focus = dv_app_window_get_focus_object (window);
  DvGraph *graph;
  DvPackageId fmt;
  GListModel *chain;
  guint before;

  g_assert_nonnull (strstr (cli, "\"code_target\": \"fmt.Fprintln\""));
  dv_app_window_open (window, file, NULL);
  g_assert_true (wait_loaded (&watch));
  graph = dv_app_window_get_graph (window);
  fmt = dv_graph_find_package (graph, "fmt");
  g_assert_cmpuint (fmt, !=, DV_PACKAGE_NONE);

  before = dv_app_focus_get_n_answers (focus);
  g_signal_emit_by_name (dv_app_window_get_sidebar (window), "package-selected", (guint) fmt);
  g_assert_cmpuint (dv_app_focus_get_n_answers (focus), ==, before + 1);

  g_assert_cmpstr (dv_graph_symbol_name (graph, dv_app_graph_view_get_focus (dv_app_window_get_graph_view (window))),
                   ==, "fmt.Fprintln");
  g_assert_cmpuint (dv_app_window_get_focus (window), ==, dv_app_graph_view_get_focus (dv_app_window_get_graph_view (window)));
  chain = dv_app_window_get_chain_model (window);
  g_assert_cmpuint (g_list_model_get_n_items (chain), >, 0);
  {
    g_autoptr(DvAppChainRow) last = g_list_model_get_item (chain, g_list_model_get_n_items (chain) - 1);
    g_assert_cmpstr (dv_app_chain_row_get_name (last), ==, "fmt.Fprintln");
  }
  assert_chain_matches_cli (window, path, "fmt");

  /* The same package again: no new answer. */
  g_signal_emit_by_name (dv_app_window_get_sidebar (window), "package-selected", (guint) fmt);
  g_assert_cmpuint (dv_app_focus_get_n_answers (focus), ==, before + 1);

  destroy_window (&watch);
}

/* Every label's text under widget, one a line, as a user reads the panel. */
static void
collect_label_text (GtkWidget *widget,
                    GString   *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    {
      g_string_append (out, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (out, '\n');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_label_text (child, out);
}

static char *
chain_panel_text (DvAppWindow *window)
{
  GString *out = g_string_new (NULL);

  collect_label_text (GTK_WIDGET (dv_app_window_get_chain_panel (window)), out);
  return g_string_free (out, FALSE);
}

/* Types the query and presses Enter in the search entry. */
static void
search_and_enter (DvAppWindow *window,
                  const char  *query)
{
  type_search (window, query);
  g_signal_emit_by_name (dv_app_window_get_search_entry (window), "activate");
  spin (50);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” is not in:\n%s", part, text);
}

/* fmt.Println has no code in the hello dumps, only its DWARF entry (the
 * dumps say so: the entry is a target, the function never is): the panel
 * answers as depview-cli does, with no rows, and no "No symbol" toast. */
static void
check_inlined (const char *path,
               const char *entry)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *text = NULL;
  g_autofree char *cli = cli_why_output (path, "fmt.Println", "text");
  Watch watch;
  DvAppWindow *window = new_window (&watch);

  g_assert_nonnull (strstr (cli, entry));
  dv_app_window_open (window, file, "fmt.Fprintln");
  g_assert_true (wait_loaded (&watch));
  g_assert_cmpuint (dv_graph_find_symbol (dv_app_window_get_graph (window), "fmt.Println", -1), ==, DV_SYMBOL_NONE);
  g_assert_cmpuint (dv_graph_find_symbol (dv_app_window_get_graph (window), entry, -1), !=, DV_SYMBOL_NONE);
  g_assert_cmpuint (g_list_model_get_n_items (dv_app_window_get_chain_model (window)), >, 0);

  search_and_enter (window, "fmt.Println");
  text = chain_panel_text (window);
  g_test_message ("chain panel:\n%s", text);
  assert_contains (text, "fmt.Println is not in the binary as code");
  assert_contains (text, entry);
  /* Go 1.16+ prints the entry for unnamed DWARF parents only */
  assert_contains (cli, "The dump does not say where it was inlined");
  assert_contains (text, "The dump does not say where it was inlined");
  g_assert_null (strstr (text, "No symbol or package named"));
  g_assert_cmpuint (g_list_model_get_n_items (dv_app_window_get_chain_model (window)), ==, 0);
  g_assert_false (dv_app_chain_panel_get_reachable (dv_app_window_get_chain_panel (window)));
  g_assert_cmpuint (dv_app_window_get_focus (window), ==, DV_SYMBOL_NONE);
  if (g_getenv ("DV_SCREENSHOT_INLINED") != NULL)
    save_screenshot (GTK_WIDGET (window), "app-window-inlined.png");

  destroy_window (&watch);
}

static void
test_select_inlined (void)
{
  g_autofree char *hello = hello_path ();
  g_autofree char *modern = g_test_build_filename (G_TEST_DIST, "data", "modern-go1.26.deps-and-calls.txt.gz", NULL);

  check_inlined (hello, "go.info.fmt.Println$abstract");
  check_inlined (modern, "go:info.fmt.Println$abstract");
}

/* A package only merged data carry the name of (plugin, as in the etcd
 * dumps): a tiny dump, written here, where two such symbols name it. */
static void
test_select_unlinked_package (void)
{
  static const char dump_text[] =
    "_ -> _rt0_amd64_linux\n"
    "_rt0_amd64_linux -> main.main\n"
    "main.main -> fmt.Fprintln\n"
    "main.main -> plugin..stmp_0\n"
    "fmt.Fprintln -> plugin.lastmoduleinit.stkobj\n";
  g_autofree char *dir = g_dir_make_tmp ("depview-unlinked-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "unlinked.deps.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *text = NULL;
  g_autofree char *cli = NULL;
  Watch watch;
  DvAppWindow *window;

  g_assert_true (g_file_set_contents (path, dump_text, -1, NULL));
  cli = cli_why_output (path, "plugin", "text");
  assert_contains (cli, "package plugin is not linked into this binary");

  window = new_window (&watch);
  dv_app_window_open (window, file, "main.main");
  g_assert_true (wait_loaded (&watch));
  g_assert_cmpuint (dv_graph_find_package (dv_app_window_get_graph (window), "plugin"), ==, DV_PACKAGE_NONE);

  search_and_enter (window, "plugin");
  text = chain_panel_text (window);
  g_test_message ("chain panel:\n%s", text);
  assert_contains (text, "Package plugin is not linked into this binary");
  assert_contains (text, "plugin..stmp_0");
  assert_contains (text, "plugin.lastmoduleinit.stkobj");
  g_assert_null (strstr (text, "No symbol or package named"));
  g_assert_cmpuint (g_list_model_get_n_items (dv_app_window_get_chain_model (window)), ==, 0);
  g_assert_cmpuint (dv_app_window_get_focus (window), ==, DV_SYMBOL_NONE);

  /* a symbol after it gets its chain again */
  g_assert_true (dv_app_window_select (window, "plugin.lastmoduleinit.stkobj"));
  assert_chain_matches_cli (window, path, "plugin.lastmoduleinit.stkobj");

  destroy_window (&watch);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_example (void)
{
  g_autofree char *path = hello_path ();
  Watch watch;
  DvAppWindow *window = new_window (&watch);
  Dump dump;

  dump_read (&dump, path);
  dv_app_window_open_example (window, "fmt.Fprintln");
  g_assert_true (wait_loaded (&watch));
  /* The bundled example is the hello dump, gzipped. */
  g_assert_cmpuint (dv_graph_get_stats (dv_app_window_get_graph (window))->lines, ==, dump.lines);
  assert_chain_matches_cli (window, path, "fmt.Fprintln");
  dump_clear (&dump);
  destroy_window (&watch);
}

static void
test_failed_load_keeps_graph (void)
{
  g_autofree char *path = hello_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *dir = g_dir_make_tmp ("depview-test-XXXXXX", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *missing_path = g_build_filename (dir, "missing.txt", NULL);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  Watch watch;
  DvAppWindow *window = new_window (&watch);
  DvGraph *graph;
  DvSymbolId focus;
  const char *banner;

  dv_app_window_open (window, file, "fmt.Fprintln");
  g_assert_true (wait_loaded (&watch));
  graph = dv_app_window_get_graph (window);
  focus = dv_app_window_get_focus (window);

  /* An opened dump is a recent file. */
  {
    g_autofree char *uri = g_file_get_uri (file);
    g_assert_true (gtk_recent_manager_has_item (gtk_recent_manager_get_default (), uri));
  }

  /* Not a dump: an error in the window naming the file, the graph stays. */
  g_assert_true (g_file_set_contents (bad_path, "shopping list\nmilk\n", -1, NULL));
  dv_app_window_open (window, bad, NULL);
  g_assert_false (wait_loaded (&watch));
  g_assert_true (dv_app_window_get_graph (window) == graph);
  g_assert_cmpuint (dv_app_window_get_focus (window), ==, focus);
  banner = dv_app_window_get_banner_text (window);
  g_assert_nonnull (banner);
  g_assert_nonnull (strstr (banner, "notes.txt"));

  /* A missing file. */
  dv_app_window_open (window, missing, NULL);
  g_assert_false (wait_loaded (&watch));
  g_assert_true (dv_app_window_get_graph (window) == graph);
  banner = dv_app_window_get_banner_text (window);
  g_assert_nonnull (banner);
  g_assert_nonnull (strstr (banner, "missing.txt"));

  /* Cancelled: nothing changes. */
  dv_app_window_open (window, file, NULL);
  g_assert_true (dv_app_window_is_loading (window));
  win_activate (window, "win.cancel-load");
  g_assert_false (wait_loaded (&watch));
  g_assert_false (dv_app_window_is_loading (window));
  g_assert_true (dv_app_window_get_graph (window) == graph);
  g_assert_cmpuint (dv_app_window_get_focus (window), ==, focus);

  destroy_window (&watch);
  g_unlink (bad_path);
  g_rmdir (dir);
}

/* Opens a small dump whose one problem is on line 3, and checks the banner
 * names the file and says what went wrong. */
static void
check_problem_banner (const char *file_name,
                      const char *text,
                      guint64     unreadable,
                      const char *banner_part)
{
  g_autofree char *dir = g_dir_make_tmp ("depview-test-XXXXXX", NULL);
  g_autofree char *dump_path = g_build_filename (dir, file_name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (dump_path);
  Watch watch;
  DvAppWindow *window = new_window (&watch);
  DvGraph *graph;
  const char *banner;

  g_assert_true (g_file_set_contents (dump_path, text, -1, NULL));
  dv_app_window_open (window, file, NULL);
  g_assert_true (wait_loaded (&watch));
  graph = dv_app_window_get_graph (window);
  g_assert_cmpuint (dv_graph_get_stats (graph)->unreadable_lines, ==, unreadable);
  g_assert_cmpuint (dv_graph_get_n_problems (graph), ==, 1);
  g_assert_cmpuint (dv_graph_get_problem (graph, 0)->line, ==, 3);
  banner = dv_app_window_get_banner_text (window);
  g_assert_nonnull (banner);
  g_assert_nonnull (strstr (banner, file_name));
  g_assert_nonnull (strstr (banner, banner_part));

  destroy_window (&watch);
  g_unlink (dump_path);
  g_rmdir (dir);
}

static void
test_unreadable_lines_are_reported (void)
{
  /* Line 3 is none of the dump's shapes. */
  check_problem_banner ("odd.deps.txt",
                        "_ -> main.main\n"
                        "main.main -> fmt.Println\n"
                        "??? this is not a dump line\n"
                        "fmt.Println -> fmt.Fprintln\n", 1, "could not be read");
}

/* A line that could be the rest of a struct tag or a call line of its own
 * is read, and the banner says it is in doubt. */
static void
test_doubtful_lines_are_reported (void)
{
  /* line 3 follows a namedata target, and names functions never printed */
  check_problem_banner ("tags.deps.txt",
                        "_ -> type.main.T <UsedInIface>\n"
                        "type.main.T <UsedInIface> -> type..namedata.A.k\n"
                        "b calls c\n", 0, "two ways");
}

static void
test_reload_keeps_focus (void)
{
  g_autofree char *path = hello_path ();
  g_autofree char *dir = g_dir_make_tmp ("depview-test-XXXXXX", NULL);
  g_autofree char *copy_path = g_build_filename (dir, "deps.txt", NULL);
  g_autoptr(GFile) copy = g_file_new_for_path (copy_path);
  g_autofree char *text = NULL;
  g_autofree char *grown = NULL;
  gsize len;
  Watch watch;
  DvAppWindow *window = new_window (&watch);
  DvGraph *before;
  DvGraph *graph;

  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  g_assert_true (g_file_set_contents (copy_path, text, len, NULL));

  dv_app_window_open (window, copy, "fmt.Fprintln");
  g_assert_true (wait_loaded (&watch));
  before = dv_app_window_get_graph (window);

  /* F5 */
  win_activate (window, "win.reload");
  g_assert_true (wait_loaded (&watch));
  graph = dv_app_window_get_graph (window);
  g_assert_true (graph != before);
  g_assert_cmpstr (dv_graph_symbol_name (graph, dv_app_window_get_focus (window)), ==, "fmt.Fprintln");
  assert_chain_matches_cli (window, copy_path, "fmt.Fprintln");

  /* The file grows on disk: the window reloads by itself, focus kept. */
  grown = g_strconcat (text, "fmt.Fprintln -> fmt.addedByTheTest\n", NULL);
  spin (50);
  g_assert_true (g_file_set_contents (copy_path, grown, -1, NULL));
  g_assert_true (wait_loaded (&watch));
  graph = dv_app_window_get_graph (window);
  g_assert_cmpuint (dv_graph_find_symbol (graph, "fmt.addedByTheTest", -1), !=, DV_SYMBOL_NONE);
  g_assert_cmpstr (dv_graph_symbol_name (graph, dv_app_window_get_focus (window)), ==, "fmt.Fprintln");

  destroy_window (&watch);
  g_unlink (copy_path);
  g_rmdir (dir);
}

/* ---- a dump of several binaries ---------------------------------------- */

/* go build ./cmd/... of two commands (tests/data/two-binaries), gzipped */
#define TWO_BINARIES "tools-two-binaries-go1.22.deps-and-calls.txt.gz"

/* The text of a gzipped file, and its "# path" sections cut apart. */
static GPtrArray *
read_sections (const char *path, GPtrArray **headers)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) raw = g_file_read (file, NULL, NULL);
  g_autoptr(GZlibDecompressor) z = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) in = g_converter_input_stream_new (G_INPUT_STREAM (raw), G_CONVERTER (z));
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) bytes = NULL;
  GPtrArray *sections = g_ptr_array_new_with_free_func (g_free);
  GString *current = NULL;
  const char *text, *end;

  g_assert_cmpint (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, NULL), >, 0);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  text = g_bytes_get_data (bytes, NULL);
  end = text + g_bytes_get_size (bytes);
  *headers = g_ptr_array_new_with_free_func (g_free);
  for (const char *line = text; line < end;)
    {
      const char *nl = memchr (line, '\n', (gsize) (end - line));
      const char *stop = nl != NULL ? nl : end;

      if (stop - line >= 2 && line[0] == '#' && line[1] == ' ')
        {
          if (current != NULL)
            g_ptr_array_add (sections, g_string_free (current, FALSE));
          current = g_string_new (NULL);
          g_ptr_array_add (*headers, g_strndup (line + 2, (gsize) (stop - line - 2)));
        }
      if (current != NULL)
        {
          g_string_append_len (current, line, stop - line);
          g_string_append_c (current, '\n');
        }
      line = stop + 1;
    }
  if (current != NULL)
    g_ptr_array_add (sections, g_string_free (current, FALSE));
  return sections;
}

static gboolean
chooser_open (gpointer data)
{
  return dv_app_window_get_binary_chooser (data) != NULL;
}

static GtkListBox *
chooser_list (AdwMessageDialog *dialog)
{
  GtkWidget *child = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (adw_message_dialog_get_extra_child (dialog)));

  if (GTK_IS_VIEWPORT (child))
    child = gtk_viewport_get_child (GTK_VIEWPORT (child));
  return GTK_LIST_BOX (child);
}

/* Opening it asks which binary; F5 and a change on disk reopen that one. */
static void
test_several_binaries_ask_which (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", TWO_BINARIES, NULL);
  g_autofree char *dir = g_dir_make_tmp ("depview-test-XXXXXX", NULL);
  g_autofree char *copy_path = g_build_filename (dir, "deps.txt.gz", NULL);
  g_autoptr(GFile) copy = g_file_new_for_path (copy_path);
  g_autoptr(GPtrArray) headers = NULL;
  g_autoptr(GPtrArray) sections = read_sections (path, &headers);
  g_autofree char *gz = NULL;
  gsize gz_len;
  Watch watch;
  DvAppWindow *window = new_window (&watch);
  AdwMessageDialog *dialog;
  GtkListBox *list;
  DvGraph *graph, *before;

  /* the second binary has a package the first has not, and not the reverse */
  g_assert_cmpuint (headers->len, ==, 2);
  g_assert_null (strstr (g_ptr_array_index (sections, 0), "unicode/utf8.RuneCountInString"));
  g_assert_nonnull (strstr (g_ptr_array_index (sections, 1), "unicode/utf8.RuneCountInString"));
  g_assert_null (strstr (g_ptr_array_index (sections, 1), "strconv."));
  g_assert_true (g_file_get_contents (path, &gz, &gz_len, NULL));
  g_assert_true (g_file_set_contents (copy_path, gz, (gssize) gz_len, NULL));

  dv_app_window_open (window, copy, NULL);
  g_assert_true (wait_until (chooser_open, window, WAIT_MS));
  dialog = dv_app_window_get_binary_chooser (window);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_cmpuint (watch.n_loaded, ==, 0);
  g_assert_false (dv_app_window_has_graph (window));
  list = chooser_list (dialog);
  for (guint i = 0; i < headers->len; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, (int) i);
      g_assert_nonnull (row);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (row))), ==,
                       g_ptr_array_index (headers, i));
    }
  g_assert_null (gtk_list_box_get_row_at_index (list, (int) headers->len));

  /* closed: nothing opened, and the load is over at once */
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_cmpuint (watch.n_loaded, ==, 1);
  g_assert_false (watch.last_success);
  g_assert_false (dv_app_window_has_graph (window));
  g_assert_null (dv_app_window_get_binary_chooser (window));

  /* the second one */
  dv_app_window_open (window, copy, NULL);
  g_assert_true (wait_until (chooser_open, window, WAIT_MS));
  dialog = dv_app_window_get_binary_chooser (window);
  list = chooser_list (dialog);
  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 1));
  g_signal_emit_by_name (gtk_list_box_get_row_at_index (list, 1), "activate");
  g_assert_true (wait_loaded (&watch));
  g_assert_null (dv_app_window_get_binary_chooser (window));
  graph = dv_app_window_get_graph (window);
  g_assert_cmpstr (dv_graph_get_binary (graph), ==, g_ptr_array_index (headers, 1));
  g_assert_cmpuint (dv_graph_find_symbol (graph, "unicode/utf8.RuneCountInString", -1), !=, DV_SYMBOL_NONE);
  g_assert_cmpuint (dv_graph_find_package (graph, "strconv"), ==, DV_PACKAGE_NONE);
  g_assert_true (dv_app_window_select (window, "unicode/utf8.RuneCountInString"));

  /* F5: the same binary, without asking */
  before = graph;
  win_activate (window, "win.reload");
  g_assert_true (wait_loaded (&watch));
  g_assert_null (dv_app_window_get_binary_chooser (window));
  graph = dv_app_window_get_graph (window);
  g_assert_true (graph != before);
  g_assert_cmpstr (dv_graph_get_binary (graph), ==, g_ptr_array_index (headers, 1));
  g_assert_cmpstr (dv_graph_symbol_name (graph, dv_app_window_get_focus (window)), ==,
                   "unicode/utf8.RuneCountInString");

  /* written again on disk: the same binary, without asking */
  before = graph;
  spin (50);
  g_assert_true (g_file_set_contents (copy_path, gz, (gssize) gz_len, NULL));
  g_assert_true (wait_loaded (&watch));
  g_assert_null (dv_app_window_get_binary_chooser (window));
  graph = dv_app_window_get_graph (window);
  g_assert_true (graph != before);
  g_assert_cmpstr (dv_graph_get_binary (graph), ==, g_ptr_array_index (headers, 1));

  destroy_window (&watch);
  g_unlink (copy_path);
  g_rmdir (dir);
}

static GtkWindow *
find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* The accelerators the shortcuts window shows, read from its .ui file as
 * shipped, each in gtk_accelerator_name's form. */
typedef struct {
  gboolean   in_accel;
  GPtrArray *accels;
} UiAccels;

static char *
normal_accel (const char *accel)
{
  guint key;
  GdkModifierType mods;

  if (!gtk_accelerator_parse (accel, &key, &mods))
    g_error ("“%s” is not an accelerator", accel);
  return gtk_accelerator_name (key, mods);
}

static void
ui_start (GMarkupParseContext *context, const char *element, const char **names,
          const char **values, gpointer data, GError **error)
{
  UiAccels *ui = data;

  ui->in_accel = FALSE;
  if (strcmp (element, "property") == 0)
    for (guint i = 0; names[i]; i++)
      if (strcmp (names[i], "name") == 0 && strcmp (values[i], "accelerator") == 0)
        ui->in_accel = TRUE;
}

static void
ui_text (GMarkupParseContext *context, const char *text, gsize len, gpointer data, GError **error)
{
  UiAccels *ui = data;
  g_autofree char *accel = NULL;

  if (!ui->in_accel)
    return;
  accel = g_strstrip (g_strndup (text, len));
  g_ptr_array_add (ui->accels, normal_accel (accel));
  ui->in_accel = FALSE;
}

static GPtrArray *
shown_accels (void)
{
  static const GMarkupParser parser = { ui_start, NULL, ui_text, NULL, NULL };
  g_autoptr(GBytes) bytes = g_resources_lookup_data ("/com/example/DepView/ui/dv-app-shortcuts-window.ui",
                                                     G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  UiAccels ui = { FALSE, g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, &ui, NULL);
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *text;

  g_assert_nonnull (bytes);
  text = g_bytes_get_data (bytes, &len);
  g_markup_parse_context_parse (context, text, len, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ui.accels->len, >, 5);
  return ui.accels;
}

static gboolean
strv_has_accel (char **accels, const char *accel)
{
  for (guint i = 0; accels && accels[i]; i++)
    {
      g_autofree char *n = normal_accel (accels[i]);
      if (strcmp (n, accel) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Activates the action the application binds to accel. */
static void
activate_accel (DvAppWindow *window, const char *accel)
{
  g_auto(GStrv) actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (app), accel);
  g_autofree char *name = NULL;
  g_autoptr(GVariant) target = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (actions);
  g_assert_nonnull (actions[0]);
  g_assert_true (g_action_parse_detailed_name (actions[0], &name, &target, &error));
  if (g_str_has_prefix (name, "win."))
    g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), name, target));
  else if (g_str_has_prefix (name, "app."))
    g_action_group_activate_action (G_ACTION_GROUP (app), name + 4, target);
  else
    g_error ("“%s” is bound to “%s”, of no known group", accel, name);
}

static gboolean
search_has_focus (gpointer data)
{
  DvAppWindow *window = data;
  GtkWidget *entry = GTK_WIDGET (dv_app_window_get_search_entry (window));
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == entry || gtk_widget_is_ancestor (focus, entry));
}

/* A popover shown under widget, or NULL. */
static GtkWidget *
find_open_popover (GtkWidget *widget)
{
  if (GTK_IS_POPOVER (widget) && gtk_widget_get_visible (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_open_popover (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The targets of the menu's "win.export" items, in order, sections included. */
static void
collect_export_targets (GMenuModel *menu,
                        GPtrArray  *targets)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *action = NULL;
      g_autoptr(GVariant) target = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (section != NULL)
        collect_export_targets (section, targets);
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action)
          && g_strcmp0 (action, "win.export") == 0)
        {
          target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_STRING);
          g_assert_nonnull (target);
          g_ptr_array_add (targets, g_variant_dup_string (target, NULL));
        }
    }
}

/* Each accelerator the shortcuts window shows is bound in the application,
 * and every action with an accelerator is shown; two of them do what the
 * window says they do. */
static void
check_shown_accels (DvAppWindow *window, Watch *watch)
{
  g_autofree char *path = hello_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) shown = shown_accels ();
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  GtkWindow *shortcuts;

  for (guint i = 0; i < shown->len; i++)
    {
      const char *accel = g_ptr_array_index (shown, i);
      g_auto(GStrv) bound = gtk_application_get_actions_for_accel (GTK_APPLICATION (app), accel);
      gboolean found = FALSE;

      if (bound == NULL || bound[0] == NULL)
        g_error ("the shortcuts window shows “%s”, which no action has", accel);
      /* ... and the action's own accelerators list it. */
      for (guint k = 0; bound[k]; k++)
        {
          g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), bound[k]);
          found = found || strv_has_accel (accels, accel);
        }
      g_assert_true (found);
    }
  /* Every action with an accelerator is in the window by one of them (an
   * action may have more, F5 and Ctrl+R both reload). */
  for (guint i = 0; actions[i]; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), actions[i]);
      gboolean listed = accels[0] == NULL;
      for (guint j = 0; j < shown->len && !listed; j++)
        listed = strv_has_accel (accels, g_ptr_array_index (shown, j));
      if (!listed)
        g_error ("the shortcuts window shows no accelerator of “%s”", actions[i]);
    }

  /* Ctrl+F puts the keyboard in the search entry (of a window with a dump). */
  dv_app_window_open (window, file, NULL);
  g_assert_true (wait_loaded (watch));
  gtk_widget_grab_focus (GTK_WIDGET (window));
  g_assert_false (search_has_focus (window));
  activate_accel (window, "<Control>f");
  g_assert_true (wait_until (search_has_focus, window, WAIT_MS));

  /* Ctrl+E opens the Export menu, once there is a chain to export; its
   * items are the one win.export action with the format as its target. */
  g_assert_null (find_open_popover (GTK_WIDGET (window)));
  g_assert_false (win_action_enabled (window, "win.export-menu"));
  g_assert_true (dv_app_window_select (window, "fmt.Fprintln"));
  g_assert_true (win_action_enabled (window, "win.export-menu"));
  g_assert_true (win_action_enabled (window, "win.export::png"));
  activate_accel (window, "<Control>e");
  {
    GtkWidget *popover = find_open_popover (GTK_WIDGET (window));
    GMenuModel *menu;
    g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_free);

    g_assert_nonnull (popover);
    g_assert_true (GTK_IS_POPOVER_MENU (popover));
    menu = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover));
    collect_export_targets (menu, targets);
    g_assert_cmpuint (targets->len, ==, 4);
    g_assert_cmpstr (g_ptr_array_index (targets, 0), ==, "svg");
    g_assert_cmpstr (g_ptr_array_index (targets, 1), ==, "png");
    g_assert_cmpstr (g_ptr_array_index (targets, 2), ==, "dot");
    g_assert_cmpstr (g_ptr_array_index (targets, 3), ==, "markdown");
    gtk_popover_popdown (GTK_POPOVER (popover));
  }

  /* Ctrl+? opens the shortcuts window. */
  g_assert_null (find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
  activate_accel (window, "<Control>question");
  shortcuts = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  gtk_window_destroy (shortcuts);
}

static void
test_about_and_shortcuts (void)
{
  Watch watch;
  DvAppWindow *window = new_window (&watch);
  GtkWindow *about, *shortcuts;

  g_assert_null (find_toplevel (ADW_TYPE_ABOUT_WINDOW));
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (window));
  gtk_window_destroy (about);

  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  shortcuts = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  gtk_window_destroy (shortcuts);


  /* With no dump, the commands that need one are off. */
  g_assert_false (win_action_enabled (window, "win.reload"));
  g_assert_false (win_action_enabled (window, "win.export::svg"));
  g_assert_true (win_action_enabled (window, "win.open"));

  check_shown_accels (window, &watch);

  destroy_window (&watch);
}

typedef struct {
  Watch *watch;
  guint  n;
} LayoutCount;

static gboolean
layouts_n (gpointer data)
{
  LayoutCount *count = data;
  return count->watch->n_layouts >= count->n;
}

static void
wait_layout (Watch *watch)
{
  LayoutCount count = { watch, watch->n_layouts + 1 };
  g_assert_true (wait_until (layouts_n, &count, WAIT_MS));
}

/* The package graph: Ctrl+Shift+P (win.package-graph) draws the chain of
 * fmt.Fprintln as the dump has it by package (the runtime start-up, then
 * main.main in main, then fmt.Fprintln in fmt), with the edge that links
 * two packages on each arrow; a click on "main" makes the window about
 * package main; Ctrl+Shift+P again gives the symbols back. */
static void
test_package_graph (void)
{
  g_autofree char *path = hello_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Watch watch;
  DvAppWindow *window = new_window (&watch);
  DvAppGraphView *view = dv_app_window_get_graph_view (window);
  static const char *const expected[] = { NULL, "main", "fmt" };
  const DvLayout *layout;
  DvGraph *graph;
  gboolean state = TRUE;
  double x, y;

  dv_app_window_open (window, file, "fmt.Fprintln");
  g_assert_true (wait_loaded (&watch));
  graph = dv_app_window_get_graph (window);
  g_object_get (window, "package-graph", &state, NULL);
  g_assert_false (state);
  g_assert_true (win_action_enabled (window, "win.package-graph"));
  if (dv_app_graph_view_get_busy (view) || dv_app_graph_view_get_layout (view) == NULL)
    wait_layout (&watch);

  activate_accel (window, "<Control><Shift>p");
  g_object_get (window, "package-graph", &state, NULL);
  g_assert_true (state);
  g_assert_true (dv_app_graph_view_get_packages (view));
  wait_layout (&watch);
  layout = dv_app_graph_view_get_layout (view);
  g_assert_cmpuint (layout->n_nodes, ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (layout->n_chain, ==, G_N_ELEMENTS (expected));
  g_assert_true (layout->nodes[layout->chain[0]].flags & DV_LAYOUT_NODE_STARTUP);
  for (guint i = 1; i < G_N_ELEMENTS (expected); i++)
    {
      const DvLayoutNode *node = &layout->nodes[layout->chain[i]];
      g_assert_true (node->flags & DV_LAYOUT_NODE_PACKAGE);
      g_assert_cmpstr (dv_graph_package_name (graph, node->package_id), ==, expected[i]);
    }
  g_assert_cmpuint (layout->n_edges, ==, 2);
  for (guint i = 0; i < layout->n_edges; i++)
    g_assert_true (layout->edges[i].has_label_pos);
  /* what a screen reader hears: the packages in chain order */
  g_assert_nonnull (strstr (dv_app_graph_view_get_description (view, NULL),
                            "runtime start-up (6 steps) → main → fmt"));
  g_assert_cmpstr (dv_graph_symbol_name (graph, layout->edges[1].label_from), ==, "main.main");
  g_assert_cmpstr (dv_graph_symbol_name (graph, layout->edges[1].label_to), ==, "fmt.Fprintln");

  /* the export is the picture on screen: packages, the links named */
  {
    g_autofree char *svg_path = g_build_filename (g_get_tmp_dir (), "depview-test-packages.svg", NULL);
    g_autoptr(GFile) svg = g_file_new_for_path (svg_path);
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *contents = NULL;

    dv_app_window_export_async (window, "svg", svg, NULL, export_done_cb, &result);
    g_assert_true (wait_until (result_ready, &result, WAIT_MS));
    g_assert_true (dv_app_window_export_finish (window, result, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (svg_path, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, "main.main → fmt.Fprintln"));
    g_assert_nonnull (strstr (contents, "one box per package"));
    g_assert_null (strstr (contents, ">fmt.Fprintln</text>"));
    g_unlink (svg_path);
  }

  /* a click on the main package: the window is about package main */
  dv_app_graph_view_layout_to_widget (view, layout->nodes[layout->chain[1]].x,
                                      layout->nodes[layout->chain[1]].y, &x, &y);
  dv_app_graph_view_click_at (view, x, y, 1);
  g_assert_cmpuint (dv_app_focus_get_package (dv_app_window_get_focus_object (window)), ==,
                    dv_graph_find_package (graph, "main"));
  wait_layout (&watch);
  layout = dv_app_graph_view_get_layout (view);
  g_assert_true (layout->nodes[layout->chain[layout->n_chain - 1]].flags & DV_LAYOUT_NODE_PACKAGE);
  g_assert_cmpstr (dv_graph_package_name (graph, layout->nodes[layout->chain[layout->n_chain - 1]].package_id),
                   ==, "main");

  /* and back to the symbols */
  activate_accel (window, "<Control><Shift>p");
  g_assert_false (dv_app_graph_view_get_packages (view));
  wait_layout (&watch);
  layout = dv_app_graph_view_get_layout (view);
  for (guint i = 0; i < layout->n_nodes; i++)
    g_assert_false (layout->nodes[i].flags & DV_LAYOUT_NODE_PACKAGE);

  destroy_window (&watch);
}

/* ---- sizes and metadata on the graph ------------------------------------- */

typedef struct {
  char   *own;       /* the CLI's byte text */
  char   *retained;
  guint64 own_bytes; /* the CLI's JSON numbers */
  guint64 retained_bytes;
} CliSize;

static void
cli_size_free (gpointer data)
{
  CliSize *size = data;

  g_free (size->own);
  g_free (size->retained);
  g_free (size);
}

static char *
cli_top (const char *dump_path,
         const char *sizes_path,
         const char *format)
{
  g_autofree char *sizes_arg = g_strdup_printf ("--sizes=%s", sizes_path);
  g_autofree char *format_arg = g_strdup_printf ("--format=%s", format);
  const char *argv[] = { g_getenv ("DEPVIEW_CLI"), "top", "--limit=10000000", format_arg, sizes_arg,
                         dump_path, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* name -> CliSize, from `depview-cli top` in text (the byte texts) and
 * JSON (the exact numbers). */
static GHashTable *
cli_sizes (const char *dump_path,
           const char *sizes_path)
{
  GHashTable *sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cli_size_free);
  g_autofree char *text = cli_top (dump_path, sizes_path, "text");
  g_autofree char *json = cli_top (dump_path, sizes_path, "json");
  g_auto(GStrv) text_lines = g_strsplit (text, "\n", -1);
  g_auto(GStrv) json_lines = g_strsplit (json, "\n", -1);

  /* "      2.3 kB     81.4 kB  crypto/tls.(*Conn).clientHandshake[  (maybe bss)]" */
  for (guint i = 0; text_lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit_set (g_strstrip (text_lines[i]), " ", -1);
      GPtrArray *fields = g_ptr_array_new ();
      CliSize *size;

      for (guint k = 0; words[k] != NULL; k++)
        if (words[k][0] != '\0')
          g_ptr_array_add (fields, words[k]);
      if (fields->len < 5 || !g_ascii_isdigit (((char *) fields->pdata[0])[0]) ||
          !g_str_has_suffix (fields->pdata[1], "B") || !g_str_has_suffix (fields->pdata[3], "B"))
        {
          g_ptr_array_unref (fields);
          continue;
        }
      size = g_new0 (CliSize, 1);
      size->own = g_strconcat (fields->pdata[0], " ", fields->pdata[1], NULL);
      size->retained = g_strconcat (fields->pdata[2], " ", fields->pdata[3], NULL);
      g_hash_table_replace (sizes, g_strdup (fields->pdata[4]), size);
      g_ptr_array_unref (fields);
    }
  /* {"name": "N", "package": "P", "size": 66, "retained": 66} */
  for (guint i = 0; json_lines[i] != NULL; i++)
    {
      const char *line = strstr (json_lines[i], "{\"name\": \"");
      const char *end, *own, *retained;
      g_autofree char *name = NULL;
      CliSize *size;

      if (line == NULL)
        continue;
      line += strlen ("{\"name\": \"");
      end = strstr (line, "\", \"package\"");
      own = strstr (line, "\"size\": ");
      retained = strstr (line, "\"retained\": ");
      if (end == NULL || own == NULL || retained == NULL)
        continue;
      name = g_strndup (line, end - line);
      size = g_hash_table_lookup (sizes, name);
      if (size == NULL)
        continue;
      size->own_bytes = g_ascii_strtoull (own + strlen ("\"size\": "), NULL, 10);
      size->retained_bytes = g_ascii_strtoull (retained + strlen ("\"retained\": "), NULL, 10);
    }
  return sizes;
}

typedef struct {
  DvAppGraphView *view;
  const char     *name;
} NoteReady;

/* The graph shows name and has drawn its second line. */
static gboolean
note_ready (gpointer data)
{
  NoteReady *ready = data;
  const DvLayout *layout = dv_app_graph_view_get_layout (ready->view);

  if (layout == NULL || dv_app_graph_view_get_busy (ready->view))
    return FALSE;
  for (guint i = 0; i < layout->n_nodes; i++)
    if (g_strcmp0 (layout->nodes[i].tooltip, ready->name) == 0)
      return dv_app_graph_view_get_note (ready->view, i) != NULL;
  return FALSE;
}

static gboolean
cost_ready (gpointer data)
{
  DvAppWindow *window = data;

  return dv_app_document_get_cost (dv_app_window_get_document (window)) != NULL;
}

/* With sizes, every symbol node of the Handshake graph shows its bytes as
 * depview-cli top words them ("66 B", "2.3 kB · keeps 81.4 kB"), and its
 * tooltip the exact bytes; the sidebar's "Hide compiler metadata" reaches
 * the graph. On etcd 1.19 with its nm -size output. */
static void
test_graph_sizes_and_metadata (void)
{
  const char *dir = g_getenv ("DV_SHARED_TESTDATA");
  g_autofree char *dump_path = NULL;
  g_autofree char *sizes_path = NULL;
  g_autoptr(GFile) dump = NULL;
  g_autoptr(GFile) sizes_file = NULL;
  g_autoptr(GHashTable) sizes = NULL;
  Watch watch;
  DvAppWindow *window;
  DvAppGraphView *view;
  DvAppSidebar *sidebar;
  const DvLayout *layout;
  NoteReady ready;
  guint checked = 0, with_keeps = 0;
  gboolean handshake = FALSE;

  if (dir != NULL)
    {
      dump_path = g_build_filename (dir, "etcd-go1.19.deps-and-calls.txt.gz", NULL);
      sizes_path = g_build_filename (dir, "etcd-go1.19.nm-size.txt.gz", NULL);
    }
  if (dir == NULL || !g_file_test (dump_path, G_FILE_TEST_EXISTS) || !g_file_test (sizes_path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("etcd-go1.19 dump or sizes missing");
      return;
    }
  sizes = cli_sizes (dump_path, sizes_path);
  g_assert_true (g_hash_table_contains (sizes, "crypto/tls.(*Conn).Handshake"));

  window = new_window (&watch);
  view = dv_app_window_get_graph_view (window);
  sidebar = dv_app_window_get_sidebar (window);
  dump = g_file_new_for_path (dump_path);
  sizes_file = g_file_new_for_path (sizes_path);
  dv_app_window_open (window, dump, "crypto/tls.(*Conn).Handshake");
  g_assert_true (wait_loaded (&watch));

  /* the sidebar's check button drives the graph */
  g_assert_true (dv_app_graph_view_get_hide_metadata (view) == dv_app_sidebar_get_hide_metadata (sidebar));
  dv_app_sidebar_set_hide_metadata (sidebar, FALSE);
  g_assert_false (dv_app_graph_view_get_hide_metadata (view));
  dv_app_sidebar_set_hide_metadata (sidebar, TRUE);
  g_assert_true (dv_app_graph_view_get_hide_metadata (view));

  g_assert_null (dv_app_graph_view_get_cost (view));
  dv_app_document_set_sizes (dv_app_window_get_document (window), sizes_file);
  g_assert_true (wait_until (cost_ready, window, WAIT_MS));
  g_assert_true (dv_app_graph_view_get_cost (view) == dv_app_document_get_cost (dv_app_window_get_document (window)));
  ready.view = view;
  ready.name = "crypto/tls.(*Conn).Handshake";
  g_assert_true (wait_until (note_ready, &ready, WAIT_MS));

  layout = dv_app_graph_view_get_layout (view);
  for (guint i = 0; i < layout->n_nodes; i++)
    {
      const DvLayoutNode *node = &layout->nodes[i];
      const char *note = dv_app_graph_view_get_note (view, i);
      CliSize *size;
      g_autofree char *expected = NULL;
      g_autofree char *tooltip = NULL;
      g_autofree char *own_line = NULL;

      if (node->flags & (DV_LAYOUT_NODE_MORE | DV_LAYOUT_NODE_ROOT))
        {
          g_assert_null (note);
          continue;
        }
      size = g_hash_table_lookup (sizes, node->tooltip);
      if (size == NULL || size->own_bytes == 0)
        continue;
      expected = size->retained_bytes > size->own_bytes
                 ? g_strdup_printf ("%s · keeps %s", size->own, size->retained)
                 : g_strdup (size->own);
      g_test_message ("%s: \"%s\" (depview-cli top: %s own, %s retained)", node->tooltip, note, size->own, size->retained);
      g_assert_cmpstr (note, ==, expected);
      tooltip = dv_app_graph_view_get_tooltip (view, i);
      own_line = g_strdup_printf ("Own size: %s (%" G_GUINT64_FORMAT " bytes)", size->own, size->own_bytes);
      g_assert_nonnull (strstr (tooltip, own_line));
      g_assert_nonnull (strstr (tooltip, size->retained));
      checked++;
      if (size->retained_bytes > size->own_bytes)
        with_keeps++;
      if (g_str_equal (node->tooltip, "crypto/tls.(*Conn).Handshake"))
        {
          handshake = TRUE;
          g_test_message ("Handshake tooltip:\n%s", tooltip);
        }
    }
  g_test_message ("%u nodes checked against depview-cli top, %u with a retained size", checked, with_keeps);
  g_assert_true (handshake);
  g_assert_cmpuint (checked, >=, 5);
  g_assert_cmpuint (with_keeps, >=, 1);
  save_screenshot (GTK_WIDGET (view), "graph-sizes.png");
  spin (800); /* the stack's cross-fade from the welcome page */
  save_screenshot (GTK_WIDGET (window), "window-graph-sizes.png");

  /* sizes dropped: no second line after the next draw */
  dv_app_document_set_sizes (dv_app_window_get_document (window), NULL);
  g_assert_null (dv_app_graph_view_get_cost (view));

  destroy_window (&watch);
}

/* ---- issue 11: names, the chain panel, small windows -------------------- */

/* The etcd dump of ../shared (real names: go.etcd.io/..., google.golang.org/...),
 * or NULL and the test skipped. */
static char *
etcd_path (void)
{
  const char *dir = g_getenv ("DV_SHARED_TESTDATA");
  char *path;

  if (dir == NULL)
    {
      g_test_skip ("DV_SHARED_TESTDATA is not set");
      return NULL;
    }
  path = g_build_filename (dir, "etcd-go1.19.deps-and-calls.txt.gz", NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no etcd dump in the shared test data");
      g_clear_pointer (&path, g_free);
    }
  return path;
}

/* A window of the given size, loaded with path (and a selection). */
static DvAppWindow *
open_sized (Watch      *watch,
            const char *path,
            const char *select,
            int         width,
            int         height)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  DvAppWindow *window = dv_app_window_new (GTK_APPLICATION (app));

  memset (watch, 0, sizeof *watch);
  watch->window = window;
  g_signal_connect (window, "loaded", G_CALLBACK (loaded_cb), watch);
  g_signal_connect (dv_app_window_get_graph_view (window), "layout-ready",
                    G_CALLBACK (layout_ready_cb), watch);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  dv_app_window_open (window, file, select);
  g_assert_true (wait_loaded (watch));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  spin (200);
  return window;
}

static void
collect_cells (GtkWidget *widget,
               GPtrArray *cells)
{
  if (DV_APP_IS_SYMBOL_CELL (widget) && gtk_widget_get_mapped (widget) &&
      dv_app_symbol_cell_get_title (DV_APP_SYMBOL_CELL (widget)) != NULL)
    g_ptr_array_add (cells, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_cells (child, cells);
}

/* The package part of a name with one path and no brackets: up to the first
 * "." after the last "/" (the rule of docs/dumpdep-format.md). */
static char *
package_by_rule (const char *name)
{
  const char *slash = strrchr (name, '/');
  const char *dot = slash ? strchr (slash, '.') : NULL;

  return dot ? g_strndup (name, dot - name) : NULL;
}

/* Searching "Handshake" on etcd: each drawn row reads the package's last
 * element and the symbol, with the full import path under it, never cut
 * at its start; the symbol Enter selects is the first row. */
static void
test_readable_symbol_names (void)
{
  g_autofree char *path = etcd_path ();
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  DvAppWindow *window;
  DvAppSidebar *sidebar;
  DvGraph *graph;
  Watch watch;
  guint n_checked = 0;
  gboolean saw_handshake = FALSE;

  if (path == NULL)
    return;
  window = open_sized (&watch, path, NULL, 1400, 900);
  sidebar = dv_app_window_get_sidebar (window);
  graph = dv_app_window_get_graph (window);

  type_search (window, "Handshake");
  /* dv_lookup picks crypto/tls.(*Conn).Handshake for "Handshake", as
   * `depview-cli why etcd Handshake` answers */
  {
    g_autoptr(DvAppSymbolRow) first = g_list_model_get_item (G_LIST_MODEL (dv_app_sidebar_get_symbol_model (sidebar)), 0);
    g_autofree char *cli = cli_why_output (path, "Handshake", "text");

    g_assert_cmpstr (dv_app_symbol_row_get_name (first), ==, "crypto/tls.(*Conn).Handshake");
    assert_contains (cli, "crypto/tls.(*Conn).Handshake is kept alive");
  }
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  spin (100);

  collect_cells (GTK_WIDGET (dv_app_sidebar_get_symbol_view (sidebar)), cells);
  g_assert_cmpuint (cells->len, >=, 10);
  for (guint i = 0; i < cells->len; i++)
    {
      DvAppSymbolCell *cell = g_ptr_array_index (cells, i);
      const char *title = dv_app_symbol_cell_get_title (cell);
      const char *subtitle = dv_app_symbol_cell_get_subtitle (cell);
      const char *name = NULL;
      g_autofree char *package = NULL;

      name = dv_app_symbol_row_get_name (dv_app_symbol_cell_get_row (cell));
      g_assert_nonnull (name);
      g_assert_null (strstr (title, "…"));
      g_assert_null (strstr (subtitle, "…"));
      package = package_by_rule (name);
      if (package != NULL && strchr (name, '[') == NULL && strchr (name, ' ') == NULL &&
          dv_graph_symbol_kind (graph, dv_app_symbol_row_get_id (dv_app_symbol_cell_get_row (cell))) == DV_SYMBOL_KIND_FUNCTION)
        {
          /* "google.golang.org/grpc/credentials.(*tlsCreds).ClientHandshake":
           * "credentials.(*tlsCreds).ClientHandshake" over "google.golang.org/grpc/credentials" */
          const char *last = strrchr (package, '/') + 1;

          if (!g_str_has_prefix (title, last))
            g_error ("“%s” reads “%s”", name, title);
          g_assert_cmpstr (title + strlen (last), ==, name + strlen (package));
          if (dv_graph_symbol_package (graph, dv_graph_find_symbol (graph, name, -1)) != DV_PACKAGE_NONE)
            g_assert_cmpstr (subtitle, ==, package);
          n_checked++;
        }
      if (g_strcmp0 (name, "crypto/tls.(*Conn).Handshake") == 0)
        {
          g_assert_cmpstr (title, ==, "tls.(*Conn).Handshake");
          g_assert_cmpstr (subtitle, ==, "crypto/tls");
          saw_handshake = TRUE;
        }
    }
  g_assert_cmpuint (n_checked, >=, 5);
  g_assert_true (saw_handshake);
  save_screenshot (GTK_WIDGET (window), "app-window-names.png");

  destroy_window (&watch);
}

typedef struct {
  GtkSortListModel *model;
} SortDone;

static gboolean
sort_done (gpointer data)
{
  return gtk_sort_list_model_get_pending (((SortDone *) data)->model) == 0;
}

/* ---- issue 12: sizes in the lists --------------------------------------- */

/* The output of `depview-cli top ARGS... --sizes=SIZES DUMP`. */
static char *
cli_top_lists (const char  *dump_path,
               const char  *sizes_path,
               const char  *format,
               gboolean     packages,
               const char  *by)
{
  g_autofree char *sizes_arg = g_strdup_printf ("--sizes=%s", sizes_path);
  g_autofree char *format_arg = g_strdup_printf ("--format=%s", format);
  g_autofree char *by_arg = g_strdup_printf ("--by=%s", by);
  const char *argv[] = { g_getenv ("DEPVIEW_CLI"), "top", format_arg, sizes_arg, by_arg, "-n", "5",
                         packages ? "--packages" : dump_path, packages ? dump_path : NULL, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_test_message ("depview-cli top %s %s:\n%s", packages ? "--packages" : "", by, out);
  return out;
}

/* The values of "key": in a JSON text, in order (top's items come first). */
static GPtrArray *
json_values (const char *json,
             const char *key)
{
  g_autofree char *needle = g_strdup_printf ("\"%s\": ", key);
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);

  for (const char *p = strstr (json, needle); p != NULL; p = strstr (p, needle))
    {
      p += strlen (needle);
      if (*p == '"')
        g_ptr_array_add (values, g_strndup (p + 1, strcspn (p + 1, "\"")));
      else
        g_ptr_array_add (values, g_strndup (p, strspn (p, "0123456789")));
    }
  return values;
}

/* The text lines of top: "     92.7 kB     92.7 kB  runtime.mheap_": the
 * two byte columns, by the name at the end. */
static GHashTable *
text_bytes (const char *text,
            guint       column)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GHashTable *bytes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GRegex) regex = g_regex_new ("^ *([0-9.]+ [kMG]?B) +([0-9.]+ [kMG]?B)  (\\S+)", 0, 0, NULL);
      g_autoptr(GMatchInfo) match = NULL;

      if (g_regex_match (regex, lines[i], 0, &match))
        g_hash_table_insert (bytes, g_match_info_fetch (match, 3), g_match_info_fetch (match, column));
    }
  return bytes;
}

static gboolean
has_cost (gpointer data)
{
  return dv_app_sidebar_get_cost (data) != NULL;
}

static gboolean
has_no_cost (gpointer data)
{
  return dv_app_sidebar_get_cost (data) == NULL;
}

/* With the etcd sizes added: Size and Retained columns appear; the symbols
 * sorted by Size start with what `top` lists first, reading the same bytes,
 * and the packages sorted by Retained with what `top --packages
 * --by=retained` lists first. */
static void
test_sizes_in_lists (void)
{
  g_autofree char *path = etcd_path ();
  g_autofree char *sizes_path = NULL;
  g_autoptr(GFile) sizes_file = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  g_autofree char *package_json = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) packages = NULL;
  g_autoptr(GPtrArray) retained = NULL;
  g_autoptr(GHashTable) own_text = NULL;
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  DvAppWindow *window;
  DvAppSidebar *sidebar;
  GtkColumnView *view;
  GtkColumnViewColumn *column;
  GListModel *shown;
  Watch watch;
  SortDone done;
  guint n_bytes_checked = 0;

  if (path == NULL)
    return;
  sizes_path = g_build_filename (g_getenv ("DV_SHARED_TESTDATA"), "etcd-go1.19.nm-size.txt.gz", NULL);
  if (!g_file_test (sizes_path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no etcd sizes in the shared test data");
      return;
    }

  json = cli_top_lists (path, sizes_path, "json", FALSE, "size");
  text = cli_top_lists (path, sizes_path, "text", FALSE, "size");
  package_json = cli_top_lists (path, sizes_path, "json", TRUE, "retained");
  names = json_values (json, "name");
  packages = json_values (package_json, "name");
  retained = json_values (package_json, "retained");
  own_text = text_bytes (text, 1);
  g_assert_cmpuint (names->len, ==, 5);
  g_assert_cmpuint (packages->len, ==, 5);
  g_assert_cmpuint (g_hash_table_size (own_text), ==, 5);

  window = open_sized (&watch, path, NULL, 1400, 900);
  sidebar = dv_app_window_get_sidebar (window);
  view = dv_app_sidebar_get_symbol_view (sidebar);
  /* no sizes: no size columns */
  g_assert_null (column_titled (view, "Size"));
  g_assert_null (column_titled (view, "Retained"));

  /* top ranks every symbol: the list shows the compiler's metadata too */
  dv_app_sidebar_set_hide_metadata (sidebar, FALSE);
  sizes_file = g_file_new_for_path (sizes_path);
  dv_app_window_add_sizes (window, sizes_file);
  g_assert_true (wait_until (has_cost, sidebar, WAIT_MS));
  spin (300);
  {
    AdwFlap *flap = ADW_FLAP (gtk_widget_get_ancestor (GTK_WIDGET (sidebar), ADW_TYPE_FLAP));
    GtkWidget *content = adw_flap_get_content (flap);
    int min_content, min_sidebar;

    gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min_content, NULL, NULL, NULL);
    gtk_widget_measure (GTK_WIDGET (sidebar), GTK_ORIENTATION_HORIZONTAL, -1, &min_sidebar, NULL, NULL, NULL);
    g_test_message ("with sizes: flap folded %d; content needs %d, sidebar %d", adw_flap_get_folded (flap),
                    min_content, min_sidebar);
    /* the header's coverage line widens the content: at 1400 px the
     * sidebar folds, and is shown over the content as Ctrl+F shows it */
    adw_flap_set_reveal_flap (flap, TRUE);
  }
  column = column_titled (view, "Size");
  g_assert_nonnull (column);
  g_assert_true (gtk_column_view_column_get_resizable (column));
  g_assert_nonnull (column_titled (view, "Retained"));

  /* chosen once: largest first */
  shown = gtk_single_selection_get_model (dv_app_sidebar_get_symbol_selection (sidebar));
  done.model = GTK_SORT_LIST_MODEL (shown);
  {
    gint64 start = g_get_monotonic_time ();
    gboolean watching = dv_app_stall_watch_begin ("size sort");

    gtk_column_view_sort_by_column (view, column, GTK_SORT_ASCENDING);
    g_assert_true (wait_until (sort_done, &done, WAIT_MS));
    if (watching)
      {
        dv_app_stall_watch_end ();
        g_test_message ("sorted %u symbols by size in %.1f ms; longest UI stall %.1f ms (%.1f ms CPU)",
                        g_list_model_get_n_items (shown), (g_get_monotonic_time () - start) / 1000.0,
                        dv_app_stall_watch_last_max () / 1000.0, dv_app_stall_watch_last_max_cpu () / 1000.0);
      }
  }
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 100000);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  spin (300);
  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(DvAppSymbolRow) row = g_list_model_get_item (shown, i);

      g_assert_cmpstr (dv_app_symbol_row_get_name (row), ==, g_ptr_array_index (names, i));
    }

  collect_cells (GTK_WIDGET (view), cells);
  for (guint i = 0; i < cells->len; i++)
    {
      DvAppSymbolCell *cell = g_ptr_array_index (cells, i);
      const char *name = dv_app_symbol_row_get_name (dv_app_symbol_cell_get_row (cell));
      const char *expected = g_hash_table_lookup (own_text, name);

      if (dv_app_symbol_cell_get_shows (cell) == DV_APP_SYMBOL_CELL_SIZE && expected != NULL)
        {
          g_assert_cmpstr (dv_app_symbol_cell_get_title (cell), ==, expected);
          n_bytes_checked++;
        }
    }
  save_screenshot (GTK_WIDGET (window), "app-window-sizes.png");
  {
    AdwFlap *flap = ADW_FLAP (gtk_widget_get_ancestor (GTK_WIDGET (sidebar), ADW_TYPE_FLAP));
    g_test_message ("flap folded %d revealed %d, sidebar %d wide", adw_flap_get_folded (flap),
                    adw_flap_get_reveal_flap (flap), gtk_widget_get_width (GTK_WIDGET (sidebar)));
  }
  g_test_message ("%u cells drawn, %u of the top symbols' sizes checked", cells->len, n_bytes_checked);
  g_assert_cmpuint (n_bytes_checked, ==, 5);

  /* packages by retained size */
  {
    GtkColumnView *package_view = dv_app_sidebar_get_package_view (sidebar);
    GListModel *package_shown;
    SortDone package_done;

    dv_app_sidebar_show_page (sidebar, "packages");
    package_shown = gtk_single_selection_get_model (dv_app_sidebar_get_package_selection (sidebar));
    column = column_titled (package_view, "Retained");
    g_assert_nonnull (column);
    g_assert_nonnull (column_titled (package_view, "Size"));
    gtk_column_view_sort_by_column (package_view, column, GTK_SORT_ASCENDING);
    package_done.model = GTK_SORT_LIST_MODEL (package_shown);
    g_assert_true (wait_until (sort_done, &package_done, WAIT_MS));
    for (guint i = 0; i < packages->len; i++)
      {
        g_autoptr(DvAppPackageRow) row = g_list_model_get_item (package_shown, i);

        g_assert_cmpstr (dv_app_package_row_get_name (row), ==, g_ptr_array_index (packages, i));
        g_assert_cmpuint (dv_app_package_row_get_retained (row), ==,
                          g_ascii_strtoull (g_ptr_array_index (retained, i), NULL, 10));
      }
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
    spin (600);
    save_screenshot (GTK_WIDGET (window), "app-window-sizes-packages.png");
  }

  /* sizes dropped: the columns go */
  dv_app_window_add_sizes (window, NULL);
  g_assert_true (wait_until (has_no_cost, sidebar, WAIT_MS));
  g_assert_null (column_titled (view, "Size"));
  g_assert_null (column_titled (view, "Retained"));

  destroy_window (&watch);
}

/* Columns resize and sort; a new order shows its top, not the middle. */
static void
test_symbol_columns_sort (void)
{
  g_autofree char *path = etcd_path ();
  DvAppWindow *window;
  DvAppSidebar *sidebar;
  GtkColumnView *view;
  GListModel *columns;
  GtkSingleSelection *selection;
  GListModel *shown;
  GtkAdjustment *adjustment;
  Watch watch;
  SortDone done;
  guint n;

  if (path == NULL)
    return;
  window = open_sized (&watch, path, NULL, 1400, 900);
  sidebar = dv_app_window_get_sidebar (window);
  view = dv_app_sidebar_get_symbol_view (sidebar);
  columns = gtk_column_view_get_columns (view);
  /* name (over the import path) and kind (over the flags) */
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 2);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_assert_true (gtk_column_view_column_get_resizable (column));
      g_assert_nonnull (gtk_column_view_column_get_sorter (column));
    }

  type_search (window, "tls.");
  selection = dv_app_sidebar_get_symbol_selection (sidebar);
  shown = gtk_single_selection_get_model (selection);
  done.model = GTK_SORT_LIST_MODEL (shown);
  n = g_list_model_get_n_items (shown);
  g_assert_cmpuint (n, >, 500);

  /* scrolled half-way, then sorted by name */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  adjustment = dv_app_sidebar_get_symbol_vadjustment (sidebar);
  gtk_adjustment_set_value (adjustment, (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment)) / 2);
  spin (100);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 1000.0);
  {
    g_autoptr(GtkColumnViewColumn) name_column = g_list_model_get_item (columns, 0);
    gtk_column_view_sort_by_column (view, name_column, GTK_SORT_ASCENDING);
  }
  g_assert_true (wait_until (sort_done, &done, WAIT_MS));
  spin (200);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0.0);

  /* ascending by what the row reads: "tls." names before "x509." ones; the
   * full names of the same short name in order */
  {
    g_autoptr(DvAppSymbolRow) first = g_list_model_get_item (shown, 0);
    g_autoptr(DvAppSymbolRow) last = g_list_model_get_item (shown, n - 1);
    char *prev = NULL;

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(DvAppSymbolRow) row = g_list_model_get_item (shown, i);
        /* the short name computed here by the rule, for names with one path */
        const char *name = dv_app_symbol_row_get_name (row);
        g_autofree char *package = package_by_rule (name);
        const char *paren = strchr (name, '(');
        char *reads;

        if (package == NULL || strchr (name, '[') || strchr (name, ' ') || (paren != NULL && paren < strrchr (name, '/')) ||
            dv_graph_symbol_kind (dv_app_window_get_graph (window), dv_app_symbol_row_get_id (row)) != DV_SYMBOL_KIND_FUNCTION ||
            g_strcmp0 (dv_app_symbol_row_get_package (row), package) != 0)
          continue;
        reads = g_strconcat (strrchr (package, '/') + 1, name + strlen (package), NULL);
        if (prev != NULL)
          if (strcmp (prev, reads) > 0)
            g_error ("“%s” sorted before “%s” (%s)", prev, reads, name);
        g_free (prev);
        prev = reads;
      }
    g_free (prev);
    g_assert_cmpint (strcmp (dv_app_symbol_row_get_short_name (first), dv_app_symbol_row_get_short_name (last)), <, 0);
  }

  /* descending, from the middle again */
  gtk_adjustment_set_value (adjustment, (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment)) / 2);
  spin (100);
  {
    g_autoptr(GtkColumnViewColumn) kind_column = g_list_model_get_item (columns, 1);
    gtk_column_view_sort_by_column (view, kind_column, GTK_SORT_DESCENDING);
  }
  g_assert_true (wait_until (sort_done, &done, WAIT_MS));
  spin (200);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0.0);
  {
    g_autoptr(DvAppSymbolRow) first = g_list_model_get_item (shown, 0);
    g_autoptr(DvAppSymbolRow) last = g_list_model_get_item (shown, n - 1);

    /* "type" sorts after "function" */
    g_assert_cmpstr (dv_app_symbol_row_get_kind (first), ==, "type");
    g_assert_cmpstr (dv_app_symbol_row_get_kind (last), ==, "function");
  }

  destroy_window (&watch);
}

typedef struct {
  DvAppSymbolList *model;
  const char      *search;
} SuggestDone;

/* One lookup for the list and Enter: a name in the other receiver form
 * lists the symbol Enter selects, first; a name that matches nothing
 * offers the core's closest names, and a click selects one. */
static void
test_list_and_enter_agree (void)
{
  g_autofree char *path = etcd_path ();
  DvAppWindow *window;
  DvAppSidebar *sidebar;
  DvAppSymbolList *model;
  DvGraph *graph;
  Watch watch;
  GtkWidget *box;
  GtkWidget *button = NULL;

  if (path == NULL)
    return;
  window = open_sized (&watch, path, NULL, 1400, 900);
  sidebar = dv_app_window_get_sidebar (window);
  model = dv_app_sidebar_get_symbol_model (sidebar);
  graph = dv_app_window_get_graph (window);

  /* `depview-cli why etcd crypto/tls.Conn.Handshake` answers for crypto/tls.(*Conn).Handshake */
  {
    g_autofree char *cli = cli_why_output (path, "crypto/tls.Conn.Handshake", "text");
    assert_contains (cli, "crypto/tls.(*Conn).Handshake is kept alive");
  }
  type_search (window, "crypto/tls.Conn.Handshake");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >=, 1);
  {
    g_autoptr(DvAppSymbolRow) first = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_assert_cmpstr (dv_app_symbol_row_get_name (first), ==, "crypto/tls.(*Conn).Handshake");
  }
  g_assert_false (gtk_widget_get_visible (dv_app_sidebar_get_suggestion_box (sidebar)));
  g_signal_emit_by_name (dv_app_window_get_search_entry (window), "activate");
  spin (50);
  g_assert_cmpuint (dv_app_window_get_focus (window), ==,
                    dv_graph_find_symbol (graph, "crypto/tls.(*Conn).Handshake", -1));

  /* a typo no name holds: no rows, "did you mean" encoding/json.Marshal */
  type_search (window, "encoding/jsn.Marshal");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  spin (50);
  box = dv_app_sidebar_get_suggestion_box (sidebar);
  g_assert_true (gtk_widget_get_visible (box));
  {
    g_autoptr(GString) text = g_string_new (NULL);

    collect_label_text (box, text);
    assert_contains (text->str, "encoding/jsn.Marshal");
    assert_contains (text->str, "encoding/json.Marshal\n");
  }
  /* the button of encoding/json.Marshal */
  for (GtkWidget *child = gtk_widget_get_first_child (gtk_widget_get_last_child (box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (child)))), "encoding/json.Marshal") == 0)
      button = child;
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  spin (50);
  g_assert_cmpuint (dv_app_window_get_focus (window), ==, dv_graph_find_symbol (graph, "encoding/json.Marshal", -1));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dv_app_window_get_search_entry (window))), ==,
                   "encoding/json.Marshal");

  destroy_window (&watch);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
collect_inscriptions (GtkWidget *widget,
                      GString   *out)
{
  if (GTK_IS_INSCRIPTION (widget) && gtk_widget_get_mapped (widget) && gtk_inscription_get_text (GTK_INSCRIPTION (widget)))
    {
      g_string_append (out, gtk_inscription_get_text (GTK_INSCRIPTION (widget)));
      g_string_append_c (out, '\n');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_inscriptions (child, out);
}

/* The start-up the CLI prints first: the runtime's own steps before main.main. */
static const char *const startup_names[] = {
  "_rt0_amd64_linux", "_rt0_amd64", "runtime.rt0_go", "runtime.mainPC", "runtime.main", "runtime.main_main·f",
};

/* The chain of crypto/tls.(*Conn).Handshake at the default size: the
 * runtime's start-up is one row that opens on click; every row is shown
 * without scrolling; each reads the short name, then the package. */
static void
test_chain_panel_readable (void)
{
  g_autofree char *path = etcd_path ();
  DvAppWindow *window;
  DvAppChainPanel *panel;
  GListModel *steps, *shown;
  GtkListView *list;
  GtkScrolledWindow *scroller;
  GtkAdjustment *adjustment;
  Watch watch;
  guint n_startup = 0;
  DvSymbolId focus;

  if (path == NULL)
    return;
  /* the default size of the schema */
  window = open_sized (&watch, path, "crypto/tls.(*Conn).Handshake", 1200, 800);
  panel = dv_app_window_get_chain_panel (window);
  assert_chain_matches_cli (window, path, "crypto/tls.(*Conn).Handshake");
  steps = dv_app_window_get_chain_model (window);
  shown = dv_app_chain_panel_get_shown_model (panel);
  g_assert_cmpuint (g_list_model_get_n_items (steps), ==, 17);

  /* the start-up, counted from the names */
  for (guint i = 0; i < g_list_model_get_n_items (steps) && i < G_N_ELEMENTS (startup_names); i++)
    {
      g_autoptr(DvAppChainRow) row = g_list_model_get_item (steps, i);
      if (g_strcmp0 (dv_app_chain_row_get_name (row), startup_names[i]) != 0)
        break;
      n_startup++;
    }
  g_assert_cmpuint (n_startup, ==, 6);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 17 - n_startup + 1);
  {
    g_autoptr(DvAppChainRow) fold = g_list_model_get_item (shown, 0);
    g_autoptr(DvAppChainRow) next = g_list_model_get_item (shown, 1);

    g_assert_true (dv_app_chain_row_get_is_startup (fold));
    g_assert_cmpuint (dv_app_chain_row_get_n_steps (fold), ==, n_startup);
    g_assert_cmpstr (dv_app_chain_row_get_name (next), ==, "main.main");
  }

  /* every row fits: the list does not scroll */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  spin (300);
  list = GTK_LIST_VIEW (find_descendant (GTK_WIDGET (panel), GTK_TYPE_LIST_VIEW));
  scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (list), GTK_TYPE_SCROLLED_WINDOW));
  adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), <=, gtk_adjustment_get_page_size (adjustment) + 0.5);

  /* rows read "tls.(*Conn).Handshake  crypto/tls" and "etcdmain.Main  go.etcd.io/etcd/etcdmain" */
  {
    g_autoptr(GString) text = g_string_new (NULL);

    collect_inscriptions (GTK_WIDGET (list), text);
    assert_contains (text->str, "Go runtime start-up (6 steps)\n");
    assert_contains (text->str, "\ntls.(*Conn).Handshake  crypto/tls\n");
    assert_contains (text->str, "\netcdmain.Main  go.etcd.io/etcd/etcdmain\n");
    assert_contains (text->str, "\nhttp.(*Server).Serve  net/http\n");
    g_assert_null (strstr (text->str, "_rt0_amd64_linux"));
  }
  save_screenshot (GTK_WIDGET (window), "app-window-chain.png");

  /* a click on the start-up opens it, and does not move the focus */
  focus = dv_app_window_get_focus (window);
  g_signal_emit_by_name (list, "activate", 0);
  g_assert_true (dv_app_chain_panel_get_startup_expanded (panel));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 17 + 1);
  {
    g_autoptr(DvAppChainRow) second = g_list_model_get_item (shown, 1);
    g_assert_cmpstr (dv_app_chain_row_get_name (second), ==, "_rt0_amd64_linux");
  }
  g_assert_cmpuint (dv_app_window_get_focus (window), ==, focus);
  g_signal_emit_by_name (list, "activate", 0);
  g_assert_false (dv_app_chain_panel_get_startup_expanded (panel));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 17 - n_startup + 1);

  /* a step's row focuses its symbol */
  g_signal_emit_by_name (list, "activate", 1);
  g_assert_cmpuint (dv_app_window_get_focus (window), ==,
                    dv_graph_find_symbol (dv_app_window_get_graph (window), "main.main", -1));

  destroy_window (&watch);
}

static void
count_text (GtkWidget  *widget,
            const char *text,
            guint      *n)
{
  if (gtk_widget_get_mapped (widget) &&
      ((GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)))
    (*n)++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_text (child, text, n);
}

/* Nothing chosen: one empty state. Ctrl+F on Packages searches packages.
 * The problem banner floats: the sidebar stays where it was. */
static void
test_empty_state_find_and_banner (void)
{
  g_autofree char *path = hello_path ();
  g_autofree char *dir = g_dir_make_tmp ("depview-test-XXXXXX", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "bad.txt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  DvAppWindow *window;
  DvAppSidebar *sidebar;
  Watch watch;
  guint n_choose = 0, n_none = 0;
  graphene_point_t before, after;
  gsize len;

  window = open_sized (&watch, path, NULL, 1200, 800);
  sidebar = dv_app_window_get_sidebar (window);
  count_text (GTK_WIDGET (window), "Choose a Symbol", &n_choose);
  count_text (GTK_WIDGET (window), "No Symbol Chosen", &n_none);
  g_assert_cmpuint (n_choose, ==, 1);
  g_assert_cmpuint (n_none, ==, 0);
  {
    g_autofree char *text = chain_panel_text (window);
    g_assert_cmpstr (text, ==, "");
  }

  /* Ctrl+F on the Packages tab */
  dv_app_sidebar_show_page (sidebar, "packages");
  activate_accel (window, "<Control>f");
  spin (50);
  g_assert_cmpstr (dv_app_sidebar_get_page (sidebar), ==, "packages");
  g_assert_true (search_has_focus (window));
  dv_app_sidebar_show_page (sidebar, "symbols");

  /* the same dump with an unreadable third line: a warning banner */
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  {
    char *second = strchr (strchr (contents, '\n') + 1, '\n') + 1;
    GString *text = g_string_new_len (contents, second - contents);

    g_string_append (text, "this is not a dump line\n");
    g_string_append (text, second);
    g_assert_true (g_file_set_contents (bad_path, text->str, -1, NULL));
    g_string_free (text, TRUE);
  }
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (sidebar), GTK_WIDGET (window), &GRAPHENE_POINT_INIT (0, 0), &before));
  dv_app_window_open (window, bad, NULL);
  g_assert_true (wait_loaded (&watch));
  g_assert_nonnull (dv_app_window_get_banner_text (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  spin (500);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (sidebar), GTK_WIDGET (window), &GRAPHENE_POINT_INIT (0, 0), &after));
  g_assert_cmpfloat (after.y, ==, before.y);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (sidebar)), >, 0);
  save_screenshot (GTK_WIDGET (window), "app-window-banner.png");

  destroy_window (&watch);
  g_unlink (bad_path);
  g_rmdir (dir);
}

/* A small window (640x480, 800x600) folds the sidebar away behind a button,
 * so the graph and the chain get the width; a large one shows both. */
static void
test_small_window_folds_sidebar (void)
{
  g_autofree char *path = hello_path ();
  const int sizes[][2] = { { 640, 480 }, { 800, 600 }, { 1400, 900 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      Watch watch;
      DvAppWindow *window = open_sized (&watch, path, "fmt.Fprintln", sizes[i][0], sizes[i][1]);
      DvAppSidebar *sidebar = dv_app_window_get_sidebar (window);
      AdwFlap *flap = ADW_FLAP (gtk_widget_get_ancestor (GTK_WIDGET (sidebar), ADW_TYPE_FLAP));
      GtkWidget *graph = GTK_WIDGET (dv_app_window_get_graph_view (window));
      g_autofree char *name = g_strdup_printf ("app-window-%dx%d.png", sizes[i][0], sizes[i][1]);

      g_assert_nonnull (flap);
      /* the sidebar's 460 px beside the graph's 380 px */
      if (sizes[i][0] < 841)
        {
          /* folded: the graph has the width, the sidebar comes on demand */
          g_assert_true (adw_flap_get_folded (flap));
          g_assert_false (adw_flap_get_reveal_flap (flap));
          g_assert_cmpint (gtk_widget_get_width (graph), >=, sizes[i][0] - 20);
          activate_accel (window, "<Control>f");
          spin (600);
          g_assert_true (adw_flap_get_reveal_flap (flap));
          g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (sidebar)));
          /* Enter on a name: the answer, and the sidebar out of its way */
          search_and_enter (window, "fmt.Println");
          g_assert_false (adw_flap_get_reveal_flap (flap));
          spin (600);
        }
      else
        {
          g_assert_false (adw_flap_get_folded (flap));
          g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (sidebar)));
          g_assert_cmpint (gtk_widget_get_width (graph), >=, 380);
        }
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      spin (100);
      save_screenshot (GTK_WIDGET (window), name);
      destroy_window (&watch);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);

  app = dv_app_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("register: %s", error->message);

  g_test_add_func ("/app/name-filter/smart-case", test_name_filter_smart_case);
  g_test_add_func ("/app/application/about-and-shortcuts", test_about_and_shortcuts);
  g_test_add_func ("/app/window/search-select-chain-export", test_search_select_chain_export);
  g_test_add_func ("/app/window/select-package-and-unreachable", test_select_package_and_unreachable);
  g_test_add_func ("/app/window/package-answer-made-once", test_package_answer_made_once);
  g_test_add_func ("/app/window/select-inlined", test_select_inlined);
  g_test_add_func ("/app/window/select-unlinked-package", test_select_unlinked_package);
  g_test_add_func ("/app/window/example", test_example);
  g_test_add_func ("/app/window/failed-load-keeps-graph", test_failed_load_keeps_graph);
  g_test_add_func ("/app/window/unreadable-lines", test_unreadable_lines_are_reported);
  g_test_add_func ("/app/window/doubtful-lines", test_doubtful_lines_are_reported);
  g_test_add_func ("/app/window/reload-keeps-focus", test_reload_keeps_focus);
  g_test_add_func ("/app/window/several-binaries-ask-which", test_several_binaries_ask_which);
  g_test_add_func ("/app/window/package-graph", test_package_graph);
  g_test_add_func ("/app/window/graph-sizes-and-metadata", test_graph_sizes_and_metadata);
  g_test_add_func ("/app/window/readable-symbol-names", test_readable_symbol_names);
  g_test_add_func ("/app/window/symbol-columns-sort", test_symbol_columns_sort);
  g_test_add_func ("/app/window/sizes-in-lists", test_sizes_in_lists);
  g_test_add_func ("/app/window/list-and-enter-agree", test_list_and_enter_agree);
  g_test_add_func ("/app/window/chain-panel-readable", test_chain_panel_readable);
  g_test_add_func ("/app/window/empty-state-find-and-banner", test_empty_state_find_and_banner);
  g_test_add_func ("/app/window/small-window-folds-sidebar", test_small_window_folds_sidebar);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
