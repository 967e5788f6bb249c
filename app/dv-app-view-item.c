/* dv-app-view-item.c: see dv-app-view-item.h. */
#define G_LOG_DOMAIN "depview"

#include "config.h"

#include <glib/gi18n.h>

#include "dv-app-view-item.h"

struct _DvAppViewItem
{
  GObject           parent_instance;
  DvAppViewItemKind kind;
  char             *title;
  char             *detail;
  guint64           bytes;
  gboolean          has_bytes;
  DvSymbolId        symbol;
  DvPackageId       package;
  guint             tag;
  GListModel       *children;
  /* lazy children */
  DvGraph          *graph;
  DvCost           *cost;
  GArray           *symbols;
};

G_DEFINE_FINAL_TYPE (DvAppViewItem, dv_app_view_item, G_TYPE_OBJECT)

static void
dv_app_view_item_finalize (GObject *object)
{
  DvAppViewItem *self = DV_APP_VIEW_ITEM (object);

  g_free (self->title);
  g_free (self->detail);
  g_clear_object (&self->children);
  g_clear_pointer (&self->graph, dv_graph_unref);
  g_clear_pointer (&self->symbols, g_array_unref);
  G_OBJECT_CLASS (dv_app_view_item_parent_class)->finalize (object);
}

static void
dv_app_view_item_class_init (DvAppViewItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dv_app_view_item_finalize;
}

static void
dv_app_view_item_init (DvAppViewItem *self)
{
  self->symbol = DV_SYMBOL_NONE;
  self->package = DV_PACKAGE_NONE;
}

DvAppViewItem *
dv_app_view_item_new (DvAppViewItemKind kind,
                      const char       *title,
                      const char       *detail)
{
  DvAppViewItem *self = g_object_new (DV_APP_TYPE_VIEW_ITEM, NULL);

  self->kind = kind;
  /* names come from the dump: never let a bad byte reach a label */
  self->title = g_utf8_make_valid (title ? title : "", -1);
  self->detail = detail ? g_utf8_make_valid (detail, -1) : NULL;
  return self;
}

DvAppViewItem *
dv_app_view_item_new_symbol (const DvGraph *graph,
                             const DvCost  *cost,
                             DvSymbolId     symbol,
                             const char    *detail)
{
  DvAppViewItem *self = dv_app_view_item_new (DV_APP_VIEW_ITEM_SYMBOL,
                                              dv_graph_symbol_name (graph, symbol), detail);

  self->symbol = symbol;
  self->package = dv_graph_symbol_package (graph, symbol);
  if (cost != NULL)
    dv_app_view_item_set_bytes (self, dv_cost_symbol_size (cost, symbol));
  return self;
}

DvAppViewItemKind
dv_app_view_item_get_kind (DvAppViewItem *self)
{
  return self->kind;
}

const char *
dv_app_view_item_get_title (DvAppViewItem *self)
{
  return self->title;
}

const char *
dv_app_view_item_get_detail (DvAppViewItem *self)
{
  return self->detail;
}

void
dv_app_view_item_set_bytes (DvAppViewItem *self,
                            guint64        bytes)
{
  self->bytes = bytes;
  self->has_bytes = TRUE;
}

gboolean
dv_app_view_item_get_bytes (DvAppViewItem *self,
                            guint64       *bytes)
{
  if (bytes != NULL)
    *bytes = self->bytes;
  return self->has_bytes;
}

void
dv_app_view_item_set_symbol (DvAppViewItem *self,
                             DvSymbolId     symbol)
{
  self->symbol = symbol;
}

DvSymbolId
dv_app_view_item_get_symbol (DvAppViewItem *self)
{
  return self->symbol;
}

void
dv_app_view_item_set_package (DvAppViewItem *self,
                              DvPackageId    package)
{
  self->package = package;
}

DvPackageId
dv_app_view_item_get_package (DvAppViewItem *self)
{
  return self->package;
}

void
dv_app_view_item_set_tag (DvAppViewItem *self,
                          guint          tag)
{
  self->tag = tag;
}

guint
dv_app_view_item_get_tag (DvAppViewItem *self)
{
  return self->tag;
}

void
dv_app_view_item_set_children (DvAppViewItem *self,
                               GListModel    *children)
{
  g_set_object (&self->children, children);
}

void
dv_app_view_item_set_lazy_symbols (DvAppViewItem *self,
                                   DvGraph       *graph,
                                   DvCost        *cost,
                                   GArray        *symbols)
{
  g_clear_pointer (&self->graph, dv_graph_unref);
  g_clear_pointer (&self->symbols, g_array_unref);
  self->graph = dv_graph_ref (graph);
  /* the cost is owned by whoever owns the graph's view; it outlives the rows */
  self->cost = cost;
  self->symbols = g_array_ref (symbols);
}

