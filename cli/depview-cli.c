/* depview-cli: "why is X in my Go binary?" from a terminal or CI. No GTK. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dv-analysis.h"
#include "dv-format.h"
#include "dv-layout.h"

#include <gio/gunixinputstream.h>

enum { EXIT_FOUND = 0, EXIT_NOT_FOUND = 1, EXIT_BAD_INPUT = 2 };

static const char *const tool_summary =
  "Commands:\n"
  "  why       the shortest keep-alive chain from the linker's root to a symbol or package\n"
  "  keeps     what would go from the binary if a symbol went\n"
  "  reflect   the functions that make the linker keep every exported method\n"
  "  diff      what one dump has live that another has not (what a change added)\n"
  "  stats     counts of what the dump holds\n"
  "\n"
  "DUMP is the output of  go build -ldflags=-dumpdep ./cmd/app 2>deps.txt\n"
  "(add -c for call edges: -ldflags='-dumpdep -c'); it may be gzipped, and - reads\n"
  "standard input.\n"
  "\n"
  "A build of several binaries (go build ./cmd/...) writes one \"# path\" section\n"
  "each; every command takes --binary=PATH to choose one, or --binary=all to answer\n"
  "for each in turn: text under a line \"==> PATH <==\", Markdown under a heading,\n"
  "JSON as one object whose keys are the binaries' paths.\n"
  "\n"
  "Exit status: 0 found and reachable, 1 not found or not reachable,\n"
  "2 unreadable input or bad usage. With --binary=all, the highest of the\n"
  "binaries' statuses.\n"
  "\n"
  "Run 'depview-cli COMMAND --help' for the options of a command.";

/* --binary, the same for every command: parse_command reads it, load uses
 * it. With --binary=all, main runs the command once for each binary of the
 * (first) dump and puts the answers together. */
typedef enum { ANSWER_TEXT, ANSWER_MARKDOWN, ANSWER_JSON } AnswerShape;

static struct {
  char       *option;       /* --binary as given */
  gboolean    all;          /* --binary=all */
  gboolean    probed;       /* all: the first run found the binaries */
  char      **binaries;     /* all: what the probe found */
  const char *current;      /* all: the binary of this run */
  GString    *captured;     /* all: standard output of this run */
  AnswerShape shape;        /* all: how the answers are put together */
  GBytes     *stdin_bytes;  /* all: standard input, read once */
} each;

static const char binary_help[] =
  "The binary to read when DUMP holds several (go build ./cmd/...): the path of its "
  "\"# path\" section, or all for each in turn";

static int
usage_error (GOptionContext *ctx, const char *message)
{
  g_printerr ("depview-cli: %s\n", message);
  if (ctx != NULL)
    {
      g_autofree char *help = g_option_context_get_help (ctx, TRUE, NULL);
      g_printerr ("\n%s", help);
    }
  return EXIT_BAD_INPUT;
}

/* Sets up and parses a command's options; FALSE, with the usage printed,
 * when they are wrong or the command does not get n_operands operands. */
static gboolean
parse_command (GOptionContext *ctx, int *argc, char ***argv, int n_operands,
               const char *wrong_operands, const char *summary, const GOptionEntry *entries)
{
  g_autoptr(GError) error = NULL;
  const GOptionEntry binary_entries[] = {
    { "binary", 'b', 0, G_OPTION_ARG_STRING, &each.option, binary_help, "PATH" },
    { NULL }
  };
  const char *format = NULL, *output = NULL;

  g_option_context_set_summary (ctx, summary);
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_add_main_entries (ctx, binary_entries, NULL);
  if (!g_option_context_parse (ctx, argc, argv, &error))
    {
      usage_error (ctx, error->message);
      return FALSE;
    }
  if (*argc != n_operands + 1)
    {
      usage_error (ctx, wrong_operands);
      return FALSE;
    }
  if (g_strcmp0 (each.option, "all") != 0)
    return TRUE;

  /* --binary=all puts answers together: on standard output, and in a
   * shape that holds several (not an image) */
  for (const GOptionEntry *e = entries; e->long_name != NULL; e++)
    {
      if (strcmp (e->long_name, "format") == 0)
        format = *(char **) e->arg_data;
      else if (strcmp (e->long_name, "output") == 0)
        output = *(char **) e->arg_data;
    }
  if (output != NULL && strcmp (output, "-") != 0)
    {
      usage_error (NULL, "--binary=all writes to standard output; for --output, choose one binary");
      return FALSE;
    }
  if (format == NULL || strcmp (format, "text") == 0)
    each.shape = ANSWER_TEXT;
  else if (strcmp (format, "markdown") == 0 || strcmp (format, "md") == 0)
    each.shape = ANSWER_MARKDOWN;
  else if (strcmp (format, "json") == 0)
    each.shape = ANSWER_JSON;
  else
    {
      usage_error (NULL, "--binary=all gives text, markdown or json; for an image or DOT, "
                         "choose one binary");
      return FALSE;
    }
  each.all = TRUE;
  return TRUE;
}

