/* dv-sizes-elf.c: symbol sizes read from an ELF Go binary. */
#include "config.h"

#include "dv-sizes-private.h"

DvSizes *
dv_sizes_load_elf (const char *path, GError **error)
{
  g_set_error (error, DV_SIZES_ERROR, DV_SIZES_ERROR_ELF,
               "%s: an ELF binary; reading one directly is not built in yet: "
               "give “go tool nm -size %s” output instead", path, path);
  return NULL;
}
