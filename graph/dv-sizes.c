/* dv-sizes.c: symbol sizes from `go tool nm -size` output, and what is
 * common to every reader of sizes. */
#include "config.h"

#include "dv-sizes-private.h"

#include <string.h>

G_DEFINE_QUARK (dv-sizes-error-quark, dv_sizes_error)

/* Sizes files are a few MB: read whole, gunzipped when gzip. */
#define MAX_SIZES_BYTES (1024u << 20)

DvSizes *
dv_sizes_new (const char *display_name, DvSizesSource source)
{
  DvSizes *s = g_new0 (DvSizes, 1);

  g_atomic_ref_count_init (&s->ref_count);
  s->display_name = g_strdup (display_name);
  s->source = source;
  s->entries = g_array_new (FALSE, FALSE, sizeof (DvSizeEntry));
  s->sections = g_array_new (FALSE, FALSE, sizeof (DvSectionSize));
  s->strings = g_string_chunk_new (64 * 1024);
  return s;
}

void
dv_sizes_add_entry (DvSizes *sizes, const char *name, gsize len, guint64 size, char type,
                    DvStorage storage)
{
  DvSizeEntry e = { g_string_chunk_insert_len (sizes->strings, name, (gssize) len), size, type, storage };

  g_array_append_val (sizes->entries, e);
}

void
dv_sizes_add_section (DvSizes *sizes, const char *name, guint64 size, gboolean in_file)
{
  DvSectionSize s = { g_string_chunk_insert (sizes->strings, name), size, in_file };

  g_array_append_val (sizes->sections, s);
}

DvSizes *
dv_sizes_ref (DvSizes *sizes)
{
  g_atomic_ref_count_inc (&sizes->ref_count);
  return sizes;
}

void
dv_sizes_unref (DvSizes *sizes)
{
  if (sizes == NULL || !g_atomic_ref_count_dec (&sizes->ref_count))
    return;
  g_array_unref (sizes->entries);
  g_array_unref (sizes->sections);
  g_string_chunk_free (sizes->strings);
  g_free (sizes->display_name);
  g_free (sizes);
}

/* nm's letters, and "_" for the file symbols go tool nm lists (go.go) */
static gboolean
is_type_letter (char c)
{
  return g_ascii_isalpha (c) || c == '_' || c == '?';
}

/* " 1ae1aa0   33554432 D crypto/internal/fips140/drbg.memory": the address
 * (absent for U), the size, a letter, the name (which may hold spaces). */
static gboolean
parse_nm_line (DvSizes *sizes, const char *line, gsize len)
{
  const char *p = line, *end = line + len;
  const char *f[3];
  gsize flen[3];
  guint n = 0;

  /* up to three fields before the name */
  while (n < 3)
    {
      while (p < end && *p == ' ')
        p++;
      if (p == end)
        return FALSE;
      f[n] = p;
      while (p < end && *p != ' ')
        p++;
      flen[n] = (gsize) (p - f[n]);
      n++;
      if (flen[n - 1] == 1 && is_type_letter (f[n - 1][0]))
        break; /* the type letter: the name follows */
    }
  if (flen[n - 1] != 1 || !is_type_letter (f[n - 1][0]) || p >= end || *p != ' ')
    return FALSE;
  const char *name = p + 1;
  gsize name_len = (gsize) (end - name);
  char type = f[n - 1][0];
  if (name_len == 0)
    return FALSE;
  if (type == 'U')
    return TRUE; /* undefined: no bytes here */
  if (n != 3)
    return FALSE;
  for (gsize i = 0; i < flen[0]; i++)
    if (!g_ascii_isxdigit (f[0][i]))
      return FALSE;
  guint64 size = 0;
  for (gsize i = 0; i < flen[1]; i++)
    {
      if (!g_ascii_isdigit (f[1][i]) || size > G_MAXUINT64 / 10)
        return FALSE;
      size = size * 10 + (guint64) (f[1][i] - '0');
    }
  DvStorage storage = (type == 'D' || type == 'd' || type == 'B' || type == 'b')
                      ? DV_STORAGE_MAYBE_BSS : DV_STORAGE_FILE;
  dv_sizes_add_entry (sizes, name, name_len, size, type, storage);
  return TRUE;
}

