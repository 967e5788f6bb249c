/* dv-format-cost.c: see dv-format-cost.h. */
#include "config.h"

#include "dv-format-cost.h"

#include <string.h>

char *
dv_format_bytes (guint64 bytes)
{
  if (bytes < 1000)
    return g_strdup_printf ("%" G_GUINT64_FORMAT " B", bytes);
  if (bytes < 1000 * 1000)
    return g_strdup_printf ("%.1f kB", bytes / 1e3);
  if (bytes < G_GUINT64_CONSTANT (1000) * 1000 * 1000)
    return g_strdup_printf ("%.2f MB", bytes / 1e6);
  return g_strdup_printf ("%.2f GB", bytes / 1e9);
}

void
dv_format_cost_summary (GString *out, const DvCost *cost, DvFormat format)
{
  const DvCostSummary *s = dv_cost_get_summary (cost);
  const DvGraphStats *st = dv_graph_get_stats (dv_cost_get_graph (cost));
  g_autofree char *matched = dv_format_bytes (s->matched_bytes);
  g_autofree char *shared = dv_format_bytes (s->shared_bytes);
  g_autofree char *unmatched = dv_format_bytes (s->unmatched_bytes);
  g_autofree char *memory = dv_format_bytes (s->memory_bytes);

  if (format == DV_FORMAT_JSON)
    {
      g_string_append_printf (out, "\"matched_symbols\": %u, \"matched_bytes\": %" G_GUINT64_FORMAT
                              ", \"shared_bytes\": %" G_GUINT64_FORMAT ", \"unmatched_bytes\": %"
                              G_GUINT64_FORMAT ", \"memory_only_bytes\": %" G_GUINT64_FORMAT
                              ", \"maybe_bss_symbols\": %u, \"total_bytes\": ",
                              s->matched_symbols, s->matched_bytes, s->shared_bytes,
                              s->unmatched_bytes, s->memory_bytes, s->maybe_bss_symbols);
      if (s->total_source)
        g_string_append_printf (out, "%" G_GUINT64_FORMAT ", \"unexplained_bytes\": %" G_GUINT64_FORMAT
                                ", \"excess_bytes\": %" G_GUINT64_FORMAT,
                                s->total_bytes, s->unexplained_bytes, s->excess_bytes);
      else
        g_string_append (out, "null, \"unexplained_bytes\": null, \"excess_bytes\": null");
      return;
    }
  g_string_append_printf (out, "Sizes from %s: %u of %u symbols matched, %s in the file "
                          "(%s of it shared data)",
                          dv_sizes_get_display_name (dv_cost_get_sizes (cost)),
                          s->matched_symbols, st->symbols, matched, shared);
  if (s->total_source)
    {
      g_autofree char *total = dv_format_bytes (s->total_bytes);
      g_autofree char *unexplained = dv_format_bytes (s->unexplained_bytes);
      g_string_append_printf (out, "; %s of the %s the binary holds (%s) the dump does not explain",
                              unexplained, total, s->total_source);
      if (s->excess_bytes)
        {
          g_autofree char *excess = dv_format_bytes (s->excess_bytes);
          g_string_append_printf (out, "; the sizes come to %s more than that, bytes counted as data "
                                  "that the binary keeps in bss (nm cannot tell them apart)", excess);
        }
    }
  else
    g_string_append (out, "; the binary's total is not known (no -c totals in the dump), "
                          "so this is a partial sum");
  if (s->unmatched_bytes)
    g_string_append_printf (out, "; %s of sized symbols the dump does not name", unmatched);
  if (s->memory_bytes)
    g_string_append_printf (out, "; %s of bss left out (memory at run time, no file bytes)", memory);
  if (s->maybe_bss_symbols)
    g_string_append_printf (out, "; %u data symbol%s may be bss (nm cannot tell)",
                            s->maybe_bss_symbols, s->maybe_bss_symbols == 1 ? "" : "s");
  g_string_append (out, format == DV_FORMAT_MARKDOWN ? ".\n" : ".\n");
}

