/*
 * format.c - value and tick labels; part of the scale stage, used by layout (see format.h).
 *
 * The spec parses the value_format option with csvchart_format_parse(), records the unit the
 * data was written in with csvchart_format_set_unit(), and layout asks for each label with
 * csvchart_format_value() (bar labels) or csvchart_format_tick() (axis labels). No I/O, no
 * state. This file holds the labels' rules (plain, currency, percent, SI; the plans that make
 * numbers written together agree); the digit arithmetic and the label buffer are
 * format_digits.c's, the printf templates format_printf.c's (both through format_digits.h).
 *
 * How a number becomes text, for every kind but printf:
 *   1. %.14e gives the 15 significant decimal digits of |v| (struct decimal). Every decimal with
 *      at most 15 digits survives the trip through a double, so 0.1 + 0.2 reads as digits "3",
 *      exponent -1, and what the CSV said is what we see.
 *   2. K/M/B/T scaling (si, or auto when the data used a multiplier) only shifts the decimal
 *      exponent: exact, no division.
 *   3. Rounding to the chosen decimals is done on those digits, half away from zero
 *      ("$0.075" at 2 decimals is "$0.08", as the reader expects, not the binary "$0.07").
 *   4. The integer part is grouped by hand ("2,500"): no locale, no ' flag.
 * The decimal point in snprintf output depends on LC_NUMERIC, so it is never copied: step 1
 * reads only the digits and the exponent, and the printf kind replaces whatever the locale put
 * between the digits with ".".
 *
 * Value labels show a value as an editor would write it (review 9). What the data says of how
 * it was written is the unit of its column (number.h: currency, the most common multiplier, the
 * decimals); a cell's own multiplier is not kept, so a value's prefix is that of its magnitude
 * ($120, $15K, $2M) or its comparison's where it reads 0.x there ($0.85M beside $3.4M,
 * FIGURES.md). Written digits are kept at that prefix unless they were moved into it: then
 * three significant digits, as computed values get ($2.45K, never $2.4505K: decimals_for()).
 * A range's two ends are two such labels; only the end farther from zero may come down to the
 * other's prefix ($90K-$140K), never the nearer one go up ($0.12K, $0.015M:
 * csvchart_format_planned_pair()). A value written "$0.8T" among values in M and B still reads
 * "$800B", as the cell's T is not known here.
 *
 * printf templates are validated strictly at parse time, and at format time only the
 * conversion is handed to snprintf, rebuilt from the parsed fields: the user's string itself
 * never reaches printf (format_printf.c).
 */
#include "format_digits.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "scale.h"
#include "utf8.h"
#include "words.h"

#define MINUS "\xe2\x88\x92" // U+2212 MINUS SIGN
#define NBSP "\xc2\xa0"      // U+00A0 NO-BREAK SPACE: "5 €" never breaks

/* ---- Plain, currency, percent and SI labels ----------------------------------------------- */

static const char SI_LETTER[] = {0, 'K', 'M', 'B', 'T'}; // 10^0, 10^3 ... 10^12

static int multiplier_power(char m)
{
    switch (m) {
    case 'K':
        return 3;
    case 'M':
        return 6;
    case 'B':
        return 9;
    case 'T':
        return 12;
    default:
        return 0;
    }
}

/* How many decimals a label gets once its display scale 10^shift is known. */
enum dec_rule {
    DEC_FIXED,  /* `digits` decimals of the unscaled value (currency: 2) */
    DEC_DATA,   /* the data's decimals, before its multiplier 10^`power` */
    DEC_NEEDED, /* as many as the value needs (15 significant digits) */
    DEC_STEP,   /* as many as the tick step needs */
    DEC_SIG     /* `digits` significant digits, the integer part always whole */
};

struct label {
    const char *prefix; /* currency sign or "" */
    const char *suffix; /* "%" or "" */
    bool si;            /* scale to K/M/B/T by magnitude */
    int k;              /* with si: the SI_LETTER index every value shares, or -1 */
    int k_up;           /* with si and k < 0: a value of at least a tenth of this prefix's
                         * unit takes it, a smaller one its own (0: none) */
    bool up_shared;     /* the values at k_up: DEC_FIXED at up_digits, trailing zeros kept */
    int up_digits;
    bool cents;      /* a currency amount: a fraction shows 2 digits at least */
    bool keep_zeros; /* trailing zeros stay: "31.0%" next to "21.4%" */
    enum dec_rule rule;
    int digits;                        /* DEC_FIXED, DEC_DATA, DEC_SIG */
    int power;                         /* DEC_DATA: the data's multiplier as a power of ten */
    bool as_written;                   /* DEC_SIG: a value shown at no larger a prefix than */
    int written;                       /* `power` keeps these decimals, as the data had them */
    bool moved_sig;                    /* DEC_DATA: see decimals_for() */
    struct decimal step;               /* DEC_STEP */
    const struct csvchart_locale *loc; /* NULL: "1,234.5" */
    bool cur_after;                    /* the currency sign after the number ("5 €") */
    bool cur_space;                    /* a no-break space between sign and number */
};

