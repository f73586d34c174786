/*
 * test_annotation.c - option text of rules, bands, notes, domains and ticks (annotation.c):
 * items split at ";" outside quotes, numbers as the data writes them, errors that name the
 * item.
 */
#include <stdlib.h>

#include "annotation.h"
#include "harness.h"

static void test_rules(void)
{
    struct ref_mark *r;
    size_t n;
    csvchart_error err = {0};
    CHECK_INT(
        csvchart_parse_refs("rule", "0.5 Average; $1.2M Target \"A; B\"", false, &r, &n, &err),
        CSVCHART_OK);
    CHECK_INT(n, 2);
    CHECK_DBL(r[0].lo, 0.5, 0);
    CHECK_STR(r[0].label, "Average");
    CHECK_DBL(r[1].lo, 1.2e6, 0);
    CHECK_DBL(r[1].hi, 1.2e6, 0);
    CHECK_STR(r[1].label, "Target \"A; B\"");
    csvchart_refs_free(r, n);

    CHECK_INT(csvchart_parse_refs("rule", "50%", false, &r, &n, &err), CSVCHART_OK);
    CHECK_INT(n, 1);
    CHECK_STR(r[0].label, "");
    csvchart_refs_free(r, n);

    CHECK_INT(csvchart_parse_refs("rule", "", false, &r, &n, &err), CSVCHART_OK);
    CHECK_INT(n, 0);
    CHECK_INT(csvchart_parse_refs("rule", "10 A;", false, &r, &n, &err), CSVCHART_OK);
    CHECK_INT(n, 1); /* a trailing ; is no item */
    csvchart_refs_free(r, n);
    /* only separators: a list meant to be filled, refused (review 4: ";;;" drew nothing) */
    CHECK_INT(csvchart_parse_refs("rule", " ;; ", false, &r, &n, &err), CSVCHART_ERROR_VALUE);
    CHECK_STR(err.message, "rule: \" ;; \" holds no item; write items separated by ;, or "
                           "nothing for none");
    csvchart_error_clear(&err);

    CHECK_INT(csvchart_parse_refs("rule", "0.5 Average; Target 3", false, &r, &n, &err),
              CSVCHART_ERROR_VALUE);
    CHECK_STR(err.message, "rule: item 2 \"Target 3\" does not start with a number; expected "
                           "e.g. 0.5 Average");
    CHECK(r == NULL);
}

static void test_bands(void)
{
    struct ref_mark *r;
    size_t n;
    csvchart_error err = {0};
    CHECK_INT(csvchart_parse_refs("band", "10,20 Target range", true, &r, &n, &err), CSVCHART_OK);
    CHECK_INT(n, 1);
    CHECK_DBL(r[0].lo, 10, 0);
    CHECK_DBL(r[0].hi, 20, 0);
    CHECK_STR(r[0].label, "Target range");
    csvchart_refs_free(r, n);
    CHECK_INT(csvchart_parse_refs("band", "20,10 Backwards", true, &r, &n, &err),
              CSVCHART_ERROR_VALUE);
    CHECK_STR(err.message,
              "band: item 1 \"20,10 Backwards\" ends before it starts; write LOW,HIGH");
    csvchart_error_clear(&err);
    CHECK_INT(csvchart_parse_refs("band", "10 Alone", true, &r, &n, &err), CSVCHART_ERROR_VALUE);
    csvchart_error_clear(&err);

    /* The numbers as written and whether a multiplier was, for the message that says "-5,5"
     * on an axis of B was meant as -5B,5B (layout.c, csvchart_layout_refs_visible()). */
    CHECK_INT(
        csvchart_parse_refs("band", "-5,5 Within; $1B,$2.5B Big; 1,2K Mixed", true, &r, &n, &err),
        CSVCHART_OK);
    CHECK_INT(n, 3);
    CHECK_STR(r[0].written[0], "-5");
    CHECK_STR(r[0].written[1], "5");
    CHECK(!r[0].multiplied);
    CHECK_STR(r[1].written[0], "$1B");
    CHECK_STR(r[1].written[1], "$2.5B");
    CHECK(r[1].multiplied);
    CHECK(r[2].multiplied);
    csvchart_refs_free(r, n);
    CHECK_INT(csvchart_parse_refs("rule", "10 Target; 1.2M Goal", false, &r, &n, &err),
              CSVCHART_OK);
    CHECK_STR(r[0].written[0], "10");
    CHECK(!r[0].multiplied);
    CHECK_STR(r[1].written[0], "1.2M");
    CHECK(r[1].multiplied);
    csvchart_refs_free(r, n);
}

