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
/* Append the character of l bytes at c as printed: '*' when masked, four
 * spaces for a tab, U+FFFD for a control or invalid byte (l == 0).
 * Returns its width in columns. */
static size_t put_cell(struct gw_buf *b, const unsigned char *c, size_t l,
                       bool is_masked)
{
    if (is_masked) {
        gw_buf_putc(b, '*');
    } else if (*c == '\t') {
        gw_buf_puts(b, "    ");
        return 4;
    } else if (l == 0 || (l == 1 && (*c < 0x20 || *c == 0x7f))) {
        gw_buf_puts(b, "\xEF\xBF\xBD");
    } else {
        gw_buf_add(b, c, l);
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
    size_t width, n, i, from = 0, to, lo, hi, nm = 0, k;
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
    }
    if (to > n || from >= n) /* the span is at the end of the line */
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