static int decimals_for(const struct label *l, const struct decimal *x, int shift)
{
    switch (l->rule) {
    case DEC_FIXED:
        return csvchart_fmt_clamp_decimals(l->digits);
    case DEC_DATA: {
        /* "5.6M" has 1 decimal at 10^6: shown in B it needs 1 + 3. Shown at a smaller scale it
         * keeps its own decimals, so a column mixing M and B hides nothing. */
        int dec =
            csvchart_fmt_clamp_decimals(l->digits + (shift > l->power ? shift - l->power : 0));
        /* A value label moved to a larger prefix whose digits would take more than two decimals
         * there was not written at that prefix (nobody writes $2.4505K): it was rescaled, and
         * is rounded as rescaled values are, to three significant digits ($2,450.50 as $2.45K).
         * One written there keeps its digits ($182.1B and $0.95B beside $5.6M). */
        if (l->moved_sig && shift > l->power && !x->zero &&
            csvchart_fmt_decimals_needed(x, shift) > 2 && dec > 2) {
            return csvchart_fmt_clamp_decimals(2 - (x->exp - shift));
        }
        return dec;
    }
    case DEC_STEP:
        return csvchart_fmt_clamp_decimals(shift - csvchart_fmt_lowest_digit(&l->step));
    case DEC_SIG:
        if (l->as_written && shift <= l->power) {
            return csvchart_fmt_clamp_decimals(l->written); /* $11.75, never $11.80 */
        }
        return x->zero ? 0 : csvchart_fmt_clamp_decimals(l->digits - 1 - (x->exp - shift));
    case DEC_NEEDED:
        break;
    }
    return csvchart_fmt_decimals_needed(x, shift);
}

/*
 * Scientific notation, for values that fixed digits cannot show sensibly: 1e21 and up (where
 * JavaScript switches too; 1e308 in fixed digits is 103 groups of zeros) and values below
 * 1e-6 that the label's decimals would show as 0 (1e-300). The significant digits as the
 * value has them: "1e308", "−2.5e-301", "$1.25e308".
 */
static bool wants_scientific(const struct decimal *x, const char *ip, const char *fp)
{
    if (x->zero) {
        return false;
    }
    if (x->exp >= 21) {
        return true;
    }
    return x->exp <= -7 && strcmp(ip, "0") == 0 && strspn(fp, "0") == strlen(fp);
}

/* The unit after the number: "%", spaced as the locale writes it ("31,5 %" in French). */
static void put_suffix(struct sbuf *b, const struct label *l)
{
    if (l->loc && l->suffix[0] == '%') {
        csvchart_fmt_puts(b, l->loc->percent_space);
    }
    csvchart_fmt_puts(b, l->suffix);
}

/* x to at most `sig` significant digits, half away from zero, trailing zeros dropped. */
static void round_significant(struct decimal *x, int sig)
{
    if (x->zero || x->nd <= sig) {
        return;
    }
    bool up = x->d[sig] >= '5';
    x->nd = sig;
    for (int i = sig - 1; up && i >= 0; i--) {
        up = x->d[i] == '9';
        x->d[i] = up ? '0' : (char)(x->d[i] + 1);
    }
    if (up) { /* 9.99 -> 10.0: one digit more, at the next power */
        memmove(x->d + 1, x->d, (size_t)sig - 1);
        x->d[0] = '1';
        x->exp++;
    }
    while (x->nd > 1 && x->d[x->nd - 1] == '0') {
        x->nd--;
    }
}

/* A power of ten as a typesetter writes it: "10⁻⁷", "2.5×10¹⁵", "$1.25×10³⁰⁸" - not the
 * computer's "2.5e15" (a review: `1e3` beside a label reading 62K). The superscripts are
 * Unicode's, which Inter and the fallback fonts have. */
static void put_scientific(struct sbuf *b, const struct label *l, const struct decimal *x)
{
    static const char *const sup[] = {
        "\xe2\x81\xb0", "\xc2\xb9",     "\xc2\xb2",     "\xc2\xb3",     "\xe2\x81\xb4",
        "\xe2\x81\xb5", "\xe2\x81\xb6", "\xe2\x81\xb7", "\xe2\x81\xb8", "\xe2\x81\xb9"};
    if (x->neg) {
        csvchart_fmt_puts(b, MINUS);
    }
    csvchart_fmt_puts(b, l->prefix);
    if (x->nd > 1 || x->d[0] != '1') {
        csvchart_fmt_put(b, x->d, 1);
        if (x->nd > 1) {
            csvchart_fmt_puts(b, l->loc ? l->loc->decimal : ".");
            csvchart_fmt_put(b, x->d + 1, (size_t)x->nd - 1);
        }
        csvchart_fmt_puts(b, "\xc3\x97"); // U+00D7 MULTIPLICATION SIGN
    }
    csvchart_fmt_puts(b, "10");
    char e[16];
    snprintf(e, sizeof e, "%d", x->exp < 0 ? -x->exp : x->exp);
    if (x->exp < 0) {
        csvchart_fmt_puts(b, "\xe2\x81\xbb"); // U+207B SUPERSCRIPT MINUS
    }
    for (const char *c = e; *c; c++) {
        csvchart_fmt_puts(b, sup[*c - '0']);
    }
    put_suffix(b, l);
}

/* The SI_LETTER index a value takes before rounding (which may still carry it up a prefix). */
static int prefix_of(const struct label *l, const struct decimal *x)
{
    if (!l->si || x->zero) {
        return 0; /* zero is "0" whatever the prefix: "$0", not "$0T" */
    }
    if (l->k >= 0) {
        return l->k;
    }
    int k = x->exp >= 12 ? 4 : x->exp >= 9 ? 3 : x->exp >= 6 ? 2 : x->exp >= 3 ? 1 : 0;
    if (l->k_up > k && x->exp >= 3 * l->k_up - 1) {
        k = l->k_up; /* 850K beside 3.4M is 0.85M */
    }
    return k;
}

