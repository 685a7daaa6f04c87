/* Deployment context from files (SPEC §3.3): `az apim show` and
 * `az connectedk8s show` JSON. */
#ifndef GW_CONTEXT_H
#define GW_CONTEXT_H

#include "buf.h"
#include "doc.h"
#include "status.h"

struct gw_arena;

enum gw_ctx_file { GW_CTX_APIM, GW_CTX_CLUSTER };

/* Read the JSON file at `path` (shown as `display`) and fill the values
 * of `ctx` that are still unknown: from --apim the tier (sku.name), name,
 * id and location; from --cluster the location. The source and the values
 * live in arena `a` (run lifetime) so findings can point into the file.
 * Returns GW_OK, or GW_ERR_IO / GW_ERR_PARSE with a one-line reason in
 * `err`. */
enum gw_status gw_context_load(struct gw_context *ctx, struct gw_arena *a,
                               enum gw_ctx_file kind, const char *path,
                               const char *display, struct gw_buf *err);

/* Read a whole file into arena memory (NUL-terminated). Reads at most
 * `max` + 1 bytes so an oversize file is seen without reading it all.
 * Returns GW_OK or GW_ERR_IO with the reason (strerror) in `err`. */
enum gw_status gw_read_file(struct gw_arena *a, const char *path, size_t max,
                            char **text, size_t *len, struct gw_buf *err);

#endif
