/*
 * test_format.c - value and tick labels (src/format.c): table-driven {format, unit, value,
 * expected} cases for every rule in format.h and FIGURES.md, and the printf template checks.
 */
#include <locale.h>
#include <string.h>

#include "format.h"
#include "harness.h"

#define M "\xe2\x88\x92" // U+2212 MINUS SIGN

/* A unit as number.c would record it. */
struct unit_case {
    const char *prefix, *suffix;
    char multiplier;
    int decimals; // -1: csvchart_format_set_unit() not called
};

static struct value_format make(const char *kind, struct unit_case u)
{
    struct value_format f;
    csvchart_error err = {0};
    if (csvchart_format_parse(kind, &f, &err) != CSVCHART_OK) {
        fprintf(stderr, "cannot parse %s: %s\n", kind, err.message);
    }
    if (u.decimals >= 0) {
        struct number_unit nu = {.multiplier = u.multiplier, .decimals = u.decimals};
        snprintf(nu.prefix, sizeof nu.prefix, "%s", u.prefix ? u.prefix : "");
        snprintf(nu.suffix, sizeof nu.suffix, "%s", u.suffix ? u.suffix : "");
        csvchart_format_set_unit(&f, &nu);
    }
    return f;
}

#define NONE                                                                                       \
    {                                                                                              \
        "", "", 0, -1                                                                              \
    }
#define PLAIN(d)                                                                                   \
    {                                                                                              \
        "", "", 0, d                                                                               \
    }
#define USD(d)                                                                                     \
    {                                                                                              \
        "$", "", 0, d                                                                              \
    }
#define USD_M(m, d)                                                                                \
    {                                                                                              \
        "$", "", m, d                                                                              \
    }
#define PCT(d)                                                                                     \
    {                                                                                              \
        "", "%", 0, d                                                                              \
    }

static const struct {
    const char *kind;
    struct unit_case unit;
    double v;
    const char *want;
} value_cases[] = {
    /* auto, plain numbers: trailing zeros dropped, thousands separators from 1,000 */
    {"auto", PLAIN(0), 0, "0"},
    {"auto", PLAIN(0), 60, "60"},
    {"auto", PLAIN(2), 1.5, "1.5"},
    {"auto", PLAIN(2), 1.50, "1.5"},
    {"auto", PLAIN(0), 999, "999"},
    {"auto", PLAIN(0), 1000, "1,000"},
    {"auto", PLAIN(0), 2500, "2,500"},
    {"auto", PLAIN(0), 1234567, "1,234,567"},
    {"auto", PLAIN(1), 1234567.25, "1,234,567.3"},
    {"auto", PLAIN(0), -5, M "5"},
    {"auto", PLAIN(2), -0.001, "0"}, // no "−0"
    {"auto", PLAIN(0), -0.0, "0"},
    {"auto", PLAIN(2), 2.345, "2.35"}, // half away from zero on the decimal digits
    {"auto", PLAIN(2), -2.345, M "2.35"},
    {"auto", PLAIN(0), 9.5, "10"},
    {"auto", PLAIN(1), 99.96, "100"},
    {"auto", NONE, 0.1 + 0.2, "0.3"},
    {"auto", NONE, 1.0 / 3, "0.333333333333333"},
    {"auto", NONE, 123456.789, "123,456.789"},
    {"auto", NONE, 1e-7, "0.0000001"},
    {"", NONE, 42, "42"},
    /* auto, currency: cents keep 2 decimals, a 3rd when written */
    {"auto", USD(2), 60, "$60"},
    {"auto", USD(2), 0.07, "$0.07"},
    {"auto", USD(2), 0.5, "$0.50"},
    {"auto", USD(2), 1.25, "$1.25"},
    {"auto", USD(3), 0.075, "$0.075"},
    {"auto", USD(3), 0.07, "$0.07"},
    {"auto", USD(3), 0.5, "$0.50"},
    {"auto", USD(1), 0.5, "$0.50"},
    {"auto", USD(0), 1200, "$1,200"},
    {"auto", USD(2), -5, M "$5"},
    {"auto", USD(2), -0.5, M "$0.50"},
    {"auto",
     {"\xe2\x82\xac", "", 0, 2},
     12,
     "\xe2\x82\xac"
     "12"}, // €12
    {"auto",
     {"\xc2\xa3", "", 0, 2},
     3.5,
     "\xc2\xa3"
     "3.50"}, // £3.50
    /* auto, percent: the number as written, never x100 */
    {"auto", PCT(0), 50, "50%"},
    {"auto", PCT(1), 12.5, "12.5%"},
    {"auto", PCT(0), -3, M "3%"},
    /* auto with a multiplier in the data: K/M/B/T by magnitude, B not G */
    {"auto", USD_M('B', 0), 830e9, "$830B"},
    {"auto", USD_M('M', 1), 5.6e6, "$5.6M"},
    {"auto", USD_M('T', 0), 1e12, "$1T"},
    {"auto", USD_M('M', 0), 100e6, "$100M"},
    {"auto", USD_M('B', 1), 1.5e9, "$1.5B"},
    {"auto", USD_M('B', 1), 1.55e9, "$1.6B"},
    {"auto", USD_M('M', 1), 1.5e9, "$1.5B"}, // data in M, value in B: 1 + 3 decimals
    {"auto", USD_M('M', 1), 1.2345e9, "$1.2345B"},
    {"auto", USD_M('B', 1), 5.6e6, "$5.6M"}, // a smaller scale keeps the data's decimals
    {"auto", USD_M('K', 1), 999.9e3, "$999.9K"},
    {"auto", USD_M('K', 0), 999.9e3, "$1M"}, // "1,000K" is the next letter
    {"auto", USD_M('M', 0), 999999, "$1M"},  // not "$1,000K"
    {"auto", USD_M('B', 0), 500, "$500"},
    {"auto", USD_M('B', 0), 0, "$0"},
    {"auto", USD_M('B', 1), -2.5e9, M "$2.5B"},
    {"auto", USD_M('T', 0), 2500e12, "$2,500T"},
    {"auto", {"", "", 'K', 1}, 4.6e3, "4.6K"},
    /* si */
    {"si", PLAIN(0), 830e9, "830B"},
    {"si", USD(0), 5600000, "$5.6M"},
    {"si", USD(0), 1e12, "$1T"},
    {"si", USD(2), 1500, "$1.5K"},
    {"si", USD(2), 12.5, "$12.50"},
    {"si", NONE, 1234567, "1.234567M"},
    {"si", PCT(0), 2500, "2.5K%"},
    {"SI", NONE, 999, "999"},
    /* percent */
    {"percent", PLAIN(0), 50, "50%"},
    {"percent", PLAIN(2), 0.5, "0.5%"},
    {"percent", USD(0), 50, "50%"}, // a currency sign would make no sense
    {"percent", NONE, 12.25, "12.25%"},
    /* currency: integers plain, otherwise 2 decimals */
    {"currency", NONE, 60, "$60"},
    {"currency", NONE, 0.5, "$0.50"},
    {"currency", NONE, 0.075, "$0.08"}, // decimal rounding: binary 0.075 is 0.07499...
    {"currency", NONE, 1234.5, "$1,234.50"},
    {"currency", NONE, 1.999, "$2"},
    {"currency",
     {"\xc2\xa5", "", 0, 0},
     100,
     "\xc2\xa5"
     "100"}, // ¥100
    {"currency", NONE, -5, M "$5"},
    /* printf templates: printf's own rules, but no locale, ' done here, and a negative sign
     * lifted before a leading text (below) */
    {"$%.2f", NONE, 60, "$60.00"},
    {"%.1f%%", NONE, 12.345, "12.3%"},
    {"%'d people", NONE, 1234567, "1,234,567 people"},
    {"%d", NONE, 2.5, "3"},
    /* beyond fixed digits (issue 10): 1e21 and up, and what the decimals would show as 0 */
    {"auto", PLAIN(0), 1e308, "10³⁰⁸"},
    {"auto", PLAIN(0), 1.7976931348623157e308, "1.79769313486232×10³⁰⁸"},
    {"auto", PLAIN(0), -2.5e300, M "2.5×10³⁰⁰"},
    {"auto", PLAIN(0), 9.99e20, "999,000,000,000,000,000,000"},
    {"auto", PLAIN(0), 1e21, "10²¹"},
    {"auto", PLAIN(0), 1e-300, "10⁻³⁰⁰"},
    {"auto", PLAIN(8), 1.2e-7, "0.00000012"}, // the data's decimals show it: fixed
    {"auto", USD(2), 1e-7, "$10⁻⁷"},
    {"auto", PCT(0), 1e25, "10²⁵%"},
    {"si", USD(0), 5e21, "$5×10²¹"},
    {"%d", NONE, -2.5, "-3"},
    {"%i", NONE, 1e20, "100000000000000000000"},
    {"%'.2f", NONE, 1234.5, "1,234.50"},
    {"%'.2f", NONE, -1234.5, "-1,234.50"},
    {"%'.0f", NONE, 999, "999"},
    {"%'12.1f|", NONE, 1234.5, "     1,234.5|"},
    {"%-'12.1f|", NONE, 1234.5, "1,234.5     |"},
    {"%0'10d", NONE, -1234, "-00001,234"},
    {"%+d", NONE, 5, "+5"},
    {"% d", NONE, 5, " 5"},
    {"%05.1f", NONE, 2.25, "002.2"},
    {"%#.0f", NONE, 3, "3."},
    {"%.3e", NONE, 12345, "1.234e+04"},
    {"%'.3e", NONE, 12345, "1.234e+04"},
    {"%E", NONE, 0.5, "5.000000E-01"},
    {"%g", NONE, 0.0001, "0.0001"},
    {"%'g", NONE, 123456, "123,456"},
    {"%G", NONE, 1e-10, "1E-10"},
    {"%F", NONE, 1.5, "1.500000"},
    {"%.2f\xe2\x82\xac", NONE, 3.5, "3.50\xe2\x82\xac"},
    {"100%% %d", NONE, 7, "100% 7"},
    /* a negative number's sign before the text that leads it (not "$-341B"), unless padded */
    {"$%.0fB", NONE, -341, "-$341B"},
    {"$%'.0fB", NONE, -1400, "-$1,400B"},
    {"$%6.1f", NONE, -3, "$  -3.0"},
    {"$%.0fB", NONE, 341, "$341B"},
};

