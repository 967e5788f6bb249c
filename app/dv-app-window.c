/* dv-app-window.c: loading, focus and history. The dump is parsed in a
 * worker; the window keeps showing the previous graph until a new one is
 * ready, so a failed or cancelled load loses nothing. */
#define G_LOG_DOMAIN "depview"

#include "config.h"

#include <glib/gi18n.h>

#include "dv-app-chain-panel.h"
#include "dv-app-chain-row.h"
#include "dv-app-loader.h"
#include "dv-app-settings.h"
#include "dv-app-sidebar.h"
#include "dv-app-timings.h"
#include "dv-app-window-private.h"
#include "dv-format.h"
#include "dv-graph-view.h"

#define EXAMPLE_RESOURCE     "/com/example/DepView/examples/hello.deps.txt.gz"
#define EXAMPLE_DISPLAY_NAME "hello.deps.txt"
#define RELOAD_DEBOUNCE_MS   500
#define MAX_RECENT_ITEMS     8
#define MAX_HISTORY          200
/* The name recent-file entries are filed under (not translated: it is a key). */
#define RECENT_APP_NAME      "depview"

typedef struct {
  char     *name;
  gboolean  is_package;
} HistoryEntry;

struct _DvAppWindow
{
  AdwApplicationWindow  parent_instance;

  /* template */
  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  GtkRevealer          *progress_revealer;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  GtkRevealer          *banner_revealer;
  GtkBox               *banner_box;
  GtkImage             *banner_icon;
  GtkLabel             *banner_label;
  GtkButton            *banner_details_button;
  AdwFlap              *sidebar_flap;
  GtkPaned             *graph_paned;
  DvAppSidebar         *sidebar;
  DvGraphView          *graph_view;
  GtkWidget            *no_focus_page;
  DvAppChainPanel      *chain_panel;
  GtkMenuButton        *export_button;
  GMenu                *recent_section;

  GSettings            *settings;

  /* the shown dump */
  DvGraph              *graph;
  GFile                *file;          /* NULL for the bundled example */
  char                 *display_name;
  char                 *binary;        /* the one chosen of several, reopened on reload */
  GtkWidget            *binary_chooser; /* open while the user chooses; weak */
  GFileMonitor         *monitor;
  guint                 reload_source;

  /* the load in progress */
  GCancellable         *load_cancellable;

  /* focus and history */
  DvSymbolId            focus;         /* the symbol drawn, DV_SYMBOL_NONE for none */
  DvPackageId           focus_package; /* set when the focus came from a package */
  GArray               *history;       /* HistoryEntry */
  guint                 history_pos;   /* index of the current entry */

  gint64                focus_time;
  gboolean              first_chain_drawn;
};

enum {
  LOADED,
  FOCUS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  DvAppWindow  *self;
  GFile        *file;
  char         *display_name;
  char         *binary;      /* the "# path" section to read, NULL: the only one */
  char         *select;
  char         *keep_focus;  /* a reload: the focused name to find again */
  gboolean      keep_focus_is_package;
  gboolean      is_reload;
  GCancellable *cancellable;
  gint64        started;
} LoadRequest;

G_DEFINE_FINAL_TYPE (DvAppWindow, dv_app_window, ADW_TYPE_APPLICATION_WINDOW)

static void dv_app_window_update_actions (DvAppWindow *self);
static void dv_app_window_apply_focus    (DvAppWindow *self, DvSymbolId symbol,
                                          DvPackageId package, gboolean record);

static void
load_request_free (LoadRequest *request)
{
  g_clear_object (&request->self);
  g_clear_object (&request->file);
  g_clear_object (&request->cancellable);
  g_free (request->display_name);
  g_free (request->binary);
  g_free (request->select);
  g_free (request->keep_focus);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadRequest, load_request_free)

static void
history_entry_clear (gpointer data)
{
  HistoryEntry *entry = data;

  g_free (entry->name);
}

/* Toasts and the banner */

static void
dv_app_window_toast (DvAppWindow *self,
                     const char  *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 3);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
dv_app_window_hide_banner (DvAppWindow *self)
{
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

static void
dv_app_window_show_banner (DvAppWindow *self,
                           gboolean     is_error,
                           const char  *text,
                           gboolean     has_details)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->banner_box), is_error ? "warning-banner" : "error-banner");
  gtk_widget_add_css_class (GTK_WIDGET (self->banner_box), is_error ? "error-banner" : "warning-banner");
  gtk_image_set_from_icon_name (self->banner_icon, is_error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  gtk_label_set_text (self->banner_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->banner_details_button), has_details);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

static void
dv_app_window_show_problems (DvAppWindow *self)
{
  const DvGraphStats *stats = dv_graph_get_stats (self->graph);
  g_autofree char *text = NULL;
  guint64 n = stats->unreadable_lines;

  if (n == 0 && stats->doubtful_lines == 0)
    {
      dv_app_window_hide_banner (self);
      return;
    }

  /* %llu, not G_GUINT64_FORMAT: xgettext cuts a message at a macro */
  if (n > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s: %llu line could not be read and was skipped.",
                                         "%s: %llu lines could not be read and were skipped.",
                                         n),
                            self->display_name, (unsigned long long) n);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s: %llu line could be read two ways; check how it was read.",
                                         "%s: %llu lines could be read two ways; check how they were read.",
                                         stats->doubtful_lines),
                            self->display_name, (unsigned long long) stats->doubtful_lines);
  dv_app_window_show_banner (self, FALSE, text, dv_graph_get_n_problems (self->graph) > 0);
}

static void
banner_close_cb (DvAppWindow *self)
{
  dv_app_window_hide_banner (self);
}

