/* Unit tests of suppress.c: the comment forms of each syntax (YAML, shell,
 * PowerShell, Markdown, none in JSON), parsing of a directive (rules,
 * reason, until) and its problems, and which findings are suppressed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "mem.h"
#include "ruleset.h"
#include "suppress.h"
#include "value.h"

struct fx {
    struct gw_ruleset *rs;
    struct gw_arena *a;
    struct gw_source src;
    struct gw_context ctx;
    struct gw_doc doc;
    struct gw_supp s;
};

static time_t now(void)
{
    time_t t;
    assert_true(gw_utc_time(2026, 11, 27, 12, 0, &t));
    return t;
}

static struct fx *fx_new(void **state)
{
    struct fx *f = gw_xcalloc(1, sizeof *f);
    struct gw_buf err;
    gw_buf_init(&err, 0);
    assert_int_equal(gw_ruleset_builtin(&f->rs, &err), GW_OK);
    gw_buf_release(&err);
    (void)state;
    return f;
}

static void fx_free(struct fx *f)
{
    gw_arena_free(f->a);
    gw_ruleset_free(f->rs);
    gw_xfree(f);
}

static void scan(struct fx *f, const char *type, const char *path,
                 const char *text)
{
    gw_arena_free(f->a);
    f->a = gw_arena_new();
    gw_source_init(&f->src, f->a, path, text, strlen(text));
    gw_doc_init(&f->doc, f->a, &f->src, &f->ctx);
    f->doc.input_type = type;
    gw_supp_init(&f->s, &f->doc, f->rs, now(), NULL, 0, NULL);
}

/* The text of span sp. */
static const char *at(struct fx *f, struct gw_span sp)
{
    return gw_arena_strndup(f->a, f->src.text + sp.start, sp.end - sp.start);
}

static void test_yaml_forms(void **state)
{
    struct fx *f = fx_new(state);
    scan(f, "settings-yaml", "s.yaml",
         "a: 1 # gwlint: ignore[GW103]\n"
         "# gwlint: ignore[GW203, token-expiring] reason=\"rotated\"\n"
         "b: 'it''s # gwlint: ignore[GW103]'\n"
         "c: it's # gwlint: ignore-file[GW402] until=2027-01-31\n"
         "d: \"x # gwlint: ignore[GW103]\" # note # gwlint: ignore[GW104]\n"
         "e: a#gwlint: ignore[GW103]\n"
         "  # gwlint: ignore[GW105]\n");
    assert_int_equal(f->s.ndirs, 5);
    /* trailing: its own line */
    assert_false(f->s.dirs[0].file);
    assert_int_equal(f->s.dirs[0].line, 1);
    assert_int_equal(f->s.dirs[0].nnames, 1);
    assert_string_equal(f->s.dirs[0].names[0].rule->id, "GW103");
    assert_string_equal(at(f, f->s.dirs[0].names[0].span), "GW103");
    assert_null(f->s.dirs[0].sup.reason);
    /* alone: the next line; ids and names */
    assert_int_equal(f->s.dirs[1].line, 3);
    assert_int_equal(f->s.dirs[1].nnames, 2);
    assert_string_equal(f->s.dirs[1].names[1].rule->id, "GW203");
    assert_string_equal(f->s.dirs[1].sup.reason, "rotated");
    /* a quote inside a plain scalar opens nothing */
    assert_true(f->s.dirs[2].file);
    assert_string_equal(f->s.dirs[2].until_text, "2027-01-31");
    assert_false(f->s.dirs[2].expired);
    assert_string_equal(at(f, f->s.dirs[2].until_span), "until=2027-01-31");
    /* after a quoted scalar, and after a second '#' */
    assert_int_equal(f->s.dirs[3].line, 5);
    assert_string_equal(f->s.dirs[3].names[0].name, "GW104");
    /* indented and alone */
    assert_int_equal(f->s.dirs[4].line, 8);
    assert_string_equal(f->s.dirs[4].names[0].name, "GW105");
    fx_free(f);
}

