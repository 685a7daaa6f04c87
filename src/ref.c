/* Settings files that commands pass: resolving, checking (GW811) and
 * collecting them for the run. */
#include "ref.h"

#include <errno.h>
#include <string.h>

#include "buf.h"
#include "context.h"
#include "load_json.h"
#include "mem.h"
#include "node.h"

const char *gw_ref_dir(struct gw_arena *a, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return ".";
    if (slash == path)
        return "/";
    return gw_arena_strndup(a, path, (size_t)(slash - path));
}

/* Normalise a path: drop "." and empty components, fold "x/.." (a
 * relative path keeps the ".." it cannot fold). */
static char *normalise(struct gw_arena *a, const char *p)
{
    size_t n = strlen(p), i = 0, o = 0, depth = 0;
    size_t *starts = gw_arena_alloc(a, (n / 2 + 2) * sizeof *starts);
    char *out = gw_arena_alloc(a, n + 2);
    bool abs = p[0] == '/';

    if (abs)
        out[o++] = '/';
    while (i < n) {
        size_t s, len;
        while (i < n && p[i] == '/')
            i++;
        s = i;
        while (i < n && p[i] != '/')
            i++;
        len = i - s;
        if (len == 0 || (len == 1 && p[s] == '.'))
            continue;
        if (len == 2 && p[s] == '.' && p[s + 1] == '.') {
            if (depth > 0 && !(o - starts[depth - 1] == 2 &&
                               memcmp(out + starts[depth - 1], "..", 2) == 0)) {
                o = starts[--depth];
                if (o > (abs ? 1u : 0u))
                    o--; /* the '/' before it */
                continue;
            }
            if (abs)
                continue;
        }
        if (o > (abs ? 1u : 0u))
            out[o++] = '/';
        starts[depth++] = o;
        memcpy(out + o, p + s, len);
        o += len;
    }
    if (o == 0)
        out[o++] = '.';
    out[o] = '\0';
    return out;
}

const char *gw_ref_path(struct gw_arena *a, const char *dir, const char *ref)
{
    if (ref[0] == '~' || ref[0] == '\0')
        return NULL;
    if (ref[0] == '/' || !dir || strcmp(dir, ".") == 0)
        return normalise(a, ref);
    return normalise(a, gw_arena_printf(a, "%s/%s", dir, ref));
}

/* What is wrong with the settings file text, or NULL. */
static const char *file_problem(struct gw_arena *a, const char *shown,
                                const char *text, size_t len)
{
    struct gw_source src;
    struct gw_node *root = NULL;
    struct gw_load_error le;
    uint32_t i;

    gw_source_init(&src, a, shown, text, len);
    if (gw_load_json(a, &src, &root, &le) != GW_OK) {
        unsigned line, col;
        gw_source_line_col(&src, le.span.start, &line, &col);
        return gw_arena_printf(a,
                               "is not valid JSON (line %u, column %u: %s), "
                               "and az reads the file with json.load",
                               line, col, le.message);
    }
    if (!root || root->kind != GW_NODE_MAP)
        return "is not a JSON object of settings";
    if (root->nkids == 0)
        return "holds no settings, and az stops with 'File ... is empty'";
    for (i = 0; i < root->nkids; i++)
        if (root->kids[i]->kind != GW_NODE_SCALAR)
            return gw_arena_printf(
                a,
                "is not flat: '%s' holds %s; az passes the file as it is, so "
                "write each setting as one dotted key with a string value",
                root->kids[i]->key->str,
                root->kids[i]->kind == GW_NODE_MAP ? "an object" : "a list");
    return NULL;
}

