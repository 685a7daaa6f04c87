/* The parsed tree of a YAML or JSON text, with the byte span of every node.
 * Loaders build it; the document builder (doc.c) reads it. */
#ifndef GW_NODE_H
#define GW_NODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "src.h"

enum gw_node_kind { GW_NODE_SCALAR, GW_NODE_MAP, GW_NODE_SEQ };

/* What a scalar is, as its syntax says: JSON types, or a YAML plain scalar
 * resolved by the YAML 1.2 core schema (quoted YAML scalars are strings). */
enum gw_scalar { GW_SCALAR_STRING, GW_SCALAR_NUMBER, GW_SCALAR_BOOL,
                 GW_SCALAR_NULL };

struct gw_node {
    enum gw_node_kind kind;
    enum gw_scalar scalar;  /* GW_NODE_SCALAR only */
    const char *str;        /* decoded scalar text, NUL-terminated */
    uint32_t len;           /* its length in bytes (may hold NULs) */
    struct gw_span span;    /* the node in the source: for a quoted scalar
                               the quotes are included */
    struct gw_node *key;    /* for a mapping value: its key (a scalar) */
    struct gw_node **kids;  /* map: the values in order (each ->key set);
                               seq: the items */
    uint32_t nkids;
    bool quoted;            /* scalar written with quotes */
    bool alias;             /* YAML: reached through an alias */
};

struct gw_arena;

/* Allocate a node of `kind` in arena `a`, zeroed. Owned by the arena. */
struct gw_node *gw_node_new(struct gw_arena *a, enum gw_node_kind kind);

/* Append `kid` to `parent` (arena-allocated growth). For maps set
 * kid->key first. */
void gw_node_append(struct gw_arena *a, struct gw_node *parent,
                    struct gw_node *kid);

/* The value of the first member of map `n` whose key is `key` (exact), or
 * NULL. Borrowed. */
struct gw_node *gw_node_get(const struct gw_node *n, const char *key);

/* Same, but comparing keys case-insensitively (ASCII). */
struct gw_node *gw_node_get_ci(const struct gw_node *n, const char *key);

/* Limits that every loader enforces (SPEC §10). */
#define GW_MAX_FILE_BYTES  ((size_t)8 * 1024 * 1024)
#define GW_MAX_DEPTH       64
#define GW_MAX_ALIASES     1000
#define GW_MAX_NODES       100000
#define GW_MAX_LINE_BYTES  ((size_t)1024 * 1024)

#endif
