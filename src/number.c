/*
 * number.c - reading numbers as people write them (see number.h); part of the table stage.
 *
 * After table_csv.c has split a file into cells, table.c asks this file whether a cell is a
 * number. The parser is a hand-written scanner over the grammar
 *
 *     [sign] [currency] [sign] digits [. digits] [e [sign] digits] [K|M|B|T|k|m|b|bn|tn|trn | %]
 *
 * where digits may be grouped by three with commas. It never calls strtod() on the text itself:
 * the significant digits and a decimal exponent are first normalised into a buffer such as
 * "56e5" (no decimal point, so the C library's locale cannot change the meaning), and only
 * that buffer goes to strtod(), which rounds correctly - unless the digits and the exponent
 * are small enough for one exact IEEE operation (the fast paths below), which gives the same
 * value. The multiplier is folded into the exponent, so "$5.6M" is exactly 5600000 and not
 * 5.6 * 1e6.
 */
#include "number.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Significant digits kept; more cannot change a double (17 suffice) but keep rounding honest. */
#define MAX_SIG 40
/* Exponents are clamped here: far beyond any double, far from overflowing a long long. */
#define MAX_EXP 100000

static const struct {
    const char *text;
    size_t len;
} currencies[] = {
    {"$", 1},
    {"\xe2\x82\xac", 3}, /* € */
    {"\xc2\xa3", 2},     /* £ */
    {"\xc2\xa5", 2},     /* ¥ */
};

static bool is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static bool is_blank(unsigned char c)
{
    return c == ' ' || c == '\t';
}

/* Counts the digits at p (up to end). */
static size_t digit_run(const unsigned char *p, const unsigned char *end)
{
    size_t n = 0;
    while (p + n < end && is_digit(p[n])) {
        n++;
    }
    return n;
}

/* The decimal number being assembled: value = sig * 10^exp10. */
struct decimal {
    char sig[MAX_SIG + 1];
    size_t nsig;
    long long exp10;
};

static void add_int_digit(struct decimal *d, unsigned char c)
{
    if (d->nsig == 0 && c == '0') {
        return; // leading zero
    }
    if (d->nsig < MAX_SIG) {
        d->sig[d->nsig++] = (char)c;
    } else if (d->exp10 < MAX_EXP) {
        d->exp10++; // a dropped integer digit still scales the value
    }
}

static void add_frac_digit(struct decimal *d, unsigned char c)
{
    if (d->nsig == 0 && c == '0') {
        if (d->exp10 > -MAX_EXP) {
            d->exp10--;
        }
        return;
    }
    if (d->nsig < MAX_SIG) {
        d->sig[d->nsig++] = (char)c;
        if (d->exp10 > -MAX_EXP) {
            d->exp10--;
        }
    }
}

static long long clamp_exp(long long e)
{
    return e > MAX_EXP ? MAX_EXP : e < -MAX_EXP ? -MAX_EXP : e;
}

static const double pow10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                 1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/*
 * The common case in one pass: [-]digits[.digits] with at most 15 digits in all, so that the
 * digits are an exact integer and one division rounds correctly. Returns false for anything
 * else (then the full parser decides, and agrees wherever this one accepts).
 */
static bool parse_plain(const unsigned char *p, const unsigned char *end, unsigned char point,
                        double *value, struct number_unit *unit)
{
    bool negative = *p == '-';
    p += negative;
    const unsigned char *start = p, *dot = NULL;
    unsigned long long m = 0; // wraps past 19 digits; those are refused below
    for (; p < end; p++) {
        unsigned d = (unsigned)*p - '0';
        if (d < 10) {
            m = m * 10 + d;
        } else if (*p == point && !dot) {
            dot = p;
        } else {
            return false;
        }
    }
    long digits = (long)(end - start) - (dot != NULL);
    long frac = dot ? (long)(end - dot) - 1 : 0;
    if (digits == 0 || digits > 15 || (dot && frac == 0)) {
        return false; // "-", ".", "5.", or too many digits for one exact operation
    }
    double v = frac > 0 ? (double)m / pow10[frac] : (double)m;
    *value = negative && v != 0.0 ? -v : v;
    if (unit) {
        memset(unit, 0, sizeof *unit);
        unit->decimals = (int)frac;
    }
    return true;
}

/* The bytes of a space at p: ' ', U+00A0 or U+202F (0 for none). */
static size_t space_at(const unsigned char *p, const unsigned char *end)
{
    if (p < end && *p == ' ') {
        return 1;
    }
    if (end - p >= 2 && p[0] == 0xC2 && p[1] == 0xA0) {
        return 2;
    }
    if (end - p >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0xAF) {
        return 3;
    }
    return 0;
}

/* The bytes of a sign at p: '-', '+' or U+2212 (0 for none); *neg says which. */
static size_t sign_at(const unsigned char *p, const unsigned char *end, bool *neg)
{
    if (p < end && (*p == '-' || *p == '+')) {
        *neg = *p == '-';
        return 1;
    }
    if (end - p >= 3 && p[0] == 0xE2 && p[1] == 0x88 && p[2] == 0x92) {
        *neg = true;
        return 3;
    }
    return 0;
}

