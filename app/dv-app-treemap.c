/* dv-app-treemap.c: see dv-app-treemap.h. */
#include "config.h"
#include <glib/gi18n.h>
#include <adwaita.h>
#include <math.h>

#include "dv-app-highlight.h"
#include "dv-app-treemap.h"
#include "dv-app-treemap-private.h"
#include "dv-format-cost.h"
#include "dv-layout.h"

#define TITLE_HEIGHT 24.0
#define PAD 2.0
#define HEADER 16.0
/* children smaller than this (px²) are one "N smaller" rectangle */
#define MIN_AREA 16.0

struct _DvAppTreemap
{
  GtkWidget       parent_instance;

  DvCost         *cost;
  DvTreemapMode   mode;
  DvTreemap      *map;
  GCancellable   *cancellable;
  guint           generation;
  gboolean        busy;

  GArray         *zoom;          /* guint32 tree nodes, the last on screen */
  GArray         *rects;         /* DvTreemapRect in widget coordinates */
  int             layout_width, layout_height;
  gint64          layout_time;
  gint64          scene_time;
  GskRenderNode  *scene;         /* everything but hover and cursor */
  int             hover;
  int             cursor;
  guint32         cursor_node;   /* survives a new layout */

  AdwStyleManager *style_manager;
  DvAppHighlight  *highlight;    /* tiles it marks are drawn marked, or NULL */
};

enum {
  PROP_0,
  PROP_BUSY,
  PROP_MODE,
  N_PROPS
};

enum {
  SIGNAL_SYMBOL_ACTIVATED,
  SIGNAL_PACKAGE_ACTIVATED,
  SIGNAL_MAP_READY,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DvAppTreemap, dv_app_treemap, GTK_TYPE_WIDGET)

static guint32
zoom_node (DvAppTreemap *self)
{
  return self->zoom->len ? g_array_index (self->zoom, guint32, self->zoom->len - 1) : 0;
}

static const DvTreemapRect *
rect (DvAppTreemap *self, int i)
{
  return &g_array_index (self->rects, DvTreemapRect, i);
}

static void
clear_layout (DvAppTreemap *self)
{
  g_clear_pointer (&self->rects, g_array_unref);
  g_clear_pointer (&self->scene, gsk_render_node_unref);
  self->hover = -1;
  self->cursor = -1;
}

static void
invalidate_layout (DvAppTreemap *self)
{
  clear_layout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- names and words --------------------------------------------------- */

static char *
rect_name (DvAppTreemap *self, const DvTreemapRect *r, gboolean full)
{
  DvGraph *g = dv_cost_get_graph (self->cost);

  switch (r->kind)
    {
    case DV_TREEMAP_KIND_ROOT:
      return g_path_get_basename (dv_graph_get_display_name (g));
    case DV_TREEMAP_KIND_PACKAGE:
      return g_strdup (dv_graph_package_name (g, r->id));
    case DV_TREEMAP_KIND_SYMBOL:
      return g_strdup (full ? dv_graph_symbol_name (g, r->id) : dv_treemap_short_name (g, r->id));
    case DV_TREEMAP_KIND_SHARED:
      return g_strdup (_("(shared data)"));
    case DV_TREEMAP_KIND_POOLED:
      return g_strdup (_("(pooled strings, function data and types)"));
    case DV_TREEMAP_KIND_NO_PACKAGE:
      return g_strdup (_("(no package)"));
    case DV_TREEMAP_KIND_UNEXPLAINED:
      return g_strdup (_("(unexplained)"));
    case DV_TREEMAP_KIND_KEPT:
      return g_strdup (_("(kept from other packages)"));
    case DV_TREEMAP_KIND_SMALL:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "(%u smaller)", "(%u smaller)", r->n_lumped),
                              r->n_lumped);
    }
}

/* A package or a symbol the highlight marks. */
static gboolean
rect_marked (DvAppTreemap *self, const DvTreemapRect *r)
{
  DvGraph *g;

  if (self->highlight == NULL || self->cost == NULL)
    return FALSE;
  g = dv_cost_get_graph (self->cost);
  if (r->kind == DV_TREEMAP_KIND_PACKAGE)
    return dv_app_highlight_has_package (self->highlight, g, r->id);
  if (r->kind == DV_TREEMAP_KIND_SYMBOL)
    return dv_app_highlight_has_symbol (self->highlight, g, r->id);
  return FALSE;
}

static char *rect_text (DvAppTreemap *self, const DvTreemapRect *r);

