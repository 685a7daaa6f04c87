/* The `tfplan` input kind: `terraform show -json` of a plan (or of a
 * state). Each azurerm_arc_kubernetes_cluster_extension (or AKS
 * azurerm_kubernetes_cluster_extension) of the gateway's type becomes a
 * document; azurerm_api_management and azurerm_arc_kubernetes_cluster give
 * context. Values known only after apply, and sensitive values the plan
 * leaves out, are dynamic (SPEC §3.2). */
#include "build.h"

#include <string.h>
#include <strings.h>

#include "mem.h"
#include "node.h"

#define EXT_TYPE         "Microsoft.ApiManagement.Gateway"
#define MAX_MODULE_DEPTH 32

/* One resource instance: its planned values and what the plan says about
 * them. `unknown` and `sensitive` mirror `values` with true where a value
 * is known only after apply or is sensitive; either may be `true` for the
 * whole object, or NULL. */
struct inst {
    const char *address;
    const char *type;
    const struct gw_node *values;
    const struct gw_node *unknown;
    const struct gw_node *sensitive;
    const struct gw_node *at; /* the "after" or "values" member */
    bool managed;             /* not a data source */
};

struct tf {
    struct gw_doc *d;
    const struct gw_ruleset *rs;
    struct gw_arena *a;
    unsigned nexts;
    unsigned napim, ncluster;
    struct inst apim, cluster;
    const char **seen; /* addresses already taken */
    size_t nseen, seen_cap;
};

static bool is_string(const struct gw_node *n)
{
    return n && n->kind == GW_NODE_SCALAR && n->scalar == GW_SCALAR_STRING;
}

static bool is_true(const struct gw_node *n)
{
    return n && n->kind == GW_NODE_SCALAR && n->scalar == GW_SCALAR_BOOL &&
           strcmp(n->str, "true") == 0;
}

/* The mark of `name` in an unknown/sensitive mirror: true, a map, or
 * NULL. */
static const struct gw_node *mark(const struct gw_node *mirror,
                                  const char *name)
{
    if (is_true(mirror))
        return mirror;
    return gw_node_get(mirror, name);
}

static bool seen(struct tf *T, const char *address)
{
    size_t i;
    for (i = 0; i < T->nseen; i++)
        if (strcmp(T->seen[i], address) == 0)
            return true;
    return false;
}

static void remember(struct tf *T, const char *address)
{
    if (T->nseen == T->seen_cap) {
        const char **v;
        T->seen_cap = T->seen_cap ? T->seen_cap * 2 : 16;
        v = gw_arena_alloc(T->a, T->seen_cap * sizeof *v);
        if (T->nseen)
            memcpy(v, T->seen, T->nseen * sizeof *v);
        T->seen = v;
    }
    T->seen[T->nseen++] = address;
}

static bool is_extension_type(const char *type)
{
    return strcmp(type, "azurerm_arc_kubernetes_cluster_extension") == 0 ||
           strcmp(type, "azurerm_kubernetes_cluster_extension") == 0;
}

/* ---- settings ---- */

/* A value the plan does not show: "(known after apply)", as terraform
 * plan prints it, at the span of its mark. */
static struct gw_node *stand_in(struct tf *T, struct gw_node *key,
                                const struct gw_node *at, const char *text)
{
    struct gw_node *n = gw_node_new(T->a, GW_NODE_SCALAR);
    n->scalar = GW_SCALAR_STRING;
    n->str = text;
    n->len = (uint32_t)strlen(text);
    n->key = key;
    n->span = at->span;
    return n;
}

/* Flatten one settings attribute. Returns false when the whole map is
 * unknown or hidden, so gwlint cannot see which settings it holds. */
