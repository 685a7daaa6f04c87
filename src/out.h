/* The writers: one vtable for all output formats. Writers know nothing of
 * input formats; they see findings, sources and rules. */
#ifndef GW_OUT_H
#define GW_OUT_H

#include <stdio.h>

#include "diag.h"
#include "rule.h"

struct gw_ruleset;

/* What a writer needs beyond the findings. */
struct gw_out_opts {
    FILE *fp;              /* borrowed */
    bool color;            /* text only */
    bool source;           /* text only: print excerpt + caret */
    bool quiet;            /* text only: no summary line */
    const char *version;   /* gwlint version */
    const struct gw_ruleset *rules; /* borrowed: every rule, for SARIF */
    const char *summary_path; /* github: GITHUB_STEP_SUMMARY, or NULL */
};

/* Totals a writer reports at its end. */
struct gw_out_totals {
    unsigned errors, warnings, notes, suppressed;
    unsigned files;          /* files linted */
    unsigned files_with;     /* files with at least one finding */
};

/* A tool failure to report in the output (SARIF invocation notifications),
 * also printed on stderr by main. */
struct gw_out_notice {
    const char *path;        /* may be NULL */
    const char *message;
};

struct gw_writer {
    const char *name; /* "text", "json", "sarif", "github" */
    /* Create the writer's state. Returns owned state for the calls below. */
    void *(*begin)(const struct gw_out_opts *o);
    /* One document's findings, already sorted. `src` holds their text
     * (borrowed for the call); secrets in `mask` spans are never echoed. */
    void (*diags)(void *st, const struct gw_source *src,
                  const struct gw_span *mask, size_t nmask,
                  const struct gw_diag *d, size_t n);
    /* A tool failure. */
    void (*notice)(void *st, const struct gw_out_notice *nt);
    /* Finish, print totals, free the state. */
    void (*end)(void *st, const struct gw_out_totals *t);
};

extern const struct gw_writer gw_writer_text;
extern const struct gw_writer gw_writer_json;
extern const struct gw_writer gw_writer_sarif;
extern const struct gw_writer gw_writer_github;

/* The writer named `name`, or NULL. */
const struct gw_writer *gw_writer_find(const char *name);

#endif
