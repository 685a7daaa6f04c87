/* The ruleset: loads the embedded rule files and data (rules/, docs/rules/)
 * with the same YAML loader as user input, validates them, and answers
 * look-ups. Immutable after gw_ruleset_builtin(). */
#include "ruleset.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "builtin.h"
#include "check.h"
#include "compiled.h"
#include "custom.h"
#include "load_yaml.h"
#include "match.h"
#include "mem.h"
#include "node.h"

struct gw_ruleset {
    struct gw_arena *arena;
    struct gw_rule *rules;
    size_t nrules;
    struct gw_catalog catalogs[2]; /* arc, helm */
    size_t ncatalogs;
    const struct gw_region *regions;
    size_t nregions;
    const struct gw_tier *tiers;
    size_t ntiers;
    struct gw_placeholder *placeholders;
    size_t nplaceholders;
    bool secret_lookup; /* see note_secrets */
    /* The placeholder hints as bit sets over the patterns (at most 32),
     * so that a value is tested against all of them in one pass over its
     * bytes (see index_placeholders). */
    bool ph_indexed;
    uint32_t ph_embedded;      /* the embedded patterns */
    uint32_t ph_start[256];    /* whole patterns a value may start with b */
    uint32_t ph_need_by[256];  /* patterns whose needed byte is b */
    uint32_t ph_first_by[256]; /* embedded patterns a match may start at b */
    uint32_t ph_no_need, ph_no_first, ph_no_start;
    uint32_t ph_len_ok[65];    /* patterns a value of n bytes is long enough
                                  for (n capped at 64) */
};

/* Values repeat across a repository ("true", "8080", "LoadBalancer"), so
 * the answer for short values is remembered in a small two-way table
 * (12 KB) that the caller owns, one per thread: the placeholder's
 * index + 1, or 0 for none. */
#define PH_CACHE 256
#define PH_VALUE 40
#define PH_MAX 255 /* patterns; an index + 1 fits the entry's byte */

struct ph_entry {
    uint32_t hash;
    uint8_t len;     /* 0: empty slot */
    uint8_t result;
    char value[PH_VALUE];
};

struct gw_ph_cache {
    const struct gw_ruleset *rs; /* whose answers these are */
    struct ph_entry e[PH_CACHE];
};

/* ---- reading YAML nodes with errors that name the place ---- */

struct reader {
    struct gw_arena *a;
    const struct gw_source *src;
    struct gw_buf *err;
    bool failed;
};

static void fail(struct reader *r, const struct gw_node *at, const char *fmt,
                 ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void fail(struct reader *r, const struct gw_node *at, const char *fmt,
                 ...)
{
    unsigned line = 1, col = 1;
    va_list ap;
    if (r->failed)
        return;
    r->failed = true;
    if (at)
        gw_source_line_col(r->src, at->key ? at->key->span.start
                                           : at->span.start,
                           &line, &col);
    gw_buf_printf(r->err, "%s:%u:%u: ", r->src->path, line, col);
    va_start(ap, fmt);
    {
        char msg[256];
        vsnprintf(msg, sizeof msg, fmt, ap);
        gw_buf_puts(r->err, msg);
    }
    va_end(ap);
}

static const char *str_field(struct reader *r, const struct gw_node *map,
                             const char *name, bool required)
{
    const struct gw_node *v = gw_node_get(map, name);
    if (!v) {
        if (required)
            fail(r, map, "missing field '%s'", name);
        return NULL;
    }
    if (v->kind != GW_NODE_SCALAR) {
        fail(r, v, "field '%s' must be a string", name);
        return NULL;
    }
    return v->str;
}

static bool bool_field(struct reader *r, const struct gw_node *map,
                       const char *name)
{
    const struct gw_node *v = gw_node_get(map, name);
    if (!v)
        return false;
    if (v->kind != GW_NODE_SCALAR || v->scalar != GW_SCALAR_BOOL) {
        fail(r, v, "field '%s' must be true or false", name);
        return false;
    }
    return strcmp(v->str, "true") == 0 || strcmp(v->str, "True") == 0 ||
           strcmp(v->str, "TRUE") == 0;
}

static bool num_field(struct reader *r, const struct gw_node *map,
                      const char *name, double *out)
{
    const struct gw_node *v = gw_node_get(map, name);
    char *end;
    if (!v)
        return false;
    if (v->kind != GW_NODE_SCALAR || v->scalar != GW_SCALAR_NUMBER) {
        fail(r, v, "field '%s' must be a number", name);
        return false;
    }
    *out = strtod(v->str, &end);
    if (*end) {
        fail(r, v, "field '%s' must be a number", name);
        return false;
    }
    return true;
}

/* Fail on any member of `map` not named in `allowed` (NULL-terminated). */
static void only_fields(struct reader *r, const struct gw_node *map,
                        const char *const *allowed)
{
    uint32_t i;
    for (i = 0; i < map->nkids; i++) {
        const char *k = map->kids[i]->key->str;
        const char *const *a;
        for (a = allowed; *a; a++)
            if (strcmp(*a, k) == 0)
                break;
        if (!*a)
            fail(r, map->kids[i], "unknown field '%s'", k);
    }
}

static const struct gw_node *seq_field(struct reader *r,
                                       const struct gw_node *map,
                                       const char *name)
{
    const struct gw_node *v = gw_node_get(map, name);
    if (v && v->kind != GW_NODE_SEQ) {
        fail(r, v, "field '%s' must be a list", name);
        return NULL;
    }
    return v;
}

static const struct gw_node *item_map(struct reader *r,
                                      const struct gw_node *n)
{
    if (n->kind != GW_NODE_MAP) {
        fail(r, n, "expected a mapping");
        return NULL;
    }
    return n;
}

/* ---- rules ---- */

/* The embedded files are sorted by path (CMakeLists.txt sorts them; a
 * unit test checks): every ruleset looks up each rule's page, and a
 * linear search was a seventh of a one-file run. */
static int cmp_builtin(const void *key, const void *elem)
{
    return strcmp(key, ((const struct gw_builtin *)elem)->path);
}

static const char *find_doc(const char *id)
{
    const struct gw_builtin *f;
    char path[64];
    snprintf(path, sizeof path, "docs/rules/%s.md", id);
    f = bsearch(path, gw_builtin_files, gw_builtin_count,
                sizeof *gw_builtin_files, cmp_builtin);
    return f ? f->text : NULL;
}

static bool valid_name(const char *s)
{
    if (!*s || !islower((unsigned char)*s))
        return false;
    for (; *s; s++)
        if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) &&
            *s != '-')
            return false;
    return true;
}

static void read_rule(struct reader *r, const struct gw_node *root,
                      struct gw_rule *rule, const char *file_id)
{
    static const char *const fields[] = {"id",          "name",  "level",
                                         "summary",     "description",
                                         "check",       NULL};
    const char *level, *check;

    if (!item_map(r, root))
        return;
    only_fields(r, root, fields);
    rule->id = str_field(r, root, "id", true);
    rule->name = str_field(r, root, "name", true);
    level = str_field(r, root, "level", true);
    rule->summary = str_field(r, root, "summary", true);
    rule->description = str_field(r, root, "description", true);
    check = str_field(r, root, "check", true);
    if (r->failed)
        return;
    if (strcmp(rule->id, file_id) != 0)
        fail(r, gw_node_get(root, "id"), "id '%s' does not match the file name",
             rule->id);
    else if (!valid_name(rule->name))
        fail(r, gw_node_get(root, "name"), "name '%s' is not kebab-case",
             rule->name);
    else if (!gw_level_parse(level, &rule->default_level) ||
             rule->default_level == GW_LEVEL_OFF)
        fail(r, gw_node_get(root, "level"),
             "level '%s' is not error, warning or note", level);
    else if (!(rule->check = gw_check_find(check)))
        fail(r, gw_node_get(root, "check"), "no C check is named '%s'", check);
    rule->level = rule->default_level;
    rule->doc = find_doc(rule->id);
}

