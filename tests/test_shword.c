/* Unit tests of shword.c: words, quoting facts and spans (as byte offsets
 * in the host text) of POSIX shell and PowerShell command lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h> /* after the headers it needs */

#include "buf.h"
#include "mem.h"
#include "shword.h"

struct fix {
    struct gw_arena *a;
    struct gw_shscript s;
};

static void split_in(struct fix *f, const char *text, size_t len,
                     const uint32_t *map, enum gw_sh_dialect d, bool macros)
{
    struct gw_shtext in;
    memset(&in, 0, sizeof in);
    in.text = text;
    in.len = len;
    in.map = map;
    in.dialect = d;
    in.macros = macros;
    f->a = gw_arena_new();
    gw_sh_split(f->a, &in, &f->s);
}

static void split(struct fix *f, const char *text)
{
    split_in(f, text, strlen(text), NULL, GW_SH_POSIX, false);
}

static void split_ps(struct fix *f, const char *text)
{
    split_in(f, text, strlen(text), NULL, GW_SH_PWSH, false);
}

static void done(struct fix *f)
{
    gw_arena_free(f->a);
}

static const struct gw_shword *word(const struct fix *f, size_t c, size_t w)
{
    assert_true(c < f->s.ncmds);
    assert_true(w < f->s.cmds[c].nwords);
    return &f->s.cmds[c].words[w];
}

static void expect_word(const struct fix *f, size_t c, size_t w,
                        const char *text, uint32_t start, uint32_t end)
{
    const struct gw_shword *x = word(f, c, w);
    assert_int_equal(x->len, strlen(text));
    assert_memory_equal(x->text, text, x->len);
    assert_int_equal(x->span.start, start);
    assert_int_equal(x->span.end, end);
}

/* The words of command c, joined with '|', for compact assertions. */
static void expect_words(const struct fix *f, size_t c, const char *joined)
{
    struct gw_buf b;
    uint32_t i;
    gw_buf_init(&b, 0);
    assert_true(c < f->s.ncmds);
    for (i = 0; i < f->s.cmds[c].nwords; i++) {
        if (i)
            gw_buf_putc(&b, '|');
        gw_buf_add(&b, f->s.cmds[c].words[i].text, f->s.cmds[c].words[i].len);
    }
    assert_string_equal(gw_buf_str(&b), joined);
    gw_buf_release(&b);
}

static void test_plain_words(void **state)
{
    struct fix f;
    (void)state;
    split(&f, "az k8s-extension  create --name gw");
    assert_int_equal(f.s.ncmds, 1);
    assert_int_equal(f.s.cmds[0].nwords, 5);
    expect_word(&f, 0, 0, "az", 0, 2);
    expect_word(&f, 0, 1, "k8s-extension", 3, 16);
    expect_word(&f, 0, 2, "create", 18, 24);
    expect_word(&f, 0, 4, "gw", 32, 34);
    assert_false(word(&f, 0, 0)->quoted);
    assert_false(word(&f, 0, 0)->splits);
    done(&f);
}

/* Found by fuzz_command and fuzz_extract: an empty word before any
 * other, a lone or unterminated quote (UBSan: memcpy from NULL). */
static void test_empty_first_word(void **state)
{
    static const char *const posix[] = {"\"\"", "''", "\"", "'", "\"\" x"};
    size_t i;
    struct fix f;
    (void)state;
    for (i = 0; i < sizeof posix / sizeof posix[0]; i++) {
        split(&f, posix[i]);
        assert_true(f.s.ncmds <= 1);
        if (f.s.ncmds && f.s.cmds[0].nwords)
            assert_int_equal(word(&f, 0, 0)->len, 0);
        done(&f);
    }
    split(&f, "\"\" x");
    expect_word(&f, 0, 0, "", 0, 2);
    expect_word(&f, 0, 1, "x", 3, 4);
    assert_true(word(&f, 0, 0)->quoted);
    done(&f);
    split_ps(&f, "\"");
    assert_true(f.s.ncmds <= 1);
    done(&f);
    split_ps(&f, "'' x");
    expect_word(&f, 0, 0, "", 0, 2);
    done(&f);
}

