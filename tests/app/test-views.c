/* test-views.c: the keeps, reflect and compare views on the real etcd dumps
 * with their sizes (Go 1.19 and 1.26), each number checked against what
 * depview-cli prints for the same question (`keeps`, `reflect`, `diff`,
 * `top`), never against the view's own code. Skipped without
 * $DV_SHARED_TESTDATA. */
#include "config.h"

#include <string.h>
#include <time.h>
#include <gtk/gtk.h>

#include "dv-app-compare-view.h"
#include "dv-app-keeps-view.h"
#include "dv-app-reflect-view.h"
#include "dv-app-view-item.h"
#include "dv-sizes.h"

#define WAIT_MS 120000

typedef struct {
  const char *version;   /* "1.19" */
  char       *dump;
  char       *sizes;
  DvGraph    *graph;
  DvCost     *cost;
} Build;

static Build builds[2] = { { "1.19" }, { "1.26" } };

/* ---------------------------------------------------------------------- */
/* Fixtures */

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

/* The build, loaded once with its sizes; NULL (test skipped) without the data. */
static Build *
get_build (guint i)
{
  Build *b = &builds[i];
  g_autofree char *dump_name = g_strdup_printf ("etcd-go%s.deps-and-calls.txt.gz", b->version);
  g_autofree char *sizes_name = g_strdup_printf ("etcd-go%s.nm-size.txt.gz", b->version);
  g_autoptr(GError) error = NULL;
  g_autoptr(DvSizes) sizes = NULL;

  if (b->graph != NULL)
    return b;
  b->dump = shared_file (dump_name);
  b->sizes = shared_file (sizes_name);
  if (b->dump == NULL || b->sizes == NULL)
    {
      g_test_skip ("no etcd dumps with sizes: set DV_SHARED_TESTDATA");
      return NULL;
    }
  b->graph = dv_graph_load_path (b->dump, NULL, &error);
  g_assert_no_error (error);
  sizes = dv_sizes_load_path (b->sizes, NULL, &error);
  g_assert_no_error (error);
  b->cost = dv_cost_new (b->graph, sizes);
  return b;
}

static char *
run_cli (const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_ptr_array_add (argv, (char *) g_getenv ("DEPVIEW_CLI"));
  g_assert_nonnull (argv->pdata[0]);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  /* 0: nothing found, 1: found (reflect, diff) */
  if (!g_spawn_check_wait_status (status, NULL))
    g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_assert_nonnull (out);
  return out;
}

/* A number after "key": in the CLI's JSON (the first one from `from` on). */
static guint64
json_number (const char *json,
             const char *key)
{
  g_autofree char *needle = g_strdup_printf ("\"%s\": ", key);
  const char *at = strstr (json, needle);

  g_assert_nonnull (at);
  return g_ascii_strtoull (at + strlen (needle), NULL, 10);
}

/* Every "key": "string" of the JSON text, in order, unescaped. */
static GPtrArray *
json_strings (const char *json,
              const char *key)
{
  g_autofree char *pattern = g_strdup_printf ("\"%s\": \"((?:[^\"\\\\]|\\\\.)*)\"", key);
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  g_regex_match (regex, json, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *raw = g_match_info_fetch (match, 1);
      g_ptr_array_add (out, g_strcompress (raw));
      g_match_info_next (match, NULL);
    }
  return out;
}

