/* Markdown: the fenced code blocks of a how-to that hold shell or
 * PowerShell (SPEC §3), each scanned for gateway commands with positions
 * in the Markdown file. */
#include "build.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "build_command.h"
#include "mem.h"

/* What a fence's info string makes of its block. */
enum lang { L_SKIP, L_POSIX, L_PWSH, L_CONSOLE };

static enum lang lang_of(const char *info, size_t n)
{
    static const char *const posix[] = {
        "bash",      "sh", "shell", "zsh", "azurecli", "azurecli-interactive",
        "azure-cli", NULL};
    static const char *const pwsh[] = {"azurepowershell",
                                       "azurepowershell-interactive",
                                       "powershell",
                                       "pwsh",
                                       "ps1",
                                       NULL};
    static const char *const console[] = {"console", "shell-session",
                                          "shellsession", NULL};
    size_t e = 0;
    const char *const *p;
    while (n && (*info == '{' || *info == '.')) {
        info++;
        n--;
    }
    while (e < n && !isspace((unsigned char)info[e]) && info[e] != '{' &&
           info[e] != '}' && info[e] != ',')
        e++;
    if (e == 0)
        return L_POSIX; /* untagged */
    for (p = posix; *p; p++)
        if (strlen(*p) == e && strncasecmp(info, *p, e) == 0)
            return L_POSIX;
    for (p = pwsh; *p; p++)
        if (strlen(*p) == e && strncasecmp(info, *p, e) == 0)
            return L_PWSH;
    for (p = console; *p; p++)
        if (strlen(*p) == e && strncasecmp(info, *p, e) == 0)
            return L_CONSOLE;
    return L_SKIP;
}

/* The text of one block, with the host offset of every byte. */
struct block {
    struct gw_buf text;
    uint32_t *map;
    size_t cap;
};

static void put(struct block *b, const char *s, size_t n, uint32_t at,
                bool same)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (b->text.len + 1 > b->cap) {
            b->cap = b->cap ? b->cap * 2 : 256;
            b->map = gw_xrealloc(b->map, b->cap * sizeof *b->map);
        }
        b->map[b->text.len] = same ? at : at + (uint32_t)i;
        gw_buf_add(&b->text, s + i, 1);
    }
}

static bool md_name(const char *path)
{
    return gw_build_ends_with(path, ".md") ||
           gw_build_ends_with(path, ".markdown");
}

static bool md_detect(const char *path, const char *text, size_t len)
{
    (void)text;
    (void)len;
    return md_name(path);
}

/* A "$ " or "PS ...> " prompt at the start of `s`: its length, or 0. */
static size_t prompt_len(const char *s, size_t n, bool ps)
{
    size_t i;
    if (n >= 2 && s[0] == '$' && s[1] == ' ')
        return 2;
    if (n == 1 && s[0] == '$')
        return 1;
    if (ps && n >= 4 && s[0] == 'P' && s[1] == 'S') {
        for (i = 2; i < n && i < 120 && s[i] != '>'; i++)
            ;
        if (i + 1 < n && s[i] == '>' && s[i + 1] == ' ')
            return i + 2;
    }
    return 0;
}

static void add_block(struct gw_cmdscan *s, struct gw_doc *d, struct block *b,
                      enum lang lang)
{
    struct gw_shtext in;
    char *text;
    uint32_t *map;
    if (b->text.len == 0)
        return;
    text = gw_arena_strndup(d->arena, gw_buf_str(&b->text), b->text.len);
    map = gw_arena_alloc(d->arena, b->text.len * sizeof *map);
    memcpy(map, b->map, b->text.len * sizeof *map);
    memset(&in, 0, sizeof in);
    in.text = text;
    in.len = b->text.len;
    in.map = map;
    in.dialect = lang == L_PWSH ? GW_SH_PWSH : GW_SH_POSIX;
    /* a how-to is read top to bottom in one shell */
    gw_cmdscan_add(s, &in, 0);
}

