/* window-strings.c: prints, one JSON string a line, every text a DepView
 * window shows (labels, tooltips, titles), empty and with the bundled example
 * loaded and a symbol chosen. window-german-check.py compares them with the
 * German catalogue. The locale comes from the environment (LANGUAGE, LANG),
 * the catalogue from DEPVIEW_LOCALEDIR, as in main.c. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "dv-app-application.h"
#include "dv-app-window.h"
#include "../app/test-helpers.h"

#define WAIT_MS 20000

static void
print_json_string (const char *text)
{
  GString *out = g_string_new ("\"");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append (out, "\"\n");
  fputs (out->str, stdout);
  g_string_free (out, TRUE);
}

static void
print_text (const char *text)
{
  if (text != NULL && text[0] != '\0')
    print_json_string (text);
}

static void
print_widget_texts (GtkWidget *widget)
{
  print_text (gtk_widget_get_tooltip_text (widget));
  if (GTK_IS_LABEL (widget))
    print_text (gtk_label_get_label (GTK_LABEL (widget)));
  else if (GTK_IS_WINDOW (widget))
    print_text (gtk_window_get_title (GTK_WINDOW (widget)));
  else if (GTK_IS_EDITABLE (widget))
    print_text (gtk_editable_get_text (GTK_EDITABLE (widget)));
  if (GTK_IS_SEARCH_ENTRY (widget))
    {
      g_autofree char *placeholder = NULL;
      g_object_get (widget, "placeholder-text", &placeholder, NULL);
      print_text (placeholder);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    print_widget_texts (child);
}

static gboolean
is_loading (DvAppWindow *window)
{
  return dv_app_window_is_loading (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DvAppApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  const char *localedir = g_getenv ("DEPVIEW_LOCALEDIR");
  const char *select = argc > 1 ? argv[1] : "main.main";
  DvAppWindow *window;
  gboolean timed_out = FALSE;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_init ();

  app = dv_app_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("register: %s", error->message);

  window = dv_app_window_new (GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  spin (200);
  print_widget_texts (GTK_WIDGET (window));

  dv_app_window_open_example (window, NULL);
  g_timeout_add (WAIT_MS, timeout_cb, &timed_out);
  while (!timed_out && (is_loading (window) || !dv_app_window_has_graph (window)))
    g_main_context_iteration (NULL, TRUE);
  if (!dv_app_window_has_graph (window))
    g_error ("the example did not load in %d ms", WAIT_MS);
  if (!dv_app_window_select (window, select))
    g_error ("“%s” is not in the example", select);
  spin (500);
  print_widget_texts (GTK_WIDGET (window));

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
