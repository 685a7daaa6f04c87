/* libFuzzer target: the language server on a byte stream: Content-Length
 * framing, JSON-RPC, every method with arbitrary parameters, incremental
 * edits and the documents they produce. The seeds (tests/fuzz/run.sh)
 * name workspaces with a .gwlint.yaml of their own, so the server also
 * reads configurations. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "buf.h"
#include "lsp.h"
#include "ruleset.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct gw_ruleset *rs;
static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    struct gw_buf err;
    (void)argc;
    (void)argv;
    gw_buf_init(&err, 0);
    if (gw_ruleset_builtin(&rs, &err) != GW_OK) {
        fprintf(stderr, "fuzz: the built-in rules: %s\n", gw_buf_str(&err));
        abort();
    }
    gw_buf_release(&err);
    if (!(devnull = fopen("/dev/null", "w")))
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gw_lsp_opts o = {0};
    FILE *in;

    if (size == 0 || !(in = fmemopen((void *)(uintptr_t)data, size, "r")))
        return 0;
    o.rs = rs;
    o.now = 1795780800; /* 2026-11-27 12:00 UTC */
    o.max_body = 1u << 20;
    (void)gw_lsp_run(in, devnull, &o);
    fclose(in);
    return 0;
}
