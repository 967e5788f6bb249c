/* dv-app-answer-view.c: see dv-app-answer-view.h. */
#define G_LOG_DOMAIN "depview"

#include "config.h"

#include "dv-app-answer-view.h"
#include "dv-app-view-item.h"

typedef struct
{
  GtkWidget    *top;
  GtkLabel     *heading;
  GtkLabel     *subtitle;
  GtkSpinner   *spinner;

  GCancellable *cancellable;  /* the running computation, NULL when idle */
  char         *heading_text;
} DvAppAnswerViewPrivate;

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_TYPE_WITH_PRIVATE (DvAppAnswerView, dv_app_answer_view, GTK_TYPE_WIDGET)

static void
set_busy (DvAppAnswerView *self,
          GCancellable    *cancellable)
{
  DvAppAnswerViewPrivate *priv = dv_app_answer_view_get_instance_private (self);
  gboolean was = priv->cancellable != NULL;

  if (priv->cancellable != NULL)
    g_cancellable_cancel (priv->cancellable);
  g_set_object (&priv->cancellable, cancellable);
  gtk_spinner_set_spinning (priv->spinner, cancellable != NULL);
  gtk_widget_set_visible (GTK_WIDGET (priv->spinner), cancellable != NULL);
  if (was != (cancellable != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

typedef struct {
  DvAppAnswerViewDone done;
} RunCall;

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  DvAppAnswerView *self = DV_APP_ANSWER_VIEW (source);
  DvAppAnswerViewPrivate *priv = dv_app_answer_view_get_instance_private (self);
  g_autofree RunCall *call = data;
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gpointer r;

  /* a newer computation (or none) took its place: the task frees the result */
  if (cancellable != priv->cancellable)
    return;
  r = g_task_propagate_pointer (G_TASK (result), &error);
  if (r == NULL)
    return;

  call->done (self, r, g_task_get_task_data (G_TASK (result)));
  if (priv->cancellable == cancellable)
    set_busy (self, NULL);
}

void
dv_app_answer_view_run (DvAppAnswerView     *self,
                        const char          *name,
                        GTaskThreadFunc      worker,
                        gpointer             job,
                        GDestroyNotify       job_free,
                        DvAppAnswerViewDone  done)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GTask) task = NULL;
  RunCall *call;

  g_return_if_fail (DV_APP_IS_ANSWER_VIEW (self));

  set_busy (self, cancellable);
  call = g_new0 (RunCall, 1);
  call->done = done;
  /* the task holds the widget: what the view lends the job lives as long */
  task = g_task_new (self, cancellable, run_done_cb, call);
  g_task_set_source_tag (task, dv_app_answer_view_run);
  g_task_set_name (task, name);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, worker);
}

void
dv_app_answer_view_cancel (DvAppAnswerView *self)
{
  g_return_if_fail (DV_APP_IS_ANSWER_VIEW (self));
  set_busy (self, NULL);
}

gboolean
dv_app_answer_view_get_busy (DvAppAnswerView *self)
{
  DvAppAnswerViewPrivate *priv = dv_app_answer_view_get_instance_private (self);

  return priv->cancellable != NULL;
}

void
dv_app_answer_view_set_heading (DvAppAnswerView *self,
                                char            *text,
                                char            *subtitle)
{
  DvAppAnswerViewPrivate *priv = dv_app_answer_view_get_instance_private (self);

  g_free (priv->heading_text);
  priv->heading_text = text;
  gtk_label_set_text (priv->heading, text ? text : "");
  gtk_label_set_text (priv->subtitle, subtitle ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (priv->subtitle), subtitle != NULL);
  g_free (subtitle);
}

const char *
dv_app_answer_view_get_heading (DvAppAnswerView *self)
{
  DvAppAnswerViewPrivate *priv = dv_app_answer_view_get_instance_private (self);

  return priv->heading_text;
}

GtkLabel *
dv_app_answer_view_get_heading_label (DvAppAnswerView *self)
{
  DvAppAnswerViewPrivate *priv = dv_app_answer_view_get_instance_private (self);

  return priv->heading;
}

void
dv_app_answer_view_add_to_top (DvAppAnswerView *self,
                               GtkWidget       *widget)
{
  DvAppAnswerViewPrivate *priv = dv_app_answer_view_get_instance_private (self);

  gtk_box_append (GTK_BOX (priv->top), widget);
}

GtkListView *
dv_app_answer_view_add_list (DvAppAnswerView *self,
                             const char      *label,
                             GListModel      *items)
{
  GtkListView *list = dv_app_view_list_new (label);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  dv_app_view_list_set_items (list, items);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_set_parent (scrolled, GTK_WIDGET (self));
  return list;
}

static void
dv_app_answer_view_dispose (GObject *object)
{
  DvAppAnswerView *self = DV_APP_ANSWER_VIEW (object);
  DvAppAnswerViewPrivate *priv = dv_app_answer_view_get_instance_private (self);
  GtkWidget *child;

  if (priv->cancellable != NULL)
    g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (dv_app_answer_view_parent_class)->dispose (object);
}

static void
dv_app_answer_view_finalize (GObject *object)
{
  DvAppAnswerView *self = DV_APP_ANSWER_VIEW (object);
  DvAppAnswerViewPrivate *priv = dv_app_answer_view_get_instance_private (self);

  g_free (priv->heading_text);
  G_OBJECT_CLASS (dv_app_answer_view_parent_class)->finalize (object);
}

static void
dv_app_answer_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DvAppAnswerView *self = DV_APP_ANSWER_VIEW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, dv_app_answer_view_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dv_app_answer_view_class_init (DvAppAnswerViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dv_app_answer_view_dispose;
  object_class->finalize = dv_app_answer_view_finalize;
  object_class->get_property = dv_app_answer_view_get_property;

  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* subclasses inherit both, and name their own CSS node */
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
dv_app_answer_view_init (DvAppAnswerView *self)
{
  DvAppAnswerViewPrivate *priv = dv_app_answer_view_get_instance_private (self);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  priv->heading = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (priv->heading, TRUE);
  gtk_label_set_wrap_mode (priv->heading, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (priv->heading, 0);
  gtk_label_set_selectable (priv->heading, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (priv->heading), "heading");
  priv->subtitle = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (priv->subtitle, TRUE);
  gtk_label_set_xalign (priv->subtitle, 0);
  gtk_widget_add_css_class (GTK_WIDGET (priv->subtitle), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (priv->subtitle), FALSE);
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (priv->heading));
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (priv->subtitle));
  gtk_widget_set_hexpand (texts, TRUE);
  priv->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (priv->spinner), FALSE);
  priv->top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (priv->top), texts);
  gtk_box_append (GTK_BOX (priv->top), GTK_WIDGET (priv->spinner));
  gtk_widget_set_margin_start (priv->top, 12);
  gtk_widget_set_margin_end (priv->top, 12);
  gtk_widget_set_margin_top (priv->top, 12);
  gtk_widget_set_margin_bottom (priv->top, 6);
  gtk_widget_set_parent (priv->top, GTK_WIDGET (self));
}
