/* JSON-RPC 2.0 over a byte stream with LSP framing: reading frames with a
 * bounded body, parsing messages, writing responses and notifications. */
#include "rpc.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "mem.h"

/* A header line longer than this is garbage; so is a block of more lines. */
#define MAX_LINE  1024
#define MAX_LINES 32

void gw_rpc_init(struct gw_rpc *c, FILE *in, FILE *out, size_t max_body)
{
    cJSON_Hooks hooks = {gw_xmalloc, gw_xfree};

    cJSON_InitHooks(&hooks);
    c->in = in;
    c->out = out;
    c->max_body = max_body ? max_body : GW_RPC_MAX_BODY;
    c->write_failed = false;
    gw_buf_init(&c->body, 0);
}

void gw_rpc_release(struct gw_rpc *c)
{
    gw_buf_release(&c->body);
}

/* ---- reading frames ---- */

enum line_read { LINE_OK, LINE_EOF, LINE_EOF_PARTIAL };

/* Read one line (without its "\n" or "\r\n") into `line`; bytes past
 * MAX_LINE are dropped and set *too_long. */
static enum line_read read_line(FILE *in, char *line, size_t *len,
                                bool *too_long)
{
    size_t n = 0;
    int ch;

    *too_long = false;
    while ((ch = getc(in)) != EOF && ch != '\n') {
        if (n < MAX_LINE)
            line[n++] = (char)ch;
        else
            *too_long = true;
    }
    if (ch == EOF && n == 0 && !*too_long)
        return LINE_EOF;
    if (ch == EOF)
        return LINE_EOF_PARTIAL;
    if (n > 0 && line[n - 1] == '\r')
        n--;
    line[n] = '\0';
    *len = n;
    return LINE_OK;
}

static bool is_token_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           (ch >= '0' && ch <= '9') || strchr("!#$%&'*+-.^_`|~", ch);
}

/* The byte count of a Content-Length value: decimal digits, optionally
 * surrounded by blanks. */
static bool parse_length(const char *s, uint64_t *out)
{
    uint64_t v = 0;
    bool any = false;

    while (*s == ' ' || *s == '\t')
        s++;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (v > (UINT64_MAX - 9) / 10)
            return false;
        v = v * 10 + (uint64_t)(*s - '0');
        any = true;
    }
    while (*s == ' ' || *s == '\t')
        s++;
    *out = v;
    return any && *s == '\0';
}

/* State of one header block. */
struct headers {
    uint64_t length;
    bool have_length, bad_length;
};

static void problem(struct gw_buf *err, const char *msg)
{
    if (err->len == 0)
        gw_buf_puts(err, msg);
}

/* Interpret one header line. */
static void header_line(struct headers *h, char *line, size_t len,
                        bool too_long, struct gw_buf *err)
{
    static const char cl[] = "Content-Length:";
    char *colon, *name_end, *p;
    uint64_t v;

    if (too_long) {
        problem(err, "a header line is longer than 1024 bytes");
        return;
    }
    colon = memchr(line, ':', len);
    for (p = line; colon && p < colon && is_token_char(*p); p++)
        ;
    if (!colon || p != colon || p == line) {
        /* Garbage; a frame may still start inside it when the garbage
         * did not end with a line break. */
        char *at = NULL, *q;
        for (q = line; q + sizeof cl - 1 <= line + len; q++)
            if (strncasecmp(q, cl, sizeof cl - 1) == 0) {
                at = q;
                break;
            }
        problem(err, "a header line is not 'Name: value'");
        if (!at)
            return;
        len -= (size_t)(at - line);
        line = at;
        colon = line + sizeof cl - 2;
    }
    name_end = colon;
    if ((size_t)(name_end - line) == sizeof cl - 2 &&
        strncasecmp(line, cl, sizeof cl - 2) == 0) {
        if (!parse_length(colon + 1, &v)) {
            problem(err, "Content-Length is not a decimal byte count");
            h->bad_length = true;
        } else if (h->have_length && v != h->length) {
            problem(err, "two different Content-Length headers");
            h->bad_length = true;
        } else {
            h->length = v;
            h->have_length = true;
        }
    }
    /* Content-Type and other well-formed headers are accepted as they
     * are: the body is UTF-8 JSON whatever they say. */
}

