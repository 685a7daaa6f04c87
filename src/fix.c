/* --fix: choose non-overlapping fixes that leave secrets alone, apply them
 * back to front, and replace the file through a temporary file and a
 * rename in the same directory. */
#include "fix.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mem.h"

static int cmp_fix(const void *pa, const void *pb)
{
    const struct gw_fix *a = *(const struct gw_fix *const *)pa;
    const struct gw_fix *b = *(const struct gw_fix *const *)pb;
    if (a->span.start != b->span.start)
        return a->span.start < b->span.start ? -1 : 1;
    if (a->span.end != b->span.end)
        return a->span.end < b->span.end ? -1 : 1;
    return strcmp(a->replacement, b->replacement);
}

static bool touches_secret(const struct gw_span *f, const struct gw_span *mask,
                           size_t nmask)
{
    size_t i;
    for (i = 0; i < nmask; i++) {
        const struct gw_span *m = &mask[i];
        if (f->start == f->end) {
            if (f->start > m->start && f->start < m->end)
                return true;
        } else if (f->start < m->end && m->start < f->end) {
            return true;
        }
    }
    return false;
}

size_t gw_fix_text(const struct gw_source *src, const struct gw_span *mask,
                   size_t nmask, const struct gw_diag *d, size_t n, char **out,
                   size_t *outlen)
{
    const struct gw_fix **f = gw_xmalloc((n + 1) * sizeof *f);
    size_t nf = 0, keep = 0, i, len = src->len;
    struct gw_buf b;

    for (i = 0; i < n; i++)
        if (d[i].fix && d[i].src == src && !d[i].suppressed &&
            d[i].fix->span.start <= d[i].fix->span.end &&
            d[i].fix->span.end <= src->len &&
            !touches_secret(&d[i].fix->span, mask, nmask))
            f[nf++] = d[i].fix;
    qsort(f, nf, sizeof *f, cmp_fix);
    /* Keep the earliest of overlapping fixes; an insertion at the start
     * of a replaced span overlaps it too. Exact duplicates count once. */
    for (i = 0; i < nf; i++) {
        if (keep > 0) {
            const struct gw_fix *p = f[keep - 1];
            if (p->span.start == f[i]->span.start &&
                p->span.end == f[i]->span.end &&
                strcmp(p->replacement, f[i]->replacement) == 0)
                continue;
            if (f[i]->span.start < p->span.end ||
                f[i]->span.start == p->span.start)
                continue;
        }
        f[keep++] = f[i];
    }
    if (keep == 0) {
        gw_xfree(f);
        return 0;
    }
    /* Back to front would move nothing either way; building the new text
     * front to back from the kept spans is the same edit in one pass. */
    gw_buf_init(&b, 0);
    for (i = 0; i < keep; i++) {
        size_t from = i ? f[i - 1]->span.end : 0;
        gw_buf_add(&b, src->text + from, f[i]->span.start - from);
        gw_buf_puts(&b, f[i]->replacement);
    }
    gw_buf_add(&b, src->text + f[keep - 1]->span.end,
               len - f[keep - 1]->span.end);
    *outlen = b.len;
    *out = gw_buf_detach(&b);
    gw_xfree(f);
    return keep;
}

static bool same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
           a->st_size == b->st_size && a->st_mtime == b->st_mtime;
}

enum gw_status gw_fix_write(const char *path, const struct stat *before,
                            const char *text, size_t len, struct gw_buf *err)
{
    const char *slash = strrchr(path, '/');
    size_t dlen = slash ? (size_t)(slash - path) + 1 : 0, n, off = 0;
    char *tmp;
    struct stat now;
    int fd;

    if (lstat(path, &now) != 0) {
        gw_buf_printf(err, "%s: %s", path, strerror(errno));
        return GW_ERR_IO;
    }
    if (!S_ISREG(now.st_mode) || !S_ISREG(before->st_mode)) {
        gw_buf_printf(err, "%s: not fixed: not a regular file", path);
        return GW_ERR_IO;
    }
    if (!same_file(before, &now)) {
        gw_buf_printf(err,
                      "%s: not fixed: the file changed while gwlint "
                      "read it",
                      path);
        return GW_ERR_IO;
    }
    n = strlen(path) + 32;
    tmp = gw_xmalloc(n);
    snprintf(tmp, n, "%.*s.%s.gwlint-XXXXXX", (int)dlen, path,
             slash ? slash + 1 : path);
    fd = mkstemp(tmp);
    if (fd < 0) {
        gw_buf_printf(err, "%s: not fixed: %s", path, strerror(errno));
        gw_xfree(tmp);
        return GW_ERR_IO;
    }
    if (fchmod(fd, now.st_mode & 07777) != 0)
        goto fail;
    while (off < len) {
        ssize_t w = write(fd, text + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            goto fail;
        off += (size_t)w;
    }
    if (fsync(fd) != 0 || close(fd) != 0) {
        fd = -1;
        goto fail;
    }
    fd = -1;
    if (rename(tmp, path) != 0)
        goto fail;
    gw_xfree(tmp);
    return GW_OK;
fail:
    gw_buf_printf(err, "%s: not fixed: %s", path, strerror(errno));
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    gw_xfree(tmp);
    return GW_ERR_IO;
}
