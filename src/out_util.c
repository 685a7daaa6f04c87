/* Helpers shared by the writers: safe strings, JSON layout, URIs and
 * fingerprints. */
#include "out_util.h"

#include <assert.h>
#include <inttypes.h>
#include <stdint.h>
#include <string.h>

/* ---- sanitising ---- */

/* Length of the well-formed UTF-8 sequence at `s` (1-4), or 0 when the
 * byte at `s` does not start one (RFC 3629 table 3-7). `s` is
 * NUL-terminated, so looking ahead stops at the NUL, which is no
 * continuation byte. Stores the code point in *cp. */
static size_t utf8_len(const unsigned char *s, uint32_t *cp)
{
    unsigned char c = s[0], lo = 0x80, hi = 0xBF;
    size_t n, i;

    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c < 0xC2)
        return 0;
    if (c < 0xE0) {
        n = 2;
        *cp = c & 0x1Fu;
    } else if (c < 0xF0) {
        n = 3;
        *cp = c & 0x0Fu;
        if (c == 0xE0)
            lo = 0xA0; /* overlong */
        else if (c == 0xED)
            hi = 0x9F; /* surrogates */
    } else if (c < 0xF5) {
        n = 4;
        *cp = c & 0x07u;
        if (c == 0xF0)
            lo = 0x90; /* overlong */
        else if (c == 0xF4)
            hi = 0x8F; /* past U+10FFFF */
    } else {
        return 0;
    }
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (i = 1; i < n; i++) {
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
        *cp = (*cp << 6) | (s[i] & 0x3Fu);
    }
    return n;
}

static bool is_control(uint32_t cp, unsigned flags)
{
    if (cp == '\t')
        return false;
    if ((cp == '\n' || cp == '\r') && (flags & GW_OUT_KEEP_NEWLINES))
        return false;
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

bool gw_out_sanitize(struct gw_buf *b, const char *s, unsigned flags)
{
    static const char fffd[] = "\xEF\xBF\xBD";
    const unsigned char *p = (const unsigned char *)s, *run;
    bool ok = true;

    if (!s)
        return true;
    /* Copy runs of good text in one call; replace each bad byte or
     * control character by U+FFFD. */
    run = p;
    while (*p) {
        uint32_t cp = 0;
        size_t n;
        if (*p >= 0x20 && *p < 0x7F) { /* printable ASCII, most text */
            p++;
            continue;
        }
        n = utf8_len(p, &cp);
        if (n > 0 && !is_control(cp, flags)) {
            p += n;
            continue;
        }
        ok = gw_buf_add(b, run, (size_t)(p - run)) && ok;
        ok = gw_buf_add(b, fffd, 3) && ok;
        p += n ? n : 1;
        run = p;
    }
    return gw_buf_add(b, run, (size_t)(p - run)) && ok;
}

void gw_out_truncate(struct gw_buf *b, size_t max)
{
    size_t i, n = 0, cut = 0;

    assert(max >= 1);
    for (i = 0; i < b->len; i++) {
        if (((unsigned char)b->data[i] & 0xC0) == 0x80)
            continue; /* a continuation byte */
        if (++n == max)
            cut = i; /* where the ellipsis goes, if it must */
        else if (n > max)
            break;
    }
    if (n <= max)
        return;
    b->len = cut;
    b->data[cut] = '\0';
    gw_buf_puts(b, "\xE2\x80\xA6");
}

/* ---- JSON layout ---- */

void gw_out_json_newline(FILE *fp, unsigned depth)
{
    fputc('\n', fp);
    for (unsigned i = 0; i < depth; i++)
        fputs("  ", fp);
}

void gw_out_json_indent(FILE *fp, const char *json, unsigned depth)
{
    const char *p;
    bool in_string = false;

    for (p = json; *p; p++) {
        char c = *p;
        if (in_string) {
            /* Strings are most of the bytes (rule documentation): copy
             * each run up to a quote or a backslash in one call. */
            size_t n = strcspn(p, "\"\\");
            fwrite(p, 1, n, fp);
            p += n;
            if (*p == '\\' && p[1]) {
                fwrite(p, 1, 2, fp);
                p++;
            } else if (*p == '"') {
                fputc('"', fp);
                in_string = false;
            } else {
                break; /* unterminated: cannot come from cJSON */
            }
            continue;
        }
        switch (c) {
        case '"':
            in_string = true;
            fputc(c, fp);
            break;
        case '{':
        case '[':
            fputc(c, fp);
            if (p[1] == (c == '{' ? '}' : ']')) {
                fputc(*++p, fp);
                break;
            }
            gw_out_json_newline(fp, ++depth);
            break;
        case '}':
        case ']':
            gw_out_json_newline(fp, depth ? --depth : 0);
            fputc(c, fp);
            break;
        case ',':
            fputc(c, fp);
            gw_out_json_newline(fp, depth);
            break;
        case ':':
            fputs(": ", fp);
            break;
        default:
            fputc(c, fp);
            break;
        }
    }
}

/* ---- paths as URIs ---- */

/* The part of absolute `path` after directory `cwd` and its slashes, or
 * NULL when `path` is not under `cwd`. */
static const char *under_dir(const char *path, const char *cwd)
{
    size_t n = strlen(cwd);

    while (n > 0 && cwd[n - 1] == '/')
        n--;
    if (strncmp(path, cwd, n) != 0 || path[n] != '/')
        return NULL;
    path += n;
    while (*path == '/')
        path++;
    return path;
}

static bool unreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
           c == '~';
}

bool gw_out_uri(struct gw_buf *b, const char *path, const char *cwd)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *p;
    bool relative = true;

    if (!path)
        path = "";
    if (path[0] == '/') {
        const char *rest = cwd && cwd[0] == '/' ? under_dir(path, cwd) : NULL;
        if (rest) {
            path = rest;
        } else {
            gw_buf_puts(b, "file://");
            relative = false;
        }
    }
    if (relative)
        while (path[0] == '.' && path[1] == '/') {
            path += 2;
            while (*path == '/')
                path++;
        }
    for (p = (const unsigned char *)path; *p; p++) {
        if (unreserved(*p) || *p == '/') {
            gw_buf_putc(b, (char)*p);
        } else {
            char e[3] = {'%', hex[*p >> 4], hex[*p & 0x0F]};
            gw_buf_add(b, e, sizeof e);
        }
    }
    return relative;
}

/* ---- fingerprints ---- */

#define FNV_OFFSET UINT64_C(0xcbf29ce484222325)
#define FNV_PRIME  UINT64_C(0x100000001b3)

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= FNV_PRIME;
    }
    return h;
}

void gw_out_fingerprint(const char *rule_id, const char *path, const char *key,
                        unsigned occurrence, char *hex)
{
    char occ[16];
    uint64_t h = FNV_OFFSET;
    int n;

    /* Fields end in NUL so that ("ab","c") and ("a","bc") differ; a key
     * is marked present so that NULL and "" differ. */
    h = fnv(h, rule_id ? rule_id : "", strlen(rule_id ? rule_id : "") + 1);
    h = fnv(h, path ? path : "", strlen(path ? path : "") + 1);
    if (key) {
        h = fnv(h, "k", 1);
        h = fnv(h, key, strlen(key) + 1);
    } else {
        h = fnv(h, "-", 2);
    }
    n = snprintf(occ, sizeof occ, "%u", occurrence);
    h = fnv(h, occ, (size_t)n);
    snprintf(hex, GW_OUT_FINGERPRINT_LEN + 1, "%016" PRIx64, h);
}
