/*
 * test_text_wrap.c - line breaking (src/text_wrap.c) and the fake measurer (src/text_fake.c).
 *
 * With the fake measurer at 10 px every code point is 5.5 px wide and a CJK one 10 px, so each
 * case below states its break positions exactly: lines are written out joined by "|".
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "text.h"
#include "utf8.h"

static const struct text_style style10 = {"Inter", 10, 400};

static const struct {
    const char *text;
    double max_width;
    const char *want; // the lines joined by "|"; "" for none
    size_t nlines;
} cases[] = {
    {"hello world", 100, "hello world", 1},
    {"hello world", 60, "hello|world", 2},
    {"hello world", 60.5, "hello world", 1}, // 11 x 5.5 = 60.5: fits exactly
    {"hello world", 27.5, "hello|world", 2},
    {"The quick brown fox", 55, "The quick|brown fox", 2},
    {"The quick brown fox jumps", 30, "The|quick|brown|fox|jumps", 5},
    {"  leading and trailing  ", 1000, "leading and trailing", 1},
    {"a   b", 100, "a   b", 1}, // inner spaces stay
    {"a   b", 10, "a|b", 2},
    {"price/token", 40, "price/|token", 2},
    {"state-of-the-art", 50, "state-of-|the-art", 2},
    {"state-of-the-art", 40, "state-|of-the-|art", 3},
    {"a -b", 12, "a|-b", 2}, // no break after a '-' that starts a word
    {"-5 apples", 20, "-5|app|les", 3},
    {"well--known", 35, "well--|known", 2}, // not between two hyphens
    /* nor between a hyphen or a slash and a digit: a product name, a season, a ratio */
    {"after GPT-4o voice", 60, "after|GPT-4o|voice", 3}, // not "after GPT-|4o voice"
    {"the 2024-25 season", 50, "the|2024-25|season", 3},
    {"open 24/7 now", 40, "open|24/7|now", 3},
    {"o3-mini high", 30, "o3-|mini|high", 3}, // a letter after the hyphen: a break
    /* a word with a digit (a code) breaks at a hyphen only when it fits no line whole */
    {"in ap-southeast-1", 80, "in|ap-southeast-1", 2},                   // not "in ap-|southeast-1"
    {"eu-west-2 and me-central-1", 70, "eu-west-2|and|me-central-1", 3}, // not "and me-|central-1"
    {"supercalifragilistic", 30, "super|calif|ragil|istic", 4},
    {"a supercalifragilistic b", 30, "a|super|calif|ragil|istic|b", 6},
    {"ab", 0, "a|b", 2},                                     // a line always holds one code point
    {"\xe4\xbb\xb7\xe6\xa0\xbc\xe6\xaf\x94\xe8\xbe\x83", 25, // 价格比较
     "\xe4\xbb\xb7\xe6\xa0\xbc|\xe6\xaf\x94\xe8\xbe\x83", 2},
    {"API\xe4\xbb\xb7\xe6\xa0\xbc", 30, "API|\xe4\xbb\xb7\xe6\xa0\xbc",
     2}, // API|价格: 格 not alone
    {"\xe4\xbb\xb7\xe6\xa0\xbc\xe3\x80\x82\xe6\xaf\x94\xe8\xbe\x83", 25,   // 价格。比较
     "\xe4\xbb\xb7|\xe6\xa0\xbc\xe3\x80\x82|\xe6\xaf\x94\xe8\xbe\x83", 3}, // 。 never starts
    {"\xea\xb0\x80\xea\xb2\xa9 \xeb\xb9\x84\xea\xb5\x90", 25,              // 가격 비교 (Hangul)
     "\xea\xb0\x80\xea\xb2\xa9|\xeb\xb9\x84\xea\xb5\x90", 2},
    {"caf\xc3\xa9 cr\xc3\xa8me", 30, "caf\xc3\xa9|cr\xc3\xa8me", 2},
    {"", 100, "", 0},
    {"   ", 100, "", 0},
    {"a\nb", 100, "a|b", 2},
    {"a\n\nb", 100, "a||b", 3},
    {"abc\n", 100, "abc", 1},
    {"abc   \ndef", 100, "abc|def", 2},
    {"one two\nthree", 30, "one|two|three", 3},
    {"one two\nthree", 25, "one|two|thre|e", 4},
    /* a line ends after a comma rather than later when the rest takes no more lines */
    {"Korea, Republic of", 90, "Korea,|Republic of", 2},     // not "Korea, Republic|of"
    {"Travis County, Texas", 80, "Travis County,|Texas", 2}, // greedy already
    {"Washington, D.C. metro area", 130, "Washington,|D.C. metro area", 2},
    {"Ab, cdef ghij klmn", 49.5, "Ab, cdef|ghij klmn", 2}, // "Ab,|cdef ghij|klmn": a line more
    {"Korea,Republic of", 90, "Korea,Republic|of", 2},     // no space after the comma
    {"Korea, Republic of\nx", 90, "Korea,|Republic of|x", 3},
    {"a, Republic of Korea, b", 66, "a, Republic|of Korea, b", 2}, // the last comma that fits
    {"Lee, Lee County, Florida", 90, "Lee, Lee County,|Florida", 2},
    /* ... but only when the two lines are then more even (review 7) */
    {"Yes, Prime Minister Hacker", 110, "Yes, Prime Minister|Hacker", 2}, // not "Yes,|Prime ..."
    {"Seoul, Busan and Incheon report exports", 180, "Seoul, Busan and Incheon report|exports", 2},
    /* a bracket is not split when the text then takes no more lines */
    {"DeepSeek V3.2 (cache hit)", 115, "DeepSeek V3.2|(cache hit)", 2}, // not "... (cache|hit)"
    {"a headline (with a long aside that runs on)", 130,
     "a headline (with a long|aside that runs on)", 2}, // split: whole takes a line more
    /* a range of dates breaks after its dash, each date whole (a line of 31 fits) */
    {"10 Mar 2025, 06:00 UTC \xe2\x80\x93 11 Mar 2025, 12:00 UTC", 175,
     "10 Mar 2025, 06:00 UTC \xe2\x80\x93|11 Mar 2025, 12:00 UTC", 2},
    {"Dec 2007 \xe2\x80\x93 Jun 2009", 80, "Dec 2007 \xe2\x80\x93|Jun 2009", 2},
    /* ... a phrase with a dash does not */
    {"The years 2001 \xe2\x80\x93 2007 were quiet for markets", 175,
     "The years 2001 \xe2\x80\x93 2007 were|quiet for markets", 2},
};

