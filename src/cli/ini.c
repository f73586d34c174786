/*
 * ini.c - INI files for `csvchart render`, parsed by libinih (see batch.h).
 *
 * libinih reports no line numbers to its handler, knows only LF line ends and truncates lines
 * longer than its compiled-in INI_MAX_LINE. So it reads through our own ini_reader, which
 *   - skips a leading UTF-8 byte order mark and hands inih one line at a time, whatever its
 *     end (LF, CRLF or CR), ended by LF, keeping the line number;
 *   - reads section headers itself, so that an empty, repeated or unclosed one, a name that is
 *     not a safe file name and text after the "]" are refused on their own line;
 *   - stops with an error at a line too long to be read whole, instead of letting the rest of
 *     it become a line of its own.
 * The first error in the file wins, whether inih or we found it.
 *
 * Values that go on over indented lines are joined in one growing buffer per key (amortized
 * doubling): reading is linear in the size of the file. Limits keep every file's cost
 * bounded: its size, its lines, a value's length, keys per section and figures per file.
 */
#include <ini.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "batch.h"
#include "cli.h"
#include "error.h"
#include "text.h"

#define MAX_FILE_BYTES ((size_t)16 << 20)
#define MAX_LINES 1000000
#define MAX_VALUE_BYTES ((size_t)1 << 20)
#define MAX_KEYS 256
#define MAX_FIGURES 10000

struct reader {
    const char *path;
    const char *p, *end;
    size_t line;       /* of the line handed to inih last */
    bool continuation; /* that line started with white space (a continued value) */
    struct ini_doc *doc;
    struct ini_section *current; /* the section the handler fills */
    csvchart_error *err;
};

#define FAIL(r, ...) csvchart_error_set((r)->err, CSVCHART_ERROR_DATA, (r)->path, (r)->line, 0, __VA_ARGS__)

static bool blank(char c)
{
    return c == ' ' || c == '\t';
}

/* n bytes of s in double quotes for a message, escaped where they are not printable UTF-8. */
static const char *quote(const char *s, size_t n, char *buf, size_t size)
{
    char *copy = csvchart_strndup(s, n);
    csvchart_cli_quote(copy ? copy : "", buf, size);
    free(copy);
    return buf;
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

/*
 * A figure's name is its default output file (NAME.png), an argument of --only (a
 * comma-separated list) and a word of make rules: letters, digits, . _ - @ + and non-ASCII
 * characters (whole UTF-8 ones) only. Returns true, or false with the refused character
 * described in `bad`.
 */
static bool name_ok(const char *name, char *bad, size_t size)
{
    for (size_t i = 0, n = strlen(name); i < n;) {
        unsigned char c = (unsigned char)name[i];
        if (c >= 0x80) {
            uint32_t cp;
            size_t k = csvchart_utf8_decode(name + i, n - i, &cp);
            if (k == 1) {
                snprintf(bad, size, "byte 0x%02x, which is not UTF-8", c);
                return false;
            }
            i += k;
            continue;
        }
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            strchr("._-@+", c)) {
            i++;
            continue;
        }
        if (c < 0x20 || c == 0x7f) {
            snprintf(bad, size, "byte 0x%02x", c);
        } else {
            snprintf(bad, size, "\"%c\"", c);
        }
        return false;
    }
    return true;
}

