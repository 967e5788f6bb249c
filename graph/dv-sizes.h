/* dv-sizes.h: how many bytes each symbol takes, read from `go tool nm
 * -size` output (plain or gzip, any platform) or from the Go binary itself
 * (ELF, through elfutils' libelf). No graph here: dv-cost.h matches them to
 * a dump's symbols.
 *
 * File bytes and memory bytes differ: a symbol in .bss or .noptrbss takes
 * memory at run time and no byte of the file. Read from a binary, each
 * symbol says which by its section; `go tool nm` prints bss symbols as D or
 * B, so from nm output a large D symbol can only be "maybe bss". */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  DV_STORAGE_FILE,      /* bytes in the file: text, rodata, data */
  DV_STORAGE_MEMORY,    /* bss: memory at run time only (read from a binary) */
  DV_STORAGE_MAYBE_BSS, /* nm's D or B: data or bss, nm cannot tell */
} DvStorage;

typedef enum {
  DV_SIZES_FROM_NM,     /* go tool nm -size output */
  DV_SIZES_FROM_ELF,    /* the binary */
} DvSizesSource;

typedef struct {
  const char *name;     /* as nm prints it ("go:func.*", "type:*os.File") */
  guint64     size;
  char        type;     /* nm's letter: T t R r D d B b U, or the ELF reader's */
  DvStorage   storage;
} DvSizeEntry;

typedef struct {
  const char *name;     /* ".text", ".noptrbss", ... */
  guint64     size;
  gboolean    in_file;  /* FALSE for SHT_NOBITS (bss) */
} DvSectionSize;

typedef struct _DvSizes DvSizes;

#define DV_SIZES_ERROR (dv_sizes_error_quark ())
GQuark dv_sizes_error_quark (void);

typedef enum {
  DV_SIZES_ERROR_NOT_SIZES, /* neither nm -size output nor an ELF binary */
  DV_SIZES_ERROR_ELF,       /* an ELF file libelf cannot read, or without symbols */
} DvSizesError;

/* Reads nm output (plain or gzip, recognised by content) or an ELF binary
 * (recognised by its magic). Lines that are not nm lines are errors naming
 * the file and line; "U" (undefined) lines are skipped. */
DvSizes            *dv_sizes_load_path   (const char    *path,
                                          GCancellable  *cancellable,
                                          GError       **error);
DvSizes            *dv_sizes_load_nm_data (const char   *data,
                                          gsize          len,
                                          const char    *display_name,
                                          GError       **error);
DvSizes            *dv_sizes_ref         (DvSizes *sizes);
void                dv_sizes_unref       (DvSizes *sizes);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DvSizes, dv_sizes_unref)

DvSizesSource       dv_sizes_get_source  (const DvSizes *sizes);
const char         *dv_sizes_get_display_name (const DvSizes *sizes);
guint               dv_sizes_get_n_entries (const DvSizes *sizes);
const DvSizeEntry  *dv_sizes_get_entry   (const DvSizes *sizes, guint i);
/* Sections, from a binary only (0 from nm output). */
guint               dv_sizes_get_n_sections (const DvSizes *sizes);
const DvSectionSize *dv_sizes_get_section (const DvSizes *sizes, guint i);
/* The binary's file size; 0 from nm output. */
guint64             dv_sizes_get_file_size (const DvSizes *sizes);

G_END_DECLS
