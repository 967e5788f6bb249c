/* dv-treemap.c: see dv-treemap.h. */
#include "config.h"

#include "dv-treemap.h"
#include "dv-format.h"
#include "dv-format-cost.h"
#include "dv-graph-private.h"
#include "dv-layout.h"
#include "dv-names-private.h"

#include <math.h>
#include <string.h>

struct _DvTreemap
{
  DvCost        *cost;
  DvTreemapMode  mode;
  GArray        *nodes;          /* DvTreemapNode */
  guint32       *package_node;   /* by package */
  guint32       *symbol_node;    /* by symbol */
  guint          n_packages, n_symbols;
};

/* What a node will hold before the nodes get their final places. */
typedef struct {
  DvTreemapKind kind;
  guint32       id;
  guint64       bytes;
  GArray       *children;        /* Child, or NULL */
} Child;

static gint
compare_children (gconstpointer a, gconstpointer b)
{
  const Child *x = a, *y = b;
  if (x->bytes != y->bytes)
    return x->bytes > y->bytes ? -1 : 1;
  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

static void
add_child (GArray *to, DvTreemapKind kind, guint32 id, guint64 bytes, GArray *children)
{
  Child c = { kind, id, bytes, children };
  if (bytes == 0)
    {
      if (children != NULL)
        g_array_unref (children);
      return;
    }
  g_array_append_val (to, c);
}

static GArray *
new_children (void)
{
  return g_array_new (FALSE, FALSE, sizeof (Child));
}

/* Breadth first, so that every node's children are consecutive. */
static void
place (DvTreemap *map, const Child *root)
{
  GQueue queue = G_QUEUE_INIT;
  DvGraph *g = dv_cost_get_graph (map->cost);
  DvTreemapNode rn = { root->kind, root->id, DV_TREEMAP_NODE_NONE, 0, 0,
                       DV_LAYOUT_COLOUR_NONE, root->bytes };

  g_array_append_val (map->nodes, rn);
  g_queue_push_tail (&queue, (gpointer) root);
  g_queue_push_tail (&queue, GUINT_TO_POINTER (0));
  while (!g_queue_is_empty (&queue))
    {
      const Child *c = g_queue_pop_head (&queue);
      guint32 index = GPOINTER_TO_UINT (g_queue_pop_head (&queue));
      if (c->children == NULL)
        continue;
      g_array_sort (c->children, compare_children);
      DvTreemapNode *parent = &g_array_index (map->nodes, DvTreemapNode, index);
      parent->first_child = map->nodes->len;
      parent->n_children = c->children->len;
      guint parent_colour = parent->colour;
      for (guint i = 0; i < c->children->len; i++)
        {
          const Child *k = &g_array_index (c->children, Child, i);
          DvTreemapNode n = { k->kind, k->id, index, 0, 0, parent_colour, k->bytes };
          if (k->kind == DV_TREEMAP_KIND_PACKAGE)
            {
              n.colour = dv_layout_package_colour (dv_graph_package_name (g, k->id));
              map->package_node[k->id] = map->nodes->len;
            }
          else if (k->kind == DV_TREEMAP_KIND_SYMBOL)
            map->symbol_node[k->id] = map->nodes->len;
          else if (k->kind != DV_TREEMAP_KIND_KEPT)
            n.colour = DV_LAYOUT_COLOUR_NONE;
          g_queue_push_tail (&queue, (gpointer) k);
          g_queue_push_tail (&queue, GUINT_TO_POINTER (map->nodes->len));
          g_array_append_val (map->nodes, n);
        }
    }
}

static void
free_children (GArray *children)
{
  if (children == NULL)
    return;
  for (guint i = 0; i < children->len; i++)
    free_children (g_array_index (children, Child, i).children);
  g_array_unref (children);
}

DvTreemap *
dv_treemap_new (DvCost *cost, DvTreemapMode mode)
{
  DvTreemap *map = g_new0 (DvTreemap, 1);
  DvGraph *g = dv_cost_get_graph (cost);
  const DvCostSummary *s = dv_cost_get_summary (cost);
  gboolean by_retained = mode == DV_TREEMAP_BY_RETAINED;

  map->cost = cost;
  map->mode = mode;
  map->n_packages = g->n_packages;
  map->n_symbols = g->n_symbols;
  map->nodes = g_array_new (FALSE, FALSE, sizeof (DvTreemapNode));
  map->package_node = g_new (guint32, MAX (g->n_packages, 1u));
  map->symbol_node = g_new (guint32, MAX (g->n_symbols, 1u));
  memset (map->package_node, 0xff, sizeof (guint32) * MAX (g->n_packages, 1u));
  memset (map->symbol_node, 0xff, sizeof (guint32) * MAX (g->n_symbols, 1u));

  GArray **by_package = g_new0 (GArray *, (gsize) g->n_packages + 1);
  guint64 *reachable_own = g_new0 (guint64, (gsize) g->n_packages + 1);
  GArray *shared = new_children ();
  GArray *no_package = new_children ();

  for (DvSymbolId id = 0; id < g->n_symbols; id++)
    {
      guint64 own = dv_cost_symbol_size (cost, id);
      DvPackageId p = g->packages[id];
      if (own == 0)
        continue;
      if (p == DV_PACKAGE_NONE)
        {
          /* the same test as dv-cost.c's count of shared bytes */
          gboolean is_shared = g->roles[id] == DV_NAME_ROLE_NONE
                               && dv_symbol_name_content_addressable (g->names[id], g->name_lens[id]);
          add_child (is_shared ? shared : no_package, DV_TREEMAP_KIND_SYMBOL, id, own, NULL);
          continue;
        }
      /* by retained, a package keeps only its reachable symbols */
      if (by_retained && g->depth[id] == DV_DEPTH_UNREACHABLE)
        continue;
      if (by_package[p] == NULL)
        by_package[p] = new_children ();
      add_child (by_package[p], DV_TREEMAP_KIND_SYMBOL, id, own, NULL);
      reachable_own[p] += own;
    }

  Child root = { DV_TREEMAP_KIND_ROOT, G_MAXUINT32, 0, new_children () };
  for (DvPackageId p = 0; p < g->n_packages; p++)
    {
      guint64 bytes = by_retained ? dv_cost_package_retained (cost, p) : dv_cost_package_size (cost, p);
      if (by_retained && bytes > reachable_own[p])
        {
          if (by_package[p] == NULL)
            by_package[p] = new_children ();
          add_child (by_package[p], DV_TREEMAP_KIND_KEPT, p, bytes - reachable_own[p], NULL);
        }
      bytes = MAX (bytes, reachable_own[p]);
      if (bytes == 0 && by_package[p] != NULL)
        {
          g_array_unref (by_package[p]);
          by_package[p] = NULL;
        }
      add_child (root.children, DV_TREEMAP_KIND_PACKAGE, p, bytes, by_package[p]);
    }
  add_child (shared, DV_TREEMAP_KIND_POOLED, G_MAXUINT32, s->pooled_bytes, NULL);
  add_child (root.children, DV_TREEMAP_KIND_SHARED, G_MAXUINT32, s->shared_bytes, shared);
  guint64 no_package_bytes = 0;
  for (guint i = 0; i < no_package->len; i++)
    no_package_bytes += g_array_index (no_package, Child, i).bytes;
  add_child (root.children, DV_TREEMAP_KIND_NO_PACKAGE, G_MAXUINT32, no_package_bytes, no_package);
  /* without the binary's total, the sized names the dump does not hold
   * are all that is known to be unexplained */
  add_child (root.children, DV_TREEMAP_KIND_UNEXPLAINED, G_MAXUINT32,
             s->total_source != NULL ? s->unexplained_bytes : s->unmatched_bytes, NULL);
  for (guint i = 0; i < root.children->len; i++)
    root.bytes += g_array_index (root.children, Child, i).bytes;

  place (map, &root);
  free_children (root.children);
  g_free (by_package);
  g_free (reachable_own);
  return map;
}

void
dv_treemap_free (DvTreemap *map)
{
  if (map == NULL)
    return;
  g_array_unref (map->nodes);
  g_free (map->package_node);
  g_free (map->symbol_node);
  g_free (map);
}

DvTreemapMode
dv_treemap_get_mode (const DvTreemap *map)
{
  return map->mode;
}

DvCost *
dv_treemap_get_cost (const DvTreemap *map)
{
  return map->cost;
}

guint
dv_treemap_get_n_nodes (const DvTreemap *map)
{
  return map->nodes->len;
}

const DvTreemapNode *
dv_treemap_get_node (const DvTreemap *map, guint32 node)
{
  g_return_val_if_fail (node < map->nodes->len, NULL);
  return &g_array_index (map->nodes, DvTreemapNode, node);
}

guint32
dv_treemap_find_package (const DvTreemap *map, DvPackageId package)
{
  return package < map->n_packages ? map->package_node[package] : DV_TREEMAP_NODE_NONE;
}

guint32
dv_treemap_find_symbol (const DvTreemap *map, DvSymbolId symbol)
{
  return symbol < map->n_symbols ? map->symbol_node[symbol] : DV_TREEMAP_NODE_NONE;
}

/* ---------------------------------------------------------------------- */

/* The worst aspect ratio of a row of areas (largest max, smallest min,
 * summing to sum) laid along a side of length side. */
static double
worst_ratio (double max, double min, double sum, double side)
{
  double s2 = sum * sum, w2 = side * side;
  if (min <= 0 || sum <= 0)
    return G_MAXDOUBLE;
  return MAX (w2 * max / s2, s2 / (w2 * min));
}

void
dv_treemap_squarify (const double *areas, guint n, double x, double y, double w, double h,
                     double *out)
{
  guint i = 0;

  while (i < n)
    {
      double side = MIN (w, h);
      double sum = areas[i], max = areas[i], min = areas[i];
      double worst = worst_ratio (max, min, sum, side);
      guint j = i + 1;

      /* add to the row while it gets squarer */
      for (; j < n; j++)
        {
          double nsum = sum + areas[j];
          double nmax = MAX (max, areas[j]), nmin = MIN (min, areas[j]);
          double nworst = worst_ratio (nmax, nmin, nsum, side);
          if (nworst > worst)
            break;
          sum = nsum;
          max = nmax;
          min = nmin;
          worst = nworst;
        }
      /* the last row takes what is left, so rounding leaves no gap */
      double thick = side > 0 ? sum / side : 0;
      if (j == n)
        thick = w >= h ? w : h;
      double pos = 0;
      for (guint k = i; k < j; k++)
        {
          double len = sum > 0 ? side * areas[k] / sum : 0;
          if (k == j - 1)
            len = side - pos;
          if (w >= h)
            {
              /* a column on the left, items top to bottom */
              out[4 * k] = x;
              out[4 * k + 1] = y + pos;
              out[4 * k + 2] = thick;
              out[4 * k + 3] = len;
            }
          else
            {
              /* a row at the top, items left to right */
              out[4 * k] = x + pos;
              out[4 * k + 1] = y;
              out[4 * k + 2] = len;
              out[4 * k + 3] = thick;
            }
          pos += len;
        }
      if (w >= h)
        {
          x += thick;
          w = MAX (w - thick, 0);
        }
      else
        {
          y += thick;
          h = MAX (h - thick, 0);
        }
      i = j;
    }
}

static void
layout_node (const DvTreemap *map, const DvTreemapStyle *style, guint32 index,
             double x, double y, double w, double h, guint depth, GArray *out)
{
  const DvTreemapNode *node = dv_treemap_get_node (map, index);
  DvTreemapRect r = { x, y, w, h, depth, node->kind, node->id, index, 0, node->colour, node->bytes };

  g_array_append_val (out, r);
  if (node->n_children == 0 || (style->max_depth > 0 && depth >= style->max_depth))
    return;
  /* the node the layout starts from needs no room for its label */
  double pad = depth > 0 ? style->pad : 0, header = depth > 0 ? style->header : 0;
  double ix = x + pad, iy = y + pad + header, iw = w - 2 * pad, ih = h - 2 * pad - header;
  if (iw <= 0 || ih <= 0)
    return;

  guint64 total = 0;
  for (guint32 i = 0; i < node->n_children; i++)
    total += dv_treemap_get_node (map, node->first_child + i)->bytes;
  if (total == 0)
    return;
  double scale = iw * ih / (double) total;
  guint n = node->n_children, shown = 0;
  guint64 shown_bytes = 0;
  /* children are sorted: the first one too small starts the lump */
  while (shown < n)
    {
      guint64 b = dv_treemap_get_node (map, node->first_child + shown)->bytes;
      if (b * scale < style->min_area)
        break;
      shown_bytes += b;
      shown++;
    }
  guint m = shown < n ? shown + 1 : shown;
  g_autofree double *areas = g_new (double, m);
  g_autofree double *rects = g_new (double, 4 * (gsize) m);
  for (guint i = 0; i < shown; i++)
    areas[i] = dv_treemap_get_node (map, node->first_child + i)->bytes * scale;
  if (shown < n)
    areas[shown] = (total - shown_bytes) * scale;
  dv_treemap_squarify (areas, m, ix, iy, iw, ih, rects);
  for (guint i = 0; i < shown; i++)
    layout_node (map, style, node->first_child + i, rects[4 * i], rects[4 * i + 1],
                 rects[4 * i + 2], rects[4 * i + 3], depth + 1, out);
  if (shown < n)
    {
      DvTreemapRect lump = { rects[4 * shown], rects[4 * shown + 1], rects[4 * shown + 2],
                             rects[4 * shown + 3], depth + 1, DV_TREEMAP_KIND_SMALL, node->id,
                             DV_TREEMAP_NODE_NONE, n - shown, node->colour, total - shown_bytes };
      g_array_append_val (out, lump);
    }
}

GArray *
dv_treemap_layout (const DvTreemap *map, guint32 node, double x, double y, double w, double h,
                   const DvTreemapStyle *style)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (DvTreemapRect));
  static const DvTreemapStyle plain = { 0, 0, 0, 0 };

  g_return_val_if_fail (node < map->nodes->len, out);
  layout_node (map, style != NULL ? style : &plain, node, x, y, MAX (w, 0), MAX (h, 0), 0, out);
  return out;
}

