/* Path globs of the configuration file (files:, exclude:, ignore:):
 * '*', '?', '[...]' within one path segment and '**' across segments. */
#ifndef GW_GLOB_H
#define GW_GLOB_H

#include <stdbool.h>

/* Whether `path` (relative, '/'-separated, no leading "./") matches
 * `pattern`. Borrows both; allocates nothing.
 *
 *   *       any run of characters but '/' (also none)
 *   ?       one character but '/' (a UTF-8 sequence counts as one)
 *   [a-z]   one character of the set; [!a-z] or [^a-z] one outside it
 *   **      as a whole segment ("**" + "/", "/" + "**", or the whole
 *           pattern): any number of segments, none included
 *   \c      the character c itself
 *
 * A pattern without a '/' matches the last segment of the path at any
 * depth, as in .gitignore ("*.json" matches "deploy/a.json"); a leading
 * "./" or "/" is ignored (the pattern is always relative to the
 * configuration file's directory). Matching is case-sensitive. Runs in
 * O(len(pattern) * len(path)) time whatever the input. */
bool gw_glob_match(const char *pattern, const char *path);

/* Whether `pattern` is well formed: every '[' is closed and no '\' ends
 * it. On false, *where is the byte offset of the problem and *why a static
 * reason. */
bool gw_glob_valid(const char *pattern, unsigned *where, const char **why);

#endif
