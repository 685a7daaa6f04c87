/* Linting one text: source -> document -> engine -> sorted findings. The
 * one entry point that the CLI, referenced settings files and the language
 * server share. */
#ifndef GW_LINT_H
#define GW_LINT_H

#include <stdbool.h>
#include <stddef.h>

#include "build.h"
#include "check.h"
#include "diag.h"
#include "doc.h"
#include "src.h"
#include "suppress.h"

struct gw_ruleset;

struct gw_lint_input {
    const char *path;         /* as shown in findings */
    const char *text;         /* borrowed for the call; copied, unless
                                 text_stays */
    size_t len;
    bool text_stays;          /* text (NUL-terminated) outlives the
                                 result: the result uses it in place */
    struct gw_build_opts build;
    const char *ref_dir;      /* the directory that settings files named by
                                 a command are read from (GW811), or NULL
                                 not to read them */
    /* The configuration's ignore: entries (borrowed; may be NULL) and the
     * text's path relative to the configuration's directory, which their
     * globs match (NULL: none applies). */
    const struct gw_ignore *ignores;
    size_t nignores;
    const char *ignore_path;
    /* The calling thread's placeholder answers (may be NULL), see
     * gw_ruleset_placeholder_match. */
    struct gw_ph_cache *phcache;
};

/* Everything one linted text owns; release with gw_lint_release. */
struct gw_lint_result {
    struct gw_arena *arena;   /* the document lifetime */
    struct gw_source src;
    struct gw_doc doc;
    struct gw_diag_list diags; /* sorted, de-duplicated; suppressed ones
                                  kept with d->suppressed set */
    struct gw_supp supp;       /* the suppressions found and applied;
                                  supp.ignore_used says which ignore:
                                  entries suppressed something */
    const char *skip;          /* why the text is not about the gateway,
                                  or NULL */
};

/* Lint `in` with the ruleset and context. Fills `out` (which owns copies
 * of the text and path). Returns GW_OK or GW_ERR_USAGE for an unknown
 * input type. */
enum gw_status gw_lint_text(const struct gw_ruleset *rs,
                            const struct gw_lint_opts *opts,
                            const struct gw_context *ctx,
                            const struct gw_lint_input *in,
                            struct gw_lint_result *out);

/* gw_lint_text in its two halves. gw_lint_build makes the source and the
 * document(s) and reads only the ruleset's catalogues, the context and
 * the file system, so it may run on another thread than the checks, for
 * another text at the same time; gw_lint_check runs the rules, the
 * suppressions and the sort, and must stay on one thread per ruleset
 * (its patterns keep state). `in` must live until gw_lint_check. */
enum gw_status gw_lint_build(const struct gw_ruleset *rs,
                             const struct gw_context *ctx,
                             const struct gw_lint_input *in,
                             struct gw_lint_result *out);
void gw_lint_check(const struct gw_ruleset *rs,
                   const struct gw_lint_opts *opts,
                   const struct gw_lint_input *in, struct gw_lint_result *out);

/* Free everything a result owns. */
void gw_lint_release(struct gw_lint_result *r);

#endif
