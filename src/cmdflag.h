/* The flags of `az k8s-extension create` and `update` (domain.md §6.1):
 * spellings, aliases, deprecated forms, what each takes. One table, read
 * by the command builder and by the command checks. */
#ifndef GW_CMDFLAG_H
#define GW_CMDFLAG_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"

enum gw_flag_kind {
    GW_FLAG_VALUE,    /* one value */
    GW_FLAG_SWITCH,   /* no value */
    GW_FLAG_OPTBOOL,  /* a three-state flag: an optional true/false value */
    GW_FLAG_SETTINGS, /* key=value words, nargs +, repeatable */
    GW_FLAG_FILE      /* a JSON settings file */
};

#define GW_FLAG_CREATE 1u
#define GW_FLAG_UPDATE 2u

struct gw_flag {
    const char *name;      /* as spelled: "--config", "-g" */
    const char *canonical; /* the long name all spellings share */
    enum gw_flag_kind kind;
    enum gw_prot prot;     /* settings and file flags */
    const char *preferred; /* a deprecated spelling: what to write, else
                              NULL */
    unsigned cmds;         /* GW_FLAG_CREATE | GW_FLAG_UPDATE */
};

/* The flag spelled `name` (n bytes), or NULL. Borrowed (static). */
const struct gw_flag *gw_flag_find(const char *name, size_t n);

/* The flag whose long spelling is nearest to the unknown `name`, by its
 * current spelling, or NULL when none is close. Borrowed (static). */
const char *gw_flag_suggest(const char *name);

#endif
