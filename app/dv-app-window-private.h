/* dv-app-window-private.h: window internals for tests. */
#pragma once

#include "dv-app-chain-panel.h"
#include "dv-app-sidebar.h"
#include "dv-app-window.h"
#include "dv-app-graph-view.h"

G_BEGIN_DECLS

/* Signals of DvAppWindow:
 *   "loaded" (gboolean success): a load finished (success FALSE: failed or cancelled).
 *   "focus-changed" (guint symbol): the focus moved (DV_SYMBOL_NONE: cleared). */

DvGraph         *dv_app_window_get_graph        (DvAppWindow *self);
DvSymbolId       dv_app_window_get_focus        (DvAppWindow *self);
DvAppSidebar    *dv_app_window_get_sidebar      (DvAppWindow *self);
DvAppChainPanel *dv_app_window_get_chain_panel  (DvAppWindow *self);
GListModel      *dv_app_window_get_chain_model  (DvAppWindow *self);
GtkSearchEntry  *dv_app_window_get_search_entry (DvAppWindow *self);
DvAppGraphView     *dv_app_window_get_graph_view   (DvAppWindow *self);
/* The dialog asking which binary of a file to open, NULL when none is open. */
AdwMessageDialog *dv_app_window_get_binary_chooser (DvAppWindow *self);
/* The text of the error/problem banner, NULL when hidden. */
const char      *dv_app_window_get_banner_text  (DvAppWindow *self);
/* The same export the Export menu runs, without the file dialog. */
void             dv_app_window_export_async     (DvAppWindow         *self,
                                                 const char          *format,
                                                 GFile               *file,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean         dv_app_window_export_finish    (DvAppWindow         *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