static void
report_problems (const DvGraph *graph)
{
  const DvGraphStats *st = dv_graph_get_stats (graph);
  guint n = dv_graph_get_n_problems (graph);

  if (st->unreadable_lines == 0 && st->doubtful_lines == 0)
    return;
  for (guint i = 0; i < n && i < 5; i++)
    {
      const DvProblem *p = dv_graph_get_problem (graph, i);
      g_printerr ("%s:%" G_GUINT64_FORMAT ": %s: %s\n", dv_graph_get_display_name (graph),
                  p->line, p->message, p->excerpt);
    }
  if (st->unreadable_lines > 0)
    g_printerr ("%s: %" G_GUINT64_FORMAT " line%s could not be read and %s skipped\n",
                dv_graph_get_display_name (graph), st->unreadable_lines,
                st->unreadable_lines == 1 ? "" : "s", st->unreadable_lines == 1 ? "was" : "were");
  if (st->doubtful_lines > 0)
    g_printerr ("%s: %" G_GUINT64_FORMAT " line%s could be read two ways; check the reading above\n",
                dv_graph_get_display_name (graph), st->doubtful_lines,
                st->doubtful_lines == 1 ? "" : "s");
}

/* Standard input can be read once: --binary=all keeps it. */
static GBytes *
stdin_bytes (GError **error)
{
  if (each.stdin_bytes == NULL)
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
      if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, error) < 0)
        {
          g_prefix_error (error, "<stdin>: ");
          return NULL;
        }
      each.stdin_bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
    }
  return g_bytes_ref (each.stdin_bytes);
}

/* --binary=all, first run: the binaries of the first dump, then stop. */
static void
probe_binaries (const char *path)
{
  g_autoptr(GError) error = NULL;

  each.probed = TRUE;
  if (strcmp (path, "-") == 0)
    {
      g_autoptr(GBytes) bytes = stdin_bytes (&error);
      if (bytes != NULL)
        {
          g_autoptr(GInputStream) in = g_memory_input_stream_new_from_bytes (bytes);
          each.binaries = dv_graph_list_binaries_stream (in, "<stdin>", NULL, &error);
        }
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
      each.binaries = dv_graph_list_binaries_file (file, NULL, &error);
    }
  if (each.binaries == NULL)
    g_printerr ("depview-cli: %s\n", error->message);
}

static DvGraph *
load (const char *path)
{
  g_autoptr(GError) error = NULL;
  DvLoadOptions options = { .binary = each.all ? each.current : each.option };
  DvGraph *graph;

  if (each.all && !each.probed)
    {
      probe_binaries (path);
      return NULL;
    }
  if (strcmp (path, "-") == 0 && each.all)
    {
      g_autoptr(GBytes) bytes = stdin_bytes (&error);
      graph = bytes == NULL ? NULL
              : dv_graph_load_data_with_options (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                                 "<stdin>", &options, &error);
    }
  else
    graph = dv_graph_load_path_with_options (path, &options, NULL, &error);
  if (graph == NULL)
    {
      /* GIO's messages name the file already; ours do too */
      g_printerr ("depview-cli: %s\n", error->message);
      if (g_error_matches (error, DV_GRAPH_ERROR, DV_GRAPH_ERROR_SEVERAL_BINARIES))
        g_printerr ("depview-cli: choose one with --binary=PATH, or answer for each with --binary=all\n");
      return NULL;
    }
  report_problems (graph);
  guint repeats = 0;
  for (guint i = 0; i < dv_graph_get_n_sections (graph); i++)
    repeats += g_strcmp0 (dv_graph_get_section (graph, i), dv_graph_get_binary (graph)) == 0;
  if (repeats > 1)
    g_printerr ("%s: the binary %s has %u sections (the same build written again?); "
                "they are read as one graph\n",
                dv_graph_get_display_name (graph), dv_graph_get_binary (graph), repeats);
  return graph;
}

