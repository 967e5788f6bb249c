/* dv-names.c: what a Go linker symbol name says about itself: its package,
 * its kind, and a short label. Pure functions over bytes; no graph needed. */
#include "dv-graph.h"
#include "dv-names-private.h"

#include <string.h>

static gboolean
has_prefix (const char *s, gsize len, const char *prefix, gsize plen)
{
  return len >= plen && memcmp (s, prefix, plen) == 0;
}

static gboolean
has_suffix (const char *s, gsize len, const char *suffix)
{
  gsize slen = strlen (suffix);
  return len >= slen && memcmp (s + len - slen, suffix, slen) == 0;
}

/* The metadata suffixes all start with a dot after the last dot-free run:
 * only names whose last element is one of them can match. */
static gboolean
has_metadata_suffix (const char *s, gsize len, const char *const *list)
{
  const char *dot = len ? memrchr (s, '.', len) : NULL;
  if (dot == NULL)
    return FALSE;
  gsize tail = len - (gsize) (dot - s);
  if (tail < 2)
    return FALSE; /* every suffix is a dot and a word */
  for (guint i = 0; list[i] != NULL; i++)
    if (list[i][1] == dot[1] && strlen (list[i]) == tail && memcmp (dot, list[i], tail) == 0)
      return TRUE;
  return FALSE;
}

#define HAS_PREFIX(s, len, lit) has_prefix ((s), (len), (lit), sizeof (lit) - 1)

/* "type." in Go <= 1.19, "type:" from 1.20; same for "go." and "go:". */
static gsize
skip_type_prefix (const char *s, gsize len)
{
  if (HAS_PREFIX (s, len, "type.") || HAS_PREFIX (s, len, "type:"))
    return 5;
  return 0;
}

/* Prefixes of symbols that wrap another symbol's name: DWARF entries and
 * runtime helpers. The wrapped name says the package. */
static const char *const dwarf_prefixes[] = {
  "go.info.", "go:info.", "go.loc.", "go:loc.", "go.range.", "go:range.",
  "go.debuglines.", "go:debuglines.", "go.cuinfo.", "go:cuinfo.",
  "go.debugframe.", "go:debugframe.", "go.debuglocs.", "go:debuglocs.",
  "go.debugranges.", "go:debugranges.", "go.pcinfo.", "go:pcinfo.",
  NULL
};

/* 1.19 spells these "go.X."; real import paths such as go.etcd.io also
 * start with "go.", so only these exact words count as compiler prefixes. */
static const char *const go_data_prefixes[] = {
  "go.string.", "go:string.", "go.itab.", "go:itab.", "go.shape.", "go:shape.",
  "go.builtin.", "go:builtin.", "go.func.", "go:func.", "go.importpath.", "go:importpath.",
  "go.struct ", "go:struct ", "go.interface ", "go:interface ", "go.(", "go:(",
  "go.buildid", "go:buildid", "go.map.", "go:map.", "go.constinfo.", "go:constinfo.",
  "go.fipsinfo", "go:fipsinfo", "go.main.", "go:main.", "go.link.", "go:link.",
  "go.runtime.", "go:runtime.", "go.sehuw.", "go:sehuw.",
  NULL
};

static gsize
match_prefix_list (const char *s, gsize len, const char *const *list)
{
  /* every listed prefix starts with "go." or "go:"; most names do not */
  if (len < 4 || s[0] != 'g' || s[1] != 'o' || (s[2] != '.' && s[2] != ':'))
    return 0;
  for (guint i = 0; list[i] != NULL; i++)
    {
      /* every prefix has a fourth byte; import paths such as go.etcd.io
       * match none of them there */
      if (list[i][3] != s[3])
        continue;
      gsize plen = strlen (list[i]);
      if (has_prefix (s, len, list[i], plen))
        return plen;
    }
  return 0;
}

/* Characters that cannot be part of an import path: the path ends at the
 * first of them, which keeps "/" inside generic brackets out of the rule. */
static gboolean
ends_path (char c)
{
  return c == '(' || c == '[' || c == ' ' || c == '*' || c == '"' || c == ','
         || c == '{' || c == '}' || c == ';' || c == ']' || c == ')';
}

/* The rule from the format notes: the package is the text before the first
 * "." that follows the last "/". Returns the length of the package in s, or
 * 0 when there is none. */
