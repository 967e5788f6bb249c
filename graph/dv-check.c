/* dv-check.c: see dv-check.h. */
#include "config.h"

#include "dv-check.h"
#include "dv-analysis.h"
#include "dv-format-cost.h"

#include <string.h>

gboolean
dv_check_build_size (const DvGraph *graph, const DvCost *cost, guint64 *size, const char **source)
{
  if (cost != NULL && dv_sizes_get_file_size (dv_cost_get_sizes (cost)) > 0)
    {
      *size = dv_sizes_get_file_size (dv_cost_get_sizes (cost));
      *source = "the binary's file size";
      return TRUE;
    }
  /* total= counts bss, which takes memory and no byte of the file: a
   * budget measures the file */
  gboolean have_total = FALSE;
  guint64 total = 0, bss = 0;
  for (guint i = 0; i < dv_graph_get_n_sizes (graph); i++)
    {
      guint64 v;
      const char *key = dv_graph_get_size (graph, i, &v);
      if (strcmp (key, "total") == 0)
        {
          total = v;
          have_total = TRUE;
        }
      else if (strcmp (key, "bsssize") == 0)
        bss = v;
    }
  if (have_total)
    {
      *size = total - MIN (bss, total);
      *source = "the dump's -c totals, bss left out";
      return TRUE;
    }
  if (cost != NULL)
    {
      const DvCostSummary *s = dv_cost_get_summary (cost);
      *size = s->matched_bytes + s->pooled_bytes + s->unmatched_bytes;
      *source = "the sum of the symbol sizes";
      return TRUE;
    }
  return FALSE;
}

static void
add_violation (DvCheckResult *out, DvViolationKind kind, char *what, GArray *chain,
               const char *chain_title, GArray *code_chain)
{
  DvViolation v = { kind, what, chain, g_strdup (chain_title), code_chain };
  g_array_append_val (out->violations, v);
}

static void
check_denied (const DvGraph *graph, const DvCheckRules *rules, DvCheckResult *out)
{
  for (guint r = 0; rules->deny && rules->deny[r]; r++)
    {
      g_autoptr(GPatternSpec) spec = g_pattern_spec_new (rules->deny[r]);
      for (DvPackageId p = 0; p < dv_graph_get_n_packages (graph); p++)
        {
          const char *name = dv_graph_package_name (graph, p);
          DvPackageLink link = dv_graph_package_link (graph, p);
          if (link == DV_PACKAGE_LINK_NO || !g_pattern_spec_match_string (spec, name))
            continue;
          DvSymbolId target = DV_SYMBOL_NONE, code_target = DV_SYMBOL_NONE;
          GArray *chain = dv_why_package (graph, p, &target);
          GArray *code = dv_why_package_code (graph, p, &code_target);
          if (code != NULL && code_target == target)
            g_clear_pointer (&code, g_array_unref);
          char *what = strcmp (rules->deny[r], name) == 0
            ? g_strdup_printf ("package %s is linked in (%s), and it is denied", name,
                               dv_package_link_to_string (link))
            : g_strdup_printf ("package %s is linked in (%s), and %s is denied", name,
                               dv_package_link_to_string (link), rules->deny[r]);
          add_violation (out, DV_VIOLATION_DENIED_PACKAGE, what, chain, "brought in by", code);
        }
    }
}

/* The chain to the certain reflect culprit, or the first candidate. */
static void
check_reflect (const DvGraph *graph, DvCheckResult *out)
{
  DvReflectReport report;

  dv_reflect_report_compute (graph, 0, &report);
  if (report.culprits->len > 0)
    {
      guint i = report.certain != G_MAXUINT ? report.certain : 0;
      DvSymbolId id = g_array_index (report.culprits, DvReflectCulprit, i).symbol;
      const char *name = dv_graph_symbol_name (graph, id);
      g_autofree char *more = report.culprits->len > 1
        ? g_strdup_printf (" (and %u more functions)", report.culprits->len - 1) : g_strdup ("");
      char *what = report.determinable
        ? g_strdup_printf ("method elimination is off: %s calls a reflect method lookup%s", name, more)
        : g_strdup_printf ("method elimination may be off: %s calls reflect's Method or MethodByName "
                           "(%u candidate%s; a dump before Go 1.21 cannot prove which, if any)",
                           name, report.culprits->len, report.culprits->len == 1 ? "" : "s");
      add_violation (out, DV_VIOLATION_REFLECT_METHODS, what, dv_why_symbol (graph, id),
                     "the culprit is kept by", NULL);
    }
  dv_reflect_report_clear (&report);
}

