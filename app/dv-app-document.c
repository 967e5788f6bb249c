/* dv-app-document.c: the dump is parsed in a worker (dv-app-loader.c); the
 * document keeps its graph until a new one is ready, so a failed or
 * cancelled load loses nothing. */
#define G_LOG_DOMAIN "depview"

#include "config.h"

#include <glib/gi18n.h>

#include "dv-app-document.h"
#include "dv-app-loader.h"
#include "dv-app-timings.h"

#define EXAMPLE_RESOURCE     "/com/example/DepView/examples/hello.deps.txt.gz"
#define EXAMPLE_DISPLAY_NAME "hello.deps.txt"
#define RELOAD_DEBOUNCE_MS   500

G_DEFINE_BOXED_TYPE (DvGraph, dv_app_graph, dv_graph_ref, dv_graph_unref)
G_DEFINE_BOXED_TYPE (DvCost, dv_app_cost, dv_cost_ref, dv_cost_free)

typedef struct {
  DvAppDocument *self;
  GFile         *file;         /* NULL: the bundled example */
  char          *display_name;
  char          *binary;       /* the "# path" section to read, NULL: the only one */
  gboolean       is_reload;
  GCancellable  *cancellable;
  gint64         started;
} LoadRequest;

struct _DvAppDocument
{
  GObject       parent_instance;

  /* the shown dump */
  DvGraph      *graph;
  GFile        *file;
  char         *title;
  char         *binary;
  GError       *error;
  GFileMonitor *monitor;
  guint         reload_source;

  /* the load in progress */
  GCancellable *load_cancellable;
  char         *loading_title;
  double        progress;
  guint64       bytes_read;
  LoadRequest  *choosing;      /* waiting for dv_app_document_choose_binary */

  /* symbol sizes: the file, read once, matched to each graph shown */
  GFile        *sizes_file;
  DvSizes      *sizes;
  DvCost       *cost;
  GError       *sizes_error;
  GCancellable *sizes_cancellable;
  GFile        *pending_sizes;  /* to read with the load in progress */
};

enum {
  PROP_0,
  PROP_FILE,
  PROP_TITLE,
  PROP_GRAPH,
  PROP_BINARY,
  PROP_LOADING,
  PROP_LOADING_TITLE,
  PROP_PROGRESS,
  PROP_BYTES_READ,
  PROP_ERROR,
  PROP_SIZES_FILE,
  PROP_COST,
  PROP_SIZES_LOADING,
  PROP_SIZES_ERROR,
  N_PROPS
};

enum {
  LOADED,
  LOAD_FAILED,
  CHOOSE_BINARY,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DvAppDocument, dv_app_document, G_TYPE_OBJECT)

static void dv_app_document_start_load (DvAppDocument *self, LoadRequest *request);
static void dv_app_document_match_sizes (DvAppDocument *self);

static void
load_request_free (LoadRequest *request)
{
  g_clear_object (&request->self);
  g_clear_object (&request->file);
  g_clear_object (&request->cancellable);
  g_free (request->display_name);
  g_free (request->binary);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadRequest, load_request_free)

static void
dv_app_document_set_error (DvAppDocument *self,
                           const GError  *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/* Watching the file on disk */

static gboolean
reload_timeout_cb (gpointer data)
{
  DvAppDocument *self = data;

  self->reload_source = 0;
  dv_app_timings_mark ("file changed on disk: reloading");
  dv_app_document_reload (self);
  return G_SOURCE_REMOVE;
}

static void
file_changed_cb (DvAppDocument     *self,
                 GFile             *file,
                 GFile             *other_file,
                 GFileMonitorEvent  event,
                 GFileMonitor      *monitor)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_RENAMED:
      /* A dump is written in many chunks: wait until it stops changing. */
      g_clear_handle_id (&self->reload_source, g_source_remove);
      self->reload_source = g_timeout_add (RELOAD_DEBOUNCE_MS, reload_timeout_cb, self);
      break;
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
    default:
      break;
    }
}

static void
dv_app_document_unwatch (DvAppDocument *self)
{
  if (self->monitor != NULL)
    {
      g_file_monitor_cancel (self->monitor);
      g_signal_handlers_disconnect_by_func (self->monitor, file_changed_cb, self);
      g_clear_object (&self->monitor);
    }
  g_clear_handle_id (&self->reload_source, g_source_remove);
}

