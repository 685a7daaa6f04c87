/* Building the neutral document from one input file. */
#include "build.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "load_json.h"
#include "load_yaml.h"
#include "mem.h"
#include "node.h"
#include "ruleset.h"
#include "value.h"

bool gw_build_ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

bool gw_build_contains_ci(const char *hay, size_t n, const char *needle)
{
    size_t m = strlen(needle), i;
    int lo, up;
    if (m == 0)
        return true;
    /* Every file is searched for "gateway" before anything else: compare
     * the first byte before calling strncasecmp at each position. */
    lo = tolower((unsigned char)needle[0]);
    up = toupper((unsigned char)needle[0]);
    for (i = 0; i + m <= n; i++)
        if ((hay[i] == lo || hay[i] == up) &&
            strncasecmp(hay + i + 1, needle + 1, m - 1) == 0)
            return true;
    return false;
}

/* Whether the `wl` bytes at t[i] are `w` (lower case) in any case. */
static bool ci_at(const char *t, size_t n, size_t i, const char *w, size_t wl)
{
    size_t k;
    if (i + wl > n)
        return false;
    for (k = 0; k < wl; k++) {
        unsigned char c = (unsigned char)t[i + k];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + ('a' - 'A'));
        if (c != (unsigned char)w[k])
            return false;
    }
    return true;
}

/* ---- limits that are checked before parsing ---- */

static bool check_limits(struct gw_doc *d)
{
    const struct gw_source *s = d->src;
    size_t i;
    struct gw_span at = {0, 0};

    if (s->len > GW_MAX_FILE_BYTES) {
        /* The reader stops soon after the limit, so s->len is not the
         * file's size: do not print it. */
        gw_doc_add_issue(d, "GW005", at, NULL,
                         "file is larger than the limit of 8 MiB; nothing in "
                         "it was read");
        return false;
    }
    for (i = 0; i < s->nlines; i++) {
        size_t end = i + 1 < s->nlines ? s->lines[i + 1] : s->len;
        if (end - s->lines[i] > GW_MAX_LINE_BYTES) {
            at.start = at.end = s->lines[i];
            gw_doc_add_issue(d, "GW005", at, NULL,
                             gw_arena_printf(d->arena,
                                             "line %zu is longer than 1 MiB; "
                                             "nothing in the file was read",
                                             i + 1));
            return false;
        }
    }
    return true;
}

/* ---- secrets ---- */

bool gw_build_key_is_secret(const struct gw_ruleset *rs, const char *key)
{
    return gw_ruleset_key_secret(rs, key);
}

void gw_build_mark_secret(struct gw_doc *d, const struct gw_setting *s)
{
    struct gw_span sp = s->value_span;
    const char *t = d->src->text;
    uint32_t amp;
    size_t i;
    int amps = 0;

    /* '$TOKEN' where the token should be names a secret held elsewhere
     * (as mask_raw() leaves it): the excerpt and GW201 show which. */
    if (gw_is_var_ref(s->value, s->value_len))
        return;

    /* Excerpts read better with the quotes left visible. */
    if (sp.end - sp.start >= 2 && (t[sp.start] == '"' || t[sp.start] == '\'') &&
        t[sp.end - 1] == t[sp.start]) {
        sp.start++;
        sp.end--;
    }
    /* A token's gateway id and expiry are not secret and messages may name
     * them: mask the signature only, i.e. what follows the second '&' (the
     * first when there is one). Not the last '&': a stray '&' after the
     * signature would unmask it. */
    amp = 0;
    for (i = sp.start; i < sp.end && amps < 2; i++)
        if (t[i] == '&') {
            amp = (uint32_t)i + 1;
            amps++;
        }
    if (amp)
        sp.start = amp;
    else if (sp.end - sp.start > 11 &&
             strncmp(t + sp.start, "GatewayKey ", 11) == 0)
        sp.start += 11;
    gw_doc_add_secret(d, sp);
}

