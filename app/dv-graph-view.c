/* dv-graph-view.c: draws a DvLayout and lets the user move around in it.
 * Layouts are made in a GTask thread (dv-layout.c owns every Graphviz
 * call); the widget only ever sees the plain structs they return. */
#define G_LOG_DOMAIN "depview"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <math.h>

#include "dv-graph-view.h"
#include "dv-app-symbol-row.h"
#include "dv-graph-view-private.h"
#include "dv-layout.h"

/* 1.0 would be one pixel per point; labels are 10 pt, so 4/3 shows them
 * at the size of 10 pt text on a 96 dpi screen. */
#define SCALE_NATURAL   (4.0 / 3.0)
#define SCALE_MIN       0.05
#define SCALE_MAX       8.0
#define ZOOM_STEP       1.25
#define FIT_MARGIN      16.0
/* the window's zoom buttons float over the right edge of the view */
#define BUTTONS_RESERVE 60.0
#define DRAG_THRESHOLD  4.0
/* Below this labels are under 9 px: a new layout is shown at this scale
 * around its focus instead of whole (Ctrl+0 still shows it whole). */
#define SCALE_READABLE  0.9
#define LABEL_FONT_SIZE 10.0
#define LABEL_PADDING   4.5
#define CORNER_RADIUS   5.0

struct _DvGraphView
{
  GtkWidget      parent_instance;

  DvGraph       *graph;
  DvSymbolId     focus;
  GArray        *expanded;      /* DvSymbolId: nodes whose children are shown */
  GArray        *unfolded;      /* DvSymbolId: nodes whose "+N more" was opened */

  DvLayout      *layout;        /* what is on screen */
  GPtrArray     *labels;        /* PangoLayout per node, for label_scale */
  GArray        *label_fits;    /* double per node: how much its label is shrunk */
  double         label_scale;
  char          *description;   /* the accessible label */
  char          *details;       /* the accessible description */

  GCancellable  *cancellable;   /* of the layout in flight */
  guint          generation;    /* of the latest request; older results are stale */
  gboolean       busy;
  gint64         requested_at;
  double         layout_ms;
  gboolean       ready_pending; /* emit "layout-ready" after the next draw */
  guint          ready_idle;

  double         scale;         /* widget pixels per layout point */
  double         offset_x, offset_y;
  gboolean       auto_fit;      /* refit on resize until the user pans or zooms */
  gboolean       fit_whole;     /* the user asked for all of it, however small */
  DvSymbolId     anchor;        /* expanded or opened: stays where it was on screen */
  double         anchor_x, anchor_y, anchor_scale;

  double         pointer_x, pointer_y;
  gboolean       pointer_inside;
  int            hover;         /* node index or -1 */

  double         drag_offset_x, drag_offset_y;
  gboolean       dragging;
  double         pinch_scale;
  guint          click_timeout;
  double         click_x, click_y;

  AdwStyleManager *style_manager;
};

G_DEFINE_FINAL_TYPE (DvGraphView, dv_graph_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  SIGNAL_SYMBOL_ACTIVATED,
  SIGNAL_LAYOUT_READY,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- Jobs: what a layout or export thread needs, copied ---- */

typedef struct {
  DvGraph         *graph;
  DvLayoutRequest  request;
  guint            generation;
  double           layout_ms;
  char            *format;  /* export */
  GFile           *file;    /* export */
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  dv_graph_unref (job->graph);
  g_free ((gpointer) job->request.expanded);
  g_free ((gpointer) job->request.unfolded);
  g_free (job->format);
  g_clear_object (&job->file);
  g_free (job);
}

static Job *
job_new (DvGraphView *self)
{
  Job *job = g_new0 (Job, 1);

  job->graph = dv_graph_ref (self->graph);
  dv_layout_request_init (&job->request, self->focus);
  job->request.expanded = g_memdup2 (self->expanded->data, self->expanded->len * sizeof (DvSymbolId));
  job->request.n_expanded = self->expanded->len;
  job->request.unfolded = g_memdup2 (self->unfolded->data, self->unfolded->len * sizeof (DvSymbolId));
  job->request.n_unfolded = self->unfolded->len;
  job->generation = self->generation;
  return job;
}

/* ---- Coordinates ---- */

static void
to_widget (DvGraphView *self,
           double       lx,
           double       ly,
           double      *x,
           double      *y)
{
  *x = self->offset_x + lx * self->scale;
  *y = self->offset_y + ly * self->scale;
}

static int
node_at (DvGraphView *self,
         double       x,
         double       y)
{
  double lx, ly;

  if (self->layout == NULL || self->scale <= 0)
    return -1;
  lx = (x - self->offset_x) / self->scale;
  ly = (y - self->offset_y) / self->scale;
  for (guint i = 0; i < self->layout->n_nodes; i++)
    {
      const DvLayoutNode *n = &self->layout->nodes[i];

      if (fabs (lx - n->x) <= n->width / 2 && fabs (ly - n->y) <= n->height / 2)
        return i;
    }
  return -1;
}

/* The offset that centres content in view if it fits, else puts the point
 * `at` in the middle without leaving empty space past the content's ends. */
static double
place (double view,
       double content,
       double at)
{
  if (content <= view - 2 * FIT_MARGIN)
    return (view - content) / 2;
  return CLAMP (view / 2 - at, view - FIT_MARGIN - content, FIT_MARGIN);
}

static void
fit (DvGraphView *self)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));
  double lw, lh, s;

  /* fit beside the buttons, not under them, when there is room for both */
  if (w > 4 * BUTTONS_RESERVE)
    w -= BUTTONS_RESERVE;
  if (self->layout == NULL || w <= 0 || h <= 0)
    return;
  lw = MAX (self->layout->width, 1);
  lh = MAX (self->layout->height, 1);
  s = MIN ((w - 2 * FIT_MARGIN) / lw, (h - 2 * FIT_MARGIN) / lh);
  s = CLAMP (s, SCALE_MIN, SCALE_NATURAL);

  if (s >= SCALE_READABLE || self->fit_whole || self->layout->n_chain == 0)
    {
      self->scale = s;
      self->offset_x = (w - lw * s) / 2;
      self->offset_y = (h - lh * s) / 2;
    }
  else
    {
      /* Too big to read when fit whole: readable, the focus in the middle,
       * the graph's edges kept inside the view where there is room. */
      const DvLayoutNode *focus = &self->layout->nodes[self->layout->chain[self->layout->n_chain - 1]];

      self->scale = SCALE_READABLE;
      self->offset_x = place (w, lw * self->scale, focus->x * self->scale);
      self->offset_y = place (h, lh * self->scale, focus->y * self->scale);
    }
}

