/*
 * test_text_pango.c - the Pango measurer (text_pango.c): sane, linear, hinting-free metrics,
 * and fallback fonts for CJK. Needs the Inter font; exits 77 (skip) when fontconfig lacks it.
 */
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <pango/pango.h>
#include <pango/pangofc-fontmap.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cores.h"
#include "harness.h"
#include "text.h"

static csvchart_text_measurer *m;

static struct text_metrics measure(const char *s, double size, int weight)
{
    struct text_style st = {.family = "Inter", .size_px = size, .weight = weight};
    struct text_metrics tm;
    m->measure(m->ctx, &st, s, strlen(s), &tm);
    return tm;
}

static void test_widths(void)
{
    CHECK_DBL(measure("", 16, 400).width, 0, 0);
    double w1 = measure("Price", 16, 400).width;
    double w2 = measure("Price per token", 16, 400).width;
    CHECK(w1 > 0);
    CHECK(w2 > w1);
    CHECK(measure("Price per token", 16, 700).width > w2);
    struct text_metrics tm = measure("Hg", 16, 400);
    CHECK(tm.ascent > 8 && tm.ascent < 20);
    CHECK(tm.descent > 1 && tm.descent < 8);
}

/* Hinting is off, so metrics are linear in the size: what layout measures at 1x holds at 2x. */
static void test_linear_in_size(void)
{
    const char *s = "OpenAI o1 costs 857x more than DeepSeek R1";
    for (int weight = 400; weight <= 700; weight += 300) {
        struct text_metrics a = measure(s, 13, weight), b = measure(s, 26, weight);
        CHECK_DBL(b.width, 2 * a.width, 0.02);
        CHECK_DBL(b.ascent, 2 * a.ascent, 0.02);
        CHECK_DBL(b.descent, 2 * a.descent, 0.02);
    }
    /* Style changes and returns give the same answer (the cached layout is re-set). */
    double before = measure("Zürich", 14, 400).width;
    measure("Zürich", 30, 700);
    CHECK_DBL(measure("Zürich", 14, 400).width, before, 0);
    /* Only `len` bytes count. */
    struct text_style st = {.family = "Inter", .size_px = 14, .weight = 400};
    struct text_metrics part;
    m->measure(m->ctx, &st, "Zürich, Schweiz", strlen("Zürich"), &part);
    CHECK_DBL(part.width, before, 0);
}

/*
 * A measurer switching families measures each in a font map of the family's configuration,
 * never reconfigured: Pango's own threads (matching and sorting each new pattern) took
 * patterns out of a font map's table while pango_fc_font_map_set_config() destroyed it, and
 * this test crashed one run in 200 under load (SIGFPE in g_hash_table_remove). Each family's
 * font map is the same object every time and keeps its configuration; more families than
 * the measurer keeps maps for still measure the same.
 */
static void test_font_maps_keep_their_configuration(void)
{
    static const char *const families[] = {"Inter", "DejaVu Sans", "DejaVu Serif",
                                           "DejaVu Sans Mono", "Inter, DejaVu Sans"};
    enum { NF = sizeof families / sizeof families[0] };
    csvchart_text_measurer *mm = csvchart_text_pango_new();
    CHECK(mm != NULL);
    if (!mm) {
        return;
    }
    double first[NF];
    void *map[NF] = {0};
    /* two families in turn, 40 times; then all five (more than the maps kept), 10 times */
    for (int round = 0; round < 50; round++) {
        size_t nf = round < 40 ? 2 : NF;
        for (size_t f = 0; f < nf; f++) {
            /* a new size each round: new font patterns, so Pango starts its threads */
            struct text_style st = {.family = families[f], .size_px = 10 + round, .weight = 400};
            struct text_metrics tm;
            mm->measure(mm->ctx, &st, "Zürich 2025", strlen("Zürich 2025"), &tm);
            double w = tm.width / st.size_px;
            if (round == 0 || (round == 40 && f >= 2)) {
                first[f] = w;
            }
            HARNESS_REPORT(fabs(w - first[f]) < 1e-3, "%s: %g em at %g px, %g em before",
                           families[f], w, st.size_px, first[f]);
            void *fm = csvchart_text_pango_fontmap(mm, families[f]);
            CHECK(fm != NULL);
            if (round < 40) { /* two families: each keeps its map */
                map[f] = round == 0 ? fm : map[f];
                HARNESS_REPORT(fm == map[f], "%s: another font map in round %d", families[f],
                               round);
            }
            HARNESS_REPORT(fm && pango_fc_font_map_get_config(PANGO_FC_FONT_MAP(fm)) ==
                                     csvchart_text_fonts_config(families[f]),
                           "%s: its font map has another configuration", families[f]);
        }
        /* the first family's map kept its configuration while the second was measured */
        HARNESS_REPORT(round >= 40 || pango_fc_font_map_get_config(PANGO_FC_FONT_MAP(map[0])) ==
                                          csvchart_text_fonts_config(families[0]),
                       "%s: its font map was configured again", families[0]);
    }
    if (csvchart_text_fonts_config(families[0]) == csvchart_text_fonts_config(families[1])) {
        printf("font maps: one configuration for every family (the font cache is off)\n");
    }
    csvchart_text_pango_free(mm);
}

