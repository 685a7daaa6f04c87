/* The SARIF 2.1.0 writer: one run whose driver lists every rule. The head
 * of the log (tool and rules) is written at the start, each result as it
 * arrives and the invocation at the end, so memory does not grow with the
 * number of files. */
#include "out.h"

#include <assert.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "buf.h"
#include "mem.h"
#include "out_util.h"
#include "ruleset.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define INFO_URI     "https://github.com/gwlint/gwlint"
#define HELP_URI     INFO_URI "/blob/main/docs/rules/"
#define SRCROOT      "%SRCROOT%"
#define FINGERPRINT  "gwlintFingerprint/v1"

/* Depths of the streamed parts, in 2-space levels. */
#define DEPTH_RUN    2 /* {"runs": [ {run} ]} */
#define DEPTH_RESULT 4 /* run.results[i] */

struct sarif_state {
    FILE *fp;
    const struct gw_ruleset *rules; /* borrowed; NULL: no rule metadata */
    char *cwd;                      /* owned; NULL when unknown */
    struct gw_buf scratch;          /* sanitised strings */
    struct gw_buf uri;              /* the current result's URI */
    unsigned nresults;
    cJSON *notes; /* toolExecutionNotifications, held until the end */
};

static void hook_cjson(void)
{
    cJSON_Hooks hooks = {gw_xmalloc, gw_xfree};
    cJSON_InitHooks(&hooks);
}

/* Print `item` pretty at `depth` and free the text. */
static void emit(FILE *fp, const cJSON *item, unsigned depth)
{
    char *s = cJSON_PrintUnformatted(item);
    gw_out_json_indent(fp, s, depth);
    cJSON_free(s);
}

/* The current directory, owned, or NULL when it cannot be read (then
 * absolute paths stay absolute). */
static char *current_dir(void)
{
    size_t cap = 256;
    for (;;) {
        char *b = gw_xmalloc(cap);
        if (getcwd(b, cap))
            return b;
        gw_xfree(b);
        if (errno != ERANGE)
            return NULL;
        cap *= 2;
    }
}

/* Add `s` to `obj` under `key`, sanitised with `flags`. */
static void add_text(struct sarif_state *st, cJSON *obj, const char *key,
                     const char *s, unsigned flags)
{
    gw_buf_reset(&st->scratch);
    gw_out_sanitize(&st->scratch, s, flags);
    cJSON_AddStringToObject(obj, key, gw_buf_str(&st->scratch));
}

/* GitHub code scanning's limit on rule descriptions, in characters. */
#define DESCRIPTION_MAX 1024

/* Add {"text": s} under `key`: SARIF's message and multiformatString. */
static cJSON *add_message(struct sarif_state *st, cJSON *obj, const char *key,
                          const char *s, unsigned flags)
{
    cJSON *m = cJSON_AddObjectToObject(obj, key);
    add_text(st, m, "text", s, flags);
    return m;
}

/* Add {"text": s} under `key`, cut to what GitHub accepts. */
static void add_description(struct sarif_state *st, cJSON *obj, const char *key,
                            const char *s)
{
    cJSON *m = cJSON_AddObjectToObject(obj, key);
    gw_buf_reset(&st->scratch);
    gw_out_sanitize(&st->scratch, s, GW_OUT_KEEP_NEWLINES);
    gw_out_truncate(&st->scratch, DESCRIPTION_MAX);
    cJSON_AddStringToObject(m, "text", gw_buf_str(&st->scratch));
}

static const char *level_str(enum gw_level l)
{
    switch (l) {
    case GW_ERROR:
        return "error";
    case GW_WARNING:
        return "warning";
    case GW_NOTE:
        return "note";
    default:
        return "none";
    }
}

/* ---- the head: tool.driver with every rule ---- */

static bool nonempty(const char *s)
{
    return s && *s;
}

static cJSON *rule_descriptor(struct sarif_state *st, const struct gw_rule *r)
{
    cJSON *o = cJSON_CreateObject(), *help, *conf;
    /* GitHub takes no empty string where it requires a text. */
    const char *summary = nonempty(r->summary) ? r->summary : r->id;
    const char *desc = nonempty(r->description) ? r->description : summary;
    const char *doc = nonempty(r->doc) ? r->doc : desc;

    add_text(st, o, "id", r->id, 0);
    add_text(st, o, "name", r->name, 0);
    add_description(st, o, "shortDescription", summary);
    add_description(st, o, "fullDescription", desc);
    help = add_message(st, o, "help", doc, GW_OUT_KEEP_NEWLINES);
    /* The same page as markdown: sanitised once, above. */
    cJSON_AddStringToObject(help, "markdown", gw_buf_str(&st->scratch));
    /* Custom rules have no page in our repository. */
    if (!r->custom) {
        gw_buf_reset(&st->scratch);
        gw_buf_puts(&st->scratch, HELP_URI);
        gw_out_uri(&st->scratch, r->id, NULL);
        gw_buf_puts(&st->scratch, ".md");
        cJSON_AddStringToObject(o, "helpUri", gw_buf_str(&st->scratch));
    }
    conf = cJSON_AddObjectToObject(o, "defaultConfiguration");
    cJSON_AddStringToObject(conf, "level", level_str(r->default_level));
    return o;
}

