/* dv-format-diff.c: see dv-format-diff.h. */
#include "config.h"

#include "dv-format-diff.h"
#include "dv-check.h"
#include "dv-format-cost.h"

#include <string.h>

typedef struct {
  DvPackageId package;
  guint64     bytes;
  DvSymbolId  target, code_target;
  GArray     *chain, *code_chain;
  DvSymbolId  brought_in_by;  /* the step before the package in the chain shown */
} NewPackage;

typedef struct {
  const char *name;           /* package path, "" for symbols of no package */
  guint       added, removed;
  guint64     added_bytes, removed_bytes;
} PackageChange;

static gint
compare_new (gconstpointer a, gconstpointer b)
{
  const NewPackage *x = a, *y = b;
  if (x->bytes != y->bytes)
    return x->bytes > y->bytes ? -1 : 1;
  return 0; /* stable: nearest to the root first */
}

static gint
compare_changes (gconstpointer a, gconstpointer b)
{
  const PackageChange *x = a, *y = b;
  gint64 dx = (gint64) x->added_bytes - (gint64) x->removed_bytes;
  gint64 dy = (gint64) y->added_bytes - (gint64) y->removed_bytes;
  if (dx != dy)
    return dx > dy ? -1 : 1;
  if (x->added + x->removed != y->added + y->removed)
    return x->added + x->removed > y->added + y->removed ? -1 : 1;
  return strcmp (x->name, y->name);
}

static DvSymbolId
step_before_package (const DvGraph *g, GArray *chain, DvPackageId p)
{
  for (guint k = 0; chain && k < chain->len; k++)
    if (dv_graph_symbol_package (g, g_array_index (chain, DvChainStep, k).symbol) == p)
      return k > 0 ? g_array_index (chain, DvChainStep, k - 1).symbol : DV_SYMBOL_NONE;
  return DV_SYMBOL_NONE;
}

static GArray *
new_packages (const DvGraph *after, const DvDiff *d, const DvCost *cost)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (NewPackage));

  for (guint i = 0; i < d->added_packages->len; i++)
    {
      NewPackage np = { 0 };
      np.package = g_array_index (d->added_packages, DvPackageId, i);
      np.bytes = cost ? dv_cost_package_size (cost, np.package) : 0;
      np.chain = dv_why_package (after, np.package, &np.target);
      np.code_chain = dv_why_package_code (after, np.package, &np.code_target);
      np.brought_in_by = step_before_package (after, np.code_chain ? np.code_chain : np.chain, np.package);
      g_array_append_val (out, np);
    }
  if (cost)
    g_array_sort (out, compare_new);
  return out;
}

static void
count_changes (GHashTable *by_name, const DvGraph *g, GArray *ids, const DvCost *cost, gboolean added)
{
  for (guint i = 0; i < ids->len; i++)
    {
      DvSymbolId id = g_array_index (ids, DvSymbolId, i);
      DvPackageId p = dv_graph_symbol_package (g, id);
      const char *name = p == DV_PACKAGE_NONE ? "" : dv_graph_package_name (g, p);
      PackageChange *c = g_hash_table_lookup (by_name, name);
      if (c == NULL)
        {
          c = g_new0 (PackageChange, 1);
          c->name = name;
          g_hash_table_insert (by_name, (char *) name, c);
        }
      guint64 bytes = cost ? dv_cost_symbol_size (cost, id) : 0;
      if (added)
        {
          c->added++;
          c->added_bytes += bytes;
        }
      else
        {
          c->removed++;
          c->removed_bytes += bytes;
        }
    }
}

static GArray *
package_changes (const DvGraph *before, const DvGraph *after, const DvDiff *d,
                 const DvCost *cost_before, const DvCost *cost_after)
{
  g_autoptr(GHashTable) by_name = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (PackageChange));
  GHashTableIter iter;
  gpointer value;

  count_changes (by_name, after, d->added, cost_after, TRUE);
  count_changes (by_name, before, d->removed, cost_before, FALSE);
  g_hash_table_iter_init (&iter, by_name);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_array_append_val (out, *(PackageChange *) value);
  g_array_sort (out, compare_changes);
  return out;
}

static char *
signed_bytes (gint64 delta)
{
  g_autofree char *abs = dv_format_bytes ((guint64) (delta < 0 ? -delta : delta));
  return g_strdup_printf ("%s%s", delta < 0 ? "−" : "+", abs);
}