/* Mask secrets by their look, before and whatever the parse: a file that
 * does not parse still gets an excerpt under its GW001, and a token under
 * a key no catalogue knows is still a token. Masks what follows
 * "GatewayKey " (the signature when '&'s are there) and the value after a
 * key that names a secret ("...token": "x", ingestionKey: x, KEY=x). */
static bool value_char(char c)
{
    return c && c != '"' && c != '\'' && c != ' ' && c != '\t' &&
           c != '\r' && c != '\n' && c != ',' && c != '}' && c != '`';
}

static void mask_token_at(struct gw_doc *d, size_t at)
{
    const char *t = d->src->text;
    size_t n = d->src->len, e = at, amp = 0;
    int amps = 0;
    struct gw_span sp;
    /* From the second '&' (see gw_build_mark_secret), not the last. */
    while (e < n && value_char(t[e])) {
        if (t[e] == '&' && amps < 2) {
            amp = e + 1;
            amps++;
        }
        e++;
    }
    sp.start = (uint32_t)(amp ? amp : at);
    sp.end = (uint32_t)e;
    gw_doc_add_secret(d, sp);
}


/* Whether the value at t[j] ('$') is an expansion and nothing more, up to
 * where the value ends: $NAME, ${NAME}, $(...), ${{ ... }}. Such a value
 * names a secret held elsewhere; "${P}x7Q..." or "$ID&...&sig" does not.
 * PowerShell's $env:NAME and $token.value count as such. */
static bool names_elsewhere(const char *t, size_t n, size_t j)
{
    size_t k = j + 1;
    int depth = 0;
    if (k + 1 < n && t[k] == '{' && t[k + 1] == '{')
        return true; /* an Actions or Pipelines expression */
    if (k < n && t[k] == '(') {
        for (; k < n && t[k] != '\n'; k++)
            if (t[k] == '(')
                depth++;
            else if (t[k] == ')' && --depth == 0)
                break;
        if (k >= n || t[k] != ')')
            return false;
        k++;
    } else {
        bool brace = k < n && t[k] == '{';
        size_t l = gw_var_ref_len(t + j, n - j, true);
        if (!l)
            return false;
        k = j + l;
        /* PowerShell member access, $token.value */
        while (!brace && k + 1 < n && t[k] == '.' &&
               (isalpha((unsigned char)t[k + 1]) || t[k + 1] == '_')) {
            k++;
            while (k < n && (isalnum((unsigned char)t[k]) || t[k] == '_'))
                k++;
        }
    }
    return k >= n || !value_char(t[k]);
}

static void mask_raw(struct gw_doc *d)
{
    static const struct {
        const char *w;
        size_t n;
    } words[] = {{"token", 5},  {"ingestionkey", 12}, {"authkey", 7},
                 {"auth.key", 8}, {"secret", 6},      {"password", 8}};
    const char *t = d->src->text;
    size_t n = d->src->len, i, j, k, w;

    /* This loop reads every byte of every file, so it stops only at the
     * rare bytes that end what it looks for: the 'y' of "GatewayKey" and
     * the ':' or '=' after a key, and looks back from there. */
    static const unsigned char stop[256] = {[':'] = 1, ['='] = 1, ['y'] = 1,
                                            ['Y'] = 1};

    for (i = 0; i < n; i++) {
        unsigned char c;
        while (i < n && !stop[(unsigned char)t[i]])
            i++;
        if (i == n)
            break;
        c = (unsigned char)t[i];
        if (c == 'y' || c == 'Y') {
            /* "GatewayKey" and blanks, then the token */
            if (i >= 9 && i + 1 < n && ci_at(t, n, i - 9, "gatewaykey", 10) &&
                (t[i + 1] == ' ' || t[i + 1] == '\t')) {
                j = i + 1;
                while (j < n && (t[j] == ' ' || t[j] == '\t'))
                    j++;
                if (j < n && (t[j] != '$' || !names_elsewhere(t, n, j)))
                    mask_token_at(d, j);
            }
            continue;
        }
        /* a word that names a secret, quotes, blanks, then this ':' */
        k = i;
        while (k > 0 && (t[k - 1] == ' ' || t[k - 1] == '\t'))
            k--;
        while (k > 0 && (t[k - 1] == '"' || t[k - 1] == '\''))
            k--;
        for (w = 0; w < sizeof words / sizeof words[0]; w++) {
            if (k < words[w].n ||
                !ci_at(t, n, k - words[w].n, words[w].w, words[w].n))
                continue;
            j = i + 1;
            while (j < n && (t[j] == ' ' || t[j] == '\t' || t[j] == '"' ||
                             t[j] == '\''))
                j++;
            /* "$TOKEN", "${{ secrets.X }}", "$(token)" name a secret held
             * elsewhere: nothing to mask, and the excerpt shows which */
            if (j < n && value_char(t[j]) &&
                (t[j] != '$' || !names_elsewhere(t, n, j)) &&
                !ci_at(t, n, j, "gatewaykey", 10))
                mask_token_at(d, j);
            break;
        }
    }
}