/* The bytes of a thousands separator at p in this syntax ("," after a decimal point; ".", or
 * a space, after a decimal comma), 0 for none. */
static size_t group_at(const unsigned char *p, const unsigned char *end, unsigned char point)
{
    if (p >= end) {
        return 0;
    }
    if (point == '.') {
        return *p == ',';
    }
    return *p == '.' ? 1 : space_at(p, end);
}

/* A currency sign at p: its bytes (0 for none), copied into prefix (8 bytes). */
static size_t currency_at(const unsigned char *p, const unsigned char *end,
                          const struct number_syntax *syn, char *prefix)
{
    for (size_t i = 0; i < sizeof currencies / sizeof currencies[0]; i++) {
        size_t n = currencies[i].len;
        if ((size_t)(end - p) >= n && memcmp(p, currencies[i].text, n) == 0) {
            memcpy(prefix, currencies[i].text, n);
            prefix[n] = '\0';
            return n;
        }
    }
    size_t n = syn && syn->currency ? strlen(syn->currency) : 0;
    if (n > 0 && n < 8 && (size_t)(end - p) >= n && memcmp(p, syn->currency, n) == 0) {
        memcpy(prefix, syn->currency, n);
        prefix[n] = '\0';
        return n;
    }
    return 0;
}

bool csvchart_number_parse(const char *s, size_t len, double *value, struct number_unit *unit)
{
    return csvchart_number_parse_as(s, len, NULL, value, unit);
}

/* csvchart_number_parse_as(), telling in *overflow (may be NULL) whether a refused s was a
 * number too large for a double. */
static bool parse(const char *s, size_t len, const struct number_syntax *syn, double *value,
                  struct number_unit *unit, bool *overflow)
{
    if (!s) {
        return false;
    }
    const unsigned char *p = (const unsigned char *)s;
    const unsigned char *end = p + len;
    const unsigned char point = syn && syn->decimal == ',' ? ',' : '.';
    /* The forms of number.h's "with a syntax" list: only when one is given, so that the
     * default reading (which refuses "(5)" and "5€") stays as it was. */
    const bool ext = syn && (syn->decimal || (syn->currency && *syn->currency));
    while (p < end && is_blank(*p)) {
        p++;
    }
    while (end > p && is_blank(end[-1])) {
        end--;
    }
    if (p == end) {
        return false;
    }
    if (parse_plain(p, end, point, value, unit)) {
        return true;
    }

    struct number_unit u;
    memset(&u, 0, sizeof u);
    bool negative = false, signed_ = false, paren = false;
    size_t k;

    if (ext && *p == '(' && end - p >= 3 && end[-1] == ')') { /* accounting: "(5)" is -5 */
        paren = negative = signed_ = true;
        p++;
        end--;
    }
    if (!paren && (k = sign_at(p, end, &negative)) > 0 && (ext || k == 1)) {
        signed_ = true;
        p += k;
    }
    p += currency_at(p, end, syn, u.prefix);
    if (u.prefix[0] && !signed_ && (k = sign_at(p, end, &negative)) > 0 && (ext || k == 1)) {
        p += k; // "$-5"
    }

    struct decimal d;
    memset(&d, 0, sizeof d);

    /* Integer part: plain digits, or 1-3 digits followed by groups of ",ddd". */
    size_t first = digit_run(p, end), groups = 0;
    const unsigned char *int_start = p;
    p += first;
    while ((k = group_at(p, end, point)) > 0 && digit_run(p + k, end) > 0) {
        groups++;
        if (first == 0 || first > 3 || *int_start == '0') {
            return false; // ",123", "1234,567", "0,123" (a decimal comma, not grouping)
        }
        size_t g = digit_run(p + k, end);
        if (g != 3) {
            return false; // "1,23", "1,2345"
        }
        u.grouped = true;
        p += k + g;
    }
    for (const unsigned char *q = int_start; q < p; q++) {
        if (*q >= '0' && *q <= '9') {
            add_int_digit(&d, *q);
        }
    }
    bool any_digit = first > 0;
    /* "1,250": one group and no decimal point could be a decimal comma ("1,250,000" and
     * "1,250.5" cannot); the table decides what to make of it (table_csv.c). A file said to
     * write decimal commas has settled the question. */
    u.comma_ambiguous = point == '.' && groups == 1 && !(p < end && *p == '.');

    if (p < end && *p == point) {
        size_t n = digit_run(p + 1, end);
        if (n == 0) {
            return false; // "5." and "." are not numbers
        }
        for (size_t i = 0; i < n; i++) {
            add_frac_digit(&d, p[1 + i]);
        }
        u.decimals = n > 1000 ? 1000 : (int)n;
        any_digit = true;
        p += 1 + n;
    }
    if (!any_digit) {
        return false;
    }