static void test_values(void)
{
    for (size_t i = 0; i < sizeof value_cases / sizeof value_cases[0]; i++) {
        struct value_format f = make(value_cases[i].kind, value_cases[i].unit);
        char buf[128];
        size_t len = csvchart_format_value(&f, value_cases[i].v, buf, sizeof buf);
        if (strcmp(buf, value_cases[i].want) != 0) {
            fprintf(stderr, "value case %zu: format %s, v %.17g\n", i, value_cases[i].kind,
                    value_cases[i].v);
        }
        CHECK_STR(buf, value_cases[i].want);
        CHECK_INT(len, strlen(value_cases[i].want));
    }
}

static const struct {
    const char *kind;
    struct unit_case unit;
    double v, step;
    const char *want;
} tick_cases[] = {
    /* linear ticks: the step's decimals, trailing zeros dropped */
    {"auto", PLAIN(0), 0, 10, "0"},
    {"auto", PLAIN(0), 60, 10, "60"},
    {"auto", PLAIN(3), 1.5, 0.5, "1.5"},
    {"auto", PLAIN(3), 2, 0.5, "2"},
    {"auto", PLAIN(0), 0.1 + 0.2, 0.1, "0.3"},
    {"auto", PLAIN(0), 0.1 + 0.2 - 0.3, 0.1, "0"}, // float noise, not 5.55e-17
    {"auto", PLAIN(0), 0.06, 0.02, "0.06"},
    {"auto", PLAIN(0), 0.060000000000000005, 0.02, "0.06"},
    {"auto", PLAIN(0), 2500, 500, "2,500"},
    {"auto", PLAIN(0), -5, 5, M "5"},
    {"auto", PLAIN(0), 1e15, 2.5e14, "1,000,000,000,000,000"},
    {"auto", PLAIN(0), 7.5e-10, 2.5e-10, "0.00000000075"},
    {"auto", USD(2), 0.04, 0.02, "$0.04"},
    {"auto", USD(2), 0.5, 0.25, "$0.50"},
    {"auto", USD(2), 0.5, 0.5, "$0.50"},
    {"auto", USD(2), 1, 0.5, "$1"},
    {"auto", USD(2), 60, 10, "$60"},
    {"auto", USD(2), 1200, 200, "$1,200"},
    {"auto", USD(2), -5, 5, M "$5"},
    {"auto", PCT(0), 50, 25, "50%"},
    /* SI ticks: each its own letter, the step's decimals at that scale */
    {"auto", USD_M('B', 0), 0, 5e8, "$0"},
    {"auto", USD_M('B', 0), 5e8, 5e8, "$500M"},
    {"auto", USD_M('B', 0), 1e9, 5e8, "$1B"},
    {"auto", USD_M('B', 0), 1.5e9, 5e8, "$1.5B"},
    {"auto", USD_M('B', 0), 900e9, 300e9, "$900B"},
    {"auto", USD_M('B', 0), 1.2e12, 300e9, "$1.2T"},
    {"si", USD(2), 2.5e6, 2.5e5, "$2.5M"},
    {"si", USD(2), 2.25e6, 2.5e5, "$2.25M"},
    {"si", PLAIN(0), 1e9, 10, "1B"}, // log tick, step = the factor 10
    {"si", USD(0), 1e9, 1e9, "$1B"},
    /* log ticks: step is either the tick itself or the factor between ticks */
    {"auto", USD(2), 0.01, 0.01, "$0.01"},
    {"auto", USD(2), 0.1, 0.1, "$0.1"}, // a decade: no cents padding (FIGURES.md)
    {"auto", USD(2), 1, 1, "$1"},
    {"auto", USD(2), 100, 100, "$100"},
    {"auto", USD(2), 0.01, 10, "$0.01"},
    {"auto", USD(2), 0.1, 10, "$0.1"},
    {"auto", USD(2), 100, 10, "$100"},
    {"auto", PLAIN(0), 0.001, 10, "0.001"},
    {"auto", PLAIN(0), 1e-9, 1000, "0.000000001"},
    {"auto", PLAIN(0), 1e12, 1000, "1,000,000,000,000"},
    {"auto", PLAIN(0), 1e-12, 100, "0.000000000001"},
    {"auto", PLAIN(0), 1e-20, 1e10, "0.00000000000000000001"},
    /* the whole range of a double (issue 10) */
    {"auto", PLAIN(0), 1e308, 2e307, "10³⁰⁸"},
    {"auto", PLAIN(0), 1.25e308, 2.5e307, "1.25×10³⁰⁸"},
    {"auto", PLAIN(0), -5e307, 5e307, M "5×10³⁰⁷"},
    {"auto", PLAIN(0), 2e-301, 2e-301, "2×10⁻³⁰¹"},
    {"auto", PLAIN(0), 1e-300, 1e100, "10⁻³⁰⁰"}, // log
    {"si", PLAIN(0), 1e300, 1e100, "10³⁰⁰"},
    /* currency and percent kinds */
    {"currency", NONE, 0.25, 0.25, "$0.25"},
    {"currency", NONE, 2, 0.25, "$2"},
    {"currency", NONE, 0.005, 0.005, "$0.005"}, // distinct ticks beat "2 decimals"
    {"percent", NONE, 12.5, 2.5, "12.5%"},
    {"percent", NONE, 100, 25, "100%"},
    /* printf */
    {"$%.2f", NONE, 0.5, 0.25, "$0.50"},
    {"%'d", NONE, 1500000, 500000, "1,500,000"},
};

