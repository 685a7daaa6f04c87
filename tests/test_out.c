/* Unit tests of the JSON and SARIF writers and out_util.c: exact layout,
 * positions in characters, sanitising, URIs, fingerprints, fixes,
 * suppressions, notices and streaming many documents. Fake rules and
 * sources, so that the tests do not depend on the rule files; one test uses
 * the built-in ruleset when it loads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "buf.h"
#include "diag.h"
#include "mem.h"
#include "out.h"
#include "out_util.h"
#include "rule.h"
#include "ruleset.h"
#include "src.h"

static const struct gw_rule rule_token = {
    .id = "GW201",
    .name = "token-format",
    .summary = "the gateway token is malformed",
    .description = "A gateway token reads GatewayKey id&expiry&signature.",
    .doc = "# GW201 token-format\n\nWhat and why.\n",
    .default_level = GW_ERROR,
    .level = GW_ERROR,
    .index = 0,
};

static const struct gw_rule rule_legacy = {
    .id = "GW104",
    .name = "legacy-key",
    .summary = "a renamed key",
    .default_level = GW_WARNING,
    .level = GW_WARNING,
    .index = 1,
};

/* Line 2 holds multibyte text: "token" starts at character column 15 but
 * byte column 22. The source also holds a would-be secret that must never
 * be printed. */
static const char text_mb[] =
    "gateway:\n  naïve: \"日本語 token\"\n  sig: SECRETSIG\n";

struct fixture {
    struct gw_arena *a;
    struct gw_source src;
};

static void fixture_init(struct fixture *f, const char *path, const char *text)
{
    f->a = gw_arena_new();
    gw_source_init(&f->src, f->a, path, text, strlen(text));
}

static uint32_t offset_of(const char *text, const char *needle)
{
    const char *p = strstr(text, needle);
    assert_non_null(p);
    return (uint32_t)(p - text);
}

static struct gw_diag make_diag(const struct gw_source *src,
                                const struct gw_rule *r, uint32_t start,
                                uint32_t end, const char *msg)
{
    struct gw_diag d;
    memset(&d, 0, sizeof d);
    d.src = src;
    d.span.start = start;
    d.span.end = end;
    d.rule = r;
    d.level = r->level;
    d.message = msg;
    return d;
}

/* The whole content of `fp` (closed here), owned; free with gw_xfree. */
static char *slurp(FILE *fp)
{
    struct gw_buf b;
    char chunk[4096];
    size_t n;

    gw_buf_init(&b, 0);
    rewind(fp);
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        gw_buf_add(&b, chunk, n);
    fclose(fp);
    return gw_buf_detach(&b);
}

static struct gw_out_opts opts_for(FILE *fp, const struct gw_ruleset *rs)
{
    struct gw_out_opts o;
    memset(&o, 0, sizeof o);
    o.fp = fp;
    o.version = "0.1.0";
    o.rules = rs;
    return o;
}

/* With GWLINT_TEST_OUT_DIR set, keep the output as DIR/NAME.{json,sarif}
 * so that tests/sarif_validate.sh and a schema validator can check it. */
static void keep(const char *name, const char *writer, const char *out)
{
    const char *dir = getenv("GWLINT_TEST_OUT_DIR");
    char path[4096];
    FILE *fp;

    if (!dir || !*dir)
        return;
    snprintf(path, sizeof path, "%s/%s.%s", dir, name, writer);
    fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(out, fp);
    assert_int_equal(fclose(fp), 0);
}

/* Run writer `w` over one document and return its output, owned. */
static char *run_one(const struct gw_writer *w, const struct gw_ruleset *rs,
                     const struct gw_source *src, const struct gw_diag *d,
                     size_t n, const struct gw_out_totals *t, const char *name)
{
    char *out;

    FILE *fp = tmpfile();
    struct gw_out_opts o;
    void *st;

    assert_non_null(fp);
    o = opts_for(fp, rs);
    st = w->begin(&o);
    if (src)
        w->diags(st, src, NULL, 0, d, n);
    w->end(st, t);
    out = slurp(fp);
    keep(name, w->name, out);
    return out;
}

static cJSON *parse(const char *text)
{
    cJSON *j = cJSON_Parse(text);
    assert_non_null(j);
    return j;
}

/* Walk a path of object keys and array indexes: "a", "#0", "b". */
static const cJSON *at(const cJSON *j, ...)
{
    va_list ap;
    const char *k;

    va_start(ap, j);
    while (j && (k = va_arg(ap, const char *)) != NULL) {
        if (k[0] == '#')
            j = cJSON_GetArrayItem(j, (int)strtol(k + 1, NULL, 10));
        else
            j = cJSON_GetObjectItemCaseSensitive(j, k);
    }
    va_end(ap);
    assert_non_null(j);
    return j;
}

