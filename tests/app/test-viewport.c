/* DvAppViewport: fit, zoom, anchor, clamp and scroll arithmetic, with no
 * display. Expected values are worked out by hand in the comments. */
#include "config.h"

#include <glib.h>

#include "dv-app-viewport.h"

#define EPS 1e-9

static DvAppViewport
viewport (double view_w,
          double view_h,
          double reserve,
          double content_w,
          double content_h)
{
  DvAppViewport vp;

  dv_app_viewport_init (&vp);
  vp.view_width = view_w;
  vp.view_height = view_h;
  vp.reserve_right = reserve;
  vp.content_width = content_w;
  vp.content_height = content_h;
  return vp;
}

/* A small graph is shown whole at the natural scale, centred in the width
 * the zoom buttons leave free. */
static void
test_fit_small (void)
{
  DvAppViewport vp = viewport (1000, 700, 60, 300, 200);

  g_assert_true (dv_app_viewport_fit (&vp, 150, 190));
  g_assert_cmpfloat_with_epsilon (vp.scale, 4.0 / 3.0, EPS);
  /* usable width 940; content 400 px wide: (940 - 400) / 2 */
  g_assert_cmpfloat_with_epsilon (vp.offset_x, 270, EPS);
  /* (700 - 266.67) / 2 */
  g_assert_cmpfloat_with_epsilon (vp.offset_y, (700 - 200 * 4.0 / 3.0) / 2, EPS);
}

/* A graph a little too wide shrinks, stays whole and keeps out of the
 * strip under the buttons. */
static void
test_fit_shrinks (void)
{
  DvAppViewport vp = viewport (1000, 700, 60, 1000, 500);
  double right, y;

  g_assert_true (dv_app_viewport_fit (&vp, 500, 490));
  /* (940 - 2 * 16) / 1000 */
  g_assert_cmpfloat_with_epsilon (vp.scale, 0.908, EPS);
  g_assert_cmpfloat_with_epsilon (vp.offset_x, 16, EPS);
  dv_app_viewport_to_widget (&vp, 1000, 0, &right, &y);
  g_assert_cmpfloat (right, <=, 1000 - 60 - 16 + EPS);
}

/* A long chain (400 x 3000 points, the focus at its bottom) in an 800x600
 * view would need scale 0.189, labels under 2 px: fit stays at 9 px text
 * and shows the focus end; the root end is reached by scrolling. */
static void
test_fit_legible (void)
{
  DvAppViewport vp = viewport (800, 600, 60, 400, 3000);
  double fx, fy, min_x, max_x, min_y, max_y;

  g_assert_false (dv_app_viewport_fit (&vp, 200, 2900));
  g_assert_cmpfloat_with_epsilon (vp.scale, 0.9, EPS);
  g_assert_cmpfloat (vp.scale * DV_APP_VIEWPORT_LABEL_POINTS, >=, 9 - EPS);
  /* 360 px wide in 740 usable: centred */
  g_assert_cmpfloat_with_epsilon (vp.offset_x, 190, EPS);
  /* the bottom of the content at the bottom margin: 600 - 16 - 2700 */
  g_assert_cmpfloat_with_epsilon (vp.offset_y, -2116, EPS);
  dv_app_viewport_to_widget (&vp, 200, 2900, &fx, &fy);
  g_assert_cmpfloat_with_epsilon (fy, 494, EPS);
  g_assert_cmpfloat (fy, >, 0);
  g_assert_cmpfloat (fy, <, 600);

  /* The chain scrolls: up to the root, not past it. */
  dv_app_viewport_offset_range (&vp, &min_x, &max_x, &min_y, &max_y);
  g_assert_cmpfloat_with_epsilon (min_y, -2116, EPS);
  g_assert_cmpfloat_with_epsilon (max_y, 16, EPS);
  dv_app_viewport_pan (&vp, 0, -100);
  g_assert_cmpfloat_with_epsilon (vp.offset_y, -2116, EPS);
  dv_app_viewport_pan (&vp, 0, 5000);
  g_assert_cmpfloat_with_epsilon (vp.offset_y, 16, EPS);
  /* sideways, the narrow content stays inside the margins */
  dv_app_viewport_pan (&vp, 1000, 0);
  g_assert_cmpfloat_with_epsilon (vp.offset_x, 740 - 16 - 360, EPS);
  dv_app_viewport_pan (&vp, -1000, 0);
  g_assert_cmpfloat_with_epsilon (vp.offset_x, 16, EPS);

  /* A focus in the middle of the chain is put in the middle of the view. */
  vp = viewport (800, 600, 60, 400, 3000);
  g_assert_false (dv_app_viewport_fit (&vp, 200, 1500));
  g_assert_cmpfloat_with_epsilon (vp.offset_y, 300 - 1500 * 0.9, EPS);
}

/* A narrow view keeps all its width: the reserve is given up. */
static void
test_fit_narrow (void)
{
  DvAppViewport vp = viewport (200, 150, 60, 100, 100);

  g_assert_cmpfloat_with_epsilon (dv_app_viewport_usable_width (&vp), 200, EPS);
  g_assert_true (dv_app_viewport_fit (&vp, 50, 90));
  /* (150 - 32) / 100 */
  g_assert_cmpfloat_with_epsilon (vp.scale, 1.18, EPS);
  g_assert_cmpfloat_with_epsilon (vp.offset_x, (200 - 118) / 2.0, EPS);
}

