/* Unit tests of load_yaml.c: exact spans of keys and values (bytes and
 * line/col) across scalar styles, multibyte text, CRLF, BOM and flow
 * collections; core-schema typing; anchors, aliases and merge keys; every
 * parse error and limit with its offset and message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "load_yaml.h"
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
    gw_source_init(&d->src, d->a, "t.yaml", text, len);
    d->root = (struct gw_node *)&d->root; /* must be overwritten */
    d->rc = gw_load_yaml(d->a, &d->src, &d->root, &d->err);
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

/* Load text that must fail with `rc`, `message` and span [start, end). */
static void load_fail(struct doc *d, const char *text, size_t len,
                      enum gw_status rc, const char *message, uint32_t start,
                      uint32_t end)
{
    load(d, text, len);
    if (d->rc != rc)
        fail_msg("rc %d, want %d: [%u,%u) %s", d->rc, rc, d->err.span.start,
                 d->err.span.end, d->err.message);
    assert_null(d->root);
    assert_string_equal(d->err.message, message);
    assert_int_equal(d->err.span.start, start);
    assert_int_equal(d->err.span.end, end);
}

static void unload(struct doc *d)
{
    gw_arena_free(d->a);
}

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

/* n is the scalar with decoded value `str` and type `type`. */
static void check_scalar(const struct gw_node *n, const char *str,
                         enum gw_scalar type, bool quoted)
{
    assert_non_null(n);
    assert_int_equal(n->kind, GW_NODE_SCALAR);
    assert_int_equal(n->len, strlen(str));
    assert_string_equal(n->str, str);
    assert_int_equal(n->scalar, type);
    assert_int_equal(n->quoted, quoted);
}

/* The member `key` of map n; fails when missing. */
static struct gw_node *get(const struct gw_node *n, const char *key)
{
    struct gw_node *v = gw_node_get(n, key);
    if (!v)
        fail_msg("no member '%s'", key);
    return v;
}

/* ---- spans ---- */

static void test_flat_map_spans(void **state)
{
    static const struct {
        const char *key;
        uint32_t kstart;
        unsigned kline, kcol;
        uint32_t vstart;
        const char *raw;
        unsigned vcol;
    } cases[] = {
        {"name", 0, 1, 1, 6, "gw1", 7},
        {"port", 10, 2, 1, 16, "8080", 7},
        {"url", 21, 3, 1, 26, "\"https://x\"", 6},
    };
    struct doc d;
    struct gw_node *root =
        LOAD_OK(&d, "name: gw1\nport: 8080\nurl: \"https://x\"\n");
    size_t i;

    (void)state;
    assert_int_equal(root->kind, GW_NODE_MAP);
    assert_int_equal(root->nkids, 3);
    assert_int_equal(root->span.start, 0);
    assert_int_equal(root->span.end, 37);
    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct gw_node *v = root->kids[i];
        check_span(&d, v->key, cases[i].kstart, cases[i].key, cases[i].kline,
                   cases[i].kcol);
        check_span(&d, v, cases[i].vstart, cases[i].raw, cases[i].kline,
                   cases[i].vcol);
        assert_ptr_equal(get(root, cases[i].key), v);
    }
    unload(&d);
}

static void test_nested_map_spans(void **state)
{
    struct doc d;
    struct gw_node *root = LOAD_OK(&d, "gateway:\n"
                                       "  name: a\n"
                                       "  configuration:\n"
                                       "    uri: b\n"
                                       "    port: 1\n"
                                       "other: z\n");
    struct gw_node *gw = get(root, "gateway"), *conf;

    (void)state;
    check_span(&d, gw->key, 0, "gateway", 1, 1);
    /* A block map starts at its first key and ends with its last value. */
    assert_int_equal(gw->kind, GW_NODE_MAP);
    assert_int_equal(gw->span.start, 11);
    assert_int_equal(gw->span.end, 58);
    check_span(&d, get(gw, "name")->key, 11, "name", 2, 3);
    check_span(&d, get(gw, "name"), 17, "a", 2, 9);
    conf = get(gw, "configuration");
    check_span(&d, conf->key, 21, "configuration", 3, 3);
    assert_int_equal(conf->span.start, 40);
    assert_int_equal(conf->span.end, 58);
    check_span(&d, get(conf, "uri")->key, 40, "uri", 4, 5);
    check_span(&d, get(conf, "uri"), 45, "b", 4, 10);
    check_span(&d, get(conf, "port"), 57, "1", 5, 11);
    check_span(&d, get(root, "other"), 66, "z", 6, 8);
    assert_int_equal(root->span.end, 67);
    unload(&d);
}

