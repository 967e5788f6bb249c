/* dv-app-reflect-view.c: see dv-app-reflect-view.h. */
#define G_LOG_DOMAIN "depview"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dv-app-reflect-view.h"
#include "dv-app-view-item.h"

struct _DvAppReflectView
{
  DvAppAnswerView  parent_instance;

  GtkListView     *list;

  DvGraph         *graph;
  DvCost          *cost;

  gboolean         has_report;
  DvReflectReport  report;
  guint64          kept_bytes;
  GListStore      *items;
};

enum {
  SYMBOL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DvAppReflectView, dv_app_reflect_view, DV_APP_TYPE_ANSWER_VIEW)

/* ---------------------------------------------------------------------- */
/* The worker */

typedef struct {
  DvGraph *graph;
  DvCost  *cost;
} ReflectJob;

typedef struct {
  DvReflectReport report;
  GPtrArray      *chains;      /* GArray of DvChainStep (or NULL), one per culprit */
  guint64         kept_bytes;
} ReflectResult;

static void
reflect_job_free (gpointer data)
{
  ReflectJob *job = data;

  dv_graph_unref (job->graph);
  g_clear_pointer (&job->cost, dv_cost_free);
  g_free (job);
}

static void
reflect_result_free (gpointer data)
{
  ReflectResult *r = data;

  dv_reflect_report_clear (&r->report);
  g_clear_pointer (&r->chains, g_ptr_array_unref);
  g_free (r);
}

static void
chain_free (gpointer chain)
{
  if (chain != NULL)
    g_array_unref (chain);
}

static void
reflect_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  ReflectJob *job = data;
  ReflectResult *r = g_new0 (ReflectResult, 1);

  /* every method, not a few examples: their bytes are the cost */
  dv_reflect_report_compute (job->graph, G_MAXUINT, &r->report);
  r->chains = g_ptr_array_new_with_free_func (chain_free);
  for (guint i = 0; i < r->report.culprits->len; i++)
    g_ptr_array_add (r->chains, dv_why_symbol (job->graph,
                                               g_array_index (r->report.culprits, DvReflectCulprit, i).symbol));
  if (job->cost != NULL)
    for (guint i = 0; i < r->report.kept_by_type->len; i++)
      r->kept_bytes += dv_cost_symbol_size (job->cost, g_array_index (r->report.kept_by_type, DvSymbolId, i));
  if (g_task_return_error_if_cancelled (task))
    reflect_result_free (r);
  else
    g_task_return_pointer (task, r, reflect_result_free);
}

/* ---------------------------------------------------------------------- */

static void
set_heading (DvAppReflectView *self,
             char             *text,
             char             *subtitle)
{
  dv_app_answer_view_set_heading (DV_APP_ANSWER_VIEW (self), text, subtitle);
}

static void
clear_answer (DvAppReflectView *self)
{
  if (self->has_report)
    dv_reflect_report_clear (&self->report);
  self->has_report = FALSE;
  self->kept_bytes = 0;
  g_list_store_remove_all (self->items);
}

/* The headline, in the words of the core's `depview-cli reflect`. */
static void
describe (DvAppReflectView *self)
{
  const DvReflectReport *r = &self->report;
  const char *name, *via, *rule;
  guint n = r->culprits->len;

  if (r->determinable && n == 0)
    {
      set_heading (self, g_strdup (_("No function disables dead-code elimination of methods: no reachable function is marked <ReflectMethod>.")),
                   NULL);
      return;
    }
  if (!r->determinable)
    {
      char *more = n == 0
        ? g_strdup (_("No function calls reflect.Value.Method or MethodByName."))
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u candidate, calling reflect's Method or MethodByName (any call counts before Go 1.22, constant names too).",
                                        "%u candidates, calling reflect's Method or MethodByName (any call counts before Go 1.22, constant names too).",
                                        n),
                           n);
      set_heading (self, g_strdup (_("The culprit cannot be proven from this dump: it marks no function <ReflectMethod> (Go before 1.21), and a call of reflect.Type.Method or MethodByName through the interface leaves no line.")),
                   more);
      return;
    }
  if (r->certain == G_MAXUINT)
    {
      set_heading (self, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "%u function is marked <ReflectMethod> or calls a marked function.",
                                                       "%u functions are marked <ReflectMethod> or call a marked function.",
                                                       n),
                                          n),
                   NULL);
      return;
    }
  name = dv_graph_symbol_name (self->graph, g_array_index (r->culprits, DvReflectCulprit, r->certain).symbol);
  rule = _("Removing a culprit frees the methods kept only through type descriptors only when no other culprit stays live; culprits reached only through such methods go with them, unless an interface call keeps those methods.");
  via = dv_graph_symbol_name (self->graph, g_array_index (r->culprits, DvReflectCulprit, r->certain).via);
  set_heading (self,
               strcmp (name, via) == 0
               ? g_strdup_printf (_("%s keeps every exported method alive: it is the first function the linker marked <ReflectMethod>."), name)
               : g_strdup_printf (_("%s keeps every exported method alive: it calls %s, the first function the linker marked <ReflectMethod>."), name, via),
               n > 1 ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%u other is marked <ReflectMethod> or calls a marked function. %s",
                                                     "%u others are marked <ReflectMethod> or call a marked function. %s",
                                                     n - 1),
                                        n - 1, rule)
                     : g_strdup (rule));
}

