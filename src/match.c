/* Regular expressions: PCRE2 behind a small interface, with limits. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "match.h"

#include <pcre2.h>
#include <string.h>

#include "mem.h"

/* Enough for every sane pattern over a 1 MiB line; a backtracking bomb
 * stops in well under a second. */
#define MATCH_LIMIT 1000000u
#define DEPTH_LIMIT 10000u
#define HEAP_LIMIT_KB 16384u

/* The match context and data live with the pattern: one allocation at
 * compile time instead of three per match. gw_regex_match therefore
 * mutates the regex (scratch data, use count); gwlint is single-threaded. */
struct gw_regex {
    pcre2_code *code;
    pcre2_general_context *gc;
    pcre2_match_context *mc;
};

static void *pcre_alloc(PCRE2_SIZE n, void *data)
{
    (void)data;
    return gw_xmalloc(n);
}

static void pcre_free(void *p, void *data)
{
    (void)data;
    gw_xfree(p);
}

enum gw_status gw_regex_compile(const char *pattern, unsigned flags,
                                struct gw_regex **out, struct gw_buf *err,
                                size_t *erroffset)
{
    pcre2_general_context *gc;
    pcre2_compile_context *cc;
    int code;
    PCRE2_SIZE off;
    uint32_t opts = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF;
    pcre2_code *re;

    *out = NULL;
    if (flags & GW_RE_CASELESS)
        opts |= PCRE2_CASELESS;
    gc = pcre2_general_context_create(pcre_alloc, pcre_free, NULL);
    cc = pcre2_compile_context_create(gc);
    re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts, &code,
                       &off, cc);
    pcre2_compile_context_free(cc);
    if (!re) {
        PCRE2_UCHAR msg[256];
        pcre2_general_context_free(gc);
        pcre2_get_error_message(code, msg, sizeof msg);
        gw_buf_printf(err, "%s", (const char *)msg);
        *erroffset = off;
        return GW_ERR_RULE;
    }
    *out = gw_xmalloc(sizeof **out);
    (*out)->code = re;
    (*out)->gc = gc;
    (*out)->mc = pcre2_match_context_create(gc);
    pcre2_set_match_limit((*out)->mc, MATCH_LIMIT);
    pcre2_set_depth_limit((*out)->mc, DEPTH_LIMIT);
    pcre2_set_heap_limit((*out)->mc, HEAP_LIMIT_KB);
    return GW_OK;
}

enum gw_match_result gw_regex_match(const struct gw_regex *re, const char *s,
                                    size_t n)
{
    pcre2_match_data *md;
    int rc;

    /* No JIT: the hints keep most values from PCRE2 (one pattern run per
     * few values), and the JIT compiler's pages and code cost 400 KB of
     * resident memory, a tenth of the budget, for no time saved. The
     * match data is the call's own: a compiled regex is read-only, and
     * threads may share it. */
    md = pcre2_match_data_create(1, re->gc);
    if (!md)
        return GW_MATCH_LIMIT;
    rc = pcre2_match(re->code, (PCRE2_SPTR)s, n, 0, 0, md, re->mc);
    pcre2_match_data_free(md);
    if (rc >= 0)
        return GW_MATCH_YES;
    if (rc == PCRE2_ERROR_NOMATCH)
        return GW_MATCH_NO;
    return GW_MATCH_LIMIT;
}

void gw_regex_hint_of(const struct gw_regex *re, struct gw_regex_hint *h)
{
    uint32_t type = 0, unit = 0, minlen = 0;
    const uint8_t *map = NULL;

    memset(h, 0, sizeof *h);
    h->first = h->need = -1;
    h->caseless = true; /* PCRE2 does not say; the safe side */
    if (pcre2_pattern_info(re->code, PCRE2_INFO_MINLENGTH, &minlen) == 0)
        h->minlen = minlen;
    /* PCRE2 records a unit only when every match has it, as it is or in
     * the other case of its tables, which fold ASCII letters alone: it
     * skips subjects without it itself. A non-ASCII letter with another
     * case gets no unit. */
    if (pcre2_pattern_info(re->code, PCRE2_INFO_FIRSTCODETYPE, &type) == 0 &&
        type == 1 &&
        pcre2_pattern_info(re->code, PCRE2_INFO_FIRSTCODEUNIT, &unit) == 0 &&
        unit < 256)
        h->first = (short)unit;
    if (pcre2_pattern_info(re->code, PCRE2_INFO_LASTCODETYPE, &type) == 0 &&
        type == 1 &&
        pcre2_pattern_info(re->code, PCRE2_INFO_LASTCODEUNIT, &unit) == 0 &&
        unit < 256)
        h->need = (short)unit;
    if (pcre2_pattern_info(re->code, PCRE2_INFO_FIRSTBITMAP, &map) == 0 &&
        map) {
        h->has_map = true;
        memcpy(h->map, map, sizeof h->map);
    }
}

void gw_regex_bytes_of(const char *s, size_t n, struct gw_regex_bytes *b)
{
    size_t i;

    memset(b, 0, sizeof *b);
    b->n = n;
    b->first = n ? (unsigned char)s[0] : -1;
    for (i = 0; i < n; i++)
        b->has[(unsigned char)s[i] >> 3] |=
            (unsigned char)(1u << ((unsigned char)s[i] & 7));
}

static bool bit(const unsigned char *set, int c)
{
    return (set[c >> 3] >> (c & 7)) & 1;
}

/* The other ASCII case of c, or c. */
static int other_case(int c)
{
    if (c >= 'a' && c <= 'z')
        return c - ('a' - 'A');
    if (c >= 'A' && c <= 'Z')
        return c + ('a' - 'A');
    return c;
}

bool gw_regex_hint_may_match(const struct gw_regex_hint *h, bool anchored,
                             const struct gw_regex_bytes *b)
{
    size_t i;

    if (b->n < h->minlen)
        return false;
    if (h->need >= 0 && !bit(b->has, h->need) &&
        !(h->caseless && bit(b->has, other_case(h->need))))
        return false;
    if (h->first >= 0) {
        if (anchored)
            return b->first == h->first ||
                   (h->caseless && b->first == other_case(h->first));
        return bit(b->has, h->first) ||
               (h->caseless && bit(b->has, other_case(h->first)));
    }
    if (h->has_map) {
        if (anchored)
            return b->first >= 0 && bit(h->map, b->first);
        for (i = 0; i < sizeof h->map; i++)
            if (h->map[i] & b->has[i])
                return true;
        return false;
    }
    return true;
}

void gw_regex_free(struct gw_regex *re)
{
    if (!re)
        return;
    pcre2_match_context_free(re->mc);
    pcre2_code_free(re->code);
    pcre2_general_context_free(re->gc);
    gw_xfree(re);
}