/* Each style's span covers its text as written; str is the decoded value. */
static void test_scalar_styles(void **state)
{
    static const struct {
        const char *yaml;
        uint32_t start;
        const char *raw;
        const char *value;
        bool quoted;
        enum gw_scalar type;
    } cases[] = {
        {"k: plain text  # c\n", 3, "plain text", "plain text", false,
         GW_SCALAR_STRING},
        {"k: 'it''s'\n", 3, "'it''s'", "it's", true, GW_SCALAR_STRING},
        {"k: \"a\\tb\\u00e9\"\n", 3, "\"a\\tb\\u00e9\"", "a\tb\xC3\xA9", true,
         GW_SCALAR_STRING},
        {"k: ''\n", 3, "''", "", true, GW_SCALAR_STRING},
        {"k: \"multi\n  line\"\n", 3, "\"multi\n  line\"", "multi line", true,
         GW_SCALAR_STRING},
        {"k: a\n  b\nz: 1\n", 3, "a\n  b", "a b", false, GW_SCALAR_STRING},
        {"k: a\tb\t\n", 3, "a\tb", "a\tb", false, GW_SCALAR_STRING},
        {"k: |\n  line1\n  line2\n\nz: 1\n", 3, "|\n  line1\n  line2",
         "line1\nline2\n", false, GW_SCALAR_STRING},
        {"k: >-\n  a\n  b\n\n\nz: 1\n", 3, ">-\n  a\n  b", "a b", false,
         GW_SCALAR_STRING},
        {"k: |\nz: 1\n", 3, "|", "", false, GW_SCALAR_STRING},
        {"k: | # note\n  x  \n# c\n", 3, "| # note\n  x  ", "x  \n", false,
         GW_SCALAR_STRING},
        {"k: |2+\n   x\n\n", 3, "|2+\n   x", " x\n\n", false, GW_SCALAR_STRING},
        {"k: >\n    deep\n  # c\n", 3, ">\n    deep", "deep\n", false,
         GW_SCALAR_STRING},
        {"k: 42\n", 3, "42", "42", false, GW_SCALAR_NUMBER},
        {"k: &x v\n", 6, "v", "v", false, GW_SCALAR_STRING},
        {"k: !!str 1\n", 9, "1", "1", false, GW_SCALAR_STRING},
        {"k: &a !t\n  'q'\n", 11, "'q'", "q", true, GW_SCALAR_STRING},
        {"k:\n", 2, "", "", false, GW_SCALAR_NULL},
        {"k: ~\n", 3, "~", "~", false, GW_SCALAR_NULL},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct doc d;
        struct gw_node *root =
            load_ok(&d, cases[i].yaml, strlen(cases[i].yaml));
        struct gw_node *k = get(root, "k");
        unsigned l, c;
        print_message("case %zu: %s", i, cases[i].yaml);
        check_scalar(k, cases[i].value, cases[i].type, cases[i].quoted);
        gw_source_line_col(&d.src, cases[i].start, &l, &c);
        check_span(&d, k, cases[i].start, cases[i].raw, l, c);
        check_span(&d, k->key, 0, "k", 1, 1);
        unload(&d);
    }
}

static void test_multibyte(void **state)
{
    /* é is 2 bytes, the emoji 4, ë ü ï 2 each, ✓ 3. */
    struct doc d;
    struct gw_node *root = LOAD_OK(&d, "\xC3\xA9: \"\xF0\x9F\x98\x80\"\n"
                                       "no\xC3\xABl: \xC3\xBCn\xC3\xAF "
                                       "\xE2\x9C\x93\n"
                                       "f: [\xF0\x9F\x98\x80, \xC3\xA9]\n");
    struct gw_node *f;

    (void)state;
    check_span(&d, root->kids[0]->key, 0, "\xC3\xA9", 1, 1);
    check_span(&d, root->kids[0], 4, "\"\xF0\x9F\x98\x80\"", 1, 4);
    check_scalar(root->kids[0], "\xF0\x9F\x98\x80", GW_SCALAR_STRING, true);
    check_span(&d, root->kids[1]->key, 11, "no\xC3\xABl", 2, 1);
    check_span(&d, root->kids[1], 18, "\xC3\xBCn\xC3\xAF \xE2\x9C\x93", 2, 7);
    f = root->kids[2];
    check_span(&d, f, 31, "[\xF0\x9F\x98\x80, \xC3\xA9]", 3, 4);
    check_span(&d, f->kids[0], 32, "\xF0\x9F\x98\x80", 3, 5);
    check_span(&d, f->kids[1], 38, "\xC3\xA9", 3, 8);
    unload(&d);
}

static void test_crlf(void **state)
{
    struct doc d;
    struct gw_node *root = LOAD_OK(&d, "a: 1\r\n"
                                       "b: |\r\n"
                                       "  x\r\n"
                                       "  y\r\n"
                                       "c: \"q\"\r\n");

    (void)state;
    check_span(&d, get(root, "a"), 3, "1", 1, 4);
    check_span(&d, get(root, "b")->key, 6, "b", 2, 1);
    check_span(&d, get(root, "b"), 9, "|\r\n  x\r\n  y", 2, 4);
    check_scalar(get(root, "b"), "x\ny\n", GW_SCALAR_STRING, false);
    check_span(&d, get(root, "c")->key, 22, "c", 5, 1);
    check_span(&d, get(root, "c"), 25, "\"q\"", 5, 4);
    unload(&d);
}

