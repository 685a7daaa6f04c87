/* Checks of the configuration URI (GW301-GW307): which endpoint of which
 * instance it names, and whether the gateway v2 can use it. */
#include "check.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "catalog.h"
#include "mem.h"
#include "value.h"

enum endpoint {
    EP_V2, EP_V1, EP_GATEWAY, EP_REGIONAL, EP_DEVELOPER, EP_PORTAL, EP_SCM,
    EP_OTHER_AZURE, EP_CUSTOM
};

struct uri {
    size_t scheme_len;        /* "https" (without "://"), 0 when bare */
    size_t host_off, host_len;
    size_t name_len;          /* instance label within the host */
    size_t path_off, path_len; /* from the first '/' after the host */
    size_t query_off, query_len; /* from '?' */
    const char *suffix;       /* "azure-api.net", ... or NULL */
    enum endpoint ep;
    size_t bad_off;           /* GW301: where, or SIZE_MAX when fine */
    size_t bad_len;           /* bytes: a whole UTF-8 character, or '..' */
    bool bad_char;            /* the finding names the character */
    const char *bad_why;
};

static const char *const suffixes[] = {".azure-api.net", ".azure-api.us",
                                       ".azure-api.cn", NULL};

static bool host_char(char ch)
{
    return isalnum((unsigned char)ch) || ch == '-' || ch == '.' ||
           ch == '$' || ch == '{' || ch == '}' || ch == '(' || ch == ')' ||
           ch == '_';
}

/* The position after the character at p, or in a dynamic value after the
 * expression there (${{ ... }}, ${...}, $(...)), whose dots and slashes
 * belong to it, not to the URI. */
static size_t step(const char *v, size_t n, size_t p, bool dynamic)
{
    char open, close;
    int depth = 0;
    if (!dynamic || p + 1 >= n || v[p] != '$' ||
        (v[p + 1] != '{' && v[p + 1] != '('))
        return p + 1;
    open = v[p + 1];
    close = open == '{' ? '}' : ')';
    for (p++; p < n; p++) {
        if (v[p] == open)
            depth++;
        else if (v[p] == close && --depth == 0)
            return p + 1;
    }
    return n;
}

static void parse(const char *v, size_t n, bool dynamic, struct uri *u)
{
    const char *sep;
    size_t p = 0, i, hl;
    const char *const *sx;
    const char *host;

    memset(u, 0, sizeof *u);
    u->bad_off = (size_t)-1;
    sep = strstr(v, "://");
    if (sep && (size_t)(sep - v) < n) {
        u->scheme_len = (size_t)(sep - v);
        p = u->scheme_len + 3;
    }
    u->host_off = p;
    while (p < n && v[p] != '/' && v[p] != '?' && v[p] != '#' && v[p] != ':')
        p = step(v, n, p, dynamic);
    u->host_len = p - u->host_off;
    if (p < n && v[p] == ':') {
        p++;
        while (p < n && isdigit((unsigned char)v[p]))
            p++;
    }
    u->path_off = p;
    while (p < n && v[p] != '?' && v[p] != '#')
        p++;
    u->path_len = p - u->path_off;
    u->query_off = p;
    u->query_len = n - p;

    u->bad_len = 1;
    for (i = 0; i < n; i++)
        if (isspace((unsigned char)v[i]) && !dynamic) {
            u->bad_off = i;
            u->bad_why = "contains white space";
            break;
        }
    host = v + u->host_off;
    hl = u->host_len;
    if (u->bad_off == (size_t)-1 && !dynamic) {
        if (hl == 0) {
            u->bad_off = u->host_off;
            u->bad_why = "has no host name";
        } else if (host[0] == '.') {
            u->bad_off = u->host_off;
            u->bad_why = "has an empty instance name before the first '.'";
        } else {
            for (i = 0; i < hl; i++)
                if (!host_char(host[i]) || host[i] == '_' ||
                    (host[i] == '.' && i + 1 < hl && host[i + 1] == '.')) {
                    u->bad_off = u->host_off + i;
                    if (host[i] == '.') {
                        u->bad_len = 2;
                        u->bad_why = "has an empty label ('..')";
                    } else {
                        /* the whole character, so that a span never ends
                         * inside a UTF-8 sequence */
                        while (((unsigned char)host[i] & 0x80) &&
                               u->bad_off + u->bad_len < n &&
                               u->bad_len < 4 &&
                               ((unsigned char)v[u->bad_off + u->bad_len] &
                                0xC0) == 0x80)
                            u->bad_len++;
                        u->bad_char = true;
                        u->bad_why = "has a character that no host name may "
                                     "contain";
                    }
                    break;
                }
        }
    }

    u->ep = EP_CUSTOM;
    for (sx = suffixes; *sx; sx++) {
        size_t sl = strlen(*sx);
        const char *lab;
        size_t ll, dot;
        if (hl < sl || strncasecmp(host + hl - sl, *sx, sl) != 0)
            continue;
        u->suffix = *sx + 1;
        ll = hl - sl;
        lab = host;
        for (dot = 0; dot < ll && lab[dot] != '.';)
            dot = step(lab, ll, dot, dynamic);
        u->name_len = dot;
        if (dot == ll) {
            u->ep = EP_GATEWAY;
        } else {
            const char *kind = lab + dot + 1;
            size_t kl = ll - dot - 1;
#define IS(w) (kl == strlen(w) && strncasecmp(kind, w, kl) == 0)
            if (IS("configuration"))
                u->ep = EP_V2;
            else if (IS("management"))
                u->ep = EP_V1;
            else if (IS("developer"))
                u->ep = EP_DEVELOPER;
            else if (IS("portal"))
                u->ep = EP_PORTAL;
            else if (IS("scm"))
                u->ep = EP_SCM;
            else if (IS("regional"))
                u->ep = EP_REGIONAL;
            else
                u->ep = EP_OTHER_AZURE;
#undef IS
        }
        break;
    }
}

