/* dv-app-sidebar.c: searching never blocks: the filter models run
 * incrementally, and a narrower search re-checks only the current matches.
 * Marks follow the highlight without touching the models: only the rows
 * bound to widgets (a few hundred) are marked again when it changes. */
#define G_LOG_DOMAIN "depview"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "dv-app-document.h"
#include "dv-app-name-filter.h"
#include "dv-app-package-row.h"
#include "dv-app-sidebar.h"
#include "dv-app-symbol-cell.h"
#include "dv-app-symbol-list.h"
#include "dv-app-symbol-row.h"
#include "dv-app-timings.h"
#include "dv-format-cost.h"

struct _DvAppSidebar
{
  GtkWidget           parent_instance;

  /* template */
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkScrolledWindow  *symbol_scroller;
  GtkColumnView      *symbol_view;
  GtkColumnViewColumn *symbol_name_column;
  GtkColumnViewColumn *symbol_kind_column;
  GtkColumnViewColumn *symbol_size_column;
  GtkColumnViewColumn *symbol_retained_column;
  GtkSortListModel   *symbol_sort_model;
  GtkWidget          *suggestion_box;
  GtkLabel           *suggestion_label;
  GtkWidget          *suggestion_buttons;
  GtkColumnViewColumn *package_name_column;
  GtkColumnViewColumn *package_symbols_column;
  GtkSingleSelection *symbol_selection;
  GtkColumnView      *package_view;
  GtkColumnViewColumn *package_live_column;
  GtkColumnViewColumn *package_size_column;
  GtkColumnViewColumn *package_retained_column;
  GtkSingleSelection *package_selection;
  GtkFilterListModel *package_filter_model;
  DvAppNameFilter    *package_filter;
  gboolean            packages_shown; /* searched as typed; else when shown */
  GtkLabel           *count_label;
  GtkSpinner         *search_spinner;
  GtkCheckButton     *hide_metadata_check;
  GtkWidget          *mark_bar;
  GtkLabel           *mark_pill;
  GtkLabel           *mark_label;
  GtkToggleButton    *only_marked_button;
  GtkCustomFilter    *package_mark_filter;

  DvAppSymbolList    *symbols;
  GListStore         *packages; /* shown once the Packages page is */
  DvGraph            *graph;
  DvCost             *cost;     /* as set; shown only when of graph */
  DvAppHighlight     *highlight; /* rows it marks are marked, or NULL */
  GHashTable         *bound_symbol_cells;  /* name cells with a row: the ones to mark again */
  GHashTable         *bound_package_items; /* GtkListItem of package name cells, bound */
  gboolean            only_marked;     /* asked for; applied while something is marked */
  gboolean            package_only_on; /* package_mark_filter has its function */
  gint64              search_started;
  gboolean            search_watched; /* this search started the stall watch */
  gboolean            sorted_to_top;  /* a new sort order: back to the top once it lands */
  guint               scroll_tick;    /* tick callback id on symbol_view */
  guint               scroll_ticks;
  guint               package_scroll_tick;
  guint               package_scroll_ticks;
};

enum {
  PROP_0,
  PROP_HIDE_METADATA,
  PROP_COST,
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
  CELL_PACKAGE_SIZE,
  CELL_PACKAGE_RETAINED,
} CellKind;

G_DEFINE_FINAL_TYPE (DvAppSidebar, dv_app_sidebar, GTK_TYPE_WIDGET)

static void dv_app_sidebar_step_aside (DvAppSidebar *self);
static void dv_app_sidebar_show_cost (DvAppSidebar *self, gboolean new_packages);
static void show_column (GtkColumnView *view, GtkColumnViewColumn *column, gboolean show);
static void dv_app_sidebar_mark_package_item (DvAppSidebar *self, GtkListItem *item);
static void dv_app_sidebar_update_count (DvAppSidebar *self);

/* The package name's tooltip is its text, or what its mark says
 * ("dv-tooltip"), asked for when shown: setting a tooltip text on every
 * bind makes GTK 4.8 ask the X server where the pointer is
 * (gtk_widget_trigger_tooltip_query), a round trip a row. */
