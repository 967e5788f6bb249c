/* dv-app-settings.c: look the schema up first, because g_settings_new()
 * aborts the process when a schema is missing (an uninstalled build). */
#define G_LOG_DOMAIN "depview"

#include "config.h"

#include "dv-app-settings.h"

static const char * const required_keys[] = {
  "window-width", "window-height", "window-maximized", "last-folder", "hide-metadata",
};

GSettings *
dv_app_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;

  schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("Settings schema %s is not installed; using defaults", APPLICATION_ID);
      return NULL;
    }

  /* An older schema without one of our keys would abort on first use. */
  for (guint i = 0; i < G_N_ELEMENTS (required_keys); i++)
    if (!g_settings_schema_has_key (schema, required_keys[i]))
      {
        g_debug ("Settings schema %s has no key %s; using defaults",
                 APPLICATION_ID, required_keys[i]);
        return NULL;
      }

  return g_settings_new_full (schema, NULL, NULL);
}
