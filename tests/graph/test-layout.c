/* The focused view: what dv_layout_build picks (checked against an
 * independent reading of the dump), what Graphviz returns, and exports. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "dv-layout.h"
#include "dump-reference.h"

typedef struct {
  RefDump *ref;
  DvGraph *graph;
} Fixture;

static Fixture hello, hazards;

static void
fixture_load (Fixture    *f,
              const char *name)
{
  g_autofree char *path = ref_fixture (name);
  g_autoptr(GBytes) bytes = ref_read_file (path);
  g_autoptr(GError) error = NULL;

  f->ref = ref_dump_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  f->graph = dv_graph_load_path (path, NULL, &error);
  g_assert_no_error (error);
}

static DvSymbolId
symbol (Fixture    *f,
        const char *name)
{
  DvSymbolId id = dv_graph_find_symbol (f->graph, name, -1);

  g_assert_cmpuint (id, !=, DV_SYMBOL_NONE);
  return id;
}

static const char *
node_name (Fixture            *f,
           const DvLayoutNode *node)
{
  return dv_graph_symbol_name (f->graph, node->symbol);
}

static int
node_of (Fixture        *f,
         const DvLayout *layout,
         const char     *name)
{
  return dv_layout_find_symbol (layout, symbol (f, name));
}

static const DvLayoutEdge *
edge_between (const DvLayout *layout,
              int             from,
              int             to)
{
  for (guint i = 0; i < layout->n_edges; i++)
    if ((int) layout->edges[i].from == from && (int) layout->edges[i].to == to)
      return &layout->edges[i];
  return NULL;
}

/* The distinct other ends of a reference symbol's links, self excluded. */
static GPtrArray *
distinct_links (RefSym    *sym,
                GPtrArray *links)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < links->len; i++)
    {
      RefLink *l = g_ptr_array_index (links, i);
      if (l->sym != sym && !g_ptr_array_find (out, l->sym, NULL))
        g_ptr_array_add (out, l->sym);
    }
  return out;
}

/* The named reference symbol with the most distinct children, at most max. */
static RefSym *
widest_symbol (Fixture *f,
               guint    max)
{
  RefSym *best = NULL;
  guint best_n = 0;

  for (guint i = 0; i < f->ref->sym_order->len; i++)
    {
      RefSym *sym = g_ptr_array_index (f->ref->sym_order, i);
      g_autoptr(GPtrArray) kids = distinct_links (sym, sym->children);

      if (kids->len > best_n && kids->len <= max && sym->name[0] != '\0')
        {
          best = sym;
          best_n = kids->len;
        }
    }
  g_assert_nonnull (best);
  return best;
}

static DvLayout *
build (Fixture          *f,
       DvLayoutRequest  *request)
{
  DvLayout *layout = dv_layout_build (f->graph, request);

  g_assert_nonnull (layout);
  g_assert_cmpuint (layout->n_nodes, <=, request->max_nodes);
  return layout;
}

static void
test_focus_view (void)
{
  RefSym *focus = ref_lookup (hello.ref, "fmt.Fprintln");
  g_autoptr(GPtrArray) kids = distinct_links (focus, focus->children);
  g_autoptr(GPtrArray) parents = distinct_links (focus, focus->parents);
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();
  g_autoptr(DvLayout) layout = NULL;
  DvLayoutRequest request;
  int f;

  g_assert_cmpuint (kids->len, <=, DV_LAYOUT_MAX_CHILDREN);
  for (RefSym *s = focus; s != NULL; s = s->bfs_parent)
    g_ptr_array_insert (chain, 0, s);

  dv_layout_request_init (&request, symbol (&hello, "fmt.Fprintln"));
  request.unfold_startup = TRUE;
  layout = build (&hello, &request);
  g_assert_true (layout->reachable);
  g_assert_false (layout->truncated);
  g_assert_false (layout->laid_out);

  /* The chain: the root, then the recorded shortest path, in order. */
  g_assert_cmpuint (layout->n_chain, ==, chain->len);
  for (guint i = 0; i < chain->len; i++)
    {
      const DvLayoutNode *node = &layout->nodes[layout->chain[i]];
      RefSym *want = g_ptr_array_index (chain, i);

      g_assert_cmpstr (node_name (&hello, node), ==, want->name);
      g_assert_true (node->flags & DV_LAYOUT_NODE_CHAIN);
      if (i > 0)
        {
          const DvLayoutEdge *e = edge_between (layout, layout->chain[i - 1], layout->chain[i]);
          g_assert_nonnull (e);
          g_assert_true (e->on_chain);
          g_assert_cmpint (e->kind, ==, want->bfs_via);
        }
    }
  g_assert_true (layout->nodes[layout->chain[0]].flags & DV_LAYOUT_NODE_ROOT);

  f = node_of (&hello, layout, "fmt.Fprintln");
  g_assert_cmpint (f, >=, 0);
  for (guint i = 0; i < layout->n_nodes; i++)
    g_assert_cmpint (!!(layout->nodes[i].flags & DV_LAYOUT_NODE_FOCUS), ==, (int) i == f);

  /* Every child and parent the dump records, each with its edge. */
  for (guint i = 0; i < kids->len; i++)
    {
      RefSym *kid = g_ptr_array_index (kids, i);
      int k = node_of (&hello, layout, kid->name);

      g_assert_cmpint (k, >=, 0);
      g_assert_nonnull (edge_between (layout, f, k));
    }
  for (guint i = 0; i < parents->len; i++)
    {
      RefSym *parent = g_ptr_array_index (parents, i);
      int p = node_of (&hello, layout, parent->name);

      g_assert_cmpint (p, >=, 0);
      g_assert_nonnull (edge_between (layout, p, f));
    }
  g_assert_cmpuint (layout->n_nodes, ==, chain->len + kids->len + parents->len - 1 /* the chain's parent */);

  /* Labels are short names, tooltips the full ones. */
  g_assert_cmpstr (layout->nodes[f].tooltip, ==, "fmt.Fprintln");
  g_assert_cmpuint (strlen (layout->nodes[f].label), <=, strlen ("fmt.Fprintln"));
}

static void
test_more (void)
{
  RefSym *wide = widest_symbol (&hello, 100);
  g_autoptr(GPtrArray) kids = distinct_links (wide, wide->children);
  g_autoptr(DvLayout) folded = NULL;
  g_autoptr(DvLayout) unfolded = NULL;
  DvLayoutRequest request;
  guint shown = 0, more = 0, more_count = 0, new_children = 0;
  int f;

  g_assert_cmpuint (kids->len, >, DV_LAYOUT_MAX_CHILDREN);
  dv_layout_request_init (&request, symbol (&hello, wide->name));
  folded = build (&hello, &request);
  f = dv_layout_find_symbol (folded, request.focus);
  for (guint i = 0; i < folded->n_edges; i++)
    {
      const DvLayoutEdge *e = &folded->edges[i];
      const DvLayoutNode *to = &folded->nodes[e->to];

      if ((int) e->from != f)
        continue;
      if (to->flags & DV_LAYOUT_NODE_MORE)
        {
          more++;
          more_count = to->more_count;
          g_assert_cmpuint (to->more_owner, ==, request.focus);
          g_assert_false (to->more_parents);
          g_assert_cmpuint (to->symbol, ==, DV_SYMBOL_NONE);
        }
      else
        shown++;
    }
  for (guint i = 0; i < folded->n_nodes; i++)
    if (folded->nodes[i].flags & DV_LAYOUT_NODE_CHILD)
      new_children++;
  /* Twelve new nodes; children already shown (a cycle) only get an edge;
   * the "+N more" counts the rest. */
  g_assert_cmpuint (more, ==, 1);
  g_assert_cmpuint (new_children, ==, DV_LAYOUT_MAX_CHILDREN);
  g_assert_cmpuint (shown + more_count, ==, kids->len);

  /* Unfolded: every child, no "+N more". */
  request.unfolded = &request.focus;
  request.n_unfolded = 1;
  unfolded = build (&hello, &request);
  for (guint i = 0; i < kids->len; i++)
    {
      RefSym *kid = g_ptr_array_index (kids, i);
      g_assert_cmpint (node_of (&hello, unfolded, kid->name), >=, 0);
    }
  for (guint i = 0; i < unfolded->n_nodes; i++)
    g_assert_false (unfolded->nodes[i].flags & DV_LAYOUT_NODE_MORE);
}

