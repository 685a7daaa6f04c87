/* Checks of setting keys and values against the profile's catalogue
 * (GW101-GW108). */
#include "check.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "catalog.h"
#include "mem.h"
#include "value.h"

static const char *profile_name(const struct gw_check_ctx *c)
{
    return c->doc->profile == GW_PROFILE_HELM ? "Helm chart"
                                              : "Arc extension";
}

/* The key the profile reads instead of `key`, which entry `m` of a
 * renamed or other-profile list matched: the entry's `now`, or for a prefix
 * entry `now` in place of the prefix (ingress.controller.annotations.x ->
 * ingress.annotations.x); "" when there is none. */
static const char *mapped_key(const struct gw_check_ctx *c,
                              const struct gw_keymap *m, const char *key)
{
    if (!m->prefix || !*m->now)
        return m->now;
    return gw_arena_printf(c->doc->arena, "%s%s", m->now,
                           key + strlen(m->key));
}

/* Whether prefix entry `m` maps `k` to `key`, without building the
 * mapped key. */
static bool maps_to(const struct gw_keymap *m, const char *k, const char *key)
{
    size_t nl = strlen(m->now);
    return strncmp(key, m->now, nl) == 0 &&
           strcmp(key + nl, k + strlen(m->key)) == 0;
}

/* Is `key` given under another spelling that maps to it? */
static bool given_as_alias(const struct gw_check_ctx *c, const char *key)
{
    size_t i;
    for (i = 0; i < c->doc->nsettings; i++) {
        const struct gw_setting *s = &c->doc->settings[i];
        const char *k = s->key;
        const struct gw_keymap *m = gw_setting_renamed(c, s);
        if (!m)
            m = gw_setting_other(c, s);
        if (m && m->now && *m->now &&
            (m->prefix ? maps_to(m, k, key) : strcmp(m->now, key) == 0))
            return true;
    }
    return false;
}

/* A Helm value that is set: not null, not blank (or an expression). */
static bool helm_set(const struct gw_setting *s)
{
    return s && (s->dynamic || (s->vkind != GW_VAL_NULL &&
                                !gw_blank(s->value, s->value_len)));
}

/* Helm, gateway.auth.key absent. The chart reads the key only for token
 * authentication (gateway.auth.type GatewayToken, the default, compared
 * lower-cased) and only when it creates the Secret itself
 * (secret.createSecret, default true); secret.existingSecretName is read
 * only when secret.createSecret is false. */
static void helm_missing_key(struct gw_check_ctx *c,
                             const struct gw_keydef *k)
{
    const struct gw_doc *d = c->doc;
    const struct gw_setting *type = gw_doc_get(d, "gateway.auth.type");
    const struct gw_setting *create = gw_doc_get(d, "secret.createSecret");
    const struct gw_setting *name = gw_doc_get(d,
                                               "secret.existingSecretName");

    if (helm_set(type) &&
        (type->dynamic || strcasecmp(type->value, "GatewayToken") != 0))
        return; /* Microsoft Entra ID: no key */
    if (create && create->dynamic)
        return;
    if (create && strcasecmp(create->value, "false") == 0) {
        /* A standalone values file: the name may come with --set. */
        if (helm_set(name) || d->kind == GW_DOC_SETTINGS)
            return;
        gw_report(c, create->key_span, "secret.existingSecretName",
                  "required setting 'secret.existingSecretName' is "
                  "missing; with secret.createSecret=false the chart reads "
                  "the gateway token from an existing Secret (key "
                  "gateway-key) and needs its name");
        return;
    }
    /* Reported in a standalone values file too: it names the Secret, so
     * no key is coming, yet the chart will not read that Secret. */
    if (helm_set(name)) {
        gw_report(c, name->key_span, k->key,
                  "required setting '%s' is missing, and "
                  "secret.existingSecretName is read only when "
                  "secret.createSecret is false; set secret.createSecret "
                  "to false to use the existing Secret",
                  k->key);
        return;
    }
    if (d->kind == GW_DOC_SETTINGS)
        return;
    gw_report(c, d->anchor, k->key,
              "required setting '%s' is missing; pass the gateway token "
              "from Gateways > your gateway > Deployment, or set "
              "secret.createSecret to false and name an existing Secret in "
              "secret.existingSecretName",
              k->key);
}

