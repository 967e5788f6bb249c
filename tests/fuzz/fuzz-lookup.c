/* fuzz-lookup.c: libFuzzer target for the lookups and the chains.
 *
 * The graph is loaded once, from a seed dump (DV_FUZZ_GRAPH, else the one
 * named at build time); each input is a set of queries, one a line. Each is
 * looked up and answered as fuzz-parser.c checks it (kinds, chains that follow
 * recorded edges from the root, JSON and DOT well formed), and a symbol found
 * must be one of the dump's names, found again by that name. Most inputs
 * cost microseconds: the mutator can try far more queries than the whole
 * load per input of fuzz-parser.c allows. */
#define FUZZ_CHECKS_ONLY
#define FUZZ_OWN_INITIALIZE
/* its load checks go unused here */
#pragma GCC diagnostic ignored "-Wunused-function"
#include "fuzz-parser.c"

#define MAX_LINES 16

static DvGraph *graph;

static void
check_query (const DvGraph *g, const char *query, guint *n_formatted)
{
  DvLookup lookup;

  check_lookup (g, query, n_formatted);
  dv_lookup (g, query, &lookup);
  if (lookup.kind == DV_LOOKUP_SYMBOL)
    {
      const char *name = dv_graph_symbol_name (g, lookup.symbol);
      gsize len = dv_graph_symbol_name_len (g, lookup.symbol);
      check (name != NULL && strlen (name) == len, "symbol %u has no name", lookup.symbol);
      check (dv_graph_find_symbol (g, name, (gssize) len) == lookup.symbol,
             "\"%s\" found symbol %u, whose name \"%s\" is not found as itself", query,
             lookup.symbol, name);
      if (dv_why_symbol_reachable (g, lookup.symbol))
        {
          g_autoptr(GArray) chain = dv_why_symbol (g, lookup.symbol);
          check (chain != NULL, "a reachable symbol without a chain");
          check_chain (g, chain, lookup.symbol);
        }
    }
  else if (lookup.kind == DV_LOOKUP_PACKAGE)
    {
      DvSymbolId target = DV_SYMBOL_NONE;
      g_autoptr(GArray) chain = dv_why_package (g, lookup.package, &target);
      if (chain != NULL)
        {
          check (dv_graph_symbol_package (g, target) == lookup.package, "the chain ends in another package");
          check_chain (g, chain, target);
        }
    }
  else if (lookup.kind == DV_LOOKUP_NOT_FOUND)
    {
      GArray *near = dv_why_unlinked_package (g, query, 5);
      if (near != NULL)
        g_array_unref (near);
    }
  dv_lookup_clear (&lookup);
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr(GError) error = NULL;
  const char *path = g_getenv ("DV_FUZZ_GRAPH");

  fuzz_log_setup ();
  graph = dv_graph_load_path (path != NULL ? path : FUZZ_LOOKUP_GRAPH, NULL, &error);
  if (graph == NULL)
    g_error ("fuzz-lookup: %s", error->message);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *p = (const char *) data, *end = p + size;
  guint n_formatted = 0;

  for (guint n = 0; p < end && n < MAX_LINES; n++)
    {
      const char *nl = memchr (p, '\n', (gsize) (end - p));
      const char *stop = nl ? nl : end;
      gsize len = (gsize) (stop - p);

      /* the raw bytes, not NUL-terminated: lookups must stay inside len */
      dv_graph_find_symbol (graph, p, (gssize) len);
      if (memchr (p, '\0', len) == NULL)
        {
          g_autofree char *query = g_strndup (p, len);
          check_query (graph, query, &n_formatted);
        }
      p = nl ? nl + 1 : end;
    }
  return 0;
}
