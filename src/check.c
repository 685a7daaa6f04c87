/* The table of C checks and the reporting helpers they share. */
#include "check.h"

#include <stdarg.h>
#include <string.h>

#include "catalog.h"
#include "match.h"
#include "mem.h"
#include "ruleset.h"

static const struct gw_check *const checks[] = {
#define CHECK(n) &gw_check_##n,
#include "check_list.h"
#undef CHECK
};

const struct gw_check *gw_check_find(const char *name)
{
    unsigned i;
    for (i = 0; i < sizeof checks / sizeof checks[0]; i++)
        if (strcmp(checks[i]->name, name) == 0)
            return checks[i];
    return NULL;
}

unsigned gw_check_count(void)
{
    return sizeof checks / sizeof checks[0];
}

const struct gw_check *gw_check_at(unsigned i)
{
    return i < gw_check_count() ? checks[i] : NULL;
}

static void add_full(struct gw_check_ctx *c, const struct gw_source *src,
                     enum gw_level level, struct gw_span span,
                     const char *key, const struct gw_fix *fix,
                     const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 0)))
#endif
    ;

static void add_full(struct gw_check_ctx *c, const struct gw_source *src,
                     enum gw_level level, struct gw_span span,
                     const char *key, const struct gw_fix *fix,
                     const char *fmt, va_list ap)
{
    struct gw_diag d;
    memset(&d, 0, sizeof d);
    d.src = src;
    d.span = span;
    d.rule = c->rule;
    d.level = level < c->rule->level ? level : c->rule->level;
    d.message = gw_arena_vprintf(c->doc->arena, fmt, ap);
    d.key = key ? gw_arena_strdup(c->doc->arena, key) : NULL;
    d.fix = fix;
    gw_diag_list_add(c->out, &d);
}

static void add(struct gw_check_ctx *c, struct gw_span span, const char *key,
                const struct gw_fix *fix, const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 0)))
#endif
    ;

static void add(struct gw_check_ctx *c, struct gw_span span, const char *key,
                const struct gw_fix *fix, const char *fmt, va_list ap)
{
    add_full(c, c->doc->src, GW_ERROR, span, key, fix, fmt, ap);
}

void gw_report_level(struct gw_check_ctx *c, enum gw_level level,
                     struct gw_span span, const char *key, const char *fmt,
                     ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_full(c, c->doc->src, level, span, key, NULL, fmt, ap);
    va_end(ap);
}

void gw_report_in(struct gw_check_ctx *c, const struct gw_source *src,
                  struct gw_span span, const char *key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_full(c, src, GW_ERROR, span, key, NULL, fmt, ap);
    va_end(ap);
}

struct gw_span gw_value_inner(const struct gw_check_ctx *c,
                              const struct gw_setting *s)
{
    struct gw_span sp = s->value_span;
    const char *t = c->doc->src->text;
    if (sp.end - sp.start >= 2 && (t[sp.start] == '"' || t[sp.start] == '\'') &&
        t[sp.end - 1] == t[sp.start]) {
        sp.start++;
        sp.end--;
    }
    return sp;
}

struct gw_span gw_value_span(const struct gw_check_ctx *c,
                             const struct gw_setting *s, size_t off,
                             size_t len)
{
    struct gw_span in = gw_value_inner(c, s);
    /* Literal only when the source bytes are the value itself. */
    if (in.end - in.start == s->value_len &&
        memcmp(c->doc->src->text + in.start, s->value, s->value_len) == 0 &&
        off + len <= s->value_len) {
        struct gw_span sp;
        sp.start = in.start + (uint32_t)off;
        sp.end = sp.start + (uint32_t)len;
        return sp;
    }
    return s->value_span;
}

const struct gw_keydef *gw_check_keydef(const struct gw_check_ctx *c,
                                        const char *key)
{
    const struct gw_catalog *cat = c->catalog;
    const struct gw_keydef *k = gw_catalog_find(cat, key);
    const struct gw_keymap *m;
    if (k)
        return k;
    m = gw_keymap_find(cat->renamed, cat->nrenamed, key);
    if (!m)
        m = gw_keymap_find(cat->other, cat->nother, key);
    if (m && m->now && *m->now)
        return gw_catalog_find(cat, m->now);
    return NULL;
}

bool gw_blank(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return false;
    return true;
}

bool gw_check_placeholder(const struct gw_check_ctx *c,
                          const struct gw_setting *s, const char **what)
{
    const struct gw_placeholder *p;
    size_t b = 0, e;

    if (s->dynamic || s->vkind != GW_VAL_STRING)
        return false;
    e = s->value_len;
    while (b < e && (s->value[b] == ' ' || s->value[b] == '\t'))
        b++;
    while (e > b && (s->value[e - 1] == ' ' || s->value[e - 1] == '\t'))
        e--;
    if (b == e)
        return false;
    p = gw_ruleset_placeholder_match(c->rs, s->value + b, e - b);
    if (p && what)
        *what = p->what;
    return p != NULL;
}

void gw_report(struct gw_check_ctx *c, struct gw_span span, const char *key,
               const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(c, span, key, NULL, fmt, ap);
    va_end(ap);
}

void gw_report_fix(struct gw_check_ctx *c, struct gw_span span,
                   const char *key, struct gw_span fix_span,
                   const char *replacement, const char *title,
                   const char *fmt, ...)
{
    struct gw_fix *fix = gw_arena_alloc(c->doc->arena, sizeof *fix);
    va_list ap;
    fix->span = fix_span;
    fix->replacement = gw_arena_strdup(c->doc->arena, replacement);
    fix->title = gw_arena_strdup(c->doc->arena, title);
    va_start(ap, fmt);
    add(c, span, key, fix, fmt, ap);
    va_end(ap);
}
