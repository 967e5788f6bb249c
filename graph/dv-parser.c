/* dv-parser.c: the line grammar of -dumpdep output and its hazards.
 *
 * Each line is split, its names handed to the builder (interned), its edge
 * appended. The format and its hazards are described in
 * docs/dumpdep-format.md of the shared material; the comments here say which
 * hazard each piece of code is for. */
#include "config.h"

#define G_LOG_DOMAIN "depview-graph"

#include "dv-loader-private.h"
#include "dv-names-private.h"

#include <string.h>

static const char SEP[] = " -> ";
static const char CALLS[] = " calls ";

/* ---------------------------------------------------------------------- */
/* Names kept across lines                                                 */

static inline void
held_set (HeldText *t, const char *str, gsize len)
{
  t->str = str;
  t->len = len;
}

/* Copies the text into the held buffer: the text it points to goes away. */
static void
held_settle (HeldText *t)
{
  if (t->str == t->own->str)
    return;
  g_string_truncate (t->own, 0);
  g_string_append_len (t->own, t->str, (gssize) t->len);
  t->str = t->own->str;
}

static void
settle_all (Loader *l)
{
  held_settle (&l->pending_name);
  held_settle (&l->last_parent);
  held_settle (&l->last_caller);
}

/* ---------------------------------------------------------------------- */
/* The open target                                                         */

void
dv_parser_finish_pending (Loader *l)
{
  DvGraph *g = l->g;
  gsize len;
  DvSymbolFlags flags;
  DvSymbolId to;

  if (!l->pending)
    return;
  l->pending = FALSE;
  len = l->pending_name.len;
  flags = dv_names_strip_flags (l->pending_name.str, &len);
  to = l->pending_hashed ? dv_builder_intern_hashed (l, l->pending_name.str, len, l->pending_hash, NULL)
                         : dv_builder_intern (l, l->pending_name.str, len, NULL);
  g->flags[to] |= flags;
  l->is_target[to] = 1;
  g->stats.dep_edges++;
  if (l->pending_from == g->root)
    {
      g->stats.root_edges++;
      dv_builder_add_edge (l, l->pending_from, to, DV_EDGE_ROOT);
    }
  else
    dv_builder_add_edge (l, l->pending_from, to, DV_EDGE_DEP);
}

/* ---------------------------------------------------------------------- */
/* Problems                                                                */

static char *
make_excerpt (const char *line, gsize len)
{
  gsize n = MIN (len, 80);
  char *valid = g_utf8_make_valid (line, (gssize) n);
  GString *out = g_string_sized_new (n + 8);

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else
        g_string_append_unichar (out, c);
    }
  if (len > n)
    g_string_append (out, "…");
  g_free (valid);
  return g_string_free (out, FALSE);
}

static void
keep_problem (Loader *l, guint64 lineno, const char *line, gsize len, const char *message)
{
  DvGraph *g = l->g;

  if (g->problems->len >= DV_GRAPH_MAX_PROBLEMS)
    return;
  DvProblem p = { lineno, g_strdup (message), make_excerpt (line, len) };
  g_array_append_val (g->problems, p);
}

static void
add_problem (Loader *l, guint64 lineno, const char *line, gsize len, const char *message)
{
  l->g->stats.unreadable_lines++;
  keep_problem (l, lineno, line, len, message);
}

/* A line read, but one way of two: said, so that a wrong guess is seen. */
static void
add_doubt (Loader *l, guint64 lineno, const char *line, gsize len, const char *message)
{
  l->g->stats.doubtful_lines++;
  keep_problem (l, lineno, line, len, message);
}

/* ---------------------------------------------------------------------- */
/* Lines                                                                   */

/* A parent is valid when the linker could have printed it: "_", the empty
 * name, or a name already printed as a target (causal order). The open
 * target of the previous line counts as printed. */
static gboolean
valid_parent (Loader *l, const char *name, gsize len, DvSymbolId *id)
{
  DvGraph *g = l->g;
  gsize n = len;

  if (len == l->last_parent.len && l->last_parent_id != DV_SYMBOL_NONE
      && memcmp (name, l->last_parent.str, len) == 0)
    {
      *id = l->last_parent_id;
      return TRUE;
    }
  dv_names_strip_flags (name, &n);
  if (n == 1 && name[0] == '_')
    {
      *id = g->root;
      return TRUE;
    }
  if (n == 0)
    {
      *id = DV_SYMBOL_NONE; /* the empty name, interned on use */
      return TRUE;
    }
  if (l->pending)
    {
      gsize pn = l->pending_name.len;
      dv_names_strip_flags (l->pending_name.str, &pn);
      if (pn == n && memcmp (l->pending_name.str, name, n) == 0)
        {
          *id = DV_SYMBOL_NONE - 1; /* resolved after the pending target lands */
          return TRUE;
        }
    }
  DvSymbolId found = dv_graph_lookup_bytes (g, name, n);
  if (found != DV_SYMBOL_NONE && l->is_target[found])
    {
      *id = found;
      return TRUE;
    }
  return FALSE;
}