static gsize
package_prefix_len (const char *s, gsize len)
{
  gsize end = 0;
  gssize last_slash = -1;

  while (end < len && !ends_path (s[end]))
    {
      if (s[end] == '/')
        last_slash = (gssize) end;
      end++;
    }
  for (gsize i = (gsize) (last_slash + 1); i < end; i++)
    if (s[i] == '.')
      return i;
  return 0;
}

/* Strips the shape of a type expression down to the named type inside:
 * "*[]map[string]*os.File" gives "*os.File"'s name part "os.File". Returns
 * the offset of the named type, or -1 for unnamed types (func, struct,
 * interface, basic types are caught by package_prefix_len finding no dot). */
static gssize
skip_type_shape (const char *s, gsize len)
{
  gsize i = 0;

  for (;;)
    {
      if (i < len && s[i] == '*')
        i++;
      else if (i + 1 < len && s[i] == '[' && s[i + 1] == ']')
        i += 2;
      else if (i < len && s[i] == '[')
        {
          /* array: [N]T */
          gsize j = i + 1;
          while (j < len && g_ascii_isdigit (s[j]))
            j++;
          if (j < len && s[j] == ']' && j > i + 1)
            i = j + 1;
          else
            return -1;
        }
      else if (has_prefix (s + i, len - i, "chan ", 5))
        i += 5;
      else if (has_prefix (s + i, len - i, "<-chan ", 7))
        i += 7;
      else if (has_prefix (s + i, len - i, "chan<- ", 7))
        i += 7;
      else if (has_prefix (s + i, len - i, "map[", 4))
        {
          /* the key type says more about where a map comes from */
          i += 4;
        }
      else if (has_prefix (s + i, len - i, "noalg.", 6))
        i += 6;
      else
        break;
    }
  if (has_prefix (s + i, len - i, "func(", 5)
      || has_prefix (s + i, len - i, "struct {", 8)
      || has_prefix (s + i, len - i, "interface {", 11)
      || has_prefix (s + i, len - i, "struct {}", 9)
      /* the runtime's map internals: map.bucket[K]V, map.hdr[K]V */
      || has_prefix (s + i, len - i, "map.", 4))
    return -1;
  /* a predeclared type followed by a suffix ("[7]string.arginfo1") is no package */
  static const char *const builtins[] = {
    "bool", "string", "int", "int8", "int16", "int32", "int64", "uint", "uint8",
    "uint16", "uint32", "uint64", "uintptr", "float32", "float64", "complex64",
    "complex128", "byte", "rune", "error", "any", NULL
  };
  for (guint b = 0; builtins[b] != NULL; b++)
    {
      gsize bl = strlen (builtins[b]);
      if (has_prefix (s + i, len - i, builtins[b], bl) && (i + bl == len || s[i + bl] == '.'))
        return -1;
    }
  return (gssize) i;
}

static char *
unescape_path (const char *s, gsize len)
{
  /* The linker escapes "." in the last path element, and some bytes, as %xx. */
  GString *out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      if (s[i] == '%' && i + 2 < len && g_ascii_isxdigit (s[i + 1]) && g_ascii_isxdigit (s[i + 2]))
        {
          g_string_append_c (out, (char) (g_ascii_xdigit_value (s[i + 1]) * 16
                                          + g_ascii_xdigit_value (s[i + 2])));
          i += 2;
        }
      else
        g_string_append_c (out, s[i]);
    }
  return g_string_free (out, FALSE);
}

/* Where the name that says the package starts, and how long it is, after
 * wrappers are removed. Returns FALSE when the symbol has no package. */
