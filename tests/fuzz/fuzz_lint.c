/* libFuzzer target: the whole path from text to findings and their
 * output. The first byte chooses the file name, and so the input kind
 * (settings, extension, ARM, plan, values, shell, PowerShell, workflow,
 * Markdown), so that one target reaches every builder and check; the
 * findings are then written as text and JSON, and every 64th time as
 * SARIF, whose head (every rule with its docs) dwarfs the rest. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "lint.h"
#include "mem.h"
#include "out.h"
#include "ruleset.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = {
    "settings.json", "settings.yaml", "protected-settings.json",
    "values.yaml",   "deploy.sh",     "deploy.ps1",
    "README.md",     ".github/workflows/deploy.yml",
    "azure-pipelines.yml", "template.json", "plan.json", "x.yml"};

static struct gw_ruleset *rs;
static FILE *devnull;
static unsigned long calls;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const struct gw_writer *const writers[] = {
        &gw_writer_text, &gw_writer_json, &gw_writer_sarif};
    struct gw_lint_input in;
    struct gw_lint_result res;
    struct gw_lint_opts opts;
    struct gw_context ctx;
    struct gw_out_opts oo;
    struct gw_out_totals tot;
    size_t w;

    if (!rs) {
        struct gw_buf err;
        gw_buf_init(&err, 0);
        if (gw_ruleset_builtin(&rs, &err) != GW_OK)
            return 0;
        gw_buf_release(&err);
        devnull = fopen("/dev/null", "w");
    }
    if (size < 1)
        return 0;
    memset(&in, 0, sizeof in);
    memset(&ctx, 0, sizeof ctx);
    memset(&opts, 0, sizeof opts);
    opts.now = 1795780800; /* 2026-11-27 12:00 UTC */
    opts.expiring_days = 7;
    ctx.region.value = "eastus2";
    ctx.region.origin = "--region";
    ctx.tier.value = "Developer";
    ctx.tier.origin = "--tier";
    in.path = names[data[0] % (sizeof names / sizeof names[0])];
    in.build.profile = data[0] & 0x80 ? GW_PROFILE_HELM : GW_PROFILE_ARC;
    in.text = (const char *)data + 1;
    in.len = size - 1;
    if (gw_lint_text(rs, &opts, &ctx, &in, &res) == GW_OK) {
        size_t nw = ++calls % 64 == 0 ? 3 : 2;
        for (w = 0; w < nw; w++) {
            void *st;
            memset(&oo, 0, sizeof oo);
            memset(&tot, 0, sizeof tot);
            oo.fp = devnull;
            oo.source = true;
            oo.version = "fuzz";
            oo.rules = rs;
            st = writers[w]->begin(&oo);
            writers[w]->diags(st, &res.src, res.doc.secrets,
                              res.doc.nsecrets, res.diags.items, res.diags.n);
            writers[w]->end(st, &tot);
        }
    }
    gw_lint_release(&res);
    return 0;
}
