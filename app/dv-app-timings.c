/* dv-app-timings.c: monotonic-clock marks for the performance budget. */
#define G_LOG_DOMAIN "depview"

#include "dv-app-timings.h"

#include <stdio.h>
#include <time.h>

static gint64   launch_time;
static gboolean timings_enabled;

void
dv_app_timings_init (void)
{
  if (launch_time == 0)
    launch_time = g_get_monotonic_time ();
}

void
dv_app_timings_set_enabled (gboolean enabled)
{
  timings_enabled = enabled;
}

gboolean
dv_app_timings_get_enabled (void)
{
  return timings_enabled;
}

gint64
dv_app_timings_since_launch (void)
{
  dv_app_timings_init ();
  return g_get_monotonic_time () - launch_time;
}

void
dv_app_timings_mark (const char *format, ...)
{
  g_autofree char *what = NULL;
  va_list args;
  double ms = dv_app_timings_since_launch () / 1000.0;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  if (timings_enabled)
    {
      fprintf (stderr, "depview-timings: %9.1f ms  %s\n", ms, what);
      fflush (stderr);
    }
  else
    g_debug ("%9.1f ms  %s", ms, what);
}

/* The main loop's own poll function, wrapped: the time between one poll()
 * returning and the next one starting is time the UI could not respond.
 * Thread CPU time is kept too, so a busy machine's scheduling delays can be
 * told apart from our own work. */
static GPollFunc stall_next_poll;
static gint64    stall_poll_exit;      /* wall time the last poll() returned */
static gint64    stall_poll_exit_cpu;  /* thread CPU time then */
static gint64    stall_max_wall;
static gint64    stall_max_cpu;
static gint64    stall_last_max;
static gint64    stall_last_max_cpu;
static gint64    stall_max_at;         /* when the longest iteration started */
static gint64    stall_last_max_at;
static char     *stall_what;

static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static int
stall_poll (GPollFD *fds,
            guint    n_fds,
            int      timeout)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_time ();
  int ret;

  if (stall_poll_exit != 0)
    {
      if (now - stall_poll_exit > stall_max_wall)
        {
          stall_max_wall = now - stall_poll_exit;
          stall_max_at = stall_poll_exit;
        }
      stall_max_cpu = MAX (stall_max_cpu, cpu - stall_poll_exit_cpu);
    }
  ret = stall_next_poll (fds, n_fds, timeout);
  stall_poll_exit = g_get_monotonic_time ();
  stall_poll_exit_cpu = thread_cpu_time ();
  return ret;
}

gboolean
dv_app_stall_watch_begin (const char *what)
{
  GMainContext *context = g_main_context_default ();

  if (stall_next_poll != NULL)
    return FALSE;
  g_free (stall_what);
  stall_what = g_strdup (what);
  stall_max_wall = 0;
  stall_max_cpu = 0;
  stall_max_at = 0;
  stall_poll_exit = 0;
  stall_next_poll = g_main_context_get_poll_func (context);
  g_main_context_set_poll_func (context, stall_poll);
  return TRUE;
}

void
dv_app_stall_watch_end (void)
{
  if (stall_next_poll == NULL)
    return;
  g_main_context_set_poll_func (g_main_context_default (), stall_next_poll);
  stall_next_poll = NULL;
  stall_last_max = stall_max_wall;
  stall_last_max_cpu = stall_max_cpu;
  stall_last_max_at = stall_max_at;
  dv_app_timings_mark ("%s: longest main-loop iteration %.1f ms (%.1f ms of CPU)",
                       stall_what, stall_max_wall / 1000.0, stall_max_cpu / 1000.0);
}

gint64
dv_app_stall_watch_last_max (void)
{
  return stall_last_max;
}

gint64
dv_app_stall_watch_last_max_cpu (void)
{
  return stall_last_max_cpu;
}

gint64
dv_app_stall_watch_last_max_at (void)
{
  return stall_last_max_at;
}
