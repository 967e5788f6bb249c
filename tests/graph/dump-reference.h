/* dump-reference.h: an independent, deliberately plain reading of a Go
 * linker -dumpdep dump (hash tables of strings, no indexes), used by the
 * tests as the expected answer. It shares no code with graph/: only the
 * enums of the public header are used, so results can be compared. */
#pragma once

#include <string.h>
#include <gio/gio.h>

#include "dv-graph.h"

typedef struct _RefSym RefSym;

typedef struct {
  RefSym    *sym;
  DvEdgeKind kind;
} RefLink;

struct _RefSym {
  char      *name;
  guint      flags;      /* DvSymbolFlags, OR of every occurrence */
  GPtrArray *children;   /* RefLink *, file order, (sym, kind) once */
  GPtrArray *parents;    /* RefLink *, file order, (sym, kind) once */
  guint      dist;       /* edges from "_", G_MAXUINT when unreachable */
  RefSym    *bfs_parent; /* first discovered parent (file-order BFS) */
  DvEdgeKind bfs_via;
  guint      bfs_order;  /* discovery rank, G_MAXUINT when unreachable */
  /* the package rule (ref_dump_packages) */
  struct _RefPkg *pkg;   /* the package that owns it, or NULL */
  guint      role;       /* RefRole */
  gboolean   init;       /* part of its package's own initialisation */
  guint      stamp;      /* scratch for ref_code_search */
};

typedef enum {
  REF_ROLE_NONE,  /* proves no package */
  REF_ROLE_TYPE,  /* a type of its package */
  REF_ROLE_CODE,  /* code or data its package made */
} RefRole;

typedef struct _RefPkg {
  char      *name;       /* import path, unescaped */
  GPtrArray *syms;       /* RefSym * it owns, first appearance */
  guint      n_live;
  gboolean   live_code;
  gboolean   live_types;
  gboolean   live_init;  /* an init symbol of it is live */
} RefPkg;

typedef struct {
  char      *from;       /* flags removed; "_" for the root */
  char      *to;         /* flags removed */
  char      *to_raw;     /* target text as read, continuation lines joined */
  guint      from_flags;
  guint      to_flags;
  DvEdgeKind kind;
  guint64    line;       /* 1-based line where the record starts */
  gboolean   added_known;
} RefEdge;

typedef struct {
  guint64    lines;
  guint64    dep_edges;
  guint64    root_edges;
  guint64    call_edges;
  guint64    bytes;
  GArray    *edges;        /* RefEdge */
  GPtrArray *sections;     /* char * */
  GPtrArray *size_keys;    /* char * */
  GArray    *size_values;  /* guint64 */
  GArray    *unreadable;   /* guint64 line numbers */
  guint      ambiguous_splits;
  guint      continuations;

  GHashTable *syms;        /* name -> RefSym *, "_" included */
  GPtrArray  *sym_order;   /* RefSym *, first appearance, "_" excluded */
  RefSym     *root;
  GPtrArray  *bfs;         /* RefSym *, discovery order, roots first */
  guint       n_roots;
  guint       n_reachable; /* "_" excluded */

  GHashTable *pkgs;        /* name -> RefPkg *, after ref_dump_packages */
  GPtrArray  *pkg_order;   /* RefPkg *, first appearance */
  guint       search_stamp;
} RefDump;

/* ---- names ------------------------------------------------------------ */

static G_GNUC_UNUSED gboolean
ref_has_prefix (const char *s, const char *prefix)
{
  return strncmp (s, prefix, strlen (prefix)) == 0;
}

/* namedata names hold raw struct tags: trailing flag text is tag text. */
static G_GNUC_UNUSED gboolean
ref_is_namedata (const char *s)
{
  return ref_has_prefix (s, "type..namedata.") || ref_has_prefix (s, "type:.namedata.");
}

/* Removes trailing flags in place; returns the flags. */
static G_GNUC_UNUSED guint
ref_strip_flags (char *name)
{
  static const struct { const char *suffix; guint flags; } forms[] = {
    { " <UsedInIface><ReflectMethod>", DV_SYMBOL_FLAG_USED_IN_IFACE | DV_SYMBOL_FLAG_REFLECT_METHOD },
    { " <UsedInIface>", DV_SYMBOL_FLAG_USED_IN_IFACE },
    { " <ReflectMethod>", DV_SYMBOL_FLAG_REFLECT_METHOD },
  };
  gsize len = strlen (name);

  if (ref_is_namedata (name))
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      gsize sl = strlen (forms[i].suffix);
      if (len >= sl && memcmp (name + len - sl, forms[i].suffix, sl) == 0)
        {
          name[len - sl] = '\0';
          return forms[i].flags;
        }
    }
  return 0;
}

