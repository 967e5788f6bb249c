/* dv-app-keeps-view.c: see dv-app-keeps-view.h. */
#define G_LOG_DOMAIN "depview"

#include "config.h"

#include <glib/gi18n.h>

#include "dv-analysis.h"
#include "dv-app-keeps-view.h"
#include "dv-app-view-item.h"

struct _DvAppKeepsView
{
  GtkWidget     parent_instance;

  GtkLabel     *heading;
  GtkLabel     *subtitle;
  GtkSpinner   *spinner;
  GtkListView  *list;

  DvGraph      *graph;
  DvCost       *cost;
  GCancellable *cancellable;  /* the running computation, NULL when idle */

  /* the answer shown */
  char         *heading_text;
  GArray       *dominated;    /* DvSymbolId */
  guint8       *in_set;       /* one per symbol of the graph, or NULL */
  guint         n_functions;
  guint64       bytes;
  GListStore   *packages;     /* DvAppViewItem */
};

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  SYMBOL_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DvAppKeepsView, dv_app_keeps_view, GTK_TYPE_WIDGET)

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
set_heading (DvAppKeepsView *self,
             char           *text,
             const char     *subtitle)
{
  g_free (self->heading_text);
  self->heading_text = text;
  gtk_label_set_text (self->heading, text ? text : "");
  gtk_label_set_text (self->subtitle, subtitle ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle), subtitle != NULL);
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
set_busy (DvAppKeepsView *self,
          GCancellable   *cancellable)
{
  gboolean was = self->cancellable != NULL;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, cancellable);
  gtk_spinner_set_spinning (self->spinner, cancellable != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), cancellable != NULL);
  if (was != (cancellable != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

typedef struct {
  DvAppKeepsView *self;       /* weak */
  gboolean        is_package;
  guint32         id;
} KeepsCall;

static void
keeps_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  DvAppKeepsView *self = DV_APP_KEEPS_VIEW (source);
  KeepsCall *call = data;
  g_autoptr(GError) error = NULL;
  KeepsResult *r = g_task_propagate_pointer (G_TASK (result), &error);
  const char *name;
  g_autofree char *size = NULL;
  g_autofree char *subtitle = NULL;

  /* a newer focus (or none) took its place: drop it */
  if (r == NULL || g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    {
      if (r != NULL)
        keeps_result_free (r);
      g_free (call);
      return;
    }

  name = focus_name (self, call->is_package, call->id);
  self->dominated = g_steal_pointer (&r->dominated);
  self->n_functions = r->n_functions;
  self->bytes = r->bytes;
  self->in_set = g_new0 (guint8, MAX (dv_graph_get_n_symbols (self->graph), 1u));
  for (guint i = 0; i < self->dominated->len; i++)
    self->in_set[g_array_index (self->dominated, DvSymbolId, i)] = 1;

  if (!r->reachable)
    set_heading (self, g_strdup_printf (_("%s has no recorded path from the root: nothing goes with it."), name),
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
      set_heading (self, text, subtitle);
    }

  dv_app_view_append_groups (self->packages, self->graph, self->cost, r->groups, 0);

  keeps_result_free (r);
  g_free (call);
  set_busy (self, NULL);
}

static void
start (DvAppKeepsView *self,
       gboolean        is_package,
       guint32         id)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GTask) task = NULL;
  KeepsJob *job;
  KeepsCall *call;
  g_autofree char *busy = NULL;

  g_return_if_fail (self->graph != NULL);
  clear_answer (self);
  set_busy (self, cancellable);
  busy = g_strdup_printf (_("Working out what %s keeps alive…"), focus_name (self, is_package, id));
  set_heading (self, g_steal_pointer (&busy), NULL);

  job = g_new0 (KeepsJob, 1);
  job->graph = dv_graph_ref (self->graph);
  job->cost = self->cost ? dv_cost_ref (self->cost) : NULL;
  job->is_package = is_package;
  job->id = id;
  call = g_new0 (KeepsCall, 1);
  call->self = self;
  call->is_package = is_package;
  call->id = id;
  /* the task holds the widget: the cost it reads lives as long */
  task = g_task_new (self, cancellable, keeps_done_cb, call);
  g_task_set_source_tag (task, start);
  g_task_set_name (task, "[depview] keeps");
  g_task_set_task_data (task, job, keeps_job_free);
  g_task_run_in_thread (task, keeps_thread);
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
dv_app_keeps_view_dispose (GObject *object)
{
  DvAppKeepsView *self = DV_APP_KEEPS_VIEW (object);
  GtkWidget *child;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (dv_app_keeps_view_parent_class)->dispose (object);
}

static void
dv_app_keeps_view_finalize (GObject *object)
{
  DvAppKeepsView *self = DV_APP_KEEPS_VIEW (object);

  clear_answer (self);
  g_clear_object (&self->packages);
  g_free (self->heading_text);
  g_clear_pointer (&self->cost, dv_cost_free);
  g_clear_pointer (&self->graph, dv_graph_unref);
  G_OBJECT_CLASS (dv_app_keeps_view_parent_class)->finalize (object);
}

static void
dv_app_keeps_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DvAppKeepsView *self = DV_APP_KEEPS_VIEW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dv_app_keeps_view_class_init (DvAppKeepsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dv_app_keeps_view_dispose;
  object_class->finalize = dv_app_keeps_view_finalize;
  object_class->get_property = dv_app_keeps_view_get_property;

  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A symbol row was activated: (guint) its DvSymbolId. */
  signals[SYMBOL_ACTIVATED] = g_signal_new ("symbol-activated", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "keepsview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
dv_app_keeps_view_init (DvAppKeepsView *self)
{
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  self->packages = g_list_store_new (DV_APP_TYPE_VIEW_ITEM);

  self->heading = GTK_LABEL (gtk_label_new (_("Choose a symbol or package to see what it keeps alive.")));
  gtk_label_set_wrap (self->heading, TRUE);
  gtk_label_set_wrap_mode (self->heading, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->heading, 0);
  gtk_label_set_selectable (self->heading, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->heading), "heading");
  self->subtitle = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->subtitle, TRUE);
  gtk_label_set_xalign (self->subtitle, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle), FALSE);
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (self->heading));
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (self->subtitle));
  gtk_widget_set_hexpand (texts, TRUE);
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_box_append (GTK_BOX (top), texts);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->spinner));
  gtk_widget_set_margin_start (top, 12);
  gtk_widget_set_margin_end (top, 12);
  gtk_widget_set_margin_top (top, 12);
  gtk_widget_set_margin_bottom (top, 6);
  gtk_widget_set_parent (top, GTK_WIDGET (self));

  self->list = dv_app_view_list_new (_("What the focus keeps alive, by package"));
  dv_app_view_list_set_items (self->list, G_LIST_MODEL (self->packages));
  g_signal_connect (self->list, "activate", G_CALLBACK (activate_cb), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_set_parent (scrolled, GTK_WIDGET (self));

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
  set_busy (self, NULL);
  clear_answer (self);
  set_heading (self, g_strdup (_("Choose a symbol or package to see what it keeps alive.")), NULL);
}

gboolean
dv_app_keeps_view_get_busy (DvAppKeepsView *self)
{
  return self->cancellable != NULL;
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
  return self->heading_text;
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