static void
zoom_around (DvGraphView *self,
             double       new_scale,
             double       x,
             double       y)
{
  new_scale = CLAMP (new_scale, SCALE_MIN, SCALE_MAX);
  if (self->scale <= 0 || new_scale == self->scale)
    return;
  self->offset_x = x - (x - self->offset_x) * new_scale / self->scale;
  self->offset_y = y - (y - self->offset_y) * new_scale / self->scale;
  self->scale = new_scale;
  self->auto_fit = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
zoom_by (DvGraphView *self,
         double       factor)
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
  zoom_around (self, self->scale * factor, x, y);
}

/* ---- Colours ---- */

typedef struct {
  gboolean dark;
  GdkRGBA  fg;
  GdkRGBA  bg;
  GdkRGBA  accent;
  GdkRGBA  root_edge;
  GdkRGBA  warning;
} Colours;

static GdkRGBA
mix (const GdkRGBA *a,
     const GdkRGBA *b,
     double         t)
{
  return (GdkRGBA) { a->red + (b->red - a->red) * t,
                     a->green + (b->green - a->green) * t,
                     a->blue + (b->blue - a->blue) * t,
                     a->alpha + (b->alpha - a->alpha) * t };
}

static GdkRGBA
with_alpha (const GdkRGBA *c,
            double         alpha)
{
  return (GdkRGBA) { c->red, c->green, c->blue, c->alpha * alpha };
}

static GdkRGBA
palette_rgba (guint index)
{
  const DvLayoutColour *c = &dv_layout_palette[MIN (index, DV_LAYOUT_COLOUR_NONE)];

  return (GdkRGBA) { c->red, c->green, c->blue, 1 };
}

