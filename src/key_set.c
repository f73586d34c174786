/*
 * key_set.c - a hash set of byte strings with values (see key_set.h).
 *
 * Linear probing over a power-of-two table at most half full; a slot holds its key's hash, so
 * that a probe compares bytes only when the hashes agree, and where the key's bytes are in the
 * set's own buffer, which only grows (keys are never removed).
 */
#include "key_set.h"

#include <stdlib.h>
#include <string.h>

#include "array.h"

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v;
    h *= 0x9E3779B97F4A7C15u;
    return h ^ (h >> 29);
}

uint64_t csvchart_key_hash(const char *s, size_t len)
{
    uint64_t h = 0x243F6A8885A308D3u;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t v;
        memcpy(&v, s + i, 8);
        h = mix(h, v);
    }
    /* The last 1-7 bytes: the last 8 bytes again when there are 8 (a copy of a variable
     * length to the stack stalled the load that follows it), else byte by byte. */
    uint64_t tail = 0;
    if (i < len && len >= 8) {
        memcpy(&tail, s + len - 8, 8);
    } else {
        for (size_t k = i; k < len; k++) {
            tail = tail << 8 | (unsigned char)s[k];
        }
    }
    h = mix(h, tail ^ ((uint64_t)len << 56));
    /* A final avalanche (MurmurHash3's), so that every input bit reaches the low bits that
     * pick a slot. */
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDu;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53u;
    return h ^ (h >> 33);
}

bool csvchart_key_set_reserve(struct key_set *s)
{
    if (s->len + 1 <= s->cap / 2) {
        return true;
    }
    size_t cap = s->cap ? s->cap * 2 : 1024;
    struct key_slot *slots = calloc(cap, sizeof *slots);
    if (!slots) {
        return false;
    }
    for (size_t i = 0; i < s->cap; i++) {
        if (s->slots[i].used) {
            size_t j = s->slots[i].hash & (cap - 1);
            while (slots[j].used) {
                j = (j + 1) & (cap - 1);
            }
            slots[j] = s->slots[i];
        }
    }
    free(s->slots);
    s->slots = slots;
    s->cap = cap;
    return true;
}

bool csvchart_key_set_find(const struct key_set *s, const char *k, size_t len, uint64_t h,
                           size_t *slot)
{
    size_t mask = s->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        const struct key_slot *sl = &s->slots[i];
        if (!sl->used ||
            (sl->hash == h && sl->len == len && memcmp(s->bytes + sl->offset, k, len) == 0)) {
            *slot = i;
            return sl->used;
        }
    }
}

bool csvchart_key_set_put(struct key_set *s, size_t i, const char *k, size_t len, uint64_t h,
                          size_t value)
{
    if (!csvchart_array_reserve((void **)&s->bytes, &s->bytes_cap, s->bytes_len + len + 1, 1)) {
        return false;
    }
    memcpy(s->bytes + s->bytes_len, k, len);
    s->slots[i] = (struct key_slot){h, s->bytes_len, len, value, true};
    s->bytes_len += len;
    s->len++;
    return true;
}

void csvchart_key_set_fini(struct key_set *s)
{
    free(s->slots);
    free(s->bytes);
    memset(s, 0, sizeof *s);
}
