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

/* Okabe-Ito in the order of its use in charts (blue first), black skipped (under 3:1 on the
 * dark background) and its yellow replaced by a crimson. Orange and sky blue are too light
 * for 3:1 on white: theme_get() darkens them (mark_band()). A yellow cannot stay one there:
 * #F0E442, or the usual amber substitute #F5C710, darkened to 3:1 became #B39008, a dark
 * amber 7.9 CIEDE2000 from the darkened orange #C68800 and 1.0 from it to a deuteranope
 * (graphics desk review 8: two crossing lines and their labels in one colour). The crimson
 * #D21946 passes as it is and is at least 23.8 from the other six (12.1 to a deuteranope,
 * 22.0 to a protanope); test_theme.c holds every built-in palette apart. The darkened sky
 * blue #4A9CCB comes last: 15.5 from the blue, the closest pair, it was the fifth colour, and
 * six series' labels read "Mis-16" and "Ope-16" as one colour (graphics desk review 13);
 * without it the closest pair of the first six is the orange and the vermillion, 17.9. */
static const csvchart_rgba okabe_ito[] = {0x0072B2FF, 0xE69F00FF, 0x009E73FF, 0xD55E00FF,
                                          0xCC79A7FF, 0xD21946FF, 0x56B4E9FF};
static const csvchart_rgba tableau10[] = {0x4C78A8FF, 0xF58518FF, 0xE45756FF, 0x72B7B2FF,
                                          0x54A24BFF, 0xEECA3BFF, 0xB279A2FF, 0xFF9DA6FF,
                                          0x9D755DFF, 0xBAB0ACFF};
static const csvchart_rgba observable10[] = {0x4269D0FF, 0xEFB118FF, 0xFF725CFF, 0x6CC5B0FF,
                                             0x3CA951FF, 0xFF8AB7FF, 0xA463F2FF, 0x97BBF5FF,
                                             0x9C6B4EFF, 0x9498A0FF};
/* ColorBrewer Dark2, its brown #A6761D darkened (same hue) to #8E6417: the yellow #E6AB02,
 * darkened to 3:1 on white, becomes the mustard #BD8C01, which was 8.8 from the brown and
 * is 16.1 from the darker one. */
static const csvchart_rgba dark2[] = {0x1B9E77FF, 0xD95F02FF, 0x7570B3FF, 0xE7298AFF,
                                      0x66A61EFF, 0xE6AB02FF, 0x8E6417FF, 0x666666FF};
/* Greys differ in luminance only, so bringing them into a band moves every one outside it
 * to the same grey. On paper (print) the band runs from black to 3:1 on white and these
 * four are 16 L* apart; light and dark share the narrow band that passes 3:1 on both
 * backgrounds (L* 45..61), where they became #6A6A6A three times out of four. There the
 * palette is grey_shared: four greys spread evenly over that band, in the same order of
 * lightness (at least 4.5 CIEDE2000 apart: the band holds no more). */
static const csvchart_rgba grey[] = {0x404040FF, 0x8C8C8CFF, 0x1A1A1AFF, 0x666666FF};
static const csvchart_rgba grey_shared[] = {0x787878FF, 0x939393FF, 0x6B6B6BFF, 0x868686FF};

static const struct {
    const char *name;
    const csvchart_rgba *colors;
    size_t n;
    const csvchart_rgba *shared; /* when not NULL: the n colours for light and dark */
} palettes[] = {
    {"okabe-ito", okabe_ito, sizeof okabe_ito / sizeof okabe_ito[0], NULL},
    {"tableau10", tableau10, sizeof tableau10 / sizeof tableau10[0], NULL},
    {"observable10", observable10, sizeof observable10 / sizeof observable10[0], NULL},
    {"dark2", dark2, sizeof dark2 / sizeof dark2[0], NULL},
    {"grey", grey, sizeof grey / sizeof grey[0], grey_shared},
};