static void
get_colours (DvGraphView *self,
             Colours     *colours)
{
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

/* ---- Drawing ---- */

static gboolean
edge_touches (const DvLayoutEdge *edge,
              int                 node)
{
  return node >= 0 && ((int) edge->from == node || (int) edge->to == node);
}

static void
draw_arrow (cairo_t             *cr,
            DvGraphView         *self,
            const DvLayoutPoint *base,
            const DvLayoutPoint *tip,
            gboolean             hollow)
{
  double bx, by, tx, ty, dx, dy, len, hw;

  to_widget (self, base->x, base->y, &bx, &by);
  to_widget (self, tip->x, tip->y, &tx, &ty);
  dx = tx - bx;
  dy = ty - by;
  len = hypot (dx, dy);
  if (len < 0.01)
    return;
  hw = len * 0.38;
  cairo_new_path (cr);
  cairo_move_to (cr, tx, ty);
  cairo_line_to (cr, bx - dy / len * hw, by + dx / len * hw);
  cairo_line_to (cr, bx + dy / len * hw, by - dx / len * hw);
  cairo_close_path (cr);
  if (hollow)
    {
      cairo_save (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
  else
    cairo_fill (cr);
}

static void
draw_edges (DvGraphView   *self,
            GtkSnapshot   *snapshot,
            const Colours *colours,
            double         width,
            double         height)
{
  const DvLayout *layout = self->layout;
  double thickness = CLAMP (self->scale, 0.7, 1.8);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  /* Plain edges first, the chain and the hovered node's edges on top. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < layout->n_edges; i++)
      {
        const DvLayoutEdge *edge = &layout->edges[i];
        gboolean hot = edge_touches (edge, self->hover);
        gboolean top = hot || edge->on_chain;
        GdkRGBA colour;
        double line;

        if (edge->n_points < 4 || top != (pass == 1))
          continue;

        if (edge->kind == DV_EDGE_ROOT)
          colour = colours->root_edge, line = 2.5;
        else if (edge->on_chain)
          colour = colours->accent, line = 2;
        else
          colour = with_alpha (&colours->fg, 0.45), line = 1.1;
        if (hot)
          {
            colour = edge->on_chain || edge->kind == DV_EDGE_ROOT ? colour : colours->accent;
            line += 1;
          }
        else if (self->hover >= 0 && !edge->on_chain)
          colour = with_alpha (&colours->fg, 0.2);

        gdk_cairo_set_source_rgba (cr, &colour);
        cairo_set_line_width (cr, line * thickness);
        if (edge->kind == DV_EDGE_CALL)
          {
            double dash[2] = { 5 * thickness, 3 * thickness };
            cairo_set_dash (cr, dash, 2, 0);
          }
        else
          cairo_set_dash (cr, NULL, 0, 0);

        cairo_new_path (cr);
        for (guint k = 0; k < edge->n_points; k++)
          {
            double x, y;

            to_widget (self, edge->points[k].x, edge->points[k].y, &x, &y);
            if (k == 0)
              cairo_move_to (cr, x, y);
            else if ((k - 1) % 3 == 2)
              {
                double x1, y1, x2, y2;

                to_widget (self, edge->points[k - 2].x, edge->points[k - 2].y, &x1, &y1);
                to_widget (self, edge->points[k - 1].x, edge->points[k - 1].y, &x2, &y2);
                cairo_curve_to (cr, x1, y1, x2, y2, x, y);
              }
          }
        cairo_stroke (cr);

        if (edge->has_head)
          draw_arrow (cr, self, &edge->points[edge->n_points - 1], &edge->head, edge->kind == DV_EDGE_ROOT);
        if (edge->has_tail)
          draw_arrow (cr, self, &edge->points[0], &edge->tail, FALSE);
      }
  cairo_destroy (cr);
}

/* One PangoLayout per node, its font sized for the current scale. */
static void
update_labels (DvGraphView   *self,
               const Colours *colours)
{
  const DvLayout *layout = self->layout;
  PangoFontDescription *font, *bold;

  if (self->labels == NULL)
    self->labels = g_ptr_array_new_with_free_func (g_object_unref);
  if (self->labels->len == 0)
    {
      for (guint i = 0; i < layout->n_nodes; i++)
        {
          const DvLayoutNode *n = &layout->nodes[i];
          g_autofree char *text = NULL;

          if (n->fold == DV_LAYOUT_FOLD_STARTUP)
            text = g_strdup_printf (_("runtime start-up (%u steps)"), n->more_count);
          else if (n->fold == DV_LAYOUT_FOLD_METADATA)
            text = g_strdup_printf (_("+%u metadata"), n->more_count);
          else if (n->flags & DV_LAYOUT_NODE_MORE)
            text = g_strdup_printf (_("+%u more"), n->more_count);
          else if (n->flags & DV_LAYOUT_NODE_ROOT)
            text = g_strdup (_("root"));
          else if (n->badges != DV_LAYOUT_BADGE_NONE)
            text = g_strconcat (n->label, " ", dv_layout_text_badges (n->badges), NULL);
          else
            text = g_strdup (n->label);

          g_ptr_array_add (self->labels, gtk_widget_create_pango_layout (GTK_WIDGET (self), text));
        }
      self->label_scale = 0;
    }
  if (self->label_scale == self->scale)
    return;

  /* The desktop's sans, which is hinted for screens; Graphviz measured
   * with Helvetica's metrics, and labels that come out wider are scaled. */
  font = pango_font_description_from_string ("Sans");
  pango_font_description_set_absolute_size (font, LABEL_FONT_SIZE * self->scale * PANGO_SCALE);
  bold = pango_font_description_copy (font);
  pango_font_description_set_weight (bold, PANGO_WEIGHT_BOLD);

  g_array_set_size (self->label_fits, layout->n_nodes);
  for (guint i = 0; i < layout->n_nodes; i++)
    {
      const DvLayoutNode *node = &layout->nodes[i];
      PangoLayout *label = g_ptr_array_index (self->labels, i);
      PangoAttrList *attrs = pango_attr_list_new ();
      double room = MAX (1, (node->width - 2 * LABEL_PADDING) * self->scale);
      int text_width;

      pango_layout_set_font_description (label, node->flags & DV_LAYOUT_NODE_FOCUS ? bold : font);
      if (node->badges != DV_LAYOUT_BADGE_NONE && !(node->flags & DV_LAYOUT_NODE_MORE))
        {
          const GdkRGBA *c = node->symbol_flags & DV_SYMBOL_FLAG_REFLECT_METHOD ? &colours->warning : &colours->accent;
          PangoAttribute *colour = pango_attr_foreground_new (c->red * 65535, c->green * 65535, c->blue * 65535);

          colour->start_index = strlen (node->label) + 1;
          pango_attr_list_insert (attrs, colour);
        }
      pango_layout_set_attributes (label, attrs);
      pango_attr_list_unref (attrs);

      /* Hinted small text comes out wider than Graphviz measured it: such a
       * label is drawn scaled down to fit (one font for all, so no font
       * loads per node). */
      pango_layout_get_size (label, &text_width, NULL);
      g_array_index (self->label_fits, double, i) = MIN (1.0, room * PANGO_SCALE / MAX (text_width, 1));
    }
  pango_font_description_free (font);
  pango_font_description_free (bold);
  self->label_scale = self->scale;
}

static void
draw_nodes (DvGraphView   *self,
            GtkSnapshot   *snapshot,
            const Colours *colours,
            double         width,
            double         height)
{
  const DvLayout *layout = self->layout;
  double thickness = CLAMP (self->scale, 0.7, 1.8);
  /* Text smaller than this is noise; the tooltip still has the name. */
  gboolean show_text = LABEL_FONT_SIZE * self->scale >= 4;
  cairo_t *dashes = NULL;

  if (show_text)
    update_labels (self, colours);

  for (guint i = 0; i < layout->n_nodes; i++)
    {
      const DvLayoutNode *node = &layout->nodes[i];
      GdkRGBA base = palette_rgba (node->colour);
      GdkRGBA fill, border, text;
      double x, y, w, h, line = 1.2;
      gboolean dashed = FALSE;
      GskRoundedRect box;

      to_widget (self, node->x - node->width / 2, node->y - node->height / 2, &x, &y);
      w = node->width * self->scale;
      h = node->height * self->scale;
      if (x > width || y > height || x + w < 0 || y + h < 0)
        continue;

      fill = mix (&colours->bg, &base, colours->dark ? 0.32 : 0.18);
      border = colours->dark ? mix (&base, &(GdkRGBA) { 1, 1, 1, 1 }, 0.15)
                             : mix (&base, &(GdkRGBA) { 0, 0, 0, 1 }, 0.12);
      text = colours->fg;
      if (node->flags & (DV_LAYOUT_NODE_CHAIN | DV_LAYOUT_NODE_EXPANDED))
        line = 2;
      if (node->flags & DV_LAYOUT_NODE_FOCUS)
        line = 3;
      if (node->flags & DV_LAYOUT_NODE_ROOT)
        {
          fill = border = colours->fg;
          text = colours->bg;
        }
      if (node->flags & DV_LAYOUT_NODE_MORE)
        {
          fill = mix (&colours->bg, &colours->fg, 0.05);
          border = with_alpha (&colours->fg, 0.5);
          text = with_alpha (&colours->fg, 0.75);
          dashed = TRUE;
        }
      if (node->flags & DV_LAYOUT_NODE_UNREACHABLE)
        {
          border = colours->warning;
          dashed = TRUE;
        }
      if ((int) i == self->hover)
        {
          fill = mix (&colours->bg, &base, colours->dark ? 0.5 : 0.32);
          if (node->flags & (DV_LAYOUT_NODE_ROOT | DV_LAYOUT_NODE_MORE))
            fill = mix (&colours->bg, &colours->fg, 0.15);
          border = colours->accent;
          line += 1;
          if (node->flags & DV_LAYOUT_NODE_ROOT)
            text = colours->fg;
        }
      line *= thickness;

      gsk_rounded_rect_init_from_rect (&box, &GRAPHENE_RECT_INIT (x, y, w, h),
                                       MIN (CORNER_RADIUS * self->scale, h / 2));
      if (node->flags & DV_LAYOUT_NODE_FOCUS)
        gtk_snapshot_append_outset_shadow (snapshot, &box, &(GdkRGBA) { colours->accent.red, colours->accent.green,
                                                                        colours->accent.blue, 0.35 },
                                           0, 0, 3 * thickness, 6 * thickness);
      gtk_snapshot_push_rounded_clip (snapshot, &box);
      gtk_snapshot_append_color (snapshot, &fill, &box.bounds);
      gtk_snapshot_pop (snapshot);

      if (dashed)
        {
          double dash[2] = { 4 * thickness, 3 * thickness };

          if (dashes == NULL)
            dashes = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
          cairo_new_path (dashes);
          cairo_set_dash (dashes, dash, 2, 0);
          cairo_set_line_width (dashes, line);
          gdk_cairo_set_source_rgba (dashes, &border);
          gsk_rounded_rect_shrink (&box, line / 2, line / 2, line / 2, line / 2);
          cairo_move_to (dashes, box.bounds.origin.x + box.corner[0].width, box.bounds.origin.y);
          cairo_arc (dashes, box.bounds.origin.x + box.bounds.size.width - box.corner[1].width,
                     box.bounds.origin.y + box.corner[1].width, box.corner[1].width, -G_PI / 2, 0);
          cairo_arc (dashes, box.bounds.origin.x + box.bounds.size.width - box.corner[2].width,
                     box.bounds.origin.y + box.bounds.size.height - box.corner[2].width, box.corner[2].width, 0, G_PI / 2);
          cairo_arc (dashes, box.bounds.origin.x + box.corner[3].width,
                     box.bounds.origin.y + box.bounds.size.height - box.corner[3].width, box.corner[3].width, G_PI / 2, G_PI);
          cairo_arc (dashes, box.bounds.origin.x + box.corner[0].width,
                     box.bounds.origin.y + box.corner[0].width, box.corner[0].width, G_PI, 3 * G_PI / 2);
          cairo_close_path (dashes);
          cairo_stroke (dashes);
        }
      else
        {
          float widths[4] = { line, line, line, line };
          GdkRGBA borders[4] = { border, border, border, border };

          gtk_snapshot_append_border (snapshot, &box, widths, borders);
        }

      if (show_text)
        {
          PangoLayout *label = g_ptr_array_index (self->labels, i);
          double fit = g_array_index (self->label_fits, double, i);
          int text_width, text_height;

          pango_layout_get_pixel_size (label, &text_width, &text_height);
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + (w - text_width * fit) / 2,
                                                                  y + (h - text_height * fit) / 2));
          if (fit < 1)
            gtk_snapshot_scale (snapshot, fit, fit);
          gtk_snapshot_append_layout (snapshot, label, &text);
          gtk_snapshot_restore (snapshot);
        }
    }
  if (dashes != NULL)
    cairo_destroy (dashes);
}

static gboolean
emit_layout_ready_cb (gpointer data)
{
  DvGraphView *self = data;

  self->ready_idle = 0;
  g_signal_emit (self, signals[SIGNAL_LAYOUT_READY], 0);
  return G_SOURCE_REMOVE;
}

static void
dv_graph_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  DvGraphView *self = DV_GRAPH_VIEW (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  gint64 start = g_get_monotonic_time ();
  Colours colours;

  if (self->layout == NULL)
    return;
  if (self->auto_fit)
    fit (self);

  get_colours (self, &colours);
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_edges (self, snapshot, &colours, width, height);
  draw_nodes (self, snapshot, &colours, width, height);
  gtk_snapshot_pop (snapshot);

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

static void update_hover (DvGraphView *self);

static void
set_busy (DvGraphView *self,
          gboolean     busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* "Keep-alive chain of fmt.Fprintln: _rt0_amd64_linux → … → fmt.Fprintln" */
static char *
describe_chain (const DvLayout *layout)
{
  const DvLayoutNode *focus = &layout->nodes[layout->chain[layout->n_chain - 1]];
  GString *out = g_string_new (NULL);
  guint first = 0;

  if (focus->flags & DV_LAYOUT_NODE_ROOT)
    {
      g_string_append (out, _("The linker's roots and what they keep"));
      return g_string_free (out, FALSE);
    }
  if (layout->reachable)
    {
      g_string_append_printf (out, _("Keep-alive chain of %s: "), focus->tooltip);
      first = 1; /* the root itself says nothing */
    }
  else
    g_string_append_printf (out, _("%s has no path from the root; known ancestors: "), focus->tooltip);

  for (guint i = first; i < layout->n_chain; i++)
    {
      const DvLayoutNode *node = &layout->nodes[layout->chain[i]];

      if (i > first)
        g_string_append (out, " → ");
      if (node->fold == DV_LAYOUT_FOLD_STARTUP)
        g_string_append_printf (out, _("runtime start-up (%u steps)"), node->more_count);
      else
        g_string_append (out, node->flags & DV_LAYOUT_NODE_MORE ? "…" : node->tooltip);
    }
  return g_string_free (out, FALSE);
}

/* "6 children, 0 other parents; 15 nodes shown." */
static char *
describe_nodes (const DvLayout *layout)
{
  guint children = 0, parents = 0;
  g_autofree char *c = NULL;
  g_autofree char *p = NULL;
  g_autofree char *n = NULL;

  for (guint i = 0; i < layout->n_edges; i++)
    {
      const DvLayoutEdge *edge = &layout->edges[i];
      const DvLayoutNode *from = &layout->nodes[edge->from];
      const DvLayoutNode *to = &layout->nodes[edge->to];

      if (edge->on_chain)
        continue;
      if (from->flags & DV_LAYOUT_NODE_FOCUS)
        children += to->flags & DV_LAYOUT_NODE_MORE ? to->more_count : 1;
      else if (to->flags & DV_LAYOUT_NODE_FOCUS)
        parents += from->flags & DV_LAYOUT_NODE_MORE ? from->more_count : 1;
    }
  c = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u child", "%u children", children), children);
  p = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u other parent", "%u other parents", parents), parents);
  n = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u node shown", "%u nodes shown", layout->n_nodes),
                       layout->n_nodes);
  /* TRANSLATORS: children, other parents; nodes shown. */
  return g_strdup_printf (_("%s, %s; %s."), c, p, n);
}

static void
update_accessible (DvGraphView *self)
{
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->details, g_free);
  if (self->layout != NULL && self->layout->n_chain > 0)
    {
      self->description = describe_chain (self->layout);
      self->details = describe_nodes (self->layout);
    }
  else
    self->description = g_strdup (_("Dependency graph, empty"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->description,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->details ? self->details : "",
                                  -1);
}

static void
install_layout (DvGraphView *self,
                DvLayout    *layout)
{
  g_clear_pointer (&self->layout, dv_layout_free);
  if (self->labels != NULL)
    g_ptr_array_set_size (self->labels, 0);
  self->layout = layout;
  self->hover = -1;
  self->auto_fit = TRUE;
  self->fit_whole = FALSE;
  fit (self);
  if (layout != NULL && self->anchor != DV_SYMBOL_NONE)
    {
      int index = dv_layout_find_symbol (layout, self->anchor);

      /* After an expansion the node clicked stays under the pointer, at the
       * scale the user had, instead of the view jumping to a new fit. */
      if (index >= 0)
        {
          self->auto_fit = FALSE;
          self->scale = self->anchor_scale;
          self->offset_x = self->anchor_x - layout->nodes[index].x * self->scale;
          self->offset_y = self->anchor_y - layout->nodes[index].y * self->scale;
        }
    }
  self->anchor = DV_SYMBOL_NONE;
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
layout_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(DvLayout) layout = NULL;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  layout = dv_layout_build (job->graph, &job->request);
  if (layout == NULL)
    {
      g_task_return_new_error (task, DV_LAYOUT_ERROR, DV_LAYOUT_ERROR_NO_SYMBOL,
                               "Symbol %u is not in the graph", job->request.focus);
      return;
    }
  /* A newer request is waiting: give Graphviz to it. */
  if (g_task_return_error_if_cancelled (task))
    return;
  if (!dv_layout_compute (layout, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  job->layout_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_task_return_pointer (task, g_steal_pointer (&layout), (GDestroyNotify) dv_layout_free);
}

static void
layout_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  DvGraphView *self = DV_GRAPH_VIEW (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  DvLayout *layout = g_task_propagate_pointer (G_TASK (result), &error);

  if (job->generation != self->generation)
    {
      g_debug ("graph view: dropped a stale layout");
      dv_layout_free (layout);
      return;
    }
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  if (layout == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not lay out the graph: %s", error->message);
      install_layout (self, NULL);
      return;
    }
  self->layout_ms = job->layout_ms;
  install_layout (self, layout);
}

static void
request_layout (DvGraphView *self)
{
  g_autoptr(GTask) task = NULL;

  self->generation++;
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
  if (self->click_timeout != 0)
    g_clear_handle_id (&self->click_timeout, g_source_remove);

  if (self->graph == NULL || self->focus == DV_SYMBOL_NONE)
    {
      set_busy (self, FALSE);
      install_layout (self, NULL);
      return;
    }

  self->requested_at = g_get_monotonic_time ();
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, layout_done_cb, NULL);
  g_task_set_source_tag (task, request_layout);
  g_task_set_task_data (task, job_new (self), job_free);
  g_task_run_in_thread (task, layout_thread);
  set_busy (self, TRUE);
}

static void
toggle_symbol (GArray     *set,
               DvSymbolId  symbol)
{
  for (guint i = 0; i < set->len; i++)
    if (g_array_index (set, DvSymbolId, i) == symbol)
      {
        g_array_remove_index (set, i);
        return;
      }
  g_array_append_val (set, symbol);
}

static void
set_anchor (DvGraphView *self,
            DvSymbolId   symbol)
{
  int index = dv_layout_find_symbol (self->layout, symbol);

  if (index < 0)
    return;
  to_widget (self, self->layout->nodes[index].x, self->layout->nodes[index].y, &self->anchor_x, &self->anchor_y);
  self->anchor_scale = self->scale;
  self->anchor = symbol;
}

static void
open_more (DvGraphView        *self,
           const DvLayoutNode *node)
{
  if (node->more_owner == DV_SYMBOL_NONE)
    return; /* the folded middle of a very long chain */
  toggle_symbol (self->unfolded, node->more_owner);
  set_anchor (self, node->more_owner);
  request_layout (self);
}

static void
toggle_expanded (DvGraphView        *self,
                 const DvLayoutNode *node)
{
  guint n_children = 0;

  if (node->symbol == DV_SYMBOL_NONE || node->symbol == self->focus)
    return;
  dv_graph_children (self->graph, node->symbol, &n_children);
  if (n_children == 0)
    return;
  toggle_symbol (self->expanded, node->symbol);
  set_anchor (self, node->symbol);
  request_layout (self);
}

/* ---- Input ---- */

static void
activate_node (DvGraphView *self,
               int          index)
{
  const DvLayoutNode *node;

  if (self->layout == NULL || index < 0 || (guint) index >= self->layout->n_nodes)
    return;
  node = &self->layout->nodes[index];
  if (node->flags & DV_LAYOUT_NODE_MORE)
    open_more (self, node);
  else
    g_signal_emit (self, signals[SIGNAL_SYMBOL_ACTIVATED], 0, node->symbol);
}

static gboolean
single_click_cb (gpointer data)
{
  DvGraphView *self = data;

  self->click_timeout = 0;
  activate_node (self, node_at (self, self->click_x, self->click_y));
  return G_SOURCE_REMOVE;
}

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  DvGraphView     *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (n_press == 2)
    {
      int index = node_at (self, x, y);

      g_clear_handle_id (&self->click_timeout, g_source_remove);
      if (index >= 0 && !(self->layout->nodes[index].flags & DV_LAYOUT_NODE_MORE))
        toggle_expanded (self, &self->layout->nodes[index]);
    }
}

static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   DvGraphView     *self)
{
  int index;
  const DvLayoutNode *node;
  guint n_children = 0;
  int double_click_ms = 400;

  if (n_press != 1 || self->dragging)
    return;
  index = node_at (self, x, y);
  if (index < 0)
    return;
  node = &self->layout->nodes[index];
  if (node->symbol != DV_SYMBOL_NONE && node->symbol != self->focus)
    dv_graph_children (self->graph, node->symbol, &n_children);

  /* Only a node a double click would expand waits to see if one comes. */
  if (n_children == 0)
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
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               DvGraphView    *self)
{
  self->drag_offset_x = self->offset_x;
  self->drag_offset_y = self->offset_y;
  self->dragging = FALSE;
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                DvGraphView    *self)
{
  if (!self->dragging && hypot (dx, dy) < DRAG_THRESHOLD)
    return;
  if (!self->dragging)
    {
      self->dragging = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
    }
  self->offset_x = self->drag_offset_x + dx;
  self->offset_y = self->drag_offset_y + dy;
  self->auto_fit = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_hover (DvGraphView *self)
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
             DvGraphView    *self)
{
  self->dragging = FALSE;
  update_hover (self);
}

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           DvGraphView              *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_inside = TRUE;
  update_hover (self);
}

static void
leave_cb (GtkEventControllerMotion *motion,
          DvGraphView              *self)
{
  self->pointer_inside = FALSE;
  update_hover (self);
}

static gboolean
scroll_cb (GtkEventControllerScroll *scroll,
           double                    dx,
           double                    dy,
           DvGraphView              *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));
  double step = gtk_event_controller_scroll_get_unit (scroll) == GDK_SCROLL_UNIT_WHEEL ? 40 : 1;

  if (self->layout == NULL)
    return FALSE;
  if (state & GDK_CONTROL_MASK)
    {
      double factor = pow (ZOOM_STEP, -dy * (step == 1 ? 0.02 : 1));
      zoom_around (self, self->scale * factor, self->pointer_x, self->pointer_y);
      return TRUE;
    }
  if (state & GDK_SHIFT_MASK && dx == 0)
    {
      dx = dy;
      dy = 0;
    }
  self->offset_x -= dx * step;
  self->offset_y -= dy * step;
  self->auto_fit = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static void
