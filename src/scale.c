/*
 * scale.c - value-to-pixel maps and tick choice; the scale stage, between spec and layout.
 *
 * Layout asks this module where a value lands on an axis (csvchart_scale_map) and which values
 * get a gridline and a label. Pure arithmetic, no I/O, no state.
 *
 * Domains are decided before the ticks, from the data alone, so that they do not change with
 * the size drawn: a linear axis runs from zero (or a round value below the data) to a round
 * value at or above it (csvchart_nice_ceil), a log axis from decade to decade. The ticks are
 * then chosen inside the domain for the room there is: csvchart_ticks_within (multiples of 1,
 * 2, 5 or 25 times a power of ten, about the target count, the simplest preferred) and
 * csvchart_ticks_log / csvchart_ticks_log_within (every decade, or every 3rd, 6th, 9th ...;
 * within a domain counted down from its top decade, which is labelled; with minor ticks over
 * few decades, and at the decades left unlabelled over more; bars and trends share them). (An
 * extended-Wilkinson search that extended the domain to its ticks served before domains were
 * decided first; it is gone.)
 *
 * Exact tick values: a tick is an integer times a power of ten, turned into a double only at
 * the end (scaled()), so that 0.3 is the double nearest 0.3, never 0.30000000000000004, and a
 * formatter printing 15 significant digits sees clean decimals.
 */
#include "scale.h"

#include <float.h>
#include <math.h>
#include <string.h>

/* How far outside its domain a value may map, in domain widths (see scale.h). */
#define MAP_T_MAX 1e6

double csvchart_scale_map(const struct scale *s, double v)
{
    double t;
    if (s->kind == SCALE_LOG) {
        if (!(v > 0) || !(s->d0 > 0) || !(s->d1 > 0)) {
            return s->r0;
        }
        double l0 = log10(s->d0), l1 = log10(s->d1);
        if (l1 == l0) {
            return (s->r0 + s->r1) / 2;
        }
        t = (log10(v) - l0) / (l1 - l0);
    } else {
        if (s->d1 == s->d0) {
            return (s->r0 + s->r1) / 2;
        }
        t = (v - s->d0) / (s->d1 - s->d0);
        if (!isfinite(v - s->d0) || !isfinite(s->d1 - s->d0)) {
            /* A domain or a distance wider than the largest double ([-1e308, 1e308]):
             * halving every term is exact (none is subnormal there) and cannot overflow. */
            t = (v / 2 - s->d0 / 2) / (s->d1 / 2 - s->d0 / 2);
        }
    }
    if (!(t >= -MAP_T_MAX)) { // NaN too: a value that is not finite maps to r0
        t = isnan(t) ? 0 : -MAP_T_MAX;
    } else if (t > MAP_T_MAX) {
        t = MAP_T_MAX;
    }
    return s->r0 + t * (s->r1 - s->r0);
}

/* ---- Exact powers of ten ---------------------------------------------------------------- */

/* 10^e for e in [-22, 22] is exact (10^22 < 2^53 * 2^22); beyond that pow() is close enough
 * (ticks that far out are labelled in scientific magnitude anyway). */