static char *
ref_unescape_path (const char *s, gsize len)
{
  GString *out = g_string_sized_new (len);
  for (gsize i = 0; i < len; i++)
    {
      if (s[i] == '%' && i + 2 < len && g_ascii_isxdigit (s[i + 1]) && g_ascii_isxdigit (s[i + 2]))
        {
          g_string_append_c (out, (char) (g_ascii_xdigit_value (s[i + 1]) * 16 + g_ascii_xdigit_value (s[i + 2])));
          i += 2;
        }
      else
        g_string_append_c (out, s[i]);
    }
  return g_string_free (out, FALSE);
}

/* "pkg/path.Rest": the text before the first '.' after the last '/',
 * looking only before the first bracket, parenthesis, quote or space.
 *
 * With known (a set of import paths, unescaped), the names of promoted
 * unexported methods ("a/b.T.net/http.m") are read as well: each path
 * element's first '.' ends a candidate, and the shortest candidate that is
 * in known wins over the usual answer (the last candidate). *dot_out is
 * where the chosen package ends in s. */
static char *
ref_package_of_plain_in (const char *s, GHashTable *known, gsize *dot_out)
{
  gsize head = strcspn (s, "[(\" {,;*");
  const char *slash = NULL;
  const char *dot;

  if (s[0] == '$' || s[0] == '.')
    return NULL;
  if (known != NULL)
    {
      const char *elem = s;
      for (;;)
        {
          const char *end = memchr (elem, '/', head - (elem - s));
          const char *d = memchr (elem, '.', (end ? end : s + head) - elem);
          if (end == NULL)
            break;  /* the last element: the usual answer below */
          if (d != NULL && d != s)
            {
              g_autofree char *cand = ref_unescape_path (s, d - s);
              if (g_hash_table_contains (known, cand))
                {
                  if (dot_out)
                    *dot_out = d - s;
                  return g_steal_pointer (&cand);
                }
            }
          elem = end + 1;
        }
    }
  for (const char *p = s; p < s + head; p++)
    if (*p == '/')
      slash = p;
  dot = memchr (slash ? slash : s, '.', head - (slash ? (gsize) (slash - s) : 0));
  if (dot == NULL || dot == s)
    return NULL;
  if (dot_out)
    *dot_out = dot - s;
  return ref_unescape_path (s, dot - s);
}

static char *
ref_package_of_plain (const char *s)
{
  return ref_package_of_plain_in (s, NULL, NULL);
}

static gboolean
ref_is_predeclared (const char *t)
{
  static const char *const names[] = { "bool", "byte", "complex64", "complex128", "error", "float32",
    "float64", "int", "int8", "int16", "int32", "int64", "rune", "string", "uint", "uint8", "uint16",
    "uint32", "uint64", "uintptr", "any", "comparable" };
  gsize len = strcspn (t, ".");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strlen (names[i]) == len && strncmp (t, names[i], len) == 0)
      return TRUE;
  return FALSE;
}

/* The package of a type's name: a named type, or the element of a pointer,
 * slice or array of one. */
static char *
ref_package_of_type_in (const char *t, GHashTable *known)
{
  if (ref_has_prefix (t, "noalg."))
    t += strlen ("noalg.");
  for (;;)
    {
      if (*t == '*')
        t++;
      else if (ref_has_prefix (t, "[]"))
        t += 2;
      else if (*t == '[' && g_ascii_isdigit (t[1]) && strchr (t, ']') != NULL)
        t = strchr (t, ']') + 1;
      else
        break;
    }
  if (ref_is_predeclared (t))
    return NULL;
  if (ref_has_prefix (t, "go.shape.") || ref_has_prefix (t, "go:shape."))
    return NULL;
  if (!g_ascii_isalpha (*t) && *t != '_')
    return NULL;  /* [], [N], func(, map[, ... */
  if (ref_has_prefix (t, "func(") || ref_has_prefix (t, "map[") || ref_has_prefix (t, "map.") || ref_has_prefix (t, "chan ") ||
      ref_has_prefix (t, "struct {") || ref_has_prefix (t, "interface {") || ref_has_prefix (t, "struct{") ||
      ref_has_prefix (t, "interface{") || ref_has_prefix (t, "<-chan ") || ref_has_prefix (t, "chan<- "))
    return NULL;
  return ref_package_of_plain_in (t, known, NULL);
}

static char *
ref_package_of_type (const char *t)
{
  return ref_package_of_type_in (t, NULL);
}