static gboolean
write_output (const char *output, const void *data, gsize len)
{
  g_autoptr(GError) error = NULL;

  if (each.captured != NULL)
    {
      g_string_append_len (each.captured, data, (gssize) len);
      return TRUE;
    }
  if (output == NULL || strcmp (output, "-") == 0)
    {
      if (fwrite (data, 1, len, stdout) != len || fflush (stdout) != 0)
        {
          g_printerr ("depview-cli: cannot write to standard output\n");
          return FALSE;
        }
      return TRUE;
    }
  if (!g_file_set_contents (output, data, (gssize) len, &error))
    {
      g_printerr ("depview-cli: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------------- */

static int
cmd_why (int argc, char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      "text (default), markdown, json, dot, svg or png", "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "Write to FILE instead of standard output", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("DUMP SYMBOL_OR_PACKAGE");
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = NULL;
  DvLookup lookup;
  DvWhyAnswer answer;
  DvFormat fmt = DV_FORMAT_TEXT;
  const char *image = NULL;
  int status;

  if (!parse_command (ctx, &argc, &argv, 2, "why takes a dump and a symbol or package",
      "Print the shortest chain of recorded reasons from the linker's root \"_\" to a\n"
      "symbol (fmt.Fprintln, \"regexp.(*Regexp).MatchString\") or a whole package\n"
      "(regexp, github.com/spf13/cobra). A name may be typed exactly, with or without\n"
      "its flags, as T.M for (*T).M, or as a part that matches one symbol.\n"
      "The linker records only the first reason it found for each symbol.",
      entries))
    return EXIT_BAD_INPUT;

  if (format == NULL || strcmp (format, "text") == 0)
    fmt = DV_FORMAT_TEXT;
  else if (strcmp (format, "markdown") == 0 || strcmp (format, "md") == 0)
    fmt = DV_FORMAT_MARKDOWN;
  else if (strcmp (format, "json") == 0)
    fmt = DV_FORMAT_JSON;
  else if (strcmp (format, "dot") == 0)
    fmt = DV_FORMAT_DOT;
  else if (strcmp (format, "svg") == 0 || strcmp (format, "png") == 0)
    image = format;
  else
    return usage_error (ctx, "--format takes text, markdown, json, dot, svg or png");
  if (image != NULL && strcmp (image, "png") == 0 && output == NULL && isatty (STDOUT_FILENO))
    return usage_error (NULL, "a PNG is not for a terminal; add --output=FILE");

  graph = load (argv[1]);
  if (graph == NULL)
    return EXIT_BAD_INPUT;

  dv_lookup (graph, argv[2], &lookup);
  if (lookup.kind == DV_LOOKUP_NOT_FOUND || lookup.kind == DV_LOOKUP_AMBIGUOUS)
    {
      if (lookup.kind == DV_LOOKUP_NOT_FOUND)
        g_printerr ("depview-cli: no symbol or package “%s” in %s\n", argv[2],
                    dv_graph_get_display_name (graph));
      else
        g_printerr ("depview-cli: “%s” matches several symbols in %s; be more precise\n",
                    argv[2], dv_graph_get_display_name (graph));
      if (lookup.candidates->len > 0)
        g_printerr (lookup.kind == DV_LOOKUP_NOT_FOUND ? "Did you mean:\n" : "Some of them:\n");
      for (guint i = 0; i < lookup.candidates->len; i++)
        g_printerr ("  %s\n", (const char *) g_ptr_array_index (lookup.candidates, i));
      dv_lookup_clear (&lookup);
      return EXIT_NOT_FOUND;
    }

  status = dv_why_answer_init (&answer, graph, argv[2], &lookup) ? EXIT_FOUND : EXIT_NOT_FOUND;
  if (image != NULL)
    {
      g_autoptr(GBytes) bytes = NULL;
      if (!dv_layout_render_why (graph, answer.target, image, &bytes, &error))
        {
          g_printerr ("depview-cli: %s\n", error->message);
          status = EXIT_BAD_INPUT;
        }
      else
        {
          gsize len;
          const void *data = g_bytes_get_data (bytes, &len);
          if (!write_output (output, data, len))
            status = EXIT_BAD_INPUT;
        }
    }
  else
    {
      g_autofree char *text = dv_format_why (graph, &answer, fmt);
      if (!write_output (output, text, strlen (text)))
        status = EXIT_BAD_INPUT;
    }
  if (status == EXIT_NOT_FOUND)
    g_printerr ("depview-cli: %s has no recorded path from the root\n",
                dv_graph_symbol_name (graph, answer.target));
  dv_why_answer_clear (&answer);
  dv_lookup_clear (&lookup);
  return status;
}

/* ---------------------------------------------------------------------- */

static int
cmd_stats (int argc, char **argv)
{
  g_autofree char *format = NULL;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, "text (default) or json", "FORMAT" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("DUMP");
  g_autoptr(DvGraph) graph = NULL;
  GString *out = g_string_new (NULL);
  const DvGraphStats *st;
  gboolean json;

  if (!parse_command (ctx, &argc, &argv, 1, "stats takes one dump",
      "Count what the dump holds: lines, dep and call edges, symbols (distinct names,\n"
      "flags removed; the empty name counted once, the root \"_\" not), roots,\n"
      "packages, symbols reachable from the root, sections, size lines, and lines\n"
      "that could not be read. The counts are those of the binary read (see --binary);\n"
      "\"section\" lists every binary of the file.",
      entries))
    return EXIT_BAD_INPUT;
  if (format != NULL && strcmp (format, "text") != 0 && strcmp (format, "json") != 0)
    return usage_error (ctx, "--format takes text or json");
  json = format != NULL && strcmp (format, "json") == 0;

  graph = load (argv[1]);
  if (graph == NULL)
    return EXIT_BAD_INPUT;
  st = dv_graph_get_stats (graph);

  if (json)
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
        ",\n  \"packages\": %u,\n  \"reachable_symbols\": %u,\n  \"unreadable_lines\": %"
        G_GUINT64_FORMAT ",\n  \"doubtful_lines\": %" G_GUINT64_FORMAT ",\n  \"sections\": [",
        st->lines, st->bytes, st->dep_edges, st->root_edges, st->call_edges, st->symbols,
        st->roots, st->packages, st->reachable_symbols, st->unreadable_lines, st->doubtful_lines);
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
        "  packages           %u\n"
        "  unreadable lines   %" G_GUINT64_FORMAT "\n",
        st->lines, st->dep_edges, st->root_edges, st->call_edges, st->symbols,
        st->reachable_symbols, st->roots, st->packages, st->unreadable_lines);
      if (st->doubtful_lines > 0)
        g_string_append_printf (out, "  doubtful lines     %" G_GUINT64_FORMAT "\n", st->doubtful_lines);
      for (guint i = 0; i < dv_graph_get_n_sizes (graph); i++)
        {
          guint64 v;
          const char *key = dv_graph_get_size (graph, i, &v);
          g_string_append_printf (out, "  %-18s %" G_GUINT64_FORMAT " bytes\n", key, v);
        }
    }
  gboolean ok = write_output (NULL, out->str, out->len);
  g_string_free (out, TRUE);
  return ok ? EXIT_FOUND : EXIT_BAD_INPUT;
}

