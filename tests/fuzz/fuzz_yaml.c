/* libFuzzer target: the YAML loader (spans, aliases, limits). */
#include <stddef.h>
#include <stdint.h>

#include "load_yaml.h"
#include "mem.h"
#include "src.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
    return 0;
}
