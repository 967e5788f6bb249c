/* bench-load: how fast a dump loads (parse, index, precompute) and how fast
 * a why query runs after. Prints figures; asserts nothing about time.
 *
 * usage: bench-load FILE [REPEATS [OTHER]]
 * FILE is plain text or gzip; OTHER, if given, is the same dump in the other
 * form. In the same run it times `wc -l` on the plain text (unpacked to a
 * temporary file when only the gzip is given) and `gzip -dc | wc -l` on the
 * gzip, so a noisy machine still gives comparable ratios. Each load runs in
 * a child process of its own, so the peak RSS printed is one load's. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dv-why.h"

typedef struct
{
  int     ok;
  double  load;         /* seconds, wall */
  double  cpu;          /* seconds, user + system, every thread */
  guint64 lines, bytes, dep_edges, call_edges;
  guint   symbols;
  /* the why queries, measured by the last child only */
  guint   samples;
  double  median_us, p99_us, avg_steps, pkg_us;
  int     has_pkg;
} Result;

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

/* Seconds for the shell command, best of three (the first also warms
 * the page cache). */
static double
time_command (const char *cmd)
{
  double best = -1;

  for (int i = 0; i < 3; i++)
    {
      double t = now ();
      if (system (cmd) != 0)
        return -1;
      t = now () - t;
      if (best < 0 || t < best)
        best = t;
    }
  return best;
}

static double
cpu_seconds (const struct rusage *ru)
{
  return ru->ru_utime.tv_sec + ru->ru_utime.tv_usec / 1e6 + ru->ru_stime.tv_sec
         + ru->ru_stime.tv_usec / 1e6;
}

static void
measure_queries (DvGraph *graph, Result *r)
{
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
  r->samples = samples;
  r->median_us = samples ? times[samples / 2] : 0;
  r->p99_us = samples ? times[(guint) (samples * 0.99)] : 0;
  r->avg_steps = samples ? (double) total_steps / samples : 0;

  /* a package query too */
  DvPackageId pkg = dv_graph_find_package (graph, "regexp");
  if (pkg != DV_PACKAGE_NONE)
    {
      double t0 = now ();
      GArray *chain = dv_why_package (graph, pkg, NULL);
      r->pkg_us = (now () - t0) * 1e6;
      r->has_pkg = 1;
      if (chain)
        g_array_unref (chain);
    }
  g_free (times);
  g_rand_free (rand);
}

/* One load in a child process; its figures come back through a pipe. */
static gboolean
load_in_child (const char *path, gboolean queries, Result *out)
{
  int fds[2];
  pid_t pid;
  struct rusage ru;
  int status;

  memset (out, 0, sizeof *out);
  if (pipe (fds) != 0)
    return FALSE;
  fflush (stdout);
  pid = fork ();
  if (pid < 0)
    return FALSE;
  if (pid == 0)
    {
      Result r = { 0 };
      GError *error = NULL;
      close (fds[0]);
      double t = now ();
      DvGraph *g = dv_graph_load_path (path, NULL, &error);
      r.load = now () - t;
      if (g == NULL)
        fprintf (stderr, "bench-load: %s\n", error->message);
      else
        {
          const DvGraphStats *st = dv_graph_get_stats (g);
          r.ok = 1;
          r.lines = st->lines;
          r.bytes = st->bytes;
          r.symbols = st->symbols;
          r.dep_edges = st->dep_edges;
          r.call_edges = st->call_edges;
          if (queries)
            measure_queries (g, &r);
        }
      if (write (fds[1], &r, sizeof r) != (ssize_t) sizeof r)
        _exit (1);
      _exit (0);
    }
  close (fds[1]);
  gsize got = 0;
  while (got < sizeof *out)
    {
      ssize_t k = read (fds[0], (char *) out + got, sizeof *out - got);
      if (k < 0 && errno == EINTR)
        continue;
      if (k <= 0)
        break;
      got += (gsize) k;
    }
  close (fds[0]);
  if (wait4 (pid, &status, 0, &ru) != pid)
    return FALSE;
  out->cpu = cpu_seconds (&ru);
  return got == sizeof *out && out->ok && WIFEXITED (status) && WEXITSTATUS (status) == 0;
}

