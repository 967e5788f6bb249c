/* dv-app-focus.c: the answer is made here once per focus change; the
 * widgets read it instead of each searching the graph again. */
#define G_LOG_DOMAIN "depview"

#include "config.h"

#include "dv-app-focus.h"
#include "dv-app-timings.h"

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
};

enum {
  PROP_0,
  PROP_SYMBOL,
  PROP_PACKAGE,
  PROP_BUSY,
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

/* No work runs in the background yet: see the header. */
gboolean
dv_app_focus_get_busy (DvAppFocus *self)
{
  g_return_val_if_fail (DV_APP_IS_FOCUS (self), FALSE);
  return FALSE;
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
dv_app_focus_finalize (GObject *object)
{
  DvAppFocus *self = DV_APP_FOCUS (object);

  dv_app_focus_reset (self);
  g_clear_pointer (&self->graph, dv_graph_unref);
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
dv_app_focus_class_init (DvAppFocusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dv_app_focus_finalize;
  object_class->get_property = dv_app_focus_get_property;

  properties[PROP_SYMBOL] = g_param_spec_uint ("symbol", NULL, NULL, 0, G_MAXUINT, DV_SYMBOL_NONE, flags);
  properties[PROP_PACKAGE] = g_param_spec_uint ("package", NULL, NULL, 0, G_MAXUINT, DV_PACKAGE_NONE, flags);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
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
  self->history = g_array_new (FALSE, TRUE, sizeof (HistoryEntry));
  g_array_set_clear_func (self->history, history_entry_clear);
}

DvAppFocus *
dv_app_focus_new (void)
{
  return g_object_new (DV_APP_TYPE_FOCUS, NULL);
}
