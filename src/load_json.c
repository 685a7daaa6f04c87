/* JSON text -> gw_node tree. A strict scanner walks the bytes once, checks
 * them (RFC 8259, UTF-8, NUL bytes, limits) with exact error offsets and
 * builds the nodes with their spans; a string without escapes is its own
 * value. When a string has escapes, cJSON decodes the same text and gives
 * the strings their values (STYLE.md §5), and the two parsers must agree
 * on every value. Fuzzing builds (GW_JSON_CROSSCHECK) run cJSON on every
 * text, so that the fuzzers check the scanner against it. */
#include "load_json.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "mem.h"

struct scan {
    struct gw_arena *a;
    const unsigned char *s;
    uint32_t len;
    uint32_t pos;
    uint32_t escapes; /* strings with escapes: cJSON decodes them */
    uint32_t nodes;
    struct gw_load_error *err;
};

struct literal {
    const char *word;
    const char *expect; /* message for a misspelling */
    enum gw_scalar type;
};

static const struct literal lit_true = {
    "true", "invalid literal; expected 'true'", GW_SCALAR_BOOL};
static const struct literal lit_false = {
    "false", "invalid literal; expected 'false'", GW_SCALAR_BOOL};
static const struct literal lit_null = {
    "null", "invalid literal; expected 'null'", GW_SCALAR_NULL};

static enum gw_status scan_value(struct scan *sc, unsigned depth,
                                 struct gw_node **out);

/* ---- errors ---- */

/* Record the error at [start, end) and return rc. */
#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
static enum gw_status
fail(struct scan *sc, enum gw_status rc, uint32_t start, uint32_t end,
     const char *fmt, ...)
{
    va_list ap;

    sc->err->span.start = start;
    sc->err->span.end = end;
    va_start(ap, fmt);
    vsnprintf(sc->err->message, sizeof sc->err->message, fmt, ap);
    va_end(ap);
    return rc;
}

/* Length of the well-formed UTF-8 sequence at p (no overlongs, surrogates
 * or code points past U+10FFFF), or 0 when the byte at p starts none. */
static uint32_t utf8_len(const unsigned char *p, uint32_t avail)
{
    unsigned char c = p[0];

    if (c < 0x80)
        return 1;
    if (c < 0xC2 || c > 0xF4)
        return 0;
    if (c < 0xE0)
        return avail >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (avail < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
        return 0;
    if (c < 0xF0) {
        if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F))
            return 0;
        return 3;
    }
    if (avail < 4 || (p[3] & 0xC0) != 0x80)
        return 0;
    if ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] > 0x8F))
        return 0;
    return 4;
}

/* The byte at sc->pos cannot come next: say why, in the order end of file,
 * NUL byte, invalid UTF-8, and otherwise `what`. */
static enum gw_status unexpected(struct scan *sc, const char *what)
{
    uint32_t p = sc->pos, n;

    if (p >= sc->len)
        return fail(sc, GW_ERR_PARSE, sc->len, sc->len,
                    "unexpected end of file");
    if (sc->s[p] == '\0')
        return fail(sc, GW_ERR_PARSE, p, p + 1, "NUL byte in input");
    n = utf8_len(sc->s + p, sc->len - p);
    if (n == 0)
        return fail(sc, GW_ERR_PARSE, p, p + 1, "invalid UTF-8 byte 0x%02x",
                    (unsigned)sc->s[p]);
    return fail(sc, GW_ERR_PARSE, p, p + n, "%s", what);
}

/* ---- scanner ---- */

static int peek(const struct scan *sc)
{
    return sc->pos < sc->len ? sc->s[sc->pos] : -1;
}

