/* Unit tests of load_json.c: exact spans of keys and values (bytes and
 * line/col), decoded strings, members in order with duplicates, and every
 * parse error and limit with its offset and message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "load_json.h"
#include "mem.h"
#include "node.h"
#include "src.h"
#include "status.h"

struct doc {
    struct gw_arena *a;
    struct gw_source src;
    struct gw_node *root;
    struct gw_load_error err;
    enum gw_status rc;
};

static void load(struct doc *d, const char *text, size_t len)
{
    d->a = gw_arena_new();
    gw_source_init(&d->src, d->a, "t.json", text, len);
    d->root = (struct gw_node *)&d->root; /* must be overwritten */
    d->rc = gw_load_json(d->a, &d->src, &d->root, &d->err);
}

#define LOAD(d, lit) load((d), (lit), sizeof(lit) - 1)

/* Load text that must parse; returns its root. */
static struct gw_node *load_ok(struct doc *d, const char *text, size_t len)
{
    load(d, text, len);
    if (d->rc != GW_OK)
        fail_msg("load failed: [%u,%u) %s", d->err.span.start, d->err.span.end,
                 d->err.message);
    assert_non_null(d->root);
    return d->root;
}

#define LOAD_OK(d, lit) load_ok((d), (lit), sizeof(lit) - 1)

/* n spans exactly the bytes `raw` from `start`, which is at line:col. */
static void check_span(const struct doc *d, const struct gw_node *n,
                       uint32_t start, const char *raw, unsigned line,
                       unsigned col)
{
    unsigned l, c;
    size_t len = strlen(raw);

    assert_non_null(n);
    assert_int_equal(n->span.start, start);
    assert_int_equal(n->span.end, start + len);
    assert_memory_equal(d->src.text + start, raw, len);
    gw_source_line_col(&d->src, start, &l, &c);
    assert_int_equal(l, line);
    assert_int_equal(c, col);
}

/* n is a container from `start` to `end`, bracket to bracket, at line:col. */
static void check_container(const struct doc *d, const struct gw_node *n,
                            uint32_t start, uint32_t end, unsigned line,
                            unsigned col)
{
    unsigned l, c;

    assert_non_null(n);
    assert_int_equal(n->span.start, start);
    assert_int_equal(n->span.end, end);
    assert_int_equal(d->src.text[start], n->kind == GW_NODE_MAP ? '{' : '[');
    assert_int_equal(d->src.text[end - 1], n->kind == GW_NODE_MAP ? '}' : ']');
    gw_source_line_col(&d->src, start, &l, &c);
    assert_int_equal(l, line);
    assert_int_equal(c, col);
}

/* n is a scalar of `type` whose decoded text is str (len bytes). */
static void check_scalar(const struct gw_node *n, enum gw_scalar type,
                         const char *str, size_t len)
{
    assert_non_null(n);
    assert_int_equal(n->kind, GW_NODE_SCALAR);
    assert_int_equal(n->scalar, type);
    assert_int_equal(n->quoted, type == GW_SCALAR_STRING);
    assert_int_equal(n->len, len);
    assert_memory_equal(n->str, str, len);
    assert_int_equal(n->str[len], '\0');
}

static void check_string(const struct gw_node *n, const char *str)
{
    check_scalar(n, GW_SCALAR_STRING, str, strlen(str));
}

/* ---- spans ---- */

static void test_flat_object(void **state)
{
    static const char text[] =
        "{\n"
        "  \"gateway.configuration.uri\": "
        "\"demo.configuration.azure-api.net\",\n"
        "  \"gateway.auth.token\": \"GatewayKey gw&202701011200&abc==\",\n"
        "  \"service.type\": \"LoadBalancer\"\n"
        "}\n";
    static const struct {
        const char *key;
        uint32_t kstart;
        unsigned kline, kcol;
        const char *value;
        uint32_t vstart;
        unsigned vline, vcol;
    } want[] = {
        {"gateway.configuration.uri", 4, 2, 3,
         "demo.configuration.azure-api.net", 33, 2, 32},
        {"gateway.auth.token", 71, 3, 3, "GatewayKey gw&202701011200&abc==", 93,
         3, 25},
        {"service.type", 131, 4, 3, "LoadBalancer", 147, 4, 19},
    };
    struct doc d;
    struct gw_node *root = LOAD_OK(&d, text);
    char raw[128];
    size_t i;

    (void)state;
    assert_int_equal(root->kind, GW_NODE_MAP);
    check_container(&d, root, 0, 163, 1, 1);
    assert_int_equal(root->nkids, 3);
    for (i = 0; i < 3; i++) {
        const struct gw_node *v = root->kids[i];
        snprintf(raw, sizeof raw, "\"%s\"", want[i].key);
        check_span(&d, v->key, want[i].kstart, raw, want[i].kline,
                   want[i].kcol);
        check_string(v->key, want[i].key);
        snprintf(raw, sizeof raw, "\"%s\"", want[i].value);
        check_span(&d, v, want[i].vstart, raw, want[i].vline, want[i].vcol);
        check_string(v, want[i].value);
        assert_null(v->kids);
    }
    assert_ptr_equal(gw_node_get(root, "service.type"), root->kids[2]);
    gw_arena_free(d.a);
}

