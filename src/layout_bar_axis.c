/*
 * layout_bar_axis.c - a bar chart's value axis: domain, ticks, tick labels, gridlines and the
 * baseline (see layout_bar.h).
 *
 * The domain comes from the data alone, so the same data gets the same axis at every size:
 *
 *   linear  from zero (bars start at zero) to the first round value at or above the largest
 *           value: 1, 1.2, 1.4, 1.6, 1.8, 2, 2.5, 3, 3.5, 4, 5, 6, 7, 8 or 10 times a power
 *           of ten, at most a fifth of the axis left empty ($60 -> 60, 32.6M -> 35M, 71% ->
 *           80%); below zero the same, mirrored. A share (values in %, none above 100) never
 *           runs past 100%.
 *   log     from the decade strictly below the smallest value - at least a quarter of a
 *           decade below it, so the smallest bar is seen - to the decade at or above the
 *           largest ($0.07 .. $60 -> $0.01 .. $100).
 *
 * Only the ticks depend on the size: about one gridline per BAR_METRICS tick_spacing px,
 * multiples of 1, 2, 2.5 or 5 times a power of ten inside the domain (linear), or every
 * decade, every 3rd, 6th ... on multiples of the stride and the top decade (log, as a trend's:
 * csvchart_ticks_log_within). A linear domain's bottom below zero that is no tick (-1.2 under
 * ticks 2 apart) runs on to the tick below it (-2, labelled; csvchart_ticks_from_tick, as the
 * trend's axis), chosen with the ticks: the bars, their labels, rules, bands and gridlines are
 * all mapped on that domain (P->dlo; P->dlo_data keeps the data's). The editor's domain or
 * ticks, log axes and a stack's shares are not extended. The axis may run on past its last tick
 * to the domain's end, and past that by the room its labels need (bar_axis_map()): a value
 * label above the tallest bar, a tick label centred on the last tick.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout_bar.h"

#define LOG_MOST_TICKS 12 /* labelled decades (or strides) a horizontal log axis tries first */

/* ---- the domain ---------------------------------------------------------------------------- */

void bar_axis_extent(const struct bar_layout *B, struct panel *P)
{
    const struct bar_data *d = P->d;
    double lo = P->log ? INFINITY : 0, hi = P->log ? -INFINITY : 0;
    /* A count is whole, and so are numbers all written without decimals (and not averaged):
     * their axis never reads "0.5" (review: "0, 0.5, 1, 1.5, 2" under counts of events). */
    P->whole = B->s->aggregate == AGG_COUNT ||
               (P->values.f.unit.decimals == 0 && B->s->aggregate != AGG_MEAN);
    for (size_t c = 0; c < d->ncat; c++) {
        double pos = 0, neg = 0;
        for (size_t s = 0; s < d->nser; s++) {
            size_t i = bar_idx(P, c, s);
            if (!d->has[i]) {
                continue;
            }
            double v = P->v[i];
            P->whole = P->whole && v == floor(v) && (!d->low || d->low[i] == floor(d->low[i]));
            if (B->s->stack) {
                *(v >= 0 ? &pos : &neg) += v;
                continue;
            }
            hi = fmax(hi, v);
            lo = fmin(lo, d->low ? d->low[i] : v);
            if (d->open && d->open[i]) {
                /* an open range needs axis past its known bound to fade out over */
                hi = fmax(hi, P->log ? d->low[i] * 10 : d->low[i] * 1.25);
            }
        }
        if (B->s->stack) {
            hi = fmax(hi, pos);
            lo = fmin(lo, neg);
        }
    }
    if (!isfinite(lo) || !isfinite(hi)) { /* cannot happen: panels have values */
        lo = 1, hi = 10;
    }
    P->lo = lo;
    P->hi = hi;
}