/*
 * What the PNG backend draws at scale 2 (a context with a 2x matrix and the measurer's font
 * options) has the width the measurer gave: hinting and rounding would break this.
 */
static void test_scale_independent(void)
{
    const char *s = "Price per million output tokens, USD";
    double want = measure(s, 13, 400).width;
    for (double scale = 0.5; scale <= 4; scale *= 2) {
        PangoFontMap *fm = csvchart_text_pango_fontmap_new(NULL);
        PangoContext *ctx = pango_font_map_create_context(fm);
        pango_context_set_round_glyph_positions(ctx, FALSE);
        PangoMatrix mat = PANGO_MATRIX_INIT;
        pango_matrix_scale(&mat, scale, scale);
        pango_context_set_matrix(ctx, &mat);
        PangoLayout *layout = pango_layout_new(ctx);
        PangoFontDescription *desc = pango_font_description_from_string("Inter");
        pango_font_description_set_absolute_size(desc, 13 * PANGO_SCALE);
        pango_layout_set_font_description(layout, desc);
        pango_layout_set_text(layout, s, -1);
        PangoRectangle logical;
        pango_layout_get_extents(layout, NULL, &logical);
        CHECK_DBL((double)logical.width / PANGO_SCALE, want, 0.01);
        pango_font_description_free(desc);
        g_object_unref(layout);
        g_object_unref(ctx);
        g_object_unref(fm);
    }
}

/* CJK has real glyphs (from a fallback font), not hex boxes; and advances about 1 em each. */
static void test_cjk_fallback(void)
{
    if (system("fc-list :lang=zh | grep -q .") != 0) {
        printf("no CJK font: CJK checks skipped\n");
        return;
    }
    double w = measure("深度求索", 20, 400).width;
    CHECK(w > 4 * 20 * 0.8 && w < 4 * 20 * 1.2);
    PangoFontMap *fm = csvchart_text_pango_fontmap_new(NULL);
    PangoContext *ctx = pango_font_map_create_context(fm);
    PangoLayout *layout = pango_layout_new(ctx);
    PangoFontDescription *desc = pango_font_description_from_string("Inter 20px");
    pango_layout_set_font_description(layout, desc);
    pango_layout_set_text(layout, "深度求索 Zürich", -1);
    CHECK_INT(pango_layout_get_unknown_glyphs_count(layout), 0);
    pango_font_description_free(desc);
    g_object_unref(layout);
    g_object_unref(ctx);
    g_object_unref(fm);
}

/*
 * Printable ASCII is shaped without a PangoLayout (the fast path of text_pango.c): it must
 * measure exactly what the layout measures, for any string, size and weight, and leave other
 * text (accents, CJK, newline-free UTF-8) to the layout.
 */