static gboolean
known_target (Loader *l, const char *name, gsize len)
{
  gsize n = len;
  dv_names_strip_flags (name, &n);
  DvSymbolId found = dv_graph_lookup_bytes (l->g, name, n);
  return found != DV_SYMBOL_NONE && l->is_target[found];
}

static DvSymbolId
resolve_parent (Loader *l, const char *name, gsize len)
{
  gsize n = len;
  DvSymbolFlags flags = dv_names_strip_flags (name, &n);
  DvSymbolId id = dv_builder_intern (l, name, n, NULL);

  l->g->flags[id] |= flags;
  return id;
}

static const char *
find_sep (const char *p, const char *end, const char *sep, gsize seplen)
{
  /* glibc's memmem sets up a general search on every call; on lines of a
   * hundred bytes a scan for the rare second byte of the separator wins */
  const char *q = p + 1;

  if ((gsize) (end - p) < seplen)
    return NULL;
  while (q + seplen - 1 <= end)
    {
      q = memchr (q, sep[1], (gsize) (end - q) - (seplen - 2));
      if (q == NULL)
        return NULL;
      if (q[-1] == sep[0] && memcmp (q + 1, sep + 2, seplen - 2) == 0)
        return q - 1;
      q++;
    }
  return NULL;
}

/* The first " -> " and the first " calls " of a line, in one pass: both
 * start with a space, which names seldom hold. */
static void
scan_seps (const char *line, gsize len, const char **dep, const char **call)
{
  const char *p = line, *end = line + len;

  *dep = NULL;
  *call = NULL;
  while ((p = memchr (p, ' ', (gsize) (end - p))) != NULL)
    {
      gsize left = (gsize) (end - p);
      if (*dep == NULL && left >= 4 && p[1] == '-' && p[2] == '>' && p[3] == ' ')
        {
          *dep = p;
          if (*call != NULL)
            return;
        }
      else if (*call == NULL && left >= 7 && memcmp (p, CALLS, 7) == 0)
        {
          *call = p;
          if (*dep != NULL)
            return;
        }
      p++;
    }
}

/* A line looked at ahead of its turn: its separators, and the hash of the
 * name it most likely looks up (the target of a dep line, flags stripped;
 * the callee of a call line), whose table slot is fetched meanwhile. */
typedef enum { HASHED_NONE, HASHED_DEP, HASHED_CALL } Hashed;

typedef struct
{
  const char *line;
  gsize       len;
  const char *dep;
  const char *call;
  Hashed      hashed;
  guint64     h;
} Scan;

static void
prescan (Loader *l, const char *line, gsize len, Scan *sc)
{
  const char *name;
  gsize n;

  sc->line = line;
  sc->len = len;
  if (len > 0 && line[len - 1] == '\r')
    len--;
  scan_seps (line, len, &sc->dep, &sc->call);
  sc->hashed = HASHED_NONE;
  if (sc->dep != NULL)
    {
      name = sc->dep + 4;
      n = (gsize) (line + len - name);
      dv_names_strip_flags (name, &n);
      sc->hashed = HASHED_DEP;
    }
  else if (sc->call != NULL)
    {
      name = sc->call + 7;
      n = (gsize) (line + len - name);
      sc->hashed = HASHED_CALL;
    }
  else
    return;
  sc->h = dv_graph_hash64 (name, n);
  __builtin_prefetch (&l->g->table[(guint32) sc->h & l->g->table_mask]);
}

static void parse_line (Loader *l, const Scan *sc);

/* "FROM -> TO". Hazard 1: " -> " may stand inside either name. The split
 * is the one whose left side is a valid parent; when several are, the one
 * whose target is new (a symbol is printed the first time it is kept). */
