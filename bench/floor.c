/* The benchmark floor (SPEC §11): a program that only reads and parses the
 * same files as gwlint, YAML with libyaml and JSON with cJSON, and checks
 * nothing. gwlint's figures are ratios to this one's, measured in the same
 * run on the same files. Usage: gwfloor PATH... (directories are walked). */
#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

static unsigned long nodes, files;

static int ends_with(const char *s, const char *x)
{
    size_t n = strlen(s), m = strlen(x);
    return n >= m && strcmp(s + n - m, x) == 0;
}

static void parse_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    char *buf;
    long len;
    if (!fp)
        return;
    fseek(fp, 0, SEEK_END);
    len = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    buf = malloc((size_t)len + 1);
    if (fread(buf, 1, (size_t)len, fp) != (size_t)len) {
        fclose(fp);
        free(buf);
        return;
    }
    fclose(fp);
    buf[len] = '\0';
    files++;
    if (ends_with(path, ".json")) {
        cJSON *root = cJSON_ParseWithLength(buf, (size_t)len);
        if (root) {
            nodes += (unsigned long)cJSON_GetArraySize(root);
            cJSON_Delete(root);
        }
    } else {
        yaml_parser_t p;
        yaml_event_t e;
        int done = 0;
        yaml_parser_initialize(&p);
        yaml_parser_set_input_string(&p, (const unsigned char *)buf,
                                     (size_t)len);
        while (!done) {
            if (!yaml_parser_parse(&p, &e))
                break;
            nodes++;
            done = e.type == YAML_STREAM_END_EVENT;
            yaml_event_delete(&e);
        }
        yaml_parser_delete(&p);
    }
    free(buf);
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(const char *path)
{
    struct stat st;
    DIR *d;
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0, i;

    if (stat(path, &st) != 0)
        return;
    if (!S_ISDIR(st.st_mode)) {
        if (ends_with(path, ".json") || ends_with(path, ".yaml") ||
            ends_with(path, ".yml"))
            parse_file(path);
        return;
    }
    if (!(d = opendir(path)))
        return;
    while ((e = readdir(d))) {
        size_t l;
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            names = realloc(names, cap * sizeof *names);
        }
        l = strlen(path) + strlen(e->d_name) + 2;
        names[n] = malloc(l);
        snprintf(names[n], l, "%s/%s", path, e->d_name);
        n++;
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp);
    for (i = 0; i < n; i++) {
        walk(names[i]);
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv)
{
    int i;
    for (i = 1; i < argc; i++)
        walk(argv[i]);
    printf("%lu files, %lu nodes\n", files, nodes);
    return 0;
}
