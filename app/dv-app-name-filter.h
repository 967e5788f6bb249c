/* dv-app-name-filter.h: a GtkFilter over symbol and package rows by a
 * substring of the name. Smart case: a search with no capital letter
 * ignores ASCII case. Tells the filter model when a change only narrows or
 * widens the result, so typing one more letter re-checks only the matches. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DV_APP_TYPE_NAME_FILTER (dv_app_name_filter_get_type ())
G_DECLARE_FINAL_TYPE (DvAppNameFilter, dv_app_name_filter, DV_APP, NAME_FILTER, GtkFilter)

DvAppNameFilter *dv_app_name_filter_new        (void);
void             dv_app_name_filter_set_search (DvAppNameFilter *self, const char *search);
const char      *dv_app_name_filter_get_search (DvAppNameFilter *self);
/* The matcher itself, for tests. */
gboolean         dv_app_name_matches           (const char *name, gsize name_len,
                                                const char *search, gsize search_len,
                                                gboolean ignore_case);
gboolean         dv_app_name_search_ignores_case (const char *search);

G_END_DECLS