/* Read (keep = true) or discard `n` bytes of body. */
static bool read_body(struct gw_rpc *c, uint64_t n, bool keep)
{
    char chunk[16384];

    while (n > 0) {
        size_t want = n < sizeof chunk ? (size_t)n : sizeof chunk;
        size_t got = fread(chunk, 1, want, c->in);
        if (keep && got)
            gw_buf_add(&c->body, chunk, got);
        if (got < want)
            return false;
        n -= got;
    }
    return true;
}

enum gw_rpc_read gw_rpc_read(struct gw_rpc *c, struct gw_buf *err)
{
    struct headers h = {0, false, false};
    char line[MAX_LINE + 1];
    size_t len = 0, nlines = 0;
    bool too_long;

    gw_buf_reset(err);
    gw_buf_reset(&c->body);
    for (;;) {
        enum line_read r = read_line(c->in, line, &len, &too_long);
        if (r == LINE_EOF && nlines == 0)
            return GW_RPC_EOF;
        if (r != LINE_OK) {
            gw_buf_reset(err);
            gw_buf_puts(err, "the input ended inside a frame's headers");
            return GW_RPC_TRUNCATED;
        }
        if (len == 0 && !too_long) {
            if (nlines == 0)
                continue; /* blank lines between frames */
            break;
        }
        if (++nlines > MAX_LINES) {
            problem(err, "a frame has more than 32 header lines");
            continue;
        }
        header_line(&h, line, len, too_long, err);
    }
    if (h.bad_length || nlines > MAX_LINES)
        return GW_RPC_BAD_FRAME;
    if (!h.have_length) {
        problem(err, "a frame has no Content-Length header");
        return GW_RPC_BAD_FRAME;
    }
    if (h.length > c->max_body) {
        if (!read_body(c, h.length, false)) {
            gw_buf_reset(err);
            gw_buf_puts(err, "the input ended inside a frame's body");
            return GW_RPC_TRUNCATED;
        }
        gw_buf_reset(err);
        gw_buf_printf(err,
                      "a frame's body of %llu bytes is over the limit of "
                      "%zu bytes; it was skipped",
                      (unsigned long long)h.length, c->max_body);
        return GW_RPC_BAD_FRAME;
    }
    if (!read_body(c, h.length, true)) {
        gw_buf_reset(err);
        gw_buf_puts(err, "the input ended inside a frame's body");
        return GW_RPC_TRUNCATED;
    }
    return GW_RPC_FRAME;
}

/* ---- parsing messages ---- */

int gw_rpc_parse(const char *body, size_t len, struct gw_rpc_msg *m,
                 struct gw_buf *err)
{
    const char *end = NULL;
    const cJSON *v;

