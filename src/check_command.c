/* Checks of `az k8s-extension create|update` command lines (GW801-GW814)
 * and of secrets written literally into scripts, documents and workflows
 * (GW206). Flags are the document's facts, named as written. */
#include "check.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "catalog.h"
#include "cmdflag.h"
#include "mem.h"

#define CMD_FACT "az k8s-extension"

/* The command fact, or NULL when the document is no command. */
static const struct gw_fact *command(const struct gw_check_ctx *c)
{
    return gw_doc_fact(c->doc, CMD_FACT);
}

static bool is_create(const struct gw_fact *cmd)
{
    return strcmp(cmd->value, "create") == 0;
}

static const struct gw_flag *flag_of(const struct gw_fact *f)
{
    return f->name[0] == '-' ? gw_flag_find(f->name, strlen(f->name)) : NULL;
}

/* The last fact of the flag `canonical` (argparse keeps the last), or
 * NULL. */
static const struct gw_fact *flag(const struct gw_check_ctx *c,
                                  const char *canonical)
{
    const struct gw_fact *last = NULL;
    size_t i;
    for (i = 0; i < c->doc->nfacts; i++) {
        const struct gw_flag *f = flag_of(&c->doc->facts[i]);
        if (f && strcmp(f->canonical, canonical) == 0)
            last = &c->doc->facts[i];
    }
    return last;
}

/* A fact's literal value, or NULL when it has none or it is dynamic. */
static const char *literal(const struct gw_fact *f)
{
    return f && f->value && !f->dynamic ? f->value : NULL;
}

/* Whether a flag's value is a placeholder (<cluster-name>, TODO, ...). */
static bool placeholder(const struct gw_check_ctx *c, const struct gw_fact *f)
{
    struct gw_setting s;
    if (!literal(f))
        return false;
    memset(&s, 0, sizeof s);
    s.key = f->name;
    s.value = f->value;
    s.value_len = strlen(f->value);
    s.vkind = GW_VAL_STRING;
    s.value_span = f->value_span;
    return gw_check_placeholder(c, &s, NULL);
}

/* ---- GW801 missing-flag ---- */

static void run_missing_flag(struct gw_check_ctx *c)
{
    static const struct {
        const char *flag, *what;
        bool create_only;
    } req[] = {
        {"--name", "the extension's name, such as apim-gateway", false},
        {"--cluster-name", "the Arc-connected cluster", false},
        {"--resource-group", "the cluster's resource group", false},
        {"--cluster-type", "connectedClusters for an Arc-enabled cluster",
         false},
        {"--extension-type", "Microsoft.ApiManagement.Gateway", true},
    };
    const struct gw_fact *cmd = command(c);
    size_t i;
    if (!cmd)
        return;
    for (i = 0; i < sizeof req / sizeof req[0]; i++) {
        if ((req[i].create_only && !is_create(cmd)) || flag(c, req[i].flag))
            continue;
        gw_report(c, cmd->name_span, req[i].flag,
                  "az k8s-extension %s needs %s (%s); az stops with 'the "
                  "following arguments are required'",
                  cmd->value, req[i].flag, req[i].what);
    }
}

const struct gw_check gw_check_missing_flag = {"missing-flag",
                                               run_missing_flag};

/* ---- GW802 flag-value ---- */

static const char *one_of(const char *v, const char *const *set)
{
    for (; *set; set++)
        if (strcasecmp(v, *set) == 0)
            return *set;
    return NULL;
}

static const char *nearest(const char *v, const char *const *set)
{
    const char *best = NULL;
    unsigned bestd = strlen(v) < 6 ? 2 : 4, d;
    for (; *set; set++) {
        d = gw_edit_distance(v, *set, true, bestd - 1);
        if (d < bestd) {
            bestd = d;
            best = *set;
        }
    }
    return best;
}

static void bad_value(struct gw_check_ctx *c, const struct gw_fact *f,
                      const char *allowed, const char *const *set)
{
    const char *near = nearest(f->value, set);
    if (placeholder(c, f))
        gw_report(c, f->value_span, f->name,
                  "%s '%s' is a placeholder; use one of %s", f->name, f->value,
                  allowed);
    else if (near)
        gw_report(c, f->value_span, f->name,
                  "%s '%s' is not one of %s; did you mean '%s'", f->name,
                  f->value, allowed, near);
    else
        gw_report(c, f->value_span, f->name, "%s '%s' is not one of %s",
                  f->name, f->value, allowed);
}

