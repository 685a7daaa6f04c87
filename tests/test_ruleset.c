/* Unit tests of ruleset.c: the ruleset compiled into C at build time is
 * the one the rule files describe, field by field, and look-ups work. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "buf.h"
#include "builtin.h"
#include "compiled.h"
#include "ruleset.h"

static void same_str(const char *a, const char *b)
{
    if (!a || !b)
        assert_ptr_equal(a, b);
    else
        assert_string_equal(a, b);
}

static void test_compiled_matches_files(void **state)
{
    struct gw_ruleset *parsed = NULL, *compiled = NULL;
    struct gw_buf err;
    size_t i, j, n, m;
    const char *profiles[] = {"arc", "helm"};
    (void)state;

    gw_buf_init(&err, 0);
    assert_int_equal(gw_ruleset_parse(&parsed, &err), GW_OK);
    assert_int_equal(gw_ruleset_builtin(&compiled, &err), GW_OK);
    assert_true(gw_compiled.nrules > 0); /* really the compiled path */

    assert_int_equal(gw_ruleset_count(parsed), gw_ruleset_count(compiled));
    for (i = 0; i < gw_ruleset_count(parsed); i++) {
        const struct gw_rule *a = gw_ruleset_at(parsed, i);
        const struct gw_rule *b = gw_ruleset_at(compiled, i);
        assert_string_equal(a->id, b->id);
        assert_string_equal(a->name, b->name);
        assert_string_equal(a->summary, b->summary);
        assert_string_equal(a->description, b->description);
        assert_ptr_equal(a->doc, b->doc);
        assert_int_equal(a->default_level, b->default_level);
        assert_int_equal(a->level, b->level);
        assert_ptr_equal(a->check, b->check);
        assert_int_equal(a->index, b->index);
    }
    for (i = 0; i < 2; i++) {
        const struct gw_catalog *a = gw_ruleset_catalog(parsed, profiles[i]);
        const struct gw_catalog *b = gw_ruleset_catalog(compiled, profiles[i]);
        assert_non_null(a);
        assert_non_null(b);
        assert_int_equal(a->nkeys, b->nkeys);
        assert_int_equal(a->nrenamed, b->nrenamed);
        assert_int_equal(a->nother, b->nother);
        for (j = 0; j < a->nkeys; j++) {
            const struct gw_keydef *x = &a->keys[j], *y = &b->keys[j];
            size_t v;
            assert_string_equal(x->key, y->key);
            assert_int_equal(x->type, y->type);
            same_str(x->def, y->def);
            same_str(x->doc, y->doc);
            same_str(x->req_key, y->req_key);
            same_str(x->req_value, y->req_value);
            assert_int_equal(x->required, y->required);
            assert_int_equal(x->secret, y->secret);
            assert_int_equal(x->has_min, y->has_min);
            assert_int_equal(x->has_max, y->has_max);
            assert_true(x->min == y->min && x->max == y->max);
            assert_int_equal(x->nvalues, y->nvalues);
            for (v = 0; v < x->nvalues; v++)
                assert_string_equal(x->values[v], y->values[v]);
            /* the compiled hash index finds every key */
            assert_ptr_equal(gw_catalog_find(b, x->key), y);
            /* a secret key is secret by either path, name or look-up */
            if (x->secret) {
                assert_true(gw_ruleset_key_secret(parsed, x->key));
                assert_true(gw_ruleset_key_secret(compiled, x->key));
            }
        }
        for (j = 0; j < a->nother; j++) {
            assert_string_equal(a->other[j].key, b->other[j].key);
            assert_string_equal(a->other[j].now, b->other[j].now);
            assert_int_equal(a->other[j].prefix, b->other[j].prefix);
        }
    }
    {
        const struct gw_region *a = gw_ruleset_regions(parsed, &n);
        const struct gw_region *b = gw_ruleset_regions(compiled, &m);
        assert_int_equal(n, m);
        for (i = 0; i < n; i++) {
            assert_string_equal(a[i].name, b[i].name);
            assert_string_equal(a[i].display, b[i].display);
            same_str(a[i].doc, b[i].doc);
            assert_int_equal(a[i].supported, b[i].supported);
        }
    }
    {
        const struct gw_tier *a = gw_ruleset_tiers(parsed, &n);
        const struct gw_tier *b = gw_ruleset_tiers(compiled, &m);
        assert_int_equal(n, m);
        for (i = 0; i < n; i++) {
            assert_string_equal(a[i].name, b[i].name);
            assert_int_equal(a[i].eligible, b[i].eligible);
            assert_int_equal(a[i].max_replicas, b[i].max_replicas);
        }
    }
    {
        const struct gw_placeholder *a = gw_ruleset_placeholders(parsed, &n);
        const struct gw_placeholder *b =
            gw_ruleset_placeholders(compiled, &m);
        assert_int_equal(n, m);
        for (i = 0; i < n; i++) {
            assert_string_equal(a[i].pattern, b[i].pattern);
            assert_string_equal(a[i].what, b[i].what);
            assert_int_equal(a[i].embedded, b[i].embedded);
            assert_memory_equal(&a[i].hint, &b[i].hint, sizeof a[i].hint);
        }
    }
    /* names that say nothing are not secret; names that do are */
    assert_false(gw_ruleset_key_secret(compiled, "service.type"));
    assert_false(gw_ruleset_key_secret(compiled, "gateway.configuration.uri"));
    assert_true(gw_ruleset_key_secret(compiled, "custom.adminPassword"));
    assert_true(gw_ruleset_key_secret(compiled, "x.apiKey"));
    /* the lazily compiled placeholder patterns answer as the eager ones */
    {
        static const char *const vals[] = {
            "<apim-name>.configuration.azure-api.net", "LoadBalancer",
            "TODO", "https://contoso.configuration.azure-api.net", "xxx"};
        for (i = 0; i < sizeof vals / sizeof vals[0]; i++) {
            const struct gw_placeholder *a = gw_ruleset_placeholder_match(
                parsed, NULL, vals[i], strlen(vals[i]));
            const struct gw_placeholder *b = gw_ruleset_placeholder_match(
                compiled, NULL, vals[i], strlen(vals[i]));
            assert_true((a == NULL) == (b == NULL));
            if (a)
                assert_string_equal(a->pattern, b->pattern);
        }
    }
    gw_ruleset_free(parsed);
    gw_ruleset_free(compiled);
    gw_buf_release(&err);
}

