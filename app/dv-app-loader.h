/* dv-app-loader.h: loads a dump in a worker thread, reporting progress on
 * the thread-default main context of the caller. */
#pragma once

#include <gio/gio.h>

#include "dv-graph.h"

G_BEGIN_DECLS

/* Called on the caller's main context; fraction is -1 when the size is not known. */
typedef void (*DvAppLoadProgressFunc) (GCancellable *cancellable,
                                       double        fraction,
                                       guint64       bytes_read,
                                       gpointer      user_data);

/* binary: the "# path" section to read when the file holds several (NULL:
 * the only one); when it holds several and none is named, the load fails
 * with DV_GRAPH_ERROR_SEVERAL_BINARIES and dv_app_load_get_binaries lists them. */
void      dv_app_load_file_async     (GObject               *source_object,
                                      GFile                 *file,
                                      const char            *binary,
                                      GCancellable          *cancellable,
                                      DvAppLoadProgressFunc  progress,
                                      gpointer               progress_data,
                                      GAsyncReadyCallback    callback,
                                      gpointer               user_data);
/* A dump bundled in the GResource (gzipped or not). */
void      dv_app_load_resource_async (GObject               *source_object,
                                      const char            *resource_path,
                                      const char            *display_name,
                                      GCancellable          *cancellable,
                                      DvAppLoadProgressFunc  progress,
                                      gpointer               progress_data,
                                      GAsyncReadyCallback    callback,
                                      gpointer               user_data);
/* Returns the graph (transfer full), or NULL with error set. */
DvGraph  *dv_app_load_finish         (GAsyncResult          *result,
                                      GError               **error);
/* Time the worker spent in the parser, in microseconds. */
gint64    dv_app_load_get_parse_time (GAsyncResult          *result);
/* After DV_GRAPH_ERROR_SEVERAL_BINARIES: the binaries of the file, in file
 * order (owned by the result), or NULL. */
const char * const *dv_app_load_get_binaries (GAsyncResult *result);

G_END_DECLS
