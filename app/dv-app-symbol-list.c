/* dv-app-symbol-list.c */
#define G_LOG_DOMAIN "depview"

#include <string.h>
#include <gtk/gtk.h>

#include "dv-app-name-filter.h"
#include "dv-app-symbol-list.h"
#include "dv-app-symbol-row.h"
#include "dv-why.h"

/* The worker checks for a newer search this often (symbols). */
#define CANCEL_CHECK_INTERVAL 4096

struct _DvAppSymbolList
{
  GObject       parent_instance;
  DvGraph      *graph;
  DvCost       *cost;          /* of graph, or NULL */
  GArray       *ids;           /* DvSymbolId: what the list shows */
  /* While a new list lands in steps: the list is head[0..head_len) followed
   * by ids[tail_from..]; head is NULL otherwise. */
  GArray       *head;
  guint         head_len;
  guint         tail_from;
  GArray       *emits;         /* Emit: the signals that take head to ids */
  guint         emit_next;     /* the next to send */
  guint         emit_source;   /* idle sending the rest, 0 when all are sent */
  gboolean      emit_n_items;  /* the count changes when they are */
  guint         view_position; /* the first row a view shows, G_MAXUINT: unknown */
  guint         n_total;       /* what it would show with no search */
  gboolean      hide_metadata;
  char         *search;
  GCancellable *search_cancellable; /* the running search, NULL when idle */
  GHashTable   *rows;          /* DvSymbolId -> DvAppSymbolRow (weak): one object per symbol */
  DvSymbolId    pick;          /* what dv_lookup picks for the search: the first row */
  GStrv         suggestions;   /* dv_lookup's "did you mean", when it finds nothing */
  GBytes       *only;          /* a byte a symbol: shows those not 0; NULL: all */
};

enum {
  PROP_0,
  PROP_HIDE_METADATA,
  PROP_SEARCH,
  PROP_PENDING,
  PROP_N_ITEMS,
  PROP_PICK,
  PROP_SUGGESTIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Rows */

static void
row_finalized_cb (gpointer  data,
                  GObject  *row)
{
  DvAppSymbolList *self = data;

  g_hash_table_remove (self->rows, GUINT_TO_POINTER (dv_app_symbol_row_get_id (DV_APP_SYMBOL_ROW (row))));
}

static void
drop_row_weak_ref (gpointer key,
                   gpointer value,
                   gpointer data)
{
  g_object_weak_unref (value, row_finalized_cb, data);
}

static void
dv_app_symbol_list_forget_rows (DvAppSymbolList *self)
{
  g_hash_table_foreach (self->rows, drop_row_weak_ref, self);
  g_hash_table_remove_all (self->rows);
}

/* GListModel */

static GType
dv_app_symbol_list_get_item_type (GListModel *model)
{
  return DV_APP_TYPE_SYMBOL_ROW;
}

static guint
dv_app_symbol_list_n_shown (DvAppSymbolList *self)
{
  return self->head_len + self->ids->len - self->tail_from;
}

static DvSymbolId
dv_app_symbol_list_shown_id (DvAppSymbolList *self,
                             guint            position)
{
  if (position < self->head_len)
    return g_array_index (self->head, DvSymbolId, position);
  return g_array_index (self->ids, DvSymbolId, position - self->head_len + self->tail_from);
}

static guint
dv_app_symbol_list_get_n_items (GListModel *model)
{
  return dv_app_symbol_list_n_shown (DV_APP_SYMBOL_LIST (model));
}

/* The same object for the same symbol while one is alive, so the list view
 * keeps its row widgets for items that stay in the list across a search. */
static gpointer
dv_app_symbol_list_get_item (GListModel *model,
                             guint       position)
{
  DvAppSymbolList *self = DV_APP_SYMBOL_LIST (model);
  DvSymbolId id;
  DvAppSymbolRow *row;

  if (position >= dv_app_symbol_list_n_shown (self))
    return NULL;

  id = dv_app_symbol_list_shown_id (self, position);
  row = g_hash_table_lookup (self->rows, GUINT_TO_POINTER (id));
  if (row != NULL)
    return g_object_ref (row);

  row = dv_app_symbol_row_new (self->graph, id);
  dv_app_symbol_row_set_cost (row, self->cost);
  g_object_weak_ref (G_OBJECT (row), row_finalized_cb, self);
  g_hash_table_insert (self->rows, GUINT_TO_POINTER (id), row);
  return row;
}

static void
dv_app_symbol_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = dv_app_symbol_list_get_item_type;
  iface->get_n_items = dv_app_symbol_list_get_n_items;
  iface->get_item = dv_app_symbol_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (DvAppSymbolList, dv_app_symbol_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, dv_app_symbol_list_model_init))

