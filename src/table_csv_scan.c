/*
 * table_csv_scan.c - the reader's byte loop: every byte of UTF-8 passes here, first through
 * the header scan, then through process().
 *
 * The header scan holds back the first line (the header) to skip a UTF-8 byte order mark and
 * to pick the delimiter among , ; and tab by counting them outside quotes. process() then
 * keeps the position (line, column, offset) of the next byte, checks UTF-8, control
 * characters, noncharacters and NUL bytes so that those errors carry the exact byte's
 * position, follows each field just enough to know where it starts, whether it is inside
 * quotes and how long it is (max_field_bytes), and hands the bytes to libcsv
 * (table_csv_rows.c) in batches or in pieces, as the top of table_csv.c tells. scan_batch()
 * is the fast path of batch mode: plain ASCII read 8 bytes at a time with the reader's state
 * in local variables.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "table_csv_reader.h"

/* Spaces and tabs that libcsv drops around an unquoted field (a tab delimiter is not one). */
static bool is_blank(const struct csvchart_csv_reader *r, unsigned char b)
{
    return (b == ' ' || b == '\t') && b != (unsigned char)r->delim;
}

/*
 * Checks one byte for UTF-8 validity and NUL. Returns false with a message and the error's
 * position (the byte, or the start of its sequence) when it is bad.
 */
static bool check_byte(struct csvchart_csv_reader *r, unsigned char b, struct pos at, char *msg,
                       size_t size, struct pos *where)
{
    if (r->u_need == 0) {
        if (b == 0) {
            *where = at;
            snprintf(msg, size, "NUL byte in the data");
            return false;
        }
        if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
            /* XML 1.0 forbids the other C0 controls, so no SVG could hold them; and no text
             * means them (0x1A, a DOS end-of-file mark, is the usual one). */
            *where = at;
            snprintf(msg, size,
                     "control character 0x%02x in the data; expected text (tab and line ends "
                     "are the only control characters allowed)",
                     b);
            return false;
        }
        if (b < 0x80) {
            return true;
        }
        int need;
        unsigned char lo = 0x80, hi = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) {
            need = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            need = 2;
            lo = b == 0xE0 ? 0xA0 : 0x80; // below: overlong
            hi = b == 0xED ? 0x9F : 0xBF; // above: UTF-16 surrogates
        } else if (b >= 0xF0 && b <= 0xF4) {
            need = 3;
            lo = b == 0xF0 ? 0x90 : 0x80; // below: overlong
            hi = b == 0xF4 ? 0x8F : 0xBF; // above: beyond U+10FFFF
        } else {
            *where = at;
            snprintf(msg, size, "invalid UTF-8 byte 0x%02x%s%s", b,
                     b == 0xC0 || b == 0xC1 ? " (overlong encoding)"
                     : b < 0xC0             ? " (continuation byte without a lead byte)"
                                            : "",
                     LATIN1_HINT);
            return false;
        }
        r->u_need = need;
        r->u_total = need + 1;
        r->u_lo = lo;
        r->u_hi = hi;
        r->u_cp = b & (0x3Fu >> need);
        r->u_bytes[0] = b;
        r->u_len = 1;
        r->u_at = at;
        return true;
    }
    if (b >= r->u_lo && b <= r->u_hi) {
        r->u_bytes[r->u_len++] = b;
        r->u_cp = (r->u_cp << 6) | (b & 0x3Fu);
        r->u_lo = 0x80;
        r->u_hi = 0xBF;
        if (r->u_need == 1 &&
            ((r->u_cp >= 0xFDD0 && r->u_cp <= 0xFDEF) || (r->u_cp & 0xFFFE) == 0xFFFE)) {
            /* The 66 noncharacters: XML 1.0 forbids U+FFFE and U+FFFF, and cairo's PDF
             * writer refuses them all (it failed naming no file, line or column), so no
             * output may hold one. Unicode keeps them for a program's internal use. */
            *where = r->u_at;
            snprintf(msg, size,
                     "U+%04X in the data is not a character (a Unicode noncharacter, which "
                     "SVG or PDF cannot hold); expected text",
                     (unsigned)r->u_cp);
            return false;
        }
        if (--r->u_need == 0 && r->u_cp == 0xFEFF && r->v_set && !r->quoted &&
            r->vstart.offset == r->u_at.offset) {
            *where = r->u_at;
            snprintf(msg, size,
                     "byte order mark inside the data; expected one only at the "
                     "start of the file");
            return false;
        }
        return true;
    }
    *where = r->u_at;
    unsigned char lead = r->u_bytes[0];
    if (r->u_len == 1 && b >= 0x80 && b <= 0xBF) {
        snprintf(msg, size, "invalid UTF-8 sequence 0x%02x 0x%02x (%s)", lead, b,
                 lead == 0xED                   ? "UTF-16 surrogate"
                 : lead == 0xE0 || lead == 0xF0 ? "overlong encoding"
                                                : "code point above U+10FFFF");
    } else {
        snprintf(msg, size,
                 "invalid UTF-8 byte 0x%02x (starts a %d-byte sequence that is cut "
                 "short)%s",
                 lead, r->u_total, LATIN1_HINT);
    }
    return false;
}