static gboolean
try_dep_line (Loader *l, const char *line, gsize len, const Scan *sc)
{
  const char *first_sep = sc->dep;
  const char *end = line + len;
  const char *best = NULL;
  DvSymbolId best_parent = DV_SYMBOL_NONE;
  guint n_valid = 0;

  for (const char *s = first_sep; s != NULL;
       s = find_sep (s + 1, end, SEP, 4))
    {
      DvSymbolId parent;
      if (!valid_parent (l, line, (gsize) (s - line), &parent))
        continue;
      n_valid++;
      if (best == NULL)
        {
          best = s;
          best_parent = parent;
        }
      else if (known_target (l, best + 4, (gsize) (end - best - 4))
               && !known_target (l, s + 4, (gsize) (end - s - 4)))
        {
          best = s;
          best_parent = parent;
        }
    }
  if (best == NULL)
    return FALSE;

  gboolean parent_is_pending = best_parent == DV_SYMBOL_NONE - 1;
  dv_parser_finish_pending (l);
  if (parent_is_pending || best_parent == DV_SYMBOL_NONE)
    best_parent = resolve_parent (l, line, (gsize) (best - line));
  else
    {
      gsize n = (gsize) (best - line);
      l->g->flags[best_parent] |= dv_names_strip_flags (line, &n);
    }
  if (best_parent == DV_SYMBOL_NONE)
    return FALSE;
  if (l->g->empty == DV_SYMBOL_NONE && l->g->name_lens[best_parent] == 0)
    l->g->empty = best_parent;
  held_set (&l->last_parent, line, (gsize) (best - line));
  l->last_parent_id = best_parent;

  l->pending = TRUE;
  l->pending_from = best_parent;
  held_set (&l->pending_name, best + 4, (gsize) (end - best - 4));
  l->pending_hashed = best == sc->dep && sc->hashed == HASHED_DEP;
  l->pending_hash = sc->h;
  return TRUE;
}

/* "A calls B" (-dumpdep -c): both are live functions, printed before. */
static gboolean
try_call_line (Loader *l, const char *line, gsize len, const Scan *sc)
{
  const char *first_sep = sc->call;
  const char *end = line + len;
  const char *first = NULL;
  DvSymbolId from = DV_SYMBOL_NONE, to = DV_SYMBOL_NONE;

  for (const char *s = first_sep; s != NULL;
       s = find_sep (s + 1, end, CALLS, 7))
    {
      if (first == NULL)
        first = s;
      gsize alen = (gsize) (s - line);
      DvSymbolId a;
      if (alen == l->last_caller.len && memcmp (line, l->last_caller.str, alen) == 0)
        a = l->last_caller_id;
      else
        {
          a = dv_graph_lookup_bytes (l->g, line, alen);
          if (a != DV_SYMBOL_NONE)
            {
              held_set (&l->last_caller, line, alen);
              l->last_caller_id = a;
            }
        }
      DvSymbolId b = s == sc->call && sc->hashed == HASHED_CALL
                     ? dv_graph_lookup_hashed (l->g, s + 7, (gsize) (end - s - 7), sc->h)
                     : dv_graph_lookup_bytes (l->g, s + 7, (gsize) (end - s - 7));
      if (a != DV_SYMBOL_NONE && b != DV_SYMBOL_NONE)
        {
          from = a;
          to = b;
          break;
        }
    }
  if (first == NULL)
    return FALSE;
  dv_parser_finish_pending (l);
  if (from == DV_SYMBOL_NONE)
    {
      /* a call dump without the dep lines: take the names as they come */
      if (first == line || first + 7 == end)
        return FALSE;
      from = dv_builder_intern (l, line, (gsize) (first - line), NULL);
      to = dv_builder_intern (l, first + 7, (gsize) (end - first - 7), NULL);
      l->n_guessed++;
    }
  else
    l->n_dump_lines++;
  l->g->stats.call_edges++;
  dv_builder_add_edge (l, from, to, DV_EDGE_CALL);
  return TRUE;
}

/* "textsize=10486688" (-c): section sizes in bytes. Returns the length of
 * the key, 0 when the line is not one. */
static gsize
size_line_key (const char *line, gsize len)
{
  gsize i = 0;

  while (i < len && g_ascii_islower (line[i]))
    i++;
  if (i == 0 || i >= len || line[i] != '=' || i + 1 == len || len - i > 21)
    return 0;
  for (gsize j = i + 1; j < len; j++)
    if (!g_ascii_isdigit (line[j]))
      return 0;
  return i;
}

