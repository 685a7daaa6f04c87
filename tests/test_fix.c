/* Unit tests of fix.c: which fixes are applied (non-overlapping, not
 * suppressed, not in a secret), that only their spans change, and the
 * atomic write that keeps the mode and refuses a changed or odd file. */
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

#include "fix.h"
#include "mem.h"

static struct gw_fix fx(uint32_t start, uint32_t end, const char *repl)
{
    struct gw_fix f;
    f.span.start = start;
    f.span.end = end;
    f.replacement = repl;
    f.title = "t";
    return f;
}

static void test_text(void **state)
{
    const char *t = "gateway.endpoint: \"http://x\"\nservice.type: nodeport\n"
                    "gateway.auth.token: \"id&202701011200&c2lnbmF0dXJl\"\n";
    struct gw_arena *a = gw_arena_new();
    struct gw_source src, other;
    struct gw_fix f[8];
    struct gw_diag d[8];
    struct gw_suppression sup = {"r", false};
    struct gw_span secret;
    char *out = NULL;
    size_t len = 0, i;
    (void)state;

    gw_source_init(&src, a, "s.yaml", t, strlen(t));
    gw_source_init(&other, a, "o.yaml", t, strlen(t));
    memset(d, 0, sizeof d);
    f[0] = fx(0, 16, "gateway.configuration.uri"); /* the key */
    f[1] = fx(19, 23, "https");                    /* the scheme */
    f[2] = fx(19, 23, "https");                    /* the same again */
    f[3] = fx(20, 22, "xx");                       /* overlaps f[1] */
    f[4] = fx(43, 51, "NodePort");                 /* suppressed */
    f[5] = fx(73, 73, "GatewayKey ");              /* before the secret */
    f[6] = fx(90, 92, "zz");                       /* inside the secret */
    f[7] = fx(0, 7, "x");                          /* another source */
    for (i = 0; i < 8; i++) {
        d[i].src = i == 7 ? &other : &src;
        d[i].fix = &f[i];
        d[i].message = "m";
    }
    d[4].suppressed = &sup;
    secret.start = 89; /* after the second '&' */
    secret.end = 101;
    assert_int_equal(gw_fix_text(&src, &secret, 1, d, 8, &out, &len), 3);
    assert_string_equal(out, "gateway.configuration.uri: \"https://x\"\n"
                             "service.type: nodeport\n"
                             "gateway.auth.token: \"GatewayKey "
                             "id&202701011200&c2lnbmF0dXJl\"\n");
    assert_int_equal(len, strlen(out));
    gw_xfree(out);
    /* nothing to fix */
    out = NULL;
    assert_int_equal(gw_fix_text(&src, NULL, 0, d + 4, 1, &out, &len), 0);
    assert_null(out);
    gw_arena_free(a);
}

static void test_write(void **state)
{
    char dir[] = "/tmp/gwlint-fix-XXXXXX", path[64], link[64], cmd[96];
    struct stat before, after;
    struct gw_buf err;
    FILE *fp;
    char buf[32];
    size_t n;
    (void)state;

    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/a.yaml", dir);
    snprintf(link, sizeof link, "%s/l.yaml", dir);
    fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("old\n", fp);
    fclose(fp);
    assert_int_equal(chmod(path, 0640), 0);
    assert_int_equal(lstat(path, &before), 0);
    gw_buf_init(&err, 0);
    assert_int_equal(gw_fix_write(path, &before, "new text\n", 9, &err),
                     GW_OK);
    assert_int_equal(lstat(path, &after), 0);
    assert_int_equal(after.st_mode & 07777, 0640);
    fp = fopen(path, "r");
    n = fread(buf, 1, sizeof buf - 1, fp);
    fclose(fp);
    buf[n] = '\0';
    assert_string_equal(buf, "new text\n");
    /* the file changed since it was read: untouched */
    assert_int_equal(gw_fix_write(path, &before, "x", 1, &err), GW_ERR_IO);
    assert_non_null(strstr(gw_buf_str(&err), "changed while gwlint read it"));
    /* a symbolic link is not replaced */
    assert_int_equal(symlink(path, link), 0);
    assert_int_equal(lstat(link, &before), 0);
    gw_buf_reset(&err);
    assert_int_equal(gw_fix_write(link, &before, "x", 1, &err), GW_ERR_IO);
    assert_non_null(strstr(gw_buf_str(&err), "not a regular file"));
    /* no temporary file is left behind */
    snprintf(cmd, sizeof cmd, "test $(ls -A %s | wc -l) -eq 2", dir);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
    gw_buf_release(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_write),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
