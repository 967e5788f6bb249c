/* dv-app-sidebar.c: searching never blocks: the filter models run
 * incrementally, and a narrower search re-checks only the current matches. */
#define G_LOG_DOMAIN "depview"

#include "config.h"

#include <glib/gi18n.h>

#include "dv-app-name-filter.h"
#include "dv-app-package-row.h"
#include "dv-app-sidebar.h"
#include "dv-app-symbol-cell.h"
#include "dv-app-symbol-list.h"
#include "dv-app-symbol-row.h"
#include "dv-app-timings.h"

struct _DvAppSidebar
{
  GtkWidget           parent_instance;

  /* template */
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkListView        *symbol_view;
  GtkWidget          *package_header;
  GtkWidget          *kind_header;
  GtkWidget          *flags_header;
  GtkColumnViewColumn *package_name_column;
  GtkColumnViewColumn *package_symbols_column;
  GtkSingleSelection *symbol_selection;
  GtkColumnView      *package_view;
  GtkColumnViewColumn *package_live_column;
  GtkSingleSelection *package_selection;
  GtkFilterListModel *package_filter_model;
  DvAppNameFilter    *package_filter;
  GtkLabel           *count_label;
  GtkSpinner         *search_spinner;
  GtkCheckButton     *hide_metadata_check;

  DvAppSymbolList    *symbols;
  GListStore         *packages; /* shown once the Packages page is */
  DvGraph            *graph;
  gint64              search_started;
  gboolean            search_watched; /* this search started the stall watch */
};

enum {
  PROP_0,
  PROP_HIDE_METADATA,
  N_PROPS
};

enum {
  SYMBOL_SELECTED,
  PACKAGE_SELECTED,
  SEARCH_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Cells of the package list, made in code: a list view keeps 200 rows
 * alive, and builder-template cells cost several times more to create. */
typedef enum {
  CELL_PACKAGE_NAME,
  CELL_PACKAGE_LIVE,
  CELL_PACKAGE_SYMBOLS,
} CellKind;

G_DEFINE_FINAL_TYPE (DvAppSidebar, dv_app_sidebar, GTK_TYPE_WIDGET)

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  CellKind kind = GPOINTER_TO_UINT (data);
  GtkInscription *cell = GTK_INSCRIPTION (gtk_inscription_new (NULL));

  switch (kind)
    {
    case CELL_PACKAGE_NAME:
      gtk_inscription_set_min_chars (cell, 12);
      gtk_inscription_set_text_overflow (cell, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_START);
      break;
    case CELL_PACKAGE_LIVE:
    case CELL_PACKAGE_SYMBOLS:
      gtk_inscription_set_xalign (cell, 1.0);
      gtk_widget_add_css_class (GTK_WIDGET (cell), "numeric");
      if (kind == CELL_PACKAGE_SYMBOLS)
        gtk_widget_add_css_class (GTK_WIDGET (cell), "dim-label");
      break;
    default:
      break;
    }
  gtk_list_item_set_child (item, GTK_WIDGET (cell));
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  CellKind kind = GPOINTER_TO_UINT (data);
  GtkInscription *cell = GTK_INSCRIPTION (gtk_list_item_get_child (item));
  gpointer row = gtk_list_item_get_item (item);
  char number[16];

  switch (kind)
    {
    case CELL_PACKAGE_NAME:
      gtk_inscription_set_text (cell, dv_app_package_row_get_name (row));
      gtk_widget_set_tooltip_text (GTK_WIDGET (cell), dv_app_package_row_get_name (row));
      break;
    case CELL_PACKAGE_LIVE:
      g_snprintf (number, sizeof number, "%u", dv_app_package_row_get_n_reachable (row));
      gtk_inscription_set_text (cell, number);
      break;
    case CELL_PACKAGE_SYMBOLS:
      g_snprintf (number, sizeof number, "%u", dv_app_package_row_get_n_symbols (row));
      gtk_inscription_set_text (cell, number);
      break;
    default:
      break;
    }
}