static void
json_chain (GString *out, const DvGraph *g, GArray *chain)
{
  if (chain == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '[');
  for (guint k = 0; k < chain->len; k++)
    {
      DvChainStep *st = &g_array_index (chain, DvChainStep, k);
      g_string_append (out, k ? ", {\"symbol\": " : "{\"symbol\": ");
      dv_format_json_string (out, dv_graph_symbol_name (g, st->symbol));
      g_string_append_printf (out, ", \"via\": \"%s\"}", dv_edge_kind_to_string (st->via));
    }
  g_string_append_c (out, ']');
}

static void
json_names (GString *out, const DvGraph *g, GArray *ids, gboolean packages, guint limit)
{
  for (guint i = 0; i < ids->len && i < limit; i++)
    {
      guint id = g_array_index (ids, guint, i);
      g_string_append (out, i ? ", " : "");
      dv_format_json_string (out, packages ? dv_graph_package_name (g, id) : dv_graph_symbol_name (g, id));
    }
}

static void
text_chain (GString *out, const DvGraph *g, GArray *chain, gboolean md, const char *indent)
{
  for (guint k = 0; chain && k < chain->len; k++)
    {
      DvChainStep *st = &g_array_index (chain, DvChainStep, k);
      const char *name = dv_graph_symbol_name (g, st->symbol);
      if (md)
        {
          g_string_append_printf (out, "%s%u. ", indent, k + 1);
          dv_format_markdown_code (out, name, FALSE);
          g_string_append_printf (out, " (%s)\n", dv_edge_kind_to_string (st->via));
        }
      else
        {
          g_autofree char *valid = g_utf8_make_valid (name, -1);
          g_string_append_printf (out, "%s%-5s %s\n", indent, dv_edge_kind_to_string (st->via), valid);
        }
    }
}

static void
md_html_code (GString *out, const char *s)
{
  /* inside <summary>, HTML: Markdown code spans are not read there */
  g_autofree char *valid = g_utf8_make_valid (s, -1);
  g_autofree char *escaped = g_markup_escape_text (valid, -1);
  g_string_append_printf (out, "<code>%s</code>", escaped);
}

