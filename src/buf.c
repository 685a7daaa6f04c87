/* Growable NUL-terminated byte buffer with a size cap. */
#include "buf.h"

#include <stdio.h>
#include <string.h>

#include "mem.h"

void gw_buf_init(struct gw_buf *b, size_t max)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->max = max;
    b->full = false;
}

void gw_buf_release(struct gw_buf *b)
{
    gw_xfree(b->data);
    gw_buf_init(b, b->max);
}

void gw_buf_reset(struct gw_buf *b)
{
    b->len = 0;
    b->full = false;
    if (b->data)
        b->data[0] = '\0';
}

bool gw_buf_add(struct gw_buf *b, const void *p, size_t n)
{
    if (b->max && b->len + n > b->max) {
        b->full = true;
        return false;
    }
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        b->data = gw_xrealloc(b->data, cap);
        b->cap = cap;
    }
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return true;
}

bool gw_buf_puts(struct gw_buf *b, const char *s)
{
    return gw_buf_add(b, s, strlen(s));
}

bool gw_buf_putc(struct gw_buf *b, char c)
{
    return gw_buf_add(b, &c, 1);
}

bool gw_buf_printf(struct gw_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    int n;
    bool ok;

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return false;
    if ((size_t)n < sizeof small)
        return gw_buf_add(b, small, (size_t)n);
    {
        char *big = gw_xmalloc((size_t)n + 1);
        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
        ok = gw_buf_add(b, big, (size_t)n);
        gw_xfree(big);
    }
    return ok;
}

const char *gw_buf_str(const struct gw_buf *b)
{
    return b->data ? b->data : "";
}

char *gw_buf_detach(struct gw_buf *b)
{
    char *p = b->data ? b->data : gw_xstrdup("");
    size_t max = b->max;
    gw_buf_init(b, max);
    return p;
}