static void test_shell_and_pwsh(void **state)
{
    struct fx *f = fx_new(state);
    scan(f, "shell", "d.sh",
         "echo \"# gwlint: ignore[GW103]\" '# gwlint: ignore[GW103]' \\# x\n"
         "echo $# # gwlint: ignore[GW806]\n"
         "az x;# gwlint: ignore[GW805]\n");
    assert_int_equal(f->s.ndirs, 2);
    assert_int_equal(f->s.dirs[0].line, 2);
    assert_string_equal(f->s.dirs[0].names[0].name, "GW806");
    assert_int_equal(f->s.dirs[1].line, 3);
    scan(f, "shell", "d.ps1",
         "az k8s-extension create `\n"
         "  --name \"a`\"# gwlint: ignore[GW103]\" # gwlint: ignore[GW805]\n"
         "<# gwlint: ignore[GW103] #>\n");
    assert_int_equal(f->s.ndirs, 1);
    assert_string_equal(f->s.dirs[0].names[0].name, "GW805");
    fx_free(f);
}

static void test_markdown(void **state)
{
    struct fx *f = fx_new(state);
    scan(f, "markdown", "README.md",
         "# gwlint: ignore[GW103]\n"
         "<!-- gwlint: ignore-file[GW805] reason=\"preview only\" -->\n"
         "Text <!-- gwlint: ignore[GW806] -->\n"
         "```bash\n"
         "# gwlint: ignore[GW801]\n"
         "az k8s-extension create --name x # gwlint: ignore[GW802]\n"
         "```\n"
         "~~~powershell\n"
         "az x `# gwlint: ignore[GW103]`\n"
         "~~~\n"
         "<!-- gwlint: ignore[GW807] -->\n");
    assert_int_equal(f->s.ndirs, 5);
    assert_true(f->s.dirs[0].file);
    assert_string_equal(f->s.dirs[0].sup.reason, "preview only");
    assert_string_equal(at(f, f->s.dirs[0].span),
                        "gwlint: ignore-file[GW805] reason=\"preview only\"");
    assert_int_equal(f->s.dirs[1].line, 3);
    assert_int_equal(f->s.dirs[2].line, 6);
    assert_string_equal(f->s.dirs[2].names[0].name, "GW801");
    assert_int_equal(f->s.dirs[3].line, 6);
    assert_int_equal(f->s.dirs[4].line, 12);
    fx_free(f);
}

static void test_json_has_none(void **state)
{
    struct fx *f = fx_new(state);
    scan(f, "settings-json", "s.json", "{\"a\": \"# gwlint: ignore[GW103]\"}\n");
    assert_int_equal(f->s.ndirs, 0);
    scan(f, "extension", "e.yaml",
         "{\"a\": 1}\n# gwlint: ignore[GW103]\n");
    assert_int_equal(f->s.ndirs, 0);
    fx_free(f);
}

struct bad {
    const char *line;
    const char *problem;
};

static void test_problems(void **state)
{
    static const struct bad cases[] = {
        {"# gwlint: ignore", "name the rules in brackets, such as "
                             "'ignore[GW203]' (gwlint has no blanket "
                             "suppression)"},
        {"# gwlint: disable[GW103]",
         "'disable' is not a directive; write 'gwlint: ignore[RULE,...]' or "
         "'gwlint: ignore-file[RULE,...]'"},
        {"# gwlint: ignore[GW103", "'[' is not closed by ']'"},
        {"# gwlint: ignore[]", "an empty rule name in the brackets"},
        {"# gwlint: ignore[GW103,,GW104]", "an empty rule name in the brackets"},
        {"# gwlint: ignore[GW103] until=2027-02-30",
         "until '2027-02-30' is not a date YYYY-MM-DD"},
        {"# gwlint: ignore[GW103] because it is",
         "unexpected 'because' after the rules; write reason=\"...\" or "
         "until=YYYY-MM-DD"},
        {"# gwlint: ignore[GW103] reason=\"open", "the reason's quote is not "
                                                 "closed"},
        {"# gwlint: ignore[GW103] reason=a reason=b",
         "unexpected 'reason=b' after the rules; write reason=\"...\" or "
         "until=YYYY-MM-DD"},
    };
    struct fx *f = fx_new(state);
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        scan(f, "settings-yaml", "s.yaml", cases[i].line);
        assert_int_equal(f->s.ndirs, 1);
        if (!f->s.dirs[0].problem ||
            strcmp(f->s.dirs[0].problem, cases[i].problem) != 0)
            fail_msg("%s: got '%s'", cases[i].line,
                     f->s.dirs[0].problem ? f->s.dirs[0].problem : "(none)");
    }
    /* a trailing comma is fine; an unknown rule is not a problem here */
    scan(f, "settings-yaml", "s.yaml",
         "# gwlint: ignore[GW103, GW999,] reason='a b' until=2026-11-26\n");
    assert_null(f->s.dirs[0].problem);
    assert_int_equal(f->s.dirs[0].nnames, 2);
    assert_null(f->s.dirs[0].names[1].rule);
    assert_string_equal(f->s.dirs[0].sup.reason, "a b");
    assert_true(f->s.dirs[0].expired); /* the day before --now */
    scan(f, "settings-yaml", "s.yaml",
         "# gwlint: ignore[GW103] until=2026-11-27\n");
    assert_false(f->s.dirs[0].expired); /* the whole day counts */
    fx_free(f);
}

