/*
 * render_png_pixels.h - cairo's ARGB32 pixels read as PNG wants them (render_png_pixels.c),
 * for the PNG writer (render_png.c). Pixels are native-endian premultiplied ARGB32 rows of
 * `stride` bytes, as cairo_image_surface_get_data() gives them.
 */
#ifndef CSVCHART_RENDER_PNG_PIXELS_H
#define CSVCHART_RENDER_PNG_PIXELS_H

#include <stdbool.h>
#include <stdint.h>

/* True when every pixel of the w x h image is opaque. */
bool csvchart_png_all_opaque(const unsigned char *pixels, int w, int h, int stride);
/* One row of w pixels as RGB (opaque) or straight-alpha RGBA bytes into dst. */
void csvchart_png_convert_row(const unsigned char *src, unsigned char *dst, int w, bool opaque);
/*
 * A palette in the making: the colours of the rows indexed so far, in the order they first
 * appeared. Rows are indexed band by band as the image is drawn (render_png.c), so a palette
 * image never needs the pixels of all its rows at once.
 */
#define PNG_PAL_SLOTS 1024
struct png_indexer {
    uint32_t pal[256];                 /* premultiplied ARGB32 */
    int n;                             /* colours in pal[] */
    int16_t slot_index[PNG_PAL_SLOTS]; /* the colours' lookup table: -1 empty, else index */
    uint32_t slot_key[PNG_PAL_SLOTS];
};
void csvchart_png_indexer_init(struct png_indexer *ix);
/*
 * Indexes nrows rows of pixels into out, (w + 1) bytes a row - the filter byte NONE and one
 * palette index per pixel - adding their new colours to ix. False on a 257th colour (then
 * out is partly written and ix full).
 */
bool csvchart_png_index_rows(struct png_indexer *ix, const unsigned char *pixels, int w, int nrows,
                             int stride, unsigned char *out);
/* A premultiplied ARGB32 colour as straight RGBA bytes. */
void csvchart_png_straight(uint32_t p, unsigned char out[4]);

#endif
