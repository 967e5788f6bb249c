/* replay.c: runs the checks of fuzz-parser.c on files and folders of inputs
 * without libFuzzer, so every build replays the seed corpus and each input
 * the fuzzer ever failed on (tests/fuzz/regressions/). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <gio/gio.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static guint n_inputs;

static gint
compare_paths (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static void
replay_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len;

  if (!g_file_get_contents (path, &data, &len, &error))
    g_error ("%s", error->message);
  /* an exact-size copy, so a read past the end is caught by ASan */
  g_autofree guint8 *copy = g_memdup2 (data, len);
  g_print ("%s (%" G_GSIZE_FORMAT " bytes)\n", path, len);
  LLVMFuzzerTestOneInput (copy, len);
  n_inputs++;
}

static void
replay_path (const char *path)
{
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      replay_file (path);
      return;
    }

  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    g_error ("%s", error->message);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.' && !g_str_has_suffix (name, ".md"))
      g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_paths);
  for (guint i = 0; i < names->len; i++)
    {
      const char *child = g_ptr_array_index (names, i);
      if (!g_file_test (child, G_FILE_TEST_IS_DIR))
        replay_file (child);
    }
}

int
main (int argc, char **argv)
{
  if (argc < 2)
    {
      g_printerr ("usage: %s FILE_OR_FOLDER…\n", argv[0]);
      return 2;
    }
  LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    replay_path (argv[i]);
  if (n_inputs == 0)
    {
      g_printerr ("no inputs in the given paths\n");
      return 1;
    }
  g_print ("%u inputs passed\n", n_inputs);
  return 0;
}
