/*
 * error.c - recording and formatting csvchart_error values (see error.h).
 */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "utf8.h"

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
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = csvchart_utf8_char(s + i, n - i, &cp);
        if (!len) {
            s[i++] = '?';
            continue;
        }
        i += len;
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

csvchart_status csvchart_error_null(csvchart_error *err, const char *function, const char *what)
{
    return csvchart_error_set(err, CSVCHART_ERROR_ARGUMENT, NULL, 0, 0, "%s: %s is NULL%s",
                              function, what,
                              strcmp(what, "fig") == 0 ? " (did csvchart_figure_new fail?)" : "");
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
    if (!w || !csvchart_array_reserve((void **)&w->items, &w->cap, w->len + 1, sizeof *w->items)) {
        return;
    }
    char *copy = csvchart_strdup(buf);
    if (copy) {
        w->items[w->len++] = copy;
    }
}

/* The class (file, what), created when new; NULL when out of memory. */
static struct warning_class *warning_class(struct csvchart_warnings *w, const char *file,
                                           const char *what)
{
    if (!w) {
        return NULL;
    }
    /* The last class first: a file's rows usually repeat one warning. */
    for (size_t k = w->nclasses; k-- > 0;) {
        struct warning_class *c = &w->classes[k];
        if (strcmp(c->what, what) == 0 && strcmp(c->file, file) == 0) {
            return c;
        }
    }
    if (!csvchart_array_reserve((void **)&w->classes, &w->classes_cap, w->nclasses + 1,
                                sizeof *w->classes)) {
        return NULL;
    }
    struct warning_class *c = &w->classes[w->nclasses];
    memset(c, 0, sizeof *c);
    c->file = csvchart_strdup(file);
    c->what = csvchart_strdup(what);
    if (!c->file || !c->what) {
        free(c->file);
        free(c->what);
        return NULL;
    }
    w->nclasses++;
    return c;
}

static void class_count(struct warning_class *c, size_t count, size_t first, size_t last)
{
    c->first_line = c->count == 0 || first < c->first_line ? first : c->first_line;
    c->last_line = c->count == 0 || last > c->last_line ? last : c->last_line;
    c->count += count;
}

void csvchart_warnings_row(struct csvchart_warnings *w, const char *file, size_t line,
                           const char *what, const char *fmt, ...)
{
    struct warning_class *c = warning_class(w, file ? file : "", what);
    if (!c) {
        return;
    }
    class_count(c, 1, line, line);
    /* Kept when among the KEEP smallest lines: in place of the largest kept one if full. */
    size_t at = c->nkept;
    while (at > 0 && c->kept[at - 1].line > line) {
        at--;
    }
    if (at == CSVCHART_WARNINGS_KEEP) {
        return;
    }
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    if (vsnprintf(buf, sizeof buf, fmt, ap) >= (int)sizeof buf) {
        cut_at_char(buf, sizeof buf);
    }
    va_end(ap);
    char *text = csvchart_strdup(buf);
    if (!text) {
        return;
    }
    if (c->nkept == CSVCHART_WARNINGS_KEEP) {
        free(c->kept[--c->nkept].text);
    }
    memmove(&c->kept[at + 1], &c->kept[at], (c->nkept - at) * sizeof c->kept[0]);
    c->kept[at] = (struct warning_row){line, text};
    c->nkept++;
}

void csvchart_warnings_rows(struct csvchart_warnings *w, const char *file, const char *what,
                            size_t count, size_t first_line, size_t last_line)
{
    struct warning_class *c = count ? warning_class(w, file ? file : "", what) : NULL;
    if (c) {
        class_count(c, count, first_line, last_line);
    }
}

/* 3000000 -> "3,000,000". */
static void grouped(char *buf, size_t size, size_t n)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%zu", n);
    size_t o = 0;
    for (int i = 0; i < len && o + 2 < size; i++) {
        if (i > 0 && (len - i) % 3 == 0) {
            buf[o++] = ',';
        }
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
}

static void class_flush(struct csvchart_warnings *w, struct warning_class *c)
{
    if (c->count <= CSVCHART_WARNINGS_KEEP && c->nkept == c->count) {
        for (size_t i = 0; i < c->nkept; i++) {
            csvchart_warnings_add(w, "%s", c->kept[i].text);
        }
        return;
    }
    char count[40], lines[CSVCHART_WARNINGS_KEEP * 24] = "";
    grouped(count, sizeof count, c->count);
    size_t used = 0;
    for (size_t i = 0; i < c->nkept && used < sizeof lines; i++) {
        int k =
            snprintf(lines + used, sizeof lines - used, "%s%zu", i ? ", " : "", c->kept[i].line);
        used += k > 0 ? (size_t)k : 0;
    }
    csvchart_warnings_add(w, "%s%s%s %s, lines %zu-%zu; the first %zu: %s", c->file,
                          c->file[0] ? ": " : "", count, c->what, c->first_line, c->last_line,
                          c->nkept, lines);
}

static void class_fini(struct warning_class *c)
{
    for (size_t i = 0; i < c->nkept; i++) {
        free(c->kept[i].text);
    }
    free(c->file);
    free(c->what);
}

void csvchart_warnings_flush(struct csvchart_warnings *w)
{
    if (!w) {
        return;
    }
    /* In the order of their first lines (a stable insertion sort: few classes). */
    for (size_t i = 1; i < w->nclasses; i++) {
        struct warning_class c = w->classes[i];
        size_t j = i;
        for (; j > 0 && w->classes[j - 1].first_line > c.first_line; j--) {
            w->classes[j] = w->classes[j - 1];
        }
        w->classes[j] = c;
    }
    for (size_t i = 0; i < w->nclasses; i++) {
        class_flush(w, &w->classes[i]);
        class_fini(&w->classes[i]);
    }
    w->nclasses = 0;
}

void csvchart_warnings_fini(struct csvchart_warnings *w)
{
    for (size_t i = 0; i < w->len; i++) {
        free(w->items[i]);
    }
    for (size_t i = 0; i < w->nclasses; i++) {
        class_fini(&w->classes[i]);
    }
    free(w->items);
    free(w->classes);
    w->items = NULL;
    w->classes = NULL;
    w->len = w->cap = w->nclasses = w->classes_cap = 0;
}
