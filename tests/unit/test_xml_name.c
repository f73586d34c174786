/*
 * test_xml_name.c - XML names (xml_name.c) and the id_prefix option that must be one: SVG ids
 * are "<id_prefix>csvchart-...", and aria-describedby is a space-separated list of them, so
 * "a b" broke it.
 */
#include "harness.h"
#include "options.h"
#include "xml_name.h"

static void test_ncname(void)
{
    static const struct {
        const char *s;
        bool ok;
    } cases[] = {
        {"a", true},
        {"_", true},
        {"chart-1.", true},
        {"A_b-c.d9", true},
        {"é", true},
        {"日本", true},
        {"a\xC2\xB7", true},
        {"x\xCC\x80", true},
        {"", false},
        {"a b", false},
        {"1a", false},
        {"-a", false},
        {".a", false},
        {"a:b", false},
        {"a\"b", false},
        {"a<b", false},
        {"a#b", false},
        {"a\tb", false},
        {"\xC2\xB7", false},
        {"\xCC\x80x", false},
        {"a\xFF", false},
        {"a\xC3", false},
        {"\xC3\x97", false},
        {"a\xE2\x80\x80", false},
        {"a\xEF\xBF\xBE", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        HARNESS_REPORT(csvchart_xml_is_ncname(cases[i].s, strlen(cases[i].s)) == cases[i].ok,
                       "\"%s\": expected %s", cases[i].s, cases[i].ok ? "a name" : "no name");
    }
}

static void test_id_prefix(void)
{
    csvchart_error err = {0};
    CHECK_INT(csvchart_option_check(OPT_ID_PREFIX, "", NULL, 0, &err), CSVCHART_OK);
    CHECK_INT(csvchart_option_check(OPT_ID_PREFIX, "fig-1_", NULL, 0, &err), CSVCHART_OK);
    CHECK_INT(csvchart_option_check(OPT_ID_PREFIX, "a b", "f.ini", 3, &err), CSVCHART_ERROR_VALUE);
    CHECK_STR(err.message, "id_prefix: \"a b\" is not an XML name; expected letters, digits, _, "
                           "- and ., starting with a letter or _");
    CHECK_INT(err.line, 3);
    csvchart_error_clear(&err);
    CHECK_INT(csvchart_option_check(OPT_ID_PREFIX, "2fig", NULL, 0, &err), CSVCHART_ERROR_VALUE);
}

int main(void)
{
    RUN(test_ncname);
    RUN(test_id_prefix);
    return harness_done();
}