/* ---- flattening ---- */

/* "prefix.key" in arena memory: every nested key is built so, and printf
 * cost more than the rest of flattening. */
static const char *join_key(struct gw_arena *a, const char *prefix,
                            const char *key)
{
    size_t pl = strlen(prefix), kl = strlen(key);
    char *s = gw_arena_stralloc(a, pl + kl + 2);
    memcpy(s, prefix, pl);
    s[pl] = '.';
    memcpy(s + pl + 1, key, kl + 1);
    return s;
}

struct flat {
    struct gw_doc *d;
    const struct gw_ruleset *rs;
    bool json;            /* settings maps are flat string maps */
    enum gw_prot prot;
    unsigned group;
};

static enum gw_vkind vkind_of(const struct gw_node *n)
{
    if (n->kind == GW_NODE_MAP)
        return GW_VAL_MAP;
    if (n->kind == GW_NODE_SEQ)
        return GW_VAL_SEQ;
    switch (n->scalar) {
    case GW_SCALAR_NUMBER:
        return GW_VAL_NUMBER;
    case GW_SCALAR_BOOL:
        return GW_VAL_BOOL;
    case GW_SCALAR_NULL:
        return GW_VAL_NULL;
    case GW_SCALAR_STRING:
        break;
    }
    return GW_VAL_STRING;
}

static const char *what_kind(const struct gw_node *v)
{
    if (v->kind == GW_NODE_SEQ)
        return "a list";
    if (v->kind == GW_NODE_MAP)
        return "an object";
    switch (v->scalar) {
    case GW_SCALAR_NUMBER:
        return "a number";
    case GW_SCALAR_BOOL:
        return "a boolean";
    case GW_SCALAR_NULL:
        return "null";
    case GW_SCALAR_STRING:
        break;
    }
    return "a string";
}

static void add_leaf(struct flat *f, const char *key, const struct gw_node *v)
{
    struct gw_setting s;
    struct gw_setting *stored;

    memset(&s, 0, sizeof s);
    s.key = key;
    s.vkind = vkind_of(v);
    if (v->kind == GW_NODE_SCALAR && v->scalar != GW_SCALAR_NULL) {
        s.value = v->str;
        s.value_len = v->len;
    } else {
        s.value = "";
    }
    s.prot = f->prot;
    s.quoted = v->quoted;
    s.key_span = v->key->span;
    s.value_span = v->span;
    s.group = f->group;
    stored = gw_doc_add_setting(f->d, &s);
    if (v->kind == GW_NODE_SCALAR &&
        (gw_build_key_is_secret(f->rs, key) ||
         strncmp(v->str, "GatewayKey ", 11) == 0))
        gw_build_mark_secret(f->d, stored);
}

