/*
 * options_check.c - the checks of option values (options.h), made where a value enters: a
 * flag, an INI line, csvchart_set().
 *
 * Every value must first be text that every output can hold (valid_text()); then it is
 * checked by its type in the option table (options.c): booleans, numbers in their range,
 * choices, sizes (presets, WxH in px, printed sizes with units), lists, palettes and colours,
 * value formats (format.c), and the texts with a structure of their own - rules, bands, notes,
 * domains, ticks, locales (annotation.c, locale_data.c). The parsers that the spec and the
 * theme use again (csvchart_parse_bool(), csvchart_split_list(), csvchart_parse_color(),
 * csvchart_parse_size()) are here too.
 */
#include "options.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "annotation.h"
#include "array.h"
#include "date.h"
#include "theme.h"
#include "error.h"
#include "format.h"
#include "locale_data.h"
#include "utf8.h"
#include "xml_name.h"

bool csvchart_parse_bool(const char *s, bool *out)
{
    static const char *const yes[] = {"true", "yes", "on", "1"};
    static const char *const no[] = {"false", "no", "off", "0"};
    for (size_t i = 0; i < 4; i++) {
        if (strcmp(s, yes[i]) == 0) {
            *out = true;
            return true;
        }
        if (strcmp(s, no[i]) == 0) {
            *out = false;
            return true;
        }
    }
    return false;
}

size_t csvchart_split_list(const char *s, char **items, size_t max)
{
    size_t n = 0;
    const char *p = s;
    for (;;) {
        while (*p == ' ' || *p == '\t') {
            p++;
        }
        char buf[1024];
        size_t len = 0;
        if (*p == '"') {
            p++;
            for (;;) {
                if (!*p) {
                    goto bad_quote;
                }
                if (*p == '"' && p[1] == '"') {
                    p++;
                } else if (*p == '"') {
                    p++;
                    break;
                }
                if (len + 1 < sizeof buf) {
                    buf[len++] = *p;
                }
                p++;
            }
            while (*p == ' ' || *p == '\t') {
                p++;
            }
            if (*p && *p != ',') {
                goto bad_quote;
            }
        } else {
            while (*p && *p != ',') {
                if (len + 1 < sizeof buf) {
                    buf[len++] = *p;
                }
                p++;
            }
            while (len && (buf[len - 1] == ' ' || buf[len - 1] == '\t')) {
                len--;
            }
        }
        if (n < max && items) {
            items[n] = csvchart_strndup(buf, len);
        }
        n++;
        if (!*p) {
            break;
        }
        p++; /* the comma */
    }
    return n;
bad_quote: /* the strings made before it are freed: callers take -1 as "no items" */
    for (size_t k = 0; items && k < n && k < max; k++) {
        free(items[k]);
        items[k] = NULL;
    }
    return (size_t)-1;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    c = tolower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

bool csvchart_parse_color(const char *s, size_t len, unsigned long *rgba)
{
    /* #rgb, #rrggbb or #rrggbbaa: the length first (a longer value wrote past v[]) */
    if ((len != 4 && len != 7 && len != 9) || s[0] != '#') {
        return false;
    }
    int v[8];
    for (size_t i = 1; i < len; i++) {
        if ((v[i - 1] = hexval((unsigned char)s[i])) < 0) {
            return false;
        }
    }
    unsigned long r, g, b, a = 255;
    if (len == 4) {
        r = v[0] * 17u, g = v[1] * 17u, b = v[2] * 17u;
    } else {
        r = v[0] * 16u + v[1], g = v[2] * 16u + v[3], b = v[4] * 16u + v[5];
        if (len == 9) {
            a = v[6] * 16u + v[7];
        }
    }
    *rgba = r << 24 | g << 16 | b << 8 | a;
    return true;
}

static const struct {
    const char *name;
    double w, h;
} presets[] = {
    {"article", 1200, 675}, {"slide", 1920, 1080}, {"slide-4x3", 1600, 1200},
    {"square", 1080, 1080}, {"social", 1200, 630},
};

/* CSS px per unit: 96 px to the inch (CSS 2.1), so a size in inches keeps its physical size
 * in every output: PDF points (0.75 pt a px), SVG px, PNG pixels at dpi / 96 per px. */
static const struct {
    const char *name;
    double px;
} units[] = {{"in", 96.0}, {"cm", 96.0 / 2.54}, {"mm", 96.0 / 25.4}, {"pt", 96.0 / 72.0}};

/* A length with a unit ("6.5in", "16.5cm"): its CSS px; false when s does not start with one.
 * *end is set past it. */
static bool physical_length(const char *s, double *px, const char **end)
{
    if (!isdigit((unsigned char)*s) && *s != '.') {
        return false;
    }
    size_t i = 0, digits = 0, dots = 0;
    for (; isdigit((unsigned char)s[i]) || (s[i] == '.' && dots == 0); i++) {
        digits += s[i] != '.';
        dots += s[i] == '.';
    }
    if (!digits || i > 12) {
        return false;
    }
    char num[16];
    memcpy(num, s, i);
    num[i] = '\0';
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
        if (strncmp(s + i, units[u].name, 2) == 0) {
            *px = strtod(num, NULL) * units[u].px;
            *end = s + i + 2;
            return *px > 0;
        }
    }
    return false;
}

