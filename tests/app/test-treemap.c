/* DvAppTreemap in a real window on the etcd build with its sizes: the map
 * shows, a click at a rectangle's centre emits that rectangle's symbol or
 * package, the tooltip names the bytes `depview-cli top` gives, zoom in
 * and out. Skipped without ../shared. With DV_TREEMAP_SCREENSHOT=FILE
 * (and DV_TREEMAP_SCREENSHOT_ZOOMED=FILE), the screen is saved there
 * (ImageMagick's import) once the map (zoomed into a package) is drawn. */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "dv-app-treemap.h"
#include "dv-app-treemap-private.h"
#include "dv-format-cost.h"

static DvGraph *graph;
static DvCost *cost;
static char *dump_path, *sizes_path;

typedef struct {
  GtkWidget    *window;
  DvAppTreemap *map;
  guint         ready;
  GArray       *symbols;   /* guint */
  GArray       *packages;  /* guint */
} Fixture;

static void
ready_cb (DvAppTreemap *map, Fixture *f)
{
  f->ready++;
}

static void
symbol_cb (DvAppTreemap *map, guint id, Fixture *f)
{
  g_array_append_val (f->symbols, id);
}

static void
package_cb (DvAppTreemap *map, guint id, Fixture *f)
{
  g_array_append_val (f->packages, id);
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_ready (Fixture *f, guint count)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (60, timeout_cb, &timed_out);

  while (f->ready < count && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->map));
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  if (cost == NULL)
    return;
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  f->map = DV_APP_TREEMAP (dv_app_treemap_new ());
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->map));
  f->symbols = g_array_new (FALSE, FALSE, sizeof (guint));
  f->packages = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (f->map, "map-ready", G_CALLBACK (ready_cb), f);
  g_signal_connect (f->map, "symbol-activated", G_CALLBACK (symbol_cb), f);
  g_signal_connect (f->map, "package-activated", G_CALLBACK (package_cb), f);
  gtk_window_present (GTK_WINDOW (f->window));
  dv_app_treemap_set_cost (f->map, cost);
  g_assert_true (dv_app_treemap_get_busy (f->map));
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->window == NULL)
    return;
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_array_unref (f->symbols);
  g_array_unref (f->packages);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The first item of `depview-cli top` with these options: its name and
 * its size (or retained) in bytes. */
static char *
cli_top (const char *what, const char *by, guint64 *bytes)
{
  const char *cli = g_getenv ("DEPVIEW_CLI");
  g_autofree char *out = NULL;
  g_autofree char *sizes_arg = g_strdup_printf ("--sizes=%s", sizes_path);
  g_autofree char *by_arg = g_strdup_printf ("--by=%s", by);
  const char *argv[] = { cli, "top", "-n", "1", "--format=json", by_arg, sizes_arg, dump_path, what, NULL };
  g_autoptr(GError) error = NULL;
  int status;
  g_autoptr(GRegex) re = g_regex_new ("\\{\"name\": \"([^\"\\\\]*)\", \"package\": \"[^\"]*\", "
                                      "\"size\": ([0-9]+), \"retained\": ([0-9]+)", 0, 0, NULL);
  g_autoptr(GMatchInfo) m = NULL;

  g_assert_nonnull (cli);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_regex_match (re, out, 0, &m));
  g_autofree char *number = g_match_info_fetch (m, strcmp (by, "retained") == 0 ? 3 : 2);
  *bytes = g_ascii_strtoull (number, NULL, 10);
  return g_match_info_fetch (m, 1);
}

static int
find_rect (Fixture *f, DvTreemapKind kind, guint32 id)
{
  GArray *rects = dv_app_treemap_get_rects (f->map);
  for (guint i = 0; i < rects->len; i++)
    {
      const DvTreemapRect *r = &g_array_index (rects, DvTreemapRect, i);
      if (r->kind == kind && r->id == id)
        return i;
    }
  return -1;
}

