/* depview-cli: "why is X in my Go binary?" from a terminal or CI. No GTK. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dv-analysis.h"
#include "dv-cli-build.h"
#include "dv-format.h"
#include "dv-format-cost.h"
#include "dv-check.h"
#include "dv-format-diff.h"
#include "dv-format-keeps.h"
#include "dv-format-packages.h"
#include "dv-format-reflect.h"
#include "dv-format-stats.h"
#include "dv-layout.h"
#include "dv-memory.h"
#include "dv-treemap.h"

#include <gio/gunixinputstream.h>

enum { EXIT_FOUND = 0, EXIT_NOT_FOUND = 1, EXIT_BAD_INPUT = 2 };

static const char *const tool_summary =
  "Commands:\n"
  "  why       the shortest keep-alive chain from the linker's root to a symbol or package\n"
  "  keeps     what would go from the binary if a symbol went\n"
  "  reflect   the functions that make the linker keep every exported method\n"
  "  diff      what one dump has live that another has not (what a change added)\n"
  "  top       the largest symbols or packages, by own or retained size (--sizes)\n"
  "  map       a treemap of the binary's packages and symbols as SVG (--sizes)\n"
  "  check     a size and dependency budget for CI: exit 1 and say why when broken\n"
  "  stats     counts of what the dump holds\n"
  "  build     run go build and keep its dump and binary: depview-cli build ./cmd/app\n"
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
    { "binary", 0, 0, G_OPTION_ARG_STRING, &each.option, binary_help, "PATH" },
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
  DvLoadOptions options = { .binary = each.all ? each.current : each.option,
                            .memory_limit = dv_load_options_default_memory_limit () };
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

static DvCost *load_cost (DvGraph *graph, const char *sizes_path);

/* --format, the same for every command: each says which formats it takes,
 * as a set of FORMAT_ bits; why also draws images through Graphviz. */
enum {
  FORMAT_TEXT     = 1 << DV_FORMAT_TEXT,
  FORMAT_MARKDOWN = 1 << DV_FORMAT_MARKDOWN,
  FORMAT_JSON     = 1 << DV_FORMAT_JSON,
  FORMAT_DOT      = 1 << DV_FORMAT_DOT,
  FORMAT_SVG      = 1 << 8,
  FORMAT_PNG      = 1 << 9,
};

static const struct {
  const char *name;
  const char *alias;
  guint       bit;
  DvFormat    format;   /* for an image, what it is not: unused */
} format_names[] = {
  { "text",     NULL, FORMAT_TEXT,     DV_FORMAT_TEXT },
  { "markdown", "md", FORMAT_MARKDOWN, DV_FORMAT_MARKDOWN },
  { "json",     NULL, FORMAT_JSON,     DV_FORMAT_JSON },
  { "dot",      NULL, FORMAT_DOT,      DV_FORMAT_DOT },
  { "svg",      NULL, FORMAT_SVG,      DV_FORMAT_TEXT },
  { "png",      NULL, FORMAT_PNG,      DV_FORMAT_TEXT },
};

/* format (NULL: text) as one of the formats in takes. An image sets *image
 * to its name ("svg", "png", "dot"); image may be NULL when takes has none. */
