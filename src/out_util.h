/* Helpers shared by the writers: making input strings safe to print,
 * pretty-printing compact JSON, paths as URIs and result fingerprints.
 * No library types: the JSON writers keep cJSON to themselves. */
#ifndef GW_OUT_UTIL_H
#define GW_OUT_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "buf.h"

/* Flags of gw_out_sanitize. */
enum {
    /* Keep '\n' and '\r' (fix replacement texts, which may span lines). */
    GW_OUT_KEEP_NEWLINES = 1
};

/* Append `s` (NUL-terminated; borrowed) to `b` as valid UTF-8 with no
 * control characters: every byte that is not part of a well-formed UTF-8
 * sequence (overlong forms, surrogates and code points past U+10FFFF
 * included) and every control character (C0 but tab, DEL, C1) becomes
 * U+FFFD, one per byte or character. A NULL `s` appends nothing. Returns
 * false when `b` is full (see gw_buf_add). */
bool gw_out_sanitize(struct gw_buf *b, const char *s, unsigned flags);

/* Cut the valid UTF-8 text in `b` to at most `max` characters (code
 * points), the last of them an ellipsis when it was cut (GitHub code
 * scanning limits rule descriptions to 1024 characters). `max` >= 1. */
void gw_out_truncate(struct gw_buf *b, size_t max);

/* Write `json`, compact JSON text as cJSON_PrintUnformatted makes it (no
 * white space outside strings), to `fp` pretty-printed with 2 spaces per
 * level, `depth` levels deep: the first line is not indented (the caller
 * has positioned it), later lines are. Empty objects and arrays stay "{}"
 * and "[]". Borrows both. */
void gw_out_json_indent(FILE *fp, const char *json, unsigned depth);

/* Write a newline and 2 * depth spaces to `fp`. */
void gw_out_json_newline(FILE *fp, unsigned depth);

/* Append to `b` the URI reference of `path` (borrowed) as SARIF wants it,
 * and return true when it is relative (then it is meant for uriBaseId
 * %SRCROOT%): leading "./" are stripped; an absolute path under `cwd`
 * (an absolute directory without a trailing slash, or NULL for unknown)
 * is made relative to it; any other absolute path becomes a "file://" URI
 * (returns false). Bytes other than unreserved characters (RFC 3986
 * ALPHA DIGIT - . _ ~) and '/' are percent-encoded, so the result is
 * ASCII. An empty path gives "". */
bool gw_out_uri(struct gw_buf *b, const char *path, const char *cwd);

/* Length of a fingerprint in hex digits (without its NUL). */
#define GW_OUT_FINGERPRINT_LEN 16

/* Write into `hex` (GW_OUT_FINGERPRINT_LEN + 1 bytes) the lower-case hex
 * of a stable 64-bit hash (FNV-1a) of the rule id, the path, the setting
 * key (NULL differs from "") and the occurrence. The same inputs give the
 * same value on every platform and in every run. Borrows the strings. */
void gw_out_fingerprint(const char *rule_id, const char *path, const char *key,
                        unsigned occurrence, char *hex);

#endif