static void test_nested_object(void **state)
{
    static const char text[] = "{\n"
                               "  \"properties\": {\n"
                               "    \"configurationSettings\": {\n"
                               "      \"gateway.configuration.uri\": "
                               "\"x.configuration.azure-api.net\",\n"
                               "      \"service.type\": \"NodePort\"\n"
                               "    },\n"
                               "    \"configurationProtectedSettings\": "
                               "{\"gateway.auth.token\": \"t\"}\n"
                               "  }\n"
                               "}";
    struct doc d;
    struct gw_node *root = LOAD_OK(&d, text), *props, *cs, *cps;

    (void)state;
    check_container(&d, root, 0, sizeof text - 1, 1, 1);
    assert_int_equal(root->nkids, 1);

    props = gw_node_get(root, "properties");
    assert_ptr_equal(props, root->kids[0]);
    check_span(&d, props->key, 4, "\"properties\"", 2, 3);
    assert_int_equal(props->kind, GW_NODE_MAP);
    check_container(&d, props, 18, 228, 2, 17);
    assert_int_equal(props->nkids, 2);

    cs = props->kids[0];
    check_span(&d, cs->key, 24, "\"configurationSettings\"", 3, 5);
    assert_int_equal(cs->kind, GW_NODE_MAP);
    check_container(&d, cs, 49, 157, 3, 30);
    assert_int_equal(cs->nkids, 2);
    check_span(&d, cs->kids[0]->key, 57, "\"gateway.configuration.uri\"", 4, 7);
    check_span(&d, cs->kids[0], 86, "\"x.configuration.azure-api.net\"", 4, 36);
    check_string(cs->kids[0], "x.configuration.azure-api.net");
    check_span(&d, cs->kids[1]->key, 125, "\"service.type\"", 5, 7);
    check_span(&d, cs->kids[1], 141, "\"NodePort\"", 5, 23);

    cps = gw_node_get(props, "configurationProtectedSettings");
    assert_ptr_equal(cps, props->kids[1]);
    check_span(&d, cps->key, 163, "\"configurationProtectedSettings\"", 7, 5);
    check_span(&d, cps, 197, "{\"gateway.auth.token\": \"t\"}", 7, 39);
    assert_int_equal(cps->nkids, 1);
    check_span(&d, cps->kids[0]->key, 198, "\"gateway.auth.token\"", 7, 40);
    check_span(&d, cps->kids[0], 220, "\"t\"", 7, 62);
    check_string(cps->kids[0], "t");
    gw_arena_free(d.a);
}

static void test_arrays(void **state)
{
    static const char text[] = "[1, [true, null],\n {\"a\": []}, \"x\", []]";
    struct doc d;
    struct gw_node *root = LOAD_OK(&d, text), *inner, *obj;

    (void)state;
    assert_int_equal(root->kind, GW_NODE_SEQ);
    check_span(&d, root, 0, text, 1, 1);
    assert_int_equal(root->nkids, 5);
    check_span(&d, root->kids[0], 1, "1", 1, 2);
    assert_null(root->kids[0]->key);

    inner = root->kids[1];
    assert_int_equal(inner->kind, GW_NODE_SEQ);
    check_span(&d, inner, 4, "[true, null]", 1, 5);
    assert_int_equal(inner->nkids, 2);
    check_span(&d, inner->kids[0], 5, "true", 1, 6);
    check_span(&d, inner->kids[1], 11, "null", 1, 12);

    obj = root->kids[2];
    assert_int_equal(obj->kind, GW_NODE_MAP);
    check_span(&d, obj, 19, "{\"a\": []}", 2, 2);
    check_span(&d, obj->kids[0]->key, 20, "\"a\"", 2, 3);
    check_span(&d, obj->kids[0], 25, "[]", 2, 8);
    assert_int_equal(obj->kids[0]->kind, GW_NODE_SEQ);
    assert_int_equal(obj->kids[0]->nkids, 0);

    check_span(&d, root->kids[3], 30, "\"x\"", 2, 13);
    check_string(root->kids[3], "x");
    check_span(&d, root->kids[4], 35, "[]", 2, 18);
    assert_int_equal(root->kids[4]->nkids, 0);
    gw_arena_free(d.a);
}

