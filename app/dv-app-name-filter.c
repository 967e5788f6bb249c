/* dv-app-name-filter.c */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem */
#endif
#define G_LOG_DOMAIN "depview"

#include <string.h>

#include "dv-app-name-filter.h"
#include "dv-app-package-row.h"
#include "dv-app-symbol-row.h"

struct _DvAppNameFilter
{
  GtkFilter  parent_instance;
  char      *search;
  gsize      search_len;
  gboolean   ignore_case;
};

enum {
  PROP_0,
  PROP_SEARCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (DvAppNameFilter, dv_app_name_filter, GTK_TYPE_FILTER)

gboolean
dv_app_name_matches (const char *name,
                     gsize       name_len,
                     const char *search,
                     gsize       search_len,
                     gboolean    ignore_case)
{
  if (search_len == 0)
    return TRUE;
  if (name_len < search_len)
    return FALSE;

  if (!ignore_case)
    return memmem (name, name_len, search, search_len) != NULL;

  /* search is lower case here; compare the first byte in both cases. */
  {
    char first_lower = search[0];
    char first_upper = g_ascii_toupper (first_lower);
    const char *end = name + name_len - search_len;

    for (const char *p = name; p <= end; p++)
      {
        gsize i;

        if (*p != first_lower && *p != first_upper)
          continue;
        for (i = 1; i < search_len; i++)
          if (g_ascii_tolower (p[i]) != search[i])
            break;
        if (i == search_len)
          return TRUE;
      }
    return FALSE;
  }
}

static gboolean
dv_app_name_filter_match (GtkFilter *filter,
                          gpointer   item)
{
  DvAppNameFilter *self = DV_APP_NAME_FILTER (filter);
  const char *name;
  gsize name_len;

  if (self->search_len == 0)
    return TRUE;

  if (DV_APP_IS_SYMBOL_ROW (item))
    {
      DvAppSymbolRow *row = item;
      DvGraph *graph = dv_app_symbol_row_get_graph (row);
      DvSymbolId id = dv_app_symbol_row_get_id (row);

      name = dv_graph_symbol_name (graph, id);
      name_len = dv_graph_symbol_name_len (graph, id);
    }
  else if (DV_APP_IS_PACKAGE_ROW (item))
    {
      name = dv_app_package_row_get_name (item);
      name_len = strlen (name);
    }
  else
    return FALSE;

  return dv_app_name_matches (name, name_len, self->search, self->search_len, self->ignore_case);
}

static GtkFilterMatch
dv_app_name_filter_get_strictness (GtkFilter *filter)
{
  DvAppNameFilter *self = DV_APP_NAME_FILTER (filter);

  return self->search_len == 0 ? GTK_FILTER_MATCH_ALL : GTK_FILTER_MATCH_SOME;
}

static void
dv_app_name_filter_finalize (GObject *object)
{
  DvAppNameFilter *self = DV_APP_NAME_FILTER (object);

  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (dv_app_name_filter_parent_class)->finalize (object);
}

static void
dv_app_name_filter_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DvAppNameFilter *self = DV_APP_NAME_FILTER (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dv_app_name_filter_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DvAppNameFilter *self = DV_APP_NAME_FILTER (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      dv_app_name_filter_set_search (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dv_app_name_filter_class_init (DvAppNameFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkFilterClass *filter_class = GTK_FILTER_CLASS (klass);

  object_class->finalize = dv_app_name_filter_finalize;
  object_class->get_property = dv_app_name_filter_get_property;
  object_class->set_property = dv_app_name_filter_set_property;

  filter_class->match = dv_app_name_filter_match;
  filter_class->get_strictness = dv_app_name_filter_get_strictness;

  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dv_app_name_filter_init (DvAppNameFilter *self)
{
  self->search = g_strdup ("");
}

DvAppNameFilter *
dv_app_name_filter_new (void)
{
  return g_object_new (DV_APP_TYPE_NAME_FILTER, NULL);
}

/* Smart case, as in editors: a search with a capital letter is exact. */
gboolean
dv_app_name_search_ignores_case (const char *search)
{
  for (const char *s = search; *s; s++)
    if (g_ascii_isupper (*s))
      return FALSE;
  return TRUE;
}

void
dv_app_name_filter_set_search (DvAppNameFilter *self,
                               const char      *search)
{
  g_autofree char *old = NULL;
  GtkFilterChange change;

  g_return_if_fail (DV_APP_IS_NAME_FILTER (self));

  if (search == NULL)
    search = "";
  if (g_strcmp0 (search, self->search) == 0)
    return;

  /* A longer search that contains the old one can only match fewer names
   * (and the other way round), in either case mode. */
  if (strstr (search, self->search) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (self->search, search) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  old = g_steal_pointer (&self->search);
  self->search = g_strdup (search);
  self->search_len = strlen (search);
  self->ignore_case = dv_app_name_search_ignores_case (search);

  gtk_filter_changed (GTK_FILTER (self), change);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

const char *
dv_app_name_filter_get_search (DvAppNameFilter *self)
{
  g_return_val_if_fail (DV_APP_IS_NAME_FILTER (self), NULL);
  return self->search;
}
