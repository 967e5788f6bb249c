/* test-format.c: a why-answer as text, Markdown, JSON and DOT. JSON is read
 * back with a small strict parser; DOT is fed to Graphviz's dot when it is
 * installed. */
#include "config.h"

#include <string.h>

#include "dv-format.h"
#include "dv-layout.h"
#include "dump-reference.h"

/* ---- a strict JSON reader --------------------------------------------- */

typedef enum { J_NULL, J_BOOL, J_NUMBER, J_STRING, J_ARRAY, J_OBJECT } JType;

typedef struct _Json Json;
struct _Json {
  JType      type;
  gboolean   boolean;
  double     number;
  char      *string;  /* J_STRING */
  GPtrArray *items;   /* J_ARRAY: Json *; J_OBJECT: alternating key (Json string), value */
};

static void
json_free (Json *j)
{
  if (j == NULL)
    return;
  g_free (j->string);
  if (j->items)
    g_ptr_array_unref (j->items);
  g_free (j);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Json, json_free)

typedef struct {
  const char *p;
  const char *end;
  const char *error;
} JParser;

static Json *j_value (JParser *jp);

static void
j_ws (JParser *jp)
{
  while (jp->p < jp->end && (*jp->p == ' ' || *jp->p == '\t' || *jp->p == '\n' || *jp->p == '\r'))
    jp->p++;
}

static gboolean
j_lit (JParser *jp, const char *lit)
{
  gsize n = strlen (lit);
  if ((gsize) (jp->end - jp->p) >= n && memcmp (jp->p, lit, n) == 0)
    {
      jp->p += n;
      return TRUE;
    }
  return FALSE;
}

static int
j_hex4 (JParser *jp)
{
  int v = 0;
  if (jp->end - jp->p < 4)
    return -1;
  for (int i = 0; i < 4; i++)
    {
      if (!g_ascii_isxdigit (jp->p[i]))
        return -1;
      v = v * 16 + g_ascii_xdigit_value (jp->p[i]);
    }
  jp->p += 4;
  return v;
}

static char *
j_string (JParser *jp)
{
  GString *s = g_string_new (NULL);
  if (jp->p >= jp->end || *jp->p != '"')
    goto fail;
  jp->p++;
  while (jp->p < jp->end && *jp->p != '"')
    {
      guchar c = *jp->p;
      if (c < 0x20)
        {
          jp->error = "raw control character in a string";
          goto fail;
        }
      if (c != '\\')
        {
          g_string_append_c (s, c);
          jp->p++;
          continue;
        }
      jp->p++;
      if (jp->p >= jp->end)
        goto fail;
      switch (*jp->p++)
        {
        case '"': g_string_append_c (s, '"'); break;
        case '\\': g_string_append_c (s, '\\'); break;
        case '/': g_string_append_c (s, '/'); break;
        case 'b': g_string_append_c (s, '\b'); break;
        case 'f': g_string_append_c (s, '\f'); break;
        case 'n': g_string_append_c (s, '\n'); break;
        case 'r': g_string_append_c (s, '\r'); break;
        case 't': g_string_append_c (s, '\t'); break;
        case 'u':
          {
            int u = j_hex4 (jp);
            if (u < 0)
              goto fail;
            if (u >= 0xd800 && u < 0xdc00)
              {
                int lo;
                if (!j_lit (jp, "\\u") || (lo = j_hex4 (jp)) < 0xdc00 || lo >= 0xe000)
                  {
                    jp->error = "lone surrogate";
                    goto fail;
                  }
                u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
              }
            else if (u >= 0xdc00 && u < 0xe000)
              {
                jp->error = "lone surrogate";
                goto fail;
              }
            g_string_append_unichar (s, u);
            break;
          }
        default:
          jp->error = "bad escape";
          goto fail;
        }
    }
  if (jp->p >= jp->end)
    goto fail;
  jp->p++;
  return g_string_free (s, FALSE);
fail:
  if (jp->error == NULL)
    jp->error = "bad string";
  g_string_free (s, TRUE);
  return NULL;
}

static Json *
j_new (JType type)
{
  Json *j = g_new0 (Json, 1);
  j->type = type;
  if (type == J_ARRAY || type == J_OBJECT)
    j->items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_free);
  return j;
}

static Json *
j_container (JParser *jp, gboolean object)
{
  Json *j = j_new (object ? J_OBJECT : J_ARRAY);
  char close = object ? '}' : ']';

  jp->p++;
  j_ws (jp);
  if (jp->p < jp->end && *jp->p == close)
    {
      jp->p++;
      return j;
    }
  for (;;)
    {
      Json *v;
      j_ws (jp);
      if (object)
        {
          Json *key = j_new (J_STRING);
          key->string = j_string (jp);
          if (key->string == NULL)
            {
              json_free (key);
              goto fail;
            }
          g_ptr_array_add (j->items, key);
          j_ws (jp);
          if (!j_lit (jp, ":"))
            goto fail;
        }
      v = j_value (jp);
      if (v == NULL)
        goto fail;
      g_ptr_array_add (j->items, v);
      j_ws (jp);
      if (j_lit (jp, ","))
        continue;
      if (jp->p < jp->end && *jp->p == close)
        {
          jp->p++;
          return j;
        }
      goto fail;
    }
fail:
  if (jp->error == NULL)
    jp->error = object ? "bad object" : "bad array";
  json_free (j);
  return NULL;
}

