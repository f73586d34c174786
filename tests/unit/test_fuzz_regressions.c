/*
 * test_fuzz_regressions.c - every fuzz input we keep, run through the fuzzers' own entry code
 * in the ordinary test suite (gcc, and the ASan build), without clang or libFuzzer.
 *
 * For each target (csv, number, ini, render, syntax, read, theme, figure) it feeds every file of
 * tests/fuzz/corpus/TARGET/ (the seeds) and tests/fuzz/regressions/TARGET/ (inputs that once
 * crashed or broke a contract, kept after the fix) to csvchart_fuzz_TARGET() from
 * tests/fuzz/fuzz_entry.c, which is compiled into this test (included below, so the test needs no
 * build rule of its own). An input fails the test when the entry reports a broken contract; a
 * crash, a leak or undefined behaviour fails it under the sanitizers (CSVCHART_SANITIZE=ON) or
 * valgrind.
 *
 * The INI target needs src/cli/ini.c linked in: with CSVCHART_FUZZ_INI defined
 * (and both linked) its files run too; without, they are counted and reported as skipped.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "render.h"

#include "fuzz/fuzz_entry.c" // the very code the fuzzers run

#ifndef CSVCHART_SOURCE_DIR
#error "CSVCHART_SOURCE_DIR must name the source folder"
#endif

/* Fewer seed files than this for a target means the corpus went missing. */
#define MIN_CORPUS 5

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap) {
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
    bool bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs every regular file of `dir` (in name order) through `entry`; returns how many. */
static size_t run_dir(const char *dir, int (*entry)(const uint8_t *, size_t))
{
    DIR *d = opendir(dir);
    if (!d) {
        return 0; // an empty regressions folder is not in git
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.') {
            continue;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **p = realloc(names, cap * sizeof *names);
            CHECK(p != NULL);
            if (!p) {
                break;
            }
            names = p;
        }
        names[n] = malloc(strlen(de->d_name) + 1);
        CHECK(names[n] != NULL);
        if (!names[n]) {
            break;
        }
        strcpy(names[n], de->d_name);
        n++;
    }
    closedir(d);
    if (n) {
        qsort(names, n, sizeof *names, by_name);
    }
    for (size_t i = 0; i < n; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        size_t len = 0;
        char *data = slurp(path, &len);
        if (!data) {
            fprintf(stderr, "%s: cannot read\n", path);
        }
        CHECK(data != NULL);
        if (data) {
            int r = entry((const uint8_t *)data, len);
            if (r != 0) {
                fprintf(stderr, "%s: the input above broke a contract\n", path);
            }
            CHECK_INT(r, 0);
        }
        free(data);
        free(names[i]);
    }
    free(names);
    return n;
}

/* How many files `dir` holds, without running them. */
static size_t count_dir(const char *dir)
{
    DIR *d = opendir(dir);
    size_t n = 0;
    struct dirent *de;
    while (d && (de = readdir(d)) != NULL) {
        n += de->d_name[0] != '.';
    }
    if (d) {
        closedir(d);
    }
    return n;
}

static void run_target(const char *target, int (*entry)(const uint8_t *, size_t), bool linked)
{
    char corpus[512], regressions[512];
    snprintf(corpus, sizeof corpus, "%s/tests/fuzz/corpus/%s", CSVCHART_SOURCE_DIR, target);
    snprintf(regressions, sizeof regressions, "%s/tests/fuzz/regressions/%s", CSVCHART_SOURCE_DIR,
             target);
    if (!linked) {
        size_t n = count_dir(corpus) + count_dir(regressions);
        printf("%s: %zu files skipped (this build does not link the INI reader into the test)\n",
               target, n);
        CHECK(count_dir(corpus) >= MIN_CORPUS);
        return;
    }
    size_t nc = run_dir(corpus, entry);
    size_t nr = run_dir(regressions, entry);
    printf("%s: %zu corpus files, %zu regression files\n", target, nc, nr);
    if (nc < MIN_CORPUS) {
        fprintf(stderr, "%s: only %zu files; is the corpus missing?\n", corpus, nc);
    }
    CHECK(nc >= MIN_CORPUS);
}

static void test_csv(void)
{
    run_target("csv", csvchart_fuzz_csv, true);
}

static void test_number(void)
{
    run_target("number", csvchart_fuzz_number, true);
}

static void test_ini(void)
{
    run_target("ini", csvchart_fuzz_ini, csvchart_fuzz_have_ini());
}

static void test_render(void)
{
    run_target("render", csvchart_fuzz_render, true);
}

static void test_syntax(void)
{
    run_target("syntax", csvchart_fuzz_syntax, true);
}

static void test_read(void)
{
    run_target("read", csvchart_fuzz_read, true);
}

static void test_theme(void)
{
    run_target("theme", csvchart_fuzz_theme, true);
}

static void test_figure(void)
{
    run_target("figure", csvchart_fuzz_figure, true);
}

/* The entries must notice what they check: a table read in pieces that differs from the whole
 * is caught (tables_equal), and so is an impossible date (date_sane). */
static void test_oracles_can_fail(void)
{
    csvchart_error e = {0};
    csvchart_table *a = NULL, *b = NULL;
    CHECK_INT(csvchart_table_read("x.csv", "a,b\n1,2\n", 8, NULL, &a, &e), CSVCHART_OK);
    CHECK_INT(csvchart_table_read("x.csv", "a,b\n1,3\n", 8, NULL, &b, &e), CSVCHART_OK);
    if (a && b) {
        fprintf(stderr, "(a contract-broken message is expected here)\n");
        CHECK_INT(tables_equal(a, b), 1);
        CHECK_INT(tables_equal(a, a), 0);
    }
    csvchart_table_free(a);
    csvchart_table_free(b);
    struct date_value d = {.days = 0, .precision = DATE_DAY, .year = 1970, .month = 1, .day = 1};
    CHECK_INT(date_sane(&d), 0);
    d.day = 32;
    fprintf(stderr, "(a contract-broken message is expected here)\n");
    CHECK_INT(date_sane(&d), 1);
}

int main(void)
{
    RUN(test_oracles_can_fail);
    RUN(test_csv);
    RUN(test_number);
    RUN(test_ini);
    RUN(test_render);
    RUN(test_syntax);
    RUN(test_read);
    RUN(test_theme);
    RUN(test_figure);
    csvchart_render_release_thread_fonts();
    return harness_done();
}
