/* Unit tests of gw_keymap_find: the exact key beats any prefix, and the
 * longest prefix wins whatever the order of the list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "catalog.h"

static const struct gw_keymap shorter_first[] = {
    {"ingress.controller.", true, ""},
    {"ingress.controller.annotations", true, "ingress.annotations"},
    {"ingress.controller.enabled", false, "ingress.enabled"},
    {"observability.", true, ""},
    {"observability.statsD.enabled", false, "telemetry.metrics.local"},
};

static const struct gw_keymap longer_first[] = {
    {"observability.statsD.enabled", false, "telemetry.metrics.local"},
    {"observability.", true, ""},
    {"ingress.controller.enabled", false, "ingress.enabled"},
    {"ingress.controller.annotations", true, "ingress.annotations"},
    {"ingress.controller.", true, ""},
};

static const char *now_of(const struct gw_keymap *m, size_t n, const char *k)
{
    const struct gw_keymap *e = gw_keymap_find(m, n, k);
    return e ? e->now : NULL;
}

static void both_orders(const char *key, const char *now)
{
    const char *a = now_of(shorter_first, 5, key);
    const char *b = now_of(longer_first, 5, key);
    if (!now) {
        assert_null(a);
        assert_null(b);
        return;
    }
    assert_non_null(a);
    assert_non_null(b);
    assert_string_equal(a, now);
    assert_string_equal(b, now);
}

static void test_exact_beats_prefix(void **state)
{
    (void)state;
    both_orders("ingress.controller.enabled", "ingress.enabled");
    both_orders("observability.statsD.enabled", "telemetry.metrics.local");
}

static void test_longest_prefix_wins(void **state)
{
    (void)state;
    both_orders("ingress.controller.annotations.kubernetes.io/ingress.class",
                "ingress.annotations");
    both_orders("ingress.controller.annotations", "ingress.annotations");
    both_orders("ingress.controller.dns.suffix", "");
    both_orders("observability.logs.std.level", "");
}

static void test_no_entry(void **state)
{
    (void)state;
    both_orders("gateway.configuration.uri", NULL);
    both_orders("ingress.controller", NULL); /* the prefix has the '.' */
    both_orders("", NULL);
    assert_null(gw_keymap_find(NULL, 0, "observability.x"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact_beats_prefix),
        cmocka_unit_test(test_longest_prefix_wins),
        cmocka_unit_test(test_no_entry),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
