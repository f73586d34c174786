/*
 * theme_file.c - house themes: theme = NAME.ini (theme.h shows a file).
 *
 * The file is read when the figure is bound (csvchart_spec_bind), so an edit shows in the
 * next render. Its syntax is the plain subset of the INI files of `csvchart render`: one
 * "key = value" a line, lines starting with ; or # and " ;" after a value are comments (a
 * colour's # is not), an optional [theme] header, a UTF-8
 * byte order mark skipped, LF or CRLF line ends. Not the batch reader itself: that one lives
 * in the command (sections are figures, values continue and take quotes) and a theme needs
 * none of it. Every key is checked where it is written, so an error names its line.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "options.h"
#include "theme.h"
#include "utf8.h"

#define MAX_THEME_BYTES (64 * 1024)

bool csvchart_theme_is_file(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    return n > 4 && strcmp(name + n - 4, ".ini") == 0;
}

/* The colour keys and where each goes in struct theme. */
static const struct {
    const char *key;
    size_t offset;
    double text_contrast; /* text colours: the contrast they need with the background */
} colors[] = {
    {"background", offsetof(struct theme, background), 0},
    {"title", offsetof(struct theme, title), 4.5},
    {"text", offsetof(struct theme, text), 4.5},
    {"subtitle", offsetof(struct theme, subtitle), 4.5},
    {"faint", offsetof(struct theme, faint), 4.5},
    {"grid", offsetof(struct theme, grid), 0},
    {"axis", offsetof(struct theme, axis), 0},
    {"muted", offsetof(struct theme, muted), 0},
};

struct reader {
    const char *path;
    size_t line;
    csvchart_error *err;
    char base[16];
    size_t color_line[sizeof colors / sizeof colors[0]];
    unsigned long color[sizeof colors / sizeof colors[0]];
    size_t seen[32]; /* lines of the keys set, by key index (keys[]) */
};

#define BAD(r, ...)                                                                                \
    csvchart_error_set((r)->err, CSVCHART_ERROR_DATA, (r)->path, (r)->line, 0, __VA_ARGS__)

/* Every key, in the order of `seen`: the colours, then these. */
static const char *const other_keys[] = {
    "base",       "palette",    "font",   "byline",     "title_size",    "subtitle_size",
    "label_size", "small_size", "margin", "margin_top", "margin_bottom",
};
#define NCOLORS (sizeof colors / sizeof colors[0])
#define NKEYS (NCOLORS + sizeof other_keys / sizeof other_keys[0])

static size_t key_index(const char *key)
{
    for (size_t i = 0; i < NCOLORS; i++) {
        if (strcmp(key, colors[i].key) == 0) {
            return i;
        }
    }
    for (size_t i = 0; i < sizeof other_keys / sizeof other_keys[0]; i++) {
        if (strcmp(key, other_keys[i]) == 0) {
            return NCOLORS + i;
        }
    }
    return (size_t)-1;
}

/* A size in px at 1200x675: a number in [lo, hi]. */
static bool size_value(struct reader *r, const char *key, const char *v, double lo, double hi,
                       double *out)
{
    char *end;
    errno = 0;
    double x = strtod(v, &end);
    if (end == v || *end || errno || !isfinite(x)) {
        BAD(r, "%s: \"%s\" is not a number of px", key, v);
        return false;
    }
    if (x < lo || x > hi) {
        BAD(r, "%s: %g px is outside %g to %g px%s", key, x, lo, hi,
            strstr(key, "_size") ? " (the floor of its text, at most three times the default)"
                                 : "");
        return false;
    }
    *out = x;
    return true;
}

static bool copy_text(struct reader *r, const char *key, const char *v, char *out, size_t n)
{
    if (strlen(v) >= n) {
        BAD(r, "%s: longer than %zu bytes", key, n - 1);
        return false;
    }
    if (!csvchart_utf8_valid(v, strlen(v))) { /* the byline is drawn and written into the SVG */
        BAD(r, "%s: not UTF-8 text", key);
        return false;
    }
    snprintf(out, n, "%s", v);
    return true;
}