gboolean
dv_app_view_item_has_children (DvAppViewItem *self)
{
  if (self->children != NULL)
    return g_list_model_get_n_items (self->children) > 0;
  return self->symbols != NULL && self->symbols->len > 0;
}

/* Symbol rows made only when asked for: a list of thousands of symbols
 * opens without making thousands of objects on the UI thread. */
#define DV_APP_TYPE_SYMBOL_ROWS (dv_app_symbol_rows_get_type ())
G_DECLARE_FINAL_TYPE (DvAppSymbolRows, dv_app_symbol_rows, DV_APP, SYMBOL_ROWS, GObject)

struct _DvAppSymbolRows
{
  GObject        parent_instance;
  DvGraph       *graph;
  const DvCost  *cost;
  GArray        *symbols;
  guint          tag;
  GObject      **made;      /* one per symbol, NULL until asked for */
};

static GType
dv_app_symbol_rows_get_item_type (GListModel *model)
{
  return DV_APP_TYPE_VIEW_ITEM;
}

static guint
dv_app_symbol_rows_get_n_items (GListModel *model)
{
  return DV_APP_SYMBOL_ROWS (model)->symbols->len;
}

static gpointer
dv_app_symbol_rows_get_item (GListModel *model,
                             guint       position)
{
  DvAppSymbolRows *self = DV_APP_SYMBOL_ROWS (model);

  if (position >= self->symbols->len)
    return NULL;
  if (self->made[position] == NULL)
    {
      DvAppViewItem *item = dv_app_view_item_new_symbol (self->graph, self->cost,
                                                         g_array_index (self->symbols, DvSymbolId, position),
                                                         NULL);
      item->tag = self->tag;
      self->made[position] = G_OBJECT (item);
    }
  return g_object_ref (self->made[position]);
}

static void
dv_app_symbol_rows_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = dv_app_symbol_rows_get_item_type;
  iface->get_n_items = dv_app_symbol_rows_get_n_items;
  iface->get_item = dv_app_symbol_rows_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (DvAppSymbolRows, dv_app_symbol_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, dv_app_symbol_rows_list_model_init))

static void
dv_app_symbol_rows_finalize (GObject *object)
{
  DvAppSymbolRows *self = DV_APP_SYMBOL_ROWS (object);

  for (guint i = 0; i < self->symbols->len; i++)
    g_clear_object (&self->made[i]);
  g_free (self->made);
  g_array_unref (self->symbols);
  dv_graph_unref (self->graph);
  G_OBJECT_CLASS (dv_app_symbol_rows_parent_class)->finalize (object);
}

static void
dv_app_symbol_rows_class_init (DvAppSymbolRowsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dv_app_symbol_rows_finalize;
}

static void
dv_app_symbol_rows_init (DvAppSymbolRows *self)
{
}

GListModel *
dv_app_view_item_get_children (DvAppViewItem *self)
{
  if (self->children == NULL && self->symbols != NULL && self->symbols->len > DV_APP_VIEW_CHUNK)
    {
      GListStore *store = g_list_store_new (DV_APP_TYPE_VIEW_ITEM);
      guint n = self->symbols->len;

      for (guint first = 0; first < n; first += DV_APP_VIEW_CHUNK)
        {
          guint len = MIN (DV_APP_VIEW_CHUNK, n - first);
          g_autoptr(GArray) slice = g_array_sized_new (FALSE, FALSE, sizeof (DvSymbolId), len);
          /* TRANSLATORS: a slice of a long list: the first and the last position */
          g_autofree char *title = g_strdup_printf (_("Symbols %u–%u"), first + 1, first + len);
          g_autoptr(DvAppViewItem) range = dv_app_view_item_new (DV_APP_VIEW_ITEM_RANGE, title, NULL);
          guint64 bytes = 0;

          g_array_append_vals (slice, &g_array_index (self->symbols, DvSymbolId, first), len);
          for (guint i = 0; self->cost != NULL && i < len; i++)
            bytes += dv_cost_symbol_size (self->cost, g_array_index (slice, DvSymbolId, i));
          if (self->cost != NULL)
            dv_app_view_item_set_bytes (range, bytes);
          range->tag = self->tag;
          dv_app_view_item_set_lazy_symbols (range, self->graph, self->cost, slice);
          g_list_store_append (store, range);
        }
      self->children = G_LIST_MODEL (store);
    }
  else if (self->children == NULL && self->symbols != NULL)
    {
      DvAppSymbolRows *rows = g_object_new (DV_APP_TYPE_SYMBOL_ROWS, NULL);

      rows->graph = dv_graph_ref (self->graph);
      rows->cost = self->cost;
      rows->symbols = g_array_ref (self->symbols);
      rows->tag = self->tag;
      rows->made = g_new0 (GObject *, MAX (self->symbols->len, 1u));
      self->children = G_LIST_MODEL (rows);
    }
  return self->children;
}

