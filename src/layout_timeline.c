/*
 * layout_timeline.c - timelines: dated events (and spans) on a time axis, every event labelled
 * or counted, at exactly the requested size, in the manner of a newspaper graphic.
 *
 * Input is a bound struct timeline_data (events sorted by where they sit); output is scene
 * items. The figure:
 *
 *   1. the frame (title, subtitle, notes, source) and a legend: the groups' colours (without
 *      lanes) and, when some date is given to a month or a year only, what its band means;
 *   2. the ladder: ways of drawing the data, tried in order until one fits the plot box
 *      (struct tl_config; each placement says whether it fits, without drawing):
 *
 *        a. every event with its date, label and detail: horizontal rows, then (orientation
 *           auto) vertical columns, 1 to as many as the width holds (on a portrait canvas
 *           columns first);
 *        b. without the detail lines (a warning says how many were left out);
 *        c. the label type shrunk, half a pixel at a time, down to the small size (the footer's,
 *           never under the 11 px floor);
 *        d. events close in time gathered into clusters, one label each ("29 Apr – 3 May 2025:
 *           58 events" over as many names as fit), the closeness growing from same-instant
 *           ties; only crowds are gathered (events of one instant, or at least three at four
 *           times the events' average density, over at most a fortieth of the time shown), so
 *           evenly crowded data is refused rather than lumped into years (a warning says how
 *           many events were clustered);
 *        e. none fits: csvchart_layout_no_fit(), and csvchart_layout_fit() names a size that
 *           fits (or, with fit = grow, draws at it). With fit = grow only (a) is tried: the
 *           user asked for every word at a larger size rather than less at this one.
 *
 *      Every step is deterministic, so csvchart_layout_fit() can bisect on the answer. Big
 *      inputs skip the steps that cannot fit cheaply, before any label is shaped: blocks
 *      cannot overlap, so the smallest block times the number of items must not exceed the
 *      plot's area; more than OPTIMISTIC_FROM items are first placed with every block at its
 *      least size; the placements add bounds of their own (layout_timeline_place.c). Each
 *      event's wrapped lines are remembered across steps and across the layouts of a fit
 *      search (memo_lines(), kept in timeline_data.scratch);
 *   3. the placement that fit draws itself (layout_timeline_place.c) with the helpers below:
 *      text blocks, dots, spans, bands, clusters, the axis with its breaks, ticks.
 *
 * The time axis. Time runs left to right (horizontal) or top to bottom (vertical), mapped by a
 * struct tmap: piecewise linear, the same px per day everywhere. With axis_breaks = auto (the
 * default), a stretch that no event covers (no date's period, no span, not today) and that is
 * longer than a quarter of the time shown is cut out: the axis stops, two slanted marks show
 * the break, and it resumes after a fixed gap, so a lone event a year before the rest no
 * longer squeezes them into a corner. Ticks follow the calendar (timeline_axis.c): the finest
 * step whose labels, centred on their ticks, keep apart; a label is never moved off its tick or
 * hidden, and the first tick after a break names its year again. Lines that cross the tick
 * labels (leaders) yield to them (csvchart_layout_soft_line).
 *
 * Where an event sits: at the middle of the period its date names (a month-precision event
 * sits mid-month, a day at noon); a date given to a month or a year is drawn with a pale band
 * over that period, explained in the legend. Spans are bars from the start of their first
 * period to the end of their last. A cluster is a capsule from its first to its last event.
 *
 * Everything is deterministic: no hashing, no randomness; ties break on file order.
 */
#include "layout_timeline.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"

#define TIMELINE_METRIC_BASE(name, base, doc) .name = base,
static const struct timeline_metrics TL_BASE = {TIMELINE_METRICS(TIMELINE_METRIC_BASE)};

/* A stretch without events longer than this share of the time shown becomes a break. */
#define BREAK_SHARE 0.25
/* A cluster spans at most this share of the time shown. */
#define CLUSTER_SHARE 0.025
/* ... and is this many times as dense as the events overall (or its events share an instant). */
#define CLUSTER_DENSITY 4.0
#define NAME_SEP "; "
#define NAMES_CHARS 80 /* the names a cluster lists, at most (one at least) */
/* From this many items on, a configuration is first tried with the least blocks (try_config). */
#define OPTIMISTIC_FROM 150