/* ---------------------------------------------------------------------- */

static gboolean
parse_format (const char *format, gboolean markdown_ok, DvFormat *out)
{
  if (format == NULL || strcmp (format, "text") == 0)
    *out = DV_FORMAT_TEXT;
  else if (strcmp (format, "json") == 0)
    *out = DV_FORMAT_JSON;
  else if (markdown_ok && (strcmp (format, "markdown") == 0 || strcmp (format, "md") == 0))
    *out = DV_FORMAT_MARKDOWN;
  else
    return FALSE;
  return TRUE;
}

static const char *
package_label (const DvGraph *graph, DvPackageId p)
{
  return p == DV_PACKAGE_NONE ? "(no package)" : dv_graph_package_name (graph, p);
}

/* One symbol resolved from a query, or an exit status when there is none. */
static int
resolve_symbol (const DvGraph *graph, const char *query, DvSymbolId *id)
{
  DvLookup lookup;
  int status = EXIT_FOUND;

  dv_lookup (graph, query, &lookup);
  if (lookup.kind == DV_LOOKUP_SYMBOL)
    *id = lookup.symbol;
  else
    {
      if (lookup.kind == DV_LOOKUP_PACKAGE)
        g_printerr ("depview-cli: “%s” is a package; name one of its symbols\n", query);
      else if (lookup.kind == DV_LOOKUP_AMBIGUOUS)
        g_printerr ("depview-cli: “%s” matches several symbols; be more precise\n", query);
      else
        g_printerr ("depview-cli: no symbol “%s” in %s\n", query, dv_graph_get_display_name (graph));
      for (guint i = 0; i < lookup.candidates->len; i++)
        g_printerr ("  %s\n", (const char *) g_ptr_array_index (lookup.candidates, i));
      status = EXIT_NOT_FOUND;
    }
  dv_lookup_clear (&lookup);
  return status;
}