static void test_fast_ascii_is_exact(void)
{
    csvchart_text_measurer *slow = csvchart_text_pango_new();
    CHECK(slow != NULL);
    if (!slow) {
        return;
    }
    csvchart_text_pango_set_fast_ascii(slow, false);
    static const char *const fixed[] = {"category-0042", "$0.07",      "OpenAI o1",
                                        "AV To Wa",      "  spaced  ", "857x",
                                        "ffi fl",        "Zürich",     "{|}~"};
    uint32_t x = 2463534242u;
    size_t differ = 0;
    for (int i = 0; i < 600; i++) {
        char buf[40 * 3 + 1];
        const char *s = buf;
        if (i < (int)(sizeof fixed / sizeof fixed[0])) {
            s = fixed[i];
        } else {
            /* printable ASCII, and from i = 300 on some of the other characters shaped
             * directly (text_pango.c's latin_chars) and some that are not */
            static const uint32_t more[] = {0xA0,   0xE9,   0xFC,   0xD7,   0xB0,   0xAD,
                                            0x2009, 0x2013, 0x2014, 0x2019, 0x201C, 0x2026,
                                            0x202F, 0x2212, 0x2192, 0x20AC, 0x3A9,  0x6771};
            size_t n = 1 + i % 30, len = 0;
            for (size_t k = 0; k < n; k++) {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                uint32_t c = i >= 300 && x % 4 == 0 ? more[x / 4 % 18] : ' ' + x % 95;
                if (c < 0x80) {
                    buf[len++] = (char)c;
                } else if (c < 0x800) {
                    buf[len++] = (char)(0xC0 | c >> 6);
                    buf[len++] = (char)(0x80 | (c & 0x3F));
                } else {
                    buf[len++] = (char)(0xE0 | c >> 12);
                    buf[len++] = (char)(0x80 | (c >> 6 & 0x3F));
                    buf[len++] = (char)(0x80 | (c & 0x3F));
                }
            }
            buf[len] = '\0';
        }
        struct text_style st = {.family = i % 7 ? "Inter" : "DejaVu Sans",
                                .size_px = 9 + i % 24 * 1.25,
                                .weight = i % 3 ? 400 : 700};
        struct text_metrics a, b;
        m->measure(m->ctx, &st, s, strlen(s), &a);
        slow->measure(slow->ctx, &st, s, strlen(s), &b);
        if ((a.width != b.width || a.ascent != b.ascent || a.descent != b.descent) &&
            differ++ < 3) {
            fprintf(stderr, "  \"%s\" %.1f px %d: %.4f %.4f %.4f, layout %.4f %.4f %.4f\n", s,
                    st.size_px, st.weight, a.width, a.ascent, a.descent, b.width, b.ascent,
                    b.descent);
        }
    }
    CHECK_INT(differ, 0);
    /* The line box the fast path reads from a font's tables is the one Pango gives, in every
     * installed family, both weights. */
    FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, NULL);
    FcPattern *any = FcPatternCreate();
    FcFontSet *fs = FcFontList(NULL, any, os);
    size_t families = 0, boxes_differ = 0;
    for (int i = 0; fs && i < fs->nfont; i++) {
        FcChar8 *fam;
        if (FcPatternGetString(fs->fonts[i], FC_FAMILY, 0, &fam) != FcResultMatch) {
            continue;
        }
        families++;
        for (int w = 400; w <= 700; w += 300) {
            struct text_style st = {.family = (const char *)fam, .size_px = 17, .weight = w};
            struct text_metrics a, b;
            m->measure(m->ctx, &st, "Hx", 2, &a);
            slow->measure(slow->ctx, &st, "Hx", 2, &b);
            if ((a.ascent != b.ascent || a.descent != b.descent) && boxes_differ++ < 3) {
                fprintf(stderr, "  %s %d: line box %.6f %.6f, layout %.6f %.6f\n", fam, w, a.ascent,
                        a.descent, b.ascent, b.descent);
            }
        }
    }
    CHECK(families >= 3);
    CHECK_INT(boxes_differ, 0);
    if (fs) {
        FcFontSetDestroy(fs);
    }
    FcPatternDestroy(any);
    FcObjectSetDestroy(os);
    csvchart_text_pango_free(slow);
}

/*
 * measure_range() works out most ranges of a text from the shaping of the whole (where
 * HarfBuzz says a cut changes no glyph): each range must measure exactly what it measures
 * shaped alone, by another measurer, for label-like texts full of kerned pairs, ligatures,
 * digits and punctuation, in two fonts and weights - and most lines must not be shaped again.
 */
