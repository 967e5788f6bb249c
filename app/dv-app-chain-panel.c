/* dv-app-chain-panel.c */
#define G_LOG_DOMAIN "depview"

#include "config.h"

#include <glib/gi18n.h>

#include "dv-app-chain-panel.h"
#include "dv-app-chain-row.h"
#include "dv-format.h"

struct _DvAppChainPanel
{
  GtkWidget    parent_instance;

  /* template */
  GtkStack    *stack;
  GtkLabel    *title_label;
  GtkLabel    *summary_label;
  GtkLabel    *footnote_label;
  GtkListView *chain_view;
  GtkScrolledWindow *chain_scroller;
  GListStore  *chain_store;   /* every step: the model of the public API */
  GListStore  *display_store; /* what the list shows: the start-up folded */

  DvGraph     *graph;
  gboolean     reachable;
  guint        n_startup;        /* leading steps of chain_store that are start-up */
  gboolean     startup_expanded;
  gboolean     target_last;
  guint        scroll_to;
  guint        scroll_source;
};

enum {
  SYMBOL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DvAppChainPanel, dv_app_chain_panel, GTK_TYPE_WIDGET)

static void
chain_activate_cb (DvAppChainPanel *self,
                   guint            position,
                   GtkListView     *view)
{
  g_autoptr(DvAppChainRow) row = g_list_model_get_item (G_LIST_MODEL (self->display_store), position);

  if (row == NULL)
    return;
  if (dv_app_chain_row_get_is_startup (row))
    dv_app_chain_panel_set_startup_expanded (self, !self->startup_expanded);
  else
    g_signal_emit (self, signals[SYMBOL_ACTIVATED], 0, dv_app_chain_row_get_symbol (row));
}

static void dv_app_chain_panel_scroll_to_end (DvAppChainPanel *self);

/* The panel asks for the height of its rows, up to 260 px and to 45% of
 * the pane it shares with the graph: a chain of a dozen steps is read
 * whole without scrolling. GTK 4.8's paned gives an end child that does
 * not resize its minimum height, not its natural one, so this sets the
 * minimum. */
#define MAX_ROWS_HEIGHT 260

static void
dv_app_chain_panel_fit_rows (DvAppChainPanel *self)
{
  GtkWidget *pane = gtk_widget_get_parent (GTK_WIDGET (self));
  int natural = 0, limit = MAX_ROWS_HEIGHT;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->display_store)) > 0)
    gtk_widget_measure (GTK_WIDGET (self->chain_view), GTK_ORIENTATION_VERTICAL,
                        gtk_widget_get_width (GTK_WIDGET (self->chain_view)), NULL, &natural, NULL, NULL);
  if (pane != NULL && gtk_widget_get_height (pane) > 0)
    limit = MIN (limit, gtk_widget_get_height (pane) * 45 / 100);
  gtk_scrolled_window_set_min_content_height (self->chain_scroller, CLAMP (natural, 0, MAX (limit, 0)));
}

/* gtk_list_view_scroll_to is GTK 4.12; the list's own action is 4.0. */
static gboolean
scroll_to_row_cb (gpointer data)
{
  DvAppChainPanel *self = data;

  self->scroll_source = 0;
  dv_app_chain_panel_fit_rows (self);
  if (self->scroll_to < g_list_model_get_n_items (G_LIST_MODEL (self->display_store)))
    gtk_widget_activate_action (GTK_WIDGET (self->chain_view), "list.scroll-to-item", "u", self->scroll_to);
  return G_SOURCE_REMOVE;
}

static void
dv_app_chain_panel_scroll_to_end (DvAppChainPanel *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->display_store));

  self->scroll_to = n > 0 && self->target_last ? n - 1 : 0;
  if (self->scroll_source == 0)
    self->scroll_source = g_idle_add_full (G_PRIORITY_LOW, scroll_to_row_cb, self, NULL);
}

/* The shown rows from the steps: the start-up as one row, its steps under
 * it when opened. */
static void
dv_app_chain_panel_show_rows (DvAppChainPanel *self)
{
  GListModel *steps = G_LIST_MODEL (self->chain_store);
  guint n = g_list_model_get_n_items (steps);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      if (i == 0 && self->n_startup > 0)
        {
          g_autoptr(DvAppChainRow) first = g_list_model_get_item (steps, 0);
          DvChainStep step = { dv_app_chain_row_get_symbol (first), dv_app_chain_row_get_via (first) };

          g_ptr_array_add (rows, dv_app_chain_row_new_startup (self->graph, &step, self->n_startup,
                                                               self->startup_expanded));
          if (!self->startup_expanded)
            {
              i = self->n_startup - 1;
              continue;
            }
        }
      g_ptr_array_add (rows, g_list_model_get_item (steps, i));
    }

  g_list_store_splice (self->display_store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->display_store)),
                       rows->pdata, rows->len);
}

