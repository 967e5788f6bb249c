/* test-hostile.c: the core on inputs made to hurt it. Each case ends in a
 * correct answer or in an error that names the file (and the line, where
 * there is one); the expected answers are read off the text written here. */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <zlib.h>

#include "dv-why.h"
#include "dv-memory.h"

#define MIB (1024u * 1024u)
/* The README: "A line with a NUL byte, or longer than 32 MiB, is such a line." */
#define README_MAX_LINE (32u * MIB)

/* ---- streams made up in the test ----------------------------------------- */

/* Pieces of text, each repeated; lets a test read a 100 MiB line without
 * holding it in memory. */
typedef struct
{
  GInputStream parent_instance;
  GPtrArray   *pieces;  /* GBytes */
  GArray      *repeats; /* guint64 */
  guint        piece;
  guint64      done;    /* repeats of the current piece already given */
  gsize        offset;  /* inside the current repeat */
} PatternStream;

typedef struct
{
  GInputStreamClass parent_class;
} PatternStreamClass;

GType pattern_stream_get_type (void);
G_DEFINE_TYPE (PatternStream, pattern_stream, G_TYPE_INPUT_STREAM)

static gssize
pattern_stream_read (GInputStream *stream, void *buffer, gsize count,
                     GCancellable *cancellable, GError **error)
{
  PatternStream *self = (PatternStream *) stream;
  gsize given = 0;

  while (given < count && self->piece < self->pieces->len)
    {
      gsize len;
      const char *data = g_bytes_get_data (g_ptr_array_index (self->pieces, self->piece), &len);
      guint64 repeats = g_array_index (self->repeats, guint64, self->piece);

      if (self->done >= repeats || len == 0)
        {
          self->piece++;
          self->done = 0;
          self->offset = 0;
          continue;
        }
      gsize n = MIN (count - given, len - self->offset);
      memcpy ((char *) buffer + given, data + self->offset, n);
      given += n;
      self->offset += n;
      if (self->offset == len)
        {
          self->offset = 0;
          self->done++;
        }
    }
  return (gssize) given;
}

static void
pattern_stream_finalize (GObject *object)
{
  PatternStream *self = (PatternStream *) object;

  g_ptr_array_unref (self->pieces);
  g_array_unref (self->repeats);
  G_OBJECT_CLASS (pattern_stream_parent_class)->finalize (object);
}

static void
pattern_stream_class_init (PatternStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pattern_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = pattern_stream_read;
}

static void
pattern_stream_init (PatternStream *self)
{
  self->pieces = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  self->repeats = g_array_new (FALSE, FALSE, sizeof (guint64));
}

static PatternStream *
pattern_stream_new (void)
{
  return g_object_new (pattern_stream_get_type (), NULL);
}

static void
pattern_add (PatternStream *s, const char *text, guint64 repeats)
{
  g_ptr_array_add (s->pieces, g_bytes_new (text, strlen (text)));
  g_array_append_val (s->repeats, repeats);
}

/* n copies of one byte, 64 KiB at a time */
static void
pattern_add_run (PatternStream *s, char c, guint64 n)
{
  char block[65536 + 1];

  memset (block, c, sizeof block - 1);
  block[sizeof block - 1] = '\0';
  pattern_add (s, block, n / 65536);
  block[n % 65536] = '\0';
  pattern_add (s, block, 1);
}

/* A stream that fails after a few lines, as a bad disk or a dropped network
 * mount does. */
typedef struct
{
  GInputStream parent_instance;
  guint        reads_left;
} FailingStream;

typedef struct
{
  GInputStreamClass parent_class;
} FailingStreamClass;

GType failing_stream_get_type (void);
G_DEFINE_TYPE (FailingStream, failing_stream, G_TYPE_INPUT_STREAM)

static gssize
failing_stream_read (GInputStream *stream, void *buffer, gsize count,
                     GCancellable *cancellable, GError **error)
{
  static const char line[] = "_ -> main.main\n";
  FailingStream *self = (FailingStream *) stream;

  if (self->reads_left == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Input/output error");
      return -1;
    }
  self->reads_left--;
  count = MIN (count, sizeof line - 1);
  memcpy (buffer, line, count);
  return (gssize) count;
}

static void
failing_stream_class_init (FailingStreamClass *klass)
{
  G_INPUT_STREAM_CLASS (klass)->read_fn = failing_stream_read;
}

static void
failing_stream_init (FailingStream *self)
{
  self->reads_left = 3;
}

/* ---- common steps --------------------------------------------------------- */

