/* dv-layout.c: the focused view around a symbol, and the only file that
 * talks to Graphviz. Graphviz keeps global state everywhere, so every call
 * into it holds graphviz_lock, and one context serves the whole process. */
#define G_LOG_DOMAIN "depview-graph"

#include "config.h"

#include "dv-layout.h"

#include <string.h>

#include <graphviz/gvc.h>

G_DEFINE_QUARK (dv-layout-error-quark, dv_layout_error)

/* Mid-tone colours that read as borders on white and on near-black; the
 * last one is for symbols without a package. */
const DvLayoutColour dv_layout_palette[DV_LAYOUT_PALETTE_SIZE + 1] = {
  { 0.208, 0.518, 0.894 }, /* blue   #3584e4 */
  { 0.180, 0.761, 0.494 }, /* green  #2ec27e */
  { 0.898, 0.647, 0.039 }, /* yellow #e5a50a */
  { 1.000, 0.471, 0.000 }, /* orange #ff7800 */
  { 0.929, 0.200, 0.231 }, /* red    #ed333b */
  { 0.753, 0.380, 0.796 }, /* purple #c061cb */
  { 0.710, 0.514, 0.353 }, /* brown  #b5835a */
  { 0.129, 0.565, 0.643 }, /* teal   #2190a4 */
  { 0.569, 0.255, 0.675 }, /* violet #9141ac */
  { 0.541, 0.604, 0.149 }, /* olive  #8a9a26 */
  { 0.902, 0.380, 0.565 }, /* pink   #e66190 */
  { 0.416, 0.498, 0.816 }, /* slate  #6a7fd0 */
  { 0.604, 0.600, 0.588 }, /* grey   #9a9996 */
};

/* Longest label drawn in a node; the tooltip has the whole name. */
#define LABEL_MAX_CHARS   44
#define TOOLTIP_MAX_CHARS 2000

guint
dv_layout_package_colour (const char *package)
{
  guint32 hash = 2166136261u;

  if (package == NULL)
    return DV_LAYOUT_COLOUR_NONE;
  for (const guchar *p = (const guchar *) package; *p != '\0'; p++)
    {
      hash ^= *p;
      hash *= 16777619u;
    }
  return hash % DV_LAYOUT_PALETTE_SIZE;
}

void
dv_layout_request_init (DvLayoutRequest *request,
                        DvSymbolId       focus)
{
  memset (request, 0, sizeof *request);
  request->focus = focus;
  request->max_nodes = DV_LAYOUT_MAX_NODES;
  request->max_children = DV_LAYOUT_MAX_CHILDREN;
  request->max_parents = DV_LAYOUT_MAX_PARENTS;
  request->direction = DV_LAYOUT_TOP_TO_BOTTOM;
}

/* Text that Graphviz, Pango and XML all take as it is: valid UTF-8, control
 * characters (raw newlines and tabs in struct tags) shown as escapes. */
static char *
clean_text (const char *text,
            gssize      len,
            guint       max_chars)
{
  g_autofree char *valid = g_utf8_make_valid (text, len);
  GString *out = g_string_sized_new (strlen (valid) + 8);
  guint n = 0;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (n == max_chars)
        {
          g_string_append (out, "…");
          break;
        }
      if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0xfffe || c == 0xffff)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static const char *
badge_for_flags (DvSymbolFlags flags)
{
  switch ((int) (flags & (DV_SYMBOL_FLAG_USED_IN_IFACE | DV_SYMBOL_FLAG_REFLECT_METHOD)))
    {
    case DV_SYMBOL_FLAG_USED_IN_IFACE:
      return "⟨iface⟩";
    case DV_SYMBOL_FLAG_REFLECT_METHOD:
      return "⟨reflect⟩";
    case DV_SYMBOL_FLAG_USED_IN_IFACE | DV_SYMBOL_FLAG_REFLECT_METHOD:
      return "⟨iface⟩⟨reflect⟩";
    default:
      return NULL;
    }
}

/* ---- Picking what to show: no Graphviz below until the next marker ---- */

typedef struct {
  const DvGraph         *graph;
  guint                  max_nodes;
  GArray                *nodes;      /* DvLayoutNode */
  GArray                *edges;      /* DvLayoutEdge */
  GHashTable            *by_symbol;  /* symbol -> node index + 1 */
  GHashTable            *edge_pairs; /* from << 32 | to */
  gboolean               truncated;
} Builder;

