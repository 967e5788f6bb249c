/* dv-app-loader.c: the parser runs in a GTask thread; its progress callback
 * only stores numbers and wakes the main context once, so a fast parser
 * cannot flood the UI with idles. */
#define G_LOG_DOMAIN "depview"

#include "dv-app-loader.h"
#include "dv-memory.h"

typedef struct {
  gatomicrefcount        ref_count;
  GMainContext          *context;
  GCancellable          *cancellable;
  GFile                 *file;
  char                  *binary;         /* the section to read, or NULL */
  char                 **binaries;       /* the file's, when it holds several */
  char                  *resource_path;
  char                  *display_name;
  DvAppLoadProgressFunc  progress;
  gpointer               progress_data;
  GObject               *progress_owner; /* keeps progress_data alive */
  GMutex                 mutex;
  guint64                bytes_read;
  guint64                bytes_total;
  gboolean               idle_pending;
  gint64                 parse_time;
} LoadJob;

static LoadJob *
load_job_ref (LoadJob *job)
{
  g_atomic_ref_count_inc (&job->ref_count);
  return job;
}

static void
load_job_unref (gpointer data)
{
  LoadJob *job = data;

  if (!g_atomic_ref_count_dec (&job->ref_count))
    return;
  g_main_context_unref (job->context);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->file);
  g_clear_object (&job->progress_owner);
  g_free (job->resource_path);
  g_free (job->display_name);
  g_free (job->binary);
  g_strfreev (job->binaries);
  g_mutex_clear (&job->mutex);
  g_free (job);
}

static gboolean
progress_idle_cb (gpointer data)
{
  LoadJob *job = data;
  guint64 bytes_read, bytes_total;
  double fraction;

  g_mutex_lock (&job->mutex);
  bytes_read = job->bytes_read;
  bytes_total = job->bytes_total;
  job->idle_pending = FALSE;
  g_mutex_unlock (&job->mutex);

  if (job->progress == NULL || g_cancellable_is_cancelled (job->cancellable))
    return G_SOURCE_REMOVE;

  fraction = bytes_total > 0 ? MIN (1.0, (double) bytes_read / (double) bytes_total) : -1.0;
  job->progress (job->cancellable, fraction, bytes_read, job->progress_data);
  return G_SOURCE_REMOVE;
}

/* Runs in the worker thread. */
static void
worker_progress_cb (guint64 bytes_read, guint64 bytes_total, gpointer data)
{
  LoadJob *job = data;
  gboolean schedule;

  g_mutex_lock (&job->mutex);
  job->bytes_read = bytes_read;
  job->bytes_total = bytes_total;
  schedule = !job->idle_pending;
  job->idle_pending = TRUE;
  g_mutex_unlock (&job->mutex);

  if (schedule)
    {
      /* queued, never invoked in place: g_main_context_invoke would run the
       * GTK code right here when no thread owns the context */
      GSource *source = g_idle_source_new ();
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, progress_idle_cb, load_job_ref (job), load_job_unref);
      g_source_attach (source, job->context);
      g_source_unref (source);
    }
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  GError *error = NULL;
  DvGraph *graph = NULL;
  gint64 start = g_get_monotonic_time ();
  DvLoadOptions options = { .binary = job->binary,
                            .memory_limit = dv_load_options_default_memory_limit () };

  if (job->file != NULL)
    {
      graph = dv_graph_load_file_with_options (job->file, &options, worker_progress_cb, job,
                                               cancellable, &error);
      /* the chooser needs the list: the headers alone, a quick second read */
      if (g_error_matches (error, DV_GRAPH_ERROR, DV_GRAPH_ERROR_SEVERAL_BINARIES))
        job->binaries = dv_graph_list_binaries_file (job->file, cancellable, NULL);
    }
  else
    {
      g_autoptr(GInputStream) stream = NULL;
      gsize size = 0;

      if (g_resources_get_info (job->resource_path, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                &size, NULL, &error))
        stream = g_resources_open_stream (job->resource_path,
                                          G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (stream != NULL)
        graph = dv_graph_load_stream_with_options (stream, job->display_name, size, &options,
                                                   worker_progress_cb, job, cancellable, &error);
    }
  job->parse_time = g_get_monotonic_time () - start;

  if (graph == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, graph, (GDestroyNotify) dv_graph_unref);
}

static void
start_load (LoadJob               *job,
            GObject               *source_object,
            GCancellable          *cancellable,
            DvAppLoadProgressFunc  progress,
            gpointer               progress_data,
            GAsyncReadyCallback    callback,
            gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;

  g_atomic_ref_count_init (&job->ref_count);
  g_mutex_init (&job->mutex);
  job->context = g_main_context_ref_thread_default ();
  job->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  job->progress = progress;
  job->progress_data = progress_data;
  job->progress_owner = source_object ? g_object_ref (source_object) : NULL;

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, start_load);
  g_task_set_name (task, "[depview] load dump");
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_task_data (task, job, load_job_unref);
  g_task_run_in_thread (task, load_thread);
}

void
dv_app_load_file_async (GObject               *source_object,
                        GFile                 *file,
                        const char            *binary,
                        GCancellable          *cancellable,
                        DvAppLoadProgressFunc  progress,
                        gpointer               progress_data,
                        GAsyncReadyCallback    callback,
                        gpointer               user_data)
{
  LoadJob *job = g_new0 (LoadJob, 1);

  g_return_if_fail (G_IS_FILE (file));

  job->file = g_object_ref (file);
  job->binary = g_strdup (binary);
  start_load (job, source_object, cancellable, progress, progress_data, callback, user_data);
}

void
dv_app_load_resource_async (GObject               *source_object,
                            const char            *resource_path,
                            const char            *display_name,
                            GCancellable          *cancellable,
                            DvAppLoadProgressFunc  progress,
                            gpointer               progress_data,
                            GAsyncReadyCallback    callback,
                            gpointer               user_data)
{
  LoadJob *job = g_new0 (LoadJob, 1);

  g_return_if_fail (resource_path != NULL);

  job->resource_path = g_strdup (resource_path);
  job->display_name = g_strdup (display_name ? display_name : resource_path);
  start_load (job, source_object, cancellable, progress, progress_data, callback, user_data);
}

DvGraph *
dv_app_load_finish (GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == start_load, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gint64
dv_app_load_get_parse_time (GAsyncResult *result)
{
  LoadJob *job = g_task_get_task_data (G_TASK (result));

  return job ? job->parse_time : 0;
}

const char * const *
dv_app_load_get_binaries (GAsyncResult *result)
{
  LoadJob *job = g_task_get_task_data (G_TASK (result));

  return job ? (const char * const *) job->binaries : NULL;
}
