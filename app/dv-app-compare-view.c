/* dv-app-compare-view.c: see dv-app-compare-view.h. */
#define G_LOG_DOMAIN "depview"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dv-app-compare-view.h"
#include "dv-app-view-item.h"
#include "dv-check.h"
#include "dv-format-diff.h"

/* As `depview-cli diff` lists at most 50 of each by default. */
#define MARKDOWN_LIMIT 50

struct _DvAppCompareView
{
  DvAppAnswerView parent_instance;

  GtkButton    *copy_button;
  GtkListView  *list;

  DvGraph      *before, *after;
  DvCost       *cost_before, *cost_after;

  gboolean      has_diff;
  DvDiff        diff;
  char         *markdown;
  GListStore   *items;
};

enum {
  SYMBOL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DvAppCompareView, dv_app_compare_view, DV_APP_TYPE_ANSWER_VIEW)

/* ---------------------------------------------------------------------- */
/* The worker */

typedef struct {
  DvGraph *before, *after;
  DvCost  *cost_before, *cost_after;
} CompareJob;

typedef struct {
  DvPackageId package;
  DvSymbolId  target, code_target;
  GArray     *chain, *code_chain;   /* DvChainStep, or NULL */
  guint64     bytes;
} NewPackage;

typedef struct {
  DvDiff      diff;
  GArray     *new_packages;         /* NewPackage, as d.added_packages */
  guint64     added_bytes, removed_bytes;
  guint64     added_package_bytes, removed_package_bytes;
  GArray     *added_groups, *removed_groups;   /* DvAppViewGroup */
  gboolean    sized;
  guint64     size_before, size_after;
  char       *markdown;
  GListStore *items;   /* DvAppViewItem: the sections, as the list shows them */
} CompareResult;

static void
compare_job_free (gpointer data)
{
  CompareJob *job = data;

  dv_graph_unref (job->before);
  dv_graph_unref (job->after);
  g_clear_pointer (&job->cost_before, dv_cost_free);
  g_clear_pointer (&job->cost_after, dv_cost_free);
  g_free (job);
}

static void
new_package_clear (gpointer data)
{
  NewPackage *np = data;

  g_clear_pointer (&np->chain, g_array_unref);
  g_clear_pointer (&np->code_chain, g_array_unref);
}

static void
compare_result_free (gpointer data)
{
  CompareResult *r = data;

  dv_diff_clear (&r->diff);
  g_clear_pointer (&r->new_packages, g_array_unref);
  g_clear_pointer (&r->added_groups, g_array_unref);
  g_clear_pointer (&r->removed_groups, g_array_unref);
  g_free (r->markdown);
  g_clear_object (&r->items);
  g_free (r);
}

/* Most bytes first, as the core's presenter lists them; the sort is stable,
 * so ties keep the diff's order (nearest to the root first). */
static gint
compare_new (gconstpointer a,
             gconstpointer b)
{
  const NewPackage *x = a, *y = b;

  if (x->bytes != y->bytes)
    return x->bytes > y->bytes ? -1 : 1;
  return 0;
}

static guint64
sum_sizes (const DvCost *cost,
           GArray       *ids,
           gboolean      packages)
{
  guint64 sum = 0;

  for (guint i = 0; cost != NULL && i < ids->len; i++)
    {
      guint32 id = g_array_index (ids, guint32, i);
      sum += packages ? dv_cost_package_size (cost, id) : dv_cost_symbol_size (cost, id);
    }
  return sum;
}

static void fill (GListStore *items, CompareResult *r, CompareJob *job);

