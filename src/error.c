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

csvchart_status csvchart_error_set(csvchart_error *err, csvchart_status status, const char *file,
                                   size_t line, size_t col, const char *fmt, ...)
{
    if (!err || err->status != CSVCHART_OK) {
        return status;
    }
    err->status = status;
    err->line = line;
    err->column = col;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
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
    vsnprintf(buf, sizeof buf, fmt, ap);
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
