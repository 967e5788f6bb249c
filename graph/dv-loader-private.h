/* dv-loader-private.h: the state of one load, shared by its stages.
 *
 * The text flows one way: dv-input.c reads the stream (gzip, the reading
 * thread, "changed while read") and hands text to dv-parser.c (the line
 * grammar and its hazards), which hands names and edges to
 * dv-graph-builder.c (interning, rows, packages), which makes the immutable
 * graph of dv-graph.c. dv-sniff.c says what a file that is not a dump is. */
#pragma once

#include "dv-graph-private.h"

G_BEGIN_DECLS

/* Buffer sizes; the fuzz build (tests/fuzz) makes them small, so that lines
 * cross reads and each short input stays cheap. */
#ifndef READ_CHUNK
#define READ_CHUNK      (4u << 20)
#endif
#ifndef INFLATE_CHUNK
#define INFLATE_CHUNK   (4u << 20)
#endif
#define N_CHUNKS_BYTES  (4u * INFLATE_CHUNK + READ_CHUNK)
#ifndef FIRST_TABLE
#define FIRST_TABLE     (1u << 16)
#endif
/* The first capacity of the symbol and edge arrays, doubled as they fill. */
#ifndef FIRST_SYMBOLS
#define FIRST_SYMBOLS   4096u
#endif
#ifndef FIRST_EDGES
#define FIRST_EDGES     65536u
#endif
G_STATIC_ASSERT (READ_CHUNK <= INFLATE_CHUNK); /* a plain read is handed over in one chunk */
/* A longer line is reported and skipped; real names stay far below. */
#define MAX_LINE        (32u << 20)
/* Text read with no dump line in it before we say it is not a dump. */
#define SNIFF_LIMIT     (4u << 20)
#define PROGRESS_STEP   (1u << 20)

/* A name kept from one line to the next. It points into the text being
 * parsed while that text lives (most lines: no copy), and is copied into
 * `own` before the text goes (dv_parser_feed's end, a carried line). */
typedef struct
{
  const char *str;
  gsize       len;
  GString    *own;
} HeldText;

typedef struct
{
  DvGraph  *g;
  guint     cap_symbols;
  char     *block;          /* current arena block */
  gsize     block_used;
  gsize     block_size;
  guint8   *is_target;      /* printed as a target: a valid parent from then on */
  guint64   arena_bytes;

  /* edges in file order; kind in the top two bits of to */
  guint32  *e_from;
  guint32  *e_to;
  gsize     n_edges;
  gsize     cap_edges;

  /* the target of the last dep line, kept open: the next line may continue
   * it (a raw newline inside a struct tag) */
  gboolean  pending;
  DvSymbolId pending_from;
  HeldText  pending_name;
  gboolean  pending_hashed; /* pending_hash is its hash, flags stripped */
  guint64   pending_hash;

  /* consecutive lines mostly share their parent: skip its lookup */
  HeldText  last_parent;    /* the parent's text as on the line, flags included */
  DvSymbolId last_parent_id;
  HeldText  last_caller;
  DvSymbolId last_caller_id;

  guint64   lineno;
  GString  *carry;          /* a line split across reads */
  gboolean  skipping_long;  /* inside a line longer than MAX_LINE */
  guint64   long_line_no;
  GString  *sniff;          /* the first bytes, to say what a non-dump looks like */
  guint64   text_bytes;
  guint64   n_dump_lines;   /* edges, headers and size lines */
  guint64   n_guessed;      /* edges split without a known name */
  gboolean  nothing_here;   /* gave up early: not a dump */
  guint64   memory_budget;  /* bytes this load may reach, 0 for no limit */
  gboolean  over_budget;    /* stopped: the index would not fit */

  /* "# path" sections, one a binary: each is its own graph */
  char     *binary;         /* the section to read, NULL for the only one */
  gboolean  reading;        /* lines here belong to the graph being built */
  gboolean  headers_only;   /* only list the sections */
  gboolean  binary_seen;    /* the chosen section was found */
  gboolean  several;        /* none chosen, and a second binary came */
} Loader;

/* dv-input.c: a Loader with an empty graph holding only the root "_", and
 * its release (the graph, finished or not, is the caller's to unref) */
void        dv_loader_init              (Loader *l, const char *display_name, const DvLoadOptions *options);
void        dv_loader_clear             (Loader *l);

/* dv-sniff.c */
char       *dv_sniff_describe_non_dump  (const GString *s);

static inline void
dv_held_text_init (HeldText *t)
{
  t->own = g_string_sized_new (256);
  t->str = t->own->str;
  t->len = 0;
}

/* dv-parser.c */
void        dv_parser_feed              (Loader *l, const char *data, gsize len);
void        dv_parser_line              (Loader *l, const char *line, gsize len);
void        dv_parser_finish_pending    (Loader *l);
void        dv_parser_end               (Loader *l);

/* dv-graph-builder.c */
DvSymbolId  dv_builder_intern           (Loader *l, const char *name, gsize len, gboolean *added);
/* the same, with h = dv_graph_hash64 (name, len) known */
DvSymbolId  dv_builder_intern_hashed    (Loader *l, const char *name, gsize len, guint64 h,
                                         gboolean *added);
void        dv_builder_reserve          (Loader *l, guint64 text_bytes);
void        dv_builder_add_edge         (Loader *l, DvSymbolId from, DvSymbolId to, DvEdgeKind kind);
guint64     dv_builder_projected_bytes  (const Loader *l);
void        dv_builder_finish           (Loader *l);

G_END_DECLS