static void
compare_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  CompareJob *job = data;
  CompareResult *r = g_new0 (CompareResult, 1);
  const char *unused;

  dv_diff_compute (job->before, job->after, &r->diff);
  if (g_task_return_error_if_cancelled (task))
    {
      compare_result_free (r);
      return;
    }
  r->new_packages = g_array_new (FALSE, TRUE, sizeof (NewPackage));
  g_array_set_clear_func (r->new_packages, new_package_clear);
  for (guint i = 0; i < r->diff.added_packages->len; i++)
    {
      NewPackage np = { g_array_index (r->diff.added_packages, DvPackageId, i), DV_SYMBOL_NONE, DV_SYMBOL_NONE,
                        NULL, NULL, 0 };

      np.chain = dv_why_package (job->after, np.package, &np.target);
      np.code_chain = dv_why_package_code (job->after, np.package, &np.code_target);
      np.bytes = job->cost_after ? dv_cost_package_size (job->cost_after, np.package) : 0;
      g_array_append_val (r->new_packages, np);
    }
  if (job->cost_after != NULL)
    g_array_sort (r->new_packages, compare_new);
  r->added_groups = dv_app_view_group_by_package (job->after, job->cost_after, r->diff.added);
  r->removed_groups = dv_app_view_group_by_package (job->before, job->cost_before, r->diff.removed);
  r->added_bytes = sum_sizes (job->cost_after, r->diff.added, FALSE);
  r->removed_bytes = sum_sizes (job->cost_before, r->diff.removed, FALSE);
  r->added_package_bytes = sum_sizes (job->cost_after, r->diff.added_packages, TRUE);
  r->removed_package_bytes = sum_sizes (job->cost_before, r->diff.removed_packages, TRUE);
  r->sized = dv_check_build_size (job->before, job->cost_before, &r->size_before, &unused)
             && dv_check_build_size (job->after, job->cost_after, &r->size_after, &unused);
  /* the core's presenter, so the copy is what the CLI prints */
  r->markdown = dv_format_diff (job->before, job->after, &r->diff, job->cost_before, job->cost_after,
                                MARKDOWN_LIMIT, DV_FORMAT_MARKDOWN);
  r->items = g_list_store_new (DV_APP_TYPE_VIEW_ITEM);
  fill (r->items, r, job);
  if (g_task_return_error_if_cancelled (task))
    compare_result_free (r);
  else
    g_task_return_pointer (task, r, compare_result_free);
}

/* ---------------------------------------------------------------------- */

static void
set_heading (DvAppCompareView *self,
             char             *text,
             char             *subtitle)
{
  dv_app_answer_view_set_heading (DV_APP_ANSWER_VIEW (self), text, subtitle);
}

static void
clear_answer (DvAppCompareView *self)
{
  if (self->has_diff)
    dv_diff_clear (&self->diff);
  self->has_diff = FALSE;
  g_clear_pointer (&self->markdown, g_free);
  g_list_store_remove_all (self->items);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.copy-markdown", FALSE);
}

static DvAppViewItem *
section (const char *title,
         const char *detail,
         gboolean    has_bytes,
         guint64     bytes,
         guint       tag)
{
  DvAppViewItem *item = dv_app_view_item_new (DV_APP_VIEW_ITEM_HEADING, title, detail);

  if (has_bytes)
    dv_app_view_item_set_bytes (item, bytes);
  dv_app_view_item_set_tag (item, tag);
  return item;
}

static DvAppViewItem *
package_item (const DvGraph *graph,
              const DvCost  *cost,
              DvPackageId    package,
              guint          tag)
{
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u live symbol", "%u live symbols",
                                                         dv_graph_package_n_reachable (graph, package)),
                                            dv_graph_package_n_reachable (graph, package));
  DvAppViewItem *item = dv_app_view_item_new (DV_APP_VIEW_ITEM_PACKAGE, dv_graph_package_name (graph, package), count);

  dv_app_view_item_set_package (item, package);
  dv_app_view_item_set_tag (item, tag);
  if (cost != NULL)
    dv_app_view_item_set_bytes (item, dv_cost_package_size (cost, package));
  return item;
}

/* The answer's rows, made in the worker: on a big dump they are tens of
 * thousands of objects, 50 ms of the UI thread. */