/* The tile's text, and why it is marked when it is. */
static char *
rect_tooltip (DvAppTreemap *self, const DvTreemapRect *r)
{
  char *text = rect_text (self, r);

  if (rect_marked (self, r))
    {
      /* TRANSLATORS: a marked map tile's tooltip line ("Marked: new since etcd-go1.19") */
      g_autofree char *mark = g_strdup_printf (_("Marked: %s"), dv_app_highlight_get_label (self->highlight));
      char *with_mark = g_strconcat (text, "\n", mark, NULL);

      g_free (text);
      text = with_mark;
    }
  return text;
}

static char *
rect_text (DvAppTreemap *self, const DvTreemapRect *r)
{
  g_autofree char *name = rect_name (self, r, TRUE);
  g_autofree char *bytes = dv_format_bytes (r->bytes);
  const DvTreemapNode *root = dv_treemap_get_node (self->map, 0);
  double share = root->bytes ? 100.0 * r->bytes / root->bytes : 0;

  switch (r->kind)
    {
    case DV_TREEMAP_KIND_PACKAGE:
      if (self->mode == DV_TREEMAP_BY_RETAINED)
        return g_strdup_printf (_("Package %s\n%s would leave with it (%.1f%% of the map)"), name, bytes, share);
      return g_strdup_printf (_("Package %s\n%s (%.1f%% of the map)"), name, bytes, share);
    case DV_TREEMAP_KIND_SYMBOL:
      return g_strdup_printf (_("%s\n%s own size"), name, bytes);
    case DV_TREEMAP_KIND_SHARED:
      return g_strdup_printf (_("Shared data: content-addressable, it proves no package\n%s"), bytes);
    case DV_TREEMAP_KIND_POOLED:
      return g_strdup_printf (_("Pooled strings, function data and types the dump does not name\n%s"), bytes);
    case DV_TREEMAP_KIND_NO_PACKAGE:
      return g_strdup_printf (_("Symbols of no package\n%s"), bytes);
    case DV_TREEMAP_KIND_UNEXPLAINED:
      return g_strdup_printf (_("Bytes of the binary the dump does not explain\n%s"), bytes);
    case DV_TREEMAP_KIND_KEPT:
      return g_strdup_printf (_("Other packages' symbols that would leave with it\n%s"), bytes);
    case DV_TREEMAP_KIND_ROOT:
    case DV_TREEMAP_KIND_SMALL:
    default:
      return g_strdup_printf (_("%s\n%s"), name, bytes);
    }
}

/* ---- layout and hit test ---------------------------------------------- */

static void
ensure_layout (DvAppTreemap *self)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self));
  int h = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->map == NULL)
    return;
  if (self->rects != NULL && w == self->layout_width && h == self->layout_height)
    return;
  /* from snapshot too: no new draw queued */
  clear_layout (self);
  self->layout_width = w;
  self->layout_height = h;
  /* lumping the tiny children bounds the work by the widget's area, not
   * by the dump: well under 10 ms even on the 10x dump */
  gint64 t0 = g_get_monotonic_time ();
  DvTreemapStyle style = { PAD, HEADER, MIN_AREA, 0 };
  self->rects = dv_treemap_layout (self->map, zoom_node (self), 0, TITLE_HEIGHT,
                                   MAX (w, 1), MAX (h - TITLE_HEIGHT, 1), &style);
  self->layout_time = g_get_monotonic_time () - t0;
  g_debug ("map layout: %u rectangles in %.2f ms", self->rects->len, self->layout_time / 1e3);
  for (guint i = 1; i < self->rects->len && self->cursor < 0 && self->cursor_node != DV_TREEMAP_NODE_NONE; i++)
    if (rect (self, i)->node == self->cursor_node)
      self->cursor = i;
}

static int
rect_at (DvAppTreemap *self, double x, double y)
{
  ensure_layout (self);
  if (self->rects == NULL)
    return -1;
  /* parents come first: the last that holds the point is the deepest */
  for (guint i = self->rects->len; i-- > 1;)
    {
      const DvTreemapRect *r = rect (self, i);
      if (x >= r->x && x < r->x + r->w && y >= r->y && y < r->y + r->h)
        return i;
    }
  return -1;
}

/* ---- drawing ----------------------------------------------------------- */

static GdkRGBA
mix (const GdkRGBA *a, const GdkRGBA *b, double t)
{
  return (GdkRGBA) { a->red + (b->red - a->red) * t, a->green + (b->green - a->green) * t,
                     a->blue + (b->blue - a->blue) * t, 1 };
}

