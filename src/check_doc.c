/* Checks of the document itself (GW001-GW005): problems the loaders and
 * the document builder recorded, reported under their rules. */
#include "check.h"

#include <string.h>

static void report_issues(struct gw_check_ctx *c)
{
    size_t i;
    for (i = 0; i < c->doc->nissues; i++) {
        const struct gw_doc_issue *is = &c->doc->issues[i];
        if (strcmp(is->rule, c->rule->id) == 0)
            gw_report(c, is->span, is->key, "%s", is->message);
    }
}

const struct gw_check gw_check_parse_error = {"parse-error", report_issues};
const struct gw_check gw_check_non_string_value = {"non-string-value",
                                                   report_issues};
const struct gw_check gw_check_empty_settings = {"empty-settings",
                                                 report_issues};
const struct gw_check gw_check_input_limit = {"input-limit", report_issues};

static void run_duplicate_key(struct gw_check_ctx *c)
{
    size_t i;
    report_issues(c); /* repeated keys of nested maps (build.c) */
    for (i = 0; i < c->doc->ndups; i++) {
        const struct gw_dup *dup = &c->doc->dups[i];
        unsigned line, col;
        gw_source_line_col(c->doc->src, dup->first.start, &line, &col);
        if (dup->later_wins)
            gw_report_level(c, GW_WARNING, dup->span, dup->key,
                      "setting '%s' is given again (first at line %u); the "
                      "later value wins",
                      dup->key, line);
        else
            gw_report(c, dup->span, dup->key,
                      "key '%s' is repeated (first at line %u, column %u); "
                      "which value is used depends on the tool: keep one",
                      dup->key, line, col);
    }
}

const struct gw_check gw_check_duplicate_key = {"duplicate-key",
                                                run_duplicate_key};
