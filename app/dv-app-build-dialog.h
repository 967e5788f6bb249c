/* dv-app-build-dialog.h: Build and Open: runs the core's go build
 * (dv-build.h) on a folder of a Go module off the UI thread, shows the
 * compiler's messages as they come, and hands over the dump and its sizes. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DV_APP_TYPE_BUILD_DIALOG (dv_app_build_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DvAppBuildDialog, dv_app_build_dialog, DV_APP, BUILD_DIALOG, AdwWindow)

/* Signals:
 *   "built" (const char *dump_path, const char *sizes_path or NULL):
 *     the build succeeded; the dialog closes itself after it. */
DvAppBuildDialog *dv_app_build_dialog_new        (GtkWindow        *parent);
void              dv_app_build_dialog_set_folder (DvAppBuildDialog *self,
                                                  GFile            *folder);
/* The package to build, relative to the folder ("." or "./cmd/app"). */
void              dv_app_build_dialog_set_package (DvAppBuildDialog *self,
                                                   const char       *package);
/* Starts the build, as the Build button does. */
void              dv_app_build_dialog_start      (DvAppBuildDialog *self);
gboolean          dv_app_build_dialog_is_running (DvAppBuildDialog *self);
/* What the dialog shows: go's messages, and the error when it failed. */
char             *dv_app_build_dialog_get_output (DvAppBuildDialog *self);
const char       *dv_app_build_dialog_get_error  (DvAppBuildDialog *self);

/* Where the app keeps the build of folder: a folder of its own under the
 * user's cache, so nothing in the module is written. */
char             *dv_app_build_output_dir        (GFile            *folder);

G_END_DECLS