typedef struct {
  GdkRGBA fg, bg, accent;
  gboolean dark;
} Colours;

static void
get_colours (DvAppTreemap *self, Colours *c)
{
  /* gtk_widget_get_color is 4.10; this one is deprecated only from 4.10 */
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &c->fg);
  c->dark = adw_style_manager_get_dark (self->style_manager);
  gdk_rgba_parse (&c->bg, c->dark ? "#1e1e1e" : "#ffffff");
  gdk_rgba_parse (&c->accent, c->dark ? "#78aeed" : "#1c71d8");
}

static GdkRGBA
rect_fill (const DvTreemapRect *r, gboolean leaf, const Colours *c)
{
  const DvLayoutColour *p = &dv_layout_palette[MIN (r->colour, (guint) DV_LAYOUT_COLOUR_NONE)];
  GdkRGBA base = { p->red, p->green, p->blue, 1 };
  double t = r->kind == DV_TREEMAP_KIND_UNEXPLAINED ? 0.12
             : r->kind == DV_TREEMAP_KIND_SMALL ? 0.3
             : leaf ? (c->dark ? 0.45 : 0.55) : (c->dark ? 0.22 : 0.2);
  return mix (&c->bg, &base, t);
}

static void
append_frame (GtkSnapshot *snapshot, const graphene_rect_t *box, double width, const GdkRGBA *colour)
{
  GskRoundedRect rr;
  float widths[4] = { width, width, width, width };
  GdkRGBA colours[4] = { *colour, *colour, *colour, *colour };

  gsk_rounded_rect_init_from_rect (&rr, box, 0);
  gtk_snapshot_append_border (snapshot, &rr, widths, colours);
}

/* A label at the rectangle's top left if it fits: name and bytes, the name
 * alone, or for a long import path its last element. */
static void
append_label (DvAppTreemap *self, GtkSnapshot *snapshot, const DvTreemapRect *r, gboolean leaf,
              PangoLayout *layout, const GdkRGBA *colour)
{
  double room = r->w - 6, height = leaf ? r->h - 2 : HEADER;
  if (room < 16 || r->h < 12)
    return;
  g_autofree char *name = rect_name (self, r, FALSE);
  g_autofree char *bytes = dv_format_bytes (r->bytes);
  const char *slash = r->kind == DV_TREEMAP_KIND_PACKAGE ? strrchr (name, '/') : NULL;
  g_autofree char *tail = slash ? g_strdup_printf ("\u2026%s", slash) : NULL;
  g_autofree char *line = g_strdup_printf ("%s %s", name, bytes);
  g_autofree char *tail_line = tail ? g_strdup_printf ("%s %s", tail, bytes) : NULL;
  const char *candidates[] = { line, name, tail_line, tail };
  /* no 8pt glyph is narrower than this: most rectangles are ruled out
   * without asking Pango */
  const double narrowest = 4.0;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      int pw, ph;
      if (candidates[i] == NULL || g_utf8_strlen (candidates[i], -1) * narrowest > room)
        continue;
      pango_layout_set_text (layout, candidates[i], -1);
      pango_layout_get_pixel_size (layout, &pw, &ph);
      if (pw > room || ph > height)
        continue;
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (r->x + 3, r->y + 1));
      gtk_snapshot_append_layout (snapshot, layout, colour);
      /* the bytes under the name, where there is room */
      if (leaf && (i == 1 || i == 3) && r->h - 2 >= 2 * ph)
        {
          pango_layout_set_text (layout, bytes, -1);
          pango_layout_get_pixel_size (layout, &pw, &ph);
          if (pw <= room)
            {
              gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, ph));
              gtk_snapshot_append_layout (snapshot, layout, colour);
            }
        }
      gtk_snapshot_restore (snapshot);
      return;
    }
}