static void
test_expand (void)
{
  RefSym *kid = ref_lookup (hello.ref, "fmt.newPrinter");
  g_autoptr(GPtrArray) grandkids = distinct_links (kid, kid->children);
  g_autoptr(DvLayout) plain = NULL;
  g_autoptr(DvLayout) expanded = NULL;
  DvSymbolId kid_id = symbol (&hello, "fmt.newPrinter");
  DvLayoutRequest request;
  guint shown = 0;
  int k;

  g_assert_cmpuint (grandkids->len, >, 0);
  dv_layout_request_init (&request, symbol (&hello, "fmt.Fprintln"));
  plain = build (&hello, &request);
  request.expanded = &kid_id;
  request.n_expanded = 1;
  expanded = build (&hello, &request);

  k = dv_layout_find_symbol (expanded, kid_id);
  g_assert_cmpint (k, >=, 0);
  g_assert_true (expanded->nodes[k].flags & DV_LAYOUT_NODE_EXPANDED);
  for (guint i = 0; i < grandkids->len; i++)
    {
      RefSym *g = g_ptr_array_index (grandkids, i);
      int n = node_of (&hello, expanded, g->name);

      if (n >= 0 && edge_between (expanded, k, n) != NULL)
        shown++;
    }
  g_assert_cmpuint (shown, ==, MIN (grandkids->len, DV_LAYOUT_MAX_CHILDREN));
  g_assert_cmpuint (expanded->n_nodes, >, plain->n_nodes);
}

static void
test_cap (void)
{
  RefSym *wide = widest_symbol (&hello, 1000);
  g_autoptr(GPtrArray) kids = distinct_links (wide, wide->children);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));
  guint total_children = kids->len;
  DvLayoutRequest request;

  for (guint i = 0; i < kids->len; i++)
    {
      RefSym *kid = g_ptr_array_index (kids, i);
      g_autoptr(GPtrArray) grandkids = distinct_links (kid, kid->children);
      DvSymbolId id = symbol (&hello, kid->name);

      total_children += grandkids->len;
      g_array_append_val (ids, id);
    }
  g_array_prepend_val (ids, ((DvSymbolId) { symbol (&hello, wide->name) }));
  /* The dump gives more than the cap when all is unfolded. */
  g_assert_cmpuint (total_children, >, DV_LAYOUT_MAX_NODES);

  dv_layout_request_init (&request, symbol (&hello, wide->name));
  request.expanded = (const DvSymbolId *) ids->data;
  request.n_expanded = ids->len;
  request.unfolded = (const DvSymbolId *) ids->data;
  request.n_unfolded = ids->len;

  {
    g_autoptr(DvLayout) layout = build (&hello, &request);
    g_assert_true (layout->truncated);
    g_assert_cmpuint (layout->n_nodes, <=, DV_LAYOUT_MAX_NODES);
    g_assert_cmpuint (layout->n_nodes, >, DV_LAYOUT_MAX_NODES - 20);
  }

  request.max_nodes = 20;
  {
    g_autoptr(DvLayout) layout = build (&hello, &request);
    g_assert_true (layout->truncated);
    g_assert_cmpuint (layout->n_nodes, <=, 20);
    /* The focus and its chain are never what is cut. */
    g_assert_cmpint (dv_layout_find_symbol (layout, request.focus), >=, 0);
    g_assert_true (layout->nodes[layout->chain[layout->n_chain - 1]].flags & DV_LAYOUT_NODE_FOCUS);
  }
}

static void
test_unreachable (void)
{
  RefSym *lost = NULL;
  g_autoptr(DvLayout) layout = NULL;
  DvLayoutRequest request;
  const DvLayoutNode *top;

  /* A symbol the dump gives a parent but no path from "_". */
  for (guint i = 0; i < hello.ref->sym_order->len && lost == NULL; i++)
    {
      RefSym *sym = g_ptr_array_index (hello.ref->sym_order, i);
      if (sym->dist == G_MAXUINT && sym->parents->len > 0 && sym->name[0] != '\0')
        lost = sym;
    }
  g_assert_nonnull (lost);

  dv_layout_request_init (&request, symbol (&hello, lost->name));
  layout = build (&hello, &request);
  g_assert_false (layout->reachable);
  g_assert_cmpuint (layout->n_chain, >=, 2);
  top = &layout->nodes[layout->chain[0]];
  g_assert_true (top->flags & DV_LAYOUT_NODE_UNREACHABLE);
  g_assert_false (top->flags & DV_LAYOUT_NODE_ROOT);
  /* The step above the focus is its first recorded parent. */
  g_assert_cmpstr (node_name (&hello, &layout->nodes[layout->chain[layout->n_chain - 2]]), ==,
                   ((RefLink *) g_ptr_array_index (lost->parents, 0))->sym->name);

  /* As packages: the known ancestors' packages, the top one marked, the
   * focus's package last, and no start-up fold (there is no start). */
  {
    g_autoptr(DvLayout) packages = NULL;
    const DvLayoutNode *last;

    request.packages = TRUE;
    packages = build (&hello, &request);
    g_assert_false (packages->reachable);
    g_assert_cmpuint (packages->n_chain, >=, 1);
    g_assert_cmpuint (packages->n_chain, <=, layout->n_chain);
    g_assert_true (packages->nodes[packages->chain[0]].flags & DV_LAYOUT_NODE_UNREACHABLE);
    last = &packages->nodes[packages->chain[packages->n_chain - 1]];
    g_assert_true (last->flags & DV_LAYOUT_NODE_FOCUS);
    g_assert_cmpuint (last->symbol, ==, symbol (&hello, lost->name));
    for (guint i = 0; i < packages->n_nodes; i++)
      g_assert_false (packages->nodes[i].flags & DV_LAYOUT_NODE_STARTUP);
  }
}

/* The root itself as packages: one node, the root, no package. */
static void
test_packages_root (void)
{
  g_autoptr(DvLayout) layout = NULL;
  DvLayoutRequest request;

  dv_layout_request_init (&request, dv_graph_get_root (hello.graph));
  request.packages = TRUE;
  layout = build (&hello, &request);
  g_assert_cmpuint (layout->n_nodes, ==, 1);
  g_assert_cmpuint (layout->n_edges, ==, 0);
  g_assert_true (layout->nodes[0].flags & DV_LAYOUT_NODE_ROOT);
  g_assert_true (layout->nodes[0].flags & DV_LAYOUT_NODE_FOCUS);
}

static void
test_palette (void)
{
  GHashTable *colours = g_hash_table_new (NULL, NULL);
  g_autofree char *copy = g_strdup ("fmt");

  g_assert_cmpuint (dv_layout_package_colour ("fmt"), ==, dv_layout_package_colour (copy));
  g_assert_cmpuint (dv_layout_package_colour (NULL), ==, DV_LAYOUT_COLOUR_NONE);
  for (guint i = 0; i < dv_graph_get_n_packages (hello.graph); i++)
    {
      guint c = dv_layout_package_colour (dv_graph_package_name (hello.graph, i));
      g_assert_cmpuint (c, <, DV_LAYOUT_PALETTE_SIZE);
      g_hash_table_add (colours, GUINT_TO_POINTER (c));
    }
  /* The packages of a hello-world spread over the palette. */
  g_assert_cmpuint (g_hash_table_size (colours), >=, MIN (6, dv_graph_get_n_packages (hello.graph)));
  g_hash_table_unref (colours);
}

