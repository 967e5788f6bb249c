/* dv-format-stats.c: see dv-format-stats.h. */
#include "config.h"

#include "dv-format-stats.h"

char *
dv_format_stats (const DvGraph *graph, DvFormat format)
{
  const DvGraphStats *st = dv_graph_get_stats (graph);
  GString *out = g_string_new (NULL);

  if (format == DV_FORMAT_JSON)
    {
      g_string_append_printf (out,
        "{\n  \"file\": ");
      dv_format_json_string (out, dv_graph_get_display_name (graph));
      g_string_append (out, ",\n  \"binary\": ");
      if (dv_graph_get_binary (graph) != NULL)
        dv_format_json_string (out, dv_graph_get_binary (graph));
      else
        g_string_append (out, "null");
      g_string_append_printf (out,
        ",\n  \"lines\": %" G_GUINT64_FORMAT ",\n  \"bytes\": %" G_GUINT64_FORMAT
        ",\n  \"dep_edges\": %" G_GUINT64_FORMAT ",\n  \"root_edges\": %" G_GUINT64_FORMAT
        ",\n  \"call_edges\": %" G_GUINT64_FORMAT ",\n  \"symbols\": %u,\n  \"roots\": %u"
        ",\n  \"packages\": %u,\n  \"packages_types_only\": %u,\n  \"reachable_symbols\": %u"
        ",\n  \"unreadable_lines\": %" G_GUINT64_FORMAT ",\n  \"doubtful_lines\": %" G_GUINT64_FORMAT
        ",\n  \"sections\": [",
        st->lines, st->bytes, st->dep_edges, st->root_edges, st->call_edges, st->symbols,
        st->roots, st->packages, st->packages_types_only, st->reachable_symbols, st->unreadable_lines,
        st->doubtful_lines);
      for (guint i = 0; i < dv_graph_get_n_sections (graph); i++)
        {
          if (i)
            g_string_append (out, ", ");
          dv_format_json_string (out, dv_graph_get_section (graph, i));
        }
      g_string_append (out, "],\n  \"sizes\": {");
      for (guint i = 0; i < dv_graph_get_n_sizes (graph); i++)
        {
          guint64 v;
          const char *key = dv_graph_get_size (graph, i, &v);
          g_string_append (out, i ? ", " : "");
          dv_format_json_string (out, key);
          g_string_append_printf (out, ": %" G_GUINT64_FORMAT, v);
        }
      g_string_append (out, "},\n  \"problems\": [");
      for (guint i = 0; i < dv_graph_get_n_problems (graph); i++)
        {
          const DvProblem *p = dv_graph_get_problem (graph, i);
          g_string_append_printf (out, "%s{\"line\": %" G_GUINT64_FORMAT ", \"message\": ",
                                  i ? ", " : "", p->line);
          dv_format_json_string (out, p->message);
          g_string_append (out, ", \"excerpt\": ");
          dv_format_json_string (out, p->excerpt);
          g_string_append_c (out, '}');
        }
      g_string_append (out, "]\n}\n");
    }
  else
    {
      g_string_append_printf (out, "%s\n", dv_graph_get_display_name (graph));
      if (dv_graph_get_binary (graph) != NULL)
        g_string_append_printf (out, "  binary             %s\n", dv_graph_get_binary (graph));
      for (guint i = 0; i < dv_graph_get_n_sections (graph); i++)
        g_string_append_printf (out, "  section            %s\n", dv_graph_get_section (graph, i));
      g_string_append_printf (out,
        "  lines              %" G_GUINT64_FORMAT "\n"
        "  dep edges          %" G_GUINT64_FORMAT " (%" G_GUINT64_FORMAT " from the root)\n"
        "  call edges         %" G_GUINT64_FORMAT "\n"
        "  symbols            %u (%u reachable from the root)\n"
        "  roots              %u\n"
        "  packages           %u linked (%u of them types only)\n"
        "  unreadable lines   %" G_GUINT64_FORMAT "\n",
        st->lines, st->dep_edges, st->root_edges, st->call_edges, st->symbols,
        st->reachable_symbols, st->roots, st->packages, st->packages_types_only, st->unreadable_lines);
      if (st->doubtful_lines > 0)
        g_string_append_printf (out, "  doubtful lines     %" G_GUINT64_FORMAT "\n", st->doubtful_lines);
      for (guint i = 0; i < dv_graph_get_n_sizes (graph); i++)
        {
          guint64 v;
          const char *key = dv_graph_get_size (graph, i, &v);
          g_string_append_printf (out, "  %-18s %" G_GUINT64_FORMAT " bytes\n", key, v);
        }
    }
  return g_string_free (out, FALSE);
}