static DvGraph *
load_text (const char *text, gsize len, GError **error)
{
  return dv_graph_load_data (text, len, "hostile.txt", error);
}

/* As the programs load: with the limit DEPVIEW_MEMORY_LIMIT_MB or the
 * machine sets. */
static DvGraph *
load_text_budgeted (const char *text, gsize len, GError **error)
{
  DvLoadOptions options = { .memory_limit = dv_load_options_default_memory_limit () };

  return dv_graph_load_data_with_options (text, len, "hostile.txt", &options, error);
}

static DvSymbolId
find (DvGraph *graph, const char *name)
{
  return dv_graph_find_symbol (graph, name, -1);
}

/* The chain to name, as the names of its steps joined by " > ". */
static char *
chain_of (DvGraph *graph, const char *name)
{
  DvSymbolId id = find (graph, name);
  g_autoptr(GArray) chain = NULL;
  GString *out = g_string_new (NULL);

  if (id == DV_SYMBOL_NONE)
    return g_string_free (out, FALSE);
  chain = dv_why_symbol (graph, id);
  for (guint i = 0; chain && i < chain->len; i++)
    {
      if (i > 0)
        g_string_append (out, " > ");
      g_string_append (out, dv_graph_symbol_name (graph, g_array_index (chain, DvChainStep, i).symbol));
    }
  return g_string_free (out, FALSE);
}

static void
assert_chain (DvGraph *graph, const char *name, const char *expected)
{
  g_autofree char *chain = chain_of (graph, name);
  g_assert_cmpstr (chain, ==, expected);
}

static const DvProblem *
problem_on_line (DvGraph *graph, guint64 line)
{
  for (guint i = 0; i < dv_graph_get_n_problems (graph); i++)
    if (dv_graph_get_problem (graph, i)->line == line)
      return dv_graph_get_problem (graph, i);
  return NULL;
}

static GBytes *
gzip_bytes (const void *data, gsize len)
{
  z_stream z;
  gsize cap = compressBound ((uLong) len) + 64;
  guint8 *out = g_malloc (cap);

  memset (&z, 0, sizeof z);
  g_assert_cmpint (deflateInit2 (&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), ==, Z_OK);
  z.next_in = (Bytef *) data;
  z.avail_in = (uInt) len;
  z.next_out = out;
  z.avail_out = (uInt) cap;
  g_assert_cmpint (deflate (&z, Z_FINISH), ==, Z_STREAM_END);
  cap -= z.avail_out;
  deflateEnd (&z);
  return g_bytes_new_take (out, cap);
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static guint64
count_lines (const char *text, gsize len)
{
  guint64 n = 0;
  for (gsize i = 0; i < len; i++)
    n += text[i] == '\n';
  return n + (len > 0 && text[len - 1] != '\n');
}

/* A scratch folder that later tests do not see. */
static char *
scratch_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("depview-hostile-XXXXXX", &error);
  g_assert_no_error (error);
  /* other users (a test that drops root) must reach the files inside */
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  return dir;
}

static void
remove_scratch (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}

/* ---- a 100 MiB line ------------------------------------------------------ */

/* "_ -> a" / "a -> x…x" (a 100 MiB name) / "a -> b" / "b -> c" */
static GInputStream *
long_line_stream (guint64 name_len, gboolean final_newline)
{
  PatternStream *s = pattern_stream_new ();

  pattern_add (s, "_ -> a\na -> ", 1);
  pattern_add_run (s, 'x', name_len);
  pattern_add (s, "\na -> b\nb -> c", 1);
  if (final_newline)
    pattern_add (s, "\n", 1);
  return G_INPUT_STREAM (s);
}

static void
check_long_line_graph (DvGraph *graph, guint64 lines)
{
  const DvGraphStats *st = dv_graph_get_stats (graph);
  const DvProblem *p = problem_on_line (graph, 2);

  g_assert_nonnull (p);
  g_assert_nonnull (strstr (p->message, "longer than"));
  g_assert_true (g_str_has_prefix (p->excerpt, "a -> xxxx"));
  g_assert_cmpuint (strlen (p->excerpt), <, 1024);
  g_assert_cmpuint (st->lines, ==, lines);
  g_assert_cmpuint (st->unreadable_lines, ==, 1);
  g_assert_cmpuint (dv_graph_get_n_problems (graph), ==, 1);
  /* the lines after it are read as usual */
  assert_chain (graph, "c", "a > b > c");
  g_assert_cmpuint (dv_graph_get_n_symbols (graph), ==, 4); /* _ a b c */
  for (guint i = 0; i < dv_graph_get_n_symbols (graph); i++)
    g_assert_cmpuint (dv_graph_symbol_name_len (graph, i), <, 16);
}