static bool settings_map(struct tf *T, struct gw_doc *d, const struct inst *r,
                         const char *name, enum gw_prot prot, unsigned group)
{
    const struct gw_node *vm = gw_node_get(r->values, name);
    const struct gw_node *um = mark(r->unknown, name);
    const struct gw_node *sm = mark(r->sensitive, name);
    struct gw_node *copy;
    struct gw_span *dyn;
    size_t ndyn = 0, first = d->nsettings, i, j, cap;
    uint32_t k;

    if (is_true(um))
        return false;
    if (!vm || vm->kind != GW_NODE_MAP) {
        if (vm && vm->kind != GW_NODE_SCALAR)
            return true;
        if (vm && vm->scalar != GW_SCALAR_NULL)
            return true;
        /* Left out of a plan that hides sensitive values: present, but
         * gwlint cannot see its keys. Null as written: not set, unless the
         * plan knows only some of its keys. */
        if (!vm && is_true(sm))
            return false;
        if (!um || um->kind != GW_NODE_MAP || um->nkids == 0)
            return true;
        vm = NULL;
    }
    cap = (vm ? vm->nkids : 0) +
          (um && um->kind == GW_NODE_MAP ? um->nkids : 0) +
          (sm && sm->kind == GW_NODE_MAP ? sm->nkids : 0) + 1;
    copy = gw_node_new(T->a, GW_NODE_MAP);
    if (vm)
        *copy = *vm;
    copy->nkids = 0;
    copy->kids = gw_arena_alloc(T->a, cap * sizeof *copy->kids);
    dyn = gw_arena_alloc(T->a, cap * sizeof *dyn);
    for (k = 0; vm && k < vm->nkids; k++) {
        const struct gw_node *v = vm->kids[k];
        const struct gw_node *u =
            um && um->kind == GW_NODE_MAP ? gw_node_get(um, v->key->str) : NULL;
        if (is_true(u)) {
            copy->kids[copy->nkids] =
                stand_in(T, v->key, u, "(known after apply)");
            dyn[ndyn++] = u->span;
        } else {
            copy->kids[copy->nkids] = vm->kids[k];
        }
        copy->nkids++;
    }
    /* keys the plan names only in its marks */
    for (i = 0; i < 2; i++) {
        const struct gw_node *m = i ? sm : um;
        if (!m || m->kind != GW_NODE_MAP)
            continue;
        for (k = 0; k < m->nkids; k++) {
            const struct gw_node *u = m->kids[k];
            if (!is_true(u) || (vm && gw_node_get(vm, u->key->str)) ||
                (i && um && um->kind == GW_NODE_MAP &&
                 gw_node_get(um, u->key->str)))
                continue;
            copy->kids[copy->nkids++] = stand_in(
                T, u->key, u, i ? "(sensitive value)" : "(known after apply)");
            dyn[ndyn++] = u->span;
        }
    }
    if (!vm)
        copy->span = um->span;
    gw_build_settings_map(d, T->rs, copy, true, prot, group);
    for (i = first; i < d->nsettings; i++)
        for (j = 0; j < ndyn; j++)
            if (d->settings[i].value_span.start == dyn[j].start &&
                d->settings[i].value_span.end == dyn[j].end)
                d->settings[i].dynamic = true;
    return true;
}

/* ---- facts ---- */

/* Fact `name` from attribute `attr`: its value, or dynamic when the plan
 * knows it only after apply. Returns the value (NULL when unset). */
static const char *fact(struct gw_doc *d, const struct inst *r,
                        const char *name, const char *attr)
{
    const struct gw_node *v = gw_node_get(r->values, attr);
    const struct gw_node *u = mark(r->unknown, attr);
    struct gw_fact f;

    memset(&f, 0, sizeof f);
    f.name = name;
    if (is_true(u)) {
        const struct gw_node *at = u == r->unknown ? r->at : u;
        f.value = "(known after apply)";
        f.dynamic = true;
        f.name_span = at->key ? at->key->span : at->span;
        f.value_span = at->span;
    } else if (v && v->kind == GW_NODE_SCALAR && v->scalar != GW_SCALAR_NULL) {
        f.value = v->str;
        f.name_span = v->key->span;
        f.value_span = v->span;
    } else {
        return NULL;
    }
    gw_doc_add_fact(d, &f);
    return f.value;
}

static void scope_fact(struct gw_doc *d, const struct inst *r,
                       const char *scope, const char *attr)
{
    const struct gw_node *v = gw_node_get(r->values, attr);
    struct gw_fact f;
    if (!v || v->kind != GW_NODE_SCALAR || v->scalar == GW_SCALAR_NULL)
        return;
    memset(&f, 0, sizeof f);
    f.name = "scope";
    f.value = scope;
    f.name_span = v->key->span;
    f.value_span = v->span;
    gw_doc_add_fact(d, &f);
}

/* ---- resources ---- */

