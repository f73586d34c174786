/*
 * test_text_check.c - the warnings about a font family that is not installed and characters
 * no installed font has (text_check.c), with a fake measurer whose fonts lack Thai,
 * Devanagari and the minus sign U+2212 and have only the families Inter and DejaVu Sans; and
 * the real Pango measurer's answers (text_pango.c: substitute, missing), which depend on the
 * fonts installed (each such case says what it found when it cannot run).
 */
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "harness.h"
#include "text_check.h"
#include "utf8.h"

/* ---- The fake fonts ------------------------------------------------------------------------ */

static size_t missing_calls, ascii_calls;

static bool lacks(uint32_t cp)
{
    return (cp >= 0x0E00 && cp <= 0x0E7F) || (cp >= 0x0900 && cp <= 0x097F) || cp == 0x2212;
}

static size_t fake_missing(void *ctx, const struct text_style *style, const char *s, size_t len,
                           uint32_t *cps, size_t max)
{
    (void)ctx;
    (void)style;
    missing_calls++;
    bool ascii = true;
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += csvchart_utf8_decode(s + i, len - i, &cp);
        ascii = ascii && cp >= 0x20 && cp < 0x7f;
        if (lacks(cp)) {
            if (n < max) {
                cps[n] = cp;
            }
            n++;
        }
    }
    ascii_calls += ascii;
    return n;
}

static bool fake_substitute(void *ctx, const char *family, char *used, size_t size)
{
    (void)ctx;
    if (strcmp(family, "Inter") == 0 || strcmp(family, "DejaVu Sans") == 0 ||
        strcmp(family, "sans-serif") == 0) {
        return false;
    }
    snprintf(used, size, "DejaVu Sans");
    return true;
}

static bool substitute_no_inter(void *ctx, const char *family, char *used, size_t size)
{
    return strcmp(family, "Inter") == 0 ? fake_substitute(ctx, "?", used, size)
                                        : fake_substitute(ctx, family, used, size);
}

static void fake_measure(void *ctx, const struct text_style *style, const char *s, size_t len,
                         struct text_metrics *out)
{
    (void)ctx;
    csvchart_text_fake()->measure(NULL, style, s, len, out);
}

static const csvchart_text_measurer fake_fonts = {
    .measure = fake_measure, .substitute = fake_substitute, .missing = fake_missing};

static const char *const plain_csv = "model,price\nDeepSeek R1,0.07\nOpenAI o1,60\n";

/* A bar figure on `csv` with the fake fonts and the option pairs, laid out; *status gets the
 * layout's status (the message in *err). */
static csvchart_figure *laid_out(const char *csv, const char *const *opts, csvchart_error *err,
                                 csvchart_status *status)
{
    csvchart_figure *fig = csvchart_figure_new("bar", err);
    csvchart_figure_set_measurer(fig, &fake_fonts);
    for (size_t i = 0; opts && opts[i]; i += 2) {
        csvchart_set(fig, opts[i], opts[i + 1], err);
    }
    csvchart_figure_load_buffer(fig, "t.csv", csv, strlen(csv), err);
    *status = csvchart_figure_scene(fig, err) ? CSVCHART_OK : err->status;
    return fig;
}

/* The figure's warnings, one a line. */
static const char *warnings(const csvchart_figure *fig)
{
    static char buf[8192];
    buf[0] = '\0';
    for (size_t i = 0; i < csvchart_figure_warning_count(fig); i++) {
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s\n",
                 csvchart_figure_warning(fig, i));
    }
    return buf;
}

/* ---- The font family ------------------------------------------------------------------------ */