static void put_label(struct sbuf *b, const struct label *l, double v)
{
    if (!isfinite(v)) {
        csvchart_fmt_puts(b, isnan(v) ? "NaN"
                             : v < 0  ? MINUS "\xe2\x88\x9e"
                                      : "\xe2\x88\x9e"); // infinity
        return;
    }
    struct decimal x;
    csvchart_fmt_to_decimal(v, &x);
    int k = prefix_of(l, &x); // SI_LETTER index
    char ip[FMT_MAX_INT_DIGITS + 2], fp[FMT_MAX_DECIMALS + 1];
    int dec;
    bool keep_zeros = l->keep_zeros;
    for (;;) {
        bool up = l->up_shared && k == l->k_up;
        dec = up ? csvchart_fmt_clamp_decimals(l->up_digits) : decimals_for(l, &x, 3 * k);
        keep_zeros = (up || l->keep_zeros) && !x.zero; /* zero is "0", not "0.000" */
        if (l->cents && SI_LETTER[k] == 0 && dec == 1) {
            dec = 2; /* cents are shown as they are: $20.25, not 20.2 padded to "$20.20" */
        }
        csvchart_fmt_round_fixed(&x, 3 * k, dec, ip, fp);
        if (!l->si || l->k >= 0 || k == 4 || strlen(ip) <= 3) {
            break;
        }
        k++; // 999,950 at 1 decimal rounds to "1000.0K": say "1M" instead
    }
    if (wants_scientific(&x, ip, fp)) {
        put_scientific(b, l, &x);
        return;
    }
    size_t nf = strlen(fp);
    while (nf > 0 && fp[nf - 1] == '0' && !keep_zeros) {
        nf--;
    }
    if (l->cents && SI_LETTER[k] == 0 && nf == 1) {
        fp[1] = '0'; // "$0.50", not "$0.5" (fp has room even when dec is 1)
        nf = 2;
    }
    bool nonzero = strcmp(ip, "0") != 0 || nf > 0;
    bool after = l->cur_after && l->prefix[0];
    if (x.neg && nonzero) {
        csvchart_fmt_puts(b, MINUS); // before the currency sign: "−$5"
    }
    if (!after) {
        csvchart_fmt_puts(b, l->prefix);
        if (l->prefix[0] && l->cur_space) {
            csvchart_fmt_puts(b, NBSP); // "€ 5" (nl)
        }
    }
    csvchart_fmt_put_grouped_in(b, l->loc, ip, strlen(ip));
    if (nf > 0) {
        csvchart_fmt_puts(b, l->loc ? l->loc->decimal : ".");
        csvchart_fmt_put(b, fp, nf);
    }
    if (l->loc) {
        csvchart_fmt_puts(b, l->loc->scale[k]); // "5,2 Md" (fr)
    } else if (SI_LETTER[k]) {
        csvchart_fmt_put(b, &SI_LETTER[k], 1);
    }
    put_suffix(b, l);
    if (after) {
        if (l->cur_space) {
            csvchart_fmt_puts(b, NBSP);
        }
        csvchart_fmt_puts(b, l->prefix); // "5 €"
    }
}

/* The label settings of a non-printf format, before the decimals rule is chosen. */
static struct label label_for(const struct value_format *f)
{
    const struct number_unit *u = &f->unit;
    struct label l = {.prefix = u->prefix, .suffix = u->suffix, .k = -1, .rule = DEC_NEEDED};
    switch (f->kind) {
    case FORMAT_AUTO:
        l.si = u->multiplier != 0;
        break;
    case FORMAT_SI:
        l.si = true;
        break;
    case FORMAT_PERCENT:
        l.prefix = "";
        l.suffix = "%";
        break;
    case FORMAT_CURRENCY:
        l.prefix = u->prefix[0]                    ? u->prefix
                   : f->loc && f->loc->currency[0] ? f->loc->currency
                                                   : "$";
        l.suffix = "";
        break;
    case FORMAT_PRINTF:
        break;
    }
    l.cents = l.prefix[0] != '\0';
    l.loc = f->loc;
    if (f->loc && l.prefix[0]) { /* the locale places every currency sign: "5 €", "5 $" */
        l.cur_after = !f->loc->cs_precedes;
        l.cur_space = f->loc->cs_space;
    } else if (l.prefix[0]) { /* as the data wrote it */
        l.cur_after = u->currency_after;
        l.cur_space = u->currency_space;
    }
    return l;
}

/* ---- The interface ------------------------------------------------------------------------ */

static bool keyword(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
        if (x != *b) {
            return false;
        }
    }
    return *a == *b;
}

csvchart_status csvchart_format_parse(const char *text, struct value_format *out,
                                      csvchart_error *err)
{
    struct value_format f;
    memset(&f, 0, sizeof f);
    f.unit.decimals = -1; // unknown until csvchart_format_set_unit(): as many as needed
    if (!text || !*text || keyword(text, "auto")) {
        f.kind = FORMAT_AUTO;
    } else if (keyword(text, "si")) {
        f.kind = FORMAT_SI;
    } else if (keyword(text, "percent")) {
        f.kind = FORMAT_PERCENT;
    } else if (keyword(text, "currency")) {
        f.kind = FORMAT_CURRENCY;
    } else {
        csvchart_status st = csvchart_fmt_printf_check(text, err);
        if (st != CSVCHART_OK) {
            return st;
        }
        f.kind = FORMAT_PRINTF;
        memcpy(f.spec, text, strlen(text) + 1); // csvchart_fmt_printf_check() checked the length
    }
    *out = f;
    return CSVCHART_OK;
}

