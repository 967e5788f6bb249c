/* Sizes read from ELF Go binaries (dv-sizes-elf.c), checked against two
 * independent readers of the same binaries: `go tool nm -size` and a small
 * Go program on debug/elf (tests/data/go/elfsyms). The binaries are built
 * here from tests/data with a real Go toolchain: `go` on PATH, else
 * ../shared/tools/go-toolchain 1.26; without one those tests are skipped.
 * Truncated and corrupt files are cut from this test's own executable. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "dv-sizes.h"

typedef struct {
  char *go;         /* the go command */
  char **env;       /* GOPATH mode, a GOPATH of our own */
  char *tmp;
  char *hello;      /* binaries */
  char *hazards;
  char *stripped;
  char *elfsyms;
} GoFixture;

static GoFixture *go_fixture;
static char *go_missing; /* why there is no fixture */

static char *
run (char **argv, char **env, GError **error)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  if (!g_spawn_sync (NULL, argv, env, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, error))
    return NULL;
  if (!g_spawn_check_wait_status (status, error))
    {
      g_prefix_error (error, "%s %s: %s: ", argv[0], argv[1], err);
      return NULL;
    }
  return g_steal_pointer (&out);
}

static char *
find_go (void)
{
  char *go = g_find_program_in_path ("go");
  if (go != NULL)
    return go;

  const char *tool = g_getenv ("DV_GO_TOOLCHAIN");
  g_autofree char *fallback = g_test_build_filename (G_TEST_DIST, "..", "..", "shared", "tools",
                                                     "go-toolchain", NULL);
  if (tool == NULL)
    tool = fallback;
  if (!g_file_test (tool, G_FILE_TEST_IS_EXECUTABLE))
    return NULL;
  /* one unpacking at a time: the CLI tests may ask at the same moment */
  g_autofree char *lock = g_build_filename (g_get_user_cache_dir (), "depview-go-toolchain.lock", NULL);
  g_autofree char *flock = g_find_program_in_path ("flock");
  char *locked[] = { flock, lock, (char *) tool, (char *) "1.26", NULL };
  g_autoptr(GError) error = NULL;
  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  g_autofree char *goroot = run (flock ? locked : locked + 2, NULL, &error);
  if (goroot == NULL)
    {
      g_test_message ("%s 1.26: %s", tool, error->message);
      return NULL;
    }
  g_strstrip (goroot);
  go = g_build_filename (goroot, "bin", "go", NULL);
  if (!g_file_test (go, G_FILE_TEST_IS_EXECUTABLE))
    g_clear_pointer (&go, g_free);
  return go;
}

static gboolean
go_build (GoFixture *f, const char *ldflags, const char *out, const char *source, GError **error)
{
  char *argv[] = { f->go, (char *) "build", (char *) "-ldflags", (char *) ldflags, (char *) "-o",
                   (char *) out, (char *) source, NULL };
  g_autofree char *stdout_text = run (argv, f->env, error);
  return stdout_text != NULL;
}

