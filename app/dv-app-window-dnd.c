/* dv-app-window-dnd.c: a dump dropped on the window opens in it; more
 * files than one open in windows of their own, as on the command line. */
#define G_LOG_DOMAIN "depview"

#include "config.h"

#include "dv-app-window-private.h"

static gboolean
drop_cb (DvAppWindow   *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  GSList *files = NULL;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    files = gdk_file_list_get_files (g_value_get_boxed (value));
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    files = g_slist_prepend (NULL, g_value_get_object (value));

  if (files == NULL)
    return FALSE;

  dv_app_window_open (self, files->data, NULL);

  /* More files: one window each, as on the command line. */
  if (files->next != NULL)
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
      g_autoptr(GPtrArray) rest = g_ptr_array_new ();

      for (GSList *l = files->next; l != NULL; l = l->next)
        g_ptr_array_add (rest, l->data);
      if (app != NULL)
        g_application_open (G_APPLICATION (app), (GFile **) rest->pdata, rest->len, "");
    }

  g_slist_free (files);
  return TRUE;
}

void
dv_app_window_init_dnd (DvAppWindow *self)
{
  GtkDropTarget *drop;
  GType drop_types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, drop_types, G_N_ELEMENTS (drop_types));
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}
