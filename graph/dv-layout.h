/* dv-layout.h: the focused view around one symbol, laid out with Graphviz.
 *
 * Two steps. dv_layout_build picks what to show (no Graphviz: the chain from
 * the root to the focus, the Go runtime's start-up at its head folded into
 * one node, the focus's children and other parents, the children of
 * expanded nodes, long lists folded into "+N more" nodes, compiler metadata
 * into "+N metadata" when asked, at most max_nodes in all). dv_layout_compute runs Graphviz `dot` on it and reads
 * the geometry back into the same plain structs.
 *
 * Threading: every Graphviz call in the program goes through this file and
 * holds one process-wide lock, so any function here may run in any thread.
 * A DvLayout is plain data; it never refers to Graphviz objects.
 *
 * The layout holds data, not sentences: symbol names, counts, kinds and
 * colour indices. The app words them in the user's language; exports and
 * the CLI use the English of dv_layout_text_* at the end of this header. */
#pragma once

#include "dv-why.h"
#include "dv-cost.h"

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
  gboolean          unfold_startup; /* show the runtime start-up steps one by one */
  gboolean          hide_metadata;  /* fold metadata and DWARF symbols (not the focus or the
                                     * chain) into one "+N metadata" node per fan */
  /* The package view: only the chain from the top to the focus, one node
   * per group of consecutive steps of one package (dv_why_chain_packages),
   * the runtime start-up folded (unless unfold_startup), each edge labelled
   * with the symbol edge that links two packages. No fans, no root node;
   * expanded and unfolded are not read. */
  gboolean          packages;
  const DvCost     *cost;           /* packages: own and retained bytes of each package, or NULL */
} DvLayoutRequest;

typedef enum {
  DV_LAYOUT_NODE_FOCUS       = 1 << 0,
  DV_LAYOUT_NODE_CHAIN       = 1 << 1, /* on the chain from the root to the focus (the focus too) */
  DV_LAYOUT_NODE_ROOT        = 1 << 2, /* the root "_" */
  DV_LAYOUT_NODE_MORE        = 1 << 3, /* a fold ("+N more", start-up, "+N metadata"): symbol is
                                        * DV_SYMBOL_NONE, fold says which */
  DV_LAYOUT_NODE_EXPANDED    = 1 << 4, /* its children are shown because it was expanded */
  DV_LAYOUT_NODE_UNREACHABLE = 1 << 5, /* the focus has no path from the root: top of its known ancestors */
  DV_LAYOUT_NODE_PARENT      = 1 << 6, /* another parent of the focus */
  DV_LAYOUT_NODE_CHILD       = 1 << 7, /* a child of the focus */
  DV_LAYOUT_NODE_STARTUP     = 1 << 8, /* the runtime start-up steps of the chain, folded */
  DV_LAYOUT_NODE_METADATA    = 1 << 9, /* a "+N metadata" fold */
  DV_LAYOUT_NODE_PACKAGE     = 1 << 10, /* the package view: a package of the chain */
} DvLayoutNodeFlags;

/* What a fold node (DV_LAYOUT_NODE_MORE) stands for. */
typedef enum {
  DV_LAYOUT_FOLD_NONE,      /* a symbol */
  DV_LAYOUT_FOLD_CHILDREN,  /* more_count more children of more_owner */
  DV_LAYOUT_FOLD_PARENTS,   /* more_count more parents of more_owner */
  DV_LAYOUT_FOLD_CHAIN,     /* more_count steps from the middle of a long chain */
  DV_LAYOUT_FOLD_STARTUP,   /* the first more_count steps of the chain: the Go runtime's start-up */
  DV_LAYOUT_FOLD_METADATA,  /* more_count metadata children (parents: more_parents) of more_owner */
} DvLayoutFold;

/* The marks drawn after a name, from the symbol's flags. */
typedef enum {
  DV_LAYOUT_BADGE_NONE    = 0,
  DV_LAYOUT_BADGE_IFACE   = 1 << 0, /* DV_SYMBOL_FLAG_USED_IN_IFACE */
  DV_LAYOUT_BADGE_REFLECT = 1 << 1, /* DV_SYMBOL_FLAG_REFLECT_METHOD */
} DvLayoutBadges;

typedef struct {
  double x, y;
} DvLayoutPoint;