void csvchart_format_set_unit(struct value_format *f, const struct number_unit *unit)
{
    if (unit) {
        f->unit = *unit;
        /* Copies that cannot be unterminated, whatever the caller's struct holds. */
        f->unit.prefix[sizeof f->unit.prefix - 1] = '\0';
        f->unit.suffix[sizeof f->unit.suffix - 1] = '\0';
    } else {
        memset(&f->unit, 0, sizeof f->unit);
        f->unit.decimals = -1;
    }
}

size_t csvchart_format_value(const struct value_format *f, double v, char *buf, size_t n)
{
    struct sbuf b = {.len = 0};
    if (f->kind == FORMAT_PRINTF) {
        csvchart_fmt_put_printf(&b, f->spec, v, f->loc);
        return csvchart_fmt_finish(&b, buf, n);
    }
    struct label l = label_for(f);
    if (f->kind == FORMAT_CURRENCY) {
        l.rule = DEC_FIXED;
        l.digits = 2;
    } else if (f->unit.decimals >= 0) {
        l.rule = DEC_DATA;
        l.digits = f->unit.decimals;
        l.power = multiplier_power(f->unit.multiplier);
    }
    put_label(&b, &l, v);
    return csvchart_fmt_finish(&b, buf, n);
}

size_t csvchart_format_tick(const struct value_format *f, double v, double step, char *buf,
                            size_t n)
{
    struct sbuf b = {.len = 0};
    if (f->kind == FORMAT_PRINTF) {
        csvchart_fmt_put_printf(&b, f->spec, v, f->loc);
        return csvchart_fmt_finish(&b, buf, n);
    }
    struct label l = label_for(f);
    /* A decade on a log axis reads $0.01, $0.1, $1 (FIGURES.md): no cents padding there. */
    if (v > 0 && fabs(log10(v) - round(log10(v))) < 1e-9) {
        l.cents = false;
    }
    /* A linear tick is a multiple of the step and gets the step's decimals. A log tick is
     * not a multiple of its step when the step is the factor between ticks (0.01 with step
     * 10): it gets the decimals it needs itself, clean since it is a power of ten. What is
     * neither, far below the step and with digits all over the place, is the float noise of
     * a zero computed by the caller (0.1 + 0.2 - 0.3 = 5.55e-17): it is 0. */
    step = fabs(step);
    if (isfinite(step) && step > 0 && isfinite(v)) {
        double q = v / step, r = round(q);
        struct decimal x;
        csvchart_fmt_to_decimal(v, &x);
        if (r != 0 && fabs(q - r) <= 1e-6 * fabs(q)) {
            l.rule = DEC_STEP;
            csvchart_fmt_to_decimal(step, &l.step);
        } else if (fabs(q) < 1e-9 && x.nd > 6) {
            v = 0;
        }
    }
    put_label(&b, &l, v);
    return csvchart_fmt_finish(&b, buf, n);
}

/* ---- Plans: numbers written together ------------------------------------------------------ */

/* The SI_LETTER index of |v|'s magnitude (0 for v = 0). */
static int si_index(double v)
{
    struct decimal x;
    csvchart_fmt_to_decimal(v, &x);
    if (x.zero) {
        return 0;
    }
    return x.exp >= 12 ? 4 : x.exp >= 9 ? 3 : x.exp >= 6 ? 2 : x.exp >= 3 ? 1 : 0;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Whether two finite values of v[0..n) at least 1% apart read the same at `dec` decimals of
 * 10^shift (closer ones may: among 52 values in the tens of millions two within 0.1M of each
 * other are no reason to give all 52 a second decimal). Rounding keeps the order, so only
 * neighbours in sorted order can meet. */
static bool labels_collide(const double *v, size_t n, int shift, int dec)
{
    double *s = n > 1 ? malloc(n * sizeof *s) : NULL;
    if (!s) {
        return false; /* nothing to compare, or no memory: the decimals as they are */
    }
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (isfinite(v[i])) {
            s[m++] = v[i];
        }
    }
    qsort(s, m, sizeof *s, by_value);
    bool collide = false;
    char ip[2][FMT_MAX_INT_DIGITS + 2], fp[2][FMT_MAX_DECIMALS + 1];
    for (size_t i = 0; i + 1 < m && !collide; i++) {
        if (fabs(s[i + 1] - s[i]) <= 0.01 * fmax(fabs(s[i]), fabs(s[i + 1]))) {
            continue; /* (two zeros are one value: six empty months read "0" alike) */
        }
        struct decimal a, b;
        csvchart_fmt_to_decimal(s[i], &a);
        csvchart_fmt_to_decimal(s[i + 1], &b);
        csvchart_fmt_round_fixed(&a, shift, dec, ip[0], fp[0]);
        csvchart_fmt_round_fixed(&b, shift, dec, ip[1], fp[1]);
        collide = a.neg == b.neg && strcmp(ip[0], ip[1]) == 0 && strcmp(fp[0], fp[1]) == 0;
    }
    free(s);
    return collide;
}

/* One number of decimals for values v[0..n) of one comparison shown at 10^shown (their largest
 * and smallest magnitudes max_abs, min_abs): see the LABELS_VALUES case below. */
