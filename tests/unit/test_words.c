/*
 * test_words.c - the words csvchart writes into a figure, per language (words.c), and the
 * ratios written with them (format.c: csvchart_format_ratio_times_in()) and a trend's rate in
 * words (trend_fit.c: csvchart_trend_text_in()).
 *
 * The locales are made here, not read from glibc (only their name, decimal mark and grouping
 * matter), so the test runs without locales-all.
 */
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "harness.h"
#include "locale_data.h"
#include "trend_fit.h"
#include "words.h"

#define NB "\xc2\xa0" /* U+00A0 */

static struct csvchart_locale make(const char *name, const char *decimal, const char *group)
{
    struct csvchart_locale loc;
    memset(&loc, 0, sizeof loc);
    snprintf(loc.name, sizeof loc.name, "%s", name);
    snprintf(loc.decimal, sizeof loc.decimal, "%s", decimal);
    snprintf(loc.group, sizeof loc.group, "%s", group);
    loc.grouping[0] = 3;
    return loc;
}

static void test_choice(void)
{
    static const struct {
        const char *name, *lang;
    } cases[] = {{"de_DE.UTF-8", "de"},    {"de_AT.UTF-8", "de"},  {"fr_CA.UTF-8", "fr"},
                 {"es_MX.UTF-8", "es"},    {"it_IT.UTF-8", "it"},  {"pt_BR.UTF-8", "pt"},
                 {"pt_PT.UTF-8", "pt_PT"}, {"nl_BE.UTF-8", "nl"},  {"sv_SE.UTF-8", "en"},
                 {"ja_JP.UTF-8", "en"},    {"dsb_DE.UTF-8", "en"}, {"en_GB.UTF-8", "en"}};
    CHECK_STR(csvchart_words_get(NULL)->lang, "en");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct csvchart_locale loc = make(cases[i].name, ".", ",");
        HARNESS_REPORT(strcmp(csvchart_words_get(&loc)->lang, cases[i].lang) == 0,
                       "%s: got %s, expected %s", cases[i].name, csvchart_words_get(&loc)->lang,
                       cases[i].lang);
    }
}

/* English is what every figure without a locale has always drawn. */
static void test_english(void)
{
    const struct words *w = csvchart_words_get(NULL);
    CHECK_STR(w->today, "Today");
    CHECK_STR(w->net, "Net ");
    CHECK_STR(w->log_scale, "Log scale.");
    CHECK_STR(w->own_scale, "Each panel has its own scale.");
    char buf[128];
    csvchart_words_fill(w->log_start[0], "$0.1", 0, buf, sizeof buf);
    CHECK_STR(buf, "Log scale; bars start at $0.1.");
    csvchart_words_fill(w->log_start[1], "$0.1", 0, buf, sizeof buf);
    CHECK_STR(buf, "Log scale; stems start at $0.1.");
    csvchart_words_fill(w->and_more, NULL, 56, buf, sizeof buf);
    CHECK_STR(buf, " and 56" NB "more");
    csvchart_words_fill(w->others[1], NULL, 3, buf, sizeof buf);
    CHECK_STR(buf, "3 other series");
}

static void test_phrases(void)
{
    char buf[160];
    struct csvchart_locale de = make("de_DE.UTF-8", ",", ".");
    struct csvchart_locale fr = make("fr_FR.UTF-8", ",", "\xe2\x80\xaf");
    struct csvchart_locale it = make("it_IT.UTF-8", ",", ".");
    const struct words *w = csvchart_words_get(&de);
    CHECK_STR(w->today, "Heute");
    csvchart_words_fill(w->log_start[0], "0,1" NB "$", 0, buf, sizeof buf);
    CHECK_STR(buf, "Logarithmische Skala; die Balken beginnen bei 0,1" NB "$.");
    csvchart_words_fill(w->and_more, NULL, 56, buf, sizeof buf);
    CHECK_STR(buf, " und 56" NB "weitere");
    csvchart_words_fill(w->others[0], NULL, 1, buf, sizeof buf);
    CHECK_STR(buf, "1 weitere Reihe");
    w = csvchart_words_get(&fr);
    CHECK_STR(w->today, "Aujourd\xe2\x80\x99hui");
    /* French: a narrow no-break space before ";", a no-break space before ":" */
    csvchart_words_fill(w->log_start[0], "0,1" NB "$", 0, buf, sizeof buf);
    CHECK_STR(buf, "\xc3\x89"
                   "chelle logarithmique\xe2\x80\xaf; les barres partent de 0,1" NB "$.");
    CHECK_STR(w->source, "Source" NB ": ");
    csvchart_words_fill(w->cluster,
                        "1\xe2\x80\x93"
                        "5 mars 2025",
                        9, buf, sizeof buf);
    CHECK_STR(buf, "1\xe2\x80\x93"
                   "5 mars 2025" NB ": 9" NB "\xc3\xa9v\xc3\xa9nements");
    csvchart_words_fill(csvchart_words_get(NULL)->cluster, "1-5 Mar 2025", 9, buf, sizeof buf);
    CHECK_STR(buf, "1-5 Mar 2025: 9" NB "events");
    csvchart_words_fill(csvchart_words_get(&it)->and_more, NULL, 4, buf, sizeof buf);
    CHECK_STR(buf, " e altri" NB "4"); /* the count bound to its word */

    /* cut at a code point boundary: "Échelle" is not cut inside its É */
    char small[2];
    csvchart_words_fill(w->log_scale, NULL, 0, small, sizeof small);
    CHECK_STR(small, "");
    char six[6];
    csvchart_words_fill("a{n}b", NULL, 12345, six, sizeof six);
    CHECK_STR(six, "a1234");
}