/* Searching */


typedef struct {
  DvGraph  *graph;
  char     *search;
  gboolean  hide_metadata;
  GBytes   *only;
} SearchJob;

typedef struct {
  GArray     *ids;
  DvSymbolId  pick;
  GStrv       suggestions;
} SearchResult;

static void
search_result_free (gpointer data)
{
  SearchResult *result = data;

  g_clear_pointer (&result->ids, g_array_unref);
  g_strfreev (result->suggestions);
  g_free (result);
}

/* Runs in any thread: the graph is immutable. What Enter would select goes
 * first (moved there when the substring search found it too); when the
 * core finds nothing, its closest names are kept for the window to offer. */
static void
apply_lookup (DvGraph      *graph,
              const char   *search,
              SearchResult *result)
{
  DvLookup lookup = { 0 };
  GArray *ids = result->ids;

  result->pick = DV_SYMBOL_NONE;
  dv_lookup (graph, search, &lookup);
  if ((lookup.kind == DV_LOOKUP_SYMBOL || lookup.kind == DV_LOOKUP_INLINED) &&
      lookup.symbol != DV_SYMBOL_NONE)
    {
      DvSymbolId pick = lookup.symbol;
      guint at = ids->len;

      for (guint i = 0; i < ids->len; i++)
        if (g_array_index (ids, DvSymbolId, i) == pick)
          {
            at = i;
            break;
          }
      if (at < ids->len)
        g_array_remove_index (ids, at);
      g_array_prepend_val (ids, pick);
      result->pick = pick;
    }
  else if (lookup.kind == DV_LOOKUP_NOT_FOUND && lookup.candidates != NULL && lookup.candidates->len > 0)
    {
      result->suggestions = g_new0 (char *, lookup.candidates->len + 1);
      for (guint i = 0; i < lookup.candidates->len; i++)
        result->suggestions[i] = g_strdup (g_ptr_array_index (lookup.candidates, i));
    }
  dv_lookup_clear (&lookup);
}

static void
search_job_free (gpointer data)
{
  SearchJob *job = data;

  dv_graph_unref (job->graph);
  g_free (job->search);
  g_clear_pointer (&job->only, g_bytes_unref);
  g_free (job);
}

/* Runs in any thread: the graph is immutable. Returns NULL when cancelled. */
static GArray *
collect_ids (DvGraph      *graph,
             const char   *search,
             gboolean      hide_metadata,
             GCancellable *cancellable)
{
  guint n_symbols = dv_graph_get_n_symbols (graph);
  DvSymbolId root = dv_graph_get_root (graph);
  gsize search_len = strlen (search);
  gboolean ignore_case = dv_app_name_search_ignores_case (search);
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (DvSymbolId), search_len ? 1024 : n_symbols);

  for (DvSymbolId id = 0; id < n_symbols; id++)
    {
      if (id % CANCEL_CHECK_INTERVAL == 0 && g_cancellable_is_cancelled (cancellable))
        {
          g_array_unref (ids);
          return NULL;
        }
      if (id == root)
        continue;
      if (hide_metadata)
        {
          DvSymbolKind kind = dv_graph_symbol_kind (graph, id);

          if (kind == DV_SYMBOL_KIND_METADATA || kind == DV_SYMBOL_KIND_DWARF)
            continue;
        }
      if (search_len == 0 ||
          dv_app_name_matches (dv_graph_symbol_name (graph, id), dv_graph_symbol_name_len (graph, id),
                               search, search_len, ignore_case))
        g_array_append_val (ids, id);
    }

  return ids;
}