static GskRenderNode *
build_scene (DvAppTreemap *self, const Colours *c)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  PangoLayout *bold = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 8");
  PangoFontDescription *bold_font = pango_font_description_from_string ("Sans Bold 8");
  GdkRGBA dim = mix (&c->bg, &c->fg, 0.75);
  GdkRGBA mark;

  dv_app_highlight_kind_colour (self->highlight ? dv_app_highlight_get_kind (self->highlight) : DV_APP_HIGHLIGHT_NONE,
                                c->dark, &mark);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_font_description (bold, bold_font);
  for (guint i = 1; i < self->rects->len; i++)
    {
      const DvTreemapRect *r = rect (self, i);
      gboolean leaf = r->node == DV_TREEMAP_NODE_NONE
                      || dv_treemap_get_node (self->map, r->node)->n_children == 0;
      graphene_rect_t box = GRAPHENE_RECT_INIT (r->x, r->y, r->w, r->h);
      GdkRGBA fill = rect_fill (r, leaf, c);
      GdkRGBA line = mix (&c->bg, &fill, leaf ? 1.6 : 2.2);
      gboolean marked;

      if (r->w < 0.5 || r->h < 0.5)
        continue;
      line = (GdkRGBA) { CLAMP (line.red, 0, 1), CLAMP (line.green, 0, 1), CLAMP (line.blue, 0, 1), 1 };
      marked = rect_marked (self, r);
      if (marked)
        /* tinted towards the mark and framed in it: marked tiles stand out
         * of the package colours, their labels stay on a light (dark) tile */
        fill = mix (&fill, &mark, 0.35);
      gtk_snapshot_append_color (snapshot, &fill, &box);
      if (marked && r->w >= 4 && r->h >= 4)
        append_frame (snapshot, &box, leaf ? 2 : 2.5, &mark);
      else if (r->w >= 3 && r->h >= 3)
        append_frame (snapshot, &box, leaf ? 0.5 : 1, &line);
      append_label (self, snapshot, r, leaf, leaf ? layout : bold,
                    r->kind == DV_TREEMAP_KIND_SMALL || r->kind == DV_TREEMAP_KIND_UNEXPLAINED ? &dim : &c->fg);
    }

  /* the title: what the map shows, and how much */
  const DvTreemapRect *top = rect (self, 0);
  g_autofree char *name = rect_name (self, top, TRUE);
  g_autofree char *bytes = dv_format_bytes (top->bytes);
  g_autofree char *title = NULL;
  if (self->mode == DV_TREEMAP_BY_RETAINED)
    title = g_strdup_printf (_("%s: %s by retained size (packages overlap)"), name, bytes);
  else
    title = g_strdup_printf (_("%s: %s by own size"), name, bytes);
  if (self->zoom->len > 0)
    {
      char *more = g_strdup_printf (_("%s \u2014 Backspace goes back"), title);
      g_free (title);
      title = more;
    }
  pango_layout_set_text (bold, title, -1);
  pango_layout_set_width (bold, MAX (self->layout_width - 8, 1) * PANGO_SCALE);
  pango_layout_set_ellipsize (bold, PANGO_ELLIPSIZE_MIDDLE);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (4, 4));
  gtk_snapshot_append_layout (snapshot, bold, &c->fg);
  gtk_snapshot_restore (snapshot);

  pango_font_description_free (font);
  pango_font_description_free (bold_font);
  g_object_unref (layout);
  g_object_unref (bold);
  return gtk_snapshot_free_to_node (snapshot);
}

static void
dv_app_treemap_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  DvAppTreemap *self = DV_APP_TREEMAP (widget);
  Colours c;

  get_colours (self, &c);
  if (self->map == NULL)
    {
      const char *text = self->busy ? _("Making the map\u2026")
                                    : _("No sizes: add the binary or its go tool nm -size output");
      PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
      int pw, ph;
      pango_layout_get_pixel_size (layout, &pw, &ph);
      GdkRGBA dim = mix (&c.bg, &c.fg, 0.6);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((gtk_widget_get_width (widget) - pw) / 2.0,
                                                              (gtk_widget_get_height (widget) - ph) / 2.0));
      gtk_snapshot_append_layout (snapshot, layout, &dim);
      gtk_snapshot_restore (snapshot);
      g_object_unref (layout);
      return;
    }
  ensure_layout (self);
  if (self->scene == NULL)
    {
      gint64 t0 = g_get_monotonic_time ();
      self->scene = build_scene (self, &c);
      self->scene_time = g_get_monotonic_time () - t0;
      g_debug ("map scene: %.2f ms", self->scene_time / 1e3);
    }
  gtk_snapshot_append_node (snapshot, self->scene);

  /* hover and the keyboard's place, over the cached scene */
  if (self->hover > 0)
    {
      const DvTreemapRect *r = rect (self, self->hover);
      graphene_rect_t box = GRAPHENE_RECT_INIT (r->x, r->y, r->w, r->h);
      GdkRGBA veil = { 1, 1, 1, c.dark ? 0.15 : 0.35 };
      gtk_snapshot_append_color (snapshot, &veil, &box);
      append_frame (snapshot, &box, 2, &c.fg);
    }
  if (self->cursor > 0 && gtk_widget_has_focus (widget))
    {
      const DvTreemapRect *r = rect (self, self->cursor);
      graphene_rect_t box = GRAPHENE_RECT_INIT (r->x, r->y, r->w, r->h);
      append_frame (snapshot, &box, 3, &c.accent);
    }
}

