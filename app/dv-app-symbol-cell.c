/* dv-app-symbol-cell.c: text is laid out only when a row is drawn, so the
 * 200 rows a list keeps cost almost nothing until they scroll into view. */
#define G_LOG_DOMAIN "depview"

#include <glib/gi18n.h>

#include "dv-app-symbol-cell.h"
#include "dv-format-cost.h"

#define DIM_ALPHA   0.55
#define SMALL_SCALE 0.85
#define PILL_PAD    6   /* each side of a pill's word */
#define PILL_GAP    6   /* between the name and its pill */
#define PILL_TINT   0.16

struct _DvAppSymbolCell
{
  GtkWidget       parent_instance;
  DvAppSymbolRow *row;
  int             line_height;  /* 0: not measured yet */
  int             small_height; /* of the dimmed line */
  DvAppSymbolCellShows shows;
  char           *bytes_text;   /* a size cell's last title */
  DvAppHighlightKind mark;
  char           *mark_label;   /* what marks it ("new since etcd-go1.19"), or NULL */
  gboolean        hide_pill;
};

/* Line heights of the first font seen: measuring them takes two Pango
 * layouts, and 600 new cells on every search would each make them. */
static PangoFontDescription *measured_font;
static int measured_line, measured_small;

G_DEFINE_FINAL_TYPE (DvAppSymbolCell, dv_app_symbol_cell, GTK_TYPE_WIDGET)

static const char *
cell_name (DvAppSymbolCell *self)
{
  const char *name = dv_app_symbol_row_get_name (self->row);

  return name[0] != '\0' ? name : _("(unnamed)");
}

const char *
dv_app_mark_css_class (DvAppHighlightKind kind)
{
  switch (kind)
    {
    case DV_APP_HIGHLIGHT_ADDED:
      return "mark-added";
    case DV_APP_HIGHLIGHT_KEEPS:
      return "mark-keeps";
    case DV_APP_HIGHLIGHT_NONE:
    default:
      return NULL;
    }
}

char *
dv_app_mark_accessible_label (const char         *name,
                              DvAppHighlightKind  kind,
                              const char         *label)
{
  const char *word = dv_app_mark_word (kind);

  if (word == NULL)
    return g_strdup (name);
  /* TRANSLATORS: what a screen reader says for a marked row: its name,
   * then what marks it ("crypto/tls, new since etcd-go1.19") */
  return g_strdup_printf (C_("marked row", "%s, %s"), name, label != NULL && label[0] != '\0' ? label : word);
}

DvAppSymbolRow *
dv_app_symbol_cell_get_row (DvAppSymbolCell *self)
{
  g_return_val_if_fail (DV_APP_IS_SYMBOL_CELL (self), NULL);
  return self->row;
}

DvAppSymbolCellShows
dv_app_symbol_cell_get_shows (DvAppSymbolCell *self)
{
  g_return_val_if_fail (DV_APP_IS_SYMBOL_CELL (self), DV_APP_SYMBOL_CELL_NAME);
  return self->shows;
}

const char *
dv_app_symbol_cell_get_title (DvAppSymbolCell *self)
{
  g_return_val_if_fail (DV_APP_IS_SYMBOL_CELL (self), NULL);
  if (self->shows == DV_APP_SYMBOL_CELL_SIZE || self->shows == DV_APP_SYMBOL_CELL_RETAINED)
    {
      /* read at each call: the list may get sizes while the row is shown */
      g_clear_pointer (&self->bytes_text, g_free);
      if (self->row == NULL)
        return NULL;
      if (dv_app_symbol_row_get_cost (self->row) == NULL)
        self->bytes_text = g_strdup ("");
      else
        self->bytes_text = dv_format_bytes (self->shows == DV_APP_SYMBOL_CELL_SIZE
                                            ? dv_app_symbol_row_get_size (self->row)
                                            : dv_app_symbol_row_get_retained (self->row));
      return self->bytes_text;
    }
  if (self->shows != DV_APP_SYMBOL_CELL_NAME)
    return NULL;
  return self->row != NULL ? dv_app_symbol_row_get_short_name (self->row) : NULL;
}

/* The full import path; a name of no package shows itself whole when the
 * short form differs (nothing to dim otherwise). */
