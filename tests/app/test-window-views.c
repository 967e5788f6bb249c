/* test-window-views.c: the window's views on the real etcd dumps with their
 * sizes (Go 1.19 and 1.26), driven as a user drives them (the views'
 * actions, --sizes and --compare's window calls), each number checked
 * against depview-cli (`top`, `keeps`, `reflect`, `diff`); and the marks
 * (what the focus keeps alive, what a comparison found new) on the graph
 * and the map, against the symbols the CLI lists. Skipped without
 * $DV_SHARED_TESTDATA. */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "dv-app-application.h"
#include "dv-app-graph-view-private.h"
#include "dv-app-treemap-private.h"
#include "dv-app-window-private.h"

#define WAIT_MS 180000

static DvAppApplication *app;

static char *
shared_file (const char *name)
{
  const char *dir = g_getenv ("DV_SHARED_TESTDATA");
  char *path;

  if (dir == NULL)
    return NULL;
  path = g_build_filename (dir, name, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    g_clear_pointer (&path, g_free);
  return path;
}

static char *
run_cli (const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("DEPVIEW_CLI"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_nonnull (g_ptr_array_index (argv, 0));
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  return out;
}

/* The first "key": NUMBER after from in json. */
static guint64
json_number (const char *json, const char *key)
{
  g_autofree char *needle = g_strdup_printf ("\"%s\": ", key);
  const char *p = strstr (json, needle);

  g_assert_nonnull (p);
  return g_ascii_strtoull (p + strlen (needle), NULL, 10);
}

static char *
json_string (const char *json, const char *key)
{
  g_autofree char *needle = g_strdup_printf ("\"%s\": \"", key);
  const char *p = strstr (json, needle), *end;

  g_assert_nonnull (p);
  p += strlen (needle);
  end = strchr (p, '"');
  return g_strndup (p, end - p);
}

static guint
count_key (const char *json, const char *key)
{
  g_autofree char *needle = g_strdup_printf ("\"%s\": ", key);
  guint n = 0;

  for (const char *p = strstr (json, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* The strings of the array "key": [...] in json, unescaped. */
static GPtrArray *
json_strings (const char *json, const char *key)
{
  g_autofree char *needle = g_strdup_printf ("\"%s\": [", key);
  const char *p = strstr (json, needle);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (p);
  p += strlen (needle);
  while (*p != ']')
    {
      GString *s = g_string_new (NULL);

      while (*p == ' ' || *p == ',' || *p == '\n')
        p++;
      if (*p == ']')
        {
          g_string_free (s, TRUE);
          break;
        }
      g_assert_cmpint (*p, ==, '"');
      for (p++; *p != '"'; p++)
        {
          g_assert_cmpint (*p, !=, '\0');
          if (*p != '\\')
            {
              g_string_append_c (s, *p);
              continue;
            }
          p++;
          switch (*p)
            {
            case 'n': g_string_append_c (s, '\n'); break;
            case 't': g_string_append_c (s, '\t'); break;
            case 'u':
              {
                g_autofree char *hex = g_strndup (p + 1, 4);

                g_string_append_unichar (s, (gunichar) g_ascii_strtoull (hex, NULL, 16));
                p += 4;
                break;
              }
            default: g_string_append_c (s, *p);
            }
        }
      p++;
      g_ptr_array_add (out, g_string_free (s, FALSE));
    }
  return out;
}

/* The ids of names in graph, one byte a symbol. */
static guint8 *
symbol_set (DvGraph *graph, GPtrArray *names)
{
  guint8 *set = g_new0 (guint8, dv_graph_get_n_symbols (graph));

  for (guint i = 0; i < names->len; i++)
    {
      DvSymbolId id = dv_graph_find_symbol (graph, g_ptr_array_index (names, i), -1);

      g_assert_cmpuint (id, !=, DV_SYMBOL_NONE);
      set[id] = 1;
    }
  return set;
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

typedef gboolean (*Condition) (DvAppWindow *window);

static void
wait_for (Condition condition, DvAppWindow *window)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (WAIT_MS, timeout_cb, &timed_out);

  while (!condition (window) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

static gboolean
has_cost (DvAppWindow *w)
{
  return dv_app_document_get_cost (w->document) != NULL && !dv_app_document_get_loading (w->document);
}

static gboolean
map_ready (DvAppWindow *w)
{
  return dv_app_treemap_get_map (w->treemap) != NULL && !dv_app_treemap_get_busy (w->treemap);
}

static gboolean
map_retained (DvAppWindow *w)
{
  return map_ready (w) && dv_treemap_get_mode (dv_app_treemap_get_map (w->treemap)) == DV_TREEMAP_BY_RETAINED;
}

static gboolean
keeps_ready (DvAppWindow *w)
{
  return !dv_app_keeps_view_get_busy (w->keeps_view) && dv_app_keeps_view_get_dominated (w->keeps_view) != NULL;
}

static gboolean
reflect_ready (DvAppWindow *w)
{
  return !dv_app_reflect_view_get_busy (w->reflect_view) && dv_app_reflect_view_get_report (w->reflect_view) != NULL;
}

static gboolean
compare_ready (DvAppWindow *w)
{
  return !dv_app_document_get_loading (w->compare_document)
         && dv_app_document_get_cost (w->compare_document) != NULL
         && !dv_app_compare_view_get_busy (w->compare_view)
         && dv_app_compare_view_get_diff (w->compare_view) != NULL
         && w->compare_old_cost != NULL;
}

static gboolean
highlight_keeps (DvAppWindow *w)
{
  return dv_app_highlight_get_kind (w->highlight) == DV_APP_HIGHLIGHT_KEEPS;
}

static gboolean
highlight_added (DvAppWindow *w)
{
  return dv_app_highlight_get_kind (w->highlight) == DV_APP_HIGHLIGHT_ADDED;
}

/* The graph of the focus is laid out and on screen. */
static gboolean
graph_ready (DvAppWindow *w)
{
  const DvLayout *layout = dv_app_graph_view_get_layout (w->graph_view);

  return layout != NULL && !dv_app_graph_view_get_busy (w->graph_view)
         && layout->focus == dv_app_window_get_focus (w);
}

static void
activate (DvAppWindow *window, const char *action, const char *target)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, target ? "s" : NULL, target));
}

static DvAppWindow *
open_build (const char *version, char **dump_out, char **sizes_out)
{
  g_autofree char *dump_name = g_strdup_printf ("etcd-go%s.deps-and-calls.txt.gz", version);
  g_autofree char *sizes_name = g_strdup_printf ("etcd-go%s.nm-size.txt.gz", version);
  char *dump = shared_file (dump_name);
  char *sizes = shared_file (sizes_name);
  g_autoptr(GFile) dump_file = NULL;
  g_autoptr(GFile) sizes_file = NULL;
  DvAppWindow *window;

  if (dump == NULL || sizes == NULL)
    {
      g_free (dump);
      g_free (sizes);
      g_test_skip ("no etcd dumps with sizes: set DV_SHARED_TESTDATA");
      return NULL;
    }
  dump_file = g_file_new_for_path (dump);
  sizes_file = g_file_new_for_path (sizes);
  window = dv_app_window_new (GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  dv_app_window_open_with_sizes (window, dump_file, NULL, sizes_file);
  wait_for (has_cost, window);
  *dump_out = dump;
  *sizes_out = sizes;
  return window;
}

/* The map, by own and by retained size: the largest package's bytes as
 * `top --packages` has them, and a click on the map leads to the chain. */
static void
check_map (DvAppWindow *window, const char *dump, const char *sizes)
{
  g_autofree char *sizes_arg = g_strdup_printf ("--sizes=%s", sizes);
  const char *own_args[] = { "top", "--packages", "--format=json", "-n", "1", sizes_arg, dump, NULL };
  const char *ret_args[] = { "top", "--packages", "--by=retained", "--format=json", "-n", "1", sizes_arg, dump, NULL };
  g_autofree char *own_json = run_cli (own_args);
  g_autofree char *ret_json = run_cli (ret_args);
  g_autofree char *own_name = json_string (own_json, "name");
  g_autofree char *ret_name = json_string (ret_json, "name");
  DvGraph *graph = dv_app_document_get_graph (window->document);
  const DvTreemap *map;
  guint32 node;

  activate (window, "win.view", "map");
  g_assert_cmpstr (dv_app_window_get_view (window), ==, "map");
  wait_for (map_ready, window);
  map = dv_app_treemap_get_map (window->treemap);
  node = dv_treemap_find_package (map, dv_graph_find_package (graph, own_name));
  g_assert_cmpuint (node, !=, DV_TREEMAP_NODE_NONE);
  g_assert_cmpuint (dv_treemap_get_node (map, node)->bytes, ==, json_number (own_json, "size"));
  g_test_message ("map: %s %" G_GUINT64_FORMAT " bytes by own size", own_name, json_number (own_json, "size"));

  activate (window, "win.map-mode", "retained");
  wait_for (map_retained, window);
  map = dv_app_treemap_get_map (window->treemap);
  node = dv_treemap_find_package (map, dv_graph_find_package (graph, ret_name));
  g_assert_cmpuint (node, !=, DV_TREEMAP_NODE_NONE);
  g_assert_cmpuint (dv_treemap_get_node (map, node)->bytes, ==, json_number (ret_json, "retained"));
  activate (window, "win.map-mode", "size");

  /* the map's package leads to its chain */
  g_signal_emit_by_name (window->treemap, "package-activated", (guint) dv_graph_find_package (graph, own_name));
  g_assert_cmpstr (dv_app_window_get_view (window), ==, "chain");
  g_assert_cmpuint (dv_app_focus_get_package (window->focus), ==, dv_graph_find_package (graph, own_name));
}

/* What a symbol keeps alive, as `keeps` counts it. */
static void
check_keeps (DvAppWindow *window, const char *dump, const char *sizes, const char *name)
{
  g_autofree char *sizes_arg = g_strdup_printf ("--sizes=%s", sizes);
  const char *args[] = { "keeps", "--format=json", sizes_arg, dump, name, NULL };
  g_autofree char *json = run_cli (args);
  DvGraph *graph = dv_app_document_get_graph (window->document);
  DvSymbolId id = dv_graph_find_symbol (graph, name, -1);
  GArray *dominated;
  guint64 bytes = 0;
  DvSymbolId other;

  g_assert_true (dv_app_window_select (window, name));
  activate (window, "win.view", "keeps");
  wait_for (keeps_ready, window);
  dominated = dv_app_keeps_view_get_dominated (window->keeps_view);
  g_assert_cmpuint (dominated->len, ==, json_number (json, "removed"));
  g_assert_true (dv_app_keeps_view_get_bytes (window->keeps_view, &bytes));
  g_assert_cmpuint (bytes, ==, json_number (json, "retained"));
  g_test_message ("keeps %s: %u symbols, %" G_GUINT64_FORMAT " bytes", name, dominated->len, bytes);

  /* a row leads to its chain */
  other = g_array_index (dominated, DvSymbolId, dominated->len - 1);
  g_assert_cmpuint (other, !=, id);
  g_signal_emit_by_name (window->keeps_view, "symbol-activated", (guint) other);
  g_assert_cmpstr (dv_app_window_get_view (window), ==, "chain");
  g_assert_cmpuint (dv_app_window_get_focus (window), ==, other);
}

static void
export_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* The DOT export draws as many nodes marked (a second outline) as the
 * graph on screen. */
static void
check_export_marks (DvAppWindow *window, guint n_marked)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "depview-test-marks-XXXXXX.dot", NULL);
  int fd = g_mkstemp (path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dot = NULL;
  guint n = 0;

  g_assert_cmpint (fd, >=, 0);
  close (fd);
  dv_app_window_export_async (window, "dot", file, NULL, export_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (dv_app_window_export_finish (window, result, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &dot, NULL, NULL));
  for (const char *p = strstr (dot, "peripheries=2"); p != NULL; p = strstr (p + 1, "peripheries=2"))
    n++;
  g_assert_cmpuint (n, ==, n_marked);
  /* the key says what the marks mean, for the kind marked (Graphviz
   * breaks long strings with a backslash and a newline) */
  {
    g_auto(GStrv) pieces = g_strsplit (dot, "\\\n", -1);

    g_free (dot);
    dot = g_strjoinv ("", pieces);
  }
  g_assert_nonnull (strstr (dot, dv_app_highlight_get_kind (window->highlight) == DV_APP_HIGHLIGHT_ADDED
                                 ? "double outline, new: not in the build this one was compared with"
                                 : "double outline, goes: would go from the binary with the focus"));
  g_unlink (path);
}

/* Each symbol node of the graph on screen is drawn marked iff its symbol is
 * in set; returns how many are. */
static guint
check_graph_marks (DvAppWindow *window, const guint8 *set)
{
  const DvLayout *layout;
  guint n = 0;

  wait_for (graph_ready, window);
  layout = dv_app_graph_view_get_layout (window->graph_view);
  for (guint i = 0; i < layout->n_nodes; i++)
    {
      const DvLayoutNode *node = &layout->nodes[i];
      guint mark = dv_app_graph_view_get_mark (window->graph_view, i);

      if (node->flags & (DV_LAYOUT_NODE_MORE | DV_LAYOUT_NODE_ROOT))
        continue;
      g_assert_cmpuint (mark > 0, ==, set[node->symbol]);
      if (mark > 0)
        {
          g_autofree char *tooltip = dv_app_graph_view_get_tooltip (window->graph_view, i);

          g_assert_nonnull (strstr (tooltip, dv_app_highlight_get_label (window->highlight)));
          n++;
        }
    }
  g_assert_cmpuint (dv_app_graph_view_get_n_marked (window->graph_view), ==, n);
  return n;
}

/* The map marks the highlight's symbols and packages, and a marked tile's
 * tooltip says why. */
static void
check_map_marks (DvAppWindow *window)
{
  DvGraph *graph = dv_app_document_get_graph (window->document);
  GArray *rects;
  guint n = 0;

  activate (window, "win.view", "map");
  wait_for (map_ready, window);
  rects = dv_app_treemap_get_rects (window->treemap);
  g_assert_nonnull (rects);
  for (guint i = 1; i < rects->len; i++)
    {
      const DvTreemapRect *r = &g_array_index (rects, DvTreemapRect, i);
      gboolean marked = (r->kind == DV_TREEMAP_KIND_SYMBOL && dv_app_highlight_has_symbol (window->highlight, graph, r->id))
                        || (r->kind == DV_TREEMAP_KIND_PACKAGE && dv_app_highlight_has_package (window->highlight, graph, r->id));
      int at = dv_app_treemap_rect_at (window->treemap, r->x + r->w / 2, r->y + r->h / 2);
      g_autofree char *tooltip = NULL;

      if (!marked)
        continue;
      n++;
      if (at != (int) i)
        continue;
      tooltip = dv_app_treemap_tooltip_at (window->treemap, r->x + r->w / 2, r->y + r->h / 2);
      g_assert_nonnull (strstr (tooltip, dv_app_highlight_get_label (window->highlight)));
    }
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (dv_app_treemap_get_n_marked (window->treemap), ==, n);
  g_test_message ("map: %u tiles marked", n);
  activate (window, "win.view", "chain");
}

/* Ctrl+K with the chain shown: the highlight holds exactly what `keeps`
 * lists, the packages every live symbol of which is in it, and the graph
 * and the map mark them; a package focus works too; Unmark clears it. */
static void
check_mark_keeps (DvAppWindow *window, const char *dump, const char *sizes, const char *name)
{
  const char *args[] = { "keeps", "--format=json", "--limit=10000000", dump, name, NULL };
  g_autofree char *json = run_cli (args);
  g_autoptr(GPtrArray) names = json_strings (json, "symbols");
  DvGraph *graph = dv_app_document_get_graph (window->document);
  g_autofree guint8 *set = symbol_set (graph, names);
  DvPackageId mvcc = dv_graph_find_package (graph, "go.etcd.io/etcd/mvcc");
  guint n_graph;

  g_assert_cmpuint (names->len, ==, json_number (json, "removed"));
  activate (window, "win.view", "chain");
  g_assert_true (dv_app_window_select (window, name));
  activate (window, "win.mark-keeps", NULL);
  g_assert_cmpint (dv_app_window_get_mark (window), ==, DV_APP_HIGHLIGHT_KEEPS);
  wait_for (highlight_keeps, window);
  /* worked out with the Keeps view not shown */
  g_assert_cmpstr (dv_app_window_get_view (window), ==, "chain");
  g_assert_cmpuint (dv_app_highlight_get_n_symbols (window->highlight), ==, names->len);
  for (DvSymbolId s = 0; s < dv_graph_get_n_symbols (graph); s++)
    g_assert_cmpint (dv_app_highlight_has_symbol (window->highlight, graph, s), ==, set[s]);
  /* a package is marked iff every live symbol of it would go */
  for (DvPackageId p = 0; p < dv_graph_get_n_packages (graph); p++)
    {
      guint live = 0, gone = 0;

      for (DvSymbolId s = 0; s < dv_graph_get_n_symbols (graph); s++)
        if (dv_graph_symbol_package (graph, s) == p && dv_why_symbol_reachable (graph, s))
          live++, gone += set[s];
      g_assert_cmpint (dv_app_highlight_has_package (window->highlight, graph, p), ==, live > 0 && gone == live);
    }
  g_assert_nonnull (strstr (dv_app_highlight_get_label (window->highlight), name));
  g_assert_nonnull (dv_app_window_get_mark_text (window));
  {
    g_autofree char *count = g_strdup_printf ("%u symbols", names->len);
    g_assert_nonnull (strstr (dv_app_window_get_mark_text (window), count));
  }
  n_graph = check_graph_marks (window, set);
  g_assert_cmpuint (n_graph, >, 0);
  g_test_message ("mark keeps %s: %u symbols, %u packages, %u graph nodes", name, names->len,
                  dv_app_highlight_get_n_packages (window->highlight), n_graph);
  check_map_marks (window);

  /* off and on again with the answer at hand: the UI thread's share of a
   * mark (the packages that would leave, the sets, the redraws asked for);
   * the graph keeps its layout */
  {
    const DvLayout *layout = dv_app_graph_view_get_layout (window->graph_view);
    gint64 t0;

    activate (window, "win.mark-keeps", NULL);
    g_assert_cmpint (dv_app_window_get_mark (window), ==, DV_APP_HIGHLIGHT_NONE);
    g_assert_cmpuint (dv_app_graph_view_get_n_marked (window->graph_view), ==, 0);
    t0 = g_get_monotonic_time ();
    activate (window, "win.mark-keeps", NULL);
    g_assert_true (highlight_keeps (window));
    g_test_message ("mark keeps again, answer at hand: %.2f ms on the UI thread",
                    (g_get_monotonic_time () - t0) / 1000.0);
    g_assert_cmpuint (dv_app_graph_view_get_n_marked (window->graph_view), ==, n_graph);
    g_assert_true (dv_app_graph_view_get_layout (window->graph_view) == layout);
    g_assert_false (dv_app_graph_view_get_busy (window->graph_view));
  }

  /* a package focus: what goes with all of mvcc, mvcc itself among it */
  g_assert_cmpuint (mvcc, !=, DV_PACKAGE_NONE);
  g_assert_true (dv_app_window_select (window, "go.etcd.io/etcd/mvcc"));
  wait_for (highlight_keeps, window);
  g_assert_true (dv_app_highlight_has_package (window->highlight, graph, mvcc));
  g_assert_nonnull (strstr (dv_app_highlight_get_label (window->highlight), "go.etcd.io/etcd/mvcc"));
  for (DvSymbolId s = 0; s < dv_graph_get_n_symbols (graph); s++)
    if (dv_graph_symbol_package (graph, s) == mvcc && dv_why_symbol_reachable (graph, s))
      g_assert_true (dv_app_highlight_has_symbol (window->highlight, graph, s));

  activate (window, "win.unmark", NULL);
  g_assert_cmpint (dv_app_window_get_mark (window), ==, DV_APP_HIGHLIGHT_NONE);
  g_assert_cmpint (dv_app_highlight_get_kind (window->highlight), ==, DV_APP_HIGHLIGHT_NONE);
  g_assert_null (dv_app_window_get_mark_text (window));
  g_assert_cmpuint (dv_app_graph_view_get_n_marked (window->graph_view), ==, 0);
}

/* The reflect culprits, as `reflect` lists them. */
static void
check_reflect (DvAppWindow *window, const char *dump)
{
  const char *args[] = { "reflect", "--format=json", "--limit=100000", dump, NULL };
  g_autofree char *json = run_cli (args);
  const DvReflectReport *report;

  activate (window, "win.view", "reflect");
  wait_for (reflect_ready, window);
  report = dv_app_reflect_view_get_report (window->reflect_view);
  g_assert_cmpint (report->determinable, ==, strstr (json, "\"determinable\": true") != NULL);
  g_assert_cmpuint (report->culprits->len, ==, count_key (json, "symbol"));
  g_test_message ("reflect: %u culprits", report->culprits->len);
}

static void
test_views (gconstpointer data)
{
  const char *version = data;
  g_autofree char *dump = NULL;
  g_autofree char *sizes = NULL;
  DvAppWindow *window = open_build (version, &dump, &sizes);

  if (window == NULL)
    return;
  check_map (window, dump, sizes);
  check_keeps (window, dump, sizes, "go.etcd.io/etcd/etcdserver.NewServer");
  check_reflect (window, dump);
  if (g_str_equal (version, "1.19"))
    check_mark_keeps (window, dump, sizes, "go.etcd.io/etcd/etcdserver.NewServer");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Compare With: the Go 1.19 build against the 1.26 one, as `diff` sees it. */
static void
test_compare (void)
{
  g_autofree char *dump = NULL;
  g_autofree char *sizes = NULL;
  g_autofree char *old_dump = shared_file ("etcd-go1.19.deps-and-calls.txt.gz");
  g_autofree char *old_sizes = shared_file ("etcd-go1.19.nm-size.txt.gz");
  DvAppWindow *window;
  g_autoptr(GFile) old_file = NULL;
  g_autoptr(GFile) old_sizes_file = NULL;
  const DvDiff *d;

  if (old_dump == NULL || old_sizes == NULL)
    {
      g_test_skip ("no etcd dumps with sizes: set DV_SHARED_TESTDATA");
      return;
    }
  window = open_build ("1.26", &dump, &sizes);
  if (window == NULL)
    return;
  {
    const char *args[] = { "diff", "--format=json", "--limit=0", "--sizes-old", old_sizes,
                           "--sizes-new", sizes, old_dump, dump, NULL };
    const char *margs[] = { "diff", "--format=markdown", "--sizes-old", old_sizes,
                            "--sizes-new", sizes, old_dump, dump, NULL };
    g_autofree char *json = run_cli (args);
    g_autofree char *markdown = run_cli (margs);

    old_file = g_file_new_for_path (old_dump);
    old_sizes_file = g_file_new_for_path (old_sizes);
    dv_app_window_compare_with (window, old_file, old_sizes_file);
    g_assert_cmpstr (dv_app_window_get_view (window), ==, "compare");
    wait_for (compare_ready, window);
    d = dv_app_compare_view_get_diff (window->compare_view);
    g_assert_cmpuint (d->added->len, ==, json_number (json, "added_symbols"));
    g_assert_cmpuint (d->removed->len, ==, json_number (json, "removed_symbols"));
    g_assert_cmpstr (dv_app_compare_view_get_markdown (window->compare_view), ==, markdown);
    g_test_message ("compare: %u symbols added, %u removed", d->added->len, d->removed->len);
  }
  {
    /* the comparison marks what it found new, by itself */
    const char *args[] = { "diff", "--format=json", "--limit=100000000", old_dump, dump, NULL };
    g_autofree char *json = run_cli (args);
    g_autoptr(GPtrArray) names = json_strings (json, "added");
    g_autoptr(GPtrArray) packages = json_strings (json, "added_packages");
    DvGraph *graph = dv_app_document_get_graph (window->document);
    g_autofree guint8 *set = symbol_set (graph, names);
    g_autofree guint8 *package_set = g_new0 (guint8, dv_graph_get_n_packages (graph));
    const char *focus = "internal/strconv.FormatInt";
    guint n_graph;

    g_assert_cmpuint (names->len, ==, json_number (json, "added_symbols"));
    wait_for (highlight_added, window);
    g_assert_cmpint (dv_app_window_get_mark (window), ==, DV_APP_HIGHLIGHT_ADDED);
    g_assert_cmpuint (dv_app_highlight_get_n_symbols (window->highlight), ==, names->len);
    for (DvSymbolId s = 0; s < dv_graph_get_n_symbols (graph); s++)
      g_assert_cmpint (dv_app_highlight_has_symbol (window->highlight, graph, s), ==, set[s]);
    for (guint i = 0; i < packages->len; i++)
      {
        DvPackageId p = dv_graph_find_package (graph, g_ptr_array_index (packages, i));

        g_assert_cmpuint (p, !=, DV_PACKAGE_NONE);
        package_set[p] = 1;
      }
    g_assert_cmpuint (dv_app_highlight_get_n_packages (window->highlight), ==, packages->len);
    for (DvPackageId p = 0; p < dv_graph_get_n_packages (graph); p++)
      g_assert_cmpint (dv_app_highlight_has_package (window->highlight, graph, p), ==, package_set[p]);
    g_assert_cmpstr (dv_app_highlight_get_label (window->highlight), ==, "new since etcd-go1.19");
    g_assert_nonnull (strstr (dv_app_window_get_mark_text (window), "marked"));

    /* a new package's function: the focus is marked, and so is every laid-out node that is new */
    g_assert_true (dv_app_window_select (window, focus));
    g_assert_true (set[dv_graph_find_symbol (graph, focus, -1)]);
    n_graph = check_graph_marks (window, set);
    g_assert_cmpuint (n_graph, >, 0);
    g_test_message ("mark added: %u symbols, %u packages, %u graph nodes", names->len, packages->len, n_graph);
    check_export_marks (window, n_graph);
    check_map_marks (window);

    /* turned off, it stays off */
    g_object_set (window, "mark-added", FALSE, NULL);
    g_assert_cmpint (dv_app_highlight_get_kind (window->highlight), ==, DV_APP_HIGHLIGHT_NONE);
    g_assert_cmpuint (dv_app_graph_view_get_n_marked (window->graph_view), ==, 0);
    g_assert_cmpuint (dv_app_treemap_get_n_marked (window->treemap), ==, 0);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- the marks over time: a new focus, a new comparison, another dump ---- */

static DvGraph *shown_before; /* the graph another dump replaces */

static gboolean
other_dump_shown (DvAppWindow *w)
{
  return dv_app_document_get_graph (w->document) != NULL && dv_app_document_get_graph (w->document) != shown_before
         && !dv_app_document_get_loading (w->document);
}

static gboolean
list_settled (DvAppWindow *w)
{
  return !dv_app_symbol_list_get_pending (dv_app_sidebar_get_symbol_model (w->sidebar));
}

static const char *wanted_label; /* the label the next mark is waited for with */

static gboolean
highlight_labelled (DvAppWindow *w)
{
  return dv_app_highlight_get_kind (w->highlight) != DV_APP_HIGHLIGHT_NONE
         && g_strcmp0 (dv_app_highlight_get_label (w->highlight), wanted_label) == 0;
}

/* The highlight holds exactly the symbols of names in the shown graph. */
static void
check_highlight_is (DvAppWindow *window, GPtrArray *names)
{
  DvGraph *graph = dv_app_document_get_graph (window->document);
  g_autofree guint8 *set = symbol_set (graph, names);

  g_assert_true (dv_app_highlight_get_graph (window->highlight) == graph);
  g_assert_cmpuint (dv_app_highlight_get_n_symbols (window->highlight), ==, names->len);
  for (DvSymbolId s = 0; s < dv_graph_get_n_symbols (graph); s++)
    g_assert_cmpint (dv_app_highlight_has_symbol (window->highlight, graph, s), ==, set[s]);
}

/* "Only marked" narrows the sidebar's symbol list to marked rows, and no
 * further than the marks: returns the rows shown. */
static guint
check_only_marked_list (DvAppWindow *window)
{
  DvAppSymbolList *model = dv_app_sidebar_get_symbol_model (window->sidebar);
  DvGraph *graph = dv_app_document_get_graph (window->document);
  guint n;

  wait_for (list_settled, window);
  g_assert_true (dv_app_sidebar_get_only_marked (window->sidebar));
  g_assert_true (gtk_widget_get_visible (dv_app_sidebar_get_mark_bar (window->sidebar)));
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <=, dv_app_highlight_get_n_symbols (window->highlight));
  g_assert_cmpuint (n, <, dv_app_symbol_list_get_n_total (model));
  for (guint i = 0; i < n; i++)
    g_assert_true (dv_app_highlight_has_symbol (window->highlight, graph, dv_app_symbol_list_get_id (model, i)));
  return n;
}

/* The names `keeps` lists for name. */
static GPtrArray *
cli_keeps (const char *dump, const char *name)
{
  const char *args[] = { "keeps", "--format=json", "--limit=10000000", dump, name, NULL };
  g_autofree char *json = run_cli (args);
  GPtrArray *names = json_strings (json, "symbols");

  g_assert_cmpuint (names->len, ==, json_number (json, "removed"));
  return names;
}

/* Ctrl+K, then a new focus, then Back: each time the mark is what
 * `keeps` lists for the focus of now, and "Only marked" stays on. */
static void
test_mark_follows_focus (void)
{
  const char *first = "go.etcd.io/etcd/etcdserver.NewServer";
  const char *second = "net/http.(*Server).Serve";
  g_autofree char *dump = NULL;
  g_autofree char *sizes = NULL;
  g_autoptr(GPtrArray) first_names = NULL;
  g_autoptr(GPtrArray) second_names = NULL;
  g_autofree char *first_label = NULL;
  g_autofree char *second_label = NULL;
  DvAppWindow *window = open_build ("1.19", &dump, &sizes);
  guint n_first;

  if (window == NULL)
    return;
  first_names = cli_keeps (dump, first);
  second_names = cli_keeps (dump, second);
  /* two answers the test tells apart */
  g_assert_cmpuint (first_names->len, !=, second_names->len);

  activate (window, "win.view", "chain");
  g_assert_true (dv_app_window_select (window, first));
  activate (window, "win.mark-keeps", NULL);
  wait_for (highlight_keeps, window);
  first_label = g_strdup_printf ("goes with %s", first);
  g_assert_cmpstr (dv_app_highlight_get_label (window->highlight), ==, first_label);
  check_highlight_is (window, first_names);
  dv_app_sidebar_set_only_marked (window->sidebar, TRUE);
  n_first = check_only_marked_list (window);

  /* a new focus: the mark is worked out again, "Only marked" with it */
  g_assert_true (dv_app_window_select (window, second));
  second_label = g_strdup_printf ("goes with %s", second);
  wanted_label = second_label;
  wait_for (highlight_labelled, window);
  g_assert_cmpint (dv_app_window_get_mark (window), ==, DV_APP_HIGHLIGHT_KEEPS);
  check_highlight_is (window, second_names);
  {
    g_autofree char *count = g_strdup_printf ("%u symbols", second_names->len);

    g_assert_nonnull (strstr (dv_app_window_get_mark_text (window), count));
    g_assert_nonnull (strstr (dv_app_window_get_mark_text (window), second));
  }
  g_assert_cmpuint (check_only_marked_list (window), !=, n_first);

  /* Back: the first focus, and its mark */
  activate (window, "win.back", NULL);
  g_assert_cmpuint (dv_app_window_get_focus (window), ==,
                    dv_graph_find_symbol (dv_app_document_get_graph (window->document), first, -1));
  wanted_label = first_label;
  wait_for (highlight_labelled, window);
  check_highlight_is (window, first_names);
  g_assert_cmpuint (check_only_marked_list (window), ==, n_first);
  g_test_message ("keeps mark: %u symbols for %s, %u for %s; %u rows only marked", first_names->len, first,
                  second_names->len, second, n_first);

  /* Unmark: every row again, and "Only marked" is not held for later */
  activate (window, "win.unmark", NULL);
  g_assert_false (dv_app_sidebar_get_only_marked (window->sidebar));
  activate (window, "win.mark-keeps", NULL);
  wait_for (highlight_keeps, window);
  g_assert_false (dv_app_sidebar_get_only_marked (window->sidebar));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The names and packages `diff` finds new in dump since old_dump. */
static void
cli_added (const char *old_dump, const char *dump, GPtrArray **names, GPtrArray **packages)
{
  const char *args[] = { "diff", "--format=json", "--limit=100000000", old_dump, dump, NULL };
  g_autofree char *json = run_cli (args);

  *names = json_strings (json, "added");
  *packages = json_strings (json, "added_packages");
  g_assert_cmpuint ((*names)->len, ==, json_number (json, "added_symbols"));
}

/* Compare With another build while "new" is marked: the mark is what the
 * new comparison finds new, as `diff` has it, under the new build's name;
 * and again after the file is read again. */
static void
test_mark_compare_replaced (void)
{
  g_autofree char *dump = NULL;
  g_autofree char *sizes = NULL;
  g_autofree char *old_dump = shared_file ("etcd-go1.19.deps-and-calls.txt.gz");
  g_autofree char *other_dump = shared_file ("modern-go1.26.deps-and-calls.txt.gz");
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) packages = NULL;
  g_autoptr(GPtrArray) other_names = NULL;
  g_autoptr(GPtrArray) other_packages = NULL;
  g_autoptr(GFile) old_file = NULL;
  g_autoptr(GFile) other_file = NULL;
  DvAppWindow *window;
  guint n_rows;

  if (old_dump == NULL || other_dump == NULL)
    {
      g_test_skip ("no etcd and modern dumps: set DV_SHARED_TESTDATA");
      return;
    }
  window = open_build ("1.26", &dump, &sizes);
  if (window == NULL)
    return;
  cli_added (old_dump, dump, &names, &packages);
  cli_added (other_dump, dump, &other_names, &other_packages);
  g_assert_cmpuint (names->len, !=, other_names->len);

  old_file = g_file_new_for_path (old_dump);
  dv_app_window_compare_with (window, old_file, NULL);
  wanted_label = "new since etcd-go1.19";
  wait_for (highlight_labelled, window);
  g_assert_cmpint (dv_app_window_get_mark (window), ==, DV_APP_HIGHLIGHT_ADDED);
  check_highlight_is (window, names);
  g_assert_cmpuint (dv_app_highlight_get_n_packages (window->highlight), ==, packages->len);
  dv_app_sidebar_set_only_marked (window->sidebar, TRUE);
  n_rows = check_only_marked_list (window);

  /* another build to compare with: marked again, by the new diff */
  other_file = g_file_new_for_path (other_dump);
  dv_app_window_compare_with (window, other_file, NULL);
  wanted_label = "new since modern-go1.26";
  wait_for (highlight_labelled, window);
  g_assert_cmpint (dv_app_window_get_mark (window), ==, DV_APP_HIGHLIGHT_ADDED);
  check_highlight_is (window, other_names);
  g_assert_cmpuint (dv_app_highlight_get_n_packages (window->highlight), ==, other_packages->len);
  for (guint i = 0; i < other_packages->len; i++)
    g_assert_true (dv_app_highlight_has_package (window->highlight, dv_app_document_get_graph (window->document),
                                                 dv_graph_find_package (dv_app_document_get_graph (window->document),
                                                                        g_ptr_array_index (other_packages, i))));
  {
    g_autofree char *count = g_strdup_printf ("%u symbols", other_names->len);

    g_assert_nonnull (strstr (dv_app_window_get_mark_text (window), count));
    g_assert_nonnull (strstr (dv_app_window_get_mark_text (window), "modern-go1.26"));
  }
  g_assert_cmpuint (check_only_marked_list (window), !=, n_rows);
  g_test_message ("new mark: %u symbols since etcd-go1.19, %u since modern-go1.26", names->len, other_names->len);

  /* the file read again: compared again, marked again, the list still narrowed */
  shown_before = dv_app_document_get_graph (window->document);
  activate (window, "win.reload", NULL);
  wait_for (other_dump_shown, window);
  wait_for (highlight_labelled, window);
  g_assert_cmpint (dv_app_window_get_mark (window), ==, DV_APP_HIGHLIGHT_ADDED);
  g_assert_false (dv_app_document_get_graph (window->document) == shown_before);
  check_highlight_is (window, other_names);
  g_assert_cmpuint (dv_app_highlight_get_n_packages (window->highlight), ==, other_packages->len);
  check_only_marked_list (window);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Nothing marked, every row back, "Only marked" off: the state another dump
 * is shown in, with no mark of the dump before left anywhere. */
static void
check_nothing_marked (DvAppWindow *window)
{
  DvAppSymbolList *model = dv_app_sidebar_get_symbol_model (window->sidebar);

  g_assert_cmpint (dv_app_highlight_get_kind (window->highlight), ==, DV_APP_HIGHLIGHT_NONE);
  g_assert_null (dv_app_highlight_get_graph (window->highlight));
  g_assert_false (dv_app_sidebar_get_only_marked (window->sidebar));
  g_assert_false (gtk_widget_get_visible (dv_app_sidebar_get_mark_bar (window->sidebar)));
  g_assert_null (dv_app_symbol_list_get_only (model));
  wait_for (list_settled, window);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, dv_app_symbol_list_get_n_total (model));
  g_assert_cmpuint (dv_app_graph_view_get_n_marked (window->graph_view), ==, 0);
  g_assert_cmpuint (dv_app_treemap_get_n_marked (window->treemap), ==, 0);
}

/* Another dump opened while "new", then "goes", is marked with "Only
 * marked" on: the mark, the lists' marks and the filter all go. */
static void
test_mark_other_dump (void)
{
  g_autofree char *dump = NULL;
  g_autofree char *sizes = NULL;
  g_autofree char *old_dump = shared_file ("etcd-go1.19.deps-and-calls.txt.gz");
  g_autofree char *other_dump = shared_file ("modern-go1.26.deps-and-calls.txt.gz");
  g_autoptr(GFile) old_file = NULL;
  g_autoptr(GFile) other_file = NULL;
  DvAppWindow *window;

  if (old_dump == NULL || other_dump == NULL)
    {
      g_test_skip ("no etcd and modern dumps: set DV_SHARED_TESTDATA");
      return;
    }
  window = open_build ("1.26", &dump, &sizes);
  if (window == NULL)
    return;
  old_file = g_file_new_for_path (old_dump);
  dv_app_window_compare_with (window, old_file, NULL);
  wait_for (highlight_added, window);
  dv_app_sidebar_set_only_marked (window->sidebar, TRUE);
  check_only_marked_list (window);

  /* "new": another dump is not what was compared, the mark goes off */
  other_file = g_file_new_for_path (other_dump);
  shown_before = dv_app_document_get_graph (window->document);
  dv_app_window_open (window, other_file, NULL);
  wait_for (other_dump_shown, window);
  g_assert_cmpint (dv_app_window_get_mark (window), ==, DV_APP_HIGHLIGHT_NONE);
  check_nothing_marked (window);

  /* "goes": marked for a focus of this dump, then the etcd dump again */
  activate (window, "win.view", "chain");
  g_assert_true (dv_app_window_select (window, "main.main"));
  activate (window, "win.mark-keeps", NULL);
  wait_for (highlight_keeps, window);
  g_assert_true (dv_app_highlight_get_graph (window->highlight) == dv_app_document_get_graph (window->document));
  dv_app_sidebar_set_only_marked (window->sidebar, TRUE);
  check_only_marked_list (window);
  shown_before = dv_app_document_get_graph (window->document);
  dv_app_window_open (window, old_file, NULL);
  wait_for (other_dump_shown, window);
  /* no focus here yet: asked for, nothing to mark */
  check_nothing_marked (window);
  g_assert_nonnull (dv_app_window_get_mark_text (window));
  g_assert_null (strstr (dv_app_window_get_mark_text (window), "marked"));
  /* a focus of this dump marks again, with every row shown */
  g_assert_true (dv_app_window_select (window, "go.etcd.io/etcd/etcdserver.NewServer"));
  wait_for (highlight_keeps, window);
  g_assert_true (dv_app_highlight_get_graph (window->highlight) == dv_app_document_get_graph (window->document));
  g_assert_false (dv_app_sidebar_get_only_marked (window->sidebar));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;

  gtk_test_init (&argc, &argv, NULL);
  app = dv_app_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("register: %s", error->message);

  g_test_add_data_func ("/app/window-views/go1.19", "1.19", test_views);
  g_test_add_data_func ("/app/window-views/go1.26", "1.26", test_views);
  g_test_add_func ("/app/window-views/compare", test_compare);
  g_test_add_func ("/app/window-views/mark-follows-focus", test_mark_follows_focus);
  g_test_add_func ("/app/window-views/mark-compare-replaced", test_mark_compare_replaced);
  g_test_add_func ("/app/window-views/mark-other-dump", test_mark_other_dump);
  return g_test_run ();
}
