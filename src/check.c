/* The table of C checks and the reporting helpers they share. */
#include "check.h"

#include <stdarg.h>
#include <stdint.h>
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

/* The entry that a key not in the catalogue stands for: its new name's
 * or its other profile's. */
static const struct gw_keydef *keydef_by_map(const struct gw_check_ctx *c,
                                             const char *key)
{
    const struct gw_catalog *cat = c->catalog;
    const struct gw_keymap *m;
    m = gw_keymap_find(cat->renamed, cat->nrenamed, key);
    if (!m)
        m = gw_keymap_find(cat->other, cat->nother, key);
    if (m && m->now && *m->now)
        return gw_catalog_find(cat, m->now);
    return NULL;
}

const struct gw_keydef *gw_check_keydef(const struct gw_check_ctx *c,
                                        const char *key)
{
    const struct gw_keydef *k = gw_catalog_find(c->catalog, key);
    return k ? k : keydef_by_map(c, key);
}

bool gw_blank(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return false;
    return true;
}

enum {
    HAVE_DEF = 1, HAVE_KEYDEF = 2, HAVE_RENAMED = 4, HAVE_OTHER = 8,
    HAVE_PH = 16
};

/* The cache slot of `s`, or NULL when `s` is not a setting of the running
 * document (then callers look up directly). */
static struct gw_doc_cache *slot(const struct gw_check_ctx *c,
                                 const struct gw_setting *s, size_t *i)
{
    struct gw_doc_cache *k = c->doc->cache;
    uintptr_t b = (uintptr_t)c->doc->settings, p = (uintptr_t)s;
    size_t n = c->doc->nsettings;

    if (!k || n == 0 || p < b || p >= b + n * sizeof *s)
        return NULL;
    if (k->n != n) {
        struct gw_arena *a = c->doc->arena;
        k->def = gw_arena_alloc(a, n * sizeof *k->def);
        k->keydef = gw_arena_alloc(a, n * sizeof *k->keydef);
        k->renamed = gw_arena_alloc(a, n * sizeof *k->renamed);
        k->other = gw_arena_alloc(a, n * sizeof *k->other);
        k->ph_what = gw_arena_alloc(a, n * sizeof *k->ph_what);
        k->have = gw_arena_alloc(a, n);
        k->n = n;
    }
    *i = (p - b) / sizeof *s;
    return k;
}

const struct gw_keydef *gw_setting_def(const struct gw_check_ctx *c,
                                       const struct gw_setting *s)
{
    size_t i;
    struct gw_doc_cache *k = slot(c, s, &i);
    if (!k)
        return gw_catalog_find(c->catalog, s->key);
    if (!(k->have[i] & HAVE_DEF)) {
        k->def[i] = gw_catalog_find(c->catalog, s->key);
        k->have[i] |= HAVE_DEF;
    }
    return k->def[i];
}

const struct gw_keydef *gw_setting_keydef(const struct gw_check_ctx *c,
                                          const struct gw_setting *s)
{
    size_t i;
    struct gw_doc_cache *k = slot(c, s, &i);
    if (!k)
        return gw_check_keydef(c, s->key);
    if (!(k->have[i] & HAVE_KEYDEF)) {
        const struct gw_keydef *def = gw_setting_def(c, s);
        k->keydef[i] = def ? def : keydef_by_map(c, s->key);
        k->have[i] |= HAVE_KEYDEF;
    }
    return k->keydef[i];
}

const struct gw_keymap *gw_setting_renamed(const struct gw_check_ctx *c,
                                           const struct gw_setting *s)
{
    const struct gw_catalog *cat = c->catalog;
    size_t i;
    struct gw_doc_cache *k = slot(c, s, &i);
    if (!k)
        return gw_keymap_find(cat->renamed, cat->nrenamed, s->key);
    if (!(k->have[i] & HAVE_RENAMED)) {
        k->renamed[i] = gw_keymap_find(cat->renamed, cat->nrenamed, s->key);
        k->have[i] |= HAVE_RENAMED;
    }
    return k->renamed[i];
}

const struct gw_keymap *gw_setting_other(const struct gw_check_ctx *c,
                                         const struct gw_setting *s)
{
    const struct gw_catalog *cat = c->catalog;
    size_t i;
    struct gw_doc_cache *k = slot(c, s, &i);
    if (!k)
        return gw_keymap_find(cat->other, cat->nother, s->key);
    if (!(k->have[i] & HAVE_OTHER)) {
        k->other[i] = gw_keymap_find(cat->other, cat->nother, s->key);
        k->have[i] |= HAVE_OTHER;
    }
    return k->other[i];
}

static const char *placeholder_of(const struct gw_check_ctx *c,
                                  const struct gw_setting *s)
{
    const struct gw_placeholder *p;
    size_t b = 0, e;

    if (s->dynamic || s->vkind != GW_VAL_STRING)
        return NULL;
    e = s->value_len;
    while (b < e && (s->value[b] == ' ' || s->value[b] == '\t'))
        b++;
    while (e > b && (s->value[e - 1] == ' ' || s->value[e - 1] == '\t'))
        e--;
    if (b == e)
        return NULL;
    p = gw_ruleset_placeholder_match(c->rs, c->doc->phcache, s->value + b,
                                     e - b);
    return p ? p->what : NULL;
}

bool gw_check_placeholder(const struct gw_check_ctx *c,
                          const struct gw_setting *s, const char **what)
{
    size_t i;
    struct gw_doc_cache *k = slot(c, s, &i);
    const char *w;
    if (!k) {
        w = placeholder_of(c, s);
    } else {
        if (!(k->have[i] & HAVE_PH)) {
            k->ph_what[i] = placeholder_of(c, s);
            k->have[i] |= HAVE_PH;
        }
        w = k->ph_what[i];
    }
    if (w && what)
        *what = w;
    return w != NULL;
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