static void test_cases(void)
{
    const csvchart_text_measurer *m = csvchart_text_fake();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct text_line lines[16];
        size_t n = csvchart_text_wrap(m, &style10, cases[i].text, cases[i].max_width, lines, 16);
        char joined[256] = "";
        size_t len = 0;
        for (size_t k = 0; k < n && k < 16; k++) {
            len += (size_t)snprintf(joined + len, sizeof joined - len, "%s%.*s", k ? "|" : "",
                                    (int)lines[k].len, cases[i].text + lines[k].start);
            /* each line's width is what the measurer says of it, and within the limit unless
             * it is a single code point */
            struct text_metrics tm = {0, 0, 0};
            if (lines[k].len) {
                m->measure(m->ctx, &style10, cases[i].text + lines[k].start, lines[k].len, &tm);
            }
            CHECK_DBL(lines[k].width, tm.width, 0);
            uint32_t cp;
            size_t first = lines[k].len ? csvchart_utf8_decode(cases[i].text + lines[k].start,
                                                               lines[k].len, &cp)
                                        : 0;
            CHECK(lines[k].width <= cases[i].max_width || lines[k].len == first);
            if (lines[k].len) {
                CHECK(cases[i].text[lines[k].start] != ' ');
                CHECK(cases[i].text[lines[k].start + lines[k].len - 1] != ' ');
            }
        }
        if (strcmp(joined, cases[i].want) != 0 || n != cases[i].nlines) {
            fprintf(stderr, "wrap case %zu: \"%s\" at %g\n", i, cases[i].text, cases[i].max_width);
        }
        CHECK_STR(joined, cases[i].want);
        CHECK_INT(n, cases[i].nlines);
    }
}

/* Exact byte ranges and widths. */
static void test_positions(void)
{
    const csvchart_text_measurer *m = csvchart_text_fake();
    struct text_line l[4];
    size_t n = csvchart_text_wrap(m, &style10, "  OpenAI o1 costs", 40, l, 4);
    CHECK_INT(n, 3);
    CHECK_INT(l[0].start, 2);
    CHECK_INT(l[0].len, 6);
    CHECK_DBL(l[0].width, 33, 0);
    CHECK_INT(l[1].start, 9);
    CHECK_INT(l[1].len, 2);
    CHECK_DBL(l[1].width, 11, 0);
    CHECK_INT(l[2].start, 12);
    CHECK_INT(l[2].len, 5);
    CHECK_DBL(l[2].width, 27.5, 0);

    /* "价格" then "比较": 3 bytes a code point, 10 px each */
    n = csvchart_text_wrap(m, &style10, "\xe4\xbb\xb7\xe6\xa0\xbc\xe6\xaf\x94\xe8\xbe\x83", 20, l,
                           4);
    CHECK_INT(n, 2);
    CHECK_INT(l[0].start, 0);
    CHECK_INT(l[0].len, 6);
    CHECK_DBL(l[0].width, 20, 0);
    CHECK_INT(l[1].start, 6);
    CHECK_INT(l[1].len, 6);
}

