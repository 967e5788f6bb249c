/* dv-format-stats.h: what a dump holds, counted: lines, edges, symbols,
 * roots, packages, sections, size lines and the lines that could not be read. */
#pragma once

#include "dv-format.h"

G_BEGIN_DECLS

/* `depview-cli stats`: text or JSON. */
char *dv_format_stats (const DvGraph *graph, DvFormat format);

G_END_DECLS
