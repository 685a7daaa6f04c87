/* The rule files embedded at build time (rules_builtin.c is generated from
 * rules/ YAML files by cmake/Embed.cmake). */
#ifndef GW_BUILTIN_H
#define GW_BUILTIN_H

struct gw_builtin {
    const char *path; /* relative to the source tree, e.g. "rules/GW001.yaml" */
    const char *text; /* NUL-terminated */
    unsigned long len;
};

extern const struct gw_builtin gw_builtin_files[];
extern const unsigned gw_builtin_count;

#endif