/* The package a symbol name carries (flags removed), whether or not the
 * symbol proves it; ref_owner_in says which package owns the symbol. */
static G_GNUC_UNUSED char *
ref_package (const char *name)
{
  static const char *const dwarf[] = { "info.", "loc.", "range.", "debuglines.", "debugranges.",
                                        "cuinfo.packagename.", "cuinfo.producer." };
  static const char *const type_funcs[] = { ".eq.", ".hash.", ".eqfunc.", ".hashfunc.", ".gcprog." };

  if (ref_has_prefix (name, "type.") || ref_has_prefix (name, "type:"))
    {
      const char *t = name + 5;
      if (ref_has_prefix (t, ".namedata."))
        return NULL;
      if (ref_has_prefix (t, ".importpath."))
        {
          const char *p = t + strlen (".importpath.");
          gsize len = strlen (p);
          if (len > 1 && p[len - 1] == '.')
            return ref_unescape_path (p, len - 1);
          return NULL;
        }
      for (guint i = 0; i < G_N_ELEMENTS (type_funcs); i++)
        if (ref_has_prefix (t, type_funcs[i]))
          return ref_package_of_type (t + strlen (type_funcs[i]));
      if (t[0] == '.')
        return NULL;
      return ref_package_of_type (t);
    }
  if (ref_has_prefix (name, "go.") || ref_has_prefix (name, "go:"))
    {
      const char *g = name + 3;
      if (ref_has_prefix (g, "itab."))
        {
          g_autofree char *t = g_strndup (g + 5, strcspn (g + 5, ","));
          return ref_package_of_type (t);
        }
      for (guint i = 0; i < G_N_ELEMENTS (dwarf); i++)
        if (ref_has_prefix (g, dwarf[i]))
          {
            const char *rest = g + strlen (dwarf[i]);
            char *pkg;
            if (ref_has_prefix (rest, "type.") || ref_has_prefix (rest, "type:") ||
                ref_has_prefix (rest, "go.") || ref_has_prefix (rest, "go:"))
              return ref_package (rest);
            pkg = ref_package_of_type (rest);
            return pkg;
          }
      /* A module path such as go.etcd.io/etcd: a '/' before any bracket. */
      {
        gsize head = strcspn (name, "[(\" {,;*");
        if (memchr (name, '/', head) != NULL)
          return ref_package_of_plain (name);
      }
      return NULL;  /* go.string., go.shape., go.buildid, go.struct {...}.M ... */
    }
  if (ref_has_prefix (name, "gclocals"))
    return NULL;
  return ref_package_of_plain (name);
}

/* Names the format notes give no package rule for: composite types (map,
 * chan, func, struct, interface) and the DWARF or eq/hash functions of one. */
static G_GNUC_UNUSED gboolean
ref_package_unspecified (const char *name)
{
  static const char *const wrappers[] = { "type..eq.", "type..hash.", "type..eqfunc.", "type..hashfunc.",
    "type..gcprog.", "type.", "type:", "go.info.", "go:info.", "go.loc.", "go.range.", "go.itab.", "go:itab." };
  static const char *const composite[] = { "map[", "map.", "chan ", "<-chan ", "chan<- ", "func(",
    "struct {", "struct{", "interface {", "interface{" };
  const char *t = name;

  for (guint i = 0; i < G_N_ELEMENTS (wrappers); i++)
    if (ref_has_prefix (t, wrappers[i]))
      {
        t += strlen (wrappers[i]);
        break;
      }
  if (ref_has_prefix (t, "noalg."))
    t += strlen ("noalg.");
  for (;;)
    {
      if (*t == '*')
        t++;
      else if (ref_has_prefix (t, "[]"))
        t += 2;
      else if (*t == '[' && g_ascii_isdigit (t[1]) && strchr (t, ']') != NULL)
        t = strchr (t, ']') + 1;
      else
        break;
    }
  for (guint i = 0; i < G_N_ELEMENTS (composite); i++)
    if (ref_has_prefix (t, composite[i]))
      return TRUE;
  return FALSE;
}

/* ---- the package rule: which symbols a package owns ------------------- */

static gboolean
ref_has_suffix (const char *s, const char *suffix)
{
  gsize n = strlen (s), m = strlen (suffix);
  return n >= m && memcmp (s + n - m, suffix, m) == 0;
}

/* The linker merges these by content and keeps the name of whichever copy it
 * met first, or they are debug entries: the name proves no package. */
