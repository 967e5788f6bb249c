/* dv-graph.h: the DepView core. A Go linker -dumpdep dump read into an
 * immutable, indexed graph, and the keep-alive engine that answers
 * "why is X live?". No GTK in here; GLib/GIO only.
 *
 * Threading: loading may run in any thread. A loaded DvGraph is immutable
 * and may be read from several threads at once; it is reference counted. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef guint32 DvSymbolId;
typedef guint32 DvPackageId;

#define DV_SYMBOL_NONE  ((DvSymbolId) G_MAXUINT32)
#define DV_PACKAGE_NONE ((DvPackageId) G_MAXUINT32)
#define DV_DEPTH_UNREACHABLE G_MAXUINT32

typedef enum {
  DV_EDGE_ROOT = 0, /* "_ -> X": X is a root */
  DV_EDGE_DEP  = 1, /* "A -> B": B was kept because A refers to it */
  DV_EDGE_CALL = 2, /* "A calls B": a direct call (from -dumpdep -c) */
} DvEdgeKind;

typedef enum {
  DV_SYMBOL_FLAG_NONE            = 0,
  DV_SYMBOL_FLAG_USED_IN_IFACE   = 1 << 0,
  DV_SYMBOL_FLAG_REFLECT_METHOD  = 1 << 1,
} DvSymbolFlags;

typedef enum {
  DV_SYMBOL_KIND_FUNCTION, /* code (and package-level variables: the dump does not tell them apart) */
  DV_SYMBOL_KIND_TYPE,     /* type descriptors: type.X, type:X */
  DV_SYMBOL_KIND_ITAB,     /* go.itab.T,I */
  DV_SYMBOL_KIND_STRING,   /* go.string."..." */
  DV_SYMBOL_KIND_METADATA, /* gclocals, stkobj, arginfo, namedata, inittask, stmp, dict, ... */
  DV_SYMBOL_KIND_DWARF,    /* go.info.X, go.loc.X, ... */
  DV_SYMBOL_KIND_OTHER,    /* the root "_", the empty name, names without a package */
  DV_SYMBOL_KIND_N
} DvSymbolKind;

/* Four bytes an edge: the largest dumps have tens of millions of them. */
typedef struct {
  guint32 symbol : 30; /* DvSymbolId of the other end */
  guint32 kind   : 2;  /* DvEdgeKind */
} DvEdge;

/* DvEdge.symbol holds 30 bits: the largest symbol id plus one, and the mask
 * that takes a symbol id out of a word whose top two bits hold the kind. */
#define DV_EDGE_SYMBOL_MASK 0x3fffffffu

typedef struct {
  guint64 lines;            /* physical lines in the input (of the binary read) */
  guint64 dep_edges;        /* "A -> B" lines, root lines included */
  guint64 root_edges;       /* "_ -> X" lines */
  guint64 call_edges;       /* "A calls B" lines */
  guint64 unreadable_lines; /* lines that are none of the shapes */
  guint64 doubtful_lines;   /* lines read one way that could be another: a
                             * struct tag continued by a line that looks like
                             * a call or size line; each is also a problem */
  guint64 bytes;            /* bytes of dump text (after gunzip), the whole file */
  guint   symbols;          /* distinct names, flags removed; "" counted, "_" not */
  guint   roots;            /* distinct symbols marked by "_" */
  guint   packages;         /* packages linked in: with live code or live types */
  guint   packages_types_only; /* of which only types are live */
  guint   reachable_symbols;/* symbols with a path from "_" over all edges */
} DvGraphStats;

typedef struct {
  guint64 line;      /* 1-based line number in the input */
  char   *message;   /* what was expected, in words */
  char   *excerpt;   /* the start of the line, valid UTF-8, control chars escaped */
} DvProblem;

typedef struct _DvGraph DvGraph;

#define DV_GRAPH_ERROR (dv_graph_error_quark ())
GQuark dv_graph_error_quark (void);

typedef enum {
  DV_GRAPH_ERROR_NOT_A_DUMP, /* nothing in the input is a dump line */
  DV_GRAPH_ERROR_EMPTY,      /* the input has no bytes, or only blank lines */
  DV_GRAPH_ERROR_CORRUPT,    /* gzip data that does not decompress */
  DV_GRAPH_ERROR_TOO_LARGE,  /* more symbols or edges than the index can address */
  DV_GRAPH_ERROR_SEVERAL_BINARIES, /* no binary chosen, and the file holds several */
  DV_GRAPH_ERROR_NO_SUCH_BINARY,   /* the chosen binary is not in the file */
} DvGraphError;

/* Called from the loader's reading thread (not the caller's), about every
 * megabyte of input and once at the end. bytes_read counts the file's bytes
 * (compressed, for gzip); bytes_total is 0 when the size is not known
 * (stdin, a pipe), and equals bytes_read in the last call then. */
