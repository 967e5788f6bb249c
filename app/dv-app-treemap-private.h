/* dv-app-treemap-private.h: what the tests reach inside DvAppTreemap. */
#pragma once

#include "dv-app-treemap.h"

G_BEGIN_DECLS

/* The rectangles on screen, in widget coordinates (parents first), or
 * NULL before the first layout. */
GArray     *dv_app_treemap_get_rects       (DvAppTreemap *self);
/* Index of the deepest rectangle under a widget point, or -1. */
int         dv_app_treemap_rect_at         (DvAppTreemap *self,
                                            double        x,
                                            double        y);
/* What a click (n_press 1) or a double click (2) at a widget point does. */
void        dv_app_treemap_click_at        (DvAppTreemap *self,
                                            double        x,
                                            double        y,
                                            int           n_press);
/* The tooltip text at a widget point, or NULL. */
char       *dv_app_treemap_tooltip_at      (DvAppTreemap *self,
                                            double        x,
                                            double        y);
/* What the pointer moving to a widget point does (the highlight). */
void        dv_app_treemap_hover_at        (DvAppTreemap *self,
                                            double        x,
                                            double        y);
/* The rectangle the keyboard is on, or -1. */
int         dv_app_treemap_get_cursor      (DvAppTreemap *self);
/* Rectangles of the layout on screen drawn marked. */
guint       dv_app_treemap_get_n_marked    (DvAppTreemap *self);
/* Microseconds the last layout took. */
gint64      dv_app_treemap_get_layout_time (DvAppTreemap *self);
/* Microseconds the last drawing of the cached scene (labels and all) took. */
gint64      dv_app_treemap_get_scene_time  (DvAppTreemap *self);

G_END_DECLS
