/*
 * render_backend.h - what the render*.c files share and nobody else needs (private to the
 * render stage; render.h is the stage's interface to the rest of the library).
 *
 * Kept out of render.h so that callers of csvchart_render() do not see cairo.
 */
#ifndef CSVCHART_RENDER_BACKEND_H
#define CSVCHART_RENDER_BACKEND_H

#include <cairo.h>
#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "render.h"
#include "scene.h"

/* A growable byte buffer; `nomem` is sticky (the appends after a failure are dropped). */
struct render_buf {
    unsigned char *items;
    size_t len, cap;
    bool nomem;
};

void csvchart_render_buf_put(struct render_buf *b, const void *data, size_t n);
/* A cairo_write_func_t appending to the struct render_buf at `closure`. */
cairo_status_t csvchart_render_buf_write(void *closure, const unsigned char *data, unsigned int n);
/*
 * Hands the bytes to the caller (*data malloc'd, never NULL on success, *len bytes) or, when
 * the buffer ran out of memory, frees them and reports CSVCHART_ERROR_NOMEM.
 */
csvchart_status csvchart_render_buf_detach(struct render_buf *b, void **data, size_t *len,
                                           csvchart_error *err);

/*
 * Draws the scene onto `cr` in CSS px (the caller has set any scale), background included
 * (with `raster`, an opaque background is painted over the whole surface),
 * text through pangocairo at exactly the positions the scene gives, with the measurer's font
 * settings (hint metrics off, hint style none). `raster` selects greyscale antialiasing for
 * text on image surfaces. Returns false when out of memory; cairo errors are left in `cr`.
 */
bool csvchart_render_replay(cairo_t *cr, const struct csvchart_scene *s, bool raster,
                            const struct render_options *opt);

/*
 * The same, band by band: a replay shapes each text item once and may then draw the scene
 * several times (onto surfaces whose device offsets show different rows), skipping the text
 * whose ink cannot reach user-space rows [y0, y1) (CSS px). Shapes are left to cairo's
 * clipping.
 */
struct csvchart_replay;
struct csvchart_replay *csvchart_render_replay_new(const struct csvchart_scene *s, bool raster,
                                                   const struct render_options *opt);
bool csvchart_render_replay_rows(struct csvchart_replay *r, cairo_t *cr, double y0, double y1);
/*
 * Where a band of device rows that starts at y0 should end, at `scale`, aiming at `target`:
 * `target` itself (at most h) unless a label's ink (and a pixel around it) spans it, then the
 * nearest row past y0 before or after that label. A label is so always drawn whole on one
 * band, as on a whole image: cairo clips a run of glyphs that leaves its surface to the
 * glyphs' outline box, which can drop a pixel of antialiasing. -1 when out of memory.
 */
int csvchart_render_replay_band_end(struct csvchart_replay *r, double scale, int y0, int target,
                                    int h);
void csvchart_render_replay_free(struct csvchart_replay *r); // accepts NULL

/* The backends, one per format (rows of the table in render.c). opt is never NULL here. */
csvchart_status csvchart_render_png(const struct csvchart_scene *s,
                                    const struct render_options *opt, void **data, size_t *len,
                                    csvchart_error *err);
csvchart_status csvchart_render_svg(const struct csvchart_scene *s,
                                    const struct render_options *opt, void **data, size_t *len,
                                    csvchart_error *err);
csvchart_status csvchart_render_pdf(const struct csvchart_scene *s,
                                    const struct render_options *opt, void **data, size_t *len,
                                    csvchart_error *err);

#endif