static void
test_long_line_100mib (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) in = long_line_stream (100 * MIB, TRUE);
  g_autoptr(DvGraph) graph = dv_graph_load_stream (in, "long.txt", 0, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  check_long_line_graph (graph, 4);
}

static void
test_long_line_100mib_last (void)
{
  g_autoptr(GError) error = NULL;
  PatternStream *s = pattern_stream_new ();
  g_autoptr(GInputStream) in = G_INPUT_STREAM (s);
  g_autoptr(DvGraph) graph = NULL;

  /* the long line is the last one and has no newline */
  pattern_add (s, "_ -> a\na -> b\na -> ", 1);
  pattern_add_run (s, 'y', 100 * MIB);
  graph = dv_graph_load_stream (in, "long-last.txt", 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (problem_on_line (graph, 3));
  g_assert_cmpuint (dv_graph_get_stats (graph)->unreadable_lines, ==, 1);
  assert_chain (graph, "b", "a > b");
  g_assert_cmpuint (dv_graph_get_n_symbols (graph), ==, 3);
}

static void
test_long_line_100mib_gzip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) in = long_line_stream (100 * MIB, TRUE);
  g_autoptr(GByteArray) text = g_byte_array_new ();
  g_autoptr(GBytes) gz = NULL;
  g_autoptr(DvGraph) graph = NULL;
  char buf[65536];
  gssize r;

  while ((r = g_input_stream_read (in, buf, sizeof buf, NULL, NULL)) > 0)
    g_byte_array_append (text, (const guint8 *) buf, (guint) r);
  gz = gzip_bytes (text->data, text->len);
  g_test_message ("100 MiB line gzipped to %" G_GSIZE_FORMAT " bytes", g_bytes_get_size (gz));
  graph = dv_graph_load_data (g_bytes_get_data (gz, NULL), g_bytes_get_size (gz), "long.txt.gz", &error);
  g_assert_no_error (error);
  check_long_line_graph (graph, 4);
}

/* The README's limit, byte for byte: a line of 32 MiB is read, one byte
 * more is not. */
static void
test_long_line_limit (void)
{
  static const gsize lens[] = { README_MAX_LINE, README_MAX_LINE + 1 };

  for (guint i = 0; i < G_N_ELEMENTS (lens); i++)
    {
      g_autoptr(GError) error = NULL;
      /* the line is "a -> " and a name: 5 bytes of it are not the name */
      g_autoptr(GInputStream) in = long_line_stream (lens[i] - 5, TRUE);
      g_autoptr(DvGraph) graph = dv_graph_load_stream (in, "limit.txt", 0, NULL, NULL, NULL, &error);
      gboolean kept = FALSE;

      g_assert_no_error (error);
      for (guint id = 0; id < dv_graph_get_n_symbols (graph); id++)
        kept |= dv_graph_symbol_name_len (graph, id) == lens[i] - 5;
      g_assert_cmpint (kept, ==, lens[i] <= README_MAX_LINE);
      g_assert_cmpuint (dv_graph_get_stats (graph)->unreadable_lines, ==, lens[i] > README_MAX_LINE);
      assert_chain (graph, "c", "a > b > c");
    }
}

/* ---- NUL bytes ------------------------------------------------------------ */

static void
test_nul_mid_name (void)
{
  static const char text[] = "_ -> a\na -> fmt.Fpr\0intln\na -> b\nb -> c\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = load_text (text, sizeof text - 1, &error);
  const DvProblem *p;

  g_assert_no_error (error);
  p = problem_on_line (graph, 2);
  g_assert_nonnull (p);
  /* "a -> fmt.Fpr" is 12 bytes: the NUL is column 13 */
  g_assert_nonnull (strstr (p->message, "NUL"));
  g_assert_nonnull (strstr (p->message, "column 13"));
  g_assert_true (g_utf8_validate (p->excerpt, -1, NULL));
  g_assert_cmpuint (dv_graph_get_stats (graph)->unreadable_lines, ==, 1);
  /* neither half becomes a symbol, and the line after is read */
  g_assert_cmpuint (find (graph, "fmt.Fpr"), ==, DV_SYMBOL_NONE);
  g_assert_cmpuint (find (graph, "fmt.Fprintln"), ==, DV_SYMBOL_NONE);
  g_assert_cmpuint (find (graph, "intln"), ==, DV_SYMBOL_NONE);
  assert_chain (graph, "c", "a > b > c");
}