    long long exp = 0;
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        bool eneg = false;
        if (p < end && (*p == '-' || *p == '+')) {
            eneg = *p == '-';
            p++;
        }
        size_t n = digit_run(p, end);
        if (n == 0) {
            return false;
        }
        for (size_t i = 0; i < n; i++) {
            exp = clamp_exp(exp * 10 + (p[i] - '0'));
        }
        if (eneg) {
            exp = -exp;
        }
        p += n;
        /* "3.11975e+06" is written to the unit, "1.5e-3" to the ten-thousandth: the decimals
         * it shows are the mantissa's less the exponent */
        long long dec = (long long)u.decimals - exp;
        u.decimals = dec < 0 ? 0 : dec > 1000 ? 1000 : (int)dec;
    }

    if (p < end && end[-1] == '+') { /* "$100M+": at least this much, open-ended */
        u.open = true;
        end--;
    }
    if (ext && p < end && !u.prefix[0]) { /* "5 €", "5€": the currency after the number */
        for (const unsigned char *c = p; c < end; c++) {
            char sign[8];
            size_t n = currency_at(c, end, syn, sign);
            if (n && c + n == end) {
                const unsigned char *e = c;
                size_t sp = 0;
                for (const unsigned char *q = p; q < c; q++) {
                    size_t w = space_at(q, c);
                    if (w && q + w == c) {
                        sp = w;
                    }
                }
                memcpy(u.prefix, sign, sizeof sign);
                u.currency_after = true;
                u.currency_space = sp > 0;
                end = e - sp;
                break;
            }
        }
    }
    if (ext && p < end && end[-1] == '%' && !u.prefix[0]) { /* "50 %": a space before % */
        size_t sp = 0;
        for (const unsigned char *q = p; q < end - 1; q++) {
            size_t w = space_at(q, end - 1);
            if (w && q + w == end - 1) {
                sp = w;
            }
        }
        if (sp) {
            u.suffix[0] = '%';
            end -= 1 + sp;
        }
    }
    if (p < end) {
        size_t rest = (size_t)(end - p);
        int mexp = 0;
        /* The letters as newsrooms write them: "$5.6M", "£423m" and "$1.2k" (the FT, the
         * Economist, the BBC), "$5bn", "$1tn", "$1trn". */
        static const struct {
            const char *text;
            char multiplier;
            int exp;
        } scales[] = {{"K", 'K', 3},   {"k", 'K', 3},   {"M", 'M', 6},  {"m", 'M', 6},
                      {"B", 'B', 9},   {"b", 'B', 9},   {"bn", 'B', 9}, {"T", 'T', 12},
                      {"tn", 'T', 12}, {"trn", 'T', 12}};
        bool scaled = false;
        for (size_t i = 0; i < sizeof scales / sizeof scales[0] && !scaled; i++) {
            scaled = rest == strlen(scales[i].text) && memcmp(p, scales[i].text, rest) == 0;
            if (scaled) {
                u.multiplier = scales[i].multiplier;
                mexp = scales[i].exp;
            }
        }
        if (!scaled) {
            if (rest == 1 && *p == '%' && !u.prefix[0] && !u.suffix[0]) {
                u.suffix[0] = '%';
            } else {
                return false;
            }
        }
        exp += mexp;
    }
    if (paren && u.open) {
        return false; // "(5+)": neither a debit nor open-ended
    }

    double v = 0.0;
    long long e10 = clamp_exp(exp + d.exp10);
    if (d.nsig > 0 && d.nsig <= 15 && e10 >= -22 && e10 <= 22) {
        /* Clinger's fast path: the digits as an integer below 10^15 and 10^|e10| are both
         * exact doubles, so one IEEE multiplication or division rounds correctly, as strtod
         * would. Most cells of a CSV file take this path. */
        long long m = 0;
        for (size_t i = 0; i < d.nsig; i++) {
            m = m * 10 + (d.sig[i] - '0');
        }
        v = e10 >= 0 ? (double)m * pow10[e10] : (double)m / pow10[-e10];
    } else if (d.nsig > 0) {
        char buf[MAX_SIG + 32];
        snprintf(buf, sizeof buf, "%.*se%lld", (int)d.nsig, d.sig, e10);
        errno = 0;
        v = strtod(buf, NULL);
        if (!isfinite(v)) {
            if (overflow) {
                *overflow = true;
            }
            return false; // 1e999 overflows; underflow to 0 or a subnormal is accepted
        }
    }
    if (negative && v != 0.0) {
        v = -v; // "-0" is plain 0, so it never prints as "-0"
    }
    *value = v;
    if (unit) {
        *unit = u;
    }
    return true;
}

bool csvchart_number_parse_as(const char *s, size_t len, const struct number_syntax *syn,
                              double *value, struct number_unit *unit)
{
    return parse(s, len, syn, value, unit, NULL);
}

bool csvchart_number_overflows(const char *s, size_t len, const struct number_syntax *syn)
{
    bool overflow = false;
    double v;
    return !parse(s, len, syn, &v, NULL, &overflow) && overflow;
}

const char csvchart_multipliers[5] = {0, 'K', 'M', 'B', 'T'};

int csvchart_number_multiplier_index(char multiplier)
{
    for (int i = 1; i < 5; i++) {
        if (csvchart_multipliers[i] == multiplier) {
            return i;
        }
    }
    return 0;
}
