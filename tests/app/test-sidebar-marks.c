/* test-sidebar-marks.c: the window's highlight marked in the sidebar's
 * symbol and package lists, on the hello-world dump (tests/data). The
 * marked set is every symbol of package fmt, read from the dump text by
 * the package rule of docs/dumpdep-format.md, not from the window. Bound
 * rows carry the mark (style class, accessible label, pill), a "changed"
 * marks them again without touching the models, clearing unmarks them,
 * and "Only marked" shows exactly the set. */
#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "dv-app-application.h"
#include "dv-app-package-row.h"
#include "dv-app-symbol-cell.h"
#include "dv-app-symbol-list.h"
#include "dv-app-symbol-row.h"
#include "dv-app-timings.h"
#include "dv-app-window-private.h"
#include "test-helpers.h"

#define WAIT_MS 20000

static DvAppApplication *app;

/* Waiting on the main loop: test-helpers.h */

static void
loaded_cb (DvAppWindow *window,
           gboolean     success,
           int         *loaded)
{
  *loaded = success ? 1 : -1;
}

static gboolean
is_loaded (gpointer data)
{
  return *(int *) data != 0;
}

/* A 1400x900 window with the dump (and its sizes, when not NULL), loaded. */
static DvAppWindow *
open_window (const char *path,
             const char *sizes_path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) sizes = sizes_path != NULL ? g_file_new_for_path (sizes_path) : NULL;
  DvAppWindow *window = dv_app_window_new (GTK_APPLICATION (app));
  int loaded = 0;

  g_signal_connect (window, "loaded", G_CALLBACK (loaded_cb), &loaded);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  dv_app_window_open_with_sizes (window, file, NULL, sizes);
  g_assert_true (wait_until (is_loaded, &loaded, 300000));
  g_assert_cmpint (loaded, ==, 1);
  g_signal_handlers_disconnect_by_func (window, loaded_cb, &loaded);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

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

static void
search (DvAppSidebar *sidebar,
        const char   *text)
{
  SearchDone done = { dv_app_sidebar_get_symbol_model (sidebar), text };

  dv_app_sidebar_set_search_text (sidebar, text);
  g_assert_true (wait_until (search_done, &done, WAIT_MS));
}

static gboolean
not_pending (gpointer data)
{
  return !dv_app_symbol_list_get_pending (data);
}

static gboolean
packages_filtered (gpointer data)
{
  return gtk_filter_list_model_get_pending (data) == 0;
}

/* Screenshots: the window as drawn, into the build folder. */
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

  /* and the whole screen as the X server shows it (ImageMagick's import) */
  if (g_getenv ("DV_MARKS_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *screen = g_build_filename (g_getenv ("DV_MARKS_SCREENSHOT_DIR"), name, NULL);
      g_autofree char *cmd = g_strdup_printf ("import -window root %s", screen);

      g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
      g_test_message ("screen: %s", screen);
    }
}

/* The dump text, read by the test itself */

/* Every name of the dump (either side of a line), flags removed. */
static GHashTable *
dump_names (const char *path)
{
  static const char * const flags[] = { " <UsedInIface><ReflectMethod>", " <UsedInIface>", " <ReflectMethod>" };
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *seps[] = { " -> ", " calls " };

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      for (guint s = 0; s < G_N_ELEMENTS (seps); s++)
        {
          const char *at = strstr (lines[i], seps[s]);
          char *sides[2];

          if (at == NULL)
            continue;
          sides[0] = g_strndup (lines[i], at - lines[i]);
          sides[1] = g_strdup (at + strlen (seps[s]));
          for (guint k = 0; k < 2; k++)
            {
              for (guint f = 0; f < G_N_ELEMENTS (flags); f++)
                if (g_str_has_suffix (sides[k], flags[f]))
                  sides[k][strlen (sides[k]) - strlen (flags[f])] = '\0';
              g_hash_table_add (names, sides[k]);
            }
          break;
        }
    }
  return names;
}

/* The names of package fmt by the rule for a path without "/": the part
 * before the first ".", with no brackets or spaces before it. */