static void
set_cell_factory (GtkColumnViewColumn *column,
                  CellKind             kind)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GUINT_TO_POINTER (kind));
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GUINT_TO_POINTER (kind));
  gtk_column_view_column_set_factory (column, factory);
  g_object_unref (factory);
}

/* The symbol browser's rows: one drawn widget each. */
static void
symbol_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  data)
{
  gtk_list_item_set_child (item, dv_app_symbol_cell_new ());
}

static void
symbol_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  data)
{
  dv_app_symbol_cell_set_row (DV_APP_SYMBOL_CELL (gtk_list_item_get_child (item)),
                              gtk_list_item_get_item (item));
}

static void
symbol_unbind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  data)
{
  dv_app_symbol_cell_set_row (DV_APP_SYMBOL_CELL (gtk_list_item_get_child (item)), NULL);
}

static void
dv_app_sidebar_update_count (DvAppSidebar *self)
{
  g_autofree char *text = NULL;
  guint shown, total;
  gboolean pending;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "packages") == 0)
    {
      shown = g_list_model_get_n_items (G_LIST_MODEL (self->package_filter_model));
      total = self->graph ? dv_graph_get_n_packages (self->graph) : 0;
      pending = gtk_filter_list_model_get_pending (self->package_filter_model) > 0;
      if (shown == total)
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u package", "%'u packages", total), total);
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u of %'u package", "%'u of %'u packages", total),
                                shown, total);
    }
  else
    {
      shown = g_list_model_get_n_items (G_LIST_MODEL (self->symbols));
      total = dv_app_symbol_list_get_n_total (self->symbols);
      pending = dv_app_symbol_list_get_pending (self->symbols);
      if (shown == total)
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u symbol", "%'u symbols", total), total);
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u of %'u symbol", "%'u of %'u symbols", total),
                                shown, total);
    }

  gtk_label_set_text (self->count_label, text);
  gtk_spinner_set_spinning (self->search_spinner, pending);
  gtk_widget_set_visible (GTK_WIDGET (self->search_spinner), pending);
}

static void
filter_items_changed_cb (DvAppSidebar *self)
{
  dv_app_sidebar_update_count (self);
}

static void
filter_pending_cb (DvAppSidebar *self)
{
  dv_app_sidebar_update_count (self);

  if (self->search_started != 0 && !dv_app_symbol_list_get_pending (self->symbols))
    {
      dv_app_timings_mark ("search “%s”: %u matches after %.1f ms",
                           dv_app_symbol_list_get_search (self->symbols),
                           g_list_model_get_n_items (G_LIST_MODEL (self->symbols)),
                           (g_get_monotonic_time () - self->search_started) / 1000.0);
      self->search_started = 0;
      if (self->search_watched)
        dv_app_stall_watch_end ();
      self->search_watched = FALSE;
    }
}

static void
search_changed_cb (DvAppSidebar   *self,
                   GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (dv_app_timings_get_enabled () && self->graph != NULL)
    {
      self->search_started = g_get_monotonic_time ();
      self->search_watched = self->search_watched || dv_app_stall_watch_begin ("search");
    }

  dv_app_symbol_list_set_search (self->symbols, text);
  dv_app_name_filter_set_search (self->package_filter, text);

  /* An unpending model reports nothing more: close the measurement here. */
  filter_pending_cb (self);
}

static void
search_activate_cb (DvAppSidebar   *self,
                    GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (text[0] != '\0')
    g_signal_emit (self, signals[SEARCH_ACTIVATED], 0, text);
}

