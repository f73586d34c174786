/*
 * scale.c - value-to-pixel maps and tick choice; the scale stage, between spec and layout.
 *
 * Layout asks this module two things: where a value lands on an axis (csvchart_scale_map) and
 * which values get a gridline and a label (csvchart_ticks_linear, csvchart_ticks_log). Pure
 * arithmetic, no I/O, no state.
 *
 * Linear ticks are the extended Wilkinson search of Talbot, Lin & Hanrahan (InfoVis 2010), as in
 * the paper's Algorithm 1 and its reference R code (package `labeling`, function `extended`):
 *
 *     for j = 1, 2, ...                      skip: use every j-th multiple of q
 *       for q in Q = {1, 5, 2, 2.5, 4}        nicer q first (the paper's 3 is left out, see Q)
 *         for k = 2, 3, ...                  tick count
 *           for z = ceil(log10(range / ((k+1) j q))), ...     step = j q 10^z
 *             for start in the offsets that can cover the data
 *               score = 0.25 simplicity + 0.2 coverage + 0.5 density + 0.05 legibility
 *
 * Each loop stops as soon as an upper bound of the score it could still reach (simplicity_max,
 * density_max, coverage_max) falls below the best score found, which is what makes the search
 * finite and fast. Only loose labellings (first tick <= dmin, last tick >= dmax) are kept, so
 * the plot ends on a labelled gridline, and none that crosses zero when the data does not (with
 * a large target the paper's scores can prefer -1..61 to 0..60 for data 0..60; bars start at 0).
 * Filtering candidates keeps the pruning bounds valid: they bound every candidate's score.
 *
 * Exact tick values: a tick is held as an integer n times a unit mq * 10^e, where mq is q
 * written as an integer (2.5 = 25 * 10^-1), and only turned into a double at the end, as
 * n * mq * 10^e or n * mq / 10^-e. Both operands are exact (n * mq < 2^53, 10^|e| <= 10^22), so
 * the one rounding gives the double nearest the decimal value: 0.3, never 0.30000000000000004,
 * and a formatter printing 15 significant digits sees clean decimals.
 */
#include "scale.h"

#include <float.h>
#include <math.h>

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

/* ---- Extended Wilkinson ------------------------------------------------------------------ */

/* The paper's Q is {1, 5, 2, 2.5, 4, 3}. Steps of 3 (0, 300, 600, 900) win its score for
 * ranges just under a decade, but no newsroom axis reads that way - matplotlib's default
 * steps leave 3 out too - so Q stops at 4. */
static const double Q[] = {1, 5, 2, 2.5, 4};
static const int QMANT[] = {1, 5, 2, 25, 4}; // q = QMANT * 10^QEXP
static const int QEXP[] = {0, 0, 0, -1, 0};
#define NQ 5
static const double W_SIMPLICITY = 0.25, W_COVERAGE = 0.2, W_DENSITY = 0.5, W_LEGIBILITY = 0.05;

/* A labelling: ticks (start + i * j) * QMANT[qi] * 10^e for i in [0, k). */
struct labelling {
    double score;
    int qi, j, k, e;
    long long start;
};

static double tick_value(const struct labelling *l, int i)
{
    return scaled((l->start + (long long)i * l->j) * QMANT[l->qi], l->e);
}

static double simplicity(int qi, int j, bool has_zero)
{
    return 1.0 - (double)qi / (NQ - 1) - j + (has_zero ? 1.0 : 0.0);
}

static double simplicity_max(int qi, int j)
{
    return 1.0 - (double)qi / (NQ - 1) - j + 1.0;
}

/* Distances are divided by a tenth of the range before squaring, so no term overflows. */
static double coverage(double dmin, double dmax, double lmin, double lmax)
{
    double range = dmax - dmin;
    double a = (dmax - lmax) / (0.1 * range), b = (dmin - lmin) / (0.1 * range);
    return 1.0 - 0.5 * (a * a + b * b);
}

static double coverage_max(double dmin, double dmax, double span)
{
    double range = dmax - dmin;
    if (span <= range) {
        return 1.0;
    }
    double half = (span - range) / 2 / (0.1 * range);
    return 1.0 - half * half;
}

/* r / rt of the paper, with r = (k-1)/(lmax-lmin) and rt = (m-1)/(max(lmax,dmax)-min(dmin,lmin)).
 */
