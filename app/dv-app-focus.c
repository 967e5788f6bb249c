/* dv-app-focus.c: the answer is made here once per focus change; the
 * widgets read it instead of each searching the graph again. The graph's
 * layout is made here too, in a GTask thread (dv-layout.c owns every
 * Graphviz call); a result that arrives after a newer request is dropped. */
#define G_LOG_DOMAIN "depview"

#include "config.h"

#include "dv-app-focus.h"
#include "dv-app-timings.h"
#include "dv-layout.h"

#define MAX_HISTORY 200

typedef struct {
  char     *name;
  gboolean  is_package;
} HistoryEntry;

struct _DvAppFocus
{
  GObject      parent_instance;

  DvGraph     *graph;
  DvSymbolId   symbol;       /* the symbol drawn */
  DvPackageId  package;      /* set when the focus is a package */
  char        *name;         /* the query of the answer */
  char        *path;         /* an unlinked package's path, which the answer borrows */
  DvWhyAnswer  answer;
  gboolean     has_answer;
  guint        n_answers;

  GArray      *history;      /* HistoryEntry */
  guint        history_pos;  /* index of the current entry */

  /* The layout request: what the graph shows around the symbol */
  GArray      *expanded;     /* DvSymbolId: nodes whose children are shown */
  GArray      *unfolded;     /* DvSymbolId: nodes whose "+N more" was opened */
  gboolean     hide_metadata;
  gboolean     unfold_startup;
  gboolean     packages;     /* the chain as packages */
  DvCost      *cost;         /* the package view's bytes, or NULL */

  DvLayout    *layout;       /* the latest, of layout_symbol */
  DvSymbolId   layout_symbol; /* what the layout (done or running) is of */
  GCancellable *cancellable; /* of the layout in flight */
  guint        generation;   /* of the latest request; older results are stale */
  gboolean     busy;
  double       layout_ms;
};

enum {
  PROP_0,
  PROP_SYMBOL,
  PROP_PACKAGE,
  PROP_BUSY,
  PROP_LAYOUT,
  PROP_HIDE_METADATA,
  PROP_CAN_GO_BACK,
  PROP_CAN_GO_FORWARD,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DvAppFocus, dv_app_focus, G_TYPE_OBJECT)

/* ---- The layout job ---- */

typedef struct {
  DvGraph         *graph;
  DvLayoutRequest  request;
  guint            generation;
  double           layout_ms;
} LayoutJob;

static void
layout_job_free (gpointer data)
{
  LayoutJob *job = data;

  dv_graph_unref (job->graph);
  dv_app_focus_request_clear (&job->request);
  g_free (job);
}

static void
set_busy (DvAppFocus *self,
          gboolean    busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Takes layout. */
static void
set_layout (DvAppFocus *self,
            DvLayout   *layout)
{
  DvLayout *old = self->layout;

  if (layout == NULL && old == NULL)
    return;
  self->layout = layout;
  /* freed after the notify: its handlers may still hold the old pointer */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYOUT]);
  dv_layout_free (old);
}

static void
layout_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  LayoutJob *job = task_data;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(DvLayout) layout = NULL;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  layout = dv_layout_build (job->graph, &job->request);
  if (layout == NULL)
    {
      g_task_return_new_error (task, DV_LAYOUT_ERROR, DV_LAYOUT_ERROR_NO_SYMBOL,
                               "Symbol %u is not in the graph", job->request.focus);
      return;
    }
  /* A newer request is waiting: give Graphviz to it. */
  if (g_task_return_error_if_cancelled (task))
    return;
  if (!dv_layout_compute (layout, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  job->layout_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_task_return_pointer (task, g_steal_pointer (&layout), (GDestroyNotify) dv_layout_free);
}

static void
layout_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  DvAppFocus *self = DV_APP_FOCUS (source);
  LayoutJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  DvLayout *layout = g_task_propagate_pointer (G_TASK (result), &error);

  if (job->generation != self->generation)
    {
      g_debug ("focus: dropped a stale layout");
      dv_layout_free (layout);
      return;
    }
  g_clear_object (&self->cancellable);
  if (layout == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not lay out the graph: %s", error->message);
  self->layout_ms = job->layout_ms;
  /* not busy by the time the layout is announced, as the graph view was */
  set_busy (self, FALSE);
  set_layout (self, layout);
}

static void
request_layout (DvAppFocus *self)
{
  g_autoptr(GTask) task = NULL;
  LayoutJob *job;

  self->generation++;
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
  self->layout_symbol = self->symbol;
  if (self->graph == NULL || self->symbol == DV_SYMBOL_NONE)
    {
      set_layout (self, NULL);
      set_busy (self, FALSE);
      return;
    }

  job = g_new0 (LayoutJob, 1);
  job->graph = dv_graph_ref (self->graph);
  dv_app_focus_get_request (self, &job->request);
  job->generation = self->generation;
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, layout_done_cb, NULL);
  g_task_set_source_tag (task, request_layout);
  g_task_set_task_data (task, job, layout_job_free);
  g_task_run_in_thread (task, layout_thread);
  set_busy (self, TRUE);
}