gboolean
dv_check_run (const DvGraph *graph, const DvCost *cost, const DvCheckRules *rules,
              DvCheckResult *out, GError **error)
{
  memset (out, 0, sizeof *out);
  out->violations = g_array_new (FALSE, FALSE, sizeof (DvViolation));

  gboolean have_size = dv_check_build_size (graph, cost, &out->size, &out->size_source);
  if ((rules->max_size > 0 || rules->max_growth >= 0) && !have_size)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "%s: its size is not known: build with -ldflags='-dumpdep -c' (its total= line) "
                   "or give --sizes", dv_graph_get_display_name (graph));
      return FALSE;
    }
  check_denied (graph, rules, out);
  if (rules->max_size > 0 && out->size > rules->max_size)
    {
      g_autofree char *size = dv_format_bytes (out->size);
      g_autofree char *max = dv_format_bytes (rules->max_size);
      add_violation (out, DV_VIOLATION_MAX_SIZE,
                     g_strdup_printf ("the binary takes %s (%" G_GUINT64_FORMAT " bytes, %s), over the "
                                      "limit of %s (%" G_GUINT64_FORMAT " bytes)",
                                      size, out->size, out->size_source, max, rules->max_size),
                     NULL, NULL, NULL);
    }
  if (rules->max_growth >= 0 && rules->baseline != NULL)
    {
      const char *source;
      if (!dv_check_build_size (rules->baseline, rules->baseline_cost, &out->baseline_size, &source))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "%s: the baseline's size is not known: build it with -ldflags='-dumpdep -c' "
                       "or give --baseline-sizes", dv_graph_get_display_name (rules->baseline));
          return FALSE;
        }
      double growth = out->baseline_size > 0
        ? 100.0 * ((double) out->size - (double) out->baseline_size) / (double) out->baseline_size : 0;
      if (growth > rules->max_growth)
        {
          g_autofree char *from = dv_format_bytes (out->baseline_size);
          g_autofree char *to = dv_format_bytes (out->size);
          /* what came in: the new package nearest to the root, and its chain */
          DvDiff d;
          GArray *chain = NULL;
          g_autofree char *title = NULL;
          dv_diff_compute (rules->baseline, graph, &d);
          if (d.added_packages->len > 0)
            {
              DvPackageId p = g_array_index (d.added_packages, DvPackageId, 0);
              chain = dv_why_package (graph, p, NULL);
              title = g_strdup_printf ("%u package%s came in; the first, %s, by", d.added_packages->len,
                                       d.added_packages->len == 1 ? "" : "s", dv_graph_package_name (graph, p));
            }
          add_violation (out, DV_VIOLATION_MAX_GROWTH,
                         g_strdup_printf ("the binary grew %.1f%%, from %s to %s, over the limit of %.1f%%",
                                          growth, from, to, rules->max_growth),
                         chain, title, NULL);
          dv_diff_clear (&d);
        }
    }
  if (rules->no_reflect_methods)
    check_reflect (graph, out);
  return TRUE;
}

void
dv_check_clear (DvCheckResult *result)
{
  for (guint i = 0; result->violations && i < result->violations->len; i++)
    {
      DvViolation *v = &g_array_index (result->violations, DvViolation, i);
      g_free (v->what);
      g_free (v->chain_title);
      g_clear_pointer (&v->chain, g_array_unref);
      g_clear_pointer (&v->code_chain, g_array_unref);
    }
  g_clear_pointer (&result->violations, g_array_unref);
}

static const char *
violation_key (DvViolationKind kind)
{
  switch (kind)
    {
    case DV_VIOLATION_DENIED_PACKAGE:  return "deny";
    case DV_VIOLATION_MAX_SIZE:        return "max-size";
    case DV_VIOLATION_MAX_GROWTH:      return "max-growth";
    case DV_VIOLATION_REFLECT_METHODS: return "no-reflect-methods";
    default:                           return "rule";
    }
}

/* Text with Markdown's and HTML's special characters escaped, so that
 * "(*T).m", a glob such as "github.com/evil/" with a star, and "<autogenerated>"
 * read as written. */
