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
#include <stdio.h>
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
    s->alt = copy(s, "");
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
    free(s->alt);
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

void csvchart_scene_set_alt(struct csvchart_scene *s, const char *alt)
{
    if (alt && *alt) {
        csvchart_scene_set_string(s, &s->desc, alt);
        csvchart_scene_set_string(s, &s->alt, alt);
        return;
    }
    const char *title = s->title ? s->title : "", *desc = s->desc ? s->desc : "";
    size_t tn = strlen(title), dn = strlen(desc);
    char *text = malloc(tn + dn + 3);
    if (!text) {
        s->nomem = true;
        return;
    }
    bool stop = tn == 0 || strchr(".!?", title[tn - 1]) != NULL;
    snprintf(text, tn + dn + 3, "%s%s%s%s", title, stop ? "" : ".", tn && dn ? " " : "", desc);
    csvchart_scene_set_string(s, &s->alt, text);
    free(text);
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

/* ---- lines that yield to text ------------------------------------------------------------- */

struct box {
    double x0, y0, x1, y1;
};

struct span {
    double a, b;
};

static int span_cmp(const void *pa, const void *pb)
{
    const struct span *a = pa, *b = pb;
    return a->a < b->a ? -1 : a->a > b->a;
}

/*
 * The part [*t0, *t1] of the segment p + t d (t in [0, 1]) inside box b (Liang-Barsky);
 * false when it misses the box.
 */
static bool clip(double px, double py, double dx, double dy, const struct box *b, double *t0,
                 double *t1)
{
    double p[4] = {-dx, dx, -dy, dy};
    double q[4] = {px - b->x0, b->x1 - px, py - b->y0, b->y1 - py};
    double lo = 0, hi = 1;
    for (int i = 0; i < 4; i++) {
        if (p[i] == 0) {
            if (q[i] < 0) {
                return false; // parallel to this edge and outside it
            }
            continue;
        }
        double r = q[i] / p[i];
        if (p[i] < 0) {
            lo = r > lo ? r : lo;
        } else {
            hi = r < hi ? r : hi;
        }
    }
    if (lo >= hi) {
        return false;
    }
    *t0 = lo;
    *t1 = hi;
    return true;
}

/*
 * The text boxes in a grid of square cells, each box listed in every cell it touches, so a
 * line is checked against the boxes near it only: a timeline's thousand leaders against its
 * three thousand text boxes were nine million checks.
 */
struct grid {
    double cell, x0, y0;
    size_t cols, rows;
    size_t *start; /* cell c lists idx[start[c] .. start[c + 1]) */
    size_t *idx;
};

static void cell_range(const struct grid *g, double a0, double a1, double b0, double b1, size_t *c0,
                       size_t *c1, size_t *r0, size_t *r1)
{
    double fc0 = floor((a0 - g->x0) / g->cell), fc1 = floor((a1 - g->x0) / g->cell);
    double fr0 = floor((b0 - g->y0) / g->cell), fr1 = floor((b1 - g->y0) / g->cell);
    double mc = (double)g->cols - 1, mr = (double)g->rows - 1;
    *c0 = (size_t)fmin(fmax(fc0, 0), mc);
    *c1 = (size_t)fmin(fmax(fc1, 0), mc);
    *r0 = (size_t)fmin(fmax(fr0, 0), mr);
    *r1 = (size_t)fmin(fmax(fr1, 0), mr);
}

static bool grid_build(struct grid *g, const struct box *boxes, size_t nbox)
{
    double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    for (size_t k = 0; k < nbox; k++) {
        x0 = fmin(x0, boxes[k].x0);
        y0 = fmin(y0, boxes[k].y0);
        x1 = fmax(x1, boxes[k].x1);
        y1 = fmax(y1, boxes[k].y1);
    }
    /* About one box per cell, at most 4096 cells a side. */
    double cell = sqrt(fmax((x1 - x0) * (y1 - y0), 1) / (double)nbox);
    cell = fmax(cell, fmax(x1 - x0, y1 - y0) / 4096);
    g->cell = fmax(cell, 1);
    g->x0 = x0;
    g->y0 = y0;
    g->cols = (size_t)((x1 - x0) / g->cell) + 1;
    g->rows = (size_t)((y1 - y0) / g->cell) + 1;
    g->start = calloc(g->cols * g->rows + 1, sizeof *g->start);
    if (!g->start) {
        return false;
    }
    size_t total = 0;
    for (int pass = 0; pass < 2; pass++) { /* count, then fill */
        for (size_t k = 0; k < nbox; k++) {
            size_t c0, c1, r0, r1;
            cell_range(g, boxes[k].x0, boxes[k].x1, boxes[k].y0, boxes[k].y1, &c0, &c1, &r0, &r1);
            for (size_t r = r0; r <= r1; r++) {
                for (size_t c = c0; c <= c1; c++) {
                    if (pass == 0) {
                        g->start[r * g->cols + c + 1]++;
                    } else {
                        g->idx[g->start[r * g->cols + c]++] = k;
                    }
                }
            }
        }
        if (pass == 0) {
            for (size_t c = 0; c < g->cols * g->rows; c++) {
                g->start[c + 1] += g->start[c];
            }
            total = g->start[g->cols * g->rows];
            if (!(g->idx = malloc((total ? total : 1) * sizeof *g->idx))) {
                return false;
            }
        }
    }
    /* The fill moved each start to the next cell's: shift back. */
    memmove(g->start + 1, g->start, g->cols * g->rows * sizeof *g->start);
    g->start[0] = 0;
    return true;
}

void csvchart_scene_cut_lines(struct csvchart_scene *s, double pad)
{
    if (s->nomem) {
        return;
    }
    size_t nbox = 0, nyield = 0;
    for (size_t i = 0; i < s->len; i++) {
        nbox += s->items[i].kind == SCENE_TEXT;
        nyield += s->items[i].kind == SCENE_LINE && s->items[i].yields;
    }
    if (nbox == 0 || nyield == 0) {
        return;
    }
    struct box *boxes = malloc(nbox * sizeof *boxes);
    struct span *spans = malloc(nbox * sizeof *spans);
    size_t *seen = malloc(nbox * sizeof *seen); /* the line that last checked each box */
    bool *cut = calloc(s->len, sizeof *cut);
    struct grid g = {0};
    struct {
        struct scene_item *items;
        size_t len, cap;
    } out = {0};
    if (!boxes || !spans || !seen || !cut ||
        !csvchart_array_reserve((void **)&out.items, &out.cap, s->len, sizeof *out.items)) {
        s->nomem = true;
        goto done;
    }
    nbox = 0;
    for (size_t i = 0; i < s->len; i++) {
        const struct scene_item *it = &s->items[i];
        if (it->kind == SCENE_TEXT) {
            seen[nbox] = (size_t)-1;
            boxes[nbox++] =
                (struct box){it->x - pad, it->y - pad, it->x + it->w + pad, it->y + it->h + pad};
        }
    }
    if (!grid_build(&g, boxes, nbox)) {
        s->nomem = true;
        goto done;
    }
    for (size_t i = 0; i < s->len; i++) {
        struct scene_item *it = &s->items[i];
        /* One more slot for this item (a cut line's pieces reserve their own): once a line
         * has been cut in two, the output runs ahead of the input, so s->len is no bound. */
        if (!csvchart_array_reserve((void **)&out.items, &out.cap, out.len + 1,
                                    sizeof *out.items)) {
            s->nomem = true;
            break;
        }
        if (it->kind != SCENE_LINE || !it->yields) {
            out.items[out.len++] = *it;
            continue;
        }
        double dx = it->x2 - it->x, dy = it->y2 - it->y;
        double len = sqrt(dx * dx + dy * dy);
        size_t ns = 0, c0, c1, r0, r1;
        cell_range(&g, fmin(it->x, it->x2), fmax(it->x, it->x2), fmin(it->y, it->y2),
                   fmax(it->y, it->y2), &c0, &c1, &r0, &r1);
        for (size_t r = r0; r <= r1; r++) {
            for (size_t c = c0; c <= c1; c++) {
                for (size_t j = g.start[r * g.cols + c]; j < g.start[r * g.cols + c + 1]; j++) {
                    size_t k = g.idx[j];
                    const struct box *b = &boxes[k];
                    if (seen[k] == i || fmax(it->x, it->x2) < b->x0 ||
                        fmin(it->x, it->x2) > b->x1 || fmax(it->y, it->y2) < b->y0 ||
                        fmin(it->y, it->y2) > b->y1) {
                        continue;
                    }
                    seen[k] = i;
                    double t0, t1;
                    if (clip(it->x, it->y, dx, dy, b, &t0, &t1)) {
                        spans[ns++] = (struct span){t0, t1};
                    }
                }
            }
        }
        if (ns == 0) {
            out.items[out.len++] = *it;
            continue;
        }
        cut[i] = true;
        qsort(spans, ns, sizeof *spans, span_cmp);
        /* The pieces between the merged spans; pieces under a quarter pixel are dropped. */
        double from = 0, min_t = len > 0 ? 0.25 / len : 1;
        for (size_t k = 0; k <= ns; k++) {
            double to = k < ns ? spans[k].a : 1;
            if (to - from > min_t) {
                if (!csvchart_array_reserve((void **)&out.items, &out.cap, out.len + 1,
                                            sizeof *out.items)) {
                    s->nomem = true;
                    break;
                }
                struct scene_item piece = *it;
                piece.x = it->x + dx * from;
                piece.y = it->y + dy * from;
                piece.x2 = it->x + dx * to;
                piece.y2 = it->y + dy * to;
                piece.title = NULL; // a tooltip stays with whole lines only
                out.items[out.len++] = piece;
            }
            if (k < ns) {
                from = fmax(from, spans[k].b);
            }
        }
    }
    if (s->nomem) {
        free(out.items); // the old array still owns every string
        goto done;
    }
    for (size_t i = 0; i < s->len; i++) {
        if (cut[i]) {
            free(s->items[i].title);
        }
    }
    free(s->items);
    s->items = out.items;
    s->len = out.len;
    s->cap = out.cap;
done:
    free(g.start);
    free(g.idx);
    free(boxes);
    free(spans);
    free(seen);
    free(cut);
}