static void
test_nul_in_parent_and_continuation (void)
{
  /* line 2: NUL in the parent; line 4: NUL in the second line of a
   * struct tag with a raw newline */
  static const char text[] = "_ -> a\nx\0y -> b\na -> type..namedata.T.k\n"
                             "v\0w\na -> c\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = load_text (text, sizeof text - 1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (problem_on_line (graph, 2));
  g_assert_nonnull (problem_on_line (graph, 4));
  g_assert_cmpuint (dv_graph_get_stats (graph)->unreadable_lines, ==, 2);
  g_assert_cmpuint (find (graph, "b"), ==, DV_SYMBOL_NONE);
  g_assert_cmpuint (find (graph, "y"), ==, DV_SYMBOL_NONE);
  assert_chain (graph, "c", "a > c");
  for (guint id = 0; id < dv_graph_get_n_symbols (graph); id++)
    g_assert_null (memchr (dv_graph_symbol_name (graph, id), 'w', dv_graph_symbol_name_len (graph, id)));
}

/* ---- gzip ----------------------------------------------------------------- */

static GBytes *
hello_text (void)
{
  g_autofree char *path = fixture_path ("hello-go1.19.deps.txt");
  g_autoptr(GError) error = NULL;
  char *data;
  gsize len;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static void
assert_corrupt (const void *data, gsize len, const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = dv_graph_load_data (data, len, "broken.txt.gz", &error);

  g_test_message ("%s: %s", what, error ? error->message : "(loaded)");
  g_assert_null (graph);
  g_assert_error (error, DV_GRAPH_ERROR, DV_GRAPH_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "broken.txt.gz"));
}

static void
test_gzip_truncated_everywhere (void)
{
  g_autoptr(GBytes) text = hello_text ();
  g_autoptr(GBytes) gz = gzip_bytes (g_bytes_get_data (text, NULL), g_bytes_get_size (text));
  gsize len;
  const guint8 *data = g_bytes_get_data (gz, &len);

  /* the magic alone, the header, cuts through the deflate data, and the
   * trailer without its last byte */
  gsize cuts[] = { 2, 10, 11, len / 4, len / 2, len - 9, len - 8, len - 4, len - 1 };
  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_autofree char *what = g_strdup_printf ("cut after %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT
                                               " bytes", cuts[i], len);
      assert_corrupt (data, cuts[i], what);
    }
}

static void
test_gzip_bad_checksum (void)
{
  g_autoptr(GBytes) text = hello_text ();
  g_autoptr(GBytes) gz = gzip_bytes (g_bytes_get_data (text, NULL), g_bytes_get_size (text));
  gsize len;
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (gz, &len), g_bytes_get_size (gz));

  /* the CRC-32 of the trailer: the text inflates, but is not what was packed */
  data[len - 8] ^= 0xff;
  assert_corrupt (data, len, "wrong CRC");
  data[len - 8] ^= 0xff;
  /* the length in the trailer */
  data[len - 2] ^= 0x01;
  assert_corrupt (data, len, "wrong length");
}

static void
test_gzip_garbage_after (void)
{
  g_autoptr(GBytes) text = hello_text ();
  g_autoptr(GBytes) gz = gzip_bytes (g_bytes_get_data (text, NULL), g_bytes_get_size (text));
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = NULL;

  g_byte_array_append (data, g_bytes_get_data (gz, NULL), (guint) g_bytes_get_size (gz));
  g_byte_array_append (data, (const guint8 *) "this is not gzip\n", 17);
  graph = dv_graph_load_data (data->data, data->len, "garbage.txt.gz", &error);
  /* a clear error, or the dump read in full */
  if (graph == NULL)
    {
      g_assert_error (error, DV_GRAPH_ERROR, DV_GRAPH_ERROR_CORRUPT);
      g_assert_nonnull (strstr (error->message, "garbage.txt.gz"));
    }
  else
    {
      g_assert_cmpuint (dv_graph_get_stats (graph)->lines, ==,
                        count_lines (g_bytes_get_data (text, NULL), g_bytes_get_size (text)));
      assert_chain (graph, "fmt.Fprintln", "_rt0_amd64_linux > _rt0_amd64 > runtime.rt0_go > "
                    "runtime.mainPC > runtime.main > runtime.main_main·f > main.main > fmt.Fprintln");
    }
}