void bar_axis_domain(const struct bar_layout *B, struct panel *P, double lo, double hi)
{
    if (P->log && B->s->domain) {
        P->dlo = B->s->domain[0];
        P->dhi = B->s->domain[1];
        P->base = P->dlo;
        P->dlo_data = P->dlo;
        return;
    }
    if (P->log) {
        P->dlo = csvchart_decade(ceil(log10(lo) - 0.25) - 1);
        P->dhi = csvchart_decade(ceil(log10(hi) - 1e-9));
        /* At the ends of the doubles there is no decade beyond: the axis ends at the data. */
        if (!(P->dlo >= DBL_MIN)) {
            P->dlo = lo >= DBL_MIN ? DBL_MIN : lo / 2 > 0 ? lo / 2 : lo;
        }
        if (!isfinite(P->dhi)) {
            P->dhi = hi;
        }
        if (P->dhi <= P->dlo) {
            P->dhi = fmin(P->dlo * 10, DBL_MAX);
        }
        P->base = P->dlo;
        P->dlo_data = P->dlo;
        return;
    }
    if (B->s->domain) { /* the editor's (bar_axis_check() saw it holds the data) */
        P->dlo = B->s->domain[0];
        P->dhi = B->s->domain[1];
        P->base = P->dlo > 0 ? P->dlo : P->dhi < 0 ? P->dhi : 0;
        P->dlo_data = P->dlo;
        return;
    }
    P->dlo = lo < 0 ? -csvchart_nice_ceil(-lo) : 0;
    P->dhi = hi > 0 ? csvchart_nice_ceil(hi) : 0;
    if (P->dlo == 0 && P->dhi == 0) {
        P->dhi = 1; /* all zeros */
    }
    bool share = strcmp(P->values.f.unit.suffix, "%") == 0 || B->s->format.kind == FORMAT_PERCENT;
    /* A share of a whole never runs past it (100.1%: the rounding of stacked parts). */
    if (share && hi <= 101 && lo >= 0 && P->dhi > 100) {
        P->dhi = 100;
    }
    P->base = 0;
    P->dlo_data = P->dlo; /* bar_axis_ticks() may run the axis on to the tick below it */
}

csvchart_status bar_axis_check(const struct bar_layout *B, const struct panel *P,
                               csvchart_error *err)
{
    const struct spec *s = B->s;
    const double *dm = s->domain;
    bool bars = s->mark != MARK_DOT && !P->d->low;
    /* Numbers in messages as the data writes them (-$50B, not -5e+10), all their digits. */
    struct value_format as_data = P->values.f;
    as_data.unit.decimals = -1;
    char d0[64] = "", d1[64] = "";
    if (dm) {
        csvchart_format_value(&as_data, dm[0], d0, sizeof d0);
        csvchart_format_value(&as_data, dm[1], d1, sizeof d1);
    }
    if (dm && P->log &&
        (dm[0] <= 0 || fabs(log10(dm[0]) - round(log10(dm[0]))) > 1e-9 ||
         fabs(log10(dm[1]) - round(log10(dm[1]))) > 1e-9)) {
        return csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                                  "domain: %s,%s on a log axis; expected whole decades, e.g. "
                                  "0.01,100",
                                  d0, d1);
    }
    if (dm && !P->log && bars && (dm[0] > 0 || dm[1] < 0)) {
        return csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                                  "domain: %s,%s leaves out zero, where bars start; include it "
                                  "(or draw dots: mark = dot)",
                                  d0, d1);
    }
    const struct bar_data *d = P->d;
    for (size_t c = 0; dm && c < d->ncat; c++) {
        double pos = 0, neg = 0;
        for (size_t k = 0; k < d->nser; k++) {
            size_t i = bar_idx(P, c, k);
            if (!d->has[i]) {
                continue;
            }
            double lo = d->low ? d->low[i] : P->v[i], hi = P->v[i];
            if (s->stack) {
                *(hi >= 0 ? &pos : &neg) += hi;
                lo = neg;
                hi = pos;
            }
            if (hi > dm[1] || lo < dm[0]) {
                return csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                                          "domain: %s,%s leaves out \"%s\" (%s%s); widen it", d0,
                                          d1, d->cats[c], s->stack ? "its stack, with " : "",
                                          P->value_text[i]);
            }
        }
    }
    for (size_t i = 0; i < s->nticks; i++) {
        double lo = dm ? dm[0] : P->dlo, hi = dm ? dm[1] : P->dhi;
        /* The ends themselves are on the axis, whatever their sign (-3 on an axis from -3). */
        if (s->ticks[i] < lo - fabs(lo) * 1e-12 - 1e-300 ||
            s->ticks[i] > hi + fabs(hi) * 1e-12 + 1e-300) {
            char t[64], a[64], b[64];
            csvchart_format_value(&as_data, s->ticks[i], t, sizeof t);
            csvchart_format_value(&as_data, lo, a, sizeof a);
            csvchart_format_value(&as_data, hi, b, sizeof b);
            return csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                                      "ticks: %s is outside the axis (%s to %s); set domain, or "
                                      "leave it out",
                                      t, a, b);
        }
        if (P->log && s->ticks[i] <= 0) {
            return csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                                      "ticks: %g on a log axis; ticks must be > 0", s->ticks[i]);
        }
    }
    return CSVCHART_OK;
}