pinch_begin_cb (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                DvGraphView      *self)
{
  self->pinch_scale = self->scale;
}

static void
pinch_scale_changed_cb (GtkGestureZoom *gesture,
                        double          scale,
                        DvGraphView    *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;
  zoom_around (self, self->pinch_scale * scale, x, y);
}

static gboolean
dv_graph_view_query_tooltip (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard_mode,
                             GtkTooltip *tooltip)
{
  DvGraphView *self = DV_GRAPH_VIEW (widget);
  int index = node_at (self, x, y);
  const DvLayoutNode *node;
  g_autoptr(GString) text = NULL;
  double nx, ny;

  if (index < 0)
    return FALSE;
  node = &self->layout->nodes[index];
  text = g_string_new (NULL);
  if (node->flags & DV_LAYOUT_NODE_ROOT)
    g_string_append (text, _("The root: the linker's entry points and the other symbols it keeps first"));
  else if (node->flags & DV_LAYOUT_NODE_MORE && node->more_owner == DV_SYMBOL_NONE)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u more step of the chain",
                                               "%u more steps of the chain", node->more_count),
                            node->more_count);
  else if (node->flags & DV_LAYOUT_NODE_MORE)
    {
      const DvLayoutNode *owner = &self->layout->nodes[dv_layout_find_symbol (self->layout, node->more_owner)];

      if (node->more_parents)
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u more parent of %s",
                                                   "%u more parents of %s", node->more_count),
                                node->more_count, owner->tooltip);
      else
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u more child of %s",
                                                   "%u more children of %s", node->more_count),
                                node->more_count, owner->tooltip);
      g_string_append (text, _("\nClick to show them"));
    }
  else
    g_string_append (text, node->tooltip);
  if (node->symbol != DV_SYMBOL_NONE && !(node->flags & DV_LAYOUT_NODE_ROOT))
    {
      DvPackageId pkg = dv_graph_symbol_package (self->graph, node->symbol);

      g_string_append_printf (text, "\n%s", dv_app_symbol_kind_label (dv_graph_symbol_kind (self->graph, node->symbol)));
      if (pkg != DV_PACKAGE_NONE)
        g_string_append_printf (text, _(" in %s"), dv_graph_package_name (self->graph, pkg));
      if (node->symbol_flags & DV_SYMBOL_FLAG_USED_IN_IFACE)
        g_string_append (text, _("\nUsed in an interface: its methods may be kept"));
      if (node->symbol_flags & DV_SYMBOL_FLAG_REFLECT_METHOD)
        g_string_append (text, _("\nCalls reflect Method/MethodByName: keeps every exported method"));
    }
  gtk_tooltip_set_text (tooltip, text->str);
  to_widget (self, node->x - node->width / 2, node->y - node->height / 2, &nx, &ny);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { floor (nx), floor (ny),
                                                       ceil (node->width * self->scale),
                                                       ceil (node->height * self->scale) });
  return TRUE;
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *name,
                GVariant   *parameter)
{
  dv_graph_view_zoom_in (DV_GRAPH_VIEW (widget));
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *parameter)
{
  dv_graph_view_zoom_out (DV_GRAPH_VIEW (widget));
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *parameter)
{
  dv_graph_view_zoom_fit (DV_GRAPH_VIEW (widget));
}