static double density(int k, int m, double dmin, double dmax, double lmin, double lmax)
{
    double ratio =
        (double)(k - 1) * (fmax(lmax, dmax) - fmin(dmin, lmin)) / ((double)(m - 1) * (lmax - lmin));
    if (!isfinite(ratio) || ratio == 0) {
        /* Spans near DBL_MAX: the products overflowed. Dividing first gives the same ratio
         * (up to rounding, which is why ordinary spans keep the formula above unchanged). */
        ratio = ((double)(k - 1) / (m - 1)) *
                ((fmax(lmax, dmax) / 2 - fmin(dmin, lmin) / 2) / (lmax / 2 - lmin / 2));
    }
    return 2.0 - fmax(ratio, 1.0 / ratio);
}

static double density_max(int k, int m)
{
    return k >= m ? 2.0 - (double)(k - 1) / (m - 1) : 1.0;
}

/*
 * The search proper, on a domain with dmax - dmin > 0 and finite. Only labellings whose ticks
 * stay within [-limit, limit] count; `loose` keeps only those that cover the domain. Without
 * it (near DBL_MAX, where no tick beyond the data may be a double) any labelling counts and
 * coverage alone pulls the ticks towards the data.
 */
static bool wilkinson(double dmin, double dmax, int m, double limit, bool loose,
                      struct labelling *best)
{
    const double range = dmax - dmin;
    best->score = -INFINITY;
    best->qi = -1;
    /* Hard caps on j and z are belts and braces: the score bounds end every loop long before
     * (simplicity falls by 1 per j; coverage_max falls quadratically in z). */
    for (int j = 1; j <= 50; j++) {
        for (int qi = 0; qi < NQ; qi++) {
            double sm = simplicity_max(qi, j);
            if (W_SIMPLICITY * sm + W_COVERAGE + W_DENSITY + W_LEGIBILITY < best->score) {
                return best->qi >= 0;
            }
            for (int k = 2; k <= SCALE_MAX_TICKS; k++) {
                double dm = density_max(k, m);
                if (W_SIMPLICITY * sm + W_COVERAGE + W_DENSITY * dm + W_LEGIBILITY < best->score) {
                    break;
                }
                double delta = range / (k + 1) / j / Q[qi];
                int z = (int)ceil(log10(delta));
                for (int zi = 0; zi < 64; zi++, z++) {
                    int e = z + QEXP[qi];
                    double unit = scaled(QMANT[qi], e); // q * 10^z
                    double step = j * unit;
                    if (!isfinite(step * (k - 1)) || step > limit) {
                        break; // larger z only makes it larger
                    }
                    double cm = coverage_max(dmin, dmax, step * (k - 1));
                    if (W_SIMPLICITY * sm + W_COVERAGE * cm + W_DENSITY * dm + W_LEGIBILITY <
                        best->score) {
                        break;
                    }
                    /* The paper's start range, widened by one skip on each side so that a
                     * quotient like 0.3 / 0.1 = 2.9999999999999996 cannot drop the candidate
                     * whose ticks land exactly on the data. */
                    double smin = floor(dmax / step) * j - (double)(k - 1) * j - j;
                    double smax = ceil(dmin / step) * j + j;
                    if (fabs(smin) > 1e14 || fabs(smax) > 1e14) {
                        continue; // n * 25 must stay below 2^53 to be exact; a larger z will do
                    }
                    for (long long start = (long long)smin; start <= (long long)smax; start++) {
                        struct labelling c = {0, qi, j, k, e, start};
                        double lmin = tick_value(&c, 0), lmax = tick_value(&c, k - 1);
                        if (!(lmin >= -limit && lmax <= limit)) {
                            continue; // a tick beyond the largest double (or the limit)
                        }
                        if (loose && (lmin > dmin || lmax < dmax)) {
                            continue; // loose labellings only
                        }
                        if ((dmin >= 0 && lmin < 0) || (dmax <= 0 && lmax > 0)) {
                            continue; // never a -1 tick under all-positive bars (large m)
                        }
                        long long last = start + (long long)(k - 1) * j;
                        bool has_zero = start <= 0 && last >= 0 && start % j == 0;
                        double score = W_SIMPLICITY * simplicity(qi, j, has_zero) +
                                       W_COVERAGE * coverage(dmin, dmax, lmin, lmax) +
                                       W_DENSITY * density(k, m, dmin, dmax, lmin, lmax) +
                                       W_LEGIBILITY * 1.0;
                        if (score > best->score) {
                            c.score = score;
                            *best = c;
                        }
                    }
                }
            }
        }
    }
    return best->qi >= 0;
}

