/* What the lint-based libFuzzer targets share: the built-in ruleset and
 * /dev/null, made once per process (LLVMFuzzerInitialize), and one call
 * that runs the whole path from text to findings and their output, as the
 * command line does: lint, apply the certain fixes, write the findings as
 * text (with excerpts) and JSON every time, every 16th time as GitHub
 * annotations and every 256th time as SARIF, whose head (every rule with
 * its docs) dwarfs the rest: written every 64th time, it still took 5-8 %
 * of the time of fuzz_json and fuzz_template. Include it from one
 * target's .c file only. */
#ifndef GW_FUZZ_COMMON_H
#define GW_FUZZ_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fix.h"
#include "lint.h"
#include "mem.h"
#include "out.h"
#include "ref.h"
#include "ruleset.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct gw_ruleset *fz_rs;
static FILE *fz_devnull;
static unsigned long fz_calls;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    struct gw_buf err;
    (void)argc;
    (void)argv;
    gw_buf_init(&err, 0);
    if (gw_ruleset_builtin(&fz_rs, &err) != GW_OK) {
        fprintf(stderr, "fuzz: the built-in rules: %s\n", gw_buf_str(&err));
        abort();
    }
    gw_buf_release(&err);
    if (!(fz_devnull = fopen("/dev/null", "w")))
        abort();
    return 0;
}

/* What one input is linted as. */
struct fz_kind {
    const char *path;       /* the file name, which picks the kind when
                               input_type is NULL */
    const char *input_type; /* forced kind (--input-type), or NULL */
    enum gw_profile profile;
};

static void fz_write(const struct gw_writer *w,
                     const struct gw_lint_result *res)
{
    struct gw_out_opts oo;
    struct gw_out_totals tot;
    void *st;

    memset(&oo, 0, sizeof oo);
    memset(&tot, 0, sizeof tot);
    oo.fp = fz_devnull;
    oo.source = true;
    oo.version = "fuzz";
    oo.rules = fz_rs;
    st = w->begin(&oo);
    w->diags(st, &res->src, res->doc.secrets, res->doc.nsecrets,
             res->diags.items, res->diags.n);
    tot.files = 1;
    tot.files_with = res->diags.n != 0;
    w->end(st, &tot);
}

/* The settings files a command passes (GW811 reads them; the fuzzer does
 * not touch the file system, so only the look-up of their paths runs). */
static void fz_refs(const struct gw_context *ctx,
                    const struct gw_lint_input *in,
                    const struct gw_lint_result *res)
{
    const struct gw_doc *d;
    struct gw_reflist refs;
    struct gw_build_opts bo;
    bool any = false;

    for (d = &res->doc; d && !any; d = d->next)
        any = d->nrefs != 0;
    if (!any)
        return;
    memset(&refs, 0, sizeof refs);
    bo = in->build;
    gw_ref_collect(fz_rs, ctx, in->path, "deploy/scripts", in->text,
                   in->len, &bo, &refs);
    if (refs.n)
        (void)gw_reflist_find(&refs, refs.v[0].path);
    gw_reflist_release(&refs);
}

/* Lint `len` bytes of `text` as `k`, then write and fix the findings. */
static void fz_lint(const struct fz_kind *k, const uint8_t *text, size_t len)
{
    struct gw_lint_input in;
    struct gw_lint_result res;
    struct gw_lint_opts opts;
    struct gw_context ctx;
    unsigned long n = ++fz_calls;

    memset(&in, 0, sizeof in);
    memset(&ctx, 0, sizeof ctx);
    memset(&opts, 0, sizeof opts);
    opts.now = 1795780800; /* 2026-11-27 12:00 UTC */
    opts.expiring_days = 7;
    ctx.region.value = "eastus2";
    ctx.region.origin = "--region";
    ctx.tier.value = "Developer";
    ctx.tier.origin = "--tier";
    in.path = k->path;
    in.build.input_type = k->input_type;
    in.build.profile = k->profile;
    in.build.prot = GW_PROT_UNKNOWN;
    in.text = (const char *)text;
    in.len = len;
    /* in.ref_dir stays NULL: settings files named by a command are not
     * read (a fuzzer would name /dev/stdin or /dev/zero). */
    if (gw_lint_text(fz_rs, &opts, &ctx, &in, &res) == GW_OK) {
        char *fixed = NULL;
        size_t flen = 0;

        fz_write(&gw_writer_text, &res);
        fz_write(&gw_writer_json, &res);
        if (n % 16 == 0)
            fz_write(&gw_writer_github, &res);
        if (n % 256 == 0)
            fz_write(&gw_writer_sarif, &res);
        if (!res.skip)
            fz_refs(&ctx, &in, &res);
        /* --fix; every 8th time the fixed text is linted again, as
         * the command line does until nothing changes. */
        if (gw_fix_text(&res.src, res.doc.secrets, res.doc.nsecrets,
                        res.diags.items, res.diags.n, &fixed, &flen)) {
            if (n % 8 == 0) {
                struct gw_lint_result again;
                in.text = fixed;
                in.len = flen;
                if (gw_lint_text(fz_rs, &opts, &ctx, &in, &again) == GW_OK)
                    fz_write(&gw_writer_text, &again);
                gw_lint_release(&again);
            }
            gw_xfree(fixed);
        }
    }
    gw_lint_release(&res);
}

#endif
