/* dv-app-symbol-cell.h: one row of the symbol browser, drawn in one widget
 * (name, package, kind, flags in fixed columns). A list view keeps 200 rows
 * alive and GTK 4.8 rebuilds them when a search replaces the list, so a row
 * must be one cheap widget rather than a box of labels. */
#pragma once

#include <gtk/gtk.h>

#include "dv-app-symbol-row.h"

G_BEGIN_DECLS

/* Column widths in pixels, shared with the header above the list. */
#define DV_APP_SYMBOL_CELL_PACKAGE_WIDTH 92
#define DV_APP_SYMBOL_CELL_KIND_WIDTH    64
#define DV_APP_SYMBOL_CELL_FLAGS_WIDTH   76
#define DV_APP_SYMBOL_CELL_SPACING       8

#define DV_APP_TYPE_SYMBOL_CELL (dv_app_symbol_cell_get_type ())
G_DECLARE_FINAL_TYPE (DvAppSymbolCell, dv_app_symbol_cell, DV_APP, SYMBOL_CELL, GtkWidget)

GtkWidget *dv_app_symbol_cell_new     (void);
/* row may be NULL (unbound); the cell keeps a reference while bound. */
void       dv_app_symbol_cell_set_row (DvAppSymbolCell *self, DvAppSymbolRow *row);

G_END_DECLS