static void test_ratios(void)
{
    struct csvchart_locale de = make("de_DE.UTF-8", ",", ".");
    struct csvchart_locale fr = make("fr_FR.UTF-8", ",", "\xe2\x80\xaf");
    struct csvchart_locale es = make("es_ES.UTF-8", ",", ".");
    struct csvchart_locale it = make("it_IT.UTF-8", ",", ".");
    struct csvchart_locale br = make("pt_BR.UTF-8", ",", ".");
    struct csvchart_locale pt = make("pt_PT.UTF-8", ",", "\xc2\xa0");
    struct csvchart_locale nl = make("nl_NL.UTF-8", ",", ".");
    struct csvchart_locale sv = make("sv_SE.UTF-8", ",", "\xc2\xa0");
    static const struct {
        int loc; /* index into locs below; -1 none */
        double r;
        const char *times, *plain;
    } cases[] = {
        {-1, 4.8e7, "48 million times", "48 million"},
        {-1, 1e6, "1 million times", "1 million"},
        {-1, 1.2e15, "1.2 \xc3\x97 10\xc2\xb9\xe2\x81\xb5 times", NULL},
        {-1, 857, "857", "857"},
        {0, 4.8e7, "48" NB "Millionen" NB "Mal", "48" NB "Millionen"},
        {0, 1e6, "1" NB "Million" NB "Mal", "1" NB "Million"},
        {0, 1.5e6, "1,5" NB "Millionen" NB "Mal", NULL},
        {0, 1e9, "1" NB "Milliarde" NB "Mal", NULL},
        {0, 3.2e12, "3,2" NB "Billionen" NB "Mal", NULL},
        {0, 1.2e15, "1,2 \xc3\x97 10\xc2\xb9\xe2\x81\xb5" NB "Mal", NULL},
        {0, 857, "857", "857"},
        {0, 12500, "12.500", NULL},
        {1, 4.8e7, "48" NB "millions" NB "de fois", NULL},
        {1, 1e6, "1" NB "million" NB "de fois", NULL},
        {1, 1.5e6, "1,5" NB "million" NB "de fois", NULL}, /* under 2: singular */
        {1, 2e9, "2" NB "milliards" NB "de fois", NULL},
        {1, 1.2e15, "1,2 \xc3\x97 10\xc2\xb9\xe2\x81\xb5" NB "fois", NULL},
        {2, 1e6, "1" NB "mill\xc3\xb3n" NB "de veces", NULL},
        {2, 4.8e7, "48" NB "millones" NB "de veces", NULL},
        {2, 3e9, "3" NB "mil" NB "millones" NB "de veces", NULL},
        {2, 2e12, "2" NB "billones" NB "de veces", NULL},
        {3, 1e6, "1" NB "milione" NB "di volte", NULL},
        {3, 4.8e7, "48" NB "milioni" NB "di volte", NULL},
        {3, 5e12, "5" NB "mila" NB "miliardi" NB "di volte", NULL},
        {4, 1.5e6, "1,5" NB "milh\xc3\xa3o" NB "de vezes", NULL},
        {4, 2e9,
         "2" NB "bilh\xc3\xb5"
         "es" NB "de vezes",
         NULL},
        {5, 1.5e6,
         "1,5" NB "milh\xc3\xb5"
         "es" NB "de vezes",
         NULL},
        {5, 2e9,
         "2" NB "mil" NB "milh\xc3\xb5"
         "es" NB "de vezes",
         NULL},
        {6, 4.8e7, "48" NB "miljoen" NB "keer", NULL},
        {7, 4.8e7, "48 million times", "48 million"}, /* no table: English words */
    };
    const struct csvchart_locale *locs[] = {&de, &fr, &es, &it, &br, &pt, &nl, &sv};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct csvchart_locale *loc = cases[i].loc < 0 ? NULL : locs[cases[i].loc];
        char buf[128];
        bool words;
        csvchart_format_ratio_times_in(loc, cases[i].r, buf, sizeof buf, &words);
        HARNESS_REPORT(strcmp(buf, cases[i].times) == 0, "case %zu: got \"%s\", expected \"%s\"", i,
                       buf, cases[i].times);
        CHECK_INT(words, cases[i].r >= 1e6);
        if (cases[i].plain) {
            csvchart_format_ratio_in(loc, cases[i].r, buf, sizeof buf, &words);
            HARNESS_REPORT(strcmp(buf, cases[i].plain) == 0,
                           "case %zu: got \"%s\", expected \"%s\"", i, buf, cases[i].plain);
        }
    }
}

