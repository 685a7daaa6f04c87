/* Custom rules of the configuration file (SPEC §7): the declarative check
 * that struct gw_rule.match points to. The ruleset fills it from the
 * config's custom-rules list (gw_ruleset_add_custom); the engine runs it. */
#ifndef GW_CUSTOM_H
#define GW_CUSTOM_H

#include <stdbool.h>

#include "check.h"

struct gw_regex;

/* One custom rule's test. It selects settings by `key` (exact) or
 * `key_re` (a PCRE2 search over key names), then:
 *   value_re alone          every selected value must match it
 *   required                at least one setting is selected
 *   required + value_re     both
 *   forbidden               no setting is selected
 *   forbidden + value_re    no selected value matches it
 * Patterns run with PCRE2's match, depth and heap limits; a value that
 * exhausts them is a finding of the rule that says so. Dynamic values and
 * structured (map, list) values are not matched. */
struct gw_match {
    const char *key;           /* or NULL */
    struct gw_regex *key_re;   /* or NULL; owned by the ruleset */
    const char *key_pattern;   /* key_re's source, for messages */
    struct gw_regex *value_re; /* or NULL; owned by the ruleset */
    const char *pattern;       /* value_re's source, for messages */
    bool required, forbidden;
    const char *message; /* the user's message, with {key} and
                            {value} replaced; or NULL */
};

/* Run c->rule (whose `match` is set) over c->doc, reporting through
 * gw_report. Never runs in the context pass. */
void gw_custom_run(struct gw_check_ctx *c);

#endif
