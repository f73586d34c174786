/*
 * test_options.c - the option table: order, lookup with '-' or '_', suggestions, value checks,
 * lists and colours; and csvchart_set() through a figure.
 */
#include <stdlib.h>

#include "harness.h"
#include "options.h"
#include "spec.h"

static void test_table_sorted(void)
{
    for (size_t i = 1; i < OPT_COUNT; i++) {
        HARNESS_REPORT(strcmp(csvchart_option_def(i - 1)->name, csvchart_option_def(i)->name) < 0,
                       "option table out of order at %s", csvchart_option_def(i)->name);
    }
    for (size_t i = 0; i < OPT_COUNT; i++) {
        const struct option_def *d = csvchart_option_def(i);
        CHECK(d->help && *d->help);
        CHECK(d->kinds != 0);
        /* every default passes its own check */
        if (*d->def) {
            csvchart_error err = {0};
            HARNESS_REPORT(csvchart_option_check(i, d->def, NULL, 0, &err) == CSVCHART_OK,
                           "default of %s fails: %s", d->name, err.message);
        }
    }
}

static void test_lookup(void)
{
    CHECK_INT(csvchart_option_lookup("value_format"), OPT_VALUE_FORMAT);
    CHECK_INT(csvchart_option_lookup("value-format"), OPT_VALUE_FORMAT);
    CHECK_INT(csvchart_option_lookup("title"), OPT_TITLE);
    CHECK_INT(csvchart_option_lookup("Title"), OPT_COUNT);
    CHECK_INT(csvchart_option_lookup("nope"), OPT_COUNT);
    CHECK_INT(csvchart_option_find("png-compression"), OPT_PNG_COMPRESSION);
    CHECK_STR(csvchart_option_suggest("titel"), "title");
    CHECK_STR(csvchart_option_suggest("horiz"), "horizontal");
    CHECK_STR(csvchart_option_suggest("valueformat"), "value_format");
    CHECK_STR(csvchart_option_suggest("pallete"), "palette");
    CHECK(csvchart_option_suggest("zzzzzzzz") == NULL);
    CHECK(csvchart_option_applies(OPT_STACK, "bar"));
    CHECK(!csvchart_option_applies(OPT_STACK, "pie"));
    /* every kind reads dates with date_format, as with decimal and locale */
    CHECK(csvchart_option_applies(OPT_DATE_FORMAT, "timeline"));
    CHECK(csvchart_option_applies(OPT_DATE_FORMAT, "trend"));
    CHECK(csvchart_option_applies(OPT_DATE_FORMAT, "bar"));
}