static void test_family(void)
{
    csvchart_error err = {0};
    csvchart_status st;
    const char *installed[] = {"font", "DejaVu Sans", NULL};
    csvchart_figure *fig = laid_out(plain_csv, installed, &err, &st);
    CHECK_INT(st, CSVCHART_OK);
    CHECK_STR(warnings(fig), "");
    csvchart_figure_free(fig);

    const char *generic[] = {"font", "sans-serif", NULL};
    fig = laid_out(plain_csv, generic, &err, &st);
    CHECK_STR(warnings(fig), "");
    csvchart_figure_free(fig);

    /* a flag: no position */
    const char *comic[] = {"font", "Comic Sans MS", NULL};
    fig = laid_out(plain_csv, comic, &err, &st);
    CHECK_INT(st, CSVCHART_OK);
    CHECK_STR(warnings(fig), "font \"Comic Sans MS\" is not installed; drawn with \"DejaVu "
                             "Sans\" (fc-list lists the installed fonts)\n");
    /* laid out again after an option changes: said again, once */
    csvchart_set(fig, "title", "Prices", &err);
    CHECK(csvchart_figure_scene(fig, &err) != NULL);
    CHECK_INT(csvchart_figure_warning_count(fig), 1);
    csvchart_figure_free(fig);

    /* set in an INI file: its line */
    fig = csvchart_figure_new("bar", &err);
    csvchart_figure_set_measurer(fig, &fake_fonts);
    csvchart_set_at(fig, "font", "Helvetica", "figures.ini", 7, &err);
    csvchart_figure_load_buffer(fig, "t.csv", plain_csv, strlen(plain_csv), &err);
    CHECK(csvchart_figure_scene(fig, &err) != NULL);
    CHECK_STR(warnings(fig), "figures.ini:7: font \"Helvetica\" is not installed; drawn with "
                             "\"DejaVu Sans\" (fc-list lists the installed fonts)\n");
    csvchart_figure_free(fig);
}

static void test_family_default_and_theme(void)
{
    /* The default family is checked too: fonts without Inter. */
    csvchart_text_measurer no_inter = fake_fonts;
    no_inter.substitute = substitute_no_inter;
    csvchart_error err = {0};
    csvchart_figure *fig = csvchart_figure_new("bar", &err);
    csvchart_figure_set_measurer(fig, &no_inter);
    csvchart_figure_load_buffer(fig, "t.csv", plain_csv, strlen(plain_csv), &err);
    CHECK(csvchart_figure_scene(fig, &err) != NULL);
    CHECK_STR(warnings(fig), "font \"Inter\" (the default) is not installed; drawn with "
                             "\"DejaVu Sans\" (fc-list lists the installed fonts)\n");
    csvchart_figure_free(fig);

    char path[512];
    snprintf(path, sizeof path, "%s/tests/text_check_house.ini", CSVCHART_BINARY_DIR);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f) {
        return;
    }
    fputs("[theme]\nbase = light\nfont = Comic Sans MS\nbyline = Chart: \xE0\xB8\x81\n", f);
    fclose(f);
    fig = csvchart_figure_new("bar", &err);
    csvchart_figure_set_measurer(fig, &fake_fonts);
    csvchart_set(fig, "theme", path, &err);
    csvchart_figure_load_buffer(fig, "t.csv", plain_csv, strlen(plain_csv), &err);
    CHECK(csvchart_figure_scene(fig, &err) != NULL);
    char want[2048];
    snprintf(want, sizeof want,
             "%s:3: font \"Comic Sans MS\" is not installed; drawn with \"DejaVu Sans\" (fc-list "
             "lists the installed fonts)\n"
             "%s:4: byline: no installed font has U+0E01 \"\xE0\xB8\x81\" (Thai): drawn as a "
             "box\n",
             path, path);
    CHECK_STR(warnings(fig), want);
    /* the figure's own font wins over the house's, and is what is checked */
    csvchart_set(fig, "font", "Inter", &err);
    CHECK(csvchart_figure_scene(fig, &err) != NULL);
    CHECK_INT(csvchart_figure_warning_count(fig), 1);
    csvchart_figure_free(fig);
    remove(path);
}

