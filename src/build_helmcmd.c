/* Helm commands (profile helm): `helm install|upgrade` of the
 * azure-api-management-gateway chart, found by the command scan of
 * build_command.c in scripts, Markdown and workflows. Each --set,
 * --set-string, --set-literal, --set-file and --set-json pair becomes a
 * setting with its span, the chart and the flags become facts. */
#include "build.h"

#include <string.h>
#include <strings.h>

#include "buf.h"
#include "mem.h"
#include "shword.h"

#define CHART "azure-api-management-gateway"

/* Flags of helm install/upgrade and helm's global flags that take a value:
 * a word after them is not the release or the chart. */
static const char *const value_flags[] = {"--set",
                                          "--set-string",
                                          "--set-file",
                                          "--set-json",
                                          "--set-literal",
                                          "-f",
                                          "--values",
                                          "-n",
                                          "--namespace",
                                          "--version",
                                          "--repo",
                                          "--kube-context",
                                          "--kubeconfig",
                                          "--kube-apiserver",
                                          "--kube-as-user",
                                          "--kube-as-group",
                                          "--kube-ca-file",
                                          "--kube-token",
                                          "--kube-tls-server-name",
                                          "--burst-limit",
                                          "--qps",
                                          "--timeout",
                                          "--description",
                                          "--post-renderer",
                                          "--post-renderer-args",
                                          "--username",
                                          "--password",
                                          "--ca-file",
                                          "--cert-file",
                                          "--key-file",
                                          "--keyring",
                                          "--registry-config",
                                          "--repository-cache",
                                          "--repository-config",
                                          "--name-template",
                                          "-o",
                                          "--output",
                                          "--history-max",
                                          "-l",
                                          "--labels",
                                          "--name",
                                          NULL};

enum setkind { SET_TYPED, SET_STRING, SET_LITERAL, SET_FILE, SET_JSON };

static const struct {
    const char *flag;
    enum setkind kind;
} set_flags[] = {{"--set", SET_TYPED},
                 {"--set-string", SET_STRING},
                 {"--set-literal", SET_LITERAL},
                 {"--set-file", SET_FILE},
                 {"--set-json", SET_JSON}};

struct hc {
    struct gw_doc *d;
    const struct gw_ruleset *rs;
    const struct gw_shword *w;
    uint32_t n;
    uint32_t sub; /* the word install or upgrade */
    gw_word_value_fn *value;
    void *vctx;
    bool files; /* -f/--values: the rest of the values are elsewhere */
    bool reuse; /* --reuse-values: and in the release */
};

/* A word that is exactly the literal `s`. */
static bool lit(const struct gw_shword *w, const char *s)
{
    return w->nparts == 0 && w->len == strlen(s) &&
           memcmp(w->text, s, w->len) == 0;
}

static bool flag_like(const struct gw_shword *w)
{
    return w->len >= 2 && w->text[0] == '-' && !gw_shword_part_at(w, 0);
}

/* The host span of decoded bytes [b, e) of `w`. */
static struct gw_span dspan(const struct gw_shword *w, uint32_t b, uint32_t e)
{
    struct gw_span sp;
    if (b >= w->len) {
        sp.start = sp.end = w->span.end;
        return sp;
    }
    sp.start = w->off[b];
    sp.end = e > b ? w->off[e - 1] + 1 : sp.start;
    if (sp.end < sp.start)
        sp.end = sp.start;
    return sp;
}

/* Whether decoded bytes [b, e) of `w` hold an expansion, or were quoted. */
static bool has_part(const struct gw_shword *w, uint32_t b, uint32_t e)
{
    uint32_t i;
    for (i = 0; i < w->nparts; i++)
        if (w->parts[i].start < e && w->parts[i].end > b)
            return true;
    return false;
}

/* The chart's name, as a repo/chart reference, an OCI URL, a path or a
 * packaged .tgz: its last segment starts with the chart's name. */
static bool is_chart(const struct gw_shword *w)
{
    const char *base;
    size_t i, n = strlen(CHART);
    for (i = w->len, base = w->text; i > 0; i--)
        if (w->text[i - 1] == '/') {
            base = w->text + i;
            break;
        }
    if ((size_t)(w->text + w->len - base) < n ||
        strncasecmp(base, CHART, n) != 0)
        return false;
    return base[n] == '\0' || base[n] == '-' || base[n] == '.' ||
           base[n] == '/';
}

static void add_fact(struct hc *c, const char *name, struct gw_span nsp,
                     const struct gw_shword *v, uint32_t from)
{
    struct gw_fact f;
    memset(&f, 0, sizeof f);
    f.name = name;
    f.name_span = nsp;
    f.value_span = nsp;
    if (v) {
        f.value = gw_arena_strndup(c->d->arena, v->text + from, v->len - from);
        f.value_span = dspan(v, from, v->len);
        f.dynamic = has_part(v, from, v->len);
    }
    gw_doc_add_fact(c->d, &f);
}

/* ---- --set pairs ---- */

