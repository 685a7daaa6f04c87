/* gwlint: argv -> options -> ruleset -> lint each input -> write -> exit
 * status. The only file that exits. */
#define _DEFAULT_SOURCE /* struct dirent's d_type, where the C library has it */
#include <dirent.h>
#include <stdarg.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "build.h"
#include "buf.h"
#include "check.h"
#include "config.h"
#include "context.h"
#include "diag.h"
#include "doc.h"
#include "engine.h"
#include "fix.h"
#include "lint.h"
#include "lsp.h"
#include "mem.h"
#include "node.h"
#include "opt.h"
#include "out.h"
#include "ref.h"
#include "ruleset.h"
#include "shword.h"
#include "value.h"

#ifndef GW_VERSION
#define GW_VERSION "0.0.0"
#endif

/* ---- a list of paths ---- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}


/* The strings live back to back in chunks: a repository's 10,000 paths
 * each in a malloc block of their own cost a third of the memory
 * budget in block headers and rounding. */
#define PATH_CHUNK ((size_t)16 * 1024)

struct chunk {
    struct chunk *next;
    size_t used, cap;
    char data[];
};

struct paths {
    char **v;
    size_t n, cap;
    struct chunk *chunks;
};

static void paths_add(struct paths *p, const char *s)
{
    size_t len = strlen(s) + 1;
    struct chunk *c = p->chunks;

    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 16;
        p->v = gw_xrealloc(p->v, p->cap * sizeof *p->v);
    }
    if (!c || c->cap - c->used < len) {
        size_t cap = len > PATH_CHUNK ? len : PATH_CHUNK;
        c = gw_xmalloc(sizeof *c + cap);
        c->cap = cap;
        c->used = 0;
        c->next = p->chunks;
        p->chunks = c;
    }
    p->v[p->n++] = memcpy(c->data + c->used, s, len);
    c->used += len;
}

static void paths_free(struct paths *p)
{
    struct chunk *c, *next;

    for (c = p->chunks; c; c = next) {
        next = c->next;
        gw_xfree(c);
    }
    gw_xfree(p->v);
}

/* The input files: a directory prefix ("dir/", or "" for a path given
 * whole), stored once for all its files, and a name. A walk of 10,000
 * files kept the long prefix of the bench's temporary directory 10,000
 * times: 400 KB of a 4 MB budget. */
struct input {
    const char *pfx, *name;
};

struct inputs {
    struct input *v;
    size_t n, cap;
    struct paths pool; /* the strings */
};

static const char *pool_add(struct paths *p, const char *s)
{
    paths_add(p, s);
    return p->v[--p->n]; /* the string stays in the chunk */
}

static void inputs_add(struct inputs *in, const char *pfx, const char *name)
{
    if (in->n == in->cap) {
        in->cap = in->cap ? in->cap * 2 : 16;
        in->v = gw_xrealloc(in->v, in->cap * sizeof *in->v);
    }
    in->v[in->n].pfx = pfx;
    in->v[in->n].name = pool_add(&in->pool, name);
    in->n++;
}

/* The full path of input k, in `a`. */
static const char *input_path(struct gw_arena *a, const struct input *it)
{
    size_t pl = strlen(it->pfx), nl = strlen(it->name);
    char *s = gw_arena_stralloc(a, pl + nl + 1);
    memcpy(s, it->pfx, pl);
    memcpy(s + pl, it->name, nl + 1);
    return s;
}

/* strcmp of the two full paths, without making them. */
static int cmp_input(const void *pa, const void *pb)
{
    const struct input *a = pa, *b = pb;
    const char *s = a->pfx, *t = b->pfx;
    bool s2 = false, t2 = false;

    for (;;) {
        if (!*s && !s2) {
            s = a->name;
            s2 = true;
        }
        if (!*t && !t2) {
            t = b->name;
            t2 = true;
        }
        if (*s != *t || !*s)
            return (unsigned char)*s - (unsigned char)*t;
        s++;
        t++;
    }
}

static void inputs_sort_unique(struct inputs *in)
{
    size_t i, n = 0;

    if (in->n == 0)
        return;
    qsort(in->v, in->n, sizeof *in->v, cmp_input);
    for (i = 0; i < in->n; i++)
        if (n == 0 || cmp_input(&in->v[i], &in->v[n - 1]) != 0)
            in->v[n++] = in->v[i];
    in->n = n;
}

static void inputs_free(struct inputs *in)
{
    paths_free(&in->pool);
    gw_xfree(in->v);
}

/* ---- options ---- */

struct run {
    const struct gw_writer *writer;
    const char *output;
    const char *input_type;
    const char *stdin_name;
    enum gw_profile profile;
    bool profile_forced;
    enum gw_level fail_level; /* GW_LEVEL_OFF = never */
    bool color, source, quiet, verbose;
    struct gw_lint_opts lint;
    struct gw_context ctx;
    struct inputs inputs;
    struct paths explicit_inputs;
    struct paths commands;    /* --command strings, the argv after -- */
    struct gw_reflist refs;   /* settings files that commands pass */
    struct gw_arena *arena; /* run lifetime: context files */
    bool tool_error;
    struct gw_config *cfg;  /* .gwlint.yaml, or NULL */
    bool *ignore_used;      /* per ignore: entry, over all files */
    struct gw_optarg *rule_flags; /* --enable/--disable/--level, applied
                                     after the config's rules: */
    size_t nrule_flags;
    bool fix;               /* --fix */
    struct paths fix_paths; /* what --fix may write: the inputs named or
                               found under a named directory, sorted */
    unsigned fixed, fixed_files;
    struct gw_ph_cache *phcache; /* the main thread's placeholder answers */
};