/* ---- ticks ----------------------------------------------------------------------------------- */

static double plan_tick_labels(const struct bar_layout *B, struct panel *P);

/*
 * Whether the axis' bottom runs on to the tick at or below the domain's (a linear domain
 * decided from the data alone: -1.2 under ticks 2 apart ends at -2, labelled, as the trend's
 * value axis does; graphics desk review 8: the bars below zero ran to an unlabelled floor).
 * Not the editor's domain or ticks, not log axes, not shares of a stack (0% to 100%).
 */
static bool runs_to_tick(const struct bar_layout *B, const struct panel *P)
{
    return !P->log && !B->s->domain && !B->s->ticks && !B->s->stack_percent;
}

/* The ticks about `target` of them would be, their label plan and widest label; the widths
 * of their labels and the gaps between them (px). A linear axis decided from the data starts
 * again from P->dlo_data and ends at its lowest tick when runs_to_tick(). */
static double frac(const struct panel *P, double v);

static double ticks_for(const struct bar_layout *B, struct panel *P, int target)
{
    if (B->s->ticks) { /* the editor's: these and no others */
        P->ticks.nmajor = B->s->nticks < SCALE_MAX_TICKS ? B->s->nticks : SCALE_MAX_TICKS;
        memcpy(P->ticks.major, B->s->ticks, P->ticks.nmajor * sizeof *P->ticks.major);
        P->ticks.nminor = 0;
        P->ticks.step = P->ticks.nmajor > 1 ? P->ticks.major[1] - P->ticks.major[0] : 1;
        P->ticks.lo = P->ticks.major[0];
        P->ticks.hi = P->ticks.major[P->ticks.nmajor - 1];
    } else if (P->log) {
        csvchart_ticks_log_within(P->dlo, P->dhi, target, &P->ticks);
    } else {
        /* whole numbers: fewer ticks until they stand one apart (0 1 2, not 0 0.5 ... 2) */
        bool run_on = runs_to_tick(B, P);
        for (int t = target;; t--) {
            if (run_on) {
                csvchart_ticks_from_tick(P->dlo_data, P->dhi, t, &P->ticks);
            } else {
                csvchart_ticks_within(P->dlo, P->dhi, t, &P->ticks);
            }
            if (!P->whole || P->ticks.step >= 1 - 1e-9 || t <= 2) {
                break;
            }
        }
        if (run_on) {
            P->dlo = fmin(P->dlo_data, P->ticks.lo);
        }
    }
    return plan_tick_labels(B, P);
}

/* The label plan of P->ticks and their widest label; the widths of their labels and the
 * gaps between them (px). */
