/* dv-why.h: the keep-alive engine. "Why is X in my binary?"
 *
 * At load the graph runs one breadth-first search from the root "_" over
 * every recorded edge (dep and call, each node's edges in file order), so a
 * chain is a walk up a precomputed parent array: O(chain length).
 * What a chain means: the shortest chain over the reasons the linker
 * recorded; the linker records only the first reason it found per symbol. */
#pragma once

#include "dv-graph.h"
#include "dv-cost.h"

G_BEGIN_DECLS

typedef struct {
  DvSymbolId symbol;
  DvEdgeKind via;    /* how the previous step (or the root) keeps it */
} DvChainStep;

/* Shortest distance from "_" in edges (a root is 1), or DV_DEPTH_UNREACHABLE. */
guint       dv_why_symbol_depth     (const DvGraph *graph, DvSymbolId id);
gboolean    dv_why_symbol_reachable (const DvGraph *graph, DvSymbolId id);

/* The chain from the root to the symbol: step 0 is the symbol the root marked
 * (via DV_EDGE_ROOT), the last step is the symbol. NULL when the symbol has no
 * recorded path from the root. Free with g_array_unref. */
GArray     *dv_why_symbol           (const DvGraph *graph, DvSymbolId id);

/* The Go runtime's start-up at the head of a chain: the leading steps
 * _rt0_<arch>_<os>, _rt0_<arch>, runtime.rt0_go, runtime.mainPC,
 * runtime.main and runtime.main_main·f that nearly every chain begins with
 * before main.main. Returns how many leading steps of chain (DvChainStep)
 * are start-up, never the last step (the answer itself is never folded),
 * or 0 when fewer than two would fold. */
guint       dv_why_chain_startup    (const DvGraph *graph, const GArray *chain);
/* TRUE for one of the start-up names above. */
gboolean    dv_why_startup_symbol   (const char *name);

/* A chain seen as packages: consecutive steps of one package are one
 * group. A step of no package (content-addressable data, the runtime's
 * _rt0 entry points, compiler names) proves no package, so it joins the
 * group before it (the first steps: the group after). Each group knows the
 * symbol edge that enters it: chain step first-1 keeps step first. */
typedef struct {
  DvPackageId package;  /* DV_PACKAGE_NONE only when no step has a package */
  guint       first;    /* index of the group's first step in the chain */
  guint       n_steps;
  DvEdgeKind  via;      /* how the previous group's last step keeps step first */
} DvPackageStep;

/* DvPackageStep groups of chain (DvChainStep), root side first; an empty
 * array for an empty chain, NULL for NULL. Free with g_array_unref. */
GArray     *dv_why_chain_packages   (const DvGraph *graph, const GArray *chain);

/* Why a package is in the binary, two ways.
 *
 * dv_why_package: the shortest chain to a symbol the package owns (see the
 * package rule in dv-graph.h), code before types; ties: the one the search
 * reached first. It almost always ends at the package's inittask: up to Go
 * 1.20 through the inittasks of the packages that import it (the import
 * chain); from 1.21 every inittask hangs off the root go:main.inittasks.
 *
 * dv_why_package_code: the shortest chain to code of the package that is
 * not part of its own initialisation (pkg.init, pkg.init.N, closures in
 * them, pkg..inittask, pkg.glob..funcN, pkg.map.init.N), never through
 * them: which code uses the package. NULL when the package has no such
 * live code.
 *
 * *target is the package's symbol where the chain ends. */
GArray     *dv_why_package          (const DvGraph *graph, DvPackageId pkg, DvSymbolId *target);
GArray     *dv_why_package_code     (const DvGraph *graph, DvPackageId pkg, DvSymbolId *target);
/* A path that is no package of the graph, yet the name of some symbols
 * that prove nothing (content-addressable data, DWARF): those symbols, at
 * most limit. Empty when the path is a package or names nothing. */
GArray     *dv_why_unlinked_package (const DvGraph *graph, const char *path, guint limit);

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
  DV_LOOKUP_UNLINKED_PACKAGE, /* a path only symbols that prove nothing carry (dv_why_unlinked_package) */
  /* a function with no code in the binary, only the DWARF entry that
   * describes its inlined copies ("go:info.fmt.Println$abstract") */
  DV_LOOKUP_INLINED,
} DvLookupKind;

typedef struct {
  DvLookupKind kind;
  DvSymbolId   symbol;       /* DV_LOOKUP_SYMBOL; DV_LOOKUP_INLINED: the DWARF entry */
  DvPackageId  package;      /* DV_LOOKUP_PACKAGE */
  const char  *how;          /* "exact", "package", "method form", "substring", ... */
  char        *path;         /* DV_LOOKUP_UNLINKED_PACKAGE: the path */
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

/* One answer, symbol or package, as every presenter reads it. */
typedef struct {
  const char  *query;     /* what the user typed */
  gboolean     is_package;
  DvSymbolId   target;    /* the symbol, or the package's symbol where the chain ends */
  DvPackageId  package;   /* is_package only */
  GArray      *chain;     /* DvChainStep, root side first; NULL when not reachable */
  GArray      *ancestors; /* DvChainStep, when not reachable: known ancestors, nearest first */
  /* is_package only */
  const char  *package_path; /* also for a path that is no linked package */
  DvPackageLink link;
  GArray      *code_chain;   /* DvChainStep: dv_why_package_code, or NULL */
  DvSymbolId   code_target;
  GArray      *named_by;     /* DvSymbolId: for a package not linked, the symbols
                              * that carry its name yet prove nothing */
  const DvCost *cost;        /* set by the caller: sizes on the answer and its steps */
  char        *function;  /* is_inlined: the function, the target being its DWARF entry */
  GPtrArray   *inlined_into; /* is_inlined: (char *) the functions the dump says hold it */
  gboolean     is_inlined;
} DvWhyAnswer;

/* Fills answer for a lookup result of kind SYMBOL, PACKAGE, UNLINKED_PACKAGE
 * or INLINED (no code, only a DWARF entry: no chain). Returns FALSE when the
 * target has no path from the root, the package is not linked, and for
 * INLINED. */
gboolean  dv_why_answer_init  (DvWhyAnswer *answer, const DvGraph *graph,
                               const char *query, const DvLookup *lookup);
void      dv_why_answer_clear (DvWhyAnswer *answer);

G_END_DECLS
