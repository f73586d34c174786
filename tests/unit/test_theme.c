/*
 * test_theme.c - colours that read (theme.c): every mark colour of every named palette and of
 * a user's list at least 3:1 against the background, every text colour 4.5:1, in each theme;
 * a series the same colour in light and dark; a colour brought into its band keeps its hue.
 */
#include "harness.h"
#include "theme.h"

static const char *const palettes[] = {"okabe-ito", "tableau10", "observable10", "dark2", "grey",
                                       "#F0E442,#FFFFFF,#000000,#123456"};

static void test_contrast(void)
{
    static const char *const themes[] = {"light", "dark", "print"};
    for (size_t t = 0; t < 3; t++) {
        for (size_t p = 0; p < sizeof palettes / sizeof palettes[0]; p++) {
            struct theme th;
            CHECK(csvchart_theme_get(themes[t], palettes[p], &th));
            for (size_t i = 0; i < th.npalette; i++) {
                double c = csvchart_contrast(th.palette[i], th.background);
                HARNESS_REPORT(c >= 3, "%s, %s: colour %zu #%08x is %.2f:1", themes[t],
                               palettes[p], i, th.palette[i], c);
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

int main(void)
{
    RUN(test_contrast);
    RUN(test_same_in_light_and_dark);
    RUN(test_band_keeps_hue);
    return harness_done();
}