static void
dv_app_document_watch_file (DvAppDocument *self)
{
  g_autoptr(GError) error = NULL;

  dv_app_document_unwatch (self);
  if (self->file == NULL)
    return;

  self->monitor = g_file_monitor_file (self->file, G_FILE_MONITOR_NONE, NULL, &error);
  if (self->monitor == NULL)
    {
      g_debug ("Not watching %s: %s", self->title, error->message);
      return;
    }
  g_signal_connect_object (self->monitor, "changed", G_CALLBACK (file_changed_cb), self, G_CONNECT_SWAPPED);
}

/* Loading */

static void
dv_app_document_set_loading (DvAppDocument *self,
                             const char    *title)
{
  gboolean was_loading = self->loading_title != NULL;

  if (g_strcmp0 (title, self->loading_title) != 0)
    {
      g_free (self->loading_title);
      self->loading_title = g_strdup (title);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING_TITLE]);
    }
  if (was_loading != (title != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
load_progress_cb (GCancellable *cancellable,
                  double        fraction,
                  guint64       bytes_read,
                  gpointer      user_data)
{
  DvAppDocument *self = user_data;

  if (cancellable != self->load_cancellable)
    return;

  self->bytes_read = bytes_read;
  self->progress = fraction < 0 ? -1.0 : fraction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES_READ]);
  /* notified even when unchanged: an unknown size pulses on each report */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

static void
dv_app_document_set_graph (DvAppDocument *self,
                           DvGraph       *graph,
                           LoadRequest   *request)
{
  gboolean same_file;

  same_file = request->is_reload ||
              (self->file != NULL && request->file != NULL && g_file_equal (self->file, request->file));

  g_object_freeze_notify (G_OBJECT (self));
  g_clear_pointer (&self->graph, dv_graph_unref);
  self->graph = dv_graph_ref (graph);
  if (g_set_object (&self->file, request->file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  g_free (self->title);
  self->title = g_strdup (request->display_name);
  g_free (self->binary);
  self->binary = g_strdup (request->binary);
  dv_app_document_set_error (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GRAPH]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BINARY]);
  g_object_thaw_notify (G_OBJECT (self));

  dv_app_document_watch_file (self);
  g_signal_emit (self, signals[LOADED], 0, request->is_reload, same_file);

  /* sizes belong to one binary: kept for a reload or a file opened with
   * them, dropped for another file */
  if (self->pending_sizes != NULL)
    {
      g_autoptr(GFile) sizes_file = g_steal_pointer (&self->pending_sizes);
      dv_app_document_set_sizes (self, sizes_file);
    }
  else if (same_file && self->sizes_file != NULL)
    dv_app_document_match_sizes (self);
  else if (self->sizes_file != NULL)
    dv_app_document_set_sizes (self, NULL);
}

static void
dv_app_document_fail (DvAppDocument *self,
                      LoadRequest   *request,
                      const GError  *error)
{
  dv_app_document_set_error (self, error);
  g_signal_emit (self, signals[LOAD_FAILED], 0, request->display_name, error);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LoadRequest) request = user_data;
  g_autoptr(DvAppDocument) self = g_object_ref (request->self);
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = NULL;

  graph = dv_app_load_finish (result, &error);

  /* A newer load replaced this one. */
  if (request->cancellable != self->load_cancellable)
    return;

  g_clear_object (&self->load_cancellable);
  dv_app_document_set_loading (self, NULL);

  /* Cancel pressed after the parser finished still means "keep what I had". */
  if (graph != NULL && g_cancellable_is_cancelled (request->cancellable))
    {
      g_clear_pointer (&graph, dv_graph_unref);
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
    }

  if (graph == NULL && g_error_matches (error, DV_GRAPH_ERROR, DV_GRAPH_ERROR_SEVERAL_BINARIES)
      && dv_app_load_get_binaries (result) != NULL)
    {
      g_clear_pointer (&self->choosing, load_request_free);
      self->choosing = g_steal_pointer (&request);
      /* kept by the document: no ref back to it */
      g_clear_object (&self->choosing->self);
      g_clear_object (&self->choosing->cancellable);
      g_signal_emit (self, signals[CHOOSE_BINARY], 0, self->choosing->display_name,
                     dv_app_load_get_binaries (result));
      return;
    }

  if (graph == NULL)
    {
      dv_app_timings_mark ("load of %s failed: %s", request->display_name, error->message);
      dv_app_document_fail (self, request, error);
      return;
    }

  dv_app_timings_mark ("loaded %s: %.1f ms in the parser, %.1f ms since the request",
                       request->display_name,
                       dv_app_load_get_parse_time (result) / 1000.0,
                       (g_get_monotonic_time () - request->started) / 1000.0);
  dv_app_document_set_graph (self, graph, request);
}

