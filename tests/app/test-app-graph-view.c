/* DvAppGraphView in a real window: asynchronous layouts, stale results,
 * clicks, "+N more", expansion, zoom, export, and timings on etcd. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>

#include "dv-app-graph-view.h"
#include "dv-app-graph-view-private.h"
#include "dv-app-graph-renderer.h"
#include "dump-reference.h"

static RefDump *hello_ref;
static DvGraph *hello;

typedef struct {
  GtkWidget   *window;
  DvAppGraphView *view;
  guint        ready;
  guint        busy_on;
  GArray      *activated; /* guint */
} Fixture;

static void
ready_cb (DvAppGraphView *view,
          Fixture     *f)
{
  f->ready++;
}

static void
busy_cb (DvAppGraphView *view,
         GParamSpec  *pspec,
         Fixture     *f)
{
  if (dv_app_graph_view_get_busy (view))
    f->busy_on++;
}

static void
activated_cb (DvAppGraphView *view,
              guint        symbol,
              Fixture     *f)
{
  g_array_append_val (f->activated, symbol);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 750);
  f->view = DV_APP_GRAPH_VIEW (dv_app_graph_view_new ());
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->view));
  f->activated = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (f->view, "layout-ready", G_CALLBACK (ready_cb), f);
  g_signal_connect (f->view, "notify::busy", G_CALLBACK (busy_cb), f);
  g_signal_connect (f->view, "symbol-activated", G_CALLBACK (activated_cb), f);
  gtk_window_present (GTK_WINDOW (f->window));
  dv_app_graph_view_set_graph (f->view, hello);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_array_unref (f->activated);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until "layout-ready" has come `count` times in all. */