#define AT(...) at(__VA_ARGS__, (const char *)NULL)

static void assert_str_at(const cJSON *j, const char *want)
{
    assert_true(cJSON_IsString(j));
    assert_string_equal(j->valuestring, want);
}

static void assert_num_at(const cJSON *j, double want)
{
    assert_true(cJSON_IsNumber(j));
    assert_true(j->valuedouble == want);
}

/* The output is valid UTF-8 with no control bytes but newlines: running
 * it through the sanitiser changes nothing. */
static void assert_clean_utf8(const char *out)
{
    struct gw_buf b;
    gw_buf_init(&b, 0);
    gw_out_sanitize(&b, out, GW_OUT_KEEP_NEWLINES);
    assert_string_equal(gw_buf_str(&b), out);
    assert_null(strchr(out, '\r'));
    gw_buf_release(&b);
}

/* ---- out_util ---- */

static void test_sanitize(void **state)
{
    struct gw_buf b;
    (void)state;
    gw_buf_init(&b, 0);

    gw_out_sanitize(&b, "plain é 😀\ttab", 0);
    assert_string_equal(gw_buf_str(&b), "plain é 😀\ttab");

    gw_buf_reset(&b);
    /* C0, ESC, DEL, C1 (U+009B CSI), a lone 0xFF, an overlong NUL, a
     * surrogate, a truncated sequence at the end. */
    gw_out_sanitize(&b,
                    "a\x01"
                    "b\x1b[1mc\x7f"
                    "d\xc2\x9b"
                    "e\xff"
                    "f\xc0\x80"
                    "g\xed\xa0\x80"
                    "h\xf4\x90\x80\x80"
                    "i\n\r\xe6\x97",
                    0);
    assert_string_equal(gw_buf_str(&b),
                        "a\uFFFDb\uFFFD[1mc\uFFFDd\uFFFDe\uFFFDf\uFFFD\uFFFD"
                        "g\uFFFD\uFFFD\uFFFDh\uFFFD\uFFFD\uFFFD\uFFFD"
                        "i\uFFFD\uFFFD\uFFFD\uFFFD");

    gw_buf_reset(&b);
    gw_out_sanitize(&b, "x\r\ny\x02", GW_OUT_KEEP_NEWLINES);
    assert_string_equal(gw_buf_str(&b), "x\r\ny\uFFFD");

    gw_buf_reset(&b);
    gw_out_sanitize(&b, NULL, 0);
    gw_out_sanitize(&b, "", 0);
    assert_string_equal(gw_buf_str(&b), "");
    /* Largest valid code points of each length pass. */
    gw_out_sanitize(&b, "\x7e\xdf\xbf\xef\xbf\xbf\xf4\x8f\xbf\xbf", 0);
    assert_string_equal(gw_buf_str(&b),
                        "\x7e\xdf\xbf\xef\xbf\xbf\xf4\x8f\xbf\xbf");
    gw_buf_release(&b);
}

static void check_truncate(const char *in, size_t max, const char *want)
{
    struct gw_buf b;
    gw_buf_init(&b, 0);
    gw_buf_puts(&b, in);
    gw_out_truncate(&b, max);
    assert_string_equal(gw_buf_str(&b), want);
    gw_buf_release(&b);
}

static void test_truncate(void **state)
{
    (void)state;
    check_truncate("abc", 3, "abc");
    check_truncate("abcd", 3, "ab\u2026");
    check_truncate("日本語", 3, "日本語");
    check_truncate("日本語x", 3, "日本\u2026");
    check_truncate("é😀é😀", 2, "é\u2026");
    check_truncate("ab", 1, "\u2026");
    check_truncate("", 1, "");
}

static void test_json_indent(void **state)
{
    FILE *fp = tmpfile();
    char *out;
    (void)state;
    assert_non_null(fp);
    gw_out_json_indent(
        fp, "{\"a\":[1,{}],\"b\":\"{x,y:[z]}\\\"\\\\\",\"c\":[]}", 1);
    out = slurp(fp);
    assert_string_equal(out, "{\n"
                             "    \"a\": [\n"
                             "      1,\n"
                             "      {}\n"
                             "    ],\n"
                             "    \"b\": \"{x,y:[z]}\\\"\\\\\",\n"
                             "    \"c\": []\n"
                             "  }");
    gw_xfree(out);
}

static void check_uri(const char *path, const char *cwd, const char *want,
                      bool relative)
{
    struct gw_buf b;
    gw_buf_init(&b, 0);
    assert_int_equal(gw_out_uri(&b, path, cwd), relative);
    assert_string_equal(gw_buf_str(&b), want);
    gw_buf_release(&b);
}