static void test_ranges_are_exact(void)
{
    csvchart_text_measurer *ranges = csvchart_text_pango_new(), *alone = csvchart_text_pango_new();
    CHECK(ranges != NULL && alone != NULL);
    if (!ranges || !alone) {
        return;
    }
    static const char *const words[] = {"AV",
                                        "To",
                                        "Wa",
                                        "office",
                                        "fluff",
                                        "Type",
                                        "x",
                                        "1:30",
                                        "->",
                                        "(12)",
                                        "$0.07",
                                        "857x",
                                        "o1",
                                        "R1",
                                        "11",
                                        "7.",
                                        "\"quoted\"",
                                        "Yes!",
                                        "LLC's",
                                        "price/token",
                                        "open-weight",
                                        "T.",
                                        "f/x",
                                        "VA",
                                        "ry,",
                                        "DeepSeek",
                                        "OpenAI",
                                        "a",
                                        "--",
                                        "Ty",
                                        "we'll",
                                        "1/4",
                                        "P&L",
                                        "Z\xc3\xbcrich",
                                        "3\xc2\xa0"
                                        "events",
                                        "DeepSeek\xe2\x80\x99s",
                                        "2019\xe2\x80\x93"
                                        "2020",
                                        "\xe2\x88\x92"
                                        "5",
                                        "\xe2\x82\xac"
                                        "0.07",
                                        "wait\xe2\x80\xa6",
                                        "32\xe2\x80\xaf"
                                        "607"};
    const size_t nwords = sizeof words / sizeof words[0];
    uint32_t x = 88172645u;
    size_t ranges_checked = 0, differ = 0;
    size_t before = csvchart_text_pango_shapings(ranges);
    for (int i = 0; i < 300; i++) {
        char text[200];
        size_t len = 0, cuts[64], ncuts = 0;
        cuts[ncuts++] = 0;
        for (int w = 0; w < 2 + i % 9; w++) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            const char *word = words[x % nwords];
            if (w) {
                cuts[ncuts++] = len; /* a line may end before the space */
                text[len++] = x % 11 ? ' ' : '-';
                cuts[ncuts++] = len; /* and the next begin after it */
            }
            memcpy(text + len, word, strlen(word));
            len += strlen(word);
        }
        cuts[ncuts++] = len;
        struct text_style st = {.family = i % 5 ? "Inter" : "DejaVu Sans",
                                .size_px = 8 + i % 13 * 1.5,
                                .weight = i % 3 ? 400 : 700};
        for (size_t a = 0; a < ncuts; a++) {
            for (size_t b = a + 1; b < ncuts + 3; b++) {
                size_t start = cuts[a];
                if (start >= len) {
                    break;
                }
                size_t end = b < ncuts ? cuts[b] : start + 1 + (x + b) % (len - start);
                while (end < len && ((unsigned char)text[end] & 0xC0) == 0x80) {
                    end++; /* a code point boundary */
                }
                if (end <= start) {
                    continue;
                }
                struct text_metrics r, want;
                ranges->measure_range(ranges->ctx, &st, text, len, start, end, &r);
                alone->measure(alone->ctx, &st, text + start, end - start, &want);
                ranges_checked++;
                if ((r.width != want.width || r.ascent != want.ascent ||
                     r.descent != want.descent) &&
                    differ++ < 3) {
                    fprintf(stderr, "  \"%.*s\" [%zu, %zu) of \"%.*s\": %.6f, alone %.6f\n",
                            (int)(end - start), text + start, start, end, (int)len, text, r.width,
                            want.width);
                }
            }
        }
    }
    CHECK_INT(differ, 0);
    /* Shaped: the 300 texts, and the few ranges whose ends HarfBuzz marked. */
    size_t shaped = csvchart_text_pango_shapings(ranges) - before;
    CHECK(ranges_checked > 5000);
    CHECK(shaped < ranges_checked / 4);
    csvchart_text_pango_free(ranges);
    csvchart_text_pango_free(alone);
}

/*
 * prefix_widths(): a text's prefix widths from its whole shaping - zero at the start, the
 * whole width at the end, never decreasing, near each prefix that ends before a space
 * measured as a range - and wrapping that estimates candidate lines from them breaks every text
 * into exactly the lines (and widths) it gives when it measures the pieces instead (text_wrap.c).
 */