static gboolean
try_size_line (Loader *l, const char *line, gsize len)
{
  gsize i = size_line_key (line, len);

  if (i == 0)
    return FALSE;
  dv_parser_finish_pending (l);
  g_ptr_array_add (l->g->size_keys, g_strndup (line, i));
  char *digits = g_strndup (line + i + 1, len - i - 1);
  guint64 v = g_ascii_strtoull (digits, NULL, 10);
  g_free (digits);
  g_array_append_val (l->g->size_values, v);
  return TRUE;
}

/* "A calls B" where both are names already printed as targets: a line the
 * linker printed on its own, never the rest of a struct tag. */
static gboolean
is_call_of_known (Loader *l, const char *line, gsize len, const char *first_sep)
{
  const char *end = line + len;

  for (const char *s = first_sep; s != NULL;
       s = find_sep (s + 1, end, CALLS, 7))
    if (known_target (l, line, (gsize) (s - line))
        && known_target (l, s + 7, (gsize) (end - s - 7)))
      return TRUE;
  return FALSE;
}

static gboolean
looks_like_call (const char *line, gsize len, const char *s)
{
  return s != NULL && s > line && s + 7 < line + len;
}

/* Hazard 2: a raw newline inside a struct tag. Only namedata symbols hold
 * raw tags, so only their names continue on the next line. A size line or
 * a call between two printed names is never a continuation: the call
 * section of -c often starts right after a namedata target. Returns TRUE
 * when the line was taken into the open name. */
static gboolean
try_continuation (Loader *l, const char *line, gsize len, const char *first_call)
{
  if (!l->pending || !dv_names_is_namedata (l->pending_name.str, l->pending_name.len))
    return FALSE;
  if (size_line_key (line, len) != 0)
    {
      /* sizes come after the call lines, never right after a dep line */
      add_doubt (l, l->lineno, line, len,
                 "read as a size line, though it follows a struct tag name and may "
                 "continue it (a raw newline in the tag)");
      return FALSE;
    }
  if (is_call_of_known (l, line, len, first_call))
    return FALSE;
  if (looks_like_call (line, len, first_call))
    add_doubt (l, l->lineno, line, len,
               "read as the rest of the struct tag on the line before (a raw newline "
               "in the tag), though it looks like “A calls B”: one of the names was "
               "never printed as a target");
  held_settle (&l->pending_name);
  g_string_append_c (l->pending_name.own, '\n');
  g_string_append_len (l->pending_name.own, line, (gssize) len);
  held_set (&l->pending_name, l->pending_name.own->str, l->pending_name.own->len);
  l->pending_hashed = FALSE;
  return TRUE;
}

/* Several binaries (go build ./cmd/...) give one "# path" section each.
 * Read the chosen one; with none chosen, the first, until a second path
 * shows there is no "only one": then only the headers, for the message. */
static void
enter_section (Loader *l, const char *path, gsize len)
{
  const char *first;

  if (l->headers_only)
    return;
  if (l->binary != NULL)
    {
      l->reading = strlen (l->binary) == len && memcmp (l->binary, path, len) == 0;
      l->binary_seen |= l->reading;
      return;
    }
  first = g_ptr_array_index (l->g->sections, 0);
  if (strlen (first) == len && memcmp (first, path, len) == 0)
    return;
  l->several = TRUE;
  l->reading = FALSE;
  l->headers_only = TRUE;
}

void
dv_parser_line (Loader *l, const char *line, gsize len)
{
  Scan sc;

  prescan (l, line, len, &sc);
  parse_line (l, &sc);
}

