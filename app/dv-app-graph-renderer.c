/* dv-app-graph-renderer.c: the graph view's drawing, with the graph kept
 * as a render node and the hover and focus ring drawn on top. */
#define G_LOG_DOMAIN "depview"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "dv-app-graph-renderer.h"
#include "dv-app-graph-describe.h"

#define LABEL_PADDING   4.5
#define CORNER_RADIUS   5.0
/* Text smaller than this is noise; the tooltip still has the name. */
#define TEXT_MIN_PX     4.0
/* The size Graphviz measured edge labels at (dv-layout.c) */
#define EDGE_LABEL_POINTS 8.0
/* A node's second line (its bytes), against the label's size. */
#define NOTE_SIZE       0.8

struct _DvAppGraphRenderer
{
  GtkWidget         *widget;
  const DvLayout    *layout;
  const DvCost      *cost;
  DvAppGraphColours  colours;
  const guint       *marks;       /* per node, or NULL */
  DvAppHighlightKind mark_kind;

  GPtrArray         *labels;      /* PangoLayout per node, for label_scale */
  GArray            *label_fits;  /* double per node: how much its label is shrunk */
  GPtrArray         *notes;       /* char * per node: its second line, or NULL */
  GPtrArray         *note_labels; /* PangoLayout per node, or NULL */
  GArray            *note_fits;   /* double per node */
  double             label_scale;

  /* The graph without hover, and what it was drawn for. */
  GskRenderNode     *scene;
  DvAppViewport      scene_vp;
  guint              n_builds;
};

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

DvAppGraphRenderer *
dv_app_graph_renderer_new (GtkWidget *widget)
{
  DvAppGraphRenderer *self = g_new0 (DvAppGraphRenderer, 1);

  self->widget = widget;
  self->labels = g_ptr_array_new_with_free_func (g_object_unref);
  self->label_fits = g_array_new (FALSE, TRUE, sizeof (double));
  self->notes = g_ptr_array_new_with_free_func (g_free);
  self->note_labels = g_ptr_array_new_with_free_func (unref_if_set);
  self->note_fits = g_array_new (FALSE, TRUE, sizeof (double));
  return self;
}

void
dv_app_graph_renderer_free (DvAppGraphRenderer *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->scene, gsk_render_node_unref);
  g_ptr_array_unref (self->labels);
  g_array_unref (self->label_fits);
  g_ptr_array_unref (self->notes);
  g_ptr_array_unref (self->note_labels);
  g_array_unref (self->note_fits);
  g_free (self);
}

void
dv_app_graph_renderer_invalidate (DvAppGraphRenderer *self)
{
  g_clear_pointer (&self->scene, gsk_render_node_unref);
  self->label_scale = 0;
}

void
dv_app_graph_renderer_set_layout (DvAppGraphRenderer *self,
                                  const DvLayout     *layout)
{
  self->layout = layout;
  g_ptr_array_set_size (self->labels, 0);
  dv_app_graph_renderer_invalidate (self);
}

void
dv_app_graph_renderer_set_cost (DvAppGraphRenderer *self,
                                const DvCost       *cost)
{
  if (cost == self->cost)
    return;
  self->cost = cost;
  g_ptr_array_set_size (self->labels, 0);
  dv_app_graph_renderer_invalidate (self);
}

void
dv_app_graph_renderer_set_marks (DvAppGraphRenderer *self,
                                 const guint        *marks,
                                 DvAppHighlightKind  kind)
{
  self->marks = marks;
  self->mark_kind = kind;
  /* the labels stay: only the scene has the outlines and pills */
  g_clear_pointer (&self->scene, gsk_render_node_unref);
}

const char *
dv_app_graph_renderer_get_note (DvAppGraphRenderer *self,
                                guint               index)
{
  /* the notes are made with the labels, on the next draw */
  if (self->layout == NULL || index >= self->layout->n_nodes || self->labels->len != self->layout->n_nodes)
    return NULL;
  return index < self->notes->len ? g_ptr_array_index (self->notes, index) : NULL;
}