static void
fill (GListStore    *items,
      CompareResult *r,
      CompareJob    *job)
{
  const DvDiff *d = &r->diff;
  g_autofree char *count = NULL;

  if (d->added_packages->len > 0)
    {
      g_autoptr(GListStore) packages = g_list_store_new (DV_APP_TYPE_VIEW_ITEM);
      g_autoptr(DvAppViewItem) head = NULL;

      for (guint i = 0; i < r->new_packages->len; i++)
        {
          NewPackage *np = &g_array_index (r->new_packages, NewPackage, i);
          g_autoptr(DvAppViewItem) item = package_item (job->after, job->cost_after, np->package, 0);
          g_autoptr(GListStore) chains = g_list_store_new (DV_APP_TYPE_VIEW_ITEM);

          if (np->code_chain != NULL && np->code_target != np->target)
            {
              g_autoptr(DvAppViewItem) note = dv_app_view_item_new (DV_APP_VIEW_ITEM_NOTE, _("Which code uses it"), NULL);
              g_list_store_append (chains, note);
              dv_app_view_append_chain (chains, job->after, job->cost_after, np->code_chain, 0);
            }
          if (np->chain != NULL)
            {
              g_autoptr(DvAppViewItem) note = dv_app_view_item_new (DV_APP_VIEW_ITEM_NOTE, _("Import chain"), NULL);
              g_list_store_append (chains, note);
              dv_app_view_append_chain (chains, job->after, job->cost_after, np->chain, 0);
            }
          dv_app_view_item_set_children (item, G_LIST_MODEL (chains));
          g_list_store_append (packages, item);
        }
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u package", "%u packages", d->added_packages->len),
                               d->added_packages->len);
      head = section (_("Packages newly linked"), count, job->cost_after != NULL, r->added_package_bytes, 0);
      dv_app_view_item_set_children (head, G_LIST_MODEL (packages));
      g_list_store_append (items, head);
      g_clear_pointer (&count, g_free);
    }
  if (d->removed_packages->len > 0)
    {
      g_autoptr(GListStore) packages = g_list_store_new (DV_APP_TYPE_VIEW_ITEM);
      g_autoptr(DvAppViewItem) head = NULL;

      for (guint i = 0; i < d->removed_packages->len; i++)
        {
          g_autoptr(DvAppViewItem) item = package_item (job->before, job->cost_before,
                                                        g_array_index (d->removed_packages, DvPackageId, i),
                                                        DV_APP_COMPARE_OLD);
          g_list_store_append (packages, item);
        }
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u package", "%u packages", d->removed_packages->len),
                               d->removed_packages->len);
      head = section (_("Packages no longer linked"), count, job->cost_before != NULL, r->removed_package_bytes,
                      DV_APP_COMPARE_OLD);
      dv_app_view_item_set_children (head, G_LIST_MODEL (packages));
      g_list_store_append (items, head);
      g_clear_pointer (&count, g_free);
    }
  for (guint way = 0; way < 2; way++)
    {
      GArray *ids = way == 0 ? d->added : d->removed;
      g_autoptr(DvAppViewItem) head = NULL;

      if (ids->len == 0)
        continue;
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u symbol", "%u symbols", ids->len), ids->len);
      if (way == 0)
        head = section (_("Symbols added, by package"), count, job->cost_after != NULL,
                        r->added_bytes, 0);
      else
        head = section (_("Symbols removed, by package"), count, job->cost_before != NULL, r->removed_bytes,
                        DV_APP_COMPARE_OLD);
      {
        /* by package: a flat list of tens of thousands would be slow to open */
        g_autoptr(GListStore) groups = g_list_store_new (DV_APP_TYPE_VIEW_ITEM);
        dv_app_view_append_groups (groups, way == 0 ? job->after : job->before,
                                   way == 0 ? job->cost_after : job->cost_before,
                                   way == 0 ? r->added_groups : r->removed_groups,
                                   way == 0 ? 0 : DV_APP_COMPARE_OLD);
        dv_app_view_item_set_children (head, G_LIST_MODEL (groups));
      }
      g_list_store_append (items, head);
      g_clear_pointer (&count, g_free);
    }
}

