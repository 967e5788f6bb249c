/* dv-app-window-views.c: the window's views beside the chain, each an
 * answer of the CLI as a picture: the map of the binary (`top`), what the
 * focus keeps alive (`keeps`), the reflect culprits (`reflect`) and the
 * comparison with another build (`diff`); and what feeds them: the sizes
 * file, the other build, and Build and Open.
 *
 * The views compute in their own threads. A view is told about a new
 * graph, sizes or focus only while it is shown (or when it is shown next),
 * so the chain stays as quick as it was when nobody looks at the others;
 * but while the window marks what the focus keeps alive, or what the
 * comparison found new, the Keeps or Compare view works for the mark
 * whether it is shown or not. */
#define G_LOG_DOMAIN "depview"

#include "config.h"

#include <glib/gi18n.h>

#include "dv-app-build-dialog.h"
#include "dv-app-window-private.h"
#include "dv-format.h"
#include "dv-format-cost.h"

#define VIEW_CHAIN   "chain"
#define VIEW_MAP     "map"
#define VIEW_KEEPS   "keeps"
#define VIEW_REFLECT "reflect"
#define VIEW_COMPARE "compare"

static const char *const view_names[] = { VIEW_CHAIN, VIEW_MAP, VIEW_KEEPS, VIEW_REFLECT, VIEW_COMPARE, NULL };

gboolean
dv_app_window_is_view_name (const char *name)
{
  return name != NULL && g_strv_contains (view_names, name);
}

static const char *
visible_view (DvAppWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);
  return name ? name : VIEW_CHAIN;
}

/* ---- bringing each view up to date --------------------------------------- */

static void
update_map (DvAppWindow *self)
{
  DvCost *cost = dv_app_document_get_cost (self->document);

  gtk_stack_set_visible_child_name (self->map_stack, cost != NULL ? "map" : "no-sizes");
  if (cost != dv_app_treemap_get_cost (self->treemap))
    {
      /* the widget borrows the cost: the window keeps a ref as long */
      dv_app_treemap_set_cost (self->treemap, cost);
      g_clear_pointer (&self->map_cost, dv_cost_free);
      if (cost != NULL)
        self->map_cost = dv_cost_ref (cost);
    }
}

static void
update_keeps (DvAppWindow *self)
{
  DvGraph *graph = dv_app_document_get_graph (self->document);
  DvCost *cost = dv_app_document_get_cost (self->document);
  /* The focus names ids of its own graph: while the document already has
   * a new one, they would name other symbols of it. */
  gboolean same = graph != NULL && dv_app_focus_get_graph (self->focus) == graph;
  DvSymbolId symbol = same ? dv_app_focus_get_symbol (self->focus) : DV_SYMBOL_NONE;
  DvPackageId package = same ? dv_app_focus_get_package (self->focus) : DV_PACKAGE_NONE;

  if (graph != self->keeps_graph || cost != self->keeps_cost)
    {
      dv_app_keeps_view_set_graph (self->keeps_view, graph, cost);
      g_clear_pointer (&self->keeps_graph, dv_graph_unref);
      g_clear_pointer (&self->keeps_cost, dv_cost_free);
      self->keeps_graph = graph ? dv_graph_ref (graph) : NULL;
      self->keeps_cost = cost ? dv_cost_ref (cost) : NULL;
      self->keeps_symbol = DV_SYMBOL_NONE;
      self->keeps_package = DV_PACKAGE_NONE;
    }
  if (symbol == self->keeps_symbol && package == self->keeps_package && graph != NULL)
    return;
  self->keeps_symbol = symbol;
  self->keeps_package = package;
  if (package != DV_PACKAGE_NONE)
    dv_app_keeps_view_set_focus_package (self->keeps_view, package);
  else if (symbol != DV_SYMBOL_NONE)
    dv_app_keeps_view_set_focus_symbol (self->keeps_view, symbol);
  else
    dv_app_keeps_view_clear_focus (self->keeps_view);
  gtk_stack_set_visible_child_name (self->keeps_stack,
                                    symbol != DV_SYMBOL_NONE || package != DV_PACKAGE_NONE ? "keeps" : "no-focus");
}

static void
update_reflect (DvAppWindow *self)
{
  DvGraph *graph = dv_app_document_get_graph (self->document);
  DvCost *cost = dv_app_document_get_cost (self->document);

  if (graph == self->reflect_graph && cost == self->reflect_cost)
    return;
  dv_app_reflect_view_set_graph (self->reflect_view, graph, cost);
  g_clear_pointer (&self->reflect_graph, dv_graph_unref);
  g_clear_pointer (&self->reflect_cost, dv_cost_free);
  self->reflect_graph = graph ? dv_graph_ref (graph) : NULL;
  self->reflect_cost = cost ? dv_cost_ref (cost) : NULL;
}

static void
update_compare (DvAppWindow *self)
{
  DvGraph *old_graph = dv_app_document_get_graph (self->compare_document);
  DvCost *old_cost = dv_app_document_get_cost (self->compare_document);
  DvGraph *graph = dv_app_document_get_graph (self->document);
  DvCost *cost = dv_app_document_get_cost (self->document);
  gboolean ready = old_graph != NULL && graph != NULL;

  gtk_stack_set_visible_child_name (self->compare_stack, ready ? "compare" : "no-compare");
  if (!ready)
    return;
  /* both sides' sizes, or neither: a diff with bytes on one side only would say nothing true */
  if (old_cost == NULL || cost == NULL)
    old_cost = cost = NULL;
  if (old_graph == self->compare_old && graph == self->compare_new
      && old_cost == self->compare_old_cost && cost == self->compare_new_cost)
    return;
  dv_app_compare_view_set_builds (self->compare_view, old_graph, old_cost, graph, cost);
  g_clear_pointer (&self->compare_old, dv_graph_unref);
  g_clear_pointer (&self->compare_new, dv_graph_unref);
  g_clear_pointer (&self->compare_old_cost, dv_cost_free);
  g_clear_pointer (&self->compare_new_cost, dv_cost_free);
  self->compare_old = dv_graph_ref (old_graph);
  self->compare_new = dv_graph_ref (graph);
  self->compare_old_cost = old_cost ? dv_cost_ref (old_cost) : NULL;
  self->compare_new_cost = cost ? dv_cost_ref (cost) : NULL;
}

