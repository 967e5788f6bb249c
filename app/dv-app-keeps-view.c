/* dv-app-keeps-view.c: see dv-app-keeps-view.h. */
#define G_LOG_DOMAIN "depview"

#include "config.h"

#include <glib/gi18n.h>

#include "dv-analysis.h"
#include "dv-app-keeps-view.h"
#include "dv-app-view-item.h"

struct _DvAppKeepsView
{
  DvAppAnswerView parent_instance;

  GtkListView  *list;

  DvGraph      *graph;
  DvCost       *cost;

  /* the answer shown */
  GArray       *dominated;    /* DvSymbolId */
  guint8       *in_set;       /* one per symbol of the graph, or NULL */
  guint         n_functions;
  guint64       bytes;
  GListStore   *packages;     /* DvAppViewItem */
};

enum {
  SYMBOL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DvAppKeepsView, dv_app_keeps_view, DV_APP_TYPE_ANSWER_VIEW)

/* ---------------------------------------------------------------------- */
/* The worker: plain data in, plain data out */

typedef struct {
  DvGraph    *graph;
  DvCost     *cost;
  gboolean    is_package;
  guint32     id;
} KeepsJob;

typedef struct {
  gboolean    reachable;
  GArray     *dominated;      /* DvSymbolId, nearest first */
  guint       n_functions;
  guint64     bytes;
  GArray     *groups;         /* DvAppViewGroup, most bytes (or symbols) first */
} KeepsResult;

static void
keeps_job_free (gpointer data)
{
  KeepsJob *job = data;

  dv_graph_unref (job->graph);
  g_clear_pointer (&job->cost, dv_cost_free);
  g_free (job);
}

static void
keeps_result_free (gpointer data)
{
  KeepsResult *r = data;

  g_clear_pointer (&r->dominated, g_array_unref);
  g_clear_pointer (&r->groups, g_array_unref);
  g_free (r);
}

static gint
compare_depth (gconstpointer a,
               gconstpointer b,
               gpointer      graph)
{
  DvSymbolId x = *(const DvSymbolId *) a, y = *(const DvSymbolId *) b;
  guint dx = dv_why_symbol_depth (graph, x), dy = dv_why_symbol_depth (graph, y);

  if (dx != dy)
    return dx < dy ? -1 : 1;
  return x < y ? -1 : x > y;
}

/* What would go if every symbol of the package went: the live symbols the
 * root no longer reaches once the package's symbols are taken out. */
static GArray *
package_dominated (const DvGraph *graph,
                   DvPackageId    package,
                   GCancellable  *cancellable)
{
  guint n = dv_graph_get_n_symbols (graph);
  g_autofree guint8 *seen = g_new0 (guint8, MAX (n, 1u));
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));
  DvSymbolId root = dv_graph_get_root (graph);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));

  seen[root] = 1;
  g_array_append_val (queue, root);
  for (guint head = 0; head < queue->len; head++)
    {
      DvSymbolId v = g_array_index (queue, DvSymbolId, head);
      guint n_edges;
      const DvEdge *edges = dv_graph_children (graph, v, &n_edges);

      if ((head & 0xffff) == 0 && g_cancellable_is_cancelled (cancellable))
        break;
      for (guint i = 0; i < n_edges; i++)
        {
          DvSymbolId c = edges[i].symbol;
          if (seen[c] || dv_graph_symbol_package (graph, c) == package)
            continue;
          seen[c] = 1;
          g_array_append_val (queue, c);
        }
    }
  for (DvSymbolId s = 0; s < n; s++)
    if (!seen[s] && dv_why_symbol_reachable (graph, s))
      g_array_append_val (out, s);
  g_array_sort_with_data (out, compare_depth, (gpointer) graph);
  return out;
}

static void
keeps_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  KeepsJob *job = data;
  KeepsResult *r = g_new0 (KeepsResult, 1);

  if (job->is_package)
    {
      r->dominated = package_dominated (job->graph, job->id, cancellable);
      r->reachable = r->dominated->len > 0;
    }
  else
    {
      DvRemoval removal;

      r->reachable = dv_removal_compute (job->graph, job->id, G_MAXUINT, &removal);
      if (r->reachable)
        {
          r->dominated = g_array_ref (removal.symbols);
          dv_removal_clear (&removal);
        }
      else
        r->dominated = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));
    }
  if (g_task_return_error_if_cancelled (task))
    {
      keeps_result_free (r);
      return;
    }

  r->groups = dv_app_view_group_by_package (job->graph, job->cost, r->dominated);
  for (guint i = 0; i < r->groups->len; i++)
    r->bytes += g_array_index (r->groups, DvAppViewGroup, i).bytes;
  for (guint i = 0; i < r->dominated->len; i++)
    if (dv_graph_symbol_kind (job->graph, g_array_index (r->dominated, DvSymbolId, i)) == DV_SYMBOL_KIND_FUNCTION)
      r->n_functions++;
  g_task_return_pointer (task, r, keeps_result_free);
}

