/* dv-app-graph-view.c: the graph widget: draws the layout of its focus
 * object (DvAppFocus makes it in a thread and sends expand, unfold and
 * hide requests on to it), keeps the viewport, turns pointer and keys into
 * moves, hands drawing to the renderer and words to dv-app-graph-describe.c.
 * The widget only ever sees the plain structs a layout is. */
#define G_LOG_DOMAIN "depview"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <math.h>

#include "dv-app-graph-view.h"
#include "dv-app-document.h"
#include "dv-app-focus.h"
#include "dv-app-graph-describe.h"
#include "dv-app-graph-nav.h"
#include "dv-app-graph-renderer.h"
#include "dv-app-graph-view-private.h"
#include "dv-app-viewport.h"
#include "dv-layout.h"

#define ZOOM_STEP       1.25
/* The window's zoom buttons float over the bottom right of the view:
 * 12 px margin and a 34 px button, with room to spare. */
#define BUTTONS_RESERVE 60.0
#define DRAG_THRESHOLD  4.0

struct _DvAppGraphView
{
  GtkWidget      parent_instance;

  DvAppFocus    *model;         /* makes the layouts; its own, or the window's */
  DvGraph       *graph;         /* the graph of the layout on screen */
  GArray        *startup_steps; /* DvSymbolId: the steps the start-up fold held, once unfolded */
  DvCost        *cost;          /* sizes for the nodes' second line, or NULL */

  const DvLayout *layout;       /* what is on screen: the model's, valid until its next notify::layout */
  guint          layout_serial; /* counts the layouts installed */
  DvAppGraphRenderer *renderer;
  DvAppHighlight *highlight;    /* what to draw marked, or NULL */
  GArray        *marks;         /* guint per node: marked symbols it stands for */
  guint          n_marked;      /* symbol and package nodes marked, folds not counted */
  char          *description;   /* the accessible label */
  char          *details;       /* the accessible description */

  gboolean       busy;          /* the model's */
  gint64         requested_at;
  double         layout_ms;
  gboolean       ready_pending; /* emit "layout-ready" after the next draw */
  guint          ready_idle;

  DvAppViewport  vp;
  gboolean       auto_fit;      /* refit on resize until the user pans or zooms */
  DvSymbolId     anchor;        /* clicked: stays where it was on screen */
  gboolean       anchor_startup; /* the start-up fold to come stays where a step was */
  double         anchor_x, anchor_y, anchor_scale;

  double         pointer_x, pointer_y;
  gboolean       pointer_inside;
  int            hover;         /* node index or -1 */
  int            cursor;        /* node with the keyboard focus, or -1 */
  gboolean       keyboard_mode; /* keys moved the cursor since the last click */

  double         drag_offset_x, drag_offset_y;
  gboolean       dragging;
  double         pinch_scale;
  guint          click_timeout;
  double         click_x, click_y;
  guint          press_serial;  /* layout_serial at the first press of a click */

  AdwStyleManager *style_manager;
};

G_DEFINE_FINAL_TYPE (DvAppGraphView, dv_app_graph_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_PACKAGES,
  PROP_HIDE_METADATA,
  PROP_COST,
  N_PROPS
};

enum {
  SIGNAL_SYMBOL_ACTIVATED,
  SIGNAL_LAYOUT_READY,
  SIGNAL_PACKAGE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- Exports: what the thread needs, copied ---- */

typedef struct {
  DvGraph         *graph;
  DvLayoutRequest  request;
  char            *format;
  GFile           *file;
  GArray          *marked;           /* DvSymbolId, ascending, or NULL */
  GArray          *marked_packages;  /* DvPackageId, ascending, or NULL */
  DvAppHighlightKind mark_kind;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  dv_graph_unref (job->graph);
  dv_app_focus_request_clear (&job->request);
  g_free (job->format);
  g_clear_object (&job->file);
  g_clear_pointer (&job->marked, g_array_unref);
  g_clear_pointer (&job->marked_packages, g_array_unref);
  g_free (job);
}

static Job *
job_new (DvAppGraphView *self)
{
  Job *job = g_new0 (Job, 1);

  job->graph = dv_graph_ref (dv_app_focus_get_graph (self->model));
  dv_app_focus_get_request (self->model, &job->request);
  /* what is marked on screen is marked in the export */
  if (self->highlight != NULL && dv_app_highlight_get_kind (self->highlight) != DV_APP_HIGHLIGHT_NONE
      && dv_app_highlight_get_graph (self->highlight) == job->graph)
    {
      job->mark_kind = dv_app_highlight_get_kind (self->highlight);
      job->marked = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));
      job->marked_packages = g_array_new (FALSE, FALSE, sizeof (DvPackageId));
      for (DvSymbolId s = 0; s < dv_graph_get_n_symbols (job->graph); s++)
        if (dv_app_highlight_has_symbol (self->highlight, job->graph, s))
          g_array_append_val (job->marked, s);
      for (DvPackageId p = 0; p < dv_graph_get_n_packages (job->graph); p++)
        if (dv_app_highlight_has_package (self->highlight, job->graph, p))
          g_array_append_val (job->marked_packages, p);
    }
  return job;
}

/* ---- Viewport ---- */

static void
sync_viewport (DvAppGraphView *self)
{
  self->vp.view_width = gtk_widget_get_width (GTK_WIDGET (self));
  self->vp.view_height = gtk_widget_get_height (GTK_WIDGET (self));
  self->vp.reserve_right = BUTTONS_RESERVE;
  self->vp.content_width = self->layout != NULL ? self->layout->width : 0;
  self->vp.content_height = self->layout != NULL ? self->layout->height : 0;
}

static int
node_at (DvAppGraphView *self,
         double          x,
         double          y)
{
  double lx, ly;

  if (self->layout == NULL || self->vp.scale <= 0)
    return -1;
  dv_app_viewport_to_layout (&self->vp, x, y, &lx, &ly);
  for (guint i = 0; i < self->layout->n_nodes; i++)
    {
      const DvLayoutNode *n = &self->layout->nodes[i];

      if (fabs (lx - n->x) <= n->width / 2 && fabs (ly - n->y) <= n->height / 2)
        return i;
    }
  return -1;
}