static void
update_visible_view (DvAppWindow *self)
{
  const char *name = visible_view (self);

  if (g_str_equal (name, VIEW_MAP))
    update_map (self);
  else if (g_str_equal (name, VIEW_KEEPS))
    update_keeps (self);
  else if (g_str_equal (name, VIEW_REFLECT))
    update_reflect (self);
  else if (g_str_equal (name, VIEW_COMPARE))
    update_compare (self);
  dv_app_window_update_view_actions (self);
}

/* ---- the mark: what the focus keeps alive, or what is new ----------------- */

static void update_mark_line (DvAppWindow *self);

/* The mark is about to be worked out again for the dump of now (a new
 * focus, a new comparison): the sidebar drops "Only marked" while nothing
 * is marked, so it is held here and turned on again with the answer. A
 * mark of another dump is not held: a new dump starts with every row. */
/* The dump shown is the one last marked, or that file read again. */
static gboolean
marked_dump_shown (DvAppWindow *self)
{
  DvGraph *marked = dv_app_highlight_get_graph (self->highlight);
  GFile *file = dv_app_document_get_file (self->document);

  if (marked != NULL && marked == dv_app_document_get_graph (self->document))
    return TRUE;
  return self->marked_file != NULL && file != NULL && g_file_equal (self->marked_file, file);
}

static void
clear_mark_for_now (DvAppWindow *self)
{
  if (dv_app_highlight_get_kind (self->highlight) != DV_APP_HIGHLIGHT_NONE)
    self->mark_only_held = marked_dump_shown (self) && dv_app_sidebar_get_only_marked (self->sidebar);
  dv_app_highlight_clear (self->highlight);
}

/* Marks the answer, with "Only marked" on again if it was held. */
static void
set_mark_answer (DvAppWindow        *self,
                 DvAppHighlightKind  kind,
                 DvGraph            *graph,
                 const DvSymbolId   *symbols,
                 guint               n_symbols,
                 const DvPackageId  *packages,
                 guint               n_packages,
                 const char         *label)
{
  DvCost *cost;

  /* on before the marks: the lists narrow once, not twice */
  if (self->mark_only_held && graph == dv_app_document_get_graph (self->document))
    dv_app_sidebar_set_only_marked (self->sidebar, TRUE);
  self->mark_only_held = FALSE;
  g_set_object (&self->marked_file, dv_app_document_get_file (self->document));
  /* the mark line's bytes, summed here over the marked ids (the set's
   * "changed" writes the line); a cost that comes later marks again */
  cost = dv_app_document_get_cost (self->document);
  self->mark_sized = cost != NULL && dv_cost_get_graph (cost) == graph;
  self->mark_bytes = 0;
  for (guint i = 0; self->mark_sized && i < n_symbols; i++)
    self->mark_bytes += dv_cost_symbol_size (cost, symbols[i]);
  dv_app_highlight_set (self->highlight, kind, graph, symbols, n_symbols, packages, n_packages, label);
}

/* KEEPS: the keeps view's answer for the focus of now, and the packages
 * every live symbol of which goes with it (they would leave the binary). */
static void
mark_keeps (DvAppWindow *self)
{
  GArray *dominated = dv_app_keeps_view_get_dominated (self->keeps_view);
  DvGraph *graph = self->keeps_graph;
  g_autofree guint *gone = NULL;
  g_autoptr(GArray) packages = NULL;
  g_autofree char *label = NULL;
  guint n_packages;

  if (graph == NULL || dominated == NULL || dv_app_keeps_view_get_busy (self->keeps_view))
    {
      clear_mark_for_now (self);
      return;
    }
  n_packages = dv_graph_get_n_packages (graph);
  gone = g_new0 (guint, MAX (n_packages, 1u));
  for (guint i = 0; i < dominated->len; i++)
    {
      DvPackageId p = dv_graph_symbol_package (graph, g_array_index (dominated, DvSymbolId, i));

      if (p != DV_PACKAGE_NONE)
        gone[p]++;
    }
  packages = g_array_new (FALSE, FALSE, sizeof (DvPackageId));
  for (DvPackageId p = 0; p < n_packages; p++)
    if (gone[p] > 0 && gone[p] == dv_graph_package_n_reachable (graph, p))
      g_array_append_val (packages, p);
  /* TRANSLATORS: why symbols are marked: they would leave the binary with
   * the focus ("goes with crypto/tls.(*Conn).Handshake") */
  label = g_strdup_printf (_("goes with %s"),
                           self->keeps_package != DV_PACKAGE_NONE ? dv_graph_package_name (graph, self->keeps_package)
                                                                  : dv_graph_symbol_name (graph, self->keeps_symbol));
  set_mark_answer (self, DV_APP_HIGHLIGHT_KEEPS, graph,
                   (const DvSymbolId *) dominated->data, dominated->len,
                   (const DvPackageId *) packages->data, packages->len, label);
}

