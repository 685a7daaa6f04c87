/* The data the rules read: key catalogues, regions, tiers, placeholders.
 * Loaded from rules/data/ by ruleset.c; plain read-only values. */
#ifndef GW_CATALOG_H
#define GW_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "match.h"

enum gw_ktype {
    GW_KT_STRING, GW_KT_URI, GW_KT_TOKEN, GW_KT_BOOL, GW_KT_INT,
    GW_KT_NUMBER, GW_KT_PORT, GW_KT_NODEPORT, GW_KT_ENUM, GW_KT_QUANTITY,
    GW_KT_GUID, GW_KT_HOSTPORT, GW_KT_INT_OR_PERCENT, GW_KT_ARM_ID,
    GW_KT_BASE64, GW_KT_ENDPOINT, GW_KT_PATH, GW_KT_MAP, GW_KT_LIST
};

struct gw_keydef {
    const char *key;
    enum gw_ktype type;
    const char *def;          /* default, or NULL */
    const char *const *values; /* enum values */
    size_t nvalues;
    double min, max;
    bool has_min, has_max;
    bool required, secret;
    const char *req_key;      /* required when req_key == req_value */
    const char *req_value;
    const char *doc;
};

/* An old or other-profile spelling and the key to use instead ("" when
 * there is none). */
struct gw_keymap {
    const char *key;
    bool prefix;              /* `key` is a prefix such as "observability." */
    const char *now;
};

struct gw_catalog {
    const char *profile;
    const struct gw_keydef *keys;
    size_t nkeys;
    const unsigned *index;    /* open-addressing hash of keys, by key */
    size_t index_cap;
    const struct gw_keymap *renamed;
    size_t nrenamed;
    const struct gw_keymap *other;
    size_t nother;
};

struct gw_region {
    const char *name;         /* ARM name, "eastus2" */
    const char *display;      /* "East US 2" */
    const char *doc;          /* name in the extension's docs, or NULL */
    const char *cloud;        /* "public", "usgov", "china" */
    bool supported;
};

struct gw_tier {
    const char *name;
    bool eligible;
    int max_replicas;         /* 0 = no limit */
};

struct gw_regex;

struct gw_placeholder {
    struct gw_regex *re;      /* compiled on first use */
    const char *pattern;
    const char *what;
    const char *needs;        /* a literal every match contains (ASCII
                                 case aside), from the rule data, or NULL */
    bool embedded;            /* matches anywhere, not the whole value */
    struct gw_regex_hint hint; /* what a match needs (generated) */
};

/* The catalogue entry for `key`, or NULL. Structured keys (map/list)
 * also cover their sub-keys ("service.annotations.x", "tolerations[0]"). */
const struct gw_keydef *gw_catalog_find(const struct gw_catalog *c,
                                        const char *key);
/* The entry of `key` in a renamed/other-profile list: the entry of the
 * exact key, else the longest prefix entry that `key` starts with; NULL
 * when none. Borrowed. */
const struct gw_keymap *gw_keymap_find(const struct gw_keymap *m, size_t n,
                                       const char *key);
/* Edit distance (optimal string alignment) between a and b, ASCII
 * case-insensitive when `fold`; stops early above `max` (returns max+1). */
unsigned gw_edit_distance(const char *a, const char *b, bool fold,
                          unsigned max);

#endif