/* ---- custom rules (the config's custom-rules list) ---- */

static void fail_at(struct reader *r, uint32_t off, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Like fail(), at a byte offset of the source. */
static void fail_at(struct reader *r, uint32_t off, const char *fmt, ...)
{
    unsigned line, col;
    char msg[512];
    va_list ap;
    if (r->failed)
        return;
    r->failed = true;
    gw_source_line_col(r->src, off, &line, &col);
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    gw_buf_printf(r->err, "%s:%u:%u: %s", r->src->path, line, col, msg);
}

/* The source offset of byte `off` of scalar `n`'s decoded text: plain
 * scalars are their text; quoted ones are walked past '' and backslash
 * escapes. The scalar's start when the text cannot be followed (block
 * scalars, folded lines). */
static uint32_t scalar_offset(const struct gw_source *src,
                              const struct gw_node *n, size_t off)
{
    const char *t = src->text;
    uint32_t p = n->span.start, end = n->span.end;
    size_t k = 0;
    char q = p < end ? t[p] : '\0';

    if (q != '\'' && q != '"')
        return n->span.end - n->span.start == n->len &&
                       off <= n->len
                   ? p + (uint32_t)off
                   : p;
    for (p++; p < end && k < off; k++) {
        if (t[p] == '\n' || t[p] == '\r')
            return n->span.start;
        if (q == '\'' && t[p] == '\'' && p + 1 < end && t[p + 1] == '\'') {
            p += 2;
        } else if (q == '"' && t[p] == '\\' && p + 1 < end) {
            char e = t[p + 1];
            size_t hex = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
            p += 2 + (uint32_t)hex;
            /* \u and \U give several UTF-8 bytes of the decoded text */
            if (hex > 2)
                return n->span.start;
        } else {
            p++;
        }
    }
    return p < end ? p : n->span.start;
}

/* Compile the pattern in member `name` of `m` into *re; fail at the exact
 * place of a syntax error. */
static void read_regex(struct reader *r, const struct gw_node *m,
                       const char *name, const char *id, struct gw_regex **re,
                       const char **text)
{
    const struct gw_node *v = gw_node_get(m, name);
    struct gw_buf e;
    size_t off = 0;

    *text = str_field(r, m, name, false);
    if (!*text || r->failed)
        return;
    if (!**text) {
        fail_at(r, v->span.start, "custom rule %s: '%s' is empty", id, name);
        return;
    }
    gw_buf_init(&e, 0);
    if (gw_regex_compile(*text, 0, re, &e, &off) != GW_OK)
        fail_at(r, scalar_offset(r->src, v, off),
                "custom rule %s: %s does not compile: %s", id, name,
                gw_buf_str(&e));
    gw_buf_release(&e);
    *text = gw_arena_strdup(r->a, *text);
}

static bool valid_custom_id(const char *s)
{
    size_t n = 0;
    if (!isalpha((unsigned char)*s))
        return false;
    for (; *s; s++, n++)
        if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_')
            return false;
    return n <= 32;
}

/* Read one custom rule; `rules`/`n` are the rules so far (for clashes). */
static void read_custom(struct reader *r, const struct gw_node *root,
                        struct gw_rule *rule, const struct gw_rule *rules,
                        size_t n)
{
    static const char *const fields[] = {
        "id",       "name",      "level",   "message", "key",
        "key-pattern", "pattern", "required", "forbidden", NULL};
    struct gw_match *m = gw_arena_alloc(r->a, sizeof *m);
    const char *level, *id;
    size_t i;

    rule->match = m; /* from here on, its patterns are freed with it */
    if (!item_map(r, root))
        return;
    for (i = 0; i < root->nkids; i++) {
        const struct gw_node *k = root->kids[i]->key;
        const char *const *f, *near = NULL;
        unsigned d, best = 3;
        for (f = fields; *f && strcmp(*f, k->str) != 0; f++)
            ;
        if (*f)
            continue;
        for (f = fields; *f; f++)
            if ((d = gw_edit_distance(k->str, *f, true, best)) < best) {
                best = d;
                near = *f;
            }
        if (near)
            fail_at(r, k->span.start,
                    "unknown key '%s' in a custom rule; did you mean '%s'",
                    k->str, near);
        else
            fail_at(r, k->span.start, "unknown key '%s' in a custom rule",
                    k->str);
        return;
    }
    id = str_field(r, root, "id", true);
    rule->name = str_field(r, root, "name", true);
    level = str_field(r, root, "level", false);
    m->message = str_field(r, root, "message", false);
    m->key = str_field(r, root, "key", false);
    if (r->failed)
        return;
    if (!valid_custom_id(id)) {
        fail_at(r, gw_node_get(root, "id")->span.start,
             "custom rule id '%s' must be a letter then letters, digits, "
             "'-' or '_' (at most 32), such as 'ORG001'",
             id);
        return;
    }
    if (strncasecmp(id, "GW", 2) == 0) {
        fail_at(r, gw_node_get(root, "id")->span.start,
             "custom rule id '%s' collides with gwlint's own rules: ids "
             "starting with 'GW' are reserved; use a prefix of your own "
             "such as 'ORG001'",
             id);
        return;
    }
    if (!valid_name(rule->name)) {
        fail_at(r, gw_node_get(root, "name")->span.start,
             "custom rule name '%s' is not kebab-case (lower-case words "
             "joined by '-')",
             rule->name);
        return;
    }
    for (i = 0; i < n; i++) {
        if (strcasecmp(rules[i].id, id) == 0 ||
            strcmp(rules[i].name, id) == 0) {
            fail_at(r, gw_node_get(root, "id")->span.start,
                 "custom rule id '%s' is already used by %s%s", id,
                 rules[i].custom ? "custom rule " : "", rules[i].id);
            return;
        }
        if (strcmp(rules[i].name, rule->name) == 0 ||
            strcasecmp(rules[i].id, rule->name) == 0) {
            fail_at(r, gw_node_get(root, "name")->span.start,
                 "custom rule name '%s' is already used by %s%s",
                 rule->name, rules[i].custom ? "custom rule " : "",
                 rules[i].id);
            return;
        }
    }
    /* The config's tree may go before the ruleset does. */
    rule->id = gw_arena_strdup(r->a, id);
    rule->name = gw_arena_strdup(r->a, rule->name);
    if (m->message) {
        /* One line: a folded or literal YAML scalar brings line breaks. */
        char *msg = gw_arena_strdup(r->a, m->message), *p;
        size_t len = strlen(msg);
        for (p = msg; *p; p++)
            if ((unsigned char)*p < 0x20 || *p == 0x7f)
                *p = ' ';
        while (len > 0 && msg[len - 1] == ' ')
            msg[--len] = '\0';
        m->message = msg;
    }
    if (m->key)
        m->key = gw_arena_strdup(r->a, m->key);
    rule->default_level = GW_WARNING;
    if (level && (!gw_level_parse(level, &rule->default_level) ||
                  rule->default_level == GW_LEVEL_OFF)) {
        fail_at(r, gw_node_get(root, "level")->span.start,
             "custom rule %s: level '%s' is not error, warning or note", id,
             level);
        return;
    }
    rule->level = rule->default_level;
    m->required = bool_field(r, root, "required");
    m->forbidden = bool_field(r, root, "forbidden");
    if (m->key && gw_node_get(root, "key-pattern")) {
        fail_at(r, gw_node_get(root, "key-pattern")->span.start,
             "custom rule %s: give 'key' or 'key-pattern', not both", id);
        return;
    }
    if (!m->key)
        read_regex(r, root, "key-pattern", id, &m->key_re, &m->key_pattern);
    if (r->failed)
        return;
    if (!m->key && !m->key_re) {
        fail(r, root, "custom rule %s: name the settings it checks with "
                      "'key' or 'key-pattern'",
             id);
        return;
    }
    read_regex(r, root, "pattern", id, &m->value_re, &m->pattern);
    if (r->failed)
        return;
    if (m->required && m->forbidden)
        fail_at(r, gw_node_get(root, "forbidden")->span.start,
             "custom rule %s: a setting cannot be both required and "
             "forbidden",
             id);
    else if (!m->value_re && !m->required && !m->forbidden)
        fail(r, root,
             "custom rule %s: say what it checks: 'pattern', "
             "'required: true' or 'forbidden: true'",
             id);
    rule->summary = m->message ? m->message : rule->name;
    rule->description =
        m->key ? gw_arena_printf(r->a, "Custom rule on '%s' from the "
                                       "configuration file.",
                                 m->key)
               : gw_arena_printf(r->a, "Custom rule on the settings "
                                       "matching '%s' from the "
                                       "configuration file.",
                                 m->key_pattern);
    rule->custom = true;
}

/* ---- data ---- */

static const struct {
    const char *name;
    enum gw_ktype type;
} ktypes[] = {
    {"string", GW_KT_STRING},     {"uri", GW_KT_URI},
    {"token", GW_KT_TOKEN},       {"bool", GW_KT_BOOL},
    {"int", GW_KT_INT},           {"number", GW_KT_NUMBER},
    {"port", GW_KT_PORT},         {"nodeport", GW_KT_NODEPORT},
    {"enum", GW_KT_ENUM},         {"quantity", GW_KT_QUANTITY},
    {"guid", GW_KT_GUID},         {"hostport", GW_KT_HOSTPORT},
    {"int-or-percent", GW_KT_INT_OR_PERCENT},
    {"arm-id", GW_KT_ARM_ID},     {"base64", GW_KT_BASE64},
    {"endpoint", GW_KT_ENDPOINT}, {"path", GW_KT_PATH},
    {"map", GW_KT_MAP},           {"list", GW_KT_LIST},
};

static uint32_t hash_str(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static void index_catalog(struct gw_arena *a, struct gw_catalog *c)
{
    size_t i, cap = 16;
    unsigned *index;
    while (cap < c->nkeys * 2)
        cap *= 2;
    c->index_cap = cap;
    index = gw_arena_alloc(a, cap * sizeof *index);
    for (i = 0; i < c->nkeys; i++) {
        size_t h = hash_str(c->keys[i].key) & (cap - 1);
        while (index[h])
            h = (h + 1) & (cap - 1);
        index[h] = (unsigned)i + 1;
    }
    c->index = index;
}

static void read_keymaps(struct reader *r, const struct gw_node *root,
                         const char *name, const struct gw_keymap **out,
                         size_t *n)
{
    static const char *const fields[] = {"key", "prefix", "now", NULL};
    const struct gw_node *seq = seq_field(r, root, name);
    struct gw_keymap *maps;
    uint32_t i;
    if (!seq)
        return;
    maps = gw_arena_alloc(r->a, (seq->nkids + 1) * sizeof *maps);
    *out = maps;
    for (i = 0; i < seq->nkids && !r->failed; i++) {
        const struct gw_node *m = item_map(r, seq->kids[i]);
        struct gw_keymap *km = &maps[(*n)++];
        if (!m)
            return;
        only_fields(r, m, fields);
        km->key = str_field(r, m, "key", false);
        if (!km->key) {
            km->key = str_field(r, m, "prefix", false);
            km->prefix = true;
        }
        if (!km->key)
            fail(r, m, "an entry needs 'key' or 'prefix'");
        km->now = str_field(r, m, "now", true);
    }
}

static void read_catalog(struct reader *r, const struct gw_node *root,
                         struct gw_catalog *c)
{
    static const char *const top[] = {"profile", "keys", "renamed",
                                      "other-profile", NULL};
    static const char *const fields[] = {
        "key",      "type",   "default", "values", "min", "max",
        "required", "secret", "required-when",     "doc", NULL};
    const struct gw_node *keys;
    struct gw_keydef *defs;
    uint32_t i, j;

    if (!item_map(r, root))
        return;
    only_fields(r, root, top);
    c->profile = str_field(r, root, "profile", true);
    keys = seq_field(r, root, "keys");
    if (!keys) {
        fail(r, root, "missing field '%s'", "keys");
        return;
    }
    defs = gw_arena_alloc(r->a, keys->nkids * sizeof *defs);
    c->keys = defs;
    for (i = 0; i < keys->nkids && !r->failed; i++) {
        const struct gw_node *m = item_map(r, keys->kids[i]), *v, *w;
        struct gw_keydef *k = &defs[c->nkeys++];
        const char *type;
        size_t t;
        if (!m)
            return;
        only_fields(r, m, fields);
        k->key = str_field(r, m, "key", true);
        type = str_field(r, m, "type", true);
        if (r->failed)
            return;
        for (t = 0; t < sizeof ktypes / sizeof ktypes[0]; t++)
            if (strcmp(ktypes[t].name, type) == 0)
                break;
        if (t == sizeof ktypes / sizeof ktypes[0]) {
            fail(r, gw_node_get(m, "type"), "unknown type '%s'", type);
            return;
        }
        k->type = ktypes[t].type;
        k->def = str_field(r, m, "default", false);
        k->doc = str_field(r, m, "doc", false);
        k->required = bool_field(r, m, "required");
        k->secret = bool_field(r, m, "secret");
        k->has_min = num_field(r, m, "min", &k->min);
        k->has_max = num_field(r, m, "max", &k->max);
        if ((v = seq_field(r, m, "values"))) {
            const char **vals = gw_arena_alloc(r->a, v->nkids * sizeof *vals);
            for (j = 0; j < v->nkids; j++)
                vals[k->nvalues++] = v->kids[j]->str;
            k->values = vals;
        }
        if (k->type == GW_KT_ENUM && !k->nvalues)
            fail(r, m, "enum key '%s' has no values", k->key);
        if ((w = gw_node_get(m, "required-when"))) {
            k->req_key = str_field(r, w, "key", true);
            k->req_value = str_field(r, w, "value", true);
        }
    }
    read_keymaps(r, root, "renamed", &c->renamed, &c->nrenamed);
    read_keymaps(r, root, "other-profile", &c->other, &c->nother);
    index_catalog(r->a, c);
}

static void read_regions(struct reader *r, const struct gw_node *root,
                         struct gw_ruleset *rs)
{
    static const char *const top[] = {"supported", "azure", NULL};
    static const char *const sfields[] = {"name", "doc", NULL};
    static const char *const afields[] = {"name", "display", "cloud", NULL};
    const struct gw_node *sup, *az;
    struct gw_region *regions;
    uint32_t i;
    size_t j;

    if (!item_map(r, root))
        return;
    only_fields(r, root, top);
    sup = seq_field(r, root, "supported");
    az = seq_field(r, root, "azure");
    if (!sup || !az) {
        fail(r, root, "needs 'supported' and 'azure' lists");
        return;
    }
    regions = gw_arena_alloc(r->a, az->nkids * sizeof *regions);
    rs->regions = regions;
    for (i = 0; i < az->nkids && !r->failed; i++) {
        const struct gw_node *m = item_map(r, az->kids[i]);
        struct gw_region *g = &regions[rs->nregions++];
        if (!m)
            return;
        only_fields(r, m, afields);
        g->name = str_field(r, m, "name", true);
        g->display = str_field(r, m, "display", true);
        g->cloud = str_field(r, m, "cloud", true);
    }
    for (i = 0; i < sup->nkids && !r->failed; i++) {
        const struct gw_node *m = item_map(r, sup->kids[i]);
        const char *name;
        if (!m)
            return;
        only_fields(r, m, sfields);
        name = str_field(r, m, "name", true);
        if (r->failed)
            return;
        for (j = 0; j < rs->nregions; j++)
            if (strcmp(rs->regions[j].name, name) == 0)
                break;
        if (j == rs->nregions) {
            fail(r, m, "supported region '%s' is not an Azure region", name);
            return;
        }
        regions[j].supported = true;
        regions[j].doc = str_field(r, m, "doc", false);
    }
}

static void read_tiers(struct reader *r, const struct gw_node *root,
                       struct gw_ruleset *rs)
{
    static const char *const fields[] = {"name", "eligible", "max-replicas",
                                         NULL};
    const struct gw_node *seq;
    struct gw_tier *tiers;
    uint32_t i;

    if (!item_map(r, root) || !(seq = seq_field(r, root, "tiers"))) {
        fail(r, root, "missing field '%s'", "tiers");
        return;
    }
    tiers = gw_arena_alloc(r->a, seq->nkids * sizeof *tiers);
    rs->tiers = tiers;
    for (i = 0; i < seq->nkids && !r->failed; i++) {
        const struct gw_node *m = item_map(r, seq->kids[i]);
        struct gw_tier *t = &tiers[rs->ntiers++];
        double max = 0;
        if (!m)
            return;
        only_fields(r, m, fields);
        t->name = str_field(r, m, "name", true);
        t->eligible = bool_field(r, m, "eligible");
        if (num_field(r, m, "max-replicas", &max))
            t->max_replicas = (int)max;
    }
}

static void read_placeholders(struct reader *r, const struct gw_node *root,
                              struct gw_ruleset *rs)
{
    static const char *const fields[] = {"pattern", "what", "needs", NULL};
    static const char *const lists[] = {"patterns", "embedded", NULL};
    const char *const *ln;
    size_t total = 0;

    if (!item_map(r, root))
        return;
    only_fields(r, root, lists);
    for (ln = lists; *ln; ln++) {
        const struct gw_node *seq = seq_field(r, root, *ln);
        total += seq ? seq->nkids : 0;
    }
    if (total > PH_MAX) {
        fail(r, root, "more than %d placeholder patterns", PH_MAX);
        return;
    }
    rs->placeholders = gw_arena_alloc(r->a, (total + 1) *
                                                sizeof *rs->placeholders);
    for (ln = lists; *ln && !r->failed; ln++) {
        const struct gw_node *seq = seq_field(r, root, *ln);
        uint32_t i;
        for (i = 0; seq && i < seq->nkids && !r->failed; i++) {
            const struct gw_node *m = item_map(r, seq->kids[i]);
            struct gw_placeholder *p;
            struct gw_buf e;
            size_t off = 0;
            if (!m)
                return;
            only_fields(r, m, fields);
            p = &rs->placeholders[rs->nplaceholders];
            p->pattern = str_field(r, m, "pattern", true);
            p->what = str_field(r, m, "what", true);
            p->needs = str_field(r, m, "needs", false);
            p->embedded = ln == &lists[1];
            if (r->failed)
                return;
            gw_buf_init(&e, 0);
            if (gw_regex_compile(p->pattern, GW_RE_CASELESS, &p->re, &e,
                                 &off) != GW_OK) {
                fail(r, gw_node_get(m, "pattern"), "bad pattern: %s",
                     gw_buf_str(&e));
                gw_buf_release(&e);
                return;
            }
            gw_buf_release(&e);
            gw_regex_hint_of(p->re, &p->hint);
            rs->nplaceholders++;
        }
    }
}

/* Whether the last component of `key` names a secret: "...token",
 * "authKey", "app.secret", "password". */
static bool name_is_secret(const char *key)
{
    static const struct {
        const char *w;
        size_t n;
    } words[] = {{"token", 5}, {"key", 3}, {"secret", 6}, {"password", 8}};
    const char *last = strrchr(key, '.');
    size_t n, i, w, k;

    last = last ? last + 1 : key;
    n = strlen(last);
    for (i = 0; i < n; i++) {
        char c0 = last[i];
        if (c0 >= 'A' && c0 <= 'Z')
            c0 = (char)(c0 + ('a' - 'A'));
        if (c0 != 't' && c0 != 'k' && c0 != 's' && c0 != 'p')
            continue; /* no word starts here */
        for (w = 0; w < sizeof words / sizeof words[0]; w++) {
            for (k = 0; k < words[w].n && i + k < n; k++) {
                char c = last[i + k];
                if (c >= 'A' && c <= 'Z')
                    c = (char)(c + ('a' - 'A'));
                if (c != words[w].w[k])
                    break;
            }
            if (k == words[w].n)
                return true;
        }
    }
    return false;
}

/* Whether some secret in the catalogues is not found by its name alone:
 * a key whose name says nothing, or a map or list whose sub-keys are
 * secret too. Only then does gw_ruleset_key_secret look keys up. */
static void note_secrets(struct gw_ruleset *rs)
{
    size_t c, i;

    rs->secret_lookup = false;
    for (c = 0; c < rs->ncatalogs; c++)
        for (i = 0; i < rs->catalogs[c].nkeys; i++) {
            const struct gw_keydef *k = &rs->catalogs[c].keys[i];
            if (k->secret && (k->type == GW_KT_MAP || k->type == GW_KT_LIST ||
                              !name_is_secret(k->key)))
                rs->secret_lookup = true;
        }
}

static int other_case_of(int c, bool caseless)
{
    if (!caseless)
        return c;
    if (c >= 'a' && c <= 'z')
        return c - ('a' - 'A');
    if (c >= 'A' && c <= 'Z')
        return c + ('a' - 'A');
    return c;
}

/* The hints of every placeholder pattern as bit sets (see struct
 * gw_ruleset), the same answers as gw_regex_hint_may_match per pattern. */
static void index_placeholders(struct gw_ruleset *rs)
{
    size_t i, b, n;
    int need;

    rs->ph_indexed = rs->nplaceholders <= 32;
    if (!rs->ph_indexed)
        return;
    for (i = 0; i < rs->nplaceholders; i++) {
        const struct gw_regex_hint *h = &rs->placeholders[i].hint;
        uint32_t bit = (uint32_t)1 << i;
        bool emb = rs->placeholders[i].embedded;
        uint32_t *by = emb ? rs->ph_first_by : rs->ph_start;
        if (emb)
            rs->ph_embedded |= bit;
        for (n = 0; n <= 64; n++)
            if (n >= h->minlen)
                rs->ph_len_ok[n] |= bit;
        /* One needed byte per pattern: the first of its needs: literal
         * when it has one (rarer than PCRE2's pick, often a vowel) */
        need = h->need;
        if (rs->placeholders[i].needs && rs->placeholders[i].needs[0])
            need = (unsigned char)rs->placeholders[i].needs[0];
        if (need >= 0) {
            rs->ph_need_by[need] |= bit;
            rs->ph_need_by[other_case_of(need, true)] |= bit;
        } else {
            rs->ph_no_need |= bit;
        }
        if (h->first >= 0) {
            by[h->first] |= bit;
            by[other_case_of(h->first, h->caseless)] |= bit;
        } else if (h->has_map) {
            for (b = 0; b < 256; b++)
                if (h->map[b >> 3] & (1u << (b & 7)))
                    by[b] |= bit;
        } else if (emb) {
            rs->ph_no_first |= bit;
        } else {
            rs->ph_no_start |= bit;
            for (b = 0; b < 256; b++)
                by[b] |= bit;
        }
    }
}

/* The patterns that value s (n bytes) may match by their hints. */
static uint32_t ph_candidates(const struct gw_ruleset *rs, const char *s,
                              size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t need = rs->ph_no_need, first = rs->ph_no_first, whole;
    size_t i;

    for (i = 0; i < n; i++) {
        need |= rs->ph_need_by[u[i]];
        first |= rs->ph_first_by[u[i]];
    }
    /* a whole-value pattern needs its first byte at the start, and a
     * value of no bytes has none */
    whole = n ? rs->ph_start[u[0]] : rs->ph_no_start;
    return rs->ph_len_ok[n < 64 ? n : 64] & need &
           ((whole & ~rs->ph_embedded) | (first & rs->ph_embedded));
}

/* ---- building ---- */

static int cmp_rule(const void *a, const void *b)
{
    return strcmp(((const struct gw_rule *)a)->id,
                  ((const struct gw_rule *)b)->id);
}

/* The ruleset from the data compiled in at build time: copies of what a
 * run may change (levels, lazily compiled patterns), pointers to the
 * rest. */
static void from_compiled(struct gw_ruleset *rs)
{
    const struct gw_compiled *c = &gw_compiled;
    struct gw_rule *rules;
    struct gw_placeholder *ph;
    size_t i;

    rules = gw_arena_alloc(rs->arena, (c->nrules + 1) * sizeof *rules);
    memcpy(rules, c->rules, c->nrules * sizeof *rules);
    for (i = 0; i < c->nrules; i++) {
        rules[i].doc = find_doc(rules[i].id);
        rules[i].index = (unsigned)i;
    }
    rs->rules = rules;
    rs->nrules = c->nrules;
    memcpy(rs->catalogs, c->catalogs, sizeof rs->catalogs);
    rs->ncatalogs = c->ncatalogs;
    rs->regions = c->regions;
    rs->nregions = c->nregions;
    rs->tiers = c->tiers;
    rs->ntiers = c->ntiers;
    ph = gw_arena_alloc(rs->arena,
                        (c->nplaceholders + 1) * sizeof *ph);
    memcpy(ph, c->placeholders, c->nplaceholders * sizeof *ph);
    rs->placeholders = ph;
    rs->nplaceholders = c->nplaceholders;
}

enum gw_status gw_ruleset_builtin(struct gw_ruleset **out, struct gw_buf *err)
{
    struct gw_ruleset *rs;
    if (gw_compiled.nrules == 0)
        return gw_ruleset_parse(out, err);
    rs = gw_xcalloc(1, sizeof *rs);
    rs->arena = gw_arena_new();
    from_compiled(rs);
    note_secrets(rs);
    index_placeholders(rs);
    *out = rs;
    return GW_OK;
}

enum gw_status gw_ruleset_parse(struct gw_ruleset **out, struct gw_buf *err)
{
    struct gw_ruleset *rs = gw_xcalloc(1, sizeof *rs);
    enum gw_status rc = GW_OK;
    unsigned i, nrules = 0;

    rs->arena = gw_arena_new();
    for (i = 0; i < gw_builtin_count; i++)
        if (strncmp(gw_builtin_files[i].path, "rules/GW", 8) == 0)
            nrules++;
    rs->rules = gw_arena_alloc(rs->arena, (nrules + 1) * sizeof *rs->rules);

    for (i = 0; i < gw_builtin_count && rc == GW_OK; i++) {
        const struct gw_builtin *f = &gw_builtin_files[i];
        struct gw_source *src;
        struct gw_node *root = NULL;
        struct gw_load_error le;
        struct reader r;
        size_t plen = strlen(f->path);

        if (plen < 5 || strcmp(f->path + plen - 5, ".yaml") != 0)
            continue;
        src = gw_arena_alloc(rs->arena, sizeof *src);
        gw_source_init(src, rs->arena, f->path, f->text, f->len);
        r.a = rs->arena;
        r.src = src;
        r.err = err;
        r.failed = false;
        if (gw_load_yaml(rs->arena, src, &root, &le) != GW_OK) {
            unsigned line, col;
            gw_source_line_col(src, le.span.start, &line, &col);
            gw_buf_printf(err, "%s:%u:%u: %s", f->path, line, col, le.message);
            rc = GW_ERR_RULE;
            break;
        }
        if (!root) {
            fail(&r, NULL, "empty file");
        } else if (strncmp(f->path, "rules/GW", 8) == 0) {
            char id[16];
            snprintf(id, sizeof id, "%.*s", (int)(plen - 11), f->path + 6);
            read_rule(&r, root, &rs->rules[rs->nrules++], id);
        } else if (strncmp(f->path, "rules/data/keys-", 16) == 0) {
            if (rs->ncatalogs == 2)
                fail(&r, root, "more than two catalogues");
            else
                read_catalog(&r, root, &rs->catalogs[rs->ncatalogs++]);
        } else if (strcmp(f->path, "rules/data/regions.yaml") == 0) {
            read_regions(&r, root, rs);
        } else if (strcmp(f->path, "rules/data/tiers.yaml") == 0) {
            read_tiers(&r, root, rs);
        } else if (strcmp(f->path, "rules/data/placeholders.yaml") == 0) {
            read_placeholders(&r, root, rs);
        }
        if (r.failed)
            rc = GW_ERR_RULE;
    }
    if (rc == GW_OK && !gw_ruleset_catalog(rs, "arc")) {
        gw_buf_puts(err, "rules/data: no key catalogue for profile 'arc'");
        rc = GW_ERR_RULE;
    }
    if (rc != GW_OK) {
        gw_ruleset_free(rs);
        *out = NULL;
        return rc;
    }
    qsort(rs->rules, rs->nrules, sizeof *rs->rules, cmp_rule);
    for (i = 0; i < rs->nrules; i++)
        rs->rules[i].index = i;
    note_secrets(rs);
    index_placeholders(rs);
    *out = rs;
    return GW_OK;
}

void gw_ruleset_free(struct gw_ruleset *rs)
{
    size_t i;
    if (!rs)
        return;
    for (i = 0; i < rs->nplaceholders; i++)
        gw_regex_free(rs->placeholders[i].re);
    for (i = 0; i < rs->nrules; i++)
        if (rs->rules[i].match) {
            gw_regex_free(rs->rules[i].match->key_re);
            gw_regex_free(rs->rules[i].match->value_re);
        }
    gw_arena_free(rs->arena);
    gw_xfree(rs);
}

enum gw_status gw_ruleset_add_custom(struct gw_ruleset *rs,
                                     const struct gw_source *src,
                                     const struct gw_node *list,
                                     struct gw_buf *err)
{
    struct gw_rule *rules;
    struct reader r;
    size_t i, n;

    r.a = rs->arena;
    r.src = src;
    r.err = err;
    r.failed = false;
    if (list->kind != GW_NODE_SEQ) {
        fail(&r, list, "'custom-rules' must be a list of rules");
        return GW_ERR_RULE;
    }
    n = rs->nrules;
    rules = gw_arena_alloc(rs->arena, (n + list->nkids + 1) * sizeof *rules);
    memcpy(rules, rs->rules, n * sizeof *rules);
    for (i = 0; i < list->nkids && !r.failed; i++) {
        read_custom(&r, list->kids[i], &rules[n], rules, n);
        n++;
    }
    if (r.failed) {
        /* Leave the ruleset as it was (the arena keeps the rest). */
        for (i = rs->nrules; i < n; i++) {
            gw_regex_free(rules[i].match->key_re);
            gw_regex_free(rules[i].match->value_re);
        }
        return GW_ERR_RULE;
    }
    rs->rules = rules;
    rs->nrules = n;
    qsort(rs->rules, rs->nrules, sizeof *rs->rules, cmp_rule);
    for (i = 0; i < rs->nrules; i++)
        rs->rules[i].index = (unsigned)i;
    return GW_OK;
}

size_t gw_ruleset_count(const struct gw_ruleset *rs)
{
    return rs->nrules;
}

const struct gw_rule *gw_ruleset_at(const struct gw_ruleset *rs, size_t i)
{
    return i < rs->nrules ? &rs->rules[i] : NULL;
}

const struct gw_rule *gw_ruleset_find(const struct gw_ruleset *rs,
                                      const char *id_or_name)
{
    size_t i;
    for (i = 0; i < rs->nrules; i++)
        if (strcasecmp(rs->rules[i].id, id_or_name) == 0 ||
            strcmp(rs->rules[i].name, id_or_name) == 0)
            return &rs->rules[i];
    return NULL;
}

const struct gw_rule *gw_ruleset_suggest(const struct gw_ruleset *rs,
                                         const char *id_or_name)
{
    const struct gw_rule *best = NULL;
    unsigned bestd = 4, d;
    size_t i;
    for (i = 0; i < rs->nrules; i++) {
        d = gw_edit_distance(id_or_name, rs->rules[i].name, true, bestd);
        if (d < bestd) {
            bestd = d;
            best = &rs->rules[i];
        }
        d = gw_edit_distance(id_or_name, rs->rules[i].id, true, bestd);
        if (d < bestd && d <= 1) {
            bestd = d;
            best = &rs->rules[i];
        }
    }
    return best;
}

void gw_ruleset_set_level(struct gw_ruleset *rs, const struct gw_rule *r,
                          enum gw_level level)
{
    rs->rules[r->index].level = level;
}

const struct gw_catalog *gw_ruleset_catalog(const struct gw_ruleset *rs,
                                            const char *profile)
{
    size_t i;
    for (i = 0; i < rs->ncatalogs; i++)
        if (rs->catalogs[i].profile &&
            strcmp(rs->catalogs[i].profile, profile) == 0)
            return &rs->catalogs[i];
    return NULL;
}

const struct gw_region *gw_ruleset_regions(const struct gw_ruleset *rs,
                                           size_t *n)
{
    *n = rs->nregions;
    return rs->regions;
}

const struct gw_tier *gw_ruleset_tiers(const struct gw_ruleset *rs, size_t *n)
{
    *n = rs->ntiers;
    return rs->tiers;
}

/* Whether `s` (n bytes) contains `lit`, ASCII letters in either case. */
static bool contains_ci(const char *s, size_t n, const char *lit)
{
    size_t m = strlen(lit), i, k;

    for (i = 0; i + m <= n; i++) {
        for (k = 0; k < m; k++) {
            unsigned char a = (unsigned char)s[i + k];
            unsigned char b = (unsigned char)lit[k];
            if (a >= 'A' && a <= 'Z')
                a = (unsigned char)(a + ('a' - 'A'));
            if (b >= 'A' && b <= 'Z')
                b = (unsigned char)(b + ('a' - 'A'));
            if (a != b)
                break;
        }
        if (k == m)
            return true;
    }
    return false;
}

/* The placeholder's pattern, compiled on first use: a run that meets no
 * candidate value never pays for it. */
static struct gw_regex *placeholder_re(struct gw_placeholder *p)
{
    if (!p->re) {
        struct gw_buf e;
        size_t off;
        gw_buf_init(&e, 0);
        (void)gw_regex_compile(p->pattern, GW_RE_CASELESS, &p->re, &e,
                               &off); /* checked when generated */
        gw_buf_release(&e);
    }
    return p->re;
}

void gw_ruleset_compile_all(const struct gw_ruleset *rs)
{
    size_t i;
    for (i = 0; i < rs->nplaceholders; i++)
        (void)placeholder_re(&rs->placeholders[i]);
}

struct gw_ph_cache *gw_ph_cache_new(void)
{
    return gw_xcalloc(1, sizeof(struct gw_ph_cache));
}

void gw_ph_cache_free(struct gw_ph_cache *c)
{
    gw_xfree(c);
}

const struct gw_placeholder *gw_ruleset_placeholder_match(
    const struct gw_ruleset *rs, struct gw_ph_cache *cache, const char *s,
    size_t n)
{
    struct ph_entry *ce = NULL;
    size_t i;
    bool any[2] = {false, false}, maybe[PH_MAX];
    struct gw_regex_bytes bytes;
    int pass;

    if (cache && cache->rs != rs) {
        memset(cache, 0, sizeof *cache);
        cache->rs = rs;
    }
    if (cache && n > 0 && n < PH_VALUE) {
        uint32_t h = 2166136261u;
        for (i = 0; i < n; i++)
            h = (h ^ (unsigned char)s[i]) * 16777619u;
        /* Two ways a set, the last used first: in one direct-mapped slot
         * "true" and "8080" evicted each other in every file. */
        ce = &cache->e[h & (PH_CACHE - 2)];
        if (!(ce->len == n && ce->hash == h &&
              memcmp(ce->value, s, n) == 0)) {
            struct ph_entry tmp = ce[1];
            ce[1] = ce[0];
            ce[0] = tmp;
        }
        if (ce->len == n && ce->hash == h && memcmp(ce->value, s, n) == 0)
            return ce->result ? &rs->placeholders[ce->result - 1] : NULL;
        /* a miss: the older entry, now first, gives way */
        ce->hash = h;
        ce->len = (uint8_t)n;
        ce->result = 0;
        memcpy(ce->value, s, n);
    }

    /* Most values cannot match any pattern: too short, or without the
     * first or the required byte that PCRE2 found each pattern to need.
     * Compile and run the alternations only when some pattern may match. */
    if (rs->ph_indexed) {
        /* the candidates by their bits, usually none or one */
        uint32_t cand = ph_candidates(rs, s, n);
        memset(maybe, 0, rs->nplaceholders * sizeof *maybe);
        for (i = 0; cand; i++, cand >>= 1) {
            const struct gw_placeholder *p = &rs->placeholders[i];
            if (!(cand & 1))
                continue;
            maybe[i] = !p->needs || contains_ci(s, n, p->needs);
            any[p->embedded] |= maybe[i];
        }
    } else {
        gw_regex_bytes_of(s, n, &bytes);
        for (i = 0; i < rs->nplaceholders; i++) {
            const struct gw_placeholder *p = &rs->placeholders[i];
            maybe[i] =
                gw_regex_hint_may_match(&p->hint, !p->embedded, &bytes) &&
                (!p->needs || contains_ci(s, n, p->needs));
            any[p->embedded] |= maybe[i];
        }
    }
    if (!any[0] && !any[1])
        return NULL; /* the cache entry already says none */
    /* The few patterns left, one by one: whole-value patterns first, then
     * the embedded ones, each class in the order of the rule data. */
    for (pass = 0; pass < 2; pass++) {
        for (i = 0; any[pass] && i < rs->nplaceholders; i++) {
            struct gw_placeholder *p = &rs->placeholders[i];
            if (p->embedded != (pass == 1) || !maybe[i])
                continue;
            if (placeholder_re(p) &&
                gw_regex_match(p->re, s, n) == GW_MATCH_YES) {
                if (ce)
                    ce->result = (uint8_t)(i + 1);
                return p;
            }
        }
    }
    return NULL;
}

const struct gw_placeholder *gw_ruleset_placeholders(
    const struct gw_ruleset *rs, size_t *n)
{
    *n = rs->nplaceholders;
    return rs->placeholders;
}

/* ---- catalogue look-ups ---- */

/* The entry whose key is the first `len` bytes of `key`, whose FNV-1a
 * hash is `h`. */
static const struct gw_keydef *exact(const struct gw_catalog *c,
                                     const char *key, size_t len, uint32_t h)
{
    size_t slot;
    for (slot = h & (c->index_cap - 1); c->index[slot];
         slot = (slot + 1) & (c->index_cap - 1)) {
        const struct gw_keydef *k = &c->keys[c->index[slot] - 1];
        if (strncmp(k->key, key, len) == 0 && k->key[len] == '\0')
            return k;
    }
    return NULL;
}

/* A key's FNV-1a hash and the hashes of its prefixes before each '.' and
 * '[', made in one pass: a sub-key of a structured key
 * ("service.annotations.x") is looked up by its prefixes, longest first,
 * without hashing again, and in both catalogues with the one pass. */
struct key_hashes {
    size_t len, cut[32], ncut;
    uint32_t h, hcut[32];
};

static void hash_key(const char *key, struct key_hashes *kh)
{
    uint32_t h = 2166136261u;
    size_t i;

    kh->ncut = 0;
    for (i = 0; key[i]; i++) {
        if ((key[i] == '.' || key[i] == '[') && i > 0 && kh->ncut < 32) {
            kh->cut[kh->ncut] = i;
            kh->hcut[kh->ncut++] = h;
        }
        h = (h ^ (unsigned char)key[i]) * 16777619u;
    }
    kh->len = i;
    kh->h = h;
}

static const struct gw_keydef *find_hashed(const struct gw_catalog *c,
                                           const char *key,
                                           const struct key_hashes *kh)
{
    const struct gw_keydef *k;
    size_t n = kh->ncut;

    if ((k = exact(c, key, kh->len, kh->h)))
        return k;
    while (n-- > 0) {
        k = exact(c, key, kh->cut[n], kh->hcut[n]);
        if (k && (k->type == GW_KT_MAP || k->type == GW_KT_LIST))
            return k;
    }
    return NULL;
}

const struct gw_keydef *gw_catalog_find(const struct gw_catalog *c,
                                        const char *key)
{
    struct key_hashes kh;

    hash_key(key, &kh);
    return find_hashed(c, key, &kh);
}

bool gw_ruleset_key_secret(const struct gw_ruleset *rs, const char *key)
{
    struct key_hashes kh;
    const struct gw_keydef *k;
    size_t i;

    if (name_is_secret(key))
        return true;
    if (!rs->secret_lookup)
        return false;
    hash_key(key, &kh);
    for (i = 0; i < rs->ncatalogs; i++)
        if ((k = find_hashed(&rs->catalogs[i], key, &kh)) && k->secret)
            return true;
    return false;
}

const struct gw_keymap *gw_keymap_find(const struct gw_keymap *m, size_t n,
                                       const char *key)
{
    const struct gw_keymap *best = NULL;
    size_t i, len, best_len = 0;
    for (i = 0; i < n; i++)
        if (!m[i].prefix && strcmp(m[i].key, key) == 0)
            return &m[i];
    /* The longest prefix wins, whatever the order of the list: Arc's
     * ingress.controller.annotations before ingress.controller. */
    for (i = 0; i < n; i++) {
        if (!m[i].prefix)
            continue;
        len = strlen(m[i].key);
        if (len > best_len && strncmp(m[i].key, key, len) == 0) {
            best = &m[i];
            best_len = len;
        }
    }
    return best;
}

/* ASCII lower case (the C locale's tolower, without the call). */
static int fold_case(int c, bool fold)
{
    return fold && c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

unsigned gw_edit_distance(const char *a, const char *b, bool fold,
                          unsigned max)
{
    size_t la = strlen(a), lb = strlen(b), i, j;
    unsigned rows[3][65], *heap = NULL;
    unsigned *prev2, *prev, *cur, *tmp, d;

    if ((la > lb ? la - lb : lb - la) > max)
        return max + 1;
    /* The three rows on the stack for the usual key or value: every
     * unknown key is compared with the whole catalogue. */
    if (lb < 65) {
        prev2 = rows[0];
        prev = rows[1];
        cur = rows[2];
        memset(rows, 0, sizeof rows);
    } else {
        heap = gw_xcalloc(3 * (lb + 1), sizeof *heap);
        prev2 = heap;
        prev = heap + lb + 1;
        cur = heap + 2 * (lb + 1);
    }
    for (j = 0; j <= lb; j++)
        prev[j] = (unsigned)j;
    for (i = 1; i <= la; i++) {
        unsigned rowmin;
        int ca = fold_case((unsigned char)a[i - 1], fold);
        int pa = i > 1 ? fold_case((unsigned char)a[i - 2], fold) : 0;
        cur[0] = (unsigned)i;
        rowmin = cur[0];
        for (j = 1; j <= lb; j++) {
            int cb = fold_case((unsigned char)b[j - 1], fold);
            unsigned cost = ca != cb, v;
            v = prev[j] + 1;
            if (cur[j - 1] + 1 < v)
                v = cur[j - 1] + 1;
            if (prev[j - 1] + cost < v)
                v = prev[j - 1] + cost;
            if (i > 1 && j > 1) {
                int pb = fold_case((unsigned char)b[j - 2], fold);
                if (ca == pb && pa == cb && prev2[j - 2] + 1 < v)
                    v = prev2[j - 2] + 1;
            }
            cur[j] = v;
            if (v < rowmin)
                rowmin = v;
        }
        if (rowmin > max) {
            d = max + 1;
            goto out;
        }
        tmp = prev2;
        prev2 = prev;
        prev = cur;
        cur = tmp;
    }
    d = prev[lb] > max ? max + 1 : prev[lb];
out:
    gw_xfree(heap);
    return d;
}

/* ---- writing the ruleset as C (tools/gwgen, at build time) ---- */

/* A C string literal; octal escapes keep any byte safe. */
static void c_str(FILE *fp, const char *s)
{
    if (!s) {
        fputs("NULL", fp);
        return;
    }
    fputc('"', fp);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(fp, "\\%c", c);
        else if (c < 0x20 || c >= 0x7f || c == '?')
            fprintf(fp, "\\%03o", c);
        else
            fputc(c, fp);
    }
    fputc('"', fp);
}

static const char *ktype_enum(enum gw_ktype t)
{
    static const char *const names[] = {
        "GW_KT_STRING",   "GW_KT_URI",      "GW_KT_TOKEN",
        "GW_KT_BOOL",     "GW_KT_INT",      "GW_KT_NUMBER",
        "GW_KT_PORT",     "GW_KT_NODEPORT", "GW_KT_ENUM",
        "GW_KT_QUANTITY", "GW_KT_GUID",     "GW_KT_HOSTPORT",
        "GW_KT_INT_OR_PERCENT", "GW_KT_ARM_ID", "GW_KT_BASE64",
        "GW_KT_ENDPOINT", "GW_KT_PATH",     "GW_KT_MAP",
        "GW_KT_LIST"};
    return names[t];
}

static const char *level_enum(enum gw_level l)
{
    return l == GW_ERROR ? "GW_ERROR" : l == GW_WARNING ? "GW_WARNING"
                                                       : "GW_NOTE";
}

static void write_keymaps(FILE *fp, const char *name,
                          const struct gw_keymap *m, size_t n)
{
    size_t i;
    fprintf(fp, "static const struct gw_keymap %s[] = {\n", name);
    for (i = 0; i < n; i++) {
        fputs("    {", fp);
        c_str(fp, m[i].key);
        fprintf(fp, ", %s, ", m[i].prefix ? "true" : "false");
        c_str(fp, m[i].now);
        fputs("},\n", fp);
    }
    fputs("    {NULL, false, NULL}};\n", fp);
}

bool gw_ruleset_write_c(const struct gw_ruleset *rs, FILE *fp)
{
    size_t i, j, c;

    fputs("/* Generated at build time by tools/gwgen from rules/; do not "
          "edit. */\n#include \"check.h\"\n#include \"compiled.h\"\n\n",
          fp);
    fputs("static const struct gw_rule rules[] = {\n", fp);
    for (i = 0; i < rs->nrules; i++) {
        const struct gw_rule *r = &rs->rules[i];
        char ident[64];
        if (r->custom)
            continue;
        for (j = 0; r->check->name[j] && j + 1 < sizeof ident; j++)
            ident[j] = r->check->name[j] == '-' ? '_' : r->check->name[j];
        ident[j] = '\0';
        fputs("    {.id = ", fp);
        c_str(fp, r->id);
        fputs(", .name = ", fp);
        c_str(fp, r->name);
        fputs(",\n     .summary = ", fp);
        c_str(fp, r->summary);
        fputs(",\n     .description = ", fp);
        c_str(fp, r->description);
        fprintf(fp, ",\n     .default_level = %s, .level = %s,"
                    " .check = &gw_check_%s},\n",
                level_enum(r->default_level), level_enum(r->default_level),
                ident);
    }
    fputs("};\n\n", fp);

    for (c = 0; c < rs->ncatalogs; c++) {
        const struct gw_catalog *cat = &rs->catalogs[c];
        for (i = 0; i < cat->nkeys; i++) {
            const struct gw_keydef *k = &cat->keys[i];
            if (!k->nvalues)
                continue;
            fprintf(fp, "static const char *const v%zu_%zu[] = {", c, i);
            for (j = 0; j < k->nvalues; j++) {
                c_str(fp, k->values[j]);
                fputs(", ", fp);
            }
            fputs("NULL};\n", fp);
        }
        fprintf(fp, "static const struct gw_keydef keys%zu[] = {\n", c);
        for (i = 0; i < cat->nkeys; i++) {
            const struct gw_keydef *k = &cat->keys[i];
            fputs("    {.key = ", fp);
            c_str(fp, k->key);
            fprintf(fp, ", .type = %s, .def = ", ktype_enum(k->type));
            c_str(fp, k->def);
            if (k->nvalues)
                fprintf(fp, ", .values = v%zu_%zu, .nvalues = %zu", c, i,
                        k->nvalues);
            fprintf(fp, ",\n     .min = %.17g, .max = %.17g, .has_min = %d,"
                        " .has_max = %d, .required = %d, .secret = %d,\n"
                        "     .req_key = ",
                    k->min, k->max, k->has_min, k->has_max, k->required,
                    k->secret);
            c_str(fp, k->req_key);
            fputs(", .req_value = ", fp);
            c_str(fp, k->req_value);
            fputs(", .doc = ", fp);
            c_str(fp, k->doc);
            fputs("},\n", fp);
        }
        fputs("};\n", fp);
        fprintf(fp, "static const unsigned index%zu[] = {", c);
        for (i = 0; i < cat->index_cap; i++)
            fprintf(fp, "%s%u,", i % 16 ? " " : "\n    ", cat->index[i]);
        fputs("};\n", fp);
        {
            char name[32];
            snprintf(name, sizeof name, "renamed%zu", c);
            write_keymaps(fp, name, cat->renamed, cat->nrenamed);
            snprintf(name, sizeof name, "other%zu", c);
            write_keymaps(fp, name, cat->other, cat->nother);
        }
        fputc('\n', fp);
    }

    fputs("static const struct gw_region regions[] = {\n", fp);
    for (i = 0; i < rs->nregions; i++) {
        const struct gw_region *g = &rs->regions[i];
        fputs("    {", fp);
        c_str(fp, g->name);
        fputs(", ", fp);
        c_str(fp, g->display);
        fputs(", ", fp);
        c_str(fp, g->doc);
        fputs(", ", fp);
        c_str(fp, g->cloud);
        fprintf(fp, ", %s},\n", g->supported ? "true" : "false");
    }
    fputs("};\n\nstatic const struct gw_tier tiers[] = {\n", fp);
    for (i = 0; i < rs->ntiers; i++) {
        fputs("    {", fp);
        c_str(fp, rs->tiers[i].name);
        fprintf(fp, ", %s, %d},\n", rs->tiers[i].eligible ? "true" : "false",
                rs->tiers[i].max_replicas);
    }
    fputs("};\n\nstatic const struct gw_placeholder placeholders[] = {\n",
          fp);
    for (i = 0; i < rs->nplaceholders; i++) {
        const struct gw_regex_hint *h = &rs->placeholders[i].hint;
        size_t b;
        fputs("    {NULL, ", fp);
        c_str(fp, rs->placeholders[i].pattern);
        fputs(", ", fp);
        c_str(fp, rs->placeholders[i].what);
        fputs(", ", fp);
        if (rs->placeholders[i].needs)
            c_str(fp, rs->placeholders[i].needs);
        else
            fputs("NULL", fp);
        fprintf(fp, ", %s,\n     {%u, %d, %d, %s, %s, {",
                rs->placeholders[i].embedded ? "true" : "false", h->minlen,
                h->first, h->need, h->caseless ? "true" : "false",
                h->has_map ? "true" : "false");
        for (b = 0; b < sizeof h->map; b++)
            fprintf(fp, "%s%u", b ? "," : "", h->map[b]);
        fputs("}}},\n", fp);
    }
    fputs("};\n\nconst struct gw_compiled gw_compiled = {\n", fp);
    fprintf(fp, "    rules, %zu,\n    {\n", rs->nrules);
    for (c = 0; c < rs->ncatalogs; c++) {
        const struct gw_catalog *cat = &rs->catalogs[c];
        fputs("        {", fp);
        c_str(fp, cat->profile);
        fprintf(fp, ", keys%zu, %zu, index%zu, %zu, renamed%zu, %zu, "
                    "other%zu, %zu},\n",
                c, cat->nkeys, c, cat->index_cap, c, cat->nrenamed, c,
                cat->nother);
    }
    fprintf(fp, "    },\n    %zu,\n    regions, %zu,\n    tiers, %zu,\n"
                "    placeholders, %zu,\n};\n",
            rs->ncatalogs, rs->nregions, rs->ntiers, rs->nplaceholders);
    return !ferror(fp);
}
