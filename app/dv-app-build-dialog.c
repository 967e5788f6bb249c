/* dv-app-build-dialog.c: Build and Open. */
#include "config.h"

#include <glib/gi18n.h>

#include "dv-app-build-dialog.h"
#include "dv-build.h"

struct _DvAppBuildDialog {
  AdwWindow       parent_instance;

  AdwWindowTitle *title;
  GtkButton      *build_button;
  AdwActionRow   *folder_row;
  AdwEntryRow    *package_row;
  AdwEntryRow    *flags_row;
  GtkLabel       *status;
  GtkProgressBar *progress;
  GtkTextView    *output;

  GFile          *folder;
  GCancellable   *cancellable;
  guint           pulse_id;
  char           *error;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (DvAppBuildDialog, dv_app_build_dialog, ADW_TYPE_WINDOW)

enum { SIGNAL_BUILT, N_SIGNALS };
static guint signals[N_SIGNALS];

typedef struct {
  DvBuildRequest request;
  GMainContext  *context;
  DvAppBuildDialog *dialog;  /* a ref */
  DvBuildResult  result;
} BuildJob;

static void
build_job_free (gpointer data)
{
  BuildJob *job = data;

  dv_build_request_clear (&job->request);
  dv_build_result_clear (&job->result);
  g_main_context_unref (job->context);
  g_object_unref (job->dialog);
  g_free (job);
}

char *
dv_app_build_output_dir (GFile *folder)
{
  g_autofree char *path = g_file_get_path (folder);
  g_autofree char *base = g_file_get_basename (folder);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, path ? path : base, -1);
  g_autofree char *name = g_strdup_printf ("%s-%.12s", base ? base : "module", hash);

  return g_build_filename (g_get_user_cache_dir (), "depview", "builds", name, NULL);
}

static void
append_output (DvAppBuildDialog *self, const char *line)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->output);
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, line, -1);
  gtk_text_buffer_insert (buffer, &end, "\n", 1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_view_scroll_to_iter (self->output, &end, 0.0, FALSE, 0.0, 1.0);
}

typedef struct {
  DvAppBuildDialog *dialog;
  char *line;
} Message;

static void
message_free (gpointer data)
{
  Message *m = data;

  g_object_unref (m->dialog);
  g_free (m->line);
  g_free (m);
}

static gboolean
message_idle (gpointer data)
{
  Message *m = data;

  append_output (m->dialog, m->line);
  return G_SOURCE_REMOVE;
}

/* In the build's thread. */
static void
message_cb (const char *line, gpointer user_data)
{
  BuildJob *job = user_data;
  Message *m = g_new0 (Message, 1);

  m->dialog = g_object_ref (job->dialog);
  m->line = g_strdup (line);
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, message_idle, m, message_free);
}

static void
build_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BuildJob *job = task_data;
  GError *error = NULL;

  if (dv_build_run (&job->request, message_cb, job, cancellable, &job->result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
set_running (DvAppBuildDialog *self, gboolean running);

static gboolean
pulse_cb (gpointer data)
{
  DvAppBuildDialog *self = data;

  gtk_progress_bar_pulse (self->progress);
  return G_SOURCE_CONTINUE;
}

static void
set_running (DvAppBuildDialog *self, gboolean running)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->build_button), !running && self->folder != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->folder_row), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->package_row), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->flags_row), !running);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), running);
  if (running && self->pulse_id == 0)
    self->pulse_id = g_timeout_add (100, pulse_cb, self);
  else if (!running)
    g_clear_handle_id (&self->pulse_id, g_source_remove);
}

static void
set_status (DvAppBuildDialog *self, const char *text, gboolean is_error)
{
  gtk_label_set_text (self->status, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status), text != NULL && *text != '\0');
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status), "error");
}

static void
build_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  DvAppBuildDialog *self = DV_APP_BUILD_DIALOG (object);
  BuildJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->cancellable);
  set_running (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_free (self->error);
      self->error = g_strdup (error->message);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_status (self, _("The build was cancelled."), FALSE);
      else
        set_status (self, error->message, TRUE);
      return;
    }
  if (job->result.sizes == NULL && job->result.sizes_problem != NULL)
    append_output (self, job->result.sizes_problem);
  g_signal_emit (self, signals[SIGNAL_BUILT], 0, job->result.dump_path, job->result.sizes_path);
  gtk_window_destroy (GTK_WINDOW (self));
}

void
dv_app_build_dialog_start (DvAppBuildDialog *self)
{
  g_autoptr(GTask) task = NULL;
  g_auto(GStrv) flags = NULL;
  g_autoptr(GError) error = NULL;
  BuildJob *job;
  const char *package;
  const char *flag_text;

  g_return_if_fail (DV_APP_IS_BUILD_DIALOG (self));
  if (self->cancellable != NULL || self->folder == NULL)
    return;
  flag_text = gtk_editable_get_text (GTK_EDITABLE (self->flags_row));
  if (flag_text[0] != '\0' && !g_shell_parse_argv (flag_text, NULL, &flags, &error))
    {
      g_autofree char *msg = g_strdup_printf (_("The build flags cannot be read: %s"), error->message);
      set_status (self, msg, TRUE);
      return;
    }

  job = g_new0 (BuildJob, 1);
  dv_build_request_init (&job->request);
  job->request.dir = dv_app_build_output_dir (self->folder);
  job->request.chdir = g_file_get_path (self->folder);
  package = gtk_editable_get_text (GTK_EDITABLE (self->package_row));
  g_ptr_array_add (job->request.packages, g_strdup (package[0] ? package : "."));
  for (guint i = 0; flags != NULL && flags[i] != NULL; i++)
    {
      if (g_str_has_prefix (flags[i], "-ldflags="))
        g_ptr_array_add (job->request.ldflags, g_strdup (flags[i] + strlen ("-ldflags=")));
      else
        g_ptr_array_add (job->request.flags, g_strdup (flags[i]));
    }
  dv_build_request_add_goflags (&job->request, g_getenv ("GOFLAGS"));
  job->context = g_main_context_ref_thread_default ();
  job->dialog = g_object_ref (self);

  g_clear_pointer (&self->error, g_free);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->output), "", 0);
  set_status (self, _("Building…"), FALSE);
  set_running (self, TRUE);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, build_done_cb, NULL);
  g_task_set_source_tag (task, dv_app_build_dialog_start);
  g_task_set_task_data (task, job, build_job_free);
  g_task_run_in_thread (task, build_thread);
}