static bool is_branch(const struct gw_node *v, int depth)
{
    return v->kind == GW_NODE_MAP && v->nkids > 0 && depth < GW_MAX_DEPTH;
}

static int cmp_kid(const void *pa, const void *pb)
{
    const struct gw_node *a = *(const struct gw_node *const *)pa;
    const struct gw_node *b = *(const struct gw_node *const *)pb;
    int c = strcmp(a->key->str, b->key->str);
    if (c)
        return c;
    if (a->key->span.start != b->key->span.start)
        return a->key->span.start < b->key->span.start ? -1 : 1;
    return a == b ? 0 : a < b ? -1 : 1;
}

/* A mapping that repeats a key whose value is a mapping (`gateway:` twice
 * in nested YAML, or `service: x` and `service: {type: y}`): the dotted keys
 * of the two differ, so gw_build_find_dups cannot see it, yet a YAML or JSON
 * reader keeps only one of them and drops every setting under the other.
 * Two leaves with the same key are left to gw_build_find_dups. */
static void map_dups(struct flat *f, const struct gw_node *map,
                     const char *prefix, int depth)
{
    const struct gw_node **v;
    uint32_t i, start = 0;
    if (map->nkids < 2)
        return;
    /* Only a pair with a branch in it is this function's: a map of leaves
     * (the 5,000 annotations of a big file) has none, and no sort. */
    for (i = 0; i < map->nkids && !is_branch(map->kids[i], depth); i++)
        ;
    if (i == map->nkids)
        return;
    v = gw_xmalloc(map->nkids * sizeof *v);
    memcpy(v, map->kids, map->nkids * sizeof *v);
    qsort(v, map->nkids, sizeof *v, cmp_kid);
    for (i = 1; i < map->nkids; i++) {
        const char *key;
        unsigned line, col;
        if (strcmp(v[start]->key->str, v[i]->key->str) != 0) {
            start = i;
            continue;
        }
        if (!is_branch(v[i - 1], depth) && !is_branch(v[i], depth))
            continue;
        key = prefix ? join_key(f->d->arena, prefix, v[i]->key->str)
                     : v[i]->key->str;
        gw_source_line_col(f->d->src, v[start]->key->span.start, &line, &col);
        gw_doc_add_issue(
            f->d, "GW002", v[i]->key->span, key,
            gw_arena_printf(f->d->arena,
                            "key '%s' is repeated (first at line %u, column "
                            "%u); readers keep one of the two and drop "
                            "every setting under the other, or refuse the "
                            "file: merge them",
                            key, line, col));
    }
    gw_xfree(v);
}

static void flatten(struct flat *f, const struct gw_node *map,
                    const char *prefix, int depth)
{
    uint32_t i;
    map_dups(f, map, prefix, depth);
    for (i = 0; i < map->nkids; i++) {
        const struct gw_node *v = map->kids[i];
        const char *k = v->key->str;
        const char *key = prefix ? join_key(f->d->arena, prefix, k) : k;
        if (is_branch(v, depth)) {
            /* Only the outermost object: its inner ones are the same
             * mistake. */
            if (f->json && !prefix)
                gw_doc_add_issue(
                    f->d, "GW003", v->span, key,
                    gw_arena_printf(f->d->arena,
                                    "'%s' is an object; a settings map is "
                                    "flat: write each setting as one dotted "
                                    "key with a string value",
                                    key));
            flatten(f, v, key, depth + 1);
        } else {
            /* Helm values are YAML with lists of their own; Arc settings
             * are a string map. */
            if (v->kind == GW_NODE_SEQ && f->d->profile != GW_PROFILE_HELM)
                gw_doc_add_issue(
                    f->d, "GW003", v->span, key,
                    gw_arena_printf(f->d->arena,
                                    "'%s' is a list; configuration settings "
                                    "are strings: set each item with a key "
                                    "of its own, such as '%s[0]'",
                                    key, key));
            else if (f->json && v->kind == GW_NODE_SCALAR &&
                     v->scalar == GW_SCALAR_NULL)
                gw_doc_add_issue(
                    f->d, "GW003", v->span, key,
                    gw_arena_printf(f->d->arena,
                                    "'%s' is null; configuration settings "
                                    "are strings: give it a value in quotes "
                                    "or remove it",
                                    key));
            else if (f->json && v->kind == GW_NODE_SCALAR &&
                     v->scalar != GW_SCALAR_STRING)
                gw_doc_add_issue(
                    f->d, "GW003", v->span, key,
                    gw_arena_printf(f->d->arena,
                                    "'%s' is %s; configuration settings are "
                                    "strings: write \"%s\"",
                                    key, what_kind(v), v->str));
            add_leaf(f, key, v);
        }
    }
}