static void
test_zoom_around (void)
{
  DvAppViewport vp = viewport (800, 600, 0, 1000, 1000);
  double x, y;

  vp.scale = 1;
  vp.offset_x = 10;
  vp.offset_y = 20;
  /* (100, 100) shows layout (90, 80); it still does at scale 2 */
  dv_app_viewport_zoom_around (&vp, 2, 100, 100);
  g_assert_cmpfloat_with_epsilon (vp.scale, 2, EPS);
  g_assert_cmpfloat_with_epsilon (vp.offset_x, -80, EPS);
  g_assert_cmpfloat_with_epsilon (vp.offset_y, -60, EPS);
  dv_app_viewport_to_widget (&vp, 90, 80, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 100, EPS);
  g_assert_cmpfloat_with_epsilon (y, 100, EPS);

  dv_app_viewport_zoom_around (&vp, 100, 100, 100);
  g_assert_cmpfloat_with_epsilon (vp.scale, DV_APP_VIEWPORT_SCALE_MAX, EPS);
  dv_app_viewport_to_widget (&vp, 90, 80, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 100, 1e-6);
  dv_app_viewport_zoom_around (&vp, 0, 100, 100);
  g_assert_cmpfloat_with_epsilon (vp.scale, DV_APP_VIEWPORT_SCALE_MIN, EPS);
  dv_app_viewport_to_layout (&vp, 100, 100, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 90, 1e-6);
  g_assert_cmpfloat_with_epsilon (y, 80, 1e-6);
}

/* A node at layout (120, 40), drawn at scale 0.9 with offset (10, 30), is
 * at widget (118, 66). The re-layout its click causes moves it to layout
 * (400, 260): anchored, it is drawn at (118, 66) still. */
static void
test_anchor (void)
{
  DvAppViewport vp = viewport (800, 600, 60, 500, 300);
  double x, y, wx, wy;

  vp.scale = 0.9;
  vp.offset_x = 10;
  vp.offset_y = 30;
  dv_app_viewport_to_widget (&vp, 120, 40, &wx, &wy);
  g_assert_cmpfloat_with_epsilon (wx, 118, EPS);
  g_assert_cmpfloat_with_epsilon (wy, 66, EPS);

  vp.content_width = 900;
  vp.content_height = 700;
  dv_app_viewport_anchor (&vp, 400, 260, wx, wy);
  g_assert_cmpfloat_with_epsilon (vp.scale, 0.9, EPS);
  g_assert_cmpfloat_with_epsilon (vp.offset_x, 118 - 360, EPS);
  g_assert_cmpfloat_with_epsilon (vp.offset_y, 66 - 234, EPS);
  dv_app_viewport_to_widget (&vp, 400, 260, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 118, EPS);
  g_assert_cmpfloat_with_epsilon (y, 66, EPS);

  /* An anchor may leave the content where the clamp would not: a pan then
   * moves it back in, never further out and never with a jump. */
  vp.content_width = 100;
  vp.content_height = 100;
  dv_app_viewport_anchor (&vp, 0, 0, 700, 100);
  /* x range for 90 px in 740 usable: [16, 634]; 700 is past it */
  dv_app_viewport_pan (&vp, 10, 0);
  g_assert_cmpfloat_with_epsilon (vp.offset_x, 700, EPS);
  dv_app_viewport_pan (&vp, -30, 0);
  g_assert_cmpfloat_with_epsilon (vp.offset_x, 670, EPS);
  dv_app_viewport_pan (&vp, -100, 0);
  g_assert_cmpfloat_with_epsilon (vp.offset_x, 570, EPS);
}

static void
test_scroll_to (void)
{
  DvAppViewport vp = viewport (800, 600, 0, 3000, 3000);
  DvAppRect right = { 900, 100, 50, 20 };
  DvAppRect wide = { 100, 0, 2000, 10 };
  DvAppRect inside = { 300, 300, 40, 40 };

  vp.scale = 1;
  /* 900..950 against a right margin at 784: 166 px left */
  g_assert_true (dv_app_viewport_scroll_to (&vp, &right));
  g_assert_cmpfloat_with_epsilon (vp.offset_x, -166, EPS);
  g_assert_cmpfloat_with_epsilon (vp.offset_y, 0, EPS);
  g_assert_false (dv_app_viewport_scroll_to (&vp, &right));
  /* larger than the view: its left end at the margin */
  g_assert_true (dv_app_viewport_scroll_to (&vp, &wide));
  g_assert_cmpfloat_with_epsilon (vp.offset_x, 16 - 100, EPS);
  g_assert_false (dv_app_viewport_scroll_to (&vp, &inside));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/app/viewport/fit-small", test_fit_small);
  g_test_add_func ("/app/viewport/fit-shrinks", test_fit_shrinks);
  g_test_add_func ("/app/viewport/fit-legible", test_fit_legible);
  g_test_add_func ("/app/viewport/fit-narrow", test_fit_narrow);
  g_test_add_func ("/app/viewport/zoom-around", test_zoom_around);
  g_test_add_func ("/app/viewport/anchor", test_anchor);
  g_test_add_func ("/app/viewport/scroll-to", test_scroll_to);
  return g_test_run ();
}
