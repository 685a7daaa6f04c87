/* Unit tests of glob.c: '*', '?', classes, '**' in every position, the
 * .gitignore rule for patterns without '/', and a pathological pattern. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "glob.h"

struct gcase {
    const char *pattern, *path;
    bool match;
};

static const struct gcase cases[] = {
    /* literal and '*' within a segment */
    {"a.json", "a.json", true},
    {"a.json", "b.json", false},
    {"*.json", "a.json", true},
    {"*.json", "a.yaml", false},
    {"*.json", ".json", true},
    {"deploy/*.json", "deploy/a.json", true},
    {"deploy/*.json", "deploy/x/a.json", false},
    {"deploy/*", "deploy/a", true},
    {"deploy/*", "deploy", false},
    {"d*y/a", "deploy/a", true},
    {"d*y/a", "dx/y/a", false},
    /* no '/': any depth (.gitignore) */
    {"*.json", "deploy/x/a.json", true},
    {"values.yaml", "charts/gw/values.yaml", true},
    {"values.yaml", "charts/gw/my-values.yaml", false},
    /* '?' and classes */
    {"a?.json", "ab.json", true},
    {"a?.json", "a/.json", false},
    {"a?.json", "a\xc3\xa9.json", true},
    {"a?.json", "abc.json", false},
    {"[ab].json", "b.json", true},
    {"[ab].json", "c.json", false},
    {"[!ab].json", "c.json", true},
    {"[^ab].json", "a.json", false},
    {"[a-c]x", "bx", true},
    {"[a-c]x", "dx", false},
    {"[]]x", "]x", true},
    {"[\xc3\xa0-\xc3\xbf]", "\xc3\xa9", true},
    /* '**' */
    {"**/*.yaml", "a.yaml", true},
    {"**/*.yaml", "x/y/a.yaml", true},
    {"deploy/**/*.yaml", "deploy/a.yaml", true},
    {"deploy/**/*.yaml", "deploy/helm/x/a.yaml", true},
    {"deploy/**/*.yaml", "other/deploy/a.yaml", false},
    {"deploy/helm/**/*.yaml", "deploy/helm/values.yaml", true},
    {"deploy/helm/**/*.yaml", "deploy/helmet/values.yaml", false},
    {"vendor/**", "vendor/a/b.json", true},
    {"vendor/**", "vendor/a.json", true},
    {"vendor/**", "vendor", false},
    {"vendor/**", "vendors/a.json", false},
    {"**", "a/b/c", true},
    {"a/**/b", "a/b", true},
    {"a/**/b", "a/x/y/b", true},
    {"a/**/b", "a/xb", false},
    {"a**b", "axxb", true},
    {"a**b", "ax/xb", false},
    /* leading ./ and / are ignored; paths may start with ./ */
    {"./deploy/*.json", "deploy/a.json", true},
    {"/deploy/*.json", "deploy/a.json", true},
    {"deploy/*.json", "./deploy/a.json", true},
    /* escapes */
    {"a\\*b", "a*b", true},
    {"a\\*b", "axb", false},
    /* case-sensitive */
    {"*.JSON", "a.json", false},
};

static void test_cases(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bool got = gw_glob_match(cases[i].pattern, cases[i].path);
        if (got != cases[i].match)
            fail_msg("'%s' vs '%s': got %d", cases[i].pattern, cases[i].path,
                     got);
    }
}

static void test_valid(void **state)
{
    unsigned where = 99;
    const char *why = NULL;
    (void)state;
    assert_true(gw_glob_valid("deploy/**/*.json", &where, &why));
    assert_false(gw_glob_valid("a[bc", &where, &why));
    assert_int_equal(where, 1);
    assert_non_null(why);
    assert_false(gw_glob_valid("ab\\", &where, &why));
    assert_int_equal(where, 2);
    assert_false(gw_glob_valid("", &where, &why));
}

/* A pattern that is exponential for a backtracking matcher. */
static void test_no_blowup(void **state)
{
    char pat[200], path[300];
    size_t i;
    (void)state;
    for (i = 0; i < 60; i += 2) {
        pat[i] = 'a';
        pat[i + 1] = '*';
    }
    pat[60] = 'b';
    pat[61] = '\0';
    memset(path, 'a', 299);
    path[299] = '\0';
    assert_false(gw_glob_match(pat, path));
    memcpy(pat, "**/**/**/**/**/**/**/**/**/**/x", 32);
    for (i = 0; i < 298; i += 2) {
        path[i] = 'a';
        path[i + 1] = '/';
    }
    path[298] = 'y';
    path[299] = '\0';
    assert_false(gw_glob_match(pat, path));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_no_blowup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
