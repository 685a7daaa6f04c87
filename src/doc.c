/* The neutral document: growable arrays of settings, facts and problems. */
#include "doc.h"

#include <string.h>

#include "mem.h"
#include "check.h"

void gw_doc_init(struct gw_doc *d, struct gw_arena *a,
                 const struct gw_source *src, const struct gw_context *ctx)
{
    memset(d, 0, sizeof *d);
    d->arena = a;
    d->src = src;
    d->ctx = ctx;
    d->input_type = "settings-json";
    d->cache = gw_arena_alloc(a, sizeof *d->cache);
}

/* Grow an arena array of `size`-byte items to hold one more. */
static void *grow(struct gw_arena *a, void *items, size_t n, size_t *cap,
                  size_t size)
{
    void *p;
    if (n < *cap)
        return items;
    *cap = *cap ? *cap * 2 : 8;
    p = gw_arena_alloc_raw(a, *cap * size); /* filled as items are added */
    if (n)
        memcpy(p, items, n * size);
    return p;
}

void gw_doc_reserve_settings(struct gw_doc *d, size_t n)
{
    struct gw_setting *p;
    if (n <= d->settings_cap)
        return;
    p = gw_arena_alloc_raw(d->arena, n * sizeof *p);
    if (d->nsettings)
        memcpy(p, d->settings, d->nsettings * sizeof *p);
    d->settings = p;
    d->settings_cap = n;
}

struct gw_setting *gw_doc_add_setting(struct gw_doc *d,
                                      const struct gw_setting *s)
{
    d->settings = grow(d->arena, d->settings, d->nsettings, &d->settings_cap,
                       sizeof *d->settings);
    d->settings[d->nsettings] = *s;
    return &d->settings[d->nsettings++];
}

void gw_doc_add_fact(struct gw_doc *d, const struct gw_fact *f)
{
    d->facts = grow(d->arena, d->facts, d->nfacts, &d->facts_cap,
                    sizeof *d->facts);
    d->facts[d->nfacts++] = *f;
}

void gw_doc_add_dup(struct gw_doc *d, const struct gw_dup *dup)
{
    d->dups = grow(d->arena, d->dups, d->ndups, &d->dups_cap, sizeof *d->dups);
    d->dups[d->ndups++] = *dup;
}

void gw_doc_add_issue(struct gw_doc *d, const char *rule,
                      struct gw_span span, const char *key,
                      const char *message)
{
    struct gw_doc_issue *is;
    d->issues = grow(d->arena, d->issues, d->nissues, &d->issues_cap,
                     sizeof *d->issues);
    is = &d->issues[d->nissues++];
    is->rule = rule;
    is->span = span;
    is->key = key ? gw_arena_strdup(d->arena, key) : NULL;
    is->message = gw_arena_strdup(d->arena, message);
    is->fix_span.start = is->fix_span.end = 0;
    is->fix_text = is->fix_title = NULL;
}

void gw_doc_issue_fix(struct gw_doc *d, struct gw_span span, const char *text,
                      const char *title)
{
    struct gw_doc_issue *is = &d->issues[d->nissues - 1];
    is->fix_span = span;
    is->fix_text = gw_arena_strdup(d->arena, text);
    is->fix_title = gw_arena_strdup(d->arena, title);
}

void gw_doc_add_ref(struct gw_doc *d, const struct gw_ref *r)
{
    d->refs = grow(d->arena, d->refs, d->nrefs, &d->refs_cap,
                   sizeof *d->refs);
    d->refs[d->nrefs++] = *r;
}

void gw_doc_add_secret(struct gw_doc *d, struct gw_span span)
{
    if (span.end <= span.start)
        return;
    d->secrets = grow(d->arena, d->secrets, d->nsecrets, &d->secrets_cap,
                      sizeof *d->secrets);
    d->secrets[d->nsecrets++] = span;
}

static uint32_t key_hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* Index the settings by key (the last one wins, as in gw_doc_get). Built
 * when first needed and again when settings were added. */
static void index_keys(const struct gw_doc *d)
{
    struct gw_doc_cache *k = d->cache;
    size_t cap = 64, i;
    while (cap < d->nsettings * 2)
        cap *= 2;
    k->slots = gw_arena_alloc(d->arena, cap * sizeof *k->slots);
    k->nslots = cap;
    for (i = 0; i < d->nsettings; i++) {
        size_t h = key_hash(d->settings[i].key) & (cap - 1);
        while (k->slots[h] &&
               strcmp(d->settings[k->slots[h] - 1].key, d->settings[i].key))
            h = (h + 1) & (cap - 1);
        k->slots[h] = (unsigned)i + 1;
    }
    k->indexed = d->nsettings;
}

const struct gw_setting *gw_doc_get(const struct gw_doc *d, const char *key)
{
    size_t i = d->nsettings, h;
    /* Tiny documents are faster to scan than to index. */
    if (i < 8 || !d->cache) {
        while (i-- > 0)
            if (strcmp(d->settings[i].key, key) == 0)
                return &d->settings[i];
        return NULL;
    }
    if (d->cache->indexed != d->nsettings)
        index_keys(d);
    for (h = key_hash(key) & (d->cache->nslots - 1); d->cache->slots[h];
         h = (h + 1) & (d->cache->nslots - 1))
        if (strcmp(d->settings[d->cache->slots[h] - 1].key, key) == 0)
            return &d->settings[d->cache->slots[h] - 1];
    return NULL;
}

const struct gw_fact *gw_doc_fact(const struct gw_doc *d, const char *name)
{
    size_t i;
    for (i = 0; i < d->nfacts; i++)
        if (strcmp(d->facts[i].name, name) == 0)
            return &d->facts[i];
    return NULL;
}
