/* Tests of JSON-RPC framing (rpc.c) and of the language server's
 * robustness (lsp.c): thousands of random, truncated and malformed frames
 * with valid requests between them that must all still be answered. Run
 * under ASan+UBSan in CI; GWLINT_SEED=N repeats one random stream. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* open_memstream's buffer comes from the C library's malloc; cmocka.h
 * turns free() into its own checked free, so keep the library's. */
static void libc_free(void *p)
{
    free(p);
}

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "buf.h"
#include "lsp.h"
#include "mem.h"
#include "rpc.h"
#include "ruleset.h"

/* ---- helpers ---- */

static FILE *open_bytes(const struct gw_buf *b)
{
    /* fmemopen cannot open an empty buffer on every libc. */
    FILE *f = b->len ? fmemopen(b->data, b->len, "r") : tmpfile();
    assert_non_null(f);
    return f;
}

/* Read every frame of `text` with a body cap; return what each read gave,
 * as a string of letters: F frame, B bad frame, T truncated, E end. The
 * bodies go to `bodies`, one per line. */
static void read_all(const char *text, size_t len, size_t max, char *kinds,
                     size_t nkinds, struct gw_buf *bodies)
{
    struct gw_buf in, err;
    struct gw_rpc c;
    FILE *f;
    size_t n = 0;

    gw_buf_init(&in, 0);
    gw_buf_init(&err, 0);
    gw_buf_add(&in, text, len);
    f = open_bytes(&in);
    gw_rpc_init(&c, f, stdout, max);
    for (;;) {
        enum gw_rpc_read r = gw_rpc_read(&c, &err);
        assert_true(n + 1 < nkinds);
        kinds[n++] = r == GW_RPC_FRAME       ? 'F'
                     : r == GW_RPC_BAD_FRAME ? 'B'
                     : r == GW_RPC_TRUNCATED ? 'T'
                                             : 'E';
        if (r == GW_RPC_FRAME) {
            gw_buf_add(bodies, c.body.data, c.body.len);
            gw_buf_putc(bodies, '\n');
        }
        if (r == GW_RPC_EOF || r == GW_RPC_TRUNCATED)
            break;
    }
    kinds[n] = '\0';
    fclose(f);
    gw_rpc_release(&c);
    gw_buf_release(&in);
    gw_buf_release(&err);
}

static void expect_frames(const char *text, size_t max, const char *kinds,
                          const char *bodies)
{
    char got[64];
    struct gw_buf b;

    gw_buf_init(&b, 0);
    read_all(text, strlen(text), max, got, sizeof got, &b);
    if (strcmp(got, kinds) != 0 || strcmp(gw_buf_str(&b), bodies) != 0)
        fail_msg("input %s\nkinds: want %s got %s\nbodies: want %s got %s",
                 text, kinds, got, bodies, gw_buf_str(&b));
    gw_buf_release(&b);
}

/* ---- framing ---- */

