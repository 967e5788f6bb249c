/* dv-app-chain-row.c */
#define G_LOG_DOMAIN "depview"

#include "config.h"

#include <glib/gi18n.h>

#include "dv-app-chain-row.h"
#include "dv-app-symbol-row.h"

struct _DvAppChainRow
{
  GObject      parent_instance;
  DvGraph     *graph;
  guint        index;
  DvChainStep  step;
  gboolean     is_target;
  guint        n_startup; /* a start-up row: the steps it stands for */
  gboolean     expanded;
};

enum {
  PROP_0,
  PROP_SYMBOL,
  PROP_INDEX,
  PROP_POSITION,
  PROP_NAME,
  PROP_PACKAGE,
  PROP_VIA,
  PROP_VIA_CSS_CLASSES,
  PROP_VIA_DESCRIPTION,
  PROP_FLAGS,
  PROP_HAS_FLAGS,
  PROP_IS_TARGET,
  PROP_MARKUP,
  PROP_IS_STARTUP,
  PROP_EXPANDER_ICON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (DvAppChainRow, dv_app_chain_row, G_TYPE_OBJECT)

static void
dv_app_chain_row_finalize (GObject *object)
{
  DvAppChainRow *self = DV_APP_CHAIN_ROW (object);

  g_clear_pointer (&self->graph, dv_graph_unref);

  G_OBJECT_CLASS (dv_app_chain_row_parent_class)->finalize (object);
}

static void
dv_app_chain_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DvAppChainRow *self = DV_APP_CHAIN_ROW (object);
  DvSymbolId id = self->step.symbol;

