/* dv-app-symbol-row.h: one symbol of a graph as a light list item. Rows are
 * made on demand by DvAppSymbolList and hold only a graph reference and an id. */
#pragma once

#include <glib-object.h>

#include "dv-cost.h"
#include "dv-graph.h"

G_BEGIN_DECLS

#define DV_APP_TYPE_SYMBOL_ROW (dv_app_symbol_row_get_type ())
G_DECLARE_FINAL_TYPE (DvAppSymbolRow, dv_app_symbol_row, DV_APP, SYMBOL_ROW, GObject)

DvAppSymbolRow *dv_app_symbol_row_new         (DvGraph *graph, DvSymbolId id);
DvGraph        *dv_app_symbol_row_get_graph   (DvAppSymbolRow *self);
DvSymbolId      dv_app_symbol_row_get_id      (DvAppSymbolRow *self);
const char     *dv_app_symbol_row_get_name    (DvAppSymbolRow *self);
const char     *dv_app_symbol_row_get_package (DvAppSymbolRow *self);
/* What a Go developer reads: "tls.(*Conn).Handshake" (dv_symbol_name_readable). */
const char     *dv_app_symbol_row_get_short_name (DvAppSymbolRow *self);
const char     *dv_app_symbol_row_get_kind    (DvAppSymbolRow *self);
const char     *dv_app_symbol_kind_label      (DvSymbolKind    kind);
/* The sizes the row shows (NULL: none); the list sets them on its rows. */
void            dv_app_symbol_row_set_cost    (DvAppSymbolRow *self, DvCost *cost);
DvCost         *dv_app_symbol_row_get_cost    (DvAppSymbolRow *self);
/* Own and retained bytes; 0 without sizes. */
guint64         dv_app_symbol_row_get_size    (DvAppSymbolRow *self);
guint64         dv_app_symbol_row_get_retained (DvAppSymbolRow *self);
/* "UsedInIface, ReflectMethod"; free with g_free. */
char           *dv_app_symbol_flags_to_string (DvSymbolFlags flags);

G_END_DECLS