static void errorf(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

static void errorf(const char *fmt, ...)
{
    va_list ap;
    fputs("gwlint: error: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static bool parse_now(const char *s, time_t *out)
{
    int y, mo, d, h, mi;
    char z = 0, extra;
    if (sscanf(s, "%4d-%2d-%2dT%2d:%2d%c%c", &y, &mo, &d, &h, &mi, &z,
               &extra) != 6 ||
        z != 'Z')
        return false;
    return gw_utc_time(y, mo, d, h, mi, out);
}

static const struct gw_rule *rule_arg(const struct gw_ruleset *rs,
                                      const char *name)
{
    const struct gw_rule *r = gw_ruleset_find(rs, name), *near;
    if (r)
        return r;
    near = gw_ruleset_suggest(rs, name);
    if (near)
        errorf("unknown rule '%s'; did you mean '%s' (%s)", name, near->id,
               near->name);
    else
        errorf("unknown rule '%s'; gwlint rules lists them", name);
    return NULL;
}

/* ---- inputs ---- */

static bool skip_dir(const char *name)
{
    /* hidden directories, but those of CI workflows */
    return (name[0] == '.' && strcmp(name, ".github") != 0 &&
            strcmp(name, ".pipelines") != 0 &&
            strcmp(name, ".azure-pipelines") != 0) ||
           strcmp(name, "node_modules") == 0;
}

/* Whether a files: entry of the config names the kind of this file, so
 * that it is read whatever its name. */
static bool config_claims(const struct run *r, const char *path)
{
    struct gw_build_opts o;
    bool has_profile = false, has_type = false;
    char *rel;
    if (!r->cfg)
        return false;
    memset(&o, 0, sizeof o);
    rel = gw_config_relpath(r->cfg, path);
    gw_config_file_opts(r->cfg, rel, &o, &has_profile, &has_type);
    gw_xfree(rel);
    return has_type;
}

static void walk(struct run *r, const char *dir, int depth)
{
    DIR *dp;
    struct dirent *e;
    struct paths kids = {0};
    const char *pfx = NULL; /* "dir/" in r->inputs' pool, when needed */
    size_t i, dl = strlen(dir);
    bool here = strcmp(dir, ".") == 0, slash = dl && dir[dl - 1] == '/';
    char *path;

    if (depth > 64 || !(dp = opendir(dir)))
        return;
    path = gw_xmalloc(dl + 2 + 256); /* a name has at most 255 bytes */
    while ((e = readdir(dp))) {
        size_t n = strlen(e->d_name);
        struct stat st;
        bool is_dir, is_reg;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (n > 255)
            continue;
        if (here) {
            memcpy(path, e->d_name, n + 1);
        } else {
            memcpy(path, dir, dl);
            path[dl] = '/';
            memcpy(path + dl + !slash, e->d_name, n + 1);
        }
        /* the entry's type, without a stat when the file system says */
#ifdef DT_DIR
        if (e->d_type == DT_DIR || e->d_type == DT_REG) {
            is_dir = e->d_type == DT_DIR;
            is_reg = !is_dir;
        } else if (e->d_type != DT_UNKNOWN) {
            continue; /* links and the rest, as lstat has them */
        } else
#endif
        if (lstat(path, &st) == 0) {
            is_dir = S_ISDIR(st.st_mode);
            is_reg = S_ISREG(st.st_mode);
        } else {
            continue;
        }
        if (is_dir) {
            if (!skip_dir(e->d_name))
                paths_add(&kids, path);
        } else if (is_reg && (gw_build_claims_name(e->d_name) ||
                              config_claims(r, path))) {
            if (!pfx) {
                path[here ? 0 : dl + !slash] = '\0';
                pfx = pool_add(&r->inputs.pool, path);
            }
            inputs_add(&r->inputs, pfx, e->d_name);
        }
    }
    gw_xfree(path);
    closedir(dp);
    for (i = 0; i < kids.n; i++)
        walk(r, kids.v[i], depth + 1);
    paths_free(&kids);
}

/* ---- linting ---- */

struct pending {
    struct gw_diag_list list; /* context-file findings, sorted */
    size_t next;
};

static void tally(struct gw_out_totals *t, const struct gw_diag *d, size_t n,
                  bool *any)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (d[i].suppressed) {
            t->suppressed++;
            continue;
        }
        *any = true;
        if (d[i].level == GW_ERROR)
            t->errors++;
        else if (d[i].level == GW_WARNING)
            t->warnings++;
        else
            t->notes++;
    }
}

static bool fails(const struct run *r, const struct gw_diag *d, size_t n)
{
    size_t i;
    if (r->fail_level == GW_LEVEL_OFF)
        return false;
    for (i = 0; i < n; i++)
        if (!d[i].suppressed && d[i].level >= r->fail_level)
            return true;
    return false;
}

/* Write pending context findings of files sorting before `path` (all of
 * them when path is NULL). */
static bool flush_pending(struct run *r, void *st, struct pending *p,
                          const char *path, struct gw_out_totals *t)
{
    bool failed = false;
    while (p->next < p->list.n &&
           (!path || strcmp(p->list.items[p->next].src->path, path) < 0)) {
        size_t b = p->next, e = b;
        const struct gw_source *src = p->list.items[b].src;
        bool any = false;
        while (e < p->list.n && p->list.items[e].src == src)
            e++;
        r->writer->diags(st, src, NULL, 0, &p->list.items[b], e - b);
        tally(t, &p->list.items[b], e - b, &any);
        t->files_with += any;
        failed |= fails(r, &p->list.items[b], e - b);
        p->next = e;
    }
    return failed;
}

static const char *display_path(struct gw_arena *a, const char *path)
{
    while (path[0] == '.' && path[1] == '/' && path[2])
        path += 2;
    return gw_arena_strdup(a, path);
}

/* ---- configuration and --fix ---- */

/* Load --config FILE, or the nearest .gwlint.yaml when `path` is NULL. */
static bool load_config(struct run *r, struct gw_ruleset *rs,
                        const char *path)
{
    char *found = NULL;
    struct gw_buf err;
    enum gw_profile prof;
    size_t n;
    int days;
    bool ok = true;

    if (!path && !(path = found = gw_config_find()))
        return true;
    gw_buf_init(&err, 0);
    if (gw_config_load(&r->cfg, path, display_path(r->arena, path), rs,
                       &err) != GW_OK) {
        errorf("%s", gw_buf_str(&err));
        ok = false;
    } else {
        if (!r->profile_forced && gw_config_profile(r->cfg, &prof))
            r->profile = prof;
        if ((days = gw_config_expiring_days(r->cfg)) >= 0)
            r->lint.expiring_days = days;
        gw_config_ignores(r->cfg, &n);
        r->ignore_used = gw_arena_alloc(r->arena, (n + 1) * sizeof(bool));
    }
    gw_buf_release(&err);
    gw_xfree(found);
    return ok;
}

/* --enable, --disable and --level, in order, over the config's levels. */
static bool apply_rule_flags(struct run *r, struct gw_ruleset *rs)
{
    size_t k;
    for (k = 0; k < r->nrule_flags; k++) {
        const struct gw_optarg *f = &r->rule_flags[k];
        const struct gw_rule *ru;
        const char *eq = strchr(f->value, '=');
        enum gw_level lv = GW_LEVEL_OFF;
        char name[64];
        if (f->opt->id == GW_OPT_LEVEL) {
            snprintf(name, sizeof name, "%.*s", (int)(eq - f->value),
                     f->value);
            (void)gw_level_parse(eq + 1, &lv);
        } else {
            snprintf(name, sizeof name, "%s", f->value);
        }
        if (!(ru = rule_arg(rs, name)))
            return false;
        if (f->opt->id == GW_OPT_ENABLE)
            lv = ru->default_level;
        gw_ruleset_set_level(rs, ru, lv);
    }
    return true;
}

/* What the config says about one input: files: entries (weaker than
 * --input-type and --profile) and the ignore: entries. */
static void config_file(const struct run *r, struct gw_lint_input *in,
                        const char *relpath)
{
    struct gw_build_opts o = in->build;
    bool has_profile = false, has_type = false;
    if (!r->cfg)
        return;
    gw_config_file_opts(r->cfg, relpath, &o, &has_profile, &has_type);
    if (has_type && !r->input_type)
        in->build.input_type = o.input_type;
    if (has_profile && !r->profile_forced) {
        in->build.profile = o.profile;
        in->build.profile_forced = true;
    }
    in->ignores = gw_config_ignores(r->cfg, &in->nignores);
    in->ignore_path = relpath;
}

/* --fix: apply the fixes, lint the result again until nothing more is
 * fixable, then replace the file atomically. *res is the last lint; when
 * the file cannot be written it is the lint of the file as it is. */
static void fix_file(struct run *r, const struct gw_ruleset *rs,
                     const char *path, const struct stat *before,
                     struct gw_lint_input *in, struct gw_lint_result *res)
{
    const char *orig = in->text;
    size_t orig_len = in->len, n, total = 0, len = 0;
    bool orig_stays = in->text_stays;
    char *cur = NULL, *next;
    struct gw_buf err;
    int round;

    if (!S_ISREG(before->st_mode)) {
        fprintf(stderr, "gwlint: warning: %s: not fixed: not a regular "
                        "file\n",
                path);
        return;
    }
    for (round = 0; round < 16; round++) {
        n = gw_fix_text(&res->src, res->doc.secrets, res->doc.nsecrets,
                        res->diags.items, res->diags.n, &next, &len);
        if (!n)
            break;
        gw_xfree(cur);
        cur = next;
        in->text = cur;
        in->len = len;
        in->text_stays = false; /* cur is freed before the result */
        gw_lint_release(res);
        gw_lint_text(rs, &r->lint, &r->ctx, in, res);
        total += n;
    }
    if (total) {
        gw_buf_init(&err, 0);
        if (gw_fix_write(path, before, cur, in->len, &err) == GW_OK) {
            r->fixed += (unsigned)total;
            r->fixed_files++;
        } else {
            errorf("%s", gw_buf_str(&err));
            r->tool_error = true;
            in->text = orig;
            in->len = orig_len;
            in->text_stays = orig_stays;
            gw_lint_release(res);
            gw_lint_text(rs, &r->lint, &r->ctx, in, res);
        }
        gw_buf_release(&err);
    }
    in->text = orig;
    in->len = orig_len;
    in->text_stays = orig_stays;
    gw_xfree(cur);
}

/* One input on its way through the run: prepare() reads it and builds
 * its document, finish() checks it and writes its findings. In between
 * it may wait in the pipeline's ring (see lint_inputs). */
struct job {
    const struct input *input; /* the file to lint, or NULL: then path */
    const char *path;    /* as given, or "<command>" / "-" */
    const char *command; /* the command line to lint, or NULL */
    bool is_stdin;
    enum { JOB_EXCLUDED, JOB_UNREADABLE, JOB_BUILT } state;
    struct gw_arena *a;
    char *relpath;       /* to the config's directory, or NULL */
    struct stat before;  /* for --fix */
    struct gw_buf err;
    struct gw_lint_input in;
    struct gw_lint_result res;
    enum gw_status rc;
    bool checked;        /* gw_lint_check has run (on the worker) */
};

/* Read and build one job. Reads `r` only, writes nothing but the job and
 * its arena: it may run on the pipeline's thread. */
static void prepare(const struct run *r, const struct gw_ruleset *rs,
                    struct gw_ph_cache *cache, struct job *j)
{
    const struct gw_refitem *ref;
    const char *path;
    char *text;
    size_t len;

    j->a = gw_arena_new();
    if (j->input)
        j->path = input_path(j->a, j->input);
    path = j->path;
    ref = j->command ? NULL : gw_reflist_find(&r->refs, path);
    j->relpath = NULL;
    gw_buf_init(&j->err, 0);
    memset(&j->res, 0, sizeof j->res);
    if (r->cfg) {
        j->relpath = gw_config_relpath(
            r->cfg,
            !j->is_stdin ? path : r->stdin_name ? r->stdin_name : "-");
        if (gw_config_excluded(r->cfg, j->relpath)) {
            j->state = JOB_EXCLUDED;
            return;
        }
    }
    if (r->fix && !j->is_stdin && !j->command &&
        lstat(path, &j->before) != 0)
        memset(&j->before, 0, sizeof j->before);
    if (j->command) {
        text = gw_arena_strdup(j->a, j->command);
        len = strlen(text);
    } else if (gw_read_file(j->a, path, GW_MAX_FILE_BYTES, &text, &len,
                            &j->err) != GW_OK) {
        j->state = JOB_UNREADABLE;
        return;
    }
    memset(&j->in, 0, sizeof j->in);
    j->in.path = j->is_stdin ? (r->stdin_name ? r->stdin_name : "<stdin>")
                             : display_path(j->a, path);
    j->in.text = text;
    j->in.len = len;
    j->in.text_stays = true; /* in j->a, freed after the result */
    j->in.build.input_type = r->input_type;
    j->in.build.profile = r->profile;
    j->in.build.profile_forced = r->profile_forced;
    j->in.build.prot = GW_PROT_UNKNOWN;
    /* settings files a command passes: settings with known protection */
    if (ref) {
        j->in.build.input_type = "settings-json";
        j->in.build.prot = ref->prot;
    }
    if (j->command)
        j->in.build.input_type = "command";
    j->in.ref_dir = j->command    ? "."
                    : j->is_stdin ? (r->stdin_name
                                         ? gw_ref_dir(j->a, r->stdin_name)
                                         : ".")
                                  : gw_ref_dir(j->a, path);
    config_file(r, &j->in, j->relpath);
    j->in.phcache = cache;
    j->rc = gw_lint_build(rs, &r->ctx, &j->in, &j->res);
    j->state = JOB_BUILT;
}

/* Check a prepared job, write its findings and free it. Returns true when
 * it has findings at the fail level. Runs on the main thread, in the
 * order of the inputs. */
static bool finish(struct run *r, const struct gw_ruleset *rs, void *st,
                   struct job *j, struct pending *p, struct gw_out_totals *t)
{
    struct gw_lint_result *res = &j->res;
    bool failed = false, any = false;
    size_t b;

    if (j->state == JOB_EXCLUDED) {
        if (r->verbose)
            fprintf(stderr, "gwlint: skipped %s: excluded by %s\n", j->path,
                    gw_config_source(r->cfg)->path);
        goto out;
    }
    if (j->state == JOB_UNREADABLE) {
        struct gw_out_notice nt = {j->path, gw_buf_str(&j->err)};
        errorf("%s", gw_buf_str(&j->err));
        r->writer->notice(st, &nt);
        r->tool_error = true;
        goto out;
    }
    if (j->rc == GW_OK && !j->checked)
        gw_lint_check(rs, &r->lint, &j->in, res);
    if (r->fix && !j->is_stdin && !j->command && !res->skip &&
        bsearch(&j->path, r->fix_paths.v, r->fix_paths.n,
                sizeof *r->fix_paths.v, cmp_str))
        fix_file(r, rs, j->path, &j->before, &j->in, res);
    for (b = 0; res->supp.ignore_used && b < res->supp.nignores; b++)
        r->ignore_used[b] |= res->supp.ignore_used[b];
    t->files++;
    failed |= flush_pending(r, st, p, res->src.path, t);
    if (res->skip && r->verbose)
        fprintf(stderr, "gwlint: skipped %s: %s\n", res->src.path, res->skip);
    /* Context findings in this very file are merged into its list. */
    for (b = p->next; b < p->list.n &&
                      strcmp(p->list.items[b].src->path, res->src.path) == 0;
         b++)
        gw_diag_list_add(&res->diags, &p->list.items[b]);
    if (b != p->next) {
        p->next = b;
        gw_diag_list_sort(&res->diags);
    }
    if (res->diags.n) {
        r->writer->diags(st, &res->src, res->doc.secrets, res->doc.nsecrets,
                         res->diags.items, res->diags.n);
        tally(t, res->diags.items, res->diags.n, &any);
        t->files_with += any;
        failed |= fails(r, res->diags.items, res->diags.n);
    }
out:
    return failed;
}

static void release(struct job *j)
{
    if (j->res.arena)
        gw_lint_release(&j->res);
    gw_buf_release(&j->err);
    gw_xfree(j->relpath);
    gw_arena_free(j->a);
    j->a = NULL;
}

/* Lint one file, or with `command` set that command line shown as
 * `path`. Returns true when it has findings at the fail level. */
static bool lint_one(struct run *r, const struct gw_ruleset *rs, void *st,
                     const struct input *input, const char *path,
                     bool is_stdin, const char *command, struct pending *p,
                     struct gw_out_totals *t)
{
    struct job j;
    bool failed;

    memset(&j, 0, sizeof j);
    j.input = input;
    j.path = path;
    j.is_stdin = is_stdin;
    j.command = command;
    prepare(r, rs, r->phcache, &j);
    failed = finish(r, rs, st, &j, p, t);
    release(&j);
    return failed;
}

/* ---- the input files, two at a time ----
 *
 * With more than one CPU a worker thread and the main thread both take
 * the next file to lint, whole (read, build, check), into a ring of
 * slots; the main thread also writes each file's findings, in input
 * order, as soon as it is linted: the output is the same byte for byte.
 * After gw_ruleset_compile_all nothing in the ruleset changes, and each
 * thread has its own placeholder answers. The ring bounds how far ahead
 * of the writing the linting runs, and so the memory. */

#define RING 4

struct pipeline {
    const struct run *r;
    const struct gw_ruleset *rs;
    size_t n;
    struct job ring[RING];
    bool ready[RING];    /* the slot's job is linted */
    size_t next;         /* the next position to lint */
    size_t written;      /* positions written */
    size_t worker_until; /* the worker sleeps until written >= it (0: no) */
    bool main_waits;
    pthread_mutex_t mu;
    pthread_cond_t to_worker, to_main;
};

/* Lint position k into its slot (outside the lock). */
static void lint_slot(struct pipeline *pl, struct gw_ph_cache *cache,
                      size_t k)
{
    struct job *j = &pl->ring[k % RING];

    release(j); /* the job written RING positions ago, or nothing */
    memset(j, 0, sizeof *j);
    j->input = &pl->r->inputs.v[k];
    prepare(pl->r, pl->rs, cache, j);
    if (j->state == JOB_BUILT && j->rc == GW_OK) {
        gw_lint_check(pl->rs, &pl->r->lint, &j->in, &j->res);
        j->checked = true;
    }
}

static void *worker(void *arg)
{
    struct pipeline *pl = arg;
    struct gw_ph_cache *cache = gw_ph_cache_new();
    size_t k;

    pthread_mutex_lock(&pl->mu);
    for (;;) {
        if (pl->next < pl->n && pl->next >= pl->written + RING) {
            /* the ring is full: sleep until half of it is written, not
             * one slot, so as not to wake per file */
            pl->worker_until = pl->next - RING / 2 + 1;
            while (pl->written < pl->worker_until)
                pthread_cond_wait(&pl->to_worker, &pl->mu);
            pl->worker_until = 0;
        }
        if (pl->next >= pl->n)
            break;
        k = pl->next++;
        pthread_mutex_unlock(&pl->mu);
        lint_slot(pl, cache, k);
        pthread_mutex_lock(&pl->mu);
        pl->ready[k % RING] = true;
        if (pl->main_waits)
            pthread_cond_signal(&pl->to_main);
    }
    pthread_mutex_unlock(&pl->mu);
    gw_ph_cache_free(cache);
    return NULL;
}

/* The main thread's part: write the next position when it is linted,
 * else lint one itself, else wait for the worker. */
static bool main_part(struct pipeline *pl, struct run *r,
                      const struct gw_ruleset *rs, void *st,
                      struct pending *p, struct gw_out_totals *t)
{
    bool failed = false;
    size_t k = 0, c;

    pthread_mutex_lock(&pl->mu);
    while (k < pl->n) {
        if (pl->ready[k % RING]) {
            pthread_mutex_unlock(&pl->mu);
            failed |= finish(r, rs, st, &pl->ring[k % RING], p, t);
            pthread_mutex_lock(&pl->mu);
            pl->ready[k % RING] = false;
            pl->written = ++k;
            if (pl->worker_until && pl->written >= pl->worker_until)
                pthread_cond_signal(&pl->to_worker);
        } else if (pl->next < pl->n && pl->next < pl->written + RING) {
            c = pl->next++;
            pthread_mutex_unlock(&pl->mu);
            lint_slot(pl, r->phcache, c);
            pthread_mutex_lock(&pl->mu);
            pl->ready[c % RING] = true;
        } else {
            pl->main_waits = true;
            pthread_cond_wait(&pl->to_main, &pl->mu);
            pl->main_waits = false;
        }
    }
    pthread_mutex_unlock(&pl->mu);
    return failed;
}

/* How many threads to lint the inputs with: GWLINT_JOBS, else 2 when
 * there is more than one CPU and work for both. --fix rewrites files as
 * it goes and stays on one thread. */
static unsigned jobs_for(const struct run *r, size_t n)
{
    const char *env = getenv("GWLINT_JOBS");
    long cpus;

    if (r->fix || n < 4)
        return 1;
    if (env && *env)
        return strcmp(env, "1") == 0 ? 1 : 2;
    cpus = sysconf(_SC_NPROCESSORS_ONLN);
    return cpus > 1 ? 2 : 1;
}

static bool lint_inputs(struct run *r, const struct gw_ruleset *rs, void *st,
                        struct pending *p, struct gw_out_totals *t)
{
    struct pipeline *pl;
    pthread_t th;
    size_t n = r->inputs.n, k; /* sorted, without repeats */
    bool failed = false;

    pl = gw_xcalloc(1, sizeof *pl);
    pl->r = r;
    pl->rs = rs;
    pl->n = n;
    if (jobs_for(r, n) < 2 || pthread_mutex_init(&pl->mu, NULL) != 0)
        goto serial;
    if (pthread_cond_init(&pl->to_worker, NULL) != 0)
        goto no_cond;
    if (pthread_cond_init(&pl->to_main, NULL) != 0)
        goto no_cond2;
    gw_ruleset_compile_all(rs);
    if (pthread_create(&th, NULL, worker, pl) != 0)
        goto no_thread;
    failed = main_part(pl, r, rs, st, p, t);
    pthread_join(th, NULL);
    for (k = 0; k < RING; k++)
        release(&pl->ring[k]);
    pthread_cond_destroy(&pl->to_main);
    pthread_cond_destroy(&pl->to_worker);
    pthread_mutex_destroy(&pl->mu);
    goto out;
no_thread:
    pthread_cond_destroy(&pl->to_main);
no_cond2:
    pthread_cond_destroy(&pl->to_worker);
no_cond:
    pthread_mutex_destroy(&pl->mu);
serial:
    for (k = 0; k < n; k++)
        failed |= lint_one(r, rs, st, &r->inputs.v[k], NULL, false, NULL, p,
                           t);
out:
    gw_xfree(pl);
    return failed;
}

/* The findings about the config's ignore: entries, which only the whole
 * run can tell (GW006 unused, GW007 expired): written after every file. */
static bool config_pass(struct run *r, const struct gw_ruleset *rs, void *st,
                        const struct pending *p, struct gw_out_totals *t)
{
    struct gw_diag_list l;
    struct gw_doc doc;
    struct gw_supp s;
    const struct gw_ignore *ig;
    size_t n, k;
    bool any = false, failed = false, counted = false;

    if (!r->cfg || !(ig = gw_config_ignores(r->cfg, &n)) || !n)
        return false;
    gw_diag_list_init(&l);
    gw_doc_init(&doc, r->arena, gw_config_source(r->cfg), &r->ctx);
    doc.context_pass = true;
    gw_supp_init_config(&s, doc.src, r->lint.now, ig, n, r->ignore_used);
    gw_engine_run_late(rs, &doc, &r->lint, &s, &l);
    gw_diag_list_sort(&l);
    if (l.n) {
        r->writer->diags(st, doc.src, NULL, 0, l.items, l.n);
        tally(t, l.items, l.n, &any);
        for (k = 0; k < p->list.n; k++)
            counted |= p->list.items[k].src == doc.src;
        t->files_with += any && !counted;
        failed = fails(r, l.items, l.n);
    }
    gw_diag_list_release(&l);
    return failed;
}

/* The context pass: findings about context values written in files. */
static void context_pass(struct run *r, const struct gw_ruleset *rs,
                         struct pending *p)
{
    const struct gw_ctx_value *vals[] = {&r->ctx.region, &r->ctx.tier};
    const struct gw_source *src = NULL;
    struct gw_doc doc;
    size_t i;

    for (i = 0; i < 2; i++)
        if (vals[i]->value && vals[i]->src)
            src = vals[i]->src;
    if (!src)
        return;
    gw_doc_init(&doc, r->arena, src, &r->ctx);
    doc.context_pass = true;
    gw_engine_run(rs, &doc, &r->lint, &p->list);
    gw_diag_list_sort(&p->list);
}

/* Settings files that commands pass are linted with their protection
 * (SPEC §3.1). Find them before linting, from the command lines and the
 * inputs that may hold such commands; add those that exist and are no
 * input yet. */
static void collect_refs(struct run *r, const struct gw_ruleset *rs)
{
    struct gw_build_opts bo;
    size_t k, n = r->inputs.n, have = 0;
    bool *seen;

    memset(&bo, 0, sizeof bo);
    bo.profile = r->profile;
    bo.profile_forced = r->profile_forced;
    bo.input_type = "command";
    for (k = 0; k < r->commands.n; k++)
        gw_ref_collect(rs, &r->ctx, "<command>", ".", r->commands.v[k],
                       strlen(r->commands.v[k]), &bo, &r->refs);
    bo.input_type = r->input_type;
    for (k = 0; k < n; k++) {
        const char *path;
        struct gw_arena *a;
        struct gw_buf err;
        char *text;
        size_t len;
        if (!r->input_type && !gw_ref_wants(r->inputs.v[k].name))
            continue;
        a = gw_arena_new();
        path = input_path(a, &r->inputs.v[k]);
        gw_buf_init(&err, 0);
        if (gw_read_file(a, path, GW_MAX_FILE_BYTES, &text, &len, &err) ==
                GW_OK &&
            gw_ref_may_pass_files(path, text, len))
            gw_ref_collect(rs, &r->ctx, display_path(a, path),
                           gw_ref_dir(a, path), text, len, &bo, &r->refs);
        gw_buf_release(&err);
        gw_arena_free(a);
    }
    if (r->refs.n == 0)
        return;
    seen = gw_xcalloc(r->refs.n, sizeof *seen);
    for (k = 0; k < n; k++) {
        struct gw_arena *a = gw_arena_new();
        const struct gw_refitem *it =
            gw_reflist_find(&r->refs, input_path(a, &r->inputs.v[k]));
        if (it && !seen[it - r->refs.v]) {
            seen[it - r->refs.v] = true;
            have++;
        }
        gw_arena_free(a);
    }
    for (k = 0; k < r->refs.n && have < r->refs.n; k++) {
        struct stat sb;
        /* a missing one is GW811 in the script, not a tool error */
        if (!seen[k] && stat(r->refs.v[k].path, &sb) == 0 &&
            S_ISREG(sb.st_mode))
            inputs_add(&r->inputs, "", r->refs.v[k].path);
    }
    gw_xfree(seen);
    inputs_sort_unique(&r->inputs);
}

/* Whether a file named on the command line is one gwlint reads: by name,
 * or a script by its "#!" line. */
static bool claims_file(const char *path)
{
    char head[256];
    size_t n;
    FILE *fp;
    if (gw_build_claims_name(path))
        return true;
    if (!(fp = fopen(path, "rb")))
        return false;
    n = fread(head, 1, sizeof head, fp);
    fclose(fp);
    return gw_build_shebang(head, n);
}

/* ---- sub-commands ---- */

/* A JSON string: a custom rule's summary is the user's text. */
static void put_json_string(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            printf("\\%c", *s);
        else if ((unsigned char)*s < 0x20)
            printf("\\u%04x", (unsigned char)*s);
        else
            putchar(*s);
    }
    putchar('"');
}

