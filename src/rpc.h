/* JSON-RPC 2.0 over a byte stream with LSP framing: Content-Length headers,
 * a bounded body, message parsing and the responses the server writes.
 * Only rpc.c and lsp.c include this header (they share cJSON, STYLE §3). */
#ifndef GW_RPC_H
#define GW_RPC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "buf.h"

/* The largest body a frame may have; larger frames are skipped. */
#define GW_RPC_MAX_BODY ((size_t)16 << 20)

/* JSON-RPC and LSP error codes. */
enum gw_rpc_code {
    GW_RPC_PARSE_ERROR = -32700,
    GW_RPC_INVALID_REQUEST = -32600,
    GW_RPC_METHOD_NOT_FOUND = -32601,
    GW_RPC_INVALID_PARAMS = -32602,
    GW_RPC_INTERNAL_ERROR = -32603,
    GW_RPC_SERVER_NOT_INITIALIZED = -32002,
    GW_RPC_REQUEST_FAILED = -32803
};

/* What gw_rpc_read found. */
enum gw_rpc_read {
    GW_RPC_FRAME,     /* a body is in c->body (a header problem may also be
                         in err: report it, then handle the body) */
    GW_RPC_BAD_FRAME, /* a frame was unusable and skipped; err says why */
    GW_RPC_EOF,       /* the input ended between frames */
    GW_RPC_TRUNCATED  /* the input ended inside a frame; err says where */
};

/* One connection: the two streams and the reader's scratch buffers. */
struct gw_rpc {
    FILE *in, *out; /* borrowed */
    size_t max_body;
    struct gw_buf body; /* the last frame's body */
    bool write_failed;  /* a write to `out` failed */
};

/* Initialise a connection over `in` and `out` (borrowed; they must outlive
 * it) with a body cap (0: GW_RPC_MAX_BODY). Routes cJSON's allocations
 * through mem.c. Never fails. */
void gw_rpc_init(struct gw_rpc *c, FILE *in, FILE *out, size_t max_body);

/* Free the connection's buffers (not the streams). */
void gw_rpc_release(struct gw_rpc *c);

/* Read the next frame. Headers end at an empty line; lines may end in
 * "\r\n" or "\n"; Content-Length is required, Content-Type is accepted,
 * other lines are reported. A body over the cap is read and discarded.
 * `err` (reset first) gets a one-line reason for anything reported. */
enum gw_rpc_read gw_rpc_read(struct gw_rpc *c, struct gw_buf *err);

/* A parsed message. `root` owns everything; free with gw_rpc_msg_free. */
struct gw_rpc_msg {
    cJSON *root;
    const cJSON *id;     /* a number or string, or NULL: a notification */
    const char *method;  /* NULL for a response */
    const cJSON *params; /* may be NULL */
};

/* Parse `len` bytes of `body` into `m`. Returns 0, or an error code
 * (GW_RPC_PARSE_ERROR, GW_RPC_INVALID_REQUEST) with a reason in `err`; then
 * m->id is set when the message had a usable id (the error answers it). A
 * message with a result or error member and no method is a response. */
int gw_rpc_parse(const char *body, size_t len, struct gw_rpc_msg *m,
                 struct gw_buf *err);

/* Free a parsed message; an empty one is fine. */
void gw_rpc_msg_free(struct gw_rpc_msg *m);

/* Frame and write `msg` (borrowed), then flush. Returns false (and sets
 * c->write_failed) when the output fails. */
bool gw_rpc_send(struct gw_rpc *c, const cJSON *msg);

/* Send a result for request `id` (borrowed; NULL: null). Takes ownership
 * of `result` (NULL: null). */
bool gw_rpc_send_result(struct gw_rpc *c, const cJSON *id, cJSON *result);

/* Send an error for request `id` (borrowed; NULL: null) with `code` and a
 * message (copied). */
bool gw_rpc_send_error(struct gw_rpc *c, const cJSON *id, int code,
                       const char *message);

/* Send a notification; takes ownership of `params` (NULL: none). */
bool gw_rpc_send_notification(struct gw_rpc *c, const char *method,
                              cJSON *params);

#endif
