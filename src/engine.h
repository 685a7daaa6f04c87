/* The rule engine: runs every enabled rule of a ruleset over one document. */
#ifndef GW_ENGINE_H
#define GW_ENGINE_H

#include "check.h"
#include "diag.h"
#include "doc.h"

struct gw_ruleset;
struct gw_supp;

/* Run every rule whose level is not off over `doc`, appending findings to
 * `out` (sorted and de-duplicated afterwards by the caller). Borrows
 * everything. Messages are redacted of any 8-byte run of a secret span of
 * the document as a last line of defence. The checks of suppressions
 * (GW006, GW007) do not run here but in gw_engine_run_late. */
void gw_engine_run(const struct gw_ruleset *rs, const struct gw_doc *doc,
                   const struct gw_lint_opts *opts, struct gw_diag_list *out);

/* Run the checks of suppressions (GW006, GW007) over `doc` once `supp`
 * (borrowed; not NULL) was applied to the findings, appending to `out`. */
void gw_engine_run_late(const struct gw_ruleset *rs, const struct gw_doc *doc,
                        const struct gw_lint_opts *opts,
                        const struct gw_supp *supp, struct gw_diag_list *out);

#endif
