/*
 * test_theme.c - colours that read (theme.c): every mark colour of every named palette and of
 * a user's list at least 3:1 against the background, every text colour 4.5:1, in each theme;
 * a series the same colour in light and dark; a colour brought into its band keeps its hue;
 * a highlight's colours (lightened on dark, muted versions of series colours);
 * house theme files (theme_file.c) read, and refused with the line of what is wrong.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "theme.h"

static const char *const palettes[] = {"okabe-ito", "tableau10", "observable10",
                                       "dark2",     "grey",      "#F0E442,#FFFFFF,#000000,#123456"};

static void test_contrast(void)
{
    static const char *const themes[] = {"light", "dark", "print"};
    for (size_t t = 0; t < 3; t++) {
        for (size_t p = 0; p < sizeof palettes / sizeof palettes[0]; p++) {
            struct theme th;
            CHECK(csvchart_theme_get(themes[t], palettes[p], &th));
            for (size_t i = 0; i < th.npalette; i++) {
                double c = csvchart_contrast(th.palette[i], th.background);
                HARNESS_REPORT(c >= 3, "%s, %s: colour %zu #%08x is %.2f:1", themes[t], palettes[p],
                               i, th.palette[i], c);
            }
            HARNESS_REPORT(csvchart_contrast(th.muted, th.background) >= 3, "%s: muted %.2f:1",
                           themes[t], csvchart_contrast(th.muted, th.background));
            const csvchart_rgba texts[] = {th.title, th.text, th.subtitle, th.faint};
            for (size_t i = 0; i < 4; i++) {
                HARNESS_REPORT(csvchart_contrast(texts[i], th.background) >= 4.5,
                               "%s: text colour %zu is %.2f:1", themes[t], i,
                               csvchart_contrast(texts[i], th.background));
            }
        }
    }
}

/* A series keeps its colour when the figure is drawn again in the other theme. */
static void test_same_in_light_and_dark(void)
{
    for (size_t p = 0; p < sizeof palettes / sizeof palettes[0]; p++) {
        struct theme light, dark;
        csvchart_theme_get("light", palettes[p], &light);
        csvchart_theme_get("dark", palettes[p], &dark);
        CHECK_INT(light.npalette, dark.npalette);
        for (size_t i = 0; i < light.npalette && i < dark.npalette; i++) {
            HARNESS_REPORT(light.palette[i] == dark.palette[i], "%s %zu: #%08x light, #%08x dark",
                           palettes[p], i, light.palette[i], dark.palette[i]);
        }
    }
    struct theme t;
    csvchart_theme_get("light", NULL, &t);
    CHECK_INT(t.palette[0], 0x0072B2FF); /* passes as it is: left alone */
    CHECK_INT(t.palette[1], 0xC68800FF); /* #E69F00, darkened to 3:1 on white */
}

/* Brought into the band by one factor on the linear channels: the hue stays. */
static void test_band_keeps_hue(void)
{
    csvchart_rgba c = csvchart_color_in_band(0xE69F00FF, 0, 0.29);
    CHECK(csvchart_luminance(c) <= 0.29 + 0.005);
    unsigned r = c >> 24 & 255, g = c >> 16 & 255, b = c >> 8 & 255;
    CHECK(r > g && g > b); /* still orange */
    CHECK_INT(c & 255u, 0xFFu);
    CHECK_INT(csvchart_color_in_band(0x336699FF, 0.1, 0.5), 0x336699FF);
}

/*
 * A highlight's colours (review 5): on paper the highlighted colour is the palette's; on dark
 * it is lightened, keeping the order of the colours' luminance (series told apart as before)
 * and the blue a blue, to 1.75:1 at least against the muted grey (okabe-ito's blue: #409BDE,
 * 5.46:1 on the background, 1.78:1 against #666B72, which is 3.06:1). A series' muted version
 * is a mark in every theme and palette (3:1), between its colour's luminance and the grey's.
 */
static void test_highlight_colors(void)
{
    struct theme light, dark;
    csvchart_theme_get("light", NULL, &light);
    csvchart_theme_get("dark", NULL, &dark);
    for (size_t i = 0; i < light.npalette; i++) {
        CHECK_INT(csvchart_theme_highlight_color(&light, light.palette[i]), light.palette[i]);
    }
    csvchart_rgba blue = csvchart_theme_highlight_color(&dark, dark.palette[0]);
    CHECK_INT(blue, 0x409BDEFF);
    CHECK(csvchart_contrast(dark.palette[0], dark.muted) < 1.1); /* the defect: hue alone */
    CHECK(csvchart_contrast(blue, dark.muted) >= 1.75);
    CHECK(csvchart_contrast(blue, dark.background) >= 5.4);
    CHECK(csvchart_contrast(dark.muted, dark.background) >= 3);
    for (size_t i = 0; i < dark.npalette; i++) {
        csvchart_rgba a = csvchart_theme_highlight_color(&dark, dark.palette[i]);
        HARNESS_REPORT(csvchart_contrast(a, dark.muted) >= 1.75 - 0.01, "colour %zu #%08x %.2f:1",
                       i, a, csvchart_contrast(a, dark.muted));
        for (size_t j = 0; j < i; j++) {
            csvchart_rgba b = csvchart_theme_highlight_color(&dark, dark.palette[j]);
            double li = csvchart_luminance(dark.palette[i]),
                   lj = csvchart_luminance(dark.palette[j]);
            double ai = csvchart_luminance(a), aj = csvchart_luminance(b);
            HARNESS_REPORT(fabs(li - lj) < 0.005 || (li < lj) == (ai < aj),
                           "colours %zu and %zu change places", j, i);
        }
    }
    static const char *const themes[] = {"light", "dark", "print"};
    for (size_t t = 0; t < 3; t++) {
        for (size_t p = 0; p < sizeof palettes / sizeof palettes[0]; p++) {
            struct theme th;
            csvchart_theme_get(themes[t], palettes[p], &th);
            double lm = csvchart_luminance(th.muted);
            for (size_t i = 0; i < th.npalette; i++) {
                csvchart_rgba m = csvchart_theme_muted_color(&th, th.palette[i]);
                double c = csvchart_contrast(m, th.background),
                       lc = csvchart_luminance(th.palette[i]);
                double l = csvchart_luminance(m);
                HARNESS_REPORT(c >= 3, "%s, %s: muted %zu #%08x is %.2f:1", themes[t], palettes[p],
                               i, m, c);
                HARNESS_REPORT(l >= fmin(lc, lm) - 0.005 && l <= fmax(lc, lm) + 0.005,
                               "%s, %s: muted %zu #%08x not between", themes[t], palettes[p], i, m);
            }
        }
    }
}

