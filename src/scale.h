/*
 * scale.h - mapping data values to pixels, and choosing ticks (scale.c).
 *
 * Linear ticks use the extended Wilkinson algorithm (Talbot, Lin & Hanrahan, "An Extension of
 * Wilkinson's Algorithm for Positioning Tick Labels on Axes", InfoVis 2010): candidates
 * q * 10^k with Q = {1, 5, 2, 2.5, 4, 3}, scored on simplicity, coverage, density and
 * legibility; the domain is extended to the outermost ticks (loose labelling), so the plot
 * always ends on a labelled gridline.
 *
 * Log ticks: the domain snaps outward to decades; a major tick at every decade, or every 2nd,
 * 3rd, 5th ... decade when there are more decades than the target; minor ticks at 2..9 x each
 * decade when the domain spans at most 3 decades, none otherwise.
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

/* Maps v. SCALE_LOG requires d0, d1, v > 0 (v <= 0 maps to r0). */
double csvchart_scale_map(const struct scale *s, double v);

#define SCALE_MAX_TICKS 64
#define SCALE_MAX_MINOR 512

struct ticks {
    double major[SCALE_MAX_TICKS];
    size_t nmajor;
    double minor[SCALE_MAX_MINOR]; /* log scales only, never equal to a major tick */
    size_t nminor;
    double step; /* linear: the step between major ticks; log: the factor (10, 100, ...) */
    double lo, hi; /* the domain the ticks cover: lo = major[0], hi = major[nmajor - 1] */
};

/*
 * Chooses about `target` (>= 2) major ticks covering [dmin, dmax]. dmin == dmax is allowed
 * (a domain around the value is made up). Returns false when the inputs are not finite.
 */
bool csvchart_ticks_linear(double dmin, double dmax, int target, struct ticks *out);

/*
 * Log10 ticks covering [dmin, dmax], 0 < dmin <= dmax, at most `target` (>= 2) major ticks.
 * Returns false when the inputs are not finite and positive.
 */
bool csvchart_ticks_log(double dmin, double dmax, int target, struct ticks *out);

#endif