const char *
dv_app_symbol_cell_get_subtitle (DvAppSymbolCell *self)
{
  const char *package;

  g_return_val_if_fail (DV_APP_IS_SYMBOL_CELL (self), NULL);
  if (self->row == NULL || self->shows != DV_APP_SYMBOL_CELL_NAME)
    return NULL;
  package = dv_app_symbol_row_get_package (self->row);
  if (package[0] != '\0')
    return package;
  if (g_strcmp0 (dv_app_symbol_row_get_short_name (self->row), dv_app_symbol_row_get_name (self->row)) != 0)
    return dv_app_symbol_row_get_name (self->row);
  return "";
}

/* The name, and what marks it. */
static void
dv_app_symbol_cell_update_label (DvAppSymbolCell *self)
{
  g_autofree char *label = NULL;

  if (self->row == NULL)
    return;
  label = dv_app_mark_accessible_label (cell_name (self), self->mark, self->mark_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
measure_lines (DvAppSymbolCell *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  g_autoptr(PangoLayout) layout = NULL;
  PangoAttrList *attrs;

  if (measured_font != NULL && font != NULL && pango_font_description_equal (font, measured_font))
    {
      self->line_height = measured_line;
      self->small_height = measured_small;
      return;
    }

  layout = gtk_widget_create_pango_layout (widget, "Xg");
  pango_layout_get_pixel_size (layout, NULL, &self->line_height);
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_scale_new (SMALL_SCALE));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_get_pixel_size (layout, NULL, &self->small_height);

  if (font != NULL)
    {
      g_clear_pointer (&measured_font, pango_font_description_free);
      measured_font = pango_font_description_copy (font);
      measured_line = self->line_height;
      measured_small = self->small_height;
    }
}

static void
dv_app_symbol_cell_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  DvAppSymbolCell *self = DV_APP_SYMBOL_CELL (widget);

  if (self->line_height == 0)
    measure_lines (self);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* the name: about 12 and 40 characters; the others a word */
      *minimum = self->shows == DV_APP_SYMBOL_CELL_NAME ? self->line_height * 5 : self->line_height * 2;
      *natural = self->shows == DV_APP_SYMBOL_CELL_NAME ? self->line_height * 16 : self->line_height * 4;
      return;
    }
  *minimum = *natural = self->line_height + self->small_height;
}

/* Returns the width drawn. */
static int
draw_text_aligned (GtkWidget         *widget,
                   GtkSnapshot       *snapshot,
                   const char        *text,
                   int                y,
                   int                width,
                   gboolean           small,
                   PangoAlignment     align,
                   const GdkRGBA     *color)
{
  g_autoptr(PangoLayout) layout = NULL;
  int drawn;

  if (text == NULL || text[0] == '\0' || width <= 0)
    return 0;

  layout = gtk_widget_create_pango_layout (widget, text);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, align);
  if (small)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_scale_new (SMALL_SCALE));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
  pango_layout_get_pixel_size (layout, &drawn, NULL);
  return drawn;
}

static int
draw_text (GtkWidget         *widget,
           GtkSnapshot       *snapshot,
           const char        *text,
           int                y,
           int                width,
           gboolean           small,
           const GdkRGBA     *color)
{
  return draw_text_aligned (widget, snapshot, text, y, width, small, PANGO_ALIGN_LEFT, color);
}

/* The colour of a mark: libadwaita's success (new) or warning (goes)
 * colour, which the light and the dark style each set to read on their
 * background. */
static void
mark_color (DvAppSymbolCell *self,
            GdkRGBA         *color)
{
  gboolean added = self->mark == DV_APP_HIGHLIGHT_ADDED;

  /* gtk_style_context_lookup_color is deprecated only from GTK 4.10 */
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self)),
                                       added ? "success_color" : "warning_color", color))
    dv_app_highlight_kind_colour (self->mark, FALSE, color);
}

static PangoLayout *
pill_layout (DvAppSymbolCell *self)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), dv_app_mark_word (self->mark));
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (SMALL_SCALE));
  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

/* The word on a rounded tint of its colour, its left edge at x, centred
 * on a line of line_height from y. */
static void
draw_pill (DvAppSymbolCell *self,
           GtkSnapshot     *snapshot,
           PangoLayout     *layout,
           int              x,
           int              y,
           int              line_height)
{
  GskRoundedRect box;
  GdkRGBA color, tint;
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  mark_color (self, &color);
  tint = color;
  tint.alpha *= PILL_TINT;
  y += MAX (0, (line_height - h) / 2);
  gsk_rounded_rect_init_from_rect (&box, &GRAPHENE_RECT_INIT (x, y, w + 2 * PILL_PAD, h), h / 2.0f);
  gtk_snapshot_push_rounded_clip (snapshot, &box);
  gtk_snapshot_append_color (snapshot, &tint, &box.bounds);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + PILL_PAD, y));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
