/* Commands: `az k8s-extension create|update` for the gateway, found in
 * shell text and made documents (settings with protection and spans, flags
 * as facts); and the input kinds `command` and `shell` (SPEC §3, §3.1). */
#include "build_command.h"

#include <stdarg.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "build.h"
#include "catalog.h"
#include "cmdflag.h"
#include "mem.h"
#include "ruleset.h"
#include "value.h"

#define GATEWAY_TYPE "Microsoft.ApiManagement.Gateway"

struct piece {
    struct gw_shtext in;
    unsigned scope;
    struct gw_shscript sh;
};

/* One assignment of a shell variable in the scanned text. */
struct var {
    const char *name;
    unsigned scope;
    uint32_t at;  /* host offset of the assignment */
    bool literal; /* the value is all literal text */
    bool ifs;     /* its literal text holds white space */
    const char *value;
    size_t len;
    struct gw_span span; /* the value as written */
    bool quoted;
};

struct gw_cmdscan {
    struct gw_doc *d;
    const struct gw_ruleset *rs;
    struct piece *pieces;
    size_t npieces, pcap;
    struct var *vars;
    size_t nvars, vcap;
    const char **names; /* --name of each gateway `create` */
    size_t nnames, ncap;
    struct gw_doc **docs;
    size_t ndocs, dcap;
};

/* Grow an arena array of `size`-byte items to hold one more. */
static void *agrow(struct gw_arena *a, void *items, size_t n, size_t *cap,
                   size_t size)
{
    void *p;
    if (n < *cap)
        return items;
    *cap = *cap ? *cap * 2 : 8;
    p = gw_arena_alloc(a, *cap * size);
    if (n)
        memcpy(p, items, n * size);
    return p;
}

struct gw_cmdscan *gw_cmdscan_new(struct gw_doc *d, const struct gw_ruleset *rs)
{
    struct gw_cmdscan *s = gw_arena_alloc(d->arena, sizeof *s);
    s->d = d;
    s->rs = rs;
    return s;
}

void gw_cmdscan_add(struct gw_cmdscan *s, const struct gw_shtext *in,
                    unsigned scope)
{
    struct piece *p;
    s->pieces =
        agrow(s->d->arena, s->pieces, s->npieces, &s->pcap, sizeof *s->pieces);
    p = &s->pieces[s->npieces++];
    p->in = *in;
    p->scope = scope;
    p->sh.cmds = NULL;
    p->sh.ncmds = 0;
}

/* ---- words ---- */

