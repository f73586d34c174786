/*
 * number.h - reading numbers the way people write them in spreadsheets and articles.
 *
 * Accepted (surrounding spaces ignored):  42   -3.5   1e6   2.5E-3   1,234.5   "2,500"
 *   $0.07   -$5   $-5   €12   £3.50   ¥100   US$5 (no)   50%   -0   $5.6M   830B   1T   4.6K
 * Thousands separators must group by three ("1,23" is not a number). The suffixes K M B T
 * (upper case; "bn" too) multiply by 1e3, 1e6, 1e9, 1e12. A trailing % keeps the number as
 * written (50% -> 50, unit suffix "%"). A final '+' ("$100M+") marks an open-ended value:
 * the number is read without it and unit->open is set. Rejected: nan, inf, values that overflow a
 * double (1e999), hex, empty strings, anything else. Given a syntax (the `decimal` or `locale`
 * option is set), also: the minus sign U+2212 ("−5", "−$5"), accounting negatives in parentheses
 * ("(5)", "($1,234.50)"; no sign inside), the currency sign after the number
 * ("5 €", "5€", "12.50 $"; unit->currency_after) and a space before % ("50 %"); a space may
 * be U+00A0 or U+202F.
 *
 * With a decimal comma (struct number_syntax, `decimal = ,`): "1.234,5", "1 234,5" (a space,
 * U+00A0 or U+202F groups as "." does), "0,5", "5 €", "−1.234,50 €".
 */
#ifndef CSVCHART_NUMBER_H
#define CSVCHART_NUMBER_H

#include <stdbool.h>
#include <stddef.h>

/* How a number was written: enough to format other numbers the same way. */
struct number_unit {
    char prefix[8];       /* currency sign as UTF-8: "$", "€", "£", "¥" or "" */
    char suffix[4];       /* "%" or "" */
    char multiplier;      /* 'K', 'M', 'B', 'T' or 0 */
    int decimals;         /* digits after the decimal point as written (before the multiplier) */
    bool grouped;         /* thousands separators were used */
    bool comma_ambiguous; /* one comma group and no decimal point ("1,250"): the comma may be
                             a decimal mark where that is the custom */
    bool open;            /* a trailing '+' ("$100M+", "15+"): at least this much, open-ended */
    bool currency_after;  /* the currency sign followed the number ("5 €") */
    bool currency_space;  /* ... after a space */
    bool mixed;           /* a column's numbers had different multipliers ("$950M" beside
                             "$182.1B"): decimals are then those of the finest digit written,
                             at `multiplier` (3 here: 0.950B), not of one cell */
    unsigned char multipliers; /* a column's or panel's: bit k set when some value was written
                                  with csvchart_multipliers[k] (bit 0: with none); 0 in a
                                  cell's unit */
};

/* How the numbers of a file are written, when not the default way. */
struct number_syntax {
    char decimal;         /* '.' or ',' (0: '.', and none of the forms above "given a syntax"
                             unless a currency is given) */
    const char *currency; /* a currency sign read besides $ € £ ¥ (a locale's "zł", "kr"),
                             at most 7 bytes; NULL or "" for none */
};

/*
 * Parses bytes [s, s+len). On success stores the value (multiplier applied) in *value and, when
 * `unit` is not NULL, how it was written; returns true. On failure returns false and leaves
 * *value and *unit unchanged.
 */
bool csvchart_number_parse(const char *s, size_t len, double *value, struct number_unit *unit);

/* The same in another syntax; syn NULL is the default syntax (csvchart_number_parse()). */
bool csvchart_number_parse_as(const char *s, size_t len, const struct number_syntax *syn,
                              double *value, struct number_unit *unit);

/* Whether s is written as a number (in syntax syn, NULL: the default) but is too large for a
 * double ("1e400", "-2e308"): refused by the parsers above, and said so ("out of range"). */
bool csvchart_number_overflows(const char *s, size_t len, const struct number_syntax *syn);

/*
 * Multipliers as small indices, for counting which one a column or panel uses most: 0 for
 * none, 1 to 4 for K M B T; csvchart_multipliers[i] is the letter back ('\0' for none).
 */
int csvchart_number_multiplier_index(char multiplier);
extern const char csvchart_multipliers[5];

#endif