static GPtrArray *
fmt_names (GHashTable *names)
{
  GPtrArray *fmt = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_has_prefix (key, "fmt."))
      g_ptr_array_add (fmt, key);
  return fmt;
}

/* The widgets on screen */

static gboolean
is_name_cell (GtkWidget *widget)
{
  return DV_APP_IS_SYMBOL_CELL (widget) &&
         dv_app_symbol_cell_get_shows (DV_APP_SYMBOL_CELL (widget)) == DV_APP_SYMBOL_CELL_NAME &&
         dv_app_symbol_cell_get_row (DV_APP_SYMBOL_CELL (widget)) != NULL;
}

static gboolean
is_package_cell (GtkWidget *widget)
{
  return gtk_widget_has_css_class (widget, "package-name");
}

/* The mapped widgets below widget that is_one takes. */
static void
collect (GtkWidget *widget,
         gboolean (*is_one) (GtkWidget *widget),
         GPtrArray *found)
{
  if (gtk_widget_get_mapped (widget) && is_one (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, is_one, found);
}

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *n)
{
  (*n)++;
}

/* The accessible label, as GTK's test context reads it back. */
static void
assert_label (GtkWidget  *widget,
              const char *expected)
{
  g_autofree char *wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                               GTK_ACCESSIBLE_PROPERTY_LABEL, expected);

  if (wrong != NULL)
    g_error ("accessible label “%s”, expected “%s”", wrong, expected);
}

/* The name cells on screen: marked (with kind and label) exactly when the
 * set holds their symbol. Returns how many are marked; *n_unmarked the rest. */
static guint
check_symbol_cells (DvAppSidebar       *sidebar,
                    GHashTable         *set,
                    DvAppHighlightKind  kind,
                    const char         *label,
                    gboolean            pills,
                    guint              *n_unmarked)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  const char *classes[] = { NULL, "mark-keeps", "mark-added" };
  guint marked = 0;

  *n_unmarked = 0;
  collect (GTK_WIDGET (dv_app_sidebar_get_symbol_view (sidebar)), is_name_cell, cells);
  g_assert_cmpuint (cells->len, >=, 10);
  for (guint i = 0; i < cells->len; i++)
    {
      GtkWidget *cell = g_ptr_array_index (cells, i);
      DvAppSymbolRow *row = dv_app_symbol_cell_get_row (DV_APP_SYMBOL_CELL (cell));
      const char *name = dv_app_symbol_row_get_name (row);
      gboolean in_set = g_hash_table_contains (set, name);

      if (in_set)
        {
          g_autofree char *expected = g_strdup_printf ("%s, %s", name, label);

          g_assert_cmpint (dv_app_symbol_cell_get_mark (DV_APP_SYMBOL_CELL (cell)), ==, kind);
          g_assert_true (gtk_widget_has_css_class (cell, "marked"));
          g_assert_true (gtk_widget_has_css_class (cell, classes[kind]));
          g_assert_false (gtk_widget_has_css_class (cell, classes[kind == DV_APP_HIGHLIGHT_ADDED ? 1 : 2]));
          assert_label (cell, expected);
          if (pills)
            g_assert_cmpstr (dv_app_symbol_cell_get_pill (DV_APP_SYMBOL_CELL (cell)), ==,
                             kind == DV_APP_HIGHLIGHT_ADDED ? "new" : "goes");
          else
            g_assert_null (dv_app_symbol_cell_get_pill (DV_APP_SYMBOL_CELL (cell)));
          marked++;
        }
      else
        {
          if (dv_app_symbol_cell_get_mark (DV_APP_SYMBOL_CELL (cell)) != DV_APP_HIGHLIGHT_NONE)
            g_error ("“%s” is marked", name);
          g_assert_false (gtk_widget_has_css_class (cell, "marked"));
          g_assert_false (gtk_widget_has_css_class (cell, "mark-added"));
          g_assert_false (gtk_widget_has_css_class (cell, "mark-keeps"));
          assert_label (cell, name);
          g_assert_null (dv_app_symbol_cell_get_pill (DV_APP_SYMBOL_CELL (cell)));
          (*n_unmarked)++;
        }
    }
  return marked;
}

