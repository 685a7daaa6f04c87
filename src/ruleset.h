/* The ruleset: every rule and the data they read, built once per run and
 * immutable afterwards. */
#ifndef GW_RULESET_H
#define GW_RULESET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "catalog.h"
#include "rule.h"
#include "status.h"

struct gw_ruleset;

/* Build the ruleset from the embedded rule files. Returns GW_OK and an
 * owned ruleset in *out (free with gw_ruleset_free), or GW_ERR_RULE with a
 * one-line reason ("rules/GW201.yaml:3:1: ...") in `err`. */
enum gw_status gw_ruleset_builtin(struct gw_ruleset **out, struct gw_buf *err);

/* Like gw_ruleset_builtin, but always by parsing the embedded rule files
 * with the YAML loader and validating them (the build-time generator and
 * the test that the compiled data matches the files use it). */
enum gw_status gw_ruleset_parse(struct gw_ruleset **out, struct gw_buf *err);

/* Write the ruleset's built-in rules and data as C source defining
 * `gw_compiled` (compiled.h). Borrows both. Returns false on a write
 * error. */
bool gw_ruleset_write_c(const struct gw_ruleset *rs, FILE *fp);

/* Add the custom rules of a configuration file: `list` is the value of
 * its custom-rules key, a tree of `src` (both borrowed; what the rules
 * keep is copied or lives in the ruleset). Compiles every pattern once.
 * Returns GW_OK, or GW_ERR_RULE with "path:line:col: reason" in `err` (a
 * pattern that does not compile at the offending character; an id that
 * starts with GW or is taken) and the ruleset unchanged. Call before
 * linting: rules move, so earlier gw_rule pointers are stale. */
struct gw_node;
struct gw_source;
enum gw_status gw_ruleset_add_custom(struct gw_ruleset *rs,
                                     const struct gw_source *src,
                                     const struct gw_node *list,
                                     struct gw_buf *err);

/* Free a ruleset; NULL is fine. */
void gw_ruleset_free(struct gw_ruleset *rs);

/* Number of rules, and rule i (sorted by id). Borrowed. */
size_t gw_ruleset_count(const struct gw_ruleset *rs);
const struct gw_rule *gw_ruleset_at(const struct gw_ruleset *rs, size_t i);
/* The rule with this id or name (ids case-insensitive), or NULL. */
const struct gw_rule *gw_ruleset_find(const struct gw_ruleset *rs,
                                      const char *id_or_name);
/* The rule nearest to a misspelt id or name, or NULL. */
const struct gw_rule *gw_ruleset_suggest(const struct gw_ruleset *rs,
                                         const char *id_or_name);
/* Set the effective level of a rule (GW_LEVEL_OFF disables it). */
void gw_ruleset_set_level(struct gw_ruleset *rs, const struct gw_rule *r,
                          enum gw_level level);

/* The data, borrowed. */
const struct gw_catalog *gw_ruleset_catalog(const struct gw_ruleset *rs,
                                            const char *profile);

/* Whether a catalogue of either profile marks `key`, or the structured key
 * it is under, as secret. */
bool gw_ruleset_key_secret(const struct gw_ruleset *rs, const char *key);
const struct gw_region *gw_ruleset_regions(const struct gw_ruleset *rs,
                                           size_t *n);
const struct gw_tier *gw_ruleset_tiers(const struct gw_ruleset *rs, size_t *n);
const struct gw_placeholder *gw_ruleset_placeholders(
    const struct gw_ruleset *rs, size_t *n);
/* A memory of answers for gw_ruleset_placeholder_match: one per thread
 * that lints. */
struct gw_ph_cache;
struct gw_ph_cache *gw_ph_cache_new(void);
void gw_ph_cache_free(struct gw_ph_cache *c);

/* The placeholder pattern `s` (n bytes) matches, or NULL (borrowed). The
 * patterns a value cannot match by their hints are skipped; `cache` (may
 * be NULL) remembers answers for short values. */
const struct gw_placeholder *gw_ruleset_placeholder_match(
    const struct gw_ruleset *rs, struct gw_ph_cache *cache, const char *s,
    size_t n);

/* Compile every pattern that is otherwise compiled on first use. After
 * it, linting changes nothing in the ruleset, and several threads may
 * lint with it at once, each with its own gw_ph_cache. */
void gw_ruleset_compile_all(const struct gw_ruleset *rs);

#endif
