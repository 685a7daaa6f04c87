/* The declarative check of custom rules: select settings by key or key
 * pattern, then test presence or the value against a PCRE2 pattern. */
#include "custom.h"

#include <string.h>

#include "buf.h"
#include "build.h"
#include "match.h"
#include "mem.h"

#define VALUE_SHOWN 60 /* longer values are cut in messages */

/* Whether the value of `s` is, or overlaps, a secret span. */
static bool secret(const struct gw_check_ctx *c, const struct gw_setting *s)
{
    size_t i;
    if (gw_build_key_is_secret(c->rs, s->key))
        return true;
    for (i = 0; i < c->doc->nsecrets; i++)
        if (c->doc->secrets[i].start < s->value_span.end &&
            s->value_span.start < c->doc->secrets[i].end)
            return true;
    return false;
}

/* The value as a message may show it: cut, and never a secret. */
static const char *shown(const struct gw_check_ctx *c,
                         const struct gw_setting *s)
{
    if (secret(c, s))
        return "(secret)";
    if (s->value_len > VALUE_SHOWN)
        return gw_arena_printf(c->doc->arena, "%.*s...", VALUE_SHOWN, s->value);
    return s->value;
}

/* The user's message with {key} and {value} replaced. */
static const char *expand(const struct gw_check_ctx *c, const char *tmpl,
                          const struct gw_setting *s, const char *key)
{
    struct gw_buf b;
    const char *p, *out;
    gw_buf_init(&b, 0);
    for (p = tmpl; *p; p++) {
        if (strncmp(p, "{key}", 5) == 0) {
            gw_buf_puts(&b, key ? key : "");
            p += 4;
        } else if (strncmp(p, "{value}", 7) == 0) {
            gw_buf_puts(&b, s ? shown(c, s) : "");
            p += 6;
        } else {
            gw_buf_putc(&b, *p);
        }
    }
    out = gw_arena_strdup(c->doc->arena, gw_buf_str(&b));
    gw_buf_release(&b);
    return out;
}

static void report(struct gw_check_ctx *c, struct gw_span at,
                   const struct gw_setting *s, const char *key,
                   const char *fallback)
{
    const struct gw_match *m = c->rule->match;
    gw_report(c, at, key, "%s",
              m->message ? expand(c, m->message, s, key) : fallback);
}

static void limit(struct gw_check_ctx *c, struct gw_span at, const char *key,
                  const char *what, size_t len)
{
    gw_report(c, at, key,
              "the %s of custom rule %s hit PCRE2's match limit on '%s' "
              "(%zu bytes), so gwlint cannot tell whether it matches; "
              "rewrite it without nested repetition such as (a+)+",
              what, c->rule->id, key, len);
}

/* Whether setting `s` is selected; *hit_limit when its key-pattern ran
 * out of its limits (reported once by the caller). */
static bool selects(struct gw_check_ctx *c, const struct gw_setting *s,
                    bool *hit_limit)
{
    const struct gw_match *m = c->rule->match;
    enum gw_match_result r;
    if (m->key)
        return strcmp(m->key, s->key) == 0;
    r = gw_regex_match(m->key_re, s->key, strlen(s->key));
    if (r == GW_MATCH_LIMIT)
        *hit_limit = true;
    return r == GW_MATCH_YES;
}

void gw_custom_run(struct gw_check_ctx *c)
{
    const struct gw_match *m = c->rule->match;
    const struct gw_doc *d = c->doc;
    size_t i, found = 0;

    if (d->context_pass || !m)
        return;
    for (i = 0; i < d->nsettings; i++) {
        const struct gw_setting *s = &d->settings[i];
        enum gw_match_result r;
        bool lim = false;
        if (!selects(c, s, &lim)) {
            if (lim)
                limit(c, s->key_span, s->key, "key-pattern", strlen(s->key));
            continue;
        }
        found++;
        if (m->forbidden && !m->value_re) {
            report(c, s->key_span, s, s->key,
                   gw_arena_printf(d->arena, "'%s' must not be set", s->key));
            continue;
        }
        if (!m->value_re || s->dynamic || s->vkind == GW_VAL_MAP ||
            s->vkind == GW_VAL_SEQ)
            continue;
        r = gw_regex_match(m->value_re, s->value, s->value_len);
        if (r == GW_MATCH_LIMIT)
            limit(c, s->value_span, s->key, "pattern", s->value_len);
        else if (m->forbidden && r == GW_MATCH_YES)
            report(c, s->value_span, s, s->key,
                   gw_arena_printf(d->arena,
                                   "'%s' is '%s', which matches the "
                                   "forbidden pattern '%s'",
                                   s->key, shown(c, s), m->pattern));
        else if (!m->forbidden && r == GW_MATCH_NO)
            report(c, s->value_span, s, s->key,
                   gw_arena_printf(d->arena,
                                   "'%s' is '%s', which does not match "
                                   "'%s'",
                                   s->key, shown(c, s), m->pattern));
    }
    /* Like GW101: a file with no settings is GW004's, and a protected
     * settings file holds only the secrets of a configuration. */
    if (m->required && !found && d->has_settings_map && d->nsettings &&
        !(d->kind == GW_DOC_SETTINGS && d->file_prot == GW_PROT_PROTECTED)) {
        const char *key = m->key ? m->key : NULL;
        report(c, d->anchor, NULL, key,
               m->key
                   ? gw_arena_printf(d->arena,
                                     "required setting '%s' is missing", m->key)
                   : gw_arena_printf(d->arena,
                                     "no setting matches the required "
                                     "key-pattern '%s'",
                                     m->key_pattern));
    }
}