static cJSON *tool(struct sarif_state *st, const char *version)
{
    cJSON *t = cJSON_CreateObject();
    cJSON *drv = cJSON_AddObjectToObject(t, "driver"), *rules;
    size_t n;

    cJSON_AddStringToObject(drv, "name", "gwlint");
    add_text(st, drv, "version", version, 0);
    add_text(st, drv, "semanticVersion", version, 0);
    cJSON_AddStringToObject(drv, "informationUri", INFO_URI);
    /* GitHub requires the array, even empty (no ruleset: unit tests). */
    rules = cJSON_AddArrayToObject(drv, "rules");
    n = st->rules ? gw_ruleset_count(st->rules) : 0;
    for (size_t i = 0; i < n; i++)
        cJSON_AddItemToArray(rules,
                             rule_descriptor(st, gw_ruleset_at(st->rules, i)));
    return t;
}

/* ---- results ---- */

/* {"uri", "uriBaseId"?} of `path`; leaves the URI in st->uri. */
static cJSON *artifact_location(struct sarif_state *st, const char *path)
{
    cJSON *a = cJSON_CreateObject();
    bool relative;

    gw_buf_reset(&st->uri);
    relative = gw_out_uri(&st->uri, path, st->cwd);
    cJSON_AddStringToObject(a, "uri", gw_buf_str(&st->uri));
    if (relative)
        cJSON_AddStringToObject(a, "uriBaseId", SRCROOT);
    return a;
}

/* A region in characters, every number >= 1 and the end not before the
 * start; an empty span is an insertion point (endColumn == startColumn). */
static cJSON *region(const struct gw_source *src, struct gw_span sp)
{
    cJSON *r = cJSON_CreateObject();
    unsigned sl, sc, el, ec;

    gw_source_line_col(src, sp.start, &sl, &sc);
    gw_source_line_col(src, sp.end < sp.start ? sp.start : sp.end, &el, &ec);
    if (sl < 1)
        sl = 1;
    if (sc < 1)
        sc = 1;
    if (el < sl || (el == sl && ec < sc)) {
        el = sl;
        ec = sc;
    }
    cJSON_AddNumberToObject(r, "startLine", sl);
    cJSON_AddNumberToObject(r, "startColumn", sc);
    cJSON_AddNumberToObject(r, "endLine", el);
    cJSON_AddNumberToObject(r, "endColumn", ec);
    return r;
}

/* rule->index when it names this rule in the driver's rules, else -1 (no
 * ruleset, or a rule from elsewhere). */
static long rule_index(const struct sarif_state *st, const struct gw_rule *r)
{
    const struct gw_rule *at;

    if (!st->rules || r->index >= gw_ruleset_count(st->rules))
        return -1;
    at = gw_ruleset_at(st->rules, r->index);
    return at && (at == r || strcmp(at->id, r->id) == 0) ? (long)r->index : -1;
}

static cJSON *fixes(struct sarif_state *st, const struct gw_diag *d,
                    const struct gw_source *src)
{
    cJSON *arr = cJSON_CreateArray(), *fix = cJSON_CreateObject();
    cJSON *changes, *change, *repls, *repl, *ins;

    cJSON_AddItemToArray(arr, fix);
    if (d->fix->title)
        add_message(st, fix, "description", d->fix->title, 0);
    changes = cJSON_AddArrayToObject(fix, "artifactChanges");
    change = cJSON_CreateObject();
    cJSON_AddItemToArray(changes, change);
    cJSON_AddItemToObject(change, "artifactLocation",
                          artifact_location(st, src->path));
    repls = cJSON_AddArrayToObject(change, "replacements");
    repl = cJSON_CreateObject();
    cJSON_AddItemToArray(repls, repl);
    cJSON_AddItemToObject(repl, "deletedRegion", region(src, d->fix->span));
    ins = cJSON_AddObjectToObject(repl, "insertedContent");
    add_text(st, ins, "text", d->fix->replacement, GW_OUT_KEEP_NEWLINES);
    return arr;
}