/* The package name cells on screen; marked one must be `marked_name`. */
static void
check_package_cells (DvAppSidebar *sidebar,
                     const char   *marked_name,
                     const char   *word,
                     const char   *label,
                     gboolean      pills,
                     guint         expect_marked,
                     guint         expect_unmarked_at_least)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  guint marked = 0, unmarked = 0;

  collect (GTK_WIDGET (dv_app_sidebar_get_package_view (sidebar)), is_package_cell, cells);
  for (guint i = 0; i < cells->len; i++)
    {
      GtkWidget *box = g_ptr_array_index (cells, i);
      GtkWidget *name = gtk_widget_get_first_child (box);
      GtkWidget *pill = gtk_widget_get_last_child (box);
      const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (name));

      if (g_strcmp0 (text, marked_name) == 0 && word != NULL)
        {
          g_autofree char *expected = g_strdup_printf ("%s, %s", text, label);

          g_assert_true (gtk_widget_has_css_class (box, "marked"));
          g_assert_true (gtk_widget_get_visible (pill) == pills);
          g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (pill)), ==, word);
          assert_label (name, expected);
          marked++;
        }
      else
        {
          g_assert_false (gtk_widget_has_css_class (box, "marked"));
          g_assert_false (gtk_widget_get_visible (pill));
          unmarked++;
        }
    }
  g_assert_cmpuint (marked, ==, expect_marked);
  g_assert_cmpuint (unmarked, >=, expect_unmarked_at_least);
}