static void
dv_app_treemap_css_changed (GtkWidget *widget, GtkCssStyleChange *change)
{
  DvAppTreemap *self = DV_APP_TREEMAP (widget);

  GTK_WIDGET_CLASS (dv_app_treemap_parent_class)->css_changed (widget, change);
  g_clear_pointer (&self->scene, gsk_render_node_unref);
  gtk_widget_queue_draw (widget);
}

static void
drop_scene_cb (DvAppTreemap *self)
{
  g_clear_pointer (&self->scene, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
dv_app_treemap_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                        int *minimum, int *natural, int *minimum_baseline, int *natural_baseline)
{
  *minimum = 100;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 800 : 600;
}

/* ---- the tree, in a thread --------------------------------------------- */

typedef struct {
  DvCost        *cost;
  DvTreemapMode  mode;
  guint          generation;
} BuildData;

static void
build_data_free (gpointer data)
{
  BuildData *b = data;

  dv_cost_free (b->cost);
  g_free (b);
}

static void
build_thread_cb (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  BuildData *b = data;

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
      return;
    }
  g_task_return_pointer (task, dv_treemap_new (b->cost, b->mode), (GDestroyNotify) dv_treemap_free);
}

static void
set_busy (DvAppTreemap *self, gboolean busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
build_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  DvAppTreemap *self = DV_APP_TREEMAP (source);
  BuildData *b = g_task_get_task_data (G_TASK (result));
  DvTreemap *map = g_task_propagate_pointer (G_TASK (result), NULL);

  /* a build for an older cost or mode: dropped */
  if (map == NULL || b->generation != self->generation)
    {
      g_clear_pointer (&map, dv_treemap_free);
      return;
    }
  g_clear_pointer (&self->map, dv_treemap_free);
  self->map = map;
  g_array_set_size (self->zoom, 0);
  self->cursor_node = DV_TREEMAP_NODE_NONE;
  invalidate_layout (self);
  set_busy (self, FALSE);
  g_signal_emit (self, signals[SIGNAL_MAP_READY], 0);
}

static void
rebuild (DvAppTreemap *self)
{
  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->map, dv_treemap_free);
  g_array_set_size (self->zoom, 0);
  invalidate_layout (self);
  if (self->cost == NULL)
    {
      set_busy (self, FALSE);
      return;
    }
  self->cancellable = g_cancellable_new ();
  BuildData *b = g_new0 (BuildData, 1);
  *b = (BuildData) { dv_cost_ref (self->cost), self->mode, self->generation };
  GTask *task = g_task_new (self, self->cancellable, build_done_cb, NULL);
  g_task_set_task_data (task, b, build_data_free);
  g_task_set_source_tag (task, rebuild);
  g_task_run_in_thread (task, build_thread_cb);
  g_object_unref (task);
  set_busy (self, TRUE);
}

/* ---- input ------------------------------------------------------------- */

static void
set_hover (DvAppTreemap *self, int index)
{
  if (self->hover == index)
    return;
  self->hover = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
announce (DvAppTreemap *self, int index)
{
  g_autofree char *text = NULL;
  if (index > 0)
    text = rect_tooltip (self, rect (self, index));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text != NULL ? text : "", -1);
}