static void test_uri(void **state)
{
    (void)state;
    check_uri("a.yaml", "/w", "a.yaml", true);
    check_uri("./a.yaml", "/w", "a.yaml", true);
    check_uri("././/dir/a.yaml", "/w", "dir/a.yaml", true);
    check_uri("dir/my file.yaml", "/w", "dir/my%20file.yaml", true);
    check_uri("a#b?c%d:e[f]@g!$&'()*+,;=.json", NULL,
              "a%23b%3Fc%25d%3Ae%5Bf%5D%40g%21%24%26%27%28%29%2A%2B%2C%3B%3D"
              ".json",
              true);
    check_uri("ünï/x\\y.md", NULL, "%C3%BCn%C3%AF/x%5Cy.md", true);
    check_uri("../up.yaml", "/w", "../up.yaml", true);
    check_uri("/w/repo/a b.yaml", "/w/repo", "a%20b.yaml", true);
    check_uri("/w/repo/a.yaml", "/w/repo/", "a.yaml", true);
    check_uri("/w/repo2/a.yaml", "/w/repo", "file:///w/repo2/a.yaml", false);
    check_uri("/etc/x y.yaml", "/w", "file:///etc/x%20y.yaml", false);
    check_uri("/etc/a.yaml", NULL, "file:///etc/a.yaml", false);
    check_uri("/etc/a.yaml", "/", "etc/a.yaml", true);
    check_uri("", "/w", "", true);
}

static void test_fingerprint_known(void **state)
{
    char a[GW_OUT_FINGERPRINT_LEN + 1], b[GW_OUT_FINGERPRINT_LEN + 1];
    (void)state;
    /* Pinned: a change here would reopen every user's code scanning
     * alerts, so it needs a new fingerprint version. */
    gw_out_fingerprint("GW201", "dir/a.yaml", "gateway.auth.token", 0, a);
    assert_string_equal(a, "50c7118ca4f23214");
    gw_out_fingerprint("GW201", "dir/a.yaml", NULL, 3, a);
    assert_string_equal(a, "2c0a03342605fd7a");
    gw_out_fingerprint("GW201", "dir/a.yaml", "", 3, b);
    assert_string_not_equal(a, b);
    gw_out_fingerprint("GW20", "1dir/a.yaml", NULL, 3, b);
    assert_string_not_equal(a, b);
    gw_out_fingerprint("GW201", "dir/a.yaml", NULL, 4, b);
    assert_string_not_equal(a, b);
}

/* ---- JSON ---- */

static void test_json_exact(void **state)
{
    struct fixture f;
    struct gw_diag d;
    struct gw_out_totals t = {1, 0, 0, 0, 1, 1};
    uint32_t tok = offset_of(text_mb, "token");
    char *out;
    (void)state;

    fixture_init(&f, "dir/a.yaml", text_mb);
    d = make_diag(&f.src, &rule_token, tok, tok + 5, "gateway.auth.token: bad");
    out = run_one(&gw_writer_json, NULL, &f.src, &d, 1, &t, "exact");
    assert_string_equal(out, "{\n"
                             "  \"version\": \"0.1.0\",\n"
                             "  \"diagnostics\": [\n"
                             "    {\n"
                             "      \"path\": \"dir/a.yaml\",\n"
                             "      \"range\": {\n"
                             "        \"start\": {\n"
                             "          \"line\": 2,\n"
                             "          \"column\": 15\n"
                             "        },\n"
                             "        \"end\": {\n"
                             "          \"line\": 2,\n"
                             "          \"column\": 20\n"
                             "        }\n"
                             "      },\n"
                             "      \"level\": \"error\",\n"
                             "      \"rule\": {\n"
                             "        \"id\": \"GW201\",\n"
                             "        \"name\": \"token-format\"\n"
                             "      },\n"
                             "      \"message\": \"gateway.auth.token: bad\"\n"
                             "    }\n"
                             "  ],\n"
                             "  \"notices\": [],\n"
                             "  \"summary\": {\n"
                             "    \"errors\": 1,\n"
                             "    \"warnings\": 0,\n"
                             "    \"notes\": 0,\n"
                             "    \"suppressed\": 0,\n"
                             "    \"files\": 1,\n"
                             "    \"files_with_findings\": 1\n"
                             "  }\n"
                             "}\n");
    assert_null(strstr(out, "SECRETSIG"));
    gw_xfree(out);
    gw_arena_free(f.a);
}

