/*
 * render_svg.h - what the SVG backend's two files share: render_svg.c (SVG written from the
 * scene, and the backend's entry point, csvchart_render_svg() in render_backend.h) and
 * render_svg_paths.c (svg_text = paths: cairo's SVG with its ids rewritten).
 */
#ifndef CSVCHART_RENDER_SVG_H
#define CSVCHART_RENDER_SVG_H

#include "render_backend.h"

/* render_svg.c: the root's accessibility attributes (inside the <svg ...> tag: role, and
 * aria-labelledby/-describedby naming id-title and id-desc), and its <title> and <desc>
 * elements, each only when the scene has something to say. */
void csvchart_svg_a11y_attrs(struct render_buf *b, const struct csvchart_scene *s, const char *id);
void csvchart_svg_a11y_elements(struct render_buf *b, const struct csvchart_scene *s,
                                const char *id);

/* render_svg_paths.c: the scene through cairo's SVG surface into b, every id renamed from
 * `base`. Errors: NOMEM, INTERNAL (cairo's). */
csvchart_status csvchart_svg_text_paths(const struct csvchart_scene *s, const char *base,
                                        const struct render_options *opt, struct render_buf *b,
                                        csvchart_error *err);

#endif
