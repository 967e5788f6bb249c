/* test-parser.c: the dump reader against minimal inline cases and the real
 * dumps. Expected answers come from the dump text (dump-reference.h). */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "dv-graph.h"
#include "dv-why.h"
#include "dump-reference.h"

/* ---- shared routines ---------------------------------------------- */

static DvGraph *
load_ok (const char *text, gssize len)
{
  g_autoptr(GError) error = NULL;
  DvGraph *graph;

  if (len < 0)
    len = strlen (text);
  graph = dv_graph_load_data (text, len, "inline.txt", &error);
  g_assert_no_error (error);
  g_assert_nonnull (graph);
  return graph;
}

static void
assert_load_error (const char *text, gsize len, GQuark domain, int code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = dv_graph_load_data (text, len, "inline.txt", &error);

  g_assert_null (graph);
  g_assert_error (error, domain, code);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
}

static DvSymbolId
find (DvGraph *graph, const char *name)
{
  return dv_graph_find_symbol (graph, name, -1);
}

static DvSymbolId
find_ok (DvGraph *graph, const char *name)
{
  DvSymbolId id = dv_graph_find_symbol (graph, name, -1);
  if (id == DV_SYMBOL_NONE)
    g_error ("symbol not found: \"%s\"", g_strescape (name, NULL));
  return id;
}

/* The id whose stored name is exactly these bytes, by enumeration. */
static DvSymbolId
find_by_enumeration (DvGraph *graph, const char *name, gsize len)
{
  for (guint i = 0; i < dv_graph_get_n_symbols (graph); i++)
    if (dv_graph_symbol_name_len (graph, i) == len &&
        memcmp (dv_graph_symbol_name (graph, i), name, len) == 0)
      return i;
  return DV_SYMBOL_NONE;
}

static gboolean
has_edge (const DvEdge *edges, guint n, DvSymbolId sym, DvEdgeKind kind)
{
  for (guint i = 0; i < n; i++)
    if (edges[i].symbol == sym && edges[i].kind == kind)
      return TRUE;
  return FALSE;
}

static void
assert_edge (DvGraph *graph, DvSymbolId from, DvSymbolId to, DvEdgeKind kind)
{
  guint n = 0;
  const DvEdge *edges = dv_graph_children (graph, from, &n);
  g_assert_true (has_edge (edges, n, to, kind));
  edges = dv_graph_parents (graph, to, &n);
  g_assert_true (has_edge (edges, n, from, kind));
}

static gboolean
excerpt_is_clean (const char *excerpt)
{
  if (excerpt == NULL || !g_utf8_validate (excerpt, -1, NULL))
    return FALSE;
  for (const char *p = excerpt; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return FALSE;
  return TRUE;
}

/* Compares everything the graph says about the input with the reference. */
static void
check_against_reference (DvGraph *graph, RefDump *ref)
{
  const DvGraphStats *st = dv_graph_get_stats (graph);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_symbols = dv_graph_get_n_symbols (graph);
  DvSymbolId root = dv_graph_get_root (graph);
  DvSymbolId last_id = 0;
  gboolean first = TRUE;

  g_assert_cmpuint (st->lines, ==, ref->lines);
  g_assert_cmpuint (st->dep_edges, ==, ref->dep_edges);
  g_assert_cmpuint (st->root_edges, ==, ref->root_edges);
  g_assert_cmpuint (st->call_edges, ==, ref->call_edges);
  g_assert_cmpuint (st->unreadable_lines, ==, ref->unreadable->len);
  g_assert_cmpuint (st->bytes, ==, ref->bytes);
  g_assert_cmpuint (st->symbols, ==, ref->sym_order->len);
  g_assert_cmpuint (st->roots, ==, ref->n_roots);
  g_assert_cmpuint (st->reachable_symbols, ==, ref->n_reachable);

  /* Sections and sizes, in file order. */
  g_assert_cmpuint (dv_graph_get_n_sections (graph), ==, ref->sections->len);
  for (guint i = 0; i < ref->sections->len; i++)
    g_assert_cmpstr (dv_graph_get_section (graph, i), ==, g_ptr_array_index (ref->sections, i));
  g_assert_cmpuint (dv_graph_get_n_sizes (graph), ==, ref->size_keys->len);
  for (guint i = 0; i < ref->size_keys->len; i++)
    {
      guint64 value = 0;
      g_assert_cmpstr (dv_graph_get_size (graph, i, &value), ==, g_ptr_array_index (ref->size_keys, i));
      g_assert_cmpuint (value, ==, g_array_index (ref->size_values, guint64, i));
    }

  /* Problems: the first unreadable lines, with their line numbers. Doubtful
   * lines are read, so the reference cannot tell them; each is a problem too,
   * in line order among the unreadable ones. */
  g_assert_cmpuint (dv_graph_get_n_problems (graph), ==,
                    MIN (ref->unreadable->len + st->doubtful_lines, DV_GRAPH_MAX_PROBLEMS));
  for (guint i = 0, j = 0, doubts = 0; i < dv_graph_get_n_problems (graph); i++)
    {
      const DvProblem *p = dv_graph_get_problem (graph, i);
      if (j < ref->unreadable->len && p->line == g_array_index (ref->unreadable, guint64, j))
        j++;
      else
        g_assert_cmpuint (++doubts, <=, st->doubtful_lines);
      g_assert_nonnull (p->message);
      g_assert_cmpstr (p->message, !=, "");
      g_assert_true (excerpt_is_clean (p->excerpt));
    }

  /* Symbols: "_" plus every distinct name, each once. */
  g_assert_cmpuint (n_symbols, ==, ref->sym_order->len + 1);
  g_assert_cmpuint (root, <, n_symbols);
  g_assert_cmpstr (dv_graph_symbol_name (graph, root), ==, "_");
  for (guint i = 0; i < n_symbols; i++)
    {
      char *name = g_strndup (dv_graph_symbol_name (graph, i), dv_graph_symbol_name_len (graph, i));
      if (g_hash_table_contains (ids, name))
        g_error ("symbol listed twice: \"%s\"", g_strescape (name, NULL));
      if (i != root && ref_lookup (ref, name) == NULL)
        g_error ("symbol %u \"%s\" is not a name in the dump", i, g_strescape (name, NULL));
      g_hash_table_insert (ids, name, GUINT_TO_POINTER (i));
    }

  for (guint i = 0; i < ref->sym_order->len; i++)
    {
      RefSym *sym = g_ptr_array_index (ref->sym_order, i);
      gpointer value;
      DvSymbolId id;

      if (!g_hash_table_lookup_extended (ids, sym->name, NULL, &value))
        g_error ("missing symbol \"%s\"", g_strescape (sym->name, NULL));
      id = GPOINTER_TO_UINT (value);
      /* Ids are dense in order of first appearance. */
      if (!first)
        g_assert_cmpuint (id, >, last_id);
      first = FALSE;
      last_id = id;
      if (dv_graph_symbol_flags (graph, id) != sym->flags)
        g_error ("flags of \"%s\": %d, the dump says %u", g_strescape (sym->name, NULL),
                 dv_graph_symbol_flags (graph, id), sym->flags);
      /* Lookup by exact name; names whose tail only looks like a flag are
       * checked in their own test. */
      if (!(ref_is_namedata (sym->name) && g_str_has_suffix (sym->name, ">")))
        {
          DvSymbolId found = dv_graph_find_symbol (graph, sym->name, strlen (sym->name));
          if (found != id)
            g_error ("dv_graph_find_symbol (\"%s\") = %u, expected %u", g_strescape (sym->name, NULL), found, id);
        }
    }

  /* Edges: each node's children and parents, in file order. Mismatches
   * are collected so one run shows every kind of difference. */
  {
    guint self_dropped = 0, other = 0;
    for (guint i = 0; i < ref->sym_order->len + 1; i++)
      {
        RefSym *sym = i == 0 ? ref->root : g_ptr_array_index (ref->sym_order, i - 1);
        DvSymbolId id = GPOINTER_TO_UINT (g_hash_table_lookup (ids, sym->name));
        for (guint dir = 0; dir < 2; dir++)
          {
            GPtrArray *want = dir == 0 ? sym->children : sym->parents;
            guint n = 0, k = 0, w = 0;
            gboolean dropped_self = FALSE;
            const DvEdge *got = dir == 0 ? dv_graph_children (graph, id, &n) : dv_graph_parents (graph, id, &n);
            while (w < want->len || k < n)
              {
                RefLink *l = w < want->len ? g_ptr_array_index (want, w) : NULL;
                DvSymbolId other_id = l ? GPOINTER_TO_UINT (g_hash_table_lookup (ids, l->sym->name)) : DV_SYMBOL_NONE;
                if (l && k < n && got[k].symbol == other_id && got[k].kind == l->kind)
                  {
                    k++, w++;
                    continue;
                  }
                if (l && l->sym == sym)
                  {
                    dropped_self = TRUE;
                    w++;
                    continue;
                  }
                if (other++ < 5)
                  g_printerr ("%s of \"%s\", edge %u: got \"%s\" (%s), the dump says \"%s\" (%s)\n",
                              dir == 0 ? "children" : "parents", g_strescape (sym->name, NULL), k,
                              k < n ? g_strescape (dv_graph_symbol_name (graph, got[k].symbol), NULL) : "(end of list)",
                              k < n ? dv_edge_kind_to_string (got[k].kind) : "",
                              l ? g_strescape (l->sym->name, NULL) : "(end of list)",
                              l ? dv_edge_kind_to_string (l->kind) : "");
                break;
              }
            if (dropped_self && self_dropped++ < 3)
              g_printerr ("%s of \"%s\": the self-edge of the dump is missing\n",
                          dir == 0 ? "children" : "parents", g_strescape (sym->name, NULL));
          }
      }
    if (other > 0)
      g_error ("%u edge lists differ from the dump", other);
    if (self_dropped > 0)
      g_error ("%u edge lists miss the self-edge recorded in the dump", self_dropped);
  }
}

static void
check_text (const char *text, gssize len)
{
  g_autoptr(DvGraph) graph = NULL;
  RefDump *ref;

  if (len < 0)
    len = strlen (text);
  graph = load_ok (text, len);
  ref = ref_dump_parse (text, len);
  check_against_reference (graph, ref);
  ref_dump_free (ref);
}

static GBytes *
gzip_bytes (const void *data, gsize len)
{
  g_autoptr(GZlibCompressor) z = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  g_autoptr(GOutputStream) mem = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (mem, G_CONVERTER (z));
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all (out, data, len, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
}

static GBytes *
repeat_bytes (GBytes *bytes, guint times)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  GString *s = g_string_sized_new (len * times);
  for (guint i = 0; i < times; i++)
    g_string_append_len (s, data, len);
  return g_string_free_to_bytes (s);
}

static const char basic_dump[] =
  "# example.com/a\n"
  "_ -> main.main\n"
  "main.main -> fmt.Println\n"
  " -> go.info.fmt.Println\n"
  "go.info.fmt.Println -> go.info.int\n"
  "main.main calls fmt.Println\n"
  "textsize=100\n"
  "total=200\n";

/* ---- line shapes ------------------------------------------------------ */

static void
test_shapes_basic (void)
{
  g_autoptr(DvGraph) graph = load_ok (basic_dump, -1);
  const DvGraphStats *st = dv_graph_get_stats (graph);
  DvSymbolId root = dv_graph_get_root (graph);
  DvSymbolId mm = find_ok (graph, "main.main");
  DvSymbolId pl = find_ok (graph, "fmt.Println");
  DvSymbolId empty = dv_graph_find_symbol (graph, "", 0);
  DvSymbolId info = find_ok (graph, "go.info.fmt.Println");
  guint64 value = 0;

  g_assert_cmpuint (st->lines, ==, 8);
  g_assert_cmpuint (st->dep_edges, ==, 4);
  g_assert_cmpuint (st->root_edges, ==, 1);
  g_assert_cmpuint (st->call_edges, ==, 1);
  g_assert_cmpuint (st->unreadable_lines, ==, 0);
  g_assert_cmpuint (st->symbols, ==, 5); /* main.main fmt.Println "" go.info.fmt.Println go.info.int */
  g_assert_cmpuint (st->roots, ==, 1);
  g_assert_cmpuint (st->bytes, ==, strlen (basic_dump));
  g_assert_cmpuint (dv_graph_get_n_sections (graph), ==, 1);
  g_assert_cmpstr (dv_graph_get_section (graph, 0), ==, "example.com/a");
  g_assert_cmpuint (dv_graph_get_n_sizes (graph), ==, 2);
  g_assert_cmpstr (dv_graph_get_size (graph, 0, &value), ==, "textsize");
  g_assert_cmpuint (value, ==, 100);
  g_assert_cmpstr (dv_graph_get_size (graph, 1, &value), ==, "total");
  g_assert_cmpuint (value, ==, 200);

  g_assert_cmpuint (empty, !=, DV_SYMBOL_NONE);
  g_assert_cmpuint (dv_graph_symbol_name_len (graph, empty), ==, 0);
  g_assert_cmpuint (find (graph, "fmt.Missing"), ==, DV_SYMBOL_NONE);
  assert_edge (graph, root, mm, DV_EDGE_ROOT);
  assert_edge (graph, mm, pl, DV_EDGE_DEP);
  assert_edge (graph, mm, pl, DV_EDGE_CALL);
  assert_edge (graph, empty, info, DV_EDGE_DEP);
  g_assert_cmpuint (dv_graph_find_symbol (graph, "main.mainX", 9), ==, mm);

  check_text (basic_dump, -1);
}

/* ---- several binaries: one "# path" section each ------------------------ */

/* Lines cut at each newline (g_strsplit would rescan the rest of the text
 * for every line under AddressSanitizer's strstr). */
static GPtrArray *
plain_lines (const char *text, gsize len)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  gsize pos = 0;

  while (pos < len)
    {
      const char *nl = memchr (text + pos, '\n', len - pos);
      gsize end = nl ? (gsize) (nl - text) : len;
      g_ptr_array_add (lines, g_strndup (text + pos, end - pos));
      pos = end + 1;
    }
  return lines;
}


