/* dv-input.c: a load from start to end. The stream is read in its own
 * thread, gzip told by its magic bytes, and each chunk of text handed to the
 * parser; a file that changed while it was read is refused. */
#include "config.h"

#define G_LOG_DOMAIN "depview-graph"

#include "dv-loader-private.h"

#include <gio/gunixinputstream.h>
#include <string.h>
#include <zlib.h>

void
dv_loader_init (Loader *l, const char *display_name, const DvLoadOptions *options)
{
  DvGraph *g = g_new0 (DvGraph, 1);
  memset (l, 0, sizeof *l);

  g_atomic_ref_count_init (&g->ref_count);
  g_mutex_init (&g->dominators_lock);
  g->display_name = g_strdup (display_name ? display_name : "<input>");
  g->sections = g_ptr_array_new_with_free_func (g_free);
  g->size_keys = g_ptr_array_new_with_free_func (g_free);
  g->size_values = g_array_new (FALSE, FALSE, sizeof (guint64));
  g->problems = g_array_new (FALSE, FALSE, sizeof (DvProblem));
  g->arena_blocks = g_ptr_array_new_with_free_func (g_free);
  g->table = g_new0 (guint64, FIRST_TABLE);
  g->table_mask = FIRST_TABLE - 1;
  g->empty = DV_SYMBOL_NONE;
  l->g = g;
  dv_held_text_init (&l->pending_name);
  l->carry = g_string_new (NULL);
  l->sniff = g_string_new (NULL);
  dv_held_text_init (&l->last_parent);
  l->last_parent_id = DV_SYMBOL_NONE;
  dv_held_text_init (&l->last_caller);
  l->last_caller_id = DV_SYMBOL_NONE;
  l->binary = options != NULL ? g_strdup (options->binary) : NULL;
  /* with a binary chosen, lines before any header belong to none */
  l->reading = l->binary == NULL;
  g->root = dv_builder_intern (l, "_", 1, NULL);
  l->is_target[g->root] = 1;
}

void
dv_loader_clear (Loader *l)
{
  g_free (l->is_target);
  g_free (l->e_from);
  g_free (l->e_to);
  g_string_free (l->pending_name.own, TRUE);
  g_string_free (l->carry, TRUE);
  g_string_free (l->sniff, TRUE);
  g_string_free (l->last_parent.own, TRUE);
  g_string_free (l->last_caller.own, TRUE);
  g_free (l->binary);
}

/* Keeps reading when text keeps coming without a single dump line: a large
 * file that is not a dump is told so after a few megabytes. */
static gboolean
loader_gave_up (Loader *l)
{
  if (l->n_dump_lines == 0 && l->text_bytes > SNIFF_LIMIT)
    l->nothing_here = TRUE;
  if (l->memory_budget != 0 && dv_builder_projected_bytes (l) > l->memory_budget)
    l->over_budget = TRUE;
  return l->nothing_here || l->over_budget;
}

/* Reading runs in its own thread: read(2) and inflate fill text chunks
 * while the calling thread parses the previous ones. */
#define N_CHUNKS 4

typedef struct
{
  char  *data;  /* NULL marks the end of the input */
  gsize  len;
} Chunk;

typedef struct
{
  GInputStream  *stream;
  const char    *display_name;
  guint64        total;
  DvProgressFunc progress;
  gpointer       progress_data;
  GCancellable  *cancellable;
  GAsyncQueue   *full;   /* Chunk *, to the parser */
  GAsyncQueue   *empty;  /* Chunk *, back to the reader */
  gint           stop;   /* the parser has seen enough */
  gboolean       gzip;   /* set before the first chunk is handed over */
  GError        *error;
} Pipe;

static Chunk *
next_empty (Pipe *p)
{
  Chunk *c = g_async_queue_pop (p->empty);
  c->len = 0;
  return c;
}