static guint
builder_room (Builder *b)
{
  return b->nodes->len < b->max_nodes ? b->max_nodes - b->nodes->len : 0;
}

static int
builder_lookup (Builder    *b,
                DvSymbolId  symbol)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (b->by_symbol, GUINT_TO_POINTER (symbol))) - 1;
}

/* The node of symbol, made if it is not shown yet. */
static guint
builder_symbol_node (Builder           *b,
                     DvSymbolId         symbol,
                     DvLayoutNodeFlags  flags)
{
  const DvGraph *graph = b->graph;
  int index = builder_lookup (b, symbol);
  DvLayoutNode node = { 0 };
  const char *name;
  gsize len;
  DvPackageId pkg;

  if (index >= 0)
    {
      g_array_index (b->nodes, DvLayoutNode, index).flags |= flags;
      return index;
    }

  name = dv_graph_symbol_name (graph, symbol);
  len = dv_graph_symbol_name_len (graph, symbol);
  node.symbol = symbol;
  node.flags = flags;
  node.more_owner = DV_SYMBOL_NONE;
  if (symbol == dv_graph_get_root (graph))
    {
      node.flags |= DV_LAYOUT_NODE_ROOT;
      node.label = g_strdup ("root");
      node.tooltip = g_strdup ("_ : the linker's roots (entry points and other symbols it keeps first)");
      node.colour = DV_LAYOUT_COLOUR_NONE;
    }
  else
    {
      g_autofree char *short_name = dv_symbol_name_short (name, len);

      node.symbol_flags = dv_graph_symbol_flags (graph, symbol);
      node.label = clean_text (short_name != NULL && short_name[0] != '\0' ? short_name : name,
                               -1, LABEL_MAX_CHARS);
      if (node.label[0] == '\0')
        {
          g_free (node.label);
          node.label = g_strdup ("(no name)");
        }
      node.badge = g_strdup (badge_for_flags (node.symbol_flags));
      node.tooltip = clean_text (name, len, TOOLTIP_MAX_CHARS);
      pkg = dv_graph_symbol_package (graph, symbol);
      node.colour = dv_layout_package_colour (pkg != DV_PACKAGE_NONE ? dv_graph_package_name (graph, pkg) : NULL);
    }
  g_array_append_val (b->nodes, node);
  g_hash_table_insert (b->by_symbol, GUINT_TO_POINTER (symbol), GUINT_TO_POINTER (b->nodes->len));
  return b->nodes->len - 1;
}

static guint
builder_more_node (Builder    *b,
                   DvSymbolId  owner,
                   guint       count,
                   gboolean    parents)
{
  DvLayoutNode node = { 0 };

  node.symbol = DV_SYMBOL_NONE;
  node.flags = DV_LAYOUT_NODE_MORE;
  node.more_owner = owner;
  node.more_count = count;
  node.more_parents = parents;
  node.colour = DV_LAYOUT_COLOUR_NONE;
  node.label = g_strdup_printf ("+%u more", count);
  if (owner == DV_SYMBOL_NONE)
    node.tooltip = g_strdup_printf (count == 1 ? "%u step of the chain not shown" : "%u steps of the chain not shown", count);
  else
    {
      g_autofree char *name = clean_text (dv_graph_symbol_name (b->graph, owner),
                                          dv_graph_symbol_name_len (b->graph, owner), 200);
      if (parents)
        node.tooltip = g_strdup_printf (count == 1 ? "%u more parent of %s" : "%u more parents of %s", count, name);
      else
        node.tooltip = g_strdup_printf (count == 1 ? "%u more child of %s" : "%u more children of %s", count, name);
    }
  g_array_append_val (b->nodes, node);
  return b->nodes->len - 1;
}

static void
builder_edge (Builder    *b,
              guint       from,
              guint       to,
              DvEdgeKind  kind,
              gboolean    on_chain,
              guint       minlen)
{
  guint64 pair = ((guint64) from << 32) | to;
  DvLayoutEdge edge = { 0 };

  if (from == to || g_hash_table_contains (b->edge_pairs, &pair))
    return;
  edge.from = from;
  edge.to = to;
  edge.kind = kind;
  edge.on_chain = on_chain;
  edge.minlen = minlen;
  g_array_append_val (b->edges, edge);
  g_hash_table_add (b->edge_pairs, g_memdup2 (&pair, sizeof pair));
}

