/* dv-format-keeps.c: see dv-format-keeps.h. */
#include "config.h"

#include "dv-format-keeps.h"
#include "dv-format-cost.h"

static const char *
package_label (const DvGraph *graph, DvPackageId p)
{
  return p == DV_PACKAGE_NONE ? "(no package)" : dv_graph_package_name (graph, p);
}

char *
dv_format_keeps (const DvGraph *graph, DvSymbolId id, const DvRemoval *removal,
                 const DvCost *cost, guint limit, DvFormat format)
{
  const DvRemoval *r = removal;
  const char *name = dv_graph_symbol_name (graph, id);
  g_autoptr(GArray) bytes = cost != NULL ? dv_cost_retained_by_package (cost, id) : NULL;

  GString *out = g_string_new (NULL);
  if (format == DV_FORMAT_JSON)
    {
      g_string_append (out, "{\n  \"symbol\": ");
      dv_format_json_string (out, name);
      g_string_append_printf (out, ",\n  \"removed\": %u,\n  \"functions\": %u,",
                              r->n_removed, r->n_functions);
      if (cost != NULL)
        {
          g_string_append_printf (out, "\n  \"size\": %" G_GUINT64_FORMAT ",\n  \"retained\": %" G_GUINT64_FORMAT
                                  ",\n  \"bytes_by_package\": [",
                                  dv_cost_symbol_size (cost, id), dv_cost_symbol_retained (cost, id));
          for (guint i = 0; i < bytes->len; i++)
            {
              DvPackageBytes *pb = &g_array_index (bytes, DvPackageBytes, i);
              g_string_append (out, i ? ", {\"package\": " : "{\"package\": ");
              dv_format_json_string (out, pb->package == DV_PACKAGE_NONE ? "" : dv_graph_package_name (graph, pb->package));
              g_string_append_printf (out, ", \"bytes\": %" G_GUINT64_FORMAT "}", pb->bytes);
            }
          g_string_append (out, "],");
        }
      g_string_append (out, "\n  \"packages\": [");
      for (guint i = 0; i < r->by_package->len; i++)
        {
          DvPackageCount *c = &g_array_index (r->by_package, DvPackageCount, i);
          g_string_append (out, i ? ",\n    {\"package\": " : "\n    {\"package\": ");
          dv_format_json_string (out, c->package == DV_PACKAGE_NONE ? "" : dv_graph_package_name (graph, c->package));
          g_string_append_printf (out, ", \"symbols\": %u}", c->count);
        }
      g_string_append (out, r->by_package->len ? "\n  ],\n  \"symbols\": [" : "],\n  \"symbols\": [");
      for (guint i = 0; i < r->symbols->len; i++)
        {
          g_string_append (out, i ? ", " : "");
          dv_format_json_string (out, dv_graph_symbol_name (graph, g_array_index (r->symbols, DvSymbolId, i)));
        }
      g_string_append (out, "]\n}\n");
    }
  else
    {
      g_string_append_printf (out, "If %s went, %u symbol%s would go with it (%u function%s), "
                              "were the recorded reasons the only ones:\n", name, r->n_removed,
                              r->n_removed == 1 ? "" : "s", r->n_functions, r->n_functions == 1 ? "" : "s");
      if (cost != NULL)
        {
          g_autofree char *kept = dv_format_bytes (dv_cost_symbol_retained (cost, id));
          g_string_append_printf (out, "They take %s in the file, by package:\n", kept);
          for (guint i = 0; i < bytes->len && i < limit; i++)
            {
              DvPackageBytes *pb = &g_array_index (bytes, DvPackageBytes, i);
              g_autofree char *b = dv_format_bytes (pb->bytes);
              g_string_append_printf (out, "  %10s  %s\n", b, pb->package == DV_PACKAGE_NONE
                                      ? "(shared data and symbols of no package)"
                                      : dv_graph_package_name (graph, pb->package));
            }
          if (bytes->len > limit)
            g_string_append_printf (out, "  … and %u more packages\n", bytes->len - limit);
        }
      else
        {
          for (guint i = 0; i < r->by_package->len && i < limit; i++)
            {
              DvPackageCount *c = &g_array_index (r->by_package, DvPackageCount, i);
              g_string_append_printf (out, "  %7u  %s\n", c->count, package_label (graph, c->package));
            }
          if (r->by_package->len > limit)
            g_string_append_printf (out, "  … and %u more packages\n", r->by_package->len - limit);
        }
      g_string_append (out, "Nearest to it:\n");
      for (guint i = 0; i < r->symbols->len; i++)
        g_string_append_printf (out, "  %s\n", dv_graph_symbol_name (graph, g_array_index (r->symbols, DvSymbolId, i)));
    }
  return g_string_free (out, FALSE);
}
