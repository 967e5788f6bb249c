/* dv-format-packages.c: see dv-format-packages.h. */
#include "config.h"

#include "dv-format-packages.h"
#include "dv-format-cost.h"

/* The edge that enters node index of the chain, or NULL (the top). */
static const DvLayoutEdge *
entering_edge (const DvLayout *layout, guint index)
{
  for (guint i = 0; i < layout->n_edges; i++)
    if (layout->edges[i].to == index && layout->edges[i].on_chain)
      return &layout->edges[i];
  return NULL;
}

static const char *
node_package (const DvGraph *graph, const DvLayoutNode *node)
{
  if (node->flags & DV_LAYOUT_NODE_STARTUP)
    return "runtime start-up";
  if (node->package_id != DV_PACKAGE_NONE)
    return dv_graph_package_name (graph, node->package_id);
  if (node->flags & DV_LAYOUT_NODE_ROOT)
    return "_";
  return "(no package)";
}

static guint
node_steps (const DvLayoutNode *node)
{
  return (node->flags & DV_LAYOUT_NODE_STARTUP) ? node->more_count : MAX (node->n_steps, 1);
}

static void
json_symbol (GString *out, const DvGraph *graph, DvSymbolId id)
{
  if (id == DV_SYMBOL_NONE)
    g_string_append (out, "null");
  else
    dv_format_json_string (out, dv_graph_symbol_name (graph, id));
}

static DvSymbolId
node_first (const DvLayoutNode *node)
{
  if (node->flags & DV_LAYOUT_NODE_STARTUP)
    return node->n_folded > 0 ? node->folded[0] : DV_SYMBOL_NONE;
  return node->first_symbol != DV_SYMBOL_NONE ? node->first_symbol : node->symbol;
}

static DvSymbolId
node_last (const DvLayoutNode *node)
{
  if (node->flags & DV_LAYOUT_NODE_STARTUP)
    return node->n_folded > 0 ? node->folded[node->n_folded - 1] : DV_SYMBOL_NONE;
  return node->symbol;
}

static void
format_json (GString *out, const DvGraph *graph, const DvLayout *layout)
{
  g_string_append (out, "{\n  \"focus\": ");
  dv_format_json_string (out, dv_graph_symbol_name (graph, layout->focus));
  g_string_append_printf (out, ",\n  \"reachable\": %s,\n  \"packages\": [",
                          layout->reachable ? "true" : "false");
  for (guint c = 0; c < layout->n_chain; c++)
    {
      const DvLayoutNode *node = &layout->nodes[layout->chain[c]];
      const DvLayoutEdge *edge = entering_edge (layout, layout->chain[c]);

      g_string_append (out, c ? ",\n    {\"package\": " : "\n    {\"package\": ");
      if ((node->flags & (DV_LAYOUT_NODE_STARTUP | DV_LAYOUT_NODE_ROOT)) || node->package_id == DV_PACKAGE_NONE)
        g_string_append (out, "null");
      else
        dv_format_json_string (out, dv_graph_package_name (graph, node->package_id));
      g_string_append_printf (out, ", \"startup\": %s, \"steps\": %u, \"first\": ",
                              (node->flags & DV_LAYOUT_NODE_STARTUP) ? "true" : "false", node_steps (node));
      json_symbol (out, graph, node_first (node));
      g_string_append (out, ", \"last\": ");
      json_symbol (out, graph, node_last (node));
      g_string_append (out, ", \"via\": ");
      if (edge != NULL)
        dv_format_json_string (out, dv_edge_kind_to_string (edge->kind));
      else
        g_string_append (out, "null");
      g_string_append (out, ", \"from\": ");
      json_symbol (out, graph, edge != NULL ? edge->label_from : DV_SYMBOL_NONE);
      g_string_append (out, ", \"to\": ");
      json_symbol (out, graph, edge != NULL ? edge->label_to : DV_SYMBOL_NONE);
      if (node->has_bytes)
        g_string_append_printf (out, ", \"size\": %" G_GUINT64_FORMAT ", \"retained\": %" G_GUINT64_FORMAT,
                                node->bytes, node->retained);
      g_string_append (out, "}");
    }
  g_string_append (out, layout->n_chain ? "\n  ]\n}\n" : "]\n}\n");
}

