/*
 * scene_check.h - checks on a laid-out scene shared by the tests (include after harness.h):
 *
 *   check_text_boxes  no two text boxes overlap (by more than half a pixel), none leaves the
 *                     canvas;
 *   check_line_cross  no line runs through the middle band of a text box (its glyphs): the
 *                     band is the box less 20% at the top and bottom and 10% at each end, the
 *                     rule of /work/shared/tools/scene-check.py `cross`, extended to slanted
 *                     lines (a slanted line counts when it passes through the band at all);
 *   check_text_floor  no text is smaller than a floor (CSS px);
 *   check_contrast    text at 4.5:1 against what lies under it (a mark or the background),
 *                     marks at 3:1 against the background.
 * check_scene_rules() runs them all, with the 11 px floor and the canvas size.
 *
 * Each check reports one failure per offending pair or item and one pass per scene, and runs
 * in O(n log n + pairs near each other), so scenes of thousands of texts stay cheap under the
 * sanitizers.
 */
#ifndef CSVCHART_SCENE_CHECK_H
#define CSVCHART_SCENE_CHECK_H

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "scene.h"
#include "theme.h"

static inline int scene_check_by_x(const void *a, const void *b)
{
    const struct scene_item *p = *(const struct scene_item *const *)a;
    const struct scene_item *q = *(const struct scene_item *const *)b;
    return p->x < q->x ? -1 : p->x > q->x;
}

/* The text items sorted by their left edge, and the widest; NULL when there are none. */
static inline const struct scene_item **scene_check_texts(const struct csvchart_scene *s, size_t *n,
                                                          double *widest)
{
    const struct scene_item **t = malloc((s->len + 1) * sizeof *t);
    *n = 0;
    *widest = 0;
    for (size_t i = 0; t && i < s->len; i++) {
        if (s->items[i].kind == SCENE_TEXT) {
            t[(*n)++] = &s->items[i];
            *widest = fmax(*widest, s->items[i].w);
        }
    }
    if (t) {
        qsort(t, *n, sizeof *t, scene_check_by_x);
    }
    return t;
}

static inline void check_text_boxes(const char *name, const struct csvchart_scene *s)
{
    const double eps = 0.5;
    size_t n, bad = 0;
    double widest;
    const struct scene_item **t = scene_check_texts(s, &n, &widest);
    for (size_t i = 0; t && i < n; i++) {
        const struct scene_item *a = t[i];
        if (!(a->x >= -eps && a->y >= -eps && a->x + a->w <= s->width + eps &&
              a->y + a->h <= s->height + eps)) {
            bad++;
            HARNESS_REPORT(0, "%s: text \"%s\" leaves the canvas (%.1f,%.1f %.1fx%.1f)", name,
                           a->text, a->x, a->y, a->w, a->h);
        }
        for (size_t j = i + 1; j < n && t[j]->x < a->x + a->w - eps; j++) {
            const struct scene_item *b = t[j];
            double ox = fmin(a->x + a->w, b->x + b->w) - fmax(a->x, b->x);
            double oy = fmin(a->y + a->h, b->y + b->h) - fmax(a->y, b->y);
            if (ox > eps && oy > eps) {
                bad++;
                HARNESS_REPORT(0, "%s: text \"%s\" overlaps \"%s\"", name, a->text, b->text);
            }
        }
    }
    HARNESS_REPORT(t != NULL, "%s: out of memory", name);
    if (t && bad == 0) {
        harness_passed++;
    }
    free(t);
}

/* True when segment (x1,y1)-(x2,y2) enters the open box [bx0,bx1] x [by0,by1]. */
static inline bool scene_check_enters(double x1, double y1, double x2, double y2, double bx0,
                                      double by0, double bx1, double by1)
{
    double dx = x2 - x1, dy = y2 - y1, lo = 0, hi = 1;
    double p[4] = {-dx, dx, -dy, dy}, q[4] = {x1 - bx0, bx1 - x1, y1 - by0, by1 - y1};
    for (int k = 0; k < 4; k++) {
        if (p[k] == 0) {
            if (q[k] <= 0) {
                return false;
            }
            continue;
        }
        double r = q[k] / p[k];
        if (p[k] < 0) {
            lo = fmax(lo, r);
        } else {
            hi = fmin(hi, r);
        }
    }
    return hi - lo > 1e-9;
}

