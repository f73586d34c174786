/*
 * scene.c - building a scene: the flat list of drawing primitives that layout fills and every
 * backend replays (scene.h; the dump is in scene_dump.c).
 *
 * Pipeline position: layout -> scene -> render. Items live in one {items, len, cap} array and
 * each owns copies of its strings, so nothing upstream must outlive the scene. Adding never
 * reports an error: the first failed allocation sets the sticky `nomem` flag, every later add
 * returns NULL, and layout checks the flag once when it is done.
 */
#include "scene.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"

/*
 * Drops a UTF-8 sequence left incomplete at the end of p. Layout builds some strings in
 * fixed-size buffers (a bar's tooltip "CATEGORY: VALUE" in 300 bytes, the SVG description) and
 * snprintf() cuts by bytes, which could end a long category name with half a character: an
 * SVG holding that is not valid UTF-8, so no XML parser reads it.
 */
static void drop_cut_char(char *p)
{
    size_t n = strlen(p), i = n;
    while (i > 0 && n - i < 3 && ((unsigned char)p[i - 1] & 0xC0) == 0x80) {
        i--; // back over continuation bytes to the lead byte
    }
    if (i == 0) {
        return;
    }
    unsigned char lead = (unsigned char)p[i - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (n - (i - 1) < need) {
        p[i - 1] = '\0';
    }
}

/* A copy of s (NULL counts as ""); sets the sticky flag and returns NULL on failure. */
static char *copy(struct csvchart_scene *s, const char *v)
{
    char *p = csvchart_strdup(v ? v : "");
    if (!p) {
        s->nomem = true;
        return NULL;
    }
    drop_cut_char(p);
    return p;
}

void csvchart_scene_init(struct csvchart_scene *s, double width, double height,
                         csvchart_rgba background, const char *font_family)
{
    memset(s, 0, sizeof *s);
    s->width = width;
    s->height = height;
    s->background = background;
    s->font_family = copy(s, font_family);
    s->title = copy(s, "");
    s->desc = copy(s, "");
    s->source = copy(s, "");
}

void csvchart_scene_fini(struct csvchart_scene *s)
{
    if (!s) {
        return;
    }
    for (size_t i = 0; i < s->len; i++) {
        free(s->items[i].points);
        free(s->items[i].text);
        free(s->items[i].title);
    }
    free(s->items);
    free(s->font_family);
    free(s->title);
    free(s->desc);
    free(s->source);
    memset(s, 0, sizeof *s);
}

void csvchart_scene_set_string(struct csvchart_scene *s, char **field, const char *value)
{
    char *p = copy(s, value);
    if (!p) {
        return; // the old value stays; nomem is set
    }
    free(*field);
    *field = p;
}

/*
 * The geometry contract (issue 10): every coordinate finite, every size >= 0. Layout computes
 * sizes from data; a NaN or an infinity there is a layout or binding bug (values that are not
 * finite are refused when bound), and so is a negative width: asserting here finds the caller
 * instead of normalising its mistake into a plausible picture.
 */
#define FINITE(v) assert(isfinite(v))
#define SIZE(v) assert(isfinite(v) && (v) >= 0)

/* Appends a zeroed item of `kind`, or returns NULL (and sets nomem) when out of memory. */
static struct scene_item *add(struct csvchart_scene *s, enum scene_kind kind)
{
    if (s->nomem) {
        return NULL;
    }
    if (!csvchart_array_reserve((void **)&s->items, &s->cap, s->len + 1, sizeof *s->items)) {
        s->nomem = true;
        return NULL;
    }
    struct scene_item *it = &s->items[s->len++];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    it->weight = 400;
    return it;
}

struct scene_item *csvchart_scene_rect(struct csvchart_scene *s, double x, double y, double w,
                                       double h, csvchart_rgba fill)
{
    FINITE(x);
    FINITE(y);
    SIZE(w);
    SIZE(h);
    struct scene_item *it = add(s, SCENE_RECT);
    if (it) {
        it->x = x;
        it->y = y;
        it->w = w;
        it->h = h;
        it->fill = fill;
    }
    return it;
}

struct scene_item *csvchart_scene_line(struct csvchart_scene *s, double x1, double y1, double x2,
                                       double y2, csvchart_rgba stroke, double width)
{
    FINITE(x1);
    FINITE(y1);
    FINITE(x2);
    FINITE(y2);
    SIZE(width);
    struct scene_item *it = add(s, SCENE_LINE);
    if (it) {
        it->x = x1;
        it->y = y1;
        it->x2 = x2;
        it->y2 = y2;
        it->stroke = stroke;
        it->stroke_width = width;
    }
    return it;
}

struct scene_item *csvchart_scene_circle(struct csvchart_scene *s, double cx, double cy, double r,
                                         csvchart_rgba fill)
{
    FINITE(cx);
    FINITE(cy);
    SIZE(r);
    struct scene_item *it = add(s, SCENE_CIRCLE);
    if (it) {
        it->x = cx;
        it->y = cy;
        it->r = r;
        it->fill = fill;
    }
    return it;
}

struct scene_item *csvchart_scene_path(struct csvchart_scene *s, const struct scene_point *pts,
                                       size_t n, bool closed, csvchart_rgba fill,
                                       csvchart_rgba stroke, double stroke_width)
{
    for (size_t i = 0; i < n; i++) {
        FINITE(pts[i].x);
        FINITE(pts[i].y);
    }
    SIZE(stroke_width);
    struct scene_point *copy_pts = NULL;
    if (n) {
        if (s->nomem || n > SIZE_MAX / sizeof *pts || !(copy_pts = malloc(n * sizeof *pts))) {
            s->nomem = true;
            return NULL;
        }
        memcpy(copy_pts, pts, n * sizeof *pts);
    }
    struct scene_item *it = add(s, SCENE_PATH);
    if (!it) {
        free(copy_pts);
        return NULL;
    }
    it->points = copy_pts;
    it->npoints = n;
    it->closed = closed;
    it->fill = fill;
    it->stroke = stroke;
    it->stroke_width = stroke_width;
    return it;
}

struct scene_item *csvchart_scene_text(struct csvchart_scene *s, const char *text, double x,
                                       double y, double w, double h, double baseline,
                                       enum text_anchor anchor, double anchor_x, double size_px,
                                       int weight, csvchart_rgba color)
{
    FINITE(x);
    FINITE(y);
    SIZE(w);
    SIZE(h);
    FINITE(baseline);
    FINITE(anchor_x);
    assert(isfinite(size_px) && size_px > 0);
    if (s->nomem) {
        return NULL;
    }
    char *t = copy(s, text);
    if (!t) {
        return NULL;
    }
    for (char *p = t; *p; p++) {
        if (*p == '\t' || *p == '\n' || *p == '\r') {
            *p = ' '; // one line (scene.h); Pango drew a tab as a tab stop, SVG as a space
        }
    }
    struct scene_item *it = add(s, SCENE_TEXT);
    if (!it) {
        free(t);
        return NULL;
    }
    it->text = t;
    it->x = x;
    it->y = y;
    it->w = w;
    it->h = h;
    it->baseline = baseline;
    it->anchor = anchor;
    it->anchor_x = anchor_x;
    it->size_px = size_px;
    it->weight = weight;
    it->fill = color;
    return it;
}

void csvchart_scene_item_set_title(struct csvchart_scene *s, struct scene_item *item,
                                   const char *title)
{
    if (!item) {
        return;
    }
    char *t = copy(s, title);
    if (!t) {
        return;
    }
    free(item->title);
    item->title = t;
}