static void run_flag_value(struct gw_check_ctx *c)
{
    static const char *const types[] = {"connectedClusters", "managedClusters",
                                        "appliances", "provisionedClusters",
                                        NULL};
    static const char *const scopes[] = {"cluster", "namespace", NULL};
    static const char *const bools[] = {"true", "false", "yes", "no", "y", "n",
                                        "t",    "f",     "1",   "0",  NULL};
    const struct gw_fact *f;
    const char *v;
    size_t i;

    if (!command(c))
        return;
    for (i = 0; i < c->doc->nfacts; i++) {
        const struct gw_flag *fl = flag_of(&c->doc->facts[i]);
        f = &c->doc->facts[i];
        if (fl && (fl->kind == GW_FLAG_VALUE || fl->kind == GW_FLAG_FILE) &&
            !f->value)
            gw_report(c, f->name_span, f->name,
                      "%s needs a value, and az stops with 'expected one "
                      "argument'",
                      f->name);
    }
    f = flag(c, "--cluster-type");
    if ((v = literal(f))) {
        const char *t = one_of(v, types);
        if (!t)
            bad_value(c, f,
                      "connectedClusters, managedClusters, appliances, "
                      "provisionedClusters",
                      types);
        else if (strcmp(t, "connectedClusters") != 0)
            gw_report_level(c, GW_WARNING, f->value_span, f->name,
                            "%s '%s': the self-hosted gateway extension is "
                            "documented for Arc-enabled clusters, "
                            "'connectedClusters'",
                            f->name, v);
    }
    f = flag(c, "--scope");
    if ((v = literal(f)) && !one_of(v, scopes))
        bad_value(c, f, "cluster, namespace", scopes);
    f = flag(c, "--auto-upgrade-minor-version");
    if ((v = literal(f)) && !one_of(v, bools))
        bad_value(c, f, "true, false (or yes, no, y, n, t, f, 1, 0)", bools);
}

const struct gw_check gw_check_flag_value = {"flag-value", run_flag_value};

/* ---- GW803 scope-conflict ---- */

static void run_scope_conflict(struct gw_check_ctx *c)
{
    const struct gw_fact *cmd = command(c);
    const struct gw_fact *scope, *target, *release;
    const char *v;
    if (!cmd || !is_create(cmd))
        return;
    scope = flag(c, "--scope");
    target = flag(c, "--target-namespace");
    release = flag(c, "--release-namespace");
    if (scope && (scope->dynamic || placeholder(c, scope)))
        return;
    v = literal(scope);
    if (v && strcasecmp(v, "namespace") == 0 && !target)
        gw_report(c, scope->value_span, "--scope",
                  "--scope namespace needs --target-namespace, the "
                  "namespace to install the gateway into");
    if (v && strcasecmp(v, "cluster") == 0 && target)
        gw_report(c, target->name_span, "--target-namespace",
                  "--target-namespace goes with --scope namespace, not "
                  "--scope cluster; with cluster scope name the namespace "
                  "with --release-namespace");
    if (release && !(v && strcasecmp(v, "cluster") == 0))
        gw_report(c, release->name_span, "--release-namespace",
                  "--release-namespace needs --scope cluster (%s), and az "
                  "stops otherwise; with namespace scope use "
                  "--target-namespace",
                  v ? "the scope is namespace" : "--scope is not given");
}

const struct gw_check gw_check_scope_conflict = {"scope-conflict",
                                                 run_scope_conflict};

/* ---- GW804 invalid-name ---- */

static bool alnum_lower(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
}

/* What is wrong with `v` as a name of this flag, or NULL; *warn for the
 * milder cases. */