/* What removing the culprit would take with it and free, for its row:
 * the methods kept only through type descriptors are one list for all of
 * them (the linker keeps every one while any culprit stays), shown below. */
static void
append_removal (DvAppReflectView      *self,
                GString               *detail,
                const DvReflectCulprit *c)
{
  const DvReflectReport *r = &self->report;
  guint n_dominated = c->dominated ? c->dominated->len : 0;
  g_autofree char *bytes = self->cost != NULL ? g_format_size (self->kept_bytes) : NULL;
  g_autofree char *methods = NULL;

  if (detail->len)
    g_string_append (detail, " · ");
  if (n_dominated > 0)
    {
      g_string_append_printf (detail, g_dngettext (GETTEXT_PACKAGE,
                                                   "takes %u other culprit with it",
                                                   "takes %u other culprits with it",
                                                   n_dominated),
                              n_dominated);
      g_string_append (detail, " · ");
    }
  if (bytes != NULL)
    methods = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "the %u method below (%s)",
                                            "the %u methods below (%s)",
                                            r->n_kept_by_type),
                               r->n_kept_by_type, bytes);
  else
    methods = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "the %u method below",
                                            "the %u methods below",
                                            r->n_kept_by_type),
                               r->n_kept_by_type);
  switch (c->frees)
    {
    case DV_REFLECT_FREES_METHODS:
      /* TRANSLATORS: %s is "the 12 methods below (3.4 MB)" */
      g_string_append_printf (detail, _("frees %s"), methods);
      break;
    case DV_REFLECT_FREES_UNLESS_INTERFACE:
      /* TRANSLATORS: %s is "the 12 methods below (3.4 MB)"; %u the culprits
       * left, reached only through methods that type descriptors keep */
      g_string_append_printf (detail, g_dngettext (GETTEXT_PACKAGE,
                                                   "frees %s unless an interface call keeps the %u left",
                                                   "frees %s unless an interface call keeps the %u left",
                                                   c->n_remaining),
                              methods, c->n_remaining);
      break;
    case DV_REFLECT_FREES_NOTHING:
    default:
      if (c->n_remaining_direct > 0)
        g_string_append_printf (detail, g_dngettext (GETTEXT_PACKAGE,
                                                     "frees nothing while %u other culprit stays live",
                                                     "frees nothing while %u other culprits stay live",
                                                     c->n_remaining_direct),
                                c->n_remaining_direct);
      else
        g_string_append_printf (detail, _("frees nothing while %s stays live"),
                                dv_graph_symbol_name (self->graph, c->stays));
      break;
    }
  if (!r->determinable)
    g_string_append_printf (detail, " (%s)", _("were the candidates the only culprits"));
}

static void
reflect_done (DvAppAnswerView *view,
              gpointer         result,
              gpointer         job)
{
  DvAppReflectView *self = DV_APP_REFLECT_VIEW (view);
  ReflectResult *r = result;
  const DvReflectReport *report;

  self->report = r->report;
  memset (&r->report, 0, sizeof r->report);
  self->has_report = TRUE;
  self->kept_bytes = r->kept_bytes;
  report = &self->report;
  describe (self);

  for (guint i = 0; i < report->culprits->len; i++)
    {
      DvReflectCulprit *c = &g_array_index (report->culprits, DvReflectCulprit, i);
      g_autoptr(GListStore) chain = g_list_store_new (DV_APP_TYPE_VIEW_ITEM);
      g_autoptr(DvAppViewItem) item = NULL;
      GString *detail = g_string_new (NULL);

      if (c->certain)
        g_string_append (detail, _("certain: marked first"));
      else if (!report->determinable)
        g_string_append (detail, _("candidate"));
      if (c->via != c->symbol)
        {
          if (detail->len)
            g_string_append (detail, " · ");
          g_string_append_printf (detail, _("calls %s"), dv_graph_symbol_name (self->graph, c->via));
        }
      if (c->std)
        {
          if (detail->len)
            g_string_append (detail, " · ");
          g_string_append (detail, _("standard library"));
        }
      append_removal (self, detail, c);
      item = dv_app_view_item_new_symbol (self->graph, NULL, c->symbol, detail->len ? detail->str : NULL);
      dv_app_view_append_chain (chain, self->graph, self->cost, g_ptr_array_index (r->chains, i), 0);
      dv_app_view_item_set_children (item, G_LIST_MODEL (chain));
      g_list_store_append (self->items, item);
      g_string_free (detail, TRUE);
    }
  if (report->n_kept_by_type > 0)
    {
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u method", "%u methods",
                                                             report->n_kept_by_type),
                                                report->n_kept_by_type);
      g_autoptr(DvAppViewItem) kept = dv_app_view_item_new (DV_APP_VIEW_ITEM_HEADING,
                                                            _("Methods kept only through type descriptors, as when method elimination is off"),
                                                            count);
      if (self->cost != NULL)
        dv_app_view_item_set_bytes (kept, self->kept_bytes);
      dv_app_view_item_set_lazy_symbols (kept, self->graph, self->cost, report->kept_by_type);
      g_list_store_append (self->items, kept);
    }

  reflect_result_free (r);
}