static void
compare_done (DvAppAnswerView *view,
              gpointer         result,
              gpointer         job)
{
  DvAppCompareView *self = DV_APP_COMPARE_VIEW (view);
  CompareResult *r = result;
  const DvDiff *d;
  char *text;
  GString *more = g_string_new (NULL);

  self->diff = r->diff;
  memset (&r->diff, 0, sizeof r->diff);
  self->has_diff = TRUE;
  self->markdown = g_steal_pointer (&r->markdown);
  d = &self->diff;

  /* one sentence, two counts: the package counts carry the plural */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u package newly linked, %u no longer; %u symbols added, %u removed.",
                                       "%u packages newly linked, %u no longer; %u symbols added, %u removed.",
                                       d->added_packages->len),
                          d->added_packages->len, d->removed_packages->len, d->added->len, d->removed->len);
  {
    /* the file names: the folders are rarely what tells two builds apart */
    g_autofree char *old_name = g_path_get_basename (dv_graph_get_display_name (self->before));
    g_autofree char *new_name = g_path_get_basename (dv_graph_get_display_name (self->after));
    g_string_append_printf (more, _("Old: %s. New: %s."), old_name, new_name);
  }
  if (r->sized)
    {
      gint64 growth = (gint64) r->size_after - (gint64) r->size_before;
      g_autofree char *delta = g_format_size ((guint64) (growth < 0 ? -growth : growth));
      g_autofree char *from = g_format_size (r->size_before);
      g_autofree char *to = g_format_size (r->size_after);
      double percent = r->size_before ? 100.0 * (double) growth / (double) r->size_before : 0;

      g_string_append_c (more, ' ');
      g_string_append_printf (more, growth < 0 ? _("The new build is %s smaller (%.1f%%): %s → %s.")
                                               : _("The new build is %s larger (%+.1f%%): %s → %s."),
                              delta, percent, from, to);
    }
  if (d->spellings_differ)
    g_string_append_printf (more, " %s", _("The two dumps spell compiler symbols differently (Go 1.19 and Go 1.20+); compared as one."));
  set_heading (self, text, g_string_free (more, FALSE));
  {
    guint n = g_list_model_get_n_items (G_LIST_MODEL (r->items));
    g_autoptr(GPtrArray) heads = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < n; i++)
      g_ptr_array_add (heads, g_list_model_get_item (G_LIST_MODEL (r->items), i));
    g_list_store_splice (self->items, 0, 0, heads->pdata, n);
  }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.copy-markdown", TRUE);

  compare_result_free (r);
}

static void
start (DvAppCompareView *self)
{
  CompareJob *job = g_new0 (CompareJob, 1);

  clear_answer (self);
  job->before = dv_graph_ref (self->before);
  job->after = dv_graph_ref (self->after);
  job->cost_before = self->cost_before ? dv_cost_ref (self->cost_before) : NULL;
  job->cost_after = self->cost_after ? dv_cost_ref (self->cost_after) : NULL;
  dv_app_answer_view_run (DV_APP_ANSWER_VIEW (self), "[depview] compare", compare_thread, job, compare_job_free,
                          compare_done);
  set_heading (self, g_strdup (_("Comparing the two builds…")), NULL);
}

/* ---------------------------------------------------------------------- */

static void
copy_markdown_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DvAppCompareView *self = DV_APP_COMPARE_VIEW (widget);

  if (self->markdown != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->markdown);
}

static void
activate_cb (GtkListView *list,
             guint        position,
             gpointer     data)
{
  DvAppCompareView *self = data;
  DvAppViewItem *item = dv_app_view_list_activate (list, position);

  if (item != NULL && dv_app_view_item_get_kind (item) == DV_APP_VIEW_ITEM_SYMBOL)
    g_signal_emit (self, signals[SYMBOL_ACTIVATED], 0, dv_app_view_item_get_symbol (item),
                   dv_app_view_item_get_tag (item) == DV_APP_COMPARE_OLD);
}

static void
dv_app_compare_view_finalize (GObject *object)
{
  DvAppCompareView *self = DV_APP_COMPARE_VIEW (object);

  if (self->has_diff)
    dv_diff_clear (&self->diff);
  g_free (self->markdown);
  g_clear_object (&self->items);
  g_clear_pointer (&self->before, dv_graph_unref);
  g_clear_pointer (&self->after, dv_graph_unref);
  g_clear_pointer (&self->cost_before, dv_cost_free);
  g_clear_pointer (&self->cost_after, dv_cost_free);
  G_OBJECT_CLASS (dv_app_compare_view_parent_class)->finalize (object);
}

