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

/* The Go runtime's start-up at the head of a chain (dv_why_chain_startup)
 * as one row, "Go runtime start-up (6 steps)", that opens on click. Its
 * symbol is the first step's. */
DvAppChainRow *dv_app_chain_row_new_startup (DvGraph *graph, const DvChainStep *first,
                                             guint n_steps, gboolean expanded);
gboolean       dv_app_chain_row_get_is_startup (DvAppChainRow *self);
guint          dv_app_chain_row_get_n_steps    (DvAppChainRow *self);
/* What the row shows: the short name ("http.(*conn).serve"), then the full
 * import path dimmed, as Pango markup; a cut at the end takes the package
 * before any of the name. */
char          *dv_app_chain_row_dup_markup     (DvAppChainRow *self);

G_END_DECLS