static void test_single_and_double_quotes(void **state)
{
    struct fix f;
    const struct gw_shword *w;
    (void)state;
    /*         0123456789012345678901234567890 */
    split(&f, "echo 'a b' \"c \\\"d\\\" \\x\" e'f'g");
    expect_word(&f, 0, 1, "a b", 5, 10);
    expect_word(&f, 0, 2, "c \"d\" \\x", 11, 23);
    expect_word(&f, 0, 3, "efg", 24, 29);
    w = word(&f, 0, 2);
    assert_true(w->quoted);
    assert_int_equal(w->nsegs, 1);
    assert_int_equal(w->segs[0].quote, '"');
    /* the escaped quote maps to the quote, not the backslash */
    assert_int_equal(w->off[2], 15);
    w = word(&f, 0, 3);
    assert_int_equal(w->nsegs, 3);
    assert_int_equal(w->segs[1].quote, '\'');
    assert_int_equal(w->segs[1].span.start, 25);
    assert_int_equal(w->segs[1].span.end, 28);
    assert_int_equal(w->off[1], 26);
    done(&f);
}

static void test_backslash_escapes(void **state)
{
    struct fix f;
    (void)state;
    split(&f, "a\\ b c\\$X \\\\");
    expect_words(&f, 0, "a b|c$X|\\");
    assert_true(word(&f, 0, 0)->quoted);
    assert_int_equal(word(&f, 0, 1)->nparts, 0);
    assert_int_equal(word(&f, 0, 0)->off[1], 2);
    done(&f);
}

static void test_line_continuations(void **state)
{
    struct fix f;
    (void)state;
    /*         0123 4 5678901 2 3 456789 */
    split(&f, "az \\\n  create\\\r\n --x=a\\\nb");
    assert_int_equal(f.s.ncmds, 1);
    expect_words(&f, 0, "az|create|--x=ab");
    expect_word(&f, 0, 1, "create", 7, 13);
    /* a continuation inside a word joins it; its span runs across */
    expect_word(&f, 0, 2, "--x=ab", 17, 25);
    assert_int_equal(word(&f, 0, 2)->off[5], 24);
    done(&f);
}

static void test_ten_thousand_continuations(void **state)
{
    struct fix f;
    struct gw_buf b;
    int i;
    (void)state;
    gw_buf_init(&b, 0);
    gw_buf_puts(&b, "az k8s-extension create");
    for (i = 0; i < 10000; i++)
        gw_buf_puts(&b, " \\\n --x a");
    split_in(&f, b.data, b.len, NULL, GW_SH_POSIX, false);
    assert_int_equal(f.s.ncmds, 1);
    assert_int_equal(f.s.cmds[0].nwords, 3 + 20000);
    expect_word(&f, 0, 20002, "a", (uint32_t)b.len - 1, (uint32_t)b.len);
    done(&f);
    gw_buf_release(&b);
}

static void expect_break(const struct fix *f, size_t c, uint32_t k,
                         enum gw_sh_break kind, uint32_t start, uint32_t end,
                         uint32_t word)
{
    assert_true(c < f->s.ncmds);
    assert_true(k < f->s.cmds[c].nbrks);
    assert_int_equal(f->s.cmds[c].brks[k].kind, kind);
    assert_int_equal(f->s.cmds[c].brks[k].span.start, start);
    assert_int_equal(f->s.cmds[c].brks[k].span.end, end);
    assert_int_equal(f->s.cmds[c].brks[k].word, word);
}

/* '\ ' at the end of a line, and a comment or an empty line after a
 * continued line, end the command for the shell; when the next line holds
 * flags, the author meant one command: one here, with the break kept. */
static void test_broken_continuations(void **state)
{
    struct fix f;
    (void)state;
    /* '\ \t' is [8, 11) */
    split(&f, "az -n x \\ \t\n  -g rg");
    assert_int_equal(f.s.ncmds, 1);
    expect_words(&f, 0, "az|-n|x|-g|rg");
    assert_int_equal(f.s.cmds[0].nbrks, 1);
    expect_break(&f, 0, 0, GW_SH_BREAK_BLANKS, 8, 11, 3);
    done(&f);

    /* the comment is [12, 23), the empty line starts at 51 */
    split(&f, "az -n x \\\n  # the group\r\n  # more\n\t-g rg\n"
              "az -t t \\\n\n  --x y \\ \n --z");
    assert_int_equal(f.s.ncmds, 2);
    expect_words(&f, 0, "az|-n|x|-g|rg");
    assert_int_equal(f.s.cmds[0].nbrks, 1);
    expect_break(&f, 0, 0, GW_SH_BREAK_COMMENT, 12, 23, 3);
    /* every break counts, in order; the empty line's span is empty */
    expect_words(&f, 1, "az|-t|t|--x|y|--z");
    assert_int_equal(f.s.cmds[1].nbrks, 2);
    expect_break(&f, 1, 0, GW_SH_BREAK_EMPTY, 51, 51, 3);
    expect_break(&f, 1, 1, GW_SH_BREAK_BLANKS, 60, 62, 5);
    done(&f);

    /* CRLF after the blanks: the span stops before the '\r' */
    split(&f, "az x \\ \r\n -g rg");
    expect_words(&f, 0, "az|x|-g|rg");
    expect_break(&f, 0, 0, GW_SH_BREAK_BLANKS, 5, 7, 2);
    done(&f);
}