static void test_json_zero(void **state)
{
    char *out;
    (void)state;
    out = run_one(&gw_writer_json, NULL, NULL, NULL, 0, NULL, "zero");
    assert_string_equal(out, "{\n"
                             "  \"version\": \"0.1.0\",\n"
                             "  \"diagnostics\": [],\n"
                             "  \"notices\": [],\n"
                             "  \"summary\": {\n"
                             "    \"errors\": 0,\n"
                             "    \"warnings\": 0,\n"
                             "    \"notes\": 0,\n"
                             "    \"suppressed\": 0,\n"
                             "    \"files\": 0,\n"
                             "    \"files_with_findings\": 0\n"
                             "  }\n"
                             "}\n");
    gw_xfree(out);
}

static const char nasty_msg[] = "a\x01"
                                "b\x1b[31mc\xff"
                                "d\t\"q\"\\e\nf\xc2\x9bg é😀";
static const char nasty_want[] =
    "a\uFFFDb\uFFFD[31mc\uFFFDd\t\"q\"\\e\uFFFDf\uFFFDg é😀";

static void test_json_sanitize_escape(void **state)
{
    struct fixture f;
    struct gw_diag d;
    struct gw_fix fix = {{0, 7}, "new\nline\x01", "rename \"x\""};
    char *out;
    cJSON *j;
    const cJSON *e;
    (void)state;

    fixture_init(&f, "we\x1bird\xff.yaml", text_mb);
    d = make_diag(&f.src, &rule_token, 0, 7, nasty_msg);
    d.fix = &fix;
    out = run_one(&gw_writer_json, NULL, &f.src, &d, 1, NULL, "sanitize");
    assert_clean_utf8(out);
    assert_non_null(strstr(out, "\\t\\\"q\\\"\\\\e"));
    j = parse(out);
    e = AT(j, "diagnostics", "#0");
    assert_str_at(AT(e, "message"), nasty_want);
    assert_str_at(AT(e, "path"), "we\uFFFDird\uFFFD.yaml");
    assert_str_at(AT(e, "fix", "replacement"), "new\nline\uFFFD");
    assert_str_at(AT(e, "fix", "title"), "rename \"x\"");
    assert_num_at(AT(e, "fix", "range", "start", "line"), 1);
    assert_num_at(AT(e, "fix", "range", "start", "column"), 1);
    assert_num_at(AT(e, "fix", "range", "end", "column"), 8);
    assert_null(cJSON_GetObjectItem(e, "suppressed"));
    cJSON_Delete(j);
    gw_xfree(out);
    gw_arena_free(f.a);
}

static void test_json_suppressed_notices(void **state)
{
    struct fixture f;
    struct gw_diag d[2];
    struct gw_suppression s1 = {"rotated by the pipeline", false};
    struct gw_suppression s2 = {NULL, true};
    struct gw_out_notice n1 = {"missing.yaml", "cannot read: no such file"};
    struct gw_out_notice n2 = {NULL, "bad\x01"};
    struct gw_out_totals t = {0, 1, 0, 2, 2, 1};
    FILE *fp = tmpfile();
    struct gw_out_opts o = opts_for(fp, NULL);
    void *st;
    char *out;
    cJSON *j;
    const cJSON *e;
    (void)state;

    fixture_init(&f, "a.yaml", text_mb);
    d[0] = make_diag(&f.src, &rule_token, 0, 7, "one");
    d[0].suppressed = &s1;
    d[1] = make_diag(&f.src, &rule_legacy, 11, 16, "two");
    d[1].suppressed = &s2;
    st = gw_writer_json.begin(&o);
    gw_writer_json.notice(st, &n1);
    gw_writer_json.diags(st, &f.src, NULL, 0, d, 2);
    gw_writer_json.notice(st, &n2);
    gw_writer_json.end(st, &t);
    out = slurp(fp);
    keep("suppressed_notices", "json", out);
    j = parse(out);
    e = AT(j, "diagnostics");
    assert_int_equal(cJSON_GetArraySize(e), 2);
    assert_str_at(AT(e, "#0", "suppressed", "kind"), "inSource");
    assert_str_at(AT(e, "#0", "suppressed", "reason"),
                  "rotated by the pipeline");
    assert_str_at(AT(e, "#1", "suppressed", "kind"), "external");
    assert_null(cJSON_GetObjectItem(AT(e, "#1", "suppressed"), "reason"));
    assert_str_at(AT(e, "#1", "level"), "warning");
    assert_str_at(AT(e, "#1", "rule", "name"), "legacy-key");
    assert_num_at(AT(e, "#1", "range", "start", "line"), 2);
    assert_num_at(AT(e, "#1", "range", "start", "column"), 3);
    e = AT(j, "notices");
    assert_int_equal(cJSON_GetArraySize(e), 2);
    assert_str_at(AT(e, "#0", "path"), "missing.yaml");
    assert_str_at(AT(e, "#0", "message"), "cannot read: no such file");
    assert_null(cJSON_GetObjectItem(AT(e, "#1"), "path"));
    assert_str_at(AT(e, "#1", "message"), "bad\uFFFD");
    assert_num_at(AT(j, "summary", "suppressed"), 2);
    assert_num_at(AT(j, "summary", "warnings"), 1);
    assert_num_at(AT(j, "summary", "files"), 2);
    assert_num_at(AT(j, "summary", "files_with_findings"), 1);
    cJSON_Delete(j);
    gw_xfree(out);
    gw_arena_free(f.a);
}