static gboolean
parse_format (const char *format, guint takes, DvFormat *out, const char **image)
{
  *out = DV_FORMAT_TEXT;
  if (image != NULL)
    *image = NULL;
  if (format == NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    {
      if (!(takes & format_names[i].bit) || (strcmp (format, format_names[i].name) != 0
          && (format_names[i].alias == NULL || strcmp (format, format_names[i].alias) != 0)))
        continue;
      *out = format_names[i].format;
      /* dot is drawn by the same layout as svg and png: one view */
      if (format_names[i].bit & (FORMAT_SVG | FORMAT_PNG | FORMAT_DOT))
        *image = format_names[i].name;
      return TRUE;
    }
  return FALSE;
}

/* "--format takes text, markdown or json", and then what else was wrong
 * (e.g. "; --limit a number"). */
static int
format_usage_error (GOptionContext *ctx, guint takes, const char *also)
{
  g_autoptr(GString) message = g_string_new ("--format takes ");
  guint n = 0, total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    total += (takes & format_names[i].bit) != 0;
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    {
      if (!(takes & format_names[i].bit))
        continue;
      if (n > 0)
        g_string_append (message, n == total - 1 ? " or " : ", ");
      g_string_append (message, format_names[i].name);
      n++;
    }
  g_string_append (message, also);
  return usage_error (ctx, message->str);
}

static int
cmd_why (int argc, char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *sizes_path = NULL;
  g_autofree char *output = NULL;
  gboolean hide_metadata = FALSE, unfold_startup = FALSE, packages = FALSE;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      "text (default), markdown, json, dot, svg or png", "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "Write to FILE instead of standard output", "FILE" },
    { "sizes", 's', 0, G_OPTION_ARG_FILENAME, &sizes_path,
      "Show own and retained bytes: go tool nm -size output, or the ELF binary", "FILE" },
    { "hide-metadata", 0, 0, G_OPTION_ARG_NONE, &hide_metadata,
      "dot, svg, png: fold compiler metadata and DWARF into \"+N metadata\"", NULL },
    { "unfold-startup", 0, 0, G_OPTION_ARG_NONE, &unfold_startup,
      "dot, svg, png: draw the runtime start-up steps one by one", NULL },
    { "packages", 'p', 0, G_OPTION_ARG_NONE, &packages,
      "The chain as packages: one per run of steps in one package, each with the symbol edge that links it", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("DUMP SYMBOL_OR_PACKAGE");
  g_autoptr(DvCost) cost = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = NULL;
  DvLookup lookup;
  DvWhyAnswer answer;
  DvFormat fmt;
  const char *image;
  int status;

  if (!parse_command (ctx, &argc, &argv, 2, "why takes a dump and a symbol or package",
      "Print the shortest chain of recorded reasons from the linker's root \"_\" to a\n"
      "symbol (fmt.Fprintln, \"regexp.(*Regexp).MatchString\") or a whole package\n"
      "(regexp, github.com/spf13/cobra). A name may be typed exactly, with or without\n"
      "its flags, as T.M for (*T).M, or as a part that matches one symbol.\n"
      "The linker records only the first reason it found for each symbol.",
      entries))
    return EXIT_BAD_INPUT;

  if (!parse_format (format, FORMAT_TEXT | FORMAT_MARKDOWN | FORMAT_JSON | FORMAT_DOT | FORMAT_SVG
                     | FORMAT_PNG, &fmt, &image))
    return format_usage_error (ctx, FORMAT_TEXT | FORMAT_MARKDOWN | FORMAT_JSON | FORMAT_DOT
                               | FORMAT_SVG | FORMAT_PNG, "");
  if (image != NULL && strcmp (image, "png") == 0 && output == NULL && isatty (STDOUT_FILENO))
    return usage_error (NULL, "a PNG is not for a terminal; add --output=FILE");

  graph = load (argv[1]);
  if (graph == NULL)
    return EXIT_BAD_INPUT;
  if (sizes_path != NULL && (cost = load_cost (graph, sizes_path)) == NULL)
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
  answer.cost = cost;
  if (lookup.kind == DV_LOOKUP_UNLINKED_PACKAGE)
    {
      /* nothing to draw: the answer is that it is not there */
      g_autofree char *text = dv_format_why (graph, &answer,
                                             image != NULL || fmt == DV_FORMAT_DOT ? DV_FORMAT_TEXT : fmt);
      if (image != NULL || fmt == DV_FORMAT_DOT)
        g_printerr ("%s", text);
      else if (!write_output (output, text, strlen (text)))
        status = EXIT_BAD_INPUT;
      dv_why_answer_clear (&answer);
      dv_lookup_clear (&lookup);
      return status;
    }
  if (image != NULL && answer.is_inlined)
    {
      /* no code, so no chain to draw: say why in words */
      g_autofree char *text = dv_format_why (graph, &answer, DV_FORMAT_TEXT);
      g_printerr ("%s", text);
    }
  else if (image != NULL)
    {
      g_autoptr(GBytes) bytes = NULL;
      /* a package is drawn as the window draws it: which code uses it */
      DvSymbolId focus = answer.code_chain != NULL ? answer.code_target : answer.target;
      g_autofree char *title = dv_layout_text_title (graph, focus);
      DvLayoutExportOptions options;

      if (packages)
        {
          char *by_package = g_strconcat (title, " By package", NULL);
          g_free (title);
          title = by_package;
        }
      DvLayoutRequest request;

      dv_layout_export_options_init (&options);
      options.title = title;
      dv_layout_request_init (&request, focus);
      request.hide_metadata = hide_metadata;
      request.unfold_startup = unfold_startup;
      request.packages = packages;
      request.cost = cost;
      if (!dv_layout_export (graph, &request, &options, image, &bytes, &error))
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
  else if (packages && !answer.is_inlined)
    {
      DvSymbolId focus = answer.code_chain != NULL ? answer.code_target : answer.target;
      g_autoptr(DvLayout) layout = NULL;
      g_autofree char *text = NULL;
      DvLayoutRequest request;

      dv_layout_request_init (&request, focus);
      request.unfold_startup = unfold_startup;
      request.packages = TRUE;
      request.cost = cost;
      layout = dv_layout_build (graph, &request);
      text = dv_format_why_packages (graph, layout, fmt);
      if (!write_output (output, text, strlen (text)))
        status = EXIT_BAD_INPUT;
    }
  else
    {
      g_autofree char *text = dv_format_why (graph, &answer, fmt);
      if (!write_output (output, text, strlen (text)))
        status = EXIT_BAD_INPUT;
    }
  if (status == EXIT_NOT_FOUND && !answer.is_inlined)
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
  DvFormat fmt;

  if (!parse_command (ctx, &argc, &argv, 1, "stats takes one dump",
      "Count what the dump holds: lines, dep and call edges, symbols (distinct names,\n"
      "flags removed; the empty name counted once, the root \"_\" not), roots,\n"
      "packages linked in (with live code, or with live types only; a package named\n"
      "only by data the linker merges by content is not linked), symbols reachable\n"
      "from the root, sections, size lines, and lines that could not be read. The\n"
      "counts are those of the binary read (see --binary); \"section\" lists every\n"
      "binary of the file.",
      entries))
    return EXIT_BAD_INPUT;
  if (!parse_format (format, FORMAT_TEXT | FORMAT_JSON, &fmt, NULL))
    return format_usage_error (ctx, FORMAT_TEXT | FORMAT_JSON, "");

  graph = load (argv[1]);
  if (graph == NULL)
    return EXIT_BAD_INPUT;

  g_autofree char *text = dv_format_stats (graph, fmt);
  return write_output (NULL, text, strlen (text)) ? EXIT_FOUND : EXIT_BAD_INPUT;
}

/* ---------------------------------------------------------------------- */

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
  g_autofree char *sizes_path = NULL;
  int limit = 20;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, "text (default) or json", "FORMAT" },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, "List at most N symbols (default 20)", "N" },
    { "sizes", 's', 0, G_OPTION_ARG_FILENAME, &sizes_path,
      "Show bytes: go tool nm -size output, or the ELF binary", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("DUMP SYMBOL");
  g_autoptr(DvCost) cost = NULL;
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
  if (!parse_format (format, FORMAT_TEXT | FORMAT_JSON, &fmt, NULL) || limit < 0)
    return format_usage_error (ctx, FORMAT_TEXT | FORMAT_JSON, "; --limit a number");
  if ((graph = load (argv[1])) == NULL)
    return EXIT_BAD_INPUT;
  if ((status = resolve_symbol (graph, argv[2], &id)) != EXIT_FOUND)
    return status;
  if (sizes_path != NULL && (cost = load_cost (graph, sizes_path)) == NULL)
    return EXIT_BAD_INPUT;
  if (!dv_removal_compute (graph, id, (guint) limit, &r))
    {
      g_printerr ("depview-cli: %s has no recorded path from the root\n", dv_graph_symbol_name (graph, id));
      return EXIT_NOT_FOUND;
    }

  g_autofree char *text = dv_format_keeps (graph, id, &r, cost, (guint) limit, fmt);
  status = write_output (NULL, text, strlen (text)) ? EXIT_FOUND : EXIT_BAD_INPUT;
  dv_removal_clear (&r);
  return status;
}

static int
cmd_reflect (int argc, char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *sizes_path = NULL;
  int limit = 10;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, "text (default) or json", "FORMAT" },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit,
      "Show at most N methods kept only through type descriptors (default 10)", "N" },
    { "sizes", 's', 0, G_OPTION_ARG_FILENAME, &sizes_path,
      "Symbol sizes (go tool nm -size, or the binary) for the bytes of those methods", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("DUMP");
  g_autoptr(DvGraph) graph = NULL;
  g_autoptr(DvCost) cost = NULL;
  DvFormat fmt;
  DvReflectReport r;
  int status;

  if (!parse_command (ctx, &argc, &argv, 1, "reflect takes one dump",
      "The functions that make the linker keep every exported method of every type\n"
      "converted to an interface, the first one marked (certain) first, then code\n"
      "outside the standard library, then the rest.\n"
      "Go 1.21+ marks them <ReflectMethod> in the dump. In 1.21 the mark sits on\n"
      "reflect.Value.MethodByName itself, so its callers are named, and every call\n"
      "counts. From 1.22 the caller carries it, and a MethodByName with a constant\n"
      "name is no culprit (the linker keeps only that method). From 1.26 reflect's\n"
      "Methods iterators carry it in their closures; the code that calls them is named.\n"
      "Before Go 1.21 nothing marks the culprit, and a call of reflect.Type.Method or\n"
      "MethodByName through the interface leaves no line, so it cannot be proven from\n"
      "the dump: the callers of reflect.Value.Method and MethodByName are listed as\n"
      "candidates (any call counts there, constant names too), with the methods kept\n"
      "only through type descriptors as the symptom.\n"
      "Under each: the other culprits that would go with it (it dominates them), and\n"
      "whether removing it would free the methods kept only through type descriptors:\n"
      "the linker keeps every one while any culprit stays reachable, so it frees them\n"
      "only when it leaves none (or leaves only culprits reached through such methods,\n"
      "which then go unless an interface call keeps them). The recorded edges are\n"
      "taken as the only reasons, as for keeps.\n"
      "Exit status 0 when there are none, 1 when there are culprits or candidates.",
      entries))
    return EXIT_BAD_INPUT;
  if (!parse_format (format, FORMAT_TEXT | FORMAT_JSON, &fmt, NULL) || limit < 0)
    return format_usage_error (ctx, FORMAT_TEXT | FORMAT_JSON, "; --limit a number");
  if ((graph = load (argv[1])) == NULL)
    return EXIT_BAD_INPUT;
  if (sizes_path != NULL && (cost = load_cost (graph, sizes_path)) == NULL)
    return EXIT_BAD_INPUT;

  dv_reflect_report_compute (graph, (guint) limit, &r);
  g_autofree char *text = dv_format_reflect (graph, &r, cost, fmt);
  status = write_output (NULL, text, strlen (text)) ? (r.culprits->len ? EXIT_NOT_FOUND : EXIT_FOUND)
                                                    : EXIT_BAD_INPUT;
  dv_reflect_report_clear (&r);
  return status;
}

