/* dv-build.c: go build with the dump and the sizes captured.
 *
 * go build relays each action's output on stderr behind a "# import/path"
 * line: the linker's (the dump) and the compiler's (errors) alike. A
 * section is the dump when a root line "_ -> ..." comes in it (the linker
 * prints the roots first); every other line is the user's to read, and is
 * passed on as it comes. A cached build replays the same output, dump
 * included (checked with Go 1.26), so no -a is needed. */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "dv-build.h"

/* A section still without a root line after this many lines is messages. */
#define MAX_PENDING_LINES 200
/* Lines of a dump section kept to show when the link fails. */
#define MAX_ODD_LINES 20

void
dv_build_request_init (DvBuildRequest *request)
{
  memset (request, 0, sizeof *request);
  request->ldflags = g_ptr_array_new_with_free_func (g_free);
  request->flags = g_ptr_array_new_with_free_func (g_free);
  request->packages = g_ptr_array_new_with_free_func (g_free);
}

void
dv_build_request_clear (DvBuildRequest *request)
{
  g_clear_pointer (&request->go, g_free);
  g_clear_pointer (&request->dir, g_free);
  g_clear_pointer (&request->chdir, g_free);
  g_clear_pointer (&request->ldflags, g_ptr_array_unref);
  g_clear_pointer (&request->flags, g_ptr_array_unref);
  g_clear_pointer (&request->packages, g_ptr_array_unref);
}

void
dv_build_request_add_goflags (DvBuildRequest *request, const char *goflags)
{
  g_auto(GStrv) words = NULL;

  if (goflags == NULL)
    return;
  words = g_strsplit_set (goflags, " \t\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *w = words[i];
      if (g_str_has_prefix (w, "--"))
        w++;
      if (g_str_has_prefix (w, "-ldflags="))
        g_ptr_array_insert (request->ldflags, 0, g_strdup (w + strlen ("-ldflags=")));
    }
}

char *
dv_build_binary_name (const DvBuildRequest *a)
{
  const char *first = a->packages->len ? g_ptr_array_index (a->packages, 0) : ".";
  g_autofree char *trimmed = g_strdup (first);
  g_autofree char *base = NULL;
  gsize n = strlen (trimmed);

  while (n > 1 && trimmed[n - 1] == '/')
    trimmed[--n] = '\0';
  if (strcmp (trimmed, ".") == 0 || strcmp (trimmed, "..") == 0)
    {
      g_autofree char *cwd = g_get_current_dir ();
      g_autofree char *dir = g_canonicalize_filename (a->chdir ? a->chdir : ".", cwd);
      g_autofree char *path = g_canonicalize_filename (trimmed, dir);
      base = g_path_get_basename (path);
    }
  else
    base = g_path_get_basename (trimmed);
  if (g_str_has_suffix (base, ".go") && strlen (base) > 3)
    base[strlen (base) - 3] = '\0';
  if (strstr (trimmed, "...") != NULL || strcmp (base, "/") == 0)
    {
      g_free (base);
      base = g_strdup ("app");
    }
  return g_strconcat (base, g_strcmp0 (g_getenv ("GOOS"), "windows") == 0 ? ".exe" : "", NULL);
}

/* "value -dumpdep -c": ours after theirs, in the same -ldflags, since the
 * last -ldflags that matches a package is the one go build uses. A
 * pattern ("all=-s") keeps its pattern. */
static char *
merge_ldflags (const char *theirs)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (theirs));

  if (trimmed[0] == '\0')
    return g_strdup (DV_BUILD_DUMP_LDFLAGS);
  return g_strconcat (trimmed, " " DV_BUILD_DUMP_LDFLAGS, NULL);
}