static int
cmd_keeps (int argc, char **argv)
{
  g_autofree char *format = NULL;
  int limit = 20;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, "text (default) or json", "FORMAT" },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, "List at most N symbols (default 20)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("DUMP SYMBOL");
  g_autoptr(DvGraph) graph = NULL;
  DvFormat fmt;
  DvSymbolId id = DV_SYMBOL_NONE;
  DvRemoval r;
  int status;

  if (!parse_command (ctx, &argc, &argv, 2, "keeps takes a dump and a symbol",
      "What would go from the binary if SYMBOL went: the symbols that every recorded\n"
      "path from the root reaches through it, by package. The linker records only the\n"
      "first reason for each symbol, so this is the most that could go; with the call\n"
      "edges of -dumpdep -c it is closer to the truth.",
      entries))
    return EXIT_BAD_INPUT;
  if (!parse_format (format, FALSE, &fmt) || limit < 0)
    return usage_error (ctx, "--format takes text or json; --limit a number");
  if ((graph = load (argv[1])) == NULL)
    return EXIT_BAD_INPUT;
  if ((status = resolve_symbol (graph, argv[2], &id)) != EXIT_FOUND)
    return status;
  const char *name = dv_graph_symbol_name (graph, id);
  if (!dv_removal_compute (graph, id, (guint) limit, &r))
    {
      g_printerr ("depview-cli: %s has no recorded path from the root\n", name);
      return EXIT_NOT_FOUND;
    }

  GString *out = g_string_new (NULL);
  if (fmt == DV_FORMAT_JSON)
    {
      g_string_append (out, "{\n  \"symbol\": ");
      dv_format_json_string (out, name);
      g_string_append_printf (out, ",\n  \"removed\": %u,\n  \"functions\": %u,\n  \"packages\": [",
                              r.n_removed, r.n_functions);
      for (guint i = 0; i < r.by_package->len; i++)
        {
          DvPackageCount *c = &g_array_index (r.by_package, DvPackageCount, i);
          g_string_append (out, i ? ",\n    {\"package\": " : "\n    {\"package\": ");
          dv_format_json_string (out, c->package == DV_PACKAGE_NONE ? "" : dv_graph_package_name (graph, c->package));
          g_string_append_printf (out, ", \"symbols\": %u}", c->count);
        }
      g_string_append (out, r.by_package->len ? "\n  ],\n  \"symbols\": [" : "],\n  \"symbols\": [");
      for (guint i = 0; i < r.symbols->len; i++)
        {
          g_string_append (out, i ? ", " : "");
          dv_format_json_string (out, dv_graph_symbol_name (graph, g_array_index (r.symbols, DvSymbolId, i)));
        }
      g_string_append (out, "]\n}\n");
    }
  else
    {
      g_string_append_printf (out, "If %s went, %u symbol%s would go with it (%u function%s), "
                              "were the recorded reasons the only ones:\n", name, r.n_removed,
                              r.n_removed == 1 ? "" : "s", r.n_functions, r.n_functions == 1 ? "" : "s");
      for (guint i = 0; i < r.by_package->len && i < (guint) limit; i++)
        {
          DvPackageCount *c = &g_array_index (r.by_package, DvPackageCount, i);
          g_string_append_printf (out, "  %7u  %s\n", c->count, package_label (graph, c->package));
        }
      if (r.by_package->len > (guint) limit)
        g_string_append_printf (out, "  … and %u more packages\n", r.by_package->len - (guint) limit);
      g_string_append (out, "Nearest to it:\n");
      for (guint i = 0; i < r.symbols->len; i++)
        g_string_append_printf (out, "  %s\n", dv_graph_symbol_name (graph, g_array_index (r.symbols, DvSymbolId, i)));
    }
  status = write_output (NULL, out->str, out->len) ? EXIT_FOUND : EXIT_BAD_INPUT;
  g_string_free (out, TRUE);
  dv_removal_clear (&r);
  return status;
}

