/* dv-cli-build.c: `depview-cli build [-o DIR] [GO BUILD FLAGS] PACKAGE`.
 *
 * Runs the user's go build with -ldflags='-dumpdep -c' added to their own
 * -ldflags, and keeps in DIR (default ./depview-out, made if missing, so
 * nothing in the current folder is overwritten):
 *   deps.txt.gz  the linker's dump, gzip;
 *   NAME         the binary, which is also the sizes file: read directly
 *                (ELF), it tells bss from data and knows its sections and
 *                file size, which `go tool nm -size` output cannot say;
 *   sizes.txt    `go tool nm -size -sort size` output, only when the binary
 *                is not ELF (GOOS=darwin or windows) and cannot be read.
 *
 * go build relays each action's output on stderr behind a "# import/path"
 * line: the linker's (the dump) and the compiler's (errors) alike. A
 * section is the dump when a root line "_ -> ..." comes in it (the linker
 * prints the roots first); every other line is the user's to read, and is
 * shown as it comes. A cached build replays the same output, dump included
 * (checked with Go 1.26), so no -a is needed. */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "dv-cli-build.h"
#include "dv-sizes.h"

#define DUMP_LDFLAGS "-dumpdep -c"
#define DEFAULT_DIR  "depview-out"
#define DUMP_FILE    "deps.txt.gz"
#define NM_FILE      "sizes.txt"

enum { BUILD_OK = 0, BUILD_FAILED = 2 };

/* A section still without a root line after this many lines is messages. */
#define MAX_PENDING_LINES 200
/* Lines of a dump section kept to show when the link fails. */
#define MAX_ODD_LINES 20

static const char *const usage_text =
  "Usage: depview-cli build [-o DIR] [GO BUILD FLAGS] PACKAGE\n"
  "\n"
  "Run go build with -ldflags='" DUMP_LDFLAGS "' added to your own -ldflags, and keep\n"
  "in DIR (default ./" DEFAULT_DIR ", made when missing):\n"
  "  " DUMP_FILE "  the linker's dependency dump\n"
  "  NAME         the binary, named after PACKAGE; give it to --sizes\n"
  "  " NM_FILE "    go tool nm -size output, when the binary is not ELF\n"
  "\n"
  "Every other flag goes to go build as it is. The go command is $GO when set,\n"
  "else go on PATH. The compiler's messages are shown as go build prints them.\n"
  "\n"
  "Exit status: 0 built, 2 no go command, bad usage, or the build failed.\n";

/* go build's flags that take a value as the next argument (go help build) */
static const char *const value_flags[] = {
  "C", "o", "p", "asmflags", "buildmode", "compiler", "covermode", "coverpkg", "exec",
  "gccgoflags", "gcflags", "installsuffix", "ldflags", "mod", "modfile", "overlay", "pgo",
  "pkgdir", "tags", "toolexec", NULL
};

typedef struct {
  char      *dir;       /* as the user gave it */
  char      *chdir;     /* go build -C DIR, which go wants first */
  GPtrArray *ldflags;   /* the user's -ldflags values, in order */
  GPtrArray *flags;     /* every other flag, for go build as it is */
  GPtrArray *packages;  /* the operands */
} BuildArgs;

static void
build_args_clear (BuildArgs *a)
{
  g_free (a->dir);
  g_free (a->chdir);
  g_ptr_array_unref (a->ldflags);
  g_ptr_array_unref (a->flags);
  g_ptr_array_unref (a->packages);
}

static int
usage_error (const char *message)
{
  g_printerr ("depview-cli build: %s\n\n%s", message, usage_text);
  return BUILD_FAILED;
}