char **
dv_build_argv (const DvBuildRequest *a, const char *go, const char *binary)
{
  GPtrArray *v = g_ptr_array_new ();

  g_ptr_array_add (v, g_strdup (go));
  g_ptr_array_add (v, g_strdup ("build"));
  if (a->chdir != NULL)
    g_ptr_array_add (v, g_strdup_printf ("-C=%s", a->chdir));
  g_ptr_array_add (v, g_strdup ("-o"));
  g_ptr_array_add (v, g_strdup (binary));
  g_ptr_array_add (v, g_strdup ("-ldflags=" DV_BUILD_DUMP_LDFLAGS));
  for (guint i = 0; i < a->ldflags->len; i++)
    {
      g_autofree char *merged = merge_ldflags (g_ptr_array_index (a->ldflags, i));
      g_ptr_array_add (v, g_strdup_printf ("-ldflags=%s", merged));
    }
  for (guint i = 0; i < a->flags->len; i++)
    g_ptr_array_add (v, g_strdup (g_ptr_array_index (a->flags, i)));
  if (a->packages->len > 0)
    g_ptr_array_add (v, g_strdup ("--"));
  for (guint i = 0; i < a->packages->len; i++)
    g_ptr_array_add (v, g_strdup (g_ptr_array_index (a->packages, i)));
  g_ptr_array_add (v, NULL);
  return (char **) g_ptr_array_free (v, FALSE);
}

char *
dv_build_find_go (GError **error)
{
  const char *env = g_getenv ("GO");
  char *go;

  if (env != NULL && env[0] != '\0')
    {
      go = g_find_program_in_path (env);
      if (go == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     "GO=%s is not a command that can be run", env);
      return go;
    }
  go = g_find_program_in_path ("go");
  if (go == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                         "no “go” command on PATH: install Go, or set GO to the go command to use");
  return go;
}

/* ---- reading go build's stderr ------------------------------------------ */

typedef enum {
  SECTION_NONE,     /* before any "# ..." line: go's own messages */
  SECTION_PENDING,  /* a section that has not yet shown what it is */
  SECTION_DUMP,     /* the linker's dump */
  SECTION_MESSAGES, /* a compiler's (or other tool's) messages */
} SectionState;

typedef struct {
  DvBuildMessageFunc message;
  gpointer       user_data;
  GOutputStream *dump;
  GError        *write_error;
  SectionState   state;
  GPtrArray     *pending;    /* the section's lines so far, header first */
  guint64        dump_lines;
  guint          n_dumps;
  GPtrArray     *odd;        /* dump-section lines not shaped like dump lines */
  guint64        n_odd;
} Capture;

static void
write_dump_line (Capture *c, const char *line, gsize len)
{
  if (c->write_error != NULL)
    return;
  if (!g_output_stream_write_all (c->dump, line, len, NULL, NULL, &c->write_error)
      || !g_output_stream_write_all (c->dump, "\n", 1, NULL, NULL, &c->write_error))
    return;
  c->dump_lines++;
}

static void
show_pending (Capture *c, guint from)
{
  for (guint i = from; i < c->pending->len; i++)
    c->message (g_ptr_array_index (c->pending, i), c->user_data);
  g_ptr_array_set_size (c->pending, 0);
}

static void
end_section (Capture *c)
{
  if (c->state == SECTION_PENDING)
    show_pending (c, 0);
  c->state = SECTION_NONE;
}

