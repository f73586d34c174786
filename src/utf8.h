/*
 * utf8.h - UTF-8 and hashing helpers every module may use (utf8.c): one decoder for the
 * whole library, strict as RFC 3629 (no overlong forms, no surrogates, nothing above
 * U+10FFFF), and FNV-1a for the hashes that need no speed (ids, caches, interned names).
 */
#ifndef CSVCHART_UTF8_H
#define CSVCHART_UTF8_H

#include <stdbool.h>
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

/* True when s[0 .. len) is well-formed UTF-8 throughout (as csvchart_utf8_char()). */
bool csvchart_utf8_valid(const char *s, size_t len);

/*
 * Ends the NUL-terminated string buf on its last whole character: snprintf() cuts a text that
 * does not fit at a byte, and half a character (a month name in a locale, an en dash, a
 * no-break space) would make a label, the SVG or the text alternative invalid UTF-8. Returns
 * the new length.
 */
size_t csvchart_utf8_trim(char *buf);

/*
 * `s` quoted for a message, in double quotes: " and \ escaped, controls as \n, \t, \r or
 * \xNN (so a message stays on one line, whatever a cell holds), a malformed byte as U+FFFD's
 * character, cut after `most` bytes of s at a character's end ("..."). buf holds at least 8.
 */
void csvchart_utf8_quote(const char *s, size_t most, char *buf, size_t size);

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