static void extension(struct tf *T, const struct inst *r)
{
    static const char *const maps[] = {"configuration_settings",
                                       "configuration_protected_settings"};
    const struct gw_node *et = gw_node_get(r->values, "extension_type");
    const struct gw_node *anchor;
    struct gw_doc *d;
    bool visible = true, any = false;
    unsigned i;

    if (is_string(et)) {
        if (strcasecmp(et->str, EXT_TYPE) != 0)
            return;
    } else {
        /* known after apply: the gateway's when its settings say so */
        struct gw_arena *scratch = gw_arena_new();
        bool yes = false;
        for (i = 0; i < 2 && !yes; i++)
            yes = gw_build_has_gateway_key(T->rs, scratch,
                                           gw_node_get(r->values, maps[i]));
        gw_arena_free(scratch);
        if (!yes)
            return;
    }
    d = T->nexts++ ? gw_build_next_doc(T->d) : T->d;
    d->kind = GW_DOC_COMPLETE;
    d->ngroups = 2;
    anchor = gw_node_get(r->values, maps[0]);
    if (!anchor || anchor->kind != GW_NODE_MAP)
        anchor = r->at;
    d->anchor = anchor->key ? anchor->key->span : anchor->span;
    d->anchor.end = d->anchor.start;
    for (i = 0; i < 2; i++) {
        size_t before = d->nsettings;
        if (!settings_map(T, d, r, maps[i],
                          i ? GW_PROT_PROTECTED : GW_PROT_PLAIN, i))
            visible = false;
        any |= d->nsettings > before;
    }
    /* A map gwlint cannot see into may hold any setting: the rules that
     * need the whole configuration (GW101, GW402, GW603) stay quiet. */
    d->has_settings_map = visible;
    fact(d, r, "extensionType", "extension_type");
    fact(d, r, "releaseTrain", "release_train");
    fact(d, r, "version", "version");
    scope_fact(d, r, "cluster", "release_namespace");
    fact(d, r, "scope.cluster.releaseNamespace", "release_namespace");
    scope_fact(d, r, "namespace", "target_namespace");
    fact(d, r, "scope.namespace.targetNamespace", "target_namespace");
    if (!any && visible)
        gw_doc_add_issue(d, "GW004", d->anchor, NULL,
                         "the extension has no configuration settings; "
                         "gateway.configuration.uri and gateway.auth.token "
                         "are required");
    gw_build_find_dups(d);
}

enum pass { PASS_CONTEXT, PASS_EXTENSIONS };

static void instance(struct tf *T, const struct inst *r, enum pass pass)
{
    if (!r->values || r->values->kind != GW_NODE_MAP)
        return;
    if (pass == PASS_CONTEXT) {
        if (strcmp(r->type, "azurerm_api_management") == 0) {
            T->napim++;
            T->apim = *r;
        } else if (strcmp(r->type, "azurerm_arc_kubernetes_cluster") == 0) {
            T->ncluster++;
            T->cluster = *r;
        }
    } else if (r->managed && is_extension_type(r->type)) {
        extension(T, r);
    }
}

/* resource_changes: the planned "after" of each change, with its marks. */
static void changes(struct tf *T, const struct gw_node *list, enum pass pass)
{
    uint32_t i;
    if (!list || list->kind != GW_NODE_SEQ)
        return;
    for (i = 0; i < list->nkids; i++) {
        const struct gw_node *rc = list->kids[i];
        const struct gw_node *addr = gw_node_get(rc, "address");
        const struct gw_node *type = gw_node_get(rc, "type");
        const struct gw_node *mode = gw_node_get(rc, "mode");
        const struct gw_node *ch = gw_node_get(rc, "change");
        struct inst r;
        if (!is_string(addr) || !is_string(type) || !ch)
            continue;
        memset(&r, 0, sizeof r);
        r.address = addr->str;
        r.type = type->str;
        r.values = gw_node_get(ch, "after");
        r.unknown = gw_node_get(ch, "after_unknown");
        r.sensitive = gw_node_get(ch, "after_sensitive");
        r.at = r.values;
        r.managed = !is_string(mode) || strcmp(mode->str, "data") != 0;
        remember(T, r.address);
        instance(T, &r, pass);
    }
}

/* planned_values / values: a module and its child modules; only its data
 * sources when `data_only` (the prior state: what data sources read). */