static void
dv_app_document_start_load (DvAppDocument *self,
                            LoadRequest   *request)
{
  g_clear_pointer (&self->choosing, load_request_free);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  request->self = g_object_ref (self);
  request->cancellable = g_object_ref (self->load_cancellable);
  request->started = g_get_monotonic_time ();

  self->progress = 0.0;
  self->bytes_read = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES_READ]);
  dv_app_document_set_loading (self, request->display_name);
  dv_app_timings_mark ("loading %s", request->display_name);

  if (request->file != NULL)
    dv_app_load_file_async (G_OBJECT (self), request->file, request->binary, self->load_cancellable,
                            load_progress_cb, self, load_done_cb, request);
  else
    dv_app_load_resource_async (G_OBJECT (self), EXAMPLE_RESOURCE, request->display_name,
                                self->load_cancellable, load_progress_cb, self,
                                load_done_cb, request);
}

static char *
file_display_name (GFile *file)
{
  g_autoptr(GFileInfo) info = NULL;

  /* Local files answer at once; never block on a remote one. */
  if (g_file_is_native (file))
    info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                              G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info != NULL)
    return g_strdup (g_file_info_get_display_name (info));
  return g_file_get_basename (file);
}

void
dv_app_document_load (DvAppDocument *self,
                      GFile         *file)
{
  LoadRequest *request;

  g_return_if_fail (DV_APP_IS_DOCUMENT (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  request = g_new0 (LoadRequest, 1);
  request->file = file ? g_object_ref (file) : NULL;
  request->display_name = file ? file_display_name (file) : g_strdup (EXAMPLE_DISPLAY_NAME);
  dv_app_document_start_load (self, request);
}

void
dv_app_document_reload (DvAppDocument *self)
{
  LoadRequest *request;

  g_return_if_fail (DV_APP_IS_DOCUMENT (self));

  if (self->graph == NULL)
    return;

  request = g_new0 (LoadRequest, 1);
  request->file = self->file ? g_object_ref (self->file) : NULL;
  request->display_name = g_strdup (self->title);
  request->binary = g_strdup (self->binary);
  request->is_reload = TRUE;
  dv_app_document_start_load (self, request);
}

void
dv_app_document_cancel (DvAppDocument *self)
{
  g_return_if_fail (DV_APP_IS_DOCUMENT (self));

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
}

void
dv_app_document_choose_binary (DvAppDocument *self,
                               const char    *binary)
{
  LoadRequest *request;

  g_return_if_fail (DV_APP_IS_DOCUMENT (self));

  if (self->choosing == NULL)
    return;
  request = g_steal_pointer (&self->choosing);

  if (binary == NULL)
    {
      g_autoptr(LoadRequest) cancelled = request;
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));

      dv_app_document_fail (self, cancelled, error);
      return;
    }

  /* the same request again, now naming one binary */
  g_free (request->binary);
  request->binary = g_strdup (binary);
  dv_app_document_start_load (self, request);
}

/* Accessors */

GFile *
dv_app_document_get_file (DvAppDocument *self)
{
  g_return_val_if_fail (DV_APP_IS_DOCUMENT (self), NULL);
  return self->file;
}

const char *
dv_app_document_get_title (DvAppDocument *self)
{
  g_return_val_if_fail (DV_APP_IS_DOCUMENT (self), NULL);
  return self->title;
}

DvGraph *
dv_app_document_get_graph (DvAppDocument *self)
{
  g_return_val_if_fail (DV_APP_IS_DOCUMENT (self), NULL);
  return self->graph;
}

const char *
dv_app_document_get_binary (DvAppDocument *self)
{
  g_return_val_if_fail (DV_APP_IS_DOCUMENT (self), NULL);
  return self->binary;
}

gboolean
dv_app_document_get_loading (DvAppDocument *self)
{
  g_return_val_if_fail (DV_APP_IS_DOCUMENT (self), FALSE);
  return self->loading_title != NULL;
}

const char *
dv_app_document_get_loading_title (DvAppDocument *self)
{
  g_return_val_if_fail (DV_APP_IS_DOCUMENT (self), NULL);
  return self->loading_title;
}

double
dv_app_document_get_progress (DvAppDocument *self)
{
  g_return_val_if_fail (DV_APP_IS_DOCUMENT (self), 0.0);
  return self->progress;
}