static void
banner_details_cb (DvAppWindow *self)
{
  g_autoptr(GString) body = g_string_new (NULL);
  const DvGraphStats *stats;
  GtkWidget *dialog;
  guint n;

  if (self->graph == NULL)
    return;

  stats = dv_graph_get_stats (self->graph);
  n = dv_graph_get_n_problems (self->graph);
  for (guint i = 0; i < n; i++)
    {
      const DvProblem *problem = dv_graph_get_problem (self->graph, i);

      /* file:line: message, the conventional shape editors can jump to */
      g_string_append_printf (body, "%s:%" G_GUINT64_FORMAT ": %s\n    %s\n",
                              self->display_name, problem->line, problem->message,
                              problem->excerpt ? problem->excerpt : "");
    }
  if (stats->unreadable_lines + stats->doubtful_lines > n)
    g_string_append_printf (body, _("… and %llu more"),
                            (unsigned long long) (stats->unreadable_lines + stats->doubtful_lines - n));

  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   stats->unreadable_lines > 0 ? _("Unreadable Lines") : _("Lines Read Two Ways"),
                                   NULL);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The title */

static void
dv_app_window_update_title (DvAppWindow *self)
{
  g_autofree char *subtitle = NULL;
  const DvGraphStats *stats;

  if (self->graph == NULL)
    {
      adw_window_title_set_title (self->window_title, _("DepView"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("DepView"));
      return;
    }

  stats = dv_graph_get_stats (self->graph);
  subtitle = g_strdup_printf (_("%'u symbols · %'u live · %'u packages"),
                              stats->symbols, stats->reachable_symbols, stats->packages);
  if (self->binary != NULL)
    {
      /* one binary of several: say which */
      char *with_binary = g_strdup_printf ("%s · %s", self->binary, subtitle);
      g_free (subtitle);
      subtitle = with_binary;
    }
  adw_window_title_set_title (self->window_title, self->display_name);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), self->display_name);
}

/* Recent files */

static int
compare_recent_newest_first (gconstpointer a,
                             gconstpointer b)
{
  GDateTime *ta = gtk_recent_info_get_modified ((GtkRecentInfo *) a);
  GDateTime *tb = gtk_recent_info_get_modified ((GtkRecentInfo *) b);

  return g_date_time_compare (tb, ta);
}

static void
dv_app_window_update_recent (DvAppWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  guint n = 0;

  g_menu_remove_all (self->recent_section);

  items = g_list_sort (items, compare_recent_newest_first);
  for (GList *l = items; l != NULL && n < MAX_RECENT_ITEMS; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      g_autoptr(GMenuItem) item = NULL;

      if (!gtk_recent_info_has_application (info, RECENT_APP_NAME))
        continue;
      if (!gtk_recent_info_is_local (info) || !gtk_recent_info_exists (info))
        continue;

      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s", gtk_recent_info_get_uri (info));
      g_menu_append_item (self->recent_section, item);
      n++;
    }

  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

static void
dv_app_window_add_recent (DvAppWindow *self)
{
  g_autofree char *uri = NULL;
  GtkRecentData data = { 0 };

  if (self->file == NULL)
    return;

  uri = g_file_get_uri (self->file);
  data.display_name = self->display_name;
  data.mime_type = (char *) "text/plain";
  data.app_name = (char *) RECENT_APP_NAME;
  data.app_exec = (char *) "depview %u";
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

/* Watching the file on disk */

static gboolean
reload_timeout_cb (gpointer data)
{
  DvAppWindow *self = data;

  self->reload_source = 0;
  dv_app_timings_mark ("file changed on disk: reloading");
  g_action_group_activate_action (G_ACTION_GROUP (self), "reload", NULL);
  return G_SOURCE_REMOVE;
}

static void
file_changed_cb (DvAppWindow       *self,
                 GFile             *file,
                 GFile             *other_file,
                 GFileMonitorEvent  event,
                 GFileMonitor      *monitor)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_RENAMED:
      /* A dump is written in many chunks: wait until it stops changing. */
      g_clear_handle_id (&self->reload_source, g_source_remove);
      self->reload_source = g_timeout_add (RELOAD_DEBOUNCE_MS, reload_timeout_cb, self);
      break;
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
    default:
      break;
    }
}

static void
dv_app_window_watch_file (DvAppWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->monitor != NULL)
    {
      g_file_monitor_cancel (self->monitor);
      g_signal_handlers_disconnect_by_func (self->monitor, file_changed_cb, self);
      g_clear_object (&self->monitor);
    }
  g_clear_handle_id (&self->reload_source, g_source_remove);

  if (self->file == NULL)
    return;

  self->monitor = g_file_monitor_file (self->file, G_FILE_MONITOR_NONE, NULL, &error);
  if (self->monitor == NULL)
    {
      g_debug ("Not watching %s: %s", self->display_name, error->message);
      return;
    }
  g_signal_connect_object (self->monitor, "changed", G_CALLBACK (file_changed_cb), self, G_CONNECT_SWAPPED);
}

/* Focus and history */

static const char *
dv_app_window_focus_name (DvAppWindow *self,
                          gboolean    *is_package)
{
  *is_package = FALSE;
  if (self->graph == NULL)
    return NULL;
  if (self->focus_package != DV_PACKAGE_NONE)
    {
      *is_package = TRUE;
      return dv_graph_package_name (self->graph, self->focus_package);
    }
  if (self->focus != DV_SYMBOL_NONE)
    return dv_graph_symbol_name (self->graph, self->focus);
  return NULL;
}