static double plan_tick_labels(const struct bar_layout *B, struct panel *P)
{
    /* A stack's axis spans its totals: it speaks as they do. */
    const struct label_plan *labels = B->s->stack && !B->s->stack_percent ? &P->totals : &P->values;
    csvchart_format_plan(&P->values.f, P->log ? LABELS_LOG_TICKS : LABELS_TICKS, P->ticks.major,
                         P->ticks.nmajor, P->ticks.step, false, labels, &P->tick_plan);
    P->tick_w = 0;
    double need = 0;
    for (size_t i = 0; i < P->ticks.nmajor; i++) {
        char buf[64];
        csvchart_format_planned(&P->tick_plan, P->ticks.major[i], buf, sizeof buf);
        double w = csvchart_layout_width(&B->L, &B->label, buf);
        P->tick_w = fmax(P->tick_w, w);
        need += w + B->px.tick_label_gap;
    }
    return need;
}

/* Whether the tick labels of P->ticks, centred on their ticks along a horizontal axis `len`
 * px long over P's domain, keep a gap apart - as bar_axis_ticks_fit() checks them once the
 * axis is mapped (a total of widths under `len` let uneven ones touch: a 606 px canvas was
 * refused where 600 px drew the chart, its finer ticks chosen and then found too close). */
static bool ticks_apart(const struct bar_layout *B, const struct panel *P, double len, double gap)
{
    double last_end = -INFINITY;
    for (size_t i = 0; i < P->ticks.nmajor; i++) {
        char buf[64];
        csvchart_format_planned(&P->tick_plan, P->ticks.major[i], buf, sizeof buf);
        double half = csvchart_layout_width(&B->L, &B->label, buf) / 2;
        double p = len * frac(P, P->ticks.major[i]);
        if (p - half < last_end + gap) {
            return false;
        }
        last_end = p + half;
    }
    return true;
}

/*
 * A log axis whose lowest label alone keeps the ticks of `target` from fitting ("$0.00001" at
 * the bars' baseline, which the note states): that tick becomes a minor one, so the decades
 * above keep their labels, instead of a coarser stride labelling two ticks twelve decades
 * apart (review 12: $10 and $10T over 19 decades on a phone). True when the rest fit (P's
 * ticks are then those); else P's ticks are left for the caller to choose again.
 */
static bool fit_without_lowest(const struct bar_layout *B, struct panel *P, double len, int target)
{
    ticks_for(B, P, target);
    if (P->ticks.nmajor < 4) {
        return false;
    }
    double lowest = P->ticks.major[0];
    memmove(P->ticks.major, P->ticks.major + 1, (P->ticks.nmajor - 1) * sizeof *P->ticks.major);
    P->ticks.nmajor--;
    if (P->ticks.nminor < SCALE_MAX_MINOR) {
        P->ticks.minor[P->ticks.nminor++] = lowest;
    }
    return plan_tick_labels(B, P) <= len && ticks_apart(B, P, len, B->px.tick_label_gap);
}

/* Whether the labels of P->ticks keep a gap apart along an axis `len` px long: side by side
 * along a horizontal one, each its width (evenly spaced: the step's width), or one above the
 * other along a vertical one, each a line high. */
static bool labels_apart(const struct bar_layout *B, const struct panel *P, double len)
{
    if (B->horizontal) {
        double step_px = len * P->ticks.step / (P->dhi - P->dlo);
        return step_px >= P->tick_w + B->px.tick_label_gap;
    }
    for (size_t i = 1; i < P->ticks.nmajor; i++) {
        double apart = len * (frac(P, P->ticks.major[i]) - frac(P, P->ticks.major[i - 1]));
        if (apart < B->lh + B->px.tick_label_gap) {
            return false;
        }
    }
    return true;
}