dv_app_symbol_cell_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  DvAppSymbolCell *self = DV_APP_SYMBOL_CELL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int top;
  GdkRGBA color, dim;

  if (self->row == NULL)
    return;
  if (self->line_height == 0)
    measure_lines (self);

  /* gtk_widget_get_color is GTK 4.10 */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  dim = color;
  dim.alpha *= DIM_ALPHA;

  top = MAX (0, (height - self->line_height - self->small_height) / 2);
  switch (self->shows)
    {
    case DV_APP_SYMBOL_CELL_SIZE:
    case DV_APP_SYMBOL_CELL_RETAINED:
      /* one line, level with the name, figures aligned at the right */
      draw_text_aligned (widget, snapshot, dv_app_symbol_cell_get_title (self), top, width, FALSE,
                         PANGO_ALIGN_RIGHT, self->shows == DV_APP_SYMBOL_CELL_SIZE ? &color : &dim);
      break;
    case DV_APP_SYMBOL_CELL_KIND:
      draw_text (widget, snapshot, dv_app_symbol_row_get_kind (self->row), top, width, TRUE, &dim);
      G_GNUC_FALLTHROUGH;
    case DV_APP_SYMBOL_CELL_FLAGS:
      {
        /* under the kind, or alone */
        int y = self->shows == DV_APP_SYMBOL_CELL_KIND ? top + self->line_height : top;
        DvSymbolFlags flags = dv_graph_symbol_flags (dv_app_symbol_row_get_graph (self->row),
                                                     dv_app_symbol_row_get_id (self->row));
        GdkRGBA accent = { 0.57, 0.25, 0.67, 1.0 };

        if (flags != DV_SYMBOL_FLAG_NONE)
          {
            g_autofree char *text = dv_app_symbol_flags_to_string (flags);
            draw_text (widget, snapshot, text, y, width, TRUE, &accent);
          }
      }
      break;
    case DV_APP_SYMBOL_CELL_NAME:
    default:
      if (dv_app_symbol_cell_get_pill (self) != NULL)
        {
          /* the pill right after the name; the name gives way to it */
          g_autoptr(PangoLayout) pill = pill_layout (self);
          int pill_width, drawn;

          pango_layout_get_pixel_size (pill, &pill_width, NULL);
          pill_width += 2 * PILL_PAD;
          drawn = draw_text (widget, snapshot, dv_app_symbol_cell_get_title (self), top,
                             MAX (width - pill_width - PILL_GAP, self->line_height), FALSE, &color);
          draw_pill (self, snapshot, pill, drawn + PILL_GAP, top, self->line_height);
        }
      else
        draw_text (widget, snapshot, dv_app_symbol_cell_get_title (self), top, width, FALSE, &color);
      draw_text (widget, snapshot, dv_app_symbol_cell_get_subtitle (self), top + self->line_height,
                 width, TRUE, &dim);
      break;
    }
}

