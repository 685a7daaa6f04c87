/* The text writer: path:line:col: level: message [ID name], a source
 * excerpt with a caret under the span (secrets masked), and a summary. */
#include "out.h"

#include <stdio.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "mem.h"
#include "rule.h"
#include "src.h"

struct text {
    struct gw_out_opts o;
};

#define BOLD  "\033[1m"
#define RESET "\033[0m"
#define BLUE  "\033[1;34m"

static const char *level_color(enum gw_level l)
{
    switch (l) {
    case GW_ERROR:
        return "\033[1;31m";
    case GW_WARNING:
        return "\033[1;33m";
    case GW_NOTE:
    case GW_LEVEL_OFF:
        break;
    }
    return "\033[1;36m";
}

static void *text_begin(const struct gw_out_opts *o)
{
    struct text *t = gw_xcalloc(1, sizeof *t);
    t->o = *o;
    return t;
}


/* Append text for a terminal: control characters and invalid bytes become
 * U+FFFD, so input cannot drive the terminal. */
static void put_clean(struct gw_buf *b, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        const unsigned char *p = (const unsigned char *)s + i;
        size_t l = 0;
        /* a run of printable ASCII in one go: messages are mostly that */
        while (i + l < n && p[l] >= 0x20 && p[l] < 0x7f)
            l++;
        if (l) {
            gw_buf_add(b, p, l);
            i += l;
            continue;
        }
        l = gw_utf8_len(p, n - i);
        if (l == 0 || (l == 1 && (p[0] < 0x20 || p[0] == 0x7f) &&
                       p[0] != '\t')) {
            gw_buf_puts(b, "\xEF\xBF\xBD");
            i++;
            continue;
        }
        gw_buf_add(b, p, l);
        i += l;
    }
}

static bool masked(const struct gw_span *mask, size_t nmask, uint32_t off)
{
    size_t i;
    for (i = 0; i < nmask; i++)
        if (off >= mask[i].start && off < mask[i].end)
            return true;
    return false;
}

#define EXCERPT_WIDTH 100 /* wider lines are cut around the span */

/* The excerpt: "  12 | text" and "     |    ^^^^". Tabs print as 4 spaces
 * in both lines so the caret stays under its column; secrets print as '*';
 * a long line is cut around the span with "..." at the cuts. */
/* The columns a terminal gives the code point: 2 for the East Asian wide
 * and fullwidth ranges (CJK, Hangul, kana, fullwidth forms, most emoji),
 * 0 for combining marks, joiners and variation selectors, else 1. The
 * ranges are those of Unicode's EastAsianWidth.txt, coarsened as
 * terminals' wcwidth() tables are; a rare character off by one column
 * moves the caret, nothing else. */
