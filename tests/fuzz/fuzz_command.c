/* libFuzzer target: command lines and shell scripts. The first byte picks
 * what the rest is: a command line given with --command (input kind
 * "command": az k8s-extension create, helm install ...), a POSIX shell
 * script (deploy.sh) or a PowerShell script (deploy.ps1). */
#include "fuzz_common.h"

static const struct fz_kind kinds[3] = {
    {"<command>", "command", GW_PROFILE_ARC},
    {"deploy.sh", NULL, GW_PROFILE_ARC},
    {"deploy.ps1", NULL, GW_PROFILE_ARC},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    fz_lint(&kinds[data[0] % 3], data + 1, size - 1);
    return 0;
}