static void
dv_app_window_record_history (DvAppWindow *self)
{
  HistoryEntry entry;
  gboolean is_package;
  const char *name = dv_app_window_focus_name (self, &is_package);

  if (name == NULL)
    return;

  if (self->history->len > 0)
    {
      HistoryEntry *current = &g_array_index (self->history, HistoryEntry, self->history_pos);

      if (current->is_package == is_package && g_strcmp0 (current->name, name) == 0)
        return;
      /* Going somewhere new drops the forward entries, as in a browser. */
      g_array_set_size (self->history, self->history_pos + 1);
    }

  entry.name = g_strdup (name);
  entry.is_package = is_package;
  g_array_append_val (self->history, entry);
  if (self->history->len > MAX_HISTORY)
    g_array_remove_index (self->history, 0);
  self->history_pos = self->history->len - 1;
}

static void
dv_app_window_apply_focus (DvAppWindow *self,
                           DvSymbolId   symbol,
                           DvPackageId  package,
                           gboolean     record)
{
  g_return_if_fail (self->graph != NULL);

  self->focus_time = g_get_monotonic_time ();

  if (package != DV_PACKAGE_NONE)
    {
      g_autoptr(GArray) chain = NULL;
      DvSymbolId target = DV_SYMBOL_NONE;

      chain = dv_why_package (self->graph, package, &target);
      {
        /* the graph shows which code uses it, when its code is reached
         * other than through its own initialisation */
        DvSymbolId code_target = DV_SYMBOL_NONE;
        g_autoptr(GArray) code = dv_why_package_code (self->graph, package, &code_target);
        if (code != NULL)
          target = code_target;
      }
      self->focus_package = package;
      self->focus = target;
      dv_app_chain_panel_show_package (self->chain_panel, package);
    }
  else
    {
      self->focus_package = DV_PACKAGE_NONE;
      self->focus = symbol;
      if (symbol != DV_SYMBOL_NONE)
        dv_app_chain_panel_show_symbol (self->chain_panel, symbol);
      else
        dv_app_chain_panel_clear (self->chain_panel);
    }

  dv_graph_view_set_focus (self->graph_view, self->focus);
  gtk_widget_set_visible (self->no_focus_page, self->focus == DV_SYMBOL_NONE);

  if (record)
    dv_app_window_record_history (self);

  dv_app_timings_mark ("focus → %s (chain panel ready)",
                       self->focus != DV_SYMBOL_NONE ? dv_graph_symbol_name (self->graph, self->focus) : "none");
  dv_app_window_update_actions (self);
  g_signal_emit (self, signals[FOCUS_CHANGED], 0, (guint) self->focus);
}

void
dv_app_window_focus_symbol (DvAppWindow *self,
                            DvSymbolId   symbol)
{
  g_return_if_fail (DV_APP_IS_WINDOW (self));
  g_return_if_fail (self->graph != NULL);
  g_return_if_fail (symbol < dv_graph_get_n_symbols (self->graph));

  if (symbol == self->focus && self->focus_package == DV_PACKAGE_NONE)
    return;
  dv_app_window_apply_focus (self, symbol, DV_PACKAGE_NONE, TRUE);
}

static gboolean
dv_app_window_go_to_history (DvAppWindow *self,
                             guint        pos)
{
  HistoryEntry *entry = &g_array_index (self->history, HistoryEntry, pos);

  if (entry->is_package)
    {
      DvPackageId pkg = dv_graph_find_package (self->graph, entry->name);

      if (pkg == DV_PACKAGE_NONE)
        return FALSE;
      self->history_pos = pos;
      dv_app_window_apply_focus (self, DV_SYMBOL_NONE, pkg, FALSE);
    }
  else
    {
      DvSymbolId id = dv_graph_find_symbol (self->graph, entry->name, -1);

      if (id == DV_SYMBOL_NONE)
        return FALSE;
      self->history_pos = pos;
      dv_app_window_apply_focus (self, id, DV_PACKAGE_NONE, FALSE);
    }
  return TRUE;
}

gboolean
dv_app_window_select (DvAppWindow *self,
                      const char  *query)
{
  DvLookup lookup = { 0 };
  gboolean found = TRUE;

  g_return_val_if_fail (DV_APP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);

  if (self->graph == NULL)
    return FALSE;

  dv_lookup (self->graph, query, &lookup);
  switch (lookup.kind)
    {
    case DV_LOOKUP_SYMBOL:
      dv_app_window_apply_focus (self, lookup.symbol, DV_PACKAGE_NONE, TRUE);
      break;
    case DV_LOOKUP_PACKAGE:
      dv_app_window_apply_focus (self, DV_SYMBOL_NONE, lookup.package, TRUE);
      break;
    case DV_LOOKUP_INLINED:
    case DV_LOOKUP_UNLINKED_PACKAGE:
      /* an answer with no chain: nothing to draw, the panel says why */
      dv_app_window_apply_focus (self, DV_SYMBOL_NONE, DV_PACKAGE_NONE, FALSE);
      dv_app_chain_panel_show_lookup (self->chain_panel, &lookup);
      break;
    case DV_LOOKUP_AMBIGUOUS:
    case DV_LOOKUP_NOT_FOUND:
    default:
      {
        g_autofree char *title = NULL;

        if (lookup.kind == DV_LOOKUP_AMBIGUOUS)
          title = g_strdup_printf (_("“%s” matches several symbols; pick one in the list"), query);
        else
          title = g_strdup_printf (_("No symbol or package named “%s”"), query);
        dv_app_window_toast (self, title);
        dv_app_sidebar_set_search_text (self->sidebar, query);
        found = FALSE;
      }
      break;
    }
  dv_lookup_clear (&lookup);
  return found;
}

