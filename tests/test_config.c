/* Unit tests of config.c: every key of .gwlint.yaml, the error (with its
 * line, column and did-you-mean) for each way a config can be wrong,
 * discovery from the current directory up, and paths relative to the
 * config's directory. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "buf.h"
#include "config.h"
#include "mem.h"
#include "ruleset.h"

static char tmpdir[64];
static char oldcwd[4096];

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/gwlint-config-XXXXXX");
    if (!mkdtemp(tmpdir) || !getcwd(oldcwd, sizeof oldcwd) ||
        chdir(tmpdir) != 0)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    char cmd[128];
    (void)state;
    if (chdir(oldcwd) != 0)
        return -1;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Load `text` as the config "c.yaml"; returns the status, fills *out and
 * err. */
static enum gw_status load(const char *text, struct gw_ruleset **rs,
                           struct gw_config **out, struct gw_buf *err)
{
    write_file("c.yaml", text);
    assert_int_equal(gw_ruleset_builtin(rs, err), GW_OK);
    return gw_config_load(out, "c.yaml", "c.yaml", *rs, err);
}

static void line_col(const struct gw_config *c, struct gw_span sp,
                     unsigned line, unsigned col)
{
    unsigned l, k;
    gw_source_line_col(gw_config_source(c), sp.start, &l, &k);
    assert_int_equal(l, line);
    assert_int_equal(k, col);
}

static void test_every_key(void **state)
{
    struct gw_ruleset *rs;
    struct gw_config *c;
    struct gw_buf err;
    struct gw_context ctx;
    struct gw_build_opts o;
    const struct gw_ignore *ig;
    const struct gw_rule *r;
    enum gw_profile p;
    bool hp = false, ht = false;
    size_t n;
    char *rel;
    (void)state;

    gw_buf_init(&err, 0);
    assert_int_equal(
        load("profile: helm\n"
             "context: {region: eastus2, tier: Premium, apim: apim.json,\n"
             "          cluster: ctx/cluster.json}\n"
             "token: {expiring-days: 14}\n"
             "rules:\n"
             "  GW402: off\n"
             "  unknown-key: error\n"
             "  ORG001: note\n"
             "files:\n"
             "  - {glob: \"deploy/helm/**/*.yaml\", profile: arc}\n"
             "  - {glob: \"*.settings\", input-type: settings-json}\n"
             "exclude: [\"vendor/**\"]\n"
             "custom-rules:\n"
             "  - id: ORG001\n"
             "    name: require-loadbalancer\n"
             "    key: service.type\n"
             "    pattern: '^LoadBalancer$'\n"
             "    level: error\n"
             "    message: use a load balancer, not {value}\n"
             "ignore:\n"
             "  - path: \"deploy/*.json\"\n"
             "    rule: secret-not-protected\n"
             "    key: gateway.auth.token\n"
             "    reason: the pipeline passes it protected\n"
             "    until: 2027-01-31\n",
             &rs, &c, &err),
        GW_OK);
    assert_true(gw_config_profile(c, &p));
    assert_int_equal(p, GW_PROFILE_HELM);
    assert_int_equal(gw_config_expiring_days(c), 14);
    memset(&ctx, 0, sizeof ctx);
    ctx.tier.value = "Developer"; /* a flag: stronger */
    gw_config_context(c, &ctx);
    assert_string_equal(ctx.region.value, "eastus2");
    assert_ptr_equal(ctx.region.src, gw_config_source(c));
    line_col(c, ctx.region.span, 2, 19);
    assert_string_equal(ctx.tier.value, "Developer");
    assert_string_equal(gw_config_apim(c), "apim.json");
    assert_string_equal(gw_config_cluster(c), "ctx/cluster.json");
    /* rules: the config's level; the custom rule is there, at its level */
    assert_int_equal(gw_ruleset_find(rs, "GW402")->level, GW_LEVEL_OFF);
    assert_int_equal(gw_ruleset_find(rs, "GW103")->level, GW_ERROR);
    r = gw_ruleset_find(rs, "require-loadbalancer");
    assert_non_null(r);
    assert_true(r->custom);
    assert_string_equal(r->id, "ORG001");
    assert_int_equal(r->default_level, GW_ERROR);
    assert_int_equal(r->level, GW_NOTE);
    /* files: and exclude: */
    memset(&o, 0, sizeof o);
    o.profile = GW_PROFILE_HELM;
    gw_config_file_opts(c, "deploy/helm/x/values.yaml", &o, &hp, &ht);
    assert_true(hp);
    assert_false(ht);
    assert_int_equal(o.profile, GW_PROFILE_ARC);
    assert_true(o.profile_forced);
    gw_config_file_opts(c, "a/b.settings", &o, &hp, &ht);
    assert_true(ht);
    assert_string_equal(o.input_type, "settings-json");
    assert_true(gw_config_excluded(c, "vendor/x/a.json"));
    assert_false(gw_config_excluded(c, "deploy/a.json"));
    assert_false(gw_config_excluded(c, NULL));
    /* ignore: */
    ig = gw_config_ignores(c, &n);
    assert_int_equal(n, 1);
    assert_string_equal(ig[0].glob, "deploy/*.json");
    assert_string_equal(ig[0].rule->id, "GW205");
    assert_string_equal(ig[0].key, "gateway.auth.token");
    assert_string_equal(ig[0].sup.reason, "the pipeline passes it protected");
    assert_true(ig[0].sup.external);
    assert_true(ig[0].has_until);
    line_col(c, ig[0].span, 21, 5);
    line_col(c, ig[0].until_span, 25, 12);
    /* paths relative to the config's directory */
    rel = gw_config_relpath(c, "deploy/a.json");
    assert_string_equal(rel, "deploy/a.json");
    gw_xfree(rel);
    rel = gw_config_relpath(c, "./x/../deploy/./a.json");
    assert_string_equal(rel, "deploy/a.json");
    gw_xfree(rel);
    assert_null(gw_config_relpath(c, "/elsewhere/a.json"));
    assert_null(gw_config_relpath(c, "../a.json"));
    gw_config_free(c);
    gw_ruleset_free(rs);
    gw_buf_release(&err);
}

