/* fuzz-parser.c: libFuzzer target for the dump parser and the lookups.
 *
 * One input is one dump file. It is loaded three ways (whole, in small
 * reads, gzipped) and the three graphs must be the same: how the bytes
 * arrive must not change the answer. Then every symbol, package and a set of
 * queries cut from the input are looked up, and each answer is checked
 * against the graph's own edges: a chain must follow recorded edges from the
 * root and be as short as the edges allow. Any broken rule aborts, so the
 * fuzzer keeps the input. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "dv-format.h"
#include "fuzz-check.h"

/* Bounds that keep one input under a few milliseconds. */
#define MAX_CHECKED_SYMBOLS  2048
#define MAX_CHECKED_PACKAGES 256
#define MAX_QUERIES          48
#define MAX_FORMATTED        24

/* ---------------------------------------------------------------------- */
/* A stream that hands the bytes over a few at a time, as a pipe does.     */

typedef struct
{
  GInputStream  parent_instance;
  const guint8 *data;
  gsize         len;
  gsize         pos;
  gsize         step;
} DribbleStream;

typedef struct
{
  GInputStreamClass parent_class;
} DribbleStreamClass;

GType dribble_stream_get_type (void);
G_DEFINE_TYPE (DribbleStream, dribble_stream, G_TYPE_INPUT_STREAM)

static gssize
dribble_stream_read (GInputStream *stream, void *buffer, gsize count,
                     GCancellable *cancellable, GError **error)
{
  DribbleStream *self = (DribbleStream *) stream;
  gsize n = MIN (MIN (count, self->step), self->len - self->pos);

  memcpy (buffer, self->data + self->pos, n);
  self->pos += n;
  return (gssize) n;
}

static void
dribble_stream_class_init (DribbleStreamClass *klass)
{
  G_INPUT_STREAM_CLASS (klass)->read_fn = dribble_stream_read;
}

static void
dribble_stream_init (DribbleStream *self)
{
}

static GInputStream *
dribble_stream_new (const guint8 *data, gsize len, gsize step)
{
  DribbleStream *self = g_object_new (dribble_stream_get_type (), NULL);

  self->data = data;
  self->len = len;
  self->step = MAX (step, 1);
  return G_INPUT_STREAM (self);
}

/* ---------------------------------------------------------------------- */

static DvGraph *
load_stream (GInputStream *in, GError **error)
{
  return dv_graph_load_stream (in, "fuzz.txt", 0, NULL, NULL, NULL, error);
}

