/* dv-graph-private.h: the layout of a loaded graph, for the core's own files. */
#pragma once

#include "dv-graph.h"

#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

G_BEGIN_DECLS

struct _DvGraph
{
  gatomicrefcount ref_count;
  char           *display_name;
  DvGraphStats    stats;
  GPtrArray      *sections;     /* char *, every "# path" of the file */
  char           *binary;       /* the section read, NULL without headers */
  GPtrArray      *size_keys;    /* char * */
  GArray         *size_values;  /* guint64 */
  GArray         *problems;     /* DvProblem */

  /* symbols, by id */
  guint           n_symbols;
  const char    **names;        /* NUL-terminated, in arena blocks (see ARENA_BLOCK) */
  guint32        *name_lens;
  guint8         *flags;        /* DvSymbolFlags */
  guint8         *kinds;        /* DvSymbolKind */
  guint8         *roles;        /* DvNameRole: what the name proves of its package */
  DvPackageId    *packages;
  GPtrArray      *arena_blocks;

  /* open addressing, linear probing; a slot as told at SLOT_REF_BITS */
  guint64        *table;
  guint32         table_mask;

  DvSymbolId      root;         /* "_" */
  DvSymbolId      empty;        /* "", or DV_SYMBOL_NONE */

  /* adjacency, compressed rows, each row in file order */
  guint32        *out_index;    /* n_symbols + 1 */
  DvEdge         *out_edges;
  guint32        *in_index;
  DvEdge         *in_edges;

  /* breadth-first search from the root, over every edge */
  guint32        *depth;        /* DV_DEPTH_UNREACHABLE when no path */
  DvSymbolId     *bfs_parent;
  guint8         *bfs_via;      /* DvEdgeKind */
  guint32        *bfs_order;    /* discovery rank, G_MAXUINT32 when unreachable */

  /* dominator tree, made on first use (dv-analysis.c) */
  GMutex          dominators_lock;
  guint32        *dom_pre;       /* preorder number in the dominator tree */
  guint32        *dom_size;      /* symbols in the subtree, itself included */
  DvSymbolId     *dom_order;     /* symbols by preorder number */

  /* packages, by id */
  guint           n_packages;
  char          **package_names;
  guint32        *package_n_symbols;
  guint32        *package_n_reachable;
  DvSymbolId     *package_best;  /* nearest symbol to the root, or NONE */
  guint8         *package_link;  /* DvPackageLink */
  GHashTable     *package_index; /* name -> id + 1 */
};

/* A 3-million-line dump needs a few hundred megabytes of arrays; with 4 KiB
 * pages the first touch of each page costs more than parsing the bytes that
 * fill it. Ask for transparent huge pages where the kernel offers them. */
static inline gpointer
huge_hint (gpointer p, gsize size)
{
#ifdef MADV_HUGEPAGE
  const uintptr_t page = 2u << 20;
  if (p != NULL && size >= 2 * page)
    {
      uintptr_t a = ((uintptr_t) p + page - 1) & ~(page - 1);
      uintptr_t e = ((uintptr_t) p + size) & ~(page - 1);
      if (e > a)
        madvise ((void *) a, e - a, MADV_HUGEPAGE);
    }
#endif
  return p;
}

#define RENEW_HUGE(T, p, n) ((T *) huge_hint (g_realloc_n ((p), (n), sizeof (T)), (gsize) (n) * sizeof (T)))
#define NEW_HUGE(T, n)      RENEW_HUGE (T, NULL, n)
#define NEW0_HUGE(T, n)     ((T *) huge_hint (g_malloc0_n ((n), sizeof (T)), (gsize) (n) * sizeof (T)))

static inline guint64
dv_graph_hash64 (const char *p, gsize n)
{
  guint64 h = 0x9e3779b97f4a7c15ull ^ (n * 0xff51afd7ed558ccdull);

  while (n >= 8)
    {
      guint64 v;
      memcpy (&v, p, 8);
      h = (h ^ v) * 0xbf58476d1ce4e5b9ull;
      h ^= h >> 29;
      p += 8;
      n -= 8;
    }
  if (n > 0)
    {
      guint64 v = 0;
      memcpy (&v, p, n);
      h = (h ^ v) * 0x94d049bb133111ebull;
    }
  h ^= h >> 32;
  h *= 0xd6e8feb86659fd93ull;
  h ^= h >> 32;
  return h;
}