static void advance(struct csvchart_csv_reader *r, unsigned char b)
{
    r->pos.offset++;
    if (b == '\r') {
        r->pos.line++;
        r->pos.col = 1;
        r->prev_cr = true;
    } else if (b == '\n') {
        if (!r->prev_cr) {
            r->pos.line++;
            r->pos.col = 1;
        }
        r->prev_cr = false;
    } else {
        r->pos.col++;
        r->prev_cr = false;
    }
}

static uint64_t load8(const unsigned char *p)
{
    uint64_t x;
    memcpy(&x, p, 8);
    return x;
}

/*
 * Whether any of 8 bytes is not plain (see plain[] in the reader): a byte below 0x21 or
 * above 0x7E, the quote or the delimiter. The usual bit tricks, exact for "is there any".
 */
static bool special8(uint64_t x, char delim)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t q = x ^ (ones * '"'), d = x ^ (ones * (unsigned char)delim), del = x ^ (ones * 0x7F);
    uint64_t zero = ((q - ones) & ~q) | ((d - ones) & ~d) | ((del - ones) & ~del);
    uint64_t below = (x - ones * 0x21) & ~x;
    return ((zero | below) & high) | (x & high);
}

/*
 * Where the run of plain bytes starting at s[i] (itself plain) ends: the first byte from i+1
 * that is not plain, or `stop`. Skips 8 bytes at a time while none of them needs attention.
 */
static size_t plain_run(const bool *plain, char delim, const unsigned char *s, size_t i,
                        size_t stop)
{
    size_t j = i + 1;
    while (j + 8 <= stop && !special8(load8(s + j), delim)) {
        j += 8;
    }
    while (j < stop && plain[s[j]]) {
        j++;
    }
    return j;
}

/* Where a run from s[i] must stop so that the field stays within max_field_bytes. */
static size_t run_stop(const struct csvchart_csv_reader *r, size_t raw_len, size_t i, size_t len)
{
    return len - i > r->max_field - raw_len ? i + (r->max_field - raw_len) : len;
}

/* Batches are given to libcsv after this many fields, so that the queue (12 KiB) stays in
 * the first-level cache between being written and being read. */
#define QUEUE_MAX 512

/*
 * The usual case of process(), in batch mode: printable ASCII, spaces, delimiters and line
 * ends, with the reader's state in local variables. It does what process() would do for
 * these bytes, giving the batch to libcsv every QUEUE_MAX fields (*piece moves), and stops
 * at the first other byte (a quote, a control or non-ASCII byte) or at a field about to pass
 * max_field_bytes. So in batch mode every delimiter and line end is read here. Returns the
 * index of the byte it stopped at.
 */
