/* YAML text -> gw_node tree. Drives libyaml's event parser, converts its
 * character marks to byte spans, resolves anchors, aliases and merge keys,
 * types plain scalars by the YAML 1.2 core schema and enforces the limits
 * of SPEC §10. The only user of libyaml. */
#include "load_yaml.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <yaml.h>

#include "mem.h"

/* An anchor definition. A redefinition gets a new entry; the table points
 * at the newest, as YAML aliases refer to the latest anchor of a name. */
struct anchor {
    const char *name;
    struct gw_node *node;
    size_t size;     /* nodes in its subtree, each alias counted at full size */
    unsigned height; /* collections nested in it, itself included */
    bool open;       /* its collection has not ended yet */
};

/* A merge key `<<` of an open mapping: the members of `from` go in at
 * explicit member index `at` when the mapping ends. */
struct merge {
    struct merge *next;
    struct gw_node *from;
    uint32_t at;
    bool alias; /* `from` was reached through an alias */
};

/* An open collection. */
struct frame {
    struct gw_node *node;
    struct gw_node *key; /* map: the key waiting for its value */
    struct anchor *anchor;
    struct merge *merges, *merges_tail;
    size_t nodes_before; /* ld->nodes before this collection */
    unsigned height;     /* greatest height of a member so far */
    uint32_t end;        /* furthest end of a member so far */
    bool flow;
    bool merge_key; /* `key` is a merge key */
};

struct loader {
    struct gw_arena *a;
    const struct gw_source *src;
    struct gw_load_error *err;
    uint32_t len;
    size_t idx;   /* mark cursor: a libyaml character index ... */
    uint32_t off; /* ... and the byte offset of that character */
    uint32_t ascii; /* the offset of the first byte >= 0x80 (or len):
                       before it, characters and bytes count alike */
    size_t nodes;
    size_t aliases;
    struct anchor **anchors; /* open addressing by name, power-of-2 size */
    size_t nanchors, anchors_cap;
    struct gw_node *root;
    unsigned depth;
    struct frame stack[GW_MAX_DEPTH];
};

/* ---- errors ---- */

#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
static enum gw_status
fail(struct loader *ld, enum gw_status rc, uint32_t start, uint32_t end,
     const char *fmt, ...)
{
    va_list ap;

    ld->err->span.start = start;
    ld->err->span.end = end;
    va_start(ap, fmt);
    vsnprintf(ld->err->message, sizeof ld->err->message, fmt, ap);
    va_end(ap);
    return rc;
}

/* ---- positions ---- */