static G_GNUC_UNUSED gboolean
ref_proves_nothing (const char *name)
{
  static const char *const prefixes[] = { "$", "gclocals", "go.string.", "go:string.",
    "type..namedata.", "type:.namedata.", "type..importpath.", "type:.importpath.",
    "type..gcprog.", "type:.gcprog.", "go.itab.", "go:itab.", "runtime.gcbits.",
    "go.sehuw.", "go:sehuw.", "go.info.", "go:info.", "go.loc.", "go:loc.", "go.range.",
    "go:range.", "go.debuglines.", "go:debuglines.", "go.debugranges.", "go:debugranges.",
    "go.cuinfo.", "go:cuinfo." };
  static const char *const suffixes[] = { ".stkobj", ".arginfo0", ".arginfo1", ".argliveinfo",
    ".opendefer", ".wrapinfo", ".args_stackmap", "$abstract" };
  const char *stmp;

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (ref_has_prefix (name, prefixes[i]))
      return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (ref_has_suffix (name, suffixes[i]))
      return TRUE;
  /* read-only static data: pkg..stmp_N */
  stmp = g_strrstr (name, "..stmp_");
  if (stmp != NULL && stmp[7] != '\0' && strspn (stmp + 7, "0123456789") == strlen (stmp + 7))
    return TRUE;
  return FALSE;
}

/* The package that owns a symbol and what the symbol is to it, or NULL
 * (REF_ROLE_NONE). known: the import paths of the dump, for the names of
 * promoted methods (NULL: the usual reading). *rest: where the text after
 * "pkg." starts in a code symbol's name. */
static G_GNUC_UNUSED char *
ref_owner_in (const char *name, GHashTable *known, RefRole *role, const char **rest)
{
  static const char *const type_funcs[] = { ".eq.", ".hash.", ".eqfunc.", ".hashfunc." };
  char *pkg;
  gsize dot = 0;

  *role = REF_ROLE_NONE;
  if (rest)
    *rest = NULL;
  if (ref_proves_nothing (name))
    return NULL;
  if (ref_has_prefix (name, "type.") || ref_has_prefix (name, "type:"))
    {
      const char *t = name + 5;
      pkg = NULL;
      for (guint i = 0; i < G_N_ELEMENTS (type_funcs); i++)
        if (ref_has_prefix (t, type_funcs[i]))
          {
            pkg = ref_package_of_type_in (t + strlen (type_funcs[i]), known);
            t = NULL;
            break;
          }
      if (t != NULL && t[0] != '.')
        pkg = ref_package_of_type_in (t, known);
      if (pkg)
        *role = REF_ROLE_TYPE;
      return pkg;
    }
  if (ref_has_prefix (name, "go.") || ref_has_prefix (name, "go:"))
    {
      /* a module path such as go.etcd.io/etcd; else the package would be "go" */
      gsize head = strcspn (name, "[(\" {,;*");
      if (memchr (name, '/', head) == NULL)
        return NULL;
    }
  /* C code split by the C compiler: x_cgo_munmap.cold */
  if (ref_has_suffix (name, ".cold") && strchr (name, '.') == name + strlen (name) - 5 &&
      strchr (name, '/') == NULL)
    return NULL;
  pkg = ref_package_of_plain_in (name, known, &dot);
  if (pkg)
    {
      *role = REF_ROLE_CODE;
      if (rest)
        *rest = name + dot + 1;
    }
  return pkg;
}

/* Names the package rule gives no answer for: composite types (map, chan,
 * func, struct, interface), the GC masks of types, and the closures of
 * their equality and hash functions (type:.eqfunc.T). */
static G_GNUC_UNUSED gboolean
ref_owner_unspecified (const char *name)
{
  static const char *const helpers[] = { "type:.gcmask.", "type..gcmask.", "type:.eqfunc.", "type..eqfunc.",
                                          "type:.hashfunc.", "type..hashfunc." };
  for (guint i = 0; i < G_N_ELEMENTS (helpers); i++)
    if (g_str_has_prefix (name, helpers[i]))
      return TRUE;
  return ref_package_unspecified (name);
}

/* Part of a package's own initialisation, by the text after "pkg.":
 * init, init.N..., init.funcN, .inittask, glob..funcN, map.init.N. */
static G_GNUC_UNUSED gboolean
ref_is_init_rest (const char *rest)
{
  if (rest == NULL)
    return FALSE;
  if (ref_has_prefix (rest, "init"))
    {
      const char *after = rest + 4;
      if (*after == '\0' || *after == '.' || ref_has_prefix (after, "\xc2\xb7"))
        return TRUE;
    }
  return strcmp (rest, ".inittask") == 0 || ref_has_prefix (rest, "glob..func") ||
         ref_has_prefix (rest, "map.init.");
}