typedef struct {
  char  *path;   /* the header, without "# " */
  gsize  start;  /* offset of the header line */
  gsize  len;    /* up to the next header line */
} PlainSection;

static void
plain_section_free (gpointer data)
{
  PlainSection *sec = data;
  g_free (sec->path);
  g_free (sec);
}

/* The sections of a dump text, cut at each line that starts with "# ". */
static GPtrArray *
plain_sections (const char *text, gsize len)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (plain_section_free);
  g_autoptr(GPtrArray) lines = plain_lines (text, len);
  gsize pos = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      gsize n = strlen (line), next = MIN (pos + n + 1, len);
      if (g_str_has_prefix (line, "# "))
        {
          PlainSection *sec = g_new0 (PlainSection, 1);
          sec->path = g_strndup (line + 2, n - 2 - (g_str_has_suffix (line, "\r") ? 1 : 0));
          sec->start = pos;
          g_ptr_array_add (out, sec);
        }
      if (out->len > 0)
        {
          PlainSection *last = g_ptr_array_index (out, out->len - 1);
          last->len = next - last->start;
        }
      pos = next;
    }
  return out;
}

static DvGraph *
load_binary (const char *text, gsize len, const char *binary, GError **error)
{
  DvLoadOptions options = { .binary = binary };
  return dv_graph_load_data_with_options (text, len, "inline.txt", &options, error);
}

/* One binary of a file against the reference reading of its section alone:
 * the same graph as if the section were the whole file, but for the bytes
 * (of the file) and the headers (all of the file's). */
static void
check_binary_section (DvGraph *graph, const char *text, gsize len, GPtrArray *sections, guint i)
{
  PlainSection *sec = g_ptr_array_index (sections, i);
  RefDump *ref = ref_dump_parse (text + sec->start, sec->len);

  g_assert_cmpstr (dv_graph_get_binary (graph), ==, sec->path);
  ref->bytes = len;
  g_ptr_array_set_size (ref->sections, 0);
  for (guint k = 0; k < sections->len; k++)
    g_ptr_array_add (ref->sections, g_strdup (((PlainSection *) g_ptr_array_index (sections, k))->path));
  check_against_reference (graph, ref);
  ref_dump_free (ref);
}

static void
test_binaries_sections (void)
{
  static const char dump[] =
    "# example.com/a\n"
    "_ -> _rt0_amd64_linux\n"
    "_rt0_amd64_linux -> main.main\n"
    "# example.com/b\n"
    "_ -> _rt0_amd64_linux\n"
    "_ -> main.other\n"
    "_rt0_amd64_linux -> main.main\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) none = load_binary (dump, strlen (dump), NULL, &error);
  g_autoptr(DvGraph) a = NULL;
  g_autoptr(DvGraph) b = NULL;
  g_autoptr(GPtrArray) sections = plain_sections (dump, strlen (dump));

  /* no binary chosen: an error that names the file and both binaries */
  g_assert_null (none);
  g_assert_error (error, DV_GRAPH_ERROR, DV_GRAPH_ERROR_SEVERAL_BINARIES);
  g_assert_nonnull (strstr (error->message, "inline.txt"));
  g_assert_nonnull (strstr (error->message, "example.com/a"));
  g_assert_nonnull (strstr (error->message, "example.com/b"));
  g_clear_error (&error);

  a = load_binary (dump, strlen (dump), "example.com/a", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dv_graph_get_stats (a)->lines, ==, 3);
  g_assert_cmpuint (dv_graph_get_stats (a)->root_edges, ==, 1);
  g_assert_cmpuint (dv_graph_get_stats (a)->dep_edges, ==, 2);
  g_assert_cmpuint (dv_graph_get_stats (a)->symbols, ==, 2);
  g_assert_cmpuint (find (a, "main.other"), ==, DV_SYMBOL_NONE);
  g_assert_cmpuint (dv_graph_get_n_sections (a), ==, 2);
  g_assert_cmpstr (dv_graph_get_section (a, 0), ==, "example.com/a");
  g_assert_cmpstr (dv_graph_get_section (a, 1), ==, "example.com/b");
  check_binary_section (a, dump, strlen (dump), sections, 0);

  b = load_binary (dump, strlen (dump), "example.com/b", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dv_graph_get_stats (b)->lines, ==, 4);
  g_assert_cmpuint (dv_graph_get_stats (b)->root_edges, ==, 2);
  g_assert_cmpuint (dv_graph_get_stats (b)->dep_edges, ==, 3);
  g_assert_cmpuint (dv_graph_get_stats (b)->roots, ==, 2);
  g_assert_cmpuint (dv_graph_get_stats (b)->symbols, ==, 3);
  find_ok (b, "main.other");
  check_binary_section (b, dump, strlen (dump), sections, 1);
}

