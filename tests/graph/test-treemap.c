/* The map of the binary (dv-treemap.c): the squarified layout's geometry
 * on made-up areas, and the map of the real etcd builds, whose numbers must
 * be those `depview-cli top --format=json` prints. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "dv-graph.h"
#include "dv-format-cost.h"
#include "dv-layout.h"
#include "dv-treemap.h"

/* ---- geometry ---------------------------------------------------------- */

static double
aspect (double w, double h)
{
  if (w <= 0 || h <= 0)
    return G_MAXDOUBLE;
  return MAX (w / h, h / w);
}

static gboolean
overlap (const double *a, const double *b, double eps)
{
  return a[0] + eps < b[0] + b[2] && b[0] + eps < a[0] + a[2]
         && a[1] + eps < b[1] + b[3] && b[1] + eps < a[1] + a[3];
}

static void
test_squarify_random (void)
{
  GRand *rand = g_rand_new_with_seed (12);
  double many_sq = 0, many_sd = 0;

  for (guint round = 0; round < 200; round++)
    {
      guint n = g_rand_int_range (rand, 1, 60);
      double w = g_rand_double_range (rand, 10, 1000), h = g_rand_double_range (rand, 10, 1000);
      g_autofree double *values = g_new (double, n);
      g_autofree double *areas = g_new (double, n);
      g_autofree double *out = g_new (double, 4 * n);
      double sum = 0;

      for (guint i = 0; i < n; i++)
        sum += values[i] = g_rand_double_range (rand, 1, 1000);
      /* sorted, most first, as the map hands them over */
      for (guint i = 0; i < n; i++)
        for (guint j = i + 1; j < n; j++)
          if (values[j] > values[i])
            {
              double t = values[i];
              values[i] = values[j];
              values[j] = t;
            }
      for (guint i = 0; i < n; i++)
        areas[i] = values[i] / sum * w * h;
      dv_treemap_squarify (areas, n, 0, 0, w, h, out);

      double covered = 0, worst_sq = 0, worst_sd = 0;
      for (guint i = 0; i < n; i++)
        {
          const double *r = out + 4 * i;
          g_assert_cmpfloat (r[0], >=, -1e-9);
          g_assert_cmpfloat (r[1], >=, -1e-9);
          g_assert_cmpfloat (r[0] + r[2], <=, w + 1e-6);
          g_assert_cmpfloat (r[1] + r[3], <=, h + 1e-6);
          g_assert_cmpfloat (fabs (r[2] * r[3] - areas[i]), <=, 1e-6 * w * h);
          covered += r[2] * r[3];
          for (guint j = 0; j < i; j++)
            g_assert_false (overlap (r, out + 4 * j, 1e-6));
          worst_sq += aspect (r[2], r[3]);
          /* slice and dice at one level: strips across the longer side */
          double strip = (w >= h ? w : h) * values[i] / sum;
          worst_sd += aspect (strip, w >= h ? h : w);
        }
      g_assert_cmpfloat (fabs (covered - w * h), <=, 1e-6 * w * h);
      /* the point of squarifying: mean aspect ratio no worse than strips,
       * and much better once there are many */
      g_assert_cmpfloat (worst_sq, <=, worst_sd + 1e-9);
      if (n >= 20)
        {
          many_sq += worst_sq / n;
          many_sd += worst_sd / n;
        }
    }
  g_assert_cmpfloat (many_sq, <, 0.25 * many_sd);
  g_rand_free (rand);
}

/* ---- the real etcd builds ---------------------------------------------- */

static char *
shared_file (const char *name)
{
  const char *dir = g_getenv ("DV_SHARED_TESTDATA");
  g_autofree char *path = NULL;

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("DV_SHARED_TESTDATA is not a directory");
      return NULL;
    }
  path = g_build_filename (dir, name, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("shared test data file missing");
      return NULL;
    }
  return g_steal_pointer (&path);
}

/* What depview-cli top says: package name -> size or retained, and the
 * summary's numbers. Read from its JSON by pattern: the JSON is flat. */
typedef struct {
  GHashTable *size;       /* name -> guint64 * */
  GHashTable *retained;
  guint64     shared_bytes, total_bytes, unexplained_bytes, unmatched_bytes;
  gboolean    total_known;
} TopAnswer;

