/*
 * render_png.c - the PNG backend: the scene replayed onto a cairo image surface, then encoded
 * by our own libpng writer (the only file that includes png.h).
 *
 * Pipeline position: scene -> render (this row of the table in render.c) -> PNG bytes.
 *
 * We do not use cairo_surface_write_to_png(): it writes neither pHYs nor tEXt and picks its
 * own compression. The writer follows the shape of cairo's cairo-png.c: libpng reports errors
 * through a callback that records a status and longjmps back to the one setjmp in encode();
 * everything encode() needs is allocated by its caller before that, so nothing allocated
 * between setjmp and longjmp can leak and no local is modified after setjmp.
 *
 * Pixels: cairo's ARGB32 is native-endian premultiplied. A chart has few colours (flat fills,
 * and the antialiased edges of grey text on one background: 240 in most samples), so when the
 * image has at most 256 we write an 8-bit palette image (PLTE, plus tRNS when some pixel is not
 * opaque): a third of the bytes of RGB to filter and deflate, and the same pixels once decoded.
 * Otherwise 8-bit RGB when every pixel is opaque and RGBA with unpremultiplied alpha when not.
 * Which one depends only on the pixels; reading them so is render_png_pixels.c's. Metadata:
 * pHYs from the dpi, Title/Source/Description/Software as tEXt (iTXt when a string is not
 * Latin-1, which tEXt requires), never tIME, so equal scenes give equal bytes. Description is
 * the scene's desc: the alt option, or a summary of the data.
 *
 * Compression: FAST is zlib level 1, run-length strategy - palette rows unfiltered, RGB(A) rows
 * with the UP filter - in two halves that may run on two threads (compress_fast); SMALL is
 * level 9 with libpng's adaptive choice among all five filters per row. See FAST_FILTER for
 * the numbers.
 */
#include <math.h>
#include <png.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdatomic.h>
#include <unistd.h>
#include <zlib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_backend.h"
#include "render_png_pixels.h"

/*
 * FAST's filter for RGB(A) rows is UP (compress_fast writes it), measured on a 1200x675 bar
 * chart (12 bars, grid lines, 20 labels, CJK title), zlib level 1, encode time only (opacity
 * scan + row conversion + libpng):
 *   NONE 54.1 KB 5.2 ms | SUB 54.3 KB 6.2 ms | UP 45.7 KB 6.6 ms | AVG 59.0 KB 6.9 ms |
 *   PAETH 46.2 KB 10.1 ms   (SMALL, adaptive at level 9: 35.6 KB, 63 ms)
 * and the same ordering with 40 bars and at scale 2 (2400x1350: UP 122 KB 25 ms, SUB 154 KB
 * 24 ms, PAETH 124 KB 36 ms). Vertical bars, gridlines and the background repeat from row to
 * row, which is what UP exploits; it is the smallest single filter at SUB's speed.
 *
 * Palette images (issue 15), valuations.csv at 1200x675, 240 colours, deflate time of the
 * filtered rows alone, best of 15 on a busy 2-core machine:
 *   RGB, UP, zlib 1 RLE 50.2 KB 7.1 ms | palette, NONE, zlib 1 RLE 20.2 KB 1.5 ms
 *   palette, UP, zlib 1 RLE 20.5 KB 1.5 ms | palette, NONE, libdeflate 1 16.6 KB 2.6 ms
 *   palette, NONE, libdeflate 6 14.7 KB 3.1 ms | palette, NONE, libdeflate 9 14.2 KB 19 ms
 * and at 2400x1350 palette/NONE zlib 1 RLE 46.6 KB 9.5 ms against RGB/UP 107 KB 22 ms. The
 * palette is what pays: a third of the bytes. libdeflate (Debian libdeflate-dev) at level 1
 * takes 11.3 M instructions where zlib takes 19.5 M (callgrind) and makes the file 16% smaller,
 * but a whole `csvchart bar` run with it was no faster (20 paired runs: CPU time 1.03x, wall
 * 1.04x of zlib's: its compressor is a fresh allocation each time, and it cannot deflate the
 * two halves below apart, having no streaming interface): not used, no new dependency.
 * Palette rows are unfiltered, as the PNG specification advises (UP is no smaller and costs
 * a pass).
 */
#define MAX_SIDE 32767.0
#define MAX_PIXELS 100e6

struct png_io {
    struct render_buf out;
    csvchart_status status;
    char message[160];
};

