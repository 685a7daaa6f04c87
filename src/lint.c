/* Linting one text: source -> document -> engine -> sorted findings. */
#include "lint.h"

#include <stdint.h>
#include <string.h>

#include "engine.h"
#include "mem.h"
#include "ref.h"

/* Suppressions, once per text: mark what the comments and the config's
 * ignore: entries suppress, then report the unused and expired ones
 * (GW006, GW007), which may in turn be suppressed. */
static void suppress(const struct gw_ruleset *rs,
                     const struct gw_lint_opts *opts,
                     const struct gw_lint_input *in, struct gw_lint_result *out)
{
    size_t first;
    gw_supp_init(&out->supp, &out->doc, rs, opts->now, in->ignores,
                 in->nignores, in->ignore_path);
    gw_supp_apply(&out->supp, &out->diags, 0);
    first = out->diags.n;
    gw_engine_run_late(rs, &out->doc, opts, &out->supp, &out->diags);
    gw_supp_apply(&out->supp, &out->diags, first);
}

enum gw_status gw_lint_build(const struct gw_ruleset *rs,
                             const struct gw_context *ctx,
                             const struct gw_lint_input *in,
                             struct gw_lint_result *out)
{
    enum gw_status rc;
    char *text;

    memset(out, 0, sizeof *out);
    out->arena = gw_arena_new();
    gw_diag_list_init(&out->diags);
    text = in->text_stays ? (char *)(uintptr_t)in->text
                          : gw_arena_strndup(out->arena, in->text, in->len);
    gw_source_init(&out->src, out->arena,
                   gw_arena_strdup(out->arena, in->path), text, in->len);
    gw_doc_init(&out->doc, out->arena, &out->src, ctx);
    rc = gw_build(&out->doc, rs, &in->build, &out->skip);
    if (rc != GW_OK)
        return rc;
    if (!out->skip && in->ref_dir)
        gw_ref_check(&out->doc, in->ref_dir);
    return GW_OK;
}

void gw_lint_check(const struct gw_ruleset *rs,
                   const struct gw_lint_opts *opts,
                   const struct gw_lint_input *in, struct gw_lint_result *out)
{
    struct gw_doc *d;

    /* A script gives one document per command, all in the one file. */
    for (d = &out->doc; d && !out->skip; d = d->next) {
        d->phcache = in->phcache;
        gw_engine_run(rs, d, opts, &out->diags);
    }
    if (!out->skip)
        suppress(rs, opts, in, out);
    gw_diag_list_sort(&out->diags);
}

enum gw_status gw_lint_text(const struct gw_ruleset *rs,
                            const struct gw_lint_opts *opts,
                            const struct gw_context *ctx,
                            const struct gw_lint_input *in,
                            struct gw_lint_result *out)
{
    enum gw_status rc = gw_lint_build(rs, ctx, in, out);

    if (rc == GW_OK)
        gw_lint_check(rs, opts, in, out);
    return rc;
}

void gw_lint_release(struct gw_lint_result *r)
{
    gw_diag_list_release(&r->diags);
    gw_arena_free(r->arena);
    r->arena = NULL;
}
