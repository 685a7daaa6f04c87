/* CI workflows: the scripts of GitHub Actions (`run:`) and Azure Pipelines
 * (`script:`, `bash:`, `pwsh:`, `powershell:`, `inlineScript:`) scanned
 * for gateway commands, with every position mapped back through the YAML
 * scalar (block, plain or quoted) into the workflow file (SPEC §3). */
#include "build.h"

#include <string.h>
#include <strings.h>

#include "buf.h"
#include "build_command.h"
#include "mem.h"
#include "node.h"

/* ---- a YAML scalar's text with the host offset of each byte ---- */

struct emu {
    struct gw_buf text;
    uint32_t *map;
    size_t cap;
};

static void emit(struct emu *e, char c, uint32_t at)
{
    if (e->text.len + 1 > e->cap) {
        e->cap = e->cap ? e->cap * 2 : 256;
        e->map = gw_xrealloc(e->map, e->cap * sizeof *e->map);
    }
    e->map[e->text.len] = at;
    gw_buf_add(&e->text, &c, 1);
}

static bool white(char c)
{
    return c == ' ' || c == '\t';
}

/* Line [*b, *e) of the host holding offset `at` (without "\r\n"). */
static void line_at(const struct gw_source *s, uint32_t at, size_t *b,
                    size_t *e, size_t *next)
{
    size_t p = at;
    while (p > 0 && s->text[p - 1] != '\n')
        p--;
    *b = p;
    p = at;
    while (p < s->len && s->text[p] != '\n')
        p++;
    *next = p < s->len ? p + 1 : p;
    if (p > *b && s->text[p - 1] == '\r')
        p--;
    *e = p;
}

/* A block scalar (| or >) starting at its indicator. */
static void emulate_block(const struct gw_source *s, const struct gw_node *n,
                          struct emu *e)
{
    const char *t = s->text;
    size_t p = n->span.start + 1, b, le, next, indent = 0, i;
    bool folded = t[n->span.start] == '>';
    char chomp = 0;
    int explicit_ind = 0;
    bool prev_normal = false, have_prev = false;
    size_t pending_nl = 0, last_nl_at = n->span.start;

    while (p < s->len &&
           (t[p] == '+' || t[p] == '-' || (t[p] >= '1' && t[p] <= '9'))) {
        if (t[p] == '+' || t[p] == '-')
            chomp = t[p];
        else
            explicit_ind = t[p] - '0';
        p++;
    }
    line_at(s, (uint32_t)p, &b, &le, &next);
    p = next;
    if (explicit_ind) {
        size_t kb, ke, kn;
        uint32_t at = n->key ? n->key->span.start : n->span.start;
        line_at(s, at, &kb, &ke, &kn);
        indent = at - kb + (size_t)explicit_ind;
        if (!n->key) {
            /* "- |2": the parent is the sequence; its indentation is the
             * dash's column */
            indent = n->span.start - kb;
            while (indent > 0 && t[kb + indent - 1] != '-')
                indent--;
            indent = indent ? indent - 1 + (size_t)explicit_ind : 0;
        }
    } else {
        size_t q;
        for (q = p; q < n->span.end;) {
            line_at(s, (uint32_t)q, &b, &le, &next);
            for (i = b; i < le && t[i] == ' '; i++)
                ;
            if (i < le) {
                indent = i - b;
                break;
            }
            q = next;
        }
    }
    while (p < n->span.end && p < s->len) {
        size_t cs;
        bool empty, more;
        line_at(s, (uint32_t)p, &b, &le, &next);
        cs = b + indent;
        empty = true;
        for (i = b; i < le; i++)
            if (t[i] != ' ') {
                empty = false;
                break;
            }
        if (empty && le - b <= indent) {
            pending_nl++;
            last_nl_at = le;
            p = next;
            continue;
        }
        if (cs > le)
            cs = le;
        more = cs < le && white(t[cs]);
        if (have_prev) {
            if (folded && prev_normal && !more && !empty) {
                if (pending_nl == 0)
                    emit(e, ' ', (uint32_t)last_nl_at);
            } else {
                emit(e, '\n', (uint32_t)last_nl_at);
            }
            for (i = 0; i < pending_nl; i++)
                emit(e, '\n', (uint32_t)last_nl_at);
        } else {
            for (i = 0; i < pending_nl; i++)
                emit(e, '\n', (uint32_t)last_nl_at);
        }
        pending_nl = 0;
        for (i = cs; i < le; i++)
            emit(e, t[i], (uint32_t)i);
        have_prev = true;
        prev_normal = !more && !empty;
        last_nl_at = le;
        p = next;
    }
    if (have_prev && chomp != '-')
        emit(e, '\n', (uint32_t)last_nl_at);
    if (chomp == '+')
        for (i = 0; i < pending_nl; i++)
            emit(e, '\n', (uint32_t)last_nl_at);
}

