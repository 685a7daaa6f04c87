/* Checks of the gateway token (GW201-GW205). The signature is never put
 * into a message; the gateway id and expiry may be. */
#include "check.h"

#include <string.h>

#include "catalog.h"
#include "value.h"

#define DAY 86400L

/* The settings that hold a token: a token-typed key, or an old or other
 * spelling of one. Calls fn for each literal, non-placeholder value. */
static void each_token(struct gw_check_ctx *c,
                       void (*fn)(struct gw_check_ctx *,
                                  const struct gw_setting *,
                                  const struct gw_token *))
{
    size_t i;
    for (i = 0; i < c->doc->nsettings; i++) {
        const struct gw_setting *s = &c->doc->settings[i];
        const struct gw_keydef *k = gw_setting_keydef(c, s);
        struct gw_token t;
        if (!k || k->type != GW_KT_TOKEN || s->dynamic ||
            s->vkind != GW_VAL_STRING || gw_blank(s->value, s->value_len) ||
            gw_check_placeholder(c, s, NULL))
            continue;
        gw_token_parse(s->value, s->value_len, &t);
        fn(c, s, &t);
    }
}

/* A variable's name where the token should be, in a file: nothing
 * expands it (on a command line, single quotes are GW814's; the value is
 * dynamic then). The generic "no '&'" would send the user looking at a
 * token that is not there. */
static void unexpanded(struct gw_check_ctx *c, const struct gw_setting *s)
{
    gw_report(c, s->value_span, s->key,
              "'%s' is the text '%s', but nothing expands variables in this "
              "file, so the gateway would get the name, not the token; "
              "substitute it before deploying (envsubst, a replace-tokens "
              "step) and lint the result, or pass the token on the command "
              "line",
              s->key, s->value);
}

static void format_one(struct gw_check_ctx *c, const struct gw_setting *s,
                       const struct gw_token *t)
{
    struct gw_span at = gw_value_span(c, s, t->err_off, t->err_len);
    struct gw_span ins = gw_value_span(c, s, 0, 0);
    const char *k = s->key;

    if (t->error != GW_TOKEN_OK && !s->origin &&
        gw_is_var_ref(s->value, s->value_len)) {
        unexpanded(c, s);
        return;
    }
    switch (t->error) {
    case GW_TOKEN_OK:
        return;
    case GW_TOKEN_NO_PREFIX:
        if (ins.end == ins.start)
            gw_report_fix(c, s->value_span, k, ins, "GatewayKey ",
                          "add the 'GatewayKey ' prefix",
                          "'%s' lacks the 'GatewayKey ' prefix; the "
                          "generateToken API returns the token without it, "
                          "so prepend 'GatewayKey '",
                          k);
        else
            gw_report(c, s->value_span, k,
                      "'%s' lacks the 'GatewayKey ' prefix; the "
                      "generateToken API returns the token without it, so "
                      "prepend 'GatewayKey '",
                      k);
        return;
    case GW_TOKEN_BAD_PREFIX:
        gw_report(c, at, k,
                  "'%s' must start with 'GatewayKey' and exactly one space, "
                  "spelled that way",
                  k);
        return;
    case GW_TOKEN_PARTS:
        if (t->nparts == 1)
            gw_report(c, s->value_span, k,
                      "'%s' is not a gateway token: expected 'GatewayKey "
                      "<gateway-id>&<yyyyMMddHHmm>&<signature>', found no "
                      "'&'",
                      k);
        else
            gw_report(c, s->value_span, k,
                      "'%s' is not a gateway token: expected 'GatewayKey "
                      "<gateway-id>&<yyyyMMddHHmm>&<signature>', found %u "
                      "parts separated by '&'",
                      k, t->nparts);
        return;
    case GW_TOKEN_EMPTY_ID:
        gw_report(c, at, k,
                  "'%s' has an empty gateway id before the first '&'", k);
        return;
    case GW_TOKEN_EXPIRY_DIGITS:
        gw_report(c, at, k,
                  "'%s' has a bad expiry '%.*s': expected 12 digits "
                  "yyyyMMddHHmm (UTC) between the two '&'",
                  k, (int)(t->exp_len > 20 ? 20 : t->exp_len),
                  s->value + t->exp_off);
        return;
    case GW_TOKEN_EXPIRY_DATE:
        gw_report(c, at, k,
                  "'%s' has a bad expiry '%.*s': that is no date and time "
                  "(yyyyMMddHHmm, UTC)",
                  k, (int)t->exp_len, s->value + t->exp_off);
        return;
    case GW_TOKEN_SIG_EMPTY:
        gw_report(c, at, k, "'%s' has an empty signature after the last '&'",
                  k);
        return;
    case GW_TOKEN_SIG_BASE64: {
        /* Say what is wrong without echoing any of the signature. */
        size_t bad = 0;
        if (t->nparts > 3)
            gw_report(c, at, k,
                      "'%s' has a bad signature: %u parts separated by '&' "
                      "where a token has 3; an '&' in or after the "
                      "signature does not belong there",
                      k, t->nparts);
        else if (!gw_is_base64(s->value + t->sig_off, t->sig_len, &bad) &&
                 bad < t->sig_len)
            gw_report(c, at, k,
                      "'%s' has a bad signature: it holds characters that "
                      "are not base64 (A-Z a-z 0-9 + / and '=' padding; "
                      "base64url's '-' and '_' are not accepted)",
                      k);
        else
            gw_report(c, at, k,
                      "'%s' has a bad signature: %zu characters, not a "
                      "multiple of 4, so the base64 is cut off or lost its "
                      "'=' padding (a gateway token signature has 88)",
                      k, t->sig_len);
        return;
    }
    }
}