static void test_bom(void **state)
{
    struct doc d;
    struct gw_node *root = LOAD_OK(&d, "\xEF\xBB\xBF"
                                       "a: 1\nb: [x, \"y\"]\n");
    struct gw_node *b = get(root, "b");

    (void)state;
    assert_int_equal(root->span.start, 3);
    check_span(&d, get(root, "a")->key, 3, "a", 1, 1);
    check_span(&d, get(root, "a"), 6, "1", 1, 4);
    check_span(&d, b, 11, "[x, \"y\"]", 2, 4);
    check_span(&d, b->kids[0], 12, "x", 2, 5);
    check_span(&d, b->kids[1], 15, "\"y\"", 2, 8);
    unload(&d);
}

/* libyaml also ends lines at a lone CR and at U+2028; the spans must not
 * depend on which line breaks it counts. */
static void test_other_line_breaks(void **state)
{
    struct doc d;
    struct gw_node *root = LOAD_OK(&d, "a: 1\rb: \"x\xE2\x80\xA8y\"\nc: 2\n");

    (void)state;
    check_span(&d, get(root, "a"), 3, "1", 1, 4);
    check_span(&d, get(root, "b")->key, 5, "b", 1, 6);
    check_span(&d, get(root, "b"), 8, "\"x\xE2\x80\xA8y\"", 1, 9);
    check_span(&d, get(root, "c"), 19, "2", 2, 4);
    unload(&d);
}

static void test_flow_collections(void **state)
{
    struct doc d;
    struct gw_node *root = LOAD_OK(&d, "k: [1, \"x\", {a: b}, []]\n");
    struct gw_node *k = get(root, "k"), *m;

    (void)state;
    assert_int_equal(k->kind, GW_NODE_SEQ);
    assert_int_equal(k->nkids, 4);
    check_span(&d, k, 3, "[1, \"x\", {a: b}, []]", 1, 4);
    check_span(&d, k->kids[0], 4, "1", 1, 5);
    check_span(&d, k->kids[1], 7, "\"x\"", 1, 8);
    m = k->kids[2];
    assert_int_equal(m->kind, GW_NODE_MAP);
    check_span(&d, m, 12, "{a: b}", 1, 13);
    check_span(&d, get(m, "a")->key, 13, "a", 1, 14);
    check_span(&d, get(m, "a"), 16, "b", 1, 17);
    check_span(&d, k->kids[3], 20, "[]", 1, 21);
    assert_int_equal(k->kids[3]->nkids, 0);
    unload(&d);
}

/* One long line of many flow scalars: every span exact (and the load is
 * linear, or this test would take minutes). */
static void test_long_flow_line(void **state)
{
    enum { N = 20000 };
    struct gw_buf b;
    struct doc d;
    struct gw_node *root;
    uint32_t *starts = gw_xmalloc(N * sizeof *starts);
    uint32_t i;

    (void)state;
    gw_buf_init(&b, 0);
    gw_buf_puts(&b, "[");
    for (i = 0; i < N; i++) {
        if (i)
            gw_buf_puts(&b, i % 2 ? ", " : ",\t");
        starts[i] = (uint32_t)b.len;
        gw_buf_printf(&b, i % 3 ? "\xC3\xA9%u" : "\"\xF0\x9F\x98\x80%u\"", i);
    }
    gw_buf_puts(&b, "]");
    root = load_ok(&d, b.data, b.len);
    assert_int_equal(root->nkids, N);
    assert_int_equal(root->span.end, b.len);
    for (i = 0; i < N; i++) {
        const struct gw_node *n = root->kids[i];
        uint32_t end = i + 1 < N ? starts[i + 1] - 2 : (uint32_t)b.len - 1;
        if (n->span.start != starts[i] || n->span.end != end)
            fail_msg("item %u: [%u,%u), want [%u,%u)", i, n->span.start,
                     n->span.end, starts[i], end);
    }
    unload(&d);
    gw_buf_release(&b);
    gw_xfree(starts);
}

static void test_block_sequence(void **state)
{
    struct doc d;
    struct gw_node *root = LOAD_OK(&d, "- a\n- b: 1\n  c: 2\n- [x]\n-\n");
    struct gw_node *m;

    (void)state;
    assert_int_equal(root->kind, GW_NODE_SEQ);
    assert_int_equal(root->nkids, 4);
    assert_int_equal(root->span.start, 0);
    check_span(&d, root->kids[0], 2, "a", 1, 3);
    m = root->kids[1];
    assert_int_equal(m->kind, GW_NODE_MAP);
    assert_int_equal(m->span.start, 6);
    assert_int_equal(m->span.end, 17);
    check_span(&d, get(m, "c")->key, 13, "c", 3, 3);
    check_span(&d, get(m, "c"), 16, "2", 3, 6);
    check_span(&d, root->kids[2], 20, "[x]", 4, 3);
    check_scalar(root->kids[3], "", GW_SCALAR_NULL, false);
    assert_int_equal(root->kids[3]->span.start, 25);
    assert_int_equal(root->kids[3]->span.end, 25);
    assert_int_equal(root->span.end, 25);
    unload(&d);
}

