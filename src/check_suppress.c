/* Checks of the suppressions themselves (GW006 unused-suppression, GW007
 * expired-suppression). They run in the engine's late pass, after the
 * document's suppressions were applied, and over the configuration file
 * once every file was linted (its `ignore:` entries). */
#include "check.h"

#include <string.h>

#include "buf.h"
#include "mem.h"
#include "ruleset.h"
#include "suppress.h"

static const char *rule_label(struct gw_check_ctx *c, const struct gw_rule *r)
{
    return gw_arena_printf(c->doc->arena, "%s (%s)", r->id, r->name);
}

/* A file that did not parse or hit a limit was not checked, so every
 * suppression in it looks unused: say nothing then. */
static bool checked(const struct gw_doc *d)
{
    size_t i;
    for (i = 0; i < d->nissues; i++)
        if (strcmp(d->issues[i].rule, "GW001") == 0 ||
            strcmp(d->issues[i].rule, "GW005") == 0)
            return false;
    return true;
}

static void unused_names(struct gw_check_ctx *c, const struct gw_supp_dir *dir)
{
    size_t m;
    for (m = 0; m < dir->nnames; m++) {
        const struct gw_supp_name *nm = &dir->names[m];
        const struct gw_rule *near;
        if (!nm->rule) {
            near = gw_ruleset_suggest(c->rs, nm->name);
            if (near)
                gw_report(c, nm->span, NULL,
                          "'%s' is not a gwlint rule, so this suppression "
                          "suppresses nothing; did you mean %s",
                          nm->name, rule_label(c, near));
            else
                gw_report(c, nm->span, NULL,
                          "'%s' is not a gwlint rule, so this suppression "
                          "suppresses nothing (gwlint rules lists them)",
                          nm->name);
            continue;
        }
        /* A rule that is off could not fire; GW006 and GW007 themselves
         * are checked after this check runs. */
        if (nm->used || nm->rule->level == GW_LEVEL_OFF ||
            gw_supp_is_meta(nm->rule) || !checked(c->doc))
            continue;
        if (dir->file)
            gw_report(c, nm->span, NULL,
                      "ignore-file[%s] suppresses nothing: this file has no "
                      "%s finding; remove it",
                      nm->name, rule_label(c, nm->rule));
        else
            gw_report(c, nm->span, NULL,
                      "ignore[%s] suppresses nothing: line %u has no %s "
                      "finding; remove it",
                      nm->name, dir->line, rule_label(c, nm->rule));
    }
}

static void run_unused_suppression(struct gw_check_ctx *c)
{
    const struct gw_supp *s = c->supp;
    size_t k;
    if (!s)
        return;
    for (k = 0; k < s->ndirs; k++) {
        const struct gw_supp_dir *dir = &s->dirs[k];
        if (dir->problem)
            gw_report(c, dir->span, NULL,
                      "this gwlint comment suppresses nothing: %s",
                      dir->problem);
        else if (!dir->expired)
            unused_names(c, dir);
    }
    for (k = 0; c->doc->context_pass && k < s->nignores; k++) {
        const struct gw_ignore *g = &s->ignores[k];
        if (s->ignore_used[k] || (g->has_until && s->now >= g->until) ||
            g->rule->level == GW_LEVEL_OFF || gw_supp_is_meta(g->rule))
            continue;
        if (g->key)
            gw_report(c, g->span, NULL,
                      "this ignore entry suppresses nothing: no file "
                      "matching '%s' has a %s finding on '%s'; remove it",
                      g->glob, rule_label(c, g->rule), g->key);
        else
            gw_report(c, g->span, NULL,
                      "this ignore entry suppresses nothing: no file "
                      "matching '%s' has a %s finding; remove it",
                      g->glob, rule_label(c, g->rule));
    }
}

const struct gw_check gw_check_unused_suppression = {"unused-suppression",
                                                     run_unused_suppression};

static void run_expired_suppression(struct gw_check_ctx *c)
{
    const struct gw_supp *s = c->supp;
    size_t k, m;
    if (!s)
        return;
    for (k = 0; k < s->ndirs; k++) {
        const struct gw_supp_dir *dir = &s->dirs[k];
        struct gw_buf b;
        if (dir->problem || !dir->expired)
            continue;
        gw_buf_init(&b, 0);
        for (m = 0; m < dir->nnames; m++)
            gw_buf_printf(&b, "%s%s", m ? ", " : "", dir->names[m].name);
        gw_report(c, dir->until_span, NULL,
                  "the suppression of %s expired on %s, so it suppresses "
                  "nothing any more; fix the finding or move the date",
                  gw_buf_str(&b), dir->until_text);
        gw_buf_release(&b);
    }
    for (k = 0; c->doc->context_pass && k < s->nignores; k++) {
        const struct gw_ignore *g = &s->ignores[k];
        if (!g->has_until || s->now < g->until)
            continue;
        gw_report(c, g->until_span, NULL,
                  "this ignore entry for %s expired on %s, so it suppresses "
                  "nothing any more; fix the findings or move the date",
                  rule_label(c, g->rule), g->until_text);
    }
}

const struct gw_check gw_check_expired_suppression = {"expired-suppression",
                                                      run_expired_suppression};
