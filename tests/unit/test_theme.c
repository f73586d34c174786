/*
 * test_theme.c - colours that read (theme.c): every mark colour of every named palette and of
 * a user's list at least 3:1 against the background, every text colour 4.5:1, in each theme;
 * a series the same colour in light and dark; a colour brought into its band keeps its hue;
 * every built-in palette's colours told apart from each other (CIEDE2000, and okabe-ito under
 * simulated deuteranopia and protanopia) after that banding;
 * a highlight's colours (lightened on dark, muted versions of series colours, highlighted
 * series told apart);
 * house theme files (theme_file.c) read, and refused with the line of what is wrong.
 */
#include <math.h>
#include <stdbool.h>
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

/* ---- telling colours apart ------------------------------------------------------------------ */

/* sRGB channel to linear light. */
static double linear(unsigned v)
{
    double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

/* CIELAB (D65) of linear sRGB. */
static void lab_of_linear(const double rgb[3], double lab[3])
{
    double x = (0.4124564 * rgb[0] + 0.3575761 * rgb[1] + 0.1804375 * rgb[2]) / 0.95047;
    double y = 0.2126729 * rgb[0] + 0.7151522 * rgb[1] + 0.0721750 * rgb[2];
    double z = (0.0193339 * rgb[0] + 0.1191920 * rgb[1] + 0.9503041 * rgb[2]) / 1.08883;
    double f[3] = {x, y, z};
    for (int i = 0; i < 3; i++) {
        f[i] = f[i] > 216.0 / 24389 ? cbrt(f[i]) : (24389.0 / 27 * f[i] + 16) / 116;
    }
    lab[0] = 116 * f[1] - 16;
    lab[1] = 500 * (f[0] - f[1]);
    lab[2] = 200 * (f[1] - f[2]);
}

/*
 * Machado, Oliveira and Fernandes (2009), severity 1, on linear sRGB: what a dichromat sees.
 * NULL: normal vision.
 */
static const double deuteranopia[3][3] = {{0.367322, 0.860646, -0.227968},
                                          {0.280085, 0.672501, 0.047413},
                                          {-0.011820, 0.042940, 0.968881}};
static const double protanopia[3][3] = {{0.152286, 1.052583, -0.204868},
                                        {0.114503, 0.786281, 0.099216},
                                        {-0.003882, -0.048116, 1.051998}};

static void lab_seen(csvchart_rgba c, const double (*cvd)[3], double lab[3])
{
    double rgb[3] = {linear(c >> 24 & 255), linear(c >> 16 & 255), linear(c >> 8 & 255)};
    if (cvd) {
        double v[3];
        for (int i = 0; i < 3; i++) {
            v[i] = cvd[i][0] * rgb[0] + cvd[i][1] * rgb[1] + cvd[i][2] * rgb[2];
            v[i] = v[i] < 0 ? 0 : v[i] > 1 ? 1 : v[i];
        }
        memcpy(rgb, v, sizeof v);
    }
    lab_of_linear(rgb, lab);
}

static double rad(double deg)
{
    return deg * 3.14159265358979323846 / 180;
}

/* CIEDE2000 (Sharma, Wu and Dalal 2005) between two CIELAB colours. */
static double ciede2000(const double l1[3], const double l2[3])
{
    double c1 = hypot(l1[1], l1[2]), c2 = hypot(l2[1], l2[2]), cb = (c1 + c2) / 2;
    double cb7 = pow(cb, 7), g = 0.5 * (1 - sqrt(cb7 / (cb7 + pow(25, 7))));
    double a1 = (1 + g) * l1[1], a2 = (1 + g) * l2[1];
    double cp1 = hypot(a1, l1[2]), cp2 = hypot(a2, l2[2]);
    double h1 = cp1 == 0 ? 0 : fmod(atan2(l1[2], a1) * 180 / 3.14159265358979323846 + 360, 360);
    double h2 = cp2 == 0 ? 0 : fmod(atan2(l2[2], a2) * 180 / 3.14159265358979323846 + 360, 360);
    double dl = l2[0] - l1[0], dc = cp2 - cp1, dh = 0;
    if (cp1 * cp2 != 0) {
        dh = h2 - h1;
        dh = dh > 180 ? dh - 360 : dh < -180 ? dh + 360 : dh;
    }
    double dhh = 2 * sqrt(cp1 * cp2) * sin(rad(dh / 2));
    double lb = (l1[0] + l2[0]) / 2, cpb = (cp1 + cp2) / 2, hb = h1 + h2;
    if (cp1 * cp2 != 0) {
        hb = fabs(h1 - h2) <= 180 ? (h1 + h2) / 2
             : h1 + h2 < 360      ? (h1 + h2 + 360) / 2
                                  : (h1 + h2 - 360) / 2;
    }
    double t = 1 - 0.17 * cos(rad(hb - 30)) + 0.24 * cos(rad(2 * hb)) +
               0.32 * cos(rad(3 * hb + 6)) - 0.20 * cos(rad(4 * hb - 63));
    double dth = 30 * exp(-pow((hb - 275) / 25, 2));
    double cpb7 = pow(cpb, 7), rc = 2 * sqrt(cpb7 / (cpb7 + pow(25, 7)));
    double sl = 1 + 0.015 * pow(lb - 50, 2) / sqrt(20 + pow(lb - 50, 2));
    double sc = 1 + 0.045 * cpb, sh = 1 + 0.015 * cpb * t;
    double rt = -sin(rad(2 * dth)) * rc;
    return sqrt(pow(dl / sl, 2) + pow(dc / sc, 2) + pow(dhh / sh, 2) + rt * (dc / sc) * (dhh / sh));
}

static double distance(csvchart_rgba a, csvchart_rgba b, const double (*cvd)[3])
{
    double la[3], lb[3];
    lab_seen(a, cvd, la);
    lab_seen(b, cvd, lb);
    return ciede2000(la, lb);
}

/* The reference pairs of Sharma, Wu and Dalal's table 1: the formula as published. */
/* Highlighted series keep their own colours, and take a free one where two would share it
 * (review 12: the 1st and 8th of 8 series on a palette of 7 were refused as one colour). */
static void test_series_colors(void)
{
    struct theme t;
    csvchart_theme_get("light", NULL, &t);
    size_t n = t.npalette;
    CHECK_INT(n, 7);
    for (size_t i = 0; i < 20; i++) { /* no highlight: its own, repeating */
        CHECK_INT(csvchart_theme_series_color(&t, 0, i), t.palette[i % n]);
    }
    uint64_t lit = 1u | 1u << 7; /* series 0 and 7: both palette[0] by position */
    CHECK_INT(csvchart_theme_series_color(&t, lit, 0), t.palette[0]);
    CHECK_INT(csvchart_theme_series_color(&t, lit, 7), t.palette[1]);
    lit = 1u << 2 | 1u << 9 | 1u << 1; /* 2, then 9 (palette[2] taken), 1 keeps its own */
    CHECK_INT(csvchart_theme_series_color(&t, lit, 1), t.palette[1]);
    CHECK_INT(csvchart_theme_series_color(&t, lit, 2), t.palette[2]);
    CHECK_INT(csvchart_theme_series_color(&t, lit, 9), t.palette[0]);
    CHECK_INT(csvchart_theme_series_color(&t, lit, 3), t.palette[3]); /* not lit: its own */
    /* As many highlighted as colours: all different; one more repeats. */
    lit = 0;
    for (size_t i = 0; i < n; i++) {
        lit |= (uint64_t)1 << (i * 3);
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < i; j++) {
            CHECK(csvchart_theme_series_color(&t, lit, i * 3) !=
                  csvchart_theme_series_color(&t, lit, j * 3));
        }
    }
}

