/* Deployment context from `az apim show` / `az connectedk8s show` JSON. */
#include "context.h"

#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

#include "load_json.h"
#include "mem.h"
#include "node.h"

enum gw_status gw_read_file(struct gw_arena *a, const char *path, size_t max,
                            char **text, size_t *len, struct gw_buf *err)
{
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    struct gw_buf b;
    struct stat st;
    char chunk[65536];
    size_t n;

    if (!fp) {
        gw_buf_printf(err, "%s: %s", path, strerror(errno));
        return GW_ERR_IO;
    }
    /* A regular file goes straight into the arena, in one piece: no
     * growing buffer and no copy (a 5,000-key file was copied twice). */
    if (fp != stdin && fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) &&
        (uintmax_t)st.st_size <= max) {
        size_t cap = (size_t)st.st_size + 1, got = 0;
        char *p = gw_arena_stralloc(a, cap + 1);
        /* one byte more than the size, to see a file that grew */
        while (got < cap && (n = fread(p + got, 1, cap - got, fp)) > 0)
            got += n;
        if (!ferror(fp) && got < cap) {
            fclose(fp);
            p[got] = '\0';
            *text = p;
            *len = got;
            return GW_OK;
        }
        if (ferror(fp)) {
            gw_buf_printf(err, "%s: %s", path, strerror(errno));
            fclose(fp);
            return GW_ERR_IO;
        }
        rewind(fp); /* it grew: read it as a stream */
    }
    gw_buf_init(&b, 0);
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        gw_buf_add(&b, chunk, n);
        if (b.len > max)
            break;
    }
    if (ferror(fp)) {
        gw_buf_printf(err, "%s: %s", path, strerror(errno));
        if (fp != stdin)
            fclose(fp);
        gw_buf_release(&b);
        return GW_ERR_IO;
    }
    if (fp != stdin)
        fclose(fp);
    *text = gw_arena_strndup(a, gw_buf_str(&b), b.len);
    *len = b.len;
    gw_buf_release(&b);
    return GW_OK;
}

static void take(struct gw_ctx_value *v, const struct gw_node *n,
                 const struct gw_source *src)
{
    if (v->value || !n || n->kind != GW_NODE_SCALAR ||
        n->scalar != GW_SCALAR_STRING || n->len == 0)
        return;
    v->value = n->str;
    v->origin = src->path;
    v->src = src;
    v->span = n->span;
}

enum gw_status gw_context_load(struct gw_context *ctx, struct gw_arena *a,
                               enum gw_ctx_file kind, const char *path,
                               const char *display, struct gw_buf *err)
{
    struct gw_source *src = gw_arena_alloc(a, sizeof *src);
    struct gw_node *root = NULL;
    struct gw_load_error le;
    enum gw_status rc;
    char *text;
    size_t len;

    rc = gw_read_file(a, path, GW_MAX_FILE_BYTES, &text, &len, err);
    if (rc != GW_OK)
        return rc;
    gw_source_init(src, a, gw_arena_strdup(a, display), text, len);
    if (len > GW_MAX_FILE_BYTES) {
        gw_buf_printf(err, "%s: larger than 8 MiB", display);
        return GW_ERR_PARSE;
    }
    rc = gw_load_json(a, src, &root, &le);
    if (rc != GW_OK || !root || root->kind != GW_NODE_MAP) {
        unsigned line = 1, col = 1;
        if (rc != GW_OK)
            gw_source_line_col(src, le.span.start, &line, &col);
        gw_buf_printf(err, "%s:%u:%u: %s", display, line, col,
                      rc != GW_OK ? le.message
                                  : "expected a JSON object (the output of "
                                    "az apim show / az connectedk8s show)");
        return GW_ERR_PARSE;
    }
    if (kind == GW_CTX_CLUSTER) {
        take(&ctx->region, gw_node_get(root, "location"), src);
    } else {
        const struct gw_node *sku = gw_node_get(root, "sku");
        take(&ctx->tier, sku ? gw_node_get(sku, "name") : NULL, src);
        take(&ctx->apim_name, gw_node_get(root, "name"), src);
        take(&ctx->apim_id, gw_node_get(root, "id"), src);
        take(&ctx->region, gw_node_get(root, "location"), src);
    }
    return GW_OK;
}