/* Runs in any thread: keeps the ids whose byte in only is set (all for
 * NULL); a pick left out is no pick. */
static void
keep_only (GArray     *ids,
           DvSymbolId *pick,
           GBytes     *only)
{
  gsize n;
  const guint8 *marked;
  guint kept = 0;

  if (only == NULL)
    return;
  marked = g_bytes_get_data (only, &n);
  for (guint i = 0; i < ids->len; i++)
    {
      DvSymbolId id = g_array_index (ids, DvSymbolId, i);

      if (id < n && marked[id])
        g_array_index (ids, DvSymbolId, kept++) = id;
    }
  g_array_set_size (ids, kept);
  if (pick != NULL && *pick != DV_SYMBOL_NONE && (*pick >= n || !marked[*pick]))
    *pick = DV_SYMBOL_NONE;
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchJob *job = task_data;
  GArray *ids = collect_ids (job->graph, job->search, job->hide_metadata, cancellable);
  SearchResult *result;

  if (ids == NULL || g_cancellable_is_cancelled (cancellable))
    {
      g_clear_pointer (&ids, g_array_unref);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "search replaced");
      return;
    }
  result = g_new0 (SearchResult, 1);
  result->ids = ids;
  apply_lookup (job->graph, job->search, result);
  keep_only (result->ids, &result->pick, job->only);
  g_task_return_pointer (task, result, search_result_free);
}

/* At most this many items-changed signals for one new list: each costs the
 * views a walk of their own, and a sorted view re-sorts on each. */
#define MAX_STEPS 16
/* A step adding more than this is sent as a removal, then an addition. */
#define SPLIT_ABOVE 256
/* A list view keeps widgets for a few hundred rows about the shown ones,
 * and each row it loses or gains there costs a widget made or destroyed:
 * about 0.25 ms with the size columns (a removal there moves later items
 * in, which need widgets too). So changes among the top SPREAD_ROWS and
 * HINT_ROWS either side of the view's first row go in pieces of PIECE_ROWS
 * rows, long removals elsewhere in pieces of REMOVE_PIECE items, and the
 * pieces are sent BATCH_USEC of them a main-loop iteration: typing on a big
 * dump does not wait for all at once. */
#define SPREAD_ROWS  1024
#define HINT_ROWS     400
#define PIECE_ROWS     40
#define REMOVE_PIECE  8000
#define BATCH_USEC   8000

typedef struct {
  guint old_at;  /* where the step starts in the old list */
  guint new_at;  /* and in the new one */
  guint removed;
  guint added;
} Step;

/* One items-changed signal: it replaces head[head_len..head_len+removed)
 * by ids[tail_from..tail_from+added); before it the list is
 * head[0..head_len+removed) then ids[tail_from+added..], after it
 * head[0..head_len) then ids[tail_from..]. */
typedef struct {
  guint head_len;
  guint tail_from;
  guint removed;
  guint added;
} Emit;

static void
add_emit (GArray *emits,
          guint   head_len,
          guint   tail_from,
          guint   removed,
          guint   added)
{
  Emit emit = { head_len, tail_from, removed, added };

  g_array_append_val (emits, emit);
}

/* Rows near where the view shows the list: the top, and HINT_ROWS either
 * side of the first row shown (set by the view, G_MAXUINT: unknown). */
static gboolean
is_near (guint pos,
         guint hint)
{
  guint lo = hint > HINT_ROWS ? hint - HINT_ROWS : 0;

  return pos < SPREAD_ROWS || (hint != G_MAXUINT && lo <= pos && pos < hint + HINT_ROWS);
}