static void test_ciede2000(void)
{
    static const double pairs[][7] = {
        {50.0000, 2.6772, -79.7751, 50.0000, 0.0000, -82.7485, 2.0425},
        {50.0000, -1.3802, -84.2814, 50.0000, 0.0000, -82.7485, 1.0000},
        {50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0009, 7.1792},
        {50.0000, 0.0000, 0.0000, 50.0000, -1.0000, 2.0000, 2.3669},
        {60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644},
        {22.7233, 20.0904, -46.6940, 23.0331, 14.9730, -42.5619, 2.0373},
        {90.8027, -2.0831, 1.4410, 91.1528, -1.6435, 0.0447, 1.4441},
        {2.0776, 0.0795, -1.1350, 0.9033, -0.0636, -0.5514, 0.9082},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        CHECK_DBL(ciede2000(pairs[i], pairs[i] + 3), pairs[i][6], 5e-5);
    }
}

/*
 * Every two colours of a built-in palette, as the theme draws them (brought into the band of
 * 3:1, which darkens all light colours to about one luminance), at least MIN_APART apart in
 * CIEDE2000, in every theme. The review's pair - okabe-ito's orange #C68800 and its amber
 * #F5C710 darkened to #B39008, 7.9 apart - read as one colour on 2 px lines with direct labels;
 * thin marks need far more than the 2.3 of a just noticeable difference on a swatch (Szafir,
 * "Modeling color difference for visualization design", 2017). okabe-ito, sold as colour-blind
 * safe, is also checked under simulated deuteranopia and protanopia: its orange and vermillion
 * are 4.7 apart there by design (Okabe and Ito's own pair), the old amber was 1.0 from the
 * orange. The grey palette is one of luminance only: in print (its home, a band from black to
 * 3:1 on white) it is held to MIN_APART; in light and dark the band shared by both backgrounds
 * (L* 45..61) has room for no four greys that far apart, and it is held to MIN_APART_GREY.
 */