/* A build's name without the dump's suffixes: "etcd-go1.19" for
 * etcd-go1.19.deps-and-calls.txt.gz. */
static char *
build_name (const char *title)
{
  static const char *const suffixes[] = { ".gz", ".txt", ".deps-and-calls", ".deps", NULL };
  char *name = g_strdup (title != NULL ? title : "");
  gboolean cut = TRUE;

  while (cut)
    {
      cut = FALSE;
      for (guint i = 0; suffixes[i] != NULL; i++)
        if (g_str_has_suffix (name, suffixes[i]) && strlen (name) > strlen (suffixes[i]))
          {
            name[strlen (name) - strlen (suffixes[i])] = '\0';
            cut = TRUE;
          }
    }
  return name;
}

/* ADDED: the comparison's new symbols and packages, once it is done for
 * the two builds of now. */
static void
mark_added (DvAppWindow *self)
{
  const DvDiff *diff = dv_app_compare_view_get_diff (self->compare_view);
  DvGraph *graph = dv_app_document_get_graph (self->document);
  DvGraph *old_graph = dv_app_document_get_graph (self->compare_document);
  g_autofree char *label = NULL;
  g_autofree char *old_name = NULL;

  if (diff == NULL || dv_app_compare_view_get_busy (self->compare_view) || graph == NULL || old_graph == NULL
      || self->compare_new != graph || self->compare_old != old_graph)
    {
      clear_mark_for_now (self);
      return;
    }
  /* TRANSLATORS: why symbols are marked: the build compared with lacks them
   * ("new since etcd-go1.19") */
  old_name = build_name (dv_app_document_get_title (self->compare_document));
  label = g_strdup_printf (_("new since %s"), old_name);
  set_mark_answer (self, DV_APP_HIGHLIGHT_ADDED, graph,
                   (const DvSymbolId *) diff->added->data, diff->added->len,
                   (const DvPackageId *) diff->added_packages->data, diff->added_packages->len, label);
}

/* Brings the view the mark reads up to date, and the mark with it. */
static void
refresh_mark (DvAppWindow *self)
{
  switch (self->mark)
    {
    case DV_APP_HIGHLIGHT_KEEPS:
      update_keeps (self);
      mark_keeps (self);
      break;
    case DV_APP_HIGHLIGHT_ADDED:
      update_compare (self);
      mark_added (self);
      break;
    case DV_APP_HIGHLIGHT_NONE:
    default:
      self->mark_only_held = FALSE;
      g_clear_object (&self->marked_file);
      dv_app_highlight_clear (self->highlight);
    }
  update_mark_line (self);
}

void
dv_app_window_set_mark (DvAppWindow        *self,
                        DvAppHighlightKind  kind)
{
  g_return_if_fail (DV_APP_IS_WINDOW (self));

  /* a choice of the user's: a comparison that finishes later does not override it */
  self->mark_added_auto = FALSE;
  if (kind == self->mark)
    return;
  self->mark = kind;
  refresh_mark (self);
  dv_app_window_notify_mark (self);
}

DvAppHighlightKind
dv_app_window_get_mark (DvAppWindow *self)
{
  return self->mark;
}

DvAppHighlight *
dv_app_window_get_highlight (DvAppWindow *self)
{
  return self->highlight;
}

const char *
dv_app_window_get_mark_text (DvAppWindow *self)
{
  return gtk_revealer_get_reveal_child (self->mark_revealer) ? gtk_label_get_text (self->mark_label) : NULL;
}

/* "23 symbols (1.2 MB) and 2 packages marked: new since etcd-go1.19" */
static char *
mark_summary (DvAppWindow *self)
{
  DvAppHighlight *h = self->highlight;
  guint n = dv_app_highlight_get_n_symbols (h);
  guint n_packages = dv_app_highlight_get_n_packages (h);
  g_autofree char *what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u symbol", "%u symbols", n), n);

  if (self->mark_sized)
    {
      g_autofree char *size = NULL;
      char *with_size;

      size = dv_format_bytes (self->mark_bytes);
      /* TRANSLATORS: marked symbols and their bytes ("23 symbols (1.2 MB)") */
      with_size = g_strdup_printf (_("%s (%s)"), what, size);
      g_free (what);
      what = with_size;
    }
  if (n_packages > 0)
    {
      g_autofree char *packages = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u package", "%u packages",
                                                                n_packages), n_packages);
      /* TRANSLATORS: "23 symbols (1.2 MB) and 2 packages" */
      char *with_packages = g_strdup_printf (_("%s and %s"), what, packages);

      g_free (what);
      what = with_packages;
    }
  /* TRANSLATORS: the line over the views: what is marked, and why
   * ("23 symbols marked: new since etcd-go1.19") */
  return g_strdup_printf (_("%s marked: %s"), what, dv_app_highlight_get_label (h));
}

static void
update_mark_line (DvAppWindow *self)
{
  g_autofree char *text = NULL;

  if (self->mark_label == NULL)
    return;
  if (dv_app_highlight_get_kind (self->highlight) != DV_APP_HIGHLIGHT_NONE)
    text = mark_summary (self);
  else if (self->mark == DV_APP_HIGHLIGHT_KEEPS)
    text = g_strdup (self->keeps_symbol == DV_SYMBOL_NONE && self->keeps_package == DV_PACKAGE_NONE
                     ? _("Choose a symbol or a package to mark what it keeps alive")
                     : _("Working out what the focus keeps alive…"));
  else if (self->mark == DV_APP_HIGHLIGHT_ADDED)
    text = g_strdup (dv_app_document_get_graph (self->compare_document) == NULL
                     ? _("Compare with another build to mark what is new in this one")
                     : _("Comparing the two builds…"));
  gtk_label_set_text (self->mark_label, text != NULL ? text : "");
  gtk_revealer_set_reveal_child (self->mark_revealer, text != NULL);
}

