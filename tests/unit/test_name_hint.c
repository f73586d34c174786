/*
 * test_name_hint.c - what a refused name could have been (name_hint.c): the near match, the
 * names written whole, and how many more there are (review 3: the list was cut inside a name,
 * "Police and sheriff's patrol offic, ...", with no word of "Registered nurses" for "Nurses").
 */
#include <string.h>

#include "harness.h"
#include "name_hint.h"

static const char *const JOBS[] = {"Software developers", "Registered nurses", "Electricians",
                                   "Lawyers", "Police and sheriff's patrol officers"};

static const char *job_at(const void *ctx, size_t i)
{
    return ((const char *const *)ctx)[i];
}

static void hint(const char *wanted, size_t cap, const char *want)
{
    char buf[512];
    csvchart_name_hint(wanted, "categories", job_at, JOBS, 5, buf, cap);
    HARNESS_REPORT(strcmp(buf, want) == 0, "%s: got '%s', expected '%s'", wanted, buf, want);
}

static void test_near(void)
{
    const char *list = "the categories are \"Software developers\", \"Registered nurses\", "
                       "\"Electricians\", \"Lawyers\", \"Police and sheriff's patrol officers\"";
    char want[512];
    snprintf(want, sizeof want, "did you mean \"Registered nurses\"? %s", list);
    hint("Nurses", sizeof want, want); /* held by a name, case aside */
    snprintf(want, sizeof want, "did you mean \"Electricians\"? %s", list);
    hint("Electricans", sizeof want, want); /* a slip */
    snprintf(want, sizeof want, "did you mean \"Lawyers\"? %s", list);
    hint("lawyers", sizeof want, want); /* case */
    hint("Zebra", sizeof want, list);   /* nothing near */
    hint("s", sizeof want, list);       /* too short to be held meaningfully */
}

static void test_whole_names(void)
{
    /* Room for three names: the rest counted, none cut. */
    hint("Zebra", 110,
         "the categories are \"Software developers\", \"Registered nurses\", \"Electricians\" "
         "and 2 more");
}

/* Review 5: --highlight "Travis County, Texas" is a list of two names; the refusal only
 * suggested the name, not the quotes that keep it whole. */
static void test_split_name(void)
{
    static const char *const COUNTIES[] = {"Harris County, Texas", "Travis County,Texas", "Cook"};
    char buf[512];
    CHECK(csvchart_name_split("highlight", "Harris County", "Texas", job_at, COUNTIES, 3, buf,
                              sizeof buf));
    CHECK_STR(buf, "highlight: \"Harris County\" and \"Texas\" are one name, \"Harris County, "
                   "Texas\", split at its comma; write it in double quotes (on the command "
                   "line: '\"Harris County, Texas\"')");
    CHECK(csvchart_name_split("highlight", "Travis County", "Texas", job_at, COUNTIES, 3, buf,
                              sizeof buf)); /* no space after the comma */
    CHECK(!csvchart_name_split("highlight", "Cook", "Texas", job_at, COUNTIES, 3, buf, sizeof buf));
    CHECK(!csvchart_name_split("highlight", "Harris County", NULL, job_at, COUNTIES, 3, buf,
                               sizeof buf));
}

int main(void)
{
    RUN(test_near);
    RUN(test_whole_names);
    RUN(test_split_name);
    return harness_done();
}