static void test_prefix_widths_wrap_the_same(void)
{
    csvchart_text_measurer *pm = csvchart_text_pango_new();
    CHECK(pm != NULL && pm->prefix_widths != NULL);
    if (!pm || !pm->prefix_widths) {
        return;
    }
    csvchart_text_measurer plain = *pm;
    plain.prefix_widths = NULL;
    static const char *const words[] = {"Anthropic",
                                        "ships",
                                        "an",
                                        "open-weight",
                                        "model",
                                        "(12)",
                                        "AV",
                                        "To",
                                        "office",
                                        "x",
                                        "->",
                                        "price/token",
                                        "1:30",
                                        "$0.07",
                                        "857x",
                                        "fluff",
                                        "Z\xc3\xbcrich",
                                        "3\xc2\xa0"
                                        "events",
                                        "2019\xe2\x80\x93"
                                        "2020",
                                        "we'll",
                                        "--",
                                        "T."};
    const size_t nwords = sizeof words / sizeof words[0];
    uint32_t x = 2463534242u;
    size_t lines_checked = 0, prefixes_checked = 0, far = 0, differ = 0;
    for (int i = 0; i < 400; i++) {
        char text[240];
        size_t len = 0;
        for (int w = 0; w < 3 + i % 14 && len < 200; w++) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            const char *word = words[x % nwords];
            if (w) {
                text[len++] = x % 13 ? ' ' : '/';
            }
            memcpy(text + len, word, strlen(word));
            len += strlen(word);
        }
        text[len] = '\0';
        struct text_style st = {.family = i % 4 ? "Inter" : "DejaVu Sans",
                                .size_px = 9 + i % 11 * 1.5,
                                .weight = i % 3 ? 400 : 700};
        double pw[241];
        if (!pm->prefix_widths(pm->ctx, &st, text, len, pw)) {
            fprintf(stderr, "  no prefix widths: \"%s\" %s %d\n", text, st.family, st.weight);
            CHECK(false);
            continue;
        }
        struct text_metrics whole;
        pm->measure_range(pm->ctx, &st, text, len, 0, len, &whole);
        CHECK_DBL(pw[0], 0, 0);
        CHECK_DBL(pw[len], whole.width, 0);
        for (size_t k = 1; k <= len; k++) {
            CHECK(pw[k] >= pw[k - 1]);
            if (k == len || text[k] == ' ') { /* a line may end there */
                struct text_metrics r;
                pm->measure_range(pm->ctx, &st, text, len, 0, k, &r);
                prefixes_checked++;
                /* Off only where a glyph by the cut takes another form when the text goes
                 * on (Inter's "857x 3": the x of a product): a quarter of an em at most. */
                if (fabs(r.width - pw[k]) > 0.25 * st.size_px && far++ < 3) {
                    fprintf(stderr, "  \"%.*s|%s\": prefix %.3f, measured %.3f\n", (int)k, text,
                            text + k, pw[k], r.width);
                }
            }
        }
        for (int t = 0; t < 6; t++) {
            double width = whole.width * (0.08 + 0.17 * t);
            struct text_line a[64], b[64];
            size_t na = csvchart_text_wrap(pm, &st, text, width, a, 64);
            size_t nb = csvchart_text_wrap(&plain, &st, text, width, b, 64);
            CHECK_INT(na, nb);
            for (size_t k = 0; k < na && k < nb && k < 64; k++) {
                lines_checked++;
                if ((a[k].start != b[k].start || a[k].len != b[k].len ||
                     a[k].width != b[k].width) &&
                    differ++ < 3) {
                    fprintf(stderr,
                            "  \"%s\" at %.1f: line %zu %zu+%zu %.4f, pieces %zu+%zu %.4f\n", text,
                            width, k, a[k].start, a[k].len, a[k].width, b[k].start, b[k].len,
                            b[k].width);
                }
            }
        }
    }
    CHECK_INT(differ, 0);
    CHECK_INT(far, 0);
    CHECK(lines_checked > 3000);
    CHECK(prefixes_checked > 2000);
    /* Text it did not shape directly (CJK here): no prefix widths, and wrapping measures. */
    struct text_style st = {.family = "Inter", .size_px = 12, .weight = 400};
    double pw[64];
    const char *cjk = "\xe6\x9d\xb1\xe4\xba\xac \xe6\xb7\xb1\xe5\xba\xa6";
    CHECK(!pm->prefix_widths(pm->ctx, &st, cjk, strlen(cjk), pw));
    csvchart_text_pango_free(pm);
}