/* The first near position after a far one, or G_MAXUINT. */
static guint
next_near (guint pos,
           guint hint)
{
  guint lo = hint > HINT_ROWS ? hint - HINT_ROWS : 0;

  return hint != G_MAXUINT && pos < lo ? lo : G_MAXUINT;
}

/* One piece of a step: near rows as one signal; a long far span adding
 * and removing apart (one signal would make GTK look for a removed focused
 * row among all it adds), additions first, then the removal from its end
 * in pieces: the list never shrinks below its new length on the way. */
static void
add_piece_emits (GArray     *emits,
                 const Emit *piece)
{
  guint removed = piece->removed;

  if (removed > 0 && (piece->added > SPLIT_ABOVE || removed > REMOVE_PIECE))
    {
      if (piece->added > 0)
        add_emit (emits, piece->head_len + removed, piece->tail_from, 0, piece->added);
      while (removed > 0)
        {
          guint n = MIN (removed, REMOVE_PIECE);

          add_emit (emits, piece->head_len + removed - n, piece->tail_from, n, 0);
          removed -= n;
        }
    }
  else
    g_array_append_val (emits, *piece);
}

/* A step's signals, last first: cut into pieces front to back, of
 * PIECE_ROWS where a view keeps row widgets, long between. */
static void
add_step_emits (GArray     *emits,
                const Step *step,
                guint       hint)
{
  g_autoptr(GArray) pieces = g_array_new (FALSE, FALSE, sizeof (Emit));
  guint r = 0, a = 0, near_added = 0;

  while (r < step->removed || a < step->added)
    {
      guint pos = step->old_at + r;
      Emit piece = { pos, step->new_at + a, 0, 0 };

      if (is_near (pos, hint) && (r < step->removed || near_added < 2 * HINT_ROWS))
        {
          piece.removed = MIN (PIECE_ROWS, step->removed - r);
          piece.added = MIN (PIECE_ROWS, step->added - a);
          near_added += piece.added;
        }
      else
        {
          guint next = next_near (pos, hint);

          piece.removed = MIN (step->removed - r, next - pos);
          piece.added = piece.removed < step->removed - r ? MIN (step->added - a, piece.removed)
                                                          : step->added - a;
        }
      r += piece.removed;
      a += piece.added;
      g_array_append_val (pieces, piece);
    }
  for (guint k = pieces->len; k-- > 0;)
    add_piece_emits (emits, &g_array_index (pieces, Emit, k));
}

/* Sends the signals still to send, for about usec microseconds (at least
 * one signal; 0: all); TRUE when the list is the new one. */