/* ---------------------------------------------------------------------- */

const char *
dv_treemap_short_name (DvGraph *graph, DvSymbolId symbol)
{
  const char *name = dv_graph_symbol_name (graph, symbol);
  DvPackageId p = dv_graph_symbol_package (graph, symbol);
  if (p == DV_PACKAGE_NONE)
    return name;
  const char *pkg = dv_graph_package_name (graph, p);
  gsize len = strlen (pkg);
  if (strncmp (name, pkg, len) == 0 && name[len] == '.' && name[len + 1] != '\0')
    return name + len + 1;
  return name;
}

static char *
rect_label (const DvTreemap *map, const DvTreemapRect *r)
{
  DvGraph *g = dv_cost_get_graph (map->cost);
  switch (r->kind)
    {
    case DV_TREEMAP_KIND_ROOT:
      return g_path_get_basename (dv_graph_get_display_name (g));
    case DV_TREEMAP_KIND_PACKAGE:
      return g_strdup (dv_graph_package_name (g, r->id));
    case DV_TREEMAP_KIND_SYMBOL:
      return g_strdup (dv_treemap_short_name (g, r->id));
    case DV_TREEMAP_KIND_SHARED:
      return g_strdup ("(shared data)");
    case DV_TREEMAP_KIND_POOLED:
      return g_strdup ("(pooled strings, funcdata and types)");
    case DV_TREEMAP_KIND_NO_PACKAGE:
      return g_strdup ("(no package)");
    case DV_TREEMAP_KIND_UNEXPLAINED:
      return g_strdup ("(unexplained)");
    case DV_TREEMAP_KIND_KEPT:
      return g_strdup ("(kept from other packages)");
    case DV_TREEMAP_KIND_SMALL:
    default:
      return g_strdup_printf ("(%u smaller)", r->n_lumped);
    }
}