/* How many marked symbols node index stands for. */
static guint
node_mark (DvAppGraphView *self,
           int             index)
{
  return index >= 0 && (guint) index < self->marks->len ? g_array_index (self->marks, guint, index) : 0;
}

static void
fit (DvAppGraphView *self)
{
  const DvLayout *layout = self->layout;
  double fx, fy;

  sync_viewport (self);
  if (layout == NULL)
    return;
  fx = layout->width / 2;
  fy = layout->height / 2;
  if (layout->n_chain > 0)
    {
      const DvLayoutNode *focus = &layout->nodes[layout->chain[layout->n_chain - 1]];

      fx = focus->x;
      fy = focus->y;
    }
  dv_app_viewport_fit (&self->vp, fx, fy);
}

static void
zoom_around (DvAppGraphView *self,
             double          new_scale,
             double          x,
             double          y)
{
  dv_app_viewport_zoom_around (&self->vp, new_scale, x, y);
  self->auto_fit = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
zoom_by (DvAppGraphView *self,
         double          factor)
{
  double x, y;

  if (self->pointer_inside)
    {
      x = self->pointer_x;
      y = self->pointer_y;
    }
  else
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  zoom_around (self, self->vp.scale * factor, x, y);
}

static void
pan (DvAppGraphView *self,
     double          dx,
     double          dy)
{
  sync_viewport (self);
  dv_app_viewport_pan (&self->vp, dx, dy);
  self->auto_fit = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- Drawing ---- */

static void
get_colours (DvAppGraphView    *self,
             DvAppGraphColours *colours)
{
  memset (colours, 0, sizeof *colours);
  /* gtk_widget_get_color is 4.10; this one is deprecated only from 4.10. */
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &colours->fg);

  colours->dark = adw_style_manager_get_dark (self->style_manager);
  if (colours->dark)
    {
      gdk_rgba_parse (&colours->bg, "#1e1e1e");
      gdk_rgba_parse (&colours->accent, "#78aeed");
      gdk_rgba_parse (&colours->root_edge, "#dc8add");
      gdk_rgba_parse (&colours->warning, "#ff7b63");
    }
  else
    {
      gdk_rgba_parse (&colours->bg, "#ffffff");
      gdk_rgba_parse (&colours->accent, "#1c71d8");
      gdk_rgba_parse (&colours->root_edge, "#9141ac");
      gdk_rgba_parse (&colours->warning, "#c01c28");
    }
}

static gboolean
emit_layout_ready_cb (gpointer data)
{
  DvAppGraphView *self = data;

  self->ready_idle = 0;
  g_signal_emit (self, signals[SIGNAL_LAYOUT_READY], 0);
  return G_SOURCE_REMOVE;
}

static void
dv_app_graph_view_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  DvAppGraphView *self = DV_APP_GRAPH_VIEW (widget);
  gint64 start = g_get_monotonic_time ();
  DvAppGraphColours colours;

  if (self->layout == NULL)
    return;
  if (self->auto_fit)
    fit (self);
  else
    sync_viewport (self);

  get_colours (self, &colours);
  dv_app_graph_renderer_set_colours (self->renderer, &colours);
  dv_app_graph_renderer_snapshot (self->renderer, snapshot, &self->vp, self->hover,
                                  gtk_widget_has_focus (widget) &&
                                  (self->keyboard_mode || gtk_widget_has_visible_focus (widget)) ? self->cursor : -1);

  if (self->ready_pending)
    {
      double draw_ms = (g_get_monotonic_time () - start) / 1000.0;

      self->ready_pending = FALSE;
      g_debug ("graph view: %u nodes: layout %.1f ms, draw %.1f ms, %.1f ms from request to drawn",
               self->layout->n_nodes, self->layout_ms, draw_ms,
               (g_get_monotonic_time () - self->requested_at) / 1000.0);
      if (self->ready_idle == 0)
        self->ready_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, emit_layout_ready_cb, self, NULL);
    }
}

/* ---- Layout requests ---- */

static void update_hover (DvAppGraphView *self);
static void highlight_changed_cb (DvAppGraphView *self);

static void
set_busy (DvAppGraphView *self,
          gboolean        busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
update_accessible (DvAppGraphView *self)
{
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->details, g_free);
  if (self->layout != NULL && self->layout->n_chain > 0)
    {
      g_autofree char *nodes = dv_app_graph_describe_nodes (self->layout);

      self->description = dv_app_graph_describe_chain (self->layout);
      if (self->cursor >= 0)
        {
          g_autofree char *node = dv_app_graph_describe_node (self->graph, self->layout, self->cursor);
          g_autofree char *mark = dv_app_graph_describe_mark (self->highlight, &self->layout->nodes[self->cursor],
                                                              node_mark (self, self->cursor));

          if (mark != NULL)
            {
              /* TRANSLATORS: a node's description, then why it is marked */
              char *marked = g_strdup_printf (_("%s, %s"), node, mark);

              g_free (node);
              node = marked;
            }
          /* TRANSLATORS: the node with the keyboard focus, then the summary of the nodes shown. */
          self->details = g_strdup_printf (_("Selected: %s. %s"), node, nodes);
        }
      else
        self->details = g_steal_pointer (&nodes);
      if (self->n_marked > 0)
        {
          /* TRANSLATORS: after the summary of the nodes: how many are marked and why */
          g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, " %u node marked: %s.",
                                                                 " %u nodes marked: %s.", self->n_marked),
                                                    self->n_marked, dv_app_highlight_get_label (self->highlight));
          char *with = g_strconcat (self->details, count, NULL);

          g_free (self->details);
          self->details = with;
        }
    }
  else
    self->description = g_strdup (_("Dependency graph, empty"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->description,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->details ? self->details : "",
                                  -1);
}

static int
find_startup_fold (const DvLayout *layout)
{
  for (guint i = 0; i < layout->n_nodes; i++)
    if (layout->nodes[i].fold == DV_LAYOUT_FOLD_STARTUP)
      return i;
  return -1;
}

/* The sizes, when they are of the graph shown (a reload matches them anew). */
static const DvCost *
matching_cost (DvAppGraphView *self)
{
  if (self->cost == NULL || self->graph == NULL || dv_cost_get_graph (self->cost) != self->graph)
    return NULL;
  return self->cost;
}

/* Which nodes the highlight marks; the renderer redraws its cached graph
 * without a new layout. */
