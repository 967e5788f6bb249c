/* dv-layout.c: the focused view around a symbol, and the only file that
 * talks to Graphviz. Graphviz keeps global state everywhere, so every call
 * into it holds graphviz_lock, and one context serves the whole process. */
#define G_LOG_DOMAIN "depview-graph"

#include "config.h"

#include "dv-layout.h"
#include "dv-format-cost.h"

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

static DvLayoutBadges
badges_for_flags (DvSymbolFlags flags)
{
  return ((flags & DV_SYMBOL_FLAG_USED_IN_IFACE) ? DV_LAYOUT_BADGE_IFACE : 0)
         | ((flags & DV_SYMBOL_FLAG_REFLECT_METHOD) ? DV_LAYOUT_BADGE_REFLECT : 0);
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
  gboolean               hide_metadata;
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
  node.package_id = DV_PACKAGE_NONE;
  node.first_symbol = DV_SYMBOL_NONE;
  if (symbol == dv_graph_get_root (graph))
    {
      node.flags |= DV_LAYOUT_NODE_ROOT;
      node.label = g_strdup ("_");
      node.tooltip = g_strdup ("_");
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
      node.badges = badges_for_flags (node.symbol_flags);
      node.tooltip = clean_text (name, len, TOOLTIP_MAX_CHARS);
      pkg = dv_graph_symbol_package (graph, symbol);
      if (pkg != DV_PACKAGE_NONE)
        node.package = clean_text (dv_graph_package_name (graph, pkg), -1, TOOLTIP_MAX_CHARS);
      node.colour = dv_layout_package_colour (pkg != DV_PACKAGE_NONE ? dv_graph_package_name (graph, pkg) : NULL);
    }
  g_array_append_val (b->nodes, node);
  g_hash_table_insert (b->by_symbol, GUINT_TO_POINTER (symbol), GUINT_TO_POINTER (b->nodes->len));
  return b->nodes->len - 1;
}

/* A fold node standing for count symbols, folded (may be NULL) the first
 * n_folded of them. */
static guint
builder_fold_node (Builder          *b,
                   DvLayoutFold      fold,
                   DvSymbolId        owner,
                   guint             count,
                   const DvSymbolId *folded,
                   guint             n_folded)
{
  DvLayoutNode node = { 0 };

  node.symbol = DV_SYMBOL_NONE;
  node.flags = DV_LAYOUT_NODE_MORE;
  if (fold == DV_LAYOUT_FOLD_STARTUP)
    node.flags |= DV_LAYOUT_NODE_STARTUP;
  if (fold == DV_LAYOUT_FOLD_METADATA)
    node.flags |= DV_LAYOUT_NODE_METADATA;
  node.fold = fold;
  node.more_owner = owner;
  node.more_count = count;
  node.more_parents = fold == DV_LAYOUT_FOLD_PARENTS;
  node.colour = DV_LAYOUT_COLOUR_NONE;
  node.package_id = DV_PACKAGE_NONE;
  node.first_symbol = DV_SYMBOL_NONE;
  if (n_folded > 0)
    {
      node.folded = g_memdup2 (folded, n_folded * sizeof (DvSymbolId));
      node.n_folded = n_folded;
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
  edge.label_from = edge.label_to = DV_SYMBOL_NONE;
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

static gboolean
kind_is_metadata (DvSymbolKind kind)
{
  return kind == DV_SYMBOL_KIND_METADATA || kind == DV_SYMBOL_KIND_DWARF;
}

/* The symbols of entries[from..], for a fold node. */
static GArray *
fan_symbols (GArray *entries,
             guint   from)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));

  for (guint i = from; i < entries->len; i++)
    g_array_append_val (ids, g_array_index (entries, FanEntry, i).symbol);
  return ids;
}

/* A wide fan wraps over a few ranks (rows) so the view stays readable when
 * fit: up to 5 nodes in one row, up to 12 in two, then rows of about
 * FAN_ROW nodes, at most FAN_MAX_ROWS (dot threads each longer edge
 * through the rows between, which costs some width and time back). */
#define FAN_ROW      10
#define FAN_MAX_ROWS 8

static guint
fan_rows (guint n)
{
  if (n > 3 * FAN_ROW)
    return MIN ((n + FAN_ROW - 1) / FAN_ROW, FAN_MAX_ROWS);
  if (n > 12)
    return 3;
  if (n > 5)
    return 2;
  return 1;
}