static gboolean
dv_app_symbol_list_emit (DvAppSymbolList *self,
                         gint64           usec)
{
  gint64 start = g_get_monotonic_time ();

  while (self->emit_next < self->emits->len)
    {
      Emit emit = g_array_index (self->emits, Emit, self->emit_next);

      if (usec > 0 && g_get_monotonic_time () - start >= usec)
        return FALSE;
      self->emit_next++;
      self->head_len = emit.head_len;
      self->tail_from = emit.tail_from;
      g_list_model_items_changed (G_LIST_MODEL (self), emit.head_len, emit.removed, emit.added);
    }

  g_array_set_size (self->emits, 0);
  self->emit_next = 0;
  g_clear_pointer (&self->head, g_array_unref);
  self->head_len = 0;
  self->tail_from = 0;
  if (self->emit_n_items)
    {
      self->emit_n_items = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
  return TRUE;
}

static gboolean
emit_idle_cb (gpointer data)
{
  DvAppSymbolList *self = data;

  if (!dv_app_symbol_list_emit (self, BATCH_USEC))
    return G_SOURCE_CONTINUE;
  self->emit_source = 0;
  if (self->search_cancellable == NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
  return G_SOURCE_REMOVE;
}

/* Sends what is left of the last new list now. */
static void
dv_app_symbol_list_flush (DvAppSymbolList *self)
{
  if (self->emit_source == 0)
    return;
  g_source_remove (self->emit_source);
  self->emit_source = 0;
  dv_app_symbol_list_emit (self, 0);
}

static gboolean
dv_app_symbol_list_is_pending (DvAppSymbolList *self)
{
  return self->search_cancellable != NULL || self->emit_source != 0;
}

/* Replaces the list, telling views only what changed, in up to MAX_STEPS
 * steps. Search results are in id order (but the pick, moved first), so a
 * merge finds the symbols both lists hold: they keep their place, and a
 * view keeps their row widgets. One signal for the whole span instead made
 * GTK 4.8 (gtk_list_item_manager_model_items_changed_cb) rebuild the ~200
 * rows it keeps, or, when it removed the focused or anchored row, fetch
 * every added item looking for it. With spread, the changes among the top
 * rows go over several main-loop iterations (the list is pending until
 * then); without, all at once. */
static void
dv_app_symbol_list_replace (DvAppSymbolList *self,
                            GArray          *ids,
                            gboolean         spread)
{
  GArray *old;
  guint old_n, new_n;
  const DvSymbolId *o, *n;
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (Step));
  guint i = 0, j = 0;

  dv_app_symbol_list_flush (self);
  old = self->ids;
  old_n = old->len;
  new_n = ids->len;
  o = (const DvSymbolId *) old->data;
  n = (const DvSymbolId *) ids->data;

  /* the edit script of a merge: always a correct one, minimal when sorted */
  while (i < old_n || j < new_n)
    {
      Step step;

      if (i < old_n && j < new_n && o[i] == n[j])
        {
          i++, j++;
          continue;
        }
      step.old_at = i;
      step.new_at = j;
      while ((i < old_n || j < new_n) && !(i < old_n && j < new_n && o[i] == n[j]))
        {
          if (j >= new_n || (i < old_n && o[i] < n[j]))
            i++;
          else
            j++;
        }
      step.removed = i - step.old_at;
      step.added = j - step.new_at;
      g_array_append_val (steps, step);
    }

  /* Too many: the ones nearest the top stay apart (that is where a list
   * shows a search), the rest go as one span. */
  if (steps->len > MAX_STEPS)
    {
      Step *a = &g_array_index (steps, Step, MAX_STEPS - 1);
      Step *b = &g_array_index (steps, Step, steps->len - 1);

      a->removed = b->old_at + b->removed - a->old_at;
      a->added = b->new_at + b->added - a->new_at;
      g_array_set_size (steps, MAX_STEPS);
    }

  /* From the last step to the first, so each signal's positions are those
   * of the list as it is then: the old list up to the step, the new after. */
  for (guint k = steps->len; k-- > 0;)
    add_step_emits (self->emits, &g_array_index (steps, Step, k), self->view_position);
  self->head = old;
  self->ids = g_array_ref (ids);
  self->emit_n_items = old_n != new_n;
  if (!dv_app_symbol_list_emit (self, spread ? BATCH_USEC : 0))
    {
      /* At the frame clock's priority, so a batch goes with every frame:
       * at a lower one, frames that each take longer than the next is due
       * (the rows laid out again on a big dump, the spinner turning) keep
       * the pieces from ever being sent, and the list pending. */
      self->emit_source = g_idle_add_full (GDK_PRIORITY_REDRAW, emit_idle_cb, self, NULL);
      g_source_set_name_by_id (self->emit_source, "[depview] symbol list rows");
    }
}

static void
dv_app_symbol_list_set_lookup (DvAppSymbolList    *self,
                               DvSymbolId          pick,
                               const char * const *suggestions)
{
  static const char * const none[] = { NULL };

  if (suggestions == NULL)
    suggestions = none;
  if (pick != self->pick)
    {
      self->pick = pick;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PICK]);
    }
  if (!g_strv_equal ((const char * const *) self->suggestions, suggestions))
    {
      g_strfreev (self->suggestions);
      self->suggestions = g_strdupv ((char **) suggestions);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUGGESTIONS]);
    }
}

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  DvAppSymbolList *self = DV_APP_SYMBOL_LIST (object);
  SearchResult *found = g_task_propagate_pointer (G_TASK (result), NULL);

  /* A newer search or graph replaced this one. */
  if (found == NULL || g_task_get_cancellable (G_TASK (result)) != self->search_cancellable)
    {
      if (found != NULL)
        search_result_free (found);
      return;
    }

  g_clear_object (&self->search_cancellable);
  dv_app_symbol_list_set_lookup (self, found->pick, (const char * const *) found->suggestions);
  dv_app_symbol_list_replace (self, found->ids, TRUE);
  /* else when the last rows are sent */
  if (!dv_app_symbol_list_is_pending (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
  search_result_free (found);
}

static void
dv_app_symbol_list_count_total (DvAppSymbolList *self)
{
  guint n_symbols = self->graph ? dv_graph_get_n_symbols (self->graph) : 0;
  DvSymbolId root = self->graph ? dv_graph_get_root (self->graph) : DV_SYMBOL_NONE;

  self->n_total = 0;
  for (DvSymbolId id = 0; id < n_symbols; id++)
    {
      DvSymbolKind kind = dv_graph_symbol_kind (self->graph, id);

      if (id != root &&
          (!self->hide_metadata || (kind != DV_SYMBOL_KIND_METADATA && kind != DV_SYMBOL_KIND_DWARF)))
        self->n_total++;
    }
}

static void
dv_app_symbol_list_update (DvAppSymbolList *self)
{
  gboolean was_pending = dv_app_symbol_list_is_pending (self);
  g_autoptr(GTask) task = NULL;
  SearchJob *job;

  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  /* No search, or no graph: a pass over the kinds only, done here. */
  if (self->graph == NULL || self->search[0] == '\0')
    {
      g_autoptr(GArray) ids = NULL;

      if (self->graph != NULL)
        ids = collect_ids (self->graph, "", self->hide_metadata, NULL);
      else
        ids = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));
      self->n_total = ids->len;
      keep_only (ids, NULL, self->only);
      dv_app_symbol_list_set_lookup (self, DV_SYMBOL_NONE, NULL);
      dv_app_symbol_list_replace (self, ids, TRUE);
      if (was_pending != dv_app_symbol_list_is_pending (self))
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
      return;
    }

  job = g_new0 (SearchJob, 1);
  job->graph = dv_graph_ref (self->graph);
  job->search = g_strdup (self->search);
  job->hide_metadata = self->hide_metadata;
  job->only = self->only != NULL ? g_bytes_ref (self->only) : NULL;

  self->search_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->search_cancellable, search_done_cb, NULL);
  g_task_set_source_tag (task, dv_app_symbol_list_update);
  g_task_set_name (task, "[depview] symbol search");
  g_task_set_task_data (task, job, search_job_free);
  g_task_run_in_thread (task, search_thread);

  if (!was_pending)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
}

