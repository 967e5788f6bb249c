/* dv-why.h: the keep-alive engine. "Why is X in my binary?"
 *
 * At load the graph runs one breadth-first search from the root "_" over
 * every recorded edge (dep and call, each node's edges in file order), so a
 * chain is a walk up a precomputed parent array: O(chain length).
 * What a chain means: the shortest chain over the reasons the linker
 * recorded; the linker records only the first reason it found per symbol. */
#pragma once

#include "dv-graph.h"

G_BEGIN_DECLS

typedef struct {
  DvSymbolId symbol;
  DvEdgeKind via;    /* how the previous step (or the root) keeps it */
} DvChainStep;

/* Shortest distance from "_" in edges (a root is 1), or DV_DEPTH_UNREACHABLE. */
guint       dv_graph_symbol_depth   (const DvGraph *graph, DvSymbolId id);
gboolean    dv_graph_symbol_reachable (const DvGraph *graph, DvSymbolId id);

/* The chain from the root to the symbol: step 0 is the symbol the root marked
 * (via DV_EDGE_ROOT), the last step is the symbol. NULL when the symbol has no
 * recorded path from the root. Free with g_array_unref. */
GArray     *dv_why_symbol           (const DvGraph *graph, DvSymbolId id);

/* The shortest chain to any symbol of the package (ties: the one the search
 * reached first), except metadata that the linker deduplicates by content
 * (names ending in .stkobj, .arginfo0/1, .argliveinfo, .args_stackmap,
 * .opendefer): such a symbol bears the name of whichever function had those
 * bytes first, so it does not prove its package is linked in. Only a
 * package with nothing else live is explained through it. *target is the
 * package's symbol where the chain ends. */
GArray     *dv_why_package          (const DvGraph *graph, DvPackageId pkg, DvSymbolId *target);

/* For a symbol with no path from the root: the recorded ancestors, nearest
 * first, following the first recorded parent until none is left (or a cycle).
 * Each step's via is how it keeps the step before it. */
GArray     *dv_known_ancestors      (const DvGraph *graph, DvSymbolId id);

/* Lookup of what a user typed. */
typedef enum {
  DV_LOOKUP_NOT_FOUND,
  DV_LOOKUP_SYMBOL,
  DV_LOOKUP_PACKAGE,
  DV_LOOKUP_AMBIGUOUS,
  /* a function with no code in the binary, only the DWARF entry that
   * describes its inlined copies ("go:info.fmt.Println$abstract") */
  DV_LOOKUP_INLINED,
} DvLookupKind;

typedef struct {
  DvLookupKind kind;
  DvSymbolId   symbol;       /* DV_LOOKUP_SYMBOL; DV_LOOKUP_INLINED: the DWARF entry */
  DvPackageId  package;      /* DV_LOOKUP_PACKAGE */
  const char  *how;          /* "exact", "package", "method form", "substring", ... */
  GPtrArray   *candidates;   /* (char *) names: suggestions (not found) or matches (ambiguous), at most 5 */
  GPtrArray   *inlined_into; /* (char *) DV_LOOKUP_INLINED: the functions the dump names as
                              * holding it, from the entry's named parents; empty when the
                              * linker printed it from unnamed DWARF entries (Go 1.16+ always) */
} DvLookup;

/* Order: exact symbol name (flags in the query ignored); exact package path;
 * the other receiver form ("T.M" for "(*T).M" and back, type arguments in
 * brackets kept whole); the DWARF entry of an inlined function (kind
 * INLINED); a package whose last path element it is, one with live code
 * first; a substring that starts a name element ("Handshake", not
 * "andshake") of one symbol (or one non-metadata symbol), DWARF entries
 * only when nothing else matches; else the five closest names, names that
 * hold the query inside an identifier first (an inlined function by its
 * own name, which answers with kind INLINED). */
void        dv_lookup               (const DvGraph *graph, const char *query, DvLookup *out);
void        dv_lookup_clear         (DvLookup *lookup);

/* "fmt.Println" for "go:info.fmt.Println$abstract" (or Go 1.19's
 * "go.info."), newly allocated; NULL for any other name. */
char       *dv_abstract_entry_function (const char *name);

G_END_DECLS