/* Decode [b, e) of a flow scalar's line; false on an escape we do not
 * emulate (the caller then falls back). */
static bool flow_bytes(const char *t, size_t b, size_t e, char q,
                       struct emu *out)
{
    while (b < e) {
        char c = t[b];
        if (q == '\'' && c == '\'' && b + 1 < e && t[b + 1] == '\'') {
            emit(out, '\'', (uint32_t)b);
            b += 2;
            continue;
        }
        if (q == '"' && c == '\\' && b + 1 < e) {
            char x = t[b + 1];
            switch (x) {
            case 'n':
                x = '\n';
                break;
            case 't':
                x = '\t';
                break;
            case 'r':
                x = '\r';
                break;
            case '0':
                x = '\0';
                break;
            case '"':
            case '\\':
            case '/':
            case ' ':
                break;
            default:
                return false;
            }
            emit(out, x, (uint32_t)b + 1);
            b += 2;
            continue;
        }
        emit(out, c, (uint32_t)b);
        b++;
    }
    return true;
}

/* A flow scalar: plain, '...' or "...", folded across lines. */
static bool emulate_flow(const struct gw_source *s, const struct gw_node *n,
                         struct emu *e)
{
    const char *t = s->text;
    char q = t[n->span.start];
    size_t p = n->span.start, end = n->span.end, i, empties = 0;
    uint32_t brk_at = 0;
    bool first = true, escaped = false;

    if (q == '\'' || q == '"') {
        p++;
        if (end > p)
            end--;
    } else {
        q = 0;
    }
    for (;;) {
        size_t le = p, b = p, x;
        bool last, esc_here = false;
        while (le < end && t[le] != '\n')
            le++;
        last = le >= end;
        x = le;
        if (!last && x > b && t[x - 1] == '\r')
            x--;
        if (!first)
            while (b < x && white(t[b]))
                b++;
        if (!last && q == '"') {
            size_t k = 0;
            while (x - k > b && t[x - k - 1] == '\\')
                k++;
            if (k % 2 == 1) {
                esc_here = true;
                x--;
            }
        }
        if (!last && !esc_here)
            while (x > b && white(t[x - 1]))
                x--;
        if (!first) {
            if (b == x && !last && !esc_here) {
                empties++;
                p = le + 1;
                continue;
            }
            if (!escaped) {
                if (empties)
                    for (i = 0; i < empties; i++)
                        emit(e, '\n', brk_at);
                else
                    emit(e, ' ', brk_at);
            }
        }
        empties = 0;
        escaped = esc_here;
        if (!flow_bytes(t, b, x, q, e))
            return false;
        first = false;
        if (last)
            return true;
        brk_at = (uint32_t)le;
        p = le + 1;
    }
}

/* The shell text of scalar `n` mapped to the host; NULL map when the
 * emulation disagrees with the parser, then every byte maps to the
 * scalar's start. */
static void scalar_text(struct gw_doc *d, const struct gw_node *n,
                        struct gw_shtext *in)
{
    const struct gw_source *s = d->src;
    struct emu e;
    char c = s->text[n->span.start];
    uint32_t *map;
    size_t i;
    bool ok = true;

    memset(&e, 0, sizeof e);
    gw_buf_init(&e.text, 0);
    if (n->span.start < s->len) {
        if (c == '|' || c == '>')
            emulate_block(s, n, &e);
        else
            ok = emulate_flow(s, n, &e);
    }
    memset(in, 0, sizeof *in);
    if (ok && e.text.len == n->len &&
        (n->len == 0 || memcmp(e.text.data, n->str, n->len) == 0)) {
        map = gw_arena_alloc(d->arena, (e.text.len + 1) * sizeof *map);
        if (e.text.len)
            memcpy(map, e.map, e.text.len * sizeof *map);
    } else {
        map = gw_arena_alloc(d->arena, (n->len + 1) * sizeof *map);
        for (i = 0; i < n->len; i++)
            map[i] = n->span.start;
    }
    in->text = n->str ? n->str : "";
    in->len = n->len;
    in->map = map;
    in->host_quoted = c == '"' || c == '\'';
    gw_buf_release(&e.text);
    gw_xfree(e.map);
}

/* ---- the workflow tree ---- */

struct walk {
    struct gw_doc *d;
    struct gw_cmdscan *scan;
    unsigned scope;
};

static const char *str_of(const struct gw_node *m, const char *key)
{
    const struct gw_node *v = m ? gw_node_get(m, key) : NULL;
    return v && v->kind == GW_NODE_SCALAR && v->str ? v->str : NULL;
}

static bool has(const char *s, const char *needle)
{
    return s && gw_build_contains_ci(s, strlen(s), needle);
}

/* GitHub's `shell:` value: 1 PowerShell, 0 a POSIX shell, -1 another
 * interpreter (cmd, python). */
static int shell_kind(const char *sh)
{
    if (has(sh, "pwsh") || has(sh, "powershell"))
        return 1;
    if (has(sh, "bash") || (sh && strncmp(sh, "sh", 2) == 0))
        return 0;
    return -1;
}