static gboolean
name_query_tooltip_cb (GtkWidget  *widget,
                       int         x,
                       int         y,
                       gboolean    keyboard,
                       GtkTooltip *tooltip,
                       gpointer    data)
{
  const char *text = g_object_get_data (G_OBJECT (widget), "dv-tooltip");

  if (text == NULL)
    text = gtk_inscription_get_text (GTK_INSCRIPTION (widget));

  if (text == NULL || text[0] == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

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
      {
        /* the name, and after it the pill of a marked package (hidden) */
        GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
        GtkWidget *pill = gtk_label_new (NULL);

        /* the start of a path says whose it is: never cut there */
        gtk_inscription_set_min_chars (cell, 12);
        gtk_inscription_set_text_overflow (cell, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
        gtk_widget_set_hexpand (GTK_WIDGET (cell), TRUE);
        gtk_widget_set_has_tooltip (GTK_WIDGET (cell), TRUE);
        g_signal_connect (cell, "query-tooltip", G_CALLBACK (name_query_tooltip_cb), NULL);
        gtk_widget_add_css_class (box, "package-name");
        gtk_widget_add_css_class (pill, "mark-pill");
        gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
        gtk_widget_set_visible (pill, FALSE);
        gtk_box_append (GTK_BOX (box), GTK_WIDGET (cell));
        gtk_box_append (GTK_BOX (box), pill);
        gtk_list_item_set_child (item, box);
        return;
      }
    case CELL_PACKAGE_LIVE:
    case CELL_PACKAGE_SYMBOLS:
    case CELL_PACKAGE_SIZE:
    case CELL_PACKAGE_RETAINED:
      gtk_inscription_set_xalign (cell, 1.0);
      gtk_widget_add_css_class (GTK_WIDGET (cell), "numeric");
      if (kind == CELL_PACKAGE_SYMBOLS || kind == CELL_PACKAGE_RETAINED)
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
  GtkInscription *cell;
  gpointer row = gtk_list_item_get_item (item);
  char number[16];

  if (kind == CELL_PACKAGE_NAME)
    cell = GTK_INSCRIPTION (gtk_widget_get_first_child (gtk_list_item_get_child (item)));
  else
    cell = GTK_INSCRIPTION (gtk_list_item_get_child (item));

  switch (kind)
    {
    case CELL_PACKAGE_NAME:
      gtk_inscription_set_text (cell, dv_app_package_row_get_name (row));
      break;
    case CELL_PACKAGE_LIVE:
      g_snprintf (number, sizeof number, "%u", dv_app_package_row_get_n_reachable (row));
      gtk_inscription_set_text (cell, number);
      break;
    case CELL_PACKAGE_SYMBOLS:
      g_snprintf (number, sizeof number, "%u", dv_app_package_row_get_n_symbols (row));
      gtk_inscription_set_text (cell, number);
      break;
    case CELL_PACKAGE_SIZE:
    case CELL_PACKAGE_RETAINED:
      {
        g_autofree char *bytes = dv_format_bytes (kind == CELL_PACKAGE_SIZE
                                                  ? dv_app_package_row_get_size (row)
                                                  : dv_app_package_row_get_retained (row));
        gtk_inscription_set_text (cell, bytes);
      }
      break;
    default:
      break;
    }
}

/* Sorting the symbols: by what a row shows, then by the full name, so an
 * order is total and does not depend on the search that made the list. */
static int
compare_full_names (DvAppSymbolRow *a,
                    DvAppSymbolRow *b)
{
  return strcmp (dv_app_symbol_row_get_name (a), dv_app_symbol_row_get_name (b));
}

static int
compare_short_names_cb (gconstpointer a,
                        gconstpointer b,
                        gpointer      data)
{
  int c = strcmp (dv_app_symbol_row_get_short_name ((DvAppSymbolRow *) a),
                  dv_app_symbol_row_get_short_name ((DvAppSymbolRow *) b));

  return c != 0 ? c : compare_full_names ((DvAppSymbolRow *) a, (DvAppSymbolRow *) b);
}

static int
compare_flags_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      data)
{
  DvAppSymbolRow *ra = (DvAppSymbolRow *) a, *rb = (DvAppSymbolRow *) b;
  guint fa = dv_graph_symbol_flags (dv_app_symbol_row_get_graph (ra), dv_app_symbol_row_get_id (ra));
  guint fb = dv_graph_symbol_flags (dv_app_symbol_row_get_graph (rb), dv_app_symbol_row_get_id (rb));

  if (fa != fb)
    return fa < fb ? -1 : 1;
  return compare_short_names_cb (a, b, data);
}

static int
compare_kinds_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      data)
{
  int c = g_utf8_collate (dv_app_symbol_row_get_kind ((DvAppSymbolRow *) a),
                          dv_app_symbol_row_get_kind ((DvAppSymbolRow *) b));

  return c != 0 ? c : compare_flags_cb (a, b, data);
}

/* Sizes: largest first when the column is chosen (GTK sorts ascending on
 * the first click), so these compare the other way round. */
static int
compare_bytes (guint64 a,
               guint64 b)
{
  return a > b ? -1 : a < b ? 1 : 0;
}

static int
compare_sizes_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      data)
{
  int c = compare_bytes (dv_app_symbol_row_get_size ((DvAppSymbolRow *) a),
                         dv_app_symbol_row_get_size ((DvAppSymbolRow *) b));

  return c != 0 ? c : compare_full_names ((DvAppSymbolRow *) a, (DvAppSymbolRow *) b);
}

static int
compare_retained_cb (gconstpointer a,
                     gconstpointer b,
                     gpointer      data)
{
  int c = compare_bytes (dv_app_symbol_row_get_retained ((DvAppSymbolRow *) a),
                         dv_app_symbol_row_get_retained ((DvAppSymbolRow *) b));

  return c != 0 ? c : compare_full_names ((DvAppSymbolRow *) a, (DvAppSymbolRow *) b);
}

static int
compare_package_sizes_cb (gconstpointer a,
                          gconstpointer b,
                          gpointer      data)
{
  DvAppPackageRow *ra = (DvAppPackageRow *) a, *rb = (DvAppPackageRow *) b;
  int c = compare_bytes (dv_app_package_row_get_size (ra), dv_app_package_row_get_size (rb));

  return c != 0 ? c : strcmp (dv_app_package_row_get_name (ra), dv_app_package_row_get_name (rb));
}

static int
compare_package_retained_cb (gconstpointer a,
                             gconstpointer b,
                             gpointer      data)
{
  DvAppPackageRow *ra = (DvAppPackageRow *) a, *rb = (DvAppPackageRow *) b;
  int c = compare_bytes (dv_app_package_row_get_retained (ra), dv_app_package_row_get_retained (rb));

  return c != 0 ? c : strcmp (dv_app_package_row_get_name (ra), dv_app_package_row_get_name (rb));
}