static void test_scalars(void **state)
{
    /* Each text alone, then all of them in one array. */
    static const struct {
        const char *text;
        enum gw_scalar type;
        const char *str;
    } cases[] = {
        {"3", GW_SCALAR_NUMBER, "3"},
        {"1e5", GW_SCALAR_NUMBER, "1e5"},
        {"-0.5", GW_SCALAR_NUMBER, "-0.5"},
        {"0", GW_SCALAR_NUMBER, "0"},
        {"-0", GW_SCALAR_NUMBER, "-0"},
        {"1.5E+10", GW_SCALAR_NUMBER, "1.5E+10"},
        {"2e-3", GW_SCALAR_NUMBER, "2e-3"},
        {"443", GW_SCALAR_NUMBER, "443"},
        {"12345678901234567890123456789012345678901234567890123456789012345"
         "678901234567890",
         GW_SCALAR_NUMBER,
         "12345678901234567890123456789012345678901234567890123456789012345"
         "678901234567890"},
        {"true", GW_SCALAR_BOOL, "true"},
        {"false", GW_SCALAR_BOOL, "false"},
        {"null", GW_SCALAR_NULL, "null"},
        {"\"\"", GW_SCALAR_STRING, ""},
        {"\"3\"", GW_SCALAR_STRING, "3"},
        {"\"true\"", GW_SCALAR_STRING, "true"},
    };
    const size_t n = sizeof cases / sizeof cases[0];
    struct gw_buf all;
    struct doc d;
    struct gw_node *root;
    uint32_t off;
    size_t i;

    (void)state;
    for (i = 0; i < n; i++) {
        struct gw_buf b;
        gw_buf_init(&b, 0);
        gw_buf_printf(&b, "  %s\n", cases[i].text);
        root = load_ok(&d, b.data, b.len);
        check_span(&d, root, 2, cases[i].text, 1, 3);
        check_scalar(root, cases[i].type, cases[i].str, strlen(cases[i].str));
        assert_null(root->key);
        gw_arena_free(d.a);
        gw_buf_release(&b);
    }

    gw_buf_init(&all, 0);
    gw_buf_putc(&all, '[');
    for (i = 0; i < n; i++)
        gw_buf_printf(&all, "%s%s", i ? ", " : "", cases[i].text);
    gw_buf_putc(&all, ']');
    root = load_ok(&d, all.data, all.len);
    assert_int_equal(root->nkids, n);
    for (i = 0, off = 1; i < n; i++) {
        check_span(&d, root->kids[i], off, cases[i].text, 1, off + 1);
        check_scalar(root->kids[i], cases[i].type, cases[i].str,
                     strlen(cases[i].str));
        off += (uint32_t)strlen(cases[i].text) + 2;
    }
    gw_arena_free(d.a);
    gw_buf_release(&all);
}

static void test_escapes(void **state)
{
    /* Escapes before other members on the same line: the spans after them
     * are still exact. */
    static const char text[] = "{\"a\": \"q\\\"b\\\\s\\u00e9\\ud83d\\ude00\", "
                               "\"b\": \"\\/\\b\\f\\n\\r\\t\", \"c\": 1}";
    struct doc d;
    struct gw_node *root = LOAD_OK(&d, text);

    (void)state;
    assert_int_equal(root->nkids, 3);
    check_span(&d, root->kids[0]->key, 1, "\"a\"", 1, 2);
    check_span(&d, root->kids[0], 6, "\"q\\\"b\\\\s\\u00e9\\ud83d\\ude00\"", 1,
               7);
    check_string(root->kids[0], "q\"b\\s\xC3\xA9\xF0\x9F\x98\x80");
    check_span(&d, root->kids[1]->key, 35, "\"b\"", 1, 36);
    check_span(&d, root->kids[1], 40, "\"\\/\\b\\f\\n\\r\\t\"", 1, 41);
    check_string(root->kids[1], "/\b\f\n\r\t");
    check_span(&d, root->kids[2]->key, 56, "\"c\"", 1, 57);
    check_span(&d, root->kids[2], 61, "1", 1, 62);
    check_scalar(root->kids[2], GW_SCALAR_NUMBER, "1", 1);
    gw_arena_free(d.a);
}

