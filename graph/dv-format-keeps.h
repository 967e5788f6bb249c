/* dv-format-keeps.h: what would go from the binary if a symbol went, by
 * package (with bytes when sizes are given), and the symbols nearest to it. */
#pragma once

#include "dv-analysis.h"
#include "dv-cost.h"
#include "dv-format.h"

G_BEGIN_DECLS

/* `depview-cli keeps`: removal from dv_removal_compute for id; cost may be
 * NULL (no sizes). limit cuts the package lists, with a count of the rest.
 * Text or JSON. */
char *dv_format_keeps (const DvGraph *graph, DvSymbolId id, const DvRemoval *removal,
                       const DvCost *cost, guint limit, DvFormat format);

G_END_DECLS
