/* dv-graph-builder.c: the index of a graph as its text is parsed.
 *
 * Names are interned into an arena and a hash table, edges appended in file
 * order. After the text the edges become compressed rows both ways, every
 * symbol gets its kind and package, and one breadth-first search from "_"
 * precomputes every chain. */
#include "config.h"

#define G_LOG_DOMAIN "depview-graph"

#include "dv-loader-private.h"
#include "dv-names-private.h"

#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

/* ---------------------------------------------------------------------- */
/* Hashing and interning                                                   */

/* The slot value of a name whose record is at offset in arena block b. */
static inline guint64
slot_value (guint b, gsize offset, gsize len, guint64 h)
{
  return dv_graph_slot_key (len, h) | ((((guint64) b << ARENA_SHIFT) | offset) + 1);
}

static void
rehash_table (DvGraph *g, guint32 size)
{
  guint b = 0;
  const char *base = g->arena_blocks->pdata[0];

  g_free (g->table);
  g->table = NEW0_HUGE (guint64, size);
  g->table_mask = size - 1;
  /* records are in id order, block after block */
  for (DvSymbolId id = 0; id < g->n_symbols; id++)
    {
      const char *rec = g->names[id] - ARENA_HEADER;
      gsize len = g->name_lens[id];
      while (rec < base || rec >= base + ARENA_BLOCK)
        base = g->arena_blocks->pdata[++b];
      guint64 h = dv_graph_hash64 (g->names[id], len);
      guint32 slot = (guint32) h & g->table_mask;
      while (g->table[slot] != 0)
        slot = (slot + 1) & g->table_mask;
      g->table[slot] = slot_value (b, (gsize) (rec - base), len, h);
    }
}

static void
grow_table (DvGraph *g)
{
  rehash_table (g, (g->table_mask + 1) * 2);
}

/* Copies the name into the arena as the record of id; returns the slot
 * value that finds it. */
static guint64
arena_copy (Loader *l, DvSymbolId id, const char *name, gsize len, guint64 h)
{
  gsize need = ARENA_HEADER + len + 1;

  if (l->block == NULL || l->block_used + need > l->block_size)
    {
      /* the slot keeps SLOT_REF_BITS of arena place */
      if (((guint64) l->g->arena_blocks->len + 1) << ARENA_SHIFT > SLOT_REF_MASK)
        g_error ("depview: more than %" G_GUINT64_FORMAT " GiB of symbol names",
                 SLOT_REF_MASK >> 30);
      l->block_size = MAX (ARENA_BLOCK, need);
      l->block = huge_hint (g_malloc (l->block_size), l->block_size);
      l->block_used = 0;
      g_ptr_array_add (l->g->arena_blocks, l->block);
    }
  char *rec = l->block + l->block_used;
  memcpy (rec, &id, sizeof id);
  memcpy (rec + ARENA_HEADER, name, len);
  rec[ARENA_HEADER + len] = '\0';
  guint64 v = slot_value (l->g->arena_blocks->len - 1, l->block_used, len, h);
  l->block_used += need;
  l->arena_bytes += need;
  l->g->names[id] = rec + ARENA_HEADER;
  return v;
}

static void
resize_symbols (Loader *l, guint cap)
{
  DvGraph *g = l->g;

  g->names = RENEW_HUGE (const char *, g->names, cap);
  g->name_lens = RENEW_HUGE (guint32, g->name_lens, cap);
  g->flags = RENEW_HUGE (guint8, g->flags, cap);
  l->is_target = RENEW_HUGE (guint8, l->is_target, cap);
  l->cap_symbols = cap;
}

static void
grow_symbols (Loader *l)
{
  resize_symbols (l, l->cap_symbols ? l->cap_symbols * 2 : FIRST_SYMBOLS);
}

static void
resize_edges (Loader *l, gsize cap)
{
  l->cap_edges = cap;
  l->e_from = RENEW_HUGE (guint32, l->e_from, cap);
  l->e_to = RENEW_HUGE (guint32, l->e_to, cap);
}

/* Dumps hold about one symbol in 200 bytes of text and one edge in 100
 * (etcd: 212 and 95). Sized from the text to come, the table is not
 * rebuilt as it fills (each rebuild touches every name again), and the
 * arrays are not copied; pages reserved and never written cost no memory. */