/* ---- GtkWidget ---- */

static void
dv_graph_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  DvGraphView *self = DV_GRAPH_VIEW (widget);

  if (self->auto_fit)
    fit (self);
}

static void
dv_graph_view_measure (GtkWidget      *widget,
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
dv_graph_view_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (dv_graph_view_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

static void
dark_changed_cb (DvGraphView *self)
{
  /* Badge colours live in the cached labels. */
  self->label_scale = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
dv_graph_view_dispose (GObject *object)
{
  DvGraphView *self = DV_GRAPH_VIEW (object);

  self->generation++;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->click_timeout, g_source_remove);
  g_clear_handle_id (&self->ready_idle, g_source_remove);
  if (self->style_manager != NULL)
    g_signal_handlers_disconnect_by_func (self->style_manager, dark_changed_cb, self);
  self->style_manager = NULL;
  g_clear_pointer (&self->layout, dv_layout_free);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->graph, dv_graph_unref);

  G_OBJECT_CLASS (dv_graph_view_parent_class)->dispose (object);
}

static void
dv_graph_view_finalize (GObject *object)
{
  DvGraphView *self = DV_GRAPH_VIEW (object);

  g_array_unref (self->expanded);
  g_array_unref (self->unfolded);
  g_array_unref (self->label_fits);
  g_free (self->description);
  g_free (self->details);

  G_OBJECT_CLASS (dv_graph_view_parent_class)->finalize (object);
}

static void
dv_graph_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DvGraphView *self = DV_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dv_graph_view_class_init (DvGraphViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dv_graph_view_dispose;
  object_class->finalize = dv_graph_view_finalize;
  object_class->get_property = dv_graph_view_get_property;

  widget_class->snapshot = dv_graph_view_snapshot;
  widget_class->measure = dv_graph_view_measure;
  widget_class->size_allocate = dv_graph_view_size_allocate;
  widget_class->query_tooltip = dv_graph_view_query_tooltip;
  widget_class->css_changed = dv_graph_view_css_changed;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A click on a node (not on a "+N more" node, which opens instead). */
  signals[SIGNAL_SYMBOL_ACTIVATED] =
    g_signal_new ("symbol-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /* A new layout is on screen. */
  signals[SIGNAL_LAYOUT_READY] =
    g_signal_new ("layout-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "graph.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "graph.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "graph.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "graph.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "graph.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "graph.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "graph.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "graph.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "graph.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "graph.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "graph.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "graph.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "graph.zoom-fit", NULL);

  gtk_widget_class_set_css_name (widget_class, "dvgraphview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dv_graph_view_init (DvGraphView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkGesture *click, *drag, *pinch;
  GtkEventController *motion, *scroll;

  self->focus = DV_SYMBOL_NONE;
  self->anchor = DV_SYMBOL_NONE;
  self->expanded = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));
  self->unfolded = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));
  self->label_fits = g_array_new (FALSE, TRUE, sizeof (double));
  self->scale = SCALE_NATURAL;
  self->auto_fit = TRUE;
  self->hover = -1;

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

  self->style_manager = adw_style_manager_get_default ();
  g_signal_connect_swapped (self->style_manager, "notify::dark", G_CALLBACK (dark_changed_cb), self);

  update_accessible (self);
}

