/*
 * scale.h - mapping data values to pixels, and choosing ticks (scale.c).
 *
 * Linear ticks fall inside a domain decided first (csvchart_ticks_within, below).
 *
 * Log ticks: the domain snaps outward to decades; a major tick at every decade, or every 3rd,
 * 6th, 9th ... decade (on multiples of that stride: 1, 1K, 1M ...) when there are more decades
 * than the target; minor ticks at 2..9 x each decade when the domain spans at most 3 decades,
 * at the decades left without a label otherwise.
 */
#ifndef CSVCHART_SCALE_H
#define CSVCHART_SCALE_H

#include <stdbool.h>
#include <stddef.h>

enum scale_kind { SCALE_LINEAR, SCALE_LOG };

/* A map from the domain [d0, d1] to the range [r0, r1] (pixels; r1 < r0 allowed). */
struct scale {
    enum scale_kind kind;
    double d0, d1;
    double r0, r1;
};

/*
 * Maps v; the result is finite for every finite scale and v (a domain as wide as
 * [-DBL_MAX, DBL_MAX] included). SCALE_LOG requires d0, d1, v > 0 (v <= 0 maps to r0). A v
 * outside the domain is extrapolated, up to a million domain widths beyond it (further ones
 * map there), so that pixels stay finite.
 */
double csvchart_scale_map(const struct scale *s, double v);

#define SCALE_MAX_TICKS 64
#define SCALE_MAX_MINOR 512
/* The least decade a log axis writes in fixed digits ("0.00001"; "0.000001" is not read at a
 * glance): format.c writes an axis with a tick below it in powers of ten throughout. */
#define SCALE_LOG_FIXED_LEAST (-5)

struct ticks {
    double major[SCALE_MAX_TICKS];
    size_t nmajor;
    double minor[SCALE_MAX_MINOR]; /* log scales only, never equal to a major tick */
    size_t nminor;
    double step; /* linear: the step between major ticks; log: the factor (10, 100, ...) */
    /* The domain: lo = major[0] and hi = major[nmajor - 1], so that an axis ends on labelled
     * ticks - except where no tick beyond the data is a double (data within a tick step of
     * DBL_MAX, subnormal data, a log axis over more than 600 decades): there lo or hi is the
     * data's end. Always lo <= dmin and hi >= dmax. */
    double lo, hi;
};

/*
 * Log10 ticks covering [dmin, dmax], 0 < dmin <= dmax, at most `target` (>= 2) major ticks
 * (3 when target is 2 and the domain spans more than 300 decades). Major ticks are exact
 * powers of ten from the decade at or below dmin (lower only when the top would pass 1e308);
 * `step` is the factor between them. Decades are the normal ones, 1e-307 to 1e308: beyond
 * them (dmax above 1e308, dmin below 1e-307, over 600 decades) lo or hi is the data's end
 * (see struct ticks). Returns false only when the inputs are not finite and positive.
 */
bool csvchart_ticks_log(double dmin, double dmax, int target, struct ticks *out);

/*
 * Whether a log axis draws minor tick v as a faint gridline, `decade_px` CSS px to a decade
 * and `g` the layout's geometry unit: 2..9 x a decade when a decade is roomy (110 g px;
 * tighter, they crowd into a grey band), a decade without a label when decades are 12 px
 * apart or more (12 g on a canvas larger than an article's; closer, they read as hatching).
 */
bool csvchart_scale_minor_drawn(double v, double decade_px, double g);

/*
 * For axes whose domain is decided first (bars and trends: from zero to a round value, so that
 * the domain does not change with the size drawn): the first round value at or above v > 0 -
 * 1, 1.2, 1.4, 1.6, 1.8, 2, 2.5, 3, 3.5, 4, 5, 6, 7, 8 or 10 times a power of ten (v itself
 * past the largest double); 10^e as the double nearest it; and ticks inside [dlo, dhi]:
 * multiples of q * 10^k (q in 1, 2, 2.5, 5; 2.5 only as 25, 250 ..., never 2.5 or 0.25, which
 * write a decimal more than their neighbours), about `target` of them, the last close to the
 * domain's end, simpler q preferred, each the double nearest its decimal value. lo and hi of
 * *out are its first and last ticks.
 */
double csvchart_nice_ceil(double v);
double csvchart_decade(double e);
void csvchart_ticks_within(double dlo, double dhi, int target, struct ticks *out);
/*
 * The ticks of csvchart_ticks_within(dlo, dhi, target), and the axis' bottom on one of them:
 * when dlo is not a tick (a round value such as -1.2 under ticks 2 apart: -nice_ceil of a
 * negative minimum), the tick below it (the first multiple of the step at or below dlo) is
 * added, so that out->lo = major[0] < dlo and the axis, run from out->lo, ends on a labelled
 * value below its data as at zero (FIGURES.md: the same rule as at the top, at the bottom,
 * where values below zero would otherwise run along the plot's unlabelled floor). Not for
 * a sliver: when dlo lies less than SCALE_RUN_ON_LEAST of a step below the first tick, the
 * axis ends at dlo (a -12.25 beside values in millions ran the axis on to -2M, emptying two
 * fifths of a phone's plot: review 10). Nor for a step too coarse for the data: when the axis
 * from the tick below to dhi would leave more than SCALE_RUN_ON_MOST of its length beyond dlo,
 * it ends at dlo, past its lowest label (a phone's ticks 500 apart ran -$600B on to -$1,000B,
 * a third of the plot empty: review 12). An axis from zero, or from a tick, is unchanged. The
 * top is not: an axis may run past its last label to a round value above the data. A domain
 * with fewer than 2 ticks is returned as is.
 */
#define SCALE_RUN_ON_LEAST 0.1
#define SCALE_RUN_ON_MOST 0.25
void csvchart_ticks_from_tick(double dlo, double dhi, int target, struct ticks *out);
/*
 * The same for a log axis whose domain [dlo, dhi] is decided first (0 < dlo <= dhi), the one
 * tick chooser of every log axis (bars and trends): every decade inside it, or every s-th
 * counted down from the highest (s of csvchart_ticks_log's strides: 1, 3, 6, 9 ...), s the
 * least that keeps the ticks at most `target`, so that the axis ends on a label (dhi, when it
 * is a decade) and every step is the same, down to the lowest on the step inside the domain
 * (the bars' baseline, when it falls on one) - or, when that is below SCALE_LOG_FIXED_LEAST,
 * to the lowest not below it, when two ticks stay there and the domain runs at most a step
 * below it. `step` is 10^s; minor ticks (2..9 x each decade, and the decades skipped) inside
 * the domain when it spans at most 3 decades, the decades skipped alone over more. Where no decade
 * lies inside (subnormal data: the first decade is 1e-307) the ticks are the domain's ends.
 */
void csvchart_ticks_log_within(double dlo, double dhi, int target, struct ticks *out);

#endif