static gboolean
boxes_overlap (const DvLayoutNode *a,
               const DvLayoutNode *b)
{
  return fabs (a->x - b->x) < (a->width + b->width) / 2 - 0.5 &&
         fabs (a->y - b->y) < (a->height + b->height) / 2 - 0.5;
}

static gboolean
near_box (const DvLayoutNode  *n,
          const DvLayoutPoint *p,
          double               slack)
{
  return fabs (p->x - n->x) <= n->width / 2 + slack && fabs (p->y - n->y) <= n->height / 2 + slack;
}

static void
check_geometry (const DvLayout *layout)
{
  g_assert_true (layout->laid_out);
  g_assert_cmpfloat (layout->width, >, 0);
  g_assert_cmpfloat (layout->height, >, 0);
  for (guint i = 0; i < layout->n_nodes; i++)
    {
      const DvLayoutNode *n = &layout->nodes[i];

      g_assert_cmpfloat (n->width, >, 10);
      g_assert_cmpfloat (n->height, >, 10);
      g_assert_cmpfloat (n->x - n->width / 2, >=, -0.5);
      g_assert_cmpfloat (n->y - n->height / 2, >=, -0.5);
      g_assert_cmpfloat (n->x + n->width / 2, <=, layout->width + 0.5);
      g_assert_cmpfloat (n->y + n->height / 2, <=, layout->height + 0.5);
      for (guint j = 0; j < i; j++)
        g_assert_false (boxes_overlap (n, &layout->nodes[j]));
    }
  for (guint i = 0; i < layout->n_edges; i++)
    {
      const DvLayoutEdge *e = &layout->edges[i];

      g_assert_cmpuint (e->n_points, >=, 4);
      g_assert_cmpuint ((e->n_points - 1) % 3, ==, 0);
      g_assert_true (e->has_head);
      g_assert_true (near_box (&layout->nodes[e->from], &e->points[0], 2));
      g_assert_true (near_box (&layout->nodes[e->to], &e->head, 2));
    }
}

static void
test_geometry (void)
{
  DvLayoutRequest request;
  g_autoptr(GError) error = NULL;

  dv_layout_request_init (&request, symbol (&hello, "fmt.Fprintln"));
  for (int direction = DV_LAYOUT_TOP_TO_BOTTOM; direction <= DV_LAYOUT_LEFT_TO_RIGHT; direction++)
    {
      g_autoptr(DvLayout) layout = NULL;

      request.direction = direction;
      layout = build (&hello, &request);
      g_assert_true (dv_layout_compute (layout, &error));
      g_assert_no_error (error);
      check_geometry (layout);
      /* The chain reads downwards (or rightwards): y was flipped. */
      for (guint i = 1; i < layout->n_chain; i++)
        {
          const DvLayoutNode *a = &layout->nodes[layout->chain[i - 1]];
          const DvLayoutNode *b = &layout->nodes[layout->chain[i]];

          if (direction == DV_LAYOUT_TOP_TO_BOTTOM)
            g_assert_cmpfloat (b->y, >, a->y);
          else
            g_assert_cmpfloat (b->x, >, a->x);
        }
    }

  /* A big view too. */
  {
    RefSym *wide = widest_symbol (&hello, 150);
    g_autoptr(DvLayout) layout = NULL;

    dv_layout_request_init (&request, symbol (&hello, wide->name));
    request.unfolded = &request.focus;
    request.n_unfolded = 1;
    layout = build (&hello, &request);
    g_assert_true (dv_layout_compute (layout, &error));
    check_geometry (layout);
  }
}

static gboolean
well_formed_xml (GBytes *bytes)
{
  static const GMarkupParser parser = { 0 };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (!g_markup_parse_context_parse (context, data, len, &error) ||
      !g_markup_parse_context_end_parse (context, &error))
    {
      g_test_message ("not XML: %s", error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  g_autofree char *raw = g_strndup (data, len);
  g_auto(GStrv) parts = g_strsplit (raw, "&#45;", -1);
  /* Graphviz's SVG writes '-' as a character reference */
  g_autofree char *text = g_strjoinv ("-", parts);

  return strstr (text, needle) != NULL;
}

static void
test_render (void)
{
  RefSym *focus = ref_lookup (hello.ref, "fmt.Fprintln");
  g_autoptr(GPtrArray) kids = distinct_links (focus, focus->children);
  DvSymbolId id = symbol (&hello, "fmt.Fprintln");
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) dot = NULL;
  g_autoptr(GBytes) none = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (dv_layout_render_why (hello.graph, id, "svg", &svg, &error));
  g_assert_no_error (error);
  g_assert_true (well_formed_xml (svg));
  g_assert_true (bytes_contain (svg, "<svg"));
  for (guint i = 0; i < kids->len; i++)
    {
      RefSym *kid = g_ptr_array_index (kids, i);
      g_autofree char *escaped = g_markup_escape_text (kid->name, -1);
      g_assert_true (bytes_contain (svg, escaped));
    }

  g_assert_true (dv_layout_render_why (hello.graph, id, "png", &png, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (png), >, 1000);
  g_assert_cmpmem (g_bytes_get_data (png, NULL), 8, "\x89PNG\r\n\x1a\n", 8);

  g_assert_true (dv_layout_render_why (hello.graph, id, "dot", &dot, &error));
  g_assert_no_error (error);
  g_assert_true (bytes_contain (dot, "digraph"));
  g_assert_true (bytes_contain (dot, "pos=")); /* laid out */
  g_assert_true (bytes_contain (dot, "fmt.Fprintln"));

  /* One view: dot and svg draw the nodes dv_layout_build picks. */
  {
    g_autoptr(DvLayout) layout = NULL;
    g_autoptr(GPtrArray) parents = distinct_links (focus, focus->parents);
    g_autoptr(GRegex) dot_node = g_regex_new ("^\\tn[0-9]+\\t+\\[", G_REGEX_MULTILINE, 0, NULL);
    g_autoptr(GMatchInfo) match = NULL;
    g_autofree char *dot_text = g_strndup (g_bytes_get_data (dot, NULL), g_bytes_get_size (dot));
    g_autofree char *svg_text = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));
    g_auto(GStrv) svg_nodes = g_strsplit (svg_text, "class=\"node\"", -1);
    DvLayoutRequest request;
    guint n_dot = 0;

    dv_layout_request_init (&request, id);
    layout = build (&hello, &request);
    for (g_regex_match (dot_node, dot_text, 0, &match); g_match_info_matches (match);
         g_match_info_next (match, NULL))
      n_dot++;
    g_assert_cmpuint (n_dot, ==, layout->n_nodes);
    g_assert_cmpuint (g_strv_length (svg_nodes) - 1, ==, layout->n_nodes);
    /* chain (root, start-up, main.main, focus) + the dump's children and other parents */
    g_assert_cmpuint (layout->n_nodes, ==, 4 + kids->len + parents->len - 1);
  }

  g_assert_false (dv_layout_render_why (hello.graph, id, "gif", &none, &error));
  g_assert_error (error, DV_LAYOUT_ERROR, DV_LAYOUT_ERROR_FORMAT);
  g_assert_null (none);
  g_clear_error (&error);
  g_assert_false (dv_layout_render_why (hello.graph, dv_graph_get_n_symbols (hello.graph), "svg", &none, &error));
  g_assert_error (error, DV_LAYOUT_ERROR, DV_LAYOUT_ERROR_NO_SYMBOL);
}

/* The runtime's start-up steps as the Go linker names them (independent of
 * the engine's list): the reference chain's leading run of these. */
static guint
ref_startup_steps (GPtrArray *chain)
{
  static const char *const names[] = {
    "_rt0_amd64_linux", "_rt0_amd64", "runtime.rt0_go", "runtime.mainPC",
    "runtime.main", "runtime.main_main·f",
  };
  guint n = 0;

  /* chain[0] is the root */
  for (guint i = 1; i + 1 < chain->len; i++)
    {
      RefSym *s = g_ptr_array_index (chain, i);
      gboolean known = FALSE;

      for (guint k = 0; k < G_N_ELEMENTS (names); k++)
        known |= g_str_equal (s->name, names[k]);
      if (!known)
        break;
      n++;
    }
  return n;
}