static void
ref_pkg_free (gpointer data)
{
  RefPkg *p = data;
  g_free (p->name);
  g_ptr_array_unref (p->syms);
  g_free (p);
}

/* Fills sym->pkg, role and init for every symbol, and ref->pkgs: every
 * package that owns a symbol, live or not. */
static G_GNUC_UNUSED void
ref_dump_packages (RefDump *ref)
{
  g_autoptr(GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (ref->pkgs != NULL)
    return;
  ref->pkgs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, ref_pkg_free);
  ref->pkg_order = g_ptr_array_new ();
  /* The usual reading first: its paths are the known packages. */
  for (guint i = 0; i < ref->sym_order->len; i++)
    {
      RefSym *sym = g_ptr_array_index (ref->sym_order, i);
      RefRole role;
      char *pkg = ref_owner_in (sym->name, NULL, &role, NULL);
      if (pkg)
        g_hash_table_add (known, pkg);
    }
  for (guint i = 0; i < ref->sym_order->len; i++)
    {
      RefSym *sym = g_ptr_array_index (ref->sym_order, i);
      RefRole role;
      const char *rest = NULL;
      g_autofree char *name = ref_owner_in (sym->name, known, &role, &rest);
      RefPkg *pkg;
      gboolean live = sym->dist != G_MAXUINT;

      sym->role = role;
      sym->pkg = NULL;
      sym->init = FALSE;
      if (name == NULL)
        continue;
      pkg = g_hash_table_lookup (ref->pkgs, name);
      if (pkg == NULL)
        {
          pkg = g_new0 (RefPkg, 1);
          pkg->name = g_steal_pointer (&name);
          pkg->syms = g_ptr_array_new ();
          g_hash_table_insert (ref->pkgs, pkg->name, pkg);
          g_ptr_array_add (ref->pkg_order, pkg);
        }
      sym->pkg = pkg;
      sym->init = role == REF_ROLE_CODE && ref_is_init_rest (rest);
      g_ptr_array_add (pkg->syms, sym);
      if (live)
        {
          pkg->n_live++;
          pkg->live_code |= role == REF_ROLE_CODE;
          pkg->live_types |= role == REF_ROLE_TYPE;
          pkg->live_init |= sym->init;
        }
    }
}

static G_GNUC_UNUSED DvPackageLink
ref_pkg_link (const RefPkg *pkg)
{
  return pkg->live_code ? DV_PACKAGE_LINK_CODE
         : pkg->live_types ? DV_PACKAGE_LINK_TYPES_ONLY : DV_PACKAGE_LINK_NO;
}

static G_GNUC_UNUSED const char *
ref_link_word (DvPackageLink link)
{
  return link == DV_PACKAGE_LINK_CODE ? "code" : link == DV_PACKAGE_LINK_TYPES_ONLY ? "types only" : "no";
}

/* The end of the package's chain: its live symbol nearest to the root, code
 * before types, the first found at that distance; NULL when none is live. */
static G_GNUC_UNUSED RefSym *
ref_pkg_nearest (RefDump *ref, RefPkg *pkg)
{
  RefRole want = pkg->live_code ? REF_ROLE_CODE : REF_ROLE_TYPE;
  for (guint i = 1; i < ref->bfs->len; i++)
    {
      RefSym *sym = g_ptr_array_index (ref->bfs, i);
      if (sym->pkg == pkg && sym->role == want)
        return sym;
    }
  return NULL;
}

/* The distance of the package's nearest live code outside its own
 * initialisation, over chains that pass through none of its init symbols:
 * a breadth-first search from "_" that does not enter them. G_MAXUINT and
 * *end NULL when there is none. */
static G_GNUC_UNUSED guint
ref_code_search (RefDump *ref, RefPkg *pkg, RefSym **end)
{
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GArray) dist = NULL;
  guint head = 0;

  *end = NULL;
  if (!pkg->live_init)
    {
      /* nothing to avoid: the search over every edge */
      for (guint i = 1; i < ref->bfs->len; i++)
        {
          RefSym *sym = g_ptr_array_index (ref->bfs, i);
          if (sym->pkg == pkg && sym->role == REF_ROLE_CODE)
            {
              *end = sym;
              return sym->dist;
            }
        }
      return G_MAXUINT;
    }
  ref->search_stamp++;
  queue = g_ptr_array_new ();
  dist = g_array_new (FALSE, FALSE, sizeof (guint));
  ref->root->stamp = ref->search_stamp;
  g_ptr_array_add (queue, ref->root);
  g_array_append_val (dist, head);
  while (head < queue->len)
    {
      RefSym *sym = g_ptr_array_index (queue, head);
      guint d = g_array_index (dist, guint, head) + 1;
      head++;
      for (guint i = 0; i < sym->children->len; i++)
        {
          RefLink *l = g_ptr_array_index (sym->children, i);
          RefSym *c = l->sym;
          if (c->stamp == ref->search_stamp || (c->pkg == pkg && c->init))
            continue;
          c->stamp = ref->search_stamp;
          if (c->pkg == pkg && c->role == REF_ROLE_CODE)
            {
              *end = c;
              return d;
            }
          g_ptr_array_add (queue, c);
          g_array_append_val (dist, d);
        }
    }
  return G_MAXUINT;
}