static void
keeps_busy_cb (DvAppWindow *self)
{
  if (self->mark == DV_APP_HIGHLIGHT_KEEPS)
    {
      mark_keeps (self);
      update_mark_line (self);
    }
}

static void
compare_busy_cb (DvAppWindow *self)
{
  /* a comparison the user asked for is marked when it is done, unless the
   * user chose another mark or turned this one off meanwhile */
  if (self->mark_added_auto && self->mark == DV_APP_HIGHLIGHT_NONE && !self->mark_added_declined
      && !dv_app_compare_view_get_busy (self->compare_view) && dv_app_compare_view_get_diff (self->compare_view) != NULL)
    {
      dv_app_window_set_mark (self, DV_APP_HIGHLIGHT_ADDED);
      return;
    }
  if (self->mark == DV_APP_HIGHLIGHT_ADDED)
    {
      mark_added (self);
      update_mark_line (self);
    }
}

static void
unmark_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  DvAppWindow *self = DV_APP_WINDOW (widget);

  if (self->mark == DV_APP_HIGHLIGHT_ADDED)
    self->mark_added_declined = TRUE;
  dv_app_window_set_mark (self, DV_APP_HIGHLIGHT_NONE);
}

static void
visible_view_changed_cb (DvAppWindow *self)
{
  update_visible_view (self);
}

/* The header's subtitle: how much of the binary the sizes cover. */
static void
update_sizes_subtitle (DvAppWindow *self)
{
  DvCost *cost = dv_app_document_get_cost (self->document);
  g_autofree char *text = NULL;

  if (dv_app_document_get_sizes_loading (self->document))
    text = g_strdup (_("reading sizes…"));
  else if (cost != NULL)
    {
      const DvCostSummary *s = dv_cost_get_summary (cost);
      guint64 explained = s->matched_bytes + s->pooled_bytes;

      if (s->total_source != NULL && s->total_bytes > 0)
        {
          /* nm counts some bss as data: never more than the binary holds */
          g_autofree char *matched = dv_format_bytes (MIN (explained, s->total_bytes));
          g_autofree char *total = dv_format_bytes (s->total_bytes);
          guint percent = (guint) (MIN (explained, s->total_bytes) * 100 / s->total_bytes);
          /* TRANSLATORS: "9.8 MB of 11.7 MB (84%) explained by the sizes" */
          text = g_strdup_printf (_("sizes cover %s of %s (%u%%)"), matched, total, percent);
        }
      else
        {
          g_autofree char *matched = dv_format_bytes (explained);
          text = g_strdup_printf (_("sizes cover %s (total unknown)"), matched);
        }
    }
  g_free (self->sizes_text);
  self->sizes_text = g_steal_pointer (&text);
  dv_app_window_update_title (self);
}

static void
document_changed_cb (DvAppWindow *self)
{
  DvGraph *graph = dv_app_document_get_graph (self->document);

  update_sizes_subtitle (self);
  /* another dump: what was new in the one before is no longer marked (a
   * reload of the same file is compared again, and marked again) */
  if (self->mark == DV_APP_HIGHLIGHT_ADDED && self->compare_new != NULL && self->compare_new != graph
      && !marked_dump_shown (self))
    dv_app_window_set_mark (self, DV_APP_HIGHLIGHT_NONE);
  update_visible_view (self);
  if (self->mark != DV_APP_HIGHLIGHT_NONE)
    refresh_mark (self);
}

static void
sizes_error_cb (DvAppWindow *self)
{
  const GError *error = dv_app_document_get_sizes_error (self->document);

  if (error != NULL)
    dv_app_window_show_banner (self, TRUE, error->message, FALSE);
}

static void
compare_failed_cb (DvAppWindow   *self,
                   const char    *title,
                   const GError  *error)
{
  g_autofree char *text = g_strdup_printf (_("“%s” cannot be compared: %s"), title, error->message);

  dv_app_window_show_banner (self, TRUE, text, FALSE);
}

static void
compare_choose_binary_cb (DvAppWindow *self,
                          const char  *title,
                          GStrv        binaries)
{
  /* the other build's section: the one of the same name as this one's, else the first */
  const char *mine = dv_app_document_get_binary (self->document);
  const char *pick = binaries[0];

  for (guint i = 0; mine != NULL && binaries[i] != NULL; i++)
    if (g_str_equal (binaries[i], mine))
      pick = binaries[i];
  dv_app_document_choose_binary (self->compare_document, pick);
}

static void
focus_changed_cb (DvAppWindow *self)
{
  if (self->mark == DV_APP_HIGHLIGHT_KEEPS)
    refresh_mark (self);
  else if (g_str_equal (visible_view (self), VIEW_KEEPS))
    update_keeps (self);
}

/* ---- from a view back to the chain --------------------------------------- */

static void
show_chain_of_symbol (DvAppWindow *self,
                      DvSymbolId   symbol)
{
  adw_view_stack_set_visible_child_name (self->view_stack, VIEW_CHAIN);
  dv_app_window_focus_symbol (self, symbol);
}

static void
view_symbol_activated_cb (DvAppWindow *self,
                          guint        symbol)
{
  show_chain_of_symbol (self, symbol);
}

static void
map_package_activated_cb (DvAppWindow *self,
                          guint        package)
{
  DvGraph *graph = dv_app_document_get_graph (self->document);

  adw_view_stack_set_visible_child_name (self->view_stack, VIEW_CHAIN);
  dv_app_window_select (self, dv_graph_package_name (graph, package));
}

