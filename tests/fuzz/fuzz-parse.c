/* fuzz-parse.c: libFuzzer target for the parser stage alone.
 *
 * fuzz-parser.c loads a whole graph per input (the reading thread, gzip,
 * the rows, the search, the analyses): a few dozen inputs a second under
 * ASan. This one hands the bytes straight to the line grammar
 * (dv_parser_feed, in this thread), with the builder doing only its
 * interning, and checks what the text alone decides: every line counted
 * once, every edge between interned symbols, at most DV_GRAPH_MAX_PROBLEMS
 * kept. The bytes go in twice, whole and in pieces whose borders move with
 * the input, and both must give the same names, edges and problems: a line
 * cut between two feeds is the same line. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dv-loader-private.h"
#include "fuzz-check.h"

/* Feeds the text in pieces of 1 to 3 * step bytes (step 0: whole), ends it
 * and checks the invariants of one parse. */
static void
parse (Loader *l, const guint8 *data, gsize size, gsize step)
{
  const char *text = (const char *) data;
  guint64 newlines = 0;

  dv_loader_init (l, "fuzz.txt", NULL);
  if (step == 0)
    dv_parser_feed (l, text, size);
  else
    for (gsize pos = 0, i = 0; pos < size; i++)
      {
        gsize n = MIN (size - pos, i % 3 == 1 ? 1 : step * (1 + i % 3));
        dv_parser_feed (l, text + pos, n);
        pos += n;
      }
  dv_parser_end (l);
  dv_parser_finish_pending (l);

  DvGraph *g = l->g;
  for (gsize i = 0; i < size; i++)
    newlines += data[i] == '\n';
  check (l->text_bytes == size, "%" G_GUINT64_FORMAT " bytes fed, %" G_GSIZE_FORMAT " given",
         l->text_bytes, size);
  check (l->lineno == newlines + (size > 0 && data[size - 1] != '\n'),
         "%" G_GUINT64_FORMAT " lines parsed, %" G_GUINT64_FORMAT " newlines", l->lineno, newlines);
  check (g->stats.lines <= l->lineno && l->n_dump_lines <= l->lineno, "more lines than the text has");
  check (g->problems->len <= DV_GRAPH_MAX_PROBLEMS, "%u problems kept", g->problems->len);
  for (guint i = 0; i < g->problems->len; i++)
    {
      const DvProblem *pr = &g_array_index (g->problems, DvProblem, i);
      check (pr->line >= 1 && pr->line <= l->lineno, "problem %u on line %" G_GUINT64_FORMAT, i, pr->line);
      check (i == 0 || pr->line > g_array_index (g->problems, DvProblem, i - 1).line,
             "problems out of order");
    }
  check (g->n_symbols >= 1 && g->root == 0 && strcmp (g->names[0], "_") == 0, "the root");
  for (guint id = 0; id < g->n_symbols; id++)
    check (g->names[id][g->name_lens[id]] == '\0'
           && dv_graph_lookup_bytes (g, g->names[id], g->name_lens[id]) == id,
           "symbol %u is not found by its own name", id);
  for (gsize i = 0; i < l->n_edges; i++)
    check (l->e_from[i] < g->n_symbols && (l->e_to[i] & DV_EDGE_SYMBOL_MASK) < g->n_symbols
           && (l->e_to[i] >> 30) <= DV_EDGE_CALL,
           "edge %" G_GSIZE_FORMAT ": %u -> %u", i, l->e_from[i], l->e_to[i]);
}

static void
assert_same_parse (const Loader *a, const Loader *b, gsize step)
{
  const DvGraph *ga = a->g, *gb = b->g;

  check (ga->n_symbols == gb->n_symbols && a->n_edges == b->n_edges && a->lineno == b->lineno
         && a->n_dump_lines == b->n_dump_lines && ga->problems->len == gb->problems->len
         && ga->sections->len == gb->sections->len && ga->stats.lines == gb->stats.lines,
         "in pieces of %" G_GSIZE_FORMAT ": %u symbols, %" G_GSIZE_FORMAT " edges, %u problems; "
         "whole: %u, %" G_GSIZE_FORMAT ", %u", step, gb->n_symbols, b->n_edges, gb->problems->len,
         ga->n_symbols, a->n_edges, ga->problems->len);
  for (guint id = 0; id < ga->n_symbols; id++)
    check (ga->name_lens[id] == gb->name_lens[id] && ga->flags[id] == gb->flags[id]
           && memcmp (ga->names[id], gb->names[id], ga->name_lens[id]) == 0,
           "in pieces of %" G_GSIZE_FORMAT ", symbol %u is \"%s\", whole \"%s\"", step, id,
           gb->names[id], ga->names[id]);
  check (a->n_edges == 0
         || (memcmp (a->e_from, b->e_from, a->n_edges * sizeof (guint32)) == 0
             && memcmp (a->e_to, b->e_to, a->n_edges * sizeof (guint32)) == 0),
         "in pieces of %" G_GSIZE_FORMAT ", other edges", step);
  for (guint i = 0; i < ga->problems->len; i++)
    check (g_array_index (ga->problems, DvProblem, i).line
           == g_array_index (gb->problems, DvProblem, i).line,
           "in pieces of %" G_GSIZE_FORMAT ", problem %u on another line", step, i);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  Loader whole, pieces;
  /* a piece size that changes with the input, so line ends fall anywhere */
  gsize step = 1 + (size * 2654435761u >> 7) % 61;

  parse (&whole, data, size, 0);
  parse (&pieces, data, size, step);
  assert_same_parse (&whole, &pieces, step);
  dv_loader_clear (&whole);
  dv_graph_unref (whole.g);
  dv_loader_clear (&pieces);
  dv_graph_unref (pieces.g);
  return 0;
}