static bool is_cont(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

static bool is_break(char c)
{
    return c == '\n' || c == '\r';
}

static bool is_white(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool is_flow_indicator(char c)
{
    return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}

/* Bytes in the character at `off`: libyaml has checked the UTF-8 of every
 * character that a mark can point past. */
static uint32_t char_len(const struct loader *ld, uint32_t off)
{
    unsigned char c = (unsigned char)ld->src->text[off];
    uint32_t n = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;

    return n < ld->len - off ? n : ld->len - off;
}

/* Byte offset of the character with libyaml index `index`. libyaml counts
 * characters from the start of the stream after the BOM, and each of the
 * two characters of "\r\n", so the index is exact whatever the line breaks
 * ('\r', U+2028 and NEL end lines for libyaml, not for gw_source). Marks
 * come in document order, so walking from the previous one keeps the whole
 * load linear, however long the lines. */
static uint32_t offset_of(struct loader *ld, size_t index)
{
    const char *t = ld->src->text;
    size_t i = ld->idx;
    uint32_t off = ld->off;

    if (index <= ld->ascii - ld->src->bom) {
        ld->idx = index;
        ld->off = ld->src->bom + (uint32_t)index;
        return ld->off;
    }
    if (index < i && index < i - index) {
        i = 0;
        off = ld->src->bom;
    }
    while (i > index) {
        off--;
        while (off > ld->src->bom && is_cont((unsigned char)t[off]))
            off--;
        i--;
    }
    while (i < index && off < ld->len) {
        off += char_len(ld, off);
        i++;
    }
    ld->idx = i;
    ld->off = off;
    return off;
}

/* A span of the one character at `off`, or empty at a line end or EOF. */
static struct gw_span char_span(const struct loader *ld, uint32_t off)
{
    struct gw_span s = {off, off};

    if (off < ld->len && !is_break(ld->src->text[off]))
        s.end = off + char_len(ld, off);
    return s;
}

/* Skip `n` node properties (anchor, tag) at p and the blanks and comments
 * after them: a node's events start at its properties, its span at its
 * text. */
static uint32_t skip_properties(const struct loader *ld, uint32_t p,
                                uint32_t limit, int n)
{
    const char *t = ld->src->text;

    for (;;) {
        while (p < limit && is_white(t[p]))
            p++;
        if (p >= limit)
            return limit;
        if (t[p] == '#') {
            while (p < limit && !is_break(t[p]))
                p++;
        } else if (n == 0 || (t[p] != '&' && t[p] != '!')) {
            return p;
        } else if (t[p] == '!' && p + 1 < limit && t[p + 1] == '<') {
            while (p < limit && t[p] != '>')
                p++;
            if (p < limit)
                p++;
            n--;
        } else {
            p++;
            while (p < limit && !is_white(t[p]) && !is_flow_indicator(t[p]))
                p++;
            n--;
        }
    }
}

/* The end of a block scalar's content: libyaml ends the token after the
 * trailing blank lines and the next line's indentation. Trailing blanks of
 * the last content line are content. An empty block scalar ends after its
 * header (`|`, `>-`, `|2+`), before any comment. */
static uint32_t block_end(const struct loader *ld, uint32_t start, uint32_t end)
{
    const char *t = ld->src->text;
    uint32_t p = end, header = start + 1, nl;

    while (header < end && (t[header] == '+' || t[header] == '-' ||
                            (t[header] >= '0' && t[header] <= '9')))
        header++;
    while (p > header && is_white(t[p - 1]))
        p--;
    nl = header;
    while (nl < p && !is_break(t[nl]))
        nl++;
    if (p <= nl)
        return header;
    while (p < end && (t[p] == ' ' || t[p] == '\t'))
        p++;
    return p;
}

/* ---- anchors ---- */

static size_t hash_name(const char *s)
{
    size_t h = 2166136261u;

    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The slot of `name` in the table, or the empty slot where it would go. */
static size_t anchor_slot(struct anchor **tab, size_t cap, const char *name)
{
    size_t i = hash_name(name) & (cap - 1);

    while (tab[i] && strcmp(tab[i]->name, name) != 0)
        i = (i + 1) & (cap - 1);
    return i;
}

static struct anchor *anchor_define(struct loader *ld, const char *name,
                                    struct gw_node *node)
{
    struct anchor *an;
    size_t i, slot;

    if ((ld->nanchors + 1) * 2 > ld->anchors_cap) {
        size_t cap = ld->anchors_cap ? ld->anchors_cap * 2 : 16;
        struct anchor **tab = gw_arena_alloc(ld->a, cap * sizeof *tab);
        for (i = 0; i < ld->anchors_cap; i++)
            if (ld->anchors[i])
                tab[anchor_slot(tab, cap, ld->anchors[i]->name)] =
                    ld->anchors[i];
        ld->anchors = tab;
        ld->anchors_cap = cap;
    }
    an = gw_arena_alloc(ld->a, sizeof *an);
    an->name = gw_arena_strdup(ld->a, name);
    an->node = node;
    an->size = 1;
    slot = anchor_slot(ld->anchors, ld->anchors_cap, name);
    if (!ld->anchors[slot])
        ld->nanchors++;
    ld->anchors[slot] = an;
    return an;
}

static struct anchor *anchor_find(const struct loader *ld, const char *name)
{
    if (!ld->anchors_cap)
        return NULL;
    return ld->anchors[anchor_slot(ld->anchors, ld->anchors_cap, name)];
}

/* ---- scalars ---- */

static bool is_digits(const char *s, size_t n, const char *set)
{
    size_t i;

    if (n == 0)
        return false;
    for (i = 0; i < n; i++)
        if (!s[i] || !strchr(set, s[i]))
            return false;
    return true;
}

static bool is_word(const char *s, size_t n, const char *w)
{
    return strlen(w) == n && memcmp(s, w, n) == 0;
}

/* [-+]? ( \.[0-9]+ | [0-9]+ (\.[0-9]*)? ) ([eE][-+]?[0-9]+)? */
static bool is_decimal(const char *s, size_t n)
{
    size_t i = 0, mant = 0, e;

    if (i < n && (s[i] == '-' || s[i] == '+'))
        i++;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++, mant++;
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++, mant++;
    }
    if (mant == 0)
        return false;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '-' || s[i] == '+'))
            i++;
        e = i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == e)
            return false;
    }
    return i == n;
}