#define BYTES_PER_SYMBOL 200u
#define BYTES_PER_EDGE   64u

void
dv_builder_reserve (Loader *l, guint64 text_bytes)
{
  DvGraph *g = l->g;
  guint64 symbols = text_bytes / BYTES_PER_SYMBOL, edges = text_bytes / BYTES_PER_EDGE;
  guint64 slots = (guint64) g->table_mask + 1;

  /* past what one load can hold, growing as it fills is as good */
  symbols = MIN (symbols, (guint64) 1 << 28);
  edges = MIN (edges, (guint64) 1 << 30);
  while (slots * 7 < symbols * 10)
    slots *= 2;
  if (slots > (guint64) g->table_mask + 1)
    rehash_table (g, (guint32) slots);
  if (symbols > l->cap_symbols)
    resize_symbols (l, (guint) symbols);
  if (edges > l->cap_edges)
    resize_edges (l, (gsize) edges);
}

DvSymbolId
dv_builder_intern (Loader *l, const char *name, gsize len, gboolean *added)
{
  return dv_builder_intern_hashed (l, name, len, dv_graph_hash64 (name, len), added);
}

DvSymbolId
dv_builder_intern_hashed (Loader *l, const char *name, gsize len, guint64 h, gboolean *added)
{
  DvGraph *g = l->g;
  guint32 slot = 0;
  DvSymbolId id = dv_graph_lookup_slot (g, name, len, h, &slot);

  if (added)
    *added = FALSE;
  if (id != DV_SYMBOL_NONE)
    return id;
  if (g->n_symbols >= l->cap_symbols)
    grow_symbols (l);
  id = g->n_symbols++;
  g->name_lens[id] = (guint32) len;
  g->flags[id] = 0;
  l->is_target[id] = 0;
  g->table[slot] = arena_copy (l, id, name, len, h);
  /* keep the load factor under 0.7 */
  if ((guint64) g->n_symbols * 10 > ((guint64) g->table_mask + 1) * 7)
    grow_table (g);
  if (added)
    *added = TRUE;
  return id;
}

/* ---------------------------------------------------------------------- */
/* Edges                                                                   */

void
dv_builder_add_edge (Loader *l, DvSymbolId from, DvSymbolId to, DvEdgeKind kind)
{
  guint32 packed = to | ((guint32) kind << 30);

  /* a function that calls another ten times prints ten equal lines in a
   * row; keep one (build_rows drops the duplicates that are not adjacent) */
  if (l->n_edges > 0 && l->e_from[l->n_edges - 1] == from && l->e_to[l->n_edges - 1] == packed)
    return;
  if (l->n_edges == l->cap_edges)
    resize_edges (l, l->cap_edges ? l->cap_edges * 2 : FIRST_EDGES);
  l->e_from[l->n_edges] = from;
  l->e_to[l->n_edges] = packed;
  l->n_edges++;
}

/* What the finished index will take if reading stopped now: the names and
 * the arrays so far, plus what finish_graph adds (rows both ways, the
 * search, kinds and packages: about 16 bytes an edge and 40 a symbol).
 * Counted as filled, not as reserved: reserved pages cost nothing. */
guint64
dv_builder_projected_bytes (const Loader *l)
{
  return l->arena_bytes + (guint64) l->g->n_symbols * (8 + 4 + 1 + 1 + 40)
         + (guint64) l->n_edges * (8 + 16) + ((guint64) l->g->table_mask + 1) * 8
         + N_CHUNKS_BYTES;
}

/* ---------------------------------------------------------------------- */
/* After the text: index, search, packages                                 */

/* Gives the pages of p[0 .. n) back to the system: the edge list, read
 * in order for the last time, shrinks as the rows it fills grow. */
static void
release_read (const guint32 *p, gsize n)
{
#ifdef MADV_DONTNEED
  const uintptr_t page = 4096;
  uintptr_t a = ((uintptr_t) p + page - 1) & ~(page - 1);
  uintptr_t e = ((uintptr_t) (p + n)) & ~(page - 1);
  if (e > a)
    madvise ((void *) a, e - a, MADV_DONTNEED);
#endif
}

