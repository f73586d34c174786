/*
 * layout_timeline_marks.c - what a timeline's placement draws besides its text: the time map,
 * the ticks, the axis with its breaks, the dots, spans, bands and capsules, and the markers.
 * layout_timeline.c chooses the configuration, layout_timeline_place.c places the items, and
 * both draw through these functions (layout_timeline.h).
 *
 * The time axis. Time runs left to right (horizontal) or top to bottom (vertical), mapped by a
 * struct tmap: piecewise linear, the same px per day everywhere. With axis_breaks = auto (the
 * default), a stretch that no event covers (no date's period, no span, not today) and that is
 * longer than a quarter of the time shown, or than half of what the longer ones leave shown, is
 * cut out (layout_timeline.c finds the breaks): the
 * axis stops, two slanted marks show the break, and it resumes after a fixed gap, so a lone
 * event a year before the rest no longer squeezes them into a corner. Ticks follow the
 * calendar (timeline_axis.c): the finest step whose labels, centred on their ticks, keep apart,
 * and no finer than a day unless some date has a time of day; a label is never moved off its
 * tick or hidden; no tick stands at a break (beside a segment one day wide, its midnight read
 * as the time of the event at its noon; day and week ticks of dates without a time stand at
 * noon, on those dates' dots), and the first tick after a break names its year
 * again. Lines that cross the tick labels (leaders) yield to them
 * (csvchart_layout_soft_line).
 *
 * Where an event sits: at the middle of the period its date names (a month-precision event
 * sits mid-month, a day at noon); a date given to a month or a year is drawn with a pale band
 * over that period, explained in the legend. Spans are bars from the start of their first
 * period to the end of their last. A cluster is a capsule from its first to its last event.
 */
#include "layout_timeline.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "words.h"

/* ---- the time map ------------------------------------------------------------------------ */

double csvchart_tl_map(const struct tmap *m, double t)
{
    size_t i = 0;
    while (i + 1 < m->nseg && t > m->t1[i]) {
        if (t < m->t0[i + 1]) { /* inside a break: across it, linearly */
            double a = m->p0[i] + (m->t1[i] - m->t0[i]) * m->k, b = m->p0[i + 1];
            return a + (b - a) * (t - m->t1[i]) / (m->t0[i + 1] - m->t1[i]);
        }
        i++;
    }
    return m->p0[i] + (t - m->t0[i]) * m->k;
}

void csvchart_tl_map_build(const struct timeline *T, struct tmap *m, double a, double b, double p0,
                           double p1, double pad)
{
    memset(m, 0, sizeof *m);
    m->t0[0] = a;
    m->nseg = 1;
    /* Today is an instant: at an end of [a, b], the stretch between it and the nearest event
     * ends there, and is cut like any other (the segment beyond the break is today alone,
     * its "Today" standing by the break). An event at a time of day at an end keeps its
     * stretch: a segment of no length would give it no ticks, and squeeze it by the edge. */
    bool today_a = T->has_today && T->today == a, today_b = T->has_today && T->today == b;
    for (size_t c = 0; c < T->ncuts && m->nseg < TL_MAX_SEGS; c++) {
        if ((T->cut0[c] > a || (today_a && T->cut0[c] == a)) &&
            (T->cut1[c] < b || (today_b && T->cut1[c] == b))) {
            m->t1[m->nseg - 1] = T->cut0[c];
            m->t0[m->nseg++] = T->cut1[c];
        }
    }
    m->t1[m->nseg - 1] = b;
    double total = 0;
    for (size_t i = 0; i < m->nseg; i++) {
        total += m->t1[i] - m->t0[i];
    }
    double room = p1 - p0 - 2 * pad - (double)(m->nseg - 1) * T->px.break_w;
    m->k = total > 0 ? fmax(room, 1) / total : 1;
    double p = p0 + pad;
    for (size_t i = 0; i < m->nseg; i++) {
        m->p0[i] = p;
        p += (m->t1[i] - m->t0[i]) * m->k + T->px.break_w;
    }
    m->start = p0;
    m->end = p1;
}

/* ---- ticks ------------------------------------------------------------------------------- */