static void test_framing(void **state)
{
    (void)state;
    expect_frames("", 0, "E", "");
    expect_frames("Content-Length: 2\r\n\r\n{}", 0, "FE", "{}\n");
    expect_frames("Content-Length: 2\r\n\r\n{}Content-Length: 3\r\n\r\n[1]", 0,
                  "FFE", "{}\n[1]\n");
    /* LF-only lines, any case, blanks around the number, blank lines
     * between frames, Content-Type and unknown headers accepted. */
    expect_frames("content-length:  2 \n\n{}\r\n\r\n\nContent-Type: "
                  "application/vscode-jsonrpc; charset=utf-8\r\n"
                  "X-Other: 1\r\nContent-Length: 1\r\n\r\n1",
                  0, "FFE", "{}\n1\n");
    expect_frames("Content-Length: 0\r\n\r\n", 0, "FE", "\n");
    /* Bad lengths: the frame is skipped, nothing is read as a body. */
    expect_frames("Content-Length: \r\n\r\n", 0, "BE", "");
    expect_frames("Content-Length: -1\r\n\r\n", 0, "BE", "");
    expect_frames("Content-Length: 0x10\r\n\r\n", 0, "BE", "");
    expect_frames("Content-Length: 1e3\r\n\r\n", 0, "BE", "");
    expect_frames("Content-Length: 1 2\r\n\r\n", 0, "BE", "");
    expect_frames("Content-Length: 99999999999999999999999\r\n\r\n", 0, "BE",
                  "");
    expect_frames("Content-Length: 18446744073709551616\r\n\r\n", 0, "BE", "");
    expect_frames("Content-Length: 2\r\nContent-Length: 3\r\n\r\n", 0, "BE",
                  "");
    expect_frames("Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}", 0, "FE",
                  "{}\n");
    expect_frames("Content-Type: x\r\n\r\nContent-Length: 1\r\n\r\n1", 0, "BFE",
                  "1\n");
    /* Garbage: lines without a colon, bad names, a frame starting inside a
     * garbage line. */
    expect_frames("hello\r\nworld\r\n\r\nContent-Length: 1\r\n\r\n1", 0, "BFE",
                  "1\n");
    expect_frames("bad name: 1\r\n\r\n", 0, "BE", "");
    expect_frames("\x01\xff junkContent-Length: 2\r\n\r\n{}", 0, "FE", "{}\n");
    /* Over the cap: skipped, and the next frame is read. */
    expect_frames("Content-Length: 5\r\n\r\n12345Content-Length: 4\r\n\r\n"
                  "1234",
                  4, "BFE", "1234\n");
    /* The input ends inside a frame. */
    expect_frames("Content-Length: 5\r\n", 0, "T", "");
    expect_frames("Content-Len", 0, "T", "");
    expect_frames("Content-Length: 5\r\n\r\n123", 0, "T", "");
    expect_frames("Content-Length: 5\r\n\r\n123", 2, "T", "");
    expect_frames("Content-Length: 1000000000000\r\n\r\n{}", 0, "T", "");
}

static void test_long_headers(void **state)
{
    struct gw_buf in, bodies;
    char kinds[16];
    int i;

    (void)state;
    gw_buf_init(&in, 0);
    gw_buf_init(&bodies, 0);
    for (i = 0; i < 5000; i++)
        gw_buf_putc(&in, 'x');
    gw_buf_puts(&in, ": 1\r\n\r\n");
    for (i = 0; i < 40; i++)
        gw_buf_puts(&in, "X-A: 1\r\n");
    gw_buf_puts(&in, "Content-Length: 1\r\n\r\n1"); /* 41 lines: bad */
    gw_buf_puts(&in, "\r\nContent-Length: 1\r\n\r\n2");
    read_all(in.data, in.len, 0, kinds, sizeof kinds, &bodies);
    assert_string_equal(kinds, "BBFE");
    gw_buf_release(&in);
    gw_buf_release(&bodies);
}

static void test_parse(void **state)
{
    static const struct {
        const char *body;
        int code;
        bool has_id, has_method;
    } cases[] = {
        {"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":{}}", 0,
         true, true},
        {"{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"m\",\"params\":[]}", 0,
         true, true},
        {"{\"jsonrpc\":\"2.0\",\"method\":\"n\"}  \r\n", 0, false, true},
        {"{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null}", 0, true, false},
        {"{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{}}", 0, true, false},
        {"", GW_RPC_PARSE_ERROR, false, false},
        {"{", GW_RPC_PARSE_ERROR, false, false},
        {"{} {}", GW_RPC_PARSE_ERROR, false, false},
        {"[]", GW_RPC_INVALID_REQUEST, false, false},
        {"1", GW_RPC_INVALID_REQUEST, false, false},
        {"{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"m\"}",
         GW_RPC_INVALID_REQUEST, false, false},
        {"{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"m\"}",
         GW_RPC_INVALID_REQUEST, false, false},
        {"{\"id\":1,\"method\":\"m\"}", GW_RPC_INVALID_REQUEST, true, false},
        {"{\"jsonrpc\":2,\"id\":1,\"method\":\"m\"}", GW_RPC_INVALID_REQUEST,
         true, false},
        {"{\"jsonrpc\":\"2.0\",\"id\":1}", GW_RPC_INVALID_REQUEST, true, false},
        {"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}", GW_RPC_INVALID_REQUEST,
         true, false},
        {"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":1}",
         GW_RPC_INVALID_REQUEST, true, true},
    };
    struct gw_buf err;
    struct gw_rpc_msg m;
    size_t i;

    (void)state;
    gw_buf_init(&err, 0);
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int code = gw_rpc_parse(cases[i].body, strlen(cases[i].body), &m, &err);
        if (code != cases[i].code || (m.id != NULL) != cases[i].has_id ||
            (m.method != NULL) != cases[i].has_method)
            fail_msg("%s: code %d id %d method %d (%s)", cases[i].body, code,
                     m.id != NULL, m.method != NULL, gw_buf_str(&err));
        assert_true(code == 0 || err.len > 0);
        gw_rpc_msg_free(&m);
    }
    gw_buf_release(&err);
}