/* Repeated keys, also those that only collide after flattening
 * ("a.b" and a: {b: ...}). */
void gw_build_find_dups(struct gw_doc *d)
{
    /* A hash of (group, key) -> first index: sorting 5,000 keys with long
     * common prefixes cost a quarter of such a file's time. */
    unsigned *slots;
    size_t cap = 16, i;
    if (d->nsettings < 2)
        return;
    while (cap < d->nsettings * 2)
        cap *= 2;
    slots = gw_xcalloc(cap, sizeof *slots);
    for (i = 0; i < d->nsettings; i++) {
        const struct gw_setting *s = &d->settings[i];
        uint32_t h = 2166136261u ^ s->group;
        const char *k;
        size_t slot;
        for (k = s->key; *k; k++)
            h = (h ^ (unsigned char)*k) * 16777619u;
        for (slot = h & (cap - 1); slots[slot]; slot = (slot + 1) & (cap - 1)) {
            const struct gw_setting *f = &d->settings[slots[slot] - 1];
            if (f->group == s->group && strcmp(f->key, s->key) == 0)
                break;
        }
        if (!slots[slot]) {
            slots[slot] = (unsigned)i + 1;
        } else {
            const struct gw_setting *f = &d->settings[slots[slot] - 1];
            struct gw_dup dup;
            dup.key = s->key;
            dup.span = s->key_span;
            dup.first = f->key_span;
            dup.later_wins = false;
            gw_doc_add_dup(d, &dup);
        }
    }
    gw_xfree(slots);
}

/* ---- shapes ---- */

static bool has_gateway_key_at(const struct gw_ruleset *rs,
                               struct gw_arena *a, const struct gw_node *map,
                               const char *prefix, int depth);

bool gw_build_has_gateway_key(const struct gw_ruleset *rs, struct gw_arena *a,
                              const struct gw_node *map)
{
    return map && map->kind == GW_NODE_MAP &&
           has_gateway_key_at(rs, a, map, NULL, 0);
}

static bool is_gateway_key(const struct gw_ruleset *rs, const char *key)
{
    const char *profiles[] = {"arc", "helm"};
    size_t i;
    if (strncmp(key, "gateway.", 8) != 0)
        return false;
    for (i = 0; i < 2; i++) {
        const struct gw_catalog *c = gw_ruleset_catalog(rs, profiles[i]);
        if (!c)
            continue;
        if (gw_catalog_find(c, key) ||
            gw_keymap_find(c->renamed, c->nrenamed, key) ||
            gw_keymap_find(c->other, c->nother, key))
            return true;
    }
    return false;
}

/* Does the map hold a gateway key, flat ("gateway.x.y") or nested? */
static bool has_gateway_key_at(const struct gw_ruleset *rs,
                            struct gw_arena *a, const struct gw_node *map,
                            const char *prefix, int depth)
{
    uint32_t i;
    if (depth > 8)
        return false;
    for (i = 0; i < map->nkids; i++) {
        const struct gw_node *v = map->kids[i];
        const char *key =
            prefix ? join_key(a, prefix, v->key->str) : v->key->str;
        if (v->kind == GW_NODE_MAP) {
            if ((!prefix && strcmp(key, "gateway") == 0) ||
                (prefix && strncmp(key, "gateway", 7) == 0))
                if (has_gateway_key_at(rs, a, v, key, depth + 1))
                    return true;
        } else if (is_gateway_key(rs, key)) {
            return true;
        }
    }
    return false;
}

