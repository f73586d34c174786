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

csvchart_status csvchart_parse_refs(const char *name, const char *text, bool band,
                                    struct ref_mark **out, size_t *n, csvchart_error *err)
{
    struct {
        struct ref_mark *items;
        size_t len, cap;
    } r = {0};
    const char *p = text, *a, *b;
    size_t k = 0;
    *out = NULL;
    *n = 0;
    while (next_item(&p, &a, &b)) {
        k++;
        const char *sp = a;
        while (sp < b && *sp != ' ' && *sp != '\t') {
            sp++;
        }
        struct ref_mark m = {0};
        const char *comma = band ? memchr(a, ',', (size_t)(sp - a)) : NULL;
        bool ok = band ? comma && number(a, (size_t)(comma - a), &m.lo) &&
                             number(comma + 1, (size_t)(sp - comma - 1), &m.hi)
                       : number(a, (size_t)(sp - a), &m.lo);
        if (!ok) {
            csvchart_refs_free(r.items, r.len);
            return BAD("%s: item %zu \"%.*s\" does not start with %s; expected e.g. %s", name, k,
                       (int)(b - a), a, band ? "two numbers LOW,HIGH" : "a number",
                       band ? "10,20 Target range" : "0.5 Average");
        }
        if (band && m.hi < m.lo) {
            csvchart_refs_free(r.items, r.len);
            return BAD("%s: item %zu \"%.*s\" ends before it starts; write LOW,HIGH", name, k,
                       (int)(b - a), a);
        }
        m.hi = band ? m.hi : m.lo;
        m.label = unquote(sp, b);
        if (!m.label ||
            !csvchart_array_reserve((void **)&r.items, &r.cap, r.len + 1, sizeof *r.items)) {
            free(m.label);
            csvchart_refs_free(r.items, r.len);
            return csvchart_error_nomem(err);
        }
        r.items[r.len++] = m;
    }
    *out = r.items;
    *n = r.len;
    return CSVCHART_OK;
}

void csvchart_refs_free(struct ref_mark *r, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(r[i].label);
    }
    free(r);
}

csvchart_status csvchart_parse_notes(const char *name, const char *text, struct note_mark **out,
                                     size_t *n, csvchart_error *err)
{
    struct {
        struct note_mark *items;
        size_t len, cap;
    } r = {0};
    const char *p = text, *a, *b;
    size_t k = 0;
    *out = NULL;
    *n = 0;
    while (next_item(&p, &a, &b)) {
        k++;
        /* the category ends at the first ':' outside double quotes */
        const char *colon = a;
        bool quoted = false;
        while (colon < b && (quoted || *colon != ':')) {
            quoted = *colon == '"' ? !quoted : quoted;
            colon++;
        }
        struct note_mark m = {0};
        if (colon >= b || colon == a) {
            csvchart_notes_free(r.items, r.len);
            return BAD("%s: item %zu \"%.*s\" has no category; expected CATEGORY: TEXT, e.g. "
                       "\"OpenAI o1\": Most expensive",
                       name, k, (int)(b - a), a);
        }
        m.category = unquote(a, colon);
        m.text = unquote(colon + 1, b);
        if (m.text && !*m.text) {
            free(m.category);
            free(m.text);
            csvchart_notes_free(r.items, r.len);
            return BAD("%s: item %zu \"%.*s\" has no text after the ':'", name, k, (int)(b - a), a);
        }
        if (!m.category || !m.text ||
            !csvchart_array_reserve((void **)&r.items, &r.cap, r.len + 1, sizeof *r.items)) {
            free(m.category);
            free(m.text);
            csvchart_notes_free(r.items, r.len);
            return csvchart_error_nomem(err);
        }
        r.items[r.len++] = m;
    }
    *out = r.items;
    *n = r.len;
    return CSVCHART_OK;
}

csvchart_status csvchart_parse_dated(const char *name, const char *text,
                                     const struct date_syntax *syn, struct dated_mark **out,
                                     size_t *n, csvchart_error *err)
{
    struct {
        struct dated_mark *items;
        size_t len, cap;
    } r = {0};
    const char *p = text, *a, *b;
    size_t k = 0;
    *out = NULL;
    *n = 0;
    while (next_item(&p, &a, &b)) {
        k++;
        /* The longest prefix of whole words (at most five) that is a date. */
        struct dated_mark m = {0};
        const char *date_end = NULL, *w = a;
        for (int words = 0; words < 5 && w < b; words++) {
            while (w < b && *w != ' ' && *w != '\t') {
                w++;
            }
            struct date_value v;
            if (csvchart_date_parse_as(a, (size_t)(w - a), syn, &v)) {
                m.date = v;
                date_end = w;
            }
            while (w < b && (*w == ' ' || *w == '\t')) {
                w++;
            }
        }
        if (!date_end) {
            csvchart_dated_free(r.items, r.len);
            return BAD("%s: item %zu \"%.*s\" does not start with a date; expected DATE LABEL, "
                       "e.g. 2026-01-15 Policy shift",
                       name, k, (int)(b - a), a);
        }
        m.label = unquote(date_end, b);
        if (!m.label ||
            !csvchart_array_reserve((void **)&r.items, &r.cap, r.len + 1, sizeof *r.items)) {
            free(m.label);
            csvchart_dated_free(r.items, r.len);
            return csvchart_error_nomem(err);
        }
        r.items[r.len++] = m;
    }
    *out = r.items;
    *n = r.len;
    return CSVCHART_OK;
}

void csvchart_dated_free(struct dated_mark *m, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(m[i].label);
    }
    free(m);
}

void csvchart_notes_free(struct note_mark *r, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(r[i].category);
        free(r[i].text);
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
