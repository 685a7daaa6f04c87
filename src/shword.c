/* Shell words: a POSIX shell and PowerShell tokenizer that keeps, for each
 * word, the host span of every decoded byte and its quoting facts. */
#include "shword.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "mem.h"

/* Deeper nesting of $( ${ " ` than this runs to the end of the text. */
#define MAX_NEST 200
#define NO_CONT ((size_t)-1) /* lx.cont_at: not after a continuation */

struct heredoc {
    const char *delim;
    size_t len;
    bool strip_tabs;
};

/* Redirection state: what the next word is. */
enum redir { R_NONE, R_TARGET, R_HEREDOC, R_HEREDOC_TABS };

struct lx {
    struct gw_arena *a;
    const struct gw_shtext *in;
    const char *t;
    size_t n, p;
    bool ps;

    /* the word being read (scratch, reused) */
    bool in_word;
    size_t wstart, wend; /* raw bytes of the word in `t` */
    char *text;
    uint32_t *off;
    size_t len, cap;
    struct gw_shseg *segs;
    size_t nsegs, segcap;
    struct gw_shpart *parts;
    size_t nparts, partcap;
    bool quoted, splits, unterminated;

    /* the command being read */
    struct gw_shword *words;
    size_t nwords, wordcap;
    size_t cont_at; /* start of the line a continuation led to, on that
                       line only; else NO_CONT */
    struct gw_shbreak *brks;
    size_t nbrks, brkcap;
    int depth; /* ( { nesting */
    enum redir redir;
    bool stop_parsing; /* PowerShell --% */

    /* the script */
    struct gw_shcmd *cmds;
    size_t ncmds, cmdcap;
    struct heredoc *hd;
    size_t nhd, hdcap;
};

/* ---- positions ---- */

static uint32_t host(const struct lx *lx, size_t v)
{
    if (lx->n == 0)
        return lx->in->map ? 0 : lx->in->base;
    if (v >= lx->n)
        return host(lx, lx->n - 1) + 1;
    return lx->in->map ? lx->in->map[v] : lx->in->base + (uint32_t)v;
}

/* The host span of raw bytes [s, e). */
static struct gw_span hspan(const struct lx *lx, size_t s, size_t e)
{
    struct gw_span sp;
    sp.start = host(lx, s);
    sp.end = e > s ? host(lx, e - 1) + 1 : sp.start;
    if (sp.end < sp.start)
        sp.end = sp.start;
    return sp;
}

/* ---- building a word ---- */

static void *grow(void *v, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return v;
    *cap = *cap ? *cap * 2 : 16;
    return gw_xrealloc(v, *cap * size);
}

static void word_begin(struct lx *lx, size_t at)
{
    if (lx->in_word)
        return;
    lx->in_word = true;
    lx->wstart = lx->wend = at;
    lx->len = lx->nsegs = lx->nparts = 0;
    lx->quoted = lx->splits = lx->unterminated = false;
}

static void put(struct lx *lx, char c, size_t at)
{
    if (lx->len == lx->cap) {
        lx->cap = lx->cap ? lx->cap * 2 : 64;
        lx->text = gw_xrealloc(lx->text, lx->cap);
        lx->off = gw_xrealloc(lx->off, lx->cap * sizeof *lx->off);
    }
    lx->text[lx->len] = c;
    lx->off[lx->len++] = host(lx, at);
}

/* Record raw bytes [s, e) as a segment with quoting `q`; bare runs that
 * touch merge. */
static void seg(struct lx *lx, size_t s, size_t e, char q)
{
    struct gw_shseg *last = lx->nsegs ? &lx->segs[lx->nsegs - 1] : NULL;
    struct gw_span sp = hspan(lx, s, e);
    if (e > lx->wend)
        lx->wend = e;
    if (e <= s)
        return;
    if (q == 0 && last && last->quote == 0 && last->span.end == sp.start) {
        last->span.end = sp.end;
        return;
    }
    lx->segs = grow(lx->segs, lx->nsegs, &lx->segcap, sizeof *lx->segs);
    lx->segs[lx->nsegs].span = sp;
    lx->segs[lx->nsegs++].quote = q;
}

/* Copy raw bytes [s, e) as an expansion part of the decoded text. */
static void expansion(struct lx *lx, size_t s, size_t e, bool quoted,
                      const char *var, size_t varlen, bool member)
{
    struct gw_shpart *pt;
    size_t i, d = lx->len;
    for (i = s; i < e; i++)
        put(lx, lx->t[i], i);
    lx->parts = grow(lx->parts, lx->nparts, &lx->partcap, sizeof *lx->parts);
    pt = &lx->parts[lx->nparts++];
    pt->start = (uint32_t)d;
    pt->end = (uint32_t)lx->len;
    pt->quoted = quoted;
    pt->var = var ? gw_arena_strndup(lx->a, var, varlen) : NULL;
    pt->member = member;
    if (!quoted && !lx->ps)
        lx->splits = true;
}

static void push_word(struct lx *lx, const struct gw_shword *w)
{
    lx->words = grow(lx->words, lx->nwords, &lx->wordcap, sizeof *lx->words);
    lx->words[lx->nwords++] = *w;
}

