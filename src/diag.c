/* Findings: levels and the sorted, de-duplicated list. */
#include "diag.h"

#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "rule.h"

static const char *const level_names[] = {"note", "warning", "error"};

const char *gw_level_name(enum gw_level l)
{
    return l == GW_LEVEL_OFF ? "off" : level_names[l];
}

bool gw_level_parse(const char *s, enum gw_level *out)
{
    if (strcmp(s, "off") == 0) {
        *out = GW_LEVEL_OFF;
        return true;
    }
    for (int i = 0; i < 3; i++)
        if (strcmp(s, level_names[i]) == 0) {
            *out = (enum gw_level)i;
            return true;
        }
    return false;
}

void gw_diag_list_init(struct gw_diag_list *l)
{
    l->items = NULL;
    l->n = l->cap = 0;
}

void gw_diag_list_release(struct gw_diag_list *l)
{
    gw_xfree(l->items);
    gw_diag_list_init(l);
}

void gw_diag_list_add(struct gw_diag_list *l, const struct gw_diag *d)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->items = gw_xrealloc(l->items, l->cap * sizeof *l->items);
    }
    l->items[l->n++] = *d;
}

static int cmp_diag(const void *pa, const void *pb)
{
    const struct gw_diag *a = pa, *b = pb;
    int c = strcmp(a->src->path, b->src->path);
    if (c)
        return c;
    if (a->span.start != b->span.start)
        return a->span.start < b->span.start ? -1 : 1;
    if (a->span.end != b->span.end)
        return a->span.end < b->span.end ? -1 : 1;
    if ((c = strcmp(a->rule->id, b->rule->id)))
        return c;
    return strcmp(a->message, b->message);
}

void gw_diag_list_sort(struct gw_diag_list *l)
{
    size_t i, j, n = 0;

    if (l->n == 0)
        return;
    qsort(l->items, l->n, sizeof *l->items, cmp_diag);
    for (i = 0; i < l->n; i++)
        if (n == 0 || cmp_diag(&l->items[n - 1], &l->items[i]) != 0)
            l->items[n++] = l->items[i];
    l->n = n;
    /* Occurrence numbers make fingerprints stable when lines move: the
     * nth finding of a rule on a key in a file. Quadratic only in the
     * findings of one file. */
    for (i = 0; i < n; i++) {
        unsigned occ = 0;
        for (j = 0; j < i; j++)
            if (l->items[j].rule == l->items[i].rule &&
                l->items[j].src == l->items[i].src &&
                ((!l->items[j].key && !l->items[i].key) ||
                 (l->items[j].key && l->items[i].key &&
                  strcmp(l->items[j].key, l->items[i].key) == 0)))
                occ++;
        l->items[i].occurrence = occ;
    }
}
