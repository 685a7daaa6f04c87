/* Growable NUL-terminated byte buffer with a size cap (curl dynbuf). */
#ifndef GW_BUF_H
#define GW_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct gw_buf {
    char *data; /* always NUL-terminated once anything was added */
    size_t len;
    size_t cap;
    size_t max; /* 0 = no cap; past it adds fail and set `full` */
    bool full;
};

/* Initialise an empty buffer with a size cap (0 = none). */
void gw_buf_init(struct gw_buf *b, size_t max);
/* Free the buffer's memory and make it empty. */
void gw_buf_release(struct gw_buf *b);
/* Empty the buffer, keeping its memory. */
void gw_buf_reset(struct gw_buf *b);
/* Append n bytes; returns false (and sets full) past the cap. */
bool gw_buf_add(struct gw_buf *b, const void *p, size_t n);
/* Append a NUL-terminated string. */
bool gw_buf_puts(struct gw_buf *b, const char *s);
/* Append one byte. */
bool gw_buf_putc(struct gw_buf *b, char c);
/* Append printf output. */
bool gw_buf_printf(struct gw_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* The contents as a string; "" when empty. Borrowed from the buffer. */
const char *gw_buf_str(const struct gw_buf *b);
/* Take the contents; returns an owned string (free with gw_xfree) and
 * leaves the buffer empty. */
char *gw_buf_detach(struct gw_buf *b);

#endif
