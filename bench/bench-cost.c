/* bench-cost: how long the sizes take next to the load: matching nm sizes
 * to the dump's symbols, the dominator tree and every package's retained
 * size, all in dv_cost_new. Prints figures; asserts nothing about time.
 *
 * usage: bench-cost DUMP SIZES [REPEATS]
 * The target (issue: sizes on the 10x file) is cost well under a second. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "dv-cost.h"

static double
clock_s (clockid_t clock)
{
  struct timespec ts;
  clock_gettime (clock, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
now (void)
{
  return clock_s (CLOCK_MONOTONIC);
}

/* dv_cost_new logs how its time splits (g_debug); keep the last such line
 * so the parts are shown without a timing field in the public API. */
static char *last_parts;

static GLogWriterOutput
writer_cb (GLogLevelFlags   level,
           const GLogField *fields,
           gsize            n_fields,
           gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (strcmp (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0
        && g_str_has_prefix (fields[i].value, "sizes and dominators "))
      {
        g_free (last_parts);
        last_parts = g_strdup (fields[i].value);
        return G_LOG_WRITER_HANDLED;
      }
  if (level & G_LOG_LEVEL_DEBUG)
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

int
main (int argc, char **argv)
{
  const char *dump_path, *sizes_path;
  int repeats;
  double best_load = 1e9, best_sizes = 1e9, best_cost = 1e9, best_cost_cpu = 1e9;
  g_autofree char *best_parts = NULL;
  g_autoptr(DvGraph) graph = NULL;
  g_autoptr(DvSizes) sizes = NULL;
  g_autoptr(GError) error = NULL;
  struct rusage ru;

  if (argc < 3)
    {
      fprintf (stderr, "usage: bench-cost DUMP SIZES [REPEATS]\n");
      return 2;
    }
  dump_path = argv[1];
  sizes_path = argv[2];
  repeats = argc > 3 ? MAX (atoi (argv[3]), 1) : 3;
  if (!g_file_test (dump_path, G_FILE_TEST_EXISTS) || !g_file_test (sizes_path, G_FILE_TEST_EXISTS))
    {
      printf ("SKIP %s or %s: not here\n", dump_path, sizes_path);
      return 77;
    }
  g_log_set_writer_func (writer_cb, NULL, NULL);

  for (int i = 0; i < repeats; i++)
    {
      /* one graph at a time, so peak RSS is one load's and one cost's */
      g_clear_pointer (&graph, dv_graph_unref);
      g_clear_pointer (&sizes, dv_sizes_unref);
      double t = now ();
      graph = dv_graph_load_path (dump_path, NULL, &error);
      best_load = MIN (best_load, now () - t);
      if (graph == NULL)
        {
          fprintf (stderr, "bench-cost: %s\n", error->message);
          return 1;
        }
      t = now ();
      sizes = dv_sizes_load_path (sizes_path, NULL, &error);
      best_sizes = MIN (best_sizes, now () - t);
      if (sizes == NULL)
        {
          fprintf (stderr, "bench-cost: %s\n", error->message);
          return 1;
        }
      /* CPU time too: on a shared machine the wall time says more about
       * the neighbours than about the code */
      double cpu = clock_s (CLOCK_PROCESS_CPUTIME_ID);
      t = now ();
      DvCost *cost = dv_cost_new (graph, sizes);
      t = now () - t;
      best_cost_cpu = MIN (best_cost_cpu, clock_s (CLOCK_PROCESS_CPUTIME_ID) - cpu);
      if (t < best_cost)
        {
          best_cost = t;
          g_free (best_parts);
          best_parts = g_steal_pointer (&last_parts);
        }
      if (i == repeats - 1)
        {
          const DvCostSummary *s = dv_cost_get_summary (cost);
          g_autoptr(GArray) top = dv_cost_top (cost, TRUE, TRUE, 1);
          printf ("matched         %u symbols, %" G_GUINT64_FORMAT " bytes\n",
                  s->matched_symbols, s->matched_bytes);
          if (top->len > 0)
            {
              const DvCostItem *it = &g_array_index (top, DvCostItem, 0);
              printf ("top retained    %s, %" G_GUINT64_FORMAT " bytes\n",
                      dv_graph_package_name (graph, it->id), it->retained);
            }
        }
      dv_cost_free (cost);
    }
  getrusage (RUSAGE_SELF, &ru);

  const DvGraphStats *st = dv_graph_get_stats (graph);
  printf ("dump            %s\n", dump_path);
  printf ("sizes           %s (%u entries)\n", sizes_path, dv_sizes_get_n_entries (sizes));
  printf ("lines           %" G_GUINT64_FORMAT "\n", st->lines);
  printf ("symbols         %u, packages %u\n", st->symbols, dv_graph_get_n_packages (graph));
  printf ("load            %.3f s (best of %d)\n", best_load, repeats);
  printf ("sizes load      %.3f s\n", best_sizes);
  printf ("cost            %.3f s (dv_cost_new: match, dominators, package retained)\n", best_cost);
  printf ("cost CPU        %.3f s (all threads)\n", best_cost_cpu);
  if (best_parts != NULL)
    printf ("cost parts      %s\n", best_parts);
  printf ("cost/load       %.2f\n", best_cost / best_load);
  printf ("peak RSS        %.1f MB\n", ru.ru_maxrss / 1024.0);
  return 0;
}