static void on_error(png_structp png, png_const_charp msg)
{
    struct png_io *io = png_get_error_ptr(png);
    if (io->status == CSVCHART_OK) {
        io->status = io->out.nomem || strstr(msg, "memory") || strstr(msg, "Memory")
                         ? CSVCHART_ERROR_NOMEM
                         : CSVCHART_ERROR_INTERNAL;
        snprintf(io->message, sizeof io->message, "%s", msg);
    }
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp msg)
{
    (void)png, (void)msg; // libpng warnings are about our own settings; nothing to tell users
}

static void on_write(png_structp png, png_bytep data, size_t n)
{
    struct png_io *io = png_get_io_ptr(png);
    csvchart_render_buf_put(&io->out, data, n);
    if (io->out.nomem) {
        png_error(png, "out of memory");
    }
}

static void on_flush(png_structp png)
{
    (void)png;
}

/*
 * A UTF-8 string as Latin-1 (malloc'd) when every code point fits and tEXt allows it
 * (printable, or a line feed); NULL otherwise (*nomem says whether that was for lack of memory).
 */
static char *to_latin1(const char *s, bool *nomem)
{
    char *out = malloc(strlen(s) + 1), *o = out;
    if (!out) {
        *nomem = true;
        return NULL;
    }
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        unsigned c = *p++;
        if (c >= 0x80) {
            if ((c & 0xe0) != 0xc0 || (*p & 0xc0) != 0x80) {
                goto not_latin1; // 3- and 4-byte sequences are all above U+07FF
            }
            c = ((c & 0x1f) << 6) | (*p++ & 0x3f);
            if (c > 0xff) {
                goto not_latin1;
            }
        }
        if ((c < 0x20 && c != '\n') || (c >= 0x7f && c < 0xa0)) {
            goto not_latin1;
        }
        *o++ = (char)c;
    }
    *o = '\0';
    return out;
not_latin1:
    free(out);
    return NULL;
}

struct texts {
    png_text items[4];
    char *latin1[4];
    int len;
};

/* Adds key = value as tEXt, or as uncompressed iTXt when value is not Latin-1. */
static bool add_text(struct texts *t, const char *key, const char *value)
{
    if (!value || !value[0]) {
        return true;
    }
    bool nomem = false;
    png_text *item = &t->items[t->len];
    memset(item, 0, sizeof *item);
    item->key = (png_charp)key;
    t->latin1[t->len] = to_latin1(value, &nomem);
    if (nomem) {
        return false;
    }
    if (t->latin1[t->len]) {
        item->compression = PNG_TEXT_COMPRESSION_NONE;
        item->text = t->latin1[t->len];
        item->text_length = strlen(item->text);
    } else {
        item->compression = PNG_ITXT_COMPRESSION_NONE;
        item->text = (png_charp)value;
        item->itxt_length = strlen(value);
        item->lang = (png_charp) "";
        item->lang_key = (png_charp) "";
    }
    t->len++;
    return true;
}

/*
 * FAST compression, done here rather than by libpng so that it can use two cores: the rows
 * are filtered and deflated in two halves, the way pigz does it - the first half ends with a
 * sync flush (byte-aligned, not final), the second with the final block, the Adler-32
 * checksums are combined - and the resulting zlib stream goes out as one IDAT chunk through
 * png_write_chunk(). libpng still writes the signature, IHDR, PLTE, tRNS, pHYs, the text
 * chunks, every CRC and IEND. The split is fixed (half the rows), so the bytes never depend on
 * scheduling: the second half runs on a thread of its own only when a core is spare (see
 * spare_core()), else after the first on the same thread.
 */
struct half {
    const unsigned char *pixels;
    int stride, w, y0, y1; /* rows [y0, y1) */
    bool opaque, last;
    const unsigned char *filtered; /* palette: the filtered rows of the whole image, or NULL */
    unsigned char *out;            /* raw deflate output */
    size_t len, cap;
    uLong adler;
    uLong in_len;
    bool ok;
};

