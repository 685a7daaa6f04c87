/* gwlint --fix (SPEC §8): apply the certain fixes of a document's
 * findings to its text, and write the result in place atomically. */
#ifndef GW_FIX_H
#define GW_FIX_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "buf.h"
#include "diag.h"
#include "src.h"
#include "status.h"

/* Apply to src's text the fixes of the findings `d` (n of them) that are
 * in `src`, not suppressed and whose fix neither overlaps another chosen
 * fix (the earlier one in the text wins) nor touches a secret span (`mask`,
 * nmask of them; inserting before a secret is allowed, which is how a
 * missing 'GatewayKey ' prefix is added). Only the fixed spans change:
 * each fix replaces its span of the original text, so no offset moves.
 * Returns the number of fixes applied;
 * when it is not 0, *out is the new text (owned, NUL-terminated; free with
 * gw_xfree) and *outlen its length. Borrows everything else. */
size_t gw_fix_text(const struct gw_source *src, const struct gw_span *mask,
                   size_t nmask, const struct gw_diag *d, size_t n, char **out,
                   size_t *outlen);

/* Replace the file at `path`, which was `before` (lstat of the file that
 * was read), with `text`: a temporary file in the same directory, with
 * the same permission bits, is written, flushed and renamed over it. Fails
 * without touching the file when it is not a regular file or changed
 * since `before`. Returns GW_OK, or GW_ERR_IO with a one-line reason in
 * `err`. */
enum gw_status gw_fix_write(const char *path, const struct stat *before,
                            const char *text, size_t len, struct gw_buf *err);

#endif