/* The URI settings: uri-typed keys and their old or other spellings. */
static void each_uri(struct gw_check_ctx *c,
                     void (*fn)(struct gw_check_ctx *,
                                const struct gw_setting *,
                                const struct uri *))
{
    size_t i;
    for (i = 0; i < c->doc->nsettings; i++) {
        const struct gw_setting *s = &c->doc->settings[i];
        const struct gw_keydef *k = gw_setting_keydef(c, s);
        struct gw_doc_cache *m = c->doc->cache;
        struct uri u, *up = &u;
        if (!k || k->type != GW_KT_URI || s->vkind != GW_VAL_STRING ||
            gw_blank(s->value, s->value_len) ||
            gw_check_placeholder(c, s, NULL))
            continue;
        if (m && m->uri_of == s) {
            up = m->uri;
        } else {
            parse(s->value, s->value_len, s->dynamic, &u);
            if (m) {
                if (!m->uri)
                    m->uri = gw_arena_alloc(c->doc->arena, sizeof u);
                memcpy(m->uri, &u, sizeof u);
                m->uri_of = s;
            }
        }
        fn(c, s, up);
    }
}

static struct gw_span host_span(struct gw_check_ctx *c,
                                const struct gw_setting *s,
                                const struct uri *u)
{
    return gw_value_span(c, s, u->host_off, u->host_len);
}

/* "contoso.configuration.azure-api.net" for the instance of `u`. */
static const char *v2_host(struct gw_check_ctx *c, const struct gw_setting *s,
                           const struct uri *u, size_t name_len)
{
    return gw_arena_printf(c->doc->arena, "%.*s.configuration.%s",
                           (int)name_len, s->value + u->host_off,
                           u->suffix ? u->suffix : "azure-api.net");
}

/* A v1 URI's path: /subscriptions/<guid>/resourceGroups/<rg>/providers/
 * Microsoft.ApiManagement/service/<name>, with an optional api-version. */
static bool v1_path_ok(const char *v, const struct uri *u)
{
    struct gw_arm_id id;
    return u->path_len > 0 &&
           gw_arm_id_parse(v + u->path_off, u->path_len, &id) &&
           id.ns_len == 23 &&
           strncasecmp(v + u->path_off + id.ns_off, "Microsoft.ApiManagement",
                       23) == 0 &&
           id.type_len == 7 &&
           strncasecmp(v + u->path_off + id.type_off, "service", 7) == 0;
}

