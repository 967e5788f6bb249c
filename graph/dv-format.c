/* dv-format.c: a why-answer as text, Markdown, JSON or DOT. */
#include "config.h"

#include "dv-format.h"
#include "dv-format-cost.h"

#include <string.h>

/* How a package answer's chains read. */
typedef enum {
  CHAIN_SHORTEST,      /* to the package's nearest symbol, not its inittask */
  CHAIN_IMPORT,        /* through the inittasks of the importers (Go <= 1.20) */
  CHAIN_INIT_ROOT,     /* go:main.inittasks -> pkg..inittask (Go >= 1.21) */
} ChainShape;

static ChainShape
package_chain_shape (const DvGraph *graph, const DvWhyAnswer *a)
{
  const char *target = dv_graph_symbol_name (graph, a->target);

  if (!g_str_has_suffix (target, "..inittask"))
    return CHAIN_SHORTEST;
  for (guint i = 0; i + 1 < a->chain->len; i++)
    {
      const char *name = dv_graph_symbol_name (graph, g_array_index (a->chain, DvChainStep, i).symbol);
      if (strcmp (name, "go:main.inittasks") == 0 || strcmp (name, "go.main.inittasks") == 0)
        return CHAIN_INIT_ROOT;
    }
  return CHAIN_IMPORT;
}

/* The words for a package answer, shared by the text and Markdown forms. */
static const char *
chain_title (ChainShape shape)
{
  switch (shape)
    {
    case CHAIN_IMPORT:    return "Import chain (through the inittasks of the packages that import it)";
    case CHAIN_INIT_ROOT: return "Initialisation chain";
    case CHAIN_SHORTEST:
    default:              return "Shortest chain";
    }
}

static const char *const init_root_note =
  "Go 1.21 and later hang every package's inittask directly off go:main.inittasks: "
  "the dump does not record which package imports it.";
static const char *const code_chain_title = "Code chain (which code uses it, outside its own initialisation)";

static gboolean
same_chain (const DvWhyAnswer *a)
{
  return a->code_chain != NULL && a->code_target == a->target;
}

void
dv_format_flags (GString *out, DvSymbolFlags flags, const char *sep,
                 const char *before, const char *after)
{
  gboolean first = TRUE;

  if (flags & DV_SYMBOL_FLAG_USED_IN_IFACE)
    {
      g_string_append_printf (out, "%sUsedInIface%s", before, after);
      first = FALSE;
    }
  if (flags & DV_SYMBOL_FLAG_REFLECT_METHOD)
    g_string_append_printf (out, "%s%sReflectMethod%s", first ? "" : sep, before, after);
}

static const char *
package_or_empty (const DvGraph *graph, DvSymbolId id)
{
  DvPackageId p = dv_graph_symbol_package (graph, id);
  return p == DV_PACKAGE_NONE ? "" : dv_graph_package_name (graph, p);
}

/* Names are bytes; output for people and JSON must be UTF-8. */
static char *
printable (const char *s)
{
  return g_utf8_make_valid (s, -1);
}

static const char *
display_name (const char *s)
{
  return *s ? s : "(unnamed)";
}

/* ---------------------------------------------------------------------- */

static void
text_steps (GString *out, const DvGraph *graph, GArray *steps, const DvCost *cost)
{
  for (guint i = 0; i < steps->len; i++)
    {
      DvChainStep *st = &g_array_index (steps, DvChainStep, i);
      g_autofree char *name = printable (dv_graph_symbol_name (graph, st->symbol));
      g_string_append_printf (out, "  %-5s %s", dv_edge_kind_to_string (st->via), display_name (name));
      if (dv_graph_symbol_flags (graph, st->symbol))
        {
          g_string_append_c (out, ' ');
          dv_format_flags (out, dv_graph_symbol_flags (graph, st->symbol), "", "<", ">");
        }
      if (cost != NULL)
        {
          g_autofree char *own = dv_format_bytes (dv_cost_symbol_size (cost, st->symbol));
          g_autofree char *kept = dv_format_bytes (dv_cost_symbol_retained (cost, st->symbol));
          g_string_append_printf (out, "  [%s, retains %s]", own, kept);
        }
      g_string_append_c (out, '\n');
    }
}

