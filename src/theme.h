/*
 * theme.h - colours of the figure chrome and the data palettes (theme.c).
 *
 * light: white paper, near-black text; dark: for slides; print: grey scale. Palettes:
 * okabe-ito (default, colour-blind safe; ordered blue first, its black skipped and its
 * yellow, which cannot be a yellow at 3:1 on white, replaced by crimson #D21946), tableau10,
 * observable10, dark2 (its brown darker), grey - or the user's own hex list. The colours of
 * each built-in palette, as drawn, are at least 10 CIEDE2000 apart (grey in light and dark:
 * 4.5, the most its band allows; test_theme.c).
 *
 * Contrast (WCAG 2.1): text at least 4.5:1 against the background, marks at least 3:1. Every
 * mark colour - palette, muted, negative - is brought into the band of luminance that passes:
 * a colour too light is darkened, one too dark lightened, by one factor on all three linear
 * channels, which keeps its hue. For light and dark the band passes on both backgrounds, so a
 * series keeps its colour in either theme (okabe-ito's orange #E69F00 becomes #C68800 in
 * both); print only needs white.
 */
#ifndef CSVCHART_THEME_H
#define CSVCHART_THEME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "csvchart.h"
#include "scene.h"

#define THEME_MAX_PALETTE 64

/*
 * The type scale: each text role's size at 1200x675 and its floor, CSS px (layout.c scales
 * the sizes with the canvas, never under the floors). A house theme may change the sizes, not
 * the floors.
 */
enum type_role { TYPE_TITLE, TYPE_SUBTITLE, TYPE_LABEL, TYPE_SMALL, TYPE_ROLES };
struct type_step {
    const char *name; /* "title": the house theme key is NAME_size */
    double base, floor;
};
extern const struct type_step csvchart_type_scale[TYPE_ROLES];

/* What a house theme (theme_file.c) sets besides colours; zero or "" where it sets nothing. */
struct theme_house {
    char font[128];                    /* the font option's default */
    size_t font_line, byline_line;     /* where the file sets them (0: it does not) */
    char palette[1024];                /* the palette option's default */
    char byline[512];                  /* the byline option's default */
    double type[TYPE_ROLES];           /* by enum type_role: CSS px at 1200x675 */
    double pad_x, pad_top, pad_bottom; /* the canvas margins at 1200x675 */
};

struct theme {
    csvchart_rgba background;
    csvchart_rgba title;    /* title text */
    csvchart_rgba text;     /* labels, values */
    csvchart_rgba subtitle; /* subtitle, legend text */
    csvchart_rgba faint;    /* source, notes, tick labels */
    csvchart_rgba grid;     /* gridlines */
    csvchart_rgba axis;     /* the zero baseline */
    csvchart_rgba muted;    /* marks that are not highlighted */
    csvchart_rgba on_dark;  /* text drawn on a dark mark */
    csvchart_rgba on_light; /* text drawn on a light mark */
    csvchart_rgba palette[THEME_MAX_PALETTE];
    size_t npalette;
    bool shared_marks; /* light and dark: marks pass 3:1 on both backgrounds */
    struct theme_house house;
};

/*
 * Fills *out with the theme `name` (light, dark, print) and, when palette is not NULL or "",
 * the palette it names (a palette name or a comma-separated list of hex colours, already
 * checked by csvchart_option_check). Returns false for an unknown theme name.
 */
bool csvchart_theme_get(const char *name, const char *palette, struct theme *out);

/* The built-in theme `name` (light, dark, print) without its palette; false for another name. */
bool csvchart_theme_base(const char *name, struct theme *out);

/*
 * Sets the palette (as csvchart_theme_get() reads it; "" is okabe-ito, or grey when
 * `grey_default`, which also turns okabe-ito into grey) and brings every mark colour to 3:1
 * against the background - and against the other built-in background too when `shared`.
 */
void csvchart_theme_set_palette(struct theme *out, const char *palette, bool grey_default,
                                bool shared);