static void
test_click_and_tooltip (Fixture *f, gconstpointer data)
{
  guint64 symbol_bytes, package_bytes;

  if (cost == NULL)
    {
      g_test_skip ("no etcd dump and sizes in ../shared");
      return;
    }
  wait_ready (f, 1);
  g_assert_false (dv_app_treemap_get_busy (f->map));
  GArray *rects = dv_app_treemap_get_rects (f->map);
  g_assert_nonnull (rects);
  g_assert_cmpuint (rects->len, >, 500);
  g_test_message ("%u rectangles, layout %.2f ms", rects->len,
                  dv_app_treemap_get_layout_time (f->map) / 1e3);


  /* the largest symbol: its rectangle's centre is it */
  g_autofree char *symbol_name = cli_top ("--by=size", "size", &symbol_bytes);
  DvSymbolId symbol = dv_graph_find_symbol (graph, symbol_name, -1);
  g_assert_cmpuint (symbol, !=, DV_SYMBOL_NONE);
  int i = find_rect (f, DV_TREEMAP_KIND_SYMBOL, symbol);
  g_assert_cmpint (i, >, 0);
  const DvTreemapRect *r = &g_array_index (rects, DvTreemapRect, i);
  g_assert_cmpuint (r->bytes, ==, symbol_bytes);
  double cx = r->x + r->w / 2, cy = r->y + r->h / 2;
  g_assert_cmpint (dv_app_treemap_rect_at (f->map, cx, cy), ==, i);
  /* nothing chosen yet, not even a lump (whose node is NONE as well) */
  g_assert_cmpint (dv_app_treemap_get_cursor (f->map), ==, -1);
  dv_app_treemap_click_at (f->map, cx, cy, 1);
  g_assert_cmpuint (f->symbols->len, ==, 1);
  g_assert_cmpuint (g_array_index (f->symbols, guint, 0), ==, symbol);
  g_assert_cmpuint (f->packages->len, ==, 0);
  g_assert_cmpint (dv_app_treemap_get_cursor (f->map), ==, i);
  g_autofree char *tip = dv_app_treemap_tooltip_at (f->map, cx, cy);
  g_autofree char *want = dv_format_bytes (symbol_bytes);
  g_assert_nonnull (tip);
  g_assert_nonnull (strstr (tip, symbol_name));
  g_assert_nonnull (strstr (tip, want));

  /* the largest package: a click on its header */
  g_autofree char *package_name = cli_top ("--packages", "size", &package_bytes);
  DvPackageId package = dv_graph_find_package (graph, package_name);
  g_assert_cmpuint (package, !=, DV_PACKAGE_NONE);
  int p = find_rect (f, DV_TREEMAP_KIND_PACKAGE, package);
  g_assert_cmpint (p, >, 0);
  const DvTreemapRect *pr = &g_array_index (rects, DvTreemapRect, p);
  g_assert_cmpuint (pr->bytes, ==, package_bytes);
  dv_app_treemap_click_at (f->map, pr->x + pr->w / 2, pr->y + 5, 1);
  g_assert_cmpuint (f->packages->len, ==, 1);
  g_assert_cmpuint (g_array_index (f->packages, guint, 0), ==, package);
  g_autofree char *ptip = dv_app_treemap_tooltip_at (f->map, pr->x + pr->w / 2, pr->y + 5);
  g_autofree char *pwant = dv_format_bytes (package_bytes);
  g_assert_nonnull (strstr (ptip, package_name));
  g_assert_nonnull (strstr (ptip, pwant));

  /* the keyboard's frame on the symbol clicked, the pointer over the package */
  dv_app_treemap_click_at (f->map, cx, cy, 1);
  dv_app_treemap_hover_at (f->map, pr->x + pr->w / 2, pr->y + 5);
  gtk_widget_queue_draw (GTK_WIDGET (f->map));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->map));
  const char *shot = g_getenv ("DV_TREEMAP_SCREENSHOT");
  if (shot != NULL)
    {
      g_autofree char *cmd = g_strdup_printf ("import -window root %s", shot);
      g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
    }

  /* the map's parts add up to the binary as top counts it: a rectangle
   * per package and the shared data, in proportion */
  const DvTreemapRect *top = &g_array_index (rects, DvTreemapRect, 0);
  double scale = top->w * top->h / (double) top->bytes;
  g_assert_cmpfloat (fabs (pr->w * pr->h - package_bytes * scale), <, 0.001 * top->w * top->h);

  /* a double click zooms into the package, back out restores the map */
  double px = pr->x + pr->w / 2, py = pr->y + 5;
  dv_app_treemap_click_at (f->map, px, py, 2);
  rects = dv_app_treemap_get_rects (f->map);
  const DvTreemapRect *zoomed = &g_array_index (rects, DvTreemapRect, 0);
  g_assert_cmpuint (zoomed->kind, ==, DV_TREEMAP_KIND_PACKAGE);
  g_assert_cmpuint (zoomed->id, ==, package);
  g_assert_cmpuint (zoomed->bytes, ==, package_bytes);
  int s = find_rect (f, DV_TREEMAP_KIND_SYMBOL, symbol);
  if (dv_graph_symbol_package (graph, symbol) == package)
    g_assert_cmpint (s, >, 0);
  else
    g_assert_cmpint (s, ==, -1);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->map));
  shot = g_getenv ("DV_TREEMAP_SCREENSHOT_ZOOMED");
  if (shot != NULL)
    {
      g_autofree char *cmd = g_strdup_printf ("import -window root %s", shot);
      g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
    }
  g_assert_true (dv_app_treemap_zoom_out (f->map));
  g_assert_false (dv_app_treemap_zoom_out (f->map));
  rects = dv_app_treemap_get_rects (f->map);
  g_assert_cmpuint (g_array_index (rects, DvTreemapRect, 0).kind, ==, DV_TREEMAP_KIND_ROOT);
  /* the keyboard is back on the package it left */
  int cursor = dv_app_treemap_get_cursor (f->map);
  g_assert_cmpint (cursor, >, 0);
  g_assert_cmpuint (g_array_index (rects, DvTreemapRect, cursor).id, ==, package);

  /* the layout follows every change without a stall: lumping bounds it
   * by the widget's area (the budget is loose: two cores, many users) */
  g_test_message ("layout after zoom out: %.2f ms, drawing the scene %.2f ms",
                  dv_app_treemap_get_layout_time (f->map) / 1e3,
                  dv_app_treemap_get_scene_time (f->map) / 1e3);
  g_assert_cmpint (dv_app_treemap_get_layout_time (f->map), <, 50000);
}