/* Properties (anchor, tag) are not part of a collection's span. */
static void test_collection_properties(void **state)
{
    struct doc d;
    struct gw_node *root =
        LOAD_OK(&d, "k: &a !!map # c\n  x: 1\ns: !!seq [1]\n");

    (void)state;
    assert_int_equal(get(root, "k")->span.start, 18);
    assert_int_equal(get(root, "k")->span.end, 22);
    check_span(&d, get(root, "s"), 32, "[1]", 3, 10);
    unload(&d);
    /* The first key's own anchor belongs to the key, inside the map. */
    root = LOAD_OK(&d, "m: &a\n  &k key: v\n");
    assert_int_equal(get(root, "m")->span.start, 8);
    check_span(&d, get(root, "m")->kids[0]->key, 11, "key", 2, 6);
    unload(&d);
}

/* ---- values ---- */

static void test_scalar_types(void **state)
{
    static const struct {
        const char *text;
        enum gw_scalar type;
    } cases[] = {
        {"~", GW_SCALAR_NULL},          {"null", GW_SCALAR_NULL},
        {"Null", GW_SCALAR_NULL},       {"NULL", GW_SCALAR_NULL},
        {"", GW_SCALAR_NULL},           {"nULL", GW_SCALAR_STRING},
        {"nulls", GW_SCALAR_STRING},    {"true", GW_SCALAR_BOOL},
        {"True", GW_SCALAR_BOOL},       {"TRUE", GW_SCALAR_BOOL},
        {"false", GW_SCALAR_BOOL},      {"False", GW_SCALAR_BOOL},
        {"FALSE", GW_SCALAR_BOOL},      {"tRUE", GW_SCALAR_STRING},
        {"yes", GW_SCALAR_STRING},      {"on", GW_SCALAR_STRING},
        {"0", GW_SCALAR_NUMBER},        {"-1", GW_SCALAR_NUMBER},
        {"+12", GW_SCALAR_NUMBER},      {"007", GW_SCALAR_NUMBER},
        {"0o17", GW_SCALAR_NUMBER},     {"0o18", GW_SCALAR_STRING},
        {"0x1F", GW_SCALAR_NUMBER},     {"0xfg", GW_SCALAR_STRING},
        {"0x", GW_SCALAR_STRING},       {"1.5", GW_SCALAR_NUMBER},
        {".5", GW_SCALAR_NUMBER},       {"1.", GW_SCALAR_NUMBER},
        {"-2.5e+3", GW_SCALAR_NUMBER},  {"1e3", GW_SCALAR_NUMBER},
        {"1e", GW_SCALAR_STRING},       {".", GW_SCALAR_STRING},
        {"+", GW_SCALAR_STRING},        {"+.", GW_SCALAR_STRING},
        {".inf", GW_SCALAR_NUMBER},     {"-.Inf", GW_SCALAR_NUMBER},
        {"+.INF", GW_SCALAR_NUMBER},    {".NaN", GW_SCALAR_NUMBER},
        {".nan", GW_SCALAR_NUMBER},     {"-.nan", GW_SCALAR_STRING},
        {"1_000", GW_SCALAR_STRING},    {"0b101", GW_SCALAR_STRING},
        {"12abc", GW_SCALAR_STRING},    {"1.2.3", GW_SCALAR_STRING},
        {"8080/tcp", GW_SCALAR_STRING}, {"text", GW_SCALAR_STRING},
    };
    static const struct {
        const char *yaml;
        enum gw_scalar type;
    } styled[] = {
        {"k: 'true'\n", GW_SCALAR_STRING},
        {"k: \"1\"\n", GW_SCALAR_STRING},
        {"k: \"\"\n", GW_SCALAR_STRING},
        {"k: !!int 1\n", GW_SCALAR_STRING},
        {"k: ! null\n", GW_SCALAR_STRING},
        {"k: |\n  1\n", GW_SCALAR_STRING},
        {"k: >\n  true\n", GW_SCALAR_STRING},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        char yaml[64];
        struct doc d;
        struct gw_node *root;
        /* "? \n: v" is the empty key */
        int n = snprintf(yaml, sizeof yaml, "k: %s\n? %s\n: v\n", cases[i].text,
                         cases[i].text);
        root = load_ok(&d, yaml, (size_t)n);
        print_message("case '%s'\n", cases[i].text);
        check_scalar(root->kids[0], cases[i].text, cases[i].type, false);
        /* keys are typed the same way */
        assert_int_equal(root->kids[1]->key->scalar, cases[i].type);
        assert_string_equal(root->kids[1]->key->str, cases[i].text);
        unload(&d);
    }
    for (i = 0; i < sizeof styled / sizeof *styled; i++) {
        struct doc d;
        struct gw_node *root =
            load_ok(&d, styled[i].yaml, strlen(styled[i].yaml));
        assert_int_equal(get(root, "k")->scalar, styled[i].type);
        unload(&d);
    }
}

