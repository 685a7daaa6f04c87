/* Source text: the line index and every conversion of a byte offset to a
 * line and column (jq locfile). */
#include "src.h"

#include <string.h>

#include "mem.h"

void gw_source_init(struct gw_source *s, struct gw_arena *a, const char *path,
                    const char *text, size_t len)
{
    const char *p;
    size_t n = 1;

    s->path = path;
    s->text = text;
    s->len = len;
    s->bom = (len >= 3 && (unsigned char)text[0] == 0xEF &&
              (unsigned char)text[1] == 0xBB && (unsigned char)text[2] == 0xBF)
                 ? 3
                 : 0;
    for (p = text; len && (p = memchr(p, '\n', len - (size_t)(p - text))); p++)
        n++;
    s->lines = gw_arena_alloc(a, n * sizeof *s->lines);
    s->nlines = 0;
    s->lines[s->nlines++] = 0;
    for (p = text; len && (p = memchr(p, '\n', len - (size_t)(p - text))); p++)
        s->lines[s->nlines++] = (uint32_t)(p - text + 1);
}

static size_t line_index(const struct gw_source *s, uint32_t off)
{
    size_t lo = 0, hi = s->nlines;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->lines[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}


size_t gw_utf8_len(const unsigned char *p, size_t avail)
{
    size_t len, i;
    uint32_t cp;

    if (p[0] < 0x80)
        return 1;
    if (p[0] >= 0xc2 && p[0] <= 0xdf)
        len = 2, cp = p[0] & 0x1fu;
    else if (p[0] >= 0xe0 && p[0] <= 0xef)
        len = 3, cp = p[0] & 0x0fu;
    else if (p[0] >= 0xf0 && p[0] <= 0xf4)
        len = 4, cp = p[0] & 0x07u;
    else
        return 0;
    if (len > avail)
        return 0;
    for (i = 1; i < len; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3fu);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
        return 0;
    return len;
}

/* Characters for counting: an invalid byte counts as one. */
static size_t utf8_len(const unsigned char *p, size_t avail)
{
    size_t n = gw_utf8_len(p, avail);
    return n ? n : 1;
}

void gw_source_line_col(const struct gw_source *s, uint32_t off,
                        unsigned *line, unsigned *col)
{
    size_t li;
    uint32_t p, c = 0;

    if (off > s->len)
        off = (uint32_t)s->len;
    li = line_index(s, off);
    p = s->lines[li];
    if (li == 0 && s->bom && off >= s->bom)
        p = s->bom;
    while (p < off) {
        p += (uint32_t)utf8_len((const unsigned char *)s->text + p, off - p);
        c++;
    }
    *line = (unsigned)li + 1;
    *col = c + 1;
}

void gw_source_lsp_pos(const struct gw_source *s, uint32_t off, bool utf16,
                       unsigned *line, unsigned *col)
{
    size_t li;
    uint32_t p, c = 0;

    if (off > s->len)
        off = (uint32_t)s->len;
    li = line_index(s, off);
    p = s->lines[li];
    if (!utf16) {
        *line = (unsigned)li;
        *col = off - p;
        return;
    }
    while (p < off) {
        size_t n = utf8_len((const unsigned char *)s->text + p, off - p);
        c += n == 4 ? 2 : 1;
        p += (uint32_t)n;
    }
    *line = (unsigned)li;
    *col = c;
}

uint32_t gw_source_lsp_offset(const struct gw_source *s, unsigned line,
                              unsigned col, bool utf16)
{
    uint32_t p, end;
    unsigned c = 0;

    if (line >= s->nlines)
        return (uint32_t)s->len;
    p = s->lines[line];
    end = line + 1 < s->nlines ? s->lines[line + 1] - 1 : (uint32_t)s->len;
    if (!utf16)
        return p + col < end ? p + col : end;
    while (p < end && c < col) {
        size_t n = utf8_len((const unsigned char *)s->text + p, end - p);
        c += n == 4 ? 2 : 1;
        p += (uint32_t)n;
    }
    return p;
}

bool gw_source_line(const struct gw_source *s, unsigned line, uint32_t *start,
                    uint32_t *len)
{
    uint32_t b, e;
    if (line < 1 || line > s->nlines)
        return false;
    b = s->lines[line - 1];
    e = line < s->nlines ? s->lines[line] - 1 : (uint32_t)s->len;
    if (e > b && s->text[e - 1] == '\r' && line < s->nlines)
        e--;
    *start = b;
    *len = e - b;
    return true;
}

uint32_t gw_source_offset_of(const struct gw_source *s, size_t line,
                             size_t nchars)
{
    uint32_t p, end;
    if (line >= s->nlines)
        return (uint32_t)s->len;
    p = s->lines[line];
    if (line == 0 && s->bom)
        p = s->bom;
    end = line + 1 < s->nlines ? s->lines[line + 1] : (uint32_t)s->len;
    while (nchars > 0 && p < end) {
        p += (uint32_t)utf8_len((const unsigned char *)s->text + p, end - p);
        nchars--;
    }
    return p;
}
