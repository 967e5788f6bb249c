/* dv-cost.h: what a symbol and a package cost in bytes.
 *
 * Sizes (dv-sizes.h) are matched to a dump's symbols by name. Every byte
 * falls in one of four places: a symbol of a package (the package rule of
 * dv-graph.h), "(shared data)" (content-addressable symbols, named after
 * whichever package's copy the linker met first, and nm's pooled
 * go:string.* / go:func.* / type:* blocks), a symbol of no package
 * (runtime start-up, C code), or "unexplained": the part of the binary no
 * symbol of the dump accounts for. A reader must never take a partial sum
 * for the whole, so the answer says how much was matched.
 *
 * Retained size: the bytes of everything that would leave with a symbol,
 * from the dominator tree over the recorded edges (dep and call). It is an
 * estimate: the linker records only the first reason for each symbol
 * (closer to the truth with -c). A package's retained size is what would
 * leave if all of its symbols left, not the sum of its symbols'. */
#pragma once

#include "dv-graph.h"
#include "dv-sizes.h"

G_BEGIN_DECLS

typedef struct _DvCost DvCost;

typedef struct {
  guint   matched_symbols;   /* dump symbols with a size */
  guint64 matched_bytes;     /* their bytes (file bytes by default) */
  guint64 shared_bytes;      /* content-addressable: "(shared data)", matched or pooled */
  guint64 pooled_bytes;      /* nm's pooled blocks the dump does not name (go:string.*, go:func.*) */
  guint64 unmatched_bytes;   /* sizes of names the dump does not hold */
  guint64 total_bytes;       /* what the binary holds, when known: see total_source */
  const char *total_source;  /* "the dump's -c totals", "the binary's sections", or NULL */
  guint64 unexplained_bytes; /* total_bytes - matched_bytes - pooled_bytes, when total_bytes is known */
  guint64 excess_bytes;      /* matched_bytes + pooled_bytes beyond total_bytes: file bytes counted
                              * that the binary does not hold (nm's data symbols that are bss) */
  guint64 memory_bytes;      /* bss: memory only, left out of the file bytes */
  guint   maybe_bss_symbols; /* nm's D/B symbols that may be bss (nm cannot tell) */
} DvCostSummary;

/* Matches sizes to the graph's symbols, builds the dominator tree over the
 * recorded edges and the retained bytes of every package. Thread-safe once
 * made. */
DvCost        *dv_cost_new            (DvGraph *graph, DvSizes *sizes);
/* Reference counted, so threads can share it: dv_cost_free drops one
 * reference (the one dv_cost_new gave), the last frees it. */
DvCost        *dv_cost_ref            (DvCost *cost);
void           dv_cost_free           (DvCost *cost);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DvCost, dv_cost_free)

const DvCostSummary *dv_cost_get_summary (const DvCost *cost);
DvGraph       *dv_cost_get_graph      (const DvCost *cost);
DvSizes       *dv_cost_get_sizes      (const DvCost *cost);

/* Own size: the symbol's bytes (0 when it has no size). */
guint64        dv_cost_symbol_size    (const DvCost *cost, DvSymbolId id);
gboolean       dv_cost_symbol_maybe_bss (const DvCost *cost, DvSymbolId id);
/* Retained: its own bytes and those of every symbol it dominates. 0 when
 * the symbol is not reachable. */
guint64        dv_cost_symbol_retained (const DvCost *cost, DvSymbolId id);
guint64        dv_cost_package_size    (const DvCost *cost, DvPackageId pkg);
guint64        dv_cost_package_retained (const DvCost *cost, DvPackageId pkg);

typedef struct {
  DvPackageId package;    /* DV_PACKAGE_NONE: symbols of no package, shared data among them */
  guint64     bytes;
} DvPackageBytes;

/* What would leave with the symbol, by package, most bytes first. */
GArray        *dv_cost_retained_by_package (const DvCost *cost, DvSymbolId id);

typedef struct {
  gboolean    is_package;
  guint32     id;         /* DvSymbolId or DvPackageId */
  guint64     size;
  guint64     retained;
} DvCostItem;

/* The n largest symbols (or packages) by own size or retained size. */
GArray        *dv_cost_top            (const DvCost *cost, gboolean packages, gboolean by_retained,
                                       guint n);

G_END_DECLS