/* ---------------------------------------------------------------------- */

static const char *
focus_name (DvAppKeepsView *self,
            gboolean        is_package,
            guint32         id)
{
  return is_package ? dv_graph_package_name (self->graph, id) : dv_graph_symbol_name (self->graph, id);
}

static void
clear_answer (DvAppKeepsView *self)
{
  g_clear_pointer (&self->dominated, g_array_unref);
  g_clear_pointer (&self->in_set, g_free);
  self->n_functions = 0;
  self->bytes = 0;
  g_list_store_remove_all (self->packages);
}

static void
keeps_done (DvAppAnswerView *view,
            gpointer         result,
            gpointer         data)
{
  DvAppKeepsView *self = DV_APP_KEEPS_VIEW (view);
  KeepsResult *r = result;
  KeepsJob *job = data;
  const char *name;
  g_autofree char *size = NULL;
  g_autofree char *subtitle = NULL;

  name = focus_name (self, job->is_package, job->id);
  self->dominated = g_steal_pointer (&r->dominated);
  self->n_functions = r->n_functions;
  self->bytes = r->bytes;
  self->in_set = g_new0 (guint8, MAX (dv_graph_get_n_symbols (self->graph), 1u));
  for (guint i = 0; i < self->dominated->len; i++)
    self->in_set[g_array_index (self->dominated, DvSymbolId, i)] = 1;

  if (!r->reachable)
    dv_app_answer_view_set_heading (view, g_strdup_printf (_("%s has no recorded path from the root: nothing goes with it."), name),
                                    NULL);
  else
    {
      guint n = self->dominated->len;
      char *text;

      if (self->cost != NULL)
        {
          size = g_format_size (r->bytes);
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "If %s went, this %u symbol (%s) would go, were the recorded reasons the only ones.",
                                               "If %s went, these %u symbols (%s) would go, were the recorded reasons the only ones.",
                                               n),
                                  name, n, size);
        }
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "If %s went, this %u symbol would go, were the recorded reasons the only ones.",
                                             "If %s went, these %u symbols would go, were the recorded reasons the only ones.",
                                             n),
                                name, n);
      subtitle = g_strdup_printf (_("Functions among them: %u. Packages: %u. The linker records only the first reason for each symbol, so this is the most that could go."),
                                  r->n_functions, r->groups->len);
      dv_app_answer_view_set_heading (view, text, g_steal_pointer (&subtitle));
    }

  dv_app_view_append_groups (self->packages, self->graph, self->cost, r->groups, 0);

  keeps_result_free (r);
}

static void
start (DvAppKeepsView *self,
       gboolean        is_package,
       guint32         id)
{
  KeepsJob *job;

  g_return_if_fail (self->graph != NULL);
  clear_answer (self);
  job = g_new0 (KeepsJob, 1);
  job->graph = dv_graph_ref (self->graph);
  job->cost = self->cost ? dv_cost_ref (self->cost) : NULL;
  job->is_package = is_package;
  job->id = id;
  dv_app_answer_view_run (DV_APP_ANSWER_VIEW (self), "[depview] keeps", keeps_thread, job, keeps_job_free, keeps_done);
  dv_app_answer_view_set_heading (DV_APP_ANSWER_VIEW (self),
                                  g_strdup_printf (_("Working out what %s keeps alive…"), focus_name (self, is_package, id)),
                                  NULL);
}

/* ---------------------------------------------------------------------- */

static void
activate_cb (GtkListView *list,
             guint        position,
             gpointer     data)
{
  DvAppKeepsView *self = data;
  DvAppViewItem *item = dv_app_view_list_activate (list, position);

  if (item != NULL && dv_app_view_item_get_kind (item) == DV_APP_VIEW_ITEM_SYMBOL)
    g_signal_emit (self, signals[SYMBOL_ACTIVATED], 0, dv_app_view_item_get_symbol (item));
}

