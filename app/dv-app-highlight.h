/* dv-app-highlight.h: the set of symbols and packages the window marks
 * everywhere at once (graph nodes, list rows, map tiles): what the focus
 * keeps alive (KEEPS), or what a comparison found new in this build
 * (ADDED). One object, owned by the window; the graph view, the lists and
 * the map read it and redraw on "changed". Sets are over one DvGraph: a
 * reader showing another graph sees nothing marked. UI thread only. */
#pragma once

#include <gdk/gdk.h>
#include <glib-object.h>

#include "dv-graph.h"

G_BEGIN_DECLS

typedef enum {
  DV_APP_HIGHLIGHT_NONE,
  DV_APP_HIGHLIGHT_KEEPS, /* would go with the focus */
  DV_APP_HIGHLIGHT_ADDED, /* live here, not in the build compared with */
} DvAppHighlightKind;

#define DV_APP_TYPE_HIGHLIGHT (dv_app_highlight_get_type ())
G_DECLARE_FINAL_TYPE (DvAppHighlight, dv_app_highlight, DV_APP, HIGHLIGHT, GObject)

/* Signal "changed": the kind, the graph or the sets changed. */

DvAppHighlight    *dv_app_highlight_new          (void);

/* Marks these symbols and packages of graph (copied; ids out of range are
 * ignored) with kind, under a short label for tooltips and accessible
 * text ("goes with Handshake", "new since etcd-go1.19"). Emits "changed". */
void               dv_app_highlight_set          (DvAppHighlight     *self,
                                                  DvAppHighlightKind  kind,
                                                  DvGraph            *graph,
                                                  const DvSymbolId   *symbols,
                                                  guint               n_symbols,
                                                  const DvPackageId  *packages,
                                                  guint               n_packages,
                                                  const char         *label);
/* Marks nothing; emits "changed" when something was marked. */
void               dv_app_highlight_clear        (DvAppHighlight *self);

DvAppHighlightKind dv_app_highlight_get_kind     (DvAppHighlight *self);
/* The graph the sets are over, or NULL. */
DvGraph           *dv_app_highlight_get_graph    (DvAppHighlight *self);
const char        *dv_app_highlight_get_label    (DvAppHighlight *self);
guint              dv_app_highlight_get_n_symbols  (DvAppHighlight *self);
guint              dv_app_highlight_get_n_packages (DvAppHighlight *self);
/* One byte a symbol of the graph, not 0 when marked; NULL when nothing is. */
GBytes            *dv_app_highlight_get_symbol_mask (DvAppHighlight *self);
/* FALSE unless graph is the highlight's graph and the id is marked. */
gboolean           dv_app_highlight_has_symbol   (DvAppHighlight *self, const DvGraph *graph, DvSymbolId id);
gboolean           dv_app_highlight_has_package  (DvAppHighlight *self, const DvGraph *graph, DvPackageId id);

/* How a marked node or tile is drawn: a colour that reads on the light
 * (dark FALSE) or dark background, libadwaita's success green for ADDED
 * and its warning colour for KEEPS, as the lists' marks. */
void               dv_app_highlight_kind_colour  (DvAppHighlightKind  kind,
                                                  gboolean            dark,
                                                  GdkRGBA            *colour);
/* The word of a mark's pill, on a row or a node: "new", "goes"
 * (translated); NULL for NONE. */
const char        *dv_app_mark_word              (DvAppHighlightKind  kind);
/* The pill on a marked node: "new", "goes"; with fold TRUE, for a node
 * that stands for count symbols: "3 new", "3 go". */
char              *dv_app_highlight_kind_pill    (DvAppHighlightKind  kind,
                                                  guint               count,
                                                  gboolean            fold);

G_END_DECLS
