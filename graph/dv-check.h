/* dv-check.h: a size and dependency budget for CI ("fail the build if it
 * grows more than N%", "net/http must not be linked in"). Each rule that is
 * broken comes back with what was exceeded and the chain that causes it. */
#pragma once

#include "dv-cost.h"
#include "dv-format.h"

G_BEGIN_DECLS

typedef struct {
  /* package paths or globs, e.g. github.com/evil/ and a star; NULL-terminated, or NULL */
  const char *const *deny;
  guint64      max_size;          /* bytes; 0: no limit */
  double       max_growth;        /* percent; < 0: no limit */
  const DvGraph *baseline;        /* for max_growth */
  const DvCost  *baseline_cost;   /* optional: the baseline's sizes */
  gboolean     no_reflect_methods;
} DvCheckRules;

typedef enum {
  DV_VIOLATION_DENIED_PACKAGE,
  DV_VIOLATION_MAX_SIZE,
  DV_VIOLATION_MAX_GROWTH,
  DV_VIOLATION_REFLECT_METHODS,
} DvViolationKind;

typedef struct {
  DvViolationKind kind;
  char           *what;       /* one sentence: what was exceeded */
  GArray         *chain;      /* DvChainStep in the checked graph, or NULL */
  char           *chain_title;
  GArray         *code_chain; /* denied packages: which code uses it, or NULL */
} DvViolation;

typedef struct {
  GArray  *violations;        /* DvViolation */
  guint64  size;              /* the build's size, when known */
  const char *size_source;    /* how it was known, or NULL */
  guint64  baseline_size;
} DvCheckResult;

/* The size of a build in file bytes: the binary's file size when the sizes
 * were read from it, else the -c "total=" line less "bsssize=" (bss takes
 * memory, not file), else the bytes the sizes name.
 * Returns FALSE when none is known. */
gboolean dv_check_build_size (const DvGraph *graph, const DvCost *cost, guint64 *size,
                              const char **source);

/* FALSE with error set when a rule cannot be checked (no size known for
 * --max-size, say). */
gboolean dv_check_run    (const DvGraph *graph, const DvCost *cost, const DvCheckRules *rules,
                          DvCheckResult *out, GError **error);
void     dv_check_clear  (DvCheckResult *result);
/* Text, Markdown (a PR comment) or JSON. */
char    *dv_format_check (const DvGraph *graph, const DvCheckResult *result, DvFormat format);

G_END_DECLS