bool csvchart_size_is_physical(const char *s)
{
    double px;
    const char *end;
    return physical_length(s, &px, &end);
}

bool csvchart_parse_size(const char *s, double *w, double *h)
{
    for (size_t i = 0; i < sizeof presets / sizeof presets[0]; i++) {
        if (strcmp(s, presets[i].name) == 0) {
            *w = presets[i].w;
            *h = presets[i].h;
            return true;
        }
    }
    double pw, ph;
    const char *after;
    if (physical_length(s, &pw, &after)) {
        /* WUNITxHUNIT: both sides with a unit (6.5inx4in, 165mmx100mm) */
        if ((*after != 'x' && *after != 'X') || !physical_length(after + 1, &ph, &after) ||
            *after || pw < 1 || ph < 1 || pw > 100000 || ph > 100000) {
            return false;
        }
        *w = pw;
        *h = ph;
        return true;
    }
    char *end;
    long a = strtol(s, &end, 10);
    if (end == s || (*end != 'x' && *end != 'X')) {
        return false;
    }
    const char *q = end + 1;
    long b = strtol(q, &end, 10);
    if (end != q && strcmp(end, "px") == 0) {
        end += 2; /* 400x600px: CSS px, said */
    }
    if (end == q || *end || !isdigit((unsigned char)*s) || !isdigit((unsigned char)*q)) {
        return false;
    }
    if (a < 1 || b < 1 || a > 100000 || b > 100000) {
        return false;
    }
    *w = (double)a;
    *h = (double)b;
    return true;
}

static bool is_palette_name(const char *s)
{
    static const char *const names[] = {"okabe-ito", "tableau10", "observable10", "dark2", "grey"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(s, names[i]) == 0) {
            return true;
        }
    }
    return false;
}

static bool choice_ok(const char *choices, const char *v)
{
    size_t n = strlen(v);
    for (const char *p = choices; *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && strncmp(p, v, n) == 0) {
            return true;
        }
        p += len + (bar != NULL);
    }
    return false;
}

/*
 * A choice `v` was probably meant as, for a message: `; did you mean "percent"?` for "perc",
 * "Percent" or "percentage" (one choice that starts with it, that it starts with, or that it
 * is but for case); "" when none or several are.
 */