static void
compare_symbol_activated_cb (DvAppWindow *self,
                             guint        symbol,
                             gboolean     in_old)
{
  DvGraph *old_graph = dv_app_document_get_graph (self->compare_document);
  DvGraph *graph = dv_app_document_get_graph (self->document);
  const char *name;
  DvSymbolId here;

  if (!in_old)
    {
      show_chain_of_symbol (self, symbol);
      return;
    }
  name = dv_graph_symbol_name (old_graph, symbol);
  here = dv_graph_find_symbol (graph, name, -1);
  if (here != DV_SYMBOL_NONE)
    show_chain_of_symbol (self, here);
  else
    {
      g_autofree char *text = g_strdup_printf (_("%s is only in the other build"), name);
      dv_app_window_toast (self, text);
    }
}

/* ---- files: sizes, the other build, a build of a Go package --------------- */

void
dv_app_window_add_sizes (DvAppWindow *self,
                         GFile       *file)
{
  dv_app_document_set_sizes (self->document, file);
}

void
dv_app_window_compare_with (DvAppWindow *self,
                            GFile       *old_dump,
                            GFile       *old_sizes)
{
  g_return_if_fail (G_IS_FILE (old_dump));
  if (old_sizes == NULL)
    old_sizes = dv_app_document_get_sizes_file (self->compare_document);
  dv_app_document_load_with_sizes (self->compare_document, old_dump, old_sizes);
  /* what it finds new is marked once it is done, unless the user says otherwise */
  self->mark_added_auto = self->mark == DV_APP_HIGHLIGHT_NONE;
  adw_view_stack_set_visible_child_name (self->view_stack, VIEW_COMPARE);
}

void
dv_app_window_show_view (DvAppWindow *self,
                         const char  *name)
{
  g_return_if_fail (dv_app_window_is_view_name (name));
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

const char *
dv_app_window_get_view (DvAppWindow *self)
{
  return visible_view (self);
}

static void
built_cb (DvAppBuildDialog *dialog,
          const char       *dump_path,
          const char       *sizes_path,
          DvAppWindow      *self)
{
  g_autoptr(GFile) dump = g_file_new_for_path (dump_path);
  g_autoptr(GFile) sizes = sizes_path ? g_file_new_for_path (sizes_path) : NULL;

  dv_app_document_load_with_sizes (self->document, dump, sizes);
}

void
dv_app_window_build_and_open (DvAppWindow *self,
                              GFile       *folder,
                              const char  *package)
{
  DvAppBuildDialog *dialog = dv_app_build_dialog_new (GTK_WINDOW (self));

  g_signal_connect_object (dialog, "built", G_CALLBACK (built_cb), self, 0);
  if (folder != NULL)
    dv_app_build_dialog_set_folder (dialog, folder);
  if (package != NULL)
    dv_app_build_dialog_set_package (dialog, package);
  gtk_window_present (GTK_WINDOW (dialog));
  if (folder != NULL)
    dv_app_build_dialog_start (dialog);
}

/* ---- actions ------------------------------------------------------------------ */

typedef void (*FileChosen) (DvAppWindow *self, GFile *file);

typedef struct {
  DvAppWindow *self;
  FileChosen   chosen;
} Chooser;

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  Chooser *c = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      if (file != NULL)
        c->chosen (c->self, file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (c->self);
  g_free (c);
}

static void
choose_file (DvAppWindow *self,
             const char  *title,
             const char  *accept,
             FileChosen   chosen)
{
  GtkFileChooserNative *dialog;
  Chooser *c = g_new0 (Chooser, 1);
  GFile *current = dv_app_document_get_file (self->document);
  g_autoptr(GFile) folder = current ? g_file_get_parent (current) : NULL;

  c->self = g_object_ref (self);
  c->chosen = chosen;
  dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN, accept,
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
  g_signal_connect (dialog, "response", G_CALLBACK (chooser_response_cb), c);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
sizes_chosen (DvAppWindow *self, GFile *file)
{
  dv_app_window_add_sizes (self, file);
}

static void
compare_chosen (DvAppWindow *self, GFile *file)
{
  dv_app_window_compare_with (self, file, NULL);
}

static void
compare_sizes_chosen (DvAppWindow *self, GFile *file)
{
  dv_app_document_set_sizes (self->compare_document, file);
}

static void
view_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  const char *name = g_variant_get_string (param, NULL);

  if (dv_app_window_is_view_name (name))
    dv_app_window_show_view (DV_APP_WINDOW (widget), name);
}

static void
add_sizes_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  choose_file (DV_APP_WINDOW (widget), _("Add Sizes: the Go Binary or go tool nm -size Output"),
               _("_Add"), sizes_chosen);
}

static void
compare_with_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  choose_file (DV_APP_WINDOW (widget), _("Compare With Another Build’s Dump"), _("_Compare"),
               compare_chosen);
}

static void
compare_sizes_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  choose_file (DV_APP_WINDOW (widget), _("Sizes of the Other Build"), _("_Add"), compare_sizes_chosen);
}

static void
build_open_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  dv_app_window_build_and_open (DV_APP_WINDOW (widget), NULL, NULL);
}

static void
map_mode_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  DvAppWindow *self = DV_APP_WINDOW (widget);
  gboolean retained = g_str_equal (g_variant_get_string (param, NULL), "retained");

  dv_app_treemap_set_mode (self->treemap, retained ? DV_TREEMAP_BY_RETAINED : DV_TREEMAP_BY_SIZE);
}

static void
map_export_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(DvAppWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    dv_app_window_show_banner (self, TRUE, error->message, FALSE);
  else
    dv_app_window_toast (self, _("Map exported"));
}