/* ---- reading ---------------------------------------------------------- */

static RefSym *
ref_sym (RefDump *ref, const char *name)
{
  RefSym *sym = g_hash_table_lookup (ref->syms, name);
  if (sym == NULL)
    {
      sym = g_new0 (RefSym, 1);
      sym->name = g_strdup (name);
      sym->children = g_ptr_array_new_with_free_func (g_free);
      sym->parents = g_ptr_array_new_with_free_func (g_free);
      sym->dist = G_MAXUINT;
      sym->bfs_order = G_MAXUINT;
      g_hash_table_insert (ref->syms, sym->name, sym);
      if (strcmp (name, "_") != 0)
        g_ptr_array_add (ref->sym_order, sym);
    }
  return sym;
}

static void
ref_sym_free (gpointer data)
{
  RefSym *sym = data;
  g_free (sym->name);
  g_ptr_array_unref (sym->children);
  g_ptr_array_unref (sym->parents);
  g_free (sym);
}

static void
ref_link (GPtrArray *list, RefSym *sym, DvEdgeKind kind)
{
  RefLink *link;
  for (guint i = 0; i < list->len; i++)
    {
      RefLink *l = g_ptr_array_index (list, i);
      if (l->sym == sym && l->kind == kind)
        return;
    }
  link = g_new (RefLink, 1);
  link->sym = sym;
  link->kind = kind;
  g_ptr_array_add (list, link);
}

/* Whether the text before a separator is a name the causal order allows. */
static gboolean
ref_left_known (GHashTable *known, const char *left, gsize len)
{
  g_autofree char *name = NULL;
  if (len == 0 || (len == 1 && left[0] == '_'))
    return TRUE;
  name = g_strndup (left, len);
  ref_strip_flags (name);
  return g_hash_table_contains (known, name);
}

/* Position of the separator giving a known left side, or -1. */
static gssize
ref_find_split (RefDump *ref, GHashTable *known, const char *line, const char *sep)
{
  gssize found = -1;
  guint n_valid = 0;
  const char *p = line;

  while ((p = strstr (p, sep)) != NULL)
    {
      if (ref_left_known (known, line, p - line))
        {
          if (found < 0)
            found = p - line;
          n_valid++;
        }
      p++;
    }
  if (n_valid > 1)
    ref->ambiguous_splits++;
  return found;
}

static void
ref_set_target (RefEdge *e, GHashTable *known)
{
  g_free (e->to);
  e->to = g_strdup (e->to_raw);
  e->to_flags = ref_strip_flags (e->to);
  e->added_known = !g_hash_table_contains (known, e->to);
  if (e->added_known)
    g_hash_table_add (known, g_strdup (e->to));
}