static int cmd_rules(const struct gw_ruleset *rs, int argc, char **argv)
{
    bool json = false;
    size_t i;
    int k;
    for (k = 2; k < argc; k++) {
        if (strcmp(argv[k], "--format=json") == 0 ||
            (strcmp(argv[k], "--format") == 0 && k + 1 < argc &&
             strcmp(argv[k + 1], "json") == 0)) {
            json = true;
            k += strcmp(argv[k], "--format") == 0;
        } else if (strcmp(argv[k], "--format=text") == 0 ||
                   (strcmp(argv[k], "--format") == 0 && k + 1 < argc &&
                    strcmp(argv[k + 1], "text") == 0)) {
            k += strcmp(argv[k], "--format") == 0;
        } else {
            errorf("gwlint rules takes only --format text|json, not '%s'",
                   argv[k]);
            return 2;
        }
    }
    if (json)
        fputs("[\n", stdout);
    for (i = 0; i < gw_ruleset_count(rs); i++) {
        const struct gw_rule *r = gw_ruleset_at(rs, i);
        if (json) {
            printf("  {\"id\": \"%s\", \"name\": \"%s\", \"level\": \"%s\", "
                   "\"summary\": ",
                   r->id, r->name, gw_level_name(r->default_level));
            put_json_string(r->summary);
            printf("}%s\n", i + 1 < gw_ruleset_count(rs) ? "," : "");
        } else
            printf("%-6s %-30s %-8s %s\n", r->id, r->name,
                   gw_level_name(r->default_level), r->summary);
    }
    if (json)
        fputs("]\n", stdout);
    return 0;
}