/*
 * Tries step k: the ticks of every segment (a tick whose centred label would leave [lo, hi],
 * or come near today's label, is not made: no tick mark stands without its label), labelled
 * with the year at each segment's first tick and at each change of year, today's label among
 * them; true when no two labels come closer than the gap.
 */
static bool try_step(struct timeline *T, const struct tmap *m, bool vertical, double lo, double hi,
                     size_t k, struct tl_tick *out, size_t *count)
{
    struct layout *L = &T->L;
    double gap = vertical ? T->px.tick_label_gap_v : T->px.tick_label_gap;
    double raw[TL_MAX_TICKS];
    size_t n = 0;
    struct tl_tick today = {0};
    bool has_today = T->has_today && T->today >= m->t0[0] && T->today <= m->t1[m->nseg - 1];
    if (has_today) {
        today.t = T->today;
        today.pos = csvchart_tl_map(m, T->today);
        today.today = true;
        snprintf(today.label, sizeof today.label, "%s", csvchart_words_get(T->s->locale)->today);
        double w = vertical ? T->lh_tick : csvchart_layout_width(L, &T->today_st, today.label);
        today.lo = today.pos - w / 2;
        today.hi = today.pos + w / 2;
        has_today = today.lo >= lo && today.hi <= hi;
    }
    /* Day and week ticks of dates without a time stand at noon, where those dates' dots are:
     * at the midnight that starts 23 May, "23 May" stood half a day from its dot, between it
     * and 22 May's (review 11). */
    double at =
        !T->timed && k < csvchart_time_step_count() && csvchart_time_step_precision(k) == DATE_DAY
            ? 0.5
            : 0;
    double last_hi = -INFINITY;
    bool today_done = !has_today;
    bool zone_said = false; /* the zone follows the first time of day on the axis */
    for (size_t s = 0; s < m->nseg; s++) {
        double a = m->t0[s], b = m->t1[s];
        if (s == 0) {
            a -= (m->p0[0] - m->start) / m->k;
        }
        if (s + 1 == m->nseg) {
            b += (m->end - (m->p0[s] + (m->t1[s] - m->t0[s]) * m->k)) / m->k;
        }
        size_t got = csvchart_time_tick_times(a, b, k, raw, TL_MAX_TICKS);
        if (got > TL_MAX_TICKS) {
            return false;
        }
        size_t seg_from = n;
        double seg_last_hi = last_hi;
        bool inside = false; /* some tick strictly within the segment's own time */
        double prev = NAN;
        for (size_t i = 0; i < got; i++) {
            double when = raw[i] + at;
            struct tl_tick t = {.t = raw[i], .pos = csvchart_tl_map(m, when)};
            csvchart_time_tick_label_in(T->s->locale, k, t.t, prev, t.label, sizeof t.label);
            /* The axis' first time of day says the zone, as the events' dates do ("25 Feb
             * 2026, 10:00 UTC", then "12:00"): a reader of the axis alone was not told. */
            bool zone_here = T->zoned && !zone_said && csvchart_time_tick_has_clock(k, t.t, prev);
            if (zone_here) {
                size_t len = strlen(t.label);
                snprintf(t.label + len, sizeof t.label - len, " UTC");
            }
            double w = vertical ? T->lh_tick : csvchart_layout_width(L, &T->tick_st, t.label);
            t.lo = t.pos - w / 2;
            t.hi = t.pos + w / 2;
            if (t.lo < lo || t.hi > hi) {
                continue; /* no tick at all there: its label would leave the canvas */
            }
            if ((s > 0 && when <= m->t0[s] + 1e-9) ||
                (s + 1 < m->nseg && when >= m->t1[s] - 1e-9)) {
                /* nor at a break: a segment that is one day (or month, or year) wide would
                 * have its midnight named beside the event at noon that it holds, as if it
                 * were that event's time */
                continue;
            }
            if (has_today && t.lo < today.hi + gap && t.hi > today.lo - gap) {
                continue; /* nor where "Today" stands in its place */
            }
            if (!today_done && today.pos <= t.pos) {
                if (today.lo < last_hi + gap || n >= TL_MAX_TICKS) {
                    return false;
                }
                out[n++] = today;
                last_hi = today.hi;
                today_done = true;
            }
            if (t.lo < last_hi + gap || n >= TL_MAX_TICKS) {
                return false;
            }
            out[n++] = t;
            last_hi = t.hi;
            prev = t.t;
            zone_said = zone_said || zone_here;
            inside = inside || (when > m->t0[s] + 1e-9 && when < m->t1[s] - 1e-9);
        }
        for (size_t j = seg_from; j < n; j++) {
            inside = inside || out[j].today; /* "Today" names it */
        }
        if (m->nseg > 1 && !inside && !T->timed) {
            /* A segment between breaks no tick falls within (an event's day alone): its ticks
             * stood only past its ends, by a break or the axis' end ("4 Jun 2024" after the
             * last of three events; "22 May 2024" half a day from the 22 May dot, a day being
             * 146 px). It is named once, at its middle, where its event's dot is. */
            n = seg_from;
            last_hi = seg_last_hi;
            double len = m->t1[s] - m->t0[s];
            enum date_precision want = len <= 1.5 ? DATE_DAY : len <= 32 ? DATE_MONTH : DATE_YEAR;
            size_t kl = 0;
            while (kl + 1 < csvchart_time_step_count() &&
                   csvchart_time_step_precision(kl) != want) {
                kl++;
            }
            struct tl_tick t = {.t = (m->t0[s] + m->t1[s]) / 2};
            t.pos = csvchart_tl_map(m, t.t);
            csvchart_time_tick_label_in(T->s->locale, kl, t.t, NAN, t.label, sizeof t.label);
            double w = vertical ? T->lh_tick : csvchart_layout_width(L, &T->tick_st, t.label);
            t.lo = t.pos - w / 2;
            t.hi = t.pos + w / 2;
            if (t.lo < lo || t.hi > hi) {
                continue; /* its label would leave the canvas: unnamed */
            }
            if (t.lo < last_hi + gap || n >= TL_MAX_TICKS ||
                (has_today && t.lo < today.hi + gap && t.hi > today.lo - gap)) {
                return false;
            }
            out[n++] = t;
            last_hi = t.hi;
        }
    }
    if (!today_done) {
        if (today.lo < last_hi + gap || n >= TL_MAX_TICKS) {
            return false;
        }
        out[n++] = today;
    }
    *count = n;
    return true;
}