static void
wait_ready (Fixture *f,
            guint    count)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (20, timeout_cb, &timed_out);

  while (f->ready < count && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

/* Waits (at most 20 s) until the view is not busy, then until the main
 * context has nothing left to dispatch. */
static void
drain (Fixture *f)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (20, timeout_cb, &timed_out);

  while (dv_app_graph_view_get_busy (f->view) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static DvSymbolId
symbol (const char *name)
{
  DvSymbolId id = dv_graph_find_symbol (hello, name, -1);

  g_assert_cmpuint (id, !=, DV_SYMBOL_NONE);
  return id;
}

static void
node_centre (Fixture *f,
             int      index,
             double  *x,
             double  *y)
{
  const DvLayout *layout = dv_app_graph_view_get_layout (f->view);

  g_assert_cmpint (index, >=, 0);
  dv_app_graph_view_layout_to_widget (f->view, layout->nodes[index].x, layout->nodes[index].y, x, y);
}

static guint
distinct_children (RefSym *sym)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();

  for (guint i = 0; i < sym->children->len; i++)
    {
      RefLink *l = g_ptr_array_index (sym->children, i);
      if (l->sym != sym && !g_ptr_array_find (seen, l->sym, NULL))
        g_ptr_array_add (seen, l->sym);
    }
  return seen->len;
}

static void
test_focus (Fixture       *f,
            gconstpointer  data)
{
  DvSymbolId id = symbol ("fmt.Fprintln");
  RefSym *first = ref_lookup (hello_ref, "fmt.Fprintln");
  const DvLayout *layout;
  const char *label, *details;
  RefSym *main_main = NULL;
  guint startup = 0;
  g_autofree char *folded = NULL;

  /* The chain's runtime start-up (the steps above main.main) is one node. */
  while (first->bfs_parent != hello_ref->root)
    {
      first = first->bfs_parent;
      if (main_main != NULL)
        startup++;
      if (g_str_equal (first->name, "main.main"))
        main_main = first;
    }
  g_assert_nonnull (main_main);
  g_assert_cmpstr (first->name, ==, "_rt0_amd64_linux");
  folded = g_strdup_printf ("runtime start-up (%u steps) → main.main →", startup);

  g_assert_cmpuint (dv_app_graph_view_get_focus (f->view), ==, DV_SYMBOL_NONE);
  dv_app_graph_view_set_focus (f->view, id);
  g_assert_true (dv_app_graph_view_get_busy (f->view));
  g_assert_cmpuint (dv_app_graph_view_get_focus (f->view), ==, id);
  wait_ready (f, 1);
  g_assert_false (dv_app_graph_view_get_busy (f->view));
  g_assert_cmpuint (f->busy_on, ==, 1);

  layout = dv_app_graph_view_get_layout (f->view);
  g_assert_nonnull (layout);
  g_assert_cmpuint (layout->focus, ==, id);
  g_assert_true (layout->laid_out);

  label = dv_app_graph_view_get_description (f->view, &details);
  g_assert_true (g_str_has_prefix (label, "Keep-alive chain of fmt.Fprintln: "));
  g_assert_nonnull (strstr (label, folded));
  g_assert_true (g_str_has_suffix (label, "fmt.Fprintln"));
  g_assert_nonnull (details);

  /* The same focus again is not a new layout. */
  dv_app_graph_view_set_focus (f->view, id);
  g_assert_false (dv_app_graph_view_get_busy (f->view));
}

static void
test_stale (Fixture       *f,
            gconstpointer  data)
{
  DvSymbolId last = symbol ("runtime.main");

  dv_app_graph_view_set_focus (f->view, symbol ("fmt.Fprintln"));
  dv_app_graph_view_set_focus (f->view, symbol ("fmt.newPrinter"));
  dv_app_graph_view_set_focus (f->view, last);
  wait_ready (f, 1);
  /* Whatever the earlier requests left behind is delivered once the view is
   * idle and the main context has nothing pending. */
  drain (f);
  /* Only the last request reaches the screen. */
  g_assert_cmpuint (f->ready, ==, 1);
  g_assert_cmpuint (dv_app_graph_view_get_layout (f->view)->focus, ==, last);
  g_assert_false (dv_app_graph_view_get_busy (f->view));

  dv_app_graph_view_set_focus (f->view, DV_SYMBOL_NONE);
  g_assert_null (dv_app_graph_view_get_layout (f->view));
}

static void
test_click (Fixture       *f,
            gconstpointer  data)
{
  DvSymbolId kid = symbol ("fmt.newPrinter");
  const DvLayout *layout;
  double x, y;
  int index;

  dv_app_graph_view_set_focus (f->view, symbol ("fmt.Fprintln"));
  wait_ready (f, 1);
  layout = dv_app_graph_view_get_layout (f->view);
  index = dv_layout_find_symbol (layout, kid);
  node_centre (f, index, &x, &y);
  g_assert_cmpint (dv_app_graph_view_node_at (f->view, x, y), ==, index);
  g_assert_cmpint (dv_app_graph_view_node_at (f->view, -5, -5), ==, -1);

  dv_app_graph_view_click_at (f->view, x, y, 1);
  g_assert_cmpuint (f->activated->len, ==, 1);
  g_assert_cmpuint (g_array_index (f->activated, guint, 0), ==, kid);
  /* Activation is for the window to act on; the view keeps its focus. */
  g_assert_cmpuint (dv_app_graph_view_get_focus (f->view), ==, symbol ("fmt.Fprintln"));
}

static void
refocus_cb (DvAppGraphView *view,
            guint           symbol,
            gpointer        data)
{
  dv_app_graph_view_set_focus (view, symbol);
}

/* Clicking a node makes it the focus (the window does so on
 * "symbol-activated"): the new graph is drawn around it where it was. */
static void
test_click_focus_anchored (Fixture       *f,
                           gconstpointer  data)
{
  DvSymbolId kid = symbol ("fmt.newPrinter");
  const DvLayout *layout;
  double x, y, x2, y2;

  g_signal_connect (f->view, "symbol-activated", G_CALLBACK (refocus_cb), NULL);
  dv_app_graph_view_set_focus (f->view, symbol ("fmt.Fprintln"));
  wait_ready (f, 1);
  layout = dv_app_graph_view_get_layout (f->view);
  node_centre (f, dv_layout_find_symbol (layout, kid), &x, &y);

  dv_app_graph_view_click_at (f->view, x, y, 1);
  g_assert_cmpuint (dv_app_graph_view_get_focus (f->view), ==, kid);
  wait_ready (f, 2);
  layout = dv_app_graph_view_get_layout (f->view);
  g_assert_cmpuint (layout->focus, ==, kid);
  node_centre (f, dv_layout_find_symbol (layout, kid), &x2, &y2);
  g_assert_cmpfloat (fabs (x2 - x), <=, 1);
  g_assert_cmpfloat (fabs (y2 - y), <=, 1);
  g_assert_cmpint (dv_app_graph_view_node_at (f->view, x, y), ==, dv_layout_find_symbol (layout, kid));

  /* A focus from elsewhere (the sidebar) is fitted as usual. */
  dv_app_graph_view_set_focus (f->view, symbol ("fmt.Fprintln"));
  wait_ready (f, 3);
  g_assert_cmpfloat (dv_app_graph_view_get_scale (f->view), >=, 0.9);
}

static void
test_more (Fixture       *f,
           gconstpointer  data)
{
  RefSym *wide = NULL;
  const DvLayout *layout;
  double x, y;
  int more = -1;

  /* The first symbol in the dump with more children than the view shows. */
  for (guint i = 0; i < hello_ref->sym_order->len && wide == NULL; i++)
    {
      RefSym *sym = g_ptr_array_index (hello_ref->sym_order, i);
      guint n = distinct_children (sym);
      if (n > DV_LAYOUT_MAX_CHILDREN && n < 60 && sym->dist != G_MAXUINT)
        wide = sym;
    }
  g_assert_nonnull (wide);

  dv_app_graph_view_set_focus (f->view, symbol (wide->name));
  wait_ready (f, 1);
  layout = dv_app_graph_view_get_layout (f->view);
  for (guint i = 0; i < layout->n_nodes; i++)
    if (layout->nodes[i].flags & DV_LAYOUT_NODE_MORE && !layout->nodes[i].more_parents)
      more = i;
  node_centre (f, more, &x, &y);

  dv_app_graph_view_click_at (f->view, x, y, 1);
  g_assert_cmpuint (f->activated->len, ==, 0);
  g_assert_true (dv_app_graph_view_get_busy (f->view));
  wait_ready (f, 2);
  layout = dv_app_graph_view_get_layout (f->view);
  for (guint i = 0; i < wide->children->len; i++)
    {
      RefLink *l = g_ptr_array_index (wide->children, i);
      g_assert_cmpint (dv_layout_find_symbol (layout, symbol (l->sym->name)), >=, 0);
    }
}

static void
test_expand (Fixture       *f,
             gconstpointer  data)
{
  RefSym *kid = ref_lookup (hello_ref, "fmt.newPrinter");
  RefLink *grandkid = g_ptr_array_index (kid->children, 0);
  const DvLayout *layout;
  guint n_before;
  double x, y;

  dv_app_graph_view_set_focus (f->view, symbol ("fmt.Fprintln"));
  wait_ready (f, 1);
  layout = dv_app_graph_view_get_layout (f->view);
  n_before = layout->n_nodes;
  g_assert_cmpint (dv_layout_find_symbol (layout, symbol (grandkid->sym->name)), <, 0);
  node_centre (f, dv_layout_find_symbol (layout, symbol (kid->name)), &x, &y);

  dv_app_graph_view_click_at (f->view, x, y, 2);
  wait_ready (f, 2);
  layout = dv_app_graph_view_get_layout (f->view);
  g_assert_cmpint (dv_layout_find_symbol (layout, symbol (grandkid->sym->name)), >=, 0);
  /* The node double-clicked has not moved on screen. */
  {
    double x2, y2;

    node_centre (f, dv_layout_find_symbol (layout, symbol (kid->name)), &x2, &y2);
    g_assert_cmpfloat (fabs (x2 - x), <, 0.5);
    g_assert_cmpfloat (fabs (y2 - y), <, 0.5);
  }
  g_assert_cmpuint (layout->n_nodes, >, n_before);
  g_assert_cmpuint (f->activated->len, ==, 0);

  /* A second double click folds it again. */
  node_centre (f, dv_layout_find_symbol (layout, symbol (kid->name)), &x, &y);
  dv_app_graph_view_click_at (f->view, x, y, 2);
  wait_ready (f, 3);
  g_assert_cmpuint (dv_app_graph_view_get_layout (f->view)->n_nodes, ==, n_before);
}

static void
test_unreachable (Fixture       *f,
                  gconstpointer  data)
{
  RefSym *lost = NULL;
  const char *label;

  for (guint i = 0; i < hello_ref->sym_order->len && lost == NULL; i++)
    {
      RefSym *sym = g_ptr_array_index (hello_ref->sym_order, i);
      if (sym->dist == G_MAXUINT && sym->parents->len > 0 && sym->name[0] != '\0' && strchr (sym->name, '\n') == NULL)
        lost = sym;
    }
  g_assert_nonnull (lost);

  dv_app_graph_view_set_focus (f->view, symbol (lost->name));
  wait_ready (f, 1);
  g_assert_false (dv_app_graph_view_get_layout (f->view)->reachable);
  label = dv_app_graph_view_get_description (f->view, NULL);
  g_assert_true (g_str_has_prefix (label, lost->name));
  g_assert_nonnull (strstr (label, "has no path from the root"));
}

static void
test_zoom (Fixture       *f,
           gconstpointer  data)
{
  const DvLayout *layout;
  double fitted, x0, y0, x1, y1;
  int width, height;

  dv_app_graph_view_set_focus (f->view, symbol ("fmt.Fprintln"));
  wait_ready (f, 1);
  layout = dv_app_graph_view_get_layout (f->view);
  width = gtk_widget_get_width (GTK_WIDGET (f->view));
  height = gtk_widget_get_height (GTK_WIDGET (f->view));

  /* Fit: the whole layout inside the widget. */
  dv_app_graph_view_layout_to_widget (f->view, 0, 0, &x0, &y0);
  dv_app_graph_view_layout_to_widget (f->view, layout->width, layout->height, &x1, &y1);
  g_assert_cmpfloat (x0, >=, 0);
  g_assert_cmpfloat (y0, >=, 0);
  g_assert_cmpfloat (x1, <=, width);
  g_assert_cmpfloat (y1, <=, height);
  fitted = dv_app_graph_view_get_scale (f->view);

  dv_app_graph_view_zoom_in (f->view);
  g_assert_cmpfloat (dv_app_graph_view_get_scale (f->view), >, fitted * 1.1);
  dv_app_graph_view_zoom_out (f->view);
  dv_app_graph_view_zoom_out (f->view);
  g_assert_cmpfloat (dv_app_graph_view_get_scale (f->view), <, fitted);
  dv_app_graph_view_zoom_fit (f->view);
  g_assert_cmpfloat_with_epsilon (dv_app_graph_view_get_scale (f->view), fitted, 1e-9);

  /* The keyboard reaches the same actions. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "graph.zoom-in", NULL));
  g_assert_cmpfloat (dv_app_graph_view_get_scale (f->view), >, fitted * 1.1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "graph.zoom-fit", NULL));
  g_assert_cmpfloat_with_epsilon (dv_app_graph_view_get_scale (f->view), fitted, 1e-9);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  GError **error = data;

  if (!dv_app_graph_view_export_finish (DV_APP_GRAPH_VIEW (source), result, error))
    g_assert_nonnull (*error);
  else
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "ok");
}

static GError *
export (Fixture    *f,
        const char *format,
        GFile      *file)
{
  GError *error = NULL;

  dv_app_graph_view_export_async (f->view, format, file, NULL, export_done_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  return error;
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("graph-view-XXXXXX", NULL);
  g_autofree char *svg_path = g_build_filename (dir, "view.svg", NULL);
  g_autofree char *png_path = g_build_filename (dir, "view.png", NULL);
  g_autoptr(GFile) svg = g_file_new_for_path (svg_path);
  g_autoptr(GFile) png = g_file_new_for_path (png_path);
  g_autofree char *contents = NULL;
  gsize len;
  GError *error;

  error = export (f, "svg", svg);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED); /* nothing focused yet */
  g_clear_error (&error);

  dv_app_graph_view_set_focus (f->view, symbol ("fmt.Fprintln"));
  wait_ready (f, 1);
  error = export (f, "svg", svg);
  g_assert_cmpstr (error->message, ==, "ok");
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (svg_path, &contents, &len, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "fmt.Fprintln"));
  g_assert_nonnull (strstr (contents, "fmt.newPrinter"));
  g_clear_pointer (&contents, g_free);

  error = export (f, "png", png);
  g_assert_cmpstr (error->message, ==, "ok");
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (png_path, &contents, &len, NULL));
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);

  error = export (f, "gif", png);
  g_assert_error (error, DV_LAYOUT_ERROR, DV_LAYOUT_ERROR_FORMAT);
  g_clear_error (&error);

  g_unlink (svg_path);
  g_unlink (png_path);
  g_rmdir (dir);
}

