/* dv-app-highlight.c: see dv-app-highlight.h. */
#define G_LOG_DOMAIN "depview"

#include "config.h"

#include <glib/gi18n.h>

#include "dv-app-highlight.h"

struct _DvAppHighlight
{
  GObject             parent_instance;

  DvAppHighlightKind  kind;
  DvGraph            *graph;
  char               *label;
  guint8             *symbols;   /* one byte a symbol of graph: 1 when marked */
  GBytes             *symbol_mask; /* owns symbols */
  guint8             *packages;  /* one byte a package */
  guint               n_symbols, n_packages; /* marked */
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DvAppHighlight, dv_app_highlight, G_TYPE_OBJECT)

static void
reset (DvAppHighlight *self)
{
  self->kind = DV_APP_HIGHLIGHT_NONE;
  g_clear_pointer (&self->graph, dv_graph_unref);
  g_clear_pointer (&self->label, g_free);
  self->symbols = NULL;
  g_clear_pointer (&self->symbol_mask, g_bytes_unref);
  g_clear_pointer (&self->packages, g_free);
  self->n_symbols = self->n_packages = 0;
}

static void
dv_app_highlight_finalize (GObject *object)
{
  reset (DV_APP_HIGHLIGHT (object));
  G_OBJECT_CLASS (dv_app_highlight_parent_class)->finalize (object);
}

static void
dv_app_highlight_class_init (DvAppHighlightClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dv_app_highlight_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dv_app_highlight_init (DvAppHighlight *self)
{
}

DvAppHighlight *
dv_app_highlight_new (void)
{
  return g_object_new (DV_APP_TYPE_HIGHLIGHT, NULL);
}

void
dv_app_highlight_set (DvAppHighlight     *self,
                      DvAppHighlightKind  kind,
                      DvGraph            *graph,
                      const DvSymbolId   *symbols,
                      guint               n_symbols,
                      const DvPackageId  *packages,
                      guint               n_packages,
                      const char         *label)
{
  guint graph_symbols, graph_packages;

  g_return_if_fail (DV_APP_IS_HIGHLIGHT (self));

  reset (self);
  if (kind == DV_APP_HIGHLIGHT_NONE || graph == NULL)
    {
      g_signal_emit (self, signals[CHANGED], 0);
      return;
    }
  self->kind = kind;
  self->graph = dv_graph_ref (graph);
  self->label = g_strdup (label);
  graph_symbols = dv_graph_get_n_symbols (graph);
  graph_packages = dv_graph_get_n_packages (graph);
  self->symbols = g_malloc0 (MAX (graph_symbols, 1));
  self->packages = g_malloc0 (MAX (graph_packages, 1));
  for (guint i = 0; i < n_symbols; i++)
    if (symbols[i] < graph_symbols && !self->symbols[symbols[i]])
      {
        self->symbols[symbols[i]] = 1;
        self->n_symbols++;
      }
  for (guint i = 0; i < n_packages; i++)
    if (packages[i] < graph_packages && !self->packages[packages[i]])
      {
        self->packages[packages[i]] = 1;
        self->n_packages++;
      }
  self->symbol_mask = g_bytes_new_take (self->symbols, MAX (graph_symbols, 1));
  g_signal_emit (self, signals[CHANGED], 0);
}

void
dv_app_highlight_clear (DvAppHighlight *self)
{
  g_return_if_fail (DV_APP_IS_HIGHLIGHT (self));

  if (self->kind == DV_APP_HIGHLIGHT_NONE)
    return;
  reset (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

DvAppHighlightKind
dv_app_highlight_get_kind (DvAppHighlight *self)
{
  return self->kind;
}

DvGraph *
dv_app_highlight_get_graph (DvAppHighlight *self)
{
  return self->graph;
}

const char *
dv_app_highlight_get_label (DvAppHighlight *self)
{
  return self->label;
}

guint
dv_app_highlight_get_n_symbols (DvAppHighlight *self)
{
  return self->n_symbols;
}

guint
dv_app_highlight_get_n_packages (DvAppHighlight *self)
{
  return self->n_packages;
}

GBytes *
dv_app_highlight_get_symbol_mask (DvAppHighlight *self)
{
  return self->symbol_mask;
}

gboolean
dv_app_highlight_has_symbol (DvAppHighlight *self, const DvGraph *graph, DvSymbolId id)
{
  return self != NULL && self->graph != NULL && graph == self->graph
         && id < dv_graph_get_n_symbols (graph) && self->symbols[id];
}

gboolean
dv_app_highlight_has_package (DvAppHighlight *self, const DvGraph *graph, DvPackageId id)
{
  return self != NULL && self->graph != NULL && graph == self->graph
         && id < dv_graph_get_n_packages (graph) && self->packages[id];
}

void
dv_app_highlight_kind_colour (DvAppHighlightKind  kind,
                              gboolean            dark,
                              GdkRGBA            *colour)
{
  /* libadwaita's success and warning colours (light, dark), which the
   * lists' marks take from the style: one colour for a mark everywhere */
  const char *spec = kind == DV_APP_HIGHLIGHT_ADDED ? (dark ? "#8ff0a4" : "#1b8553")
                                                    : (dark ? "#f8e45c" : "#9c6e03");

  gdk_rgba_parse (colour, spec);
}

const char *
dv_app_mark_word (DvAppHighlightKind kind)
{
  switch (kind)
    {
    case DV_APP_HIGHLIGHT_ADDED:
      /* TRANSLATORS: a small pill after the name of a symbol or package
       * that a comparison found new in this build; keep it short */
      return C_("row mark", "new");
    case DV_APP_HIGHLIGHT_KEEPS:
      /* TRANSLATORS: a small pill after the name of a symbol or package
       * that would go from the build with the focus; keep it short */
      return C_("row mark", "goes");
    case DV_APP_HIGHLIGHT_NONE:
    default:
      return NULL;
    }
}

char *
dv_app_highlight_kind_pill (DvAppHighlightKind kind,
                            guint              count,
                            gboolean           fold)
{
  if (kind == DV_APP_HIGHLIGHT_ADDED)
    /* TRANSLATORS: the pill on a graph node a comparison found new; with a
     * count, on a "+N more" node: how many of those it folds are new. Short. */
    return fold ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new", "%u new", count), count)
                : g_strdup (dv_app_mark_word (kind));
  /* TRANSLATORS: the pill on a graph node that would leave the binary with
   * the focus ("goes"); with a count, on a "+N more" node. Short. */
  return fold ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u goes", "%u go", count), count)
              : g_strdup (dv_app_mark_word (kind));
}
