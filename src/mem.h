/* Memory: allocation that dies on OOM, and the per-document arena. */
#ifndef GW_MEM_H
#define GW_MEM_H

#include <stdarg.h>
#include <stddef.h>

/* Allocate n bytes; never returns NULL (prints and exits 2 on OOM).
 * Returns owned memory; free with gw_xfree. */
void *gw_xmalloc(size_t n);
/* Like calloc; never returns NULL. Returns owned memory. */
void *gw_xcalloc(size_t n, size_t size);
/* Like realloc; never returns NULL. Takes ownership of p, returns owned. */
void *gw_xrealloc(void *p, size_t n);
/* Duplicate a NUL-terminated string. Returns owned memory. */
char *gw_xstrdup(const char *s);
/* Free memory from the gw_x* functions; NULL is fine. */
void gw_xfree(void *p);

/* Aborts with file:line for states that cannot happen (git BUG). */
#define GW_BUG(...) gw_bug(__FILE__, __LINE__, __VA_ARGS__)
_Noreturn void gw_bug(const char *file, int line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* An arena: every allocation lives until gw_arena_free. One per document. */
struct gw_arena;

/* Create an arena. Returns an owned arena; free with gw_arena_free. */
struct gw_arena *gw_arena_new(void);
/* Free the arena and everything allocated from it; NULL is fine. */
void gw_arena_free(struct gw_arena *a);
/* Allocate n zeroed bytes, aligned for any type; owned by the arena. */
void *gw_arena_alloc(struct gw_arena *a, size_t n);
/* The same, not zeroed: for memory the caller fills at once. */
void *gw_arena_alloc_raw(struct gw_arena *a, size_t n);
/* n bytes for characters: not zeroed, not aligned. */
char *gw_arena_stralloc(struct gw_arena *a, size_t n);
/* Copy n bytes of s and add a NUL; owned by the arena. */
char *gw_arena_strndup(struct gw_arena *a, const char *s, size_t n);
/* Copy a NUL-terminated string; owned by the arena. */
char *gw_arena_strdup(struct gw_arena *a, const char *s);
/* printf into arena memory; owned by the arena. */
char *gw_arena_printf(struct gw_arena *a, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* vprintf into arena memory; owned by the arena. */
char *gw_arena_vprintf(struct gw_arena *a, const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 0)))
#endif
    ;

#endif