/*
 * Breaking after a comma never costs a line, and never breaks a text that does not fit its
 * max_lines otherwise than greedily (its first lines are the most of it that fits, before
 * the caller's ellipsis): over 3,000 generated texts of words, some ending in a comma, at
 * generated widths, the count is that of the same text with ';' for ',' (the same widths,
 * and never a break after either), every line fits, and each is the greedy one from where it
 * starts or a shorter one ending in a comma.
 */
static void test_commas_no_more_lines(void)
{
    const csvchart_text_measurer *m = csvchart_text_fake();
    uint64_t seed = 7;
    size_t moved = 0;
    for (int t = 0; t < 3000; t++) {
        char text[200], semi[200];
        size_t len = 0;
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        size_t nwords = 2 + (size_t)(seed >> 61);
        for (size_t k = 0; k < nwords; k++) {
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            if (k) {
                text[len++] = ' ';
            }
            for (size_t i = 0, n = 1 + (seed >> 33) % 9; i < n; i++) {
                text[len++] = (char)('a' + (seed >> (8 + i)) % 26);
            }
            if (k + 1 < nwords && (seed >> 50) % 3 == 0) {
                text[len++] = ',';
            }
        }
        text[len] = '\0';
        for (size_t i = 0; i <= len; i++) {
            semi[i] = text[i] == ',' ? ';' : text[i];
        }
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        double max = 5.5 * (double)(2 + (seed >> 33) % 30);
        size_t most = 1 + (seed >> 45) % 6;
        struct text_line a[8], b[8];
        size_t na = csvchart_text_wrap(m, &style10, text, max, a, most);
        size_t nb = csvchart_text_wrap(m, &style10, semi, max, b, most);
        CHECK_INT(na, nb);
        for (size_t i = 0; i < na && i < most; i++) {
            CHECK(a[i].width <= max || a[i].len == 1);
            if (nb > most) { /* overflows: greedy, as without commas */
                CHECK_INT(a[i].start, b[i].start);
                CHECK_INT(a[i].len, b[i].len);
            } else { /* the greedy line from its start, or a shorter one ending in a comma */
                struct text_line g;
                csvchart_text_wrap(m, &style10, semi + a[i].start, max, &g, 1);
                if (a[i].len != g.len) {
                    CHECK(a[i].len < g.len && text[a[i].start + a[i].len - 1] == ',');
                    moved++;
                }
            }
        }
    }
    CHECK(moved > 100); /* the generated texts do break after commas */
}

/* Fewer slots than lines: max_lines are written, and the count stops at max_lines + 1. */
static void test_max_lines(void)
{
    const csvchart_text_measurer *m = csvchart_text_fake();
    struct text_line l[3];
    memset(l, 0, sizeof l);
    l[2].start = 777;
    size_t n = csvchart_text_wrap(m, &style10, "a b c d", 5.5, l, 2);
    CHECK_INT(n, 3); // "more than 2"
    CHECK_INT(l[0].start, 0);
    CHECK_INT(l[1].start, 2);
    CHECK_INT(l[2].start, 777); // untouched
    CHECK_INT(csvchart_text_wrap(m, &style10, "a b c d", 5.5, l, 3), 4);
    CHECK_INT(csvchart_text_wrap(m, &style10, "a b c d", 5.5, NULL, 0), 1);
    CHECK_INT(csvchart_text_wrap(m, &style10, "a b c d", 1000, NULL, 0), 1);
    CHECK_INT(csvchart_text_wrap(m, &style10, "", 1000, NULL, 0), 0);
}

/* A 1 MB label without spaces, in a 3-line slot: as quick as a short one (no line counting
 * past the fourth; it once took seconds). Timed by counting measurements, not by a clock. */
static size_t measured;
static void counting_measure(void *ctx, const struct text_style *st, const char *s, size_t len,
                             struct text_metrics *out)
{
    measured++;
    const csvchart_text_measurer *fake = ctx;
    fake->measure(fake->ctx, st, s, len, out);
}