/* Loading */

static void
load_progress_cb (GCancellable *cancellable,
                  double        fraction,
                  guint64       bytes_read,
                  gpointer      user_data)
{
  DvAppWindow *self = user_data;

  if (cancellable != self->load_cancellable)
    return;

  if (fraction < 0)
    {
      g_autofree char *size = g_format_size (bytes_read);

      gtk_progress_bar_pulse (self->progress_bar);
      gtk_progress_bar_set_text (self->progress_bar, size);
    }
  else
    {
      gtk_progress_bar_set_fraction (self->progress_bar, fraction);
      gtk_progress_bar_set_text (self->progress_bar, NULL);
    }
}

static void
dv_app_window_set_graph (DvAppWindow *self,
                         DvGraph     *graph,
                         LoadRequest *request)
{
  gboolean same_file;

  same_file = request->is_reload ||
              (self->file != NULL && request->file != NULL && g_file_equal (self->file, request->file));

  g_clear_pointer (&self->graph, dv_graph_unref);
  self->graph = dv_graph_ref (graph);
  g_set_object (&self->file, request->file);
  g_free (self->display_name);
  self->display_name = g_strdup (request->display_name);
  g_free (self->binary);
  self->binary = g_strdup (request->binary);

  if (!same_file)
    {
      g_array_set_size (self->history, 0);
      self->history_pos = 0;
    }

  self->focus = DV_SYMBOL_NONE;
  self->focus_package = DV_PACKAGE_NONE;
  dv_graph_view_set_graph (self->graph_view, graph);
  dv_app_chain_panel_set_graph (self->chain_panel, graph);
  gtk_widget_set_visible (self->no_focus_page, TRUE);
  gtk_stack_set_visible_child_name (self->main_stack, "browser");
  dv_app_window_update_title (self);
  dv_app_window_show_problems (self);
  dv_app_window_watch_file (self);
  dv_app_window_add_recent (self);

  /* A reload keeps the focus when its name is still in the new dump. */
  if (request->keep_focus != NULL)
    {
      if (request->keep_focus_is_package)
        {
          DvPackageId pkg = dv_graph_find_package (graph, request->keep_focus);

          if (pkg != DV_PACKAGE_NONE)
            dv_app_window_apply_focus (self, DV_SYMBOL_NONE, pkg, FALSE);
        }
      else
        {
          DvSymbolId id = dv_graph_find_symbol (graph, request->keep_focus, -1);

          if (id != DV_SYMBOL_NONE)
            dv_app_window_apply_focus (self, id, DV_PACKAGE_NONE, FALSE);
        }
      if (self->focus == DV_SYMBOL_NONE)
        {
          g_autofree char *title = g_strdup_printf (_("“%s” is no longer in the dump"), request->keep_focus);
          dv_app_window_toast (self, title);
          dv_graph_view_set_focus (self->graph_view, DV_SYMBOL_NONE);
          dv_app_chain_panel_clear (self->chain_panel);
        }
    }
  else if (request->select != NULL)
    dv_app_window_select (self, request->select);
  else
    dv_graph_view_set_focus (self->graph_view, DV_SYMBOL_NONE);

  /* After the focus: the layout thread starts first and the lists fill
   * while it runs. */
  dv_app_sidebar_set_graph (self->sidebar, graph);
  dv_app_timings_mark ("symbol browser ready (%u symbols)", dv_graph_get_n_symbols (graph));

  dv_app_window_update_actions (self);
}

static void dv_app_window_start_load (DvAppWindow *self, LoadRequest *request);

typedef struct {
  DvAppWindow *self;
  LoadRequest *request;
  GtkListBox  *list;
} BinaryChoice;

static void
binary_choice_free (gpointer  data,
                    GClosure *closure)
{
  BinaryChoice *choice = data;

  g_clear_pointer (&choice->request, load_request_free);
  g_object_unref (choice->self);
  g_free (choice);
}

static void
binary_chosen_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  gpointer          user_data)
{
  BinaryChoice *choice = user_data;
  DvAppWindow *self = choice->self;
  GtkListBoxRow *row = gtk_list_box_get_selected_row (choice->list);

  if (g_strcmp0 (response, "open") == 0 && row != NULL)
    {
      LoadRequest *request = g_steal_pointer (&choice->request);

      /* the same request again, now naming one binary */
      g_free (request->binary);
      request->binary = g_strdup (g_object_get_data (G_OBJECT (row), "binary"));
      g_clear_object (&request->self);
      g_clear_object (&request->cancellable);
      dv_app_window_start_load (self, request);
    }
  else
    {
      dv_app_window_toast (self, _("Loading cancelled"));
      dv_app_window_update_actions (self);
      g_signal_emit (self, signals[LOADED], 0, FALSE);
    }
}

/* A double click, or Enter, on a row: as the Open button (the default) */
static void
binary_row_activated_cb (GtkListBox    *list,
                         GtkListBoxRow *row,
                         gpointer       user_data)
{
  gtk_widget_activate_default (GTK_WIDGET (list));
}

/* A dump of several binaries (go build ./cmd/...): each is its own graph,
 * so ask which one to open. */
