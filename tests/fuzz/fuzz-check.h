/* fuzz-check.h: what the fuzz targets share: check(), which aborts so that
 * libFuzzer keeps the input, and the log setup. */
#pragma once

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

/* the entry points libFuzzer calls (and replay.c, without it) */
int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define check(cond, ...)                                                \
  do {                                                                  \
    if (G_UNLIKELY (!(cond)))                                           \
      {                                                                 \
        fprintf (stderr, "%s:%d: %s: ", __FILE__, __LINE__, #cond);     \
        fprintf (stderr, __VA_ARGS__);                                  \
        fputc ('\n', stderr);                                           \
        abort ();                                                       \
      }                                                                 \
  } while (0)

/* a critical is a broken contract: make it a crash the fuzzer keeps */
static inline void
fuzz_log_setup (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_log_writer_default_set_use_stderr (TRUE);
}

/* the usual start: only the log setup (a target with more to do at start
 * defines FUZZ_OWN_INITIALIZE and its own) */
#ifndef FUZZ_OWN_INITIALIZE
int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_log_setup ();
  return 0;
}
#endif