int
main (int argc, char **argv)
{
  const char *path, *other;
  const char *plain = NULL, *gz = NULL;
  g_autofree char *tmp_plain = NULL;
  int repeats;
  Result best = { 0 };
  double best_cpu = 1e9;
  struct rusage ru;

  if (argc < 2)
    {
      fprintf (stderr, "usage: bench-load FILE [REPEATS [OTHER]]\n");
      return 2;
    }
  path = argv[1];
  repeats = argc > 2 ? MAX (atoi (argv[2]), 1) : 3;
  other = argc > 3 ? argv[3] : NULL;
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      printf ("SKIP %s: not here\n", path);
      return 77;
    }
  if (g_str_has_suffix (path, ".gz"))
    {
      gz = path;
      plain = other;
    }
  else
    {
      plain = path;
      gz = other;
    }
  if (plain == NULL)
    {
      /* wc -l needs the text itself: unpack it once, outside the timing */
      int fd = g_file_open_tmp ("bench-load-XXXXXX.txt", &tmp_plain, NULL);
      g_autofree char *q_gz = g_shell_quote (gz), *q_tmp = NULL;
      if (fd < 0)
        return 1;
      close (fd);
      q_tmp = g_shell_quote (tmp_plain);
      g_autofree char *cmd = g_strdup_printf ("gzip -dc %s > %s", q_gz, q_tmp);
      if (system (cmd) != 0)
        return 1;
      plain = tmp_plain;
    }

  g_autofree char *q_plain = g_shell_quote (plain);
  g_autofree char *wc_cmd = g_strdup_printf ("wc -l %s > /dev/null", q_plain);
  double wc = time_command (wc_cmd);
  double gunzip_wc = -1;
  if (gz != NULL)
    {
      g_autofree char *q = g_shell_quote (gz);
      g_autofree char *cmd = g_strdup_printf ("gzip -dc %s | wc -l > /dev/null", q);
      gunzip_wc = time_command (cmd);
    }
  if (tmp_plain != NULL)
    unlink (tmp_plain);

  double best_load = 1e9;
  for (int i = 0; i < repeats; i++)
    {
      /* the counts are the same every time; the queries run in the last */
      if (!load_in_child (path, i == repeats - 1, &best))
        return 1;
      best_load = MIN (best_load, best.load);
      best_cpu = MIN (best_cpu, best.cpu);
    }
  best.load = best_load;
  /* the largest resident set of any one child: one load (and, in the
   * last, the queries) */
  getrusage (RUSAGE_CHILDREN, &ru);

  double mb = best.bytes / 1e6;
  double peak_mb = ru.ru_maxrss / 1024.0;

  printf ("file            %s\n", path);
  printf ("lines           %" G_GUINT64_FORMAT "\n", best.lines);
  printf ("text            %.1f MB%s\n", mb, gz == path ? " (after gunzip)" : "");
  printf ("symbols         %u\n", best.symbols);
  printf ("edges           %" G_GUINT64_FORMAT " dep, %" G_GUINT64_FORMAT " call\n",
          best.dep_edges, best.call_edges);
  printf ("load            %.3f s (best of %d, wall), %.3f s CPU (best, all threads)\n",
          best.load, repeats, best_cpu);
  printf ("throughput      %.0f MB/s\n", mb / best.load);
  printf ("wc -l           %.3f s on the plain text; load/wc            %.1fx\n",
          wc, wc > 0 ? best.load / wc : 0);
  if (gunzip_wc > 0)
    printf ("gzip -dc | wc   %.3f s on the gzip;       load/(gzip -dc|wc) %.1fx\n",
            gunzip_wc, best.load / gunzip_wc);
  else
    printf ("gzip -dc | wc   (no gzip of this file given)\n");
  printf ("peak RSS        %.1f MB (one load)\n", peak_mb);
  printf ("RSS per line    %.0f bytes\n", best.lines ? ru.ru_maxrss * 1024.0 / best.lines : 0);
  printf ("why query       %.2f us median over %u symbols (avg %.1f steps), p99 %.2f us\n",
          best.median_us, best.samples, best.avg_steps, best.p99_us);
  if (best.has_pkg)
    printf ("package query   %.2f us (regexp)\n", best.pkg_us);
  return 0;
}
