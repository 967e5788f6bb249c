/* dv-app-window.h: one DepView window: one dump, its symbol browser, the
 * focused symbol's graph and keep-alive chain. */
#pragma once

#include <adwaita.h>

#include "dv-graph.h"

G_BEGIN_DECLS

#define DV_APP_TYPE_WINDOW (dv_app_window_get_type ())
G_DECLARE_FINAL_TYPE (DvAppWindow, dv_app_window, DV_APP, WINDOW, AdwApplicationWindow)

DvAppWindow *dv_app_window_new          (GtkApplication *application);
/* Loads file in the background; the shown dump stays until it succeeds.
 * select (may be NULL) is a symbol or package to focus once loaded. */
void         dv_app_window_open         (DvAppWindow *self, GFile *file, const char *select);
/* The same, with symbol sizes for it (the Go binary or `go tool nm -size`
 * output; NULL: none). */
void         dv_app_window_open_with_sizes (DvAppWindow *self, GFile *file, const char *select,
                                            GFile *sizes);
/* Loads the dump bundled in the resources. */
void         dv_app_window_open_example (DvAppWindow *self, const char *select);
gboolean     dv_app_window_has_graph    (DvAppWindow *self);
gboolean     dv_app_window_is_loading   (DvAppWindow *self);
/* Moves the focus to a symbol, recording it in the back/forward history. */
void         dv_app_window_focus_symbol (DvAppWindow *self, DvSymbolId symbol);
/* Looks up what a user typed (dv_lookup) and focuses it; FALSE if nothing matched. */
gboolean     dv_app_window_select       (DvAppWindow *self, const char *query);

/* The views beside the chain: "chain", "map", "keeps", "reflect", "compare". */
gboolean     dv_app_window_is_view_name (const char *name);
void         dv_app_window_show_view    (DvAppWindow *self, const char *name);
const char  *dv_app_window_get_view     (DvAppWindow *self);
/* Symbol sizes for the shown dump: the Go binary or `go tool nm -size` output. */
void         dv_app_window_add_sizes    (DvAppWindow *self, GFile *file);
/* Compares the shown dump with another build's (old_sizes may be NULL). */
void         dv_app_window_compare_with (DvAppWindow *self, GFile *old_dump, GFile *old_sizes);
/* Builds a Go package with the dump and opens it with its sizes; folder
 * NULL asks for one. */
void         dv_app_window_build_and_open (DvAppWindow *self, GFile *folder, const char *package);

G_END_DECLS