static void
dv_app_chain_panel_fill (DvAppChainPanel *self,
                         GArray          *steps,
                         gboolean         target_last)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  if (steps != NULL)
    for (guint i = 0; i < steps->len; i++)
      {
        const DvChainStep *step = &g_array_index (steps, DvChainStep, i);
        gboolean is_target = target_last && i + 1 == steps->len;

        g_ptr_array_add (rows, dv_app_chain_row_new (self->graph, i, step, is_target));
      }

  g_list_store_splice (self->chain_store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->chain_store)),
                       rows->pdata, rows->len);

  /* Only a chain from the root starts with the runtime's start-up; the
   * ancestors of an unreachable symbol run the other way. */
  self->n_startup = target_last && steps != NULL ? dv_why_chain_startup (self->graph, steps) : 0;
  self->startup_expanded = FALSE;
  self->target_last = target_last;
  dv_app_chain_panel_show_rows (self);

  /* The end nearest the symbol asked about is the interesting one; scroll
   * there once the new rows are laid out. */
  dv_app_chain_panel_scroll_to_end (self);
}

static void
dv_app_chain_panel_dispose (GObject *object)
{
  GtkWidget *child;
  DvAppChainPanel *self = DV_APP_CHAIN_PANEL (object);

  g_clear_handle_id (&self->scroll_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), DV_APP_TYPE_CHAIN_PANEL);
  /* Template children without an id are not unparented by the above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->graph, dv_graph_unref);

  G_OBJECT_CLASS (dv_app_chain_panel_parent_class)->dispose (object);
}

static void
dv_app_chain_panel_class_init (DvAppChainPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dv_app_chain_panel_dispose;

  signals[SYMBOL_ACTIVATED] =
    g_signal_new ("symbol-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  g_type_ensure (DV_APP_TYPE_CHAIN_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/DepView/ui/dv-app-chain-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, DvAppChainPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, DvAppChainPanel, title_label);
  gtk_widget_class_bind_template_child (widget_class, DvAppChainPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DvAppChainPanel, footnote_label);
  gtk_widget_class_bind_template_child (widget_class, DvAppChainPanel, chain_view);
  gtk_widget_class_bind_template_child (widget_class, DvAppChainPanel, chain_scroller);
  gtk_widget_class_bind_template_child (widget_class, DvAppChainPanel, chain_store);
  gtk_widget_class_bind_template_child (widget_class, DvAppChainPanel, display_store);
  gtk_widget_class_bind_template_callback (widget_class, chain_activate_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dvchainpanel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
dv_app_chain_panel_init (DvAppChainPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Keep-alive chain"),
                                  -1);
}

void
dv_app_chain_panel_set_graph (DvAppChainPanel *self,
                              DvGraph         *graph)
{
  g_return_if_fail (DV_APP_IS_CHAIN_PANEL (self));

  dv_app_chain_panel_clear (self);
  if (graph != NULL)
    dv_graph_ref (graph);
  g_clear_pointer (&self->graph, dv_graph_unref);
  self->graph = graph;
}

static void
dv_app_chain_panel_set_footnote (DvAppChainPanel *self,
                                 const char      *text)
{
  gtk_label_set_text (self->footnote_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->footnote_label), TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->summary_label), NULL);
}

/* The name escaped and in bold, for a translated title around it. */
static char *
bold_name (const char *name)
{
  g_autofree char *escaped = g_markup_escape_text (name, -1);

  return g_strdup_printf ("<b>%s</b>", escaped);
}

static void
set_title_markup (DvAppChainPanel *self,
                  char            *markup)
{
  gtk_label_set_markup (self->title_label, markup);
  g_free (markup);
}

/* A package's import chain in one line: the inittasks after the runtime's
 * start-up, "a → b → c"; from Go 1.21 the root go:main.inittasks only. */
static char *
import_chain_text (DvGraph *graph,
                   GArray  *chain)
{
  GString *out = g_string_new (NULL);
  guint first = 0;

  /* skip the start-up every chain shares, up to main's inittask */
  for (guint i = 0; i < chain->len; i++)
    if (g_str_has_suffix (dv_graph_symbol_name (graph, g_array_index (chain, DvChainStep, i).symbol), "inittasks")
        || g_str_has_prefix (dv_graph_symbol_name (graph, g_array_index (chain, DvChainStep, i).symbol), "main."))
      {
        first = i;
        break;
      }
  for (guint i = first; i < chain->len; i++)
    {
      const char *name = dv_graph_symbol_name (graph, g_array_index (chain, DvChainStep, i).symbol);
      if (i > first)
        g_string_append (out, " → ");
      g_string_append (out, name);
    }
  if (chain->len - first == 2 && g_str_has_suffix (dv_graph_symbol_name (graph, g_array_index (chain, DvChainStep, first).symbol), "main.inittasks"))
    {
      g_string_append (out, " ");
      g_string_append (out, _("(Go 1.21 and later do not record which package imports it)"));
    }
  return g_string_free (out, FALSE);
}

