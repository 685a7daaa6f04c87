/* Value shapes shared by several checks. */
#include "value.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static bool is_hex(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (!isxdigit((unsigned char)s[i]))
            return false;
    return true;
}

size_t gw_var_ref_len(const char *s, size_t n, bool env)
{
    size_t j = 1;
    bool brace = false;
    if (n < 2 || s[0] != '$')
        return 0;
    if (s[1] == '{') {
        brace = true;
        j = 2;
    } else if (env && n > 5 && strncasecmp(s + 1, "env:", 4) == 0) {
        j = 5;
    }
    if (j >= n || !(isalpha((unsigned char)s[j]) || s[j] == '_'))
        return 0;
    while (j < n && (isalnum((unsigned char)s[j]) || s[j] == '_'))
        j++;
    if (brace) {
        if (j >= n || s[j] != '}')
            return 0;
        j++;
    }
    return j;
}

bool gw_is_var_ref(const char *s, size_t n)
{
    return n > 0 && gw_var_ref_len(s, n, true) == n;
}

bool gw_is_guid(const char *s, size_t n)
{
    return n == 36 && s[8] == '-' && s[13] == '-' && s[18] == '-' &&
           s[23] == '-' && is_hex(s, 8) && is_hex(s + 9, 4) &&
           is_hex(s + 14, 4) && is_hex(s + 19, 4) && is_hex(s + 24, 12);
}