static void
set_column_sorter (GtkColumnViewColumn *column,
                   GCompareDataFunc     compare)
{
  GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (compare, NULL, NULL));

  gtk_column_view_column_set_sorter (column, sorter);
  g_object_unref (sorter);
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

/* Marks */

/* The highlight marks something of the shown graph. */
static gboolean
dv_app_sidebar_has_marks (DvAppSidebar *self)
{
  return self->highlight != NULL && self->graph != NULL &&
         dv_app_highlight_get_kind (self->highlight) != DV_APP_HIGHLIGHT_NONE &&
         dv_app_highlight_get_graph (self->highlight) == self->graph;
}

/* "Only marked" narrows the lists now: every row is marked, and the
 * rows leave out their pills (the bar over the lists names the mark). */
static gboolean
dv_app_sidebar_only_marked_applies (DvAppSidebar *self)
{
  return self->only_marked && dv_app_sidebar_has_marks (self);
}

static void
dv_app_sidebar_mark_symbol_cell (DvAppSidebar    *self,
                                 DvAppSymbolCell *cell)
{
  DvAppSymbolRow *row = dv_app_symbol_cell_get_row (cell);

  dv_app_symbol_cell_set_show_pill (cell, !dv_app_sidebar_only_marked_applies (self));
  if (row != NULL &&
      dv_app_highlight_has_symbol (self->highlight, dv_app_symbol_row_get_graph (row), dv_app_symbol_row_get_id (row)))
    dv_app_symbol_cell_set_mark (cell, dv_app_highlight_get_kind (self->highlight),
                                 dv_app_highlight_get_label (self->highlight));
  else
    dv_app_symbol_cell_set_mark (cell, DV_APP_HIGHLIGHT_NONE, NULL);
}

/* A package name cell (a box of the name and its pill): the kind it shows
 * is kept on the box, so an unmarked cell bound again costs nothing. */
static void
dv_app_sidebar_mark_package_item (DvAppSidebar *self,
                                  GtkListItem  *item)
{
  DvAppPackageRow *row = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *pill = gtk_widget_get_last_child (box);
  DvAppHighlightKind was = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (box), "dv-mark"));
  DvAppHighlightKind kind = DV_APP_HIGHLIGHT_NONE;
  const char *label = NULL;

  if (row == NULL)
    return;
  gtk_widget_set_visible (pill, was != DV_APP_HIGHLIGHT_NONE && !dv_app_sidebar_only_marked_applies (self));
  if (dv_app_sidebar_has_marks (self) &&
      dv_app_highlight_has_package (self->highlight, self->graph, dv_app_package_row_get_id (row)))
    {
      kind = dv_app_highlight_get_kind (self->highlight);
      label = dv_app_highlight_get_label (self->highlight);
    }

  if (kind != was)
    {
      if (was != DV_APP_HIGHLIGHT_NONE)
        {
          gtk_widget_remove_css_class (box, dv_app_mark_css_class (was));
          gtk_widget_remove_css_class (pill, dv_app_mark_css_class (was));
        }
      if (kind != DV_APP_HIGHLIGHT_NONE)
        {
          gtk_widget_add_css_class (box, dv_app_mark_css_class (kind));
          gtk_widget_add_css_class (pill, dv_app_mark_css_class (kind));
          gtk_label_set_text (GTK_LABEL (pill), dv_app_mark_word (kind));
        }
      if (kind == DV_APP_HIGHLIGHT_NONE)
        gtk_widget_remove_css_class (box, "marked");
      else if (was == DV_APP_HIGHLIGHT_NONE)
        gtk_widget_add_css_class (box, "marked");
      gtk_widget_set_visible (pill, kind != DV_APP_HIGHLIGHT_NONE && !dv_app_sidebar_only_marked_applies (self));
      g_object_set_data (G_OBJECT (box), "dv-mark", GUINT_TO_POINTER (kind));
    }

  if (kind != DV_APP_HIGHLIGHT_NONE)
    {
      g_autofree char *text = dv_app_mark_accessible_label (dv_app_package_row_get_name (row), kind, label);
      g_autofree char *tip = g_strdup_printf ("%s\n%s", dv_app_package_row_get_name (row),
                                              label != NULL && label[0] != '\0' ? label : dv_app_mark_word (kind));

      gtk_accessible_update_property (GTK_ACCESSIBLE (name), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
      g_object_set_data_full (G_OBJECT (name), "dv-tooltip", g_steal_pointer (&tip), g_free);
    }
  else
    {
      if (was != DV_APP_HIGHLIGHT_NONE)
        gtk_accessible_reset_property (GTK_ACCESSIBLE (name), GTK_ACCESSIBLE_PROPERTY_LABEL);
      g_object_set_data (G_OBJECT (name), "dv-tooltip", NULL);
    }
}

static void
package_name_bind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      DvAppSidebar             *self)
{
  g_hash_table_add (self->bound_package_items, item);
  dv_app_sidebar_mark_package_item (self, item);
}

static void
package_name_unbind_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        DvAppSidebar             *self)
{
  g_hash_table_remove (self->bound_package_items, item);
}

