/*
 * ini.c - INI files for `csvchart render` (see batch.h): our own small reader.
 *
 * It replaced libinih, which could not read what users write: Debian's libinih is compiled
 * with lines of at most 198 bytes (a long title or note was refused), keeps quotes literally
 * (`title = "a ; b"` became `"a`), reports no line numbers to its handler and knows only LF
 * line ends. The reader is one pass over the bytes, linear in the file's size:
 *
 *   - a leading UTF-8 byte order mark is skipped; lines end at LF, CRLF or CR, numbered once;
 *   - blank lines and lines starting with ; or # (after blanks) are comments;
 *   - "[name]" opens a section (section_header(): an empty, repeated or unclosed header, a
 *     name that is not a safe file name and text after the "]" are refused on their line);
 *   - "key = value" (or "key: value", as inih read it) sets a key; a line indented under
 *     a key continues its value, joined with one space (as inih did);
 *   - in a value, " ;" (a semicolon after a blank, or first) starts a comment, except inside
 *     double quotes, which may span continued lines; `""` inside quotes is one quote. A value
 *     written wholly in quotes loses them (`title = "a ; b"` is `a ; b`), except the values
 *     of list options (y, highlight, palette, ratio) and of outputs, whose own syntax reads
 *     quotes (`highlight = "Smith, J", Doe` is two names, `outputs = "a b.png" c.svg` two
 *     files). An unclosed quote is an error.
 * The first error in the file wins. Limits keep every file's cost bounded: its size, its
 * lines, a value's length, keys per section and figures per file. tests/fuzz/fuzz_ini.c
 * fuzzes it (scripts/fuzz.sh); tests/cli/render.sh holds its cases.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "batch.h"
#include "cli.h"
#include "csvchart.h"
#include "error.h"
#include "text.h"
#include "utf8.h"

#define MAX_FILE_BYTES ((size_t)16 << 20)
#define MAX_LINES 1000000
#define MAX_VALUE_BYTES ((size_t)1 << 20)
#define MAX_KEYS 256
#define MAX_FIGURES 10000

struct reader {
    const char *path;
    const char *p, *end;
    size_t line; /* of the line read last */
    const char *line_start;
    size_t col; /* where what is being read starts on that line (1: its first character) */
    struct ini_doc *doc;
    struct ini_section *current; /* the section being filled */
    struct ini_entry *last;      /* the key set last, while its value may go on */
    bool inq;                    /* its value has an open double quote */
    csvchart_error *err;
};

#define FAIL(r, ...)                                                                               \
    csvchart_error_set((r)->err, CSVCHART_ERROR_DATA, (r)->path, (r)->line, (r)->col, __VA_ARGS__)

static bool blank(char c)
{
    return c == ' ' || c == '\t';
}