/* GObject */

static void
dv_app_symbol_list_dispose (GObject *object)
{
  DvAppSymbolList *self = DV_APP_SYMBOL_LIST (object);

  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  /* no signals on the way out (the views may be half gone): the list stays
   * as it is, a mix of the last two, which is a list all the same */
  if (self->emit_source != 0)
    g_source_remove (self->emit_source);
  self->emit_source = 0;
  if (self->rows != NULL)
    dv_app_symbol_list_forget_rows (self);

  G_OBJECT_CLASS (dv_app_symbol_list_parent_class)->dispose (object);
}

static void
dv_app_symbol_list_finalize (GObject *object)
{
  DvAppSymbolList *self = DV_APP_SYMBOL_LIST (object);

  g_clear_pointer (&self->cost, dv_cost_free);
  g_clear_pointer (&self->graph, dv_graph_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->head, g_array_unref);
  g_clear_pointer (&self->emits, g_array_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->suggestions, g_strfreev);
  g_clear_pointer (&self->only, g_bytes_unref);

  G_OBJECT_CLASS (dv_app_symbol_list_parent_class)->finalize (object);
}

static void
dv_app_symbol_list_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DvAppSymbolList *self = DV_APP_SYMBOL_LIST (object);

  switch (prop_id)
    {
    case PROP_HIDE_METADATA:
      g_value_set_boolean (value, self->hide_metadata);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    case PROP_PENDING:
      g_value_set_boolean (value, dv_app_symbol_list_is_pending (self));
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, dv_app_symbol_list_n_shown (self));
      break;
    case PROP_PICK:
      g_value_set_uint (value, self->pick);
      break;
    case PROP_SUGGESTIONS:
      g_value_set_boxed (value, self->suggestions);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dv_app_symbol_list_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DvAppSymbolList *self = DV_APP_SYMBOL_LIST (object);

  switch (prop_id)
    {
    case PROP_HIDE_METADATA:
      dv_app_symbol_list_set_hide_metadata (self, g_value_get_boolean (value));
      break;
    case PROP_SEARCH:
      dv_app_symbol_list_set_search (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dv_app_symbol_list_class_init (DvAppSymbolListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dv_app_symbol_list_dispose;
  object_class->finalize = dv_app_symbol_list_finalize;
  object_class->get_property = dv_app_symbol_list_get_property;
  object_class->set_property = dv_app_symbol_list_set_property;

  properties[PROP_HIDE_METADATA] =
    g_param_spec_boolean ("hide-metadata", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PENDING] =
    g_param_spec_boolean ("pending", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_PICK] =
    g_param_spec_uint ("pick", NULL, NULL, 0, G_MAXUINT, DV_SYMBOL_NONE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUGGESTIONS] =
    g_param_spec_boxed ("suggestions", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dv_app_symbol_list_init (DvAppSymbolList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));
  self->emits = g_array_new (FALSE, FALSE, sizeof (Emit));
  self->view_position = G_MAXUINT;
  self->rows = g_hash_table_new (NULL, NULL);
  self->search = g_strdup ("");
  self->hide_metadata = TRUE;
  self->pick = DV_SYMBOL_NONE;
  self->suggestions = g_new0 (char *, 1);
}

DvAppSymbolList *
dv_app_symbol_list_new (void)
{
  return g_object_new (DV_APP_TYPE_SYMBOL_LIST, NULL);
}

void
dv_app_symbol_list_set_graph (DvAppSymbolList *self,
                              DvGraph         *graph)
{
  g_return_if_fail (DV_APP_IS_SYMBOL_LIST (self));

  if (graph == self->graph)
    return;

  /* Ids of the old graph mean other symbols in the new one. */
  if (self->ids->len > 0)
    {
      g_autoptr(GArray) empty = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));
      dv_app_symbol_list_replace (self, empty, FALSE);
    }
  dv_app_symbol_list_forget_rows (self);
  dv_app_symbol_list_set_lookup (self, DV_SYMBOL_NONE, NULL);
  g_clear_pointer (&self->cost, dv_cost_free);
  g_clear_pointer (&self->only, g_bytes_unref);

  if (graph != NULL)
    dv_graph_ref (graph);
  g_clear_pointer (&self->graph, dv_graph_unref);
  self->graph = graph;
  dv_app_symbol_list_count_total (self);
  dv_app_symbol_list_update (self);
}