static gpointer
read_thread (gpointer data)
{
  Pipe *p = data;
  guchar *in = g_malloc (READ_CHUNK);
  z_stream z;
  gboolean gzip = FALSE, first = TRUE, z_live = FALSE, z_ended = FALSE, ok = TRUE;
  guint64 read_bytes = 0, next_progress = PROGRESS_STEP;
  gsize have = 0; /* bytes held back in `in` while looking for the magic */
  Chunk *out = next_empty (p);

  memset (&z, 0, sizeof z);
  while (ok && !g_atomic_int_get (&p->stop))
    {
      gssize r = g_input_stream_read (p->stream, in + have, READ_CHUNK - have,
                                      p->cancellable, &p->error);
      if (r < 0)
        {
          /* say which file: a read error of a stream names nothing */
          if (!g_error_matches (p->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_prefix_error (&p->error, "%s: cannot read after byte %" G_GUINT64_FORMAT ": ",
                            p->display_name, read_bytes);
          ok = FALSE;
          break;
        }
      read_bytes += (guint64) r;
      have += (gsize) r;
      if (have == 0)
        break;

      if (first)
        {
          /* gzip by its magic bytes, not by the file name */
          if (have < 2 && r > 0)
            continue;
          first = FALSE;
          if (have >= 2 && in[0] == 0x1f && in[1] == 0x8b)
            {
              gzip = TRUE;
              if (inflateInit2 (&z, 15 + 16) != Z_OK)
                {
                  g_set_error (&p->error, DV_GRAPH_ERROR, DV_GRAPH_ERROR_CORRUPT,
                               "%s: cannot start the gzip decoder", p->display_name);
                  ok = FALSE;
                  break;
                }
              z_live = TRUE;
            }
          p->gzip = gzip;
        }

      if (!gzip)
        {
          /* hand the bytes over as they are */
          memcpy (out->data, in, have);
          out->len = have;
          g_async_queue_push (p->full, out);
          out = next_empty (p);
        }
      else
        {
          z.next_in = in;
          z.avail_in = (uInt) have;
          while (z.avail_in > 0)
            {
              if (z_ended)
                {
                  /* several gzip members one after another (cat a.gz b.gz) */
                  if (inflateReset (&z) != Z_OK)
                    break;
                  z_ended = FALSE;
                }
              z.next_out = (Bytef *) out->data + out->len;
              z.avail_out = (uInt) (INFLATE_CHUNK - out->len);
              int zr = inflate (&z, Z_NO_FLUSH);
              if (zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR)
                {
                  g_set_error (&p->error, DV_GRAPH_ERROR, DV_GRAPH_ERROR_CORRUPT,
                               "%s: the gzip data is corrupt near byte %" G_GUINT64_FORMAT " (%s)",
                               p->display_name, read_bytes - z.avail_in,
                               z.msg ? z.msg : "inflate failed");
                  ok = FALSE;
                  break;
                }
              out->len = INFLATE_CHUNK - z.avail_out;
              if (out->len == INFLATE_CHUNK)
                {
                  g_async_queue_push (p->full, out);
                  out = next_empty (p);
                }
              if (zr == Z_STREAM_END)
                z_ended = TRUE;
              else if (zr == Z_BUF_ERROR && z.avail_out > 0)
                break;
            }
          if (ok && out->len > 0)
            {
              g_async_queue_push (p->full, out);
              out = next_empty (p);
            }
        }
      have = 0;
      if (r == 0)
        break;
      if (p->progress && read_bytes >= next_progress)
        {
          p->progress (read_bytes, p->total, p->progress_data);
          next_progress = read_bytes + PROGRESS_STEP;
        }
      if (g_cancellable_set_error_if_cancelled (p->cancellable, &p->error))
        ok = FALSE;
    }

  if (ok && gzip && !z_ended && !g_atomic_int_get (&p->stop))
    g_set_error (&p->error, DV_GRAPH_ERROR, DV_GRAPH_ERROR_CORRUPT,
                 "%s: the gzip data ends early (the file is truncated after %"
                 G_GUINT64_FORMAT " bytes)", p->display_name, read_bytes);
  if (p->error == NULL && p->progress)
    p->progress (read_bytes, p->total ? p->total : read_bytes, p->progress_data);
  if (z_live)
    inflateEnd (&z);
  g_free (in);
  out->len = 0;
  g_async_queue_push (p->empty, out);
  {
    /* the end marker: a chunk without data */
    static Chunk end = { NULL, 0 };
    g_async_queue_push (p->full, &end);
  }
  return NULL;
}

static gboolean
read_all (Loader *l, GInputStream *stream, guint64 total, DvProgressFunc progress,
          gpointer progress_data, GCancellable *cancellable, GError **error)
{
  Pipe p = { stream, l->g->display_name, total, progress, progress_data, cancellable,
             g_async_queue_new (), g_async_queue_new (), 0, FALSE, NULL };
  Chunk chunks[N_CHUNKS];
  GThread *reader;
  gboolean ok;

  for (guint i = 0; i < N_CHUNKS; i++)
    {
      chunks[i].data = huge_hint (g_malloc (INFLATE_CHUNK), INFLATE_CHUNK);
      chunks[i].len = 0;
      g_async_queue_push (p.empty, &chunks[i]);
    }
  reader = g_thread_new ("depview-read", read_thread, &p);
  for (gboolean first = TRUE;; first = FALSE)
    {
      Chunk *c = g_async_queue_pop (p.full);
      if (c->data == NULL)
        break;
      /* the size of the text to come: gzip makes dumps about 13 times smaller */
      if (first && total > 0 && !l->headers_only)
        dv_builder_reserve (l, p.gzip ? total * 10 : total);
      if (!g_atomic_int_get (&p.stop))
        {
          dv_parser_feed (l, c->data, c->len);
          if (loader_gave_up (l))
            g_atomic_int_set (&p.stop, 1);
        }
      g_async_queue_push (p.empty, c);
    }
  g_thread_join (reader);
  for (guint i = 0; i < N_CHUNKS; i++)
    g_free (chunks[i].data);
  g_async_queue_unref (p.full);
  g_async_queue_unref (p.empty);

  ok = p.error == NULL;
  if (!ok)
    g_propagate_error (error, p.error);
  else if (l->over_budget)
    {
      g_set_error (error, DV_GRAPH_ERROR, DV_GRAPH_ERROR_TOO_LARGE,
                   "%s does not fit in the %" G_GUINT64_FORMAT " MB of memory available: "
                   "its index passed that at line %" G_GUINT64_FORMAT,
                   l->g->display_name, l->memory_budget >> 20, l->lineno);
      ok = FALSE;
    }
  if (ok)
    dv_parser_end (l);
  return ok;
}

/* The distinct paths of the "# path" headers, in file order. */
static GPtrArray *
distinct_sections (const DvGraph *g)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < g->sections->len; i++)
    {
      const char *path = g_ptr_array_index (g->sections, i);
      if (g_hash_table_add (seen, (gpointer) path))
        g_ptr_array_add (out, g_strdup (path));
    }
  return out;
}

