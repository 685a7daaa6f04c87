/* Unit tests of value.c: the shapes the checks rely on (variable
 * references, GUIDs, base64, UTC times, gateway tokens, ARM ids), at and
 * just past their edges. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "value.h"

#define S(lit) (lit), (sizeof(lit) - 1)

static void test_var_ref(void **state)
{
    (void)state;
    assert_true(gw_is_var_ref(S("$TOKEN")));
    assert_true(gw_is_var_ref(S("${GATEWAY_TOKEN}")));
    assert_true(gw_is_var_ref(S("$_x1")));
    assert_true(gw_is_var_ref(S("$env:GATEWAY_TOKEN")));
    assert_true(gw_is_var_ref(S("$Env:t")));
    /* $env alone is a variable named env */
    assert_true(gw_is_var_ref(S("$env")));

    assert_false(gw_is_var_ref(S("")));
    assert_false(gw_is_var_ref(S("$")));
    assert_false(gw_is_var_ref(S("${}")));
    assert_false(gw_is_var_ref(S("${TOKEN")));
    assert_false(gw_is_var_ref(S("$1")));
    assert_false(gw_is_var_ref(S("$env:")));
    assert_false(gw_is_var_ref(S("TOKEN")));
    /* more than a name: part of a value, an expansion with an operator,
     * a command, a pipelines macro, an Actions expression */
    assert_false(gw_is_var_ref(S("$TOKEN&x")));
    assert_false(gw_is_var_ref(S("GatewayKey $TOKEN")));
    assert_false(gw_is_var_ref(S("${TOKEN:-x}")));
    assert_false(gw_is_var_ref(S("$(cat token)")));
    assert_false(gw_is_var_ref(S("$(gatewayToken)")));
    assert_false(gw_is_var_ref(S("${{ secrets.TOKEN }}")));
}

/* The reference a value starts with, and where it ends. */
static void test_var_ref_len(void **state)
{
    (void)state;
    assert_int_equal(gw_var_ref_len(S("$TOKEN.value"), false), 6);
    assert_int_equal(gw_var_ref_len(S("${A}x"), false), 4);
    assert_int_equal(gw_var_ref_len(S("$A&b"), false), 2);
    /* $env:NAME only for PowerShell; else the variable env */
    assert_int_equal(gw_var_ref_len(S("$env:T"), true), 6);
    assert_int_equal(gw_var_ref_len(S("$env:T"), false), 4);
    assert_int_equal(gw_var_ref_len(S("${A"), false), 0);
    assert_int_equal(gw_var_ref_len(S("$-"), false), 0);
    assert_int_equal(gw_var_ref_len(S("x$A"), false), 0);
}

static void test_guid(void **state)
{
    (void)state;
    assert_true(gw_is_guid(S("5f2c8e1a-3b7d-4c9e-8a6f-1d2e3f4a5b6c")));
    assert_true(gw_is_guid(S("5F2C8E1A-3B7D-4C9E-8A6F-1D2E3F4A5B6C")));
    assert_false(gw_is_guid(S("5f2c8e1a-3b7d-4c9e-8a6f-1d2e3f4a5b6")));
    assert_false(gw_is_guid(S("5f2c8e1a-3b7d-4c9e-8a6f-1d2e3f4a5b6cc")));
    assert_false(gw_is_guid(S("5f2c8e1a3b7d-4c9e-8a6f-1d2e3f4a5b6c0")));
    assert_false(gw_is_guid(S("5f2c8e1g-3b7d-4c9e-8a6f-1d2e3f4a5b6c")));
    assert_false(gw_is_guid(S("")));
}

static void test_base64(void **state)
{
    size_t bad = 99;
    (void)state;
    assert_true(gw_is_base64(S("c2lnbmF0dXJl"), &bad));
    assert_true(gw_is_base64(S("YQ=="), &bad));
    assert_true(gw_is_base64(S("ab+/"), &bad));
    assert_false(gw_is_base64(S(""), &bad));
    /* base64url's '-' is not base64: its offset */
    assert_false(gw_is_base64(S("ab-d"), &bad));
    assert_int_equal(bad, 2);
    /* a bad length: n */
    assert_false(gw_is_base64(S("abcde"), &bad));
    assert_int_equal(bad, 5);
}

