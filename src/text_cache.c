/*
 * text_cache.c - the measurement cache of the Pango measurer (text_pango.c): an
 * open-addressing hash table of measurements over one arena holding their strings, of any
 * length. It grows with what it holds, doubling at half load from CACHE_MIN slots, up to
 * CACHE_MAX; past that it starts again empty. Nothing here knows Pango: a measurement is a
 * struct text_metrics and a count of missing glyphs, keyed by the bytes, the size and the
 * weight (the family is the measurer's business: it empties the cache when the family
 * changes).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "text_cache.h"

/* A small figure measures a few dozen texts and sizes: 128 slots of 72 bytes start it in 9 KB;
 * 1,024 were 72 KB of zeroed pages, 17 of an SVG run's page faults (2.5 us each here). */
#define CACHE_MIN 128
#define CACHE_MAX (1u << 20)

uint64_t csvchart_text_cache_hash(const struct text_style *style, const char *s, size_t len)
{
    /* Eight bytes a step: FNV-1a's byte a step was a tenth of a large timeline's layout
     * (every candidate line is looked up). Equal keys give equal hashes whatever the
     * machine; the values may differ between machines, which changes nothing but where an
     * entry sits. */
    const uint64_t k = 0x9E3779B97F4A7C15u;
    uint64_t h = 0x243F6A8885A308D3u ^ len, w;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        memcpy(&w, s + i, 8);
        h = (h ^ w) * k;
        h ^= h >> 31;
    }
    w = 0;
    memcpy(&w, s + i, len - i);
    h = (h ^ w) * k;
    h ^= h >> 31;
    _Static_assert(sizeof style->size_px == sizeof w, "a double is 8 bytes");
    memcpy(&w, &style->size_px, sizeof w); /* sizes are compared exactly (slot()) */
    h = (h ^ w ^ (uint64_t)(uint32_t)style->weight << 48) * k;
    h ^= h >> 29;
    return h ? h : 1;
}

void csvchart_text_cache_clear(struct measure_cache *c)
{
    if (c->slots) {
        memset(c->slots, 0, c->cap * sizeof *c->slots);
    }
    c->used = 0;
    c->arena_len = 0;
}

void csvchart_text_cache_fini(struct measure_cache *c)
{
    free(c->slots);
    free(c->arena);
    memset(c, 0, sizeof *c);
}

/* The slot holding the key, or the empty slot where it would go (NULL without a table). */
struct cached *csvchart_text_cache_slot(const struct measure_cache *c, uint64_t h,
                                        const struct text_style *style, const char *s, size_t len)
{
    if (!c->cap) {
        return NULL;
    }
    for (size_t i = (size_t)h & (c->cap - 1);; i = (i + 1) & (c->cap - 1)) {
        struct cached *e = &c->slots[i];
        if (!e->hash ||
            (e->hash == h && e->len == len && e->size_px == style->size_px &&
             e->weight == style->weight && (len == 0 || memcmp(c->arena + e->off, s, len) == 0))) {
            return e;
        }
    }
}

/* Makes room for one more entry: doubles the table at half load. False when it cannot. */
static bool cache_grow(struct measure_cache *c)
{
    if (c->used + 1 <= c->cap / 2) {
        return true;
    }
    if (c->cap >= CACHE_MAX) {
        csvchart_text_cache_clear(c);
        return true;
    }
    size_t ncap = c->cap ? c->cap * 2 : CACHE_MIN;
    struct cached *ns = calloc(ncap, sizeof *ns);
    if (!ns) {
        return false;
    }
    for (size_t i = 0; i < c->cap; i++) {
        if (c->slots[i].hash) {
            size_t j = (size_t)c->slots[i].hash & (ncap - 1);
            while (ns[j].hash) {
                j = (j + 1) & (ncap - 1);
            }
            ns[j] = c->slots[i];
        }
    }
    free(c->slots);
    c->slots = ns;
    c->cap = ncap;
    return true;
}

void csvchart_text_cache_put(struct measure_cache *c, uint64_t h, const struct text_style *style,
                             const char *s, size_t len, const struct text_metrics *m,
                             size_t unknown)
{
    if (!cache_grow(c) ||
        !csvchart_array_reserve((void **)&c->arena, &c->arena_cap, c->arena_len + len + 1, 1)) {
        return;
    }
    struct cached *e = csvchart_text_cache_slot(c, h, style, s, len);
    memcpy(c->arena + c->arena_len, s, len);
    *e = (struct cached){.hash = h,
                         .off = c->arena_len,
                         .len = len,
                         .size_px = style->size_px,
                         .weight = style->weight,
                         .m = *m,
                         .unknown = unknown < UINT32_MAX ? (uint32_t)unknown : UINT32_MAX};
    c->arena_len += len;
    c->used++;
}