static int
cmd_reflect (int argc, char **argv)
{
  g_autofree char *format = NULL;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, "text (default) or json", "FORMAT" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("DUMP");
  g_autoptr(DvGraph) graph = NULL;
  DvFormat fmt;
  gboolean flagged;
  int status;

  if (!parse_command (ctx, &argc, &argv, 1, "reflect takes one dump",
      "The functions that make the linker keep every exported method of every type\n"
      "converted to an interface: calls of reflect.Value.Method or MethodByName with a\n"
      "name not known at compile time. Go 1.21+ marks them <ReflectMethod> in the\n"
      "dump; for older dumps this lists the callers of those methods outside reflect\n"
      "(a caller that passes a constant name does not count, and cannot be told apart).\n"
      "Exit status 0 when there are none, 1 when there are.",
      entries))
    return EXIT_BAD_INPUT;
  if (!parse_format (format, FALSE, &fmt))
    return usage_error (ctx, "--format takes text or json");
  if ((graph = load (argv[1])) == NULL)
    return EXIT_BAD_INPUT;

  g_autoptr(GArray) users = dv_reflect_method_users (graph, &flagged);
  GString *out = g_string_new (NULL);
  if (fmt == DV_FORMAT_JSON)
    {
      g_string_append_printf (out, "{\n  \"source\": \"%s\",\n  \"functions\": [",
                              flagged ? "ReflectMethod flags" : "callers of reflect method lookups");
      for (guint i = 0; i < users->len; i++)
        {
          DvSymbolId id = g_array_index (users, DvSymbolId, i);
          g_string_append (out, i ? ",\n    {\"symbol\": " : "\n    {\"symbol\": ");
          dv_format_json_string (out, dv_graph_symbol_name (graph, id));
          g_string_append (out, ", \"package\": ");
          DvPackageId p = dv_graph_symbol_package (graph, id);
          dv_format_json_string (out, p == DV_PACKAGE_NONE ? "" : dv_graph_package_name (graph, p));
          g_string_append_printf (out, ", \"depth\": %u}", dv_graph_symbol_depth (graph, id));
        }
      g_string_append (out, users->len ? "\n  ]\n}\n" : "]\n}\n");
    }
  else if (users->len == 0)
    g_string_append (out, "No function disables dead-code elimination of methods.\n");
  else
    {
      g_string_append_printf (out, "%u function%s may keep every exported method alive (%s):\n",
                              users->len, users->len == 1 ? "" : "s",
                              flagged ? "marked <ReflectMethod> by the linker"
                                      : "callers of reflect.Value.Method/MethodByName; "
                                        "only calls with a non-constant name count");
      for (guint i = 0; i < users->len; i++)
        g_string_append_printf (out, "  %s\n", dv_graph_symbol_name (graph, g_array_index (users, DvSymbolId, i)));
      g_string_append (out, "Run 'depview-cli why DUMP SYMBOL' on one to see what keeps it.\n");
    }
  status = write_output (NULL, out->str, out->len) ? (users->len ? EXIT_NOT_FOUND : EXIT_FOUND)
                                                   : EXIT_BAD_INPUT;
  g_string_free (out, TRUE);
  return status;
}

static void
diff_list (GString *out, const DvGraph *graph, GArray *ids, gboolean packages, guint limit,
           DvFormat fmt, const char *indent)
{
  for (guint i = 0; i < ids->len && i < limit; i++)
    {
      guint id = g_array_index (ids, guint, i);
      const char *name = packages ? dv_graph_package_name (graph, id) : dv_graph_symbol_name (graph, id);
      if (fmt == DV_FORMAT_JSON)
        {
          g_string_append (out, i ? ", " : "");
          dv_format_json_string (out, name);
        }
      else if (fmt == DV_FORMAT_MARKDOWN)
        g_string_append_printf (out, "%s- `%s`\n", indent, name);
      else
        g_string_append_printf (out, "%s%s\n", indent, name);
    }
  if (fmt != DV_FORMAT_JSON && ids->len > limit)
    g_string_append_printf (out, "%s… and %u more\n", indent, ids->len - limit);
}

