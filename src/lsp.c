/* The language server (SPEC §9): the method table, open documents and their
 * last lint, and the conversion of findings, fixes and catalogue entries
 * into LSP diagnostics, code actions, hovers and completions. */
#include "lsp.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "catalog.h"
#include "config.h"
#include "context.h"
#include "diag.h"
#include "lint.h"
#include "mem.h"
#include "rpc.h"
#include "rule.h"
#include "ruleset.h"

#ifndef GW_VERSION
#define GW_VERSION "0.0.0"
#endif

/* A document may grow past one frame through incremental changes; past
 * this it is no longer linted (the loaders stop at 8 MiB anyway). */
#define MAX_DOC  ((size_t)64 << 20)
#define DOCS_URL "https://github.com/gwlint/gwlint/blob/main/docs/rules/"

/* One open document. */
struct doc {
    char *uri;        /* as the client names it */
    char *path;       /* for detection: relative to the root when
                         under it, else the URI's path */
    char *file;       /* the file system path, or NULL */
    const char *type; /* forced input kind, or NULL */
    bool lintable;    /* a kind gwlint reads (SPEC §3) */
    bool json;        /* the text is JSON (for completion) */
    bool too_large;   /* grew past MAX_DOC: not linted */
    unsigned version;
    bool has_version;
    struct gw_buf text;
    struct gw_lint_result res; /* the last lint; res.arena NULL when none */
};

/* What documents are linted with: the rules, options and context that
 * .gwlint.yaml of the workspace root sets. */
struct config {
    const struct gw_ruleset *rs; /* `own`, or the built-in rules */
    struct gw_ruleset *own;      /* with the config's levels and custom
                                    rules; NULL without a config */
    struct gw_config *file;      /* NULL without a config */
    struct gw_arena *arena;      /* context files */
    struct gw_lint_opts lint;
    struct gw_context ctx;
    enum gw_profile profile;
};

struct gw_lsp {
    struct gw_rpc rpc;
    const struct gw_lsp_opts *opts;
    struct config cfg;
    bool initialized, shutdown, exited;
    bool utf8;         /* positions in UTF-8 bytes, not UTF-16 */
    bool plain_hover;  /* the client cannot show Markdown */
    char *root;        /* workspace root directory, or NULL */
    char *config_path; /* root/.gwlint.yaml, or NULL */
    struct doc **docs;
    size_t ndocs, cap;
    struct gw_ph_cache *phcache; /* placeholder answers, across documents */
    struct gw_buf err;
};

typedef int handler_fn(struct gw_lsp *s, const cJSON *params, cJSON **result,
                       struct gw_buf *err);

/* ---- small helpers ---- */

static const cJSON *get(const cJSON *o, const char *k)
{
    return cJSON_IsObject(o) ? cJSON_GetObjectItemCaseSensitive(o, k) : NULL;
}

