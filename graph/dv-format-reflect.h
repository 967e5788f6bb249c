/* dv-format-reflect.h: the functions that make the linker keep every
 * exported method, or, when the dump cannot say, the candidates and the
 * methods kept only through type descriptors. */
#pragma once

#include "dv-analysis.h"
#include "dv-format.h"
#include "dv-format-cost.h"

G_BEGIN_DECLS

/* `depview-cli reflect`: report from dv_reflect_report_compute, with what
 * removing each culprit would free. Text or JSON; cost (or NULL) adds the
 * bytes of the methods kept only through type descriptors. */
char *dv_format_reflect (const DvGraph *graph, const DvReflectReport *report, const DvCost *cost,
                         DvFormat format);

G_END_DECLS