/* Time from set_focus to "layout-ready" on the etcd dump with call edges. */
static void
test_etcd_timings (Fixture       *f,
                   gconstpointer  data)
{
  static const char *const names[] = {
    "fmt.Fprintln",
    "runtime.mallocgc",
    "encoding/json.Marshal",
    "reflect.Value.Method",
    "net/http.(*Server).Serve",
    "google.golang.org/grpc.(*Server).Serve",
    "github.com/spf13/cobra.(*Command).Execute",
  };
  g_autofree char *path = ref_shared_file ("etcd-go1.19.deps-and-calls.txt.gz");
  g_autoptr(DvGraph) etcd = NULL;
  g_autoptr(GError) error = NULL;
  double worst = 0;

  if (path == NULL)
    return;
  etcd = dv_graph_load_path (path, NULL, &error);
  g_assert_no_error (error);
  dv_app_graph_view_set_graph (f->view, etcd);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      DvSymbolId id = dv_graph_find_symbol (etcd, names[i], -1);
      gint64 start;
      double ms;

      g_assert_cmpuint (id, !=, DV_SYMBOL_NONE);
      start = g_get_monotonic_time ();
      dv_app_graph_view_set_focus (f->view, id);
      wait_ready (f, i + 1);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      worst = MAX (worst, ms);
      g_test_message ("%s: %u nodes, %.1f ms from set_focus to layout-ready", names[i],
                      dv_app_graph_view_get_layout (f->view)->n_nodes, ms);
    }
  /* The target is 150 ms; the figure is reported, not asserted: each
   * focus's layout has arrived (wait_ready), which is what this checks. */
  g_test_message ("worst: %.1f ms", worst);
}