static const char *choice_hint(const char *choices, const char *v, char *buf, size_t size)
{
    size_t n = strlen(v), found = 0;
    const char *best = NULL;
    size_t best_len = 0;
    for (const char *p = choices; *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        bool near = (n >= 2 && n < len && strncmp(p, v, n) == 0) ||
                    (len >= 3 && len < n && strncmp(p, v, len) == 0) ||
                    (len == n && strncasecmp(p, v, n) == 0);
        if (near) {
            found++;
            best = p;
            best_len = len;
        }
        p += len + (bar != NULL);
    }
    if (found != 1) {
        return "";
    }
    snprintf(buf, size, "; did you mean \"%.*s\"?", (int)best_len, best);
    return buf;
}

/*
 * Whether `s` is text that every output can hold: valid UTF-8 (no overlong forms, surrogates
 * or code points above U+10FFFF), no C0 controls (XML 1.0 forbids them) but tab and newline -
 * a newline in a title is a line break - and no Unicode noncharacter (XML forbids U+FFFE and
 * U+FFFF, cairo's PDF writer all 66 of them, as the CSV reader says too). Otherwise writes
 * what is wrong and where (1-based byte) to `why`. Values are checked where they enter (a
 * flag, an INI line, csvchart_set), so Pango never meets them (it printed warnings) and no
 * SVG holds them (xmllint refused it).
 */
static bool valid_text(const char *s, char *why, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t total = strlen(s);
    for (size_t i = 0; p[i];) {
        unsigned char b = p[i];
        if (b < 0x80) {
            if (b < 0x20 && b != '\t' && b != '\n') {
                snprintf(why, n,
                         "control character 0x%02x at byte %zu; expected text (tab and newline "
                         "are the only control characters allowed)",
                         b, i + 1);
                return false;
            }
            i++;
            continue;
        }
        uint32_t cp;
        size_t len = csvchart_utf8_char(s + i, total - i, &cp);
        if (!len) {
            snprintf(why, n, "invalid UTF-8 byte 0x%02x at byte %zu", b, i + 1);
            return false;
        }
        if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) {
            snprintf(why, n,
                     "U+%04X at byte %zu is not a character (a Unicode noncharacter, which SVG "
                     "or PDF cannot hold); expected text",
                     (unsigned)cp, i + 1);
            return false;
        }
        i += len;
    }
    return true;
}

#define BAD(...) csvchart_error_set(err, CSVCHART_ERROR_VALUE, file, line, 0, __VA_ARGS__)

/* Checks the options whose text has a structure (annotation.h); the message in *e. */
static bool marks_ok(enum option_id id, const char *value, csvchart_error *e)
{
    const char *name = csvchart_option_def(id)->name;
    struct ref_mark *refs = NULL;
    struct note_mark *notes = NULL;
    double *nums = NULL;
    size_t n = 0;
    csvchart_status st = CSVCHART_OK;
    switch (id) {
    case OPT_RULE:
    case OPT_BAND:
        st = csvchart_parse_refs(name, value, id == OPT_BAND, &refs, &n, e);
        csvchart_refs_free(refs, n);
        break;
    case OPT_ANNOTATE:
        st = csvchart_parse_notes(name, value, &notes, &n, e);
        csvchart_notes_free(notes, n);
        break;
    case OPT_DOMAIN:
    case OPT_TICKS:
        st = *value ? csvchart_parse_numbers(name, value, id == OPT_DOMAIN ? 2 : 0, &nums, &n, e)
                    : CSVCHART_OK;
        free(nums);
        break;
    case OPT_LOCALE: {
        struct csvchart_locale *loc = NULL;
        st = *value ? csvchart_locale_load(value, &loc, e) : CSVCHART_OK;
        csvchart_locale_free(loc);
        break;
    }
    case OPT_BACKGROUND: {
        unsigned long c;
        if (*value && strcmp(value, "transparent") != 0 &&
            !csvchart_parse_color(value, strlen(value), &c)) {
            st = csvchart_error_set(e, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                                    "%s: \"%s\" is not a colour; expected transparent, #RGB, "
                                    "#RRGGBB or #RRGGBBAA",
                                    name, value);
        }
        break;
    }
    default:
        break;
    }
    return st == CSVCHART_OK;
}

