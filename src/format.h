/*
 * format.h - turning values into the labels a reader sees (format.c).
 *
 * The `value_format` option is parsed once into a struct value_format:
 *   ""/"auto"  the unit seen in the CSV: "$0.07" -> "$0.07", "$5.6M" -> "$5.6M", "50%" -> "50%"
 *   "si"       compact with K M B T ("$5.6M", "$830B", "$1T"); currency and % kept
 *   "percent"  appends "%" (never multiplies by 100)
 *   "currency" the CSV's currency sign (or "$"), integers plain, otherwise 2 decimals
 *   printf     one conversion among d i f F e E g G, flags -+ #0', width, precision, any
 *              literal text, "%%" for a percent sign: "$%.2f", "%.1f%%", "%'d people"
 *              (at most 63 bytes, valid UTF-8 without control characters, width <= 64,
 *              precision <= 20; no *, no length modifiers, no # with d/i). %d rounds half away
 *              from zero; ' groups with commas; the decimal point is "." in every locale.
 * Rules shared by every kind but printf: no trailing zeros a reader does not need ("$60",
 * "$0.07", "1.5"), currency amounts with cents keep two decimals ("$0.50"), thousands
 * separators from 1,000 ("2,500"), negative numbers with a real minus sign (U+2212); from
 * 1e21, and below 1e-6 where the decimals would show 0, powers of ten ("10³⁰⁸",
 * "2.5×10⁻³⁰¹").
 */
#ifndef CSVCHART_FORMAT_H
#define CSVCHART_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

#include "csvchart.h"
#include "locale_data.h"
#include "number.h"

enum format_kind { FORMAT_AUTO, FORMAT_SI, FORMAT_PERCENT, FORMAT_CURRENCY, FORMAT_PRINTF };

struct value_format {
    enum format_kind kind;
    char spec[64];           /* FORMAT_PRINTF: the validated template */
    struct number_unit unit; /* from the data; see csvchart_format_set_unit() */
    /* The locale's decimal mark, grouping and currency placement ("1.234,5", "5 €"), or NULL
     * for the built-in conventions ("1,234.5", "$5"; a currency written after the number
     * in the data, "5 €", stays after it). Borrowed (the spec owns it). */
    const struct csvchart_locale *loc;
};

/*
 * Parses a value_format option value. Errors: CSVCHART_ERROR_VALUE with a message naming the
 * problem ("value_format \"%s\" has no conversion; expected e.g. $%.2f or percent"). The
 * position is left for the caller to add.
 */
csvchart_status csvchart_format_parse(const char *text, struct value_format *out,
                                      csvchart_error *err);

/*
 * Records how the data was written (currency, %, multiplier, decimals); the unit is copied.
 * Until it is called (or after a call with NULL) the unit is empty with decimals = -1, which
 * means "as many decimals as the value needs" (up to 15 significant digits).
 */
void csvchart_format_set_unit(struct value_format *f, const struct number_unit *unit);

/*
 * Whether value_format = percent would misread the data: it writes values as percent points
 * (78 as "78%"), but these were written without "%" and all lie within -1..1, one of them not 0
 * - shares written as fractions, which would read "0.78%" for 78% (review 12). [lo, hi] is the
 * values' range. The binders warn with CSVCHART_FORMAT_FRACTIONS.
 */
bool csvchart_format_fractions_as_percent(const struct value_format *f,
                                          const struct number_unit *written, double lo, double hi);
#define CSVCHART_FORMAT_FRACTIONS                                                                  \
    "every value lies between -1 and 1: value_format = percent writes values as percent points "   \
    "(0.78 as 0.78%%); if they are shares, write them as percentages (78%%) or multiply them by "  \
    "100"

/*
 * A value label: the number as precise as the data was written (unit.decimals), trailing
 * zeros dropped. Rounding is half away from zero on the decimal digits ("$0.075" at 2 decimals
 * is "$0.08"). K/M/B/T labels pick the letter by magnitude and keep the data's precision: with
 * data written like "$5.6M", 1.2345e9 is "$1.2345B" (1 + 3 decimals) and 1.5e9 "$1.5B". Writes a
 * NUL-terminated string, cut to n - 1 bytes at a code point boundary, and returns the length
 * written. n == 0 (buf may then be NULL) writes nothing and returns 0.
 */
size_t csvchart_format_value(const struct value_format *f, double v, char *buf, size_t n);