static void test_notes(void)
{
    struct note_mark *m;
    size_t n;
    csvchart_error err = {0};
    CHECK_INT(csvchart_parse_notes("annotate",
                                   "\"OpenAI o1\": Most expensive; \"A: B\": colon inside; C:x", &m,
                                   &n, &err),
              CSVCHART_OK);
    CHECK_INT(n, 3);
    CHECK_STR(m[0].category, "OpenAI o1");
    CHECK_STR(m[0].text, "Most expensive");
    CHECK_STR(m[1].category, "A: B");
    CHECK_STR(m[2].category, "C");
    CHECK_STR(m[2].text, "x");
    csvchart_notes_free(m, n);
    CHECK_INT(csvchart_parse_notes("annotate", "no colon here", &m, &n, &err),
              CSVCHART_ERROR_VALUE);
    CHECK(strstr(err.message, "has no category; expected CATEGORY: TEXT") != NULL);
    csvchart_error_clear(&err);
    CHECK_INT(csvchart_parse_notes("annotate", "A:   ", &m, &n, &err), CSVCHART_ERROR_VALUE);
    CHECK(strstr(err.message, "has no text after the ':'") != NULL);
}

static void test_numbers(void)
{
    double *v;
    size_t n;
    csvchart_error err = {0};
    CHECK_INT(csvchart_parse_numbers("ticks", "0, 25,50,75 ,$100", 0, &v, &n, &err), CSVCHART_OK);
    CHECK_INT(n, 5);
    CHECK_DBL(v[4], 100, 0);
    free(v);
    CHECK_INT(csvchart_parse_numbers("domain", "0,1B", 2, &v, &n, &err), CSVCHART_OK);
    CHECK_DBL(v[1], 1e9, 0);
    free(v);
    CHECK_INT(csvchart_parse_numbers("domain", "0,50,100", 2, &v, &n, &err), CSVCHART_ERROR_VALUE);
    CHECK_STR(err.message, "domain: 3 numbers; expected 2, e.g. 0,100");
    csvchart_error_clear(&err);
    CHECK_INT(csvchart_parse_numbers("ticks", "0,50,25", 0, &v, &n, &err), CSVCHART_ERROR_VALUE);
    CHECK_STR(err.message, "ticks: the numbers must rise; 25 comes after a larger or equal one");
    csvchart_error_clear(&err);
    CHECK_INT(csvchart_parse_numbers("ticks", "0,abc", 0, &v, &n, &err), CSVCHART_ERROR_VALUE);
}

/* Markers: DATE LABEL, and spans START..END LABEL (the start read whole, no earlier end). */
static void test_dated(void)
{
    struct dated_mark *m;
    size_t n;
    csvchart_error err = {0};
    CHECK_INT(csvchart_parse_dated("marker",
                                   "2026-01-15 Policy shift; 2020-02..2020-04 Recession; "
                                   "Feb 2020 .. Apr 2021 Long one; 2020-01 Wait.. what",
                                   NULL, &m, &n, &err),
              CSVCHART_OK);
    CHECK_INT(n, 4);
    CHECK(!m[0].span);
    CHECK_STR(m[0].label, "Policy shift");
    CHECK(m[1].span);
    CHECK_INT(m[1].date.year, 2020);
    CHECK_INT(m[1].date.month, 2);
    CHECK_INT(m[1].end.month, 4);
    CHECK_STR(m[1].label, "Recession");
    CHECK(m[2].span);
    CHECK_INT(m[2].end.year, 2021);
    CHECK_STR(m[2].label, "Long one");
    CHECK(!m[3].span); /* "2020-01 Wait" is no date: a label with ".." in it */
    CHECK_STR(m[3].label, "Wait.. what");
    csvchart_dated_free(m, n);

    CHECK_INT(csvchart_parse_dated("marker", "2020-04..2020-02 Backwards", NULL, &m, &n, &err),
              CSVCHART_ERROR_VALUE);
    CHECK_STR(err.message, "marker: item 1 \"2020-04..2020-02 Backwards\" ends before it starts");
    err = (csvchart_error){0};
    CHECK_INT(csvchart_parse_dated("marker", "2020-04..soon Open", NULL, &m, &n, &err),
              CSVCHART_ERROR_VALUE);
    CHECK_STR(err.message, "marker: item 1 \"2020-04..soon Open\" does not start with a date; "
                           "expected DATE LABEL, e.g. 2026-01-15 Policy shift, or START..END "
                           "LABEL, e.g. 2020-02..2020-04 Recession");
}

int main(void)
{
    RUN(test_rules);
    RUN(test_bands);
    RUN(test_notes);
    RUN(test_numbers);
    RUN(test_dated);
    return harness_done();
}