static guint8 *
gzip_bytes (const guint8 *data, gsize len, gsize *out_len)
{
  z_stream z;
  gsize cap = len + len / 100 + 64;
  guint8 *out = g_malloc (cap);

  memset (&z, 0, sizeof z);
  check (deflateInit2 (&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK, "deflateInit2");
  z.next_in = (Bytef *) data;
  z.avail_in = (uInt) len;
  z.next_out = out;
  z.avail_out = (uInt) cap;
  check (deflate (&z, Z_FINISH) == Z_STREAM_END, "deflate");
  *out_len = cap - z.avail_out;
  deflateEnd (&z);
  return out;
}

static gboolean
same_edges (const DvEdge *a, guint na, const DvEdge *b, guint nb)
{
  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    if (a[i].symbol != b[i].symbol || a[i].kind != b[i].kind)
      return FALSE;
  return TRUE;
}

/* Two loads of the same text must agree on everything a caller can see. */
static void
assert_same_graph (const DvGraph *a, const DvGraph *b, const char *how)
{
  const DvGraphStats *sa = dv_graph_get_stats (a), *sb = dv_graph_get_stats (b);

  check (sa->lines == sb->lines && sa->dep_edges == sb->dep_edges
         && sa->root_edges == sb->root_edges && sa->call_edges == sb->call_edges
         && sa->unreadable_lines == sb->unreadable_lines && sa->bytes == sb->bytes
         && sa->symbols == sb->symbols && sa->roots == sb->roots && sa->packages == sb->packages
         && sa->reachable_symbols == sb->reachable_symbols, "stats differ when read %s", how);
  check (dv_graph_get_n_symbols (a) == dv_graph_get_n_symbols (b), "%s", how);
  check (dv_graph_get_n_packages (a) == dv_graph_get_n_packages (b), "%s", how);
  check (dv_graph_get_n_sections (a) == dv_graph_get_n_sections (b), "%s", how);
  check (dv_graph_get_n_sizes (a) == dv_graph_get_n_sizes (b), "%s", how);
  check (dv_graph_get_n_problems (a) == dv_graph_get_n_problems (b), "%s", how);
  for (guint i = 0; i < dv_graph_get_n_sections (a); i++)
    check (strcmp (dv_graph_get_section (a, i), dv_graph_get_section (b, i)) == 0, "%s", how);
  for (guint i = 0; i < dv_graph_get_n_sizes (a); i++)
    {
      guint64 va, vb;
      check (strcmp (dv_graph_get_size (a, i, &va), dv_graph_get_size (b, i, &vb)) == 0, "%s", how);
      check (va == vb, "%s", how);
    }
  for (guint i = 0; i < dv_graph_get_n_problems (a); i++)
    {
      const DvProblem *pa = dv_graph_get_problem (a, i), *pb = dv_graph_get_problem (b, i);
      check (pa->line == pb->line, "problem %u: line %" G_GUINT64_FORMAT " whole, %"
             G_GUINT64_FORMAT " read %s", i, pa->line, pb->line, how);
      check (strcmp (pa->message, pb->message) == 0, "%s", how);
      check (strcmp (pa->excerpt, pb->excerpt) == 0, "%s", how);
    }
  for (DvSymbolId id = 0; id < dv_graph_get_n_symbols (a); id++)
    {
      gsize len = dv_graph_symbol_name_len (a, id);
      guint na, nb;
      const DvEdge *ea, *eb;

      check (len == dv_graph_symbol_name_len (b, id)
             && memcmp (dv_graph_symbol_name (a, id), dv_graph_symbol_name (b, id), len) == 0,
             "symbol %u has another name when read %s", id, how);
      check (dv_graph_symbol_flags (a, id) == dv_graph_symbol_flags (b, id), "%s", how);
      check (dv_why_symbol_depth (a, id) == dv_why_symbol_depth (b, id), "%s", how);
      ea = dv_graph_children (a, id, &na);
      eb = dv_graph_children (b, id, &nb);
      check (same_edges (ea, na, eb, nb), "children of %u differ when read %s", id, how);
      ea = dv_graph_parents (a, id, &na);
      eb = dv_graph_parents (b, id, &nb);
      check (same_edges (ea, na, eb, nb), "parents of %u differ when read %s", id, how);
    }
}

static void
assert_same_error (const GError *a, const GError *b, const char *how)
{
  check (a != NULL && b != NULL, "one load failed and the other did not (read %s): %s", how,
         a ? a->message : b->message);
  check (a->domain == b->domain && a->code == b->code,
         "different errors (read %s): \"%s\" and \"%s\"", how, a->message, b->message);
}

/* ---------------------------------------------------------------------- */
/* Answers checked against the edges                                       */

static gboolean
has_edge (const DvGraph *g, DvSymbolId from, DvSymbolId to, int kind)
{
  guint n;
  const DvEdge *e = dv_graph_children (g, from, &n);

  for (guint i = 0; i < n; i++)
    if (e[i].symbol == to && (kind < 0 || (int) e[i].kind == kind))
      return TRUE;
  return FALSE;
}

static void
check_chain (const DvGraph *g, const GArray *chain, DvSymbolId target)
{
  DvSymbolId root = dv_graph_get_root (g);

  check (chain->len > 0, "empty chain to %u", target);
  check (chain->len == dv_why_symbol_depth (g, target),
         "chain of %u steps to a symbol at depth %u", chain->len, dv_why_symbol_depth (g, target));
  for (guint i = 0; i < chain->len; i++)
    {
      const DvChainStep *st = &g_array_index (chain, DvChainStep, i);
      DvSymbolId prev = i == 0 ? root : g_array_index (chain, DvChainStep, i - 1).symbol;

      check (st->symbol < dv_graph_get_n_symbols (g), "step %u out of range", i);
      check (dv_why_symbol_depth (g, st->symbol) == i + 1, "step %u at depth %u", i,
             dv_why_symbol_depth (g, st->symbol));
      if (i == 0)
        check (st->via == DV_EDGE_ROOT && has_edge (g, root, st->symbol, -1),
               "the first step is not marked by the root");
      else
        check (has_edge (g, prev, st->symbol, st->via),
               "step %u: no %s edge %u -> %u", i, dv_edge_kind_to_string (st->via), prev, st->symbol);
    }
  check (g_array_index (chain, DvChainStep, chain->len - 1).symbol == target, "chain ends elsewhere");
}

static void
check_ancestors (const DvGraph *g, const GArray *steps, DvSymbolId target)
{
  DvSymbolId prev = target;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  g_hash_table_add (seen, GUINT_TO_POINTER (target));
  for (guint i = 0; i < steps->len; i++)
    {
      const DvChainStep *st = &g_array_index (steps, DvChainStep, i);
      check (has_edge (g, st->symbol, prev, st->via), "ancestor %u does not keep the one before", i);
      check (!dv_why_symbol_reachable (g, st->symbol), "a reachable ancestor of an unreachable symbol");
      check (!g_hash_table_contains (seen, GUINT_TO_POINTER (st->symbol)), "ancestors loop");
      g_hash_table_add (seen, GUINT_TO_POINTER (st->symbol));
      prev = st->symbol;
    }
}

/* Enough of JSON to tell a well-formed document from a broken one. */
static const char *json_value (const char *p, int depth);

static const char *
json_ws (const char *p)
{
  while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
    p++;
  return p;
}

static const char *
json_string_end (const char *p)
{
  if (*p != '"')
    return NULL;
  for (p++; *p != '"'; p++)
    {
      if ((guchar) *p < 0x20)
        return NULL;
      if (*p == '\\')
        {
          p++;
          if (*p == 'u')
            {
              for (int i = 1; i <= 4; i++)
                if (!g_ascii_isxdigit (p[i]))
                  return NULL;
              p += 4;
            }
          else if (strchr ("\"\\/bfnrt", *p) == NULL || *p == '\0')
            return NULL;
        }
    }
  return p + 1;
}

static const char *
json_value (const char *p, int depth)
{
  p = json_ws (p);
  if (depth > 32)
    return NULL;
  if (*p == '"')
    return json_string_end (p);
  if (*p == '{' || *p == '[')
    {
      char close = *p == '{' ? '}' : ']';
      p = json_ws (p + 1);
      if (*p == close)
        return p + 1;
      for (;;)
        {
          if (close == '}')
            {
              if ((p = json_string_end (json_ws (p))) == NULL)
                return NULL;
              p = json_ws (p);
              if (*p++ != ':')
                return NULL;
            }
          if ((p = json_value (p, depth + 1)) == NULL)
            return NULL;
          p = json_ws (p);
          if (*p == close)
            return p + 1;
          if (*p++ != ',')
            return NULL;
        }
    }
  if (strncmp (p, "true", 4) == 0 || strncmp (p, "null", 4) == 0)
    return p + 4;
  if (strncmp (p, "false", 5) == 0)
    return p + 5;
  if (*p == '-' || g_ascii_isdigit (*p))
    {
      p++;
      while (g_ascii_isdigit (*p) || *p == '.' || *p == 'e' || *p == 'E' || *p == '+' || *p == '-')
        p++;
      return p;
    }
  return NULL;
}

static void
check_formats (const DvGraph *g, const char *query, const DvLookup *lookup)
{
  DvWhyAnswer answer;
  gboolean reachable = dv_why_answer_init (&answer, g, query, lookup);

  check (answer.target != DV_SYMBOL_NONE, "an answer without a target");
  if (answer.is_inlined)
    check (!reachable && answer.chain == NULL && answer.function != NULL, "an inlined answer with code");
  else
    check (reachable == dv_why_symbol_reachable (g, answer.target), "reachable disagrees");
  if (answer.chain)
    check_chain (g, answer.chain, answer.target);
  else if (!answer.is_inlined)
    check (answer.ancestors != NULL, "no chain and no ancestors");
  for (DvFormat f = DV_FORMAT_TEXT; f <= DV_FORMAT_JSON; f++)
    {
      g_autofree char *out = dv_format_why (g, &answer, f);
      gsize len = strlen (out);
      check (len > 0 && out[len - 1] == '\n', "format %d does not end in a newline", f);
      check (g_utf8_validate (out, (gssize) len, NULL), "format %d is not UTF-8", f);
      if (f == DV_FORMAT_JSON)
        {
          const char *end = json_value (out, 0);
          check (end != NULL && *json_ws (end) == '\0', "broken JSON:\n%s", out);
        }
    }
  dv_why_answer_clear (&answer);
}

static gboolean
ends_like_flag (const char *name, gsize len)
{
  return len > 0 && name[len - 1] == '>';
}

static void
check_symbols (const DvGraph *g)
{
  guint n = dv_graph_get_n_symbols (g);
  DvSymbolId root = dv_graph_get_root (g);
  guint reachable = 0;

  check (root < n && dv_why_symbol_depth (g, root) == 0, "the root is not at depth 0");
  check (dv_graph_find_symbol (g, "_", -1) == root, "\"_\" is not the root");
  for (DvSymbolId id = 0; id < n; id++)
    {
      const char *name = dv_graph_symbol_name (g, id);
      gsize len = dv_graph_symbol_name_len (g, id);
      guint depth = dv_why_symbol_depth (g, id);
      guint ne;
      const DvEdge *e;

      check (name != NULL && strlen (name) == len, "symbol %u: name length", id);
      if (!ends_like_flag (name, len))
        check (dv_graph_find_symbol (g, name, (gssize) len) == id,
               "symbol %u \"%s\" is not found by its own name", id, name);
      if (id != root && depth != DV_DEPTH_UNREACHABLE)
        reachable++;

      /* edges both ways, no duplicate, and the depths of a shortest search */
      e = dv_graph_children (g, id, &ne);
      for (guint i = 0; i < ne; i++)
        {
          check (e[i].symbol < n, "edge out of range");
          check (id != root || e[i].kind == DV_EDGE_ROOT || e[i].kind == DV_EDGE_CALL,
                 "a root edge of kind %u", e[i].kind);
          for (guint j = 0; j < i; j++)
            check (e[j].symbol != e[i].symbol || e[j].kind != e[i].kind, "duplicate edge");
          guint np;
          const DvEdge *p = dv_graph_parents (g, e[i].symbol, &np);
          gboolean back = FALSE;
          for (guint j = 0; j < np && !back; j++)
            back = p[j].symbol == id && p[j].kind == e[i].kind;
          check (back, "edge %u -> %u has no parent entry", id, e[i].symbol);
          if (depth != DV_DEPTH_UNREACHABLE)
            check (dv_why_symbol_depth (g, e[i].symbol) <= depth + 1,
                   "%u at depth %u has a parent at depth %u", e[i].symbol,
                   dv_why_symbol_depth (g, e[i].symbol), depth);
        }

      DvPackageId pkg = dv_graph_symbol_package (g, id);
      g_autofree char *pkg_of_name = dv_symbol_name_package (name, len);
      g_autofree char *label = dv_symbol_name_short (name, len);
      check (label != NULL, "no short label");
      if (id != root)
        {
          check (dv_graph_symbol_kind (g, id) == dv_symbol_name_kind (name, len),
                 "symbol %u: kind differs from the kind of its name", id);
          /* a symbol has a package only when its name carries one; a name
           * that carries one proves nothing when the linker merges it by
           * content, or when it is no code or type of the package */
          DvSymbolKind kind = dv_graph_symbol_kind (g, id);
          check (pkg == DV_PACKAGE_NONE || pkg_of_name != NULL,
                 "symbol %u \"%s\": package %u, its name carries none", id, name, pkg);
          check (pkg != DV_PACKAGE_NONE || pkg_of_name == NULL
                 || dv_symbol_name_content_addressable (name, len)
                 || (kind != DV_SYMBOL_KIND_FUNCTION && kind != DV_SYMBOL_KIND_TYPE),
                 "symbol %u \"%s\": no package, yet its name carries %s", id, name, pkg_of_name);
        }
      if (pkg != DV_PACKAGE_NONE)
        {
          check (pkg < dv_graph_get_n_packages (g), "package out of range");
          /* equal, or a shorter known package for a promoted method's name
           * (pkg.T.net/http.m carries "pkg.T.net/http") */
          const char *gp = dv_graph_package_name (g, pkg);
          check (pkg_of_name == NULL || strcmp (pkg_of_name, gp) == 0
                 || (g_str_has_prefix (pkg_of_name, gp) && pkg_of_name[strlen (gp)] == '.'),
                 "symbol %u: package \"%s\", name's \"%s\"", id, gp, pkg_of_name);
        }

      if (id >= MAX_CHECKED_SYMBOLS)
        continue;
      g_autoptr(GArray) chain = dv_why_symbol (g, id);
      if (id == root || depth == DV_DEPTH_UNREACHABLE)
        check (chain == NULL, "a chain to the root or to an unreachable symbol");
      else
        check_chain (g, chain, id);
      if (depth == DV_DEPTH_UNREACHABLE)
        {
          g_autoptr(GArray) up = dv_known_ancestors (g, id);
          check_ancestors (g, up, id);
        }
    }
  check (reachable == dv_graph_get_stats (g)->reachable_symbols, "reachable count %u, stats %u",
         reachable, dv_graph_get_stats (g)->reachable_symbols);
}

static void
check_packages (const DvGraph *g)
{
  guint n = MIN (dv_graph_get_n_packages (g), MAX_CHECKED_PACKAGES);

  for (DvPackageId p = 0; p < n; p++)
    {
      const char *name = dv_graph_package_name (g, p);
      DvSymbolId target = 0;
      g_autoptr(GArray) chain = dv_why_package (g, p, &target);

      check (dv_graph_find_package (g, name) == p, "package %u \"%s\" not found by name", p, name);
      check (dv_graph_package_n_symbols (g, p) > 0, "a package without symbols");
      check (dv_graph_package_n_reachable (g, p) <= dv_graph_package_n_symbols (g, p), "counts");
      if (dv_graph_package_n_reachable (g, p) == 0)
        check (chain == NULL && target == DV_SYMBOL_NONE, "an unreachable package has a chain");
      else
        {
          check (chain != NULL && target != DV_SYMBOL_NONE, "a live package without a chain");
          check (dv_graph_symbol_package (g, target) == p, "the chain ends in another package");
          check_chain (g, chain, target);
        }
    }
}

static void
check_lookup (const DvGraph *g, const char *query, guint *n_formatted)
{
  DvLookup lookup;

  dv_lookup (g, query, &lookup);
  check (lookup.candidates != NULL && lookup.candidates->len <= 5, "candidates");
  switch (lookup.kind)
    {
    case DV_LOOKUP_SYMBOL:
      check (lookup.symbol < dv_graph_get_n_symbols (g), "symbol out of range");
      check (lookup.symbol != dv_graph_get_root (g), "the root answered for \"%s\"", query);
      break;
    case DV_LOOKUP_PACKAGE:
      check (lookup.package < dv_graph_get_n_packages (g), "package out of range");
      break;
    case DV_LOOKUP_AMBIGUOUS:
      check (lookup.candidates->len >= 2, "ambiguous with fewer than two matches");
      break;
    case DV_LOOKUP_NOT_FOUND:
      break;
    case DV_LOOKUP_UNLINKED_PACKAGE:
      check (lookup.path != NULL && lookup.path[0] != '\0', "unlinked package without a path");
      check (dv_graph_find_package (g, lookup.path) == DV_PACKAGE_NONE,
             "\"%s\" is a package of the graph, yet answered as unlinked", lookup.path);
      check (lookup.candidates->len >= 1, "unlinked package with no symbol that names it");
      break;
    case DV_LOOKUP_INLINED:
      check (lookup.symbol < dv_graph_get_n_symbols (g)
             && dv_graph_symbol_kind (g, lookup.symbol) == DV_SYMBOL_KIND_DWARF,
             "inlined, but not a DWARF entry");
      break;
    default:
      check (FALSE, "lookup kind %d", lookup.kind);
    }
  if ((lookup.kind == DV_LOOKUP_SYMBOL || lookup.kind == DV_LOOKUP_PACKAGE
       || lookup.kind == DV_LOOKUP_INLINED)
      && (*n_formatted)++ < MAX_FORMATTED)
    check_formats (g, query, &lookup);
  dv_lookup_clear (&lookup);
}

/* Queries: each symbol's own name, and pieces of the input's lines. */
static void
check_lookups (const DvGraph *g, const guint8 *data, gsize size)
{
  guint n_formatted = 0, n_queries = 0;
  const char *p = (const char *) data, *end = p + size;

  for (DvSymbolId id = 0; id < dv_graph_get_n_symbols (g) && id < MAX_QUERIES; id++)
    {
      const char *name = dv_graph_symbol_name (g, id);
      gsize len = dv_graph_symbol_name_len (g, id);
      DvLookup lookup;

      dv_lookup (g, name, &lookup);
      /* an exact name is found as itself, whitespace and flags aside */
      if (id != dv_graph_get_root (g) && len > 0 && !g_ascii_isspace (name[0])
          && !g_ascii_isspace (name[len - 1]) && !ends_like_flag (name, len))
        check (lookup.kind == DV_LOOKUP_SYMBOL && lookup.symbol == id,
               "\"%s\" (symbol %u) looked up as kind %d, symbol %u", name, id, lookup.kind,
               lookup.symbol);
      dv_lookup_clear (&lookup);
      check_lookup (g, name, &n_formatted);
    }
  check_lookup (g, "", &n_formatted);
  check_lookup (g, " \t", &n_formatted);

  while (p < end && n_queries < MAX_QUERIES)
    {
      const char *nl = memchr (p, '\n', (gsize) (end - p));
      const char *stop = nl ? nl : end;
      gsize len = (gsize) (stop - p);
      const char *arrow = g_strstr_len (p, (gssize) len, " -> ");

      /* the raw bytes, not NUL-terminated: lookups must stay inside len */
      dv_graph_find_symbol (g, p, (gssize) len);
      g_free (dv_symbol_name_package (p, len));
      g_free (dv_symbol_name_short (p, len));
      dv_symbol_name_kind (p, len);
      if (memchr (p, '\0', len) == NULL)
        {
          g_autofree char *line = g_strndup (p, len);
          check_lookup (g, line, &n_formatted);
          n_queries++;
          if (arrow != NULL)
            {
              g_autofree char *left = g_strndup (p, (gsize) (arrow - p));
              check_lookup (g, left, &n_formatted);
              check_lookup (g, arrow + 4 < stop ? line + (arrow + 4 - p) : "", &n_formatted);
              n_queries += 2;
            }
          if (len > 2)
            {
              line[len - 1] = '\0';
              check_lookup (g, line + 1, &n_formatted);
              n_queries++;
            }
        }
      p = nl ? nl + 1 : end;
    }
}

/* Counts read off the bytes themselves: physical lines, "# " headers. */
static void
check_counts (const DvGraph *g, const guint8 *data, gsize size)
{
  const DvGraphStats *st = dv_graph_get_stats (g);
  guint64 lines = 0, sections = 0, last_line = 0;
  const guint8 *p = data, *end = data + size;

  while (p < end)
    {
      const guint8 *nl = memchr (p, '\n', (gsize) (end - p));
      const guint8 *stop = nl ? nl : end;
      lines++;
      if (stop - p >= 2 && p[0] == '#' && p[1] == ' ' && memchr (p, '\0', (gsize) (stop - p)) == NULL)
        sections++;
      p = nl ? nl + 1 : end;
    }
  check (st->bytes == size, "bytes %" G_GUINT64_FORMAT ", input %" G_GSIZE_FORMAT, st->bytes, size);
  check (st->lines == lines, "lines %" G_GUINT64_FORMAT ", input has %" G_GUINT64_FORMAT,
         st->lines, lines);
  check (dv_graph_get_n_sections (g) == sections, "sections %u, input has %" G_GUINT64_FORMAT,
         dv_graph_get_n_sections (g), sections);
  check (st->unreadable_lines <= lines, "more unreadable lines than lines");
  check (st->doubtful_lines <= lines, "more doubtful lines than lines");
  check (dv_graph_get_n_problems (g) == MIN (st->unreadable_lines + st->doubtful_lines, DV_GRAPH_MAX_PROBLEMS),
         "problems kept");
  for (guint i = 0; i < dv_graph_get_n_problems (g); i++)
    {
      const DvProblem *pr = dv_graph_get_problem (g, i);
      check (pr->line > last_line && pr->line <= lines, "problem %u on line %" G_GUINT64_FORMAT, i,
             pr->line);
      check (pr->message[0] != '\0' && g_utf8_validate (pr->excerpt, -1, NULL), "problem %u text", i);
      last_line = pr->line;
    }
}

/* ---------------------------------------------------------------------- */
/* fuzz-lookup.c includes this file for its checks, with its own entry.    */
#ifndef FUZZ_CHECKS_ONLY

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error_small = NULL;
  g_autoptr(GError) error_gz = NULL;
  g_autoptr(DvGraph) graph = NULL;
  g_autoptr(DvGraph) graph_small = NULL;
  g_autoptr(DvGraph) graph_gz = NULL;
  /* a read size that changes with the input, so line ends fall anywhere */
  gsize step = 1 + (size * 2654435761u >> 7) % 97;

  graph = dv_graph_load_data (data, size, "fuzz.txt", &error);
  check ((graph == NULL) != (error == NULL), "a graph and an error, or neither");
  if (error != NULL)
    check (error->message != NULL && strstr (error->message, "fuzz.txt") != NULL,
           "the error does not name the input: %s", error->message);

  {
    g_autoptr(GInputStream) in = dribble_stream_new (data, size, step);
    graph_small = load_stream (in, &error_small);
  }
  if (graph != NULL && graph_small != NULL)
    assert_same_graph (graph, graph_small, "in small pieces");
  else
    assert_same_error (error, error_small, "in small pieces");

  /* gzip of the text reads as the text; text that starts with the gzip
   * magic is read as gzip itself, so it has no plain reading to compare */
  if (!(size >= 2 && data[0] == 0x1f && data[1] == 0x8b))
    {
      gsize gz_len;
      g_autofree guint8 *gz = gzip_bytes (data, size, &gz_len);
      g_autoptr(GInputStream) in = dribble_stream_new (gz, gz_len, step * 7);
      graph_gz = load_stream (in, &error_gz);
      if (graph != NULL && graph_gz != NULL)
        assert_same_graph (graph, graph_gz, "gzipped");
      else
        assert_same_error (error, error_gz, "gzipped");
    }

  /* several binaries: each one, chosen, loads on its own */
  if (g_error_matches (error, DV_GRAPH_ERROR, DV_GRAPH_ERROR_SEVERAL_BINARIES))
    {
      g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (data, (gssize) size, NULL);
      g_auto(GStrv) binaries = dv_graph_list_binaries_stream (in, "fuzz.txt", NULL, NULL);
      check (binaries != NULL && g_strv_length (binaries) >= 2, "several binaries, but not listed");
      for (guint i = 0; binaries[i] != NULL; i += MAX (1u, g_strv_length (binaries) - 1))
        {
          DvLoadOptions options = { .binary = binaries[i] };
          g_autoptr(GError) one_error = NULL;
          g_autoptr(DvGraph) one = dv_graph_load_data_with_options (data, size, "fuzz.txt", &options,
                                                                    &one_error);
          check ((one == NULL) != (one_error == NULL), "a graph and an error, or neither");
          if (one == NULL)
            continue;
          check (g_strcmp0 (dv_graph_get_binary (one), binaries[i]) == 0, "the binary read");
          check_symbols (one);
          check_packages (one);
        }
    }

  if (graph == NULL)
    return 0;
  if (!(size >= 2 && data[0] == 0x1f && data[1] == 0x8b))
    check_counts (graph, data, size);
  check_symbols (graph);
  check_packages (graph);
  check_lookups (graph, data, size);
  return 0;
}

#endif /* FUZZ_CHECKS_ONLY */
