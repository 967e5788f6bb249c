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

/* Returns a newly allocated string, ending in a newline. Text, Markdown
 * and JSON; DOT, SVG and PNG are pictures of the layout (dv-layout.h). */
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