/* What the shell does when no flag follows, or nothing was broken. */
static void test_continuations_not_broken(void **state)
{
    struct fix f;
    (void)state;
    /* an escaped space inside a word */
    split(&f, "az --name my\\ gw \\\n --x y");
    expect_words(&f, 0, "az|--name|my gw|--x|y");
    assert_int_equal(f.s.cmds[0].nbrks, 0);
    done(&f);
    /* the next line is a command, not flags */
    split(&f, "az a \\ \necho -n b\naz c \\\n# note\necho d\n"
              "az e \\\n\n\n");
    assert_int_equal(f.s.ncmds, 5);
    expect_words(&f, 0, "az|a| ");
    expect_words(&f, 1, "echo|-n|b");
    expect_words(&f, 2, "az|c");
    expect_words(&f, 3, "echo|d");
    expect_words(&f, 4, "az|e");
    for (size_t i = 0; i < f.s.ncmds; i++)
        assert_int_equal(f.s.cmds[i].nbrks, 0);
    done(&f);
    /* a comment after words, not after a continuation; '#' inside a word */
    split(&f, "az a # c\n-b\naz c\\\n#d \\\n -e");
    expect_words(&f, 0, "az|a");
    expect_words(&f, 1, "-b");
    expect_words(&f, 2, "az|c#d|-e");
    assert_int_equal(f.s.cmds[2].nbrks, 0);
    done(&f);
}

static void test_ps_broken_continuation(void **state)
{
    struct fix f;
    (void)state;
    /* '` ' is [8, 10), the comment [26, 29) */
    split_ps(&f, "az -n x ` \n  -g rg\naz a `\n# c\n -b");
    assert_int_equal(f.s.ncmds, 2);
    expect_words(&f, 0, "az|-n|x|-g|rg");
    expect_break(&f, 0, 0, GW_SH_BREAK_BLANKS, 8, 10, 3);
    expect_words(&f, 1, "az|a|-b");
    expect_break(&f, 1, 0, GW_SH_BREAK_COMMENT, 26, 29, 2);
    done(&f);
}

static void test_variables(void **state)
{
    struct fix f;
    const struct gw_shword *w;
    (void)state;
    /*         0123456789012345678901234567890123456789 */
    split(&f, "x k=$TOKEN \"k=${TOKEN}\" k=${A:-b}$1");
    w = word(&f, 0, 1);
    assert_string_equal(w->text, "k=$TOKEN");
    assert_int_equal(w->nparts, 1);
    assert_int_equal(w->parts[0].start, 2);
    assert_int_equal(w->parts[0].end, 8);
    assert_string_equal(w->parts[0].var, "TOKEN");
    assert_false(w->parts[0].quoted);
    assert_true(w->splits);
    w = word(&f, 0, 2);
    assert_string_equal(w->text, "k=${TOKEN}");
    assert_string_equal(w->parts[0].var, "TOKEN");
    assert_true(w->parts[0].quoted);
    assert_false(w->splits);
    assert_int_equal(w->off[2], 14);
    w = word(&f, 0, 3);
    assert_string_equal(w->text, "k=${A:-b}$1");
    assert_int_equal(w->nparts, 2);
    assert_null(w->parts[0].var);
    assert_true(w->splits);
    done(&f);
}

