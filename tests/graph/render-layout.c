/* render-layout DUMP SYMBOL FORMAT OUTPUT [--lr] [--expand=SYMBOL]...
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
  DvLayoutRequest request;
  DvSymbolId focus;

  if (argc < 5)
    {
      g_printerr ("usage: %s DUMP SYMBOL FORMAT OUTPUT [--lr] [--expand=SYMBOL]...\n", argv[0]);
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
  for (int i = 5; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--lr"))
        request.direction = DV_LAYOUT_LEFT_TO_RIGHT;
      else if (g_str_has_prefix (argv[i], "--expand="))
        {
          DvSymbolId id = dv_graph_find_symbol (graph, argv[i] + 9, -1);
          if (id != DV_SYMBOL_NONE)
            g_array_append_val (expanded, id);
        }
    }
  request.expanded = (const DvSymbolId *) expanded->data;
  request.n_expanded = expanded->len;

  if (!dv_layout_render (graph, &request, argv[3], &out, &error) ||
      !g_file_set_contents (argv[4], g_bytes_get_data (out, NULL), g_bytes_get_size (out), &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}