const struct gw_node *gw_build_extension_props(const struct gw_node *root)
{
    const struct gw_node *p;
    if (!root || root->kind != GW_NODE_MAP)
        return NULL;
    if (gw_node_get(root, "configurationSettings") ||
        gw_node_get(root, "configurationProtectedSettings"))
        return root;
    p = gw_node_get(root, "properties");
    if (p && p->kind == GW_NODE_MAP &&
        (gw_node_get(p, "configurationSettings") ||
         gw_node_get(p, "configurationProtectedSettings")))
        return p;
    return NULL;
}

void gw_build_fact(struct gw_doc *d, const char *name,
                   const struct gw_node *v)
{
    struct gw_fact f;
    if (!v)
        return;
    memset(&f, 0, sizeof f);
    f.name = name;
    f.value = v->kind == GW_NODE_SCALAR ? v->str : NULL;
    f.name_span = v->key ? v->key->span : v->span;
    f.value_span = v->span;
    gw_doc_add_fact(d, &f);
}

/* The settings that flatten() will add for `map`. */
static size_t count_leaves(const struct gw_node *map, int depth)
{
    size_t n = 0;
    uint32_t i;
    for (i = 0; i < map->nkids; i++)
        n += is_branch(map->kids[i], depth)
                 ? count_leaves(map->kids[i], depth + 1)
                 : 1;
    return n;
}

void gw_build_settings_map(struct gw_doc *d, const struct gw_ruleset *rs,
                           const struct gw_node *map, bool json,
                           enum gw_prot prot, unsigned group)
{
    struct flat f;
    /* room for all at once: growing by doubling left a 5,000-key file's
     * earlier copies of the array in the arena */
    gw_doc_reserve_settings(d, d->nsettings + count_leaves(map, 0));
    f.d = d;
    f.rs = rs;
    f.json = json;
    f.prot = prot;
    f.group = group;
    d->has_settings_map = true;
    flatten(&f, map, NULL, 0);
}

void gw_build_extension(struct gw_doc *d, const struct gw_ruleset *rs,
                        const struct gw_node *props, bool json)
{
    static const char *const maps[] = {"configurationSettings",
                                       "configurationProtectedSettings"};
    static const char *const facts[] = {"extensionType", "releaseTrain",
                                        "version", "autoUpgradeMinorVersion",
                                        "scope", NULL};
    const char *const *fn;
    unsigned i;

    d->kind = GW_DOC_COMPLETE;
    d->anchor = props->key ? props->key->span : props->span;
    d->anchor.end = d->anchor.start;
    for (i = 0; i < 2; i++) {
        const struct gw_node *m = gw_node_get(props, maps[i]);
        if (!m)
            continue;
        if (m->kind != GW_NODE_MAP) {
            if (!(m->kind == GW_NODE_SCALAR && m->scalar == GW_SCALAR_NULL))
                gw_doc_add_issue(d, "GW003", m->span, maps[i],
                                 gw_arena_printf(d->arena,
                                                 "%s is %s; it must be a map "
                                                 "of setting names to "
                                                 "strings",
                                                 maps[i], what_kind(m)));
            continue;
        }
        gw_build_settings_map(d, rs, m, json,
                              i ? GW_PROT_PROTECTED : GW_PROT_PLAIN, i);
    }
    d->ngroups = 2;
    for (fn = facts; *fn; fn++)
        gw_build_fact(d, *fn, gw_node_get(props, *fn));
    if (d->nsettings == 0)
        gw_doc_add_issue(d, "GW004", d->anchor, NULL,
                         "the extension has no configuration settings; "
                         "gateway.configuration.uri and gateway.auth.token "
                         "are required");
}