static void test_family_error(void)
{
    csvchart_error err = {0};
    csvchart_status st;
    const char *opts[] = {"font", "Comic Sans MS", "font_missing", "error", NULL};
    csvchart_figure *fig = laid_out(plain_csv, opts, &err, &st);
    CHECK_INT(st, CSVCHART_ERROR_VALUE);
    CHECK_STR(err.message, "font \"Comic Sans MS\" is not installed (fc-list lists the installed "
                           "fonts); it would be drawn with \"DejaVu Sans\" (font_missing = error)");
    CHECK_INT(csvchart_figure_warning_count(fig), 0);
    /* nothing is drawn */
    void *data = NULL;
    size_t len = 0;
    csvchart_error e2 = {0};
    CHECK(csvchart_figure_render(fig, CSVCHART_FORMAT_SVG, &data, &len, &e2) != CSVCHART_OK);
    CHECK(data == NULL);
    csvchart_figure_free(fig);

    const char *fine[] = {"font", "Inter", "font_missing", "error", NULL};
    csvchart_error ok = {0};
    fig = laid_out(plain_csv, fine, &ok, &st);
    CHECK_INT(st, CSVCHART_OK);
    csvchart_figure_free(fig);

    csvchart_error bad = {0};
    fig = csvchart_figure_new("bar", &bad);
    CHECK_INT(csvchart_set(fig, "font_missing", "ignore", &bad), CSVCHART_ERROR_VALUE);
    csvchart_figure_free(fig);
}

/* ---- Characters ----------------------------------------------------------------------------- */

#define KO_KAI "\xE0\xB8\x81"   /* U+0E01 THAI CHARACTER KO KAI */
#define KHO_KHAI "\xE0\xB8\x82" /* U+0E02 */
#define NA "\xE0\xA4\xA8"       /* U+0928 DEVANAGARI LETTER NA */

static void test_glyph_in_title(void)
{
    csvchart_error err = {0};
    csvchart_status st;
    const char *opts[] = {"title", "Price " KO_KAI KO_KAI, NULL};
    csvchart_figure *fig = laid_out(plain_csv, opts, &err, &st);
    CHECK_INT(st, CSVCHART_OK);
    CHECK_STR(warnings(fig),
              "title: no installed font has U+0E01 \"" KO_KAI "\" (Thai): drawn as a box\n");
    csvchart_figure_free(fig);

    /* from an INI file: its line; with font_missing = error, refused there */
    fig = csvchart_figure_new("bar", &err);
    csvchart_figure_set_measurer(fig, &fake_fonts);
    csvchart_set_at(fig, "subtitle", "US$ " NA, "figures.ini", 4, &err);
    csvchart_set_at(fig, "font_missing", "error", "figures.ini", 5, &err);
    csvchart_figure_load_buffer(fig, "t.csv", plain_csv, strlen(plain_csv), &err);
    CHECK(csvchart_figure_scene(fig, &err) == NULL);
    CHECK_INT(err.status, CSVCHART_ERROR_VALUE);
    CHECK_STR(csvchart_error_text(&err),
              "figures.ini:4: subtitle: no installed font has U+0928 \"" NA
              "\" (Devanagari); it would be drawn as a box (font_missing = error)");
    csvchart_figure_free(fig);
}

