/* Building the neutral document from one input file: limits, format
 * detection (content first, name second), parsing, and flattening of
 * settings maps (SPEC §3). */
#ifndef GW_BUILD_H
#define GW_BUILD_H

#include <stdbool.h>

#include "doc.h"
#include "status.h"

struct gw_ruleset;

struct gw_build_opts {
    const char *input_type;   /* forced kind (--input-type), or NULL */
    enum gw_profile profile;
    bool profile_forced;      /* --profile or a config glob chose it */
    enum gw_prot prot;        /* protection known from a command, or
                                 GW_PROT_UNKNOWN */
};

/* Build `d` (initialised by gw_doc_init over its source) from the text of
 * d->src. Borrows everything; allocates in d->arena. Sets *skip to a
 * reason (a static string) when the file is not about the gateway and must
 * give no findings; otherwise *skip = NULL and the document holds the
 * settings and any GW001/GW003/GW004/GW005 problems. Returns GW_OK, or
 * GW_ERR_USAGE when --input-type names no kind. */
enum gw_status gw_build(struct gw_doc *d, const struct gw_ruleset *rs,
                        const struct gw_build_opts *o, const char **skip);

/* True when `type` is an input kind this build knows. */
bool gw_build_known_type(const char *type);

/* Mark the secret parts of `s`'s value (the signature of a token, or the
 * whole value of a secret key) in d's secret spans. */
void gw_build_mark_secret(struct gw_doc *d, const struct gw_setting *s);

/* Whether `key` names a secret by the catalogues or its name. */
bool gw_build_key_is_secret(const struct gw_ruleset *rs, const char *key);

#endif
