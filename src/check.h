/* C checks: the table of checks that rule files name, and what a check
 * sees while it runs (one rule over one document). */
#ifndef GW_CHECK_H
#define GW_CHECK_H

#include <stdbool.h>
#include <time.h>

#include "diag.h"
#include "doc.h"
#include "rule.h"

struct gw_ruleset;
struct gw_catalog;
struct gw_supp;

/* Options of one run that checks read. */
struct gw_lint_opts {
    time_t now;             /* the clock for token expiry */
    int expiring_days;      /* GW203 window, default 7 */
    bool require_context;   /* GW503 */
};

/* What a check runs with. */
struct gw_check_ctx {
    const struct gw_doc *doc;
    const struct gw_ruleset *rs;
    const struct gw_rule *rule;
    const struct gw_lint_opts *opts;
    const struct gw_catalog *catalog; /* of the document's profile */
    struct gw_diag_list *out;
    const struct gw_supp *supp; /* the document's suppressions, for the
                                   checks that run after them (GW006,
                                   GW007; see suppress.h); else NULL */
};

typedef void gw_check_fn(struct gw_check_ctx *c);

struct gw_check {
    const char *name;
    gw_check_fn *run;
};

/* The check named `name`, or NULL. Borrowed (static). */
const struct gw_check *gw_check_find(const char *name);

/* Number of checks and check i, for the consistency test. */
unsigned gw_check_count(void);
const struct gw_check *gw_check_at(unsigned i);

/* Report a finding of the running rule at `span` about setting or flag
 * `key` (may be NULL). The message is formatted into the document's
 * arena; it must never contain a secret (the engine also redacts). */
void gw_report(struct gw_check_ctx *c, struct gw_span span, const char *key,
               const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Same, with a certain fix: replace `fix_span` with `replacement`. */
void gw_report_fix(struct gw_check_ctx *c, struct gw_span span,
                   const char *key, struct gw_span fix_span,
                   const char *replacement, const char *title,
                   const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;

/* Report at `level` or the rule's level, whichever is lower, so that a
 * rule with a milder case (a nodePort range) still obeys the config. */
void gw_report_level(struct gw_check_ctx *c, enum gw_level level,
                     struct gw_span span, const char *key, const char *fmt,
                     ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* Report in another source (a context file) than the document's. */
void gw_report_in(struct gw_check_ctx *c, const struct gw_source *src,
                  struct gw_span span, const char *key, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* The span of bytes [off, off+len) of a setting's decoded value in the
 * source, when the value is written literally (inside its quotes, without
 * escapes); else the whole value span. */
struct gw_span gw_value_span(const struct gw_check_ctx *c,
                             const struct gw_setting *s, size_t off,
                             size_t len);

/* The value span without its quotes (for fixes that replace the value). */
struct gw_span gw_value_inner(const struct gw_check_ctx *c,
                              const struct gw_setting *s);

/* The catalogue entry that governs setting `key`: its own, or that of the
 * key it is an old or other-profile spelling of. NULL when unknown. */
const struct gw_keydef *gw_check_keydef(const struct gw_check_ctx *c,
                                        const char *key);

/* What the checks keep asking about each setting, computed once per
 * document: its catalogue entry, its old or other-profile spelling, and
 * whether its value is a placeholder. */
struct gw_doc_cache {
    size_t n;                          /* settings covered */
    const struct gw_keydef **def;      /* gw_catalog_find */
    const struct gw_keydef **keydef;   /* gw_check_keydef */
    const struct gw_keymap **renamed, **other;
    const char **ph_what;              /* the placeholder's kind */
    unsigned char *have;               /* which of the above are known */
    /* check_uri.c's parse of the last URI setting it parsed: its six
     * rules parse the same one */
    const struct gw_setting *uri_of;
    void *uri;
    /* gw_doc_get's hash of keys -> index + 1 of the last setting */
    unsigned *slots;
    size_t nslots, indexed;
};

/* The catalogue entry of setting `s` of the running document (exact or
 * structured parent), or NULL; like gw_catalog_find(c->catalog, s->key)
 * but computed once per setting. */
const struct gw_keydef *gw_setting_def(const struct gw_check_ctx *c,
                                       const struct gw_setting *s);
/* gw_check_keydef(c, s->key), computed once per setting. */
const struct gw_keydef *gw_setting_keydef(const struct gw_check_ctx *c,
                                          const struct gw_setting *s);
/* The renamed / other-profile entry of `s`'s key, or NULL; once. */
const struct gw_keymap *gw_setting_renamed(const struct gw_check_ctx *c,
                                           const struct gw_setting *s);
const struct gw_keymap *gw_setting_other(const struct gw_check_ctx *c,
                                         const struct gw_setting *s);

/* Whether a setting's value is a placeholder (GW106); when it is and
 * `what` is not NULL, *what names the kind. Dynamic values never are. */
bool gw_check_placeholder(const struct gw_check_ctx *c,
                          const struct gw_setting *s, const char **what);

/* Whether the value is blank (empty or only white space). */
bool gw_blank(const char *s, size_t n);

/* Declare every check (see check_list.h). */
#define CHECK(n) extern const struct gw_check gw_check_##n;
#include "check_list.h"
#undef CHECK

#endif
