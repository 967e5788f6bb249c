/* dv-app-symbol-cell.h: the name cell of the symbol browser, drawn in one
 * widget: what a Go developer reads ("tls.(*Conn).Handshake") and, dimmed
 * under it, the full import path ("crypto/tls"). A list view keeps 200 rows
 * alive and GTK 4.8 rebuilds them when a search replaces the list, so a cell
 * must be one cheap widget rather than a box of labels. Each line is cut
 * only at its end, never in the middle of an identifier. */
#pragma once

#include <gtk/gtk.h>

#include "dv-app-highlight.h"
#include "dv-app-symbol-row.h"

G_BEGIN_DECLS

#define DV_APP_TYPE_SYMBOL_CELL (dv_app_symbol_cell_get_type ())
G_DECLARE_FINAL_TYPE (DvAppSymbolCell, dv_app_symbol_cell, DV_APP, SYMBOL_CELL, GtkWidget)

/* What a cell of the symbol table shows. */
typedef enum {
  DV_APP_SYMBOL_CELL_NAME,  /* the short name over the dimmed import path */
  DV_APP_SYMBOL_CELL_KIND,  /* "function", "type", ...; the flags under it */
  DV_APP_SYMBOL_CELL_FLAGS, /* "UsedInIface", "ReflectMethod" */
  DV_APP_SYMBOL_CELL_SIZE,     /* own bytes, as dv_format_bytes writes them */
  DV_APP_SYMBOL_CELL_RETAINED, /* retained bytes */
} DvAppSymbolCellShows;

GtkWidget *dv_app_symbol_cell_new     (void);
GtkWidget *dv_app_symbol_cell_new_for (DvAppSymbolCellShows shows);
/* row may be NULL (unbound); the cell keeps a reference while bound. */
void       dv_app_symbol_cell_set_row (DvAppSymbolCell *self, DvAppSymbolRow *row);
/* Marks the row as a highlight does: a pill after the name ("new",
 * "goes"), a bar at its start (the style classes "marked" and "mark-added"
 * or "mark-keeps"), and label ("new since etcd-go1.19"; NULL: the pill's
 * word) in the tooltip and the accessible label. DV_APP_HIGHLIGHT_NONE:
 * unmarked. Only a name cell draws the pill. */
void       dv_app_symbol_cell_set_mark (DvAppSymbolCell *self, DvAppHighlightKind kind, const char *label);
DvAppHighlightKind dv_app_symbol_cell_get_mark (DvAppSymbolCell *self);
/* Whether a mark draws its pill (TRUE at first): a list of marked rows
 * only leaves it out, the bar says enough and the names need the room. */
void       dv_app_symbol_cell_set_show_pill (DvAppSymbolCell *self, gboolean show);
/* For tests: the word of the pill drawn, or NULL. */
const char *dv_app_symbol_cell_get_pill (DvAppSymbolCell *self);

/* The accessible label of a row named name that a mark marks
 * ("crypto/tls, new since etcd-go1.19"; free with g_free): the package
 * list's too. The pill's word: dv_app_mark_word. */
char       *dv_app_mark_accessible_label (const char *name, DvAppHighlightKind kind, const char *label);
/* The style classes of a kind of mark ("mark-added", "mark-keeps"). */
const char *dv_app_mark_css_class        (DvAppHighlightKind kind);

/* For tests: the row, and the two lines as drawn (before any cut at the end);
 * a size cell's title is its bytes ("" without sizes). */
DvAppSymbolRow *dv_app_symbol_cell_get_row  (DvAppSymbolCell *self);
DvAppSymbolCellShows dv_app_symbol_cell_get_shows (DvAppSymbolCell *self);
const char *dv_app_symbol_cell_get_title    (DvAppSymbolCell *self);
const char *dv_app_symbol_cell_get_subtitle (DvAppSymbolCell *self);

G_END_DECLS