/* The stroked, open paths (a trend's lines and fits) through the middle of a text box. */
static inline size_t check_path_cross(const char *name, const struct csvchart_scene *s,
                                      const struct scene_item **t, size_t n)
{
    size_t bad = 0;
    for (size_t i = 0; i < s->len; i++) {
        const struct scene_item *p = &s->items[i];
        if (p->kind != SCENE_PATH || p->closed || p->stroke_width <= 0) {
            continue;
        }
        for (size_t k = 1; k < p->npoints; k++) {
            const struct scene_point *a = &p->points[k - 1], *c = &p->points[k];
            for (size_t j = 0; j < n; j++) {
                const struct scene_item *b = t[j];
                if (scene_check_enters(a->x, a->y, c->x, c->y, b->x + 0.1 * b->w, b->y + 0.2 * b->h,
                                       b->x + 0.9 * b->w, b->y + 0.8 * b->h)) {
                    bad++;
                    HARNESS_REPORT(0, "%s: a path's segment (%.1f,%.1f)-(%.1f,%.1f) crosses \"%s\"",
                                   name, a->x, a->y, c->x, c->y, b->text);
                }
            }
        }
    }
    return bad;
}

static inline void check_line_cross(const char *name, const struct csvchart_scene *s)
{
    size_t n, bad = 0;
    double widest;
    const struct scene_item **t = scene_check_texts(s, &n, &widest);
    bad += t ? check_path_cross(name, s, t, n) : 0;
    for (size_t i = 0; t && i < s->len; i++) {
        const struct scene_item *l = &s->items[i];
        if (l->kind != SCENE_LINE) {
            continue;
        }
        double lx0 = fmin(l->x, l->x2), lx1 = fmax(l->x, l->x2);
        double ly0 = fmin(l->y, l->y2), ly1 = fmax(l->y, l->y2);
        size_t lo = 0, hi = n; /* the first text that may reach lx0 */
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (t[mid]->x + widest < lx0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for (size_t j = lo; j < n && t[j]->x <= lx1; j++) {
            const struct scene_item *b = t[j];
            bool horizontal = ly1 - ly0 < 0.01, vertical = lx1 - lx0 < 0.01, crosses;
            if (horizontal) {
                crosses = l->y > b->y + 0.2 * b->h && l->y < b->y + 0.8 * b->h &&
                          lx0 < b->x + b->w - 1 && lx1 > b->x + 1;
            } else if (vertical) {
                crosses = l->x > b->x + 0.1 * b->w && l->x < b->x + 0.9 * b->w &&
                          ly0 < b->y + 0.8 * b->h && ly1 > b->y + 0.2 * b->h;
            } else {
                crosses =
                    scene_check_enters(l->x, l->y, l->x2, l->y2, b->x + 0.1 * b->w,
                                       b->y + 0.2 * b->h, b->x + 0.9 * b->w, b->y + 0.8 * b->h);
            }
            if (crosses) {
                bad++;
                HARNESS_REPORT(0, "%s: a line (%.1f,%.1f)-(%.1f,%.1f) crosses \"%s\"", name, l->x,
                               l->y, l->x2, l->y2, b->text);
            }
        }
    }
    HARNESS_REPORT(t != NULL, "%s: out of memory", name);
    if (t && bad == 0) {
        harness_passed++;
    }
    free(t);
}

static inline void check_text_floor(const char *name, const struct csvchart_scene *s,
                                    double floor_px)
{
    size_t bad = 0;
    for (size_t i = 0; i < s->len; i++) {
        const struct scene_item *a = &s->items[i];
        if (a->kind == SCENE_TEXT && a->size_px < floor_px - 0.01) {
            bad++;
            HARNESS_REPORT(0, "%s: text \"%s\" at %.2f px, under %.1f", name, a->text, a->size_px,
                           floor_px);
        }
    }
    if (bad == 0) {
        harness_passed++;
    }
}

/* c drawn over opaque bg (straight alpha). */
static inline csvchart_rgba over_bg(csvchart_rgba c, csvchart_rgba bg)
{
    double a = (c & 255u) / 255.0;
    csvchart_rgba out = 255u;
    for (int sh = 24; sh >= 8; sh -= 8) {
        double v = ((c >> sh) & 255u) * a + ((bg >> sh) & 255u) * (1 - a);
        out |= (csvchart_rgba)lround(v) << sh;
    }
    return out;
}

static inline void check_contrast(const char *name, const struct csvchart_scene *s)
{
    for (size_t i = 0; i < s->len; i++) {
        const struct scene_item *it = &s->items[i];
        if ((it->kind == SCENE_RECT || it->kind == SCENE_CIRCLE) && (it->fill & 255u) >= 253) {
            double c = csvchart_contrast(it->fill, s->background);
            HARNESS_REPORT(c >= 3 - 0.01, "%s: mark #%08x is %.2f:1 on the background", name,
                           it->fill, c);
        }
        if (it->kind != SCENE_TEXT) {
            continue;
        }
        /* what lies under the text's middle: the last mark drawn there, or the background */
        double cx = it->x + it->w / 2, cy = it->y + it->h / 2;
        csvchart_rgba under = s->background;
        for (size_t j = 0; j < i; j++) {
            const struct scene_item *m = &s->items[j];
            bool in = m->kind == SCENE_RECT && cx >= m->x && cx <= m->x + m->w && cy >= m->y &&
                      cy <= m->y + m->h;
            in = in || (m->kind == SCENE_CIRCLE && hypot(cx - m->x, cy - m->y) <= m->r);
            if (in && (m->fill & 255u)) {
                under = over_bg(m->fill, under);
            }
        }
        double c = csvchart_contrast(over_bg(it->fill, under), under);
        HARNESS_REPORT(c >= 4.5 - 0.01, "%s: text \"%s\" is %.2f:1 on what lies under it", name,
                       it->text, c);
    }
}

/* No text on a dot (a point, a stack's net): its box stays out of the dot's inner square. */
static inline void check_text_on_dots(const char *name, const struct csvchart_scene *s)
{
    for (size_t i = 0; i < s->len; i++) {
        const struct scene_item *d = &s->items[i];
        if (d->kind != SCENE_CIRCLE || d->r < 2 || !(d->fill & 255u)) {
            continue;
        }
        double k = d->r * 0.7;
        for (size_t j = 0; j < s->len; j++) {
            const struct scene_item *t = &s->items[j];
            bool on = t->kind == SCENE_TEXT && t->x < d->x + k && t->x + t->w > d->x - k &&
                      t->y < d->y + k && t->y + t->h > d->y - k;
            HARNESS_REPORT(!on, "%s: text \"%s\" lies on a dot at %.1f,%.1f", name, t->text, d->x,
                           d->y);
        }
    }
}

/* Every rule above, and the canvas is w x h. */
static inline void check_scene_rules(const char *name, const struct csvchart_scene *s, double w,
                                     double h)
{
    HARNESS_REPORT(s->width == w && s->height == h, "%s: canvas %gx%g, asked for %gx%g", name,
                   s->width, s->height, w, h);
    check_text_boxes(name, s);
    check_line_cross(name, s);
    check_text_floor(name, s, 11);
    check_contrast(name, s);
    check_text_on_dots(name, s);
}

/*
 * Every number of every item is finite, and no size is negative: rect and text w, h, circle r,
 * stroke widths and dashes (text size > 0). Returns the number of bad items (each reported).
 */
static inline int check_scene_finite(const char *name, const struct csvchart_scene *s)
{
    int bad = 0;
    for (size_t i = 0; i < s->len; i++) {
        const struct scene_item *a = &s->items[i];
        bool ok = isfinite(a->x) && isfinite(a->y) && isfinite(a->stroke_width) &&
                  a->stroke_width >= 0 && isfinite(a->dash) && a->dash >= 0;
        switch (a->kind) {
        case SCENE_RECT:
            ok = ok && isfinite(a->w) && isfinite(a->h) && a->w >= 0 && a->h >= 0;
            break;
        case SCENE_LINE:
            ok = ok && isfinite(a->x2) && isfinite(a->y2);
            break;
        case SCENE_CIRCLE:
            ok = ok && isfinite(a->r) && a->r >= 0;
            break;
        case SCENE_PATH:
            for (size_t k = 0; k < a->npoints; k++) {
                ok = ok && isfinite(a->points[k].x) && isfinite(a->points[k].y);
            }
            break;
        case SCENE_TEXT:
            ok = ok && isfinite(a->w) && isfinite(a->h) && a->w >= 0 && a->h >= 0 &&
                 isfinite(a->baseline) && isfinite(a->anchor_x) && isfinite(a->size_px) &&
                 a->size_px > 0;
            break;
        }
        if (!ok) {
            bad++;
        }
        HARNESS_REPORT(ok,
                       "%s: item %zu (kind %d%s%s) is not finite or has a negative size: "
                       "x %g y %g w %g h %g x2 %g y2 %g r %g",
                       name, i, (int)a->kind, a->text ? " " : "", a->text ? a->text : "", a->x,
                       a->y, a->w, a->h, a->x2, a->y2, a->r);
    }
    return bad;
}

#endif
