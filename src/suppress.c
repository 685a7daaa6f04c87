/* Suppressions: finding `gwlint:` directives in comments of each syntax,
 * parsing them, and marking the findings they and the config's `ignore:`
 * entries suppress. */
#include "suppress.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "build.h"
#include "check.h"
#include "glob.h"
#include "mem.h"
#include "ruleset.h"
#include "value.h"

#define DAY 86400

bool gw_supp_is_meta(const struct gw_rule *r)
{
    return r && (r->check == &gw_check_unused_suppression ||
                 r->check == &gw_check_expired_suppression);
}

/* ---- comment syntax ---- */

enum syntax { SYN_NONE, SYN_YAML, SYN_SHELL, SYN_PWSH, SYN_MARKDOWN };

static enum syntax syntax_of(const struct gw_doc *d)
{
    const char *t = d->input_type ? d->input_type : "";
    const char *p = d->src->text + d->src->bom;

    if (strcmp(t, "markdown") == 0)
        return SYN_MARKDOWN;
    if (strcmp(t, "powershell") == 0)
        return SYN_PWSH;
    if (strcmp(t, "shell") == 0)
        return gw_build_ends_with(d->src->path, ".ps1") ? SYN_PWSH : SYN_SHELL;
    if (strcmp(t, "settings-json") == 0 || strcmp(t, "arm") == 0 ||
        strcmp(t, "tfplan") == 0 || strcmp(t, "command") == 0)
        return SYN_NONE;
    /* JSON has no comments; an extension resource may be either. */
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        p++;
    if (*p == '{' || *p == '[')
        return SYN_NONE;
    return SYN_YAML;
}

/* In YAML a quote opens a quoted scalar only where a scalar starts. */
static bool yaml_quote_opens(const char *t, size_t ls, size_t i)
{
    size_t j = i;
    if (i == ls || strchr("[{,", t[i - 1]))
        return true;
    if (t[i - 1] != ' ' && t[i - 1] != '\t')
        return false;
    while (j > ls && (t[j - 1] == ' ' || t[j - 1] == '\t'))
        j--;
    return j == ls || strchr(":-[{,?", t[j - 1]);
}

/* The offset of the '#' that starts a comment on line [ls, le), or -1.
 * Quotes are followed within the line only, so that one misread quote
 * cannot hide the directives of the lines after it. */
static long hash_comment(const char *t, size_t ls, size_t le, enum syntax syn)
{
    char q = 0;
    size_t i;
    for (i = ls; i < le; i++) {
        char c = t[i];
        if (q) {
            if (q == '"' && ((syn != SYN_PWSH && c == '\\') ||
                             (syn == SYN_PWSH && c == '`')))
                i++;
            else if (c == q && q == '\'' && syn != SYN_SHELL && i + 1 < le &&
                     t[i + 1] == '\'')
                i++;
            else if (c == q)
                q = 0;
            continue;
        }
        if (c == '#') {
            if (i == ls || t[i - 1] == ' ' || t[i - 1] == '\t' ||
                (syn != SYN_YAML && strchr(";&|(", t[i - 1])))
                return (long)i;
        } else if ((syn == SYN_SHELL && c == '\\') ||
                   (syn == SYN_PWSH && c == '`')) {
            i++;
        } else if (c == '"' || c == '\'') {
            if (syn != SYN_YAML || yaml_quote_opens(t, ls, i))
                q = c;
        }
    }
    return -1;
}

/* ---- parsing one directive ---- */

struct scan {
    struct gw_supp *s;
    const struct gw_doc *doc;
    const struct gw_ruleset *rs;
    size_t cap;
};

static bool blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static struct gw_span span_of(const struct scan *sc, const char *a,
                              const char *b)
{
    struct gw_span sp;
    sp.start = (uint32_t)(a - sc->doc->src->text);
    sp.end = (uint32_t)(b - sc->doc->src->text);
    return sp;
}

/* A piece of the comment quoted in a message: at most 40 bytes. */
static int cut(size_t n)
{
    return n > 40 ? 40 : (int)n;
}