static void
stop_search_cb (DvAppSidebar   *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
symbol_selected_cb (DvAppSidebar       *self,
                    GParamSpec         *pspec,
                    GtkSingleSelection *selection)
{
  DvAppSymbolRow *row = gtk_single_selection_get_selected_item (selection);

  if (row != NULL)
    g_signal_emit (self, signals[SYMBOL_SELECTED], 0, dv_app_symbol_row_get_id (row));
}

static void
package_selected_cb (DvAppSidebar       *self,
                     GParamSpec         *pspec,
                     GtkSingleSelection *selection)
{
  DvAppPackageRow *row = gtk_single_selection_get_selected_item (selection);

  if (row != NULL)
    g_signal_emit (self, signals[PACKAGE_SELECTED], 0, dv_app_package_row_get_id (row));
}

/* A list view creates 200 rows even while hidden: the package list gets
 * its model only when it is first shown, to keep that off the load. */
static void
dv_app_sidebar_attach_packages (DvAppSidebar *self)
{
  GListModel *model = G_LIST_MODEL (self->packages);

  if (gtk_filter_list_model_get_model (self->package_filter_model) != model)
    gtk_filter_list_model_set_model (self->package_filter_model, model);
}

static void
stack_page_changed_cb (DvAppSidebar *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "packages") == 0)
    dv_app_sidebar_attach_packages (self);
  dv_app_sidebar_update_count (self);
}

static void
hide_metadata_toggled_cb (DvAppSidebar   *self,
                          GtkCheckButton *check)
{
  dv_app_sidebar_set_hide_metadata (self, gtk_check_button_get_active (check));
}

