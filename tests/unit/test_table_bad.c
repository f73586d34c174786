/*
 * test_table_bad.c - the corpus of bad CSV files: every tests/bad/NAME.csv must fail to read
 * with exactly the one-line message in tests/bad/NAME.err ("FILE:LINE:COL: message", the file
 * named as "tests/bad/NAME.csv" relative to the source folder). Each file is also read from
 * memory in pieces of every size up to 64 bytes, which must give the same message.
 *
 * To add a case: write NAME.csv, then NAME.err with the message you expect (check the
 * position by hand; do not copy the program's output without reading it).
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "table.h"

#ifndef CSVCHART_SOURCE_DIR
#error "CSVCHART_SOURCE_DIR must name the source folder"
#endif

#define MIN_CASES 15 /* fewer files found means the corpus went missing */

/* The whole file in a malloc'd buffer (NUL-terminated; *len excludes the NUL), or NULL. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n - 1, f);
        if (n < cap - 1) {
            break;
        }
        char *p = realloc(buf, cap * 2);
        if (!p) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = p;
        cap *= 2;
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        *len = n;
    }
    return buf;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void check_file(const char *name)
{
    char csv[512], errpath[512];
    snprintf(csv, sizeof csv, "tests/bad/%s.csv", name);
    snprintf(errpath, sizeof errpath, "tests/bad/%s.err", name);

    size_t elen = 0;
    char *want = slurp(errpath, &elen);
    if (!want) {
        fprintf(stderr, "%s: missing\n", errpath);
    }
    CHECK(want != NULL);
    if (!want) {
        return;
    }
    want[strcspn(want, "\n")] = '\0'; // one line

    csvchart_error err = {0};
    csvchart_table *t = NULL;
    csvchart_status st = csvchart_table_read_file(csv, NULL, &t, &err);
    if (st == CSVCHART_OK) {
        fprintf(stderr, "%s: read without an error\n", csv);
    }
    CHECK(st != CSVCHART_OK);
    CHECK(t == NULL);
    CHECK_STR(csvchart_error_text(&err), want);
    csvchart_table_free(t);

    /* The same from memory, cut into pieces of every size. */
    size_t len = 0;
    char *data = slurp(csv, &len);
    CHECK(data != NULL);
    bool same = data != NULL;
    for (size_t chunk = 1; data && chunk <= 64 && same; chunk++) {
        csvchart_error e = {0};
        csvchart_table_reader *r;
        csvchart_status s = csvchart_table_reader_new(csv, NULL, &r, &e);
        for (size_t i = 0; s == CSVCHART_OK && i < len; i += chunk) {
            s = csvchart_table_reader_feed(r, data + i, len - i < chunk ? len - i : chunk, &e);
        }
        csvchart_table *t2 = NULL;
        if (s == CSVCHART_OK) {
            s = csvchart_table_reader_finish(r, &t2, &e);
        }
        csvchart_table_reader_free(r);
        csvchart_table_free(t2);
        if (strcmp(csvchart_error_text(&e), want) != 0) {
            fprintf(stderr, "%s at chunk size %zu: %s\n", csv, chunk, csvchart_error_text(&e));
            same = false;
        }
    }
    CHECK(same);
    free(data);
    free(want);
}

static void test_corpus(void)
{
    CHECK(chdir(CSVCHART_SOURCE_DIR) == 0);
    DIR *dir = opendir("tests/bad");
    CHECK(dir != NULL);
    if (!dir) {
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".csv") != 0) {
            continue;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **p = realloc(names, cap * sizeof *names);
            if (!p) {
                break;
            }
            names = p;
        }
        names[n] = malloc(len - 3);
        if (!names[n]) {
            break;
        }
        memcpy(names[n], e->d_name, len - 4);
        names[n][len - 4] = '\0';
        n++;
    }
    closedir(dir);
    if (n) {
        qsort(names, n, sizeof *names, by_name);
    }
    CHECK(n >= MIN_CASES);
    for (size_t i = 0; i < n; i++) {
        check_file(names[i]);
        free(names[i]);
    }
    free(names);
}

/* A file that cannot be opened is an I/O error naming it. */
static void test_missing_file(void)
{
    csvchart_error err = {0};
    csvchart_table *t = NULL;
    CHECK_INT(csvchart_table_read_file("tests/bad/no such file.csv", NULL, &t, &err),
              CSVCHART_ERROR_IO);
    CHECK(t == NULL);
    CHECK_STR(csvchart_error_text(&err),
              "tests/bad/no such file.csv: cannot open the file: no such file or directory");
}

int main(void)
{
    RUN(test_corpus);
    RUN(test_missing_file);
    return harness_done();
}