/* ---- Public API ---- */

GtkWidget *
dv_graph_view_new (void)
{
  return g_object_new (DV_TYPE_GRAPH_VIEW, NULL);
}

void
dv_graph_view_set_graph (DvGraphView *self,
                         DvGraph     *graph)
{
  g_return_if_fail (DV_IS_GRAPH_VIEW (self));

  if (graph == self->graph)
    return;
  g_clear_pointer (&self->graph, dv_graph_unref);
  if (graph != NULL)
    self->graph = dv_graph_ref (graph);
  self->focus = DV_SYMBOL_NONE;
  self->anchor = DV_SYMBOL_NONE;
  g_array_set_size (self->expanded, 0);
  g_array_set_size (self->unfolded, 0);
  request_layout (self);
}

void
dv_graph_view_set_focus (DvGraphView *self,
                         DvSymbolId   focus)
{
  g_return_if_fail (DV_IS_GRAPH_VIEW (self));

  if (self->graph == NULL || focus >= dv_graph_get_n_symbols (self->graph))
    focus = DV_SYMBOL_NONE;
  if (focus == self->focus && (self->layout != NULL || self->busy))
    return;
  self->focus = focus;
  self->anchor = DV_SYMBOL_NONE;
  g_array_set_size (self->expanded, 0);
  g_array_set_size (self->unfolded, 0);
  request_layout (self);
}

