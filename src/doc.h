/* The neutral document every input becomes (SPEC §3): settings, command
 * facts and context. Rules only ever see this. */
#ifndef GW_DOC_H
#define GW_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "src.h"

enum gw_profile { GW_PROFILE_ARC, GW_PROFILE_HELM };

enum gw_prot {
    GW_PROT_UNKNOWN,  /* a standalone settings file: GW205 does not apply */
    GW_PROT_PLAIN,    /* configurationSettings, --configuration-settings */
    GW_PROT_PROTECTED /* configurationProtectedSettings, --config-protected */
};

/* How a value was written, as far as the rules care. */
enum gw_vkind {
    GW_VAL_STRING, /* a string (JSON string, YAML scalar, shell word) */
    GW_VAL_NUMBER, /* JSON number / YAML plain number */
    GW_VAL_BOOL,
    GW_VAL_NULL,
    GW_VAL_MAP,    /* a structured value that was not flattened */
    GW_VAL_SEQ
};

struct gw_setting {
    const char *key;         /* dotted key */
    const char *value;       /* text of the value ("" for null/map/seq) */
    size_t value_len;
    enum gw_vkind vkind;
    enum gw_prot prot;
    bool dynamic;            /* holds an expansion/expression (SPEC §3.2) */
    bool quoted;             /* the value was quoted in the source */
    struct gw_span key_span; /* the key as written (for nested YAML: the
                                innermost key) */
    struct gw_span value_span;
    unsigned group;          /* settings map / command it came from */
    const char *origin;      /* how it was given, for messages: NULL, or
                                e.g. "--configuration-settings" */
};

/* A fact of a command line or a resource: flags, extension properties. */
struct gw_fact {
    const char *name;        /* "--scope", "releaseTrain", ... */
    const char *value;       /* NULL for a switch */
    struct gw_span name_span, value_span;
    bool dynamic;
};

/* A key that a mapping repeats (GW002). */
struct gw_dup {
    const char *key;
    struct gw_span span, first;
    bool later_wins;         /* a command line: warning, the later wins */
};

/* A problem found while building the document, reported by GW00x rules. */
struct gw_doc_issue {
    const char *rule;        /* "GW001", "GW003", "GW004", "GW005" */
    struct gw_span span;
    const char *message;
    const char *key;         /* may be NULL */
    /* A fix, when fix_title is set: replace fix_span with fix_text. */
    struct gw_span fix_span;
    const char *fix_text, *fix_title;
};

/* A settings file that a command passes (--config-settings-file and the
 * protected one): main.c lints it with this protection (SPEC §3.1). */
struct gw_ref {
    const char *path;        /* as written (decoded) */
    enum gw_prot prot;
    const char *flag;        /* the flag as written */
    struct gw_span span;     /* the path in the source */
};

/* One value of context (SPEC §3.3) and where it was written. */
struct gw_ctx_value {
    const char *value;             /* NULL when unknown */
    const char *origin;            /* "--region", "apim.json", ... */
    const struct gw_source *src;   /* where it is written, or NULL */
    struct gw_span span;
};

struct gw_context {
    struct gw_ctx_value region, tier, apim_name, apim_id;
};

enum gw_doc_kind {
    GW_DOC_SETTINGS, /* a standalone settings file: a partial config */
    GW_DOC_COMPLETE  /* extension shape, template, plan, command */
};

struct gw_doc_cache;
struct gw_ph_cache;

struct gw_doc {
    struct gw_arena *arena;        /* everything below lives here */
    const struct gw_source *src;
    const char *input_type;        /* "settings-json", "extension", ... */
    enum gw_profile profile;
    enum gw_doc_kind kind;
    enum gw_prot file_prot;        /* protection of a standalone file */
    struct gw_span anchor;         /* where document-wide findings go */

    struct gw_setting *settings;
    size_t nsettings, settings_cap;
    struct gw_fact *facts;
    size_t nfacts, facts_cap;
    struct gw_dup *dups;
    size_t ndups, dups_cap;
    struct gw_doc_issue *issues;
    size_t nissues, issues_cap;
    struct gw_span *secrets;       /* spans never echoed */
    size_t nsecrets, secrets_cap;
    struct gw_ref *refs;           /* settings files a command passes */
    size_t nrefs, refs_cap;
    unsigned ngroups;
    bool has_settings_map;         /* a settings map exists (GW004) */
    bool context_pass;             /* the pass over context files only */

    const struct gw_context *ctx;  /* borrowed; never NULL */
    struct gw_ph_cache *phcache;   /* the linting thread's placeholder
                                      answers, or NULL (borrowed) */
    struct gw_doc_cache *cache;    /* per-setting look-ups the checks share
                                      (check.c fills it on demand) */
    struct gw_doc *next;           /* the next document of the same source
                                      (a script: one per command), in the
                                      same arena; NULL */
};

/* Initialise an empty document over `src` in arena `a` (both borrowed). */
void gw_doc_init(struct gw_doc *d, struct gw_arena *a,
                 const struct gw_source *src, const struct gw_context *ctx);
/* Make room for n settings in all, so that adding them does not grow the
 * array again. */
void gw_doc_reserve_settings(struct gw_doc *d, size_t n);

/* Append a setting (copied; its strings must live in the arena). Returns
 * the stored copy. */
struct gw_setting *gw_doc_add_setting(struct gw_doc *d,
                                      const struct gw_setting *s);
/* Append a fact (copied). */
void gw_doc_add_fact(struct gw_doc *d, const struct gw_fact *f);
/* Record a repeated key. */
void gw_doc_add_dup(struct gw_doc *d, const struct gw_dup *dup);
/* Record a problem for a GW00x rule; `message` is copied into the arena. */
void gw_doc_add_issue(struct gw_doc *d, const char *rule,
                      struct gw_span span, const char *key,
                      const char *message);
/* Give the issue last recorded a fix: `text` replaces `span` (copied). */
void gw_doc_issue_fix(struct gw_doc *d, struct gw_span span, const char *text,
                      const char *title);
/* Record a settings file a command passes (copied). */
void gw_doc_add_ref(struct gw_doc *d, const struct gw_ref *r);
/* Mark a span as secret: no output echoes its bytes. */
void gw_doc_add_secret(struct gw_doc *d, struct gw_span span);
/* The last setting with `key`, or NULL. Borrowed. */
const struct gw_setting *gw_doc_get(const struct gw_doc *d, const char *key);
/* The first fact named `name`, or NULL. Borrowed. */
const struct gw_fact *gw_doc_fact(const struct gw_doc *d, const char *name);

#endif