/* One RGB(A) row, converted and filtered: filter byte, then each byte minus the one above. */
static void filtered_row(const struct half *hf, int y, unsigned char *dst, unsigned char *cur,
                         unsigned char *prev)
{
    size_t bpp = hf->opaque ? 3 : 4, n = (size_t)hf->w * bpp;
    csvchart_png_convert_row(hf->pixels + (size_t)y * (size_t)hf->stride, cur, hf->w, hf->opaque);
    dst[0] = 2; /* PNG filter type UP */
    if (y == 0) {
        memcpy(dst + 1, cur, n);
        return;
    }
    if (y == hf->y0) { /* the row above belongs to the other half: convert it again */
        csvchart_png_convert_row(hf->pixels + (size_t)(y - 1) * (size_t)hf->stride, prev, hf->w,
                                 hf->opaque);
    }
    for (size_t i = 0; i < n; i++) {
        dst[1 + i] = (unsigned char)(cur[i] - prev[i]);
    }
}

/* Deflates n bytes at `in` into hf->out; false when out of memory or zlib fails. */
static bool deflate_bytes(struct half *hf, z_stream *z, const unsigned char *in, size_t n,
                          int flush)
{
    hf->adler = adler32(hf->adler, in, (uInt)n);
    hf->in_len += n;
    z->next_in = (unsigned char *)in;
    z->avail_in = (uInt)n;
    do {
        if (hf->len + 65536 > hf->cap) {
            size_t cap = hf->cap ? hf->cap * 2 : 1 << 17;
            unsigned char *p = realloc(hf->out, cap);
            if (!p) {
                return false;
            }
            hf->out = p;
            hf->cap = cap;
        }
        z->next_out = hf->out + hf->len;
        z->avail_out = (uInt)(hf->cap - hf->len);
        int rc = deflate(z, flush);
        hf->len = hf->cap - z->avail_out;
        if (rc == Z_STREAM_ERROR) {
            return false;
        }
    } while (z->avail_in > 0 || z->avail_out == 0);
    return true;
}

static void *deflate_half(void *arg)
{
    struct half *hf = arg;
    size_t bpp = hf->filtered ? 1 : hf->opaque ? 3 : 4, n = (size_t)hf->w * bpp + 1;
    unsigned char *rows = hf->filtered ? NULL : malloc(3 * n);
    z_stream z;
    memset(&z, 0, sizeof z);
    hf->ok = false;
    hf->adler = adler32(0L, Z_NULL, 0);
    if ((!hf->filtered && !rows) || deflateInit2(&z, 1, Z_DEFLATED, -15, 8, Z_RLE) != Z_OK) {
        free(rows);
        return NULL;
    }
    int end = hf->last ? Z_FINISH : Z_SYNC_FLUSH;
    bool ok = true;
    if (hf->filtered) { /* palette: the rows are ready; at most 1 GB in each call (uInt) */
        const unsigned char *p = hf->filtered + (size_t)hf->y0 * n;
        size_t left = (size_t)(hf->y1 - hf->y0) * n;
        while (ok && left > 0) {
            size_t k = left > (1u << 30) ? (1u << 30) : left;
            left -= k;
            ok = deflate_bytes(hf, &z, p, k, left ? Z_NO_FLUSH : end);
            p += k;
        }
    } else {
        unsigned char *dst = rows, *cur = rows + n, *prev = rows + 2 * n;
        for (int y = hf->y0; y < hf->y1 && ok; y++) {
            filtered_row(hf, y, dst, cur, prev);
            unsigned char *t = prev; /* this row is the next one's "above" */
            prev = cur;
            cur = t;
            ok = deflate_bytes(hf, &z, dst, n, y + 1 < hf->y1 ? Z_NO_FLUSH : end);
        }
    }
    deflateEnd(&z);
    free(rows);
    hf->ok = ok;
    return NULL;
}

/*
 * Whether a render may take a second core: only while fewer renders run in this process than
 * it may use threads - the number of CPUs, or what csvchart_render_set_threads() said (a
 * batch: its --jobs) - so a batch that renders one figure per thread does not oversubscribe
 * (issue 15: one thread per figure; threads inside a figure only for spare cores). The counts
 * are process-wide on purpose; they decide where work runs, never what it produces.
 */
static atomic_int running_renders;
static atomic_int thread_budget; /* 0: the number of CPUs */

void csvchart_render_set_threads(int n)
{
    atomic_store(&thread_budget, n > 0 ? n : 0);
}

static bool spare_core(void)
{
    int n = atomic_load(&thread_budget);
    if (n == 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        n = cpus < 1 ? 1 : cpus > 1024 ? 1024 : (int)cpus;
    }
    return atomic_load(&running_renders) < n;
}

/*
 * The zlib stream of the whole image into *out; false when out of memory. `filtered` holds the
 * palette image's rows ((w + 1) * h bytes), or is NULL for RGB(A) from the pixels.
 */
