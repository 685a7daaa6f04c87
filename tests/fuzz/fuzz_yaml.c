/* libFuzzer target: YAML settings. The bytes go through the YAML loader
 * (spans, aliases, limits), then through the whole lint path as a
 * settings file; the input's length picks the name, and so the kind:
 * settings.yaml (half the time), protected-settings.yaml, or values.yaml
 * with the Helm profile (the chart's values). */
#include "fuzz_common.h"

#include "load_yaml.h"
#include "src.h"

static const struct fz_kind kinds[4] = {
    {"settings.yaml", NULL, GW_PROFILE_ARC},
    {"settings.yaml", NULL, GW_PROFILE_ARC},
    {"protected-settings.yaml", NULL, GW_PROFILE_ARC},
    {"values.yaml", NULL, GW_PROFILE_HELM},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gw_arena *a = gw_arena_new();
    char *text = gw_arena_strndup(a, (const char *)data, size);
    struct gw_source src;
    struct gw_node *root;
    struct gw_load_error err;

    gw_source_init(&src, a, "fuzz.yaml", text, size);
    (void)gw_load_yaml(a, &src, &root, &err);
    gw_arena_free(a);
    fz_lint(&kinds[size % 4], data, size);
    return 0;
}