static gboolean
ref_is_size_line (const char *line)
{
  const char *eq = strchr (line, '=');
  if (eq == NULL || eq == line || eq[1] == '\0')
    return FALSE;
  for (const char *p = line; p < eq; p++)
    if (!g_ascii_islower (*p) && *p != '_')
      return FALSE;
  for (const char *p = eq + 1; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static void
ref_finish (RefDump *ref)
{
  GHashTable *roots = g_hash_table_new (g_str_hash, g_str_equal);
  guint head = 0;

  ref->root = ref_sym (ref, "_");
  for (guint i = 0; i < ref->edges->len; i++)
    {
      RefEdge *e = &g_array_index (ref->edges, RefEdge, i);
      RefSym *from = ref_sym (ref, e->from);
      RefSym *to = ref_sym (ref, e->to);
      from->flags |= e->from_flags;
      to->flags |= e->to_flags;
      ref_link (from->children, to, e->kind);
      ref_link (to->parents, from, e->kind);
      if (e->kind == DV_EDGE_ROOT)
        g_hash_table_add (roots, e->to);
    }
  ref->n_roots = g_hash_table_size (roots);
  g_hash_table_unref (roots);

  /* Breadth-first from "_", each node's edges in file order. */
  ref->root->dist = 0;
  g_ptr_array_add (ref->bfs, ref->root);
  while (head < ref->bfs->len)
    {
      RefSym *sym = g_ptr_array_index (ref->bfs, head++);
      for (guint i = 0; i < sym->children->len; i++)
        {
          RefLink *l = g_ptr_array_index (sym->children, i);
          if (l->sym->dist != G_MAXUINT)
            continue;
          l->sym->dist = sym->dist + 1;
          l->sym->bfs_parent = sym;
          l->sym->bfs_via = l->kind;
          l->sym->bfs_order = ref->bfs->len;
          g_ptr_array_add (ref->bfs, l->sym);
        }
    }
  ref->n_reachable = ref->bfs->len - 1;
}

static G_GNUC_UNUSED RefDump *
ref_dump_parse (const char *data, gsize len)
{
  RefDump *ref = g_new0 (RefDump, 1);
  GHashTable *known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gssize prev_edge = -1;  /* the dep edge a continuation line would extend */
  gsize pos = 0;

  ref->edges = g_array_new (FALSE, TRUE, sizeof (RefEdge));
  ref->sections = g_ptr_array_new_with_free_func (g_free);
  ref->size_keys = g_ptr_array_new_with_free_func (g_free);
  ref->size_values = g_array_new (FALSE, FALSE, sizeof (guint64));
  ref->unreadable = g_array_new (FALSE, FALSE, sizeof (guint64));
  ref->syms = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, ref_sym_free);
  ref->sym_order = g_ptr_array_new ();
  ref->bfs = g_ptr_array_new ();
  ref->bytes = len;

  while (pos < len)
    {
      const char *start = data + pos;
      const char *nl = memchr (start, '\n', len - pos);
      gsize line_len = nl ? (gsize) (nl - start) : len - pos;
      g_autofree char *line = NULL;
      gssize split;
      guint64 lineno = ++ref->lines;

      pos += line_len + (nl ? 1 : 0);
      if (line_len > 0 && start[line_len - 1] == '\r')
        line_len--;
      if (memchr (start, '\0', line_len) != NULL)
        {
          g_array_append_val (ref->unreadable, lineno);
          prev_edge = -1;
          continue;
        }
      line = g_strndup (start, line_len);
      if (line[strspn (line, " \t")] == '\0')
        {
          prev_edge = -1;
          continue;
        }
      if (ref_has_prefix (line, "# "))
        {
          g_ptr_array_add (ref->sections, g_strdup (line + 2));
          prev_edge = -1;
          continue;
        }

      split = ref_find_split (ref, known, line, " -> ");
      if (split >= 0)
        {
          RefEdge e = { 0 };
          gsize right = (gsize) split + 4;
          e.from = g_strndup (line, split);
          e.from_flags = ref_strip_flags (e.from);
          e.to_raw = g_strdup (line + right);
          e.kind = strcmp (e.from, "_") == 0 ? DV_EDGE_ROOT : DV_EDGE_DEP;
          e.line = lineno;
          ref_set_target (&e, known);
          g_array_append_val (ref->edges, e);
          prev_edge = ref->edges->len - 1;
          ref->dep_edges++;
          if (e.kind == DV_EDGE_ROOT)
            ref->root_edges++;
          continue;
        }
      split = ref_find_split (ref, known, line, " calls ");
      if (split >= 0)
        {
          RefEdge e = { 0 };
          e.from = g_strndup (line, split);
          e.from_flags = ref_strip_flags (e.from);
          e.to_raw = g_strdup (line + split + 7);
          e.kind = DV_EDGE_CALL;
          e.line = lineno;
          ref_set_target (&e, known);
          g_array_append_val (ref->edges, e);
          prev_edge = -1;
          ref->call_edges++;
          continue;
        }
      if (ref_is_size_line (line))
        {
          const char *eq = strchr (line, '=');
          guint64 v = g_ascii_strtoull (eq + 1, NULL, 10);
          g_ptr_array_add (ref->size_keys, g_strndup (line, eq - line));
          g_array_append_val (ref->size_values, v);
          prev_edge = -1;
          continue;
        }
      if (prev_edge >= 0)
        {
          RefEdge *e = &g_array_index (ref->edges, RefEdge, prev_edge);
          char *joined = g_strconcat (e->to_raw, "\n", line, NULL);
          if (e->added_known)
            g_hash_table_remove (known, e->to);
          g_free (e->to_raw);
          e->to_raw = joined;
          ref_set_target (e, known);
          ref->continuations++;
          continue;
        }
      g_array_append_val (ref->unreadable, lineno);
    }

  g_hash_table_unref (known);
  ref_finish (ref);
  return ref;
}

static G_GNUC_UNUSED void
ref_dump_free (RefDump *ref)
{
  for (guint i = 0; i < ref->edges->len; i++)
    {
      RefEdge *e = &g_array_index (ref->edges, RefEdge, i);
      g_free (e->from);
      g_free (e->to);
      g_free (e->to_raw);
    }
  g_array_unref (ref->edges);
  g_ptr_array_unref (ref->sections);
  g_ptr_array_unref (ref->size_keys);
  g_array_unref (ref->size_values);
  g_array_unref (ref->unreadable);
  g_ptr_array_unref (ref->sym_order);
  g_ptr_array_unref (ref->bfs);
  g_hash_table_unref (ref->syms);
  if (ref->pkgs)
    {
      g_hash_table_unref (ref->pkgs);
      g_ptr_array_unref (ref->pkg_order);
    }
  g_free (ref);
}

/* The whole file, gunzipped with GIO's own converter when it is gzip. */
static G_GNUC_UNUSED GBytes *
ref_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, &error))
    g_error ("%s: %s", path, error->message);
  if (len >= 2 && (guchar) contents[0] == 0x1f && (guchar) contents[1] == 0x8b)
    {
      g_autoptr(GInputStream) raw = g_memory_input_stream_new_from_data (g_steal_pointer (&contents), len, g_free);
      g_autoptr(GZlibDecompressor) z = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
      g_autoptr(GInputStream) in = g_converter_input_stream_new (raw, G_CONVERTER (z));
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
      if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error) < 0)
        g_error ("%s: %s", path, error->message);
      return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
    }
  return g_bytes_new_take (g_steal_pointer (&contents), len);
}

