/* dv-format-diff.h: what a change added, for a pull request: packages
 * newly linked and no longer linked (with bytes when sizes are given), the
 * chains that bring each new package in, symbols added and removed per
 * package, and the total growth. */
#pragma once

#include "dv-analysis.h"
#include "dv-cost.h"
#include "dv-format.h"

G_BEGIN_DECLS

/* cost_before and cost_after may be NULL (no sizes). limit cuts long
 * lists, with a count of what was left out. */
char *dv_format_diff (const DvGraph *before, const DvGraph *after, const DvDiff *diff,
                      const DvCost *cost_before, const DvCost *cost_after, guint limit,
                      DvFormat format);

G_END_DECLS