/* A double click on a "+N more": the first click opens it and the graph is
 * laid out anew; the second press lands on whatever node now sits under
 * the pointer and must leave it alone (it used to expand it). Tried on the
 * wide symbols of the dump until a node that could expand lands there. */
static void
test_more_double_click (Fixture       *f,
                        gconstpointer  data)
{
  guint tried = 0;

  for (guint i = 0; i < hello_ref->sym_order->len; i++)
    {
      RefSym *wide = g_ptr_array_index (hello_ref->sym_order, i);
      guint n = distinct_children (wide);
      const DvLayout *layout;
      RefSym *landed;
      double x, y;
      int more = -1, under;
      guint ready;

      if (n <= DV_LAYOUT_MAX_CHILDREN || n >= 80 || wide->dist == G_MAXUINT)
        continue;
      dv_app_graph_view_set_focus (f->view, symbol (wide->name));
      wait_ready (f, f->ready + 1);
      layout = dv_app_graph_view_get_layout (f->view);
      for (guint k = 0; k < layout->n_nodes; k++)
        if (layout->nodes[k].flags & DV_LAYOUT_NODE_MORE && layout->nodes[k].more_owner == symbol (wide->name))
          more = k;
      if (more < 0)
        continue;
      node_centre (f, more, &x, &y);
      tried++;

      dv_app_graph_view_press_at (f->view, x, y, 1);
      dv_app_graph_view_release_at (f->view, x, y, 1);
      wait_ready (f, f->ready + 1);
      ready = f->ready;
      layout = dv_app_graph_view_get_layout (f->view);
      under = dv_app_graph_view_node_at (f->view, x, y);
      if (under < 0 || layout->nodes[under].symbol == DV_SYMBOL_NONE)
        continue;
      landed = ref_lookup (hello_ref, layout->nodes[under].tooltip);
      if (landed == NULL || landed == wide || distinct_children (landed) == 0)
        continue;

      g_test_message ("%s: after \"%s\" opened, %s is under the pointer", wide->name,
                      "+N more", landed->name);
      dv_app_graph_view_press_at (f->view, x, y, 2);
      dv_app_graph_view_release_at (f->view, x, y, 2);
      drain (f);
      g_assert_cmpuint (f->ready, ==, ready);
      g_assert_false (dv_app_graph_view_get_busy (f->view));
      layout = dv_app_graph_view_get_layout (f->view);
      for (guint k = 0; k < layout->n_nodes; k++)
        g_assert_false (layout->nodes[k].flags & DV_LAYOUT_NODE_EXPANDED);
      g_assert_cmpuint (f->activated->len, ==, 0);
      return;
    }
  g_test_skip_printf ("no node that could expand landed under the pointer (%u tried)", tried);
}

/* Runs the main loop until the view has drawn a frame. */
static void
wait_draw (Fixture *f)
{
  gtk_widget_queue_draw (GTK_WIDGET (f->view));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->view));
}

/* Presses a key on the view through the view's own key bindings (the
 * shortcuts its class installed), the way a key press reaches them. */
static void
press_key (Fixture    *f,
           const char *key)
{
  GtkWidget *widget = GTK_WIDGET (f->view);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (g_strcmp0 (trigger, key) == 0)
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                           gtk_shortcut_get_arguments (shortcut)));
              return;
            }
        }
    }
  g_error ("no key binding %s on the graph view", key);
}

static int
cursor (Fixture *f)
{
  return dv_app_graph_view_get_cursor (f->view);
}

static const DvLayoutNode *
cursor_node (Fixture *f)
{
  g_assert_cmpint (cursor (f), >=, 0);
  return &dv_app_graph_view_get_layout (f->view)->nodes[cursor (f)];
}

/* Arrow keys walk the chain up and down and the children sideways; Enter
 * activates, Space shows the children; the description follows. */
static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  RefSym *focus = ref_lookup (hello_ref, "fmt.Fprintln");
  const DvLayout *layout;
  const char *details;
  double first_x;
  DvSymbolId child;
  int expandable = -1;

  dv_app_graph_view_set_focus (f->view, symbol ("fmt.Fprintln"));
  wait_ready (f, 1);
  layout = dv_app_graph_view_get_layout (f->view);
  g_assert_cmpint (cursor (f), ==, (int) layout->chain[layout->n_chain - 1]);

  /* up: the focus's parent on the shortest chain, from the reference reader */
  press_key (f, "Up");
  g_assert_cmpstr (cursor_node (f)->tooltip, ==, focus->bfs_parent->name);
  dv_app_graph_view_get_description (f->view, &details);
  g_assert_true (g_str_has_prefix (details, "Selected: "));
  g_assert_nonnull (strstr (details, focus->bfs_parent->name));
  /* above main.main: the folded runtime start-up, which ends at its parent */
  press_key (f, "Up");
  g_assert_cmpstr (focus->bfs_parent->name, ==, "main.main");
  g_assert_cmpint (cursor_node (f)->fold, ==, DV_LAYOUT_FOLD_STARTUP);
  g_assert_cmpuint (cursor_node (f)->n_folded, >=, 2);
  g_assert_cmpstr (dv_graph_symbol_name (hello, cursor_node (f)->folded[cursor_node (f)->n_folded - 1]), ==,
                   focus->bfs_parent->bfs_parent->name);
  press_key (f, "Down");
  press_key (f, "Down");
  g_assert_cmpuint (cursor_node (f)->symbol, ==, symbol ("fmt.Fprintln"));

  /* down from the focus: one of its children */
  press_key (f, "Down");
  g_assert_true (cursor_node (f)->flags & (DV_LAYOUT_NODE_CHILD | DV_LAYOUT_NODE_MORE));
  /* sideways: the siblings, left to right, on the same rank */
  for (int i = 0; i < 20; i++)
    press_key (f, "Left");
  first_x = cursor_node (f)->x;
  press_key (f, "Right");
  g_assert_cmpfloat (cursor_node (f)->x, >, first_x);
  g_assert_true (cursor_node (f)->flags & (DV_LAYOUT_NODE_CHILD | DV_LAYOUT_NODE_MORE));

  /* Enter on a child: the window is told to focus it */
  for (int i = 0; i < 20 && cursor_node (f)->symbol == DV_SYMBOL_NONE; i++)
    press_key (f, "Left");
  child = cursor_node (f)->symbol;
  g_assert_cmpuint (child, !=, DV_SYMBOL_NONE);
  press_key (f, "Return");
  g_assert_cmpuint (f->activated->len, ==, 1);
  g_assert_cmpuint (g_array_index (f->activated, guint, 0), ==, child);

  /* Space on a child with children of its own shows them, and the key
   * focus stays on it through the new layout */
  for (guint i = 0; i < layout->n_nodes && expandable < 0; i++)
    {
      RefSym *sym;

      if (!(layout->nodes[i].flags & DV_LAYOUT_NODE_CHILD))
        continue;
      sym = ref_lookup (hello_ref, layout->nodes[i].tooltip);
      if (sym != NULL && distinct_children (sym) > 0)
        expandable = i;
    }
  g_assert_cmpint (expandable, >=, 0);
  while (cursor (f) != expandable)
    press_key (f, layout->nodes[expandable].x < cursor_node (f)->x ? "Left" : "Right");
  child = cursor_node (f)->symbol;
  press_key (f, "space");
  g_assert_true (dv_app_graph_view_get_busy (f->view));
  wait_ready (f, 2);
  g_assert_cmpuint (cursor_node (f)->symbol, ==, child);
  g_assert_true (cursor_node (f)->flags & DV_LAYOUT_NODE_EXPANDED);
}