/*
 * House themes (theme_file.c): a file named NAME.ini, given as theme = NAME.ini, sets colours,
 * type sizes, margins and the defaults of font, palette and byline:
 *
 *     # The Daily Example's house style
 *     [theme]                       ; optional
 *     base = light                  ; light (default), dark or print: what is not set here
 *     background = #FAF7F2          ; colours: #RGB, #RRGGBB or a palette colour name
 *     title = #111111               ; also text, subtitle, faint, grid, axis, muted
 *     palette = #1F5A96, #C8553D    ; a palette name or hex colours
 *     font = DejaVu Serif
 *     title_size = 32               ; title, subtitle, label, small: px at 1200x675,
 *     margin = 40                   ;   never under the floors; margin, margin_top,
 *     byline = Chart: The Daily     ;   margin_bottom likewise
 *
 * Refused with FILE:LINE: an unknown key, a key twice, a bad value, a size under its floor,
 * text colours under 4.5:1 (faint too) against the background. Marks are brought to 3:1 as
 * for the built-in themes. At most 64 KiB.
 */
bool csvchart_theme_is_file(const char *name);
csvchart_status csvchart_theme_load(const char *path, const char *palette, struct theme *out,
                                    csvchart_error *err);
/* The same for the file's `n` bytes at `data`, named `path` in messages (the loader reads the
 * file and calls this; tests/fuzz/ feeds it directly). */
csvchart_status csvchart_theme_parse(const char *path, const char *data, size_t n,
                                     const char *palette, struct theme *out, csvchart_error *err);

/*
 * The colour nearest to c (same hue) whose relative luminance is in [lo, hi]: c itself when it
 * already is. Alpha is kept.
 */
csvchart_rgba csvchart_color_in_band(csvchart_rgba c, double lo, double hi);

/* Brings a mark colour chosen elsewhere (negative_color) to 3:1, as the palette is. */
void csvchart_theme_mark_color(const struct theme *t, csvchart_rgba *c);

/*
 * The colours of a highlight (the highlight pattern: the story in colour, the rest muted).
 *
 * csvchart_theme_highlight_color(): a mark the highlight keeps in colour. On paper its own;
 * where marks are lighter than the background (dark) it is lightened in OKLab, keeping hue and
 * chroma, so that the story stands out from the muted grey by luminance as it does on paper
 * and not by hue alone: a colour as light as the grey comes out HIGHLIGHT_OVER_MUTED against
 * it, lighter ones in proportion (okabe-ito's blue #0072B2, 3.2:1 on the dark background and
 * 1.0:1 against its grey #666B72, becomes #409BDE: 5.5:1 and 1.78:1).
 *
 * csvchart_theme_muted_color(): a series colour muted, for the categories a highlight leaves
 * out of a chart of several series: the same hue with MUTED_CHROMA of its colourfulness, its
 * luminance MUTED_TOWARDS_GREY of the way to the muted grey's (nearer the background). The
 * series stay told apart (review 5: 55 bars in one grey); the result is a mark at 3:1 when c
 * and the theme's muted grey are.
 */
#define HIGHLIGHT_OVER_MUTED 1.75
#define MUTED_CHROMA 0.35
#define MUTED_TOWARDS_GREY 0.5
csvchart_rgba csvchart_theme_highlight_color(const struct theme *t, csvchart_rgba c);
csvchart_rgba csvchart_theme_muted_color(const struct theme *t, csvchart_rgba c);

/*
 * The palette colour of series i when the series whose bits are set in `lit` are highlighted
 * and the others muted (bit 63 stands for every series from the 64th on): its own,
 * palette[i % npalette], so that a series keeps its colour from one figure to the next, unless
 * a highlighted series before it has that colour already; then the first colour that no
 * highlighted series before it has (review 12: the 1st and 8th of 8 series, highlighted on a
 * palette of 7, were refused as one colour). With no bits set, its own.
 */
csvchart_rgba csvchart_theme_series_color(const struct theme *t, uint64_t lit, size_t i);

/* Relative luminance (WCAG 2) of a colour, 0..1. */
double csvchart_luminance(csvchart_rgba c);

/* WCAG contrast ratio between two opaque colours (1..21). */
double csvchart_contrast(csvchart_rgba a, csvchart_rgba b);

#endif