/* ---- the kinds of YAML/JSON input ---- */

static bool extension_detect(const struct gw_ruleset *rs,
                             const struct gw_node *root, const char *path)
{
    (void)rs;
    (void)path;
    return gw_build_extension_props(root) != NULL;
}

static void extension_build(struct gw_doc *d, const struct gw_ruleset *rs,
                            const struct gw_node *root,
                            const struct gw_build_opts *o, const char **skip)
{
    const struct gw_node *props = gw_build_extension_props(root);
    const struct gw_node *et;
    bool json = strcmp(d->input_type, "settings-json") == 0;

    d->input_type = "extension";
    if (!props) {
        gw_doc_add_issue(d, "GW004", d->anchor, NULL,
                         "no configurationSettings or "
                         "configurationProtectedSettings map found");
        return;
    }
    et = gw_node_get(props, "extensionType");
    if (!o->input_type && et && et->kind == GW_NODE_SCALAR &&
        strcasecmp(et->str, "Microsoft.ApiManagement.Gateway") != 0) {
        *skip = "an extension of another type";
        return;
    }
    gw_build_extension(d, rs, props, json);
    gw_build_find_dups(d);
}

static bool settings_detect(const struct gw_ruleset *rs,
                            const struct gw_node *root, const char *path)
{
    struct gw_arena *a;
    bool yes;
    (void)path;
    if (!root || root->kind != GW_NODE_MAP)
        return false;
    a = gw_arena_new();
    yes = gw_build_has_gateway_key(rs, a, root);
    gw_arena_free(a);
    return yes;
}

static void settings_build(struct gw_doc *d, const struct gw_ruleset *rs,
                           const struct gw_node *root,
                           const struct gw_build_opts *o, const char **skip)
{
    bool json = strcmp(d->input_type, "settings-json") == 0;
    if (!o->input_type && d->profile == GW_PROFILE_HELM) {
        gw_build_helm(d, rs, root, o, skip); /* a values file */
        return;
    }
    (void)skip;
    if (o->input_type && strcmp(o->input_type, "settings-yaml") == 0)
        json = false;
    if (root && root->kind != GW_NODE_MAP) {
        gw_doc_add_issue(d, "GW003", root->span, NULL,
                         "a settings file must hold one map of setting "
                         "names to values");
        return;
    }
    d->kind = GW_DOC_SETTINGS;
    d->ngroups = 1;
    if (root) {
        d->anchor.start = d->anchor.end = root->span.start;
        gw_build_settings_map(d, rs, root, json, d->file_prot, 0);
    } else {
        d->has_settings_map = true;
    }
    if (d->nsettings == 0)
        gw_doc_add_issue(d, "GW004", d->anchor, NULL,
                         "the settings file is empty; an extension needs at "
                         "least gateway.configuration.uri and "
                         "gateway.auth.token");
    gw_build_find_dups(d);
}

/* Tried in order; the first whose detect() says yes builds the document.
 * New input kinds add a line here and a build_<kind>.c of their own. */
static const struct gw_tree_kind tree_kinds[] = {
    {"arm", gw_build_arm_detect, gw_build_arm},
    {"tfplan", gw_build_tfplan_detect, gw_build_tfplan},
    {"extension", extension_detect, extension_build},
    {"workflow", gw_workflow_detect, gw_workflow_build},
    {"helm-values", gw_build_helm_detect, gw_build_helm},
    {"settings-json", settings_detect, settings_build},
    {"settings-yaml", settings_detect, settings_build},
};

#define NTREE (sizeof tree_kinds / sizeof tree_kinds[0])

/* Kinds read as text, not as one YAML/JSON tree (scripts, Markdown). */
static const struct gw_text_kind *const text_kinds[] = {
    &gw_kind_command, &gw_kind_shell, &gw_kind_markdown, NULL};