static void
text_unlinked (GString *out, const DvGraph *graph, const DvWhyAnswer *a)
{
  g_string_append_printf (out, "package %s is not linked into this binary: no function, "
                          "variable or type of it is live.\n", a->package_path);
  g_string_append (out, "Only symbols whose name proves nothing carry its name (the linker merges "
                        "them by content and keeps the name of whichever copy it met first, "
                        "or they are debug entries):\n");
  for (guint i = 0; a->named_by && i < a->named_by->len; i++)
    {
      g_autofree char *name = printable (dv_graph_symbol_name (graph, g_array_index (a->named_by, DvSymbolId, i)));
      g_string_append_printf (out, "  %s\n", name);
    }
}

static void
text_inlined (GString *out, const DvGraph *graph, const DvWhyAnswer *a)
{
  g_autofree char *function = printable (a->function);
  g_autofree char *entry = printable (dv_graph_symbol_name (graph, a->target));

  g_string_append_printf (out, "%s is not in the binary as code: it was probably inlined "
                          "wherever it is called.\nThe dump holds only %s, the DWARF entry "
                          "of its inlined copies.\n", function, entry);
  if (a->inlined_into->len == 0)
    g_string_append (out, "The dump does not say where it was inlined: the linker printed that "
                          "entry for the unnamed DWARF entries of the functions that hold it.\n");
  else
    g_string_append (out, "inlined into:\n");
  for (guint i = 0; i < a->inlined_into->len; i++)
    {
      g_autofree char *name = printable (g_ptr_array_index (a->inlined_into, i));
      g_string_append_printf (out, "  %s\n", name);
    }
}

static void
format_text (GString *out, const DvGraph *graph, const DvWhyAnswer *a)
{
  if (a->is_package && a->target == DV_SYMBOL_NONE)
    {
      text_unlinked (out, graph, a);
      return;
    }

  if (a->is_inlined)
    {
      text_inlined (out, graph, a);
      return;
    }


  g_autofree char *target = printable (dv_graph_symbol_name (graph, a->target));
  if (a->is_package)
    {
      const char *pkg = dv_graph_package_name (graph, a->package);
      g_string_append_printf (out, "package %s: linked (%s), %u of %u symbols live\n", pkg,
                              dv_package_link_to_string (a->link),
                              dv_graph_package_n_reachable (graph, a->package),
                              dv_graph_package_n_symbols (graph, a->package));
      if (a->cost != NULL)
        {
          g_autofree char *own = dv_format_bytes (dv_cost_package_size (a->cost, a->package));
          g_autofree char *kept = dv_format_bytes (dv_cost_package_retained (a->cost, a->package));
          g_string_append_printf (out, "Its symbols take %s; %s would leave with them "
                                  "(an estimate over the recorded edges).\n", own, kept);
        }
      if (a->link == DV_PACKAGE_LINK_TYPES_ONLY)
        g_string_append (out, "Only types of it are live, no code: "
                              "other packages use its types.\n");
    }
  if (a->chain != NULL && a->is_package)
    {
      ChainShape shape = package_chain_shape (graph, a);
      g_string_append_printf (out, "%s to %s, %u step%s from the root:\n",
                              same_chain (a) ? "Shortest chain, which is also the code chain," : chain_title (shape),
                              display_name (target), a->chain->len, a->chain->len == 1 ? "" : "s");
      text_steps (out, graph, a->chain, a->cost);
      if (shape == CHAIN_INIT_ROOT)
        g_string_append_printf (out, "(%s)\n", init_root_note);
      if (a->code_chain != NULL && !same_chain (a))
        {
          g_autofree char *code_target = printable (dv_graph_symbol_name (graph, a->code_target));
          g_string_append_printf (out, "%s, to %s, %u step%s from the root:\n", code_chain_title,
                                  code_target, a->code_chain->len, a->code_chain->len == 1 ? "" : "s");
          text_steps (out, graph, a->code_chain, a->cost);
        }
      else if (a->code_chain == NULL && a->link == DV_PACKAGE_LINK_CODE)
        g_string_append (out, "No live code of it is reached other than through its own initialisation.\n");
      g_string_append (out, "(the shortest chains over the reasons the linker recorded; "
                            "it records only the first reason for each symbol)\n");
    }
  else if (a->chain != NULL)
    {
      if (a->cost != NULL)
        {
          g_autofree char *own = dv_format_bytes (dv_cost_symbol_size (a->cost, a->target));
          g_autofree char *kept = dv_format_bytes (dv_cost_symbol_retained (a->cost, a->target));
          g_string_append_printf (out, "%s takes %s; %s would leave with it "
                                  "(an estimate over the recorded edges).\n", display_name (target), own, kept);
        }
      g_string_append_printf (out, "%s is kept alive by this chain (%u step%s from the root):\n",
                              display_name (target), a->chain->len, a->chain->len == 1 ? "" : "s");
      text_steps (out, graph, a->chain, a->cost);
      g_string_append (out, "(the shortest chain over the reasons the linker recorded; "
                            "it records only the first reason for each symbol)\n");
    }
  else
    {
      g_string_append_printf (out, "%s has no recorded path from the root _\n", display_name (target));
      if (a->ancestors && a->ancestors->len > 0)
        {
          g_string_append (out, "known ancestors, nearest first:\n");
          text_steps (out, graph, a->ancestors, a->cost);
        }
      else
        g_string_append (out, "the dump records no parent for it\n");
    }
}

