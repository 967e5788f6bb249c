/* dv-analysis.h: questions beyond one chain.
 *
 * - What would go if X went: the symbols every recorded path from the root
 *   to which passes through X (X dominates them).
 * - Which functions make the linker keep every exported method: the
 *   <ReflectMethod> functions (Go 1.21+ print the flag), or, in older
 *   dumps that cannot prove it, the callers of reflect's method lookups;
 *   and for each, the others that would go with it and whether its
 *   removal would free the methods kept only through type descriptors.
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

/* What removing one culprit would do to the methods kept through type
 * descriptors. The linker keeps every exported method of every type
 * converted to an interface once any reachable function is marked
 * <ReflectMethod>, so one culprit frees them only when it leaves no other
 * (nor a marked function of reflect's) reachable. */
typedef enum {
  /* another culprit stays reachable without it: the methods stay */
  DV_REFLECT_FREES_NOTHING,
  /* nothing that turns the rule on stays reachable: the methods kept only
   * through type descriptors go (but for those an interface call needs) */
  DV_REFLECT_FREES_METHODS,
  /* the culprits left are reached only through exported methods that type
   * descriptors keep, which the linker keeps with the rule off only for an
   * interface call: the methods go unless such a call keeps those */
  DV_REFLECT_FREES_UNLESS_INTERFACE,
} DvReflectFrees;

/* One function that makes the linker keep every exported method. */
typedef struct {
  DvSymbolId symbol;
  DvSymbolId via;      /* the <ReflectMethod> function it stands for: itself,
                        * or reflect's flagged lookup or closure that it calls
                        * (Go 1.21 flags reflect.Value.MethodByName itself,
                        * 1.26 the closures of the Methods iterators); for a
                        * candidate, the reflect lookup it calls */
  gboolean   certain;  /* it came first: the linker saw it before any other */
  gboolean   std;      /* standard library: the import path's first element
                        * has no dot ("encoding/json"; not "main") */
  /* Were it gone, and the recorded edges the only reasons (an upper bound
   * on what goes, as for dv_removal_compute): */
  GArray    *dominated;      /* guint: indices in culprits of the others that
                              * would go with it (it dominates them) */
  guint      n_remaining;    /* other culprits still reachable */
  guint      n_remaining_direct; /* of which reachable without an exported
                              * method that only a type descriptor keeps */
  DvReflectFrees frees;
  DvSymbolId stays;          /* unless frees is DV_REFLECT_FREES_METHODS: a
                              * culprit or marked function that stays, one
                              * reached directly when there is one */
} DvReflectCulprit;

typedef struct {
  /* FALSE when the dump cannot say who it is: Go before 1.21 prints no
   * <ReflectMethod>, and a call of reflect.Type.Method or MethodByName
   * through the interface leaves no line at all. A dump with flags, or one
   * from Go 1.21+ (the root go:main.inittasks) without any, can say. */
  gboolean determinable;
  /* DvReflectCulprit: the certain one first, then code outside the
   * standard library, then the rest, each in order of first appearance.
   * When not determinable these are candidates: the callers of
   * reflect.Value.Method/MethodByName and reflect.(*rtype).Method/MethodByName
   * (before Go 1.22 any call counts, constant names too). */
  GArray  *culprits;
  guint    certain;          /* index in culprits, G_MAXUINT when none is */
  /* The symptom: reachable exported methods whose only recorded parents are
   * type descriptors, as the linker keeps them when the type is converted
   * to an interface and method elimination is off (methods that satisfy an
   * interface called somewhere are kept the same way, so this is an upper
   * bound). */
  guint    n_kept_by_type;
  GArray  *kept_by_type;     /* DvSymbolId, at most n_examples, code outside
                              * the standard library first */
} DvReflectReport;

/* Reachable symbols only. */
void        dv_reflect_report_compute (const DvGraph *graph, guint n_examples, DvReflectReport *out);
/* The own bytes of every method kept only through type descriptors (all
 * n_kept_by_type of them, not only the examples). */
guint64     dv_reflect_kept_bytes     (const DvGraph *graph, const DvCost *cost);
void        dv_reflect_report_clear   (DvReflectReport *report);

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