static void test_values(void)
{
    static const struct {
        enum option_id id;
        const char *value;
        bool ok;
    } cases[] = {
        {OPT_STACK, "true", true},
        {OPT_STACK, "off", true},
        {OPT_STACK, "maybe", false},
        {OPT_LABELS, "auto", true},
        {OPT_SCALE, "2", true},
        {OPT_SCALE, "0.25", true},
        {OPT_SCALE, "0.2", false},
        {OPT_SCALE, "8.5", false},
        {OPT_SCALE, "2x", false},
        {OPT_SCALE, "nan", false},
        {OPT_SIZE, "article", true},
        {OPT_SIZE, "800x600", true},
        {OPT_SIZE, "800x600px", true}, /* the unit said */
        {OPT_SIZE, "800x600pt", false},
        {OPT_SIZE, "800x600p", false},
        {OPT_SIZE, "800x", false},
        {OPT_SIZE, "0x600", false},
        {OPT_SIZE, "-5x6", false},
        {OPT_SIZE, "huge", false},
        {OPT_THEME, "dark", true},
        {OPT_THEME, "Dark", false},
        {OPT_DELIMITER, "tab", true},
        {OPT_DELIMITER, ";", true},
        {OPT_DELIMITER, "|", false},
        {OPT_PALETTE, "tableau10", true},
        {OPT_PALETTE, "#fff,#000000", true},
        {OPT_PALETTE, "#ff000080", true},
        {OPT_PALETTE, "#12345", false},
        {OPT_PALETTE, "red", false},
        {OPT_PALETTE, "", false},
        {OPT_VALUE_FORMAT, "$%.2f", true},
        {OPT_VALUE_FORMAT, "%s", false},
        {OPT_VALUE_FORMAT, "si", true},
        {OPT_Y, "a, \"b, c\"", true},
        {OPT_Y, "\"unterminated", false},
        {OPT_DPI, "300", true},
        {OPT_DPI, "0", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        csvchart_error err = {0};
        csvchart_status st = csvchart_option_check(cases[i].id, cases[i].value, "f.ini", 7, &err);
        HARNESS_REPORT((st == CSVCHART_OK) == cases[i].ok, "%s = \"%s\": got %s",
                       csvchart_option_def(cases[i].id)->name, cases[i].value,
                       st ? err.message : "ok");
        if (st) {
            CHECK_STR(err.file, "f.ini");
            CHECK_INT(err.line, 7);
            CHECK(strncmp(err.message, csvchart_option_def(cases[i].id)->name,
                          strlen(csvchart_option_def(cases[i].id)->name)) == 0);
        }
    }
}

/* Issue 10: text that no output can hold is refused where it enters, for every option type,
 * with the option's name, the byte, and the INI file and line when there is one. */
static void test_text_validity(void)
{
    static const struct {
        enum option_id id;
        const char *value;
        const char *message; /* NULL: accepted */
    } cases[] = {
        {OPT_TITLE, "Prices\xff", "title: invalid UTF-8 byte 0xff at byte 7"},
        {OPT_TITLE, "ab\xe2\x82", "title: invalid UTF-8 byte 0xe2 at byte 3"},
        {OPT_TITLE, "\xc0\xaf", "title: invalid UTF-8 byte 0xc0 at byte 1"},         // overlong
        {OPT_TITLE, "\xed\xa0\x80", "title: invalid UTF-8 byte 0xed at byte 1"},     // surrogate
        {OPT_TITLE, "\xf4\x90\x80\x80", "title: invalid UTF-8 byte 0xf4 at byte 1"}, // > 10FFFF
        {OPT_SUBTITLE, "a\xef\xbf\xbf",
         "subtitle: U+FFFF at byte 2 is not a character (a Unicode noncharacter, which SVG or PDF "
         "cannot hold); expected text"},
        {OPT_NOTE, "\xef\xbf\xbe",
         "note: U+FFFE at byte 1 is not a character (a Unicode "
         "noncharacter, which SVG or PDF cannot hold); expected text"},
        {OPT_TITLE, "a\xef\xb7\x90",
         "title: U+FDD0 at byte 2 is not a character (a Unicode "
         "noncharacter, which SVG or PDF cannot hold); expected text"},
        {OPT_TITLE, "\xf4\x8f\xbf\xbf",
         "title: U+10FFFF at byte 1 is not a character (a "
         "Unicode noncharacter, which SVG or PDF cannot hold); "
         "expected text"},
        {OPT_SOURCE, "a\x1b[1m",
         "source: control character 0x1b at byte 2; expected text (tab and newline are the "
         "only control characters allowed)"},
        {OPT_TITLE, "a\rb",
         "title: control character 0x0d at byte 2; expected text (tab and newline are the only "
         "control characters allowed)"},
        {OPT_X, "na\xffme", "x: invalid UTF-8 byte 0xff at byte 3"},
        {OPT_Y, "a,\xff", "y: invalid UTF-8 byte 0xff at byte 3"},
        {OPT_SORT, "\xff", "sort: invalid UTF-8 byte 0xff at byte 1"},
        {OPT_STACK, "\x01",
         "stack: control character 0x01 at byte 1; expected text (tab and "
         "newline are the only control characters allowed)"},
        {OPT_HIGHLIGHT, "A\xfe", "highlight: invalid UTF-8 byte 0xfe at byte 2"},
        {OPT_RATIO_LABEL, "{ratio}\xff", "ratio_label: invalid UTF-8 byte 0xff at byte 8"},
        {OPT_TITLE, "Line one\nline two\twith a tab", NULL},
        {OPT_TITLE,
         "\xe6\xb7\xb1\xe5\xba\xa6 \xf0\x9f\x98\x80 \xef\xbf\xbd \xf4\x8f\xbf\xbd \xc2\x85\x7f",
         NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        csvchart_error err = {0};
        csvchart_status st = csvchart_option_check(cases[i].id, cases[i].value, "f.ini", 7, &err);
        if (!cases[i].message) {
            HARNESS_REPORT(st == CSVCHART_OK, "case %zu refused: %s", i, err.message);
            continue;
        }
        CHECK_INT(st, CSVCHART_ERROR_VALUE);
        CHECK_STR(err.message, cases[i].message);
        CHECK_STR(err.file, "f.ini");
        CHECK_INT(err.line, 7);
    }
    /* Through the API: csvchart_set names the option, csvchart_set_at the INI line. */
    csvchart_error err = {0};
    csvchart_figure *fig = csvchart_figure_new("bar", &err);
    CHECK_INT(csvchart_set(fig, "title", "abcd\xff", &err), CSVCHART_ERROR_VALUE);
    CHECK_STR(csvchart_error_text(&err), "title: invalid UTF-8 byte 0xff at byte 5");
    csvchart_error_clear(&err);
    CHECK_INT(csvchart_set_at(fig, "title", "\xef\xbf\xbf", "figs.ini", 12, &err),
              CSVCHART_ERROR_VALUE);
    CHECK_STR(csvchart_error_text(&err), "figs.ini:12: title: U+FFFF at byte 1 is not a "
                                         "character (a Unicode noncharacter, which SVG or "
                                         "PDF cannot hold); expected text");
    csvchart_figure_free(fig);
}

static void test_lists(void)
{
    char *items[4];
    size_t n = csvchart_split_list(" a , \"b, c\" ,\"say \"\"hi\"\"\"", items, 4);
    CHECK_INT(n, 3);
    CHECK_STR(items[0], "a");
    CHECK_STR(items[1], "b, c");
    CHECK_STR(items[2], "say \"hi\"");
    for (size_t i = 0; i < n; i++) {
        free(items[i]);
    }
    unsigned long c;
    CHECK(csvchart_parse_color("#0072B2", 7, &c) && c == 0x0072B2FFul);
    CHECK(csvchart_parse_color("#fff", 4, &c) && c == 0xFFFFFFFFul);
    CHECK(csvchart_parse_color("#00000080", 9, &c) && c == 0x00000080ul);
    CHECK(!csvchart_parse_color("0072B2", 6, &c));
    CHECK(!csvchart_parse_color("#0072G2", 7, &c));
}

/* A choice near one of the list is named (review 6: --stack=perc got no "did you mean"). */
static void test_choice_hint(void)
{
    static const struct {
        enum option_id id;
        const char *value, *message;
    } cases[] = {
        {OPT_STACK, "perc",
         "stack: \"perc\" is not one of true|false|percent; did you mean \"percent\"?"},
        {OPT_SORT, "descending",
         "sort: \"descending\" is not one of none|asc|desc; did you mean \"desc\"?"},
        {OPT_SORT, "DESC", "sort: \"DESC\" is not one of none|asc|desc; did you mean \"desc\"?"},
        {OPT_SORT, "sideways", "sort: \"sideways\" is not one of none|asc|desc"},
        {OPT_MARK, "lin", "mark: \"lin\" is not one of auto|bar|dot|lollipop|line|line+dot"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        csvchart_error err = {0};
        CHECK(csvchart_option_check(cases[i].id, cases[i].value, NULL, 0, &err) != CSVCHART_OK);
        CHECK_STR(err.message, cases[i].message);
    }
}

static void test_spec(void)
{
    struct option_values vals = {0};
    csvchart_error err = {0};
    CHECK_INT(csvchart_option_values_set(&vals, OPT_SIZE, "slide", NULL, 0, &err), 0);
    CHECK_INT(csvchart_option_values_set(&vals, OPT_Y, "raised, valuation", NULL, 0, &err), 0);
    CHECK_INT(csvchart_option_values_set(&vals, OPT_SCALE, "2", NULL, 0, &err), 0);
    CHECK_INT(csvchart_option_values_set(&vals, OPT_DELIMITER, "tab", NULL, 0, &err), 0);
    struct spec s;
    CHECK_INT(csvchart_spec_bind(&vals, KIND_BAR, &s, &err), 0);
    CHECK_DBL(s.width, 1920, 0);
    CHECK_DBL(s.height, 1080, 0);
    CHECK_DBL(s.render.dpi, 192, 0); /* 96 x scale */
    CHECK_INT(s.delimiter, '\t');
    CHECK_INT(s.ny, 2);
    CHECK_STR(s.y[1], "valuation");
    CHECK_INT(s.horizontal, TRI_AUTO);
    CHECK_STR(s.font, "Inter");
    CHECK_INT(s.theme.palette[0], 0x0072B2FF);
    csvchart_spec_fini(&s);
    csvchart_option_values_fini(&vals);
}

int main(void)
{
    RUN(test_table_sorted);
    RUN(test_lookup);
    RUN(test_values);
    RUN(test_text_validity);
    RUN(test_lists);
    RUN(test_choice_hint);
    RUN(test_spec);
    return harness_done();
}
