/* The configuration file .gwlint.yaml (SPEC §7): discovery, validation
 * with errors at their line and column, and what it says about the run
 * (profile, context, rule levels, custom rules) and about each file
 * (files:, exclude:, ignore:). */
#ifndef GW_CONFIG_H
#define GW_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "build.h"
#include "doc.h"
#include "status.h"
#include "suppress.h"

struct gw_config;
struct gw_ruleset;

#define GW_CONFIG_NAME ".gwlint.yaml"

/* The nearest .gwlint.yaml from the current directory up to the root, as
 * a path usable from the current directory (".gwlint.yaml",
 * "../../.gwlint.yaml"). Returns an owned string (free with gw_xfree), or
 * NULL when there is none. */
char *gw_config_find(void);

/* Read and validate the configuration at `path`, shown as `display` in
 * messages and findings. Adds its custom rules to `rs` (compiling their
 * patterns once) and sets the levels of its `rules:`; the caller applies
 * command-line levels afterwards. On success *out is an owned config (free
 * with gw_config_free after the last use of `rs`'s custom rules' findings)
 * and GW_OK is returned. Otherwise returns GW_ERR_IO (unreadable) or
 * GW_ERR_RULE (invalid: "path:line:col: reason; did you mean 'x'", the
 * error earliest in the file) with the one-line reason in `err`, and *out
 * is NULL; `rs` may then hold the custom rules and levels already read,
 * so a caller that goes on builds a fresh ruleset. */
enum gw_status gw_config_load(struct gw_config **out, const char *path,
                              const char *display, struct gw_ruleset *rs,
                              struct gw_buf *err);

/* Free a configuration; NULL is fine. */
void gw_config_free(struct gw_config *c);

/* The configuration file's text (for findings about it). Borrowed. */
const struct gw_source *gw_config_source(const struct gw_config *c);

/* `profile:`; false when the file does not set it. */
bool gw_config_profile(const struct gw_config *c, enum gw_profile *out);

/* `token: {expiring-days}`; -1 when the file does not set it. */
int gw_config_expiring_days(const struct gw_config *c);

/* Fill the region and tier of `ctx` that are still unknown (flags are
 * stronger) from `context:`, each pointing at its place in the file. */
void gw_config_context(const struct gw_config *c, struct gw_context *ctx);

/* `context: {apim, cluster}` as paths usable from the current directory
 * (they are written relative to the configuration file); NULL when
 * unset. Borrowed. */
const char *gw_config_apim(const struct gw_config *c);
const char *gw_config_cluster(const struct gw_config *c);

/* The path of input `path` (relative to the current directory or
 * absolute) relative to the configuration's directory, which its globs
 * are written against; NULL when the file is outside that directory.
 * Returns an owned string (free with gw_xfree). */
char *gw_config_relpath(const struct gw_config *c, const char *path);

/* Whether `exclude:` names the file (relpath from gw_config_relpath). */
bool gw_config_excluded(const struct gw_config *c, const char *relpath);

/* Apply the `files:` entries whose glob matches relpath to `o`, in order
 * (a later entry overrides an earlier one): profile (forced) and
 * input-type. Strings stay owned by the config. */
void gw_config_file_opts(const struct gw_config *c, const char *relpath,
                         struct gw_build_opts *o, bool *has_profile,
                         bool *has_type);

/* The `ignore:` entries (borrowed), n of them. */
const struct gw_ignore *gw_config_ignores(const struct gw_config *c, size_t *n);

#endif