/*
 * An axis tick label: as precise as the tick step needs (step 0.5 -> "1.5", step 0.01 on a
 * log axis -> "$0.01"), trailing zeros dropped; a power of ten is never padded to cents ("$0.1",
 * not "$0.10"). A v that is not a multiple of `step` gets the decimals it needs itself, so a log
 * axis may pass either the tick or the factor between ticks (struct ticks.step) as `step`. Float
 * noise around zero (0.1 + 0.2 - 0.3 with step 0.1) is printed as "0". Buffer rules as for
 * csvchart_format_value().
 */
size_t csvchart_format_tick(const struct value_format *f, double v, double step, char *buf,
                            size_t n);

/*
 * Plans: numbers written together agree (FIGURES.md, "Numbers ... as a desk sets them").
 * A plan is made once for a set of numbers - the ticks of one axis, the value labels of one
 * comparison - and then each of them is written with csvchart_format_planned():
 *   LABELS_TICKS      a linear axis: one SI prefix for the axis (0, 0.25M, 0.5M, 0.75M, 1M),
 *                     decimals from the step (`step`), trailing zeros dropped;
 *   LABELS_LOG_TICKS  a log axis: each decade at its own prefix ($1M, $1B, $1T), or all of
 *                     them powers of ten when one is below SCALE_LOG_FIXED_LEAST (scale.h)
 *                     or from 1e15 (10⁻⁹ ... 10¹², not "0.000001" under "1T": review 9);
 *   LABELS_VALUES     value labels: one prefix when the smallest still reads with at most one
 *                     leading zero ($0.6T beside $1.4T), else the values that do take the
 *                     largest one's prefix and the smaller ones each their own; computed values
 *                     (sums, means) with three significant digits (32.6M, 24.7); values as
 *                     written with the decimals written, shared by the series (31.0% beside
 *                     21.4%), unless they span a hundredfold or more ($0.07 beside $60).
 *                     Written decimals never move into a prefix the value was not written in:
 *                     shown at a larger prefix than the data's multiplier, a value is rounded
 *                     to three significant digits ($412,500 as $413K). In a column mixing
 *                     multipliers, where a cell's own is not kept, one whose digits there take
 *                     two decimals at most counts as written there ($182.1B, $0.95B beside
 *                     $5.6M); more ($2,450.50 as $2.4505K) it was not: $2.45K.
 * In the automatic format numbers from a million up are abbreviated (40,000,000 as 40M).
 * A printf format is always used as written.
 */
enum label_role { LABELS_TICKS, LABELS_LOG_TICKS, LABELS_VALUES };

struct label_plan {
    struct value_format f;
    enum label_role role;
    bool si;        /* K/M/B/T */
    bool sci;       /* powers of ten, 3 significant digits ("10¹⁸", "2.5×10²²"): the
                     * values reach 1e15, where T would read "1,000T", or go below 1e-6
                     * (a log axis: SCALE_LOG_FIXED_LEAST) - every tick of an axis, the
                     * value labels whose own value does */
    int k;          /* the shared prefix (0 none, 1 K ... 4 T), or -1: each value its own */
    int k_up;       /* k < 0: the largest value's prefix, which every value of at least a
                     * tenth of its unit takes (0.85M beside 3.4M; a smaller one, 60K, its
                     * own), or 0 */
    bool up_shared; /* k < 0: the values at prefix k_up share up_digits decimals, trailing
                     * zeros kept ("1.04M" beside "1.20M"; the smaller "45K" by `rule`) */
    int up_digits;
    int rule;        /* how decimals are chosen (format.c) */
    int digits;      /* for that rule */
    bool as_written; /* values shown at no larger a prefix than the data's keep its decimals */
    bool keep_zeros; /* trailing zeros stay */
    double step;     /* LABELS_TICKS: the step between ticks */
    double top;      /* the largest |v| planned for */
};

/*
 * Makes the plan for values v[0..n) (ticks or labels; `step` for LABELS_TICKS, `computed` for
 * aggregated values). `values` (may be NULL) is the plan of the value labels an axis goes
 * with: when they share a prefix the axis takes it too, while its largest tick stays under
 * four digits there ($200B ... $1,000B beside $830B, not $0.2T ... $1T); when they are written
 * in full below a million, an axis they reach a tenth of is too, up to 9,999,999 ("1,000,000"
 * over "999,960", not "1M": review 10).
 */
void csvchart_format_plan(const struct value_format *f, enum label_role role, const double *v,
                          size_t n, double step, bool computed, const struct label_plan *values,
                          struct label_plan *p);

/* Shares of a whole (a percent stack's): one number of decimals for all of them, trailing
 * zeros kept - none when every share that is not 0 is at least 10%, else one ("59.0%" beside
 * "25.9%" and "0.7%": review 10 read "59%" beside "25.9%" as random precision). Makes the
 * plan as csvchart_format_plan() does for computed values, then sets its decimals. */