static G_GNUC_UNUSED RefSym *
ref_lookup (RefDump *ref, const char *name)
{
  return g_hash_table_lookup (ref->syms, name);
}

/* Whether the dump has the line "from -> to" (or "from calls to"). */
static G_GNUC_UNUSED gboolean
ref_has_edge (RefDump *ref, const char *from, const char *to, DvEdgeKind kind)
{
  RefSym *f = ref_lookup (ref, from);
  if (f == NULL)
    return FALSE;
  for (guint i = 0; i < f->children->len; i++)
    {
      RefLink *l = g_ptr_array_index (f->children, i);
      if (l->kind == kind && strcmp (l->sym->name, to) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Fixture paths. */
static G_GNUC_UNUSED char *
ref_fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

/* The fixtures of every Go version in tests/data, and their test paths. */
static G_GNUC_UNUSED const char *const ref_version_fixtures[][2] = {
  { "go1.19/hello", "hello-go1.19.deps.txt" },
  { "go1.19/hazards", "hazards-go1.19.deps.txt" },
  { "go1.21/hazards", "hazards-go1.21.deps.txt" },
  { "go1.21/modern", "modern-go1.21.deps-and-calls.txt.gz" },
  { "go1.22/hazards", "hazards-go1.22.deps.txt" },
  { "go1.22/modern", "modern-go1.22.deps-and-calls.txt.gz" },
  { "go1.23/hazards", "hazards-go1.23.deps.txt" },
  { "go1.23/modern", "modern-go1.23.deps-and-calls.txt.gz" },
  { "go1.24/hazards", "hazards-go1.24.deps.txt.gz" },
  { "go1.24/modern", "modern-go1.24.deps-and-calls.txt.gz" },
  { "go1.25/hazards", "hazards-go1.25.deps.txt.gz" },
  { "go1.25/modern", "modern-go1.25.deps-and-calls.txt.gz" },
  { "go1.26/hazards", "hazards-go1.26.deps.txt.gz" },
  { "go1.26/modern", "modern-go1.26.deps-and-calls.txt.gz" },
  { "go1.27/hazards", "hazards-go1.27.deps.txt.gz" },
  { "go1.27/modern", "modern-go1.27.deps-and-calls.txt.gz" },
};

/* A file of the shared test data, or NULL (and the test skipped). */
static G_GNUC_UNUSED char *
ref_shared_file (const char *name)
{
  const char *dir = g_getenv ("DV_SHARED_TESTDATA");
  char *path;
  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("DV_SHARED_TESTDATA is not a directory");
      return NULL;
    }
  path = g_build_filename (dir, name, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("shared test data file missing");
      g_clear_pointer (&path, g_free);
    }
  return path;
}
