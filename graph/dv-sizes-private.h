/* dv-sizes-private.h: how the readers of dv-sizes.c fill a DvSizes. */
#pragma once

#include "dv-sizes.h"

G_BEGIN_DECLS

struct _DvSizes
{
  gatomicrefcount ref_count;
  char           *display_name;
  DvSizesSource   source;
  GArray         *entries;      /* DvSizeEntry, names in `strings` */
  GStringChunk   *strings;
  GArray         *sections;     /* DvSectionSize, names in `strings` */
  guint64         file_size;
};

DvSizes *dv_sizes_new           (const char *display_name, DvSizesSource source);
void     dv_sizes_add_entry     (DvSizes *sizes, const char *name, gsize len, guint64 size,
                                 char type, DvStorage storage);
void     dv_sizes_add_section   (DvSizes *sizes, const char *name, guint64 size, gboolean in_file);

/* The ELF reader (dv-sizes-elf.c): symbols with their sections' storage,
 * the section table and the file size. */
DvSizes *dv_sizes_load_elf      (const char *path, GError **error);

G_END_DECLS
