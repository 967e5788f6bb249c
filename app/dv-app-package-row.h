/* dv-app-package-row.h: one package of a graph as a list item. */
#pragma once

#include <gio/gio.h>

#include "dv-cost.h"
#include "dv-graph.h"

G_BEGIN_DECLS

#define DV_APP_TYPE_PACKAGE_ROW (dv_app_package_row_get_type ())
G_DECLARE_FINAL_TYPE (DvAppPackageRow, dv_app_package_row, DV_APP, PACKAGE_ROW, GObject)

DvAppPackageRow *dv_app_package_row_new            (DvGraph *graph, DvPackageId id);
DvPackageId      dv_app_package_row_get_id         (DvAppPackageRow *self);
const char      *dv_app_package_row_get_name       (DvAppPackageRow *self);
guint            dv_app_package_row_get_n_symbols  (DvAppPackageRow *self);
guint            dv_app_package_row_get_n_reachable (DvAppPackageRow *self);

/* Own and retained bytes (dv_cost_package_size/_retained); 0 without sizes. */
guint64          dv_app_package_row_get_size       (DvAppPackageRow *self);
guint64          dv_app_package_row_get_retained   (DvAppPackageRow *self);
/* A GListStore of every package of graph (empty for NULL); cost (may be
 * NULL) gives the rows their bytes. */
GListStore      *dv_app_package_rows_new           (DvGraph *graph, DvCost *cost);

G_END_DECLS