/* Builds the fixtures once; NULL (and go_missing says why) without Go. */
static const GoFixture *
go_get (void)
{
  static gboolean tried;
  g_autoptr(GError) error = NULL;

  if (tried)
    return go_fixture;
  tried = TRUE;
  g_autofree char *go = find_go ();
  if (go == NULL)
    {
      go_missing = g_strdup ("no Go toolchain: no go on PATH and ../shared/tools/go-toolchain 1.26 "
                             "gave none; the tests that build Go binaries are skipped");
      return NULL;
    }
  GoFixture *f = g_new0 (GoFixture, 1);
  f->go = g_steal_pointer (&go);
  f->tmp = g_dir_make_tmp ("dv-sizes-elf-XXXXXX", &error);
  g_assert_no_error (error);
  g_autofree char *gopath = g_build_filename (f->tmp, "gopath", NULL);
  f->env = g_get_environ ();
  f->env = g_environ_setenv (f->env, "GO111MODULE", "off", TRUE);
  f->env = g_environ_setenv (f->env, "GOPATH", gopath, TRUE);
  f->env = g_environ_unsetenv (f->env, "GOFLAGS");
  f->hello = g_build_filename (f->tmp, "hello", NULL);
  f->hazards = g_build_filename (f->tmp, "hazards", NULL);
  f->stripped = g_build_filename (f->tmp, "hello-stripped", NULL);
  f->elfsyms = g_build_filename (f->tmp, "elfsyms", NULL);

  g_autofree char *hello_go = g_test_build_filename (G_TEST_DIST, "data", "go", "hello", "hello.go", NULL);
  g_autofree char *hazards_go = g_test_build_filename (G_TEST_DIST, "data", "hazards-go1.19.go", NULL);
  g_autofree char *elfsyms_go = g_test_build_filename (G_TEST_DIST, "data", "go", "elfsyms", "elfsyms.go", NULL);
  if (!go_build (f, "", f->hello, hello_go, &error)
      || !go_build (f, "", f->hazards, hazards_go, &error)
      || !go_build (f, "-s", f->stripped, hello_go, &error)
      || !go_build (f, "", f->elfsyms, elfsyms_go, &error))
    g_error ("go build with %s: %s", f->go, error->message);
  g_test_message ("built the fixtures with %s in %s", f->go, f->tmp);
  go_fixture = f;
  return f;
}

static const GoFixture *
go_or_skip (void)
{
  const GoFixture *f = go_get ();
  if (f == NULL)
    g_test_skip (go_missing);
  return f;
}

/* ---- independent readings ---------------------------------------------- */

typedef struct {
  guint64 size;
  char    type;
} NmSym;

/* `go tool nm -size`: "ADDR SIZE TYPE NAME"; name -> GArray of NmSym */
static GHashTable *
read_nm (const GoFixture *f, const char *binary, guint *n_defined)
{
  char *argv[] = { f->go, (char *) "tool", (char *) "nm", (char *) "-size", (char *) binary, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = run (argv, f->env, &error);
  g_assert_no_error (error);
  GHashTable *by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) g_array_unref);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

  *n_defined = 0;
  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint64 addr, size;
      char type;
      int name_at = 0;
      if (lines[i][0] == '\0')
        continue;
      g_assert_cmpint (sscanf (lines[i], "%" G_GINT64_MODIFIER "x %" G_GUINT64_FORMAT " %c %n",
                               &addr, &size, &type, &name_at), ==, 3);
      g_assert_cmpint (name_at, >, 0);
      if (strchr ("TtRrDdBb", type) == NULL)
        continue; /* U, and the file symbol "go.go" (_) */
      GArray *a = g_hash_table_lookup (by_name, lines[i] + name_at);
      if (a == NULL)
        {
          a = g_array_new (FALSE, FALSE, sizeof (NmSym));
          g_hash_table_insert (by_name, g_strdup (lines[i] + name_at), a);
        }
      NmSym s = { size, type };
      g_array_append_val (a, s);
      (*n_defined)++;
    }
  return by_name;
}

/* debug/elf's reading: "sym SECTION NOBITS SIZE NAME", "sec NAME NOBITS SIZE" */
static char **
read_debug_elf (const GoFixture *f, const char *binary)
{
  char *argv[] = { f->elfsyms, (char *) binary, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = run (argv, NULL, &error);
  g_assert_no_error (error);
  return g_strsplit (out, "\n", -1);
}

static DvSizes *
load_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  DvSizes *sizes = dv_sizes_load_path (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sizes);
  g_assert_cmpint (dv_sizes_get_source (sizes), ==, DV_SIZES_FROM_ELF);
  return sizes;
}

/* ---- tests --------------------------------------------------------------- */

/* Same names, sizes and letters as `go tool nm -size`, but that nm calls a
 * bss symbol D (it looks at the section's flags only) where we say B. */