static void
dv_app_window_choose_binary (DvAppWindow        *self,
                             LoadRequest        *request,
                             const char * const *binaries)
{
  BinaryChoice *choice = g_new0 (BinaryChoice, 1);
  guint n = g_strv_length ((char **) binaries);
  g_autofree char *body = NULL;
  GtkWidget *dialog, *scrolled, *list;

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "“%s” holds the dependencies of %u binary, each a graph of its own. Which one do you want to see?",
                                       "“%s” holds the dependencies of %u binaries, each a graph of its own. Which one do you want to see?",
                                       n),
                          request->display_name, n);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Choose a Binary"), body);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_BROWSE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *label = gtk_label_new (binaries[i]);

      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_START);
      gtk_widget_set_tooltip_text (label, binaries[i]);
      gtk_widget_set_margin_top (label, 10);
      gtk_widget_set_margin_bottom (label, 10);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data_full (G_OBJECT (row), "binary", g_strdup (binaries[i]), g_free);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_list_box_select_row (GTK_LIST_BOX (list), gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  choice->self = g_object_ref (self);
  choice->request = request;
  choice->list = GTK_LIST_BOX (list);
  g_signal_connect (list, "row-activated", G_CALLBACK (binary_row_activated_cb), NULL);
  g_signal_connect_data (dialog, "response", G_CALLBACK (binary_chosen_cb), choice,
                         binary_choice_free, 0);
  g_set_weak_pointer (&self->binary_chooser, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LoadRequest) request = user_data;
  DvAppWindow *self = request->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = NULL;

  graph = dv_app_load_finish (result, &error);

  /* A newer load replaced this one. */
  if (request->cancellable != self->load_cancellable)
    return;

  g_clear_object (&self->load_cancellable);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);

  /* Cancel pressed after the parser finished still means "keep what I had". */
  if (graph != NULL && g_cancellable_is_cancelled (request->cancellable))
    {
      g_clear_pointer (&graph, dv_graph_unref);
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
    }

  if (graph == NULL && g_error_matches (error, DV_GRAPH_ERROR, DV_GRAPH_ERROR_SEVERAL_BINARIES)
      && dv_app_load_get_binaries (result) != NULL)
    {
      dv_app_window_choose_binary (self, g_steal_pointer (&request), dv_app_load_get_binaries (result));
      dv_app_window_update_actions (self);
      return;
    }

  if (graph == NULL)
    {
      dv_app_timings_mark ("load of %s failed: %s", request->display_name, error->message);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        dv_app_window_toast (self, _("Loading cancelled"));
      else
        {
          g_autofree char *text = NULL;

          if (self->graph != NULL)
            text = g_strdup_printf (_("Could not open “%s”: %s. Still showing “%s”."),
                                    request->display_name, error->message, self->display_name);
          else
            text = g_strdup_printf (_("Could not open “%s”: %s"), request->display_name, error->message);
          dv_app_window_show_banner (self, TRUE, text, FALSE);
        }
      dv_app_window_update_actions (self);
      g_signal_emit (self, signals[LOADED], 0, FALSE);
      return;
    }

  dv_app_timings_mark ("loaded %s: %.1f ms in the parser, %.1f ms since the request",
                       request->display_name,
                       dv_app_load_get_parse_time (result) / 1000.0,
                       (g_get_monotonic_time () - request->started) / 1000.0);
  dv_app_window_set_graph (self, graph, request);
  g_signal_emit (self, signals[LOADED], 0, TRUE);
}

static void
dv_app_window_start_load (DvAppWindow *self,
                          LoadRequest *request)
{
  g_autofree char *label = NULL;

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  request->self = g_object_ref (self);
  request->cancellable = g_object_ref (self->load_cancellable);
  request->started = g_get_monotonic_time ();

  label = g_strdup_printf (_("Loading “%s”…"), request->display_name);
  gtk_label_set_text (self->progress_label, label);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  dv_app_window_hide_banner (self);
  dv_app_timings_mark ("loading %s", request->display_name);

  if (request->file != NULL)
    dv_app_load_file_async (G_OBJECT (self), request->file, request->binary, self->load_cancellable,
                            load_progress_cb, self, load_done_cb, request);
  else
    dv_app_load_resource_async (G_OBJECT (self), EXAMPLE_RESOURCE, request->display_name,
                                self->load_cancellable, load_progress_cb, self,
                                load_done_cb, request);
  dv_app_window_update_actions (self);
}

static char *
file_display_name (GFile *file)
{
  g_autoptr(GFileInfo) info = NULL;

  /* Local files answer at once; never block on a remote one. */
  if (g_file_is_native (file))
    info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                              G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info != NULL)
    return g_strdup (g_file_info_get_display_name (info));
  return g_file_get_basename (file);
}

