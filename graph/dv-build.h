/* dv-build.h: the user's go build, with the linker's dump and the symbol
 * sizes captured into a folder.
 *
 * go build runs with -ldflags='-dumpdep -c' added to the user's own
 * -ldflags, and leaves in the output folder (made when missing):
 *   deps.txt.gz  the linker's dump, gzip;
 *   NAME         the binary, which is also the sizes file when it is ELF;
 *   sizes.txt    `go tool nm -size -sort size` output, only when the binary
 *                is not ELF (GOOS=darwin or windows).
 * Every line go build prints that is not the dump (the compiler's errors,
 * the linker's warnings) goes to the caller's message function as it
 * comes. Used by `depview-cli build` and the app's Build and Open. */
#pragma once

#include <gio/gio.h>

#include "dv-sizes.h"

G_BEGIN_DECLS

#define DV_BUILD_DUMP_LDFLAGS "-dumpdep -c"
#define DV_BUILD_DUMP_FILE    "deps.txt.gz"
#define DV_BUILD_NM_FILE      "sizes.txt"

typedef struct {
  char      *go;        /* the go command; NULL: dv_build_find_go */
  char      *dir;       /* the output folder, absolute or from the current folder */
  char      *chdir;     /* go build -C DIR (the module's folder), or NULL */
  GPtrArray *ldflags;   /* (char *) the user's -ldflags values, in order */
  GPtrArray *flags;     /* (char *) every other go build flag, as it is */
  GPtrArray *packages;  /* (char *) the operands; none means "." */
} DvBuildRequest;

typedef struct {
  char     *dir;          /* the output folder, absolute */
  char     *dump_path;    /* absolute */
  char     *binary_path;  /* absolute */
  char     *sizes_path;   /* binary_path or the nm file; NULL without sizes */
  DvSizes  *sizes;        /* NULL when neither could be read */
  char     *sizes_problem;/* why there are no sizes */
  guint64   dump_lines;
  guint     n_binaries;   /* dump sections: more than one for ./cmd/... */
} DvBuildResult;

/* One line go build printed that is not the dump, without its newline.
 * Called in the thread that runs dv_build_run. */
typedef void (*DvBuildMessageFunc) (const char *line, gpointer user_data);

void      dv_build_request_init  (DvBuildRequest *request);
void      dv_build_request_clear (DvBuildRequest *request);
/* "-ldflags=X" in GOFLAGS counts as the user's too (go build would let ours
 * replace it): added first to request->ldflags. */
void      dv_build_request_add_goflags (DvBuildRequest *request, const char *goflags);

/* $GO when set, else go on PATH; NULL with a message saying how to fix it. */
char     *dv_build_find_go       (GError **error);

/* The binary's name as go build names it: the last element of the first
 * package or the first file's name, .exe for GOOS=windows, "app" for a
 * pattern. */
char     *dv_build_binary_name   (const DvBuildRequest *request);

/* The go build command line. */
char    **dv_build_argv          (const DvBuildRequest *request, const char *go, const char *binary);

/* Runs the build. FALSE with error when go is missing, the build fails
 * (its messages were passed to message first), is cancelled, or links
 * nothing; the folder is then as it was (a folder made for the build is
 * removed again, no partial dump is left). */
gboolean  dv_build_run           (const DvBuildRequest *request,
                                  DvBuildMessageFunc    message,
                                  gpointer              user_data,
                                  GCancellable         *cancellable,
                                  DvBuildResult        *result,
                                  GError              **error);
void      dv_build_result_clear  (DvBuildResult *result);

G_END_DECLS
