/* Failures of the tool itself, as opposed to findings about the input. */
#ifndef GW_STATUS_H
#define GW_STATUS_H

#include "src.h"

enum gw_status {
    GW_OK = 0,
    GW_ERR_IO,    /* cannot read or write a file */
    GW_ERR_PARSE, /* the input is not valid YAML/JSON */
    GW_ERR_RULE,  /* a rule file or the config is invalid */
    GW_ERR_USAGE, /* bad command line */
    GW_ERR_LIMIT  /* a limit of SPEC §10 was exceeded */
};

/* Where and why a loader stopped: a byte span in the source it read and a
 * one-line reason (lower case, no trailing period). */
struct gw_load_error {
    struct gw_span span;
    char message[256];
};

#endif
