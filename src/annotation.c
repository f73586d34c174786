/*
 * annotation.c - reference lines and bands, annotations, domains and ticks: option text to
 * typed values (see annotation.h). Part of the spec stage; no layout here.
 *
 * One item splitter serves rule, band, annotate and marker: it cuts at ";" outside double
 * quotes and trims each item. Numbers go through csvchart_number_parse(), so "$0.5", "50%" and
 * "1.2M" read as the data does; a marker's date through csvchart_date_parse_as().
 */
#include "annotation.h"

#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "error.h"
#include "number.h"

#define BAD(...) csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0, __VA_ARGS__)

/* The next item of text at *p (a ";"-separated list), trimmed, into [*a, *b); false at the
 * end. A ';' inside double quotes does not end an item. */
static bool next_item(const char **p, const char **a, const char **b)
{
    const char *s = *p;
    while (*s == ' ' || *s == '\t' || *s == ';') {
        s++;
    }
    if (!*s) {
        return false;
    }
    const char *e = s;
    bool quoted = false;
    while (*e && (quoted || *e != ';')) {
        quoted = *e == '"' ? !quoted : quoted;
        e++;
    }
    *p = e;
    while (e > s && (e[-1] == ' ' || e[-1] == '\t')) {
        e--;
    }
    *a = s;
    *b = e;
    return true;
}

static bool number(const char *s, size_t len, double *v)
{
    while (len && (*s == ' ' || *s == '\t')) {
        s++, len--;
    }
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t')) {
        len--;
    }
    return len && csvchart_number_parse(s, len, v, NULL);
}

/* A reference's number [s, s+len) as written, trimmed, into m->written[i] (cut to fit); notes
 * whether it carries a multiplier. Only called once number() has read it. */
static void written(struct ref_mark *m, int i, const char *s, size_t len)
{
    while (len && (*s == ' ' || *s == '\t')) {
        s++, len--;
    }
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t')) {
        len--;
    }
    double v;
    struct number_unit u = {0};
    if (csvchart_number_parse(s, len, &v, &u) && u.multiplier) {
        m->multiplied = true;
    }
    size_t n = len < sizeof m->written[i] - 1 ? len : sizeof m->written[i] - 1;
    memcpy(m->written[i], s, n);
    m->written[i][n] = '\0';
}

/* A copy of [a, b) with surrounding double quotes taken off ("" doubled inside reads as "). */
static char *unquote(const char *a, const char *b)
{
    while (a < b && (*a == ' ' || *a == '\t')) {
        a++;
    }
    while (b > a && (b[-1] == ' ' || b[-1] == '\t')) {
        b--;
    }
    if (b - a >= 2 && *a == '"' && b[-1] == '"') {
        char *out = malloc((size_t)(b - a));
        size_t n = 0;
        for (const char *p = a + 1; out && p < b - 1; p++) {
            out[n++] = *p;
            p += *p == '"' && p + 1 < b - 1 && p[1] == '"';
        }
        if (out) {
            out[n] = '\0';
        }
        return out;
    }
    return csvchart_strndup(a, (size_t)(b - a));
}

/* The k-th item [a, b) of the list option `name`. */
struct item {
    const char *name;
    size_t k;
    const char *a, *b;
};

/* Reads one item into *m (zeroed; on success it owns what it holds, on failure nothing). */
typedef csvchart_status (*item_reader)(const struct item *it, const void *ctx, void *m,
                                       csvchart_error *err);

/*
 * Every item of `text` read by `read` into a malloc'd array of `size`-byte elements (*out,
 * *n). On failure the elements read are released with `fini`, *out is NULL and the status is
 * returned: one loop for rule, band, annotate and marker.
 */
