/* test-helpers.h: what the app's tests and benchmarks share, one copy for
 * all of them: waiting on the main loop (spin for a while, or until a
 * condition holds), and finding a list's column by its title. */
#pragma once

#include <gtk/gtk.h>

typedef gboolean (*Condition) (gpointer data);

static G_GNUC_UNUSED gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for ms milliseconds. */
static G_GNUC_UNUSED void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Runs the main loop until condition (data) holds, for timeout_ms at most;
 * returns whether it holds. */
static G_GNUC_UNUSED gboolean
wait_until (Condition condition,
            gpointer  data,
            guint     timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return condition (data);
}

/* The column of view titled title, or NULL. */
static G_GNUC_UNUSED GtkColumnViewColumn *
column_titled (GtkColumnView *view,
               const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  return NULL;
}
