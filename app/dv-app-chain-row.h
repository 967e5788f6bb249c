/* dv-app-chain-row.h: one step of a keep-alive chain (or of the known
 * ancestors of an unreachable symbol) as a list item. */
#pragma once

#include <glib-object.h>

#include "dv-why.h"

G_BEGIN_DECLS

#define DV_APP_TYPE_CHAIN_ROW (dv_app_chain_row_get_type ())
G_DECLARE_FINAL_TYPE (DvAppChainRow, dv_app_chain_row, DV_APP, CHAIN_ROW, GObject)

DvAppChainRow *dv_app_chain_row_new        (DvGraph *graph, guint index,
                                            const DvChainStep *step, gboolean is_target);
DvSymbolId     dv_app_chain_row_get_symbol (DvAppChainRow *self);
DvEdgeKind     dv_app_chain_row_get_via    (DvAppChainRow *self);
guint          dv_app_chain_row_get_index  (DvAppChainRow *self);
const char    *dv_app_chain_row_get_name   (DvAppChainRow *self);
gboolean       dv_app_chain_row_get_is_target (DvAppChainRow *self);

G_END_DECLS