/* The edge of the i-th of n new nodes of a fan. */
static void
builder_fan_edge (Builder    *b,
                  guint       owner_index,
                  guint       index,
                  gboolean    parents,
                  DvEdgeKind  kind,
                  guint       minlen,
                  guint       i,
                  guint       n)
{
  guint before = b->edges->len;

  if (parents)
    builder_edge (b, index, owner_index, kind, FALSE, minlen);
  else
    builder_edge (b, owner_index, index, kind, FALSE, minlen);
  /* Callers only: children leave the owner fanned out already. */
  if (b->edges->len > before && n >= 6 && parents)
    {
      g_array_index (b->edges, DvLayoutEdge, before).spread = (int) (i * 3 / n) - 1;
      g_array_index (b->edges, DvLayoutEdge, before).spread_at_head = parents;
    }
}

/* The children (or parents) of owner: those already shown get an edge, the
 * rest at most limit new nodes plus a "+N more" (never for one node: that
 * node is shown instead), within the cap; with hide_metadata, metadata
 * goes into one "+N metadata" node. */
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
  g_autoptr(GArray) meta = g_array_new (FALSE, FALSE, sizeof (FanEntry));
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  guint shown, room, avail, steps, meta_slot;
  gboolean more;

  for (guint i = 0; i < n_edges; i++)
    {
      DvSymbolId other = edges[i].symbol;
      DvSymbolKind kind;
      int existing;

      if (other == owner || g_hash_table_contains (seen, GUINT_TO_POINTER (other)))
        continue;
      g_hash_table_add (seen, GUINT_TO_POINTER (other));
      existing = builder_lookup (b, other);
      if (existing >= 0)
        {
          builder_fan_edge (b, owner_index, existing, parents, edges[i].kind, 1, 0, 0);
          continue;
        }
      kind = dv_graph_symbol_kind (graph, other);
      g_array_append_val (b->hide_metadata && kind_is_metadata (kind) ? meta : fresh,
                          ((FanEntry) { other, edges[i].kind, kind_rank (kind), i }));
    }
  if (fresh->len == 0 && meta->len == 0)
    return;
  g_array_sort (fresh, fan_entry_compare);

  meta_slot = meta->len > 0 ? 1 : 0;
  more = fresh->len > 1 && fresh->len - 1 > limit;
  shown = more ? limit : fresh->len;
  room = builder_room (b);
  if (shown + more + meta_slot > room)
    {
      b->truncated = TRUE;
      if (room <= meta_slot)
        meta_slot = 0;
      avail = room - meta_slot;
      more = fresh->len > avail;
      shown = more ? (avail > 0 ? avail - 1 : 0) : fresh->len;
      if (avail == 0)
        more = FALSE;
    }

  steps = stagger ? fan_rows (shown + more + meta_slot) : 1;

  for (guint i = 0; i < shown; i++)
    {
      const FanEntry *entry = &g_array_index (fresh, FanEntry, i);
      guint index = builder_symbol_node (b, entry->symbol, new_flags);

      builder_fan_edge (b, owner_index, index, parents, entry->kind, 1 + i % steps, i, shown + more + meta_slot);
    }
  if (more)
    {
      g_autoptr(GArray) hidden = fan_symbols (fresh, shown);
      guint index = builder_fold_node (b, parents ? DV_LAYOUT_FOLD_PARENTS : DV_LAYOUT_FOLD_CHILDREN,
                                       owner, hidden->len, (DvSymbolId *) hidden->data, hidden->len);

      builder_fan_edge (b, owner_index, index, parents, DV_EDGE_DEP, 1 + shown % steps,
                        shown, shown + more + meta_slot);
    }
  if (meta_slot)
    {
      g_autoptr(GArray) hidden = fan_symbols (meta, 0);
      guint index = builder_fold_node (b, DV_LAYOUT_FOLD_METADATA, owner, hidden->len,
                                       (DvSymbolId *) hidden->data, hidden->len);

      g_array_index (b->nodes, DvLayoutNode, index).more_parents = parents;
      builder_fan_edge (b, owner_index, index, parents, DV_EDGE_DEP, 1 + (shown + more) % steps,
                        shown + more, shown + more + meta_slot);
    }
}

/* The chain from the top (the root, or the farthest known ancestor) to the
 * focus, as (symbol, how the step before keeps it) pairs. */