static guint64
json_number (const char *json, const char *key, gboolean *found)
{
  g_autofree char *pattern = g_strdup_printf ("\"%s\": ([0-9]+|null)", key);
  g_autoptr(GRegex) re = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) m = NULL;
  if (!g_regex_match (re, json, 0, &m))
    g_error ("no %s in depview-cli's JSON", key);
  g_autofree char *v = g_match_info_fetch (m, 1);
  *found = strcmp (v, "null") != 0;
  return g_ascii_strtoull (v, NULL, 10);
}

static void
top_answer (TopAnswer *t, const char *dump, const char *sizes)
{
  const char *cli = g_getenv ("DV_CLI");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  g_autoptr(GError) error = NULL;
  g_autofree char *sizes_arg = g_strdup_printf ("--sizes=%s", sizes);
  const char *argv[] = { cli, "top", "--packages", "-n", "1000000", "--format=json", sizes_arg, dump, NULL };
  g_autoptr(GRegex) item = g_regex_new ("\\{\"name\": \"([^\"\\\\]*)\", \"package\": \"[^\"\\\\]*\", "
                                        "\"size\": ([0-9]+), \"retained\": ([0-9]+)", 0, 0, NULL);
  g_autoptr(GMatchInfo) m = NULL;
  gboolean found;

  g_assert_nonnull (cli);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  t->size = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  t->retained = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (g_regex_match (item, out, 0, &m); g_match_info_matches (m); g_match_info_next (m, NULL))
    {
      g_autofree char *size = g_match_info_fetch (m, 2);
      g_autofree char *retained = g_match_info_fetch (m, 3);
      guint64 *s = g_new (guint64, 1), *r = g_new (guint64, 1);
      *s = g_ascii_strtoull (size, NULL, 10);
      *r = g_ascii_strtoull (retained, NULL, 10);
      g_hash_table_insert (t->size, g_match_info_fetch (m, 1), s);
      g_hash_table_insert (t->retained, g_match_info_fetch (m, 1), r);
    }
  t->shared_bytes = json_number (out, "shared_bytes", &found);
  t->unmatched_bytes = json_number (out, "unmatched_bytes", &found);
  t->total_bytes = json_number (out, "total_bytes", &t->total_known);
  t->unexplained_bytes = json_number (out, "unexplained_bytes", &found);
}

static void
top_answer_clear (TopAnswer *t)
{
  g_hash_table_unref (t->size);
  g_hash_table_unref (t->retained);
}

/* Every rectangle inside its parent's (inner) rectangle, siblings apart,
 * areas in proportion to bytes where there is no padding. */
static void
check_layout (const DvTreemap *map, GArray *rects, gboolean proportional, double pad, double header)
{
  g_autoptr(GHashTable) by_node = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) siblings = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  const DvTreemapRect *top = &g_array_index (rects, DvTreemapRect, 0);
  double scale = top->w * top->h / (double) top->bytes;
  const double eps = 1e-6;

  for (guint i = 0; i < rects->len; i++)
    {
      const DvTreemapRect *r = &g_array_index (rects, DvTreemapRect, i);
      if (r->node != DV_TREEMAP_NODE_NONE)
        g_hash_table_insert (by_node, GUINT_TO_POINTER (r->node), (gpointer) r);
      if (i == 0)
        continue;
      /* the parent: the lump's is the node whose children it stands for */
      guint32 parent_node = r->node != DV_TREEMAP_NODE_NONE ? dv_treemap_get_node (map, r->node)->parent
                            : G_MAXUINT32;
      const DvTreemapRect *p = NULL;
      if (parent_node != G_MAXUINT32)
        p = g_hash_table_lookup (by_node, GUINT_TO_POINTER (parent_node));
      else
        for (guint j = i; j-- > 0;)
          if (g_array_index (rects, DvTreemapRect, j).depth == r->depth - 1)
            {
              p = &g_array_index (rects, DvTreemapRect, j);
              break;
            }
      g_assert_nonnull (p);
      g_assert_cmpuint (p->depth + 1, ==, r->depth);
      double in = p->depth > 0 ? pad : 0, head = p->depth > 0 ? header : 0;
      g_assert_cmpfloat (r->x, >=, p->x + in - eps);
      g_assert_cmpfloat (r->y, >=, p->y + in + head - eps);
      g_assert_cmpfloat (r->x + r->w, <=, p->x + p->w - in + eps);
      g_assert_cmpfloat (r->y + r->h, <=, p->y + p->h - in + eps);
      if (proportional)
        g_assert_cmpfloat (fabs (r->w * r->h - r->bytes * scale), <=, 1e-6 * top->w * top->h);
      GPtrArray *sib = g_hash_table_lookup (siblings, p);
      if (sib == NULL)
        g_hash_table_insert (siblings, (gpointer) p, sib = g_ptr_array_new ());
      g_ptr_array_add (sib, (gpointer) r);
    }

  /* no two siblings overlap: a sweep over x */
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init (&it, siblings);
  while (g_hash_table_iter_next (&it, &key, &value))
    {
      GPtrArray *sib = value;
      for (guint i = 0; i < sib->len; i++)
        {
          const DvTreemapRect *a = sib->pdata[i];
          double ra[4] = { a->x, a->y, a->w, a->h };
          for (guint j = i + 1; j < sib->len; j++)
            {
              const DvTreemapRect *b = sib->pdata[j];
              double rb[4] = { b->x, b->y, b->w, b->h };
              g_assert_false (overlap (ra, rb, 1e-6));
            }
        }
    }
}