static void test_huge_label(void)
{
    size_t len = (size_t)1 << 20;
    char *s = malloc(len + 1);
    memset(s, 'x', len);
    s[len] = '\0';
    const csvchart_text_measurer counting = {.ctx = (void *)csvchart_text_fake(),
                                             .measure = counting_measure};
    struct text_line l[3];
    measured = 0;
    CHECK_INT(csvchart_text_wrap(&counting, &style10, s, 200, l, 3), 4);
    CHECK(measured < 200);
    CHECK_INT(l[1].start, l[0].len);
    free(s);
}

static void test_fake_measurer(void)
{
    const csvchart_text_measurer *m = csvchart_text_fake();
    CHECK(m == csvchart_text_fake());
    struct text_metrics tm;
    csvchart_text_measure(m, &style10, "abc", &tm);
    CHECK_DBL(tm.width, 16.5, 0);
    CHECK_DBL(tm.ascent, 8, 0);
    CHECK_DBL(tm.descent, 2, 0);
    csvchart_text_measure(m, &style10, "", &tm);
    CHECK_DBL(tm.width, 0, 0);
    csvchart_text_measure(m, &style10,
                          "\xe4\xbb\xb7\xe6\xa0\xbc"
                          "ab",
                          &tm); // 2 CJK + 2
    CHECK_DBL(tm.width, 31, 0);
    csvchart_text_measure(m, &style10, "caf\xc3\xa9", &tm); // code points, not bytes
    CHECK_DBL(tm.width, 22, 0);
    struct text_style big = {"Inter", 24, 700};
    csvchart_text_measure(m, &big, "hello", &tm);
    CHECK_DBL(tm.width, 66, 0);
    CHECK_DBL(tm.ascent, 19.2, 1e-12);
    CHECK_DBL(tm.descent, 4.8, 1e-12);
}

/*
 * A measurer whose widths are not the sum of their pieces, like a font with kerning: each
 * character's advance plus an adjustment for each pair, across spaces too. Widths still grow
 * with the text (an advance is at least 4, an adjustment at most 0.9 either way).
 */
static double kerned_width(const char *s, size_t len)
{
    double w = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned c = (unsigned char)s[i];
        w += 4 + c % 5;
        if (i > 0) {
            w += ((int)(((unsigned char)s[i - 1] * 31u + c) % 7) - 3) * 0.3;
        }
    }
    return w;
}

static void kerned_measure(void *ctx, const struct text_style *st, const char *s, size_t len,
                           struct text_metrics *out)
{
    (void)ctx, (void)st;
    *out = (struct text_metrics){kerned_width(s, len), 8, 2};
}

/*
 * Wrapping estimates a candidate line from the widths of its pieces and measures whole lines
 * only to decide (text_wrap.c); with kerning the estimates are off both ways. Whatever the
 * estimates, each line must be the longest run of the remaining words that fits, measured
 * whole - the greedy walk's answer - over 3,000 generated texts and widths.
 */
static void test_kerned_greedy(void)
{
    const csvchart_text_measurer m = {.measure = kerned_measure};
    uint64_t seed = 42;
    for (int t = 0; t < 3000; t++) {
        char text[400];
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        size_t len = 0, nwords = 1 + (size_t)(seed >> 60);
        double widest = 0;
        const char *words[16];
        size_t wlen[16];
        for (size_t k = 0; k < nwords; k++) {
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            size_t n = 1 + (seed >> 33) % 12;
            if (k) {
                text[len++] = ' ';
            }
            words[k] = text + len;
            wlen[k] = n;
            for (size_t i = 0; i < n; i++) {
                seed = seed * 6364136223846793005u + 1442695040888963407u;
                text[len++] = (char)('a' + (seed >> 40) % 26);
            }
            widest = fmax(widest, kerned_width(words[k], n));
        }
        text[len] = '\0';
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        double max = widest + (double)((seed >> 33) % 2000) / 10; /* no word is broken */
        struct text_line lines[16];
        size_t count = csvchart_text_wrap(&m, &style10, text, max, lines, 16);
        CHECK(count >= 1 && count <= nwords);
        size_t word = 0;
        for (size_t i = 0; i < count && i < 16; i++) {
            const char *line = text + lines[i].start;
            CHECK(line == words[word]);
            CHECK_DBL(lines[i].width, kerned_width(line, lines[i].len), 0);
            CHECK(lines[i].width <= max);
            /* its words, then: it ends where one of them ends */
            size_t end = lines[i].start + lines[i].len;
            while (word < nwords && (size_t)(words[word] - text) + wlen[word] <= end) {
                word++;
            }
            CHECK((size_t)(words[word - 1] - text) + wlen[word - 1] == end);
            if (word < nwords) { /* the next word would not fit on it */
                size_t longer = (size_t)(words[word] - text) + wlen[word] - lines[i].start;
                CHECK(kerned_width(line, longer) > max);
            }
        }
        CHECK(word == nwords);
    }
}