/* Code and types first, compiler metadata last: what a reader looks for. */
static int
kind_rank (DvSymbolKind kind)
{
  switch (kind)
    {
    case DV_SYMBOL_KIND_FUNCTION: return 0;
    case DV_SYMBOL_KIND_TYPE:     return 1;
    case DV_SYMBOL_KIND_ITAB:     return 2;
    case DV_SYMBOL_KIND_STRING:   return 3;
    case DV_SYMBOL_KIND_OTHER:    return 4;
    case DV_SYMBOL_KIND_METADATA: return 5;
    case DV_SYMBOL_KIND_DWARF:    return 6;
    case DV_SYMBOL_KIND_N:
    default:                      return 7;
    }
}

typedef struct {
  DvSymbolId symbol;
  DvEdgeKind kind;
  int        rank;
  guint      order;
} FanEntry;

static int
fan_entry_compare (gconstpointer a,
                   gconstpointer b)
{
  const FanEntry *x = a, *y = b;

  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

static gboolean
symbol_in (DvSymbolId        symbol,
           const DvSymbolId *ids,
           guint             n)
{
  for (guint i = 0; i < n; i++)
    if (ids[i] == symbol)
      return TRUE;
  return FALSE;
}

/* The children (or parents) of owner: those already shown get an edge, the
 * rest at most limit new nodes plus a "+N more", within the cap. */
static void
builder_fan (Builder           *b,
             DvSymbolId         owner,
             gboolean           parents,
             guint              limit,
             DvLayoutNodeFlags  new_flags,
             gboolean           stagger)
{
  const DvGraph *graph = b->graph;
  guint owner_index = builder_symbol_node (b, owner, 0);
  guint n_edges = 0;
  const DvEdge *edges = parents ? dv_graph_parents (graph, owner, &n_edges)
                                : dv_graph_children (graph, owner, &n_edges);
  g_autoptr(GArray) fresh = g_array_new (FALSE, FALSE, sizeof (FanEntry));
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  guint shown, room, steps;
  gboolean more;

  for (guint i = 0; i < n_edges; i++)
    {
      DvSymbolId other = edges[i].symbol;
      int existing;

      if (other == owner || g_hash_table_contains (seen, GUINT_TO_POINTER (other)))
        continue;
      g_hash_table_add (seen, GUINT_TO_POINTER (other));
      existing = builder_lookup (b, other);
      if (existing >= 0)
        {
          if (parents)
            builder_edge (b, existing, owner_index, edges[i].kind, FALSE, 1);
          else
            builder_edge (b, owner_index, existing, edges[i].kind, FALSE, 1);
          continue;
        }
      g_array_append_val (fresh, ((FanEntry) { other, edges[i].kind,
                                               kind_rank (dv_graph_symbol_kind (graph, other)), i }));
    }
  if (fresh->len == 0)
    return;
  g_array_sort (fresh, fan_entry_compare);

  more = fresh->len > limit;
  shown = more ? limit : fresh->len;
  room = builder_room (b);
  if (shown + (more ? 1 : 0) > room)
    {
      b->truncated = TRUE;
      if (room == 0)
        return;
      more = TRUE;
      shown = room - 1;
    }

  /* A wide fan goes over a few ranks so the view stays readable when fit. */
  steps = 1;
  /* More ranks do not help bigger fans: dot threads every long edge through
   * the ranks between, which costs the width back and lots of time. */
  if (stagger && shown + more > 12)
    steps = 3;
  else if (stagger && shown + more > 5)
    steps = 2;

  for (guint i = 0; i < shown; i++)
    {
      const FanEntry *entry = &g_array_index (fresh, FanEntry, i);
      guint index = builder_symbol_node (b, entry->symbol, new_flags);

      if (parents)
        builder_edge (b, index, owner_index, entry->kind, FALSE, 1 + i % steps);
      else
        builder_edge (b, owner_index, index, entry->kind, FALSE, 1 + i % steps);
    }
  if (more)
    {
      guint index = builder_more_node (b, owner, fresh->len - shown, parents);

      if (parents)
        builder_edge (b, index, owner_index, DV_EDGE_DEP, FALSE, 1 + shown % steps);
      else
        builder_edge (b, owner_index, index, DV_EDGE_DEP, FALSE, 1 + shown % steps);
    }
}

/* The chain from the top (the root, or the farthest known ancestor) to the
 * focus, as (symbol, how the step before keeps it) pairs. */
static GArray *
chain_to_focus (const DvGraph *graph,
                DvSymbolId     focus,
                gboolean      *reachable)
{
  DvSymbolId root = dv_graph_get_root (graph);
  GArray *path = g_array_new (FALSE, FALSE, sizeof (DvChainStep));
  g_autoptr(GArray) why = NULL;
  DvChainStep step;

  *reachable = TRUE;
  if (focus == root)
    {
      step = (DvChainStep) { root, DV_EDGE_ROOT };
      g_array_append_val (path, step);
      return path;
    }

  why = dv_why_symbol (graph, focus);
  if (why != NULL && why->len > 0)
    {
      step = (DvChainStep) { root, DV_EDGE_ROOT };
      g_array_append_val (path, step);
      g_array_append_vals (path, why->data, why->len);
      return path;
    }

  /* Ancestors come nearest first, each with how it keeps the one before it. */
  *reachable = FALSE;
  g_clear_pointer (&why, g_array_unref);
  why = dv_known_ancestors (graph, focus);
  for (guint i = why != NULL ? why->len : 0; i > 0; i--)
    {
      const DvChainStep *ancestor = &g_array_index (why, DvChainStep, i - 1);

      step.symbol = ancestor->symbol;
      step.via = i < why->len ? g_array_index (why, DvChainStep, i).via : DV_EDGE_DEP;
      g_array_append_val (path, step);
    }
  step.symbol = focus;
  step.via = why != NULL && why->len > 0 ? g_array_index (why, DvChainStep, 0).via : DV_EDGE_DEP;
  g_array_append_val (path, step);
  return path;
}

DvLayout *
dv_layout_build (const DvGraph         *graph,
                 const DvLayoutRequest *request)
{
  DvSymbolId focus = request->focus;
  guint max_children = request->max_children ? request->max_children : DV_LAYOUT_MAX_CHILDREN;
  guint max_parents = request->max_parents ? request->max_parents : DV_LAYOUT_MAX_PARENTS;
  gboolean stagger = request->direction == DV_LAYOUT_TOP_TO_BOTTOM;
  g_autoptr(GArray) path = NULL;
  g_autoptr(GArray) chain = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean reachable;
  guint keep_head, keep_tail, previous = 0;
  Builder b = { 0 };
  DvLayout *layout;

  g_return_val_if_fail (graph != NULL, NULL);
  if (focus >= dv_graph_get_n_symbols (graph))
    return NULL;

  b.graph = graph;
  /* Room for a chain, the focus's fans and their "+N more" nodes at least. */
  b.max_nodes = MAX (request->max_nodes ? request->max_nodes : DV_LAYOUT_MAX_NODES, 8);
  b.nodes = g_array_new (FALSE, FALSE, sizeof (DvLayoutNode));
  b.edges = g_array_new (FALSE, FALSE, sizeof (DvLayoutEdge));
  b.by_symbol = g_hash_table_new (NULL, NULL);
  b.edge_pairs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  path = chain_to_focus (graph, focus, &reachable);

  /* A chain longer than half the cap keeps its ends and folds the middle. */
  keep_head = path->len;
  keep_tail = 0;
  if (path->len > b.max_nodes / 2)
    {
      keep_head = (b.max_nodes / 2 - 1) / 2;
      keep_tail = b.max_nodes / 2 - 1 - keep_head;
      b.truncated = TRUE;
    }
  for (guint i = 0; i < path->len; i++)
    {
      const DvChainStep *step = &g_array_index (path, DvChainStep, i);
      DvLayoutNodeFlags flags = DV_LAYOUT_NODE_CHAIN;
      guint index;

      if (i >= keep_head && i < path->len - keep_tail)
        {
          if (i != keep_head)
            continue;
          index = builder_more_node (&b, DV_SYMBOL_NONE, path->len - keep_head - keep_tail, FALSE);
          builder_edge (&b, previous, index, DV_EDGE_DEP, TRUE, 1);
          g_array_append_val (chain, index);
          previous = index;
          continue;
        }
      if (i == 0 && !reachable)
        flags |= DV_LAYOUT_NODE_UNREACHABLE;
      if (i == path->len - 1)
        flags |= DV_LAYOUT_NODE_FOCUS;
      index = builder_symbol_node (&b, step->symbol, flags);
      if (i > 0)
        builder_edge (&b, previous, index, step->via, TRUE, 1);
      g_array_append_val (chain, index);
      previous = index;
    }

  {
    gboolean unfold = symbol_in (focus, request->unfolded, request->n_unfolded);

    builder_fan (&b, focus, TRUE, unfold ? G_MAXUINT : max_parents, DV_LAYOUT_NODE_PARENT, stagger);
    builder_fan (&b, focus, FALSE, unfold ? G_MAXUINT : max_children, DV_LAYOUT_NODE_CHILD, stagger);
  }

  for (guint i = 0; i < request->n_expanded; i++)
    {
      DvSymbolId symbol = request->expanded[i];
      int index = builder_lookup (&b, symbol);

      if (index < 0 || symbol == focus)
        continue;
      g_array_index (b.nodes, DvLayoutNode, index).flags |= DV_LAYOUT_NODE_EXPANDED;
      builder_fan (&b, symbol, FALSE,
                   symbol_in (symbol, request->unfolded, request->n_unfolded) ? G_MAXUINT : max_children,
                   0, stagger);
    }

  layout = g_new0 (DvLayout, 1);
  layout->focus = focus;
  layout->reachable = reachable;
  layout->truncated = b.truncated;
  layout->direction = request->direction;
  layout->n_nodes = b.nodes->len;
  layout->nodes = (DvLayoutNode *) g_array_free (b.nodes, FALSE);
  layout->n_edges = b.edges->len;
  layout->edges = (DvLayoutEdge *) g_array_free (b.edges, FALSE);
  layout->n_chain = chain->len;
  layout->chain = g_memdup2 (chain->data, chain->len * sizeof (guint));
  g_hash_table_unref (b.by_symbol);
  g_hash_table_unref (b.edge_pairs);
  return layout;
}

void
dv_layout_free (DvLayout *layout)
{
  if (layout == NULL)
    return;
  for (guint i = 0; i < layout->n_nodes; i++)
    {
      g_free (layout->nodes[i].label);
      g_free (layout->nodes[i].badge);
      g_free (layout->nodes[i].tooltip);
    }
  for (guint i = 0; i < layout->n_edges; i++)
    g_free (layout->edges[i].points);
  g_free (layout->nodes);
  g_free (layout->edges);
  g_free (layout->chain);
  g_free (layout);
}

int
dv_layout_find_symbol (const DvLayout *layout,
                       DvSymbolId      symbol)
{
  for (guint i = 0; i < layout->n_nodes; i++)
    if (layout->nodes[i].symbol == symbol)
      return i;
  return -1;
}

/* ---- Graphviz: everything below runs with graphviz_lock held ---- */

static GMutex graphviz_lock;
static GString *graphviz_messages;

static int
graphviz_message_cb (char *message)
{
  if (graphviz_messages != NULL)
    g_string_append (graphviz_messages, message);
  return 0;
}

static GVC_t *
graphviz_context (void)
{
  static gsize once;
  static GVC_t *context;

  if (g_once_init_enter (&once))
    {
      agseterrf (graphviz_message_cb);
      context = gvContext ();
      g_once_init_leave (&once, 1);
    }
  return context;
}

static void
graphviz_begin (void)
{
  g_mutex_lock (&graphviz_lock);
  graphviz_messages = g_string_new (NULL);
}

static void
graphviz_end (void)
{
  if (graphviz_messages->len > 0)
    g_debug ("graphviz: %s", g_strstrip (graphviz_messages->str));
  g_string_free (graphviz_messages, TRUE);
  graphviz_messages = NULL;
  g_mutex_unlock (&graphviz_lock);
}

static void
set_graphviz_error (GError     **error,
                    const char  *what)
{
  g_strstrip (graphviz_messages->str);
  g_set_error (error, DV_LAYOUT_ERROR, DV_LAYOUT_ERROR_GRAPHVIZ, "%s%s%s", what,
               graphviz_messages->len > 0 ? ": " : "", graphviz_messages->str);
}

static void
colour_hex (char                  buf[8],
            const DvLayoutColour *colour,
            double                towards_white)
{
  double r = colour->red + (1 - colour->red) * towards_white;
  double g = colour->green + (1 - colour->green) * towards_white;
  double b = colour->blue + (1 - colour->blue) * towards_white;

  g_snprintf (buf, 8, "#%02x%02x%02x",
              (int) (r * 255 + 0.5), (int) (g * 255 + 0.5), (int) (b * 255 + 0.5));
}

/* Graphviz reads backslash escapes (\N, \n, \l) in labels and tooltips. */
static char *
graphviz_escape (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 4);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
set_attr (void       *object,
          const char *name,
          const char *value)
{
  agsafeset (object, (char *) name, (char *) value, (char *) "");
}

/* The colours of the exports, on white; the widget picks its own on screen. */
#define CHAIN_EDGE_COLOUR "#1c71d8"
#define ROOT_EDGE_COLOUR  "#9141ac"
#define EDGE_COLOUR       "#77767b"
#define TEXT_COLOUR       "#241f31"

static Agraph_t *
graphviz_graph (const DvLayout *layout,
                Agnode_t      **nodes,
                Agedge_t      **edges)
{
  Agraph_t *g = agopen ((char *) "depview", Agdirected, NULL);
  char buf[64];

  agattr (g, AGRAPH, (char *) "rankdir",
          (char *) (layout->direction == DV_LAYOUT_LEFT_TO_RIGHT ? "LR" : "TB"));
  agattr (g, AGRAPH, (char *) "nodesep", (char *) "0.18");
  agattr (g, AGRAPH, (char *) "ranksep", (char *) "0.32");
  agattr (g, AGRAPH, (char *) "pad", (char *) "0.15");
  agattr (g, AGRAPH, (char *) "bgcolor", (char *) "white");
  agattr (g, AGRAPH, (char *) "outputorder", (char *) "edgesfirst");
  /* A PostScript name: SVG viewers get "Helvetica,sans-Serif" and a weight,
   * which every browser has. */
  agattr (g, AGRAPH, (char *) "fontname", (char *) "Helvetica");

  agattr (g, AGNODE, (char *) "shape", (char *) "box");
  agattr (g, AGNODE, (char *) "style", (char *) "rounded,filled");
  agattr (g, AGNODE, (char *) "fontname", (char *) "Helvetica");
  agattr (g, AGNODE, (char *) "fontsize", (char *) "10");
  agattr (g, AGNODE, (char *) "fontcolor", (char *) TEXT_COLOUR);
  agattr (g, AGNODE, (char *) "height", (char *) "0.32");
  agattr (g, AGNODE, (char *) "margin", (char *) "0.12,0.05");
  agattr (g, AGNODE, (char *) "penwidth", (char *) "1.2");
  agattr (g, AGNODE, (char *) "label", (char *) "");
  agattr (g, AGNODE, (char *) "tooltip", (char *) "");
  agattr (g, AGNODE, (char *) "color", (char *) "black");
  agattr (g, AGNODE, (char *) "fillcolor", (char *) "white");
  agattr (g, AGNODE, (char *) "group", (char *) "");

  agattr (g, AGEDGE, (char *) "arrowsize", (char *) "0.7");
  agattr (g, AGEDGE, (char *) "color", (char *) EDGE_COLOUR);
  agattr (g, AGEDGE, (char *) "penwidth", (char *) "1");
  agattr (g, AGEDGE, (char *) "style", (char *) "solid");
  agattr (g, AGEDGE, (char *) "weight", (char *) "1");
  agattr (g, AGEDGE, (char *) "minlen", (char *) "1");
  agattr (g, AGEDGE, (char *) "tooltip", (char *) "");

  for (guint i = 0; i < layout->n_nodes; i++)
    {
      const DvLayoutNode *node = &layout->nodes[i];
      const DvLayoutColour *colour = &dv_layout_palette[node->colour];
      g_autofree char *label = NULL;
      g_autofree char *tooltip = graphviz_escape (node->tooltip);
      char border[8], fill[8];

      g_snprintf (buf, sizeof buf, "n%u", i);
      nodes[i] = agnode (g, buf, TRUE);
      if (node->badge != NULL)
        {
          g_autofree char *text = g_strconcat (node->label, " ", node->badge, NULL);
          label = graphviz_escape (text);
        }
      else
        label = graphviz_escape (node->label);
      set_attr (nodes[i], "label", label);
      set_attr (nodes[i], "tooltip", tooltip);

      colour_hex (border, colour, 0);
      colour_hex (fill, colour, 0.82);
      set_attr (nodes[i], "color", border);
      set_attr (nodes[i], "fillcolor", fill);

      if (node->flags & DV_LAYOUT_NODE_CHAIN)
        {
          set_attr (nodes[i], "group", "chain");
          set_attr (nodes[i], "penwidth", "2");
        }
      if (node->flags & DV_LAYOUT_NODE_FOCUS)
        {
          set_attr (nodes[i], "penwidth", "3");
          set_attr (nodes[i], "fontname", "Helvetica-Bold");
        }
      if (node->flags & DV_LAYOUT_NODE_ROOT)
        {
          set_attr (nodes[i], "fillcolor", "#3d3846");
          set_attr (nodes[i], "color", "#3d3846");
          set_attr (nodes[i], "fontcolor", "white");
        }
      if (node->flags & (DV_LAYOUT_NODE_MORE | DV_LAYOUT_NODE_UNREACHABLE))
        set_attr (nodes[i], "style", "rounded,filled,dashed");
      if (node->flags & DV_LAYOUT_NODE_MORE)
        {
          set_attr (nodes[i], "fillcolor", "#f6f5f4");
          set_attr (nodes[i], "fontcolor", "#5e5c64");
        }
      if (node->symbol_flags & DV_SYMBOL_FLAG_REFLECT_METHOD)
        set_attr (nodes[i], "fontcolor", "#c01c28");
    }

  for (guint i = 0; i < layout->n_edges; i++)
    {
      const DvLayoutEdge *edge = &layout->edges[i];

      edges[i] = agedge (g, nodes[edge->from], nodes[edge->to], NULL, TRUE);
      if (edge->kind == DV_EDGE_CALL)
        set_attr (edges[i], "style", "dashed");
      if (edge->on_chain)
        {
          set_attr (edges[i], "color", edge->kind == DV_EDGE_ROOT ? ROOT_EDGE_COLOUR : CHAIN_EDGE_COLOUR);
          set_attr (edges[i], "penwidth", "2");
          set_attr (edges[i], "weight", "10");
        }
      if (edge->kind == DV_EDGE_ROOT)
        {
          set_attr (edges[i], "color", ROOT_EDGE_COLOUR);
          set_attr (edges[i], "penwidth", "2.5");
          set_attr (edges[i], "arrowhead", "empty");
        }
      if (edge->minlen > 1)
        {
          g_snprintf (buf, sizeof buf, "%u", edge->minlen);
          set_attr (edges[i], "minlen", buf);
        }
      set_attr (edges[i], "tooltip", dv_edge_kind_to_string (edge->kind));
    }
  return g;
}

static void
read_geometry (DvLayout  *layout,
               Agraph_t  *g,
               Agnode_t **nodes,
               Agedge_t **edges)
{
  boxf bb = GD_bb (g);
  double left = bb.LL.x, top = bb.UR.y;

  layout->width = bb.UR.x - bb.LL.x;
  layout->height = bb.UR.y - bb.LL.y;

  for (guint i = 0; i < layout->n_nodes; i++)
    {
      DvLayoutNode *node = &layout->nodes[i];

      node->x = ND_coord (nodes[i]).x - left;
      node->y = top - ND_coord (nodes[i]).y;
      node->width = ND_width (nodes[i]) * 72.0;
      node->height = ND_height (nodes[i]) * 72.0;
    }

  for (guint i = 0; i < layout->n_edges; i++)
    {
      DvLayoutEdge *edge = &layout->edges[i];
      splines *spl = ED_spl (edges[i]);
      GArray *points = g_array_new (FALSE, FALSE, sizeof (DvLayoutPoint));

      edge->has_head = edge->has_tail = FALSE;
      for (int s = 0; spl != NULL && s < spl->size; s++)
        {
          const bezier *bz = &spl->list[s];

          /* Pieces are joined by straight cubics (last, next, next), so the
           * path stays 3n+1 points; the joined piece's first point is that
           * cubic's end and is not added again. */
          int first = 0;
          if (points->len > 0 && bz->size > 0)
            {
              DvLayoutPoint last = g_array_index (points, DvLayoutPoint, points->len - 1);
              DvLayoutPoint next = { bz->list[0].x - left, top - bz->list[0].y };
              g_array_append_val (points, last);
              g_array_append_val (points, next);
              g_array_append_val (points, next);
              first = 1;
            }
          for (int k = first; k < bz->size; k++)
            {
              DvLayoutPoint p = { bz->list[k].x - left, top - bz->list[k].y };
              g_array_append_val (points, p);
            }
          if (bz->sflag && s == 0)
            {
              edge->has_tail = TRUE;
              edge->tail = (DvLayoutPoint) { bz->sp.x - left, top - bz->sp.y };
            }
          if (bz->eflag && s == spl->size - 1)
            {
              edge->has_head = TRUE;
              edge->head = (DvLayoutPoint) { bz->ep.x - left, top - bz->ep.y };
            }
        }
      edge->n_points = points->len;
      edge->points = (DvLayoutPoint *) g_array_free (points, FALSE);
    }
  layout->laid_out = TRUE;
}

/* Runs with graphviz_lock held: agopen, gvLayout, then read or render. */
static gboolean
graphviz_run (DvLayout    *layout,
              const char  *render_format,
              GBytes     **rendered,
              GError     **error)
{
  GVC_t *gvc = graphviz_context ();
  g_autofree Agnode_t **nodes = g_new0 (Agnode_t *, MAX (layout->n_nodes, 1));
  g_autofree Agedge_t **edges = g_new0 (Agedge_t *, MAX (layout->n_edges, 1));
  Agraph_t *g;
  gboolean ok = FALSE;

  g = graphviz_graph (layout, nodes, edges);
  if (gvLayout (gvc, g, "dot") != 0)
    {
      set_graphviz_error (error, "Graphviz could not lay out the graph");
      agclose (g);
      return FALSE;
    }

  if (render_format == NULL)
    {
      read_geometry (layout, g, nodes, edges);
      ok = TRUE;
    }
  else
    {
      char *data = NULL;
      unsigned int length = 0;

      if (gvRenderData (gvc, g, render_format, &data, &length) == 0 && data != NULL)
        {
          *rendered = g_bytes_new (data, length);
          ok = TRUE;
        }
      else
        set_graphviz_error (error, "Graphviz could not render the graph");
      if (data != NULL)
        gvFreeRenderData (data);
    }

  gvFreeLayout (gvc, g);
  agclose (g);
  return ok;
}

void
dv_layout_warm_up (void)
{
  DvLayoutNode node = { .symbol = DV_SYMBOL_NONE, .label = (char *) "warm-up", .tooltip = (char *) "" };
  DvLayout layout = { .nodes = &node, .n_nodes = 1 };
  gint64 start = g_get_monotonic_time ();

  graphviz_begin ();
  graphviz_run (&layout, NULL, NULL, NULL);
  graphviz_end ();
  g_debug ("layout: Graphviz ready in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
}

gboolean
dv_layout_compute (DvLayout  *layout,
                   GError   **error)
{
  gint64 start = g_get_monotonic_time ();
  gboolean ok;

  g_return_val_if_fail (layout != NULL && !layout->laid_out, FALSE);

  graphviz_begin ();
  ok = graphviz_run (layout, NULL, NULL, error);
  graphviz_end ();
  g_debug ("layout: %u nodes, %u edges in %.1f ms", layout->n_nodes, layout->n_edges,
           (g_get_monotonic_time () - start) / 1000.0);
  return ok;
}

gboolean
dv_layout_render (const DvGraph          *graph,
                  const DvLayoutRequest  *request,
                  const char             *format,
                  GBytes                **out,
                  GError                **error)
{
  g_autoptr(DvLayout) layout = NULL;
  const char *graphviz_format;
  gboolean ok;

  g_return_val_if_fail (graph != NULL && request != NULL && format != NULL, FALSE);
  g_return_val_if_fail (out != NULL && *out == NULL, FALSE);

  if (g_str_equal (format, "svg"))
    graphviz_format = "svg";
  else if (g_str_equal (format, "png"))
    graphviz_format = "png:cairo";
  else if (g_str_equal (format, "dot") || g_str_equal (format, "dot-full"))
    graphviz_format = "dot";
  else
    {
      g_set_error (error, DV_LAYOUT_ERROR, DV_LAYOUT_ERROR_FORMAT,
                   "Unknown export format “%s” (expected svg, png or dot)", format);
      return FALSE;
    }

  layout = dv_layout_build (graph, request);
  if (layout == NULL)
    {
      g_set_error (error, DV_LAYOUT_ERROR, DV_LAYOUT_ERROR_NO_SYMBOL,
                   "Symbol %u is not in the graph", request->focus);
      return FALSE;
    }

  graphviz_begin ();
  ok = graphviz_run (layout, graphviz_format, out, error);
  graphviz_end ();
  return ok;
}

gboolean
dv_layout_render_why (const DvGraph  *graph,
                      DvSymbolId      focus,
                      const char     *format,
                      GBytes        **out,
                      GError        **error)
{
  DvLayoutRequest request;

  dv_layout_request_init (&request, focus);
  return dv_layout_render (graph, &request, format, out, error);
}
