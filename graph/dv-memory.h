/* dv-memory.h: the memory limit the programs give a load
 * (DvLoadOptions.memory_limit). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* DEPVIEW_MEMORY_LIMIT_MB, or what the system has free (RAM and swap);
 * 0 when neither is known. */
guint64 dv_load_options_default_memory_limit (void);

G_END_DECLS