static void test_empty_documents(void **state)
{
    static const char *const empty[] = {
        "", "\n", "# only a comment\n", "---\n", "--- # c\n", "\xEF\xBB\xBF"};
    struct doc d;
    struct gw_node *root;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof empty / sizeof *empty; i++) {
        load(&d, empty[i], strlen(empty[i]));
        assert_int_equal(d.rc, GW_OK);
        assert_null(d.root);
        unload(&d);
    }
    root = LOAD_OK(&d, "--- ~\n");
    check_scalar(root, "~", GW_SCALAR_NULL, false);
    check_span(&d, root, 4, "~", 1, 5);
    unload(&d);
    root = LOAD_OK(&d, "--- ''\n");
    check_scalar(root, "", GW_SCALAR_STRING, true);
    unload(&d);
    root = LOAD_OK(&d, "hello world\n");
    check_scalar(root, "hello world", GW_SCALAR_STRING, false);
    check_span(&d, root, 0, "hello world", 1, 1);
    unload(&d);
}

/* Only the first document is read; what follows is not even parsed. */
static void test_first_document_only(void **state)
{
    struct doc d;
    struct gw_node *root = LOAD_OK(&d, "a: 1\n---\nb: : :\n");

    (void)state;
    assert_int_equal(root->nkids, 1);
    check_span(&d, get(root, "a"), 3, "1", 1, 4);
    unload(&d);
    root = LOAD_OK(&d, "--- [x]\n...\n--- [y, z]\n");
    assert_int_equal(root->nkids, 1);
    check_scalar(root->kids[0], "x", GW_SCALAR_STRING, false);
    unload(&d);
}

/* Duplicate keys stay, in order: the caller reports them. */
static void test_duplicate_keys_kept(void **state)
{
    struct doc d;
    struct gw_node *root = LOAD_OK(&d, "a: 1\nb: 2\na: 3\n");

    (void)state;
    assert_int_equal(root->nkids, 3);
    assert_string_equal(root->kids[0]->str, "1");
    assert_string_equal(root->kids[2]->key->str, "a");
    assert_string_equal(root->kids[2]->str, "3");
    unload(&d);
}

/* A complex key is kept as its node (a collection key has str ""). */
static void test_complex_key(void **state)
{
    struct doc d;
    struct gw_node *root = LOAD_OK(&d, "? [a, b]\n: v\n");

    (void)state;
    assert_int_equal(root->nkids, 1);
    assert_int_equal(root->kids[0]->key->kind, GW_NODE_SEQ);
    check_span(&d, root->kids[0]->key, 2, "[a, b]", 1, 3);
    check_span(&d, root->kids[0], 11, "v", 2, 3);
    unload(&d);
}

/* ---- anchors, aliases, merge keys ---- */

static void test_aliases(void **state)
{
    struct doc d;
    struct gw_node *root = LOAD_OK(&d, "a: &x {p: 1}\n"
                                       "b: *x\n"
                                       "c: &s val\n"
                                       "d: *s\n"
                                       "e: [*x, *s]\n");
    struct gw_node *a = get(root, "a"), *b = get(root, "b"), *e;

    (void)state;
    check_span(&d, a, 6, "{p: 1}", 1, 7);
    assert_false(a->alias);
    /* The alias is a copy of the anchored node: the members are shared,
     * the span is the alias token's, and it has its own key. */
    assert_int_equal(b->kind, GW_NODE_MAP);
    assert_true(b->alias);
    check_span(&d, b, 16, "*x", 2, 4);
    check_span(&d, b->key, 13, "b", 2, 1);
    assert_ptr_equal(b->kids, a->kids);
    assert_int_equal(b->nkids, 1);
    assert_ptr_equal(get(b, "p"), get(a, "p"));
    assert_false(get(root, "c")->alias);
    check_span(&d, get(root, "c"), 25, "val", 3, 7);
    check_scalar(get(root, "d"), "val", GW_SCALAR_STRING, false);
    assert_true(get(root, "d")->alias);
    check_span(&d, get(root, "d"), 32, "*s", 4, 4);
    e = get(root, "e");
    check_span(&d, e, 38, "[*x, *s]", 5, 4);
    check_span(&d, e->kids[0], 39, "*x", 5, 5);
    assert_true(e->kids[0]->alias);
    assert_null(e->kids[0]->key);
    assert_ptr_equal(e->kids[0]->kids, a->kids);
    check_span(&d, e->kids[1], 43, "*s", 5, 9);
    unload(&d);
}

/* An alias refers to the latest anchor of its name. */
static void test_anchor_redefined(void **state)
{
    struct doc d;
    struct gw_node *root =
        LOAD_OK(&d, "a: &x 1\nb: *x\nc: &x [2]\nd: *x\ne: &y [&y 3, *y]\n");

    (void)state;
    check_scalar(get(root, "b"), "1", GW_SCALAR_NUMBER, false);
    assert_int_equal(get(root, "d")->kind, GW_NODE_SEQ);
    assert_ptr_equal(get(root, "d")->kids, get(root, "c")->kids);
    check_scalar(get(root, "e")->kids[1], "3", GW_SCALAR_NUMBER, false);
    unload(&d);
}

