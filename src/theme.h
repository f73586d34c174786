/*
 * theme.h - colours of the figure chrome and the data palettes (theme.c).
 *
 * light: white paper, near-black text; dark: for slides; print: grey scale. Palettes:
 * okabe-ito (default, colour-blind safe; ordered blue first, its black skipped and its faint
 * yellow replaced by amber #F5C710), tableau10, observable10, dark2, grey - or the user's own
 * hex list.
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

#include "scene.h"

#define THEME_MAX_PALETTE 64

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
};

/*
 * Fills *out with the theme `name` (light, dark, print) and, when palette is not NULL or "",
 * the palette it names (a palette name or a comma-separated list of hex colours, already
 * checked by csvchart_option_check). Returns false for an unknown theme name.
 */
bool csvchart_theme_get(const char *name, const char *palette, struct theme *out);

/*
 * The colour nearest to c (same hue) whose relative luminance is in [lo, hi]: c itself when it
 * already is. Alpha is kept.
 */
csvchart_rgba csvchart_color_in_band(csvchart_rgba c, double lo, double hi);

/* Brings a mark colour chosen elsewhere (negative_color) to 3:1, as the palette is. */
void csvchart_theme_mark_color(const struct theme *t, csvchart_rgba *c);

/* Relative luminance (WCAG 2) of a colour, 0..1. */
double csvchart_luminance(csvchart_rgba c);

/* WCAG contrast ratio between two opaque colours (1..21). */
double csvchart_contrast(csvchart_rgba a, csvchart_rgba b);

#endif
