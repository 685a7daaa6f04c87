/* The built-in ruleset compiled into C data at build time (tools/gwgen
 * writes rules_compiled.c from rules/), so that start-up parses nothing.
 * A build without it (the generator itself) has gw_compiled.nrules == 0
 * and parses the embedded rule files instead. */
#ifndef GW_COMPILED_H
#define GW_COMPILED_H

#include <stddef.h>

#include "catalog.h"
#include "rule.h"

struct gw_compiled {
    const struct gw_rule *rules; /* doc pointers are NULL: looked up */
    size_t nrules;
    struct gw_catalog catalogs[2];
    size_t ncatalogs;
    const struct gw_region *regions;
    size_t nregions;
    const struct gw_tier *tiers;
    size_t ntiers;
    const struct gw_placeholder *placeholders; /* re == NULL */
    size_t nplaceholders;
};

extern const struct gw_compiled gw_compiled;

#endif
