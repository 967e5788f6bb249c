/* dv-app-focus.h: what the window is about: one symbol or package of the
 * shown graph, the one answer for it (dv_why_answer_init) that the chain
 * panel, the graph and Copy as Markdown all read, and the back/forward
 * history. */
#pragma once

#include <gio/gio.h>

#include "dv-why.h"
#include "dv-layout.h"

G_BEGIN_DECLS

#define DV_APP_TYPE_FOCUS (dv_app_focus_get_type ())
G_DECLARE_FINAL_TYPE (DvAppFocus, dv_app_focus, DV_APP, FOCUS, GObject)

/* Properties (read-only): "symbol" (guint: the symbol drawn, DV_SYMBOL_NONE
 * for none), "package" (guint: the package asked about, DV_PACKAGE_NONE),
 * "busy" (boolean: the layout of the graph around the symbol is being
 * made; the answer itself is made on the spot, 0.1-1.1 ms on the etcd
 * dump), "layout" (pointer: see dv_app_focus_get_layout),
 * "hide-metadata" (boolean, read-write, default FALSE),
 * "can-go-back", "can-go-forward" (boolean).
 * Signal "changed": the focus and its answer changed (also to none). */

DvAppFocus        *dv_app_focus_new          (void);

/* Takes a ref; drops the focus without "changed". keep_history: the same
 * file again, whose history names are still worth following. */
void               dv_app_focus_set_graph    (DvAppFocus *self, DvGraph *graph, gboolean keep_history);
DvGraph           *dv_app_focus_get_graph    (DvAppFocus *self);

/* The focus from a lookup of kind SYMBOL, PACKAGE, INLINED or
 * UNLINKED_PACKAGE; record: add it to the history (SYMBOL and PACKAGE only). */
void               dv_app_focus_show_lookup  (DvAppFocus *self, const DvLookup *lookup, gboolean record);
void               dv_app_focus_show_symbol  (DvAppFocus *self, DvSymbolId symbol, gboolean record);
void               dv_app_focus_show_package (DvAppFocus *self, DvPackageId package, gboolean record);
/* A symbol (is_package FALSE) or package by name; FALSE, focus unchanged,
 * when the graph has no such name. */
gboolean           dv_app_focus_show_name    (DvAppFocus *self, const char *name, gboolean is_package,
                                              gboolean record);
void               dv_app_focus_clear        (DvAppFocus *self);

DvSymbolId         dv_app_focus_get_symbol   (DvAppFocus *self);
DvPackageId        dv_app_focus_get_package  (DvAppFocus *self);
/* The name of the symbol or package asked about, NULL for none. */
const char        *dv_app_focus_get_name     (DvAppFocus *self, gboolean *is_package);
/* The answer for the focus, NULL for none; valid until the next "changed". */
const DvWhyAnswer *dv_app_focus_get_answer   (DvAppFocus *self);
gboolean           dv_app_focus_get_busy     (DvAppFocus *self);

gboolean           dv_app_focus_can_go_back    (DvAppFocus *self);
gboolean           dv_app_focus_can_go_forward (DvAppFocus *self);
/* Moves through the history, skipping names the graph no longer has;
 * FALSE when there was nowhere to go. */
gboolean           dv_app_focus_go_back      (DvAppFocus *self);
gboolean           dv_app_focus_go_forward   (DvAppFocus *self);

/* The graph around the symbol, laid out in a thread after every change of
 * the symbol or of the request below (a result overtaken by a newer
 * request is dropped); NULL while none is done and without a symbol. The
 * pointer stays valid until the next notify::layout (no longer: the
 * handlers of that notify get the new one). A new symbol starts from the
 * default view; the same symbol again keeps what was opened. */
const DvLayout    *dv_app_focus_get_layout   (DvAppFocus *self);
/* How long the last layout took in its thread, ms. */
double             dv_app_focus_get_layout_ms (DvAppFocus *self);
/* The request behind the next layout (an export draws the same): arrays
 * allocated for the caller, freed with dv_app_focus_request_clear. */
void               dv_app_focus_get_request  (DvAppFocus *self, DvLayoutRequest *request);
void               dv_app_focus_request_clear (DvLayoutRequest *request);
/* Each lays out again: show or hide a node's children; open or close a
 * node's "+N more" (for the focus: its parents' too); show the runtime
 * start-up steps one by one; fold compiler metadata into "+N metadata". */
void               dv_app_focus_toggle_expanded   (DvAppFocus *self, DvSymbolId symbol);
void               dv_app_focus_toggle_unfolded   (DvAppFocus *self, DvSymbolId symbol);
void               dv_app_focus_set_unfold_startup (DvAppFocus *self, gboolean unfold);
gboolean           dv_app_focus_get_unfold_startup (DvAppFocus *self);
void               dv_app_focus_set_hide_metadata  (DvAppFocus *self, gboolean hide);
/* The chain as one node per package (DvLayoutRequest.packages), with the
 * packages' bytes from cost (taken by reference; NULL: none). */
void               dv_app_focus_set_packages       (DvAppFocus *self, gboolean packages);
gboolean           dv_app_focus_get_packages       (DvAppFocus *self);
void               dv_app_focus_set_cost           (DvAppFocus *self, DvCost *cost);
gboolean           dv_app_focus_get_hide_metadata  (DvAppFocus *self);

/* For tests: how many answers this object has made. */
guint              dv_app_focus_get_n_answers (DvAppFocus *self);

G_END_DECLS
