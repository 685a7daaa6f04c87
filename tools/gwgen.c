/* gwgen: compile the built-in rules and data (rules/, embedded in the
 * generator) into C (rules_compiled.c), so that gwlint starts without
 * parsing them. Usage: gwgen OUT.c. Any rule-file error fails the build
 * with the file, line and column. */
#include <stdio.h>

#include "buf.h"
#include "ruleset.h"

int main(int argc, char **argv)
{
    struct gw_ruleset *rs = NULL;
    struct gw_buf err, tmp;
    FILE *fp;
    bool ok;

    if (argc != 2) {
        fputs("usage: gwgen OUT.c\n", stderr);
        return 2;
    }
    gw_buf_init(&err, 0);
    if (gw_ruleset_parse(&rs, &err) != GW_OK) {
        fprintf(stderr, "gwgen: error: %s\n", gw_buf_str(&err));
        gw_buf_release(&err);
        return 1;
    }
    gw_buf_init(&tmp, 0);
    gw_buf_printf(&tmp, "%s.tmp", argv[1]);
    if (!(fp = fopen(gw_buf_str(&tmp), "w"))) {
        perror(gw_buf_str(&tmp));
        return 1;
    }
    ok = gw_ruleset_write_c(rs, fp);
    ok = fclose(fp) == 0 && ok;
    if (!ok || rename(gw_buf_str(&tmp), argv[1]) != 0) {
        perror(argv[1]);
        return 1;
    }
    gw_ruleset_free(rs);
    gw_buf_release(&err);
    gw_buf_release(&tmp);
    return 0;
}
