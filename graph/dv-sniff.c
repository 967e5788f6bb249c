/* dv-sniff.c: what a file that is not a dump looks like, from its first
 * bytes, for the message that says so. */
#include "config.h"

#include "dv-loader-private.h"

#include <string.h>

char *
dv_sniff_describe_non_dump (const GString *s)
{
  const guchar *b = (const guchar *) s->str;
  gsize n = s->len;

  if (n >= 8 && memcmp (b, "\x89PNG\r\n\x1a\n", 8) == 0)
    return g_strdup ("a PNG image");
  if (n >= 3 && memcmp (b, "\xff\xd8\xff", 3) == 0)
    return g_strdup ("a JPEG image");
  if (n >= 4 && memcmp (b, "\x7f" "ELF", 4) == 0)
    return g_strdup ("an executable (ELF), not its -dumpdep output");
  if (n >= 4 && memcmp (b, "%PDF", 4) == 0)
    return g_strdup ("a PDF document");
  if (n >= 4 && memcmp (b, "PK\x03\x04", 4) == 0)
    return g_strdup ("a zip archive");
  if (n >= 3 && memcmp (b, "BZh", 3) == 0)
    return g_strdup ("bzip2 data (only gzip is read)");
  if (n >= 6 && memcmp (b, "\xfd" "7zXZ\x00", 6) == 0)
    return g_strdup ("xz data (only gzip is read)");
  if (n >= 4 && memcmp (b, "\x28\xb5\x2f\xfd", 4) == 0)
    return g_strdup ("zstd data (only gzip is read)");
  if (memchr (b, '\0', n) != NULL || !g_utf8_validate (s->str, (gssize) n, NULL))
    {
      /* a cut UTF-8 sequence at the end of the sample is not binary */
      const char *end;
      if (memchr (b, '\0', n) != NULL
          || (!g_utf8_validate (s->str, (gssize) n, &end) && (gsize) (end - s->str) + 4 < n))
        return g_strdup ("binary data");
    }
  if (g_regex_match_simple ("^(//[^\n]*\n|\\s)*package [A-Za-z_]", s->str, 0, 0))
    return g_strdup ("Go source code");
  if (g_regex_match_simple ("^\\s*[0-9a-f]+\\s+[0-9]+\\s+[A-Za-z?]\\s+\\S", s->str, 0, 0)
      || g_regex_match_simple ("^\\s*[0-9a-f]+\\s+[A-Za-z?]\\s+\\S", s->str, 0, 0))
    return g_strdup ("a symbol listing (go tool nm); DepView reads the -dumpdep output");
  if (g_regex_match_simple ("^\\s*<(!DOCTYPE|html|\\?xml|svg)", s->str, G_REGEX_CASELESS, 0))
    return g_strdup ("an HTML or XML document");
  if (g_regex_match_simple ("^\\s*[\\[{]", s->str, 0, 0))
    return g_strdup ("JSON");
  if (g_regex_match_simple ("^\\s*digraph", s->str, 0, 0))
    return g_strdup ("a Graphviz file");
  return g_strdup ("text with no “FROM -> TO” lines");
}