/* The bar over the lists: what marks the rows, and "Only marked". */
static void
dv_app_sidebar_update_mark_bar (DvAppSidebar *self)
{
  gboolean marks = dv_app_sidebar_has_marks (self);
  DvAppHighlightKind kind = marks ? dv_app_highlight_get_kind (self->highlight) : DV_APP_HIGHLIGHT_NONE;
  const char *label = marks ? dv_app_highlight_get_label (self->highlight) : NULL;

  gtk_widget_set_visible (self->mark_bar, marks);
  gtk_widget_remove_css_class (GTK_WIDGET (self->mark_pill), "mark-added");
  gtk_widget_remove_css_class (GTK_WIDGET (self->mark_pill), "mark-keeps");
  if (!marks)
    return;
  gtk_widget_add_css_class (GTK_WIDGET (self->mark_pill), dv_app_mark_css_class (kind));
  gtk_label_set_text (self->mark_pill, dv_app_mark_word (kind));
  gtk_label_set_text (self->mark_label, label != NULL ? label : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->mark_label), label);
}

static gboolean
package_marked_cb (gpointer item,
                   gpointer data)
{
  DvAppSidebar *self = data;

  return dv_app_highlight_has_package (self->highlight, self->graph,
                                       dv_app_package_row_get_id (DV_APP_PACKAGE_ROW (item)));
}

/* "Only marked", applied: the symbol list gets a byte a symbol (checked in
 * its search thread), the package list a filter (a few thousand rows). */
static void
dv_app_sidebar_apply_only_marked (DvAppSidebar *self)
{
  gboolean on = dv_app_sidebar_only_marked_applies (self);

  if (on)
    {
      /* of this graph: only_marked_applies says so */
      dv_app_symbol_list_set_only (self->symbols, dv_app_highlight_get_symbol_mask (self->highlight));
      /* set again: the highlight may have changed */
      gtk_custom_filter_set_filter_func (self->package_mark_filter, package_marked_cb, self, NULL);
      self->package_only_on = TRUE;
    }
  else
    {
      dv_app_symbol_list_set_only (self->symbols, NULL);
      if (self->package_only_on)
        gtk_custom_filter_set_filter_func (self->package_mark_filter, NULL, NULL, NULL);
      self->package_only_on = FALSE;
    }
  dv_app_sidebar_update_count (self);
}

/* The rows on screen marked again; returns how many. */
static guint
dv_app_sidebar_mark_bound_rows (DvAppSidebar *self)
{
  GHashTableIter iter;
  gpointer key;
  guint n_rows = 0;

  g_hash_table_iter_init (&iter, self->bound_symbol_cells);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      dv_app_sidebar_mark_symbol_cell (self, key);
      n_rows++;
    }
  g_hash_table_iter_init (&iter, self->bound_package_items);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      dv_app_sidebar_mark_package_item (self, key);
      n_rows++;
    }
  return n_rows;
}

/* What the highlight marks changed, or the graph did: the rows on screen
 * are marked again, the lists keep their order and their rows (unless
 * "Only marked" narrows them). */
static void
dv_app_sidebar_update_marks (DvAppSidebar *self)
{
  gint64 start = g_get_monotonic_time ();
  guint n_rows;

  /* the toggle is hidden with nothing marked: it is off then */
  if (!dv_app_sidebar_has_marks (self))
    {
      self->only_marked = FALSE;
      gtk_toggle_button_set_active (self->only_marked_button, FALSE);
    }
  n_rows = dv_app_sidebar_mark_bound_rows (self);
  dv_app_sidebar_update_mark_bar (self);
  dv_app_sidebar_apply_only_marked (self);
  dv_app_timings_mark ("marks: %u rows marked again in %.1f ms", n_rows,
                       (g_get_monotonic_time () - start) / 1000.0);
}

static void
only_marked_toggled_cb (DvAppSidebar    *self,
                        GtkToggleButton *button)
{
  dv_app_sidebar_set_only_marked (self, gtk_toggle_button_get_active (button));
}

/* The symbol browser's rows: one drawn widget each. */
static void
symbol_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  data)
{
  GtkWidget *cell = dv_app_symbol_cell_new_for (GPOINTER_TO_UINT (data));

  if (GPOINTER_TO_UINT (data) == DV_APP_SYMBOL_CELL_NAME)
    gtk_widget_add_css_class (cell, "symbol-name");
  gtk_list_item_set_child (item, cell);
}

/* The name cell carries the row's mark; the sidebar knows the bound ones. */
static void
symbol_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                DvAppSidebar             *self)
{
  DvAppSymbolCell *cell = DV_APP_SYMBOL_CELL (gtk_list_item_get_child (item));

  dv_app_symbol_cell_set_row (cell, gtk_list_item_get_item (item));
  if (dv_app_symbol_cell_get_shows (cell) == DV_APP_SYMBOL_CELL_NAME)
    {
      g_hash_table_add (self->bound_symbol_cells, cell);
      dv_app_sidebar_mark_symbol_cell (self, cell);
    }
}

static void
symbol_unbind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  DvAppSidebar             *self)
{
  DvAppSymbolCell *cell = DV_APP_SYMBOL_CELL (gtk_list_item_get_child (item));

  dv_app_symbol_cell_set_row (cell, NULL);
  g_hash_table_remove (self->bound_symbol_cells, cell);
}

/* A new order is a new list: show its top. Without this the list view keeps
 * the row it had at the top, wherever the sort moved it. Scrolled once the
 * new order has landed and been laid out: set earlier, the list view
 * re-anchors on its old top row, or GTK warns that it has no position 0. */
