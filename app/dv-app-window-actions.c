/* dv-app-window-actions.c: every command of the window, as a "win." action
 * of its class; menus, buttons and the application's accelerators name
 * them, and dv_app_window_update_actions says which apply now. */
#define G_LOG_DOMAIN "depview"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dv-app-timings.h"
#include "dv-app-window-private.h"
#include "dv-format.h"

/* Opening */

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  DvAppWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GFile) folder = file ? g_file_get_parent (file) : NULL;

      if (folder != NULL && self->settings != NULL)
        {
          g_autofree char *path = g_file_get_path (folder);

          if (path != NULL)
            g_settings_set_string (self->settings, "last-folder", path);
        }
      if (file != NULL)
        dv_app_window_open (self, file, NULL);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *first_pattern,
            ...)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  va_list args;

  gtk_file_filter_set_name (filter, name);
  va_start (args, first_pattern);
  for (const char *p = first_pattern; p != NULL; p = va_arg (args, const char *))
    gtk_file_filter_add_pattern (filter, p);
  va_end (args);
  gtk_file_chooser_add_filter (chooser, filter);
  g_object_unref (filter);
}

static void
set_dialog_folder (DvAppWindow    *self,
                   GtkFileChooser *chooser)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *path = NULL;
  GFile *file = dv_app_document_get_file (self->document);

  if (file != NULL)
    folder = g_file_get_parent (file);
  else if (self->settings != NULL)
    {
      path = g_settings_get_string (self->settings, "last-folder");
      if (path != NULL && path[0] != '\0' && g_file_test (path, G_FILE_TEST_IS_DIR))
        folder = g_file_new_for_path (path);
    }
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (chooser, folder, NULL);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  DvAppWindow *self = DV_APP_WINDOW (widget);
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Open Dependency Dump"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  add_filter (GTK_FILE_CHOOSER (native), _("Dependency dumps"),
              "*.txt", "*.txt.gz", "*.deps", "*.dump", "*.log", "*.gz", NULL);
  add_filter (GTK_FILE_CHOOSER (native), _("Gzip-compressed dumps"), "*.gz", NULL);
  add_filter (GTK_FILE_CHOOSER (native), _("All files"), "*", NULL);
  set_dialog_folder (self, GTK_FILE_CHOOSER (native));
  g_signal_connect (native, "response", G_CALLBACK (open_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
open_example_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  dv_app_window_open_example (DV_APP_WINDOW (widget), NULL);
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  dv_app_window_open (DV_APP_WINDOW (widget), file, NULL);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  dv_app_document_reload (DV_APP_WINDOW (widget)->document);
}

static void
cancel_load_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  dv_app_document_cancel (DV_APP_WINDOW (widget)->document);
}

/* Finding and moving */

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  DvAppWindow *self = DV_APP_WINDOW (widget);

  /* the tab shown stays: Ctrl+F on Packages searches packages */
  adw_flap_set_reveal_flap (self->sidebar_flap, TRUE);
  dv_app_sidebar_focus_search (self->sidebar);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  DvAppWindow *self = DV_APP_WINDOW (widget);

  dv_app_focus_go_back (self->focus);
  dv_app_window_update_actions (self);
}

static void
forward_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  DvAppWindow *self = DV_APP_WINDOW (widget);

  dv_app_focus_go_forward (self->focus);
  dv_app_window_update_actions (self);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  DvAppGraphView *view = DV_APP_WINDOW (widget)->graph_view;

  if (g_str_equal (action_name, "win.zoom-in"))
    dv_app_graph_view_zoom_in (view);
  else if (g_str_equal (action_name, "win.zoom-out"))
    dv_app_graph_view_zoom_out (view);
  else
    dv_app_graph_view_zoom_fit (view);
}

/* Export */

static gboolean
is_export_format (const char *format)
{
  return g_strv_contains ((const char * const[]) { "svg", "png", "dot", "markdown", NULL }, format);
}

static const char *
export_extension (const char *format)
{
  return g_str_equal (format, "markdown") ? "md" : format;
}

