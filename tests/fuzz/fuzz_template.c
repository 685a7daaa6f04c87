/* libFuzzer target: infrastructure as code in JSON: ARM templates (and
 * az bicep build output) and Terraform plans and state (terraform show
 * -json). Both kinds are told by content ($schema/contentVersion and
 * resources; format_version and planned_values, ...), not by name; the
 * first byte picks the file name and whether the kind is also forced with
 * --input-type arm or tfplan, so that the builders run even on inputs
 * whose detection keys the fuzzer has broken. */
#include "fuzz_common.h"

static const struct fz_kind kinds[4] = {
    {"template.json", NULL, GW_PROFILE_ARC},
    {"plan.json", NULL, GW_PROFILE_ARC},
    {"template.json", "arm", GW_PROFILE_ARC},
    {"plan.json", "tfplan", GW_PROFILE_ARC},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    fz_lint(&kinds[data[0] % 4], data + 1, size - 1);
    return 0;
}