/* The end of the pair that starts at `i`: the next ',' that is neither
 * escaped nor inside a {list}. */
static uint32_t pair_end(const struct gw_shword *w, uint32_t i)
{
    int depth = 0;
    for (; i < w->len; i++) {
        char ch = w->text[i];
        if (ch == '\\' && i + 1 < w->len) {
            i++;
            continue;
        }
        if (gw_shword_part_at(w, i))
            continue;
        if (ch == '{')
            depth++;
        else if (ch == '}' && depth > 0)
            depth--;
        else if (ch == ',' && depth == 0)
            break;
    }
    return i;
}

/* Helm's strvals: typed values unless --set-string; a \ escapes the
 * next character. */
static void add_pair(struct hc *c, const struct gw_shword *w, uint32_t b,
                     uint32_t e, const char *flag, enum setkind kind)
{
    struct gw_setting st, *stored;
    struct gw_buf key, val;
    uint32_t i, eq = e;
    const char *v;

    for (i = b; i < e; i++) {
        if (w->text[i] == '\\' && kind != SET_LITERAL) {
            i++;
            continue;
        }
        if (w->text[i] == '=' && !gw_shword_part_at(w, i)) {
            eq = i;
            break;
        }
    }
    if (eq == e || eq == b)
        return; /* helm: "key has no value"; left to helm's own error */
    gw_buf_init(&key, 0);
    gw_buf_init(&val, 0);
    for (i = b; i < eq; i++) {
        if (w->text[i] == '\\' && i + 1 < eq && kind != SET_LITERAL)
            i++;
        gw_buf_add(&key, w->text + i, 1);
    }
    for (i = eq + 1; i < e; i++) {
        if (w->text[i] == '\\' && i + 1 < e && kind != SET_LITERAL)
            i++;
        gw_buf_add(&val, w->text + i, 1);
    }
    memset(&st, 0, sizeof st);
    st.key = gw_arena_strndup(c->d->arena, gw_buf_str(&key), key.len);
    st.value = gw_arena_strndup(c->d->arena, gw_buf_str(&val), val.len);
    st.value_len = val.len;
    st.vkind = GW_VAL_STRING;
    st.dynamic = has_part(w, eq + 1, e);
    st.value_span = dspan(w, eq + 1, e);
    st.quoted = gw_shword_quoted_in(w, st.value_span);
    /* variables assigned earlier, resolved as for az (not across the
     * escapes of a pair that shares its word); a '$' without an expansion
     * may be a variable in single quotes, which the callback reports */
    if ((st.dynamic || memchr(w->text + eq + 1, '$', e - eq - 1)) &&
        c->value && e == w->len &&
        !memchr(w->text + eq + 1, '\\', e - eq - 1)) {
        struct gw_word_value wv;
        c->value(c->vctx, w, eq + 1, &wv);
        st.value = wv.text;
        st.value_len = wv.len;
        st.value_span = wv.span;
        st.dynamic = wv.dynamic;
        st.quoted = wv.quoted;
    }
    v = st.value;
    st.dynamic |= kind == SET_FILE || kind == SET_JSON;
    if (kind == SET_TYPED && !st.dynamic) {
        if (strcasecmp(v, "true") == 0 || strcasecmp(v, "false") == 0)
            st.vkind = GW_VAL_BOOL;
        else if (strcasecmp(v, "null") == 0)
            st.vkind = GW_VAL_NULL;
        else if (st.value_len && v[0] == '{' && v[st.value_len - 1] == '}')
            st.vkind = GW_VAL_SEQ;
        else if (strspn(v, "0123456789") == st.value_len && st.value_len &&
                 (v[0] != '0' || st.value_len == 1))
            st.vkind = GW_VAL_NUMBER;
    }
    st.prot = GW_PROT_UNKNOWN; /* Helm has no protected values */
    st.key_span = dspan(w, b, eq);
    /* --set-string and --set-literal make a string, as quotes do in a
     * values file */
    st.quoted |= kind == SET_STRING || kind == SET_LITERAL;
    st.origin = flag;
    gw_buf_release(&key);
    gw_buf_release(&val);
    stored = gw_doc_add_setting(c->d, &st);
    /* a value of expansions alone names a secret held elsewhere */
    if ((!st.dynamic || gw_shword_has_own_text(w, eq + 1, e)) &&
        (gw_build_key_is_secret(c->rs, st.key) ||
         strncmp(v, "GatewayKey ", 11) == 0))
        gw_build_mark_secret(c->d, stored);
}

static void add_pairs(struct hc *c, const struct gw_shword *w, uint32_t from,
                      const char *flag, enum setkind kind)
{
    uint32_t b = from, e;
    while (b < w->len) {
        e = kind == SET_LITERAL ? w->len : pair_end(w, b);
        add_pair(c, w, b, e, flag, kind);
        b = e + 1;
    }
}

/* ---- the command ---- */

static int set_kind(const char *name)
{
    size_t i;
    for (i = 0; i < sizeof set_flags / sizeof set_flags[0]; i++)
        if (strcmp(set_flags[i].flag, name) == 0)
            return (int)set_flags[i].kind;
    return -1;
}

