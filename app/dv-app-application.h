/* dv-app-application.h: the DepView GtkApplication: command line,
 * application actions and accelerators. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DV_APP_TYPE_APPLICATION (dv_app_application_get_type ())
G_DECLARE_FINAL_TYPE (DvAppApplication, dv_app_application, DV_APP, APPLICATION, AdwApplication)

DvAppApplication *dv_app_application_new (void);

G_END_DECLS
