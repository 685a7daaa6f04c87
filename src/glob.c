/* Path globs: '*', '?', '[...]' and '**', matched by walking the pattern
 * once over the set of path positions reached so far (an NFA simulation),
 * so that no pattern can make matching exponential. */
#include "glob.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mem.h"

/* Length of the UTF-8 sequence starting with byte c (1 for a bad byte). */
static size_t clen(unsigned char c)
{
    if (c >= 0xF0 && c <= 0xF4)
        return 4;
    if (c >= 0xE0)
        return c <= 0xEF ? 3 : 1;
    if (c >= 0xC2)
        return 2;
    return 1;
}

/* Decode the character at s (at most n bytes); *len gets its length. */
static uint32_t decode(const char *s, size_t n, size_t *len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t l = clen(p[0]), i;
    uint32_t cp;
    if (l > n)
        l = 1;
    for (i = 1; i < l; i++)
        if ((p[i] & 0xC0) != 0x80)
            l = 1;
    *len = l;
    if (l == 1)
        return p[0];
    cp = p[0] & (0x7Fu >> l);
    for (i = 1; i < l; i++)
        cp = (cp << 6) | (p[i] & 0x3Fu);
    return cp;
}

/* The end of the bracket expression starting at p ('['), or NULL. */
static const char *class_end(const char *p)
{
    const char *q = p + 1;
    if (*q == '!' || *q == '^')
        q++;
    if (*q == ']')
        q++;
    for (; *q; q++) {
        if (*q == '\\' && q[1])
            q++;
        else if (*q == ']')
            return q;
    }
    return NULL;
}

/* Whether code point c is in the bracket expression [p, end). */
static bool in_class(const char *p, const char *end, uint32_t c)
{
    bool neg = false, hit = false;
    const char *q = p + 1;
    if (*q == '!' || *q == '^') {
        neg = true;
        q++;
    }
    while (q < end) {
        size_t l;
        uint32_t lo, hi;
        if (*q == '\\' && q + 1 < end)
            q++;
        lo = decode(q, (size_t)(end - q), &l);
        q += l;
        hi = lo;
        if (q + 1 < end && *q == '-') {
            q++;
            if (*q == '\\' && q + 1 < end)
                q++;
            hi = decode(q, (size_t)(end - q), &l);
            q += l;
        }
        if (c >= lo && c <= hi)
            hit = true;
    }
    return hit != neg;
}

bool gw_glob_valid(const char *pattern, unsigned *where, const char **why)
{
    const char *p;
    for (p = pattern; *p; p++) {
        if (*p == '\\') {
            if (!p[1]) {
                *where = (unsigned)(p - pattern);
                *why = "a '\\' ends the pattern";
                return false;
            }
            p++;
        } else if (*p == '[') {
            const char *e = class_end(p);
            if (!e) {
                *where = (unsigned)(p - pattern);
                *why = "'[' is not closed by ']'";
                return false;
            }
            p = e;
        }
    }
    if (!*pattern) {
        *where = 0;
        *why = "the pattern is empty";
        return false;
    }
    return true;
}

/* Whether the "**" at p is a whole segment of the pattern that starts at
 * `start`. */
static bool globstar(const char *start, const char *p)
{
    return p[0] == '*' && p[1] == '*' && (p == start || p[-1] == '/') &&
           (p[2] == '/' || p[2] == '\0');
}

bool gw_glob_match(const char *pattern, const char *path)
{
    size_t n = strlen(path), j;
    bool *cur, *next, *tmp, any, ok;
    const char *p, *start;
    bool anywhere;

    while (pattern[0] == '.' && pattern[1] == '/')
        pattern += 2;
    while (pattern[0] == '/')
        pattern++;
    while (path[0] == '.' && path[1] == '/')
        path += 2, n -= 2;
    anywhere = !strchr(pattern, '/');
    cur = gw_xcalloc(n + 1, sizeof *cur);
    next = gw_xcalloc(n + 1, sizeof *next);
    /* cur[j]: the pattern so far matches path[0, j). A pattern without '/'
     * starts at any segment. */
    cur[0] = true;
    if (anywhere)
        for (j = 1; j <= n; j++)
            cur[j] = path[j - 1] == '/';
    start = pattern;
    for (p = pattern; *p;) {
        memset(next, 0, (n + 1) * sizeof *next);
        if (globstar(start, p) && p[2] == '\0') {
            /* "**" as the last segment: anything that is not empty (after
             * "dir/", everything inside dir), or everything when it is the
             * whole pattern. */
            for (j = 0, any = false; j <= n; j++) {
                next[j] = any || (cur[j] && p == start);
                any = any || cur[j];
            }
            next[n] = next[n] || (p == start && cur[0]);
            p += 2;
        } else if (globstar(start, p)) {
            /* "**" + "/": zero or more whole segments. */
            for (j = 0, any = false; j <= n; j++) {
                next[j] = cur[j] || (j > 0 && path[j - 1] == '/' && any);
                any = any || cur[j];
            }
            p += 3;
        } else if (*p == '*') {
            while (*p == '*')
                p++;
            for (j = 0; j <= n; j++)
                next[j] =
                    cur[j] || (j > 0 && next[j - 1] && path[j - 1] != '/');
        } else if (*p == '?' || (*p == '[' && class_end(p))) {
            const char *e = *p == '[' ? class_end(p) : p;
            for (j = 0; j < n; j++) {
                size_t l;
                uint32_t c;
                if (!cur[j] || path[j] == '/')
                    continue;
                c = decode(path + j, n - j, &l);
                if (*p == '?' || in_class(p, e, c))
                    next[j + l] = true;
            }
            p = e + 1;
        } else {
            char c = *p;
            if (c == '\\' && p[1])
                c = *++p;
            for (j = 0; j < n; j++)
                if (cur[j] && path[j] == c)
                    next[j + 1] = true;
            p++;
        }
        tmp = cur;
        cur = next;
        next = tmp;
        for (j = 0, any = false; j <= n && !any; j++)
            any = cur[j];
        if (!any)
            break;
    }
    ok = cur[n];
    gw_xfree(cur);
    gw_xfree(next);
    return ok;
}
