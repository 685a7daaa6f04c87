/* libFuzzer target: JSON settings. The bytes go through the JSON loader
 * (scanner, cJSON agreement, spans), then through the whole lint path as
 * settings.json or, for inputs of odd length, protected-settings.json
 * (an extension resource in JSON is told by its content). */
#include "fuzz_common.h"

#include "load_json.h"
#include "src.h"

static const struct fz_kind kinds[2] = {
    {"settings.json", NULL, GW_PROFILE_ARC},
    {"protected-settings.json", NULL, GW_PROFILE_ARC},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gw_arena *a = gw_arena_new();
    char *text = gw_arena_strndup(a, (const char *)data, size);
    struct gw_source src;
    struct gw_node *root;
    struct gw_load_error err;

    gw_source_init(&src, a, "fuzz.json", text, size);
    (void)gw_load_json(a, &src, &root, &err);
    gw_arena_free(a);
    fz_lint(&kinds[size % 2], data, size);
    return 0;
}