gboolean
dv_app_window_export_map (DvAppWindow *self,
                          GFile       *file,
                          GError     **error)
{
  const DvTreemap *map = dv_app_treemap_get_map (self->treemap);
  g_autofree char *svg = NULL;

  if (map == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("The map is not drawn yet"));
      return FALSE;
    }
  svg = dv_treemap_to_svg (map, 0, 1200, 800);
  return g_file_replace_contents (file, svg, strlen (svg), NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, NULL, error);
}

static void
map_export_chosen (DvAppWindow *self, GFile *file)
{
  const DvTreemap *map = dv_app_treemap_get_map (self->treemap);
  char *svg;
  gsize len;

  if (map == NULL)
    return;
  svg = dv_treemap_to_svg (map, 0, 1200, 800);
  len = strlen (svg);
  g_file_replace_contents_bytes_async (file, g_bytes_new_take (svg, len), NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION, NULL, map_export_done_cb,
                                       g_object_ref (self));
}

static void
map_export_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  DvAppWindow *self = DV_APP_WINDOW (widget);
  GtkFileChooserNative *dialog;
  Chooser *c = g_new0 (Chooser, 1);
  g_autofree char *name = NULL;

  c->self = g_object_ref (self);
  c->chosen = map_export_chosen;
  dialog = gtk_file_chooser_native_new (_("Export the Map as SVG"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  name = g_strdup_printf ("%s-map.svg", dv_app_document_get_title (self->document)
                                          ? dv_app_document_get_title (self->document) : "depview");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (chooser_response_cb), c);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

void
dv_app_window_class_install_view_actions (DvAppWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* "chain", "map", "keeps", "reflect" or "compare" */
  gtk_widget_class_install_action (widget_class, "win.view", "s", view_action);
  gtk_widget_class_install_action (widget_class, "win.add-sizes", NULL, add_sizes_action);
  gtk_widget_class_install_action (widget_class, "win.compare-with", NULL, compare_with_action);
  gtk_widget_class_install_action (widget_class, "win.compare-sizes", NULL, compare_sizes_action);
  gtk_widget_class_install_action (widget_class, "win.build-open", NULL, build_open_action);
  /* "size" or "retained" */
  gtk_widget_class_install_action (widget_class, "win.map-mode", "s", map_mode_action);
  gtk_widget_class_install_action (widget_class, "win.export-map", NULL, map_export_action);
  gtk_widget_class_install_action (widget_class, "win.unmark", NULL, unmark_action);
}

void
dv_app_window_update_view_actions (DvAppWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_graph = dv_app_document_get_graph (self->document) != NULL;

  gtk_widget_action_set_enabled (widget, "win.view", has_graph);
  gtk_widget_action_set_enabled (widget, "win.add-sizes", has_graph);
  gtk_widget_action_set_enabled (widget, "win.compare-with", has_graph);
  gtk_widget_action_set_enabled (widget, "win.compare-sizes",
                                 dv_app_document_get_graph (self->compare_document) != NULL);
  gtk_widget_action_set_enabled (widget, "win.map-mode", dv_app_document_get_cost (self->document) != NULL);
  gtk_widget_action_set_enabled (widget, "win.export-map", dv_app_treemap_get_map (self->treemap) != NULL);
  gtk_widget_action_set_enabled (widget, "win.mark-keeps", has_graph);
  gtk_widget_action_set_enabled (widget, "win.mark-added", has_graph);
}

/* ---- the pages ------------------------------------------------------------------ */

static GtkWidget *
status_page (const char *icon,
             const char *title,
             const char *description,
             const char *button_label,
             const char *action)
{
  GtkWidget *page = adw_status_page_new ();
  GtkWidget *button;

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), icon);
  adw_status_page_set_title (ADW_STATUS_PAGE (page), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (page), description);
  if (button_label != NULL)
    {
      button = gtk_button_new_with_mnemonic (button_label);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
      gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_add_css_class (button, "suggested-action");
      adw_status_page_set_child (ADW_STATUS_PAGE (page), button);
    }
  return page;
}

static GtkWidget *
page_stack (GtkStack  **out,
            GtkWidget  *content,
            const char *content_name,
            GtkWidget  *empty,
            const char *empty_name)
{
  GtkWidget *stack = gtk_stack_new ();

  gtk_stack_add_named (GTK_STACK (stack), empty, empty_name);
  gtk_stack_add_named (GTK_STACK (stack), content, content_name);
  gtk_stack_set_visible_child_name (GTK_STACK (stack), empty_name);
  gtk_widget_set_vexpand (stack, TRUE);
  *out = GTK_STACK (stack);
  return stack;
}

/* The two marks as toggles, as on the graph (dv-app-window.ui). */
static GtkWidget *
mark_toggles (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *keeps = gtk_toggle_button_new_with_label (_("Mark Keeps"));
  GtkWidget *added = gtk_toggle_button_new_with_label (_("Mark New"));

  gtk_widget_add_css_class (box, "linked");
  gtk_widget_add_css_class (keeps, "mark-toggle-keeps");
  gtk_widget_add_css_class (added, "mark-toggle-added");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (keeps), "win.mark-keeps");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (added), "win.mark-added");
  gtk_widget_set_tooltip_text (keeps, _("Mark What the Focus Keeps Alive (Ctrl+K)"));
  gtk_widget_set_tooltip_text (added, _("Mark What Is New Since the Compared Build (Ctrl+Shift+N)"));
  gtk_box_append (GTK_BOX (box), keeps);
  gtk_box_append (GTK_BOX (box), added);
  return box;
}