static void
set_cursor (DvAppTreemap *self, int index)
{
  self->cursor = index;
  self->cursor_node = index > 0 ? rect (self, index)->node : DV_TREEMAP_NODE_NONE;
  announce (self, index);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
activate_rect (DvAppTreemap *self, int index)
{
  const DvTreemapRect *r;

  if (index <= 0)
    return;
  r = rect (self, index);
  if (r->kind == DV_TREEMAP_KIND_SYMBOL)
    g_signal_emit (self, signals[SIGNAL_SYMBOL_ACTIVATED], 0, r->id);
  else if (r->kind == DV_TREEMAP_KIND_PACKAGE || r->kind == DV_TREEMAP_KIND_KEPT)
    g_signal_emit (self, signals[SIGNAL_PACKAGE_ACTIVATED], 0, r->id);
}

/* The nearest rectangle with children at or above index. */
static guint32
zoom_target (DvAppTreemap *self, int index)
{
  for (guint32 node = index > 0 ? rect (self, index)->node : DV_TREEMAP_NODE_NONE;
       node != DV_TREEMAP_NODE_NONE;)
    {
      const DvTreemapNode *n = dv_treemap_get_node (self->map, node);
      if (n->n_children > 0 && node != zoom_node (self))
        return node;
      if (node == zoom_node (self))
        break;
      node = n->parent;
    }
  /* a lump stands for its parent's small children: its parent */
  if (index > 0 && rect (self, index)->node == DV_TREEMAP_NODE_NONE)
    for (int i = index; i-- > 0;)
      if (rect (self, i)->depth + 1 == rect (self, index)->depth)
        return rect (self, i)->node != zoom_node (self) ? rect (self, i)->node : DV_TREEMAP_NODE_NONE;
  return DV_TREEMAP_NODE_NONE;
}

static void
zoom_into (DvAppTreemap *self, guint32 node)
{
  if (node == DV_TREEMAP_NODE_NONE)
    return;
  g_array_append_val (self->zoom, node);
  self->cursor_node = DV_TREEMAP_NODE_NONE;
  invalidate_layout (self);
  ensure_layout (self);
  if (self->rects != NULL && self->rects->len > 1)
    set_cursor (self, 1);
}

void
dv_app_treemap_click_at (DvAppTreemap *self, double x, double y, int n_press)
{
  int index = rect_at (self, x, y);

  if (index <= 0)
    return;
  if (n_press == 2)
    {
      zoom_into (self, zoom_target (self, index));
      return;
    }
  set_cursor (self, index);
  activate_rect (self, index);
}

static void
click_pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y, DvAppTreemap *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  dv_app_treemap_click_at (self, x, y, n_press);
}

static void
motion_cb (GtkEventControllerMotion *motion, double x, double y, DvAppTreemap *self)
{
  set_hover (self, rect_at (self, x, y));
}

static void
leave_cb (GtkEventControllerMotion *motion, DvAppTreemap *self)
{
  set_hover (self, -1);
}