guint64
dv_app_document_get_bytes_read (DvAppDocument *self)
{
  g_return_val_if_fail (DV_APP_IS_DOCUMENT (self), 0);
  return self->bytes_read;
}

const GError *
dv_app_document_get_error (DvAppDocument *self)
{
  g_return_val_if_fail (DV_APP_IS_DOCUMENT (self), NULL);
  return self->error;
}

/* Sizes */

typedef struct {
  DvGraph *graph;
  GFile   *file;
  DvSizes *sizes;   /* read already, or NULL to read file */
} SizesJob;

static void
sizes_job_free (gpointer data)
{
  SizesJob *job = data;

  dv_graph_unref (job->graph);
  g_clear_object (&job->file);
  g_clear_pointer (&job->sizes, dv_sizes_unref);
  g_free (job);
}

static void
sizes_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  SizesJob *job = task_data;
  GError *error = NULL;

  if (job->sizes == NULL)
    {
      g_autofree char *path = g_file_get_path (job->file);

      if (path == NULL)
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                   _("Sizes are read from local files only"));
          return;
        }
      job->sizes = dv_sizes_load_path (path, cancellable, &error);
      if (job->sizes == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, dv_cost_new (job->graph, job->sizes), (GDestroyNotify) dv_cost_free);
}

static void
sizes_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  DvAppDocument *self = DV_APP_DOCUMENT (object);
  SizesJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  DvCost *cost = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;  /* a newer request (or a new graph) took over */
  g_clear_object (&self->sizes_cancellable);
  g_object_freeze_notify (G_OBJECT (self));
  if (cost == NULL)
    {
      g_clear_error (&self->sizes_error);
      self->sizes_error = g_steal_pointer (&error);
      g_clear_object (&self->sizes_file);
      g_clear_pointer (&self->sizes, dv_sizes_unref);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZES_FILE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZES_ERROR]);
    }
  else
    {
      if (self->sizes != job->sizes)
        {
          g_clear_pointer (&self->sizes, dv_sizes_unref);
          self->sizes = dv_sizes_ref (job->sizes);
        }
      g_clear_pointer (&self->cost, dv_cost_free);
      self->cost = cost;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COST]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZES_LOADING]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
dv_app_document_start_sizes (DvAppDocument *self, DvSizes *sizes)
{
  g_autoptr(GTask) task = NULL;
  SizesJob *job;

  if (self->sizes_cancellable != NULL)
    g_cancellable_cancel (self->sizes_cancellable);
  g_clear_object (&self->sizes_cancellable);
  if (self->graph == NULL || self->sizes_file == NULL)
    return;
  job = g_new0 (SizesJob, 1);
  job->graph = dv_graph_ref (self->graph);
  job->file = g_object_ref (self->sizes_file);
  job->sizes = sizes ? dv_sizes_ref (sizes) : NULL;
  self->sizes_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->sizes_cancellable, sizes_done_cb, NULL);
  g_task_set_source_tag (task, dv_app_document_start_sizes);
  g_task_set_task_data (task, job, sizes_job_free);
  g_task_run_in_thread (task, sizes_thread);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZES_LOADING]);
}

/* The same sizes against a new graph of the same file (a reload). */
static void
dv_app_document_match_sizes (DvAppDocument *self)
{
  g_clear_pointer (&self->cost, dv_cost_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COST]);
  dv_app_document_start_sizes (self, self->sizes);
}

void
dv_app_document_set_sizes (DvAppDocument *self,
                           GFile         *file)
{
  g_return_if_fail (DV_APP_IS_DOCUMENT (self));

  g_object_freeze_notify (G_OBJECT (self));
  g_set_object (&self->sizes_file, file);
  g_clear_pointer (&self->sizes, dv_sizes_unref);
  if (self->cost != NULL)
    {
      g_clear_pointer (&self->cost, dv_cost_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COST]);
    }
  if (self->sizes_error != NULL)
    {
      g_clear_error (&self->sizes_error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZES_ERROR]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZES_FILE]);
  if (file == NULL && self->sizes_cancellable != NULL)
    {
      g_cancellable_cancel (self->sizes_cancellable);
      g_clear_object (&self->sizes_cancellable);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZES_LOADING]);
    }
  dv_app_document_start_sizes (self, NULL);
  g_object_thaw_notify (G_OBJECT (self));
}