static double pow10i(int e)
{
    static const double p[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                               1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                               1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    if (e >= 0 && e <= 22) {
        return p[e];
    }
    if (e < 0 && e >= -22) {
        return 1.0 / p[-e];
    }
    return pow(10.0, e);
}

/* The double nearest to n * 10^e (n an integer below 2^53 in magnitude). */
static double scaled(long long n, int e)
{
    double x = (double)n;
    if (e >= 0) {
        return x * pow10i(e);
    }
    if (e >= -22) {
        return x / pow10i(-e); // exact divisor: one correctly rounded division
    }
    return x * pow10i(e);
}

/* ---- Log ticks ---------------------------------------------------------------------------- */

/* floor(log10(v)) without trusting log10() near exact powers of ten. */
static int decade_floor(double v)
{
    int e = (int)floor(log10(v));
    while (pow10i(e) > v) {
        e--;
    }
    while (pow10i(e + 1) <= v) {
        e++;
    }
    return e;
}

/* Decade strides of thinned log ticks: 1 or multiples of 3 (see csvchart_ticks_log). */
static const int strides[] = {1, 3, 6, 9, 12, 15, 30, 60, 90, 150, 300};

bool csvchart_ticks_log(double dmin, double dmax, int target, struct ticks *out)
{
    if (!isfinite(dmin) || !isfinite(dmax) || !(dmin > 0) || !(dmax > 0)) {
        return false;
    }
    if (dmin > dmax) {
        double t = dmin;
        dmin = dmax;
        dmax = t;
    }
    int m = target < 2 ? 2 : target > SCALE_MAX_TICKS ? SCALE_MAX_TICKS : target;

    /* Decades are normal doubles from 1e-307 to 1e308: data beyond them (up to DBL_MAX, down
     * to the subnormals) is drawn, and the domain ends at the data instead of a decade. */
    int e0 = dmin < 1e-307 ? -307 : decade_floor(dmin);
    int e1 = dmax > 1e308 ? 308 : dmax < 1e-307 ? -307 : decade_floor(dmax);
    if (pow10i(e1) < dmax && e1 < 308) {
        e1++; // snap outward: the decade at or above the maximum
    }
    if (e0 == e1) {
        /* A single exact decade (dmin == dmax == 10^e): one decade either side, or two on
         * one side at the ends of the range. */
        e0 = e0 == -307 ? e0 : e1 == 308 ? e0 - 2 : e0 - 1;
        e1 = e0 + 2;
    }
    /* Thin to every s-th decade, the ticks on multiples of s (1 = 10^0 among them, and 1K,
     * 1M ... with s = 3: a review found 1e-7 1e-5 ... 1e7, stepped from the bottom, which
     * skipped 1): the bottom decade moves down to a multiple of s, and bars on a log axis
     * start there; the top extends to the next one. Near the ends of the doubles the bottom
     * stays where it is. Strides are 1 or multiples of 3, so that thinned ticks are the SI
     * prefixes' own decades ($1 $1K $1M $1B $1T); every 2nd or 5th decade put them between
     * prefixes ($0.00001 $1 $100K $10B, graphics desk review 8). */
    int s = 1, lo0 = e0;
    for (size_t i = 0; i < sizeof strides / sizeof strides[0]; i++) {
        s = strides[i];
        int lo = e0 - ((e0 % s) + s) % s; /* the multiple of s at or below e0 */
        e0 = lo >= -307 ? lo : lo0;
        if ((e1 - e0 + s - 1) / s + 1 <= m) {
            break;
        }
        e0 = lo0;
    }
    int ndec = e1 - e0;
    /* The factor 10^s must be a double: beyond 300 decades (1e-300..1e300 with target 2)
     * there is one tick more than the target rather than a failure. */
    int nmaj = (ndec + s - 1) / s + 1;
    int top = e0 + (nmaj - 1) * s;
    if (top > 308 && e0 - (top - 308) >= -307) {
        e0 -= top - 308; // near DBL_MAX: extend downward instead
        top = 308;
    } else if (top > 308) {
        /* Over 600 decades no run of decades that are doubles covers the data: the ticks
         * stop at 1e308 at the latest and the domain ends at the data. */
        nmaj = (308 - e0) / s + 1;
        top = e0 + (nmaj - 1) * s;
    }
    e1 = top;

    out->nmajor = (size_t)nmaj;
    for (int i = 0; i < nmaj; i++) {
        out->major[i] = pow10i(e0 + i * s);
    }
    /* Minor ticks 2..9 x 10^e when the data spans at most 3 decades (0.07..60 does: 2.9
     * decades, snapped to the 4 of 0.01..100); a decade skipped by thinning becomes a minor
     * tick too. The 1e-9 absorbs log10's rounding at exactly 3 decades (1..1000). */
    out->nminor = 0;
    if (log10(dmax) - log10(dmin) <= 3 + 1e-9 && e1 - e0 <= 6) {
        for (int e = e0; e < e1; e++) {
            if (e != e0 && (e - e0) % s != 0) {
                out->minor[out->nminor++] = pow10i(e);
            }
            for (int d = 2; d <= 9; d++) {
                out->minor[out->nminor++] = scaled(d, e);
            }
        }
    } else {
        /* wider: the decades the stride skips only (review 12: $10 ... $10T, nothing between) */
        for (int e = e0 + 1; e < e1 && out->nminor < SCALE_MAX_MINOR; e++) {
            if ((e - e0) % s != 0) {
                out->minor[out->nminor++] = pow10i(e);
            }
        }
    }
    out->step = pow10i(s);
    out->lo = fmin(out->major[0], dmin);
    out->hi = fmax(out->major[nmaj - 1], dmax);
    return true;
}

/* ---- Ticks inside a domain decided first ------------------------------------------------ */

double csvchart_nice_ceil(double v)
{
    static const int steps[] = {10, 12, 14, 16, 18, 20, 25, 30, 35, 40, 50, 60, 70, 80, 100};
    int e = (int)floor(log10(v)) - 1;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        double c = scaled(steps[i], e); /* 1.2e-1 as the double nearest it, not 0.12000..01 */
        if (!isfinite(c)) {
            return v; /* past the largest double: the axis ends at the data */
        }
        if (c >= v * (1 - 1e-12)) {
            return c;
        }
    }
    return v;
}