static void
set_row_cost (gpointer key,
              gpointer value,
              gpointer data)
{
  dv_app_symbol_row_set_cost (value, data);
}

void
dv_app_symbol_list_set_cost (DvAppSymbolList *self,
                             DvCost          *cost)
{
  g_return_if_fail (DV_APP_IS_SYMBOL_LIST (self));

  if (cost != NULL && dv_cost_get_graph (cost) != self->graph)
    cost = NULL;
  if (cost == self->cost)
    return;
  if (cost != NULL)
    dv_cost_ref (cost);
  g_clear_pointer (&self->cost, dv_cost_free);
  self->cost = cost;
  /* rows alive now keep their identity (and their widgets) */
  g_hash_table_foreach (self->rows, set_row_cost, cost);
}

DvCost *
dv_app_symbol_list_get_cost (DvAppSymbolList *self)
{
  g_return_val_if_fail (DV_APP_IS_SYMBOL_LIST (self), NULL);
  return self->cost;
}

DvGraph *
dv_app_symbol_list_get_graph (DvAppSymbolList *self)
{
  g_return_val_if_fail (DV_APP_IS_SYMBOL_LIST (self), NULL);
  return self->graph;
}

void
dv_app_symbol_list_set_hide_metadata (DvAppSymbolList *self,
                                      gboolean         hide)
{
  g_return_if_fail (DV_APP_IS_SYMBOL_LIST (self));

  hide = !!hide;
  if (hide == self->hide_metadata)
    return;
  self->hide_metadata = hide;
  dv_app_symbol_list_count_total (self);
  dv_app_symbol_list_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDE_METADATA]);
}

