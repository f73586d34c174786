/*
 * ini.c - INI files for `csvchart render`, parsed by libinih (see batch.h).
 *
 * libinih reports no line numbers to its handler and truncates lines longer than its
 * compiled-in INI_MAX_LINE. So it reads through our own ini_reader, which hands it one line
 * at a time and keeps the line number, notices section headers itself (so an empty or
 * duplicated section is seen too) and stops with an error at a line too long to be read
 * whole, instead of letting the rest of it become a line of its own.
 */
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "batch.h"
#include "error.h"

struct reader {
    const char *path;
    const char *p, *end;
    size_t line;          /* of the line handed to inih last */
    bool continuation;    /* that line started with white space (a continued value) */
    bool too_long;
    struct ini_doc *doc;
    struct ini_section *current; /* the section the handler fills */
    csvchart_error *err;
};

static char *trimmed_copy(const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t')) {
        s++, n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n')) {
        n--;
    }
    return csvchart_strndup(s, n);
}

static struct ini_section *find_section(struct ini_doc *doc, const char *name)
{
    if (strcmp(name, "defaults") == 0) {
        return &doc->defaults;
    }
    for (size_t i = 0; i < doc->len; i++) {
        if (strcmp(doc->figures[i].name, name) == 0) {
            return &doc->figures[i];
        }
    }
    return NULL;
}

/* A "[name]" line: a new section (or an error for a repeated one). */
static bool section_header(struct reader *r, const char *s, size_t n)
{
    const char *close = memchr(s, ']', n);
    if (!close) {
        return true; /* inih reports the syntax error */
    }
    char *name = trimmed_copy(s + 1, (size_t)(close - s - 1));
    if (!name) {
        csvchart_error_nomem(r->err);
        return false;
    }
    struct ini_section *old = find_section(r->doc, name);
    if (old && (old != &r->doc->defaults || old->line)) {
        csvchart_error_set(r->err, CSVCHART_ERROR_DATA, r->path, r->line, 0,
                           "section [%s] appears again (first on line %zu); each figure needs "
                           "a name of its own",
                           name, old->line);
        free(name);
        return false;
    }
    if (!*name) {
        csvchart_error_set(r->err, CSVCHART_ERROR_DATA, r->path, r->line, 0,
                           "a section needs a name: [figure-name]");
        free(name);
        return false;
    }
    if (strcmp(name, "defaults") == 0) {
        free(name);
        r->doc->defaults.line = r->line;
        r->current = &r->doc->defaults;
        return true;
    }
    if (!csvchart_array_reserve((void **)&r->doc->figures, &r->doc->cap, r->doc->len + 1,
                                sizeof *r->doc->figures)) {
        free(name);
        csvchart_error_nomem(r->err);
        return false;
    }
    struct ini_section *sec = &r->doc->figures[r->doc->len++];
    memset(sec, 0, sizeof *sec);
    sec->name = name;
    sec->line = r->line;
    r->current = sec;
    return true;
}

/* inih's reader: copies one line (at most num - 1 bytes, with its newline) into str. */
static char *read_line(char *str, int num, void *stream)
{
    struct reader *r = stream;
    if (r->err->status || r->p >= r->end || num < 2) {
        return NULL;
    }
    const char *nl = memchr(r->p, '\n', (size_t)(r->end - r->p));
    size_t n = nl ? (size_t)(nl - r->p) + 1 : (size_t)(r->end - r->p);
    r->line++;
    if (n > (size_t)num - 1) {
        csvchart_error_set(r->err, CSVCHART_ERROR_DATA, r->path, r->line, 0,
                           "line is %zu bytes long; the INI reader takes at most %d (continue "
                           "a long value on indented lines)",
                           n, num - 2);
        return NULL;
    }
    if (memchr(r->p, '\0', n)) {
        csvchart_error_set(r->err, CSVCHART_ERROR_DATA, r->path, r->line, 0, "NUL byte");
        return NULL;
    }
    memcpy(str, r->p, n);
    str[n] = '\0';
    r->continuation = n && (r->p[0] == ' ' || r->p[0] == '\t');
    const char *s = r->p;
    size_t len = n;
    while (len && (*s == ' ' || *s == '\t')) {
        s++, len--;
    }
    if (len && *s == '[' && !section_header(r, s, len)) {
        return NULL;
    }
    r->p += n;
    return str;
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
    struct reader *r = user;
    struct ini_section *sec = r->current;
    if (!sec) {
        csvchart_error_set(r->err, CSVCHART_ERROR_DATA, r->path, r->line, 0,
                           "\"%s\" is set before any [section]; put it under [defaults] or a "
                           "figure's [name]",
                           name);
        return 0;
    }
    (void)section;
    for (size_t i = 0; i < sec->len; i++) {
        struct ini_entry *e = &sec->entries[i];
        if (strcmp(e->key, name) != 0) {
            continue;
        }
        if (r->continuation) { /* an indented line continues the value */
            size_t a = strlen(e->value), b = strlen(value);
            char *joined = malloc(a + b + 2);
            if (!joined) {
                csvchart_error_nomem(r->err);
                return 0;
            }
            snprintf(joined, a + b + 2, "%s %s", e->value, value);
            free(e->value);
            e->value = joined;
            return 1;
        }
        csvchart_error_set(r->err, CSVCHART_ERROR_DATA, r->path, r->line, 0,
                           "\"%s\" is set again in [%s] (first on line %zu)", name,
                           sec->name ? sec->name : "defaults", e->line);
        return 0;
    }
    if (!csvchart_array_reserve((void **)&sec->entries, &sec->cap, sec->len + 1,
                                sizeof *sec->entries)) {
        csvchart_error_nomem(r->err);
        return 0;
    }
    struct ini_entry *e = &sec->entries[sec->len];
    e->key = csvchart_strdup(name);
    e->value = csvchart_strdup(value);
    e->line = r->line;
    if (!e->key || !e->value) {
        free(e->key);
        free(e->value);
        csvchart_error_nomem(r->err);
        return 0;
    }
    sec->len++;
    return 1;
}