static csvchart_rgba alpha(csvchart_rgba c, unsigned a)
{
    return (c & 0xFFFFFF00u) | (a & 0xFFu);
}

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
    for (size_t c = 0; c < T->ncuts && m->nseg < TL_MAX_SEGS; c++) {
        if (T->cut0[c] > a && T->cut1[c] < b) {
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
    struct time_tick raw[TL_MAX_TICKS];
    size_t n = 0;
    struct tl_tick today = {0};
    bool has_today = T->has_today && T->today >= m->t0[0] && T->today <= m->t1[m->nseg - 1];
    if (has_today) {
        today.t = T->today;
        today.pos = csvchart_tl_map(m, T->today);
        today.today = true;
        snprintf(today.label, sizeof today.label, "Today");
        double w = vertical ? T->lh_tick : csvchart_layout_width(L, &T->today_st, "Today");
        today.lo = today.pos - w / 2;
        today.hi = today.pos + w / 2;
        has_today = today.lo >= lo && today.hi <= hi;
    }
    double last_hi = -INFINITY;
    bool today_done = !has_today;
    for (size_t s = 0; s < m->nseg; s++) {
        double a = m->t0[s], b = m->t1[s];
        if (s == 0) {
            a -= (m->p0[0] - m->start) / m->k;
        }
        if (s + 1 == m->nseg) {
            b += (m->end - (m->p0[s] + (m->t1[s] - m->t0[s]) * m->k)) / m->k;
        }
        size_t got = csvchart_time_ticks_in(T->s->locale, a, b, k, raw, TL_MAX_TICKS);
        if (got > TL_MAX_TICKS) {
            return false;
        }
        double prev = NAN;
        for (size_t i = 0; i < got; i++) {
            struct tl_tick t = {.t = raw[i].t, .pos = csvchart_tl_map(m, raw[i].t)};
            csvchart_time_tick_label_in(T->s->locale, k, t.t, prev, t.label, sizeof t.label);
            double w = vertical ? T->lh_tick : csvchart_layout_width(L, &T->tick_st, t.label);
            t.lo = t.pos - w / 2;
            t.hi = t.pos + w / 2;
            if (t.lo < lo || t.hi > hi) {
                continue; /* no tick at all there: its label would leave the canvas */
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

/* ---- items: events and clusters ------------------------------------------------------------ */

static void free_items(struct timeline *T)
{
    for (size_t i = 0; i < T->n; i++) {
        free(T->it[i].names);
        free(T->it[i].heading);
    }
    T->n = 0;
}

/* An item for event i alone. */
static struct tl_item event_item(const struct timeline *T, size_t i)
{
    const struct timeline_event *e = &T->d->events[i];
    struct tl_item P = {.e = e, .first = i, .count = 1, .t0 = e->t0, .t1 = e->t1, .at = e->at};
    P.span = e->has_end;
    P.marker = e->marker;
    P.banded = !e->has_end && !e->marker && T->bands &&
               (e->start.precision == DATE_MONTH || e->start.precision == DATE_YEAR);
    P.group = e->group;
    P.color = e->marker ? T->s->theme.subtitle
                        : T->s->theme.palette[e->group % T->s->theme.npalette];
    P.label = e->label;
    P.detail = e->detail;
    P.date = T->dates[i];
    return P;
}

static int by_at(const void *pa, const void *pb)
{
    const struct tl_item *a = pa, *b = pb;
    if (a->at != b->at) {
        return a->at < b->at ? -1 : 1;
    }
    return a->first < b->first ? -1 : a->first > b->first;
}

/*
 * The items of a configuration: one per event, or with cfg.cluster >= 0 point events whose
 * successive dates are at most cfg.cluster days apart gathered into one cluster (with lanes,
 * only events of one group). A cluster is kept only when it is a real crowd: its events share
 * an instant, or at least three are CLUSTER_DENSITY times as dense as the events overall, and
 * it spans
 * at most CLUSTER_SHARE of the time shown; the events of any other run stay single (evenly
 * crowded data is refused with a size, not lumped into years). T->member lists each cluster's
 * events in order; item.first indexes it. Returns false when out of memory.
 */
/* A run of close events (build_items()). */
struct tl_run {
    size_t count, group, id;
    double first_at, last_at;
};

/*
 * Passes 1 and 2 of build_items() for closeness `cluster` (< 0: none): writes each event's
 * item number into cid[] and returns the number of items. No strings, no item structs: the
 * ladder counts a closeness's items with it before deciding to build them.
 */
static size_t cluster_runs(const struct timeline *T, double cluster, size_t *cid,
                           struct tl_run *run, size_t *open)
{
    const struct timeline_data *d = T->d;
    size_t n = d->nevents, nkeys = T->lanes ? (d->ngroups ? d->ngroups : 1) : 1;
    for (size_t k = 0; k < nkeys; k++) {
        open[k] = (size_t)-1;
    }
    double shown = T->tmax - T->tmin, cap = CLUSTER_SHARE * shown;
    double dense = CLUSTER_DENSITY * (double)n / shown; /* events per day */
    /* Pass 1: runs of close events. */
    size_t nrun = 0;
    for (size_t i = 0; i < n; i++) {
        const struct timeline_event *e = &d->events[i];
        size_t key = T->lanes ? e->group : 0, o = open[key];
        if (cluster >= 0 && !e->has_end && !e->marker && o != (size_t)-1 &&
            e->at - run[o].last_at <= cluster &&
            e->at - run[o].first_at <= cap) {
            cid[i] = o;
            run[o].count++;
            run[o].last_at = e->at;
            run[o].group = run[o].group == e->group ? e->group : (size_t)-1;
            continue;
        }
        cid[i] = nrun;
        run[nrun] = (struct tl_run){1, e->group, (size_t)-1, e->at, e->at};
        if (!e->has_end && !e->marker) {
            open[key] = nrun;
        }
        nrun++;
    }
    /* Pass 2: the runs kept as clusters keep one item; every other event gets its own. */
    size_t items = 0;
    for (size_t i = 0; i < n; i++) {
        struct tl_run *r = &run[cid[i]];
        double span = r->last_at - r->first_at;
        bool keep = span < 1e-9 ? r->count > 1
                                : r->count > 2 && (double)r->count / fmax(span, 1.0 / 24) >= dense;
        if (!keep) {
            cid[i] = items++;
            continue;
        }
        if (r->id == (size_t)-1) {
            r->id = items++;
        }
        cid[i] = r->id;
    }
    return items;
}

static bool build_items(struct timeline *T)
{
    const struct timeline_data *d = T->d;
    size_t n = d->nevents;
    free_items(T);
    if (!csvchart_array_reserve((void **)&T->it, &T->cap, n, sizeof *T->it)) {
        return false;
    }
    size_t *cid = T->cid, *fill = calloc(n + 1, sizeof *fill);
    if (!fill) {
        return false;
    }
    T->n = cluster_runs(T, T->cfg.cluster, cid, T->runs, T->open);
    /* Pass 3: members in order (a counting sort by item); items from their members. */
    for (size_t i = 0; i < n; i++) {
        fill[cid[i] + 1]++;
    }
    for (size_t j = 0; j < T->n; j++) {
        fill[j + 1] += fill[j];
    }
    for (size_t i = 0; i < n; i++) {
        T->member[fill[cid[i]]++] = i;
    }
    size_t start = 0;
    for (size_t j = 0; j < T->n; j++) {
        size_t count = fill[j] - start; /* fill[j] is now the end of item j's members */
        struct tl_item *P = &T->it[j];
        if (count == 1) {
            *P = event_item(T, T->member[start]);
            start += count;
            continue;
        }
        const struct timeline_event *a = &d->events[T->member[start]];
        const struct timeline_event *b = &d->events[T->member[start + count - 1]];
        size_t group = a->group; /* one group, or none */
        for (size_t k = 1; k < count; k++) {
            group = d->events[T->member[start + k]].group == group ? group : (size_t)-1;
        }
        *P = (struct tl_item){.first = start,
                              .count = count,
                              .t0 = a->at,
                              .t1 = b->at,
                              .at = (a->at + b->at) / 2,
                              .group = group};
        P->color = group != (size_t)-1 ? T->s->theme.palette[group % T->s->theme.npalette]
                                       : T->s->theme.subtitle;
        char dates[96];
        if (a->start.days == b->start.days && a->start.precision == b->start.precision) {
            csvchart_date_format_in(T->s->locale, &a->start, false, dates, sizeof dates);
        } else {
            csvchart_date_format_span_in(T->s->locale, &a->start, &b->start, dates, sizeof dates);
        }
        char heading[160];
        /* "3 events" stays on one line (a no-break space) */
        snprintf(heading, sizeof heading,
                 "%s: %zu\xc2\xa0"
                 "events",
                 dates, count);
        if (!(P->heading = csvchart_strdup(heading))) {
            T->n = j; /* the items after j own nothing yet */
            goto fail;
        }
        P->date = P->heading;
        start += count;
    }
    /* Spans sit at their start, clusters at their middle: keep the items in that order
     * (without clusters they are in the events' order already). */
    if (T->n < n) {
        qsort(T->it, T->n, sizeof *T->it, by_at);
    }
    free(fill);
    return true;
fail:
    free(fill);
    return false;
}

/* ---- text blocks --------------------------------------------------------------------------- */

/* Lines `s` takes at `wrap` (at most max), widening *w to the widest. */
static size_t lines_of(const struct timeline *T, const struct text_style *st, const char *s,
                       double wrap, size_t max, double *w)
{
    struct text_line lines[TL_MAX_DETAIL_LINES + 1];
    size_t need = csvchart_text_wrap(T->L.m, st, s, wrap, lines, max);
    size_t n = need < max ? need : max;
    for (size_t i = 0; i < n; i++) {
        *w = fmax(*w, lines[i].width);
    }
    if (need > n) { /* the last line gets an ellipsis: allow for its width */
        *w = fmax(*w, wrap);
    }
    return n;
}

/*
 * A cluster's names: the first of its events' labels, whole, up to NAMES_CHARS characters in
 * all (at least one), then how many more: "OpenAI o3; Gemini 2.5 Pro and 56 more". The text
 * does not depend on the wrap width, so the ladder's many widths share one string (shaped
 * once; only its lines differ), and the block shows as many lines of it as TL_CLUSTER_LINES.
 */
static char *cluster_names(struct timeline *T, const struct tl_item *P)
{
    const struct timeline_data *d = T->d;
    size_t fit = 0, chars = 0;
    while (fit < P->count) {
        size_t len = strlen(d->events[T->member[P->first + fit]].label);
        if (fit > 0 && chars + len > NAMES_CHARS) {
            break;
        }
        chars += len + 2;
        fit++;
    }
    size_t len = chars + 40;
    char *s = malloc(len);
    if (!s) {
        return NULL;
    }
    size_t at = 0;
    for (size_t k = 0; k < fit; k++) {
        at += (size_t)snprintf(s + at, len - at, "%s%s", k ? NAME_SEP : "",
                               d->events[T->member[P->first + k]].label);
    }
    if (fit < P->count) {
        snprintf(s + at, len - at, " and %zu more", P->count - fit);
    }
    return s;
}

/*
 * lines_of() for one of an event's own texts (0 date, 1 label, 2 detail), remembered: the
 * ladder measures the same blocks at the same few wrap widths and sizes over and over (and
 * every measurement, even a cached one, wraps the text again), so each text keeps its last
 * MEMO_WAYS answers.
 */
static size_t memo_lines(struct timeline *T, size_t event, int kind, const struct text_style *st,
                         const char *s, double wrap, size_t max, double *w)
{
    struct tl_memo *m = &T->memo[(event * 3 + (size_t)kind) * MEMO_WAYS];
    for (size_t k = 0; k < MEMO_WAYS; k++) {
        if (m[k].wrap == wrap && m[k].size == st->size_px && m[k].max == max) {
            *w = fmax(*w, m[k].widest);
            return m[k].n;
        }
    }
    double widest = 0;
    size_t n = lines_of(T, st, s, wrap, max, &widest);
    size_t k = T->memo_next[event * 3 + (size_t)kind]++ % MEMO_WAYS;
    m[k] =
        (struct tl_memo){.wrap = wrap, .size = st->size_px, .max = max, .n = n, .widest = widest};
    *w = fmax(*w, widest);
    return n;
}

static void measure_blocks(struct timeline *T, double wrap)
{
    for (size_t i = 0; i < T->n; i++) {
        struct tl_item *P = &T->it[i];
        P->w = 0;
        if (P->e) {
            size_t ev = (size_t)(P->e - T->d->events);
            P->ndate = memo_lines(T, ev, 0, &T->date_st, P->date, wrap, TL_MAX_DATE_LINES, &P->w);
            P->nlabel =
                memo_lines(T, ev, 1, &T->label_st, P->label, wrap, TL_MAX_LABEL_LINES, &P->w);
            P->ndetail = P->detail && T->cfg.detail ? memo_lines(T, ev, 2, &T->detail_st, P->detail,
                                                                 wrap, TL_MAX_DETAIL_LINES, &P->w)
                                                    : 0;
        } else {
            P->ndate = lines_of(T, &T->date_st, P->date, wrap, TL_MAX_DATE_LINES + 1, &P->w);
            P->nlabel = P->label
                            ? lines_of(T, &T->names_st, P->label, wrap, TL_CLUSTER_LINES + 1, &P->w)
                            : 0;
            P->ndetail = 0;
        }
        P->w = fmin(P->w, wrap);
        /* Each paragraph's first baseline goes down to a device pixel (first_baseline()). */
        P->h = (double)P->ndate * T->lh_date + (double)P->nlabel * T->lh_label +
               (double)(1 + (P->nlabel > 0) + (P->ndetail > 0)) / T->L.scale;
        if (P->ndetail) {
            P->h += T->px.detail_gap + (double)P->ndetail * T->lh_detail;
        }
    }
}

bool csvchart_tl_measure(struct timeline *T, double wrap)
{
    if (T->optimistic) {
        double w = csvchart_layout_width(&T->L, &T->date_st, "1111");
        for (size_t i = 0; i < T->n; i++) {
            struct tl_item *P = &T->it[i];
            P->ndate = P->nlabel = 1;
            P->ndetail = 0;
            P->w = fmin(w, wrap);
            P->h = T->lh_date + T->lh_label;
        }
        return true;
    }
    for (size_t i = 0; i < T->n; i++) {
        struct tl_item *P = &T->it[i];
        if (!P->e) {
            if (!P->names) {
                P->names = cluster_names(T, P);
            }
            if (!P->names) {
                T->L.scene->nomem = true;
                return false;
            }
            P->label = *P->names ? P->names : NULL;
        }
    }
    measure_blocks(T, wrap);
    return true;
}

/* The first baseline of a paragraph whose lines start at `top`: on a device pixel, never
 * above what `top` allows (rounding a baseline to the nearest pixel could lift one style's
 * line into the last line of the style before it). */
static double first_baseline(const struct timeline *T, double top, double ascent)
{
    return ceil((top + ascent) * T->L.scale - 1e-6) / T->L.scale;
}

void csvchart_tl_draw_block(struct timeline *T, const struct tl_item *P, double wrap)
{
    struct layout *L = &T->L;
    const struct theme *th = &T->s->theme;
    /* Dates in the events' colours when all of them read as text (WCAG AA), else all
     * muted: a mix of the two would look like a distinction in the data. */
    csvchart_rgba dc = T->color_dates && (P->e || P->group != (size_t)-1) ? P->color : th->subtitle;
    enum text_anchor an = P->right ? TEXT_ANCHOR_END : TEXT_ANCHOR_START;
    double x = P->right ? P->bx + P->w : P->bx;
    double base = first_baseline(T, P->by, T->asc_date);
    csvchart_layout_paragraph(L, &T->date_st, dc, P->date, x, base, wrap, P->ndate, an);
    double y = base + (double)(P->ndate - 1) * T->lh_date + (T->lh_date - T->asc_date);
    if (P->nlabel) {
        base = first_baseline(T, y, T->asc_label);
        csvchart_layout_paragraph(L, P->e ? &T->label_st : &T->names_st, th->text, P->label, x,
                                  base, wrap, P->nlabel, an);
        y = base + (double)(P->nlabel - 1) * T->lh_label + (T->lh_label - T->asc_label);
    }
    if (P->ndetail) {
        base = first_baseline(T, y + T->px.detail_gap, T->asc_detail);
        csvchart_layout_paragraph(L, &T->detail_st, th->subtitle, P->detail, x, base, wrap,
                                  P->ndetail, an);
    }
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

void csvchart_tl_draw_mark(struct timeline *T, const struct tmap *m, const struct tl_item *P,
                           double c, bool vertical, double bar_at, bool span_dot)
{
    struct layout *L = &T->L;
    const struct theme *th = &T->s->theme;
    double r = T->px.dot, x, y;
    double a = csvchart_tl_map(m, P->t0), b = csvchart_tl_map(m, P->t1);
    if (P->span) {
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
    if (P->marker) {
        return; /* its line is drawn by the placement (csvchart_tl_marker_line()) */
    }
    if (P->e) {
        if (P->banded) { /* the period the date names, pale (the legend says so) */
            double len = fmax(b - a, 2.5 * r), mid = (a + b) / 2;
            pt(vertical, mid - len / 2, csvchart_layout_snap(L, c - T->px.band / 2, 0), &x, &y);
            csvchart_scene_rect(L->scene, x, y, vertical ? T->px.band : len,
                                vertical ? len : T->px.band, alpha(th->muted, 0x80));
        }
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

/* ---- the whole figure ---------------------------------------------------------------------- */

/* The SVG <desc>: "Timeline of 5 events from January 2025 to April 2026." */
static void describe(struct timeline *T)
{
    const struct timeline_data *d = T->d;
    const struct timeline_event *first = &d->events[0];
    while (first->marker) { /* there is an event: binding refuses a file without one */
        first++;
    }
    const struct timeline_event *last = first;
    for (size_t i = 0; i < d->nevents; i++) {
        if (!d->events[i].marker && d->events[i].t1 >= last->t1) {
            last = &d->events[i];
        }
    }
    size_t nevents = d->nevents - d->nmarkers;
    char a[64], b[64], buf[256];
    csvchart_date_format(&first->start, true, a, sizeof a);
    csvchart_date_format(last->has_end ? &last->end : &last->start, true, b, sizeof b);
    size_t spans = 0;
    for (size_t i = 0; i < d->nevents; i++) {
        spans += d->events[i].has_end;
    }
    int k = snprintf(buf, sizeof buf, "Timeline of %zu event%s", nevents,
                     nevents == 1 ? "" : "s");
    if (k > 0 && (size_t)k < sizeof buf && spans) {
        k += snprintf(buf + k, sizeof buf - (size_t)k, " (%zu span%s)", spans,
                      spans == 1 ? "" : "s");
    }
    if (k > 0 && (size_t)k < sizeof buf) {
        if (strcmp(a, b) == 0) {
            snprintf(buf + k, sizeof buf - (size_t)k, ", %s.", a);
        } else {
            snprintf(buf + k, sizeof buf - (size_t)k, " from %s to %s.", a, b);
        }
    }
    csvchart_scene_set_string(T->L.scene, &T->L.scene->desc, buf);
}

void csvchart_tl_widen(double *lo, double *hi, double period)
{
    double min_span = fmax(3 * period, 2.0 / 24);
    if (*hi - *lo < min_span) {
        double c = (*lo + *hi) / 2;
        *lo = c - min_span / 2;
        *hi = c + min_span / 2;
    }
}

/* The events' time extent, today included, never narrower than a few of their periods. */
static void extent(struct timeline *T)
{
    const struct timeline_data *d = T->d;
    double lo = INFINITY, hi = -INFINITY, period = 0;
    for (size_t i = 0; i < d->nevents; i++) {
        const struct timeline_event *e = &d->events[i];
        lo = fmin(lo, e->t0);
        hi = fmax(hi, e->t1);
        period = fmax(period, csvchart_date_period_end(&e->start) - e->t0);
    }
    if (T->has_today) {
        lo = fmin(lo, T->today);
        hi = fmax(hi, T->today);
    }
    T->period = period;
    csvchart_tl_widen(&lo, &hi, period);
    T->tmin = lo;
    T->tmax = hi;
}

struct interval {
    double a, b;
};

static int by_start(const void *pa, const void *pb)
{
    const struct interval *a = pa, *b = pb;
    return a->a < b->a ? -1 : a->a > b->a;
}

/*
 * axis_breaks = auto: the stretches no event covers (its date's period, its span) and today is
 * not in, longer than BREAK_SHARE of the time shown, are cut out of the axis.
 */
static bool find_breaks(struct timeline *T)
{
    const struct timeline_data *d = T->d;
    T->ncuts = 0;
    if (!T->s->axis_breaks) {
        return true;
    }
    size_t n = d->nevents + 1;
    struct interval *v = malloc(n * sizeof *v);
    if (!v) {
        return false;
    }
    size_t k = 0;
    for (size_t i = 0; i < d->nevents; i++) {
        v[k++] = (struct interval){d->events[i].t0, d->events[i].t1};
    }
    if (T->has_today) {
        v[k++] = (struct interval){T->today, T->today};
    }
    qsort(v, k, sizeof *v, by_start);
    double share = BREAK_SHARE * (T->tmax - T->tmin), end = v[0].b;
    for (size_t i = 1; i < k && T->ncuts + 1 < TL_MAX_SEGS; i++) {
        if (v[i].a - end > share) {
            T->cut0[T->ncuts] = end;
            T->cut1[T->ncuts++] = v[i].a;
        }
        end = fmax(end, v[i].b);
    }
    free(v);
    return true;
}

/* The legend: the groups' colours (without lanes) and what a band means. */
static bool legend(struct timeline *T)
{
    const struct timeline_data *d = T->d;
    const struct theme *th = &T->s->theme;
    struct legend_entry *e = calloc(d->ngroups + 1, sizeof *e);
    if (!e) {
        return false;
    }
    size_t n = 0;
    if (d->ngroups > 1 && !T->lanes) {
        for (size_t i = 0; i < d->ngroups; i++) {
            e[n++] = (struct legend_entry){d->groups[i], th->palette[i % th->npalette]};
        }
    }
    if (T->bands) {
        bool month = false, year = false;
        for (size_t i = 0; i < d->nevents; i++) {
            bool point = !d->events[i].has_end && !d->events[i].marker;
            month = month || (point && d->events[i].start.precision == DATE_MONTH);
            year = year || (point && d->events[i].start.precision == DATE_YEAR);
        }
        e[n++] = (struct legend_entry){month && year ? "Date given to the month or year"
                                       : month       ? "Date given to the month"
                                                     : "Date given to the year",
                                       alpha(th->muted, 0x80)};
    }
    csvchart_layout_legend(&T->L, e, n);
    free(e);
    return true;
}

/*
 * Bands are drawn (and explained) when some point event is dated to a month or a year and such
 * a period would show wider than its dot on a horizontal axis across the plot.
 */
static bool want_bands(const struct timeline *T)
{
    const struct timeline_data *d = T->d;
    double kept = T->tmax - T->tmin;
    for (size_t c = 0; c < T->ncuts; c++) {
        kept -= T->cut1[c] - T->cut0[c];
    }
    double k = (T->L.right - T->L.left) / fmax(kept, 1e-9);
    for (size_t i = 0; i < d->nevents; i++) {
        const struct timeline_event *e = &d->events[i];
        if (!e->has_end && !e->marker &&
            (e->start.precision == DATE_MONTH || e->start.precision == DATE_YEAR) &&
            (e->t1 - e->t0) * k >= 2.5 * T->px.dot) {
            return true;
        }
    }
    return false;
}

/* Sets the label size (names share it). */
static void set_label_size(struct timeline *T, double size)
{
    T->label_st.size_px = T->names_st.size_px = size;
    T->lh_label = csvchart_layout_line_height(&T->L, &T->label_st);
    T->asc_label = csvchart_layout_ascent(&T->L, &T->label_st);
}

/*
 * Tries a configuration: items (clusters built only when the closeness changed), a bound on
 * the area the smallest blocks need, then the placement. True when it fits; the items are then
 * placed for drawing.
 */
static bool try_config(struct timeline *T, struct tl_config cfg, double *built)
{
    struct layout *L = &T->L;
    T->cfg = cfg;
    set_label_size(T, cfg.label_px);
    if (*built != cfg.cluster) {
        if (!build_items(T)) {
            L->scene->nomem = true;
            return false;
        }
        *built = cfg.cluster;
    }
    double area = (L->right - L->left) * (T->plot_bottom - T->plot_top);
    double least = (T->lh_date + T->lh_label) * 2 * T->date_st.size_px;
    if ((double)T->n * least > area) {
        return false;
    }
    bool (*place)(struct timeline *) = T->lanes       ? csvchart_tl_place_lanes
                                       : cfg.vertical ? csvchart_tl_place_vertical
                                                      : csvchart_tl_place_horizontal;
    /* Many items: first an optimistic placement with every block at its least (a year in
     * its narrowest digits over one label line, measured once). Bigger blocks need more
     * room (all but always: a side may be chosen differently), so when that fails the real
     * placement is not tried, and nothing is shaped: a crowd that cannot fit is refused
     * without measuring its labels. Deterministic either way, as the size search needs. */
    if (T->n > OPTIMISTIC_FROM) {
        T->optimistic = true;
        bool ok = place(T);
        T->optimistic = false;
        if (!ok || L->scene->nomem) {
            return false;
        }
    }
    return place(T);
}

/* Tries each orientation the spec allows: horizontal first, except on a portrait canvas (a
 * phone), where a column reads better than a staircase of rows. */
static bool try_orients(struct timeline *T, struct tl_config cfg, double *built)
{
    enum orientation o = T->lanes ? ORIENT_HORIZONTAL : T->s->orientation;
    bool portrait = T->s->height > T->s->width;
    for (int k = 0; k < 2 && !T->L.scene->nomem; k++) {
        cfg.vertical = (k == 0) == portrait;
        if ((cfg.vertical && o == ORIENT_HORIZONTAL) || (!cfg.vertical && o == ORIENT_VERTICAL)) {
            continue;
        }
        if (try_config(T, cfg, built)) {
            return true;
        }
    }
    return false;
}

/* The ladder (see the top of the file); true when some configuration fits. */
static bool ladder(struct timeline *T)
{
    struct layout *L = &T->L;
    const struct timeline_data *d = T->d;
    double built = -2; /* the closeness the items were built for; -2: none yet */
    double full = L->label.size_px, least = L->label_min;
    bool details = false;
    for (size_t i = 0; i < d->nevents; i++) {
        details = details || d->events[i].detail;
    }
    struct tl_config cfg = {.detail = true, .label_px = full, .cluster = -1};
    if (try_orients(T, cfg, &built)) {
        return true;
    }
    if (T->s->fit_grow || L->scene->nomem) {
        return false;
    }
    if (details) {
        cfg.detail = false;
        if (try_orients(T, cfg, &built)) {
            return true;
        }
    }
    cfg.detail = false;
    if (least < full) {
        cfg.label_px = least;
        if (try_orients(T, cfg, &built)) {
            /* The largest half-pixel size that still fits, bisected. */
            double lo = least, hi = full; /* lo fits, hi does not */
            while (hi - lo > 0.5) {
                double mid = floor((lo + hi) / 2 * 2) / 2;
                if (mid <= lo) {
                    break;
                }
                cfg.label_px = mid;
                if (try_orients(T, cfg, &built)) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            cfg.label_px = lo;
            return try_orients(T, cfg, &built);
        }
    }
    /* Clusters, from same-instant ties to CLUSTER_SHARE of the time shown. */
    static const double closeness[] = {0,    1,     2,     4,      7,      14,    30.44,
                                       61,   91.3,  182.6, 365.25, 730.5,  1826,  3652.5,
                                       7305, 18262, 36525, 73050,  182625, 365250};
    double cap = CLUSTER_SHARE * (T->tmax - T->tmin);
    size_t last_n = (size_t)-1;
    cfg.label_px = least;
    set_label_size(T, least);
    double plot_area = (L->right - L->left) * (T->plot_bottom - T->plot_top);
    double least_area = (T->lh_date + T->lh_label) * 2 * T->date_st.size_px;
    for (size_t c = 0; c < sizeof closeness / sizeof closeness[0]; c++) {
        if (c > 0 && closeness[c] > cap) {
            break;
        }
        cfg.cluster = closeness[c];
        /* A few more events gathered change little: try again only when the items are at
         * least a tenth fewer than at the last try (or than the events, at first); and only
         * when their least blocks can cover the plot. Counted before anything is built. */
        size_t items = cluster_runs(T, cfg.cluster, T->cid, T->runs, T->open);
        if ((double)items > 0.9 * (double)(last_n == (size_t)-1 ? d->nevents : last_n) ||
            (double)items * least_area > plot_area) {
            continue;
        }
        last_n = items;
        if (try_orients(T, cfg, &built)) {
            return true;
        }
        if (L->scene->nomem) {
            return false;
        }
    }
    return false;
}

/*
 * What is kept between layouts of the same data (timeline_data.h): each event's date line and
 * the memo of its texts' lines (memo_lines()), valid for one measurer and font. One block,
 * freed with free(). Made when missing or stale; NULL when out of memory.
 */
struct tl_scratch {
    const csvchart_text_measurer *m;
    size_t n;
    struct tl_memo *memo;
    unsigned char *memo_next;
    char (*dates)[TL_DATE_LEN];
    char family[]; /* NUL-terminated */
};

static struct tl_scratch *scratch(const struct timeline_data *d, const csvchart_text_measurer *m,
                                  const char *family, const struct csvchart_locale *loc)
{
    struct tl_scratch *sc = d->scratch ? d->scratch->p : NULL;
    if (sc && sc->m == m && sc->n == d->nevents && strcmp(sc->family, family) == 0) {
        return sc;
    }
    size_t n = d->nevents, flen = strlen(family) + 1;
    size_t head = (sizeof *sc + flen + 15) / 16 * 16;
    size_t memo = n * 3 * MEMO_WAYS * sizeof(struct tl_memo);
    size_t dates = n * TL_DATE_LEN;
    struct tl_scratch *ns = calloc(1, head + memo + dates + n * 3);
    if (!ns) {
        return NULL;
    }
    ns->m = m;
    ns->n = n;
    memcpy(ns->family, family, flen);
    ns->memo = (struct tl_memo *)((char *)ns + head);
    ns->dates = (char(*)[TL_DATE_LEN])((char *)ns + head + memo);
    ns->memo_next = (unsigned char *)((char *)ns + head + memo + dates);
    for (size_t i = 0; i < n; i++) {
        const struct timeline_event *e = &d->events[i];
        if (e->has_end) {
            csvchart_date_format_span_in(loc, &e->start, &e->end, ns->dates[i], TL_DATE_LEN);
        } else {
            csvchart_date_format_in(loc, &e->start, false, ns->dates[i], TL_DATE_LEN);
        }
    }
    if (d->scratch) {
        free(d->scratch->p);
        d->scratch->p = ns;
    }
    return ns;
}

csvchart_status csvchart_layout_timeline(const void *data, const struct spec *s,
                                         const csvchart_text_measurer *m,
                                         struct csvchart_scene *scene,
                                         struct csvchart_warnings *warn, struct layout_fit *fit,
                                         csvchart_error *err)
{
    const struct timeline_data *d = data;
    struct timeline T = {.d = d, .s = s};
    struct layout *L = &T.L;
    csvchart_status st = CSVCHART_OK;
    csvchart_layout_begin(L, s, m, scene, fit);
    if (d->nevents == 0) {
        return csvchart_error_set(err, CSVCHART_ERROR_DATA, NULL, 0, 0, "no events to draw");
    }
    if (s->lanes && d->ngroups == 0) {
        return csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                                  "lanes = group needs a group column (set group)");
    }
    if (s->lanes && s->orientation == ORIENT_VERTICAL) {
        return csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                                  "lanes = group draws horizontal lanes; it cannot be used with "
                                  "orientation = vertical");
    }
    T.lanes = s->lanes;
    /* Every metric scales with g: one loop over the struct's doubles, in table order. */
    const double *base = (const double *)&TL_BASE;
    double *px = (double *)&T.px;
    for (size_t i = 0; i < sizeof T.px / sizeof(double); i++) {
        px[i] = base[i] * L->g;
    }
    /* On a phone-sized canvas the type stays at its floor while g halves: marks and lines
     * keep at least 0.8 of their size, so they still read beside the text. */
    double mg = fmax(L->g, 0.8);
    T.px.dot = TL_BASE.dot * mg;
    T.px.ring = TL_BASE.ring * mg;
    T.px.axis = TL_BASE.axis * mg;
    T.px.leader = TL_BASE.leader * mg;
    T.px.bar = TL_BASE.bar * mg;
    T.px.band = TL_BASE.band * mg;
    T.px.tick = TL_BASE.tick * mg;
    T.px.marker = TL_BASE.marker * mg;
    T.px.break_mark = TL_BASE.break_mark * mg;
    /* A column of text narrower than about nine ems wraps a word a line, whatever g says. */
    T.px.min_wrap = fmax(T.px.min_wrap, 9 * L->label.size_px);
    T.date_st = L->small;
    T.date_st.weight = 700;
    T.label_st = L->label;
    T.label_st.weight = 700;
    T.names_st = L->label;
    T.detail_st = L->small;
    T.tick_st = L->small;
    T.today_st = T.date_st;
    T.lane_st = L->label;
    T.lane_st.weight = 700;
    T.lh_lane = csvchart_layout_line_height(L, &T.lane_st);
    T.asc_lane = csvchart_layout_ascent(L, &T.lane_st);
    T.lh_date = csvchart_layout_line_height(L, &T.date_st);
    T.lh_detail = csvchart_layout_line_height(L, &T.detail_st);
    T.lh_tick = csvchart_layout_line_height(L, &T.tick_st);
    T.asc_date = csvchart_layout_ascent(L, &T.date_st);
    T.asc_detail = csvchart_layout_ascent(L, &T.detail_st);
    T.asc_tick = csvchart_layout_ascent(L, &T.tick_st);
    struct date_value today;
    if (*s->today && csvchart_date_parse(s->today, strlen(s->today), &today)) {
        T.has_today = true;
        T.today = (csvchart_date_coord(&today) + csvchart_date_period_end(&today)) / 2;
    }
    const struct theme *th = &s->theme;
    T.color_dates = true;
    for (size_t i = 0; i < (d->ngroups ? d->ngroups : 1); i++) {
        T.color_dates = T.color_dates &&
                        csvchart_contrast(th->palette[i % th->npalette], th->background) >= 4.5;
    }
    extent(&T);
    describe(&T);
    T.member = malloc(d->nevents * sizeof *T.member);
    T.cid = malloc(d->nevents * sizeof *T.cid);
    T.runs = malloc(d->nevents * sizeof *T.runs);
    T.open = malloc((d->ngroups + 1) * sizeof *T.open);
    T.up_h = malloc(d->nevents * sizeof *T.up_h);
    T.dn_h = malloc(d->nevents * sizeof *T.dn_h);
    T.row_h = malloc(d->nevents * sizeof *T.row_h);
    T.row0 = malloc((d->ngroups + 2) * sizeof *T.row0);
    struct tl_scratch *sc = scratch(d, m, s->font, s->locale);
    if (sc) {
        T.memo = sc->memo;
        T.memo_next = sc->memo_next;
        T.dates = sc->dates;
    }
    if (!sc || !T.cid || !T.runs || !T.open || !T.member || !T.up_h || !T.dn_h || !T.row_h ||
        !T.row0 || !find_breaks(&T)) {
        st = csvchart_error_nomem(err);
        goto done;
    }
    T.bands = want_bands(&T);
    csvchart_layout_frame(L, NULL);
    if (!legend(&T)) {
        st = csvchart_error_nomem(err);
        goto done;
    }
    T.plot_top = L->top;
    T.plot_bottom = L->bottom;
    if (!ladder(&T)) {
        if (scene->nomem) {
            st = csvchart_error_nomem(err);
            goto done;
        }
        /* More height always helps (more rows, longer columns); more width only when even
         * one column of text does not fit across. */
        bool narrow = 0.45 * (L->right - L->left) < T.px.min_wrap;
        size_t nev = d->nevents - d->nmarkers;
        if (d->nmarkers) {
            st = csvchart_layout_no_fit(L, narrow, true, "", "%zu event%s and %zu marker%s", nev,
                                        nev == 1 ? "" : "s", d->nmarkers,
                                        d->nmarkers == 1 ? "" : "s");
        } else {
            st = csvchart_layout_no_fit(L, narrow, true, "", "%zu events", nev);
        }
        goto done;
    }
    if (T.lanes) {
        csvchart_tl_draw_lanes(&T);
    } else if (T.cfg.vertical) {
        csvchart_tl_draw_vertical(&T);
    } else {
        csvchart_tl_draw_horizontal(&T);
    }
    size_t ndetail = 0, clusters = 0, clustered = 0;
    size_t nev = d->nevents - d->nmarkers;
    for (size_t i = 0; i < d->nevents; i++) {
        ndetail += d->events[i].detail != NULL;
    }
    for (size_t i = 0; i < T.n; i++) {
        clusters += T.it[i].e == NULL;
        clustered += T.it[i].e ? 0 : T.it[i].count;
    }
    if (!T.cfg.detail && ndetail) {
        csvchart_warnings_add(warn,
                              "the detail lines of %zu event%s are left out so that %zu events "
                              "fit %.0fx%.0f (a taller size, or fit = grow, shows them)",
                              ndetail, ndetail == 1 ? "" : "s", nev, s->width, s->height);
    }
    if (clusters) {
        csvchart_warnings_add(warn,
                              "%zu of %zu events are drawn as %zu cluster%s of nearby dates, each "
                              "labelled with its count, so that they fit %.0fx%.0f (a taller "
                              "size, or fit = grow, labels every event)",
                              clustered, nev, clusters, clusters == 1 ? "" : "s", s->width,
                              s->height);
    }
    st = csvchart_layout_end(L, err);
done:
    free_items(&T);
    free(T.it);
    free(T.member);
    free(T.cid);
    free(T.runs);
    free(T.open);
    free(T.up_h);
    free(T.dn_h);
    free(T.row_h);
    free(T.row0);
    if (!d->scratch) {
        free(sc);
    }
    return st;
}
