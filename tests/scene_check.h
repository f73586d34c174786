/*
 * scene_check.h - checks on a laid-out scene shared by the tests, the rules of the size
 * contract (INTERFACE.md) and of /work/shared/tools/scene-check.py:
 *   check_text_boxes       no two text boxes overlap (by more than half a pixel), none leaves
 *                          the canvas;
 *   check_lines_clear      no line runs through the middle band of a text box (its glyphs);
 *   check_text_floor       no text under a size;
 *   check_contrast         text at 4.5:1 against what lies under it (a mark or the
 *                          background), marks at 3:1 against the background.
 * check_scene_rules() runs them all. Include after harness.h.
 */
#ifndef CSVCHART_SCENE_CHECK_H
#define CSVCHART_SCENE_CHECK_H

#include <math.h>
#include <stdbool.h>

#include "scene.h"
#include "theme.h"

static inline void check_text_boxes(const char *name, const struct csvchart_scene *s)
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
 * Whether line l runs through the glyphs of text t: the middle 60% of its height, and (for a
 * line along x) more than a pixel into it from either side, as scene-check.py `cross` says.
 * Lines in other directions are clipped against the box's middle (10-90% across).
 */
static inline bool line_through_text(const struct scene_item *l, const struct scene_item *t)
{
    double x0 = t->x + 0.1 * t->w, x1 = t->x + 0.9 * t->w;
    double y0 = t->y + 0.2 * t->h, y1 = t->y + 0.8 * t->h;
    if (fabs(l->y - l->y2) < 0.01) {
        x0 = t->x + 1, x1 = t->x + t->w - 1;
    }
    double px = l->x, py = l->y, dx = l->x2 - l->x, dy = l->y2 - l->y;
    double p[4] = {-dx, dx, -dy, dy}, q[4] = {px - x0, x1 - px, py - y0, y1 - py};
    double lo = 0, hi = 1;
    for (int i = 0; i < 4; i++) {
        if (p[i] == 0) {
            if (q[i] <= 0) {
                return false;
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
    return lo < hi;
}

static inline void check_lines_clear(const char *name, const struct csvchart_scene *s)
{
    size_t bad = 0;
    for (size_t i = 0; i < s->len && bad < 5; i++) {
        const struct scene_item *l = &s->items[i];
        if (l->kind != SCENE_LINE) {
            continue;
        }
        for (size_t j = 0; j < s->len && bad < 5; j++) {
            const struct scene_item *t = &s->items[j];
            if (t->kind == SCENE_TEXT && line_through_text(l, t)) {
                bad++;
                HARNESS_REPORT(false, "%s: line %.1f,%.1f-%.1f,%.1f runs through \"%s\"", name,
                               l->x, l->y, l->x2, l->y2, t->text);
            }
        }
    }
    HARNESS_REPORT(true, "%s", name);
}

static inline void check_text_floor(const char *name, const struct csvchart_scene *s, double floor)
{
    for (size_t i = 0; i < s->len; i++) {
        const struct scene_item *t = &s->items[i];
        HARNESS_REPORT(t->kind != SCENE_TEXT || t->size_px >= floor - 1e-9,
                       "%s: \"%s\" is %.2f px, under %.1f", name, t->text, t->size_px, floor);
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

/* Every rule above, and the canvas is w x h. */
static inline void check_scene_rules(const char *name, const struct csvchart_scene *s, double w, double h)
{
    HARNESS_REPORT(s->width == w && s->height == h, "%s: canvas %gx%g, asked for %gx%g", name,
                   s->width, s->height, w, h);
    check_text_boxes(name, s);
    check_lines_clear(name, s);
    check_text_floor(name, s, 11);
    check_contrast(name, s);
}

#endif