/* On the second frame after the sort landed: the rows of the new order
 * have been laid out in the first, so position 0 is known to the list. */
static gboolean
scroll_symbols_to_top_tick_cb (GtkWidget     *widget,
                               GdkFrameClock *clock,
                               gpointer       data)
{
  DvAppSidebar *self = data;

  /* rows still landing in pieces: two frames after the last one */
  if (dv_app_symbol_list_get_pending (self->symbols))
    self->scroll_ticks = 0;
  if (++self->scroll_ticks < 2)
    return G_SOURCE_CONTINUE;
  self->scroll_tick = 0;
  if (g_list_model_get_n_items (G_LIST_MODEL (self->symbol_sort_model)) > 0)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->symbol_scroller), 0.0);
  return G_SOURCE_REMOVE;
}

static void
dv_app_sidebar_scroll_symbols_to_top (DvAppSidebar *self)
{
  /* disposing: the models empty themselves on the way out */
  if (self->symbol_sort_model == NULL || self->symbols == NULL)
    return;
  self->scroll_ticks = 0;
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->symbol_view),
                                                      scroll_symbols_to_top_tick_cb, self, NULL);
}

static void
symbol_sorter_changed_cb (DvAppSidebar *self)
{
  self->sorted_to_top = TRUE;
  dv_app_sidebar_scroll_symbols_to_top (self);
}

/* The list's first row shown, for the model: a new search result reaches
 * the rows there in small pieces. */
static void
symbols_scrolled_cb (DvAppSidebar *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->symbol_scroller);
  double upper = gtk_adjustment_get_upper (adjustment);
  guint n;

  if (self->symbols == NULL)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->symbols));
  dv_app_symbol_list_set_view_position (self->symbols,
                                        upper > 0 ? (guint) (gtk_adjustment_get_value (adjustment) / upper * n) : 0);
}

/* The sort landed (in one go, or after incremental steps). */
static void
symbol_sort_pending_cb (DvAppSidebar *self)
{
  if (self->sorted_to_top && gtk_sort_list_model_get_pending (self->symbol_sort_model) == 0)
    {
      self->sorted_to_top = FALSE;
      dv_app_sidebar_scroll_symbols_to_top (self);
    }
}

/* The package list likewise: a new order shows its top, two frames on. */
static gboolean
scroll_packages_to_top_tick_cb (GtkWidget     *widget,
                                GdkFrameClock *clock,
                                gpointer       data)
{
  DvAppSidebar *self = data;
  GtkWidget *scroller = gtk_widget_get_parent (widget);

  if (++self->package_scroll_ticks < 2)
    return G_SOURCE_CONTINUE;
  self->package_scroll_tick = 0;
  if (GTK_IS_SCROLLED_WINDOW (scroller))
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)), 0.0);
  return G_SOURCE_REMOVE;
}

static void
package_sorter_changed_cb (DvAppSidebar *self)
{
  if (self->package_view == NULL)
    return;
  self->package_scroll_ticks = 0;
  if (self->package_scroll_tick == 0)
    self->package_scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->package_view),
                                                              scroll_packages_to_top_tick_cb, self, NULL);
}

static void
suggestion_clicked_cb (GtkButton    *button,
                       DvAppSidebar *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "name");
  g_autofree char *query = g_strdup (name);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query);
  g_signal_emit (self, signals[SEARCH_ACTIVATED], 0, query);
  dv_app_sidebar_step_aside (self);
}

/* When nothing matches, the core's closest names, to click. */
static void
dv_app_sidebar_update_suggestions (DvAppSidebar *self)
{
  const char * const *names = dv_app_symbol_list_get_suggestions (self->symbols);
  const char *search = dv_app_symbol_list_get_search (self->symbols);
  gboolean show = names[0] != NULL && search[0] != '\0' &&
                  !dv_app_symbol_list_get_pending (self->symbols) &&
                  g_list_model_get_n_items (G_LIST_MODEL (self->symbols)) == 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->suggestion_buttons)) != NULL)
    gtk_box_remove (GTK_BOX (self->suggestion_buttons), child);
  gtk_widget_set_visible (self->suggestion_box, show);
  if (!show)
    return;

  {
    g_autofree char *text = g_strdup_printf (_("No symbol holds “%s”. Did you mean:"), search);
    gtk_label_set_text (self->suggestion_label, text);
  }
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *short_name = dv_symbol_name_readable (names[i], strlen (names[i]));
      GtkWidget *label = gtk_label_new (names[i]);
      GtkWidget *button = gtk_button_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "suggestion");
      gtk_widget_set_tooltip_text (button, short_name);
      g_object_set_data_full (G_OBJECT (button), "name", g_strdup (names[i]), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (suggestion_clicked_cb), self);
      gtk_box_append (GTK_BOX (self->suggestion_buttons), button);
    }
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
  dv_app_sidebar_update_suggestions (self);
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

  /* A new search shows its first rows: now, while the list stands still,
   * or once the rows of the last result have landed (a scroll while they
   * land loses GTK 4.8's anchor, which warns).
   * It also keeps GTK 4.8's column
   * view from drawing no rows at all when a list scrolled far down
   * shrinks below where it was (the count right, the list blank until a
   * scroll). */
  if (g_strcmp0 (text, dv_app_symbol_list_get_search (self->symbols)) != 0)
    {
      if (dv_app_symbol_list_get_pending (self->symbols))
        dv_app_sidebar_scroll_symbols_to_top (self);
      else if (g_list_model_get_n_items (G_LIST_MODEL (self->symbol_sort_model)) > 0)
        gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->symbol_scroller), 0.0);
    }
  dv_app_symbol_list_set_search (self->symbols, text);
  /* A hidden list view still rebuilds its 200 rows when its items change
   * (GTK 4.8): the package list is searched when it is shown. */
  if (self->packages_shown)
    dv_app_name_filter_set_search (self->package_filter, text);

  /* An unpending model reports nothing more: close the measurement here. */
  filter_pending_cb (self);
}