static gboolean
package_span (const char *name, gsize len, gsize *pkg_start, gsize *pkg_len)
{
  const char *s = name;
  gsize n = len;
  gsize skip;

  /* constants pooled by the compiler: $f64.3eb0000000000000 */
  if (n > 0 && s[0] == '$')
    return FALSE;
  /* the cold half of a C function (cgo): x_cgo_munmap.cold */
  if (has_suffix (s, n, ".cold") && memchr (s, '/', n) == NULL
      && memchr (s, '.', n - 5) == NULL)
    return FALSE;
  if ((skip = match_prefix_list (s, n, dwarf_prefixes)) != 0)
    {
      s += skip;
      n -= skip;
      if (has_suffix (s, n, "$abstract"))
        n -= 9;
      /* DWARF names of types are type strings: go.info.*os.File */
      gssize t = skip_type_shape (s, n);
      if (t < 0)
        return FALSE;
      s += t;
      n -= (gsize) t;
    }

  if (HAS_PREFIX (s, n, "go.itab.") || HAS_PREFIX (s, n, "go:itab."))
    {
      /* go.itab.*os.File,io.Writer: the concrete type's package */
      s += 8;
      n -= 8;
      gssize t = skip_type_shape (s, n);
      if (t < 0)
        return FALSE;
      s += t;
      n -= (gsize) t;
    }
  else if (match_prefix_list (s, n, go_data_prefixes) != 0)
    return FALSE;
  else if (HAS_PREFIX (s, n, "gclocals") || HAS_PREFIX (s, n, "runtime.gcbits."))
    {
      if (HAS_PREFIX (s, n, "runtime.gcbits."))
        {
          *pkg_start = (gsize) (s - name);
          *pkg_len = 7;
          return TRUE;
        }
      return FALSE;
    }
  else if ((skip = skip_type_prefix (s, n)) != 0)
    {
      s += skip;
      n -= skip;
      if (HAS_PREFIX (s, n, ".importpath."))
        {
          /* type..importpath.regexp. names the package itself */
          s += 12;
          n -= 12;
          if (n > 0 && s[n - 1] == '.')
            n--;
          *pkg_start = (gsize) (s - name);
          *pkg_len = n;
          return n > 0;
        }
      if (HAS_PREFIX (s, n, ".namedata."))
        {
          /* namedata holds a package's name, not its path ("*reflectlite.rtype-"
           * is internal/reflectlite), or a field name and its tag */
          return FALSE;
        }
      else if (HAS_PREFIX (s, n, ".eq.") || HAS_PREFIX (s, n, ".hash."))
        {
          gsize k = s[1] == 'e' ? 4 : 6;
          s += k;
          n -= k;
        }
      else if (HAS_PREFIX (s, n, ".eqfunc.") || HAS_PREFIX (s, n, ".hashfunc."))
        {
          gsize k = s[1] == 'e' ? 8 : 10;
          s += k;
          /* eqfunc of a size ("type..eqfunc24") has no package */
          n -= k;
        }
      else if (HAS_PREFIX (s, n, ".gcprog.") || HAS_PREFIX (s, n, ".gcbits."))
        return FALSE;
      else if (n > 0 && s[0] == '.')
        return FALSE;
      gssize t = skip_type_shape (s, n);
      if (t < 0)
        return FALSE;
      s += t;
      n -= (gsize) t;
    }

  /* shape types of generics belong to no package: type:go.shape.int */
  if (HAS_PREFIX (s, n, "go.shape.") || HAS_PREFIX (s, n, "go:shape."))
    return FALSE;
  gsize plen = package_prefix_len (s, n);
  /* "go" is no import path: go.(*struct { io.Reader }).Read is the
   * compiler's (go/ast and go.etcd.io have a slash or a dot after it) */
  if (plen == 0 || (plen == 2 && s[0] == 'g' && s[1] == 'o'))
    return FALSE;
  *pkg_start = (gsize) (s - name);
  *pkg_len = plen;
  return TRUE;
}

char *
dv_symbol_name_package (const char *name, gsize len)
{
  gsize start, plen;

  if (!package_span (name, len, &start, &plen))
    return NULL;
  return unescape_path (name + start, plen);
}

gboolean
dv_names_package_span (const char *name, gsize len, gsize *start, gsize *plen)
{
  return package_span (name, len, start, plen);
}

char *
dv_names_unescape_path (const char *s, gsize len)
{
  return unescape_path (s, len);
}

static const char *const metadata_suffixes[] = {
  ".stkobj", ".arginfo0", ".arginfo1", ".argliveinfo", ".args_stackmap",
  ".opendefer", ".inittask", ".wrapinfo", ".rcvrinstr", NULL
};

/* The kind of a name, and where its package is: one pass for both, as the
 * loader needs both for every symbol. */
