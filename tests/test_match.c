/* Unit tests of match.c: compile errors with their offset, the match
 * limits, and the hints: a hint that says "no" is never wrong, checked on
 * every built-in placeholder pattern against many generated values made
 * of the characters the patterns care about (ASCII and non-ASCII cases,
 * the ellipsis, punctuation). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "buf.h"
#include "catalog.h"
#include "match.h"
#include "ruleset.h"

static void test_compile_error(void **state)
{
    struct gw_regex *re = NULL;
    struct gw_buf err;
    size_t off = 0;
    (void)state;

    gw_buf_init(&err, 0);
    assert_int_equal(gw_regex_compile("ab(c", 0, &re, &err, &off),
                     GW_ERR_RULE);
    assert_null(re);
    assert_int_equal(off, 4);
    assert_true(err.len > 0);
    gw_buf_release(&err);
}

static void test_limit(void **state)
{
    struct gw_regex *re = NULL;
    struct gw_buf err;
    char s[4097];
    size_t off;
    (void)state;

    gw_buf_init(&err, 0);
    assert_int_equal(gw_regex_compile("^(a+)+$", 0, &re, &err, &off), GW_OK);
    memset(s, 'a', sizeof s - 2);
    s[sizeof s - 2] = '!';
    s[sizeof s - 1] = '\0';
    assert_int_equal(gw_regex_match(re, s, strlen(s)), GW_MATCH_LIMIT);
    assert_int_equal(gw_regex_match(re, "aaa", 3), GW_MATCH_YES);
    gw_regex_free(re);
    gw_buf_release(&err);
}

static void test_hint_units(void **state)
{
    struct gw_regex *re = NULL;
    struct gw_regex_hint h;
    struct gw_regex_bytes b;
    struct gw_buf err;
    size_t off;
    (void)state;

    gw_buf_init(&err, 0);
    assert_int_equal(
        gw_regex_compile("^<[^<>]*>$", GW_RE_CASELESS, &re, &err, &off),
        GW_OK);
    gw_regex_hint_of(re, &h);
    assert_int_equal(h.first, '<');
    assert_int_equal(h.need, '>');
    assert_int_equal(h.minlen, 2);
    gw_regex_bytes_of("<name>", 6, &b);
    assert_true(gw_regex_hint_may_match(&h, true, &b));
    gw_regex_bytes_of("x<name>", 7, &b);
    assert_false(gw_regex_hint_may_match(&h, true, &b));
    assert_true(gw_regex_hint_may_match(&h, false, &b));
    gw_regex_bytes_of("<name", 5, &b);
    assert_false(gw_regex_hint_may_match(&h, false, &b));
    gw_regex_free(re);

    /* caseless letters: either case passes */
    assert_int_equal(
        gw_regex_compile("^todo$", GW_RE_CASELESS, &re, &err, &off), GW_OK);
    gw_regex_hint_of(re, &h);
    gw_regex_bytes_of("TODO", 4, &b);
    assert_true(gw_regex_hint_may_match(&h, true, &b));
    assert_int_equal(gw_regex_match(re, "TODO", 4), GW_MATCH_YES);
    gw_regex_free(re);

    /* a zero hint allows everything */
    memset(&h, 0, sizeof h);
    h.first = h.need = -1;
    gw_regex_bytes_of("", 0, &b);
    assert_true(gw_regex_hint_may_match(&h, true, &b));
    gw_buf_release(&err);
}

/* The pieces values are made of: what the placeholder patterns look for,
 * in both cases, with non-ASCII letters whose other case is another byte
 * sequence (é/É, the Kelvin sign K, long s), and the ellipsis. */
static const char *const pieces[] = {
    "x",  "X",  "xxx", "XXX", ".",  "...", "\xE2\x80\xA6", "<",  ">",
    "<<", ">>", "{",   "}",   "{{", "}}",  "$",            "#",  "###",
    "0",  "00000000-0000-0000-0000-000000000000",          "-",  "_",
    " ",  "\t", "e",   "E",   "your", "YOUR_", "Your-",    "todo", "TODO",
    "tbd", "fixme", "change", "me", "replace", "this", "with", "enter",
    "paste", "here", "Paste ", " HERE", "gatewaykey ", "GatewayKey ",
    "&",  "https://", "contoso", ".configuration.azure-api.net", "a", "k",
    "K",  "s", "S", "\xC3\xA9", "\xC3\x89", "\xE2\x84\xAA", "\xC5\xBF",
    "\xE3\x82\xA4", "name", "1", "(", ":", "!", "\xFF"};

/* The data's needs: literal, as the ruleset reads it (ASCII case aside). */
static bool has_ci(const char *s, size_t n, const char *lit)
{
    size_t m = strlen(lit), i, k;
    for (i = 0; i + m <= n; i++) {
        for (k = 0; k < m; k++) {
            char a = s[i + k], b = lit[k];
            if (a >= 'A' && a <= 'Z')
                a = (char)(a + 32);
            if (b >= 'A' && b <= 'Z')
                b = (char)(b + 32);
            if (a != b)
                break;
        }
        if (k == m)
            return true;
    }
    return false;
}

