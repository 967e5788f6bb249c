/* dv-app-viewport.c: the graph view's geometry, without a widget. */
#include "config.h"

#include "dv-app-viewport.h"

#define MARGIN DV_APP_VIEWPORT_MARGIN

void
dv_app_viewport_init (DvAppViewport *vp)
{
  *vp = (DvAppViewport) { .scale = DV_APP_VIEWPORT_SCALE_NATURAL };
}

void
dv_app_viewport_to_widget (const DvAppViewport *vp,
                           double               lx,
                           double               ly,
                           double              *x,
                           double              *y)
{
  *x = vp->offset_x + lx * vp->scale;
  *y = vp->offset_y + ly * vp->scale;
}

void
dv_app_viewport_to_layout (const DvAppViewport *vp,
                           double               x,
                           double               y,
                           double              *lx,
                           double              *ly)
{
  *lx = (x - vp->offset_x) / vp->scale;
  *ly = (y - vp->offset_y) / vp->scale;
}

double
dv_app_viewport_usable_width (const DvAppViewport *vp)
{
  /* A narrow view keeps all its width: controls over a node beat no room. */
  if (vp->view_width > 4 * vp->reserve_right)
    return vp->view_width - vp->reserve_right;
  return vp->view_width;
}

/* The offset that centres content in view if it fits, else puts the point
 * `at` (content pixels) in the middle without leaving empty space past the
 * content's ends. */
static double
place (double view,
       double content,
       double at)
{
  if (content <= view - 2 * MARGIN)
    return (view - content) / 2;
  return CLAMP (view / 2 - at, view - MARGIN - content, MARGIN);
}

gboolean
dv_app_viewport_fit (DvAppViewport *vp,
                     double         focus_x,
                     double         focus_y)
{
  double w = dv_app_viewport_usable_width (vp);
  double h = vp->view_height;
  double lw = MAX (vp->content_width, 1);
  double lh = MAX (vp->content_height, 1);
  double s;

  if (w <= 0 || h <= 0)
    return FALSE;
  s = MIN ((w - 2 * MARGIN) / lw, (h - 2 * MARGIN) / lh);
  s = CLAMP (s, DV_APP_VIEWPORT_SCALE_MIN, DV_APP_VIEWPORT_SCALE_NATURAL);
  if (s >= DV_APP_VIEWPORT_SCALE_READABLE)
    {
      vp->scale = s;
      vp->offset_x = (w - lw * s) / 2;
      vp->offset_y = (h - lh * s) / 2;
      return TRUE;
    }

  /* Too big to read whole: readable, the focus end in view, the view
   * scrolls along the rest. */
  vp->scale = DV_APP_VIEWPORT_SCALE_READABLE;
  vp->offset_x = place (w, lw * vp->scale, focus_x * vp->scale);
  vp->offset_y = place (h, lh * vp->scale, focus_y * vp->scale);
  return FALSE;
}

void
dv_app_viewport_zoom_around (DvAppViewport *vp,
                             double         new_scale,
                             double         x,
                             double         y)
{
  new_scale = CLAMP (new_scale, DV_APP_VIEWPORT_SCALE_MIN, DV_APP_VIEWPORT_SCALE_MAX);
  if (vp->scale <= 0 || new_scale == vp->scale)
    return;
  vp->offset_x = x - (x - vp->offset_x) * new_scale / vp->scale;
  vp->offset_y = y - (y - vp->offset_y) * new_scale / vp->scale;
  vp->scale = new_scale;
}

static void
axis_range (double  view,
            double  content,
            double *lo,
            double *hi)
{
  /* smaller: stays inside the margins; larger: fills the view */
  *lo = MIN (MARGIN, view - MARGIN - content);
  *hi = MAX (MARGIN, view - MARGIN - content);
}

void
dv_app_viewport_offset_range (const DvAppViewport *vp,
                              double              *min_x,
                              double              *max_x,
                              double              *min_y,
                              double              *max_y)
{
  axis_range (dv_app_viewport_usable_width (vp), vp->content_width * vp->scale, min_x, max_x);
  axis_range (vp->view_height, vp->content_height * vp->scale, min_y, max_y);
}

void
dv_app_viewport_pan (DvAppViewport *vp,
                     double         dx,
                     double         dy)
{
  double min_x, max_x, min_y, max_y;

  dv_app_viewport_offset_range (vp, &min_x, &max_x, &min_y, &max_y);
  vp->offset_x = CLAMP (vp->offset_x + dx, MIN (min_x, vp->offset_x), MAX (max_x, vp->offset_x));
  vp->offset_y = CLAMP (vp->offset_y + dy, MIN (min_y, vp->offset_y), MAX (max_y, vp->offset_y));
}

void
dv_app_viewport_anchor (DvAppViewport *vp,
                        double         lx,
                        double         ly,
                        double         x,
                        double         y)
{
  vp->offset_x = x - lx * vp->scale;
  vp->offset_y = y - ly * vp->scale;
}

/* How far to move so [a, b] lies in [MARGIN, view - MARGIN]; a wins. */
static double
axis_shift (double a,
            double b,
            double view)
{
  if (a < MARGIN)
    return MARGIN - a;
  if (b > view - MARGIN)
    return -MIN (b - (view - MARGIN), a - MARGIN);
  return 0;
}

gboolean
dv_app_viewport_scroll_to (DvAppViewport   *vp,
                           const DvAppRect *rect)
{
  double x0, y0, x1, y1, dx, dy;

  dv_app_viewport_to_widget (vp, rect->x, rect->y, &x0, &y0);
  dv_app_viewport_to_widget (vp, rect->x + rect->width, rect->y + rect->height, &x1, &y1);
  dx = axis_shift (x0, x1, dv_app_viewport_usable_width (vp));
  dy = axis_shift (y0, y1, vp->view_height);
  vp->offset_x += dx;
  vp->offset_y += dy;
  return dx != 0 || dy != 0;
}
