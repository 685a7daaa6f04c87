/* One rule: its metadata (id, name, level, texts) and what it checks. */
#ifndef GW_RULE_H
#define GW_RULE_H

#include <stdbool.h>

#include "diag.h"

struct gw_check;
struct gw_match;

struct gw_rule {
    const char *id;          /* "GW201", or a custom "ORG001" */
    const char *name;        /* "token-format" */
    const char *summary;     /* one line, lower case first word */
    const char *description; /* a paragraph: what and why (SARIF
                                fullDescription) */
    const char *doc;         /* the docs/rules/<ID>.md page, or NULL */
    enum gw_level default_level;
    enum gw_level level;     /* effective, after config and flags */
    const struct gw_check *check;  /* C check, or NULL */
    const struct gw_match *match;  /* declarative check, or NULL */
    unsigned index;          /* position in the ruleset (SARIF ruleIndex) */
    bool custom;             /* from the config file */
};

#endif