void
dv_app_window_open (DvAppWindow *self,
                    GFile       *file,
                    const char  *select)
{
  LoadRequest *request;

  g_return_if_fail (DV_APP_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  request = g_new0 (LoadRequest, 1);
  request->file = g_object_ref (file);
  request->display_name = file_display_name (file);
  request->select = g_strdup (select);
  dv_app_window_start_load (self, request);
}

void
dv_app_window_open_example (DvAppWindow *self,
                            const char  *select)
{
  LoadRequest *request;

  g_return_if_fail (DV_APP_IS_WINDOW (self));

  request = g_new0 (LoadRequest, 1);
  request->display_name = g_strdup (EXAMPLE_DISPLAY_NAME);
  request->select = g_strdup (select);
  dv_app_window_start_load (self, request);
}

gboolean
dv_app_window_has_graph (DvAppWindow *self)
{
  g_return_val_if_fail (DV_APP_IS_WINDOW (self), FALSE);
  return self->graph != NULL;
}

gboolean
dv_app_window_is_loading (DvAppWindow *self)
{
  g_return_val_if_fail (DV_APP_IS_WINDOW (self), FALSE);
  return self->load_cancellable != NULL;
}

/* Signals from the children */

static void
graph_view_symbol_activated_cb (DvAppWindow *self,
                                guint        symbol,
                                DvGraphView *view)
{
  if (self->graph != NULL && symbol < dv_graph_get_n_symbols (self->graph))
    dv_app_window_focus_symbol (self, symbol);
}

static void
graph_view_layout_ready_cb (DvAppWindow *self,
                            DvGraphView *view)
{
  if (self->focus_time == 0)
    return;

  if (!self->first_chain_drawn)
    {
      self->first_chain_drawn = TRUE;
      dv_app_timings_mark ("first chain drawn (layout %.1f ms after the focus)",
                           (g_get_monotonic_time () - self->focus_time) / 1000.0);
    }
  else
    dv_app_timings_mark ("layout drawn %.1f ms after the focus change",
                         (g_get_monotonic_time () - self->focus_time) / 1000.0);
  self->focus_time = 0;
}

static void
sidebar_symbol_selected_cb (DvAppWindow  *self,
                            guint         symbol,
                            DvAppSidebar *sidebar)
{
  if (self->graph == NULL || symbol >= dv_graph_get_n_symbols (self->graph))
    return;
  if (symbol == self->focus && self->focus_package == DV_PACKAGE_NONE)
    return;
  dv_app_window_apply_focus (self, symbol, DV_PACKAGE_NONE, TRUE);
}

static void
sidebar_package_selected_cb (DvAppWindow  *self,
                             guint         package,
                             DvAppSidebar *sidebar)
{
  if (self->graph == NULL || package >= dv_graph_get_n_packages (self->graph))
    return;
  if (package == self->focus_package)
    return;
  dv_app_window_apply_focus (self, DV_SYMBOL_NONE, package, TRUE);
}

static void
sidebar_search_activated_cb (DvAppWindow  *self,
                             const char   *text,
                             DvAppSidebar *sidebar)
{
  dv_app_window_select (self, text);
}

static void
chain_panel_symbol_activated_cb (DvAppWindow     *self,
                                 guint            symbol,
                                 DvAppChainPanel *panel)
{
  if (self->graph != NULL && symbol < dv_graph_get_n_symbols (self->graph))
    dv_app_window_focus_symbol (self, symbol);
}

static void
status_open_cb (DvAppWindow *self)
{
  g_action_group_activate_action (G_ACTION_GROUP (self), "open", NULL);
}

static void
status_open_example_cb (DvAppWindow *self)
{
  g_action_group_activate_action (G_ACTION_GROUP (self), "open-example", NULL);
}

static void
cancel_load_cb (DvAppWindow *self)
{
  g_action_group_activate_action (G_ACTION_GROUP (self), "cancel-load", NULL);
}

/* Drag and drop */

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

/* Actions */

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

  if (self->file != NULL)
    folder = g_file_get_parent (self->file);
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
open_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  DvAppWindow *self = user_data;
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
open_example_action (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  dv_app_window_open_example (DV_APP_WINDOW (user_data), NULL);
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  DvAppWindow *self = user_data;
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  dv_app_window_open (self, file, NULL);
}

static void
reload_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  DvAppWindow *self = user_data;
  LoadRequest *request;
  gboolean is_package;
  const char *focus_name;

  if (self->graph == NULL)
    return;

  request = g_new0 (LoadRequest, 1);
  request->file = self->file ? g_object_ref (self->file) : NULL;
  request->display_name = g_strdup (self->display_name);
  request->binary = g_strdup (self->binary);
  request->is_reload = TRUE;
  focus_name = dv_app_window_focus_name (self, &is_package);
  request->keep_focus = g_strdup (focus_name);
  request->keep_focus_is_package = is_package;
  dv_app_window_start_load (self, request);
}

static void
cancel_load_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  DvAppWindow *self = user_data;

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
}

static void
find_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  DvAppWindow *self = user_data;

  /* the tab shown stays: Ctrl+F on Packages searches packages */
  adw_flap_set_reveal_flap (self->sidebar_flap, TRUE);
  dv_app_sidebar_focus_search (self->sidebar);
}

static void
back_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  DvAppWindow *self = user_data;

  /* Skip entries whose name left the dump after a reload. */
  for (guint pos = self->history_pos; pos > 0; pos--)
    if (dv_app_window_go_to_history (self, pos - 1))
      break;
  dv_app_window_update_actions (self);
}

static void
forward_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  DvAppWindow *self = user_data;

  for (guint pos = self->history_pos + 1; pos < self->history->len; pos++)
    if (dv_app_window_go_to_history (self, pos))
      break;
  dv_app_window_update_actions (self);
}

static void
zoom_in_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  dv_graph_view_zoom_in (DV_APP_WINDOW (user_data)->graph_view);
}

static void
zoom_out_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  dv_graph_view_zoom_out (DV_APP_WINDOW (user_data)->graph_view);
}

static void
zoom_fit_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  dv_graph_view_zoom_fit (DV_APP_WINDOW (user_data)->graph_view);
}

static void
export_menu_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  DvAppWindow *self = user_data;

  gtk_menu_button_popup (self->export_button);
}

typedef struct {
  DvAppWindow *self;
  char        *format;
} ExportRequest;

static void
export_request_free (ExportRequest *request)
{
  g_clear_object (&request->self);
  g_free (request->format);
  g_free (request);
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
  ExportRequest *request = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        dv_app_window_export_async (request->self, request->format, file, NULL, export_done_cb, NULL);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  export_request_free (request);
}

