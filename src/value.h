/* Value shapes shared by several checks: tokens, GUIDs, base64, ARM ids,
 * UTC times. Pure functions over byte strings. */
#ifndef GW_VALUE_H
#define GW_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, hex digits. */
bool gw_is_guid(const char *s, size_t n);

/* Standard base64 with '=' padding, length a multiple of 4, non-empty.
 * On failure *bad is the offset of the first offending byte (n for a bad
 * length). */
bool gw_is_base64(const char *s, size_t n, size_t *bad);

/* The length of the variable reference that s starts with: $NAME, ${NAME}
 * and, when `env`, PowerShell's $env:NAME (NAME a letter or '_', then
 * letters, digits, '_'); 0 when it starts with none. */
size_t gw_var_ref_len(const char *s, size_t n, bool env);

/* Nothing but a variable reference (gw_var_ref_len, $env:NAME included).
 * Such a value names a secret held elsewhere and is none itself. */
bool gw_is_var_ref(const char *s, size_t n);

/* Seconds since the epoch of a UTC civil time; false when out of range
 * (month 1-12, day valid for the month, hour 0-23, minute 0-59). */
bool gw_utc_time(int year, int month, int day, int hour, int min,
                 time_t *out);

/* Format a UTC time as "2026-10-30 12:00 UTC" into buf (>= 24 bytes). */
void gw_format_utc(time_t t, char *buf, size_t n);

enum gw_token_error {
    GW_TOKEN_OK,
    GW_TOKEN_NO_PREFIX,     /* id&expiry&sig without "GatewayKey " */
    GW_TOKEN_BAD_PREFIX,    /* "gatewaykey", two spaces, no space, ... */
    GW_TOKEN_PARTS,         /* not three '&'-separated parts */
    GW_TOKEN_EMPTY_ID,
    GW_TOKEN_EXPIRY_DIGITS, /* not 12 digits */
    GW_TOKEN_EXPIRY_DATE,   /* 12 digits but no such date */
    GW_TOKEN_SIG_EMPTY,
    GW_TOKEN_SIG_BASE64
};

/* A parsed gateway token: offsets into the value. */
struct gw_token {
    enum gw_token_error error;
    size_t err_off, err_len;     /* the offending part */
    size_t prefix_len;           /* 11 with "GatewayKey ", else 0 */
    size_t id_off, id_len;
    size_t exp_off, exp_len;
    size_t sig_off, sig_len;
    unsigned nparts;
    time_t expiry;               /* valid from GW_TOKEN_SIG_EMPTY on */
    bool has_expiry;
};

/* Parse `GatewayKey <id>&<yyyyMMddHHmm>&<base64>`. Always fills what it
 * could parse; t->error tells the first problem. */
void gw_token_parse(const char *s, size_t n, struct gw_token *t);

/* An ARM resource id: /subscriptions/<guid>/resourceGroups/<rg>/providers/
 * <namespace>/<type>/<name>[/...]. Offsets into the value. */
struct gw_arm_id {
    size_t ns_off, ns_len;       /* "Microsoft.ApiManagement" */
    size_t type_off, type_len;   /* "service" */
    size_t name_off, name_len;
};

/* Parse an ARM id; false when it is not one. */
bool gw_arm_id_parse(const char *s, size_t n, struct gw_arm_id *id);

#endif