static bool compress_fast(const unsigned char *pixels, int w, int h, int stride, bool opaque,
                          const unsigned char *filtered, struct render_buf *out)
{
    int mid = h >= 64 ? h / 2 : h;
    struct half a = {.pixels = pixels,
                     .stride = stride,
                     .w = w,
                     .y0 = 0,
                     .y1 = mid,
                     .opaque = opaque,
                     .last = mid == h,
                     .filtered = filtered};
    struct half b = {.pixels = pixels,
                     .stride = stride,
                     .w = w,
                     .y0 = mid,
                     .y1 = h,
                     .opaque = opaque,
                     .last = true,
                     .filtered = filtered,
                     .ok = true};
    pthread_t thread;
    bool threaded = mid < h && spare_core() && pthread_create(&thread, NULL, deflate_half, &b) == 0;
    deflate_half(&a);
    if (threaded) {
        pthread_join(thread, NULL);
    } else if (mid < h) {
        deflate_half(&b);
    }
    bool ok = a.ok && b.ok;
    if (ok) {
        uLong adler = mid < h ? adler32_combine(a.adler, b.adler, (z_off_t)b.in_len) : a.adler;
        unsigned char head[2] = {0x78, 0x01},
                      tail[4] = {(unsigned char)(adler >> 24), (unsigned char)(adler >> 16),
                                 (unsigned char)(adler >> 8), (unsigned char)adler};
        csvchart_render_buf_put(out, head, 2);
        csvchart_render_buf_put(out, a.out, a.len);
        csvchart_render_buf_put(out, b.out, b.len);
        csvchart_render_buf_put(out, tail, 4);
        ok = !out->nomem;
    }
    free(a.out);
    free(b.out);
    return ok;
}

/* What encode() writes: the pixels' form, and for a palette image its colours and rows. */
struct pixels_out {
    bool opaque;
    int ncolours;              /* 1..256: a palette image; 0: RGB(A) */
    uint32_t pal[256];         /* premultiplied ARGB32 */
    const unsigned char *rows; /* palette: (w + 1) * h bytes, each row a filter byte first */
};

/* Encodes the surface into io->out; on failure io->status says why. */
static void encode(struct png_io *io, cairo_surface_t *img, const struct render_options *opt,
                   struct texts *texts, unsigned char *row, const struct pixels_out *px,
                   const struct render_buf *idat)
{
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, io, on_error, on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!info) {
        png_destroy_write_struct(png ? &png : NULL, NULL);
        io->status = CSVCHART_ERROR_NOMEM;
        return;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return;
    }
    const unsigned char *pixels = cairo_image_surface_get_data(img);
    int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
    int stride = cairo_image_surface_get_stride(img);

    png_set_write_fn(png, io, on_write, on_flush);
    int type = px->ncolours ? PNG_COLOR_TYPE_PALETTE
               : px->opaque ? PNG_COLOR_TYPE_RGB
                            : PNG_COLOR_TYPE_RGB_ALPHA;
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, type, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (px->ncolours) {
        png_color plte[256];
        png_byte alpha[256];
        for (int i = 0; i < px->ncolours; i++) {
            unsigned char c[4];
            csvchart_png_straight(px->pal[i], c);
            plte[i] = (png_color){c[0], c[1], c[2]};
            alpha[i] = c[3];
        }
        png_set_PLTE(png, info, plte, px->ncolours);
        if (!px->opaque) {
            png_set_tRNS(png, info, alpha, px->ncolours, NULL);
        }
    }
    double dpi = opt->dpi > 0 ? opt->dpi : 96.0 * opt->scale;
    png_uint_32 ppm = (png_uint_32)lround(dpi / 0.0254);
    png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
    if (texts->len) {
        png_set_text(png, info, texts->items, texts->len);
    }
    if (idat) { /* FAST: the image data is compressed already (compress_fast) */
        png_write_info(png, info);
        png_write_chunk(png, (png_const_bytep) "IDAT", idat->items, idat->len);
        png_write_chunk(png, (png_const_bytep) "IEND", NULL, 0);
        png_destroy_write_struct(&png, &info);
        return;
    }
    png_set_compression_level(png, 9);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_ALL_FILTERS);
    png_write_info(png, info);
    for (int y = 0; y < h; y++) {
        if (px->ncolours) {
            png_write_row(png, px->rows + (size_t)y * ((size_t)w + 1) + 1);
            continue;
        }
        csvchart_png_convert_row(pixels + (size_t)y * (size_t)stride, row, w, px->opaque);
        png_write_row(png, row);
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
}

