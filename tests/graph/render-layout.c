/* render-layout DUMP SYMBOL FORMAT OUTPUT [--lr] [--expand=SYMBOL]... [--unfold]
 *               [--unfold-startup] [--hide-metadata] [--title]
 * Writes the focused view of SYMBOL through dv_layout_render, for the
 * shell tests that check what a browser or xmllint make of it. */
#include "config.h"

#include <stdlib.h>

#include "dv-layout.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GArray) expanded = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));
  g_autofree char *title = NULL;
  DvLayoutExportOptions options;
  DvLayoutRequest request;
  DvSymbolId focus;

  if (argc < 5)
    {
      g_printerr ("usage: %s DUMP SYMBOL FORMAT OUTPUT [--lr] [--expand=SYMBOL]... [--unfold]"
                  " [--unfold-startup] [--hide-metadata] [--title]\n", argv[0]);
      return 2;
    }
  graph = dv_graph_load_path (argv[1], NULL, &error);
  if (graph == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  focus = dv_graph_find_symbol (graph, argv[2], -1);
  if (focus == DV_SYMBOL_NONE)
    {
      g_printerr ("no symbol %s\n", argv[2]);
      return 1;
    }
  dv_layout_request_init (&request, focus);
  dv_layout_export_options_init (&options);
  for (int i = 5; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--lr"))
        request.direction = DV_LAYOUT_LEFT_TO_RIGHT;
      else if (g_str_equal (argv[i], "--unfold"))
        {
          request.unfolded = &request.focus;
          request.n_unfolded = 1;
        }
      else if (g_str_equal (argv[i], "--unfold-startup"))
        request.unfold_startup = TRUE;
      else if (g_str_equal (argv[i], "--hide-metadata"))
        request.hide_metadata = TRUE;
      else if (g_str_equal (argv[i], "--title"))
        options.title = title = dv_layout_text_title (graph, focus);
      else if (g_str_has_prefix (argv[i], "--expand="))
        {
          DvSymbolId id = dv_graph_find_symbol (graph, argv[i] + 9, -1);
          if (id != DV_SYMBOL_NONE)
            g_array_append_val (expanded, id);
        }
    }
  if (expanded->len > 0)
    {
      request.expanded = (const DvSymbolId *) expanded->data;
      request.n_expanded = expanded->len;
    }

  if (!dv_layout_export (graph, &request, &options, argv[3], &out, &error) ||
      !g_file_set_contents (argv[4], g_bytes_get_data (out, NULL), g_bytes_get_size (out), &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}