static Json *
j_value (JParser *jp)
{
  Json *j;
  j_ws (jp);
  if (jp->p >= jp->end)
    return NULL;
  switch (*jp->p)
    {
    case '{': return j_container (jp, TRUE);
    case '[': return j_container (jp, FALSE);
    case '"':
      {
        char *s = j_string (jp);
        if (s == NULL)
          return NULL;
        j = j_new (J_STRING);
        j->string = s;
        return j;
      }
    default:
      break;
    }
  if (j_lit (jp, "true"))
    {
      j = j_new (J_BOOL);
      j->boolean = TRUE;
      return j;
    }
  if (j_lit (jp, "false"))
    return j_new (J_BOOL);
  if (j_lit (jp, "null"))
    return j_new (J_NULL);
  if (*jp->p == '-' || g_ascii_isdigit (*jp->p))
    {
      char *endp;
      j = j_new (J_NUMBER);
      j->number = g_ascii_strtod (jp->p, &endp);
      jp->p = endp;
      return j;
    }
  jp->error = "unexpected character";
  return NULL;
}

static Json *
json_parse (const char *text)
{
  JParser jp = { text, text + strlen (text), NULL };
  Json *j;

  if (!g_utf8_validate (text, -1, NULL))
    g_error ("JSON output is not valid UTF-8");
  j = j_value (&jp);
  if (j == NULL)
    g_error ("JSON output does not parse (%s at offset %ld): %s", jp.error ? jp.error : "?",
             (long) (jp.p - text), text);
  j_ws (&jp);
  if (jp.p != jp.end)
    g_error ("JSON output has text after the value: %s", jp.p);
  return j;
}

static Json *
json_get (Json *obj, const char *key)
{
  g_assert_cmpint (obj->type, ==, J_OBJECT);
  for (guint i = 0; i + 1 < obj->items->len; i += 2)
    if (strcmp (((Json *) g_ptr_array_index (obj->items, i))->string, key) == 0)
      return g_ptr_array_index (obj->items, i + 1);
  return NULL;
}

/* The object has exactly these keys, each once. */
static void
json_assert_keys (Json *obj, const char *const *keys)
{
  guint n = g_strv_length ((char **) keys);
  g_assert_cmpint (obj->type, ==, J_OBJECT);
  g_assert_cmpuint (obj->items->len, ==, 2 * n);
  for (guint i = 0; i < n; i++)
    if (json_get (obj, keys[i]) == NULL)
      g_error ("JSON object has no \"%s\"", keys[i]);
}

static const char *
json_str (Json *obj, const char *key)
{
  Json *v = json_get (obj, key);
  g_assert_nonnull (v);
  g_assert_cmpint (v->type, ==, J_STRING);
  return v->string;
}

/* ---- shared routines ---------------------------------------------- */

typedef struct {
  RefDump *ref;
  DvGraph *graph;
} Fixture;

