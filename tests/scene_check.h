/*
 * scene_check.h - checks on a laid-out scene shared by the tests: no two text boxes overlap
 * (by more than half a pixel) and none leaves the canvas. Include after harness.h.
 */
#ifndef CSVCHART_SCENE_CHECK_H
#define CSVCHART_SCENE_CHECK_H

#include <math.h>
#include <stdbool.h>

#include "scene.h"

static void check_text_boxes(const char *name, const struct csvchart_scene *s)
{
    const double eps = 0.5;
    for (size_t i = 0; i < s->len; i++) {
        const struct scene_item *a = &s->items[i];
        if (a->kind != SCENE_TEXT) {
            continue;
        }
        HARNESS_REPORT(a->x >= -eps && a->y >= -eps && a->x + a->w <= s->width + eps &&
                           a->y + a->h <= s->height + eps,
                       "%s: text \"%s\" leaves the canvas (%.1f,%.1f %.1fx%.1f)", name, a->text,
                       a->x, a->y, a->w, a->h);
        for (size_t j = i + 1; j < s->len; j++) {
            const struct scene_item *b = &s->items[j];
            if (b->kind != SCENE_TEXT) {
                continue;
            }
            double ox = fmin(a->x + a->w, b->x + b->w) - fmax(a->x, b->x);
            double oy = fmin(a->y + a->h, b->y + b->h) - fmax(a->y, b->y);
            HARNESS_REPORT(ox <= eps || oy <= eps, "%s: text \"%s\" overlaps \"%s\"", name,
                           a->text, b->text);
        }
    }
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