/* The strings of the one-line list "key": [...] of the JSON text. */
static GPtrArray *
json_line_list (const char *json,
                const char *key)
{
  g_autofree char *needle = g_strdup_printf ("\"%s\": [", key);
  const char *at = strstr (json, needle);
  g_autofree char *line = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("\"((?:[^\"\\\\]|\\\\.)*)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (at);
  at += strlen (needle);
  line = g_strndup (at, strchrnul (at, '\n') - at);
  g_regex_match (regex, line, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *raw = g_match_info_fetch (match, 1);
      g_ptr_array_add (out, g_strcompress (raw));
    }
  return out;
}

/* {"package": "P", "<key>": N} pairs of the JSON, as P -> N. */
static GHashTable *
json_package_numbers (const char *json,
                      const char *key)
{
  g_autofree char *pattern = g_strdup_printf ("\\{\"package\": \"((?:[^\"\\\\]|\\\\.)*)\", \"%s\": (\\d+)\\}", key);
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GHashTable *out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_regex_match (regex, json, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *raw = g_match_info_fetch (match, 1);
      g_autofree char *number = g_match_info_fetch (match, 2);
      guint64 *value = g_new (guint64, 1);

      *value = g_ascii_strtoull (number, NULL, 10);
      g_hash_table_insert (out, g_strcompress (raw), value);
      g_match_info_next (match, NULL);
    }
  return out;
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

typedef struct {
  gint64 last;       /* the UI thread's CPU time, in µs */
  double worst;      /* ms */
} Ticks;

/* CPU time, not wall time: on a machine shared by many, the thread waits
 * for a core too, which is not the view's doing. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
tick_cb (gpointer data)
{
  Ticks *t = data;
  gint64 now = thread_cpu_us ();

  t->worst = MAX (t->worst, (now - t->last) / 1000.0);
  t->last = now;
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until the view is idle; returns the most CPU time the
 * UI thread spent between two ticks of a 5 ms timer, in ms: how long it
 * was held at once while the view worked (and applied its result). */
static double
wait_idle (GtkWidget *view)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (WAIT_MS, timeout_cb, &timed_out);
  Ticks ticks = { thread_cpu_us (), 0 };
  guint tick = g_timeout_add (5, tick_cb, &ticks);
  gboolean busy = TRUE;

  while (!timed_out)
    {
      g_object_get (view, "busy", &busy, NULL);
      if (!busy)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_false (timed_out);
  g_source_remove (id);
  /* let the rows draw */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  tick_cb (&ticks);
  g_source_remove (tick);
  return ticks.worst;
}

static GtkWidget *
show_in_window (GtkWidget *view)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  /* the first frame (fonts, style) is not the view's to pay for */
  gtk_test_widget_wait_for_draw (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return window;
}

static void
symbol_activated_cb (GtkWidget *view,
                     guint      symbol,
                     gpointer   data)
{
  *(guint *) data = symbol;
}

/* The position of the first row of list whose item is `item`. */
static guint
position_of (GtkListView   *list,
             DvAppViewItem *item)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (dv_app_view_list_get_item (list, i) == item)
      return i;
  g_assert_not_reached ();
}

/* ---------------------------------------------------------------------- */
/* What the focus keeps alive */

static void
check_keeps (Build      *b,
             const char *name)
{
  const char *args[] = { "keeps", "--format=json", "--limit=100", "--sizes", b->sizes, b->dump, name, NULL };
  g_autofree char *json = run_cli (args);
  g_autoptr(GHashTable) counts = json_package_numbers (json, "symbols");
  g_autoptr(GHashTable) bytes = json_package_numbers (json, "bytes");
  g_autoptr(GPtrArray) nearest = json_line_list (json, "symbols");
  GtkWidget *view = dv_app_keeps_view_new ();
  GtkWidget *window = show_in_window (view);
  DvAppKeepsView *keeps = DV_APP_KEEPS_VIEW (view);
  DvSymbolId id = dv_graph_find_symbol (b->graph, name, -1);
  GListModel *packages;
  GArray *dominated;
  guint64 retained, view_bytes;
  g_autofree char *size = NULL;
  g_autofree char *count = NULL;
  guint activated = G_MAXUINT;

  g_assert_cmpuint (id, !=, DV_SYMBOL_NONE);
  dv_app_keeps_view_set_graph (keeps, b->graph, b->cost);
  dv_app_keeps_view_set_focus_symbol (keeps, id);
  g_assert_true (dv_app_keeps_view_get_busy (keeps));
  g_test_message ("keeps %s on Go %s: UI thread busy at most %.1f ms at once", name, b->version, wait_idle (view));

  dominated = dv_app_keeps_view_get_dominated (keeps);
  g_assert_nonnull (dominated);
  g_test_message ("keeps %s on Go %s: %u symbols", name, b->version, dominated->len);
  g_assert_cmpuint (dominated->len, ==, json_number (json, "removed"));
  g_assert_cmpuint (dv_app_keeps_view_get_n_functions (keeps), ==, json_number (json, "functions"));
  retained = json_number (json, "retained");
  g_assert_true (dv_app_keeps_view_get_bytes (keeps, &view_bytes));
  g_assert_cmpuint (view_bytes, ==, retained);
  /* the sentence: the count and the bytes */
  size = g_format_size (retained);
  count = g_strdup_printf (" these %u symbols (%s) ", dominated->len, size);
  g_assert_nonnull (strstr (dv_app_keeps_view_get_heading (keeps), count));
  g_assert_true (g_str_has_prefix (dv_app_keeps_view_get_heading (keeps), "If "));
  g_assert_nonnull (strstr (dv_app_keeps_view_get_heading (keeps), "were the recorded reasons the only ones"));

  /* nearest first, as the CLI lists them */
  g_assert_cmpuint (nearest->len, ==, MIN (100u, dominated->len) + 0);
  for (guint i = 0; i < nearest->len; i++)
    g_assert_cmpstr (dv_graph_symbol_name (b->graph, g_array_index (dominated, DvSymbolId, i)), ==,
                     g_ptr_array_index (nearest, i));
  g_assert_true (dv_app_keeps_view_contains (keeps, id));
  g_assert_false (dv_app_keeps_view_contains (keeps, dv_graph_get_root (b->graph)));

  /* one row a package, with the CLI's count and bytes */
  packages = dv_app_keeps_view_get_packages (keeps);
  g_assert_cmpuint (g_list_model_get_n_items (packages), ==, g_hash_table_size (counts));
  for (guint i = 0; i < g_list_model_get_n_items (packages); i++)
    {
      g_autoptr(DvAppViewItem) item = g_list_model_get_item (packages, i);
      DvPackageId p = dv_app_view_item_get_package (item);
      const char *pname = p == DV_PACKAGE_NONE ? "" : dv_graph_package_name (b->graph, p);
      guint64 *want = g_hash_table_lookup (counts, pname);
      guint64 *want_bytes = g_hash_table_lookup (bytes, pname);
      g_autofree char *detail = NULL;
      guint64 got;

      g_assert_nonnull (want);
      detail = g_strdup_printf (*want == 1 ? "%u symbol" : "%u symbols", (guint) *want);
      g_assert_cmpstr (dv_app_view_item_get_detail (item), ==, detail);
      g_assert_true (dv_app_view_item_get_bytes (item, &got));
      /* the CLI lists only packages with bytes */
      g_assert_cmpuint (got, ==, want_bytes ? *want_bytes : 0);
      if (i > 0)
        {
          g_autoptr(DvAppViewItem) before = g_list_model_get_item (packages, i - 1);
          guint64 prev;
          dv_app_view_item_get_bytes (before, &prev);
          g_assert_cmpuint (prev, >=, got);
        }
    }

  /* keyboard path: activating the first package opens it, a symbol row names its symbol */
  {
    GtkListView *list = dv_app_keeps_view_get_list (keeps);
    g_autoptr(DvAppViewItem) first = g_list_model_get_item (packages, 0);
    GListModel *children;
    DvAppViewItem *child;

    g_signal_connect (view, "symbol-activated", G_CALLBACK (symbol_activated_cb), &activated);
    g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (list)));
    gtk_widget_activate_action (GTK_WIDGET (list), "list.activate-item", "u", 0);
    g_assert_cmpuint (activated, ==, G_MAXUINT);
    children = dv_app_view_item_get_children (first);
    g_assert_nonnull (children);
    child = dv_app_view_list_get_item (list, 1);
    {
      g_autoptr(DvAppViewItem) first_child = g_list_model_get_item (children, 0);
      g_assert_true (child == first_child);
    }
    gtk_widget_activate_action (GTK_WIDGET (list), "list.activate-item", "u", 1);
    g_assert_cmpuint (activated, ==, dv_app_view_item_get_symbol (child));
    g_assert_true (dv_app_keeps_view_contains (keeps, activated));
    g_assert_cmpuint (dv_graph_symbol_package (b->graph, activated), ==, dv_app_view_item_get_package (first));
  }

  /* a focus set before the last one finished: only the last is shown */
  {
    const char *args2[] = { "keeps", "--format=json", b->dump, "encoding/json.Marshal", NULL };
    g_autofree char *json2 = run_cli (args2);
    DvSymbolId marshal = dv_graph_find_symbol (b->graph, "encoding/json.Marshal", -1);

    dv_app_keeps_view_set_focus_symbol (keeps, id);
    dv_app_keeps_view_set_focus_symbol (keeps, marshal);
    wait_idle (view);
    g_assert_cmpuint (dv_app_keeps_view_get_dominated (keeps)->len, ==, json_number (json2, "removed"));
    g_assert_nonnull (strstr (dv_app_keeps_view_get_heading (keeps), "encoding/json.Marshal"));
    /* and the older answer never arrives later */
    for (guint i = 0; i < 50; i++)
      g_main_context_iteration (NULL, FALSE);
    g_assert_cmpuint (dv_app_keeps_view_get_dominated (keeps)->len, ==, json_number (json2, "removed"));

    /* once more, the window drawn and warm */
    dv_app_keeps_view_set_focus_symbol (keeps, id);
    g_test_message ("keeps %s on Go %s again: UI thread busy at most %.1f ms at once",
                    name, b->version, wait_idle (view));
    g_assert_cmpuint (dv_app_keeps_view_get_dominated (keeps)->len, ==, json_number (json, "removed"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_keeps_symbol (gconstpointer data)
{
  Build *b = get_build (GPOINTER_TO_UINT (data));

  if (b != NULL)
    check_keeps (b, "go.etcd.io/etcd/etcdserver.NewServer");
}

/* A package's dominated set: its bytes are the package's retained size
 * that `depview-cli top --packages --by=retained` prints. */
static void
test_keeps_package (gconstpointer data)
{
  Build *b = get_build (GPOINTER_TO_UINT (data));
  const char *name = "go.etcd.io/etcd/etcdserver/api/v2discovery";
  GtkWidget *view, *window;
  DvAppKeepsView *keeps;
  g_autofree char *json = NULL;
  g_autofree char *item_pattern = NULL;
  const char *at;
  guint64 want, got;
  DvPackageId p;

  if (b == NULL)
    return;
  {
    const char *args[] = { "top", "--packages", "--by=retained", "--format=json", "--limit=100000",
                           "--sizes", b->sizes, b->dump, NULL };
    json = run_cli (args);
  }
  item_pattern = g_strdup_printf ("{\"name\": \"%s\"", name);
  at = strstr (json, item_pattern);
  g_assert_nonnull (at);
  want = json_number (at, "retained");
  p = dv_graph_find_package (b->graph, name);
  g_assert_cmpuint (p, !=, DV_PACKAGE_NONE);

  view = dv_app_keeps_view_new ();
  window = show_in_window (view);
  keeps = DV_APP_KEEPS_VIEW (view);
  dv_app_keeps_view_set_graph (keeps, b->graph, b->cost);
  dv_app_keeps_view_set_focus_package (keeps, p);
  wait_idle (view);
  g_assert_true (dv_app_keeps_view_get_bytes (keeps, &got));
  g_test_message ("keeps package %s on Go %s: %u symbols, %" G_GUINT64_FORMAT " bytes (top: %" G_GUINT64_FORMAT ")",
                  name, b->version, dv_app_keeps_view_get_dominated (keeps)->len, got, want);
  g_assert_cmpuint (got, ==, want);
  /* every live symbol of the package goes with it */
  {
    guint in_package = 0;
    GArray *d = dv_app_keeps_view_get_dominated (keeps);
    for (guint i = 0; i < d->len; i++)
      in_package += dv_graph_symbol_package (b->graph, g_array_index (d, DvSymbolId, i)) == p;
    g_assert_cmpuint (in_package, ==, dv_graph_package_n_reachable (b->graph, p));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---------------------------------------------------------------------- */
/* Reflection */

/* Each culprit's row says what removing it would free, with the numbers
 * of the CLI's "removal" for the same culprit. */
static void
check_reflect_removals (Build            *b,
                        DvAppReflectView *reflect,
                        const char       *json)
{
  const DvReflectReport *report = dv_app_reflect_view_get_report (reflect);
  GListModel *items = dv_app_reflect_view_get_items (reflect);
  g_auto(GStrv) lines = g_strsplit (json, "\n", -1);
  guint64 bytes = json_number (json, "bytes"), got = 0;
  g_autofree char *size = g_format_size (bytes);
  g_autofree char *methods = g_strdup_printf ("the %u methods below (%s)", report->n_kept_by_type, size);
  guint i = 0, freeing = 0;

  g_assert_cmpuint (json_number (json, "count"), ==, report->n_kept_by_type);
  g_assert_true (dv_app_reflect_view_get_kept_bytes (reflect, &got));
  g_assert_cmpuint (got, ==, bytes);
  for (guint k = 0; lines[k] != NULL; k++)
    {
      const char *line = lines[k];
      g_autoptr(DvAppViewItem) row = NULL;
      g_autoptr(GPtrArray) also = NULL;
      g_autoptr(GPtrArray) frees = NULL;
      const DvReflectCulprit *c;
      const char *detail;

      if (!g_str_has_prefix (line, "    {\"symbol\": "))
        continue;
      g_assert_cmpuint (i, <, report->culprits->len);
      c = &g_array_index (report->culprits, DvReflectCulprit, i);
      row = g_list_model_get_item (items, i);
      detail = dv_app_view_item_get_detail (row);
      /* the list ends where the numbers start */
      {
        g_autofree char *list = g_strndup (line, strstr (line, "], \"remaining\": ") - line);
        also = json_line_list (list, "also_removes");
      }
      frees = json_strings (line, "frees");
      g_assert_cmpuint (dv_app_view_item_get_symbol (row), ==, c->symbol);
      g_assert_cmpuint (c->dominated->len, ==, also->len);
      for (guint d = 0; d < also->len; d++)
        g_assert_cmpstr (dv_graph_symbol_name (b->graph, g_array_index (report->culprits, DvReflectCulprit,
                                                                        g_array_index (c->dominated, guint, d)).symbol),
                         ==, g_ptr_array_index (also, d));
      g_assert_cmpuint (c->n_remaining, ==, json_number (line, "remaining"));
      g_assert_cmpuint (c->n_remaining_direct, ==, json_number (line, "remaining_direct"));
      g_assert_cmpuint (frees->len, ==, 1);
      if (also->len > 0)
        {
          g_autofree char *takes = g_strdup_printf ("takes %u other culprit", also->len);
          g_assert_nonnull (strstr (detail, takes));
        }
      if (strcmp (g_ptr_array_index (frees, 0), "nothing") == 0)
        {
          g_autofree char *stay = g_strdup_printf ("frees nothing while %u other culprit", c->n_remaining_direct);
          g_assert_cmpint (c->frees, ==, DV_REFLECT_FREES_NOTHING);
          g_assert_nonnull (strstr (detail, c->n_remaining_direct > 0 ? stay : "frees nothing while"));
          g_assert_null (strstr (detail, methods));
        }
      else
        {
          g_autofree char *want = g_strdup_printf ("frees %s", methods);
          g_assert_cmpint (c->frees, ==, strcmp (g_ptr_array_index (frees, 0), "methods") == 0
                                           ? DV_REFLECT_FREES_METHODS : DV_REFLECT_FREES_UNLESS_INTERFACE);
          g_assert_nonnull (strstr (detail, want));
          g_assert_cmpint (strstr (detail, "unless an interface call") != NULL, ==,
                           c->frees == DV_REFLECT_FREES_UNLESS_INTERFACE);
          freeing++;
        }
      i++;
    }
  g_assert_cmpuint (i, ==, report->culprits->len);
  g_test_message ("reflect on Go %s: removing %u of %u culprits would free the %u methods (%s)",
                  b->version, freeing, i, report->n_kept_by_type, size);
}

static void
test_reflect (gconstpointer data)
{
  Build *b = get_build (GPOINTER_TO_UINT (data));
  g_autofree char *json = NULL;
  g_autoptr(GPtrArray) symbols = NULL;
  GtkWidget *view, *window;
  DvAppReflectView *reflect;
  const DvReflectReport *report;
  gboolean determinable;
  GListModel *items;
  guint activated = G_MAXUINT;

  if (b == NULL)
    return;
  {
    g_autofree char *sizes = g_strdup_printf ("--sizes=%s", b->sizes);
    const char *args[] = { "reflect", "--format=json", "--limit=100000", sizes, b->dump, NULL };
    json = run_cli (args);
  }
  determinable = strstr (json, "\"determinable\": true") != NULL;
  symbols = json_strings (json, "symbol");

  view = dv_app_reflect_view_new ();
  window = show_in_window (view);
  reflect = DV_APP_REFLECT_VIEW (view);
  dv_app_reflect_view_set_graph (reflect, b->graph, b->cost);
  g_test_message ("reflect on Go %s: UI thread busy at most %.1f ms at once", b->version, wait_idle (view));
  report = dv_app_reflect_view_get_report (reflect);
  g_assert_nonnull (report);
  g_test_message ("reflect on Go %s: %u culprits, %u methods kept through type descriptors",
                  b->version, report->culprits->len, report->n_kept_by_type);

  /* Go 1.19 prints no flag, 1.26 does */
  g_assert_cmpint (determinable, ==, strcmp (b->version, "1.19") != 0);
  g_assert_cmpint (report->determinable, ==, determinable);
  g_assert_cmpuint (report->culprits->len, ==, symbols->len);
  g_assert_cmpuint (report->culprits->len, >, 0);
  for (guint i = 0; i < symbols->len; i++)
    g_assert_cmpstr (dv_graph_symbol_name (b->graph, g_array_index (report->culprits, DvReflectCulprit, i).symbol),
                     ==, g_ptr_array_index (symbols, i));

  items = dv_app_reflect_view_get_items (reflect);
  if (determinable)
    {
      /* the certain one first, in the core's words */
      g_assert_nonnull (strstr (json, "\"certain\": true"));
      g_assert_true (g_array_index (report->culprits, DvReflectCulprit, 0).certain);
      g_assert_true (g_str_has_prefix (dv_app_reflect_view_get_heading (reflect), g_ptr_array_index (symbols, 0)));
      g_assert_nonnull (strstr (dv_app_reflect_view_get_heading (reflect), "keeps every exported method alive"));
      {
        g_autoptr(DvAppViewItem) first = g_list_model_get_item (items, 0);
        const char *detail = dv_app_view_item_get_detail (first);
        /* text/template is standard library, as the CLI says */
        gboolean std = strstr (json, "\"certain\": true, \"std\": true") != NULL;

        g_assert_true (g_str_has_prefix (detail, "certain: marked first"));
        g_assert_cmpint (strstr (detail, "standard library") != NULL, ==, std);
      }
    }
  else
    {
      guint64 count = json_number (json, "count");
      guint64 bytes = 0, got = 0;
      g_autoptr(DvAppViewItem) kept = g_list_model_get_item (items, g_list_model_get_n_items (items) - 1);

      g_assert_true (g_str_has_prefix (dv_app_reflect_view_get_heading (reflect),
                                       "The culprit cannot be proven from this dump"));
      g_assert_null (strstr (json, "\"certain\": true"));
      g_assert_cmpuint (report->n_kept_by_type, ==, count);
      /* the methods kept, every one of them, with their bytes */
      {
        g_autoptr(GPtrArray) names = json_line_list (json, "examples");

        g_assert_cmpuint (names->len, ==, count);
        for (guint i = 0; i < names->len; i++)
          {
            const char *name = g_ptr_array_index (names, i);
            DvSymbolId s = dv_graph_find_symbol (b->graph, name, -1);
            g_assert_cmpuint (s, !=, DV_SYMBOL_NONE);
            bytes += dv_cost_symbol_size (b->cost, s);
          }
      }
      g_assert_true (dv_app_reflect_view_get_kept_bytes (reflect, &got));
      g_test_message ("methods kept: %" G_GUINT64_FORMAT " bytes", got);
      g_assert_cmpuint (got, ==, bytes);
      g_assert_cmpuint (got, >, 0);
      g_assert_cmpint (dv_app_view_item_get_kind (kept), ==, DV_APP_VIEW_ITEM_HEADING);
      g_assert_true (dv_app_view_item_get_bytes (kept, &got));
      g_assert_cmpuint (got, ==, bytes);
    }

  check_reflect_removals (b, reflect, json);

  /* the first culprit opens on its chain, as long as the CLI's depth */
  {
    GtkListView *list = dv_app_reflect_view_get_list (reflect);
    g_autoptr(DvAppViewItem) first = g_list_model_get_item (items, 0);
    g_autofree char *depth_key = g_strdup_printf ("\"symbol\": \"%s\"", (char *) g_ptr_array_index (symbols, 0));
    guint depth = json_number (strstr (json, depth_key), "depth");
    GListModel *chain = dv_app_view_item_get_children (first);
    g_autoptr(DvAppViewItem) last = NULL;
    g_autoptr(DvAppViewItem) step = NULL;

    g_assert_cmpuint (g_list_model_get_n_items (chain), ==, depth);
    last = g_list_model_get_item (chain, depth - 1);
    g_assert_cmpuint (dv_app_view_item_get_symbol (last), ==, dv_app_view_item_get_symbol (first));
    g_signal_connect (view, "symbol-activated", G_CALLBACK (symbol_activated_cb), &activated);
    gtk_widget_activate_action (GTK_WIDGET (list), "list.activate-item", "u", 0);
    g_assert_cmpuint (activated, ==, dv_app_view_item_get_symbol (first));
    step = g_list_model_get_item (chain, 0);
    gtk_widget_activate_action (GTK_WIDGET (list), "list.activate-item", "u", 1);
    g_assert_cmpuint (activated, ==, dv_app_view_item_get_symbol (step));
    g_assert_cmpuint (position_of (list, step), ==, 1);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---------------------------------------------------------------------- */
/* Compare with another build */

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

typedef struct {
  guint    symbol;
  gboolean in_old;
} Activation;

static void
compare_activated_cb (GtkWidget *view,
                      guint      symbol,
                      gboolean   in_old,
                      gpointer   data)
{
  Activation *a = data;

  a->symbol = symbol;
  a->in_old = in_old;
}

static gboolean
contains_string (GPtrArray  *strings,
                 const char *s)
{
  for (guint i = 0; i < strings->len; i++)
    if (strcmp (g_ptr_array_index (strings, i), s) == 0)
      return TRUE;
  return FALSE;
}

static void
test_compare (void)
{
  Build *old = get_build (0), *new = old ? get_build (1) : NULL;
  g_autofree char *json = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *copied = NULL;
  g_autoptr(GPtrArray) added_packages = NULL;
  g_autoptr(GPtrArray) removed_packages = NULL;
  GtkWidget *view, *window;
  DvAppCompareView *compare;
  const DvDiff *d;
  GListModel *items;
  guint64 added_bytes = 0, removed_bytes = 0;

  if (new == NULL)
    return;
  {
    const char *args[] = { "diff", "--format=json", "--limit=0", "--sizes-old", old->sizes,
                           "--sizes-new", new->sizes, old->dump, new->dump, NULL };
    const char *margs[] = { "diff", "--format=markdown", "--sizes-old", old->sizes,
                            "--sizes-new", new->sizes, old->dump, new->dump, NULL };
    json = run_cli (args);
    markdown = run_cli (margs);
  }

  view = dv_app_compare_view_new ();
  window = show_in_window (view);
  compare = DV_APP_COMPARE_VIEW (view);
  dv_app_compare_view_set_builds (compare, old->graph, old->cost, new->graph, new->cost);
  g_test_message ("compare: UI thread busy at most %.1f ms at once", wait_idle (view));
  d = dv_app_compare_view_get_diff (compare);
  g_assert_nonnull (d);
  g_test_message ("compare Go 1.19 with 1.26: %u packages added, %u removed; %u symbols added, %u removed",
                  d->added_packages->len, d->removed_packages->len, d->added->len, d->removed->len);

  /* the counts */
  g_assert_cmpuint (d->added->len, ==, json_number (json, "added_symbols"));
  g_assert_cmpuint (d->removed->len, ==, json_number (json, "removed_symbols"));
  {
    const char *a = strstr (json, "\"added_packages\": [");
    const char *r = strstr (json, "\"removed_packages\": [");
    const char *end = strstr (json, "\"added_symbols\"");
    g_autofree char *a_text = g_strndup (a, r - a);
    g_autofree char *r_text = g_strndup (r, end - r);
    g_autoptr(GRegex) regex = g_regex_new ("\"([^\"]+)\"", 0, 0, NULL);
    g_autoptr(GMatchInfo) match = NULL;

    added_packages = g_ptr_array_new_with_free_func (g_free);
    removed_packages = g_ptr_array_new_with_free_func (g_free);
    g_regex_match (regex, strchr (a_text, '['), 0, &match);
    for (; g_match_info_matches (match); g_match_info_next (match, NULL))
      g_ptr_array_add (added_packages, g_match_info_fetch (match, 1));
    g_clear_pointer (&match, g_match_info_unref);
    g_regex_match (regex, strchr (r_text, '['), 0, &match);
    for (; g_match_info_matches (match); g_match_info_next (match, NULL))
      g_ptr_array_add (removed_packages, g_match_info_fetch (match, 1));
  }
  g_assert_cmpuint (d->added_packages->len, ==, added_packages->len);
  g_assert_cmpuint (d->removed_packages->len, ==, removed_packages->len);
  g_assert_cmpuint (added_packages->len, >, 0);
  {
    g_autofree char *heading = g_strdup_printf ("%u packages newly linked, %u no longer; %u symbols added, %u removed.",
                                                added_packages->len, removed_packages->len,
                                                d->added->len, d->removed->len);
    g_assert_cmpstr (dv_app_compare_view_get_heading (compare), ==, heading);
  }

  /* bytes of what was added and removed: the CLI's by-package sums */
  {
    g_autoptr(GHashTable) a = json_package_numbers (json, "added");
    g_autoptr(GRegex) regex = g_regex_new ("\"added_bytes\": (\\d+), \"removed_bytes\": (\\d+)", 0, 0, NULL);
    g_autoptr(GMatchInfo) match = NULL;

    g_regex_match (regex, json, 0, &match);
    for (; g_match_info_matches (match); g_match_info_next (match, NULL))
      {
        g_autofree char *x = g_match_info_fetch (match, 1);
        g_autofree char *y = g_match_info_fetch (match, 2);
        added_bytes += g_ascii_strtoull (x, NULL, 10);
        removed_bytes += g_ascii_strtoull (y, NULL, 10);
      }
    g_assert_cmpuint (added_bytes, >, 0);
  }

  items = dv_app_compare_view_get_items (compare);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 4);
  for (guint s = 0; s < 4; s++)
    {
      g_autoptr(DvAppViewItem) section = g_list_model_get_item (items, s);
      GListModel *children = dv_app_view_item_get_children (section);
      guint64 bytes;

      g_assert_true (dv_app_view_item_get_bytes (section, &bytes));
      switch (s)
        {
        case 0: /* packages newly linked, most bytes first, each with the CLI's size and chains */
          g_assert_cmpuint (g_list_model_get_n_items (children), ==, added_packages->len);
          for (guint i = 0; i < g_list_model_get_n_items (children); i++)
            {
              g_autoptr(DvAppViewItem) pkg = g_list_model_get_item (children, i);
              const char *name = dv_app_view_item_get_title (pkg);
              g_autofree char *key = g_strdup_printf ("{\"package\": \"%s\", \"size\": ", name);
              const char *entry = strstr (json, key);
              const char *chain_at, *code_at, *end;
              GListModel *steps = dv_app_view_item_get_children (pkg);
              g_autoptr(GPtrArray) want = g_ptr_array_new_with_free_func (g_free);
              guint64 got;

              g_assert_nonnull (entry);
              g_assert_true (contains_string (added_packages, name));
              g_assert_true (dv_app_view_item_get_bytes (pkg, &got));
              g_assert_cmpuint (got, ==, json_number (entry, "size"));
              chain_at = strstr (entry, "\"chain\": ");
              code_at = strstr (entry, "\"code_chain\": ");
              end = strchr (code_at, '\n');
              {
                g_autofree char *chain_text = g_strndup (chain_at, code_at - chain_at);
                g_autofree char *code_text = g_strndup (code_at, end - code_at);
                g_autoptr(GPtrArray) chain = json_strings (chain_text, "symbol");
                g_autoptr(GPtrArray) code = json_strings (code_text, "symbol");
                gboolean code_shown = code->len > 0
                                      && strcmp (g_ptr_array_index (code, code->len - 1),
                                                 g_ptr_array_index (chain, chain->len - 1)) != 0;
                guint k = 0;

                /* rows: [Which code uses it, code chain], Import chain, chain */
                if (code_shown)
                  {
                    g_autoptr(DvAppViewItem) note = g_list_model_get_item (steps, k++);
                    g_assert_cmpstr (dv_app_view_item_get_title (note), ==, "Which code uses it");
                    for (guint j = 0; j < code->len; j++)
                      {
                        g_autoptr(DvAppViewItem) step = g_list_model_get_item (steps, k++);
                        g_assert_cmpstr (dv_app_view_item_get_title (step), ==, g_ptr_array_index (code, j));
                      }
                  }
                {
                  g_autoptr(DvAppViewItem) note = g_list_model_get_item (steps, k++);
                  g_assert_cmpstr (dv_app_view_item_get_title (note), ==, "Import chain");
                }
                for (guint j = 0; j < chain->len; j++)
                  {
                    g_autoptr(DvAppViewItem) step = g_list_model_get_item (steps, k++);
                    g_assert_cmpstr (dv_app_view_item_get_title (step), ==, g_ptr_array_index (chain, j));
                  }
                g_assert_cmpuint (g_list_model_get_n_items (steps), ==, k);
              }
            }
          break;
        case 1:
          g_assert_cmpuint (g_list_model_get_n_items (children), ==, removed_packages->len);
          for (guint i = 0; i < g_list_model_get_n_items (children); i++)
            {
              g_autoptr(DvAppViewItem) pkg = g_list_model_get_item (children, i);
              g_assert_cmpstr (dv_app_view_item_get_title (pkg), ==, g_ptr_array_index (removed_packages, i));
              g_assert_cmpuint (dv_app_view_item_get_tag (pkg), ==, DV_APP_COMPARE_OLD);
            }
          break;
        case 2:
        case 3:
          {
            /* by package, with the CLI's counts and bytes for each */
            g_autoptr(GRegex) regex = g_regex_new ("\\{\"package\": \"((?:[^\"\\\\]|\\\\.)*)\", \"added\": (\\d+), "
                                                   "\"removed\": (\\d+), \"added_bytes\": (\\d+), \"removed_bytes\": (\\d+)\\}",
                                                   0, 0, NULL);
            g_autoptr(GMatchInfo) match = NULL;
            g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
            g_autoptr(GHashTable) want_bytes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
            guint total = 0, with_symbols = 0;
            GHashTableIter iter;
            gpointer value;

            g_regex_match (regex, json, 0, &match);
            for (; g_match_info_matches (match); g_match_info_next (match, NULL))
              {
                g_autofree char *raw = g_match_info_fetch (match, 1);
                g_autofree char *n = g_match_info_fetch (match, s == 2 ? 2 : 3);
                g_autofree char *b = g_match_info_fetch (match, s == 2 ? 4 : 5);
                guint64 *vn = g_new (guint64, 1), *vb = g_new (guint64, 1);
                *vn = g_ascii_strtoull (n, NULL, 10);
                *vb = g_ascii_strtoull (b, NULL, 10);
                g_hash_table_insert (counts, g_strcompress (raw), vn);
                g_hash_table_insert (want_bytes, g_strcompress (raw), vb);
              }
            g_assert_cmpuint (g_hash_table_size (counts), >, 0);
            g_hash_table_iter_init (&iter, counts);
            while (g_hash_table_iter_next (&iter, NULL, &value))
              with_symbols += *(guint64 *) value > 0;
            g_assert_cmpuint (g_list_model_get_n_items (children), ==, with_symbols);
            for (guint i = 0; i < g_list_model_get_n_items (children); i++)
              {
                g_autoptr(DvAppViewItem) pkg = g_list_model_get_item (children, i);
                DvPackageId p = dv_app_view_item_get_package (pkg);
                const DvGraph *g = s == 2 ? new->graph : old->graph;
                const char *pname = p == DV_PACKAGE_NONE ? "" : dv_graph_package_name (g, p);
                guint64 *want = g_hash_table_lookup (counts, pname);
                guint64 got;

                g_assert_nonnull (want);
                {
                  g_autofree char *detail = g_strdup_printf (*want == 1 ? "%u symbol" : "%u symbols", (guint) *want);
                  guint rows = *want > DV_APP_VIEW_CHUNK ? (guint) (*want + DV_APP_VIEW_CHUNK - 1) / DV_APP_VIEW_CHUNK
                                                         : (guint) *want;
                  g_assert_cmpstr (dv_app_view_item_get_detail (pkg), ==, detail);
                  g_assert_cmpuint (g_list_model_get_n_items (dv_app_view_item_get_children (pkg)), ==, rows);
                }
                g_assert_true (dv_app_view_item_get_bytes (pkg, &got));
                g_assert_cmpuint (got, ==, *(guint64 *) g_hash_table_lookup (want_bytes, pname));
                g_assert_cmpuint (dv_app_view_item_get_tag (pkg), ==, s == 2 ? 0 : DV_APP_COMPARE_OLD);
                total += *want;
              }
            g_assert_cmpuint (total, ==, s == 2 ? d->added->len : d->removed->len);
            g_assert_cmpuint (bytes, ==, s == 2 ? added_bytes : removed_bytes);
          }
          break;
        }
    }
  g_test_message ("added %" G_GUINT64_FORMAT " bytes, removed %" G_GUINT64_FORMAT, added_bytes, removed_bytes);

  /* the order of the new packages is the CLI's */
  {
    g_autoptr(DvAppViewItem) section = g_list_model_get_item (items, 0);
    GListModel *children = dv_app_view_item_get_children (section);
    const char *list = strstr (json, "\"new_packages\": [");
    g_autofree char *text = g_strndup (list, strstr (list, "\"by_package\"") - list);
    g_autoptr(GPtrArray) order = json_strings (text, "package");

    g_assert_cmpuint (order->len, ==, g_list_model_get_n_items (children));
    for (guint i = 0; i < g_list_model_get_n_items (children); i++)
      {
        g_autoptr(DvAppViewItem) pkg = g_list_model_get_item (children, i);
        g_assert_cmpstr (dv_app_view_item_get_title (pkg), ==, g_ptr_array_index (order, i));
      }
  }

  /* Copy as Markdown: byte for byte what the CLI prints */
  g_assert_cmpstr (dv_app_compare_view_get_markdown (compare), ==, markdown);
  g_assert_true (gtk_widget_activate_action (view, "compare.copy-markdown", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (view), NULL, read_text_cb, &copied);
  while (copied == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (copied, ==, markdown);

  /* a symbol of the old build says so */
  {
    GtkListView *list = dv_app_compare_view_get_list (compare);
    Activation got = { G_MAXUINT, FALSE };

    g_signal_connect (view, "symbol-activated", G_CALLBACK (compare_activated_cb), &got);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))), ==, 4);
    /* activating a section opens it; the rows of a long one are made then,
     * on the UI thread, so it must stay quick */
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      gtk_widget_activate_action (GTK_WIDGET (list), "list.activate-item", "u", 3);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_test_message ("opening the removed symbols' packages took %.1f ms", ms);
    }
    g_assert_cmpuint (got.symbol, ==, G_MAXUINT);
    /* the first package of them, then its first symbol */
    gtk_widget_activate_action (GTK_WIDGET (list), "list.activate-item", "u", 4);
    g_assert_cmpuint (got.symbol, ==, G_MAXUINT);
    {
      DvAppViewItem *pkg = dv_app_view_list_get_item (list, 4);
      guint pos = 5;
      DvAppViewItem *row = dv_app_view_list_get_item (list, pos);

      /* a package of more than a thousand opens on ranges of them */
      if (dv_app_view_item_get_kind (row) == DV_APP_VIEW_ITEM_RANGE)
        {
          g_assert_cmpuint (g_list_model_get_n_items (dv_app_view_item_get_children (pkg)), >, DV_APP_VIEW_CHUNK);
          gtk_widget_activate_action (GTK_WIDGET (list), "list.activate-item", "u", pos);
          g_assert_cmpuint (got.symbol, ==, G_MAXUINT);
          row = dv_app_view_list_get_item (list, ++pos);
        }
      g_assert_cmpint (dv_app_view_item_get_kind (row), ==, DV_APP_VIEW_ITEM_SYMBOL);
      gtk_widget_activate_action (GTK_WIDGET (list), "list.activate-item", "u", pos);
      g_assert_cmpuint (got.symbol, ==, dv_app_view_item_get_symbol (row));
      g_assert_true (got.in_old);
      g_assert_cmpstr (dv_graph_symbol_name (old->graph, got.symbol), ==, dv_app_view_item_get_title (row));
      g_assert_cmpuint (dv_graph_symbol_package (old->graph, got.symbol), ==, dv_app_view_item_get_package (pkg));
      /* one of the removed */
      {
        gboolean found = FALSE;
        for (guint i = 0; i < d->removed->len && !found; i++)
          found = g_array_index (d->removed, DvSymbolId, i) == got.symbol;
        g_assert_true (found);
      }
    }
    /* and one of the new build, from the first new package's chain */
    gtk_widget_activate_action (GTK_WIDGET (list), "list.activate-item", "u", 0);
    gtk_widget_activate_action (GTK_WIDGET (list), "list.activate-item", "u", 1);
    gtk_widget_activate_action (GTK_WIDGET (list), "list.activate-item", "u", 2);
    g_assert_cmpint (dv_app_view_item_get_kind (dv_app_view_list_get_item (list, 2)), ==, DV_APP_VIEW_ITEM_NOTE);
    gtk_widget_activate_action (GTK_WIDGET (list), "list.activate-item", "u", 3);
    g_assert_cmpuint (got.symbol, ==, dv_app_view_item_get_symbol (dv_app_view_list_get_item (list, 3)));
    g_assert_cmpstr (dv_graph_symbol_name (new->graph, got.symbol), ==,
                     dv_app_view_item_get_title (dv_app_view_list_get_item (list, 3)));
    g_assert_false (got.in_old);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Without ../shared and without sizes: the fixtures of tests/data. */
static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static void
test_compare_fixtures (void)
{
  g_autofree char *hello = fixture ("hello-go1.19.deps.txt");
  g_autofree char *hazards = fixture ("hazards-go1.19.deps.txt");
  const char *args[] = { "diff", "--format=json", "--limit=0", hello, hazards, NULL };
  const char *margs[] = { "diff", "--format=markdown", hello, hazards, NULL };
  g_autofree char *json = run_cli (args);
  g_autofree char *markdown = run_cli (margs);
  g_autoptr(DvGraph) before = dv_graph_load_path (hello, NULL, NULL);
  g_autoptr(DvGraph) after = dv_graph_load_path (hazards, NULL, NULL);
  GtkWidget *view = dv_app_compare_view_new ();
  GtkWidget *window = show_in_window (view);
  DvAppCompareView *compare = DV_APP_COMPARE_VIEW (view);
  const DvDiff *d;
  GListModel *items;

  g_assert_nonnull (before);
  g_assert_nonnull (after);
  dv_app_compare_view_set_builds (compare, before, NULL, after, NULL);
  wait_idle (view);
  d = dv_app_compare_view_get_diff (compare);
  g_assert_cmpuint (d->added->len, ==, json_number (json, "added_symbols"));
  g_assert_cmpuint (d->removed->len, ==, json_number (json, "removed_symbols"));
  g_assert_cmpuint (d->added_packages->len, ==, 8);
  g_assert_cmpuint (d->removed_packages->len, ==, 0);
  g_assert_cmpstr (dv_app_compare_view_get_markdown (compare), ==, markdown);
  /* sections: new packages, symbols added, symbols removed; no bytes anywhere */
  items = dv_app_compare_view_get_items (compare);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(DvAppViewItem) section = g_list_model_get_item (items, i);
      g_autoptr(DvAppViewItem) first = g_list_model_get_item (dv_app_view_item_get_children (section), 0);
      g_assert_false (dv_app_view_item_get_bytes (section, NULL));
      g_assert_false (dv_app_view_item_get_bytes (first, NULL));
    }
  {
    g_autoptr(DvAppViewItem) section = g_list_model_get_item (items, 0);
    g_autoptr(DvAppViewItem) first = g_list_model_get_item (dv_app_view_item_get_children (section), 0);
    g_assert_cmpstr (dv_app_view_item_get_title (first), ==, "encoding/json");
  }
  /* a new comparison replaces the old one: the same build twice is no change */
  dv_app_compare_view_set_builds (compare, before, NULL, after, NULL);
  dv_app_compare_view_set_builds (compare, after, NULL, after, NULL);
  wait_idle (view);
  d = dv_app_compare_view_get_diff (compare);
  g_assert_cmpuint (d->added->len + d->removed->len + d->added_packages->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_keeps_fixture (void)
{
  g_autofree char *dump = fixture ("hello-go1.19.deps.txt");
  const char *args[] = { "keeps", "--format=json", dump, "main.main", NULL };
  g_autofree char *json = run_cli (args);
  g_autoptr(GHashTable) counts = json_package_numbers (json, "symbols");
  g_autoptr(DvGraph) graph = dv_graph_load_path (dump, NULL, NULL);
  GtkWidget *view = dv_app_keeps_view_new ();
  GtkWidget *window = show_in_window (view);
  DvAppKeepsView *keeps = DV_APP_KEEPS_VIEW (view);
  DvSymbolId unreachable = DV_SYMBOL_NONE;
  GListModel *packages;

  g_assert_nonnull (graph);
  g_assert_null (dv_app_keeps_view_get_dominated (keeps));
  dv_app_keeps_view_set_graph (keeps, graph, NULL);
  dv_app_keeps_view_set_focus_symbol (keeps, dv_graph_find_symbol (graph, "main.main", -1));
  wait_idle (view);
  g_assert_cmpuint (dv_app_keeps_view_get_dominated (keeps)->len, ==, json_number (json, "removed"));
  g_assert_cmpuint (dv_app_keeps_view_get_n_functions (keeps), ==, json_number (json, "functions"));
  g_assert_false (dv_app_keeps_view_get_bytes (keeps, NULL));
  g_assert_cmpstr (dv_app_keeps_view_get_heading (keeps), ==,
                   "If main.main went, these 997 symbols would go, were the recorded reasons the only ones.");
  packages = dv_app_keeps_view_get_packages (keeps);
  g_assert_cmpuint (g_list_model_get_n_items (packages), ==, g_hash_table_size (counts));
  {
    /* no sizes: most symbols first, as the CLI lists them */
    g_autoptr(DvAppViewItem) first = g_list_model_get_item (packages, 0);
    g_assert_cmpstr (dv_app_view_item_get_title (first), ==, "(no package)");
    g_assert_cmpstr (dv_app_view_item_get_detail (first), ==, "669 symbols");
    g_assert_false (dv_app_view_item_get_bytes (first, NULL));
  }

  /* a symbol no recorded path reaches keeps nothing */
  for (DvSymbolId s = 0; s < dv_graph_get_n_symbols (graph) && unreachable == DV_SYMBOL_NONE; s++)
    if (!dv_why_symbol_reachable (graph, s))
      unreachable = s;
  g_assert_cmpuint (unreachable, !=, DV_SYMBOL_NONE);
  dv_app_keeps_view_set_focus_symbol (keeps, unreachable);
  wait_idle (view);
  g_assert_cmpuint (dv_app_keeps_view_get_dominated (keeps)->len, ==, 0);
  g_assert_nonnull (strstr (dv_app_keeps_view_get_heading (keeps), "has no recorded path from the root"));
  g_assert_cmpuint (g_list_model_get_n_items (packages), ==, 0);

  /* clearing the focus drops the set */
  dv_app_keeps_view_clear_focus (keeps);
  g_assert_null (dv_app_keeps_view_get_dominated (keeps));
  g_assert_false (dv_app_keeps_view_get_busy (keeps));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_reflect_fixture (void)
{
  g_autofree char *dump = fixture ("modern-go1.22.deps-and-calls.txt.gz");
  const char *args[] = { "reflect", "--format=json", dump, NULL };
  g_autofree char *json = run_cli (args);
  g_autoptr(GPtrArray) symbols = json_strings (json, "symbol");
  g_autoptr(DvGraph) graph = dv_graph_load_path (dump, NULL, NULL);
  GtkWidget *view = dv_app_reflect_view_new ();
  GtkWidget *window = show_in_window (view);
  const DvReflectReport *report;

  g_assert_nonnull (graph);
  dv_app_reflect_view_set_graph (DV_APP_REFLECT_VIEW (view), graph, NULL);
  wait_idle (view);
  report = dv_app_reflect_view_get_report (DV_APP_REFLECT_VIEW (view));
  g_assert_true (report->determinable);
  g_assert_cmpuint (report->culprits->len, ==, symbols->len);
  g_assert_cmpstr (g_ptr_array_index (symbols, 0), ==, "main.dynReflect");
  g_assert_cmpstr (dv_app_reflect_view_get_heading (DV_APP_REFLECT_VIEW (view)), ==,
                   "main.dynReflect keeps every exported method alive: it is the first function the linker marked <ReflectMethod>.");
  g_assert_false (dv_app_reflect_view_get_kept_bytes (DV_APP_REFLECT_VIEW (view), NULL));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* What the three views share: the same widgets and accessible names, one
 * "busy" notification at the start of a computation and one at its end,
 * however many computations replace each other, the spinner shown only
 * while busy, and only the newest computation's answer shown. */
static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          gpointer    data)
{
  (*(guint *) data)++;
}

static void
check_layout (GtkWidget   *view,
              const char  *css_name,
              const char  *label,
              const char  *list_label,
              PangoWrapMode wrap,
              guint        n_top)
{
  GtkWidget *top = gtk_widget_get_first_child (view);
  GtkWidget *scrolled = gtk_widget_get_next_sibling (top);
  GtkWidget *texts = gtk_widget_get_first_child (top);
  GtkWidget *heading = gtk_widget_get_first_child (texts);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (heading);
  GtkWidget *spinner = gtk_widget_get_next_sibling (texts);
  guint n = 0;

  g_assert_cmpstr (gtk_widget_get_css_name (view), ==, css_name);
  /* run-under-xvfb.sh turns accessibility off (GTK_A11Y=none): no
   * accessible to ask then; run the test alone to check the names */
  if (g_strcmp0 (g_getenv ("GTK_A11Y"), "none") != 0)
    {
      gtk_test_accessible_assert_role (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_ROLE_GROUP);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, label);
    }
  g_assert_true (GTK_IS_BOX_LAYOUT (gtk_widget_get_layout_manager (view)));
  g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (view))), ==,
                   GTK_ORIENTATION_VERTICAL);

  g_assert_true (GTK_IS_BOX (top));
  g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (top)), ==, GTK_ORIENTATION_HORIZONTAL);
  g_assert_cmpint (gtk_widget_get_margin_top (top), ==, 12);
  g_assert_cmpint (gtk_widget_get_margin_bottom (top), ==, 6);
  for (GtkWidget *c = gtk_widget_get_first_child (top); c != NULL; c = gtk_widget_get_next_sibling (c))
    n++;
  g_assert_cmpuint (n, ==, n_top);
  g_assert_true (GTK_IS_LABEL (heading));
  g_assert_true (gtk_widget_has_css_class (heading, "heading"));
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (heading)));
  g_assert_cmpint (gtk_label_get_wrap_mode (GTK_LABEL (heading)), ==, wrap);
  g_assert_true (GTK_IS_LABEL (subtitle));
  g_assert_true (gtk_widget_has_css_class (subtitle, "dim-label"));
  g_assert_false (gtk_widget_get_visible (subtitle));
  g_assert_true (GTK_IS_SPINNER (spinner));
  g_assert_false (gtk_widget_get_visible (spinner));

  g_assert_true (GTK_IS_SCROLLED_WINDOW (scrolled));
  g_assert_null (gtk_widget_get_next_sibling (scrolled));
  g_assert_true (GTK_IS_LIST_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled))));
  if (g_strcmp0 (g_getenv ("GTK_A11Y"), "none") != 0)
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled))),
                                         GTK_ACCESSIBLE_PROPERTY_LABEL, list_label);
}

