/* dv-app-focus.h: what the window is about: one symbol or package of the
 * shown graph, the one answer for it (dv_why_answer_init) that the chain
 * panel, the graph and Copy as Markdown all read, and the back/forward
 * history. */
#pragma once

#include <gio/gio.h>

#include "dv-why.h"

G_BEGIN_DECLS

#define DV_APP_TYPE_FOCUS (dv_app_focus_get_type ())
G_DECLARE_FINAL_TYPE (DvAppFocus, dv_app_focus, DV_APP, FOCUS, GObject)

/* Properties (read-only): "symbol" (guint: the symbol drawn, DV_SYMBOL_NONE
 * for none), "package" (guint: the package asked about, DV_PACKAGE_NONE),
 * "busy" (boolean: work for the focus is running; the answer itself is made
 * on the spot, 0.1-1.1 ms on the etcd dump, so today it stays FALSE),
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

/* For tests: how many answers this object has made. */
guint              dv_app_focus_get_n_answers (DvAppFocus *self);

G_END_DECLS
