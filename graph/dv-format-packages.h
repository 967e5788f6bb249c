/* dv-format-packages.h: the package view of a why-answer (dv_layout_build
 * with request.packages) as a list, for `depview-cli why --packages`. */
#pragma once

#include "dv-format.h"
#include "dv-layout.h"

G_BEGIN_DECLS

/* layout: built with request.packages, not necessarily laid out. One line
 * (row, object) per node from the top of the chain to the focus's
 * package: its package, its steps, and the symbol edge that links it to
 * the one before; bytes when the request had a cost. Text, Markdown or
 * JSON; newly allocated, ending in a newline. */
char *dv_format_why_packages (const DvGraph *graph, const DvLayout *layout, DvFormat format);

G_END_DECLS