static int shared_decimals(const double *v, size_t n, double max_abs, double min_abs, int shown,
                           bool computed, const struct value_format *f)
{
    int data_power = multiplier_power(f->unit.multiplier);
    /* One number of decimals for the series: three significant digits of the largest and
     * two of the smallest (6.3M beside 115.3M, not 6M: 6.28M and 6.51M would read 6M and
     * 7M), one where it is under 1 at the prefix (0.6M beside 23.2M), more while two different
     * values would read the same ($33.9K and $33.5K, not $34K twice) up to three of the smallest,
     * less the trailing zeros every value shares
     * ($1.4T and $0.6T, not $1.40T and $0.60T; 86.0M beside 12.1M). */
    struct decimal x, lo;
    csvchart_fmt_to_decimal(max_abs, &x);
    csvchart_fmt_to_decimal(isfinite(min_abs) ? min_abs : max_abs, &lo);
    int d = x.zero ? 0 : csvchart_fmt_clamp_decimals(2 - (x.exp - shown));
    if (!lo.zero) {
        int most = 2 - (lo.exp - shown); /* three significant digits of the smallest */
        if (!computed && f->unit.decimals >= 0) {
            int written = f->unit.decimals + shown - data_power; /* what the data held */
            most = written < most ? written : most;
        }
        /* two of them, or one where the smallest is under 1 at the prefix: 0.6M beside 23.2M
         * and 15.7M (review: "0.640M" gave every sum three decimals, "23.150M") */
        int least = lo.exp < shown ? most - 2 : most - 1;
        d = csvchart_fmt_clamp_decimals((int)fmax(d, least));
        while (d < most && d < FMT_MAX_DECIMALS && labels_collide(v, n, shown, d)) {
            d++;
        }
    }
    for (; d > 0; d--) {
        bool zero_digit = true;
        for (size_t i = 0; i < n && zero_digit; i++) {
            char ip[FMT_MAX_INT_DIGITS + 2], fp[FMT_MAX_DECIMALS + 1];
            struct decimal y;
            csvchart_fmt_to_decimal(v[i], &y);
            csvchart_fmt_round_fixed(&y, shown, d, ip, fp);
            zero_digit = fp[d - 1] == '0';
        }
        if (!zero_digit) {
            break;
        }
    }
    return d;
}

void csvchart_format_plan(const struct value_format *f, enum label_role role, const double *v,
                          size_t n, double step, bool computed, const struct label_plan *values,
                          struct label_plan *p)
{
    memset(p, 0, sizeof *p);
    p->f = *f;
    p->role = role;
    p->k = -1;
    p->step = step;
    if (f->kind == FORMAT_PRINTF) {
        return; // the template as written
    }
    double max_abs = 0, min_abs = INFINITY;
    for (size_t i = 0; i < n; i++) {
        double a = fabs(v[i]);
        if (isfinite(a)) {
            max_abs = fmax(max_abs, a);
            min_abs = a > 0 ? fmin(min_abs, a) : min_abs;
        }
    }
    struct label l = label_for(f);
    /* Past the largest prefix (1,000T) or below a millionth, fixed digits stop reading, and a
     * label that switched alone would put two notations on one axis (100,000,000T under 1e21,
     * a review found): all of them scientific. */
    p->sci =
        max_abs >= 1e15 ||
        (isfinite(min_abs) &&
         min_abs < (role == LABELS_LOG_TICKS ? pow(10, SCALE_LOG_FIXED_LEAST) * (1 - 1e-9) : 1e-6));
    /* Large numbers read better abbreviated, whatever the kind: 40,000,000 as 40M (FIGURES.md),
     * $210,500,000,000.00 as $210.5B, a share of 25,000,000% as 25M% (growth from nothing); an
     * axis's from six digits (700K, not 700,000: review 12), where a label is twice as wide. */
    p->si = l.si || max_abs >= (role == LABELS_VALUES ? 1e6 : 1e5);
    p->top = max_abs;
    if ((role == LABELS_TICKS || role == LABELS_LOG_TICKS) && p->si && !l.si && values &&
        values->role == LABELS_VALUES && !values->si && max_abs < 1e7 &&
        10 * values->top > max_abs) {
        /* the axis of labels written in full: "1,000,000" over "999,960"; a log axis's
         * decades too ("100,000" beside a bar of "180,000", not "100K": graphics desk review) */
        p->si = false;
    }
    int kmax = p->si ? si_index(max_abs) : 0;
    int data_power = multiplier_power(f->unit.multiplier);
    if (role == LABELS_LOG_TICKS) {
        return; /* each decade at its own prefix: $1M $1B $1T */
    }
    if (role == LABELS_TICKS) {
        p->k = p->si ? kmax : -1; /* one prefix per axis: 0, 0.25M, 0.5M */
        if (p->si && values && values->si && values->k >= 0 &&
            max_abs < pow(10, 3 * values->k + 4)) {
            p->k = values->k; /* the axis speaks as the labels do: $200B ... $1,000B */
        }
        p->rule = DEC_STEP;
        return;
    }
    /* Values all written at one prefix keep it where each reads there, under 10,000 of it
     * ($2.1M ... $1,392.3M, not $0.61B beside $14.1M: review 12): the unit the user wrote,
     * and one prefix already (FIGURES.md). Else values of one comparison share a prefix when
     * the smallest still reads with at most one leading zero ($0.6T beside $1.4T). Over a
     * wider range, the values that read so at the largest one's prefix still take it, and
     * only the smaller ones their own: $0.75T beside $1T, never $750B (FIGURES.md), with $5.6M
     * beside them. */
    int written_k = data_power / 3;
    if (p->si && !computed && written_k > 0 && !f->unit.mixed &&
        f->unit.multipliers == 1u << written_k && written_k <= kmax &&
        max_abs < pow(10, data_power + 4)) {
        p->k = written_k;
    } else if (p->si && isfinite(min_abs) && min_abs >= pow(10, 3 * kmax - 1)) {
        p->k = kmax;
    } else if (p->si) {
        p->k_up = kmax;
    }
    bool wide = isfinite(min_abs) && max_abs / min_abs >= 100;
    /* Rounded: sums and means (computed), and values shown at a larger prefix than they were
     * written in (32,607,156 as 32.6M, 600B as 0.6T). */
    int shown = p->si ? 3 * (p->k >= 0 ? p->k : kmax) : 0;
    bool rounded = computed || (p->si && shown > data_power && f->unit.decimals >= 0 &&
                                !f->unit.mixed); /* mixed: its decimals are the finest digit's */
    /* With no shared prefix, the values that take the largest one's (k_up) are one comparison
     * at it and share their decimals as above ("1.04M" beside "1.20M", review 10 read "1.2M"
     * there as less precise); the smaller ones keep three significant digits each ("45K"). */
    double up_least = INFINITY;
    for (size_t i = 0; p->k_up > 0 && i < n; i++) {
        double a = fabs(v[i]);
        if (isfinite(a) && a >= pow(10, 3 * p->k_up - 1)) {
            up_least = fmin(up_least, a);
        }
    }
    if (rounded && !wide && (!p->si || p->k >= 0)) {
        p->rule = DEC_FIXED;
        p->digits = shared_decimals(v, n, max_abs, min_abs, shown, computed, f);
        p->keep_zeros = true;
    } else if (rounded && p->k_up > 0 && max_abs / up_least < 100) {
        double *up = malloc(n * sizeof *up);
        size_t m = 0;
        for (size_t i = 0; up && i < n; i++) {
            if (isfinite(v[i]) && fabs(v[i]) >= up_least) {
                up[m++] = v[i];
            }
        }
        p->rule = DEC_SIG;
        p->digits = 3;
        p->as_written = !computed && f->unit.decimals >= 0;
        p->up_shared = up != NULL;
        p->up_digits = up ? shared_decimals(up, m, max_abs, up_least, shown, computed, f) : 0;
        free(up);
    } else if (rounded) {
        /* Across orders of magnitude each value its three digits - if it is shown at a larger
         * prefix than it was written in ($413K for $412,500); one that keeps its own (the
         * $11.75 of a log chart up to $6.75T) is as written, which rounding would misstate. */
        p->rule = DEC_SIG;
        p->digits = 3;
        p->as_written = !computed && f->unit.decimals >= 0;
    } else if (f->kind == FORMAT_CURRENCY) {
        p->rule = DEC_FIXED;
        p->digits = 2;
    } else if (f->unit.decimals < 0) {
        p->rule = DEC_NEEDED;
    } else {
        /* As written, one number of decimals for the series ("31.0%" beside "21.4%") -
         * unless the values span orders of magnitude and the decimals are more than the
         * largest value needs for three significant digits, where zeros no reader needs go
         * ("$60" beside "$0.07", but "58.0%" beside "71.2%" and "0.4%": review 6). */
        p->rule = DEC_DATA;
        p->digits = f->unit.decimals;
        struct decimal top;
        csvchart_fmt_to_decimal(max_abs, &top);
        int own = shown > data_power ? f->unit.decimals + shown - data_power : f->unit.decimals;
        p->keep_zeros = (!wide || (!top.zero && own <= 2 - (top.exp - shown))) &&
                        !f->unit.mixed; /* mixed: 0.950B's zero was never written */
    }
}

