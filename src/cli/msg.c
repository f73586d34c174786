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
    if (size < 8) { /* too small for a quoted text and its "..." */
        if (size) {
            buf[0] = '\0';
        }
        return buf;
    }
    csvchart_utf8_quote(s, SIZE_MAX, buf, size); /* the library's quoting, whole */
    return buf;
}