static gboolean
dv_app_symbol_cell_query_tooltip (GtkWidget  *widget,
                                  int         x,
                                  int         y,
                                  gboolean    keyboard_mode,
                                  GtkTooltip *tooltip)
{
  DvAppSymbolCell *self = DV_APP_SYMBOL_CELL (widget);
  g_autofree char *flags = NULL;
  g_autofree char *text = NULL;
  const char *package;

  if (self->row == NULL)
    return FALSE;

  package = dv_app_symbol_row_get_package (self->row);
  flags = dv_app_symbol_flags_to_string (dv_graph_symbol_flags (dv_app_symbol_row_get_graph (self->row),
                                                                dv_app_symbol_row_get_id (self->row)));
  text = g_strdup_printf ("%s\n%s%s%s%s%s%s%s", cell_name (self),
                          dv_app_symbol_row_get_kind (self->row),
                          package[0] ? " · " : "", package,
                          flags[0] ? " · " : "", flags,
                          self->mark != DV_APP_HIGHLIGHT_NONE ? "\n" : "",
                          self->mark == DV_APP_HIGHLIGHT_NONE ? ""
                          : self->mark_label != NULL ? self->mark_label
                          : dv_app_mark_word (self->mark));
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
dv_app_symbol_cell_css_changed (GtkWidget         *widget,
                                GtkCssStyleChange *change)
{
  DV_APP_SYMBOL_CELL (widget)->line_height = 0;
  DV_APP_SYMBOL_CELL (widget)->small_height = 0;
  GTK_WIDGET_CLASS (dv_app_symbol_cell_parent_class)->css_changed (widget, change);
  gtk_widget_queue_resize (widget);
}

static void
dv_app_symbol_cell_dispose (GObject *object)
{
  DvAppSymbolCell *self = DV_APP_SYMBOL_CELL (object);

  g_clear_object (&self->row);
  g_clear_pointer (&self->bytes_text, g_free);
  g_clear_pointer (&self->mark_label, g_free);

  G_OBJECT_CLASS (dv_app_symbol_cell_parent_class)->dispose (object);
}

static void
dv_app_symbol_cell_class_init (DvAppSymbolCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dv_app_symbol_cell_dispose;
  widget_class->measure = dv_app_symbol_cell_measure;
  widget_class->snapshot = dv_app_symbol_cell_snapshot;
  widget_class->query_tooltip = dv_app_symbol_cell_query_tooltip;
  widget_class->css_changed = dv_app_symbol_cell_css_changed;

  gtk_widget_class_set_css_name (widget_class, "dvsymbolcell");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
dv_app_symbol_cell_init (DvAppSymbolCell *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
dv_app_symbol_cell_new (void)
{
  return g_object_new (DV_APP_TYPE_SYMBOL_CELL, NULL);
}

GtkWidget *
dv_app_symbol_cell_new_for (DvAppSymbolCellShows shows)
{
  DvAppSymbolCell *self = g_object_new (DV_APP_TYPE_SYMBOL_CELL, NULL);

  self->shows = shows;
  return GTK_WIDGET (self);
}

void
dv_app_symbol_cell_set_row (DvAppSymbolCell *self,
                            DvAppSymbolRow  *row)
{
  g_return_if_fail (DV_APP_IS_SYMBOL_CELL (self));

  if (!g_set_object (&self->row, row))
    return;

  dv_app_symbol_cell_update_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
dv_app_symbol_cell_set_mark (DvAppSymbolCell    *self,
                             DvAppHighlightKind  kind,
                             const char         *label)
{
  GtkWidget *widget = GTK_WIDGET (self);

  g_return_if_fail (DV_APP_IS_SYMBOL_CELL (self));

  if (kind == DV_APP_HIGHLIGHT_NONE)
    label = NULL;
  if (kind == self->mark && g_strcmp0 (label, self->mark_label) == 0)
    return;

  /* style classes change only with the kind: each change restyles the cell */
  if (kind != self->mark)
    {
      if (self->mark != DV_APP_HIGHLIGHT_NONE)
        gtk_widget_remove_css_class (widget, dv_app_mark_css_class (self->mark));
      if (kind != DV_APP_HIGHLIGHT_NONE)
        gtk_widget_add_css_class (widget, dv_app_mark_css_class (kind));
      if (kind == DV_APP_HIGHLIGHT_NONE)
        gtk_widget_remove_css_class (widget, "marked");
      else if (self->mark == DV_APP_HIGHLIGHT_NONE)
        gtk_widget_add_css_class (widget, "marked");
      self->mark = kind;
    }
  g_free (self->mark_label);
  self->mark_label = g_strdup (label);
  dv_app_symbol_cell_update_label (self);
  gtk_widget_queue_draw (widget);
}

DvAppHighlightKind
dv_app_symbol_cell_get_mark (DvAppSymbolCell *self)
{
  g_return_val_if_fail (DV_APP_IS_SYMBOL_CELL (self), DV_APP_HIGHLIGHT_NONE);
  return self->mark;
}

void
dv_app_symbol_cell_set_show_pill (DvAppSymbolCell *self,
                                  gboolean         show)
{
  g_return_if_fail (DV_APP_IS_SYMBOL_CELL (self));

  if (self->hide_pill == !show)
    return;
  self->hide_pill = !show;
  if (self->mark != DV_APP_HIGHLIGHT_NONE)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
dv_app_symbol_cell_get_pill (DvAppSymbolCell *self)
{
  g_return_val_if_fail (DV_APP_IS_SYMBOL_CELL (self), NULL);
  if (self->hide_pill || self->row == NULL || self->shows != DV_APP_SYMBOL_CELL_NAME)
    return NULL;
  return dv_app_mark_word (self->mark);
}
