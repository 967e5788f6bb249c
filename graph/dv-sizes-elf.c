/* dv-sizes-elf.c: symbol sizes read from an ELF Go binary through elfutils'
 * libelf: every defined symbol of .symtab with its st_size, and every
 * SHF_ALLOC section.
 *
 * Which bytes are file bytes: a symbol or section counts as bytes of the
 * file unless its section is SHT_NOBITS (.bss, .noptrbss, .tbss), which
 * take memory at run time only. Sections that are not SHF_ALLOC (.symtab,
 * .strtab, the DWARF .debug_*) are in the file but not listed, and hold no
 * listed symbol: the binary's file size minus the listed file sections is
 * what symbols and debug information add.
 *
 * Compared with `go tool nm -size` on the same binary (Go 1.26, linux/amd64):
 * the same names (Go writes nm's names into .symtab) and the same sizes
 * (both are st_size). The letters differ in one way: nm prints a symbol of
 * .bss or .noptrbss as D (it looks only at the section's flags), this
 * reader as B, since it knows the section holds no file bytes. As nm, a
 * local symbol gets a lower-case letter.
 *
 * Both see only what the linker names in .symtab: functions, named data,
 * and containers such as go:func.* (a part of .gopclntab). Type descriptors,
 * go:string.* data and itabs have no symbol of their own there, so symbols
 * cover most of .text but about a tenth of .rodata (hello world, Go 1.26:
 * 21 of 223 KB); the section table says how much is not named. */
#include "config.h"

#include "dv-sizes-private.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
  guint64  flags;
  guint32  type;
} SectionInfo;

static void
set_elf_error (GError **error, const char *path, const char *what)
{
  int err = elf_errno ();

  if (err != 0)
    g_set_error (error, DV_SIZES_ERROR, DV_SIZES_ERROR_ELF, "%s: %s (libelf: %s)", path, what,
                 elf_errmsg (err));
  else
    g_set_error (error, DV_SIZES_ERROR, DV_SIZES_ERROR_ELF, "%s: %s", path, what);
}

static char
letter_for (const SectionInfo *sec, unsigned char bind)
{
  char c;

  if (sec->type == SHT_NOBITS)
    c = 'B';
  else if (sec->flags & SHF_EXECINSTR)
    c = 'T';
  else if (sec->flags & SHF_WRITE)
    c = 'D';
  else
    c = 'R';
  return bind == STB_LOCAL ? g_ascii_tolower (c) : c;
}

/* Reads the section table into `infos` (indexed by section number) and
 * adds the SHF_ALLOC sections to `sizes`; returns the .symtab section. */
static Elf_Scn *
read_sections (Elf *elf, const char *path, guint64 file_size, DvSizes *sizes,
               GArray *infos, GError **error)
{
  size_t shstrndx, nsec;
  Elf_Scn *symtab = NULL;
  GElf_Ehdr ehdr;

  if (gelf_getehdr (elf, &ehdr) == NULL)
    {
      set_elf_error (error, path, "corrupt ELF: the file header cannot be read");
      return NULL;
    }
  /* libelf reads a table cut short as no table: that would pass for stripped */
  guint64 table_end = (guint64) ehdr.e_shoff + (guint64) ehdr.e_shnum * ehdr.e_shentsize;
  if (ehdr.e_shoff == 0 || table_end > file_size)
    {
      g_set_error (error, DV_SIZES_ERROR, DV_SIZES_ERROR_ELF,
                   ehdr.e_shoff == 0 ? "%s: corrupt ELF: no section table"
                                     : "%s: truncated or corrupt ELF: the section table ends at byte %"
                                       G_GUINT64_FORMAT ", past the end of the file (%" G_GUINT64_FORMAT " bytes)",
                   path, table_end, file_size);
      return NULL;
    }
  if (elf_getshdrnum (elf, &nsec) != 0 || elf_getshdrstrndx (elf, &shstrndx) != 0)
    {
      set_elf_error (error, path, "corrupt ELF: no readable section table");
      return NULL;
    }
  g_array_set_size (infos, nsec);
  /* every range first: a cut file loses .shstrtab, at the end, before it
   * loses anything else, and "truncated" says more than "no name" */
  for (Elf_Scn *scn = elf_nextscn (elf, NULL); scn != NULL; scn = elf_nextscn (elf, scn))
    {
      GElf_Shdr shdr;

      if (gelf_getshdr (scn, &shdr) == NULL || elf_ndxscn (scn) >= nsec)
        {
          set_elf_error (error, path, "corrupt ELF: a section header cannot be read");
          return NULL;
        }
      if (shdr.sh_type != SHT_NOBITS
          && (shdr.sh_offset > file_size || shdr.sh_size > file_size - shdr.sh_offset))
        {
          g_set_error (error, DV_SIZES_ERROR, DV_SIZES_ERROR_ELF,
                       "%s: truncated or corrupt ELF: section %zu ends at byte %" G_GUINT64_FORMAT
                       ", past the end of the file (%" G_GUINT64_FORMAT " bytes)",
                       path, elf_ndxscn (scn), (guint64) shdr.sh_offset + shdr.sh_size, file_size);
          return NULL;
        }
    }
  for (Elf_Scn *scn = elf_nextscn (elf, NULL); scn != NULL; scn = elf_nextscn (elf, scn))
    {
      GElf_Shdr shdr;
      size_t idx = elf_ndxscn (scn);

      if (gelf_getshdr (scn, &shdr) == NULL)
        {
          set_elf_error (error, path, "corrupt ELF: a section header cannot be read");
          return NULL;
        }
      const char *name = elf_strptr (elf, shstrndx, shdr.sh_name);
      if (name == NULL)
        {
          set_elf_error (error, path, "corrupt ELF: a section has no readable name");
          return NULL;
        }
      g_array_index (infos, SectionInfo, idx) = (SectionInfo) { shdr.sh_flags, shdr.sh_type };
      if (shdr.sh_flags & SHF_ALLOC)
        dv_sizes_add_section (sizes, name, shdr.sh_size, shdr.sh_type != SHT_NOBITS);
      if (shdr.sh_type == SHT_SYMTAB && symtab == NULL)
        symtab = scn;
    }
  if (symtab == NULL)
    g_set_error (error, DV_SIZES_ERROR, DV_SIZES_ERROR_ELF,
                 "%s: no symbol table: stripped (built with -ldflags=-s?); "
                 "give the unstripped binary", path);
  return symtab;
}