bool gw_is_base64(const char *s, size_t n, size_t *bad)
{
    size_t i, pad = 0;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '=') {
            pad++;
            continue;
        }
        if (pad || !(isalnum(c) || c == '+' || c == '/')) {
            *bad = i;
            return false;
        }
    }
    if (n == 0 || n % 4 != 0 || pad > 2) {
        *bad = n;
        return false;
    }
    return true;
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static long days_from_civil(long y, unsigned m, unsigned d)
{
    long era;
    unsigned yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = (unsigned)(y - era * 400);
    doy = (153 * (m + (m > 2 ? (unsigned)-3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

bool gw_utc_time(int year, int month, int day, int hour, int min,
                 time_t *out)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30,
                                31, 31, 30, 31, 30, 31};
    int dim;
    if (year < 1970 || year > 9999 || month < 1 || month > 12 || hour > 23 ||
        min > 59 || hour < 0 || min < 0)
        return false;
    dim = mdays[month - 1];
    if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
        dim = 29;
    if (day < 1 || day > dim)
        return false;
    *out = (time_t)(days_from_civil(year, (unsigned)month, (unsigned)day) *
                        86400L +
                    hour * 3600L + min * 60L);
    return true;
}

void gw_format_utc(time_t t, char *buf, size_t n)
{
    long days = (long)(t / 86400), secs = (long)(t % 86400);
    long z, era, y;
    unsigned doe, yoe, doy, mp, d, m;
    if (secs < 0) {
        secs += 86400;
        days--;
    }
    z = days + 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = (unsigned)(z - era * 146097);
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = (long)yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    snprintf(buf, n, "%04ld-%02u-%02u %02ld:%02ld UTC", y, m, d, secs / 3600,
             secs % 3600 / 60);
}

static void fail(struct gw_token *t, enum gw_token_error e, size_t off,
                 size_t len)
{
    if (t->error == GW_TOKEN_OK) {
        t->error = e;
        t->err_off = off;
        t->err_len = len;
    }
}

void gw_token_parse(const char *s, size_t n, struct gw_token *t)
{
    size_t p = 0, amp1, amp2, i;
    const char *a1, *a2;
    int v[5];

    memset(t, 0, sizeof *t);
    /* Exactly one space: "GatewayKey  gw&..." (two) is a bad prefix. */
    if (n >= 11 && memcmp(s, "GatewayKey ", 11) == 0 &&
        !(n > 11 && (s[11] == ' ' || s[11] == '\t'))) {
        p = 11;
    } else if (n >= 10 && strncasecmp(s, "GatewayKey", 10) == 0) {
        size_t e = 10;
        while (e < n && (s[e] == ' ' || s[e] == '\t'))
            e++;
        fail(t, GW_TOKEN_BAD_PREFIX, 0, e);
        p = e;
    }
    t->prefix_len = p;
    a1 = memchr(s + p, '&', n - p);
    a2 = a1 ? memchr(a1 + 1, '&', n - (size_t)(a1 + 1 - s)) : NULL;
    t->nparts = 1 + (a1 != NULL) + (a2 != NULL);
    if (a2)
        for (i = (size_t)(a2 - s) + 1; i < n; i++)
            if (s[i] == '&')
                t->nparts++;
    if (!a1 || !a2) {
        fail(t, GW_TOKEN_PARTS, p, n - p);
        return;
    }
    if (p == 0 && t->error == GW_TOKEN_OK)
        fail(t, GW_TOKEN_NO_PREFIX, 0, 0);
    amp1 = (size_t)(a1 - s);
    amp2 = (size_t)(a2 - s);
    t->id_off = p;
    t->id_len = amp1 - p;
    t->exp_off = amp1 + 1;
    t->exp_len = amp2 - amp1 - 1;
    t->sig_off = amp2 + 1;
    t->sig_len = n - amp2 - 1;
    if (t->id_len == 0)
        fail(t, GW_TOKEN_EMPTY_ID, amp1, 1);
    for (i = 0; i < t->exp_len; i++)
        if (!isdigit((unsigned char)s[t->exp_off + i]))
            break;
    if (t->exp_len != 12 || i != 12) {
        fail(t, GW_TOKEN_EXPIRY_DIGITS, t->exp_off, t->exp_len);
    } else {
        char buf[13];
        memcpy(buf, s + t->exp_off, 12);
        buf[12] = '\0';
        if (sscanf(buf, "%4d%2d%2d%2d%2d", &v[0], &v[1], &v[2], &v[3],
                   &v[4]) == 5 &&
            gw_utc_time(v[0], v[1], v[2], v[3], v[4], &t->expiry))
            t->has_expiry = true;
        else
            fail(t, GW_TOKEN_EXPIRY_DATE, t->exp_off, t->exp_len);
    }
    if (t->sig_len == 0) {
        fail(t, GW_TOKEN_SIG_EMPTY, amp2, 1);
    } else {
        size_t bad;
        if (t->nparts > 3 || !gw_is_base64(s + t->sig_off, t->sig_len, &bad))
            fail(t, GW_TOKEN_SIG_BASE64, t->sig_off, t->sig_len);
    }
}

static bool seg(const char *s, size_t n, size_t *p, const char *want,
                size_t *off, size_t *len)
{
    size_t b;
    if (*p >= n || s[*p] != '/')
        return false;
    (*p)++;
    b = *p;
    while (*p < n && s[*p] != '/')
        (*p)++;
    if (want && (*p - b != strlen(want) || strncasecmp(s + b, want, *p - b)))
        return false;
    if (*p == b)
        return false;
    if (off) {
        *off = b;
        *len = *p - b;
    }
    return true;
}

bool gw_arm_id_parse(const char *s, size_t n, struct gw_arm_id *id)
{
    size_t p = 0, o, l;
    if (!seg(s, n, &p, "subscriptions", NULL, NULL) ||
        !seg(s, n, &p, NULL, &o, &l) || !gw_is_guid(s + o, l) ||
        !seg(s, n, &p, "resourceGroups", NULL, NULL) ||
        !seg(s, n, &p, NULL, &o, &l) ||
        !seg(s, n, &p, "providers", NULL, NULL) ||
        !seg(s, n, &p, NULL, &id->ns_off, &id->ns_len) ||
        !seg(s, n, &p, NULL, &id->type_off, &id->type_len) ||
        !seg(s, n, &p, NULL, &id->name_off, &id->name_len))
        return false;
    while (p < n)
        if (!seg(s, n, &p, NULL, &o, &l))
            return false;
    return true;
}
