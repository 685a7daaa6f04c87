/* The `arm` input kind: ARM templates and `az bicep build` output. Each
 * Microsoft.KubernetesConfiguration/extensions resource of the gateway's
 * type becomes a document; Microsoft.ApiManagement/service and
 * Microsoft.Kubernetes/connectedClusters resources give context. ARM
 * expressions are dynamic values unless they resolve to a literal. */
#include "build.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "mem.h"
#include "node.h"

#define EXT_TYPE           "Microsoft.ApiManagement.Gateway"
#define MAX_EVAL_DEPTH     16
#define MAX_TEMPLATE_DEPTH 8
#define MAX_NEST           64

/* ---- scopes and values ---- */

/* Where parameters() and variables() are looked up: a template, or a
 * nested deployment whose inner template has parameters of its own. */
struct scope {
    const struct gw_node *params;   /* the template's "parameters" */
    const struct gw_node *vars;     /* the template's "variables" */
    const struct gw_node *supplied; /* nested deployment: the values it
                                       passes ("parameters"), or NULL */
    const struct scope *outer;      /* where `supplied` is evaluated */
};

/* The value of an expression. A string that came from one literal (a
 * parameter's defaultValue, a variable) keeps that node, so findings can
 * point at the literal; a string computed from several has none. */
enum vkind { V_STR, V_NODE, V_DYN };

struct val {
    enum vkind kind;
    const char *s; /* V_STR: the string; V_DYN: how to show
                      it ("https://[parameters('n')]...") */
    size_t n;
    const struct gw_node *node; /* V_STR: its literal, or NULL; V_NODE:
                                   an object, array, number or bool */
};

struct arm {
    struct gw_doc *d; /* the first document */
    const struct gw_ruleset *rs;
    struct gw_arena *a;
    struct gw_doc *cur; /* the document being built, or NULL */
    unsigned nexts;     /* gateway extensions found */
    /* context candidates: used only when the template has exactly one */
    unsigned napim, ncluster;
    struct val apim_name, apim_tier, apim_loc, cluster_loc;
};

static const struct gw_node *get_ci(const struct gw_node *map, const char *k)
{
    return gw_node_get_ci(map, k);
}

static bool is_string(const struct gw_node *n)
{
    return n && n->kind == GW_NODE_SCALAR && n->scalar == GW_SCALAR_STRING;
}

/* ARM reads a string in brackets as an expression; "[[" escapes one. */
static bool is_expr(const struct gw_node *n)
{
    return is_string(n) && n->len >= 2 && n->str[0] == '[' &&
           n->str[1] != '[' && n->str[n->len - 1] == ']';
}

/* ---- a small evaluator of ARM template expressions ---- */

struct ev {
    struct arm *A;
    const struct scope *sc;
    const char *p, *end;
    int depth; /* parameters and variables followed */
    int nest;  /* calls inside calls */
};

static void val_dyn(struct ev *e, const char *from, const char *to,
                    struct val *out)
{
    out->kind = V_DYN;
    out->s = gw_arena_printf(e->A->a, "[%.*s]", (int)(to - from), from);
    out->n = strlen(out->s);
    out->node = NULL;
}

static void val_of_node(const struct gw_node *n, struct val *out)
{
    memset(out, 0, sizeof *out);
    if (n->kind == GW_NODE_SCALAR && n->scalar == GW_SCALAR_STRING) {
        out->kind = V_STR;
        out->s = n->str;
        out->n = n->len;
        out->node = n;
    } else {
        out->kind = V_NODE;
        out->node = n;
    }
}

static void eval_node(struct arm *A, const struct scope *sc,
                      const struct gw_node *n, int depth, struct val *out);

static void skip_ws(struct ev *e)
{
    while (e->p < e->end && isspace((unsigned char)*e->p))
        e->p++;
}