static void test_merge_keys(void **state)
{
    struct doc d;
    struct gw_node *root = LOAD_OK(&d, "base: &b\n"
                                       "  a: 1\n"
                                       "  b: 2\n"
                                       "other: &o {c: 3, a: 9}\n"
                                       "m:\n"
                                       "  x: 0\n"
                                       "  <<: [*b, *o]\n"
                                       "  b: 5\n"
                                       "\"<<\": q\n"
                                       "n:\n"
                                       "  <<: {z: 1}\n"
                                       "  y: 2\n"
                                       "p: {<<: *b}\n"
                                       "s:\n"
                                       "  <<: 1\n");
    struct gw_node *base = get(root, "base"), *m = get(root, "m"), *n, *p;
    static const char *const m_keys[] = {"x", "a", "c", "b"};
    size_t i;

    (void)state;
    /* Merged members go where `<<` was; explicit keys win wherever they
     * are; among merged maps the first wins. */
    assert_int_equal(m->nkids, 4);
    for (i = 0; i < 4; i++)
        assert_string_equal(m->kids[i]->key->str, m_keys[i]);
    assert_null(gw_node_get(m, "<<"));
    check_scalar(get(m, "a"), "1", GW_SCALAR_NUMBER, false);
    assert_true(get(m, "a")->alias);
    assert_int_equal(get(m, "a")->span.start, get(base, "a")->span.start);
    assert_ptr_equal(get(m, "a")->key, get(base, "a")->key);
    check_scalar(get(m, "c"), "3", GW_SCALAR_NUMBER, false);
    assert_true(get(m, "c")->alias);
    check_scalar(get(m, "b"), "5", GW_SCALAR_NUMBER, false);
    assert_false(get(m, "b")->alias);
    assert_false(get(m, "x")->alias);
    assert_int_equal(m->span.end, 77); /* its last explicit value */
    /* The anchored maps are untouched. */
    assert_int_equal(base->nkids, 2);
    assert_false(get(base, "a")->alias);
    /* A quoted "<<" is an ordinary key. */
    check_scalar(get(root, "<<"), "q", GW_SCALAR_STRING, false);
    n = get(root, "n");
    assert_int_equal(n->nkids, 2);
    assert_string_equal(n->kids[0]->key->str, "z");
    assert_false(n->kids[0]->alias);
    p = get(root, "p");
    assert_int_equal(p->nkids, 2);
    assert_true(get(p, "a")->alias && get(p, "b")->alias);
    /* A merge key whose value is not a map stays a member. */
    check_scalar(get(get(root, "s"), "<<"), "1", GW_SCALAR_NUMBER, false);
    unload(&d);
}

/* ---- errors ---- */

static void test_parse_errors(void **state)
{
    static const struct {
        const char *yaml;
        size_t len; /* 0: strlen */
        const char *message;
        uint32_t start, end;
        unsigned line, col;
    } cases[] = {
        {"a: \"abc", 0,
         "found unexpected end of stream while scanning a quoted scalar", 7, 7,
         1, 8},
        {"a: 'x\ny: 1\n", 0,
         "found unexpected end of stream while scanning a quoted scalar that "
         "began on line 1",
         11, 11, 3, 1},
        {"a: [1, 2", 0,
         "did not find expected ',' or ']' while parsing a flow sequence", 8, 8,
         1, 9},
        {"a:\n  b: 1\n c: 2\n", 0,
         "did not find expected key while parsing a block mapping that began "
         "on line 1",
         11, 12, 3, 2},
        {"a: b: c\n", 0, "mapping values are not allowed in this context", 4, 5,
         1, 5},
        {"\xC3\xA9: 1\n b: 2\n", 0,
         "mapping values are not allowed in this context", 8, 9, 2, 3},
        {"a:\n\tb: 1\n", 0,
         "found character that cannot start any token while scanning for the "
         "next token",
         3, 4, 2, 1},
        {"a: 1\nb: \xFF\n", 0, "invalid leading UTF-8 octet (0xFF)", 8, 9, 2,
         4},
        {"a: \xC3", 0, "incomplete UTF-8 octet sequence", 3, 4, 1, 4},
        {"\xEF\xBB\xBF"
         "a: \xFF",
         0, "invalid leading UTF-8 octet (0xFF)", 6, 7, 1, 4},
        {"a: x\0y\n", 7, "control characters are not allowed (0x00)", 4, 5, 1,
         5},
        {"a: *nope\n", 0, "undefined alias 'nope'", 3, 8, 1, 4},
        {"a: &x 1\nb: [*y]\n", 0, "undefined alias 'y'", 12, 14, 2, 5},
        {"\xFF\xFE"
         "a\0:\0",
         6, "input is UTF-16 (byte order mark); only UTF-8 is read", 0, 2, 1,
         1},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct doc d;
        unsigned l, c;
        size_t len = cases[i].len ? cases[i].len : strlen(cases[i].yaml);
        print_message("case %zu\n", i);
        load_fail(&d, cases[i].yaml, len, GW_ERR_PARSE, cases[i].message,
                  cases[i].start, cases[i].end);
        gw_source_line_col(&d.src, d.err.span.start, &l, &c);
        assert_int_equal(l, cases[i].line);
        assert_int_equal(c, cases[i].col);
        unload(&d);
    }
}