static const char *name_problem(struct gw_check_ctx *c, const char *canon,
                                const char *v, bool *warn)
{
    size_t n = strlen(v), i;
    *warn = false;
    if (n == 0)
        return "is empty";
    if (strcmp(canon, "--target-namespace") == 0 ||
        strcmp(canon, "--release-namespace") == 0) {
        if (n > 63)
            return "is longer than 63 characters";
        for (i = 0; i < n; i++)
            if (v[i] >= 'A' && v[i] <= 'Z')
                return "has upper-case letters; a Kubernetes namespace is "
                       "lower-case letters, digits and '-'";
        for (i = 0; i < n; i++)
            if (!alnum_lower(v[i]) && v[i] != '-')
                return gw_arena_printf(
                    c->doc->arena,
                    "has '%c'; a Kubernetes namespace is lower-case letters, "
                    "digits and '-'",
                    isprint((unsigned char)v[i]) ? v[i] : '?');
        if (!alnum_lower(v[0]) || !alnum_lower(v[n - 1]))
            return "must start and end with a letter or digit (RFC 1123 "
                   "label)";
        return NULL;
    }
    if (strcmp(canon, "--name") == 0) {
        bool upper = false;
        if (!isalnum((unsigned char)v[0]))
            return "must start with a letter or digit";
        if (n > 253)
            return "is longer than 253 characters";
        for (i = 0; i < n; i++) {
            if (!isalnum((unsigned char)v[i]) && v[i] != '-' && v[i] != '.')
                return gw_arena_printf(
                    c->doc->arena,
                    "has '%c'; an extension name is letters, digits, '-' and "
                    "'.'",
                    isprint((unsigned char)v[i]) ? v[i] : '?');
            upper |= v[i] >= 'A' && v[i] <= 'Z';
        }
        *warn = true;
        if (upper)
            return "has upper-case letters, and the extension's Helm "
                   "release and Kubernetes objects are named after it; use "
                   "lower case";
        if (n > 53)
            return "is longer than 53 characters, the limit of the Helm "
                   "release named after it";
        return NULL;
    }
    if (strcmp(canon, "--cluster-name") == 0) {
        if (n > 260)
            return "is longer than 260 characters";
        for (i = 0; i < n; i++)
            if (!isalnum((unsigned char)v[i]) && v[i] != '-' && v[i] != '_')
                return gw_arena_printf(
                    c->doc->arena,
                    "has '%c'; a connected cluster's name is letters, "
                    "digits, '-' and '_'",
                    isprint((unsigned char)v[i]) ? v[i] : '?');
        return NULL;
    }
    if (strcmp(canon, "--resource-group") == 0) {
        if (n > 90)
            return "is longer than 90 characters";
        for (i = 0; i < n; i++) {
            unsigned char ch = (unsigned char)v[i];
            if (!isalnum(ch) && ch < 0x80 && !strchr("_-.()", ch))
                return gw_arena_printf(
                    c->doc->arena,
                    "has '%c'; a resource group name is letters, digits, "
                    "'_', '-', '.', '(' and ')'",
                    isprint(ch) ? v[i] : '?');
        }
        if (v[n - 1] == '.')
            return "ends with '.'";
    }
    return NULL;
}

static void run_invalid_name(struct gw_check_ctx *c)
{
    static const struct {
        const char *flag, *what;
    } names[] = {
        {"--name", "a name for the extension, such as apim-gateway"},
        {"--cluster-name", "the name of the Arc-connected cluster"},
        {"--resource-group", "the cluster's resource group"},
        {"--target-namespace", "the namespace for the gateway"},
        {"--release-namespace", "the namespace for the gateway"},
    };
    size_t i;
    if (!command(c))
        return;
    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        const struct gw_fact *f = flag(c, names[i].flag);
        const char *v = literal(f), *why;
        bool warn;
        if (!v)
            continue;
        if (placeholder(c, f)) {
            gw_report(c, f->value_span, f->name,
                      "%s '%s' is a placeholder; put %s", f->name, v,
                      names[i].what);
            continue;
        }
        why = name_problem(c, names[i].flag, v, &warn);
        if (why)
            gw_report_level(c, warn ? GW_WARNING : GW_ERROR, f->value_span,
                            f->name, "%s '%s' %s", f->name, v, why);
    }
}

const struct gw_check gw_check_invalid_name = {"invalid-name",
                                               run_invalid_name};

/* ---- GW805 release-train ---- */

static void run_release_train(struct gw_check_ctx *c)
{
    const struct gw_fact *cmd = command(c), *f;
    const char *v;
    if (!cmd || !is_create(cmd))
        return;
    f = flag(c, "--release-train");
    if (!f) {
        gw_report(c, cmd->name_span, "--release-train",
                  "no --release-train, so az installs from the stable "
                  "train, but Microsoft.ApiManagement.Gateway is offered on "
                  "the preview train; add --release-train preview");
        return;
    }
    if (!(v = literal(f)) || strcasecmp(v, "preview") == 0)
        return;
    if (placeholder(c, f))
        gw_report(c, f->value_span, f->name,
                  "--release-train '%s' is a placeholder; use preview", v);
    else
        gw_report(c, f->value_span, f->name,
                  "--release-train '%s': Microsoft.ApiManagement.Gateway is "
                  "offered on the preview train; use --release-train preview",
                  v);
}