static csvchart_status read_items(const char *name, const char *text, size_t size, item_reader read,
                                  void (*fini)(void *m), const void *ctx, void **out, size_t *n,
                                  csvchart_error *err)
{
    char *items = NULL;
    size_t len = 0, cap = 0;
    struct item it = {.name = name};
    const char *p = text;
    csvchart_status st = CSVCHART_OK;
    *out = NULL;
    *n = 0;
    while (next_item(&p, &it.a, &it.b)) {
        it.k++;
        if (!csvchart_array_reserve((void **)&items, &cap, len + 1, size)) {
            st = csvchart_error_nomem(err);
            break;
        }
        memset(items + len * size, 0, size);
        if ((st = read(&it, ctx, items + len * size, err))) {
            break;
        }
        len++;
    }
    if (!st && len == 0 && text[strspn(text, " \t")]) {
        /* only separators (";;;"): a list the editor meant to fill, not "none" (empty) */
        st = BAD("%s: \"%s\" holds no item; write items separated by ;, or nothing for none", name,
                 text);
    }
    if (st) {
        for (size_t i = 0; i < len; i++) {
            fini(items + i * size);
        }
        free(items);
        return st;
    }
    *out = items;
    *n = len;
    return CSVCHART_OK;
}

/* "VALUE LABEL" or, for a band (ctx non-NULL), "LOW,HIGH LABEL". */
static csvchart_status read_ref(const struct item *it, const void *ctx, void *out,
                                csvchart_error *err)
{
    bool band = ctx != NULL;
    struct ref_mark *m = out;
    const char *a = it->a, *b = it->b, *sp = a;
    while (sp < b && *sp != ' ' && *sp != '\t') {
        sp++;
    }
    const char *comma = band ? memchr(a, ',', (size_t)(sp - a)) : NULL;
    bool ok = band ? comma && number(a, (size_t)(comma - a), &m->lo) &&
                         number(comma + 1, (size_t)(sp - comma - 1), &m->hi)
                   : number(a, (size_t)(sp - a), &m->lo);
    if (!ok) {
        return BAD("%s: item %zu \"%.*s\" does not start with %s; expected e.g. %s", it->name,
                   it->k, (int)(b - a), a, band ? "two numbers LOW,HIGH" : "a number",
                   band ? "10,20 Target range" : "0.5 Average");
    }
    if (band && m->hi < m->lo) {
        return BAD("%s: item %zu \"%.*s\" ends before it starts; write LOW,HIGH", it->name, it->k,
                   (int)(b - a), a);
    }
    m->hi = band ? m->hi : m->lo;
    if (band) {
        written(m, 0, a, (size_t)(comma - a));
        written(m, 1, comma + 1, (size_t)(sp - comma - 1));
    } else {
        written(m, 0, a, (size_t)(sp - a));
    }
    m->label = unquote(sp, b);
    return m->label ? CSVCHART_OK : csvchart_error_nomem(err);
}

static void ref_fini(void *m)
{
    free(((struct ref_mark *)m)->label);
}

csvchart_status csvchart_parse_refs(const char *name, const char *text, bool band,
                                    struct ref_mark **out, size_t *n, csvchart_error *err)
{
    return read_items(name, text, sizeof **out, read_ref, ref_fini, band ? "" : NULL, (void **)out,
                      n, err);
}

void csvchart_refs_free(struct ref_mark *r, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        ref_fini(&r[i]);
    }
    free(r);
}

/* "CATEGORY: TEXT", the category ending at the first ':' outside double quotes. */
static csvchart_status read_note(const struct item *it, const void *ctx, void *out,
                                 csvchart_error *err)
{
    (void)ctx;
    struct note_mark *m = out;
    const char *a = it->a, *b = it->b, *colon = a;
    bool quoted = false;
    while (colon < b && (quoted || *colon != ':')) {
        quoted = *colon == '"' ? !quoted : quoted;
        colon++;
    }
    if (colon >= b || colon == a) {
        return BAD("%s: item %zu \"%.*s\" has no category; expected CATEGORY: TEXT, e.g. "
                   "\"OpenAI o1\": Most expensive",
                   it->name, it->k, (int)(b - a), a);
    }
    m->category = unquote(a, colon);
    m->text = unquote(colon + 1, b);
    csvchart_status st = !m->category || !m->text ? csvchart_error_nomem(err)
                         : !*m->text ? BAD("%s: item %zu \"%.*s\" has no text after the ':'",
                                           it->name, it->k, (int)(b - a), a)
                                     : CSVCHART_OK;
    if (st) {
        free(m->category);
        free(m->text);
    }
    return st;
}

static void note_fini(void *m)
{
    free(((struct note_mark *)m)->category);
    free(((struct note_mark *)m)->text);
}