void
dv_app_graph_renderer_set_colours (DvAppGraphRenderer      *self,
                                   const DvAppGraphColours *colours)
{
  if (memcmp (&self->colours, colours, sizeof *colours) == 0)
    return;
  self->colours = *colours;
  /* badge colours live in the labels */
  dv_app_graph_renderer_invalidate (self);
}

guint
dv_app_graph_renderer_get_n_builds (DvAppGraphRenderer *self)
{
  return self->n_builds;
}

/* ---- Colours ---- */

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

/* ---- Edges ---- */

static gboolean
edge_touches (const DvLayoutEdge *edge,
              int                 node)
{
  return node >= 0 && ((int) edge->from == node || (int) edge->to == node);
}

static void
draw_arrow (cairo_t             *cr,
            const DvAppViewport *vp,
            const DvLayoutPoint *base,
            const DvLayoutPoint *tip,
            gboolean             hollow)
{
  double bx, by, tx, ty, dx, dy, len, hw;

  dv_app_viewport_to_widget (vp, base->x, base->y, &bx, &by);
  dv_app_viewport_to_widget (vp, tip->x, tip->y, &tx, &ty);
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
draw_edge (DvAppGraphRenderer  *self,
           cairo_t             *cr,
           const DvAppViewport *vp,
           const DvLayoutEdge  *edge,
           gboolean             hot)
{
  const DvAppGraphColours *colours = &self->colours;
  double thickness = CLAMP (vp->scale, 0.7, 1.8);
  GdkRGBA colour;
  double line;

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

      dv_app_viewport_to_widget (vp, edge->points[k].x, edge->points[k].y, &x, &y);
      if (k == 0)
        cairo_move_to (cr, x, y);
      else if ((k - 1) % 3 == 2)
        {
          double x1, y1, x2, y2;

          dv_app_viewport_to_widget (vp, edge->points[k - 2].x, edge->points[k - 2].y, &x1, &y1);
          dv_app_viewport_to_widget (vp, edge->points[k - 1].x, edge->points[k - 1].y, &x2, &y2);
          cairo_curve_to (cr, x1, y1, x2, y2, x, y);
        }
    }
  cairo_stroke (cr);

  if (edge->has_head)
    draw_arrow (cr, vp, &edge->points[edge->n_points - 1], &edge->head, edge->kind == DV_EDGE_ROOT);
  if (edge->has_tail)
    draw_arrow (cr, vp, &edge->points[0], &edge->tail, FALSE);
}

/* hot < 0: every edge, plain ones first and the chain on top; else only
 * the edges of node `hot`, highlighted. */
static void
draw_edges (DvAppGraphRenderer  *self,
            GtkSnapshot         *snapshot,
            const DvAppViewport *vp,
            int                  hot)
{
  const DvLayout *layout = self->layout;
  cairo_t *cr = NULL;

  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < layout->n_edges; i++)
      {
        const DvLayoutEdge *edge = &layout->edges[i];

        if (edge->n_points < 4)
          continue;
        if (hot >= 0 ? pass == 1 || !edge_touches (edge, hot) : edge->on_chain != (pass == 1))
          continue;
        if (cr == NULL)
          {
            cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, vp->view_width, vp->view_height));
            cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
            cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
          }
        draw_edge (self, cr, vp, edge, hot >= 0);
      }
  if (cr != NULL)
    cairo_destroy (cr);
}

/* The package view's edge labels ("etcdmain.startProxy.func2 →
 * http.(*Server).Serve") where Graphviz put them, a size smaller than the
 * nodes' and shrunk to the room Graphviz measured. */
