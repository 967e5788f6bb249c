/* test-highlight.c: DvAppHighlight (app/dv-app-highlight.c), the one set
 * of marked symbols and packages the graph, the lists and the map read:
 * ids out of range are dropped, another graph sees nothing marked, and
 * "changed" fires once for each change and not for a clear of nothing. */
#include "config.h"

#include "dv-app-highlight.h"

static const char dump[] =
  "_ -> main.main\n"
  "main.main -> fmt.Println\n"
  "fmt.Println -> os.(*File).Write\n"
  "main.main -> strings.ToUpper\n";

static DvGraph *
load (void)
{
  g_autoptr(GError) error = NULL;
  DvGraph *graph = dv_graph_load_data (dump, sizeof dump - 1, "tiny", &error);

  g_assert_no_error (error);
  g_assert_nonnull (graph);
  return graph;
}

static void
count_cb (DvAppHighlight *highlight, guint *n)
{
  (*n)++;
}

static void
test_sets (void)
{
  DvGraph *graph = load ();
  DvGraph *other = load ();
  g_autoptr(DvAppHighlight) h = dv_app_highlight_new ();
  DvSymbolId fmt = dv_graph_find_symbol (graph, "fmt.Println", -1);
  DvSymbolId os = dv_graph_find_symbol (graph, "os.(*File).Write", -1);
  DvSymbolId strs = dv_graph_find_symbol (graph, "strings.ToUpper", -1);
  DvPackageId fmt_package = dv_graph_find_package (graph, "fmt");
  guint n_symbols = dv_graph_get_n_symbols (graph);
  /* twice fmt, one past the end, and the largest id */
  DvSymbolId symbols[] = { fmt, os, fmt, n_symbols, G_MAXUINT32 - 1 };
  DvPackageId packages[] = { fmt_package, dv_graph_get_n_packages (graph) };
  guint changes = 0;

  g_assert_cmpuint (fmt, !=, DV_SYMBOL_NONE);
  g_assert_cmpuint (os, !=, DV_SYMBOL_NONE);
  g_assert_cmpuint (strs, !=, DV_SYMBOL_NONE);
  g_assert_cmpuint (fmt_package, !=, DV_PACKAGE_NONE);
  g_signal_connect (h, "changed", G_CALLBACK (count_cb), &changes);

  /* nothing marked yet: a clear says nothing */
  dv_app_highlight_clear (h);
  g_assert_cmpuint (changes, ==, 0);
  g_assert_cmpint (dv_app_highlight_get_kind (h), ==, DV_APP_HIGHLIGHT_NONE);
  g_assert_false (dv_app_highlight_has_symbol (h, graph, fmt));

  dv_app_highlight_set (h, DV_APP_HIGHLIGHT_ADDED, graph, symbols, G_N_ELEMENTS (symbols),
                        packages, G_N_ELEMENTS (packages), "new since tiny-1");
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpint (dv_app_highlight_get_kind (h), ==, DV_APP_HIGHLIGHT_ADDED);
  g_assert_true (dv_app_highlight_get_graph (h) == graph);
  g_assert_cmpstr (dv_app_highlight_get_label (h), ==, "new since tiny-1");
  g_assert_cmpuint (dv_app_highlight_get_n_symbols (h), ==, 2);
  g_assert_cmpuint (dv_app_highlight_get_n_packages (h), ==, 1);
  g_assert_true (dv_app_highlight_has_symbol (h, graph, fmt));
  g_assert_true (dv_app_highlight_has_symbol (h, graph, os));
  g_assert_false (dv_app_highlight_has_symbol (h, graph, strs));
  g_assert_false (dv_app_highlight_has_symbol (h, graph, n_symbols));
  g_assert_false (dv_app_highlight_has_symbol (h, graph, DV_SYMBOL_NONE));
  g_assert_true (dv_app_highlight_has_package (h, graph, fmt_package));
  g_assert_false (dv_app_highlight_has_package (h, graph, dv_graph_get_n_packages (graph)));

  /* the same text loaded again is another graph: nothing of it is marked */
  g_assert_false (dv_app_highlight_has_symbol (h, other, dv_graph_find_symbol (other, "fmt.Println", -1)));
  g_assert_false (dv_app_highlight_has_package (h, other, dv_graph_find_package (other, "fmt")));
  g_assert_false (dv_app_highlight_has_symbol (h, NULL, fmt));

  /* a new set replaces the old one */
  dv_app_highlight_set (h, DV_APP_HIGHLIGHT_KEEPS, graph, &strs, 1, NULL, 0, "goes with main.main");
  g_assert_cmpuint (changes, ==, 2);
  g_assert_false (dv_app_highlight_has_symbol (h, graph, fmt));
  g_assert_true (dv_app_highlight_has_symbol (h, graph, strs));
  g_assert_false (dv_app_highlight_has_package (h, graph, fmt_package));

  /* a clear: once, then nothing more */
  dv_app_highlight_clear (h);
  g_assert_cmpuint (changes, ==, 3);
  dv_app_highlight_clear (h);
  g_assert_cmpuint (changes, ==, 3);
  g_assert_cmpuint (dv_app_highlight_get_n_symbols (h), ==, 0);
  g_assert_null (dv_app_highlight_get_graph (h));
  g_assert_false (dv_app_highlight_has_symbol (h, graph, strs));

  /* kind NONE marks nothing, whatever it is given */
  dv_app_highlight_set (h, DV_APP_HIGHLIGHT_NONE, graph, symbols, G_N_ELEMENTS (symbols), NULL, 0, "x");
  g_assert_cmpint (dv_app_highlight_get_kind (h), ==, DV_APP_HIGHLIGHT_NONE);
  g_assert_false (dv_app_highlight_has_symbol (h, graph, fmt));

  dv_graph_unref (other);
  dv_graph_unref (graph);
}

/* The pills say which mark, and a fold's says how many. */
static void
test_pills (void)
{
  g_autofree char *added = dv_app_highlight_kind_pill (DV_APP_HIGHLIGHT_ADDED, 1, FALSE);
  g_autofree char *keeps = dv_app_highlight_kind_pill (DV_APP_HIGHLIGHT_KEEPS, 1, FALSE);
  g_autofree char *fold = dv_app_highlight_kind_pill (DV_APP_HIGHLIGHT_ADDED, 3, TRUE);
  GdkRGBA a, k;

  g_assert_cmpstr (added, ==, "new");
  g_assert_cmpstr (keeps, ==, "goes");
  g_assert_cmpstr (fold, ==, "3 new");
  dv_app_highlight_kind_colour (DV_APP_HIGHLIGHT_ADDED, FALSE, &a);
  dv_app_highlight_kind_colour (DV_APP_HIGHLIGHT_KEEPS, FALSE, &k);
  g_assert_false (gdk_rgba_equal (&a, &k));
  /* green for new, warm for what goes */
  g_assert_cmpfloat (a.green, >, a.red);
  g_assert_cmpfloat (k.red, >, k.green);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/app/highlight/sets", test_sets);
  g_test_add_func ("/app/highlight/pills", test_pills);
  return g_test_run ();
}
