/* dv-app-window.c: one dump's window: the document (dv-app-document.c)
 * loads it, the focus (dv-app-focus.c) answers for one symbol or package;
 * the window shows both and asks the user when a load needs a choice.
 * Actions live in dv-app-window-actions.c, drops in dv-app-window-dnd.c. */
#define G_LOG_DOMAIN "depview"

#include "config.h"

#include <glib/gi18n.h>

#include "dv-app-chain-panel.h"
#include "dv-app-settings.h"
#include "dv-app-sidebar.h"
#include "dv-app-timings.h"
#include "dv-app-window-private.h"
#include "dv-app-graph-view.h"

#define MAX_RECENT_ITEMS     8
/* The name recent-file entries are filed under (not translated: it is a key). */
#define RECENT_APP_NAME      "depview"

enum {
  LOADED,
  FOCUS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_PACKAGE_GRAPH,
  PROP_MARK_KEEPS,
  PROP_MARK_ADDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (DvAppWindow, dv_app_window, ADW_TYPE_APPLICATION_WINDOW)

/* Toasts and the banner */

void
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

void
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
  DvGraph *graph = dv_app_document_get_graph (self->document);
  const char *title = dv_app_document_get_title (self->document);
  const DvGraphStats *stats = dv_graph_get_stats (graph);
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
                            title, (unsigned long long) n);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s: %llu line could be read two ways; check how it was read.",
                                         "%s: %llu lines could be read two ways; check how they were read.",
                                         stats->doubtful_lines),
                            title, (unsigned long long) stats->doubtful_lines);
  dv_app_window_show_banner (self, FALSE, text, dv_graph_get_n_problems (graph) > 0);
}

static void
banner_close_cb (DvAppWindow *self)
{
  dv_app_window_hide_banner (self);
}