static void
build_rows (guint n, guint32 *from, guint32 *to, gsize n_edges,
            gboolean reverse, gboolean last_use, guint32 **index_out, DvEdge **edges_out)
{
  guint32 *index = NEW0_HUGE (guint32, (gsize) n + 1);
  DvEdge *edges;
  guint32 *stamp;
  gsize total = 0, released = 0;

  for (gsize i = 0; i < n_edges; i++)
    {
      guint32 a = reverse ? (to[i] & DV_EDGE_SYMBOL_MASK) : from[i];
      index[a + 1]++;
    }
  for (guint i = 0; i < n; i++)
    index[i + 1] += index[i];
  edges = NEW_HUGE (DvEdge, n_edges ? n_edges : 1);
  /* index[a] walks through row a; after, it is where row a + 1 starts */
  for (gsize i = 0; i < n_edges; i++)
    {
      guint32 t = to[i] & DV_EDGE_SYMBOL_MASK;
      guint32 a = reverse ? t : from[i];
      guint32 b = reverse ? from[i] : t;
      guint32 k = index[a]++;
      edges[k].symbol = b;
      edges[k].kind = (DvEdgeKind) (to[i] >> 30);
      if (last_use && i - released >= (1u << 20))
        {
          release_read (from + released, i - released);
          release_read (to + released, i - released);
          released = i;
        }
    }
  memmove (index + 1, index, sizeof (guint32) * n);
  index[0] = 0;

  /* drop duplicates (a function calls another many times); keep file
   * order, and self-edges (ABI0 and ABIInternal copies share a name).
   * One stamp array serves both kinds: the dep edges of a row first, then
   * its call edges, marked in place and compacted after. */
  stamp = NEW_HUGE (guint32, n ? n : 1);
  memset (stamp, 0xff, sizeof (guint32) * n);
  for (int pass = 0; pass < 2; pass++)
    {
      gboolean calls = pass == 1;
      if (calls)
        memset (stamp, 0xff, sizeof (guint32) * n);
      for (guint a = 0; a < n; a++)
        for (guint32 k = index[a]; k < index[a + 1]; k++)
          {
            DvEdge *e = &edges[k];
            if ((e->kind == DV_EDGE_CALL) != calls || e->symbol == DV_EDGE_SYMBOL_MASK)
              continue;
            if (stamp[e->symbol] == a)
              e->symbol = DV_EDGE_SYMBOL_MASK; /* a duplicate: dropped below */
            else
              stamp[e->symbol] = a;
          }
    }
  g_free (stamp);
  for (guint a = 0; a < n; a++)
    {
      guint32 start = index[a], stop = index[a + 1];
      index[a] = (guint32) total;
      for (guint32 k = start; k < stop; k++)
        if (edges[k].symbol != DV_EDGE_SYMBOL_MASK)
          edges[total++] = edges[k];
    }
  index[n] = (guint32) total;
  *index_out = index;
  *edges_out = g_renew (DvEdge, edges, total ? total : 1);
}

typedef struct
{
  char       *span;  /* the package as spelled in names, still escaped */
  gsize       len;
  guint32     hash;
  DvPackageId package;
} PackageSpelling;

/* A promoted unexported method carries a second path in its name,
 * "go.etcd.io/etcd/pkg/transport.unixTransport.net/http.cancelRequest", and
 * the last-slash rule reads the made-up package
 * "go.etcd.io/etcd/pkg/transport.unixTransport.net/http". Every shorter
 * prefix ending where a path element meets a dot is a candidate; the
 * shortest one that is a package of other symbols is the true one. */
static DvPackageId
shorter_known_package (DvGraph *g, const char *span, gsize len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (span[i] != '.')
        continue;
      /* the first dot of this element: a candidate */
      g_autofree char *path = dv_names_unescape_path (span, i);
      gpointer v = g_hash_table_lookup (g->package_index, path);
      if (v != NULL)
        return GPOINTER_TO_UINT (v) - 1;
      /* skip to the next element */
      while (i < len && span[i] != '/')
        i++;
    }
  return DV_PACKAGE_NONE;
}

/* Drops made-up packages: each package whose spelling has a shorter known
 * package is merged into it, and the table is compacted. */
