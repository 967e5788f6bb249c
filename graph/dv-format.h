/* dv-format.h: a why-answer as text for people and tools.
 * Shared by depview-cli and the app ("Copy Chain as Markdown"). */
#pragma once

#include "dv-why.h"
#include "dv-cost.h"

G_BEGIN_DECLS

typedef enum {
  DV_FORMAT_TEXT,
  DV_FORMAT_MARKDOWN,
  DV_FORMAT_JSON,
  DV_FORMAT_DOT,
} DvFormat;

typedef struct {
  const char  *query;     /* what the user typed */
  gboolean     is_package;
  DvSymbolId   target;    /* the symbol, or the package's symbol where the chain ends */
  DvPackageId  package;   /* is_package only */
  GArray      *chain;     /* DvChainStep, root side first; NULL when not reachable */
  GArray      *ancestors; /* DvChainStep, when not reachable: known ancestors, nearest first */
  /* is_package only */
  const char  *package_path; /* also for a path that is no linked package */
  DvPackageLink link;
  GArray      *code_chain;   /* DvChainStep: dv_why_package_code, or NULL */
  DvSymbolId   code_target;
  GArray      *named_by;     /* DvSymbolId: for a package not linked, the symbols
                              * that carry its name yet prove nothing */
  const DvCost *cost;        /* set by the caller: sizes on the answer and its steps */
  char        *function;  /* is_inlined: the function, the target being its DWARF entry */
  GPtrArray   *inlined_into; /* is_inlined: (char *) the functions the dump says hold it */
  gboolean     is_inlined;
} DvWhyAnswer;

/* Fills answer for a lookup result of kind SYMBOL, PACKAGE, UNLINKED_PACKAGE
 * or INLINED (no code, only a DWARF entry: no chain). Returns FALSE when the
 * target has no path from the root, the package is not linked, and for
 * INLINED. */
gboolean  dv_why_answer_init  (DvWhyAnswer *answer, const DvGraph *graph,
                               const char *query, const DvLookup *lookup);
void      dv_why_answer_clear (DvWhyAnswer *answer);

/* Returns a newly allocated string, ending in a newline. */
char     *dv_format_why       (const DvGraph *graph, const DvWhyAnswer *answer, DvFormat format);

/* s as a JSON string, quoted; bytes that are not UTF-8 become U+FFFD. */
void      dv_format_json_string (GString *out, const char *s);

/* s as a Markdown code span that renders as s whatever backticks it holds;
 * in_table also escapes '|', which would end a table cell. A newline or tab
 * is shown as \n or \t. */
void      dv_format_markdown_code (GString *out, const char *s, gboolean in_table);

/* Flags as the JSON/Markdown words: "UsedInIface", "ReflectMethod". */
void      dv_format_flags     (GString *out, DvSymbolFlags flags, const char *sep,
                               const char *before, const char *after);

G_END_DECLS
