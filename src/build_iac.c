/* What the infrastructure-as-code kinds (ARM templates, Terraform plans)
 * share: one document per gateway extension over the same source, and the
 * context that resources of the same file give (SPEC §3.3). */
#include "build.h"

#include <string.h>

#include "mem.h"

struct gw_doc *gw_build_next_doc(struct gw_doc *d)
{
    struct gw_doc *last = d, *n;
    while (last->next)
        last = last->next;
    n = gw_arena_alloc(d->arena, sizeof *n);
    gw_doc_init(n, d->arena, d->src, d->ctx);
    n->input_type = d->input_type;
    n->profile = d->profile;
    n->file_prot = d->file_prot;
    last->next = n;
    return n;
}

/* Whether the value at `sp` is an ARM expression or a plan's mark (true):
 * it names where the value comes from and holds none of it. */
static bool names_a_value(const struct gw_source *src, struct gw_span sp)
{
    const char *t = src->text + sp.start;
    size_t n = sp.end - sp.start;
    if (n >= 2 && t[0] == '"')
        t++, n--;
    return (n >= 2 && t[0] == '[' && t[1] != '[') ||
           (n == 4 && memcmp(t, "true", 4) == 0);
}

static bool inside_dynamic(const struct gw_doc *d, struct gw_span sp)
{
    const struct gw_doc *x;
    size_t i;
    for (x = d; x; x = x->next)
        for (i = 0; i < x->nsettings; i++) {
            const struct gw_setting *s = &x->settings[i];
            if (s->dynamic && sp.start >= s->value_span.start &&
                sp.end <= s->value_span.end &&
                names_a_value(d->src, s->value_span))
                return true;
        }
    return false;
}

void gw_build_share_secrets(struct gw_doc *d)
{
    struct gw_doc *x;
    size_t i, n;

    /* The secret key's value, or the look of a token's key (build.c), was
     * masked before gwlint knew it is an expression such as
     * [parameters('gatewayToken')]: unmask it, or excerpts hide the
     * parameter's name and messages that quote a setting's key. */
    for (x = d; x; x = x->next) {
        for (i = n = 0; i < x->nsecrets; i++)
            if (!inside_dynamic(d, x->secrets[i]))
                x->secrets[n++] = x->secrets[i];
        x->nsecrets = n;
    }
    for (x = d->next; x; x = x->next)
        for (i = 0; i < x->nsecrets; i++)
            gw_doc_add_secret(d, x->secrets[i]);
    /* Every document masks every secret of the file: findings of one
     * extension are shown with excerpts that may reach into another. */
    for (x = d->next; x; x = x->next) {
        x->secrets = d->secrets;
        x->nsecrets = d->nsecrets;
        x->secrets_cap = d->nsecrets;
    }
}

struct gw_context *gw_build_own_context(struct gw_doc *d)
{
    struct gw_context *c = gw_arena_alloc(d->arena, sizeof *c);
    *c = *d->ctx;
    d->ctx = c;
    return c;
}

void gw_build_ctx_offer(struct gw_ctx_value *v, const char *value,
                        const char *origin, const struct gw_source *src,
                        struct gw_span span)
{
    if (v->value || !value || !*value)
        return;
    v->value = value;
    v->origin = origin;
    v->src = src;
    v->span = span;
}