static const char *get_str(const cJSON *o, const char *k)
{
    const cJSON *v = get(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* A non-negative integer that fits 32 bits. */
static bool get_uint(const cJSON *o, const char *k, unsigned *out)
{
    const cJSON *v = get(o, k);
    double d;
    if (!cJSON_IsNumber(v))
        return false;
    d = v->valuedouble;
    if (!(d >= 0 && d <= 4294967295.0) || d != (double)(uint32_t)d)
        return false;
    *out = (unsigned)(uint32_t)d;
    return true;
}

static bool starts_with(const char *s, const char *p)
{
    return strncmp(s, p, strlen(p)) == 0;
}


/* A JSON string of `s` with invalid UTF-8 replaced by U+FFFD, so that every
 * frame is valid UTF-8 JSON whatever bytes a message quotes. */
static cJSON *str_json(const char *s)
{
    struct gw_buf b;
    size_t n = strlen(s), i = 0;
    cJSON *j;

    gw_buf_init(&b, 0);
    while (i < n) {
        size_t k = gw_utf8_len((const unsigned char *)s + i, n - i);
        if (k) {
            gw_buf_add(&b, s + i, k);
            i += k;
        } else {
            gw_buf_puts(&b, "\xef\xbf\xbd");
            i++;
        }
    }
    j = cJSON_CreateString(gw_buf_str(&b));
    gw_buf_release(&b);
    return j;
}

/* Copy at most 64 printable ASCII bytes of a client's string (a method
 * name) for an error message. */
static void quote_name(struct gw_buf *b, const char *s)
{
    size_t i;
    for (i = 0; s[i] && i < 64; i++)
        gw_buf_putc(b, s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?');
    if (s[i])
        gw_buf_puts(b, "...");
}

/* ---- URIs and paths ---- */

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The file system path of a file: URI (percent-decoded), or NULL for
 * other schemes. Returns an owned string. */
static char *uri_path(const char *uri)
{
    const char *p;
    char *out, *o;

    if (strncmp(uri, "file://", 7) != 0)
        return NULL;
    p = uri + 7;
    while (*p && *p != '/') /* an authority, usually empty */
        p++;
    out = o = gw_xmalloc(strlen(p) + 1);
    for (; *p; p++) {
        int hi, lo;
        if (*p == '%' && (hi = hexval(p[1])) >= 0 && (lo = hexval(p[2])) >= 0 &&
            (hi || lo)) {
            *o++ = (char)(hi * 16 + lo);
            p += 2;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    return out;
}

/* ---- configuration ---- */

static void config_release(struct config *c)
{
    gw_config_free(c->file);
    gw_ruleset_free(c->own);
    gw_arena_free(c->arena);
    memset(c, 0, sizeof *c);
}

static void config_defaults(struct gw_lsp *s)
{
    config_release(&s->cfg);
    s->cfg.rs = s->opts->rs;
    s->cfg.lint.expiring_days = 7;
    s->cfg.profile = GW_PROFILE_ARC;
}

static void show_message(struct gw_lsp *s, int type, const char *msg);

/* Read .gwlint.yaml of the workspace root into s->cfg: the rules, options,
 * context and per-file settings documents are linted with (as the command
 * line reads it, SPEC §7). A config that cannot be used is shown to the
 * user and the defaults apply until it is fixed and saved. */
static void load_config(struct gw_lsp *s)
{
    struct gw_ruleset *rs = NULL;
    struct gw_config *file = NULL;
    const char *apim, *cluster;
    struct gw_buf err;
    enum gw_profile prof;
    struct stat st;
    int days;

    config_defaults(s);
    if (!s->config_path || stat(s->config_path, &st) != 0)
        return;
    gw_buf_init(&err, 0);
    gw_buf_puts(&err, "gwlint: ");
    if (gw_ruleset_builtin(&rs, &err) != GW_OK ||
        gw_config_load(&file, s->config_path, GW_CONFIG_NAME, rs, &err) !=
            GW_OK) {
        gw_ruleset_free(rs);
        gw_buf_puts(&err, "; linting with the defaults until it is fixed");
        show_message(s, 1, gw_buf_str(&err));
        gw_buf_release(&err);
        return;
    }
    s->cfg.own = rs;
    s->cfg.rs = rs;
    s->cfg.file = file;
    s->cfg.arena = gw_arena_new();
    if (gw_config_profile(file, &prof))
        s->cfg.profile = prof;
    if ((days = gw_config_expiring_days(file)) >= 0)
        s->cfg.lint.expiring_days = days;
    gw_config_context(file, &s->cfg.ctx);
    cluster = gw_config_cluster(file);
    apim = gw_config_apim(file);
    gw_buf_reset(&err);
    if ((cluster && gw_context_load(&s->cfg.ctx, s->cfg.arena, GW_CTX_CLUSTER,
                                    cluster, cluster, &err) != GW_OK) ||
        (apim && gw_context_load(&s->cfg.ctx, s->cfg.arena, GW_CTX_APIM, apim,
                                 apim, &err) != GW_OK)) {
        struct gw_buf msg;
        gw_buf_init(&msg, 0);
        gw_buf_printf(&msg, "gwlint: %s: %s", GW_CONFIG_NAME, gw_buf_str(&err));
        show_message(s, 2, gw_buf_str(&msg));
        gw_buf_release(&msg);
    }
    gw_buf_release(&err);
}

/* ---- documents ---- */

static struct doc *doc_find(struct gw_lsp *s, const char *uri)
{
    size_t i;
    if (!uri)
        return NULL;
    for (i = 0; i < s->ndocs; i++)
        if (strcmp(s->docs[i]->uri, uri) == 0)
            return s->docs[i];
    return NULL;
}

static void doc_free(struct doc *d)
{
    if (d->res.arena)
        gw_lint_release(&d->res);
    gw_buf_release(&d->text);
    gw_xfree(d->uri);
    gw_xfree(d->path);
    gw_xfree(d->file);
    gw_xfree(d);
}

static void doc_remove(struct gw_lsp *s, struct doc *d)
{
    size_t i;
    for (i = 0; i < s->ndocs; i++)
        if (s->docs[i] == d) {
            memmove(s->docs + i, s->docs + i + 1,
                    (s->ndocs - i - 1) * sizeof *s->docs);
            s->ndocs--;
            break;
        }
    doc_free(d);
}

static bool lang_is(const char *lang, const char *const *names)
{
    for (; *names; names++)
        if (strcmp(lang, *names) == 0)
            return true;
    return false;
}

/* Decide whether and how a document is linted, from its language id and
 * name: every name gwlint claims on the command line, YAML and JSON
 * buffers whatever their name, and script and Markdown buffers once the
 * input kind that reads them exists. */
static void doc_classify(struct doc *d, const char *lang)
{
    static const char *const yaml[] = {"yaml", NULL};
    static const char *const json[] = {"json", "jsonc", NULL};
    static const char *const shell[] = {
        "sh", "bash", "shell", "shellscript", "ps1", "powershell", NULL};
    static const char *const markdown[] = {"markdown", NULL};

    d->type = NULL;
    d->json = lang_is(lang, json) ||
              (!lang_is(lang, yaml) && strlen(d->path) > 5 &&
               strcmp(d->path + strlen(d->path) - 5, ".json") == 0);
    if (gw_build_claims_name(d->path) || lang_is(lang, yaml) ||
        lang_is(lang, json)) {
        d->lintable = true;
    } else if (lang_is(lang, shell) && gw_build_known_type("shell")) {
        d->lintable = true;
        d->type = "shell";
    } else if (lang_is(lang, markdown) && gw_build_known_type("markdown")) {
        d->lintable = true;
        d->type = "markdown";
    } else {
        d->lintable = false;
    }
}

/* ---- positions ---- */

static cJSON *pos_json(const struct gw_lsp *s, const struct gw_source *src,
                       uint32_t off)
{
    unsigned line, col;
    cJSON *p = cJSON_CreateObject();

    gw_source_lsp_pos(src, off, !s->utf8, &line, &col);
    cJSON_AddNumberToObject(p, "line", line);
    cJSON_AddNumberToObject(p, "character", col);
    return p;
}

static cJSON *range_json(const struct gw_lsp *s, const struct gw_source *src,
                         struct gw_span sp)
{
    cJSON *r = cJSON_CreateObject();
    cJSON_AddItemToObject(r, "start", pos_json(s, src, sp.start));
    cJSON_AddItemToObject(r, "end", pos_json(s, src, sp.end));
    return r;
}

/* The byte offset of an LSP position object in `src`; false when it is not
 * {line, character} with non-negative integers. Positions past a line's
 * end clamp to it, before its line break. */
static bool pos_offset(const struct gw_lsp *s, const struct gw_source *src,
                       const cJSON *pos, uint32_t *off)
{
    unsigned line, col;
    uint32_t o, ls;

    if (!get_uint(pos, "line", &line) || !get_uint(pos, "character", &col))
        return false;
    if (col > src->len)
        col = (unsigned)src->len;
    o = gw_source_lsp_offset(src, line, col, !s->utf8);
    ls = line < src->nlines ? src->lines[line] : o;
    if (o > ls && src->text[o - 1] == '\r' &&
        (o == src->len || src->text[o] == '\n'))
        o--;
    *off = o;
    return true;
}

static bool range_offsets(const struct gw_lsp *s, const struct gw_source *src,
                          const cJSON *range, uint32_t *a, uint32_t *b)
{
    if (!pos_offset(s, src, get(range, "start"), a) ||
        !pos_offset(s, src, get(range, "end"), b))
        return false;
    if (*b < *a)
        *b = *a;
    return true;
}

/* ---- diagnostics ---- */

static const char *kind_profile(enum gw_profile p)
{
    return p == GW_PROFILE_HELM ? "helm" : "arc";
}

static cJSON *diag_json(const struct gw_lsp *s, const struct gw_diag *g)
{
    cJSON *d = cJSON_CreateObject(), *cd = cJSON_CreateObject();
    struct gw_buf href;

    gw_buf_init(&href, 0);
    gw_buf_printf(&href, "%s%s.md", DOCS_URL, g->rule->id);
    cJSON_AddItemToObject(d, "range", range_json(s, g->src, g->span));
    cJSON_AddNumberToObject(d, "severity",
                            g->level == GW_ERROR     ? 1
                            : g->level == GW_WARNING ? 2
                                                     : 3);
    cJSON_AddStringToObject(d, "code", g->rule->id);
    if (g->rule->custom) { /* the config's own rules have no page */
        cJSON_Delete(cd);
    } else {
        cJSON_AddStringToObject(cd, "href", gw_buf_str(&href));
        cJSON_AddItemToObject(d, "codeDescription", cd);
    }
    cJSON_AddStringToObject(d, "source", "gwlint");
    cJSON_AddItemToObject(d, "message", str_json(g->message));
    gw_buf_release(&href);
    return d;
}

/* Whether finding i of the document's last lint is shown: not suppressed
 * and in the document itself (not in a file it references). */
static bool shown(const struct doc *d, size_t i)
{
    const struct gw_diag *g = &d->res.diags.items[i];
    return !d->res.skip && !g->suppressed && g->src == &d->res.src;
}

static void publish(struct gw_lsp *s, const struct doc *d)
{
    cJSON *p = cJSON_CreateObject(), *list = cJSON_CreateArray();
    size_t i;

    cJSON_AddItemToObject(p, "uri", str_json(d->uri));
    if (d->has_version)
        cJSON_AddNumberToObject(p, "version", d->version);
    if (d->res.arena)
        for (i = 0; i < d->res.diags.n; i++)
            if (shown(d, i))
                cJSON_AddItemToArray(list,
                                     diag_json(s, &d->res.diags.items[i]));
    cJSON_AddItemToObject(p, "diagnostics", list);
    gw_rpc_send_notification(&s->rpc, "textDocument/publishDiagnostics", p);
}

/* Lint the document's text afresh (a new arena) and publish. The
 * configuration's files:, exclude: and ignore: apply by the file's path
 * relative to it, as on the command line. */
static void doc_lint(struct gw_lsp *s, struct doc *d)
{
    const struct gw_config *cf = s->cfg.file;
    struct gw_lint_input in;
    struct gw_lint_opts lo = s->cfg.lint;
    char *rel = cf && d->file ? gw_config_relpath(cf, d->file) : NULL;

    if (d->res.arena)
        gw_lint_release(&d->res);
    if (d->lintable && !d->too_large && !(rel && gw_config_excluded(cf, rel))) {
        memset(&in, 0, sizeof in);
        in.path = d->path;
        in.text = d->text.data ? d->text.data : "";
        in.len = d->text.len;
        in.build.input_type = d->type;
        in.build.profile = s->cfg.profile;
        in.build.prot = GW_PROT_UNKNOWN;
        in.phcache = s->phcache;
        if (cf) {
            struct gw_build_opts o = in.build;
            bool has_profile = false, has_type = false;
            gw_config_file_opts(cf, rel, &o, &has_profile, &has_type);
            if (has_type)
                in.build.input_type = o.input_type;
            if (has_profile) {
                in.build.profile = o.profile;
                in.build.profile_forced = true;
            }
            in.ignores = gw_config_ignores(cf, &in.nignores);
            in.ignore_path = rel;
        }
        lo.now = s->opts->now ? s->opts->now : time(NULL);
        if (gw_lint_text(s->cfg.rs, &lo, &s->cfg.ctx, &in, &d->res) != GW_OK)
            gw_lint_release(&d->res);
    }
    gw_xfree(rel);
    publish(s, d);
}

static void notify_message(struct gw_lsp *s, const char *method, int type,
                           const char *msg)
{
    cJSON *p = cJSON_CreateObject();
    cJSON_AddNumberToObject(p, "type", type);
    cJSON_AddItemToObject(p, "message", str_json(msg));
    gw_rpc_send_notification(&s->rpc, method, p);
}

/* window/logMessage: for the client's log. */
static void log_message(struct gw_lsp *s, int type, const char *msg)
{
    notify_message(s, "window/logMessage", type, msg);
}

/* window/showMessage: for the user to see (a configuration error). */
static void show_message(struct gw_lsp *s, int type, const char *msg)
{
    notify_message(s, "window/showMessage", type, msg);
}

/* ---- lifecycle ---- */

static char *root_of(const cJSON *params)
{
    const cJSON *folders = get(params, "workspaceFolders");
    const char *uri = get_str(params, "rootUri"), *path;

    if (!uri && cJSON_IsArray(folders))
        uri = get_str(cJSON_GetArrayItem(folders, 0), "uri");
    if (uri)
        return uri_path(uri);
    path = get_str(params, "rootPath");
    return path ? gw_xstrdup(path) : NULL;
}

static bool offers(const cJSON *list, const char *what)
{
    const cJSON *v;
    cJSON_ArrayForEach(v, list)
    {
        if (cJSON_IsString(v) && strcmp(v->valuestring, what) == 0)
            return true;
    }
    return false;
}

static cJSON *string_array(const char *const *v)
{
    cJSON *a = cJSON_CreateArray();
    for (; *v; v++)
        cJSON_AddItemToArray(a, cJSON_CreateString(*v));
    return a;
}

static int on_initialize(struct gw_lsp *s, const cJSON *params, cJSON **result,
                         struct gw_buf *err)
{
    static const char *const triggers[] = {".", "\"", NULL};
    static const char *const kinds[] = {"quickfix", "source.fixAll.gwlint",
                                        NULL};
    const cJSON *caps = get(params, "capabilities");
    const cJSON *hover = get(get(caps, "textDocument"), "hover");
    const cJSON *formats = get(hover, "contentFormat");
    cJSON *r, *c, *sync, *save, *ca, *comp, *info;

    if (s->initialized) {
        gw_buf_puts(err, "initialize may be sent only once");
        return GW_RPC_INVALID_REQUEST;
    }
    if (!cJSON_IsObject(params)) {
        gw_buf_puts(err, "initialize takes an object of parameters");
        return GW_RPC_INVALID_PARAMS;
    }
    s->utf8 = offers(get(get(caps, "general"), "positionEncodings"), "utf-8");
    s->plain_hover = cJSON_IsArray(formats) && !offers(formats, "markdown");
    s->root = root_of(params);
    if (s->root) {
        size_t n = strlen(s->root) + sizeof GW_CONFIG_NAME + 1;
        s->config_path = gw_xmalloc(n);
        snprintf(s->config_path, n, "%s/%s", s->root, GW_CONFIG_NAME);
    }
    load_config(s);
    s->initialized = true;

    r = cJSON_CreateObject();
    c = cJSON_AddObjectToObject(r, "capabilities");
    cJSON_AddStringToObject(c, "positionEncoding",
                            s->utf8 ? "utf-8" : "utf-16");
    sync = cJSON_AddObjectToObject(c, "textDocumentSync");
    cJSON_AddTrueToObject(sync, "openClose");
    cJSON_AddNumberToObject(sync, "change", 2); /* incremental */
    save = cJSON_AddObjectToObject(sync, "save");
    cJSON_AddFalseToObject(save, "includeText");
    ca = cJSON_AddObjectToObject(c, "codeActionProvider");
    cJSON_AddItemToObject(ca, "codeActionKinds", string_array(kinds));
    cJSON_AddTrueToObject(c, "hoverProvider");
    comp = cJSON_AddObjectToObject(c, "completionProvider");
    cJSON_AddItemToObject(comp, "triggerCharacters", string_array(triggers));
    cJSON_AddFalseToObject(comp, "resolveProvider");
    info = cJSON_AddObjectToObject(r, "serverInfo");
    cJSON_AddStringToObject(info, "name", "gwlint");
    cJSON_AddStringToObject(info, "version", GW_VERSION);
    *result = r;
    return 0;
}

static int on_initialized(struct gw_lsp *s, const cJSON *params, cJSON **result,
                          struct gw_buf *err)
{
    (void)s, (void)params, (void)result, (void)err;
    return 0;
}

static int on_shutdown(struct gw_lsp *s, const cJSON *params, cJSON **result,
                       struct gw_buf *err)
{
    (void)params, (void)err;
    s->shutdown = true;
    *result = NULL;
    return 0;
}

static int on_exit_notice(struct gw_lsp *s, const cJSON *params, cJSON **result,
                          struct gw_buf *err)
{
    (void)params, (void)result, (void)err;
    s->exited = true;
    return 0;
}

/* ---- text synchronisation ---- */

static int bad_params(struct gw_buf *err, const char *what)
{
    gw_buf_printf(err, "invalid params: %s", what);
    return GW_RPC_INVALID_PARAMS;
}

static int on_did_open(struct gw_lsp *s, const cJSON *params, cJSON **result,
                       struct gw_buf *err)
{
    const cJSON *td = get(params, "textDocument");
    const char *uri = get_str(td, "uri"), *text = get_str(td, "text");
    const char *lang = get_str(td, "languageId");
    struct doc *d;
    unsigned version;
    char *path;

    (void)result;
    if (!uri || !text)
        return bad_params(err, "textDocument needs a uri and a text");
    if ((d = doc_find(s, uri)))
        doc_remove(s, d);
    d = gw_xcalloc(1, sizeof *d);
    d->uri = gw_xstrdup(uri);
    path = d->file = uri_path(uri);
    if (path && s->root && starts_with(path, s->root) &&
        path[strlen(s->root)] == '/')
        d->path = gw_xstrdup(path + strlen(s->root) + 1);
    else
        d->path = gw_xstrdup(path ? path : uri);
    if ((d->has_version = get_uint(td, "version", &version)))
        d->version = version;
    gw_buf_init(&d->text, MAX_DOC);
    gw_buf_puts(&d->text, text);
    d->too_large = d->text.full;
    doc_classify(d, lang ? lang : "");
    if (s->ndocs == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 8;
        s->docs = gw_xrealloc(s->docs, s->cap * sizeof *s->docs);
    }
    s->docs[s->ndocs++] = d;
    doc_lint(s, d);
    return 0;
}

/* Apply one content change (a range and its new text, or a whole text) to
 * `d`. Ranges are in the negotiated position encoding. */
static bool apply_change(struct gw_lsp *s, struct doc *d, const cJSON *ch,
                         struct gw_buf *err)
{
    const char *text = get_str(ch, "text");
    const cJSON *range = get(ch, "range");
    struct gw_arena *a;
    struct gw_source src;
    struct gw_buf nt;
    const char *old = d->text.data ? d->text.data : "";
    uint32_t from, to;
    bool ok;

    if (!text) {
        bad_params(err, "a content change needs a text");
        return false;
    }
    gw_buf_init(&nt, MAX_DOC);
    if (!range) {
        gw_buf_puts(&nt, text);
    } else {
        a = gw_arena_new();
        gw_source_init(&src, a, d->uri, old, d->text.len);
        ok = range_offsets(s, &src, range, &from, &to);
        gw_arena_free(a);
        if (!ok) {
            gw_buf_release(&nt);
            bad_params(err, "a content change has an invalid range");
            return false;
        }
        gw_buf_add(&nt, old, from);
        gw_buf_puts(&nt, text);
        gw_buf_add(&nt, old + to, d->text.len - to);
    }
    d->too_large = nt.full;
    gw_buf_release(&d->text);
    d->text = nt;
    return true;
}

static int on_did_change(struct gw_lsp *s, const cJSON *params, cJSON **result,
                         struct gw_buf *err)
{
    const cJSON *td = get(params, "textDocument");
    const cJSON *changes = get(params, "contentChanges"), *ch;
    struct doc *d = doc_find(s, get_str(td, "uri"));
    unsigned version;

    (void)result;
    if (!d)
        return bad_params(err, "textDocument is not open");
    if (!cJSON_IsArray(changes))
        return bad_params(err, "contentChanges must be an array");
    if (get_uint(td, "version", &version)) {
        d->version = version;
        d->has_version = true;
    }
    cJSON_ArrayForEach(ch, changes)
    {
        if (!apply_change(s, d, ch, err))
            break;
    }
    doc_lint(s, d);
    return err->len ? GW_RPC_INVALID_PARAMS : 0;
}

static void lint_all(struct gw_lsp *s)
{
    size_t i;
    for (i = 0; i < s->ndocs; i++)
        doc_lint(s, s->docs[i]);
}

static bool is_config(const struct gw_lsp *s, const char *uri)
{
    char *path;
    bool yes;
    if (!s->config_path || !uri || !(path = uri_path(uri)))
        return false;
    yes = strcmp(path, s->config_path) == 0;
    gw_xfree(path);
    return yes;
}

static int on_did_save(struct gw_lsp *s, const cJSON *params, cJSON **result,
                       struct gw_buf *err)
{
    const char *uri = get_str(get(params, "textDocument"), "uri");
    const char *text = get_str(params, "text");
    struct doc *d = doc_find(s, uri);

    (void)result;
    if (!uri)
        return bad_params(err, "textDocument needs a uri");
    if (is_config(s, uri)) {
        load_config(s);
        lint_all(s);
        return 0;
    }
    if (!d)
        return 0;
    if (text) {
        gw_buf_reset(&d->text);
        d->text.full = false;
        gw_buf_puts(&d->text, text);
        d->too_large = d->text.full;
    }
    doc_lint(s, d);
    return 0;
}

static int on_did_close(struct gw_lsp *s, const cJSON *params, cJSON **result,
                        struct gw_buf *err)
{
    struct doc *d = doc_find(s, get_str(get(params, "textDocument"), "uri"));

    (void)result;
    if (!d)
        return bad_params(err, "textDocument is not open");
    if (d->res.arena)
        gw_lint_release(&d->res);
    d->has_version = false;
    publish(s, d); /* an empty list clears the editor's markers */
    doc_remove(s, d);
    return 0;
}

static int on_watched_files(struct gw_lsp *s, const cJSON *params,
                            cJSON **result, struct gw_buf *err)
{
    const cJSON *ch;
    (void)result, (void)err;
    cJSON_ArrayForEach(ch, get(params, "changes"))
    {
        if (is_config(s, get_str(ch, "uri"))) {
            load_config(s);
            lint_all(s);
            break;
        }
    }
    return 0;
}

/* ---- code actions ---- */

/* A request's document, linted; sets an error when it is not open. */
static struct doc *request_doc(struct gw_lsp *s, const cJSON *params,
                               struct gw_buf *err)
{
    const char *uri = get_str(get(params, "textDocument"), "uri");
    struct doc *d = doc_find(s, uri);
    if (!uri)
        bad_params(err, "textDocument needs a uri");
    else if (!d)
        bad_params(err, "textDocument is not open");
    return d;
}

static cJSON *text_edit(const struct gw_lsp *s, const struct gw_source *src,
                        struct gw_span sp, const char *text)
{
    cJSON *e = cJSON_CreateObject();
    cJSON_AddItemToObject(e, "range", range_json(s, src, sp));
    cJSON_AddItemToObject(e, "newText", str_json(text));
    return e;
}

/* {"changes": {uri: edits}}; takes ownership of `edits`. */
static cJSON *workspace_edit(const char *uri, cJSON *edits)
{
    cJSON *w = cJSON_CreateObject();
    cJSON *changes = cJSON_AddObjectToObject(w, "changes");
    cJSON_AddItemToObject(changes, uri, edits);
    return w;
}

/* Whether code action kind `kind` is asked for by context.only. */
static bool wanted(const cJSON *only, const char *kind)
{
    const cJSON *v;
    if (!only)
        return strcmp(kind, "quickfix") == 0;
    cJSON_ArrayForEach(v, only)
    {
        size_t n;
        if (!cJSON_IsString(v))
            continue;
        n = strlen(v->valuestring);
        if (strncmp(kind, v->valuestring, n) == 0 &&
            (kind[n] == '\0' || kind[n] == '.'))
            return true;
    }
    return false;
}

static int fix_cmp(const void *a, const void *b)
{
    const struct gw_fix *x = *(const struct gw_fix *const *)a;
    const struct gw_fix *y = *(const struct gw_fix *const *)b;
    if (x->span.start != y->span.start)
        return x->span.start < y->span.start ? -1 : 1;
    return (x->span.end > y->span.end) - (x->span.end < y->span.end);
}

static int on_code_action(struct gw_lsp *s, const cJSON *params, cJSON **result,
                          struct gw_buf *err)
{
    struct doc *d = request_doc(s, params, err);
    const cJSON *only = get(get(params, "context"), "only");
    cJSON *list;
    uint32_t a, b;
    size_t i, nfix = 0;
    const struct gw_fix **fixes;

    if (!d)
        return GW_RPC_INVALID_PARAMS;
    list = cJSON_CreateArray();
    *result = list;
    if (!d->res.arena)
        return 0;
    if (!range_offsets(s, &d->res.src, get(params, "range"), &a, &b)) {
        cJSON_Delete(list);
        *result = NULL;
        return bad_params(err, "range must be {start, end} positions");
    }
    if (only && !cJSON_IsArray(only)) {
        cJSON_Delete(list);
        *result = NULL;
        return bad_params(err, "context.only must be an array");
    }
    fixes = gw_xcalloc(d->res.diags.n + 1, sizeof *fixes);
    for (i = 0; i < d->res.diags.n; i++) {
        const struct gw_diag *g = &d->res.diags.items[i];
        cJSON *act, *diags, *edits;
        if (!shown(d, i) || !g->fix)
            continue;
        fixes[nfix++] = g->fix;
        if (!wanted(only, "quickfix") || g->span.start > b || a > g->span.end)
            continue;
        act = cJSON_CreateObject();
        cJSON_AddItemToObject(act, "title", str_json(g->fix->title));
        cJSON_AddStringToObject(act, "kind", "quickfix");
        diags = cJSON_AddArrayToObject(act, "diagnostics");
        cJSON_AddItemToArray(diags, diag_json(s, g));
        cJSON_AddTrueToObject(act, "isPreferred");
        edits = cJSON_CreateArray();
        cJSON_AddItemToArray(edits, text_edit(s, &d->res.src, g->fix->span,
                                              g->fix->replacement));
        cJSON_AddItemToObject(act, "edit", workspace_edit(d->uri, edits));
        cJSON_AddItemToArray(list, act);
    }
    if (nfix && wanted(only, "source.fixAll.gwlint")) {
        /* Every fix, in order, leaving out any that overlaps one before
         * it (a second run of the action applies it). */
        cJSON *act = cJSON_CreateObject(), *edits = cJSON_CreateArray();
        uint32_t end = 0;
        qsort(fixes, nfix, sizeof *fixes, fix_cmp);
        for (i = 0; i < nfix; i++) {
            if (i > 0 && fixes[i]->span.start < end)
                continue;
            cJSON_AddItemToArray(edits,
                                 text_edit(s, &d->res.src, fixes[i]->span,
                                           fixes[i]->replacement));
            end = fixes[i]->span.end;
        }
        cJSON_AddStringToObject(act, "title", "Fix all gwlint findings");
        cJSON_AddStringToObject(act, "kind", "source.fixAll.gwlint");
        cJSON_AddItemToObject(act, "edit", workspace_edit(d->uri, edits));
        cJSON_AddItemToArray(list, act);
    }
    gw_xfree(fixes);
    return 0;
}

/* ---- the key path at a position (hover and completion) ---- */

/* What is at the cursor of a YAML or JSON text, found from the text alone
 * so that it works while the text does not parse. */
struct cursor {
    bool value;         /* the cursor is on a value (else on a key) */
    bool quoted;        /* inside a string: its opening quote is before */
    char quote;         /* that quote */
    bool closed;        /* a closing quote follows the word */
    bool colon_after;   /* YAML: a ':' follows on the line */
    uint32_t start;     /* where the word under the cursor starts */
    uint32_t end;       /* and where it ends (a completion replaces it) */
    struct gw_buf path; /* dotted key: the enclosing maps' keys (and for a
                           value, its key), relative to the settings map */
};

#define MAX_PATH_DEPTH 64

/* A key path as components; `settings` maps are where paths start. */
struct comps {
    const char *s[MAX_PATH_DEPTH];
    size_t n[MAX_PATH_DEPTH];
    size_t count;
};

static bool comps_push(struct comps *c, const char *s, size_t n)
{
    if (c->count == MAX_PATH_DEPTH)
        return false;
    c->s[c->count] = s;
    c->n[c->count++] = n;
    return true;
}

/* Join the components after the last settings map into `out`; false when
 * an array stands in the way. */
static bool comps_join(const struct comps *c, struct gw_buf *out)
{
    static const char *const maps[] = {
        "configurationSettings", "configurationProtectedSettings",
        "configuration_settings", "configuration_protected_settings", NULL};
    size_t i, from = 0, k;

    for (i = 0; i < c->count; i++)
        for (k = 0; maps[k]; k++)
            if (c->n[i] == strlen(maps[k]) &&
                memcmp(c->s[i], maps[k], c->n[i]) == 0)
                from = i + 1;
    gw_buf_reset(out);
    for (i = from; i < c->count; i++) {
        if (!c->s[i])
            return false; /* an array element */
        if (out->len)
            gw_buf_putc(out, '.');
        gw_buf_add(out, c->s[i], c->n[i]);
    }
    return true;
}

enum jstate { J_KEY, J_COLON, J_VALUE, J_NEXT };

struct jframe {
    bool obj;
    enum jstate st;
    const char *key; /* the member being read; NULL in arrays */
    size_t key_len;
};

/* The end of the word at `off`: up to a quote, a blank, or `stops`. */
static uint32_t word_end(const char *t, size_t len, uint32_t off,
                         const char *stops)
{
    while (off < len && !strchr(stops, t[off]) && !strchr(" \t\r\n\"'", t[off]))
        off++;
    return off;
}

/* JSON: scan from the start to `off`, tracking the containers. */
static bool json_cursor(const char *t, size_t len, uint32_t off,
                        struct cursor *cu)
{
    struct jframe fr[MAX_PATH_DEPTH];
    struct comps c;
    size_t depth = 0, i = 0, k;
    enum jstate top = J_VALUE;

    memset(&c, 0, sizeof c);
    if (off >= 3 && memcmp(t, "\xef\xbb\xbf", 3) == 0)
        i = 3;
    while (i < off) {
        enum jstate *st = depth ? &fr[depth - 1].st : &top;
        char ch = t[i];
        if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
            i++;
        } else if (ch == '"') {
            size_t j = i + 1;
            while (j < off && t[j] != '"')
                j += t[j] == '\\' ? 2 : 1;
            if (j >= off) { /* the cursor is inside this string */
                cu->quoted = true;
                cu->quote = '"';
                cu->start = (uint32_t)(i + 1);
                if (depth && fr[depth - 1].obj && *st == J_KEY)
                    cu->value = false;
                else if (depth && fr[depth - 1].obj && *st == J_VALUE)
                    cu->value = true;
                else
                    return false;
                break;
            }
            if (depth && fr[depth - 1].obj && *st == J_KEY) {
                fr[depth - 1].key = t + i + 1;
                fr[depth - 1].key_len = j - i - 1;
                *st = J_COLON;
            } else {
                *st = J_NEXT;
            }
            i = j + 1;
        } else if (ch == '{' || ch == '[') {
            if (depth == MAX_PATH_DEPTH)
                return false;
            *st = J_NEXT;
            fr[depth].obj = ch == '{';
            fr[depth].st = ch == '{' ? J_KEY : J_VALUE;
            fr[depth].key = NULL;
            fr[depth].key_len = 0;
            depth++;
            i++;
        } else if (ch == '}' || ch == ']') {
            if (depth == 0)
                return false;
            depth--;
            i++;
        } else if (ch == ':') {
            if (*st == J_COLON)
                *st = J_VALUE;
            i++;
        } else if (ch == ',') {
            if (depth) {
                *st = fr[depth - 1].obj ? J_KEY : J_VALUE;
                fr[depth - 1].key = NULL;
            }
            i++;
        } else {
            while (i < off && !strchr(" \t\r\n,:{}[]\"", t[i]))
                i++;
            *st = J_NEXT;
        }
    }
    if (i >= off && !cu->quoted) {
        enum jstate st = depth ? fr[depth - 1].st : top;
        if (!depth || !fr[depth - 1].obj || (st != J_KEY && st != J_VALUE))
            return false;
        cu->value = st == J_VALUE;
        cu->start = off;
    }
    cu->end = cu->quoted ? word_end(t, len, off, ",:{}[]") : off;
    cu->closed = cu->quoted && t[cu->end] == '"';
    /* The path: each enclosing object's current member; for a value, the
     * innermost object's member too. */
    for (k = 0; k < depth; k++) {
        if (k == depth - 1 && !cu->value)
            break;
        if (!comps_push(&c, fr[k].obj ? fr[k].key : NULL,
                        fr[k].obj ? fr[k].key_len : 0))
            return false;
        if (fr[k].obj && !fr[k].key)
            return false;
    }
    return comps_join(&c, &cu->path);
}

/* The indentation of the YAML line at `ls` and where its content starts
 * (after any "- " of sequence items). */
static size_t yaml_indent(const char *t, size_t end, size_t ls, size_t *cs)
{
    size_t p = ls;
    while (p < end && t[p] == ' ')
        p++;
    while (p + 1 < end && t[p] == '-' && t[p + 1] == ' ') {
        p += 2;
        while (p < end && t[p] == ' ')
            p++;
    }
    *cs = p;
    return p - ls;
}

/* Where a "key:" of a YAML line ends (the colon), or SIZE_MAX. */
static size_t yaml_colon(const char *t, size_t from, size_t end)
{
    size_t p = from;
    char q = 0;
    if (p < end && (t[p] == '"' || t[p] == '\'')) {
        q = t[p++];
        while (p < end && t[p] != q)
            p++;
        if (p == end)
            return SIZE_MAX;
        p++;
    }
    for (; p < end; p++) {
        if (t[p] == ':' && (p + 1 == end || t[p + 1] == ' ' ||
                            t[p + 1] == '\t' || t[p + 1] == '\r'))
            return p;
        if (!q && t[p] == '#' && p > from && t[p - 1] == ' ')
            return SIZE_MAX;
    }
    return SIZE_MAX;
}

/* A key from [b, e): without quotes and surrounding blanks. */
static void yaml_key(const char *t, size_t *b, size_t *e)
{
    while (*e > *b && (t[*e - 1] == ' ' || t[*e - 1] == '\t'))
        (*e)--;
    if (*e - *b >= 2 && (t[*b] == '"' || t[*b] == '\'') && t[*e - 1] == t[*b]) {
        (*b)++;
        (*e)--;
    }
}

static bool only_comment(const char *t, size_t p, size_t end)
{
    while (p < end && (t[p] == ' ' || t[p] == '\t' || t[p] == '\r'))
        p++;
    return p == end || t[p] == '#';
}

/* YAML: the current line and the "key:" lines above it with less
 * indentation. */
static bool yaml_cursor(const char *t, size_t len, uint32_t off,
                        struct cursor *cu)
{
    struct comps c, rev;
    size_t ls = off, le = off, cs, ind, colon, p;

    memset(&c, 0, sizeof c);
    memset(&rev, 0, sizeof rev);
    while (ls > 0 && t[ls - 1] != '\n')
        ls--;
    while (le < len && t[le] != '\n')
        le++;
    ind = yaml_indent(t, off, ls, &cs);
    colon = yaml_colon(t, cs, off);
    cu->quote = 0;
    if (colon != SIZE_MAX) {
        size_t kb = cs, ke = colon;
        yaml_key(t, &kb, &ke);
        p = colon + 1;
        while (p < off && (t[p] == ' ' || t[p] == '\t'))
            p++;
        if (p < off && (t[p] == '"' || t[p] == '\'')) {
            cu->quoted = true;
            cu->quote = t[p++];
        }
        for (cu->start = (uint32_t)p; p < off; p++)
            if (strchr("{}[]#&*!|>", t[p]) || t[p] == cu->quote)
                return false;
        cu->end = word_end(t, le, off, "#,{}[]");
        cu->value = true;
        if (!comps_push(&rev, t + kb, ke - kb))
            return false;
    } else {
        p = cs;
        if (p < off && (t[p] == '"' || t[p] == '\'')) {
            cu->quoted = true;
            cu->quote = t[p++];
        }
        for (cu->start = (uint32_t)p; p < off; p++)
            if (strchr(" \t{}[]#&*!|>:,", t[p]) || t[p] == cu->quote)
                return false;
        cu->end = word_end(t, le, off, ":#,{}[]");
        cu->colon_after = memchr(t + off, ':', le - off) != NULL;
    }
    /* The parents, innermost first. */
    while (ind > 0 && ls > 0) {
        size_t pe = ls - 1, pb = pe, pcs, pind, pc, kb, ke;
        while (pb > 0 && t[pb - 1] != '\n')
            pb--;
        ls = pb;
        if (pe - pb >= 3 &&
            (memcmp(t + pb, "---", 3) == 0 || memcmp(t + pb, "...", 3) == 0))
            break;
        pind = yaml_indent(t, pe, pb, &pcs);
        if (only_comment(t, pcs, pe) || pind >= ind)
            continue;
        pc = yaml_colon(t, pcs, pe);
        if (pc == SIZE_MAX || !only_comment(t, pc + 1, pe))
            return false; /* inside a block scalar or a flow collection */
        kb = pcs;
        ke = pc;
        yaml_key(t, &kb, &ke);
        if (!comps_push(&rev, t + kb, ke - kb))
            return false;
        ind = pind;
    }
    while (rev.count > 0) {
        rev.count--;
        comps_push(&c, rev.s[rev.count], rev.n[rev.count]);
    }
    return comps_join(&c, &cu->path);
}

/* Fill `cu` for the offset `off` of document `d`; false when the cursor is
 * not on a key or a value of a map. */
static bool cursor_at(const struct doc *d, uint32_t off, struct cursor *cu)
{
    const struct gw_source *src = &d->res.src;
    bool json = d->json;

    memset(cu, 0, sizeof *cu);
    gw_buf_init(&cu->path, 0);
    if (!d->json && d->res.doc.input_type &&
        strcmp(d->res.doc.input_type, "settings-json") == 0)
        json = true;
    return json ? json_cursor(src->text, src->len, off, cu)
                : yaml_cursor(src->text, src->len, off, cu);
}

/* ---- hover ---- */

static const char *type_name(enum gw_ktype t)
{
    static const char *const names[] = {"string",
                                        "URI",
                                        "gateway token",
                                        "bool",
                                        "integer",
                                        "number",
                                        "port",
                                        "node port",
                                        "enum",
                                        "Kubernetes quantity",
                                        "GUID",
                                        "host:port",
                                        "integer or percentage",
                                        "ARM resource id",
                                        "base64",
                                        "endpoint",
                                        "path",
                                        "map",
                                        "list"};
    return (size_t)t < sizeof names / sizeof names[0] ? names[t] : "value";
}

static const struct gw_catalog *doc_catalog(const struct gw_lsp *s,
                                            const struct doc *d)
{
    const struct gw_catalog *c =
        gw_ruleset_catalog(s->cfg.rs, kind_profile(d->res.doc.profile));
    return c ? c : gw_ruleset_catalog(s->cfg.rs, "arc");
}

/* The catalogue entry for `key`, or for the key it is an old or
 * other-profile spelling of (then *was names that spelling's entry). */
static const struct gw_keydef *key_def(const struct gw_catalog *c,
                                       const char *key,
                                       const struct gw_keymap **was)
{
    const struct gw_keydef *k = gw_catalog_find(c, key);
    const struct gw_keymap *m;

    *was = NULL;
    if (k)
        return k;
    m = gw_keymap_find(c->renamed, c->nrenamed, key);
    if (!m)
        m = gw_keymap_find(c->other, c->nother, key);
    if (m && m->now && m->now[0]) {
        *was = m;
        return gw_catalog_find(c, m->now);
    }
    return NULL;
}

static void key_doc(struct gw_buf *b, const struct gw_catalog *c,
                    const struct gw_keydef *k, const struct gw_keymap *was)
{
    size_t i;

    if (was)
        gw_buf_printf(b, "An old or other-profile spelling of `%s`.\n\n",
                      k->key);
    gw_buf_printf(b, "**`%s`** (%s profile) — %s%s\n\n", k->key, c->profile,
                  type_name(k->type), k->required ? ", required" : "");
    if (k->doc)
        gw_buf_printf(b, "%s\n\n", k->doc);
    if (k->def)
        gw_buf_printf(b, "Default: `%s`\n\n", k->def);
    if (k->nvalues) {
        gw_buf_puts(b, "Allowed values:");
        for (i = 0; i < k->nvalues; i++)
            gw_buf_printf(b, "%s `%s`", i ? "," : "", k->values[i]);
        gw_buf_puts(b, "\n\n");
    } else if (k->type == GW_KT_BOOL) {
        gw_buf_puts(b, "Allowed values: `true`, `false`\n\n");
    }
    if (k->has_min && k->has_max)
        gw_buf_printf(b, "Range: %g to %g\n\n", k->min, k->max);
    if (k->req_key)
        gw_buf_printf(b, "Required when `%s` is `%s`.\n\n", k->req_key,
                      k->req_value ? k->req_value : "set");
    if (k->secret)
        gw_buf_puts(b, "A secret: pass it as a protected setting; gwlint "
                       "never shows its value.\n\n");
}

static void rule_doc(struct gw_buf *b, const struct gw_rule *r)
{
    gw_buf_printf(b, "**%s %s** (%s): %s\n\n", r->id, r->name,
                  gw_level_name(r->level), r->summary);
    if (r->doc)
        gw_buf_printf(b, "%s\n", r->doc);
    else if (r->description)
        gw_buf_printf(b, "%s\n\n", r->description);
    if (!r->custom)
        gw_buf_printf(b, "[%s documentation](%s%s.md)\n\n", r->id, DOCS_URL,
                      r->id);
}

static bool covers(struct gw_span sp, uint32_t off)
{
    return (sp.start <= off && off < sp.end) ||
           (sp.start == sp.end && off == sp.start);
}

static int on_hover(struct gw_lsp *s, const cJSON *params, cJSON **result,
                    struct gw_buf *err)
{
    struct doc *d = request_doc(s, params, err);
    const struct gw_rule *seen[16];
    const struct gw_catalog *cat;
    const struct gw_keydef *k = NULL;
    const struct gw_keymap *was = NULL;
    const struct gw_doc *sd;
    struct gw_buf b;
    struct cursor cu;
    size_t i, nseen = 0, j;
    uint32_t off;
    cJSON *r, *contents;

    if (!d)
        return GW_RPC_INVALID_PARAMS;
    *result = NULL;
    if (!d->res.arena)
        return 0;
    if (!pos_offset(s, &d->res.src, get(params, "position"), &off))
        return bad_params(err, "position must be {line, character}");
    gw_buf_init(&b, 0);
    for (i = 0; i < d->res.diags.n; i++) {
        const struct gw_diag *g = &d->res.diags.items[i];
        if (!shown(d, i) || !covers(g->span, off))
            continue;
        for (j = 0; j < nseen && seen[j] != g->rule; j++)
            ;
        if (j < nseen || nseen == sizeof seen / sizeof seen[0])
            continue;
        seen[nseen++] = g->rule;
        if (b.len)
            gw_buf_puts(&b, "---\n\n");
        rule_doc(&b, g->rule);
    }
    cat = doc_catalog(s, d);
    /* A script holds one document per command, chained. */
    for (sd = &d->res.doc; cat && !k && sd; sd = sd->next)
        for (i = 0; !k && i < sd->nsettings; i++) {
            const struct gw_setting *st = &sd->settings[i];
            if (covers(st->key_span, off) || covers(st->value_span, off))
                k = key_def(cat, st->key, &was);
        }
    if (cat && !k && !d->type && cursor_at(d, off, &cu)) {
        /* The text may not parse; read the key from the lines. */
        if (!cu.value) {
            if (cu.path.len)
                gw_buf_putc(&cu.path, '.');
            gw_buf_add(&cu.path, d->res.src.text + cu.start, cu.end - cu.start);
        }
        k = key_def(cat, gw_buf_str(&cu.path), &was);
        gw_buf_release(&cu.path);
    } else if (cat && !k && !d->type) {
        gw_buf_release(&cu.path);
    }
    if (k) {
        if (b.len)
            gw_buf_puts(&b, "---\n\n");
        key_doc(&b, cat, k, was);
    }
    if (b.len) {
        while (b.len && b.data[b.len - 1] == '\n')
            b.data[--b.len] = '\0';
        r = cJSON_CreateObject();
        contents = cJSON_AddObjectToObject(r, "contents");
        cJSON_AddStringToObject(contents, "kind",
                                s->plain_hover ? "plaintext" : "markdown");
        cJSON_AddItemToObject(contents, "value", str_json(gw_buf_str(&b)));
        *result = r;
    }
    gw_buf_release(&b);
    return 0;
}

/* ---- completion ---- */

enum { CI_VALUE = 12, CI_PROPERTY = 10, CI_ENUM_MEMBER = 20 };

static cJSON *completion_item(const struct gw_lsp *s, const struct doc *d,
                              const char *label, int kind, const char *detail,
                              const char *docmd, struct gw_span sp,
                              const char *text)
{
    cJSON *it = cJSON_CreateObject();
    cJSON_AddStringToObject(it, "label", label);
    cJSON_AddNumberToObject(it, "kind", kind);
    if (detail)
        cJSON_AddStringToObject(it, "detail", detail);
    if (docmd) {
        cJSON *doc = cJSON_AddObjectToObject(it, "documentation");
        cJSON_AddStringToObject(doc, "kind",
                                s->plain_hover ? "plaintext" : "markdown");
        cJSON_AddStringToObject(doc, "value", docmd);
    }
    cJSON_AddStringToObject(it, "filterText", label);
    cJSON_AddItemToObject(it, "textEdit", text_edit(s, &d->res.src, sp, text));
    return it;
}

static void complete_keys(const struct gw_lsp *s, const struct doc *d,
                          const struct gw_catalog *cat, const struct cursor *cu,
                          bool json, cJSON *items)
{
    struct gw_span sp = {cu->start, cu->end};
    struct gw_buf text, detail, doc;
    size_t i, plen = cu->path.len;

    gw_buf_init(&text, 0);
    gw_buf_init(&detail, 0);
    gw_buf_init(&doc, 0);
    for (i = 0; i < cat->nkeys; i++) {
        const struct gw_keydef *k = &cat->keys[i];
        const char *rest = k->key + plen + (plen ? 1 : 0);
        if (plen &&
            (strncmp(k->key, cu->path.data, plen) != 0 || k->key[plen] != '.'))
            continue;
        if (!*rest)
            continue;
        gw_buf_reset(&text);
        if (json && !cu->quoted)
            gw_buf_printf(&text, "\"%s\": ", rest);
        else if (json)
            gw_buf_printf(&text, "%s%s", rest, cu->closed ? "" : "\": ");
        else
            gw_buf_printf(&text, "%s%s%s", rest,
                          cu->quoted && cu->end < d->res.src.len &&
                                  d->res.src.text[cu->end] != cu->quote
                              ? (cu->quote == '"' ? "\"" : "'")
                              : "",
                          cu->colon_after ? "" : ": ");
        gw_buf_reset(&detail);
        gw_buf_printf(&detail, "%s%s", type_name(k->type),
                      k->required ? ", required" : "");
        gw_buf_reset(&doc);
        key_doc(&doc, cat, k, NULL);
        cJSON_AddItemToArray(
            items, completion_item(s, d, rest, CI_PROPERTY, gw_buf_str(&detail),
                                   gw_buf_str(&doc), sp, gw_buf_str(&text)));
    }
    gw_buf_release(&text);
    gw_buf_release(&detail);
    gw_buf_release(&doc);
}

static void complete_values(const struct gw_lsp *s, const struct doc *d,
                            const struct gw_catalog *cat,
                            const struct cursor *cu, bool json, cJSON *items)
{
    static const char *const bools[] = {"true", "false"};
    const struct gw_keymap *was;
    const struct gw_keydef *k = key_def(cat, gw_buf_str(&cu->path), &was);
    struct gw_span sp = {cu->start, cu->end};
    const char *const *vals;
    size_t i, n;
    struct gw_buf text;

    if (!k)
        return;
    if (k->nvalues) {
        vals = (const char *const *)k->values;
        n = k->nvalues;
    } else if (k->type == GW_KT_BOOL) {
        vals = bools;
        n = 2;
    } else {
        return;
    }
    gw_buf_init(&text, 0);
    for (i = 0; i < n; i++) {
        bool def = k->def && strcmp(k->def, vals[i]) == 0;
        gw_buf_reset(&text);
        if (json && !cu->quoted)
            gw_buf_printf(&text, "\"%s\"", vals[i]);
        else if (json)
            gw_buf_printf(&text, "%s%s", vals[i], cu->closed ? "" : "\"");
        else
            gw_buf_puts(&text, vals[i]);
        cJSON_AddItemToArray(
            items, completion_item(
                       s, d, vals[i], k->nvalues ? CI_ENUM_MEMBER : CI_VALUE,
                       def ? "default" : NULL, NULL, sp, gw_buf_str(&text)));
    }
    gw_buf_release(&text);
}

static int on_completion(struct gw_lsp *s, const cJSON *params, cJSON **result,
                         struct gw_buf *err)
{
    struct doc *d = request_doc(s, params, err);
    const struct gw_catalog *cat;
    struct cursor cu;
    uint32_t off;
    cJSON *list, *items;
    bool json;

    if (!d)
        return GW_RPC_INVALID_PARAMS;
    *result = NULL;
    if (!d->res.arena || d->type)
        return 0; /* completion is for YAML and JSON */
    if (!pos_offset(s, &d->res.src, get(params, "position"), &off))
        return bad_params(err, "position must be {line, character}");
    list = cJSON_CreateObject();
    cJSON_AddFalseToObject(list, "isIncomplete");
    items = cJSON_AddArrayToObject(list, "items");
    *result = list;
    cat = doc_catalog(s, d);
    if (!cat || !cursor_at(d, off, &cu)) {
        if (cat)
            gw_buf_release(&cu.path);
        return 0;
    }
    json = d->json || (d->res.doc.input_type &&
                       strcmp(d->res.doc.input_type, "settings-json") == 0);
    if (cu.value)
        complete_values(s, d, cat, &cu, json, items);
    else
        complete_keys(s, d, cat, &cu, json, items);
    gw_buf_release(&cu.path);
    return 0;
}

/* ---- the method table and the loop ---- */

static const struct method {
    const char *name;
    bool request;
    handler_fn *fn;
} methods[] = {
    {"initialize", true, on_initialize},
    {"initialized", false, on_initialized},
    {"shutdown", true, on_shutdown},
    {"exit", false, on_exit_notice},
    {"textDocument/didOpen", false, on_did_open},
    {"textDocument/didChange", false, on_did_change},
    {"textDocument/didSave", false, on_did_save},
    {"textDocument/didClose", false, on_did_close},
    {"textDocument/codeAction", true, on_code_action},
    {"textDocument/hover", true, on_hover},
    {"textDocument/completion", true, on_completion},
    {"workspace/didChangeWatchedFiles", false, on_watched_files},
};

static void dispatch(struct gw_lsp *s, const struct gw_rpc_msg *m)
{
    const struct method *h = NULL;
    bool request = m->id != NULL;
    cJSON *result = NULL;
    size_t i;
    int code;

    for (i = 0; i < sizeof methods / sizeof methods[0]; i++)
        if (strcmp(methods[i].name, m->method) == 0)
            h = &methods[i];
    gw_buf_reset(&s->err);
    if (!s->initialized &&
        (!h || (h->fn != on_initialize && h->fn != on_exit_notice))) {
        if (request)
            gw_rpc_send_error(&s->rpc, m->id, GW_RPC_SERVER_NOT_INITIALIZED,
                              "the server is not initialized; send "
                              "'initialize' first");
        return;
    }
    if (s->shutdown && (!h || h->fn != on_exit_notice)) {
        if (request)
            gw_rpc_send_error(&s->rpc, m->id, GW_RPC_INVALID_REQUEST,
                              "the server is shut down; only 'exit' is "
                              "accepted");
        return;
    }
    if (h && h->fn == on_exit_notice)
        request = false; /* exit, even sent with an id, is not answered */
    if (!h || h->request != request) {
        if (!request)
            return; /* unknown notifications are ignored (LSP) */
        gw_buf_puts(&s->err, h ? "not a request: '" : "unknown method '");
        quote_name(&s->err, m->method);
        gw_buf_putc(&s->err, '\'');
        gw_rpc_send_error(&s->rpc, m->id, GW_RPC_METHOD_NOT_FOUND,
                          gw_buf_str(&s->err));
        return;
    }
    code = h->fn(s, m->params, &result, &s->err);
    if (request) {
        if (code) {
            cJSON_Delete(result);
            gw_rpc_send_error(&s->rpc, m->id, code, gw_buf_str(&s->err));
        } else {
            gw_rpc_send_result(&s->rpc, m->id, result);
        }
    } else if (code) {
        struct gw_buf msg;
        gw_buf_init(&msg, 0);
        gw_buf_puts(&msg, "gwlint: ");
        gw_buf_puts(&msg, h->name);
        gw_buf_puts(&msg, ": ");
        gw_buf_puts(&msg, gw_buf_str(&s->err));
        log_message(s, 1, gw_buf_str(&msg));
        gw_buf_release(&msg);
    }
}

int gw_lsp_run(FILE *in, FILE *out, const struct gw_lsp_opts *opts)
{
    struct gw_lsp s;
    struct gw_rpc_msg m;
    int rc;
    size_t i;

    memset(&s, 0, sizeof s);
    s.opts = opts;
    gw_rpc_init(&s.rpc, in, out, opts->max_body);
    gw_buf_init(&s.err, 0);
    s.phcache = gw_ph_cache_new();
    config_defaults(&s);
    while (!s.exited && !s.rpc.write_failed) {
        enum gw_rpc_read r = gw_rpc_read(&s.rpc, &s.err);
        if (r == GW_RPC_EOF)
            break;
        if (r != GW_RPC_FRAME || s.err.len)
            gw_rpc_send_error(&s.rpc, NULL, GW_RPC_PARSE_ERROR,
                              gw_buf_str(&s.err));
        if (r == GW_RPC_TRUNCATED)
            break;
        if (r == GW_RPC_BAD_FRAME)
            continue;
        rc = gw_rpc_parse(s.rpc.body.data ? s.rpc.body.data : "",
                          s.rpc.body.len, &m, &s.err);
        if (rc)
            gw_rpc_send_error(&s.rpc, m.id, rc, gw_buf_str(&s.err));
        else if (m.method)
            dispatch(&s, &m);
        gw_rpc_msg_free(&m);
    }
    rc = s.shutdown && !s.rpc.write_failed ? 0 : 1;
    config_release(&s.cfg);
    for (i = 0; i < s.ndocs; i++)
        doc_free(s.docs[i]);
    gw_xfree(s.docs);
    gw_xfree(s.root);
    gw_xfree(s.config_path);
    gw_ph_cache_free(s.phcache);
    gw_buf_release(&s.err);
    gw_rpc_release(&s.rpc);
    return rc;
}
