/*
 * test_number.c - csvchart_number_parse(): accepted spellings with their value and unit, and
 * rejected ones (which must leave the outputs untouched).
 */
#include <float.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "number.h"

struct good {
    const char *in;
    double value;
    const char *prefix, *suffix;
    char multiplier;
    int decimals;
    bool grouped;
};

static const struct good goods[] = {
    {"42", 42, "", "", 0, 0, false},
    {"-3.5", -3.5, "", "", 0, 1, false},
    {"+7", 7, "", "", 0, 0, false},
    {"1e6", 1e6, "", "", 0, 0, false},
    {"2.5E-3", 2.5e-3, "", "", 0, 4, false},           /* written to the ten-thousandth */
    {"3.11975e+06%", 3.11975e6, "", "%", 0, 0, false}, /* to the unit, not "3,119,750.00000%" */
    {"1.5e1", 15, "", "", 0, 0, false},
    {"1,234.5", 1234.5, "", "", 0, 1, true},
    {"1,234,567", 1234567, "", "", 0, 0, true},
    {"2,500", 2500, "", "", 0, 0, true},
    {"  12  ", 12, "", "", 0, 0, false},
    {"\t12", 12, "", "", 0, 0, false},
    {"$0.07", 0.07, "$", "", 0, 2, false},
    {"-$5", -5, "$", "", 0, 0, false},
    {"$-5", -5, "$", "", 0, 0, false},
    {"+$5", 5, "$", "", 0, 0, false},
    {"\xe2\x82\xac"
     "12",
     12, "\xe2\x82\xac", "", 0, 0, false},
    {"\xc2\xa3"
     "3.50",
     3.5, "\xc2\xa3", "", 0, 2, false},
    {"\xc2\xa5"
     "100",
     100, "\xc2\xa5", "", 0, 0, false},
    {"50%", 50, "", "%", 0, 0, false},
    {"-12.25%", -12.25, "", "%", 0, 2, false},
    {"-0", 0, "", "", 0, 0, false},
    {"$5.6M", 5600000, "$", "", 'M', 1, false},
    {"830B", 830e9, "", "", 'B', 0, false},
    {"1T", 1e12, "", "", 'T', 0, false},
    {"4.6K", 4600, "", "", 'K', 1, false},
    {"$1.2bn", 1.2e9, "$", "", 'B', 1, false},
    /* lowercase, as the FT, the Economist and the BBC write them */
    {"\xc2\xa3"
     "423.0m",
     423e6, "\xc2\xa3", "", 'M', 1, false},
    {"$1.2k", 1200, "$", "", 'K', 1, false},
    {"5b", 5e9, "", "", 'B', 0, false},
    {"$1tn", 1e12, "$", "", 'T', 0, false},
    {"$2.5trn", 2.5e12, "$", "", 'T', 1, false},
    {"$1,500M", 1.5e9, "$", "", 'M', 0, true},
    {".5", 0.5, "", "", 0, 1, false},
    {"007", 7, "", "", 0, 0, false},
    {"0.1", 0.1, "", "", 0, 1, false},
    {"1e-999", 0, "", "", 0, 999, false}, /* underflows to 0: still a number */
    {"1.7976931348623157e308", DBL_MAX, "", "", 0, 0, false},
    {"0.30000000000000004", 0.30000000000000004, "", "", 0, 17, false},
    {"123456789012345678901234567890", 123456789012345678901234567890.0, "", "", 0, 0, false},
    {"0.000000000000000000000000000000000000000000000001", 1e-48, "", "", 0, 48, false},
};

static const char *const bads[] = {
    "",         "   ",    "nan",       "NaN",       "inf",          "-inf",
    "Infinity", "0x1A",   "0X10",      "1e999",     "-1e999",       "1.8e308",
    "999Te999", "1e308T", "1,23",      "1,2345",    "12,34,567",    "1234,567",
    ",123",     "0,5",    "1,",        "1,,000",    "5.",           ".",
    "-",        "+",      "$",         "%",         "$%",           "$5%",
    "--5",      "-$-5",   "$$5",       "US$5",      "5$",           "5 %",
    "5km",      "5mn",    "5trillion", "5KM",       "5K%",          "5bn%",
    "5Bn",      "5 M",    "1e",        "1e+",       "e5",           "1.2.3",
    "12abc",    "abc",    "(5)",       "1 000",     "\xe2\x82\xac", "5\xe2\x82\xac",
    "1_000",    "1e5.5",  "+-1",       "1,000.5.5", "$ 5",          "1e6M5",
};

static void test_good(void)
{
    for (size_t i = 0; i < sizeof goods / sizeof goods[0]; i++) {
        const struct good *g = &goods[i];
        double v = -1;
        struct number_unit u;
        memset(&u, 0x55, sizeof u);
        bool ok = csvchart_number_parse(g->in, strlen(g->in), &v, &u);
        if (!ok) {
            fprintf(stderr, "rejected: \"%s\"\n", g->in);
        }
        CHECK(ok);
        if (!ok) {
            continue;
        }
        double tol = fabs(g->value) * 1e-15;
        CHECK_DBL(v, g->value, tol);
        CHECK_STR(u.prefix, g->prefix);
        CHECK_STR(u.suffix, g->suffix);
        CHECK_INT(u.multiplier, g->multiplier);
        CHECK_INT(u.decimals, g->decimals);
        CHECK_INT(u.grouped, g->grouped);
    }
}