gboolean
dv_app_build_dialog_is_running (DvAppBuildDialog *self)
{
  return self->cancellable != NULL;
}

char *
dv_app_build_dialog_get_output (DvAppBuildDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->output);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

const char *
dv_app_build_dialog_get_error (DvAppBuildDialog *self)
{
  return self->error;
}

void
dv_app_build_dialog_set_folder (DvAppBuildDialog *self, GFile *folder)
{
  g_autofree char *path = NULL;

  g_set_object (&self->folder, folder);
  path = folder ? g_file_get_path (folder) : NULL;
  adw_action_row_set_subtitle (self->folder_row, path ? path : _("None chosen"));
  adw_window_title_set_subtitle (self->title, path ? path : "");
  set_running (self, self->cancellable != NULL);
}

void
dv_app_build_dialog_set_package (DvAppBuildDialog *self, const char *package)
{
  gtk_editable_set_text (GTK_EDITABLE (self->package_row), package ? package : ".");
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  DvAppBuildDialog *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      dv_app_build_dialog_set_folder (self, folder);
    }
  g_clear_object (&self->chooser);
}

static void
choose_clicked_cb (DvAppBuildDialog *self)
{
  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Choose the Folder of a Go Module"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Choose"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (self->folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), self->folder, NULL);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
close_request_cb (DvAppBuildDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  return FALSE;
}

static void
cancel_clicked_cb (DvAppBuildDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
dv_app_build_dialog_dispose (GObject *object)
{
  DvAppBuildDialog *self = DV_APP_BUILD_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  G_OBJECT_CLASS (dv_app_build_dialog_parent_class)->dispose (object);
}

static void
dv_app_build_dialog_finalize (GObject *object)
{
  DvAppBuildDialog *self = DV_APP_BUILD_DIALOG (object);

  g_clear_object (&self->folder);
  g_clear_object (&self->cancellable);
  g_free (self->error);
  G_OBJECT_CLASS (dv_app_build_dialog_parent_class)->finalize (object);
}

static void
dv_app_build_dialog_class_init (DvAppBuildDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dv_app_build_dialog_dispose;
  object_class->finalize = dv_app_build_dialog_finalize;
  signals[SIGNAL_BUILT] =
    g_signal_new ("built", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
dv_app_build_dialog_init (DvAppBuildDialog *self)
{
  GtkWidget *box, *header, *cancel, *content, *group, *choose, *scroller;

  gtk_window_set_title (GTK_WINDOW (self), _("Build and Open"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 520);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("Build and Open"), ""));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (cancel_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->build_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Build")));
  gtk_widget_add_css_class (GTK_WIDGET (self->build_button), "suggested-action");
  g_signal_connect_swapped (self->build_button, "clicked", G_CALLBACK (dv_app_build_dialog_start), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->build_button));
  gtk_box_append (GTK_BOX (box), header);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 12);
  gtk_widget_set_vexpand (content, TRUE);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
    _("Runs go build with the linker's dependency dump and opens it with the binary's symbol sizes. "
      "The build is kept in DepView's cache folder; nothing in the module is written."));
  self->folder_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->folder_row), _("Module folder"));
  choose = gtk_button_new_with_mnemonic (_("C_hoose…"));
  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (choose, "clicked", G_CALLBACK (choose_clicked_cb), self);
  adw_action_row_add_suffix (self->folder_row, choose);
  adw_action_row_set_activatable_widget (self->folder_row, choose);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->folder_row));
  self->package_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->package_row), _("Package (. or ./cmd/app)"));
  gtk_editable_set_text (GTK_EDITABLE (self->package_row), ".");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->package_row));
  self->flags_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->flags_row), _("Flags for go build (-tags netgo)"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->flags_row));
  gtk_box_append (GTK_BOX (content), group);

  self->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->status, TRUE);
  gtk_label_set_xalign (self->status, 0.0);
  gtk_label_set_selectable (self->status, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->status), FALSE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->status));
  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->progress));

  self->output = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_editable (self->output, FALSE);
  gtk_text_view_set_monospace (self->output, TRUE);
  gtk_text_view_set_wrap_mode (self->output, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (self->output, 6);
  gtk_text_view_set_top_margin (self->output, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->output), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Messages of go build"), -1);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->output));
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_widget_add_css_class (scroller, "card");
  gtk_box_append (GTK_BOX (content), scroller);
  gtk_box_append (GTK_BOX (box), content);
  adw_window_set_content (ADW_WINDOW (self), box);

  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);
  dv_app_build_dialog_set_folder (self, NULL);
}

DvAppBuildDialog *
dv_app_build_dialog_new (GtkWindow *parent)
{
  return g_object_new (DV_APP_TYPE_BUILD_DIALOG, "transient-for", parent, NULL);
}