static GtkSpinner *
view_spinner (GtkWidget *view)
{
  return GTK_SPINNER (gtk_widget_get_next_sibling (gtk_widget_get_first_child (gtk_widget_get_first_child (view))));
}

static void
test_plumbing (void)
{
  g_autofree char *hello = fixture ("hello-go1.19.deps.txt");
  g_autofree char *hazards = fixture ("hazards-go1.19.deps.txt");
  g_autoptr(DvGraph) before = dv_graph_load_path (hello, NULL, NULL);
  g_autoptr(DvGraph) after = dv_graph_load_path (hazards, NULL, NULL);
  GtkWidget *keeps = dv_app_keeps_view_new ();
  GtkWidget *reflect = dv_app_reflect_view_new ();
  GtkWidget *compare = dv_app_compare_view_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *window;
  GtkWidget *copy;
  guint n_keeps = 0, n_reflect = 0, n_compare = 0;
  DvSymbolId main_main, runtime_main;

  g_assert_nonnull (before);
  g_assert_nonnull (after);
  main_main = dv_graph_find_symbol (before, "main.main", -1);
  runtime_main = dv_graph_find_symbol (before, "runtime.main", -1);
  g_assert_cmpuint (main_main, !=, DV_SYMBOL_NONE);
  g_assert_cmpuint (runtime_main, !=, DV_SYMBOL_NONE);
  gtk_box_append (GTK_BOX (box), keeps);
  gtk_box_append (GTK_BOX (box), reflect);
  gtk_box_append (GTK_BOX (box), compare);
  window = show_in_window (box);

  check_layout (keeps, "keepsview", "What the focus keeps alive", "What the focus keeps alive, by package",
                PANGO_WRAP_WORD_CHAR, 2);
  check_layout (reflect, "reflectview", "Reflection: who disables method elimination",
                "Functions that keep every exported method, and the methods kept", PANGO_WRAP_WORD_CHAR, 2);
  check_layout (compare, "compareview", "Comparison with another build", "Packages and symbols added and removed",
                PANGO_WRAP_WORD, 3);
  copy = gtk_widget_get_last_child (gtk_widget_get_first_child (compare));
  g_assert_true (GTK_IS_BUTTON (copy));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (copy)), ==, "Copy as _Markdown");
  /* the keeps view invites a focus before it has a heading of its own */
  g_assert_null (dv_app_keeps_view_get_heading (DV_APP_KEEPS_VIEW (keeps)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (gtk_widget_get_first_child (gtk_widget_get_first_child (keeps))))),
                   ==, "Choose a symbol or package to see what it keeps alive.");
  g_assert_false (gtk_widget_is_sensitive (copy));

  g_signal_connect (keeps, "notify::busy", G_CALLBACK (count_cb), &n_keeps);
  g_signal_connect (reflect, "notify::busy", G_CALLBACK (count_cb), &n_reflect);
  g_signal_connect (compare, "notify::busy", G_CALLBACK (count_cb), &n_compare);

  /* a second focus takes the first one's place: busy once, its answer only */
  dv_app_keeps_view_set_graph (DV_APP_KEEPS_VIEW (keeps), before, NULL);
  g_assert_cmpuint (n_keeps, ==, 0);
  dv_app_keeps_view_set_focus_symbol (DV_APP_KEEPS_VIEW (keeps), runtime_main);
  g_assert_true (dv_app_keeps_view_get_busy (DV_APP_KEEPS_VIEW (keeps)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view_spinner (keeps))));
  g_assert_true (gtk_spinner_get_spinning (view_spinner (keeps)));
  g_assert_cmpstr (dv_app_keeps_view_get_heading (DV_APP_KEEPS_VIEW (keeps)), ==,
                   "Working out what runtime.main keeps alive…");
  dv_app_keeps_view_set_focus_symbol (DV_APP_KEEPS_VIEW (keeps), main_main);
  g_assert_cmpuint (n_keeps, ==, 1);
  wait_idle (keeps);
  g_assert_cmpuint (n_keeps, ==, 2);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (view_spinner (keeps))));
  g_assert_false (gtk_spinner_get_spinning (view_spinner (keeps)));
  g_assert_cmpstr (dv_app_keeps_view_get_heading (DV_APP_KEEPS_VIEW (keeps)), ==,
                   "If main.main went, these 997 symbols would go, were the recorded reasons the only ones.");
  /* a stale answer arriving late changes nothing */
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (n_keeps, ==, 2);
  /* clearing while busy: busy ends at once, no answer follows */
  dv_app_keeps_view_set_focus_symbol (DV_APP_KEEPS_VIEW (keeps), runtime_main);
  dv_app_keeps_view_clear_focus (DV_APP_KEEPS_VIEW (keeps));
  g_assert_cmpuint (n_keeps, ==, 4);
  g_assert_false (dv_app_keeps_view_get_busy (DV_APP_KEEPS_VIEW (keeps)));
  g_assert_cmpstr (dv_app_keeps_view_get_heading (DV_APP_KEEPS_VIEW (keeps)), ==,
                   "Choose a symbol or package to see what it keeps alive.");
  g_usleep (200000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (dv_app_keeps_view_get_dominated (DV_APP_KEEPS_VIEW (keeps)));
  g_assert_cmpuint (n_keeps, ==, 4);

  /* a new graph replaces the running report: it ends the first
   * computation (not busy), then starts its own */
  dv_app_reflect_view_set_graph (DV_APP_REFLECT_VIEW (reflect), after, NULL);
  g_assert_cmpstr (dv_app_reflect_view_get_heading (DV_APP_REFLECT_VIEW (reflect)), ==,
                   "Looking for the functions that keep every exported method…");
  dv_app_reflect_view_set_graph (DV_APP_REFLECT_VIEW (reflect), before, NULL);
  g_assert_cmpuint (n_reflect, ==, 3);
  wait_idle (reflect);
  g_assert_cmpuint (n_reflect, ==, 4);
  g_assert_nonnull (dv_app_reflect_view_get_report (DV_APP_REFLECT_VIEW (reflect)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (view_spinner (reflect))));

  dv_app_compare_view_set_builds (DV_APP_COMPARE_VIEW (compare), before, NULL, after, NULL);
  g_assert_cmpstr (dv_app_compare_view_get_heading (DV_APP_COMPARE_VIEW (compare)), ==, "Comparing the two builds…");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view_spinner (compare))));
  wait_idle (compare);
  g_assert_cmpuint (n_compare, ==, 2);
  g_assert_true (gtk_widget_is_sensitive (copy));
  g_assert_nonnull (dv_app_compare_view_get_diff (DV_APP_COMPARE_VIEW (compare)));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* On a big dump (DV_VIEWS_BIG_DUMP, such as the 10x one of bench/load.sh):
 * how long each view holds the UI thread at once. Figures only. */
