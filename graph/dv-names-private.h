/* dv-names-private.h: name analysis shared inside the core. */
#pragma once

#include "dv-graph.h"

G_BEGIN_DECLS

/* Where the (still escaped) package of a name is: name[start .. start+len). */
gboolean dv_names_package_span   (const char *name, gsize len, gsize *start, gsize *plen);
char    *dv_names_unescape_path  (const char *s, gsize len);
/* What a symbol's name proves about its package: that the package has code
 * in the binary, that it has types there, or nothing (content-addressable
 * data, DWARF, names without a package). */
typedef enum {
  DV_NAME_ROLE_NONE = 0,
  DV_NAME_ROLE_TYPE = 1,
  DV_NAME_ROLE_CODE = 2,
} DvNameRole;
DvNameRole dv_names_role         (const char *name, gsize len, DvSymbolKind kind,
                                  gboolean has_package);
DvSymbolKind dv_names_classify   (const char *name, gsize len, gboolean *has_package,
                                  gsize *start, gsize *plen);

G_END_DECLS