static size_t cell_width(uint32_t cp)
{
    static const uint32_t wide[][2] = {
        {0x1100, 0x115f},   {0x231a, 0x231b},   {0x2329, 0x232a},
        {0x23e9, 0x23ec},   {0x23f0, 0x23f0},   {0x23f3, 0x23f3},
        {0x25fd, 0x25fe},   {0x2614, 0x2615},   {0x2648, 0x2653},
        {0x267f, 0x267f},   {0x2693, 0x2693},   {0x26a1, 0x26a1},
        {0x26aa, 0x26ab},   {0x26bd, 0x26be},   {0x26c4, 0x26c5},
        {0x26ce, 0x26ce},   {0x26d4, 0x26d4},   {0x26ea, 0x26ea},
        {0x26f2, 0x26f3},   {0x26f5, 0x26f5},   {0x26fa, 0x26fa},
        {0x26fd, 0x26fd},   {0x2705, 0x2705},   {0x270a, 0x270b},
        {0x2728, 0x2728},   {0x274c, 0x274c},   {0x274e, 0x274e},
        {0x2753, 0x2755},   {0x2757, 0x2757},   {0x2795, 0x2797},
        {0x27b0, 0x27b0},   {0x27bf, 0x27bf},   {0x2b1b, 0x2b1c},
        {0x2b50, 0x2b50},   {0x2b55, 0x2b55},   {0x2e80, 0x303e},
        {0x3041, 0x33ff},   {0x3400, 0x4dbf},   {0x4e00, 0x9fff},
        {0xa000, 0xa4cf},   {0xa960, 0xa97f},   {0xac00, 0xd7a3},
        {0xf900, 0xfaff},   {0xfe10, 0xfe19},   {0xfe30, 0xfe6f},
        {0xff00, 0xff60},   {0xffe0, 0xffe6},   {0x16fe0, 0x16fe4},
        {0x17000, 0x18cff}, {0x1b000, 0x1b2ff}, {0x1f004, 0x1f004},
        {0x1f0cf, 0x1f0cf}, {0x1f18e, 0x1f18e}, {0x1f191, 0x1f19a},
        {0x1f200, 0x1f202}, {0x1f210, 0x1f23b}, {0x1f240, 0x1f248},
        {0x1f250, 0x1f251}, {0x1f260, 0x1f265}, {0x1f300, 0x1f320},
        {0x1f32d, 0x1f335}, {0x1f337, 0x1f37c}, {0x1f37e, 0x1f393},
        {0x1f3a0, 0x1f3ca}, {0x1f3cf, 0x1f3d3}, {0x1f3e0, 0x1f3f0},
        {0x1f3f4, 0x1f3f4}, {0x1f3f8, 0x1f43e}, {0x1f440, 0x1f440},
        {0x1f442, 0x1f4fc}, {0x1f4ff, 0x1f53d}, {0x1f54b, 0x1f54e},
        {0x1f550, 0x1f567}, {0x1f57a, 0x1f57a}, {0x1f595, 0x1f596},
        {0x1f5a4, 0x1f5a4}, {0x1f5fb, 0x1f64f}, {0x1f680, 0x1f6c5},
        {0x1f6cc, 0x1f6cc}, {0x1f6d0, 0x1f6d2}, {0x1f6d5, 0x1f6d7},
        {0x1f6eb, 0x1f6ec}, {0x1f6f4, 0x1f6fc}, {0x1f7e0, 0x1f7eb},
        {0x1f90c, 0x1f93a}, {0x1f93c, 0x1f945}, {0x1f947, 0x1f9ff},
        {0x1fa70, 0x1faff}, {0x20000, 0x2fffd}, {0x30000, 0x3fffd},
    };
    size_t lo = 0, hi = sizeof wide / sizeof wide[0];

    if (cp < 0x300)
        return 1;
    if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) ||
        (cp >= 0x20d0 && cp <= 0x20ff) || (cp >= 0xfe00 && cp <= 0xfe0f) ||
        (cp >= 0xfe20 && cp <= 0xfe2f) || cp == 0x2060 || cp == 0xfeff ||
        (cp >= 0xe0100 && cp <= 0xe01ef))
        return 0;
    while (lo < hi) { /* binary search of the sorted ranges */
        size_t mid = lo + (hi - lo) / 2;
        if (cp < wide[mid][0])
            hi = mid;
        else if (cp > wide[mid][1])
            lo = mid + 1;
        else
            return 2;
    }
    return 1;
}

/* Append the character of l bytes at c as printed: '*' when masked, four
 * spaces for a tab, U+FFFD for a control or invalid byte (l == 0).
 * Returns its width in columns: a wide character (CJK) takes two, a
 * combining mark none, so that the caret stays under its character. */