/* find_doc's binary search needs the embedded files in strcmp order, and
 * every rule has its page. */
static void test_builtin_files_sorted(void **state)
{
    struct gw_ruleset *rs = NULL;
    struct gw_buf err;
    unsigned i;
    (void)state;

    for (i = 1; i < gw_builtin_count; i++)
        assert_true(strcmp(gw_builtin_files[i - 1].path,
                           gw_builtin_files[i].path) < 0);
    gw_buf_init(&err, 0);
    assert_int_equal(gw_ruleset_builtin(&rs, &err), GW_OK);
    for (i = 0; i < gw_ruleset_count(rs); i++)
        assert_non_null(gw_ruleset_at(rs, i)->doc);
    gw_ruleset_free(rs);
    gw_buf_release(&err);
}

/* Damerau-Levenshtein with a cut-off, on the stack and on the heap. */
static void test_edit_distance(void **state)
{
    char a[101], b[101];
    (void)state;
    assert_int_equal(gw_edit_distance("kitten", "sitting", true, 10), 3);
    assert_int_equal(gw_edit_distance("gatewya", "gateway", true, 5), 1);
    assert_int_equal(gw_edit_distance("ABC", "abc", true, 5), 0);
    assert_int_equal(gw_edit_distance("ABC", "abc", false, 5), 3);
    assert_int_equal(gw_edit_distance("abcdef", "uvwxyz", true, 2), 3);
    assert_int_equal(gw_edit_distance("", "abc", true, 5), 3);
    assert_int_equal(gw_edit_distance("a", "abcdefgh", true, 2), 3);
    memset(a, 'a', 100);
    a[100] = '\0';
    memcpy(b, a, sizeof b);
    b[50] = 'B';
    assert_int_equal(gw_edit_distance(a, b, true, 5), 1);
    assert_int_equal(gw_edit_distance(a, b, false, 0), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compiled_matches_files),
        cmocka_unit_test(test_builtin_files_sorted),
        cmocka_unit_test(test_edit_distance),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