static int
cmd_diff (int argc, char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *sizes_old = NULL;
  g_autofree char *sizes_new = NULL;
  int limit = 50;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, "text (default), markdown or json", "FORMAT" },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, "List at most N of each (default 50)", "N" },
    { "sizes-old", 0, 0, G_OPTION_ARG_FILENAME, &sizes_old,
      "BEFORE's sizes: go tool nm -size output, or its binary", "FILE" },
    { "sizes-new", 0, 0, G_OPTION_ARG_FILENAME, &sizes_new,
      "AFTER's sizes: go tool nm -size output, or its binary", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("BEFORE AFTER");
  g_autoptr(DvCost) cost_before = NULL;
  g_autoptr(DvCost) cost_after = NULL;
  g_autoptr(DvGraph) before = NULL;
  g_autoptr(DvGraph) after = NULL;
  DvFormat fmt;
  DvDiff d;

  if (!parse_command (ctx, &argc, &argv, 2, "diff takes two dumps",
      "What AFTER has live that BEFORE has not, and the other way round: packages\n"
      "newly linked and no longer linked, the chains that bring in each new package\n"
      "(which code uses it, and the import chain), symbols added and removed per\n"
      "package, and the total growth. With --sizes-old/--sizes-new, bytes too, new\n"
      "packages sorted by them. --format=markdown is made for a pull-request comment.\n"
      "Exit status 0 when nothing was added, 1 when something was.",
      entries))
    return EXIT_BAD_INPUT;
  if (!parse_format (format, FORMAT_TEXT | FORMAT_MARKDOWN | FORMAT_JSON, &fmt, NULL) || limit < 0)
    return format_usage_error (ctx, FORMAT_TEXT | FORMAT_MARKDOWN | FORMAT_JSON, "; --limit a number");
  if ((before = load (argv[1])) == NULL || (after = load (argv[2])) == NULL)
    return EXIT_BAD_INPUT;

  if (sizes_old != NULL && (cost_before = load_cost (before, sizes_old)) == NULL)
    return EXIT_BAD_INPUT;
  if (sizes_new != NULL && (cost_after = load_cost (after, sizes_new)) == NULL)
    return EXIT_BAD_INPUT;

  dv_diff_compute (before, after, &d);
  g_autofree char *text = dv_format_diff (before, after, &d, cost_before, cost_after, (guint) limit, fmt);
  int status = write_output (NULL, text, strlen (text)) ? (d.added->len ? EXIT_NOT_FOUND : EXIT_FOUND)
                                                     : EXIT_BAD_INPUT;
  dv_diff_clear (&d);
  return status;
}