static void
merge_promoted_method_packages (DvGraph *g, GArray *spellings, GPtrArray *paths)
{
  guint n = paths->len;
  DvPackageId *remap = g_new (DvPackageId, MAX (n, 1u));
  gboolean any = FALSE;

  for (guint p = 0; p < n; p++)
    remap[p] = p;
  for (guint k = 0; k < spellings->len; k++)
    {
      PackageSpelling *sp = &g_array_index (spellings, PackageSpelling, k);
      /* only a dot after a slash can hide a second path */
      if (memchr (sp->span, '/', sp->len) == NULL)
        continue;
      DvPackageId q = shorter_known_package (g, sp->span, sp->len);
      if (q != DV_PACKAGE_NONE && q != sp->package)
        {
          remap[sp->package] = q;
          any = TRUE;
        }
    }
  if (any)
    {
      /* compact: a merged package leaves the table */
      DvPackageId *new_id = g_new (DvPackageId, n);
      guint kept = 0;
      for (guint p = 0; p < n; p++)
        {
          if (remap[p] == p)
            {
              new_id[p] = kept;
              g_ptr_array_index (paths, kept) = g_ptr_array_index (paths, p);
              kept++;
            }
          else
            g_free (g_ptr_array_index (paths, p));
        }
      for (guint p = 0; p < n; p++)
        if (remap[p] != p)
          {
            DvPackageId q = remap[p];
            while (remap[q] != q)
              q = remap[q];
            new_id[p] = new_id[q];
          }
      g_ptr_array_set_size (paths, kept);
      for (DvSymbolId id = 0; id < g->n_symbols; id++)
        if (g->packages[id] != DV_PACKAGE_NONE)
          g->packages[id] = new_id[g->packages[id]];
      g_hash_table_remove_all (g->package_index);
      for (guint p = 0; p < kept; p++)
        g_hash_table_insert (g->package_index, g_ptr_array_index (paths, p), GUINT_TO_POINTER (p + 1));
      g_free (new_id);
    }
  g_free (remap);
}

/* Kinds and packages of every symbol. Runs beside build_rows, in another
 * thread: it reads only the names. */
static gpointer
classify_symbols (gpointer data)
{
  DvGraph *g = data;
  guint n = g->n_symbols;
  GPtrArray *paths = g_ptr_array_new ();
  GArray *spellings = g_array_new (FALSE, FALSE, sizeof (PackageSpelling));
  guint32 mask = 4095, *slots = g_new0 (guint32, mask + 1); /* spelling index + 1 */

  g->kinds = NEW_HUGE (guint8, n);
  g->roles = NEW_HUGE (guint8, n);
  g->packages = NEW_HUGE (DvPackageId, n);
  g->package_index = g_hash_table_new (g_str_hash, g_str_equal);

  for (DvSymbolId id = 0; id < n; id++)
    {
      const char *name = g->names[id];
      gsize len = g->name_lens[id], start, plen;
      gboolean has_package;
      DvSymbolKind kind = dv_names_classify (name, len, &has_package, &start, &plen);

      g->kinds[id] = (guint8) kind;
      g->roles[id] = (guint8) dv_names_role (name, len, kind, has_package);
      g->packages[id] = DV_PACKAGE_NONE;
      /* the one package rule: a name that proves nothing gives no package */
      if (id == g->root || g->roles[id] == DV_NAME_ROLE_NONE)
        continue;

      guint32 h = dv_graph_hash_bytes (name + start, plen), slot = h & mask;
      for (; slots[slot] != 0; slot = (slot + 1) & mask)
        {
          PackageSpelling *sp = &g_array_index (spellings, PackageSpelling, slots[slot] - 1);
          if (sp->hash == h && sp->len == plen && memcmp (sp->span, name + start, plen) == 0)
            {
              g->packages[id] = sp->package;
              break;
            }
        }
      if (g->packages[id] != DV_PACKAGE_NONE)
        continue;

      /* a new spelling: unescape it and find or add its path */
      char *path = dv_names_unescape_path (name + start, plen);
      gpointer v = g_hash_table_lookup (g->package_index, path);
      DvPackageId pkg;
      if (v != NULL)
        {
          pkg = GPOINTER_TO_UINT (v) - 1;
          g_free (path);
        }
      else
        {
          pkg = paths->len;
          g_ptr_array_add (paths, path);
          g_hash_table_insert (g->package_index, path, GUINT_TO_POINTER (pkg + 1));
        }
      PackageSpelling sp = { g_strndup (name + start, plen), plen, h, pkg };
      g_array_append_val (spellings, sp);
      slots[slot] = spellings->len;
      g->packages[id] = pkg;
      if (spellings->len * 2 > mask)
        {
          mask = mask * 2 + 1;
          g_free (slots);
          slots = g_new0 (guint32, mask + 1);
          for (guint k = 0; k < spellings->len; k++)
            {
              guint32 sl = g_array_index (spellings, PackageSpelling, k).hash & mask;
              while (slots[sl] != 0)
                sl = (sl + 1) & mask;
              slots[sl] = k + 1;
            }
        }
    }

  merge_promoted_method_packages (g, spellings, paths);
  for (guint k = 0; k < spellings->len; k++)
    g_free (g_array_index (spellings, PackageSpelling, k).span);
  g_array_unref (spellings);
  g_free (slots);
  g->n_packages = paths->len;
  g->package_names = (char **) g_ptr_array_free (paths, FALSE);
  return NULL;
}