typedef struct {
  DvSymbolId        symbol;       /* DV_SYMBOL_NONE for a fold node */
  DvLayoutNodeFlags flags;
  DvSymbolFlags     symbol_flags;
  DvLayoutFold      fold;
  DvLayoutBadges    badges;
  /* Symbols: the name with the package shortened to its last element
   * ("tls.(*Conn).Handshake"), cut at a length; the full name (the root:
   * "_"); the package's import path or NULL. NULL for fold nodes. All
   * valid UTF-8 without control characters. */
  char             *label;
  char             *tooltip;
  char             *package;
  guint             colour;       /* index into dv_layout_palette */
  /* Fold nodes: whose children (or parents) are folded, how many, and
   * which (the start-up's steps in chain order) */
  DvSymbolId        more_owner;
  guint             more_count;
  gboolean          more_parents;
  DvSymbolId       *folded;
  guint             n_folded;
  /* DV_LAYOUT_NODE_PACKAGE: symbol is the group's last step (the focus in
   * the last group), label the path's last element, package the path;
   * first_symbol the step where the chain enters the package. package_id
   * is DV_PACKAGE_NONE on every other node. */
  DvPackageId       package_id;
  DvSymbolId        first_symbol;
  guint             n_steps;
  /* The package view with a cost: the package's own and retained bytes. */
  gboolean          has_bytes;
  guint64           bytes, retained;
  /* Geometry, after dv_layout_compute, in points (1/72 inch), origin at the
   * top left of the bounding box, y pointing down. */
  double            x, y;          /* centre */
  double            width, height;
} DvLayoutNode;

typedef struct {
  guint          from, to;         /* node indices; from keeps to */
  DvEdgeKind     kind;
  gboolean       on_chain;
  guint          minlen;           /* ranks between from and to asked of dot (wide fans wrap into rows) */
  int            spread;           /* fan edges: which third of the fan owner's side the edge meets,
                                    * -1 (left or top), 0 or 1, so they do not all meet in one point */
  gboolean       spread_at_head;   /* the owner is to (a fan of parents), else from */
  /* Geometry: a cubic bezier path, 3n+1 points, from the tail side; arrow
   * heads from the path's ends to head/tail when has_head/has_tail. */
  DvLayoutPoint *points;
  guint          n_points;
  gboolean       has_head, has_tail;
  DvLayoutPoint  head, tail;
  /* The package view: the symbol edge that links the two packages,
   * label_from keeps label_to, and its text ("etcdmain.startProxy.func2 →
   * http.(*Server).Serve", short names); NULL label and DV_SYMBOL_NONE
   * elsewhere. After dv_layout_compute: the label's centre and size as
   * Graphviz placed it (its `lp`), has_label_pos TRUE. */
  char          *label;
  DvSymbolId     label_from, label_to;
  gboolean       has_label_pos;
  DvLayoutPoint  label_pos;
  double         label_width, label_height;
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

/* Pure: no Graphviz. NULL when focus is not a symbol of graph. With
 * request->packages, the package view (see DvLayoutRequest). */
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

/* What an export adds to the view on screen. */
typedef struct {
  const char *title;    /* a line above the graph, or NULL */
  gboolean    legend;   /* a key to the edge and badge styles */
  gboolean    packages; /* a second, smaller line with the import path under
                         * each label that shortens it */
  /* Nodes drawn marked, with a second outline in mark_colour and a last
   * line mark_note ("new"): a symbol's node when its symbol is in marked,
   * a package node when its package is in marked_packages. Both sorted
   * ascending; NULL (none) by default. */
  const DvSymbolId  *marked;
  guint              n_marked;
  const DvPackageId *marked_packages;
  guint              n_marked_packages;
  const char        *mark_colour; /* "#26a269"; NULL: that green */
  const char        *mark_note;   /* NULL: no line */
  const char        *mark_fold_note; /* a "+N more" fold that holds marked
                                      * symbols: its outline in mark_colour
                                      * and a last line "3 new" with this
                                      * word; NULL: folds unmarked */
  const char        *mark_legend; /* with legend and something marked: a
                                   * line of the key saying what the marks
                                   * mean; NULL: none */
} DvLayoutExportOptions;

/* The legend and import paths on, no title. */
void      dv_layout_export_options_init (DvLayoutExportOptions *options);

/* The view of request through Graphviz's own renderers, with the attributes
 * used on screen. format: "svg", "png", or "dot" (laid out, with positions;
 * "dot-full" is the same). options NULL: as dv_layout_export_options_init. */
gboolean  dv_layout_export          (const DvGraph                *graph,
                                     const DvLayoutRequest        *request,
                                     const DvLayoutExportOptions  *options,
                                     const char                   *format,
                                     GBytes                      **out,
                                     GError                      **error);

/* dv_layout_export with options NULL. */
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

/* English for exports and the CLI; the app words these itself. */

/* "⟨iface⟩", "⟨reflect⟩", "⟨iface⟩⟨reflect⟩", or NULL: static strings. */
const char *dv_layout_text_badges   (DvLayoutBadges badges);
/* A fold node's label: "+12 more", "+3 metadata", "runtime start-up (6)". */
char       *dv_layout_text_fold     (const DvLayoutNode *node);
/* What a node is, for a tooltip: the full name, or what a fold hides. */
char       *dv_layout_text_tooltip  (const DvLayout *layout, const DvGraph *graph,
                                     const DvLayoutNode *node);
/* A package node's bytes: "12.3 kB own · 40.1 kB retained". */
char       *dv_layout_text_bytes    (const DvLayoutNode *node);
/* "Why is crypto/tls.(*Conn).Handshake in etcd.deps.txt.gz?" */
char       *dv_layout_text_title    (const DvGraph *graph, DvSymbolId focus);

G_END_DECLS