csvchart_status csvchart_render_png(const struct csvchart_scene *s,
                                    const struct render_options *opt, void **data, size_t *len,
                                    csvchart_error *err)
{
    /* Limits first, in doubles, before anything is allocated. */
    double wd = round(s->width * opt->scale), hd = round(s->height * opt->scale);
    double max_pixels = opt->max_pixels > 0 ? opt->max_pixels : MAX_PIXELS;
    if (!(wd <= MAX_SIDE && hd <= MAX_SIDE && wd * hd <= max_pixels)) {
        return csvchart_error_set(err, CSVCHART_ERROR_LIMIT, NULL, 0, 0,
                                  "image of %.0fx%.0f px is too large; the limit is %.0f px a "
                                  "side and %g megapixels (max_pixels)",
                                  wd, hd, MAX_SIDE, max_pixels / 1e6);
    }
    if (wd < 1 || hd < 1) {
        return csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                                  "image of %.0fx%.0f px is empty", wd, hd);
    }
    atomic_fetch_add(&running_renders, 1);
    int w = (int)wd, h = (int)hd;
    csvchart_status status = CSVCHART_OK;
    struct png_io io = {.status = CSVCHART_OK};
    struct texts texts = {.len = 0};
    unsigned char *row = NULL;
    struct pixels_out *px = NULL;
    cairo_t *cr = NULL;
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
        status = csvchart_error_nomem(err);
        goto done;
    }
    cr = cairo_create(img);
    cairo_scale(cr, opt->scale, opt->scale);
    if (!csvchart_render_replay(cr, s, true, opt)) {
        status = csvchart_error_nomem(err);
        goto done;
    }
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
        status = cairo_status(cr) == CAIRO_STATUS_NO_MEMORY
                     ? csvchart_error_nomem(err)
                     : csvchart_error_set(err, CSVCHART_ERROR_INTERNAL, NULL, 0, 0,
                                          "cairo cannot draw the PNG: %s",
                                          cairo_status_to_string(cairo_status(cr)));
        goto done;
    }
    cairo_surface_flush(img);

    row = malloc((size_t)w * 4);
    px = calloc(1, sizeof *px);
    if (!row || !px || !add_text(&texts, "Title", s->title) ||
        !add_text(&texts, "Source", s->source) || !add_text(&texts, "Description", s->desc) ||
        !add_text(&texts, "Software", "csvchart " CSVCHART_VERSION_STRING)) {
        status = csvchart_error_nomem(err);
        goto done;
    }
    /* Drawn over an opaque background, every pixel is opaque: no need to look. */
    unsigned char *pixels = cairo_image_surface_get_data(img);
    int stride = cairo_image_surface_get_stride(img);
    px->opaque = (s->background & 0xFFu) == 0xFFu || csvchart_png_all_opaque(pixels, w, h, stride);
    /* A palette image's rows replace the pixels (nothing draws on the surface any more);
     * with more than 256 colours, RGB(A) rows are made from the pixels as they are written. */
    px->ncolours =
        opt->png_no_palette ? 0 : csvchart_png_index_colours(pixels, w, h, stride, px->pal);
    px->rows = px->ncolours ? pixels : NULL;
    struct render_buf idat = {0};
    bool fast = opt->png_compression != PNG_COMPRESSION_SMALL;
    if (fast && !compress_fast(pixels, w, h, stride, px->opaque, px->rows, &idat)) {
        free(idat.items);
        status = csvchart_error_nomem(err);
        goto done;
    }
    encode(&io, img, opt, &texts, row, px, fast ? &idat : NULL);
    free(idat.items);
    if (io.status == CSVCHART_ERROR_NOMEM) {
        status = csvchart_error_nomem(err);
    } else if (io.status != CSVCHART_OK) {
        status = csvchart_error_set(err, io.status, NULL, 0, 0, "libpng cannot write the PNG: %s",
                                    io.message);
    } else {
        status = csvchart_render_buf_detach(&io.out, data, len, err);
    }
done:
    free(io.out.items);
    for (int i = 0; i < texts.len; i++) {
        free(texts.latin1[i]);
    }
    free(row);
    free(px);
    cairo_destroy(cr); // accepts NULL
    cairo_surface_destroy(img);
    atomic_fetch_sub(&running_renders, 1);
    return status;
}
