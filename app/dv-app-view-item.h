/* dv-app-view-item.h: one row of the keeps, reflect and compare views (a
 * package, a symbol, a chain step, a section heading), and the tree list
 * that shows them: rows with children expand on activation, symbol rows
 * report their symbol. Children of a row that holds many symbols are made
 * only when it is expanded. */
#pragma once

#include <gtk/gtk.h>

#include "dv-cost.h"
#include "dv-why.h"

G_BEGIN_DECLS

typedef enum {
  DV_APP_VIEW_ITEM_HEADING,  /* a section: "Packages added" */
  DV_APP_VIEW_ITEM_PACKAGE,
  DV_APP_VIEW_ITEM_SYMBOL,
  DV_APP_VIEW_ITEM_NOTE,     /* words between rows: "Import chain" */
  DV_APP_VIEW_ITEM_RANGE,    /* a slice of a long list of symbols: "Symbols 1001–2000" */
} DvAppViewItemKind;

#define DV_APP_TYPE_VIEW_ITEM (dv_app_view_item_get_type ())
G_DECLARE_FINAL_TYPE (DvAppViewItem, dv_app_view_item, DV_APP, VIEW_ITEM, GObject)

DvAppViewItem   *dv_app_view_item_new          (DvAppViewItemKind kind,
                                                const char       *title,
                                                const char       *detail);
/* A symbol row: its name as title; bytes are its own size when cost is given. */
DvAppViewItem   *dv_app_view_item_new_symbol   (const DvGraph    *graph,
                                                const DvCost     *cost,
                                                DvSymbolId        symbol,
                                                const char       *detail);
DvAppViewItemKind dv_app_view_item_get_kind    (DvAppViewItem *self);
const char      *dv_app_view_item_get_title    (DvAppViewItem *self);
const char      *dv_app_view_item_get_detail   (DvAppViewItem *self);
void             dv_app_view_item_set_bytes    (DvAppViewItem *self, guint64 bytes);
/* FALSE when no sizes are known for it. */
gboolean         dv_app_view_item_get_bytes    (DvAppViewItem *self, guint64 *bytes);
void             dv_app_view_item_set_symbol   (DvAppViewItem *self, DvSymbolId symbol);
DvSymbolId       dv_app_view_item_get_symbol   (DvAppViewItem *self);
void             dv_app_view_item_set_package  (DvAppViewItem *self, DvPackageId package);
DvPackageId      dv_app_view_item_get_package  (DvAppViewItem *self);
/* Which build a compare row belongs to: 0 the new one, 1 the old one. */
void             dv_app_view_item_set_tag      (DvAppViewItem *self, guint tag);
guint            dv_app_view_item_get_tag      (DvAppViewItem *self);
/* Children given now (DvAppViewItem), or symbols whose rows are made when
 * shown (each with detail NULL, tagged like the parent). More than
 * DV_APP_VIEW_CHUNK symbols come as ranges of that many, each opening on
 * its own: GtkTreeListModel takes about 3 ms a thousand rows to open. */
#define DV_APP_VIEW_CHUNK 1000
void             dv_app_view_item_set_children (DvAppViewItem *self, GListModel *children);
void             dv_app_view_item_set_lazy_symbols (DvAppViewItem *self,
                                                    DvGraph       *graph,
                                                    DvCost        *cost,
                                                    GArray        *symbols);
gboolean         dv_app_view_item_has_children (DvAppViewItem *self);
/* The children as a model, made now if they were lazy; NULL when none. */
GListModel      *dv_app_view_item_get_children (DvAppViewItem *self);

/* The steps of a chain (DvChainStep) as symbol rows, root side first, each
 * saying how the step above keeps it ("root", "dep", "call"). */
void             dv_app_view_append_chain      (GListStore    *store,
                                                const DvGraph *graph,
                                                const DvCost  *cost,
                                                GArray        *chain,
                                                guint          tag);

/* Symbols by package: DvAppViewGroup, most bytes first when cost is given,
 * then most symbols; each group's symbols keep their order. Any thread. */
typedef struct {
  DvPackageId package;   /* DV_PACKAGE_NONE for symbols of no package */
  guint       count;
  guint64     bytes;     /* own sizes summed; 0 without cost */
  GArray     *symbols;   /* DvSymbolId */
} DvAppViewGroup;

GArray          *dv_app_view_group_by_package  (const DvGraph *graph,
                                                const DvCost  *cost,
                                                GArray        *symbols);
/* A package row for each group ("N symbols", bytes when cost is given),
 * its symbols as lazy children. */
void             dv_app_view_append_groups     (GListStore    *store,
                                                DvGraph       *graph,
                                                DvCost        *cost,
                                                GArray        *groups,
                                                guint          tag);

/* A list view of trees of DvAppViewItem, with its accessible name. */
GtkListView     *dv_app_view_list_new          (const char *accessible_name);
void             dv_app_view_list_set_items    (GtkListView *list, GListModel *items);
/* The item at a position of the list, or NULL (owned by the list). */
DvAppViewItem   *dv_app_view_list_get_item     (GtkListView *list, guint position);
/* Expands or folds the row at position; FALSE when it has no children. */
gboolean         dv_app_view_list_set_expanded (GtkListView *list, guint position, gboolean expanded);
/* Activation of a row with children toggles it; returns the row's item. */
DvAppViewItem   *dv_app_view_list_activate     (GtkListView *list, guint position);

G_END_DECLS
