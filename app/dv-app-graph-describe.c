/* dv-app-graph-describe.c: the graph view's accessible text and tooltips. */
#define G_LOG_DOMAIN "depview"

#include "config.h"

#include <glib/gi18n.h>

#include "dv-app-graph-describe.h"
#include "dv-app-symbol-row.h"
#include "dv-format-cost.h"

/* How many names a fold's description lists before "…". */
#define FOLD_NAMES 4

char *
dv_app_graph_describe_chain (const DvLayout *layout)
{
  const DvLayoutNode *focus = &layout->nodes[layout->chain[layout->n_chain - 1]];
  GString *out = g_string_new (NULL);
  guint first = 0;

  if (focus->flags & DV_LAYOUT_NODE_ROOT)
    {
      g_string_append (out, _("The linker's roots and what they keep"));
      return g_string_free (out, FALSE);
    }
  if (layout->reachable)
    {
      g_string_append_printf (out, _("Keep-alive chain of %s: "), focus->tooltip);
      /* the root itself says nothing; the package view has none */
      first = (layout->nodes[layout->chain[0]].flags & DV_LAYOUT_NODE_ROOT) ? 1 : 0;
    }
  else
    g_string_append_printf (out, _("%s has no path from the root; known ancestors: "), focus->tooltip);

  for (guint i = first; i < layout->n_chain; i++)
    {
      const DvLayoutNode *node = &layout->nodes[layout->chain[i]];

      if (i > first)
        g_string_append (out, " → ");
      if (node->fold == DV_LAYOUT_FOLD_STARTUP)
        g_string_append_printf (out, _("runtime start-up (%u steps)"), node->more_count);
      else
        g_string_append (out, node->flags & DV_LAYOUT_NODE_MORE ? "…" : node->tooltip);
    }
  return g_string_free (out, FALSE);
}

char *
dv_app_graph_describe_nodes (const DvLayout *layout)
{
  guint children = 0, parents = 0;
  g_autofree char *c = NULL;
  g_autofree char *p = NULL;
  g_autofree char *n = NULL;

  for (guint i = 0; i < layout->n_edges; i++)
    {
      const DvLayoutEdge *edge = &layout->edges[i];
      const DvLayoutNode *from = &layout->nodes[edge->from];
      const DvLayoutNode *to = &layout->nodes[edge->to];

      if (edge->on_chain)
        continue;
      if (from->flags & DV_LAYOUT_NODE_FOCUS)
        children += to->flags & DV_LAYOUT_NODE_MORE ? to->more_count : 1;
      else if (to->flags & DV_LAYOUT_NODE_FOCUS)
        parents += from->flags & DV_LAYOUT_NODE_MORE ? from->more_count : 1;
    }
  c = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u child", "%u children", children), children);
  p = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u other parent", "%u other parents", parents), parents);
  n = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u node shown", "%u nodes shown", layout->n_nodes),
                       layout->n_nodes);
  /* TRANSLATORS: children, other parents; nodes shown. */
  return g_strdup_printf (_("%s, %s; %s."), c, p, n);
}

/* ": a, b, c, … (12 in all)": the first names a fold holds. */
static void
append_names (GString            *text,
              const DvGraph      *graph,
              const DvLayoutNode *node,
              const char         *sep)
{
  if (graph == NULL || node->n_folded == 0)
    return;
  g_string_append (text, ": ");
  for (guint i = 0; i < node->n_folded && i < FOLD_NAMES; i++)
    {
      if (i > 0)
        g_string_append (text, sep);
      g_string_append (text, dv_graph_symbol_name (graph, node->folded[i]));
    }
  if (node->n_folded > FOLD_NAMES)
    {
      g_string_append (text, sep);
      /* TRANSLATORS: after the first few names of a fold: how many it holds. */
      g_string_append_printf (text, _("… (%u in all)"), node->n_folded);
    }
}

