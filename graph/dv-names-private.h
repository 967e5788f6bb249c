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
/* type..namedata. (type:.namedata. since Go 1.20): names holding raw struct tags */
gboolean dv_names_is_namedata (const char *name, gsize len);
/* Removes " <UsedInIface>", " <ReflectMethod>" or both from the end of a
 * name; namedata names carry raw struct tags and never flags. */
DvSymbolFlags dv_names_strip_flags (const char *name, gsize *len);

G_END_DECLS