/* names, comma-separated, for a sentence that lists them */
static char *
join_names (GPtrArray *names)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, g_ptr_array_index (names, i));
    }
  return g_string_free (out, FALSE);
}

/* The answers with no chain at all, in depview-cli's words (format_text):
 * a function with only a DWARF entry (inlined), and a path only symbols
 * that prove nothing carry (not linked). No rows. */
static void
show_no_chain (DvAppChainPanel   *self,
               const DvWhyAnswer *answer)
{
  g_autofree char *name = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *footnote = NULL;

  if (answer->is_inlined)
    {
      const char *entry = dv_graph_symbol_name (self->graph, answer->target);

      name = bold_name (answer->function != NULL ? answer->function : entry);
      set_title_markup (self, g_strdup_printf (_("%s is not in the binary as code"), name));
      summary = g_strdup_printf (_("It was probably inlined wherever it is called. The dump holds "
                                   "only %s, the DWARF entry of its inlined copies."), entry);
      if (answer->inlined_into == NULL || answer->inlined_into->len == 0)
        footnote = g_strdup (_("The dump does not say where it was inlined: the linker printed that "
                               "entry for the unnamed DWARF entries of the functions that hold it."));
      else
        {
          g_autofree char *into = join_names (answer->inlined_into);
          footnote = g_strdup_printf (_("Inlined into: %s"), into);
        }
    }
  else
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autofree char *joined = NULL;

      for (guint i = 0; answer->named_by != NULL && i < answer->named_by->len; i++)
        g_ptr_array_add (names, (gpointer) dv_graph_symbol_name (self->graph,
                                                                 g_array_index (answer->named_by, DvSymbolId, i)));
      joined = join_names (names);
      name = bold_name (answer->package_path);
      set_title_markup (self, g_strdup_printf (_("Package %s is not linked into this binary"), name));
      summary = g_strdup_printf (_("No function, variable or type of it is live. Only symbols whose "
                                   "name proves nothing carry its name: %s"), joined);
      footnote = g_strdup (_("The linker merges such symbols by content and keeps the name of whichever "
                             "copy it met first, or they are debug entries."));
    }
  dv_app_chain_panel_fill (self, NULL, FALSE);
  gtk_label_set_text (self->summary_label, summary);
  dv_app_chain_panel_set_footnote (self, footnote);
  gtk_stack_set_visible_child_name (self->stack, "chain");
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