static int
cmd_diff (int argc, char **argv)
{
  g_autofree char *format = NULL;
  int limit = 50;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, "text (default), markdown or json", "FORMAT" },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, "List at most N symbols each way (default 50)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("BEFORE AFTER");
  g_autoptr(DvGraph) before = NULL;
  g_autoptr(DvGraph) after = NULL;
  DvFormat fmt;
  DvDiff d;

  if (!parse_command (ctx, &argc, &argv, 2, "diff takes two dumps",
      "What AFTER has live that BEFORE has not, and the other way round: packages,\n"
      "then symbols, nearest to the root first, with the chain that brings in each new\n"
      "package. Both are dumps of the same program, before and after a change.\n"
      "Exit status 0 when nothing was added, 1 when something was.",
      entries))
    return EXIT_BAD_INPUT;
  if (!parse_format (format, TRUE, &fmt) || limit < 0)
    return usage_error (ctx, "--format takes text, markdown or json; --limit a number");
  if ((before = load (argv[1])) == NULL || (after = load (argv[2])) == NULL)
    return EXIT_BAD_INPUT;

  dv_diff_compute (before, after, &d);
  GString *out = g_string_new (NULL);
  if (fmt == DV_FORMAT_JSON)
    {
      g_string_append (out, "{\n  \"added_packages\": [");
      diff_list (out, after, d.added_packages, TRUE, G_MAXUINT, fmt, "");
      g_string_append (out, "],\n  \"removed_packages\": [");
      diff_list (out, before, d.removed_packages, TRUE, G_MAXUINT, fmt, "");
      g_string_append_printf (out, "],\n  \"added_symbols\": %u,\n  \"removed_symbols\": %u,\n  \"added\": [",
                              d.added->len, d.removed->len);
      diff_list (out, after, d.added, FALSE, (guint) limit, fmt, "");
      g_string_append (out, "],\n  \"removed\": [");
      diff_list (out, before, d.removed, FALSE, (guint) limit, fmt, "");
      g_string_append (out, "]\n}\n");
    }
  else
    {
      gboolean md = fmt == DV_FORMAT_MARKDOWN;
      g_string_append_printf (out, md ? "**%u symbol%s added, %u removed**\n\n" : "%u symbol%s added, %u removed\n",
                              d.added->len, d.added->len == 1 ? "" : "s", d.removed->len);
      for (guint i = 0; i < d.added_packages->len; i++)
        {
          DvPackageId p = g_array_index (d.added_packages, DvPackageId, i);
          DvSymbolId target;
          g_autoptr(GArray) chain = dv_why_package (after, p, &target);
          g_string_append_printf (out, md ? "\nNew package `%s`" : "\nnew package %s", dv_graph_package_name (after, p));
          g_string_append_printf (out, md ? ", brought in by:\n\n" : ", brought in by:\n");
          for (guint k = 0; chain && k < chain->len; k++)
            {
              DvChainStep *st = &g_array_index (chain, DvChainStep, k);
              g_string_append_printf (out, md ? "%u. `%s` (%s)\n" : "  %2u %s (%s)\n", k + 1,
                                      dv_graph_symbol_name (after, st->symbol), dv_edge_kind_to_string (st->via));
            }
        }
      if (d.removed_packages->len)
        {
          g_string_append (out, md ? "\nPackages no longer linked in:\n\n" : "\npackages no longer linked in:\n");
          diff_list (out, before, d.removed_packages, TRUE, G_MAXUINT, fmt, md ? "" : "  ");
        }
      if (d.added->len)
        {
          g_string_append (out, md ? "\nAdded symbols, nearest to the root first:\n\n" : "\nadded symbols, nearest to the root first:\n");
          diff_list (out, after, d.added, FALSE, (guint) limit, fmt, md ? "" : "  ");
        }
      if (d.removed->len)
        {
          g_string_append (out, md ? "\nRemoved symbols:\n\n" : "\nremoved symbols:\n");
          diff_list (out, before, d.removed, FALSE, (guint) limit, fmt, md ? "" : "  ");
        }
    }
  int status = write_output (NULL, out->str, out->len) ? (d.added->len ? EXIT_NOT_FOUND : EXIT_FOUND)
                                                       : EXIT_BAD_INPUT;
  g_string_free (out, TRUE);
  dv_diff_clear (&d);
  return status;
}

typedef int (*CommandFunc) (int argc, char **argv);

static const struct {
  const char *name;
  CommandFunc func;
} commands[] = {
  { "why", cmd_why },
  { "stats", cmd_stats },
  { "keeps", cmd_keeps },
  { "reflect", cmd_reflect },
  { "diff", cmd_diff },
};

static gboolean
is_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (commands[i].name, name) == 0)
      return TRUE;
  return FALSE;
}

/* argv[0] is the command; the option parser edits argv, so each run gets
 * its own copy. */