static void
check_against_nm (const GoFixture *f, const char *binary)
{
  guint n_nm;
  g_autoptr(GHashTable) nm = read_nm (f, binary, &n_nm);
  g_autoptr(DvSizes) sizes = load_ok (binary);
  guint n = dv_sizes_get_n_entries (sizes), n_bss = 0;

  g_assert_cmpuint (n, ==, n_nm);
  for (guint i = 0; i < n; i++)
    {
      const DvSizeEntry *e = dv_sizes_get_entry (sizes, i);
      GArray *a = g_hash_table_lookup (nm, e->name);
      char expect = e->type;
      guint k;

      if (e->type == 'B' || e->type == 'b')
        {
          expect = e->type == 'B' ? 'D' : 'd';
          g_assert_cmpint (e->storage, ==, DV_STORAGE_MEMORY);
          n_bss++;
        }
      else
        g_assert_cmpint (e->storage, ==, DV_STORAGE_FILE);
      if (a == NULL)
        g_error ("%s: %s is not in go tool nm's output", binary, e->name);
      for (k = 0; k < a->len; k++)
        {
          NmSym *s = &g_array_index (a, NmSym, k);
          if (s->size == e->size && s->type == expect)
            break;
        }
      if (k == a->len)
        g_error ("%s: %s %c %" G_GUINT64_FORMAT " differs from go tool nm's", binary, e->name,
                 e->type, e->size);
      g_array_remove_index_fast (a, k); /* each nm line matches once */
    }
  g_assert_cmpuint (n_bss, >, 0);
  for (const char *s = "main.main\0fmt.Fprintln\0runtime.main\0"; *s; s += strlen (s) + 1)
    g_assert_true (g_hash_table_contains (nm, s));
}

/* the binary built from tests/data, by its field in GoFixture */
static void
test_matches_nm (gconstpointer binary_field)
{
  const GoFixture *f = go_or_skip ();
  if (f != NULL)
    check_against_nm (f, G_STRUCT_MEMBER (const char *, f, GPOINTER_TO_SIZE (binary_field)));
}

/* Storage follows the section: .bss, .noptrbss (and .tbss) are memory;
 * sections are the SHF_ALLOC ones; file bytes never exceed the file. */
static void
test_storage_and_sections (void)
{
  const GoFixture *f = go_or_skip ();
  if (f == NULL)
    return;
  g_autoptr(DvSizes) sizes = load_ok (f->hazards);
  g_auto(GStrv) lines = read_debug_elf (f, f->hazards);
  g_autoptr(GHashTable) storage = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) expected_sections = g_string_new (NULL);
  g_autoptr(GString) sections = g_string_new (NULL);
  guint64 file_size = dv_sizes_get_file_size (sizes), in_file = 0, in_memory = 0, noptrbss = 0;

  /* name -> 'm' in a bss section, 'f' in another, '?' both (a name twice) */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) w = g_strsplit (lines[i], " ", 5);
      if (g_strv_length (w) == 4 && strcmp (w[0], "sec") == 0)
        g_string_append_printf (expected_sections, "%s %s %s\n", w[1], w[2], w[3]);
      else if (g_strv_length (w) == 5 && strcmp (w[0], "sym") == 0)
        {
          gboolean bss = strcmp (w[1], ".bss") == 0 || strcmp (w[1], ".noptrbss") == 0
                         || strcmp (w[1], ".tbss") == 0;
          gpointer was = g_hash_table_lookup (storage, w[4]);
          gpointer now = GINT_TO_POINTER (bss ? 'm' : 'f');
          g_hash_table_insert (storage, g_strdup (w[4]),
                               was == NULL || was == now ? now : GINT_TO_POINTER ('?'));
          noptrbss += strcmp (w[1], ".noptrbss") == 0;
        }
    }
  g_assert_cmpuint (noptrbss, >, 0);

  for (guint i = 0; i < dv_sizes_get_n_sections (sizes); i++)
    {
      const DvSectionSize *s = dv_sizes_get_section (sizes, i);
      g_string_append_printf (sections, "%s %d %" G_GUINT64_FORMAT "\n", s->name, !s->in_file, s->size);
      if (s->in_file)
        in_file += s->size;
    }
  g_assert_cmpstr (sections->str, ==, expected_sections->str);
  g_assert_cmpuint (in_file, <=, file_size);

  guint64 file_symbols = 0;
  for (guint i = 0; i < dv_sizes_get_n_entries (sizes); i++)
    {
      const DvSizeEntry *e = dv_sizes_get_entry (sizes, i);
      int where = GPOINTER_TO_INT (g_hash_table_lookup (storage, e->name));

      g_assert_cmpint (where, !=, 0);
      if (where != '?')
        g_assert_cmpint (e->storage, ==, where == 'm' ? DV_STORAGE_MEMORY : DV_STORAGE_FILE);
      if (e->storage == DV_STORAGE_FILE)
        file_symbols += e->size;
      else
        in_memory += e->size;
    }
  g_assert_cmpuint (file_symbols, <=, file_size);
  g_assert_cmpuint (in_memory, >, 0);
  g_test_message ("%s: %" G_GUINT64_FORMAT " bytes; symbols: %" G_GUINT64_FORMAT " in the file, "
                  "%" G_GUINT64_FORMAT " in memory; allocated sections in the file: %" G_GUINT64_FORMAT,
                  f->hazards, file_size, file_symbols, in_memory, in_file);
}

