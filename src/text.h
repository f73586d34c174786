/*
 * text.h - measuring text, the only thing layout asks of fonts.
 *
 * Layout never calls cairo or Pango (STYLE.md section 1): it measures strings through a
 * csvchart_text_measurer, a function pointer plus context. text_pango.c provides the real one
 * (Pango over cairo and fontconfig: shaping, kerning, fallback fonts for CJK and accents);
 * tests use csvchart_text_fake(), whose advance is fixed per code point, so scene dumps are
 * exact and independent of fonts and library versions.
 *
 * Line breaking for wrapped labels (text_wrap.c) is built on measure(): it breaks at spaces,
 * after '-' and '/', between CJK ideographs, and inside a word only when the word alone is
 * wider than the line.
 */
#ifndef CSVCHART_TEXT_H
#define CSVCHART_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "csvchart.h"

/* Ink-independent metrics of one line of text, in CSS px. */
struct text_metrics {
    double width;   /* logical advance width */
    double ascent;  /* baseline to the top of the line box */
    double descent; /* baseline to the bottom of the line box */
};

/* The size every string is shaped at, in px: with hinting off, metrics are linear in the
 * size, so text_pango.c measures at this size and scales, and render_cairo.c draws ASCII
 * shaped at this size with a scaled pen (one font a weight instead of one a size). */
#define TEXT_REF_PX 64.0

struct text_style {
    const char *family; /* e.g. "Inter" */
    double size_px;
    int weight; /* 400 or 700 */
};

/* A text a layout is about to measure, in a style (prepare, below). */
struct text_job {
    const struct text_style *style;
    const char *s;
    size_t len;
};

typedef struct csvchart_text_measurer {
    void *ctx;
    /* Measures `len` bytes of UTF-8 at `s` (valid UTF-8, no newline). Never fails: a font
     * that cannot be found falls back to another one. */
    void (*measure)(void *ctx, const struct text_style *style, const char *s, size_t len,
                    struct text_metrics *out);
    /* Optional (NULL: measure() the range): measures bytes [start, end) of the `len` bytes at
     * `text` (start < end <= len, both on code point boundaries) exactly as measure() would
     * measure them alone; the measurer may work it out from the shaping of the whole text
     * (text_wrap.c measures the lines a text could be broken into this way). */
    void (*measure_range)(void *ctx, const struct text_style *style, const char *text, size_t len,
                          size_t start, size_t end, struct text_metrics *out);
    /* Optional (NULL: nothing is done ahead): the texts a layout is about to measure, whole or
     * in ranges. The measurer may shape them all now - the Pango one does for a large
     * timeline, on a second thread when a core is spare (cores.h) - and then measure() and
     * measure_range() answer exactly as they would without it. A hint: the texts need not
     * outlive the call. */
    void (*prepare)(void *ctx, const struct text_job *jobs, size_t n);
    /*
     * Optional (NULL: every family is installed, every character has a glyph - the fake
     * measurer of the tests). What text_check.c asks after layout; neither is on the path of
     * measuring.
     *
     * substitute: whether `family` (as in text_style; "A, B" lists several) is drawn with a
     * font of another family, because no installed font has any of the names: then copies the
     * family drawn instead into used[size] (truncated, NUL-terminated) and returns true.
     * False when one of the names is installed (fontconfig compares family names without
     * case and blanks, and knows a font by each of its localised names), or is a generic
     * family (sans-serif, serif, monospace, ... and ""), which any font may stand for.
     *
     * missing: the characters of `len` bytes at `s` (as measure() takes them) that no
     * installed font has, which are drawn as boxes: returns how many glyphs of the text are
     * missing and writes the code points of the first min(that, max) into cps, in text order
     * (a character missing twice is there twice). cps may be NULL when max is 0.
     */
    bool (*substitute)(void *ctx, const char *family, char *used, size_t size);
    size_t (*missing)(void *ctx, const struct text_style *style, const char *s, size_t len,
                      uint32_t *cps, size_t max);
    /*
     * Optional (NULL: wrapping estimates a candidate line as the sum of its pieces' widths,
     * each measured). Writes into out[0 .. len] the width at the style's size of bytes [0, i)
     * of the `len` bytes at `text` as its whole shaping lays them out - what measure_range()
     * gives for [0, i) where a line may be cut there without shaping again, an estimate
     * elsewhere, never decreasing with i - and returns true; false when it has no such
     * shaping (out is then untouched). text_wrap.c estimates candidate lines from it; the
     * widths of the lines it keeps are still measured (measure_range()).
     */
    bool (*prefix_widths)(void *ctx, const struct text_style *style, const char *text, size_t len,
                          double *out);
} csvchart_text_measurer;

/*
 * The Pango measurer (text_pango.c). Uses a PangoContext with hinting off (hint metrics off)
 * so that widths are the same at every PNG scale and in PDF. Measurements are cached: each
 * string is shaped once per weight, at one reference size, and scaled to the size asked for
 * (metrics are linear in the size; within 0.02 px of shaping at that size). One measurer per
 * thread.
 * Returns NULL when out of memory. Free with csvchart_text_pango_free().
 */
csvchart_text_measurer *csvchart_text_pango_new(void);
void csvchart_text_pango_free(csvchart_text_measurer *m);
/* Turns the printable-ASCII shortcut of the Pango measurer off or on (on by default); tests
 * use it to check that both ways measure the same. */
void csvchart_text_pango_set_fast_ascii(csvchart_text_measurer *m, bool on);
/* How many texts a Pango measurer has shaped so far (tests and benchmarks: what the cache
 * and the ranges of measure_range() saved). */