static struct gw_diag diag(struct fx *f, const char *rule, uint32_t off,
                           const char *key)
{
    struct gw_diag d;
    memset(&d, 0, sizeof d);
    d.src = &f->src;
    d.span.start = d.span.end = off;
    d.rule = gw_ruleset_find(f->rs, rule);
    d.level = d.rule->level;
    d.message = "m";
    d.key = key;
    return d;
}

static void test_apply(void **state)
{
    struct fx *f = fx_new(state);
    struct gw_ignore ig[2];
    struct gw_diag_list l;
    const char *text = "a: 1 # gwlint: ignore[GW103]\n"      /* 0 */
                       "# gwlint: ignore[GW104] until=2020-01-01\n"
                       "b: 2\n"                                /* 70 */
                       "# gwlint: ignore-file[GW402]\n";
    struct gw_diag d;

    memset(ig, 0, sizeof ig);
    ig[0].glob = "deploy/*.yaml";
    ig[0].rule = gw_ruleset_find(f->rs, "GW205");
    ig[0].key = "gateway.auth.token";
    ig[0].sup.reason = "pipeline";
    ig[0].sup.external = true;
    ig[1].glob = "other/**";
    ig[1].rule = ig[0].rule;
    gw_arena_free(f->a);
    f->a = gw_arena_new();
    gw_source_init(&f->src, f->a, "deploy/s.yaml", text, strlen(text));
    gw_doc_init(&f->doc, f->a, &f->src, &f->ctx);
    f->doc.input_type = "settings-yaml";
    gw_supp_init(&f->s, &f->doc, f->rs, now(), ig, 2, "deploy/s.yaml");
    assert_true(f->s.ignore_matches[0]);
    assert_false(f->s.ignore_matches[1]);
    gw_diag_list_init(&l);
    d = diag(f, "GW103", 0, "a");
    gw_diag_list_add(&l, &d);  /* suppressed: same line */
    d = diag(f, "GW104", 70, "b");
    gw_diag_list_add(&l, &d);  /* not: the directive expired */
    d = diag(f, "GW103", 70, "b");
    gw_diag_list_add(&l, &d);  /* not: another line */
    d = diag(f, "GW402", 70, NULL);
    gw_diag_list_add(&l, &d);  /* suppressed: the whole file */
    d = diag(f, "GW205", 70, "gateway.auth.token");
    gw_diag_list_add(&l, &d);  /* suppressed by the config */
    d = diag(f, "GW205", 70, "monitoring.ingestionKey");
    gw_diag_list_add(&l, &d);  /* not: another key */
    gw_supp_apply(&f->s, &l, 0);
    assert_non_null(l.items[0].suppressed);
    assert_null(l.items[1].suppressed);
    assert_null(l.items[2].suppressed);
    assert_non_null(l.items[3].suppressed);
    assert_non_null(l.items[4].suppressed);
    assert_true(l.items[4].suppressed->external);
    assert_string_equal(l.items[4].suppressed->reason, "pipeline");
    assert_null(l.items[5].suppressed);
    assert_true(f->s.dirs[0].names[0].used);
    assert_false(f->s.dirs[1].names[0].used);
    assert_true(f->s.ignore_used[0]);
    assert_false(f->s.ignore_used[1]);
    gw_diag_list_release(&l);
    fx_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_yaml_forms),
        cmocka_unit_test(test_shell_and_pwsh),
        cmocka_unit_test(test_markdown),
        cmocka_unit_test(test_json_has_none),
        cmocka_unit_test(test_problems),
        cmocka_unit_test(test_apply),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