/* No path at all (or only "/"): the management host alone, which is the
 * v1 endpoint named wrongly rather than a v1 URL with a broken path. */
static bool no_path(const char *v, const struct uri *u)
{
    return u->path_len == 0 || (u->path_len == 1 && v[u->path_off] == '/');
}

static void malformed_one(struct gw_check_ctx *c, const struct gw_setting *s,
                          const struct uri *u)
{
    if (u->bad_off != (size_t)-1) {
        const char *what = u->bad_why;
        if (u->bad_char)
            what = gw_arena_printf(c->doc->arena, "%s ('%.*s')", what,
                                   (int)u->bad_len, s->value + u->bad_off);
        gw_report(c, gw_value_span(c, s, u->bad_off, u->bad_len), s->key,
                  "'%s' is not a valid host or https URL: it %s; write "
                  "'<apim-name>.configuration.%s', with or without "
                  "'https://'",
                  s->key, what, u->suffix ? u->suffix : "azure-api.net");
        return;
    }
    if (u->ep == EP_V1 && !s->dynamic && !no_path(s->value, u) &&
        !v1_path_ok(s->value, u))
        gw_report(c, gw_value_span(c, s, u->path_off, u->path_len), s->key,
                  "'%s' is a v1 management URL with a malformed path "
                  "(expected /subscriptions/<id>/resourceGroups/<group>/"
                  "providers/Microsoft.ApiManagement/service/<name>); the "
                  "gateway v2 needs '%s' instead",
                  s->key, v2_host(c, s, u, u->name_len));
}

static void run_uri_malformed(struct gw_check_ctx *c)
{
    each_uri(c, malformed_one);
}

const struct gw_check gw_check_uri_malformed = {"uri-malformed",
                                                run_uri_malformed};

static void scheme_one(struct gw_check_ctx *c, const struct gw_setting *s,
                       const struct uri *u)
{
    struct gw_span sp;
    if (u->scheme_len == 0 ||
        (u->scheme_len == 5 && strncasecmp(s->value, "https", 5) == 0))
        return;
    sp = gw_value_span(c, s, 0, u->scheme_len);
    if (u->scheme_len == 4 && strncasecmp(s->value, "http", 4) == 0 &&
        sp.end - sp.start == 4)
        gw_report_fix(c, sp, s->key, sp, "https", "use https",
                      "'%s' uses http://; the gateway reaches its "
                      "configuration endpoint over HTTPS only: use https://",
                      s->key);
    else
        gw_report(c, sp, s->key,
                  "'%s' uses the scheme '%.*s'; use https:// or the bare "
                  "host name",
                  s->key, (int)(u->scheme_len > 20 ? 20 : u->scheme_len),
                  s->value);
}

static void run_uri_scheme(struct gw_check_ctx *c)
{
    each_uri(c, scheme_one);
}

const struct gw_check gw_check_uri_scheme = {"uri-scheme", run_uri_scheme};

static void v1_one(struct gw_check_ctx *c, const struct gw_setting *s,
                   const struct uri *u)
{
    if (u->ep != EP_V1 || (!s->dynamic && !no_path(s->value, u) &&
                           !v1_path_ok(s->value, u)))
        return;
    gw_report(c, host_span(c, s, u), s->key,
              "'%s' is the v1 management endpoint, which the self-hosted "
              "gateway v2 does not support; use the v2 configuration "
              "endpoint '%s'",
              s->key, v2_host(c, s, u, u->name_len));
}

static void run_uri_v1_endpoint(struct gw_check_ctx *c)
{
    each_uri(c, v1_one);
}

const struct gw_check gw_check_uri_v1_endpoint = {"uri-v1-endpoint",
                                                  run_uri_v1_endpoint};