const struct gw_check gw_check_release_train = {"release-train",
                                                run_release_train};

/* ---- GW806 version-with-auto-upgrade ---- */

static void run_version_auto_upgrade(struct gw_check_ctx *c)
{
    static const char *const off[] = {"false", "no", "n", "f", "0", NULL};
    const struct gw_fact *ver, *au;
    const char *v;
    if (!command(c) || !(ver = flag(c, "--version")))
        return;
    au = flag(c, "--auto-upgrade-minor-version");
    if (au && (au->dynamic || ((v = literal(au)) && one_of(v, off))))
        return;
    gw_report(c, ver->name_span, "--version",
              "--version pins the extension's version, but auto-upgrade "
              "is %s, and az stops with 'To pin to specific version, "
              "auto-upgrade-minor-version must be set to 'false''; add "
              "--auto-upgrade-minor-version false or drop --version",
              au ? "on" : "on by default");
}

const struct gw_check gw_check_version_with_auto_upgrade = {
    "version-with-auto-upgrade", run_version_auto_upgrade};

/* ---- GW807 settings-source-conflict ---- */

static void run_settings_source_conflict(struct gw_check_ctx *c)
{
    const struct gw_fact *first[2][2] = {{NULL, NULL}, {NULL, NULL}};
    size_t i;
    int p;
    if (!command(c))
        return;
    /* [protected][file]: the first of each; report the later side */
    for (i = 0; i < c->doc->nfacts; i++) {
        const struct gw_fact *f = &c->doc->facts[i];
        const struct gw_flag *fl = flag_of(f);
        int file;
        if (!fl || (fl->kind != GW_FLAG_SETTINGS && fl->kind != GW_FLAG_FILE))
            continue;
        p = fl->prot == GW_PROT_PROTECTED;
        file = fl->kind == GW_FLAG_FILE;
        if (!first[p][file])
            first[p][file] = f;
    }
    for (p = 0; p < 2; p++) {
        const struct gw_fact *a = first[p][0], *b = first[p][1], *later;
        if (!a || !b)
            continue;
        later = a->name_span.start > b->name_span.start ? a : b;
        gw_report(c, later->name_span, later->name,
                  "%s and %s are both given, and az stops with 'Both "
                  "%s and %s cannot be provided'; put all %s settings in "
                  "one of them",
                  a->name, b->name,
                  p ? "configuration-protected-settings"
                    : "configuration-settings",
                  p ? "configuration-protected-settings-file"
                    : "configuration-settings-file",
                  p ? "protected" : "plain");
    }
}

const struct gw_check gw_check_settings_source_conflict = {
    "settings-source-conflict", run_settings_source_conflict};

/* ---- GW808, GW809, GW811, GW814, and GW813 (found while splitting):
 * issues of the document, with their fixes ---- */

static void report_issues(struct gw_check_ctx *c)
{
    size_t i;
    for (i = 0; i < c->doc->nissues; i++) {
        const struct gw_doc_issue *is = &c->doc->issues[i];
        if (strcmp(is->rule, c->rule->id) != 0)
            continue;
        if (is->fix_title)
            gw_report_fix(c, is->span, is->key, is->fix_span, is->fix_text,
                          is->fix_title, "%s", is->message);
        else
            gw_report(c, is->span, is->key, "%s", is->message);
    }
}

const struct gw_check gw_check_malformed_setting = {"malformed-setting",
                                                    report_issues};
const struct gw_check gw_check_unquoted_expansion = {"unquoted-expansion",
                                                     report_issues};
const struct gw_check gw_check_settings_file_missing = {"settings-file-missing",
                                                        report_issues};
const struct gw_check gw_check_single_quoted_expansion = {
    "single-quoted-expansion", report_issues};
const struct gw_check gw_check_broken_continuation = {"broken-continuation",
                                                      report_issues};

/* ---- GW810 unknown-flag ---- */

