/* dv-app-viewport.h: where a laid-out graph sits in a widget: scale,
 * offset, fit, zoom around a point, clamp, anchor, scroll to a node.
 * Plain arithmetic, no GTK: the tests run it without a display.
 *
 * Layout coordinates are points with y down (DvLayout's); widget
 * coordinates are pixels. widget = offset + layout * scale. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 1.0 would be one pixel per point; labels are 10 pt, so 4/3 shows them
 * at the size of 10 pt text on a 96 dpi screen. */
#define DV_APP_VIEWPORT_SCALE_NATURAL  (4.0 / 3.0)
#define DV_APP_VIEWPORT_SCALE_MIN      0.05
#define DV_APP_VIEWPORT_SCALE_MAX      8.0
/* The graph's labels are 10 pt; below this scale they are under 9 px on
 * screen, too small to read: fit never goes below it. */
#define DV_APP_VIEWPORT_LABEL_POINTS   10.0
#define DV_APP_VIEWPORT_SCALE_READABLE 0.9
/* Room kept between the content and the view's edges by fit and clamp. */
#define DV_APP_VIEWPORT_MARGIN         16.0

typedef struct {
  double x, y, width, height;
} DvAppRect;

typedef struct {
  double view_width, view_height;       /* widget pixels */
  /* A strip of the view's right edge that floating controls cover: fit and
   * clamp keep the content out of it when the view is wide enough. */
  double reserve_right;
  double content_width, content_height; /* layout points */
  double scale;                         /* widget pixels per layout point */
  double offset_x, offset_y;            /* widget point of layout (0, 0) */
} DvAppViewport;

void     dv_app_viewport_init          (DvAppViewport *vp);

void     dv_app_viewport_to_widget     (const DvAppViewport *vp,
                                        double               lx,
                                        double               ly,
                                        double              *x,
                                        double              *y);
void     dv_app_viewport_to_layout     (const DvAppViewport *vp,
                                        double               x,
                                        double               y,
                                        double              *lx,
                                        double              *ly);

/* The width the content may use: the view less the reserved strip, when
 * the view is wide enough to give it up. */
double   dv_app_viewport_usable_width  (const DvAppViewport *vp);

/* Shows the whole content, centred, at most at the natural scale. When
 * that would put the labels under DV_APP_VIEWPORT_SCALE_READABLE, shows
 * it at the readable scale instead, with the point (focus_x, focus_y)
 * (the focus end of the chain) in view and no empty space past the
 * content's ends where the content is larger than the view. Returns TRUE
 * when the whole content is in view. */
gboolean dv_app_viewport_fit           (DvAppViewport *vp,
                                        double         focus_x,
                                        double         focus_y);

/* Sets the scale (clamped to MIN..MAX) keeping the layout point under the
 * widget point (x, y) where it is. */
void     dv_app_viewport_zoom_around   (DvAppViewport *vp,
                                        double         new_scale,
                                        double         x,
                                        double         y);

/* The offset range that keeps the content inside the view's margins
 * (content smaller than the view) or the view filled with content
 * (content larger), per axis. */
void     dv_app_viewport_offset_range  (const DvAppViewport *vp,
                                        double              *min_x,
                                        double              *max_x,
                                        double              *min_y,
                                        double              *max_y);

/* Moves the content by (dx, dy) pixels, stopping at the offset range. An
 * offset already outside the range (after an anchor) is never pushed
 * further out, and never jumps back in. */
void     dv_app_viewport_pan           (DvAppViewport *vp,
                                        double         dx,
                                        double         dy);

/* Puts the layout point (lx, ly) at the widget point (x, y) at the current
 * scale, exactly: what was under the pointer stays under it. */
void     dv_app_viewport_anchor        (DvAppViewport *vp,
                                        double         lx,
                                        double         ly,
                                        double         x,
                                        double         y);

/* Scrolls as little as possible so the layout rectangle is in view with a
 * margin (its top left corner wins when it is larger than the view).
 * Returns TRUE if the offset changed. */
gboolean dv_app_viewport_scroll_to     (DvAppViewport   *vp,
                                        const DvAppRect *rect);

G_END_DECLS
