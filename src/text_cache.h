/*
 * text_cache.h - the Pango measurer's measurement cache (text_cache.c; why the measurer
 * caches and what it keys on: text_pango.c). A measurement is found by its hash, bytes, size
 * and weight; the cache never fails: when it cannot grow it does not keep the entry, and past
 * its largest size it starts again empty.
 */
#ifndef CSVCHART_TEXT_CACHE_H
#define CSVCHART_TEXT_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "text.h"

struct cached {
    uint64_t hash;   /* 0 = empty slot */
    size_t off, len; /* the text: arena[off .. off + len) */
    double size_px;
    int weight;
    struct text_metrics m;
    uint32_t unknown; /* glyphs missing (drawn as boxes), up to UINT32_MAX */
};

struct measure_cache {
    struct cached *slots;
    size_t cap, used; /* cap is a power of two (or 0) */
    char *arena;
    size_t arena_len, arena_cap;
};

/* The key of a measurement: FNV-1a of the bytes, the size and the weight; never 0. */
uint64_t csvchart_text_cache_hash(const struct text_style *style, const char *s, size_t len);
/* Forgets every entry (the buffers stay). */
void csvchart_text_cache_clear(struct measure_cache *c);
/* Frees the buffers; *c is left empty. */
void csvchart_text_cache_fini(struct measure_cache *c);
/* The slot holding the key, or the empty slot where it would go (NULL without a table). */
struct cached *csvchart_text_cache_slot(const struct measure_cache *c, uint64_t h,
                                        const struct text_style *style, const char *s, size_t len);
/* Keeps a measurement and its count of missing glyphs; does nothing when out of memory. */
void csvchart_text_cache_put(struct measure_cache *c, uint64_t h, const struct text_style *style,
                             const char *s, size_t len, const struct text_metrics *m,
                             size_t unknown);

#endif