static char *
join_sections (const DvGraph *g)
{
  g_autoptr(GPtrArray) paths = distinct_sections (g);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < paths->len; i++)
    g_string_append_printf (out, "%s%s", i ? ", " : "", (const char *) g_ptr_array_index (paths, i));
  return g_string_free (out, FALSE);
}

/* FALSE, with the error set, when the sections read are not one binary. */
static gboolean
check_binary (Loader *l, GError **error)
{
  DvGraph *g = l->g;

  if (l->several)
    {
      g_autoptr(GPtrArray) paths = distinct_sections (g);
      g_autofree char *list = join_sections (g);
      g_set_error (error, DV_GRAPH_ERROR, DV_GRAPH_ERROR_SEVERAL_BINARIES,
                   "%s holds %u binaries, each its own graph (one “# path” section each): "
                   "%s; choose one", g->display_name, paths->len, list);
      return FALSE;
    }
  if (l->binary != NULL && !l->binary_seen)
    {
      if (g->sections->len == 0)
        g_set_error (error, DV_GRAPH_ERROR, DV_GRAPH_ERROR_NO_SUCH_BINARY,
                     "%s has no binary “%s”: it has no “# path” section headers "
                     "(the linker's own output holds one binary); choose none",
                     g->display_name, l->binary);
      else
        {
          g_autofree char *list = join_sections (g);
          g_set_error (error, DV_GRAPH_ERROR, DV_GRAPH_ERROR_NO_SUCH_BINARY,
                       "%s has no binary “%s”; its “# path” sections are: %s",
                       g->display_name, l->binary, list);
        }
      return FALSE;
    }
  return TRUE;
}

