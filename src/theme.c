/*
 * theme.c - the three themes and the named palettes (see theme.h).
 *
 * Layout asks for a theme once per figure; every colour a mark or a label gets comes from
 * here, so a theme is one struct literal and a palette one array.
 */
#include "theme.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

static const csvchart_rgba okabe_ito[] = {0x0072B2FF, 0xE69F00FF, 0x009E73FF, 0xD55E00FF,
                                          0x56B4E9FF, 0xCC79A7FF, 0xF5C710FF};
/* On a dark background the dark blue fails 3:1, so the light blue leads and it goes last. */
static const csvchart_rgba okabe_ito_dark[] = {0x56B4E9FF, 0xE69F00FF, 0x009E73FF, 0xF5C710FF,
                                               0xCC79A7FF, 0xD55E00FF, 0x0072B2FF};
static const csvchart_rgba tableau10[] = {0x4C78A8FF, 0xF58518FF, 0xE45756FF, 0x72B7B2FF,
                                          0x54A24BFF, 0xEECA3BFF, 0xB279A2FF, 0xFF9DA6FF,
                                          0x9D755DFF, 0xBAB0ACFF};
static const csvchart_rgba observable10[] = {0x4269D0FF, 0xEFB118FF, 0xFF725CFF, 0x6CC5B0FF,
                                             0x3CA951FF, 0xFF8AB7FF, 0xA463F2FF, 0x97BBF5FF,
                                             0x9C6B4EFF, 0x9498A0FF};
static const csvchart_rgba dark2[] = {0x1B9E77FF, 0xD95F02FF, 0x7570B3FF, 0xE7298AFF,
                                      0x66A61EFF, 0xE6AB02FF, 0xA6761DFF, 0x666666FF};
static const csvchart_rgba grey[] = {0x404040FF, 0x8C8C8CFF, 0xBFBFBFFF, 0x1A1A1AFF,
                                     0x666666FF, 0xA6A6A6FF};

static const struct {
    const char *name;
    const csvchart_rgba *colors, *dark_colors;
    size_t n;
} palettes[] = {
    {"okabe-ito", okabe_ito, okabe_ito_dark, sizeof okabe_ito / sizeof okabe_ito[0]},
    {"tableau10", tableau10, tableau10, sizeof tableau10 / sizeof tableau10[0]},
    {"observable10", observable10, observable10, sizeof observable10 / sizeof observable10[0]},
    {"dark2", dark2, dark2, sizeof dark2 / sizeof dark2[0]},
    {"grey", grey, grey, sizeof grey / sizeof grey[0]},
};

static const struct theme light = {
    .background = 0xFFFFFFFF,
    .title = 0x121212FF,
    .text = 0x222222FF,
    .subtitle = 0x4A4A4AFF,
    .faint = 0x6B6B6BFF, /* 5.3:1 on white */
    .grid = 0xE2E2E2FF,
    .axis = 0x333333FF,
    .muted = 0xC4C4C4FF,
    .on_dark = 0xFFFFFFFF,
    .on_light = 0x121212FF,
};

static const struct theme dark = {
    .background = 0x1C1F24FF,
    .title = 0xF7F7F7FF,
    .text = 0xEDEDEDFF,
    .subtitle = 0xC8C8C8FF,
    .faint = 0xA3A3A3FF, /* 6.9:1 on the background */
    .grid = 0x3A3F47FF,
    .axis = 0xCFCFCFFF,
    .muted = 0x5B616AFF,
    .on_dark = 0xFFFFFFFF,
    .on_light = 0x121212FF,
};

static const struct theme print = {
    .background = 0xFFFFFFFF,
    .title = 0x000000FF,
    .text = 0x000000FF,
    .subtitle = 0x333333FF,
    .faint = 0x555555FF,
    .grid = 0xD4D4D4FF,
    .axis = 0x000000FF,
    .muted = 0xC8C8C8FF,
    .on_dark = 0xFFFFFFFF,
    .on_light = 0x000000FF,
};

static void set_palette(struct theme *t, const csvchart_rgba *c, size_t n)
{
    t->npalette = n < THEME_MAX_PALETTE ? n : THEME_MAX_PALETTE;
    memcpy(t->palette, c, t->npalette * sizeof *c);
}

bool csvchart_theme_get(const char *name, const char *palette, struct theme *out)
{
    bool is_dark = false;
    if (strcmp(name, "light") == 0) {
        *out = light;
    } else if (strcmp(name, "dark") == 0) {
        *out = dark;
        is_dark = true;
    } else if (strcmp(name, "print") == 0) {
        *out = print;
        set_palette(out, grey, sizeof grey / sizeof grey[0]);
        if (!palette || !*palette || strcmp(palette, "okabe-ito") == 0) {
            return true; /* print is grey scale unless a palette is asked for by name */
        }
    } else {
        return false;
    }
    if (!palette || !*palette) {
        palette = "okabe-ito";
    }
    for (size_t i = 0; i < sizeof palettes / sizeof palettes[0]; i++) {
        if (strcmp(palette, palettes[i].name) == 0) {
            set_palette(out, is_dark ? palettes[i].dark_colors : palettes[i].colors,
                        palettes[i].n);
            return true;
        }
    }
    char *items[THEME_MAX_PALETTE];
    size_t n = csvchart_split_list(palette, items, THEME_MAX_PALETTE);
    if (n == (size_t)-1) {
        n = 0;
    }
    if (n > THEME_MAX_PALETTE) {
        n = THEME_MAX_PALETTE;
    }
    out->npalette = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned long c;
        if (items[i] && csvchart_parse_color(items[i], strlen(items[i]), &c)) {
            out->palette[out->npalette++] = (csvchart_rgba)c;
        }
        free(items[i]);
    }
    if (out->npalette == 0) {
        set_palette(out, okabe_ito, sizeof okabe_ito / sizeof okabe_ito[0]);
    }
    return true;
}

static double channel(unsigned v)
{
    double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

double csvchart_luminance(csvchart_rgba c)
{
    return 0.2126 * channel(c >> 24 & 255) + 0.7152 * channel(c >> 16 & 255) +
           0.0722 * channel(c >> 8 & 255);
}

double csvchart_contrast(csvchart_rgba a, csvchart_rgba b)
{
    double la = csvchart_luminance(a), lb = csvchart_luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}
