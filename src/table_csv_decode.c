/*
 * table_csv_decode.c - the reader's decoding stage: a file in another encoding than UTF-8 is
 * converted to UTF-8 before anything else reads it, so the rest of the reader (and every
 * position it records) sees UTF-8. Conversion is glibc's iconv (WINDOWS-1252 for Latin-1:
 * ISO-8859-1's superset, where 0x80-0x9F are € ‚ „ … instead of control codes; UTF-16LE or
 * UTF-16BE after the byte order mark). Deciding may need a few bytes first (a byte order mark,
 * auto's first non-ASCII character): those are held in r->held, so the input may be cut
 * anywhere, as for UTF-8. The UTF-8 made goes to the byte loop (table_csv_scan.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table_csv_reader.h"

/* Fails at the position of the next character (the header's bytes read first, so that the
 * position is known). */
static void fail_here(struct csvchart_csv_reader *r, const char *msg)
{
    if (r->phase == PHASE_HEADER_SCAN && r->e.status == CSVCHART_OK) {
        csvchart_csv_conclude_header(r);
    }
    if (r->e.status == CSVCHART_OK) {
        csvchart_csv_fail(r, CSVCHART_ERROR_DATA, r->pos, "%s", msg);
    }
}

static void start_iconv(struct csvchart_csv_reader *r, const char *from)
{
    r->cd = iconv_open("UTF-8", from);
    if (r->cd == (iconv_t)-1) {
        csvchart_csv_fail(r, CSVCHART_ERROR_IO, (struct pos){0, 0, 0},
                          "cannot convert from %s: this system's iconv has no such conversion",
                          from);
        return;
    }
    r->dec = DEC_ICONV;
}

/* Converts bytes [s, s+len) (after any carried from the last feed) and feeds the UTF-8. */
static void convert(struct csvchart_csv_reader *r, const unsigned char *s, size_t len)
{
    size_t total = r->nheld + len;
    unsigned char *in = malloc(total ? total : 1);
    if (!in) {
        fail_nomem(r);
        return;
    }
    memcpy(in, r->held, r->nheld);
    if (len) {
        memcpy(in + r->nheld, s, len);
    }
    r->nheld = 0;
    char *ip = (char *)in;
    size_t left = total;
    while (left > 0 && r->e.status == CSVCHART_OK) {
        char out[8192];
        char *op = out;
        size_t room = sizeof out;
        size_t got = iconv(r->cd, &ip, &left, &op, &room);
        int e = errno;
        csvchart_csv_feed_utf8(r, (const unsigned char *)out, (size_t)(op - out));
        if (got != (size_t)-1 || e == E2BIG) {
            continue;
        }
        if (e == EINVAL && left < sizeof r->held) { /* a character cut by the feed: later */
            memcpy(r->held, ip, left);
            r->nheld = left;
            break;
        }
        char msg[160];
        if (r->enc == ENCODING_UTF16) {
            snprintf(msg, sizeof msg,
                     "invalid UTF-16 (an unpaired surrogate); the file is not UTF-16 throughout");
        } else {
            snprintf(msg, sizeof msg,
                     "byte 0x%02x is not a character in Windows-1252 (Latin-1); the file is in "
                     "another encoding",
                     (unsigned char)*ip);
        }
        fail_here(r, msg);
        break;
    }
    free(in);
}

/* 1: the bytes start a whole UTF-8 character; 0: they may, more are needed; -1: they do not. */
static int utf8_start(const unsigned char *b, size_t n)
{
    unsigned char c = b[0];
    size_t need = c >= 0xC2 && c <= 0xDF   ? 2
                  : c >= 0xE0 && c <= 0xEF ? 3
                  : c >= 0xF0 && c <= 0xF4 ? 4
                                           : 0;
    if (!need) {
        return -1;
    }
    unsigned char lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
    unsigned char hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
    for (size_t i = 1; i < need; i++) {
        if (i >= n) {
            return 0;
        }
        if (b[i] < (i == 1 ? lo : 0x80) || b[i] > (i == 1 ? hi : 0xBF)) {
            return -1;
        }
    }
    return 1;
}