static void
test_etcd (gconstpointer data)
{
  const char *version = data;
  g_autofree char *dump_name = g_strdup_printf ("etcd-go%s.deps-and-calls.txt.gz", version);
  g_autofree char *sizes_name = g_strdup_printf ("etcd-go%s.nm-size.txt.gz", version);
  g_autofree char *dump = shared_file (dump_name);
  g_autofree char *sizes_path = dump ? shared_file (sizes_name) : NULL;
  g_autoptr(GError) error = NULL;
  TopAnswer top = { 0 };

  if (sizes_path == NULL)
    return;
  top_answer (&top, dump, sizes_path);
  g_assert_cmpuint (g_hash_table_size (top.size), >, 100);

  g_autoptr(DvGraph) graph = dv_graph_load_path (dump, NULL, &error);
  g_assert_no_error (error);
  g_autoptr(DvSizes) sizes = dv_sizes_load_path (sizes_path, NULL, &error);
  g_assert_no_error (error);
  g_autoptr(DvCost) cost = dv_cost_new (graph, sizes);

  for (int mode = DV_TREEMAP_BY_SIZE; mode <= DV_TREEMAP_BY_RETAINED; mode++)
    {
      g_autoptr(DvTreemap) map = dv_treemap_new (cost, mode);
      const DvTreemapNode *root = dv_treemap_get_node (map, 0);
      GHashTable *expect = mode == DV_TREEMAP_BY_SIZE ? top.size : top.retained;
      guint n_packages = 0, expected_packages = 0;
      guint64 shared = 0, unexplained = 0, sum = 0;

      g_assert_cmpuint (root->kind, ==, DV_TREEMAP_KIND_ROOT);
      for (guint32 i = 0; i < root->n_children; i++)
        {
          const DvTreemapNode *n = dv_treemap_get_node (map, root->first_child + i);
          sum += n->bytes;
          g_assert_cmpuint (n->bytes, >, 0);
          if (i > 0)
            g_assert_cmpuint (n->bytes, <=, dv_treemap_get_node (map, root->first_child + i - 1)->bytes);
          if (n->kind == DV_TREEMAP_KIND_PACKAGE)
            {
              const char *name = dv_graph_package_name (graph, n->id);
              guint64 *want = g_hash_table_lookup (expect, name);
              n_packages++;
              g_assert_nonnull (want);
              g_assert_cmpuint (n->bytes, ==, *want);
              /* a package's symbols add up to it (by retained, with what it keeps of others) */
              guint64 children = 0;
              for (guint32 k = 0; k < n->n_children; k++)
                {
                  const DvTreemapNode *c = dv_treemap_get_node (map, n->first_child + k);
                  children += c->bytes;
                  if (c->kind == DV_TREEMAP_KIND_SYMBOL)
                    {
                      g_assert_cmpuint (dv_graph_symbol_package (graph, c->id), ==, n->id);
                      g_assert_cmpuint (dv_treemap_find_symbol (map, c->id), ==, n->first_child + k);
                    }
                }
              g_assert_cmpuint (children, ==, n->bytes);
              g_assert_cmpuint (n->colour, ==, dv_layout_package_colour (name));
            }
          else if (n->kind == DV_TREEMAP_KIND_SHARED)
            shared = n->bytes;
          else if (n->kind == DV_TREEMAP_KIND_UNEXPLAINED)
            unexplained = n->bytes;
        }
      GHashTableIter it;
      gpointer k, v;
      g_hash_table_iter_init (&it, expect);
      while (g_hash_table_iter_next (&it, &k, &v))
        expected_packages += *(guint64 *) v > 0;
      g_assert_cmpuint (n_packages, ==, expected_packages);
      g_assert_cmpuint (shared, ==, top.shared_bytes);
      g_assert_cmpuint (unexplained, ==, top.total_known ? top.unexplained_bytes : top.unmatched_bytes);
      g_assert_cmpuint (sum, ==, root->bytes);
      /* by own size the map is the binary; where the dump's symbols and
       * nm's pooled blocks add up to more than the -c totals (go1.26:
       * nothing unexplained), it is what they add up to */
      if (mode == DV_TREEMAP_BY_SIZE && top.total_known && unexplained > 0)
        g_assert_cmpuint (root->bytes, ==, top.total_bytes);
      else if (mode == DV_TREEMAP_BY_SIZE && top.total_known)
        g_assert_cmpuint (root->bytes, >=, top.total_bytes);
      if (mode == DV_TREEMAP_BY_SIZE)
        {
          guint64 packages = 0, no_package = 0;
          g_hash_table_iter_init (&it, top.size);
          while (g_hash_table_iter_next (&it, &k, &v))
            packages += *(guint64 *) v;
          guint32 np = 0;
          for (guint32 i = 0; i < root->n_children; i++)
            if (dv_treemap_get_node (map, root->first_child + i)->kind == DV_TREEMAP_KIND_NO_PACKAGE)
              np = root->first_child + i;
          if (np != 0)
            no_package = dv_treemap_get_node (map, np)->bytes;
          g_assert_cmpuint (root->bytes, ==, packages + top.shared_bytes + no_package + unexplained);
          if (g_test_verbose ())
            g_printerr ("go%s: packages %" G_GUINT64_FORMAT " shared %" G_GUINT64_FORMAT
                        " no package %" G_GUINT64_FORMAT " unexplained %" G_GUINT64_FORMAT
                        " = %" G_GUINT64_FORMAT ", -c total %" G_GUINT64_FORMAT "\n", version,
                        packages, top.shared_bytes, no_package, unexplained, root->bytes, top.total_bytes);
        }
      if (mode == DV_TREEMAP_BY_RETAINED)
        g_assert_cmpuint (root->bytes, >, top.total_known ? top.total_bytes : top.shared_bytes);

      /* every node, unpadded: areas in proportion; padded: inside the parents */
      DvTreemapStyle plain = { 0, 0, 0, 0 };
      g_autoptr(GArray) rects = dv_treemap_layout (map, 0, 0, 0, 1200, 800, &plain);
      g_assert_cmpuint (rects->len, ==, dv_treemap_get_n_nodes (map));
      check_layout (map, rects, TRUE, 0, 0);
      DvTreemapStyle padded = { 2, 14, 4, 0 };
      g_autoptr(GArray) drawn = dv_treemap_layout (map, 0, 10, 20, 1200, 800, &padded);
      g_assert_cmpuint (drawn->len, <, rects->len);
      check_layout (map, drawn, FALSE, 2, 14);
      if (g_test_verbose ())
        g_printerr ("go%s %s: %u nodes, %u rectangles drawn, root %" G_GUINT64_FORMAT "\n", version,
                    mode ? "retained" : "size", dv_treemap_get_n_nodes (map), drawn->len, root->bytes);

      /* squarified packages are squarer than slices of the width */
      double sq = 0, sd = 0;
      guint n = 0;
      for (guint i = 1; i < rects->len; i++)
        {
          const DvTreemapRect *r = &g_array_index (rects, DvTreemapRect, i);
          if (r->depth != 1)
            continue;
          sq += aspect (r->w, r->h);
          sd += aspect (1200.0 * r->bytes / root->bytes, 800);
          n++;
        }
      g_assert_cmpfloat (sq / n, <, 0.1 * sd / n);
    }
  top_answer_clear (&top);
}