static void run_missing_required_key(struct gw_check_ctx *c)
{
    const struct gw_catalog *cat = c->catalog;
    const struct gw_doc *d = c->doc;
    size_t i;

    /* No settings at all is GW004, which names both required keys. */
    if (!d->has_settings_map || d->nsettings == 0)
        return;
    for (i = 0; i < cat->nkeys; i++) {
        const struct gw_keydef *k = &cat->keys[i];
        const struct gw_setting *have;
        bool helm_key;
        if (!k->required)
            continue; /* before the look-up: most keys are optional */
        have = gw_doc_get(d, k->key);
        /* Helm drops a key without a value: `key:` is no key at all. */
        helm_key = d->profile == GW_PROFILE_HELM && k->secret;
        if (have && !(helm_key && have->vkind == GW_VAL_NULL))
            continue;
        /* A standalone settings file is part of a configuration: the token
         * travels separately as a protected setting (as recommended), and
         * a protected file holds only secrets. (Tested before the costlier
         * search for another spelling of the key.) */
        if (!helm_key && d->kind == GW_DOC_SETTINGS &&
            (k->secret || d->file_prot == GW_PROT_PROTECTED))
            continue;
        if (given_as_alias(c, k->key))
            continue;
        if (helm_key) {
            helm_missing_key(c, k);
            continue;
        }
        if (k->type == GW_KT_URI)
            gw_report(c, d->anchor, k->key,
                      "required setting '%s' is missing; set it to the "
                      "configuration endpoint of your API Management "
                      "instance, '<apim-name>.configuration.azure-api.net' "
                      "(portal: Gateways > your gateway > Deployment)",
                      k->key);
        else if (k->type == GW_KT_TOKEN)
            gw_report(c, d->anchor, k->key,
                      "required setting '%s' is missing; pass the gateway "
                      "token from Gateways > your gateway > Deployment as "
                      "a protected setting",
                      k->key);
        else
            gw_report(c, d->anchor, k->key,
                      "required setting '%s' is missing", k->key);
    }
}

const struct gw_check gw_check_missing_required_key = {
    "missing-required-key", run_missing_required_key};

static void run_empty_value(struct gw_check_ctx *c)
{
    size_t i;
    for (i = 0; i < c->doc->nsettings; i++) {
        const struct gw_setting *s = &c->doc->settings[i];
        const struct gw_keydef *k = gw_setting_def(c, s);
        if (!k || !k->required || s->dynamic)
            continue;
        if (s->vkind == GW_VAL_MAP || s->vkind == GW_VAL_SEQ)
            continue;
        /* A key left without a value, as the chart's own values.yaml has
         * it: the token comes with --set, or GW101 says it is missing. */
        if (s->vkind == GW_VAL_NULL && k->secret &&
            (c->doc->kind == GW_DOC_SETTINGS ||
             c->doc->profile == GW_PROFILE_HELM))
            continue;
        if (gw_blank(s->value, s->value_len))
            gw_report(c, s->value_span, s->key,
                      "required setting '%s' is %s; without it the "
                      "gateway cannot fetch its configuration",
                      s->key, s->value_len ? "blank" : "empty");
    }
}

const struct gw_check gw_check_empty_value = {"empty-value", run_empty_value};

/* ---- unknown, legacy and other-profile keys ---- */

