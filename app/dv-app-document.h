/* dv-app-document.h: one dump as the window shows it: its file, name,
 * graph and the load that may replace it. A failed or cancelled load keeps
 * the graph there was; the file on disk is watched and reloaded on change. */
#pragma once

#include <gio/gio.h>

#include "dv-graph.h"
#include "dv-cost.h"

G_BEGIN_DECLS

/* DvGraph as a boxed type (ref/unref), for the "graph" property. */
#define DV_APP_TYPE_GRAPH (dv_app_graph_get_type ())
GType dv_app_graph_get_type (void) G_GNUC_CONST;

/* DvCost as a boxed type (ref/free), for the "cost" property. */
#define DV_APP_TYPE_COST (dv_app_cost_get_type ())
GType dv_app_cost_get_type (void) G_GNUC_CONST;

#define DV_APP_TYPE_DOCUMENT (dv_app_document_get_type ())
G_DECLARE_FINAL_TYPE (DvAppDocument, dv_app_document, DV_APP, DOCUMENT, GObject)

/* Properties (read-only, notified on the main context):
 *   "file" (GFile): the shown dump, NULL for the bundled example or none.
 *   "title" (string): its display name, NULL when nothing is shown.
 *   "graph" (DvGraph): the shown graph, NULL before the first load.
 *   "binary" (string): the "# path" section shown when the file holds several.
 *   "loading" (boolean), "loading-title" (string): a load is running, of what.
 *   "progress" (double): 0..1, or -1 when the size is not known.
 *   "bytes-read" (guint64).
 *   "error" (GError): why the last load failed, NULL after a success.
 * Signals:
 *   "loaded" (gboolean is_reload, gboolean same_file): a new graph is shown;
 *     is_reload: by dv_app_document_reload (or the file changed on disk);
 *     same_file: a reload, or the shown file opened again.
 *   "load-failed" (string title, GError error): the load of title failed or
 *     was cancelled (G_IO_ERROR_CANCELLED); the previous graph stays.
 *   "choose-binary" (string title, GStrv binaries): the file holds several
 *     binaries; answer with dv_app_document_choose_binary. */

DvAppDocument *dv_app_document_new           (void);

GFile         *dv_app_document_get_file      (DvAppDocument *self);
const char    *dv_app_document_get_title     (DvAppDocument *self);
DvGraph       *dv_app_document_get_graph     (DvAppDocument *self);
const char    *dv_app_document_get_binary    (DvAppDocument *self);
gboolean       dv_app_document_get_loading   (DvAppDocument *self);
const char    *dv_app_document_get_loading_title (DvAppDocument *self);
double         dv_app_document_get_progress  (DvAppDocument *self);
guint64        dv_app_document_get_bytes_read (DvAppDocument *self);
const GError  *dv_app_document_get_error     (DvAppDocument *self);

/* Starts loading file (NULL: the bundled example); a running load is cancelled. */
void           dv_app_document_load          (DvAppDocument *self, GFile *file);
/* Loads the shown file again, the same binary of it. */
void           dv_app_document_reload        (DvAppDocument *self);
void           dv_app_document_cancel        (DvAppDocument *self);
/* The answer to "choose-binary": binary, or NULL to cancel the load. */
void           dv_app_document_choose_binary (DvAppDocument *self, const char *binary);

/* Symbol sizes: an `nm -size` file or the Go binary, read and matched to
 * the graph off the UI thread ("sizes-loading"); "cost" is then the sizes
 * of every symbol and package (NULL before, and without sizes). A reload
 * matches the same sizes to the new graph; opening another file drops
 * them, unless opened with dv_app_document_load_with_sizes. A file that is
 * no sizes file sets "sizes-error" and keeps nothing. NULL drops sizes. */
void           dv_app_document_set_sizes       (DvAppDocument *self, GFile *file);
void           dv_app_document_load_with_sizes (DvAppDocument *self, GFile *file, GFile *sizes_file);
GFile         *dv_app_document_get_sizes_file  (DvAppDocument *self);
DvCost        *dv_app_document_get_cost        (DvAppDocument *self);
gboolean       dv_app_document_get_sizes_loading (DvAppDocument *self);
const GError  *dv_app_document_get_sizes_error (DvAppDocument *self);

G_END_DECLS