static int cmd_explain(const struct gw_ruleset *rs, int argc, char **argv)
{
    const struct gw_rule *r;
    if (argc != 3) {
        errorf("usage: gwlint explain RULE (an id such as GW201 or a name "
               "such as token-format)");
        return 2;
    }
    if (!(r = rule_arg(rs, argv[2])))
        return 2;
    if (r->doc)
        fputs(r->doc, stdout);
    else
        printf("# %s %s\n\nLevel: %s\n\n%s\n", r->id, r->name,
               gw_level_name(r->default_level), r->description);
    return 0;
}

static int cmd_lsp(const struct gw_ruleset *rs, int argc, char **argv)
{
    struct gw_lsp_opts lo;
    int k;

    memset(&lo, 0, sizeof lo);
    lo.rs = rs;
    for (k = 2; k < argc; k++) {
        const char *v = NULL;
        if (strncmp(argv[k], "--now=", 6) == 0)
            v = argv[k] + 6;
        else if (strcmp(argv[k], "--now") == 0 && k + 1 < argc)
            v = argv[++k];
        if (!v) {
            errorf("gwlint lsp takes only --now, not '%s'", argv[k]);
            return 2;
        }
        if (!parse_now(v, &lo.now)) {
            errorf("--now takes a UTC time as YYYY-MM-DDTHH:MMZ, such as "
                   "2026-11-27T09:30Z, not '%s'",
                   v);
            return 2;
        }
    }
    return gw_lsp_run(stdin, stdout, &lo);
}

