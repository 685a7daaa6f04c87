/* Checks of the Kubernetes Service the gateway gets (GW401-GW405). */
#include "check.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catalog.h"
#include "mem.h"

static const char *const types[] = {"LoadBalancer", "NodePort", "ClusterIP"};

static const struct gw_setting *service_type(const struct gw_check_ctx *c)
{
    return gw_doc_get(c->doc, "service.type");
}

static void run_service_type_invalid(struct gw_check_ctx *c)
{
    const struct gw_setting *s = service_type(c);
    const char *best = NULL;
    unsigned bestd = 4, d;
    size_t i;

    if (!s || s->dynamic || s->vkind != GW_VAL_STRING ||
        gw_blank(s->value, s->value_len) || gw_check_placeholder(c, s, NULL))
        return;
    for (i = 0; i < 3; i++) {
        if (strcmp(s->value, types[i]) == 0)
            return;
        if (strcasecmp(s->value, types[i]) == 0) {
            gw_report_fix(c, s->value_span, s->key, gw_value_inner(c, s),
                          types[i],
                          gw_arena_printf(c->doc->arena, "write '%s'",
                                          types[i]),
                          "service.type '%s' is not a Kubernetes service "
                          "type; did you mean '%s' (the names are "
                          "case-sensitive)",
                          s->value, types[i]);
            return;
        }
        d = gw_edit_distance(s->value, types[i], true, bestd);
        if (d < bestd) {
            bestd = d;
            best = types[i];
        }
    }
    if (best)
        gw_report(c, s->value_span, s->key,
                  "service.type '%s' is not a Kubernetes service type; did "
                  "you mean '%s'",
                  s->value, best);
    else
        gw_report(c, s->value_span, s->key,
                  "service.type '%s' is not one of LoadBalancer, NodePort, "
                  "ClusterIP",
                  s->value);
}

const struct gw_check gw_check_service_type_invalid = {
    "service-type-invalid", run_service_type_invalid};

static void run_service_type_missing(struct gw_check_ctx *c)
{
    const struct gw_doc *d = c->doc;
    if (!d->has_settings_map || d->nsettings == 0 || service_type(c) ||
        (d->kind == GW_DOC_SETTINGS && d->file_prot == GW_PROT_PROTECTED) ||
        gw_doc_get(d, "service.Type"))
        return;
    gw_report(c, d->anchor, "service.type",
              "service.type is not set, so the gateway gets a ClusterIP "
              "service that nothing outside the cluster can reach; set it "
              "to LoadBalancer, NodePort or ClusterIP on purpose");
}

const struct gw_check gw_check_service_type_missing = {
    "service-type-missing", run_service_type_missing};

static bool port_value(const struct gw_setting *s, long *out)
{
    char *end;
    if (s->dynamic || s->value_len == 0 || s->value_len > 12)
        return false;
    if (!isdigit((unsigned char)s->value[0]) && s->value[0] != '-')
        return false;
    errno = 0;
    *out = strtol(s->value, &end, 10);
    return errno == 0 && *end == '\0';
}

static bool is_nodeport_key(const struct gw_check_ctx *c,
                            const struct gw_setting *s)
{
    const struct gw_keydef *k = gw_setting_def(c, s);
    return k && k->type == GW_KT_NODEPORT;
}

static void run_nodeport_mismatch(struct gw_check_ctx *c)
{
    const struct gw_setting *t = service_type(c);
    size_t i;
    if (t && (t->dynamic || strcmp(t->value, "NodePort") == 0 ||
              strcasecmp(t->value, "NodePort") == 0))
        return;
    for (i = 0; i < c->doc->nsettings; i++) {
        const struct gw_setting *s = &c->doc->settings[i];
        if (!is_nodeport_key(c, s) || gw_blank(s->value, s->value_len))
            continue;
        if (t)
            gw_report(c, s->key_span, s->key,
                      "'%s' is set but service.type is '%s'; node ports "
                      "exist only when service.type is NodePort",
                      s->key, t->value);
        else
            gw_report(c, s->key_span, s->key,
                      "'%s' is set but service.type is not (the default is "
                      "ClusterIP); node ports exist only when service.type "
                      "is NodePort",
                      s->key);
    }
}

const struct gw_check gw_check_nodeport_mismatch = {"nodeport-mismatch",
                                                    run_nodeport_mismatch};

static void run_port_range(struct gw_check_ctx *c)
{
    size_t i;
    for (i = 0; i < c->doc->nsettings; i++) {
        const struct gw_setting *s = &c->doc->settings[i];
        const struct gw_keydef *k = gw_setting_def(c, s);
        long p;
        if (!k || (k->type != GW_KT_PORT && k->type != GW_KT_NODEPORT) ||
            !port_value(s, &p))
            continue;
        if (p < 1 || p > 65535)
            gw_report(c, s->value_span, s->key,
                      "'%s' is %ld; a port is a number from 1 to 65535",
                      s->key, p);
        else if (k->type == GW_KT_NODEPORT && (p < 30000 || p > 32767))
            gw_report_level(c, GW_WARNING, s->value_span, s->key,
                            "'%s' is %ld, outside the node port range "
                            "30000-32767 that Kubernetes allows by default",
                            s->key, p);
    }
}

const struct gw_check gw_check_port_range = {"port-range", run_port_range};

struct port {
    const char *key;
    long value;
    const struct gw_setting *s; /* NULL when it is the default */
    int group;
};

/* Ports clash only within one group: the TCP ports of the gateway's
 * Service (http, https), the UDP ports of the headless instance-discovery
 * Service (synchronization, heartbeat), and the node ports. A service port
 * may equal a node port, and a TCP port a UDP one. */
static int port_group(const struct gw_keydef *k)
{
    if (k->type == GW_KT_NODEPORT)
        return 2;
    return strstr(k->key, ".instance.") ? 1 : 0;
}

static void run_port_conflict(struct gw_check_ctx *c)
{
    const struct gw_catalog *cat = c->catalog;
    struct port ports[16];
    size_t n = 0, i, j;

    for (i = 0; i < cat->nkeys && n < 16; i++) {
        const struct gw_keydef *k = &cat->keys[i];
        const struct gw_setting *s;
        long v;
        char *end;
        if (k->type != GW_KT_PORT && k->type != GW_KT_NODEPORT)
            continue;
        s = gw_doc_get(c->doc, k->key);
        if (s) {
            if (!port_value(s, &v))
                continue;
        } else {
            if (!k->def)
                continue;
            errno = 0;
            v = strtol(k->def, &end, 10);
            if (errno || *end)
                continue;
        }
        ports[n].key = k->key;
        ports[n].value = v;
        ports[n].s = s;
        ports[n].group = port_group(k);
        n++;
    }
    for (i = 0; i < n; i++)
        for (j = i + 1; j < n; j++) {
            const struct port *a = &ports[i], *b = &ports[j];
            if (a->value != b->value || a->group != b->group ||
                (!a->s && !b->s))
                continue;
            if (b->s && (!a->s || a->s->value_span.start <
                                      b->s->value_span.start))
                gw_report(c, b->s->value_span, b->key,
                          "'%s' is %ld, the same port as '%s'%s; each of "
                          "the gateway's ports must differ",
                          b->key, b->value, a->key,
                          a->s ? "" : " (its default)");
            else
                gw_report(c, a->s->value_span, a->key,
                          "'%s' is %ld, the same port as '%s'%s; each of "
                          "the gateway's ports must differ",
                          a->key, a->value, b->key,
                          b->s ? "" : " (its default)");
        }
}

const struct gw_check gw_check_port_conflict = {"port-conflict",
                                                run_port_conflict};