static bool ident_char(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

/* The scalar text of a value (numbers and booleans as written). */
static bool val_text(const struct val *v, const char **s, size_t *n)
{
    if (v->kind == V_STR || v->kind == V_DYN) {
        *s = v->s;
        *n = v->n;
        return true;
    }
    if (v->node->kind == GW_NODE_SCALAR && v->node->scalar != GW_SCALAR_NULL) {
        *s = v->node->str;
        *n = v->node->len;
        return true;
    }
    return false;
}

static void lookup(struct ev *e, bool params, const struct val *name,
                   struct val *out)
{
    const struct scope *sc = e->sc;
    const struct gw_node *def, *n;
    char *key;

    memset(out, 0, sizeof *out);
    out->kind = V_DYN;
    if (name->kind != V_STR)
        return;
    key = gw_arena_strndup(e->A->a, name->s, name->n);
    if (!params) {
        n = get_ci(sc->vars, key);
        if (!n)
            return;
        eval_node(e->A, sc, n, e->depth + 1, out);
        return;
    }
    /* A nested deployment passes {"value": ...} (evaluated where the
     * deployment is) or a Key Vault reference (never known). */
    n = sc->supplied ? get_ci(sc->supplied, key) : NULL;
    if (n) {
        const struct gw_node *v = get_ci(n, "value");
        if (v && sc->outer)
            eval_node(e->A, sc->outer, v, e->depth + 1, out);
        return;
    }
    /* A default may be overridden at deployment; gwlint checks the
     * template as written, so a literal default stands for the value. */
    n = get_ci(sc->params, key);
    def = n ? get_ci(n, "defaultValue") : NULL;
    if (!def)
        return;
    eval_node(e->A, sc, def, e->depth + 1, out);
}

static bool parse_expr(struct ev *e, struct val *out);
static bool parse_primary(struct ev *e, struct val *out);

/* Call `name` with its arguments; unknown functions are dynamic. */
static void call(struct ev *e, const char *name, size_t nlen,
                 const struct val *args, size_t nargs, struct val *out)
{
    struct gw_buf b;
    size_t i;
#define IS(w) (nlen == strlen(w) && strncasecmp(name, w, nlen) == 0)
    memset(out, 0, sizeof *out);
    out->kind = V_DYN; /* s == NULL: shown as written */
    if ((IS("parameters") || IS("variables")) && nargs == 1) {
        lookup(e, IS("parameters"), &args[0], out);
        return;
    }
    if (IS("concat") && nargs > 0) {
        bool dyn = false;
        gw_buf_init(&b, 0);
        for (i = 0; i < nargs; i++) {
            const char *s;
            size_t n;
            if (!val_text(&args[i], &s, &n) ||
                (args[i].kind == V_NODE &&
                 args[i].node->kind != GW_NODE_SCALAR)) {
                gw_buf_release(&b);
                return; /* arrays: not a string */
            }
            dyn |= args[i].kind == V_DYN;
            gw_buf_add(&b, s, n);
        }
        out->kind = dyn ? V_DYN : V_STR;
        out->s = gw_arena_strndup(e->A->a, gw_buf_str(&b), b.len);
        out->n = b.len;
        out->node = NULL;
        gw_buf_release(&b);
        return;
    }
    if (IS("format") && nargs > 0 && args[0].kind == V_STR) {
        const char *f = args[0].s;
        size_t fn = args[0].n, j;
        bool dyn = false;
        gw_buf_init(&b, 0);
        for (j = 0; j < fn; j++) {
            const char *s;
            size_t n, k = 0;
            if ((f[j] == '{' || f[j] == '}') && j + 1 < fn &&
                f[j + 1] == f[j]) {
                gw_buf_add(&b, f + j, 1);
                j++;
                continue;
            }
            if (f[j] != '{') {
                gw_buf_add(&b, f + j, 1);
                continue;
            }
            j++;
            while (j < fn && isdigit((unsigned char)f[j]))
                k = k * 10 + (size_t)(f[j++] - '0');
            /* "{0:N2}" and friends: a .NET format we do not apply */
            if (j >= fn || f[j] != '}' || k + 1 >= nargs ||
                !val_text(&args[k + 1], &s, &n)) {
                gw_buf_release(&b);
                return;
            }
            dyn |= args[k + 1].kind == V_DYN;
            gw_buf_add(&b, s, n);
        }
        out->kind = dyn ? V_DYN : V_STR;
        out->s = gw_arena_strndup(e->A->a, gw_buf_str(&b), b.len);
        out->n = b.len;
        out->node = NULL;
        gw_buf_release(&b);
        return;
    }
    if ((IS("toLower") || IS("toUpper")) && nargs == 1 &&
        args[0].kind == V_STR) {
        char *s = gw_arena_strndup(e->A->a, args[0].s, args[0].n);
        for (i = 0; i < args[0].n; i++)
            s[i] = (char)(IS("toLower") ? tolower((unsigned char)s[i])
                                        : toupper((unsigned char)s[i]));
        out->kind = V_STR;
        out->s = s;
        out->n = args[0].n;
        out->node = NULL;
        return;
    }
    if (IS("string") && nargs == 1) {
        const char *s;
        size_t n;
        if (args[0].kind == V_STR) {
            *out = args[0];
        } else if (args[0].kind == V_NODE && val_text(&args[0], &s, &n)) {
            out->kind = V_STR;
            out->s = s;
            out->n = n;
            out->node = NULL;
        }
        return;
    }
#undef IS
}

/* expr := 'string' | number | name '(' args ')', then .member or
 * [index] accessors. Returns false on a syntax error. */
static bool parse_expr(struct ev *e, struct val *out)
{
    bool ok;
    if (e->nest >= MAX_NEST)
        return false;
    e->nest++;
    ok = parse_primary(e, out);
    e->nest--;
    return ok;
}

static bool parse_primary(struct ev *e, struct val *out)
{
    const char *start;
    skip_ws(e);
    start = e->p;
    if (e->p >= e->end)
        return false;
    if (*e->p == '\'') {
        struct gw_buf b;
        gw_buf_init(&b, 0);
        e->p++;
        for (;;) {
            if (e->p >= e->end) {
                gw_buf_release(&b);
                return false;
            }
            if (*e->p == '\'') {
                if (e->p + 1 < e->end && e->p[1] == '\'') {
                    gw_buf_add(&b, "'", 1);
                    e->p += 2;
                    continue;
                }
                e->p++;
                break;
            }
            gw_buf_add(&b, e->p++, 1);
        }
        out->kind = V_STR;
        out->s = gw_arena_strndup(e->A->a, gw_buf_str(&b), b.len);
        out->n = b.len;
        out->node = NULL;
        gw_buf_release(&b);
    } else if (isdigit((unsigned char)*e->p) || *e->p == '-') {
        e->p++;
        while (e->p < e->end && isdigit((unsigned char)*e->p))
            e->p++;
        out->kind = V_STR;
        out->s = gw_arena_strndup(e->A->a, start, (size_t)(e->p - start));
        out->n = (size_t)(e->p - start);
        out->node = NULL;
    } else if (ident_char(*e->p)) {
        const char *name = e->p;
        size_t nlen;
        struct val args[16];
        size_t nargs = 0;
        bool too_many = false;
        while (e->p < e->end && (ident_char(*e->p) || *e->p == '.'))
            e->p++;
        nlen = (size_t)(e->p - name);
        skip_ws(e);
        if (e->p >= e->end || *e->p != '(')
            return false;
        e->p++;
        skip_ws(e);
        if (e->p < e->end && *e->p == ')') {
            e->p++;
        } else {
            for (;;) {
                struct val v;
                if (!parse_expr(e, &v))
                    return false;
                if (nargs < 16)
                    args[nargs++] = v;
                else
                    too_many = true;
                skip_ws(e);
                if (e->p < e->end && *e->p == ',') {
                    e->p++;
                    continue;
                }
                if (e->p < e->end && *e->p == ')') {
                    e->p++;
                    break;
                }
                return false;
            }
        }
        memset(out, 0, sizeof *out);
        out->kind = V_DYN;
        if (!too_many && e->depth <= MAX_EVAL_DEPTH)
            call(e, name, nlen, args, nargs, out);
        /* an unknown function, or a parameter without a default: shown as
         * written; a computed value keeps its literal parts */
        if (out->kind == V_DYN && !out->s)
            val_dyn(e, start, e->p, out);
    } else {
        return false;
    }
    /* accessors: .name and [expr] */
    for (;;) {
        skip_ws(e);
        if (e->p < e->end && *e->p == '.') {
            const char *m;
            e->p++;
            skip_ws(e);
            m = e->p;
            while (e->p < e->end && ident_char(*e->p))
                e->p++;
            if (m == e->p)
                return false;
            if (out->kind == V_NODE && out->node->kind == GW_NODE_MAP) {
                char *k = gw_arena_strndup(e->A->a, m, (size_t)(e->p - m));
                const struct gw_node *n = get_ci(out->node, k);
                if (n) {
                    eval_node(e->A, e->sc, n, e->depth + 1, out);
                    if (out->kind != V_DYN)
                        continue;
                }
            }
            val_dyn(e, start, e->p, out);
        } else if (e->p < e->end && *e->p == '[') {
            struct val ix;
            e->p++;
            if (!parse_expr(e, &ix))
                return false;
            skip_ws(e);
            if (e->p >= e->end || *e->p != ']')
                return false;
            e->p++;
            if (out->kind == V_NODE && ix.kind == V_STR) {
                const struct gw_node *n = NULL;
                char *k = gw_arena_strndup(e->A->a, ix.s, ix.n);
                if (out->node->kind == GW_NODE_MAP) {
                    n = get_ci(out->node, k);
                } else if (out->node->kind == GW_NODE_SEQ && ix.n > 0 &&
                           ix.n < 6 && strspn(k, "0123456789") == ix.n) {
                    size_t at = (size_t)strtoul(k, NULL, 10);
                    n = at < out->node->nkids ? out->node->kids[at] : NULL;
                }
                if (n) {
                    eval_node(e->A, e->sc, n, e->depth + 1, out);
                    if (out->kind != V_DYN)
                        continue;
                }
            }
            val_dyn(e, start, e->p, out);
        } else {
            return true;
        }
    }
}

/* The value of JSON node `n` of a template, expressions evaluated. */
static void eval_node(struct arm *A, const struct scope *sc,
                      const struct gw_node *n, int depth, struct val *out)
{
    struct ev e;
    memset(out, 0, sizeof *out);
    if (!is_expr(n)) {
        val_of_node(n, out);
        if (is_string(n) && n->len >= 2 && n->str[0] == '[' &&
            n->str[1] == '[') {
            /* "[[x]" is the literal "[x]" */
            out->s = n->str + 1;
            out->n = n->len - 1;
            out->node = NULL;
        }
        return;
    }
    e.A = A;
    e.sc = sc;
    e.p = n->str + 1;
    e.end = n->str + n->len - 1;
    e.depth = depth;
    e.nest = 0;
    if (depth > MAX_EVAL_DEPTH || !parse_expr(&e, out) ||
        (skip_ws(&e), e.p != e.end)) {
        out->kind = V_DYN;
        out->s = n->str;
        out->n = n->len;
        out->node = NULL;
    }
}

/* ---- settings ---- */

/* A scalar node standing for the value `v` of the member `orig`, with the
 * span of the literal it came from (or of the member's own value). */
static struct gw_node *synth(struct arm *A, const struct gw_node *orig,
                             const struct val *v)
{
    struct gw_node *n = gw_node_new(A->a, GW_NODE_SCALAR);
    n->scalar = GW_SCALAR_STRING;
    n->key = orig->key;
    n->quoted = true;
    if (v->kind == V_NODE) {
        /* a number or boolean default: its text, as ARM would pass it */
        n->str = v->node->str;
        n->len = v->node->len;
        n->span = v->node->span;
    } else {
        n->str = v->s;
        n->len = (uint32_t)v->n;
        n->span = v->node ? v->node->span : orig->span;
    }
    return n;
}

/* Flatten one settings map with its values evaluated. Returns false when
 * the map itself is an expression gwlint cannot see into. */
static bool settings_map(struct arm *A, const struct scope *sc,
                         const struct gw_node *m, const char *name,
                         enum gw_prot prot, unsigned group)
{
    struct gw_doc *d = A->cur;
    const struct gw_node *map = m;
    struct gw_node *copy;
    struct gw_span *dyn;
    size_t ndyn = 0, first = d->nsettings, i, j;
    uint32_t k;

    if (m->kind == GW_NODE_SCALAR && m->scalar == GW_SCALAR_NULL)
        return true;
    if (is_expr(m)) {
        struct val v;
        eval_node(A, sc, m, 0, &v);
        if (v.kind != V_NODE || v.node->kind != GW_NODE_MAP)
            return false;
        map = v.node;
    }
    if (map->kind != GW_NODE_MAP) {
        gw_doc_add_issue(d, "GW003", m->span, name,
                         gw_arena_printf(A->a,
                                         "%s is not an object; it must be a "
                                         "map of setting names to strings",
                                         name));
        return true;
    }
    copy = gw_node_new(A->a, GW_NODE_MAP);
    *copy = *map;
    copy->kids = gw_arena_alloc(A->a, (map->nkids + 1) * sizeof *copy->kids);
    dyn = gw_arena_alloc(A->a, (map->nkids + 1) * sizeof *dyn);
    for (k = 0; k < map->nkids; k++) {
        const struct gw_node *v = map->kids[k];
        struct val ev;
        copy->kids[k] = map->kids[k];
        if (!is_string(v) || (!is_expr(v) && v->str[0] != '['))
            continue;
        eval_node(A, sc, v, 0, &ev);
        if (ev.kind == V_NODE && ev.node->kind != GW_NODE_SCALAR) {
            /* an object or array: flattened where it is written */
            struct gw_node *n = gw_node_new(A->a, GW_NODE_SCALAR);
            *n = *ev.node;
            n->key = v->key;
            copy->kids[k] = n;
            continue;
        }
        copy->kids[k] = synth(A, v, &ev);
        if (ev.kind == V_DYN)
            dyn[ndyn++] = copy->kids[k]->span;
    }
    gw_build_settings_map(d, A->rs, copy, true, prot, group);
    for (i = first; i < d->nsettings; i++)
        for (j = 0; j < ndyn; j++)
            if (d->settings[i].value_span.start == dyn[j].start &&
                d->settings[i].value_span.end == dyn[j].end)
                d->settings[i].dynamic = true;
    return true;
}

/* ---- facts ---- */

static void fact(struct arm *A, const struct scope *sc, const char *name,
                 const struct gw_node *v)
{
    struct gw_fact f;
    struct val ev;
    if (!v)
        return;
    memset(&f, 0, sizeof f);
    f.name = name;
    f.name_span = v->key ? v->key->span : v->span;
    f.value_span = v->span;
    eval_node(A, sc, v, 0, &ev);
    if (ev.kind == V_STR) {
        f.value = gw_arena_strndup(A->a, ev.s, ev.n);
        if (ev.node)
            f.value_span = ev.node->span;
    } else if (ev.kind == V_DYN) {
        f.value = gw_arena_strndup(A->a, ev.s, ev.n);
        f.dynamic = true;
    } else if (ev.node->kind == GW_NODE_SCALAR) {
        f.value = ev.node->str;
        f.value_span = ev.node->span;
    }
    gw_doc_add_fact(A->cur, &f);
}

/* scope: {"cluster": {"releaseNamespace": x}} or {"namespace":
 * {"targetNamespace": y}}: the fact "scope" is "cluster" or "namespace",
 * and the namespace a fact of its own. */
static void scope_facts(struct arm *A, const struct scope *sc,
                        const struct gw_node *s)
{
    static const char *const kinds[][2] = {{"cluster", "releaseNamespace"},
                                           {"namespace", "targetNamespace"}};
    struct gw_fact f;
    size_t i;
    if (!s || s->kind != GW_NODE_MAP) {
        fact(A, sc, "scope", s);
        return;
    }
    for (i = 0; i < 2; i++) {
        const struct gw_node *k = get_ci(s, kinds[i][0]);
        if (!k)
            continue;
        memset(&f, 0, sizeof f);
        f.name = "scope";
        f.value = kinds[i][0];
        f.name_span = s->key->span;
        f.value_span = k->key->span;
        gw_doc_add_fact(A->cur, &f);
        fact(A, sc,
             gw_arena_printf(A->a, "scope.%s.%s", kinds[i][0], kinds[i][1]),
             get_ci(k, kinds[i][1]));
    }
}

/* ---- resources ---- */

static bool type_is(const struct gw_node *res, const char *type)
{
    const struct gw_node *t = get_ci(res, "type");
    return is_string(t) && strcasecmp(t->str, type) == 0;
}

static void extension(struct arm *A, const struct scope *sc,
                      const struct gw_node *res)
{
    static const char *const maps[] = {"configurationSettings",
                                       "configurationProtectedSettings"};
    const struct gw_node *props = get_ci(res, "properties");
    const struct gw_node *et, *m[2], *anchor;
    struct gw_doc *d;
    struct val v;
    bool seen = true;
    unsigned i;

    if (!props || props->kind != GW_NODE_MAP)
        return;
    et = get_ci(props, "extensionType");
    m[0] = get_ci(props, maps[0]);
    m[1] = get_ci(props, maps[1]);
    if (!et)
        return;
    eval_node(A, sc, et, 0, &v);
    if (v.kind == V_STR) {
        if (v.n != strlen(EXT_TYPE) || strncasecmp(v.s, EXT_TYPE, v.n) != 0)
            return;
    } else {
        /* extensionType from a parameter without default: the gateway's
         * when its settings say so */
        struct gw_arena *scratch = gw_arena_new();
        bool yes = (m[0] && gw_build_has_gateway_key(A->rs, scratch, m[0])) ||
                   (m[1] && gw_build_has_gateway_key(A->rs, scratch, m[1]));
        gw_arena_free(scratch);
        if (!yes)
            return;
    }

    d = A->nexts++ ? gw_build_next_doc(A->d) : A->d;
    A->cur = d;
    d->kind = GW_DOC_COMPLETE;
    d->ngroups = 2;
    anchor = m[0] ? m[0] : m[1] ? m[1] : props;
    d->anchor = anchor->key ? anchor->key->span : anchor->span;
    d->anchor.end = d->anchor.start;
    for (i = 0; i < 2; i++)
        if (m[i] && !settings_map(A, sc, m[i], maps[i],
                                  i ? GW_PROT_PROTECTED : GW_PROT_PLAIN, i))
            seen = false;
    /* A map gwlint cannot see into may hold any setting: the rules that
     * need the whole configuration (GW101, GW402, GW603) stay quiet. */
    d->has_settings_map = seen && (m[0] || m[1]);
    fact(A, sc, "extensionType", et);
    fact(A, sc, "releaseTrain", get_ci(props, "releaseTrain"));
    fact(A, sc, "version", get_ci(props, "version"));
    fact(A, sc, "autoUpgradeMinorVersion",
         get_ci(props, "autoUpgradeMinorVersion"));
    scope_facts(A, sc, get_ci(props, "scope"));
    if (d->nsettings == 0 && seen)
        gw_doc_add_issue(d, "GW004", d->anchor, NULL,
                         "the extension has no configuration settings; "
                         "gateway.configuration.uri and gateway.auth.token "
                         "are required");
    gw_build_find_dups(d);
    A->cur = NULL;
}

static void context_resource(struct arm *A, const struct scope *sc,
                             const struct gw_node *res)
{
    if (type_is(res, "Microsoft.ApiManagement/service")) {
        const struct gw_node *sku = get_ci(res, "sku");
        const struct gw_node *n;
        A->napim++;
        memset(&A->apim_name, 0, sizeof A->apim_name);
        memset(&A->apim_tier, 0, sizeof A->apim_tier);
        memset(&A->apim_loc, 0, sizeof A->apim_loc);
        A->apim_name.kind = A->apim_tier.kind = A->apim_loc.kind = V_DYN;
        if ((n = get_ci(res, "name")))
            eval_node(A, sc, n, 0, &A->apim_name);
        if (sku && (n = get_ci(sku, "name")))
            eval_node(A, sc, n, 0, &A->apim_tier);
        if ((n = get_ci(res, "location")))
            eval_node(A, sc, n, 0, &A->apim_loc);
        /* keep the spans of members whose value was computed */
        if (A->apim_name.kind == V_STR && !A->apim_name.node)
            A->apim_name.node = get_ci(res, "name");
        if (A->apim_tier.kind == V_STR && !A->apim_tier.node)
            A->apim_tier.node = get_ci(sku, "name");
        if (A->apim_loc.kind == V_STR && !A->apim_loc.node)
            A->apim_loc.node = get_ci(res, "location");
    } else if (type_is(res, "Microsoft.Kubernetes/connectedClusters")) {
        const struct gw_node *n = get_ci(res, "location");
        A->ncluster++;
        memset(&A->cluster_loc, 0, sizeof A->cluster_loc);
        A->cluster_loc.kind = V_DYN;
        if (n) {
            eval_node(A, sc, n, 0, &A->cluster_loc);
            if (A->cluster_loc.kind == V_STR && !A->cluster_loc.node)
                A->cluster_loc.node = n;
        }
    }
}

enum pass { PASS_CONTEXT, PASS_EXTENSIONS };

static void resources(struct arm *A, const struct scope *sc,
                      const struct gw_node *list, enum pass pass, int depth);

static void template(struct arm *A, const struct scope *sc,
                     const struct gw_node *t, enum pass pass, int depth)
{
    if (!t || t->kind != GW_NODE_MAP || depth > MAX_TEMPLATE_DEPTH)
        return;
    resources(A, sc, get_ci(t, "resources"), pass, depth);
}

/* A nested deployment (Bicep modules compile to these): its template's
 * expressions see its own parameters when its evaluation scope is
 * "inner", the enclosing template's otherwise. */
static void deployment(struct arm *A, const struct scope *sc,
                       const struct gw_node *res, enum pass pass, int depth)
{
    const struct gw_node *props = get_ci(res, "properties");
    const struct gw_node *t = props ? get_ci(props, "template") : NULL;
    const struct gw_node *opt, *sv;
    struct scope inner;

    if (!t || t->kind != GW_NODE_MAP)
        return;
    opt = get_ci(props, "expressionEvaluationOptions");
    sv = opt ? get_ci(opt, "scope") : NULL;
    if (is_string(sv) && strcasecmp(sv->str, "inner") == 0) {
        inner.params = get_ci(t, "parameters");
        inner.vars = get_ci(t, "variables");
        inner.supplied = get_ci(props, "parameters");
        inner.outer = sc;
        template(A, &inner, t, pass, depth + 1);
    } else {
        template(A, sc, t, pass, depth + 1);
    }
}

static void resource(struct arm *A, const struct scope *sc,
                     const struct gw_node *res, enum pass pass, int depth)
{
    if (!res || res->kind != GW_NODE_MAP)
        return;
    if (type_is(res, "Microsoft.Resources/deployments"))
        deployment(A, sc, res, pass, depth);
    else if (pass == PASS_CONTEXT)
        context_resource(A, sc, res);
    else if (type_is(res, "Microsoft.KubernetesConfiguration/extensions"))
        extension(A, sc, res);
    /* child resources written inside their parent */
    resources(A, sc, get_ci(res, "resources"), pass, depth + 1);
}

/* `resources` is an array, or (languageVersion 2.0) an object of
 * symbolic names. */
static void resources(struct arm *A, const struct scope *sc,
                      const struct gw_node *list, enum pass pass, int depth)
{
    uint32_t i;
    if (!list || (list->kind != GW_NODE_SEQ && list->kind != GW_NODE_MAP) ||
        depth > MAX_TEMPLATE_DEPTH)
        return;
    for (i = 0; i < list->nkids; i++)
        resource(A, sc, list->kids[i], pass, depth);
}

/* ---- context ---- */

static void offer(struct arm *A, struct gw_ctx_value *v, const struct val *x,
                  const char *origin)
{
    if (x->kind != V_STR || !x->node)
        return;
    gw_build_ctx_offer(v, gw_arena_strndup(A->a, x->s, x->n), origin, A->d->src,
                       x->node->span);
}

/* Resources of the template are the weakest context (SPEC §3.3), and only
 * when there is one of a kind: with two instances gwlint cannot tell which
 * one the gateway belongs to. */
static void take_context(struct arm *A)
{
    struct gw_context *c;
    if (A->napim != 1 && A->ncluster != 1)
        return;
    c = gw_build_own_context(A->d);
    if (A->ncluster == 1)
        offer(A, &c->region, &A->cluster_loc,
              "this template's Microsoft.Kubernetes/connectedClusters");
    if (A->napim == 1) {
        const char *o = "this template's Microsoft.ApiManagement/service";
        offer(A, &c->tier, &A->apim_tier, o);
        offer(A, &c->apim_name, &A->apim_name, o);
        offer(A, &c->region, &A->apim_loc, o);
    }
}

/* ---- the kind ---- */

bool gw_build_arm_detect(const struct gw_ruleset *rs,
                         const struct gw_node *root, const char *path)
{
    const struct gw_node *schema, *res;
    (void)rs;
    (void)path;
    if (!root || root->kind != GW_NODE_MAP)
        return false;
    res = gw_node_get(root, "resources");
    if (!res || (res->kind != GW_NODE_SEQ && res->kind != GW_NODE_MAP))
        return false;
    schema = gw_node_get(root, "$schema");
    return (is_string(schema) && gw_build_contains_ci(schema->str, schema->len,
                                                      "deploymentTemplate")) ||
           gw_node_get(root, "contentVersion") != NULL;
}

void gw_build_arm(struct gw_doc *d, const struct gw_ruleset *rs,
                  const struct gw_node *root, const struct gw_build_opts *o,
                  const char **skip)
{
    struct arm A;
    struct scope top;
    (void)o;

    memset(&A, 0, sizeof A);
    A.d = d;
    A.rs = rs;
    A.a = d->arena;
    d->input_type = "arm";
    d->profile = GW_PROFILE_ARC; /* templates deploy the Arc extension */
    if (!root || root->kind != GW_NODE_MAP) {
        *skip = "not an ARM template";
        return;
    }
    top.params = gw_node_get(root, "parameters");
    top.vars = gw_node_get(root, "variables");
    top.supplied = NULL;
    top.outer = NULL;
    template(&A, &top, root, PASS_CONTEXT, 0);
    take_context(&A);
    template(&A, &top, root, PASS_EXTENSIONS, 0);
    if (!A.nexts) {
        *skip = "an ARM template without the gateway extension";
        return;
    }
    gw_build_share_secrets(d);
}