static void
test_stripped_go (void)
{
  const GoFixture *f = go_or_skip ();
  g_autoptr(GError) error = NULL;
  if (f == NULL)
    return;
  g_autoptr(DvSizes) sizes = dv_sizes_load_path (f->stripped, NULL, &error);
  g_assert_null (sizes);
  g_assert_error (error, DV_SIZES_ERROR, DV_SIZES_ERROR_ELF);
  g_assert_nonnull (strstr (error->message, f->stripped));
  g_assert_nonnull (strstr (error->message, "stripped (built with -ldflags=-s?); give the unstripped binary"));
}

/* ---- without Go: cut from this test's own executable --------------------- */

static GBytes *
file_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data;
  gsize len;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static void
test_self (void)
{
  g_autoptr(DvSizes) sizes = load_ok ("/proc/self/exe");
  gboolean found = FALSE;

  for (guint i = 0; i < dv_sizes_get_n_entries (sizes); i++)
    {
      const DvSizeEntry *e = dv_sizes_get_entry (sizes, i);
      if (strcmp (e->name, "test_self") == 0)
        {
          found = TRUE;
          g_assert_cmpint (g_ascii_toupper (e->type), ==, 'T');
          g_assert_cmpuint (e->size, >, 0);
        }
    }
  g_assert_true (found);
}

/* Every cut of the file gives an error naming it, and never a crash. */
static void
test_truncated (void)
{
  g_autoptr(GBytes) self = file_bytes ("/proc/self/exe");
  gsize len;
  const char *data = g_bytes_get_data (self, &len);
  g_autofree char *tmp = g_dir_make_tmp ("dv-sizes-elf-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmp, "cut", NULL);
  gsize cuts[] = { 4, 16, 63, 64, 200, 4096, len / 3, len / 2, len - 4096, len - 1 };

  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_true (g_file_set_contents (path, data, (gssize) cuts[i], NULL));
      g_autoptr(DvSizes) sizes = dv_sizes_load_path (path, NULL, &error);
      g_assert_null (sizes);
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_null (strstr (error->message, "stripped"));
      g_test_message ("cut at %zu: %s", cuts[i], error->message);
    }
  g_unlink (path);
  g_rmdir (tmp);
}

/* A Go binary keeps its section headers at the front: a cut shows as a
 * section that runs past the end. */
static void
test_truncated_go (void)
{
  const GoFixture *f = go_or_skip ();
  g_autoptr(GError) error = NULL;
  gsize len;
  if (f == NULL)
    return;
  g_autoptr(GBytes) bytes = file_bytes (f->hello);
  const char *data = g_bytes_get_data (bytes, &len);
  g_autofree char *path = g_build_filename (f->tmp, "hello-cut", NULL);
  g_assert_true (g_file_set_contents (path, data, (gssize) (len / 2), NULL));
  g_autoptr(DvSizes) sizes = dv_sizes_load_path (path, NULL, &error);
  g_assert_null (sizes);
  g_assert_error (error, DV_SIZES_ERROR, DV_SIZES_ERROR_ELF);
  g_assert_nonnull (strstr (error->message, "truncated or corrupt ELF: section "));
  g_assert_nonnull (strstr (error->message, "past the end of the file"));
}