/* Many documents stream through in order; each is its own arena, freed
 * before the next, as main does. */
static void test_json_many_files(void **state)
{
    enum { N = 2000 };
    FILE *fp = tmpfile();
    struct gw_out_opts o = opts_for(fp, NULL);
    struct gw_out_totals t = {N, 0, 0, 0, N, N};
    void *st;
    char *out;
    cJSON *j;
    const cJSON *e;
    (void)state;

    st = gw_writer_json.begin(&o);
    for (int i = 0; i < N; i++) {
        struct fixture f;
        struct gw_diag d;
        char path[32];
        snprintf(path, sizeof path, "f%04d.json", i);
        fixture_init(&f, path, "{\"a\": 1}\n");
        d = make_diag(&f.src, &rule_token, 1, 4, "m");
        gw_writer_json.diags(st, &f.src, NULL, 0, &d, 1);
        gw_writer_json.diags(st, &f.src, NULL, 0, NULL, 0);
        gw_arena_free(f.a);
    }
    gw_writer_json.end(st, &t);
    out = slurp(fp);
    keep("many", "json", out);
    j = parse(out);
    e = AT(j, "diagnostics");
    assert_int_equal(cJSON_GetArraySize(e), N);
    assert_str_at(AT(e, "#0", "path"), "f0000.json");
    assert_str_at(AT(e, "#1999", "path"), "f1999.json");
    assert_num_at(AT(e, "#5", "range", "end", "column"), 5);
    cJSON_Delete(j);
    gw_xfree(out);
}

/* ---- SARIF ---- */

static void test_sarif_basic(void **state)
{
    struct fixture f;
    struct gw_diag d;
    uint32_t tok = offset_of(text_mb, "token");
    char *out;
    cJSON *j;
    const cJSON *run, *r;
    (void)state;

    fixture_init(&f, "./dir/a b.yaml", text_mb);
    d = make_diag(&f.src, &rule_token, tok, tok + 5, "bad token");
    d.key = "gateway.auth.token";
    out = run_one(&gw_writer_sarif, NULL, &f.src, &d, 1, NULL, "basic");
    assert_clean_utf8(out);
    assert_null(strstr(out, "SECRETSIG"));
    /* 2-space layout, results nested at depth 4. */
    assert_non_null(strstr(out, "\n      \"results\": [\n        {\n"
                                "          \"ruleId\": \"GW201\",\n"));
    j = parse(out);
    assert_str_at(AT(j, "$schema"),
                  "https://json.schemastore.org/sarif-2.1.0.json");
    assert_str_at(AT(j, "version"), "2.1.0");
    assert_int_equal(cJSON_GetArraySize(AT(j, "runs")), 1);
    run = AT(j, "runs", "#0");
    assert_str_at(AT(run, "tool", "driver", "name"), "gwlint");
    assert_str_at(AT(run, "tool", "driver", "version"), "0.1.0");
    assert_str_at(AT(run, "tool", "driver", "semanticVersion"), "0.1.0");
    assert_str_at(AT(run, "tool", "driver", "informationUri"),
                  "https://github.com/gwlint/gwlint");
    assert_true(cJSON_IsArray(AT(run, "tool", "driver", "rules")));
    assert_int_equal(cJSON_GetArraySize(AT(run, "tool", "driver", "rules")), 0);
    assert_str_at(AT(run, "columnKind"), "unicodeCodePoints");
    assert_int_equal(cJSON_GetArraySize(AT(run, "results")), 1);
    r = AT(run, "results", "#0");
    assert_str_at(AT(r, "ruleId"), "GW201");
    assert_null(cJSON_GetObjectItem(r, "ruleIndex"));
    assert_str_at(AT(r, "level"), "error");
    assert_str_at(AT(r, "message", "text"), "bad token");
    r = AT(r, "locations", "#0", "physicalLocation");
    assert_str_at(AT(r, "artifactLocation", "uri"), "dir/a%20b.yaml");
    assert_str_at(AT(r, "artifactLocation", "uriBaseId"), "%SRCROOT%");
    assert_num_at(AT(r, "region", "startLine"), 2);
    assert_num_at(AT(r, "region", "startColumn"), 15);
    assert_num_at(AT(r, "region", "endLine"), 2);
    assert_num_at(AT(r, "region", "endColumn"), 20);
    r = AT(run, "results", "#0");
    assert_str_at(AT(r, "partialFingerprints", "gwlintFingerprint/v1"),
                  "8586eb1fdfb52f13");
    assert_str_at(AT(r, "partialFingerprints", "primaryLocationLineHash"),
                  "8586eb1fdfb52f13");
    assert_null(cJSON_GetObjectItem(r, "fixes"));
    assert_null(cJSON_GetObjectItem(r, "suppressions"));
    assert_true(
        cJSON_IsTrue(AT(run, "invocations", "#0", "executionSuccessful")));
    assert_null(cJSON_GetObjectItem(AT(run, "invocations", "#0"),
                                    "toolExecutionNotifications"));
    cJSON_Delete(j);
    gw_xfree(out);
    gw_arena_free(f.a);
}