static void run_token_format(struct gw_check_ctx *c)
{
    each_token(c, format_one);
}

const struct gw_check gw_check_token_format = {"token-format",
                                               run_token_format};

static void expired_one(struct gw_check_ctx *c, const struct gw_setting *s,
                        const struct gw_token *t)
{
    char when[32];
    if (!t->has_expiry || t->expiry > c->opts->now)
        return;
    gw_format_utc(t->expiry, when, sizeof when);
    gw_report(c, gw_value_span(c, s, t->exp_off, t->exp_len), s->key,
              "%s: token expired on %s; generate a new one under Gateways > "
              "Deployment",
              s->key, when);
}

static void run_token_expired(struct gw_check_ctx *c)
{
    each_token(c, expired_one);
}

const struct gw_check gw_check_token_expired = {"token-expired",
                                                run_token_expired};

static void expiring_one(struct gw_check_ctx *c, const struct gw_setting *s,
                         const struct gw_token *t)
{
    char when[32];
    long left;
    if (!t->has_expiry || t->expiry <= c->opts->now ||
        t->expiry > c->opts->now + c->opts->expiring_days * DAY)
        return;
    left = (long)(t->expiry - c->opts->now);
    gw_format_utc(t->expiry, when, sizeof when);
    if (left < 3600)
        gw_report(c, gw_value_span(c, s, t->exp_off, t->exp_len), s->key,
                  "%s: token expires on %s, in %ld minute%s; generate a new "
                  "one under Gateways > Deployment before it does",
                  s->key, when, left / 60, left / 60 == 1 ? "" : "s");
    else if (left < DAY)
        gw_report(c, gw_value_span(c, s, t->exp_off, t->exp_len), s->key,
                  "%s: token expires on %s, in %ld hour%s; generate a new "
                  "one under Gateways > Deployment before it does",
                  s->key, when, left / 3600, left / 3600 == 1 ? "" : "s");
    else
        gw_report(c, gw_value_span(c, s, t->exp_off, t->exp_len), s->key,
                  "%s: token expires on %s, in %ld day%s; generate a new one "
                  "under Gateways > Deployment before it does",
                  s->key, when, left / DAY, left / DAY == 1 ? "" : "s");
}

static void run_token_expiring(struct gw_check_ctx *c)
{
    each_token(c, expiring_one);
}

const struct gw_check gw_check_token_expiring = {"token-expiring",
                                                 run_token_expiring};

static void lifetime_one(struct gw_check_ctx *c, const struct gw_setting *s,
                         const struct gw_token *t)
{
    char when[32];
    long days;
    if (!t->has_expiry || t->expiry <= c->opts->now + 30 * DAY)
        return;
    gw_format_utc(t->expiry, when, sizeof when);
    /* Whole days, but never "30 days away" for 30 days and some hours. */
    days = (long)((t->expiry - c->opts->now) / DAY);
    gw_report(c, gw_value_span(c, s, t->exp_off, t->exp_len), s->key,
              "%s: token expiry %s is %s%ld days away; Azure issues gateway "
              "tokens for at most 30 days, so the expiry is mistyped or the "
              "token was not made by Azure",
              s->key, when, days == 30 ? "more than " : "", days);
}

static void run_token_lifetime(struct gw_check_ctx *c)
{
    each_token(c, lifetime_one);
}

const struct gw_check gw_check_token_lifetime = {"token-lifetime",
                                                 run_token_lifetime};

static void run_secret_not_protected(struct gw_check_ctx *c)
{
    size_t i;
    for (i = 0; i < c->doc->nsettings; i++) {
        const struct gw_setting *s = &c->doc->settings[i];
        const struct gw_keydef *k = gw_setting_keydef(c, s);
        if (!k || !k->secret || s->prot != GW_PROT_PLAIN)
            continue;
        if (s->origin)
            gw_report(c, s->key_span, s->key,
                      "'%s' is passed with %s, so anyone who can read the "
                      "extension sees it; pass it with "
                      "--config-protected-settings instead",
                      s->key, s->origin);
        else if (strcmp(c->doc->input_type, "tfplan") == 0)
            gw_report(c, s->key_span, s->key,
                      "'%s' is in plain configuration_settings, which anyone "
                      "who can read the extension sees; move it to "
                      "configuration_protected_settings",
                      s->key);
        else
            gw_report(c, s->key_span, s->key,
                      "'%s' is in plain configurationSettings, which anyone "
                      "who can read the extension sees; move it to "
                      "configurationProtectedSettings",
                      s->key);
    }
}

const struct gw_check gw_check_secret_not_protected = {
    "secret-not-protected", run_secret_not_protected};
