/*
 * scene_dump.c - the scene as text, one primitive per line (the "scene" output format and the
 * golden files of the layout tests; the line format is documented in scene.h).
 *
 * Pipeline position: scene -> text, alongside the PNG/SVG/PDF backends. Numbers are fixed-point
 * with 2 decimals, formatted by hand from an integer count of hundredths so the decimal point
 * never depends on the C locale and -0.001 prints as 0.00, not -0.00. Everything is appended to
 * one growable buffer whose allocation failure is sticky; the caller checks once at the end.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "scene.h"

struct buf {
    char *items;
    size_t len, cap;
    bool nomem;
};

static void put(struct buf *b, const char *s, size_t n)
{
    if (b->nomem) {
        return;
    }
    if (!csvchart_array_reserve((void **)&b->items, &b->cap, b->len + n + 1, 1)) {
        b->nomem = true;
        return;
    }
    memcpy(b->items + b->len, s, n);
    b->len += n;
    b->items[b->len] = '\0';
}

static void puts_(struct buf *b, const char *s)
{
    put(b, s, strlen(s));
}

/* v as "%.2f" into tmp (at least 32 bytes), without the locale. */
static const char *fixed2(char *tmp, size_t size, double v)
{
    if (!isfinite(v)) {
        snprintf(tmp, size, "%s", isnan(v) ? "nan" : v < 0 ? "-inf" : "inf");
    } else if (fabs(v) >= 1e15) { // llround's range; such numbers are integral anyway
        snprintf(tmp, size, "%.0f.00", v);
    } else {
        long long h = llround(v * 100.0);
        unsigned long long a = h < 0 ? 0ULL - (unsigned long long)h : (unsigned long long)h;
        snprintf(tmp, size, "%s%llu.%02llu", h < 0 ? "-" : "", a / 100, a % 100);
    }
    return tmp;
}

/* " N" */
static void num(struct buf *b, double v)
{
    char tmp[64];
    put(b, " ", 1);
    puts_(b, fixed2(tmp, sizeof tmp, v));
}

/* " key=N" */
static void keynum(struct buf *b, const char *key, double v)
{
    char tmp[64];
    put(b, " ", 1);
    puts_(b, key);
    put(b, "=", 1);
    puts_(b, fixed2(tmp, sizeof tmp, v));
}

static void color(struct buf *b, const char *key, csvchart_rgba c)
{
    char tmp[32];
    snprintf(tmp, sizeof tmp, " %s=#%08lx", key, (unsigned long)c);
    puts_(b, tmp);
}

/* A double-quoted string with \" and \\ escaped. */
static void quoted(struct buf *b, const char *s)
{
    put(b, "\"", 1);
    for (const char *p = s ? s : ""; *p; p++) {
        if (*p == '"' || *p == '\\') {
            put(b, "\\", 1);
        }
        put(b, p, 1);
    }
    put(b, "\"", 1);
}

static const char *anchor_name(enum text_anchor a)
{
    switch (a) {
    case TEXT_ANCHOR_MIDDLE:
        return "middle";
    case TEXT_ANCHOR_END:
        return "end";
    case TEXT_ANCHOR_START:
    default:
        return "start";
    }
}

static void item(struct buf *b, const struct scene_item *it)
{
    switch (it->kind) {
    case SCENE_RECT:
        puts_(b, "rect");
        num(b, it->x), num(b, it->y), num(b, it->w), num(b, it->h);
        color(b, "fill", it->fill);
        if (it->stroke != CSVCHART_RGBA_NONE && it->stroke_width > 0) {
            color(b, "stroke", it->stroke);
            keynum(b, "width", it->stroke_width);
        }
        break;
    case SCENE_LINE:
        puts_(b, "line");
        num(b, it->x), num(b, it->y), num(b, it->x2), num(b, it->y2);
        color(b, "stroke", it->stroke);
        keynum(b, "width", it->stroke_width);
        if (it->dash > 0) {
            keynum(b, "dash", it->dash);
        }
        break;
    case SCENE_PATH: {
        char tmp[48];
        snprintf(tmp, sizeof tmp, "path %zu %s", it->npoints, it->closed ? "closed" : "open");
        puts_(b, tmp);
        for (size_t i = 0; i < it->npoints; i++) {
            num(b, it->points[i].x), num(b, it->points[i].y);
        }
        color(b, "fill", it->fill);
        color(b, "stroke", it->stroke);
        keynum(b, "width", it->stroke_width);
        if (it->dash > 0) {
            keynum(b, "dash", it->dash);
        }
        break;
    }
    case SCENE_CIRCLE:
        puts_(b, "circle");
        num(b, it->x), num(b, it->y), num(b, it->r);
        color(b, "fill", it->fill);
        break;
    case SCENE_TEXT: {
        char tmp[32];
        puts_(b, "text");
        num(b, it->x), num(b, it->y), num(b, it->w), num(b, it->h);
        puts_(b, " ");
        quoted(b, it->text);
        keynum(b, "size", it->size_px);
        snprintf(tmp, sizeof tmp, " weight=%d anchor=", it->weight);
        puts_(b, tmp);
        puts_(b, anchor_name(it->anchor));
        color(b, "fill", it->fill);
        break;
    }
    }
    put(b, "\n", 1);
}

bool csvchart_scene_dump(const struct csvchart_scene *s, char **out, size_t *len)
{
    struct buf b = {0};
    puts_(&b, "scene");
    num(&b, s->width), num(&b, s->height);
    color(&b, "background", s->background);
    puts_(&b, " font=");
    quoted(&b, s->font_family);
    put(&b, "\n", 1);
    for (size_t i = 0; i < s->len; i++) {
        item(&b, &s->items[i]);
    }
    if (b.nomem) {
        free(b.items);
        return false;
    }
    *out = b.items;
    *len = b.len;
    return true;
}
