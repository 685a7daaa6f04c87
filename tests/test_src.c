/* Unit tests of src.c: byte offsets to lines and columns, in characters,
 * UTF-16 units and bytes, across CRLF, BOM, tabs and multibyte text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "mem.h"
#include "src.h"

static void check(const struct gw_source *s, uint32_t off, unsigned line,
                  unsigned col)
{
    unsigned l, c;
    gw_source_line_col(s, off, &l, &c);
    assert_int_equal(l, line);
    assert_int_equal(c, col);
}

static void test_ascii_and_crlf(void **state)
{
    const char *t = "ab\r\ncd\nef";
    struct gw_arena *a = gw_arena_new();
    struct gw_source s;
    uint32_t st, len;
    (void)state;
    gw_source_init(&s, a, "x", t, strlen(t));
    assert_int_equal(s.nlines, 3);
    check(&s, 0, 1, 1);
    check(&s, 1, 1, 2);
    check(&s, 4, 2, 1);
    check(&s, 8, 3, 2);
    check(&s, 100, 3, 3);
    assert_true(gw_source_line(&s, 1, &st, &len));
    assert_int_equal(st, 0);
    assert_int_equal(len, 2);
    assert_true(gw_source_line(&s, 3, &st, &len));
    assert_int_equal(len, 2);
    assert_false(gw_source_line(&s, 4, &st, &len));
    gw_arena_free(a);
}

static void test_utf8_bom_tab(void **state)
{
    /* BOM, then "é\t😀x": é is 2 bytes, 😀 is 4 bytes (2 UTF-16 units). */
    const char *t = "\xEF\xBB\xBF\xC3\xA9\t\xF0\x9F\x98\x80x\n\xC3";
    struct gw_arena *a = gw_arena_new();
    struct gw_source s;
    unsigned l, c;
    (void)state;
    gw_source_init(&s, a, "x", t, strlen(t));
    check(&s, 3, 1, 1);  /* after the BOM */
    check(&s, 5, 1, 2);  /* the tab */
    check(&s, 6, 1, 3);  /* the emoji */
    check(&s, 10, 1, 4); /* x */
    check(&s, 12, 2, 1); /* invalid lone byte */
    check(&s, 13, 2, 2);
    gw_source_lsp_pos(&s, 10, true, &l, &c);
    assert_int_equal(l, 0);
    assert_int_equal(c, 5); /* BOM, é, tab: 1 unit each; emoji: 2 */
    gw_source_lsp_pos(&s, 10, false, &l, &c);
    assert_int_equal(c, 10);
    assert_int_equal(gw_source_lsp_offset(&s, 0, 5, true), 10);
    assert_int_equal(gw_source_lsp_offset(&s, 0, 99, true), 11);
    assert_int_equal(gw_source_offset_of(&s, 0, 3), 10);
    assert_int_equal(gw_source_offset_of(&s, 1, 0), 12);
    gw_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ascii_and_crlf),
        cmocka_unit_test(test_utf8_bom_tab),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