static void choose_ticks(const struct bar_layout *B, struct panel *P, double len, int target)
{
    /* A horizontal log axis labels every decade (or the finest stride) whose labels stand two
     * gaps apart, whatever the gridlines' spacing asks: a stride of three left "$10M  $10B
     * $10T" with 106 px to a decade for labels half that wide (graphics desk review). */
    if (P->log && B->horizontal && !B->s->ticks) {
        for (int t = LOG_MOST_TICKS; t > target; t--) {
            double need = ticks_for(B, P, t);
            if (P->ticks.nmajor > (size_t)target && need <= len &&
                ticks_apart(B, P, len, 2 * B->px.tick_label_gap)) {
                return;
            }
        }
    }
    for (;; target--) {
        double need = ticks_for(B, P, target);
        /* Along a horizontal axis the labels must not touch: fewer ticks until they do not. */
        if (B->s->ticks || !B->horizontal ||
            (need <= len && ticks_apart(B, P, len, B->px.tick_label_gap))) {
            break;
        }
        if (P->log && fit_without_lowest(B, P, len, target + 1)) {
            break;
        }
        if (target <= 2) {
            ticks_for(B, P, target);
            break;
        }
    }
    /*
     * A short axis (a small multiple, a phone) asks for two ticks, and two leave most of it
     * unlabelled: "0%  5%" under bars to 8%, "0%  50%" under 79% (review 5); a panel's log axis
     * "$0.001  $1,000" over six decades, "0.1  100" over four, 40 px apart (graphics desk,
     * session 23). The fewest more that keep their labels a gap apart replace them: 0% 2% 4% 6%
     * 8%, 0% 25% 50% 75%, $0.001 $1 $1,000, 0.1 1 10 100. Wide labels ("£500,000") keep two,
     * and so does a horizontal log axis (its labels' widths vary by decade: choose_ticks()
     * dropped decades until they fitted).
     */
    if (B->s->ticks || (P->log && B->horizontal) || P->ticks.nmajor > 2 || P->dhi <= P->dlo) {
        return;
    }
    struct ticks two = P->ticks;
    struct label_plan plan = P->tick_plan;
    double tick_w = P->tick_w, two_dlo = P->dlo;
    for (int t = 3; t <= (P->log ? 6 : 5); t++) {
        ticks_for(B, P, t);
        if (P->ticks.nmajor > 2 && labels_apart(B, P, len)) {
            return;
        }
    }
    /* None fits, and the two leave the longest bar past the last (0% 5% under bars to 8%:
     * the axis' own length fits 0% 2% ... 8%, but the room its value labels take then left
     * them too close, and two came back; review 6): the domain's end and its half, when the
     * half is as round (0% 4% 8%, 0% 40% 80%; not 1.25 of 2.5). */
    if (P->dlo_data == 0 && P->dhi > 0 && two.hi < P->dhi) {
        double mid = P->dhi / 2, mag = csvchart_decade(floor(log10(mid)));
        double sig = mid / mag * 10; /* two significant digits at most: whole here */
        if (isfinite(sig) && fabs(sig - round(sig)) < 1e-9 && (!P->whole || mid == floor(mid))) {
            P->ticks.major[0] = 0;
            P->ticks.major[1] = mid;
            P->ticks.major[2] = P->dhi;
            P->ticks.nmajor = 3;
            P->ticks.nminor = 0;
            P->ticks.step = mid;
            P->ticks.lo = 0;
            P->ticks.hi = P->dhi;
            P->dlo = 0;
            plan_tick_labels(B, P);
            if (labels_apart(B, P, len)) {
                return;
            }
        }
    }
    P->ticks = two;
    P->tick_plan = plan;
    P->tick_w = tick_w;
    P->dlo = two_dlo;
}