static void
banner_details_cb (DvAppWindow *self)
{
  DvGraph *graph = dv_app_document_get_graph (self->document);
  const char *title = dv_app_document_get_title (self->document);
  g_autoptr(GString) body = g_string_new (NULL);
  const DvGraphStats *stats;
  GtkWidget *dialog;
  guint n;

  if (graph == NULL)
    return;

  stats = dv_graph_get_stats (graph);
  n = dv_graph_get_n_problems (graph);
  for (guint i = 0; i < n; i++)
    {
      const DvProblem *problem = dv_graph_get_problem (graph, i);

      /* file:line: message, the conventional shape editors can jump to */
      g_string_append_printf (body, "%s:%" G_GUINT64_FORMAT ": %s\n    %s\n",
                              title, problem->line, problem->message,
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

void
dv_app_window_update_title (DvAppWindow *self)
{
  DvGraph *graph = dv_app_document_get_graph (self->document);
  const char *binary = dv_app_document_get_binary (self->document);
  const char *title = dv_app_document_get_title (self->document);
  g_autofree char *subtitle = NULL;
  const DvGraphStats *stats;

  if (graph == NULL)
    {
      adw_window_title_set_title (self->window_title, _("DepView"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("DepView"));
      return;
    }

  stats = dv_graph_get_stats (graph);
  subtitle = g_strdup_printf (_("%'u symbols · %'u live · %'u packages"),
                              stats->symbols, stats->reachable_symbols, stats->packages);
  if (binary != NULL)
    {
      /* one binary of several: say which */
      char *with_binary = g_strdup_printf ("%s · %s", binary, subtitle);
      g_free (subtitle);
      subtitle = with_binary;
    }
  if (self->sizes_text != NULL)
    {
      char *with_sizes = g_strdup_printf ("%s · %s", subtitle, self->sizes_text);
      g_free (subtitle);
      subtitle = with_sizes;
    }
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
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
  GFile *file = dv_app_document_get_file (self->document);
  g_autofree char *uri = NULL;
  GtkRecentData data = { 0 };

  if (file == NULL)
    return;

  uri = g_file_get_uri (file);
  data.display_name = (char *) dv_app_document_get_title (self->document);
  data.mime_type = (char *) "text/plain";
  data.app_name = (char *) RECENT_APP_NAME;
  data.app_exec = (char *) "depview %u";
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

/* The focus: one answer, shown by the chain panel and the graph */

static void
focus_changed_cb (DvAppWindow *self,
                  DvAppFocus  *focus)
{
  const DvWhyAnswer *answer = dv_app_focus_get_answer (focus);
  DvSymbolId symbol = dv_app_focus_get_symbol (focus);
  DvGraph *graph = dv_app_focus_get_graph (focus);

  self->focus_time = g_get_monotonic_time ();

  if (answer != NULL)
    dv_app_chain_panel_set_answer (self->chain_panel, answer);
  else
    dv_app_chain_panel_clear (self->chain_panel);
  dv_app_graph_view_set_focus (self->graph_view, symbol);
  gtk_widget_set_visible (self->no_focus_page, symbol == DV_SYMBOL_NONE);

  dv_app_timings_mark ("focus → %s (chain panel ready)",
                       symbol != DV_SYMBOL_NONE ? dv_graph_symbol_name (graph, symbol) : "none");
  dv_app_window_update_actions (self);
  g_signal_emit (self, signals[FOCUS_CHANGED], 0, (guint) symbol);
}

void
dv_app_window_focus_symbol (DvAppWindow *self,
                            DvSymbolId   symbol)
{
  DvGraph *graph;

  g_return_if_fail (DV_APP_IS_WINDOW (self));
  graph = dv_app_focus_get_graph (self->focus);
  g_return_if_fail (graph != NULL);
  g_return_if_fail (symbol < dv_graph_get_n_symbols (graph));

  if (symbol == dv_app_focus_get_symbol (self->focus) && dv_app_focus_get_package (self->focus) == DV_PACKAGE_NONE)
    return;
  dv_app_focus_show_symbol (self->focus, symbol, TRUE);
}

gboolean
dv_app_window_select (DvAppWindow *self,
                      const char  *query)
{
  DvLookup lookup = { 0 };
  gboolean found = TRUE;
  DvGraph *graph;

  g_return_val_if_fail (DV_APP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);

  graph = dv_app_focus_get_graph (self->focus);
  if (graph == NULL)
    return FALSE;

  dv_lookup (graph, query, &lookup);
  switch (lookup.kind)
    {
    case DV_LOOKUP_SYMBOL:
    case DV_LOOKUP_PACKAGE:
    case DV_LOOKUP_INLINED:
    case DV_LOOKUP_UNLINKED_PACKAGE:
      /* INLINED and UNLINKED_PACKAGE: an answer with no chain, nothing to
       * draw; the panel says why */
      dv_app_focus_show_lookup (self->focus, &lookup, TRUE);
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

/* The document: progress, a new graph, a failure, a choice */

static void
document_progress_cb (DvAppWindow   *self,
                      GParamSpec    *pspec,
                      DvAppDocument *document)
{
  double fraction = dv_app_document_get_progress (document);

  if (fraction < 0)
    {
      g_autofree char *size = g_format_size (dv_app_document_get_bytes_read (document));

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
document_loading_cb (DvAppWindow   *self,
                     GParamSpec    *pspec,
                     DvAppDocument *document)
{
  if (dv_app_document_get_loading (document))
    {
      g_autofree char *label = g_strdup_printf (_("Loading “%s”…"),
                                                dv_app_document_get_loading_title (document));

      gtk_label_set_text (self->progress_label, label);
      dv_app_window_hide_banner (self);
    }
  dv_app_window_update_actions (self);
}

static void
document_loaded_cb (DvAppWindow   *self,
                    gboolean       is_reload,
                    gboolean       same_file,
                    DvAppDocument *document)
{
  DvGraph *graph = dv_app_document_get_graph (document);
  g_autofree char *select = g_steal_pointer (&self->select);
  g_autofree char *keep_focus = NULL;
  gboolean keep_focus_is_package = FALSE;

  /* A reload keeps the focus when its name is still in the new dump. */
  if (is_reload)
    keep_focus = g_strdup (dv_app_focus_get_name (self->focus, &keep_focus_is_package));

  dv_app_focus_set_graph (self->focus, graph, same_file);
  dv_app_graph_view_set_graph (self->graph_view, graph);
  dv_app_chain_panel_set_graph (self->chain_panel, graph);
  gtk_widget_set_visible (self->no_focus_page, TRUE);
  gtk_stack_set_visible_child_name (self->main_stack, "browser");
  dv_app_window_update_title (self);
  dv_app_window_show_problems (self);
  dv_app_window_add_recent (self);

  if (keep_focus != NULL)
    {
      if (!dv_app_focus_show_name (self->focus, keep_focus, keep_focus_is_package, FALSE))
        {
          g_autofree char *title = g_strdup_printf (_("“%s” is no longer in the dump"), keep_focus);
          dv_app_window_toast (self, title);
          dv_app_graph_view_set_focus (self->graph_view, DV_SYMBOL_NONE);
          dv_app_chain_panel_clear (self->chain_panel);
        }
    }
  else if (select != NULL)
    dv_app_window_select (self, select);
  else
    dv_app_graph_view_set_focus (self->graph_view, DV_SYMBOL_NONE);

  /* After the focus: the layout thread starts first and the lists fill
   * while it runs. */
  dv_app_sidebar_set_graph (self->sidebar, graph);
  dv_app_timings_mark ("symbol browser ready (%u symbols)", dv_graph_get_n_symbols (graph));

  dv_app_window_update_actions (self);
  g_signal_emit (self, signals[LOADED], 0, TRUE);
}

static void
document_load_failed_cb (DvAppWindow   *self,
                         const char    *title,
                         const GError  *error,
                         DvAppDocument *document)
{
  g_clear_pointer (&self->select, g_free);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    dv_app_window_toast (self, _("Loading cancelled"));
  else
    {
      g_autofree char *text = NULL;

      if (dv_app_document_get_graph (document) != NULL)
        text = g_strdup_printf (_("Could not open “%s”: %s. Still showing “%s”."),
                                title, error->message, dv_app_document_get_title (document));
      else
        text = g_strdup_printf (_("Could not open “%s”: %s"), title, error->message);
      dv_app_window_show_banner (self, TRUE, text, FALSE);
    }
  dv_app_window_update_actions (self);
  g_signal_emit (self, signals[LOADED], 0, FALSE);
}

static void
binary_chosen_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  gpointer          user_data)
{
  DvAppWindow *self = user_data;
  GtkListBox *list = g_object_get_data (G_OBJECT (dialog), "list");
  GtkListBoxRow *row = gtk_list_box_get_selected_row (list);

  if (g_strcmp0 (response, "open") == 0 && row != NULL)
    dv_app_document_choose_binary (self->document, g_object_get_data (G_OBJECT (row), "binary"));
  else
    dv_app_document_choose_binary (self->document, NULL);
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
document_choose_binary_cb (DvAppWindow        *self,
                           const char         *title,
                           const char * const *binaries,
                           DvAppDocument      *document)
{
  guint n = g_strv_length ((char **) binaries);
  g_autofree char *body = NULL;
  GtkWidget *dialog, *scrolled, *list;

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "“%s” holds the dependencies of %u binary, each a graph of its own. Which one do you want to see?",
                                       "“%s” holds the dependencies of %u binaries, each a graph of its own. Which one do you want to see?",
                                       n),
                          title, n);
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

  g_object_set_data (G_OBJECT (dialog), "list", list);
  g_signal_connect (list, "row-activated", G_CALLBACK (binary_row_activated_cb), NULL);
  g_signal_connect_object (dialog, "response", G_CALLBACK (binary_chosen_cb), self, 0);
  g_set_weak_pointer (&self->binary_chooser, dialog);
  dv_app_window_update_actions (self);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
dv_app_window_open (DvAppWindow *self,
                    GFile       *file,
                    const char  *select)
{
  g_return_if_fail (DV_APP_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_free (self->select);
  self->select = g_strdup (select);
  dv_app_document_load (self->document, file);
}

void
dv_app_window_open_with_sizes (DvAppWindow *self,
                               GFile       *file,
                               const char  *select,
                               GFile       *sizes)
{
  g_return_if_fail (DV_APP_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_free (self->select);
  self->select = g_strdup (select);
  dv_app_document_load_with_sizes (self->document, file, sizes);
}

void
dv_app_window_open_example (DvAppWindow *self,
                            const char  *select)
{
  g_return_if_fail (DV_APP_IS_WINDOW (self));

  g_free (self->select);
  self->select = g_strdup (select);
  dv_app_document_load (self->document, NULL);
}

gboolean
dv_app_window_has_graph (DvAppWindow *self)
{
  g_return_val_if_fail (DV_APP_IS_WINDOW (self), FALSE);
  return dv_app_document_get_graph (self->document) != NULL;
}

gboolean
dv_app_window_is_loading (DvAppWindow *self)
{
  g_return_val_if_fail (DV_APP_IS_WINDOW (self), FALSE);
  return dv_app_document_get_loading (self->document);
}

/* Signals from the children */

static void
graph_view_symbol_activated_cb (DvAppWindow *self,
                                guint        symbol,
                                DvAppGraphView *view)
{
  DvGraph *graph = dv_app_focus_get_graph (self->focus);

  if (graph != NULL && symbol < dv_graph_get_n_symbols (graph))
    dv_app_window_focus_symbol (self, symbol);
}

/* A package of the package graph: the window is about that package now. */
static void
graph_view_package_activated_cb (DvAppWindow    *self,
                                 guint           package,
                                 DvAppGraphView *view)
{
  DvGraph *graph = dv_app_focus_get_graph (self->focus);

  if (graph != NULL && package < dv_graph_get_n_packages (graph))
    dv_app_focus_show_package (self->focus, package, TRUE);
}

static void
graph_view_packages_cb (DvAppWindow    *self,
                        GParamSpec     *pspec,
                        DvAppGraphView *view)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PACKAGE_GRAPH]);
}

void
dv_app_window_notify_mark (DvAppWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MARK_KEEPS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MARK_ADDED]);
}

static void
dv_app_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DvAppWindow *self = DV_APP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PACKAGE_GRAPH:
      g_value_set_boolean (value, self->graph_view != NULL && dv_app_graph_view_get_packages (self->graph_view));
      break;
    case PROP_MARK_KEEPS:
      g_value_set_boolean (value, self->mark == DV_APP_HIGHLIGHT_KEEPS);
      break;
    case PROP_MARK_ADDED:
      g_value_set_boolean (value, self->mark == DV_APP_HIGHLIGHT_ADDED);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dv_app_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  DvAppWindow *self = DV_APP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PACKAGE_GRAPH:
      if (self->graph_view != NULL)
        dv_app_graph_view_set_packages (self->graph_view, g_value_get_boolean (value));
      break;
    case PROP_MARK_KEEPS:
      if (g_value_get_boolean (value))
        dv_app_window_set_mark (self, DV_APP_HIGHLIGHT_KEEPS);
      else if (self->mark == DV_APP_HIGHLIGHT_KEEPS)
        dv_app_window_set_mark (self, DV_APP_HIGHLIGHT_NONE);
      break;
    case PROP_MARK_ADDED:
      /* turned off: a comparison that finishes later leaves it off */
      self->mark_added_declined = !g_value_get_boolean (value);
      if (g_value_get_boolean (value))
        dv_app_window_set_mark (self, DV_APP_HIGHLIGHT_ADDED);
      else if (self->mark == DV_APP_HIGHLIGHT_ADDED)
        dv_app_window_set_mark (self, DV_APP_HIGHLIGHT_NONE);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
graph_view_layout_ready_cb (DvAppWindow *self,
                            DvAppGraphView *view)
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
  DvGraph *graph = dv_app_focus_get_graph (self->focus);

  if (graph == NULL || symbol >= dv_graph_get_n_symbols (graph))
    return;
  if (symbol == dv_app_focus_get_symbol (self->focus) && dv_app_focus_get_package (self->focus) == DV_PACKAGE_NONE)
    return;
  dv_app_focus_show_symbol (self->focus, symbol, TRUE);
}

static void
sidebar_package_selected_cb (DvAppWindow  *self,
                             guint         package,
                             DvAppSidebar *sidebar)
{
  DvGraph *graph = dv_app_focus_get_graph (self->focus);

  if (graph == NULL || package >= dv_graph_get_n_packages (graph))
    return;
  if (package == dv_app_focus_get_package (self->focus))
    return;
  dv_app_focus_show_package (self->focus, package, TRUE);
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
  DvGraph *graph = dv_app_focus_get_graph (self->focus);

  if (graph != NULL && symbol < dv_graph_get_n_symbols (graph))
    dv_app_window_focus_symbol (self, symbol);
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
  dv_app_document_cancel (self->document);

  return GTK_WINDOW_CLASS (dv_app_window_parent_class)->close_request (window);
}

/* GObject */

static void
dv_app_window_dispose (GObject *object)
{
  DvAppWindow *self = DV_APP_WINDOW (object);

  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      dv_app_document_cancel (self->document);
    }
  if (self->focus != NULL)
    g_signal_handlers_disconnect_by_data (self->focus, self);
  if (self->binary_chooser != NULL)
    gtk_window_destroy (GTK_WINDOW (self->binary_chooser));
  g_clear_weak_pointer (&self->binary_chooser);
  dv_app_window_views_dispose (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), DV_APP_TYPE_WINDOW);

  g_clear_object (&self->settings);
  g_clear_object (&self->document);
  g_clear_object (&self->focus);
  g_clear_object (&self->highlight);

  G_OBJECT_CLASS (dv_app_window_parent_class)->dispose (object);
}

static void
dv_app_window_finalize (GObject *object)
{
  DvAppWindow *self = DV_APP_WINDOW (object);

  g_clear_pointer (&self->select, g_free);

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
  object_class->get_property = dv_app_window_get_property;
  object_class->set_property = dv_app_window_set_property;

  /* The graph view draws the chain as packages (win.package-graph). */
  properties[PROP_PACKAGE_GRAPH] =
    g_param_spec_boolean ("package-graph", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The highlight marks what the focus keeps alive (win.mark-keeps), or
   * what the comparison found new (win.mark-added); one at a time. */
  properties[PROP_MARK_KEEPS] =
    g_param_spec_boolean ("mark-keeps", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MARK_ADDED] =
    g_param_spec_boolean ("mark-added", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  signals[FOCUS_CHANGED] =
    g_signal_new ("focus-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  g_type_ensure (DV_APP_TYPE_GRAPH_VIEW);
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
  gtk_widget_class_bind_template_callback (widget_class, graph_view_package_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, graph_view_packages_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_symbol_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_package_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, chain_panel_symbol_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, banner_close_cb);
  gtk_widget_class_bind_template_callback (widget_class, banner_details_cb);

  dv_app_window_class_install_actions (klass);
  dv_app_window_class_install_view_actions (klass);
}

static void
dv_app_window_init (DvAppWindow *self)
{
  int width = 1200, height = 800;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->document = dv_app_document_new ();
  self->focus = dv_app_focus_new ();
  self->highlight = dv_app_highlight_new ();
  dv_app_sidebar_set_highlight (self->sidebar, self->highlight);
  dv_app_graph_view_set_highlight (self->graph_view, self->highlight);
  /* the focus object lays the graph out; the view draws it */
  dv_app_graph_view_set_focus_object (self->graph_view, self->focus);
  g_signal_connect_swapped (self->document, "notify::progress", G_CALLBACK (document_progress_cb), self);
  g_signal_connect_swapped (self->document, "notify::loading", G_CALLBACK (document_loading_cb), self);
  g_signal_connect_swapped (self->document, "notify::loading-title", G_CALLBACK (document_loading_cb), self);
  g_signal_connect_swapped (self->document, "loaded", G_CALLBACK (document_loaded_cb), self);
  g_signal_connect_swapped (self->document, "load-failed", G_CALLBACK (document_load_failed_cb), self);
  g_signal_connect_swapped (self->document, "choose-binary", G_CALLBACK (document_choose_binary_cb), self);
  g_signal_connect_swapped (self->focus, "changed", G_CALLBACK (focus_changed_cb), self);
  g_object_bind_property (self->document, "loading", self->progress_revealer, "reveal-child",
                          G_BINDING_SYNC_CREATE);
  /* The graph and its exports hide what the list hides; sizes go on its nodes. */
  g_object_bind_property (self->sidebar, "hide-metadata", self->graph_view, "hide-metadata",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->document, "cost", self->graph_view, "cost", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->document, "cost", self->sidebar, "cost", G_BINDING_SYNC_CREATE);

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

  dv_app_window_init_dnd (self);
  dv_app_window_views_init (self);

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
  return dv_app_document_get_graph (self->document);
}

DvSymbolId
dv_app_window_get_focus (DvAppWindow *self)
{
  g_return_val_if_fail (DV_APP_IS_WINDOW (self), DV_SYMBOL_NONE);
  return dv_app_focus_get_symbol (self->focus);
}

DvAppDocument *
dv_app_window_get_document (DvAppWindow *self)
{
  g_return_val_if_fail (DV_APP_IS_WINDOW (self), NULL);
  return self->document;
}

DvAppFocus *
dv_app_window_get_focus_object (DvAppWindow *self)
{
  g_return_val_if_fail (DV_APP_IS_WINDOW (self), NULL);
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

DvAppGraphView *
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