static size_t scan_batch(struct csvchart_csv_reader *r, const unsigned char *s, size_t i,
                         size_t len, size_t *piece)
{
    struct pos pos = r->pos, fstart = r->fstart, vstart = r->vstart;
    bool f_set = r->f_set, v_set = r->v_set, prev_cr = r->prev_cr;
    size_t raw_len = r->raw_len, row_fields = r->row_fields, max_field = r->max_field;
    const unsigned char delim = (unsigned char)r->delim;
    const bool *plain = r->plain;
    if (r->queue_cap < QUEUE_MAX + 1 && !csvchart_array_reserve((void **)&r->queue, &r->queue_cap,
                                                                QUEUE_MAX + 1, sizeof *r->queue)) {
        fail_nomem(r);
        return len;
    }
    struct pos *queue = r->queue;
    size_t qlen = r->queue_len;
    while (i < len) {
        if (qlen == QUEUE_MAX) {
            r->queue_len = qlen;
            csvchart_csv_feed_batch(r, s + *piece, i - *piece);
            *piece = i;
            qlen = 0;
            if (r->e.status != CSVCHART_OK) {
                break;
            }
        }
        unsigned char b = s[i];
        if (plain[b]) {
            if (raw_len >= max_field) {
                break;
            }
            size_t j = plain_run(plain, (char)delim, s, i, run_stop(r, raw_len, i, len));
            if (!f_set) {
                f_set = true;
                fstart = pos;
            }
            if (!v_set) {
                v_set = true;
                vstart = pos;
            }
            raw_len += j - i;
            pos.col += j - i;
            pos.offset += j - i;
            prev_cr = false;
            i = j;
        } else if (b == delim || b == '\n' || b == '\r') {
            if (b == delim || row_fields > 0 || v_set) {
                queue[qlen++] = v_set ? vstart : f_set ? fstart : pos;
            } else if ((b == '\r' || !prev_cr) && r->blank_lines + 1 > r->max_rows) {
                /* A blank line over the limit (the LF of a CRLF ends the same one): the rows
                 * queued before it reach libcsv first, as their errors come first. */
                r->queue_len = qlen;
                csvchart_csv_feed_batch(r, s + *piece, i - *piece);
                *piece = i;
                qlen = 0;
                if (r->e.status == CSVCHART_OK) {
                    csvchart_csv_blank_line(r, pos);
                }
                break;
            } else if (b == '\r' || !prev_cr) {
                r->blank_lines++;
            }
            pos.offset++;
            if (b == delim) {
                pos.col++;
                prev_cr = false;
                fstart = pos; // the next field starts right after the delimiter
                f_set = true;
                row_fields++;
            } else {
                if (b == '\r' || !prev_cr) {
                    pos.line++;
                    pos.col = 1;
                }
                prev_cr = b == '\r';
                f_set = false;
                row_fields = 0;
            }
            v_set = false;
            raw_len = 0;
            i++;
        } else if (b == ' ' || b == '\t') { // a blank (a tab delimiter was caught above)
            if (raw_len >= max_field) {
                break;
            }
            if (!f_set) {
                f_set = true;
                fstart = pos;
            }
            raw_len++;
            pos.col++;
            pos.offset++;
            prev_cr = false;
            i++;
        } else {
            break;
        }
    }
    r->pos = pos;
    r->fstart = fstart;
    r->vstart = vstart;
    r->f_set = f_set;
    r->v_set = v_set;
    r->quoted = false;
    r->nq = 0;
    r->prev_cr = prev_cr;
    r->raw_len = raw_len;
    r->row_fields = row_fields;
    r->queue_len = qlen;
    return i;
}

/* The main loop over the bytes after the header scan (see the top of table_csv.c). */
static void process(struct csvchart_csv_reader *r, const unsigned char *s, size_t len)
{
    size_t piece = 0; /* s[piece..i) is not with libcsv yet */
    struct pos piece_at = r->pos;
    char msg[256];
    struct pos where;
    for (size_t i = 0; i < len && r->e.status == CSVCHART_OK; i++) {
        if (r->batch && r->u_need == 0) {
            size_t k = scan_batch(r, s, i, len, &piece);
            if (r->e.status != CSVCHART_OK) {
                return;
            }
            if (k != i) {
                i = k - 1;
                continue;
            }
        }
        unsigned char b = s[i];
        if (r->plain[b] && r->u_need == 0 && r->raw_len < r->max_field) {
            /* A run of plain bytes (in a row being read in pieces), which can only start a
             * field's value or add to it (inside quotes or not), stopped short of
             * max_field_bytes so that the byte over the limit takes the path below and its
             * error. */
            size_t j = plain_run(r->plain, r->delim, s, i, run_stop(r, r->raw_len, i, len));
            if (!r->f_set) {
                r->f_set = true;
                r->fstart = r->pos;
            }
            if (!r->v_set) {
                r->v_set = true;
                r->vstart = r->pos;
                r->quoted = false;
                r->nq = 0;
            }
            r->raw_len += j - i;
            r->pos.col += j - i;
            r->pos.offset += j - i;
            r->prev_cr = false;
            i = j - 1;
            continue;
        }
        struct pos at = r->pos;
        if (!check_byte(r, b, at, msg, sizeof msg, &where)) {
            csvchart_csv_give(r, s + piece, i - piece,
                              piece_at); // an earlier error there comes first
            csvchart_csv_fail(r, CSVCHART_ERROR_DATA, where, "%s", msg);
            return;
        }
        if (b == '"' && r->batch) {
            /* A quote: libcsv catches up, and this row goes on in pieces. */
            csvchart_csv_give(r, s + piece, i - piece, piece_at);
            r->batch = false;
            piece = i;
            piece_at = at;
        }
        bool inq = in_quotes(r);
        bool brk = is_break(r, b);
        bool ends = brk && !inq; // this byte ends the field (or is a blank line's end)
        if (!r->f_set && b != '\r' && b != '\n') {
            r->f_set = true;
            r->fstart = at;
        }
        if (r->f_set && !ends) {
            /* max_field_bytes counts what the field holds: of a quoted field its content,
             * without the quotes around it (nor the blanks before them), a doubled quote
             * once. Counting the quotes refused a field of exactly the limit and misstated
             * its length. */
            size_t add = 1;
            if (!r->v_set && !is_blank(r, b)) {
                r->v_set = true;
                r->vstart = at;
                r->quoted = b == '"';
                r->nq = r->quoted;
                if (r->quoted) {
                    r->raw_len = add = 0;
                }
            } else if (r->quoted && b == '"') {
                r->nq++;
                add = r->nq & 1; // the second quote of a pair is one quote of content
            }
            if ((r->raw_len += add) > r->max_field) {
                csvchart_csv_give(r, s + piece, i - piece, piece_at);
                csvchart_csv_fail(r, CSVCHART_ERROR_LIMIT, field_pos(r),
                                  "field is longer than %zu bytes (max_field_bytes)%s",
                                  r->max_field, inq ? "; is a closing quote missing?" : "");
                return;
            }
        }
        r->lf_of_crlf = b == '\n' && r->prev_cr;
        advance(r, b);
        if (brk) { /* in pieces: in batch mode scan_batch() reads every break byte */
            csvchart_csv_feed_piece(r, s + piece, i + 1 - piece, piece_at);
            piece = i + 1;
            piece_at = r->pos;
            r->batch = r->row_fields == 0 && !r->f_set; // the row ended (or was blank)
        }
    }
    if (piece < len) {
        csvchart_csv_give(r, s + piece, len - piece, piece_at);
    }
}