size_t csvchart_text_pango_shapings(const csvchart_text_measurer *m);

/*
 * The PangoFontMap a Pango measurer measures `family` with (as void *, so this header stays
 * free of Pango), or NULL for any other measurer (or out of memory). The backends draw with
 * it, so a figure loads its fonts once for measuring and drawing. Borrowed: it lives as long
 * as the measurer, or until the measurer has used FONT_MAPS (text_pango.c) other
 * configurations; take a reference to keep it. Not thread-safe: call it where the measurer
 * is used.
 */
void *csvchart_text_pango_fontmap(const csvchart_text_measurer *m, const char *family);

/*
 * A new font map as the library measures and draws with (a PangoFontMap *, as void *; the
 * caller unrefs it): Pango over FreeType and fontconfig, without cairo, whose fonts have the
 * patterns pangocairo's had for the pens of render_cairo.c (antialias grey, no hinting), so
 * that render_glyphs.c draws what pangocairo drew. `family`: with the configuration of
 * csvchart_text_fonts_config(family), for good (a font map is never configured again once
 * it has fonts: see FONT_MAPS in text_pango.c); NULL: fontconfig's default, or whatever the
 * caller sets before loading a font. NULL when out of memory.
 */
void *csvchart_text_pango_fontmap_new(const char *family);

/*
 * Has Pango compute the metrics of the first font of `desc` (a PangoFontDescription *) in
 * `context` (a PangoContext * of `fontmap`) before a layout uses it. Pango's FreeType fonts give
 * a glyph no font has the width of the font's average character, and Pango computes a font's
 * metrics once, by laying out a sample text - but not while it computes another font's (one
 * guard for the whole process): a first request from inside such a computation leaves the
 * width 0, so that boxes took no room ("ภาษาไทย" after "תל אביב" measured 0 px). Call it outside
 * any layout, before laying out text other than ASCII in a new font description (it costs a
 * layout of a sample text, once per font).
 */
void csvchart_text_pango_prime(void *fontmap, void *context, const void *desc);

/*
 * Fontconfig configurations per family (text_fonts.c): a short configuration made once from
 * the system's (and cached on disk under $XDG_CACHE_HOME/csvchart) that gives Pango the very
 * font patterns the system's gives it for `family`, so that a run does not parse fontconfig's
 * XML. Returns an FcConfig * (as void *; borrowed, it lives as long as the process), or NULL
 * for "fontconfig's default". Thread-safe. CSVCHART_FONT_CACHE=0, or any FONTCONFIG_*
 * variable, turns the short configurations off.
 */
void *csvchart_text_fonts_config(const char *family);

/*
 * For programs that own their process (the csvchart command): installs an empty default
 * configuration before Pango makes one, so that Pango's own start-up parses nothing, and from
 * then on csvchart_text_fonts_config() never returns NULL (the system's configuration is
 * loaded when a family has no short one). Call before any font map exists. A library must not
 * call it: fontconfig's default would be replaced under the host program's feet.
 */
void csvchart_text_fonts_claim_process(void);

/*
 * A fake measurer for tests: every code point advances 0.55 * size_px (a CJK ideograph
 * 1.0 * size_px), ascent 0.8 * size_px, descent 0.2 * size_px. Static, thread-safe.
 */
const csvchart_text_measurer *csvchart_text_fake(void);

/* Convenience: measure a NUL-terminated string. */
void csvchart_text_measure(const csvchart_text_measurer *m, const struct text_style *style,
                           const char *s, struct text_metrics *out);

/*
 * True for the code points treated as CJK ideographs: U+2E80..U+9FFF (radicals, kana, CJK
 * punctuation and ideographs), U+AC00..U+D7AF (Hangul), U+F900..U+FAFF (compatibility
 * ideographs), U+FF00..U+FFEF (full-width forms). Wrapping may break between them; the fake
 * measurer gives them a full em. Defined in text_wrap.c.
 */
bool csvchart_text_is_cjk(uint32_t cp);

/* A wrapped line: bytes [start, start + len) of the source string. */
struct text_line {
    size_t start, len;
    double width;
};

/*
 * Breaks `s` into lines no wider than max_width (text_wrap.c). Writes at most `max_lines`
 * lines into `lines` and returns how many lines the text needs, counting no further than
 * max_lines + 1: a result above max_lines means "more than max_lines" (the caller decides
 * what to do then: an ellipsis, a taller layout), and a 1 MB label costs no more than a
 * short one. Leading/trailing spaces of a line are not
 * part of it. An empty string needs 0 lines. A word wider than max_width is broken between
 * code points (a line always holds at least one code point, even when max_width is smaller).
 * Greedy: each line takes as many words as fit, except that it ends after its last comma
 * followed by a space ("Korea," / "Republic of") when the rest then takes no more lines and
 * the text fits in max_lines (the greedy line count is kept). Breaks happen at spaces, after
 * '-' and '/' inside a word, and before or after a CJK code point (csvchart_text_is_cjk),
 * except before closing punctuation (、。，．：；！？」』）】〉》ー and ASCII , . ; : ! ? ) ] } %)
 * and after opening ones (「『（【〈《 and ASCII ( [ { $). A '\n' forces a break (the measurer
 * never sees it); "a\n\nb" is three lines, the middle one empty. `lines` may be NULL when max_lines
 * is 0 (to ask whether the text needs any line at all).
 */
size_t csvchart_text_wrap(const csvchart_text_measurer *m, const struct text_style *style,
                          const char *s, double max_width, struct text_line *lines,
                          size_t max_lines);

#endif