static void test_glyph_in_cells(void)
{
    csvchart_error err = {0};
    csvchart_status st;
    /* The note column is not drawn: its KO KAI comes first in the file, but the cell that is
     * drawn (the category on line 4) is the one named. */
    const char *csv = "model,price,note\n"
                      "DeepSeek R1,0.07," KO_KAI "\n"
                      "\"" NA "\",3,x\n"
                      "Mo" KO_KAI ",60,y\n";
    const char *opts[] = {"x", "model", "y", "price", NULL};
    csvchart_figure *fig = laid_out(csv, opts, &err, &st);
    CHECK_INT(st, CSVCHART_OK);
    CHECK_STR(warnings(fig), "t.csv:3:1: no installed font has U+0928 \"" NA
                             "\" (Devanagari), in \"" NA "\": drawn as a box\n"
                             "t.csv:4:1: no installed font has U+0E01 \"" KO_KAI
                             "\" (Thai), in \"Mo" KO_KAI "\": drawn as a box\n");
    csvchart_figure_free(fig);

    /* a column name (drawn as the legend of two series) */
    const char *named = "model,price " KHO_KHAI ",b\nA,1,2\nB,3,4\n";
    fig = laid_out(named, NULL, &err, &st);
    CHECK_INT(st, CSVCHART_OK);
    CHECK_STR(warnings(fig), "t.csv:1:7: no installed font has U+0E02 \"" KHO_KHAI
                             "\" (Thai), in \"price " KHO_KHAI "\": drawn as a box\n");
    csvchart_figure_free(fig);

    /* font_missing = error: a data error at the cell */
    const char *strict[] = {"x", "model", "y", "price", "font_missing", "error", NULL};
    csvchart_error e2 = {0};
    fig = laid_out(csv, strict, &e2, &st);
    CHECK_INT(st, CSVCHART_ERROR_DATA);
    CHECK_STR(csvchart_error_text(&e2),
              "t.csv:3:1: no installed font has U+0928 \"" NA "\" (Devanagari), in \"" NA
              "\"; it would be drawn as a box (font_missing = error)");
    csvchart_figure_free(fig);
}

static void test_glyph_the_figure_writes(void)
{
    /* The minus sign U+2212 is the formatter's, in no option or cell. */
    csvchart_error err = {0};
    csvchart_status st;
    const char *csv = "model,change\nA,-5\nB,10\n";
    csvchart_figure *fig = laid_out(csv, NULL, &err, &st);
    CHECK_INT(st, CSVCHART_OK);
    CHECK_STR(warnings(fig), "no installed font has U+2212 \"\xE2\x88\x92\", in the text "
                             "\"\xE2\x88\x92"
                             "5\": drawn as a box\n");
    CHECK_INT(csvchart_figure_warning_count(fig), 1);
    csvchart_figure_free(fig);
}

static void test_bounded_and_ordered(void)
{
    /* 30 distinct Thai letters in the title, one Devanagari letter in a cell: the title's
     * first letter and the cell's get a warning each (first of each place), then the title's
     * next three, then one warning for the remaining 26. */
    char title[256] = "T ";
    for (uint32_t cp = 0x0E01; cp <= 0x0E1E; cp++) {
        char u[4] = {(char)(0xE0 | (cp >> 12)), (char)(0x80 | ((cp >> 6) & 0x3F)),
                     (char)(0x80 | (cp & 0x3F)), 0};
        strcat(title, u);
    }
    const char *csv = "model,price\n" NA ",1\nB,2\n";
    const char *opts[] = {"title", title, NULL};
    csvchart_error err = {0};
    csvchart_status st;
    csvchart_figure *fig = laid_out(csv, opts, &err, &st);
    CHECK_INT(st, CSVCHART_OK);
    CHECK_INT(csvchart_figure_warning_count(fig), CSVCHART_TEXT_CHECK_NAMED + 1);
    CHECK(strncmp(csvchart_figure_warning(fig, 0), "title: no installed font has U+0E01", 35) == 0);
    CHECK(strncmp(csvchart_figure_warning(fig, 1), "title: no installed font has U+0E02", 35) == 0);
    CHECK(strncmp(csvchart_figure_warning(fig, 3), "title: no installed font has U+0E04", 35) == 0);
    CHECK(strncmp(csvchart_figure_warning(fig, 4), "t.csv:2:1: no installed font has U+0928", 39) ==
          0);
    CHECK_STR(csvchart_figure_warning(fig, 5),
              "26 more characters no installed font has are drawn as boxes: U+0E05 \"\xE0\xB8\x85"
              "\", U+0E06 \"\xE0\xB8\x86\", U+0E07 \"\xE0\xB8\x87\", U+0E08 \"\xE0\xB8\x88\", "
              "U+0E09 \"\xE0\xB8\x89\", U+0E0A \"\xE0\xB8\x8A\", U+0E0B \"\xE0\xB8\x8B\", U+0E0C "
              "\"\xE0\xB8\x8C\", U+0E0D \"\xE0\xB8\x8D\", U+0E0E \"\xE0\xB8\x8E\", ... (Thai; in "
              "title)");
    /* the same figure again: the same warnings, word for word */
    char first[8192];
    snprintf(first, sizeof first, "%s", warnings(fig));
    csvchart_figure *again = laid_out(csv, opts, &err, &st);
    CHECK_STR(warnings(again), first);
    csvchart_figure_free(again);
    csvchart_figure_free(fig);
}

