/*
 * harness.h - the tiny unit-test harness (after cmark's api_test/harness.c).
 *
 *     #include "harness.h"
 *     static void test_parse(void) { CHECK_INT(1 + 1, 2); CHECK_STR(s, "x"); }
 *     int main(void) { RUN(test_parse); return harness_done(); }
 *
 * Each failed check prints "file:line: got ..., expected ..."; harness_done() prints
 * "N passed, N failed" and returns the exit status (0 only when nothing failed).
 */
#ifndef CSVCHART_HARNESS_H
#define CSVCHART_HARNESS_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int harness_passed, harness_failed;

#define HARNESS_REPORT(ok, ...)                                                                    \
    do {                                                                                           \
        if (ok) {                                                                                  \
            harness_passed++;                                                                      \
        } else {                                                                                   \
            harness_failed++;                                                                      \
            fprintf(stderr, "%s:%d: ", __FILE__, __LINE__);                                        \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
        }                                                                                          \
    } while (0)

#define CHECK(cond) HARNESS_REPORT((cond), "check failed: %s", #cond)
#define CHECK_INT(got, want)                                                                       \
    do {                                                                                           \
        long long g_ = (long long)(got), w_ = (long long)(want);                                   \
        HARNESS_REPORT(g_ == w_, "%s: got %lld, expected %lld", #got, g_, w_);                     \
    } while (0)
#define CHECK_DBL(got, want, tol)                                                                  \
    do {                                                                                           \
        double g_ = (got), w_ = (want);                                                            \
        HARNESS_REPORT(fabs(g_ - w_) <= (tol), "%s: got %.17g, expected %.17g", #got, g_, w_);     \
    } while (0)
#define CHECK_STR(got, want)                                                                       \
    do {                                                                                           \
        const char *g_ = (got), *w_ = (want);                                                      \
        HARNESS_REPORT(g_ &&w_ &&strcmp(g_, w_) == 0, "%s: got \"%s\", expected \"%s\"", #got,     \
                       g_ ? g_ : "(null)", w_ ? w_ : "(null)");                                    \
    } while (0)

#define RUN(fn)                                                                                    \
    do {                                                                                           \
        fn();                                                                                      \
    } while (0)

static inline int harness_done(void)
{
    printf("%d passed, %d failed\n", harness_passed, harness_failed);
    return harness_failed ? 1 : 0;
}

#endif