static GPtrArray *
ref_chain (RefSym *focus)
{
  GPtrArray *chain = g_ptr_array_new ();

  for (RefSym *s = focus; s != NULL; s = s->bfs_parent)
    g_ptr_array_insert (chain, 0, s);
  return chain;
}

static void
check_startup (Fixture    *f,
               const char *focus_name)
{
  RefSym *focus = ref_lookup (f->ref, focus_name);
  g_autoptr(GPtrArray) chain = ref_chain (focus);
  guint steps = ref_startup_steps (chain);
  g_autoptr(DvLayout) folded = NULL;
  g_autoptr(DvLayout) unfolded = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GError) error = NULL;
  DvLayoutRequest request;
  const DvLayoutNode *fold;
  const DvLayoutEdge *e;
  guint n_startup = 0;

  /* The dump's chain begins with the whole start-up, then main.main. */
  g_assert_cmpuint (steps, ==, 6);
  g_assert_cmpstr (((RefSym *) g_ptr_array_index (chain, steps + 1))->name, ==, "main.main");

  dv_layout_request_init (&request, symbol (f, focus_name));
  folded = build (f, &request);
  request.unfold_startup = TRUE;
  unfolded = build (f, &request);

  g_assert_cmpuint (folded->n_chain, ==, chain->len - steps + 1);
  g_assert_cmpuint (unfolded->n_chain, ==, chain->len);
  g_assert_cmpuint (folded->n_nodes, ==, unfolded->n_nodes - steps + 1);
  fold = &folded->nodes[folded->chain[1]];
  g_assert_cmpint (fold->fold, ==, DV_LAYOUT_FOLD_STARTUP);
  g_assert_true (fold->flags & DV_LAYOUT_NODE_STARTUP);
  g_assert_true (fold->flags & DV_LAYOUT_NODE_CHAIN);
  g_assert_cmpuint (fold->symbol, ==, DV_SYMBOL_NONE);
  g_assert_cmpuint (fold->more_count, ==, steps);
  g_assert_cmpuint (fold->n_folded, ==, steps);
  for (guint i = 0; i < steps; i++)
    g_assert_cmpstr (dv_graph_symbol_name (f->graph, fold->folded[i]), ==,
                     ((RefSym *) g_ptr_array_index (chain, i + 1))->name);
  for (guint i = 0; i < folded->n_nodes; i++)
    n_startup += (folded->nodes[i].flags & DV_LAYOUT_NODE_STARTUP) != 0;
  g_assert_cmpuint (n_startup, ==, 1);
  for (guint i = 0; i < unfolded->n_nodes; i++)
    g_assert_false (unfolded->nodes[i].flags & DV_LAYOUT_NODE_STARTUP);
  /* root -> start-up as the root keeps its first step; start-up -> main.main
   * as the last start-up step keeps main.main. */
  e = edge_between (folded, folded->chain[0], folded->chain[1]);
  g_assert_nonnull (e);
  g_assert_cmpint (e->kind, ==, ((RefSym *) g_ptr_array_index (chain, 1))->bfs_via);
  e = edge_between (folded, folded->chain[1], folded->chain[2]);
  g_assert_nonnull (e);
  g_assert_cmpint (e->kind, ==, ((RefSym *) g_ptr_array_index (chain, steps + 1))->bfs_via);
  g_assert_cmpstr (node_name (f, &folded->nodes[folded->chain[2]]), ==, "main.main");

  /* The export draws the fold, its steps in the tooltip, not as nodes. */
  request.unfold_startup = FALSE;
  g_assert_true (dv_layout_render (f->graph, &request, "svg", &svg, &error));
  g_assert_no_error (error);
  g_assert_true (bytes_contain (svg, "runtime start-up (6 steps)"));
  g_assert_true (bytes_contain (svg, "_rt0_amd64_linux → _rt0_amd64 → runtime.rt0_go"));
  g_assert_false (bytes_contain (svg, ">runtime.rt0_go</text>"));
}

static void
test_startup (void)
{
  check_startup (&hello, "fmt.Fprintln");
}

static gboolean
ref_is_metadata (const char *name)
{
  static const char *const prefixes[] = {
    "gclocals·", "go.info.", "go:info.", "go.loc.", "go.range.", "go.debuglines.",
    "go.cuinfo.", "type..namedata.", "runtime.gcbits.", "go.string.hdr.",
  };
  static const char *const suffixes[] = {
    ".arginfo0", ".arginfo1", ".stkobj", ".opendefer", ".args_stackmap", "..inittask",
  };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (name, prefixes[i]))
      return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (name, suffixes[i]))
      return TRUE;
  return FALSE;
}

/* hide_metadata: fmt.Fprintln's gclocals and arginfo children become one
 * "+3 metadata" node; its code children stay; a metadata focus stays. */
static void
test_metadata (void)
{
  RefSym *focus = ref_lookup (hello.ref, "fmt.Fprintln");
  g_autoptr(GPtrArray) kids = distinct_links (focus, focus->children);
  g_autoptr(DvLayout) shown = NULL;
  g_autoptr(DvLayout) hidden = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GError) error = NULL;
  DvLayoutRequest request;
  const DvLayoutNode *fold = NULL;
  guint n_meta = 0, n_code = 0, n_folds = 0;
  int f;

  dv_layout_request_init (&request, symbol (&hello, "fmt.Fprintln"));
  shown = build (&hello, &request);
  request.hide_metadata = TRUE;
  hidden = build (&hello, &request);
  f = dv_layout_find_symbol (hidden, request.focus);
  for (guint i = 0; i < kids->len; i++)
    {
      RefSym *kid = g_ptr_array_index (kids, i);

      g_assert_cmpint (node_of (&hello, shown, kid->name), >=, 0);
      if (ref_is_metadata (kid->name))
        {
          n_meta++;
          g_assert_cmpint (node_of (&hello, hidden, kid->name), <, 0);
        }
      else
        {
          n_code++;
          g_assert_cmpint (node_of (&hello, hidden, kid->name), >=, 0);
        }
    }
  /* gclocals·RT1J…, gclocals·6FDJ…, fmt.Errorf.arginfo1 */
  g_assert_cmpuint (n_meta, ==, 3);
  g_assert_cmpuint (n_code, ==, 3);
  for (guint i = 0; i < hidden->n_nodes; i++)
    if (hidden->nodes[i].fold == DV_LAYOUT_FOLD_METADATA)
      {
        fold = &hidden->nodes[i];
        n_folds++;
      }
  g_assert_cmpuint (n_folds, ==, 1);
  g_assert_true (fold->flags & DV_LAYOUT_NODE_METADATA);
  g_assert_cmpuint (fold->more_count, ==, n_meta);
  g_assert_cmpuint (fold->more_owner, ==, request.focus);
  g_assert_false (fold->more_parents);
  for (guint i = 0; i < fold->n_folded; i++)
    g_assert_true (ref_is_metadata (dv_graph_symbol_name (hello.graph, fold->folded[i])));
  g_assert_nonnull (edge_between (hidden, f, fold - hidden->nodes));
  g_assert_cmpuint (hidden->n_nodes, ==, shown->n_nodes - n_meta + 1);

  /* Exported: "+3 metadata", and no gclocals label. */
  g_assert_true (dv_layout_render (hello.graph, &request, "svg", &svg, &error));
  g_assert_no_error (error);
  g_assert_true (bytes_contain (svg, ">+3 metadata</text>"));
  g_assert_false (bytes_contain (svg, ">gclocals"));
  g_clear_pointer (&svg, g_bytes_unref);
  request.hide_metadata = FALSE;
  g_assert_true (dv_layout_render (hello.graph, &request, "svg", &svg, &error));
  g_assert_true (bytes_contain (svg, ">gclocals"));

  /* A metadata symbol in focus is drawn, with its chain. */
  {
    RefSym *meta = NULL;
    g_autoptr(DvLayout) layout = NULL;

    for (guint i = 0; i < kids->len && meta == NULL; i++)
      if (g_str_has_prefix (((RefSym *) g_ptr_array_index (kids, i))->name, "gclocals·"))
        meta = g_ptr_array_index (kids, i);
    g_assert_nonnull (meta);
    dv_layout_request_init (&request, symbol (&hello, meta->name));
    request.hide_metadata = TRUE;
    layout = build (&hello, &request);
    f = dv_layout_find_symbol (layout, request.focus);
    g_assert_cmpint (f, >=, 0);
    g_assert_true (layout->nodes[f].flags & DV_LAYOUT_NODE_FOCUS);
  }
}