static void md_build(struct gw_doc *d, const struct gw_ruleset *rs,
                     const struct gw_build_opts *o, const char **skip)
{
    const struct gw_source *src = d->src;
    const char *t = src->text;
    struct gw_cmdscan *s = gw_cmdscan_new(d, rs);
    struct block b;
    size_t ln;
    bool in_fence = false, prompts = false, cont = false, first = true;
    char fch = 0;
    size_t flen = 0, findent = 0;
    enum lang lang = L_SKIP;

    (void)o;
    memset(&b, 0, sizeof b);
    gw_buf_init(&b.text, 0);
    for (ln = 0; ln < src->nlines; ln++) {
        size_t ls = src->lines[ln];
        size_t le = ln + 1 < src->nlines ? src->lines[ln + 1] : src->len;
        size_t end = le, ind = ls, i, run;
        if (end > ls && t[end - 1] == '\n')
            end--;
        if (ln == 0)
            ls = ind = src->bom;
        while (ind < end && t[ind] == ' ')
            ind++;
        run = 0;
        if (ind < end && (t[ind] == '`' || t[ind] == '~'))
            while (ind + run < end && t[ind + run] == t[ind])
                run++;
        if (!in_fence) {
            if (run >= 3) {
                const char *info = t + ind + run;
                size_t ilen = end - ind - run;
                if (t[ind] == '`' && memchr(info, '`', ilen))
                    continue;
                while (ilen && (*info == ' ' || *info == '\t')) {
                    info++;
                    ilen--;
                }
                in_fence = true;
                fch = t[ind];
                flen = run;
                findent = ind - ls;
                lang = lang_of(info, ilen);
                prompts = lang == L_CONSOLE;
                cont = false;
                first = true;
                gw_buf_reset(&b.text);
            }
            continue;
        }
        if (run >= flen && t[ind] == fch) {
            for (i = ind + run;
                 i < end && (t[i] == ' ' || t[i] == '\t' || t[i] == '\r'); i++)
                ;
            if (i == end) {
                in_fence = false;
                if (lang != L_SKIP)
                    add_block(s, d, &b, lang);
                continue;
            }
        }
        if (lang == L_SKIP)
            continue;
        /* the fence's indentation is not part of the content */
        i = ls;
        while (i < end && i - ls < findent && t[i] == ' ')
            i++;
        if (first && i < end) {
            first = false;
            if (lang == L_POSIX && prompt_len(t + i, end - i, false))
                prompts = true;
            if (lang == L_PWSH && prompt_len(t + i, end - i, true) > 2)
                prompts = true;
        }
        if (prompts) {
            size_t pl = prompt_len(t + i, end - i, lang == L_PWSH);
            if (pl) {
                i += pl;
            } else if (cont) {
                if (end - i >= 2 && t[i] == '>' && t[i + 1] == ' ')
                    i += 2;
            } else {
                /* output of the command above: not shell text */
                put(&b, "\n", 1, (uint32_t)end, true);
                continue;
            }
            cont = end > i &&
                   (t[end - 1] == '\\' ||
                    (t[end - 1] == '\r' && end - 1 > i && t[end - 2] == '\\') ||
                    (lang == L_PWSH && t[end - 1] == '`'));
        }
        put(&b, t + i, end - i, (uint32_t)i, false);
        put(&b, "\n", 1, (uint32_t)end, true);
    }
    if (in_fence && lang != L_SKIP)
        add_block(s, d, &b, lang);
    gw_buf_release(&b.text);
    gw_xfree(b.map);
    d->input_type = "markdown";
    if (gw_cmdscan_finish(s) == 0)
        *skip = "no az k8s-extension create or update command for the "
                "gateway in its code blocks";
}

const struct gw_text_kind gw_kind_markdown = {"markdown", md_name, md_detect,
                                              md_build};
