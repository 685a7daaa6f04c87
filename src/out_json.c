/* The JSON writer: one object {version, diagnostics, notices, summary},
 * described by schemas/output.schema.json. Diagnostics are written as they
 * arrive, so memory does not grow with the number of files. */
#include "out.h"

#include <assert.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "buf.h"
#include "mem.h"
#include "out_util.h"

struct json_state {
    FILE *fp;
    struct gw_buf scratch; /* sanitised strings on their way into cJSON */
    unsigned ndiags;
    cJSON *notices; /* the one thing held until the end: they are few */
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

/* Add `s` (text from the input) to `obj` under `key`, sanitised. */
static void add_text(struct json_state *st, cJSON *obj, const char *key,
                     const char *s)
{
    gw_buf_reset(&st->scratch);
    gw_out_sanitize(&st->scratch, s, 0);
    cJSON_AddStringToObject(obj, key, gw_buf_str(&st->scratch));
}

static const char *level_str(enum gw_level l)
{
    switch (l) {
    case GW_ERROR:
        return "error";
    case GW_WARNING:
        return "warning";
    default:
        return "note";
    }
}

static cJSON *position(const struct gw_source *src, uint32_t off)
{
    cJSON *p = cJSON_CreateObject();
    unsigned line, col;
    gw_source_line_col(src, off, &line, &col);
    cJSON_AddNumberToObject(p, "line", line);
    cJSON_AddNumberToObject(p, "column", col);
    return p;
}

static cJSON *range(const struct gw_source *src, struct gw_span sp)
{
    cJSON *r = cJSON_CreateObject();
    cJSON_AddItemToObject(r, "start", position(src, sp.start));
    cJSON_AddItemToObject(r, "end",
                          position(src, sp.end < sp.start ? sp.start : sp.end));
    return r;
}

static cJSON *diag_object(struct json_state *st, const struct gw_diag *d,
                          const struct gw_source *src)
{
    cJSON *o = cJSON_CreateObject(), *rule, *fix, *sup;

    add_text(st, o, "path", src->path);
    cJSON_AddItemToObject(o, "range", range(src, d->span));
    cJSON_AddStringToObject(o, "level", level_str(d->level));
    rule = cJSON_AddObjectToObject(o, "rule");
    add_text(st, rule, "id", d->rule->id);
    add_text(st, rule, "name", d->rule->name);
    add_text(st, o, "message", d->message);
    if (d->fix) {
        fix = cJSON_AddObjectToObject(o, "fix");
        cJSON_AddItemToObject(fix, "range", range(src, d->fix->span));
        gw_buf_reset(&st->scratch);
        gw_out_sanitize(&st->scratch, d->fix->replacement,
                        GW_OUT_KEEP_NEWLINES);
        cJSON_AddStringToObject(fix, "replacement", gw_buf_str(&st->scratch));
        if (d->fix->title)
            add_text(st, fix, "title", d->fix->title);
    }
    if (d->suppressed) {
        sup = cJSON_AddObjectToObject(o, "suppressed");
        cJSON_AddStringToObject(
            sup, "kind", d->suppressed->external ? "external" : "inSource");
        if (d->suppressed->reason)
            add_text(st, sup, "reason", d->suppressed->reason);
    }
    return o;
}

/* ---- the vtable ---- */

static void *json_begin(const struct gw_out_opts *o)
{
    struct json_state *st = gw_xcalloc(1, sizeof *st);
    cJSON *v;

    hook_cjson();
    st->fp = o->fp;
    gw_buf_init(&st->scratch, 0);
    st->notices = cJSON_CreateArray();
    v = cJSON_CreateString(o->version ? o->version : "0.0.0");
    fputs("{\n  \"version\": ", st->fp);
    emit(st->fp, v, 1);
    cJSON_Delete(v);
    fputs(",\n  \"diagnostics\": [", st->fp);
    return st;
}

static void json_diags(void *state, const struct gw_source *src,
                       const struct gw_span *mask, size_t nmask,
                       const struct gw_diag *d, size_t n)
{
    struct json_state *st = state;

    /* No source text is written, so there is nothing to mask. */
    (void)mask;
    (void)nmask;
    for (size_t i = 0; i < n; i++) {
        const struct gw_source *s = d[i].src ? d[i].src : src;
        cJSON *o;
        assert(s && d[i].rule);
        o = diag_object(st, &d[i], s);
        if (st->ndiags++)
            fputc(',', st->fp);
        gw_out_json_newline(st->fp, 2);
        emit(st->fp, o, 2);
        cJSON_Delete(o);
    }
}

static void json_notice(void *state, const struct gw_out_notice *nt)
{
    struct json_state *st = state;
    cJSON *o = cJSON_CreateObject();

    if (nt->path)
        add_text(st, o, "path", nt->path);
    add_text(st, o, "message", nt->message);
    cJSON_AddItemToArray(st->notices, o);
}

static void json_end(void *state, const struct gw_out_totals *t)
{
    static const struct gw_out_totals zero;
    struct json_state *st = state;
    cJSON *sum = cJSON_CreateObject();

    if (!t)
        t = &zero;
    if (st->ndiags)
        gw_out_json_newline(st->fp, 1);
    fputs("],\n  \"notices\": ", st->fp);
    emit(st->fp, st->notices, 1);
    cJSON_AddNumberToObject(sum, "errors", t->errors);
    cJSON_AddNumberToObject(sum, "warnings", t->warnings);
    cJSON_AddNumberToObject(sum, "notes", t->notes);
    cJSON_AddNumberToObject(sum, "suppressed", t->suppressed);
    cJSON_AddNumberToObject(sum, "files", t->files);
    cJSON_AddNumberToObject(sum, "files_with_findings", t->files_with);
    fputs(",\n  \"summary\": ", st->fp);
    emit(st->fp, sum, 1);
    fputs("\n}\n", st->fp);
    fflush(st->fp);
    cJSON_Delete(sum);
    cJSON_Delete(st->notices);
    gw_buf_release(&st->scratch);
    gw_xfree(st);
}

const struct gw_writer gw_writer_json = {
    .name = "json",
    .begin = json_begin,
    .diags = json_diags,
    .notice = json_notice,
    .end = json_end,
};