gboolean
dv_app_symbol_list_get_hide_metadata (DvAppSymbolList *self)
{
  g_return_val_if_fail (DV_APP_IS_SYMBOL_LIST (self), FALSE);
  return self->hide_metadata;
}

void
dv_app_symbol_list_set_search (DvAppSymbolList *self,
                               const char      *search)
{
  g_return_if_fail (DV_APP_IS_SYMBOL_LIST (self));

  if (search == NULL)
    search = "";
  if (strcmp (search, self->search) == 0)
    return;
  g_free (self->search);
  self->search = g_strdup (search);
  dv_app_symbol_list_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

void
dv_app_symbol_list_set_only (DvAppSymbolList *self,
                             GBytes          *only)
{
  g_return_if_fail (DV_APP_IS_SYMBOL_LIST (self));

  if (only == self->only)
    return;
  if (only != NULL)
    g_bytes_ref (only);
  g_clear_pointer (&self->only, g_bytes_unref);
  self->only = only;
  dv_app_symbol_list_update (self);
}

GBytes *
dv_app_symbol_list_get_only (DvAppSymbolList *self)
{
  g_return_val_if_fail (DV_APP_IS_SYMBOL_LIST (self), NULL);
  return self->only;
}

const char *
dv_app_symbol_list_get_search (DvAppSymbolList *self)
{
  g_return_val_if_fail (DV_APP_IS_SYMBOL_LIST (self), NULL);
  return self->search;
}

gboolean
dv_app_symbol_list_get_pending (DvAppSymbolList *self)
{
  g_return_val_if_fail (DV_APP_IS_SYMBOL_LIST (self), FALSE);
  return dv_app_symbol_list_is_pending (self);
}

guint
dv_app_symbol_list_get_n_total (DvAppSymbolList *self)
{
  g_return_val_if_fail (DV_APP_IS_SYMBOL_LIST (self), 0);
  return self->n_total;
}

DvSymbolId
dv_app_symbol_list_get_id (DvAppSymbolList *self,
                           guint            position)
{
  g_return_val_if_fail (DV_APP_IS_SYMBOL_LIST (self), DV_SYMBOL_NONE);

  if (position >= dv_app_symbol_list_n_shown (self))
    return DV_SYMBOL_NONE;
  return dv_app_symbol_list_shown_id (self, position);
}

DvSymbolId
dv_app_symbol_list_get_pick (DvAppSymbolList *self)
{
  g_return_val_if_fail (DV_APP_IS_SYMBOL_LIST (self), DV_SYMBOL_NONE);
  return self->pick;
}

const char * const *
dv_app_symbol_list_get_suggestions (DvAppSymbolList *self)
{
  g_return_val_if_fail (DV_APP_IS_SYMBOL_LIST (self), NULL);
  return (const char * const *) self->suggestions;
}

void
dv_app_symbol_list_set_view_position (DvAppSymbolList *self,
                                      guint            position)
{
  g_return_if_fail (DV_APP_IS_SYMBOL_LIST (self));
  self->view_position = position;
}