static void
fixture_load (Fixture *f, const char *file)
{
  g_autofree char *path = ref_fixture (file);
  g_autoptr(GBytes) text = ref_read_file (path);
  g_autoptr(GError) error = NULL;

  f->ref = ref_dump_parse (g_bytes_get_data (text, NULL), g_bytes_get_size (text));
  ref_dump_packages (f->ref);
  f->graph = dv_graph_load_path (path, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_clear (Fixture *f)
{
  ref_dump_free (f->ref);
  dv_graph_unref (f->graph);
}

static DvSymbolId
id_by_name (DvGraph *graph, const char *name)
{
  gsize len = strlen (name);
  for (guint i = 0; i < dv_graph_get_n_symbols (graph); i++)
    if (dv_graph_symbol_name_len (graph, i) == len && memcmp (dv_graph_symbol_name (graph, i), name, len) == 0)
      return i;
  g_error ("no symbol \"%s\"", g_strescape (name, NULL));
}

/* An answer for a symbol, as the lookup would give it. */
static gboolean
answer_for_symbol (DvWhyAnswer *answer, DvGraph *graph, const char *name)
{
  DvLookup lk = { 0 };
  lk.kind = DV_LOOKUP_SYMBOL;
  lk.symbol = id_by_name (graph, name);
  lk.package = DV_PACKAGE_NONE;
  lk.how = "exact";
  return dv_why_answer_init (answer, graph, name, &lk);
}

static const char *
flag_words (guint flags, guint i)
{
  const char *words[2];
  guint n = 0;
  if (flags & DV_SYMBOL_FLAG_USED_IN_IFACE)
    words[n++] = "UsedInIface";
  if (flags & DV_SYMBOL_FLAG_REFLECT_METHOD)
    words[n++] = "ReflectMethod";
  return i < n ? words[i] : NULL;
}

/* The keys of a JSON answer: a symbol's, and a package's (chain_kind only
 * when it is linked; named_by only for a path no symbol proves). */
static const char *const symbol_keys[] = { "query", "target", "kind", "reachable", "chain", NULL };
static const char *const package_keys[] = { "query", "target", "kind", "reachable", "chain", "package", "linked",
                                            "code_target", "code_chain", "chain_kind", NULL };
static const char *const package_keys_no_chain[] = { "query", "target", "kind", "reachable", "chain", "package",
                                                     "linked", "code_target", "code_chain", NULL };
static const char *const unlinked_keys[] = { "query", "target", "kind", "reachable", "chain", "package", "linked",
                                             "code_target", "code_chain", "named_by", NULL };

/* Each step of a JSON chain is a line of the dump (step 0 a root line),
 * with the symbol's package by the reference rule ("" for none) and its
 * flags; the last step is target. */
static void
check_json_steps (Fixture *f, Json *chain, const char *target)
{
  static const char *const step_keys[] = { "symbol", "package", "flags", "via", NULL };

  g_assert_cmpint (chain->type, ==, J_ARRAY);
  g_assert_cmpuint (chain->items->len, >, 0);
  for (guint i = 0; i < chain->items->len; i++)
    {
      Json *step = g_ptr_array_index (chain->items, i);
      const char *sym, *via;
      Json *pkg, *flags;
      RefSym *rs;

      json_assert_keys (step, step_keys);
      sym = json_str (step, "symbol");
      via = json_str (step, "via");
      rs = ref_lookup (f->ref, sym);
      if (rs == NULL)
        g_error ("chain step %u \"%s\" is not a name in the dump", i, g_strescape (sym, NULL));
      if (i == 0)
        {
          g_assert_cmpstr (via, ==, "root");
          g_assert_true (ref_has_edge (f->ref, "_", sym, DV_EDGE_ROOT));
        }
      else
        {
          const char *prev = json_str (g_ptr_array_index (chain->items, i - 1), "symbol");
          DvEdgeKind k;
          if (strcmp (via, "dep") == 0)
            k = DV_EDGE_DEP;
          else if (strcmp (via, "call") == 0)
            k = DV_EDGE_CALL;
          else
            g_error ("step %u: via \"%s\"", i, via);
          if (!ref_has_edge (f->ref, prev, sym, k))
            g_error ("step %u: the dump has no line \"%s %s %s\"", i, prev, k == DV_EDGE_DEP ? "->" : "calls", sym);
        }
      /* package: the package that owns the symbol, "" for none */
      pkg = json_get (step, "package");
      g_assert_cmpint (pkg->type, ==, J_STRING);
      if (!ref_owner_unspecified (sym))
        g_assert_cmpstr (pkg->string, ==, rs->pkg ? rs->pkg->name : "");
      /* flags: the symbol's flags as words, in the documented order. */
      flags = json_get (step, "flags");
      g_assert_cmpint (flags->type, ==, J_ARRAY);
      for (guint k = 0; k < 3; k++)
        {
          const char *w = flag_words (rs->flags, k);
          if (w == NULL)
            {
              g_assert_cmpuint (flags->items->len, ==, k);
              break;
            }
          g_assert_cmpuint (flags->items->len, >, k);
          g_assert_cmpstr (((Json *) g_ptr_array_index (flags->items, k))->string, ==, w);
        }
      if (i + 1 == chain->items->len && target)
        g_assert_cmpstr (sym, ==, target);
    }
}

/* The JSON answer has the documented shape, and its chain is a path of the
 * dump ending at target. */
static void
check_json_chain (Fixture *f, const char *json_text, const char *query, const char *target,
                  const char *kind)
{
  g_autoptr(Json) j = json_parse (json_text);
  Json *chain, *reachable;

  json_assert_keys (j, strcmp (kind, "package") == 0 ? package_keys : symbol_keys);
  g_assert_cmpstr (json_str (j, "query"), ==, query);
  if (target)
    g_assert_cmpstr (json_str (j, "target"), ==, target);
  g_assert_cmpstr (json_str (j, "kind"), ==, kind);
  reachable = json_get (j, "reachable");
  g_assert_cmpint (reachable->type, ==, J_BOOL);
  g_assert_true (reachable->boolean);
  chain = json_get (j, "chain");
  check_json_steps (f, chain, target);
  if (target && strcmp (kind, "symbol") == 0)
    g_assert_cmpuint (chain->items->len, ==, ref_lookup (f->ref, target)->dist);
}

static char *
format_symbol (Fixture *f, const char *name, DvFormat format)
{
  DvWhyAnswer answer = { 0 };
  char *out;

  g_assert_true (answer_for_symbol (&answer, f->graph, name));
  out = dv_format_why (f->graph, &answer, format);
  dv_why_answer_clear (&answer);
  g_assert_nonnull (out);
  g_assert_true (g_str_has_suffix (out, "\n"));
  return out;
}

/* ---- JSON ------------------------------------------------------------- */

static void
test_json_symbol (void)
{
  Fixture f;
  g_autofree char *json = NULL;

  fixture_load (&f, "hello-go1.19.deps.txt");
  json = format_symbol (&f, "fmt.Fprintln", DV_FORMAT_JSON);
  check_json_chain (&f, json, "fmt.Fprintln", "fmt.Fprintln", "symbol");
  fixture_clear (&f);
}

static void
test_json_flags (void)
{
  Fixture f;
  g_autofree char *json = NULL;

  fixture_load (&f, "hello-go1.19.deps.txt");
  g_assert_cmpuint (ref_lookup (f.ref, "type.*fmt.buffer")->flags, ==, DV_SYMBOL_FLAG_USED_IN_IFACE);
  json = format_symbol (&f, "type.*fmt.buffer", DV_FORMAT_JSON);
  check_json_chain (&f, json, "type.*fmt.buffer", "type.*fmt.buffer", "symbol");
  fixture_clear (&f);
}

static void
test_json_package (void)
{
  Fixture f;
  DvLookup lk = { 0 };
  DvWhyAnswer answer = { 0 };
  g_autofree char *json = NULL;
  g_autoptr(Json) j = NULL;
  const char *target;

  fixture_load (&f, "hello-go1.19.deps.txt");
  dv_lookup (f.graph, "fmt", &lk);
  g_assert_cmpint (lk.kind, ==, DV_LOOKUP_PACKAGE);
  g_assert_true (dv_why_answer_init (&answer, f.graph, "fmt", &lk));
  json = dv_format_why (f.graph, &answer, DV_FORMAT_JSON);
  j = json_parse (json);
  target = json_str (j, "target");
  g_assert_cmpstr (target, ==, dv_graph_symbol_name (f.graph, answer.target));
  check_json_chain (&f, json, "fmt", target, "package");
  dv_why_answer_clear (&answer);
  dv_lookup_clear (&lk);
  fixture_clear (&f);
}

/* How the chain of a package answer reads, from the dump alone: ending at
 * the package's inittask, through go:main.inittasks (Go 1.21+) or through
 * the inittasks of its importers; else the plain shortest chain. */
static const char *
expected_chain_kind (Json *chain)
{
  const char *last = json_str (g_ptr_array_index (chain->items, chain->items->len - 1), "symbol");

  if (!g_str_has_suffix (last, "..inittask"))
    return "shortest";
  for (guint i = 0; i + 1 < chain->items->len; i++)
    {
      const char *sym = json_str (g_ptr_array_index (chain->items, i), "symbol");
      if (strcmp (sym, "go:main.inittasks") == 0 || strcmp (sym, "go.main.inittasks") == 0)
        return "init";
    }
  return "import";
}

/* The JSON answer for a package path: its link, its chain to the nearest
 * symbol it owns and its code chain, each against the reference reading.
 * Returns the answer's text form. */
static char *
check_json_package (Fixture *f, RefPkg *rp, char **chain_kind)
{
  DvLookup lk = { 0 };
  DvWhyAnswer answer = { 0 };
  DvPackageLink link = ref_pkg_link (rp);
  g_autofree char *json = NULL;
  g_autoptr(Json) j = NULL;
  Json *chain, *code, *code_target;
  RefSym *code_end = NULL;
  guint code_dist;
  char *text;

  dv_lookup (f->graph, rp->name, &lk);
  if (lk.kind != DV_LOOKUP_PACKAGE)
    g_error ("lookup \"%s\": kind %d, not the package", rp->name, lk.kind);
  g_assert_cmpint (dv_why_answer_init (&answer, f->graph, rp->name, &lk), ==, link != DV_PACKAGE_LINK_NO);
  json = dv_format_why (f->graph, &answer, DV_FORMAT_JSON);
  text = dv_format_why (f->graph, &answer, DV_FORMAT_TEXT);
  j = json_parse (json);
  chain = json_get (j, "chain");
  g_assert_nonnull (chain);
  json_assert_keys (j, link != DV_PACKAGE_LINK_NO ? package_keys : package_keys_no_chain);
  g_assert_cmpstr (json_str (j, "query"), ==, rp->name);
  g_assert_cmpstr (json_str (j, "kind"), ==, "package");
  g_assert_cmpstr (json_str (j, "package"), ==, rp->name);
  if (strcmp (json_str (j, "linked"), ref_link_word (link)) != 0)
    g_error ("package %s: linked \"%s\", the reference rule says \"%s\"", rp->name, json_str (j, "linked"),
             ref_link_word (link));
  g_assert_cmpint (json_get (j, "reachable")->type, ==, J_BOOL);
  g_assert_cmpint (json_get (j, "reachable")->boolean, ==, link != DV_PACKAGE_LINK_NO);
  *chain_kind = NULL;
  if (link != DV_PACKAGE_LINK_NO)
    {
      RefSym *nearest = ref_pkg_nearest (f->ref, rp);
      RefSym *end;
      check_json_steps (f, chain, json_str (j, "target"));
      end = ref_lookup (f->ref, json_str (j, "target"));
      g_assert_true (end->pkg == rp);
      g_assert_cmpint (end->role, ==, nearest->role);
      g_assert_cmpuint (chain->items->len, ==, nearest->dist);
      g_assert_cmpstr (json_str (j, "chain_kind"), ==, expected_chain_kind (chain));
      *chain_kind = g_strdup (json_str (j, "chain_kind"));
    }
  else
    {
      /* no chain: an empty list, as for a symbol with no path */
      g_assert_cmpint (chain->type, ==, J_ARRAY);
      g_assert_cmpuint (chain->items->len, ==, 0);
    }

  code = json_get (j, "code_chain");
  code_target = json_get (j, "code_target");
  code_dist = ref_code_search (f->ref, rp, &code_end);
  if (code_end == NULL)
    {
      g_assert_cmpint (code->type, ==, J_NULL);
      g_assert_cmpint (code_target->type, ==, J_NULL);
    }
  else
    {
      RefSym *end;
      g_assert_cmpint (code_target->type, ==, J_STRING);
      check_json_steps (f, code, code_target->string);
      for (guint i = 0; i < code->items->len; i++)
        {
          RefSym *step = ref_lookup (f->ref, json_str (g_ptr_array_index (code->items, i), "symbol"));
          g_assert_false (step->pkg == rp && step->init);
        }
      end = ref_lookup (f->ref, code_target->string);
      g_assert_true (end->pkg == rp);
      g_assert_cmpint (end->role, ==, REF_ROLE_CODE);
      g_assert_cmpuint (code->items->len, ==, code_dist);
    }
  dv_why_answer_clear (&answer);
  dv_lookup_clear (&lk);
  return text;
}

/* Every package of a fixture; the text names the chains as the JSON does. */
static void
check_json_every_package (const char *file, const char *kind_seen, const char *label)
{
  Fixture f;
  guint n_kind = 0;

  fixture_load (&f, file);
  for (guint i = 0; i < f.ref->pkg_order->len; i++)
    {
      RefPkg *rp = g_ptr_array_index (f.ref->pkg_order, i);
      g_autofree char *kind = NULL;
      g_autofree char *text = check_json_package (&f, rp, &kind);
      RefSym *code_end = NULL;
      RefSym *nearest = ref_pkg_nearest (f.ref, rp);

      ref_code_search (f.ref, rp, &code_end);
      if (g_strcmp0 (kind, kind_seen) != 0 || code_end == NULL || code_end == nearest)
        continue;
      /* the two chains, each under its title */
      n_kind++;
      if (strstr (text, label) == NULL || strstr (text, "Code chain") == NULL)
        g_error ("package %s: the text does not say \"%s\" and \"Code chain\":\n%s", rp->name, label, text);
      if (strcmp (kind_seen, "init") == 0 && strstr (text, "does not record") == NULL)
        g_error ("package %s: the text does not say the dump does not record importers:\n%s", rp->name, text);
    }
  g_assert_cmpuint (n_kind, >, 0);
  fixture_clear (&f);
}

static void
test_json_every_package_hello (void)
{
  check_json_every_package ("hello-go1.19.deps.txt", "import", "Import chain");
}

static void
test_json_every_package_hazards_121 (void)
{
  check_json_every_package ("hazards-go1.21.deps.txt", "init", "Initialisation chain");
}

static void
test_json_every_package_modern_127 (void)
{
  check_json_every_package ("modern-go1.27.deps-and-calls.txt.gz", "init", "Initialisation chain");
}

/* A path only symbols that prove nothing carry: not linked, exit status
 * aside, with the names that carry it. */
static void
test_json_unlinked (void)
{
  static const char dump[] =
    "_ -> main.main\n"
    "main.main -> plugin.lastmoduleinit.stkobj\n"
    "main.main -> main..inittask\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(DvGraph) graph = dv_graph_load_data (dump, strlen (dump), "plugin.txt", &error);
  DvLookup lk = { 0 };
  DvWhyAnswer answer = { 0 };
  g_autofree char *json = NULL;
  g_autoptr(Json) j = NULL;
  Json *named;

  g_assert_no_error (error);
  dv_lookup (graph, "plugin", &lk);
  g_assert_cmpint (lk.kind, ==, DV_LOOKUP_UNLINKED_PACKAGE);
  g_assert_false (dv_why_answer_init (&answer, graph, "plugin", &lk));
  json = dv_format_why (graph, &answer, DV_FORMAT_JSON);
  j = json_parse (json);
  json_assert_keys (j, unlinked_keys);
  g_assert_cmpstr (json_str (j, "target"), ==, "");
  g_assert_cmpstr (json_str (j, "package"), ==, "plugin");
  g_assert_cmpstr (json_str (j, "linked"), ==, "no");
  g_assert_false (json_get (j, "reachable")->boolean);
  g_assert_cmpint (json_get (j, "chain")->type, ==, J_ARRAY);
  g_assert_cmpuint (json_get (j, "chain")->items->len, ==, 0);
  g_assert_cmpint (json_get (j, "code_chain")->type, ==, J_NULL);
  named = json_get (j, "named_by");
  g_assert_cmpint (named->type, ==, J_ARRAY);
  g_assert_cmpuint (named->items->len, ==, 1);
  g_assert_cmpstr (((Json *) g_ptr_array_index (named->items, 0))->string, ==, "plugin.lastmoduleinit.stkobj");
  dv_why_answer_clear (&answer);
  dv_lookup_clear (&lk);
}

/* Names with quotes, backslashes, raw newlines and tabs, arrows, braces
 * and non-ASCII come back byte for byte. */
static void
test_json_hazard_names (void)
{
  static const char *const names[] = {
    "go.string.\" -> node=\"",
    "type..namedata.Q.z:\"p -> q\"",
    "type..namedata.B.multi\nline -> tag\twith tab <UsedInIface>",
    "type.struct { Q string \"z:\\\"p -> q\\\"\" }",
    "main.Gen[go.shape.struct { A string \"k:\\\"x -> y\\\"\"; B int \"multi\\nline -> tag\\twith tab <UsedInIface>\" }_0]",
    "go.string.\"quote\\\" -> \\\"x\"",
    "go.string.\"^go -> (\\\\w+)$\"",
    "runtime.main_main\u00b7f",
  };
  Fixture f;
  guint n_checked = 0;

  fixture_load (&f, "hazards-go1.19.deps.txt");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      RefSym *sym = ref_lookup (f.ref, names[i]);
      g_autofree char *json = NULL;
      if (sym == NULL)
        g_error ("the fixture has no \"%s\"", g_strescape (names[i], NULL));
      if (sym->dist == G_MAXUINT)
        continue;
      json = format_symbol (&f, names[i], DV_FORMAT_JSON);
      check_json_chain (&f, json, names[i], names[i], "symbol");
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >=, 6);
  fixture_clear (&f);
}

/* Every reachable symbol of the hazards dump gives JSON that parses. */
static void
test_json_every_hazard_symbol (void)
{
  Fixture f;
  guint bad = 0;

  fixture_load (&f, "hazards-go1.19.deps.txt");
  for (guint i = 0; i < f.ref->sym_order->len; i++)
    {
      RefSym *sym = g_ptr_array_index (f.ref->sym_order, i);
      g_autofree char *json = NULL;
      g_autoptr(Json) j = NULL;
      JParser jp = { 0 };
      Json *chain;

      if (sym->dist == G_MAXUINT)
        continue;
      json = format_symbol (&f, sym->name, DV_FORMAT_JSON);
      jp.p = json;
      jp.end = json + strlen (json);
      j = g_utf8_validate (json, -1, NULL) ? j_value (&jp) : NULL;
      if (j == NULL || j->type != J_OBJECT || (chain = json_get (j, "chain")) == NULL ||
          chain->type != J_ARRAY || chain->items->len != sym->dist ||
          strcmp (json_str (g_ptr_array_index (chain->items, chain->items->len - 1), "symbol"), sym->name) != 0)
        {
          if (bad++ < 5)
            g_printerr ("\"%s\": JSON does not parse back to its chain: %s\n", g_strescape (sym->name, NULL), json);
        }
    }
  g_assert_cmpuint (bad, ==, 0);
  fixture_clear (&f);
}

static void
test_json_unreachable (void)
{
  Fixture f;
  DvWhyAnswer answer = { 0 };
  DvLookup lk = { 0 };
  g_autofree char *json = NULL;
  g_autoptr(Json) j = NULL;
  Json *reachable;

  fixture_load (&f, "hazards-go1.19.deps.txt");
  g_assert_cmpuint (ref_lookup (f.ref, "go.info.main.Sq")->dist, ==, G_MAXUINT);
  lk.kind = DV_LOOKUP_SYMBOL;
  lk.symbol = id_by_name (f.graph, "go.info.main.Sq");
  lk.package = DV_PACKAGE_NONE;
  g_assert_false (dv_why_answer_init (&answer, f.graph, "go.info.main.Sq", &lk));
  g_assert_null (answer.chain);
  g_assert_nonnull (answer.ancestors);
  g_assert_cmpuint (answer.ancestors->len, >=, 2);
  json = dv_format_why (f.graph, &answer, DV_FORMAT_JSON);
  j = json_parse (json);
  g_assert_cmpstr (json_str (j, "query"), ==, "go.info.main.Sq");
  reachable = json_get (j, "reachable");
  g_assert_nonnull (reachable);
  g_assert_cmpint (reachable->type, ==, J_BOOL);
  g_assert_false (reachable->boolean);
  dv_why_answer_clear (&answer);
  fixture_clear (&f);
}

/* ---- text, Markdown, DOT ---------------------------------------------- */

/* The chain the reference reader finds for name: its BFS parent links from
 * name back to "_", root side first, "_" left out. */
static GPtrArray *
reference_chain (Fixture *f, const char *name)
{
  RefSym *sym = ref_lookup (f->ref, name);
  GPtrArray *chain = g_ptr_array_new ();

  g_assert_nonnull (sym);
  g_assert_cmpuint (sym->dist, !=, G_MAXUINT);
  for (RefSym *s = sym; s != NULL && s != f->ref->root; s = s->bfs_parent)
    g_ptr_array_insert (chain, 0, s->name);
  g_assert_cmpuint (chain->len, ==, sym->dist);
  return chain;
}

static void
check_contains_chain (Fixture *f, const char *name, DvFormat format)
{
  g_autofree char *out = format_symbol (f, name, format);
  g_autoptr(GPtrArray) chain = reference_chain (f, name);

  /* Every symbol of the reference chain, verbatim. */
  for (guint i = 0; i < chain->len; i++)
    {
      const char *step = g_ptr_array_index (chain, i);
      if (strstr (out, step) == NULL)
        g_error ("the output does not name \"%s\":\n%s", step, out);
    }
}

static void
test_text (void)
{
  Fixture f;
  fixture_load (&f, "hello-go1.19.deps.txt");
  check_contains_chain (&f, "fmt.Fprintln", DV_FORMAT_TEXT);
  check_contains_chain (&f, "fmt.(*pp).printArg", DV_FORMAT_TEXT);
  fixture_clear (&f);
}

/* A GFM table row split into its cells: a pipe not after a backslash ends
 * a cell, "\|" is a literal pipe (also inside code spans), each cell is
 * trimmed.  NULL when line is not a row. */
static GPtrArray *
md_row_cells (const char *line)
{
  GPtrArray *cells;
  GString *cell;
  const char *p;

  if (line[0] != '|')
    return NULL;
  cells = g_ptr_array_new_with_free_func (g_free);
  cell = g_string_new (NULL);
  for (p = line + 1; *p; p++)
    {
      if (p[0] == '\\' && p[1] == '|')
        {
          g_string_append_c (cell, '|');
          p++;
        }
      else if (*p == '|')
        {
          g_ptr_array_add (cells, g_strstrip (g_string_free (cell, FALSE)));
          cell = g_string_new (NULL);
        }
      else
        g_string_append_c (cell, *p);
    }
  /* What follows the last pipe must be blank. */
  g_assert_cmpstr (g_strstrip (cell->str), ==, "");
  g_string_free (cell, TRUE);
  return cells;
}

/* The content of the CommonMark code span cell starts with: a run of n
 * backticks up to the next run of exactly n, one space stripped from each
 * side when both sides have one.  *rest is what follows the span. */
static char *
md_code_span (const char *cell, const char **rest)
{
  gsize n = 0, m;
  const char *p, *start;
  char *content;
  gsize len;

  while (cell[n] == '`')
    n++;
  if (n == 0)
    g_error ("no code span at \"%s\"", cell);
  start = cell + n;
  for (p = start; *p; p += m)
    {
      m = 1;
      if (*p != '`')
        continue;
      while (p[m] == '`')
        m++;
      if (m == n)
        break;
    }
  if (*p == '\0')
    g_error ("unclosed code span in \"%s\"", cell);
  len = p - start;
  content = g_strndup (start, len);
  for (char *c = content; *c; c++)
    if (*c == '\n')
      *c = ' ';
  if (len >= 2 && content[0] == ' ' && content[len - 1] == ' ' && strspn (content, " ") != len)
    {
      memmove (content, content + 1, len - 2);
      content[len - 2] = '\0';
    }
  *rest = p + n;
  return content;
}

/* The Markdown answer for name has the table of its chain: one row a
 * step, in order, numbered from 1; each symbol in a code span that reads
 * back as the reference chain's name, followed only by flags in emphasis;
 * "kept via" a line of the dump. */
static void
check_markdown_table (Fixture *f, const char *name)
{
  g_autofree char *out = format_symbol (f, name, DV_FORMAT_MARKDOWN);
  g_autoptr(GPtrArray) chain = reference_chain (f, name);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  guint header = 0, rows = 0;

  while (lines[header] && strcmp (lines[header], "| # | symbol | package | kept via |") != 0)
    header++;
  if (lines[header] == NULL)
    g_error ("no chain table in:\n%s", out);
  g_assert_cmpstr (lines[header + 1], ==, "|---:|---|---|---|");
  for (guint l = header + 2; lines[l] && lines[l][0] == '|'; l++, rows++)
    {
      g_autoptr(GPtrArray) cells = md_row_cells (lines[l]);
      g_autofree char *number = g_strdup_printf ("%u", rows + 1);
      g_autofree char *symbol = NULL;
      const char *rest, *via, *want;
      DvEdgeKind kind;

      if (cells->len != 4)
        g_error ("row %u has %u cells: %s", rows + 1, cells->len, lines[l]);
      g_assert_cmpuint (rows, <, chain->len);
      want = g_ptr_array_index (chain, rows);
      g_assert_cmpstr (g_ptr_array_index (cells, 0), ==, number);
      symbol = md_code_span (g_ptr_array_index (cells, 1), &rest);
      if (strcmp (symbol, want) != 0)
        g_error ("row %u reads back as \"%s\", the reference chain has \"%s\":\n%s",
                 rows + 1, g_strescape (symbol, NULL), g_strescape (want, NULL), out);
      g_assert_true (*rest == '\0' || g_str_has_prefix (rest, " *"));
      via = g_ptr_array_index (cells, 3);
      if (rows == 0)
        {
          g_assert_cmpstr (via, ==, "root");
          kind = DV_EDGE_ROOT;
        }
      else if (strcmp (via, "dep") == 0)
        kind = DV_EDGE_DEP;
      else if (strcmp (via, "call") == 0)
        kind = DV_EDGE_CALL;
      else
        g_error ("row %u: kept via \"%s\"", rows + 1, via);
      g_assert_true (ref_has_edge (f->ref, rows == 0 ? "_" : g_ptr_array_index (chain, rows - 1), want, kind));
    }
  g_assert_cmpuint (rows, ==, chain->len);
}

static void
test_markdown (void)
{
  Fixture f;
  guint backtick = 0, pipe = 0;

  fixture_load (&f, "hello-go1.19.deps.txt");
  check_contains_chain (&f, "fmt.Fprintln", DV_FORMAT_MARKDOWN);
  check_contains_chain (&f, "fmt.(*pp).printArg", DV_FORMAT_MARKDOWN);
  check_markdown_table (&f, "fmt.Fprintln");
  check_markdown_table (&f, "fmt.(*pp).printArg");
  fixture_clear (&f);

  /* Names with backticks and pipes come back whole. */
  fixture_load (&f, "hazards-go1.19.deps.txt");
  for (guint i = 1; i < f.ref->bfs->len; i++)
    {
      RefSym *sym = g_ptr_array_index (f.ref->bfs, i);
      gboolean has_backtick = strchr (sym->name, '`') != NULL;
      gboolean has_pipe = strchr (sym->name, '|') != NULL;
      if (!has_backtick && !has_pipe)
        continue;
      backtick += has_backtick;
      pipe += has_pipe;
      check_markdown_table (&f, sym->name);
    }
  g_assert_cmpuint (backtick, >, 0);
  g_assert_cmpuint (pipe, >, 0);
  fixture_clear (&f);
}

/* DOT is the layout's picture, as `depview-cli why --format=dot` writes it. */
static char *
layout_dot (Fixture *f, const char *name)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  DvSymbolId id = dv_graph_find_symbol (f->graph, name, -1);

  g_assert_cmpuint (id, !=, DV_SYMBOL_NONE);
  g_assert_true (dv_layout_render_why (f->graph, id, "dot", &bytes, &error));
  g_assert_no_error (error);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_dot_contains (void)
{
  Fixture f;
  g_autofree char *dot = NULL;

  fixture_load (&f, "hello-go1.19.deps.txt");
  dot = layout_dot (&f, "fmt.Fprintln");
  g_assert_true (g_str_has_prefix (g_strchug (dot), "digraph") || g_str_has_prefix (dot, "strict digraph"));
  /* the focus by its full name, in the node's tooltip */
  g_assert_nonnull (strstr (dot, "fmt.Fprintln"));
  fixture_clear (&f);
}

/* dot -Tsvg reads what we write, for plain and hazardous names. */
static void
run_dot (const char *dot_text)
{
  g_autofree char *dot = g_find_program_in_path ("dot");
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) in = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;

  if (dot == NULL)
    {
      g_test_skip ("dot is not installed");
      return;
    }
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                           &error, dot, "-Tsvg", NULL);
  g_assert_no_error (error);
  in = g_bytes_new (dot_text, strlen (dot_text));
  g_subprocess_communicate (proc, in, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (proc) || g_subprocess_get_exit_status (proc) != 0 || g_bytes_get_size (err) > 0)
    g_error ("dot -Tsvg rejects the output:\n%.*s\ninput:\n%s", (int) g_bytes_get_size (err),
             (const char *) g_bytes_get_data (err, NULL), dot_text);
  g_assert_cmpuint (g_bytes_get_size (out), >, 0);
}

