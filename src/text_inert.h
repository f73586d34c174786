/*
 * text_inert.h - which of a font's default substitution features can change no text of an
 * alphabet: a conservative proof over the font's GSUB table (text_inert.c), so that the Pango
 * measurer shapes such text without them and gets the very same glyphs sooner.
 *
 * Pipeline position: text stage, under text_pango.c (its only caller).
 *
 * Why: HarfBuzz spends about half of its time on a label in Inter on `ccmp`, whose lookups
 * compose letters with combining marks. Printable ASCII has no marks, so they never apply -
 * but HarfBuzz tries every one at every glyph. Whether a feature can apply is decided here
 * from the rules themselves, for the font at hand, never assumed from its name.
 */
#ifndef CSVCHART_TEXT_INERT_H
#define CSVCHART_TEXT_INERT_H

#include <hb.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Writes to out (up to max) a {tag, value 0} for each feature of HarfBuzz's default GSUB set
 * (ccmp, locl, rlig, rclt, calt, clig, liga) that `asked` does not name and that is inert for
 * the alphabet in `font` shaped with `props` and `asked`: none of the lookups the feature
 * adds to the shaping plan can apply to any text of those characters, whatever other lookups
 * run before them. Returns how many were written: 0 when the font has no GSUB, when a
 * character has no glyph, or when nothing can be proved (an unknown or malformed subtable
 * counts as one that may apply). Shaping text of the alphabet with `asked` plus these
 * features gives the same glyphs, clusters, positions and glyph flags as with `asked` alone.
 */
unsigned int csvchart_inert_features(hb_font_t *font, const hb_segment_properties_t *props,
                                     const hb_feature_t *asked, unsigned int nasked,
                                     const uint32_t *alphabet, size_t nalphabet, hb_feature_t *out,
                                     unsigned int max);

#endif