static void test_ticks(void)
{
    for (size_t i = 0; i < sizeof tick_cases / sizeof tick_cases[0]; i++) {
        struct value_format f = make(tick_cases[i].kind, tick_cases[i].unit);
        char buf[128];
        size_t len = csvchart_format_tick(&f, tick_cases[i].v, tick_cases[i].step, buf, sizeof buf);
        if (strcmp(buf, tick_cases[i].want) != 0) {
            fprintf(stderr, "tick case %zu: format %s, v %.17g, step %.17g\n", i,
                    tick_cases[i].kind, tick_cases[i].v, tick_cases[i].step);
        }
        CHECK_STR(buf, tick_cases[i].want);
        CHECK_INT(len, strlen(tick_cases[i].want));
    }
}

/* Templates that parse, and the kind they give. */
static const struct {
    const char *text;
    enum format_kind kind;
} accepted[] = {
    {NULL, FORMAT_AUTO},
    {"", FORMAT_AUTO},
    {"auto", FORMAT_AUTO},
    {"AUTO", FORMAT_AUTO},
    {"si", FORMAT_SI},
    {"percent", FORMAT_PERCENT},
    {"currency", FORMAT_CURRENCY},
    {"$%.2f", FORMAT_PRINTF},
    {"%.1f%%", FORMAT_PRINTF},
    {"%'d people", FORMAT_PRINTF},
    {"%d", FORMAT_PRINTF},
    {"%i", FORMAT_PRINTF},
    {"%f", FORMAT_PRINTF},
    {"%F", FORMAT_PRINTF},
    {"%e", FORMAT_PRINTF},
    {"%E", FORMAT_PRINTF},
    {"%g", FORMAT_PRINTF},
    {"%G", FORMAT_PRINTF},
    {"%-+ #0'10.3f", FORMAT_PRINTF},
    {"%64.20f", FORMAT_PRINTF},
    {"%.f", FORMAT_PRINTF},
    {"%%%d%%", FORMAT_PRINTF},
    {"\xe2\x82\xac%.2f", FORMAT_PRINTF},
    {"~%.0f tokens/s", FORMAT_PRINTF},
};

static void test_parse_accepts(void)
{
    for (size_t i = 0; i < sizeof accepted / sizeof accepted[0]; i++) {
        struct value_format f;
        csvchart_error err = {0};
        csvchart_status st = csvchart_format_parse(accepted[i].text, &f, &err);
        if (st != CSVCHART_OK) {
            fprintf(stderr, "accept case %zu (%s): %s\n", i, accepted[i].text, err.message);
        }
        CHECK_INT(st, CSVCHART_OK);
        CHECK_INT(err.status, CSVCHART_OK);
        CHECK_INT(f.kind, accepted[i].kind);
        if (accepted[i].kind == FORMAT_PRINTF) {
            CHECK_STR(f.spec, accepted[i].text);
        }
    }
}

/* Templates that must be refused, with the message expected. */
static const struct {
    const char *text;
    const char *message;
} rejected[] = {
    {"dollars", "value_format \"dollars\" has no conversion; expected e.g. $%.2f or percent"},
    {"100%%", "value_format \"100%%\" has no conversion; expected e.g. $%.2f or percent"},
    {"%d of %d", "value_format \"%d of %d\" has 2 conversions; expected exactly one, e.g. $%.2f"},
    {"%s", "value_format \"%s\": \"%s\" is not a number conversion; expected one of %d %i %f %F "
           "%e %E %g %G, e.g. $%.2f"},
    {"%n", NULL},
    {"%*d", NULL},
    {"%.*f", NULL},
    {"%ld", NULL},
    {"%lf", NULL},
    {"%Lf", NULL},
    {"%hd", NULL},
    {"%zd", NULL},
    {"%x", NULL},
    {"%X", NULL},
    {"%o", NULL},
    {"%u", NULL},
    {"%c", NULL},
    {"%p", NULL},
    {"%a", NULL},
    {"%A", NULL},
    {"%1$d", NULL},
    {"%m", NULL},
    {"%\xe2\x82\xac", "value_format \"%\xe2\x82\xac\": \"%\xe2\x82\xac\" is not a number "
                      "conversion; expected one of %d %i %f %F %e %E %g %G, e.g. $%.2f"},
    {"%.2", NULL},
    {"%", "value_format \"%\" ends in a lone %; write %% for a percent sign"},
    {"%.2f%", NULL},
    {"%#d", "value_format \"%#d\": the # flag does not apply to %d"},
    {"%100d", NULL},
    {"%65d", NULL},
    {"%.21f", NULL},
    {"%.100f", NULL},
    {"%.2f\n", NULL},
    {"%.2f\t", NULL},
    {"\xff%.2f", "value_format \"?%.2f\" is not valid UTF-8"}, // messages stay UTF-8
    {"\xc0\xafx%d", NULL},                                     // overlong '/'
};