/* The keyboard path: arrows walk rectangles of one depth, Return
 * activates, Shift+Return zooms in, Backspace comes back. */
static void
test_keyboard (Fixture *f, gconstpointer data)
{
  GtkWidget *w;

  if (cost == NULL)
    {
      g_test_skip ("no etcd dump and sizes in ../shared");
      return;
    }
  wait_ready (f, 1);
  w = GTK_WIDGET (f->map);
  g_assert_true (gtk_widget_get_focusable (w));
  gtk_widget_grab_focus (w);
  g_assert_true (gtk_widget_activate_action (w, "treemap.move", "(ii)", 1, 0));
  g_assert_cmpint (dv_app_treemap_get_cursor (f->map), ==, 1);
  GArray *rects = dv_app_treemap_get_rects (f->map);
  const DvTreemapRect *first = &g_array_index (rects, DvTreemapRect, 1);
  g_assert_cmpuint (first->depth, ==, 1);

  /* to the right until a package: each step further right, same depth */
  int at = 1;
  const DvTreemapRect *r = first;
  for (guint steps = 0; r->kind != DV_TREEMAP_KIND_PACKAGE; steps++)
    {
      g_assert_cmpuint (steps, <, 10);
      double was = r->x + r->w / 2;
      g_assert_true (gtk_widget_activate_action (w, "treemap.move", "(ii)", 1, 0));
      at = dv_app_treemap_get_cursor (f->map);
      r = &g_array_index (rects, DvTreemapRect, at);
      g_assert_cmpuint (r->depth, ==, 1);
      g_assert_cmpfloat (r->x + r->w / 2, >, was);
    }
  guint32 package = r->id;
  /* down: below, same depth */
  double below = r->y + r->h / 2;
  g_assert_true (gtk_widget_activate_action (w, "treemap.move", "(ii)", 0, 1));
  const DvTreemapRect *down = &g_array_index (rects, DvTreemapRect, dv_app_treemap_get_cursor (f->map));
  g_assert_cmpuint (down->depth, ==, 1);
  g_assert_cmpfloat (down->y + down->h / 2, >, below);
  g_assert_true (gtk_widget_activate_action (w, "treemap.move", "(ii)", 0, -1));
  g_assert_cmpint (dv_app_treemap_get_cursor (f->map), ==, at);

  g_assert_true (gtk_widget_activate_action (w, "treemap.activate", NULL));
  g_assert_cmpuint (f->packages->len, ==, 1);
  g_assert_cmpuint (g_array_index (f->packages, guint, 0), ==, package);

  g_assert_true (gtk_widget_activate_action (w, "treemap.zoom-in", NULL));
  rects = dv_app_treemap_get_rects (f->map);
  g_assert_cmpuint (g_array_index (rects, DvTreemapRect, 0).kind, ==, DV_TREEMAP_KIND_PACKAGE);
  g_assert_cmpuint (g_array_index (rects, DvTreemapRect, 0).id, ==, package);
  /* the keyboard lands on the package's largest symbol */
  g_assert_cmpint (dv_app_treemap_get_cursor (f->map), ==, 1);
  g_assert_true (gtk_widget_activate_action (w, "treemap.activate", NULL));
  g_assert_cmpuint (f->symbols->len, ==, 1);
  guint symbol = g_array_index (f->symbols, guint, 0);
  g_assert_cmpuint (dv_graph_symbol_package (graph, symbol), ==, package);

  g_assert_true (gtk_widget_activate_action (w, "treemap.zoom-out", NULL));
  rects = dv_app_treemap_get_rects (f->map);
  g_assert_cmpuint (g_array_index (rects, DvTreemapRect, 0).kind, ==, DV_TREEMAP_KIND_ROOT);
  g_assert_cmpuint (g_array_index (rects, DvTreemapRect, dv_app_treemap_get_cursor (f->map)).id, ==, package);
}

