/* dv-app-chain-panel.h: the keep-alive chain of the focus as rows, root
 * side first; for a symbol with no path from the root, its known ancestors. */
#pragma once

#include <gtk/gtk.h>

#include "dv-why.h"

G_BEGIN_DECLS

#define DV_APP_TYPE_CHAIN_PANEL (dv_app_chain_panel_get_type ())
G_DECLARE_FINAL_TYPE (DvAppChainPanel, dv_app_chain_panel, DV_APP, CHAIN_PANEL, GtkWidget)

void        dv_app_chain_panel_set_graph    (DvAppChainPanel *self, DvGraph *graph);
/* Shows an answer of dv_why_answer_init for the graph set (the focus
 * object's: the panel makes none of its own); reads it now, keeps nothing
 * of it. For an inlined function or a package not linked, a title and
 * words, no rows. */
void        dv_app_chain_panel_set_answer   (DvAppChainPanel *self, const DvWhyAnswer *answer);
void        dv_app_chain_panel_clear        (DvAppChainPanel *self);
/* DvAppChainRow items: the chain, or the known ancestors when unreachable. */
GListModel *dv_app_chain_panel_get_model    (DvAppChainPanel *self);
gboolean    dv_app_chain_panel_get_reachable (DvAppChainPanel *self);
/* The rows as shown: the runtime's start-up at the head of a chain
 * (dv_why_chain_startup) is one row that opens on click, or here. */
GListModel *dv_app_chain_panel_get_shown_model       (DvAppChainPanel *self);
void        dv_app_chain_panel_set_startup_expanded  (DvAppChainPanel *self, gboolean expanded);
gboolean    dv_app_chain_panel_get_startup_expanded  (DvAppChainPanel *self);

G_END_DECLS