void bar_axis_ticks(const struct bar_layout *B, struct panel *P, double len)
{
    double spacing = B->horizontal ? B->px.tick_spacing_h : B->px.tick_spacing_v;
    int target = (int)floor(len / spacing) + 1;
    target = target < 2 ? 2 : target > 10 ? 10 : target;
    /* Panels on one scale in cells alike ask the same again and again: the last answer is
     * kept (a thousand facets would otherwise format their ticks a thousand times a try). */
    struct tick_memo *m = B->memo;
    bool same = m && m->valid && m->dlo_data == P->dlo_data && m->dhi == P->dhi &&
                m->log == P->log && m->horizontal == B->horizontal && m->size == B->label.size_px &&
                m->target == target && (!B->horizontal || m->len == len) &&
                memcmp(&m->values, &P->values, sizeof m->values) == 0;
    if (same) {
        P->ticks = m->ticks;
        P->tick_plan = m->plan;
        P->tick_w = m->tick_w;
        P->dlo = m->dlo;
        return;
    }
    choose_ticks(B, P, len, target);
    if (m) {
        *m = (struct tick_memo){.valid = true,
                                .dlo_data = P->dlo_data,
                                .dlo = P->dlo,
                                .dhi = P->dhi,
                                .log = P->log,
                                .horizontal = B->horizontal,
                                .size = B->label.size_px,
                                .target = target,
                                .len = len,
                                .values = P->values,
                                .ticks = P->ticks,
                                .plan = P->tick_plan,
                                .tick_w = P->tick_w};
    }
}

bool bar_axis_ticks_fit(const struct bar_layout *B, const struct panel *P)
{
    double last_end = -INFINITY, gap = B->horizontal ? B->px.tick_label_gap : 2;
    for (size_t i = 0; i < P->ticks.nmajor; i++) {
        char buf[64];
        csvchart_format_planned(&P->tick_plan, P->ticks.major[i], buf, sizeof buf);
        double p = csvchart_scale_map(&P->sc, P->ticks.major[i]);
        double half = B->horizontal ? csvchart_layout_width(&B->L, &B->label, buf) / 2 : B->lh / 2;
        double a = fmin(p - half, p + half), b = fmax(p - half, p + half);
        if (!B->horizontal) { /* y grows downwards: walk the other way */
            a = -b, b = a + 2 * half;
        }
        if (a < last_end + gap) {
            return false;
        }
        last_end = b;
    }
    return true;
}

double bar_axis_label_width(const struct bar_layout *B, const struct panel *P)
{
    (void)B;
    return P->tick_w;
}

/* ---- mapping, with room for labels ----------------------------------------------------------- */

/* Where v lies in the domain, 0 at dlo and 1 at dhi. */
static double frac(const struct panel *P, double v)
{
    if (P->log) {
        return (log10(v) - log10(P->dlo)) / (log10(P->dhi) - log10(P->dlo));
    }
    return (v - P->dlo) / (P->dhi - P->dlo);
}

/*
 * What reaches past a value along the value axis: each value label (beyond its bar's end, or
 * before the start of a range or of a bar below zero), each stack's total, and the tick
 * labels centred on the first and last tick. Something at fraction f of the domain that
 * reaches `need` px past its value asks for room r at the top with
 * (1 - f) * (len - rooms) + r >= need, and at the bottom with f * (len - rooms) + r >= need.
 */
void bar_axis_rooms_for(const struct bar_reach *r, size_t n, double inner, double *lo, double *hi)
{
    *lo = *hi = 0;
    for (size_t i = 0; i < n; i++) {
        if (r[i].up) {
            *hi = fmax(*hi, r[i].need - (1 - r[i].f) * inner);
        } else {
            *lo = fmax(*lo, r[i].need - r[i].f * inner);
        }
    }
}

