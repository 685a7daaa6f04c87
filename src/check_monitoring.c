/* Checks of the Log Analytics monitoring settings (GW701-GW703). */
#include "check.h"

#include <string.h>
#include <strings.h>

#include "value.h"

static const char *const keys[] = {"monitoring.customResourceId",
                                   "monitoring.workspaceId",
                                   "monitoring.ingestionKey"};

/* The setting `key` when the document's profile has it. The Helm chart
 * has no monitoring settings and ignores them (GW105 says so): to ask for
 * the other two there, or to correct a value nothing reads, would be
 * wrong advice. */
static const struct gw_setting *mon_get(const struct gw_check_ctx *c,
                                        const char *key)
{
    const struct gw_setting *s = gw_doc_get(c->doc, key);
    return s && gw_setting_def(c, s) ? s : NULL;
}

static void run_monitoring_incomplete(struct gw_check_ctx *c)
{
    const struct gw_doc *d = c->doc;
    const struct gw_setting *s[3], *first = NULL;
    size_t i, n = 3, have = 0;
    char missing[128] = "";

    /* A standalone file holds one half: the ingestion key is a secret and
     * travels in the protected settings, the other two in the plain. */
    if (d->kind == GW_DOC_SETTINGS) {
        if (d->file_prot == GW_PROT_PROTECTED)
            return;
        n = 2;
    }
    for (i = 0; i < n; i++) {
        s[i] = mon_get(c, keys[i]);
        if (s[i]) {
            have++;
            if (!first || s[i]->key_span.start < first->key_span.start)
                first = s[i];
        }
    }
    if (have == 0 || have == n)
        return;
    for (i = 0; i < n; i++)
        if (!s[i]) {
            if (*missing)
                strncat(missing, " and ", sizeof missing - strlen(missing) - 1);
            strncat(missing, keys[i], sizeof missing - strlen(missing) - 1);
        }
    gw_report(c, first->key_span, first->key,
              "Log Analytics monitoring needs all of customResourceId, "
              "workspaceId and ingestionKey, but %s %s not set",
              missing, have + 1 == n ? "is" : "are");
}

const struct gw_check gw_check_monitoring_incomplete = {
    "monitoring-incomplete", run_monitoring_incomplete};

static bool usable(const struct gw_setting *s)
{
    return s && !s->dynamic && s->vkind == GW_VAL_STRING &&
           !gw_blank(s->value, s->value_len);
}

static void run_monitoring_value(struct gw_check_ctx *c)
{
    const struct gw_setting *s;
    struct gw_arm_id id;
    size_t bad;

    s = mon_get(c, "monitoring.workspaceId");
    if (usable(s) && !gw_check_placeholder(c, s, NULL) &&
        !gw_is_guid(s->value, s->value_len))
        gw_report(c, s->value_span, s->key,
                  "monitoring.workspaceId is '%s', not a GUID; use the "
                  "workspace ID (customer ID) shown on the Log Analytics "
                  "workspace's overview",
                  s->value);
    s = mon_get(c, "monitoring.customResourceId");
    if (usable(s) && !gw_check_placeholder(c, s, NULL) &&
        !gw_arm_id_parse(s->value, s->value_len, &id))
        gw_report(c, s->value_span, s->key,
                  "monitoring.customResourceId is not an Azure resource ID; "
                  "use '/subscriptions/<id>/resourceGroups/<group>/providers/"
                  "Microsoft.ApiManagement/service/<name>'");
    s = mon_get(c, "monitoring.ingestionKey");
    if (usable(s) && !gw_check_placeholder(c, s, NULL) &&
        !gw_is_base64(s->value, s->value_len, &bad))
        gw_report(c, s->value_span, s->key,
                  "monitoring.ingestionKey is not base64 (%zu characters); "
                  "use the workspace's primary or secondary key",
                  s->value_len);
}

const struct gw_check gw_check_monitoring_value = {"monitoring-value",
                                                   run_monitoring_value};

static void run_monitoring_resource_mismatch(struct gw_check_ctx *c)
{
    const struct gw_setting *s = mon_get(c, "monitoring.customResourceId");
    const struct gw_ctx_value *apim = &c->doc->ctx->apim_id;
    const struct gw_ctx_value *name = &c->doc->ctx->apim_name;
    struct gw_arm_id id;

    if (!usable(s) || !gw_arm_id_parse(s->value, s->value_len, &id))
        return;
    if (strncasecmp(s->value + id.ns_off, "Microsoft.OperationalInsights",
                    id.ns_len) == 0 &&
        id.ns_len == strlen("Microsoft.OperationalInsights")) {
        gw_report(c, s->value_span, s->key,
                  "monitoring.customResourceId is a Log Analytics workspace; "
                  "the extension expects the ID of the API Management "
                  "instance (…/providers/Microsoft.ApiManagement/service/"
                  "<name>)");
        return;
    }
    if (!(id.ns_len == 23 &&
          strncasecmp(s->value + id.ns_off, "Microsoft.ApiManagement", 23) ==
              0 &&
          id.type_len == 7 &&
          strncasecmp(s->value + id.type_off, "service", 7) == 0)) {
        gw_report(c, s->value_span, s->key,
                  "monitoring.customResourceId names a '%.*s/%.*s' "
                  "resource; the extension expects the ID of the API "
                  "Management instance",
                  (int)id.ns_len, s->value + id.ns_off, (int)id.type_len,
                  s->value + id.type_off);
        return;
    }
    if (apim->value && strcasecmp(apim->value, s->value) != 0)
        gw_report(c, s->value_span, s->key,
                  "monitoring.customResourceId names the instance '%.*s', "
                  "not this deployment's API Management instance; use '%s' "
                  "(from %s)",
                  (int)id.name_len, s->value + id.name_off, apim->value,
                  apim->origin);
    /* A template or plan knows the instance's name before Azure gives it
     * an ID: compare the names. */
    else if (!apim->value && name->value &&
             !(strlen(name->value) == id.name_len &&
               strncasecmp(name->value, s->value + id.name_off,
                           id.name_len) == 0))
        gw_report(c, gw_value_span(c, s, id.name_off, id.name_len), s->key,
                  "monitoring.customResourceId names the instance '%.*s', "
                  "not this deployment's API Management instance '%s' "
                  "(from %s)",
                  (int)id.name_len, s->value + id.name_off, name->value,
                  name->origin);
}

const struct gw_check gw_check_monitoring_resource_mismatch = {
    "monitoring-resource-mismatch", run_monitoring_resource_mismatch};