static void test_escaped_nul_and_keys(void **state)
{
    /* \u0000 decodes to a NUL inside the string; len counts it. Keys are
     * decoded like values. */
    static const char text[] =
        "{\"k\\u0041\\n\": \"a\\u0000b\", \"\\u00fc\": \"\\u0041\\u07ff\"}";
    struct doc d;
    struct gw_node *root = LOAD_OK(&d, text);

    (void)state;
    assert_int_equal(root->nkids, 2);
    check_string(root->kids[0]->key, "kA\n");
    check_span(&d, root->kids[0]->key, 1, "\"k\\u0041\\n\"", 1, 2);
    check_scalar(root->kids[0], GW_SCALAR_STRING, "a\0b", 3);
    check_span(&d, root->kids[0], 14, "\"a\\u0000b\"", 1, 15);
    check_string(root->kids[1]->key, "\xC3\xBC");
    check_string(root->kids[1], "A\xDF\xBF");
    assert_ptr_equal(gw_node_get(root, "\xC3\xBC"), root->kids[1]);
    gw_arena_free(d.a);
}

static void test_multibyte(void **state)
{
    /* Spans are bytes, columns are characters. */
    static const char text[] = "{\"\xC3\xA9\": \"\xF0\x9F\x98\x80 \xC3\xBC\",\n"
                               " \"k\": [\"\xC3\xBC\", 2]}";
    struct doc d;
    struct gw_node *root = LOAD_OK(&d, text), *k;

    (void)state;
    check_span(&d, root->kids[0]->key, 1, "\"\xC3\xA9\"", 1, 2);
    check_string(root->kids[0]->key, "\xC3\xA9");
    check_span(&d, root->kids[0], 7, "\"\xF0\x9F\x98\x80 \xC3\xBC\"", 1, 7);
    check_string(root->kids[0], "\xF0\x9F\x98\x80 \xC3\xBC");
    k = root->kids[1];
    check_span(&d, k->key, 19, "\"k\"", 2, 2);
    check_span(&d, k, 24, "[\"\xC3\xBC\", 2]", 2, 7);
    check_span(&d, k->kids[0], 25, "\"\xC3\xBC\"", 2, 8);
    check_span(&d, k->kids[1], 31, "2", 2, 13);
    check_span(&d, root, 0, text, 1, 1);
    gw_arena_free(d.a);
}

static void test_crlf(void **state)
{
    static const char text[] =
        "{\r\n  \"a\": 1,\r\n  \"b\": [\r\n    2\r\n  ]\r\n}\r\n";
    struct doc d;
    struct gw_node *root = LOAD_OK(&d, text), *b;

    (void)state;
    check_container(&d, root, 0, 37, 1, 1);
    check_span(&d, root->kids[0]->key, 5, "\"a\"", 2, 3);
    check_span(&d, root->kids[0], 10, "1", 2, 8);
    b = root->kids[1];
    check_span(&d, b->key, 16, "\"b\"", 3, 3);
    check_span(&d, b, 21, "[\r\n    2\r\n  ]", 3, 8);
    check_span(&d, b->kids[0], 28, "2", 4, 5);
    gw_arena_free(d.a);
}

static void test_bom(void **state)
{
    struct doc d;
    struct gw_node *root;

    (void)state;
    root = LOAD_OK(&d, "\xEF\xBB\xBF{\"a\": 1}");
    check_span(&d, root, 3, "{\"a\": 1}", 1, 1);
    check_span(&d, root->kids[0]->key, 4, "\"a\"", 1, 2);
    check_span(&d, root->kids[0], 9, "1", 1, 7);
    gw_arena_free(d.a);

    /* cJSON alone does not skip a BOM followed by fewer than 2 bytes. */
    root = LOAD_OK(&d, "\xEF\xBB\xBF"
                       "1");
    check_span(&d, root, 3, "1", 1, 1);
    check_scalar(root, GW_SCALAR_NUMBER, "1", 1);
    gw_arena_free(d.a);

    root = LOAD_OK(&d, "\xEF\xBB\xBF\n \"x\" ");
    check_span(&d, root, 5, "\"x\"", 2, 2);
    check_string(root, "x");
    gw_arena_free(d.a);
}

static void test_tabs(void **state)
{
    static const char text[] = "{\t\"a\":\t\"b\",\n\t\"c\":\t[\t1\t]}";
    struct doc d;
    struct gw_node *root = LOAD_OK(&d, text);

    (void)state;
    check_span(&d, root->kids[0]->key, 2, "\"a\"", 1, 3);
    check_span(&d, root->kids[0], 7, "\"b\"", 1, 8);
    check_span(&d, root->kids[1]->key, 13, "\"c\"", 2, 2);
    check_span(&d, root->kids[1], 18, "[\t1\t]", 2, 7);
    check_span(&d, root->kids[1]->kids[0], 20, "1", 2, 9);
    check_container(&d, root, 0, 24, 1, 1);
    gw_arena_free(d.a);
}