static const char *nearest_key(const struct gw_check_ctx *c, const char *key)
{
    const struct gw_catalog *cat = c->catalog;
    const char *best = NULL;
    size_t len = strlen(key), i;
    unsigned bestd, d;

    bestd = len < 8 ? 2 : (unsigned)(len / 5 + 1);
    if (bestd > 5)
        bestd = 5;
    bestd++;
    for (i = 0; i < cat->nkeys; i++) {
        d = gw_edit_distance(key, cat->keys[i].key, true, bestd - 1);
        if (d < bestd) {
            bestd = d;
            best = cat->keys[i].key;
        }
    }
    return best;
}

static struct gw_span key_inner(const struct gw_check_ctx *c,
                                const struct gw_setting *s)
{
    struct gw_span sp = s->key_span;
    const char *t = c->doc->src->text;
    if (sp.end - sp.start >= 2 && (t[sp.start] == '"' || t[sp.start] == '\'') &&
        t[sp.end - 1] == t[sp.start]) {
        sp.start++;
        sp.end--;
    }
    return sp;
}

/* The key is written as one literal (flat), so renaming it is safe. */
static bool key_is_literal(const struct gw_check_ctx *c,
                           const struct gw_setting *s)
{
    struct gw_span in = key_inner(c, s);
    size_t n = strlen(s->key);
    return in.end - in.start == n &&
           memcmp(c->doc->src->text + in.start, s->key, n) == 0;
}

/* " (it holds the non-ASCII character U+0443)" when the key has one: a
 * homoglyph pasted from a web page looks exactly like the key it is not. */
static const char *non_ascii_note(const struct gw_check_ctx *c,
                                  const char *key)
{
    const unsigned char *p = (const unsigned char *)key;
    unsigned long cp;
    int n, i;
    while (*p && *p < 0x80)
        p++;
    if (!*p)
        return "";
    if (*p >= 0xC2 && *p <= 0xDF)
        n = 1, cp = *p & 0x1F;
    else if (*p >= 0xE0 && *p <= 0xEF)
        n = 2, cp = *p & 0x0F;
    else if (*p >= 0xF0 && *p <= 0xF4)
        n = 3, cp = *p & 0x07;
    else
        return " (it holds a byte that is not ASCII)";
    for (i = 1; i <= n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return " (it holds a byte that is not ASCII)";
        cp = cp << 6 | (p[i] & 0x3F);
    }
    return gw_arena_printf(c->doc->arena,
                           " (it holds the non-ASCII character U+%04lX)", cp);
}

static void run_unknown_key(struct gw_check_ctx *c)
{
    size_t i;
    for (i = 0; i < c->doc->nsettings; i++) {
        const struct gw_setting *s = &c->doc->settings[i];
        const char *near;
        if (gw_setting_def(c, s) || gw_setting_renamed(c, s) ||
            gw_setting_other(c, s))
            continue;
        near = nearest_key(c, s->key);
        if (near)
            gw_report(c, s->key_span, s->key,
                      "unknown setting '%s'%s; did you mean '%s'", s->key,
                      non_ascii_note(c, s->key), near);
        else
            gw_report(c, s->key_span, s->key,
                      "unknown setting '%s'%s: the %s does not read it",
                      s->key, non_ascii_note(c, s->key), profile_name(c));
    }
}

const struct gw_check gw_check_unknown_key = {"unknown-key", run_unknown_key};

static void run_legacy_key(struct gw_check_ctx *c)
{
    size_t i;
    for (i = 0; i < c->doc->nsettings; i++) {
        const struct gw_setting *s = &c->doc->settings[i];
        const struct gw_keymap *m;
        if (gw_setting_def(c, s) || !(m = gw_setting_renamed(c, s)))
            continue;
        const char *why;
        if (!*m->now) {
            gw_report(c, s->key_span, s->key,
                      "'%s' is an old setting that the current %s no longer "
                      "documents; remove it",
                      s->key, profile_name(c));
            continue;
        }
        /* service.Type: a typo of old documentation, not an old name. */
        why = strcasecmp(s->key, m->now) == 0
                  ? gw_arena_printf(c->doc->arena,
                                    "'%s' is an old misspelling of '%s' "
                                    "(keys are case-sensitive); rename it",
                                    s->key, m->now)
                  : gw_arena_printf(c->doc->arena,
                                    "'%s' is the old name of '%s'; rename it",
                                    s->key, m->now);
        if (key_is_literal(c, s))
            gw_report_fix(c, s->key_span, s->key, key_inner(c, s), m->now,
                          gw_arena_printf(c->doc->arena, "rename to '%s'",
                                          m->now),
                          "%s", why);
        else
            gw_report(c, s->key_span, s->key, "%s", why);
    }
}