/* The type of a plain, untagged scalar by the YAML 1.2 core schema. */
static enum gw_scalar core_type(const char *s, size_t n)
{
    static const char *const nulls[] = {"~", "null", "Null", "NULL"};
    static const char *const bools[] = {"true",  "True",  "TRUE",
                                        "false", "False", "FALSE"};
    static const char *const specials[] = {".inf",  ".Inf",  ".INF",  "+.inf",
                                           "+.Inf", "+.INF", "-.inf", "-.Inf",
                                           "-.INF", ".nan",  ".NaN",  ".NAN"};
    size_t i;

    if (n == 0)
        return GW_SCALAR_NULL;
    for (i = 0; i < sizeof nulls / sizeof *nulls; i++)
        if (is_word(s, n, nulls[i]))
            return GW_SCALAR_NULL;
    for (i = 0; i < sizeof bools / sizeof *bools; i++)
        if (is_word(s, n, bools[i]))
            return GW_SCALAR_BOOL;
    for (i = 0; i < sizeof specials / sizeof *specials; i++)
        if (is_word(s, n, specials[i]))
            return GW_SCALAR_NUMBER;
    if (n > 2 && s[0] == '0' && s[1] == 'o' &&
        is_digits(s + 2, n - 2, "01234567"))
        return GW_SCALAR_NUMBER;
    if (n > 2 && s[0] == '0' && s[1] == 'x' &&
        is_digits(s + 2, n - 2, "0123456789abcdefABCDEF"))
        return GW_SCALAR_NUMBER;
    return is_decimal(s, n) ? GW_SCALAR_NUMBER : GW_SCALAR_STRING;
}

/* ---- tree ---- */

static enum gw_status count_nodes(struct loader *ld, size_t n,
                                  struct gw_span at)
{
    if (n > GW_MAX_NODES - ld->nodes)
        return fail(ld, GW_ERR_LIMIT, at.start, at.end,
                    "more than %d nodes after alias expansion", GW_MAX_NODES);
    ld->nodes += n;
    return GW_OK;
}

/* A copy of `n` that shares its members, marked as reached by an alias. */
static struct gw_node *alias_copy(struct loader *ld, const struct gw_node *n)
{
    struct gw_node *c = gw_arena_alloc(ld->a, sizeof *c);

    *c = *n;
    c->alias = true;
    c->key = NULL;
    return c;
}

/* A merge key's value: a map, or a sequence of maps, merged in order. */
static bool add_merge(struct loader *ld, struct frame *f, struct gw_node *v)
{
    uint32_t i, n = v->kind == GW_NODE_SEQ ? v->nkids : 1;

    if (v->kind == GW_NODE_SCALAR)
        return false;
    if (v->kind == GW_NODE_SEQ)
        for (i = 0; i < n; i++)
            if (v->kids[i]->kind != GW_NODE_MAP)
                return false;
    for (i = 0; i < n; i++) {
        struct merge *m = gw_arena_alloc(ld->a, sizeof *m);
        m->from = v->kind == GW_NODE_SEQ ? v->kids[i] : v;
        m->at = f->node->nkids;
        m->alias = v->alias || m->from->alias;
        if (f->merges_tail)
            f->merges_tail->next = m;
        else
            f->merges = m;
        f->merges_tail = m;
    }
    return true;
}

/* Put `key` in the set of keys seen; false when it was there already.
 * Only scalar keys compare: a collection key never equals another. */
static bool key_add(const struct gw_node **set, size_t cap,
                    const struct gw_node *key)
{
    size_t h = 2166136261u, i;

    if (key->kind != GW_NODE_SCALAR)
        return true;
    for (i = 0; i < key->len; i++)
        h = (h ^ (unsigned char)key->str[i]) * 16777619u;
    for (i = h & (cap - 1); set[i]; i = (i + 1) & (cap - 1))
        if (set[i]->len == key->len &&
            memcmp(set[i]->str, key->str, key->len) == 0)
            return false;
    set[i] = key;
    return true;
}