static void
svg_colour (GString *out, guint colour, double towards_white)
{
  const DvLayoutColour *c = &dv_layout_palette[MIN (colour, (guint) DV_LAYOUT_COLOUR_NONE)];
  g_string_append_printf (out, "#%02x%02x%02x",
                          (int) lround (255 * (c->red + (1 - c->red) * towards_white)),
                          (int) lround (255 * (c->green + (1 - c->green) * towards_white)),
                          (int) lround (255 * (c->blue + (1 - c->blue) * towards_white)));
}

/* A label's width at 11pt sans, a little generous so it never overflows. */
#define SVG_FONT 11.0
#define SVG_CHAR 6.4

static void
svg_text (GString *out, double x, double y, const char *text, gboolean bold)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  g_string_append_printf (out, "<text x=\"%.1f\" y=\"%.1f\"%s>%s</text>\n", x, y,
                          bold ? " font-weight=\"bold\"" : "", escaped);
}

char *
dv_treemap_to_svg (const DvTreemap *map, guint32 node, double w, double h)
{
  const double title_h = 28, header = 15, pad = 2;
  DvTreemapStyle style = { pad, header, 4, 0 };
  g_autoptr(GArray) rects = dv_treemap_layout (map, node, 0, title_h, w, h, &style);
  const DvTreemapNode *top = dv_treemap_get_node (map, node);
  const DvCostSummary *s = dv_cost_get_summary (map->cost);
  GString *out = g_string_new (NULL);
  g_autofree char *total = dv_format_bytes (top->bytes);
  DvTreemapRect first = g_array_index (rects, DvTreemapRect, 0);
  g_autofree char *what = rect_label (map, &first);

  g_string_append_printf (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                          "viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" font-size=\"%.0f\">\n",
                          w, h + title_h, w, h + title_h, SVG_FONT);
  g_string_append_printf (out, "<rect x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n",
                          w, h + title_h);
  g_autofree char *title = g_strdup_printf ("%s: %s by %s%s", what, total,
                                            map->mode == DV_TREEMAP_BY_RETAINED ? "retained size" : "own size",
                                            map->mode == DV_TREEMAP_BY_RETAINED
                                            ? " (packages overlap: more than the binary)"
                                            : s->total_source != NULL ? "" : " (partial: the binary's total is not known)");
  g_string_append (out, "<title>");
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_string_append (out, escaped_title);
  g_string_append (out, "</title>\n<g font-size=\"15\">");
  svg_text (out, 6, 19, title, TRUE);
  g_string_append (out, "</g>\n");

  for (guint i = 1; i < rects->len; i++)
    {
      const DvTreemapRect *r = &g_array_index (rects, DvTreemapRect, i);
      if (r->w < 0.5 || r->h < 0.5)
        continue;
      gboolean leaf = r->node == DV_TREEMAP_NODE_NONE
                      || dv_treemap_get_node (map, r->node)->n_children == 0;
      double towards_white = r->kind == DV_TREEMAP_KIND_UNEXPLAINED ? 0.85
                             : r->kind == DV_TREEMAP_KIND_SMALL ? 0.7
                             : leaf ? 0.45 : 0.8;
      g_autofree char *label = rect_label (map, r);
      g_autofree char *bytes = dv_format_bytes (r->bytes);
      g_autofree char *tip = g_strdup_printf ("%s: %s", label, bytes);
      g_autofree char *tip_escaped = g_markup_escape_text (tip, -1);

      g_string_append_printf (out, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"",
                              r->x, r->y, r->w, r->h);
      svg_colour (out, r->colour, towards_white);
      g_string_append (out, "\" stroke=\"");
      svg_colour (out, r->colour, leaf ? 0.2 : 0);
      g_string_append_printf (out, "\" stroke-width=\"%s\"%s><title>%s</title></rect>\n",
                              leaf ? "0.5" : "1",
                              r->kind == DV_TREEMAP_KIND_UNEXPLAINED ? " stroke-dasharray=\"4 3\"" : "",
                              tip_escaped);
      /* a label where it fits: name and bytes, or the name alone */
      double room = r->w - 6;
      double need_h = leaf ? SVG_FONT + 4 : header;
      if (r->h < need_h || room < 3 * SVG_CHAR)
        continue;
      /* a long import path falls back to its last element */
      const char *slash = r->kind == DV_TREEMAP_KIND_PACKAGE ? strrchr (label, '/') : NULL;
      g_autofree char *tail = slash ? g_strdup_printf ("\u2026%s", slash) : NULL;
      g_autofree char *line = g_strdup_printf ("%s %s", label, bytes);
      g_autofree char *tail_line = tail ? g_strdup_printf ("%s %s", tail, bytes) : NULL;
      const char *candidates[] = { line, label, tail_line, tail };
      const char *text = NULL;
      for (guint c = 0; c < G_N_ELEMENTS (candidates) && text == NULL; c++)
        if (candidates[c] != NULL && g_utf8_strlen (candidates[c], -1) * SVG_CHAR <= room)
          text = candidates[c];
      if (text == NULL)
        continue;
      svg_text (out, r->x + 3, r->y + SVG_FONT + 1, text, !leaf);
      if (leaf && (text == label || text == tail) && r->h >= 2 * SVG_FONT + 6 && strlen (bytes) * SVG_CHAR <= room)
        svg_text (out, r->x + 3, r->y + 2 * SVG_FONT + 3, bytes, FALSE);
    }
  g_string_append (out, "</svg>\n");
  return g_string_free (out, FALSE);
}