static void test_ascii_not_asked(void)
{
    csvchart_error err = {0};
    csvchart_status st;
    missing_calls = ascii_calls = 0;
    const char *opts[] = {"title", "Prices", "source", "Example", NULL};
    csvchart_figure *fig = laid_out(plain_csv, opts, &err, &st);
    CHECK_INT(st, CSVCHART_OK);
    CHECK_INT(missing_calls, 0);
    csvchart_figure_free(fig);
    const char *accents[] = {"title", "Caf\xC3\xA9 prices", NULL};
    fig = laid_out(plain_csv, accents, &err, &st);
    CHECK_INT(missing_calls, 1); /* the title, nothing else */
    CHECK_INT(ascii_calls, 0);
    CHECK_STR(warnings(fig), "");
    csvchart_figure_free(fig);
}

/* ---- The real fonts (text_pango.c) ---------------------------------------------------------- */

/* Whether an installed font has the code point (fontconfig's own answer). */
static bool font_has(uint32_t cp)
{
    FcPattern *p = FcPatternCreate();
    FcCharSet *cs = FcCharSetCreate();
    FcCharSetAddChar(cs, cp);
    FcPatternAddCharSet(p, FC_CHARSET, cs);
    FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, NULL);
    FcFontSet *fs = FcFontList(NULL, p, os);
    bool has = fs && fs->nfont > 0;
    if (fs) {
        FcFontSetDestroy(fs);
    }
    FcObjectSetDestroy(os);
    FcCharSetDestroy(cs);
    FcPatternDestroy(p);
    return has;
}

/* Whether a family is installed under that name (fontconfig's listing). */
static bool family_installed(const char *family)
{
    FcPattern *p = FcPatternBuild(NULL, FC_FAMILY, FcTypeString, family, (char *)NULL);
    FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, NULL);
    FcFontSet *fs = FcFontList(NULL, p, os);
    bool has = fs && fs->nfont > 0;
    if (fs) {
        FcFontSetDestroy(fs);
    }
    FcObjectSetDestroy(os);
    FcPatternDestroy(p);
    return has;
}

static int skipped;

static void skip(const char *why)
{
    printf("skip - %s\n", why);
    skipped++;
}

