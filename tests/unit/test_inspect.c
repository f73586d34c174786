/*
 * test_inspect.c - csvchart_inspect_file(): the whole report for tests/inspect/NAME.csv must
 * equal tests/inspect/NAME.txt byte for byte (the file named relative to the source folder),
 * and a bad delimiter or a bad file is an error with no report.
 *
 * After a deliberate change of the report's layout, regenerate a reference with
 *     csvchart inspect tests/inspect/NAME.csv > tests/inspect/NAME.txt
 * from the source folder, and read the difference before committing it.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvchart.h"
#include "harness.h"

#ifndef CSVCHART_SOURCE_DIR
#error "CSVCHART_SOURCE_DIR must name the source folder"
#endif

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    char *buf = malloc(65536);
    size_t n = buf ? fread(buf, 1, 65535, f) : 0;
    fclose(f);
    if (buf) {
        buf[n] = '\0';
    }
    return buf;
}

static void test_report(void)
{
    static const char *const names[] = {"sample", "small"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char csv[256], txt[256];
        snprintf(csv, sizeof csv, "tests/inspect/%s.csv", names[i]);
        snprintf(txt, sizeof txt, "tests/inspect/%s.txt", names[i]);
        char *want = slurp(txt);
        CHECK(want != NULL);
        csvchart_error err = {0};
        char *report = NULL;
        CHECK_INT(csvchart_inspect_file(csv, "auto", &report, &err), CSVCHART_OK);
        if (report && want && strcmp(report, want) != 0) {
            fprintf(stderr, "%s differs; got:\n%s", txt, report);
        }
        CHECK(report && want && strcmp(report, want) == 0);
        free(report);
        free(want);
    }
}

static void test_errors(void)
{
    csvchart_error err = {0};
    char *report = (char *)"not reset";
    CHECK_INT(csvchart_inspect_file("tests/inspect/sample.csv", "|", &report, &err),
              CSVCHART_ERROR_VALUE);
    CHECK(report == NULL);
    CHECK_STR(csvchart_error_text(&err), "unknown delimiter \"|\"; expected auto, \",\", \";\" "
                                         "or tab");

    /* An explicit delimiter is used as given. */
    csvchart_error_clear(&err);
    CHECK_INT(csvchart_inspect_file("tests/inspect/small.csv", "tab", &report, &err), CSVCHART_OK);
    CHECK(report && strstr(report, "delimiter  tab\n") != NULL);
    free(report);

    csvchart_error_clear(&err);
    CHECK_INT(csvchart_inspect_file("tests/bad/ragged_row.csv", "auto", &report, &err),
              CSVCHART_ERROR_DATA);
    CHECK(report == NULL);
}

int main(void)
{
    if (chdir(CSVCHART_SOURCE_DIR) != 0) {
        fprintf(stderr, "cannot enter %s\n", CSVCHART_SOURCE_DIR);
        return 1;
    }
    RUN(test_report);
    RUN(test_errors);
    return harness_done();
}
