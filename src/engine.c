/* The rule engine: every enabled rule's check (C or declarative) over one
 * document, then a last redaction pass so that no message can carry a
 * secret. The checks of suppressions run in a second, late pass. */
#include "engine.h"

#include <string.h>

#include "custom.h"
#include "mem.h"
#include "ruleset.h"

#define SECRET_RUN 8

/* Whether the SECRET_RUN bytes at `run` occur anywhere in `s`. */
static bool occurs(const char *s, size_t n, const char *run)
{
    const char *p = s, *end = s + n - (SECRET_RUN - 1);

    while (p < end && (p = memchr(p, run[0], (size_t)(end - p)))) {
        if (memcmp(p, run, SECRET_RUN) == 0)
            return true;
        p++;
    }
    return false;
}

/* Replace with '*' every run of SECRET_RUN or more bytes of `msg` that also
 * occurs in `secret`. Returns a new arena string, or msg when clean. */
static const char *redact(struct gw_arena *a, const char *msg,
                          const char *secret, size_t slen)
{
    size_t mlen = strlen(msg), i;
    char *copy = NULL;

    if (slen < SECRET_RUN || mlen < SECRET_RUN)
        return msg;
    /* One search of the secret per message position, skipping by its
     * first byte: comparing every pair of positions cost a long message
     * and a long secret the product of their lengths in memcmp calls. */
    for (i = 0; i + SECRET_RUN <= mlen; i++) {
        if (occurs(secret, slen, msg + i)) {
            if (!copy)
                copy = gw_arena_strndup(a, msg, mlen);
            memset(copy + i, '*', SECRET_RUN);
        }
    }
    return copy ? copy : msg;
}

/* The checks that read the document's suppressions run after them. */
static bool late(const struct gw_check *k)
{
    return k == &gw_check_unused_suppression ||
           k == &gw_check_expired_suppression;
}

static void run(const struct gw_ruleset *rs, const struct gw_doc *doc,
                const struct gw_lint_opts *opts, const struct gw_supp *supp,
                struct gw_diag_list *out)
{
    struct gw_check_ctx c;
    size_t i, first = out->n, s;

    memset(&c, 0, sizeof c);
    c.doc = doc;
    c.rs = rs;
    c.opts = opts;
    c.out = out;
    c.supp = supp;
    c.catalog = gw_ruleset_catalog(
        rs, doc->profile == GW_PROFILE_HELM ? "helm" : "arc");
    if (!c.catalog)
        c.catalog = gw_ruleset_catalog(rs, "arc");
    for (i = 0; i < gw_ruleset_count(rs); i++) {
        c.rule = gw_ruleset_at(rs, i);
        if (c.rule->level == GW_LEVEL_OFF)
            continue;
        if (c.rule->check && late(c.rule->check) == (supp != NULL))
            c.rule->check->run(&c);
        else if (c.rule->match && !supp)
            gw_custom_run(&c);
    }
    for (i = first; i < out->n; i++)
        for (s = 0; s < doc->nsecrets; s++) {
            const struct gw_span *sp = &doc->secrets[s];
            out->items[i].message =
                redact(doc->arena, out->items[i].message,
                       doc->src->text + sp->start, sp->end - sp->start);
        }
}

void gw_engine_run(const struct gw_ruleset *rs, const struct gw_doc *doc,
                   const struct gw_lint_opts *opts, struct gw_diag_list *out)
{
    run(rs, doc, opts, NULL, out);
}

void gw_engine_run_late(const struct gw_ruleset *rs, const struct gw_doc *doc,
                        const struct gw_lint_opts *opts,
                        const struct gw_supp *supp, struct gw_diag_list *out)
{
    run(rs, doc, opts, supp, out);
}
