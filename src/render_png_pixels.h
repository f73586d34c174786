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
 * The image's colours into pal[] in the order they first appear, when there are at most 256;
 * then the pixels replaced in place by the palette image's filtered scanlines ((w + 1) bytes a
 * row: the filter byte NONE, one index per pixel). Returns the number of colours, or 0 (pixels
 * untouched) when there are more, or out of memory.
 */
int csvchart_png_index_colours(unsigned char *pixels, int w, int h, int stride, uint32_t pal[256]);
/* A premultiplied ARGB32 colour as straight RGBA bytes. */
void csvchart_png_straight(uint32_t p, unsigned char out[4]);

#endif