void gw_ref_check(struct gw_doc *d, const char *dir)
{
    struct gw_doc *dd;
    size_t i;
    for (dd = d; dd; dd = dd->next)
        for (i = 0; i < dd->nrefs; i++) {
            const struct gw_ref *r = &dd->refs[i];
            struct gw_arena *a = gw_arena_new();
            struct gw_buf err;
            const char *path = gw_ref_path(a, dir, r->path), *why = NULL;
            char *text;
            size_t len;
            gw_buf_init(&err, 0);
            if (!path) {
                gw_arena_free(a);
                continue;
            }
            if (gw_read_file(a, path, GW_MAX_FILE_BYTES, &text, &len, &err) !=
                GW_OK) {
                why =
                    errno == ENOENT || strstr(gw_buf_str(&err), "No such file")
                        ? "does not exist"
                        : gw_arena_printf(a, "cannot be read (%s)",
                                          gw_buf_str(&err));
            } else if (len > GW_MAX_FILE_BYTES) {
                why = "is larger than 8 MiB";
            } else {
                why = file_problem(a, path, text, len);
            }
            if (why)
                gw_doc_add_issue(
                    dd, "GW811", r->span, r->flag,
                    gw_arena_printf(dd->arena, "%s names '%s', which %s%s%s%s",
                                    r->flag, r->path, why,
                                    strcmp(path, r->path) ? " (looked for '"
                                                          : "",
                                    strcmp(path, r->path) ? path : "",
                                    strcmp(path, r->path) ? "', relative to "
                                                            "the script)"
                                                          : ""));
            gw_buf_release(&err);
            gw_arena_free(a);
        }
}

/* ---- the run's list ---- */

static void list_add(struct gw_reflist *l, const char *path, enum gw_prot prot)
{
    size_t i;
    for (i = 0; i < l->n; i++)
        if (strcmp(l->v[i].path, path) == 0) {
            if (prot == GW_PROT_PROTECTED)
                l->v[i].prot = prot; /* a secret in it must stay secret */
            return;
        }
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->v = gw_xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n].path = gw_xstrdup(path);
    l->v[l->n++].prot = prot;
}

void gw_ref_collect(const struct gw_ruleset *rs, const struct gw_context *ctx,
                    const char *path, const char *dir, const char *text,
                    size_t len, const struct gw_build_opts *o,
                    struct gw_reflist *list)
{
    struct gw_arena *a = gw_arena_new();
    struct gw_source src;
    struct gw_doc doc, *dd;
    const char *skip = NULL;
    size_t i;

    gw_source_init(&src, a, path, gw_arena_strndup(a, text, len), len);
    gw_doc_init(&doc, a, &src, ctx);
    if (gw_build(&doc, rs, o, &skip) == GW_OK && !skip)
        for (dd = &doc; dd; dd = dd->next)
            for (i = 0; i < dd->nrefs; i++) {
                const char *p = gw_ref_path(a, dir, dd->refs[i].path);
                if (p)
                    list_add(list, p, dd->refs[i].prot);
            }
    gw_arena_free(a);
}

const struct gw_refitem *gw_reflist_find(const struct gw_reflist *list,
                                         const char *path)
{
    struct gw_arena *a;
    const char *p;
    size_t i;
    if (list->n == 0)
        return NULL;
    a = gw_arena_new();
    p = normalise(a, path);
    for (i = 0; i < list->n; i++)
        if (strcmp(list->v[i].path, p) == 0)
            break;
    gw_arena_free(a);
    return i < list->n ? &list->v[i] : NULL;
}

void gw_reflist_release(struct gw_reflist *list)
{
    size_t i;
    for (i = 0; i < list->n; i++)
        gw_xfree(list->v[i].path);
    gw_xfree(list->v);
    list->v = NULL;
    list->n = list->cap = 0;
}

static bool has(const char *t, size_t n, const char *needle)
{
    size_t m = strlen(needle), i;
    for (i = 0; i + m <= n; i++)
        if (t[i] == needle[0] && memcmp(t + i, needle, m) == 0)
            return true;
    return false;
}

bool gw_ref_wants(const char *path)
{
    static const char *const ext[] = {".sh", ".bash",     ".zsh", ".ps1",
                                      ".md", ".markdown", NULL};
    const char *const *e;
    for (e = ext; *e; e++)
        if (gw_build_ends_with(path, *e))
            return true;
    return (gw_build_ends_with(path, ".yml") ||
            gw_build_ends_with(path, ".yaml")) &&
           (gw_build_contains_ci(path, strlen(path), "workflow") ||
            gw_build_contains_ci(path, strlen(path), "pipeline"));
}

bool gw_ref_may_pass_files(const char *path, const char *text, size_t len)
{
    return has(text, len, "k8s-extension") && has(text, len, "-file") &&
           !gw_build_ends_with(path, ".json");
}