static gboolean
has_bytes (const DvLayout *layout)
{
  for (guint i = 0; i < layout->n_nodes; i++)
    if (layout->nodes[i].has_bytes)
      return TRUE;
  return FALSE;
}

static void
format_markdown (GString *out, const DvGraph *graph, const DvLayout *layout)
{
  gboolean bytes = has_bytes (layout);

  g_string_append (out, "**Why is ");
  dv_format_markdown_code (out, dv_graph_symbol_name (graph, layout->focus), FALSE);
  g_string_append_printf (out, " in the binary?** By package: %u on the chain%s.\n\n", layout->n_chain,
                          layout->reachable ? "" : " (no recorded path from the root: its known ancestors)");
  g_string_append (out, bytes ? "| # | package | steps | linked by | own | retained |\n|---:|---|---:|---|---:|---:|\n"
                              : "| # | package | steps | linked by |\n|---:|---|---:|---|\n");
  for (guint c = 0; c < layout->n_chain; c++)
    {
      const DvLayoutNode *node = &layout->nodes[layout->chain[c]];
      const DvLayoutEdge *edge = entering_edge (layout, layout->chain[c]);

      g_string_append_printf (out, "| %u | ", c + 1);
      if (node->flags & DV_LAYOUT_NODE_STARTUP)
        g_string_append (out, "runtime start-up");
      else
        dv_format_markdown_code (out, node_package (graph, node), TRUE);
      g_string_append_printf (out, " | %u | ", node_steps (node));
      if (edge != NULL && edge->label_from != DV_SYMBOL_NONE)
        {
          g_string_append_printf (out, "%s: ", dv_edge_kind_to_string (edge->kind));
          dv_format_markdown_code (out, dv_graph_symbol_name (graph, edge->label_from), TRUE);
          g_string_append (out, " → ");
          dv_format_markdown_code (out, dv_graph_symbol_name (graph, edge->label_to), TRUE);
        }
      g_string_append (out, " |");
      if (bytes)
        {
          if (node->has_bytes)
            {
              g_autofree char *own = dv_format_bytes (node->bytes);
              g_autofree char *kept = dv_format_bytes (node->retained);
              g_string_append_printf (out, " %s | %s |", own, kept);
            }
          else
            g_string_append (out, " | |");
        }
      g_string_append_c (out, '\n');
    }
}

static void
format_text (GString *out, const DvGraph *graph, const DvLayout *layout)
{
  g_string_append_printf (out, "%s, by package: %u on the chain%s\n",
                          dv_graph_symbol_name (graph, layout->focus), layout->n_chain,
                          layout->reachable ? "" : " (no recorded path from the root: its known ancestors)");
  for (guint c = 0; c < layout->n_chain; c++)
    {
      const DvLayoutNode *node = &layout->nodes[layout->chain[c]];
      const DvLayoutEdge *edge = entering_edge (layout, layout->chain[c]);
      guint steps = node_steps (node);

      if (edge != NULL && edge->label_from != DV_SYMBOL_NONE)
        g_string_append_printf (out, "      ↓ %s  %s → %s\n", dv_edge_kind_to_string (edge->kind),
                                dv_graph_symbol_name (graph, edge->label_from),
                                dv_graph_symbol_name (graph, edge->label_to));
      g_string_append_printf (out, "  %2u. %s  (%u step%s)", c + 1, node_package (graph, node),
                              steps, steps == 1 ? "" : "s");
      if (node->has_bytes)
        {
          g_autofree char *own = dv_format_bytes (node->bytes);
          g_autofree char *kept = dv_format_bytes (node->retained);
          g_string_append_printf (out, "  own %s, retained %s", own, kept);
        }
      g_string_append_c (out, '\n');
    }
}

char *
dv_format_why_packages (const DvGraph *graph, const DvLayout *layout, DvFormat format)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (graph != NULL && layout != NULL, NULL);
  if (format == DV_FORMAT_JSON)
    format_json (out, graph, layout);
  else if (format == DV_FORMAT_MARKDOWN)
    format_markdown (out, graph, layout);
  else
    format_text (out, graph, layout);
  return g_string_free (out, FALSE);
}