/* A file name from a symbol name: no slashes, no spaces, not too long. */
static char *
export_file_name (DvAppWindow *self,
                  const char  *format)
{
  gboolean is_package;
  const char *name = dv_app_window_focus_name (self, &is_package);
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = name ? name : "chain"; *p != '\0' && out->len < 80; p++)
    g_string_append_c (out, g_ascii_isalnum (*p) || *p == '.' || *p == '-' || *p == '_' ? *p : '_');
  g_string_append_printf (out, ".%s", format);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
export_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  DvAppWindow *self = user_data;
  const char *name = g_action_get_name (G_ACTION (action));
  const char *format = g_str_has_suffix (name, "png") ? "png" : g_str_has_suffix (name, "dot") ? "dot" : "svg";
  g_autofree char *file_name = export_file_name (self, format);
  GtkFileChooserNative *native;
  ExportRequest *request;

  native = gtk_file_chooser_native_new (_("Export Graph"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), file_name);
  set_dialog_folder (self, GTK_FILE_CHOOSER (native));

  request = g_new0 (ExportRequest, 1);
  request->self = g_object_ref (self);
  request->format = g_strdup (format);
  g_signal_connect (native, "response", G_CALLBACK (export_response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
copy_markdown_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  DvAppWindow *self = user_data;
  DvWhyAnswer answer = { 0 };
  DvLookup lookup = { 0 };
  g_autofree char *text = NULL;
  gboolean is_package;
  const char *query = dv_app_window_focus_name (self, &is_package);

  if (query == NULL)
    return;

  if (is_package)
    {
      lookup.kind = DV_LOOKUP_PACKAGE;
      lookup.package = self->focus_package;
      lookup.symbol = DV_SYMBOL_NONE;
      lookup.how = "package";
    }
  else
    {
      lookup.kind = DV_LOOKUP_SYMBOL;
      lookup.symbol = self->focus;
      lookup.package = DV_PACKAGE_NONE;
      lookup.how = "exact";
    }

  dv_why_answer_init (&answer, self->graph, query, &lookup);
  text = dv_format_why (self->graph, &answer, DV_FORMAT_MARKDOWN);
  dv_why_answer_clear (&answer);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  dv_app_window_toast (self, _("Chain copied as Markdown"));
}

static void
close_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
}

static const GActionEntry win_entries[] = {
  { "open", open_action },
  { "open-example", open_example_action },
  { "open-recent", open_recent_action, "s" },
  { "reload", reload_action },
  { "cancel-load", cancel_load_action },
  { "find", find_action },
  { "back", back_action },
  { "forward", forward_action },
  { "zoom-in", zoom_in_action },
  { "zoom-out", zoom_out_action },
  { "zoom-fit", zoom_fit_action },
  { "export", export_menu_action },
  { "export-svg", export_action },
  { "export-png", export_action },
  { "export-dot", export_action },
  { "copy-markdown", copy_markdown_action },
  { "close", close_action },
};

static void
set_action_enabled (DvAppWindow *self,
                    const char  *name,
                    gboolean     enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static void
dv_app_window_update_actions (DvAppWindow *self)
{
  gboolean has_graph = self->graph != NULL;
  gboolean has_focus = has_graph && self->focus != DV_SYMBOL_NONE;
  gboolean can_back = FALSE, can_forward = FALSE;

  if (has_graph && self->history->len > 0)
    {
      can_back = self->history_pos > 0;
      can_forward = self->history_pos + 1 < self->history->len;
    }

  set_action_enabled (self, "reload", has_graph);
  set_action_enabled (self, "cancel-load", self->load_cancellable != NULL);
  set_action_enabled (self, "find", has_graph);
  set_action_enabled (self, "back", can_back);
  set_action_enabled (self, "forward", can_forward);
  set_action_enabled (self, "zoom-in", has_focus);
  set_action_enabled (self, "zoom-out", has_focus);
  set_action_enabled (self, "zoom-fit", has_focus);
  set_action_enabled (self, "export", has_focus);
  set_action_enabled (self, "export-svg", has_focus);
  set_action_enabled (self, "export-png", has_focus);
  set_action_enabled (self, "export-dot", has_focus);
  set_action_enabled (self, "copy-markdown", has_focus);
}

/* Export, shared by the menu and tests */

static void
graph_view_export_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (dv_graph_view_export_finish (DV_GRAPH_VIEW (object), result, &error))
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

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dv_app_window_export_async);

  if (self->focus == DV_SYMBOL_NONE)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("Nothing to export: choose a symbol first"));
      return;
    }

  dv_app_timings_mark ("export %s", format);
  dv_graph_view_export_async (self->graph_view, format, file, cancellable,
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

/* Settings */

static void
dv_app_window_save_size (DvAppWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static gboolean
dv_app_window_close_request (GtkWindow *window)
{
  DvAppWindow *self = DV_APP_WINDOW (window);

  dv_app_window_save_size (self);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);

  return GTK_WINDOW_CLASS (dv_app_window_parent_class)->close_request (window);
}

/* GObject */

static void
dv_app_window_dispose (GObject *object)
{
  DvAppWindow *self = DV_APP_WINDOW (object);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->monitor != NULL)
    g_file_monitor_cancel (self->monitor);
  g_clear_object (&self->monitor);
  if (self->binary_chooser != NULL)
    gtk_window_destroy (GTK_WINDOW (self->binary_chooser));
  g_clear_weak_pointer (&self->binary_chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), DV_APP_TYPE_WINDOW);

  g_clear_object (&self->settings);
  g_clear_object (&self->file);
  g_clear_pointer (&self->graph, dv_graph_unref);

  G_OBJECT_CLASS (dv_app_window_parent_class)->dispose (object);
}