/* Apply the merge keys of the mapping in `f`: each merged member goes in
 * where its `<<` was, unless an explicit member or an earlier merged map
 * has its key. Merged members of an alias are marked `alias`. A hash set
 * of keys keeps this linear. */
static void apply_merges(struct loader *ld, struct frame *f)
{
    struct gw_node *map = f->node, **old = map->kids;
    const struct gw_node **set;
    struct merge *m;
    uint32_t n = map->nkids, i, j;
    size_t total = n, cap = 16;

    for (m = f->merges; m; m = m->next)
        total += m->from->nkids;
    while (cap < total * 2)
        cap *= 2;
    set = gw_arena_alloc(ld->a, cap * sizeof *set);
    for (i = 0; i < n; i++)
        key_add(set, cap, old[i]->key);
    map->kids = NULL;
    map->nkids = 0;
    m = f->merges;
    for (i = 0; i <= n; i++) {
        for (; m && m->at == i; m = m->next) {
            for (j = 0; j < m->from->nkids; j++) {
                struct gw_node *kid = m->from->kids[j];
                if (!key_add(set, cap, kid->key))
                    continue;
                if (m->alias) {
                    struct gw_node *key = kid->key;
                    kid = alias_copy(ld, kid);
                    kid->key = key;
                }
                gw_node_append(ld->a, map, kid);
            }
        }
        if (i < n)
            gw_node_append(ld->a, map, old[i]);
    }
}

/* Hang the finished node `n` (with `height` levels of collections) on the
 * open collection, or make it the root. `merge_key`: n is a plain `<<`. */
static void attach(struct loader *ld, struct gw_node *n, unsigned height,
                   bool merge_key)
{
    struct frame *f;

    if (ld->depth == 0) {
        ld->root = n;
        return;
    }
    f = &ld->stack[ld->depth - 1];
    if (n->span.end > f->end)
        f->end = n->span.end;
    if (height > f->height)
        f->height = height;
    if (f->node->kind == GW_NODE_SEQ) {
        gw_node_append(ld->a, f->node, n);
        return;
    }
    if (!f->key) {
        f->key = n;
        f->merge_key = merge_key;
        return;
    }
    n->key = f->key;
    f->key = NULL;
    if (f->merge_key && add_merge(ld, f, n))
        return;
    gw_node_append(ld->a, f->node, n);
}

/* ---- events ---- */

static enum gw_status on_scalar(struct loader *ld, const yaml_event_t *ev)
{
    const char *value = (const char *)ev->data.scalar.value;
    size_t len = ev->data.scalar.length;
    yaml_scalar_style_t style = ev->data.scalar.style;
    bool plain = style == YAML_PLAIN_SCALAR_STYLE && !ev->data.scalar.tag;
    struct gw_span span;
    struct gw_node *n;
    enum gw_status rc;

    span.start = offset_of(ld, ev->start_mark.index);
    span.end = offset_of(ld, ev->end_mark.index);
    if (ev->data.scalar.anchor || ev->data.scalar.tag)
        span.start = skip_properties(ld, span.start, span.end,
                                     (ev->data.scalar.anchor != NULL) +
                                         (ev->data.scalar.tag != NULL));
    if (style == YAML_LITERAL_SCALAR_STYLE || style == YAML_FOLDED_SCALAR_STYLE)
        span.end = block_end(ld, span.start, span.end);
    rc = count_nodes(ld, 1, span);
    if (rc != GW_OK)
        return rc;
    n = gw_node_new(ld->a, GW_NODE_SCALAR);
    n->span = span;
    if (len) {
        n->str = gw_arena_strndup(ld->a, value, len);
        n->len = (uint32_t)len;
    }
    n->quoted = style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
                style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    n->scalar = plain ? core_type(value, len) : GW_SCALAR_STRING;
    if (ev->data.scalar.anchor)
        anchor_define(ld, (const char *)ev->data.scalar.anchor, n);
    attach(ld, n, 0, plain && len == 2 && memcmp(value, "<<", 2) == 0);
    return GW_OK;
}

static enum gw_status on_alias(struct loader *ld, const yaml_event_t *ev)
{
    const char *name = (const char *)ev->data.alias.anchor;
    struct anchor *an;
    struct gw_node *n;
    struct gw_span span;
    enum gw_status rc;

