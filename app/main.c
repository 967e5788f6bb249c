/* main.c: the depview executable. */
#define G_LOG_DOMAIN "depview"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "dv-app-application.h"
#include "dv-app-timings.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DvAppApplication) app = NULL;
  const char *localedir;

  dv_app_timings_init ();

  /* DEPVIEW_LOCALEDIR: the catalogues of an uninstalled or relocated build. */
  localedir = g_getenv ("DEPVIEW_LOCALEDIR");
  if (localedir == NULL || localedir[0] == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("DepView"));

  app = dv_app_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