/* Writes `text` to a file in the working folder and loads it as a house theme. */
static csvchart_status load(const char *text, const char *palette, struct theme *t,
                            csvchart_error *err)
{
    FILE *f = fopen("house-test.ini", "wb");
    fputs(text, f);
    fclose(f);
    *err = (csvchart_error){0};
    csvchart_status st = csvchart_theme_load("house-test.ini", palette, t, err);
    remove("house-test.ini");
    return st;
}

static void test_house_file(void)
{
    struct theme t;
    csvchart_error err;
    CHECK(csvchart_theme_is_file("a/house.ini") && !csvchart_theme_is_file("dark") &&
          !csvchart_theme_is_file(".ini"));
    CHECK_INT(load("\xEF\xBB\xBF# house\r\n[theme]\r\nbase = dark\r\n"
                   "background = #101010 ; night\r\npalette = #FF0000, #00FF00\r\n"
                   "font = DejaVu Serif\nbyline = Chart: Us\ntitle_size = 36\nmargin: 50\n",
                   "", &t, &err),
              CSVCHART_OK);
    CHECK_INT(t.background, 0x101010FF);
    CHECK_INT(t.text, 0xEDEDEDFF); /* from base = dark */
    CHECK_INT(t.npalette, 2);
    CHECK(csvchart_contrast(t.palette[0], t.background) >= 3); /* red lightened to 3:1 */
    CHECK_STR(t.house.font, "DejaVu Serif");
    CHECK_STR(t.house.byline, "Chart: Us");
    CHECK_DBL(t.house.type[TYPE_TITLE], 36, 0);
    CHECK_DBL(t.house.type[TYPE_LABEL], 0, 0); /* not set: the built-in size */
    CHECK_DBL(t.house.pad_x, 50, 0);
    /* the figure's own palette wins over the house's */
    CHECK_INT(load("palette = #FF0000\n", "dark2", &t, &err), CSVCHART_OK);
    CHECK_INT(t.npalette, 8);

    static const struct {
        const char *text;
        size_t line;
        const char *message;
    } bad[] = {
        {"base = light\nfonts = Serif\n", 2,
         "unknown key \"fonts\"; a house theme sets base, palette, font, byline, the colours "
         "background, title, text, subtitle, faint, grid, axis, muted, the sizes title_size, "
         "subtitle_size, label_size, small_size and margin, margin_top, margin_bottom"},
        {"font = A\n\nfont = B\n", 3, "font is set twice (first on line 1)"},
        {"grid = #12\n", 1,
         "grid: \"#12\" is not a colour; expected #RGB, #RRGGBB or a colour name (blue, orange, "
         "green, red, sky, pink, yellow, grey)"},
        {"label_size = 12\n", 1,
         "label_size: 12 px is outside 13 to 48 px (the floor of its text, at most three times "
         "the default)"},
        {"margin = wide\n", 1, "margin: \"wide\" is not a number of px"},
        {"base = sepia\n", 1,
         "base: \"sepia\" is not a built-in theme; expected light, dark or print"},
        {"[figure]\n", 1, "\"[figure]\": a house theme has one section, [theme], if any"},
        {"just words\n", 1, "expected key = value, got \"just words\""},
        {"background = #FFFFFF\nfaint = #BBBBBB\n", 2,
         "faint text #BBBBBB on the background #FFFFFF is 1.9:1; text needs 4.5:1 (set faint "
         "darker or lighter)"},
        {"base = dark\nbackground = #FFFFFF\n", 2,
         "title text #F7F7F7 on the background #FFFFFF is 1.1:1; text needs 4.5:1 (set title "
         "darker or lighter)"},
        {"palette = nope\n", 1, NULL},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK_INT(load(bad[i].text, "", &t, &err), CSVCHART_ERROR_DATA);
        CHECK_STR(err.file, "house-test.ini");
        CHECK_INT(err.line, bad[i].line);
        if (bad[i].message) {
            CHECK_STR(err.message, bad[i].message);
        }
    }
    err = (csvchart_error){0};
    CHECK_INT(csvchart_theme_load("no-such-house.ini", "", &t, &err), CSVCHART_ERROR_IO);
}

int main(void)
{
    RUN(test_contrast);
    RUN(test_same_in_light_and_dark);
    RUN(test_band_keeps_hue);
    RUN(test_highlight_colors);
    RUN(test_house_file);
    return harness_done();
}