/* The label settings of a linear tick or a value label by plan p (not printf). */
static struct label planned_label(const struct label_plan *p)
{
    struct label l = label_for(&p->f);
    l.si = p->si;
    l.k = p->k;
    l.k_up = p->k_up;
    l.up_shared = p->up_shared;
    l.up_digits = p->up_digits;
    l.keep_zeros = p->keep_zeros;
    l.rule = (enum dec_rule)p->rule;
    l.digits = p->digits;
    l.power = multiplier_power(p->f.unit.multiplier);
    l.as_written = p->as_written;
    l.written = p->f.unit.decimals;
    l.moved_sig = p->role == LABELS_VALUES;
    return l;
}

size_t csvchart_format_planned(const struct label_plan *p, double v, char *buf, size_t n)
{
    if (p->f.kind == FORMAT_PRINTF) {
        return csvchart_format_value(&p->f, v, buf, n);
    }
    struct sbuf b = {.len = 0};
    struct label l = label_for(&p->f);
    /* An axis speaks one notation; a value label only its own value's (172 beside 10⁻¹²),
     * unless every value is under a thousandth: then all of them (1.5×10⁻⁵ beside 9×10⁻⁷,
     * not 0.000015: review 12). */
    bool sci =
        p->sci && (p->role != LABELS_VALUES || p->top < 1e-3 || fabs(v) >= 1e15 || fabs(v) < 1e-6);
    if (sci && isfinite(v)) {
        struct decimal x;
        csvchart_fmt_to_decimal(v, &x);
        if (x.zero || (p->role == LABELS_TICKS && fabs(v) < fabs(p->step) * 1e-9)) {
            csvchart_fmt_puts(&b, l.prefix);
            csvchart_fmt_puts(&b, "0");
            put_suffix(&b, &l);
        } else {
            round_significant(&x, 3);
            put_scientific(&b, &l, &x);
        }
        return csvchart_fmt_finish(&b, buf, n);
    }
    if (p->role == LABELS_LOG_TICKS) {
        /* a decade is its own step: $0.01, $0.1, $1 - never padded to cents */
        l.si = p->si;
        l.cents = false;
        l.rule = DEC_STEP;
        csvchart_fmt_to_decimal(v, &l.step);
        put_label(&b, &l, v);
        return csvchart_fmt_finish(&b, buf, n);
    }
    l = planned_label(p);
    if (p->role == LABELS_TICKS) {
        double step = fabs(p->step);
        if (isfinite(step) && step > 0) {
            csvchart_fmt_to_decimal(step, &l.step);
            double q = v / step;
            if (fabs(q) < 1e-9) {
                v = 0; // float noise of a computed zero
            }
        } else {
            l.rule = DEC_NEEDED;
        }
    }
    put_label(&b, &l, v);
    return csvchart_fmt_finish(&b, buf, n);
}