static void
md_text (GString *out, const char *s)
{
  for (const char *p = s; *p; p++)
    {
      if (strchr ("\\`*_{}[]<>()#+-!|~", *p) != NULL)
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
}

static void
chain_line (GString *out, const DvGraph *graph, GArray *chain, DvFormat format)
{
  for (guint k = 0; k < chain->len; k++)
    {
      const char *name = dv_graph_symbol_name (graph, g_array_index (chain, DvChainStep, k).symbol);
      if (format == DV_FORMAT_MARKDOWN)
        {
          g_string_append_printf (out, "%u. ", k + 1);
          dv_format_markdown_code (out, name, FALSE);
          g_string_append_printf (out, " (%s)\n", dv_edge_kind_to_string (g_array_index (chain, DvChainStep, k).via));
        }
      else
        {
          g_autofree char *valid = g_utf8_make_valid (name, -1);
          g_string_append_printf (out, "    %-5s %s\n",
                                  dv_edge_kind_to_string (g_array_index (chain, DvChainStep, k).via), valid);
        }
    }
}

static void
json_chain (GString *out, const DvGraph *graph, GArray *chain)
{
  if (chain == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '[');
  for (guint k = 0; k < chain->len; k++)
    {
      g_string_append (out, k ? ", " : "");
      dv_format_json_string (out, dv_graph_symbol_name (graph, g_array_index (chain, DvChainStep, k).symbol));
    }
  g_string_append_c (out, ']');
}

char *
dv_format_check (const DvGraph *graph, const DvCheckResult *result, DvFormat format)
{
  GString *out = g_string_new (NULL);
  guint n = result->violations->len;

  if (format == DV_FORMAT_JSON)
    {
      g_string_append_printf (out, "{\n  \"passed\": %s,\n  \"size\": ", n == 0 ? "true" : "false");
      if (result->size_source)
        g_string_append_printf (out, "%" G_GUINT64_FORMAT, result->size);
      else
        g_string_append (out, "null");
      g_string_append (out, ",\n  \"violations\": [");
      for (guint i = 0; i < n; i++)
        {
          DvViolation *v = &g_array_index (result->violations, DvViolation, i);
          g_string_append_printf (out, "%s\n    {\"rule\": \"%s\", \"what\": ", i ? "," : "", violation_key (v->kind));
          dv_format_json_string (out, v->what);
          g_string_append (out, ", \"chain\": ");
          json_chain (out, graph, v->chain);
          g_string_append (out, ", \"code_chain\": ");
          json_chain (out, graph, v->code_chain);
          g_string_append_c (out, '}');
        }
      g_string_append (out, n ? "\n  ]\n}\n" : "]\n}\n");
      return g_string_free (out, FALSE);
    }

  gboolean md = format == DV_FORMAT_MARKDOWN;
  if (n == 0)
    {
      g_string_append (out, md ? "**DepView check passed**: every rule holds" : "check passed: every rule holds");
      if (result->size_source)
        {
          g_autofree char *size = dv_format_bytes (result->size);
          g_string_append_printf (out, " (the binary takes %s, by %s)", size, result->size_source);
        }
      g_string_append (out, ".\n");
      return g_string_free (out, FALSE);
    }
  g_string_append_printf (out, md ? "**DepView check failed**: %u rule%s broken\n\n" : "check failed: %u rule%s broken\n",
                          n, n == 1 ? "" : "s");
  for (guint i = 0; i < n; i++)
    {
      DvViolation *v = &g_array_index (result->violations, DvViolation, i);
      g_autofree char *what = g_utf8_make_valid (v->what, -1);
      if (md)
        {
          g_string_append_printf (out, "- **%s**: ", violation_key (v->kind));
          /* names inside are code: keep them out of Markdown's reach */
          md_text (out, what);
          g_string_append_c (out, '\n');
          if (v->chain)
            {
              g_autofree char *title = g_markup_escape_text (v->chain_title ? v->chain_title : "chain", -1);
              g_string_append_printf (out, "\n  <details><summary>%s</summary>\n\n", title);
              chain_line (out, graph, v->chain, format);
              if (v->code_chain)
                {
                  g_string_append (out, "\n  which code uses it:\n\n");
                  chain_line (out, graph, v->code_chain, format);
                }
              g_string_append (out, "\n  </details>\n\n");
            }
        }
      else
        {
          g_string_append_printf (out, "  %s: %s\n", violation_key (v->kind), what);
          if (v->chain)
            {
              g_string_append_printf (out, "    %s:\n", v->chain_title ? v->chain_title : "chain");
              chain_line (out, graph, v->chain, format);
            }
          if (v->code_chain)
            {
              g_string_append (out, "    which code uses it:\n");
              chain_line (out, graph, v->code_chain, format);
            }
        }
    }
  return g_string_free (out, FALSE);
}