csvchart_status csvchart_parse_notes(const char *name, const char *text, struct note_mark **out,
                                     size_t *n, csvchart_error *err)
{
    return read_items(name, text, sizeof **out, read_note, note_fini, NULL, (void **)out, n, err);
}

/* "DATE LABEL": the date is the longest prefix of whole words (at most five) that reads as
 * one in the syntax ctx. */
static csvchart_status read_dated(const struct item *it, const void *ctx, void *out,
                                  csvchart_error *err)
{
    struct dated_mark *m = out;
    const char *a = it->a, *b = it->b, *date_end = NULL, *w = a;
    /* a span: START..END, the start read whole */
    for (const char *q = a; q + 1 < b; q++) {
        if (q[0] == '.' && q[1] == '.') {
            const char *e = q;
            while (e > a && (e[-1] == ' ' || e[-1] == '\t')) {
                e--;
            }
            m->span = e > a && csvchart_date_parse_as(a, (size_t)(e - a), ctx, &m->date);
            if (m->span) {
                w = a = q + 2;
                while (w < b && (*w == ' ' || *w == '\t')) {
                    w = ++a;
                }
            }
            break;
        }
    }
    struct date_value start = m->date;
    for (int words = 0; words < 5 && w < b; words++) {
        while (w < b && *w != ' ' && *w != '\t') {
            w++;
        }
        struct date_value v;
        if (csvchart_date_parse_as(a, (size_t)(w - a), ctx, &v)) {
            m->date = v;
            date_end = w;
        }
        while (w < b && (*w == ' ' || *w == '\t')) {
            w++;
        }
    }
    if (!date_end) {
        return BAD("%s: item %zu \"%.*s\" does not start with a date; expected DATE LABEL, "
                   "e.g. 2026-01-15 Policy shift%s",
                   it->name, it->k, (int)(b - it->a), it->a,
                   m->span ? ", or START..END LABEL, e.g. 2020-02..2020-04 Recession" : "");
    }
    if (m->span) {
        m->end = m->date;
        m->date = start;
        if (csvchart_date_coord(&m->end) < csvchart_date_coord(&m->date)) {
            return BAD("%s: item %zu \"%.*s\" ends before it starts", it->name, it->k,
                       (int)(b - it->a), it->a);
        }
    }
    m->label = unquote(date_end, b);
    return m->label ? CSVCHART_OK : csvchart_error_nomem(err);
}

static void dated_fini(void *m)
{
    free(((struct dated_mark *)m)->label);
}

csvchart_status csvchart_parse_dated(const char *name, const char *text,
                                     const struct date_syntax *syn, struct dated_mark **out,
                                     size_t *n, csvchart_error *err)
{
    return read_items(name, text, sizeof **out, read_dated, dated_fini, syn, (void **)out, n, err);
}

void csvchart_dated_free(struct dated_mark *m, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        dated_fini(&m[i]);
    }
    free(m);
}

void csvchart_notes_free(struct note_mark *r, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        note_fini(&r[i]);
    }
    free(r);
}

csvchart_status csvchart_parse_numbers(const char *name, const char *text, size_t exactly,
                                       double **out, size_t *n, csvchart_error *err)
{
    *out = NULL;
    *n = 0;
    size_t count = 1;
    for (const char *s = text; *s; s++) {
        count += *s == ',';
    }
    double *v = malloc(count * sizeof *v);
    if (!v) {
        return csvchart_error_nomem(err);
    }
    size_t k = 0;
    for (const char *s = text;; k++) {
        const char *e = strchr(s, ',');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (!number(s, len, &v[k])) {
            free(v);
            return BAD("%s: \"%.*s\" (number %zu) is not a number; expected numbers separated "
                       "by commas, e.g. %s",
                       name, (int)len, s, k + 1, exactly == 2 ? "0,100" : "0,25,50,75,100");
        }
        if (k && v[k] <= v[k - 1]) {
            free(v);
            return BAD("%s: the numbers must rise; %.*s comes after a larger or equal one", name,
                       (int)len, s);
        }
        if (!e) {
            break;
        }
        s = e + 1;
    }
    if (exactly && count != exactly) {
        free(v);
        return BAD("%s: %zu numbers; expected %zu, e.g. 0,100", name, count, exactly);
    }
    *out = v;
    *n = count;
    return CSVCHART_OK;
}