static cJSON *result(struct sarif_state *st, const struct gw_diag *d,
                     const struct gw_source *src)
{
    cJSON *o = cJSON_CreateObject(), *locs, *loc, *phys, *fp;
    char hex[GW_OUT_FINGERPRINT_LEN + 1];
    long idx = rule_index(st, d->rule);

    add_text(st, o, "ruleId", d->rule->id, 0);
    if (idx >= 0)
        cJSON_AddNumberToObject(o, "ruleIndex", (double)idx);
    cJSON_AddStringToObject(o, "level", level_str(d->level));
    add_message(st, o, "message", d->message, 0);
    locs = cJSON_AddArrayToObject(o, "locations");
    loc = cJSON_CreateObject();
    cJSON_AddItemToArray(locs, loc);
    phys = cJSON_AddObjectToObject(loc, "physicalLocation");
    cJSON_AddItemToObject(phys, "artifactLocation",
                          artifact_location(st, src->path));
    cJSON_AddItemToObject(phys, "region", region(src, d->span));
    /* The URI, not the path as spelt: "./a.yaml" and "a.yaml" are one
     * file. Never the line, so that findings survive moved lines. */
    gw_out_fingerprint(d->rule->id, gw_buf_str(&st->uri), d->key, d->occurrence,
                       hex);
    fp = cJSON_AddObjectToObject(o, "partialFingerprints");
    cJSON_AddStringToObject(fp, FINGERPRINT, hex);
    /* GitHub code scanning matches alerts by this key only, and its
     * upload action fills it with a hash of the line's text when absent;
     * ours follows the setting, not the text around it. */
    cJSON_AddStringToObject(fp, "primaryLocationLineHash", hex);
    if (d->fix)
        cJSON_AddItemToObject(o, "fixes", fixes(st, d, src));
    if (d->suppressed) {
        cJSON *sups = cJSON_AddArrayToObject(o, "suppressions");
        cJSON *s = cJSON_CreateObject();
        cJSON_AddItemToArray(sups, s);
        cJSON_AddStringToObject(
            s, "kind", d->suppressed->external ? "external" : "inSource");
        if (d->suppressed->reason)
            add_text(st, s, "justification", d->suppressed->reason, 0);
    }
    return o;
}

/* ---- the vtable ---- */

static void *sarif_begin(const struct gw_out_opts *o)
{
    struct sarif_state *st = gw_xcalloc(1, sizeof *st);
    cJSON *t;

    hook_cjson();
    st->fp = o->fp;
    st->rules = o->rules;
    st->cwd = current_dir();
    gw_buf_init(&st->scratch, 0);
    gw_buf_init(&st->uri, 0);
    st->notes = cJSON_CreateArray();
    t = tool(st, o->version ? o->version : "0.0.0");
    fputs("{\n"
          "  \"$schema\": \"" SARIF_SCHEMA "\",\n"
          "  \"version\": \"2.1.0\",\n"
          "  \"runs\": [\n"
          "    {\n"
          "      \"tool\": ",
          st->fp);
    emit(st->fp, t, DEPTH_RUN + 1);
    cJSON_Delete(t);
    fputs(",\n"
          "      \"columnKind\": \"unicodeCodePoints\",\n"
          "      \"results\": [",
          st->fp);
    return st;
}

static void sarif_diags(void *state, const struct gw_source *src,
                        const struct gw_span *mask, size_t nmask,
                        const struct gw_diag *d, size_t n)
{
    struct sarif_state *st = state;

    /* No source text is written (no snippets), so nothing to mask. */
    (void)mask;
    (void)nmask;
    for (size_t i = 0; i < n; i++) {
        const struct gw_source *s = d[i].src ? d[i].src : src;
        cJSON *r;
        assert(s && d[i].rule);
        r = result(st, &d[i], s);
        if (st->nresults++)
            fputc(',', st->fp);
        gw_out_json_newline(st->fp, DEPTH_RESULT);
        emit(st->fp, r, DEPTH_RESULT);
        cJSON_Delete(r);
    }
}

static void sarif_notice(void *state, const struct gw_out_notice *nt)
{
    struct sarif_state *st = state;
    cJSON *o = cJSON_CreateObject();

    cJSON_AddStringToObject(o, "level", "error");
    add_message(st, o, "message", nt->message, 0);
    if (nt->path) {
        cJSON *locs = cJSON_AddArrayToObject(o, "locations");
        cJSON *loc = cJSON_CreateObject();
        cJSON *phys = cJSON_AddObjectToObject(loc, "physicalLocation");
        cJSON_AddItemToObject(phys, "artifactLocation",
                              artifact_location(st, nt->path));
        cJSON_AddItemToArray(locs, loc);
    }
    cJSON_AddItemToArray(st->notes, o);
}

static void sarif_end(void *state, const struct gw_out_totals *t)
{
    struct sarif_state *st = state;
    cJSON *invs = cJSON_CreateArray(), *inv = cJSON_CreateObject();
    bool ok = cJSON_GetArraySize(st->notes) == 0;

    (void)t;
    cJSON_AddItemToArray(invs, inv);
    cJSON_AddBoolToObject(inv, "executionSuccessful", ok);
    if (ok)
        cJSON_Delete(st->notes);
    else
        cJSON_AddItemToObject(inv, "toolExecutionNotifications", st->notes);
    st->notes = NULL;
    if (st->nresults)
        gw_out_json_newline(st->fp, DEPTH_RESULT - 1);
    fputs("],\n      \"invocations\": ", st->fp);
    emit(st->fp, invs, DEPTH_RUN + 1);
    fputs("\n    }\n  ]\n}\n", st->fp);
    fflush(st->fp);
    cJSON_Delete(invs);
    gw_buf_release(&st->scratch);
    gw_buf_release(&st->uri);
    gw_xfree(st->cwd);
    gw_xfree(st);
}

const struct gw_writer gw_writer_sarif = {
    .name = "sarif",
    .begin = sarif_begin,
    .diags = sarif_diags,
    .notice = sarif_notice,
    .end = sarif_end,
};