/* ---- limits ---- */

static void test_depth_limit(void **state)
{
    struct gw_buf b;
    struct doc d;
    struct gw_node *n;
    uint32_t at = 0;
    int i;

    (void)state;
    gw_buf_init(&b, 0);
    for (i = 0; i < 100; i++)
        gw_buf_putc(&b, '[');
    for (i = 0; i < 100; i++)
        gw_buf_putc(&b, ']');
    load_fail(&d, b.data, b.len, GW_ERR_LIMIT, "nesting deeper than 64 levels",
              64, 65);
    unload(&d);

    /* 64 levels are fine. */
    gw_buf_reset(&b);
    for (i = 0; i < 64; i++)
        gw_buf_putc(&b, '[');
    for (i = 0; i < 64; i++)
        gw_buf_putc(&b, ']');
    n = load_ok(&d, b.data, b.len);
    for (i = 1; i < 64; i++) {
        assert_int_equal(n->nkids, 1);
        n = n->kids[0];
        assert_int_equal(n->span.start, i);
    }
    assert_int_equal(n->nkids, 0);
    unload(&d);

    /* Block mappings count the same: the 65th starts on line 65. */
    gw_buf_reset(&b);
    for (i = 0; i < 100; i++) {
        if (i == 64)
            at = (uint32_t)b.len + 64;
        gw_buf_printf(&b, "%*sk:\n", i, "");
    }
    load_fail(&d, b.data, b.len, GW_ERR_LIMIT, "nesting deeper than 64 levels",
              at, at + 1);
    unload(&d);
    gw_buf_release(&b);
}

/* "a: &a" 40 nested sequences, then an alias of it inside `levels` more
 * (and the root map). Returns the alias's offset. */
static uint32_t deep_alias(struct gw_buf *b, int levels)
{
    uint32_t at;
    int i;

    gw_buf_reset(b);
    gw_buf_puts(b, "a: &a ");
    for (i = 0; i < 80; i++)
        gw_buf_putc(b, i < 40 ? '[' : ']');
    gw_buf_puts(b, "\nb: ");
    for (i = 0; i < levels; i++)
        gw_buf_putc(b, '[');
    at = (uint32_t)b->len;
    gw_buf_puts(b, "*a");
    for (i = 0; i < levels; i++)
        gw_buf_putc(b, ']');
    return at;
}

/* An alias puts its anchored subtree back into the tree: the depth counts
 * it, so a consumer walking the tree never goes deeper than 64. */
static void test_depth_limit_through_alias(void **state)
{
    struct gw_buf b;
    struct doc d;
    uint32_t at;

    (void)state;
    gw_buf_init(&b, 0);
    deep_alias(&b, 23); /* 1 + 23 + 40 = 64 */
    assert_true(load_ok(&d, b.data, b.len)->kids[1]->kind == GW_NODE_SEQ);
    unload(&d);
    at = deep_alias(&b, 24);
    load_fail(&d, b.data, b.len, GW_ERR_LIMIT,
              "nesting deeper than 64 levels after alias expansion", at,
              at + 2);
    unload(&d);
    gw_buf_release(&b);
}

/* Each level holds ten aliases of the one before: fully expanded it would
 * be 10^30 nodes. It must be refused after a few levels, never expanded. */
static void test_billion_laughs(void **state)
{
    struct gw_buf b;
    struct doc d;
    unsigned line, col;
    int i, j;

    (void)state;
    gw_buf_init(&b, 0);
    gw_buf_puts(&b, "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (i = 1; i <= 30; i++) {
        gw_buf_printf(&b, "l%d: &l%d [", i, i);
        for (j = 0; j < 10; j++)
            gw_buf_printf(&b, "%s*l%d", j ? ", " : "", i - 1);
        gw_buf_puts(&b, "]\n");
    }
    load(&d, b.data, b.len);
    assert_int_equal(d.rc, GW_ERR_LIMIT);
    assert_null(d.root);
    assert_string_equal(d.err.message,
                        "more than 100000 nodes after alias expansion");
    /* at the 9th alias in l4, where the count first passes 100000 */
    assert_memory_equal(b.data + d.err.span.start, "*l3", 3);
    assert_int_equal(d.err.span.end - d.err.span.start, 3);
    gw_source_line_col(&d.src, d.err.span.start, &line, &col);
    assert_int_equal(line, 5);
    unload(&d);
    gw_buf_release(&b);
}