/* ---------------------------------------------------------------------- */

void
dv_format_markdown_code (GString *out, const char *s, gboolean in_table)
{
  g_autofree char *valid = printable (s);
  guint longest = 0, run = 0;

  for (const char *p = valid; *p; p++)
    {
      run = *p == '`' ? run + 1 : 0;
      longest = MAX (longest, run);
    }
  GString *ticks = g_string_new (NULL);
  for (guint i = 0; i <= longest; i++)
    g_string_append_c (ticks, '`');
  g_string_append (out, ticks->str);
  if (valid[0] == '`' || longest > 0)
    g_string_append_c (out, ' ');
  for (const char *p = valid; *p; p++)
    {
      if (*p == '|' && in_table)
        g_string_append (out, "\\|");
      else if (*p == '\n')
        g_string_append (out, "\\n");
      else if (*p == '\t')
        g_string_append (out, "\\t");
      else
        g_string_append_c (out, *p);
    }
  if (longest > 0)
    g_string_append_c (out, ' ');
  g_string_append (out, ticks->str);
  g_string_free (ticks, TRUE);
}

static void
md_table (GString *out, const DvGraph *graph, GArray *steps, const DvCost *cost)
{
  g_string_append (out, cost ? "| # | symbol | package | kept via | own | retained |\n|---:|---|---|---|---:|---:|\n"
                             : "| # | symbol | package | kept via |\n|---:|---|---|---|\n");
  for (guint i = 0; i < steps->len; i++)
    {
      DvChainStep *st = &g_array_index (steps, DvChainStep, i);
      const char *name = dv_graph_symbol_name (graph, st->symbol);
      const char *pkg = package_or_empty (graph, st->symbol);
      g_string_append_printf (out, "| %u | ", i + 1);
      if (*name)
        dv_format_markdown_code (out, name, TRUE);
      else
        g_string_append (out, "*(unnamed)*");
      if (dv_graph_symbol_flags (graph, st->symbol))
        {
          g_string_append_c (out, ' ');
          dv_format_flags (out, dv_graph_symbol_flags (graph, st->symbol), " ", "*", "*");
        }
      g_string_append (out, " | ");
      if (*pkg)
        dv_format_markdown_code (out, pkg, TRUE);
      g_string_append_printf (out, " | %s |", dv_edge_kind_to_string (st->via));
      if (cost != NULL)
        {
          g_autofree char *own = dv_format_bytes (dv_cost_symbol_size (cost, st->symbol));
          g_autofree char *kept = dv_format_bytes (dv_cost_symbol_retained (cost, st->symbol));
          g_string_append_printf (out, " %s | %s |", own, kept);
        }
      g_string_append_c (out, '\n');
    }
}

static void
markdown_inlined (GString *out, const DvGraph *graph, const DvWhyAnswer *a)
{
  g_string_append (out, "**");
  dv_format_markdown_code (out, a->function, FALSE);
  g_string_append (out, " is not in the binary as code**\n\nIt was probably inlined wherever "
                        "it is called: the dump holds only ");
  dv_format_markdown_code (out, dv_graph_symbol_name (graph, a->target), FALSE);
  g_string_append (out, ", the DWARF entry of its inlined copies.");
  if (a->inlined_into->len == 0)
    g_string_append (out, " The dump does not say where it was inlined.\n");
  else
    g_string_append (out, " Inlined into:\n\n");
  for (guint i = 0; i < a->inlined_into->len; i++)
    {
      g_string_append (out, "- ");
      dv_format_markdown_code (out, g_ptr_array_index (a->inlined_into, i), FALSE);
      g_string_append_c (out, '\n');
    }
}