typedef void (*DvProgressFunc) (guint64  bytes_read,
                                guint64  bytes_total,
                                gpointer user_data);

/* Loading. display_name names the input in messages ("deps.txt", "<stdin>").
 * gzip is recognised by its magic bytes. Returns NULL with error set on I/O
 * errors, cancellation (G_IO_ERROR_CANCELLED) or a file that is not a dump;
 * lines it cannot read are counted and kept as problems, not errors. */
DvGraph    *dv_graph_load_stream   (GInputStream   *stream,
                                    const char     *display_name,
                                    guint64         total_bytes,
                                    DvProgressFunc  progress,
                                    gpointer        progress_data,
                                    GCancellable   *cancellable,
                                    GError        **error);
DvGraph    *dv_graph_load_file     (GFile          *file,
                                    DvProgressFunc  progress,
                                    gpointer        progress_data,
                                    GCancellable   *cancellable,
                                    GError        **error);
/* path "-" reads standard input. */
DvGraph    *dv_graph_load_path     (const char     *path,
                                    GCancellable   *cancellable,
                                    GError        **error);
DvGraph    *dv_graph_load_data     (const void     *data,
                                    gsize           len,
                                    const char     *display_name,
                                    GError        **error);

/* Several binaries in one file: `go build -ldflags=-dumpdep ./cmd/...` writes
 * one "# path" section for each, and each is a graph of its own. A load reads
 * one binary: the one named in the options (every section with that path;
 * the lines of the others are skipped, their headers kept), or, with none
 * named, the file's only one. A file with several fails then with
 * DV_GRAPH_ERROR_SEVERAL_BINARIES, whose message lists them; a file with no
 * header (the linker run directly) is one binary. */
typedef struct {
  const char *binary;        /* a "# path" of the file, without "# "; NULL: the only one */
  guint64     memory_limit;  /* bytes the index may reach, 0 for no limit; a dump
                              * past it fails with DV_GRAPH_ERROR_TOO_LARGE */
} DvLoadOptions;

DvGraph    *dv_graph_load_stream_with_options (GInputStream        *stream,
                                               const char          *display_name,
                                               guint64              total_bytes,
                                               const DvLoadOptions *options,
                                               DvProgressFunc       progress,
                                               gpointer             progress_data,
                                               GCancellable        *cancellable,
                                               GError             **error);
DvGraph    *dv_graph_load_file_with_options   (GFile               *file,
                                               const DvLoadOptions *options,
                                               DvProgressFunc       progress,
                                               gpointer             progress_data,
                                               GCancellable        *cancellable,
                                               GError             **error);
DvGraph    *dv_graph_load_path_with_options   (const char          *path,
                                               const DvLoadOptions *options,
                                               GCancellable        *cancellable,
                                               GError             **error);
DvGraph    *dv_graph_load_data_with_options   (const void          *data,
                                               gsize                len,
                                               const char          *display_name,
                                               const DvLoadOptions *options,
                                               GError             **error);
/* The binaries of a file: its distinct "# path" headers in file order,
 * found without building a graph (empty for a file with no header).
 * NULL with error set on I/O errors. Free with g_strfreev. */
char      **dv_graph_list_binaries_stream     (GInputStream        *stream,
                                               const char          *display_name,
                                               GCancellable        *cancellable,
                                               GError             **error);
char      **dv_graph_list_binaries_file       (GFile               *file,
                                               GCancellable        *cancellable,
                                               GError             **error);

DvGraph    *dv_graph_ref           (DvGraph *graph);
void        dv_graph_unref         (DvGraph *graph);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DvGraph, dv_graph_unref)

const char *dv_graph_get_display_name (const DvGraph *graph);
const DvGraphStats *dv_graph_get_stats (const DvGraph *graph);

/* The binary read: the "# path" chosen, or the file's only one; NULL for a
 * file with no header. */
const char *dv_graph_get_binary     (const DvGraph *graph);
/* Every "# path" section header of the file (the binaries it holds, read or
 * not), in file order; the "key=value" size lines of the binary read. */
guint       dv_graph_get_n_sections (const DvGraph *graph);
const char *dv_graph_get_section    (const DvGraph *graph, guint i);
guint       dv_graph_get_n_sizes    (const DvGraph *graph);
const char *dv_graph_get_size       (const DvGraph *graph, guint i, guint64 *value);

/* The first few unreadable or doubtful lines (at most DV_GRAPH_MAX_PROBLEMS). */
#define DV_GRAPH_MAX_PROBLEMS 20
guint            dv_graph_get_n_problems (const DvGraph *graph);
const DvProblem *dv_graph_get_problem    (const DvGraph *graph, guint i);