bool gw_build_known_type(const char *type)
{
    size_t i;
    for (i = 0; i < NTREE; i++)
        if (strcmp(tree_kinds[i].name, type) == 0)
            return true;
    for (i = 0; text_kinds[i]; i++)
        if (strcmp(text_kinds[i]->name, type) == 0)
            return true;
    return false;
}

bool gw_build_claims_name(const char *path)
{
    size_t i;
    if (gw_build_ends_with(path, ".json") || gw_build_ends_with(path, ".yaml") ||
        gw_build_ends_with(path, ".yml"))
        return true;
    for (i = 0; text_kinds[i]; i++)
        if (text_kinds[i]->claims_name(path))
            return true;
    return false;
}

/* A file name that says "protected" (and not "unprotected"). */
static bool names_protected(const char *path)
{
    const char *base = strrchr(path, '/'), *p;
    size_t i;
    base = base ? base + 1 : path;
    for (p = base; *p; p++) {
        for (i = 0; i < 9 && p[i] &&
                    tolower((unsigned char)p[i]) == "protected"[i];
             i++)
            ;
        if (i == 9 && !(p - base >= 2 && tolower((unsigned char)p[-2]) == 'u' &&
                        tolower((unsigned char)p[-1]) == 'n'))
            return true;
    }
    return false;
}

/* ---- the entry point ---- */

enum gw_status gw_build(struct gw_doc *d, const struct gw_ruleset *rs,
                        const struct gw_build_opts *o, const char **skip)
{
    const struct gw_source *s = d->src;
    const char *type = o->input_type;
    const char *p = s->text + s->bom;
    struct gw_node *root = NULL;
    struct gw_load_error le;
    enum gw_status rc;
    bool json, forced = type != NULL, about;
    size_t i;

    *skip = NULL;
    if (type && !gw_build_known_type(type))
        return GW_ERR_USAGE;
    d->profile = o->profile;
    d->file_prot = o->prot;
    if (d->file_prot == GW_PROT_UNKNOWN && names_protected(s->path))
        d->file_prot = GW_PROT_PROTECTED;
    about = forced || gw_build_contains_ci(s->text, s->len, "gateway");

    if (!check_limits(d)) {
        if (!about)
            *skip = "over a size limit and not about the gateway";
        return GW_OK;
    }
    mask_raw(d);

    for (i = 0; text_kinds[i]; i++) {
        const struct gw_text_kind *k = text_kinds[i];
        if (type ? strcmp(type, k->name) == 0
                 : k->detect(s->path, s->text, s->len)) {
            d->input_type = k->name;
            k->build(d, rs, o, skip);
            return GW_OK;
        }
    }

    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        p++;
    if (type && strcmp(type, "settings-yaml") == 0)
        json = false;
    else if (type && strcmp(type, "settings-json") == 0)
        json = true;
    else
        json = *p == '{' || *p == '[' ||
               (gw_build_ends_with(s->path, ".json") && *p != '\0');
    d->input_type = json ? "settings-json" : "settings-yaml";
    rc = json ? gw_load_json(d->arena, s, &root, &le)
              : gw_load_yaml(d->arena, s, &root, &le);
    if (rc != GW_OK) {
        if (!about) {
            *skip = "not valid YAML or JSON, and it does not mention the "
                    "gateway";
            return GW_OK;
        }
        gw_doc_add_issue(d, rc == GW_ERR_LIMIT ? "GW005" : "GW001", le.span,
                         NULL, le.message);
        return GW_OK;
    }

    for (i = 0; i < NTREE; i++) {
        const struct gw_tree_kind *k = &tree_kinds[i];
        if (type ? strcmp(type, k->name) == 0 : k->detect(rs, root, s->path)) {
            k->build(d, rs, root, o, skip);
            return GW_OK;
        }
    }
    *skip = !root ? "empty"
            : root->kind != GW_NODE_MAP ? "not a map of settings"
                                        : "no gateway setting in it";
    return GW_OK;
}