static void test_command_substitution_nested(void **state)
{
    struct fix f;
    const struct gw_shword *w;
    (void)state;
    split(&f, "T=\"$(az x --q \"$(echo ')' \\\"x)\") y\" next; b");
    w = word(&f, 0, 0);
    assert_string_equal(w->text, "T=$(az x --q \"$(echo ')' \\\"x)\") y");
    assert_int_equal(w->nparts, 1);
    assert_true(w->parts[0].quoted);
    expect_words(&f, 0, "T=$(az x --q \"$(echo ')' \\\"x)\") y|next");
    expect_words(&f, 1, "b");
    done(&f);
}

static void test_backticks_and_arith(void **state)
{
    struct fix f;
    (void)state;
    split(&f, "a `echo x y` $((1 + 2)) \"`b`\"");
    expect_words(&f, 0, "a|`echo x y`|$((1 + 2))|`b`");
    assert_true(word(&f, 0, 1)->splits);
    assert_false(word(&f, 0, 3)->splits);
    assert_int_equal(f.s.ncmds, 1);
    done(&f);
}

static void test_separators_and_comments(void **state)
{
    struct fix f;
    (void)state;
    split(&f, "a 1; b 2 && c||d | e & f # az k8s-extension create\n"
              "# az k8s-extension create --name x\n"
              "g#h (i) {j;}");
    assert_int_equal(f.s.ncmds, 10);
    expect_words(&f, 0, "a|1");
    expect_words(&f, 1, "b|2");
    expect_words(&f, 2, "c");
    expect_words(&f, 3, "d");
    expect_words(&f, 4, "e");
    expect_words(&f, 5, "f");
    expect_words(&f, 6, "g#h");
    expect_words(&f, 7, "i");
    assert_true(f.s.cmds[7].nested);
    expect_words(&f, 8, "{j");
    expect_words(&f, 9, "}");
    done(&f);
}

static void test_heredocs_skipped(void **state)
{
    struct fix f;
    (void)state;
    split(&f, "cat <<EOF >out.txt; echo after\n"
              "az k8s-extension create --name inside\n"
              "EOF\n"
              "cat <<-'END' | x\n"
              "\taz k8s-extension create\n"
              "\tEND\n"
              "last 2>&1 <<<\"here string\"\n");
    assert_int_equal(f.s.ncmds, 5);
    expect_words(&f, 0, "cat");
    expect_words(&f, 1, "echo|after");
    expect_words(&f, 2, "cat");
    expect_words(&f, 3, "x");
    expect_words(&f, 4, "last");
    done(&f);
}

static void test_unterminated_heredoc(void **state)
{
    struct fix f;
    (void)state;
    split(&f, "cat <<EOF\naz k8s-extension create\n");
    assert_int_equal(f.s.ncmds, 1);
    expect_words(&f, 0, "cat");
    done(&f);
}

static void test_placeholders_are_words(void **state)
{
    struct fix f;
    (void)state;
    split(&f, "az x --cluster-name <cluster-name> --n=<name> <in >out");
    expect_words(&f, 0, "az|x|--cluster-name|<cluster-name>|--n=<name>");
    expect_word(&f, 0, 3, "<cluster-name>", 20, 34);
    done(&f);
}

static void test_redirections_dropped(void **state)
{
    struct fix f;
    (void)state;
    split(&f, "a >f 2>/dev/null b &>log c 2>&1 d <(e f) g");
    expect_words(&f, 0, "a|b|c|d|<(e f)|g");
    done(&f);
}

static void test_github_expressions(void **state)
{
    struct fix f;
    const struct gw_shword *w;
    (void)state;
    split(&f, "x k=${{ secrets.GW_TOKEN }} 'q=${{ x }}'");
    w = word(&f, 0, 1);
    assert_string_equal(w->text, "k=${{ secrets.GW_TOKEN }}");
    assert_int_equal(w->nparts, 1);
    assert_true(w->splits);
    /* without macros, '...' stays literal */
    assert_int_equal(word(&f, 0, 2)->nparts, 0);
    done(&f);
    split_in(&f, "x 'q=${{ x }}' 'k=$(gw.token)' \"$(a)\"", 37, NULL,
             GW_SH_POSIX, true);
    w = word(&f, 0, 1);
    assert_int_equal(w->nparts, 1);
    assert_true(w->parts[0].quoted);
    w = word(&f, 0, 2);
    assert_string_equal(w->text, "k=$(gw.token)");
    assert_int_equal(w->nparts, 1);
    done(&f);
}