/* Bytes overwritten in the ELF header, the section header table (found
 * from the header's own fields, ELF64 little-endian) or anywhere: an error
 * naming the file or a reading, never a crash (valgrind and ASan see the
 * rest). */
static void
corrupt_rounds (GBytes *bytes, guint rounds)
{
  gsize len;
  const guint8 *orig = g_bytes_get_data (bytes, &len);
  g_autofree guint8 *data = g_memdup2 (orig, len);
  g_autofree char *tmp = g_dir_make_tmp ("dv-sizes-elf-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmp, "corrupt", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261202);
  guint64 shoff = 0;
  guint table_len;
  guint n_errors = 0;

  g_assert_cmpuint (len, >, 64);
  g_assert_cmpint (orig[4], ==, 2); /* ELFCLASS64 */
  g_assert_cmpint (orig[5], ==, 1); /* little-endian */
  for (int i = 7; i >= 0; i--)
    shoff = shoff << 8 | orig[0x28 + i];
  table_len = (guint) (orig[0x3a] | orig[0x3b] << 8) * (guint) (orig[0x3c] | orig[0x3d] << 8);
  g_assert_cmpuint (shoff + table_len, <=, len);

  for (guint round = 0; round < rounds; round++)
    {
      g_autoptr(GError) error = NULL;
      memcpy (data, orig, len);
      for (guint k = 0; k < 8; k++)
        {
          gsize at;
          switch (g_rand_int_range (rand, 0, 3))
            {
            case 0:  at = (gsize) g_rand_int_range (rand, 4, 64); break;
            case 1:  at = (gsize) shoff + (gsize) g_rand_int_range (rand, 0, (gint32) table_len); break;
            default: at = (gsize) g_rand_int_range (rand, 4, (gint32) len); break;
            }
          data[at] = (guint8) g_rand_int_range (rand, 0, 256);
        }
      g_assert_true (g_file_set_contents (path, (const char *) data, (gssize) len, NULL));
      g_autoptr(DvSizes) sizes = dv_sizes_load_path (path, NULL, &error);
      if (sizes == NULL)
        {
          g_assert_nonnull (error);
          g_assert_nonnull (strstr (error->message, path));
          n_errors++;
        }
    }
  g_test_message ("%u of %u corrupt copies were refused", n_errors, rounds);
  g_unlink (path);
  g_rmdir (tmp);
}

/* gcc puts the section headers at the end of the file */
static void
test_corrupt (void)
{
  g_autoptr(GBytes) self = file_bytes ("/proc/self/exe");
  corrupt_rounds (self, 300);
}

/* Go's linker puts them at the front */
static void
test_corrupt_go (void)
{
  const GoFixture *f = go_or_skip ();
  if (f == NULL)
    return;
  g_autoptr(GBytes) bytes = file_bytes (f->hello);
  corrupt_rounds (bytes, 150);
}

static void
remove_tree (const char *path)
{
  char *rm[] = { (char *) "rm", (char *) "-rf", (char *) path, NULL };

  g_spawn_sync (NULL, rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/graph/sizes-elf/self", test_self);
  g_test_add_func ("/graph/sizes-elf/truncated", test_truncated);
  g_test_add_func ("/graph/sizes-elf/corrupt", test_corrupt);
  g_test_add_data_func ("/graph/sizes-elf/hello-matches-nm",
                        GSIZE_TO_POINTER (G_STRUCT_OFFSET (GoFixture, hello)), test_matches_nm);
  g_test_add_data_func ("/graph/sizes-elf/hazards-matches-nm",
                        GSIZE_TO_POINTER (G_STRUCT_OFFSET (GoFixture, hazards)), test_matches_nm);
  g_test_add_func ("/graph/sizes-elf/storage-and-sections", test_storage_and_sections);
  g_test_add_func ("/graph/sizes-elf/stripped-go", test_stripped_go);
  g_test_add_func ("/graph/sizes-elf/truncated-go", test_truncated_go);
  g_test_add_func ("/graph/sizes-elf/corrupt-go", test_corrupt_go);
  int status = g_test_run ();
  if (go_fixture != NULL)
    remove_tree (go_fixture->tmp);
  return status;
}