/* The line over the views that says what is marked, and turns it off. */
static GtkWidget *
mark_bar (DvAppWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *off = gtk_button_new_with_mnemonic (_("_Unmark"));

  self->mark_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->mark_label, 0);
  gtk_label_set_wrap (self->mark_label, TRUE);
  gtk_label_set_wrap_mode (self->mark_label, PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (GTK_WIDGET (self->mark_label), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (off), "win.unmark");
  gtk_widget_set_tooltip_text (off, _("Mark nothing in the graph, the lists and the map"));
  gtk_widget_add_css_class (off, "flat");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->mark_label));
  gtk_box_append (GTK_BOX (box), off);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_add_css_class (box, "mark-bar");
  self->mark_revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->mark_revealer, box);
  return GTK_WIDGET (self->mark_revealer);
}

static GtkWidget *
map_toolbar (DvAppWindow *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *modes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *own = gtk_toggle_button_new_with_mnemonic (_("_Own Size"));
  GtkWidget *retained = gtk_toggle_button_new_with_mnemonic (_("_Retained Size"));
  GtkWidget *export = gtk_button_new_with_mnemonic (_("E_xport Map as SVG…"));
  GtkWidget *spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (modes, "linked");
  gtk_actionable_set_detailed_action_name (GTK_ACTIONABLE (own), "win.map-mode::size");
  gtk_actionable_set_detailed_action_name (GTK_ACTIONABLE (retained), "win.map-mode::retained");
  gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (retained), GTK_TOGGLE_BUTTON (own));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (own), TRUE);
  gtk_widget_set_tooltip_text (own, _("Packages by the bytes of their own symbols"));
  gtk_widget_set_tooltip_text (retained, _("Packages by what would leave the binary with them"));
  gtk_box_append (GTK_BOX (modes), own);
  gtk_box_append (GTK_BOX (modes), retained);
  gtk_box_append (GTK_BOX (bar), modes);
  gtk_box_append (GTK_BOX (bar), mark_toggles ());
  gtk_widget_set_hexpand (spacer, TRUE);
  gtk_box_append (GTK_BOX (bar), spacer);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (export), "win.export-map");
  gtk_box_append (GTK_BOX (bar), export);
  gtk_widget_set_margin_start (bar, 6);
  gtk_widget_set_margin_end (bar, 6);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  return bar;
}

static GtkWidget *
compare_toolbar (DvAppWindow *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *other = gtk_button_new_with_mnemonic (_("Compare With _Another…"));
  GtkWidget *sizes = gtk_button_new_with_mnemonic (_("Sizes of the _Other Build…"));

  gtk_actionable_set_action_name (GTK_ACTIONABLE (other), "win.compare-with");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (sizes), "win.compare-sizes");
  gtk_box_append (GTK_BOX (bar), other);
  gtk_box_append (GTK_BOX (bar), sizes);
  gtk_widget_set_halign (bar, GTK_ALIGN_END);
  gtk_widget_set_margin_end (bar, 6);
  gtk_widget_set_margin_top (bar, 6);
  return bar;
}

static void
add_page (DvAppWindow *self,
          GtkWidget   *child,
          const char  *name,
          const char  *title,
          const char  *icon)
{
  AdwViewStackPage *page = adw_view_stack_add_titled (self->view_stack, child, name, title);

  adw_view_stack_page_set_icon_name (page, icon);
}