/* ---- the server over a stream ---- */

/* A deterministic generator (xorshift64*). */
struct rng {
    uint64_t s;
};

static uint64_t next(struct rng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 2685821657736338717ull;
}

static size_t below(struct rng *r, size_t n)
{
    return n ? (size_t)(next(r) % n) : 0;
}

static void frame(struct gw_buf *b, const char *body, size_t len)
{
    gw_buf_printf(b, "Content-Length: %zu\r\n\r\n", len);
    gw_buf_add(b, body, len);
}

static void frame_str(struct gw_buf *b, const char *body)
{
    frame(b, body, strlen(body));
}

static void random_bytes(struct rng *r, struct gw_buf *b, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        gw_buf_putc(b, (char)(next(r) >> 56));
}

static const char probe_text[] =
    "gateway.configuration.uri: contoso.configuration.azure-api.net\\n"
    "service.type: Loadbalancer\\n";

#define PROBE_URI "file:///ws/probe.yaml"
#define FUZZ_URI  "file:///ws/fuzz.yaml"

static void add_probe(struct gw_buf *b, unsigned n)
{
    char body[512];
    snprintf(body, sizeof body,
             "{\"jsonrpc\":\"2.0\",\"id\":\"probe-%u\",\"method\":"
             "\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":"
             "\"" PROBE_URI "\"},\"position\":{\"line\":1,\"character\":16}}}",
             n);
    frame_str(b, body);
}

static const char *const valid_msgs[] = {
    "{\"jsonrpc\":\"2.0\",\"id\":\"junk\",\"method\":\"textDocument/hover\","
    "\"params\":{\"textDocument\":{\"uri\":\"" PROBE_URI "\"},\"position\":"
    "{\"line\":0,\"character\":30}}}",
    "{\"jsonrpc\":\"2.0\",\"id\":\"junk\",\"method\":\"textDocument/"
    "completion\",\"params\":{\"textDocument\":{\"uri\":\"" PROBE_URI "\"},"
    "\"position\":{\"line\":1,\"character\":16}}}",
    "{\"jsonrpc\":\"2.0\",\"id\":\"junk\",\"method\":\"textDocument/"
    "codeAction\",\"params\":{\"textDocument\":{\"uri\":\"" PROBE_URI "\"},"
    "\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":9,"
    "\"character\":0}},\"context\":{\"diagnostics\":[],\"only\":"
    "[\"quickfix\",\"source\"]}}}",
    "{\"jsonrpc\":\"2.0\",\"id\":\"junk\",\"method\":\"no/such\"}",
    "{\"jsonrpc\":\"2.0\",\"method\":\"no/such\",\"params\":[1,2]}",
    "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"initialize\",\"params\":{}}",
    "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":"
    "{\"textDocument\":{\"uri\":\"file:///nope\"},\"contentChanges\":[]}}",
    "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didClose\",\"params\":"
    "{\"textDocument\":{\"uri\":\"file:///nope\"}}}",
    "{\"jsonrpc\":\"2.0\",\"id\":[],\"method\":\"shutdown\"}",
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}",
    "{\"jsonrpc\":\"2.0\",\"id\":\"junk\",\"method\":\"textDocument/hover\","
    "\"params\":{\"textDocument\":{\"uri\":\"" PROBE_URI "\"},\"position\":"
    "{\"line\":1e300,\"character\":-0.5}}}",
};

