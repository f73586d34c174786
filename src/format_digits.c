/*
 * format_digits.c - the arithmetic under every number label (format.c, format_printf.c): a
 * double's decimal digits, rounding on those digits, integer grouping, and the fixed buffer
 * labels are built in (format_digits.h).
 *
 *   1. %.14e gives the 15 significant decimal digits of |v| (struct decimal). Every decimal with
 *      at most 15 digits survives the trip through a double, so 0.1 + 0.2 reads as digits "3",
 *      exponent -1, and what the CSV said is what we see.
 *   2. Rounding to the chosen decimals is done on those digits, half away from zero
 *      ("$0.075" at 2 decimals is "$0.08", as the reader expects, not the binary "$0.07").
 *   3. The integer part is grouped by hand ("2,500"), or as a locale groups it (glibc's
 *      grouping read by locale_data.c): never through printf's ' flag or LC_NUMERIC.
 * The decimal point in snprintf output depends on LC_NUMERIC, so it is never copied: step 1
 * reads only the digits and the exponent.
 */
#include "format_digits.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "utf8.h"

/* ---- Decimal digits ---------------------------------------------------------------------- */

void csvchart_fmt_to_decimal(double v, struct decimal *x)
{
    char buf[48];
    snprintf(buf, sizeof buf, "%.14e", fabs(v));
    const char *p = buf;
    int nd = 0;
    for (; *p && *p != 'e' && *p != 'E'; p++) {
        if (*p >= '0' && *p <= '9' && nd < 15) { // skips the decimal point, whatever it is
            x->d[nd++] = *p;
        }
    }
    int e = 0, sign = 1;
    if (*p) {
        p++;
        if (*p == '-' || *p == '+') {
            sign = *p == '-' ? -1 : 1;
            p++;
        }
        for (; *p >= '0' && *p <= '9'; p++) {
            e = e * 10 + (*p - '0');
        }
    }
    while (nd > 1 && x->d[nd - 1] == '0') {
        nd--;
    }
    x->nd = nd;
    x->d[nd] = '\0';
    x->exp = sign * e;
    x->zero = nd == 1 && x->d[0] == '0';
    x->neg = !x->zero && v < 0;
    if (x->zero) {
        x->exp = 0;
    }
}

/* The power of ten of the last significant digit: 0.25 -> -2, 5e8 -> 8, 0 -> 0. */
int csvchart_fmt_lowest_digit(const struct decimal *x)
{
    return x->zero ? 0 : x->exp - (x->nd - 1);
}

int csvchart_fmt_clamp_decimals(int dec)
{
    return dec < 0 ? 0 : dec > FMT_MAX_DECIMALS ? FMT_MAX_DECIMALS : dec;
}

/* Decimals that x / 10^shift needs to be shown in full. */
int csvchart_fmt_decimals_needed(const struct decimal *x, int shift)
{
    return csvchart_fmt_clamp_decimals(shift - csvchart_fmt_lowest_digit(x));
}

/*
 * Rounds |x| / 10^shift half away from zero to `dec` decimals. Writes the integer digits (no
 * leading zeros, at least "0") to ip and exactly `dec` fraction digits to fp.
 */
void csvchart_fmt_round_fixed(const struct decimal *x, int shift, int dec, char *ip, char *fp)
{
    int exp = x->zero ? 0 : x->exp - shift;
    int hi = exp > 0 ? exp : 0;
    int n = hi + dec + 1; // digit positions 10^hi .. 10^-dec
    unsigned char dig[FMT_MAX_INT_DIGITS + FMT_MAX_DECIMALS + 2];
    dig[0] = 0; // room for a carry: 9.99 -> 10.0
    for (int i = 0; i < n; i++) {
        int k = exp - (hi - i); // index into x->d of the digit at power hi - i
        dig[i + 1] = (k >= 0 && k < x->nd) ? (unsigned char)(x->d[k] - '0') : 0;
    }
    int r = exp + dec + 1; // index of the first digit dropped
    if (!x->zero && r >= 0 && r < x->nd && x->d[r] >= '5') {
        int i = n;
        while (dig[i] == 9) {
            dig[i--] = 0;
        }
        dig[i]++;
    }
    /* dig[1 .. hi+1] hold powers hi .. 0, dig[hi+2 ..] the fraction; dig[0] the carry. */
    int first = 0;
    while (first < hi + 1 && dig[first] == 0) {
        first++;
    }
    size_t ni = 0;
    for (int i = first; i <= hi + 1; i++) {
        ip[ni++] = (char)('0' + dig[i]);
    }
    ip[ni] = '\0';
    for (int i = 0; i < dec; i++) {
        fp[i] = (char)('0' + dig[hi + 2 + i]);
    }
    fp[dec] = '\0';
}

/* ---- Output ------------------------------------------------------------------------------- */

void csvchart_fmt_put(struct sbuf *b, const char *s, size_t len)
{
    if (len > sizeof b->s - 1 - b->len) {
        len = sizeof b->s - 1 - b->len;
    }
    memcpy(b->s + b->len, s, len);
    b->len += len;
    b->s[b->len] = '\0';
}

void csvchart_fmt_puts(struct sbuf *b, const char *s)
{
    csvchart_fmt_put(b, s, strlen(s));
}

/* Integer digits with a comma between groups of three, from 1,000 up. */
static void put_grouped(struct sbuf *b, const char *digits, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && n >= 4 && (n - i) % 3 == 0) {
            csvchart_fmt_put(b, ",", 1);
        }
        csvchart_fmt_put(b, digits + i, 1);
    }
}

/* Integer digits grouped as a locale groups them (glibc's grouping: sizes from the right, the
 * last repeating; 0xFF ends the grouping), or with put_grouped() without a locale. */
void csvchart_fmt_put_grouped_in(struct sbuf *b, const struct csvchart_locale *loc,
                                 const char *digits, size_t n)
{
    if (!loc) {
        put_grouped(b, digits, n);
        return;
    }
    if (!loc->group[0]) {
        csvchart_fmt_put(b, digits, n);
        return;
    }
    bool cut[FMT_MAX_INT_DIGITS + 2] = {false}; /* cut[i]: a separator before digit i */
    size_t at = n, g = 0, size = loc->grouping[0];
    while (size > 0 && size != 0xFF && at > size) {
        at -= size;
        if (at < sizeof cut) {
            cut[at] = true;
        }
        if (loc->grouping[g + 1]) {
            size = loc->grouping[++g];
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && i < sizeof cut && cut[i]) {
            csvchart_fmt_puts(b, loc->group);
        }
        csvchart_fmt_put(b, digits + i, 1);
    }
}

/* Copies into the caller's buffer, cutting at a code point boundary when it is too small
 * (never half a U+2212). Returns the length written. */
size_t csvchart_fmt_finish(const struct sbuf *b, char *buf, size_t n)
{
    if (!buf || n == 0) {
        return 0;
    }
    size_t len = b->len;
    if (len > n - 1) {
        len = n - 1;
        while (len > 0 && ((unsigned char)b->s[len] & 0xC0) == 0x80) {
            len--; // b->s[len] would start the cut-off tail: back up to a lead byte
        }
    }
    memcpy(buf, b->s, len);
    buf[len] = '\0';
    return len;
}