csvchart_status csvchart_option_check_kind(enum option_id id, unsigned kind, const char *value,
                                           const char *file, size_t line, csvchart_error *err)
{
    if (id != OPT_MARK || strcmp(value, "auto") == 0) {
        return CSVCHART_OK;
    }
    bool trend_mark = strcmp(value, "line") == 0 || strcmp(value, "line+dot") == 0;
    bool bar_mark = strcmp(value, "bar") == 0 || strcmp(value, "lollipop") == 0;
    if (kind == KIND_TREND && bar_mark) {
        return BAD("mark: \"%s\" does not apply to trends; expected auto, line, dot or "
                   "line+dot",
                   value);
    }
    if (kind == KIND_BAR && trend_mark) {
        return BAD("mark: \"%s\" does not apply to bar charts; expected auto, bar, dot or "
                   "lollipop",
                   value);
    }
    return CSVCHART_OK;
}

csvchart_status csvchart_option_check(enum option_id id, const char *value, const char *file,
                                      size_t line, csvchart_error *err)
{
    csvchart_error local = {0};
    const struct option_def *d = csvchart_option_def(id);
    bool b;
    char why[160];
    /* Every type first: the checks below quote the value in their messages. */
    if (!valid_text(value, why, sizeof why)) {
        return BAD("%s: %s", d->name, why);
    }
    switch (d->type) {
    case OPTION_TEXT:
        if (!marks_ok(id, value, &local)) {
            return local.status == CSVCHART_ERROR_NOMEM ? csvchart_error_nomem(err)
                                                        : BAD("%s", local.message);
        }
        if (id == OPT_TODAY && *value) {
            struct date_value dv;
            char past[64];
            if (!csvchart_date_parse(value, strlen(value), &dv) &&
                csvchart_date_past_month_end(value, strlen(value), NULL, past, sizeof past)) {
                return BAD("%s: \"%s\" is not a date: %s", d->name, value, past);
            }
            if (!csvchart_date_parse(value, strlen(value), &dv)) {
                return BAD("%s: \"%s\" is not a date; expected e.g. 2026-03-01, March 2026 or "
                           "1 March 2026",
                           d->name, value);
            }
        }
        /* SVG ids are "<id_prefix>csvchart-...", referred to from aria-describedby */
        if (id == OPT_ID_PREFIX && *value && !csvchart_xml_is_ncname(value, strlen(value))) {
            return BAD("%s: \"%s\" is not an XML name; expected letters, digits, _, - and ., "
                       "starting with a letter or _",
                       d->name, value);
        }
        return CSVCHART_OK;
    case OPTION_COLUMN:
        return CSVCHART_OK;
    case OPTION_BOOL:
        if (!csvchart_parse_bool(value, &b)) {
            return BAD("%s: \"%s\" is not a boolean; expected true, false, yes, no, on, off, "
                       "1 or 0",
                       d->name, value);
        }
        return CSVCHART_OK;
    case OPTION_BOOL_AUTO:
        if (strcmp(value, "auto") != 0 && !csvchart_parse_bool(value, &b)) {
            return BAD("%s: \"%s\" is not a boolean; expected auto, true or false", d->name, value);
        }
        return CSVCHART_OK;
    case OPTION_NUMBER: {
        char *end;
        double v = strtod(value, &end);
        if (end == value || *end || !isfinite(v)) {
            return BAD("%s: \"%s\" is not a number", d->name, value);
        }
        if (v < d->min || v > d->max) {
            return BAD("%s: %s is out of range; expected %g to %g", d->name, value, d->min, d->max);
        }
        return CSVCHART_OK;
    }
    case OPTION_CHOICE:
        if ((id == OPT_DELIMITER && strcmp(value, "\t") == 0) ||
            (id == OPT_THEME && csvchart_theme_is_file(value))) {
            return CSVCHART_OK; /* a house theme is read when the figure is bound */
        }
        if (!choice_ok(d->choices, value)) {
            char hint[96];
            return BAD("%s: \"%s\" is not one of %s%s", d->name, value, d->choices,
                       choice_hint(d->choices, value, hint, sizeof hint));
        }
        return CSVCHART_OK;
    case OPTION_SIZE: {
        double w, h;
        if (!csvchart_parse_size(value, &w, &h)) {
            return BAD("%s: \"%s\" is not a size; expected WxH in px (1 to 100000), a "
                       "printed size with units in, cm, mm or pt on both sides (6.5inx4in), "
                       "or article, slide, slide-4x3, square, social",
                       d->name, value);
        }
        return CSVCHART_OK;
    }
    case OPTION_COLUMNS:
    case OPTION_LIST: {
        size_t n = csvchart_split_list(value, NULL, 0);
        if (n == (size_t)-1) {
            return BAD("%s: unbalanced double quote in \"%s\"", d->name, value);
        }
        return CSVCHART_OK;
    }
    case OPTION_PALETTE: {
        if (is_palette_name(value)) {
            return CSVCHART_OK;
        }
        char *items[64];
        size_t n = csvchart_split_list(value, items, 64);
        csvchart_status st = CSVCHART_OK;
        if (n == (size_t)-1 || n == 0 || n > 64) {
            st = BAD("%s: \"%s\" is neither a palette name (okabe-ito, tableau10, "
                     "observable10, dark2, grey) nor a list of 1 to 64 hex colours",
                     d->name, value);
            n = n == (size_t)-1 ? 0 : n > 64 ? 64 : n;
        }
        for (size_t i = 0; i < n; i++) {
            unsigned long c;
            if (st == CSVCHART_OK &&
                (!items[i] || !csvchart_parse_color(items[i], strlen(items[i]), &c))) {
                st = BAD("%s: \"%s\" is not a colour; expected #RGB, #RRGGBB or #RRGGBBAA "
                         "(or a palette name: okabe-ito, tableau10, observable10, dark2, grey)",
                         d->name, items[i] ? items[i] : "");
            }
            free(items[i]);
        }
        return st;
    }
    case OPTION_COLOR: {
        unsigned long c;
        if (*value && !csvchart_parse_color(value, strlen(value), &c)) {
            return BAD("%s: \"%s\" is not a colour; expected #RGB, #RRGGBB or #RRGGBBAA", d->name,
                       value);
        }
        return CSVCHART_OK;
    }
    case OPTION_BOOL_CHOICE:
        if (!csvchart_parse_bool(value, &b) && !choice_ok(d->choices, value)) {
            char hint[96];
            return BAD("%s: \"%s\" is not one of %s%s", d->name, value, d->choices,
                       choice_hint(d->choices, value, hint, sizeof hint));
        }
        return CSVCHART_OK;
    case OPTION_BOOL_PAIR: {
        if (csvchart_parse_bool(value, &b)) {
            return CSVCHART_OK;
        }
        char *items[3] = {0};
        size_t n = csvchart_split_list(value, items, 3);
        bool ok = n == 2 && items[0] && items[1] && *items[0] && *items[1];
        for (size_t i = 0; i < 3; i++) {
            free(items[i]);
        }
        if (!ok) {
            return BAD("%s: \"%s\" is neither a boolean nor two category names; expected "
                       "true, false or \"A,B\"",
                       d->name, value);
        }
        return CSVCHART_OK;
    }
    case OPTION_FORMAT: {
        struct value_format f;
        csvchart_error e = {0};
        if (csvchart_format_parse(value, &f, &e) != CSVCHART_OK) {
            return BAD("%s", e.message);
        }
        return CSVCHART_OK;
    }
    }
    return CSVCHART_OK;
}