static size_t put_cell(struct gw_buf *b, const unsigned char *c, size_t l,
                       bool is_masked)
{
    uint32_t cp;
    size_t i;

    if (is_masked) {
        gw_buf_putc(b, '*');
    } else if (*c == '\t') {
        gw_buf_puts(b, "    ");
        return 4;
    } else if (l == 0 || (l == 1 && (*c < 0x20 || *c == 0x7f))) {
        gw_buf_puts(b, "\xEF\xBF\xBD");
    } else {
        gw_buf_add(b, c, l);
        if (l == 1)
            return 1;
        /* gw_utf8_len() checked the sequence: lead bits, then 6 a byte */
        cp = *c & (l == 2 ? 0x1fu : l == 3 ? 0x0fu : 0x07u);
        for (i = 1; i < l; i++)
            cp = (cp << 6) | (c[i] & 0x3fu);
        return cell_width(cp);
    }
    return 1;
}

static void excerpt(struct text *t, struct gw_buf *b,
                    const struct gw_source *src, const struct gw_span *mask,
                    size_t nmask, const struct gw_diag *d)
{
    unsigned line, col, eline, ecol;
    uint32_t ls, llen, p, start, end;
    char num[16];
    size_t width, n, i, from = 0, to, lo, hi, nm = 0, k, carets = 0;
    struct gw_span *lm = NULL; /* the masks that touch this line */
    struct gw_buf text, under;

    gw_source_line_col(src, d->span.start, &line, &col);
    gw_source_line_col(src, d->span.end, &eline, &ecol);
    if (!gw_source_line(src, line, &ls, &llen))
        return;
    end = eline == line ? d->span.end : ls + llen;
    start = ls;
    if (line == 1 && src->bom)
        start += src->bom;
    for (k = 0; k < nmask; k++)
        if (mask[k].start < ls + llen && mask[k].end > ls) {
            if (!lm)
                lm = gw_xmalloc(nmask * sizeof *lm);
            lm[nm++] = mask[k];
        }
    /* First the characters are counted, and those the caret is under
     * found ([from, to)); then only the window around them is printed. A
     * 1 MiB line costs two walks, not a cell per character. */
    n = 0;
    from = SIZE_MAX;
    to = SIZE_MAX;
    for (p = start; p < ls + llen; n++) {
        size_t l = gw_utf8_len((const unsigned char *)src->text + p,
                               ls + llen - p);
        if (from == SIZE_MAX && p >= d->span.start)
            from = n;
        if (to == SIZE_MAX && p >= end)
            to = n;
        p += (uint32_t)(l ? l : 1);
    }
    if (from == SIZE_MAX)
        from = n;
    if (to == SIZE_MAX || to < from)
        to = n;
    if (to <= from)
        to = from + 1;
    lo = 0;
    hi = n;
    if (n > EXCERPT_WIDTH) {
        lo = from > 33 ? from - 30 : 0;
        hi = lo + EXCERPT_WIDTH;
        /* A span wider than the window is shown by its start. */
        if (to > hi)
            to = hi;
        if (hi > n)
            hi = n;
    }
    gw_buf_init(&text, 0);
    gw_buf_init(&under, 0);
    if (lo > 0) {
        gw_buf_puts(&text, "...");
        gw_buf_puts(&under, "   ");
    }
    for (i = 0, p = start; i < n && (i < hi || i < to); i++) {
        const unsigned char *c = (const unsigned char *)src->text + p;
        size_t l = gw_utf8_len(c, ls + llen - p), w, q;
        bool hidden = masked(lm, nm, p);
        p += (uint32_t)(l ? l : 1);
        if (i < lo)
            continue;
        w = put_cell(&text, c, l, hidden);
        if (i >= hi)
            break;
        for (q = 0; q < w; q++)
            gw_buf_putc(&under, i >= from && i < to ? '^' : ' ');
        if (i >= from && i < to)
            carets += w;
    }
    /* At the end of the line, or under nothing but combining marks: one
     * caret where the span starts. */
    if (carets == 0)
        gw_buf_putc(&under, '^');
    if (hi < n)
        gw_buf_puts(&text, "...");
    /* trailing blanks of the caret line are noise */
    while (under.len && under.data[under.len - 1] == ' ')
        under.data[--under.len] = '\0';
    gw_xfree(lm);

    snprintf(num, sizeof num, "%u", line);
    width = strlen(num);
    gw_buf_printf(b, "%s%*s |%s\n", t->o.color ? BLUE : "", (int)width, "",
                  t->o.color ? RESET : "");
    gw_buf_printf(b, "%s%s |%s %s\n", t->o.color ? BLUE : "", num,
                  t->o.color ? RESET : "", gw_buf_str(&text));
    gw_buf_printf(b, "%s%*s |%s %s%s%s\n", t->o.color ? BLUE : "", (int)width,
                  "", t->o.color ? RESET : "",
                  t->o.color ? level_color(d->level) : "", gw_buf_str(&under),
                  t->o.color ? RESET : "");
    gw_buf_release(&text);
    gw_buf_release(&under);
}