/* A "[name]" line (s[0] is '['; n bytes, without the line end): a new section. */
static bool section_header(struct reader *r, const char *s, size_t n)
{
    char q[400];
    const char *close = memchr(s, ']', n);
    if (!close) {
        FAIL(r, "unclosed section header %s; expected [name]", quote(s, n, q, sizeof q));
        return false;
    }
    const char *rest = close + 1, *end = s + n;
    while (rest < end && blank(*rest)) {
        rest++;
    }
    if (rest < end && *rest != ';' && *rest != '#') {
        char q2[400];
        quote(s + 1, (size_t)(close - s - 1), q2, sizeof q2); // "name": printed without its quotes
        FAIL(r, "text after [%.*s]: %s; a section header line holds only [name] and a comment "
                "(; or #)",
             (int)strlen(q2) - 2, q2 + 1, quote(rest, (size_t)(end - rest), q, sizeof q));
        return false;
    }
    const char *a = s + 1, *b = close;
    while (a < b && blank(*a)) {
        a++;
    }
    while (b > a && blank(b[-1])) {
        b--;
    }
    if (a == b) {
        FAIL(r, "a section needs a name: [figure-name]");
        return false;
    }
    char *name = csvchart_strndup(a, (size_t)(b - a));
    if (!name) {
        csvchart_error_nomem(r->err);
        return false;
    }
    char bad[64];
    if (!name_ok(name, bad, sizeof bad)) {
        FAIL(r, "figure name %s holds %s; a figure name may hold letters, digits, non-ASCII "
                "characters and . _ - @ +",
             quote(name, strlen(name), q, sizeof q), bad);
        free(name);
        return false;
    }
    struct ini_section *old = find_section(r->doc, name);
    if (old && (old != &r->doc->defaults || old->line)) {
        FAIL(r, "section [%s] appears again (first on line %zu); each figure needs a name of its "
                "own",
             name, old->line);
        free(name);
        return false;
    }
    if (strcmp(name, "defaults") == 0) {
        free(name);
        r->doc->defaults.line = r->line;
        r->current = &r->doc->defaults;
        return true;
    }
    if (r->doc->len == MAX_FIGURES) {
        FAIL(r, "more than %d figures, the limit for an INI file", MAX_FIGURES);
        free(name);
        return false;
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

/* inih's reader: copies one line (at most num - 1 bytes, LF-ended) into str. */
static char *read_line(char *str, int num, void *stream)
{
    struct reader *r = stream;
    if (r->err->status || r->p >= r->end || num < 2) {
        return NULL;
    }
    size_t left = (size_t)(r->end - r->p);
    size_t n = 0; // the line's bytes, without its end
    while (n < left && r->p[n] != '\n' && r->p[n] != '\r') {
        n++;
    }
    size_t ending = n == left ? 0 : r->p[n] == '\r' && n + 1 < left && r->p[n + 1] == '\n' ? 2 : 1;
    if (++r->line > MAX_LINES) {
        FAIL(r, "more than %d lines, the limit for an INI file", MAX_LINES);
        return NULL;
    }
    if (n + 1 > (size_t)num - 1) {
        FAIL(r, "line is %zu bytes long; the INI reader takes at most %d (continue a long value "
                "on indented lines)",
             n + (ending ? ending : 1), num - 2);
        return NULL;
    }
    if (memchr(r->p, '\0', n)) {
        FAIL(r, "NUL byte");
        return NULL;
    }
    memcpy(str, r->p, n);
    str[n] = '\n';
    str[n + 1] = '\0';
    r->continuation = n && blank(r->p[0]);
    const char *s = r->p;
    size_t len = n;
    while (len && blank(*s)) {
        s++, len--;
    }
    if (len && *s == '[' && !section_header(r, s, len)) {
        return NULL;
    }
    r->p += n + ending;
    return str;
}

/* Appends " value" to a continued entry, in its buffer of e->cap bytes. */
static bool append(struct reader *r, struct ini_entry *e, const char *value)
{
    size_t n = strlen(value);
    if (e->len + 1 + n > MAX_VALUE_BYTES) {
        char q[300];
        FAIL(r, "the value of %s is longer than %zu bytes, the limit for a value",
             quote(e->key, strlen(e->key), q, sizeof q), MAX_VALUE_BYTES);
        return false;
    }
    if (!csvchart_array_reserve((void **)&e->value, &e->cap, e->len + n + 2, 1)) {
        csvchart_error_nomem(r->err);
        return false;
    }
    e->value[e->len++] = ' ';
    memcpy(e->value + e->len, value, n + 1);
    e->len += n;
    return true;
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
    struct reader *r = user;
    struct ini_section *sec = r->current;
    char q[300];
    (void)section;
    if (r->err->status) {
        return 0; // inih goes on after its own errors; ours stop the reading
    }
    if (!sec) {
        FAIL(r, "%s is set before any [section]; put it under [defaults] or a figure's [name]",
             quote(name, strlen(name), q, sizeof q));
        return 0;
    }
    /* inih calls an indented line a continuation of the key set last in the section (it
     * passes that key's name, cut to its own buffer's size): the last entry. */
    if (r->continuation && sec->len) {
        return append(r, &sec->entries[sec->len - 1], value);
    }
    for (size_t i = 0; i < sec->len; i++) {
        if (strcmp(sec->entries[i].key, name) == 0) {
            FAIL(r, "%s is set again in [%s] (first on line %zu)", quote(name, strlen(name), q, sizeof q),
                 sec->name, sec->entries[i].line);
            return 0;
        }
    }
    if (sec == &r->doc->defaults && strcmp(name, "outputs") == 0) {
        FAIL(r, "outputs cannot be set in [defaults]: each figure names its own files");
        return 0;
    }
    if (sec->len == MAX_KEYS) {
        FAIL(r, "[%s] has more than %d keys, the limit for a section", sec->name, MAX_KEYS);
        return 0;
    }
    if (!csvchart_array_reserve((void **)&sec->entries, &sec->cap, sec->len + 1,
                                sizeof *sec->entries)) {
        csvchart_error_nomem(r->err);
        return 0;
    }
    struct ini_entry *e = &sec->entries[sec->len];
    memset(e, 0, sizeof *e);
    e->key = csvchart_strdup(name);
    e->len = strlen(value);
    e->cap = e->len + 1;
    e->value = csvchart_strndup(value, e->len);
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
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        r.p += 3; // a byte order mark
    }
    int rc = ini_parse_stream(read_line, &r, handler, &r);
    /* inih's first error (a line it cannot read) against ours: the earlier line wins. inih
     * numbers lines as it reads them, one per read_line() call, as we do. */
    if (rc > 0 && (!local.status || (local.line && (size_t)rc < local.line))) {
        memset(&local, 0, sizeof local);
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
    /* Read at most one byte more than the limit, to know it was passed. */
    size_t cap = 4096, n = 0, k;
    char *buf = malloc(cap);
    bool big = false;
    while (buf && (k = fread(buf + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n > MAX_FILE_BYTES) {
            big = true;
            break;
        }
        if (n == cap) {
            size_t more = cap * 2 > MAX_FILE_BYTES + 1 ? MAX_FILE_BYTES + 1 : cap * 2;
            char *p = realloc(buf, more);
            if (!p) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = p;
            cap = more;
        }
    }
    bool bad = ferror(f);
    fclose(f);
    if (!buf || bad || big) {
        free(buf);
        return big    ? csvchart_error_set(err, CSVCHART_ERROR_LIMIT, path, 0, 0,
                                           "larger than %zu bytes (16 MiB), the limit for an INI "
                                           "file",
                                           MAX_FILE_BYTES)
               : !buf ? csvchart_error_nomem(err)
                      : csvchart_error_set(err, CSVCHART_ERROR_IO, path, 0, 0, "cannot read");
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