static void
dv_app_sidebar_dispose (GObject *object)
{
  GtkWidget *child;
  DvAppSidebar *self = DV_APP_SIDEBAR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DV_APP_TYPE_SIDEBAR);
  /* Template children without an id are not unparented by the above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->symbols);
  g_clear_object (&self->packages);
  g_clear_pointer (&self->graph, dv_graph_unref);

  G_OBJECT_CLASS (dv_app_sidebar_parent_class)->dispose (object);
}

static void
dv_app_sidebar_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DvAppSidebar *self = DV_APP_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_HIDE_METADATA:
      g_value_set_boolean (value, dv_app_sidebar_get_hide_metadata (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dv_app_sidebar_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DvAppSidebar *self = DV_APP_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_HIDE_METADATA:
      dv_app_sidebar_set_hide_metadata (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dv_app_sidebar_class_init (DvAppSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dv_app_sidebar_dispose;
  object_class->get_property = dv_app_sidebar_get_property;
  object_class->set_property = dv_app_sidebar_set_property;

  properties[PROP_HIDE_METADATA] =
    g_param_spec_boolean ("hide-metadata", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SYMBOL_SELECTED] =
    g_signal_new ("symbol-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[PACKAGE_SELECTED] =
    g_signal_new ("package-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[SEARCH_ACTIVATED] =
    g_signal_new ("search-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (DV_APP_TYPE_NAME_FILTER);
  g_type_ensure (DV_APP_TYPE_SYMBOL_ROW);
  g_type_ensure (DV_APP_TYPE_PACKAGE_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/DepView/ui/dv-app-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, symbol_view);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, symbol_selection);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, package_view);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, package_live_column);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, package_header);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, kind_header);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, flags_header);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, package_name_column);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, package_symbols_column);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, package_selection);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, package_filter_model);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, package_filter);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, count_label);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, search_spinner);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, hide_metadata_check);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, symbol_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, package_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_items_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_pending_cb);
  gtk_widget_class_bind_template_callback (widget_class, stack_page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, hide_metadata_toggled_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dvsidebar");
}

static void
dv_app_sidebar_init (DvAppSidebar *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (symbol_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (symbol_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (symbol_unbind_cb), NULL);
  gtk_list_view_set_factory (self->symbol_view, factory);
  g_object_unref (factory);
  gtk_widget_set_size_request (self->package_header, DV_APP_SYMBOL_CELL_PACKAGE_WIDTH, -1);
  gtk_widget_set_size_request (self->kind_header, DV_APP_SYMBOL_CELL_KIND_WIDTH, -1);
  gtk_widget_set_size_request (self->flags_header, DV_APP_SYMBOL_CELL_FLAGS_WIDTH, -1);

  set_cell_factory (self->package_name_column, CELL_PACKAGE_NAME);
  set_cell_factory (self->package_live_column, CELL_PACKAGE_LIVE);
  set_cell_factory (self->package_symbols_column, CELL_PACKAGE_SYMBOLS);

  self->symbols = dv_app_symbol_list_new ();
  g_signal_connect_object (self->symbols, "items-changed", G_CALLBACK (filter_items_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->symbols, "notify::pending", G_CALLBACK (filter_pending_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_single_selection_set_model (self->symbol_selection, G_LIST_MODEL (self->symbols));
  self->packages = g_list_store_new (DV_APP_TYPE_PACKAGE_ROW);

  gtk_column_view_sort_by_column (self->package_view, self->package_live_column, GTK_SORT_DESCENDING);
  dv_app_sidebar_update_count (self);
}

void
dv_app_sidebar_set_graph (DvAppSidebar *self,
                          DvGraph      *graph)
{
  g_return_if_fail (DV_APP_IS_SIDEBAR (self));

  if (graph != NULL)
    dv_graph_ref (graph);
  g_clear_pointer (&self->graph, dv_graph_unref);
  self->graph = graph;

  dv_app_symbol_list_set_graph (self->symbols, graph);
  g_clear_object (&self->packages);
  self->packages = dv_app_package_rows_new (graph);
  gtk_filter_list_model_set_model (self->package_filter_model, NULL);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "packages") == 0)
    dv_app_sidebar_attach_packages (self);
  gtk_single_selection_set_selected (self->symbol_selection, GTK_INVALID_LIST_POSITION);
  gtk_single_selection_set_selected (self->package_selection, GTK_INVALID_LIST_POSITION);
  dv_app_sidebar_update_count (self);
}

void
dv_app_sidebar_focus_search (DvAppSidebar *self)
{
  g_return_if_fail (DV_APP_IS_SIDEBAR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

void
dv_app_sidebar_set_search_text (DvAppSidebar *self,
                                const char   *text)
{
  g_return_if_fail (DV_APP_IS_SIDEBAR (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
}

void
dv_app_sidebar_set_hide_metadata (DvAppSidebar *self,
                                  gboolean      hide)
{
  g_return_if_fail (DV_APP_IS_SIDEBAR (self));

  hide = !!hide;
  if (hide == dv_app_symbol_list_get_hide_metadata (self->symbols))
    return;

  dv_app_symbol_list_set_hide_metadata (self->symbols, hide);
  gtk_check_button_set_active (self->hide_metadata_check, hide);
  dv_app_sidebar_update_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDE_METADATA]);
}

gboolean
dv_app_sidebar_get_hide_metadata (DvAppSidebar *self)
{
  g_return_val_if_fail (DV_APP_IS_SIDEBAR (self), TRUE);
  return dv_app_symbol_list_get_hide_metadata (self->symbols);
}

void
dv_app_sidebar_show_page (DvAppSidebar *self,
                          const char   *page)
{
  g_return_if_fail (DV_APP_IS_SIDEBAR (self));
  gtk_stack_set_visible_child_name (self->stack, page);
}

GtkSearchEntry *
dv_app_sidebar_get_search_entry (DvAppSidebar *self)
{
  g_return_val_if_fail (DV_APP_IS_SIDEBAR (self), NULL);
  return self->search_entry;
}

DvAppSymbolList *
dv_app_sidebar_get_symbol_model (DvAppSidebar *self)
{
  g_return_val_if_fail (DV_APP_IS_SIDEBAR (self), NULL);
  return self->symbols;
}

GtkSingleSelection *
dv_app_sidebar_get_symbol_selection (DvAppSidebar *self)
{
  g_return_val_if_fail (DV_APP_IS_SIDEBAR (self), NULL);
  return self->symbol_selection;
}

GtkSingleSelection *
dv_app_sidebar_get_package_selection (DvAppSidebar *self)
{
  g_return_val_if_fail (DV_APP_IS_SIDEBAR (self), NULL);
  dv_app_sidebar_attach_packages (self);
  return self->package_selection;
}