static bool is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static void skip_ws(struct scan *sc)
{
    while (sc->pos < sc->len) {
        unsigned char c = sc->s[sc->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        sc->pos++;
    }
}

static void skip_digits(struct scan *sc)
{
    while (sc->pos < sc->len && is_digit(sc->s[sc->pos]))
        sc->pos++;
}

static enum gw_status new_node(struct scan *sc, enum gw_node_kind kind,
                               uint32_t start, struct gw_node **out)
{
    if (++sc->nodes > GW_MAX_NODES)
        return fail(sc, GW_ERR_LIMIT, start, start + 1, "more than %d nodes",
                    GW_MAX_NODES);
    *out = gw_node_new(sc->a, kind);
    (*out)->span.start = start;
    return GW_OK;
}

static int hex_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The 4 hex digits at p, or -1. */
static long hex4(const struct scan *sc, uint32_t p)
{
    long v = 0;
    uint32_t i;

    if (sc->len - p < 4)
        return -1;
    for (i = 0; i < 4; i++) {
        int h = hex_value(sc->s[p + i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

/* The escape at *pp (a backslash) inside the string opened at `quote`:
 * advance *pp past it and add its decoded length to *dlen. cJSON refuses
 * unpaired surrogates, so they are errors here too. */
static enum gw_status scan_escape(struct scan *sc, uint32_t quote, uint32_t *pp,
                                  uint32_t *dlen)
{
    uint32_t p = *pp, q;
    long cp, lo;

    if (sc->len - p < 2)
        return fail(sc, GW_ERR_PARSE, quote, quote + 1, "unterminated string");
    switch (sc->s[p + 1]) {
    case '"':
    case '\\':
    case '/':
    case 'b':
    case 'f':
    case 'n':
    case 'r':
    case 't':
        *pp = p + 2;
        *dlen += 1;
        return GW_OK;
    case 'u':
        break;
    default:
        if (sc->s[p + 1] > ' ' && sc->s[p + 1] < 0x7F)
            return fail(sc, GW_ERR_PARSE, p, p + 2,
                        "invalid escape '\\%c' in string", sc->s[p + 1]);
        sc->pos = p + 1;
        return unexpected(sc, "invalid escape in string");
    }
    cp = hex4(sc, p + 2);
    if (cp < 0) {
        /* Hex digits up to the end of the text: truncated, not wrong. */
        for (q = p + 2; q < sc->len && q < p + 6; q++)
            if (hex_value(sc->s[q]) < 0)
                break;
        if (q == sc->len)
            return fail(sc, GW_ERR_PARSE, quote, quote + 1,
                        "unterminated string");
        return fail(sc, GW_ERR_PARSE, p, p + 2,
                    "invalid \\u escape; expected 4 hex digits");
    }
    if (cp >= 0xD800 && cp <= 0xDBFF && sc->len - p >= 12 &&
        sc->s[p + 6] == '\\' && sc->s[p + 7] == 'u') {
        lo = hex4(sc, p + 8);
        if (lo >= 0xDC00 && lo <= 0xDFFF) {
            *pp = p + 12;
            *dlen += 4;
            return GW_OK;
        }
    }
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return fail(sc, GW_ERR_PARSE, p, p + 6,
                    "unpaired surrogate in \\u escape");
    *pp = p + 6;
    *dlen += cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
    return GW_OK;
}

/* A string at sc->pos (its opening quote). The node has its span and the
 * decoded length; merge() copies the decoded bytes from cJSON. */
static enum gw_status scan_string(struct scan *sc, struct gw_node **out)
{
    const unsigned char *s = sc->s;
    uint32_t start = sc->pos, p = start + 1, dlen = 0, n;
    enum gw_status rc;

    for (;;) {
        uint32_t run = p;
        unsigned char c = 0;

        /* The common case first: a run of printable ASCII. */
        while (p < sc->len) {
            c = s[p];
            if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\')
                break;
            p++;
        }
        dlen += p - run;
        if (p >= sc->len)
            return fail(sc, GW_ERR_PARSE, start, start + 1,
                        "unterminated string");
        if (c == '"')
            break;
        if (c == '\\') {
            rc = scan_escape(sc, start, &p, &dlen);
            if (rc != GW_OK)
                return rc;
        } else if (c >= 0x80) {
            n = utf8_len(s + p, sc->len - p);
            if (n == 0) {
                sc->pos = p;
                return unexpected(sc, "");
            }
            p += n;
            dlen += n;
        } else if (c == '\0') {
            return fail(sc, GW_ERR_PARSE, p, p + 1, "NUL byte in input");
        } else if (c == '\n' || c == '\r') {
            return fail(sc, GW_ERR_PARSE, p, p + 1,
                        "unescaped line break in string");
        } else {
            return fail(sc, GW_ERR_PARSE, p, p + 1,
                        "unescaped control character 0x%02x in string",
                        (unsigned)c);
        }
    }
    sc->pos = p + 1;
    rc = new_node(sc, GW_NODE_SCALAR, start, out);
    if (rc != GW_OK)
        return rc;
    (*out)->scalar = GW_SCALAR_STRING;
    (*out)->quoted = true;
    (*out)->len = dlen;
    (*out)->span.end = sc->pos;
    /* no escape: the bytes between the quotes are the value */
    if (dlen == p - start - 1)
        (*out)->str = gw_arena_strndup(sc->a, (const char *)s + start + 1,
                                       dlen);
    else
        sc->escapes++;
    return GW_OK;
}

static enum gw_status scan_number(struct scan *sc, struct gw_node **out)
{
    uint32_t start = sc->pos;
    enum gw_status rc;

    if (peek(sc) == '-')
        sc->pos++;
    if (peek(sc) == '0') {
        sc->pos++;
        if (is_digit(peek(sc)))
            return fail(sc, GW_ERR_PARSE, sc->pos - 1, sc->pos,
                        "leading zero in number");
    } else if (is_digit(peek(sc))) {
        skip_digits(sc);
    } else {
        return unexpected(sc, "expected a digit after '-'");
    }
    if (peek(sc) == '.') {
        sc->pos++;
        if (!is_digit(peek(sc)))
            return unexpected(sc, "expected a digit after '.'");
        skip_digits(sc);
    }
    if (peek(sc) == 'e' || peek(sc) == 'E') {
        sc->pos++;
        if (peek(sc) == '+' || peek(sc) == '-')
            sc->pos++;
        if (!is_digit(peek(sc)))
            return unexpected(sc, "expected a digit in the exponent");
        skip_digits(sc);
    }
    rc = new_node(sc, GW_NODE_SCALAR, start, out);
    if (rc != GW_OK)
        return rc;
    (*out)->scalar = GW_SCALAR_NUMBER;
    (*out)->len = sc->pos - start;
    (*out)->str =
        gw_arena_strndup(sc->a, (const char *)sc->s + start, sc->pos - start);
    (*out)->span.end = sc->pos;
    return GW_OK;
}

static enum gw_status scan_literal(struct scan *sc, const struct literal *lit,
                                   struct gw_node **out)
{
    uint32_t start = sc->pos, i;
    enum gw_status rc;

    for (i = 0; lit->word[i]; i++, sc->pos++)
        if (peek(sc) != (unsigned char)lit->word[i])
            return unexpected(sc, lit->expect);
    rc = new_node(sc, GW_NODE_SCALAR, start, out);
    if (rc != GW_OK)
        return rc;
    (*out)->scalar = lit->type;
    (*out)->str = lit->word;
    (*out)->len = i;
    (*out)->span.end = sc->pos;
    return GW_OK;
}

/* An object at sc->pos; `depth` counts it. */
static enum gw_status scan_object(struct scan *sc, unsigned depth,
                                  struct gw_node *map)
{
    struct gw_node *key, *val;
    uint32_t comma;
    enum gw_status rc;

    sc->pos++;
    skip_ws(sc);
    while (peek(sc) != '}') {
        if (peek(sc) != '"')
            return unexpected(sc, map->nkids ? "expected a string key"
                                             : "expected a string key or '}'");
        rc = scan_string(sc, &key);
        if (rc != GW_OK)
            return rc;
        skip_ws(sc);
        if (peek(sc) != ':')
            return unexpected(sc, "expected ':' after object key");
        sc->pos++;
        rc = scan_value(sc, depth, &val);
        if (rc != GW_OK)
            return rc;
        val->key = key;
        gw_node_append(sc->a, map, val);
        skip_ws(sc);
        if (peek(sc) == '}')
            break;
        if (peek(sc) != ',')
            return unexpected(sc, "expected ',' or '}' after object member");
        comma = sc->pos++;
        skip_ws(sc);
        if (peek(sc) == '}')
            return fail(sc, GW_ERR_PARSE, comma, comma + 1,
                        "trailing comma before '}'");
    }
    sc->pos++;
    map->span.end = sc->pos;
    return GW_OK;
}

/* An array at sc->pos; `depth` counts it. */
static enum gw_status scan_array(struct scan *sc, unsigned depth,
                                 struct gw_node *seq)
{
    struct gw_node *item;
    uint32_t comma;
    enum gw_status rc;

    sc->pos++;
    skip_ws(sc);
    while (peek(sc) != ']') {
        rc = scan_value(sc, depth, &item);
        if (rc != GW_OK)
            return rc;
        gw_node_append(sc->a, seq, item);
        skip_ws(sc);
        if (peek(sc) == ']')
            break;
        if (peek(sc) != ',')
            return unexpected(sc, "expected ',' or ']' after array element");
        comma = sc->pos++;
        skip_ws(sc);
        if (peek(sc) == ']')
            return fail(sc, GW_ERR_PARSE, comma, comma + 1,
                        "trailing comma before ']'");
    }
    sc->pos++;
    seq->span.end = sc->pos;
    return GW_OK;
}

/* Any value after optional whitespace, inside `depth` containers. The
 * recursion is bounded by GW_MAX_DEPTH. */
static enum gw_status scan_value(struct scan *sc, unsigned depth,
                                 struct gw_node **out)
{
    enum gw_status rc;
    int c;

    skip_ws(sc);
    c = peek(sc);
    if (c == '{' || c == '[') {
        if (depth >= GW_MAX_DEPTH)
            return fail(sc, GW_ERR_LIMIT, sc->pos, sc->pos + 1,
                        "nesting deeper than %d levels", GW_MAX_DEPTH);
        rc = new_node(sc, c == '{' ? GW_NODE_MAP : GW_NODE_SEQ, sc->pos, out);
        if (rc != GW_OK)
            return rc;
        return c == '{' ? scan_object(sc, depth + 1, *out)
                        : scan_array(sc, depth + 1, *out);
    }
    if (c == '"')
        return scan_string(sc, out);
    if (c == '-' || is_digit(c))
        return scan_number(sc, out);
    if (c == 't')
        return scan_literal(sc, &lit_true, out);
    if (c == 'f')
        return scan_literal(sc, &lit_false, out);
    if (c == 'n')
        return scan_literal(sc, &lit_null, out);
    return unexpected(sc, "expected a JSON value");
}

/* ---- cJSON ---- */

/* Copy the decoded string `s` (n->len bytes, as the scanner counted them;
 * \u0000 puts NULs inside) into n. False when cJSON ended it elsewhere.
 * s[n->len] is inside cJSON's buffer: it allocates the raw length minus
 * one byte per escape, plus one, and no escape decodes longer than that. */
static bool copy_string(struct gw_arena *a, const char *s, struct gw_node *n)
{
    if (!s || s[n->len] != '\0')
        return false;
    n->str = gw_arena_strndup(a, s, n->len);
    return true;
}

/* Give the strings of the scanned tree `n` their values from the cJSON tree
 * `c`, walking both in document order. Returns the first node where the two
 * parsers disagree, or NULL. */
static struct gw_node *merge(struct gw_arena *a, const cJSON *c,
                             struct gw_node *n)
{
    const cJSON *kid;
    struct gw_node *bad;
    uint32_t i;

    if (n->kind != GW_NODE_SCALAR) {
        if (n->kind == GW_NODE_MAP ? !cJSON_IsObject(c) : !cJSON_IsArray(c))
            return n;
        for (i = 0, kid = c->child; i < n->nkids; i++, kid = kid->next) {
            if (!kid)
                return n;
            if (n->kind == GW_NODE_MAP &&
                !copy_string(a, kid->string, n->kids[i]->key))
                return n->kids[i]->key;
            bad = merge(a, kid, n->kids[i]);
            if (bad)
                return bad;
        }
        return kid ? n : NULL;
    }
    switch (n->scalar) {
    case GW_SCALAR_STRING:
        if (cJSON_IsString(c) && copy_string(a, c->valuestring, n))
            return NULL;
        break;
    case GW_SCALAR_NUMBER:
        if (cJSON_IsNumber(c))
            return NULL;
        break;
    case GW_SCALAR_BOOL:
        if (n->str[0] == 't' ? cJSON_IsTrue(c) : cJSON_IsFalse(c))
            return NULL;
        break;
    case GW_SCALAR_NULL:
        if (cJSON_IsNull(c))
            return NULL;
        break;
    }
    return n;
}

enum gw_status gw_load_json(struct gw_arena *a, const struct gw_source *src,
                            struct gw_node **root, struct gw_load_error *err)
{
    cJSON_Hooks hooks = {gw_xmalloc, gw_xfree};
    struct scan sc = {0};
    struct gw_node *tree = NULL, *bad;
    cJSON *json = NULL;
    const char *end = NULL;
    uint32_t bom = 0, off;
    enum gw_status rc;

    assert(a && src && root && err);
    *root = NULL;
    err->span.start = err->span.end = 0;
    err->message[0] = '\0';
    sc.a = a;
    sc.s = (const unsigned char *)src->text;
    sc.err = err;
    if (src->len >= UINT32_MAX)
        return fail(&sc, GW_ERR_LIMIT, 0, 0, "input larger than 4 GiB");
    sc.len = (uint32_t)src->len;

    if (sc.len >= 3 && memcmp(sc.s, "\xEF\xBB\xBF", 3) == 0)
        bom = 3;
    sc.pos = bom;
    skip_ws(&sc);
    if (sc.pos >= sc.len)
        return fail(&sc, GW_ERR_PARSE, sc.len, sc.len, "expected a JSON value");
    rc = scan_value(&sc, 0, &tree);
    if (rc != GW_OK)
        return rc;
    skip_ws(&sc);
    if (sc.pos < sc.len)
        return unexpected(&sc, "trailing characters after the JSON value");

#ifndef GW_JSON_CROSSCHECK
    if (sc.escapes == 0) {
        *root = tree;
        return GW_OK;
    }
#endif
    /* cJSON skips a BOM only when 2 or more bytes follow it, so it is given
     * the text after the BOM. Where it stops must be where the scanner's
     * value ends (it does not skip the whitespace after the value). */
    cJSON_InitHooks(&hooks);
    json = cJSON_ParseWithLengthOpts(src->text + bom, src->len - bom, &end, 0);
    if (!json) {
        off = end ? (uint32_t)(end - src->text) : bom;
        if (off >= sc.len)
            off = sc.len - 1;
        rc = fail(&sc, GW_ERR_PARSE, off, off + 1,
                  "the JSON decoder rejects the text here");
        goto out;
    }
    if (end != src->text + tree->span.end) {
        rc = fail(&sc, GW_ERR_PARSE, tree->span.start, tree->span.end,
                  "the JSON decoder reads this value differently");
        goto out;
    }
    bad = merge(a, json, tree);
    if (bad) {
        rc = fail(&sc, GW_ERR_PARSE, bad->span.start, bad->span.end,
                  "the JSON decoder reads this value differently");
        goto out;
    }
    *root = tree;
    rc = GW_OK;
out:
    cJSON_Delete(json);
    return rc;
}