static void test_parse_rejects(void)
{
    for (size_t i = 0; i < sizeof rejected / sizeof rejected[0]; i++) {
        struct value_format f;
        memset(&f, 0x5A, sizeof f);
        csvchart_error err = {0};
        csvchart_status st = csvchart_format_parse(rejected[i].text, &f, &err);
        if (st != CSVCHART_ERROR_VALUE) {
            fprintf(stderr, "reject case %zu (%s) was accepted\n", i, rejected[i].text);
        }
        CHECK_INT(st, CSVCHART_ERROR_VALUE);
        CHECK_INT(err.status, CSVCHART_ERROR_VALUE);
        CHECK(strstr(err.message, "value_format \"") == err.message);
        CHECK_INT(f.spec[0], 0x5A); // *out untouched on failure
        if (rejected[i].message) {
            CHECK_STR(err.message, rejected[i].message);
        }
    }
    /* NULL err is allowed */
    struct value_format f;
    CHECK_INT(csvchart_format_parse("%s", &f, NULL), CSVCHART_ERROR_VALUE);
    /* spec[64] holds 63 bytes: a 63-byte template fits, a 64-byte one is refused */
    char t[80] = "%.2f per 1M tokens";
    memset(t + strlen(t), '.', 63 - strlen(t));
    t[63] = '\0';
    csvchart_error err = {0};
    CHECK_INT(csvchart_format_parse(t, &f, &err), CSVCHART_OK);
    CHECK_STR(f.spec, t);
    t[63] = '.';
    t[64] = '\0';
    CHECK_INT(csvchart_format_parse(t, &f, &err), CSVCHART_ERROR_VALUE);
    CHECK(strstr(err.message, "is too long (64 bytes); at most 63") != NULL);
}

/* Results are cut at n - 1 bytes, never inside a code point. */
static void test_truncation(void)
{
    struct value_format f = make("auto", (struct unit_case)USD(2));
    char buf[8];
    size_t len = csvchart_format_value(&f, -1234.5, buf, 4); // "−$1,234.50"
    CHECK_STR(buf, M);
    CHECK_INT(len, 3);
    len = csvchart_format_value(&f, -1234.5, buf, 3);
    CHECK_STR(buf, "");
    CHECK_INT(len, 0);
    len = csvchart_format_value(&f, 1234.5, buf, sizeof buf);
    CHECK_STR(buf, "$1,234.");
    CHECK_INT(csvchart_format_value(&f, 1, NULL, 0), 0);
}

/* A unit set, then reset with NULL: values are shown as precisely as they need. */
static void test_set_unit(void)
{
    struct value_format f = make("auto", (struct unit_case)USD(0));
    char buf[64];
    csvchart_format_value(&f, 0.07, buf, sizeof buf);
    CHECK_STR(buf, "$0"); // the data had no decimals
    csvchart_format_set_unit(&f, NULL);
    csvchart_format_value(&f, 0.07, buf, sizeof buf);
    CHECK_STR(buf, "0.07");
    csvchart_format_value(&f, NAN, buf, sizeof buf);
    CHECK_STR(buf, "NaN");
    csvchart_format_value(&f, -INFINITY, buf, sizeof buf);
    CHECK_STR(buf, M "\xe2\x88\x9e");
}

/* The decimal point is "." whatever LC_NUMERIC says: checked in C, and in every comma or
 * U+066B locale that is installed (or made with localedef and found through LOCPATH). */
static void check_numbers(void)
{
    char buf[64];
    struct value_format f = make("auto", (struct unit_case)USD(2));
    csvchart_format_value(&f, 1234.5, buf, sizeof buf);
    CHECK_STR(buf, "$1,234.50");
    f = make("si", (struct unit_case)USD(1));
    csvchart_format_value(&f, 5.6e6, buf, sizeof buf);
    CHECK_STR(buf, "$5.6M");
    f = make("%'.2f", (struct unit_case)NONE);
    csvchart_format_value(&f, 1234.5, buf, sizeof buf);
    CHECK_STR(buf, "1,234.50");
    f = make("%.3e", (struct unit_case)NONE);
    csvchart_format_value(&f, 12345, buf, sizeof buf);
    CHECK_STR(buf, "1.234e+04");
    f = make("%g", (struct unit_case)NONE);
    csvchart_format_value(&f, 0.25, buf, sizeof buf);
    CHECK_STR(buf, "0.25");
    f = make("%#.0f", (struct unit_case)NONE);
    csvchart_format_value(&f, 3, buf, sizeof buf);
    CHECK_STR(buf, "3.");
}

static void test_locale(void)
{
    const char *names[] = {"de_DE.UTF-8", "de_DE.utf8",  "fr_FR.UTF-8",
                           "fr_FR.utf8",  "ps_AF.UTF-8", "ps_AF.utf8"};
    check_numbers();
    size_t tried = 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (setlocale(LC_NUMERIC, names[i])) {
            tried++;
            check_numbers();
        }
    }
    setlocale(LC_NUMERIC, "C");
    printf("test_locale: checked in C and %zu other locale(s)\n", tried);
}

/* A value_format of `kind` ("auto", "si", ...) with the unit the data was written in. */
static struct value_format fmt_with(const char *kind, const char *prefix, const char *suffix,
                                    char multiplier, int decimals)
{
    struct value_format f;
    csvchart_format_parse(kind, &f, NULL);
    struct number_unit u = {.multiplier = multiplier, .decimals = decimals};
    snprintf(u.prefix, sizeof u.prefix, "%s", prefix);
    snprintf(u.suffix, sizeof u.suffix, "%s", suffix);
    csvchart_format_set_unit(&f, &u);
    return f;
}

/* Writes v[0..n) by plan p and checks each against want[]. */
static void check_planned(const char *what, const struct label_plan *p, const double *v, size_t n,
                          const char *const *want)
{
    for (size_t i = 0; i < n; i++) {
        char buf[64];
        csvchart_format_planned(p, v[i], buf, sizeof buf);
        HARNESS_REPORT(strcmp(buf, want[i]) == 0, "%s: %.17g gave \"%s\", expected \"%s\"", what,
                       v[i], buf, want[i]);
    }
}

/* Writes v[0..n) by one plan and checks each against want[]. */
static void check_plan(const char *what, const struct value_format *f, enum label_role role,
                       const double *v, size_t n, double step, bool computed,
                       const struct label_plan *values, const char *const *want)
{
    struct label_plan p;
    csvchart_format_plan(f, role, v, n, step, computed, values, &p);
    check_planned(what, &p, v, n, want);
}