static void
update_marks (DvAppGraphView *self)
{
  DvAppHighlightKind kind = self->highlight ? dv_app_highlight_get_kind (self->highlight) : DV_APP_HIGHLIGHT_NONE;

  self->n_marked = 0;
  g_array_set_size (self->marks, self->layout != NULL ? self->layout->n_nodes : 0);
  for (guint i = 0; i < self->marks->len; i++)
    {
      const DvLayoutNode *node = &self->layout->nodes[i];
      guint count = dv_app_graph_describe_mark_count (self->highlight, self->graph, node);

      g_array_index (self->marks, guint, i) = count;
      if (count > 0 && !(node->flags & DV_LAYOUT_NODE_MORE))
        self->n_marked++;
    }
  dv_app_graph_renderer_set_marks (self->renderer, kind != DV_APP_HIGHLIGHT_NONE ? (guint *) self->marks->data : NULL,
                                   kind);
}

/* layout: the model's, borrowed. */
static void
install_layout (DvAppGraphView *self,
                const DvLayout *layout)
{
  DvGraph *graph = dv_app_focus_get_graph (self->model);
  int index = -1;

  /* the model drops a layout when its graph changes: this is its graph */
  if (graph != self->graph)
    {
      g_clear_pointer (&self->graph, dv_graph_unref);
      self->graph = graph != NULL ? dv_graph_ref (graph) : NULL;
    }
  self->layout = layout;
  self->layout_serial++;
  dv_app_graph_renderer_set_layout (self->renderer, layout);
  self->hover = -1;
  self->cursor = -1;
  self->auto_fit = TRUE;
  fit (self);
  if (layout != NULL && self->anchor_startup)
    index = find_startup_fold (layout);
  else if (layout != NULL && self->anchor != DV_SYMBOL_NONE)
    index = dv_layout_find_symbol (layout, self->anchor);
  if (index >= 0)
    {
      /* The node clicked stays where it was, at the scale the user had,
       * instead of the view jumping to a new fit. */
      self->auto_fit = FALSE;
      self->vp.scale = self->anchor_scale;
      dv_app_viewport_anchor (&self->vp, layout->nodes[index].x, layout->nodes[index].y,
                              self->anchor_x, self->anchor_y);
      self->cursor = index;
    }
  else if (layout != NULL && layout->n_chain > 0)
    self->cursor = layout->chain[layout->n_chain - 1];
  self->anchor = DV_SYMBOL_NONE;
  self->anchor_startup = FALSE;
  dv_app_graph_renderer_set_cost (self->renderer, matching_cost (self));
  update_marks (self);
  update_hover (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (layout == NULL)
    return;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->ready_pending = TRUE;
  else
    {
      g_debug ("graph view: %u nodes: layout %.1f ms, not drawn (not mapped)", layout->n_nodes, self->layout_ms);
      g_signal_emit (self, signals[SIGNAL_LAYOUT_READY], 0);
    }
}

static void
model_layout_cb (DvAppGraphView *self)
{
  self->layout_ms = dv_app_focus_get_layout_ms (self->model);
  install_layout (self, dv_app_focus_get_layout (self->model));
}

static void
model_hide_metadata_cb (DvAppGraphView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDE_METADATA]);
}

static void
model_busy_cb (DvAppGraphView *self)
{
  gboolean busy = dv_app_focus_get_busy (self->model);

  if (busy)
    {
      self->requested_at = g_get_monotonic_time ();
      /* a click waiting for a double click acts on the old layout no more */
      g_clear_handle_id (&self->click_timeout, g_source_remove);
    }
  set_busy (self, busy);
}

/* symbol stays at its widget position through the re-layout to come. */
static void
set_anchor (DvAppGraphView *self,
            DvSymbolId      symbol)
{
  int index = dv_layout_find_symbol (self->layout, symbol);

  if (index < 0)
    return;
  dv_app_viewport_to_widget (&self->vp, self->layout->nodes[index].x, self->layout->nodes[index].y,
                             &self->anchor_x, &self->anchor_y);
  self->anchor_scale = self->vp.scale;
  self->anchor = symbol;
}

/* A node of the chain that the start-up fold held, shown one by one. */
static gboolean
is_startup_step (DvAppGraphView     *self,
                 const DvLayoutNode *node)
{
  if (!dv_app_focus_get_unfold_startup (self->model) || node->symbol == DV_SYMBOL_NONE ||
      !(node->flags & DV_LAYOUT_NODE_CHAIN))
    return FALSE;
  for (guint i = 0; i < self->startup_steps->len; i++)
    if (g_array_index (self->startup_steps, DvSymbolId, i) == node->symbol)
      return TRUE;
  return FALSE;
}

/* The steps replace the fold: the last of them, next to what follows the
 * start-up in the chain, takes the fold's place on screen. */
static void
show_startup_steps (DvAppGraphView     *self,
                const DvLayoutNode *node)
{
  if (node->n_folded == 0)
    return;
  g_array_set_size (self->startup_steps, 0);
  g_array_append_vals (self->startup_steps, node->folded, node->n_folded);
  dv_app_viewport_to_widget (&self->vp, node->x, node->y, &self->anchor_x, &self->anchor_y);
  self->anchor_scale = self->vp.scale;
  self->anchor = node->folded[node->n_folded - 1];
  self->anchor_startup = FALSE;
  dv_app_focus_set_unfold_startup (self->model, TRUE);
}

/* Folds the steps again; the fold comes where the step acted on was. */
static void
fold_startup_steps (DvAppGraphView     *self,
              const DvLayoutNode *step)
{
  g_array_set_size (self->startup_steps, 0);
  dv_app_viewport_to_widget (&self->vp, step->x, step->y, &self->anchor_x, &self->anchor_y);
  self->anchor_scale = self->vp.scale;
  self->anchor = DV_SYMBOL_NONE;
  self->anchor_startup = TRUE;
  dv_app_focus_set_unfold_startup (self->model, FALSE);
}

static void
open_more (DvAppGraphView     *self,
           const DvLayoutNode *node)
{
  if (node->fold == DV_LAYOUT_FOLD_STARTUP)
    {
      show_startup_steps (self, node);
      return;
    }
  if (node->more_owner == DV_SYMBOL_NONE)
    return; /* the folded middle of a very long chain */
  set_anchor (self, node->more_owner);
  dv_app_focus_toggle_unfolded (self->model, node->more_owner);
}