static void
test_gzip_empty_and_not_a_dump (void)
{
  g_autoptr(GBytes) empty = gzip_bytes ("", 0);
  static const char go_source[] = "package main\n\nfunc main() {}\n";
  g_autoptr(GBytes) source = gzip_bytes (go_source, strlen (go_source));
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(DvGraph) g1 = dv_graph_load_data (g_bytes_get_data (empty, NULL), g_bytes_get_size (empty),
                                              "empty.txt.gz", &e1);
  g_autoptr(DvGraph) g2 = dv_graph_load_data (g_bytes_get_data (source, NULL), g_bytes_get_size (source),
                                              "main.go.gz", &e2);

  g_assert_null (g1);
  g_assert_null (g2);
  g_assert_error (e1, DV_GRAPH_ERROR, DV_GRAPH_ERROR_EMPTY);
  g_assert_nonnull (strstr (e1->message, "empty.txt.gz"));
  g_assert_error (e2, DV_GRAPH_ERROR, DV_GRAPH_ERROR_NOT_A_DUMP);
  g_assert_nonnull (strstr (e2->message, "main.go.gz"));
  g_assert_nonnull (strstr (e2->message, "Go source"));
}

/* A large gzip of one repeated line: small on disk, large inflated. The
 * load must end with the right answer. */
static void
test_gzip_repeated_line (void)
{
  const guint64 repeats = 4 * 1000 * 1000;
  PatternStream *s = pattern_stream_new ();
  g_autoptr(GInputStream) in = G_INPUT_STREAM (s);
  g_autoptr(GByteArray) text = g_byte_array_new ();
  g_autoptr(GBytes) gz = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = NULL;
  char buf[65536];
  gssize r;

  pattern_add (s, "_ -> main.main\n", 1);
  pattern_add (s, "main.main -> fmt.Println\n", repeats);
  while ((r = g_input_stream_read (in, buf, sizeof buf, NULL, NULL)) > 0)
    g_byte_array_append (text, (const guint8 *) buf, (guint) r);
  gz = gzip_bytes (text->data, text->len);
  g_test_message ("%u bytes of text in %" G_GSIZE_FORMAT " bytes of gzip", text->len,
                  g_bytes_get_size (gz));
  graph = dv_graph_load_data (g_bytes_get_data (gz, NULL), g_bytes_get_size (gz), "repeat.txt.gz", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dv_graph_get_stats (graph)->lines, ==, repeats + 1);
  g_assert_cmpuint (dv_graph_get_stats (graph)->symbols, ==, 2);
  assert_chain (graph, "fmt.Println", "main.main > fmt.Println");
}

/* ---- files that cannot be read -------------------------------------------- */

static void
assert_file_error (const char *path, GQuark domain, gint code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = dv_graph_load_path (path, NULL, &error);

  g_assert_null (graph);
  g_assert_nonnull (error);
  g_test_message ("%s: %s", path, error->message);
  g_assert_error (error, domain, code);
  g_assert_nonnull (strstr (error->message, path));
}