static void
format_markdown (GString *out, const DvGraph *graph, const DvWhyAnswer *a)
{
  const char *target = dv_graph_symbol_name (graph, a->target);

  if (a->is_inlined)
    {
      markdown_inlined (out, graph, a);
      return;
    }

  g_string_append (out, "**Why is ");
  if (a->is_package)
    {
      g_string_append (out, "package ");
      dv_format_markdown_code (out, a->package_path, FALSE);
    }
  else
    dv_format_markdown_code (out, target, FALSE);
  g_string_append (out, " in the binary?**\n\n");

  if (a->is_package && a->target == DV_SYMBOL_NONE)
    {
      g_string_append (out, "It is not: no function, variable or type of it is live. Only symbols "
                            "whose name proves nothing carry its name (merged by content, or debug "
                            "entries):\n\n");
      for (guint i = 0; a->named_by && i < a->named_by->len; i++)
        {
          g_string_append (out, "- ");
          dv_format_markdown_code (out, dv_graph_symbol_name (graph, g_array_index (a->named_by, DvSymbolId, i)), FALSE);
          g_string_append_c (out, '\n');
        }
    }
  else if (a->is_package)
    {
      g_string_append_printf (out, "Linked: **%s**; %u of its %u symbols are live; the chain ends at ",
                              dv_package_link_to_string (a->link),
                              dv_graph_package_n_reachable (graph, a->package),
                              dv_graph_package_n_symbols (graph, a->package));
      dv_format_markdown_code (out, target, FALSE);
      g_string_append (out, ".\n\n");
    }
  if (a->chain != NULL)
    {
      if (a->is_package)
        {
          ChainShape shape = package_chain_shape (graph, a);
          g_string_append_printf (out, "%s, %u step%s from the linker's root:\n\n",
                                  same_chain (a) ? "Shortest chain, also the code chain" : chain_title (shape),
                                  a->chain->len, a->chain->len == 1 ? "" : "s");
          md_table (out, graph, a->chain, a->cost);
          if (shape == CHAIN_INIT_ROOT)
            g_string_append_printf (out, "\n%s\n", init_root_note);
          if (a->code_chain != NULL && !same_chain (a))
            {
              g_string_append_printf (out, "\n%s, %u step%s:\n\n", code_chain_title,
                                      a->code_chain->len, a->code_chain->len == 1 ? "" : "s");
              md_table (out, graph, a->code_chain, a->cost);
            }
        }
      else
        {
          g_string_append_printf (out, "Keep-alive chain, %u step%s from the linker's root:\n\n",
                                  a->chain->len, a->chain->len == 1 ? "" : "s");
          md_table (out, graph, a->chain, a->cost);
        }
    }
  else if (a->target != DV_SYMBOL_NONE)
    {
      g_string_append (out, "It has no recorded path from the linker's root.");
      if (a->ancestors && a->ancestors->len > 0)
        {
          g_string_append (out, " Known ancestors, nearest first:\n\n");
          md_table (out, graph, a->ancestors, a->cost);
        }
      else
        g_string_append (out, "\n");
    }
  g_string_append (out, "\n<sub>The shortest chain over the reasons the Go linker recorded "
                        "(<code>-ldflags=-dumpdep</code>); it records only the first reason "
                        "for each symbol. Found with DepView.</sub>\n");
}

/* ---------------------------------------------------------------------- */