DvSymbolId
dv_graph_view_get_focus (DvGraphView *self)
{
  g_return_val_if_fail (DV_IS_GRAPH_VIEW (self), DV_SYMBOL_NONE);
  return self->focus;
}

gboolean
dv_graph_view_get_busy (DvGraphView *self)
{
  g_return_val_if_fail (DV_IS_GRAPH_VIEW (self), FALSE);
  return self->busy;
}

void
dv_graph_view_zoom_in (DvGraphView *self)
{
  g_return_if_fail (DV_IS_GRAPH_VIEW (self));
  zoom_by (self, ZOOM_STEP);
}

void
dv_graph_view_zoom_out (DvGraphView *self)
{
  g_return_if_fail (DV_IS_GRAPH_VIEW (self));
  zoom_by (self, 1 / ZOOM_STEP);
}

void
dv_graph_view_zoom_fit (DvGraphView *self)
{
  g_return_if_fail (DV_IS_GRAPH_VIEW (self));
  self->auto_fit = TRUE;
  self->fit_whole = TRUE;
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
  GError *error = NULL;

  /* An export is read outside the app, in English as the CLI's */
  dv_layout_export_options_init (&options);
  options.title = title;
  if (!dv_layout_export (job->graph, &job->request, &options, job->format, &bytes, &error) ||
      !g_file_replace_contents (job->file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
dv_graph_view_export_async (DvGraphView         *self,
                            const char          *format,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (DV_IS_GRAPH_VIEW (self));
  g_return_if_fail (format != NULL);
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dv_graph_view_export_async);
  if (self->graph == NULL || self->focus == DV_SYMBOL_NONE)
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
dv_graph_view_export_finish (DvGraphView   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dv_graph_view_export_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Private, for tests ---- */

const DvLayout *
dv_graph_view_get_layout (DvGraphView *self)
{
  return self->layout;
}

double
dv_graph_view_get_scale (DvGraphView *self)
{
  return self->scale;
}

int
dv_graph_view_node_at (DvGraphView *self,
                       double       x,
                       double       y)
{
  return node_at (self, x, y);
}

void
dv_graph_view_layout_to_widget (DvGraphView *self,
                                double       lx,
                                double       ly,
                                double      *x,
                                double      *y)
{
  to_widget (self, lx, ly, x, y);
}

void
dv_graph_view_click_at (DvGraphView *self,
                        double       x,
                        double       y,
                        int          n_press)
{
  int index = node_at (self, x, y);

  if (index < 0)
    return;
  if (n_press == 2)
    {
      if (!(self->layout->nodes[index].flags & DV_LAYOUT_NODE_MORE))
        toggle_expanded (self, &self->layout->nodes[index]);
    }
  else
    activate_node (self, index);
}

const char *
dv_graph_view_get_description (DvGraphView  *self,
                               const char  **details)
{
  if (details != NULL)
    *details = self->details;
  return self->description;
}
