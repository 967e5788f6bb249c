/* dv-app-package-row.c: packages are few (thousands at most), so their rows
 * are made eagerly and can be sorted. */
#define G_LOG_DOMAIN "depview"

#include "dv-app-package-row.h"

struct _DvAppPackageRow
{
  GObject      parent_instance;
  DvGraph     *graph;
  DvPackageId  id;
  guint64      size;
  guint64      retained;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_N_SYMBOLS,
  PROP_N_REACHABLE,
  PROP_SIZE,
  PROP_RETAINED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (DvAppPackageRow, dv_app_package_row, G_TYPE_OBJECT)

static void
dv_app_package_row_finalize (GObject *object)
{
  DvAppPackageRow *self = DV_APP_PACKAGE_ROW (object);

  g_clear_pointer (&self->graph, dv_graph_unref);

  G_OBJECT_CLASS (dv_app_package_row_parent_class)->finalize (object);
}

static void
dv_app_package_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DvAppPackageRow *self = DV_APP_PACKAGE_ROW (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_uint (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, dv_app_package_row_get_name (self));
      break;
    case PROP_N_SYMBOLS:
      g_value_set_uint (value, dv_app_package_row_get_n_symbols (self));
      break;
    case PROP_N_REACHABLE:
      g_value_set_uint (value, dv_app_package_row_get_n_reachable (self));
      break;
    case PROP_SIZE:
      g_value_set_uint64 (value, self->size);
      break;
    case PROP_RETAINED:
      g_value_set_uint64 (value, self->retained);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dv_app_package_row_class_init (DvAppPackageRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dv_app_package_row_finalize;
  object_class->get_property = dv_app_package_row_get_property;

  properties[PROP_ID] =
    g_param_spec_uint ("id", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_SYMBOLS] =
    g_param_spec_uint ("n-symbols", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_REACHABLE] =
    g_param_spec_uint ("n-reachable", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_SIZE] =
    g_param_spec_uint64 ("size", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RETAINED] =
    g_param_spec_uint64 ("retained", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dv_app_package_row_init (DvAppPackageRow *self)
{
}

DvAppPackageRow *
dv_app_package_row_new (DvGraph     *graph,
                        DvPackageId  id)
{
  DvAppPackageRow *self = g_object_new (DV_APP_TYPE_PACKAGE_ROW, NULL);

  self->graph = dv_graph_ref (graph);
  self->id = id;
  return self;
}

DvPackageId
dv_app_package_row_get_id (DvAppPackageRow *self)
{
  g_return_val_if_fail (DV_APP_IS_PACKAGE_ROW (self), DV_PACKAGE_NONE);
  return self->id;
}

const char *
dv_app_package_row_get_name (DvAppPackageRow *self)
{
  g_return_val_if_fail (DV_APP_IS_PACKAGE_ROW (self), NULL);
  return dv_graph_package_name (self->graph, self->id);
}

guint
dv_app_package_row_get_n_symbols (DvAppPackageRow *self)
{
  g_return_val_if_fail (DV_APP_IS_PACKAGE_ROW (self), 0);
  return dv_graph_package_n_symbols (self->graph, self->id);
}

guint
dv_app_package_row_get_n_reachable (DvAppPackageRow *self)
{
  g_return_val_if_fail (DV_APP_IS_PACKAGE_ROW (self), 0);
  return dv_graph_package_n_reachable (self->graph, self->id);
}

guint64
dv_app_package_row_get_size (DvAppPackageRow *self)
{
  g_return_val_if_fail (DV_APP_IS_PACKAGE_ROW (self), 0);
  return self->size;
}

guint64
dv_app_package_row_get_retained (DvAppPackageRow *self)
{
  g_return_val_if_fail (DV_APP_IS_PACKAGE_ROW (self), 0);
  return self->retained;
}

GListStore *
dv_app_package_rows_new (DvGraph *graph,
                         DvCost  *cost)
{
  GListStore *store = g_list_store_new (DV_APP_TYPE_PACKAGE_ROW);
  g_autoptr(GPtrArray) rows = NULL;
  guint n;

  if (graph == NULL)
    return store;

  n = dv_graph_get_n_packages (graph);
  rows = g_ptr_array_new_full (n, g_object_unref);
  for (DvPackageId id = 0; id < n; id++)
    {
      DvAppPackageRow *row = dv_app_package_row_new (graph, id);

      if (cost != NULL)
        {
          row->size = dv_cost_package_size (cost, id);
          row->retained = dv_cost_package_retained (cost, id);
        }
      g_ptr_array_add (rows, row);
    }
  g_list_store_splice (store, 0, 0, rows->pdata, rows->len);
  return store;
}