    memset(m, 0, sizeof *m);
    gw_buf_reset(err);
    m->root = cJSON_ParseWithLengthOpts(body, len, &end, false);
    if (!m->root) {
        size_t at =
            end && end >= body && end <= body + len ? (size_t)(end - body) : 0;
        gw_buf_printf(err, "the body is not valid JSON (at byte %zu)", at);
        return GW_RPC_PARSE_ERROR;
    }
    while (end < body + len &&
           (*end == ' ' || *end == '\t' || *end == '\r' || *end == '\n'))
        end++;
    if (end != body + len) {
        gw_buf_printf(err,
                      "the body has text after its JSON value (at byte "
                      "%zu)",
                      (size_t)(end - body));
        return GW_RPC_PARSE_ERROR;
    }
    if (!cJSON_IsObject(m->root)) {
        gw_buf_puts(err, "a message must be a JSON object");
        return GW_RPC_INVALID_REQUEST;
    }
    v = cJSON_GetObjectItemCaseSensitive(m->root, "id");
    if (v && !cJSON_IsNumber(v) && !cJSON_IsString(v)) {
        gw_buf_puts(err, "'id' must be a number or a string");
        return GW_RPC_INVALID_REQUEST;
    }
    m->id = v;
    v = cJSON_GetObjectItemCaseSensitive(m->root, "jsonrpc");
    if (!cJSON_IsString(v) || strcmp(v->valuestring, "2.0") != 0) {
        gw_buf_puts(err, "'jsonrpc' must be \"2.0\"");
        return GW_RPC_INVALID_REQUEST;
    }
    v = cJSON_GetObjectItemCaseSensitive(m->root, "method");
    if (!v) {
        if (cJSON_HasObjectItem(m->root, "result") ||
            cJSON_HasObjectItem(m->root, "error"))
            return 0; /* a response to a request of ours */
        gw_buf_puts(err, "a request must have a 'method'");
        return GW_RPC_INVALID_REQUEST;
    }
    if (!cJSON_IsString(v)) {
        gw_buf_puts(err, "'method' must be a string");
        return GW_RPC_INVALID_REQUEST;
    }
    m->method = v->valuestring;
    v = cJSON_GetObjectItemCaseSensitive(m->root, "params");
    if (v && !cJSON_IsObject(v) && !cJSON_IsArray(v)) {
        gw_buf_puts(err, "'params' must be an object or an array");
        return GW_RPC_INVALID_REQUEST;
    }
    m->params = v;
    return 0;
}

void gw_rpc_msg_free(struct gw_rpc_msg *m)
{
    cJSON_Delete(m->root);
    memset(m, 0, sizeof *m);
}

/* ---- writing ---- */

bool gw_rpc_send(struct gw_rpc *c, const cJSON *msg)
{
    char *text = cJSON_PrintUnformatted(msg);
    size_t n;
    bool ok;

    if (!text) /* cJSON fails only when allocation fails */
        GW_BUG("cJSON could not print a message");
    n = strlen(text);
    ok = fprintf(c->out, "Content-Length: %zu\r\n\r\n", n) > 0 &&
         fwrite(text, 1, n, c->out) == n && fflush(c->out) == 0;
    cJSON_free(text);
    if (!ok)
        c->write_failed = true;
    return ok;
}

static cJSON *envelope(const cJSON *id)
{
    cJSON *msg = cJSON_CreateObject();

    cJSON_AddStringToObject(msg, "jsonrpc", "2.0");
    if (id)
        cJSON_AddItemToObject(msg, "id", cJSON_Duplicate(id, false));
    else
        cJSON_AddNullToObject(msg, "id");
    return msg;
}

bool gw_rpc_send_result(struct gw_rpc *c, const cJSON *id, cJSON *result)
{
    cJSON *msg = envelope(id);
    bool ok;

    cJSON_AddItemToObject(msg, "result", result ? result : cJSON_CreateNull());
    ok = gw_rpc_send(c, msg);
    cJSON_Delete(msg);
    return ok;
}

bool gw_rpc_send_error(struct gw_rpc *c, const cJSON *id, int code,
                       const char *message)
{
    cJSON *msg = envelope(id), *e = cJSON_CreateObject();
    bool ok;

    cJSON_AddNumberToObject(e, "code", code);
    cJSON_AddStringToObject(e, "message", message);
    cJSON_AddItemToObject(msg, "error", e);
    ok = gw_rpc_send(c, msg);
    cJSON_Delete(msg);
    return ok;
}

bool gw_rpc_send_notification(struct gw_rpc *c, const char *method,
                              cJSON *params)
{
    cJSON *msg = cJSON_CreateObject();
    bool ok;

    cJSON_AddStringToObject(msg, "jsonrpc", "2.0");
    cJSON_AddStringToObject(msg, "method", method);
    if (params)
        cJSON_AddItemToObject(msg, "params", params);
    ok = gw_rpc_send(c, msg);
    cJSON_Delete(msg);
    return ok;
}