static void word_end(struct lx *lx)
{
    struct gw_shword w;
    char *text;
    uint32_t *off;

    if (!lx->in_word)
        return;
    lx->in_word = false;
    memset(&w, 0, sizeof w);
    text = gw_arena_alloc(lx->a, lx->len + 1);
    if (lx->len) /* an empty first word ("") has no buffer yet */
        memcpy(text, lx->text, lx->len);
    off = gw_arena_alloc(lx->a, (lx->len + 1) * sizeof *off);
    if (lx->len)
        memcpy(off, lx->off, lx->len * sizeof *off);
    w.text = text;
    w.len = (uint32_t)lx->len;
    w.off = off;
    w.span = hspan(lx, lx->wstart, lx->wend);
    if (lx->nsegs) {
        struct gw_shseg *s = gw_arena_alloc(lx->a, lx->nsegs * sizeof *s);
        memcpy(s, lx->segs, lx->nsegs * sizeof *s);
        w.segs = s;
        w.nsegs = (uint32_t)lx->nsegs;
    }
    if (lx->nparts) {
        struct gw_shpart *p = gw_arena_alloc(lx->a, lx->nparts * sizeof *p);
        memcpy(p, lx->parts, lx->nparts * sizeof *p);
        w.parts = p;
        w.nparts = (uint32_t)lx->nparts;
    }
    w.quoted = lx->quoted;
    w.splits = lx->splits;
    w.unterminated = lx->unterminated;

    switch (lx->redir) {
    case R_NONE:
        push_word(lx, &w);
        return;
    case R_TARGET:
        break;
    case R_HEREDOC:
    case R_HEREDOC_TABS:
        lx->hd = grow(lx->hd, lx->nhd, &lx->hdcap, sizeof *lx->hd);
        lx->hd[lx->nhd].delim = w.text;
        lx->hd[lx->nhd].len = w.len;
        lx->hd[lx->nhd++].strip_tabs = lx->redir == R_HEREDOC_TABS;
        break;
    }
    lx->redir = R_NONE;
}

static void cmd_end(struct lx *lx)
{
    struct gw_shcmd *c;
    struct gw_shword *w;
    word_end(lx);
    lx->stop_parsing = false;
    lx->redir = R_NONE;
    lx->cont_at = NO_CONT;
    if (lx->nwords == 0) {
        lx->nbrks = 0;
        return;
    }
    w = gw_arena_alloc(lx->a, lx->nwords * sizeof *w);
    memcpy(w, lx->words, lx->nwords * sizeof *w);
    lx->cmds = grow(lx->cmds, lx->ncmds, &lx->cmdcap, sizeof *lx->cmds);
    c = &lx->cmds[lx->ncmds++];
    c->words = w;
    c->nwords = (uint32_t)lx->nwords;
    c->nested = lx->depth > 0;
    c->brks = NULL;
    c->nbrks = (uint32_t)lx->nbrks;
    if (lx->nbrks) {
        struct gw_shbreak *k = gw_arena_alloc(lx->a, lx->nbrks * sizeof *k);
        memcpy(k, lx->brks, lx->nbrks * sizeof *k);
        c->brks = k;
    }
    lx->nbrks = 0;
    lx->nwords = 0;
}