static void
test_retained (Fixture *f, gconstpointer data)
{
  guint64 bytes;

  if (cost == NULL)
    {
      g_test_skip ("no etcd dump and sizes in ../shared");
      return;
    }
  wait_ready (f, 1);
  dv_app_treemap_set_mode (f->map, DV_TREEMAP_BY_RETAINED);
  g_assert_true (dv_app_treemap_get_busy (f->map));
  wait_ready (f, 2);
  g_autofree char *name = cli_top ("--packages", "retained", &bytes);
  DvPackageId package = dv_graph_find_package (graph, name);
  int p = find_rect (f, DV_TREEMAP_KIND_PACKAGE, package);
  g_assert_cmpint (p, >, 0);
  const DvTreemapRect *r = &g_array_index (dv_app_treemap_get_rects (f->map), DvTreemapRect, p);
  g_assert_cmpuint (r->bytes, ==, bytes);
  g_autofree char *tip = dv_app_treemap_tooltip_at (f->map, r->x + r->w / 2, r->y + 5);
  g_autofree char *want = dv_format_bytes (bytes);
  g_assert_nonnull (strstr (tip, want));
}

int
main (int argc, char **argv)
{
  const char *dir = g_getenv ("DV_SHARED_TESTDATA");
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_printerr ("no display: skipped\n");
      return 77;
    }
  adw_init ();
  /* for a look at the dark colours: DV_TREEMAP_DARK=1 with the screenshot */
  if (g_getenv ("DV_TREEMAP_DARK") != NULL)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);

  if (dir != NULL)
    {
      dump_path = g_build_filename (dir, "etcd-go1.26.deps-and-calls.txt.gz", NULL);
      sizes_path = g_build_filename (dir, "etcd-go1.26.nm-size.txt.gz", NULL);
    }
  if (dump_path != NULL && g_file_test (dump_path, G_FILE_TEST_EXISTS)
      && g_file_test (sizes_path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(DvSizes) sizes = NULL;
      graph = dv_graph_load_path (dump_path, NULL, &error);
      g_assert_no_error (error);
      sizes = dv_sizes_load_path (sizes_path, NULL, &error);
      g_assert_no_error (error);
      cost = dv_cost_new (graph, sizes);
    }

#define ADD(name, func) g_test_add ("/app/treemap/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("click-and-tooltip", test_click_and_tooltip);
  ADD ("keyboard", test_keyboard);
  ADD ("retained", test_retained);
#undef ADD
  status = g_test_run ();

  g_clear_pointer (&cost, dv_cost_free);
  g_clear_pointer (&graph, dv_graph_unref);
  g_free (dump_path);
  g_free (sizes_path);
  return status;
}