/* A JSON value of random shape and depth. */
static void random_json(struct rng *r, struct gw_buf *b, int depth)
{
    static const char *const atoms[] = {"null",
                                        "true",
                                        "false",
                                        "0",
                                        "-1.5e3",
                                        "\"x\"",
                                        "\"\\u00e9\\ud83d\\ude00\"",
                                        "\"\\ud800\"",
                                        "4294967296",
                                        "1e999"};
    size_t i, n;
    switch (depth > 4 ? 0 : below(r, 4)) {
    case 0:
        gw_buf_puts(b, atoms[below(r, sizeof atoms / sizeof atoms[0])]);
        break;
    case 1:
        gw_buf_putc(b, '[');
        for (i = 0, n = below(r, 4); i < n; i++) {
            if (i)
                gw_buf_putc(b, ',');
            random_json(r, b, depth + 1);
        }
        gw_buf_putc(b, ']');
        break;
    default: {
        static const char *const keys[] = {
            "jsonrpc",        "id",    "method",   "params",
            "textDocument",   "uri",   "position", "line",
            "character",      "range", "start",    "end",
            "contentChanges", "text",  "context",  "only",
            "capabilities"};
        gw_buf_putc(b, '{');
        for (i = 0, n = below(r, 5); i < n; i++) {
            if (i)
                gw_buf_putc(b, ',');
            gw_buf_printf(
                b, "\"%s\":", keys[below(r, sizeof keys / sizeof keys[0])]);
            random_json(r, b, depth + 1);
        }
        gw_buf_putc(b, '}');
    }
    }
}

/* One unit of garbage that leaves the stream at a frame boundary; every
 * unit is answered by at most one error or result. */