static void
test_marks_in_lists (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "hello-go1.19.deps.txt", NULL);
  g_autoptr(GHashTable) names = dump_names (path);
  g_autoptr(GPtrArray) fmt = fmt_names (names);
  g_autoptr(GHashTable) all_set = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) half_set = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) empty_set = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) all_ids = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));
  g_autoptr(GArray) half_ids = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));
  DvAppWindow *window = open_window (path, NULL);
  DvAppSidebar *sidebar;
  DvAppHighlight *highlight;
  DvAppSymbolList *model;
  GListModel *shown;
  DvGraph *graph;
  DvPackageId fmt_package;
  GtkFilterListModel *package_filter_model;
  guint n_marked, n_unmarked, n_changes = 0, n_print = 0, n_doprintln = 0;
  gulong changes_id, shown_changes_id;
  gint64 start;


  sidebar = dv_app_window_get_sidebar (window);
  highlight = window->highlight;
  graph = dv_app_window_get_graph (window);
  model = dv_app_sidebar_get_symbol_model (sidebar);
  shown = gtk_single_selection_get_model (dv_app_sidebar_get_symbol_selection (sidebar));
  dv_app_sidebar_set_hide_metadata (sidebar, FALSE);
  g_assert_true (wait_until (not_pending, model, WAIT_MS));

  /* fmt's symbols, from the text; the second set leaves out the ones of
   * doPrintln, so a change must unmark rows a "Print" search shows */
  g_assert_cmpuint (fmt->len, >=, 40);
  for (guint i = 0; i < fmt->len; i++)
    {
      const char *name = g_ptr_array_index (fmt, i);
      DvSymbolId id = dv_graph_find_symbol (graph, name, -1);

      if (id == DV_SYMBOL_NONE)
        g_error ("“%s” of the dump is not in the graph", name);
      g_array_append_val (all_ids, id);
      g_hash_table_add (all_set, (gpointer) name);
      if (strstr (name, "doPrintln") == NULL)
        {
          g_array_append_val (half_ids, id);
          g_hash_table_add (half_set, (gpointer) name);
        }
      if (strstr (name, "Print") != NULL)
        n_print++;
      if (strstr (name, "doPrintln") != NULL)
        n_doprintln++;
    }
  fmt_package = dv_graph_find_package (graph, "fmt");
  g_assert_cmpuint (fmt_package, !=, DV_PACKAGE_NONE);
  g_assert_cmpuint (n_print, >=, 3);
  g_assert_cmpuint (n_doprintln, >=, 1);
  g_assert_cmpuint (n_doprintln, <, n_print);

  /* nothing marked: no bar, no toggle, no marked row */
  g_assert_false (gtk_widget_get_visible (dv_app_sidebar_get_mark_bar (sidebar)));
  search (sidebar, "Print");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  spin (100);
  n_marked = check_symbol_cells (sidebar, empty_set, DV_APP_HIGHLIGHT_NONE, NULL, TRUE, &n_unmarked);
  g_assert_cmpuint (n_marked, ==, 0);

  /* ADDED: fmt's symbols and the package; the search's other rows
   * ("strconv.IsPrint", "go.info.fmt.Println$abstract") are not fmt's */
  changes_id = g_signal_connect (model, "items-changed", G_CALLBACK (count_changes_cb), &n_changes);
  shown_changes_id = g_signal_connect (shown, "items-changed", G_CALLBACK (count_changes_cb), &n_changes);
  start = g_get_monotonic_time ();
  dv_app_highlight_set (highlight, DV_APP_HIGHLIGHT_ADDED, graph,
                        (DvSymbolId *) all_ids->data, all_ids->len, &fmt_package, 1,
                        "new since hello-go1.18");
  g_test_message ("marking the bound rows: %.2f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_true (gtk_widget_get_visible (dv_app_sidebar_get_mark_bar (sidebar)));
  n_marked = check_symbol_cells (sidebar, all_set, DV_APP_HIGHLIGHT_ADDED, "new since hello-go1.18", TRUE, &n_unmarked);
  g_test_message ("ADDED: %u rows marked, %u not", n_marked, n_unmarked);
  g_assert_cmpuint (n_marked, ==, n_print);
  g_assert_cmpuint (n_unmarked, >=, 6);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  spin (100);
  save_screenshot (GTK_WIDGET (window), "sidebar-marks-added.png");

  /* "changed": the same rows, marked again in place */
  dv_app_highlight_set (highlight, DV_APP_HIGHLIGHT_KEEPS, graph,
                        (DvSymbolId *) half_ids->data, half_ids->len, &fmt_package, 1,
                        "goes with main.main");
  n_marked = check_symbol_cells (sidebar, half_set, DV_APP_HIGHLIGHT_KEEPS, "goes with main.main", TRUE, &n_unmarked);
  g_assert_cmpuint (n_marked, ==, n_print - n_doprintln);
  spin (100);
  /* marking touched neither the list nor its sorted view */
  g_assert_cmpuint (n_changes, ==, 0);
  g_signal_handler_disconnect (model, changes_id);
  g_signal_handler_disconnect (shown, shown_changes_id);

  /* the package list: fmt marked, internal/fmtsort (which holds "fmt") not */
  dv_app_sidebar_show_page (sidebar, "packages");
  search (sidebar, "fmt");
  package_filter_model = GTK_FILTER_LIST_MODEL (gtk_sort_list_model_get_model (GTK_SORT_LIST_MODEL (
    gtk_single_selection_get_model (dv_app_sidebar_get_package_selection (sidebar)))));
  g_assert_true (wait_until (packages_filtered, package_filter_model, WAIT_MS));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  spin (100);
  check_package_cells (sidebar, "fmt", "goes", "goes with main.main", TRUE, 1, 1);
  save_screenshot (GTK_WIDGET (window), "sidebar-marks-packages.png");
  /* the package is marked again too */
  dv_app_highlight_set (highlight, DV_APP_HIGHLIGHT_ADDED, graph,
                        (DvSymbolId *) all_ids->data, all_ids->len, &fmt_package, 1,
                        "new since hello-go1.18");
  check_package_cells (sidebar, "fmt", "new", "new since hello-go1.18", TRUE, 1, 1);

  /* Only marked: exactly the set, in both lists */
  search (sidebar, "");
  g_assert_true (wait_until (packages_filtered, package_filter_model, WAIT_MS));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (package_filter_model)), >, 10);
  dv_app_sidebar_set_only_marked (sidebar, TRUE);
  g_assert_true (wait_until (not_pending, model, WAIT_MS));
  g_assert_true (wait_until (packages_filtered, package_filter_model, WAIT_MS));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, all_ids->len);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (package_filter_model)), ==, 1);
  {
    g_autoptr(DvAppPackageRow) row = g_list_model_get_item (G_LIST_MODEL (package_filter_model), 0);

    g_assert_cmpstr (dv_app_package_row_get_name (row), ==, "fmt");
  }
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  spin (100);
  check_package_cells (sidebar, "fmt", "new", "new since hello-go1.18", FALSE, 1, 0);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    g_assert_true (g_hash_table_contains (all_set, dv_graph_symbol_name (graph, dv_app_symbol_list_get_id (model, i))));
  /* with a search: the set's names holding it (smart case: "Print" is exact) */
  dv_app_sidebar_show_page (sidebar, "symbols");
  search (sidebar, "Print");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n_print);
  /* a new set narrows the list again */
  dv_app_highlight_set (highlight, DV_APP_HIGHLIGHT_ADDED, graph,
                        (DvSymbolId *) half_ids->data, half_ids->len, &fmt_package, 1,
                        "new since hello-go1.18");
  search (sidebar, "");
  g_assert_true (wait_until (not_pending, model, WAIT_MS));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, half_ids->len);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  spin (100);
  /* every row marked: the bar, not the pill */
  n_marked = check_symbol_cells (sidebar, half_set, DV_APP_HIGHLIGHT_ADDED, "new since hello-go1.18", FALSE, &n_unmarked);
  g_assert_cmpuint (n_unmarked, ==, 0);
  g_assert_cmpuint (n_marked, >=, 10);
  save_screenshot (GTK_WIDGET (window), "sidebar-marks-only.png");

  /* cleared: no marks, no bar, every row back */
  dv_app_highlight_clear (highlight);
  g_assert_false (gtk_widget_get_visible (dv_app_sidebar_get_mark_bar (sidebar)));
  g_assert_false (dv_app_sidebar_get_only_marked (sidebar));
  g_assert_true (wait_until (not_pending, model, WAIT_MS));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, dv_app_symbol_list_get_n_total (model));
  g_assert_cmpuint (dv_app_symbol_list_get_n_total (model), >, all_ids->len * 10);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  spin (100);
  search (sidebar, "Print");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  spin (100);
  n_marked = check_symbol_cells (sidebar, empty_set, DV_APP_HIGHLIGHT_NONE, NULL, TRUE, &n_unmarked);
  g_assert_cmpuint (n_marked, ==, 0);
  g_assert_cmpuint (n_unmarked, >=, 10);

  /* a highlight of another graph marks nothing here */
  {
    g_autoptr(DvGraph) other = dv_graph_load_path (path, NULL, NULL);

    g_assert_nonnull (other);
    dv_app_highlight_set (highlight, DV_APP_HIGHLIGHT_ADDED, other,
                          (DvSymbolId *) all_ids->data, all_ids->len, &fmt_package, 1, "new");
    g_assert_false (gtk_widget_get_visible (dv_app_sidebar_get_mark_bar (sidebar)));
    n_marked = check_symbol_cells (sidebar, empty_set, DV_APP_HIGHLIGHT_NONE, NULL, TRUE, &n_unmarked);
    g_assert_cmpuint (n_marked, ==, 0);
    dv_app_highlight_clear (highlight);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The longest main loop iteration (ms, work between polls, as
 * dv-app-timings.c watches a search) from watch_begin to here: the longest
 * the window could not answer. */
static void
watch_begin (void)
{
  g_assert_true (dv_app_stall_watch_begin ("marks"));
}

static double
watch_end (void)
{
  dv_app_stall_watch_end ();
  return dv_app_stall_watch_last_max () / 1000.0;
}

static gboolean
sort_done (gpointer data)
{
  return gtk_sort_list_model_get_pending (data) == 0;
}

typedef struct {
  DvAppWindow *window;
  GArray      *ids;    /* to mark */
  const char  *search; /* to search */
} TimedStep;

static void
mark_step (TimedStep *step)
{
  dv_app_highlight_set (step->window->highlight, DV_APP_HIGHLIGHT_ADDED, dv_app_window_get_graph (step->window),
                        (DvSymbolId *) step->ids->data, step->ids->len, NULL, 0, "new since the other build");
}

static void
only_marked_step (TimedStep *step)
{
  dv_app_sidebar_set_only_marked (dv_app_window_get_sidebar (step->window), TRUE);
}

static void
search_step (TimedStep *step)
{
  dv_app_sidebar_set_search_text (dv_app_window_get_sidebar (step->window), step->search);
}

static void
clear_step (TimedStep *step)
{
  dv_app_highlight_clear (step->window->highlight);
}

/* Runs a step and waits for the lists to settle: how long the call took,
 * and the longest main loop iteration after it (the rows laid out again). */
static void
time_step (TimedStep  *step,
           const char *what,
           void      (*run) (TimedStep *step))
{
  DvAppSidebar *sidebar = dv_app_window_get_sidebar (step->window);
  DvAppSymbolList *model = dv_app_sidebar_get_symbol_model (sidebar);
  GListModel *sorted = gtk_single_selection_get_model (dv_app_sidebar_get_symbol_selection (sidebar));
  SearchDone done = { model, NULL };
  gint64 start;
  double sync_ms;

  watch_begin ();
  start = g_get_monotonic_time ();
  run (step);
  sync_ms = (g_get_monotonic_time () - start) / 1000.0;
  /* a search lands after the entry's delay */
  done.search = run == search_step ? step->search : dv_app_symbol_list_get_search (model);
  g_assert_true (wait_until (search_done, &done, 300000));
  g_assert_true (wait_until (sort_done, sorted, 300000));
  spin (300);
  g_test_message ("%s: %.2f ms in the call, %.2f ms at most an iteration; %u rows",
                  what, sync_ms, watch_end (), g_list_model_get_n_items (G_LIST_MODEL (model)));
}

/* Figures, not limits: on the etcd dump (or DV_MARKS_DUMP, e.g. a 10x dump
 * of scale-dump), how long marking and "Only marked" hold the UI thread.
 * The set: every symbol of every third package. */
static void
test_marks_timing (void)
{
  const char *dir = g_getenv ("DV_SHARED_TESTDATA");
  const char *dump = g_getenv ("DV_MARKS_DUMP");
  g_autofree char *path = dump != NULL && dump[0] != '\0' ? g_strdup (dump) : NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));
  g_autoptr(GArray) other_ids = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));
  DvAppWindow *window;
  DvAppSidebar *sidebar;
  DvAppSymbolList *model;
  DvGraph *graph;
  TimedStep steps[2] = { { 0 } };

  if (path == NULL && dir != NULL)
    path = g_build_filename (dir, "etcd-go1.26.deps-and-calls.txt.gz", NULL);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no etcd dump (../shared/testdata)");
      return;
    }
  window = open_window (path, NULL);
  spin (300);

  sidebar = dv_app_window_get_sidebar (window);
  graph = dv_app_window_get_graph (window);
  model = dv_app_sidebar_get_symbol_model (sidebar);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      steps[i].window = window;
      steps[i].search = "Handshake";
    }
  for (DvSymbolId id = 0; id < dv_graph_get_n_symbols (graph); id++)
    {
      DvPackageId package = dv_graph_symbol_package (graph, id);

      if (package != DV_PACKAGE_NONE && package % 3 == 0)
        g_array_append_val (ids, id);
      if (package != DV_PACKAGE_NONE && package % 3 == 1)
        g_array_append_val (other_ids, id);
    }
  g_test_message ("%s: %u symbols, %u rows shown; marking %u, then %u", path,
                  dv_graph_get_n_symbols (graph), g_list_model_get_n_items (G_LIST_MODEL (model)),
                  ids->len, other_ids->len);

  /* what the window does anyway, marks or not */
  watch_begin ();
  spin (300);
  g_test_message ("idle: %.2f ms at most an iteration", watch_end ());

  steps[0].ids = ids;
  steps[1].ids = other_ids;
  time_step (&steps[0], "set (bound rows marked again)", mark_step);
  time_step (&steps[1], "changed (bound rows marked again)", mark_step);
  time_step (&steps[1], "Only marked on, no search", only_marked_step);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), <=, other_ids->len);
  /* with a search: the mask is checked in the search's thread */
  time_step (&steps[1], "Only marked, search “Handshake”", search_step);
  time_step (&steps[0], "changed under Only marked and a search", mark_step);
  steps[1].search = "";
  time_step (&steps[1], "Only marked, no search", search_step);
  time_step (&steps[1], "changed under Only marked, no search", mark_step);
  time_step (&steps[1], "cleared (every row back)", clear_step);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, dv_app_symbol_list_get_n_total (model));

  gtk_window_destroy (GTK_WINDOW (window));
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  DvSymbolId x = *(const DvSymbolId *) a, y = *(const DvSymbolId *) b;

  return x < y ? -1 : x > y;
}