const struct type_step csvchart_type_scale[TYPE_ROLES] = {
    [TYPE_TITLE] = {"title", 30, 20},
    [TYPE_SUBTITLE] = {"subtitle", 19, 14},
    [TYPE_LABEL] = {"label", 16, 13},
    [TYPE_SMALL] = {"small", 13.5, 11},
};

static const struct theme light = {
    .background = 0xFFFFFFFF,
    .title = 0x121212FF,
    .text = 0x222222FF,
    .subtitle = 0x4A4A4AFF,
    .faint = 0x6B6B6BFF, /* 5.3:1 on white */
    .grid = 0xE2E2E2FF,
    .axis = 0x333333FF,
    .muted = 0xC4C4C4FF, /* lightest a muted mark may be: mark_band() darkens it to 3:1 */
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
    .muted = 0x5B616AFF, /* lightened to 3:1 by mark_band() */
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
    .muted = 0xC8C8C8FF, /* darkened to 3:1 by mark_band() */
    .on_dark = 0xFFFFFFFF,
    .on_light = 0x000000FF,
};

static void set_palette(struct theme *t, const csvchart_rgba *c, size_t n)
{
    t->npalette = n < THEME_MAX_PALETTE ? n : THEME_MAX_PALETTE;
    memcpy(t->palette, c, t->npalette * sizeof *c);
}

/* ---- contrast ------------------------------------------------------------------------------ */

