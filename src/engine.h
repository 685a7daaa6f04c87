/* The rule engine: runs every enabled rule of a ruleset over one document. */
#ifndef GW_ENGINE_H
#define GW_ENGINE_H

#include "check.h"
#include "diag.h"
#include "doc.h"

struct gw_ruleset;

/* Run every rule whose level is not off over `doc`, appending findings to
 * `out` (sorted and de-duplicated afterwards by the caller). Borrows
 * everything. Messages are redacted of any 8-byte run of a secret span of
 * the document as a last line of defence. */
void gw_engine_run(const struct gw_ruleset *rs, const struct gw_doc *doc,
                   const struct gw_lint_opts *opts, struct gw_diag_list *out);

#endif