static gboolean
has_cost (gpointer data)
{
  return dv_app_sidebar_get_cost (data) != NULL;
}

/* What a Go developer comparing two builds asks: etcd built with Go 1.26,
 * with its sizes, the symbols and packages whose names the Go 1.19 build
 * lacks marked "new"; "Only marked" sorted by Size shows exactly those,
 * largest first. Skipped without ../shared. */
static void
test_new_since_sorted_by_size (void)
{
  const char *dir = g_getenv ("DV_SHARED_TESTDATA");
  g_autofree char *path = dir ? g_build_filename (dir, "etcd-go1.26.deps-and-calls.txt.gz", NULL) : NULL;
  g_autofree char *sizes_path = dir ? g_build_filename (dir, "etcd-go1.26.nm-size.txt.gz", NULL) : NULL;
  g_autofree char *old_path = dir ? g_build_filename (dir, "etcd-go1.19.deps-and-calls.txt.gz", NULL) : NULL;
  g_autoptr(DvGraph) old = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));
  g_autoptr(GArray) packages = g_array_new (FALSE, FALSE, sizeof (DvPackageId));
  DvAppWindow *window;
  DvAppSidebar *sidebar;
  DvAppSymbolList *model;
  GListModel *shown;
  GtkColumnViewColumn *size_column;
  DvGraph *graph;
  guint64 previous = G_MAXUINT64;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS) ||
      !g_file_test (sizes_path, G_FILE_TEST_EXISTS) || !g_file_test (old_path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no etcd dumps and sizes (../shared/testdata)");
      return;
    }
  old = dv_graph_load_path (old_path, NULL, NULL);
  g_assert_nonnull (old);

  window = open_window (path, sizes_path);
  sidebar = dv_app_window_get_sidebar (window);
  g_assert_true (wait_until (has_cost, sidebar, 120000));
  graph = dv_app_window_get_graph (window);
  model = dv_app_sidebar_get_symbol_model (sidebar);
  shown = gtk_single_selection_get_model (dv_app_sidebar_get_symbol_selection (sidebar));
  dv_app_sidebar_set_hide_metadata (sidebar, FALSE);
  g_assert_true (wait_until (not_pending, model, WAIT_MS));

  /* new: a name the old build does not have (the root excepted) */
  for (DvSymbolId id = 0; id < dv_graph_get_n_symbols (graph); id++)
    if (id != dv_graph_get_root (graph) &&
        dv_graph_find_symbol (old, dv_graph_symbol_name (graph, id), dv_graph_symbol_name_len (graph, id)) == DV_SYMBOL_NONE)
      g_array_append_val (ids, id);
  for (DvPackageId id = 0; id < dv_graph_get_n_packages (graph); id++)
    if (dv_graph_find_package (old, dv_graph_package_name (graph, id)) == DV_PACKAGE_NONE)
      g_array_append_val (packages, id);
  g_test_message ("%u symbols and %u packages new since Go 1.19", ids->len, packages->len);
  g_assert_cmpuint (ids->len, >, 100);
  g_assert_cmpuint (ids->len, <, dv_graph_get_n_symbols (graph));

  dv_app_highlight_set (window->highlight, DV_APP_HIGHLIGHT_ADDED, graph,
                        (DvSymbolId *) ids->data, ids->len,
                        (DvPackageId *) packages->data, packages->len, "new since etcd-go1.19");
  dv_app_sidebar_set_only_marked (sidebar, TRUE);
  size_column = column_titled (dv_app_sidebar_get_symbol_view (sidebar), "Size");
  g_assert_nonnull (size_column);
  /* the first click: largest first */
  gtk_column_view_sort_by_column (dv_app_sidebar_get_symbol_view (sidebar), size_column, GTK_SORT_ASCENDING);
  g_assert_true (wait_until (not_pending, model, WAIT_MS));
  g_assert_true (wait_until (sort_done, shown, WAIT_MS));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, ids->len);
  for (guint i = 0; i < MIN (g_list_model_get_n_items (shown), 200); i++)
    {
      g_autoptr(DvAppSymbolRow) row = g_list_model_get_item (shown, i);

      g_assert_true (g_array_binary_search (ids, (DvSymbolId[]) { dv_app_symbol_row_get_id (row) },
                                            (GCompareFunc) compare_ids, NULL));
      g_assert_cmpuint (dv_app_symbol_row_get_size (row), <=, previous);
      previous = dv_app_symbol_row_get_size (row);
    }
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  spin (300);
  save_screenshot (GTK_WIDGET (window), "sidebar-marks-new-by-size.png");

  dv_app_sidebar_show_page (sidebar, "packages");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  spin (300);
  save_screenshot (GTK_WIDGET (window), "sidebar-marks-new-packages.png");
  dv_app_highlight_clear (window->highlight);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A new search shows its first rows, wherever the list was scrolled: a
 * list scrolled far down that shrank below that point drew no rows at all
 * (GTK 4.8), its count right and the list blank until a scroll. */
