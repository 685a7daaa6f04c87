/* Suppressions (SPEC §7): `gwlint: ignore[...]` and `ignore-file[...]`
 * comments in the linted text, and the `ignore:` entries of the
 * configuration file. They mark findings suppressed (kept, with the reason,
 * for SARIF); GW006 and GW007 report the ones that suppress nothing or
 * are past their `until` date (check_suppress.c). */
#ifndef GW_SUPPRESS_H
#define GW_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "diag.h"
#include "doc.h"

struct gw_ruleset;

/* One entry of the configuration's `ignore:` list. */
struct gw_ignore {
    const char *glob; /* path glob, relative to the config */
    const struct gw_rule *rule;
    const char *key;           /* setting key, or NULL for any */
    struct gw_suppression sup; /* its reason; external */
    bool has_until;
    time_t until;           /* first second after the until day */
    const char *until_text; /* "2027-01-31" */
    struct gw_span span;    /* the entry in the config file */
    struct gw_span until_span;
};

/* A rule named by a comment directive. */
struct gw_supp_name {
    const char *name;           /* as written */
    const struct gw_rule *rule; /* NULL: no rule has this id or name */
    struct gw_span span;
    bool used; /* it suppressed a finding */
};

/* One `gwlint:` comment directive. */
struct gw_supp_dir {
    bool file;           /* ignore-file: the whole file */
    unsigned line;       /* ignore: the line it governs */
    struct gw_span span; /* from "gwlint:" to the end */
    const char *problem; /* why it is malformed, or NULL */
    bool expired;        /* past `until`: suppresses nothing */
    const char *until_text;
    struct gw_span until_span;
    struct gw_suppression sup; /* what suppressed findings point to */
    struct gw_supp_name *names;
    size_t nnames;
};

/* The suppressions that apply to one document. */
struct gw_supp {
    const struct gw_source *src;
    time_t now;
    struct gw_supp_dir *dirs;
    size_t ndirs;
    const struct gw_ignore *ignores; /* borrowed from the config */
    size_t nignores;
    bool *ignore_matches; /* per entry: its glob matches this file */
    bool *ignore_used;    /* per entry: it suppressed a finding */
};

/* Scan doc's text for directives (comment syntax by its input type: YAML,
 * shell and PowerShell '#', Markdown '<!-- -->' and '#' in fenced code;
 * none in JSON) and prepare the config entries `ig` (n of them, borrowed;
 * may be NULL) for the document whose path relative to the config's
 * directory is `relpath` (NULL: none applies). Everything lives in the
 * document's arena. `now` decides which `until` dates are past. */
void gw_supp_init(struct gw_supp *s, const struct gw_doc *doc,
                  const struct gw_ruleset *rs, time_t now,
                  const struct gw_ignore *ig, size_t n, const char *relpath);

/* Mark the findings l->items[from..] of s->src that a directive or entry
 * suppresses (d->suppressed), and the directives and entries used. An
 * expired or malformed one suppresses nothing. */
void gw_supp_apply(struct gw_supp *s, struct gw_diag_list *l, size_t from);

/* The suppressions for the pass over the configuration file itself, which
 * reports its unused and expired `ignore:` entries: `used` (n flags,
 * borrowed) says which entries suppressed a finding in any file. */
void gw_supp_init_config(struct gw_supp *s, const struct gw_source *src,
                         time_t now, const struct gw_ignore *ig, size_t n,
                         bool *used);

/* Whether rule r is GW006 or GW007 (never reported unused). */
bool gw_supp_is_meta(const struct gw_rule *r);

#endif