static void test_duplicates_in_order(void **state)
{
    static const char text[] = "{\"a\": 1, \"b\": 2, \"a\": 3}";
    static const struct {
        const char *key, *value;
        uint32_t kstart, vstart;
    } want[] = {{"a", "1", 1, 6}, {"b", "2", 9, 14}, {"a", "3", 17, 22}};
    struct doc d;
    struct gw_node *root = LOAD_OK(&d, text);
    char raw[8];
    size_t i;

    (void)state;
    assert_int_equal(root->nkids, 3);
    for (i = 0; i < 3; i++) {
        snprintf(raw, sizeof raw, "\"%s\"", want[i].key);
        check_span(&d, root->kids[i]->key, want[i].kstart, raw, 1,
                   want[i].kstart + 1);
        check_string(root->kids[i]->key, want[i].key);
        check_span(&d, root->kids[i], want[i].vstart, want[i].value, 1,
                   want[i].vstart + 1);
    }
    assert_ptr_equal(gw_node_get(root, "a"), root->kids[0]);
    gw_arena_free(d.a);
}

static void test_empty_containers(void **state)
{
    struct doc d;
    struct gw_node *root;

    (void)state;
    root = LOAD_OK(&d, " {} ");
    assert_int_equal(root->kind, GW_NODE_MAP);
    assert_int_equal(root->nkids, 0);
    check_span(&d, root, 1, "{}", 1, 2);
    gw_arena_free(d.a);

    root = LOAD_OK(&d, "[\n]");
    assert_int_equal(root->kind, GW_NODE_SEQ);
    assert_int_equal(root->nkids, 0);
    check_span(&d, root, 0, "[\n]", 1, 1);
    gw_arena_free(d.a);

    root = LOAD_OK(&d, "{\"\": {}}");
    check_string(root->kids[0]->key, "");
    check_span(&d, root->kids[0]->key, 1, "\"\"", 1, 2);
    check_span(&d, root->kids[0], 5, "{}", 1, 6);
    gw_arena_free(d.a);
}

/* A 5,000-key file: every member in order with its span. */
static void test_many_keys(void **state)
{
    enum { N = 5000, MEMBER = 18 }; /* "kNNNN": "vNNNN",\n */
    struct gw_buf b;
    struct doc d;
    struct gw_node *root;
    char key[8], value[8];
    unsigned i;

    (void)state;
    gw_buf_init(&b, 0);
    gw_buf_puts(&b, "{\n");
    for (i = 0; i < N; i++)
        gw_buf_printf(&b, "\"k%04u\": \"v%04u\"%s\n", i, i,
                      i + 1 < N ? "," : " ");
    gw_buf_puts(&b, "}");
    root = load_ok(&d, b.data, b.len);
    assert_int_equal(root->nkids, N);
    for (i = 0; i < N; i++) {
        const struct gw_node *v = root->kids[i];
        snprintf(key, sizeof key, "k%04u", i);
        snprintf(value, sizeof value, "v%04u", i);
        check_string(v->key, key);
        check_string(v, value);
        assert_int_equal(v->key->span.start, 2 + MEMBER * i);
        assert_int_equal(v->key->span.end, 2 + MEMBER * i + 7);
        assert_int_equal(v->span.start, 2 + MEMBER * i + 9);
        assert_int_equal(v->span.end, 2 + MEMBER * i + 16);
    }
    check_span(&d, root->kids[N - 1]->key, 2 + MEMBER * (N - 1), "\"k4999\"",
               N + 1, 1);
    gw_arena_free(d.a);
    gw_buf_release(&b);
}

static void test_depth_64_ok(void **state)
{
    struct gw_buf b;
    struct doc d;
    struct gw_node *n;
    unsigned i;

    (void)state;
    gw_buf_init(&b, 0);
    for (i = 0; i < GW_MAX_DEPTH; i++)
        gw_buf_puts(&b, "{\"a\":");
    gw_buf_puts(&b, "1");
    for (i = 0; i < GW_MAX_DEPTH; i++)
        gw_buf_putc(&b, '}');
    n = load_ok(&d, b.data, b.len);
    for (i = 0; i < GW_MAX_DEPTH; i++) {
        assert_int_equal(n->kind, GW_NODE_MAP);
        assert_int_equal(n->span.start, 5 * i);
        assert_int_equal(n->span.end, b.len - i);
        assert_int_equal(n->nkids, 1);
        n = n->kids[0];
    }
    check_span(&d, n, 5 * GW_MAX_DEPTH, "1", 1, 5 * GW_MAX_DEPTH + 1);
    gw_arena_free(d.a);
    gw_buf_release(&b);
}