static void test_ansi_c_quotes(void **state)
{
    struct fix f;
    (void)state;
    split(&f, "a $'x\\ty\\'z' $\"q\"");
    expect_words(&f, 0, "a|x\ty'z|q");
    assert_int_equal(word(&f, 0, 1)->segs[0].quote, '$');
    done(&f);
}

static void test_kv_spans(void **state)
{
    struct fix f;
    struct gw_shkv kv;
    (void)state;
    /*         0         1         2         3         4         5 */
    /*         0123456789012345678901234567890123456789012345678901234 */
    split(&f, "x a.b='v 1' \"c.d=w x\" e=f=g h=$T =v nokey \"i=\"");
    assert_true(gw_shword_kv(word(&f, 0, 1), &kv));
    assert_int_equal(kv.key_len, 3);
    assert_memory_equal(kv.key, "a.b", 3);
    assert_string_equal(kv.value, "v 1");
    assert_int_equal(kv.key_span.start, 2);
    assert_int_equal(kv.key_span.end, 5);
    /* quotes around the value only: kept in the value span */
    assert_int_equal(kv.value_span.start, 6);
    assert_int_equal(kv.value_span.end, 11);
    assert_true(gw_shword_kv(word(&f, 0, 2), &kv));
    assert_int_equal(kv.key_span.start, 13);
    assert_int_equal(kv.key_span.end, 16);
    /* "key=value" quoted whole: the value ends before the quote */
    assert_int_equal(kv.value_span.start, 17);
    assert_int_equal(kv.value_span.end, 20);
    assert_true(gw_shword_kv(word(&f, 0, 3), &kv));
    assert_string_equal(kv.value, "f=g");
    assert_int_equal(kv.value_span.start, 24);
    assert_int_equal(kv.value_span.end, 27);
    assert_true(gw_shword_kv(word(&f, 0, 4), &kv));
    assert_string_equal(kv.value, "$T");
    assert_false(kv.key_dynamic);
    assert_true(gw_shword_kv(word(&f, 0, 5), &kv));
    assert_int_equal(kv.key_len, 0);
    assert_int_equal(kv.key_span.start, 33);
    assert_int_equal(kv.key_span.end, 33);
    assert_false(gw_shword_kv(word(&f, 0, 6), &kv));
    assert_true(gw_shword_kv(word(&f, 0, 7), &kv));
    assert_int_equal(kv.value_len, 0);
    assert_int_equal(kv.value_span.start, 45);
    assert_int_equal(kv.value_span.end, 45);
    done(&f);
}

static void test_kv_equals_in_expansion(void **state)
{
    struct fix f;
    struct gw_shkv kv;
    (void)state;
    split(&f, "x $(echo a=b) ${P}.k=v");
    assert_false(gw_shword_kv(word(&f, 0, 1), &kv));
    assert_true(gw_shword_kv(word(&f, 0, 2), &kv));
    assert_true(kv.key_dynamic);
    done(&f);
}

/* Text that is not contiguous in its host: every span goes through map. */
static void test_mapped_text(void **state)
{
    /* host: "run: |\n    az x \\\n      k='v'\n" with the block's
     * indentation removed: "az x \\\n  k='v'\n" */
    const char *text = "az x \\\n  k='v'\n";
    uint32_t map[32];
    size_t i, n = strlen(text);
    struct fix f;
    struct gw_shkv kv;
    (void)state;
    for (i = 0; i < 7; i++)
        map[i] = (uint32_t)(11 + i);
    for (i = 7; i < n; i++)
        map[i] = (uint32_t)(22 + i - 7);
    split_in(&f, text, n, map, GW_SH_POSIX, false);
    expect_word(&f, 0, 0, "az", 11, 13);
    expect_word(&f, 0, 2, "k=v", 24, 29);
    assert_true(gw_shword_kv(word(&f, 0, 2), &kv));
    assert_int_equal(kv.key_span.start, 24);
    assert_int_equal(kv.key_span.end, 25);
    assert_int_equal(kv.value_span.start, 26);
    assert_int_equal(kv.value_span.end, 29);
    done(&f);
}