static bool parse_date(const char *a, size_t n, time_t *out)
{
    int y, m, d;
    size_t i;
    if (n != 10 || a[4] != '-' || a[7] != '-')
        return false;
    for (i = 0; i < n; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)a[i]))
            return false;
    y = (a[0] - '0') * 1000 + (a[1] - '0') * 100 + (a[2] - '0') * 10 +
        (a[3] - '0');
    m = (a[5] - '0') * 10 + (a[6] - '0');
    d = (a[8] - '0') * 10 + (a[9] - '0');
    if (!gw_utc_time(y, m, d, 0, 0, out))
        return false;
    *out += DAY;
    return true;
}

/* Parse the directive at p ("gwlint:...") up to e into `dir`. */
static void parse(struct scan *sc, const char *p, const char *e,
                  struct gw_supp_dir *dir)
{
    struct gw_arena *a = sc->doc->arena;
    const char *q = p + 7, *w, *list;
    size_t cap = 0;
    bool has_reason = false;

    while (e > p && blank(e[-1]))
        e--;
    dir->span = span_of(sc, p, e);
    while (q < e && blank(*q))
        q++;
    for (w = q; q < e && (isalpha((unsigned char)*q) || *q == '-'); q++)
        ;
    if ((size_t)(q - w) == 11 && strncmp(w, "ignore-file", 11) == 0) {
        dir->file = true;
    } else if ((size_t)(q - w) != 6 || strncmp(w, "ignore", 6) != 0) {
        dir->problem = gw_arena_printf(
            a,
            "'%.*s' is not a directive; write 'gwlint: ignore[RULE,...]' or "
            "'gwlint: ignore-file[RULE,...]'",
            cut(q > w ? (size_t)(q - w) : (size_t)(e - w)), w);
        return;
    }
    if (q >= e || *q != '[') {
        dir->problem = gw_arena_printf(
            a,
            "name the rules in brackets, such as '%s[GW203]' (gwlint has "
            "no blanket suppression)",
            dir->file ? "ignore-file" : "ignore");
        return;
    }
    list = ++q;
    while (q < e && *q != ']')
        q++;
    if (q >= e) {
        dir->problem = "'[' is not closed by ']'";
        return;
    }
    /* the names */
    for (w = list; w <= q;) {
        const char *b = w, *t;
        struct gw_supp_name *nm;
        while (b < q && blank(*b))
            b++;
        for (t = b; t < q && *t != ','; t++)
            ;
        w = t + 1;
        while (t > b && blank(t[-1]))
            t--;
        if (t == b) {
            if (w <= q || dir->nnames == 0) {
                dir->problem = "an empty rule name in the brackets";
                return;
            }
            continue;
        }
        if (dir->nnames == cap) {
            struct gw_supp_name *old = dir->names;
            cap = cap ? cap * 2 : 4;
            dir->names = gw_arena_alloc(a, cap * sizeof *dir->names);
            if (old)
                memcpy(dir->names, old, dir->nnames * sizeof *old);
        }
        nm = &dir->names[dir->nnames++];
        nm->name = gw_arena_strndup(a, b, (size_t)(t - b));
        nm->rule = gw_ruleset_find(sc->rs, nm->name);
        nm->span = span_of(sc, b, t);
    }
    /* the attributes */
    for (q++; q < e;) {
        const char *v, *ve;
        while (q < e && blank(*q))
            q++;
        if (q >= e)
            break;
        if ((size_t)(e - q) > 7 && strncmp(q, "reason=", 7) == 0 &&
            !has_reason) {
            v = q + 7;
            if (*v == '"' || *v == '\'') {
                ve = memchr(v + 1, *v, (size_t)(e - v - 1));
                if (!ve) {
                    dir->problem = "the reason's quote is not closed";
                    return;
                }
                dir->sup.reason =
                    gw_arena_strndup(a, v + 1, (size_t)(ve - v - 1));
                q = ve + 1;
            } else {
                for (ve = v; ve < e && !blank(*ve); ve++)
                    ;
                dir->sup.reason = gw_arena_strndup(a, v, (size_t)(ve - v));
                q = ve;
            }
            has_reason = true;
        } else if ((size_t)(e - q) > 6 && strncmp(q, "until=", 6) == 0 &&
                   !dir->until_text) {
            time_t t;
            v = q + 6;
            for (ve = v; ve < e && !blank(*ve); ve++)
                ;
            if (!parse_date(v, (size_t)(ve - v), &t)) {
                dir->problem =
                    gw_arena_printf(a, "until '%.*s' is not a date YYYY-MM-DD",
                                    cut((size_t)(ve - v)), v);
                return;
            }
            dir->until_text = gw_arena_strndup(a, v, (size_t)(ve - v));
            dir->until_span = span_of(sc, q, ve);
            dir->expired = sc->s->now >= t;
            q = ve;
        } else {
            for (ve = q; ve < e && !blank(*ve); ve++)
                ;
            dir->problem = gw_arena_printf(
                a,
                "unexpected '%.*s' after the rules; write reason=\"...\" or "
                "until=YYYY-MM-DD",
                cut((size_t)(ve - q)), q);
            return;
        }
    }
}