/* In a narrow window the sidebar lies over the graph: once a choice is
 * made, it moves out of the way of the answer. */
static void
dv_app_sidebar_step_aside (DvAppSidebar *self)
{
  GtkWidget *flap = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_FLAP);

  if (flap != NULL && adw_flap_get_folded (ADW_FLAP (flap)))
    adw_flap_set_reveal_flap (ADW_FLAP (flap), FALSE);
}

static void
search_activate_cb (DvAppSidebar   *self,
                    GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (text[0] != '\0')
    {
      g_signal_emit (self, signals[SEARCH_ACTIVATED], 0, text);
      dv_app_sidebar_step_aside (self);
    }
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
    {
      g_signal_emit (self, signals[SYMBOL_SELECTED], 0, dv_app_symbol_row_get_id (row));
      dv_app_sidebar_step_aside (self);
    }
}

static void
package_selected_cb (DvAppSidebar       *self,
                     GParamSpec         *pspec,
                     GtkSingleSelection *selection)
{
  DvAppPackageRow *row = gtk_single_selection_get_selected_item (selection);

  if (row != NULL)
    {
      g_signal_emit (self, signals[PACKAGE_SELECTED], 0, dv_app_package_row_get_id (row));
      dv_app_sidebar_step_aside (self);
    }
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
  self->packages_shown = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "packages") == 0;
  if (self->packages_shown)
    {
      /* the search typed while the symbols were shown */
      dv_app_name_filter_set_search (self->package_filter,
                                     gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
      dv_app_sidebar_attach_packages (self);
    }
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

  if (self->scroll_tick != 0 && self->symbol_view != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->symbol_view), self->scroll_tick);
  self->scroll_tick = 0;
  if (self->package_scroll_tick != 0 && self->package_view != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->package_view), self->package_scroll_tick);
  self->package_scroll_tick = 0;
  /* the list may still be sending a search's rows from an idle */
  if (self->symbols != NULL)
    g_signal_handlers_disconnect_by_data (self->symbols, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), DV_APP_TYPE_SIDEBAR);
  /* Template children without an id are not unparented by the above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->symbols);
  g_clear_object (&self->packages);
  g_clear_pointer (&self->graph, dv_graph_unref);
  g_clear_pointer (&self->cost, dv_cost_free);
  if (self->highlight != NULL)
    g_signal_handlers_disconnect_by_func (self->highlight, dv_app_sidebar_update_marks, self);
  g_clear_object (&self->highlight);

  G_OBJECT_CLASS (dv_app_sidebar_parent_class)->dispose (object);
}

static void
dv_app_sidebar_finalize (GObject *object)
{
  DvAppSidebar *self = DV_APP_SIDEBAR (object);

  g_clear_pointer (&self->bound_symbol_cells, g_hash_table_unref);
  g_clear_pointer (&self->bound_package_items, g_hash_table_unref);

  G_OBJECT_CLASS (dv_app_sidebar_parent_class)->finalize (object);
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
    case PROP_COST:
      g_value_set_boxed (value, self->cost);
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
    case PROP_COST:
      dv_app_sidebar_set_cost (self, g_value_get_boxed (value));
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
  object_class->finalize = dv_app_sidebar_finalize;
  object_class->get_property = dv_app_sidebar_get_property;
  object_class->set_property = dv_app_sidebar_set_property;

  properties[PROP_HIDE_METADATA] =
    g_param_spec_boolean ("hide-metadata", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COST] =
    g_param_spec_boxed ("cost", NULL, NULL, DV_APP_TYPE_COST,
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
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, symbol_scroller);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, symbol_view);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, symbol_name_column);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, symbol_kind_column);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, symbol_size_column);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, symbol_retained_column);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, package_size_column);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, package_retained_column);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, symbol_sort_model);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, suggestion_box);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, suggestion_label);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, suggestion_buttons);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, symbol_selection);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, package_view);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, package_live_column);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, package_name_column);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, package_symbols_column);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, package_selection);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, package_filter_model);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, package_filter);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, count_label);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, search_spinner);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, hide_metadata_check);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, mark_bar);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, mark_pill);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, mark_label);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, only_marked_button);
  gtk_widget_class_bind_template_child (widget_class, DvAppSidebar, package_mark_filter);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, symbol_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, package_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_items_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_pending_cb);
  gtk_widget_class_bind_template_callback (widget_class, stack_page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, hide_metadata_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, symbol_sort_pending_cb);
  gtk_widget_class_bind_template_callback (widget_class, only_marked_toggled_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dvsidebar");
}

static void
dv_app_sidebar_init (DvAppSidebar *self)
{
  GtkListItemFactory *factory;

  self->bound_symbol_cells = g_hash_table_new (NULL, NULL);
  self->bound_package_items = g_hash_table_new (NULL, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  /* One drawn widget a cell, two columns (the kind over the flags): a
   * column view keeps 200 rows and rebuilds them on every search, and each
   * cell more, or a label or inscription in it, lengthens that stall. */
  for (guint i = 0; i < 4; i++)
    {
      GtkColumnViewColumn *columns[] = { self->symbol_name_column, self->symbol_kind_column,
                                         self->symbol_size_column, self->symbol_retained_column };
      DvAppSymbolCellShows shows[] = { DV_APP_SYMBOL_CELL_NAME, DV_APP_SYMBOL_CELL_KIND,
                                       DV_APP_SYMBOL_CELL_SIZE, DV_APP_SYMBOL_CELL_RETAINED };

      factory = gtk_signal_list_item_factory_new ();
      g_signal_connect (factory, "setup", G_CALLBACK (symbol_setup_cb), GUINT_TO_POINTER (shows[i]));
      /* bound cells may outlive the sidebar by a moment as the view goes */
      g_signal_connect_object (factory, "bind", G_CALLBACK (symbol_bind_cb), self, 0);
      g_signal_connect_object (factory, "unbind", G_CALLBACK (symbol_unbind_cb), self, 0);
      gtk_column_view_column_set_factory (columns[i], factory);
      g_object_unref (factory);
    }
  set_column_sorter (self->symbol_name_column, compare_short_names_cb);
  set_column_sorter (self->symbol_kind_column, compare_kinds_cb);
  set_column_sorter (self->symbol_size_column, compare_sizes_cb);
  set_column_sorter (self->symbol_retained_column, compare_retained_cb);
  set_column_sorter (self->package_size_column, compare_package_sizes_cb);
  set_column_sorter (self->package_retained_column, compare_package_retained_cb);
  g_signal_connect_object (gtk_column_view_get_sorter (self->symbol_view), "changed",
                           G_CALLBACK (symbol_sorter_changed_cb), self, G_CONNECT_SWAPPED);

  set_cell_factory (self->package_name_column, CELL_PACKAGE_NAME);
  factory = gtk_column_view_column_get_factory (self->package_name_column);
  g_signal_connect_object (factory, "bind", G_CALLBACK (package_name_bind_cb), self, G_CONNECT_AFTER);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (package_name_unbind_cb), self, 0);
  set_cell_factory (self->package_live_column, CELL_PACKAGE_LIVE);
  set_cell_factory (self->package_symbols_column, CELL_PACKAGE_SYMBOLS);
  set_cell_factory (self->package_size_column, CELL_PACKAGE_SIZE);
  set_cell_factory (self->package_retained_column, CELL_PACKAGE_RETAINED);

  self->symbols = dv_app_symbol_list_new ();
  g_signal_connect_object (self->symbols, "items-changed", G_CALLBACK (filter_items_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->symbols, "notify::pending", G_CALLBACK (filter_pending_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->symbols, "notify::suggestions", G_CALLBACK (filter_items_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_sort_list_model_set_model (self->symbol_sort_model, G_LIST_MODEL (self->symbols));
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->symbol_scroller), "value-changed",
                           G_CALLBACK (symbols_scrolled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->symbol_scroller), "changed",
                           G_CALLBACK (symbols_scrolled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->symbol_sort_model, "items-changed", G_CALLBACK (symbol_sort_pending_cb),
                           self, G_CONNECT_SWAPPED);
  self->packages = g_list_store_new (DV_APP_TYPE_PACKAGE_ROW);

  gtk_column_view_sort_by_column (self->package_view, self->package_live_column, GTK_SORT_DESCENDING);
  g_signal_connect_object (gtk_column_view_get_sorter (self->package_view), "changed",
                           G_CALLBACK (package_sorter_changed_cb), self, G_CONNECT_SWAPPED);
  show_column (self->symbol_view, self->symbol_size_column, FALSE);
  show_column (self->symbol_view, self->symbol_retained_column, FALSE);
  show_column (self->package_view, self->package_size_column, FALSE);
  show_column (self->package_view, self->package_retained_column, FALSE);
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
  dv_app_sidebar_show_cost (self, TRUE);
  gtk_single_selection_set_selected (self->symbol_selection, GTK_INVALID_LIST_POSITION);
  gtk_single_selection_set_selected (self->package_selection, GTK_INVALID_LIST_POSITION);
  /* a highlight of the old graph marks nothing here */
  dv_app_sidebar_update_marks (self);
}

/* The cost of the shown graph, or NULL: the document may notify a new
 * graph and its cost in either order. */
static DvCost *
dv_app_sidebar_shown_cost (DvAppSidebar *self)
{
  if (self->cost == NULL || self->graph == NULL || dv_cost_get_graph (self->cost) != self->graph)
    return NULL;
  return self->cost;
}

/* A hidden column still gets a cell in every row the view keeps, and each
 * cell lengthens the rebuild on every search: without sizes the columns
 * are out of the view, not only invisible. The template keeps them. */
static void
show_column (GtkColumnView       *view,
             GtkColumnViewColumn *column,
             gboolean             show)
{
  gboolean shown = gtk_column_view_column_get_column_view (column) == view;

  if (show && !shown)
    {
      gtk_column_view_append_column (view, column);
      gtk_column_view_column_set_visible (column, TRUE);
    }
  else if (!show && shown)
    gtk_column_view_remove_column (view, column);
}

static void
resort_by (GtkColumnViewColumn *column)
{
  GtkSorter *sorter = gtk_column_view_column_get_sorter (column);

  if (sorter != NULL)
    gtk_sorter_changed (sorter, GTK_SORTER_CHANGE_DIFFERENT);
}

/* Sizes in the lists: the columns, the rows' bytes, and the orders that
 * read them. new_packages: the graph changed, the package rows are new. */
static void
dv_app_sidebar_show_cost (DvAppSidebar *self,
                          gboolean      new_packages)
{
  DvCost *cost = dv_app_sidebar_shown_cost (self);
  gboolean had = dv_app_symbol_list_get_cost (self->symbols) != NULL;

  dv_app_symbol_list_set_cost (self->symbols, cost);
  /* four columns in the width two had: narrower names and kinds, or the
   * sidebar outgrows its flap and folds away */
  if ((cost != NULL) != (gtk_column_view_column_get_column_view (self->symbol_size_column) != NULL))
    {
      gtk_column_view_column_set_fixed_width (self->symbol_name_column, cost != NULL ? 140 : 200);
      gtk_column_view_column_set_fixed_width (self->symbol_kind_column, cost != NULL ? 76 : 96);
    }
  show_column (self->symbol_view, self->symbol_size_column, cost != NULL);
  show_column (self->symbol_view, self->symbol_retained_column, cost != NULL);
  show_column (self->package_view, self->package_size_column, cost != NULL);
  show_column (self->package_view, self->package_retained_column, cost != NULL);

  /* package rows hold their bytes: a few thousand, made again */
  if (new_packages || had || cost != NULL)
    {
      g_clear_object (&self->packages);
      self->packages = dv_app_package_rows_new (self->graph, cost);
      gtk_filter_list_model_set_model (self->package_filter_model, NULL);
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "packages") == 0)
        dv_app_sidebar_attach_packages (self);
    }
  if (!new_packages)
    {
      gtk_widget_queue_draw (GTK_WIDGET (self->symbol_view));
      resort_by (self->symbol_size_column);
      resort_by (self->symbol_retained_column);
    }
}