static void
export_menu_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  gtk_menu_button_popup (DV_APP_WINDOW (widget)->export_button);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  DvAppWindow *self = DV_APP_WINDOW (object);
  g_autoptr(GError) error = NULL;

  if (!dv_app_window_export_finish (self, result, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not export: %s"), error->message);
      dv_app_window_show_banner (self, TRUE, text, FALSE);
      return;
    }
  dv_app_window_toast (self, _("Exported"));
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  DvAppWindow *self = g_object_get_data (G_OBJECT (dialog), "window");
  const char *format = g_object_get_data (G_OBJECT (dialog), "format");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        dv_app_window_export_async (self, format, file, NULL, export_done_cb, NULL);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

/* A file name from a symbol name: no slashes, no spaces, not too long. */
static char *
export_file_name (DvAppWindow *self,
                  const char  *format)
{
  gboolean is_package;
  const char *name = dv_app_focus_get_name (self->focus, &is_package);
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = name ? name : "chain"; *p != '\0' && out->len < 80; p++)
    g_string_append_c (out, g_ascii_isalnum (*p) || *p == '.' || *p == '-' || *p == '_' ? *p : '_');
  g_string_append_printf (out, ".%s", export_extension (format));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  DvAppWindow *self = DV_APP_WINDOW (widget);
  const char *format = g_variant_get_string (param, NULL);
  g_autofree char *file_name = NULL;
  GtkFileChooserNative *native;

  if (!is_export_format (format))
    {
      g_warning ("No export format “%s”", format);
      return;
    }

  file_name = export_file_name (self, format);
  native = gtk_file_chooser_native_new (_("Export Graph"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), file_name);
  set_dialog_folder (self, GTK_FILE_CHOOSER (native));

  g_object_set_data_full (G_OBJECT (native), "window", g_object_ref (self), g_object_unref);
  g_object_set_data_full (G_OBJECT (native), "format", g_strdup (format), g_free);
  g_signal_connect (native, "response", G_CALLBACK (export_response_cb), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* The focus's answer in Markdown, the text depview-cli prints. */
static char *
focus_markdown (DvAppWindow *self)
{
  const DvWhyAnswer *answer = dv_app_focus_get_answer (self->focus);

  if (answer == NULL)
    return NULL;
  return dv_format_why (dv_app_focus_get_graph (self->focus), answer, DV_FORMAT_MARKDOWN);
}

static void
copy_markdown_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  DvAppWindow *self = DV_APP_WINDOW (widget);
  g_autofree char *text = NULL;

  if (dv_app_focus_get_symbol (self->focus) == DV_SYMBOL_NONE)
    return;
  text = focus_markdown (self);
  if (text == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  dv_app_window_toast (self, _("Chain copied as Markdown"));
}

static void
graph_view_export_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (dv_app_graph_view_export_finish (DV_APP_GRAPH_VIEW (object), result, &error))
    {
      dv_app_timings_mark ("export done");
      g_task_return_boolean (task, TRUE);
    }
  else
    g_task_return_error (task, error);
}

static void
markdown_written_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      dv_app_timings_mark ("export done");
      g_task_return_boolean (task, TRUE);
    }
  else
    g_task_return_error (task, error);
}

void
dv_app_window_export_async (DvAppWindow         *self,
                            const char          *format,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DV_APP_IS_WINDOW (self));
  g_return_if_fail (format != NULL && is_export_format (format));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dv_app_window_export_async);

  if (dv_app_focus_get_symbol (self->focus) == DV_SYMBOL_NONE)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("Nothing to export: choose a symbol first"));
      return;
    }

  dv_app_timings_mark ("export %s", format);
  if (g_str_equal (format, "markdown"))
    {
      char *text = focus_markdown (self);
      g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));

      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                           cancellable, markdown_written_cb, g_steal_pointer (&task));
    }
  else
    dv_app_graph_view_export_async (self->graph_view, format, file, cancellable,
                                graph_view_export_cb, g_steal_pointer (&task));
}

gboolean
dv_app_window_export_finish (DvAppWindow   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  gtk_window_close (GTK_WINDOW (widget));
}

void
dv_app_window_class_install_actions (DvAppWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-example", NULL, open_example_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.forward", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.export-menu", NULL, export_menu_action);
  /* the format: "svg", "png", "dot" or "markdown" */
  gtk_widget_class_install_action (widget_class, "win.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "win.copy-markdown", NULL, copy_markdown_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  /* stateful: the window's "package-graph" property, the graph view's "packages" */
  gtk_widget_class_install_property_action (widget_class, "win.package-graph", "package-graph");
  gtk_widget_class_install_property_action (widget_class, "win.mark-keeps", "mark-keeps");
  gtk_widget_class_install_property_action (widget_class, "win.mark-added", "mark-added");
}

void
dv_app_window_update_actions (DvAppWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_graph = dv_app_document_get_graph (self->document) != NULL;
  gboolean has_focus = has_graph && dv_app_focus_get_symbol (self->focus) != DV_SYMBOL_NONE;

  gtk_widget_action_set_enabled (widget, "win.reload", has_graph);
  gtk_widget_action_set_enabled (widget, "win.cancel-load", dv_app_document_get_loading (self->document));
  gtk_widget_action_set_enabled (widget, "win.find", has_graph);
  gtk_widget_action_set_enabled (widget, "win.back", has_graph && dv_app_focus_can_go_back (self->focus));
  gtk_widget_action_set_enabled (widget, "win.forward", has_graph && dv_app_focus_can_go_forward (self->focus));
  gtk_widget_action_set_enabled (widget, "win.zoom-in", has_focus);
  gtk_widget_action_set_enabled (widget, "win.zoom-out", has_focus);
  gtk_widget_action_set_enabled (widget, "win.zoom-fit", has_focus);
  gtk_widget_action_set_enabled (widget, "win.export-menu", has_focus);
  gtk_widget_action_set_enabled (widget, "win.export", has_focus);
  gtk_widget_action_set_enabled (widget, "win.copy-markdown", has_focus);
  dv_app_window_update_view_actions (self);
}
