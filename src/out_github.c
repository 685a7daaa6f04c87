/* The GitHub Actions writer: one workflow command per finding
 * (::error/::warning/::notice file=...,line=...::message), escaped as the
 * runner requires. GitHub shows only 10 annotations of each level per step,
 * so the first 10 of each level in output order are annotated and the rest
 * counted in a last ::notice; with GITHUB_STEP_SUMMARY set, a Markdown
 * table of every finding is appended to that file. */
#include "out.h"

#include <errno.h>
#include <string.h>

#include "buf.h"
#include "mem.h"
#include "out_util.h"
#include "rule.h"

#define PER_LEVEL 10 /* annotations GitHub shows per level and step */

struct github {
    struct gw_out_opts o;
    struct gw_buf lines[3][PER_LEVEL]; /* kept annotations, by level */
    unsigned order[3][PER_LEVEL];      /* their place in the output */
    unsigned kept[3], over[3];         /* annotated and not, by level */
    unsigned seq;
    FILE *summary; /* GITHUB_STEP_SUMMARY, or NULL */
    unsigned rows;
    struct gw_buf scratch;
};

static const char *const commands[] = {"notice", "warning", "error"};

/* Escape workflow-command data: '%', CR and LF (actions/toolkit
 * escapeData); a property also escapes ':' and ','. Control characters
 * and bad UTF-8 were replaced first, so nothing can end the command. */
static void put_escaped(struct gw_buf *b, struct gw_buf *tmp, const char *s,
                        bool property)
{
    const char *p;
    gw_buf_reset(tmp);
    gw_out_sanitize(tmp, s, 0);
    for (p = gw_buf_str(tmp); *p; p++) {
        switch (*p) {
        case '%':
            gw_buf_puts(b, "%25");
            break;
        case '\r':
            gw_buf_puts(b, "%0D");
            break;
        case '\n':
            gw_buf_puts(b, "%0A");
            break;
        case ':':
            gw_buf_puts(b, property ? "%3A" : ":");
            break;
        case ',':
            gw_buf_puts(b, property ? "%2C" : ",");
            break;
        default:
            gw_buf_putc(b, *p);
        }
    }
}

/* A Markdown table cell: no line breaks, '|' and HTML escaped. */
static void put_cell(struct gw_buf *b, struct gw_buf *tmp, const char *s)
{
    const char *p;
    gw_buf_reset(tmp);
    gw_out_sanitize(tmp, s, 0);
    for (p = gw_buf_str(tmp); *p; p++) {
        switch (*p) {
        case '|':
            gw_buf_puts(b, "\\|");
            break;
        case '<':
            gw_buf_puts(b, "&lt;");
            break;
        case '>':
            gw_buf_puts(b, "&gt;");
            break;
        case '&':
            gw_buf_puts(b, "&amp;");
            break;
        case '`':
            gw_buf_puts(b, "\\`");
            break;
        default:
            gw_buf_putc(b, *p);
        }
    }
}

static void *github_begin(const struct gw_out_opts *o)
{
    struct github *g = gw_xcalloc(1, sizeof *g);
    size_t l, k;
    g->o = *o;
    for (l = 0; l < 3; l++)
        for (k = 0; k < PER_LEVEL; k++)
            gw_buf_init(&g->lines[l][k], 0);
    gw_buf_init(&g->scratch, 0);
    if (o->summary_path && *o->summary_path) {
        g->summary = fopen(o->summary_path, "a");
        if (!g->summary)
            fprintf(stderr,
                    "gwlint: warning: cannot append the summary to %s: %s\n",
                    o->summary_path, strerror(errno));
    }
    return g;
}

static void annotate(struct github *g, const struct gw_diag *d)
{
    int l = d->level < GW_NOTE ? GW_NOTE : d->level;
    struct gw_buf *b;
    unsigned line, col, eline, ecol;

    g->seq++;
    if (g->kept[l] == PER_LEVEL) {
        g->over[l]++;
        return;
    }
    g->order[l][g->kept[l]] = g->seq;
    b = &g->lines[l][g->kept[l]++];
    gw_source_line_col(d->src, d->span.start, &line, &col);
    gw_source_line_col(
        d->src, d->span.end > d->span.start ? d->span.end : d->span.start,
        &eline, &ecol);
    gw_buf_printf(b, "::%s file=", commands[l]);
    put_escaped(b, &g->scratch, d->src->path, true);
    gw_buf_printf(b, ",line=%u", line);
    /* Columns are for one-line spans only; endColumn is the last
     * character's column. */
    if (eline == line)
        gw_buf_printf(b, ",col=%u,endLine=%u,endColumn=%u", col, eline,
                      ecol > col ? ecol - 1 : col);
    else
        gw_buf_printf(b, ",endLine=%u", eline);
    gw_buf_puts(b, ",title=");
    put_escaped(b, &g->scratch, d->rule->id, true);
    gw_buf_puts(b, " ");
    put_escaped(b, &g->scratch, d->rule->name, true);
    gw_buf_puts(b, "::");
    put_escaped(b, &g->scratch, d->message, false);
    gw_buf_putc(b, '\n');
}

