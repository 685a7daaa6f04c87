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
 * Borrows everything for the call and changes nothing: threads may
 * match with one regex at once. */
enum gw_match_result gw_regex_match(const struct gw_regex *re,
                                    const char *s, size_t n);

/* What every match of a pattern needs, as PCRE2 works it out when it
 * compiles: a minimum length, a first byte (or a set of them), a byte
 * that must occur. Lets a caller skip the match for a subject that lacks
 * them, without calling PCRE2 (and without compiling the pattern: the
 * generator writes hints into the compiled rules). A zero hint (from
 * memset) allows everything. */
struct gw_regex_hint {
    unsigned minlen;       /* in bytes, a lower bound */
    short first;           /* the first byte of a match, or -1 */
    short need;            /* a byte every match contains, or -1 */
    bool caseless;         /* first and need match either ASCII case */
    bool has_map;
    unsigned char map[32]; /* with has_map: the possible first bytes */
};

/* Fill `h` from a compiled regex. */
void gw_regex_hint_of(const struct gw_regex *re, struct gw_regex_hint *h);

/* The bytes that occur in a subject, for testing many hints against it:
 * fill with gw_regex_bytes_of once, then gw_regex_hint_may_match per
 * pattern in constant time. */
struct gw_regex_bytes {
    size_t n;
    int first;             /* s[0], or -1 when empty */
    unsigned char has[32]; /* bit b: byte b occurs */
};

void gw_regex_bytes_of(const char *s, size_t n, struct gw_regex_bytes *b);

/* False when no match of a pattern with hint `h` can be in the subject
 * that `b` describes; with `anchored`, matches start at its first byte.
 * True means "maybe". */
bool gw_regex_hint_may_match(const struct gw_regex_hint *h, bool anchored,
                             const struct gw_regex_bytes *b);

/* Free a compiled regex; NULL is fine. */
void gw_regex_free(struct gw_regex *re);

#endif