size_t csvchart_format_planned_cell(const struct label_plan *p, double v, int decimals, int mult,
                                    char *buf, size_t n)
{
    if (p->f.kind == FORMAT_PRINTF || p->role != LABELS_VALUES || p->rule != DEC_DATA ||
        p->keep_zeros || p->sci || decimals < 0 || !isfinite(v)) {
        return csvchart_format_planned(p, v, buf, n);
    }
    struct label l = planned_label(p);
    struct decimal x;
    csvchart_fmt_to_decimal(v, &x);
    int shift = l.si ? 3 * prefix_of(&l, &x) : 0;
    if (shift != 3 * mult) {
        return csvchart_format_planned(p, v, buf, n); /* moved: not as written there */
    }
    l.digits = decimals;
    l.power = shift;
    l.keep_zeros = true;
    struct sbuf b = {.len = 0};
    put_label(&b, &l, v);
    return csvchart_fmt_finish(&b, buf, n);
}

/* Whether x reads at prefix k (SI_LETTER index) by label l as a figure an editor writes: under
 * 10,000 without a prefix ("$1,500"), under 1,000 with one ("$140K", never "$1,500K"). */
static bool reads_at(const struct label *l, const struct decimal *x, int k)
{
    char ip[FMT_MAX_INT_DIGITS + 2], fp[FMT_MAX_DECIMALS + 1];
    int dec = decimals_for(l, x, 3 * k);
    csvchart_fmt_round_fixed(x, 3 * k, dec, ip, fp);
    return strlen(ip) <= (k == 0 ? 4u : 3u);
}

void csvchart_format_plan_shares(const struct value_format *f, const double *v, size_t n,
                                 struct label_plan *p)
{
    csvchart_format_plan(f, LABELS_VALUES, v, n, 0, true, NULL, p);
    if (f->kind == FORMAT_PRINTF) {
        return;
    }
    int d = 0;
    for (size_t i = 0; i < n; i++) {
        d = v[i] != 0 && fabs(v[i]) < 10 ? 1 : d;
    }
    p->rule = DEC_FIXED;
    p->digits = d;
    p->keep_zeros = true;
}

void csvchart_format_plan_exact_sums(struct label_plan *p, int written)
{
    if (p->f.kind == FORMAT_PRINTF || (p->si && p->k != 0) || written <= 0) {
        return;
    }
    if (p->rule == DEC_SIG && !p->si) {
        /* Sums across orders of magnitude had three significant digits each: "Net 2%" beside
         * "Net 0.1%" and "10.2%" (graphics desk review). Where the written decimals are no more
         * than the largest sum takes for three, every sum shows them ("Net 2.0%"); sums of
         * $0.07 and $60 keep their own digits. */
        struct decimal top;
        csvchart_fmt_to_decimal(p->top, &top);
        if (top.zero || written > 2 - top.exp) {
            return;
        }
        p->rule = DEC_FIXED;
        p->as_written = false;
    } else if (p->rule != DEC_FIXED || written <= p->digits) {
        return;
    }
    p->digits = csvchart_fmt_clamp_decimals(written);
    p->keep_zeros = true;
}

void csvchart_format_plan_points(const struct value_format *f, const double *v, size_t n,
                                 bool computed, bool si, struct label_plan *p)
{
    csvchart_format_plan(f, LABELS_VALUES, v, n, 0, computed, NULL, p);
    if (f->kind == FORMAT_PRINTF || (!si && !p->si)) {
        return;
    }
    struct label own = planned_label(p);
    own.si = true;
    own.k = -1;
    own.k_up = 0;
    struct label planned = planned_label(p);
    bool moved = false;
    for (size_t i = 0; i < n && !moved; i++) {
        struct decimal x;
        csvchart_fmt_to_decimal(v[i], &x);
        moved = isfinite(v[i]) && prefix_of(&own, &x) != prefix_of(&planned, &x);
    }
    if (!moved) {
        return;
    }
    p->si = true;
    p->k = -1;
    p->k_up = 0;
    p->up_shared = false;
    p->rule = DEC_SIG;
    p->digits = 3;
    p->as_written = !computed && f->unit.decimals >= 0;
    p->keep_zeros = false;
}

void csvchart_format_planned_pair(const struct label_plan *p, double lo, double hi, char *lo_buf,
                                  size_t lo_n, char *hi_buf, size_t hi_n)
{
    /* Each end is a value label of the plan, at its own prefix. The end nearer zero is never
     * lifted to the other's ($120 beside $1,500 is not $0.12K, $15K beside $2M not $0.015M);
     * the other comes down to its prefix where it reads there ($90K-$140K). */
    struct label_plan q = *p;
    bool lo_near = fabs(lo) <= fabs(hi);
    if (p->f.kind != FORMAT_PRINTF && p->role == LABELS_VALUES && p->si && p->k < 0 &&
        isfinite(lo) && isfinite(hi)) {
        struct label l = planned_label(p);
        struct decimal near, far;
        csvchart_fmt_to_decimal(lo_near ? lo : hi, &near);
        csvchart_fmt_to_decimal(lo_near ? hi : lo, &far);
        int k = prefix_of(&l, &near);
        if (!near.zero && k < prefix_of(&l, &far) && reads_at(&l, &far, k)) {
            q.k = k;
        }
    }
    csvchart_format_planned(lo_near ? p : &q, lo, lo_buf, lo_n);
    csvchart_format_planned(lo_near ? &q : p, hi, hi_buf, hi_n);
}