static void
draw_edge_labels (DvAppGraphRenderer  *self,
                  GtkSnapshot         *snapshot,
                  const DvAppViewport *vp)
{
  const DvLayout *layout = self->layout;
  PangoFontDescription *font;
  GdkRGBA colour;

  if (EDGE_LABEL_POINTS * vp->scale < TEXT_MIN_PX)
    return;
  colour = with_alpha (&self->colours.fg, 0.72);
  font = pango_font_description_from_string ("Sans");
  pango_font_description_set_absolute_size (font, EDGE_LABEL_POINTS * vp->scale * PANGO_SCALE);
  for (guint i = 0; i < layout->n_edges; i++)
    {
      const DvLayoutEdge *edge = &layout->edges[i];
      g_autoptr(PangoLayout) text = NULL;
      double x, y, fit;
      int width, height;

      if (edge->label == NULL || !edge->has_label_pos)
        continue;
      text = gtk_widget_create_pango_layout (self->widget, edge->label);
      pango_layout_set_font_description (text, font);
      pango_layout_get_pixel_size (text, &width, &height);
      fit = MIN (1.0, edge->label_width * vp->scale / MAX (width, 1));
      dv_app_viewport_to_widget (vp, edge->label_pos.x, edge->label_pos.y, &x, &y);
      if (x + width * fit / 2 < 0 || x - width * fit / 2 > vp->view_width ||
          y + height < 0 || y - height > vp->view_height)
        continue;
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x - width * fit / 2, y - height * fit / 2));
      if (fit < 1)
        gtk_snapshot_scale (snapshot, fit, fit);
      gtk_snapshot_append_layout (snapshot, text, &colour);
      gtk_snapshot_restore (snapshot);
    }
  pango_font_description_free (font);
}

/* ---- Nodes ---- */

/* One PangoLayout per node, its font sized for the scale. */
static void
update_labels (DvAppGraphRenderer *self,
               double              scale)
{
  const DvLayout *layout = self->layout;
  const DvAppGraphColours *colours = &self->colours;
  PangoFontDescription *font, *bold, *small;

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
          else if (n->has_bytes)
            {
              g_autofree char *own = g_format_size (n->bytes);
              g_autofree char *retained = g_format_size (n->retained);
              /* TRANSLATORS: a package's bytes under its name in the graph */
              g_autofree char *bytes = g_strdup_printf (_("%s own · %s retained"), own, retained);
              text = g_strconcat (n->label, "\n", bytes, NULL);
            }
          else if (n->badges != DV_LAYOUT_BADGE_NONE)
            text = g_strconcat (n->label, " ", dv_layout_text_badges (n->badges), NULL);
          else
            text = g_strdup (n->label);

          g_ptr_array_add (self->labels, gtk_widget_create_pango_layout (self->widget, text));
        }
      g_ptr_array_set_size (self->notes, 0);
      g_ptr_array_set_size (self->note_labels, 0);
      for (guint i = 0; i < layout->n_nodes; i++)
        {
          const DvLayoutNode *n = &layout->nodes[i];
          char *note = NULL;

          if (self->cost != NULL && !(n->flags & (DV_LAYOUT_NODE_MORE | DV_LAYOUT_NODE_ROOT | DV_LAYOUT_NODE_PACKAGE)))
            note = dv_app_graph_describe_size (self->cost, n->symbol);
          g_ptr_array_add (self->notes, note);
          g_ptr_array_add (self->note_labels, note != NULL ? gtk_widget_create_pango_layout (self->widget, note) : NULL);
        }
      self->label_scale = 0;
    }
  if (self->label_scale == scale)
    return;

  /* The desktop's sans, which is hinted for screens; Graphviz measured
   * with Helvetica's metrics, and labels that come out wider are scaled. */
  font = pango_font_description_from_string ("Sans");
  pango_font_description_set_absolute_size (font, DV_APP_VIEWPORT_LABEL_POINTS * scale * PANGO_SCALE);
  bold = pango_font_description_copy (font);
  pango_font_description_set_weight (bold, PANGO_WEIGHT_BOLD);
  small = pango_font_description_copy (font);
  pango_font_description_set_absolute_size (small, DV_APP_VIEWPORT_LABEL_POINTS * NOTE_SIZE * scale * PANGO_SCALE);

  g_array_set_size (self->label_fits, layout->n_nodes);
  g_array_set_size (self->note_fits, layout->n_nodes);
  for (guint i = 0; i < layout->n_nodes; i++)
    {
      const DvLayoutNode *node = &layout->nodes[i];
      PangoLayout *label = g_ptr_array_index (self->labels, i);
      PangoAttrList *attrs = pango_attr_list_new ();
      double room = MAX (1, (node->width - 2 * LABEL_PADDING) * scale);
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

      if (g_ptr_array_index (self->note_labels, i) != NULL)
        {
          PangoLayout *note = g_ptr_array_index (self->note_labels, i);

          pango_layout_set_font_description (note, small);
          pango_layout_get_size (note, &text_width, NULL);
          g_array_index (self->note_fits, double, i) = MIN (1.0, room * PANGO_SCALE / MAX (text_width, 1));
        }
    }
  pango_font_description_free (small);
  pango_font_description_free (font);
  pango_font_description_free (bold);
  self->label_scale = scale;
}