static GArray *
chain_to_focus (const DvGraph *graph,
                DvSymbolId     focus,
                gboolean      *reachable,
                guint         *startup)
{
  DvSymbolId root = dv_graph_get_root (graph);
  GArray *path = g_array_new (FALSE, FALSE, sizeof (DvChainStep));
  g_autoptr(GArray) why = NULL;
  DvChainStep step;

  *reachable = TRUE;
  *startup = 0;
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
      *startup = dv_why_chain_startup (graph, why);
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

/* ---- The package view ---- */

/* "etcdmain.startProxy.func2 → http.(*Server).Serve": the symbol edge that
 * links two packages, each name shortened as node labels are. */
static char *
link_label (const DvGraph *graph,
            DvSymbolId     from,
            DvSymbolId     to)
{
  g_autofree char *a = dv_symbol_name_short (dv_graph_symbol_name (graph, from),
                                             dv_graph_symbol_name_len (graph, from));
  g_autofree char *b = dv_symbol_name_short (dv_graph_symbol_name (graph, to),
                                             dv_graph_symbol_name_len (graph, to));
  g_autofree char *ca = clean_text (a != NULL && a[0] != '\0' ? a : dv_graph_symbol_name (graph, from),
                                    -1, LABEL_MAX_CHARS);
  g_autofree char *cb = clean_text (b != NULL && b[0] != '\0' ? b : dv_graph_symbol_name (graph, to),
                                    -1, LABEL_MAX_CHARS);

  return g_strconcat (ca, " → ", cb, NULL);
}

/* The node of one DvPackageStep of steps (DvChainStep). */
static guint
builder_package_node (Builder         *b,
                      const GArray    *steps,
                      const DvPackageStep *group,
                      const DvCost    *cost)
{
  const DvGraph *graph = b->graph;
  DvLayoutNode node = { 0 };
  const char *path = group->package != DV_PACKAGE_NONE ? dv_graph_package_name (graph, group->package) : NULL;

  node.symbol = g_array_index (steps, DvChainStep, group->first + group->n_steps - 1).symbol;
  node.first_symbol = g_array_index (steps, DvChainStep, group->first).symbol;
  node.flags = DV_LAYOUT_NODE_CHAIN | DV_LAYOUT_NODE_PACKAGE;
  node.more_owner = DV_SYMBOL_NONE;
  node.package_id = group->package;
  node.n_steps = group->n_steps;
  if (path != NULL)
    {
      const char *slash = strrchr (path, '/');

      node.label = clean_text (slash != NULL && slash[1] != '\0' ? slash + 1 : path, -1, LABEL_MAX_CHARS);
      node.package = clean_text (path, -1, TOOLTIP_MAX_CHARS);
      node.tooltip = clean_text (path, -1, TOOLTIP_MAX_CHARS);
    }
  else
    {
      node.label = g_strdup ("(no package)");
      node.tooltip = g_strdup ("(no package)");
    }
  node.colour = dv_layout_package_colour (path);
  if (cost != NULL && group->package != DV_PACKAGE_NONE)
    {
      node.has_bytes = TRUE;
      node.bytes = dv_cost_package_size (cost, group->package);
      node.retained = dv_cost_package_retained (cost, group->package);
    }
  g_array_append_val (b->nodes, node);
  return b->nodes->len - 1;
}

static void
builder_link (Builder    *b,
              guint       from,
              guint       to,
              DvEdgeKind  kind,
              DvSymbolId  from_symbol,
              DvSymbolId  to_symbol)
{
  DvLayoutEdge *edge;

  builder_edge (b, from, to, kind, TRUE, 1);
  edge = &g_array_index (b->edges, DvLayoutEdge, b->edges->len - 1);
  edge->label_from = from_symbol;
  edge->label_to = to_symbol;
  edge->label = link_label (b->graph, from_symbol, to_symbol);
}

static void
build_packages (Builder               *b,
                const DvLayoutRequest *request,
                GArray                *chain)
{
  const DvGraph *graph = b->graph;
  DvSymbolId focus = request->focus;
  gboolean reachable;
  guint startup = 0, previous = 0;
  g_autoptr(GArray) path = chain_to_focus (graph, focus, &reachable, &startup);
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (DvChainStep));
  g_autoptr(GArray) groups = NULL;
  gboolean have_previous = FALSE;

  /* The root is no package: the view begins at its first step. */
  if (reachable)
    g_array_remove_index (path, 0);
  if (request->unfold_startup || !reachable)
    startup = 0;

  if (startup >= 2)
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));
      guint index;

      for (guint i = 0; i < startup; i++)
        g_array_append_val (ids, g_array_index (path, DvChainStep, i).symbol);
      index = builder_fold_node (b, DV_LAYOUT_FOLD_STARTUP, DV_SYMBOL_NONE, startup,
                                 (DvSymbolId *) ids->data, ids->len);
      g_array_index (b->nodes, DvLayoutNode, index).flags |= DV_LAYOUT_NODE_CHAIN;
      g_array_append_val (chain, index);
      previous = index;
      have_previous = TRUE;
    }
  else
    startup = 0;

  g_array_append_vals (steps, path->data + startup * sizeof (DvChainStep), path->len - startup);
  groups = dv_why_chain_packages (graph, steps);
  if (groups->len == 0)
    {
      /* the root itself: no step, no package */
      guint index = builder_symbol_node (b, focus, DV_LAYOUT_NODE_CHAIN | DV_LAYOUT_NODE_FOCUS);
      g_array_append_val (chain, index);
      return;
    }
  for (guint i = 0; i < groups->len; i++)
    {
      const DvPackageStep *group = &g_array_index (groups, DvPackageStep, i);
      guint index = builder_package_node (b, steps, group, request->cost);
      DvLayoutNode *node = &g_array_index (b->nodes, DvLayoutNode, index);

      if (i == 0 && !reachable)
        node->flags |= DV_LAYOUT_NODE_UNREACHABLE;
      if (i == groups->len - 1)
        node->flags |= DV_LAYOUT_NODE_FOCUS;
      if (have_previous)
        {
          /* the step before the group's first keeps it: startup-1 for the
           * first group after the fold */
          DvSymbolId from = i == 0 ? g_array_index (path, DvChainStep, startup - 1).symbol
                                   : g_array_index (steps, DvChainStep, group->first - 1).symbol;
          DvChainStep *entry = &g_array_index (steps, DvChainStep, group->first);

          builder_link (b, previous, index, entry->via, from, entry->symbol);
        }
      g_array_append_val (chain, index);
      previous = index;
      have_previous = TRUE;
    }
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
  guint keep_head, keep_tail, previous = 0, startup, startup_index = 0;
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

  b.hide_metadata = request->hide_metadata;
  if (request->packages)
    {
      build_packages (&b, request, chain);
      reachable = dv_why_symbol_reachable (graph, focus) || focus == dv_graph_get_root (graph);
      goto done;
    }
  path = chain_to_focus (graph, focus, &reachable, &startup);

  /* The runtime's start-up after the root becomes one node: path[1] to
   * path[startup] leave the path, the node stands in path[1]'s place. */
  if (startup >= 2 && !request->unfold_startup)
    {
      g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));

      for (guint i = 1; i <= startup; i++)
        g_array_append_val (steps, g_array_index (path, DvChainStep, i).symbol);
      startup_index = builder_fold_node (&b, DV_LAYOUT_FOLD_STARTUP, DV_SYMBOL_NONE, startup,
                                         (DvSymbolId *) steps->data, steps->len);
      g_array_index (b.nodes, DvLayoutNode, startup_index).flags |= DV_LAYOUT_NODE_CHAIN;
      /* Fans that meet a start-up step draw their edge to the fold. */
      for (guint i = 0; i < steps->len; i++)
        g_hash_table_insert (b.by_symbol, GUINT_TO_POINTER (g_array_index (steps, DvSymbolId, i)),
                             GUINT_TO_POINTER (startup_index + 1));
      g_array_remove_range (path, 2, startup - 1);
    }
  else
    startup = 0;

  /* A chain longer than half the cap keeps its ends and folds the middle
   * (at least two steps, as keep_head + keep_tail is one less than half). */
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
          g_autoptr(GArray) hidden = NULL;

          if (i != keep_head)
            continue;
          hidden = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));
          for (guint j = keep_head; j < path->len - keep_tail; j++)
            g_array_append_val (hidden, g_array_index (path, DvChainStep, j).symbol);
          index = builder_fold_node (&b, DV_LAYOUT_FOLD_CHAIN, DV_SYMBOL_NONE, hidden->len,
                                     (DvSymbolId *) hidden->data, hidden->len);
          builder_edge (&b, previous, index, DV_EDGE_DEP, TRUE, 1);
          g_array_append_val (chain, index);
          previous = index;
          continue;
        }
      if (i == 1 && startup > 0)
        index = startup_index;
      else
        {
          if (i == 0 && !reachable)
            flags |= DV_LAYOUT_NODE_UNREACHABLE;
          if (i == path->len - 1)
            flags |= DV_LAYOUT_NODE_FOCUS;
          index = builder_symbol_node (&b, step->symbol, flags);
        }
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

      /* a start-up step maps to its fold: nothing to expand there */
      if (index < 0 || symbol == focus || g_array_index (b.nodes, DvLayoutNode, index).symbol != symbol)
        continue;
      g_array_index (b.nodes, DvLayoutNode, index).flags |= DV_LAYOUT_NODE_EXPANDED;
      builder_fan (&b, symbol, FALSE,
                   symbol_in (symbol, request->unfolded, request->n_unfolded) ? G_MAXUINT : max_children,
                   0, stagger);
    }

