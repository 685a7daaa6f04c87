/* The flag table of `az k8s-extension create` and `update`. */
#include "cmdflag.h"

#include <string.h>

#include "catalog.h"

#define C  GW_FLAG_CREATE
#define U  GW_FLAG_UPDATE
#define CU (GW_FLAG_CREATE | GW_FLAG_UPDATE)
#define PL GW_PROT_PLAIN
#define PR GW_PROT_PROTECTED
#define NO GW_PROT_UNKNOWN

static const struct gw_flag flags[] = {
    {"--name", "--name", GW_FLAG_VALUE, NO, NULL, CU},
    {"-n", "--name", GW_FLAG_VALUE, NO, NULL, CU},
    {"--cluster-name", "--cluster-name", GW_FLAG_VALUE, NO, NULL, CU},
    {"-c", "--cluster-name", GW_FLAG_VALUE, NO, NULL, CU},
    {"--resource-group", "--resource-group", GW_FLAG_VALUE, NO, NULL, CU},
    {"-g", "--resource-group", GW_FLAG_VALUE, NO, NULL, CU},
    {"--cluster-type", "--cluster-type", GW_FLAG_VALUE, NO, NULL, CU},
    {"-t", "--cluster-type", GW_FLAG_VALUE, NO, NULL, CU},
    {"--cluster-resource-provider", "--cluster-resource-provider",
     GW_FLAG_VALUE, NO, NULL, CU},
    {"--cluster-rp", "--cluster-resource-provider", GW_FLAG_VALUE, NO, NULL,
     CU},
    {"--extension-type", "--extension-type", GW_FLAG_VALUE, NO, NULL, C},
    {"--scope", "--scope", GW_FLAG_VALUE, NO, NULL, C},
    {"--target-namespace", "--target-namespace", GW_FLAG_VALUE, NO, NULL, C},
    {"--release-namespace", "--release-namespace", GW_FLAG_VALUE, NO, NULL, C},
    {"--release-train", "--release-train", GW_FLAG_VALUE, NO, NULL, CU},
    {"--version", "--version", GW_FLAG_VALUE, NO, NULL, CU},
    {"--auto-upgrade-minor-version", "--auto-upgrade-minor-version",
     GW_FLAG_OPTBOOL, NO, NULL, CU},
    {"--auto-upgrade", "--auto-upgrade-minor-version", GW_FLAG_OPTBOOL, NO,
     NULL, CU},
    {"--configuration-settings", "--configuration-settings", GW_FLAG_SETTINGS,
     PL, NULL, CU},
    {"--config", "--configuration-settings", GW_FLAG_SETTINGS, PL, NULL, CU},
    {"--config-settings", "--configuration-settings", GW_FLAG_SETTINGS, PL,
     "--configuration-settings", CU},
    {"--config-protected-settings", "--config-protected-settings",
     GW_FLAG_SETTINGS, PR, NULL, CU},
    {"--config-protected", "--config-protected-settings", GW_FLAG_SETTINGS, PR,
     NULL, CU},
    {"--configuration-protected-settings", "--config-protected-settings",
     GW_FLAG_SETTINGS, PR, "--config-protected-settings", CU},
    {"--config-settings-file", "--config-settings-file", GW_FLAG_FILE, PL, NULL,
     CU},
    {"--config-file", "--config-settings-file", GW_FLAG_FILE, PL, NULL, CU},
    {"--configuration-settings-file", "--config-settings-file", GW_FLAG_FILE,
     PL, "--config-settings-file", CU},
    {"--config-protected-settings-file", "--config-protected-settings-file",
     GW_FLAG_FILE, PR, NULL, CU},
    {"--config-protected-file", "--config-protected-settings-file",
     GW_FLAG_FILE, PR, NULL, CU},
    {"--configuration-protected-settings-file",
     "--config-protected-settings-file", GW_FLAG_FILE, PR,
     "--config-protected-settings-file", CU},
    {"--plan-name", "--plan-name", GW_FLAG_VALUE, NO, NULL, C},
    {"--plan-product", "--plan-product", GW_FLAG_VALUE, NO, NULL, C},
    {"--plan-publisher", "--plan-publisher", GW_FLAG_VALUE, NO, NULL, C},
    {"--no-wait", "--no-wait", GW_FLAG_SWITCH, NO, NULL, CU},
    {"--yes", "--yes", GW_FLAG_SWITCH, NO, NULL, U},
    {"-y", "--yes", GW_FLAG_SWITCH, NO, NULL, U},
    /* global flags of every az command */
    {"--subscription", "--subscription", GW_FLAG_VALUE, NO, NULL, CU},
    {"--output", "--output", GW_FLAG_VALUE, NO, NULL, CU},
    {"-o", "--output", GW_FLAG_VALUE, NO, NULL, CU},
    {"--query", "--query", GW_FLAG_VALUE, NO, NULL, CU},
    {"--debug", "--debug", GW_FLAG_SWITCH, NO, NULL, CU},
    {"--verbose", "--verbose", GW_FLAG_SWITCH, NO, NULL, CU},
    {"--only-show-errors", "--only-show-errors", GW_FLAG_SWITCH, NO, NULL, CU},
    {"--help", "--help", GW_FLAG_SWITCH, NO, NULL, CU},
    {"-h", "--help", GW_FLAG_SWITCH, NO, NULL, CU},
};

#define NFLAGS (sizeof flags / sizeof flags[0])

const struct gw_flag *gw_flag_find(const char *name, size_t n)
{
    size_t i;
    for (i = 0; i < NFLAGS; i++)
        if (strlen(flags[i].name) == n && memcmp(flags[i].name, name, n) == 0)
            return &flags[i];
    return NULL;
}

const char *gw_flag_suggest(const char *name)
{
    const char *best = NULL;
    size_t len = strlen(name), i;
    unsigned bestd = len < 10 ? 3 : (unsigned)(len / 4 + 1), d;

    if (bestd > 6)
        bestd = 6;
    /* Every long spelling az accepts counts, the deprecated ones too: a
     * typo of --configuration-protected-settings is far from every other
     * name. What is suggested is what to write, the current spelling. */
    for (i = 0; i < NFLAGS; i++) {
        if (flags[i].name[1] != '-')
            continue;
        d = gw_edit_distance(name, flags[i].name, true, bestd - 1);
        if (d < bestd) {
            bestd = d;
            best = flags[i].preferred ? flags[i].preferred : flags[i].name;
        }
    }
    return best;
}