DvSizes *
dv_sizes_load_nm_data (const char *data, gsize len, const char *display_name, GError **error)
{
  g_autoptr(DvSizes) sizes = dv_sizes_new (display_name, DV_SIZES_FROM_NM);
  const char *p = data, *end = data + len;
  guint64 lineno = 0;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', (gsize) (end - p));
      const char *stop = nl ? nl : end;
      gsize n = (gsize) (stop - p);
      lineno++;
      if (n > 0 && p[n - 1] == '\r')
        n--;
      if (n > 0 && !parse_nm_line (sizes, p, n))
        {
          g_autofree char *excerpt = g_utf8_make_valid (p, (gssize) MIN (n, 60));
          g_set_error (error, DV_SIZES_ERROR, DV_SIZES_ERROR_NOT_SIZES,
                       "%s:%" G_GUINT64_FORMAT ": expected a line of “go tool nm -size”, "
                       "“ADDRESS SIZE TYPE NAME”, not “%s”", display_name, lineno, excerpt);
          return NULL;
        }
      p = stop + 1;
    }
  if (sizes->entries->len == 0)
    {
      g_set_error (error, DV_SIZES_ERROR, DV_SIZES_ERROR_NOT_SIZES,
                   "%s: no symbol sizes in it; make them with “go tool nm -size BINARY”",
                   display_name);
      return NULL;
    }
  return g_steal_pointer (&sizes);
}

static GBytes *
read_maybe_gzip (const char *path, GCancellable *cancellable, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GInputStream) stream = NULL;
  guint8 magic[2] = { 0, 0 };
  gsize got = 0;

  in = G_INPUT_STREAM (g_file_read (file, cancellable, error));
  if (in == NULL)
    return NULL;
  stream = G_INPUT_STREAM (g_buffered_input_stream_new (in));
  if (g_buffered_input_stream_fill (G_BUFFERED_INPUT_STREAM (stream), 2, cancellable, error) < 0)
    return NULL;
  const guint8 *peek = g_buffered_input_stream_peek_buffer (G_BUFFERED_INPUT_STREAM (stream), &got);
  if (got >= 2)
    memcpy (magic, peek, 2);
  if (magic[0] == 0x1f && magic[1] == 0x8b)
    {
      g_autoptr(GZlibDecompressor) z = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
      GInputStream *conv = g_converter_input_stream_new (stream, G_CONVERTER (z));
      g_object_unref (stream);
      stream = conv;
    }
  g_autoptr(GByteArray) all = g_byte_array_new ();
  guint8 buf[65536];
  for (;;)
    {
      gssize n = g_input_stream_read (stream, buf, sizeof buf, cancellable, error);
      if (n < 0)
        {
          g_prefix_error (error, "%s: ", path);
          return NULL;
        }
      if (n == 0)
        break;
      if (all->len + (gsize) n > MAX_SIZES_BYTES)
        {
          g_set_error (error, DV_SIZES_ERROR, DV_SIZES_ERROR_NOT_SIZES,
                       "%s: larger than %u MiB; not a “go tool nm -size” listing",
                       path, MAX_SIZES_BYTES >> 20);
          return NULL;
        }
      g_byte_array_append (all, buf, (guint) n);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&all));
}

static gboolean
is_elf (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, NULL);
  guint8 magic[4] = { 0 };
  gsize got = 0;

  if (in == NULL)
    return FALSE;
  g_input_stream_read_all (G_INPUT_STREAM (in), magic, 4, &got, NULL, NULL);
  return got == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
}

DvSizes *
dv_sizes_load_path (const char *path, GCancellable *cancellable, GError **error)
{
  if (is_elf (path))
    return dv_sizes_load_elf (path, error);

  g_autoptr(GBytes) bytes = read_maybe_gzip (path, cancellable, error);
  if (bytes == NULL)
    return NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  if (len == 0)
    {
      g_set_error (error, DV_SIZES_ERROR, DV_SIZES_ERROR_NOT_SIZES,
                   "%s: empty; make the sizes with “go tool nm -size BINARY”", path);
      return NULL;
    }
  if (memchr (data, '\0', len) != NULL)
    {
      g_set_error (error, DV_SIZES_ERROR, DV_SIZES_ERROR_NOT_SIZES,
                   "%s: neither “go tool nm -size” output nor an ELF binary "
                   "(for Mach-O and PE binaries, give “go tool nm -size BINARY” output)", path);
      return NULL;
    }
  return dv_sizes_load_nm_data (data, len, path, error);
}

DvSizesSource
dv_sizes_get_source (const DvSizes *sizes)
{
  return sizes->source;
}

const char *
dv_sizes_get_display_name (const DvSizes *sizes)
{
  return sizes->display_name;
}

guint
dv_sizes_get_n_entries (const DvSizes *sizes)
{
  return sizes->entries->len;
}

const DvSizeEntry *
dv_sizes_get_entry (const DvSizes *sizes, guint i)
{
  g_return_val_if_fail (i < sizes->entries->len, NULL);
  return &g_array_index (sizes->entries, DvSizeEntry, i);
}

guint
dv_sizes_get_n_sections (const DvSizes *sizes)
{
  return sizes->sections->len;
}

const DvSectionSize *
dv_sizes_get_section (const DvSizes *sizes, guint i)
{
  g_return_val_if_fail (i < sizes->sections->len, NULL);
  return &g_array_index (sizes->sections, DvSectionSize, i);
}

guint64
dv_sizes_get_file_size (const DvSizes *sizes)
{
  return sizes->file_size;
}