done:
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
      g_free (layout->nodes[i].tooltip);
      g_free (layout->nodes[i].package);
      g_free (layout->nodes[i].folded);
    }
  for (guint i = 0; i < layout->n_edges; i++)
    {
      g_free (layout->edges[i].points);
      g_free (layout->edges[i].label);
    }
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

/* ---- English for exports and the CLI (the app has its own words) ---- */

const char *
dv_layout_text_badges (DvLayoutBadges badges)
{
  switch ((int) (badges & (DV_LAYOUT_BADGE_IFACE | DV_LAYOUT_BADGE_REFLECT)))
    {
    case DV_LAYOUT_BADGE_IFACE:
      return "⟨iface⟩";
    case DV_LAYOUT_BADGE_REFLECT:
      return "⟨reflect⟩";
    case DV_LAYOUT_BADGE_IFACE | DV_LAYOUT_BADGE_REFLECT:
      return "⟨iface⟩⟨reflect⟩";
    default:
      return NULL;
    }
}

char *
dv_layout_text_fold (const DvLayoutNode *node)
{
  switch (node->fold)
    {
    case DV_LAYOUT_FOLD_STARTUP:
      return g_strdup_printf ("runtime start-up (%u steps)", node->more_count);
    case DV_LAYOUT_FOLD_METADATA:
      return g_strdup_printf ("+%u metadata", node->more_count);
    case DV_LAYOUT_FOLD_CHILDREN:
    case DV_LAYOUT_FOLD_PARENTS:
    case DV_LAYOUT_FOLD_CHAIN:
      return g_strdup_printf ("+%u more", node->more_count);
    case DV_LAYOUT_FOLD_NONE:
    default:
      return g_strdup (node->label != NULL ? node->label : "");
    }
}