    span.start = offset_of(ld, ev->start_mark.index);
    span.end = offset_of(ld, ev->end_mark.index);
    if (++ld->aliases > GW_MAX_ALIASES)
        return fail(ld, GW_ERR_LIMIT, span.start, span.end,
                    "more than %d aliases", GW_MAX_ALIASES);
    an = anchor_find(ld, name);
    if (!an)
        return fail(ld, GW_ERR_PARSE, span.start, span.end,
                    "undefined alias '%s'", name);
    if (an->open)
        return fail(ld, GW_ERR_LIMIT, span.start, span.end,
                    "alias '%s' refers to its own anchor (cycle)", name);
    /* The tree a consumer walks holds the anchored subtree here again. */
    if (ld->depth + an->height > GW_MAX_DEPTH)
        return fail(ld, GW_ERR_LIMIT, span.start, span.end,
                    "nesting deeper than %d levels after alias expansion",
                    GW_MAX_DEPTH);
    rc = count_nodes(ld, an->size, span);
    if (rc != GW_OK)
        return rc;
    n = alias_copy(ld, an->node);
    n->span = span;
    attach(ld, n, an->height, false);
    return GW_OK;
}

static enum gw_status on_start(struct loader *ld, const yaml_event_t *ev)
{
    bool map = ev->type == YAML_MAPPING_START_EVENT;
    const yaml_char_t *anchor =
        map ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor;
    const yaml_char_t *tag =
        map ? ev->data.mapping_start.tag : ev->data.sequence_start.tag;
    struct gw_span at;
    struct frame *f;
    uint32_t start;
    enum gw_status rc;

    start = offset_of(ld, ev->start_mark.index);
    if (anchor || tag)
        start = skip_properties(ld, start, ld->len,
                                (anchor != NULL) + (tag != NULL));
    at = char_span(ld, start);
    if (ld->depth == GW_MAX_DEPTH)
        return fail(ld, GW_ERR_LIMIT, at.start, at.end,
                    "nesting deeper than %d levels", GW_MAX_DEPTH);
    f = &ld->stack[ld->depth];
    memset(f, 0, sizeof *f);
    f->nodes_before = ld->nodes;
    rc = count_nodes(ld, 1, at);
    if (rc != GW_OK)
        return rc;
    ld->depth++;
    f->node = gw_node_new(ld->a, map ? GW_NODE_MAP : GW_NODE_SEQ);
    f->node->span.start = f->node->span.end = f->end = start;
    f->flow = map ? ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                  : ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
    if (anchor) {
        f->anchor = anchor_define(ld, (const char *)anchor, f->node);
        f->anchor->open = true;
    }
    return GW_OK;
}

static void on_end(struct loader *ld, const yaml_event_t *ev)
{
    struct frame *f = &ld->stack[--ld->depth];
    struct gw_node *n = f->node;

    assert(!f->key);
    /* A block collection's end event sits at the next token, maybe lines
     * later after comments, so it ends with its last member instead. */
    n->span.end = f->flow ? offset_of(ld, ev->end_mark.index) : f->end;
    if (f->merges)
        apply_merges(ld, f);
    if (f->anchor) {
        f->anchor->size = ld->nodes - f->nodes_before;
        f->anchor->height = f->height + 1;
        f->anchor->open = false;
    }
    attach(ld, n, f->height + 1, false);
}

/* Handle one event; *done when the first document is complete. */
static enum gw_status on_event(struct loader *ld, const yaml_event_t *ev,
                               bool *done)
{
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        return on_scalar(ld, ev);
    case YAML_ALIAS_EVENT:
        return on_alias(ld, ev);
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
        return on_start(ld, ev);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        on_end(ld, ev);
        return GW_OK;
    case YAML_DOCUMENT_END_EVENT:
    case YAML_STREAM_END_EVENT:
        *done = true;
        return GW_OK;
    default:
        return GW_OK;
    }
}