static void test_malformed_never_hangs(void **state)
{
    static const char *const inputs[] = {
        "az 'unterminated",
        "az \"unterminated $(x",
        "az $(",
        "az $((((",
        "az ${",
        "az ${{ x",
        "az `x",
        "az \\",
        "<<",
        "cat <<",
        "a >",
        "$'\\",
        "a $\"",
        "(((((",
        ")))))",
        "<x",
        "a\0b 'c\0d'",
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        struct fix f;
        size_t n = strlen(inputs[i]);
        if (i == sizeof inputs / sizeof inputs[0] - 1)
            n = 10;
        split_in(&f, inputs[i], n, NULL, GW_SH_POSIX, false);
        done(&f);
        split_in(&f, inputs[i], n, NULL, GW_SH_PWSH, false);
        done(&f);
    }
}

static void test_unterminated_flags(void **state)
{
    struct fix f;
    (void)state;
    split(&f, "az k='abc");
    assert_true(word(&f, 0, 1)->unterminated);
    assert_string_equal(word(&f, 0, 1)->text, "k=abc");
    done(&f);
    split(&f, "a $(b");
    assert_true(word(&f, 0, 1)->unterminated);
    done(&f);
    split(&f, "a $(b)");
    assert_false(word(&f, 0, 1)->unterminated);
    done(&f);
}

static void test_deep_nesting(void **state)
{
    struct fix f;
    struct gw_buf b;
    int i;
    (void)state;
    gw_buf_init(&b, 0);
    gw_buf_puts(&b, "a ");
    for (i = 0; i < 5000; i++)
        gw_buf_puts(&b, "$(\"");
    split_in(&f, b.data, b.len, NULL, GW_SH_POSIX, false);
    assert_int_equal(f.s.ncmds, 1);
    assert_int_equal(f.s.cmds[0].nwords, 2);
    done(&f);
    split_in(&f, b.data, b.len, NULL, GW_SH_PWSH, false);
    done(&f);
    gw_buf_release(&b);
}

/* ---- PowerShell ---- */

static void test_ps_backtick_continuation(void **state)
{
    struct fix f;
    (void)state;
    /*            0123 4 56789012 3 4567 */
    split_ps(&f, "az `\n  create `\r\n  -n x");
    assert_int_equal(f.s.ncmds, 1);
    expect_words(&f, 0, "az|create|-n|x");
    expect_word(&f, 0, 1, "create", 7, 13);
    done(&f);
}

static void test_ps_quotes(void **state)
{
    struct fix f;
    const struct gw_shword *w;
    (void)state;
    split_ps(&f, "x 'it''s' \"a \"\"b\"\" `$c `\"d`\"\" e`,f");
    expect_words(&f, 0, "x|it's|a \"b\" $c \"d\"|e,f");
    w = word(&f, 0, 2);
    assert_int_equal(w->nparts, 0);
    assert_true(w->quoted);
    done(&f);
}

static void test_ps_variables(void **state)
{
    struct fix f;
    const struct gw_shword *w;
    (void)state;
    split_ps(&f, "az k=$token \"k=$token\" $env:GW_TOKEN \"$($t.Value)\"");
    w = word(&f, 0, 1);
    assert_string_equal(w->parts[0].var, "token");
    /* PowerShell passes a variable as one argument: no splitting */
    assert_false(w->splits);
    assert_true(word(&f, 0, 2)->parts[0].quoted);
    assert_string_equal(word(&f, 0, 3)->parts[0].var, "env:GW_TOKEN");
    w = word(&f, 0, 4);
    assert_string_equal(w->text, "$($t.Value)");
    assert_null(w->parts[0].var);
    done(&f);
}

static void test_ps_member_trap(void **state)
{
    struct fix f;
    const struct gw_shword *w;
    (void)state;
    split_ps(&f, "az k=$token.value \"k=$token.value\" $token.value $a[0]");
    w = word(&f, 0, 1);
    assert_string_equal(w->text, "k=$token.value");
    assert_int_equal(w->nparts, 1);
    assert_int_equal(w->parts[0].end, 8);
    assert_true(w->parts[0].member);
    assert_true(word(&f, 0, 2)->parts[0].member);
    /* at the start of an argument it is an expression: no trap */
    w = word(&f, 0, 3);
    assert_int_equal(w->parts[0].end, 12);
    assert_false(w->parts[0].member);
    assert_false(word(&f, 0, 4)->parts[0].member);
    done(&f);
}