void csvchart_format_plan_shares(const struct value_format *f, const double *v, size_t n,
                                 struct label_plan *p);

/* A plan of sums of values written with at most `written` decimals, which are exact at that
 * many: where it shows fewer, without a prefix, it shows them, trailing zeros kept ("6.25",
 * not "6.3", over segments labelled 1.25 and 5.00: a copy desk adds them up); sums across a
 * hundredfold too, where that is no more than three significant digits of the largest
 * ("Net 2.0%" beside "Net 0.1%" and "10.2%"). */
void csvchart_format_plan_exact_sums(struct label_plan *p, int written);

/* Values labelled at points along a line (a trend's), read one at a time rather than side by
 * side: each at its own prefix ("162K" and "1.19M", not "0.16M" beside "1.19M"), abbreviated
 * when the figure's values are (`si`: "9.16K" beside another series' "2.21K", not "9,160").
 * Makes the plan as csvchart_format_plan() does; where that plan would write a value at
 * another prefix than its own, each value then takes three significant digits, or its
 * written digits where it stays at the prefix it was written in. */
void csvchart_format_plan_points(const struct value_format *f, const double *v, size_t n,
                                 bool computed, bool si, struct label_plan *p);

/* Writes one value by its plan. Buffer rules as for csvchart_format_value(). */
size_t csvchart_format_planned(const struct label_plan *p, double v, char *buf, size_t n);

/*
 * The same for a value label of a series within the plan's values that does not itself span
 * a hundredfold, its values written with at most `decimals` decimals (-1: unknown), this one at
 * the multiplier of index `mult` (csvchart_multipliers): where the plan keeps the data's
 * decimals but drops the zeros no reader needs across orders of magnitude ($60 beside $0.07),
 * a value shown at the prefix it was written in has its series' decimals, zeros included, as
 * one series shares them ("1,816.0" beside "8,494.4" in a stack whose other series run down to
 * 97.4: review 12). Otherwise, and in every other plan, csvchart_format_planned().
 */
size_t csvchart_format_planned_cell(const struct label_plan *p, double v, int decimals, int mult,
                                    char *buf, size_t n);

/*
 * Writes the two ends of a range by one plan. Each end is a value label of the plan, so it reads
 * as written: the end nearer zero keeps its own prefix and is never lifted to the other's ($120
 * beside $1,500, never $0.12K; $15K beside $2M, never $0.015M). One range is one comparison, so
 * the end farther from zero comes down to the nearer one's prefix where it reads there as an
 * editor writes a figure - under 10,000 with no prefix ($120-$1,500), under 1,000 with one
 * ($90K-$140K, never $1,500K) - and else keeps its own ($15K-$2M, $0.75T-$1T).
 */
void csvchart_format_planned_pair(const struct label_plan *p, double lo, double hi, char *lo_buf,
                                  size_t lo_n, char *hi_buf, size_t hi_n);

/*
 * A ratio ("how many times"), as a reader takes it in: one decimal below 10 ("5.2", "1.5"), a
 * whole number from 10 ("857", "12,500"), words from a million ("1.2 million", "3 trillion")
 * and a power of ten beyond ("1.2 × 10¹⁵"). *in_words tells which of the last two it is, so a
 * template's "x" can become " times" ("1.2 million times"). Buffer rules as above. With a
 * locale the words are its language's (words.h: "1,2 Millionen", "1,5 million").
 */
size_t csvchart_format_ratio(double r, char *buf, size_t n, bool *in_words);

/* A change in percent, in two figures with its sign: "+4.5%", "−57%", "+120%". */
size_t csvchart_format_change(double pct, char *buf, size_t n);

/* The same with a locale's decimal mark and grouping (loc NULL: as above): "5,2", "−57 %"
 * stays "−57%" (glibc says nothing of the percent sign). */
size_t csvchart_format_ratio_in(const struct csvchart_locale *loc, double r, char *buf, size_t n,
                                bool *in_words);
size_t csvchart_format_change_in(const struct csvchart_locale *loc, double pct, char *buf,
                                 size_t n);

/* As csvchart_format_ratio_in(), and a ratio in words (*in_words) followed by the language's
 * "times" (words.h): "1.2 million times", "1,2 Millionen Mal", "1,2 million de fois",
 * "1,2 × 10¹⁵ fois". A ratio not in words is written alone ("857"). */
size_t csvchart_format_ratio_times_in(const struct csvchart_locale *loc, double r, char *buf,
                                      size_t n, bool *in_words);

#endif
