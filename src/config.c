/* The configuration file: find it, read it with the YAML loader, check
 * every key (with the place and a did-you-mean), and answer what it says
 * about the run and about each file. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog.h"
#include "context.h"
#include "glob.h"
#include "load_yaml.h"
#include "mem.h"
#include "node.h"
#include "ruleset.h"
#include "value.h"

struct file_rule {
    const char *glob;
    const char *input_type; /* or NULL */
    bool has_profile;
    enum gw_profile profile;
};

struct gw_config {
    struct gw_arena *a; /* everything of the config lives here */
    struct gw_source src;
    const char *dir;     /* absolute, normalised, no trailing '/' */
    const char *cwd;     /* the current directory when it was read, so
                            that relpath need not ask for every file */
    const char *use_dir; /* the config's directory as usable from the
                            current one ("", "../", "conf/") */
    bool has_profile;
    enum gw_profile profile;
    int expiring_days; /* -1: unset */
    struct gw_ctx_value region, tier;
    const char *apim, *cluster;
    struct file_rule *files;
    size_t nfiles;
    const char **exclude;
    size_t nexclude;
    struct gw_ignore *ignores;
    size_t nignores;
};

/* ---- paths ---- */

static char *cwd(void)
{
    size_t n = 256;
    for (;;) {
        char *b = gw_xmalloc(n);
        if (getcwd(b, n))
            return b;
        gw_xfree(b);
        if (errno != ERANGE || n > 65536)
            return NULL;
        n *= 2;
    }
}

/* Normalise an absolute path lexically: no ".", "..", "//" or trailing
 * '/'. Returns an owned string. */
static char *normalise(const char *abs)
{
    size_t n = strlen(abs), o = 0;
    char *out = gw_xmalloc(n + 2);
    const char *p = abs;
    while (*p) {
        const char *s;
        size_t l;
        while (*p == '/')
            p++;
        for (s = p; *p && *p != '/'; p++)
            ;
        l = (size_t)(p - s);
        if (l == 0 || (l == 1 && s[0] == '.'))
            continue;
        if (l == 2 && s[0] == '.' && s[1] == '.') {
            while (o > 0 && out[o - 1] != '/')
                o--;
            if (o > 0)
                o--;
            continue;
        }
        out[o++] = '/';
        memcpy(out + o, s, l);
        o += l;
    }
    if (o == 0)
        out[o++] = '/';
    out[o] = '\0';
    return out;
}

/* The absolute normalised form of `path` relative to directory `dir`.
 * Returns an owned string. */
static char *absolute(const char *dir, const char *path)
{
    char *j, *r;
    size_t n;
    if (path[0] == '/')
        return normalise(path);
    n = strlen(dir) + strlen(path) + 2;
    j = gw_xmalloc(n);
    snprintf(j, n, "%s/%s", dir, path);
    r = normalise(j);
    gw_xfree(j);
    return r;
}

char *gw_config_find(void)
{
    char *dir = cwd();
    size_t up = 0, k;
    char *found = NULL;

    if (!dir)
        return NULL;
    for (;;) {
        struct stat st;
        size_t n = strlen(dir) + sizeof GW_CONFIG_NAME + 1;
        char *p = gw_xmalloc(n), *slash;
        snprintf(p, n, "%s%s%s", dir, strcmp(dir, "/") == 0 ? "" : "/",
                 GW_CONFIG_NAME);
        if (stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
            gw_xfree(p);
            n = up * 3 + sizeof GW_CONFIG_NAME;
            found = gw_xmalloc(n);
            found[0] = '\0';
            for (k = 0; k < up; k++)
                memcpy(found + k * 3, "../", 4);
            memcpy(found + up * 3, GW_CONFIG_NAME, sizeof GW_CONFIG_NAME);
            break;
        }
        gw_xfree(p);
        slash = strrchr(dir, '/');
        if (!slash || strcmp(dir, "/") == 0)
            break;
        if (slash == dir)
            slash[1] = '\0';
        else
            *slash = '\0';
        up++;
    }
    gw_xfree(dir);
    return found;
}