/* ---- The header scan ----------------------------------------------------------------------- */

/* Ends the header scan: skips a BOM, picks the delimiter, and reads the held bytes. */
void csvchart_csv_conclude_header(struct csvchart_csv_reader *r)
{
    size_t skip = 0;
    if (r->hlen >= 2 && ((r->hbuf[0] == 0xFF && r->hbuf[1] == 0xFE) ||
                         (r->hbuf[0] == 0xFE && r->hbuf[1] == 0xFF))) {
        /* Read as UTF-8 this fails at its first byte anyway: say what the file is. */
        csvchart_csv_fail(
            r, CSVCHART_ERROR_DATA, (struct pos){1, 1, 0},
            "file is UTF-16 (it starts with a byte order mark %02X %02X); convert it to UTF-8 "
            "or set encoding = utf-16",
            r->hbuf[0], r->hbuf[1]);
        return;
    }
    if (r->hlen >= 3 && memcmp(r->hbuf, "\xEF\xBB\xBF", 3) == 0) {
        skip = 3;
        r->had_bom = true;
    }
    char d = r->delimiter_opt;
    if (!d) {
        /* The most frequent outside quotes; ties go to the earlier of , ; tab. */
        static const char cand[3] = {',', ';', '\t'};
        size_t best = 0;
        for (size_t i = 1; i < 3; i++) {
            if (r->h_count[i] > r->h_count[best]) {
                best = i;
            }
        }
        d = cand[best];
    }
    r->delim = d;
    for (int b = 0; b < 256; b++) {
        r->plain[b] = b > ' ' && b < 0x7F && b != '"' && b != (unsigned char)d;
    }
    csv_set_delim(&r->csv, (unsigned char)d);
    r->phase = PHASE_MAIN;
    if (r->hlen > skip) {
        process(r, r->hbuf + skip, r->hlen - skip);
    }
    free(r->hbuf);
    r->hbuf = NULL;
    r->hlen = r->hcap = 0;
}

/*
 * Holds back bytes until the first line with content ends outside quotes (or hlimit bytes are
 * held), counting candidate delimiters. Returns how many bytes of s it took.
 */
static size_t header_scan(struct csvchart_csv_reader *r, const unsigned char *s, size_t len)
{
    size_t i = 0;
    bool done = false;
    while (i < len && !done) {
        unsigned char b = s[i++];
        if (!r->h_inq && (b == '\r' || b == '\n')) {
            done = r->h_content;
        } else if (b == '"') {
            r->h_inq = !r->h_inq;
            r->h_content = true;
        } else {
            if (!r->h_inq) {
                r->h_count[0] += b == ',';
                r->h_count[1] += b == ';';
                r->h_count[2] += b == '\t';
            }
            r->h_content = r->h_content || b != ' ';
        }
        if (r->hlen + i >= r->hlimit) {
            done = true;
        }
    }
    if (!csvchart_array_reserve((void **)&r->hbuf, &r->hcap, r->hlen + i, 1)) {
        fail_nomem(r);
        return len;
    }
    memcpy(r->hbuf + r->hlen, s, i);
    r->hlen += i;
    if (done) {
        csvchart_csv_conclude_header(r);
    }
    return i;
}

/* Gives UTF-8 bytes to the header scan, then to process(). */
void csvchart_csv_feed_utf8(struct csvchart_csv_reader *r, const unsigned char *s, size_t len)
{
    size_t used = 0;
    if (len == 0) {
        return; /* a conversion that made nothing yet */
    }
    if (r->phase == PHASE_HEADER_SCAN && r->e.status == CSVCHART_OK) {
        used = header_scan(r, s, len);
    }
    if (used < len && r->e.status == CSVCHART_OK) {
        process(r, s + used, len - used);
    }
}