void
dv_app_document_load_with_sizes (DvAppDocument *self,
                                 GFile         *file,
                                 GFile         *sizes_file)
{
  g_set_object (&self->pending_sizes, sizes_file);
  dv_app_document_load (self, file);
}

GFile *
dv_app_document_get_sizes_file (DvAppDocument *self)
{
  return self->sizes_file;
}

DvCost *
dv_app_document_get_cost (DvAppDocument *self)
{
  return self->cost;
}

gboolean
dv_app_document_get_sizes_loading (DvAppDocument *self)
{
  return self->sizes_cancellable != NULL;
}

const GError *
dv_app_document_get_sizes_error (DvAppDocument *self)
{
  return self->sizes_error;
}

/* GObject */

static void
dv_app_document_dispose (GObject *object)
{
  DvAppDocument *self = DV_APP_DOCUMENT (object);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_pointer (&self->choosing, load_request_free);
  dv_app_document_unwatch (self);
  if (self->sizes_cancellable != NULL)
    g_cancellable_cancel (self->sizes_cancellable);
  g_clear_object (&self->sizes_cancellable);

  G_OBJECT_CLASS (dv_app_document_parent_class)->dispose (object);
}

static void
dv_app_document_finalize (GObject *object)
{
  DvAppDocument *self = DV_APP_DOCUMENT (object);

  g_clear_pointer (&self->graph, dv_graph_unref);
  g_clear_object (&self->file);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->binary, g_free);
  g_clear_pointer (&self->loading_title, g_free);
  g_clear_error (&self->error);
  g_clear_object (&self->sizes_file);
  g_clear_object (&self->pending_sizes);
  g_clear_pointer (&self->sizes, dv_sizes_unref);
  g_clear_pointer (&self->cost, dv_cost_free);
  g_clear_error (&self->sizes_error);

  G_OBJECT_CLASS (dv_app_document_parent_class)->finalize (object);
}

static void
dv_app_document_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DvAppDocument *self = DV_APP_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_GRAPH:
      g_value_set_boxed (value, self->graph);
      break;
    case PROP_BINARY:
      g_value_set_string (value, self->binary);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading_title != NULL);
      break;
    case PROP_LOADING_TITLE:
      g_value_set_string (value, self->loading_title);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_BYTES_READ:
      g_value_set_uint64 (value, self->bytes_read);
      break;
    case PROP_SIZES_FILE:
      g_value_set_object (value, self->sizes_file);
      break;
    case PROP_COST:
      g_value_set_boxed (value, self->cost);
      break;
    case PROP_SIZES_LOADING:
      g_value_set_boolean (value, self->sizes_cancellable != NULL);
      break;
    case PROP_SIZES_ERROR:
      g_value_set_boxed (value, self->sizes_error);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dv_app_document_class_init (DvAppDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = dv_app_document_dispose;
  object_class->finalize = dv_app_document_finalize;
  object_class->get_property = dv_app_document_get_property;

  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_GRAPH] = g_param_spec_boxed ("graph", NULL, NULL, DV_APP_TYPE_GRAPH, flags);
  properties[PROP_BINARY] = g_param_spec_string ("binary", NULL, NULL, NULL, flags);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, flags);
  properties[PROP_LOADING_TITLE] = g_param_spec_string ("loading-title", NULL, NULL, NULL, flags);
  properties[PROP_PROGRESS] = g_param_spec_double ("progress", NULL, NULL, -1.0, 1.0, 0.0, flags);
  properties[PROP_BYTES_READ] = g_param_spec_uint64 ("bytes-read", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, flags);
  properties[PROP_SIZES_FILE] = g_param_spec_object ("sizes-file", NULL, NULL, G_TYPE_FILE, flags);
  properties[PROP_COST] = g_param_spec_boxed ("cost", NULL, NULL, DV_APP_TYPE_COST, flags);
  properties[PROP_SIZES_LOADING] = g_param_spec_boolean ("sizes-loading", NULL, NULL, FALSE, flags);
  properties[PROP_SIZES_ERROR] = g_param_spec_boxed ("sizes-error", NULL, NULL, G_TYPE_ERROR, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_BOOLEAN, G_TYPE_BOOLEAN);
  signals[LOAD_FAILED] =
    g_signal_new ("load-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_ERROR);
  signals[CHOOSE_BINARY] =
    g_signal_new ("choose-binary", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRV);
}

static void
dv_app_document_init (DvAppDocument *self)
{
}

DvAppDocument *
dv_app_document_new (void)
{
  return g_object_new (DV_APP_TYPE_DOCUMENT, NULL);
}
