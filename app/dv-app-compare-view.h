/* dv-app-compare-view.h: compare with another build. What the new dump has
 * live that the old one has not and the other way round, worked out off
 * the UI thread: packages and symbols added and removed, with bytes when
 * sizes are known, for each new package the code that uses it and its
 * import chain, and "Copy as Markdown": exactly what `depview-cli diff
 * --format=markdown` prints (the core's presenter). */
#pragma once

#include <gtk/gtk.h>

#include "dv-analysis.h"
#include "dv-app-answer-view.h"

G_BEGIN_DECLS

#define DV_APP_TYPE_COMPARE_VIEW (dv_app_compare_view_get_type ())
G_DECLARE_FINAL_TYPE (DvAppCompareView, dv_app_compare_view, DV_APP, COMPARE_VIEW, DvAppAnswerView)

/* Rows of the old build carry this tag (dv_app_view_item_get_tag). */
#define DV_APP_COMPARE_OLD 1

GtkWidget   *dv_app_compare_view_new           (void);
/* Costs may be NULL; each must belong to its graph and is not copied: keep
 * them alive as long as the graphs (a computation may read them until the
 * view is no longer busy). NULL graphs clear the view. */
void         dv_app_compare_view_set_builds    (DvAppCompareView *self,
                                                DvGraph          *before,
                                                DvCost           *cost_before,
                                                DvGraph          *after,
                                                DvCost           *cost_after);

gboolean     dv_app_compare_view_get_busy      (DvAppCompareView *self);
/* The comparison shown, or NULL. */
const DvDiff *dv_app_compare_view_get_diff     (DvAppCompareView *self);
/* What "Copy as Markdown" copies, or NULL. */
const char  *dv_app_compare_view_get_markdown  (DvAppCompareView *self);
const char  *dv_app_compare_view_get_heading   (DvAppCompareView *self);
/* DvAppViewItem sections: packages added, packages removed, symbols added,
 * symbols removed (only those that are not empty). */
GListModel  *dv_app_compare_view_get_items     (DvAppCompareView *self);
GtkListView *dv_app_compare_view_get_list      (DvAppCompareView *self);

G_END_DECLS