/* ---- scanning over nested constructs (no words made) ---- */

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static bool is_name_start(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

static bool is_name(char c)
{
    return is_name_start(c) || (c >= '0' && c <= '9');
}

static size_t skip_sq(const struct lx *lx, size_t p)
{
    while (p < lx->n && lx->t[p] != '\'')
        p++;
    return p < lx->n ? p + 1 : lx->n;
}

/* PowerShell '...', where '' is a quote. */
static size_t skip_sq_ps(const struct lx *lx, size_t p)
{
    while (p < lx->n) {
        if (lx->t[p] == '\'') {
            if (p + 1 < lx->n && lx->t[p + 1] == '\'') {
                p += 2;
                continue;
            }
            return p + 1;
        }
        p++;
    }
    return lx->n;
}

static size_t skip_paren(const struct lx *lx, size_t p, int depth);
static size_t skip_brace(const struct lx *lx, size_t p, int depth);

static size_t skip_bt(const struct lx *lx, size_t p)
{
    while (p < lx->n && lx->t[p] != '`')
        p += lx->t[p] == '\\' ? 2 : 1;
    return p < lx->n ? p + 1 : lx->n;
}

/* After an opening '"': past the closing one. */
static size_t skip_dq(const struct lx *lx, size_t p, int depth)
{
    const char esc = lx->ps ? '`' : '\\';
    if (depth > MAX_NEST)
        return lx->n;
    while (p < lx->n) {
        char c = lx->t[p];
        if (c == esc) {
            p += 2;
        } else if (c == '"') {
            if (lx->ps && p + 1 < lx->n && lx->t[p + 1] == '"') {
                p += 2;
                continue;
            }
            return p + 1;
        } else if (c == '$' && p + 1 < lx->n && lx->t[p + 1] == '(') {
            p = skip_paren(lx, p + 2, depth + 1);
        } else if (c == '$' && p + 1 < lx->n && lx->t[p + 1] == '{') {
            p = skip_brace(lx, p + 2, depth + 1);
        } else if (c == '`' && !lx->ps) {
            p = skip_bt(lx, p + 1);
        } else {
            p++;
        }
    }
    return lx->n;
}

/* After an opening '(' (of "$(", "(", "<("): past the matching ')'. */
static size_t skip_paren(const struct lx *lx, size_t p, int depth)
{
    const char esc = lx->ps ? '`' : '\\';
    int nest = 0;
    if (depth > MAX_NEST)
        return lx->n;
    while (p < lx->n) {
        char c = lx->t[p];
        if (c == esc) {
            p += 2;
        } else if (c == '\'') {
            p = lx->ps ? skip_sq_ps(lx, p + 1) : skip_sq(lx, p + 1);
        } else if (c == '"') {
            p = skip_dq(lx, p + 1, depth + 1);
        } else if (c == '`') {
            p = skip_bt(lx, p + 1);
        } else if (c == '$' && p + 1 < lx->n && lx->t[p + 1] == '(') {
            p = skip_paren(lx, p + 2, depth + 1);
        } else if (c == '$' && p + 1 < lx->n && lx->t[p + 1] == '{') {
            p = skip_brace(lx, p + 2, depth + 1);
        } else if (c == '(') {
            nest++;
            p++;
        } else if (c == ')') {
            if (nest-- == 0)
                return p + 1;
            p++;
        } else if (c == '#' && (p == 0 || is_blank(lx->t[p - 1]) ||
                                lx->t[p - 1] == '\n' || lx->t[p - 1] == '(')) {
            while (p < lx->n && lx->t[p] != '\n')
                p++;
        } else {
            p++;
        }
    }
    return lx->n;
}

/* After "${": past the matching '}'. */
static size_t skip_brace(const struct lx *lx, size_t p, int depth)
{
    int nest = 0;
    if (depth > MAX_NEST)
        return lx->n;
    while (p < lx->n) {
        char c = lx->t[p];
        if (c == '\\' && !lx->ps) {
            p += 2;
        } else if (c == '`' && lx->ps) {
            p += 2;
        } else if (c == '\'' && !lx->ps) {
            p = skip_sq(lx, p + 1);
        } else if (c == '"' && !lx->ps) {
            p = skip_dq(lx, p + 1, depth + 1);
        } else if (c == '$' && p + 1 < lx->n && lx->t[p + 1] == '(' &&
                   !lx->ps) {
            p = skip_paren(lx, p + 2, depth + 1);
        } else if (c == '{') {
            nest++;
            p++;
        } else if (c == '}') {
            if (nest-- == 0)
                return p + 1;
            p++;
        } else {
            p++;
        }
    }
    return lx->n;
}

/* "${{ ... }}" of GitHub Actions and Azure Pipelines templates: after the
 * "${{", past the "}}". */
static size_t skip_template(const struct lx *lx, size_t p)
{
    while (p + 1 < lx->n && !(lx->t[p] == '}' && lx->t[p + 1] == '}'))
        p++;
    return p + 1 < lx->n ? p + 2 : lx->n;
}

/* An Azure Pipelines macro "$(name)" at p (the '$'): its end, or 0. */
static size_t macro_end(const struct lx *lx, size_t p)
{
    size_t q = p + 2;
    if (p + 2 >= lx->n || lx->t[p + 1] != '(')
        return 0;
    while (q < lx->n &&
           (is_name(lx->t[q]) || lx->t[q] == '.' || lx->t[q] == '-'))
        q++;
    return q > p + 2 && q < lx->n && lx->t[q] == ')' ? q + 1 : 0;
}

/* "<name>" at p: a placeholder of documentation, not redirections. Its
 * end, or 0. */
static size_t placeholder_end(const struct lx *lx, size_t p)
{
    size_t q = p + 1;
    if (q >= lx->n || !(is_name(lx->t[q])))
        return 0;
    while (q < lx->n) {
        char c = lx->t[q];
        if (c == '>')
            break;
        if (is_blank(c) || c == '\n' || c == '<' || c == ';' || c == '|' ||
            c == '&' || c == '(' || c == ')' || c == '\'' || c == '"' ||
            c == '`' || c == '$')
            return 0;
        q++;
    }
    if (q >= lx->n)
        return 0;
    q++;
    if (q < lx->n && !is_blank(lx->t[q]) && lx->t[q] != '\n' &&
        lx->t[q] != ';' && lx->t[q] != '\'' && lx->t[q] != '"' &&
        lx->t[q] != '\\' && lx->t[q] != '`' && lx->t[q] != ')')
        return 0;
    return q;
}

/* A template placeholder <...> [p, e) read as one literal word, in both
 * the POSIX and the PowerShell lexer. */
static void placeholder_word(struct lx *lx, size_t p, size_t e)
{
    size_t i;
    word_begin(lx, p);
    for (i = p; i < e; i++)
        put(lx, lx->t[i], i);
    seg(lx, p, e, 0);
    lx->p = e;
}

/* ---- reading word pieces: POSIX ---- */

static void read_dollar(struct lx *lx, bool quoted);

/* Bare: '...' */
static void read_sq(struct lx *lx)
{
    size_t s = lx->p, p = s + 1;
    for (; p < lx->n && lx->t[p] != '\''; p++) {
        size_t e;
        /* CI macros are replaced in the text before the shell reads it */
        if (lx->in->macros && lx->t[p] == '$' && p + 2 < lx->n &&
            lx->t[p + 1] == '{' && lx->t[p + 2] == '{') {
            e = skip_template(lx, p + 3);
            expansion(lx, p, e, true, NULL, 0, false);
            p = e - 1;
            continue;
        }
        if (lx->in->macros && lx->t[p] == '$' && (e = macro_end(lx, p))) {
            expansion(lx, p, e, true, NULL, 0, false);
            p = e - 1;
            continue;
        }
        put(lx, lx->t[p], p);
    }
    if (p >= lx->n)
        lx->unterminated = true;
    else
        p++;
    lx->quoted = true;
    seg(lx, s, p, '\'');
    lx->p = p;
}

/* $'...': backslash escapes of C. */
static void read_ansi(struct lx *lx)
{
    size_t s = lx->p, p = s + 2;
    while (p < lx->n && lx->t[p] != '\'') {
        char c = lx->t[p];
        if (c == '\\' && p + 1 < lx->n) {
            char e = lx->t[p + 1];
            switch (e) {
            case 'n':
                c = '\n';
                break;
            case 't':
                c = '\t';
                break;
            case 'r':
                c = '\r';
                break;
            default:
                c = e;
            }
            put(lx, c, p + 1);
            p += 2;
            continue;
        }
        put(lx, c, p);
        p++;
    }
    if (p >= lx->n)
        lx->unterminated = true;
    else
        p++;
    lx->quoted = true;
    seg(lx, s, p, '$');
    lx->p = p;
}

/* "...": lx->p at the quote (or at the '$' of $"..."). */
static void read_dq(struct lx *lx)
{
    size_t s = lx->p, p = s + 1;
    if (lx->t[s] == '$')
        p++;
    lx->quoted = true;
    while (p < lx->n && lx->t[p] != '"') {
        char c = lx->t[p];
        if (c == '\\' && p + 1 < lx->n) {
            char e = lx->t[p + 1];
            if (e == '\n') {
                p += 2;
                continue;
            }
            if (e == '\r' && p + 2 < lx->n && lx->t[p + 2] == '\n') {
                p += 3;
                continue;
            }
            if (e == '$' || e == '`' || e == '"' || e == '\\') {
                put(lx, e, p + 1);
                p += 2;
                continue;
            }
            put(lx, c, p);
            p++;
            continue;
        }
        if (c == '$' || c == '`') {
            lx->p = p;
            if (c == '$') {
                read_dollar(lx, true);
            } else {
                size_t e = skip_bt(lx, p + 1);
                expansion(lx, p, e, true, NULL, 0, false);
                lx->p = e;
            }
            p = lx->p;
            continue;
        }
        put(lx, c, p);
        p++;
    }
    if (p >= lx->n)
        lx->unterminated = true;
    else
        p++;
    seg(lx, s, p, '"');
    lx->p = p;
}

/* At '$' (bare or in "..."). */
static void read_dollar(struct lx *lx, bool quoted)
{
    size_t p = lx->p, e;
    const char *t = lx->t;
    char c = p + 1 < lx->n ? t[p + 1] : '\0';

    if (c == '{' && p + 2 < lx->n && t[p + 2] == '{') {
        e = skip_template(lx, p + 3);
        expansion(lx, p, e, quoted, NULL, 0, false);
    } else if (c == '(') {
        e = skip_paren(lx, p + 2, 0);
        if (e >= lx->n && (p + 2 >= lx->n || t[lx->n - 1] != ')'))
            lx->unterminated = true;
        expansion(lx, p, e, quoted, NULL, 0, false);
    } else if (c == '{') {
        size_t q = p + 2;
        e = skip_brace(lx, p + 2, 0);
        while (q < e && is_name(t[q]))
            q++;
        if (e >= lx->n && t[lx->n - 1] != '}')
            lx->unterminated = true;
        if (q > p + 2 && q + 1 == e && is_name_start(t[p + 2]))
            expansion(lx, p, e, quoted, t + p + 2, q - p - 2, false);
        else
            expansion(lx, p, e, quoted, NULL, 0, false);
    } else if (c == '\'' && !quoted) {
        read_ansi(lx);
        return;
    } else if (c == '"' && !quoted) {
        read_dq(lx);
        return;
    } else if (is_name_start(c)) {
        e = p + 2;
        while (e < lx->n && is_name(t[e]))
            e++;
        expansion(lx, p, e, quoted, t + p + 1, e - p - 1, false);
    } else if ((c >= '0' && c <= '9') || c == '@' || c == '*' || c == '#' ||
               c == '?' || c == '$' || c == '!' || c == '-') {
        e = p + 2;
        expansion(lx, p, e, quoted, NULL, 0, false);
    } else {
        put(lx, '$', p);
        if (!quoted)
            seg(lx, p, p + 1, 0);
        e = p + 1;
    }
    if (!quoted && e > p + 1)
        seg(lx, p, e, 0);
    lx->p = e;
}

/* ---- reading word pieces: PowerShell ---- */

static void read_dollar_ps(struct lx *lx, bool quoted, bool word_start);

static void read_sq_ps(struct lx *lx)
{
    size_t s = lx->p, p = s + 1;
    while (p < lx->n) {
        if (lx->t[p] == '\'') {
            if (p + 1 < lx->n && lx->t[p + 1] == '\'') {
                put(lx, '\'', p);
                p += 2;
                continue;
            }
            break;
        }
        if (lx->in->macros && lx->t[p] == '$') {
            size_t e = macro_end(lx, p);
            if (!e && p + 2 < lx->n && lx->t[p + 1] == '{' &&
                lx->t[p + 2] == '{')
                e = skip_template(lx, p + 3);
            if (e) {
                expansion(lx, p, e, true, NULL, 0, false);
                p = e;
                continue;
            }
        }
        put(lx, lx->t[p], p);
        p++;
    }
    if (p >= lx->n)
        lx->unterminated = true;
    else
        p++;
    lx->quoted = true;
    seg(lx, s, p, '\'');
    lx->p = p;
}

static char ps_escape(char e)
{
    switch (e) {
    case 'n':
        return '\n';
    case 't':
        return '\t';
    case 'r':
        return '\r';
    case '0':
        return '\0';
    default:
        return e;
    }
}

static void read_dq_ps(struct lx *lx)
{
    size_t s = lx->p, p = s + 1;
    lx->quoted = true;
    while (p < lx->n) {
        char c = lx->t[p];
        if (c == '"') {
            if (p + 1 < lx->n && lx->t[p + 1] == '"') {
                put(lx, '"', p);
                p += 2;
                continue;
            }
            break;
        }
        if (c == '`' && p + 1 < lx->n) {
            put(lx, ps_escape(lx->t[p + 1]), p + 1);
            p += 2;
            continue;
        }
        if (c == '$') {
            lx->p = p;
            read_dollar_ps(lx, true, false);
            p = lx->p;
            continue;
        }
        put(lx, c, p);
        p++;
    }
    if (p >= lx->n)
        lx->unterminated = true;
    else
        p++;
    seg(lx, s, p, '"');
    lx->p = p;
}

/* A PowerShell variable name after '$': letters, digits, '_', and a scope
 * such as env: or script:. */
static size_t ps_name_end(const struct lx *lx, size_t q)
{
    while (q < lx->n &&
           (is_name(lx->t[q]) ||
            (lx->t[q] == ':' && q + 1 < lx->n && is_name(lx->t[q + 1]))))
        q++;
    return q;
}

static void read_dollar_ps(struct lx *lx, bool quoted, bool word_start)
{
    size_t p = lx->p, e;
    const char *t = lx->t;
    char c = p + 1 < lx->n ? t[p + 1] : '\0';
    bool member = false;

    if (c == '{' && p + 2 < lx->n && t[p + 2] == '{') {
        e = skip_template(lx, p + 3);
        expansion(lx, p, e, quoted, NULL, 0, false);
    } else if (c == '(') {
        e = skip_paren(lx, p + 2, 0);
        if (e >= lx->n && t[lx->n - 1] != ')')
            lx->unterminated = true;
        expansion(lx, p, e, quoted, NULL, 0, false);
    } else if (c == '{') {
        e = p + 2;
        while (e < lx->n && t[e] != '}')
            e += t[e] == '`' ? 2 : 1;
        if (e >= lx->n) {
            lx->unterminated = true;
            e = lx->n;
            expansion(lx, p, e, quoted, NULL, 0, false);
        } else {
            e++;
            expansion(lx, p, e, quoted, t + p + 2, e - p - 3, false);
        }
    } else if (is_name(c) || c == '?' || c == '^' || c == '$') {
        size_t ne = is_name(c) ? ps_name_end(lx, p + 1) : p + 2;
        e = ne;
        if (!quoted && word_start) {
            /* An argument that starts with '$' is an expression: member
             * access and indexing apply. */
            for (;;) {
                if (e + 1 < lx->n && t[e] == '.' && is_name_start(t[e + 1])) {
                    e += 2;
                    while (e < lx->n && is_name(t[e]))
                        e++;
                } else if (e < lx->n && t[e] == '[') {
                    while (e < lx->n && t[e] != ']' && t[e] != '\n')
                        e++;
                    if (e < lx->n && t[e] == ']')
                        e++;
                } else if (e + 1 < lx->n && t[e] == '(' && t[e + 1] == ')') {
                    e += 2;
                } else {
                    break;
                }
            }
        } else if ((e + 1 < lx->n && t[e] == '.' && is_name_start(t[e + 1])) ||
                   (e < lx->n && t[e] == '[')) {
            member = true;
        }
        if (e == ne && is_name(c))
            expansion(lx, p, e, quoted, t + p + 1, ne - p - 1, member);
        else
            expansion(lx, p, e, quoted, NULL, 0, member);
    } else {
        put(lx, '$', p);
        e = p + 1;
    }
    if (!quoted)
        seg(lx, p, e, 0);
    lx->p = e;
}

/* @"...\n"@ and @'...\n'@: lx->p at the '@'. */
static void read_herestring(struct lx *lx)
{
    size_t s = lx->p, p = s + 2;
    char q = lx->t[s + 1];
    while (p < lx->n && lx->t[p] != '\n')
        p++;
    if (p < lx->n)
        p++;
    while (p < lx->n) {
        if (lx->t[p] == q && p + 1 < lx->n && lx->t[p + 1] == '@' &&
            (p == 0 || lx->t[p - 1] == '\n'))
            break;
        if (q == '"' && lx->t[p] == '$') {
            lx->p = p;
            read_dollar_ps(lx, true, false);
            p = lx->p;
            continue;
        }
        put(lx, lx->t[p], p);
        p++;
    }
    if (p >= lx->n) {
        lx->unterminated = true;
    } else {
        p += 2;
        /* the body ends before the newline that precedes "@ */
        if (lx->len && lx->text[lx->len - 1] == '\n')
            lx->len--;
        if (lx->len && lx->text[lx->len - 1] == '\r')
            lx->len--;
    }
    lx->quoted = true;
    seg(lx, s, p, '@');
    lx->p = p;
}

/* ---- operators ---- */

/* After a newline that ends a line: skip the pending heredoc bodies. */
static void skip_heredocs(struct lx *lx)
{
    size_t i;
    for (i = 0; i < lx->nhd; i++) {
        const struct heredoc *h = &lx->hd[i];
        while (lx->p < lx->n) {
            size_t b = lx->p, e = b, le;
            while (e < lx->n && lx->t[e] != '\n')
                e++;
            lx->p = e < lx->n ? e + 1 : lx->n;
            le = e;
            if (le > b && lx->t[le - 1] == '\r')
                le--;
            if (h->strip_tabs)
                while (b < le && lx->t[b] == '\t')
                    b++;
            if (le - b == h->len && memcmp(lx->t + b, h->delim, h->len) == 0)
                break;
        }
    }
    lx->nhd = 0;
}

/* Is the word read so far an unquoted file-descriptor number (2>x)? */
static bool io_number(const struct lx *lx)
{
    size_t i;
    if (!lx->in_word || lx->len == 0 || lx->quoted || lx->nparts ||
        lx->wend != lx->p)
        return false;
    for (i = 0; i < lx->len; i++)
        if (lx->text[i] < '0' || lx->text[i] > '9')
            return lx->ps && lx->len == 1 && lx->text[0] == '*';
    return true;
}

/* '<' or '>' at lx->p, not a placeholder: a redirection. */
static void redirection(struct lx *lx)
{
    const char *t = lx->t;
    size_t p = lx->p;
    if (io_number(lx))
        lx->in_word = false;
    else
        word_end(lx);
    if (t[p] == '<' && p + 1 < lx->n && t[p + 1] == '(') {
        /* process substitution <(...) is a word */
        size_t e = skip_paren(lx, p + 2, 0);
        word_begin(lx, p);
        expansion(lx, p, e, false, NULL, 0, false);
        seg(lx, p, e, 0);
        lx->p = e;
        return;
    }
    if (t[p] == '<' && p + 2 < lx->n && t[p + 1] == '<' && t[p + 2] == '<') {
        lx->redir = R_TARGET;
        lx->p = p + 3;
        return;
    }
    if (t[p] == '<' && p + 1 < lx->n && t[p + 1] == '<' && !lx->ps) {
        bool tabs = p + 2 < lx->n && t[p + 2] == '-';
        lx->redir = tabs ? R_HEREDOC_TABS : R_HEREDOC;
        lx->p = p + (tabs ? 3 : 2);
        return;
    }
    p++;
    while (p < lx->n && (t[p] == '>' || t[p] == '&' || t[p] == '|'))
        p++;
    lx->p = p;
    /* 2>&1 has its target glued on; a following word is the target */
    lx->redir = R_TARGET;
}

/* ---- broken continuations ---- */

/* The first byte of the next line from `p` (the start of a line) that
 * holds more than blanks and a comment, when that line starts with a flag
 * (-g, --name); else NO_CONT. */
static size_t flag_line(const struct lx *lx, size_t p)
{
    const char *t = lx->t;
    for (;;) {
        while (p < lx->n && is_blank(t[p]))
            p++;
        if (p < lx->n && t[p] == '#')
            while (p < lx->n && t[p] != '\n')
                p++;
        if (p >= lx->n || t[p] != '\n')
            break;
        p++;
    }
    if (p + 1 < lx->n && t[p] == '-' &&
        (t[p + 1] == '-' || (t[p + 1] >= 'a' && t[p + 1] <= 'z') ||
         (t[p + 1] >= 'A' && t[p + 1] <= 'Z')))
        return p;
    return NO_CONT;
}

/* At lx->p, a line break the shell ends the command at, where the author
 * meant to go on: `esc` followed by blanks and the newline, or an empty or
 * comment-only line right after a continued line, when the next line that
 * holds something starts with a flag. Reads on past it as the author
 * meant, records the break on the command, and returns true;
 * otherwise leaves everything as it is. */
static bool broken_cont(struct lx *lx, char esc)
{
    const char *t = lx->t;
    size_t p = lx->p, a = p, b, e, f;
    enum gw_sh_break kind;

    if ((lx->nwords == 0 && !lx->in_word) || lx->nhd || lx->redir != R_NONE)
        return false;
    if (t[p] == esc) {
        e = p + 1;
        while (e < lx->n && is_blank(t[e]))
            e++;
        if (e == p + 1 || e >= lx->n || t[e] != '\n')
            return false;
        kind = GW_SH_BREAK_BLANKS;
        b = e;
        while (b > p + 1 && t[b - 1] == '\r')
            b--;
    } else {
        size_t q = lx->cont_at;
        if (q == NO_CONT || (t[p] == '#' && lx->in_word))
            return false;
        while (q < p && is_blank(t[q]))
            q++;
        if (q != p)
            return false;
        if (t[p] == '#') {
            kind = GW_SH_BREAK_COMMENT;
            e = p;
            while (e < lx->n && t[e] != '\n')
                e++;
            b = e;
            while (b > p && t[b - 1] == '\r')
                b--;
        } else {
            kind = GW_SH_BREAK_EMPTY;
            a = b = lx->cont_at;
            e = p;
        }
        if (e >= lx->n)
            return false;
    }
    f = flag_line(lx, e + 1);
    if (f == NO_CONT)
        return false;
    word_end(lx);
    lx->brks = grow(lx->brks, lx->nbrks, &lx->brkcap, sizeof *lx->brks);
    lx->brks[lx->nbrks].kind = kind;
    lx->brks[lx->nbrks].span = hspan(lx, a, b);
    lx->brks[lx->nbrks++].word = (uint32_t)lx->nwords;
    lx->p = f;
    lx->cont_at = NO_CONT;
    return true;
}

/* ---- the main loops ---- */

static void sep(struct lx *lx, size_t n)
{
    cmd_end(lx);
    lx->p += n;
}

static void split_posix(struct lx *lx)
{
    const char *t = lx->t;
    while (lx->p < lx->n) {
        size_t p = lx->p, e;
        char c = t[p];
        char d = p + 1 < lx->n ? t[p + 1] : '\0';

        if (c == '\\' &&
            (d == '\n' || (d == '\r' && p + 2 < lx->n && t[p + 2] == '\n'))) {
            lx->p += d == '\n' ? 2 : 3;
            lx->cont_at = lx->p;
            continue;
        }
        if ((c == '\\' && is_blank(d)) || c == '#' || c == '\n') {
            if (broken_cont(lx, '\\'))
                continue;
        }
        if (is_blank(c)) {
            word_end(lx);
            lx->p++;
            continue;
        }
        if (c == '\n') {
            sep(lx, 1);
            skip_heredocs(lx);
            continue;
        }
        if (c == '#' && !lx->in_word) {
            while (lx->p < lx->n && t[lx->p] != '\n')
                lx->p++;
            continue;
        }
        if (c == ';' || c == '|') {
            sep(lx, d == c || (c == ';' && d == '&') || (c == '|' && d == '&')
                        ? 2
                        : 1);
            continue;
        }
        if (c == '&') {
            if (d == '>') {
                word_end(lx);
                lx->p++;
                redirection(lx);
            } else {
                sep(lx, d == '&' ? 2 : 1);
            }
            continue;
        }
        if (c == '(') {
            if (lx->in_word && lx->len && lx->text[lx->len - 1] == '=' &&
                lx->wend == p) {
                /* ARR=(a b): an array assignment, one word here */
                e = skip_paren(lx, p + 1, 0);
                expansion(lx, p, e, false, NULL, 0, false);
                seg(lx, p, e, 0);
                lx->p = e;
                continue;
            }
            sep(lx, 1);
            lx->depth++;
            continue;
        }
        if (c == ')') {
            sep(lx, 1);
            if (lx->depth > 0)
                lx->depth--;
            continue;
        }
        if (c == '<' && (e = placeholder_end(lx, p))) {
            placeholder_word(lx, p, e);
            continue;
        }
        if (c == '<' || c == '>') {
            redirection(lx);
            continue;
        }

        word_begin(lx, p);
        if (c == '\'') {
            read_sq(lx);
        } else if (c == '"') {
            read_dq(lx);
        } else if (c == '$') {
            read_dollar(lx, false);
        } else if (c == '`') {
            e = skip_bt(lx, p + 1);
            if (e >= lx->n && t[lx->n - 1] != '`')
                lx->unterminated = true;
            expansion(lx, p, e, false, NULL, 0, false);
            seg(lx, p, e, 0);
            lx->p = e;
        } else if (c == '\\') {
            if (p + 1 < lx->n) {
                put(lx, d, p + 1);
                lx->quoted = true;
                seg(lx, p, p + 2, 0);
                lx->p = p + 2;
            } else {
                lx->p++;
            }
        } else {
            put(lx, c, p);
            seg(lx, p, p + 1, 0);
            lx->p++;
        }
    }
    cmd_end(lx);
}

/* PowerShell --%: the rest of the line goes to the program as it is,
 * split at white space, with "..." grouping and %VAR% expanded. */
static void split_stop_parsing(struct lx *lx)
{
    const char *t = lx->t;
    while (lx->p < lx->n && t[lx->p] != '\n' && t[lx->p] != '|') {
        size_t p = lx->p;
        char c = t[p];
        if (is_blank(c)) {
            word_end(lx);
            lx->p++;
            continue;
        }
        word_begin(lx, p);
        if (c == '"') {
            size_t q = p + 1;
            while (q < lx->n && t[q] != '"' && t[q] != '\n') {
                put(lx, t[q], q);
                q++;
            }
            if (q < lx->n && t[q] == '"')
                q++;
            else
                lx->unterminated = true;
            lx->quoted = true;
            seg(lx, p, q, '"');
            lx->p = q;
        } else if (c == '%') {
            size_t q = p + 1;
            while (q < lx->n && is_name(t[q]))
                q++;
            if (q > p + 1 && q < lx->n && t[q] == '%') {
                expansion(lx, p, q + 1, true, t + p + 1, q - p - 1, false);
                seg(lx, p, q + 1, 0);
                lx->p = q + 1;
            } else {
                put(lx, c, p);
                seg(lx, p, p + 1, 0);
                lx->p++;
            }
        } else {
            put(lx, c, p);
            seg(lx, p, p + 1, 0);
            lx->p++;
        }
    }
    word_end(lx);
    lx->stop_parsing = false;
}

static void split_ps(struct lx *lx)
{
    const char *t = lx->t;
    while (lx->p < lx->n) {
        size_t p = lx->p, e;
        char c = t[p];
        char d = p + 1 < lx->n ? t[p + 1] : '\0';
        bool start = !lx->in_word;

        if (lx->stop_parsing) {
            split_stop_parsing(lx);
            continue;
        }
        if (c == '`' &&
            (d == '\n' || (d == '\r' && p + 2 < lx->n && t[p + 2] == '\n'))) {
            word_end(lx);
            lx->p += d == '\n' ? 2 : 3;
            lx->cont_at = lx->p;
            continue;
        }
        if ((c == '`' && is_blank(d)) || (start && c == '#') || c == '\n') {
            if (broken_cont(lx, '`'))
                continue;
        }
        if (is_blank(c)) {
            word_end(lx);
            if (lx->nwords && lx->words[lx->nwords - 1].len == 3 &&
                memcmp(lx->words[lx->nwords - 1].text, "--%", 3) == 0 &&
                !lx->words[lx->nwords - 1].quoted) {
                lx->nwords--;
                lx->stop_parsing = true;
            }
            lx->p++;
            continue;
        }
        if (c == '\n') {
            sep(lx, 1);
            continue;
        }
        if (start && c == '<' && d == '#') {
            e = p + 2;
            while (e + 1 < lx->n && !(t[e] == '#' && t[e + 1] == '>'))
                e++;
            lx->p = e + 1 < lx->n ? e + 2 : lx->n;
            continue;
        }
        if (start && c == '#') {
            while (lx->p < lx->n && t[lx->p] != '\n')
                lx->p++;
            continue;
        }
        if (c == ';' || c == '|' || c == '&') {
            sep(lx, (c != ';' && d == c) ? 2 : 1);
            continue;
        }
        if (start && (c == '{' || c == '}')) {
            sep(lx, 1);
            if (c == '{')
                lx->depth++;
            else if (lx->depth > 0)
                lx->depth--;
            continue;
        }
        if (c == ')') {
            sep(lx, 1);
            continue;
        }
        if (c == '<' && (e = placeholder_end(lx, p))) {
            placeholder_word(lx, p, e);
            continue;
        }
        if (c == '>' || c == '<') {
            redirection(lx);
            continue;
        }

        word_begin(lx, p);
        if (c == '\'') {
            read_sq_ps(lx);
        } else if (c == '"') {
            read_dq_ps(lx);
        } else if (c == '$') {
            read_dollar_ps(lx, false, start);
        } else if (c == '`') {
            if (p + 1 < lx->n) {
                put(lx, d, p + 1);
                lx->quoted = true;
                seg(lx, p, p + 2, 0);
                lx->p = p + 2;
            } else {
                lx->p++;
            }
        } else if (c == '(' || (c == '@' && start && (d == '(' || d == '{'))) {
            size_t open = c == '(' ? p + 1 : p + 2;
            e = d == '{' ? skip_brace(lx, open, 0) : skip_paren(lx, open, 0);
            if (e >= lx->n && t[lx->n - 1] != ')' && t[lx->n - 1] != '}')
                lx->unterminated = true;
            expansion(lx, p, e, false, NULL, 0, false);
            seg(lx, p, e, 0);
            lx->p = e;
        } else if (c == '@' && start && (d == '"' || d == '\'')) {
            size_t q = p + 2;
            while (q < lx->n && is_blank(t[q]))
                q++;
            if (q < lx->n && t[q] == '\n') {
                read_herestring(lx);
            } else {
                put(lx, c, p);
                seg(lx, p, p + 1, 0);
                lx->p++;
            }
        } else if (c == '@' && start && is_name_start(d)) {
            e = p + 1;
            while (e < lx->n && is_name(t[e]))
                e++;
            expansion(lx, p, e, false, NULL, 0, false);
            seg(lx, p, e, 0);
            lx->p = e;
        } else {
            put(lx, c, p);
            seg(lx, p, p + 1, 0);
            lx->p++;
        }
    }
    cmd_end(lx);
}

void gw_sh_split(struct gw_arena *a, const struct gw_shtext *in,
                 struct gw_shscript *out)
{
    struct lx lx;
    memset(&lx, 0, sizeof lx);
    lx.cont_at = NO_CONT;
    lx.a = a;
    lx.in = in;
    lx.t = in->text;
    lx.n = in->len;
    lx.ps = in->dialect == GW_SH_PWSH;
    if (lx.ps)
        split_ps(&lx);
    else
        split_posix(&lx);
    out->ncmds = lx.ncmds;
    out->cmds = NULL;
    if (lx.ncmds) {
        struct gw_shcmd *c = gw_arena_alloc(a, lx.ncmds * sizeof *c);
        memcpy(c, lx.cmds, lx.ncmds * sizeof *c);
        out->cmds = c;
    }
    gw_xfree(lx.text);
    gw_xfree(lx.off);
    gw_xfree(lx.segs);
    gw_xfree(lx.parts);
    gw_xfree(lx.words);
    gw_xfree(lx.cmds);
    gw_xfree(lx.hd);
    gw_xfree(lx.brks);
}

/* ---- after splitting ---- */

const struct gw_shpart *gw_shword_part_at(const struct gw_shword *w,
                                          uint32_t at)
{
    uint32_t i;
    for (i = 0; i < w->nparts; i++)
        if (at >= w->parts[i].start && at < w->parts[i].end)
            return &w->parts[i];
    return NULL;
}

bool gw_shword_kv(const struct gw_shword *w, struct gw_shkv *kv)
{
    uint32_t i, k;
    const struct gw_shseg *s = NULL;

    memset(kv, 0, sizeof *kv);
    for (i = 0; i < w->len; i++)
        if (w->text[i] == '=' && !gw_shword_part_at(w, i))
            break;
    if (i == w->len)
        return false;
    kv->key = w->text;
    kv->key_len = i;
    kv->value = w->text + i + 1;
    kv->value_len = w->len - i - 1;
    kv->eq = i;
    for (k = 0; k < w->nparts; k++)
        if (w->parts[k].start < i)
            kv->key_dynamic = true;
    if (i == 0) {
        kv->key_span.start = kv->key_span.end = w->off[0];
    } else {
        kv->key_span.start = w->off[0];
        kv->key_span.end = w->off[i - 1] + 1;
    }
    kv->value_span.start = w->off[i] + 1;
    kv->value_span.end = w->span.end;
    /* "key=value" in one pair of quotes: the value ends before the
     * closing quote */
    for (k = 0; k < w->nsegs; k++)
        if (w->segs[k].span.start <= w->off[i] &&
            w->off[i] < w->segs[k].span.end) {
            s = &w->segs[k];
            break;
        }
    if (s && s->quote != 0 && s->quote != '@' && s->span.end == w->span.end &&
        s->span.end > kv->value_span.start && !w->unterminated)
        kv->value_span.end--;
    if (kv->value_span.end < kv->value_span.start)
        kv->value_span.end = kv->value_span.start;
    return true;
}

void gw_sh_quote(struct gw_buf *b, const char *word)
{
    const char *p;
    bool plain = *word != '\0';
    for (p = word; *p && plain; p++)
        plain = is_name(*p) || strchr("@%+=:,./-", *p) != NULL;
    if (plain) {
        gw_buf_puts(b, word);
        return;
    }
    gw_buf_putc(b, '\'');
    for (p = word; *p; p++) {
        if (*p == '\'')
            gw_buf_puts(b, "'\\''");
        else
            gw_buf_putc(b, *p);
    }
    gw_buf_putc(b, '\'');
}

bool gw_shword_has_own_text(const struct gw_shword *w, uint32_t from,
                            uint32_t to)
{
    uint32_t i = from, k;
    if (to > w->len)
        to = w->len;
    if (to - i >= 10 && strncasecmp(w->text + i, "GatewayKey", 10) == 0) {
        i += 10;
        while (i < to && (w->text[i] == ' ' || w->text[i] == '\t'))
            i++;
    }
    for (k = 0; k < w->nparts && i < to; k++) {
        const struct gw_shpart *p = &w->parts[k];
        if (p->end <= i)
            continue;
        if (p->start > i)
            return true; /* text before this expansion */
        i = p->end;
        /* PowerShell $token.value: the member names, not text of its own */
        while (p->member && i + 1 < to && w->text[i] == '.' &&
               (isalpha((unsigned char)w->text[i + 1]) ||
                w->text[i + 1] == '_')) {
            i++;
            while (i < to && (isalnum((unsigned char)w->text[i]) ||
                              w->text[i] == '_'))
                i++;
        }
    }
    return i < to;
}

bool gw_shword_quoted_in(const struct gw_shword *w, struct gw_span sp)
{
    uint32_t i;
    for (i = 0; i < w->nsegs; i++)
        if (w->segs[i].quote && w->segs[i].span.start < sp.end &&
            w->segs[i].span.end > sp.start)
            return true;
    return false;
}
