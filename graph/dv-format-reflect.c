/* dv-format-reflect.c: see dv-format-reflect.h. */
#include "config.h"

#include "dv-format-reflect.h"

static void
reflect_json (GString *out, const DvGraph *graph, const DvReflectReport *r)
{
  g_string_append_printf (out, "{\n  \"source\": \"%s\",\n  \"determinable\": %s,\n"
                          "  \"candidates\": %s,\n  \"functions\": [",
                          r->determinable ? "ReflectMethod flags" : "callers of reflect method lookups",
                          r->determinable ? "true" : "false", r->determinable ? "false" : "true");
  for (guint i = 0; i < r->culprits->len; i++)
    {
      DvReflectCulprit *c = &g_array_index (r->culprits, DvReflectCulprit, i);
      DvPackageId p = dv_graph_symbol_package (graph, c->symbol);
      g_string_append (out, i ? ",\n    {\"symbol\": " : "\n    {\"symbol\": ");
      dv_format_json_string (out, dv_graph_symbol_name (graph, c->symbol));
      g_string_append (out, ", \"package\": ");
      dv_format_json_string (out, p == DV_PACKAGE_NONE ? "" : dv_graph_package_name (graph, p));
      g_string_append_printf (out, ", \"depth\": %u, \"certain\": %s, \"std\": %s, \"via\": ",
                              dv_why_symbol_depth (graph, c->symbol),
                              c->certain ? "true" : "false", c->std ? "true" : "false");
      dv_format_json_string (out, dv_graph_symbol_name (graph, c->via));
      g_string_append_c (out, '}');
    }
  g_string_append (out, r->culprits->len ? "\n  ]" : "]");
  if (!r->determinable)
    {
      g_string_append_printf (out, ",\n  \"kept_by_type_descriptors\": {\"count\": %u, \"examples\": [",
                              r->n_kept_by_type);
      for (guint i = 0; i < r->kept_by_type->len; i++)
        {
          g_string_append (out, i ? ", " : "");
          dv_format_json_string (out, dv_graph_symbol_name (graph, g_array_index (r->kept_by_type, DvSymbolId, i)));
        }
      g_string_append (out, "]}");
    }
  g_string_append (out, "\n}\n");
}

static void
reflect_text (GString *out, const DvGraph *graph, const DvReflectReport *r)
{
  if (r->determinable && r->culprits->len == 0)
    g_string_append (out, "No function disables dead-code elimination of methods: no reachable "
                          "function is marked <ReflectMethod>.\n");
  else if (!r->determinable)
    {
      g_string_append (out, "The culprit cannot be proven from this dump: it marks no function "
                            "<ReflectMethod> (Go before 1.21), and a call of reflect.Type.Method or "
                            "MethodByName through the interface leaves no line.\n");
      if (r->culprits->len == 0)
        g_string_append (out, "No function calls reflect.Value.Method or MethodByName.\n");
      else
        g_string_append_printf (out, "%u candidate%s, calling reflect's Method or MethodByName "
                                "(any call counts before Go 1.22, constant names too):\n",
                                r->culprits->len, r->culprits->len == 1 ? "" : "s");
    }
  for (guint i = 0; i < r->culprits->len; i++)
    {
      DvReflectCulprit *c = &g_array_index (r->culprits, DvReflectCulprit, i);
      const char *name = dv_graph_symbol_name (graph, c->symbol);
      const char *via = dv_graph_symbol_name (graph, c->via);
      if (c->certain && c->via == c->symbol)
        g_string_append_printf (out, "%s keeps every exported method alive: it is the first "
                                "function the linker marked <ReflectMethod>.\n", name);
      else if (c->certain)
        g_string_append_printf (out, "%s keeps every exported method alive: it calls %s, the first "
                                "function the linker marked <ReflectMethod>.\n", name, via);
      if (c->certain)
        continue;
      if (r->determinable && i == (r->certain == G_MAXUINT ? 0u : 1u))
        g_string_append (out, "Others, marked <ReflectMethod> or calling a marked function:\n");
      g_string_append_printf (out, "  %s", name);
      if (c->via != c->symbol)
        g_string_append_printf (out, " (calls %s)", via);
      g_string_append (out, c->std ? " [standard library]\n" : "\n");
    }
  if (!r->determinable)
    {
      g_string_append_printf (out, "Symptom: %u exported method%s kept only through type descriptors, "
                              "as when method elimination is off (or an interface calls %s)%s\n",
                              r->n_kept_by_type, r->n_kept_by_type == 1 ? " is" : "s are",
                              r->n_kept_by_type == 1 ? "it" : "them",
                              r->kept_by_type->len ? ", for example:" : ".");
      for (guint i = 0; i < r->kept_by_type->len; i++)
        g_string_append_printf (out, "  %s\n", dv_graph_symbol_name (graph, g_array_index (r->kept_by_type, DvSymbolId, i)));
    }
  if (r->culprits->len > 0)
    g_string_append (out, "Run 'depview-cli why DUMP SYMBOL' on one to see what keeps it.\n");
}

char *
dv_format_reflect (const DvGraph *graph, const DvReflectReport *report, DvFormat format)
{
  GString *out = g_string_new (NULL);

  if (format == DV_FORMAT_JSON)
    reflect_json (out, graph, report);
  else
    reflect_text (out, graph, report);
  return g_string_free (out, FALSE);
}