static void
start (DvAppReflectView *self)
{
  ReflectJob *job = g_new0 (ReflectJob, 1);

  clear_answer (self);
  job->graph = dv_graph_ref (self->graph);
  job->cost = self->cost ? dv_cost_ref (self->cost) : NULL;
  dv_app_answer_view_run (DV_APP_ANSWER_VIEW (self), "[depview] reflect", reflect_thread, job, reflect_job_free,
                          reflect_done);
  set_heading (self, g_strdup (_("Looking for the functions that keep every exported method…")), NULL);
}

/* ---------------------------------------------------------------------- */

static void
activate_cb (GtkListView *list,
             guint        position,
             gpointer     data)
{
  DvAppReflectView *self = data;
  DvAppViewItem *item = dv_app_view_list_activate (list, position);

  if (item != NULL && dv_app_view_item_get_kind (item) == DV_APP_VIEW_ITEM_SYMBOL)
    g_signal_emit (self, signals[SYMBOL_ACTIVATED], 0, dv_app_view_item_get_symbol (item));
}

static void
dv_app_reflect_view_finalize (GObject *object)
{
  DvAppReflectView *self = DV_APP_REFLECT_VIEW (object);

  clear_answer (self);
  g_clear_object (&self->items);
  g_clear_pointer (&self->cost, dv_cost_free);
  g_clear_pointer (&self->graph, dv_graph_unref);
  G_OBJECT_CLASS (dv_app_reflect_view_parent_class)->finalize (object);
}

static void
dv_app_reflect_view_class_init (DvAppReflectViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = dv_app_reflect_view_finalize;

  /* A culprit or a step of its chain was activated: (guint) its DvSymbolId. */
  signals[SYMBOL_ACTIVATED] = g_signal_new ("symbol-activated", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "reflectview");
}

static void
dv_app_reflect_view_init (DvAppReflectView *self)
{
  self->items = g_list_store_new (DV_APP_TYPE_VIEW_ITEM);
  self->list = dv_app_answer_view_add_list (DV_APP_ANSWER_VIEW (self),
                                            _("Functions that keep every exported method, and the methods kept"),
                                            G_LIST_MODEL (self->items));
  g_signal_connect (self->list, "activate", G_CALLBACK (activate_cb), self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reflection: who disables method elimination"), -1);
}

GtkWidget *
dv_app_reflect_view_new (void)
{
  return g_object_new (DV_APP_TYPE_REFLECT_VIEW, NULL);
}

void
dv_app_reflect_view_set_graph (DvAppReflectView *self,
                               DvGraph          *graph,
                               DvCost           *cost)
{
  g_return_if_fail (DV_APP_IS_REFLECT_VIEW (self));
  g_return_if_fail (cost == NULL || dv_cost_get_graph (cost) == graph);

  dv_app_answer_view_cancel (DV_APP_ANSWER_VIEW (self));
  clear_answer (self);
  set_heading (self, NULL, NULL);
  g_clear_pointer (&self->graph, dv_graph_unref);
  g_clear_pointer (&self->cost, dv_cost_free);
  self->cost = cost ? dv_cost_ref (cost) : NULL;
  if (graph == NULL)
    return;
  self->graph = dv_graph_ref (graph);
  start (self);
}

gboolean
dv_app_reflect_view_get_busy (DvAppReflectView *self)
{
  return dv_app_answer_view_get_busy (DV_APP_ANSWER_VIEW (self));
}

const DvReflectReport *
dv_app_reflect_view_get_report (DvAppReflectView *self)
{
  return self->has_report ? &self->report : NULL;
}

gboolean
dv_app_reflect_view_get_kept_bytes (DvAppReflectView *self,
                                    guint64          *bytes)
{
  if (bytes != NULL)
    *bytes = self->kept_bytes;
  return self->has_report && self->cost != NULL;
}

const char *
dv_app_reflect_view_get_heading (DvAppReflectView *self)
{
  return dv_app_answer_view_get_heading (DV_APP_ANSWER_VIEW (self));
}

GListModel *
dv_app_reflect_view_get_items (DvAppReflectView *self)
{
  return G_LIST_MODEL (self->items);
}

GtkListView *
dv_app_reflect_view_get_list (DvAppReflectView *self)
{
  return self->list;
}