/* After a change of the focus: a new symbol starts from the default view;
 * the same symbol again (a package whose code is that symbol, a reload's
 * refocus of the old layout's symbol is not this: the graph changed) keeps
 * what was opened. */
static void
refresh_layout (DvAppFocus *self)
{
  if (self->symbol == self->layout_symbol && self->symbol != DV_SYMBOL_NONE &&
      (self->layout != NULL || self->busy))
    return;
  g_array_set_size (self->expanded, 0);
  g_array_set_size (self->unfolded, 0);
  self->unfold_startup = FALSE;
  request_layout (self);
}

static void
toggle_symbol (GArray     *set,
               DvSymbolId  symbol)
{
  for (guint i = 0; i < set->len; i++)
    if (g_array_index (set, DvSymbolId, i) == symbol)
      {
        g_array_remove_index (set, i);
        return;
      }
  g_array_append_val (set, symbol);
}

static void
history_entry_clear (gpointer data)
{
  HistoryEntry *entry = data;

  g_free (entry->name);
}

static void
dv_app_focus_reset (DvAppFocus *self)
{
  if (self->has_answer)
    dv_why_answer_clear (&self->answer);
  memset (&self->answer, 0, sizeof self->answer);
  self->has_answer = FALSE;
  self->symbol = DV_SYMBOL_NONE;
  self->package = DV_PACKAGE_NONE;
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->path, g_free);
}

static void
dv_app_focus_notify_all (DvAppFocus *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYMBOL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PACKAGE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_FORWARD]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
dv_app_focus_record_history (DvAppFocus *self)
{
  HistoryEntry entry;
  gboolean is_package;
  const char *name = dv_app_focus_get_name (self, &is_package);

  if (name == NULL)
    return;

  if (self->history->len > 0)
    {
      HistoryEntry *current = &g_array_index (self->history, HistoryEntry, self->history_pos);

      if (current->is_package == is_package && g_strcmp0 (current->name, name) == 0)
        return;
      /* Going somewhere new drops the forward entries, as in a browser. */
      g_array_set_size (self->history, self->history_pos + 1);
    }

  entry.name = g_strdup (name);
  entry.is_package = is_package;
  g_array_append_val (self->history, entry);
  if (self->history->len > MAX_HISTORY)
    g_array_remove_index (self->history, 0);
  self->history_pos = self->history->len - 1;
}