static void test_trends(void)
{
    struct csvchart_locale de = make("de_DE.UTF-8", ",", ".");
    struct csvchart_locale fr = make("fr_FR.UTF-8", ",", "\xe2\x80\xaf");
    struct csvchart_locale nl = make("nl_NL.UTF-8", ",", ".");
    struct csvchart_locale es = make("es_ES.UTF-8", ",", ".");
    static const struct {
        int loc; /* index into locs below; -1 none */
        int direction;
        double factor, double_days, span_days;
        const char *tmpl, *want;
    } cases[] = {
        {-1, -1, 3.9, 185, 800, "auto", "halves every 6.1" NB "months"},
        {0, -1, 3.9, 185, 800, "auto", "halbiert sich alle 6,1" NB "Monate"},
        {0, 1, 10, 110, 1000, "auto", "steigt pro Jahr um den Faktor 10"},
        {0, -1, 2e7, 10, 1000, "auto", "sinkt pro Jahr um den Faktor 20" NB "Millionen"},
        {0, 1, 2e7, 10, 1000, "{factor}x per {period}", "20" NB "Millionen" NB "Mal per Jahr"},
        {0, 0, 1, INFINITY, 1000, "auto", "unver\xc3\xa4ndert"},
        {0, -1, 1.5, 30.4375, 1000, "auto", "halbiert sich alle 4,3" NB "Wochen"},
        {0, -1, 1.5, 1.0 / 1440, 1000, "auto", "halbiert sich jede Minute"},
        {0, -1, 1.5, 1.0 / 1440, 1000, "{halving}", "Minute"},
        {0, -1, 1.5, 185, 1000, "{halving}", "6,1" NB "Monate"},
        {1, -1, 2, 7, 100, "auto", "diminue de moiti\xc3\xa9 tous les 7" NB "jours"},
        {1, -1, 2, 1.0 / 1440, 100, "auto", "diminue de moiti\xc3\xa9 toutes les minutes"},
        {1, 1, 1.009, 28000, 8000, "auto", "+0,9% par an"},
        {1, 1, 2, 800, 8000, "auto", "double tous les 2,2" NB "ans"},
        {2, 1, 2, 800, 8000, "auto", "verdubbelt elke 2,2" NB "jaar"},
        {3, -1, 2, 400, 8000, "auto", "se reduce a la mitad cada 13" NB "meses"},
    };
    const struct csvchart_locale *locs[] = {&de, &fr, &nl, &es};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct trend_rate r = {.direction = cases[i].direction,
                               .factor = cases[i].factor,
                               .period = "year",
                               .period_days = 365.25,
                               .double_days = cases[i].double_days,
                               .span_days = cases[i].span_days};
        char buf[160];
        csvchart_error err = {0};
        const struct csvchart_locale *loc = cases[i].loc < 0 ? NULL : locs[cases[i].loc];
        CHECK_INT(csvchart_trend_text_in(loc, &r, cases[i].tmpl, "s", buf, sizeof buf, &err),
                  CSVCHART_OK);
        HARNESS_REPORT(strcmp(buf, cases[i].want) == 0, "case %zu: got \"%s\", expected \"%s\"", i,
                       buf, cases[i].want);
    }
}

int main(void)
{
    RUN(test_choice);
    RUN(test_english);
    RUN(test_phrases);
    RUN(test_ratios);
    RUN(test_trends);
    return harness_done();
}