static void test_bad(void)
{
    for (size_t i = 0; i < sizeof bads / sizeof bads[0]; i++) {
        double v = 123;
        struct number_unit u;
        memset(&u, 0x55, sizeof u);
        struct number_unit before = u;
        bool ok = csvchart_number_parse(bads[i], strlen(bads[i]), &v, &u);
        if (ok) {
            fprintf(stderr, "accepted: \"%s\" as %g\n", bads[i], v);
        }
        CHECK(!ok);
        CHECK_DBL(v, 123, 0);
        CHECK(memcmp(&u, &before, sizeof u) == 0);
    }
}

/* Exact values: the multiplier goes into the exponent, not a multiplication after rounding. */
static void test_exact(void)
{
    struct {
        const char *in;
        double want;
    } cases[] = {
        {"5.6M", 5600000.0},     {"0.07", 0.07},   {"4.6K", 4600.0}, {"1.1B", 1.1e9},
        {"0.3T", 3e11},          {"2.675", 2.675}, {"1e23", 1e23},   {"8.589973e9", 8.589973e9},
        {"123.456e-2", 1.23456},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double v = 0;
        CHECK(csvchart_number_parse(cases[i].in, strlen(cases[i].in), &v, NULL));
        CHECK_DBL(v, cases[i].want, 0);
    }
}

/*
 * The value is the double strtod() gives for the same text, bit for bit, whichever way it is
 * computed (one pass for plain decimals, the exact fast path for short numbers, strtod() for
 * the rest): 200,000 random numbers around the edges of the fast paths (15 and 16 digits,
 * exponents near +-22, half without an exponent).
 */
static void test_rounding(void)
{
    uint64_t x = 88172645463325252u; // xorshift64, fixed seed
    char buf[64];
    size_t bad = 0;
    for (int i = 0; i < 200000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        int ndig = 1 + (int)(x % 17), point = (int)((x >> 8) % (unsigned)(ndig + 1));
        int e = (int)((x >> 16) % 61) - 30;
        size_t n = 0;
        uint64_t y = x;
        for (int k = 0; k < ndig; k++) {
            if (k == point && k > 0) {
                buf[n++] = '.';
            }
            buf[n++] = (char)('0' + (k == 0 ? 1 + y % 9 : y % 10));
            y = y / 10 ^ (y << 5);
        }
        if (x >> 60 & 1) { // half of them without an exponent: the one-pass path
            n += (size_t)snprintf(buf + n, sizeof buf - n, "e%d", e);
        } else {
            buf[n] = '\0';
        }
        double v = 0, want = strtod(buf, NULL);
        if (!csvchart_number_parse(buf, n, &v, NULL) || memcmp(&v, &want, sizeof v) != 0) {
            if (bad++ < 5) {
                fprintf(stderr, "  %s: %.17g, strtod %.17g\n", buf, v, want);
            }
        }
    }
    CHECK(bad == 0);
}

/* The length is honoured: bytes after it are not read, and no NUL is needed. */
static void test_length(void)
{
    double v = 0;
    CHECK(csvchart_number_parse("12345", 2, &v, NULL));
    CHECK_DBL(v, 12, 0);
    CHECK(csvchart_number_parse("7%xyz", 2, &v, NULL));
    CHECK_DBL(v, 7, 0);
    CHECK(!csvchart_number_parse("1,234", 3, &v, NULL)); // "1,2"
    CHECK(!csvchart_number_parse(NULL, 0, &v, NULL));
    CHECK(signbit(v) == 0);
    CHECK(csvchart_number_parse("-0.0", 4, &v, NULL));
    CHECK(signbit(v) == 0); // never "-0"
}

/* A refused number too large for a double is told apart from text (review 10: 1e400 "is not
 * a number"), in the default syntax and with a decimal comma. */
static void test_overflow(void)
{
    const char *const over[] = {"1e999", "-1e999", "1.8e308", "1e308T", "$2e308"};
    for (size_t i = 0; i < sizeof over / sizeof over[0]; i++) {
        HARNESS_REPORT(csvchart_number_overflows(over[i], strlen(over[i]), NULL),
                       "\"%s\" overflows", over[i]);
    }
    const char *const not_over[] = {"abc", "1e", "1,23", "5km", "1.7e308", "1e-999", "inf"};
    for (size_t i = 0; i < sizeof not_over / sizeof not_over[0]; i++) {
        HARNESS_REPORT(!csvchart_number_overflows(not_over[i], strlen(not_over[i]), NULL),
                       "\"%s\" does not overflow", not_over[i]);
    }
    struct number_syntax comma = {.decimal = ','};
    CHECK(csvchart_number_overflows("2,5e400", 7, &comma));
    CHECK(!csvchart_number_overflows("2,5e300", 7, &comma));
}

int main(void)
{
    RUN(test_good);
    RUN(test_bad);
    RUN(test_exact);
    RUN(test_rounding);
    RUN(test_length);
    RUN(test_overflow);
    return harness_done();
}