/* As check_plan(), by csvchart_format_plan_points() (`si`: the figure's values abbreviated). */
static void check_points(const char *what, const struct value_format *f, const double *v, size_t n,
                         bool si, const char *const *want)
{
    struct label_plan p;
    csvchart_format_plan_points(f, v, n, false, si, &p);
    check_planned(what, &p, v, n, want);
}

/* Numbers written together agree (issue 11): one prefix per axis and comparison, shared
 * decimals, three significant digits for computed values, large numbers abbreviated. */
static void test_plans(void)
{
    struct value_format plain = fmt_with("auto", "", "", 0, 0);
    double ticks[] = {0, 250000, 500000, 750000, 1000000};
    const char *tw[] = {"0", "0.25M", "0.5M", "0.75M", "1M"};
    check_plan("one prefix per axis", &plain, LABELS_TICKS, ticks, 5, 250000, false, NULL, tw);

    double big[] = {40000000, 32607156};
    const char *bw[] = {"40.0M", "32.6M"}; /* one decimal for both */
    check_plan("large numbers abbreviated", &plain, LABELS_VALUES, big, 2, 0, false, NULL, bw);

    /* Two significant digits of the smallest: 6.28M and 6.51M do not both read 6M and 7M. */
    double pop[] = {6282221, 6510894, 5062582, 115300000};
    const char *popw[] = {"6.3M", "6.5M", "5.1M", "115.3M"};
    check_plan("the smallest keeps two digits", &plain, LABELS_VALUES, pop, 4, 0, false, NULL,
               popw);

    /* A decimal more while two values 1% apart would read the same ($34K twice) ... */
    struct value_format si_usd = fmt_with("si", "$", "", 0, 0);
    double pay[] = {239200, 33900, 33530, 28240};
    const char *payw[] = {"$239.2K", "$33.9K", "$33.5K", "$28.2K"};
    check_plan("values 1% apart read apart", &si_usd, LABELS_VALUES, pay, 4, 0, false, NULL, payw);
    /* ... but not for values closer than that */
    double near[] = {73790000, 48440000, 48360000, 31730000};
    const char *nearw[] = {"73.8M", "48.4M", "48.4M", "31.7M"};
    check_plan("values within 1% may meet", &plain, LABELS_VALUES, near, 4, 0, false, NULL, nearw);

    /* The two ends of a range (review 9): the end nearer zero keeps its own prefix, never the
     * other's ($120-$1,500, not $0.12K-$1.5K; $15K-$2M, not $0.015M-$2M); the other comes down
     * to it where it reads there ($90K-$140K, not $90K-$0.14M or $0.09M-$0.14M). */
    struct value_format usd0 = fmt_with("auto", "$", "", 0, 0);
    double pay_bands[] = {45000, 62000, 90000, 140000, 1000000, 1000};
    struct label_plan band_plan;
    csvchart_format_plan(&usd0, LABELS_VALUES, pay_bands, 6, 0, false, NULL, &band_plan);
    char lo[64], hi[64];
    csvchart_format_planned_pair(&band_plan, 90000, 140000, lo, sizeof lo, hi, sizeof hi);
    CHECK_STR(lo, "$90K");
    CHECK_STR(hi, "$140K");
    csvchart_format_planned_pair(&band_plan, 45000, 62000, lo, sizeof lo, hi, sizeof hi);
    CHECK_STR(lo, "$45K");
    CHECK_STR(hi, "$62K");
    csvchart_format_planned_pair(&band_plan, 1000, 140000, lo, sizeof lo, hi, sizeof hi);
    CHECK_STR(lo, "$1K");
    CHECK_STR(hi, "$140K");
    /* review 9's dumbbells, one plan for both columns: lows $120 $300 $15K $80K $3M, highs
     * $1500 $4200 $2M $45M $600M (a column mixing multipliers, as number.h's `mixed`) */
    struct value_format mix = fmt_with("auto", "$", "", 0, 0);
    mix.unit.mixed = true;
    double ends[] = {120, 1500, 300, 4200, 15e3, 2e6, 80e3, 45e6, 3e6, 600e6};
    const char *endw[] = {"$120", "$1,500", "$300", "$4,200", "$15K",
                          "$2M",  "$80K",   "$45M", "$3M",    "$600M"};
    struct label_plan range_plan;
    csvchart_format_plan(&mix, LABELS_VALUES, ends, 10, 0, false, NULL, &range_plan);
    for (size_t i = 0; i < 10; i += 2) {
        csvchart_format_planned_pair(&range_plan, ends[i], ends[i + 1], lo, sizeof lo, hi,
                                     sizeof hi);
        CHECK_STR(lo, endw[i]);
        CHECK_STR(hi, endw[i + 1]);
    }
    /* a range below zero: the end farther from zero comes down, whichever end it is */
    csvchart_format_planned_pair(&band_plan, -140000, -90000, lo, sizeof lo, hi, sizeof hi);
    CHECK_STR(lo, M "$140K");
    CHECK_STR(hi, M "$90K");
    /* over a wider span each end its own ($750B beside $1T stays $0.75T: FIGURES.md) */
    struct value_format bn1r = fmt_with("auto", "$", "", 'B', 2);
    double worth_r[] = {750e9, 1e12, 5.6e9, 61.5e9};
    struct label_plan worth_plan;
    csvchart_format_plan(&bn1r, LABELS_VALUES, worth_r, 4, 0, false, NULL, &worth_plan);
    csvchart_format_planned_pair(&worth_plan, 750e9, 1e12, lo, sizeof lo, hi, sizeof hi);
    CHECK_STR(lo, "$0.75T");
    CHECK_STR(hi, "$1.00T");
    csvchart_format_planned_pair(&worth_plan, 5.6e9, 1e12, lo, sizeof lo, hi, sizeof hi);
    CHECK_STR(lo, "$5.6B");
    CHECK_STR(hi, "$1.00T");

    /* Written decimals are not moved into a prefix the value was not written in (review 9:
     * "$2,450.50" read "$2.4505K"): rescaled, it gets three significant digits; a value
     * written at the larger prefix keeps what was written ($1.05M; $182.1B and $0.95B). */
    struct value_format mix3 = fmt_with("auto", "$", "", 0, 3);
    mix3.unit.mixed = true;
    double costs[] = {11.75, 0.125, 2450.5, 1.05e6};
    const char *costw[] = {"$11.75", "$0.125", "$2.45K", "$1.05M"};
    check_plan("written decimals stay in their prefix", &mix3, LABELS_VALUES, costs, 4, 0, false,
               NULL, costw);
    struct value_format mixm = fmt_with("auto", "$", "", 'M', 1);
    mixm.unit.mixed = true;
    double caps[] = {950e6, 182.1e9, 5.6e6};
    const char *capw[] = {"$0.95B", "$182.1B", "$5.6M"};
    check_plan("written at the larger prefix", &mixm, LABELS_VALUES, caps, 3, 0, false, NULL, capw);

    /* Past 1,000T and below a millionth numbers are written as powers of ten, three
     * significant digits: every label of an axis (review 4: 100,000,000T under 1e21), but
     * only the value labels that need it (review 5: 172 written 1.72e2 beside 1e-12). */
    double flop[] = {1e18, 2.345e20, 1e22, 9.999e23, 5e14};
    const char *flopw[] = {"10¹⁸", "2.35×10²⁰", "10²²", "10²⁴", "500T"};
    check_plan("values past 1,000T", &plain, LABELS_VALUES, flop, 5, 0, false, NULL, flopw);
    double flop_decades[] = {1e12, 1e18, 1e21, 1e24};
    const char *decw[] = {"10¹²", "10¹⁸", "10²¹", "10²⁴"};
    check_plan("log ticks past 1,000T", &plain, LABELS_LOG_TICKS, flop_decades, 4, 0, false, NULL,
               decw);
    double lin[] = {0, 5e23, 1e24};
    const char *linw[] = {"0", "5×10²³", "10²⁴"};
    check_plan("linear ticks past 1,000T", &plain, LABELS_TICKS, lin, 3, 5e23, false, NULL, linw);
    struct value_format dec1 = fmt_with("auto", "", "", 0, 1);
    double tiny[] = {1.23e-7, 0.5, -1e-9};
    const char *tinyw[] = {"1.23×10⁻⁷", "0.5", "−10⁻⁹"};
    check_plan("values below a millionth", &dec1, LABELS_VALUES, tiny, 3, 0, false, NULL, tinyw);
    /* ... and all of them when every value is under a thousandth: one notation in a column
     * (review 12: 9×10⁻⁷ beside 0.000015) */
    struct value_format usd6 = fmt_with("auto", "$", "", 0, 8);
    double per_token[] = {1e-7, 1.5e-5, 3e-5, 9e-7};
    const char *ptw[] = {"$10⁻⁷", "$1.5×10⁻⁵", "$3×10⁻⁵", "$9×10⁻⁷"};
    check_plan("all under a thousandth", &usd6, LABELS_VALUES, per_token, 4, 0, false, NULL, ptw);
    double tiny_ticks[] = {1e-9, 1e-3, 1};
    const char *tinyt[] = {"10⁻⁹", "10⁻³", "10⁰"};
    check_plan("log ticks below a millionth", &dec1, LABELS_LOG_TICKS, tiny_ticks, 3, 0, false,
               NULL, tinyt);
    /* A log axis reaching a millionth is written in powers of ten throughout, not
     * "0.000001" under "1T" (review 9); down to 1e-5 (SCALE_LOG_FIXED_LEAST) in digits. */
    double micro_ticks[] = {1e-6, 1e-3, 1, 1e3, 1e12};
    const char *microt[] = {"10⁻⁶", "10⁻³", "10⁰", "10³", "10¹²"};
    check_plan("log ticks at a millionth", &plain, LABELS_LOG_TICKS, micro_ticks, 5, 0, false, NULL,
               microt);
    double fixed_ticks[] = {1e-5, 0.01, 10, 1e4};
    const char *fixedt[] = {"0.00001", "0.01", "10", "10,000"};
    check_plan("log ticks from 1e-5", &plain, LABELS_LOG_TICKS, fixed_ticks, 4, 0, false, NULL,
               fixedt);

    struct value_format dec3 = fmt_with("auto", "", "", 0, 3);
    double means[] = {24.737, 64.73};
    const char *mw[] = {"24.7", "64.7"};
    check_plan("computed: 3 significant digits", &dec3, LABELS_VALUES, means, 2, 0, true, NULL, mw);
    /* Stack totals of values written with one decimal share it across a hundredfold where
     * that is three significant digits of the largest at most ("Net 2%" stood beside "Net
     * 0.1%": graphics desk review); totals of $0.07 and $60 keep their own digits. */
    {
        struct value_format pct1 = fmt_with("auto", "", "%", 0, 1);
        double nets[] = {4.9, 0.1, -1.5, -6.5, 5.1, 2.0, 0.2, 10.2};
        const char *netw[] = {"4.9%",
                              "0.1%",
                              "\xe2\x88\x92"
                              "1.5%",
                              "\xe2\x88\x92"
                              "6.5%",
                              "5.1%",
                              "2.0%",
                              "0.2%",
                              "10.2%"};
        struct label_plan p;
        csvchart_format_plan(&pct1, LABELS_VALUES, nets, 8, 0, true, NULL, &p);
        csvchart_format_plan_exact_sums(&p, 1);
        check_planned("exact sums across a hundredfold", &p, nets, 8, netw);
        struct value_format usd2 = fmt_with("auto", "$", "", 0, 2);
        double prices[] = {60, 0.07};
        const char *pricew[] = {"$60", "$0.07"};
        csvchart_format_plan(&usd2, LABELS_VALUES, prices, 2, 0, true, NULL, &p);
        csvchart_format_plan_exact_sums(&p, 2);
        check_planned("exact sums of $60 and $0.07", &p, prices, 2, pricew);
    }
    /* A log axis beside labels written in full is written in full too ("1,000,000" over a
     * bar of "180,000", not "1M": graphics desk review) */
    {
        double staff[] = {150, 300, 1500, 180000, 60, 700};
        double decades[] = {10, 100, 1000, 10000, 100000, 1000000};
        const char *fullw[] = {"10", "100", "1,000", "10,000", "100,000", "1,000,000"};
        struct value_format counted = fmt_with("auto", "", "", 0, 0);
        struct label_plan values;
        csvchart_format_plan(&counted, LABELS_VALUES, staff, 6, 0, false, NULL, &values);
        check_plan("log ticks beside full labels", &counted, LABELS_LOG_TICKS, decades, 6, 0, false,
                   &values, fullw);
    }
    /* Monthly sums, six months empty (review: "23.150M", "9.871M" and "0.000": the smallest,
     * 0.64M, took three significant digits and the empty months counted as labels that met) */
    struct value_format whole = fmt_with("auto", "", "", 0, 0);
    double months[] = {15650000, 9870500, 0, 23150000, 0, 0, 18300000, 0, 640000, 0, 0, 7700000};
    const char *monthsw[] = {"15.7M", "9.9M", "0",    "23.2M", "0", "0",
                             "18.3M", "0",    "0.6M", "0",     "0", "7.7M"};
    check_plan("monthly sums", &whole, LABELS_VALUES, months, 12, 0, true, NULL, monthsw);
    /* two that would read alike at one decimal still get two: 0.64M and 0.61M */
    double close[] = {23150000, 640000, 610000};
    const char *closew[] = {"23.15M", "0.64M", "0.61M"};
    check_plan("sums apart", &whole, LABELS_VALUES, close, 3, 0, true, NULL, closew);

    struct value_format pct = fmt_with("auto", "", "%", 0, 1);
    double shares[] = {31, 21.4};
    const char *sw[] = {"31.0%", "21.4%"};
    check_plan("a series shares its decimals", &pct, LABELS_VALUES, shares, 2, 0, false, NULL, sw);
    /* Shares of a percent stack: one number of decimals, "59.0%" beside "25.9%" (review 10
     * read "59%" there), none when every share is 10% or more */
    struct value_format share = fmt_with("auto", "", "%", 0, -1);
    const double stack[] = {59.00000001, 25.9362, 0.746, 97, 0};
    const char *stackw[] = {"59.0%", "25.9%", "0.7%", "97.0%", "0%"}; /* zero is "0" */
    const double two[] = {59.2, 40.8};
    const char *bigw[] = {"59%", "41%"};
    for (int k = 0; k < 2; k++) {
        struct label_plan p;
        const double *v = k ? two : stack;
        size_t n = k ? 2 : 5;
        csvchart_format_plan_shares(&share, v, n, &p);
        for (size_t i = 0; i < n; i++) {
            char buf[64];
            csvchart_format_planned(&p, v[i], buf, sizeof buf);
            const char *want = k ? bigw[i] : stackw[i];
            HARNESS_REPORT(strcmp(buf, want) == 0, "shares: %g gave \"%s\", expected \"%s\"", v[i],
                           buf, want);
        }
    }

    /* Growth from almost nothing: a share in the millions is abbreviated like any number. */
    struct value_format pct0 = fmt_with("auto", "", "%", 0, 0);
    double growth[] = {25000000, 3500000};
    const char *gw[] = {"25.0M%", "3.5M%"};
    check_plan("large shares abbreviated", &pct0, LABELS_VALUES, growth, 2, 0, false, NULL, gw);
    double gticks[] = {0, 5e6, 10e6};
    const char *gtw[] = {"0%", "5M%", "10M%"};
    struct value_format cur = fmt_with("currency", "$", "", 'B', 2);
    double budget[] = {210.5e9, 48.9e9};
    const char *budw[] = {"$210.5B", "$48.9B"};
    check_plan("currency abbreviated", &cur, LABELS_VALUES, budget, 2, 0, false, NULL, budw);
    check_plan("large share ticks abbreviated", &pct0, LABELS_TICKS, gticks, 3, 5e6, false, NULL,
               gtw);

    struct value_format usd = fmt_with("auto", "$", "", 0, 2);
    double prices[] = {0.07, 60};
    const char *pw[] = {"$0.07", "$60"};
    check_plan("no zeros a reader does not need across decades", &usd, LABELS_VALUES, prices, 2, 0,
               false, NULL, pw);

    struct value_format bn = fmt_with("auto", "$", "", 'B', 0);
    double plans[] = {1.4e12, 600e9};
    const char *tw2[] = {"$1.4T", "$0.6T"};
    check_plan("one prefix per comparison", &bn, LABELS_VALUES, plans, 2, 0, false, NULL, tw2);

    /* Over a wider range the values that read with one leading zero at the largest one's
     * prefix still take it (a review found "850K" beside "3.4M" in one stack); only a value
     * under a tenth of it takes its own. */
    /* The values at that prefix share their decimals, as one comparison does (review 10 read
     * "1.04M" beside "1.2M" as two precisions); the smaller ones keep their own ("60K"). */
    double votes[] = {3400000, 850000, 1200000, 60000};
    const char *vw[] = {"3.40M", "0.85M", "1.20M", "60K"};
    check_plan("a prefix as far as it reads", &plain, LABELS_VALUES, votes, 4, 0, false, NULL, vw);
    double r3[] = {1040000, 1200000, 45000};
    const char *r3w[] = {"1.04M", "1.20M", "45K"};
    check_plan("decimals shared at the prefix", &plain, LABELS_VALUES, r3, 3, 0, false, NULL, r3w);
    struct value_format bn1 = fmt_with("auto", "$", "", 'B', 1);
    double worth[] = {1e12, 750e9, 5.6e9, 61.5e9};
    const char *ww[] = {"$1.00T", "$0.75T", "$5.6B", "$61.5B"};
    check_plan("never $750B beside $1T", &bn1, LABELS_VALUES, worth, 4, 0, false, NULL, ww);
    double trillion[] = {999.96e9, 1.2e12, 45e9};
    const char *tnw[] = {"$1.0T", "$1.2T", "$45B"};
    struct value_format usd_t = fmt_with("auto", "$", "", 0, 0);
    check_plan("$1.0T beside $1.2T", &usd_t, LABELS_VALUES, trillion, 3, 0, false, NULL, tnw);
    /* ... unless they span a hundredfold there: each its three digits */
    double spread[] = {980e9, 5e9, 1e9, 150e6};
    const char *hundredw[] = {"$980B", "$5B", "$1B", "$0.15B"};
    check_plan("a hundredfold at the prefix", &usd_t, LABELS_VALUES, spread, 4, 0, false, NULL,
               hundredw);

    /* An axis over value labels written in full below a million is written in full too:
     * "1,000,000" over "999,960", not "1M" (review 10); from 10,000,000 it is abbreviated. */
    double full[] = {999960, 950000, 999499};
    struct label_plan full_plan;
    csvchart_format_plan(&plain, LABELS_VALUES, full, 3, 0, false, NULL, &full_plan);
    double fticks[] = {0, 500000, 1000000};
    const char *ftw[] = {"0", "500,000", "1,000,000"};
    check_plan("the axis as the labels", &plain, LABELS_TICKS, fticks, 3, 500000, false, &full_plan,
               ftw);
    double wide_ticks[] = {0, 5000000, 10000000};
    const char *wtw[] = {"0", "5M", "10M"};
    check_plan("a long axis abbreviated", &plain, LABELS_TICKS, wide_ticks, 3, 5000000, false,
               &full_plan, wtw);

    /* an axis beside labels in B speaks in B while its ticks stay under four digits */
    double vals[] = {830e9, 380e9, 183e9};
    struct label_plan vp;
    csvchart_format_plan(&bn, LABELS_VALUES, vals, 3, 0, false, NULL, &vp);
    double axis[] = {0, 200e9, 400e9, 600e9, 800e9, 1e12};
    const char *aw[] = {"$0", "$200B", "$400B", "$600B", "$800B", "$1,000B"};
    check_plan("the axis follows its labels", &bn, LABELS_TICKS, axis, 6, 200e9, false, &vp, aw);

    /* Values all written at one prefix keep it where each reads there, under 10,000 of it
     * (review 12: $605.5M read $0.61B beside $14.1M), and the axis speaks with them; written
     * with two multipliers, or past 10,000 of theirs, the comparison's rules above. */
    struct value_format mn = fmt_with("auto", "$", "", 'M', 1);
    mn.unit.multipliers = 1u << 2;
    double train[] = {2.1e6, 605.5e6, 14.1e6, 1392.3e6, 779.1e6};
    const char *cw[] = {"$2.1M", "$605.5M", "$14.1M", "$1,392.3M", "$779.1M"};
    check_plan("the prefix as written", &mn, LABELS_VALUES, train, 5, 0, false, NULL, cw);
    struct label_plan mp;
    csvchart_format_plan(&mn, LABELS_VALUES, train, 5, 0, false, NULL, &mp);
    double maxis[] = {0, 500e6, 1000e6};
    const char *maw[] = {"$0", "$500M", "$1,000M"};
    check_plan("the axis at the prefix written", &mn, LABELS_TICKS, maxis, 3, 500e6, false, &mp,
               maw);
    struct value_format mb = mn;
    mb.unit.multipliers = 1u << 2 | 1u << 3;
    const char *cbw[] = {"$2.1M", "$0.61B", "$14.1M", "$1.39B", "$0.78B"};
    check_plan("two prefixes written", &mb, LABELS_VALUES, train, 5, 0, false, NULL, cbw);
    double huge[] = {12500e6, 9000e6};
    const char *hw[] = {"$12.5B", "$9.0B"};
    check_plan("past 10,000 of the prefix", &mn, LABELS_VALUES, huge, 2, 0, false, NULL, hw);

    /* An axis is abbreviated from six digits (review 12: 100,000 ... 700,000), not below */
    double k_ticks[] = {0, 100000, 400000, 700000};
    const char *ktw[] = {"0", "100K", "400K", "700K"};
    check_plan("six digits abbreviated", &plain, LABELS_TICKS, k_ticks, 4, 100000, false, NULL,
               ktw);
    double t_ticks[] = {0, 25000, 50000, 75000};
    const char *ttw[] = {"0", "25,000", "50,000", "75,000"};
    check_plan("five digits in full", &plain, LABELS_TICKS, t_ticks, 4, 25000, false, NULL, ttw);

    /* Across decades each value gets three significant digits only when it is shown at a larger
     * prefix than it was written in: the $11.75 of a log chart up to $6.75T keeps its cents
     * (review 8 found "$11.80"), $412,500 reads $413K. */
    struct value_format usd5 = fmt_with("auto", "$", "", 0, 5);
    double span[] = {0.00003, 0.0075, 0.73, 11.75, 999, 412500, 292.5e6, 6.75e12};
    const char *spw[] = {"$0.00003", "$0.0075", "$0.73", "$11.75",
                         "$999",     "$413K",   "$293M", "$6.75T"};
    check_plan("as written where not rescaled", &usd5, LABELS_VALUES, span, 8, 0, false, NULL, spw);
    double sums[] = {11.756, 6.75e12}; /* in cents: 11.8 padded to "$11.80" was a made-up digit */
    const char *sumw[] = {"$11.76", "$6.75T"};
    check_plan("computed values rounded", &usd5, LABELS_VALUES, sums, 2, 0, true, NULL, sumw);

    /* Points labelled along a line are read one at a time: each at its own prefix, abbreviated
     * when the figure's values are (editor review 13: "0.16M" beside "1.19M" in one series,
     * "9,160" in another beside "2.21K"). Where the comparison's plan already writes each at
     * its own prefix, it stands, decimals and all. */
    struct value_format sci3 = fmt_with("auto", "", "", 0, 2);
    double frontier[] = {1.05, 13.7, 139, 2210, 162000, 1190000};
    const char *frw[] = {"1.05", "13.7", "139", "2.21K", "162K", "1.19M"};
    check_points("each point its own prefix", &sci3, frontier, 6, false, frw);
    double open[] = {9160, 9200, 2720, 0.5};
    const char *opw[] = {"9.16K", "9.2K", "2.72K", "0.5"};
    check_points("abbreviated as the figure", &sci3, open, 4, true, opw);
    const char *opfull[] = {"9,160", "9,200", "2,720", "0.5"};
    check_points("in full in a figure of small values", &sci3, open, 4, false, opfull);
    double own[] = {2.1e6, 6.28e6, 115.3e6};
    const char *ownw[] = {"2.1M", "6.3M", "115.3M"};
    check_points("a shared prefix that is each one's own", &plain, own, 3, true, ownw);

    double decades[] = {1e6, 1e9, 1e12, 0.01};
    const char *dw[] = {"$1M", "$1B", "$1T", "$0.01"};
    check_plan("log ticks at their own prefix", &usd, LABELS_LOG_TICKS, decades, 4, 0, false, NULL,
               dw);
}