bool bar_axis_reaches(const struct bar_layout *B, const struct panel *P, struct bar_reach **out,
                      size_t *count)
{
    const struct bar_data *d = P->d;
    size_t n = 0, cap = 2 * d->ncat * d->nser + d->ncat + 2;
    struct bar_reach *r = malloc(cap * sizeof *r);
    *out = r;
    *count = 0;
    if (!r) {
        return false;
    }
    double over = bar_marks_overhang(B, P), gap = B->px.value_gap + over;
    bool labels = B->outside && !B->s->stack;
    /* A label before its value, in horizontal bars, ends towards the names: kept a name gap
     * further off than the plot's start, or "Russia" and "-2.1%" read as one phrase (a review
     * measured 4 px between them at 400x600). */
    double apart = B->horizontal ? B->px.name_gap : 0;
    for (size_t i = 0; i < d->ncat * d->nser && !B->s->stack; i++) {
        if (!d->has[i]) {
            continue;
        }
        bool open = d->open && d->open[i];
        const char *hi_text = P->value_text[i];
        const char *lo_text = d->low ? (open ? P->value_text[i] : P->low_text[i]) : hi_text;
        bool lone = !labels && B->lone_room && bar_marks_lone(B, P, i / d->nser, hi_text);
        double w_hi = !labels && !lone ? 0
                      : B->horizontal  ? csvchart_layout_width(&B->L, &B->label, hi_text)
                                       : B->lh;
        double w_lo = !labels         ? 0
                      : B->horizontal ? csvchart_layout_width(&B->L, &B->label, lo_text)
                                      : B->lh;
        if (d->low) {
            bool lo_label = labels && !bar_marks_one_value(P, i);
            r[n++] =
                (struct bar_reach){frac(P, d->low[i]), lo_label ? gap + w_lo + apart : over, false};
            if (!open) {
                r[n++] = (struct bar_reach){frac(P, P->v[i]), labels ? gap + w_hi : over, true};
            }
        } else if (P->v[i] >= 0 || P->log) {
            r[n++] = (struct bar_reach){frac(P, fmax(P->v[i], P->dlo)),
                                        labels || lone ? gap + w_hi : over, true};
        } else {
            r[n++] = (struct bar_reach){frac(P, P->v[i]),
                                        labels || lone ? gap + w_hi + apart : over, false};
        }
    }
    if (bar_totals_shown(B)) { /* a stack's total stands past its end */
        struct text_style bold = B->label;
        bold.weight = 700;
        for (size_t c = 0; c < d->ncat; c++) {
            char buf[96];
            double pos, neg;
            bar_total_text(B, P, c, buf, sizeof buf, &pos, &neg);
            double w = B->horizontal ? csvchart_layout_width(&B->L, &bold, buf) : B->lh;
            bool up = pos + neg >= 0 || P->log;
            r[n++] = (struct bar_reach){frac(P, up ? fmax(pos, P->dlo) : neg),
                                        gap + w + (up ? 0 : apart), up};
        }
    }
    /* Tick labels centred on the end ticks reach half their size past them; horizontally the
     * first may reach into the name column's free corner, but not off the canvas. A panel
     * whose names stand once left of its row (B->names_shared) has no such corner: the panel
     * before it ends a panel gap away, its own last label inside its plot, so the first may
     * reach into the gap but keeps a tick label gap from that one ("100M%" ran into
     * "−100M%" at 400x903). */
    char first[64], last[64];
    csvchart_format_planned(&P->tick_plan, P->ticks.major[0], first, sizeof first);
    csvchart_format_planned(&P->tick_plan, P->ticks.major[P->ticks.nmajor - 1], last, sizeof last);
    double half_last =
        B->horizontal ? csvchart_layout_width(&B->L, &B->label, last) / 2 : B->lh / 2;
    double corner = P->named ? P->px0 - B->L.left : fmax(B->px.panel_gap - B->px.tick_label_gap, 0);
    double half_first =
        B->horizontal ? csvchart_layout_width(&B->L, &B->label, first) / 2 - corner : B->lh / 2;
    r[n++] = (struct bar_reach){frac(P, P->ticks.major[P->ticks.nmajor - 1]), half_last, true};
    r[n++] = (struct bar_reach){frac(P, P->ticks.major[0]), half_first, false};
    *count = n;
    return true;
}

