/* dv-names-private.h: name analysis shared inside the core. */
#pragma once

#include "dv-graph.h"

G_BEGIN_DECLS

/* Where the (still escaped) package of a name is: name[start .. start+len). */
gboolean dv_names_package_span   (const char *name, gsize len, gsize *start, gsize *plen);
char    *dv_names_unescape_path  (const char *s, gsize len);
/* Its name does not prove its package is linked in (stkobj, arginfo, ...). */
gboolean dv_names_shared_by_content (const char *name, gsize len);
DvSymbolKind dv_names_classify   (const char *name, gsize len, gboolean *has_package,
                                  gsize *start, gsize *plen);

G_END_DECLS