static void
dv_app_keeps_view_finalize (GObject *object)
{
  DvAppKeepsView *self = DV_APP_KEEPS_VIEW (object);

  clear_answer (self);
  g_clear_object (&self->packages);
  g_clear_pointer (&self->cost, dv_cost_free);
  g_clear_pointer (&self->graph, dv_graph_unref);
  G_OBJECT_CLASS (dv_app_keeps_view_parent_class)->finalize (object);
}

static void
dv_app_keeps_view_class_init (DvAppKeepsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = dv_app_keeps_view_finalize;

  /* A symbol row was activated: (guint) its DvSymbolId. */
  signals[SYMBOL_ACTIVATED] = g_signal_new ("symbol-activated", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "keepsview");
}

static void
dv_app_keeps_view_init (DvAppKeepsView *self)
{
  DvAppAnswerView *view = DV_APP_ANSWER_VIEW (self);

  self->packages = g_list_store_new (DV_APP_TYPE_VIEW_ITEM);
  gtk_label_set_text (dv_app_answer_view_get_heading_label (view),
                      _("Choose a symbol or package to see what it keeps alive."));
  self->list = dv_app_answer_view_add_list (view, _("What the focus keeps alive, by package"),
                                            G_LIST_MODEL (self->packages));
  g_signal_connect (self->list, "activate", G_CALLBACK (activate_cb), self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What the focus keeps alive"), -1);
}

GtkWidget *
dv_app_keeps_view_new (void)
{
  return g_object_new (DV_APP_TYPE_KEEPS_VIEW, NULL);
}

void
dv_app_keeps_view_set_graph (DvAppKeepsView *self,
                             DvGraph        *graph,
                             DvCost         *cost)
{
  g_return_if_fail (DV_APP_IS_KEEPS_VIEW (self));
  g_return_if_fail (cost == NULL || dv_cost_get_graph (cost) == graph);

  dv_app_keeps_view_clear_focus (self);
  g_clear_pointer (&self->graph, dv_graph_unref);
  self->graph = graph ? dv_graph_ref (graph) : NULL;
  g_clear_pointer (&self->cost, dv_cost_free);
  self->cost = cost ? dv_cost_ref (cost) : NULL;
}

void
dv_app_keeps_view_set_focus_symbol (DvAppKeepsView *self,
                                    DvSymbolId      symbol)
{
  g_return_if_fail (DV_APP_IS_KEEPS_VIEW (self));
  g_return_if_fail (self->graph != NULL && symbol < dv_graph_get_n_symbols (self->graph));
  start (self, FALSE, symbol);
}

void
dv_app_keeps_view_set_focus_package (DvAppKeepsView *self,
                                     DvPackageId     package)
{
  g_return_if_fail (DV_APP_IS_KEEPS_VIEW (self));
  g_return_if_fail (self->graph != NULL && package < dv_graph_get_n_packages (self->graph));
  start (self, TRUE, package);
}

void
dv_app_keeps_view_clear_focus (DvAppKeepsView *self)
{
  g_return_if_fail (DV_APP_IS_KEEPS_VIEW (self));
  dv_app_answer_view_cancel (DV_APP_ANSWER_VIEW (self));
  clear_answer (self);
  dv_app_answer_view_set_heading (DV_APP_ANSWER_VIEW (self),
                                  g_strdup (_("Choose a symbol or package to see what it keeps alive.")), NULL);
}

gboolean
dv_app_keeps_view_get_busy (DvAppKeepsView *self)
{
  return dv_app_answer_view_get_busy (DV_APP_ANSWER_VIEW (self));
}

GArray *
dv_app_keeps_view_get_dominated (DvAppKeepsView *self)
{
  return self->dominated;
}

gboolean
dv_app_keeps_view_contains (DvAppKeepsView *self,
                            DvSymbolId      symbol)
{
  return self->in_set != NULL && symbol < dv_graph_get_n_symbols (self->graph) && self->in_set[symbol];
}

guint
dv_app_keeps_view_get_n_functions (DvAppKeepsView *self)
{
  return self->n_functions;
}

gboolean
dv_app_keeps_view_get_bytes (DvAppKeepsView *self,
                             guint64        *bytes)
{
  if (bytes != NULL)
    *bytes = self->bytes;
  return self->cost != NULL && self->dominated != NULL;
}

const char *
dv_app_keeps_view_get_heading (DvAppKeepsView *self)
{
  return dv_app_answer_view_get_heading (DV_APP_ANSWER_VIEW (self));
}

GListModel *
dv_app_keeps_view_get_packages (DvAppKeepsView *self)
{
  return G_LIST_MODEL (self->packages);
}

GtkListView *
dv_app_keeps_view_get_list (DvAppKeepsView *self)
{
  return self->list;
}