static void
count_packages (DvGraph *g)
{
  guint n = MAX (g->n_packages, 1u);

  g->package_n_symbols = g_new0 (guint32, n);
  g->package_n_reachable = g_new0 (guint32, n);
  for (DvSymbolId id = 0; id < g->n_symbols; id++)
    {
      DvPackageId p = g->packages[id];
      if (p == DV_PACKAGE_NONE)
        continue;
      g->package_n_symbols[p]++;
      if (g->depth[id] == DV_DEPTH_UNREACHABLE)
        continue;
      g->package_n_reachable[p]++;
    }
  dv_why_choose_package_best (g);
  g->stats.packages = 0;
  g->stats.packages_types_only = 0;
  for (DvPackageId p = 0; p < g->n_packages; p++)
    {
      g->stats.packages += g->package_link[p] != DV_PACKAGE_LINK_NO;
      g->stats.packages_types_only += g->package_link[p] == DV_PACKAGE_LINK_TYPES_ONLY;
    }
}

static gpointer
build_all_rows (gpointer data)
{
  Loader *l = data;
  DvGraph *g = l->g;
  gint64 t0 = g_get_monotonic_time ();

  build_rows (g->n_symbols, l->e_from, l->e_to, l->n_edges, FALSE, FALSE, &g->out_index, &g->out_edges);
  build_rows (g->n_symbols, l->e_from, l->e_to, l->n_edges, TRUE, TRUE, &g->in_index, &g->in_edges);
  g_debug ("rows %.1f ms", (g_get_monotonic_time () - t0) / 1e3);
  return NULL;
}

void
dv_builder_finish (Loader *l)
{
  DvGraph *g = l->g;
  gint64 t0 = g_get_monotonic_time (), t1, t2;
  GThread *rows;

  g->stats.symbols = g->n_symbols - 1; /* "_" is not a symbol of the program */

  /* the two halves read disjoint data: edges there, names here */
  rows = g_thread_try_new ("depview-rows", build_all_rows, l, NULL);
  if (rows == NULL)
    build_all_rows (l);
  classify_symbols (g);
  g_debug ("classify %.1f ms", (g_get_monotonic_time () - t0) / 1e3);
  if (rows != NULL)
    g_thread_join (rows);
  g_clear_pointer (&l->e_from, g_free);
  g_clear_pointer (&l->e_to, g_free);
  g_clear_pointer (&l->is_target, g_free);
#ifdef __GLIBC__
  /* what the rows thread freed stays in its malloc arena otherwise, and
   * the search comes on top of it */
  malloc_trim (0);
#endif
  t1 = g_get_monotonic_time ();

  g->stats.roots = g->out_index[g->root + 1] - g->out_index[g->root];
  dv_why_search_from_root (g);
  count_packages (g);
  t2 = g_get_monotonic_time ();
  g_debug ("%s: rows and packages %.1f ms, search %.1f ms", g->display_name,
           (t1 - t0) / 1e3, (t2 - t1) / 1e3);
}