static void add_script(struct walk *w, const struct gw_node *v, bool ps)
{
    struct gw_shtext in;
    if (v->kind != GW_NODE_SCALAR || !v->str || v->len == 0)
        return;
    scalar_text(w->d, v, &in);
    in.dialect = ps ? GW_SH_PWSH : GW_SH_POSIX;
    in.macros = true;
    /* every step is a shell of its own */
    gw_cmdscan_add(w->scan, &in, w->scope++);
}

static void visit(struct walk *w, const struct gw_node *n,
                  const struct gw_node *parent, int def_ps, int depth)
{
    uint32_t i;
    const char *sh;
    if (!n || depth > GW_MAX_DEPTH)
        return;
    if (n->kind == GW_NODE_SEQ) {
        for (i = 0; i < n->nkids; i++)
            visit(w, n->kids[i], n, def_ps, depth + 1);
        return;
    }
    if (n->kind != GW_NODE_MAP)
        return;
    /* the default shell of a workflow or job */
    sh = str_of(gw_node_get(gw_node_get(n, "defaults"), "run"), "shell");
    if (sh)
        def_ps = shell_kind(sh);
    else if (has(str_of(n, "runs-on"), "windows"))
        def_ps = 1;
    for (i = 0; i < n->nkids; i++) {
        const struct gw_node *v = n->kids[i];
        const char *k = v->key->str;
        const char *task = str_of(n, "task");
        if (strcmp(k, "run") == 0) {
            int kind =
                str_of(n, "shell") ? shell_kind(str_of(n, "shell")) : def_ps;
            if (kind >= 0)
                add_script(w, v, kind == 1);
        } else if (strcmp(k, "bash") == 0) {
            add_script(w, v, false);
        } else if (strcmp(k, "pwsh") == 0 || strcmp(k, "powershell") == 0) {
            add_script(w, v, true);
        } else if (strcmp(k, "script") == 0) {
            /* Azure Pipelines: a step, or the inputs of Bash@3 and
             * PowerShell@2 */
            add_script(w, v, has(task, "powershell"));
        } else if (strcasecmp(k, "inlineScript") == 0 ||
                   strcasecmp(k, "Inline") == 0) {
            const char *st = str_of(n, "scriptType");
            const char *owner = parent ? str_of(parent, "uses") : NULL;
            bool ps = has(st, "ps") || strcasecmp(k, "Inline") == 0 ||
                      has(owner, "powershell") ||
                      (parent && has(str_of(parent, "task"), "powershell"));
            if (!has(st, "batch"))
                add_script(w, v, ps);
        } else if (v->kind == GW_NODE_MAP || v->kind == GW_NODE_SEQ) {
            if (strcmp(k, "inputs") == 0 || strcmp(k, "with") == 0) {
                /* task inputs: scriptType and the task name decide */
                const struct gw_node *in = v;
                uint32_t j;
                if (in->kind != GW_NODE_MAP)
                    continue;
                for (j = 0; j < in->nkids; j++) {
                    const struct gw_node *x = in->kids[j];
                    const char *xk = x->key->str;
                    const char *st = str_of(in, "scriptType");
                    bool ps = has(st, "ps") || has(task, "powershell") ||
                              has(str_of(n, "uses"), "powershell") ||
                              strcasecmp(xk, "Inline") == 0;
                    if ((strcasecmp(xk, "inlineScript") == 0 ||
                         strcasecmp(xk, "Inline") == 0 ||
                         (strcmp(xk, "script") == 0 && task)) &&
                        !has(st, "batch") && !has(task, "cmdline@"))
                        add_script(w, x, ps);
                }
                continue;
            }
            visit(w, v, n, def_ps, depth + 1);
        }
    }
}

bool gw_workflow_detect(const struct gw_ruleset *rs, const struct gw_node *root,
                        const char *path)
{
    const struct gw_node *runs;
    (void)rs;
    (void)path;
    if (!root || root->kind != GW_NODE_MAP)
        return false;
    runs = gw_node_get(root, "runs");
    return gw_node_get(root, "jobs") || gw_node_get(root, "steps") ||
           gw_node_get(root, "stages") ||
           (runs && runs->kind == GW_NODE_MAP && gw_node_get(runs, "steps"));
}

void gw_workflow_build(struct gw_doc *d, const struct gw_ruleset *rs,
                       const struct gw_node *root,
                       const struct gw_build_opts *o, const char **skip)
{
    struct walk w;
    (void)o;
    d->input_type = "workflow";
    w.d = d;
    w.scan = gw_cmdscan_new(d, rs);
    w.scope = 0;
    visit(&w, root, NULL, 0, 0);
    if (gw_cmdscan_finish(w.scan) == 0)
        *skip = "a workflow without an az k8s-extension create or update "
                "command for the gateway";
}
