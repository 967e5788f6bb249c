/* dv-app-answer-view.h: what the keeps, reflect and compare views share.
 * A heading with a subtitle and a spinner above a tree list of
 * DvAppViewItem, and one computation at a time off the UI thread: "busy"
 * while it runs, its result shown only when no newer computation (or a
 * clear) took its place. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DV_APP_TYPE_ANSWER_VIEW (dv_app_answer_view_get_type ())
G_DECLARE_DERIVABLE_TYPE (DvAppAnswerView, dv_app_answer_view, DV_APP, ANSWER_VIEW, GtkWidget)

struct _DvAppAnswerViewClass
{
  GtkWidgetClass parent_class;
};

/* On the UI thread, with the worker's result (the callee owns it) and the
 * job it was given (the task owns that). */
typedef void (*DvAppAnswerViewDone) (DvAppAnswerView *self,
                                     gpointer         result,
                                     gpointer         job);

/* Drops the running computation, then runs worker on job in a thread; the
 * worker returns its result with g_task_return_pointer. done is called only
 * for the newest computation; after it the view is no longer busy. */
void         dv_app_answer_view_run                (DvAppAnswerView     *self,
                                                    const char          *name,
                                                    GTaskThreadFunc      worker,
                                                    gpointer             job,
                                                    GDestroyNotify       job_free,
                                                    DvAppAnswerViewDone  done);
/* Drops the running computation, if any: no longer busy. */
void         dv_app_answer_view_cancel             (DvAppAnswerView *self);
/* TRUE while a computation runs ("busy" property). */
gboolean     dv_app_answer_view_get_busy           (DvAppAnswerView *self);

/* Takes both; a NULL subtitle hides it. */
void         dv_app_answer_view_set_heading        (DvAppAnswerView *self,
                                                    char            *text,
                                                    char            *subtitle);
const char  *dv_app_answer_view_get_heading        (DvAppAnswerView *self);
GtkLabel    *dv_app_answer_view_get_heading_label  (DvAppAnswerView *self);

/* For the subclass's init: a widget after the spinner, and the list below
 * the heading (labelled for assistive technologies), showing items. */
void         dv_app_answer_view_add_to_top         (DvAppAnswerView *self,
                                                    GtkWidget       *widget);
GtkListView *dv_app_answer_view_add_list           (DvAppAnswerView *self,
                                                    const char      *label,
                                                    GListModel      *items);

G_END_DECLS
