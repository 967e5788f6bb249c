/* dv-app-symbol-row.c: properties read straight from the immutable graph. */
#define G_LOG_DOMAIN "depview"

#include <glib/gi18n.h>

#include "dv-app-symbol-row.h"
#include "dv-format.h"

struct _DvAppSymbolRow
{
  GObject     parent_instance;
  DvGraph    *graph;
  DvSymbolId  id;
  DvCost     *cost;       /* NULL without sizes */
  char       *short_name; /* made when first read: a list sorts by it */
};

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_SHORT_NAME,
  PROP_PACKAGE,
  PROP_KIND,
  PROP_FLAGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (DvAppSymbolRow, dv_app_symbol_row, G_TYPE_OBJECT)

char *
dv_app_symbol_flags_to_string (DvSymbolFlags flags)
{
  GString *out = g_string_new (NULL);

  dv_format_flags (out, flags, ", ", "", "");
  return g_string_free (out, FALSE);
}

static void
dv_app_symbol_row_finalize (GObject *object)
{
  DvAppSymbolRow *self = DV_APP_SYMBOL_ROW (object);

  g_clear_pointer (&self->cost, dv_cost_free);
  g_clear_pointer (&self->graph, dv_graph_unref);
  g_clear_pointer (&self->short_name, g_free);

  G_OBJECT_CLASS (dv_app_symbol_row_parent_class)->finalize (object);
}

static void
dv_app_symbol_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DvAppSymbolRow *self = DV_APP_SYMBOL_ROW (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_uint (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, dv_app_symbol_row_get_name (self));
      break;
    case PROP_SHORT_NAME:
      g_value_set_string (value, dv_app_symbol_row_get_short_name (self));
      break;
    case PROP_PACKAGE:
      g_value_set_string (value, dv_app_symbol_row_get_package (self));
      break;
    case PROP_KIND:
      g_value_set_string (value, dv_app_symbol_row_get_kind (self));
      break;
    case PROP_FLAGS:
      g_value_take_string (value, dv_app_symbol_flags_to_string (dv_graph_symbol_flags (self->graph, self->id)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dv_app_symbol_row_class_init (DvAppSymbolRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dv_app_symbol_row_finalize;
  object_class->get_property = dv_app_symbol_row_get_property;

  properties[PROP_ID] =
    g_param_spec_uint ("id", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHORT_NAME] =
    g_param_spec_string ("short-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PACKAGE] =
    g_param_spec_string ("package", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FLAGS] =
    g_param_spec_string ("flags", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dv_app_symbol_row_init (DvAppSymbolRow *self)
{
}

DvAppSymbolRow *
dv_app_symbol_row_new (DvGraph    *graph,
                       DvSymbolId  id)
{
  DvAppSymbolRow *self = g_object_new (DV_APP_TYPE_SYMBOL_ROW, NULL);

  self->graph = dv_graph_ref (graph);
  self->id = id;
  return self;
}

DvGraph *
dv_app_symbol_row_get_graph (DvAppSymbolRow *self)
{
  g_return_val_if_fail (DV_APP_IS_SYMBOL_ROW (self), NULL);
  return self->graph;
}

DvSymbolId
dv_app_symbol_row_get_id (DvAppSymbolRow *self)
{
  g_return_val_if_fail (DV_APP_IS_SYMBOL_ROW (self), DV_SYMBOL_NONE);
  return self->id;
}

const char *
dv_app_symbol_row_get_name (DvAppSymbolRow *self)
{
  g_return_val_if_fail (DV_APP_IS_SYMBOL_ROW (self), NULL);
  return dv_graph_symbol_name (self->graph, self->id);
}

const char *
dv_app_symbol_row_get_short_name (DvAppSymbolRow *self)
{
  g_return_val_if_fail (DV_APP_IS_SYMBOL_ROW (self), NULL);

  if (self->short_name == NULL)
    {
      const char *name = dv_graph_symbol_name (self->graph, self->id);
      gsize len = dv_graph_symbol_name_len (self->graph, self->id);

      self->short_name = len > 0 ? dv_symbol_name_readable (name, len) : g_strdup (_("(unnamed)"));
    }
  return self->short_name;
}

const char *
dv_app_symbol_row_get_package (DvAppSymbolRow *self)
{
  DvPackageId pkg;

  g_return_val_if_fail (DV_APP_IS_SYMBOL_ROW (self), NULL);

  pkg = dv_graph_symbol_package (self->graph, self->id);
  return pkg == DV_PACKAGE_NONE ? "" : dv_graph_package_name (self->graph, pkg);
}

/* The core's kind names are for tools; people read them in their language. */
const char *
dv_app_symbol_kind_label (DvSymbolKind kind)
{
  switch (kind)
    {
    case DV_SYMBOL_KIND_FUNCTION: return C_("symbol kind", "function");
    case DV_SYMBOL_KIND_TYPE:     return C_("symbol kind", "type");
    case DV_SYMBOL_KIND_ITAB:     return C_("symbol kind", "itab");
    case DV_SYMBOL_KIND_STRING:   return C_("symbol kind", "string");
    case DV_SYMBOL_KIND_METADATA: return C_("symbol kind", "metadata");
    case DV_SYMBOL_KIND_DWARF:    return C_("symbol kind", "DWARF");
    case DV_SYMBOL_KIND_OTHER:
    case DV_SYMBOL_KIND_N:
    default:                      return C_("symbol kind", "other");
    }
}

const char *
dv_app_symbol_row_get_kind (DvAppSymbolRow *self)
{
  g_return_val_if_fail (DV_APP_IS_SYMBOL_ROW (self), NULL);
  return dv_app_symbol_kind_label (dv_graph_symbol_kind (self->graph, self->id));
}

void
dv_app_symbol_row_set_cost (DvAppSymbolRow *self,
                            DvCost         *cost)
{
  g_return_if_fail (DV_APP_IS_SYMBOL_ROW (self));

  if (cost == self->cost)
    return;
  if (cost != NULL)
    dv_cost_ref (cost);
  g_clear_pointer (&self->cost, dv_cost_free);
  self->cost = cost;
}

DvCost *
dv_app_symbol_row_get_cost (DvAppSymbolRow *self)
{
  g_return_val_if_fail (DV_APP_IS_SYMBOL_ROW (self), NULL);
  return self->cost;
}

/* No type check: a size sort calls these a few million times. */
guint64
dv_app_symbol_row_get_size (DvAppSymbolRow *self)
{
  return self->cost != NULL ? dv_cost_symbol_size (self->cost, self->id) : 0;
}

guint64
dv_app_symbol_row_get_retained (DvAppSymbolRow *self)
{
  return self->cost != NULL ? dv_cost_symbol_retained (self->cost, self->id) : 0;
}
