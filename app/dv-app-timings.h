/* dv-app-timings.h: launch and interaction timings, logged with --timings
 * (to stderr) or as debug messages (G_MESSAGES_DEBUG=depview). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Call first thing in main(): the origin of every "since launch" number. */
void      dv_app_timings_init       (void);
void      dv_app_timings_set_enabled (gboolean enabled);
gboolean  dv_app_timings_get_enabled (void);
/* Microseconds since dv_app_timings_init(). */
gint64    dv_app_timings_since_launch (void);
void      dv_app_timings_mark       (const char *format, ...) G_GNUC_PRINTF (1, 2);

/* Watches the main loop while something heavy is pending (a search) and
 * logs the longest iteration: the longest the UI could not respond. */
/* Returns FALSE (and watches nothing new) when a watch is already running. */
gboolean  dv_app_stall_watch_begin  (const char *what);
void      dv_app_stall_watch_end    (void);
/* The last finished watch's longest iteration, in microseconds: wall
 * clock, and the main thread's CPU time in it. */
gint64    dv_app_stall_watch_last_max     (void);
gint64    dv_app_stall_watch_last_max_cpu (void);
/* When (g_get_monotonic_time) the longest iteration of the last watch
 * started: to find it in a profile taken with perf record -k CLOCK_MONOTONIC. */
gint64    dv_app_stall_watch_last_max_at  (void);

G_END_DECLS
