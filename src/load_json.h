/* JSON text -> gw_node tree (cJSON, with spans recovered by a token scan).
 * cJSON stays inside this module. */
#ifndef GW_LOAD_JSON_H
#define GW_LOAD_JSON_H

#include "node.h"
#include "status.h"

struct gw_arena;

/* Parse `src` (one JSON value, a leading UTF-8 BOM allowed) into a tree in
 * `a`. Borrows `src` for the call. Every node's span is exact: strings
 * include their quotes; a member's key node has the key's span. Members
 * keep their order and duplicates (the caller reports duplicate keys).
 * Returns GW_OK; GW_ERR_PARSE with err->span at the offending byte for
 * invalid JSON (truncation, NUL bytes, invalid UTF-8 in strings, trailing
 * garbage); GW_ERR_LIMIT when nesting exceeds GW_MAX_DEPTH or nodes exceed
 * GW_MAX_NODES. On error *root is NULL. */
enum gw_status gw_load_json(struct gw_arena *a, const struct gw_source *src,
                            struct gw_node **root, struct gw_load_error *err);

#endif
