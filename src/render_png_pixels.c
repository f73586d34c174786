/*
 * render_png_pixels.c - the pixels render_png.c encodes: cairo's image (ARGB32, native-endian,
 * premultiplied alpha) read as PNG wants it. No libpng here.
 *
 *   - whether every pixel is opaque (then RGB, else RGBA), and a row as RGB or straight-alpha
 *     RGBA bytes (csvchart_png_convert_row());
 *   - the palette: when the image has at most 256 colours, they are gathered in the order
 *     they first appear (so equal pixels give an equal palette) and the pixels replaced in
 *     place by palette indexes (csvchart_png_index_colours()); a chart's flat fills and the
 * antialiased edges of its text rarely need more. Everything depends on the pixels alone, so equal
 * scenes give equal bytes.
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
 * The image's colours as a palette, when it has at most 256: pal[] receives them (cairo's
 * premultiplied ARGB32) in the order they first appear, scanning rows top to bottom, so the
 * same pixels always give the same palette. Then the pixels are replaced, in place, by the
 * filtered scanlines of the palette image: (w + 1) bytes a row, the filter byte (NONE) and one
 * index per pixel, from the start of the buffer - a palette image costs no memory of its own
 * (an 810 KB buffer of a 16 MB process before). Returns the number of colours, or 0 when
 * there are more than 256, with the pixels untouched. Runs of one colour, most of a chart,
 * cost a compare each, rows like the one above (background, bars) a memcmp; new colours go
 * through a small hash table.
 */
#define PAL_SLOTS 1024 /* at most 25% full */

struct pal_table {
    uint32_t key[PAL_SLOTS];
    int16_t index[PAL_SLOTS]; /* -1: empty */
};

static int pal_lookup(struct pal_table *t, uint32_t p, uint32_t pal[256], int *n)
{
    size_t h = (size_t)((p * 2654435761u) >> 22); /* the top 10 bits: 0 .. PAL_SLOTS - 1 */
    while (t->index[h] >= 0 && t->key[h] != p) {
        h = (h + 1) & (PAL_SLOTS - 1);
    }
    if (t->index[h] < 0) {
        if (*n == 256) {
            return -1;
        }
        t->key[h] = p;
        t->index[h] = (int16_t)*n;
        pal[(*n)++] = p;
    }
    return t->index[h];
}

/* Row y's palette indices into dst (w bytes); false on a 257th colour. `above` holds row
 * y - 1's indices when y > 0 (a row like the one above copies them). */
static bool index_row(const unsigned char *pixels, int w, int y, int stride, struct pal_table *t,
                      uint32_t pal[256], int *n, const unsigned char *above, unsigned char *dst)
{
    const unsigned char *src = pixels + (size_t)y * (size_t)stride;
    if (y > 0 && memcmp(src, src - stride, 4 * (size_t)w) == 0) {
        if (dst != above) {
            memcpy(dst, above, (size_t)w);
        }
        return true;
    }
    uint32_t last;
    memcpy(&last, src, 4);
    int li = pal_lookup(t, last, pal, n);
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
            li = pal_lookup(t, p, pal, n);
            last = p;
            last2 = (uint64_t)last << 32 | last;
        }
        dst[x++] = (unsigned char)li;
    }
    return li >= 0;
}

int csvchart_png_index_colours(unsigned char *pixels, int w, int h, int stride, uint32_t pal[256])
{
    struct pal_table *t = malloc(sizeof *t);
    unsigned char *rows = malloc(2 * (size_t)w);
    if (!t || !rows) {
        free(t);
        free(rows);
        return 0;
    }
    memset(t->index, 0xff, sizeof t->index);
    int n = 0;
    /* First the colours alone (the pixels must stay whole until they are known to fit). */
    bool ok = true;
    for (int y = 0; y < h && ok; y++) {
        ok = index_row(pixels, w, y, stride, t, pal, &n, rows, rows);
    }
    /* Then the rows, in place: row y's (w + 1) bytes go to y * (w + 1), written once row
     * y + 1 has been compared with row y's pixels; row y + 1's pixels start at
     * (y + 1) * stride >= (y + 1) * (w + 1), so nothing still to be read is overwritten. */
    unsigned char *prev = rows, *cur = rows + w;
    for (int y = 0; y < h && ok; y++) {
        index_row(pixels, w, y, stride, t, pal, &n, prev, cur);
        if (y > 0) {
            unsigned char *out = pixels + (size_t)(y - 1) * ((size_t)w + 1);
            out[0] = 0; /* PNG filter type NONE */
            memcpy(out + 1, prev, (size_t)w);
        }
        unsigned char *swap = prev;
        prev = cur;
        cur = swap;
    }
    if (ok) {
        unsigned char *out = pixels + (size_t)(h - 1) * ((size_t)w + 1);
        out[0] = 0;
        memcpy(out + 1, prev, (size_t)w);
    }
    free(t);
    free(rows);
    return ok ? n : 0;
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