/* The column of byte p of the line being read, counted in characters from 1. */
static size_t column(const struct reader *r, const char *p)
{
    size_t col = 1;
    for (const char *q = r->line_start; q < p; q++) {
        col += ((unsigned char)*q & 0xC0) != 0x80; // not a UTF-8 continuation byte
    }
    return col;
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
        FAIL(r,
             "text after [%.*s]: %s; a section header line holds only [name] and a comment "
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
        FAIL(r,
             "figure name %s holds %s; a figure name may hold letters, digits, non-ASCII "
             "characters and . _ - @ +",
             quote(name, strlen(name), q, sizeof q), bad);
        free(name);
        return false;
    }
    struct ini_section *old = find_section(r->doc, name);
    if (old && (old != &r->doc->defaults || old->line)) {
        FAIL(r,
             "section [%s] appears again (first on line %zu); each figure needs a name of its "
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

/* The value part of a line (after "=", or a whole continuation line): appended to e, without
 * its comment and the blanks around it; *inq carries an open quote from line to line. */
static bool add_value(struct reader *r, struct ini_entry *e, const char *v, size_t n, bool first)
{
    size_t i = 0, end = 0; // end: after the last byte kept
    while (i < n && blank(v[i]) && !r->inq) {
        i++;
    }
    size_t from = i;
    for (; i < n; i++) {
        char c = v[i];
        if (c == '"') {
            r->inq = !r->inq;
        } else if (c == ';' && !r->inq && (i == from || blank(v[i - 1]))) {
            break;
        }
        if (!blank(c) || r->inq) {
            end = i + 1;
        }
    }
    size_t len = end > from ? end - from : 0;
    size_t need = e->len + (first ? 0 : 1) + len;
    if (need > MAX_VALUE_BYTES) {
        char q[300];
        FAIL(r, "the value of %s is longer than %zu bytes, the limit for a value",
             quote(e->key, strlen(e->key), q, sizeof q), MAX_VALUE_BYTES);
        return false;
    }
    if (!csvchart_array_reserve((void **)&e->value, &e->cap, need + 1, 1)) {
        csvchart_error_nomem(r->err);
        return false;
    }
    if (!first) {
        e->value[e->len++] = ' ';
    }
    memcpy(e->value + e->len, v + from, len);
    e->len += len;
    e->value[e->len] = '\0';
    return true;
}

/* Does option `key` read quotes itself (a list)? */
static bool keeps_quotes(const char *key)
{
    if (strcmp(key, "outputs") == 0) {
        return true; // names separated by blanks, quoted where they hold one (render_plan.c)
    }
    size_t id = csvchart_option_find(key);
    if (id == (size_t)-1) {
        return false;
    }
    const char *t = csvchart_option_type(id);
    return strcmp(t, "columns") == 0 || strcmp(t, "list") == 0 || strcmp(t, "palette") == 0 ||
           strcmp(t, "bool|A,B") == 0;
}

/* The value of the entry set last is complete: an open quote is an error; a value wholly
 * in quotes loses them. */
static bool finish_value(struct reader *r)
{
    struct ini_entry *e = r->last;
    r->last = NULL;
    if (!e) {
        return true;
    }
    if (r->inq) {
        char q[300];
        csvchart_error_set(r->err, CSVCHART_ERROR_DATA, r->path, e->line, e->value_col,
                           "the value of %s has an unclosed double quote; close it, or write "
                           "\"\" for a quote inside quotes",
                           quote(e->key, strlen(e->key), q, sizeof q));
        return false;
    }
    if (e->len < 2 || e->value[0] != '"' || keeps_quotes(e->key)) {
        return true;
    }
    size_t k = 1, o = 0;
    for (; k < e->len; k++) {
        if (e->value[k] == '"') {
            if (k + 1 < e->len && e->value[k + 1] == '"') {
                k++;
            } else {
                break;
            }
        }
    }
    if (k != e->len - 1) {
        return true; // "a" b: not wholly quoted, kept as written
    }
    for (k = 1; k < e->len - 1; k++) {
        e->value[o++] = e->value[k];
        k += e->value[k] == '"'; // "" is one quote
    }
    e->value[o] = '\0';
    e->len = o;
    return true;
}

/* A "key = value" line (s: n bytes, from its first non-blank byte). */
static bool key_line(struct reader *r, const char *s, size_t n)
{
    char q[300];
    size_t sep = 0;
    while (sep < n && s[sep] != '=' && s[sep] != ':' &&
           !(s[sep] == ';' && sep > 0 && blank(s[sep - 1]))) {
        sep++;
    }
    size_t klen = sep;
    while (klen && blank(s[klen - 1])) {
        klen--;
    }
    if (sep == n || s[sep] == ';' || klen == 0) {
        FAIL(r, "cannot read this line; expected [section], key = value, or a comment starting "
                "with ; or #");
        return false;
    }
    struct ini_section *sec = r->current;
    char *name = csvchart_strndup(s, klen);
    if (!name) {
        csvchart_error_nomem(r->err);
        return false;
    }
    if (!sec) {
        FAIL(r, "%s is set before any [section]; put it under [defaults] or a figure's [name]",
             quote(name, klen, q, sizeof q));
        free(name);
        return false;
    }
    for (size_t i = 0; i < sec->len; i++) {
        if (strcmp(sec->entries[i].key, name) == 0) {
            FAIL(r, "%s is set again in [%s] (first on line %zu)", quote(name, klen, q, sizeof q),
                 sec->name, sec->entries[i].line);
            free(name);
            return false;
        }
    }
    if (sec == &r->doc->defaults && strcmp(name, "outputs") == 0) {
        FAIL(r, "outputs cannot be set in [defaults]: each figure names its own files");
        free(name);
        return false;
    }
    if (sec->len == MAX_KEYS) {
        FAIL(r, "[%s] has more than %d keys, the limit for a section", sec->name, MAX_KEYS);
        free(name);
        return false;
    }
    if (!csvchart_array_reserve((void **)&sec->entries, &sec->cap, sec->len + 1,
                                sizeof *sec->entries)) {
        free(name);
        csvchart_error_nomem(r->err);
        return false;
    }
    struct ini_entry *e = &sec->entries[sec->len++];
    memset(e, 0, sizeof *e);
    e->key = name;
    e->line = r->line;
    e->key_col = r->col;
    size_t v = sep + 1;
    while (v < n && blank(s[v])) {
        v++;
    }
    e->value_col = column(r, s + v);
    r->last = e;
    return add_value(r, e, s + sep + 1, n - sep - 1, true);
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
    while (r.p < r.end && !local.status) {
        size_t left = (size_t)(r.end - r.p);
        size_t n = 0; // the line's bytes, without its end
        while (n < left && r.p[n] != '\n' && r.p[n] != '\r') {
            n++;
        }
        size_t ending = n == left                                              ? 0
                        : r.p[n] == '\r' && n + 1 < left && r.p[n + 1] == '\n' ? 2
                                                                               : 1;
        const char *line = r.p;
        r.line_start = line;
        r.col = 0;
        r.p += n + ending;
        if (++r.line > MAX_LINES) {
            FAIL(&r, "more than %d lines, the limit for an INI file", MAX_LINES);
            break;
        }
        const char *nul = memchr(line, '\0', n);
        if (nul) {
            r.col = column(&r, nul); /* (review: "n.ini:2: NUL byte", no column) */
            FAIL(&r, "NUL byte in the INI file; expected text");
            break;
        }
        size_t k = 0;
        while (k < n && blank(line[k])) {
            k++;
        }
        /* An indented line under a key, or any line inside an open quote, continues it. */
        if (r.last && (r.inq || (k > 0 && k < n && line[k] != ';' && line[k] != '#'))) {
            add_value(&r, r.last, line + k, n - k, false);
            continue;
        }
        if (k == n || line[k] == ';' || line[k] == '#') {
            continue; // blank or a comment
        }
        if (!finish_value(&r)) {
            break;
        }
        r.col = column(&r, line + k);
        if (line[k] == '[') {
            section_header(&r, line + k, n - k);
        } else {
            key_line(&r, line + k, n - k);
        }
    }
    if (!local.status) {
        finish_value(&r);
    }
    if (!local.status && doc->len == 0) {
        csvchart_error_set(&local, CSVCHART_ERROR_DATA, path, 0, 0,
                           "no figures: add a [name] section with kind, data and outputs");
    }
    if (local.status) {
        csvchart_ini_free(doc);
        if (err && !err->status) {
            *err = local;
        }
        return local.status;
    }
    return CSVCHART_OK;
}

csvchart_status csvchart_ini_load(const char *path, struct ini_doc *doc, csvchart_error *err)
{
    memset(doc, 0, sizeof *doc);
    FILE *f = fopen(path, "rb");
    if (!f) {
        return csvchart_error_set(err, CSVCHART_ERROR_IO, path, 0, 0,
                                  "cannot read: no such file"
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
