/* dv-format-cost.h: sizes for people and tools: the top list, and the
 * line that says how much of the binary the sizes cover. */
#pragma once

#include "dv-cost.h"
#include "dv-format.h"

G_BEGIN_DECLS

/* "1.2 MB" style, decimal units as go tool nm readers and CI budgets use. */
char *dv_format_bytes        (guint64 bytes);
/* What the sizes cover: matched symbols and bytes, shared data, the
 * unexplained rest of the binary, bss left out. One paragraph of text. */
void  dv_format_cost_summary (GString *out, const DvCost *cost, DvFormat format);
/* `depview-cli top`: items from dv_cost_top. */
char *dv_format_top          (const DvCost *cost, GArray *items, gboolean packages,
                              gboolean by_retained, DvFormat format);

G_END_DECLS