char *gw_config_relpath(const struct gw_config *c, const char *path)
{
    char *abs = absolute(c->cwd, path), *rel = NULL;
    size_t n = strlen(c->dir);
    if (strcmp(c->dir, "/") == 0)
        rel = gw_xstrdup(abs + 1);
    else if (strncmp(abs, c->dir, n) == 0 && abs[n] == '/')
        rel = gw_xstrdup(abs + n + 1);
    gw_xfree(abs);
    return rel;
}

/* ---- reading, with errors at their place ---- */

/* Each section stops at its first error; of the sections' errors the one
 * earliest in the file is reported, as a reader of the file meets it. */
struct reader {
    struct gw_config *c;
    struct gw_ruleset *rs;
    bool failed;       /* the current section failed */
    bool any;          /* some section failed */
    uint32_t at;       /* offset of the reported error */
    struct gw_buf msg; /* the reported error */
};

static void fail(struct reader *r, uint32_t off, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void fail(struct reader *r, uint32_t off, const char *fmt, ...)
{
    unsigned line, col;
    char msg[512];
    va_list ap;
    if (r->failed)
        return;
    r->failed = true;
    if (r->any && off >= r->at)
        return;
    r->any = true;
    r->at = off;
    gw_source_line_col(&r->c->src, off, &line, &col);
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    gw_buf_reset(&r->msg);
    gw_buf_printf(&r->msg, "%s:%u:%u: %s", r->c->src.path, line, col, msg);
}

/* The nearest of `words` (NULL-terminated) to `s`, or NULL: a small edit
 * away, or a word that `s` begins ("expiring" for "expiring-days"). */
static const char *nearest(const char *s, const char *const *words)
{
    const char *best = NULL;
    const char *const *w;
    unsigned bestd = strlen(s) < 5 ? 2 : 3, d;
    for (w = words; *w; w++) {
        d = gw_edit_distance(s, *w, true, bestd);
        if (d < bestd) {
            bestd = d;
            best = *w;
        }
    }
    for (w = words; !best && *w && strlen(s) >= 3; w++)
        if (strncmp(*w, s, strlen(s)) == 0)
            best = *w;
    return best;
}

/* Check that every key of map `m` is one of `allowed`, none repeated.
 * `where` names the map in messages ("" at the top). */
static void keys(struct reader *r, const struct gw_node *m,
                 const char *const *allowed, const char *where)
{
    uint32_t i, j;
    for (i = 0; i < m->nkids && !r->failed; i++) {
        const struct gw_node *k = m->kids[i]->key;
        const char *const *a;
        const char *near;
        for (a = allowed; *a; a++)
            if (strcmp(*a, k->str) == 0)
                break;
        if (!*a) {
            near = nearest(k->str, allowed);
            if (near)
                fail(r, k->span.start,
                     "unknown key '%s'%s%s; did you mean "
                     "'%s'",
                     k->str, *where ? " in " : "", where, near);
            else
                fail(r, k->span.start, "unknown key '%s'%s%s", k->str,
                     *where ? " in " : "", where);
            return;
        }
        for (j = 0; j < i; j++)
            if (strcmp(m->kids[j]->key->str, k->str) == 0) {
                unsigned line, col;
                gw_source_line_col(&r->c->src, m->kids[j]->key->span.start,
                                   &line, &col);
                fail(r, k->span.start,
                     "key '%s' is repeated (first at line %u)", k->str, line);
                return;
            }
    }
}

static const struct gw_node *want(struct reader *r, const struct gw_node *n,
                                  enum gw_node_kind kind, const char *what)
{
    static const char *const kinds[] = {"a string", "a mapping", "a list"};
    if (r->failed || !n)
        return NULL;
    if (n->kind != kind ||
        (kind == GW_NODE_SCALAR && n->scalar == GW_SCALAR_NULL)) {
        fail(r, n->span.start, "%s must be %s", what, kinds[kind]);
        return NULL;
    }
    if (kind == GW_NODE_SCALAR && n->len == 0) {
        fail(r, n->span.start, "%s is empty", what);
        return NULL;
    }
    return n;
}

static const char *str(struct reader *r, const struct gw_node *map,
                       const char *key, const char *what)
{
    const struct gw_node *v =
        want(r, gw_node_get(map, key), GW_NODE_SCALAR, what);
    return v ? v->str : NULL;
}

static bool profile_of(struct reader *r, const struct gw_node *v,
                       enum gw_profile *out)
{
    if (!want(r, v, GW_NODE_SCALAR, "profile"))
        return false;
    if (strcmp(v->str, "arc") == 0)
        *out = GW_PROFILE_ARC;
    else if (strcmp(v->str, "helm") == 0)
        *out = GW_PROFILE_HELM;
    else {
        fail(r, v->span.start, "profile '%s' is not arc or helm", v->str);
        return false;
    }
    return true;
}

static const char *glob_of(struct reader *r, const struct gw_node *v,
                           const char *what)
{
    unsigned where;
    const char *why;
    if (!want(r, v, GW_NODE_SCALAR, what))
        return NULL;
    if (!gw_glob_valid(v->str, &where, &why)) {
        fail(r, v->span.start + (v->quoted ? 1 : 0) + where,
             "%s '%s' is not a glob: %s", what, v->str, why);
        return NULL;
    }
    return v->str;
}

/* A rule named by id or name, with a did-you-mean at its place. */
static const struct gw_rule *rule_of(struct reader *r, const struct gw_node *k)
{
    const struct gw_rule *ru, *near;
    if (!want(r, k, GW_NODE_SCALAR, "a rule"))
        return NULL;
    if ((ru = gw_ruleset_find(r->rs, k->str)))
        return ru;
    near = gw_ruleset_suggest(r->rs, k->str);
    if (near)
        fail(r, k->span.start, "unknown rule '%s'; did you mean '%s' (%s)",
             k->str, near->id, near->name);
    else
        fail(r, k->span.start, "unknown rule '%s'; gwlint rules lists them",
             k->str);
    return NULL;
}

/* A path of the config (relative to its directory) as usable from the
 * current directory. */
static const char *use_path(struct gw_config *c, const char *p)
{
    if (p[0] == '/')
        return p;
    return gw_arena_printf(c->a, "%s%s", c->use_dir, p);
}

static void read_context(struct reader *r, const struct gw_node *m)
{
    static const char *const allowed[] = {"region", "tier", "apim", "cluster",
                                          NULL};
    struct gw_config *c = r->c;
    const struct gw_node *v;
    const char *s;
    if (!want(r, m, GW_NODE_MAP, "context"))
        return;
    keys(r, m, allowed, "context");
    if ((v = gw_node_get(m, "region")) &&
        want(r, v, GW_NODE_SCALAR, "context.region")) {
        c->region.value = v->str;
        c->region.origin = c->src.path;
        c->region.src = &c->src;
        c->region.span = v->span;
    }
    if ((v = gw_node_get(m, "tier")) &&
        want(r, v, GW_NODE_SCALAR, "context.tier")) {
        c->tier.value = v->str;
        c->tier.origin = c->src.path;
        c->tier.src = &c->src;
        c->tier.span = v->span;
    }
    if (gw_node_get(m, "apim") && (s = str(r, m, "apim", "context.apim")))
        c->apim = use_path(c, s);
    if (gw_node_get(m, "cluster") &&
        (s = str(r, m, "cluster", "context.cluster")))
        c->cluster = use_path(c, s);
}

static void read_token(struct reader *r, const struct gw_node *m)
{
    static const char *const allowed[] = {"expiring-days", NULL};
    const struct gw_node *v;
    char *end;
    long n;
    if (!want(r, m, GW_NODE_MAP, "token"))
        return;
    keys(r, m, allowed, "token");
    if (!(v = gw_node_get(m, "expiring-days")) ||
        !want(r, v, GW_NODE_SCALAR, "token.expiring-days"))
        return;
    errno = 0;
    n = strtol(v->str, &end, 10);
    if (v->scalar != GW_SCALAR_NUMBER || *end || errno || n < 0 || n > 3650) {
        fail(r, v->span.start,
             "token.expiring-days must be a whole number of days from 0 to "
             "3650, not '%s'",
             v->str);
        return;
    }
    r->c->expiring_days = (int)n;
}

static void read_rules(struct reader *r, const struct gw_node *m)
{
    static const char *const levels[] = {"off", "note", "warning", "error",
                                         NULL};
    uint32_t i, j;
    if (!want(r, m, GW_NODE_MAP, "rules"))
        return;
    for (i = 0; i < m->nkids && !r->failed; i++) {
        const struct gw_node *v = m->kids[i];
        const struct gw_rule *ru = rule_of(r, v->key);
        enum gw_level lv;
        const char *near;
        if (!ru)
            return;
        for (j = 0; j < i; j++)
            if (gw_ruleset_find(r->rs, m->kids[j]->key->str) == ru) {
                fail(r, v->key->span.start,
                     "rule %s is set twice (also as '%s')", ru->id,
                     m->kids[j]->key->str);
                return;
            }
        if (v->kind != GW_NODE_SCALAR || !gw_level_parse(v->str, &lv)) {
            near = v->kind == GW_NODE_SCALAR ? nearest(v->str, levels) : NULL;
            if (near)
                fail(r, v->span.start,
                     "level '%s' of %s is not off, note, warning or error; "
                     "did you mean '%s'",
                     v->str, ru->id, near);
            else
                fail(r, v->span.start,
                     "the level of %s must be off, note, warning or error",
                     ru->id);
            return;
        }
        gw_ruleset_set_level(r->rs, ru, lv);
    }
}

static void read_files(struct reader *r, const struct gw_node *l)
{
    static const char *const allowed[] = {"glob", "profile", "input-type",
                                          NULL};
    struct gw_config *c = r->c;
    uint32_t i;
    if (!want(r, l, GW_NODE_SEQ, "files"))
        return;
    c->files = gw_arena_alloc(c->a, (l->nkids + 1) * sizeof *c->files);
    for (i = 0; i < l->nkids && !r->failed; i++) {
        const struct gw_node *m = l->kids[i], *v;
        struct file_rule *f = &c->files[c->nfiles];
        if (!want(r, m, GW_NODE_MAP, "an entry of files"))
            return;
        keys(r, m, allowed, "files");
        if (!(v = gw_node_get(m, "glob"))) {
            fail(r, m->span.start, "an entry of files needs a 'glob'");
            return;
        }
        f->glob = glob_of(r, v, "glob");
        if ((v = gw_node_get(m, "profile")))
            f->has_profile = profile_of(r, v, &f->profile);
        if ((v = gw_node_get(m, "input-type")) &&
            want(r, v, GW_NODE_SCALAR, "input-type")) {
            if (!gw_build_known_type(v->str)) {
                fail(r, v->span.start, "unknown input-type '%s'", v->str);
                return;
            }
            f->input_type = v->str;
        }
        if (!f->has_profile && !f->input_type && !r->failed) {
            fail(r, m->span.start,
                 "an entry of files needs a 'profile' or an 'input-type'");
            return;
        }
        c->nfiles++;
    }
}

static void read_exclude(struct reader *r, const struct gw_node *l)
{
    struct gw_config *c = r->c;
    uint32_t i;
    if (!want(r, l, GW_NODE_SEQ, "exclude"))
        return;
    c->exclude = gw_arena_alloc(c->a, (l->nkids + 1) * sizeof *c->exclude);
    for (i = 0; i < l->nkids && !r->failed; i++) {
        const char *g = glob_of(r, l->kids[i], "an exclude glob");
        if (g)
            c->exclude[c->nexclude++] = g;
    }
}

static bool parse_day(const char *s, time_t *out)
{
    int y, m, d;
    char extra;
    if (strlen(s) != 10 ||
        sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3 ||
        !isdigit((unsigned char)s[5]) || !isdigit((unsigned char)s[8]) ||
        !gw_utc_time(y, m, d, 0, 0, out))
        return false;
    *out += 86400;
    return true;
}

static void read_ignore(struct reader *r, const struct gw_node *l)
{
    static const char *const allowed[] = {"path",   "rule",  "key",
                                          "reason", "until", NULL};
    struct gw_config *c = r->c;
    uint32_t i;
    if (!want(r, l, GW_NODE_SEQ, "ignore"))
        return;
    c->ignores = gw_arena_alloc(c->a, (l->nkids + 1) * sizeof *c->ignores);
    for (i = 0; i < l->nkids && !r->failed; i++) {
        const struct gw_node *m = l->kids[i], *v;
        struct gw_ignore *g = &c->ignores[c->nignores];
        if (!want(r, m, GW_NODE_MAP, "an entry of ignore"))
            return;
        keys(r, m, allowed, "ignore");
        if (r->failed)
            return;
        if (!(v = gw_node_get(m, "path")) || !gw_node_get(m, "rule")) {
            fail(r, m->span.start,
                 "an entry of ignore needs a 'path' glob and a 'rule'");
            return;
        }
        g->glob = glob_of(r, v, "path");
        g->rule = rule_of(r, gw_node_get(m, "rule"));
        if (gw_node_get(m, "key"))
            g->key = str(r, m, "key", "key");
        if (gw_node_get(m, "reason"))
            g->sup.reason = str(r, m, "reason", "reason");
        g->sup.external = true;
        if ((v = gw_node_get(m, "until")) &&
            want(r, v, GW_NODE_SCALAR, "until")) {
            if (!parse_day(v->str, &g->until)) {
                fail(r, v->span.start, "until '%s' is not a date YYYY-MM-DD",
                     v->str);
                return;
            }
            g->has_until = true;
            g->until_text = v->str;
            g->until_span = v->span;
        }
        g->span = m->span;
        /* point at the entry's first line only */
        g->span.end = g->span.start;
        while (g->span.end < m->span.end && c->src.text[g->span.end] != '\n')
            g->span.end++;
        if (!r->failed)
            c->nignores++;
    }
}

static void read_top(struct reader *r, const struct gw_node *root)
{
    static const char *const allowed[] = {"profile",      "context", "token",
                                          "rules",        "files",   "exclude",
                                          "custom-rules", "ignore",  NULL};
    const struct gw_node *v;
    bool custom_ok = true;
    struct gw_buf e;

    if (!want(r, root, GW_NODE_MAP, "the configuration"))
        return;
    keys(r, root, allowed, "");
    r->failed = false;
    if ((v = gw_node_get(root, "profile")))
        r->c->has_profile = profile_of(r, v, &r->c->profile);
    r->failed = false;
    if ((v = gw_node_get(root, "context")))
        read_context(r, v);
    r->failed = false;
    if ((v = gw_node_get(root, "token")))
        read_token(r, v);
    /* Custom rules first: rules: and ignore: may name them. The ruleset
     * reports the place of its error itself. */
    r->failed = false;
    gw_buf_init(&e, 0);
    if ((v = gw_node_get(root, "custom-rules")) &&
        gw_ruleset_add_custom(r->rs, &r->c->src, v, &e) != GW_OK) {
        custom_ok = false;
        if (!r->any || v->span.start < r->at) {
            r->any = true;
            r->at = v->span.start;
            gw_buf_reset(&r->msg);
            gw_buf_puts(&r->msg, gw_buf_str(&e));
        }
    }
    gw_buf_release(&e);
    r->failed = false;
    if ((v = gw_node_get(root, "rules")) && custom_ok)
        read_rules(r, v);
    r->failed = false;
    if ((v = gw_node_get(root, "files")))
        read_files(r, v);
    r->failed = false;
    if ((v = gw_node_get(root, "exclude")))
        read_exclude(r, v);
    r->failed = false;
    if ((v = gw_node_get(root, "ignore")) && custom_ok)
        read_ignore(r, v);
}

enum gw_status gw_config_load(struct gw_config **out, const char *path,
                              const char *display, struct gw_ruleset *rs,
                              struct gw_buf *err)
{
    struct gw_config *c = gw_xcalloc(1, sizeof *c);
    struct gw_node *root = NULL;
    struct gw_load_error le;
    struct reader r;
    enum gw_status rc;
    char *text, *abs, *slash;
    const char *ds;
    size_t len;

    *out = NULL;
    c->a = gw_arena_new();
    c->expiring_days = -1;
    rc = gw_read_file(c->a, path, GW_MAX_FILE_BYTES, &text, &len, err);
    if (rc != GW_OK)
        goto fail;
    gw_source_init(&c->src, c->a, gw_arena_strdup(c->a, display), text, len);
    if (len > GW_MAX_FILE_BYTES) {
        gw_buf_printf(err, "%s: larger than 8 MiB", display);
        rc = GW_ERR_RULE;
        goto fail;
    }
    if (!(abs = cwd())) {
        gw_buf_printf(err, "%s: cannot tell the current directory: %s", display,
                      strerror(errno));
        rc = GW_ERR_IO;
        goto fail;
    }
    c->cwd = gw_arena_strdup(c->a, abs);
    gw_xfree(abs);
    abs = absolute(c->cwd, path);
    slash = strrchr(abs, '/');
    c->dir =
        slash == abs ? "/" : gw_arena_strndup(c->a, abs, (size_t)(slash - abs));
    gw_xfree(abs);
    ds = strrchr(path, '/');
    c->use_dir =
        ds ? gw_arena_strndup(c->a, path, (size_t)(ds - path) + 1) : "";
    if (gw_load_yaml(c->a, &c->src, &root, &le) != GW_OK) {
        unsigned line, col;
        gw_source_line_col(&c->src, le.span.start, &line, &col);
        gw_buf_printf(err, "%s:%u:%u: %s", display, line, col, le.message);
        rc = GW_ERR_RULE;
        goto fail;
    }
    memset(&r, 0, sizeof r);
    r.c = c;
    r.rs = rs;
    gw_buf_init(&r.msg, 0);
    if (root)
        read_top(&r, root);
    if (r.any) {
        gw_buf_puts(err, gw_buf_str(&r.msg));
        gw_buf_release(&r.msg);
        rc = GW_ERR_RULE;
        goto fail;
    }
    gw_buf_release(&r.msg);
    *out = c;
    return GW_OK;
fail:
    gw_config_free(c);
    return rc;
}

void gw_config_free(struct gw_config *c)
{
    if (!c)
        return;
    gw_arena_free(c->a);
    gw_xfree(c);
}

const struct gw_source *gw_config_source(const struct gw_config *c)
{
    return &c->src;
}

bool gw_config_profile(const struct gw_config *c, enum gw_profile *out)
{
    if (c->has_profile)
        *out = c->profile;
    return c->has_profile;
}

int gw_config_expiring_days(const struct gw_config *c)
{
    return c->expiring_days;
}

void gw_config_context(const struct gw_config *c, struct gw_context *ctx)
{
    if (!ctx->region.value && c->region.value)
        ctx->region = c->region;
    if (!ctx->tier.value && c->tier.value)
        ctx->tier = c->tier;
}

const char *gw_config_apim(const struct gw_config *c)
{
    return c->apim;
}

const char *gw_config_cluster(const struct gw_config *c)
{
    return c->cluster;
}

bool gw_config_excluded(const struct gw_config *c, const char *relpath)
{
    size_t i;
    for (i = 0; relpath && i < c->nexclude; i++)
        if (gw_glob_match(c->exclude[i], relpath))
            return true;
    return false;
}

void gw_config_file_opts(const struct gw_config *c, const char *relpath,
                         struct gw_build_opts *o, bool *has_profile,
                         bool *has_type)
{
    size_t i;
    for (i = 0; relpath && i < c->nfiles; i++) {
        const struct file_rule *f = &c->files[i];
        if (!gw_glob_match(f->glob, relpath))
            continue;
        if (f->has_profile) {
            o->profile = f->profile;
            o->profile_forced = true;
            *has_profile = true;
        }
        if (f->input_type) {
            o->input_type = f->input_type;
            *has_type = true;
        }
    }
}

const struct gw_ignore *gw_config_ignores(const struct gw_config *c, size_t *n)
{
    *n = c->nignores;
    return c->ignores;
}