/* No fold ever stands for one node: every symbol of the dump with up to 40
 * children or parents, folded by the default limits. */
static void
test_no_single_more (void)
{
  guint exact = 0, tried = 0;

  for (guint i = 0; i < hello.ref->sym_order->len; i++)
    {
      RefSym *sym = g_ptr_array_index (hello.ref->sym_order, i);
      g_autoptr(GPtrArray) kids = distinct_links (sym, sym->children);
      g_autoptr(GPtrArray) parents = distinct_links (sym, sym->parents);
      g_autoptr(DvLayout) layout = NULL;
      DvLayoutRequest request;

      if (sym->name[0] == '\0' || sym->dist == G_MAXUINT
          || (kids->len <= DV_LAYOUT_MAX_CHILDREN && parents->len <= DV_LAYOUT_MAX_PARENTS)
          || kids->len > 40 || parents->len > 40)
        continue;
      tried++;
      dv_layout_request_init (&request, symbol (&hello, sym->name));
      layout = build (&hello, &request);
      for (guint n = 0; n < layout->n_nodes; n++)
        if (layout->nodes[n].flags & DV_LAYOUT_NODE_MORE)
          g_assert_cmpuint (layout->nodes[n].more_count, >=, 2);
      /* One over the limit: all shown. */
      if (kids->len == DV_LAYOUT_MAX_CHILDREN + 1)
        {
          exact++;
          for (guint k = 0; k < kids->len; k++)
            g_assert_cmpint (node_of (&hello, layout, ((RefSym *) g_ptr_array_index (kids, k))->name), >=, 0);
        }
    }
  g_test_message ("%u symbols tried, %u with one child over the limit", tried, exact);
  g_assert_cmpuint (tried, >, 10);
}

/* A wide fan wraps into rows: the widest symbol's children unfolded lie on
 * several ranks, at most about ten in a row, and its many callers do not
 * all end in one point. */
