/* dv-format-reflect.c: see dv-format-reflect.h. */
#include "config.h"

#include "dv-format-reflect.h"

static const char *
frees_word (DvReflectFrees frees)
{
  switch (frees)
    {
    case DV_REFLECT_FREES_METHODS:
      return "methods";
    case DV_REFLECT_FREES_UNLESS_INTERFACE:
      return "methods unless an interface call keeps them";
    case DV_REFLECT_FREES_NOTHING:
    default:
      return "nothing";
    }
}

static void
removal_json (GString *out, const DvGraph *graph, const DvReflectReport *r, const DvReflectCulprit *c)
{
  g_string_append (out, ", \"removal\": {\"also_removes\": [");
  for (guint k = 0; c->dominated != NULL && k < c->dominated->len; k++)
    {
      guint j = g_array_index (c->dominated, guint, k);
      g_string_append (out, k ? ", " : "");
      dv_format_json_string (out, dv_graph_symbol_name (graph, g_array_index (r->culprits, DvReflectCulprit, j).symbol));
    }
  g_string_append_printf (out, "], \"remaining\": %u, \"remaining_direct\": %u, \"frees\": \"%s\", \"stays\": ",
                          c->n_remaining, c->n_remaining_direct, frees_word (c->frees));
  if (c->frees == DV_REFLECT_FREES_METHODS || c->stays == DV_SYMBOL_NONE)
    g_string_append (out, "null");
  else
    dv_format_json_string (out, dv_graph_symbol_name (graph, c->stays));
  g_string_append_c (out, '}');
}

/* Whether the methods kept only through type descriptors are worth a word:
 * as the symptom when the culprit cannot be told, as what a culprit frees
 * when there is one. */
static gboolean
shows_kept (const DvReflectReport *r)
{
  return !r->determinable || r->culprits->len > 0;
}

static void
reflect_json (GString *out, const DvGraph *graph, const DvReflectReport *r, const DvCost *cost)
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
      removal_json (out, graph, r, c);
      g_string_append_c (out, '}');
    }
  g_string_append (out, r->culprits->len ? "\n  ]" : "]");
  if (shows_kept (r))
    {
      g_string_append_printf (out, ",\n  \"kept_by_type_descriptors\": {\"count\": %u, ", r->n_kept_by_type);
      if (cost != NULL)
        g_string_append_printf (out, "\"bytes\": %" G_GUINT64_FORMAT ", ", dv_reflect_kept_bytes (graph, cost));
      g_string_append (out, "\"examples\": [");
      for (guint i = 0; i < r->kept_by_type->len; i++)
        {
          g_string_append (out, i ? ", " : "");
          dv_format_json_string (out, dv_graph_symbol_name (graph, g_array_index (r->kept_by_type, DvSymbolId, i)));
        }
      g_string_append (out, "]}");
    }
  g_string_append (out, "\n}\n");
}

/* "the N methods kept only through type descriptors (B)"; bytes or NULL */
static void
kept_text (GString *out, const DvReflectReport *r, const char *bytes)
{
  g_string_append_printf (out, "the %u method%s kept only through type descriptors",
                          r->n_kept_by_type, r->n_kept_by_type == 1 ? "" : "s");
  if (bytes != NULL)
    g_string_append_printf (out, " (%s)", bytes);
}

/* One line under a culprit: what its removal would take with it and free. */
static void
removal_text (GString *out, const DvGraph *graph, const DvReflectReport *r, const DvReflectCulprit *c,
              const char *bytes)
{
  guint n = c->dominated ? c->dominated->len : 0;
  const char *stays = c->stays != DV_SYMBOL_NONE ? dv_graph_symbol_name (graph, c->stays) : "";

  if (n == 0)
    g_string_append (out, "    removing it removes no other culprit");
  else
    g_string_append_printf (out, "    removing it also removes %u other culprit%s", n, n == 1 ? "" : "s");
  switch (c->frees)
    {
    case DV_REFLECT_FREES_METHODS:
      g_string_append (out, " and leaves none: frees ");
      kept_text (out, r, bytes);
      g_string_append (out, ", except those an interface call needs");
      break;
    case DV_REFLECT_FREES_UNLESS_INTERFACE:
      g_string_append_printf (out, "; the %u left (such as %s) %s reached only through methods that type "
                              "descriptors keep: frees ", c->n_remaining, stays,
                              c->n_remaining == 1 ? "is" : "are");
      kept_text (out, r, bytes);
      g_string_append (out, " unless an interface call keeps those");
      break;
    case DV_REFLECT_FREES_NOTHING:
    default:
      if (c->n_remaining_direct > 0)
        g_string_append_printf (out, "; %u other%s stay%s live (such as %s): frees none of ",
                                c->n_remaining_direct, c->n_remaining_direct == 1 ? "" : "s",
                                c->n_remaining_direct == 1 ? "s" : "", stays);
      else
        g_string_append_printf (out, "; %s, marked <ReflectMethod>, stays live: frees none of ", stays);
      kept_text (out, r, bytes);
      break;
    }
  if (!r->determinable)
    g_string_append (out, ", were the candidates the only culprits");
  g_string_append (out, "\n");
}

static void
reflect_text (GString *out, const DvGraph *graph, const DvReflectReport *r, const DvCost *cost)
{
  g_autofree char *bytes = cost != NULL && shows_kept (r) ? dv_format_bytes (dv_reflect_kept_bytes (graph, cost)) : NULL;

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
        {
          removal_text (out, graph, r, c, bytes);
          continue;
        }
      if (r->determinable && i == (r->certain == G_MAXUINT ? 0u : 1u))
        g_string_append (out, "Others, marked <ReflectMethod> or calling a marked function:\n");
      g_string_append_printf (out, "  %s", name);
      if (c->via != c->symbol)
        g_string_append_printf (out, " (calls %s)", via);
      g_string_append (out, c->std ? " [standard library]\n" : "\n");
      removal_text (out, graph, r, c, bytes);
    }
  if (shows_kept (r))
    {
      g_string_append_printf (out, "%s: %u exported method%s kept only through type descriptors%s%s%s, "
                              "as when method elimination is off (or an interface calls %s)%s\n",
                              r->determinable ? "Cost" : "Symptom",
                              r->n_kept_by_type, r->n_kept_by_type == 1 ? " is" : "s are",
                              bytes ? " (" : "", bytes ? bytes : "", bytes ? ")" : "",
                              r->n_kept_by_type == 1 ? "it" : "them",
                              r->kept_by_type->len ? ", for example:" : ".");
      for (guint i = 0; i < r->kept_by_type->len; i++)
        g_string_append_printf (out, "  %s\n", dv_graph_symbol_name (graph, g_array_index (r->kept_by_type, DvSymbolId, i)));
    }
  if (r->culprits->len > 0)
    g_string_append (out, "Run 'depview-cli why DUMP SYMBOL' on one to see what keeps it.\n");
}

char *
dv_format_reflect (const DvGraph *graph, const DvReflectReport *report, const DvCost *cost,
                   DvFormat format)
{
  GString *out = g_string_new (NULL);

  if (format == DV_FORMAT_JSON)
    reflect_json (out, graph, report, cost);
  else
    reflect_text (out, graph, report, cost);
  return g_string_free (out, FALSE);
}