/* ---------------------------------------------------------------------- */

/* Sizes matched to the dump, or NULL with the message printed. */
static DvCost *
load_cost (DvGraph *graph, const char *sizes_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DvSizes) sizes = dv_sizes_load_path (sizes_path, NULL, &error);

  if (sizes == NULL)
    {
      g_printerr ("depview-cli: %s\n", error->message);
      return NULL;
    }
  DvCost *cost = dv_cost_new (graph, sizes);
  if (dv_cost_get_summary (cost)->matched_symbols == 0)
    g_printerr ("depview-cli: no symbol of %s has a size in %s: are they of the same build?\n",
                dv_graph_get_display_name (graph), sizes_path);
  return cost;
}

static int
cmd_top (int argc, char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *by = NULL;
  g_autofree char *sizes_path = NULL;
  gboolean packages = FALSE;
  int limit = 20;
  GOptionEntry entries[] = {
    { "sizes", 's', 0, G_OPTION_ARG_FILENAME, &sizes_path,
      "go tool nm -size output (plain or gzip), or the ELF binary itself", "FILE" },
    { "by", 'b', 0, G_OPTION_ARG_STRING, &by, "size (own bytes, the default) or retained", "WHAT" },
    { "packages", 'p', 0, G_OPTION_ARG_NONE, &packages, "List packages, not symbols", NULL },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, "List N of them (default 20)", "N" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, "text (default), markdown or json", "FORMAT" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("DUMP");
  g_autoptr(DvGraph) graph = NULL;
  g_autoptr(DvCost) cost = NULL;
  DvFormat fmt;
  gboolean by_retained;

  if (!parse_command (ctx, &argc, &argv, 1, "top takes one dump, and its sizes with --sizes",
      "The largest symbols (or packages, with --packages) of the binary, by their own\n"
      "bytes or by what would leave with them (retained: an estimate over the recorded\n"
      "edges, closer to the truth with -dumpdep -c). A package's retained size is what\n"
      "would leave if all of its symbols left. Content-addressable data counts as\n"
      "\"(shared data)\", never under the package its name carries. File bytes: bss\n"
      "takes memory, not file; from nm output large data symbols may be bss.",
      entries))
    return EXIT_BAD_INPUT;
  if (!parse_format (format, FORMAT_TEXT | FORMAT_MARKDOWN | FORMAT_JSON, &fmt, NULL) || limit < 0)
    return format_usage_error (ctx, FORMAT_TEXT | FORMAT_MARKDOWN | FORMAT_JSON, "; -n a number");
  if (by != NULL && strcmp (by, "size") != 0 && strcmp (by, "retained") != 0)
    return usage_error (ctx, "--by takes size or retained");
  if (sizes_path == NULL)
    return usage_error (ctx, "top needs --sizes=FILE: go tool nm -size BINARY > sizes.txt, or the binary");
  by_retained = by != NULL && strcmp (by, "retained") == 0;
  if ((graph = load (argv[1])) == NULL || (cost = load_cost (graph, sizes_path)) == NULL)
    return EXIT_BAD_INPUT;

  g_autoptr(GArray) items = dv_cost_top (cost, packages, by_retained, (guint) limit);
  g_autofree char *text = dv_format_top (cost, items, packages, by_retained, fmt);
  return write_output (NULL, text, strlen (text)) ? EXIT_FOUND : EXIT_BAD_INPUT;
}

static int
cmd_map (int argc, char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *by = NULL;
  g_autofree char *sizes_path = NULL;
  g_autofree char *output = NULL;
  g_autofree char *package = NULL;
  int width = 1200, height = 800;
  GOptionEntry entries[] = {
    { "sizes", 's', 0, G_OPTION_ARG_FILENAME, &sizes_path,
      "go tool nm -size output (plain or gzip), or the ELF binary itself", "FILE" },
    { "by", 'b', 0, G_OPTION_ARG_STRING, &by, "size (own bytes, the default) or retained", "WHAT" },
    { "package", 'p', 0, G_OPTION_ARG_STRING, &package, "Map only this package's symbols", "PATH" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Width in points (default 1200)", "N" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Height in points (default 800)", "N" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, "svg (the default and only one)", "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write to FILE instead of standard output", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("DUMP");
  g_autoptr(DvGraph) graph = NULL;
  g_autoptr(DvCost) cost = NULL;
  guint32 node = 0;

  if (!parse_command (ctx, &argc, &argv, 1, "map takes one dump, and its sizes with --sizes",
      "A treemap of the binary: packages by own bytes (or by retained bytes, which\n"
      "overlap), each nested into its symbols, beside \"(shared data)\" and the bytes\n"
      "the dump does not explain. The same buckets as top.",
      entries))
    return EXIT_BAD_INPUT;
  if (format != NULL && strcmp (format, "svg") != 0)
    return usage_error (ctx, "--format takes svg");
  if (by != NULL && strcmp (by, "size") != 0 && strcmp (by, "retained") != 0)
    return usage_error (ctx, "--by takes size or retained");
  if (width < 100 || height < 100 || width > 100000 || height > 100000)
    return usage_error (ctx, "--width and --height take 100 to 100000");
  if (sizes_path == NULL)
    return usage_error (ctx, "map needs --sizes=FILE: go tool nm -size BINARY > sizes.txt, or the binary");
  if ((graph = load (argv[1])) == NULL || (cost = load_cost (graph, sizes_path)) == NULL)
    return EXIT_BAD_INPUT;

  gboolean by_retained = by != NULL && strcmp (by, "retained") == 0;
  g_autoptr(DvTreemap) map = dv_treemap_new (cost, by_retained ? DV_TREEMAP_BY_RETAINED : DV_TREEMAP_BY_SIZE);
  if (package != NULL)
    {
      DvPackageId p = dv_graph_find_package (graph, package);
      if (p == DV_PACKAGE_NONE || (node = dv_treemap_find_package (map, p)) == DV_TREEMAP_NODE_NONE)
        {
          g_printerr ("depview-cli: no package %s with bytes in %s\n", package,
                      dv_graph_get_display_name (graph));
          return EXIT_NOT_FOUND;
        }
    }
  g_autofree char *svg = dv_treemap_to_svg (map, node, width, height);
  return write_output (output, svg, strlen (svg)) ? EXIT_FOUND : EXIT_BAD_INPUT;
}

/* "12345", "12.5MB", "12MiB", "800k": a size in bytes. */
static gboolean
parse_bytes (const char *text, guint64 *out)
{
  char *end = NULL;
  double v = g_ascii_strtod (text, &end);
  double unit = 1;

  if (end == text || v < 0)
    return FALSE;
  if (g_ascii_strcasecmp (end, "") == 0 || g_ascii_strcasecmp (end, "b") == 0)
    unit = 1;
  else if (g_ascii_strcasecmp (end, "k") == 0 || g_ascii_strcasecmp (end, "kb") == 0)
    unit = 1e3;
  else if (g_ascii_strcasecmp (end, "m") == 0 || g_ascii_strcasecmp (end, "mb") == 0)
    unit = 1e6;
  else if (g_ascii_strcasecmp (end, "g") == 0 || g_ascii_strcasecmp (end, "gb") == 0)
    unit = 1e9;
  else if (g_ascii_strcasecmp (end, "kib") == 0)
    unit = 1024;
  else if (g_ascii_strcasecmp (end, "mib") == 0)
    unit = 1024 * 1024;
  else if (g_ascii_strcasecmp (end, "gib") == 0)
    unit = 1024.0 * 1024 * 1024;
  else
    return FALSE;
  *out = (guint64) (v * unit + 0.5);
  return TRUE;
}

static int
cmd_check (int argc, char **argv)
{
  g_auto(GStrv) deny = NULL;
  g_autofree char *max_size = NULL;
  g_autofree char *baseline_path = NULL;
  g_autofree char *baseline_sizes = NULL;
  g_autofree char *sizes_path = NULL;
  g_autofree char *format = NULL;
  double max_growth = -1;
  gboolean no_reflect = FALSE;
  GOptionEntry entries[] = {
    { "deny", 'd', 0, G_OPTION_ARG_STRING_ARRAY, &deny,
      "Fail when this package is linked in; a glob such as 'github.com/evil/*' (repeatable)", "PACKAGE" },
    { "max-size", 0, 0, G_OPTION_ARG_STRING, &max_size,
      "Fail when the binary is larger (bytes, or 12MB, 12MiB)", "SIZE" },
    { "max-growth", 0, 0, G_OPTION_ARG_DOUBLE, &max_growth,
      "Fail when the binary grew more than PERCENT over --baseline", "PERCENT" },
    { "baseline", 0, 0, G_OPTION_ARG_FILENAME, &baseline_path,
      "The dump of the build to compare with (for --max-growth)", "DUMP" },
    { "baseline-sizes", 0, 0, G_OPTION_ARG_FILENAME, &baseline_sizes,
      "The baseline's sizes: nm -size output or its binary", "FILE" },
    { "no-reflect-methods", 0, 0, G_OPTION_ARG_NONE, &no_reflect,
      "Fail when reflection disables dead-code elimination of methods", NULL },
    { "sizes", 's', 0, G_OPTION_ARG_FILENAME, &sizes_path,
      "The build's sizes: go tool nm -size output, or the ELF binary", "FILE" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, "text (default), markdown or json", "FORMAT" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("DUMP");
  g_autoptr(DvGraph) graph = NULL;
  g_autoptr(DvGraph) baseline = NULL;
  g_autoptr(DvCost) cost = NULL;
  g_autoptr(DvCost) baseline_cost = NULL;
  g_autoptr(GError) error = NULL;
  DvCheckRules rules = { 0 };
  DvCheckResult result;
  DvFormat fmt;

  if (!parse_command (ctx, &argc, &argv, 1, "check takes one dump",
      "Check the build against a budget, for CI. Exit status 0 when every rule holds,\n"
      "1 when one is broken (each broken rule is printed with what was exceeded and\n"
      "the chain that causes it), 2 on bad input or usage. The size of a build is its\n"
      "file bytes: the binary's file size when --sizes is the binary, else the total=\n"
      "line of a -dumpdep -c dump less its bss (memory at run time, not file), else\n"
      "the sum of the symbol sizes.",
      entries))
    return EXIT_BAD_INPUT;
  if (!parse_format (format, FORMAT_TEXT | FORMAT_MARKDOWN | FORMAT_JSON, &fmt, NULL))
    return format_usage_error (ctx, FORMAT_TEXT | FORMAT_MARKDOWN | FORMAT_JSON, "");
  if (max_size != NULL && !parse_bytes (max_size, &rules.max_size))
    return usage_error (ctx, "--max-size takes a size: 12000000, 12MB or 12MiB");
  if (max_growth >= 0 && baseline_path == NULL)
    return usage_error (ctx, "--max-growth needs --baseline=OLD_DUMP");
  if ((deny == NULL || deny[0] == NULL) && max_size == NULL && max_growth < 0 && !no_reflect)
    return usage_error (ctx, "check needs a rule: --deny, --max-size, --max-growth or --no-reflect-methods");
  if ((graph = load (argv[1])) == NULL)
    return EXIT_BAD_INPUT;
  if (sizes_path != NULL && (cost = load_cost (graph, sizes_path)) == NULL)
    return EXIT_BAD_INPUT;
  if (baseline_path != NULL)
    {
      if ((baseline = load (baseline_path)) == NULL)
        return EXIT_BAD_INPUT;
      if (baseline_sizes != NULL && (baseline_cost = load_cost (baseline, baseline_sizes)) == NULL)
        return EXIT_BAD_INPUT;
    }
  rules.deny = (const char *const *) deny;
  rules.max_growth = max_growth;
  rules.baseline = baseline;
  rules.baseline_cost = baseline_cost;
  rules.no_reflect_methods = no_reflect;
  if (!dv_check_run (graph, cost, &rules, &result, &error))
    {
      g_printerr ("depview-cli: %s\n", error->message);
      return EXIT_BAD_INPUT;
    }
  g_autofree char *text = dv_format_check (graph, &result, fmt);
  int status = result.violations->len > 0 ? EXIT_NOT_FOUND : EXIT_FOUND;
  dv_check_clear (&result);
  return write_output (NULL, text, strlen (text)) ? status : EXIT_BAD_INPUT;
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
  { "top", cmd_top },
  { "map", cmd_map },
  { "check", cmd_check },
  { "build", dv_cli_build },
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
