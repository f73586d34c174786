/*
 * array.h - overflow-checked growth for {items, len, cap} arrays (STYLE.md section 3).
 *
 *     struct { int *items; size_t len, cap; } a = {0};
 *     if (!csvchart_array_reserve((void **)&a.items, &a.cap, a.len + 1, sizeof *a.items))
 *         return csvchart_error_nomem(err);
 *     a.items[a.len++] = 42;
 */
#ifndef CSVCHART_ARRAY_H
#define CSVCHART_ARRAY_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Makes room for at least `need` items of `size` bytes in *items (capacity *cap), growing
 * geometrically. Returns false, leaving *items and *cap unchanged, on overflow or when out of
 * memory.
 */
bool csvchart_array_reserve(void **items, size_t *cap, size_t need, size_t size);

/* strdup that accepts NULL (returns NULL) - C11 has no strdup. */
char *csvchart_strdup(const char *s);
/* A copy of the first n bytes of s, NUL-terminated; NULL when out of memory. */
char *csvchart_strndup(const char *s, size_t n);

#endif
