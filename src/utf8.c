/*
 * utf8.c - the library's UTF-8 decoder, and text quoted for messages (utf8.h). Table 3-7 of the
 * Unicode standard: the lead byte gives the length and the range of the second byte, which excludes
 * overlong forms, surrogates and code points above U+10FFFF in one comparison.
 */
#include "utf8.h"

#include <stdio.h>
#include <string.h>

size_t csvchart_utf8_char(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (len == 0) {
        return 0;
    }
    unsigned b = u[0];
    if (b < 0x80) {
        *cp = b;
        return 1;
    }
    size_t n = b >= 0xC2 && b <= 0xDF   ? 2
               : b >= 0xE0 && b <= 0xEF ? 3
               : b >= 0xF0 && b <= 0xF4 ? 4
                                        : 0;
    unsigned lo = b == 0xE0 ? 0xA0 : b == 0xF0 ? 0x90 : 0x80;
    unsigned hi = b == 0xED ? 0x9F : b == 0xF4 ? 0x8F : 0xBF;
    if (n == 0 || len < n) {
        return 0;
    }
    uint32_t v = b & (0x7Fu >> n);
    for (size_t k = 1; k < n; k++) {
        unsigned c = u[k];
        if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xBF)) {
            return 0;
        }
        v = v << 6 | (c & 0x3Fu);
    }
    *cp = v;
    return n;
}

size_t csvchart_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
    size_t n = csvchart_utf8_char(s, len, cp);
    if (n == 0) {
        *cp = 0xFFFD;
        return 1;
    }
    return n;
}

size_t csvchart_utf8_trim(char *buf)
{
    size_t len = 0, lead;
    while (buf[len]) {
        len++;
    }
    lead = len;
    while (lead > 0 && ((unsigned char)buf[lead - 1] & 0xC0) == 0x80) {
        lead--;
    }
    if (lead == 0) {
        return len; /* nothing but continuation bytes: no character was started here */
    }
    unsigned b = (unsigned char)buf[--lead];
    size_t need = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
    if (lead + need > len) {
        buf[lead] = '\0';
        return lead;
    }
    return len;
}

bool csvchart_utf8_valid(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = csvchart_utf8_char(s + i, len - i, &cp);
        if (n == 0) {
            return false;
        }
        i += n;
    }
    return true;
}

void csvchart_utf8_quote(const char *s, size_t most, char *buf, size_t size)
{
    size_t n = 0;
    buf[n++] = '"';
    for (size_t i = 0; s[i];) {
        char piece[8];
        uint32_t cp;
        size_t k = csvchart_utf8_decode(s + i, strnlen(s + i, 4), &cp);
        if (cp == '"' || cp == '\\') {
            snprintf(piece, sizeof piece, "\\%c", (char)cp);
        } else if (cp == '\n' || cp == '\t' || cp == '\r') {
            snprintf(piece, sizeof piece, "\\%c", cp == '\n' ? 'n' : cp == '\t' ? 't' : 'r');
        } else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
            snprintf(piece, sizeof piece, "\\x%02x", (unsigned)cp);
        } else if (cp == 0xFFFD && k == 1) {
            snprintf(piece, sizeof piece, "\\x%02x", (unsigned char)s[i]); /* not UTF-8 */
        } else {
            memcpy(piece, s + i, k);
            piece[k] = '\0';
        }
        size_t len = strlen(piece);
        if (i >= most || n + len + 5 > size) {
            memcpy(buf + n, "...", 3);
            n += 3;
            break;
        }
        memcpy(buf + n, piece, len);
        n += len;
        i += k;
    }
    buf[n++] = '"';
    buf[n] = '\0';
}
