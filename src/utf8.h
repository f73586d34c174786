/*
 * utf8.h - UTF-8 and hashing helpers every module may use (utf8.c): one decoder for the
 * whole library, strict as RFC 3629 (no overlong forms, no surrogates, nothing above
 * U+10FFFF), and FNV-1a for the hashes that need no speed (ids, caches, interned names).
 */
#ifndef CSVCHART_UTF8_H
#define CSVCHART_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * The character at s[0 .. len): its length in bytes (1..4) with *cp set, or 0 when the bytes
 * there are not a well-formed UTF-8 sequence (or len is 0).
 */
size_t csvchart_utf8_char(const char *s, size_t len, uint32_t *cp);

/*
 * The same for text that is shown whatever it holds: a malformed or truncated sequence
 * decodes as U+FFFD with length 1, so a loop always advances (len >= 1).
 */
size_t csvchart_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* FNV-1a, 64 bits: start from CSVCHART_FNV_OFFSET and feed bytes; the result depends only on
 * the bytes (not on the machine). */
#define CSVCHART_FNV_OFFSET 0xcbf29ce484222325ULL
#define CSVCHART_FNV_PRIME 0x100000001b3ULL

static inline uint64_t csvchart_fnv(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ p[i]) * CSVCHART_FNV_PRIME;
    }
    return h;
}

#endif