static void
test_wide_fan (void)
{
  RefSym *wide = widest_symbol (&hello, 150);
  g_autoptr(GPtrArray) kids = distinct_links (wide, wide->children);
  g_autoptr(DvLayout) layout = NULL;
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  DvLayoutRequest request;
  guint max_row = 0, n_kids = 0;

  g_assert_cmpuint (kids->len, >, 40);
  dv_layout_request_init (&request, symbol (&hello, wide->name));
  request.unfolded = &request.focus;
  request.n_unfolded = 1;
  layout = build (&hello, &request);
  g_assert_true (dv_layout_compute (layout, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < layout->n_nodes; i++)
    {
      const DvLayoutNode *n = &layout->nodes[i];
      gint64 *key;
      guint count;

      if (!(n->flags & DV_LAYOUT_NODE_CHILD))
        continue;
      n_kids++;
      key = g_new (gint64, 1);
      *key = (gint64) round (n->y);
      count = GPOINTER_TO_UINT (g_hash_table_lookup (rows, key)) + 1;
      g_hash_table_replace (rows, key, GUINT_TO_POINTER (count));
      max_row = MAX (max_row, count);
    }
  g_test_message ("%u children in %u rows, at most %u in one", n_kids, g_hash_table_size (rows), max_row);
  g_assert_cmpuint (g_hash_table_size (rows), >=, MIN ((n_kids + 9) / 10, 8));
  g_assert_cmpuint (max_row, <=, (n_kids + 7) / 8 + 2);
}

/* The callers of runtime.mallocgc in etcd's -c dump: with more than a few,
 * their edges meet the node at more than one point. */
static void
test_callers_spread (void)
{
  g_autofree char *path = ref_shared_file ("etcd-go1.19.deps-and-calls.txt.gz");
  g_autoptr(DvGraph) graph = NULL;
  g_autoptr(DvLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) ends = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  DvLayoutRequest request;
  guint n_callers = 0;
  int f;

  if (path == NULL)
    return;
  graph = dv_graph_load_path (path, NULL, &error);
  g_assert_no_error (error);
  dv_layout_request_init (&request, dv_graph_find_symbol (graph, "runtime.mallocgc", -1));
  g_assert_cmpuint (request.focus, !=, DV_SYMBOL_NONE);
  layout = dv_layout_build (graph, &request);
  g_assert_true (dv_layout_compute (layout, &error));
  f = dv_layout_find_symbol (layout, request.focus);
  for (guint i = 0; i < layout->n_edges; i++)
    {
      const DvLayoutEdge *e = &layout->edges[i];
      gint64 *key;

      if ((int) e->to != f || e->on_chain)
        continue;
      n_callers++;
      key = g_new (gint64, 1);
      *key = (gint64) round (e->head.x);
      g_hash_table_add (ends, key);
    }
  g_test_message ("%u callers end at %u points", n_callers, g_hash_table_size (ends));
  g_assert_cmpuint (n_callers, >=, 6);
  g_assert_cmpuint (g_hash_table_size (ends), >=, 3);
}

/* Exports show the question, a legend and the import path a label shortens. */
static void
test_export_options (void)
{
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  DvLayoutExportOptions options;
  DvLayoutRequest request;

  dv_layout_request_init (&request, symbol (&hazards, "fmt.Fprintln"));
  title = dv_layout_text_title (hazards.graph, request.focus);
  g_assert_cmpstr (title, ==, "Why is fmt.Fprintln in hazards-go1.19.deps.txt?");
  dv_layout_export_options_init (&options);
  options.title = title;
  g_assert_true (dv_layout_export (hazards.graph, &request, &options, "svg", &svg, &error));
  g_assert_no_error (error);
  g_assert_true (well_formed_xml (svg));
  g_assert_true (bytes_contain (svg, "Why is fmt.Fprintln in hazards-go1.19.deps.txt?"));
  g_assert_true (bytes_contain (svg, "call: calls"));
  g_assert_true (bytes_contain (svg, "⟨iface⟩"));
  g_assert_true (bytes_contain (svg, "⟨reflect⟩"));

  options.title = NULL;
  options.legend = FALSE;
  g_assert_true (dv_layout_export (hazards.graph, &request, &options, "svg", &plain, &error));
  g_assert_false (bytes_contain (plain, "Why is"));
  g_assert_false (bytes_contain (plain, "call: calls"));
}

static gint
compare_symbols (gconstpointer a, gconstpointer b)
{
  DvSymbolId x = *(const DvSymbolId *) a, y = *(const DvSymbolId *) b;

  return x < y ? -1 : x > y;
}

static guint
count_in_bytes (GBytes *bytes, const char *needle)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* Marked symbols' nodes get a second outline in the mark's colour and the
 * mark's word on a last line; others, folds and symbols not laid out do not. */
static void
test_export_marks (void)
{
  g_autoptr(DvLayout) layout = NULL;
  g_autoptr(GBytes) dot = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) marked = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));
  DvLayoutExportOptions options;
  DvLayoutRequest request;
  guint n_symbol_nodes = 0;
  DvSymbolId far = DV_SYMBOL_NONE;

  dv_layout_request_init (&request, symbol (&hazards, "fmt.Fprintln"));
  layout = dv_layout_build (hazards.graph, &request);
  g_assert_nonnull (layout);
  /* every other symbol node of the view, and one symbol not in it */
  for (guint i = 0; i < layout->n_nodes; i++)
    if (!(layout->nodes[i].flags & (DV_LAYOUT_NODE_MORE | DV_LAYOUT_NODE_ROOT)) && n_symbol_nodes++ % 2 == 0)
      g_array_append_val (marked, layout->nodes[i].symbol);
  for (DvSymbolId s = 0; s < dv_graph_get_n_symbols (hazards.graph) && far == DV_SYMBOL_NONE; s++)
    if (dv_layout_find_symbol (layout, s) < 0)
      far = s;
  g_assert_cmpuint (far, !=, DV_SYMBOL_NONE);
  g_array_append_val (marked, far);
  g_array_sort (marked, compare_symbols);
  g_assert_cmpuint (marked->len, >=, 3);

  dv_layout_export_options_init (&options);
  g_assert_true (dv_layout_export (hazards.graph, &request, &options, "dot", &plain, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_in_bytes (plain, "peripheries=2"), ==, 0);
  /* a key to marks only when something is marked */
  options.mark_legend = "double outline, goes: would go from the binary with the focus";
  g_clear_pointer (&plain, g_bytes_unref);
  g_assert_true (dv_layout_export (hazards.graph, &request, &options, "dot", &plain, &error));
  g_assert_cmpuint (count_in_bytes (plain, "would go from the binary"), ==, 0);

  options.marked = (const DvSymbolId *) marked->data;
  options.n_marked = marked->len;
  options.mark_colour = "#c64600";
  options.mark_note = "goes";
  g_assert_true (dv_layout_export (hazards.graph, &request, &options, "dot", &dot, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_in_bytes (dot, "peripheries=2"), ==, marked->len - 1);
  g_assert_cmpuint (count_in_bytes (dot, "\\ngoes"), ==, marked->len - 1);
  g_assert_cmpuint (count_in_bytes (dot, "#c64600"), ==, marked->len - 1);
  /* the key, once, under the legend */
  g_assert_cmpuint (count_in_bytes (dot, "double outline, goes: would go from the binary with the focus\\l"), ==, 1);
  /* no legend, no key to the marks */
  options.legend = FALSE;
  g_clear_pointer (&dot, g_bytes_unref);
  g_assert_true (dv_layout_export (hazards.graph, &request, &options, "dot", &dot, &error));
  g_assert_cmpuint (count_in_bytes (dot, "would go from the binary"), ==, 0);
}

/* A "+N more" fold that holds marked symbols says how many, in the mark's
 * colour; with no fold note, or none of its symbols marked, it stays plain. */
static void
test_export_fold_marks (void)
{
  g_autoptr(DvLayout) layout = NULL;
  g_autoptr(GBytes) dot = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) marked = g_array_new (FALSE, FALSE, sizeof (DvSymbolId));
  g_autofree char *line = NULL;
  DvLayoutExportOptions options;
  DvLayoutRequest request;
  const DvLayoutNode *fold = NULL;

  /* the first symbol whose view folds at least three symbols */
  for (DvSymbolId s = 0; s < dv_graph_get_n_symbols (hazards.graph) && fold == NULL; s++)
    {
      g_clear_pointer (&layout, dv_layout_free);
      dv_layout_request_init (&request, s);
      layout = dv_layout_build (hazards.graph, &request);
      for (guint i = 0; layout != NULL && i < layout->n_nodes && fold == NULL; i++)
        if (layout->nodes[i].flags & DV_LAYOUT_NODE_MORE && layout->nodes[i].n_folded >= 3)
          fold = &layout->nodes[i];
    }
  g_assert_nonnull (fold);
  /* two of its symbols */
  g_array_append_val (marked, fold->folded[0]);
  g_array_append_val (marked, fold->folded[fold->n_folded - 1]);
  g_array_sort (marked, compare_symbols);

  dv_layout_export_options_init (&options);
  options.marked = (const DvSymbolId *) marked->data;
  options.n_marked = marked->len;
  options.mark_colour = "#c64600";
  options.mark_note = "goes";
  g_assert_true (dv_layout_export (hazards.graph, &request, &options, "dot", &plain, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_in_bytes (plain, "2 go"), ==, 0);
  g_assert_cmpuint (count_in_bytes (plain, "#c64600"), ==, 0);

  options.mark_fold_note = "go";
  g_assert_true (dv_layout_export (hazards.graph, &request, &options, "dot", &dot, &error));
  g_assert_no_error (error);
  line = g_strdup_printf ("\\n%u go\"", marked->len);
  g_assert_cmpuint (count_in_bytes (dot, line), ==, 1);
  g_assert_cmpuint (count_in_bytes (dot, "#c64600"), ==, 1);
  /* the fold keeps its dashes and gets no second outline */
  g_assert_cmpuint (count_in_bytes (dot, "peripheries=2"), ==, 0);
}

/* A label that shortens an import path carries the whole path in the node:
 * on a second line of the export, and in its tooltip. */
static void
test_import_paths (void)
{
  g_autofree char *path = ref_shared_file ("etcd-go1.19.deps-and-calls.txt.gz");
  g_autoptr(DvGraph) graph = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(DvLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  DvLayoutRequest request;
  int f;

  if (path == NULL)
    return;
  graph = dv_graph_load_path (path, NULL, &error);
  g_assert_no_error (error);
  dv_layout_request_init (&request, dv_graph_find_symbol (graph, "crypto/tls.(*Conn).Handshake", -1));
  g_assert_cmpuint (request.focus, !=, DV_SYMBOL_NONE);
  layout = dv_layout_build (graph, &request);
  f = dv_layout_find_symbol (layout, request.focus);
  g_assert_cmpstr (layout->nodes[f].label, ==, "tls.(*Conn).Handshake");
  g_assert_cmpstr (layout->nodes[f].tooltip, ==, "crypto/tls.(*Conn).Handshake");
  g_assert_cmpstr (layout->nodes[f].package, ==, "crypto/tls");
  g_assert_true (dv_layout_render (graph, &request, "svg", &svg, &error));
  g_assert_true (bytes_contain (svg, ">tls.(*Conn).Handshake</text>"));
  g_assert_true (bytes_contain (svg, ">crypto/tls</text>"));
  g_assert_true (bytes_contain (svg, ">go.etcd.io/etcd/etcdmain</text>"));
  g_assert_true (bytes_contain (svg, "xlink:title=\"crypto/tls.(*Conn).Handshake\""));
  g_assert_true (bytes_contain (svg, ">runtime start-up (6 steps)</text>"));
}

/* Names with raw newlines, tabs, quotes, backslashes and "->" still give
 * well-formed SVG, and every node keeps its one line. */
static void
test_hazard_names (void)
{
  guint tried = 0;

  for (guint i = 0; i < hazards.ref->sym_order->len; i++)
    {
      RefSym *sym = g_ptr_array_index (hazards.ref->sym_order, i);
      g_autoptr(GBytes) svg = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(DvLayout) layout = NULL;
      DvLayoutRequest request;
      DvSymbolId id;

      if (strpbrk (sym->name, "\n\t\\\"") == NULL)
        continue;
      id = symbol (&hazards, sym->name);
      g_assert_true (dv_layout_render_why (hazards.graph, id, "svg", &svg, &error));
      g_assert_no_error (error);
      g_assert_true (well_formed_xml (svg));

      dv_layout_request_init (&request, id);
      layout = build (&hazards, &request);
      for (guint n = 0; n < layout->n_nodes; n++)
        {
          if (layout->nodes[n].flags & DV_LAYOUT_NODE_MORE)
            {
              g_assert_null (layout->nodes[n].label);
              continue;
            }
          g_assert_null (strpbrk (layout->nodes[n].label, "\n\t\r"));
          g_assert_null (strpbrk (layout->nodes[n].tooltip, "\n\t\r"));
          g_assert_true (g_utf8_validate (layout->nodes[n].label, -1, NULL));
        }
      g_assert_true (dv_layout_compute (layout, &error));
      check_geometry (layout);
      if (++tried == 12)
        break;
    }
  g_assert_cmpuint (tried, >, 3);
}

typedef struct {
  DvSymbolId  focus;
  DvLayout   *serial;      /* computed before any thread starts */
  GBytes     *serial_svg;
  guint       differences; /* threaded results unlike the serial ones */
} LayoutRun;

static void
layout_run_compute (DvSymbolId focus, DvLayout **layout_out, GBytes **svg_out)
{
  DvLayoutRequest request;
  DvLayout *layout;

  dv_layout_request_init (&request, focus);
  layout = dv_layout_build (hello.graph, &request);
  g_assert_true (dv_layout_compute (layout, NULL));
  g_assert_true (dv_layout_render (hello.graph, &request, "svg", svg_out, NULL));
  *layout_out = layout;
}

/* The differences between two computed layouts, reported on stderr. */
static guint
layout_differences (const DvLayout *a, const DvLayout *b)
{
  guint bad = 0;

  if (a->n_nodes != b->n_nodes || a->n_edges != b->n_edges || a->n_chain != b->n_chain)
    {
      g_printerr ("nodes %u/%u, edges %u/%u, chain %u/%u\n", a->n_nodes, b->n_nodes,
                  a->n_edges, b->n_edges, a->n_chain, b->n_chain);
      return 1;
    }
  if (a->width != b->width || a->height != b->height || a->laid_out != b->laid_out)
    bad++;
  for (guint i = 0; i < a->n_nodes; i++)
    {
      const DvLayoutNode *na = &a->nodes[i], *nb = &b->nodes[i];
      if (na->symbol != nb->symbol || g_strcmp0 (na->label, nb->label) != 0
          || na->badges != nb->badges || g_strcmp0 (na->tooltip, nb->tooltip) != 0
          || na->x != nb->x || na->y != nb->y || na->width != nb->width || na->height != nb->height)
        {
          g_printerr ("node %u: \"%s\" at (%g, %g) %gx%g, serially \"%s\" at (%g, %g) %gx%g\n", i,
                      nb->label, nb->x, nb->y, nb->width, nb->height,
                      na->label, na->x, na->y, na->width, na->height);
          bad++;
        }
    }
  for (guint i = 0; i < a->n_edges; i++)
    {
      const DvLayoutEdge *ea = &a->edges[i], *eb = &b->edges[i];
      if (ea->from != eb->from || ea->to != eb->to || ea->kind != eb->kind
          || ea->n_points != eb->n_points
          || (ea->n_points && memcmp (ea->points, eb->points, ea->n_points * sizeof *ea->points) != 0))
        {
          g_printerr ("edge %u differs from the serial run\n", i);
          bad++;
        }
    }
  for (guint i = 0; i < a->n_chain; i++)
    bad += a->chain[i] != b->chain[i];
  return bad;
}

static gpointer
layout_thread (gpointer data)
{
  LayoutRun *run = data;

  for (int i = 0; i < 10; i++)
    {
      g_autoptr(DvLayout) layout = NULL;
      g_autoptr(GBytes) svg = NULL;

      layout_run_compute (run->focus, &layout, &svg);
      run->differences += layout_differences (run->serial, layout);
      if (!g_bytes_equal (run->serial_svg, svg))
        {
          g_printerr ("the SVG differs from the serial run\n");
          run->differences++;
        }
    }
  return NULL;
}

/* Graphviz is not thread-safe; the lock in dv-layout.c makes it so: the
 * layouts computed in three threads at once are those computed one at a
 * time. */
static void
test_threads (void)
{
  GThread *threads[3];
  LayoutRun runs[3] = { { 0 } };

  runs[0].focus = symbol (&hello, "fmt.Fprintln");
  runs[1].focus = symbol (&hello, "runtime.main");
  runs[2].focus = symbol (&hello, widest_symbol (&hello, 100)->name);
  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      layout_run_compute (runs[i].focus, &runs[i].serial, &runs[i].serial_svg);
      g_assert_cmpuint (runs[i].serial->n_nodes, >, 1);
      g_assert_true (runs[i].serial->laid_out);
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("layout", layout_thread, &runs[i]);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      g_assert_cmpuint (runs[i].differences, ==, 0);
      dv_layout_free (runs[i].serial);
      g_bytes_unref (runs[i].serial_svg);
    }
}

/* ---- The package view ---- */

/* The reference chain (root first) as runs of one package, read with the
 * reference reader's own package rule: a step that proves no package joins
 * the run before it (leading ones: the run after). Returns the runs'
 * packages (NULL: none) and fills starts with each run's first index. */
static GPtrArray *
ref_package_runs (Fixture   *f,
                  GPtrArray *chain,
                  guint      from,
                  GArray    *starts)
{
  GPtrArray *runs = g_ptr_array_new ();
  guint lead = 0;

  for (guint i = from; i < chain->len; i++)
    {
      RefSym *s = g_ptr_array_index (chain, i);
      const char *pkg = s->pkg != NULL ? s->pkg->name : NULL;

      /* Composite types (map[unsafe.Pointer]int32) and their functions
       * belong to no package by any rule of the language; the reference
       * leaves them open, so they take the engine's reading. */
      if (ref_owner_unspecified (s->name))
        {
          DvPackageId p = dv_graph_symbol_package (f->graph, symbol (f, s->name));
          pkg = p != DV_PACKAGE_NONE ? dv_graph_package_name (f->graph, p) : NULL;
        }

      if (pkg == NULL)
        {
          lead += runs->len == 0;
          continue;
        }
      if (runs->len > 0 && g_strcmp0 (g_ptr_array_index (runs, runs->len - 1), pkg) == 0)
        continue;
      g_ptr_array_add (runs, (gpointer) pkg);
      {
        guint start = runs->len == 1 ? i - lead : i;
        g_array_append_val (starts, start);
      }
    }
  if (runs->len == 0 && chain->len > from)
    {
      g_ptr_array_add (runs, NULL);
      g_array_append_val (starts, from);
    }
  return runs;
}

static gboolean
ref_links (RefSym     *from,
           RefSym     *to,
           DvEdgeKind  kind)
{
  for (guint i = 0; i < from->children->len; i++)
    {
      RefLink *l = g_ptr_array_index (from->children, i);
      if (l->sym == to && l->kind == kind)
        return TRUE;
    }
  return FALSE;
}

/* The package view of focus against the reference: one node per run (plus
 * the start-up fold), each run's package and steps, and labelled edges
 * that name a real edge of the dump from the run before into this one. */
static void
check_packages (Fixture    *f,
                RefSym     *focus,
                gboolean    unfold_startup)
{
  g_autoptr(GPtrArray) chain = ref_chain (focus);
  guint startup = unfold_startup ? 0 : ref_startup_steps (chain);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(DvLayout) layout = NULL;
  DvLayoutRequest request;
  guint fold = startup >= 2 ? 1 : 0;

  if (startup < 2)
    startup = 0;
  runs = ref_package_runs (f, chain, 1 + startup, starts);
  dv_layout_request_init (&request, symbol (f, focus->name));
  request.packages = TRUE;
  request.unfold_startup = unfold_startup;
  layout = build (f, &request);

  g_assert_true (layout->reachable);
  g_assert_cmpuint (layout->n_nodes, ==, runs->len + fold);
  g_assert_cmpuint (layout->n_chain, ==, layout->n_nodes);
  g_assert_cmpuint (layout->n_edges, ==, layout->n_nodes - 1);
  if (fold)
    {
      const DvLayoutNode *n = &layout->nodes[layout->chain[0]];
      g_assert_cmpint (n->fold, ==, DV_LAYOUT_FOLD_STARTUP);
      g_assert_cmpuint (n->more_count, ==, startup);
    }
  for (guint r = 0; r < runs->len; r++)
    {
      const DvLayoutNode *n = &layout->nodes[layout->chain[r + fold]];
      guint start = g_array_index (starts, guint, r);
      guint end = r + 1 < runs->len ? g_array_index (starts, guint, r + 1) : chain->len;
      const char *pkg = g_ptr_array_index (runs, r);

      g_assert_true (n->flags & DV_LAYOUT_NODE_PACKAGE);
      g_assert_cmpstr (n->package, ==, pkg);
      if (pkg != NULL)
        g_assert_cmpstr (dv_graph_package_name (f->graph, n->package_id), ==, pkg);
      g_assert_cmpuint (n->n_steps, ==, end - start);
      g_assert_cmpstr (node_name (f, n), ==, ((RefSym *) g_ptr_array_index (chain, end - 1))->name);
      g_assert_cmpstr (dv_graph_symbol_name (f->graph, n->first_symbol), ==,
                       ((RefSym *) g_ptr_array_index (chain, start))->name);
      g_assert_cmpint ((n->flags & DV_LAYOUT_NODE_FOCUS) != 0, ==, r == runs->len - 1);
      if (pkg != NULL && strrchr (pkg, '/') != NULL)
        g_assert_cmpstr (n->label, ==, strrchr (pkg, '/') + 1);
    }
  for (guint i = 0; i + 1 < layout->n_chain; i++)
    {
      const DvLayoutEdge *e = edge_between (layout, layout->chain[i], layout->chain[i + 1]);
      RefSym *from, *to;
      guint to_index = i + 1 - fold < runs->len ? g_array_index (starts, guint, i + 1 - fold) : 0;

      g_assert_nonnull (e);
      g_assert_true (e->on_chain);
      g_assert_nonnull (e->label);
      from = ref_lookup (f->ref, dv_graph_symbol_name (f->graph, e->label_from));
      to = ref_lookup (f->ref, dv_graph_symbol_name (f->graph, e->label_to));
      /* the dump's own edge from the last step of one run into the next */
      g_assert_true (to == g_ptr_array_index (chain, to_index));
      g_assert_true (from == g_ptr_array_index (chain, to_index - 1));
      g_assert_true (ref_links (from, to, e->kind));
      g_assert_cmpint (e->kind, ==, to->bfs_via);
      g_assert_nonnull (strstr (e->label, " → "));
    }
}

static void
test_packages (void)
{
  Fixture *fixtures[] = { &hello, &hazards };
  guint multi = 0;

  for (guint k = 0; k < G_N_ELEMENTS (fixtures); k++)
    {
      Fixture *f = fixtures[k];
      guint checked = 0;

      ref_dump_packages (f->ref);
      for (guint i = 0; i < f->ref->bfs->len; i++)
        {
          RefSym *sym = g_ptr_array_index (f->ref->bfs, i);
          g_autoptr(GPtrArray) chain = NULL;

          if (sym == f->ref->root)
            continue;
          chain = ref_chain (sym);
          check_packages (f, sym, FALSE);
          if (i % 7 == 0)
            check_packages (f, sym, TRUE);
          checked++;
          multi += chain->len > 9;
        }
      g_assert_cmpuint (checked, >, 100);
    }
  g_assert_cmpuint (multi, >, 10);
}

/* fmt.Fprintln in hello: start-up, main, fmt, laid out with each edge's
 * label where Graphviz put it, and the same in the exports. */
static void
test_packages_geometry (void)
{
  DvLayoutRequest request;
  g_autoptr(DvLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GBytes) dot = NULL;
  g_autofree char *fmt_label = NULL;
  guint labelled = 0;

  dv_layout_request_init (&request, symbol (&hello, "fmt.Fprintln"));
  request.packages = TRUE;
  layout = build (&hello, &request);
  g_assert_true (dv_layout_compute (layout, &error));
  g_assert_no_error (error);
  check_geometry (layout);
  for (guint i = 0; i < layout->n_edges; i++)
    {
      const DvLayoutEdge *e = &layout->edges[i];

      g_assert_true (e->has_label_pos);
      g_assert_cmpfloat (e->label_width, >, 20);
      g_assert_cmpfloat (e->label_height, >, 4);
      g_assert_cmpfloat (e->label_pos.x, >=, 0);
      g_assert_cmpfloat (e->label_pos.x, <=, layout->width);
      g_assert_cmpfloat (e->label_pos.y, >=, 0);
      g_assert_cmpfloat (e->label_pos.y, <=, layout->height);
      /* between the two ends it labels, vertically */
      g_assert_cmpfloat (e->label_pos.y, >, layout->nodes[e->from].y);
      g_assert_cmpfloat (e->label_pos.y, <, layout->nodes[e->to].y);
      for (guint n = 0; n < layout->n_nodes; n++)
        g_assert_false (fabs (e->label_pos.x - layout->nodes[n].x) < (e->label_width + layout->nodes[n].width) / 2 - 1 &&
                        fabs (e->label_pos.y - layout->nodes[n].y) < (e->label_height + layout->nodes[n].height) / 2 - 1);
      labelled++;
    }
  g_assert_cmpuint (labelled, ==, layout->n_nodes - 1);

  g_assert_true (dv_layout_render (hello.graph, &request, "svg", &svg, &error));
  g_assert_no_error (error);
  g_assert_true (dv_layout_render (hello.graph, &request, "dot", &dot, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < layout->n_edges; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (layout->edges[i].label, -1);
      g_autofree char *in_dot = g_strdup_printf ("label=\"%s\"", layout->edges[i].label);

      g_assert_true (bytes_contain (svg, escaped));
      g_assert_true (bytes_contain (dot, in_dot));
    }
  g_assert_true (bytes_contain (dot, "lp=\""));
  g_assert_true (bytes_contain (svg, ">fmt</text>"));
  g_assert_true (bytes_contain (svg, ">main</text>"));
  g_assert_false (bytes_contain (svg, ">Fprintln"));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  fixture_load (&hello, "hello-go1.19.deps.txt");
  fixture_load (&hazards, "hazards-go1.19.deps.txt");

  g_test_add_func ("/graph/layout/focus-view", test_focus_view);
  g_test_add_func ("/graph/layout/more", test_more);
  g_test_add_func ("/graph/layout/expand", test_expand);
  g_test_add_func ("/graph/layout/cap", test_cap);
  g_test_add_func ("/graph/layout/unreachable", test_unreachable);
  g_test_add_func ("/graph/layout/palette", test_palette);
  g_test_add_func ("/graph/layout/geometry", test_geometry);
  g_test_add_func ("/graph/layout/render", test_render);
  g_test_add_func ("/graph/layout/hazard-names", test_hazard_names);
  g_test_add_func ("/graph/layout/threads", test_threads);
  g_test_add_func ("/graph/layout/startup", test_startup);
  g_test_add_func ("/graph/layout/metadata", test_metadata);
  g_test_add_func ("/graph/layout/no-single-more", test_no_single_more);
  g_test_add_func ("/graph/layout/wide-fan", test_wide_fan);
  g_test_add_func ("/graph/layout/callers-spread", test_callers_spread);
  g_test_add_func ("/graph/layout/export-options", test_export_options);
  g_test_add_func ("/graph/layout/export-marks", test_export_marks);
  g_test_add_func ("/graph/layout/export-fold-marks", test_export_fold_marks);
  g_test_add_func ("/graph/layout/import-paths", test_import_paths);
  g_test_add_func ("/graph/layout/packages", test_packages);
  g_test_add_func ("/graph/layout/packages/geometry", test_packages_geometry);
  g_test_add_func ("/graph/layout/packages/root", test_packages_root);
  status = g_test_run ();

  dv_graph_unref (hello.graph);
  dv_graph_unref (hazards.graph);
  ref_dump_free (hello.ref);
  ref_dump_free (hazards.ref);
  return status;
}