/* One "key = value" line of the file; the house parts go to *h. */
static bool set_key(struct reader *r, const char *key, const char *v, struct theme_house *h)
{
    size_t k = key_index(key);
    if (k == (size_t)-1) {
        BAD(r,
            "unknown key \"%s\"; a house theme sets base, palette, font, byline, the colours "
            "background, title, text, subtitle, faint, grid, axis, muted, the sizes "
            "title_size, subtitle_size, label_size, small_size and margin, margin_top, "
            "margin_bottom",
            key);
        return false;
    }
    if (r->seen[k]) {
        BAD(r, "%s is set twice (first on line %zu)", key, r->seen[k]);
        return false;
    }
    r->seen[k] = r->line;
    if (k < NCOLORS) {
        if (!csvchart_parse_color(v, strlen(v), &r->color[k])) {
            BAD(r,
                "%s: \"%s\" is not a colour; expected #RGB, #RRGGBB or a colour name (blue, "
                "orange, green, red, sky, pink, yellow, grey)",
                key, v);
            return false;
        }
        r->color_line[k] = r->line;
        return true;
    }
    const char *name = other_keys[k - NCOLORS];
    if (strcmp(name, "base") == 0) {
        if (strcmp(v, "light") != 0 && strcmp(v, "dark") != 0 && strcmp(v, "print") != 0) {
            BAD(r, "base: \"%s\" is not a built-in theme; expected light, dark or print", v);
            return false;
        }
        snprintf(r->base, sizeof r->base, "%s", v);
        return true;
    }
    if (strcmp(name, "palette") == 0) {
        csvchart_error e = {0};
        if (csvchart_option_check(OPT_PALETTE, v, NULL, 0, &e)) {
            BAD(r, "%s", e.message);
            return false;
        }
        return copy_text(r, name, v, h->palette, sizeof h->palette);
    }
    if (strcmp(name, "font") == 0) {
        h->font_line = r->line;
        return copy_text(r, name, v, h->font, sizeof h->font);
    }
    if (strcmp(name, "byline") == 0) {
        h->byline_line = r->line;
        return copy_text(r, name, v, h->byline, sizeof h->byline);
    }
    for (int t = 0; t < TYPE_ROLES; t++) {
        char sized[32];
        snprintf(sized, sizeof sized, "%s_size", csvchart_type_scale[t].name);
        if (strcmp(name, sized) == 0) {
            return size_value(r, name, v, csvchart_type_scale[t].floor,
                              3 * csvchart_type_scale[t].base, &h->type[t]);
        }
    }
    double *pad = strcmp(name, "margin") == 0       ? &h->pad_x
                  : strcmp(name, "margin_top") == 0 ? &h->pad_top
                                                    : &h->pad_bottom;
    return size_value(r, name, v, 4, 200, pad);
}

/* Splits the file into lines and sets each key; false at the first error. */
static bool read_lines(struct reader *r, char *text, struct theme_house *h)
{
    char *p = text;
    if (strncmp(p, "\xEF\xBB\xBF", 3) == 0) {
        p += 3;
    }
    bool section = false;
    for (r->line = 1; *p; r->line++) {
        char *eol = p + strcspn(p, "\n");
        char *next = *eol ? eol + 1 : eol;
        *eol = '\0';
        if (eol > p && eol[-1] == '\r') {
            eol[-1] = '\0';
        }
        while (*p == ' ' || *p == '\t') {
            p++;
        }
        char *end = p + strlen(p);
        if (*p && *p != ';' && *p != '#') {
            for (char *c = p; *c; c++) { /* " ;" starts a comment, as in render's files */
                if (*c == ';' && (c[-1] == ' ' || c[-1] == '\t')) {
                    end = c;
                    break;
                }
            }
            while (end > p && (end[-1] == ' ' || end[-1] == '\t')) {
                end--;
            }
            *end = '\0';
            if (*p == '[') {
                if (strcmp(p, "[theme]") != 0 || section) {
                    BAD(r, "\"%s\": a house theme has one section, [theme], if any", p);
                    return false;
                }
                section = true;
            } else {
                char *eq = p + strcspn(p, "=:");
                if (!*eq) {
                    BAD(r, "expected key = value, got \"%s\"", p);
                    return false;
                }
                char *k_end = eq, *v = eq + 1;
                while (k_end > p && (k_end[-1] == ' ' || k_end[-1] == '\t')) {
                    k_end--;
                }
                *k_end = '\0';
                while (*v == ' ' || *v == '\t') {
                    v++;
                }
                if (!set_key(r, p, v, h)) {
                    return false;
                }
            }
        }
        p = next;
    }
    return true;
}

