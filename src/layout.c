/*
 * layout.c - the shared frame of a figure (title, subtitle, legend, note, source) and the
 * text helpers every layout uses (see layout.h).
 *
 * Everything here measures through the csvchart_text_measurer and writes scene items; no
 * cairo, no Pango. Positions are CSS px.
 */
#include "layout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PARAGRAPH_LINES 16

void csvchart_layout_begin(struct layout *L, const struct spec *s,
                           const csvchart_text_measurer *m, struct csvchart_scene *scene)
{
    memset(L, 0, sizeof *L);
    L->spec = s;
    L->m = m;
    L->scene = scene;
    double u = fmin(s->width / 1200.0, s->height / 675.0);
    L->u = u < 0.6 ? 0.6 : u > 3 ? 3 : u;
    L->scale = s->render.scale > 0 ? s->render.scale : 1;
    L->title = (struct text_style){s->font, round(30 * L->u * 2) / 2, 700};
    L->subtitle = (struct text_style){s->font, round(19 * L->u * 2) / 2, 400};
    L->label = (struct text_style){s->font, round(16 * L->u * 2) / 2, 400};
    L->small = (struct text_style){s->font, round(13.5 * L->u * 2) / 2, 400};
    csvchart_scene_init(scene, s->width, s->height, s->theme.background, s->font);
    csvchart_scene_set_string(scene, &scene->title, s->title);
    csvchart_scene_set_string(scene, &scene->source, s->source);
    double pad_x = 36 * L->u, pad_top = 30 * L->u, pad_bottom = 24 * L->u;
    L->left = pad_x;
    L->right = s->width - pad_x;
    L->top = pad_top;
    L->bottom = s->height - pad_bottom;
}

double csvchart_layout_line_height(const struct layout *L, const struct text_style *st)
{
    struct text_metrics tm;
    L->m->measure(L->m->ctx, st, "Hg", 2, &tm);
    /* Baselines are snapped to device pixels, so the line pitch is a whole number of them:
     * otherwise rounding could pull two lines of a paragraph into each other. */
    return ceil((tm.ascent + tm.descent) * L->scale) / L->scale;
}

double csvchart_layout_ascent(const struct layout *L, const struct text_style *st)
{
    struct text_metrics tm;
    L->m->measure(L->m->ctx, st, "Hg", 2, &tm);
    return tm.ascent;
}

double csvchart_layout_width(const struct layout *L, const struct text_style *st, const char *s)
{
    struct text_metrics tm;
    L->m->measure(L->m->ctx, st, s, strlen(s), &tm);
    return tm.width;
}

double csvchart_layout_snap(const struct layout *L, double v, double width)
{
    double dev = round(width * L->scale);
    double p = v * L->scale;
    p = ((long long)dev % 2 == 1) ? floor(p) + 0.5 : round(p);
    return p / L->scale;
}

struct scene_item *csvchart_layout_text(struct layout *L, const struct text_style *st,
                                        csvchart_rgba color, const char *s, size_t len, double x,
                                        double baseline, enum text_anchor anchor)
{
    struct text_metrics tm;
    L->m->measure(L->m->ctx, st, s, len, &tm);
    double left = anchor == TEXT_ANCHOR_START    ? x
                  : anchor == TEXT_ANCHOR_MIDDLE ? x - tm.width / 2
                                                 : x - tm.width;
    baseline = round(baseline * L->scale) / L->scale;
    char buf[2048];
    const char *text = s;
    char *heap = NULL;
    if (len < sizeof buf) {
        memcpy(buf, s, len);
        buf[len] = '\0';
        text = buf;
    } else {
        heap = malloc(len + 1);
        if (!heap) {
            L->scene->nomem = true;
            return NULL;
        }
        memcpy(heap, s, len);
        heap[len] = '\0';
        text = heap;
    }
    struct scene_item *it =
        csvchart_scene_text(L->scene, text, left, baseline - tm.ascent, tm.width,
                            tm.ascent + tm.descent, baseline, anchor, x, st->size_px,
                            st->weight, color);
    free(heap);
    return it;
}