static void
dv_app_compare_view_class_init (DvAppCompareViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = dv_app_compare_view_finalize;

  /* A symbol row was activated: (guint) its DvSymbolId, (gboolean) TRUE
   * when it is a symbol of the old build. */
  signals[SYMBOL_ACTIVATED] = g_signal_new ("symbol-activated", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_BOOLEAN);

  gtk_widget_class_install_action (widget_class, "compare.copy-markdown", NULL, copy_markdown_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "compare.copy-markdown", NULL);

  gtk_widget_class_set_css_name (widget_class, "compareview");
}

static void
dv_app_compare_view_init (DvAppCompareView *self)
{
  DvAppAnswerView *view = DV_APP_ANSWER_VIEW (self);

  self->items = g_list_store_new (DV_APP_TYPE_VIEW_ITEM);
  /* this heading wraps at whole words only; the others may break inside a long symbol name */
  gtk_label_set_wrap_mode (dv_app_answer_view_get_heading_label (view), PANGO_WRAP_WORD);
  self->copy_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("Copy as _Markdown")));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->copy_button), "compare.copy-markdown");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->copy_button),
                               _("Copy the comparison as a pull-request comment, as depview-cli diff --format=markdown prints it"));
  gtk_widget_set_valign (GTK_WIDGET (self->copy_button), GTK_ALIGN_START);
  dv_app_answer_view_add_to_top (view, GTK_WIDGET (self->copy_button));

  self->list = dv_app_answer_view_add_list (view, _("Packages and symbols added and removed"),
                                            G_LIST_MODEL (self->items));
  g_signal_connect (self->list, "activate", G_CALLBACK (activate_cb), self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.copy-markdown", FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Comparison with another build"), -1);
}

GtkWidget *
dv_app_compare_view_new (void)
{
  return g_object_new (DV_APP_TYPE_COMPARE_VIEW, NULL);
}

void
dv_app_compare_view_set_builds (DvAppCompareView *self,
                                DvGraph          *before,
                                DvCost           *cost_before,
                                DvGraph          *after,
                                DvCost           *cost_after)
{
  g_return_if_fail (DV_APP_IS_COMPARE_VIEW (self));
  g_return_if_fail (cost_before == NULL || dv_cost_get_graph (cost_before) == before);
  g_return_if_fail (cost_after == NULL || dv_cost_get_graph (cost_after) == after);

  dv_app_answer_view_cancel (DV_APP_ANSWER_VIEW (self));
  clear_answer (self);
  set_heading (self, NULL, NULL);
  g_clear_pointer (&self->before, dv_graph_unref);
  g_clear_pointer (&self->after, dv_graph_unref);
  g_clear_pointer (&self->cost_before, dv_cost_free);
  g_clear_pointer (&self->cost_after, dv_cost_free);
  self->cost_before = cost_before ? dv_cost_ref (cost_before) : NULL;
  self->cost_after = cost_after ? dv_cost_ref (cost_after) : NULL;
  if (before == NULL || after == NULL)
    return;
  self->before = dv_graph_ref (before);
  self->after = dv_graph_ref (after);
  start (self);
}

gboolean
dv_app_compare_view_get_busy (DvAppCompareView *self)
{
  return dv_app_answer_view_get_busy (DV_APP_ANSWER_VIEW (self));
}

const DvDiff *
dv_app_compare_view_get_diff (DvAppCompareView *self)
{
  return self->has_diff ? &self->diff : NULL;
}

const char *
dv_app_compare_view_get_markdown (DvAppCompareView *self)
{
  return self->markdown;
}

const char *
dv_app_compare_view_get_heading (DvAppCompareView *self)
{
  return dv_app_answer_view_get_heading (DV_APP_ANSWER_VIEW (self));
}

GListModel *
dv_app_compare_view_get_items (DvAppCompareView *self)
{
  return G_LIST_MODEL (self->items);
}

GtkListView *
dv_app_compare_view_get_list (DvAppCompareView *self)
{
  return self->list;
}
