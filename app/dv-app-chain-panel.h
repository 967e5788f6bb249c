/* dv-app-chain-panel.h: the keep-alive chain of the focus as rows, root
 * side first; for a symbol with no path from the root, its known ancestors. */
#pragma once

#include <gtk/gtk.h>

#include "dv-why.h"

G_BEGIN_DECLS

#define DV_APP_TYPE_CHAIN_PANEL (dv_app_chain_panel_get_type ())
G_DECLARE_FINAL_TYPE (DvAppChainPanel, dv_app_chain_panel, DV_APP, CHAIN_PANEL, GtkWidget)

void        dv_app_chain_panel_set_graph    (DvAppChainPanel *self, DvGraph *graph);
void        dv_app_chain_panel_show_symbol  (DvAppChainPanel *self, DvSymbolId symbol);
void        dv_app_chain_panel_show_package (DvAppChainPanel *self, DvPackageId package);
/* Any answer of dv_lookup but NOT_FOUND and AMBIGUOUS; for INLINED and
 * UNLINKED_PACKAGE a title and words, no rows. */
void        dv_app_chain_panel_show_lookup  (DvAppChainPanel *self, const DvLookup *lookup);
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