/* sRGB channel <-> linear light. */
static double channel(unsigned v)
{
    double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static unsigned encode(double c)
{
    c = c < 0 ? 0 : c > 1 ? 1 : c;
    double s = c <= 0.0031308 ? c * 12.92 : 1.055 * pow(c, 1 / 2.4) - 0.055;
    return (unsigned)lround(s * 255);
}

csvchart_rgba csvchart_color_in_band(csvchart_rgba c, double lo, double hi)
{
    double r = channel(c >> 24 & 255), g = channel(c >> 16 & 255), b = channel(c >> 8 & 255);
    double l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    if (l > hi) { /* towards black: every channel by one factor keeps the hue */
        double k = hi / l;
        r *= k, g *= k, b *= k;
    } else if (l < lo) { /* towards white */
        double k = (1 - lo) / (1 - l);
        r = 1 - (1 - r) * k, g = 1 - (1 - g) * k, b = 1 - (1 - b) * k;
    } else {
        return c;
    }
    return (csvchart_rgba)(encode(r) << 24 | encode(g) << 16 | encode(b) << 8 | (c & 0xFFu));
}

/*
 * The luminances a mark may have: at least 3:1 against `bg` (WCAG 1.4.11) and, for the light
 * and dark themes, against the other one's background too, so that a series keeps its colour
 * when a figure is drawn again in the other theme. A small margin keeps rounding to 8-bit
 * channels on the safe side.
 */
static void mark_band(const struct theme *t, bool both, double *lo, double *hi)
{
    const double margin = 0.004;
    double lb = csvchart_luminance(t->background);
    *lo = 0;
    *hi = 1;
    double ls[2] = {lb,
                    both ? csvchart_luminance(lb > 0.5 ? dark.background : light.background) : lb};
    /* Marks lighter than the background while a 3:1 lighter colour exists (a background of
     * luminance up to about 0.3), else darker: a mid-tone background (a house theme's orange,
     * luminance 0.49) asked for marks lighter than white, and got white at 1.9:1. */
    const double lighter_max = (1 + 0.05 - margin) / 3 - 0.05;
    for (int i = 0; i < 2; i++) {
        if (ls[i] > lighter_max) {
            *hi = fmin(*hi, (ls[i] + 0.05) / 3 - 0.05 - margin);
        } else {
            *lo = fmax(*lo, 3 * (ls[i] + 0.05) - 0.05 + margin);
        }
    }
}

/* Every mark colour of the theme brought into its band (mark_band()). */
static void fit_marks(struct theme *t, bool both)
{
    t->shared_marks = both;
    double lo, hi, own_lo, own_hi;
    mark_band(t, both, &lo, &hi);
    mark_band(t, false, &own_lo, &own_hi);
    for (size_t i = 0; i < t->npalette; i++) {
        t->palette[i] = csvchart_color_in_band(t->palette[i], lo, hi);
    }
    t->muted = csvchart_color_in_band(t->muted, own_lo, own_hi);
}

bool csvchart_theme_base(const char *name, struct theme *out)
{
    static const struct {
        const char *name;
        const struct theme *theme;
    } themes[] = {{"light", &light}, {"dark", &dark}, {"print", &print}};
    for (size_t i = 0; i < sizeof themes / sizeof themes[0]; i++) {
        if (strcmp(name, themes[i].name) == 0) {
            *out = *themes[i].theme;
            return true;
        }
    }
    return false;
}

void csvchart_theme_set_palette(struct theme *out, const char *palette, bool grey_default,
                                bool shared)
{
    if (!palette || !*palette) {
        palette = grey_default ? "grey" : "okabe-ito";
    } else if (grey_default && strcmp(palette, "okabe-ito") == 0) {
        palette = "grey"; /* print is grey scale unless another palette is asked for */
    }
    for (size_t i = 0; i < sizeof palettes / sizeof palettes[0]; i++) {
        if (strcmp(palette, palettes[i].name) == 0) {
            bool own = shared && palettes[i].shared;
            set_palette(out, own ? palettes[i].shared : palettes[i].colors, palettes[i].n);
            fit_marks(out, shared);
            return;
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
    fit_marks(out, shared);
}

bool csvchart_theme_get(const char *name, const char *palette, struct theme *out)
{
    if (!csvchart_theme_base(name, out)) {
        return false;
    }
    bool print_theme = strcmp(name, "print") == 0;
    csvchart_theme_set_palette(out, palette, print_theme, !print_theme);
    return true;
}

void csvchart_theme_mark_color(const struct theme *t, csvchart_rgba *c)
{
    double lo, hi;
    mark_band(t, t->shared_marks, &lo, &hi);
    *c = csvchart_color_in_band(*c, lo, hi);
}

/* ---- highlight ------------------------------------------------------------------------------ */

/*
 * OKLab (Ottosson 2020) from and to linear sRGB: lightness there is what the eye reads as
 * lightness, so a colour lightened along it with its chroma kept stays as vivid as it was;
 * lightened towards white in linear light (csvchart_color_in_band()) okabe-ito's blue #0072B2
 * turns a washed steel #7397C2, its orange a tan.
 */
static void to_oklab(const double rgb[3], double lab[3])
{
    double l = cbrt(0.4122214708 * rgb[0] + 0.5363325363 * rgb[1] + 0.0514459929 * rgb[2]);
    double m = cbrt(0.2119034982 * rgb[0] + 0.6806995451 * rgb[1] + 0.1073969566 * rgb[2]);
    double s = cbrt(0.0883024619 * rgb[0] + 0.2817188376 * rgb[1] + 0.6299787005 * rgb[2]);
    lab[0] = 0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s;
    lab[1] = 1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s;
    lab[2] = 0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s;
}

/* Linear sRGB of OKLab (L, a, b); false when it lies outside the sRGB gamut. */
static bool from_oklab(double L, double a, double b, double rgb[3])
{
    double l = L + 0.3963377774 * a + 0.2158037573 * b;
    double m = L - 0.1055613458 * a - 0.0638541728 * b;
    double s = L - 0.0894841775 * a - 1.2914855480 * b;
    l = l * l * l, m = m * m * m, s = s * s * s;
    rgb[0] = 4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s;
    rgb[1] = -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s;
    rgb[2] = -0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s;
    bool in = true;
    for (int i = 0; i < 3; i++) {
        in = in && rgb[i] >= -1e-9 && rgb[i] <= 1 + 1e-9;
    }
    return in;
}

/* The colour of OKLab lightness L and hue (a, b), with as much of its chroma as sRGB holds. */
static void oklab_in_gamut(double L, double a, double b, double rgb[3])
{
    double k = 1;
    for (int i = 0; i < 64; i++, k *= 0.95) {
        if (from_oklab(L, a * k, b * k, rgb)) {
            return;
        }
    }
    from_oklab(L, 0, 0, rgb); /* a grey of lightness 0..1 always is */
}

static csvchart_rgba pack(const double rgb[3], csvchart_rgba alpha)
{
    return (csvchart_rgba)(encode(rgb[0]) << 24 | encode(rgb[1]) << 16 | encode(rgb[2]) << 8 |
                           (alpha & 0xFFu));
}

/* c lightened to relative luminance y (at least), keeping its OKLab hue and chroma. */
static csvchart_rgba lighten(csvchart_rgba c, double y)
{
    double rgb[3] = {channel(c >> 24 & 255), channel(c >> 16 & 255), channel(c >> 8 & 255)};
    double lab[3];
    to_oklab(rgb, lab);
    double lo = lab[0], hi = 1;
    for (int i = 0; i < 40; i++) { /* luminance grows with OKLab lightness: bisect */
        double mid = (lo + hi) / 2;
        oklab_in_gamut(mid, lab[1], lab[2], rgb);
        if (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2] < y) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    oklab_in_gamut(hi, lab[1], lab[2], rgb);
    return pack(rgb, c);
}

/* Whether the theme's marks are lighter than its background (dark), as mark_band() decides. */
static bool marks_lighter(const struct theme *t)
{
    double lo, hi;
    mark_band(t, false, &lo, &hi);
    return lo > 0;
}

csvchart_rgba csvchart_theme_highlight_color(const struct theme *t, csvchart_rgba c)
{
    if (!marks_lighter(t)) {
        return c; /* on paper the colours are darker than the grey already */
    }
    /* Lighten by one map of luminance, 1 - (1 - y) k, so the colours keep their order (a
     * grouped chart's series told apart as before) and one as light as the grey is lifted
     * to HIGHLIGHT_OVER_MUTED against it. */
    double lm = csvchart_luminance(t->muted);
    double target = fmin(1, HIGHLIGHT_OVER_MUTED * (lm + 0.05) - 0.05);
    if (lm >= 1 || target <= lm) {
        return c;
    }
    double k = (1 - target) / (1 - lm);
    double y = csvchart_luminance(c), want = 1 - (1 - y) * k;
    return want > y ? lighten(c, want) : c;
}

static bool lit_bit(uint64_t lit, size_t i)
{
    return lit >> (i < 63 ? i : 63) & 1;
}

csvchart_rgba csvchart_theme_series_color(const struct theme *t, uint64_t lit, size_t i)
{
    size_t n = t->npalette;
    if (!lit || !lit_bit(lit, i)) {
        return t->palette[i % n];
    }
    uint64_t taken = 0; /* palette slots of the highlighted series before i */
    size_t slot = 0;
    for (size_t k = 0; k <= i; k++) {
        if (!lit_bit(lit, k)) {
            continue;
        }
        slot = k % n;
        if (taken >> slot & 1) {
            size_t free = 0;
            while (free < n && taken >> free & 1) {
                free++;
            }
            slot = free < n ? free : slot; /* more highlighted than colours: a repeat */
        }
        taken |= (uint64_t)1 << slot;
    }
    return t->palette[slot];
}

csvchart_rgba csvchart_theme_muted_color(const struct theme *t, csvchart_rgba c)
{
    /* Towards the grey of its own luminance in linear light (which keeps the luminance), then
     * part of the way to the muted grey's luminance: the grey sits next to the background at
     * 3:1, and a colour between it and a palette colour (both in the band) is in the band too. */
    double rgb[3] = {channel(c >> 24 & 255), channel(c >> 16 & 255), channel(c >> 8 & 255)};
    double y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    for (int i = 0; i < 3; i++) {
        rgb[i] = y + MUTED_CHROMA * (rgb[i] - y);
    }
    double want = y + (csvchart_luminance(t->muted) - y) * MUTED_TOWARDS_GREY;
    return csvchart_color_in_band(pack(rgb, c), want, want);
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