static void garbage(struct rng *r, struct gw_buf *b, size_t cap, unsigned n)
{
    struct gw_buf t;
    size_t i, k;
    char body[2048];

    gw_buf_init(&t, 0);
    switch (below(r, 14)) {
    case 0: /* random bytes, then the end of a header block */
        random_bytes(r, b, 1 + below(r, 300));
        gw_buf_puts(b, "\r\n\r\n");
        break;
    case 1: /* a frame of random bytes */
        random_bytes(r, &t, below(r, 300));
        frame(b, t.data ? t.data : "", t.len);
        break;
    case 2: /* a valid message cut short, framed */
        k = below(r, sizeof valid_msgs / sizeof valid_msgs[0]);
        frame(b, valid_msgs[k], below(r, strlen(valid_msgs[k])));
        break;
    case 3: /* valid messages (answered or not) */
        k = below(r, sizeof valid_msgs / sizeof valid_msgs[0]);
        frame_str(b, valid_msgs[k]);
        break;
    case 4: /* random JSON shapes */
        gw_buf_puts(&t, "{\"jsonrpc\":\"2.0\",");
        gw_buf_puts(&t, below(r, 2) ? "\"id\":\"junk\"," : "");
        gw_buf_puts(&t, "\"method\":\"textDocument/");
        gw_buf_puts(&t, below(r, 2)   ? "hover"
                        : below(r, 2) ? "didChange"
                                      : "codeAction");
        gw_buf_puts(&t, "\",\"params\":");
        random_json(r, &t, 0);
        gw_buf_putc(&t, '}');
        frame(b, t.data, t.len);
        break;
    case 5: /* nesting past cJSON's limit */
        k = 1000 + below(r, 2000);
        for (i = 0; i < k; i++)
            gw_buf_putc(&t, '[');
        for (i = 0; i < k; i++)
            gw_buf_putc(&t, ']');
        frame(b, t.data, t.len);
        break;
    case 6: { /* bad header blocks */
        static const char *const bad[] = {
            "Content-Length: abc\r\n\r\n",
            "Content-Length: -5\r\n\r\n",
            "Content-Length: 99999999999999999999999999\r\n\r\n",
            "Content-Length:\r\n\r\n",
            "Content-Type: application/json\r\n\r\n",
            "Content-Length: 3\r\nContent-Length: 4\r\n\r\n",
            "Content-Length 3\r\n\r\n",
            ": 3\r\n\r\n",
            "\r\n\r\n\n\n",
        };
        gw_buf_puts(b, bad[below(r, sizeof bad / sizeof bad[0])]);
        break;
    }
    case 7: /* a header line longer than any allowed */
        for (i = 0, k = 1000 + below(r, 5000); i < k; i++)
            gw_buf_putc(b, 'a');
        gw_buf_puts(b, "\r\n\r\n");
        break;
    case 8: /* over the body cap: skipped */
        random_bytes(r, &t, cap + 1 + below(r, 100));
        frame(b, t.data, t.len);
        break;
    case 9: /* open a document of random bytes as YAML or JSON */
        gw_buf_puts(&t, below(r, 2) ? "gateway.configuration.uri: x\n"
                                    : "{\"gateway.auth.token\": \"");
        random_bytes(r, &t, below(r, 200));
        {
            cJSON *m = cJSON_CreateObject(), *p, *td;
            char *s;
            cJSON_AddStringToObject(m, "jsonrpc", "2.0");
            cJSON_AddStringToObject(m, "method", "textDocument/didOpen");
            p = cJSON_AddObjectToObject(m, "params");
            td = cJSON_AddObjectToObject(p, "textDocument");
            cJSON_AddStringToObject(td, "uri", FUZZ_URI);
            cJSON_AddStringToObject(td, "languageId",
                                    below(r, 2) ? "yaml" : "json");
            cJSON_AddNumberToObject(td, "version", 1);
            cJSON_AddStringToObject(td, "text", t.data);
            s = cJSON_PrintUnformatted(m);
            frame_str(b, s);
            cJSON_free(s);
            cJSON_Delete(m);
        }
        break;
    case 10: /* incremental changes with random ranges to that document */
        snprintf(body, sizeof body,
                 "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\","
                 "\"params\":{\"textDocument\":{\"uri\":\"" FUZZ_URI "\","
                 "\"version\":%u},\"contentChanges\":[{\"range\":{\"start\":"
                 "{\"line\":%zu,\"character\":%zu},\"end\":{\"line\":%zu,"
                 "\"character\":%zu}},\"text\":\"%s\"},{\"text\":\"x: 1\"}"
                 "%s]}}",
                 n, below(r, 4), below(r, 40), below(r, 4), below(r, 40),
                 below(r, 2) ? "\\u00e9\\ud83d\\ude00\\n" : "",
                 below(r, 2) ? ",{\"range\":{\"start\":{\"line\":0,"
                               "\"character\":4000000000},\"end\":{\"line\""
                               ":0,\"character\":0}},\"text\":\"y\"}"
                             : "");
        frame_str(b, body);
        break;
    case 11: /* requests about that document at random positions */
        snprintf(body, sizeof body,
                 "{\"jsonrpc\":\"2.0\",\"id\":\"junk\",\"method\":"
                 "\"textDocument/%s\",\"params\":{\"textDocument\":{\"uri\":"
                 "\"" FUZZ_URI "\"},\"position\":{\"line\":%zu,\"character\""
                 ":%zu},\"range\":{\"start\":{\"line\":0,\"character\":0},"
                 "\"end\":{\"line\":%zu,\"character\":%zu}},\"context\":{}}}",
                 below(r, 3) == 0   ? "hover"
                 : below(r, 2) == 0 ? "completion"
                                    : "codeAction",
                 below(r, 5), below(r, 60), below(r, 5), below(r, 60));
        frame_str(b, body);
        break;
    case 12: /* a correct frame with garbage header lines before it */
        gw_buf_puts(b, "X: y\r\nnot a header\r\n");
        frame_str(b, "{\"jsonrpc\":\"2.0\",\"method\":\"no/such\"}");
        break;
    default: /* close it */
        frame_str(b, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didClose"
                     "\",\"params\":{\"textDocument\":{\"uri\":\"" FUZZ_URI
                     "\"}}}");
        break;
    }
    gw_buf_release(&t);
}

static void open_probe(struct gw_buf *b)
{
    char body[1024];
    frame_str(b, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\","
                 "\"params\":{\"capabilities\":{}}}");
    frame_str(b, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\","
                 "\"params\":{}}");
    snprintf(body, sizeof body,
             "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\","
             "\"params\":{\"textDocument\":{\"uri\":\"" PROBE_URI "\","
             "\"languageId\":\"yaml\",\"version\":1,\"text\":\"%s\"}}}",
             probe_text);
    frame_str(b, body);
}

