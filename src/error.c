/*
 * error.c - recording and formatting csvchart_error values (see error.h).
 */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"

const char *csvchart_version(void)
{
    return CSVCHART_VERSION_STRING;
}

void csvchart_error_clear(csvchart_error *err)
{
    if (err) {
        memset(err, 0, sizeof *err);
    }
}

/*
 * After a vsnprintf() into `size` bytes that did not fit: ends the string with "..." on a
 * whole UTF-8 character, so that a long value quoted in a message (a 1 MB cell) never leaves
 * half a character at the cut, which made the message invalid UTF-8.
 */
static void cut_at_char(char *s, size_t size)
{
    if (size < 4) {
        return;
    }
    size_t n = size - 4; // room for "..." and the NUL
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) {
        n--;
    }
    memcpy(s + n, "...", 4);
}

/*
 * Makes a message valid UTF-8: every byte that does not belong to a well-formed sequence
 * becomes '?'. Values are checked where they enter, but a message may quote what was refused
 * on other grounds (an unknown option name "ti\xfftle"); a message must stay printable text.
 */
static void valid_utf8(char *s)
{
    unsigned char *p = (unsigned char *)s;
    while (*p) {
        unsigned char b = *p;
        size_t len = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3
                                : b >= 0xF0 && b <= 0xF4                          ? 4
                                                                                  : 0;
        unsigned char lo = b == 0xE0 ? 0xA0 : b == 0xF0 ? 0x90 : 0x80;
        unsigned char hi = b == 0xED ? 0x9F : b == 0xF4 ? 0x8F : 0xBF;
        for (size_t k = 1; k < len; k++) {
            if (p[k] < (k == 1 ? lo : 0x80) || p[k] > (k == 1 ? hi : 0xBF)) {
                len = 0;
                break;
            }
        }
        if (!len) {
            *p++ = '?';
            continue;
        }
        p += len;
    }
}

csvchart_status csvchart_error_set(csvchart_error *err, csvchart_status status, const char *file,
                                   size_t line, size_t col, const char *fmt, ...)
{
    if (!err || err->status != CSVCHART_OK) {
        return status;
    }
    err->status = status;
    err->line = line;
    err->column = col;
    if (snprintf(err->file, sizeof err->file, "%s", file ? file : "") >= (int)sizeof err->file) {
        cut_at_char(err->file, sizeof err->file);
    }
    va_list ap;
    va_start(ap, fmt);
    if (vsnprintf(err->message, sizeof err->message, fmt, ap) >= (int)sizeof err->message) {
        cut_at_char(err->message, sizeof err->message);
    }
    va_end(ap);
    valid_utf8(err->message);
    return status;
}

csvchart_status csvchart_error_nomem(csvchart_error *err)
{
    return csvchart_error_set(err, CSVCHART_ERROR_NOMEM, NULL, 0, 0, "out of memory");
}

const char *csvchart_error_text(csvchart_error *err)
{
    if (!err) {
        return "";
    }
    char pos[320] = "";
    if (err->file[0] && err->line && err->column) {
        snprintf(pos, sizeof pos, "%s:%zu:%zu: ", err->file, err->line, err->column);
    } else if (err->file[0] && err->line) {
        snprintf(pos, sizeof pos, "%s:%zu: ", err->file, err->line);
    } else if (err->file[0]) {
        snprintf(pos, sizeof pos, "%s: ", err->file);
    }
    snprintf(err->text, sizeof err->text, "%s%s", pos, err->message);
    return err->text;
}

void csvchart_warnings_add(struct csvchart_warnings *w, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    if (vsnprintf(buf, sizeof buf, fmt, ap) >= (int)sizeof buf) {
        cut_at_char(buf, sizeof buf);
    }
    va_end(ap);
    if (!csvchart_array_reserve((void **)&w->items, &w->cap, w->len + 1, sizeof *w->items)) {
        return;
    }
    char *copy = csvchart_strdup(buf);
    if (copy) {
        w->items[w->len++] = copy;
    }
}

void csvchart_warnings_fini(struct csvchart_warnings *w)
{
    for (size_t i = 0; i < w->len; i++) {
        free(w->items[i]);
    }
    free(w->items);
    w->items = NULL;
    w->len = w->cap = 0;
}