static void text_diags(void *st, const struct gw_source *src,
                       const struct gw_span *mask, size_t nmask,
                       const struct gw_diag *d, size_t n)
{
    struct text *t = st;
    struct gw_buf b;
    size_t i;

    gw_buf_init(&b, 0);
    for (i = 0; i < n; i++) {
        unsigned line, col;
        if (d[i].suppressed)
            continue;
        gw_buf_reset(&b);
        gw_source_line_col(d[i].src, d[i].span.start, &line, &col);
        if (t->o.color)
            gw_buf_puts(&b, BOLD);
        if (strncmp(d[i].src->path, "::", 2) == 0)
            gw_buf_puts(&b, "./");
        put_clean(&b, d[i].src->path, strlen(d[i].src->path));
        gw_buf_printf(&b, ":%u:%u:%s ", line, col, t->o.color ? RESET : "");
        gw_buf_printf(&b, "%s%s:%s ", t->o.color ? level_color(d[i].level) : "",
                      gw_level_name(d[i].level), t->o.color ? RESET : "");
        put_clean(&b, d[i].message, strlen(d[i].message));
        gw_buf_printf(&b, " [%s %s]\n", d[i].rule->id, d[i].rule->name);
        if (t->o.source && d[i].src == src)
            excerpt(t, &b, src, mask, nmask, &d[i]);
        fwrite(b.data, 1, b.len, t->o.fp);
    }
    gw_buf_release(&b);
}

static void text_notice(void *st, const struct gw_out_notice *nt)
{
    (void)st;
    (void)nt; /* main prints tool failures on stderr */
}

static void plural(struct gw_buf *b, unsigned n, const char *what)
{
    if (!n)
        return;
    gw_buf_printf(b, "%s%u %s%s", b->len ? ", " : "", n, what,
                  n == 1 ? "" : "s");
}

static void text_end(void *st, const struct gw_out_totals *tt)
{
    struct text *t = st;
    struct gw_buf b;
    if (!t->o.quiet) {
        gw_buf_init(&b, 0);
        plural(&b, tt->errors, "error");
        plural(&b, tt->warnings, "warning");
        plural(&b, tt->notes, "note");
        if (b.len)
            fprintf(t->o.fp, "%s in %u file%s\n", gw_buf_str(&b),
                    tt->files_with, tt->files_with == 1 ? "" : "s");
        else
            fprintf(t->o.fp, "no findings in %u file%s\n", tt->files,
                    tt->files == 1 ? "" : "s");
        gw_buf_release(&b);
    }
    gw_xfree(t);
}

const struct gw_writer gw_writer_text = {"text", text_begin, text_diags,
                                         text_notice, text_end};

const struct gw_writer *gw_writer_find(const char *name)
{
    static const struct gw_writer *const all[] = {
        &gw_writer_text, &gw_writer_json, &gw_writer_sarif,
        &gw_writer_github};
    size_t i;
    for (i = 0; i < sizeof all / sizeof all[0]; i++)
        if (strcmp(all[i]->name, name) == 0)
            return all[i];
    return NULL;
}