static void
test_file_directory (void)
{
  g_autofree char *dir = scratch_dir ();
  assert_file_error (dir, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  remove_scratch (dir);
}

static void
test_file_missing (void)
{
  g_autofree char *dir = scratch_dir ();
  g_autofree char *path = g_build_filename (dir, "no-such-deps.txt", NULL);
  assert_file_error (path, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  remove_scratch (dir);
}

static void
test_file_symlink_loop (void)
{
  g_autofree char *dir = scratch_dir ();
  g_autofree char *a = g_build_filename (dir, "a.txt", NULL);
  g_autofree char *b = g_build_filename (dir, "b.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = NULL;

  g_assert_cmpint (symlink (b, a), ==, 0);
  g_assert_cmpint (symlink (a, b), ==, 0);
  graph = dv_graph_load_path (a, NULL, &error);
  g_assert_null (graph);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, a));
  remove_scratch (dir);
}

static void
test_file_unreadable (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *marker = NULL;
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      /* Root reads any file: drop to "nobody", where the mode bits apply */
      const char *target = g_getenv ("DV_HOSTILE_UNREADABLE");
      if (setgroups (0, NULL) != 0 || setgid (65534) != 0 || setuid (65534) != 0)
        {
          g_file_set_contents (g_getenv ("DV_HOSTILE_MARKER"), g_strerror (errno), -1, NULL);
          return;
        }
      assert_file_error (target, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
      return;
    }

  dir = scratch_dir ();
  path = g_build_filename (dir, "secret-deps.txt", NULL);
  marker = g_build_filename (dir, "cannot-drop-root", NULL);
  g_file_set_contents (path, "_ -> main.main\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0), ==, 0);

  if (getuid () != 0)
    assert_file_error (path, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  else
    {
      g_setenv ("DV_HOSTILE_UNREADABLE", path, TRUE);
      g_setenv ("DV_HOSTILE_MARKER", marker, TRUE);
      g_test_trap_subprocess (NULL, 0, 0);
      g_test_trap_assert_passed ();
      if (g_file_test (marker, G_FILE_TEST_EXISTS))
        g_test_skip ("running as root, and the test cannot drop to uid 65534: "
                     "permission bits do not stop root, so this case is not shown here");
    }
  remove_scratch (dir);
}

/* A read error half-way: the message says which input failed. */
static void
test_read_error (void)
{
  g_autoptr(GInputStream) in = g_object_new (failing_stream_get_type (), NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = dv_graph_load_stream (in, "flaky-deps.txt", 0, NULL, NULL, NULL, &error);

  g_assert_null (graph);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Input/output error"));
  g_assert_nonnull (strstr (error->message, "flaky-deps.txt"));
}

static void
test_file_special (void)
{
  /* /dev/null: empty; /dev/zero: endless NUL bytes, told apart in a few MiB */
  assert_file_error ("/dev/null", DV_GRAPH_ERROR, DV_GRAPH_ERROR_EMPTY);
  if (g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
    assert_file_error ("/dev/zero", DV_GRAPH_ERROR, DV_GRAPH_ERROR_NOT_A_DUMP);
}

/* ---- files that change while they are read ---------------------------------- */

/* Text of n lines in a chain under the root: "_ -> p.f0", "p.f0 -> p.f1", ... */
static char *
chain_text (const char *pkg, guint from, guint n, gsize *len)
{
  GString *s = g_string_new (NULL);

  for (guint i = from; i < from + n; i++)
    {
      if (i == 0)
        g_string_append_printf (s, "_ -> %s.f0\n", pkg);
      else
        g_string_append_printf (s, "%s.f%u -> %s.f%u\n", pkg, i - 1, pkg, i);
    }
  *len = s->len;
  return g_string_free (s, FALSE);
}

typedef struct
{
  const char *path;
  const char *tmp;
  guint       calls;
  guint       appended_lines;
  gboolean    partial;    /* end the appended text mid-line */
  gboolean    replace;    /* write new content over the file (rename) */
  gboolean    rewrite;    /* truncate the file and write new content into it */
  guint64     changed_at; /* bytes read when the file changed */
  guint64     size;       /* its size when it was opened */
} Change;

static void
change_file_cb (guint64 bytes_read, guint64 bytes_total, gpointer user_data)
{
  Change *c = user_data;
  g_autoptr(GError) error = NULL;

  if (c->calls++ > 0)
    return;
  c->changed_at = bytes_read;
  c->size = bytes_total;
  if (c->replace || c->rewrite)
    {
      gsize len;
      g_autofree char *text = chain_text ("new", 0, 1000, &len);
      if (c->replace)
        {
          g_file_set_contents (c->tmp, text, (gssize) len, &error);
          g_assert_no_error (error);
          g_assert_cmpint (g_rename (c->tmp, c->path), ==, 0);
        }
      else
        {
          FILE *f = fopen (c->path, "w");
          g_assert_nonnull (f);
          g_assert_cmpuint (fwrite (text, 1, len, f), ==, len);
          fclose (f);
        }
      return;
    }
  /* the writer (go build 2>deps.txt) goes on */
  gsize len;
  g_autofree char *more = chain_text ("old", 300000, c->appended_lines, &len);
  FILE *f = fopen (c->path, "a");
  g_assert_nonnull (f);
  if (c->partial)
    len -= 3;
  g_assert_cmpuint (fwrite (more, 1, len, f), ==, len);
  fclose (f);
}

/* 300,000 lines, about 7 MB: more than one read. */
static char *
write_old_file (const char *dir, guint64 *lines)
{
  char *path = g_build_filename (dir, "deps.txt", NULL);
  gsize len;
  g_autofree char *text = chain_text ("old", 0, 300000, &len);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, (gssize) len, &error);
  g_assert_no_error (error);
  *lines = 300000;
  return path;
}

/* Loads the file and changes it after the first read (the first progress
 * call): mid-read, which the test checks, as progress comes every MiB. */
static DvGraph *
load_while_changing (Change *c, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (c->path);
  DvGraph *graph = dv_graph_load_file (file, change_file_cb, c, NULL, error);

  g_assert_cmpuint (c->calls, >=, 1);
  g_assert_cmpuint (c->changed_at, >, 0);
  g_assert_cmpuint (c->changed_at, <, c->size);
  return graph;
}

static void
test_file_growing (void)
{
  g_autofree char *dir = scratch_dir ();
  guint64 old_lines;
  g_autofree char *path = write_old_file (dir, &old_lines);
  Change c = { path, NULL, 0, 1000, FALSE, FALSE, FALSE, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = load_while_changing (&c, &error);
  guint64 lines;

  if (graph == NULL)
    {
      /* refusing a file that changed while it was read is fine, if it says so */
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, path));
      remove_scratch (dir);
      return;
    }
  lines = dv_graph_get_stats (graph)->lines;
  g_test_message ("read %" G_GUINT64_FORMAT " lines of %" G_GUINT64_FORMAT " (+%u appended)",
                  lines, old_lines, c.appended_lines);
  /* the file as it was, or as it became: whole lines either way */
  g_assert_true (lines == old_lines || lines == old_lines + c.appended_lines);
  g_assert_cmpuint (dv_graph_get_stats (graph)->unreadable_lines, ==, 0);
  g_assert_cmpuint (dv_graph_get_stats (graph)->symbols, ==, lines);
  g_assert_cmpuint (dv_why_symbol_depth (graph, find (graph, "old.f299999")), ==, 300000);
  if (lines > old_lines)
    g_assert_cmpuint (dv_why_symbol_depth (graph, find (graph, "old.f300999")), ==, 301000);
  remove_scratch (dir);
}

static void
test_file_growing_mid_line (void)
{
  g_autofree char *dir = scratch_dir ();
  guint64 old_lines;
  g_autofree char *path = write_old_file (dir, &old_lines);
  Change c = { path, NULL, 0, 10, TRUE, FALSE, FALSE, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = load_while_changing (&c, &error);

  /* The writer stopped in the middle of "old.f300008 -> old.f300009": the
   * last name read is cut. Every whole line is still right, or the file is
   * refused with its name. */
  if (graph == NULL)
    {
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, path));
      remove_scratch (dir);
      return;
    }
  g_assert_cmpuint (dv_why_symbol_depth (graph, find (graph, "old.f299999")), ==, 300000);
  g_assert_cmpuint (dv_why_symbol_depth (graph, find (graph, "old.f300008")), ==, 300009);
  g_assert_cmpuint (find (graph, "old.f300009"), ==, DV_SYMBOL_NONE);
  remove_scratch (dir);
}

static void
test_file_replaced (void)
{
  g_autofree char *dir = scratch_dir ();
  guint64 old_lines;
  g_autofree char *path = write_old_file (dir, &old_lines);
  g_autofree char *tmp = g_build_filename (dir, "deps.txt.new", NULL);
  Change c = { path, tmp, 0, 0, FALSE, TRUE, FALSE, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = load_while_changing (&c, &error);

  if (graph == NULL)
    {
      /* a clear error that names the file */
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, path));
    }
  else if (find (graph, "old.f0") != DV_SYMBOL_NONE)
    {
      /* the old content, all of it, and nothing of the new */
      g_assert_cmpuint (dv_graph_get_stats (graph)->lines, ==, old_lines);
      g_assert_cmpuint (dv_why_symbol_depth (graph, find (graph, "old.f299999")), ==, 300000);
      g_assert_cmpuint (find (graph, "new.f0"), ==, DV_SYMBOL_NONE);
    }
  else
    {
      g_assert_cmpuint (dv_graph_get_stats (graph)->lines, ==, 1000);
      g_assert_cmpuint (dv_why_symbol_depth (graph, find (graph, "new.f999")), ==, 1000);
    }
  remove_scratch (dir);
}

/* Rewritten in place (">deps.txt" again while it is read): the reader
 * holds the same file, so what it reads after that point is the new text.
 * The answer must be the old file's, the new file's, or an error. */
static void
test_file_rewritten_in_place (void)
{
  g_autofree char *dir = scratch_dir ();
  guint64 old_lines;
  g_autofree char *path = write_old_file (dir, &old_lines);
  Change c = { path, NULL, 0, 0, FALSE, FALSE, TRUE, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = load_while_changing (&c, &error);

  if (graph == NULL)
    {
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, path));
    }
  else
    {
      guint64 lines = dv_graph_get_stats (graph)->lines;
      g_test_message ("read %" G_GUINT64_FORMAT " lines; the old file had %" G_GUINT64_FORMAT
                      ", the new one 1000", lines, old_lines);
      if (find (graph, "old.f0") != DV_SYMBOL_NONE)
        {
          g_assert_cmpuint (lines, ==, old_lines);
          g_assert_cmpuint (find (graph, "new.f0"), ==, DV_SYMBOL_NONE);
        }
      else
        g_assert_cmpuint (lines, ==, 1000);
    }
  remove_scratch (dir);
}

