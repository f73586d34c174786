/*
 * test_render_png_deflate.c - the PNG backend's FAST zlib streams (render_png_deflate.c), read
 * back with zlib's uncompress(), which also checks their Adler-32: palette rows with the
 * run-length strategy, UP-filtered RGB(A) rows with the default one.
 *
 * The streams start afresh every 60 KB of input (a sync flush, then deflateReset()); these
 * images are several such segments long, with segment ends on a row's end, inside a row, at
 * the end of a band handed over and inside one, and a band that ends a stream right on a
 * segment's end. Each is deflated on one thread and on two (a spare core), which must give
 * the same bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <zlib.h>

#include "cores.h"
#include "harness.h"
#include "render_png_deflate.h"
#include "render_png_pixels.h"

#define SEGMENT (60 << 10) /* render_png_deflate.c's */

/* Bytes like a chart's: long runs of one value broken by short stretches of others. */
static void fill(unsigned char *p, size_t n, uint32_t seed)
{
    uint32_t x = seed;
    unsigned char v = 0;
    for (size_t i = 0; i < n; i++) {
        x = x * 1664525u + 1013904223u;
        if ((x >> 24) < 6) {
            v = (unsigned char)(x >> 8);
        }
        p[i] = (x >> 28) == 0 ? (unsigned char)(x >> 16) : v;
    }
}

/* The zlib stream in `z` inflates to exactly the n bytes at `want`. */
static bool inflates_to(const struct render_buf *z, const unsigned char *want, size_t n)
{
    uLongf len = (uLongf)n + 1;
    unsigned char *got = malloc(len);
    bool ok = got && uncompress(got, &len, z->items, (uLong)z->len) == Z_OK && len == n &&
              memcmp(got, want, n) == 0;
    free(got);
    return ok;
}

/* A stream of `rows` rows of `row_bytes`, handed over in bands of `band` rows; `rle` as
 * csvchart_png_stream_new() takes it (palette rows, or RGB(A) ones). */
static struct render_buf rows_stream(const unsigned char *rows, size_t row_bytes, int nrows,
                                     int band, bool rle)
{
    struct render_buf out = {0};
    struct png_stream *st = csvchart_png_stream_new(row_bytes, band, rle);
    CHECK(st != NULL);
    for (int y = 0; st && y < nrows; y += band) {
        int k = nrows - y < band ? nrows - y : band;
        unsigned char *slot = csvchart_png_stream_slot(st);
        CHECK(slot != NULL);
        if (!slot) {
            break;
        }
        memcpy(slot, rows + (size_t)y * row_bytes, (size_t)k * row_bytes);
        csvchart_png_stream_put(st, k, y + k >= nrows);
    }
    CHECK(st && csvchart_png_stream_finish(st, &out));
    csvchart_png_stream_free(st);
    return out;
}

static void test_palette_segments(void)
{
    /* row bytes (filter byte included), rows, band rows */
    const struct {
        size_t row_bytes;
        int rows, band;
    } cases[] = {
        {1024, 240, 60}, /* segments end on rows and on bands; the stream ends on a segment */
        {1024, 250, 7},  /* on rows, inside bands */
        {1001, 250, 64}, /* inside rows */
        {4097, 100, 16}, /* rows longer than 4 KB, a segment end inside a band */
        {300, 10, 64},   /* one band, shorter than a segment */
        {SEGMENT, 3, 1}, /* one row a segment long */
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        size_t n = cases[c].row_bytes * (size_t)cases[c].rows;
        unsigned char *rows = malloc(n);
        CHECK(rows != NULL);
        if (!rows) {
            return;
        }
        fill(rows, n, (uint32_t)c + 1);
        csvchart_cores_set_budget(1); /* no core spare: the maker deflates */
        struct render_buf one =
            rows_stream(rows, cases[c].row_bytes, cases[c].rows, cases[c].band, true);
        csvchart_cores_set_budget(2); /* a thread of the stream's own */
        struct render_buf two =
            rows_stream(rows, cases[c].row_bytes, cases[c].rows, cases[c].band, true);
        HARNESS_REPORT(inflates_to(&one, rows, n), "case %zu: inflates to its rows", c);
        HARNESS_REPORT(one.len == two.len && memcmp(one.items, two.items, one.len) == 0,
                       "case %zu: the same bytes on one thread and on two", c);
        free(one.items), free(two.items), free(rows);
    }
    csvchart_cores_set_budget(0);
}

/* RGB: the rows as PNG wants them, UP-filtered, from cairo's ARGB32 pixels. */
static unsigned char *filtered_rgb(const unsigned char *px, int w, int h, int stride, bool opaque,
                                   size_t *len)
{
    size_t bpp = opaque ? 3 : 4, n = (size_t)w * bpp;
    unsigned char *out = malloc((n + 1) * (size_t)h), *prev = calloc(n, 1), *cur = malloc(n);
    for (int y = 0; out && prev && cur && y < h; y++) {
        csvchart_png_convert_row(px + (size_t)y * (size_t)stride, cur, w, opaque);
        unsigned char *row = out + (size_t)y * (n + 1);
        row[0] = 2; /* UP */
        for (size_t i = 0; i < n; i++) {
            row[1 + i] = (unsigned char)(cur[i] - prev[i]);
        }
        memcpy(prev, cur, n);
    }
    free(prev), free(cur);
    *len = (n + 1) * (size_t)h;
    return out;
}

/* RGB(A) rows, UP-filtered as render_png.c hands them over, in bands of 64 rows and of 7
 * (bands end inside segments and on rows that do not), deflated with the default strategy. */
static void test_rgb_segments(void)
{
    const struct {
        int w, h, band;
        bool opaque;
    } cases[] = {
        {1200, 300, 64, true}, {1023, 200, 7, false}, {40, 30, 64, true}, {5119, 64, 13, true}};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        int w = cases[c].w, h = cases[c].h, stride = 4 * w;
        unsigned char *px = malloc((size_t)stride * (size_t)h);
        CHECK(px != NULL);
        if (!px) {
            return;
        }
        fill(px, (size_t)stride * (size_t)h, 100 + (uint32_t)c);
        if (cases[c].opaque) {
            for (size_t i = 3; i < (size_t)stride * (size_t)h; i += 4) {
                px[i] = 0xff; /* cairo's ARGB32 is native-endian: alpha is the top byte */
            }
        }
        size_t n, row_bytes = (size_t)w * (cases[c].opaque ? 3 : 4) + 1;
        unsigned char *want = filtered_rgb(px, w, h, stride, cases[c].opaque, &n);
        csvchart_cores_set_budget(1);
        struct render_buf one = rows_stream(want, row_bytes, h, cases[c].band, false);
        csvchart_cores_set_budget(2);
        struct render_buf two = rows_stream(want, row_bytes, h, cases[c].band, false);
        HARNESS_REPORT(want && inflates_to(&one, want, n), "case %zu: inflates to its rows", c);
        HARNESS_REPORT(one.len == two.len && memcmp(one.items, two.items, one.len) == 0,
                       "case %zu: the same bytes on one thread and on two", c);
        free(one.items), free(two.items), free(want), free(px);
    }
    csvchart_cores_set_budget(0);
}

int main(void)
{
    csvchart_cores_busy(1); /* one figure busy: a budget of 1 leaves no core spare, 2 one */
    RUN(test_palette_segments);
    RUN(test_rgb_segments);
    csvchart_cores_busy(-1);
    return harness_done();
}