void
dv_app_sidebar_set_cost (DvAppSidebar *self,
                         DvCost       *cost)
{
  g_return_if_fail (DV_APP_IS_SIDEBAR (self));

  if (cost == self->cost)
    return;
  if (cost != NULL)
    dv_cost_ref (cost);
  g_clear_pointer (&self->cost, dv_cost_free);
  self->cost = cost;
  dv_app_sidebar_show_cost (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COST]);
}

void
dv_app_sidebar_set_highlight (DvAppSidebar   *self,
                              DvAppHighlight *highlight)
{
  g_return_if_fail (DV_APP_IS_SIDEBAR (self));

  if (highlight == self->highlight)
    return;
  if (self->highlight != NULL)
    g_signal_handlers_disconnect_by_func (self->highlight, dv_app_sidebar_update_marks, self);
  g_set_object (&self->highlight, highlight);
  if (highlight != NULL)
    g_signal_connect_object (highlight, "changed", G_CALLBACK (dv_app_sidebar_update_marks),
                             self, G_CONNECT_SWAPPED);
  dv_app_sidebar_update_marks (self);
}

void
dv_app_sidebar_set_only_marked (DvAppSidebar *self,
                                gboolean      only)
{
  g_return_if_fail (DV_APP_IS_SIDEBAR (self));

  only = !!only;
  if (only == self->only_marked)
    return;
  self->only_marked = only;
  gtk_toggle_button_set_active (self->only_marked_button, only);
  dv_app_sidebar_mark_bound_rows (self);
  dv_app_sidebar_apply_only_marked (self);
}