/* ---- shapes that grow deep ----------------------------------------------------- */

/* A dump larger than the memory there is stops with a message naming the
 * file and the line it reached, rather than being killed half-way. The
 * budget is lowered to 40 MB for the test; 600,000 lines need more. */
static void
test_memory_budget (void)
{
  gsize len;
  g_autofree char *text = chain_text ("big", 0, 600000, &len);
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = NULL;

  g_setenv ("DEPVIEW_MEMORY_LIMIT_MB", "40", TRUE);
  graph = load_text_budgeted (text, len, &error);
  g_unsetenv ("DEPVIEW_MEMORY_LIMIT_MB");
  g_assert_null (graph);
  g_assert_error (error, DV_GRAPH_ERROR, DV_GRAPH_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "hostile.txt"));
  g_assert_nonnull (strstr (error->message, "40 MB"));
  g_assert_nonnull (strstr (error->message, "line"));

  /* the same text loads with the machine's own budget */
  g_clear_error (&error);
  graph = load_text_budgeted (text, len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dv_graph_get_stats (graph)->dep_edges, ==, 600000);
}

static void
test_deep_chain (void)
{
  const guint n = 1000000;
  gsize len;
  g_autofree char *text = chain_text ("deep", 0, n, &len);
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = load_text (text, len, &error);
  g_autofree char *last = g_strdup_printf ("deep.f%u", n - 1);
  DvSymbolId id;
  g_autoptr(GArray) chain = NULL;
  g_autoptr(GArray) up = NULL;

  g_assert_no_error (error);
  id = find (graph, last);
  g_assert_cmpuint (id, !=, DV_SYMBOL_NONE);
  chain = dv_why_symbol (graph, id);
  g_assert_cmpuint (chain->len, ==, n);
  g_assert_cmpstr (dv_graph_symbol_name (graph, g_array_index (chain, DvChainStep, 0).symbol), ==, "deep.f0");

  /* the same chain without its root line: a million known ancestors */
  g_autoptr(DvGraph) cut = load_text (strchr (text, '\n') + 1, len - (gsize) (strchr (text, '\n') + 1 - text), &error);
  g_assert_no_error (error);
  id = find (cut, last);
  g_assert_false (dv_why_symbol_reachable (cut, id));
  up = dv_known_ancestors (cut, id);
  g_assert_cmpuint (up->len, ==, n - 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/robust/long-line/100-mib", test_long_line_100mib);
  g_test_add_func ("/robust/long-line/100-mib-last-no-newline", test_long_line_100mib_last);
  g_test_add_func ("/robust/long-line/100-mib-gzip", test_long_line_100mib_gzip);
  g_test_add_func ("/robust/long-line/readme-limit", test_long_line_limit);
  g_test_add_func ("/robust/nul/mid-name", test_nul_mid_name);
  g_test_add_func ("/robust/nul/parent-and-continuation", test_nul_in_parent_and_continuation);
  g_test_add_func ("/robust/gzip/truncated-everywhere", test_gzip_truncated_everywhere);
  g_test_add_func ("/robust/gzip/bad-checksum", test_gzip_bad_checksum);
  g_test_add_func ("/robust/gzip/garbage-after", test_gzip_garbage_after);
  g_test_add_func ("/robust/gzip/empty-and-not-a-dump", test_gzip_empty_and_not_a_dump);
  g_test_add_func ("/robust/gzip/repeated-line", test_gzip_repeated_line);
  g_test_add_func ("/robust/file/directory", test_file_directory);
  g_test_add_func ("/robust/file/missing", test_file_missing);
  g_test_add_func ("/robust/file/symlink-loop", test_file_symlink_loop);
  g_test_add_func ("/robust/file/unreadable", test_file_unreadable);
  g_test_add_func ("/robust/file/special", test_file_special);
  g_test_add_func ("/robust/file/growing", test_file_growing);
  g_test_add_func ("/robust/file/growing-mid-line", test_file_growing_mid_line);
  g_test_add_func ("/robust/file/replaced-mid-read", test_file_replaced);
  g_test_add_func ("/robust/shape/deep-chain", test_deep_chain);
  g_test_add_func ("/robust/memory/budget", test_memory_budget);
  /* last: a failure here stops the program */
  g_test_add_func ("/robust/file/read-error", test_read_error);
  g_test_add_func ("/robust/file/rewritten-in-place", test_file_rewritten_in_place);

  return g_test_run ();
}
