/* Checks of the deployment context (GW501-GW503, GW601-GW603): the
 * cluster's region and the API Management tier. A value written in a file
 * (--apim, --cluster, the config) is reported there, once, in the context
 * pass; a value from a flag is reported on each linted document. */
#include "check.h"

#include <ctype.h>
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catalog.h"
#include "mem.h"
#include "ruleset.h"

/* Lower case without spaces, '-' or '_': "East US 2" -> "eastus2". */
static void norm(const char *s, char *out, size_t n)
{
    size_t j = 0;
    for (; *s && j + 1 < n; s++)
        if (!isspace((unsigned char)*s) && *s != '-' && *s != '_')
            out[j++] = (char)tolower((unsigned char)*s);
    out[j] = '\0';
}

/* Should this pass report on `v`? A value written in a context file is
 * reported in the context pass; one from a flag, or from resources of the
 * linted file itself (a template or plan), with the document. */
static bool mine(const struct gw_check_ctx *c, const struct gw_ctx_value *v)
{
    if (!v->value)
        return false;
    if (c->doc->context_pass)
        return v->src != NULL;
    return !v->src || v->src == c->doc->src;
}

static void report_ctx(struct gw_check_ctx *c, const struct gw_ctx_value *v,
                       const char *msg)
{
    if (v->src)
        gw_report_in(c, v->src, v->span, NULL, "%s", msg);
    else
        gw_report(c, c->doc->anchor, NULL, "%s", msg);
}

static const struct gw_region *find_region(const struct gw_check_ctx *c,
                                           const char *name)
{
    size_t n, i;
    const struct gw_region *r = gw_ruleset_regions(c->rs, &n);
    char want[64], have[64];
    norm(name, want, sizeof want);
    for (i = 0; i < n; i++) {
        norm(r[i].name, have, sizeof have);
        if (strcmp(want, have) == 0)
            return &r[i];
        norm(r[i].display, have, sizeof have);
        if (strcmp(want, have) == 0)
            return &r[i];
        if (r[i].doc) {
            norm(r[i].doc, have, sizeof have);
            if (strcmp(want, have) == 0)
                return &r[i];
        }
    }
    return NULL;
}

static void run_region_unsupported(struct gw_check_ctx *c)
{
    const struct gw_ctx_value *v = &c->doc->ctx->region;
    const struct gw_region *r;
    if (!mine(c, v) || !(r = find_region(c, v->value)) || r->supported)
        return;
    report_ctx(c, v,
               gw_arena_printf(c->doc->arena,
                               "region '%s' (from %s) is an Azure region "
                               "where the API Management gateway extension "
                               "is not offered; connect the cluster in a "
                               "supported region (gwlint explain GW501 "
                               "lists them)",
                               v->value, v->origin));
}

const struct gw_check gw_check_region_unsupported = {
    "region-unsupported", run_region_unsupported};

static void run_region_unknown(struct gw_check_ctx *c)
{
    const struct gw_ctx_value *v = &c->doc->ctx->region;
    const struct gw_region *r, *best = NULL;
    size_t n, i;
    unsigned bestd = 4, d;
    char want[64], have[64];

    if (!mine(c, v) || find_region(c, v->value))
        return;
    norm(v->value, want, sizeof want);
    r = gw_ruleset_regions(c->rs, &n);
    for (i = 0; i < n; i++) {
        norm(r[i].name, have, sizeof have);
        d = gw_edit_distance(want, have, true, bestd);
        if (d < bestd) {
            bestd = d;
            best = &r[i];
        }
    }
    if (best)
        report_ctx(c, v,
                   gw_arena_printf(c->doc->arena,
                                   "region '%s' (from %s) is not an Azure "
                                   "region; did you mean '%s' (%s)",
                                   v->value, v->origin, best->name,
                                   best->display));
    else
        report_ctx(c, v,
                   gw_arena_printf(c->doc->arena,
                                   "region '%s' (from %s) is not an Azure "
                                   "region name such as 'eastus2' or "
                                   "'West Europe'",
                                   v->value, v->origin));
}

const struct gw_check gw_check_region_unknown = {"region-unknown",
                                                 run_region_unknown};

static void run_context_missing(struct gw_check_ctx *c)
{
    const struct gw_context *x = c->doc->ctx;
    if (!c->opts->require_context || c->doc->context_pass)
        return;
    if (!x->region.value)
        gw_report(c, c->doc->anchor, NULL,
                  "the cluster's region is unknown, so gwlint cannot check "
                  "that the extension is offered there; pass --region or "
                  "--cluster, or set context.region in .gwlint.yaml");
    if (!x->tier.value)
        gw_report(c, c->doc->anchor, NULL,
                  "the API Management tier is unknown, so gwlint cannot "
                  "check that it supports self-hosted gateways; pass --tier "
                  "or --apim, or set context.tier in .gwlint.yaml");
}