static void
test_binaries_not_there (void)
{
  static const char two[] = "# example.com/a\n_ -> main.main\n# example.com/b\n_ -> main.main\n";
  static const char bare[] = "_ -> main.main\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = load_binary (two, strlen (two), "example.com/c", &error);

  g_assert_null (graph);
  g_assert_error (error, DV_GRAPH_ERROR, DV_GRAPH_ERROR_NO_SUCH_BINARY);
  g_assert_nonnull (strstr (error->message, "inline.txt"));
  g_assert_nonnull (strstr (error->message, "“example.com/c”"));
  g_assert_nonnull (strstr (error->message, "example.com/a, example.com/b"));
  g_clear_error (&error);
  /* a prefix of a path is not that path */
  graph = load_binary (two, strlen (two), "example.com/", &error);
  g_assert_error (error, DV_GRAPH_ERROR, DV_GRAPH_ERROR_NO_SUCH_BINARY);
  g_clear_error (&error);
  /* the linker's own output has no header: one binary, which has no name */
  graph = load_binary (bare, strlen (bare), "example.com/a", &error);
  g_assert_null (graph);
  g_assert_error (error, DV_GRAPH_ERROR, DV_GRAPH_ERROR_NO_SUCH_BINARY);
  g_clear_error (&error);
  graph = load_ok (bare, -1);
  g_assert_null (dv_graph_get_binary (graph));
  g_clear_pointer (&graph, dv_graph_unref);
  /* a file that is no dump says so, binary or not */
  graph = load_binary ("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, "example.com/a", &error);
  g_assert_null (graph);
  g_assert_error (error, DV_GRAPH_ERROR, DV_GRAPH_ERROR_NOT_A_DUMP);
}

/* One path twice (one build's output appended twice) is one binary. Lines
 * before the first header ("go: downloading ...") belong to no binary. */
static void
test_binaries_same_path_twice (void)
{
  static const char dump[] =
    "go: downloading example.com/x v1.0.0\n"
    "# example.com/a\n"
    "_ -> main.main\n"
    "# example.com/a\n"
    "_ -> main.main\n"
    "main.main -> fmt.Println\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) all = load_ok (dump, -1);
  g_autoptr(DvGraph) a = load_binary (dump, strlen (dump), "example.com/a", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (dv_graph_get_stats (all)->unreadable_lines, ==, 1);
  g_assert_cmpuint (dv_graph_get_stats (all)->lines, ==, 6);
  g_assert_cmpuint (dv_graph_get_n_sections (all), ==, 2);
  g_assert_cmpstr (dv_graph_get_binary (all), ==, "example.com/a");
  g_assert_cmpuint (dv_graph_get_stats (a)->unreadable_lines, ==, 0);
  g_assert_cmpuint (dv_graph_get_stats (a)->lines, ==, 5);
  g_assert_cmpuint (dv_graph_get_stats (a)->dep_edges, ==, 3);
  assert_edge (a, find_ok (a, "main.main"), find_ok (a, "fmt.Println"), DV_EDGE_DEP);
}

/* Problems of a binary further down keep the file's line numbers. */
static void
test_binaries_problem_lines (void)
{
  static const char dump[] =
    "# example.com/a\n"          /* 1 */
    "bad line of a\n"            /* 2 */
    "_ -> main.main\n"           /* 3 */
    "# example.com/b\n"          /* 4 */
    "_ -> main.main\n"           /* 5 */
    "bad line of b\n";           /* 6 */
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) b = load_binary (dump, strlen (dump), "example.com/b", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (dv_graph_get_stats (b)->unreadable_lines, ==, 1);
  g_assert_cmpuint (dv_graph_get_n_problems (b), ==, 1);
  g_assert_cmpuint (dv_graph_get_problem (b, 0)->line, ==, 6);
}

static void
test_binaries_list (void)
{
  static const char dump[] =
    "# example.com/a\n_ -> main.main\n# example.com/b\n_ -> main.main\n"
    "# example.com/a\n_ -> main.main\n# example.com/c\n";
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (dump, strlen (dump), NULL);
  g_autoptr(GInputStream) bare = g_memory_input_stream_new_from_data ("_ -> main.main\n", 15, NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) list = dv_graph_list_binaries_stream (in, "inline.txt", NULL, &error);
  g_auto(GStrv) none = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (list), ==, 3);
  g_assert_cmpstr (list[0], ==, "example.com/a");
  g_assert_cmpstr (list[1], ==, "example.com/b");
  g_assert_cmpstr (list[2], ==, "example.com/c");
  none = dv_graph_list_binaries_stream (bare, "inline.txt", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (none);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
}

/* A real go build ./cmd/... of two commands: the sources are in
 * tests/data/two-binaries, built with Go 1.22 in GOPATH mode as
 * example.com/tools (GO111MODULE=off) by
 *   go build -ldflags='-dumpdep -c' -o bin/ ./cmd/... 2>deps.txt
 * and gzipped. Each binary is its own graph, equal to the reference reading of its
 * section alone, and neither reaches the other's own symbols. */
static void
test_binaries_real (void)
{
  g_autofree char *path = ref_fixture ("tools-two-binaries-go1.22.deps-and-calls.txt.gz");
  g_autoptr(GBytes) text = ref_read_file (path);
  gsize len;
  const char *data = g_bytes_get_data (text, &len);
  g_autoptr(GPtrArray) sections = plain_sections (data, len);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) list = dv_graph_list_binaries_file (file, NULL, &error);
  g_autoptr(DvGraph) none = dv_graph_load_path (path, NULL, &error);
  DvGraph *graphs[2];

  g_assert_cmpuint (sections->len, ==, 2);
  g_assert_cmpuint (g_strv_length (list), ==, 2);
  g_assert_null (none);
  g_assert_error (error, DV_GRAPH_ERROR, DV_GRAPH_ERROR_SEVERAL_BINARIES);
  g_clear_error (&error);
  for (guint i = 0; i < 2; i++)
    {
      PlainSection *sec = g_ptr_array_index (sections, i);
      DvLoadOptions options = { .binary = sec->path };
      g_assert_cmpstr (list[i], ==, sec->path);
      graphs[i] = dv_graph_load_path_with_options (path, &options, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (dv_graph_get_stats (graphs[i])->unreadable_lines, ==, 0);
      g_assert_cmpuint (dv_graph_get_stats (graphs[i])->call_edges, >, 1000);
      check_binary_section (graphs[i], data, len, sections, i);
    }
  /* alpha formats a number (strconv), beta counts runes (unicode/utf8) */
  g_assert_cmpstr (list[0], ==, "example.com/tools/cmd/alpha");
  g_assert_cmpuint (find (graphs[0], "unicode/utf8.RuneCountInString"), ==, DV_SYMBOL_NONE);
  g_assert_cmpuint (dv_why_symbol_depth (graphs[1], find_ok (graphs[1], "unicode/utf8.RuneCountInString")),
                    !=, DV_DEPTH_UNREACHABLE);
  g_assert_cmpuint (dv_graph_find_package (graphs[0], "strconv"), !=, DV_PACKAGE_NONE);
  g_assert_cmpuint (dv_graph_find_package (graphs[1], "strconv"), ==, DV_PACKAGE_NONE);
  g_assert_cmpuint (dv_graph_find_package (graphs[1], "unicode/utf8"), !=, DV_PACKAGE_NONE);
  for (guint i = 0; i < 2; i++)
    dv_graph_unref (graphs[i]);
}

static void
test_shapes_duplicates (void)
{
  static const char dump[] =
    "_ -> runtime.args\n"
    "runtime.args -> runtime.args\n"
    "runtime.args -> runtime.x\n"
    "runtime.args -> runtime.x\n";
  g_autoptr(DvGraph) graph = load_ok (dump, -1);
  DvSymbolId args = find_ok (graph, "runtime.args");
  guint n = 0;

  g_assert_cmpuint (dv_graph_get_stats (graph)->dep_edges, ==, 4);
  g_assert_cmpuint (dv_graph_get_stats (graph)->symbols, ==, 2);
  assert_edge (graph, args, args, DV_EDGE_DEP);
  dv_graph_children (graph, args, &n);
  g_assert_cmpuint (n, ==, 2);
  check_text (dump, -1);
}

/* ---- flags ------------------------------------------------------------ */

static void
test_flags_each_side (void)
{
  static const char dump[] =
    "_ -> main.main\n"
    "main.main -> type.T <UsedInIface>\n"
    "type.T <UsedInIface> -> type.*T\n"
    "main.main -> main.f\n"
    "main.f <ReflectMethod> -> reflect.Value.MethodByName\n"
    "main.main -> main.g <UsedInIface><ReflectMethod>\n"
    "main.g <UsedInIface><ReflectMethod> -> x.y\n";
  g_autoptr(DvGraph) graph = load_ok (dump, -1);

  g_assert_cmpuint (dv_graph_get_stats (graph)->symbols, ==, 7);
  g_assert_cmpint (dv_graph_symbol_flags (graph, find_ok (graph, "type.T")), ==, DV_SYMBOL_FLAG_USED_IN_IFACE);
  g_assert_cmpint (dv_graph_symbol_flags (graph, find_ok (graph, "type.*T")), ==, DV_SYMBOL_FLAG_NONE);
  g_assert_cmpint (dv_graph_symbol_flags (graph, find_ok (graph, "main.f")), ==, DV_SYMBOL_FLAG_REFLECT_METHOD);
  g_assert_cmpint (dv_graph_symbol_flags (graph, find_ok (graph, "main.g")), ==,
                   DV_SYMBOL_FLAG_USED_IN_IFACE | DV_SYMBOL_FLAG_REFLECT_METHOD);
  g_assert_cmpint (dv_graph_symbol_flags (graph, find_ok (graph, "main.main")), ==, DV_SYMBOL_FLAG_NONE);
  /* The flags in a query are not part of the name. */
  g_assert_cmpuint (find (graph, "type.T <UsedInIface>"), ==, find (graph, "type.T"));
  g_assert_cmpuint (find (graph, "main.g <UsedInIface><ReflectMethod>"), ==, find (graph, "main.g"));
  g_assert_cmpuint (find (graph, "main.f <ReflectMethod>"), ==, find (graph, "main.f"));
  check_text (dump, -1);
}

static void
test_flags_set_later (void)
{
  static const char dump[] =
    "_ -> type.T\n"
    "type.T -> type.U\n"
    "type.T <UsedInIface> -> type.V\n";
  g_autoptr(DvGraph) graph = load_ok (dump, -1);

  g_assert_cmpuint (dv_graph_get_stats (graph)->symbols, ==, 3);
  g_assert_cmpint (dv_graph_symbol_flags (graph, find_ok (graph, "type.T")), ==, DV_SYMBOL_FLAG_USED_IN_IFACE);
  assert_edge (graph, find_ok (graph, "type.T"), find_ok (graph, "type.V"), DV_EDGE_DEP);
  check_text (dump, -1);
}

static void
test_flags_not_trailing (void)
{
  static const char dump[] =
    "_ -> main.main\n"
    "main.main -> type.struct { B int \"t <UsedInIface>\" } <UsedInIface>\n"
    "main.main -> main.Gen[go.shape.struct { B int \"t <UsedInIface>\" }_0]\n"
    "main.main -> go.string.\"<ReflectMethod> x\"\n";
  g_autoptr(DvGraph) graph = load_ok (dump, -1);
  DvSymbolId s = find_ok (graph, "type.struct { B int \"t <UsedInIface>\" }");

  g_assert_cmpint (dv_graph_symbol_flags (graph, s), ==, DV_SYMBOL_FLAG_USED_IN_IFACE);
  s = find_ok (graph, "main.Gen[go.shape.struct { B int \"t <UsedInIface>\" }_0]");
  g_assert_cmpint (dv_graph_symbol_flags (graph, s), ==, DV_SYMBOL_FLAG_NONE);
  s = find_ok (graph, "go.string.\"<ReflectMethod> x\"");
  g_assert_cmpint (dv_graph_symbol_flags (graph, s), ==, DV_SYMBOL_FLAG_NONE);
  check_text (dump, -1);
}

/* A namedata name is a struct tag pasted raw: text that ends like a flag is
 * tag text (the linker never flags namedata). */
static void
test_namedata_trailing_flag_text (void)
{
  static const char dump[] =
    "_ -> type.main.T <UsedInIface>\n"
    "type.main.T <UsedInIface> -> type..namedata.C.x:\"y\" <UsedInIface>\n";
  static const char name[] = "type..namedata.C.x:\"y\" <UsedInIface>";
  g_autoptr(DvGraph) graph = load_ok (dump, -1);
  DvSymbolId id = find_by_enumeration (graph, name, strlen (name));

  g_assert_cmpuint (id, !=, DV_SYMBOL_NONE);
  g_assert_cmpint (dv_graph_symbol_flags (graph, id), ==, DV_SYMBOL_FLAG_NONE);
  g_assert_cmpuint (find_by_enumeration (graph, name, strlen (name) - strlen (" <UsedInIface>")), ==, DV_SYMBOL_NONE);
  check_text (dump, -1);
}

/* ---- " -> " inside names ---------------------------------------------- */

static const char arrows_dump[] =
  "_ -> main.main\n"
  "main.main -> go.string.\" -> node=\"\n"
  "main.main -> go.string.\"a -> b -> c\"\n"
  "main.main -> type.struct { Q string \"z:\\\"p -> q\\\"\" } <UsedInIface>\n"
  "type.struct { Q string \"z:\\\"p -> q\\\"\" } <UsedInIface> -> type..namedata.Q.z:\"p -> q\"\n"
  "type.struct { Q string \"z:\\\"p -> q\\\"\" } -> go.string.\" -> \"\n"
  " -> go.info.struct { Q string \"z:\\\"p -> q\\\"\" }\n"
  "main.main -> go.string.\"x calls y\"\n"
  "main.main -> main.F[struct { Q string \"z:\\\"p -> q\\\"\" }]\n"
  "main.F[struct { Q string \"z:\\\"p -> q\\\"\" }] calls main.main\n"
  "main.main calls main.F[struct { Q string \"z:\\\"p -> q\\\"\" }]\n";

static void
test_arrow_in_target (void)
{
  g_autoptr(DvGraph) graph = load_ok (arrows_dump, -1);
  DvSymbolId mm = find_ok (graph, "main.main");

  assert_edge (graph, mm, find_ok (graph, "go.string.\" -> node=\""), DV_EDGE_DEP);
  assert_edge (graph, mm, find_ok (graph, "go.string.\"a -> b -> c\""), DV_EDGE_DEP);
  g_assert_cmpuint (find (graph, "node=\""), ==, DV_SYMBOL_NONE);
  g_assert_cmpuint (find (graph, "go.string.\""), ==, DV_SYMBOL_NONE);
  g_assert_cmpuint (find (graph, "c\""), ==, DV_SYMBOL_NONE);
}

static void
test_arrow_in_source (void)
{
  g_autoptr(DvGraph) graph = load_ok (arrows_dump, -1);
  DvSymbolId st = find_ok (graph, "type.struct { Q string \"z:\\\"p -> q\\\"\" }");

  g_assert_cmpint (dv_graph_symbol_flags (graph, st), ==, DV_SYMBOL_FLAG_USED_IN_IFACE);
  assert_edge (graph, st, find_ok (graph, "type..namedata.Q.z:\"p -> q\""), DV_EDGE_DEP);
  assert_edge (graph, st, find_ok (graph, "go.string.\" -> \""), DV_EDGE_DEP);
  assert_edge (graph, dv_graph_find_symbol (graph, "", 0),
               find_ok (graph, "go.info.struct { Q string \"z:\\\"p -> q\\\"\" }"), DV_EDGE_DEP);
  g_assert_cmpuint (find (graph, "type.struct { Q string \"z:\\\"p"), ==, DV_SYMBOL_NONE);
}

static void
test_calls_and_arrows (void)
{
  g_autoptr(DvGraph) graph = load_ok (arrows_dump, -1);
  DvSymbolId mm = find_ok (graph, "main.main");
  DvSymbolId f = find_ok (graph, "main.F[struct { Q string \"z:\\\"p -> q\\\"\" }]");
  const DvGraphStats *st = dv_graph_get_stats (graph);

  /* " calls " inside a string of a dep line is part of the name. */
  assert_edge (graph, mm, find_ok (graph, "go.string.\"x calls y\""), DV_EDGE_DEP);
  /* " -> " inside the caller of a calls line. */
  assert_edge (graph, f, mm, DV_EDGE_CALL);
  assert_edge (graph, mm, f, DV_EDGE_CALL);
  g_assert_cmpuint (st->call_edges, ==, 2);
  g_assert_cmpuint (st->dep_edges, ==, 9);
  g_assert_cmpuint (st->unreadable_lines, ==, 0);
  check_text (arrows_dump, -1);
}

/* ---- raw newlines and tabs in names ----------------------------------- */

static void
test_continuation_line (void)
{
  static const char dump[] =
    "_ -> type.main.Tagged <UsedInIface>\n"
    "type.main.Tagged <UsedInIface> -> type..namedata.B.multi\n"
    "line -> tag\twith tab <UsedInIface>\n"
    "type.main.Tagged <UsedInIface> -> type..namedata.A.k:\"x -> y\"\n";
  static const char name[] = "type..namedata.B.multi\nline -> tag\twith tab <UsedInIface>";
  g_autoptr(DvGraph) graph = load_ok (dump, -1);
  const DvGraphStats *st = dv_graph_get_stats (graph);
  DvSymbolId id = find_by_enumeration (graph, name, strlen (name));

  g_assert_cmpuint (st->lines, ==, 4);
  g_assert_cmpuint (st->dep_edges, ==, 3);
  g_assert_cmpuint (st->unreadable_lines, ==, 0);
  g_assert_cmpuint (st->symbols, ==, 3);
  g_assert_cmpuint (id, !=, DV_SYMBOL_NONE);
  g_assert_cmpint (dv_graph_symbol_flags (graph, id), ==, DV_SYMBOL_FLAG_NONE);
  assert_edge (graph, find_ok (graph, "type.main.Tagged"), id, DV_EDGE_DEP);
  g_assert_cmpuint (find (graph, "type..namedata.B.multi"), ==, DV_SYMBOL_NONE);
  g_assert_cmpuint (find (graph, "line"), ==, DV_SYMBOL_NONE);
  check_text (dump, -1);
}

/* A tag with several raw newlines, whose lines look like other shapes. */
static void
test_continuation_multi_line (void)
{
  static const char dump[] =
    "_ -> type.main.T <UsedInIface>\n"
    "type.main.T <UsedInIface> -> type..namedata.X.a\n"
    "b calls c\n"
    "d -> e <UsedInIface>\n"
    "type.main.T -> type..namedata.Y.z\n";
  static const char x_name[] = "type..namedata.X.a\nb calls c\nd -> e <UsedInIface>";
  g_autoptr(DvGraph) graph = load_ok (dump, -1);
  const DvGraphStats *st = dv_graph_get_stats (graph);
  DvSymbolId x = find_by_enumeration (graph, x_name, strlen (x_name));

  g_assert_cmpuint (st->lines, ==, 5);
  g_assert_cmpuint (st->unreadable_lines, ==, 0);
  /* "b calls c" is read as tag text, and said to be in doubt */
  g_assert_cmpuint (st->doubtful_lines, ==, 1);
  g_assert_cmpuint (dv_graph_get_n_problems (graph), ==, 1);
  g_assert_cmpuint (dv_graph_get_problem (graph, 0)->line, ==, 3);
  g_assert_cmpuint (st->call_edges, ==, 0);
  g_assert_cmpuint (st->symbols, ==, 3);
  g_assert_cmpuint (x, !=, DV_SYMBOL_NONE);
  g_assert_cmpint (dv_graph_symbol_flags (graph, x), ==, DV_SYMBOL_FLAG_NONE);
  assert_edge (graph, find_ok (graph, "type.main.T"), x, DV_EDGE_DEP);
  assert_edge (graph, find_ok (graph, "type.main.T"), find_ok (graph, "type..namedata.Y.z"), DV_EDGE_DEP);
  check_text (dump, -1);
}

/* Issue 8: the call section of -c right after a namedata target. The call
 * lines name functions printed before, so they are calls, not the rest of
 * the struct tag; the tag itself still continues on its own line. */
static void
test_calls_after_namedata (void)
{
  static const char dump[] =
    "_ -> main.main\n"
    "main.main -> fmt.Println\n"
    "main.main -> type.main.T <UsedInIface>\n"
    "type.main.T <UsedInIface> -> type..namedata.A.k:\"x\n"
    "y\"\n"
    "type.main.T <UsedInIface> -> type..namedata.B.z\n"
    "main.main calls fmt.Println\n"
    "fmt.Println calls main.main\n"
    "textsize=10\n";
  static const char a_name[] = "type..namedata.A.k:\"x\ny\"";
  g_autoptr(DvGraph) graph = load_ok (dump, -1);
  const DvGraphStats *st = dv_graph_get_stats (graph);
  DvSymbolId mm = find_ok (graph, "main.main");
  DvSymbolId pl = find_ok (graph, "fmt.Println");
  DvSymbolId b = find_by_enumeration (graph, "type..namedata.B.z", strlen ("type..namedata.B.z"));
  guint64 value = 0;

  g_assert_cmpuint (st->lines, ==, 9);
  g_assert_cmpuint (st->dep_edges, ==, 5);
  g_assert_cmpuint (st->call_edges, ==, 2);
  g_assert_cmpuint (st->unreadable_lines, ==, 0);
  g_assert_cmpuint (st->doubtful_lines, ==, 0);
  g_assert_cmpuint (dv_graph_get_n_problems (graph), ==, 0);
  assert_edge (graph, mm, pl, DV_EDGE_CALL);
  assert_edge (graph, pl, mm, DV_EDGE_CALL);
  /* the namedata names end where their lines end */
  g_assert_cmpuint (b, !=, DV_SYMBOL_NONE);
  g_assert_cmpuint (find_by_enumeration (graph, a_name, strlen (a_name)), !=, DV_SYMBOL_NONE);
  g_assert_cmpuint (dv_graph_get_n_sizes (graph), ==, 1);
  g_assert_cmpstr (dv_graph_get_size (graph, 0, &value), ==, "textsize");
  g_assert_cmpuint (value, ==, 10);
  check_text (dump, -1);
}

/* A size line right after a namedata target is read as a size line, and
 * said to be in doubt: it could be the rest of a tag. */
static void
test_size_line_after_namedata (void)
{
  static const char dump[] =
    "_ -> type.main.T <UsedInIface>\n"
    "type.main.T <UsedInIface> -> type..namedata.A.k\n"
    "total=5\n";
  g_autoptr(DvGraph) graph = load_ok (dump, -1);
  const DvGraphStats *st = dv_graph_get_stats (graph);

  g_assert_cmpuint (st->unreadable_lines, ==, 0);
  g_assert_cmpuint (st->doubtful_lines, ==, 1);
  g_assert_cmpuint (dv_graph_get_n_problems (graph), ==, 1);
  g_assert_cmpuint (dv_graph_get_problem (graph, 0)->line, ==, 3);
  g_assert_cmpuint (dv_graph_get_n_sizes (graph), ==, 1);
  g_assert_cmpuint (find_by_enumeration (graph, "type..namedata.A.k", strlen ("type..namedata.A.k")), !=, DV_SYMBOL_NONE);
}

/* A type printed again when it becomes <UsedInIface>: one node, two parents. */
static void
test_flags_printed_twice (void)
{
  static const char dump[] =
    "_ -> main.main\n"
    "main.main -> type.T\n"
    "main.main -> main.f\n"
    "main.f -> type.T <UsedInIface>\n"
    "type.T -> type.*T\n";
  g_autoptr(DvGraph) graph = load_ok (dump, -1);
  DvSymbolId t = find_ok (graph, "type.T");
  guint n = 0;

  g_assert_cmpuint (dv_graph_get_stats (graph)->symbols, ==, 4);
  g_assert_cmpint (dv_graph_symbol_flags (graph, t), ==, DV_SYMBOL_FLAG_USED_IN_IFACE);
  dv_graph_parents (graph, t, &n);
  g_assert_cmpuint (n, ==, 2);
  assert_edge (graph, t, find_ok (graph, "type.*T"), DV_EDGE_DEP);
  check_text (dump, -1);
}

/* ---- line ends -------------------------------------------------------- */

static char *
to_crlf (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  return g_strjoinv ("\r\n", lines);
}

static void
test_crlf (void)
{
  g_autofree char *crlf = to_crlf (basic_dump);
  g_autoptr(DvGraph) graph = load_ok (crlf, -1);
  g_autoptr(DvGraph) plain = load_ok (basic_dump, -1);
  const DvGraphStats *st = dv_graph_get_stats (graph);
  guint64 value = 0;

  g_assert_cmpuint (st->lines, ==, dv_graph_get_stats (plain)->lines);
  g_assert_cmpuint (st->symbols, ==, dv_graph_get_stats (plain)->symbols);
  g_assert_cmpuint (st->unreadable_lines, ==, 0);
  g_assert_cmpstr (dv_graph_get_section (graph, 0), ==, "example.com/a");
  g_assert_cmpstr (dv_graph_get_size (graph, 1, &value), ==, "total");
  g_assert_cmpuint (value, ==, 200);
  for (guint i = 0; i < dv_graph_get_n_symbols (graph); i++)
    g_assert_null (memchr (dv_graph_symbol_name (graph, i), '\r', dv_graph_symbol_name_len (graph, i)));
  find_ok (graph, "fmt.Println");
  find_ok (graph, "go.info.int");
  check_text (crlf, -1);
}

static void
test_no_final_newline (void)
{
  static const char dump[] = "_ -> main.main\nmain.main -> fmt.Println";
  g_autoptr(DvGraph) graph = load_ok (dump, -1);

  g_assert_cmpuint (dv_graph_get_stats (graph)->lines, ==, 2);
  g_assert_cmpuint (dv_graph_get_stats (graph)->dep_edges, ==, 2);
  assert_edge (graph, find_ok (graph, "main.main"), find_ok (graph, "fmt.Println"), DV_EDGE_DEP);
  check_text (dump, -1);
  check_text ("_ -> main.main\nmain.main calls fmt.Println", -1);
  check_text ("_ -> main.main\ntotal=12", -1);
}

/* ---- what is not a dump ----------------------------------------------- */

static void
test_empty (void)
{
  assert_load_error ("", 0, DV_GRAPH_ERROR, DV_GRAPH_ERROR_EMPTY);
  assert_load_error ("\n\n\n", 3, DV_GRAPH_ERROR, DV_GRAPH_ERROR_EMPTY);
  assert_load_error ("\r\n\r\n", 4, DV_GRAPH_ERROR, DV_GRAPH_ERROR_EMPTY);
}

static void
assert_not_a_dump (const char *data, gsize len, const char *looks_like)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = dv_graph_load_data (data, len, "input.bin", &error);
  g_autofree char *lower = NULL;

  g_assert_null (graph);
  g_assert_error (error, DV_GRAPH_ERROR, DV_GRAPH_ERROR_NOT_A_DUMP);
  lower = g_ascii_strdown (error->message, -1);
  if (strstr (lower, looks_like) == NULL)
    g_error ("message \"%s\" does not say it looks like %s", error->message, looks_like);
}

static void
test_not_a_dump_png (void)
{
  static const char png[] =
    "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xff\x61"
    "\0\0\0\x04gAMA\0\0\xb1\x8f\x0b\xfc\x61\x05\0\0\0\0IEND\xae\x42\x60\x82";
  assert_not_a_dump (png, sizeof png - 1, "png");
}

static void
test_not_a_dump_go_source (void)
{
  g_autofree char *path = ref_fixture ("hazards-go1.19.go");
  g_autofree char *text = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  assert_not_a_dump (text, len, "go source");
}

static void
test_not_a_dump_nm (void)
{
  static const char nm[] =
    " 18b1dc0      92672 D runtime.mheap_\n"
    " 1890e40      65536 D runtime.semtable\n"
    "  4a6f20      12345 T runtime.mallocgc\n"
    "  5f0000       1024 R go.string.\"x -> y\"\n";
  assert_not_a_dump (nm, sizeof nm - 1, "nm");
}

/* ---- bytes that are not text ------------------------------------------ */

static void
test_nul_line (void)
{
  static const char dump[] =
    "# example.com/a\n"
    "abc\0def -> x\n"
    "_ -> main.main\n"
    "main.main -> fmt.Println\n";
  g_autoptr(DvGraph) graph = load_ok (dump, sizeof dump - 1);
  const DvProblem *p;

  g_assert_cmpuint (dv_graph_get_stats (graph)->lines, ==, 4);
  g_assert_cmpuint (dv_graph_get_stats (graph)->unreadable_lines, ==, 1);
  g_assert_cmpuint (dv_graph_get_stats (graph)->symbols, ==, 2);
  g_assert_cmpuint (dv_graph_get_n_problems (graph), ==, 1);
  p = dv_graph_get_problem (graph, 0);
  g_assert_cmpuint (p->line, ==, 2);
  g_assert_true (excerpt_is_clean (p->excerpt));
  check_text (dump, sizeof dump - 1);
}

static void
test_nul_inside_edge_line (void)
{
  static const char dump[] =
    "_ -> main.main\n"
    "main.main -> fmt.Println\n"
    "main.main -> fmt.Pri\0ntln\n"
    "\n"
    "\0\0\0\0\n"
    "main.main -> os.Exit\n";
  g_autoptr(DvGraph) graph = load_ok (dump, sizeof dump - 1);

  g_assert_cmpuint (dv_graph_get_stats (graph)->lines, ==, 6);
  g_assert_cmpuint (dv_graph_get_stats (graph)->unreadable_lines, ==, 2);
  g_assert_cmpuint (dv_graph_get_problem (graph, 0)->line, ==, 3);
  g_assert_cmpuint (dv_graph_get_problem (graph, 1)->line, ==, 5);
  g_assert_cmpuint (find (graph, "fmt.Pri"), ==, DV_SYMBOL_NONE);
  find_ok (graph, "os.Exit");
  check_text (dump, sizeof dump - 1);
}

static void
test_invalid_utf8 (void)
{
  static const char dump[] =
    "_ -> main.\xff\xfe\n"
    "main.\xff\xfe -> fmt.\xc3(\n"
    "fmt.\xc3( -> x.\xed\xa0\x80\n";
  g_autoptr(DvGraph) graph = load_ok (dump, -1);
  DvSymbolId a = find_ok (graph, "main.\xff\xfe");
  DvSymbolId b = find_ok (graph, "fmt.\xc3(");

  g_assert_cmpuint (dv_graph_symbol_name_len (graph, a), ==, 7);
  g_assert_cmpmem (dv_graph_symbol_name (graph, a), 7, "main.\xff\xfe", 7);
  assert_edge (graph, a, b, DV_EDGE_DEP);
  assert_edge (graph, b, find_ok (graph, "x.\xed\xa0\x80"), DV_EDGE_DEP);
  check_text (dump, -1);
}

static void
test_long_line (void)
{
  gsize n = 1024 * 1024;
  GString *s = g_string_new ("_ -> main.");
  g_autofree char *name = NULL;
  g_autoptr(DvGraph) graph = NULL;
  DvSymbolId id;

  for (gsize i = 0; i < n; i++)
    g_string_append_c (s, (char) ('a' + i % 26));
  name = g_strdup (s->str + strlen ("_ -> "));
  g_string_append_printf (s, "\n%s -> fmt.Println\n", name);
  graph = load_ok (s->str, s->len);
  id = find_ok (graph, name);
  g_assert_cmpuint (dv_graph_symbol_name_len (graph, id), ==, n + 5);
  g_assert_cmpuint (dv_graph_get_stats (graph)->unreadable_lines, ==, 0);
  assert_edge (graph, id, find_ok (graph, "fmt.Println"), DV_EDGE_DEP);
  check_text (s->str, s->len);
  g_string_free (s, TRUE);
}

/* ---- unreadable lines ------------------------------------------------- */

static void
test_unreadable_lines (void)
{
  static const char dump[] =
    "# example.com/a\n"                        /* 1 */
    "go: downloading example.com/x v1.0.0\n"   /* 2 unreadable */
    "warning: something odd\n"                 /* 3 unreadable */
    "_ -> main.main\n"                         /* 4 */
    "main.main -> fmt.Println\n"               /* 5 */
    "\n"                                       /* 6 */
    "# example.com/a\n"                        /* 7: the same binary again */
    "ld: \x01 weird \xff\xfe bytes\n"          /* 8 unreadable */
    "_ -> main.main\n";                        /* 9 */
  g_autoptr(DvGraph) graph = load_ok (dump, -1);
  static const guint64 lines[] = { 2, 3, 8 };

  g_assert_cmpuint (dv_graph_get_stats (graph)->lines, ==, 9);
  g_assert_cmpuint (dv_graph_get_stats (graph)->unreadable_lines, ==, 3);
  g_assert_cmpuint (dv_graph_get_n_problems (graph), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      const DvProblem *p = dv_graph_get_problem (graph, i);
      g_assert_cmpuint (p->line, ==, lines[i]);
      g_assert_true (excerpt_is_clean (p->excerpt));
    }
  g_assert_nonnull (strstr (dv_graph_get_problem (graph, 0)->excerpt, "go: downloading"));
  check_text (dump, -1);
}

static void
test_unreadable_many (void)
{
  GString *s = g_string_new ("# example.com/a\n");
  g_autoptr(DvGraph) graph = NULL;

  for (guint i = 0; i < 30; i++)
    g_string_append_printf (s, "not a dump line %u\n", i);
  g_string_append (s, "_ -> main.main\n");
  graph = load_ok (s->str, s->len);
  g_assert_cmpuint (dv_graph_get_stats (graph)->unreadable_lines, ==, 30);
  g_assert_cmpuint (dv_graph_get_n_problems (graph), ==, DV_GRAPH_MAX_PROBLEMS);
  for (guint i = 0; i < DV_GRAPH_MAX_PROBLEMS; i++)
    g_assert_cmpuint (dv_graph_get_problem (graph, i)->line, ==, i + 2);
  check_text (s->str, s->len);
  g_string_free (s, TRUE);
}

/* ---- gzip ------------------------------------------------------------- */

static void
test_gzip (void)
{
  g_autoptr(GBytes) gz = gzip_bytes (basic_dump, strlen (basic_dump));
  gsize len;
  const char *data = g_bytes_get_data (gz, &len);
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = dv_graph_load_data (data, len, "deps.txt.gz", &error);
  RefDump *ref = ref_dump_parse (basic_dump, strlen (basic_dump));

  g_assert_no_error (error);
  g_assert_nonnull (graph);
  /* bytes counts the text after gunzip. */
  check_against_reference (graph, ref);
  ref_dump_free (ref);
}

static void
test_gzip_truncated (void)
{
  g_autofree char *path = ref_fixture ("hello-go1.19.deps.txt");
  g_autoptr(GBytes) text = ref_read_file (path);
  g_autoptr(GBytes) gz = gzip_bytes (g_bytes_get_data (text, NULL), g_bytes_get_size (text));
  gsize len;
  const char *data = g_bytes_get_data (gz, &len);

  assert_load_error (data, len / 2, DV_GRAPH_ERROR, DV_GRAPH_ERROR_CORRUPT);
  assert_load_error (data, 12, DV_GRAPH_ERROR, DV_GRAPH_ERROR_CORRUPT);
}

static void
test_gzip_corrupt (void)
{
  g_autofree char *path = ref_fixture ("hello-go1.19.deps.txt");
  g_autoptr(GBytes) text = ref_read_file (path);
  g_autoptr(GBytes) gz = gzip_bytes (g_bytes_get_data (text, NULL), g_bytes_get_size (text));
  gsize len;
  g_autofree char *data = g_memdup2 (g_bytes_get_data (gz, &len), g_bytes_get_size (gz));

  for (gsize i = 20; i < 120; i++)
    data[i] ^= 0x5a;
  assert_load_error (data, len, DV_GRAPH_ERROR, DV_GRAPH_ERROR_CORRUPT);
}

/* A gzip file may hold several members (gzip -c a >> deps.txt.gz). */
static void
test_gzip_members (void)
{
  static const char part1[] = "# example.com/a\n_ -> main.main\nmain.main -> fmt.Println\n";
  static const char part2[] = "# example.com/b\n_ -> main.main\nmain.main -> os.Exit\n";
  g_autoptr(GBytes) gz1 = gzip_bytes (part1, strlen (part1));
  g_autoptr(GBytes) gz2 = gzip_bytes (part2, strlen (part2));
  g_autoptr(GByteArray) both = g_byte_array_new ();
  g_autofree char *plain = g_strconcat (part1, part2, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = NULL;
  RefDump *ref;

  g_byte_array_append (both, g_bytes_get_data (gz1, NULL), g_bytes_get_size (gz1));
  g_byte_array_append (both, g_bytes_get_data (gz2, NULL), g_bytes_get_size (gz2));
  DvLoadOptions options = { .binary = "example.com/b" };
  graph = dv_graph_load_data_with_options (both->data, both->len, "two.txt.gz", &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dv_graph_get_n_sections (graph), ==, 2);
  find_ok (graph, "os.Exit");
  g_assert_cmpuint (find (graph, "fmt.Println"), ==, DV_SYMBOL_NONE);
  ref = ref_dump_parse (part2, strlen (part2));
  ref->bytes = strlen (plain);
  g_ptr_array_insert (ref->sections, 0, g_strdup ("example.com/a"));
  check_against_reference (graph, ref);
  ref_dump_free (ref);
}

/* ---- progress and cancellation ---------------------------------------- */

typedef struct {
  GArray       *read;
  GArray       *total;
  GCancellable *cancel_on_first;
} Progress;

static void
progress_cb (guint64 bytes_read, guint64 bytes_total, gpointer user_data)
{
  Progress *p = user_data;
  g_array_append_val (p->read, bytes_read);
  g_array_append_val (p->total, bytes_total);
  if (p->cancel_on_first)
    g_cancellable_cancel (p->cancel_on_first);
}

static GBytes *
big_dump (guint times)
{
  g_autofree char *path = ref_fixture ("hello-go1.19.deps.txt");
  g_autoptr(GBytes) hello = ref_read_file (path);
  return repeat_bytes (hello, times);
}

static void
check_progress (gboolean known_total)
{
  g_autoptr(GBytes) big = big_dump (12);
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_bytes (big);
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = NULL;
  Progress p = { g_array_new (FALSE, FALSE, sizeof (guint64)), g_array_new (FALSE, FALSE, sizeof (guint64)), NULL };

  guint64 len = g_bytes_get_size (big);
  guint64 total_given = known_total ? len : 0;

  graph = dv_graph_load_stream (in, "big.txt", total_given, progress_cb, &p, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (graph);
  /* About every megabyte of a 5 MB input, and once at the end. */
  g_assert_cmpuint (p.read->len, >=, 3);
  for (guint i = 0; i < p.read->len; i++)
    {
      /* The last call may give the total once it is known. */
      if (i + 1 < p.read->len || total_given != 0 || g_array_index (p.total, guint64, i) != len)
        g_assert_cmpuint (g_array_index (p.total, guint64, i), ==, total_given);
      g_assert_cmpuint (g_array_index (p.read, guint64, i), <=, len);
      if (i > 0)
        g_assert_cmpuint (g_array_index (p.read, guint64, i), >=, g_array_index (p.read, guint64, i - 1));
    }
  g_assert_cmpuint (g_array_index (p.read, guint64, 0), <, len);
  g_assert_cmpuint (g_array_index (p.read, guint64, p.read->len - 1), ==, len);
  g_assert_cmpuint (dv_graph_get_stats (graph)->bytes, ==, len);
  g_assert_cmpuint (dv_graph_get_n_sections (graph), ==, 12);
  g_array_unref (p.read);
  g_array_unref (p.total);
}

static void
test_progress_known_total (void)
{
  check_progress (TRUE);
}

static void
test_progress_unknown_total (void)
{
  check_progress (FALSE);
}

static void
test_progress_load_file (void)
{
  g_autofree char *path = ref_fixture ("hello-go1.19.deps.txt");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = NULL;
  Progress p = { g_array_new (FALSE, FALSE, sizeof (guint64)), g_array_new (FALSE, FALSE, sizeof (guint64)), NULL };
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  graph = dv_graph_load_file (file, progress_cb, &p, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (p.read->len, >=, 1);
  g_assert_cmpuint (g_array_index (p.read, guint64, p.read->len - 1), ==, (guint64) st.st_size);
  g_assert_cmpuint (g_array_index (p.total, guint64, p.total->len - 1), ==, (guint64) st.st_size);
  g_array_unref (p.read);
  g_array_unref (p.total);
}

static void
test_cancel_before (void)
{
  g_autoptr(GBytes) big = big_dump (2);
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_bytes (big);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = NULL;

  g_cancellable_cancel (cancellable);
  graph = dv_graph_load_stream (in, "big.txt", g_bytes_get_size (big), NULL, NULL, cancellable, &error);
  g_assert_null (graph);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_cancel_during (void)
{
  g_autoptr(GBytes) big = big_dump (24);
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_bytes (big);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = NULL;
  Progress p = { g_array_new (FALSE, FALSE, sizeof (guint64)), g_array_new (FALSE, FALSE, sizeof (guint64)), cancellable };

  graph = dv_graph_load_stream (in, "big.txt", g_bytes_get_size (big), progress_cb, &p, cancellable, &error);
  g_assert_null (graph);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (p.read->len, >=, 1);
  g_assert_cmpuint (g_array_index (p.read, guint64, 0), <, g_bytes_get_size (big));
  g_array_unref (p.read);
  g_array_unref (p.total);
}

static void
test_load_path_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = dv_graph_load_path ("/nonexistent/deps.txt", NULL, &error);

  g_assert_null (graph);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "deps.txt"));
}

/* "-" reads standard input. */
static void
test_load_path_stdin (void)
{
  static const char dump[] = "# example.com/a\n_ -> main.main\nmain.main -> fmt.Println\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = NULL;
  int fds[2];
  int saved = dup (0);

  g_assert_cmpint (pipe (fds), ==, 0);
  g_assert_cmpint (write (fds[1], dump, strlen (dump)), ==, (gssize) strlen (dump));
  close (fds[1]);
  g_assert_cmpint (dup2 (fds[0], 0), ==, 0);
  close (fds[0]);
  graph = dv_graph_load_path ("-", NULL, &error);
  dup2 (saved, 0);
  close (saved);
  g_assert_no_error (error);
  g_assert_nonnull (dv_graph_get_display_name (graph));
  check_text (dump, -1);
  assert_edge (graph, find_ok (graph, "main.main"), find_ok (graph, "fmt.Println"), DV_EDGE_DEP);
}

/* ---- real dumps ------------------------------------------------------- */

static void
check_file (const char *path)
{
  g_autoptr(GBytes) text = ref_read_file (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = dv_graph_load_path (path, NULL, &error);
  gsize len;
  const char *data = g_bytes_get_data (text, &len);
  RefDump *ref = ref_dump_parse (data, len);

  g_assert_no_error (error);
  g_assert_nonnull (graph);
  /* The reference itself reads every line of a real dump. */
  g_assert_cmpuint (ref->unreadable->len, ==, 0);
  g_assert_cmpuint (ref->ambiguous_splits, ==, 0);
  g_assert_cmpuint (dv_graph_get_stats (graph)->unreadable_lines, ==, 0);
  check_against_reference (graph, ref);
  ref_dump_free (ref);
}

static void
test_real_hello (void)
{
  g_autofree char *path = ref_fixture ("hello-go1.19.deps.txt");
  check_file (path);
}

static void
test_real_hazards (void)
{
  g_autofree char *path = ref_fixture ("hazards-go1.19.deps.txt");
  check_file (path);
}

static void
test_real_etcd (void)
{
  g_autofree char *path = ref_shared_file ("etcd-go1.19.deps.txt.gz");
  if (path)
    check_file (path);
}

static void
test_real_etcd_calls (void)
{
  g_autofree char *path = ref_shared_file ("etcd-go1.19.deps-and-calls.txt.gz");
  if (path)
    check_file (path);
}

/* The -c dumps of Go 1.21 to 1.27: their call section starts right after
 * a namedata target. The call lines are counted by a plain reading: the
 * linker prints them as one block after the dep lines, followed only by the
 * size lines. */
static gboolean
plain_is_size_line (const char *line)
{
  gsize k = strspn (line, "abcdefghijklmnopqrstuvwxyz");
  return k > 0 && line[k] == '=' && line[k + 1] != '\0'
         && line[k + 1 + strspn (line + k + 1, "0123456789")] == '\0';
}

static void
check_modern (gconstpointer data)
{
  const char *version = data;
  g_autofree char *name = g_strdup_printf ("modern-go%s.deps-and-calls.txt.gz", version);
  g_autofree char *path = ref_fixture (name);
  g_autoptr(GBytes) text = ref_read_file (path);
  g_autoptr(GPtrArray) line_array = plain_lines (g_bytes_get_data (text, NULL), g_bytes_get_size (text));
  char **lines = (char **) line_array->pdata;
  guint n = line_array->len;
  guint64 calls = 0, joined = 0;
  guint i;
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = dv_graph_load_path (path, NULL, &error);
  const DvGraphStats *st;

  g_assert_no_error (error);
  st = dv_graph_get_stats (graph);
  for (i = n; i > 0 && plain_is_size_line (lines[i - 1]); i--)
    ;
  for (; i > 0 && strstr (lines[i - 1], " calls ") != NULL; i--)
    calls++;
  g_assert_cmpuint (calls, >, 10000);
  g_assert_cmpuint (st->call_edges, ==, calls);
  g_assert_cmpuint (st->unreadable_lines, ==, 0);
  g_assert_cmpuint (st->doubtful_lines, ==, 0);

  /* A line of no shape after a namedata target is the rest of its tag. */
  for (i = 1; i < n; i++)
    {
      const char *prev = strstr (lines[i - 1], " -> type:.namedata.");
      if (prev == NULL || strstr (lines[i], " -> ") != NULL || strstr (lines[i], " calls ") != NULL
          || g_str_has_prefix (lines[i], "# ") || plain_is_size_line (lines[i]))
        continue;
      g_autofree char *full = g_strconcat (prev + 4, "\n", lines[i], NULL);
      if (find_by_enumeration (graph, full, strlen (full)) == DV_SYMBOL_NONE)
        g_error ("%s:%u: the name \"%s\" is not a symbol", name, i, g_strescape (full, NULL));
      g_assert_cmpuint (find_by_enumeration (graph, prev + 4, strlen (prev + 4)), ==, DV_SYMBOL_NONE);
      joined++;
    }
  /* modern.go has three tags with a raw newline */
  g_assert_cmpuint (joined, ==, 3);
  check_file (path);
}

/* The same dump through load_data, load_stream and load_path. */
static void
test_real_hello_gzip (void)
{
  g_autofree char *path = ref_fixture ("hello-go1.19.deps.txt");
  g_autoptr(GBytes) text = ref_read_file (path);
  g_autoptr(GBytes) gz = gzip_bytes (g_bytes_get_data (text, NULL), g_bytes_get_size (text));
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_bytes (gz);
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = dv_graph_load_stream (in, "hello.txt.gz", 0, NULL, NULL, NULL, &error);
  RefDump *ref = ref_dump_parse (g_bytes_get_data (text, NULL), g_bytes_get_size (text));

  g_assert_no_error (error);
  check_against_reference (graph, ref);
  ref_dump_free (ref);
}

/* Specific lines of hazards-go1.19.deps.txt, named by line number. */
typedef struct {
  RefDump *ref;
  DvGraph *graph;
} Hazards;

static Hazards *
hazards_load (void)
{
  static Hazards h;
  if (h.graph == NULL)
    {
      g_autofree char *path = ref_fixture ("hazards-go1.19.deps.txt");
      g_autoptr(GBytes) text = ref_read_file (path);
      g_autoptr(GError) error = NULL;
      h.ref = ref_dump_parse (g_bytes_get_data (text, NULL), g_bytes_get_size (text));
      h.graph = dv_graph_load_path (path, NULL, &error);
      g_assert_no_error (error);
    }
  return &h;
}

static RefEdge *
hazards_line (Hazards *h, guint64 line)
{
  for (guint i = 0; i < h->ref->edges->len; i++)
    {
      RefEdge *e = &g_array_index (h->ref->edges, RefEdge, i);
      if (e->line == line)
        return e;
    }
  g_error ("no record starts at line %" G_GUINT64_FORMAT, line);
}

static void
test_hazards_arrow_in_target (void)
{
  Hazards *h = hazards_load ();
  RefEdge *e = hazards_line (h, 894);

  g_assert_cmpstr (e->from, ==, "runtime.(*lfstack).push");
  g_assert_cmpstr (e->to, ==, "go.string.\" -> node=\"");
  assert_edge (h->graph, find_ok (h->graph, e->from), find_ok (h->graph, e->to), DV_EDGE_DEP);
  g_assert_cmpuint (find (h->graph, "node=\""), ==, DV_SYMBOL_NONE);
  e = hazards_line (h, 11677);
  g_assert_cmpstr (e->to, ==, "go.string.\" -> \"");
  assert_edge (h->graph, find_ok (h->graph, e->from), find_ok (h->graph, e->to), DV_EDGE_DEP);
}

static void
test_hazards_arrow_in_both (void)
{
  Hazards *h = hazards_load ();
  RefEdge *e = hazards_line (h, 9340);
  DvSymbolId from;

  g_assert_cmpstr (e->from, ==, "type.struct { Q string \"z:\\\"p -> q\\\"\" }");
  g_assert_cmpuint (e->from_flags, ==, DV_SYMBOL_FLAG_USED_IN_IFACE);
  g_assert_cmpstr (e->to, ==, "type..namedata.Q.z:\"p -> q\"");
  from = find_ok (h->graph, e->from);
  g_assert_cmpint (dv_graph_symbol_flags (h->graph, from), ==, DV_SYMBOL_FLAG_USED_IN_IFACE);
  assert_edge (h->graph, from, find_ok (h->graph, e->to), DV_EDGE_DEP);
  g_assert_cmpuint (find (h->graph, "q\\\"\" } <UsedInIface> -> type..namedata.Q.z:\"p -> q\""), ==, DV_SYMBOL_NONE);
}

static void
test_hazards_empty_from (void)
{
  Hazards *h = hazards_load ();
  RefEdge *e = hazards_line (h, 7966);

  g_assert_cmpstr (e->from, ==, "");
  g_assert_cmpstr (e->to, ==, "go.info.*main.Box[struct { Q string \"z:\\\"p -> q\\\"\" }]");
  assert_edge (h->graph, dv_graph_find_symbol (h->graph, "", 0), find_ok (h->graph, e->to), DV_EDGE_DEP);
}

static void
test_hazards_flag_text_inside (void)
{
  Hazards *h = hazards_load ();
  RefEdge *e = hazards_line (h, 7945);
  DvSymbolId id;

  g_assert_true (g_str_has_suffix (e->to, "<UsedInIface>\" }_0]"));
  id = find_ok (h->graph, e->to);
  g_assert_cmpint (dv_graph_symbol_flags (h->graph, id), ==, DV_SYMBOL_FLAG_NONE);
}

static void
test_hazards_newline_in_name (void)
{
  Hazards *h = hazards_load ();
  static const char name[] = "type..namedata.B.multi\nline -> tag\twith tab <UsedInIface>";
  RefEdge *e = hazards_line (h, 7963);
  DvSymbolId id = find_by_enumeration (h->graph, name, strlen (name));

  g_assert_cmpstr (e->to, ==, name);
  g_assert_cmpuint (id, !=, DV_SYMBOL_NONE);
  g_assert_cmpint (dv_graph_symbol_flags (h->graph, id), ==, DV_SYMBOL_FLAG_NONE);
  assert_edge (h->graph, find_ok (h->graph, "type.main.Tagged"), id, DV_EDGE_DEP);
  g_assert_cmpuint (find (h->graph, "type..namedata.B.multi"), ==, DV_SYMBOL_NONE);
  g_assert_cmpuint (find (h->graph, "line"), ==, DV_SYMBOL_NONE);
  g_assert_cmpuint (dv_graph_get_stats (h->graph)->unreadable_lines, ==, 0);
}

/* dv_graph_find_symbol with the full name of a namedata symbol whose tag ends
 * in flag-like text: "flags removed first" must not remove tag text. */
static void
test_hazards_find_namedata_with_flag_text (void)
{
  Hazards *h = hazards_load ();
  static const char name[] = "type..namedata.B.multi\nline -> tag\twith tab <UsedInIface>";
  DvSymbolId id = find_by_enumeration (h->graph, name, strlen (name));

  g_assert_cmpuint (id, !=, DV_SYMBOL_NONE);
  g_assert_cmpuint (dv_graph_find_symbol (h->graph, name, -1), ==, id);
}

/* Every target of the dump is a symbol; every line is an edge both ways. */
static void
test_hazards_every_line_is_an_edge (void)
{
  Hazards *h = hazards_load ();
  DvSymbolId root = dv_graph_get_root (h->graph);

  for (guint i = 0; i < h->ref->edges->len; i++)
    {
      RefEdge *e = &g_array_index (h->ref->edges, RefEdge, i);
      DvSymbolId from = e->kind == DV_EDGE_ROOT ? root : find_by_enumeration (h->graph, e->from, strlen (e->from));
      DvSymbolId to = find_by_enumeration (h->graph, e->to, strlen (e->to));
      guint n_children = 0, n_parents = 0;
      const DvEdge *children, *parents;
      if (from == DV_SYMBOL_NONE || to == DV_SYMBOL_NONE)
        g_error ("line %" G_GUINT64_FORMAT ": \"%s\" -> \"%s\" has a missing end", e->line,
                 g_strescape (e->from, NULL), g_strescape (e->to, NULL));
      children = dv_graph_children (h->graph, from, &n_children);
      parents = dv_graph_parents (h->graph, to, &n_parents);
      if (!has_edge (children, n_children, to, e->kind) || !has_edge (parents, n_parents, from, e->kind))
        g_error ("line %" G_GUINT64_FORMAT ": \"%s\" -> \"%s\" is not an edge", e->line,
                 g_strescape (e->from, NULL), g_strescape (e->to, NULL));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/graph/parser/shapes/basic", test_shapes_basic);
  g_test_add_func ("/graph/parser/binaries/sections", test_binaries_sections);
  g_test_add_func ("/graph/parser/binaries/not-there", test_binaries_not_there);
  g_test_add_func ("/graph/parser/binaries/same-path-twice", test_binaries_same_path_twice);
  g_test_add_func ("/graph/parser/binaries/problem-lines", test_binaries_problem_lines);
  g_test_add_func ("/graph/parser/binaries/list", test_binaries_list);
  g_test_add_func ("/graph/parser/binaries/real", test_binaries_real);
  g_test_add_func ("/graph/parser/shapes/duplicates-and-self-edges", test_shapes_duplicates);
  g_test_add_func ("/graph/parser/flags/each-side", test_flags_each_side);
  g_test_add_func ("/graph/parser/flags/set-later", test_flags_set_later);
  g_test_add_func ("/graph/parser/flags/not-trailing", test_flags_not_trailing);
  g_test_add_func ("/graph/parser/flags/namedata-trailing-flag-text", test_namedata_trailing_flag_text);
  g_test_add_func ("/graph/parser/arrows/in-target", test_arrow_in_target);
  g_test_add_func ("/graph/parser/arrows/in-source", test_arrow_in_source);
  g_test_add_func ("/graph/parser/arrows/calls", test_calls_and_arrows);
  g_test_add_func ("/graph/parser/continuation-line", test_continuation_line);
  g_test_add_func ("/graph/parser/continuation-multi-line", test_continuation_multi_line);
  g_test_add_func ("/graph/parser/calls-after-namedata", test_calls_after_namedata);
  g_test_add_func ("/graph/parser/size-line-after-namedata", test_size_line_after_namedata);
  for (guint v = 21; v <= 27; v++)
    {
      char *version = g_strdup_printf ("1.%u", v);
      char *test_path = g_strdup_printf ("/graph/parser/real/modern-go%s-calls", version);
      g_test_add_data_func_full (test_path, version, check_modern, g_free);
      g_free (test_path);
    }
  g_test_add_func ("/graph/parser/flags/printed-twice", test_flags_printed_twice);
  g_test_add_func ("/graph/parser/crlf", test_crlf);
  g_test_add_func ("/graph/parser/no-final-newline", test_no_final_newline);
  g_test_add_func ("/graph/parser/empty", test_empty);
  g_test_add_func ("/graph/parser/not-a-dump/png", test_not_a_dump_png);
  g_test_add_func ("/graph/parser/not-a-dump/go-source", test_not_a_dump_go_source);
  g_test_add_func ("/graph/parser/not-a-dump/nm", test_not_a_dump_nm);
  g_test_add_func ("/graph/parser/nul/line", test_nul_line);
  g_test_add_func ("/graph/parser/nul/inside-edge-line", test_nul_inside_edge_line);
  g_test_add_func ("/graph/parser/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/graph/parser/long-line", test_long_line);
  g_test_add_func ("/graph/parser/unreadable/lines", test_unreadable_lines);
  g_test_add_func ("/graph/parser/unreadable/many", test_unreadable_many);
  g_test_add_func ("/graph/parser/gzip/inline", test_gzip);
  g_test_add_func ("/graph/parser/gzip/truncated", test_gzip_truncated);
  g_test_add_func ("/graph/parser/gzip/corrupt", test_gzip_corrupt);
  g_test_add_func ("/graph/parser/gzip/members", test_gzip_members);
  g_test_add_func ("/graph/parser/progress/known-total", test_progress_known_total);
  g_test_add_func ("/graph/parser/progress/unknown-total", test_progress_unknown_total);
  g_test_add_func ("/graph/parser/progress/load-file", test_progress_load_file);
  g_test_add_func ("/graph/parser/cancel/before", test_cancel_before);
  g_test_add_func ("/graph/parser/cancel/during", test_cancel_during);
  g_test_add_func ("/graph/parser/load-path/missing", test_load_path_missing);
  g_test_add_func ("/graph/parser/load-path/stdin", test_load_path_stdin);
  g_test_add_func ("/graph/parser/real/hello", test_real_hello);
  g_test_add_func ("/graph/parser/real/hello-gzip-stream", test_real_hello_gzip);
  g_test_add_func ("/graph/parser/real/hazards", test_real_hazards);
  g_test_add_func ("/graph/parser/real/etcd", test_real_etcd);
  g_test_add_func ("/graph/parser/real/etcd-calls", test_real_etcd_calls);
  g_test_add_func ("/graph/parser/hazards/arrow-in-target", test_hazards_arrow_in_target);
  g_test_add_func ("/graph/parser/hazards/arrow-in-both", test_hazards_arrow_in_both);
  g_test_add_func ("/graph/parser/hazards/empty-from", test_hazards_empty_from);
  g_test_add_func ("/graph/parser/hazards/flag-text-inside", test_hazards_flag_text_inside);
  g_test_add_func ("/graph/parser/hazards/newline-in-name", test_hazards_newline_in_name);
  g_test_add_func ("/graph/parser/hazards/find-namedata-with-flag-text", test_hazards_find_namedata_with_flag_text);
  g_test_add_func ("/graph/parser/hazards/every-line-is-an-edge", test_hazards_every_line_is_an_edge);

  return g_test_run ();
}