bool csvchart_ticks_linear(double dmin, double dmax, int target, struct ticks *out)
{
    if (!isfinite(dmin) || !isfinite(dmax)) {
        return false;
    }
    if (dmin > dmax) {
        double t = dmin;
        dmin = dmax;
        dmax = t;
    }
    int m = target < 2 ? 2 : target > SCALE_MAX_TICKS ? SCALE_MAX_TICKS : target;
    const double data_lo = dmin, data_hi = dmax;

    /* Subnormal values (below DBL_MIN, about 2.2e-308) are zeros at any scale a tick step can
     * have: no step between them is a normal double. */
    dmin = fabs(dmin) < DBL_MIN ? 0 : dmin;
    dmax = fabs(dmax) < DBL_MIN ? 0 : dmax;

    /* A zero (or, relative to the values, vanishing) span has no scale of its own: make one up.
     * All zeros give [0, 1], what a bar chart of zeros wants; otherwise +-10% of the value. The
     * relative threshold also keeps the tick integers n below 2^53. */
    double mag = fmax(fabs(dmin), fabs(dmax));
    if (dmax - dmin <= mag * 1e-9) {
        double mid = dmin / 2 + dmax / 2;
        if (mid == 0) {
            dmin = 0;
            dmax = 1;
        } else {
            double h = fabs(mid) * 0.1;
            dmin = fmax(mid - h, -DBL_MAX); // within 10% of DBL_MAX the made-up end stops there
            dmax = fmin(mid + h, DBL_MAX);
        }
    }
    if (dmax - dmin < DBL_MIN) { // [1e-308, 2e-308]: no step between them is a normal double
        dmin = dmin < 0 ? -1 : 0;
        dmax = dmax > 0 ? 1 : 0;
    }

    /* A span wider than the largest double ([-1e308, 1e308]) is searched a decade smaller, so
     * that the search's arithmetic stays finite; ticks are then built one decade up, exactly
     * as ever (an integer times a power of ten). */
    int shift = isfinite(dmax - dmin) ? 0 : 1;
    double sdmin = shift ? dmin / 10 : dmin, sdmax = shift ? dmax / 10 : dmax;
    double limit = shift ? DBL_MAX / 10 : DBL_MAX;
    struct labelling best = {0}, any = {0};
    bool found = wilkinson(sdmin, sdmax, m, limit, true, &best);
    /* Within a tenth of DBL_MAX the loose labellings left can be poor (33 ticks by 5.6e306
     * for [0, 1.79e308]) or none: there any labelling may win, the domain ending at the data.
     * Elsewhere the search is the loose one alone, as it always was. */
    if ((!found || fmax(fabs(sdmin), fabs(sdmax)) > limit / 10) &&
        wilkinson(sdmin, sdmax, m, limit, false, &any) && (!found || any.score > best.score)) {
        best = any;
        found = true;
    }
    if (!found) {
        return false;
    }
    best.e += shift;
    out->nmajor = (size_t)best.k;
    for (int i = 0; i < best.k; i++) {
        out->major[i] = tick_value(&best, i);
    }
    out->nminor = 0;
    out->step = scaled((long long)best.j * QMANT[best.qi], best.e);
    /* The ticks cover the data, except within a tick step of DBL_MAX (no tick beyond the data
     * is a double there; the domain then ends at the data) and for subnormal data. */
    out->lo = fmin(out->major[0], data_lo);
    out->hi = fmax(out->major[out->nmajor - 1], data_hi);
    return true;
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
     * stays where it is. */
    static const int strides[] = {1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 300};
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

void csvchart_ticks_log_within(double dlo, double dhi, int target, struct ticks *out)
{
    struct ticks t;
    if (!csvchart_ticks_log(dlo, dhi, target, &t)) {
        t.nmajor = 0;
        t.nminor = 0;
    }
    *out = t;
    out->nmajor = 0;
    for (size_t i = 0; i < t.nmajor; i++) {
        if (t.major[i] <= dhi * (1 + 1e-9) && t.major[i] >= dlo * (1 - 1e-9)) {
            out->major[out->nmajor++] = t.major[i]; /* thinned decades may start below dlo */
        }
    }
    out->nminor = 0;
    for (size_t i = 0; i < t.nminor; i++) {
        if (t.minor[i] < dhi) {
            out->minor[out->nminor++] = t.minor[i];
        }
    }
    if (out->nmajor == 0) {
        out->major[out->nmajor++] = dlo;
        if (dhi > dlo) {
            out->major[out->nmajor++] = dhi;
        }
        out->nminor = 0;
        out->step = dlo > 0 && dhi > dlo ? dhi / dlo : 10;
    }
    out->lo = out->major[0];
    out->hi = out->major[out->nmajor - 1];
}