static void test_utc_time(void **state)
{
    time_t t;
    char buf[32];
    (void)state;
    assert_true(gw_utc_time(2026, 11, 27, 12, 0, &t));
    assert_int_equal((long long)t, 1795780800LL);
    gw_format_utc(t, buf, sizeof buf);
    assert_string_equal(buf, "2026-11-27 12:00 UTC");
    assert_true(gw_utc_time(2028, 2, 29, 23, 59, &t));
    assert_false(gw_utc_time(2027, 2, 29, 0, 0, &t));
    assert_false(gw_utc_time(2026, 13, 1, 0, 0, &t));
    assert_false(gw_utc_time(2026, 4, 31, 0, 0, &t));
    assert_false(gw_utc_time(2026, 1, 1, 24, 0, &t));
    assert_false(gw_utc_time(2026, 1, 1, 0, 60, &t));
}

static void test_token(void **state)
{
    struct gw_token t;
    time_t want;
    (void)state;
    gw_token_parse(S("GatewayKey gw&202612011200&c2lnbmF0dXJl"), &t);
    assert_int_equal(t.error, GW_TOKEN_OK);
    assert_int_equal(t.prefix_len, 11);
    assert_int_equal(t.id_off, 11);
    assert_int_equal(t.id_len, 2);
    assert_int_equal(t.exp_off, 14);
    assert_int_equal(t.exp_len, 12);
    assert_int_equal(t.sig_off, 27);
    assert_int_equal(t.sig_len, 12);
    assert_true(t.has_expiry);
    assert_true(gw_utc_time(2026, 12, 1, 12, 0, &want));
    assert_true(t.expiry == want);

    gw_token_parse(S("gw&202612011200&c2lnbmF0dXJl"), &t);
    assert_int_equal(t.error, GW_TOKEN_NO_PREFIX);
    gw_token_parse(S("$GATEWAY_TOKEN"), &t);
    assert_true(t.error != GW_TOKEN_OK);
    gw_token_parse(S("GatewayKey &202612011200&c2lnbmF0dXJl"), &t);
    assert_int_equal(t.error, GW_TOKEN_EMPTY_ID);
    gw_token_parse(S("GatewayKey gw&20261201&c2lnbmF0dXJl"), &t);
    assert_int_equal(t.error, GW_TOKEN_EXPIRY_DIGITS);
    gw_token_parse(S("GatewayKey gw&202602301200&c2lnbmF0dXJl"), &t);
    assert_int_equal(t.error, GW_TOKEN_EXPIRY_DATE);
    gw_token_parse(S("GatewayKey gw&202612011200&"), &t);
    assert_int_equal(t.error, GW_TOKEN_SIG_EMPTY);
    gw_token_parse(S("GatewayKey gw&202612011200&c2lnbmF0dXJ"), &t);
    assert_int_equal(t.error, GW_TOKEN_SIG_BASE64);
}

static void test_arm_id(void **state)
{
    static const char id[] =
        "/subscriptions/5f2c8e1a-3b7d-4c9e-8a6f-1d2e3f4a5b6c/resourceGroups/"
        "rg/providers/Microsoft.ApiManagement/service/contoso";
    struct gw_arm_id a;
    (void)state;
    assert_true(gw_arm_id_parse(S(id), &a));
    assert_int_equal(a.ns_len, strlen("Microsoft.ApiManagement"));
    assert_memory_equal(id + a.ns_off, "Microsoft.ApiManagement", a.ns_len);
    assert_memory_equal(id + a.type_off, "service", a.type_len);
    assert_int_equal(a.name_len, 7);
    assert_memory_equal(id + a.name_off, "contoso", 7);
    assert_false(gw_arm_id_parse(S("contoso"), &a));
    assert_false(gw_arm_id_parse(S("/subscriptions/x/resourceGroups/rg"), &a));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_var_ref),  cmocka_unit_test(test_var_ref_len),
        cmocka_unit_test(test_guid),     cmocka_unit_test(test_base64),
        cmocka_unit_test(test_utc_time), cmocka_unit_test(test_token),
        cmocka_unit_test(test_arm_id),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
