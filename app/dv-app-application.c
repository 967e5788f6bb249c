/* dv-app-application.c: `depview [--select=NAME] [--sizes=FILE]
 * [--view=VIEW] [--compare=OLD] [FILE…|FOLDER]`, one window per file (a
 * folder of a Go package is built first); every command is an action, and
 * accelerators bind to action names. */
#define G_LOG_DOMAIN "depview"

#include "config.h"

#include <glib/gi18n.h>

#include "dv-app-application.h"
#include "dv-app-timings.h"
#include "dv-app-window.h"
#include "dv-layout.h"

struct _DvAppApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (DvAppApplication, dv_app_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "select", 's', 0, G_OPTION_ARG_STRING, NULL,
    N_("Focus on SYMBOL or PACKAGE once the dump is loaded"), N_("SYMBOL_OR_PACKAGE") },
  { "sizes", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Symbol sizes for the dump: the Go binary or go tool nm -size output"), N_("FILE") },
  { "view", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Show a view first: chain, map, keeps, reflect or compare"), N_("VIEW") },
  { "compare", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Compare the dump with an older build's dump"), N_("OLD_DUMP") },
  { "compare-sizes", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Symbol sizes for the older build"), N_("FILE") },
  { "timings", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Log launch and interaction timings to standard error"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, NULL },
  { NULL }
};

static DvAppWindow *
dv_app_application_new_window (DvAppApplication *self)
{
  DvAppWindow *window = dv_app_window_new (GTK_APPLICATION (self));

  dv_app_timings_mark ("window created");
  return window;
}

static void
dv_app_application_present (GtkWindow *window)
{
  gtk_window_present (window);
  dv_app_timings_mark ("window presented");
}

static void
dv_app_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (dv_app_application_new_window (DV_APP_APPLICATION (app)));
  dv_app_application_present (window);
}

/* An empty window that has nothing loading takes the first file, so
 * `depview` then Open does not leave an empty window behind. */
static DvAppWindow *
dv_app_application_window_for_file (DvAppApplication *self,
                                    gboolean          first)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (first && DV_APP_IS_WINDOW (active) &&
      !dv_app_window_has_graph (DV_APP_WINDOW (active)) &&
      !dv_app_window_is_loading (DV_APP_WINDOW (active)))
    return DV_APP_WINDOW (active);
  return dv_app_application_new_window (self);
}

typedef struct {
  const char *select;
  GFile      *sizes;    /* for the first file */
  const char *view;
  GFile      *compare;  /* the older build, for the first file */
  GFile      *compare_sizes;
} OpenOptions;

static void
dv_app_application_open_files (DvAppApplication  *self,
                               GFile            **files,
                               int                n_files,
                               const OpenOptions *options)
{
  /* The parser starts before the window's first frame, and runs beside it. */
  for (int i = 0; i < n_files; i++)
    {
      DvAppWindow *window = dv_app_application_window_for_file (self, i == 0);

      if (g_file_query_file_type (files[i], G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
        {
          /* a Go package: built with the dump, then opened */
          dv_app_application_present (GTK_WINDOW (window));
          dv_app_window_build_and_open (window, files[i], ".");
          continue;
        }
      dv_app_window_open_with_sizes (window, files[i], options ? options->select : NULL,
                                     options && i == 0 ? options->sizes : NULL);
      if (options != NULL && i == 0 && options->compare != NULL)
        dv_app_window_compare_with (window, options->compare, options->compare_sizes);
      if (options != NULL && options->view != NULL)
        dv_app_window_show_view (window, options->view);
      dv_app_application_present (GTK_WINDOW (window));
    }
}

static void
dv_app_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  dv_app_application_open_files (DV_APP_APPLICATION (app), files, n_files, NULL);
}

static int
dv_app_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("depview %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_contains (options, "timings"))
    {
      dv_app_timings_set_enabled (TRUE);
      dv_app_timings_mark ("options parsed");
    }
  return -1;
}

static int
dv_app_application_command_line (GApplication            *app,
                                 GApplicationCommandLine *cmdline)
{
  DvAppApplication *self = DV_APP_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (cmdline);
  g_autofree const char **args = NULL;
  g_autofree char *select = NULL;
  g_autofree char *sizes_arg = NULL;
  g_autofree char *view = NULL;
  g_autofree char *compare_arg = NULL;
  g_autofree char *compare_sizes_arg = NULL;
  g_autoptr(GFile) compare_sizes = NULL;
  g_autoptr(GFile) sizes = NULL;
  g_autoptr(GFile) compare = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  OpenOptions open = { 0 };

  g_variant_dict_lookup (options, "select", "s", &select);
  g_variant_dict_lookup (options, "sizes", "^ay", &sizes_arg);
  g_variant_dict_lookup (options, "view", "s", &view);
  g_variant_dict_lookup (options, "compare", "^ay", &compare_arg);
  g_variant_dict_lookup (options, "compare-sizes", "^ay", &compare_sizes_arg);
  if (view != NULL && !dv_app_window_is_view_name (view))
    {
      g_application_command_line_printerr (cmdline, _("--view=%s: the views are chain, map, keeps, reflect and compare\n"),
                                           view);
      return 2;
    }
  if (sizes_arg != NULL)
    sizes = g_application_command_line_create_file_for_arg (cmdline, sizes_arg);
  if (compare_arg != NULL)
    compare = g_application_command_line_create_file_for_arg (cmdline, compare_arg);
  if (compare_sizes_arg != NULL)
    compare_sizes = g_application_command_line_create_file_for_arg (cmdline, compare_sizes_arg);
  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &args);

  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (files, g_application_command_line_create_file_for_arg (cmdline, args[i]));

  if (files->len == 0)
    {
      if (select != NULL || sizes != NULL || compare != NULL || view != NULL)
        g_application_command_line_printerr (cmdline, "%s\n",
                                             _("--select, --sizes, --view and --compare need a FILE to open"));
      g_application_activate (app);
      return 0;
    }

  open.select = select;
  open.sizes = sizes;
  open.view = view;
  open.compare = compare;
  open.compare_sizes = compare_sizes;
  dv_app_application_open_files (self, (GFile **) files->pdata, files->len, &open);
  return 0;
}

/* Actions */

static void
new_window_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  dv_app_application_present (GTK_WINDOW (dv_app_application_new_window (DV_APP_APPLICATION (user_data))));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  GtkApplication *app = user_data;
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *window;

  builder = gtk_builder_new_from_resource ("/com/example/DepView/ui/dv-app-shortcuts-window.ui");
  window = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
  gtk_window_set_transient_for (window, gtk_application_get_active_window (app));
  gtk_window_set_application (window, app);
  gtk_window_present (window);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWidget *about;

  builder = gtk_builder_new_from_resource ("/com/example/DepView/ui/dv-app-about-window.ui");
  about = GTK_WIDGET (gtk_builder_get_object (builder, "about_window"));
  adw_about_window_set_version (ADW_ABOUT_WINDOW (about), PACKAGE_VERSION);
  gtk_window_set_transient_for (GTK_WINDOW (about), gtk_application_get_active_window (app));
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (app));

  /* Closing each window lets it save its size. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
  g_application_quit (G_APPLICATION (app));
}

static const GActionEntry app_entries[] = {
  { "new-window", new_window_action },
  { "shortcuts", shortcuts_action },
  { "about", about_action },
  { "quit", quit_action },
};

static const struct {
  const char *action;
  const char *accels[4];
} app_accels[] = {
  { "app.new-window",    { "<Control>n", NULL } },
  { "app.shortcuts",     { "<Control>question", NULL } },
  { "app.quit",          { "<Control>q", NULL } },
  { "win.open",          { "<Control>o", NULL } },
  { "win.reload",        { "F5", "<Control>r", NULL } },
  { "win.find",          { "<Control>f", NULL } },
  { "win.back",          { "<Alt>Left", NULL } },
  { "win.forward",       { "<Alt>Right", NULL } },
  { "win.zoom-in",       { "<Control>plus", "<Control>equal", "<Control>KP_Add", NULL } },
  { "win.zoom-out",      { "<Control>minus", "<Control>KP_Subtract", NULL } },
  { "win.zoom-fit",      { "<Control>0", "<Control>KP_0", NULL } },
  { "win.package-graph", { "<Control><Shift>p", NULL } },
  { "win.export-menu",   { "<Control>e", NULL } },
  { "win.copy-markdown", { "<Control><Shift>c", NULL } },
  { "win.close",         { "<Control>w", NULL } },
  { "win.view::chain",   { "<Alt>1", NULL } },
  { "win.view::map",     { "<Alt>2", NULL } },
  { "win.view::keeps",   { "<Alt>3", NULL } },
  { "win.view::reflect", { "<Alt>4", NULL } },
  { "win.view::compare", { "<Alt>5", NULL } },
  { "win.add-sizes",     { "<Control>i", NULL } },
  { "win.compare-with",  { "<Control>d", NULL } },
  { "win.mark-keeps",    { "<Control>k", NULL } },
  { "win.mark-added",    { "<Control><Shift>n", NULL } },
  { "win.build-open",    { "<Control>b", NULL } },
};

static gpointer
warm_up_thread (gpointer data)
{
  dv_layout_warm_up ();
  return NULL;
}

static void
dv_app_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (dv_app_application_parent_class)->startup (app);

  /* Graphviz's first layout loads its plugins and fonts: do that while the
   * first window opens and the dump loads, so the first chain is quick. */
  g_thread_unref (g_thread_new ("graphviz-warm-up", warm_up_thread, NULL));

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_entries, G_N_ELEMENTS (app_entries), app);
  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), app_accels[i].action,
                                           app_accels[i].accels);
  dv_app_timings_mark ("application started");
}

static void
dv_app_application_class_init (DvAppApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = dv_app_application_startup;
  app_class->activate = dv_app_application_activate;
  app_class->open = dv_app_application_open;
  app_class->command_line = dv_app_application_command_line;
  app_class->handle_local_options = dv_app_application_handle_local_options;
}

static void
dv_app_application_init (DvAppApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Show why each symbol of a Go binary is kept, from the linker’s -dumpdep output."));
}

DvAppApplication *
dv_app_application_new (void)
{
  return g_object_new (DV_APP_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/com/example/DepView",
                       NULL);
}