static gboolean
can_expand (DvAppGraphView     *self,
            const DvLayoutNode *node)
{
  guint n_children = 0;

  if (node->symbol == DV_SYMBOL_NONE || node->symbol == self->layout->focus || node->flags & DV_LAYOUT_NODE_ROOT)
    return FALSE;
  dv_graph_children (self->graph, node->symbol, &n_children);
  return n_children > 0;
}

static void
toggle_expanded (DvAppGraphView     *self,
                 const DvLayoutNode *node)
{
  if (!can_expand (self, node))
    return;
  set_anchor (self, node->symbol);
  dv_app_focus_toggle_expanded (self->model, node->symbol);
}

/* ---- Input ---- */

static gboolean
valid_node (DvAppGraphView *self,
            int             index)
{
  return self->layout != NULL && index >= 0 && (guint) index < self->layout->n_nodes;
}

static void
activate_node (DvAppGraphView *self,
               int             index)
{
  const DvLayoutNode *node;
  DvSymbolId symbol;

  if (!valid_node (self, index))
    return;
  node = &self->layout->nodes[index];
  if (node->flags & DV_LAYOUT_NODE_MORE)
    {
      open_more (self, node);
      return;
    }
  if (node->flags & DV_LAYOUT_NODE_PACKAGE)
    {
      if (node->package_id != DV_PACKAGE_NONE)
        g_signal_emit (self, signals[SIGNAL_PACKAGE_ACTIVATED], 0, (guint) node->package_id);
      return;
    }
  /* A handler that makes the node the focus (the window does, at once)
   * gets it drawn where it was clicked, not where a new fit puts it. */
  symbol = node->symbol;
  set_anchor (self, symbol);
  g_signal_emit (self, signals[SIGNAL_SYMBOL_ACTIVATED], 0, symbol);
  if (dv_app_focus_get_symbol (self->model) != symbol && self->anchor == symbol)
    self->anchor = DV_SYMBOL_NONE;
}

/* "+N more" opens; any other node shows or hides its children. */
static void
unfold_node (DvAppGraphView *self,
             int             index)
{
  const DvLayoutNode *node;

  if (!valid_node (self, index))
    return;
  node = &self->layout->nodes[index];
  if (node->flags & DV_LAYOUT_NODE_MORE)
    open_more (self, node);
  else if (node->flags & DV_LAYOUT_NODE_PACKAGE)
    activate_node (self, index);  /* a package view has no fans to open */
  else if (is_startup_step (self, node))
    fold_startup_steps (self, node);
  else
    toggle_expanded (self, node);
}

static gboolean
single_click_cb (gpointer data)
{
  DvAppGraphView *self = data;

  self->click_timeout = 0;
  activate_node (self, node_at (self, self->click_x, self->click_y));
  return G_SOURCE_REMOVE;
}

static void
set_cursor (DvAppGraphView *self,
            int             index)
{
  if (index == self->cursor || !valid_node (self, index))
    return;
  self->cursor = index;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
press (DvAppGraphView *self,
       int             n_press,
       double          x,
       double          y)
{
  int index;

  if (n_press == 1)
    {
      self->press_serial = self->layout_serial;
      set_cursor (self, node_at (self, x, y));
      return;
    }
  if (n_press != 2)
    return;
  g_clear_handle_id (&self->click_timeout, g_source_remove);
  /* The first click re-laid the graph (it opened a "+N more"), or is doing
   * so: what is under the pointer now is not what the user aimed at. */
  if (self->busy || self->press_serial != self->layout_serial)
    return;
  index = node_at (self, x, y);
  if (index >= 0 && !(self->layout->nodes[index].flags & DV_LAYOUT_NODE_MORE))
    unfold_node (self, index);
}

static void
release (DvAppGraphView *self,
         int             n_press,
         double          x,
         double          y,
         gboolean        wait)
{
  int index;
  int double_click_ms = 400;

  if (n_press != 1 || self->dragging)
    return;
  index = node_at (self, x, y);
  if (index < 0)
    return;

  /* Only a node a double click would expand waits to see if one comes. */
  if (!wait || !can_expand (self, &self->layout->nodes[index]))
    {
      activate_node (self, index);
      return;
    }
  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-double-click-time", &double_click_ms, NULL);
  g_clear_handle_id (&self->click_timeout, g_source_remove);
  self->click_x = x;
  self->click_y = y;
  self->click_timeout = g_timeout_add (double_click_ms, single_click_cb, self);
}

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  DvAppGraphView  *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->keyboard_mode = FALSE;
  press (self, n_press, x, y);
}

static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   DvAppGraphView  *self)
{
  release (self, n_press, x, y, TRUE);
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               DvAppGraphView *self)
{
  self->drag_offset_x = self->vp.offset_x;
  self->drag_offset_y = self->vp.offset_y;
  self->dragging = FALSE;
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                DvAppGraphView *self)
{
  if (!self->dragging && hypot (dx, dy) < DRAG_THRESHOLD)
    return;
  if (!self->dragging)
    {
      self->dragging = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
    }
  pan (self, self->drag_offset_x + dx - self->vp.offset_x, self->drag_offset_y + dy - self->vp.offset_y);
}

static void
update_hover (DvAppGraphView *self)
{
  int hover = self->pointer_inside ? node_at (self, self->pointer_x, self->pointer_y) : -1;

  if (!self->dragging)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), hover >= 0 ? "pointer" : NULL);
  if (hover == self->hover)
    return;
  self->hover = hover;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             DvAppGraphView *self)
{
  self->dragging = FALSE;
  update_hover (self);
}

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           DvAppGraphView           *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_inside = TRUE;
  update_hover (self);
}

static void
leave_cb (GtkEventControllerMotion *motion,
          DvAppGraphView           *self)
{
  self->pointer_inside = FALSE;
  update_hover (self);
}

