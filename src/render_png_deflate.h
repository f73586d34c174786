/*
 * render_png_deflate.h - the PNG backend's FAST compression (render_png_deflate.c): the zlib
 * streams of IDAT, made here rather than by libpng so that they can use a second core when
 * one is spare. The rows arrive a band at a time while the image is still being drawn, and
 * are deflated as they come (struct png_stream), on a thread of their own when a core is
 * spare, so that drawing and compressing overlap: palette rows unfiltered with the run-length
 * strategy, RGB(A) rows UP-filtered (by the maker) with the default one.
 *
 * Either way the bytes depend only on the rows: the same zlib calls on the same pieces,
 * whichever thread makes them.
 */
#ifndef CSVCHART_RENDER_PNG_DEFLATE_H
#define CSVCHART_RENDER_PNG_DEFLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "render_backend.h"

/*
 * An image's rows deflated as they are made (`rle`: with the run-length strategy, for palette
 * rows; else the default one, for UP-filtered RGB(A) rows). The maker asks for a slot
 * (csvchart_png_stream_slot(): room for `max_rows` rows of `row_bytes`, filter byte
 * included), fills some rows of it and hands it over (csvchart_png_stream_put()), the last
 * time with last = true; then csvchart_png_stream_finish() gives the zlib stream. Two slots
 * take turns, so one can be filled while the other is deflated. A stream that is freed
 * before it is finished is abandoned (the image needs more than a palette).
 */
struct png_stream;
struct png_stream *csvchart_png_stream_new(size_t row_bytes, int max_rows, bool rle);
/* Where the next rows go; NULL when out of memory (the stream has failed). */
unsigned char *csvchart_png_stream_slot(struct png_stream *st);
void csvchart_png_stream_put(struct png_stream *st, int nrows, bool last);
/* Appends the zlib stream to *out; false when out of memory. */
bool csvchart_png_stream_finish(struct png_stream *st, struct render_buf *out);
void csvchart_png_stream_free(struct png_stream *st); // accepts NULL

#endif