static void
test_dot_accepted (void)
{
  static const char *const names[] = {
    "type..namedata.B.multi\nline -> tag\twith tab <UsedInIface>",
    "type.struct { Q string \"z:\\\"p -> q\\\"\" }",
    "go.string.\"quote\\\" -> \\\"x\"",
    "go.string.\"^go -> (\\\\w+)$\"",
    "main.Gen[go.shape.struct { A string \"k:\\\"x -> y\\\"\"; B int \"multi\\nline -> tag\\twith tab <UsedInIface>\" }_0]",
  };
  Fixture f;

  fixture_load (&f, "hello-go1.19.deps.txt");
  {
    g_autofree char *dot = layout_dot (&f, "fmt.Fprintln");
    run_dot (dot);
  }
  fixture_clear (&f);
  fixture_load (&f, "hazards-go1.19.deps.txt");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *dot = NULL;
      g_assert_nonnull (ref_lookup (f.ref, names[i]));
      if (ref_lookup (f.ref, names[i])->dist == G_MAXUINT)
        continue;
      dot = layout_dot (&f, names[i]);
      run_dot (dot);
    }
  fixture_clear (&f);
}

/* ---- flags ------------------------------------------------------------ */

static void
test_format_flags (void)
{
  GString *s = g_string_new (NULL);

  dv_format_flags (s, DV_SYMBOL_FLAG_NONE, ", ", "", "");
  g_assert_cmpstr (s->str, ==, "");
  dv_format_flags (s, DV_SYMBOL_FLAG_USED_IN_IFACE, ", ", "", "");
  g_assert_cmpstr (s->str, ==, "UsedInIface");
  g_string_truncate (s, 0);
  dv_format_flags (s, DV_SYMBOL_FLAG_REFLECT_METHOD, ", ", "[", "]");
  g_assert_cmpstr (s->str, ==, "[ReflectMethod]");
  g_string_truncate (s, 0);
  dv_format_flags (s, DV_SYMBOL_FLAG_USED_IN_IFACE | DV_SYMBOL_FLAG_REFLECT_METHOD, ",", "", "");
  g_assert_cmpstr (s->str, ==, "UsedInIface,ReflectMethod");
  g_string_free (s, TRUE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/graph/format/json/symbol", test_json_symbol);
  g_test_add_func ("/graph/format/json/flags", test_json_flags);
  g_test_add_func ("/graph/format/json/package", test_json_package);
  g_test_add_func ("/graph/format/json/every-package-hello", test_json_every_package_hello);
  g_test_add_func ("/graph/format/json/every-package-hazards-go1.21", test_json_every_package_hazards_121);
  g_test_add_func ("/graph/format/json/every-package-modern-go1.27", test_json_every_package_modern_127);
  g_test_add_func ("/graph/format/json/unlinked-package", test_json_unlinked);
  g_test_add_func ("/graph/format/json/hazard-names", test_json_hazard_names);
  g_test_add_func ("/graph/format/json/every-hazard-symbol", test_json_every_hazard_symbol);
  g_test_add_func ("/graph/format/json/unreachable", test_json_unreachable);
  g_test_add_func ("/graph/format/text", test_text);
  g_test_add_func ("/graph/format/markdown", test_markdown);
  g_test_add_func ("/graph/format/dot/contains-chain", test_dot_contains);
  g_test_add_func ("/graph/format/dot/accepted-by-dot", test_dot_accepted);
  g_test_add_func ("/graph/format/flags", test_format_flags);

  return g_test_run ();
}
