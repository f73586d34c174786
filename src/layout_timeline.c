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
 *           columns first), cut where time is quiet, no label farther from its dot than a
 *           quarter of its column;
 *        b. without the detail lines (a warning says how many were left out);
 *        c. the label type shrunk, half a pixel at a time, down to the small size (the footer's,
 *           never under the 11 px floor);
 *        d. events close in time gathered into clusters, one label each ("29 Apr – 3 May 2025:
 *           58 events" over as many names as fit), the closeness growing from same-instant
 *           ties; only crowds are gathered (events of one instant, or at least three at four
 *           times the events' average density, over at most a fortieth of the time shown), so
 *           evenly crowded data is refused rather than lumped into years (a warning says how
 *           many events were clustered); the labels then grow back to the largest size that
 *           fits (largest_label());
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
 *      search (memo_lines() in layout_timeline_items.c, kept in timeline_data.scratch);
 *   3. the placement that fit draws itself (layout_timeline_place.c) with the text blocks of
 *      layout_timeline_items.c and the marks of layout_timeline_marks.c: dots, spans, bands,
 *      clusters, the axis with its breaks, ticks.
 *
 * The files of the timeline: this one (the frame, the legend, the breaks, the ladder);
 * layout_timeline_items.c (events and clusters, their text blocks and the memo of their lines);
 * layout_timeline_marks.c (the time map, ticks, the axis, dots, spans, bands, capsules, markers;
 * how time is mapped and where an event sits); layout_timeline_place.c (rows, columns, lanes).
 *
 * Everything is deterministic: no hashing, no randomness; ties break on file order.
 */
#include "layout_timeline.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "words.h"

#define TIMELINE_METRIC_BASE(name, base, doc) .name = base,
static const struct timeline_metrics TL_BASE = {TIMELINE_METRICS(TIMELINE_METRIC_BASE)};

/* A stretch without events longer than this share of the time shown becomes a break. */
#define BREAK_SHARE 0.25
/* Nor may one be longer than this share of the time the other breaks leave shown. */
#define BREAK_DOMINANT 0.5
/* And a stretch between events stands out from the steps between them: at least this many
 * times the middle step between distinct dates (timeline_data.middle_step; a review: 15 Jan,
 * 1 Feb and 1 Mar, stretches of 17 and 28 days, lost both). */
#define BREAK_OUTSTANDS 4
/* From this many items on, a configuration is first tried with the least blocks (try_config). */
#define OPTIMISTIC_FROM 150

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
    int k = snprintf(buf, sizeof buf, "Timeline of %zu event%s", nevents, nevents == 1 ? "" : "s");
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

void csvchart_tl_widen(double *lo, double *hi, double period, bool seconds)
{
    double min_span = fmax(3 * period, seconds ? 2.0 / 1440 : 2.0 / 24);
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
    csvchart_tl_widen(&lo, &hi, period, d->seconds);
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
 * not in, longer than BREAK_SHARE of the time shown, are cut out of the axis; between events,
 * only one that is BREAK_OUTSTANDS times the middle step between them. Today splits a stretch only
 * past the events: inside one, it stands in the break (a review: today between two clusters made a
 * segment of no length between two breaks, and no tick label fitted beside its "Today").
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
    double first = INFINITY, last = -INFINITY;
    for (size_t i = 0; i < k; i++) {
        first = fmin(first, v[i].a);
        last = fmax(last, v[i].b);
    }
    if (T->has_today && (T->today <= first || T->today >= last)) {
        v[k++] = (struct interval){T->today, T->today};
    }
    /* The events are in the order of their marks, which is nearly always that of their starts:
     * sorting is skipped when it is (a fit search gets here at every size it tries). */
    bool sorted = true;
    for (size_t i = 1; i < k && sorted; i++) {
        sorted = v[i - 1].a <= v[i].a;
    }
    if (!sorted) {
        qsort(v, k, sizeof *v, by_start);
    }
    /* The empty stretches, in place of the intervals (there are fewer of them). */
    size_t ng = 0;
    double end = v[0].b;
    for (size_t i = 1; i < k; i++) {
        if (v[i].a > end) {
            double a = v[i].a;
            v[ng++] = (struct interval){end, a};
        }
        end = fmax(end, v[i].b);
    }
    /* The longest first, each while it is longer than BREAK_SHARE of the whole time, or
     * longer than BREAK_DOMINANT of the time still shown: a stretch under a quarter of the
     * year was left when the longer ones beside it were cut, and took three quarters of the
     * axis from a week of fourteen events (found by a review). Against the time still shown
     * alone, every cut would lower the bar for the next, and evenly spread events would lose
     * every gap. */
    double shown = T->tmax - T->tmin;
    double least = BREAK_OUTSTANDS * d->middle_step;
    for (size_t g = 0; g < ng;) { /* today's stretch stands apart from the events' steps */
        bool today = T->has_today && (v[g].a == T->today || v[g].b == T->today);
        if (!today && v[g].b - v[g].a < least) {
            v[g] = v[--ng];
        } else {
            g++;
        }
    }
    while (T->ncuts + 1 < TL_MAX_SEGS) {
        size_t best = ng;
        for (size_t g = 0; g < ng; g++) { /* ties: the first in v */
            if (best == ng || v[g].b - v[g].a > v[best].b - v[best].a) {
                best = g;
            }
        }
        double g = best < ng ? v[best].b - v[best].a : 0;
        if (g <= BREAK_SHARE * (T->tmax - T->tmin) && g <= BREAK_DOMINANT * shown) {
            break;
        }
        T->cut0[T->ncuts] = v[best].a;
        T->cut1[T->ncuts++] = v[best].b;
        shown -= v[best].b - v[best].a;
        v[best] = v[--ng];
    }
    /* The time map takes them in time order. */
    for (size_t i = 1; i < T->ncuts; i++) {
        for (size_t j = i; j > 0 && T->cut0[j - 1] > T->cut0[j]; j--) {
            double a = T->cut0[j], b = T->cut1[j];
            T->cut0[j] = T->cut0[j - 1];
            T->cut1[j] = T->cut1[j - 1];
            T->cut0[j - 1] = a;
            T->cut1[j - 1] = b;
        }
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
            e[n++] = (struct legend_entry){d->groups[i], th->palette[i % th->npalette], 0};
        }
    }
    if (T->bands) {
        bool month = false, year = false;
        for (size_t i = 0; i < d->nevents; i++) {
            bool point = !d->events[i].has_end && !d->events[i].marker;
            month = month || (point && d->events[i].start.precision == DATE_MONTH);
            year = year || (point && d->events[i].start.precision == DATE_YEAR);
        }
        const struct words *w = csvchart_words_get(T->s->locale);
        e[n++] = (struct legend_entry){month && year ? w->dated_to[0]
                                       : month       ? w->dated_to[1]
                                                     : w->dated_to[2],
                                       csvchart_tl_alpha(th->muted, 0x80), 0};
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
        if (!csvchart_tl_build_items(T)) {
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

/*
 * Whether the clusters' names, up to `most` characters each (tl_config.names_chars), could
 * take at most half of the plot's area at the current label size, counting half an em a
 * character: a cluster of 985 events did not, and shaping every name of it to find that out
 * took most of a layout's time.
 */
static bool names_may_fit(const struct timeline *T, size_t most, double plot_area)
{
    double chars = 0;
    for (size_t i = 0; i < T->n; i++) {
        const struct tl_item *P = &T->it[i];
        size_t n = 0;
        for (size_t k = 0; !P->e && k < P->count && n < most; k++) {
            n += strlen(T->d->events[T->member[P->first + k]].label) + 2;
        }
        chars += (double)(n < most ? n : most);
    }
    return chars * 0.5 * T->names_st.size_px * T->lh_label <= plot_area / 2;
}

/* Whether every cluster's block starts within TL_NAMES_NEAR label lines of its dot along a
 * vertical axis (always along a horizontal one): a phone's column set ten names 130 px above
 * their cluster's dot, beside other dates (graphics desk review); fewer names stay by it. */
static bool names_near(const struct timeline *T)
{
    for (size_t i = 0; T->cfg.vertical && i < T->n; i++) {
        const struct tl_item *P = &T->it[i];
        if (!P->e && fabs(P->by - P->pos) > TL_NAMES_NEAR * T->lh_label) {
            return false;
        }
    }
    return true;
}

/*
 * cfg fits at its label size: the largest half-pixel size up to `full` that still fits,
 * bisected, and the figure placed at it (true). Half a pixel more is tried first: when even
 * that does not fit (the usual case), the figure is placed again as it was, two layouts in
 * all. `full_failed`: full is known not to fit. A size search's probe only needs to know that
 * it fits: it is left as it is.
 */
static bool largest_label(struct timeline *T, struct tl_config cfg, double full, bool full_failed,
                          double *built)
{
    if (T->L.fit && T->L.fit->probe) {
        return true;
    }
    double lo = cfg.label_px; /* fits, and is placed */
    if (lo + 0.5 > full) {
        return true;
    }
    cfg.label_px = lo + 0.5;
    if (!try_orients(T, cfg, built)) {
        cfg.label_px = lo;
        return try_orients(T, cfg, built);
    }
    lo += 0.5;
    if (!full_failed && lo < full) {
        cfg.label_px = full;
        if (try_orients(T, cfg, built)) {
            return true;
        }
    }
    double hi = full; /* lo fits, hi does not */
    while (hi - lo > 0.5) {
        double mid = floor((lo + hi) / 2 * 2) / 2;
        if (mid <= lo) {
            break;
        }
        cfg.label_px = mid;
        if (try_orients(T, cfg, built)) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    cfg.label_px = lo;
    return try_orients(T, cfg, built);
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
            return largest_label(T, cfg, full, true, &built);
        }
    }
    /* Clusters, from same-instant ties to TL_CLUSTER_SHARE of the time shown. */
    double cap = TL_CLUSTER_SHARE * (T->tmax - T->tmin);
    size_t last_n = (size_t)-1;
    cfg.label_px = least;
    set_label_size(T, least);
    double plot_area = (L->right - L->left) * (T->plot_bottom - T->plot_top);
    double least_area = (T->lh_date + T->lh_label) * 2 * T->date_st.size_px;
    for (size_t c = 0; c < TL_NCLOSENESS; c++) {
        if (c > 0 && csvchart_tl_closeness[c] > cap) {
            break;
        }
        cfg.cluster = csvchart_tl_closeness[c];
        /* A few more events gathered change little: try again only when the items are at
         * least a tenth fewer than at the last try (or than the events, at first); and only
         * when their least blocks can cover the plot. Counted before anything is built. */
        size_t items = csvchart_tl_cluster_count(T, c);
        if ((double)items > 0.9 * (double)(last_n == (size_t)-1 ? d->nevents : last_n) ||
            (double)items * least_area > plot_area) {
            continue;
        }
        last_n = items;
        if (try_orients(T, cfg, &built)) {
            /* Gathered, the items may leave room for larger labels: a few dozen same-day
             * events in one cluster left every label at the footer's size and the canvas
             * half empty (found by a review). */
            if (!largest_label(T, cfg, full, false, &built)) {
                return false;
            }
            if (L->fit && L->fit->probe) {
                return true;
            }
            /* and for every name: 30 events of one day on an empty slide read "Event 0 ...
             * Event 8 and 21 more" (review 11); else for as many as the room holds, halving
             * the characters: 46 election-night events on an empty slide named one of them
             * (graphics desk review). Else placed again as it was. */
            struct tl_config was = T->cfg, more = T->cfg;
            more.names_chars = SIZE_MAX;
            if (names_may_fit(T, more.names_chars, plot_area) && try_orients(T, more, &built) &&
                names_near(T)) {
                return true;
            }
            /* (in the orientation found: more names are no reason to turn the figure; and for
             * a few clusters only, each try being a layout) */
            size_t clusters = 0;
            for (size_t i = 0; i < T->n; i++) {
                clusters += T->it[i].e == NULL;
            }
            for (more.names_chars = TL_NAMES_TRY_CHARS;
                 clusters <= TL_NAMES_TRY_CLUSTERS && more.names_chars > TL_NAMES_CHARS;
                 more.names_chars /= 2) {
                if (names_may_fit(T, more.names_chars, plot_area) && try_config(T, more, &built) &&
                    names_near(T)) {
                    return true;
                }
            }
            return try_orients(T, was, &built);
        }
        if (L->scene->nomem) {
            return false;
        }
    }
    return false;
}

/*
 * What is kept between layouts of the same data (timeline_data.h): each event's date line and
 * the memo of its texts' lines (memo_lines()), valid for one measurer, font and locale. One
 * block, freed with free(). Made when missing or stale; NULL when out of memory.
 */
struct tl_scratch {
    const csvchart_text_measurer *m;
    const struct csvchart_locale *loc;
    size_t n;
    struct tl_memo *memo;
    unsigned char *memo_next;
    char (*dates)[TL_DATE_LEN];
    bool *asked;             /* the event's texts were given to the measurer's prepare() */
    struct tl_counts counts; /* cluster_count()'s */
    char family[];           /* NUL-terminated */
};

/*
 * What the events' date lines leave out (csvchart_date_format_omit()) after the first event
 * that is neither a span nor a marker (*first; n when there is none), which says it all: the
 * year when every date of the figure is in one year, and the day when all are on one day. A
 * figure over several years names each date's year: a label stands off its dot, in another
 * column, in another lane, and "17 Jul" beside the tick of the next year was read in that year
 * (a review of the first version, which left out what had not changed since the event before).
 */
static unsigned date_omit(const struct timeline_data *d, size_t *first)
{
    size_t n = d->nevents;
    *first = n;
    for (size_t i = 0; i < n && *first == n; i++) {
        *first = d->events[i].has_end || d->events[i].marker ? n : i;
    }
    if (*first == n) {
        return 0;
    }
    const struct date_value *f = &d->events[*first].start;
    int fy, fm, fd;
    csvchart_date_civil(f->days, &fy, &fm, &fd);
    bool year = true, day = f->precision >= DATE_DAY;
    for (size_t i = 0; i < n; i++) {
        const struct timeline_event *e = &d->events[i];
        for (int end = 0; end <= (int)e->has_end; end++) {
            const struct date_value *v = end ? &e->end : &e->start;
            int y, m, dd;
            csvchart_date_civil(v->days, &y, &m, &dd);
            year = year && y == fy;
            day = day && v->precision >= DATE_DAY && v->days == f->days;
        }
    }
    return (year ? DATE_OMIT_YEAR : 0) | (year && day ? DATE_OMIT_DAY : 0);
}

static struct tl_scratch *scratch(const struct timeline_data *d, const csvchart_text_measurer *m,
                                  const char *family, const struct csvchart_locale *loc)
{
    struct tl_scratch *sc = d->scratch ? d->scratch->p : NULL;
    if (sc && sc->m == m && sc->loc == loc && sc->n == d->nevents &&
        strcmp(sc->family, family) == 0) {
        return sc;
    }
    size_t n = d->nevents, flen = strlen(family) + 1;
    size_t head = (sizeof *sc + flen + 15) / 16 * 16;
    size_t memo = n * 3 * MEMO_WAYS * sizeof(struct tl_memo);
    size_t dates = n * TL_DATE_LEN;
    struct tl_scratch *ns = calloc(1, head + memo + dates + n * 3 + n * sizeof(bool));
    if (!ns) {
        return NULL;
    }
    ns->m = m;
    ns->loc = loc;
    ns->n = n;
    memcpy(ns->family, family, flen);
    ns->memo = (struct tl_memo *)((char *)ns + head);
    ns->dates = (char(*)[TL_DATE_LEN])((char *)ns + head + memo);
    ns->memo_next = (unsigned char *)((char *)ns + head + memo + dates);
    ns->asked = (bool *)(ns->memo_next + n * 3);
    size_t first = n;
    unsigned omit = date_omit(d, &first);
    for (size_t i = 0; i < n; i++) {
        const struct timeline_event *e = &d->events[i];
        if (e->has_end) {
            csvchart_date_format_span_in(loc, &e->start, &e->end, ns->dates[i], TL_DATE_LEN);
        } else {
            csvchart_date_format_omit(loc, &e->start, e->marker || i == first ? 0 : omit,
                                      ns->dates[i], TL_DATE_LEN);
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
    if (d->ngroups > 1 && !T.lanes) { /* the groups' colours tell them apart */
        struct legend_entry *e = calloc(d->ngroups, sizeof *e);
        if (!e) {
            return csvchart_error_nomem(err);
        }
        for (size_t i = 0; i < d->ngroups; i++) {
            e[i] = (struct legend_entry){d->groups[i], s->theme.palette[i % s->theme.npalette], 0};
        }
        st = csvchart_layout_distinct_colors(L, e, d->ngroups, "group", "groups", true, err);
        free(e);
        if (st) {
            return st;
        }
    }
    csvchart_layout_metrics(L, &TL_BASE, &T.px, sizeof T.px);
    double mg = csvchart_layout_mark_g(L); /* marks and lines */
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
    for (size_t i = 0; i < d->nevents; i++) {
        const struct timeline_event *e = &d->events[i];
        T.timed = T.timed || e->start.precision == DATE_TIME ||
                  (e->has_end && e->end.precision == DATE_TIME);
        T.zoned = T.zoned || (e->start.precision == DATE_TIME && e->start.zoned) ||
                  (e->has_end && e->end.precision == DATE_TIME && e->end.zoned);
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
        T.asked = sc->asked;
        T.dates = sc->dates;
        T.counts = &sc->counts;
    }
    if (!sc || !T.cid || !T.runs || !T.open || !T.member || !T.up_h || !T.dn_h || !T.row_h ||
        !T.row0 || !find_breaks(&T)) {
        st = csvchart_error_nomem(err);
        goto done;
    }
    T.bands = want_bands(&T);
    csvchart_layout_frame(L, NULL);
    if (L->frame_cut) { /* no size draws it: said at once, not as a size */
        st = csvchart_layout_end(L, err);
        goto done;
    }
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
    if (fit && fit->probe) { /* a size search asks only whether it fits: it does */
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
        double days;
        const char *unit = csvchart_tl_period_hint(d, &days);
        if (unit && *unit) {
            csvchart_warnings_add(warn,
                                  "half of the events fall within %.0f day%s: counted by %s they "
                                  "may read better as bars (csvchart bar --x %s --bin %s "
                                  "--aggregate count)",
                                  days, days == 1 ? "" : "s", unit, s->date, unit);
        } else if (unit) {
            csvchart_warnings_add(warn,
                                  "half of the events fall within %.0f day%s: a figure of those "
                                  "alone may read better",
                                  days, days == 1 ? "" : "s");
        }
    }
    st = csvchart_layout_end(L, err);
done:
    csvchart_tl_free_items(&T);
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