static void
test_svg (void)
{
  g_autofree char *dump = shared_file ("etcd-go1.26.deps-and-calls.txt.gz");
  g_autofree char *sizes_path = dump ? shared_file ("etcd-go1.26.nm-size.txt.gz") : NULL;
  g_autoptr(GError) error = NULL;

  if (sizes_path == NULL)
    return;
  g_autoptr(DvGraph) graph = dv_graph_load_path (dump, NULL, &error);
  g_assert_no_error (error);
  g_autoptr(DvSizes) sizes = dv_sizes_load_path (sizes_path, NULL, &error);
  g_assert_no_error (error);
  g_autoptr(DvCost) cost = dv_cost_new (graph, sizes);
  g_autoptr(DvTreemap) map = dv_treemap_new (cost, DV_TREEMAP_BY_SIZE);
  g_autofree char *svg = dv_treemap_to_svg (map, 0, 1000, 700);

  /* well formed: GMarkup reads it to the end */
  GMarkupParser none = { 0 };
  g_autoptr(GMarkupParseContext) ctx = g_markup_parse_context_new (&none, 0, NULL, NULL);
  g_assert_true (g_markup_parse_context_parse (ctx, svg, -1, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (ctx, &error));
  g_assert_nonnull (strstr (svg, ">runtime "));
  g_assert_nonnull (strstr (svg, "(shared data)"));
  g_assert_nonnull (strstr (svg, "by own size"));
}

/* depview-cli map: an SVG whose title gives the binary's bytes as top
 * counts them, and --package the package's. */
static char *
run_cli (const char *const *argv, int *status)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, status, &error));
  g_assert_no_error (error);
  return out;
}