/* -1 when parsed, else the exit status (help, or a usage error) */
static int
parse_args (int argc, char **argv, BuildArgs *a)
{
  int i;

  a->ldflags = g_ptr_array_new_with_free_func (g_free);
  a->flags = g_ptr_array_new_with_free_func (g_free);
  a->packages = g_ptr_array_new_with_free_func (g_free);
  for (i = 1; i < argc; i++)
    {
      const char *arg = argv[i];
      if (strcmp (arg, "--") == 0)
        {
          i++;
          break;
        }
      if (arg[0] != '-' || arg[1] == '\0')
        break; /* as Go's flag package: the first operand ends the flags */

      const char *name = arg + (arg[1] == '-' ? 2 : 1);
      const char *eq = strchr (name, '=');
      g_autofree char *flag = eq ? g_strndup (name, (gsize) (eq - name)) : g_strdup (name);
      const char *value = eq ? eq + 1 : NULL;

      if (strcmp (flag, "h") == 0 || strcmp (flag, "help") == 0)
        {
          g_print ("%s", usage_text);
          return BUILD_OK;
        }
      gboolean takes_value = strcmp (flag, "output") == 0
                             || g_strv_contains ((const char *const *) value_flags, flag);
      if (takes_value && value == NULL)
        {
          if (i + 1 >= argc)
            {
              g_autofree char *msg = g_strdup_printf ("%s needs a value", arg);
              return usage_error (msg);
            }
          value = argv[++i];
        }
      if (strcmp (flag, "o") == 0 || strcmp (flag, "output") == 0)
        {
          g_free (a->dir);
          a->dir = g_strdup (value);
        }
      else if (strcmp (flag, "ldflags") == 0)
        g_ptr_array_add (a->ldflags, g_strdup (value));
      else if (strcmp (flag, "C") == 0)
        {
          g_free (a->chdir);
          a->chdir = g_strdup (value);
        }
      else
        {
          g_ptr_array_add (a->flags, g_strdup (arg));
          if (takes_value && eq == NULL)
            g_ptr_array_add (a->flags, g_strdup (value));
        }
    }
  for (; i < argc; i++)
    g_ptr_array_add (a->packages, g_strdup (argv[i]));
  if (a->dir == NULL)
    a->dir = g_strdup (DEFAULT_DIR);
  if (a->dir[0] == '\0')
    return usage_error ("-o needs a folder");
  return -1;
}

/* The binary's name: the last element of the package path or the first
 * file, as go build names it, with .exe for Windows; "app" for patterns. */
static char *
binary_name (const BuildArgs *a)
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
    return g_strdup (DUMP_LDFLAGS);
  return g_strconcat (trimmed, " " DUMP_LDFLAGS, NULL);
}

/* GOFLAGS=-ldflags=... counts as the user's too: a -ldflags of ours on the
 * command line would replace it. */
static void
add_goflags_ldflags (BuildArgs *a)
{
  const char *goflags = g_getenv ("GOFLAGS");
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
        g_ptr_array_insert (a->ldflags, 0, g_strdup (w + strlen ("-ldflags=")));
    }
}

static char **
go_argv (const char *go, const BuildArgs *a, const char *binary)
{
  GPtrArray *v = g_ptr_array_new ();

  g_ptr_array_add (v, g_strdup (go));
  g_ptr_array_add (v, g_strdup ("build"));
  if (a->chdir != NULL)
    g_ptr_array_add (v, g_strdup_printf ("-C=%s", a->chdir));
  g_ptr_array_add (v, g_strdup ("-o"));
  g_ptr_array_add (v, g_strdup (binary));
  g_ptr_array_add (v, g_strdup ("-ldflags=" DUMP_LDFLAGS));
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

static char *
find_go (GError **error)
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
    g_printerr ("%s\n", (const char *) g_ptr_array_index (c->pending, i));
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
      g_printerr ("%s\n", line);
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
run_build (char **argv, const char *dump_path, guint64 *dump_lines, GError **error)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  Capture c = { 0 };
  gboolean ok = FALSE;

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
          char *line = g_data_input_stream_read_line (in, &len, NULL, error);
          if (line == NULL)
            break;
          capture_line (&c, line, len);
        }
      end_section (&c);
      if (*error != NULL)
        g_subprocess_force_exit (proc);
      else if (g_subprocess_wait (proc, NULL, error))
        ok = TRUE;
    }
  if (ok && !g_subprocess_get_successful (proc))
    {
      for (guint i = 0; i < c.odd->len; i++)
        g_printerr ("%s\n", (const char *) g_ptr_array_index (c.odd, i));
      if (c.n_odd > c.odd->len)
        g_printerr ("(%" G_GUINT64_FORMAT " more lines of the linker's output)\n", c.n_odd - c.odd->len);
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
  return ok;
}

/* ---- sizes ---------------------------------------------------------------- */

/* The binary read for sizes; when it is not ELF, `go tool nm -size` output
 * in nm_path instead. NULL, with a warning shown, when neither works. */