size_t csvchart_layout_paragraph(struct layout *L, const struct text_style *st,
                                 csvchart_rgba color, const char *s, double x, double baseline,
                                 double max_width, size_t max_lines, enum text_anchor anchor)
{
    struct text_line lines[MAX_PARAGRAPH_LINES];
    if (max_lines > MAX_PARAGRAPH_LINES) {
        max_lines = MAX_PARAGRAPH_LINES;
    }
    size_t need = csvchart_text_wrap(L->m, st, s, max_width, lines, max_lines);
    size_t n = need < max_lines ? need : max_lines;
    double lh = csvchart_layout_line_height(L, st);
    for (size_t i = 0; i < n; i++) {
        struct scene_item *it;
        if (i + 1 == n && need > n) {
            /* Out of lines: end the last one with an ellipsis, shortening it to fit. */
            char buf[1024];
            size_t len = lines[i].len < sizeof buf - 4 ? lines[i].len : sizeof buf - 4;
            memcpy(buf, s + lines[i].start, len);
            for (;;) {
                memcpy(buf + len, "\xe2\x80\xa6", 4);
                if (len == 0 || csvchart_layout_width(L, st, buf) <= max_width) {
                    break;
                }
                do { /* drop one code point */
                    len--;
                } while (len && ((unsigned char)buf[len] & 0xC0) == 0x80);
            }
            it = csvchart_layout_text(L, st, color, buf, len + 3, x, baseline + lh * i, anchor);
            csvchart_scene_item_set_title(L->scene, it, s);
        } else {
            it = csvchart_layout_text(L, st, color, s + lines[i].start, lines[i].len, x,
                                      baseline + lh * i, anchor);
        }
    }
    return n;
}

void csvchart_layout_frame(struct layout *L, const char *auto_note)
{
    const struct spec *s = L->spec;
    const struct theme *t = &s->theme;
    double width = L->right - L->left;

    /* Header, top down. */
    if (*s->title) {
        double lh = csvchart_layout_line_height(L, &L->title);
        size_t n = csvchart_layout_paragraph(L, &L->title, t->title, s->title, L->left,
                                             L->top + csvchart_layout_ascent(L, &L->title),
                                             width, 3, TEXT_ANCHOR_START);
        L->top += lh * (double)n + 6 * L->u;
    }
    if (*s->subtitle) {
        double lh = csvchart_layout_line_height(L, &L->subtitle);
        size_t n = csvchart_layout_paragraph(L, &L->subtitle, t->subtitle, s->subtitle,
                                             L->left,
                                             L->top + csvchart_layout_ascent(L, &L->subtitle),
                                             width, 3, TEXT_ANCHOR_START);
        L->top += lh * (double)n;
    }
    if (*s->title || *s->subtitle) {
        L->top += 20 * L->u;
    }

    /* Footer, bottom up: the source line last, the note above it. */
    double lh = csvchart_layout_line_height(L, &L->small);
    double asc = csvchart_layout_ascent(L, &L->small);
    if (*s->source) {
        char buf[1200];
        bool has_prefix = strncmp(s->source, "Source", 6) == 0;
        snprintf(buf, sizeof buf, "%s%s", has_prefix ? "" : "Source: ", s->source);
        struct text_line lines[3];
        size_t need = csvchart_text_wrap(L->m, &L->small, buf, width, lines, 3);
        size_t n = need < 3 ? need : 3;
        L->bottom -= lh * (double)n;
        csvchart_layout_paragraph(L, &L->small, t->faint, buf, L->left, L->bottom + asc, width,
                                  3, TEXT_ANCHOR_START);
        L->bottom -= 4 * L->u;
    }
    char note[1400];
    snprintf(note, sizeof note, "%s%s%s", auto_note ? auto_note : "",
             auto_note && *auto_note && *s->note ? " " : "", s->note);
    if (*note) {
        struct text_line lines[3];
        size_t need = csvchart_text_wrap(L->m, &L->small, note, width, lines, 3);
        size_t n = need < 3 ? need : 3;
        L->bottom -= lh * (double)n;
        csvchart_layout_paragraph(L, &L->small, t->faint, note, L->left, L->bottom + asc, width,
                                  3, TEXT_ANCHOR_START);
    }
    if (*s->source || *note) {
        L->bottom -= 18 * L->u;
    }
}

void csvchart_layout_legend(struct layout *L, const struct legend_entry *e, size_t n)
{
    if (n == 0) {
        return;
    }
    const struct text_style *st = &L->label;
    double lh = csvchart_layout_line_height(L, st);
    double asc = csvchart_layout_ascent(L, st);
    double sw = round(0.62 * st->size_px); /* swatch side */
    double gap = 6 * L->u, spacing = 20 * L->u;
    double x = L->left, row = 0;
    double max_item = L->right - L->left - sw - gap;
    for (size_t i = 0; i < n; i++) {
        double w = fmin(csvchart_layout_width(L, st, e[i].name), max_item);
        if (x > L->left && x + sw + gap + w > L->right) {
            row++;
            x = L->left;
        }
        double base = L->top + row * (lh + 4 * L->u) + asc;
        double cy = base - 0.36 * st->size_px; /* the middle of the lower-case letters */
        csvchart_scene_rect(L->scene, csvchart_layout_snap(L, x, 0),
                            csvchart_layout_snap(L, cy - sw / 2, 0), sw, sw, e[i].color);
        csvchart_layout_paragraph(L, st, L->spec->theme.subtitle, e[i].name, x + sw + gap, base,
                                  max_item, 1, TEXT_ANCHOR_START);
        x += sw + gap + w + spacing;
    }
    L->top += (row + 1) * (lh + 4 * L->u) + 12 * L->u;
}