static gboolean
read_symbols (Elf *elf, Elf_Scn *symtab, const char *path, const GArray *infos,
              DvSizes *sizes, GError **error)
{
  GElf_Shdr shdr;
  Elf_Data *data = NULL;
  size_t entsize = gelf_fsize (elf, ELF_T_SYM, 1, EV_CURRENT);

  if (gelf_getshdr (symtab, &shdr) == NULL || entsize == 0
      || (data = elf_getdata (symtab, NULL)) == NULL)
    {
      set_elf_error (error, path, "corrupt ELF: the symbol table cannot be read");
      return FALSE;
    }
  size_t n = data->d_size / entsize;
  for (size_t i = 1; i < n; i++)
    {
      GElf_Sym sym;

      if (gelf_getsym (data, (int) i, &sym) == NULL)
        {
          set_elf_error (error, path, "corrupt ELF: a symbol cannot be read");
          return FALSE;
        }
      unsigned char type = GELF_ST_TYPE (sym.st_info);
      if (type != STT_OBJECT && type != STT_FUNC && type != STT_NOTYPE && type != STT_TLS)
        continue; /* files, sections */
      if (sym.st_shndx == SHN_UNDEF || sym.st_shndx >= SHN_LORESERVE)
        continue; /* undefined, absolute, common: no bytes of a section */
      if (sym.st_shndx >= infos->len)
        {
          g_set_error (error, DV_SIZES_ERROR, DV_SIZES_ERROR_ELF,
                       "%s: corrupt ELF: symbol %zu is in section %u, which does not exist",
                       path, i, (guint) sym.st_shndx);
          return FALSE;
        }
      const SectionInfo *sec = &g_array_index (infos, SectionInfo, sym.st_shndx);
      if (!(sec->flags & SHF_ALLOC))
        continue; /* not loaded: not a symbol of the program */
      const char *name = elf_strptr (elf, shdr.sh_link, sym.st_name);
      if (name == NULL)
        {
          set_elf_error (error, path, "corrupt ELF: a symbol name cannot be read");
          return FALSE;
        }
      if (name[0] == '\0')
        continue;
      dv_sizes_add_entry (sizes, name, strlen (name), sym.st_size,
                          letter_for (sec, GELF_ST_BIND (sym.st_info)),
                          sec->type == SHT_NOBITS ? DV_STORAGE_MEMORY : DV_STORAGE_FILE);
    }
  return TRUE;
}

DvSizes *
dv_sizes_load_elf (const char *path, GError **error)
{
  g_autoptr(DvSizes) sizes = dv_sizes_new (path, DV_SIZES_FROM_ELF);
  g_autoptr(GArray) infos = g_array_new (FALSE, TRUE, sizeof (SectionInfo));
  struct stat st;
  gboolean ok = FALSE;
  Elf *elf = NULL;
  int fd;

  if (elf_version (EV_CURRENT) == EV_NONE)
    {
      set_elf_error (error, path, "libelf is out of date");
      return NULL;
    }
  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", path,
                   g_strerror (saved));
      if (fd >= 0)
        close (fd);
      return NULL;
    }
  sizes->file_size = (guint64) st.st_size;
  /* read, not mapped: a file cut short while mapped would be a SIGBUS */
  elf = elf_begin (fd, ELF_C_READ, NULL);
  if (elf == NULL || elf_kind (elf) != ELF_K_ELF)
    set_elf_error (error, path, "not an ELF file libelf can read: truncated or corrupt");
  else if (gelf_getclass (elf) == ELFCLASSNONE)
    set_elf_error (error, path, "corrupt ELF: unknown class");
  else
    {
      Elf_Scn *symtab = read_sections (elf, path, sizes->file_size, sizes, infos, error);
      ok = symtab != NULL && read_symbols (elf, symtab, path, infos, sizes, error);
    }
  if (elf != NULL)
    elf_end (elf);
  close (fd);
  if (!ok)
    return NULL;
  if (sizes->entries->len == 0)
    {
      g_set_error (error, DV_SIZES_ERROR, DV_SIZES_ERROR_ELF,
                   "%s: its symbol table defines no symbol: stripped (built with -ldflags=-s?); "
                   "give the unstripped binary", path);
      return NULL;
    }
  return g_steal_pointer (&sizes);
}