DvSymbolKind
dv_names_classify (const char *name, gsize len, gboolean *has_package, gsize *start, gsize *plen)
{
  gsize skip;
  DvSymbolKind kind = DV_SYMBOL_KIND_FUNCTION;

  *has_package = FALSE;
  if (len == 0 || (len == 1 && name[0] == '_'))
    return DV_SYMBOL_KIND_OTHER;
  if (match_prefix_list (name, len, dwarf_prefixes) != 0)
    kind = DV_SYMBOL_KIND_DWARF;
  else if (HAS_PREFIX (name, len, "go.string.") || HAS_PREFIX (name, len, "go:string."))
    kind = DV_SYMBOL_KIND_STRING;
  else if (HAS_PREFIX (name, len, "go.itab.") || HAS_PREFIX (name, len, "go:itab."))
    kind = DV_SYMBOL_KIND_ITAB;
  else if (HAS_PREFIX (name, len, "gclocals") || HAS_PREFIX (name, len, "runtime.gcbits.")
           || HAS_PREFIX (name, len, "go.shape.") || HAS_PREFIX (name, len, "go:shape.")
           || HAS_PREFIX (name, len, "go.importpath.") || HAS_PREFIX (name, len, "go:importpath.")
           || HAS_PREFIX (name, len, "go.func.") || HAS_PREFIX (name, len, "go:func.")
           || HAS_PREFIX (name, len, "go.buildid") || HAS_PREFIX (name, len, "go:buildid")
           || HAS_PREFIX (name, len, "go.constinfo.") || HAS_PREFIX (name, len, "go:constinfo."))
    kind = DV_SYMBOL_KIND_METADATA;
  else if ((skip = skip_type_prefix (name, len)) != 0)
    {
      const char *s = name + skip;
      gsize n = len - skip;
      if (HAS_PREFIX (s, n, ".eq.") || HAS_PREFIX (s, n, ".hash."))
        kind = DV_SYMBOL_KIND_FUNCTION;
      else if (n > 0 && s[0] == '.')
        kind = DV_SYMBOL_KIND_METADATA; /* namedata, importpath, eqfunc, gcprog */
      else
        kind = DV_SYMBOL_KIND_TYPE;
    }
  else
    {
      if (has_metadata_suffix (name, len, metadata_suffixes))
        kind = DV_SYMBOL_KIND_METADATA;
    }

  *has_package = package_span (name, len, start, plen);
  if (kind == DV_SYMBOL_KIND_FUNCTION && !*has_package && skip_type_prefix (name, len) == 0)
    return DV_SYMBOL_KIND_OTHER;
  /* pkg..stmp_N, pkg..dict.F[T], pkg..inittask: compiler-made data */
  if (kind == DV_SYMBOL_KIND_FUNCTION && *has_package && skip_type_prefix (name, len) == 0
      && *start + *plen + 1 < len && name[*start + *plen + 1] == '.')
    return DV_SYMBOL_KIND_METADATA;
  return kind;
}

/* Per-function metadata that the linker deduplicates by content: one symbol
 * with the first function's name serves every function with the same bytes. */
static const char *const content_shared_suffixes[] = {
  ".stkobj", ".arginfo0", ".arginfo1", ".argliveinfo", ".args_stackmap", ".opendefer",
  ".wrapinfo", NULL
};

gboolean
dv_symbol_name_content_addressable (const char *name, gsize len)
{
  gsize skip;

  /* pooled constants: $f64.3eb0000000000000, $i128.… */
  if (len > 0 && name[0] == '$')
    return TRUE;
  if (HAS_PREFIX (name, len, "gclocals") || HAS_PREFIX (name, len, "runtime.gcbits.")
      || HAS_PREFIX (name, len, "go.string.") || HAS_PREFIX (name, len, "go:string.")
      || HAS_PREFIX (name, len, "go.itab.") || HAS_PREFIX (name, len, "go:itab.")
      || HAS_PREFIX (name, len, "go.sehuw.") || HAS_PREFIX (name, len, "go:sehuw."))
    return TRUE;
  if ((skip = skip_type_prefix (name, len)) != 0)
    {
      const char *s = name + skip;
      gsize n = len - skip;
      if (HAS_PREFIX (s, n, ".namedata.") || HAS_PREFIX (s, n, ".importpath.")
          || HAS_PREFIX (s, n, ".gcprog."))
        return TRUE;
      /* the metadata of a generated function: type:.eq.main.Pair[string,int].arginfo1 */
      return has_metadata_suffix (name, len, content_shared_suffixes);
    }
  /* read-only temporaries: encoding/json..stmp_25 */
  if (len > 7 && memmem (name, len, "..stmp_", 7) != NULL)
    return TRUE;
  return has_metadata_suffix (name, len, content_shared_suffixes);
}

