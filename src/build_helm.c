/* The `helm-values` input kind: a values file of the gateway's Helm chart
 * (profile helm), nested keys flattened and checked against the chart's
 * catalogue. Chosen by --profile helm, a config `files:` glob, or the name
 * values*.yaml when the file's `gateway:` map holds a gateway key. */
#include "build.h"

#include <string.h>
#include <strings.h>

#include "mem.h"
#include "node.h"

static bool values_name(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    return strncasecmp(base, "values", 6) == 0 &&
           (gw_build_ends_with(base, ".yaml") ||
            gw_build_ends_with(base, ".yml"));
}

/* Keys that only the gateway's chart (or the Arc extension) has under
 * gateway:. Other charts have a gateway: map too, with name, enabled or
 * auth.type (dask-gateway), so those do not count. */
static bool chart_keys(const struct gw_node *gw)
{
    const struct gw_node *conf = gw_node_get(gw, "configuration");
    const struct gw_node *auth = gw_node_get(gw, "auth");
    return gw_node_get(conf, "uri") || gw_node_get(conf, "backup") ||
           gw_node_get(conf, "additional") || gw_node_get(auth, "key") ||
           gw_node_get(auth, "token") || gw_node_get(gw, "endpoint") ||
           gw_node_get(gw, "authKey");
}

bool gw_build_helm_detect(const struct gw_ruleset *rs,
                          const struct gw_node *root, const char *path)
{
    const struct gw_node *gw = gw_node_get(root, "gateway");
    (void)rs;
    /* gw_build_helm skips the values of another chart */
    return root && root->kind == GW_NODE_MAP && values_name(path) && gw &&
           gw->kind == GW_NODE_MAP;
}

/* A Helm template in a value ({{ .Values.x }}, helmfile's
 * {{ requiredEnv "X" }}) is filled in before the chart reads it. */
static bool helm_template(const struct gw_setting *s)
{
    const char *open =
        s->vkind == GW_VAL_STRING ? strstr(s->value, "{{") : NULL;
    return open && strstr(open + 2, "}}");
}

/* A value that is one template and nothing else: it names where the value
 * comes from and holds none of it. */
static bool whole_template(const struct gw_setting *s)
{
    const char *v = s->value, *e = s->value + s->value_len;
    while (v < e && (*v == ' ' || *v == '\t'))
        v++;
    while (e > v && (e[-1] == ' ' || e[-1] == '\t'))
        e--;
    return e - v >= 4 && v[0] == '{' && v[1] == '{' && e[-1] == '}' &&
           e[-2] == '}';
}

/* Unmask the templates that the secret keys' values were masked as, or
 * excerpts hide the variable's name and messages lose their words. */
static void unmask_templates(struct gw_doc *d)
{
    size_t i, j, n = 0;
    for (i = 0; i < d->nsecrets; i++) {
        struct gw_span sp = d->secrets[i];
        bool keep = true;
        for (j = 0; j < d->nsettings && keep; j++) {
            const struct gw_setting *s = &d->settings[j];
            if (s->dynamic && whole_template(s) &&
                sp.start >= s->value_span.start && sp.end <= s->value_span.end)
                keep = false;
        }
        if (keep)
            d->secrets[n++] = sp;
    }
    d->nsecrets = n;
}

void gw_build_helm(struct gw_doc *d, const struct gw_ruleset *rs,
                   const struct gw_node *root, const struct gw_build_opts *o,
                   const char **skip)
{
    bool helm = !(o->profile_forced && o->profile != GW_PROFILE_HELM);
    size_t i;

    if (!o->profile_forced && !o->input_type && root &&
        root->kind == GW_NODE_MAP && values_name(d->src->path) &&
        !chart_keys(gw_node_get(root, "gateway"))) {
        *skip = "the values file of another chart: its gateway: map holds "
                "no key of the gateway's chart";
        return;
    }
    d->profile = helm ? GW_PROFILE_HELM : GW_PROFILE_ARC;
    d->input_type = helm ? "helm-values" : "settings-yaml";
    if (helm)
        d->file_prot = GW_PROT_UNKNOWN; /* Helm has no protected values */
    if (root && root->kind != GW_NODE_MAP) {
        gw_doc_add_issue(d, "GW003", root->span, NULL,
                         helm ? "a values file must hold one map of keys to "
                                "values"
                              : "a settings file must hold one map of "
                                "setting names to values");
        return;
    }
    d->kind = GW_DOC_SETTINGS;
    d->ngroups = 1;
    if (root) {
        d->anchor.start = d->anchor.end = root->span.start;
        /* values nest: no GW003 for objects, even in a JSON file */
        gw_build_settings_map(d, rs, root, false, d->file_prot, 0);
    } else {
        d->has_settings_map = true;
    }
    for (i = 0; helm && i < d->nsettings; i++)
        if (helm_template(&d->settings[i]))
            d->settings[i].dynamic = true;
    if (helm)
        unmask_templates(d);
    if (d->nsettings == 0)
        gw_doc_add_issue(d, "GW004", d->anchor, NULL,
                         helm ? "the values file is empty; the chart needs "
                                "at least gateway.configuration.uri and "
                                "gateway.auth.key"
                              : "the settings file is empty; an extension "
                                "needs at least gateway.configuration.uri "
                                "and gateway.auth.token");
    gw_build_find_dups(d);
}
