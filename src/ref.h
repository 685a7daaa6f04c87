/* Settings files that a command passes (`--config-settings-file`,
 * `--config-protected-settings-file`; SPEC §3.1): where they are, whether
 * they are what az reads (a flat JSON object, GW811), and the list of them
 * a run collects so that each is linted with its protection. */
#ifndef GW_REF_H
#define GW_REF_H

#include <stdbool.h>
#include <stddef.h>

#include "build.h"
#include "doc.h"

struct gw_arena;
struct gw_ruleset;

/* The directory of `path` ("deploy/x.sh" -> "deploy", "x.sh" -> ".").
 * Returns an arena string. */
const char *gw_ref_dir(struct gw_arena *a, const char *path);

/* `ref` resolved against directory `dir` and normalised ("./a" -> "a",
 * "a/../b" -> "b"); an absolute ref stays as it is. Returns an arena
 * string, or NULL for a path the shell would still expand ("~/x"). */
const char *gw_ref_path(struct gw_arena *a, const char *dir, const char *ref);

/* For every settings file that the documents of chain `d` pass, read it
 * relative to `dir` and record GW811 on the document when it is missing,
 * unreadable, not valid JSON, not an object, nested or empty. */
void gw_ref_check(struct gw_doc *d, const char *dir);

/* The settings files the commands of a run pass, with their protection. */
struct gw_reflist {
    struct gw_refitem {
        char *path; /* resolved, normalised; owned */
        enum gw_prot prot;
    } * v;
    size_t n, cap;
};

/* Build the text `text` (shown as `path`, lying in directory `dir`) with
 * options `o` and add the settings files its commands pass to `list`.
 * Borrows everything; allocates only in `list`. */
void gw_ref_collect(const struct gw_ruleset *rs, const struct gw_context *ctx,
                    const char *path, const char *dir, const char *text,
                    size_t len, const struct gw_build_opts *o,
                    struct gw_reflist *list);

/* The entry for `path` (normalised before comparing), or NULL. */
const struct gw_refitem *gw_reflist_find(const struct gw_reflist *list,
                                         const char *path);

/* Free the list's memory. */
void gw_reflist_release(struct gw_reflist *list);

/* Whether a file of this name may hold commands that pass settings files:
 * scripts, Markdown, and YAML whose path says workflow or pipeline. The
 * test by name, before reading. */
bool gw_ref_wants(const char *path);

/* Whether `text` mentions k8s-extension and a -file flag: the cheap test
 * before gw_ref_collect. */
bool gw_ref_may_pass_files(const char *path, const char *text, size_t len);

#endif
