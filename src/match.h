/* Regular expressions: a PCRE2 wrapper with match limits. The only module
 * that sees <pcre2.h>. */
#ifndef GW_MATCH_H
#define GW_MATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "status.h"

struct gw_regex;

enum { GW_RE_CASELESS = 1 };

enum gw_match_result { GW_MATCH_NO = 0, GW_MATCH_YES = 1, GW_MATCH_LIMIT = 2 };

/* Compile `pattern` (UTF-8, PCRE2 syntax) with GW_RE_* flags. On success
 * *out is an owned regex (free with gw_regex_free). On failure returns
 * GW_ERR_RULE, writes the reason into `err` and the byte offset of the
 * problem in the pattern into *erroffset. */
enum gw_status gw_regex_compile(const char *pattern, unsigned flags,
                                struct gw_regex **out, struct gw_buf *err,
                                size_t *erroffset);

/* Search `s` (n bytes) for a match. Runs with match, depth and heap
 * limits: a catastrophic pattern returns GW_MATCH_LIMIT, never hangs.
 * Borrows everything for the call; updates the regex's scratch state (not
 * thread-safe). */
enum gw_match_result gw_regex_match(struct gw_regex *re, const char *s,
                                    size_t n);

/* Free a compiled regex; NULL is fine. */
void gw_regex_free(struct gw_regex *re);

#endif
