/*
 * render_png_pixels.c - the pixels render_png.c encodes: cairo's image (ARGB32, native-endian,
 * premultiplied alpha) read as PNG wants it. No libpng here.
 *
 *   - whether every pixel is opaque (then RGB, else RGBA), and a row as RGB or straight-alpha
 *     RGBA bytes (csvchart_png_convert_row());
 *   - the palette: rows turned into palette indexes as they are drawn, their colours gathered
 *     in the order they first appear (so equal pixels give an equal palette), until a 257th
 *     says the image needs RGB(A) (csvchart_png_index_rows()); a chart's flat fills and the
 *     antialiased edges of its text rarely need more.
 * Everything depends on the pixels alone, so equal scenes give equal bytes.
 */
#include "render_png_pixels.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

bool csvchart_png_all_opaque(const unsigned char *pixels, int w, int h, int stride)
{
    for (int y = 0; y < h; y++) {
        const unsigned char *row = pixels + (size_t)y * (size_t)stride;
        for (int x = 0; x < w; x++) {
            uint32_t p;
            memcpy(&p, row + 4 * (size_t)x, 4);
            if ((p >> 24) != 0xff) {
                return false;
            }
        }
    }
    return true;
}

/* Cairo's premultiplied native-endian ARGB32 row to RGB or straight-alpha RGBA bytes. */
void csvchart_png_convert_row(const unsigned char *src, unsigned char *dst, int w, bool opaque)
{
    for (int x = 0; x < w; x++) {
        uint32_t p;
        memcpy(&p, src + 4 * (size_t)x, 4);
        unsigned a = p >> 24, r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
        if (opaque) {
            *dst++ = (unsigned char)r, *dst++ = (unsigned char)g, *dst++ = (unsigned char)b;
            continue;
        }
        if (a != 0 && a != 0xff) {
            r = (r * 255 + a / 2) / a;
            g = (g * 255 + a / 2) / a;
            b = (b * 255 + a / 2) / a;
        }
        *dst++ = (unsigned char)r, *dst++ = (unsigned char)g, *dst++ = (unsigned char)b;
        *dst++ = (unsigned char)a;
    }
}

/*
 * The palette: colours (cairo's premultiplied ARGB32) gathered in the order they first appear,
 * rows top to bottom, so the same pixels always give the same palette, each row written as
 * the palette image's scanline: the filter byte (NONE), then one index per pixel. Runs of one
 * colour, most of a chart, cost a compare each, rows like the one above (background, bars) a
 * memcmp; new colours go through a small open-addressing table (PNG_PAL_SLOTS, at most 25%
 * full).
 */
static int pal_lookup(struct png_indexer *ix, uint32_t p)
{
    size_t h = (size_t)((p * 2654435761u) >> 22); /* the top 10 bits: 0 .. PNG_PAL_SLOTS - 1 */
    while (ix->slot_index[h] >= 0 && ix->slot_key[h] != p) {
        h = (h + 1) & (PNG_PAL_SLOTS - 1);
    }
    if (ix->slot_index[h] < 0) {
        if (ix->n == 256) {
            return -1;
        }
        ix->slot_key[h] = p;
        ix->slot_index[h] = (int16_t)ix->n;
        ix->pal[ix->n++] = p;
    }
    return ix->slot_index[h];
}

/* One row's palette indices into dst (w bytes); false on a 257th colour. */
static bool index_row(struct png_indexer *ix, const unsigned char *src, int w, unsigned char *dst)
{
    uint32_t last;
    memcpy(&last, src, 4);
    int li = pal_lookup(ix, last);
    uint64_t last2 = (uint64_t)last << 32 | last;
    for (int x = 0; x < w && li >= 0;) {
        if (x + 4 <= w) { /* four pixels of the current colour at once: most of a chart */
            uint64_t a, b;
            memcpy(&a, src + 4 * (size_t)x, 8);
            memcpy(&b, src + 4 * (size_t)x + 8, 8);
            if (a == last2 && b == last2) {
                uint32_t four = (uint32_t)li * 0x01010101u;
                memcpy(dst + x, &four, 4);
                x += 4;
                continue;
            }
        }
        uint32_t p;
        memcpy(&p, src + 4 * (size_t)x, 4);
        if (p != last) {
            li = pal_lookup(ix, p);
            last = p;
            last2 = (uint64_t)last << 32 | last;
        }
        dst[x++] = (unsigned char)li;
    }
    return li >= 0;
}

void csvchart_png_indexer_init(struct png_indexer *ix)
{
    memset(ix->slot_index, 0xff, sizeof ix->slot_index);
    ix->n = 0;
}

bool csvchart_png_index_rows(struct png_indexer *ix, const unsigned char *pixels, int w, int nrows,
                             int stride, unsigned char *out)
{
    size_t line = (size_t)w + 1;
    for (int y = 0; y < nrows; y++) {
        unsigned char *dst = out + (size_t)y * line;
        const unsigned char *src = pixels + (size_t)y * (size_t)stride;
        dst[0] = 0; /* PNG filter type NONE */
        if (y > 0 && memcmp(src, src - stride, 4 * (size_t)w) == 0) {
            memcpy(dst + 1, dst + 1 - line, (size_t)w);
        } else if (!index_row(ix, src, w, dst + 1)) {
            return false;
        }
    }
    return true;
}

/* A premultiplied ARGB32 colour as straight RGBA bytes (as csvchart_png_convert_row() does it). */
void csvchart_png_straight(uint32_t p, unsigned char out[4])
{
    unsigned a = p >> 24, r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
    if (a != 0 && a != 0xff) {
        r = (r * 255 + a / 2) / a;
        g = (g * 255 + a / 2) / a;
        b = (b * 255 + a / 2) / a;
    }
    out[0] = (unsigned char)r, out[1] = (unsigned char)g, out[2] = (unsigned char)b;
    out[3] = (unsigned char)a;
}