DvNameRole
dv_names_role (const char *name, gsize len, DvSymbolKind kind, gboolean has_package)
{
  if (!has_package || dv_symbol_name_content_addressable (name, len))
    return DV_NAME_ROLE_NONE;
  switch (kind)
    {
    case DV_SYMBOL_KIND_TYPE:
      return DV_NAME_ROLE_TYPE;
    case DV_SYMBOL_KIND_FUNCTION:
      /* type:.eq.T and type:.hash.T come with the type, made wherever needed */
      return skip_type_prefix (name, len) != 0 ? DV_NAME_ROLE_TYPE : DV_NAME_ROLE_CODE;
    case DV_SYMBOL_KIND_METADATA:
      {
        /* what the package's own code made: pkg..inittask, pkg..dict.F[T],
         * pkg..gobytes.1, pkg..typeAssert.0, pkg..interfaceSwitch.0 */
        gsize start, plen;
        if (skip_type_prefix (name, len) == 0 && package_span (name, len, &start, &plen)
            && start == 0 && plen + 2 < len && name[plen] == '.' && name[plen + 1] == '.')
          return DV_NAME_ROLE_CODE;
        return DV_NAME_ROLE_NONE;
      }
    case DV_SYMBOL_KIND_ITAB:
    case DV_SYMBOL_KIND_STRING:
    case DV_SYMBOL_KIND_DWARF:
    case DV_SYMBOL_KIND_OTHER:
    case DV_SYMBOL_KIND_N:
    default:
      return DV_NAME_ROLE_NONE;
    }
}

DvSymbolKind
dv_symbol_name_kind (const char *name, gsize len)
{
  gboolean has;
  gsize start, plen;
  return dv_names_classify (name, len, &has, &start, &plen);
}

char *
dv_symbol_name_short (const char *name, gsize len)
{
  gsize start, plen;

  if (len == 0)
    return g_strdup ("(unnamed)");
  if (package_span (name, len, &start, &plen))
    {
      /* Keep what wraps the name ("type.*", "go.info.") so that a type and
       * its DWARF entry do not get the same label. */
      GString *out = g_string_sized_new (len);
      const char *pkg_end = name + start + plen;
      const char *slash = NULL;
      for (const char *p = name + start; p < pkg_end; p++)
        if (*p == '/')
          slash = p;
      const char *elem = slash != NULL ? slash + 1 : name + start;
      g_autofree char *pkg = unescape_path (elem, (gsize) (pkg_end - elem));
      g_string_append_len (out, name, (gssize) start);
      g_string_append (out, pkg);
      g_string_append_len (out, pkg_end, (gssize) (name + len - pkg_end));
      return g_string_free (out, FALSE);
    }
  return g_strndup (name, len);
}

/* The first element of an import path may be a domain ("go.etcd.io"):
 * lower-case letters, digits, '-' and '.' up to a '/'. */
static gsize
domain_len (const char *s, gsize len)
{
  gsize i = 0;

  if (len == 0 || !(g_ascii_islower (s[0]) || g_ascii_isdigit (s[0])))
    return 0;
  while (i < len && (g_ascii_islower (s[i]) || g_ascii_isdigit (s[i]) || s[i] == '-' || s[i] == '.'))
    i++;
  return i < len && s[i] == '/' ? i : 0;
}

/* An import path with at least one '/' at s: its length, and where its last
 * element starts; 0 when s starts no such path. Elements after the first
 * end at '/', at '.' (the path's end) or at a character no path holds. */
static gsize
path_at (const char *s, gsize len, gboolean allow_domain, gsize *last)
{
  gsize i = allow_domain ? domain_len (s, len) : 0;
  gboolean slash = FALSE;

  for (;;)
    {
      while (i < len && s[i] != '/' && s[i] != '.' && !ends_path (s[i]) && s[i] != ':')
        i++;
      if (i < len && s[i] == '/' && i + 1 < len)
        {
          slash = TRUE;
          *last = ++i;
          continue;
        }
      break;
    }
  return slash && i > *last ? i : 0;
}

