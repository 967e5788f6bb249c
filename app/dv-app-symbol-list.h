/* dv-app-symbol-list.h: the symbol browser's model: the symbols of a graph
 * whose name contains a search text, as a GListModel of DvAppSymbolRow.
 *
 * The list is an id array; rows are made on demand (and shared while alive),
 * so a million symbols cost four bytes each. A search runs in a worker
 * thread over the immutable graph and lands as items-changed signals
 * covering only the spans that differ, those among the top rows over a few
 * main-loop iterations, so typing never blocks the UI. */
#pragma once

#include <gio/gio.h>

#include "dv-cost.h"
#include "dv-graph.h"

G_BEGIN_DECLS

#define DV_APP_TYPE_SYMBOL_LIST (dv_app_symbol_list_get_type ())
G_DECLARE_FINAL_TYPE (DvAppSymbolList, dv_app_symbol_list, DV_APP, SYMBOL_LIST, GObject)

DvAppSymbolList *dv_app_symbol_list_new               (void);
/* graph may be NULL (an empty list). */
void             dv_app_symbol_list_set_graph         (DvAppSymbolList *self, DvGraph *graph);
DvGraph         *dv_app_symbol_list_get_graph         (DvAppSymbolList *self);
/* The sizes its rows show (NULL: none); only a cost of the list's graph. */
void             dv_app_symbol_list_set_cost          (DvAppSymbolList *self, DvCost *cost);
DvCost          *dv_app_symbol_list_get_cost          (DvAppSymbolList *self);
/* Leaves out DV_SYMBOL_KIND_METADATA and DV_SYMBOL_KIND_DWARF. */
void             dv_app_symbol_list_set_hide_metadata (DvAppSymbolList *self, gboolean hide);
gboolean         dv_app_symbol_list_get_hide_metadata (DvAppSymbolList *self);
/* A substring of the name; smart case (see dv_app_name_matches). */
void             dv_app_symbol_list_set_search        (DvAppSymbolList *self, const char *search);
const char      *dv_app_symbol_list_get_search        (DvAppSymbolList *self);
/* Shows only the symbols whose byte in only (one a symbol of the graph)
 * is not 0, checked in the search's thread; NULL: all. Taken by reference;
 * a new graph clears it. The total below does not change. */
void             dv_app_symbol_list_set_only          (DvAppSymbolList *self, GBytes *only);
GBytes          *dv_app_symbol_list_get_only          (DvAppSymbolList *self);
/* TRUE while a search runs, and until its result is all in the list; the
 * list shows the previous result meanwhile (then a mix of the two). */
gboolean         dv_app_symbol_list_get_pending       (DvAppSymbolList *self);
/* Symbols the list would show with an empty search. */
guint            dv_app_symbol_list_get_n_total       (DvAppSymbolList *self);
DvSymbolId       dv_app_symbol_list_get_id            (DvAppSymbolList *self, guint position);
/* Where a view shows the list (its first row shown; G_MAXUINT: unknown): a
 * new list reaches the rows there, whose widgets it rebuilds, in small
 * pieces. */
void             dv_app_symbol_list_set_view_position (DvAppSymbolList *self, guint position);
/* One lookup for the list and Enter: the symbol the core's dv_lookup picks
 * for the search (what Enter selects) is the list's first row, even when its
 * name does not hold the search ("crypto/tls.Conn.Handshake" picks
 * "crypto/tls.(*Conn).Handshake"). DV_SYMBOL_NONE when it picks none. */
DvSymbolId       dv_app_symbol_list_get_pick          (DvAppSymbolList *self);
/* When the lookup finds nothing: its "did you mean" names (at most five),
 * NULL-terminated; empty otherwise. */
const char * const *dv_app_symbol_list_get_suggestions (DvAppSymbolList *self);

G_END_DECLS
