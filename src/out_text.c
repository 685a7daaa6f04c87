/* The text writer: path:line:col: level: message [ID name], a source
 * excerpt with a caret under the span (secrets masked), and a summary. */
#include "out.h"

#include <stdio.h>
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

/* One printed character of an excerpt line. */
struct cell {
    uint32_t off;   /* byte offset in the source */
    char text[8];   /* what is printed (cleaned, masked or expanded) */
    uint8_t width;  /* columns it takes */
};

#define EXCERPT_WIDTH 100 /* wider lines are cut around the span */

/* The excerpt: "  12 | text" and "     |    ^^^^". Tabs print as 4 spaces
 * in both lines so the caret stays under its column; secrets print as '*';
 * a long line is cut around the span with "..." at the cuts. */
static void excerpt(struct text *t, struct gw_buf *b,
                    const struct gw_source *src, const struct gw_span *mask,
                    size_t nmask, const struct gw_diag *d)
{
    unsigned line, col, eline, ecol;
    uint32_t ls, llen, p, end;
    char num[16];
    size_t width, n = 0, i, from = 0, to, lo, hi;
    struct cell *cells;
    struct gw_buf text, under;

    gw_source_line_col(src, d->span.start, &line, &col);
    gw_source_line_col(src, d->span.end, &eline, &ecol);
    if (!gw_source_line(src, line, &ls, &llen))
        return;
    end = eline == line ? d->span.end : ls + llen;
    cells = gw_xmalloc(((size_t)llen + 1) * sizeof *cells);
    p = ls;
    if (line == 1 && src->bom)
        p += src->bom;
    while (p < ls + llen) {
        const unsigned char *c = (const unsigned char *)src->text + p;
        size_t l = gw_utf8_len(c, ls + llen - p);
        struct cell *ce = &cells[n++];
        struct gw_buf tmp;
        if (l == 0)
            l = 1;
        ce->off = p;
        ce->width = 1;
        if (masked(mask, nmask, p)) {
            snprintf(ce->text, sizeof ce->text, "*");
        } else if (*c == '\t') {
            snprintf(ce->text, sizeof ce->text, "    ");
            ce->width = 4;
        } else {
            gw_buf_init(&tmp, 0);
            put_clean(&tmp, (const char *)c, l);
            snprintf(ce->text, sizeof ce->text, "%s", gw_buf_str(&tmp));
            gw_buf_release(&tmp);
        }
        p += (uint32_t)l;
    }
    /* Cells [from, to) are under the caret. */
    for (i = 0; i < n && cells[i].off < d->span.start; i++)
        ;
    from = i;
    for (; i < n && cells[i].off < end; i++)
        ;
    to = i > from ? i : from + 1;
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
    for (i = lo; i < hi || i < to; i++) {
        size_t w = i < n ? cells[i].width : 1, k;
        if (i < n)
            gw_buf_puts(&text, cells[i].text);
        if (i >= hi && i >= n)
            break;
        for (k = 0; k < w; k++)
            gw_buf_putc(&under, i >= from && i < to ? '^' : ' ');
    }
    if (to > n || from >= n) /* the span is at the end of the line */
        gw_buf_putc(&under, '^');
    if (hi < n)
        gw_buf_puts(&text, "...");
    /* trailing blanks of the caret line are noise */
    while (under.len && under.data[under.len - 1] == ' ')
        under.data[--under.len] = '\0';
    gw_xfree(cells);

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