size_t csvchart_tl_choose_ticks(struct timeline *T, const struct tmap *m, bool vertical, double lo,
                                double hi, struct tl_tick *out)
{
    double least = vertical ? 2 * (T->lh_tick + T->px.tick_label_gap_v) : T->px.tick_spacing;
    for (size_t k = 0; k < csvchart_time_step_count(); k++) {
        if (csvchart_time_step_days(k) * m->k < least) {
            continue;
        }
        if (!T->timed && csvchart_time_step_days(k) < 1) {
            continue; /* "12:00" beside dates without a time would give them one */
        }
        if (!T->d->seconds && csvchart_time_step_seconds(k)) {
            continue; /* nor "12:00:10" beside times to the minute */
        }
        size_t n = 0;
        if (try_step(T, m, vertical, lo, hi, k, out, &n)) {
            return n;
        }
    }
    /* No step keeps its labels apart (a "Today" label in the way of every one): today's
     * label alone. */
    size_t n = 0;
    try_step(T, m, vertical, lo, hi, csvchart_time_step_count(), out, &n);
    return n;
}

/* ---- marks and the axis --------------------------------------------------------------------- */

/* A point along the axis at `along`, `across` off it. */
static void pt(bool vertical, double along, double across, double *x, double *y)
{
    *x = vertical ? across : along;
    *y = vertical ? along : across;
}

void csvchart_tl_dot(struct timeline *T, double x, double y, csvchart_rgba color)
{
    struct scene_item *it = csvchart_scene_circle(T->L.scene, x, y, T->px.dot, color);
    if (it) {
        it->stroke = T->s->theme.background;
        it->stroke_width = T->px.ring;
    }
}