bool bar_axis_map(struct bar_layout *B, struct panel *P, double v0, double v1, double rl, double rh)
{
    /* Labels may take at most half of the axis: a shorter plot shows no differences. */
    double len = fabs(v1 - v0);
    if (len - rh - rl < fmax(B->px.min_plot, 0.5 * len)) {
        return false;
    }
    double dir = v1 > v0 ? 1 : -1;
    P->sc = (struct scale){P->log ? SCALE_LOG : SCALE_LINEAR, P->dlo, P->dhi, v0 + dir * rl,
                           v1 - dir * rh};
    return true;
}

/* ---- drawing --------------------------------------------------------------------------------- */

/* A line across the plot at value position p (px along the value axis). */
static void across(struct bar_layout *B, struct panel *P, double p, csvchart_rgba color,
                   double width, bool soft)
{
    double b0 = bar_band_start(B, P), b1 = b0 + bar_band_length(B, P);
    double x0, y0, x1, y1;
    bar_bv_point(B, b0, p, &x0, &y0);
    bar_bv_point(B, b1, p, &x1, &y1);
    if (soft) {
        csvchart_layout_soft_line(&B->L, x0, y0, x1, y1, color, width);
    } else {
        csvchart_scene_line(B->L.scene, x0, y0, x1, y1, color, width);
    }
}

void bar_axis_gridlines(struct bar_layout *B, struct panel *P)
{
    struct layout *L = &B->L;
    const struct theme *t = &B->s->theme;
    csvchart_rgba minor = (t->grid & 0xFFFFFF00u) | 0x90u;
    double len = fabs(P->sc.r1 - P->sc.r0);
    double decade_px = P->log ? len / log10(P->dhi / P->dlo) : 0;
    for (size_t i = 0; P->log && i < P->ticks.nminor; i++) {
        if (!csvchart_scale_minor_drawn(P->ticks.minor[i], decade_px, L->g)) {
            continue;
        }
        double p =
            csvchart_layout_snap(L, csvchart_scale_map(&P->sc, P->ticks.minor[i]), B->px.grid);
        across(B, P, p, minor, B->px.grid, true);
    }
    for (size_t i = 0; i < P->ticks.nmajor; i++) {
        double v = P->ticks.major[i];
        if (v == P->base && bar_axis_has_baseline(B, P)) {
            continue; /* the baseline is drawn over the marks */
        }
        double p = csvchart_layout_snap(L, csvchart_scale_map(&P->sc, v), B->px.grid);
        across(B, P, p, t->grid, B->px.grid, true);
    }
}

bool bar_axis_has_baseline(const struct bar_layout *B, const struct panel *P)
{
    return !P->d->low && B->s->mark != MARK_DOT;
}

void bar_axis_baseline(struct bar_layout *B, struct panel *P)
{
    if (!bar_axis_has_baseline(B, P)) {
        return; /* dots and ranges do not start anywhere: zero is a gridline among others */
    }
    double p = csvchart_layout_snap(&B->L, csvchart_scale_map(&P->sc, P->base), B->px.baseline);
    across(B, P, p, B->s->theme.axis, B->px.baseline, false);
}

void bar_axis_tick_labels(struct bar_layout *B, struct panel *P)
{
    struct layout *L = &B->L;
    for (size_t i = 0; i < P->ticks.nmajor; i++) {
        char buf[64];
        double v = P->ticks.major[i];
        csvchart_format_planned(&P->tick_plan, v, buf, sizeof buf);
        double p = csvchart_layout_snap(L, csvchart_scale_map(&P->sc, v), B->px.grid);
        if (B->horizontal) { /* under the plot, centred on the tick */
            csvchart_layout_text(L, &B->label, B->s->theme.faint, buf, strlen(buf), p,
                                 P->py1 + B->px.tick_gap + B->asc, TEXT_ANCHOR_MIDDLE);
        } else { /* left of the plot, level with the tick */
            csvchart_layout_text(L, &B->label, B->s->theme.faint, buf, strlen(buf),
                                 P->px0 - B->px.tick_gap, p + B->asc - B->lh / 2, TEXT_ANCHOR_END);
        }
    }
}