static void summary_row(struct github *g, const struct gw_diag *d)
{
    struct gw_buf b;
    unsigned line, col;
    if (!g->summary)
        return;
    gw_buf_init(&b, 0);
    if (g->rows++ == 0)
        gw_buf_puts(&b, "### gwlint\n\n"
                        "| Level | Location | Rule | Message |\n"
                        "|---|---|---|---|\n");
    gw_source_line_col(d->src, d->span.start, &line, &col);
    gw_buf_printf(&b, "| %s | ", gw_level_name(d->level));
    put_cell(&b, &g->scratch, d->src->path);
    gw_buf_printf(&b, ":%u:%u | %s %s | ", line, col, d->rule->id,
                  d->rule->name);
    put_cell(&b, &g->scratch, d->message);
    gw_buf_puts(&b, " |\n");
    fwrite(b.data, 1, b.len, g->summary);
    gw_buf_release(&b);
}

static void github_diags(void *st, const struct gw_source *src,
                         const struct gw_span *mask, size_t nmask,
                         const struct gw_diag *d, size_t n)
{
    struct github *g = st;
    size_t i;
    (void)src;
    (void)mask;
    (void)nmask;
    for (i = 0; i < n; i++) {
        if (d[i].suppressed)
            continue;
        annotate(g, &d[i]);
        summary_row(g, &d[i]);
    }
}

static void github_notice(void *st, const struct gw_out_notice *nt)
{
    struct github *g = st;
    struct gw_buf b;
    gw_buf_init(&b, 0);
    gw_buf_puts(&b, "::error title=gwlint::");
    if (nt->path) {
        put_escaped(&b, &g->scratch, nt->path, false);
        gw_buf_puts(&b, ": ");
    }
    put_escaped(&b, &g->scratch, nt->message, false);
    gw_buf_putc(&b, '\n');
    fwrite(b.data, 1, b.len, g->o.fp);
    gw_buf_release(&b);
}

static void plural(struct gw_buf *b, unsigned n, const char *what)
{
    if (n)
        gw_buf_printf(b, "%s%u %s%s", b->len ? ", " : "", n, what,
                      n == 1 ? "" : "s");
}

static void github_end(void *st, const struct gw_out_totals *t)
{
    struct github *g = st;
    unsigned idx[3] = {0, 0, 0}, more;
    int l;
    size_t k;
    struct gw_buf b;

    /* The count of the rest is itself a notice: when 10 notes were
     * annotated, the last one yields its place to it. */
    more = g->over[0] + g->over[1] + g->over[2];
    if (more && g->kept[GW_NOTE] == PER_LEVEL) {
        g->kept[GW_NOTE]--;
        g->over[GW_NOTE]++;
        more++;
    }
    /* Annotations in output order. */
    for (;;) {
        int best = -1;
        for (l = 0; l < 3; l++)
            if (idx[l] < g->kept[l] &&
                (best < 0 || g->order[l][idx[l]] < g->order[best][idx[best]]))
                best = l;
        if (best < 0)
            break;
        fwrite(g->lines[best][idx[best]].data, 1, g->lines[best][idx[best]].len,
               g->o.fp);
        idx[best]++;
    }
    if (more) {
        gw_buf_init(&b, 0);
        plural(&b, g->over[GW_ERROR], "error");
        plural(&b, g->over[GW_WARNING], "warning");
        plural(&b, g->over[GW_NOTE], "note");
        fprintf(g->o.fp,
                "::notice title=gwlint::%u more finding%s not annotated "
                "(GitHub shows %d per level): %s%s\n",
                more, more == 1 ? "" : "s", PER_LEVEL, gw_buf_str(&b),
                g->summary ? "; the step summary lists all findings"
                           : "; run gwlint with --format text for all");
        gw_buf_release(&b);
    }
    if (g->summary) {
        if (!g->rows)
            fprintf(g->summary, "### gwlint\n\nNo findings in %u file%s.\n",
                    t->files, t->files == 1 ? "" : "s");
        else
            fputc('\n', g->summary);
        if (fclose(g->summary) != 0)
            fprintf(stderr,
                    "gwlint: warning: cannot write the summary to "
                    "%s\n",
                    g->o.summary_path);
    }
    for (l = 0; l < 3; l++)
        for (k = 0; k < PER_LEVEL; k++)
            gw_buf_release(&g->lines[l][k]);
    gw_buf_release(&g->scratch);
    gw_xfree(g);
}

const struct gw_writer gw_writer_github = {"github", github_begin, github_diags,
                                           github_notice, github_end};