static bool is_ident(const char *s, size_t n)
{
    size_t i;
    if (n == 0 || !((s[0] >= 'A' && s[0] <= 'Z') ||
                    (s[0] >= 'a' && s[0] <= 'z') || s[0] == '_'))
        return false;
    for (i = 1; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
              (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
            return false;
    return true;
}

/* A word that is exactly the literal `s`. */
static bool lit(const struct gw_shword *w, const char *s)
{
    return w->nparts == 0 && w->len == strlen(s) &&
           memcmp(w->text, s, w->len) == 0;
}

/* A flag-looking word: a literal '-' and more, not a negative number. */
static bool flag_like(const struct gw_shword *w)
{
    return w->len >= 2 && w->text[0] == '-' && !gw_shword_part_at(w, 0) &&
           !(w->text[1] >= '0' && w->text[1] <= '9');
}

/* The host span of decoded bytes [b, e) of `w`. */
static struct gw_span dspan(const struct gw_shword *w, uint32_t b, uint32_t e)
{
    struct gw_span sp;
    if (b >= w->len) {
        sp.start = sp.end = w->span.end;
        return sp;
    }
    sp.start = w->off[b];
    sp.end = e > b ? w->off[e - 1] + 1 : sp.start;
    if (sp.end < sp.start)
        sp.end = sp.start;
    return sp;
}

static bool has_ifs(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')
            return true;
    return false;
}

/* ---- variables ---- */

static void note_var(struct gw_cmdscan *s, const struct piece *pc,
                     const char *name, size_t nlen, const struct gw_shword *w,
                     uint32_t from, struct gw_span span)
{
    struct var *v;
    uint32_t i;
    s->vars = agrow(s->d->arena, s->vars, s->nvars, &s->vcap, sizeof *s->vars);
    v = &s->vars[s->nvars++];
    memset(v, 0, sizeof *v);
    v->name = gw_arena_strndup(s->d->arena, name, nlen);
    v->scope = pc->scope;
    v->at = w ? w->span.start : 0;
    if (!w)
        return; /* read, for: a value from elsewhere */
    v->literal = true;
    for (i = 0; i < w->nparts; i++)
        if (w->parts[i].end > from)
            v->literal = false;
    for (i = from; i < w->len; i++)
        if ((w->text[i] == ' ' || w->text[i] == '\t' || w->text[i] == '\n') &&
            !gw_shword_part_at(w, i))
            v->ifs = true;
    v->value = w->text + from;
    v->len = w->len - from;
    v->span = span;
    v->quoted = gw_shword_quoted_in(w, span);
}

/* POSIX NAME=value with a bare, literal name. */
static bool posix_assignment(const struct gw_shword *w, struct gw_shkv *kv)
{
    return gw_shword_kv(w, kv) && !kv->key_dynamic &&
           is_ident(kv->key, kv->key_len) && w->nsegs > 0 &&
           w->segs[0].quote == 0 && w->segs[0].span.end > w->off[kv->eq];
}

static void collect_vars(struct gw_cmdscan *s, const struct piece *pc)
{
    bool ps = pc->in.dialect == GW_SH_PWSH;
    size_t c;
    for (c = 0; c < pc->sh.ncmds; c++) {
        const struct gw_shcmd *cmd = &pc->sh.cmds[c];
        const struct gw_shword *w = cmd->words;
        uint32_t n = cmd->nwords, k = 0;
        struct gw_shkv kv;
        if (ps) {
            const struct gw_shpart *p0 = w[0].nparts ? &w[0].parts[0] : NULL;
            if (!p0 || p0->start != 0 || !p0->var)
                continue;
            if (p0->end == w[0].len && n >= 2 && lit(&w[1], "=")) {
                if (n == 3)
                    note_var(s, pc, p0->var, strlen(p0->var), &w[2], 0,
                             w[2].span);
                else
                    note_var(s, pc, p0->var, strlen(p0->var), NULL, 0,
                             w[0].span);
            } else if (p0->end == w[0].len && n >= 2 && w[1].len == 2 &&
                       w[1].text[1] == '=') {
                note_var(s, pc, p0->var, strlen(p0->var), NULL, 0,
                         w[0].span); /* += -= ... */
            } else if (p0->end < w[0].len && w[0].text[p0->end] == '=') {
                struct gw_span sp = dspan(&w[0], p0->end + 1, w[0].len);
                note_var(s, pc, p0->var, strlen(p0->var), n == 1 ? &w[0] : NULL,
                         p0->end + 1, sp);
            }
            continue;
        }
        while (k < n && posix_assignment(&w[k], &kv))
            k++;
        if (k == n) {
            for (k = 0; k < n; k++) {
                posix_assignment(&w[k], &kv);
                note_var(s, pc, kv.key, kv.key_len, &w[k], kv.eq + 1,
                         kv.value_span);
            }
            continue;
        }
        if (lit(&w[k], "export") || lit(&w[k], "readonly") ||
            lit(&w[k], "local") || lit(&w[k], "declare") ||
            lit(&w[k], "typeset")) {
            for (k++; k < n; k++)
                if (posix_assignment(&w[k], &kv))
                    note_var(s, pc, kv.key, kv.key_len, &w[k], kv.eq + 1,
                             kv.value_span);
        } else if (lit(&w[k], "read")) {
            for (k++; k < n; k++)
                if (!flag_like(&w[k]) && is_ident(w[k].text, w[k].len))
                    note_var(s, pc, w[k].text, w[k].len, NULL, 0, w[k].span);
        } else if (lit(&w[k], "for") && k + 1 < n &&
                   is_ident(w[k + 1].text, w[k + 1].len)) {
            note_var(s, pc, w[k + 1].text, w[k + 1].len, NULL, 0,
                     w[k + 1].span);
        }
    }
}

/* The assignment of `name` in the scope that a use at `at` sees: the last
 * one before it, as the text reads (a how-to is read top to bottom; in a
 * script a branch may be taken or not, so this "may" resolve). NULL when
 * there is none. */
static const struct var *lookup(const struct gw_cmdscan *s, unsigned scope,
                                const char *name, uint32_t at, bool ps)
{
    const struct var *found = NULL;
    size_t i;
    for (i = 0; i < s->nvars; i++) {
        const struct var *v = &s->vars[i];
        if (v->scope == scope && v->at < at &&
            (ps ? strcasecmp(v->name, name) : strcmp(v->name, name)) == 0 &&
            (!found || v->at > found->at))
            found = v;
    }
    return found;
}

/* ---- values ---- */

struct val {
    const char *text;
    size_t len;
    struct gw_span span;
    bool dynamic, quoted;
    const struct gw_shpart *split; /* unquoted; its value holds a space */
    const struct var *split_var;
    const struct gw_shpart *maysplit; /* unquoted, content unknown */
    const struct gw_shpart *member;   /* PowerShell $x.y */
    bool squoted; /* a variable in single quotes: passed as its name */
};

struct cmd {
    struct gw_cmdscan *s;
    const struct piece *pc;
    const struct gw_shword *w;
    uint32_t n;
    bool ps, create;
    struct gw_doc *d;
    bool has_file[2], has_inline[2];
    bool gateway_key;
    const char *name;
    const char *prog; /* "az", or "helm" for a helm command */
};

/* PowerShell "$x.y": only $x expands. A trap when ".y" reads as member
 * access ($token.value), not when the text goes on as a host name
 * ($apim.configuration.azure-api.net, $name.contoso.com). */
static bool member_trap(const struct gw_shword *w, const struct gw_shpart *p)
{
    static const char *const tlds[] = {"net", "com",   "org",      "io", "us",
                                       "cn",  "local", "internal", NULL};
    const char *t = w->text;
    uint32_t i = p->end, last = p->end;
    const char *const *tld;
    if (i < w->len && t[i] == '[')
        return true;
    while (i < w->len && t[i] == '.') {
        last = ++i;
        while (i < w->len &&
               ((t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= 'a' && t[i] <= 'z') ||
                (t[i] >= '0' && t[i] <= '9') || t[i] == '_'))
            i++;
        if (i == last)
            return false;
    }
    if (i != w->len || last == p->end)
        return false;
    for (tld = tlds; *tld; tld++)
        if (i - last == strlen(*tld) &&
            strncasecmp(t + last, *tld, i - last) == 0)
            return false;
    return true;
}

static bool squoted_var(struct cmd *c, const struct gw_shword *w,
                        uint32_t from);

/* The value of `w` from decoded offset `from`, with variables assigned
 * literally earlier in the script resolved. */
static void resolve(struct cmd *c, const struct gw_shword *w, uint32_t from,
                    struct gw_span span, struct val *v)
{
    struct gw_buf b;
    uint32_t i = from, k;
    const struct gw_shpart *only = NULL;
    const struct var *only_var = NULL;
    unsigned nparts = 0;

    memset(v, 0, sizeof *v);
    gw_buf_init(&b, 0);
    for (k = 0; k < w->nparts; k++) {
        const struct gw_shpart *p = &w->parts[k];
        const struct var *var;
        if (p->start < from)
            continue;
        nparts++;
        gw_buf_add(&b, w->text + i, p->start - i);
        var = p->var ? lookup(c->s, c->pc->scope, p->var, w->span.start, c->ps)
                     : NULL;
        if (var && var->literal && !p->member) {
            gw_buf_add(&b, var->value, var->len);
            if (!p->quoted && !c->ps && has_ifs(var->value, var->len)) {
                v->split = p;
                v->split_var = var;
            }
        } else {
            gw_buf_add(&b, w->text + p->start, p->end - p->start);
            v->dynamic = true;
            if (!p->quoted && !c->ps) {
                if (var && var->ifs) {
                    v->split = p;
                    v->split_var = var;
                } else if (!v->maysplit) {
                    v->maysplit = p;
                }
            }
            var = NULL;
        }
        if (p->member && !v->member && member_trap(w, p))
            v->member = p;
        if (p->start == from && p->end == w->len) {
            only = p;
            only_var = var;
        }
        i = p->end;
    }
    gw_buf_add(&b, w->text + i, w->len - i);
    v->len = b.len;
    v->text = gw_arena_strndup(c->d->arena, gw_buf_str(&b), b.len);
    gw_buf_release(&b);
    v->span = span;
    v->quoted = gw_shword_quoted_in(w, span);
    if (squoted_var(c, w, from))
        v->squoted = v->dynamic = true;
    if (nparts == 1 && only && only_var) {
        /* the value is one variable: check the assigned text in place */
        v->span = only_var->span;
        v->quoted = only_var->quoted;
    }
}

/* ---- facts and issues ---- */

static void add_fact(struct cmd *c, const char *name, struct gw_span nsp,
                     const struct val *v, struct gw_span vsp)
{
    struct gw_fact f;
    memset(&f, 0, sizeof f);
    f.name = name;
    f.name_span = nsp;
    if (v) {
        f.value = v->text;
        f.value_span = v->span;
        f.dynamic = v->dynamic;
    } else {
        f.value_span = vsp;
    }
    gw_doc_add_fact(c->d, &f);
}

static void issue(struct cmd *c, const char *rule, struct gw_span sp,
                  const char *key, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static void issue(struct cmd *c, const char *rule, struct gw_span sp,
                  const char *key, const char *fmt, ...)
{
    va_list ap;
    const char *msg;
    va_start(ap, fmt);
    msg = gw_arena_vprintf(c->d->arena, fmt, ap);
    va_end(ap);
    gw_doc_add_issue(c->d, rule, sp, key, msg);
}

/* The word as it would read in double quotes, for "quote it" advice: its
 * expansions as they are, and '"', '\\' and '`' escaped (PowerShell: '"'
 * and '`' with a backtick), which double quotes would otherwise read. */
static const char *as_quoted(struct cmd *c, const struct gw_shword *w)
{
    struct gw_buf b;
    const char *r;
    uint32_t i;
    gw_buf_init(&b, 0);
    gw_buf_putc(&b, '"');
    for (i = 0; i < w->len; i++) {
        char ch = w->text[i];
        if (ch == '"' || ch == '`' || (ch == '\\' && !c->ps))
            gw_buf_putc(&b, c->ps ? '`' : '\\');
        gw_buf_putc(&b, ch);
    }
    gw_buf_putc(&b, '"');
    r = gw_arena_strndup(c->d->arena, gw_buf_str(&b), b.len);
    gw_buf_release(&b);
    return r;
}

/* The length of the variable reference at t[i], if any (PowerShell's
 * $env:NAME in PowerShell only). */
static uint32_t var_ref_len(const char *t, uint32_t i, uint32_t n, bool ps)
{
    return (uint32_t)gw_var_ref_len(t + i, n - i, ps);
}

/* The single-quoted segment of `w` that holds host offset `at`, or NULL. */
static const struct gw_shseg *squote_seg(const struct gw_shword *w,
                                         uint32_t at)
{
    uint32_t k;
    for (k = 0; k < w->nsegs; k++)
        if (w->segs[k].quote == '\'' && w->segs[k].span.start < at &&
            at < w->segs[k].span.end)
            return &w->segs[k];
    return NULL;
}

/* GW814: a variable in single quotes from decoded offset `from` on. The
 * shell (POSIX or PowerShell) expands nothing there, so the program gets
 * the variable's name. Reports the first such variable of the word; its
 * fix turns the single quotes into double quotes when nothing else in
 * them would change meaning (no '"', '\\', '`', and every '$' a variable
 * the author wants expanded) and nothing in them can be a secret (no '&',
 * no "GatewayKey", nothing but variables after a secret key's '='); the
 * advice then quotes the word only under the same condition. Returns
 * whether there was one. */
static bool squoted_var(struct cmd *c, const struct gw_shword *w,
                        uint32_t from)
{
    const struct gw_shseg *seg = NULL;
    const char *t = c->d->src->text;
    struct gw_span at, in;
    uint32_t i, len = 0, j, l;
    bool fixable, secretish;

    for (i = from; i < w->len; i++) {
        if (w->text[i] != '$' || !(len = var_ref_len(w->text, i, w->len,
                                                      c->ps)))
            continue;
        if ((seg = squote_seg(w, w->off[i])) != NULL)
            break;
    }
    if (!seg)
        return false;
    at.start = w->off[i];
    at.end = w->off[i + len - 1] + 1;
    in.start = seg->span.start + 1;
    in.end = seg->span.end - 1;
    secretish = memchr(w->text, '&', w->len) != NULL;
    for (j = 0; !secretish && j + 10 <= w->len; j++)
        secretish = strncasecmp(w->text + j, "GatewayKey", 10) == 0;
    /* key=value of a secret key: only variables after the '=' may be
     * copied into the advice and the fix */
    if (!secretish && from > 0 && w->text[from - 1] == '=' &&
        gw_build_key_is_secret(c->s->rs, gw_arena_strndup(c->d->arena,
                                                          w->text, from - 1)))
        for (j = from; j < w->len && !secretish; j += l ? l : 1) {
            l = w->text[j] == '$' ? var_ref_len(w->text, j, w->len, c->ps)
                                  : 0;
            secretish = l == 0;
        }
    fixable = !secretish && !c->pc->in.host_quoted && in.end > in.start &&
              t[seg->span.start] == '\'' && t[in.end] == '\'';
    for (j = in.start; fixable && j < in.end; j++) {
        if (t[j] == '"' || t[j] == '\\' || t[j] == '`' || t[j] == '\'')
            fixable = false;
        else if (t[j] == '$') {
            l = var_ref_len(t, j, in.end, c->ps);
            if (!l)
                fixable = false;
            else
                j += l - 1;
        }
    }
    issue(c, "GW814", at, NULL,
          "'%.*s' is in single quotes, where the shell expands no "
          "variables, so %s gets the text '%.*s' instead of the variable's "
          "value; use double quotes%s%s",
          (int)len, w->text + i, c->prog ? c->prog : "az", (int)len,
          w->text + i, secretish ? "" : ": ",
          secretish ? "" : as_quoted(c, w));
    if (fixable) {
        char *q = gw_arena_printf(c->d->arena, "\"%.*s\"",
                                  (int)(in.end - in.start), t + in.start);
        gw_doc_issue_fix(c->d, seg->span, q, "use double quotes");
    }
    return true;
}

static const char *part_text(struct cmd *c, const struct gw_shword *w,
                             const struct gw_shpart *p)
{
    return gw_arena_strndup(c->d->arena, w->text + p->start, p->end - p->start);
}

static bool key_is_token(const struct cmd *c, const char *key)
{
    const struct gw_catalog *cat = gw_ruleset_catalog(c->s->rs, "arc");
    const struct gw_keydef *k = cat ? gw_catalog_find(cat, key) : NULL;
    return (k && k->type == GW_KT_TOKEN) ||
           strcmp(key, "gateway.authKey") == 0 ||
           strcmp(key, "gateway.auth.key") == 0;
}

/* The quoting findings of a setting's value (GW808, GW809). */
static void quoting_issues(struct cmd *c, const struct gw_shword *w,
                           const char *key, const struct val *v)
{
    struct gw_span sp;
    if (v->split) {
        const struct gw_shpart *p = v->split;
        unsigned line, col;
        const char *first = "";
        size_t i = 0;
        gw_source_line_col(c->d->src, v->split_var->span.start, &line, &col);
        if (v->split_var->literal) {
            while (i < v->split_var->len &&
                   !has_ifs(v->split_var->value + i, 1))
                i++;
            if (i <= 20 && (!gw_build_key_is_secret(c->s->rs, key) ||
                            (i == 10 && memcmp(v->split_var->value,
                                               "GatewayKey", 10) == 0)))
                first = gw_arena_printf(c->d->arena,
                                        ": az gets '%s=%.*s' and the rest "
                                        "as words of its own",
                                        key, (int)i, v->split_var->value);
        }
        sp = dspan(w, p->start, p->end);
        issue(c, "GW808", sp, key,
              "'%s' takes %s unquoted, and %s holds white space (assigned "
              "at line %u), so the shell splits the setting into several "
              "words%s, which az rejects without an '=' or stores as bogus "
              "keys; quote the whole setting: %s",
              key, part_text(c, w, p), part_text(c, w, p), line, first,
              as_quoted(c, w));
        return;
    }
    if (v->member) {
        const struct gw_shpart *p = v->member;
        sp = dspan(w, p->start, p->end);
        issue(c, "GW809", sp, key,
              "'%s': in '%.*s' PowerShell expands only %s and passes what "
              "follows it as literal text; write the member access as a "
              "subexpression, \"%.*s$(%s%s)\"",
              key, (int)w->len, w->text, part_text(c, w, p), (int)p->start,
              w->text, part_text(c, w, p),
              gw_arena_strndup(c->d->arena, w->text + p->end,
                               strcspn(w->text + p->end, " \"'")));
        return;
    }
    if (v->maysplit) {
        const struct gw_shpart *p = v->maysplit;
        sp = dspan(w, p->start, p->end);
        issue(c, "GW809", sp, key,
              "'%s' takes %s unquoted, so the shell splits its value at "
              "white space and expands wildcards in it%s; quote the whole "
              "setting: %s",
              key, part_text(c, w, p),
              key_is_token(c, key) ? " (a gateway token always holds a "
                                     "space, after 'GatewayKey')"
                                   : "",
              as_quoted(c, w));
    }
}

/* ---- one command ---- */

/* The setting word before, for advice on a word without '='. */
struct prev {
    const char *key;
    bool cut_token; /* a token key whose value is just "GatewayKey" */
};

/* Whether word w is the escape character and white space at the end of a
 * line, where a continuation was meant: the shell passes a word of blanks
 * and ends the command at the newline. */
static bool trailing_escape(const struct cmd *c, const struct gw_shword *w)
{
    const char *t = c->d->src->text;
    size_t n = c->d->src->len, p = w->span.start, e = w->span.end;
    if (e <= p + 1 || e > n || t[p] != (c->ps ? '`' : '\\'))
        return false;
    for (p++; p < e; p++)
        if (t[p] != ' ' && t[p] != '\t')
            return false;
    while (e < n && (t[e] == '\r' || t[e] == ' ' || t[e] == '\t'))
        e++;
    return e >= n || t[e] == '\n';
}

static void add_setting(struct cmd *c, const struct gw_shword *w,
                        const struct gw_flag *f, const char *flag,
                        struct prev *prev)
{
    struct gw_shkv kv;
    struct gw_setting st, *stored;
    struct val v;
    const char *key;
    bool bare = w->nsegs == 1 && w->segs[0].quote == 0 && !w->quoted;

    if (!gw_shword_kv(w, &kv)) {
        bool secretish = memchr(w->text, '&', w->len) || w->len > 40;
        bool expansion = w->nparts == 1 && w->parts[0].start == 0 &&
                         w->parts[0].end == w->len;
        if (prev->cut_token) {
            /* gateway.auth.token=GatewayKey <rest>: the token's space was
             * not quoted */
            issue(c, "GW808", w->span, prev->key,
                  "'%s=GatewayKey' is cut at the space after 'GatewayKey', "
                  "so the rest of the token is a word of its own and az "
                  "stops with 'usage error'; quote the whole setting: "
                  "\"%s=GatewayKey %.*s\"",
                  prev->key, prev->key, expansion ? (int)w->len : 3,
                  expansion ? w->text : "...");
            prev->cut_token = false;
            return;
        }
        if (expansion) {
            /* "$SETTINGS": pairs from elsewhere; only the quoting shows */
            if (w->splits)
                issue(c, "GW809", w->span, NULL,
                      "%.*s after %s is unquoted, so the shell splits it "
                      "into words at white space and expands wildcards; "
                      "if it holds several key=value pairs on purpose, "
                      "pass them as separate quoted words instead",
                      (int)w->len, w->text, flag);
            return;
        }
        if (trailing_escape(c, w)) {
            issue(c, "GW808", w->span, NULL,
                  "'%s' and white space at the end of the line is not a "
                  "line continuation: it escapes a space, so az gets a "
                  "one-space word after %s and stops with 'usage error'; "
                  "delete the white space after '%s'",
                  c->ps ? "`" : "\\", flag, c->ps ? "`" : "\\");
            return;
        }
        /* a long word or one with '&' may be a piece of a token: never
         * echo it, not even in the excerpt */
        if (secretish)
            gw_doc_add_secret(c->d, w->span);
        issue(c, "GW808", w->span, NULL,
              "%s%.*s%s after %s is not a key=value pair, so az stops with "
              "'usage error: %s configuration_%ssetting_key="
              "configuration_%ssetting_value'%s",
              secretish ? "a word" : "'", secretish ? 0 : (int)w->len, w->text,
              secretish ? "" : "'", flag, flag,
              f->prot == GW_PROT_PROTECTED ? "protected_" : "",
              f->prot == GW_PROT_PROTECTED ? "protected_" : "",
              w->len > 1 && w->text[w->len - 1] == ':'
                  ? "; write key=value, not YAML's 'key: value'"
                  : "");
        return;
    }
    prev->cut_token = false;
    if (memchr(kv.key, '&', kv.key_len) ||
        (kv.key_len >= 24 && !memchr(kv.key, '.', kv.key_len))) {
        /* a token's signature with its '=' padding, cut off an unquoted
         * value: az would store it as a key; never echo it */
        gw_doc_add_secret(c->d, w->span);
        issue(c, "GW808", w->span, NULL,
              "a word after %s looks like a piece of a token or key, not a "
              "setting, and az would store it as a setting of that name; if "
              "it belongs to the value before it, quote the whole setting",
              flag);
        return;
    }
    if (kv.key_len == 0) {
        issue(c, "GW808", w->span, NULL,
              "a word after %s has an empty key before its '='; write "
              "key=value",
              flag);
        return;
    }
    if (kv.key_dynamic) {
        if (w->splits)
            issue(c, "GW809", kv.key_span, NULL,
                  "the key of '%.*s' comes from an unquoted expansion, which "
                  "the shell splits at white space; quote the whole "
                  "setting: %s",
                  (int)w->len, w->text, as_quoted(c, w));
        return;
    }
    key = gw_arena_strndup(c->d->arena, kv.key, kv.key_len);
    resolve(c, w, kv.eq + 1, kv.value_span, &v);
    prev->key = key;
    prev->cut_token = bare && !v.dynamic && v.len == 10 &&
                      memcmp(v.text, "GatewayKey", 10) == 0 &&
                      key_is_token(c, key);
    memset(&st, 0, sizeof st);
    st.key = key;
    st.value = v.text;
    st.value_len = v.len;
    st.vkind = GW_VAL_STRING;
    st.prot = f->prot;
    st.dynamic = v.dynamic;
    st.quoted = v.quoted;
    st.key_span = kv.key_span;
    st.value_span = v.span;
    st.group = f->prot == GW_PROT_PROTECTED ? 1 : 0;
    st.origin = flag;
    stored = gw_doc_add_setting(c->d, &st);
    /* the prefix alone ("GatewayKey", the token cut at its space) hides
     * nothing; nor does a value of expansions alone, which names a secret
     * held elsewhere (text beside them, or in single quotes, may be one) */
    if ((!v.dynamic || gw_shword_has_own_text(w, kv.eq + 1, w->len)) &&
        !prev->cut_token &&
        (gw_build_key_is_secret(c->s->rs, key) ||
         strncmp(v.text, "GatewayKey ", 11) == 0))
        gw_build_mark_secret(c->d, stored);
    if (strncmp(key, "gateway.", 8) == 0)
        c->gateway_key = true;
    quoting_issues(c, w, key, &v);
}

/* Where the command's own words start: after assignments and reserved
 * words (then az ..., do az ..., { az ...). */
static uint32_t command_start(const struct gw_shcmd *cmd, bool ps)
{
    static const char *const reserved[] = {
        "if", "then", "else", "elif", "do",      "while", "until",
        "!",  "{",    "time", "exec", "command", NULL};
    uint32_t k = 0;
    struct gw_shkv kv;
    while (k < cmd->nwords) {
        const char *const *r;
        bool skip = false;
        if (!ps && posix_assignment(&cmd->words[k], &kv))
            skip = true;
        for (r = reserved; !skip && *r; r++)
            if (lit(&cmd->words[k], *r))
                skip = true;
        if (!skip)
            break;
        k++;
    }
    return k;
}

/* Parse the flags of one `az k8s-extension create|update` into c->d. */
static void parse_flags(struct cmd *c, uint32_t j)
{
    const char *sub = c->create ? "create" : "update";
    while (j < c->n) {
        const struct gw_shword *w = &c->w[j];
        const struct gw_flag *f;
        const char *name, *eq = NULL;
        size_t nlen = w->len;
        struct gw_span nsp = w->span;
        struct val v;
        bool inline_val = false;

        if (!flag_like(w) && trailing_escape(c, w)) {
            issue(c, "GW810", w->span, NULL,
                  "'%s' and white space at the end of the line is not a "
                  "line continuation: it escapes a space, so az gets a "
                  "one-space argument and stops with 'unrecognized "
                  "arguments'; delete the white space after '%s'",
                  c->ps ? "`" : "\\", c->ps ? "`" : "\\");
            j++;
            continue;
        }
        if (!flag_like(w)) {
            issue(c, "GW810", w->span, NULL,
                  "'%.*s' is not a flag of az k8s-extension %s, and az "
                  "stops with 'unrecognized arguments'; a value with "
                  "spaces needs quotes",
                  (int)(w->len > 60 ? 60 : w->len), w->text, sub);
            j++;
            continue;
        }
        if (w->text[1] == '-')
            eq = memchr(w->text, '=', w->len);
        if (eq) {
            nlen = (size_t)(eq - w->text);
            nsp = dspan(w, 0, (uint32_t)nlen);
            inline_val = true;
        }
        name = gw_arena_strndup(c->d->arena, w->text, nlen);
        f = gw_flag_find(name, nlen);
        j++;
        if (!f) {
            /* an unknown flag: a word after it is taken as its value */
            if (!inline_val && j < c->n && !flag_like(&c->w[j])) {
                resolve(c, &c->w[j], 0, c->w[j].span, &v);
                add_fact(c, name, nsp, &v, v.span);
                j++;
            } else {
                add_fact(c, name, nsp, NULL, nsp);
            }
            continue;
        }
        switch (f->kind) {
        case GW_FLAG_SWITCH:
        case GW_FLAG_OPTBOOL:
            if (inline_val) {
                resolve(c, w, (uint32_t)nlen + 1,
                        dspan(w, (uint32_t)nlen + 1, w->len), &v);
                add_fact(c, name, nsp, &v, v.span);
            } else if (f->kind == GW_FLAG_OPTBOOL && j < c->n &&
                       !flag_like(&c->w[j])) {
                /* nargs='?': any word that is no flag is the value */
                resolve(c, &c->w[j], 0, c->w[j].span, &v);
                add_fact(c, name, nsp, &v, v.span);
                j++;
            } else {
                add_fact(c, name, nsp, NULL, nsp);
            }
            break;
        case GW_FLAG_VALUE:
        case GW_FLAG_FILE: {
            const struct gw_shword *vw = NULL;
            uint32_t from = 0;
            if (inline_val) {
                vw = w;
                from = (uint32_t)nlen + 1;
            } else if (j < c->n && !flag_like(&c->w[j])) {
                vw = &c->w[j++];
            }
            if (!vw) {
                struct gw_span at = {nsp.end, nsp.end};
                add_fact(c, name, nsp, NULL, at);
                break;
            }
            resolve(c, vw, from, dspan(vw, from, vw->len), &v);
            add_fact(c, name, nsp, &v, v.span);
            if (strcmp(f->canonical, "--name") == 0)
                c->name = v.dynamic ? NULL : v.text;
            if (f->kind == GW_FLAG_FILE) {
                struct gw_ref r;
                c->has_file[f->prot == GW_PROT_PROTECTED] = true;
                if (!v.dynamic && v.len) {
                    r.path = v.text;
                    r.prot = f->prot;
                    r.flag = name;
                    r.span = v.span;
                    gw_doc_add_ref(c->d, &r);
                }
            }
            break;
        }
        case GW_FLAG_SETTINGS: {
            struct prev prev = {NULL, false};
            uint32_t first = j;
            struct gw_span all = {nsp.end, nsp.end};
            c->has_inline[f->prot == GW_PROT_PROTECTED] = true;
            if (inline_val) {
                /* --configuration-settings=k=v: the word after the '=' */
                struct gw_shword rest = *w;
                rest.text = w->text + nlen + 1;
                rest.len = w->len - (uint32_t)nlen - 1;
                rest.off = w->off + nlen + 1;
                rest.span = dspan(w, (uint32_t)nlen + 1, w->len);
                rest.nparts = 0;
                rest.parts = NULL;
                if (w->nparts) {
                    struct gw_shpart *pp =
                        gw_arena_alloc(c->d->arena, w->nparts * sizeof *pp);
                    uint32_t k, m = 0;
                    for (k = 0; k < w->nparts; k++)
                        if (w->parts[k].start > nlen) {
                            pp[m] = w->parts[k];
                            pp[m].start -= (uint32_t)nlen + 1;
                            pp[m++].end -= (uint32_t)nlen + 1;
                        }
                    rest.parts = pp;
                    rest.nparts = m;
                }
                add_setting(c, &rest, f, name, &prev);
                all = rest.span;
            }
            while (j < c->n && !flag_like(&c->w[j]))
                add_setting(c, &c->w[j++], f, name, &prev);
            if (j > first) {
                all.start = c->w[first].span.start;
                all.end = c->w[j - 1].span.end;
            }
            if (!inline_val && j == first)
                issue(c, "GW808", nsp, name,
                      "%s needs at least one key=value setting after it", name);
            add_fact(c, name, nsp, NULL, all);
            break;
        }
        }
    }
}

/* The document of one command. */
static struct gw_doc *new_doc(struct gw_cmdscan *s)
{
    struct gw_doc *nd = gw_arena_alloc(s->d->arena, sizeof *nd);
    gw_doc_init(nd, s->d->arena, s->d->src, s->d->ctx);
    nd->input_type = s->d->input_type;
    nd->profile = GW_PROFILE_ARC;
    nd->file_prot = s->d->file_prot;
    nd->kind = GW_DOC_COMPLETE;
    nd->ngroups = 2;
    return nd;
}

/* Is this a gateway command? */
static bool for_gateway(struct cmd *c)
{
    const struct gw_fact *et = NULL;
    size_t i, k;
    for (i = 0; i < c->d->nfacts; i++) {
        const struct gw_flag *f =
            gw_flag_find(c->d->facts[i].name, strlen(c->d->facts[i].name));
        if (f && strcmp(f->canonical, "--extension-type") == 0)
            et = &c->d->facts[i];
    }
    if (c->create) {
        if (et && et->value && !et->dynamic)
            return strcasecmp(et->value, GATEWAY_TYPE) == 0;
        return c->gateway_key;
    }
    if (c->gateway_key)
        return true;
    for (k = 0; c->name && k < c->s->nnames; k++)
        if (strcmp(c->s->names[k], c->name) == 0)
            return true;
    return false;
}

/* A value of a helm command, resolved as the az settings are. */
static void helm_value(void *ctx, const struct gw_shword *w, uint32_t from,
                       struct gw_word_value *out)
{
    struct val v;
    resolve(ctx, w, from, dspan(w, from, w->len), &v);
    out->text = v.text;
    out->len = v.len;
    out->span = v.span;
    out->dynamic = v.dynamic;
    out->quoted = v.quoted;
}

/* GW813 at a line break that ends the command for the shell although the
 * lines after it hold more of its flags (gw_sh_split read on past it, so
 * the other checks see the command its author meant). `program` is "az
 * k8s-extension create", "helm install", ... One issue a break, naming the
 * flags up to the next break: each break cuts those off. */
static void break_issue(struct gw_doc *d, bool ps, const struct gw_shcmd *cmd,
                        uint32_t k, const char *program)
{
    const struct gw_shbreak *br = &cmd->brks[k];
    const char *esc = ps ? "`" : "\\", *what, *fix;
    const char *names[4];
    uint32_t lens[4];
    unsigned times[4];
    struct gw_buf b;
    uint32_t i, j, nflags = 0; /* distinct flags */
    uint32_t last = k + 1 < cmd->nbrks ? cmd->brks[k + 1].word : cmd->nwords;

    for (i = br->word; i < last; i++) {
        const struct gw_shword *w = &cmd->words[i];
        const char *eq;
        uint32_t len;
        if (w->len < 2 || w->text[0] != '-')
            continue;
        /* the name only: --set=key=value holds a value, maybe a secret */
        eq = memchr(w->text, '=', w->len);
        len = eq ? (uint32_t)(eq - w->text) : w->len;
        for (j = 0; j < nflags && j < 4; j++)
            if (lens[j] == len && memcmp(names[j], w->text, len) == 0)
                break;
        if (j < nflags && j < 4) {
            times[j]++;
            continue;
        }
        if (nflags < 4) {
            names[nflags] = w->text;
            lens[nflags] = len;
            times[nflags] = 1;
        }
        nflags++;
    }
    if (nflags == 0)
        return;
    /* all four, or three and "N more"; "--set (3 times)" */
    gw_buf_init(&b, 0);
    for (i = 0; i < nflags && i < (nflags > 4 ? 3u : 4u); i++) {
        if (i > 0)
            gw_buf_puts(&b, nflags > 4 || i < nflags - 1 ? ", " : " and ");
        gw_buf_add(&b, names[i], lens[i]);
        if (times[i] > 1)
            gw_buf_printf(&b, " (%u times)", times[i]);
    }
    if (nflags > 4)
        gw_buf_printf(&b, " and %u more flags", nflags - 3);
    switch (br->kind) {
    case GW_SH_BREAK_BLANKS:
        what = gw_arena_printf(d->arena,
                               "'%s' is followed by white space, so it escapes "
                               "a space instead of continuing the line",
                               esc);
        fix = gw_arena_printf(d->arena, "delete the white space after '%s'",
                              esc);
        break;
    case GW_SH_BREAK_COMMENT:
        what = gw_arena_printf(
            d->arena, "this comment line ends the '%s'-continued command", esc);
        fix = "move the comment above the command";
        break;
    default:
        what = gw_arena_printf(
            d->arena, "this empty line ends the '%s'-continued command", esc);
        fix = "delete the empty line";
        break;
    }
    gw_doc_add_issue(d, "GW813", br->span, NULL,
                     gw_arena_printf(d->arena,
                                     "%s: %s runs without %s, and the shell "
                                     "runs the lines after it as a command "
                                     "of their own; %s",
                                     what, program, gw_buf_str(&b), fix));
    if (br->kind == GW_SH_BREAK_BLANKS) { /* delete the blanks after esc */
        struct gw_span blanks = {br->span.start + 1, br->span.end};
        gw_doc_issue_fix(d, blanks, "",
                         "delete the white space at the end of the line");
    }
    gw_buf_release(&b);
}

static void break_issues(struct gw_doc *d, bool ps, const struct gw_shcmd *cmd,
                         const char *program)
{
    uint32_t k;
    for (k = 0; k < cmd->nbrks; k++)
        break_issue(d, ps, cmd, k, program);
}

/* If cmd is `az k8s-extension create|update ...`, its document. */
static struct gw_doc *do_command(struct gw_cmdscan *s, const struct piece *pc,
                                 const struct gw_shcmd *cmd, bool creates)
{
    struct cmd c;
    uint32_t k = command_start(cmd, pc->in.dialect == GW_SH_PWSH);
    const struct gw_shword *w = cmd->words + k;
    uint32_t n = cmd->nwords - k;
    struct gw_fact f;
    struct gw_doc *nd;
    size_t i;

    /* helm install|upgrade of the gateway's chart (build_helmcmd.c) */
    if (creates && n > 0 && !(lit(&w[0], "az") || lit(&w[0], "az.cmd"))) {
        struct gw_doc found; /* what reading the values finds (GW814) */
        memset(&c, 0, sizeof c);
        c.s = s;
        c.pc = pc;
        c.ps = pc->in.dialect == GW_SH_PWSH;
        c.prog = "helm";
        gw_doc_init(&found, s->d->arena, s->d->src, s->d->ctx);
        c.d = &found;
        nd = gw_build_helm_command(s->d, s->rs, w, n, helm_value, &c);
        if (!nd)
            return NULL;
        for (i = 0; i < found.nissues; i++) {
            const struct gw_doc_issue *is = &found.issues[i];
            gw_doc_add_issue(nd, is->rule, is->span, is->key, is->message);
            if (is->fix_title)
                gw_doc_issue_fix(nd, is->fix_span, is->fix_text,
                                 is->fix_title);
        }
        if (cmd->nbrks)
            break_issues(nd, c.ps, cmd,
                         gw_arena_printf(s->d->arena, "helm %s",
                                         nd->facts[0].value));
        return nd;
    }
    if (n < 3 || !(lit(&w[0], "az") || lit(&w[0], "az.cmd")) ||
        !lit(&w[1], "k8s-extension") ||
        !(lit(&w[2], "create") || lit(&w[2], "update")))
        return NULL;
    memset(&c, 0, sizeof c);
    c.s = s;
    c.pc = pc;
    c.w = w;
    c.n = n;
    c.ps = pc->in.dialect == GW_SH_PWSH;
    c.create = lit(&w[2], "create");
    if (c.create != creates)
        return NULL;
    c.d = new_doc(s);
    c.d->anchor.start = w[0].span.start;
    c.d->anchor.end = w[2].span.end;
    memset(&f, 0, sizeof f);
    f.name = "az k8s-extension";
    f.value = c.create ? "create" : "update";
    f.name_span = c.d->anchor;
    f.value_span = w[2].span;
    gw_doc_add_fact(c.d, &f);
    parse_flags(&c, 3);
    if (!for_gateway(&c))
        return NULL;
    if (cmd->nbrks)
        break_issues(c.d, c.ps, cmd,
                     c.create ? "az k8s-extension create"
                              : "az k8s-extension update");
    if (c.create && c.name) {
        s->names =
            agrow(s->d->arena, s->names, s->nnames, &s->ncap, sizeof *s->names);
        s->names[s->nnames++] = c.name;
    }
    /* A settings file holds the rest of the settings: completeness is
     * checked on it, not on the command line alone. */
    c.d->has_settings_map = c.create && !c.has_file[0] && !c.has_file[1];
    k = (uint32_t)c.d->ndups;
    gw_build_find_dups(c.d);
    for (i = k; i < c.d->ndups; i++)
        c.d->dups[i].later_wins = true;
    return c.d;
}

size_t gw_cmdscan_finish(struct gw_cmdscan *s)
{
    struct gw_doc *d = s->d;
    struct gw_span *sec;
    size_t i, c, nsec = d->nsecrets, k;
    int pass;

    for (i = 0; i < s->npieces; i++) {
        gw_sh_split(d->arena, &s->pieces[i].in, &s->pieces[i].sh);
        collect_vars(s, &s->pieces[i]);
    }
    /* creates first, so that an update of a gateway extension created in
     * the same file is known by its name; then documents in text order */
    for (pass = 0; pass < 2; pass++)
        for (i = 0; i < s->npieces; i++)
            for (c = 0; c < s->pieces[i].sh.ncmds; c++) {
                struct gw_doc *nd = do_command(
                    s, &s->pieces[i], &s->pieces[i].sh.cmds[c], pass == 0);
                if (!nd)
                    continue;
                s->docs = agrow(d->arena, s->docs, s->ndocs, &s->dcap,
                                sizeof *s->docs);
                s->docs[s->ndocs++] = nd;
            }
    if (s->ndocs == 0)
        return 0;
    for (i = 1; i < s->ndocs; i++) {
        size_t j = i;
        struct gw_doc *x = s->docs[i];
        while (j > 0 && s->docs[j - 1]->anchor.start > x->anchor.start) {
            s->docs[j] = s->docs[j - 1];
            j--;
        }
        s->docs[j] = x;
    }
    /* every document masks every secret of the file */
    for (i = 0; i < s->ndocs; i++)
        nsec += s->docs[i]->nsecrets;
    sec = gw_arena_alloc(d->arena, (nsec ? nsec : 1) * sizeof *sec);
    k = d->nsecrets;
    if (k)
        memcpy(sec, d->secrets, k * sizeof *sec);
    for (i = 0; i < s->ndocs; i++) {
        if (s->docs[i]->nsecrets)
            memcpy(sec + k, s->docs[i]->secrets,
                   s->docs[i]->nsecrets * sizeof *sec);
        k += s->docs[i]->nsecrets;
    }
    for (i = 0; i < s->ndocs; i++) {
        s->docs[i]->secrets = sec;
        s->docs[i]->nsecrets = s->docs[i]->secrets_cap = nsec;
        s->docs[i]->next = i + 1 < s->ndocs ? s->docs[i + 1] : NULL;
    }
    *d = *s->docs[0];
    return s->ndocs;
}

/* ---- the kinds ---- */

static bool no_name(const char *path)
{
    (void)path;
    return false;
}

static bool no_detect(const char *path, const char *text, size_t len)
{
    (void)path;
    (void)text;
    (void)len;
    return false;
}

static void command_build(struct gw_doc *d, const struct gw_ruleset *rs,
                          const struct gw_build_opts *o, const char **skip)
{
    struct gw_cmdscan *s = gw_cmdscan_new(d, rs);
    struct gw_shtext in;
    (void)o;
    memset(&in, 0, sizeof in);
    in.text = d->src->text + d->src->bom;
    in.len = d->src->len - d->src->bom;
    in.base = d->src->bom;
    in.dialect = GW_SH_POSIX;
    gw_cmdscan_add(s, &in, 0);
    if (gw_cmdscan_finish(s) == 0)
        *skip = "not an az k8s-extension create or update command "
                "for " GATEWAY_TYPE;
}

const struct gw_text_kind gw_kind_command = {"command", no_name, no_detect,
                                             command_build};

static bool shell_name(const char *path)
{
    return gw_build_ends_with(path, ".sh") ||
           gw_build_ends_with(path, ".bash") ||
           gw_build_ends_with(path, ".zsh") || gw_build_ends_with(path, ".ps1");
}

/* The interpreter of a "#!" line: "bash", "pwsh", ... or NULL. */
static bool shebang(const char *text, size_t len, bool *ps)
{
    static const char *const shells[] = {
        "sh", "bash", "zsh", "ksh", "dash", "ash", "pwsh", "powershell", NULL};
    size_t i = 0, e, b;
    const char *const *sh;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    if (len < i + 2 || text[i] != '#' || text[i + 1] != '!')
        return false;
    for (e = i + 2; e < len && text[e] != '\n' && e < i + 256; e++)
        ;
    /* the last path component of the first word; after env, the next */
    for (b = i + 2; b < e;) {
        size_t ws, we, base;
        while (b < e && (text[b] == ' ' || text[b] == '\t'))
            b++;
        ws = b;
        while (b < e && text[b] != ' ' && text[b] != '\t' && text[b] != '\r')
            b++;
        we = b;
        for (base = we; base > ws && text[base - 1] != '/'; base--)
            ;
        if (we - base == 3 && memcmp(text + base, "env", 3) == 0)
            continue;
        if (we > base && text[base] == '-')
            continue; /* env -S */
        for (sh = shells; *sh; sh++)
            if (we - base == strlen(*sh) &&
                memcmp(text + base, *sh, we - base) == 0) {
                *ps = (*sh)[0] == 'p';
                return true;
            }
        return false;
    }
    return false;
}

static bool shell_detect(const char *path, const char *text, size_t len)
{
    bool ps;
    return shebang(text, len, &ps) || shell_name(path);
}

static void shell_build(struct gw_doc *d, const struct gw_ruleset *rs,
                        const struct gw_build_opts *o, const char **skip)
{
    struct gw_cmdscan *s = gw_cmdscan_new(d, rs);
    struct gw_shtext in;
    bool ps = false;
    (void)o;
    memset(&in, 0, sizeof in);
    in.text = d->src->text + d->src->bom;
    in.len = d->src->len - d->src->bom;
    in.base = d->src->bom;
    if (!shebang(d->src->text, d->src->len, &ps))
        ps = gw_build_ends_with(d->src->path, ".ps1");
    in.dialect = ps ? GW_SH_PWSH : GW_SH_POSIX;
    gw_cmdscan_add(s, &in, 0);
    if (gw_cmdscan_finish(s) == 0)
        *skip = "no az k8s-extension create or update command for the "
                "gateway in it";
}

const struct gw_text_kind gw_kind_shell = {"shell", shell_name, shell_detect,
                                           shell_build};

bool gw_build_shebang(const char *text, size_t len)
{
    bool ps;
    return shebang(text, len, &ps);
}