const struct gw_check gw_check_legacy_key = {"legacy-key", run_legacy_key};

static void run_wrong_profile_key(struct gw_check_ctx *c)
{
    const char *mine = profile_name(c);
    const char *theirs = c->doc->profile == GW_PROFILE_HELM
                             ? "the Arc extension"
                             : "the Helm chart";
    size_t i;
    for (i = 0; i < c->doc->nsettings; i++) {
        const struct gw_setting *s = &c->doc->settings[i];
        const struct gw_keymap *m;
        const char *now;
        if (gw_setting_def(c, s) || gw_setting_renamed(c, s) ||
            !(m = gw_setting_other(c, s)))
            continue;
        now = mapped_key(c, m, s->key);
        if (!*now)
            gw_report(c, s->key_span, s->key,
                      "'%s' is a setting of %s; the %s has no equivalent "
                      "and ignores it",
                      s->key, theirs, mine);
        else if (key_is_literal(c, s))
            gw_report_fix(c, s->key_span, s->key, key_inner(c, s), now,
                          gw_arena_printf(c->doc->arena, "rename to '%s'",
                                          now),
                          "'%s' is a setting of %s; the %s reads '%s'",
                          s->key, theirs, mine, now);
        else
            gw_report(c, s->key_span, s->key,
                      "'%s' is a setting of %s; the %s reads '%s'", s->key,
                      theirs, mine, now);
    }
}

const struct gw_check gw_check_wrong_profile_key = {"wrong-profile-key",
                                                    run_wrong_profile_key};

/* ---- values ---- */

static bool is_secret_key(const struct gw_check_ctx *c, const char *key)
{
    const struct gw_keydef *k = gw_check_keydef(c, key);
    return k && k->secret;
}

static void run_placeholder_value(struct gw_check_ctx *c)
{
    size_t i;
    for (i = 0; i < c->doc->nsettings; i++) {
        const struct gw_setting *s = &c->doc->settings[i];
        const char *what = NULL;
        if (!gw_check_placeholder(c, s, &what))
            continue;
        if (is_secret_key(c, s->key) || s->value_len > 80)
            gw_report(c, s->value_span, s->key,
                      "'%s' holds %s, not a real value; replace it", s->key,
                      what);
        else
            gw_report(c, s->value_span, s->key,
                      "'%s' is '%s', %s left from a template; replace it "
                      "with the real value",
                      s->key, s->value, what);
    }
}

const struct gw_check gw_check_placeholder_value = {"placeholder-value",
                                                    run_placeholder_value};

static bool parse_long(const char *s, size_t n, long *out)
{
    char buf[32], *end;
    size_t i = 0;
    if (n == 0 || n >= sizeof buf)
        return false;
    if (s[0] == '-' || s[0] == '+')
        i = 1;
    if (i == n)
        return false;
    for (; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    memcpy(buf, s, n);
    buf[n] = '\0';
    errno = 0;
    *out = strtol(buf, &end, 10);
    return errno == 0 && *end == '\0';
}

static bool parse_number(const char *s, size_t n, double *out)
{
    char buf[64], *end;
    size_t i;
    if (n == 0 || n >= sizeof buf)
        return false;
    for (i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]) && s[i] != '.' && s[i] != '-' &&
            s[i] != '+' && s[i] != 'e' && s[i] != 'E')
            return false;
    memcpy(buf, s, n);
    buf[n] = '\0';
    errno = 0;
    *out = strtod(buf, &end);
    return errno == 0 && *end == '\0';
}