static void test_sarif_zero(void **state)
{
    char *out;
    cJSON *j;
    const cJSON *run;
    (void)state;
    out = run_one(&gw_writer_sarif, NULL, NULL, NULL, 0, NULL, "zero");
    assert_non_null(strstr(out, "\"results\": [],\n"));
    j = parse(out);
    run = AT(j, "runs", "#0");
    assert_true(cJSON_IsArray(AT(run, "results")));
    assert_int_equal(cJSON_GetArraySize(AT(run, "results")), 0);
    assert_true(
        cJSON_IsTrue(AT(run, "invocations", "#0", "executionSuccessful")));
    cJSON_Delete(j);
    gw_xfree(out);
}

/* The fingerprint of the result of one run over `text`. */
static void sarif_fingerprint(const char *path, const char *text,
                              const char *at_text, const char *key,
                              unsigned occ, char *fp_out, unsigned *line)
{
    struct fixture f;
    struct gw_diag d;
    uint32_t off = offset_of(text, at_text);
    char *out;
    cJSON *j;
    const cJSON *r;

    fixture_init(&f, path, text);
    d = make_diag(&f.src, &rule_legacy, off, off + 3, "m");
    d.key = key;
    d.occurrence = occ;
    out = run_one(&gw_writer_sarif, NULL, &f.src, &d, 1, NULL, "fingerprint");
    j = parse(out);
    r = AT(j, "runs", "#0", "results", "#0");
    snprintf(fp_out, GW_OUT_FINGERPRINT_LEN + 1, "%s",
             AT(r, "partialFingerprints", "gwlintFingerprint/v1")->valuestring);
    *line = (unsigned)AT(r, "locations", "#0", "physicalLocation", "region",
                         "startLine")
                ->valuedouble;
    cJSON_Delete(j);
    gw_xfree(out);
    gw_arena_free(f.a);
}

static void test_sarif_fingerprint_stable(void **state)
{
    char a[GW_OUT_FINGERPRINT_LEN + 1], b[GW_OUT_FINGERPRINT_LEN + 1];
    unsigned la, lb;
    (void)state;

    sarif_fingerprint("s.yaml", "x: 1\nold: v\n", "old", "old", 0, a, &la);
    sarif_fingerprint("./s.yaml", "# moved\n\n\nx: 1\nold: v\n", "old", "old",
                      0, b, &lb);
    assert_int_equal(la, 2);
    assert_int_equal(lb, 5);
    assert_string_equal(a, b);
    sarif_fingerprint("s.yaml", "x: 1\nold: v\n", "old", "old", 1, b, &lb);
    assert_string_not_equal(a, b);
    sarif_fingerprint("s.yaml", "x: 1\nold: v\n", "old", "other", 0, b, &lb);
    assert_string_not_equal(a, b);
    sarif_fingerprint("t.yaml", "x: 1\nold: v\n", "old", "old", 0, b, &lb);
    assert_string_not_equal(a, b);
    sarif_fingerprint("s.yaml", "x: 1\nold: v\n", "old", NULL, 0, b, &lb);
    assert_string_not_equal(a, b);
}

