/*
 * render.c - the last stage: the table of backends and csvchart_render() (render.h).
 *
 * Pipeline position: scene -> render -> bytes. A backend is one row of `backends` (format,
 * its name and extension, render function); adding a format is adding a row, and the names
 * csvchart_format_from_name() reads come from the same rows. Every backend writes into
 * memory; files are the caller's business. The PNG, PDF and SVG-with-paths backends draw
 * through the one cairo replay of render_cairo.c; calls go one way: render.c -> backends ->
 * render_cairo.c.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render_backend.h"

/* ---- The table of backends ----------------------------------------------------------------- */

static csvchart_status render_scene(const struct csvchart_scene *s,
                                    const struct render_options *opt, void **data, size_t *len,
                                    csvchart_error *err)
{
    (void)opt;
    char *text;
    if (!csvchart_scene_dump(s, &text, len)) {
        return csvchart_error_nomem(err);
    }
    *data = text;
    return CSVCHART_OK;
}

/* The text alternative, one line and a line end. */
static csvchart_status render_alt(const struct csvchart_scene *s, const struct render_options *opt,
                                  void **data, size_t *len, csvchart_error *err)
{
    (void)opt;
    size_t n = strlen(s->alt);
    char *text = malloc(n + 2);
    if (!text) {
        return csvchart_error_nomem(err);
    }
    memcpy(text, s->alt, n);
    text[n] = '\n';
    text[n + 1] = '\0';
    *data = text;
    *len = n + 1;
    return CSVCHART_OK;
}

struct backend {
    csvchart_format format;
    const char *extension;
    csvchart_status (*render)(const struct csvchart_scene *s, const struct render_options *opt,
                              void **data, size_t *len, csvchart_error *err);
};

static const struct backend backends[] = {
    {.format = CSVCHART_FORMAT_PNG, .extension = "png", .render = csvchart_render_png},
    {.format = CSVCHART_FORMAT_SVG, .extension = "svg", .render = csvchart_render_svg},
    {.format = CSVCHART_FORMAT_PDF, .extension = "pdf", .render = csvchart_render_pdf},
    {.format = CSVCHART_FORMAT_SCENE, .extension = "scene", .render = render_scene},
    {.format = CSVCHART_FORMAT_TXT, .extension = "txt", .render = render_alt},
};

const char *csvchart_render_format_name(csvchart_format format)
{
    for (size_t i = 0; i < sizeof backends / sizeof backends[0]; i++) {
        if (backends[i].format == format) {
            return backends[i].extension;
        }
    }
    return "";
}

csvchart_format csvchart_format_from_name(const char *name)
{
    for (size_t i = 0; name && i < sizeof backends / sizeof backends[0]; i++) {
        if (strcmp(name, backends[i].extension) == 0) {
            return backends[i].format;
        }
    }
    return CSVCHART_FORMAT_AUTO;
}

csvchart_status csvchart_render(const struct csvchart_scene *s, csvchart_format format,
                                const struct render_options *opt, void **data, size_t *len,
                                csvchart_error *err)
{
    *data = NULL;
    *len = 0;
    struct render_options o = {.scale = 1, .png_compression = PNG_COMPRESSION_FAST};
    if (opt) {
        o = *opt;
    }
    if (o.scale == 0) { // a zeroed struct means the defaults
        o.scale = 1;
    }
    if (!(o.scale >= 0.25 && o.scale <= 8)) {
        return csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                                  "scale must be between 0.25 and 8; got %g", o.scale);
    }
    if (!(o.dpi >= 0 && o.dpi <= 1e6)) {
        return csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                                  "dpi must be between 0 and 1000000; got %g", o.dpi);
    }
    if (s->nomem) {
        return csvchart_error_nomem(err);
    }
    if (!(s->width > 0 && s->height > 0 && isfinite(s->width) && isfinite(s->height))) {
        return csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                                  "a figure of %gx%g px has nothing to draw on", s->width,
                                  s->height);
    }
    for (size_t i = 0; i < sizeof backends / sizeof backends[0]; i++) {
        if (backends[i].format == format) {
            csvchart_status st = backends[i].render(s, &o, data, len, err);
            if (st != CSVCHART_OK) {
                *data = NULL;
                *len = 0;
            }
            return st;
        }
    }
    return csvchart_error_set(err, CSVCHART_ERROR_INTERNAL, NULL, 0, 0,
                              "no backend renders output format %d", (int)format);
}