static gboolean
dv_app_treemap_query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard_mode,
                              GtkTooltip *tooltip)
{
  DvAppTreemap *self = DV_APP_TREEMAP (widget);
  int index = keyboard_mode ? self->cursor : rect_at (self, x, y);
  g_autofree char *text = NULL;

  if (index <= 0)
    return FALSE;
  text = rect_tooltip (self, rect (self, index));
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* The nearest rectangle of the cursor's depth in a direction. */
static int
neighbour (DvAppTreemap *self, int dx, int dy)
{
  const DvTreemapRect *c = rect (self, self->cursor);
  double cx = c->x + c->w / 2, cy = c->y + c->h / 2, best = G_MAXDOUBLE;
  int found = -1;

  for (guint i = 1; i < self->rects->len; i++)
    {
      const DvTreemapRect *r = rect (self, i);
      if ((int) i == self->cursor || r->depth != c->depth)
        continue;
      double rx = r->x + r->w / 2, ry = r->y + r->h / 2;
      double along = dx ? (rx - cx) * dx : (ry - cy) * dy;
      double across = dx ? fabs (ry - cy) : fabs (rx - cx);
      /* ahead of the cursor, the straight line favoured */
      if (along <= 0.5)
        continue;
      double d = along + 2 * across;
      if (d < best)
        {
          best = d;
          found = i;
        }
    }
  return found;
}

/* Every key is an action, so the window's shortcuts and the tests reach
 * them by name. */
static void
move_action (GtkWidget *widget, const char *name, GVariant *param)
{
  DvAppTreemap *self = DV_APP_TREEMAP (widget);
  int dx, dy;

  ensure_layout (self);
  if (self->rects == NULL || self->rects->len < 2)
    return;
  g_variant_get (param, "(ii)", &dx, &dy);
  if (self->cursor <= 0)
    {
      set_cursor (self, 1);
      return;
    }
  int next = neighbour (self, dx, dy);
  if (next > 0)
    set_cursor (self, next);
}

static void
activate_action (GtkWidget *widget, const char *name, GVariant *param)
{
  DvAppTreemap *self = DV_APP_TREEMAP (widget);

  ensure_layout (self);
  if (self->rects != NULL)
    activate_rect (self, self->cursor);
}

static void
zoom_in_action (GtkWidget *widget, const char *name, GVariant *param)
{
  DvAppTreemap *self = DV_APP_TREEMAP (widget);

  ensure_layout (self);
  if (self->rects != NULL && self->cursor > 0)
    zoom_into (self, zoom_target (self, self->cursor));
}

static void
zoom_out_action (GtkWidget *widget, const char *name, GVariant *param)
{
  dv_app_treemap_zoom_out (DV_APP_TREEMAP (widget));
}

static void
focus_changed_cb (DvAppTreemap *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- API --------------------------------------------------------------- */

GtkWidget *
dv_app_treemap_new (void)
{
  return g_object_new (DV_TYPE_APP_TREEMAP, NULL);
}

void
dv_app_treemap_set_cost (DvAppTreemap *self, DvCost *cost)
{
  g_return_if_fail (DV_IS_APP_TREEMAP (self));
  if (cost != NULL)
    dv_cost_ref (cost);
  g_clear_pointer (&self->cost, dv_cost_free);
  self->cost = cost;
  rebuild (self);
}

void
dv_app_treemap_set_highlight (DvAppTreemap *self, DvAppHighlight *highlight)
{
  g_return_if_fail (DV_IS_APP_TREEMAP (self));

  if (highlight == self->highlight)
    return;
  if (self->highlight != NULL)
    g_signal_handlers_disconnect_by_func (self->highlight, drop_scene_cb, self);
  g_set_object (&self->highlight, highlight);
  if (highlight != NULL)
    g_signal_connect_swapped (highlight, "changed", G_CALLBACK (drop_scene_cb), self);
  drop_scene_cb (self);
}

DvCost *
dv_app_treemap_get_cost (DvAppTreemap *self)
{
  return self->cost;
}

void
dv_app_treemap_set_mode (DvAppTreemap *self, DvTreemapMode mode)
{
  g_return_if_fail (DV_IS_APP_TREEMAP (self));
  if (self->mode == mode)
    return;
  self->mode = mode;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

DvTreemapMode
dv_app_treemap_get_mode (DvAppTreemap *self)
{
  return self->mode;
}

gboolean
dv_app_treemap_get_busy (DvAppTreemap *self)
{
  return self->busy;
}

const DvTreemap *
dv_app_treemap_get_map (DvAppTreemap *self)
{
  return self->map;
}

gboolean
dv_app_treemap_zoom_package (DvAppTreemap *self, DvPackageId package)
{
  guint32 node;

  if (self->map == NULL || (node = dv_treemap_find_package (self->map, package)) == DV_TREEMAP_NODE_NONE
      || dv_treemap_get_node (self->map, node)->n_children == 0)
    return FALSE;
  zoom_into (self, node);
  return TRUE;
}

gboolean
dv_app_treemap_zoom_out (DvAppTreemap *self)
{
  if (self->zoom->len == 0)
    return FALSE;
  guint32 was = zoom_node (self);
  g_array_set_size (self->zoom, self->zoom->len - 1);
  invalidate_layout (self);
  /* back out with the keyboard on what was zoomed into */
  self->cursor_node = was;
  ensure_layout (self);
  if (self->cursor > 0)
    announce (self, self->cursor);
  return TRUE;
}

GArray *
dv_app_treemap_get_rects (DvAppTreemap *self)
{
  ensure_layout (self);
  return self->rects;
}

int
dv_app_treemap_rect_at (DvAppTreemap *self, double x, double y)
{
  return rect_at (self, x, y);
}

char *
dv_app_treemap_tooltip_at (DvAppTreemap *self, double x, double y)
{
  int index = rect_at (self, x, y);
  return index > 0 ? rect_tooltip (self, rect (self, index)) : NULL;
}

void
dv_app_treemap_hover_at (DvAppTreemap *self, double x, double y)
{
  set_hover (self, rect_at (self, x, y));
}

int
dv_app_treemap_get_cursor (DvAppTreemap *self)
{
  return self->cursor;
}

guint
dv_app_treemap_get_n_marked (DvAppTreemap *self)
{
  guint n = 0;

  ensure_layout (self);
  for (guint i = 1; self->rects != NULL && i < self->rects->len; i++)
    n += rect_marked (self, rect (self, i)) ? 1 : 0;
  return n;
}

gint64
dv_app_treemap_get_layout_time (DvAppTreemap *self)
{
  return self->layout_time;
}

gint64
dv_app_treemap_get_scene_time (DvAppTreemap *self)
{
  return self->scene_time;
}

/* ---- GObject ----------------------------------------------------------- */

static void
dv_app_treemap_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  DvAppTreemap *self = DV_APP_TREEMAP (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_MODE:
      g_value_set_int (value, self->mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dv_app_treemap_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  DvAppTreemap *self = DV_APP_TREEMAP (object);

  switch (prop_id)
    {
    case PROP_MODE:
      dv_app_treemap_set_mode (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dv_app_treemap_dispose (GObject *object)
{
  DvAppTreemap *self = DV_APP_TREEMAP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->style_manager != NULL)
    g_signal_handlers_disconnect_by_func (self->style_manager, drop_scene_cb, self);
  self->style_manager = NULL;
  if (self->highlight != NULL)
    g_signal_handlers_disconnect_by_func (self->highlight, drop_scene_cb, self);
  g_clear_object (&self->highlight);
  G_OBJECT_CLASS (dv_app_treemap_parent_class)->dispose (object);
}

static void
dv_app_treemap_finalize (GObject *object)
{
  DvAppTreemap *self = DV_APP_TREEMAP (object);

  g_clear_pointer (&self->map, dv_treemap_free);
  g_clear_pointer (&self->rects, g_array_unref);
  g_clear_pointer (&self->scene, gsk_render_node_unref);
  g_array_unref (self->zoom);
  g_clear_pointer (&self->cost, dv_cost_free);
  G_OBJECT_CLASS (dv_app_treemap_parent_class)->finalize (object);
}

static void
dv_app_treemap_class_init (DvAppTreemapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = dv_app_treemap_get_property;
  object_class->set_property = dv_app_treemap_set_property;
  object_class->dispose = dv_app_treemap_dispose;
  object_class->finalize = dv_app_treemap_finalize;
  widget_class->snapshot = dv_app_treemap_snapshot;
  widget_class->measure = dv_app_treemap_measure;
  widget_class->query_tooltip = dv_app_treemap_query_tooltip;
  widget_class->css_changed = dv_app_treemap_css_changed;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* DvTreemapMode */
  properties[PROP_MODE] =
    g_param_spec_int ("mode", NULL, NULL, DV_TREEMAP_BY_SIZE, DV_TREEMAP_BY_RETAINED, DV_TREEMAP_BY_SIZE,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A click on a symbol's rectangle: its DvSymbolId. */
  signals[SIGNAL_SYMBOL_ACTIVATED] =
    g_signal_new ("symbol-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /* A click on a package's rectangle (its header): its DvPackageId. */
  signals[SIGNAL_PACKAGE_ACTIVATED] =
    g_signal_new ("package-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /* A new tree is on screen. */
  signals[SIGNAL_MAP_READY] =
    g_signal_new ("map-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "treemap.move", "(ii)", move_action);
  gtk_widget_class_install_action (widget_class, "treemap.activate", NULL, activate_action);
  gtk_widget_class_install_action (widget_class, "treemap.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "treemap.zoom-out", NULL, zoom_out_action);
  static const struct { guint key; int dx, dy; } arrows[] = {
    { GDK_KEY_Left, -1, 0 }, { GDK_KEY_KP_Left, -1, 0 }, { GDK_KEY_Right, 1, 0 }, { GDK_KEY_KP_Right, 1, 0 },
    { GDK_KEY_Up, 0, -1 }, { GDK_KEY_KP_Up, 0, -1 }, { GDK_KEY_Down, 0, 1 }, { GDK_KEY_KP_Down, 0, 1 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (arrows); i++)
    gtk_widget_class_add_binding_action (widget_class, arrows[i].key, 0, "treemap.move", "(ii)",
                                         arrows[i].dx, arrows[i].dy);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "treemap.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "treemap.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "treemap.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_SHIFT_MASK, "treemap.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_SHIFT_MASK, "treemap.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "treemap.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "treemap.zoom-out", NULL);

  gtk_widget_class_set_css_name (widget_class, "treemap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dv_app_treemap_init (DvAppTreemap *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->zoom = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->hover = -1;
  self->cursor = -1;
  self->cursor_node = DV_TREEMAP_NODE_NONE;
  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Map of the binary"), -1);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (click_pressed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));
  g_signal_connect (motion, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (widget, motion);
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (focus_changed_cb), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_changed_cb), self);
  gtk_widget_add_controller (widget, focus);

  self->style_manager = adw_style_manager_get_default ();
  g_signal_connect_swapped (self->style_manager, "notify::dark", G_CALLBACK (drop_scene_cb), self);
}