static gboolean
scroll_cb (GtkEventControllerScroll *scroll,
           double                    dx,
           double                    dy,
           DvAppGraphView           *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));
  double step = gtk_event_controller_scroll_get_unit (scroll) == GDK_SCROLL_UNIT_WHEEL ? 40 : 1;

  if (self->layout == NULL)
    return FALSE;
  if (state & GDK_CONTROL_MASK)
    {
      double factor = pow (ZOOM_STEP, -dy * (step == 1 ? 0.02 : 1));
      zoom_around (self, self->vp.scale * factor, self->pointer_x, self->pointer_y);
      return TRUE;
    }
  if (state & GDK_SHIFT_MASK && dx == 0)
    {
      dx = dy;
      dy = 0;
    }
  pan (self, -dx * step, -dy * step);
  return TRUE;
}

static void
pinch_begin_cb (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                DvAppGraphView   *self)
{
  self->pinch_scale = self->vp.scale;
}

static void
pinch_scale_changed_cb (GtkGestureZoom *gesture,
                        double          scale,
                        DvAppGraphView *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;
  zoom_around (self, self->pinch_scale * scale, x, y);
}

/* ---- Keyboard ---- */

static void
move_cursor (DvAppGraphView *self,
             DvAppGraphMove  move)
{
  const DvLayoutNode *node;
  int to;

  if (self->layout == NULL || self->layout->n_nodes == 0)
    return;
  if (self->cursor < 0)
    to = self->layout->n_chain > 0 ? (int) self->layout->chain[self->layout->n_chain - 1] : 0;
  else
    to = dv_app_graph_nav_neighbour (self->layout, self->cursor, move);
  if (to < 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  set_cursor (self, to);
  node = &self->layout->nodes[to];
  sync_viewport (self);
  if (dv_app_viewport_scroll_to (&self->vp, &(DvAppRect) { node->x - node->width / 2, node->y - node->height / 2,
                                                            node->width, node->height }))
    {
      self->auto_fit = FALSE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/* GTK shows the focus ring after Tab, and hides it again when a key is
 * released on the widget that had the focus when it was pressed: the
 * graph keeps its own "used from the keyboard" until the next click. */
static void
show_focus (GtkWidget *widget)
{
  DvAppGraphView *self = DV_APP_GRAPH_VIEW (widget);

  if (!self->keyboard_mode)
    {
      self->keyboard_mode = TRUE;
      gtk_widget_queue_draw (widget);
    }
}

static gboolean
move_cb (GtkWidget *widget,
         GVariant  *args,
         gpointer   data)
{
  show_focus (widget);
  move_cursor (DV_APP_GRAPH_VIEW (widget), g_variant_get_int32 (args));
  return TRUE;
}

static gboolean
activate_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   data)
{
  DvAppGraphView *self = DV_APP_GRAPH_VIEW (widget);

  if (!valid_node (self, self->cursor))
    return FALSE;
  show_focus (widget);
  activate_node (self, self->cursor);
  return TRUE;
}

static gboolean
unfold_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   data)
{
  DvAppGraphView *self = DV_APP_GRAPH_VIEW (widget);

  if (!valid_node (self, self->cursor))
    return FALSE;
  show_focus (widget);
  unfold_node (self, self->cursor);
  return TRUE;
}

static void
focus_changed_cb (DvAppGraphView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static char *
node_tooltip (DvAppGraphView *self,
              int             index)
{
  char *text = dv_app_graph_describe_tooltip (self->graph, matching_cost (self), self->layout, index);
  g_autofree char *mark = dv_app_graph_describe_mark (self->highlight, &self->layout->nodes[index],
                                                      node_mark (self, index));

  if (mark != NULL)
    {
      char *with_mark = g_strconcat (text, "\n", mark, NULL);

      g_free (text);
      text = with_mark;
    }

  if (is_startup_step (self, &self->layout->nodes[index]))
    {
      char *with_hint = g_strconcat (text, "\n", _("Part of the Go runtime's start-up: double-click or press Space to fold its steps again"), NULL);

      g_free (text);
      text = with_hint;
    }
  return text;
}

static gboolean
dv_app_graph_view_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard_mode,
                                 GtkTooltip *tooltip)
{
  DvAppGraphView *self = DV_APP_GRAPH_VIEW (widget);
  int index = keyboard_mode ? self->cursor : node_at (self, x, y);
  const DvLayoutNode *node;
  g_autofree char *text = NULL;
  double nx, ny;

  if (!valid_node (self, index))
    return FALSE;
  node = &self->layout->nodes[index];
  text = node_tooltip (self, index);
  gtk_tooltip_set_text (tooltip, text);
  dv_app_viewport_to_widget (&self->vp, node->x - node->width / 2, node->y - node->height / 2, &nx, &ny);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { floor (nx), floor (ny),
                                                       ceil (node->width * self->vp.scale),
                                                       ceil (node->height * self->vp.scale) });
  return TRUE;
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *name,
                GVariant   *parameter)
{
  dv_app_graph_view_zoom_in (DV_APP_GRAPH_VIEW (widget));
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *parameter)
{
  dv_app_graph_view_zoom_out (DV_APP_GRAPH_VIEW (widget));
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *parameter)
{
  dv_app_graph_view_zoom_fit (DV_APP_GRAPH_VIEW (widget));
}

/* ---- GtkWidget ---- */

static void
dv_app_graph_view_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  DvAppGraphView *self = DV_APP_GRAPH_VIEW (widget);

  if (self->auto_fit)
    fit (self);
  else
    sync_viewport (self);
}

static void
dv_app_graph_view_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  *minimum = 120;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 480;
}

