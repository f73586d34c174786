/*
 * property.h - what the property tests over generated figures share (header-only, like
 * harness.h): a seeded xorshift generator (each test keeps its own state, so its cases do
 * not change when another test changes), the six sizes people use, a generated CSV with its
 * NAME, VALUE option pairs, and the files a failing case is saved to so that it can be run
 * again from the command line.
 */
#ifndef CSVCHART_TEST_PROPERTY_H
#define CSVCHART_TEST_PROPERTY_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The sizes of the layout contract: phone, square, social card, article, slide, 4K. */
static const char *const property_sizes[] = {"400x600",  "1080x1080", "1200x630",
                                             "1200x675", "1920x1080", "3840x2160"};

/* xorshift64: the next 32 bits of *state. */
static inline uint32_t property_next(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return (uint32_t)(*state >> 11);
}

/* A whole number in [lo, hi]. */
static inline int property_pick(uint64_t *state, int lo, int hi)
{
    return lo + (int)(property_next(state) % (uint32_t)(hi - lo + 1));
}

/* A number in [0, 1). */
static inline double property_unit(uint64_t *state)
{
    return (property_next(state) & 0xFFFFFF) / (double)0x1000000;
}

/* A generated case: CSV text and NAME, VALUE option pairs (NULL-terminated). */
struct property_case {
    char *csv;
    size_t len, cap;
    const char *opts[40];
    size_t nopts;
};

static inline void property_add(struct property_case *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Appends a formatted line (at most 511 bytes) to the CSV. */
static inline void property_add(struct property_case *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char line[512];
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (c->len + (size_t)n + 1 > c->cap) {
        c->cap = (c->len + (size_t)n + 1) * 2;
        c->csv = realloc(c->csv, c->cap);
    }
    memcpy(c->csv + c->len, line, (size_t)n + 1);
    c->len += (size_t)n;
}

static inline void property_opt(struct property_case *c, const char *name, const char *value)
{
    c->opts[c->nopts++] = name;
    c->opts[c->nopts++] = value;
    c->opts[c->nopts] = NULL;
}

/* Saves case k to BUILD/tests/FOLDER/case-K.csv and case-K.args (the options as flags). */
static inline void property_save(const struct property_case *c, const char *folder, size_t k)
{
    char dir[600], path[700];
    snprintf(dir, sizeof dir, "%s/tests/%s", CSVCHART_BINARY_DIR, folder);
    mkdir(dir, 0777);
    snprintf(path, sizeof path, "%s/case-%zu.csv", dir, k);
    FILE *f = fopen(path, "w");
    if (f) {
        fwrite(c->csv, 1, c->len, f);
        fclose(f);
    }
    snprintf(path, sizeof path, "%s/case-%zu.args", dir, k);
    f = fopen(path, "w");
    if (f) {
        for (size_t i = 0; c->opts[i]; i += 2) {
            fprintf(f, "'--%s=%s' ", c->opts[i], c->opts[i + 1]);
        }
        fputc('\n', f);
        fclose(f);
    }
}

#endif
