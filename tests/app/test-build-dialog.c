/* Build and Open (app/dv-app-build-dialog.c) against a stand-in go command:
 * a script that prints what go build prints on stderr (a compiler's note,
 * then the linker's dump of the hello-world program) and writes the binary,
 * or fails as a compile error does. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "dv-app-build-dialog.h"
#include "dv-graph.h"

#define WAIT_MS 30000

static const char fake_go[] =
  "#!/bin/sh\n"
  "out=\n"
  "while [ $# -gt 0 ]; do\n"
  "  case \"$1\" in -o) out=$2; shift 2;; *) shift;; esac\n"
  "done\n"
  "if [ -n \"$FAKE_FAIL\" ]; then\n"
  "  echo '# example.com/hello' >&2\n"
  "  echo './main.go:5:2: undefined: fmt.Printlm' >&2\n"
  "  exit 1\n"
  "fi\n"
  "echo '# example.com/hello/lib' >&2\n"
  "echo 'lib/lib.go:3:6: note from the compiler' >&2\n"
  "cat \"$FAKE_DUMP\" >&2\n"
  "cp \"$FAKE_BINARY\" \"$out\"\n";

typedef struct {
  guint  n_built;
  char  *dump_path;
  char  *sizes_path;
  char  *output;
  gboolean destroyed;
} Outcome;

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_while_running (DvAppBuildDialog *dialog, Outcome *o)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (WAIT_MS, timeout_cb, &timed_out);

  while (!o->destroyed && dv_app_build_dialog_is_running (dialog) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

static void
built_cb (DvAppBuildDialog *dialog, const char *dump, const char *sizes, Outcome *o)
{
  o->n_built++;
  o->dump_path = g_strdup (dump);
  o->sizes_path = g_strdup (sizes);
  o->output = dv_app_build_dialog_get_output (dialog);
}

static void
destroyed_cb (GtkWidget *widget, Outcome *o)
{
  o->destroyed = TRUE;
}

static char *
make_fake_go (const char *tmp)
{
  char *path = g_build_filename (tmp, "go", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, fake_go, -1, &error));
  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
  return path;
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}

static void
test_build_opens_dump (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("depview-build-XXXXXX", NULL);
  g_autofree char *go = make_fake_go (tmp);
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "hello-go1.19.deps.txt", NULL);
  g_autofree char *fixture_text = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (tmp);
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = NULL;
  g_autoptr(GFile) dump = NULL;
  g_autofree char *expected_dir = dv_app_build_output_dir (folder);
  g_autofree char *self_exe = NULL;
  Outcome o = { 0 };
  DvAppBuildDialog *dialog;

  g_assert_true (g_file_get_contents (fixture, &fixture_text, NULL, NULL));
  g_setenv ("GO", go, TRUE);
  g_setenv ("FAKE_DUMP", fixture, TRUE);
  /* any ELF file with a symbol table stands in for the binary */
  self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_assert_nonnull (self_exe);
  g_setenv ("FAKE_BINARY", self_exe, TRUE);
  g_unsetenv ("FAKE_FAIL");

  dialog = dv_app_build_dialog_new (NULL);
  g_signal_connect (dialog, "built", G_CALLBACK (built_cb), &o);
  g_signal_connect (dialog, "destroy", G_CALLBACK (destroyed_cb), &o);
  gtk_window_present (GTK_WINDOW (dialog));
  dv_app_build_dialog_set_folder (dialog, folder);
  dv_app_build_dialog_start (dialog);
  g_assert_true (dv_app_build_dialog_is_running (dialog));
  wait_while_running (dialog, &o);

  if (o.n_built == 0)
    g_test_message ("error: %s", dv_app_build_dialog_get_error (dialog));
  g_assert_cmpuint (o.n_built, ==, 1);
  g_assert_true (o.destroyed);
  /* kept in the cache, not in the module's folder */
  g_assert_true (g_str_has_prefix (o.dump_path, expected_dir));
  g_assert_true (g_str_has_prefix (o.dump_path, g_get_user_cache_dir ()));
  g_assert_false (g_str_has_prefix (o.dump_path, tmp));
  g_assert_nonnull (o.sizes_path);
  /* the compiler's note was shown, the dump was not */
  g_assert_nonnull (strstr (o.output, "lib/lib.go:3:6: note from the compiler"));
  g_assert_null (strstr (o.output, "_rt0_amd64_linux"));
  /* the dump is the linker's lines, every one: the fixture less nothing */
  dump = g_file_new_for_path (o.dump_path);
  graph = dv_graph_load_file (dump, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dv_graph_get_stats (graph)->lines, ==, count_lines (fixture_text));
  g_free (o.dump_path);
  g_free (o.sizes_path);
  g_free (o.output);
}

static void
test_failed_build_stays (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("depview-build-XXXXXX", NULL);
  g_autofree char *go = make_fake_go (tmp);
  g_autoptr(GFile) folder = g_file_new_for_path (tmp);
  g_autofree char *output = NULL;
  g_autofree char *out_dir = dv_app_build_output_dir (folder);
  Outcome o = { 0 };
  DvAppBuildDialog *dialog;

  g_setenv ("GO", go, TRUE);
  g_setenv ("FAKE_FAIL", "1", TRUE);
  dialog = dv_app_build_dialog_new (NULL);
  g_signal_connect (dialog, "built", G_CALLBACK (built_cb), &o);
  g_signal_connect (dialog, "destroy", G_CALLBACK (destroyed_cb), &o);
  gtk_window_present (GTK_WINDOW (dialog));
  dv_app_build_dialog_set_folder (dialog, folder);
  dv_app_build_dialog_start (dialog);
  wait_while_running (dialog, &o);

  g_assert_cmpuint (o.n_built, ==, 0);
  g_assert_false (o.destroyed);
  output = dv_app_build_dialog_get_output (dialog);
  g_assert_nonnull (strstr (output, "./main.go:5:2: undefined: fmt.Printlm"));
  g_assert_nonnull (dv_app_build_dialog_get_error (dialog));
  g_assert_nonnull (strstr (dv_app_build_dialog_get_error (dialog), "go build failed"));
  /* no partial dump, and the folder made for it is gone again */
  g_assert_false (g_file_test (out_dir, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_unsetenv ("FAKE_FAIL");
}

static void
test_missing_go (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("depview-build-XXXXXX", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (tmp);
  Outcome o = { 0 };
  DvAppBuildDialog *dialog;

  g_setenv ("GO", "/nonexistent/go", TRUE);
  dialog = dv_app_build_dialog_new (NULL);
  g_signal_connect (dialog, "built", G_CALLBACK (built_cb), &o);
  dv_app_build_dialog_set_folder (dialog, folder);
  dv_app_build_dialog_start (dialog);
  wait_while_running (dialog, &o);
  g_assert_cmpuint (o.n_built, ==, 0);
  g_assert_nonnull (strstr (dv_app_build_dialog_get_error (dialog), "/nonexistent/go"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/app/build-dialog/opens-dump", test_build_opens_dump);
  g_test_add_func ("/app/build-dialog/failed-build-stays", test_failed_build_stays);
  g_test_add_func ("/app/build-dialog/missing-go", test_missing_go);
  return g_test_run ();
}
