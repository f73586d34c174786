/*
 * msg.c - every line the command writes to stderr goes through here, so the "csvchart: "
 * prefix and the final newline are never forgotten (curl's tool_msgs.c).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "text.h"
#include "utf8.h"

static void vsay(const char *kind, const char *fmt, va_list ap)
{
    char buf[2048];
    vsnprintf(buf, sizeof buf, fmt, ap);
    fprintf(stderr, "csvchart: %s%s\n", kind, buf);
}

void csvchart_cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsay("", fmt, ap);
    va_end(ap);
}

void csvchart_cli_warning(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsay("warning: ", fmt, ap);
    va_end(ap);
}

void csvchart_cli_usage_error(const char *kind, const char *msg)
{
    fprintf(stderr, "csvchart: %s\n", msg);
    fprintf(stderr, "Try 'csvchart %s%s--help'.\n", kind ? kind : "", kind ? " " : "");
}

const char *csvchart_cli_quote(const char *s, char *buf, size_t size)
{
    size_t n = 0;
    if (size < 8) {
        if (size) {
            buf[0] = '\0';
        }
        return buf;
    }
    buf[n++] = '"';
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        char piece[8];
        size_t k = 1; // bytes of s taken
        if (*p == '"' || *p == '\\') {
            snprintf(piece, sizeof piece, "\\%c", *p);
        } else if (*p == '\n' || *p == '\t' || *p == '\r') {
            snprintf(piece, sizeof piece, "\\%c", *p == '\n' ? 'n' : *p == '\t' ? 't' : 'r');
        } else if (*p >= 0x80) {
            /* a character whole, so that a cut never splits one; a byte that is not UTF-8
             * is written as \xNN, so that the message stays valid UTF-8 */
            uint32_t cp;
            k = csvchart_utf8_decode((const char *)p, strnlen((const char *)p, 4), &cp);
            if (k == 1) {
                snprintf(piece, sizeof piece, "\\x%02x", *p);
            } else {
                memcpy(piece, p, k);
                piece[k] = '\0';
            }
        } else if (*p < 0x20 || *p == 0x7f) {
            snprintf(piece, sizeof piece, "\\x%02x", *p);
        } else {
            piece[0] = (char)*p, piece[1] = '\0';
        }
        size_t len = strlen(piece);
        if (n + len + 5 > size) { // room for "...", the closing quote and the NUL
            memcpy(buf + n, "...", 3);
            n += 3;
            break;
        }
        memcpy(buf + n, piece, len);
        n += len;
        p += k;
    }
    buf[n++] = '"';
    buf[n] = '\0';
    return buf;
}