static void
test_big_dump (void)
{
  const char *path = g_getenv ("DV_VIEWS_BIG_DUMP");
  g_autoptr(DvGraph) graph = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *keeps, *reflect, *window;
  gint64 start;
  double worst;

  if (path == NULL)
    {
      g_test_skip ("set DV_VIEWS_BIG_DUMP to a big dump");
      return;
    }
  graph = dv_graph_load_path (path, NULL, &error);
  g_assert_no_error (error);

  keeps = dv_app_keeps_view_new ();
  window = show_in_window (keeps);
  dv_app_keeps_view_set_graph (DV_APP_KEEPS_VIEW (keeps), graph, NULL);
  start = g_get_monotonic_time ();
  dv_app_keeps_view_set_focus_symbol (DV_APP_KEEPS_VIEW (keeps), dv_graph_find_symbol (graph, "main.main", -1));
  worst = wait_idle (keeps);
  g_test_message ("big dump, keeps main.main: %u symbols in %.0f ms, UI thread busy at most %.1f ms at once",
                  dv_app_keeps_view_get_dominated (DV_APP_KEEPS_VIEW (keeps))->len,
                  (g_get_monotonic_time () - start) / 1000.0, worst);
  start = g_get_monotonic_time ();
  dv_app_keeps_view_set_focus_package (DV_APP_KEEPS_VIEW (keeps), dv_graph_find_package (graph, "net/http"));
  worst = wait_idle (keeps);
  g_test_message ("big dump, keeps net/http: %u symbols in %.0f ms, UI thread busy at most %.1f ms at once",
                  dv_app_keeps_view_get_dominated (DV_APP_KEEPS_VIEW (keeps))->len,
                  (g_get_monotonic_time () - start) / 1000.0, worst);
  gtk_window_destroy (GTK_WINDOW (window));

  reflect = dv_app_reflect_view_new ();
  window = show_in_window (reflect);
  start = g_get_monotonic_time ();
  dv_app_reflect_view_set_graph (DV_APP_REFLECT_VIEW (reflect), graph, NULL);
  worst = wait_idle (reflect);
  g_test_message ("big dump, reflect: %u culprits in %.0f ms, UI thread busy at most %.1f ms at once",
                  dv_app_reflect_view_get_report (DV_APP_REFLECT_VIEW (reflect))->culprits->len,
                  (g_get_monotonic_time () - start) / 1000.0, worst);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/app/views/keeps/symbol/go1.19", GUINT_TO_POINTER (0), test_keeps_symbol);
  g_test_add_data_func ("/app/views/keeps/symbol/go1.26", GUINT_TO_POINTER (1), test_keeps_symbol);
  g_test_add_data_func ("/app/views/keeps/package/go1.19", GUINT_TO_POINTER (0), test_keeps_package);
  g_test_add_data_func ("/app/views/keeps/package/go1.26", GUINT_TO_POINTER (1), test_keeps_package);
  g_test_add_data_func ("/app/views/reflect/go1.19", GUINT_TO_POINTER (0), test_reflect);
  g_test_add_data_func ("/app/views/reflect/go1.26", GUINT_TO_POINTER (1), test_reflect);
  g_test_add_func ("/app/views/compare/go1.19-go1.26", test_compare);
  g_test_add_func ("/app/views/big-dump", test_big_dump);
  g_test_add_func ("/app/views/compare/fixtures", test_compare_fixtures);
  g_test_add_func ("/app/views/reflect/fixture", test_reflect_fixture);
  g_test_add_func ("/app/views/keeps/fixture", test_keeps_fixture);
  g_test_add_func ("/app/views/plumbing", test_plumbing);

  status = g_test_run ();
  for (guint i = 0; i < G_N_ELEMENTS (builds); i++)
    {
      g_clear_pointer (&builds[i].cost, dv_cost_free);
      g_clear_pointer (&builds[i].graph, dv_graph_unref);
      g_free (builds[i].dump);
      g_free (builds[i].sizes);
    }
  return status;
}