static void
test_search_from_top (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "hello-go1.19.deps.txt", NULL);
  DvAppWindow *window = open_window (path, NULL);
  DvAppSidebar *sidebar = dv_app_window_get_sidebar (window);
  DvAppSymbolList *model = dv_app_sidebar_get_symbol_model (sidebar);
  GListModel *shown = gtk_single_selection_get_model (dv_app_sidebar_get_symbol_selection (sidebar));
  GtkAdjustment *adjustment = dv_app_sidebar_get_symbol_vadjustment (sidebar);
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  g_autoptr(DvAppSymbolRow) first = NULL;
  gboolean first_shown = FALSE;

  dv_app_sidebar_set_hide_metadata (sidebar, FALSE);
  g_assert_true (wait_until (not_pending, model, WAIT_MS));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 1000);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
  spin (300);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 10000.0);

  /* more rows than a page, far fewer than the list had above the view */
  search (sidebar, "fmt");
  spin (300);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpuint (g_list_model_get_n_items (shown), >=, 60);
  g_assert_cmpuint (g_list_model_get_n_items (shown), <, 400);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0.0);
  /* the first row of the result is on screen */
  first = g_list_model_get_item (shown, 0);
  collect (GTK_WIDGET (dv_app_sidebar_get_symbol_view (sidebar)), is_name_cell, cells);
  g_assert_cmpuint (cells->len, >=, 10);
  for (guint i = 0; i < cells->len; i++)
    first_shown = first_shown ||
                  dv_app_symbol_cell_get_row (DV_APP_SYMBOL_CELL (g_ptr_array_index (cells, i))) == first;
  g_assert_true (first_shown);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* GTK's test context keeps the accessible properties for reading back
   * (run-under-xvfb.sh turns accessibility off) */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  app = dv_app_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("register: %s", error->message);
  /* for a look at the dark style: DV_MARKS_DARK=1 */
  if (g_getenv ("DV_MARKS_DARK") != NULL)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);

  g_test_add_func ("/app/sidebar/marks-in-lists", test_marks_in_lists);
  g_test_add_func ("/app/sidebar/marks-timing", test_marks_timing);
  g_test_add_func ("/app/sidebar/search-from-top", test_search_from_top);
  g_test_add_func ("/app/sidebar/new-since-sorted-by-size", test_new_since_sorted_by_size);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
