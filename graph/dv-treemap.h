/* dv-treemap.h: a map of the binary. Packages by own or retained bytes,
 * each nested into its symbols, beside the content-addressable "(shared
 * data)", the sized symbols of no package and the part of the binary the
 * dump does not explain; laid out as squarified rectangles (Bruls,
 * Huizing, van Wijk 2000). No drawing here: plain rectangles with a kind
 * and a colour index, which the app and the SVG presenter turn into words
 * and colours.
 *
 * The buckets are those of dv-cost.h, so by own size the map's whole is
 * the binary's file bytes as `depview-cli top` counts them: matched
 * symbols (by package, no package, shared data), pooled blocks (shared
 * data) and the unexplained rest. By retained size the packages overlap
 * (what leaves with one package may leave with another too), so the whole
 * is the sum of the parts shown, more than the binary. */
#pragma once

#include "dv-cost.h"

G_BEGIN_DECLS

typedef struct _DvTreemap DvTreemap;

typedef enum {
  DV_TREEMAP_BY_SIZE,      /* packages by own bytes */
  DV_TREEMAP_BY_RETAINED,  /* packages by what would leave with them */
} DvTreemapMode;

typedef enum {
  DV_TREEMAP_KIND_ROOT,        /* the binary */
  DV_TREEMAP_KIND_PACKAGE,     /* id: DvPackageId */
  DV_TREEMAP_KIND_SYMBOL,      /* id: DvSymbolId */
  DV_TREEMAP_KIND_SHARED,      /* "(shared data)": content-addressable symbols and pooled blocks */
  DV_TREEMAP_KIND_POOLED,      /* nm's pooled blocks (go:string.*, ...), in the shared data */
  DV_TREEMAP_KIND_NO_PACKAGE,  /* sized symbols of no package that are not shared data */
  DV_TREEMAP_KIND_UNEXPLAINED, /* the binary's bytes no symbol of the dump accounts for */
  DV_TREEMAP_KIND_KEPT,        /* by retained: other packages' bytes that leave with a package */
  DV_TREEMAP_KIND_SMALL,       /* a layout's lump of children too small to draw one by one */
} DvTreemapKind;

#define DV_TREEMAP_NODE_NONE G_MAXUINT32

/* The tree: node 0 is the root; every node's children are consecutive,
 * most bytes first, and none has 0 bytes. */
typedef struct {
  DvTreemapKind kind;
  guint32       id;           /* DvPackageId or DvSymbolId by kind, else G_MAXUINT32 */
  guint32       parent;       /* DV_TREEMAP_NODE_NONE for the root */
  guint32       first_child;
  guint32       n_children;
  guint         colour;       /* index into dv_layout_palette (dv-layout.h) */
  guint64       bytes;
} DvTreemapNode;

/* One rectangle of a layout. Parents come before their children, so
 * drawing in order paints children on top, and the last rectangle that
 * holds a point is the deepest. */
typedef struct {
  double        x, y, w, h;
  guint         depth;        /* 0: the node the layout started from */
  DvTreemapKind kind;
  guint32       id;           /* as in DvTreemapNode; a lump: its parent's */
  guint32       node;         /* tree node; DV_TREEMAP_NODE_NONE for a lump (KIND_SMALL) */
  guint32       n_lumped;     /* KIND_SMALL: how many children it stands for */
  guint         colour;
  guint64       bytes;
} DvTreemapRect;

typedef struct {
  double pad;          /* between a parent's edge and its children */
  double header;       /* above a parent's children, for its label */
  double min_area;     /* children smaller than this are lumped into one KIND_SMALL */
  guint  max_depth;    /* 0: as deep as the tree goes */
} DvTreemapStyle;

DvTreemap           *dv_treemap_new          (DvCost *cost, DvTreemapMode mode);
void                 dv_treemap_free         (DvTreemap *map);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DvTreemap, dv_treemap_free)

DvTreemapMode        dv_treemap_get_mode     (const DvTreemap *map);
DvCost              *dv_treemap_get_cost     (const DvTreemap *map);
guint                dv_treemap_get_n_nodes  (const DvTreemap *map);
const DvTreemapNode *dv_treemap_get_node     (const DvTreemap *map, guint32 node);
/* The node of a package or a symbol, or DV_TREEMAP_NODE_NONE. */
guint32              dv_treemap_find_package (const DvTreemap *map, DvPackageId package);
guint32              dv_treemap_find_symbol  (const DvTreemap *map, DvSymbolId symbol);

/* Lays out the subtree under node (0: the whole map) in the rectangle
 * (x, y, w, h). Returns a GArray of DvTreemapRect, the node's own first. */
GArray              *dv_treemap_layout       (const DvTreemap *map, guint32 node,
                                              double x, double y, double w, double h,
                                              const DvTreemapStyle *style);

/* The squarified layout of one row of areas (most first, summing to w*h)
 * into (x, y, w, h): out[i] gets rectangle i as x, y, w, h. */
void                 dv_treemap_squarify     (const double *areas, guint n,
                                              double x, double y, double w, double h,
                                              double *out);

/* A symbol's name without its package's path in front, for labels inside
 * the package's rectangle ("(*Server).Start" in go.etcd.io/etcd/server). */
const char          *dv_treemap_short_name   (DvGraph *graph, DvSymbolId symbol);

/* An SVG picture of the map, w x h points, with a title line above it;
 * labels only where they fit. */
char                *dv_treemap_to_svg       (const DvTreemap *map, guint32 node,
                                              double w, double h);

G_END_DECLS