static void module(struct tf *T, const struct gw_node *m, enum pass pass,
                   bool data_only, int depth)
{
    const struct gw_node *list, *kids;
    uint32_t i;
    if (!m || m->kind != GW_NODE_MAP || depth > MAX_MODULE_DEPTH)
        return;
    list = gw_node_get(m, "resources");
    for (i = 0; list && list->kind == GW_NODE_SEQ && i < list->nkids; i++) {
        const struct gw_node *res = list->kids[i];
        const struct gw_node *addr = gw_node_get(res, "address");
        const struct gw_node *type = gw_node_get(res, "type");
        const struct gw_node *mode = gw_node_get(res, "mode");
        struct inst r;
        if (!is_string(addr) || !is_string(type) || seen(T, addr->str))
            continue;
        memset(&r, 0, sizeof r);
        r.address = addr->str;
        r.type = type->str;
        r.values = gw_node_get(res, "values");
        r.sensitive = gw_node_get(res, "sensitive_values");
        r.at = r.values;
        r.managed = !is_string(mode) || strcmp(mode->str, "data") != 0;
        if (data_only && r.managed)
            continue;
        remember(T, r.address);
        instance(T, &r, pass);
    }
    kids = gw_node_get(m, "child_modules");
    for (i = 0; kids && kids->kind == GW_NODE_SEQ && i < kids->nkids; i++)
        module(T, kids->kids[i], pass, data_only, depth + 1);
}

static const struct gw_node *root_module(const struct gw_node *values)
{
    return values ? gw_node_get(values, "root_module") : NULL;
}

/* Each address once: a change first, then planned values, then the state
 * (`terraform show -json` of a state file), then data sources the plan
 * read into its prior state. */
static void walk(struct tf *T, const struct gw_node *root, enum pass pass)
{
    const struct gw_node *pv = gw_node_get(root, "planned_values");
    const struct gw_node *ps = gw_node_get(root, "prior_state");
    T->nseen = 0;
    changes(T, gw_node_get(root, "resource_changes"), pass);
    module(T, root_module(pv), pass, false, 0);
    module(T, root_module(gw_node_get(root, "values")), pass, false, 0);
    module(T, root_module(ps ? gw_node_get(ps, "values") : NULL), pass, true,
           0);
}

/* ---- context ---- */

static void offer(struct tf *T, struct gw_ctx_value *v, const struct inst *r,
                  const char *attr)
{
    const struct gw_node *n = gw_node_get(r->values, attr);
    if (!is_string(n) || is_true(mark(r->unknown, attr)))
        return;
    gw_build_ctx_offer(v, n->str,
                       gw_arena_printf(T->a, "%s in this plan", r->address),
                       T->d->src, n->span);
}

/* Resources of the plan are the weakest context (SPEC §3.3), and only when
 * there is one of a kind: with two instances gwlint cannot tell which one
 * the gateway belongs to. */
static void take_context(struct tf *T)
{
    struct gw_context *c;
    if (T->napim != 1 && T->ncluster != 1)
        return;
    c = gw_build_own_context(T->d);
    if (T->ncluster == 1)
        offer(T, &c->region, &T->cluster, "location");
    if (T->napim == 1) {
        offer(T, &c->tier, &T->apim, "sku_name");
        offer(T, &c->apim_name, &T->apim, "name");
        offer(T, &c->apim_id, &T->apim, "id");
        offer(T, &c->region, &T->apim, "location");
    }
}

/* ---- the kind ---- */

bool gw_build_tfplan_detect(const struct gw_ruleset *rs,
                            const struct gw_node *root, const char *path)
{
    (void)rs;
    (void)path;
    return root && root->kind == GW_NODE_MAP &&
           is_string(gw_node_get(root, "format_version")) &&
           (gw_node_get(root, "planned_values") ||
            gw_node_get(root, "resource_changes") ||
            gw_node_get(root, "values") ||
            gw_node_get(root, "terraform_version"));
}

void gw_build_tfplan(struct gw_doc *d, const struct gw_ruleset *rs,
                     const struct gw_node *root, const struct gw_build_opts *o,
                     const char **skip)
{
    struct tf T;
    (void)o;

    memset(&T, 0, sizeof T);
    T.d = d;
    T.rs = rs;
    T.a = d->arena;
    d->input_type = "tfplan";
    d->profile = GW_PROFILE_ARC; /* the plan deploys the Arc extension */
    if (!root || root->kind != GW_NODE_MAP) {
        *skip = "not a Terraform plan";
        return;
    }
    walk(&T, root, PASS_CONTEXT);
    take_context(&T);
    walk(&T, root, PASS_EXTENSIONS);
    if (!T.nexts) {
        *skip = "a Terraform plan without the gateway extension";
        return;
    }
    gw_build_share_secrets(d);
}