static inline guint32
dv_graph_hash_bytes (const char *p, gsize n)
{
  return (guint32) dv_graph_hash64 (p, n);
}

/* Names live in arena blocks of ARENA_BLOCK bytes (a longer name gets a
 * block of its own), each as a record: the symbol's id (4 bytes, native
 * order), the name, a NUL. The fuzz build makes the blocks small. */
#ifndef ARENA_BLOCK
#define ARENA_BLOCK     (8u << 20)
#endif
G_STATIC_ASSERT ((ARENA_BLOCK & (ARENA_BLOCK - 1)) == 0);
#define ARENA_SHIFT     ((guint) __builtin_ctz (ARENA_BLOCK))
#define ARENA_HEADER    4u

/* A table slot describes its name without touching the symbol arrays, so
 * that a probe costs one memory access and a hit one more (the record):
 * bits 0-35 the record's place in the arena plus one (0: empty slot),
 * bits 36-47 the name's length (4095: as long or longer, see name_lens),
 * bits 48-63 the top 16 bits of the name's hash. */
#define SLOT_REF_BITS   36
#define SLOT_REF_MASK   ((G_GUINT64_CONSTANT (1) << SLOT_REF_BITS) - 1)
#define SLOT_LEN_LONG   4095u
#define SLOT_LEN_SHIFT  36
#define SLOT_TAG_SHIFT  48

static inline guint64
dv_graph_slot_key (gsize len, guint64 h)
{
  return ((h >> SLOT_TAG_SHIFT) << SLOT_TAG_SHIFT)
         | ((guint64) MIN (len, (gsize) SLOT_LEN_LONG) << SLOT_LEN_SHIFT);
}

static inline const char *
dv_graph_slot_record (const DvGraph *g, guint64 v)
{
  guint64 ref = (v & SLOT_REF_MASK) - 1;
  return (const char *) g->arena_blocks->pdata[ref >> ARENA_SHIFT] + (ref & (ARENA_BLOCK - 1));
}

/* The id of the name, or DV_SYMBOL_NONE; *slot_out (if given) is then
 * the empty slot where the name would go. */
static inline DvSymbolId
dv_graph_lookup_slot (const DvGraph *g, const char *name, gsize len, guint64 h, guint32 *slot_out)
{
  guint32 slot = (guint32) h & g->table_mask;
  guint64 key = dv_graph_slot_key (len, h);

  for (;;)
    {
      guint64 v = g->table[slot];
      if (v == 0)
        {
          if (slot_out)
            *slot_out = slot;
          return DV_SYMBOL_NONE;
        }
      if ((v & ~SLOT_REF_MASK) == key)
        {
          const char *rec = dv_graph_slot_record (g, v);
          guint32 id;
          memcpy (&id, rec, sizeof id);
          if ((len < SLOT_LEN_LONG || g->name_lens[id] == len)
              && memcmp (rec + ARENA_HEADER, name, len) == 0)
            return id;
        }
      slot = (slot + 1) & g->table_mask;
    }
}

static inline DvSymbolId
dv_graph_lookup_hashed (const DvGraph *g, const char *name, gsize len, guint64 h)
{
  return dv_graph_lookup_slot (g, name, len, h, NULL);
}

/* The engine's part of a new graph (dv-why.c), called by the builder:
 * depth, parent and order of every symbol; then each package's symbol. */
void dv_why_search_from_root    (DvGraph *g);
void dv_why_choose_package_best (DvGraph *g);

DvSymbolId dv_graph_lookup_bytes (const DvGraph *graph, const char *name, gsize len);

/* The dominator tree over every recorded edge, made once on first use
 * (dv-analysis.c): preorder numbers, subtree sizes, symbols by preorder
 * number (n_reached of them, the root first). */
void dv_analysis_dominators (const DvGraph *graph, const guint32 **pre, const guint32 **size,
                             const guint32 **by_pre, guint *n_reached);

G_END_DECLS