static void test_ratios(void)
{
    static const struct {
        double pct;
        const char *want;
    } changes[] = {{-57.142857, "\xe2\x88\x92"
                                "57%"},
                   {4.5, "+4.5%"},
                   {120.4, "+120%"},
                   {0, "0%"},
                   {-0.456, "\xe2\x88\x92"
                            "0.46%"}};
    for (size_t i = 0; i < sizeof changes / sizeof changes[0]; i++) {
        char buf[32];
        csvchart_format_change(changes[i].pct, buf, sizeof buf);
        CHECK_STR(buf, changes[i].want);
    }
    static const struct {
        double r;
        const char *want;
        bool words;
    } cases[] = {
        {857.142857, "857", false},
        {5.24, "5.2", false},
        {1.5, "1.5", false},
        {9.97, "10", false},
        {12500, "12,500", false},
        {68421.05, "68,400", false}, /* three significant digits from 1,000 */
        {1089, "1,090", false},
        {999.4, "999", false},
        {999.6, "1,000", false},
        {999400, "999,000", false},
        {2.44e11, "244 billion", true},
        {1e6, "1 million", true},
        {3e12, "3 trillion", true},
        {1.2e15, "1.2 \xc3\x97 10\xc2\xb9\xe2\x81\xb5", true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[64];
        bool words = false;
        csvchart_format_ratio(cases[i].r, buf, sizeof buf, &words);
        HARNESS_REPORT(strcmp(buf, cases[i].want) == 0 && words == cases[i].words,
                       "ratio %g: got \"%s\" (words %d), expected \"%s\"", cases[i].r, buf, words,
                       cases[i].want);
    }
}

int main(void)
{
    RUN(test_values);
    RUN(test_ticks);
    RUN(test_parse_accepts);
    RUN(test_parse_rejects);
    RUN(test_truncation);
    RUN(test_set_unit);
    RUN(test_locale);
    RUN(test_plans);
    RUN(test_ratios);
    return harness_done();
}