/* What a "+N more" node hides: "6 more children of net/http.(*Client).do" */
static void
append_more (GString            *text,
             const DvGraph      *graph,
             const DvLayout     *layout,
             const DvLayoutNode *node)
{
  int owner_index = dv_layout_find_symbol (layout, node->more_owner);
  const char *owner;

  if (node->fold == DV_LAYOUT_FOLD_STARTUP)
    {
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "The Go runtime's start-up, %u step",
                                                 "The Go runtime's start-up, %u steps", node->more_count),
                              node->more_count);
      if (graph != NULL && node->n_folded > 0)
        g_string_append_printf (text, _(": %s → … → %s"), dv_graph_symbol_name (graph, node->folded[0]),
                                dv_graph_symbol_name (graph, node->folded[node->n_folded - 1]));
      return;
    }
  if (node->fold == DV_LAYOUT_FOLD_METADATA && owner_index >= 0)
    {
      owner = layout->nodes[owner_index].tooltip;
      if (node->more_parents)
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u compiler metadata parent of %s",
                                                   "%u compiler metadata parents of %s", node->more_count),
                                node->more_count, owner);
      else
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u compiler metadata symbol of %s",
                                                   "%u compiler metadata symbols of %s", node->more_count),
                                node->more_count, owner);
      append_names (text, graph, node, ", ");
      return;
    }
  if (node->more_owner == DV_SYMBOL_NONE || owner_index < 0)
    {
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u more step of the chain",
                                                 "%u more steps of the chain", node->more_count),
                              node->more_count);
      return;
    }
  owner = layout->nodes[owner_index].tooltip;
  if (node->more_parents)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u more parent of %s",
                                               "%u more parents of %s", node->more_count),
                            node->more_count, owner);
  else
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u more child of %s",
                                               "%u more children of %s", node->more_count),
                            node->more_count, owner);
}

char *
dv_app_graph_describe_node (const DvGraph  *graph,
                            const DvLayout *layout,
                            guint           index)
{
  const DvLayoutNode *node = &layout->nodes[index];
  GString *text = g_string_new (NULL);

  if (node->flags & DV_LAYOUT_NODE_ROOT)
    g_string_append (text, _("The root"));
  else if (node->flags & DV_LAYOUT_NODE_MORE)
    {
      append_more (text, graph, layout, node);
      if (node->fold == DV_LAYOUT_FOLD_METADATA)
        g_string_append (text, _(" (hidden with Hide compiler metadata)"));
      else if (node->more_owner != DV_SYMBOL_NONE || node->fold == DV_LAYOUT_FOLD_STARTUP)
        g_string_append (text, _(" (Space shows them)"));
    }
  else
    {
      g_string_append (text, node->tooltip);
      if (node->flags & DV_LAYOUT_NODE_FOCUS)
        g_string_append (text, _(" (the focus)"));
    }
  return g_string_free (text, FALSE);
}

char *
dv_app_graph_describe_size (const DvCost *cost,
                            DvSymbolId    symbol)
{
  guint64 own, retained;
  g_autofree char *own_text = NULL;
  g_autofree char *retained_text = NULL;

  if (cost == NULL || symbol == DV_SYMBOL_NONE)
    return NULL;
  own = dv_cost_symbol_size (cost, symbol);
  retained = dv_cost_symbol_retained (cost, symbol);
  if (own == 0 && retained == 0)
    return NULL;
  own_text = dv_format_bytes (own);
  if (retained <= own)
    return g_steal_pointer (&own_text);
  retained_text = dv_format_bytes (retained);
  /* TRANSLATORS: a graph node's second line: its own bytes, and what
   * would leave with it ("1.2 kB · keeps 40 kB"). Keep it short. */
  return g_strdup_printf (_("%s · keeps %s"), own_text, retained_text);
}

