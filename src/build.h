/* Building the neutral document from one input file: limits, format
 * detection (content first, name second), parsing, and flattening of
 * settings maps (SPEC §3). */
#ifndef GW_BUILD_H
#define GW_BUILD_H

#include <stdbool.h>

#include "doc.h"
#include "status.h"

struct gw_ruleset;

struct gw_build_opts {
    const char *input_type;   /* forced kind (--input-type), or NULL */
    enum gw_profile profile;
    bool profile_forced;      /* --profile or a config glob chose it */
    enum gw_prot prot;        /* protection known from a command, or
                                 GW_PROT_UNKNOWN */
};

/* Build `d` (initialised by gw_doc_init over its source) from the text of
 * d->src. Borrows everything; allocates in d->arena. Sets *skip to a
 * reason (a static string) when the file is not about the gateway and must
 * give no findings; otherwise *skip = NULL and the document holds the
 * settings and any GW001/GW003/GW004/GW005 problems. Returns GW_OK, or
 * GW_ERR_USAGE when --input-type names no kind. */
enum gw_status gw_build(struct gw_doc *d, const struct gw_ruleset *rs,
                        const struct gw_build_opts *o, const char **skip);

/* True when `type` is an input kind this build knows. */
bool gw_build_known_type(const char *type);

/* True when a file of this name is one gwlint reads (for directory walks
 * and for files named on the command line). */
bool gw_build_claims_name(const char *path);

struct gw_node;
struct gw_arena;

/* An input kind read as one YAML/JSON tree (SPEC §3). */
struct gw_tree_kind {
    const char *name; /* --input-type name */
    /* Whether the tree `root` of the file `path` is this kind. */
    bool (*detect)(const struct gw_ruleset *rs, const struct gw_node *root,
                   const char *path);
    /* Fill `d` from `root`; set *skip when the file is not about the
     * gateway after all. */
    void (*build)(struct gw_doc *d, const struct gw_ruleset *rs,
                  const struct gw_node *root, const struct gw_build_opts *o,
                  const char **skip);
};

/* An input kind read as text (shell scripts, Markdown, PowerShell). */
struct gw_text_kind {
    const char *name;
    /* Whether a file of this name is this kind (for directory walks). */
    bool (*claims_name)(const char *path);
    /* Whether the file is this kind, by content first and name second. */
    bool (*detect)(const char *path, const char *text, size_t len);
    void (*build)(struct gw_doc *d, const struct gw_ruleset *rs,
                  const struct gw_build_opts *o, const char **skip);
};

/* ---- helpers for the kinds ---- */

/* Flatten settings map `map` into d's settings (dotted keys), with the
 * given protection and group; `json` makes nested objects and non-string
 * values GW003 findings. Marks secret values. */
void gw_build_settings_map(struct gw_doc *d, const struct gw_ruleset *rs,
                           const struct gw_node *map, bool json,
                           enum gw_prot prot, unsigned group);
/* Add fact `name` from node `v` (NULL: nothing). */
void gw_build_fact(struct gw_doc *d, const char *name,
                   const struct gw_node *v);
/* Record GW002 duplicates among d's settings (per group). */
void gw_build_find_dups(struct gw_doc *d);
/* The map holding configurationSettings/configurationProtectedSettings:
 * `root` itself or root.properties; NULL when neither. */
const struct gw_node *gw_build_extension_props(const struct gw_node *root);
/* Build an extension-shaped resource (the two settings maps and the facts
 * extensionType, releaseTrain, version, autoUpgradeMinorVersion, scope). */
void gw_build_extension(struct gw_doc *d, const struct gw_ruleset *rs,
                        const struct gw_node *props, bool json);
/* Whether the map holds a gateway.* key of a catalogue (flat or nested);
 * `a` is scratch memory. */
bool gw_build_has_gateway_key(const struct gw_ruleset *rs, struct gw_arena *a,
                              const struct gw_node *map);
/* Case-insensitive substring / suffix tests. */
bool gw_build_contains_ci(const char *hay, size_t n, const char *needle);
bool gw_build_ends_with(const char *s, const char *suffix);

/* Mark the secret parts of `s`'s value (the signature of a token, or the
 * whole value of a secret key) in d's secret spans. */
void gw_build_mark_secret(struct gw_doc *d, const struct gw_setting *s);

/* Whether `key` names a secret by the catalogues or its name. */
bool gw_build_key_is_secret(const struct gw_ruleset *rs, const char *key);

/* ---- the command kinds (build_command.c, build_markdown.c,
 * build_workflow.c) ---- */