struct bad {
    const char *text, *error;
};

static const struct bad bads[] = {
    {"profile: arc\nrulez:\n  GW402: off\n",
     "c.yaml:2:1: unknown key 'rulez'; did you mean 'rules'"},
    {"rules:\n  GW402: offf\n",
     "c.yaml:2:10: level 'offf' of GW402 is not off, note, warning or error; "
     "did you mean 'off'"},
    {"rules:\n  unknwn-key: error\n",
     "c.yaml:2:3: unknown rule 'unknwn-key'; did you mean 'GW103' "
     "(unknown-key)"},
    {"rules:\n  GW103: error\n  unknown-key: note\n",
     "c.yaml:3:3: rule GW103 is set twice (also as 'GW103')"},
    {"rules: [GW103]\n", "c.yaml:1:8: rules must be a mapping"},
    {"profile: arcc\n", "c.yaml:1:10: profile 'arcc' is not arc or helm"},
    {"context:\n  regoin: eastus\n",
     "c.yaml:2:3: unknown key 'regoin' in context; did you mean 'region'"},
    {"context: {region: ''}\n", "c.yaml:1:19: context.region is empty"},
    {"token: {expiring-days: soon}\n",
     "c.yaml:1:24: token.expiring-days must be a whole number of days from 0 "
     "to 3650, not 'soon'"},
    {"token: {expiring: 3}\n",
     "c.yaml:1:9: unknown key 'expiring' in token; did you mean "
     "'expiring-days'"},
    {"files:\n  - {glob: 'a/[b', profile: helm}\n",
     "c.yaml:2:15: glob 'a/[b' is not a glob: '[' is not closed by ']'"},
    {"files:\n  - {glob: a}\n",
     "c.yaml:2:5: an entry of files needs a 'profile' or an 'input-type'"},
    {"files:\n  - {glob: a, input-type: settings}\n",
     "c.yaml:2:27: unknown input-type 'settings'"},
    {"exclude: vendor/**\n", "c.yaml:1:10: exclude must be a list"},
    {"ignore:\n  - {path: a.json}\n",
     "c.yaml:2:5: an entry of ignore needs a 'path' glob and a 'rule'"},
    {"ignore:\n  - {path: a.json, rule: GW205, until: 31.01.2027}\n",
     "c.yaml:2:40: until '31.01.2027' is not a date YYYY-MM-DD"},
    {"ignore:\n  - {path: a.json, rule: GW2O5}\n",
     "c.yaml:2:26: unknown rule 'GW2O5'; did you mean 'GW205' "
     "(secret-not-protected)"},
    {"custom-rules:\n  - {id: GW901, name: a-b, key: a, required: true}\n",
     "c.yaml:2:10: custom rule id 'GW901' collides with gwlint's own rules: "
     "ids starting with 'GW' are reserved; use a prefix of your own such as "
     "'ORG001'"},
    {"custom-rules:\n"
     "  - {id: ORG1, name: a-b, key: a, required: true}\n"
     "  - {id: org1, name: c-d, key: a, required: true}\n",
     "c.yaml:3:10: custom rule id 'org1' is already used by custom rule ORG1"},
    {"custom-rules:\n  - {id: ORG1, name: unknown-key, key: a, "
     "required: true}\n",
     "c.yaml:2:22: custom rule name 'unknown-key' is already used by GW103"},
    {"custom-rules:\n  - {id: ORG1, name: a-b, key: a}\n",
     "c.yaml:2:5: custom rule ORG1: say what it checks: 'pattern', "
     "'required: true' or 'forbidden: true'"},
    {"custom-rules:\n  - {id: ORG1, name: a-b, pattern: x}\n",
     "c.yaml:2:5: custom rule ORG1: name the settings it checks with 'key' "
     "or 'key-pattern'"},
    {"custom-rules:\n  - {id: ORG1, name: a-b, key: a, key-pattern: b, "
     "required: true}\n",
     "c.yaml:2:48: custom rule ORG1: give 'key' or 'key-pattern', not both"},
    {"custom-rules:\n  - {id: ORG1, name: a-b, key: a, levle: note, "
     "required: true}\n",
     "c.yaml:2:35: unknown key 'levle' in a custom rule; did you mean 'level'"},
    {"custom-rules:\n"
     "  - id: ORG1\n"
     "    name: a-b\n"
     "    key: a\n"
     "    pattern: '^(Load|Node)Balancer[$'\n",
     "c.yaml:5:37: custom rule ORG1: pattern does not compile: missing "
     "terminating ] for character class"},
    {"custom-rules:\n"
     "  - id: ORG1\n"
     "    name: a-b\n"
     "    key-pattern: ^gateway\\.(auth\n"
     "    forbidden: true\n",
     "c.yaml:4:33: custom rule ORG1: key-pattern does not compile: missing "
     "closing parenthesis"},
    {"rules: {GW402: off}\n"
     "context: {tier: Premium, regoin: x}\n",
     "c.yaml:2:26: unknown key 'regoin' in context; did you mean 'region'"},
    {"- a\n", "c.yaml:1:1: the configuration must be a mapping"},
    {"rules: {GW402: off\n",
     "c.yaml:2:1: did not find expected ',' or '}' while parsing a flow "
     "mapping that began on line 1"},
};

