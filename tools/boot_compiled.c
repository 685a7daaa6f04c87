/* The generator's own build has no compiled ruleset yet: an empty one
 * makes gw_ruleset_builtin parse the embedded rule files. */
#include "compiled.h"

const struct gw_compiled gw_compiled = {0};
