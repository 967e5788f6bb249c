/* bench-load: how fast a dump loads (parse, index, precompute) and how fast
 * a why query runs after. Prints figures; asserts nothing about time.
 *
 * usage: bench-load FILE [REPEATS]
 * Also times `wc -l` (plain) or `gzip -dc | wc -l` (gzip) on the same file
 * in the same run, so a noisy machine still gives a comparable ratio. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "dv-why.h"

static double
now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
time_baseline (const char *path, gboolean gzip)
{
  g_autofree char *quoted = g_shell_quote (path);
  g_autofree char *cmd = gzip ? g_strdup_printf ("gzip -dc %s | wc -l > /dev/null", quoted)
                              : g_strdup_printf ("wc -l %s > /dev/null", quoted);
  double t = now ();
  if (system (cmd) != 0)
    return -1;
  return now () - t;
}

int
main (int argc, char **argv)
{
  const char *path;
  int repeats;
  double best = 1e9, baseline;
  g_autoptr(DvGraph) graph = NULL;
  g_autoptr(GError) error = NULL;
  struct rusage ru;
  gboolean gzip;

  if (argc < 2)
    {
      fprintf (stderr, "usage: bench-load FILE [REPEATS]\n");
      return 2;
    }
  path = argv[1];
  repeats = argc > 2 ? atoi (argv[2]) : 3;
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      printf ("SKIP %s: not here\n", path);
      return 77;
    }
  gzip = g_str_has_suffix (path, ".gz");
  /* warm the page cache so the first run does not measure the disk */
  time_baseline (path, gzip);
  baseline = time_baseline (path, gzip);

  for (int i = 0; i < repeats; i++)
    {
      /* one graph at a time, so peak RSS is one load's */
      g_clear_pointer (&graph, dv_graph_unref);
      double t = now ();
      DvGraph *g = dv_graph_load_path (path, NULL, &error);
      t = now () - t;
      if (g == NULL)
        {
          fprintf (stderr, "bench-load: %s\n", error->message);
          return 1;
        }
      best = MIN (best, t);
      graph = g;
    }
  getrusage (RUSAGE_SELF, &ru);

  const DvGraphStats *st = dv_graph_get_stats (graph);
  double mb = st->bytes / 1e6;

  /* why queries: every reachable symbol in a fixed pseudo-random sample */
  guint n = dv_graph_get_n_symbols (graph), samples = 0;
  guint want = MIN (n, 20000u);
  double *times = g_new (double, want);
  guint64 total_steps = 0;
  GRand *rand = g_rand_new_with_seed (42);
  for (guint i = 0; i < want * 4 && samples < want; i++)
    {
      DvSymbolId id = g_rand_int_range (rand, 0, (gint32) n);
      if (!dv_why_symbol_reachable (graph, id) || id == dv_graph_get_root (graph))
        continue;
      double t0 = now ();
      GArray *chain = dv_why_symbol (graph, id);
      double t1 = now ();
      total_steps += chain->len;
      g_array_unref (chain);
      times[samples++] = (t1 - t0) * 1e6;
    }
  qsort (times, samples, sizeof (double), compare_double);
  double median_us = samples ? times[samples / 2] : 0;

  /* a package query too */
  DvPackageId pkg = dv_graph_find_package (graph, "regexp");
  double pkg_us = 0;
  if (pkg != DV_PACKAGE_NONE)
    {
      double t0 = now ();
      GArray *chain = dv_why_package (graph, pkg, NULL);
      pkg_us = (now () - t0) * 1e6;
      if (chain)
        g_array_unref (chain);
    }

  printf ("file            %s\n", path);
  printf ("lines           %" G_GUINT64_FORMAT "\n", st->lines);
  printf ("text            %.1f MB%s\n", mb, gzip ? " (after gunzip)" : "");
  printf ("symbols         %u\n", st->symbols);
  printf ("edges           %" G_GUINT64_FORMAT " dep, %" G_GUINT64_FORMAT " call\n",
          st->dep_edges, st->call_edges);
  printf ("load            %.3f s (best of %d)\n", best, repeats);
  printf ("throughput      %.0f MB/s\n", mb / best);
  printf ("baseline        %.3f s (%s)\n", baseline, gzip ? "gzip -dc | wc -l" : "wc -l");
  printf ("load/baseline   %.1fx\n", baseline > 0 ? best / baseline : 0);
  printf ("peak RSS        %.1f MB\n", ru.ru_maxrss / 1024.0);
  printf ("why query       %.2f us median over %u symbols (avg %.1f steps), p99 %.2f us\n",
          median_us, samples, samples ? (double) total_steps / samples : 0,
          samples ? times[(guint) (samples * 0.99)] : 0);
  if (pkg != DV_PACKAGE_NONE)
    printf ("package query   %.2f us (regexp)\n", pkg_us);
  g_free (times);
  g_rand_free (rand);
  return 0;
}
