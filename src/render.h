/*
 * render.h - the backends: a scene in, the bytes of a file out (render*.c).
 *
 * render.c replays a scene onto a cairo_t (the one drawing routine all cairo outputs share,
 * text through pangocairo) and holds the table of backends, one row per format with
 * designated initialisers:
 *   png   render_png.c   cairo image surface, then our own libpng writer (pHYs, tEXt, no tIME)
 *   svg   render_svg.c   written from the scene itself: <text>, <title>, <desc>, role="img",
 *                         ids from a content hash; svg_text = paths goes through cairo's SVG
 *                         surface with its ids rewritten
 *   pdf   render_pdf.c   cairo PDF surface, fonts embedded, no creation date
 *   scene scene_dump.c   the primitives as text
 * Every backend renders into memory; writing files (atomically) is the caller's job.
 */
#ifndef CSVCHART_RENDER_H
#define CSVCHART_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "csvchart.h"
#include "scene.h"

enum png_compression { PNG_COMPRESSION_FAST, PNG_COMPRESSION_SMALL };

struct render_options {
    double scale; /* PNG pixels per CSS px (0.25..8) */
    double dpi;   /* PNG pHYs; 0 = 96 * scale */
    enum png_compression png_compression;
    bool svg_text_paths;   /* SVG: glyph outlines through cairo instead of <text> */
    const char *id_prefix; /* SVG: prepended to every id (NULL or "" for none) */
    double max_pixels;     /* PNG: refuse larger images (0 = 100 megapixels) */
    bool png_no_palette;   /* PNG: RGB(A) even when 256 colours would do (tests compare) */
    /* The measurer the scene was laid out with, or NULL: when it is Pango's, drawing reuses
     * its font map (fonts loaded once per figure). Used by one thread at a time. */
    const struct csvchart_text_measurer *text;
};

/*
 * Renders `s` in `format` (not AUTO). On success *data is malloc'd (*len bytes); on failure
 * *data is NULL, *len 0 and *err says why (CSVCHART_ERROR_LIMIT for an image too large,
 * CSVCHART_ERROR_INTERNAL when cairo or libpng fails, CSVCHART_ERROR_NOMEM).
 */
csvchart_status csvchart_render(const struct csvchart_scene *s, csvchart_format format,
                                const struct render_options *opt, void **data, size_t *len,
                                csvchart_error *err);

/* A format's name and file extension ("png", ... "txt"), from the table of backends; "" for
 * AUTO. csvchart_format_from_name() (csvchart.h) reads the same table. */
const char *csvchart_render_format_name(csvchart_format format);

/*
 * Scenes measured without Pango (opt->text not the Pango measurer: the fake metrics of the
 * tests and fuzzers) are drawn with Pango's default font map of the calling thread, kept
 * between renders so that fonts load once. This drops the calling thread's one; tests call
 * it before they exit, so that memory checkers see every font cache freed.
 */
void csvchart_render_release_thread_fonts(void);

#endif
