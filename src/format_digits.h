/*
 * format_digits.h - the internals the number labels share (format.c, format_digits.c,
 * format_printf.c): a double's decimal digits, rounding on them, the fixed buffer a label is
 * built in, and the printf templates. Not part of format.h's interface: layout never calls
 * these.
 */
#ifndef CSVCHART_FORMAT_DIGITS_H
#define CSVCHART_FORMAT_DIGITS_H

#include <stdbool.h>
#include <stddef.h>

#include "format.h"

#define FMT_MAX_DECIMALS 20    /* the most decimals a label shows */
#define FMT_MAX_INT_DIGITS 330 /* the most integer digits a double has (1.8e308) */

/* |v| = d[0].d[1]...d[nd-1] x 10^exp, nd <= 15 significant digits, trailing zeros trimmed. */
struct decimal {
    char d[16];
    int nd;
    int exp;
    bool neg;
    bool zero;
};

/* A fixed buffer that silently stops growing; big enough for any label we build. */
struct sbuf {
    char s[1024];
    size_t len;
};

/* format_digits.c */
/* The 15 significant digits of v (%.14e: the decimal point is never read). */
void csvchart_fmt_to_decimal(double v, struct decimal *x);
/* The power of ten of the last significant digit: 0.25 -> -2, 5e8 -> 8, 0 -> 0. */
int csvchart_fmt_lowest_digit(const struct decimal *x);
/* dec clamped to 0..FMT_MAX_DECIMALS. */
int csvchart_fmt_clamp_decimals(int dec);
/* Decimals that x / 10^shift needs to be shown in full. */
int csvchart_fmt_decimals_needed(const struct decimal *x, int shift);
/* |x| / 10^shift rounded half away from zero to `dec` decimals: the integer digits into ip
 * (FMT_MAX_INT_DIGITS + 2 bytes), exactly `dec` fraction digits into fp (dec + 1 bytes). */
void csvchart_fmt_round_fixed(const struct decimal *x, int shift, int dec, char *ip, char *fp);
/* Appends len bytes of s (or the NUL-terminated s), cutting when the buffer is full. */
void csvchart_fmt_put(struct sbuf *b, const char *s, size_t len);
void csvchart_fmt_puts(struct sbuf *b, const char *s);
/* Integer digits grouped as loc groups them, or by threes with "," when loc is NULL. */
void csvchart_fmt_put_grouped_in(struct sbuf *b, const struct csvchart_locale *loc,
                                 const char *digits, size_t n);
/* Copies the label into buf (n bytes), cut at a code point boundary; returns its length. */
size_t csvchart_fmt_finish(const struct sbuf *b, char *buf, size_t n);

/* format_printf.c */
/* Checks a printf template (one conversion; see format_printf.c); errors: VALUE. */
csvchart_status csvchart_fmt_printf_check(const char *t, csvchart_error *err);
/* v written with a template that passed csvchart_fmt_printf_check() (else nothing). */
void csvchart_fmt_put_printf(struct sbuf *b, const char *spec, double v,
                             const struct csvchart_locale *loc);

#endif