/* What the server wrote: every frame well formed and valid JSON; which
 * probes got the hover they asked for. */
struct seen {
    unsigned *probes; /* answers per probe number */
    unsigned nprobes;
    size_t frames, errors, results;
};

static void check_output(const char *out, size_t len, struct seen *sn)
{
    size_t p = 0;

    while (p < len) {
        size_t n = 0, hl;
        int used = 0;
        cJSON *m;
        const cJSON *id, *res;
        if (sscanf(out + p, "Content-Length: %zu\r\n\r\n%n", &n, &used) < 1 ||
            used == 0)
            fail_msg("bad framing at output byte %zu", p);
        hl = (size_t)used;
        assert_true(p + hl + n <= len);
        m = cJSON_ParseWithLength(out + p + hl, n);
        if (!m)
            fail_msg("output frame at byte %zu is not JSON: %.*s", p, (int)n,
                     out + p + hl);
        sn->frames++;
        id = cJSON_GetObjectItemCaseSensitive(m, "id");
        res = cJSON_GetObjectItemCaseSensitive(m, "result");
        if (cJSON_HasObjectItem(m, "error"))
            sn->errors++;
        if (res)
            sn->results++;
        if (cJSON_IsString(id) && strncmp(id->valuestring, "probe-", 6) == 0) {
            unsigned k = (unsigned)strtoul(id->valuestring + 6, NULL, 10);
            const cJSON *v = cJSON_GetObjectItemCaseSensitive(
                cJSON_GetObjectItemCaseSensitive(res, "contents"), "value");
            assert_true(k < sn->nprobes);
            if (!cJSON_IsString(v) || !strstr(v->valuestring, "GW401"))
                fail_msg("probe %u: wrong answer %.*s", k, (int)n,
                         out + p + hl);
            sn->probes[k]++;
        }
        cJSON_Delete(m);
        p += hl + n;
    }
}

/* Run the server over `in` with the built-in rules; returns its exit
 * status and fills `out`. The rules are built and freed here: they cache
 * match data while they run, which cmocka would count as a leak of the
 * test otherwise. */
static int serve(const struct gw_buf *in, size_t cap, char **out,
                 size_t *outlen)
{
    struct gw_ruleset *rs = NULL;
    struct gw_lsp_opts o;
    struct gw_buf err;
    FILE *fi, *fo;
    int rc;

    gw_buf_init(&err, 0);
    if (gw_ruleset_builtin(&rs, &err) != GW_OK)
        fail_msg("%s", gw_buf_str(&err));
    gw_buf_release(&err);
    fi = open_bytes(in);
    fo = open_memstream(out, outlen);
    assert_non_null(fo);
    memset(&o, 0, sizeof o);
    o.rs = rs;
    o.now = 1795780800; /* 2026-11-27T12:00Z */
    o.max_body = cap;
    rc = gw_lsp_run(fi, fo, &o);
    fclose(fi);
    fclose(fo);
    gw_ruleset_free(rs);
    return rc;
}

static uint64_t seed_of(uint64_t dflt)
{
    const char *s = getenv("GWLINT_SEED");
    return s && *s ? strtoull(s, NULL, 10) : dflt;
}

/* Thousands of garbage units with a probe request after every few; every
 * probe must be answered once, correctly, and the stream ends with a clean
 * shutdown. */
