/*
 * array.c - growth of caller-owned arrays and string copies (see array.h).
 */
#include "array.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

bool csvchart_array_reserve(void **items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) {
        return true;
    }
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2) {
            return false;
        }
        ncap *= 2;
    }
    if (size && ncap > SIZE_MAX / size) {
        return false;
    }
    void *p = realloc(*items, ncap * size);
    if (!p) {
        return false;
    }
    *items = p;
    *cap = ncap;
    return true;
}

char *csvchart_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p) {
        return NULL;
    }
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *csvchart_strdup(const char *s)
{
    return s ? csvchart_strndup(s, strlen(s)) : NULL;
}