static void
node_box (const DvAppViewport *vp,
          const DvLayoutNode  *node,
          GskRoundedRect      *box)
{
  double x, y, w, h;

  dv_app_viewport_to_widget (vp, node->x - node->width / 2, node->y - node->height / 2, &x, &y);
  w = node->width * vp->scale;
  h = node->height * vp->scale;
  gsk_rounded_rect_init_from_rect (box, &GRAPHENE_RECT_INIT (x, y, w, h), MIN (CORNER_RADIUS * vp->scale, h / 2));
}

static void
stroke_dashed (cairo_t              *cr,
               const GskRoundedRect *outer,
               double                line,
               double                thickness,
               const GdkRGBA        *colour)
{
  double dash[2] = { 4 * thickness, 3 * thickness };
  GskRoundedRect box = *outer;

  cairo_new_path (cr);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_set_line_width (cr, line);
  gdk_cairo_set_source_rgba (cr, colour);
  gsk_rounded_rect_shrink (&box, line / 2, line / 2, line / 2, line / 2);
  cairo_move_to (cr, box.bounds.origin.x + box.corner[0].width, box.bounds.origin.y);
  cairo_arc (cr, box.bounds.origin.x + box.bounds.size.width - box.corner[1].width,
             box.bounds.origin.y + box.corner[1].width, box.corner[1].width, -G_PI / 2, 0);
  cairo_arc (cr, box.bounds.origin.x + box.bounds.size.width - box.corner[2].width,
             box.bounds.origin.y + box.bounds.size.height - box.corner[2].width, box.corner[2].width, 0, G_PI / 2);
  cairo_arc (cr, box.bounds.origin.x + box.corner[3].width,
             box.bounds.origin.y + box.bounds.size.height - box.corner[3].width, box.corner[3].width, G_PI / 2, G_PI);
  cairo_arc (cr, box.bounds.origin.x + box.corner[0].width,
             box.bounds.origin.y + box.corner[0].width, box.corner[0].width, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_stroke (cr);
}

/* A marked node: a thick outline in the mark's colour just outside its
 * border, and a pill ("new", "goes", "3 new") on its top right corner,
 * the background's colour on the mark's. */
static void
draw_mark (DvAppGraphRenderer   *self,
           GtkSnapshot          *snapshot,
           const DvAppViewport  *vp,
           const DvLayoutNode   *node,
           const GskRoundedRect *box,
           guint                 count)
{
  double thickness = CLAMP (vp->scale, 0.7, 1.8);
  double line = 3 * thickness;
  double points = DV_APP_VIEWPORT_LABEL_POINTS * NOTE_SIZE * vp->scale;
  GskRoundedRect outline = *box;
  float widths[4] = { line, line, line, line };
  GdkRGBA colour;
  GdkRGBA colours[4];

  dv_app_highlight_kind_colour (self->mark_kind, self->colours.dark, &colour);
  colours[0] = colours[1] = colours[2] = colours[3] = colour;
  gsk_rounded_rect_shrink (&outline, -line - thickness, -line - thickness, -line - thickness, -line - thickness);
  gtk_snapshot_append_border (snapshot, &outline, widths, colours);

  if (points >= TEXT_MIN_PX)
    {
      g_autofree char *text = dv_app_highlight_kind_pill (self->mark_kind, count,
                                                          (node->flags & DV_LAYOUT_NODE_MORE) != 0);
      g_autoptr(PangoLayout) pill = gtk_widget_create_pango_layout (self->widget, text);
      PangoFontDescription *font = pango_font_description_from_string ("Sans Bold");
      GskRoundedRect back;
      int width, height;
      double pad = 0.4 * points, x, y;

      pango_font_description_set_absolute_size (font, points * PANGO_SCALE);
      pango_layout_set_font_description (pill, font);
      pango_font_description_free (font);
      pango_layout_get_pixel_size (pill, &width, &height);
      x = outline.bounds.origin.x + outline.bounds.size.width - width - 2 * pad - CORNER_RADIUS * vp->scale;
      y = outline.bounds.origin.y - height / 2.0;
      gsk_rounded_rect_init_from_rect (&back, &GRAPHENE_RECT_INIT (x, y, width + 2 * pad, height),
                                       height / 2.0);
      gtk_snapshot_push_rounded_clip (snapshot, &back);
      gtk_snapshot_append_color (snapshot, &colour, &back.bounds);
      gtk_snapshot_pop (snapshot);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + pad, y));
      gtk_snapshot_append_layout (snapshot, pill, &self->colours.bg);
      gtk_snapshot_restore (snapshot);
    }
}