DvGraph *
dv_graph_load_stream (GInputStream *stream, const char *display_name, guint64 total_bytes,
                      DvProgressFunc progress, gpointer progress_data,
                      GCancellable *cancellable, GError **error)
{
  return dv_graph_load_stream_with_options (stream, display_name, total_bytes, NULL,
                                            progress, progress_data, cancellable, error);
}

DvGraph *
dv_graph_load_stream_with_options (GInputStream *stream, const char *display_name,
                                   guint64 total_bytes, const DvLoadOptions *options,
                                   DvProgressFunc progress, gpointer progress_data,
                                   GCancellable *cancellable, GError **error)
{
  Loader l;
  gint64 start = g_get_monotonic_time ();

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  dv_loader_init (&l, display_name, options);
  l.memory_budget = options != NULL ? options->memory_limit : 0;
  if (!read_all (&l, stream, total_bytes, progress, progress_data, cancellable, error))
    {
      dv_loader_clear (&l);
      dv_graph_unref (l.g);
      return NULL;
    }
  l.g->stats.bytes = l.text_bytes;
  if (l.binary != NULL)
    l.g->binary = g_strdup (l.binary);
  else if (l.g->sections->len > 0)
    l.g->binary = g_strdup (g_ptr_array_index (l.g->sections, 0));
  dv_parser_finish_pending (&l);
  g_debug ("%s: read and parse %.1f ms, %u symbols, %" G_GSIZE_FORMAT " edges",
           l.g->display_name, (g_get_monotonic_time () - start) / 1e3, l.g->n_symbols, l.n_edges);
  if (l.n_dump_lines == 0)
    {
      gboolean blank = TRUE;
      for (gsize i = 0; i < l.sniff->len && blank; i++)
        blank = g_ascii_isspace (l.sniff->str[i]);
      if (blank && l.text_bytes <= l.sniff->len)
        g_set_error (error, DV_GRAPH_ERROR, DV_GRAPH_ERROR_EMPTY,
                     "%s: the file is empty; expected the output of go build -ldflags=-dumpdep",
                     l.g->display_name);
      else
        {
          char *what = dv_sniff_describe_non_dump (l.sniff);
          g_set_error (error, DV_GRAPH_ERROR, DV_GRAPH_ERROR_NOT_A_DUMP,
                       "%s is not a linker dependency dump: it looks like %s "
                       "(line 1: expected “FROM -> TO”, as printed by go build -ldflags=-dumpdep)",
                       l.g->display_name, what);
          g_free (what);
        }
      dv_loader_clear (&l);
      dv_graph_unref (l.g);
      return NULL;
    }
  /* after "not a dump": a PNG has no binary "x", but that is not the news */
  if (!check_binary (&l, error))
    {
      dv_loader_clear (&l);
      dv_graph_unref (l.g);
      return NULL;
    }
  if (l.g->n_symbols >= DV_EDGE_SYMBOL_MASK)
    {
      g_set_error (error, DV_GRAPH_ERROR, DV_GRAPH_ERROR_TOO_LARGE,
                   "%s: more than a billion symbols", l.g->display_name);
      dv_loader_clear (&l);
      dv_graph_unref (l.g);
      return NULL;
    }
  dv_builder_finish (&l);
  dv_loader_clear (&l);
  return l.g;
}

#define STAMP_ATTRIBUTES G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_TIME_MODIFIED "," \
                         G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC

static gboolean
same_stamp (GFileInfo *a, GFileInfo *b)
{
  return g_file_info_get_size (a) == g_file_info_get_size (b)
         && g_file_info_get_attribute_uint64 (a, G_FILE_ATTRIBUTE_TIME_MODIFIED)
            == g_file_info_get_attribute_uint64 (b, G_FILE_ATTRIBUTE_TIME_MODIFIED)
         && g_file_info_get_attribute_uint32 (a, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC)
            == g_file_info_get_attribute_uint32 (b, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);
}