void
dv_app_window_views_init (DvAppWindow *self)
{
  GtkWidget *box, *map_box, *compare_box;
  AdwViewStackPage *page;

  self->compare_document = dv_app_document_new ();
  self->keeps_symbol = DV_SYMBOL_NONE;
  self->keeps_package = DV_PACKAGE_NONE;

  /* the chain page is graph_paned, where the template put it */
  self->view_stack = ADW_VIEW_STACK (adw_view_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->view_stack), TRUE);

  /* The chain page is graph_paned, where the template put it (the flap's
   * content): the stack takes its place, with the switcher above it. */
  GtkWidget *chain = GTK_WIDGET (self->graph_paned);
  GtkWidget *parent = gtk_widget_get_parent (chain);
  GtkWidget *switcher = adw_view_switcher_new ();
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  g_return_if_fail (ADW_IS_FLAP (parent) && adw_flap_get_content (ADW_FLAP (parent)) == chain);
  g_object_ref (chain);
  adw_flap_set_content (ADW_FLAP (parent), NULL);
  page = adw_view_stack_add_titled (self->view_stack, chain, VIEW_CHAIN, _("Chain"));
  adw_view_stack_page_set_icon_name (page, "network-workgroup-symbolic");
  g_object_unref (chain);
  adw_view_stack_set_visible_child_name (self->view_stack, VIEW_CHAIN);


  self->treemap = DV_APP_TREEMAP (dv_app_treemap_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->treemap), TRUE);
  map_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (map_box), map_toolbar (self));
  gtk_box_append (GTK_BOX (map_box), GTK_WIDGET (self->treemap));

  self->keeps_view = DV_APP_KEEPS_VIEW (dv_app_keeps_view_new ());
  self->reflect_view = DV_APP_REFLECT_VIEW (dv_app_reflect_view_new ());
  self->compare_view = DV_APP_COMPARE_VIEW (dv_app_compare_view_new ());
  compare_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (compare_box), compare_toolbar (self));
  gtk_widget_set_vexpand (GTK_WIDGET (self->compare_view), TRUE);
  gtk_box_append (GTK_BOX (compare_box), GTK_WIDGET (self->compare_view));

  /* TRANSLATORS: the views' tabs */
  add_page (self,
            page_stack (&self->map_stack, map_box, "map",
                        status_page ("view-grid-symbolic", _("No Sizes Yet"),
                                     _("The map shows each package by its bytes. Add the Go binary, or the "
                                       "output of go tool nm -size, to see them."),
                                     _("_Add Sizes…"), "win.add-sizes"),
                        "no-sizes"),
            VIEW_MAP, _("Map"), "view-grid-symbolic");
  add_page (self,
            page_stack (&self->keeps_stack, GTK_WIDGET (self->keeps_view), "keeps",
                        status_page ("edit-find-symbolic", _("Nothing in Focus"),
                                     _("Choose a symbol or a package to see what it keeps alive."), NULL, NULL),
                        "no-focus"),
            VIEW_KEEPS, _("Keeps Alive"), "edit-cut-symbolic");
  add_page (self, GTK_WIDGET (self->reflect_view), VIEW_REFLECT, _("Reflection"), "dialog-warning-symbolic");
  add_page (self,
            page_stack (&self->compare_stack, compare_box, "compare",
                        status_page ("view-dual-symbolic", _("Compare Two Builds"),
                                     _("Open the dump of another build of the same program to see which "
                                       "packages and symbols each adds, and what they cost."),
                                     _("_Compare With…"), "win.compare-with"),
                        "no-compare"),
            VIEW_COMPARE, _("Compare"), "view-dual-symbolic");

  g_signal_connect_swapped (self->treemap, "symbol-activated", G_CALLBACK (view_symbol_activated_cb), self);
  g_signal_connect_swapped (self->treemap, "package-activated", G_CALLBACK (map_package_activated_cb), self);
  g_signal_connect_swapped (self->treemap, "map-ready", G_CALLBACK (dv_app_window_update_view_actions), self);
  g_signal_connect_swapped (self->keeps_view, "symbol-activated", G_CALLBACK (view_symbol_activated_cb), self);
  g_signal_connect_swapped (self->reflect_view, "symbol-activated", G_CALLBACK (view_symbol_activated_cb), self);
  g_signal_connect_swapped (self->compare_view, "symbol-activated", G_CALLBACK (compare_symbol_activated_cb), self);

  g_signal_connect_swapped (self->document, "notify::graph", G_CALLBACK (document_changed_cb), self);
  g_signal_connect_swapped (self->document, "notify::cost", G_CALLBACK (document_changed_cb), self);
  g_signal_connect_swapped (self->document, "notify::sizes-loading", G_CALLBACK (update_sizes_subtitle), self);
  g_signal_connect_swapped (self->document, "notify::sizes-error", G_CALLBACK (sizes_error_cb), self);
  g_signal_connect_swapped (self->compare_document, "notify::graph", G_CALLBACK (document_changed_cb), self);
  g_signal_connect_swapped (self->compare_document, "notify::cost", G_CALLBACK (document_changed_cb), self);
  g_signal_connect_swapped (self->compare_document, "load-failed", G_CALLBACK (compare_failed_cb), self);
  g_signal_connect_swapped (self->compare_document, "choose-binary", G_CALLBACK (compare_choose_binary_cb), self);
  g_signal_connect_swapped (self->focus, "changed", G_CALLBACK (focus_changed_cb), self);
  g_signal_connect_swapped (self->keeps_view, "notify::busy", G_CALLBACK (keeps_busy_cb), self);
  g_signal_connect_swapped (self->compare_view, "notify::busy", G_CALLBACK (compare_busy_cb), self);
  g_signal_connect_swapped (self->highlight, "changed", G_CALLBACK (update_mark_line), self);
  dv_app_treemap_set_highlight (self->treemap, self->highlight);
  g_signal_connect_swapped (self->view_stack, "notify::visible-child-name", G_CALLBACK (visible_view_changed_cb),
                            self);

  adw_view_switcher_set_stack (ADW_VIEW_SWITCHER (switcher), self->view_stack);
  adw_view_switcher_set_policy (ADW_VIEW_SWITCHER (switcher), ADW_VIEW_SWITCHER_POLICY_WIDE);
  gtk_widget_set_hexpand (switcher, TRUE);
  gtk_widget_set_halign (switcher, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (bar), switcher);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_add_css_class (bar, "view-bar");
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), mark_bar (self));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->view_stack));
  adw_flap_set_content (ADW_FLAP (parent), box);
}

void
dv_app_window_views_dispose (DvAppWindow *self)
{
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  if (self->compare_document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->compare_document, self);
      dv_app_document_cancel (self->compare_document);
    }
  g_clear_object (&self->compare_document);
  g_clear_object (&self->marked_file);
  if (self->highlight != NULL)
    g_signal_handlers_disconnect_by_data (self->highlight, self);
  if (self->keeps_view != NULL)
    g_signal_handlers_disconnect_by_data (self->keeps_view, self);
  if (self->compare_view != NULL)
    g_signal_handlers_disconnect_by_data (self->compare_view, self);
  g_clear_pointer (&self->map_cost, dv_cost_free);
  g_clear_pointer (&self->sizes_text, g_free);
  g_clear_pointer (&self->keeps_graph, dv_graph_unref);
  g_clear_pointer (&self->keeps_cost, dv_cost_free);
  g_clear_pointer (&self->reflect_graph, dv_graph_unref);
  g_clear_pointer (&self->reflect_cost, dv_cost_free);
  g_clear_pointer (&self->compare_old, dv_graph_unref);
  g_clear_pointer (&self->compare_new, dv_graph_unref);
  g_clear_pointer (&self->compare_old_cost, dv_cost_free);
  g_clear_pointer (&self->compare_new_cost, dv_cost_free);
}