/* The same answer depview-cli prints, as rows. */
void
dv_app_chain_panel_set_answer (DvAppChainPanel   *self,
                               const DvWhyAnswer *answer_ptr)
{
  const DvWhyAnswer answer = *answer_ptr;
  g_autofree char *name = NULL;
  g_autofree char *target = NULL;
  g_autofree char *summary = NULL;

  g_return_if_fail (DV_APP_IS_CHAIN_PANEL (self));
  g_return_if_fail (self->graph != NULL);

  self->reachable = answer.chain != NULL;

  /* no linked package has the path: no package id */
  if (answer.is_inlined || (answer.is_package && answer.package == DV_PACKAGE_NONE))
    {
      show_no_chain (self, &answer);
      return;
    }

  if (answer.target != DV_SYMBOL_NONE)
    target = bold_name (dv_graph_symbol_name (self->graph, answer.target));

  if (answer.is_package)
    {
      name = bold_name (dv_graph_package_name (self->graph, answer.package));
      set_title_markup (self, g_strdup_printf (_("Why package %s is in the binary"), name));
    }
  else if (self->reachable)
    set_title_markup (self, g_strdup_printf (_("Why %s is in the binary"), target));
  else
    set_title_markup (self, g_strdup_printf (_("%s has no recorded path from the root"), target));

  if (answer.chain != NULL && answer.is_package && answer.code_chain != NULL
      && answer.code_target != answer.target)
    {
      /* Two answers: which code uses it (the rows), and the import or
       * initialisation chain (in words; from Go 1.21 it is only
       * go:main.inittasks, which says nothing of the importers). */
      guint n = answer.code_chain->len;
      g_autofree char *imports = import_chain_text (self->graph, answer.chain);

      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u of its %u symbols are live. Code chain, which code uses it: %s, %u step from the root “_”. Import chain: %s",
                                              "%u of its %u symbols are live. Code chain, which code uses it: %s, %u steps from the root “_”. Import chain: %s",
                                              n),
                                 dv_graph_package_n_reachable (self->graph, answer.package),
                                 dv_graph_package_n_symbols (self->graph, answer.package),
                                 dv_graph_symbol_name (self->graph, answer.code_target), n, imports);
      dv_app_chain_panel_fill (self, answer.code_chain, TRUE);
    }
  else if (answer.chain != NULL)
    {
      guint n = answer.chain->len;

      if (answer.is_package && answer.link == DV_PACKAGE_LINK_TYPES_ONLY)
        summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "Types only: no code of it is live. %u of its %u symbols are live; the nearest, %s, is %u step from the root “_”",
                                                "Types only: no code of it is live. %u of its %u symbols are live; the nearest, %s, is %u steps from the root “_”",
                                                n),
                                   dv_graph_package_n_reachable (self->graph, answer.package),
                                   dv_graph_package_n_symbols (self->graph, answer.package),
                                   dv_graph_symbol_name (self->graph, answer.target), n);
      else if (answer.is_package)
        summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u of its %u symbols are live; the nearest, %s, is %u step from the root “_”",
                                                "%u of its %u symbols are live; the nearest, %s, is %u steps from the root “_”",
                                                n),
                                   dv_graph_package_n_reachable (self->graph, answer.package),
                                   dv_graph_package_n_symbols (self->graph, answer.package),
                                   dv_graph_symbol_name (self->graph, answer.target), n);
      else
        summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u step from the root “_”, root side first",
                                                "%u steps from the root “_”, root side first", n), n);
      dv_app_chain_panel_fill (self, answer.chain, TRUE);
    }
  else
    {
      guint n = answer.ancestors ? answer.ancestors->len : 0;

      if (answer.is_package && answer.target == DV_SYMBOL_NONE)
        summary = g_strdup (_("No symbol of this package has a recorded path from the root."));
      else if (answer.is_package)
        summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "No symbol of this package has a recorded path from the root. %s has %u known ancestor, nearest first:",
                                                "No symbol of this package has a recorded path from the root. %s has %u known ancestors, nearest first:",
                                                n),
                                   dv_graph_symbol_name (self->graph, answer.target), n);
      else if (n == 0)
        summary = g_strdup (_("The dump records no parent for it."));
      else
        summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "Its %u known ancestor, nearest first:",
                                                "Its %u known ancestors, nearest first:", n), n);
      dv_app_chain_panel_fill (self, answer.ancestors, FALSE);
    }

  gtk_label_set_text (self->summary_label, summary);
  /* Say what a chain is, and what it is not: for a chain on the summary's
   * tooltip, so the rows get the room. */
  if (answer.chain != NULL)
    {
      const char *note = _("This is the shortest chain over the reasons the linker recorded; the linker "
                           "records only the first reason it found for each symbol, so other chains may keep it too.");
      gtk_label_set_text (self->footnote_label, note);
      gtk_widget_set_visible (GTK_WIDGET (self->footnote_label), FALSE);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->summary_label), note);
    }
  else
    dv_app_chain_panel_set_footnote (self,
                        _("The linker records only the first reason it found for each symbol. A symbol with no "
                          "recorded path was made live by something the dump does not show, such as DWARF "
                          "entries hanging off an unnamed parent."));
  gtk_stack_set_visible_child_name (self->stack, "chain");
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

void
dv_app_chain_panel_clear (DvAppChainPanel *self)
{
  g_return_if_fail (DV_APP_IS_CHAIN_PANEL (self));

  self->reachable = FALSE;
  dv_app_chain_panel_fill (self, NULL, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  /* nothing to say: the graph above has the room and the one empty state */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GListModel *
dv_app_chain_panel_get_model (DvAppChainPanel *self)
{
  g_return_val_if_fail (DV_APP_IS_CHAIN_PANEL (self), NULL);
  return G_LIST_MODEL (self->chain_store);
}

gboolean
dv_app_chain_panel_get_reachable (DvAppChainPanel *self)
{
  g_return_val_if_fail (DV_APP_IS_CHAIN_PANEL (self), FALSE);
  return self->reachable;
}

GListModel *
dv_app_chain_panel_get_shown_model (DvAppChainPanel *self)
{
  g_return_val_if_fail (DV_APP_IS_CHAIN_PANEL (self), NULL);
  return G_LIST_MODEL (self->display_store);
}

void
dv_app_chain_panel_set_startup_expanded (DvAppChainPanel *self,
                                         gboolean         expanded)
{
  g_return_if_fail (DV_APP_IS_CHAIN_PANEL (self));

  expanded = !!expanded;
  if (self->n_startup == 0 || expanded == self->startup_expanded)
    return;
  self->startup_expanded = expanded;
  dv_app_chain_panel_show_rows (self);
  dv_app_chain_panel_scroll_to_end (self);
}

gboolean
dv_app_chain_panel_get_startup_expanded (DvAppChainPanel *self)
{
  g_return_val_if_fail (DV_APP_IS_CHAIN_PANEL (self), FALSE);
  return self->startup_expanded;
}