static void
dv_app_window_finalize (GObject *object)
{
  DvAppWindow *self = DV_APP_WINDOW (object);

  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->binary, g_free);
  g_clear_pointer (&self->history, g_array_unref);

  G_OBJECT_CLASS (dv_app_window_parent_class)->finalize (object);
}

static void
dv_app_window_class_init (DvAppWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = dv_app_window_dispose;
  object_class->finalize = dv_app_window_finalize;
  window_class->close_request = dv_app_window_close_request;

  signals[LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  signals[FOCUS_CHANGED] =
    g_signal_new ("focus-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  g_type_ensure (DV_TYPE_GRAPH_VIEW);
  g_type_ensure (DV_APP_TYPE_SIDEBAR);
  g_type_ensure (DV_APP_TYPE_CHAIN_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/DepView/ui/dv-app-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DvAppWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, DvAppWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DvAppWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, DvAppWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, DvAppWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, DvAppWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, DvAppWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, DvAppWindow, banner_box);
  gtk_widget_class_bind_template_child (widget_class, DvAppWindow, banner_icon);
  gtk_widget_class_bind_template_child (widget_class, DvAppWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, DvAppWindow, banner_details_button);
  gtk_widget_class_bind_template_child (widget_class, DvAppWindow, sidebar_flap);
  gtk_widget_class_bind_template_child (widget_class, DvAppWindow, graph_paned);
  gtk_widget_class_bind_template_child (widget_class, DvAppWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, DvAppWindow, graph_view);
  gtk_widget_class_bind_template_child (widget_class, DvAppWindow, no_focus_page);
  gtk_widget_class_bind_template_child (widget_class, DvAppWindow, chain_panel);
  gtk_widget_class_bind_template_child (widget_class, DvAppWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, DvAppWindow, recent_section);
  gtk_widget_class_bind_template_callback (widget_class, graph_view_symbol_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, graph_view_layout_ready_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_symbol_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_package_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, chain_panel_symbol_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_open_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_open_example_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_load_cb);
  gtk_widget_class_bind_template_callback (widget_class, banner_close_cb);
  gtk_widget_class_bind_template_callback (widget_class, banner_details_cb);
}

static void
dv_app_window_init (DvAppWindow *self)
{
  GtkDropTarget *drop;
  GType drop_types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };
  int width = 1200, height = 800;

  self->focus = DV_SYMBOL_NONE;
  self->focus_package = DV_PACKAGE_NONE;
  self->history = g_array_new (FALSE, TRUE, sizeof (HistoryEntry));
  g_array_set_clear_func (self->history, history_entry_clear);

  gtk_widget_init_template (GTK_WIDGET (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_entries, G_N_ELEMENTS (win_entries), self);

  self->settings = dv_app_settings_new ();
  if (self->settings != NULL)
    {
      width = g_settings_get_int (self->settings, "window-width");
      height = g_settings_get_int (self->settings, "window-height");
      if (width < 360 || height < 294)
        width = 1200, height = 800;
      g_settings_bind (self->settings, "hide-metadata", self->sidebar, "hide-metadata", G_SETTINGS_BIND_DEFAULT);
    }
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (self->settings != NULL && g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, drop_types, G_N_ELEMENTS (drop_types));
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (dv_app_window_update_recent), self, G_CONNECT_SWAPPED);
  dv_app_window_update_recent (self);

  dv_app_window_update_title (self);
  dv_app_window_update_actions (self);
}

DvAppWindow *
dv_app_window_new (GtkApplication *application)
{
  return g_object_new (DV_APP_TYPE_WINDOW, "application", application, NULL);
}

/* Private accessors */

DvGraph *
dv_app_window_get_graph (DvAppWindow *self)
{
  g_return_val_if_fail (DV_APP_IS_WINDOW (self), NULL);
  return self->graph;
}

DvSymbolId
dv_app_window_get_focus (DvAppWindow *self)
{
  g_return_val_if_fail (DV_APP_IS_WINDOW (self), DV_SYMBOL_NONE);
  return self->focus;
}

DvAppSidebar *
dv_app_window_get_sidebar (DvAppWindow *self)
{
  g_return_val_if_fail (DV_APP_IS_WINDOW (self), NULL);
  return self->sidebar;
}

DvAppChainPanel *
dv_app_window_get_chain_panel (DvAppWindow *self)
{
  g_return_val_if_fail (DV_APP_IS_WINDOW (self), NULL);
  return self->chain_panel;
}

GListModel *
dv_app_window_get_chain_model (DvAppWindow *self)
{
  g_return_val_if_fail (DV_APP_IS_WINDOW (self), NULL);
  return dv_app_chain_panel_get_model (self->chain_panel);
}

GtkSearchEntry *
dv_app_window_get_search_entry (DvAppWindow *self)
{
  g_return_val_if_fail (DV_APP_IS_WINDOW (self), NULL);
  return dv_app_sidebar_get_search_entry (self->sidebar);
}

DvGraphView *
dv_app_window_get_graph_view (DvAppWindow *self)
{
  g_return_val_if_fail (DV_APP_IS_WINDOW (self), NULL);
  return self->graph_view;
}

AdwMessageDialog *
dv_app_window_get_binary_chooser (DvAppWindow *self)
{
  g_return_val_if_fail (DV_APP_IS_WINDOW (self), NULL);
  return self->binary_chooser != NULL ? ADW_MESSAGE_DIALOG (self->binary_chooser) : NULL;
}

const char *
dv_app_window_get_banner_text (DvAppWindow *self)
{
  g_return_val_if_fail (DV_APP_IS_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->banner_revealer))
    return NULL;
  return gtk_label_get_text (self->banner_label);
}