/* Moving the pointer over nodes draws the hover, not the graph again. */
static void
test_hover_cached (Fixture       *f,
                   gconstpointer  data)
{
  const DvLayout *layout;
  guint builds;
  double x, y;

  dv_app_graph_view_set_focus (f->view, symbol ("fmt.Fprintln"));
  wait_ready (f, 1);
  wait_draw (f);
  layout = dv_app_graph_view_get_layout (f->view);
  builds = dv_app_graph_view_get_n_scene_builds (f->view);
  g_assert_cmpuint (builds, >=, 1);

  for (guint i = 0; i < MIN (layout->n_nodes, 6); i++)
    {
      node_centre (f, i, &x, &y);
      dv_app_graph_view_hover_at (f->view, x, y);
      g_assert_cmpint (dv_app_graph_view_get_hover (f->view), ==, i);
      wait_draw (f);
    }
  dv_app_graph_view_hover_at (f->view, -10, -10);
  g_assert_cmpint (dv_app_graph_view_get_hover (f->view), ==, -1);
  wait_draw (f);
  g_assert_cmpuint (dv_app_graph_view_get_n_scene_builds (f->view), ==, builds);

  /* a zoom is a new picture */
  dv_app_graph_view_zoom_in (f->view);
  wait_draw (f);
  g_assert_cmpuint (dv_app_graph_view_get_n_scene_builds (f->view), ==, builds + 1);
}

static DvGraph *
load_etcd (void)
{
  g_autofree char *path = ref_shared_file ("etcd-go1.19.deps-and-calls.txt.gz");
  g_autoptr(GError) error = NULL;
  DvGraph *etcd;

  if (path == NULL)
    return NULL;
  etcd = dv_graph_load_path (path, NULL, &error);
  g_assert_no_error (error);
  return etcd;
}

/* On the etcd dump in a short window: the Handshake chain is too long to
 * fit whole at a legible size: fit keeps 9 px text with the focus in view,
 * and Ctrl+0 does the same. */