static void
dv_app_graph_view_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (dv_app_graph_view_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

static void
dark_changed_cb (DvAppGraphView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_model (DvAppGraphView *self,
           DvAppFocus     *model)
{
  if (model == self->model)
    return;
  if (self->model != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->model, self);
      g_clear_object (&self->model);
    }
  if (model == NULL)
    return;
  self->model = g_object_ref (model);
  g_signal_connect_swapped (model, "notify::layout", G_CALLBACK (model_layout_cb), self);
  g_signal_connect_swapped (model, "notify::busy", G_CALLBACK (model_busy_cb), self);
  g_signal_connect_swapped (model, "notify::hide-metadata", G_CALLBACK (model_hide_metadata_cb), self);
}

static void
dv_app_graph_view_dispose (GObject *object)
{
  DvAppGraphView *self = DV_APP_GRAPH_VIEW (object);

  set_model (self, NULL);
  g_clear_handle_id (&self->click_timeout, g_source_remove);
  g_clear_handle_id (&self->ready_idle, g_source_remove);
  if (self->style_manager != NULL)
    g_signal_handlers_disconnect_by_func (self->style_manager, dark_changed_cb, self);
  self->style_manager = NULL;
  if (self->highlight != NULL)
    g_signal_handlers_disconnect_by_func (self->highlight, highlight_changed_cb, self);
  g_clear_object (&self->highlight);
  g_clear_pointer (&self->renderer, dv_app_graph_renderer_free);
  self->layout = NULL;
  g_clear_pointer (&self->graph, dv_graph_unref);
  g_clear_pointer (&self->cost, dv_cost_free);

  G_OBJECT_CLASS (dv_app_graph_view_parent_class)->dispose (object);
}

static void
dv_app_graph_view_finalize (GObject *object)
{
  DvAppGraphView *self = DV_APP_GRAPH_VIEW (object);

  g_array_unref (self->startup_steps);
  g_array_unref (self->marks);
  g_free (self->description);
  g_free (self->details);

  G_OBJECT_CLASS (dv_app_graph_view_parent_class)->finalize (object);
}

static void
dv_app_graph_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DvAppGraphView *self = DV_APP_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_PACKAGES:
      g_value_set_boolean (value, dv_app_focus_get_packages (self->model));
      break;
    case PROP_HIDE_METADATA:
      g_value_set_boolean (value, dv_app_focus_get_hide_metadata (self->model));
      break;
    case PROP_COST:
      g_value_set_boxed (value, self->cost);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dv_app_graph_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  DvAppGraphView *self = DV_APP_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_PACKAGES:
      dv_app_graph_view_set_packages (self, g_value_get_boolean (value));
      break;
    case PROP_HIDE_METADATA:
      dv_app_graph_view_set_hide_metadata (self, g_value_get_boolean (value));
      break;
    case PROP_COST:
      dv_app_graph_view_set_cost (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_move_binding (GtkWidgetClass *widget_class,
                  guint           keyval,
                  guint           kp_keyval,
                  DvAppGraphMove  move)
{
  gtk_widget_class_add_binding (widget_class, keyval, 0, move_cb, "i", move);
  gtk_widget_class_add_binding (widget_class, kp_keyval, 0, move_cb, "i", move);
}

static void
dv_app_graph_view_class_init (DvAppGraphViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dv_app_graph_view_dispose;
  object_class->finalize = dv_app_graph_view_finalize;
  object_class->get_property = dv_app_graph_view_get_property;
  object_class->set_property = dv_app_graph_view_set_property;

  widget_class->snapshot = dv_app_graph_view_snapshot;
  widget_class->measure = dv_app_graph_view_measure;
  widget_class->size_allocate = dv_app_graph_view_size_allocate;
  widget_class->query_tooltip = dv_app_graph_view_query_tooltip;
  widget_class->css_changed = dv_app_graph_view_css_changed;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The chain from the top to the focus as one node per package. */
  properties[PROP_PACKAGES] =
    g_param_spec_boolean ("packages", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Compiler metadata (gclocals·…, .arginfo1, DWARF) folded into "+N metadata"
   * (off as in a DvLayoutRequest; the window binds it to the sidebar's). */
  properties[PROP_HIDE_METADATA] =
    g_param_spec_boolean ("hide-metadata", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Symbol sizes for the graph shown: each node gets its bytes as a second line. */
  properties[PROP_COST] =
    g_param_spec_boxed ("cost", NULL, NULL, DV_APP_TYPE_COST,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A click on a node (not on a "+N more" node, which opens instead). */
  signals[SIGNAL_SYMBOL_ACTIVATED] =
    g_signal_new ("symbol-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /* A click on a package node of the package view: the DvPackageId. */
  signals[SIGNAL_PACKAGE_ACTIVATED] =
    g_signal_new ("package-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /* A new layout is on screen. */
  signals[SIGNAL_LAYOUT_READY] =
    g_signal_new ("layout-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "graph.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "graph.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "graph.zoom-fit", NULL, zoom_fit_action);
  /* Plain + unfolds the node with the keyboard focus; zoom keeps Ctrl. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "graph.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "graph.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "graph.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "graph.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "graph.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "graph.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "graph.zoom-fit", NULL);

  add_move_binding (widget_class, GDK_KEY_Up, GDK_KEY_KP_Up, DV_APP_GRAPH_MOVE_UP);
  add_move_binding (widget_class, GDK_KEY_Down, GDK_KEY_KP_Down, DV_APP_GRAPH_MOVE_DOWN);
  add_move_binding (widget_class, GDK_KEY_Left, GDK_KEY_KP_Left, DV_APP_GRAPH_MOVE_LEFT);
  add_move_binding (widget_class, GDK_KEY_Right, GDK_KEY_KP_Right, DV_APP_GRAPH_MOVE_RIGHT);
  add_move_binding (widget_class, GDK_KEY_Home, GDK_KEY_KP_Home, DV_APP_GRAPH_MOVE_CHAIN_TOP);
  add_move_binding (widget_class, GDK_KEY_End, GDK_KEY_KP_End, DV_APP_GRAPH_MOVE_CHAIN_FOCUS);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, 0, activate_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, 0, activate_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_ISO_Enter, 0, activate_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_space, 0, unfold_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Space, 0, unfold_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_plus, 0, unfold_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Add, 0, unfold_cb, NULL);

  gtk_widget_class_set_css_name (widget_class, "dvappgraphview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dv_app_graph_view_init (DvAppGraphView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkGesture *click, *drag, *pinch;
  GtkEventController *motion, *scroll, *focus;

  self->anchor = DV_SYMBOL_NONE;
  self->model = dv_app_focus_new ();
  g_signal_connect_swapped (self->model, "notify::layout", G_CALLBACK (model_layout_cb), self);
  g_signal_connect_swapped (self->model, "notify::busy", G_CALLBACK (model_busy_cb), self);
  g_signal_connect_swapped (self->model, "notify::hide-metadata", G_CALLBACK (model_hide_metadata_cb), self);
  self->startup_steps = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));
  self->renderer = dv_app_graph_renderer_new (widget);
  self->marks = g_array_new (FALSE, TRUE, sizeof (guint));
  dv_app_viewport_init (&self->vp);
  self->auto_fit = TRUE;
  self->hover = -1;
  self->cursor = -1;

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_widget_add_css_class (widget, "view");

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (click_pressed_cb), self);
  g_signal_connect (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));

  pinch = gtk_gesture_zoom_new ();
  g_signal_connect (pinch, "begin", G_CALLBACK (pinch_begin_cb), self);
  g_signal_connect (pinch, "scale-changed", G_CALLBACK (pinch_scale_changed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (pinch));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (widget, motion);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (widget, scroll);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (focus_changed_cb), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_changed_cb), self);
  gtk_widget_add_controller (widget, focus);

  self->style_manager = adw_style_manager_get_default ();
  g_signal_connect_swapped (self->style_manager, "notify::dark", G_CALLBACK (dark_changed_cb), self);

  update_accessible (self);
}

/* ---- Public API ---- */

GtkWidget *
dv_app_graph_view_new (void)
{
  return g_object_new (DV_APP_TYPE_GRAPH_VIEW, NULL);
}

void
dv_app_graph_view_set_focus_object (DvAppGraphView *self,
                                    DvAppFocus     *focus)
{
  g_return_if_fail (DV_APP_IS_GRAPH_VIEW (self));
  g_return_if_fail (DV_APP_IS_FOCUS (focus));

  if (focus == self->model)
    return;
  set_model (self, focus);
  self->anchor = DV_SYMBOL_NONE;
  self->anchor_startup = FALSE;
  set_busy (self, dv_app_focus_get_busy (focus));
  model_layout_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDE_METADATA]);
}

DvAppFocus *
dv_app_graph_view_get_focus_object (DvAppGraphView *self)
{
  g_return_val_if_fail (DV_APP_IS_GRAPH_VIEW (self), NULL);
  return self->model;
}

void
dv_app_graph_view_set_graph (DvAppGraphView *self,
                             DvGraph        *graph)
{
  g_return_if_fail (DV_APP_IS_GRAPH_VIEW (self));

  if (graph == dv_app_focus_get_graph (self->model))
    return;
  self->anchor = DV_SYMBOL_NONE;
  self->anchor_startup = FALSE;
  g_array_set_size (self->startup_steps, 0);
  dv_app_focus_set_graph (self->model, graph, FALSE);
}

void
dv_app_graph_view_set_focus (DvAppGraphView *self,
                             DvSymbolId      focus)
{
  DvGraph *graph;

  g_return_if_fail (DV_APP_IS_GRAPH_VIEW (self));

  graph = dv_app_focus_get_graph (self->model);
  if (graph == NULL || focus >= dv_graph_get_n_symbols (graph))
    focus = DV_SYMBOL_NONE;
  /* kept when the new focus is the node just clicked */
  if (focus != self->anchor)
    self->anchor = DV_SYMBOL_NONE;
  if (focus == dv_app_focus_get_symbol (self->model))
    return; /* the model lays it out, or has: a focus object shared with a window gets here after it */
  if (focus == DV_SYMBOL_NONE)
    dv_app_focus_clear (self->model);
  else
    dv_app_focus_show_symbol (self->model, focus, FALSE);
}

void
dv_app_graph_view_set_packages (DvAppGraphView *self,
                                gboolean        packages)
{
  g_return_if_fail (DV_APP_IS_GRAPH_VIEW (self));

  packages = !!packages;
  if (packages == dv_app_focus_get_packages (self->model))
    return;
  self->anchor = DV_SYMBOL_NONE;
  dv_app_focus_set_packages (self->model, packages);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PACKAGES]);
}

gboolean
dv_app_graph_view_get_packages (DvAppGraphView *self)
{
  g_return_val_if_fail (DV_APP_IS_GRAPH_VIEW (self), FALSE);
  return dv_app_focus_get_packages (self->model);
}

DvSymbolId
dv_app_graph_view_get_focus (DvAppGraphView *self)
{
  g_return_val_if_fail (DV_APP_IS_GRAPH_VIEW (self), DV_SYMBOL_NONE);
  return dv_app_focus_get_symbol (self->model);
}

void
dv_app_graph_view_set_hide_metadata (DvAppGraphView *self,
                                     gboolean        hide)
{
  g_return_if_fail (DV_APP_IS_GRAPH_VIEW (self));

  if (!hide == !dv_app_focus_get_hide_metadata (self->model))
    return;
  /* the node with the keyboard focus stays where it is */
  if (valid_node (self, self->cursor) && self->layout->nodes[self->cursor].symbol != DV_SYMBOL_NONE)
    set_anchor (self, self->layout->nodes[self->cursor].symbol);
  dv_app_focus_set_hide_metadata (self->model, hide);
}

gboolean
dv_app_graph_view_get_hide_metadata (DvAppGraphView *self)
{
  g_return_val_if_fail (DV_APP_IS_GRAPH_VIEW (self), FALSE);
  return dv_app_focus_get_hide_metadata (self->model);
}

void
dv_app_graph_view_set_cost (DvAppGraphView *self,
                            DvCost         *cost)
{
  g_return_if_fail (DV_APP_IS_GRAPH_VIEW (self));

  if (cost == self->cost)
    return;
  g_clear_pointer (&self->cost, dv_cost_free);
  if (cost != NULL)
    self->cost = dv_cost_ref (cost);
  /* the package view's bytes come with its layout */
  dv_app_focus_set_cost (self->model, cost);
  dv_app_graph_renderer_set_cost (self->renderer, matching_cost (self));
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COST]);
}

static void
highlight_changed_cb (DvAppGraphView *self)
{
  update_marks (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
dv_app_graph_view_set_highlight (DvAppGraphView *self,
                                 DvAppHighlight *highlight)
{
  g_return_if_fail (DV_APP_IS_GRAPH_VIEW (self));

  if (highlight == self->highlight)
    return;
  if (self->highlight != NULL)
    g_signal_handlers_disconnect_by_func (self->highlight, highlight_changed_cb, self);
  g_set_object (&self->highlight, highlight);
  if (highlight != NULL)
    g_signal_connect_swapped (highlight, "changed", G_CALLBACK (highlight_changed_cb), self);
  if (self->renderer != NULL)
    highlight_changed_cb (self);
}

DvCost *
dv_app_graph_view_get_cost (DvAppGraphView *self)
{
  g_return_val_if_fail (DV_APP_IS_GRAPH_VIEW (self), NULL);
  return self->cost;
}

gboolean
dv_app_graph_view_get_busy (DvAppGraphView *self)
{
  g_return_val_if_fail (DV_APP_IS_GRAPH_VIEW (self), FALSE);
  return self->busy;
}

void
dv_app_graph_view_zoom_in (DvAppGraphView *self)
{
  g_return_if_fail (DV_APP_IS_GRAPH_VIEW (self));
  zoom_by (self, ZOOM_STEP);
}

void
dv_app_graph_view_zoom_out (DvAppGraphView *self)
{
  g_return_if_fail (DV_APP_IS_GRAPH_VIEW (self));
  zoom_by (self, 1 / ZOOM_STEP);
}

void
dv_app_graph_view_zoom_fit (DvAppGraphView *self)
{
  g_return_if_fail (DV_APP_IS_GRAPH_VIEW (self));
  self->auto_fit = TRUE;
  fit (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *title = dv_layout_text_title (job->graph, job->request.focus);
  DvLayoutExportOptions options;
  char mark_colour[8];
  GError *error = NULL;

  /* An export is read outside the app, in English as the CLI's */
  dv_layout_export_options_init (&options);
  options.title = title;
  if (job->marked != NULL)
    {
      GdkRGBA colour;

      /* on the export's white, with the word the CLI would use */
      dv_app_highlight_kind_colour (job->mark_kind, FALSE, &colour);
      g_snprintf (mark_colour, sizeof mark_colour, "#%02x%02x%02x", (guint) (colour.red * 255 + 0.5),
                  (guint) (colour.green * 255 + 0.5), (guint) (colour.blue * 255 + 0.5));
      options.marked = (const DvSymbolId *) job->marked->data;
      options.n_marked = job->marked->len;
      options.marked_packages = (const DvPackageId *) job->marked_packages->data;
      options.n_marked_packages = job->marked_packages->len;
      options.mark_colour = mark_colour;
      options.mark_note = job->mark_kind == DV_APP_HIGHLIGHT_ADDED ? "new" : "goes";
      options.mark_fold_note = job->mark_kind == DV_APP_HIGHLIGHT_ADDED ? "new" : "go";
      /* the key says what the word means: a reader of the file has no mark bar */
      options.mark_legend = job->mark_kind == DV_APP_HIGHLIGHT_ADDED
                            ? "double outline, new: not in the build this one was compared with"
                            : "double outline, goes: would go from the binary with the focus";
    }
  if (!dv_layout_export (job->graph, &job->request, &options, job->format, &bytes, &error) ||
      !g_file_replace_contents (job->file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
dv_app_graph_view_export_async (DvAppGraphView         *self,
                            const char          *format,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (DV_APP_IS_GRAPH_VIEW (self));
  g_return_if_fail (format != NULL);
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dv_app_graph_view_export_async);
  if (dv_app_focus_get_graph (self->model) == NULL || dv_app_focus_get_symbol (self->model) == DV_SYMBOL_NONE)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("There is no graph to export"));
      return;
    }
  job = job_new (self);
  job->format = g_strdup (format);
  job->file = g_object_ref (file);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
dv_app_graph_view_export_finish (DvAppGraphView   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dv_app_graph_view_export_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Private, for tests ---- */

const DvLayout *
dv_app_graph_view_get_layout (DvAppGraphView *self)
{
  return self->layout;
}

double
dv_app_graph_view_get_scale (DvAppGraphView *self)
{
  return self->vp.scale;
}

int
dv_app_graph_view_node_at (DvAppGraphView *self,
                           double          x,
                           double          y)
{
  return node_at (self, x, y);
}

void
dv_app_graph_view_layout_to_widget (DvAppGraphView *self,
                                    double          lx,
                                    double          ly,
                                    double         *x,
                                    double         *y)
{
  dv_app_viewport_to_widget (&self->vp, lx, ly, x, y);
}

void
dv_app_graph_view_click_at (DvAppGraphView *self,
                            double          x,
                            double          y,
                            int             n_press)
{
  press (self, 1, x, y);
  if (n_press == 1)
    {
      release (self, 1, x, y, FALSE);
      return;
    }
  /* a double click as the gesture reports it: the first release waits
   * (or acts at once on a node that cannot expand), the second press acts */
  release (self, 1, x, y, TRUE);
  press (self, 2, x, y);
  release (self, 2, x, y, TRUE);
}

void
dv_app_graph_view_press_at (DvAppGraphView *self,
                            double          x,
                            double          y,
                            int             n_press)
{
  press (self, n_press, x, y);
}

void
dv_app_graph_view_release_at (DvAppGraphView *self,
                              double          x,
                              double          y,
                              int             n_press)
{
  release (self, n_press, x, y, TRUE);
}

void
dv_app_graph_view_hover_at (DvAppGraphView *self,
                            double          x,
                            double          y)
{
  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_inside = TRUE;
  update_hover (self);
}

int
dv_app_graph_view_get_hover (DvAppGraphView *self)
{
  return self->hover;
}

int
dv_app_graph_view_get_cursor (DvAppGraphView *self)
{
  return self->cursor;
}

guint
dv_app_graph_view_get_n_scene_builds (DvAppGraphView *self)
{
  return dv_app_graph_renderer_get_n_builds (self->renderer);
}

char *
dv_app_graph_view_get_tooltip (DvAppGraphView *self,
                               int             index)
{
  if (!valid_node (self, index))
    return NULL;
  return node_tooltip (self, index);
}

const char *
dv_app_graph_view_get_note (DvAppGraphView *self,
                            int             index)
{
  if (!valid_node (self, index))
    return NULL;
  return dv_app_graph_renderer_get_note (self->renderer, index);
}

const char *
dv_app_graph_view_get_description (DvAppGraphView  *self,
                                   const char     **details)
{
  if (details != NULL)
    *details = self->details;
  return self->description;
}

guint
dv_app_graph_view_get_n_marked (DvAppGraphView *self)
{
  return self->n_marked;
}

guint
dv_app_graph_view_get_mark (DvAppGraphView *self,
                            int             index)
{
  return node_mark (self, index);
}
