/* Findings: struct gw_diag, levels, and the sorted list of a document. */
#ifndef GW_DIAG_H
#define GW_DIAG_H

#include <stdbool.h>
#include <stddef.h>

#include "src.h"

/* Ordered: a higher level is worse (mandoc). GW_LEVEL_OFF disables. */
enum gw_level { GW_LEVEL_OFF = -1, GW_NOTE = 0, GW_WARNING = 1, GW_ERROR = 2 };

/* "error", "warning", "note" or "off". */
const char *gw_level_name(enum gw_level l);
/* Parse a level name; returns false when `s` is none of them. */
bool gw_level_parse(const char *s, enum gw_level *out);

struct gw_rule;

/* A certain replacement of a span of the source (SPEC §8). */
struct gw_fix {
    struct gw_span span;
    const char *replacement; /* never holds a secret */
    const char *title;       /* e.g. "rename to 'gateway.auth.token'" */
};

/* A suppression that applied to a finding (SPEC §7). */
struct gw_suppression {
    const char *reason; /* may be NULL */
    bool external;      /* from the config's ignore:, not a comment */
};

struct gw_diag {
    const struct gw_source *src;  /* borrowed; gives path and positions */
    struct gw_span span;
    const struct gw_rule *rule;   /* borrowed from the ruleset */
    enum gw_level level;          /* effective level */
    const char *message;          /* arena string; never holds a secret */
    const char *key;              /* setting key or flag, for fingerprints;
                                     may be NULL */
    unsigned occurrence;          /* nth finding of this rule+key in file */
    const struct gw_fix *fix;     /* may be NULL */
    const struct gw_suppression *suppressed; /* NULL unless suppressed */
};

/* A growable list of findings. Owns its array, not what items point to. */
struct gw_diag_list {
    struct gw_diag *items;
    size_t n, cap;
};

/* Initialise an empty list. */
void gw_diag_list_init(struct gw_diag_list *l);
/* Free the array (not the strings, which live in arenas). */
void gw_diag_list_release(struct gw_diag_list *l);
/* Append a copy of `d`. */
void gw_diag_list_add(struct gw_diag_list *l, const struct gw_diag *d);
/* Sort by path, start, end, rule id, message; drop exact duplicates; and
 * number occurrences of the same rule and key in a file. */
void gw_diag_list_sort(struct gw_diag_list *l);

#endif