/* ---- Ratios and changes ---------------------------------------------------------------------- */

size_t csvchart_format_change(double pct, char *buf, size_t n)
{
    return csvchart_format_change_in(NULL, pct, buf, n);
}

size_t csvchart_format_ratio(double r, char *buf, size_t n, bool *in_words)
{
    return csvchart_format_ratio_in(NULL, r, buf, n, in_words);
}

size_t csvchart_format_change_in(const struct csvchart_locale *loc, double pct, char *buf, size_t n)
{
    struct sbuf b = {.len = 0};
    struct label l = {
        .prefix = "", .suffix = "%", .k = -1, .rule = DEC_SIG, .digits = 2, .loc = loc};
    if (isfinite(pct) && pct > 0) {
        csvchart_fmt_put(&b, "+", 1);
    }
    put_label(&b, &l, pct);
    return csvchart_fmt_finish(&b, buf, n);
}

/* The ratio, and with `times` the language's "times" after it when it is in words. */
static size_t ratio_in(const struct csvchart_locale *loc, double r, bool times, char *buf, size_t n,
                       bool *in_words)
{
    static const double at[] = {1e12, 1e9, 1e6};
    const struct words *w = csvchart_words_get(loc);
    struct sbuf b = {.len = 0};
    *in_words = false;
    struct label l = {.prefix = "", .suffix = "", .k = -1, .rule = DEC_FIXED, .loc = loc};
    if (!isfinite(r) || r < 0) {
        csvchart_fmt_puts(&b, "?");
        return csvchart_fmt_finish(&b, buf, n);
    }
    if (r >= 1e15) {
        /* Beyond words a reader knows: a power of ten, "1.2 x 10^15" with superscripts. */
        static const char *const sup[] = {
            "\xe2\x81\xb0", "\xc2\xb9",     "\xc2\xb2",     "\xc2\xb3",     "\xe2\x81\xb4",
            "\xe2\x81\xb5", "\xe2\x81\xb6", "\xe2\x81\xb7", "\xe2\x81\xb8", "\xe2\x81\xb9"};
        int e = (int)floor(log10(r));
        double m = r / pow(10, e);
        if (m >= 9.95) {
            m /= 10, e++;
        }
        l.rule = DEC_FIXED;
        l.digits = 1;
        put_label(&b, &l, m);
        csvchart_fmt_puts(&b, " \xc3\x97 10"); // " × 10"
        char digits[8];
        snprintf(digits, sizeof digits, "%d", e);
        for (const char *d = digits; *d; d++) {
            csvchart_fmt_puts(&b, sup[*d - '0']);
        }
        if (times) {
            csvchart_fmt_puts(&b, w->times_number); // "1.2 × 10¹⁵ fois", without "de"
        }
        *in_words = true;
        return csvchart_fmt_finish(&b, buf, n);
    }
    for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
        if (r >= at[i] * 0.9995) {
            l.rule = DEC_SIG;
            l.digits = 3;
            size_t from = b.len;
            put_label(&b, &l, r / at[i]);
            /* "1 Million" but "1,2 Millionen"; in French and Brazil's Portuguese any number
             * under 2 takes the singular ("1,5 million") */
            const char *num = b.s + from;
            size_t num_len = b.len - from;
            bool one =
                (num_len == 1 && num[0] == '1') || (w->one_below_two && num[0] == '1' &&
                                                    (num_len == 1 || num[1] < '0' || num[1] > '9'));
            size_t k = 2 - i; // 0 million, 1 billion, 2 trillion
            csvchart_fmt_puts(&b, one ? w->big_one[k] : w->big_other[k]);
            if (times) {
                csvchart_fmt_puts(&b, w->times_word);
            }
            *in_words = true;
            return csvchart_fmt_finish(&b, buf, n);
        }
    }
    /* Below 10 one decimal (5.2, 1.5); from 10 a whole number (857), from 1,000 of three
     * significant digits as in words (68,400, not 68,421 from $45.6M and $3.12T: a multiple
     * is no more exact than the values it divides; review 23). */
    l.digits = r < 9.95 ? 1 : 0;
    if (r >= 999.5) {
        double mag = pow(10, floor(log10(r)) - 2);
        r = round(r / mag) * mag;
    }
    put_label(&b, &l, r);
    return csvchart_fmt_finish(&b, buf, n);
}

size_t csvchart_format_ratio_in(const struct csvchart_locale *loc, double r, char *buf, size_t n,
                                bool *in_words)
{
    return ratio_in(loc, r, false, buf, n, in_words);
}

size_t csvchart_format_ratio_times_in(const struct csvchart_locale *loc, double r, char *buf,
                                      size_t n, bool *in_words)
{
    return ratio_in(loc, r, true, buf, n, in_words);
}

bool csvchart_format_fractions_as_percent(const struct value_format *f,
                                          const struct number_unit *written, double lo, double hi)
{
    return f->kind == FORMAT_PERCENT && strcmp(written->suffix, "%") != 0 && lo >= -1 && hi <= 1 &&
           (lo != 0 || hi != 0);
}