char *
dv_app_graph_describe_tooltip (const DvGraph  *graph,
                               const DvCost   *cost,
                               const DvLayout *layout,
                               guint           index)
{
  const DvLayoutNode *node = &layout->nodes[index];
  GString *text = g_string_new (NULL);

  if (node->flags & DV_LAYOUT_NODE_ROOT)
    g_string_append (text, _("The root: the linker's entry points and the other symbols it keeps first"));
  else if (node->flags & DV_LAYOUT_NODE_MORE)
    {
      append_more (text, graph, layout, node);
      if (node->fold == DV_LAYOUT_FOLD_STARTUP)
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "\nClick to show the %u start-up step",
                                                   "\nClick to show the %u start-up steps", node->more_count),
                                node->more_count);
      else if (node->fold == DV_LAYOUT_FOLD_METADATA)
        g_string_append (text, _("\nHidden by “Hide compiler metadata” in the sidebar"));
      else if (node->more_owner != DV_SYMBOL_NONE)
        g_string_append (text, _("\nClick to show them"));
    }
  else if (node->flags & DV_LAYOUT_NODE_PACKAGE)
    {
      /* the package view: its path, how much of the chain runs in it */
      g_string_append (text, node->tooltip);
      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u step of the chain",
                                                 "%u steps of the chain", node->n_steps),
                              node->n_steps);
      g_string_append (text, _("\nClick to show why the package is in the binary"));
      return g_string_free (text, FALSE);
    }
  else
    g_string_append (text, node->tooltip);
  if (graph != NULL && node->symbol != DV_SYMBOL_NONE && !(node->flags & DV_LAYOUT_NODE_ROOT))
    {
      DvPackageId pkg = dv_graph_symbol_package (graph, node->symbol);

      g_string_append_printf (text, "\n%s", dv_app_symbol_kind_label (dv_graph_symbol_kind (graph, node->symbol)));
      if (pkg != DV_PACKAGE_NONE)
        g_string_append_printf (text, _(" in %s"), dv_graph_package_name (graph, pkg));
      if (node->symbol_flags & DV_SYMBOL_FLAG_USED_IN_IFACE)
        g_string_append (text, _("\nUsed in an interface: its methods may be kept"));
      if (node->symbol_flags & DV_SYMBOL_FLAG_REFLECT_METHOD)
        g_string_append (text, _("\nCalls reflect Method/MethodByName: keeps every exported method"));
      if (cost != NULL)
        {
          guint64 own = dv_cost_symbol_size (cost, node->symbol);
          guint64 retained = dv_cost_symbol_retained (cost, node->symbol);
          g_autofree char *own_text = dv_format_bytes (own);
          g_autofree char *retained_text = dv_format_bytes (retained);
          g_autofree char *own_exact = g_strdup_printf ("%" G_GUINT64_FORMAT, own);
          g_autofree char *retained_exact = g_strdup_printf ("%" G_GUINT64_FORMAT, retained);

          /* TRANSLATORS: own size: the text ("1.2 kB"), then the exact byte count. */
          g_string_append_printf (text, _("\nOwn size: %s (%s bytes)"), own_text, own_exact);
          /* TRANSLATORS: retained size: what would leave with the symbol. */
          g_string_append_printf (text, _("\nRetained: %s (%s bytes), what would leave with it"),
                                  retained_text, retained_exact);
        }
    }
  return g_string_free (text, FALSE);
}

guint
dv_app_graph_describe_mark_count (DvAppHighlight     *highlight,
                                  const DvGraph      *graph,
                                  const DvLayoutNode *node)
{
  guint count = 0;

  if (highlight == NULL || dv_app_highlight_get_kind (highlight) == DV_APP_HIGHLIGHT_NONE
      || node->flags & DV_LAYOUT_NODE_ROOT)
    return 0;
  if (node->flags & DV_LAYOUT_NODE_PACKAGE)
    return dv_app_highlight_has_package (highlight, graph, node->package_id) ? 1 : 0;
  if (node->flags & DV_LAYOUT_NODE_MORE)
    {
      for (guint i = 0; i < node->n_folded; i++)
        count += dv_app_highlight_has_symbol (highlight, graph, node->folded[i]) ? 1 : 0;
      return count;
    }
  return dv_app_highlight_has_symbol (highlight, graph, node->symbol) ? 1 : 0;
}

char *
dv_app_graph_describe_mark (DvAppHighlight     *highlight,
                            const DvLayoutNode *node,
                            guint               count)
{
  const char *label;

  if (count == 0 || highlight == NULL)
    return NULL;
  label = dv_app_highlight_get_label (highlight) ? dv_app_highlight_get_label (highlight) : "";
  if (node->flags & DV_LAYOUT_NODE_MORE)
    /* TRANSLATORS: a "+N more" node's tooltip: how many of the symbols it
     * folds are marked, and why ("3 of them marked: new since etcd-go1.19") */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of them marked: %s", "%u of them marked: %s", count),
                            count, label);
  /* TRANSLATORS: a marked node's tooltip line ("Marked: goes with tls.(*Conn).Handshake") */
  return g_strdup_printf (_("Marked: %s"), label);
}