static const char *
item_name (const DvCost *cost, const DvCostItem *it)
{
  DvGraph *g = dv_cost_get_graph (cost);
  return it->is_package ? dv_graph_package_name (g, it->id) : dv_graph_symbol_name (g, it->id);
}

static const char *
item_package (const DvCost *cost, const DvCostItem *it)
{
  DvGraph *g = dv_cost_get_graph (cost);
  if (it->is_package)
    return dv_graph_package_name (g, it->id);
  DvPackageId p = dv_graph_symbol_package (g, it->id);
  if (p != DV_PACKAGE_NONE)
    return dv_graph_package_name (g, p);
  const char *name = dv_graph_symbol_name (g, it->id);
  return dv_symbol_name_content_addressable (name, strlen (name)) ? "(shared data)" : "";
}

char *
dv_format_top (const DvCost *cost, GArray *items, gboolean packages, gboolean by_retained,
               DvFormat format)
{
  GString *out = g_string_new (NULL);
  const char *what = packages ? "packages" : "symbols";
  const char *by = by_retained ? "retained" : "size";

  if (format == DV_FORMAT_JSON)
    {
      g_string_append_printf (out, "{\n  \"by\": \"%s\",\n  \"packages\": %s,\n  \"items\": [",
                              by, packages ? "true" : "false");
      for (guint i = 0; i < items->len; i++)
        {
          const DvCostItem *it = &g_array_index (items, DvCostItem, i);
          g_string_append (out, i ? ",\n    {\"name\": " : "\n    {\"name\": ");
          dv_format_json_string (out, item_name (cost, it));
          g_string_append (out, ", \"package\": ");
          dv_format_json_string (out, item_package (cost, it));
          g_string_append_printf (out, ", \"size\": %" G_GUINT64_FORMAT ", \"retained\": %" G_GUINT64_FORMAT,
                                  it->size, it->retained);
          if (!packages && dv_cost_symbol_maybe_bss (cost, it->id))
            g_string_append (out, ", \"maybe_bss\": true");
          g_string_append_c (out, '}');
        }
      g_string_append (out, items->len ? "\n  ],\n  " : "],\n  ");
      dv_format_cost_summary (out, cost, DV_FORMAT_JSON);
      g_string_append (out, "\n}\n");
      return g_string_free (out, FALSE);
    }

  gboolean md = format == DV_FORMAT_MARKDOWN;
  g_string_append_printf (out, md ? "**The %u largest %s by %s**\n\n" : "The %u largest %s by %s:\n",
                          items->len, what, by_retained ? "retained size" : "own size");
  if (md)
    g_string_append_printf (out, "| %s | own | retained |\n|---|---:|---:|\n", packages ? "package" : "symbol");
  else
    g_string_append_printf (out, "  %10s  %10s  %s\n", "own", "retained", packages ? "package" : "symbol");
  for (guint i = 0; i < items->len; i++)
    {
      const DvCostItem *it = &g_array_index (items, DvCostItem, i);
      g_autofree char *own = dv_format_bytes (it->size);
      g_autofree char *ret = dv_format_bytes (it->retained);
      gboolean bss = !packages && dv_cost_symbol_maybe_bss (cost, it->id);
      if (md)
        {
          g_string_append (out, "| ");
          dv_format_markdown_code (out, item_name (cost, it), TRUE);
          g_string_append_printf (out, "%s | %s | %s |\n", bss ? " *(maybe bss)*" : "", own, ret);
        }
      else
        {
          g_autofree char *name = g_utf8_make_valid (item_name (cost, it), -1);
          g_string_append_printf (out, "  %10s  %10s  %s%s\n", own, ret, name, bss ? "  (maybe bss)" : "");
        }
    }
  g_string_append (out, md ? "\n" : "");
  g_string_append (out, "Retained: what would leave with it, were the recorded reasons the only ones "
                        "(an estimate over the dump's edges; closer to the truth with -dumpdep -c).\n");
  dv_format_cost_summary (out, cost, format);
  return g_string_free (out, FALSE);
}
