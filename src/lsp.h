/* The language server (SPEC §9): LSP 3.17 over JSON-RPC on two streams;
 * diagnostics, code actions, hover and completion for open documents. */
#ifndef GW_LSP_H
#define GW_LSP_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

struct gw_ruleset;

struct gw_lsp_opts {
    const struct gw_ruleset *rs; /* borrowed: the built-in rules */
    time_t now;                  /* the clock for token expiry; 0: the
                                    system clock at each lint */
    size_t max_body;             /* frame body cap; 0: GW_RPC_MAX_BODY */
};

/* Serve one client on `in` and `out` (borrowed) until `exit` or the end of
 * the input. Everything the server holds lives in the call; it never
 * writes anything but LSP frames to `out`. Returns the process exit
 * status: 0 for `exit` after `shutdown`, 1 for `exit` without it, for the
 * end of input without `shutdown`, or when `out` fails. */
int gw_lsp_run(FILE *in, FILE *out, const struct gw_lsp_opts *opts);

#endif