static int
run_command (int argc, char **argv)
{
  g_auto(GStrv) copy = g_new0 (char *, argc + 1);
  g_autofree char **args = g_new0 (char *, argc + 1);

  for (int i = 0; i < argc; i++)
    args[i] = copy[i] = g_strdup (argv[i]);
  g_clear_pointer (&each.option, g_free);
  each.all = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (commands[i].name, argv[0]) == 0)
      return commands[i].func (argc, args);
  return EXIT_BAD_INPUT;
}

/* Messages of one binary's run say which binary. */
static void
printerr_for_binary (const char *text)
{
  fprintf (stderr, "%s: %s", each.current, text);
}

static int
run_for_each_binary (int argc, char **argv)
{
  guint n = g_strv_length (each.binaries);
  g_autoptr(GString) out = g_string_new (NULL);
  int status = EXIT_FOUND;

  /* one binary, or none named (the linker's own output): as without --binary */
  if (n <= 1)
    {
      each.current = n == 1 ? each.binaries[0] : NULL;
      return run_command (argc, argv);
    }
  if (each.shape == ANSWER_JSON)
    g_string_append (out, "{");
  for (guint i = 0; i < n; i++)
    {
      GPrintFunc saved;
      int one;

      each.current = each.binaries[i];
      each.captured = g_string_new (NULL);
      saved = g_set_printerr_handler (printerr_for_binary);
      one = run_command (argc, argv);
      g_set_printerr_handler (saved);
      status = MAX (status, one);
      if (each.shape == ANSWER_JSON)
        {
          g_string_append (out, i ? ",\n  " : "\n  ");
          dv_format_json_string (out, each.current);
          g_string_append (out, ": ");
          while (each.captured->len > 0 && g_ascii_isspace (each.captured->str[each.captured->len - 1]))
            g_string_truncate (each.captured, each.captured->len - 1);
          if (each.captured->len == 0)
            g_string_append (out, "null");
          /* indented one level, as a value inside the object */
          for (const char *c = each.captured->str; *c != '\0'; c++)
            if (*c == '\n')
              g_string_append (out, "\n  ");
            else
              g_string_append_c (out, *c);
        }
      else
        {
          g_string_append_printf (out, each.shape == ANSWER_MARKDOWN ? "%s## `%s`\n\n" : "%s==> %s <==\n",
                                  i ? "\n" : "", each.current);
          g_string_append_len (out, each.captured->str, (gssize) each.captured->len);
        }
      g_string_free (g_steal_pointer (&each.captured), TRUE);
    }
  if (each.shape == ANSWER_JSON)
    g_string_append (out, "\n}\n");
  if (!write_output (NULL, out->str, out->len))
    status = EXIT_BAD_INPUT;
  return status;
}

int
main (int argc, char **argv)
{
  const char *cmd;

  setlocale (LC_ALL, "");
  g_set_prgname ("depview-cli");
  if (argc < 2)
    {
      g_printerr ("Usage: depview-cli COMMAND [OPTION…] DUMP …\n\n%s\n", tool_summary);
      return EXIT_BAD_INPUT;
    }
  cmd = argv[1];
  if (strcmp (cmd, "--help") == 0 || strcmp (cmd, "-h") == 0 || strcmp (cmd, "help") == 0)
    {
      g_print ("Usage: depview-cli COMMAND [OPTION…] DUMP …\n\n"
               "Why is a symbol or package in a Go binary? Reads the linker's -dumpdep output.\n\n"
               "%s\n", tool_summary);
      return EXIT_FOUND;
    }
  if (strcmp (cmd, "--version") == 0 || strcmp (cmd, "-V") == 0)
    {
      g_print ("depview-cli %s\n", PACKAGE_VERSION);
      return EXIT_FOUND;
    }
  /* each command's --help names it: "Usage: depview-cli why [OPTION…]" */
  g_autofree char *prgname = g_strdup_printf ("depview-cli %s", cmd);
  g_set_prgname (prgname);
  if (!is_command (cmd))
    {
      g_printerr ("depview-cli: unknown command “%s”\n\n%s\n", cmd, tool_summary);
      return EXIT_BAD_INPUT;
    }
  /* with --binary=all this run stops at its first load, having found the binaries */
  int status = run_command (argc - 1, argv + 1);
  if (each.all && each.binaries != NULL)
    status = run_for_each_binary (argc - 1, argv + 1);
  g_strfreev (each.binaries);
  g_clear_pointer (&each.stdin_bytes, g_bytes_unref);
  g_free (each.option);
  return status;
}