/* ---- errors ---- */

struct err_case {
    const char *name;
    const char *text;
    size_t len;
    enum gw_status rc;
    uint32_t start, end;
    unsigned line, col;
    const char *message;
};

#define P(name, lit, s, e, line, col, msg)                                     \
    {                                                                          \
        name, lit, sizeof(lit) - 1, GW_ERR_PARSE, s, e, line, col, msg         \
    }

static const struct err_case err_cases[] = {
    /* empty */
    P("empty", "", 0, 0, 1, 1, "expected a JSON value"),
    P("blank", " \n\t", 3, 3, 2, 2, "expected a JSON value"),
    P("bom only", "\xEF\xBB\xBF", 3, 3, 1, 1, "expected a JSON value"),
    /* truncated */
    P("truncated object", "{\"a\": 1", 7, 7, 1, 8, "unexpected end of file"),
    P("truncated after {", "{", 1, 1, 1, 2, "unexpected end of file"),
    P("truncated after key", "{\"a\"", 4, 4, 1, 5, "unexpected end of file"),
    P("truncated after colon", "{\"a\":", 5, 5, 1, 6, "unexpected end of file"),
    P("truncated after comma", "{\"a\": 1,\n", 9, 9, 2, 1,
      "unexpected end of file"),
    P("truncated array", "[1, 2", 5, 5, 1, 6, "unexpected end of file"),
    P("truncated literal", "[tru", 4, 4, 1, 5, "unexpected end of file"),
    P("truncated number", "[-", 2, 2, 1, 3, "unexpected end of file"),
    P("truncated exponent", "1e", 2, 2, 1, 3, "unexpected end of file"),
    P("unterminated string", "{\"a\": \"bc", 6, 7, 1, 7, "unterminated string"),
    P("unterminated key", "{\"ab", 1, 2, 1, 2, "unterminated string"),
    P("unterminated escape", "\"ab\\", 0, 1, 1, 1, "unterminated string"),
    P("truncated \\u escape", "\"\\u00", 0, 1, 1, 1, "unterminated string"),
    /* missing or extra punctuation */
    P("missing comma", "{\"a\": 1 \"b\": 2}", 8, 9, 1, 9,
      "expected ',' or '}' after object member"),
    P("missing comma, next line", "{\n  \"a\": \"x\"\n  \"b\": \"y\"\n}", 15,
      16, 3, 3, "expected ',' or '}' after object member"),
    P("missing comma in array", "[1 2]", 3, 4, 1, 4,
      "expected ',' or ']' after array element"),
    P("trailing comma in object", "{\"a\": 1,}", 7, 8, 1, 8,
      "trailing comma before '}'"),
    P("trailing comma before newline", "{\"a\": 1,\n}", 7, 8, 1, 8,
      "trailing comma before '}'"),
    P("trailing comma in array", "[1,]", 2, 3, 1, 3,
      "trailing comma before ']'"),
    P("trailing garbage", "{\"a\": 1} x", 9, 10, 1, 10,
      "trailing characters after the JSON value"),
    P("two values", "{}\n{}", 3, 4, 2, 1,
      "trailing characters after the JSON value"),
    P("literal with suffix", "truex", 4, 5, 1, 5,
      "trailing characters after the JSON value"),
    P("missing colon", "{\"a\" 1}", 5, 6, 1, 6,
      "expected ':' after object key"),
    P("unquoted key", "{a: 1}", 1, 2, 1, 2, "expected a string key or '}'"),
    P("single-quoted key", "{'a': 1}", 1, 2, 1, 2,
      "expected a string key or '}'"),
    P("number key", "{\"a\": 1, 2: 3}", 9, 10, 1, 10, "expected a string key"),
    P("missing value", "{\"a\": }", 6, 7, 1, 7, "expected a JSON value"),
    P("close bracket mismatch", "[1}", 2, 3, 1, 3,
      "expected ',' or ']' after array element"),
    P("form feed", "{\f}", 1, 2, 1, 2, "expected a string key or '}'"),
    /* literals and numbers */
    P("misspelt true", "[tru]", 4, 5, 1, 5, "invalid literal; expected 'true'"),
    P("misspelt null", "[nil]", 2, 3, 1, 3, "invalid literal; expected 'null'"),
    P("misspelt false", "[fals ]", 5, 6, 1, 6,
      "invalid literal; expected 'false'"),
    P("capitalised literal", "True", 0, 1, 1, 1, "expected a JSON value"),
    P("leading zero", "[01]", 1, 2, 1, 2, "leading zero in number"),
    P("minus alone", "[-]", 2, 3, 1, 3, "expected a digit after '-'"),
    P("dot without digit", "[1.]", 3, 4, 1, 4, "expected a digit after '.'"),
    P("exponent without digit", "[1e+]", 4, 5, 1, 5,
      "expected a digit in the exponent"),
    P("leading dot", "[.5]", 1, 2, 1, 2, "expected a JSON value"),
    P("plus sign", "[+1]", 1, 2, 1, 2, "expected a JSON value"),
    P("hex number", "[0x1]", 2, 3, 1, 3,
      "expected ',' or ']' after array element"),
    /* strings */
    P("invalid escape", "[\"a\\qb\"]", 3, 5, 1, 4,
      "invalid escape '\\q' in string"),
    P("invalid \\u escape", "[\"\\u12G4\"]", 2, 4, 1, 3,
      "invalid \\u escape; expected 4 hex digits"),
    P("short \\u escape", "[\"\\u12\"]", 2, 4, 1, 3,
      "invalid \\u escape; expected 4 hex digits"),
    P("lone low surrogate", "[\"\\udc00\"]", 2, 8, 1, 3,
      "unpaired surrogate in \\u escape"),
    P("lone high surrogate", "[\"\\ud83dx\"]", 2, 8, 1, 3,
      "unpaired surrogate in \\u escape"),
    P("high surrogate then BMP", "[\"\\ud83d\\u0041\"]", 2, 8, 1, 3,
      "unpaired surrogate in \\u escape"),
    P("tab in string", "[\"a\tb\"]", 3, 4, 1, 4,
      "unescaped control character 0x09 in string"),
    P("newline in string", "{\"a\": \"b\nc\"}", 8, 9, 1, 9,
      "unescaped line break in string"),
    /* NUL bytes */
    P("NUL in string",
      "{\"a\": \"b\0"
      "c\"}",
      8, 9, 1, 9, "NUL byte in input"),
    P("NUL after value", "{}\0", 2, 3, 1, 3, "NUL byte in input"),
    P("NUL in whitespace", "{\0}", 1, 2, 1, 2, "NUL byte in input"),
    P("NUL first", "\0{}", 0, 1, 1, 1, "NUL byte in input"),
    P("NUL after backslash", "[\"\\\0\"]", 3, 4, 1, 4, "NUL byte in input"),
    /* UTF-8 */
    P("invalid UTF-8 in string", "{\"a\": \"\xC3(\"}", 7, 8, 1, 8,
      "invalid UTF-8 byte 0xc3"),
    P("invalid UTF-8 in key", "{\"\x80\": 1}", 2, 3, 1, 3,
      "invalid UTF-8 byte 0x80"),
    P("invalid UTF-8 outside strings", "{\"a\": 1, \xFF}", 9, 10, 1, 10,
      "invalid UTF-8 byte 0xff"),
    P("invalid UTF-8 after the value", "[1] \xFE", 4, 5, 1, 5,
      "invalid UTF-8 byte 0xfe"),
    P("overlong encoding", "\"\xC0\xAF\"", 1, 2, 1, 2,
      "invalid UTF-8 byte 0xc0"),
    P("overlong 3-byte", "\"\xE0\x80\xAF\"", 1, 2, 1, 2,
      "invalid UTF-8 byte 0xe0"),
    P("encoded surrogate", "\"\xED\xA0\x80\"", 1, 2, 1, 2,
      "invalid UTF-8 byte 0xed"),
    P("beyond U+10FFFF", "\"\xF4\x90\x80\x80\"", 1, 2, 1, 2,
      "invalid UTF-8 byte 0xf4"),
    P("truncated sequence at end", "\"\xE2\x82", 1, 2, 1, 2,
      "invalid UTF-8 byte 0xe2"),
    P("invalid UTF-8 after backslash", "[\"\\\xC3\"]", 3, 4, 1, 4,
      "invalid UTF-8 byte 0xc3"),
    P("curly quotes", "{\"a\": \xE2\x80\x9Cx\xE2\x80\x9D}", 6, 9, 1, 7,
      "expected a JSON value"),
    P("second BOM", "\xEF\xBB\xBF\xEF\xBB\xBF{}", 3, 6, 1, 1,
      "expected a JSON value"),
};