static void test_garbage_stream(void **state)
{
    struct gw_buf in;
    struct rng r;
    struct seen sn;
    unsigned units = 4000, i;
    size_t outlen = 0;
    char *out = NULL;
    uint64_t k, seed;

    (void)state;
    for (k = 1; k <= 3; k++) {
        seed = seed_of(k * 0x9e3779b97f4a7c15ull);
        r.s = seed;
        memset(&sn, 0, sizeof sn);
        sn.nprobes = units / 4 + 1;
        sn.probes = calloc(sn.nprobes, sizeof *sn.probes);
        gw_buf_init(&in, 0);
        open_probe(&in);
        for (i = 0; i < units; i++) {
            garbage(&r, &in, 4096, i);
            if (i % 4 == 3)
                add_probe(&in, i / 4);
        }
        frame_str(&in, "{\"jsonrpc\":\"2.0\",\"id\":\"end\",\"method\":"
                       "\"shutdown\"}");
        frame_str(&in, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
        if (serve(&in, 4096, &out, &outlen) != 0)
            fail_msg("seed %llu: the server did not exit 0",
                     (unsigned long long)seed);
        check_output(out, outlen, &sn);
        for (i = 0; i < units / 4; i++)
            if (sn.probes[i] != 1)
                fail_msg("seed %llu: probe %u answered %u times",
                         (unsigned long long)seed, i, sn.probes[i]);
        assert_true(sn.errors > units / 4);
        print_message("seed %llu: %u units, %zu frames answered: %zu errors, "
                      "%zu results\n",
                      (unsigned long long)seed, units, sn.frames, sn.errors,
                      sn.results);
        libc_free(out);
        out = NULL;
        free(sn.probes);
        gw_buf_release(&in);
    }
}

/* No frame boundaries at all: pieces of everything, cut anywhere, then
 * truncated endings. The server must only stop at the end, exit 1, and
 * write nothing but well-formed frames. */
static void test_random_stream(void **state)
{
    static const char *const endings[] = {
        "",
        "Content-Length: 10\r\n",
        "Content-Length: 10\r\n\r\n{\"js",
        "Content-Length: 1000000000000\r\n\r\n",
        "Content-Le",
        "Content-Length: 99999999999999999999999999999\r\n\r\n{}"};
    struct gw_buf in, piece;
    struct rng r;
    struct seen sn;
    size_t outlen = 0, e, i;
    char *out = NULL;

    (void)state;
    for (e = 0; e < sizeof endings / sizeof endings[0]; e++) {
        r.s = seed_of(0x1234567 + e);
        gw_buf_init(&in, 0);
        gw_buf_init(&piece, 0);
        open_probe(&in);
        for (i = 0; i < 1500; i++) {
            gw_buf_reset(&piece);
            garbage(&r, &piece, 512, (unsigned)i);
            if (below(&r, 3) == 0)
                add_probe(&piece, 0);
            /* keep a random part of the unit: frames lose their ends */
            gw_buf_add(&in, piece.data,
                       below(&r, 3) ? piece.len : below(&r, piece.len));
        }
        gw_buf_puts(&in, endings[e]);
        memset(&sn, 0, sizeof sn);
        sn.nprobes = 1;
        sn.probes = calloc(1, sizeof *sn.probes);
        assert_int_equal(serve(&in, 512, &out, &outlen), 1);
        check_output(out, outlen, &sn);
        libc_free(out);
        out = NULL;
        free(sn.probes);
        gw_buf_release(&piece);
        gw_buf_release(&in);
    }
}

/* A frame over the real 16 MiB cap is skipped without being kept, and the
 * request after it is answered. */
static void test_huge_frame(void **state)
{
    struct gw_buf in;
    struct seen sn;
    size_t outlen = 0, n = GW_RPC_MAX_BODY + 1;
    char *out = NULL;

    (void)state;
    gw_buf_init(&in, 0);
    open_probe(&in);
    gw_buf_printf(&in, "Content-Length: %zu\r\n\r\n", n);
    while (n > 0) {
        static const char chunk[] = "{\"jsonrpc\":\"2.0\",\"x\":[1,2,3]} ";
        size_t k = n < sizeof chunk - 1 ? n : sizeof chunk - 1;
        gw_buf_add(&in, chunk, k);
        n -= k;
    }
    add_probe(&in, 0);
    frame_str(&in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"shutdown\"}");
    frame_str(&in, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
    memset(&sn, 0, sizeof sn);
    sn.nprobes = 1;
    sn.probes = calloc(1, sizeof *sn.probes);
    assert_int_equal(serve(&in, 0, &out, &outlen), 0);
    check_output(out, outlen, &sn);
    assert_int_equal(sn.probes[0], 1);
    assert_non_null(strstr(out, "over the limit of 16777216 bytes"));
    libc_free(out);
    free(sn.probes);
    gw_buf_release(&in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_framing),
        cmocka_unit_test(test_long_headers),
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_garbage_stream),
        cmocka_unit_test(test_random_stream),
        cmocka_unit_test(test_huge_frame),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
