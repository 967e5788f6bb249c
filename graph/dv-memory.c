/* dv-memory.c: how much memory a load may take, for the programs to put in
 * DvLoadOptions. The library only enforces the limit it is given. */
#include "config.h"

#include "dv-memory.h"

#include <string.h>

/* The memory this load may use: what the system has free (RAM and swap),
 * or DEPVIEW_MEMORY_LIMIT_MB. A dump too large for the machine is stopped
 * with a message instead of being killed by the kernel half-way. */
guint64
dv_load_options_default_memory_limit (void)
{
  const char *limit = g_getenv ("DEPVIEW_MEMORY_LIMIT_MB");
  g_autofree char *meminfo = NULL;
  guint64 available = 0, swap = 0;

  if (limit != NULL && *limit != '\0')
    return g_ascii_strtoull (limit, NULL, 10) << 20;
  if (!g_file_get_contents ("/proc/meminfo", &meminfo, NULL, NULL))
    return 0;
  for (char *line = meminfo; line != NULL && *line; line = strchr (line, '\n') ? strchr (line, '\n') + 1 : NULL)
    {
      if (g_str_has_prefix (line, "MemAvailable:"))
        available = g_ascii_strtoull (line + 13, NULL, 10) << 10;
      else if (g_str_has_prefix (line, "SwapFree:"))
        swap = g_ascii_strtoull (line + 9, NULL, 10) << 10;
    }
  return available ? available + swap : 0;
}