static void
test_etcd_legible (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DvGraph) etcd = load_etcd ();
  const DvLayout *layout;
  int focus;
  double x, y, top_y;

  if (etcd == NULL)
    {
      g_test_skip ("etcd-go1.19.deps-and-calls.txt.gz is not there");
      return;
    }
  /* 400 px: less than the chain's height at 9 px text, start-up folded */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 400);
  dv_app_graph_view_set_graph (f->view, etcd);
  dv_app_graph_view_set_focus (f->view, dv_graph_find_symbol (etcd, "crypto/tls.(*Conn).Handshake", -1));
  wait_ready (f, 1);
  layout = dv_app_graph_view_get_layout (f->view);
  g_assert_cmpfloat (layout->height * 0.9, >, gtk_widget_get_height (GTK_WIDGET (f->view)));
  /* 17 steps from the root (the chain panel and `depview why` agree) */
  g_assert_cmpuint (layout->n_chain, >=, 8);
  g_assert_cmpfloat (dv_app_graph_view_get_scale (f->view) * 10, >=, 9 - 1e-9);
  focus = layout->chain[layout->n_chain - 1];
  node_centre (f, focus, &x, &y);
  g_assert_cmpfloat (y, >, 0);
  g_assert_cmpfloat (y, <, gtk_widget_get_height (GTK_WIDGET (f->view)));
  g_assert_cmpfloat (x, >, 0);
  g_assert_cmpfloat (x, <, gtk_widget_get_width (GTK_WIDGET (f->view)));
  /* the root end is off screen: the view scrolls to it */
  node_centre (f, layout->chain[0], &x, &top_y);
  g_assert_cmpfloat (top_y, <, 0);

  /* the keys walk up the chain and the view scrolls along with them */
  for (guint i = 0; i + 1 < layout->n_chain; i++)
    press_key (f, "Up");
  g_assert_cmpint (dv_app_graph_view_get_cursor (f->view), ==, (int) layout->chain[0]);
  node_centre (f, layout->chain[0], &x, &y);
  g_test_message ("top of the chain at y %.1f after the keys (was %.1f)", y, top_y);
  g_assert_cmpfloat (y, >, 0);
  g_assert_cmpfloat (y, <, gtk_widget_get_height (GTK_WIDGET (f->view)));
  g_assert_cmpfloat (dv_app_graph_view_get_scale (f->view) * 10, >=, 9 - 1e-9);
  /* End goes back to the focus, Home to the top, each scrolled into view */
  press_key (f, "End");
  g_assert_cmpint (dv_app_graph_view_get_cursor (f->view), ==, focus);
  node_centre (f, focus, &x, &y);
  g_assert_cmpfloat (y, <, gtk_widget_get_height (GTK_WIDGET (f->view)));
  press_key (f, "Home");
  g_assert_cmpint (dv_app_graph_view_get_cursor (f->view), ==, (int) layout->chain[0]);

  /* What the cache saves: the whole graph against one hovered node. */
  {
    DvAppGraphRenderer *renderer = dv_app_graph_renderer_new (GTK_WIDGET (f->view));
    DvAppGraphColours colours = { .fg = { 0, 0, 0, 1 }, .bg = { 1, 1, 1, 1 }, .accent = { 0, 0, 1, 1 } };
    DvAppViewport vp;
    gint64 start;
    double full_ms, hover_ms;
    const int rounds = 20;

    dv_app_viewport_init (&vp);
    vp.view_width = gtk_widget_get_width (GTK_WIDGET (f->view));
    vp.view_height = gtk_widget_get_height (GTK_WIDGET (f->view));
    vp.content_width = layout->width;
    vp.content_height = layout->height;
    dv_app_viewport_fit (&vp, layout->nodes[focus].x, layout->nodes[focus].y);
    dv_app_graph_renderer_set_layout (renderer, layout);
    dv_app_graph_renderer_set_colours (renderer, &colours);

    start = g_get_monotonic_time ();
    for (int i = 0; i < rounds; i++)
      {
        GtkSnapshot *snapshot = gtk_snapshot_new ();

        /* a resize by a pixel: the graph is drawn anew, at the same place */
        vp.view_height += i % 2 ? -1 : 1;
        dv_app_graph_renderer_snapshot (renderer, snapshot, &vp, -1, -1);
        gsk_render_node_unref (gtk_snapshot_free_to_node (snapshot));
      }
    full_ms = (g_get_monotonic_time () - start) / 1000.0 / rounds;
    g_assert_cmpuint (dv_app_graph_renderer_get_n_builds (renderer), ==, rounds);

    start = g_get_monotonic_time ();
    for (int i = 0; i < rounds; i++)
      {
        GtkSnapshot *snapshot = gtk_snapshot_new ();

        dv_app_graph_renderer_snapshot (renderer, snapshot, &vp, i % layout->n_nodes, focus);
        gsk_render_node_unref (gtk_snapshot_free_to_node (snapshot));
      }
    hover_ms = (g_get_monotonic_time () - start) / 1000.0 / rounds;
    g_assert_cmpuint (dv_app_graph_renderer_get_n_builds (renderer), ==, rounds);
    g_test_message ("%u nodes, %u edges: the graph %.2f ms a frame, a hover on the cached graph %.3f ms",
                    layout->n_nodes, layout->n_edges, full_ms, hover_ms);

    /* a pan of less than half the view moves the cached graph; one of a
     * whole view draws it again */
    for (int i = 0; i < 2; i++)
      {
        GtkSnapshot *snapshot = gtk_snapshot_new ();

        vp.offset_y += i == 0 ? vp.view_height * 0.4 : vp.view_height;
        dv_app_graph_renderer_snapshot (renderer, snapshot, &vp, -1, -1);
        gsk_render_node_unref (gtk_snapshot_free_to_node (snapshot));
        g_assert_cmpuint (dv_app_graph_renderer_get_n_builds (renderer), ==, rounds + i);
      }
    dv_app_graph_renderer_free (renderer);
  }

  dv_app_graph_view_zoom_out (f->view);
  g_assert_cmpfloat (dv_app_graph_view_get_scale (f->view) * 10, <, 9);
  dv_app_graph_view_zoom_fit (f->view);
  g_assert_cmpfloat (dv_app_graph_view_get_scale (f->view) * 10, >=, 9 - 1e-9);
}

/* Clicking a "+N more" re-lays the graph; the node whose children (or
 * parents) it opens stays at the same widget position, and the second
 * press of a double click does nothing to the node that took its place. */
static void
test_etcd_more_anchored (Fixture       *f,
                         gconstpointer  data)
{
  static const char *const focuses[] = {
    "crypto/tls.(*Conn).Handshake",
    "net/http.(*Server).Serve",
    "net/http.(*conn).serve",
  };
  g_autoptr(DvGraph) etcd = load_etcd ();
  const DvLayout *layout = NULL;
  int more = -1;
  DvSymbolId owner;
  double mx, my, ox, oy, ox2, oy2;
  guint ready = 0, busy;
  int under;

  if (etcd == NULL)
    {
      g_test_skip ("etcd-go1.19.deps-and-calls.txt.gz is not there");
      return;
    }
  dv_app_graph_view_set_graph (f->view, etcd);
  for (guint k = 0; k < G_N_ELEMENTS (focuses) && more < 0; k++)
    {
      dv_app_graph_view_set_focus (f->view, dv_graph_find_symbol (etcd, focuses[k], -1));
      wait_ready (f, ++ready);
      layout = dv_app_graph_view_get_layout (f->view);
      /* a net/http "+N more" if there is one, else any that opens */
      for (guint i = 0; i < layout->n_nodes; i++)
        {
          const DvLayoutNode *n = &layout->nodes[i];
          int o;

          if (!(n->flags & DV_LAYOUT_NODE_MORE) || n->more_owner == DV_SYMBOL_NONE)
            continue;
          o = dv_layout_find_symbol (layout, n->more_owner);
          if (more < 0 || g_str_has_prefix (layout->nodes[o].tooltip, "net/http."))
            more = i;
        }
      if (more >= 0)
        g_test_message ("focus %s: %s of %s", focuses[k], layout->nodes[more].label,
                        layout->nodes[dv_layout_find_symbol (layout, layout->nodes[more].more_owner)].tooltip);
    }
  g_assert_cmpint (more, >=, 0);

  owner = layout->nodes[more].more_owner;
  node_centre (f, more, &mx, &my);
  node_centre (f, dv_layout_find_symbol (layout, owner), &ox, &oy);
  busy = f->busy_on;

  /* A double click whose second press comes after the new layout is on
   * screen (a slow Graphviz run would let it come before). */
  dv_app_graph_view_press_at (f->view, mx, my, 1);
  dv_app_graph_view_release_at (f->view, mx, my, 1);
  wait_ready (f, ++ready);
  under = dv_app_graph_view_node_at (f->view, mx, my);
  if (under >= 0)
    g_test_message ("under the pointer now: %s", dv_app_graph_view_get_layout (f->view)->nodes[under].tooltip);
  dv_app_graph_view_press_at (f->view, mx, my, 2);
  dv_app_graph_view_release_at (f->view, mx, my, 2);
  drain (f);
  layout = dv_app_graph_view_get_layout (f->view);
  node_centre (f, dv_layout_find_symbol (layout, owner), &ox2, &oy2);
  g_test_message ("owner at (%.1f, %.1f), after the re-layout at (%.1f, %.1f)", ox, oy, ox2, oy2);
  g_assert_cmpfloat (fabs (ox2 - ox), <=, 1);
  g_assert_cmpfloat (fabs (oy2 - oy), <=, 1);
  /* one re-layout (the unfold), no expansion, nothing activated */
  g_assert_cmpuint (f->busy_on, ==, busy + 1);
  g_assert_cmpuint (f->ready, ==, ready);
  for (guint i = 0; i < layout->n_nodes; i++)
    g_assert_false (layout->nodes[i].flags & DV_LAYOUT_NODE_EXPANDED);
  g_assert_cmpuint (f->activated->len, ==, 0);
}