/* The names of ids, joined by sep, the first max of them. */
static void
append_names (GString          *out,
              const DvGraph    *graph,
              const DvSymbolId *ids,
              guint             n,
              guint             max,
              const char       *sep)
{
  for (guint i = 0; i < n && i < max; i++)
    {
      g_autofree char *name = clean_text (dv_graph_symbol_name (graph, ids[i]),
                                          dv_graph_symbol_name_len (graph, ids[i]), 200);
      if (i > 0)
        g_string_append (out, sep);
      g_string_append (out, name);
    }
  if (n > max)
    g_string_append_printf (out, "%s… (%u in all)", sep, n);
}

char *
dv_layout_text_tooltip (const DvLayout     *layout,
                        const DvGraph      *graph,
                        const DvLayoutNode *node)
{
  GString *out = g_string_new (NULL);
  g_autofree char *owner = NULL;

  (void) layout;
  if (node->more_owner != DV_SYMBOL_NONE)
    owner = clean_text (dv_graph_symbol_name (graph, node->more_owner),
                        dv_graph_symbol_name_len (graph, node->more_owner), 200);
  switch (node->fold)
    {
    case DV_LAYOUT_FOLD_STARTUP:
      g_string_append_printf (out, "The Go runtime's start-up, %u steps: ", node->more_count);
      append_names (out, graph, node->folded, node->n_folded, 20, " → ");
      break;
    case DV_LAYOUT_FOLD_CHAIN:
      g_string_append_printf (out, node->more_count == 1 ? "%u step of the chain not shown: "
                                                         : "%u steps of the chain not shown: ",
                              node->more_count);
      append_names (out, graph, node->folded, node->n_folded, 10, " → ");
      break;
    case DV_LAYOUT_FOLD_METADATA:
      g_string_append_printf (out, node->more_parents ? "%u metadata parents of %s, hidden: "
                                                      : "%u metadata children of %s, hidden: ",
                              node->more_count, owner);
      append_names (out, graph, node->folded, node->n_folded, 10, ", ");
      break;
    case DV_LAYOUT_FOLD_PARENTS:
      g_string_append_printf (out, node->more_count == 1 ? "%u more parent of %s: " : "%u more parents of %s: ",
                              node->more_count, owner);
      append_names (out, graph, node->folded, node->n_folded, 10, ", ");
      break;
    case DV_LAYOUT_FOLD_CHILDREN:
      g_string_append_printf (out, node->more_count == 1 ? "%u more child of %s: " : "%u more children of %s: ",
                              node->more_count, owner);
      append_names (out, graph, node->folded, node->n_folded, 10, ", ");
      break;
    case DV_LAYOUT_FOLD_NONE:
    default:
      if (node->flags & DV_LAYOUT_NODE_PACKAGE)
        {
          g_string_append_printf (out, node->n_steps == 1 ? "package %s, %u step of the chain"
                                                          : "package %s, %u steps of the chain",
                                  node->tooltip, node->n_steps);
          if (node->has_bytes)
            {
              g_autofree char *bytes = dv_layout_text_bytes (node);
              g_string_append_printf (out, " (%s)", bytes);
            }
        }
      else if (node->flags & DV_LAYOUT_NODE_ROOT)
        g_string_append (out, "_ : the linker's roots (entry points and other symbols it keeps first)");
      else if (node->tooltip != NULL)
        g_string_append (out, node->tooltip);
      break;
    }
  return g_string_free (out, FALSE);
}