static void
draw_node (DvAppGraphRenderer  *self,
           GtkSnapshot         *snapshot,
           cairo_t            **dashes,
           const DvAppViewport *vp,
           guint                i,
           gboolean             hover)
{
  const DvAppGraphColours *colours = &self->colours;
  const DvLayoutNode *node = &self->layout->nodes[i];
  double thickness = CLAMP (vp->scale, 0.7, 1.8);
  GdkRGBA base = palette_rgba (node->colour);
  GdkRGBA fill, border, text;
  double line = 1.2;
  gboolean dashed = FALSE;
  GskRoundedRect box;

  node_box (vp, node, &box);
  if (box.bounds.origin.x > vp->view_width || box.bounds.origin.y > vp->view_height ||
      box.bounds.origin.x + box.bounds.size.width < 0 || box.bounds.origin.y + box.bounds.size.height < 0)
    return;

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
  if (hover)
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

  /* the hover is drawn over the node, whose shadow is already there */
  if (node->flags & DV_LAYOUT_NODE_FOCUS && !hover)
    gtk_snapshot_append_outset_shadow (snapshot, &box, &(GdkRGBA) { colours->accent.red, colours->accent.green,
                                                                    colours->accent.blue, 0.35 },
                                       0, 0, 3 * thickness, 6 * thickness);
  gtk_snapshot_push_rounded_clip (snapshot, &box);
  gtk_snapshot_append_color (snapshot, &fill, &box.bounds);
  gtk_snapshot_pop (snapshot);

  if (dashed)
    {
      if (*dashes == NULL)
        *dashes = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, vp->view_width, vp->view_height));
      stroke_dashed (*dashes, &box, line, thickness, &border);
    }
  else
    {
      float widths[4] = { line, line, line, line };
      GdkRGBA borders[4] = { border, border, border, border };

      gtk_snapshot_append_border (snapshot, &box, widths, borders);
    }
  if (self->marks != NULL && self->marks[i] > 0)
    draw_mark (self, snapshot, vp, node, &box, self->marks[i]);

  if (DV_APP_VIEWPORT_LABEL_POINTS * vp->scale >= TEXT_MIN_PX)
    {
      PangoLayout *label = g_ptr_array_index (self->labels, i);
      PangoLayout *note = i < self->note_labels->len ? g_ptr_array_index (self->note_labels, i) : NULL;
      double fit = g_array_index (self->label_fits, double, i);
      double note_fit = note != NULL ? g_array_index (self->note_fits, double, i) : 1;
      int text_width, text_height, note_width = 0, note_height = 0;
      double top;

      pango_layout_get_pixel_size (label, &text_width, &text_height);
      if (note != NULL)
        pango_layout_get_pixel_size (note, &note_width, &note_height);
      /* the two lines overlap a little: Pango's line height has room to spare */
      top = box.bounds.origin.y + (box.bounds.size.height - text_height * fit - note_height * note_fit * 0.8) / 2;
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (box.bounds.origin.x + (box.bounds.size.width - text_width * fit) / 2,
                                                              top));
      if (fit < 1)
        gtk_snapshot_scale (snapshot, fit, fit);
      gtk_snapshot_append_layout (snapshot, label, &text);
      gtk_snapshot_restore (snapshot);
      if (note != NULL)
        {
          GdkRGBA dim = with_alpha (&text, 0.7);

          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (box.bounds.origin.x + (box.bounds.size.width - note_width * note_fit) / 2,
                                                                  top + text_height * fit - note_height * note_fit * 0.2));
          if (note_fit < 1)
            gtk_snapshot_scale (snapshot, note_fit, note_fit);
          gtk_snapshot_append_layout (snapshot, note, &dim);
          gtk_snapshot_restore (snapshot);
        }
    }
}