DvGraph *
dv_graph_load_file (GFile *file, DvProgressFunc progress, gpointer progress_data,
                    GCancellable *cancellable, GError **error)
{
  return dv_graph_load_file_with_options (file, NULL, progress, progress_data, cancellable, error);
}

DvGraph *
dv_graph_load_file_with_options (GFile *file, const DvLoadOptions *options,
                                 DvProgressFunc progress, gpointer progress_data,
                                 GCancellable *cancellable, GError **error)
{
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  guint64 size = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   "%s is a folder; open the dump file inside it", name);
      return NULL;
    }
  if (info != NULL)
    size = (guint64) g_file_info_get_size (info);
  in = g_file_read (file, cancellable, error);
  if (in == NULL)
    return NULL;
  g_autoptr(GFileInfo) before = g_file_input_stream_query_info (in, STAMP_ATTRIBUTES, cancellable, NULL);
  if (before != NULL)
    size = (guint64) g_file_info_get_size (before);
  DvGraph *graph = dv_graph_load_stream_with_options (G_INPUT_STREAM (in), name, size, options,
                                                      progress, progress_data, cancellable, error);
  /* A file written while we read it (go build still running, or rewritten
   * in place) gives a mix of two texts: say so rather than answer from it. */
  g_autoptr(GFileInfo) after = g_file_input_stream_query_info (in, STAMP_ATTRIBUTES, NULL, NULL);
  if (graph != NULL && before != NULL && after != NULL && !same_stamp (before, after))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                   "%s changed while it was read (is it still being written?); "
                   "open it again once it is complete", name);
      g_clear_pointer (&graph, dv_graph_unref);
    }
  return graph;
}

DvGraph *
dv_graph_load_path (const char *path, GCancellable *cancellable, GError **error)
{
  return dv_graph_load_path_with_options (path, NULL, cancellable, error);
}

DvGraph *
dv_graph_load_path_with_options (const char *path, const DvLoadOptions *options,
                                 GCancellable *cancellable, GError **error)
{
  if (g_strcmp0 (path, "-") == 0)
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);
      return dv_graph_load_stream_with_options (in, "<stdin>", 0, options, NULL, NULL,
                                                cancellable, error);
    }
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  return dv_graph_load_file_with_options (file, options, NULL, NULL, cancellable, error);
}

DvGraph *
dv_graph_load_data (const void *data, gsize len, const char *display_name, GError **error)
{
  return dv_graph_load_data_with_options (data, len, display_name, NULL, error);
}

DvGraph *
dv_graph_load_data_with_options (const void *data, gsize len, const char *display_name,
                                 const DvLoadOptions *options, GError **error)
{
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (data, (gssize) len, NULL);
  return dv_graph_load_stream_with_options (in, display_name, len, options, NULL, NULL, NULL, error);
}

/* Only the "# path" lines matter here: no name is interned, no edge kept. */
char **
dv_graph_list_binaries_stream (GInputStream *stream, const char *display_name,
                               GCancellable *cancellable, GError **error)
{
  Loader l;
  GPtrArray *paths = NULL;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  dv_loader_init (&l, display_name, NULL);
  l.reading = FALSE;
  l.headers_only = TRUE;
  if (read_all (&l, stream, 0, NULL, NULL, cancellable, error))
    {
      paths = distinct_sections (l.g);
      g_ptr_array_add (paths, NULL);
    }
  dv_loader_clear (&l);
  dv_graph_unref (l.g);
  return paths != NULL ? (char **) g_ptr_array_free (paths, FALSE) : NULL;
}

char **
dv_graph_list_binaries_file (GFile *file, GCancellable *cancellable, GError **error)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_autoptr(GFileInputStream) in = g_file_read (file, cancellable, error);

  if (in == NULL)
    return NULL;
  return dv_graph_list_binaries_stream (G_INPUT_STREAM (in), name, cancellable, error);
}