static void test_pango_substitute(void)
{
    csvchart_text_measurer *m = csvchart_text_pango_new();
    CHECK(m && m->substitute && m->missing);
    if (!m) {
        return;
    }
    char used[256] = "";
    CHECK(!m->substitute(m->ctx, "sans-serif", used, sizeof used));
    CHECK(!m->substitute(m->ctx, "Serif", used, sizeof used));
    CHECK(!m->substitute(m->ctx, "monospace", used, sizeof used));
    CHECK(!m->substitute(m->ctx, "", used, sizeof used));
    CHECK(!m->substitute(m->ctx, "No Such Font 3f9a, sans-serif", used, sizeof used));
    CHECK(m->substitute(m->ctx, "No Such Font 3f9a", used, sizeof used));
    CHECK(used[0] != '\0' && strcmp(used, "No Such Font 3f9a") != 0);
    if (family_installed("DejaVu Sans")) {
        CHECK(!m->substitute(m->ctx, "DejaVu Sans", used, sizeof used));
        CHECK(!m->substitute(m->ctx, "dejavu sans", used, sizeof used));
        CHECK(!m->substitute(m->ctx, "DejaVuSans", used, sizeof used));
        CHECK(!m->substitute(m->ctx, "No Such Font 3f9a, DejaVu Sans", used, sizeof used));
    } else {
        skip("DejaVu Sans is not installed: case and blanks in family names untested");
    }
    /* a localised family name */
    if (family_installed("WenQuanYi Micro Hei")) {
        CHECK(!m->substitute(m->ctx,
                             "\xE6\x96\x87\xE6\xB3\x89\xE9\xA9\xBF\xE5\xBE\xAE\xE7\xB1"
                             "\xB3\xE9\xBB\x91",
                             used, sizeof used)); /* 文泉驿微米黑 */
    } else {
        skip("WenQuanYi Micro Hei is not installed: localised family names untested");
    }
    if (!family_installed("Comic Sans MS")) {
        CHECK(m->substitute(m->ctx, "Comic Sans MS", used, sizeof used));
        FcPattern *p = FcNameParse((const FcChar8 *)"Comic Sans MS");
        FcConfigSubstitute(NULL, p, FcMatchPattern);
        FcDefaultSubstitute(p);
        FcResult r;
        FcPattern *best = FcFontMatch(NULL, p, &r);
        FcChar8 *fam = NULL;
        if (best && FcPatternGetString(best, FC_FAMILY, 0, &fam) == FcResultMatch) {
            CHECK_STR(used, (const char *)fam); /* what fc-match says */
        }
        if (best) {
            FcPatternDestroy(best);
        }
        FcPatternDestroy(p);
    } else {
        skip("Comic Sans MS is installed");
    }
    csvchart_text_pango_free(m);
}

static void test_pango_missing(void)
{
    csvchart_text_measurer *m = csvchart_text_pango_new();
    if (!m) {
        CHECK(m != NULL);
        return;
    }
    struct text_style st = {"Inter", 14, 400};
    uint32_t cps[8];
    CHECK_INT(m->missing(m->ctx, &st, "abc", 3, cps, 8), 0);
    if (font_has(0x0E01)) {
        skip("a font for Thai is installed: missing glyphs untested with Pango");
        csvchart_text_pango_free(m);
        return;
    }
    const char *s = "a" KO_KAI "b" KO_KAI KHO_KHAI;
    size_t len = strlen(s);
    /* asked before measuring, and after (the answer from the measurement cache) */
    for (int round = 0; round < 2; round++) {
        memset(cps, 0, sizeof cps);
        CHECK_INT(m->missing(m->ctx, &st, s, len, cps, 8), 3);
        CHECK_INT(cps[0], 0x0E01);
        CHECK_INT(cps[1], 0x0E01);
        CHECK_INT(cps[2], 0x0E02);
        CHECK_INT(m->missing(m->ctx, &st, s, len, cps, 1), 3); /* counts past max */
        struct text_metrics tm;
        m->measure(m->ctx, &st, s, len, &tm);
    }
    /* a measured string with every glyph: the cache says so */
    const char *cafe = "Caf\xC3\xA9";
    struct text_metrics tm;
    m->measure(m->ctx, &st, cafe, strlen(cafe), &tm);
    CHECK_INT(m->missing(m->ctx, &st, cafe, strlen(cafe), cps, 8), 0);
    if (font_has(0x4E2D)) {
        CHECK_INT(m->missing(m->ctx, &st, "\xE4\xB8\xAD", 3, cps, 8), 0); /* 中, a fallback */
    }
    csvchart_text_pango_free(m);
}

int main(void)
{
    RUN(test_family);
    RUN(test_family_default_and_theme);
    RUN(test_family_error);
    RUN(test_glyph_in_title);
    RUN(test_glyph_in_cells);
    RUN(test_glyph_the_figure_writes);
    RUN(test_bounded_and_ordered);
    RUN(test_ascii_not_asked);
    RUN(test_pango_substitute);
    RUN(test_pango_missing);
    if (skipped) {
        printf("%d case(s) skipped for the fonts installed\n", skipped);
    }
    return harness_done();
}
