/* YAML text -> gw_node tree (libyaml). The only module that sees <yaml.h>. */
#ifndef GW_LOAD_YAML_H
#define GW_LOAD_YAML_H

#include "node.h"
#include "status.h"

struct gw_arena;

/* Parse the first YAML document of `src` into a tree allocated in `a`.
 * Borrows `src` for the call; the tree points into arena memory only.
 * Anchors and aliases are resolved (an alias shares the anchored subtree,
 * marked `alias`). Plain scalars are typed by the YAML 1.2 core schema.
 * An empty document gives *root = NULL and GW_OK.
 * Returns GW_OK; GW_ERR_PARSE with err->span at the problem for a syntax
 * error (also invalid UTF-8, NUL bytes, an undefined alias); GW_ERR_LIMIT
 * when nesting exceeds GW_MAX_DEPTH, aliases GW_MAX_ALIASES, nodes after
 * alias expansion GW_MAX_NODES, or an alias refers to an anchor whose node
 * is still open (a cycle). On error *root is NULL. */
enum gw_status gw_load_yaml(struct gw_arena *a, const struct gw_source *src,
                            struct gw_node **root, struct gw_load_error *err);

#endif