char *
dv_symbol_name_readable (const char *name, gsize len)
{
  GString *out;
  gsize i, start, plen, last = 0;

  if (len == 0)
    return g_strdup ("(unnamed)");

  /* a name of no package (strings, gclocals·<hash>) has no path to cut */
  if (!package_span (name, len, &start, &plen))
    return g_strndup (name, len);

  /* the first path by the core's rule, which knows the wrappers */
  out = g_string_sized_new (len);
  g_string_append_len (out, name, (gssize) start);
  for (gsize k = start; k < start + plen; k++)
    if (name[k] == '/')
      last = k + 1 - start;
  {
    g_autofree char *elem = unescape_path (name + start + last, plen - last);
    g_string_append (out, elem);
  }
  i = start + plen;

  /* A path starts a name, follows a character no path holds ("[", "*",
   * ","), or follows a dot: a promoted method carries the path of the
   * package that declares it, "descriptor.(*FileOptions).github.com/gogo/protobuf/proto.extensionsRead".
   * After a dot a domain counts only behind a type ("(*T)." or "T."), so
   * "type:.eq.net/http.x" keeps its "eq". */
  gboolean at_start = FALSE;
  gboolean domain_ok = TRUE;
  while (i < len)
    {
      if (at_start && (plen = path_at (name + i, len - i, domain_ok, &last)) != 0)
        {
          g_autofree char *elem = unescape_path (name + i + last, plen - last);
          g_string_append (out, elem);
          i += plen;
          at_start = FALSE;
          continue;
        }
      char c = name[i];
      g_string_append_c (out, c);
      i++;
      at_start = ends_path (c) || c == '.' || c == ':';
      if (c == '.')
        {
          /* the element before this dot: ")" or an exported name */
          gssize k = (gssize) i - 2;
          while (k >= 0 && name[k] != '.' && !ends_path (name[k]))
            k--;
          domain_ok = (i >= 2 && name[i - 2] == ')') ||
                      ((gsize) (k + 1) < i - 1 && g_ascii_isupper (name[k + 1]));
        }
      else
        domain_ok = TRUE;
    }
  return g_string_free (out, FALSE);
}

const char *
dv_symbol_kind_to_string (DvSymbolKind kind)
{
  switch (kind)
    {
    case DV_SYMBOL_KIND_FUNCTION: return "function";
    case DV_SYMBOL_KIND_TYPE:     return "type";
    case DV_SYMBOL_KIND_ITAB:     return "itab";
    case DV_SYMBOL_KIND_STRING:   return "string";
    case DV_SYMBOL_KIND_METADATA: return "metadata";
    case DV_SYMBOL_KIND_DWARF:    return "dwarf";
    case DV_SYMBOL_KIND_OTHER:
    case DV_SYMBOL_KIND_N:
    default:                      return "other";
    }
}

const char *
dv_package_link_to_string (DvPackageLink link)
{
  switch (link)
    {
    case DV_PACKAGE_LINK_CODE:       return "code";
    case DV_PACKAGE_LINK_TYPES_ONLY: return "types only";
    case DV_PACKAGE_LINK_NO:
    default:                         return "no";
    }
}

const char *
dv_edge_kind_to_string (DvEdgeKind kind)
{
  switch (kind)
    {
    case DV_EDGE_ROOT: return "root";
    case DV_EDGE_DEP:  return "dep";
    case DV_EDGE_CALL: return "call";
    default:           return "dep";
    }
}

gboolean
dv_names_is_namedata (const char *name, gsize len)
{
  return (len >= 15 && (memcmp (name, "type..namedata.", 15) == 0
                        || memcmp (name, "type:.namedata.", 15) == 0));
}

static gboolean
strip_suffix (const char *name, gsize *len, const char *suffix, gsize slen)
{
  if (*len >= slen && memcmp (name + *len - slen, suffix, slen) == 0)
    {
      *len -= slen;
      return TRUE;
    }
  return FALSE;
}

DvSymbolFlags
dv_names_strip_flags (const char *name, gsize *len)
{
  gsize n = *len;
  DvSymbolFlags flags = 0;

  /* hazard 3: namedata names hold a raw struct tag that may end in text
   * that looks like a flag; the linker only flags type and func symbols */
  if (dv_names_is_namedata (name, n))
    return 0;
  if (strip_suffix (name, &n, "<ReflectMethod>", 15))
    flags |= DV_SYMBOL_FLAG_REFLECT_METHOD;
  if (strip_suffix (name, &n, "<UsedInIface>", 13))
    flags |= DV_SYMBOL_FLAG_USED_IN_IFACE;
  /* flags follow one space; without it the text is part of the name */
  if (flags == 0 || n == 0 || name[n - 1] != ' ')
    return 0;
  *len = n - 1;
  return flags;
}