static void test_alias_cycles(void **state)
{
    struct doc d;

    (void)state;
    load_fail(&d, "&a [*a]", 7, GW_ERR_LIMIT,
              "alias 'a' refers to its own anchor (cycle)", 4, 6);
    unload(&d);
    load_fail(&d, "a: &m {x: [1, {y: *m}]}\n", 24, GW_ERR_LIMIT,
              "alias 'm' refers to its own anchor (cycle)", 18, 20);
    unload(&d);
    load_fail(&d, "a: &m {<<: *m}", 14, GW_ERR_LIMIT,
              "alias 'm' refers to its own anchor (cycle)", 11, 13);
    unload(&d);
}

static void test_alias_count(void **state)
{
    struct gw_buf b;
    struct doc d;
    struct gw_node *root;
    uint32_t last = 0;
    int i;

    (void)state;
    gw_buf_init(&b, 0);
    gw_buf_puts(&b, "a: &x 1\nb: [*x");
    for (i = 1; i < 1000; i++)
        gw_buf_puts(&b, ", *x");
    gw_buf_puts(&b, "]\n");
    root = load_ok(&d, b.data, b.len);
    assert_int_equal(get(root, "b")->nkids, 1000);
    unload(&d);

    gw_buf_reset(&b);
    gw_buf_puts(&b, "a: &x 1\nb: [*x");
    for (i = 1; i < 1001; i++) {
        gw_buf_puts(&b, ", ");
        last = (uint32_t)b.len;
        gw_buf_puts(&b, "*x");
    }
    gw_buf_puts(&b, "]\n");
    load_fail(&d, b.data, b.len, GW_ERR_LIMIT, "more than 1000 aliases", last,
              last + 2);
    unload(&d);
    gw_buf_release(&b);
}

/* "- &t [0, ..., 98]" (100 nodes) and a sequence of n aliases of it.
 * Returns the offset of the last alias. */
static uint32_t alias_bomb(struct gw_buf *b, int n)
{
    uint32_t last = 0;
    int i;

    gw_buf_reset(b);
    gw_buf_puts(b, "- &t [0");
    for (i = 1; i < 99; i++)
        gw_buf_printf(b, ", %d", i);
    gw_buf_puts(b, "]\n- [");
    for (i = 0; i < n; i++) {
        if (i)
            gw_buf_puts(b, ", ");
        last = (uint32_t)b->len;
        gw_buf_puts(b, "*t");
    }
    gw_buf_puts(b, "]\n");
    return last;
}

/* 100000 nodes in all are fine (the sequence and 99999 items); one more
 * is not, with or without aliases. */
static void test_node_limit(void **state)
{
    struct gw_buf b;
    struct doc d;
    uint32_t last = 0;
    int i;

    (void)state;
    gw_buf_init(&b, 0);
    gw_buf_putc(&b, '[');
    for (i = 0; i < 99999; i++)
        gw_buf_puts(&b, i ? ",0" : "0");
    gw_buf_putc(&b, ']');
    assert_int_equal(load_ok(&d, b.data, b.len)->nkids, 99999);
    unload(&d);

    gw_buf_reset(&b);
    gw_buf_putc(&b, '[');
    for (i = 0; i < 100000; i++) {
        gw_buf_puts(&b, i ? "," : "");
        last = (uint32_t)b.len;
        gw_buf_putc(&b, '7');
    }
    gw_buf_putc(&b, ']');
    load_fail(&d, b.data, b.len, GW_ERR_LIMIT,
              "more than 100000 nodes after alias expansion", last, last + 1);
    unload(&d);

    /* With aliases: 102 nodes, then 100 for each alias of t. */
    last = alias_bomb(&b, 998);
    assert_int_equal(load_ok(&d, b.data, b.len)->nkids, 2);
    unload(&d);
    last = alias_bomb(&b, 999);
    load_fail(&d, b.data, b.len, GW_ERR_LIMIT,
              "more than 100000 nodes after alias expansion", last, last + 2);
    unload(&d);
    gw_buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flat_map_spans),
        cmocka_unit_test(test_nested_map_spans),
        cmocka_unit_test(test_scalar_styles),
        cmocka_unit_test(test_multibyte),
        cmocka_unit_test(test_crlf),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_other_line_breaks),
        cmocka_unit_test(test_flow_collections),
        cmocka_unit_test(test_long_flow_line),
        cmocka_unit_test(test_block_sequence),
        cmocka_unit_test(test_collection_properties),
        cmocka_unit_test(test_scalar_types),
        cmocka_unit_test(test_empty_documents),
        cmocka_unit_test(test_first_document_only),
        cmocka_unit_test(test_duplicate_keys_kept),
        cmocka_unit_test(test_complex_key),
        cmocka_unit_test(test_aliases),
        cmocka_unit_test(test_anchor_redefined),
        cmocka_unit_test(test_merge_keys),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_depth_limit),
        cmocka_unit_test(test_depth_limit_through_alias),
        cmocka_unit_test(test_billion_laughs),
        cmocka_unit_test(test_alias_cycles),
        cmocka_unit_test(test_alias_count),
        cmocka_unit_test(test_node_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