/* A line along the axis from a to b at c, dashed after today. */
static void axis_piece(struct timeline *T, double a, double b, double c, bool vertical,
                       double today)
{
    struct layout *L = &T->L;
    const struct theme *th = &T->s->theme;
    double split = fmin(fmax(today, a), b);
    double x1, y1, x2, y2;
    if (split > a) {
        pt(vertical, a, c, &x1, &y1);
        pt(vertical, split, c, &x2, &y2);
        csvchart_scene_line(L->scene, x1, y1, x2, y2, th->axis, T->px.axis);
    }
    if (split < b) { /* the future, after today: dashed */
        pt(vertical, split, c, &x1, &y1);
        pt(vertical, b, c, &x2, &y2);
        struct scene_item *it = csvchart_scene_line(L->scene, x1, y1, x2, y2, th->axis, T->px.axis);
        if (it) {
            it->dash = T->px.dash;
        }
    }
}

void csvchart_tl_draw_axis(struct timeline *T, const struct tmap *m, double c, bool vertical)
{
    struct layout *L = &T->L;
    const struct theme *th = &T->s->theme;
    c = csvchart_layout_snap(L, c, T->px.axis);
    double today = T->has_today ? csvchart_tl_map(m, T->today) : INFINITY;
    double from = m->start, half = T->px.break_half, slant = T->px.break_slant;
    for (size_t i = 0; i + 1 < m->nseg; i++) {
        double end = m->p0[i] + (m->t1[i] - m->t0[i]) * m->k;
        double mid = (end + m->p0[i + 1]) / 2;
        axis_piece(T, from, mid - half, c, vertical, today);
        for (int s = -1; s <= 1; s += 2) { /* the break's marks: two slanted strokes */
            double x1, y1, x2, y2;
            pt(vertical, mid + s * half - slant, c + T->px.break_mark, &x1, &y1);
            pt(vertical, mid + s * half + slant, c - T->px.break_mark, &x2, &y2);
            csvchart_scene_line(L->scene, x1, y1, x2, y2, th->axis, T->px.axis);
        }
        from = mid + half;
    }
    axis_piece(T, from, m->end, c, vertical, today);
}

void csvchart_tl_draw_ticks(struct timeline *T, const struct tl_tick *t, size_t n, double c,
                            bool vertical, double label_at)
{
    struct layout *L = &T->L;
    const struct theme *th = &T->s->theme;
    struct text_metrics tm;
    L->m->measure(L->m->ctx, &T->tick_st, "Hg", 2, &tm);
    double mid = (tm.ascent - tm.descent) / 2; /* a line's baseline below its centre */
    for (size_t i = 0; i < n; i++) {
        const struct tl_tick *k = &t[i];
        double p = csvchart_layout_snap(L, k->pos, k->today ? T->px.axis : T->px.leader);
        double x1, y1, x2, y2;
        const struct text_style *st = k->today ? &T->today_st : &T->tick_st;
        csvchart_rgba color = k->today ? th->title : th->faint;
        if (vertical) {
            pt(true, p, c - T->px.tick, &x1, &y1);
            pt(true, p, k->today ? c + T->px.today_over : c, &x2, &y2);
            csvchart_scene_line(L->scene, x1, y1, x2, y2, color,
                                k->today ? T->px.axis : T->px.leader);
            csvchart_layout_text(L, st, color, k->label, strlen(k->label), label_at, p + mid,
                                 TEXT_ANCHOR_END);
        } else {
            double tick_end = label_at - T->asc_tick - T->px.tick_gap;
            pt(false, p, k->today ? c - T->px.today_over : c, &x1, &y1);
            pt(false, p, tick_end, &x2, &y2);
            csvchart_scene_line(L->scene, x1, y1, x2, y2, color,
                                k->today ? T->px.axis : T->px.leader);
            csvchart_layout_text(L, st, color, k->label, strlen(k->label), p, label_at,
                                 TEXT_ANCHOR_MIDDLE);
        }
    }
}

void csvchart_tl_marker_line(struct timeline *T, bool vertical, double pos, double a, double b)
{
    struct layout *L = &T->L;
    double p = csvchart_layout_snap(L, pos, T->px.marker);
    double x1, y1, x2, y2;
    pt(vertical, p, a, &x1, &y1);
    pt(vertical, p, b, &x2, &y2);
    struct scene_item *it =
        csvchart_layout_soft_line(L, x1, y1, x2, y2, T->s->theme.subtitle, T->px.marker);
    if (it) {
        it->dash = T->px.dash;
    }
}

/* "58 events: A; B; C", for the SVG title of a cluster's mark (every name, up to 64 KB):
 * malloc'd, or NULL. */