/* ---- main ---- */

static int usage_error(const char *msg)
{
    errorf("%s", msg);
    return 2;
}

int main(int argc, char **argv)
{
    struct gw_ruleset *rs = NULL;
    struct gw_buf err;
    struct run r;
    struct gw_optarg oa;
    struct pending pend;
    struct gw_out_totals totals;
    struct gw_out_opts oo;
    const char *apim = NULL, *cluster = NULL, *color = "auto";
    const char *config_path = NULL, *cfg_apim = NULL, *cfg_cluster = NULL;
    bool dashdash = false, failed = false, have_stdin = false;
    struct gw_buf dd; /* the argv after --, quoted back into one line */
    char emsg[256];
    char *tmp_out = NULL;
    FILE *fp = stdout;
    void *st;
    int i = 1, rc = 0;
    size_t k;

    memset(&r, 0, sizeof r);
    r.phcache = gw_ph_cache_new();
    memset(&totals, 0, sizeof totals);
    gw_diag_list_init(&pend.list);
    pend.next = 0;
    gw_buf_init(&err, 0);
    gw_buf_init(&dd, 0);
    r.writer = &gw_writer_text;
    r.fail_level = GW_ERROR;
    r.source = true;
    r.lint.now = time(NULL);
    r.lint.expiring_days = 7;
    r.arena = gw_arena_new();

    if (gw_ruleset_builtin(&rs, &err) != GW_OK) {
        errorf("invalid built-in rule file: %s", gw_buf_str(&err));
        rc = 2;
        goto out;
    }
    if (argc >= 2 && (strcmp(argv[1], "rules") == 0 ||
                      strcmp(argv[1], "explain") == 0) &&
        !load_config(&r, rs, NULL)) {
        rc = 2;
        goto out;
    }
    if (argc >= 2 && strcmp(argv[1], "rules") == 0) {
        rc = cmd_rules(rs, argc, argv);
        goto out;
    }
    if (argc >= 2 && strcmp(argv[1], "explain") == 0) {
        rc = cmd_explain(rs, argc, argv);
        goto out;
    }
    if (argc >= 2 && strcmp(argv[1], "lsp") == 0) {
        rc = cmd_lsp(rs, argc, argv);
        goto out;
    }

    while (i < argc) {
        if (!gw_opt_next(argc, argv, &i, &oa, &dashdash, emsg, sizeof emsg)) {
            rc = usage_error(emsg);
            goto out;
        }
        if (!oa.opt) {
            if (!oa.value)
                continue;
            if (dashdash) {
                if (dd.len)
                    gw_buf_putc(&dd, ' ');
                gw_sh_quote(&dd, oa.value);
                continue;
            }
            if (strcmp(oa.value, "-") == 0)
                have_stdin = true;
            else
                paths_add(&r.explicit_inputs, oa.value);
            continue;
        }
        switch (oa.opt->id) {
        case GW_OPT_FORMAT:
            if (!(r.writer = gw_writer_find(oa.value))) {
                errorf("unknown format '%s'; use text, json, sarif or github",
                       oa.value);
                rc = 2;
                goto out;
            }
            break;
        case GW_OPT_OUTPUT:
            r.output = oa.value;
            break;
        case GW_OPT_CONFIG:
            config_path = oa.value;
            break;
        case GW_OPT_PROFILE:
            if (strcmp(oa.value, "arc") == 0)
                r.profile = GW_PROFILE_ARC;
            else if (strcmp(oa.value, "helm") == 0)
                r.profile = GW_PROFILE_HELM;
            else {
                errorf("unknown profile '%s'; use arc or helm", oa.value);
                rc = 2;
                goto out;
            }
            r.profile_forced = true;
            break;
        case GW_OPT_INPUT_TYPE:
            if (!gw_build_known_type(oa.value)) {
                errorf("unknown input type '%s'; use settings-json, "
                       "settings-yaml, extension, arm, tfplan, helm-values, "
                       "shell, markdown or workflow",
                       oa.value);
                rc = 2;
                goto out;
            }
            r.input_type = oa.value;
            break;
        case GW_OPT_REGION:
            r.ctx.region.value = oa.value;
            r.ctx.region.origin = "--region";
            break;
        case GW_OPT_TIER:
            r.ctx.tier.value = oa.value;
            r.ctx.tier.origin = "--tier";
            break;
        case GW_OPT_APIM:
            apim = oa.value;
            break;
        case GW_OPT_CLUSTER:
            cluster = oa.value;
            break;
        case GW_OPT_REQUIRE_CONTEXT:
            r.lint.require_context = true;
            break;
        case GW_OPT_ENABLE:
        case GW_OPT_DISABLE:
        case GW_OPT_LEVEL: {
            const char *eq = strchr(oa.value, '=');
            enum gw_level lv;
            if (oa.opt->id == GW_OPT_LEVEL &&
                (!eq || !gw_level_parse(eq + 1, &lv))) {
                errorf("--level takes RULE=LEVEL with LEVEL error, warning, "
                       "note or off, not '%s'",
                       oa.value);
                rc = 2;
                goto out;
            }
            /* Rules are resolved once the config added its own. */
            if (!r.rule_flags)
                r.rule_flags = gw_arena_alloc(r.arena,
                                              (size_t)argc * sizeof oa);
            r.rule_flags[r.nrule_flags++] = oa;
            break;
        }
        case GW_OPT_FAIL_LEVEL:
            if (strcmp(oa.value, "never") == 0)
                r.fail_level = GW_LEVEL_OFF;
            else if (!gw_level_parse(oa.value, &r.fail_level) ||
                     r.fail_level == GW_LEVEL_OFF) {
                errorf("--fail-level takes error, warning, note or never, "
                       "not '%s'",
                       oa.value);
                rc = 2;
                goto out;
            }
            break;
        case GW_OPT_NOW:
            if (!parse_now(oa.value, &r.lint.now)) {
                errorf("--now takes a UTC time as YYYY-MM-DDTHH:MMZ, such as "
                       "2026-11-27T09:30Z, not '%s'",
                       oa.value);
                rc = 2;
                goto out;
            }
            break;
        case GW_OPT_COLOR:
            if (strcmp(oa.value, "auto") && strcmp(oa.value, "always") &&
                strcmp(oa.value, "never")) {
                errorf("--color takes auto, always or never, not '%s'",
                       oa.value);
                rc = 2;
                goto out;
            }
            color = oa.value;
            break;
        case GW_OPT_NO_SOURCE:
            r.source = false;
            break;
        case GW_OPT_STDIN_FILENAME:
            r.stdin_name = oa.value;
            break;
        case GW_OPT_QUIET:
            r.quiet = true;
            break;
        case GW_OPT_VERBOSE:
            r.verbose = true;
            break;
        case GW_OPT_VERSION:
            printf("gwlint %s\n", GW_VERSION);
            goto out;
        case GW_OPT_HELP:
            gw_opt_help(stdout);
            goto out;
        case GW_OPT_FIX:
            r.fix = true;
            break;
        case GW_OPT_COMMAND:
            paths_add(&r.commands, oa.value);
            break;
        }
    }
    if (dashdash && dd.len == 0) {
        rc = usage_error("nothing after --: give the command to lint, as in "
                         "gwlint -- az k8s-extension create ...");
        goto out;
    }
    if (dd.len)
        paths_add(&r.commands, gw_buf_str(&dd));
    if (!have_stdin && r.explicit_inputs.n == 0 && r.commands.n == 0) {
        rc = usage_error("no input: name files or directories to lint, or - "
                         "for standard input (gwlint --help)");
        goto out;
    }

    /* The config (its custom rules and levels), then the rule flags. */
    if (!load_config(&r, rs, config_path) || !apply_rule_flags(&r, rs)) {
        rc = 2;
        goto out;
    }

    /* Context (SPEC 3.3): flags first (set above), then the config's
     * values, then the cluster and APIM files (flags before the config's
     * files). */
    if (r.cfg) {
        gw_config_context(r.cfg, &r.ctx);
        cfg_cluster = gw_config_cluster(r.cfg);
        cfg_apim = gw_config_apim(r.cfg);
    }
    if ((cluster || cfg_cluster) &&
        gw_context_load(&r.ctx, r.arena, GW_CTX_CLUSTER,
                        cluster ? cluster : cfg_cluster,
                        display_path(r.arena, cluster ? cluster : cfg_cluster),
                        &err) != GW_OK) {
        errorf("%s: %s", cluster ? "--cluster" : "context.cluster",
               gw_buf_str(&err));
        rc = 2;
        goto out;
    }
    if ((apim || cfg_apim) &&
        gw_context_load(&r.ctx, r.arena, GW_CTX_APIM, apim ? apim : cfg_apim,
                        display_path(r.arena, apim ? apim : cfg_apim),
                        &err) != GW_OK) {
        errorf("%s: %s", apim ? "--apim" : "context.apim", gw_buf_str(&err));
        rc = 2;
        goto out;
    }

    /* Inputs: every named file, every lintable file under each named
     * directory; sorted so output does not depend on argument order. */
    for (k = 0; k < r.explicit_inputs.n; k++) {
        const char *p = r.explicit_inputs.v[k];
        struct stat sb;
        if (stat(p, &sb) != 0) {
            errorf("%s: %s", p, strerror(errno));
            rc = 2;
            goto out;
        }
        if (S_ISDIR(sb.st_mode)) {
            walk(&r, p, 0);
        } else if (!r.input_type && !claims_file(p) &&
                   !config_claims(&r, p)) {
            errorf("%s: cannot tell what kind of file this is (gwlint reads "
                   ".json, .yaml, .yml, .sh, .bash, .zsh, .ps1, .md and "
                   "scripts with a #! line); name the kind with --input-type",
                   p);
            rc = 2;
            goto out;
        } else {
            inputs_add(&r.inputs, "", p);
        }
    }
    inputs_sort_unique(&r.inputs); /* none when only --command is given */
    /* Never a settings file that a command merely references. */
    for (k = 0; r.fix && k < r.inputs.n; k++) {
        struct gw_arena *a = gw_arena_new();
        paths_add(&r.fix_paths, input_path(a, &r.inputs.v[k]));
        gw_arena_free(a);
    }
    collect_refs(&r, rs);

    if (strcmp(color, "always") == 0)
        r.color = true;
    else if (strcmp(color, "auto") == 0)
        r.color = !r.output && isatty(STDOUT_FILENO) && !getenv("NO_COLOR");

    if (r.output) {
        size_t n = strlen(r.output) + 16;
        int fd;
        tmp_out = gw_xmalloc(n);
        snprintf(tmp_out, n, "%s.XXXXXX", r.output);
        fd = mkstemp(tmp_out);
        if (fd < 0 || !(fp = fdopen(fd, "w"))) {
            errorf("%s: %s", r.output, strerror(errno));
            if (fd >= 0)
                close(fd);
            gw_xfree(tmp_out);
            tmp_out = NULL;
            rc = 2;
            goto out;
        }
    }

    memset(&oo, 0, sizeof oo);
    oo.fp = fp;
    oo.color = r.color;
    oo.source = r.source;
    oo.quiet = r.quiet;
    oo.version = GW_VERSION;
    oo.rules = rs;
    oo.summary_path = getenv("GITHUB_STEP_SUMMARY");
    st = r.writer->begin(&oo);
    context_pass(&r, rs, &pend);
    for (k = 0; k < r.commands.n; k++)
        failed |= lint_one(&r, rs, st, NULL, "<command>", false,
                           r.commands.v[k],
                           &pend, &totals);
    if (have_stdin)
        failed |= lint_one(&r, rs, st, NULL, "-", true, NULL, &pend,
                           &totals);
    failed |= lint_inputs(&r, rs, st, &pend, &totals);
    failed |= flush_pending(&r, st, &pend, NULL, &totals);
    failed |= config_pass(&r, rs, st, &pend, &totals);
    r.writer->end(st, &totals);

    if (tmp_out) {
        if (fclose(fp) != 0 || rename(tmp_out, r.output) != 0) {
            errorf("%s: %s", r.output, strerror(errno));
            unlink(tmp_out);
            r.tool_error = true;
        }
        fp = stdout;
    } else if (fflush(stdout) != 0) {
        r.tool_error = true;
    }
    /* After the report, so that it reads last on a terminal too. */
    if (r.fix && !r.quiet)
        fprintf(stderr, "fixed %u finding%s in %u file%s\n", r.fixed,
                r.fixed == 1 ? "" : "s", r.fixed_files,
                r.fixed_files == 1 ? "" : "s");
    rc = r.tool_error ? 2 : failed ? 1 : 0;

out:
    gw_xfree(tmp_out);
    gw_diag_list_release(&pend.list);
    inputs_free(&r.inputs);
    paths_free(&r.explicit_inputs);
    paths_free(&r.commands);
    gw_reflist_release(&r.refs);
    gw_buf_release(&dd);
    paths_free(&r.fix_paths);
    gw_arena_free(r.arena);
    gw_buf_release(&err);
    gw_ruleset_free(rs);
    gw_config_free(r.cfg);
    gw_ph_cache_free(r.phcache);
    return rc;
}