void
dv_app_focus_show_lookup (DvAppFocus     *self,
                          const DvLookup *lookup,
                          gboolean        record)
{
  DvLookup own = *lookup;
  gint64 started;

  g_return_if_fail (DV_APP_IS_FOCUS (self));
  g_return_if_fail (self->graph != NULL);
  g_return_if_fail (lookup->kind == DV_LOOKUP_SYMBOL || lookup->kind == DV_LOOKUP_PACKAGE ||
                    lookup->kind == DV_LOOKUP_INLINED || lookup->kind == DV_LOOKUP_UNLINKED_PACKAGE);

  dv_app_focus_reset (self);

  switch (lookup->kind)
    {
    case DV_LOOKUP_SYMBOL:
    case DV_LOOKUP_INLINED:
      self->name = g_strdup (dv_graph_symbol_name (self->graph, lookup->symbol));
      break;
    case DV_LOOKUP_PACKAGE:
      self->name = g_strdup (dv_graph_package_name (self->graph, lookup->package));
      break;
    case DV_LOOKUP_UNLINKED_PACKAGE:
    default:
      self->path = g_strdup (lookup->path);
      self->name = g_strdup (lookup->path);
      own.path = self->path;
      break;
    }

  started = g_get_monotonic_time ();
  dv_why_answer_init (&self->answer, self->graph, self->name, &own);
  self->has_answer = TRUE;
  self->n_answers++;
  dv_app_timings_mark ("answer for %s made in %.1f ms", self->name,
                       (g_get_monotonic_time () - started) / 1000.0);

  if (lookup->kind == DV_LOOKUP_PACKAGE)
    {
      self->package = lookup->package;
      /* the graph shows which code uses it, when its code is reached other
       * than through its own initialisation */
      if (self->answer.code_chain != NULL)
        self->symbol = self->answer.code_target;
      else if (self->answer.chain != NULL)
        self->symbol = self->answer.target;
    }
  else if (lookup->kind == DV_LOOKUP_SYMBOL)
    self->symbol = lookup->symbol;

  /* an answer with no chain (inlined, not linked) has nothing to draw and
   * is no place to come back to */
  if (record && (lookup->kind == DV_LOOKUP_SYMBOL || lookup->kind == DV_LOOKUP_PACKAGE))
    dv_app_focus_record_history (self);

  dv_app_focus_notify_all (self);
  /* the layout thread starts before the handlers of "changed" run */
  refresh_layout (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
dv_app_focus_show_symbol (DvAppFocus *self,
                          DvSymbolId  symbol,
                          gboolean    record)
{
  DvLookup lookup = { 0 };

  g_return_if_fail (DV_APP_IS_FOCUS (self));
  g_return_if_fail (self->graph != NULL && symbol < dv_graph_get_n_symbols (self->graph));

  lookup.kind = DV_LOOKUP_SYMBOL;
  lookup.symbol = symbol;
  lookup.package = DV_PACKAGE_NONE;
  lookup.how = "exact";
  dv_app_focus_show_lookup (self, &lookup, record);
}

void
dv_app_focus_show_package (DvAppFocus  *self,
                           DvPackageId  package,
                           gboolean     record)
{
  DvLookup lookup = { 0 };

  g_return_if_fail (DV_APP_IS_FOCUS (self));
  g_return_if_fail (self->graph != NULL && package < dv_graph_get_n_packages (self->graph));

  lookup.kind = DV_LOOKUP_PACKAGE;
  lookup.symbol = DV_SYMBOL_NONE;
  lookup.package = package;
  lookup.how = "package";
  dv_app_focus_show_lookup (self, &lookup, record);
}

gboolean
dv_app_focus_show_name (DvAppFocus *self,
                        const char *name,
                        gboolean    is_package,
                        gboolean    record)
{
  g_return_val_if_fail (DV_APP_IS_FOCUS (self), FALSE);

  if (self->graph == NULL || name == NULL)
    return FALSE;

  if (is_package)
    {
      DvPackageId package = dv_graph_find_package (self->graph, name);

      if (package == DV_PACKAGE_NONE)
        return FALSE;
      dv_app_focus_show_package (self, package, record);
    }
  else
    {
      DvSymbolId symbol = dv_graph_find_symbol (self->graph, name, -1);

      if (symbol == DV_SYMBOL_NONE)
        return FALSE;
      dv_app_focus_show_symbol (self, symbol, record);
    }
  return TRUE;
}

void
dv_app_focus_clear (DvAppFocus *self)
{
  g_return_if_fail (DV_APP_IS_FOCUS (self));

  dv_app_focus_reset (self);
  dv_app_focus_notify_all (self);
  refresh_layout (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
dv_app_focus_set_graph (DvAppFocus *self,
                        DvGraph    *graph,
                        gboolean    keep_history)
{
  g_return_if_fail (DV_APP_IS_FOCUS (self));

  dv_app_focus_reset (self);
  if (graph != NULL)
    dv_graph_ref (graph);
  g_clear_pointer (&self->graph, dv_graph_unref);
  self->graph = graph;
  if (!keep_history)
    {
      g_array_set_size (self->history, 0);
      self->history_pos = 0;
    }
  g_array_set_size (self->expanded, 0);
  g_array_set_size (self->unfolded, 0);
  self->unfold_startup = FALSE;
  request_layout (self);
  dv_app_focus_notify_all (self);
}

DvGraph *
dv_app_focus_get_graph (DvAppFocus *self)
{
  g_return_val_if_fail (DV_APP_IS_FOCUS (self), NULL);
  return self->graph;
}

DvSymbolId
dv_app_focus_get_symbol (DvAppFocus *self)
{
  g_return_val_if_fail (DV_APP_IS_FOCUS (self), DV_SYMBOL_NONE);
  return self->symbol;
}

DvPackageId
dv_app_focus_get_package (DvAppFocus *self)
{
  g_return_val_if_fail (DV_APP_IS_FOCUS (self), DV_PACKAGE_NONE);
  return self->package;
}

/* The names the history and a reload find again: a symbol drawn or a
 * package asked about, not an answer with no chain. */
const char *
dv_app_focus_get_name (DvAppFocus *self,
                       gboolean   *is_package)
{
  g_return_val_if_fail (DV_APP_IS_FOCUS (self), NULL);

  *is_package = FALSE;
  if (self->graph == NULL)
    return NULL;
  if (self->package != DV_PACKAGE_NONE)
    {
      *is_package = TRUE;
      return dv_graph_package_name (self->graph, self->package);
    }
  if (self->symbol != DV_SYMBOL_NONE)
    return dv_graph_symbol_name (self->graph, self->symbol);
  return NULL;
}

const DvWhyAnswer *
dv_app_focus_get_answer (DvAppFocus *self)
{
  g_return_val_if_fail (DV_APP_IS_FOCUS (self), NULL);
  return self->has_answer ? &self->answer : NULL;
}

gboolean
dv_app_focus_get_busy (DvAppFocus *self)
{
  g_return_val_if_fail (DV_APP_IS_FOCUS (self), FALSE);
  return self->busy;
}

const DvLayout *
dv_app_focus_get_layout (DvAppFocus *self)
{
  g_return_val_if_fail (DV_APP_IS_FOCUS (self), NULL);
  return self->layout;
}

double
dv_app_focus_get_layout_ms (DvAppFocus *self)
{
  g_return_val_if_fail (DV_APP_IS_FOCUS (self), 0);
  return self->layout_ms;
}

void
dv_app_focus_get_request (DvAppFocus      *self,
                          DvLayoutRequest *request)
{
  g_return_if_fail (DV_APP_IS_FOCUS (self));

  dv_layout_request_init (request, self->symbol);
  request->expanded = g_memdup2 (self->expanded->data, self->expanded->len * sizeof (DvSymbolId));
  request->n_expanded = self->expanded->len;
  request->unfolded = g_memdup2 (self->unfolded->data, self->unfolded->len * sizeof (DvSymbolId));
  request->n_unfolded = self->unfolded->len;
  request->hide_metadata = self->hide_metadata;
  request->unfold_startup = self->unfold_startup;
  request->packages = self->packages;
  /* a reference: the request goes to a thread */
  request->cost = self->cost != NULL && dv_cost_get_graph (self->cost) == self->graph
                  ? dv_cost_ref (self->cost) : NULL;
}

void
dv_app_focus_request_clear (DvLayoutRequest *request)
{
  g_clear_pointer ((gpointer *) &request->expanded, g_free);
  g_clear_pointer ((gpointer *) &request->unfolded, g_free);
  request->n_expanded = request->n_unfolded = 0;
  if (request->cost != NULL)
    dv_cost_free ((DvCost *) request->cost);
  request->cost = NULL;
}

void
dv_app_focus_set_packages (DvAppFocus *self,
                           gboolean    packages)
{
  g_return_if_fail (DV_APP_IS_FOCUS (self));
  packages = !!packages;
  if (packages == self->packages)
    return;
  self->packages = packages;
  /* what was opened in one view means nothing in the other */
  g_array_set_size (self->expanded, 0);
  g_array_set_size (self->unfolded, 0);
  if (self->symbol != DV_SYMBOL_NONE)
    request_layout (self);
}

gboolean
dv_app_focus_get_packages (DvAppFocus *self)
{
  g_return_val_if_fail (DV_APP_IS_FOCUS (self), FALSE);
  return self->packages;
}

void
dv_app_focus_set_cost (DvAppFocus *self,
                       DvCost     *cost)
{
  g_return_if_fail (DV_APP_IS_FOCUS (self));
  if (cost == self->cost)
    return;
  if (cost != NULL)
    dv_cost_ref (cost);
  g_clear_pointer (&self->cost, dv_cost_free);
  self->cost = cost;
  if (self->packages && self->symbol != DV_SYMBOL_NONE)
    request_layout (self);
}

void
dv_app_focus_toggle_expanded (DvAppFocus *self,
                              DvSymbolId  symbol)
{
  g_return_if_fail (DV_APP_IS_FOCUS (self));
  toggle_symbol (self->expanded, symbol);
  request_layout (self);
}

void
dv_app_focus_toggle_unfolded (DvAppFocus *self,
                              DvSymbolId  symbol)
{
  g_return_if_fail (DV_APP_IS_FOCUS (self));
  toggle_symbol (self->unfolded, symbol);
  request_layout (self);
}

void
dv_app_focus_set_unfold_startup (DvAppFocus *self,
                                 gboolean    unfold)
{
  g_return_if_fail (DV_APP_IS_FOCUS (self));
  unfold = !!unfold;
  if (unfold == self->unfold_startup)
    return;
  self->unfold_startup = unfold;
  request_layout (self);
}

gboolean
dv_app_focus_get_unfold_startup (DvAppFocus *self)
{
  g_return_val_if_fail (DV_APP_IS_FOCUS (self), FALSE);
  return self->unfold_startup;
}

void
dv_app_focus_set_hide_metadata (DvAppFocus *self,
                                gboolean    hide)
{
  g_return_if_fail (DV_APP_IS_FOCUS (self));
  hide = !!hide;
  if (hide == self->hide_metadata)
    return;
  self->hide_metadata = hide;
  if (self->symbol != DV_SYMBOL_NONE)
    request_layout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDE_METADATA]);
}

gboolean
dv_app_focus_get_hide_metadata (DvAppFocus *self)
{
  g_return_val_if_fail (DV_APP_IS_FOCUS (self), FALSE);
  return self->hide_metadata;
}

gboolean
dv_app_focus_can_go_back (DvAppFocus *self)
{
  g_return_val_if_fail (DV_APP_IS_FOCUS (self), FALSE);
  return self->graph != NULL && self->history->len > 0 && self->history_pos > 0;
}

gboolean
dv_app_focus_can_go_forward (DvAppFocus *self)
{
  g_return_val_if_fail (DV_APP_IS_FOCUS (self), FALSE);
  return self->graph != NULL && self->history->len > 0 && self->history_pos + 1 < self->history->len;
}

static gboolean
dv_app_focus_go_to_history (DvAppFocus *self,
                            guint       pos)
{
  HistoryEntry *entry = &g_array_index (self->history, HistoryEntry, pos);
  g_autofree char *name = g_strdup (entry->name);
  gboolean is_package = entry->is_package;
  guint old_pos = self->history_pos;

  /* set first: "changed" handlers see where the history stands */
  self->history_pos = pos;
  if (!dv_app_focus_show_name (self, name, is_package, FALSE))
    {
      self->history_pos = old_pos;
      return FALSE;
    }
  return TRUE;
}

gboolean
dv_app_focus_go_back (DvAppFocus *self)
{
  g_return_val_if_fail (DV_APP_IS_FOCUS (self), FALSE);

  /* Skip entries whose name left the dump after a reload. */
  for (guint pos = self->history_pos; pos > 0; pos--)
    if (dv_app_focus_go_to_history (self, pos - 1))
      return TRUE;
  return FALSE;
}

gboolean
dv_app_focus_go_forward (DvAppFocus *self)
{
  g_return_val_if_fail (DV_APP_IS_FOCUS (self), FALSE);

  for (guint pos = self->history_pos + 1; pos < self->history->len; pos++)
    if (dv_app_focus_go_to_history (self, pos))
      return TRUE;
  return FALSE;
}

guint
dv_app_focus_get_n_answers (DvAppFocus *self)
{
  g_return_val_if_fail (DV_APP_IS_FOCUS (self), 0);
  return self->n_answers;
}

/* GObject */

static void
dv_app_focus_dispose (GObject *object)
{
  DvAppFocus *self = DV_APP_FOCUS (object);

  /* a layout still running holds a ref on the task, not on this */
  self->generation++;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (dv_app_focus_parent_class)->dispose (object);
}

static void
dv_app_focus_finalize (GObject *object)
{
  DvAppFocus *self = DV_APP_FOCUS (object);

  dv_app_focus_reset (self);
  g_clear_pointer (&self->layout, dv_layout_free);
  g_clear_pointer (&self->expanded, g_array_unref);
  g_clear_pointer (&self->unfolded, g_array_unref);
  g_clear_pointer (&self->graph, dv_graph_unref);
  g_clear_pointer (&self->cost, dv_cost_free);
  g_clear_pointer (&self->history, g_array_unref);

  G_OBJECT_CLASS (dv_app_focus_parent_class)->finalize (object);
}

static void
dv_app_focus_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DvAppFocus *self = DV_APP_FOCUS (object);

  switch (prop_id)
    {
    case PROP_SYMBOL:
      g_value_set_uint (value, self->symbol);
      break;
    case PROP_PACKAGE:
      g_value_set_uint (value, self->package);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, dv_app_focus_get_busy (self));
      break;
    case PROP_LAYOUT:
      g_value_set_pointer (value, self->layout);
      break;
    case PROP_HIDE_METADATA:
      g_value_set_boolean (value, self->hide_metadata);
      break;
    case PROP_CAN_GO_BACK:
      g_value_set_boolean (value, dv_app_focus_can_go_back (self));
      break;
    case PROP_CAN_GO_FORWARD:
      g_value_set_boolean (value, dv_app_focus_can_go_forward (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dv_app_focus_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  DvAppFocus *self = DV_APP_FOCUS (object);

  switch (prop_id)
    {
    case PROP_HIDE_METADATA:
      dv_app_focus_set_hide_metadata (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dv_app_focus_class_init (DvAppFocusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = dv_app_focus_dispose;
  object_class->finalize = dv_app_focus_finalize;
  object_class->get_property = dv_app_focus_get_property;
  object_class->set_property = dv_app_focus_set_property;

  properties[PROP_SYMBOL] = g_param_spec_uint ("symbol", NULL, NULL, 0, G_MAXUINT, DV_SYMBOL_NONE, flags);
  properties[PROP_PACKAGE] = g_param_spec_uint ("package", NULL, NULL, 0, G_MAXUINT, DV_PACKAGE_NONE, flags);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  properties[PROP_LAYOUT] = g_param_spec_pointer ("layout", NULL, NULL, flags);
  properties[PROP_HIDE_METADATA] =
    g_param_spec_boolean ("hide-metadata", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_GO_BACK] = g_param_spec_boolean ("can-go-back", NULL, NULL, FALSE, flags);
  properties[PROP_CAN_GO_FORWARD] = g_param_spec_boolean ("can-go-forward", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dv_app_focus_init (DvAppFocus *self)
{
  self->symbol = DV_SYMBOL_NONE;
  self->package = DV_PACKAGE_NONE;
  self->layout_symbol = DV_SYMBOL_NONE;
  self->expanded = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));
  self->unfolded = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));
  self->history = g_array_new (FALSE, TRUE, sizeof (HistoryEntry));
  g_array_set_clear_func (self->history, history_entry_clear);
}

DvAppFocus *
dv_app_focus_new (void)
{
  return g_object_new (DV_APP_TYPE_FOCUS, NULL);
}