/* Kubernetes resource quantity: a decimal number and an optional suffix. */
static bool is_quantity(const char *s, size_t n)
{
    static const char *const sfx[] = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei",
                                      "m",  "k",  "M",  "G",  "T",  "P",
                                      "E",  "",   NULL};
    size_t i = 0, digits = 0;
    const char *const *x;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
    while (i < n && isdigit((unsigned char)s[i]))
        i++, digits++;
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && isdigit((unsigned char)s[i]))
            i++, digits++;
    }
    if (!digits)
        return false;
    if (i < n && (s[i] == 'e' || s[i] == 'E') && i + 1 < n &&
        (isdigit((unsigned char)s[i + 1]) || s[i + 1] == '+' ||
         s[i + 1] == '-')) {
        long e;
        return parse_long(s + i + 1, n - i - 1, &e);
    }
    for (x = sfx; *x; x++)
        if (n - i == strlen(*x) && memcmp(s + i, *x, n - i) == 0)
            return true;
    return false;
}

static bool is_hostport(const char *s, size_t n)
{
    const char *colon;
    long port;
    size_t i;
    if (n == 0)
        return false;
    colon = memchr(s, ':', n);
    if (s[0] == '[') {
        const char *close = memchr(s, ']', n);
        if (!close || close + 1 >= s + n || close[1] != ':')
            return false;
        colon = close + 1;
    } else {
        const char *last = colon;
        while (last && (last = memchr(last + 1, ':', n - (size_t)(last + 1 - s))))
            colon = last;
    }
    if (!colon || colon == s)
        return false;
    if (s[0] != '[')
        for (i = 0; i < (size_t)(colon - s); i++)
            if (!isalnum((unsigned char)s[i]) && s[i] != '.' && s[i] != '-' &&
                s[i] != '_')
                return false;
    return parse_long(colon + 1, n - (size_t)(colon + 1 - s), &port) &&
           port >= 1 && port <= 65535;
}

/* The enum value nearest to `v`: a case-insensitive match first. */
static const char *nearest_value(const struct gw_keydef *k, const char *v)
{
    const char *best = NULL;
    unsigned bestd = 3, d;
    size_t i;
    for (i = 0; i < k->nvalues; i++)
        if (strcasecmp(k->values[i], v) == 0)
            return k->values[i];
    for (i = 0; i < k->nvalues; i++) {
        d = gw_edit_distance(v, k->values[i], true, bestd);
        if (d < bestd) {
            bestd = d;
            best = k->values[i];
        }
    }
    return best;
}

static void join_values(struct gw_buf *b, const struct gw_keydef *k)
{
    size_t i;
    for (i = 0; i < k->nvalues; i++)
        gw_buf_printf(b, "%s'%s'",
                      i == 0 ? "" : i + 1 == k->nvalues ? " or " : ", ",
                      k->values[i]);
}

/* A number outside the key's min/max; either bound may be absent. */
static void out_of_range(struct gw_check_ctx *c, const struct gw_setting *s,
                         const struct gw_keydef *k, const char *v)
{
    if (k->has_min && k->has_max)
        gw_report(c, s->value_span, s->key, "'%s' is %s, outside %g-%g",
                  s->key, v, k->min, k->max);
    else if (k->has_min)
        gw_report(c, s->value_span, s->key,
                  "'%s' is %s, below the minimum of %g", s->key, v, k->min);
    else
        gw_report(c, s->value_span, s->key,
                  "'%s' is %s, above the maximum of %g", s->key, v, k->max);
}

/* Helm reads values files as YAML 1.1, where an unquoted True, yes or
 * off is a boolean, and --set makes true and false of any case one. */
