/* dv-layout.h: the focused view around one symbol, laid out with Graphviz.
 *
 * Two steps. dv_layout_build picks what to show (no Graphviz: the chain from
 * the root to the focus, the focus's children and other parents, the children
 * of expanded nodes, long lists folded into "+N more" nodes, at most
 * max_nodes in all). dv_layout_compute runs Graphviz `dot` on it and reads
 * the geometry back into the same plain structs.
 *
 * Threading: every Graphviz call in the program goes through this file and
 * holds one process-wide lock, so any function here may run in any thread.
 * A DvLayout is plain data; it never refers to Graphviz objects. */
#pragma once

#include "dv-why.h"

G_BEGIN_DECLS

#define DV_LAYOUT_ERROR (dv_layout_error_quark ())
GQuark dv_layout_error_quark (void);

typedef enum {
  DV_LAYOUT_ERROR_NO_SYMBOL, /* the focus is not a symbol of the graph */
  DV_LAYOUT_ERROR_FORMAT,    /* an export format this file does not know */
  DV_LAYOUT_ERROR_GRAPHVIZ,  /* Graphviz refused the graph or the format */
} DvLayoutError;

typedef enum {
  DV_LAYOUT_TOP_TO_BOTTOM,
  DV_LAYOUT_LEFT_TO_RIGHT,
} DvLayoutDirection;

/* Defaults of a request. */
#define DV_LAYOUT_MAX_NODES    200
#define DV_LAYOUT_MAX_CHILDREN 12
#define DV_LAYOUT_MAX_PARENTS  8

/* What to show. The arrays are borrowed; dv_layout_build copies what it needs. */
typedef struct {
  DvSymbolId        focus;
  const DvSymbolId *expanded;    /* also show the children of these */
  guint             n_expanded;
  const DvSymbolId *unfolded;    /* show all children (for the focus: and parents), no "+N more" */
  guint             n_unfolded;
  guint             max_nodes;   /* the cap of the whole view, "+N more" nodes included */
  guint             max_children;
  guint             max_parents;
  DvLayoutDirection direction;
} DvLayoutRequest;

typedef enum {
  DV_LAYOUT_NODE_FOCUS       = 1 << 0,
  DV_LAYOUT_NODE_CHAIN       = 1 << 1, /* on the chain from the root to the focus (the focus too) */
  DV_LAYOUT_NODE_ROOT        = 1 << 2, /* the root "_" */
  DV_LAYOUT_NODE_MORE        = 1 << 3, /* a "+N more" node: symbol is DV_SYMBOL_NONE */
  DV_LAYOUT_NODE_EXPANDED    = 1 << 4, /* its children are shown because it was expanded */
  DV_LAYOUT_NODE_UNREACHABLE = 1 << 5, /* the focus has no path from the root: top of its known ancestors */
  DV_LAYOUT_NODE_PARENT      = 1 << 6, /* another parent of the focus */
  DV_LAYOUT_NODE_CHILD       = 1 << 7, /* a child of the focus */
} DvLayoutNodeFlags;

typedef struct {
  double x, y;
} DvLayoutPoint;

typedef struct {
  DvSymbolId        symbol;       /* DV_SYMBOL_NONE for a "+N more" node */
  DvLayoutNodeFlags flags;
  DvSymbolFlags     symbol_flags;
  char             *label;        /* the short name, or "+N more"; valid UTF-8, no control characters */
  char             *badge;        /* "⟨iface⟩", "⟨reflect⟩", "⟨iface⟩⟨reflect⟩" or NULL */
  char             *tooltip;      /* the full name, or what a "+N more" node hides */
  guint             colour;       /* index into dv_layout_palette */
  /* "+N more" nodes: whose children (or parents) are folded, and how many */
  DvSymbolId        more_owner;
  guint             more_count;
  gboolean          more_parents;
  /* Geometry, after dv_layout_compute, in points (1/72 inch), origin at the
   * top left of the bounding box, y pointing down. */
  double            x, y;          /* centre */
  double            width, height;
} DvLayoutNode;

typedef struct {
  guint          from, to;         /* node indices; from keeps to */
  DvEdgeKind     kind;
  gboolean       on_chain;
  guint          minlen;           /* ranks between from and to asked of dot (wide fans are staggered) */
  /* Geometry: a cubic bezier path, 3n+1 points, from the tail side; arrow
   * heads from the path's ends to head/tail when has_head/has_tail. */
  DvLayoutPoint *points;
  guint          n_points;
  gboolean       has_head, has_tail;
  DvLayoutPoint  head, tail;
} DvLayoutEdge;

typedef struct {
  DvSymbolId    focus;
  gboolean      reachable;      /* the focus has a path from the root */
  gboolean      truncated;      /* max_nodes cut something */
  gboolean      laid_out;       /* dv_layout_compute has filled the geometry */
  DvLayoutDirection direction;
  DvLayoutNode *nodes;
  guint         n_nodes;
  DvLayoutEdge *edges;
  guint         n_edges;
  guint        *chain;          /* node indices from the top of the chain to the focus */
  guint         n_chain;
  double        width, height;  /* bounding box, points */
} DvLayout;

/* One colour per package, readable as a border on light and dark backgrounds. */
typedef struct {
  double red, green, blue;
} DvLayoutColour;

#define DV_LAYOUT_PALETTE_SIZE 12
#define DV_LAYOUT_COLOUR_NONE  DV_LAYOUT_PALETTE_SIZE  /* no package: grey */
extern const DvLayoutColour dv_layout_palette[DV_LAYOUT_PALETTE_SIZE + 1];

/* A stable hash of the package path (FNV-1a) into the palette; NULL gives
 * DV_LAYOUT_COLOUR_NONE. */
guint     dv_layout_package_colour  (const char *package);

void      dv_layout_request_init    (DvLayoutRequest *request, DvSymbolId focus);

/* Pure: no Graphviz. NULL when focus is not a symbol of graph. */
DvLayout *dv_layout_build           (const DvGraph *graph, const DvLayoutRequest *request);

/* Loads Graphviz's plugins and fonts (some tens of ms, once per process),
 * so the first real layout does not pay for them. Any thread. */
void      dv_layout_warm_up         (void);

/* Runs Graphviz dot on layout and fills its geometry. */
gboolean  dv_layout_compute         (DvLayout *layout, GError **error);

void      dv_layout_free            (DvLayout *layout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DvLayout, dv_layout_free)

/* The index of the node showing symbol, or -1. */
int       dv_layout_find_symbol     (const DvLayout *layout, DvSymbolId symbol);

/* The view of request through Graphviz's own renderers, with the attributes
 * used on screen. format: "svg", "png", or "dot" (laid out, with positions;
 * "dot-full" is the same). */
gboolean  dv_layout_render          (const DvGraph          *graph,
                                     const DvLayoutRequest  *request,
                                     const char             *format,
                                     GBytes                **out,
                                     GError                **error);

/* The default view of focus (dv_layout_request_init). */
gboolean  dv_layout_render_why      (const DvGraph  *graph,
                                     DvSymbolId      focus,
                                     const char     *format,
                                     GBytes        **out,
                                     GError        **error);

G_END_DECLS