double csvchart_decade(double e)
{
    return e >= 0 || e < -22 ? pow(10, e) : 1 / pow(10, -e);
}

void csvchart_ticks_within(double dlo, double dhi, int target, struct ticks *out)
{
    static const int QM[] = {1, 2, 5, 25}, QE[] = {0, 0, 0, -1};
    static const double penalty[] = {0, 0.15, 0.25, 0.4};
    /* A domain as wide as [-DBL_MAX, DBL_MAX] spans no double: its logarithm is taken of
     * half of it (an infinite one made the int conversion below undefined). */
    double span = dhi - dlo;
    double lspan = isfinite(span) ? log10(span) : log10(dhi / 2 - dlo / 2) + log10(2.0);
    double best = INFINITY;
    int best_m = 1, best_e = (int)floor(lspan);
    int e0 = (int)floor(lspan) - 2;
    for (int e = e0; e <= e0 + 3; e++) {
        for (size_t q = 0; q < 4; q++) {
            if (QM[q] == 25 && e + QE[q] < 0) {
                /* 2.5 or 0.25 writes a decimal more than every other tick ($2.50 beside $5,
                 * 5.25 beside 5.5); 25, 250 ... stay whole and stay candidates. */
                continue;
            }
            double step = scaled(QM[q], e + QE[q]);
            double first = ceil(dlo / step - 1e-9), last = floor(dhi / step + 1e-9);
            double n = last - first + 1;
            if (n < 2 || n > SCALE_MAX_TICKS) {
                continue;
            }
            double gap = (dhi - last * step) / step + (first * step - dlo) / step;
            double score = fabs(n - target) + 0.8 * gap + penalty[q] + (n > target + 1 ? 1 : 0);
            if (score < best) {
                best = score;
                best_m = QM[q];
                best_e = e + QE[q];
            }
        }
    }
    double step = scaled(best_m, best_e);
    long long first = (long long)ceil(dlo / step - 1e-9);
    long long last = (long long)floor(dhi / step + 1e-9);
    out->nmajor = 0;
    out->nminor = 0;
    for (long long i = first; i <= last && out->nmajor < SCALE_MAX_TICKS; i++) {
        out->major[out->nmajor++] = scaled(i * best_m, best_e) + 0.0;
    }
    out->step = step;
    out->lo = out->major[0];
    out->hi = out->major[out->nmajor - 1];
}

void csvchart_ticks_from_tick(double dlo, double dhi, int target, struct ticks *out)
{
    csvchart_ticks_within(dlo, dhi, target, out);
    if (out->nmajor < 2 || out->nmajor >= SCALE_MAX_TICKS || !(out->major[0] > dlo) ||
        out->major[0] - dlo < out->step * SCALE_RUN_ON_LEAST) {
        return;
    }
    /* The step is q * 10^e with q in 1, 2, 5, 25: which one is read back from the ticks, so
     * that the new tick is, as the others, an integer times a power of ten (scaled()). */
    static const int QM[] = {1, 2, 5, 25};
    double step = out->step;
    for (size_t q = 0; q < sizeof QM / sizeof QM[0]; q++) {
        int e = (int)floor(log10(step / QM[q]) + 0.5);
        if (fabs(scaled(QM[q], e) - step) > step * 1e-9) {
            continue;
        }
        long long first = (long long)floor(dlo / step + 1e-9);
        double below = scaled(first * QM[q], e) + 0.0;
        if (!(below < out->major[0]) || !(below <= dlo) || !isfinite(below)) {
            return; /* dlo within rounding of a tick: it is one */
        }
        if (dlo - below > (dhi - below) * SCALE_RUN_ON_MOST) {
            return; /* a step too coarse for the data: the axis ends at dlo, past its label */
        }
        memmove(out->major + 1, out->major, out->nmajor * sizeof *out->major);
        out->major[0] = below;
        out->nmajor++;
        out->lo = below;
        return;
    }
}

