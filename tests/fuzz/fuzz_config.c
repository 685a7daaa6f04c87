/* libFuzzer target: the configuration file (.gwlint.yaml): keys, globs,
 * levels, custom rules and their PCRE2 patterns, ignore entries. Each
 * input is written to a file, since configurations are read from a path
 * (in /dev/shm when there is one: a file on disk truncated and rewritten
 * for every input costs more in the kernel than the load does). A loaded
 * configuration is then asked what the command line asks it (profile,
 * context, per-file settings by glob, exclusion, relative paths) and, when
 * it has ignore: entries, a small settings file is linted with them.
 *
 * A configuration changes the ruleset it is loaded into: rules: sets
 * levels and custom-rules: adds rules (and leaves memory in the ruleset's
 * arena even when they fail). Making a ruleset per input cost more than
 * the rest of the input, so one ruleset is kept: levels are put back after
 * each input, and an input that may hold custom rules (the bytes name
 * "custom", or hold a backslash, which a quoted YAML key may spell any
 * key with) gets a fresh ruleset of its own. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "config.h"
#include "doc.h"
#include "lint.h"
#include "mem.h"
#include "ruleset.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct gw_ruleset *shared;
static size_t shared_n;
static int fd = -1;
static char path[64];

static struct gw_ruleset *builtin(void)
{
    struct gw_ruleset *rs = NULL;
    struct gw_buf err;
    gw_buf_init(&err, 0);
    if (gw_ruleset_builtin(&rs, &err) != GW_OK) {
        fprintf(stderr, "fuzz: the built-in rules: %s\n", gw_buf_str(&err));
        abort();
    }
    gw_buf_release(&err);
    return rs;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char tmp[64];
    struct stat st;
    (void)argc;
    (void)argv;
    shared = builtin();
    shared_n = gw_ruleset_count(shared);
    snprintf(tmp, sizeof tmp, "%s/gwlint-fuzz-XXXXXX",
             stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) &&
                     access("/dev/shm", W_OK) == 0
                 ? "/dev/shm"
                 : "/tmp");
    if ((fd = mkstemp(tmp)) < 0) {
        perror(tmp);
        abort();
    }
    /* Nothing is left behind, even by a crash: the file is read through
     * the descriptor's name in /proc, which is also the config's
     * directory for the paths asked about below. */
    unlink(tmp);
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    return 0;
}

static bool may_add_rules(const uint8_t *data, size_t size)
{
    static const char word[] = "custom";
    size_t i;
    if (memchr(data, '\\', size))
        return true;
    for (i = 0; i + sizeof word - 1 <= size; i++)
        if (data[i] == 'c' && memcmp(data + i, word, sizeof word - 1) == 0)
            return true;
    return false;
}

/* What the command line asks a loaded configuration. */
static void ask(const struct gw_config *c, const struct gw_ruleset *rs)
{
    static const char *const files[] = {
        "/proc/self/fd/settings.json",
        "/proc/self/fd/deploy/helm/values.yaml",
        "/proc/self/fd/vendor/gw/settings.json",
        "/proc/self/fd/raw/../deploy/x.txt",
        "/proc/self/fd/.github/workflows/deploy.yml",
        "settings.json"};
    static const char text[] =
        "{\"gateway.configuration.uri\": \"http://contoso.configuration."
        "azure-api.net\", \"gateway.auth.token\": \"x\", \"note\": \"1\"}";
    struct gw_context ctx;
    enum gw_profile prof;
    const struct gw_ignore *ign;
    size_t i, nign;

    memset(&ctx, 0, sizeof ctx);
    (void)gw_config_profile(c, &prof);
    (void)gw_config_expiring_days(c);
    gw_config_context(c, &ctx);
    (void)gw_config_apim(c);
    (void)gw_config_cluster(c);
    for (i = 0; i < sizeof files / sizeof files[0]; i++) {
        struct gw_build_opts o;
        bool has_profile = false, has_type = false;
        char *rel = gw_config_relpath(c, files[i]);
        memset(&o, 0, sizeof o);
        if (rel) {
            (void)gw_config_excluded(c, rel);
            gw_config_file_opts(c, rel, &o, &has_profile, &has_type);
            gw_xfree(rel);
        }
    }
    ign = gw_config_ignores(c, &nign);
    if (nign) {
        struct gw_lint_input in;
        struct gw_lint_result res;
        struct gw_lint_opts opts;
        memset(&in, 0, sizeof in);
        memset(&opts, 0, sizeof opts);
        opts.now = 1795780800; /* 2026-11-27 12:00 UTC */
        opts.expiring_days = 7;
        in.path = "settings.json";
        in.text = text;
        in.len = sizeof text - 1;
        in.ignores = ign;
        in.nignores = nign;
        in.ignore_path = "settings.json";
        (void)gw_lint_text(rs, &opts, &ctx, &in, &res);
        gw_lint_release(&res);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bool fresh = may_add_rules(data, size);
    struct gw_ruleset *rs = fresh ? builtin() : shared;
    struct gw_config *cfg = NULL;
    struct gw_buf err;
    size_t i;

    if (ftruncate(fd, 0) != 0 ||
        (size && pwrite(fd, data, size, 0) != (ssize_t)size))
        abort();
    gw_buf_init(&err, 0);
    if (gw_config_load(&cfg, path, ".gwlint.yaml", rs, &err) == GW_OK)
        ask(cfg, rs);
    gw_config_free(cfg);
    gw_buf_release(&err);
    if (fresh) {
        gw_ruleset_free(rs);
        return 0;
    }
    if (gw_ruleset_count(shared) != shared_n) {
        /* custom rules got in after all: the check above is wrong */
        fprintf(stderr, "fuzz_config: custom rules were added to the shared "
                        "ruleset\n");
        abort();
    }
    for (i = 0; i < shared_n; i++) {
        const struct gw_rule *r = gw_ruleset_at(shared, i);
        if (r->level != r->default_level)
            gw_ruleset_set_level(shared, r, r->default_level);
    }
    return 0;
}
