/*
 * test_spec.c - binding option text to a typed spec (spec.c): every word of every choice
 * option stands for a value, found by name; a house theme's font, palette and byline are
 * defaults the figure's own options override; markers read with the data's date syntax;
 * errors of a bad locale or marker name where the option was set.
 */
#include <stdio.h>
#include <string.h>

#include "fixtures.h"
#include "harness.h"
#include "spec.h"

/* Every word of a choice option the spec reads maps to a value, and no table word is stale. */
static void test_choices_by_name(void)
{
    size_t tables = 0;
    for (size_t id = 0; id < OPT_COUNT; id++) {
        const struct option_def *d = csvchart_option_def((enum option_id)id);
        if (d->type != OPTION_CHOICE || csvchart_spec_choice((enum option_id)id, d->def) < 0) {
            continue; /* read another way (theme, delimiter) */
        }
        tables++;
        char words[256];
        snprintf(words, sizeof words, "%s", d->choices);
        for (char *w = strtok(words, "|"); w; w = strtok(NULL, "|")) {
            HARNESS_REPORT(csvchart_spec_choice((enum option_id)id, w) >= 0,
                           "%s: \"%s\" stands for nothing", d->name, w);
        }
        CHECK_INT(csvchart_spec_choice((enum option_id)id, "no-such-word"), -1);
    }
    CHECK(tables >= 15);
    CHECK_INT(csvchart_spec_choice(OPT_AGGREGATE, "count"), AGG_COUNT);
    CHECK_INT(csvchart_spec_choice(OPT_BIN, "quarter"), BIN_QUARTER);
    CHECK_INT(csvchart_spec_choice(OPT_MARK, "line+dot"), MARK_LINE_DOT);
    CHECK_INT(csvchart_spec_choice(OPT_TITLE, "x"), -1);
}

static void bind(const char *const *opts, unsigned kind, struct spec *s, csvchart_error *err)
{
    struct option_values vals;
    fixture_spec(opts, kind, &vals, s, err);
    /* the strings a spec borrows live in vals: the tests read them before this returns */
    static struct option_values keep[8];
    static size_t next;
    csvchart_option_values_fini(&keep[next % 8]);
    keep[next++ % 8] = vals;
}

static void test_house_defaults(void)
{
    FILE *f = fopen("spec-house.ini", "wb");
    fputs("font = DejaVu Serif\npalette = #123456, #654321\nbyline = Chart: House\n", f);
    fclose(f);
    struct spec s;
    csvchart_error err = {0};
    const char *house[] = {"theme", "spec-house.ini", NULL};
    bind(house, KIND_BAR, &s, &err);
    CHECK_INT(err.status, CSVCHART_OK);
    CHECK_STR(s.font, "DejaVu Serif");
    CHECK_STR(s.byline, "Chart: House");
    CHECK_INT(s.theme.npalette, 2);
    csvchart_spec_fini(&s);
    const char *own[] = {"theme", "spec-house.ini", "font",  "Inter", "byline",
                         "Mine",  "palette",        "dark2", NULL};
    bind(own, KIND_BAR, &s, &err);
    CHECK_STR(s.font, "Inter");
    CHECK_STR(s.byline, "Mine");
    CHECK_INT(s.theme.npalette, 8);
    csvchart_spec_fini(&s);
    remove("spec-house.ini");
    const char *missing[] = {"theme", "no-such-house.ini", NULL};
    err = (csvchart_error){0};
    bind(missing, KIND_BAR, &s, &err);
    CHECK_INT(err.status, CSVCHART_ERROR_IO);
    CHECK_STR(err.file, "no-such-house.ini");
}

static void test_markers_and_dates(void)
{
    struct spec s;
    csvchart_error err = {0};
    const char *opts[] = {"date_format", "dd/mm/yyyy", "marker", "15/01/2026 Vote; 02/2026 Later",
                          NULL};
    bind(opts, KIND_TIMELINE, &s, &err);
    CHECK_INT(err.status, CSVCHART_OK);
    CHECK_INT(s.nmarkers, 2);
    if (s.nmarkers == 2) {
        CHECK_INT(s.markers[0].date.month, 1);
        CHECK_INT(s.markers[0].date.day, 15);
        CHECK_STR(s.markers[0].label, "Vote");
        CHECK_INT(s.markers[1].date.precision, DATE_MONTH);
    }
    CHECK_INT(s.dates.order, DATE_ORDER_DMY);
    CHECK_INT(s.dates.sep, '/');
    csvchart_spec_fini(&s);
    const char *bad[] = {"marker", "Vote on 15 January", NULL};
    err = (csvchart_error){0};
    bind(bad, KIND_TIMELINE, &s, &err);
    CHECK_INT(err.status, CSVCHART_ERROR_VALUE);
}

int main(void)
{
    RUN(test_choices_by_name);
    RUN(test_house_defaults);
    RUN(test_markers_and_dates);
    return harness_done();
}