static void run_unknown_flag(struct gw_check_ctx *c)
{
    const struct gw_fact *cmd = command(c);
    size_t i;
    if (!cmd)
        return;
    report_issues(c);
    for (i = 0; i < c->doc->nfacts; i++) {
        const struct gw_fact *f = &c->doc->facts[i];
        const struct gw_flag *fl;
        const char *near;
        if (f->name[0] != '-')
            continue;
        fl = flag_of(f);
        if (fl) {
            unsigned want = is_create(cmd) ? GW_FLAG_CREATE : GW_FLAG_UPDATE;
            if (!(fl->cmds & want))
                gw_report(c, f->name_span, f->name,
                          "az k8s-extension %s has no %s%s", cmd->value,
                          f->name,
                          is_create(cmd) ? ""
                                         : "; it is set when the extension "
                                           "is created");
            continue;
        }
        near = gw_flag_suggest(f->name);
        if (near)
            gw_report(c, f->name_span, f->name,
                      "'%s' is not a flag of az k8s-extension %s; did you "
                      "mean '%s'",
                      f->name, cmd->value, near);
        else
            gw_report(c, f->name_span, f->name,
                      "'%s' is not a flag of az k8s-extension %s, and az "
                      "stops with 'unrecognized arguments'",
                      f->name, cmd->value);
    }
}

const struct gw_check gw_check_unknown_flag = {"unknown-flag",
                                               run_unknown_flag};

/* ---- GW812 deprecated-flag ---- */

static void run_deprecated_flag(struct gw_check_ctx *c)
{
    size_t i;
    if (!command(c))
        return;
    for (i = 0; i < c->doc->nfacts; i++) {
        const struct gw_fact *f = &c->doc->facts[i];
        const struct gw_flag *fl = flag_of(f);
        const char *t = c->doc->src->text + f->name_span.start;
        size_t n = f->name_span.end - f->name_span.start;
        if (!fl || !fl->preferred)
            continue;
        /* the fix rewrites the flag only where it is written plainly */
        if (n == strlen(f->name) && memcmp(t, f->name, n) == 0)
            gw_report_fix(
                c, f->name_span, f->name, f->name_span, fl->preferred,
                gw_arena_printf(c->doc->arena, "use %s", fl->preferred),
                "%s is a deprecated spelling; az warns about it "
                "and a later release may drop it: use %s",
                f->name, fl->preferred);
        else
            gw_report(c, f->name_span, f->name,
                      "%s is a deprecated spelling; az warns about it and a "
                      "later release may drop it: use %s",
                      f->name, fl->preferred);
    }
}

const struct gw_check gw_check_deprecated_flag = {"deprecated-flag",
                                                  run_deprecated_flag};

/* ---- GW206 hardcoded-secret ---- */

static void run_hardcoded_secret(struct gw_check_ctx *c)
{
    const char *type = c->doc->input_type, *where, *instead;
    size_t i;
    if (strcmp(type, "shell") == 0) {
        where = "this script";
        instead = "an environment variable the deployment sets, such as "
                  "\"$GATEWAY_TOKEN\"";
    } else if (strcmp(type, "markdown") == 0) {
        where = "this document";
        instead = "a placeholder or a variable, such as \"$GATEWAY_TOKEN\"";
    } else if (strcmp(type, "workflow") == 0) {
        where = "this workflow";
        instead = "a secret of the pipeline, such as "
                  "\"${{ secrets.GATEWAY_TOKEN }}\" or \"$(gatewayToken)\"";
    } else {
        return;
    }
    for (i = 0; i < c->doc->nsettings; i++) {
        const struct gw_setting *s = &c->doc->settings[i];
        const struct gw_keydef *k = gw_setting_keydef(c, s);
        /* a secret, not a fragment: a token has its '&' parts */
        if (!k || !k->secret || s->dynamic || s->vkind != GW_VAL_STRING ||
            s->value_len < 16 || gw_check_placeholder(c, s, NULL) ||
            (k->type == GW_KT_TOKEN && !memchr(s->value, '&', s->value_len)))
            continue;
        gw_report(c, gw_value_inner(c, s), s->key,
                  "'%s' is written into %s as a literal %s, so everyone who "
                  "can read it can use it; pass it from %s",
                  s->key, where,
                  k->type == GW_KT_TOKEN ? "gateway token" : "secret", instead);
    }
}

const struct gw_check gw_check_hardcoded_secret = {"hardcoded-secret",
                                                   run_hardcoded_secret};