extern const struct gw_text_kind gw_kind_command;
extern const struct gw_text_kind gw_kind_shell;
extern const struct gw_text_kind gw_kind_markdown;

/* The workflow tree kind: GitHub Actions and Azure Pipelines YAML. */
bool gw_workflow_detect(const struct gw_ruleset *rs, const struct gw_node *root,
                        const char *path);
void gw_workflow_build(struct gw_doc *d, const struct gw_ruleset *rs,
                       const struct gw_node *root,
                       const struct gw_build_opts *o, const char **skip);

/* Whether `text` starts with a "#!" line naming a shell (sh, bash, zsh,
 * ksh, dash, ash, pwsh, powershell), directly or through env. */
bool gw_build_shebang(const char *text, size_t len);

/* ---- the infrastructure-as-code kinds (build_arm.c, build_tfplan.c,
 * build_helm.c; shared helpers in build_iac.c) ---- */

/* ARM templates and `az bicep build` output. */
bool gw_build_arm_detect(const struct gw_ruleset *rs,
                         const struct gw_node *root, const char *path);
void gw_build_arm(struct gw_doc *d, const struct gw_ruleset *rs,
                  const struct gw_node *root, const struct gw_build_opts *o,
                  const char **skip);
/* Terraform plans and state as `terraform show -json` prints them. */
bool gw_build_tfplan_detect(const struct gw_ruleset *rs,
                            const struct gw_node *root, const char *path);
void gw_build_tfplan(struct gw_doc *d, const struct gw_ruleset *rs,
                     const struct gw_node *root,
                     const struct gw_build_opts *o, const char **skip);

/* Values files of the gateway's Helm chart: a file named values*.yaml or
 * values*.yml whose nested `gateway:` map holds a key of the gateway's own
 * (configuration.uri, auth.key, ...); another chart's values file of that
 * name is skipped. gw_build_helm also builds any settings file when the
 * profile helm is forced (--profile, a config glob), and a values*.yaml
 * file as Arc settings when the profile arc is forced. */
bool gw_build_helm_detect(const struct gw_ruleset *rs,
                          const struct gw_node *root, const char *path);
void gw_build_helm(struct gw_doc *d, const struct gw_ruleset *rs,
                   const struct gw_node *root, const struct gw_build_opts *o,
                   const char **skip);

struct gw_shword;

/* The value of a shell word from a decoded offset to its end, with the
 * variables assigned earlier in the script resolved (build_command.c). A
 * variable in single quotes makes it dynamic; the caller's command reports
 * it (GW814). */
struct gw_word_value {
    const char *text;        /* arena string */
    size_t len;
    struct gw_span span;     /* where the value is written: the word, or
                                the assignment of its one variable */
    bool dynamic, quoted;
};
typedef void gw_word_value_fn(void *ctx, const struct gw_shword *w,
                              uint32_t from, struct gw_word_value *out);

/* If the words `w` (a simple command's own, after assignments) are `helm
 * install|upgrade` of the azure-api-management-gateway chart, a new
 * document of profile helm for it, in d's arena over d's source (d's
 * input type and context), else NULL. --set, --set-string, --set-literal,
 * --set-file and --set-json pairs are its settings; the release, the
 * chart and the flags are facts. A pair that ends its word gets its value
 * from `value` (with `ctx`; may be NULL). Borrows `w`, which must live as
 * long as the arena. */
struct gw_doc *gw_build_helm_command(struct gw_doc *d,
                                     const struct gw_ruleset *rs,
                                     const struct gw_shword *w, uint32_t n,
                                     gw_word_value_fn *value, void *ctx);

/* Append a new empty document over d's source to the end of d's chain
 * (d->next), with d's arena, context, input type and profile: one per
 * gateway extension of a template or plan. Returns it (arena-owned). */
struct gw_doc *gw_build_next_doc(struct gw_doc *d);
/* Give d, the first document of a chain, the secret spans of all of them,
 * and every other document the same list; masks over a dynamic value that
 * is an ARM expression or a plan's mark are dropped (they hold no secret).
 * Call once, after building. */
void gw_build_share_secrets(struct gw_doc *d);
/* Replace d->ctx with a copy in d's arena that the caller may fill (the
 * run's context stays as it is) and return it. */
struct gw_context *gw_build_own_context(struct gw_doc *d);
/* Set context value `v` to `value` (borrowed; must live in the arena),
 * written at `span` of `src`, unless `v` is already known: flags, the
 * configuration and context files are stronger (SPEC §3.3). */
void gw_build_ctx_offer(struct gw_ctx_value *v, const char *value,
                        const char *origin, const struct gw_source *src,
                        struct gw_span span);

#endif
