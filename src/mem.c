/* Memory: allocation that dies on OOM, and the per-document arena. */
#include "mem.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef UNIT_TESTING
#include <setjmp.h>
#include <cmocka.h>
#define SYS_MALLOC(n)     test_malloc(n)
#define SYS_CALLOC(n, s)  test_calloc(n, s)
#define SYS_REALLOC(p, n) test_realloc(p, n)
#define SYS_FREE(p)       test_free(p)
#else
#define SYS_MALLOC(n)     malloc(n)
#define SYS_CALLOC(n, s)  calloc(n, s)
#define SYS_REALLOC(p, n) realloc(p, n)
#define SYS_FREE(p)       free(p)
#endif

static _Noreturn void oom(size_t n)
{
    fprintf(stderr, "gwlint: fatal: out of memory (%zu bytes)\n", n);
    exit(2);
}

void *gw_xmalloc(size_t n)
{
    void *p = SYS_MALLOC(n ? n : 1);
    if (!p)
        oom(n);
    return p;
}

void *gw_xcalloc(size_t n, size_t size)
{
    void *p = SYS_CALLOC(n ? n : 1, size ? size : 1);
    if (!p)
        oom(n * size);
    return p;
}

void *gw_xrealloc(void *p, size_t n)
{
    void *q = SYS_REALLOC(p, n ? n : 1);
    if (!q)
        oom(n);
    return q;
}

char *gw_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = gw_xmalloc(n);
    memcpy(p, s, n);
    return p;
}

void gw_xfree(void *p)
{
    if (p)
        SYS_FREE(p);
}

void gw_bug(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "gwlint: BUG: %s:%d: ", file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    abort();
}

/* ---- arena ---- */

struct block {
    struct block *next;
    size_t used, cap;
    max_align_t data[];
};

struct gw_arena {
    struct block *head;
    unsigned nblocks;
};

/* Blocks grow from 4 KB to 16 KB: most arenas (a file's path and text, a
 * small document) fit in the first, and a run holds several at once. */
#define BLOCK_SIZE ((size_t)16 * 1024)
#define FIRST_BLOCK ((size_t)4 * 1024)

struct gw_arena *gw_arena_new(void)
{
    return gw_xcalloc(1, sizeof(struct gw_arena));
}

void gw_arena_free(struct gw_arena *a)
{
    struct block *b, *next;
    if (!a)
        return;
    for (b = a->head; b; b = next) {
        next = b->next;
        gw_xfree(b);
    }
    gw_xfree(a);
}

void *gw_arena_alloc(struct gw_arena *a, size_t n)
{
    void *p = gw_arena_alloc_raw(a, n);
    memset(p, 0, n);
    return p;
}

/* n bytes at `align` (a power of two) in the head block, or in a new
 * block. Strings take align 1: rounding every key and value up to 16
 * bytes cost a 5,000-key file a fifth of its memory. */
static void *take(struct gw_arena *a, size_t n, size_t align)
{
    struct block *b = a->head;
    size_t at;

    if (n == 0)
        n = 1;
    at = b ? (b->used + align - 1) & ~(align - 1) : 0;
    if (!b || at > b->cap || b->cap - at < n) {
        size_t want = a->nblocks < 2 ? FIRST_BLOCK << a->nblocks : BLOCK_SIZE;
        size_t cap = n > want ? n : want;
        if (n > want && b) {
            /* A big object gets a block of its own behind the head, so the
             * head's free space is not wasted. */
            struct block *big = gw_xmalloc(sizeof *big + cap);
            big->cap = cap;
            big->used = n;
            big->next = b->next;
            b->next = big;
            return big->data;
        }
        b = gw_xmalloc(sizeof *b + cap);
        b->cap = cap;
        b->used = 0;
        b->next = a->head;
        a->head = b;
        a->nblocks++;
        at = 0;
    }
    b->used = at + n;
    return (char *)b->data + at;
}

void *gw_arena_alloc_raw(struct gw_arena *a, size_t n)
{
    return take(a, n, sizeof(max_align_t));
}

char *gw_arena_stralloc(struct gw_arena *a, size_t n)
{
    return take(a, n, 1);
}

char *gw_arena_strndup(struct gw_arena *a, const char *s, size_t n)
{
    char *p = take(a, n + 1, 1);
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *gw_arena_strdup(struct gw_arena *a, const char *s)
{
    return gw_arena_strndup(a, s, strlen(s));
}

char *gw_arena_vprintf(struct gw_arena *a, const char *fmt, va_list ap)
{
    va_list cp;
    char small[256];
    int n;
    char *p;

    /* Formatted once into a stack buffer when it fits (messages do), not
     * measured and formatted again. */
    va_copy(cp, ap);
    n = vsnprintf(small, sizeof small, fmt, cp);
    va_end(cp);
    if (n < 0)
        GW_BUG("bad format '%s'", fmt);
    p = take(a, (size_t)n + 1, 1);
    if ((size_t)n < sizeof small)
        memcpy(p, small, (size_t)n + 1);
    else
        vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *gw_arena_printf(struct gw_arena *a, const char *fmt, ...)
{
    va_list ap;
    char *p;
    va_start(ap, fmt);
    p = gw_arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}