static void add_dir(struct scan *sc, const char *p, const char *e,
                    unsigned line, bool alone)
{
    struct gw_supp *s = sc->s;
    struct gw_supp_dir *dir;
    if (s->ndirs == sc->cap) {
        struct gw_supp_dir *old = s->dirs;
        sc->cap = sc->cap ? sc->cap * 2 : 8;
        s->dirs = gw_arena_alloc(sc->doc->arena, sc->cap * sizeof *s->dirs);
        if (old)
            memcpy(s->dirs, old, s->ndirs * sizeof *old);
    }
    dir = &s->dirs[s->ndirs++];
    memset(dir, 0, sizeof *dir);
    dir->line = alone ? line + 1 : line;
    parse(sc, p, e, dir);
}

/* The directive in comment text [p, e): at its start, or after a later
 * '#' of the same comment ("# note # gwlint: ..."). */
static const char *find_directive(const char *p, const char *e)
{
    for (;;) {
        while (p < e && (*p == ' ' || *p == '\t'))
            p++;
        if ((size_t)(e - p) >= 7 && strncmp(p, "gwlint:", 7) == 0)
            return p;
        p = memchr(p, '#', (size_t)(e - p));
        if (!p)
            return NULL;
        p++;
    }
}

static bool only_blank(const char *a, const char *b)
{
    for (; a < b; a++)
        if (!blank(*a))
            return false;
    return true;
}

static void scan_hash(struct scan *sc, size_t ls, size_t le, unsigned line,
                      enum syntax syn)
{
    const char *t = sc->doc->src->text;
    long h = hash_comment(t, ls, le, syn);
    const char *d;
    if (h < 0)
        return;
    d = find_directive(t + h + 1, t + le);
    if (d)
        add_dir(sc, d, t + le, line, only_blank(t + ls, t + h));
}

static void scan_html(struct scan *sc, size_t ls, size_t le, unsigned line)
{
    const char *t = sc->doc->src->text, *p = t + ls, *e = t + le, *o, *c, *d;
    while (p < e && (o = memchr(p, '<', (size_t)(e - p)))) {
        if ((size_t)(e - o) < 4 || strncmp(o, "<!--", 4) != 0) {
            p = o + 1;
            continue;
        }
        for (c = o + 4; c + 3 <= e && strncmp(c, "-->", 3) != 0; c++)
            ;
        if (c + 3 > e)
            c = e;
        d = o + 4;
        while (d < c && blank(*d))
            d++;
        if ((size_t)(c - d) >= 7 && strncmp(d, "gwlint:", 7) == 0)
            add_dir(sc, d, c, line, only_blank(t + ls, o));
        p = c < e ? c + 3 : e;
    }
}

/* A Markdown fence: ``` or ~~~ (3 or more), indented at most 3 spaces;
 * *after is the offset after the run. */
static size_t fence(const char *t, size_t ls, size_t le, char *ch,
                    size_t *after)
{
    size_t i = ls, n = 0;
    while (i < le && i - ls < 3 && t[i] == ' ')
        i++;
    if (i >= le || (t[i] != '`' && t[i] != '~'))
        return 0;
    *ch = t[i];
    while (i + n < le && t[i + n] == *ch)
        n++;
    *after = i + n;
    return n >= 3 ? n : 0;
}

static bool pwsh_info(const char *t, size_t i, size_t le)
{
    static const char *const tags[] = {"powershell", "azurepowershell", "pwsh",
                                       "ps1", NULL};
    const char *const *g;
    while (i < le && blank(t[i]))
        i++;
    for (g = tags; *g; g++)
        if (le - i >= strlen(*g) && strncasecmp(t + i, *g, strlen(*g)) == 0)
            return true;
    return false;
}