static void test_errors(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof err_cases / sizeof err_cases[0]; i++) {
        const struct err_case *c = &err_cases[i];
        struct doc d;
        unsigned line, col;
        bool ok;
        char got[400];

        load(&d, c->text, c->len);
        gw_source_line_col(&d.src, d.err.span.start, &line, &col);
        ok = d.rc == c->rc && d.root == NULL && d.err.span.start == c->start &&
             d.err.span.end == c->end && line == c->line && col == c->col &&
             strcmp(d.err.message, c->message) == 0;
        snprintf(got, sizeof got, "rc %d root %s [%u,%u) %u:%u \"%s\"",
                 (int)d.rc, d.root ? "set" : "NULL", d.err.span.start,
                 d.err.span.end, line, col, d.err.message);
        gw_arena_free(d.a);
        if (!ok)
            fail_msg("case '%s': want rc %d [%u,%u) %u:%u \"%s\"; got %s",
                     c->name, (int)c->rc, c->start, c->end, c->line, c->col,
                     c->message, got);
    }
}

/* Nesting past GW_MAX_DEPTH stops at the 65th bracket, before cJSON sees
 * the text (itself allowing 1000). */
static void test_depth_limit(void **state)
{
    static const struct {
        const char *open, *close;
        unsigned depth;
        uint32_t at; /* offset of the first bracket past the limit */
    } cases[] = {
        {"[", "]", 100, 64},
        {"{\"a\":", "}", 100, 5 * 64 + 0},
        {"[", "]", 1000, 64},
        {" [ ", "", 65, 3 * 64 + 1}, /* unbalanced: the limit comes first */
    };
    size_t i;
    unsigned k;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct gw_buf b;
        struct doc d;

        gw_buf_init(&b, 0);
        for (k = 0; k < cases[i].depth; k++)
            gw_buf_puts(&b, cases[i].open);
        for (k = 0; k < cases[i].depth; k++)
            gw_buf_puts(&b, cases[i].close);
        load(&d, b.data, b.len);
        assert_int_equal(d.rc, GW_ERR_LIMIT);
        assert_null(d.root);
        assert_int_equal(d.err.span.start, cases[i].at);
        assert_int_equal(d.err.span.end, cases[i].at + 1);
        assert_memory_equal(b.data + cases[i].at,
                            cases[i].open[0] == ' ' ? "[" : cases[i].open, 1);
        assert_string_equal(d.err.message, "nesting deeper than 64 levels");
        gw_arena_free(d.a);
        gw_buf_release(&b);
    }
}