static void test_errors(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < sizeof bads / sizeof bads[0]; i++) {
        struct gw_ruleset *rs;
        struct gw_config *c = (struct gw_config *)&c;
        struct gw_buf err;
        enum gw_status st;
        gw_buf_init(&err, 0);
        st = load(bads[i].text, &rs, &c, &err);
        if (st != GW_ERR_RULE || strcmp(gw_buf_str(&err), bads[i].error))
            fail_msg("case %zu: status %d, error '%s'", i, st,
                     gw_buf_str(&err));
        assert_null(c);
        gw_ruleset_free(rs);
        gw_buf_release(&err);
    }
}

static void test_empty_and_missing(void **state)
{
    struct gw_ruleset *rs;
    struct gw_config *c;
    struct gw_buf err;
    enum gw_profile p;
    (void)state;
    gw_buf_init(&err, 0);
    assert_int_equal(load("# nothing yet\n", &rs, &c, &err), GW_OK);
    assert_false(gw_config_profile(c, &p));
    assert_int_equal(gw_config_expiring_days(c), -1);
    assert_null(gw_config_apim(c));
    gw_config_free(c);
    assert_int_equal(gw_config_load(&c, "missing.yaml", "missing.yaml", rs,
                                    &err),
                     GW_ERR_IO);
    assert_string_equal(gw_buf_str(&err),
                        "missing.yaml: No such file or directory");
    gw_ruleset_free(rs);
    gw_buf_release(&err);
}

static void test_discovery(void **state)
{
    struct gw_ruleset *rs;
    struct gw_config *c;
    struct gw_buf err;
    char *found, *rel;
    (void)state;
    gw_buf_init(&err, 0);
    assert_int_equal(mkdir("a", 0755), 0);
    assert_int_equal(mkdir("a/b", 0755), 0);
    write_file(GW_CONFIG_NAME, "context: {apim: ctx/apim.json}\n");
    found = gw_config_find();
    assert_string_equal(found, ".gwlint.yaml");
    gw_xfree(found);
    assert_int_equal(chdir("a/b"), 0);
    found = gw_config_find();
    assert_string_equal(found, "../../.gwlint.yaml");
    assert_int_equal(gw_ruleset_builtin(&rs, &err), GW_OK);
    assert_int_equal(gw_config_load(&c, found, found, rs, &err), GW_OK);
    /* the config's paths, from here */
    assert_string_equal(gw_config_apim(c), "../../ctx/apim.json");
    rel = gw_config_relpath(c, "x.json");
    assert_string_equal(rel, "a/b/x.json");
    gw_xfree(rel);
    gw_config_free(c);
    gw_xfree(found);
    /* a nearer one wins */
    write_file("../" GW_CONFIG_NAME, "{}\n");
    found = gw_config_find();
    assert_string_equal(found, "../.gwlint.yaml");
    gw_xfree(found);
    assert_int_equal(chdir(tmpdir), 0);
    gw_ruleset_free(rs);
    gw_buf_release(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_key),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_empty_and_missing),
        cmocka_unit_test(test_discovery),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