static void
test_cli_map (void)
{
  g_autofree char *dump = shared_file ("etcd-go1.19.deps-and-calls.txt.gz");
  g_autofree char *sizes_path = dump ? shared_file ("etcd-go1.19.nm-size.txt.gz") : NULL;
  TopAnswer top = { 0 };
  int status;

  if (sizes_path == NULL)
    return;
  top_answer (&top, dump, sizes_path);
  g_assert_true (top.total_known);
  g_autofree char *sizes_arg = g_strdup_printf ("--sizes=%s", sizes_path);
  const char *cli = g_getenv ("DV_CLI");
  const char *whole[] = { cli, "map", "--format=svg", sizes_arg, dump, NULL };
  g_autofree char *svg = run_cli (whole, &status);
  g_assert_cmpint (status, ==, 0);
  g_autofree char *total = dv_format_bytes (top.total_bytes);
  g_autofree char *title = g_strdup_printf ("<title>etcd-go1.19.deps-and-calls.txt.gz: %s by own size</title>", total);
  g_assert_nonnull (strstr (svg, title));
  g_autofree char *unexplained = dv_format_bytes (top.unexplained_bytes);
  g_autofree char *tip = g_strdup_printf ("<title>(unexplained): %s</title>", unexplained);
  g_assert_nonnull (strstr (svg, tip));

  const char *one[] = { cli, "map", "--package=runtime", sizes_arg, dump, NULL };
  g_autofree char *runtime = run_cli (one, &status);
  g_assert_cmpint (status, ==, 0);
  g_autofree char *bytes = dv_format_bytes (*(guint64 *) g_hash_table_lookup (top.size, "runtime"));
  g_autofree char *runtime_title = g_strdup_printf ("<title>runtime: %s by own size</title>", bytes);
  g_assert_nonnull (strstr (runtime, runtime_title));

  const char *none[] = { cli, "map", "--package=no/such/package", sizes_arg, dump, NULL };
  g_autofree char *nothing = run_cli (none, &status);
  g_assert_true (g_spawn_check_wait_status (status, NULL) == FALSE);
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  const char *no_sizes[] = { cli, "map", dump, NULL };
  g_autofree char *usage = run_cli (no_sizes, &status);
  g_assert_cmpint (WEXITSTATUS (status), ==, 2);
  top_answer_clear (&top);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/graph/treemap/squarify", test_squarify_random);
  g_test_add_data_func ("/graph/treemap/etcd/go1.19", "1.19", test_etcd);
  g_test_add_data_func ("/graph/treemap/etcd/go1.26", "1.26", test_etcd);
  g_test_add_func ("/graph/treemap/svg", test_svg);
  g_test_add_func ("/graph/treemap/cli-map", test_cli_map);
  return g_test_run ();
}