static bool takes_value(const char *name)
{
    const char *const *f;
    for (f = value_flags; *f; f++)
        if (strcmp(*f, name) == 0)
            return true;
    return false;
}

/* Read the flags and positionals (helm's global flags may come before the
 * subcommand). Returns whether the chart is the gateway's: the last
 * positional, after the release name (install [NAME] CHART, upgrade
 * RELEASE CHART). */
static bool parse(struct hc *c, uint32_t j)
{
    const struct gw_shword *pos[2] = {NULL, NULL};
    unsigned npos = 0;
    while (j < c->n) {
        const struct gw_shword *w = &c->w[j];
        const struct gw_shword *vw = NULL;
        uint32_t nlen = w->len, from = 0;
        const char *name;
        int sk;
        if (j == c->sub) {
            j++;
            continue;
        }
        if (!flag_like(w)) {
            if (npos == 2)
                pos[0] = pos[1];
            pos[npos == 2 ? 1 : npos] = w;
            npos += npos < 2;
            j++;
            continue;
        }
        if (lit(w, "--")) {
            j++;
            continue;
        }
        {
            const char *eq = memchr(w->text, '=', w->len);
            if (eq && !gw_shword_part_at(w, (uint32_t)(eq - w->text))) {
                nlen = (uint32_t)(eq - w->text);
                vw = w;
                from = nlen + 1;
            }
        }
        name = gw_arena_strndup(c->d->arena, w->text, nlen);
        j++;
        /* -fvalues.yaml: pflag's attached short value */
        if (!vw && nlen > 2 && name[1] != '-' &&
            takes_value(gw_arena_strndup(c->d->arena, name, 2))) {
            vw = w;
            from = 2;
            nlen = 2;
            name = gw_arena_strndup(c->d->arena, w->text, 2);
        }
        if (!vw && takes_value(name) && j < c->n)
            vw = &c->w[j++];
        add_fact(c, name, dspan(w, 0, nlen), vw, from);
        if (strcmp(name, "-f") == 0 || strcmp(name, "--values") == 0)
            c->files = true;
        if (strcmp(name, "--reuse-values") == 0 ||
            strcmp(name, "--reset-then-reuse-values") == 0)
            c->reuse = true;
        if (vw && (sk = set_kind(name)) >= 0)
            add_pairs(c, vw, from, name, (enum setkind)sk);
    }
    if (!npos || !is_chart(pos[npos - 1]))
        return false;
    if (npos == 2)
        add_fact(c, "release", pos[0]->span, pos[0], 0);
    add_fact(c, "chart", pos[npos - 1]->span, pos[npos - 1], 0);
    return true;
}

struct gw_doc *gw_build_helm_command(struct gw_doc *d,
                                     const struct gw_ruleset *rs,
                                     const struct gw_shword *w, uint32_t n,
                                     gw_word_value_fn *value, void *ctx)
{
    struct hc c;
    struct gw_fact f;
    uint32_t j = 1;
    size_t i, ndups;

    if (n < 3 || !(lit(&w[0], "helm") || lit(&w[0], "helm.exe")))
        return NULL;
    memset(&c, 0, sizeof c);
    c.rs = rs;
    c.w = w;
    c.n = n;
    c.value = value;
    c.vctx = ctx;
    /* global flags may come before the subcommand */
    while (j < n && flag_like(&w[j])) {
        bool inline_val = memchr(w[j].text, '=', w[j].len) != NULL;
        char *name = gw_arena_strndup(d->arena, w[j].text, w[j].len);
        j += 1 + (!inline_val && takes_value(name));
    }
    if (j >= n || !(lit(&w[j], "install") || lit(&w[j], "upgrade")))
        return NULL;
    c.d = gw_arena_alloc(d->arena, sizeof *c.d);
    gw_doc_init(c.d, d->arena, d->src, d->ctx);
    c.d->input_type = d->input_type;
    c.d->profile = GW_PROFILE_HELM;
    c.d->file_prot = GW_PROT_UNKNOWN;
    c.d->kind = GW_DOC_COMPLETE;
    c.d->ngroups = 1;
    c.d->anchor.start = w[0].span.start;
    c.d->anchor.end = w[j].span.end;
    memset(&f, 0, sizeof f);
    f.name = "helm";
    f.value = lit(&w[j], "install") ? "install" : "upgrade";
    f.name_span = c.d->anchor;
    f.value_span = w[j].span;
    gw_doc_add_fact(c.d, &f);
    c.sub = j;
    if (!parse(&c, 1))
        return NULL;
    /* Values files (and --reuse-values) hold the rest of the values:
     * completeness is checked on them, not on the command line alone. */
    c.d->has_settings_map = !c.files && !c.reuse;
    /* --set twice: the later value wins */
    ndups = c.d->ndups;
    gw_build_find_dups(c.d);
    for (i = ndups; i < c.d->ndups; i++)
        c.d->dups[i].later_wins = true;
    return c.d;
}
