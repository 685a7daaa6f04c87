/* libFuzzer target: the configuration file (.gwlint.yaml): keys, globs,
 * levels, custom rules and their PCRE2 patterns. Each input is written to
 * a file, since configurations are read from a path, and loaded into a
 * fresh ruleset, since a configuration adds custom rules to it. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "buf.h"
#include "config.h"
#include "ruleset.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    struct gw_ruleset *rs = NULL;
    struct gw_config *cfg = NULL;
    struct gw_buf err;
    FILE *fp;

    if (!path[0])
        snprintf(path, sizeof path, "/tmp/gwlint-fuzz-%ld.yaml",
                 (long)getpid());
    if (!(fp = fopen(path, "wb")))
        return 0;
    fwrite(data, 1, size, fp);
    fclose(fp);
    gw_buf_init(&err, 0);
    if (gw_ruleset_builtin(&rs, &err) == GW_OK) {
        (void)gw_config_load(&cfg, path, ".gwlint.yaml", rs, &err);
        gw_config_free(cfg);
        gw_ruleset_free(rs);
    }
    gw_buf_release(&err);
    return 0;
}