static bool helm_bool(const struct gw_setting *s)
{
    static const char *const words[] = {"true", "false", "yes", "no", "on",
                                        "off",  "y",     "n",   NULL};
    const char *const *w;
    if (s->vkind == GW_VAL_BOOL)
        return true;
    if (s->quoted || s->vkind != GW_VAL_STRING)
        return false;
    for (w = words; *w; w++)
        if (strcasecmp(s->value, *w) == 0)
            return true;
    return false;
}

static void invalid_value(struct gw_check_ctx *c, const struct gw_setting *s,
                          const struct gw_keydef *k)
{
    const char *v = s->value;
    size_t n = s->value_len;
    long l;
    double x;
    struct gw_buf b;

    switch (k->type) {
    case GW_KT_BOOL:
        if (strcmp(v, "true") == 0 || strcmp(v, "false") == 0)
            return;
        if (c->doc->profile == GW_PROFILE_HELM && helm_bool(s))
            return;
        if (strcasecmp(v, "true") == 0 || strcasecmp(v, "false") == 0) {
            char lower[6];
            size_t i;
            for (i = 0; i < n && i < 5; i++)
                lower[i] = (char)tolower((unsigned char)v[i]);
            lower[i] = '\0';
            gw_report_fix(c, s->value_span, s->key, gw_value_inner(c, s),
                          lower,
                          gw_arena_printf(c->doc->arena, "write '%s'", lower),
                          "'%s' is '%s'; booleans are lower case: write '%s'",
                          s->key, v, lower);
            return;
        }
        gw_report(c, s->value_span, s->key,
                  "'%s' must be 'true' or 'false', not '%s'", s->key, v);
        return;
    case GW_KT_INT:
        if (!parse_long(v, n, &l)) {
            gw_report(c, s->value_span, s->key,
                      "'%s' must be a whole number, not '%s'", s->key, v);
            return;
        }
        if ((k->has_min && (double)l < k->min) ||
            (k->has_max && (double)l > k->max))
            out_of_range(c, s, k, v);
        return;
    case GW_KT_NUMBER:
        if (!parse_number(v, n, &x)) {
            gw_report(c, s->value_span, s->key,
                      "'%s' must be a number, not '%s'", s->key, v);
            return;
        }
        if ((k->has_min && x < k->min) || (k->has_max && x > k->max))
            out_of_range(c, s, k, v);
        return;
    case GW_KT_PORT:
    case GW_KT_NODEPORT:
        if (!parse_long(v, n, &l))
            gw_report(c, s->value_span, s->key,
                      "'%s' must be a port number, not '%s'", s->key, v);
        return;
    case GW_KT_ENUM: {
        const char *near;
        size_t i;
        if (strcmp(s->key, "service.type") == 0)
            return; /* GW401 */
        for (i = 0; i < k->nvalues; i++)
            if (strcmp(k->values[i], v) == 0)
                return;
        /* The chart lower-cases gateway.auth.type before comparing. */
        if (strcmp(s->key, "gateway.auth.type") == 0)
            for (i = 0; i < k->nvalues; i++)
                if (strcasecmp(k->values[i], v) == 0)
                    return;
        near = nearest_value(k, v);
        gw_buf_init(&b, 0);
        join_values(&b, k);
        if (near && strcasecmp(near, v) == 0)
            gw_report_fix(c, s->value_span, s->key, gw_value_inner(c, s),
                          near,
                          gw_arena_printf(c->doc->arena, "write '%s'", near),
                          "'%s' is '%s'; values are case-sensitive: write "
                          "'%s'",
                          s->key, v, near);
        else if (near)
            gw_report(c, s->value_span, s->key,
                      "'%s' is '%s', not one of %s; did you mean '%s'",
                      s->key, v, gw_buf_str(&b), near);
        else
            gw_report(c, s->value_span, s->key,
                      "'%s' is '%s', not one of %s", s->key, v,
                      gw_buf_str(&b));
        gw_buf_release(&b);
        return;
    }
    case GW_KT_QUANTITY:
        if (!is_quantity(v, n))
            gw_report(c, s->value_span, s->key,
                      "'%s' is '%s', not a Kubernetes quantity such as "
                      "'50Mi' or '1Gi'",
                      s->key, v);
        return;
    case GW_KT_GUID:
        if (!gw_is_guid(v, n))
            gw_report(c, s->value_span, s->key,
                      "'%s' is '%s', not a GUID "
                      "(xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)",
                      s->key, v);
        return;
    case GW_KT_HOSTPORT:
        if (!is_hostport(v, n))
            gw_report(c, s->value_span, s->key,
                      "'%s' is '%s', not 'host:port' (for example "
                      "'statsd.monitoring:8125')",
                      s->key, v);
        return;
    case GW_KT_INT_OR_PERCENT:
        if (parse_long(v, n, &l) && l >= 0)
            return;
        if (n > 1 && v[n - 1] == '%' && parse_long(v, n - 1, &l) && l >= 0) {
            if (l > 100)
                gw_report(c, s->value_span, s->key,
                          "'%s' is '%s', more than 100%%", s->key, v);
            return;
        }
        gw_report(c, s->value_span, s->key,
                  "'%s' is '%s', not a count or a percentage such as '25%%'",
                  s->key, v);
        return;
    case GW_KT_PATH:
        if (n == 0 || v[0] != '/')
            gw_report(c, s->value_span, s->key,
                      "'%s' is '%s'; a path starts with '/'", s->key, v);
        return;
    case GW_KT_ENDPOINT:
        if (gw_blank(v, n))
            gw_report(c, s->value_span, s->key, "'%s' is empty", s->key);
        return;
    case GW_KT_STRING:
    case GW_KT_URI:
    case GW_KT_TOKEN:
    case GW_KT_ARM_ID:
    case GW_KT_BASE64:
    case GW_KT_MAP:
    case GW_KT_LIST:
        return; /* other rules, or anything goes */
    }
}