const struct gw_check gw_check_context_missing = {"context-missing",
                                                  run_context_missing};

/* A tier name: "Premium", "premium", "Premium v2", "Developer_1". */
static const struct gw_tier *find_tier(const struct gw_check_ctx *c,
                                       const char *name)
{
    size_t n, i;
    const struct gw_tier *t = gw_ruleset_tiers(c->rs, &n);
    char want[64], have[64], *us;
    norm(name, want, sizeof want);
    /* Terraform writes "<Name>_<capacity>"; norm() dropped the '_', so
     * strip trailing digits after a known name instead. */
    us = strchr(name, '_');
    if (us) {
        char base[64];
        snprintf(base, sizeof base, "%.*s", (int)(us - name), name);
        norm(base, want, sizeof want);
    }
    for (i = 0; i < n; i++) {
        norm(t[i].name, have, sizeof have);
        if (strcmp(want, have) == 0)
            return &t[i];
    }
    return NULL;
}

static void run_tier_ineligible(struct gw_check_ctx *c)
{
    const struct gw_ctx_value *v = &c->doc->ctx->tier;
    const struct gw_tier *t;
    if (!mine(c, v) || !(t = find_tier(c, v->value)) || t->eligible)
        return;
    report_ctx(c, v,
               gw_arena_printf(c->doc->arena,
                               "the API Management tier '%s' (from %s) has "
                               "no self-hosted gateways; only the Developer "
                               "and Premium tiers do",
                               v->value, v->origin));
}

const struct gw_check gw_check_tier_ineligible = {"tier-ineligible",
                                                  run_tier_ineligible};

static void run_tier_unknown(struct gw_check_ctx *c)
{
    const struct gw_ctx_value *v = &c->doc->ctx->tier;
    const struct gw_tier *t, *best = NULL;
    size_t n, i;
    unsigned bestd = 3, d;

    if (!mine(c, v) || find_tier(c, v->value))
        return;
    t = gw_ruleset_tiers(c->rs, &n);
    for (i = 0; i < n; i++) {
        d = gw_edit_distance(v->value, t[i].name, true, bestd);
        if (d < bestd) {
            bestd = d;
            best = &t[i];
        }
    }
    report_ctx(c, v,
               best ? gw_arena_printf(c->doc->arena,
                                      "'%s' (from %s) is not an API "
                                      "Management tier; did you mean '%s'",
                                      v->value, v->origin, best->name)
                    : gw_arena_printf(c->doc->arena,
                                      "'%s' (from %s) is not an API "
                                      "Management tier (Developer, Premium, "
                                      "...)",
                                      v->value, v->origin));
}

const struct gw_check gw_check_tier_unknown = {"tier-unknown",
                                               run_tier_unknown};

static void run_developer_replicas(struct gw_check_ctx *c)
{
    const struct gw_ctx_value *v = &c->doc->ctx->tier;
    const struct gw_doc *d = c->doc;
    const struct gw_tier *t;
    const struct gw_setting *s;
    long n;
    char *end;

    if (d->context_pass || !v->value || !(t = find_tier(c, v->value)) ||
        t->max_replicas <= 0 ||
        (d->kind == GW_DOC_SETTINGS && d->file_prot == GW_PROT_PROTECTED))
        return;
    s = gw_doc_get(d, "replicaCount");
    if (!s) {
        /* A settings map gwlint cannot see into (a plan's hidden
         * protected settings) may set it. */
        if (!d->has_settings_map)
            return;
        gw_report(c, d->anchor, "replicaCount",
                  "replicaCount is not set, so the extension runs 3 gateway "
                  "replicas, but the %s tier supports a single gateway node; "
                  "set replicaCount to 1",
                  t->name);
        return;
    }
    if (s->dynamic)
        return;
    errno = 0;
    n = strtol(s->value, &end, 10);
    if (errno || *end || end == s->value || n <= t->max_replicas)
        return;
    gw_report(c, s->value_span, s->key,
              "replicaCount is %ld, but the %s tier supports a single "
              "gateway node; set it to 1",
              n, t->name);
}

const struct gw_check gw_check_developer_replicas = {
    "developer-replicas", run_developer_replicas};