/* "A -> B", "A calls B", "textsize=123": what the linker prints */
static gboolean
is_dump_shaped (const char *line)
{
  const char *p = line;

  if (strstr (line, " -> ") != NULL || strstr (line, " calls ") != NULL)
    return TRUE;
  while (g_ascii_islower (*p) || *p == '_')
    p++;
  if (p == line || *p++ != '=' || !g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  return *p == '\0';
}

static void
capture_line (Capture *c, char *line, gsize len)
{
  if (g_str_has_prefix (line, "# "))
    {
      end_section (c);
      c->state = SECTION_PENDING;
      g_ptr_array_add (c->pending, line);
      return;
    }
  switch (c->state)
    {
    case SECTION_PENDING:
      if (g_str_has_prefix (line, "_ -> "))
        {
          const char *header = g_ptr_array_index (c->pending, 0);
          write_dump_line (c, header, strlen (header));
          show_pending (c, 1); /* the linker's warnings before its dump */
          c->state = SECTION_DUMP;
          c->n_dumps++;
          write_dump_line (c, line, len);
          g_free (line);
          return;
        }
      g_ptr_array_add (c->pending, line);
      if (c->pending->len > MAX_PENDING_LINES)
        {
          show_pending (c, 0);
          c->state = SECTION_MESSAGES;
        }
      return;
    case SECTION_DUMP:
      write_dump_line (c, line, len);
      if (!is_dump_shaped (line))
        {
          c->n_odd++;
          if (c->odd->len < MAX_ODD_LINES)
            {
              g_ptr_array_add (c->odd, line);
              return;
            }
        }
      g_free (line);
      return;
    case SECTION_NONE:
    case SECTION_MESSAGES:
    default:
      c->message (line, c->user_data);
      g_free (line);
      return;
    }
}

static GOutputStream *
open_gzip (const char *path, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  g_autoptr(GZlibCompressor) z = NULL;
  g_autoptr(GOutputStream) gz = NULL;

  if (out == NULL)
    return NULL;
  z = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  gz = g_converter_output_stream_new (G_OUTPUT_STREAM (out), G_CONVERTER (z));
  /* lines are short: the compressor wants them in blocks */
  return g_buffered_output_stream_new_sized (gz, 256 * 1024);
}

/* Runs go build, the dump written to dump_path; FALSE, with the compiler's
 * messages shown already, when it fails. */
static gboolean
run_build (char **argv, const char *dump_path, DvBuildMessageFunc message, gpointer user_data,
           GCancellable *cancellable, guint64 *dump_lines, guint *n_dumps, GError **error)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  Capture c = { 0 };
  gboolean ok = FALSE;

  c.message = message;
  c.user_data = user_data;
  c.dump = open_gzip (dump_path, error);
  if (c.dump == NULL)
    return FALSE;
  c.pending = g_ptr_array_new_with_free_func (g_free);
  c.odd = g_ptr_array_new_with_free_func (g_free);
  proc = g_subprocess_newv ((const char *const *) argv, G_SUBPROCESS_FLAGS_STDERR_PIPE, error);
  if (proc != NULL)
    {
      in = g_data_input_stream_new (g_subprocess_get_stderr_pipe (proc));
      g_data_input_stream_set_newline_type (in, G_DATA_STREAM_NEWLINE_TYPE_LF);
      for (;;)
        {
          gsize len;
          char *line = g_data_input_stream_read_line (in, &len, cancellable, error);
          if (line == NULL)
            break;
          capture_line (&c, line, len);
        }
      end_section (&c);
      if (*error != NULL || g_cancellable_is_cancelled (cancellable))
        g_subprocess_force_exit (proc);
      else if (g_subprocess_wait (proc, cancellable, error))
        ok = TRUE;
    }
  if (ok && !g_subprocess_get_successful (proc))
    {
      for (guint i = 0; i < c.odd->len; i++)
        message (g_ptr_array_index (c.odd, i), user_data);
      if (c.n_odd > c.odd->len)
        {
          g_autofree char *more = g_strdup_printf ("(%" G_GUINT64_FORMAT " more lines of the linker's output)",
                                                   c.n_odd - c.odd->len);
          message (more, user_data);
        }
      if (g_subprocess_get_if_exited (proc))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     "go build failed (exit status %d); the messages above say why",
                     g_subprocess_get_exit_status (proc));
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "go build was killed by signal %d",
                     g_subprocess_get_term_sig (proc));
      ok = FALSE;
    }
  else if (ok && c.write_error != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&c.write_error), "%s: ", dump_path);
      ok = FALSE;
    }
  else if (ok && c.n_dumps == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           "go build printed no dump: is PACKAGE a main package? "
                           "(-n, -json and -buildmode=archive link nothing)");
      ok = FALSE;
    }
  g_autoptr(GError) close_error = NULL;
  if (!g_output_stream_close (c.dump, NULL, &close_error) && ok)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&close_error), "%s: ", dump_path);
      ok = FALSE;
    }
  g_object_unref (c.dump);
  g_clear_error (&c.write_error);
  g_ptr_array_unref (c.pending);
  g_ptr_array_unref (c.odd);
  *dump_lines = c.dump_lines;
  *n_dumps = c.n_dumps;
  return ok;
}

/* ---- sizes ---------------------------------------------------------------- */

