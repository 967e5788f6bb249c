/* dv-app-symbol-cell.c: text is laid out only when a row is drawn, so the
 * 200 rows a list keeps cost almost nothing until they scroll into view. */
#define G_LOG_DOMAIN "depview"

#include <glib/gi18n.h>

#include "dv-app-symbol-cell.h"
#include "dv-format-cost.h"

#define DIM_ALPHA   0.55
#define SMALL_SCALE 0.85

struct _DvAppSymbolCell
{
  GtkWidget       parent_instance;
  DvAppSymbolRow *row;
  int             line_height;  /* 0: not measured yet */
  int             small_height; /* of the dimmed line */
  DvAppSymbolCellShows shows;
  char           *bytes_text;   /* a size cell's last title */
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

static void
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

  if (text == NULL || text[0] == '\0' || width <= 0)
    return;

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
}

static void
draw_text (GtkWidget         *widget,
           GtkSnapshot       *snapshot,
           const char        *text,
           int                y,
           int                width,
           gboolean           small,
           const GdkRGBA     *color)
{
  draw_text_aligned (widget, snapshot, text, y, width, small, PANGO_ALIGN_LEFT, color);
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
  text = g_strdup_printf ("%s\n%s%s%s%s%s", cell_name (self),
                          dv_app_symbol_row_get_kind (self->row),
                          package[0] ? " · " : "", package,
                          flags[0] ? " · " : "", flags);
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

  if (row != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, cell_name (self),
                                    -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
