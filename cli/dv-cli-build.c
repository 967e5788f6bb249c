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
 * The build itself is the core's (dv-build.h); this file reads the command
 * line and says what was written. */
#include "config.h"

#include <string.h>

#include "dv-cli-build.h"
#include "dv-build.h"

#define DUMP_LDFLAGS DV_BUILD_DUMP_LDFLAGS
#define DEFAULT_DIR  "depview-out"
#define DUMP_FILE    DV_BUILD_DUMP_FILE
#define NM_FILE      DV_BUILD_NM_FILE

enum { BUILD_OK = 0, BUILD_FAILED = 2 };

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

typedef DvBuildRequest BuildArgs;

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

  dv_build_request_init (a);
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

static void
show_message (const char *line, gpointer user_data)
{
  g_printerr ("%s\n", line);
}

int
dv_cli_build (int argc, char **argv)
{
  BuildArgs a = { 0 };
  DvBuildResult r = { 0 };
  g_autoptr(GError) error = NULL;
  int status = parse_args (argc, argv, &a);

  if (status >= 0)
    {
      dv_build_request_clear (&a);
      return status;
    }
  dv_build_request_add_goflags (&a, g_getenv ("GOFLAGS"));

  if (!dv_build_run (&a, show_message, NULL, NULL, &r, &error))
    {
      g_printerr ("depview-cli build: %s\n", error->message);
      dv_build_request_clear (&a);
      return BUILD_FAILED;
    }
  if (r.sizes == NULL)
    g_printerr ("depview-cli build: no symbol sizes: %s\n", r.sizes_problem);

  /* what was written, as paths relative to where the user is */
  g_autofree char *name = g_path_get_basename (r.binary_path);
  g_autofree char *shown_dump = g_build_filename (a.dir, DUMP_FILE, NULL);
  g_autofree char *shown_bin = g_build_filename (a.dir, name, NULL);
  g_autofree char *shown_nm = g_build_filename (a.dir, NM_FILE, NULL);
  gboolean from_nm = r.sizes_path != NULL && g_strcmp0 (r.sizes_path, r.binary_path) != 0;
  const char *shown_sizes = from_nm ? shown_nm : shown_bin;
  g_autofree char *dump_word = shell_word (shown_dump);
  g_autofree char *sizes_word = shell_word (shown_sizes);

  g_print ("Wrote:\n");
  g_print ("  %-24s the linker's dump, %" G_GUINT64_FORMAT " lines\n", shown_dump, r.dump_lines);
  if (r.sizes != NULL && from_nm)
    g_print ("  %-24s the binary\n"
             "  %-24s its symbol sizes (go tool nm), %u symbols\n",
             shown_bin, shown_nm, dv_sizes_get_n_entries (r.sizes));
  else if (r.sizes != NULL)
    g_print ("  %-24s the binary, %" G_GUINT64_FORMAT " bytes; also the sizes file: %u symbols\n",
             shown_bin, dv_sizes_get_file_size (r.sizes), dv_sizes_get_n_entries (r.sizes));
  else
    g_print ("  %-24s the binary (no symbol sizes in it)\n", shown_bin);
  g_print ("\nNext:\n");
  if (r.sizes != NULL)
    g_print ("  depview-cli top --sizes=%s %s\n", sizes_word, dump_word);
  g_print ("  depview-cli why %s SYMBOL_OR_PACKAGE\n", dump_word);
  g_print ("  depview %s\n", dump_word);
  dv_build_result_clear (&r);
  dv_build_request_clear (&a);
  return BUILD_OK;
}