static DvSizes *
read_sizes (const char *go, const char *binary, const char *nm_path, const char **sizes_path)
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
    g_printerr ("depview-cli build: no symbol sizes: %s\n", error->message);
  return sizes;
}

/* ---- the command ------------------------------------------------------------ */

/* a path as the user can paste it into a shell */
static char *
shell_word (const char *path)
{
  for (const char *p = path; *p; p++)
    if (!g_ascii_isalnum (*p) && strchr ("/._-+=,:@%", *p) == NULL)
      return g_shell_quote (path);
  return g_strdup (path);
}

int
dv_cli_build (int argc, char **argv)
{
  BuildArgs a = { 0 };
  g_autoptr(GError) error = NULL;
  int status = parse_args (argc, argv, &a);

  if (status >= 0)
    {
      build_args_clear (&a);
      return status;
    }
  add_goflags_ldflags (&a);

  g_autofree char *go = find_go (&error);
  if (go == NULL)
    {
      g_printerr ("depview-cli build: %s\n", error->message);
      build_args_clear (&a);
      return BUILD_FAILED;
    }
  /* a folder made here and left empty by a failed build goes again */
  gboolean made_dir = !g_file_test (a.dir, G_FILE_TEST_EXISTS);
  if (g_mkdir_with_parents (a.dir, 0777) != 0)
    {
      int saved = errno;
      g_printerr ("depview-cli build: %s: %s\n", a.dir, g_strerror (saved));
      build_args_clear (&a);
      return BUILD_FAILED;
    }

  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *abs_dir = g_canonicalize_filename (a.dir, cwd);
  g_autofree char *name = binary_name (&a);
  g_autofree char *binary = g_build_filename (abs_dir, name, NULL);
  g_autofree char *dump_path = g_build_filename (abs_dir, DUMP_FILE, NULL);
  g_autofree char *part_path = g_strconcat (dump_path, ".part", NULL);
  g_autofree char *nm_path = g_build_filename (abs_dir, NM_FILE, NULL);
  g_auto(GStrv) cmd = go_argv (go, &a, binary);
  guint64 dump_lines = 0;

  if (!run_build (cmd, part_path, &dump_lines, &error)
      || g_rename (part_path, dump_path) != 0)
    {
      if (error == NULL)
        g_printerr ("depview-cli build: %s: %s\n", dump_path, g_strerror (errno));
      else
        g_printerr ("depview-cli build: %s\n", error->message);
      g_unlink (part_path);
      if (made_dir)
        g_rmdir (a.dir);
      build_args_clear (&a);
      return BUILD_FAILED;
    }

  /* what was written, as paths relative to where the user is */
  const char *sizes_abs;
  g_autoptr(DvSizes) sizes = read_sizes (go, binary, nm_path, &sizes_abs);
  g_autofree char *shown_dump = g_build_filename (a.dir, DUMP_FILE, NULL);
  g_autofree char *shown_bin = g_build_filename (a.dir, name, NULL);
  g_autofree char *shown_nm = g_build_filename (a.dir, NM_FILE, NULL);
  const char *shown_sizes = sizes_abs == nm_path ? shown_nm : shown_bin;
  g_autofree char *dump_word = shell_word (shown_dump);
  g_autofree char *sizes_word = shell_word (shown_sizes);

  g_print ("Wrote:\n");
  g_print ("  %-24s the linker's dump, %" G_GUINT64_FORMAT " lines\n", shown_dump, dump_lines);
  if (sizes != NULL && sizes_abs == nm_path)
    g_print ("  %-24s the binary\n"
             "  %-24s its symbol sizes (go tool nm), %u symbols\n",
             shown_bin, shown_nm, dv_sizes_get_n_entries (sizes));
  else if (sizes != NULL)
    g_print ("  %-24s the binary, %" G_GUINT64_FORMAT " bytes; also the sizes file: %u symbols\n",
             shown_bin, dv_sizes_get_file_size (sizes), dv_sizes_get_n_entries (sizes));
  else
    g_print ("  %-24s the binary (no symbol sizes in it)\n", shown_bin);
  g_print ("\nNext:\n");
  if (sizes != NULL)
    g_print ("  depview-cli top --sizes=%s %s\n", sizes_word, dump_word);
  g_print ("  depview-cli why %s SYMBOL_OR_PACKAGE\n", dump_word);
  g_print ("  depview %s\n", dump_word);
  build_args_clear (&a);
  return BUILD_OK;
}
