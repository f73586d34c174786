/*
 * render_glyphs.h - Pango's shaped text drawn with cairo, without pangocairo (private to the
 * render stage; render_cairo.c is its one caller).
 *
 * The library measures and shapes with Pango over FreeType and fontconfig (text_pango.c:
 * csvchart_text_pango_fontmap_new) and draws the glyphs itself, so that no run loads
 * pangocairo, which would bring in the shared libcairo and, through it, the X11 libraries
 * (the command links cairo statically: CMakeLists.txt). A pen turns each Pango font into the
 * cairo font pangocairo would have made for it - the face of the font's fontconfig pattern, a
 * font matrix from the pattern's pixel size and matrix, the context's matrix as the CTM, and
 * the surface's font options merged under ours - and draws glyph runs as pangocairo's renderer
 * did: the same glyph origins, text clusters where the surface keeps them (PDF), nothing for
 * empty glyphs, a box for a glyph no font has. The bytes drawn are pangocairo's (the samples
 * and golden images were compared byte for byte when this replaced it).
 */
#ifndef CSVCHART_RENDER_GLYPHS_H
#define CSVCHART_RENDER_GLYPHS_H

#include <cairo.h>
#include <pango/pango.h>
#include <stdbool.h>

struct glyph_pen;

/* A pen drawing with `options` (hint metrics, hint style, antialias) over the surface's own;
 * NULL when out of memory. */
struct glyph_pen *csvchart_glyph_pen_new(const cairo_font_options_t *options);
void csvchart_glyph_pen_free(struct glyph_pen *pen); // accepts NULL

/*
 * Makes the pen draw on cr's surface. With a `context`, sets its matrix to cr's (without
 * translation), as pangocairo did, so that the fonts Pango loads from then on are for the
 * device's size; render_cairo.c passes none: it shapes in CSS px, as the measurer did, and
 * only the drawing is scaled (a glyph no font has is as wide at 2x as measured, and the text
 * of a 2x image is its 1x layout twice as big).
 */
void csvchart_glyph_pen_use(struct glyph_pen *pen, cairo_t *cr, PangoContext *context);

/*
 * Draws a shaped run with its origin at cr's current point (as cairo keeps it: to 1/256 of a
 * device pixel): `text` is the text the item's offset counts from; `m` the matrix of the
 * context when its font was loaded (NULL: identity). The current point and the path are left
 * as they were. False when out of memory.
 */
bool csvchart_glyph_pen_show_run(struct glyph_pen *pen, cairo_t *cr, const char *text,
                                 PangoGlyphItem *run, const PangoMatrix *m);
/* Draws a layout line with its baseline's start at cr's current point. */
bool csvchart_glyph_pen_show_line(struct glyph_pen *pen, cairo_t *cr, PangoLayoutLine *line,
                                  const PangoMatrix *m);

#endif