/*
 * prepare(): the texts a layout is about to measure, shaped ahead - on a second thread when a
 * core is spare. Afterwards every text and range measures exactly what a measurer that was
 * not told gives, each distinct ASCII text was shaped once (duplicates, texts shaped before
 * and non-ASCII ones are not), and measuring the wholes shapes nothing more. Without a spare
 * core nothing is shaped ahead.
 */
static void test_prepare_shapes_ahead(void)
{
    csvchart_text_measurer *told = csvchart_text_pango_new(), *plain = csvchart_text_pango_new();
    CHECK(told != NULL && plain != NULL && told->prepare != NULL);
    if (!told || !plain || !told->prepare) {
        return;
    }
    static const char *const who[] = {"OpenAI", "Anthropic", "Google DeepMind", "xAI", "AV Ty"};
    static const char *const what[] = {"ships an open-weight model", "raises a round",
                                       "opens an API price cut", "publishes a safety report"};
    enum { N = 300 };
    static char texts[N][80];
    struct text_style label = {.family = "Inter", .size_px = 15, .weight = 700};
    struct text_style date = {.family = "Inter", .size_px = 13, .weight = 400};
    struct text_job jobs[N];
    size_t distinct = 0;
    for (int i = 0; i < N; i++) {
        if (i % 3 == 2) {
            snprintf(texts[i], sizeof texts[i], "%d %s 20%02d", 1 + i % 28, i % 2 ? "Mar" : "Oct",
                     i % 7); /* dates, some twice */
        } else if (i == 10) {
            snprintf(texts[i], sizeof texts[i], "Z\xc3\xbcrich \xe6\x9d\xb1\xe4\xba\xac"); /* CJK */
        } else {
            snprintf(texts[i], sizeof texts[i], "%s %s (%d)", who[i % 5], what[i % 4], i);
        }
        jobs[i] = (struct text_job){i % 3 == 2 ? &date : &label, texts[i], strlen(texts[i])};
        bool again = false;
        for (int k = 0; k < i && !again; k++) {
            again = jobs[k].style == jobs[i].style && strcmp(texts[k], texts[i]) == 0;
        }
        distinct += !again && i != 10;
    }
    /* The measurer's slots for styles (eight) filled first, the labels' style the oldest:
     * setting up the dates' style reuses its slot while the labels wait to be shaped. */
    static const char *const families[] = {"DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono",
                                           "Inter"};
    struct text_metrics tm;
    told->measure(told->ctx, &label, "x", 1, &tm);
    for (int i = 0; i < 7; i++) {
        struct text_style other = {.family = families[i % 4], .size_px = 10, .weight = 300 + i};
        told->measure(told->ctx, &other, "x", 1, &tm);
    }
    /* Not spare: one figure busy with a budget of one thread. */
    csvchart_cores_set_budget(1);
    csvchart_cores_busy(1);
    size_t s0 = csvchart_text_pango_shapings(told);
    told->prepare(told->ctx, jobs, N);
    CHECK_INT(csvchart_text_pango_shapings(told) - s0, 0);
    csvchart_cores_busy(-1);
    /* Spare: the distinct ASCII texts, once; again, nothing. */
    csvchart_cores_set_budget(2);
    told->prepare(told->ctx, jobs, N);
    size_t s1 = csvchart_text_pango_shapings(told);
    CHECK_INT(s1 - s0, distinct);
    told->prepare(told->ctx, jobs, N);
    CHECK_INT(csvchart_text_pango_shapings(told), s1);
    csvchart_cores_set_budget(0);
    for (int i = 0; i < N; i++) { /* the wholes were shaped ahead */
        struct text_metrics a;
        if (i != 10) {
            told->measure_range(told->ctx, jobs[i].style, jobs[i].s, jobs[i].len, 0, jobs[i].len,
                                &a);
        }
    }
    CHECK_INT(csvchart_text_pango_shapings(told), s1);
    size_t differ = 0;
    for (int i = 0; i < N; i++) {
        const struct text_job *j = &jobs[i];
        for (size_t end = j->len; end > 0; end = end > 9 && i != 10 ? end - 9 : 0) {
            struct text_metrics a, b;
            told->measure_range(told->ctx, j->style, j->s, j->len, 0, end, &a);
            plain->measure_range(plain->ctx, j->style, j->s, j->len, 0, end, &b);
            if ((a.width != b.width || a.ascent != b.ascent || a.descent != b.descent) &&
                differ++ < 3) {
                fprintf(stderr, "  \"%.*s\": %.6f, not told %.6f\n", (int)end, j->s, a.width,
                        b.width);
            }
        }
    }
    CHECK_INT(differ, 0);
    csvchart_text_pango_free(told);
    csvchart_text_pango_free(plain);
}