void
dv_app_view_append_chain (GListStore    *store,
                          const DvGraph *graph,
                          const DvCost  *cost,
                          GArray        *chain,
                          guint          tag)
{
  for (guint k = 0; chain != NULL && k < chain->len; k++)
    {
      DvChainStep *step = &g_array_index (chain, DvChainStep, k);
      const char *via = step->via == DV_EDGE_ROOT ? _("root") : step->via == DV_EDGE_CALL ? _("call") : _("dep");
      g_autoptr(DvAppViewItem) item = dv_app_view_item_new_symbol (graph, cost, step->symbol, via);

      item->tag = tag;
      g_list_store_append (store, item);
    }
}

static void
group_clear (gpointer data)
{
  DvAppViewGroup *g = data;

  g_clear_pointer (&g->symbols, g_array_unref);
}

static gint
compare_groups (gconstpointer a,
                gconstpointer b,
                gpointer      by_bytes)
{
  const DvAppViewGroup *x = a, *y = b;

  if (by_bytes && x->bytes != y->bytes)
    return x->bytes > y->bytes ? -1 : 1;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return x->package < y->package ? -1 : x->package > y->package;
}

GArray *
dv_app_view_group_by_package (const DvGraph *graph,
                              const DvCost  *cost,
                              GArray        *symbols)
{
  g_autoptr(GHashTable) by_package = g_hash_table_new (NULL, NULL);
  GArray *groups = g_array_new (FALSE, TRUE, sizeof (DvAppViewGroup));

  g_array_set_clear_func (groups, group_clear);
  for (guint i = 0; i < symbols->len; i++)
    {
      DvSymbolId s = g_array_index (symbols, DvSymbolId, i);
      DvPackageId p = dv_graph_symbol_package (graph, s);
      gpointer key = GUINT_TO_POINTER (p == DV_PACKAGE_NONE ? 0 : p + 1);
      gpointer slot;
      DvAppViewGroup *g;

      if (!g_hash_table_lookup_extended (by_package, key, NULL, &slot))
        {
          DvAppViewGroup fresh = { p, 0, 0, g_array_new (FALSE, FALSE, sizeof (DvSymbolId)) };
          slot = GUINT_TO_POINTER (groups->len);
          g_array_append_val (groups, fresh);
          g_hash_table_insert (by_package, key, slot);
        }
      g = &g_array_index (groups, DvAppViewGroup, GPOINTER_TO_UINT (slot));
      g->count++;
      g->bytes += cost ? dv_cost_symbol_size (cost, s) : 0;
      g_array_append_val (g->symbols, s);
    }
  g_array_sort_with_data (groups, compare_groups, GINT_TO_POINTER (cost != NULL));
  return groups;
}

void
dv_app_view_append_groups (GListStore *store,
                           DvGraph    *graph,
                           DvCost     *cost,
                           GArray     *groups,
                           guint       tag)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < groups->len; i++)
    {
      DvAppViewGroup *g = &g_array_index (groups, DvAppViewGroup, i);
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u symbol", "%u symbols", g->count),
                                                g->count);
      DvAppViewItem *item = dv_app_view_item_new (DV_APP_VIEW_ITEM_PACKAGE,
                                                  g->package == DV_PACKAGE_NONE
                                                  ? _("(no package)")
                                                  : dv_graph_package_name (graph, g->package),
                                                  count);
      item->package = g->package;
      item->tag = tag;
      if (cost != NULL)
        dv_app_view_item_set_bytes (item, g->bytes);
      dv_app_view_item_set_lazy_symbols (item, graph, cost, g->symbols);
      g_ptr_array_add (items, item);
    }
  g_list_store_splice (store, g_list_model_get_n_items (G_LIST_MODEL (store)), 0, items->pdata, items->len);
}

/* ---------------------------------------------------------------------- */
/* The list */