/* The binary read for sizes; when it is not ELF, `go tool nm -size` output
 * in nm_path instead. NULL, with *problem set, when neither works. */
static DvSizes *
read_sizes (const char *go, const char *binary, const char *nm_path, const char **sizes_path,
            char **problem)
{
  g_autoptr(GError) error = NULL;
  DvSizes *sizes = dv_sizes_load_path (binary, NULL, &error);

  *sizes_path = binary;
  if (sizes == NULL && g_error_matches (error, DV_SIZES_ERROR, DV_SIZES_ERROR_NOT_SIZES))
    {
      g_autoptr(GSubprocessLauncher) l = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
      g_autoptr(GSubprocess) nm = NULL;
      const char *const argv[] = { go, "tool", "nm", "-size", "-sort", "size", binary, NULL };

      g_clear_error (&error);
      g_subprocess_launcher_set_stdout_file_path (l, nm_path);
      nm = g_subprocess_launcher_spawnv (l, argv, &error);
      if (nm != NULL && g_subprocess_wait_check (nm, NULL, &error))
        {
          *sizes_path = nm_path;
          sizes = dv_sizes_load_path (nm_path, NULL, &error);
        }
    }
  if (sizes == NULL)
    *problem = g_strdup (error->message);
  return sizes;
}


/* ---- the build -------------------------------------------------------------- */

void
dv_build_result_clear (DvBuildResult *result)
{
  g_clear_pointer (&result->dir, g_free);
  g_clear_pointer (&result->dump_path, g_free);
  g_clear_pointer (&result->binary_path, g_free);
  g_clear_pointer (&result->sizes_path, g_free);
  g_clear_pointer (&result->sizes, dv_sizes_unref);
  g_clear_pointer (&result->sizes_problem, g_free);
}

gboolean
dv_build_run (const DvBuildRequest *request,
              DvBuildMessageFunc    message,
              gpointer              user_data,
              GCancellable         *cancellable,
              DvBuildResult        *result,
              GError              **error)
{
  g_autofree char *go = NULL;
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *abs_dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *binary = NULL;
  g_autofree char *dump_path = NULL;
  g_autofree char *part_path = NULL;
  g_autofree char *nm_path = NULL;
  g_auto(GStrv) cmd = NULL;
  const char *sizes_abs = NULL;
  gboolean made_dir;

  memset (result, 0, sizeof *result);
  go = request->go != NULL ? g_strdup (request->go) : dv_build_find_go (error);
  if (go == NULL)
    return FALSE;
  /* a folder made here and left empty by a failed build goes again */
  abs_dir = g_canonicalize_filename (request->dir, cwd);
  made_dir = !g_file_test (abs_dir, G_FILE_TEST_EXISTS);
  if (g_mkdir_with_parents (abs_dir, 0777) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", request->dir,
                   g_strerror (saved));
      return FALSE;
    }
  name = dv_build_binary_name (request);
  binary = g_build_filename (abs_dir, name, NULL);
  dump_path = g_build_filename (abs_dir, DV_BUILD_DUMP_FILE, NULL);
  part_path = g_strconcat (dump_path, ".part", NULL);
  nm_path = g_build_filename (abs_dir, DV_BUILD_NM_FILE, NULL);
  cmd = dv_build_argv (request, go, binary);

  if (!run_build (cmd, part_path, message, user_data, cancellable, &result->dump_lines,
                  &result->n_binaries, error)
      || g_rename (part_path, dump_path) != 0)
    {
      if (error != NULL && *error == NULL)
        {
          int saved = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", dump_path,
                       g_strerror (saved));
        }
      g_unlink (part_path);
      if (made_dir)
        g_rmdir (abs_dir);
      return FALSE;
    }

  result->sizes = read_sizes (go, binary, nm_path, &sizes_abs, &result->sizes_problem);
  result->dir = g_steal_pointer (&abs_dir);
  result->dump_path = g_steal_pointer (&dump_path);
  result->sizes_path = result->sizes != NULL ? g_strdup (sizes_abs) : NULL;
  result->binary_path = g_steal_pointer (&binary);
  return TRUE;
}