  switch (prop_id)
    {
    case PROP_SYMBOL:
      g_value_set_uint (value, id);
      break;
    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    case PROP_POSITION:
      if (self->n_startup > 0)
        g_value_take_string (value, g_strdup_printf ("%u–%u", self->index + 1, self->index + self->n_startup));
      else
        g_value_take_string (value, g_strdup_printf ("%u", self->index + 1));
      break;
    case PROP_MARKUP:
      g_value_take_string (value, dv_app_chain_row_dup_markup (self));
      break;
    case PROP_IS_STARTUP:
      g_value_set_boolean (value, self->n_startup > 0);
      break;
    case PROP_EXPANDER_ICON:
      g_value_set_string (value, self->expanded ? "pan-down-symbolic" : "pan-end-symbolic");
      break;
    case PROP_NAME:
      if (self->n_startup > 0)
        {
          g_value_take_string (value, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                    "Go runtime start-up (%u step)",
                                                                    "Go runtime start-up (%u steps)",
                                                                    self->n_startup),
                                                       self->n_startup));
          break;
        }
      {
        const char *name = dv_graph_symbol_name (self->graph, id);

        /* DWARF auxiliaries hang off a parent with an empty name */
        g_value_set_string (value, name[0] != '\0' ? name : _("(unnamed)"));
      }
      break;
    case PROP_PACKAGE:
      {
        DvPackageId pkg = dv_graph_symbol_package (self->graph, id);
        g_value_set_string (value, pkg == DV_PACKAGE_NONE ? "" : dv_graph_package_name (self->graph, pkg));
      }
      break;
    case PROP_VIA:
      /* The words depview-cli prints, translated for the window. */
      switch (self->step.via)
        {
        case DV_EDGE_ROOT:
          g_value_set_string (value, _("root"));
          break;
        case DV_EDGE_CALL:
          g_value_set_string (value, _("call"));
          break;
        case DV_EDGE_DEP:
        default:
          g_value_set_string (value, _("dep"));
          break;
        }
      break;
    case PROP_VIA_CSS_CLASSES:
      {
        const char *classes[] = { "via-badge", NULL, NULL };
        switch (self->step.via)
          {
          case DV_EDGE_ROOT: classes[1] = "via-root"; break;
          case DV_EDGE_CALL: classes[1] = "via-call"; break;
          case DV_EDGE_DEP:
          default:           classes[1] = "via-dep"; break;
          }
        g_value_set_boxed (value, classes);
      }
      break;
    case PROP_VIA_DESCRIPTION:
      switch (self->step.via)
        {
        case DV_EDGE_ROOT:
          g_value_set_string (value, _("A root: the linker keeps it unconditionally (“_ -> …”)"));
          break;
        case DV_EDGE_CALL:
          g_value_set_string (value, _("Called directly by the step above (“… calls …”)"));
          break;
        case DV_EDGE_DEP:
        default:
          g_value_set_string (value, _("Kept because the step above refers to it (“… -> …”)"));
          break;
        }
      break;
    case PROP_FLAGS:
      g_value_take_string (value, dv_app_symbol_flags_to_string (dv_graph_symbol_flags (self->graph, id)));
      break;
    case PROP_HAS_FLAGS:
      g_value_set_boolean (value, self->n_startup == 0 &&
                                  dv_graph_symbol_flags (self->graph, id) != DV_SYMBOL_FLAG_NONE);
      break;
    case PROP_IS_TARGET:
      g_value_set_boolean (value, self->is_target);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dv_app_chain_row_class_init (DvAppChainRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dv_app_chain_row_finalize;
  object_class->get_property = dv_app_chain_row_get_property;

  properties[PROP_SYMBOL] =
    g_param_spec_uint ("symbol", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] =
    g_param_spec_string ("position", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PACKAGE] =
    g_param_spec_string ("package", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VIA] =
    g_param_spec_string ("via", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VIA_CSS_CLASSES] =
    g_param_spec_boxed ("via-css-classes", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VIA_DESCRIPTION] =
    g_param_spec_string ("via-description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FLAGS] =
    g_param_spec_string ("flags", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_FLAGS] =
    g_param_spec_boolean ("has-flags", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_TARGET] =
    g_param_spec_boolean ("is-target", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_MARKUP] =
    g_param_spec_string ("markup", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_STARTUP] =
    g_param_spec_boolean ("is-startup", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPANDER_ICON] =
    g_param_spec_string ("expander-icon", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dv_app_chain_row_init (DvAppChainRow *self)
{
}

DvAppChainRow *
dv_app_chain_row_new (DvGraph           *graph,
                      guint              index,
                      const DvChainStep *step,
                      gboolean           is_target)
{
  DvAppChainRow *self = g_object_new (DV_APP_TYPE_CHAIN_ROW, NULL);

  self->graph = dv_graph_ref (graph);
  self->index = index;
  self->step = *step;
  self->is_target = is_target;
  return self;
}

DvSymbolId
dv_app_chain_row_get_symbol (DvAppChainRow *self)
{
  g_return_val_if_fail (DV_APP_IS_CHAIN_ROW (self), DV_SYMBOL_NONE);
  return self->step.symbol;
}

DvEdgeKind
dv_app_chain_row_get_via (DvAppChainRow *self)
{
  g_return_val_if_fail (DV_APP_IS_CHAIN_ROW (self), DV_EDGE_DEP);
  return self->step.via;
}

guint
dv_app_chain_row_get_index (DvAppChainRow *self)
{
  g_return_val_if_fail (DV_APP_IS_CHAIN_ROW (self), 0);
  return self->index;
}

const char *
dv_app_chain_row_get_name (DvAppChainRow *self)
{
  g_return_val_if_fail (DV_APP_IS_CHAIN_ROW (self), NULL);
  return dv_graph_symbol_name (self->graph, self->step.symbol);
}

gboolean
dv_app_chain_row_get_is_target (DvAppChainRow *self)
{
  g_return_val_if_fail (DV_APP_IS_CHAIN_ROW (self), FALSE);
  return self->is_target;
}

DvAppChainRow *
dv_app_chain_row_new_startup (DvGraph           *graph,
                              const DvChainStep *first,
                              guint              n_steps,
                              gboolean           expanded)
{
  DvAppChainRow *self = dv_app_chain_row_new (graph, 0, first, FALSE);

  self->n_startup = n_steps;
  self->expanded = expanded;
  return self;
}

gboolean
dv_app_chain_row_get_is_startup (DvAppChainRow *self)
{
  g_return_val_if_fail (DV_APP_IS_CHAIN_ROW (self), FALSE);
  return self->n_startup > 0;
}

guint
dv_app_chain_row_get_n_steps (DvAppChainRow *self)
{
  g_return_val_if_fail (DV_APP_IS_CHAIN_ROW (self), 0);
  return self->n_startup > 0 ? self->n_startup : 1;
}

char *
dv_app_chain_row_dup_markup (DvAppChainRow *self)
{
  DvSymbolId id;
  const char *name;
  gsize len;
  DvPackageId pkg;
  g_autofree char *short_name = NULL;
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (DV_APP_IS_CHAIN_ROW (self), NULL);

  if (self->n_startup > 0)
    {
      GValue value = G_VALUE_INIT;
      char *markup;

      g_value_init (&value, G_TYPE_STRING);
      g_object_get_property (G_OBJECT (self), "name", &value);
      escaped = g_markup_escape_text (g_value_get_string (&value), -1);
      g_value_unset (&value);
      markup = g_strdup_printf ("<i>%s</i>", escaped);
      return markup;
    }

  id = self->step.symbol;
  name = dv_graph_symbol_name (self->graph, id);
  len = dv_graph_symbol_name_len (self->graph, id);
  short_name = len > 0 ? dv_symbol_name_readable (name, len) : g_strdup (_("(unnamed)"));
  escaped = g_markup_escape_text (short_name, -1);
  pkg = dv_graph_symbol_package (self->graph, id);
  if (pkg != DV_PACKAGE_NONE)
    {
      g_autofree char *package = g_markup_escape_text (dv_graph_package_name (self->graph, pkg), -1);

      return g_strdup_printf ("%s  <span alpha=\"55%%\" size=\"small\">%s</span>", escaped, package);
    }
  return g_steal_pointer (&escaped);
}