static GListModel *
create_children_cb (gpointer item,
                    gpointer data)
{
  GListModel *children;

  if (!dv_app_view_item_has_children (item))
    return NULL;
  children = dv_app_view_item_get_children (item);
  return children ? g_object_ref (children) : NULL;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *bytes = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_MIDDLE);
  /* a name keeps some room beside a long detail: "tls.(*Co…shake", not "…" */
  gtk_label_set_width_chars (GTK_LABEL (title), 16);
  gtk_widget_set_hexpand (title, TRUE);
  /* a detail is a sentence ("frees the 13163 methods below (1.9 MB) unless
   * …"): it wraps in a narrow window rather than widen it or take the
   * name's room, and is never cut */
  gtk_label_set_xalign (GTK_LABEL (detail), 1);
  gtk_label_set_justify (GTK_LABEL (detail), GTK_JUSTIFY_RIGHT);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (detail), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (GTK_LABEL (detail), 16);
  gtk_label_set_max_width_chars (GTK_LABEL (detail), 80);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (bytes), 1);
  gtk_label_set_width_chars (GTK_LABEL (bytes), 9);
  gtk_widget_add_css_class (bytes, "numeric");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_box_append (GTK_BOX (box), bytes);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_widget_set_margin_end (box, 6);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (list_item, expander);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  data)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *detail = gtk_widget_get_next_sibling (title);
  GtkWidget *bytes = gtk_widget_get_next_sibling (detail);
  g_autoptr(DvAppViewItem) item = gtk_tree_list_row_get_item (row);
  g_autofree char *size = NULL;
  g_autofree char *description = NULL;

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  gtk_label_set_text (GTK_LABEL (title), item->title);
  gtk_label_set_text (GTK_LABEL (detail), item->detail ? item->detail : "");
  gtk_widget_set_visible (detail, item->detail != NULL);
  if (item->has_bytes)
    size = g_format_size (item->bytes);
  gtk_label_set_text (GTK_LABEL (bytes), size ? size : "");
  if (item->kind == DV_APP_VIEW_ITEM_HEADING)
    gtk_widget_add_css_class (title, "heading");
  else
    gtk_widget_remove_css_class (title, "heading");
  if (item->kind == DV_APP_VIEW_ITEM_NOTE)
    gtk_widget_add_css_class (title, "dim-label");
  else
    gtk_widget_remove_css_class (title, "dim-label");
  gtk_list_item_set_activatable (list_item, item->kind != DV_APP_VIEW_ITEM_NOTE);
  gtk_list_item_set_selectable (list_item, item->kind != DV_APP_VIEW_ITEM_NOTE);

  /* read out as one: the name, what it is, its bytes */
  description = g_strjoin (", ", item->title, item->detail ? item->detail : "", size ? size : "", NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  data)
{
  GtkWidget *expander = gtk_list_item_get_child (list_item);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), NULL);
}

GtkListView *
dv_app_view_list_new (const char *accessible_name)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *list;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  list = gtk_list_view_new (NULL, factory);
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (list), FALSE);
  gtk_widget_add_css_class (list, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name, -1);
  return GTK_LIST_VIEW (list);
}

void
dv_app_view_list_set_items (GtkListView *list,
                            GListModel  *items)
{
  GtkTreeListModel *tree;
  GtkSingleSelection *selection;

  if (items == NULL)
    {
      gtk_list_view_set_model (list, NULL);
      return;
    }
  tree = gtk_tree_list_model_new (g_object_ref (items), FALSE, FALSE, create_children_cb, NULL, NULL);
  selection = gtk_single_selection_new (G_LIST_MODEL (tree));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_list_view_set_model (list, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
}

/* The item stays alive with the tree model's node; the row does not. */
static DvAppViewItem *
item_at (GtkListView     *list,
         guint            position,
         GtkTreeListRow **row_out)
{
  GtkSelectionModel *model = gtk_list_view_get_model (list);
  GtkTreeListRow *row;
  g_autoptr(DvAppViewItem) item = NULL;

  if (model == NULL || position >= g_list_model_get_n_items (G_LIST_MODEL (model)))
    return NULL;
  row = g_list_model_get_item (G_LIST_MODEL (model), position);
  item = gtk_tree_list_row_get_item (row);
  if (row_out != NULL)
    *row_out = row;
  else
    g_object_unref (row);
  return item;
}

DvAppViewItem *
dv_app_view_list_get_item (GtkListView *list,
                           guint        position)
{
  return item_at (list, position, NULL);
}

gboolean
dv_app_view_list_set_expanded (GtkListView *list,
                               guint        position,
                               gboolean     expanded)
{
  GtkTreeListRow *row = NULL;
  DvAppViewItem *item = item_at (list, position, &row);
  gboolean expandable;

  if (item == NULL)
    return FALSE;
  expandable = gtk_tree_list_row_is_expandable (row);
  if (expandable)
    gtk_tree_list_row_set_expanded (row, expanded);
  g_object_unref (row);
  return expandable;
}

DvAppViewItem *
dv_app_view_list_activate (GtkListView *list,
                           guint        position)
{
  GtkTreeListRow *row = NULL;
  DvAppViewItem *item = item_at (list, position, &row);

  if (item == NULL)
    return NULL;
  if (gtk_tree_list_row_is_expandable (row))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
  g_object_unref (row);
  return item;
}