static GskRenderNode *
build_scene (DvAppGraphRenderer  *self,
             const DvAppViewport *vp)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  cairo_t *dashes = NULL;

  draw_edges (self, snapshot, vp, -1);
  draw_edge_labels (self, snapshot, vp);
  for (guint i = 0; i < self->layout->n_nodes; i++)
    {
      draw_node (self, snapshot, &dashes, vp, i, FALSE);
    }
  if (dashes != NULL)
    cairo_destroy (dashes);
  self->n_builds++;
  return gtk_snapshot_free_to_node (snapshot);
}

/* The cached graph covers the view and half a view more on each side, so
 * a pan of less than that moves it instead of drawing it again. */
static gboolean
scene_covers (const DvAppViewport *scene,
              const DvAppViewport *vp)
{
  double dx = scene->offset_x - vp->offset_x;
  double dy = scene->offset_y - vp->offset_y;

  return scene->scale == vp->scale &&
         scene->view_width == 2 * vp->view_width && scene->view_height == 2 * vp->view_height &&
         dx >= 0 && dx <= scene->view_width - vp->view_width &&
         dy >= 0 && dy <= scene->view_height - vp->view_height;
}

static void
draw_focus_ring (DvAppGraphRenderer  *self,
                 GtkSnapshot         *snapshot,
                 const DvAppViewport *vp,
                 guint                i)
{
  GskRoundedRect box;
  float widths[4] = { 2, 2, 2, 2 };
  GdkRGBA c = self->colours.accent;
  GdkRGBA colours[4] = { c, c, c, c };

  node_box (vp, &self->layout->nodes[i], &box);
  gsk_rounded_rect_shrink (&box, -4, -4, -4, -4);
  gtk_snapshot_append_border (snapshot, &box, widths, colours);
}

void
dv_app_graph_renderer_snapshot (DvAppGraphRenderer  *self,
                                GtkSnapshot         *snapshot,
                                const DvAppViewport *vp,
                                int                  hover,
                                int                  cursor)
{
  if (self->layout == NULL)
    return;
  if (DV_APP_VIEWPORT_LABEL_POINTS * vp->scale >= TEXT_MIN_PX)
    update_labels (self, vp->scale);
  if (self->scene == NULL || !scene_covers (&self->scene_vp, vp))
    {
      DvAppViewport scene_vp = *vp;

      scene_vp.view_width = 2 * vp->view_width;
      scene_vp.view_height = 2 * vp->view_height;
      scene_vp.offset_x = vp->offset_x + vp->view_width / 2;
      scene_vp.offset_y = vp->offset_y + vp->view_height / 2;
      g_clear_pointer (&self->scene, gsk_render_node_unref);
      self->scene = build_scene (self, &scene_vp);
      self->scene_vp = scene_vp;
    }

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, vp->view_width, vp->view_height));
  if (self->scene != NULL)
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (vp->offset_x - self->scene_vp.offset_x,
                                                              vp->offset_y - self->scene_vp.offset_y));
      gtk_snapshot_append_node (snapshot, self->scene);
      gtk_snapshot_restore (snapshot);
    }
  if (hover >= 0 && (guint) hover < self->layout->n_nodes)
    {
      cairo_t *dashes = NULL;

      draw_edges (self, snapshot, vp, hover);
      draw_node (self, snapshot, &dashes, vp, hover, TRUE);
      if (dashes != NULL)
        cairo_destroy (dashes);
    }
  if (cursor >= 0 && (guint) cursor < self->layout->n_nodes)
    draw_focus_ring (self, snapshot, vp, cursor);
  gtk_snapshot_pop (snapshot);
}