void
dv_format_json_string (GString *out, const char *s)
{
  g_autofree char *valid = printable (s);

  g_string_append_c (out, '"');
  for (const char *p = valid; *p; p++)
    {
      guchar c = (guchar) *p;
      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static void
json_steps (GString *out, const DvGraph *graph, GArray *steps, const DvCost *cost)
{
  g_string_append_c (out, '[');
  for (guint i = 0; steps && i < steps->len; i++)
    {
      DvChainStep *st = &g_array_index (steps, DvChainStep, i);
      g_string_append (out, i ? ",\n    {\"symbol\": " : "\n    {\"symbol\": ");
      dv_format_json_string (out, dv_graph_symbol_name (graph, st->symbol));
      g_string_append (out, ", \"package\": ");
      dv_format_json_string (out, package_or_empty (graph, st->symbol));
      g_string_append (out, ", \"flags\": [");
      dv_format_flags (out, dv_graph_symbol_flags (graph, st->symbol), ", ", "\"", "\"");
      g_string_append_printf (out, "], \"via\": \"%s\"", dv_edge_kind_to_string (st->via));
      if (cost != NULL)
        g_string_append_printf (out, ", \"size\": %" G_GUINT64_FORMAT ", \"retained\": %" G_GUINT64_FORMAT,
                                dv_cost_symbol_size (cost, st->symbol),
                                dv_cost_symbol_retained (cost, st->symbol));
      g_string_append_c (out, '}');
    }
  g_string_append (out, steps && steps->len ? "\n  ]" : "]");
}

static void
format_json (GString *out, const DvGraph *graph, const DvWhyAnswer *a)
{
  g_string_append (out, "{\n  \"query\": ");
  dv_format_json_string (out, a->query ? a->query : "");
  g_string_append (out, ",\n  \"target\": ");
  dv_format_json_string (out, a->target != DV_SYMBOL_NONE ? dv_graph_symbol_name (graph, a->target) : "");
  g_string_append_printf (out, ",\n  \"kind\": \"%s\"",
                          a->is_inlined ? "inlined" : a->is_package ? "package" : "symbol");
  if (a->is_inlined)
    {
      g_string_append (out, ",\n  \"function\": ");
      dv_format_json_string (out, a->function);
    }
  g_string_append_printf (out, ",\n  \"reachable\": %s,\n  \"chain\": ",
                          a->chain ? "true" : "false");
  json_steps (out, graph, a->chain, a->cost);
  if (a->cost != NULL && a->is_package && a->package != DV_PACKAGE_NONE)
    g_string_append_printf (out, ",\n  \"size\": %" G_GUINT64_FORMAT ",\n  \"retained\": %" G_GUINT64_FORMAT,
                            dv_cost_package_size (a->cost, a->package),
                            dv_cost_package_retained (a->cost, a->package));
  else if (a->cost != NULL && !a->is_package && !a->is_inlined && a->target != DV_SYMBOL_NONE)
    g_string_append_printf (out, ",\n  \"size\": %" G_GUINT64_FORMAT ",\n  \"retained\": %" G_GUINT64_FORMAT,
                            dv_cost_symbol_size (a->cost, a->target),
                            dv_cost_symbol_retained (a->cost, a->target));
  if (a->is_inlined)
    {
      g_string_append (out, ",\n  \"inlined_into\": [");
      for (guint i = 0; i < a->inlined_into->len; i++)
        {
          g_string_append (out, i ? ", " : "");
          dv_format_json_string (out, g_ptr_array_index (a->inlined_into, i));
        }
      g_string_append_c (out, ']');
    }
  if (a->is_package)
    {
      g_string_append (out, ",\n  \"package\": ");
      dv_format_json_string (out, a->package_path);
      g_string_append_printf (out, ",\n  \"linked\": \"%s\",\n  \"code_target\": ",
                              dv_package_link_to_string (a->link));
      if (a->code_chain)
        dv_format_json_string (out, dv_graph_symbol_name (graph, a->code_target));
      else
        g_string_append (out, "null");
      g_string_append (out, ",\n  \"code_chain\": ");
      if (a->code_chain)
        json_steps (out, graph, a->code_chain, a->cost);
      else
        g_string_append (out, "null");
      if (a->chain != NULL)
        g_string_append_printf (out, ",\n  \"chain_kind\": \"%s\"",
                                package_chain_shape (graph, a) == CHAIN_IMPORT ? "import"
                                : package_chain_shape (graph, a) == CHAIN_INIT_ROOT ? "init" : "shortest");
      if (a->named_by)
        {
          g_string_append (out, ",\n  \"named_by\": [");
          for (guint i = 0; i < a->named_by->len; i++)
            {
              g_string_append (out, i ? ", " : "");
              dv_format_json_string (out, dv_graph_symbol_name (graph, g_array_index (a->named_by, DvSymbolId, i)));
            }
          g_string_append_c (out, ']');
        }
    }
  g_string_append (out, "\n}\n");
}

char *
dv_format_why (const DvGraph *graph, const DvWhyAnswer *answer, DvFormat format)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (answer->target != DV_SYMBOL_NONE || answer->named_by != NULL,
                        g_string_free (out, FALSE));
  /* DOT is a picture: dv_layout_export draws it, the same view as svg and png */
  g_return_val_if_fail (format != DV_FORMAT_DOT, g_string_free (out, FALSE));
  switch (format)
    {
    case DV_FORMAT_TEXT:     format_text (out, graph, answer); break;
    case DV_FORMAT_MARKDOWN: format_markdown (out, graph, answer); break;
    case DV_FORMAT_JSON:     format_json (out, graph, answer); break;
    default:                 g_assert_not_reached ();
    }
  return g_string_free (out, FALSE);
}