static uint32_t next(uint32_t *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return *seed >> 8;
}

/* A value of 1 to `most` pieces, in v (cap bytes); returns its length. */
static size_t make_value(uint32_t *seed, size_t most, char *v, size_t cap)
{
    size_t n = 0, k, parts = 1 + next(seed) % most;
    for (k = 0; k < parts; k++) {
        const char *p = pieces[next(seed) % (sizeof pieces / sizeof pieces[0])];
        size_t l = strlen(p);
        if (n + l >= cap)
            break;
        memcpy(v + n, p, l);
        n += l;
    }
    return n;
}

static void test_hints_never_wrong(void **state)
{
    struct gw_ruleset *rs = NULL;
    struct gw_buf err;
    const struct gw_placeholder *ph;
    size_t nph, i, k, skipped = 0, total = 0;
    uint32_t seed = 20261127u;
    char v[256];
    (void)state;

    gw_buf_init(&err, 0);
    /* the parse path compiles every pattern and computes its hint */
    assert_int_equal(gw_ruleset_parse(&rs, &err), GW_OK);
    ph = gw_ruleset_placeholders(rs, &nph);
    assert_true(nph > 10);
    for (i = 0; i < 20000; i++) {
        size_t n = make_value(&seed, 6, v, sizeof v);
        struct gw_regex_bytes b;
        gw_regex_bytes_of(v, n, &b);
        for (k = 0; k < nph; k++) {
            total++;
            if (gw_regex_hint_may_match(&ph[k].hint, !ph[k].embedded, &b) &&
                (!ph[k].needs || has_ci(v, n, ph[k].needs)))
                continue;
            skipped++;
            if (gw_regex_match(ph[k].re, v, n) != GW_MATCH_NO)
                fail_msg("hint of /%s/ rejects '%.*s', which matches",
                         ph[k].pattern, (int)n, v);
        }
    }
    /* and the hints are worth having: most checks never reach PCRE2 */
    assert_true(skipped * 2 > total);
    gw_ruleset_free(rs);
    gw_buf_release(&err);
}

/* gw_ruleset_placeholder_match, with its index of hints, its needs: and
 * its answer table, answers as matching every pattern in order would:
 * the whole-value patterns first, then the embedded ones. */
static void test_match_same_as_every_pattern(void **state)
{
    struct gw_ruleset *rs[2] = {NULL, NULL};
    struct gw_ph_cache *cache = gw_ph_cache_new();
    struct gw_buf err;
    const struct gw_placeholder *ph;
    size_t nph, i, k, hits = 0;
    uint32_t seed = 7u;
    char v[256];
    int r;
    (void)state;

    gw_buf_init(&err, 0);
    assert_int_equal(gw_ruleset_parse(&rs[0], &err), GW_OK);
    assert_int_equal(gw_ruleset_builtin(&rs[1], &err), GW_OK);
    ph = gw_ruleset_placeholders(rs[0], &nph);
    for (i = 0; i < 20000; i++) {
        size_t n = make_value(&seed, 5, v, sizeof v);
        const struct gw_placeholder *want = NULL;
        int pass;
        for (pass = 0; pass < 2 && !want; pass++)
            for (k = 0; k < nph && !want; k++)
                if (ph[k].embedded == (pass == 1) &&
                    gw_regex_match(ph[k].re, v, n) == GW_MATCH_YES)
                    want = &ph[k];
        hits += want != NULL;
        for (r = 0; r < 2; r++) {
            /* twice with the table: once filling it, once from it */
            const struct gw_placeholder *got[3];
            got[0] = gw_ruleset_placeholder_match(rs[r], NULL, v, n);
            got[1] = gw_ruleset_placeholder_match(rs[r], cache, v, n);
            got[2] = gw_ruleset_placeholder_match(rs[r], cache, v, n);
            for (k = 0; k < 3; k++) {
                if ((got[k] == NULL) != (want == NULL) ||
                    (want && strcmp(got[k]->pattern, want->pattern) != 0))
                    fail_msg("'%.*s': expected /%s/, got /%s/", (int)n, v,
                             want ? want->pattern : "(none)",
                             got[k] ? got[k]->pattern : "(none)");
            }
        }
    }
    assert_true(hits > 1000); /* the values do hit the patterns */
    gw_ph_cache_free(cache);
    gw_ruleset_free(rs[0]);
    gw_ruleset_free(rs[1]);
    gw_buf_release(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compile_error),
        cmocka_unit_test(test_limit),
        cmocka_unit_test(test_hint_units),
        cmocka_unit_test(test_hints_never_wrong),
        cmocka_unit_test(test_match_same_as_every_pattern),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