/* Symbols: ids are dense, 0 .. n_symbols-1, in order of first appearance.
 * The root "_" is a node too (dv_graph_get_root), but not counted in stats. */
guint         dv_graph_get_n_symbols      (const DvGraph *graph);
DvSymbolId    dv_graph_get_root           (const DvGraph *graph);
const char   *dv_graph_symbol_name        (const DvGraph *graph, DvSymbolId id);
gsize         dv_graph_symbol_name_len    (const DvGraph *graph, DvSymbolId id);
DvSymbolFlags dv_graph_symbol_flags       (const DvGraph *graph, DvSymbolId id);
DvSymbolKind  dv_graph_symbol_kind        (const DvGraph *graph, DvSymbolId id);
DvPackageId   dv_graph_symbol_package     (const DvGraph *graph, DvSymbolId id);
/* Exact name, flags (" <UsedInIface>" ...) removed first if present. */
DvSymbolId    dv_graph_find_symbol        (const DvGraph *graph, const char *name, gssize len);

/* Edges, both ways, each list in file order, duplicates removed. Self-edges
 * ("runtime.args -> runtime.args": two ABI copies share a name) are kept. */
const DvEdge *dv_graph_children (const DvGraph *graph, DvSymbolId id, guint *n_edges);
const DvEdge *dv_graph_parents  (const DvGraph *graph, DvSymbolId id, guint *n_edges);

/* Packages: import paths, unescaped ("gopkg.in/yaml.v2").
 *
 * One rule decides which package a symbol belongs to, for every answer about
 * packages, counts and bytes: a symbol belongs to the package its name
 * carries when it is the package's function, method, closure, package
 * variable, inittask, dictionary or type. Content-addressable symbols
 * (dv_symbol_name_content_addressable) keep the name of whichever package's
 * copy the linker met first, so they belong to no package; nor do DWARF
 * entries, C code (x_cgo_munmap.cold) or generic shape types. The names of
 * promoted unexported methods carry a second path
 * (pkg.T.net/http.cancelRequest): the symbol is pkg's.
 * dv_graph_symbol_package gives DV_PACKAGE_NONE for symbols of no package. */
typedef enum {
  DV_PACKAGE_LINK_NO,         /* no symbol of it is live */
  DV_PACKAGE_LINK_TYPES_ONLY, /* live types, no live code */
  DV_PACKAGE_LINK_CODE,       /* a live function, method, variable, inittask or dictionary */
} DvPackageLink;

guint         dv_graph_get_n_packages      (const DvGraph *graph);
const char   *dv_graph_package_name        (const DvGraph *graph, DvPackageId pkg);
guint         dv_graph_package_n_symbols   (const DvGraph *graph, DvPackageId pkg);
guint         dv_graph_package_n_reachable (const DvGraph *graph, DvPackageId pkg);
DvPackageId   dv_graph_find_package        (const DvGraph *graph, const char *path);
DvPackageLink dv_graph_package_link        (const DvGraph *graph, DvPackageId pkg);
/* The symbol's own data or code proves its package; FALSE for symbols of no package. */
gboolean      dv_graph_symbol_proves_code  (const DvGraph *graph, DvSymbolId id);

/* Names, without a graph. */
const char   *dv_symbol_kind_to_string (DvSymbolKind kind);  /* "function", "type", ... */
const char   *dv_edge_kind_to_string   (DvEdgeKind kind);    /* "root", "dep", "call" */
/* The package of a symbol name, unescaped, or NULL when it has none.
 * Free with g_free. */
char         *dv_symbol_name_package   (const char *name, gsize len);
DvSymbolKind  dv_symbol_name_kind      (const char *name, gsize len);
/* The short label of a name: the last element of the import path and what
 * follows: "json.(*Decoder).Decode" for "encoding/json.(*Decoder).Decode",
 * "type.*http.Request" for "type.*net/http.Request". Free with g_free. */
char         *dv_symbol_name_short     (const char *name, gsize len);
/* What a Go developer reads: every import path in the name cut to its last
 * element, in type arguments and promoted methods too:
 * "atomic.Pointer[http.response].Load" for
 * "sync/atomic.Pointer[net/http.response].Load". Free with g_free. */
char         *dv_symbol_name_readable  (const char *name, gsize len);
/* Merged by the linker by content, named after whichever copy it met first:
 * ..stmp_N, .stkobj, .arginfo0/1, .argliveinfo, .opendefer, .wrapinfo,
 * gclocals·, strings, $f64. constants, namedata, importpath, itabs, gcbits,
 * gcprog, sehuw. The name proves nothing about a package. */
gboolean      dv_symbol_name_content_addressable (const char *name, gsize len);
const char   *dv_package_link_to_string (DvPackageLink link); /* "code", "types only", "no" */

G_END_DECLS