static void test_ps_separators_and_comments(void **state)
{
    struct fix f;
    (void)state;
    split_ps(&f, "a 1; b | c && d\n# az create\n<# az\n create #> e\n"
                 "if ($x) { az k8s-extension create } & az 2");
    expect_words(&f, 0, "a|1");
    expect_words(&f, 1, "b");
    expect_words(&f, 2, "c");
    expect_words(&f, 3, "d");
    expect_words(&f, 4, "e");
    expect_words(&f, 5, "if|($x)");
    expect_words(&f, 6, "az|k8s-extension|create");
    assert_true(f.s.cmds[6].nested);
    expect_words(&f, 7, "az|2");
    assert_int_equal(f.s.ncmds, 8);
    done(&f);
}

static void test_ps_assignment_words(void **state)
{
    struct fix f;
    (void)state;
    split_ps(&f, "$token = \"GatewayKey gw&1&x\"");
    expect_words(&f, 0, "$token|=|GatewayKey gw&1&x");
    assert_string_equal(word(&f, 0, 0)->parts[0].var, "token");
    done(&f);
}

static void test_ps_stop_parsing(void **state)
{
    struct fix f;
    (void)state;
    split_ps(&f, "az x --% k=\"a b\" %GW% $y `z | next");
    expect_words(&f, 0, "az|x|k=a b|%GW%|$y|`z");
    assert_int_equal(word(&f, 0, 3)->nparts, 1);
    assert_int_equal(word(&f, 0, 4)->nparts, 0);
    expect_words(&f, 1, "next");
    done(&f);
}

static void test_ps_herestring(void **state)
{
    struct fix f;
    (void)state;
    split_ps(&f, "$s = @\"\naz k8s-extension create $x\n\"@\nb");
    assert_int_equal(f.s.ncmds, 2);
    expect_words(&f, 0, "$s|=|az k8s-extension create $x");
    expect_words(&f, 1, "b");
    done(&f);
}

static void test_quote_round_trip(void **state)
{
    static const char *const words[] = {
        "plain", "a b", "it's", "$HOME",    "gateway.auth.token=GatewayKey x&1",
        "",      "<x>", "a\"b", "--flag=1", "back\\slash"};
    struct gw_buf b;
    struct fix f;
    size_t i;
    (void)state;
    gw_buf_init(&b, 0);
    for (i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (i)
            gw_buf_putc(&b, ' ');
        gw_sh_quote(&b, words[i]);
    }
    split(&f, gw_buf_str(&b));
    assert_int_equal(f.s.cmds[0].nwords, sizeof words / sizeof words[0]);
    for (i = 0; i < sizeof words / sizeof words[0]; i++) {
        assert_string_equal(word(&f, 0, i)->text, words[i]);
        assert_int_equal(word(&f, 0, i)->nparts, 0);
    }
    done(&f);
    gw_buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_words),
        cmocka_unit_test(test_empty_first_word),
        cmocka_unit_test(test_single_and_double_quotes),
        cmocka_unit_test(test_backslash_escapes),
        cmocka_unit_test(test_line_continuations),
        cmocka_unit_test(test_ten_thousand_continuations),
        cmocka_unit_test(test_broken_continuations),
        cmocka_unit_test(test_continuations_not_broken),
        cmocka_unit_test(test_ps_broken_continuation),
        cmocka_unit_test(test_variables),
        cmocka_unit_test(test_command_substitution_nested),
        cmocka_unit_test(test_backticks_and_arith),
        cmocka_unit_test(test_separators_and_comments),
        cmocka_unit_test(test_heredocs_skipped),
        cmocka_unit_test(test_unterminated_heredoc),
        cmocka_unit_test(test_placeholders_are_words),
        cmocka_unit_test(test_redirections_dropped),
        cmocka_unit_test(test_github_expressions),
        cmocka_unit_test(test_ansi_c_quotes),
        cmocka_unit_test(test_kv_spans),
        cmocka_unit_test(test_kv_equals_in_expansion),
        cmocka_unit_test(test_mapped_text),
        cmocka_unit_test(test_malformed_never_hangs),
        cmocka_unit_test(test_unterminated_flags),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_ps_backtick_continuation),
        cmocka_unit_test(test_ps_quotes),
        cmocka_unit_test(test_ps_variables),
        cmocka_unit_test(test_ps_member_trap),
        cmocka_unit_test(test_ps_separators_and_comments),
        cmocka_unit_test(test_ps_assignment_words),
        cmocka_unit_test(test_ps_stop_parsing),
        cmocka_unit_test(test_ps_herestring),
        cmocka_unit_test(test_quote_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
