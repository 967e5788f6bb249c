/* dv-app-treemap.h: the map of the binary: packages as rectangles by
 * their bytes, nested into their symbols (dv-treemap.h), drawn with
 * GtkSnapshot. Hover names the bytes; a click activates a symbol or a
 * package; a double click (or Shift+Return) zooms into a package and
 * Backspace or Escape goes back out. The keyboard: arrows move between
 * rectangles of one depth, Return activates ("treemap.move",
 * "treemap.activate", "treemap.zoom-in", "treemap.zoom-out"). The tree is built in a thread; the
 * layout follows the widget's size. */
#pragma once

#include <gtk/gtk.h>

#include "dv-app-highlight.h"
#include "dv-treemap.h"

G_BEGIN_DECLS

#define DV_TYPE_APP_TREEMAP (dv_app_treemap_get_type ())
G_DECLARE_FINAL_TYPE (DvAppTreemap, dv_app_treemap, DV, APP_TREEMAP, GtkWidget)

GtkWidget     *dv_app_treemap_new          (void);

/* The map of cost's graph, built in a thread; NULL clears the map. Takes
 * a reference, and so does each build, so a build still running for an
 * older cost reads it safely until it notices it was cancelled. */
void           dv_app_treemap_set_cost     (DvAppTreemap  *self,
                                            DvCost        *cost);
/* Packages and symbols the highlight marks are drawn marked (tinted and
 * framed in its colour), and their tooltips say so; redrawn on its
 * "changed". A ref is taken; NULL: nothing marked. */
void           dv_app_treemap_set_highlight (DvAppTreemap   *self,
                                             DvAppHighlight *highlight);
DvCost        *dv_app_treemap_get_cost     (DvAppTreemap  *self);
/* By own size (the default) or by retained size; rebuilds the tree. */
void           dv_app_treemap_set_mode     (DvAppTreemap  *self,
                                            DvTreemapMode  mode);
DvTreemapMode  dv_app_treemap_get_mode     (DvAppTreemap  *self);
/* TRUE while the tree is being built. */
gboolean       dv_app_treemap_get_busy     (DvAppTreemap  *self);
/* The tree on screen, or NULL. */
const DvTreemap *dv_app_treemap_get_map    (DvAppTreemap  *self);

/* Shows only the package's symbols; FALSE when it has no bytes. */
gboolean       dv_app_treemap_zoom_package (DvAppTreemap  *self,
                                            DvPackageId    package);
/* Back to what was shown before the last zoom; FALSE at the top. */
gboolean       dv_app_treemap_zoom_out     (DvAppTreemap  *self);

G_END_DECLS