static char *cluster_title(const struct timeline *T, const struct tl_item *P)
{
    size_t len = 32;
    for (size_t k = 0; k < P->count && len < 65536; k++) {
        len += strlen(T->d->events[T->member[P->first + k]].label) + 2;
    }
    len = len < 65536 ? len : 65536;
    char *buf = malloc(len);
    if (!buf) {
        return NULL;
    }
    size_t at = (size_t)snprintf(buf, len, "%zu events: ", P->count);
    for (size_t k = 0; k < P->count && at < len; k++) {
        const char *name = T->d->events[T->member[P->first + k]].label;
        if (at + strlen(name) + 8 >= len) {
            snprintf(buf + at, len - at, "\xe2\x80\xa6");
            break;
        }
        at += (size_t)snprintf(buf + at, len - at, "%s%s", k ? "; " : "", name);
    }
    return buf;
}

void csvchart_tl_draw_band(struct timeline *T, const struct tmap *m, const struct tl_item *P,
                           double c, bool vertical)
{
    if (!P->e || P->span || P->marker || P->note || !P->banded) {
        return;
    }
    struct layout *L = &T->L;
    double a = csvchart_tl_map(m, P->t0), b = csvchart_tl_map(m, P->t1), x, y;
    double len = fmax(b - a, 2.5 * T->px.dot), mid = (a + b) / 2;
    pt(vertical, mid - len / 2, csvchart_layout_snap(L, c - T->px.band / 2, 0), &x, &y);
    csvchart_scene_rect(L->scene, x, y, vertical ? T->px.band : len, vertical ? len : T->px.band,
                        csvchart_tl_alpha(T->s->theme.muted, 0x80));
}

void csvchart_tl_draw_mark(struct timeline *T, const struct tmap *m, const struct tl_item *P,
                           double c, bool vertical, double bar_at, bool span_dot)
{
    struct layout *L = &T->L;
    const struct theme *th = &T->s->theme;
    double r = T->px.dot, x, y;
    double a = csvchart_tl_map(m, P->t0), b = csvchart_tl_map(m, P->t1);
    if (P->span) { /* its piece on this axis: a column's, where a long span runs on */
        a = fmax(a, m->start);
        b = fmin(b, m->end);
        double sa = csvchart_layout_snap(L, a, 0), sb = csvchart_layout_snap(L, b, 0);
        double len = fmax(sb - sa, 2 / L->scale);
        pt(vertical, sa, csvchart_layout_snap(L, bar_at, 0), &x, &y);
        struct scene_item *it = csvchart_scene_rect(L->scene, x, y, vertical ? T->px.bar : len,
                                                    vertical ? len : T->px.bar, P->color);
        csvchart_scene_item_set_title(L->scene, it, P->e->label);
        if (span_dot) {
            pt(vertical, P->pos, c, &x, &y);
            csvchart_tl_dot(T, x, y, P->color);
        }
        return;
    }
    if (P->marker || P->note) {
        return; /* a marker's line is drawn by the placement (csvchart_tl_marker_line()); a
                   note has its leader alone */
    }
    if (P->e) {
        pt(vertical, P->pos, c, &x, &y);
        csvchart_tl_dot(T, x, y, P->color);
        return;
    }
    /* A cluster: a capsule from its first event to its last (a larger dot when they share
     * an instant), its events named in the SVG title. */
    struct scene_item *it;
    if (b - a < r) {
        pt(vertical, P->pos, c, &x, &y);
        it = csvchart_scene_circle(L->scene, x, y, 1.4 * r, P->color);
        if (it) {
            it->stroke = th->background;
            it->stroke_width = T->px.ring;
        }
    } else {
        for (int e = 0; e < 2; e++) {
            pt(vertical, e ? b : a, c, &x, &y);
            csvchart_scene_circle(L->scene, x, y, r, P->color);
        }
        pt(vertical, a, c - r, &x, &y);
        it = csvchart_scene_rect(L->scene, x, y, vertical ? 2 * r : b - a, vertical ? b - a : 2 * r,
                                 P->color);
    }
    char *title = cluster_title(T, P);
    if (!title) {
        L->scene->nomem = true;
        return;
    }
    csvchart_scene_item_set_title(L->scene, it, title);
    free(title);
}
