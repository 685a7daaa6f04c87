/* The parsed tree of a YAML or JSON text. */
#include "node.h"

#include <string.h>
#include <strings.h>

#include "mem.h"

struct gw_node *gw_node_new(struct gw_arena *a, enum gw_node_kind kind)
{
    struct gw_node *n = gw_arena_alloc(a, sizeof *n);
    n->kind = kind;
    n->str = "";
    return n;
}

void gw_node_append(struct gw_arena *a, struct gw_node *parent,
                    struct gw_node *kid)
{
    uint32_t n = parent->nkids;
    /* Capacity doubles at powers of two; the old array stays in the arena,
     * which costs at most as much again and keeps the arena simple. */
    if (n == 0 || (n & (n - 1)) == 0) {
        uint32_t cap = n ? n * 2 : 1;
        struct gw_node **kids = gw_arena_alloc(a, cap * sizeof *kids);
        if (n)
            memcpy(kids, parent->kids, n * sizeof *kids);
        parent->kids = kids;
    }
    parent->kids[parent->nkids++] = kid;
}

struct gw_node *gw_node_get(const struct gw_node *n, const char *key)
{
    uint32_t i;
    if (!n || n->kind != GW_NODE_MAP)
        return NULL;
    for (i = 0; i < n->nkids; i++)
        if (n->kids[i]->key && strcmp(n->kids[i]->key->str, key) == 0)
            return n->kids[i];
    return NULL;
}

struct gw_node *gw_node_get_ci(const struct gw_node *n, const char *key)
{
    uint32_t i;
    if (!n || n->kind != GW_NODE_MAP)
        return NULL;
    for (i = 0; i < n->nkids; i++)
        if (n->kids[i]->key && strcasecmp(n->kids[i]->key->str, key) == 0)
            return n->kids[i];
    return NULL;
}