csvchart_status csvchart_theme_load(const char *path, const char *palette, struct theme *out,
                                    csvchart_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return csvchart_error_set(err, CSVCHART_ERROR_IO, path, 0, 0,
                                  "cannot read the house theme: %s", strerror(errno));
    }
    char *text = malloc(MAX_THEME_BYTES + 1);
    if (!text) {
        fclose(f);
        return csvchart_error_nomem(err);
    }
    size_t n = fread(text, 1, MAX_THEME_BYTES + 1, f);
    bool failed = ferror(f);
    fclose(f);
    if (failed) {
        free(text);
        return csvchart_error_set(err, CSVCHART_ERROR_IO, path, 0, 0,
                                  "cannot read the house theme");
    }
    csvchart_status st = csvchart_theme_parse(path, text, n, palette, out, err);
    free(text);
    return st;
}

csvchart_status csvchart_theme_parse(const char *path, const char *data, size_t n,
                                     const char *palette, struct theme *out, csvchart_error *err)
{
    if (n > MAX_THEME_BYTES || memchr(data, '\0', n)) {
        return csvchart_error_set(err, CSVCHART_ERROR_DATA, path, 0, 0,
                                  n > MAX_THEME_BYTES
                                      ? "a house theme is at most 64 KiB"
                                      : "a house theme is text, and this file holds a NUL byte");
    }
    char *text = malloc(n + 1); /* read_lines() cuts the lines in place */
    if (!text) {
        return csvchart_error_nomem(err);
    }
    memcpy(text, data, n);
    text[n] = '\0';
    struct reader r = {.path = path, .err = err, .base = "light"};
    struct theme_house h = {0};
    bool ok = read_lines(&r, text, &h);
    free(text);
    if (!ok) {
        return err ? err->status : CSVCHART_ERROR_DATA;
    }
    csvchart_theme_base(r.base, out);
    for (size_t i = 0; i < NCOLORS; i++) {
        if (r.color_line[i]) {
            *(csvchart_rgba *)((char *)out + colors[i].offset) = (csvchart_rgba)r.color[i];
        }
    }
    /* Text must read: every text colour at 4.5:1 on the background (WCAG 1.4.3). */
    for (size_t i = 0; i < NCOLORS; i++) {
        csvchart_rgba c = *(csvchart_rgba *)((char *)out + colors[i].offset);
        double ratio = csvchart_contrast(c, out->background);
        if (colors[i].text_contrast > 0 && ratio < colors[i].text_contrast) {
            size_t line = r.color_line[i] ? r.color_line[i] : r.color_line[0];
            return csvchart_error_set(
                err, CSVCHART_ERROR_DATA, path, line, 0,
                "%s text #%06lX on the background #%06lX is %.1f:1; text needs 4.5:1 (set %s "
                "darker or lighter)",
                colors[i].key, (unsigned long)(c >> 8), (unsigned long)(out->background >> 8),
                ratio, colors[i].key);
        }
    }
    bool print_base = strcmp(r.base, "print") == 0;
    bool same_bg = !r.color_line[0];
    out->house = h;
    csvchart_theme_set_palette(out, palette && *palette ? palette : h.palette, print_base,
                               same_bg && !print_base);
    return CSVCHART_OK;
}
