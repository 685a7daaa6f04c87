/* libFuzzer target: commands extracted from other files. The first byte
 * picks what the rest is: a GitHub Actions workflow, an Azure Pipelines
 * file (both told by their content: jobs, steps, stages), either of them
 * with --input-type workflow (so that the walk runs even where the
 * content would not say workflow), or Markdown (README.md: fenced code
 * blocks, prompts, continuation lines). */
#include "fuzz_common.h"

static const struct fz_kind kinds[5] = {
    {".github/workflows/deploy.yml", NULL, GW_PROFILE_ARC},
    {"azure-pipelines.yml", NULL, GW_PROFILE_ARC},
    {".github/workflows/deploy.yml", "workflow", GW_PROFILE_ARC},
    {"README.md", NULL, GW_PROFILE_ARC},
    {"docs/install.markdown", NULL, GW_PROFILE_HELM},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    fz_lint(&kinds[data[0] % 5], data + 1, size - 1);
    return 0;
}