#define MIN_APART 10.0
#define MIN_APART_CVD 4.5
#define MIN_APART_GREY 4.0
static void test_palettes_apart(void)
{
    static const char *const themes[] = {"light", "dark", "print"};
    static const char *const names[] = {"okabe-ito", "tableau10", "observable10", "dark2", "grey"};
    for (size_t t = 0; t < 3; t++) {
        for (size_t p = 0; p < sizeof names / sizeof names[0]; p++) {
            struct theme th;
            CHECK(csvchart_theme_get(themes[t], names[p], &th));
            bool grey = strcmp(names[p], "grey") == 0;
            double floor = grey && t < 2 ? MIN_APART_GREY : MIN_APART;
            bool cvd = strcmp(names[p], "okabe-ito") == 0 && t < 2;
            for (size_t i = 0; i < th.npalette; i++) {
                for (size_t j = 0; j < i; j++) {
                    csvchart_rgba a = th.palette[i], b = th.palette[j];
                    double d = distance(a, b, NULL);
                    HARNESS_REPORT(d >= floor,
                                   "%s, %s: colours %zu #%08x and %zu #%08x are %.1f apart",
                                   themes[t], names[p], j, b, i, a, d);
                    if (!cvd) {
                        continue;
                    }
                    double dd = distance(a, b, deuteranopia), dp = distance(a, b, protanopia);
                    HARNESS_REPORT(dd >= MIN_APART_CVD && dp >= MIN_APART_CVD,
                                   "%s, %s: colours %zu #%08x and %zu #%08x are %.1f apart to a "
                                   "deuteranope, %.1f to a protanope",
                                   themes[t], names[p], j, b, i, a, dd, dp);
                }
            }
        }
    }
}

/*
 * okabe-ito's first six colours - what a chart of six series or categories draws - are at
 * least MIN_APART_SIX apart in light and dark: its darkened sky blue, 15.5 from its blue,
 * was the fifth, and six series' labels "Mis-16" and "Ope-16" read as one colour (graphics
 * desk review 13); it comes last now, for a seventh series alone.
 */
#define MIN_APART_SIX 17.0
static void test_okabe_ito_six_apart(void)
{
    static const char *const themes[] = {"light", "dark"};
    for (size_t t = 0; t < 2; t++) {
        struct theme th;
        CHECK(csvchart_theme_get(themes[t], "okabe-ito", &th));
        CHECK(th.npalette >= 6);
        for (size_t i = 0; i < 6 && i < th.npalette; i++) {
            for (size_t j = 0; j < i; j++) {
                double d = distance(th.palette[i], th.palette[j], NULL);
                HARNESS_REPORT(d >= MIN_APART_SIX,
                               "%s: colours %zu #%08x and %zu #%08x are %.1f apart", themes[t], j,
                               th.palette[j], i, th.palette[i], d);
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
    RUN(test_series_colors);
    RUN(test_ciede2000);
    RUN(test_palettes_apart);
    RUN(test_okabe_ito_six_apart);
    RUN(test_house_file);
    return harness_done();
}