static void test_sarif_fix_suppressed_notice(void **state)
{
    struct fixture f;
    struct gw_diag d[3];
    struct gw_fix fix = {{11, 11}, "GatewayKey \x01", "add the prefix"};
    struct gw_suppression s1 = {"rotated by the pipeline", false};
    struct gw_suppression s2 = {NULL, true};
    struct gw_out_notice n1 = {"gone dir/x.yaml", "cannot read it"};
    struct gw_out_notice n2 = {NULL, "rule file\x1b broken"};
    FILE *fp = tmpfile();
    struct gw_out_opts o = opts_for(fp, NULL);
    void *st;
    char *out;
    cJSON *j;
    const cJSON *run, *r, *n;
    (void)state;

    fixture_init(&f, "a.yaml", text_mb);
    d[0] = make_diag(&f.src, &rule_token, 11, 11, "empty span with fix");
    d[0].fix = &fix;
    d[1] = make_diag(&f.src, &rule_token, 0, 7, "suppressed in source");
    d[1].suppressed = &s1;
    d[2] = make_diag(&f.src, &rule_legacy, 0, 7, "suppressed by config");
    d[2].suppressed = &s2;
    st = gw_writer_sarif.begin(&o);
    gw_writer_sarif.diags(st, &f.src, NULL, 0, d, 3);
    gw_writer_sarif.notice(st, &n1);
    gw_writer_sarif.notice(st, &n2);
    gw_writer_sarif.end(st, NULL);
    out = slurp(fp);
    keep("fix_suppressed_notice", "sarif", out);
    assert_clean_utf8(out);
    j = parse(out);
    run = AT(j, "runs", "#0");
    assert_int_equal(cJSON_GetArraySize(AT(run, "results")), 3);

    r = AT(run, "results", "#0");
    n = AT(r, "locations", "#0", "physicalLocation", "region");
    assert_num_at(AT(n, "startLine"), 2);
    assert_num_at(AT(n, "startColumn"), 3);
    assert_num_at(AT(n, "endLine"), 2);
    assert_num_at(AT(n, "endColumn"), 3);
    n = AT(r, "fixes", "#0");
    assert_str_at(AT(n, "description", "text"), "add the prefix");
    n = AT(n, "artifactChanges", "#0");
    assert_str_at(AT(n, "artifactLocation", "uri"), "a.yaml");
    assert_str_at(AT(n, "artifactLocation", "uriBaseId"), "%SRCROOT%");
    n = AT(n, "replacements", "#0");
    assert_num_at(AT(n, "deletedRegion", "startLine"), 2);
    assert_num_at(AT(n, "deletedRegion", "startColumn"), 3);
    assert_num_at(AT(n, "deletedRegion", "endColumn"), 3);
    assert_str_at(AT(n, "insertedContent", "text"), "GatewayKey \uFFFD");

    r = AT(run, "results", "#1");
    assert_str_at(AT(r, "suppressions", "#0", "kind"), "inSource");
    assert_str_at(AT(r, "suppressions", "#0", "justification"),
                  "rotated by the pipeline");
    r = AT(run, "results", "#2");
    assert_str_at(AT(r, "suppressions", "#0", "kind"), "external");
    assert_null(
        cJSON_GetObjectItem(AT(r, "suppressions", "#0"), "justification"));
    assert_str_at(AT(r, "level"), "warning");

    n = AT(run, "invocations", "#0");
    assert_true(cJSON_IsFalse(AT(n, "executionSuccessful")));
    n = AT(n, "toolExecutionNotifications");
    assert_int_equal(cJSON_GetArraySize(n), 2);
    assert_str_at(AT(n, "#0", "level"), "error");
    assert_str_at(AT(n, "#0", "message", "text"), "cannot read it");
    assert_str_at(AT(n, "#0", "locations", "#0", "physicalLocation",
                     "artifactLocation", "uri"),
                  "gone%20dir/x.yaml");
    assert_str_at(AT(n, "#1", "message", "text"), "rule file\uFFFD broken");
    assert_null(cJSON_GetObjectItem(AT(n, "#1"), "locations"));
    cJSON_Delete(j);
    gw_xfree(out);
    gw_arena_free(f.a);
}

