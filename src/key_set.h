/*
 * key_set.h - a hash set of byte strings, each with a value (key_set.c).
 *
 * What the aggregator (aggregate_fold.c) looks rows up by: a row's key, its x within a facet,
 * a group or facet value. The set keeps its own copy of every key's bytes, so the rows it was
 * filled from may be gone. Open addressing at a load of at most 1/2; a lookup is
 *
 *   csvchart_key_set_reserve(s)          room for one more key (slots may move: look up after)
 *   csvchart_key_set_find(s, k, ..., &i) true: slot i holds k; false: k would go in slot i
 *   csvchart_key_set_put(s, i, k, ...)   puts k there (only right after a find that failed)
 *
 * A key's value is s->slots[i].value.
 */
#ifndef CSVCHART_KEY_SET_H
#define CSVCHART_KEY_SET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct key_slot {
    uint64_t hash;
    size_t offset, len; /* the key's bytes: bytes + offset */
    size_t value;
    bool used;
};

struct key_set {
    struct key_slot *slots;
    size_t cap, len; /* slots; keys */
    char *bytes;
    size_t bytes_len, bytes_cap;
};

/* The hash of `len` bytes: every byte reaches every bit (the set picks slots by low bits). */
uint64_t csvchart_key_hash(const char *s, size_t len);
/* Makes room for one more key; false when out of memory. */
bool csvchart_key_set_reserve(struct key_set *s);
/* Finds key k (len bytes, hash h) in a set with room (reserve()); *slot: see the top. */
bool csvchart_key_set_find(const struct key_set *s, const char *k, size_t len, uint64_t h,
                           size_t *slot);
/* Puts k (copied) in the free slot i; false when out of memory. */
bool csvchart_key_set_put(struct key_set *s, size_t i, const char *k, size_t len, uint64_t h,
                          size_t value);
void csvchart_key_set_fini(struct key_set *s);

#endif