csvchart_status csvchart_ini_parse(const char *path, const char *text, size_t len,
                                   struct ini_doc *doc, csvchart_error *err)
{
    memset(doc, 0, sizeof *doc);
    doc->path = csvchart_strdup(path);
    doc->defaults.name = csvchart_strdup("defaults");
    if (!doc->path || !doc->defaults.name) {
        csvchart_ini_free(doc);
        return csvchart_error_nomem(err);
    }
    csvchart_error local = {0};
    struct reader r = {.path = path, .p = text, .end = text + len, .doc = doc, .err = &local};
    int rc = ini_parse_stream(read_line, &r, handler, &r);
    if (!local.status && rc > 0) {
        csvchart_error_set(&local, CSVCHART_ERROR_DATA, path, (size_t)rc, 0,
                           "cannot read this line; expected [section], key = value, or a "
                           "comment starting with ; or #");
    } else if (!local.status && rc < 0) {
        csvchart_error_nomem(&local);
    } else if (!local.status && doc->len == 0) {
        csvchart_error_set(&local, CSVCHART_ERROR_DATA, path, 0, 0,
                           "no figures: add a [name] section with kind, data and outputs");
    }
    if (local.status) {
        csvchart_ini_free(doc);
        *err = err && !err->status ? local : *err;
        return local.status;
    }
    return CSVCHART_OK;
}

csvchart_status csvchart_ini_load(const char *path, struct ini_doc *doc, csvchart_error *err)
{
    memset(doc, 0, sizeof *doc);
    FILE *f = fopen(path, "rb");
    if (!f) {
        return csvchart_error_set(err, CSVCHART_ERROR_IO, path, 0, 0, "cannot read: no such file"
                                                                      " or not readable");
    }
    size_t cap = 4096, n = 0, k;
    char *buf = malloc(cap);
    while (buf && (k = fread(buf + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap) {
            char *p = cap < ((size_t)1 << 26) ? realloc(buf, cap * 2) : NULL;
            if (!p) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = p;
            cap *= 2;
        }
    }
    bool bad = ferror(f);
    fclose(f);
    if (!buf || bad) {
        free(buf);
        return buf ? csvchart_error_set(err, CSVCHART_ERROR_IO, path, 0, 0, "cannot read")
                   : csvchart_error_set(err, CSVCHART_ERROR_LIMIT, path, 0, 0,
                                        "too large for an INI file (64 MiB at most)");
    }
    csvchart_status st = csvchart_ini_parse(path, buf, n, doc, err);
    free(buf);
    return st;
}

static void section_fini(struct ini_section *s)
{
    for (size_t i = 0; i < s->len; i++) {
        free(s->entries[i].key);
        free(s->entries[i].value);
    }
    free(s->entries);
    free(s->name);
}

void csvchart_ini_free(struct ini_doc *doc)
{
    section_fini(&doc->defaults);
    for (size_t i = 0; i < doc->len; i++) {
        section_fini(&doc->figures[i]);
    }
    free(doc->figures);
    free(doc->path);
    memset(doc, 0, sizeof *doc);
}