static void test_sarif_absolute_paths(void **state)
{
    char cwd[4096], path[4200];
    struct fixture f, g;
    struct gw_diag d;
    char *out;
    cJSON *j;
    const cJSON *a;
    (void)state;

    assert_non_null(getcwd(cwd, sizeof cwd));
    snprintf(path, sizeof path, "%s/sub/x y.yaml", cwd);
    fixture_init(&f, path, "a: 1\n");
    d = make_diag(&f.src, &rule_token, 0, 1, "m");
    out = run_one(&gw_writer_sarif, NULL, &f.src, &d, 1, NULL, "under_cwd");
    assert_null(strstr(out, cwd[1] ? cwd : "\"/"));
    j = parse(out);
    a = AT(j, "runs", "#0", "results", "#0", "locations", "#0",
           "physicalLocation", "artifactLocation");
    assert_str_at(AT(a, "uri"), "sub/x%20y.yaml");
    assert_str_at(AT(a, "uriBaseId"), "%SRCROOT%");
    cJSON_Delete(j);
    gw_xfree(out);
    gw_arena_free(f.a);

    if (strcmp(cwd, "/") == 0)
        return; /* every absolute path is under "/" */
    fixture_init(&g, "/nonexistent-gwlint/z.yaml", "a: 1\n");
    d = make_diag(&g.src, &rule_token, 0, 1, "m");
    out = run_one(&gw_writer_sarif, NULL, &g.src, &d, 1, NULL, "outside_cwd");
    j = parse(out);
    a = AT(j, "runs", "#0", "results", "#0", "locations", "#0",
           "physicalLocation", "artifactLocation");
    assert_str_at(AT(a, "uri"), "file:///nonexistent-gwlint/z.yaml");
    assert_null(cJSON_GetObjectItem(a, "uriBaseId"));
    cJSON_Delete(j);
    gw_xfree(out);
    gw_arena_free(g.a);
}

/* With the real ruleset: every rule in tool.driver.rules, and ruleIndex
 * pointing at the result's rule. Skipped while the rule files do not
 * load. */
static void test_sarif_builtin_rules(void **state)
{
    struct gw_ruleset *rs = NULL;
    struct gw_buf err;
    struct fixture f;
    struct gw_diag d;
    const struct gw_rule *r;
    size_t n;
    char *out;
    cJSON *j;
    const cJSON *rules, *res;
    double idx;
    (void)state;

    gw_buf_init(&err, 0);
    if (gw_ruleset_builtin(&rs, &err) != GW_OK) {
        print_message("built-in rules do not load: %s\n", gw_buf_str(&err));
        gw_buf_release(&err);
        skip();
    }
    gw_buf_release(&err);
    n = gw_ruleset_count(rs);
    r = gw_ruleset_find(rs, "GW201");
    if (!r)
        r = gw_ruleset_at(rs, n - 1);
    fixture_init(&f, "a.yaml", text_mb);
    d = make_diag(&f.src, r, 0, 7, "m");
    out = run_one(&gw_writer_sarif, rs, &f.src, &d, 1, NULL, "builtin");
    assert_clean_utf8(out);
    j = parse(out);
    rules = AT(j, "runs", "#0", "tool", "driver", "rules");
    assert_int_equal(cJSON_GetArraySize(rules), n);
    for (size_t i = 0; i < n; i++) {
        const struct gw_rule *ri = gw_ruleset_at(rs, i);
        const cJSON *o = cJSON_GetArrayItem(rules, (int)i);
        char uri[128];
        assert_str_at(AT(o, "id"), ri->id);
        assert_str_at(AT(o, "name"), ri->name);
        assert_true(cJSON_IsString(AT(o, "shortDescription", "text")));
        assert_true(cJSON_IsString(AT(o, "fullDescription", "text")));
        assert_true(cJSON_IsString(AT(o, "help", "text")));
        assert_true(cJSON_IsString(AT(o, "help", "markdown")));
        assert_str_at(AT(o, "defaultConfiguration", "level"),
                      gw_level_name(ri->default_level));
        if (!ri->custom) {
            snprintf(uri, sizeof uri,
                     "https://github.com/gwlint/gwlint/blob/main/docs/"
                     "rules/%s.md",
                     ri->id);
            assert_str_at(AT(o, "helpUri"), uri);
        }
    }
    res = AT(j, "runs", "#0", "results", "#0");
    idx = AT(res, "ruleIndex")->valuedouble;
    assert_true(idx == (double)r->index);
    assert_str_at(
        cJSON_GetObjectItem(cJSON_GetArrayItem(rules, (int)idx), "id"),
        AT(res, "ruleId")->valuestring);
    cJSON_Delete(j);
    gw_xfree(out);
    gw_arena_free(f.a);
    gw_ruleset_free(rs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sanitize),
        cmocka_unit_test(test_truncate),
        cmocka_unit_test(test_json_indent),
        cmocka_unit_test(test_uri),
        cmocka_unit_test(test_fingerprint_known),
        cmocka_unit_test(test_json_exact),
        cmocka_unit_test(test_json_zero),
        cmocka_unit_test(test_json_sanitize_escape),
        cmocka_unit_test(test_json_suppressed_notices),
        cmocka_unit_test(test_json_many_files),
        cmocka_unit_test(test_sarif_basic),
        cmocka_unit_test(test_sarif_zero),
        cmocka_unit_test(test_sarif_fingerprint_stable),
        cmocka_unit_test(test_sarif_fix_suppressed_notice),
        cmocka_unit_test(test_sarif_absolute_paths),
        cmocka_unit_test(test_sarif_builtin_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
