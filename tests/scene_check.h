/*
 * scene_check.h - checks on a laid-out scene shared by the tests: no two text boxes overlap
 * (by more than half a pixel) and none leaves the canvas. Include after harness.h.
 */
#ifndef CSVCHART_SCENE_CHECK_H
#define CSVCHART_SCENE_CHECK_H

#include <math.h>

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

#endif