/* The steps of fmt.Fprintln's chain above main.main, root side first, as
 * the dump's breadth-first search finds them. */
static GPtrArray *
hello_startup_steps (void)
{
  GPtrArray *steps = g_ptr_array_new ();
  RefSym *sym = ref_lookup (hello_ref, "fmt.Fprintln");
  gboolean above_main = FALSE;

  while (sym->bfs_parent != hello_ref->root)
    {
      sym = sym->bfs_parent;
      if (above_main)
        g_ptr_array_insert (steps, 0, sym);
      if (g_str_equal (sym->name, "main.main"))
        above_main = TRUE;
    }
  return steps;
}

static int
find_fold (const DvLayout *layout,
           DvLayoutFold    fold)
{
  for (guint i = 0; i < layout->n_nodes; i++)
    if (layout->nodes[i].fold == fold)
      return i;
  return -1;
}

/* A click on "runtime start-up (N steps)" shows the N steps, the last of
 * them where the fold was; a double click on a step folds them again, the
 * fold where the step was. Nothing becomes the focus on the way. */
static void
test_startup_unfold (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) steps = hello_startup_steps ();
  g_autofree char *click_text = NULL;
  g_autofree char *tooltip = NULL;
  const DvLayout *layout;
  int fold, first, last;
  double fx, fy, x, y;
  guint busy;

  g_assert_cmpuint (steps->len, >=, 2);
  g_assert_cmpstr (((RefSym *) steps->pdata[0])->name, ==, "_rt0_amd64_linux");
  dv_app_graph_view_set_focus (f->view, symbol ("fmt.Fprintln"));
  wait_ready (f, 1);
  layout = dv_app_graph_view_get_layout (f->view);
  fold = find_fold (layout, DV_LAYOUT_FOLD_STARTUP);
  g_assert_cmpint (fold, >=, 0);
  g_assert_cmpuint (layout->nodes[fold].more_count, ==, steps->len);
  for (guint i = 0; i < steps->len; i++)
    g_assert_cmpint (dv_layout_find_symbol (layout, symbol (((RefSym *) steps->pdata[i])->name)), <, 0);

  tooltip = dv_app_graph_view_get_tooltip (f->view, fold);
  click_text = g_strdup_printf ("Click to show the %u start-up steps", steps->len);
  g_test_message ("start-up tooltip: %s", tooltip);
  g_assert_nonnull (strstr (tooltip, click_text));
  g_assert_nonnull (strstr (tooltip, "_rt0_amd64_linux"));
  g_assert_nonnull (strstr (tooltip, ((RefSym *) steps->pdata[steps->len - 1])->name));

  node_centre (f, fold, &fx, &fy);
  busy = f->busy_on;
  dv_app_graph_view_click_at (f->view, fx, fy, 1);
  g_assert_cmpuint (f->busy_on, ==, busy + 1);
  wait_ready (f, 2);
  layout = dv_app_graph_view_get_layout (f->view);
  g_assert_cmpint (find_fold (layout, DV_LAYOUT_FOLD_STARTUP), <, 0);
  /* every step on the chain, in the dump's order, right after the root */
  for (guint i = 0; i < steps->len; i++)
    {
      int index = dv_layout_find_symbol (layout, symbol (((RefSym *) steps->pdata[i])->name));

      g_assert_cmpint (index, >=, 0);
      g_assert_true (layout->nodes[index].flags & DV_LAYOUT_NODE_CHAIN);
      g_assert_cmpuint (layout->chain[1 + i], ==, index);
    }
  /* the last step took the fold's place under the pointer */
  last = dv_layout_find_symbol (layout, symbol (((RefSym *) steps->pdata[steps->len - 1])->name));
  node_centre (f, last, &x, &y);
  g_assert_cmpfloat (fabs (x - fx), <=, 1);
  g_assert_cmpfloat (fabs (y - fy), <=, 1);
  g_assert_cmpint (dv_app_graph_view_node_at (f->view, fx, fy), ==, last);
  g_assert_cmpuint (f->activated->len, ==, 0);
  g_clear_pointer (&tooltip, g_free);
  tooltip = dv_app_graph_view_get_tooltip (f->view, last);
  g_assert_nonnull (strstr (tooltip, "double-click or press Space to fold"));

  /* a double click on the first step folds the start-up again */
  first = dv_layout_find_symbol (layout, symbol ("_rt0_amd64_linux"));
  node_centre (f, first, &x, &y);
  dv_app_graph_view_click_at (f->view, x, y, 2);
  wait_ready (f, 3);
  drain (f);
  layout = dv_app_graph_view_get_layout (f->view);
  fold = find_fold (layout, DV_LAYOUT_FOLD_STARTUP);
  g_assert_cmpint (fold, >=, 0);
  g_assert_cmpuint (layout->nodes[fold].more_count, ==, steps->len);
  node_centre (f, fold, &fx, &fy);
  g_assert_cmpfloat (fabs (x - fx), <=, 1);
  g_assert_cmpfloat (fabs (y - fy), <=, 1);
  g_assert_cmpuint (f->activated->len, ==, 0);
  g_assert_cmpuint (dv_app_graph_view_get_focus (f->view), ==, symbol ("fmt.Fprintln"));

  /* from the keyboard: Enter on the fold shows the steps, with the last
   * step selected; Space on it folds them again */
  while (dv_app_graph_view_get_cursor (f->view) < 0 ||
         dv_app_graph_view_get_layout (f->view)->nodes[dv_app_graph_view_get_cursor (f->view)].fold != DV_LAYOUT_FOLD_STARTUP)
    {
      int before = dv_app_graph_view_get_cursor (f->view);

      press_key (f, "Up");
      g_assert_cmpint (dv_app_graph_view_get_cursor (f->view), !=, before);
    }
  press_key (f, "Return");
  wait_ready (f, 4);
  layout = dv_app_graph_view_get_layout (f->view);
  g_assert_cmpint (find_fold (layout, DV_LAYOUT_FOLD_STARTUP), <, 0);
  g_assert_cmpint (dv_app_graph_view_get_cursor (f->view), ==,
                   dv_layout_find_symbol (layout, symbol (((RefSym *) steps->pdata[steps->len - 1])->name)));
  press_key (f, "space");
  wait_ready (f, 5);
  layout = dv_app_graph_view_get_layout (f->view);
  g_assert_cmpint (find_fold (layout, DV_LAYOUT_FOLD_STARTUP), ==, dv_app_graph_view_get_cursor (f->view));
  g_assert_cmpuint (f->activated->len, ==, 0);
}

