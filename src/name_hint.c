/*
 * name_hint.c - what a refused name could have been (see name_hint.h). ASCII letters compare
 * without case; other bytes as they are.
 */
#include "name_hint.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Whether `needle` occurs in `hay`, case aside. */
static bool holds(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *p = hay; n && strlen(p) >= n; p++) {
        size_t i = 0;
        while (i < n && lower(p[i]) == lower(needle[i])) {
            i++;
        }
        if (i == n) {
            return true;
        }
    }
    return false;
}

/* Levenshtein distance, case aside, of strings up to 64 bytes (else a large number). */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64) {
        return 1000;
    }
    size_t row[65];
    for (size_t j = 0; j <= lb; j++) {
        row[j] = j;
    }
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (lower(a[i - 1]) != lower(b[j - 1]));
            best = up + 1 < best ? up + 1 : best;
            best = row[j - 1] + 1 < best ? row[j - 1] + 1 : best;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

/* The one near match, or NULL when there is none or several of the closest kind. */
static const char *near_match(const char *wanted, name_at_fn name_at, const void *ctx, size_t n)
{
    size_t len = strlen(wanted), slips = len < 4 ? 0 : len < 9 ? 1 : 2;
    const char *best = NULL;
    int best_kind = 4; /* 0: case, 1: holds or held, 2: slips; 3: none */
    bool tie = false;
    for (size_t i = 0; i < n; i++) {
        const char *s = name_at(ctx, i);
        if (!s || !*s) {
            continue;
        }
        int kind = distance(s, wanted) == 0                             ? 0
                   : len >= 3 && (holds(s, wanted) || holds(wanted, s)) ? 1
                   : slips && distance(s, wanted) <= slips              ? 2
                                                                        : 3;
        if (kind < best_kind) {
            best = s, best_kind = kind, tie = false;
        } else if (kind == best_kind && kind < 3) {
            tie = true;
        }
    }
    return best_kind < 3 && !tie ? best : NULL;
}

void csvchart_name_hint(const char *wanted, const char *noun, name_at_fn name_at, const void *ctx,
                        size_t n_names, char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    const char *near = near_match(wanted ? wanted : "", name_at, ctx, n_names);
    if (near) {
        int k = snprintf(buf, n, "did you mean \"%s\"? ", near);
        used = k < 0 ? 0 : (size_t)k < n ? (size_t)k : n - 1;
    }
    int k = snprintf(buf + used, n - used, "the %s are ", noun);
    used = k < 0 ? used : used + (size_t)k < n ? used + (size_t)k : n - 1;
    const size_t more = 24; /* room kept for " and 1234567 more" */
    for (size_t i = 0; i < n_names; i++) {
        const char *s = name_at(ctx, i);
        s = s ? s : "";
        size_t need = strlen(s) + 4; /* ", " and the quotes */
        if (used + need + more >= n) {
            snprintf(buf + used, n - used, " and %zu more", n_names - i);
            return;
        }
        used += (size_t)snprintf(buf + used, n - used, "%s\"%s\"", i ? ", " : "", s);
    }
}

bool csvchart_name_split(const char *what, const char *first, const char *next, name_at_fn name_at,
                         const void *ctx, size_t n_names, char *buf, size_t n)
{
    if (!first || !next) {
        return false;
    }
    static const char *const seps[] = {", ", ","};
    for (size_t k = 0; k < 2; k++) {
        size_t lf = strlen(first), ls = strlen(seps[k]), ln = strlen(next);
        for (size_t i = 0; i < n_names; i++) {
            const char *s = name_at(ctx, i);
            if (s && strlen(s) == lf + ls + ln && strncmp(s, first, lf) == 0 &&
                strncmp(s + lf, seps[k], ls) == 0 && strcmp(s + lf + ls, next) == 0) {
                snprintf(buf, n,
                         "%s: \"%s\" and \"%s\" are one name, \"%s\", split at its comma; "
                         "write it in double quotes (on the command line: '\"%s\"')",
                         what, first, next, s, s);
                return true;
            }
        }
    }
    return false;
}