static void run_invalid_value(struct gw_check_ctx *c)
{
    size_t i;
    for (i = 0; i < c->doc->nsettings; i++) {
        const struct gw_setting *s = &c->doc->settings[i];
        const struct gw_keydef *k = gw_setting_def(c, s);
        if (!k || s->dynamic || s->vkind == GW_VAL_MAP ||
            s->vkind == GW_VAL_SEQ || s->vkind == GW_VAL_NULL)
            continue;
        if (k->required && gw_blank(s->value, s->value_len))
            continue; /* GW102 */
        if (strncmp(s->key, "monitoring.", 11) == 0)
            continue; /* GW702 */
        if (gw_check_placeholder(c, s, NULL))
            continue; /* GW106 */
        invalid_value(c, s, k);
    }
}

const struct gw_check gw_check_invalid_value = {"invalid-value",
                                                run_invalid_value};

static void run_missing_dependent_key(struct gw_check_ctx *c)
{
    const struct gw_catalog *cat = c->catalog;
    size_t i;
    for (i = 0; i < cat->nkeys; i++) {
        const struct gw_keydef *k = &cat->keys[i];
        const struct gw_setting *on, *have;
        /* A key with no value (YAML null) is not set: Helm drops it. */
        if (!k->req_key || ((have = gw_doc_get(c->doc, k->key)) &&
                            have->vkind != GW_VAL_NULL))
            continue;
        on = gw_doc_get(c->doc, k->req_key);
        if (!on || on->dynamic || strcasecmp(on->value, k->req_value) != 0)
            continue;
        gw_report(c, on->value_span, k->key,
                  "'%s' is '%s', which needs '%s', but it is not set",
                  on->key, on->value, k->key);
    }
}

const struct gw_check gw_check_missing_dependent_key = {
    "missing-dependent-key", run_missing_dependent_key};