static void test_utf8(void)
{
    static const struct {
        const char *s;
        size_t len;
        uint32_t cp;
        size_t n;
    } cases_[] = {
        {"A", 1, 'A', 1},
        {"\xc3\xa9", 2, 0xE9, 2},
        {"\xe2\x82\xac", 3, 0x20AC, 3},
        {"\xf0\x9f\x98\x80", 4, 0x1F600, 4},
        {"\xc0\xaf", 2, 0xFFFD, 1},         // overlong
        {"\xe2\x82", 2, 0xFFFD, 1},         // truncated
        {"\xe2\x82\xac", 2, 0xFFFD, 1},     // truncated by len
        {"\xed\xa0\x80", 3, 0xFFFD, 1},     // surrogate
        {"\x80", 1, 0xFFFD, 1},             // stray continuation byte
        {"\xf4\x90\x80\x80", 4, 0xFFFD, 1}, // above U+10FFFF
    };
    for (size_t i = 0; i < sizeof cases_ / sizeof cases_[0]; i++) {
        uint32_t cp = 0;
        CHECK_INT(csvchart_utf8_decode(cases_[i].s, cases_[i].len, &cp), cases_[i].n);
        CHECK_INT(cp, cases_[i].cp);
    }
    CHECK(csvchart_text_is_cjk(0x4E00)); // 一
    CHECK(csvchart_text_is_cjk(0x3042)); // あ
    CHECK(csvchart_text_is_cjk(0xAC00)); // 가
    CHECK(csvchart_text_is_cjk(0xF900));
    CHECK(csvchart_text_is_cjk(0xFF01)); // ！
    CHECK(!csvchart_text_is_cjk('A'));
    CHECK(!csvchart_text_is_cjk(0xE9));
    CHECK(!csvchart_text_is_cjk(0x2212)); // −
    CHECK(!csvchart_text_is_cjk(0x1F600));
}

/* A text's last line is never one ideograph left by a line of them ("Nikkei 225 日経平" / "均":
 * graphics desk review) where two fit: at every width, with text before and after a newline. */
static void test_cjk_orphan(void)
{
    const csvchart_text_measurer *m = csvchart_text_fake();
    static const char *const texts[] = {
        "Nikkei 225 \xe6\x97\xa5\xe7\xb5\x8c\xe5\xb9\xb3\xe5\x9d\x87",
        "\xe6\x97\xa5\xe7\xb5\x8c\xe5\xb9\xb3\xe5\x9d\x87\xe6\xa0\xaa\xe4\xbe\xa1",
        "\xe4\xbb\xb7\xe6\xa0\xbc\xe6\xaf\x94\xe8\xbe\x83\nTokyo",
    };
    size_t moved = 0;
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        const char *s = texts[t];
        for (double w = 10; w <= 90; w += 0.5) {
            struct text_line l[16];
            size_t n = csvchart_text_wrap(m, &style10, s, w, l, 16);
            for (size_t i = 1; i < n && n <= 16; i++) {
                const struct text_line *a = &l[i - 1], *b = &l[i];
                bool last = b->start + b->len == strlen(s) || s[b->start + b->len] == '\n';
                bool alone = b->len == 3 && (unsigned char)s[b->start] >= 0xE3;
                bool joined = a->start + a->len == b->start && a->len >= 6 &&
                              (unsigned char)s[a->start + a->len - 3] >= 0xE3;
                HARNESS_REPORT(!(last && alone && joined && w >= 20),
                               "\"%s\" at %.1f px: its last ideograph alone", s, w);
                moved += last && b->len == 6 && joined;
            }
        }
    }
    CHECK(moved > 0); /* some widths broke a character early */
}

int main(void)
{
    RUN(test_cases);
    RUN(test_positions);
    RUN(test_max_lines);
    RUN(test_huge_label);
    RUN(test_fake_measurer);
    RUN(test_utf8);
    RUN(test_kerned_greedy);
    RUN(test_commas_no_more_lines);
    RUN(test_cjk_orphan);
    return harness_done();
}