char *
dv_format_diff (const DvGraph *before, const DvGraph *after, const DvDiff *d,
                const DvCost *cost_before, const DvCost *cost_after, guint limit, DvFormat format)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GArray) added = new_packages (after, d, cost_after);
  g_autoptr(GArray) changes = package_changes (before, after, d, cost_before, cost_after);
  guint64 size_before = 0, size_after = 0;
  const char *source_before = NULL, *source_after = NULL;
  gboolean sized = dv_check_build_size (before, cost_before, &size_before, &source_before)
                   && dv_check_build_size (after, cost_after, &size_after, &source_after);
  gint64 growth = (gint64) size_after - (gint64) size_before;
  double percent = size_before ? 100.0 * (double) growth / (double) size_before : 0;
  gboolean bytes = cost_after != NULL;

  if (format == DV_FORMAT_JSON)
    {
      g_string_append (out, "{\n  \"added_packages\": [");
      json_names (out, after, d->added_packages, TRUE, G_MAXUINT);
      g_string_append (out, "],\n  \"removed_packages\": [");
      json_names (out, before, d->removed_packages, TRUE, G_MAXUINT);
      g_string_append_printf (out, "],\n  \"added_symbols\": %u,\n  \"removed_symbols\": %u,\n"
                              "  \"spellings\": \"%s\",\n  \"added\": [",
                              d->added->len, d->removed->len, d->spellings_differ ? "different" : "same");
      json_names (out, after, d->added, FALSE, limit);
      g_string_append (out, "],\n  \"removed\": [");
      json_names (out, before, d->removed, FALSE, limit);
      g_string_append (out, "],\n  \"size_before\": ");
      if (sized)
        g_string_append_printf (out, "%" G_GUINT64_FORMAT ",\n  \"size_after\": %" G_GUINT64_FORMAT
                                ",\n  \"growth_bytes\": %" G_GINT64_FORMAT ",\n  \"growth_percent\": %.2f",
                                size_before, size_after, growth, percent);
      else
        g_string_append (out, "null,\n  \"size_after\": null,\n  \"growth_bytes\": null,\n  \"growth_percent\": null");
      g_string_append (out, ",\n  \"new_packages\": [");
      for (guint i = 0; i < added->len; i++)
        {
          NewPackage *np = &g_array_index (added, NewPackage, i);
          g_string_append (out, i ? ",\n    {\"package\": " : "\n    {\"package\": ");
          dv_format_json_string (out, dv_graph_package_name (after, np->package));
          if (bytes)
            g_string_append_printf (out, ", \"size\": %" G_GUINT64_FORMAT, np->bytes);
          g_string_append (out, ", \"brought_in_by\": ");
          if (np->brought_in_by != DV_SYMBOL_NONE)
            dv_format_json_string (out, dv_graph_symbol_name (after, np->brought_in_by));
          else
            g_string_append (out, "null");
          g_string_append (out, ", \"chain\": ");
          json_chain (out, after, np->chain);
          g_string_append (out, ", \"code_chain\": ");
          json_chain (out, after, np->code_chain);
          g_string_append_c (out, '}');
        }
      g_string_append (out, added->len ? "\n  ],\n  \"by_package\": [" : "],\n  \"by_package\": [");
      for (guint i = 0; i < changes->len; i++)
        {
          PackageChange *c = &g_array_index (changes, PackageChange, i);
          g_string_append (out, i ? ",\n    {\"package\": " : "\n    {\"package\": ");
          dv_format_json_string (out, c->name);
          g_string_append_printf (out, ", \"added\": %u, \"removed\": %u", c->added, c->removed);
          if (bytes)
            g_string_append_printf (out, ", \"added_bytes\": %" G_GUINT64_FORMAT ", \"removed_bytes\": %" G_GUINT64_FORMAT,
                                    c->added_bytes, c->removed_bytes);
          g_string_append_c (out, '}');
        }
      g_string_append (out, changes->len ? "\n  ]\n}\n" : "]\n}\n");
      goto done;
    }

  gboolean md = format == DV_FORMAT_MARKDOWN;
  if (md)
    g_string_append (out, "### What this change links in\n\n");
  if (sized)
    {
      g_autofree char *delta = signed_bytes (growth);
      g_autofree char *from = dv_format_bytes (size_before);
      g_autofree char *to = dv_format_bytes (size_after);
      g_string_append_printf (out, md ? "**%s (%+.1f%%)**, %s → %s (by %s). " : "%s (%+.1f%%), %s -> %s (by %s)\n",
                              delta, percent, from, to, source_after);
    }
  g_string_append_printf (out, md ? "%u package%s newly linked, %u no longer; %u symbol%s added, %u removed.\n"
                                  : "%u package%s newly linked, %u no longer; %u symbol%s added, %u removed\n",
                          d->added_packages->len, d->added_packages->len == 1 ? "" : "s",
                          d->removed_packages->len, d->added->len, d->added->len == 1 ? "" : "s",
                          d->removed->len);
  if (d->spellings_differ)
    g_string_append (out, md ? "\n*The two dumps spell compiler symbols differently (Go 1.19 and "
                               "Go 1.20+); compared as one.*\n"
                             : "the two dumps spell compiler symbols differently (Go 1.19 and "
                               "Go 1.20+); compared as one\n");

  /* the summary a reviewer reads in ten seconds */
  if (added->len > 0)
    {
      if (md)
        g_string_append_printf (out, "\n| new package |%s brought in by |\n|---|%s---|\n",
                                bytes ? " bytes |" : "", bytes ? "---:|" : "");
      else
        g_string_append (out, "\nnew packages:\n");
      for (guint i = 0; i < added->len && i < limit; i++)
        {
          NewPackage *np = &g_array_index (added, NewPackage, i);
          g_autofree char *b = dv_format_bytes (np->bytes);
          const char *by = np->brought_in_by != DV_SYMBOL_NONE ? dv_graph_symbol_name (after, np->brought_in_by) : NULL;
          if (md)
            {
              g_string_append (out, "| ");
              dv_format_markdown_code (out, dv_graph_package_name (after, np->package), TRUE);
              if (bytes)
                g_string_append_printf (out, " | %s", b);
              g_string_append (out, " | ");
              if (by)
                dv_format_markdown_code (out, by, TRUE);
              g_string_append (out, " |\n");
            }
          else
            {
              g_autofree char *byv = by ? g_utf8_make_valid (by, -1) : NULL;
              g_string_append_printf (out, "  %s%s%s%s%s\n", dv_graph_package_name (after, np->package),
                                      bytes ? "  " : "", bytes ? b : "",
                                      by ? "  brought in by " : "", by ? byv : "");
            }
        }
      if (added->len > limit)
        g_string_append_printf (out, md ? "\n… and %u more new packages.\n" : "  … and %u more\n",
                                added->len - limit);

      /* each chain, folded */
      for (guint i = 0; i < added->len && i < limit; i++)
        {
          NewPackage *np = &g_array_index (added, NewPackage, i);
          const char *name = dv_graph_package_name (after, np->package);
          if (md)
            {
              g_string_append (out, "\n<details><summary>Why ");
              md_html_code (out, name);
              g_string_append (out, " is linked</summary>\n\n");
            }
          else
            g_string_append_printf (out, "\nwhy %s is linked:\n", name);
          if (np->code_chain && np->code_target != np->target)
            {
              g_string_append (out, md ? "Which code uses it:\n\n" : "  which code uses it:\n");
              text_chain (out, after, np->code_chain, md, md ? "" : "    ");
              g_string_append (out, md ? "\nImport chain:\n\n" : "  import chain:\n");
            }
          text_chain (out, after, np->chain, md, md ? "" : "    ");
          if (md)
            g_string_append (out, "\n</details>\n");
        }
    }
  if (d->removed_packages->len > 0)
    {
      g_string_append (out, md ? "\nNo longer linked: " : "\nno longer linked: ");
      for (guint i = 0; i < d->removed_packages->len && i < limit; i++)
        {
          DvPackageId p = g_array_index (d->removed_packages, DvPackageId, i);
          g_string_append (out, i ? ", " : "");
          if (md)
            dv_format_markdown_code (out, dv_graph_package_name (before, p), FALSE);
          else
            g_string_append (out, dv_graph_package_name (before, p));
          if (cost_before)
            {
              g_autofree char *b = dv_format_bytes (dv_cost_package_size (cost_before, p));
              g_string_append_printf (out, " (%s)", b);
            }
        }
      if (d->removed_packages->len > limit)
        g_string_append_printf (out, ", … and %u more", d->removed_packages->len - limit);
      g_string_append (out, md ? ".\n" : "\n");
    }
  if (changes->len > 0)
    {
      if (md)
        g_string_append_printf (out, "\n<details><summary>Symbols added and removed, by package</summary>\n\n"
                                "| package | added | removed |%s\n|---|---:|---:|%s\n",
                                bytes ? " bytes |" : "", bytes ? "---:|" : "");
      else
        g_string_append (out, "\nsymbols added and removed, by package:\n");
      for (guint i = 0; i < changes->len && i < limit; i++)
        {
          PackageChange *c = &g_array_index (changes, PackageChange, i);
          const char *name = *c->name ? c->name : "(shared data and symbols of no package)";
          g_autofree char *delta = signed_bytes ((gint64) c->added_bytes - (gint64) c->removed_bytes);
          if (md)
            {
              g_string_append (out, "| ");
              if (*c->name)
                dv_format_markdown_code (out, name, TRUE);
              else
                g_string_append (out, name);
              g_string_append_printf (out, " | %u | %u |", c->added, c->removed);
              if (bytes)
                g_string_append_printf (out, " %s |", delta);
              g_string_append_c (out, '\n');
            }
          else
            g_string_append_printf (out, "  %+7d %+7d  %s%s%s\n", (int) c->added, -(int) c->removed,
                                    bytes ? delta : "", bytes ? "  " : "", name);
        }
      if (changes->len > limit)
        g_string_append_printf (out, md ? "\n… and %u more packages.\n" : "  … and %u more packages\n",
                                changes->len - limit);
      if (md)
        g_string_append (out, "\n</details>\n");
    }
  if (md)
    g_string_append (out, "\n<sub>From the Go linker's <code>-dumpdep</code> of both builds; "
                          "a chain is the shortest over the reasons the linker recorded. "
                          "Found with DepView.</sub>\n");

done:
  for (guint i = 0; i < added->len; i++)
    {
      NewPackage *np = &g_array_index (added, NewPackage, i);
      g_clear_pointer (&np->chain, g_array_unref);
      g_clear_pointer (&np->code_chain, g_array_unref);
    }
  return g_string_free (out, FALSE);
}