char *
dv_layout_text_bytes (const DvLayoutNode *node)
{
  g_autofree char *own = dv_format_bytes (node->bytes);
  g_autofree char *retained = dv_format_bytes (node->retained);

  return g_strdup_printf ("%s own · %s retained", own, retained);
}

char *
dv_layout_text_title (const DvGraph *graph,
                      DvSymbolId     focus)
{
  g_autofree char *name = clean_text (dv_graph_symbol_name (graph, focus),
                                      dv_graph_symbol_name_len (graph, focus), 200);
  g_autofree char *file = g_path_get_basename (dv_graph_get_display_name (graph));

  return g_strdup_printf ("Why is %s in %s?", name, file);
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
#define PATH_COLOUR       "#5e5c64"
#define REFLECT_COLOUR    "#c01c28"

/* The title and the legend, as the graph's label above it: plain text,
 * lines ending "\l" (left-justified). Not an HTML-like label: Graphviz
 * 2.42 never frees the text items of one (htmlparse), and the sanitizer
 * builds would report them in every export. */
static char *
export_heading (const DvLayoutExportOptions *options,
                gboolean                     packages)
{
  GString *out = g_string_new (NULL);

  if (options->title != NULL)
    {
      g_autofree char *clean = clean_text (options->title, -1, 400);
      g_autofree char *title = graphviz_escape (clean);
      g_string_append_printf (out, "%s\\l", title);
    }
  if (options->legend && packages)
    g_string_append (out, "one box per package of the chain; each arrow names the symbol that keeps "
                          "the next package (solid: refers to, dashed: calls)\\l");
  else if (options->legend)
    g_string_append (out, "thick blue: the chain    solid, dep: refers to    dashed, call: calls\\l"
                          "⟨iface⟩ a type converted to an interface    "
                          "⟨reflect⟩ looks up methods by name: keeps exported methods\\l");
  if (options->legend && options->mark_legend != NULL
      && (options->n_marked > 0 || options->n_marked_packages > 0))
    {
      g_autofree char *clean = clean_text (options->mark_legend, -1, 400);
      g_autofree char *line = graphviz_escape (clean);
      g_string_append_printf (out, "%s\\l", line);
    }
  return g_string_free (out, FALSE);
}

static int
compare_ids (const void *a,
             const void *b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

static gboolean
sorted_has (const guint32 *ids,
            guint          n,
            guint32        id)
{
  return ids != NULL && bsearch (&id, ids, n, sizeof id, compare_ids) != NULL;
}

/* The export options mark the node (not folds or the root). */
static gboolean
export_marks (const DvLayoutExportOptions *options,
              const DvLayoutNode          *node)
{
  if (options == NULL || node->flags & (DV_LAYOUT_NODE_MORE | DV_LAYOUT_NODE_ROOT))
    return FALSE;
  if (node->flags & DV_LAYOUT_NODE_PACKAGE)
    return sorted_has (options->marked_packages, options->n_marked_packages, node->package_id);
  return sorted_has (options->marked, options->n_marked, node->symbol);
}

/* How many of the symbols a "+N more" fold holds the export options mark. */
static guint
export_fold_marks (const DvLayoutExportOptions *options,
                   const DvLayoutNode          *node)
{
  guint count = 0;

  if (options == NULL || options->mark_fold_note == NULL || !(node->flags & DV_LAYOUT_NODE_MORE))
    return 0;
  for (guint i = 0; i < node->n_folded; i++)
    count += sorted_has (options->marked, options->n_marked, node->folded[i]) ? 1 : 0;
  return count;
}

static Agraph_t *
graphviz_graph (const DvLayout              *layout,
                const DvGraph               *graph,
                const DvLayoutExportOptions *options,
                Agnode_t                   **nodes,
                Agedge_t                   **edges)
{
  Agraph_t *g = agopen ((char *) "depview", Agdirected, NULL);
  char buf[64];
  guint n_fold_marks;

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
  if (options != NULL && (options->n_marked > 0 || options->n_marked_packages > 0))
    agattr (g, AGNODE, (char *) "peripheries", (char *) "1");

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
      const DvLayoutColour *colour = &dv_layout_palette[MIN (node->colour, DV_LAYOUT_COLOUR_NONE)];
      g_autofree char *text = NULL;
      const char *badge = dv_layout_text_badges (node->badges);
      char border[8], fill[8];

      g_snprintf (buf, sizeof buf, "n%u", i);
      nodes[i] = agnode (g, buf, TRUE);
      if (node->flags & DV_LAYOUT_NODE_ROOT)
        text = g_strdup ("root");
      else
        text = dv_layout_text_fold (node);
      if (badge != NULL)
        {
          char *with_badge = g_strconcat (text, " ", badge, NULL);
          g_free (text);
          text = with_badge;
        }
      if ((options != NULL && options->packages && node->package != NULL
           && strchr (node->package, '/') != NULL && node->fold == DV_LAYOUT_FOLD_NONE)
          || node->has_bytes)
        {
          /* The label shortens the import path to its last element: the
           * whole path goes on a second line; bytes on a third (plain
           * lines, not an HTML-like label, which Graphviz 2.42 leaks). */
          g_autofree char *name = graphviz_escape (text);
          GString *label = g_string_new (name);

          if (options != NULL && options->packages && node->package != NULL
              && strchr (node->package, '/') != NULL && node->fold == DV_LAYOUT_FOLD_NONE)
            {
              g_autofree char *path = graphviz_escape (node->package);
              g_string_append_printf (label, "\\n%s", path);
            }
          if (node->has_bytes)
            {
              g_autofree char *bytes = dv_layout_text_bytes (node);
              g_autofree char *escaped = graphviz_escape (bytes);
              g_string_append_printf (label, "\\n%s", escaped);
            }
          set_attr (nodes[i], "label", label->str);
          g_string_free (label, TRUE);
        }
      else
        {
          g_autofree char *label = graphviz_escape (text);
          set_attr (nodes[i], "label", label);
        }
      if (graph != NULL)
        {
          g_autofree char *tip = dv_layout_text_tooltip (layout, graph, node);
          g_autofree char *tooltip = graphviz_escape (tip);
          set_attr (nodes[i], "tooltip", tooltip);
        }

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
      if (node->flags & DV_LAYOUT_NODE_STARTUP)
        set_attr (nodes[i], "color", "#77767b");
      if (node->badges & DV_LAYOUT_BADGE_REFLECT)
        set_attr (nodes[i], "fontcolor", REFLECT_COLOUR);
      if (export_marks (options, node))
        {
          /* a second outline in the mark's colour, and its word on a last line */
          set_attr (nodes[i], "peripheries", "2");
          set_attr (nodes[i], "color", options->mark_colour != NULL ? options->mark_colour : "#26a269");
          set_attr (nodes[i], "penwidth", "2.5");
          if (options->mark_note != NULL)
            {
              g_autofree char *note = graphviz_escape (options->mark_note);
              g_autofree char *label = g_strdup_printf ("%s\\n%s", agget (nodes[i], (char *) "label"), note);

              set_attr (nodes[i], "label", label);
            }
        }
      else if ((n_fold_marks = export_fold_marks (options, node)) > 0)
        {
          /* a fold keeps its dashes; the mark's colour and how many it holds */
          g_autofree char *note = graphviz_escape (options->mark_fold_note);
          g_autofree char *label = g_strdup_printf ("%s\\n%u %s", agget (nodes[i], (char *) "label"),
                                                    n_fold_marks, note);

          set_attr (nodes[i], "color", options->mark_colour != NULL ? options->mark_colour : "#26a269");
          set_attr (nodes[i], "penwidth", "2.5");
          set_attr (nodes[i], "label", label);
        }
    }

  if (options != NULL && (options->title != NULL || options->legend))
    {
      gboolean packages = FALSE;
      g_autofree char *html = NULL;

      for (guint i = 0; i < layout->n_nodes && !packages; i++)
        packages = (layout->nodes[i].flags & DV_LAYOUT_NODE_PACKAGE) != 0;
      html = export_heading (options, packages);
      agattr (g, AGRAPH, (char *) "labelloc", (char *) "t");
      agattr (g, AGRAPH, (char *) "labeljust", (char *) "l");
      agattr (g, AGRAPH, (char *) "fontsize", (char *) "11");
      agattr (g, AGRAPH, (char *) "label", html);
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
      if (edge->spread != 0)
        {
          /* Fan edges meet the owner's side in three places, not one. */
          static const char *const tb_head[] = { "nw", "n", "ne" }, *const tb_tail[] = { "sw", "s", "se" };
          static const char *const lr_head[] = { "nw", "w", "sw" }, *const lr_tail[] = { "ne", "e", "se" };
          gboolean lr = layout->direction == DV_LAYOUT_LEFT_TO_RIGHT;

          if (edge->spread_at_head)
            set_attr (edges[i], "headport", (lr ? lr_head : tb_head)[edge->spread + 1]);
          else
            set_attr (edges[i], "tailport", (lr ? lr_tail : tb_tail)[edge->spread + 1]);
        }
      if (edge->minlen > 1)
        {
          g_snprintf (buf, sizeof buf, "%u", edge->minlen);
          set_attr (edges[i], "minlen", buf);
        }
      set_attr (edges[i], "tooltip", dv_edge_kind_to_string (edge->kind));
      if (edge->label != NULL)
        {
          g_autofree char *label = graphviz_escape (edge->label);

          set_attr (edges[i], "label", label);
          set_attr (edges[i], "fontname", "Helvetica");
          set_attr (edges[i], "fontsize", "8");
          set_attr (edges[i], "fontcolor", PATH_COLOUR);
        }
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
      if (edge->label != NULL && ED_label (edges[i]) != NULL && ED_label (edges[i])->set)
        {
          textlabel_t *label = ED_label (edges[i]);

          edge->has_label_pos = TRUE;
          edge->label_pos = (DvLayoutPoint) { label->pos.x - left, top - label->pos.y };
          edge->label_width = label->dimen.x;
          edge->label_height = label->dimen.y;
        }
    }
  layout->laid_out = TRUE;
}

/* Runs with graphviz_lock held: agopen, gvLayout, then read or render. */
static gboolean
graphviz_run (DvLayout                    *layout,
              const DvGraph               *graph,
              const DvLayoutExportOptions *options,
              const char                  *render_format,
              GBytes     **rendered,
              GError     **error)
{
  GVC_t *gvc = graphviz_context ();
  g_autofree Agnode_t **nodes = g_new0 (Agnode_t *, MAX (layout->n_nodes, 1));
  g_autofree Agedge_t **edges = g_new0 (Agedge_t *, MAX (layout->n_edges, 1));
  Agraph_t *g;
  gboolean ok = FALSE;

  g = graphviz_graph (layout, graph, options, nodes, edges);
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
  graphviz_run (&layout, NULL, NULL, NULL, NULL, NULL);
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
  ok = graphviz_run (layout, NULL, NULL, NULL, NULL, error);
  graphviz_end ();
  g_debug ("layout: %u nodes, %u edges in %.1f ms", layout->n_nodes, layout->n_edges,
           (g_get_monotonic_time () - start) / 1000.0);
  return ok;
}

void
dv_layout_export_options_init (DvLayoutExportOptions *options)
{
  memset (options, 0, sizeof *options);
  options->legend = TRUE;
  options->packages = TRUE;
}

gboolean
dv_layout_export (const DvGraph                *graph,
                  const DvLayoutRequest        *request,
                  const DvLayoutExportOptions  *options,
                  const char                   *format,
                  GBytes                      **out,
                  GError                      **error)
{
  g_autoptr(DvLayout) layout = NULL;
  DvLayoutExportOptions defaults;
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

  if (options == NULL)
    {
      dv_layout_export_options_init (&defaults);
      options = &defaults;
    }
  graphviz_begin ();
  ok = graphviz_run (layout, graph, options, graphviz_format, out, error);
  graphviz_end ();
  return ok;
}

gboolean
dv_layout_render (const DvGraph          *graph,
                  const DvLayoutRequest  *request,
                  const char             *format,
                  GBytes                **out,
                  GError                **error)
{
  return dv_layout_export (graph, request, NULL, format, out, error);
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