static void wrong_one(struct gw_check_ctx *c, const struct gw_setting *s,
                      const struct uri *u)
{
    const char *what;
    size_t name_len = u->name_len;
    switch (u->ep) {
    case EP_GATEWAY:
        what = "the gateway (proxy) endpoint";
        break;
    case EP_REGIONAL: {
        /* <name>-<region>-01.regional: the instance is before the region */
        const char *v = s->value + u->host_off;
        size_t dashes = 0;
        while (name_len > 0 && dashes < 2) {
            name_len--;
            if (v[name_len] == '-')
                dashes++;
        }
        if (dashes < 2)
            name_len = u->name_len;
        what = "a regional gateway endpoint";
        break;
    }
    case EP_DEVELOPER:
        what = "the developer portal";
        break;
    case EP_PORTAL:
        what = "the legacy publisher portal";
        break;
    case EP_SCM:
        what = "the Git (SCM) endpoint";
        break;
    case EP_OTHER_AZURE:
        what = "another host";
        break;
    case EP_V2:
    case EP_V1:
    case EP_CUSTOM:
    default:
        return;
    }
    if (u->bad_off != (size_t)-1) /* a malformed host is GW301's */
        return;
    gw_report(c, host_span(c, s, u), s->key,
              "'%s' names %s of the instance, not its configuration endpoint; "
              "use '%s'",
              s->key, what, v2_host(c, s, u, name_len));
}

static void run_uri_wrong_endpoint(struct gw_check_ctx *c)
{
    each_uri(c, wrong_one);
}

const struct gw_check gw_check_uri_wrong_endpoint = {"uri-wrong-endpoint",
                                                     run_uri_wrong_endpoint};

static void custom_one(struct gw_check_ctx *c, const struct gw_setting *s,
                       const struct uri *u)
{
    if (u->ep != EP_CUSTOM || s->dynamic || u->bad_off != (size_t)-1)
        return;
    gw_report(c, host_span(c, s, u), s->key,
              "'%s' uses the host '%.*s', outside azure-api.net; fine if it "
              "is a custom domain of the instance's configuration endpoint "
              "(v2), otherwise use '<apim-name>.configuration.azure-api.net'",
              s->key, (int)u->host_len, s->value + u->host_off);
}

static void run_uri_custom_host(struct gw_check_ctx *c)
{
    each_uri(c, custom_one);
}

const struct gw_check gw_check_uri_custom_host = {"uri-custom-host",
                                                  run_uri_custom_host};

static void mismatch_one(struct gw_check_ctx *c, const struct gw_setting *s,
                         const struct uri *u)
{
    const struct gw_ctx_value *apim = &c->doc->ctx->apim_name;
    const char *name = s->value + u->host_off;
    if (!apim->value || s->dynamic || u->name_len == 0 ||
        (u->ep != EP_V2 && u->ep != EP_V1))
        return;
    if (strlen(apim->value) == u->name_len &&
        strncasecmp(apim->value, name, u->name_len) == 0)
        return;
    gw_report(c, gw_value_span(c, s, u->host_off, u->name_len), s->key,
              "'%s' names the instance '%.*s', but the API Management "
              "instance is '%s' (from %s); the gateway would fetch another "
              "instance's configuration or fail to authenticate",
              s->key, (int)u->name_len, name, apim->value, apim->origin);
}

static void run_uri_instance_mismatch(struct gw_check_ctx *c)
{
    each_uri(c, mismatch_one);
}

const struct gw_check gw_check_uri_instance_mismatch = {
    "uri-instance-mismatch", run_uri_instance_mismatch};

static void extra_path_one(struct gw_check_ctx *c, const struct gw_setting *s,
                           const struct uri *u)
{
    size_t n = u->path_len + u->query_len;
    if (u->ep != EP_V2 || s->dynamic ||
        (u->query_len == 0 &&
         (u->path_len == 0 || (u->path_len == 1 &&
                               s->value[u->path_off] == '/'))))
        return;
    gw_report(c, gw_value_span(c, s, u->path_off, n), s->key,
              "'%s' adds a path or query to the v2 configuration endpoint, "
              "which takes none; use 'https://%.*s'",
              s->key, (int)u->host_len, s->value + u->host_off);
}

static void run_uri_extra_path(struct gw_check_ctx *c)
{
    each_uri(c, extra_path_one);
}

const struct gw_check gw_check_uri_extra_path = {"uri-extra-path",
                                                 run_uri_extra_path};
