/* Our command-line flags as one table (git OPT_*, curl aliases[]). */
#include "opt.h"

#include <string.h>

#include "catalog.h"

static const struct gw_opt opts[] = {
    {GW_OPT_FORMAT, "format", 'f', "FORMAT",
     "output format: text (default), json, sarif, github"},
    {GW_OPT_OUTPUT, "output", 'o', "FILE",
     "write the report to FILE (atomically) instead of stdout"},
    {GW_OPT_CONFIG, "config", 0, "FILE",
     "configuration file (default: nearest .gwlint.yaml)"},
    {GW_OPT_PROFILE, "profile", 0, "PROFILE",
     "key catalogue for settings files: arc (default) or helm"},
    {GW_OPT_INPUT_TYPE, "input-type", 0, "KIND",
     "treat inputs as KIND: settings-json, settings-yaml, extension, arm, "
     "tfplan, helm-values, shell, markdown, workflow"},
    {GW_OPT_REGION, "region", 0, "NAME",
     "the connected cluster's Azure region (eastus2, 'East US 2')"},
    {GW_OPT_TIER, "tier", 0, "NAME",
     "the API Management tier (Developer, Premium, ...)"},
    {GW_OPT_APIM, "apim", 0, "FILE", "JSON of `az apim show` (tier, name, id; its location when "
     "--cluster is not given)"},
    {GW_OPT_CLUSTER, "cluster", 0, "FILE",
     "JSON of `az connectedk8s show` (region)"},
    {GW_OPT_REQUIRE_CONTEXT, "require-context", 0, NULL,
     "report when the region or tier is unknown (GW503)"},
    {GW_OPT_ENABLE, "enable", 0, "RULE", "enable RULE (id or name)"},
    {GW_OPT_DISABLE, "disable", 0, "RULE", "disable RULE (id or name)"},
    {GW_OPT_LEVEL, "level", 0, "RULE=LEVEL",
     "set RULE's level: error, warning, note or off"},
    {GW_OPT_FAIL_LEVEL, "fail-level", 0, "LEVEL",
     "exit 1 on findings at or above LEVEL: error (default), warning, "
     "note, never"},
    {GW_OPT_FIX, "fix", 0, NULL,
     "apply the certain fixes to the files in place, then report the rest"},
    {GW_OPT_NOW, "now", 0, "YYYY-MM-DDTHH:MMZ",
     "the clock for token expiry (default: the system clock)"},
    {GW_OPT_COLOR, "color", 0, "WHEN", "colour: auto (default), always, never"},
    {GW_OPT_NO_SOURCE, "no-source", 0, NULL,
     "do not print the source excerpt under each finding"},
    {GW_OPT_STDIN_FILENAME, "stdin-filename", 0, "NAME",
     "name standard input (-) in reports"},
    {GW_OPT_COMMAND, "command", 0, "STRING",
     "lint one az k8s-extension command line given as a string"},
    {GW_OPT_QUIET, "quiet", 'q', NULL, "print findings only, no summary"},
    {GW_OPT_VERBOSE, "verbose", 0, NULL,
     "say which files were skipped, and why"},
    {GW_OPT_VERSION, "version", 0, NULL, "print the version and exit"},
    {GW_OPT_HELP, "help", 'h', NULL, "print this help and exit"},
};

#define NOPTS (sizeof opts / sizeof opts[0])

bool gw_opt_next(int argc, char **argv, int *i, struct gw_optarg *out,
                 bool *after_dashdash, char *err, size_t errn)
{
    const char *a = argv[*i];
    const char *eq = NULL;
    size_t k, nlen;

    out->opt = NULL;
    out->value = a;
    (*i)++;
    if (*after_dashdash || a[0] != '-' || a[1] == '\0')
        return true;
    if (strcmp(a, "--") == 0) {
        *after_dashdash = true;
        out->value = NULL;
        return true;
    }
    if (a[1] != '-') {
        for (k = 0; k < NOPTS; k++)
            if (opts[k].short_name == a[1])
                break;
        if (k == NOPTS) {
            snprintf(err, errn, "unknown option '-%c'", a[1]);
            return false;
        }
        out->opt = &opts[k];
        if (!opts[k].arg) {
            if (a[2]) {
                snprintf(err, errn, "option '-%c' takes no argument", a[1]);
                return false;
            }
            return true;
        }
        if (a[2]) {
            out->value = a + 2;
            return true;
        }
        if (*i >= argc) {
            snprintf(err, errn, "option '-%c' needs an argument", a[1]);
            return false;
        }
        out->value = argv[(*i)++];
        return true;
    }
    a += 2;
    eq = strchr(a, '=');
    nlen = eq ? (size_t)(eq - a) : strlen(a);
    for (k = 0; k < NOPTS; k++)
        if (strlen(opts[k].name) == nlen && strncmp(opts[k].name, a, nlen) == 0)
            break;
    if (k == NOPTS) {
        const char *best = NULL;
        unsigned bestd = 3, d;
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)(nlen < 60 ? nlen : 60), a);
        for (k = 0; k < NOPTS; k++) {
            d = gw_edit_distance(name, opts[k].name, false, bestd);
            if (d < bestd) {
                bestd = d;
                best = opts[k].name;
            }
        }
        if (best)
            snprintf(err, errn, "unknown option '--%s'; did you mean '--%s'",
                     name, best);
        else
            snprintf(err, errn, "unknown option '--%s'; see gwlint --help",
                     name);
        return false;
    }
    out->opt = &opts[k];
    if (!opts[k].arg) {
        if (eq) {
            snprintf(err, errn, "option '--%s' takes no argument",
                     opts[k].name);
            return false;
        }
        return true;
    }
    if (eq) {
        out->value = eq + 1;
        return true;
    }
    if (*i >= argc) {
        snprintf(err, errn, "option '--%s' needs an argument (%s)",
                 opts[k].name, opts[k].arg);
        return false;
    }
    out->value = argv[(*i)++];
    return true;
}

void gw_opt_help(FILE *fp)
{
    size_t k;
    fputs("usage: gwlint [OPTIONS] [PATH...]     lint files and directories\n"
          "       gwlint [OPTIONS] -             lint standard input\n"
          "       gwlint [OPTIONS] --command STRING\n"
          "       gwlint [OPTIONS] -- az k8s-extension create ...\n"
          "       gwlint rules [--format text|json]\n"
          "       gwlint explain RULE\n"
          "       gwlint lsp                     language server on stdio\n"
          "\n"
          "Checks the configuration of the Azure API Management self-hosted\n"
          "gateway (Arc extension Microsoft.ApiManagement.Gateway).\n"
          "\n"
          "options:\n",
          fp);
    for (k = 0; k < NOPTS; k++) {
        char left[64];
        if (opts[k].short_name)
            snprintf(left, sizeof left, "-%c, --%s%s%s", opts[k].short_name,
                     opts[k].name, opts[k].arg ? " " : "",
                     opts[k].arg ? opts[k].arg : "");
        else
            snprintf(left, sizeof left, "    --%s%s%s", opts[k].name,
                     opts[k].arg ? " " : "", opts[k].arg ? opts[k].arg : "");
        if (strlen(left) > 28)
            fprintf(fp, "  %s\n  %-28s %s\n", left, "", opts[k].help);
        else
            fprintf(fp, "  %-28s %s\n", left, opts[k].help);
    }
    fputs("\nexit status: 0 no findings at or above the fail level, 1 "
          "findings,\n2 usage, input or configuration error.\n",
          fp);
}
