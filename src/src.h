/* Source text: name, bytes, line index; byte offset -> line and column. */
#ifndef GW_SRC_H
#define GW_SRC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct gw_arena;

/* A half-open byte range [start, end) in one gw_source. The only position
 * the program stores; outputs convert it at their edge. */
struct gw_span {
    uint32_t start, end;
};

struct gw_source {
    const char *path;   /* as shown in output, relative where possible */
    const char *text;   /* the bytes, NUL-terminated (may hold NULs too) */
    size_t len;
    uint32_t *lines;    /* byte offset of each line start */
    size_t nlines;
    uint32_t bom;       /* 3 when the text starts with a UTF-8 BOM */
};

/* Initialise `s` over `text` (borrowed; must outlive `s`) and build the
 * line index in arena `a`. Lines end at '\n'; a '\r' before it belongs to
 * no column. Never fails. */
void gw_source_init(struct gw_source *s, struct gw_arena *a, const char *path,
                    const char *text, size_t len);

/* Convert a byte offset to a 1-based line and a 1-based column counted in
 * characters (UTF-8 code points; each invalid byte counts as one; the BOM
 * counts as none). Offsets past the end clamp to the end. */
void gw_source_line_col(const struct gw_source *s, uint32_t off,
                        unsigned *line, unsigned *col);

/* Like gw_source_line_col but 0-based, with the column in UTF-16 code units
 * (utf16 = true) or bytes (utf16 = false), for LSP. */
void gw_source_lsp_pos(const struct gw_source *s, uint32_t off, bool utf16,
                       unsigned *line, unsigned *col);

/* The inverse of gw_source_lsp_pos: clamps to the line's end. */
uint32_t gw_source_lsp_offset(const struct gw_source *s, unsigned line,
                              unsigned col, bool utf16);

/* Byte offset of the start of 1-based `line` and the line's length without
 * its "\r\n" or "\n". Returns false for a line that does not exist. */
bool gw_source_line(const struct gw_source *s, unsigned line, uint32_t *start,
                    uint32_t *len);

/* Length of the valid UTF-8 sequence at p (at most `avail` bytes): 1-4,
 * or 0 when the bytes there are not one (a stray, overlong, surrogate or
 * truncated sequence). The one definition of a character that columns,
 * excerpts and the language server share. */
size_t gw_utf8_len(const unsigned char *p, size_t avail);

/* Byte offset of 0-based `line` + `nchars` characters forward (stopping at
 * the line end). Used by loaders whose libraries count characters. */
uint32_t gw_source_offset_of(const struct gw_source *s, size_t line,
                             size_t nchars);

#endif
