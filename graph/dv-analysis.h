/* dv-analysis.h: questions beyond one chain.
 *
 * - What would go if X went: the symbols every recorded path from the root
 *   to which passes through X (X dominates them).
 * - Which functions make the linker keep every exported method: the
 *   <ReflectMethod> functions (Go 1.21+ print the flag), or, in older
 *   dumps, the callers of reflect's method lookups.
 * - What a change added: the symbols and packages of one dump that another
 *   lacks. */
#pragma once

#include "dv-why.h"

G_BEGIN_DECLS

/* Immediate dominators of every reachable symbol over all recorded edges.
 * Computed on first use (about as long as a load's search), then kept with
 * the graph; safe to call from several threads. */
typedef struct {
  guint        n_removed;    /* symbols that go with it, itself included */
  guint        n_functions;  /* of which code */
  GArray      *by_package;   /* DvPackageCount, most first */
  GArray      *symbols;      /* DvSymbolId, nearest to it first; at most `limit` */
} DvRemoval;

typedef struct {
  DvPackageId package;       /* DV_PACKAGE_NONE for symbols without one */
  guint       count;
} DvPackageCount;

/* What would go if the symbol went, were the recorded edges the only
 * reasons (the linker records only the first reason per symbol, so this is
 * an upper bound). Returns FALSE when the symbol is not reachable. */
gboolean    dv_removal_compute  (const DvGraph *graph, DvSymbolId id, guint limit, DvRemoval *out);
void        dv_removal_clear    (DvRemoval *removal);

/* The functions that disable dead-code elimination of exported methods.
 * *flagged is TRUE when they come from <ReflectMethod> flags, FALSE when
 * from the callers of reflect.Value.Method(ByName) and
 * reflect.(*rtype).Method(ByName) outside reflect (dumps before Go 1.21;
 * a caller that passes a constant name does not disable it). Reachable
 * symbols only, nearest to the root first. */
GArray     *dv_reflect_method_users (const DvGraph *graph, gboolean *flagged);

typedef struct {
  GArray *added;             /* DvSymbolId in `after`, nearest to the root first */
  GArray *removed;           /* DvSymbolId in `before` */
  GArray *added_packages;    /* DvPackageId in `after`, no symbol of it live in `before` */
  GArray *removed_packages;  /* DvPackageId in `before` */
  gboolean spellings_differ; /* one dump spells compiler symbols as Go 1.19 does
                              * ("type.", "go.itab.", "go.shape.int_0"), the other
                              * as Go 1.20+ ("type:", "go:itab.", "go.shape.int") */
} DvDiff;

/* Live symbols (reachable from the root) of `after` that are not live in
 * `before`, and the other way round; names compared with flags removed,
 * and in the Go 1.20+ spelling when the two dumps spell them differently. */
void        dv_diff_compute     (const DvGraph *before, const DvGraph *after, DvDiff *out);
void        dv_diff_clear       (DvDiff *diff);

G_END_DECLS