/* Decides on the bytes held (at_end: no more will come): may switch r->dec. */
static void decide(struct csvchart_csv_reader *r, bool at_end)
{
    const unsigned char *h = r->held;
    size_t n = r->nheld;
    bool utf16_bom = n >= 2 && ((h[0] == 0xFF && h[1] == 0xFE) || (h[0] == 0xFE && h[1] == 0xFF));
    bool utf8_bom = n >= 3 && h[0] == 0xEF && h[1] == 0xBB && h[2] == 0xBF;
    bool start = !r->decided_ascii;
    if (r->enc == ENCODING_UTF16 || (r->enc == ENCODING_AUTO && start)) {
        if (n < 2 && !at_end) {
            return;
        }
        if (utf16_bom) {
            const char *from = h[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
            r->enc = ENCODING_UTF16;
            r->had_bom = true;
            memmove(r->held, h + 2, n - 2);
            r->nheld = n - 2;
            start_iconv(r, from);
            return;
        }
        if (r->enc == ENCODING_UTF16) {
            csvchart_csv_fail(
                r, CSVCHART_ERROR_DATA, (struct pos){1, 1, 0},
                "file does not start with a UTF-16 byte order mark (FF FE or FE FF); expected "
                "one with encoding = utf-16 (for a UTF-8 file, set encoding = utf-8)");
            return;
        }
    }
    if (r->enc == ENCODING_LATIN1 && start) {
        if (n < 3 && !at_end && (n == 0 || h[0] == 0xEF) && (n < 2 || h[1] == 0xBB)) {
            return;
        }
        if (utf8_bom) {
            csvchart_csv_fail(
                r, CSVCHART_ERROR_DATA, (struct pos){1, 1, 0},
                "file starts with a UTF-8 byte order mark, but encoding = latin1; set encoding "
                "= utf-8 (or auto)");
            return;
        }
        r->decided_ascii = true;
        start_iconv(r, "WINDOWS-1252");
        return;
    }
    /* auto, no UTF-16 byte order mark: ASCII goes on as it is; the first other byte decides */
    size_t i = 0;
    while (i < n && h[i] < 0x80) {
        i++;
    }
    if (i > 0) {
        r->decided_ascii = true;
        csvchart_csv_feed_utf8(r, h, i);
        memmove(r->held, h + i, n - i);
        r->nheld = n -= i;
    }
    if (n == 0) {
        return;
    }
    int v = utf8_start(r->held, n);
    if (v == 0 && !at_end) {
        return;
    }
    if (v == 1) { /* UTF-8 (a byte order mark too): the usual reader from here on */
        r->enc = ENCODING_UTF8;
        r->dec = DEC_UTF8;
        unsigned char keep[8];
        memcpy(keep, r->held, n);
        r->nheld = 0;
        csvchart_csv_feed_utf8(r, keep, n);
        return;
    }
    r->enc = ENCODING_LATIN1;
    start_iconv(r, "WINDOWS-1252");
}

/* Gives bytes to the decoding stage (see above). */
void csvchart_csv_decode(struct csvchart_csv_reader *r, const unsigned char *s, size_t len)
{
    while (len > 0 && r->dec == DEC_DECIDE && r->e.status == CSVCHART_OK) {
        if (r->enc == ENCODING_AUTO && r->decided_ascii && r->nheld == 0 && *s < 0x80) {
            size_t i = 0;
            while (i < len && s[i] < 0x80) {
                i++;
            }
            csvchart_csv_feed_utf8(r, s, i);
            s += i;
            len -= i;
            continue;
        }
        r->held[r->nheld++] = *s++;
        len--;
        decide(r, false);
    }
    if (r->e.status != CSVCHART_OK || (len == 0 && (r->dec != DEC_ICONV || !r->nheld))) {
        return;
    }
    if (r->dec == DEC_UTF8) {
        csvchart_csv_feed_utf8(r, s, len);
    } else if (r->dec == DEC_ICONV) {
        convert(r, s, len);
    }
}

void csvchart_csv_decode_end(struct csvchart_csv_reader *r)
{
    if (r->e.status == CSVCHART_OK && r->dec == DEC_DECIDE) {
        decide(r, true);
        if (r->e.status == CSVCHART_OK && r->dec == DEC_ICONV) {
            convert(r, NULL, 0);
        }
    }
    if (r->e.status == CSVCHART_OK && r->dec == DEC_ICONV && r->nheld) {
        convert(r, NULL, 0);
    }
    if (r->e.status == CSVCHART_OK && r->dec == DEC_ICONV && r->nheld) {
        fail_here(r, "file ends inside a UTF-16 character; the file is cut short");
    }
}