/* Issue 10: a tab or a line end measures as the space the scene draws for it (a tab took a
 * tab stop of 8 spaces, a newline a second line: boxes wider or taller than the text drawn). */
static void test_tabs_and_line_ends(void)
{
    struct text_metrics sp = measure("Price per token", 16, 400);
    const char *variants[] = {"Price\tper token", "Price per\ntoken", "Price\r\nper token"};
    for (size_t i = 0; i < 3; i++) {
        struct text_metrics tm = measure(variants[i], 16, 400);
        double want = sp.width + (i == 2 ? measure(" ", 16, 400).width : 0);
        CHECK_DBL(tm.width, want, 1e-9);
        CHECK_DBL(tm.ascent, sp.ascent, 1e-9);
        CHECK_DBL(tm.descent, sp.descent, 1e-9);
    }
    char big[600]; // longer than the measurer's stack buffer
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    big[300] = '\t';
    double with_tab = measure(big, 16, 400).width;
    big[300] = ' ';
    CHECK_DBL(with_tab, measure(big, 16, 400).width, 1e-9);
}

/*
 * A glyph no font has takes room, whatever was measured before it: Pango gives it the width of
 * the font's average character, which it computes once per font - and leaves 0 when first asked
 * while computing another font's (text_pango.c primes it). Thai after Hebrew measured 0 px.
 */
static void test_unknown_glyphs_take_room(void)
{
    if (system("fc-list :lang=th | grep -q .") == 0 || system("fc-list :lang=he | grep -q .")) {
        printf("a Thai font, or no Hebrew font: unknown-glyph checks skipped\n");
        return;
    }
    struct text_style st = {.family = "Inter", .size_px = 13, .weight = 400};
    const char *thai = "\xE0\xB8\xA0\xE0\xB8\xB2\xE0\xB8\xA9\xE0\xB8\xB2";    /* ภาษา */
    const char *hebrew = "\xD7\xAA\xD7\x9C \xD7\x90\xD7\x91\xD7\x99\xD7\x91"; /* תל אביב */
    csvchart_text_measurer *alone = csvchart_text_pango_new(), *after = csvchart_text_pango_new();
    struct text_metrics a, h, b;
    alone->measure(alone->ctx, &st, thai, strlen(thai), &a);
    after->measure(after->ctx, &st, hebrew, strlen(hebrew), &h);
    after->measure(after->ctx, &st, thai, strlen(thai), &b);
    CHECK(a.width > 4 * 3); /* four boxes of a few px each */
    CHECK_DBL(b.width, a.width, 0.01);
    csvchart_text_pango_free(alone);
    csvchart_text_pango_free(after);
}

int main(void)
{
    if (system("fc-list | grep -q 'Inter'") != 0) {
        printf("the Inter font is not installed: skipped\n");
        return 77;
    }
    m = csvchart_text_pango_new();
    CHECK(m != NULL);
    if (!m) {
        return harness_done();
    }
    RUN(test_font_maps_keep_their_configuration);
    RUN(test_widths);
    RUN(test_linear_in_size);
    RUN(test_scale_independent);
    RUN(test_cjk_fallback);
    RUN(test_fast_ascii_is_exact);
    RUN(test_ranges_are_exact);
    RUN(test_prepare_shapes_ahead);
    RUN(test_prefix_widths_wrap_the_same);
    RUN(test_tabs_and_line_ends);
    RUN(test_unknown_glyphs_take_room);
    csvchart_text_pango_free(m);
    csvchart_text_pango_free(NULL);
    return harness_done();
}