/* Whether "gwlint:" occurs at all: most files have no directive. */
static bool mentions(const struct gw_source *src)
{
    const char *p = src->text, *e = src->text + src->len;
    while ((p = memchr(p, 'g', (size_t)(e - p))) != NULL) {
        if ((size_t)(e - p) >= 7 && strncmp(p, "gwlint:", 7) == 0)
            return true;
        p++;
    }
    return false;
}

static void scan(struct scan *sc)
{
    const struct gw_source *src = sc->doc->src;
    const char *t = src->text;
    enum syntax syn = syntax_of(sc->doc), in = SYN_SHELL;
    size_t l, open_n = 0;
    char open_ch = 0;

    if (syn == SYN_NONE || !mentions(src))
        return;
    for (l = 0; l < src->nlines; l++) {
        size_t ls = src->lines[l];
        size_t le = l + 1 < src->nlines ? src->lines[l + 1] : src->len;
        size_t n, after = 0;
        char ch = 0;
        while (le > ls && (t[le - 1] == '\n' || t[le - 1] == '\r'))
            le--;
        if (syn != SYN_MARKDOWN) {
            scan_hash(sc, ls, le, (unsigned)l + 1, syn);
            continue;
        }
        n = fence(t, ls, le, &ch, &after);
        if (n && !open_n) {
            open_n = n;
            open_ch = ch;
            in = pwsh_info(t, after, le) ? SYN_PWSH : SYN_SHELL;
        } else if (n && ch == open_ch && n >= open_n &&
                   only_blank(t + after, t + le)) {
            open_n = 0;
        } else if (open_n) {
            scan_hash(sc, ls, le, (unsigned)l + 1, in);
        } else {
            scan_html(sc, ls, le, (unsigned)l + 1);
        }
    }
}

/* ---- applying ---- */

void gw_supp_init(struct gw_supp *s, const struct gw_doc *doc,
                  const struct gw_ruleset *rs, time_t now,
                  const struct gw_ignore *ig, size_t n, const char *relpath)
{
    struct scan sc;
    size_t i;

    memset(s, 0, sizeof *s);
    s->src = doc->src;
    s->now = now;
    s->ignores = ig;
    s->nignores = n;
    if (n) {
        s->ignore_matches = gw_arena_alloc(doc->arena, n * sizeof(bool));
        s->ignore_used = gw_arena_alloc(doc->arena, n * sizeof(bool));
        for (i = 0; i < n && relpath; i++)
            s->ignore_matches[i] = gw_glob_match(ig[i].glob, relpath);
    }
    sc.s = s;
    sc.doc = doc;
    sc.rs = rs;
    sc.cap = 0;
    scan(&sc);
}

void gw_supp_init_config(struct gw_supp *s, const struct gw_source *src,
                         time_t now, const struct gw_ignore *ig, size_t n,
                         bool *used)
{
    memset(s, 0, sizeof *s);
    s->src = src;
    s->now = now;
    s->ignores = ig;
    s->nignores = n;
    s->ignore_used = used;
}

static bool ignore_expired(const struct gw_supp *s, const struct gw_ignore *g)
{
    return g->has_until && s->now >= g->until;
}

void gw_supp_apply(struct gw_supp *s, struct gw_diag_list *l, size_t from)
{
    size_t i, k, m;
    for (i = from; i < l->n; i++) {
        struct gw_diag *d = &l->items[i];
        unsigned line = 0, col;
        if (d->src != s->src)
            continue;
        for (k = 0; k < s->ndirs; k++) {
            struct gw_supp_dir *dir = &s->dirs[k];
            if (dir->problem || dir->expired)
                continue;
            if (!dir->file) {
                if (!line)
                    gw_source_line_col(s->src, d->span.start, &line, &col);
                if (dir->line != line)
                    continue;
            }
            for (m = 0; m < dir->nnames; m++)
                if (dir->names[m].rule == d->rule) {
                    dir->names[m].used = true;
                    if (!d->suppressed)
                        d->suppressed = &dir->sup;
                }
        }
        for (k = 0; k < s->nignores; k++) {
            const struct gw_ignore *g = &s->ignores[k];
            if (!s->ignore_matches[k] || g->rule != d->rule ||
                ignore_expired(s, g) ||
                (g->key && (!d->key || strcmp(g->key, d->key) != 0)))
                continue;
            s->ignore_used[k] = true;
            if (!d->suppressed)
                d->suppressed = &g->sup;
        }
    }
}