void csvchart_ticks_log_within(double dlo, double dhi, int target, struct ticks *out)
{
    out->nmajor = 0;
    out->nminor = 0;
    out->step = 10;
    bool ok = isfinite(dlo) && isfinite(dhi) && dlo > 0 && dhi >= dlo;
    /* The decades inside the domain, [a, b]; none for subnormal data (the first is 1e-307). */
    int a = 0, b = -1;
    if (ok && dhi >= 1e-307) {
        a = dlo < 1e-307 ? -307 : decade_floor(dlo);
        a += pow10i(a) < dlo * (1 - 1e-9) ? 1 : 0;
        b = dhi > 1e308 ? 308 : decade_floor(dhi);
        b -= pow10i(b) > dhi * (1 + 1e-9) ? 1 : 0;
    }
    if (a <= b) {
        int m = target < 2 ? 2 : target > SCALE_MAX_TICKS ? SCALE_MAX_TICKS : target;
        /*
         * Every s-th decade counted down from the domain's top (s of the strides of
         * csvchart_ticks_log, the least that keeps the ticks inside the domain at most the
         * target): the top - the decade at or above the data - is labelled, so that the largest
         * value never stands above the last label (review 8: a $6.75T bar past $10B, the axis
         * ending at an unlabelled $10T), and every step is the same (review 9: "$1B $10T"
         * after "$1 $1K $1M" read as a gap). From $10T by 3 decades: $10T $10B $10M $10K $10
         * $0.01. The bottom decade is labelled when the count lands on it; bars start there,
         * and the note says so when it is not.
         */
        int s = 1, n = 0;
        for (size_t i = 0; i < sizeof strides / sizeof strides[0]; i++) {
            s = strides[i];
            n = (b - a) / s + 1;
            if (n <= m) {
                break;
            }
        }
        /* Fixed digits ("$0.00001") where the bottom allows: the ticks below
         * SCALE_LOG_FIXED_LEAST are left out, which format.c would write the whole axis in
         * powers of ten for ("$10⁶ ... $10⁰" for the sake of the lowest label: review 8, a
         * trend from 1e-8), when two ticks stay at or above it and the domain runs at most
         * one step below the lowest. Farther (values from 4e-9 to 3e11 under a lowest label
         * "0.000001": review 9), the steps go on down, in powers of ten. */
        int e0 = b - (n - 1) * s, e1 = e0;
        while (e1 < SCALE_LOG_FIXED_LEAST && b - e1 >= 2 * s) {
            e1 += s;
        }
        e0 = e1 >= SCALE_LOG_FIXED_LEAST && e1 - a <= s ? e1 : e0;
        for (int e = e0; e <= b; e += s) {
            out->major[out->nmajor++] =
                e == b && fabs(pow10i(b) / dhi - 1) < 1e-9 ? dhi : pow10i(e);
        }
        out->step = pow10i(s);
        /* Minor ticks 2..9 x each decade, and the decades the stride skips, over at most 3
         * decades (as csvchart_ticks_log): inside the domain only. */
        if (log10(dhi) - log10(dlo) <= 3 + 1e-9) {
            for (int e = a - 1; e <= b; e++) {
                for (int d = 1; d <= 9; d++) {
                    double v = scaled(d, e);
                    bool major = false;
                    for (size_t k = 0; k < out->nmajor; k++) {
                        major = major || fabs(out->major[k] / v - 1) < 1e-9;
                    }
                    if (v > dlo * (1 + 1e-9) && v < dhi * (1 - 1e-9) && !major &&
                        out->nminor < SCALE_MAX_MINOR) {
                        out->minor[out->nminor++] = v;
                    }
                }
            }
        } else {
            /* wider: the decades inside the domain that carry no label */
            for (int e = a; e <= b && out->nminor < SCALE_MAX_MINOR; e++) {
                bool major = false;
                for (size_t k = 0; k < out->nmajor; k++) {
                    major = major || fabs(out->major[k] / pow10i(e) - 1) < 1e-9;
                }
                if (!major) {
                    out->minor[out->nminor++] = pow10i(e);
                }
            }
        }
    }
    if (out->nmajor == 0 && ok) {
        out->major[out->nmajor++] = dlo;
        if (dhi > dlo) {
            out->major[out->nmajor++] = dhi;
        }
        out->nminor = 0;
        out->step = dhi > dlo ? dhi / dlo : 10;
    }
    out->lo = out->nmajor ? out->major[0] : dlo;
    out->hi = out->nmajor ? out->major[out->nmajor - 1] : dhi;
}

bool csvchart_scale_minor_drawn(double v, double decade_px, double g)
{
    double e = log10(v);
    bool decade = fabs(e - round(e)) < 1e-9;
    return decade ? decade_px >= 12 * fmax(g, 1) : decade_px >= 110 * g;
}
