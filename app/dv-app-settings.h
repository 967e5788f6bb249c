/* dv-app-settings.h: the com.example.DepView settings, when the schema is
 * installed; NULL otherwise, and callers fall back to defaults. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Returns a new reference, or NULL when the schema is not installed. */
GSettings *dv_app_settings_new (void);

G_END_DECLS
