/* Our command-line flags as one table; --help is generated from it. */
#ifndef GW_OPT_H
#define GW_OPT_H

#include <stdbool.h>
#include <stdio.h>

enum gw_opt_id {
    GW_OPT_FORMAT, GW_OPT_OUTPUT, GW_OPT_CONFIG, GW_OPT_PROFILE,
    GW_OPT_INPUT_TYPE, GW_OPT_REGION, GW_OPT_TIER, GW_OPT_APIM,
    GW_OPT_CLUSTER, GW_OPT_REQUIRE_CONTEXT, GW_OPT_ENABLE, GW_OPT_DISABLE,
    GW_OPT_LEVEL, GW_OPT_FAIL_LEVEL, GW_OPT_NOW, GW_OPT_COLOR,
    GW_OPT_NO_SOURCE, GW_OPT_QUIET, GW_OPT_VERBOSE, GW_OPT_VERSION,
    GW_OPT_HELP, GW_OPT_STDIN_FILENAME, GW_OPT_COMMAND, GW_OPT_FIX
};

struct gw_opt {
    enum gw_opt_id id;
    const char *name;     /* long name without "--" */
    char short_name;      /* 0 = none */
    const char *arg;      /* argument name, NULL for a switch */
    const char *help;
};

/* One parsed flag or operand. */
struct gw_optarg {
    const struct gw_opt *opt; /* NULL for an operand */
    const char *value;        /* the flag's argument or the operand */
};

/* Parse argv[*i] (and maybe the next word) into *out, advancing *i.
 * Returns false and writes "unknown option '--x'; did you mean '--y'" or
 * "option '--x' needs an argument" into err (size errn). After a bare
 * "--", *after_dashdash is set and the rest are operands. */
bool gw_opt_next(int argc, char **argv, int *i, struct gw_optarg *out,
                 bool *after_dashdash, char *err, size_t errn);

/* Print --help. */
void gw_opt_help(FILE *fp);

#endif