/* Convert libyaml's error state to a status, a span and a message. */
static enum gw_status parse_failed(struct loader *ld,
                                   const yaml_parser_t *parser)
{
    const char *problem = parser->problem ? parser->problem : "invalid YAML";
    struct gw_span span;
    unsigned line, col, ctx_line;
    size_t n;

    switch (parser->error) {
    case YAML_MEMORY_ERROR:
        return fail(ld, GW_ERR_LIMIT, 0, 0,
                    "the YAML parser ran out of memory");
    case YAML_READER_ERROR:
        span.start = parser->problem_offset < ld->len
                         ? (uint32_t)parser->problem_offset
                         : ld->len;
        span.end = span.start < ld->len ? span.start + 1 : span.start;
        if (parser->problem_value >= 0)
            fail(ld, GW_ERR_PARSE, span.start, span.end, "%s (0x%02X)", problem,
                 (unsigned)parser->problem_value);
        else
            fail(ld, GW_ERR_PARSE, span.start, span.end, "%s", problem);
        break;
    default:
        span = char_span(ld, offset_of(ld, parser->problem_mark.index));
        if (!parser->context) {
            fail(ld, GW_ERR_PARSE, span.start, span.end, "%s", problem);
            break;
        }
        gw_source_line_col(ld->src, span.start, &line, &col);
        gw_source_line_col(ld->src, offset_of(ld, parser->context_mark.index),
                           &ctx_line, &col);
        if (ctx_line != line)
            fail(ld, GW_ERR_PARSE, span.start, span.end,
                 "%s %s that began on line %u", problem, parser->context,
                 ctx_line);
        else
            fail(ld, GW_ERR_PARSE, span.start, span.end, "%s %s", problem,
                 parser->context);
        break;
    }
    /* Our message style: lower-case first word, no trailing period. */
    n = strlen(ld->err->message);
    if (n && ld->err->message[n - 1] == '.')
        ld->err->message[n - 1] = '\0';
    if (ld->err->message[0] >= 'A' && ld->err->message[0] <= 'Z')
        ld->err->message[0] = (char)(ld->err->message[0] - 'A' + 'a');
    return GW_ERR_PARSE;
}

enum gw_status gw_load_yaml(struct gw_arena *a, const struct gw_source *src,
                            struct gw_node **root, struct gw_load_error *err)
{
    struct loader ld;
    yaml_parser_t parser;
    yaml_event_t ev;
    enum gw_status rc = GW_OK;
    bool done = false;
    const unsigned char *t = (const unsigned char *)src->text;

    assert(a && src && root && err);
    *root = NULL;
    err->span.start = err->span.end = 0;
    err->message[0] = '\0';
    memset(&ld, 0, sizeof ld);
    ld.a = a;
    ld.src = src;
    ld.err = err;
    if (src->len >= UINT32_MAX)
        return fail(&ld, GW_ERR_LIMIT, 0, 0, "input larger than 4 GiB");
    ld.len = (uint32_t)src->len;
    ld.off = src->bom;
    for (ld.ascii = ld.off;
         ld.ascii < ld.len && (unsigned char)src->text[ld.ascii] < 0x80;
         ld.ascii++)
        ;
    /* libyaml would decode these as UTF-16; spans are UTF-8 offsets. */
    if (src->len >= 2 &&
        ((t[0] == 0xFF && t[1] == 0xFE) || (t[0] == 0xFE && t[1] == 0xFF)))
        return fail(&ld, GW_ERR_PARSE, 0, 2,
                    "input is UTF-16 (byte order mark); only UTF-8 is read");

    if (!yaml_parser_initialize(&parser))
        return fail(&ld, GW_ERR_LIMIT, 0, 0,
                    "the YAML parser ran out of memory");
    yaml_parser_set_input_string(&parser, t, src->len);
    while (!done) {
        if (!yaml_parser_parse(&parser, &ev)) {
            rc = parse_failed(&ld, &parser);
            break;
        }
        rc = on_event(&ld, &ev, &done);
        yaml_event_delete(&ev);
        if (rc != GW_OK)
            break;
    }
    yaml_parser_delete(&parser);
    if (rc != GW_OK)
        return rc;
    /* `---` alone, or only comments: an empty plain scalar stands for the
     * missing root, which the contract reports as no root. */
    if (ld.root && ld.root->kind == GW_NODE_SCALAR &&
        ld.root->scalar == GW_SCALAR_NULL &&
        ld.root->span.start == ld.root->span.end)
        ld.root = NULL;
    *root = ld.root;
    return GW_OK;
}
