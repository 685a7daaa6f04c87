/* Finding `az k8s-extension create|update` commands for the gateway in
 * shell text and making each one a document (SPEC §3, §3.1, §3.2): the
 * part that the command, shell, Markdown and workflow kinds share. */
#ifndef GW_BUILD_COMMAND_H
#define GW_BUILD_COMMAND_H

#include <stddef.h>

#include "doc.h"
#include "shword.h"

struct gw_ruleset;
struct gw_cmdscan;

/* Start a scan of the file of document `d` (initialised, its source and
 * options set). Borrows d and rs; the scan lives in d->arena. */
struct gw_cmdscan *gw_cmdscan_new(struct gw_doc *d,
                                  const struct gw_ruleset *rs);

/* Add a piece of shell text: the whole script, one Markdown fence, one
 * workflow step. `in` is copied; its text and map must outlive the scan
 * (source or arena memory). Pieces with the same `scope` are one shell
 * session: a variable assigned in one may be resolved in a later one. */
void gw_cmdscan_add(struct gw_cmdscan *s, const struct gw_shtext *in,
                    unsigned scope);

/* Turn every gateway command of the pieces into a document: the first one
 * fills `d`, the others follow in d->next, all in d->arena, all sharing
 * d's secret spans. Returns the number of commands; with 0, `d` is left
 * as it was. */
size_t gw_cmdscan_finish(struct gw_cmdscan *s);

#endif