static void
parse_line (Loader *l, const Scan *sc)
{
  DvGraph *g = l->g;
  const char *line = sc->line, *nul, *first_dep = sc->dep, *first_call = sc->call;
  gsize len = sc->len;

  l->lineno++;
  /* hazard 5: a file saved on Windows */
  if (len > 0 && line[len - 1] == '\r')
    len--;
  if (len >= 2 && line[0] == '#' && line[1] == ' ' && memchr (line, '\0', len) == NULL)
    {
      dv_parser_finish_pending (l);
      g_ptr_array_add (g->sections, g_strndup (line + 2, len - 2));
      l->n_dump_lines++;
      enter_section (l, line + 2, len - 2);
      if (l->reading)
        g->stats.lines++;
      return;
    }
  if (!l->reading)
    {
      /* not this binary's, but it says whether the file is a dump at all */
      if (l->n_dump_lines == 0 && memmem (line, len, SEP, 4) != NULL)
        l->n_dump_lines++;
      return;
    }
  g->stats.lines++;
  if (len == 0)
    return;

  if ((nul = memchr (line, '\0', len)) != NULL)
    {
      char *msg = g_strdup_printf ("a NUL byte at column %" G_GSIZE_FORMAT
                                   "; a dump line is text", (gsize) (nul - line) + 1);
      dv_parser_finish_pending (l);
      add_problem (l, l->lineno, line, len, msg);
      g_free (msg);
      return;
    }

  if (first_dep != NULL && try_dep_line (l, line, len, sc))
    {
      l->n_dump_lines++;
      return;
    }

  if (try_continuation (l, line, len, first_call))
    return;

  if (try_call_line (l, line, len, sc))
    return;
  if (try_size_line (l, line, len))
    {
      l->n_dump_lines++;
      return;
    }

  dv_parser_finish_pending (l);
  if (first_dep != NULL)
    {
      /* no known parent: keep the edge as the first split gives it, so a
       * dump that starts mid-way still loads */
      const char *s = first_dep;
      DvSymbolId from = resolve_parent (l, line, (gsize) (s - line));
      l->pending = TRUE;
      l->pending_from = from;
      held_set (&l->pending_name, s + 4, (gsize) (line + len - s - 4));
      l->pending_hashed = sc->hashed == HASHED_DEP;
      l->pending_hash = sc->h;
      l->n_guessed++;
      return;
    }
  add_problem (l, l->lineno, line, len,
               g_str_has_prefix (line, "go: ")
               ? "a message of the go command, not a dump line"
               : "expected “FROM -> TO”, “A calls B”, “# path” or “key=value”");
}

static void feed_lines (Loader *l, const char *data, gsize len);

/* Lines looked at ahead: enough to cover the latency of a table slot. */
#define PARSE_BATCH 16

/* Splits text into lines; a line may span calls (l->carry). Names kept
 * for the next line are copied once, here, before the text goes. */
void
dv_parser_feed (Loader *l, const char *data, gsize len)
{
  if (l->sniff->len < 512)
    g_string_append_len (l->sniff, data, (gssize) MIN (len, 512 - l->sniff->len));
  l->text_bytes += len;
  feed_lines (l, data, len);
  settle_all (l);
}

static void
feed_lines (Loader *l, const char *data, gsize len)
{
  const char *p = data;
  const char *end = data + len;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', (gsize) (end - p));
      const char *stop = nl ? nl : end;
      gsize n = (gsize) (stop - p);

      if (l->skipping_long)
        {
          if (nl == NULL)
            return;
          l->skipping_long = FALSE;
          p = nl + 1;
          continue;
        }
      if (l->carry->len > 0 || nl == NULL)
        {
          if (l->carry->len + n > MAX_LINE)
            {
              /* too long to be a name: report it once and drop it */
              l->lineno++;
              if (l->reading)
                {
                  dv_parser_finish_pending (l);
                  l->g->stats.lines++;
                  char *msg = g_strdup_printf ("a line longer than %u MiB; no symbol name is that long",
                                               MAX_LINE >> 20);
                  add_problem (l, l->lineno, l->carry->str, l->carry->len, msg);
                  g_free (msg);
                }
              g_string_truncate (l->carry, 0);
              if (nl == NULL)
                {
                  l->skipping_long = TRUE;
                  return;
                }
              p = nl + 1;
              continue;
            }
          g_string_append_len (l->carry, p, (gssize) n);
          if (nl == NULL)
            return;
          dv_parser_line (l, l->carry->str, l->carry->len);
          settle_all (l);
          g_string_truncate (l->carry, 0);
        }
      else
        {
          /* whole lines, a batch at a time: the table slots of the names
           * the batch looks up are fetched while the first lines parse */
          Scan batch[PARSE_BATCH];
          guint k = 0;
          for (const char *q = p, *qnl = nl;;)
            {
              prescan (l, q, (gsize) (qnl - q), &batch[k++]);
              p = qnl + 1;
              if (k == PARSE_BATCH || p >= end
                  || (qnl = memchr (p, '\n', (gsize) (end - p))) == NULL)
                break;
              q = p;
            }
          for (guint i = 0; i < k; i++)
            parse_line (l, &batch[i]);
          continue;
        }
      p = nl + 1;
    }
}

/* The end of the text: its last line may have no newline. */
void
dv_parser_end (Loader *l)
{
  if (l->carry->len > 0 && !l->skipping_long)
    {
      /* hazard 5: the last line has no newline */
      GString *last = l->carry;
      l->carry = g_string_new (NULL);
      dv_parser_line (l, last->str, last->len);
      settle_all (l);
      g_string_free (last, TRUE);
    }
}