gboolean
dv_app_sidebar_get_only_marked (DvAppSidebar *self)
{
  g_return_val_if_fail (DV_APP_IS_SIDEBAR (self), FALSE);
  return self->only_marked;
}

GtkWidget *
dv_app_sidebar_get_mark_bar (DvAppSidebar *self)
{
  g_return_val_if_fail (DV_APP_IS_SIDEBAR (self), NULL);
  return self->mark_bar;
}

DvCost *
dv_app_sidebar_get_cost (DvAppSidebar *self)
{
  g_return_val_if_fail (DV_APP_IS_SIDEBAR (self), NULL);
  return self->cost;
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

const char *
dv_app_sidebar_get_page (DvAppSidebar *self)
{
  g_return_val_if_fail (DV_APP_IS_SIDEBAR (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
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

GtkColumnView *
dv_app_sidebar_get_symbol_view (DvAppSidebar *self)
{
  g_return_val_if_fail (DV_APP_IS_SIDEBAR (self), NULL);
  return self->symbol_view;
}

GtkAdjustment *
dv_app_sidebar_get_symbol_vadjustment (DvAppSidebar *self)
{
  g_return_val_if_fail (DV_APP_IS_SIDEBAR (self), NULL);
  return gtk_scrolled_window_get_vadjustment (self->symbol_scroller);
}

GtkWidget *
dv_app_sidebar_get_suggestion_box (DvAppSidebar *self)
{
  g_return_val_if_fail (DV_APP_IS_SIDEBAR (self), NULL);
  return self->suggestion_box;
}

GtkColumnView *
dv_app_sidebar_get_package_view (DvAppSidebar *self)
{
  g_return_val_if_fail (DV_APP_IS_SIDEBAR (self), NULL);
  return self->package_view;
}