/* Keys and values both count as nodes: an array of n items is n + 1. */
static void test_node_limit(void **state)
{
    struct gw_buf b;
    struct doc d;
    unsigned i, items;

    (void)state;
    for (items = GW_MAX_NODES - 1; items <= GW_MAX_NODES; items++) {
        gw_buf_init(&b, 0);
        gw_buf_putc(&b, '[');
        for (i = 0; i < items; i++)
            gw_buf_puts(&b, i ? ",0" : "0");
        gw_buf_putc(&b, ']');
        load(&d, b.data, b.len);
        if (items + 1 <= GW_MAX_NODES) {
            assert_int_equal(d.rc, GW_OK);
            assert_int_equal(d.root->nkids, items);
        } else {
            /* Node 100001 is the item at index 99999, at 1 + 2 * 99999. */
            assert_int_equal(d.rc, GW_ERR_LIMIT);
            assert_null(d.root);
            assert_int_equal(d.err.span.start, 1 + 2 * (GW_MAX_NODES - 1));
            assert_string_equal(d.err.message, "more than 100000 nodes");
        }
        gw_arena_free(d.a);
        gw_buf_release(&b);
    }

    /* {"a":0,...}: 50,000 members are 100,001 nodes with the map. */
    gw_buf_init(&b, 0);
    gw_buf_putc(&b, '{');
    for (i = 0; i < GW_MAX_NODES / 2; i++)
        gw_buf_puts(&b, i ? ",\"a\":0" : "\"a\":0");
    gw_buf_putc(&b, '}');
    load(&d, b.data, b.len);
    assert_int_equal(d.rc, GW_ERR_LIMIT);
    assert_null(d.root);
    /* The last member's value: 1 + 6 * 49999 + 4. */
    assert_int_equal(d.err.span.start, 1 + 6 * (GW_MAX_NODES / 2 - 1) + 4);
    gw_arena_free(d.a);
    gw_buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flat_object),
        cmocka_unit_test(test_nested_object),
        cmocka_unit_test(test_arrays),
        cmocka_unit_test(test_scalars),
        cmocka_unit_test(test_escapes),
        cmocka_unit_test(test_escaped_nul_and_keys),
        cmocka_unit_test(test_multibyte),
        cmocka_unit_test(test_crlf),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_tabs),
        cmocka_unit_test(test_duplicates_in_order),
        cmocka_unit_test(test_empty_containers),
        cmocka_unit_test(test_many_keys),
        cmocka_unit_test(test_depth_64_ok),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_depth_limit),
        cmocka_unit_test(test_node_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