/* fmt.Fprintln's children in the dump: fmt.newPrinter, fmt.(*pp).doPrintln,
 * fmt.(*pp).free and three pieces of compiler metadata. */
static const char *const fprintln_metadata[] = {
  "gclocals·RT1JGNq6OcJkunM7qcDolg==",
  "gclocals·6FDJXLmAY6fdV5V/zopYfw==",
  "fmt.Errorf.arginfo1",
};

/* hide-metadata folds the three into "+3 metadata", on screen and in the
 * export; the fold's tooltip names them; turned off, they are drawn. */
static void
test_hide_metadata (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("graph-view-XXXXXX", NULL);
  g_autofree char *svg_path = g_build_filename (dir, "view.svg", NULL);
  g_autoptr(GFile) svg = g_file_new_for_path (svg_path);
  g_autofree char *contents = NULL;
  g_autofree char *tooltip = NULL;
  const char *label, *details;
  const DvLayout *layout;
  GError *error;
  int fold;

  g_assert_false (dv_app_graph_view_get_hide_metadata (f->view));
  dv_app_graph_view_set_hide_metadata (f->view, TRUE);
  g_assert_false (dv_app_graph_view_get_busy (f->view)); /* nothing to lay out yet */
  dv_app_graph_view_set_focus (f->view, symbol ("fmt.Fprintln"));
  wait_ready (f, 1);
  layout = dv_app_graph_view_get_layout (f->view);
  fold = find_fold (layout, DV_LAYOUT_FOLD_METADATA);
  g_assert_cmpint (fold, >=, 0);
  g_assert_cmpuint (layout->nodes[fold].more_count, ==, G_N_ELEMENTS (fprintln_metadata));
  tooltip = dv_app_graph_view_get_tooltip (f->view, fold);
  g_test_message ("metadata tooltip: %s", tooltip);
  g_assert_true (g_str_has_prefix (tooltip, "3 compiler metadata symbols of fmt.Fprintln: "));
  for (guint i = 0; i < G_N_ELEMENTS (fprintln_metadata); i++)
    {
      g_assert_cmpint (dv_layout_find_symbol (layout, symbol (fprintln_metadata[i])), <, 0);
      g_assert_nonnull (strstr (tooltip, fprintln_metadata[i]));
    }
  g_assert_cmpint (dv_layout_find_symbol (layout, symbol ("fmt.newPrinter")), >=, 0);

  /* the keyboard's description of the fold names them too */
  dv_app_graph_view_hover_at (f->view, -10, -10);
  {
    DvAppGraphView *view = f->view;
    double x, y;

    node_centre (f, fold, &x, &y);
    dv_app_graph_view_press_at (view, x, y, 1);
    label = dv_app_graph_view_get_description (view, &details);
    g_assert_nonnull (label);
    g_assert_nonnull (strstr (details, "gclocals·RT1JGNq6OcJkunM7qcDolg=="));
  }

  error = export (f, "svg", svg);
  g_assert_cmpstr (error->message, ==, "ok");
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (svg_path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "+3 metadata"));
  g_assert_null (strstr (contents, ">fmt.Errorf.arginfo1<"));
  g_clear_pointer (&contents, g_free);

  g_object_set (f->view, "hide-metadata", FALSE, NULL);
  g_assert_true (dv_app_graph_view_get_busy (f->view));
  wait_ready (f, 2);
  layout = dv_app_graph_view_get_layout (f->view);
  g_assert_cmpint (find_fold (layout, DV_LAYOUT_FOLD_METADATA), <, 0);
  for (guint i = 0; i < G_N_ELEMENTS (fprintln_metadata); i++)
    g_assert_cmpint (dv_layout_find_symbol (layout, symbol (fprintln_metadata[i])), >=, 0);
  error = export (f, "svg", svg);
  g_assert_cmpstr (error->message, ==, "ok");
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (svg_path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "metadata"));
  g_assert_nonnull (strstr (contents, "fmt.Errorf.arginfo1"));

  g_unlink (svg_path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_printerr ("no display: skipped\n");
      return 77;
    }
  adw_init ();

  path = ref_fixture ("hello-go1.19.deps.txt");
  bytes = ref_read_file (path);
  hello_ref = ref_dump_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  hello = dv_graph_load_path (path, NULL, &error);
  g_assert_no_error (error);

#define ADD(name, func) g_test_add ("/app/graph-view/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("focus", test_focus);
  ADD ("stale", test_stale);
  ADD ("click", test_click);
  ADD ("click-focus-anchored", test_click_focus_anchored);
  ADD ("more", test_more);
  ADD ("expand", test_expand);
  ADD ("unreachable", test_unreachable);
  ADD ("zoom", test_zoom);
  ADD ("export", test_export);
  ADD ("more-double-click", test_more_double_click);
  ADD ("keyboard", test_keyboard);
  ADD ("hover-cached", test_hover_cached);
  ADD ("etcd-legible", test_etcd_legible);
  ADD ("etcd-more-anchored", test_etcd_more_anchored);
  ADD ("etcd-timings", test_etcd_timings);
  ADD ("startup-unfold", test_startup_unfold);
  ADD ("hide-metadata", test_hide_metadata);
#undef ADD
  status = g_test_run ();

  dv_graph_unref (hello);
  ref_dump_free (hello_ref);
  return status;
}
