/* dv-app-window-private.h: the window's parts, shared by dv-app-window.c,
 * dv-app-window-actions.c and dv-app-window-dnd.c, and accessors for tests. */
#pragma once

#include "dv-app-chain-panel.h"
#include "dv-app-compare-view.h"
#include "dv-app-document.h"
#include "dv-app-keeps-view.h"
#include "dv-app-reflect-view.h"
#include "dv-app-treemap.h"
#include "dv-app-focus.h"
#include "dv-app-sidebar.h"
#include "dv-app-window.h"
#include "dv-app-graph-view.h"

G_BEGIN_DECLS

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
  DvAppGraphView          *graph_view;
  GtkWidget            *no_focus_page;
  DvAppChainPanel      *chain_panel;
  GtkMenuButton        *export_button;
  GMenu                *recent_section;

  GSettings            *settings;

  /* the dump, and what the window is about in it */
  DvAppDocument        *document;
  DvAppFocus           *focus;
  DvAppHighlight       *highlight;      /* marked in the graph, the lists and the map */
  char                 *select;         /* to focus once the load in progress is done */
  GtkWidget            *binary_chooser; /* open while the user chooses; weak */

  gint64                focus_time;
  gboolean              first_chain_drawn;

  /* the views beside the chain (dv-app-window-views.c) */
  AdwViewStack         *view_stack;
  char                 *sizes_text;     /* in the header's subtitle, NULL without sizes */
  DvAppTreemap         *treemap;
  GtkStack             *map_stack;
  DvCost               *map_cost;
  DvAppKeepsView       *keeps_view;
  GtkStack             *keeps_stack;
  DvGraph              *keeps_graph;
  DvCost               *keeps_cost;
  DvSymbolId            keeps_symbol;
  DvPackageId           keeps_package;
  DvAppReflectView     *reflect_view;
  DvGraph              *reflect_graph;
  DvCost               *reflect_cost;
  DvAppCompareView     *compare_view;
  GtkStack             *compare_stack;
  DvAppDocument        *compare_document;  /* the other build */
  DvGraph              *compare_old, *compare_new;
  DvCost               *compare_old_cost, *compare_new_cost;

  /* what the highlight marks, by the user's choice (win.mark-keeps, win.mark-added) */
  DvAppHighlightKind    mark;
  gboolean              mark_added_declined; /* the user turned ADDED off: a comparison keeps it off */
  gboolean              mark_added_auto;     /* mark ADDED when the comparison asked for is done */
  GFile                *marked_file;        /* the dump the last mark was over: a reload of it is
                                              * marked again, another dump is not */
  gboolean              mark_only_held;      /* "Only marked" was on when the mark was cleared to be
                                              * worked out again (a new focus, a new comparison):
                                              * on again with the new answer */
  GtkRevealer          *mark_revealer;
  GtkLabel             *mark_label;
  guint64               mark_bytes;       /* own bytes of the marked symbols, when mark_sized */
  gboolean              mark_sized;
};

/* Signals of DvAppWindow:
 *   "loaded" (gboolean success): a load finished (success FALSE: failed or cancelled).
 *   "focus-changed" (guint symbol): the focus moved (DV_SYMBOL_NONE: cleared). */

/* dv-app-window-actions.c */
void             dv_app_window_class_install_actions (DvAppWindowClass *klass);
void             dv_app_window_update_actions   (DvAppWindow *self);
/* dv-app-window.c */
void             dv_app_window_update_title     (DvAppWindow *self);
/* Notifies "mark-keeps" and "mark-added" after self->mark changed. */
void             dv_app_window_notify_mark      (DvAppWindow *self);
/* dv-app-window-views.c */
void             dv_app_window_views_init       (DvAppWindow *self);
void             dv_app_window_views_dispose    (DvAppWindow *self);
void             dv_app_window_class_install_view_actions (DvAppWindowClass *klass);
void             dv_app_window_update_view_actions (DvAppWindow *self);
gboolean         dv_app_window_export_map       (DvAppWindow *self, GFile *file, GError **error);
/* What the highlight marks: NONE, what the focus keeps alive (KEEPS,
 * worked out in a thread whichever view is shown) or what the comparison
 * found new (ADDED, once it is ready). The "mark-keeps" and "mark-added"
 * properties of the window, and their actions, set it. */
void             dv_app_window_set_mark         (DvAppWindow *self, DvAppHighlightKind kind);
DvAppHighlightKind dv_app_window_get_mark       (DvAppWindow *self);
DvAppHighlight  *dv_app_window_get_highlight    (DvAppWindow *self);
/* The line that says what is marked ("23 symbols marked: new since …"),
 * NULL when it is hidden. */
const char      *dv_app_window_get_mark_text    (DvAppWindow *self);
/* dv-app-window-dnd.c */
void             dv_app_window_init_dnd         (DvAppWindow *self);
/* dv-app-window.c, for the actions */
void             dv_app_window_toast            (DvAppWindow *self, const char *title);
void             dv_app_window_show_banner      (DvAppWindow *self, gboolean is_error,
                                                 const char *text, gboolean has_details);

DvGraph         *dv_app_window_get_graph        (DvAppWindow *self);
DvSymbolId       dv_app_window_get_focus        (DvAppWindow *self);
DvAppDocument   *dv_app_window_get_document     (DvAppWindow *self);
DvAppFocus      *dv_app_window_get_focus_object (DvAppWindow *self);
DvAppSidebar    *dv_app_window_get_sidebar      (DvAppWindow *self);
DvAppChainPanel *dv_app_window_get_chain_panel  (DvAppWindow *self);
GListModel      *dv_app_window_get_chain_model  (DvAppWindow *self);
GtkSearchEntry  *dv_app_window_get_search_entry (DvAppWindow *self);
DvAppGraphView     *dv_app_window_get_graph_view   (DvAppWindow *self);
/* The dialog asking which binary of a file to open, NULL when none is open. */
AdwMessageDialog *dv_app_window_get_binary_chooser (DvAppWindow *self);
/* The text of the error/problem banner, NULL when hidden. */
const char      *dv_app_window_get_banner_text  (DvAppWindow *self);
/* The same export the Export menu runs, without the file dialog; format:
 * "svg", "png", "dot" (the graph) or "markdown" (the chain). */
void             dv_app_window_export_async     (DvAppWindow         *self,
                                                 const char          *format,
                                                 GFile               *file,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean         dv_app_window_export_finish    (DvAppWindow         *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
