/*
 * render_png.c - the PNG backend: the scene replayed onto cairo image surfaces - a band of rows
 * at a time (the whole image at once only for SMALL's RGB(A), which libpng filters) - then
 * encoded by our own libpng writer (the only file that includes png.h).
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
 * Compression: FAST is zlib level 1 - palette rows unfiltered (run-length strategy), RGB(A) rows
 * with the UP filter (default strategy) - each band's rows deflated while the next band is
 * drawn, on a second thread when a core is spare (render_png_deflate.c, with the
 * measurements); SMALL is level 9 with libpng's adaptive choice among all five filters per row.
 */
#include <math.h>
#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cores.h"
#include "render_backend.h"
#include "render_png_deflate.h"
#include "render_png_pixels.h"

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

/* What encode() writes: the pixels' form, and for a palette image its colours and rows. */
struct pixels_out {
    bool opaque;
    int ncolours;              /* 1..256: a palette image; 0: RGB(A) */
    uint32_t pal[256];         /* premultiplied ARGB32 */
    const unsigned char *rows; /* palette: (w + 1) * h bytes, each row a filter byte first */
};

/* Encodes the surface into io->out; on failure io->status says why. */
static void encode(struct png_io *io, const unsigned char *pixels, int w, int h, int stride,
                   const struct render_options *opt, struct texts *texts, unsigned char *row,
                   const struct pixels_out *px, const struct render_buf *idat)
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
    if (idat) { /* FAST: the image data is compressed already (render_png_deflate.c) */
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

/*
 * Draws the scene onto `img`, whose row 0 is the image's row y0: a band of the image, or all
 * of it. The surface is cleared first unless the background is opaque (the replay paints it
 * over every pixel).
 * Returns cairo's status, CAIRO_STATUS_NO_MEMORY when the replay ran out.
 */
static cairo_status_t draw_rows(cairo_surface_t *img, struct csvchart_replay *r,
                                const struct csvchart_scene *s, double scale, int y0)
{
    if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
        return cairo_surface_status(img);
    }
    int h = cairo_image_surface_get_height(img);
    cairo_surface_set_device_offset(img, 0, -y0);
    if ((s->background & 0xFFu) != 0xFFu) { /* else the replay paints every pixel first */
        cairo_surface_flush(img);
        memset(cairo_image_surface_get_data(img), 0,
               (size_t)cairo_image_surface_get_stride(img) * (size_t)h);
        cairo_surface_mark_dirty(img);
    }
    cairo_t *cr = cairo_create(img);
    cairo_scale(cr, scale, scale);
    /* A device pixel around the band: antialiasing reaches that far past a label's ink. */
    cairo_status_t status =
        csvchart_render_replay_rows(r, cr, (y0 - 1) / scale, (y0 + h + 1) / scale)
            ? cairo_status(cr)
            : CAIRO_STATUS_NO_MEMORY;
    cairo_destroy(cr);
    cairo_surface_flush(img);
    return status;
}

/*
 * A palette image is drawn a band of BAND_ROWS rows at a time, each band indexed into palette
 * rows before the next is drawn over it, and those rows deflated while the next band is drawn
 * (FAST): the process never holds the 4 bytes a pixel of the whole image (3.2 MB at
 * 1200x675), nor, with FAST, its palette rows (0.8 MB). Every page a process touches first
 * costs a fault (about 3 us on the virtual machines this was measured on: 790 of them for
 * that image), and a band is still in the cache when it is indexed. The replay shapes each
 * label once and skips the labels a band cannot show (render_cairo.c). The bands' pixels are
 * the whole image's: a band is the image seen through an integer device offset, where cairo
 * rasterises the same coverage, and a band never ends inside a label
 * (csvchart_render_replay_band_end()), so that no run of glyphs is clipped by a band's edge
 * (tests: palette and RGB images, drawn in bands and whole, decode to the same pixels). An
 * image with a 257th colour is drawn again, in bands as RGB(A) (draw_rgb()).
 * valuations.csv at 1200x675: peak RSS 15.8 -> 12.8 MiB, wall time 0.88x (60 paired runs).
 */
#define BAND_ROWS 64

/* The bands of an h-row image: ends[i] is where band i ends (the next one starts); returns
 * how many (0 when out of memory), *tallest the rows of the tallest. */
static int plan_bands(struct csvchart_replay *r, double scale, int h, int *ends, int *tallest)
{
    int n = 0;
    *tallest = 0;
    for (int y = 0; y < h; n++) {
        int end = csvchart_render_replay_band_end(r, scale, y, y + BAND_ROWS, h);
        if (end <= y) {
            return 0;
        }
        ends[n] = end;
        *tallest = end - y > *tallest ? end - y : *tallest;
        y = end;
    }
    return n;
}

/*
 * Draws and indexes the image band by band, `nbands` bands ending at ends[], the tallest
 * `tallest` rows; sets *fits to whether it has at most 256 colours (then ix holds them),
 * stopping at the band with the 257th. The rows go to `stream` as they are made (FAST), or
 * else into `rows`, all of them ((w + 1) * h bytes, for libpng: SMALL).
 */
static cairo_status_t draw_indexed(struct csvchart_replay *r, const struct csvchart_scene *s,
                                   double scale, int w, const int *ends, int nbands, int tallest,
                                   struct png_indexer *ix, struct png_stream *stream,
                                   unsigned char *rows, bool *fits)
{
    csvchart_png_indexer_init(ix);
    int stride = cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, w);
    unsigned char *pixels = stride > 0 ? malloc((size_t)stride * (size_t)tallest) : NULL;
    if (!pixels) {
        return CAIRO_STATUS_NO_MEMORY;
    }
    cairo_status_t status = CAIRO_STATUS_SUCCESS;
    *fits = true;
    for (int i = 0, y0 = 0; i < nbands && *fits && status == CAIRO_STATUS_SUCCESS; i++) {
        int n = ends[i] - y0;
        cairo_surface_t *band =
            cairo_image_surface_create_for_data(pixels, CAIRO_FORMAT_ARGB32, w, n, stride);
        status = draw_rows(band, r, s, scale, y0);
        cairo_surface_destroy(band);
        unsigned char *dst =
            stream ? csvchart_png_stream_slot(stream) : rows + (size_t)y0 * ((size_t)w + 1);
        if (status == CAIRO_STATUS_SUCCESS && !dst) {
            status = CAIRO_STATUS_NO_MEMORY;
        }
        if (status == CAIRO_STATUS_SUCCESS) {
            *fits = csvchart_png_index_rows(ix, pixels, w, n, stride, dst);
        }
        if (status == CAIRO_STATUS_SUCCESS && *fits && stream) {
            csvchart_png_stream_put(stream, n, i + 1 == nbands);
        }
        y0 = ends[i];
    }
    free(pixels);
    return status;
}

/*
 * Draws an image of more than 256 colours band by band, as draw_indexed() does, its rows
 * converted to RGB (opaque) or RGBA, UP-filtered against the row above (the first against
 * zeros, as PNG defines it) and handed to `stream` as they are made: never the whole image's
 * 4 bytes a pixel (3.2 MB, 790 first-touched pages at 1200x675, about 20 ms of page faults on
 * the virtual machines this was measured on: a trend's PNG drew whole in 45 ms, a palette bar
 * chart in bands in 22).
 */
static cairo_status_t draw_rgb(struct csvchart_replay *r, const struct csvchart_scene *s,
                               double scale, int w, const int *ends, int nbands, int tallest,
                               bool opaque, struct png_stream *stream)
{
    int stride = cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, w);
    size_t n = (size_t)w * (opaque ? 3 : 4);
    unsigned char *pixels = stride > 0 ? malloc((size_t)stride * (size_t)tallest) : NULL;
    unsigned char *line = malloc(2 * n);
    if (!pixels || !line) {
        free(pixels);
        free(line);
        return CAIRO_STATUS_NO_MEMORY;
    }
    unsigned char *cur = line, *prev = line + n;
    memset(prev, 0, n);
    cairo_status_t status = CAIRO_STATUS_SUCCESS;
    for (int i = 0, y0 = 0; i < nbands && status == CAIRO_STATUS_SUCCESS; i++) {
        int rows = ends[i] - y0;
        cairo_surface_t *band =
            cairo_image_surface_create_for_data(pixels, CAIRO_FORMAT_ARGB32, w, rows, stride);
        status = draw_rows(band, r, s, scale, y0);
        cairo_surface_destroy(band);
        unsigned char *dst = csvchart_png_stream_slot(stream);
        if (status == CAIRO_STATUS_SUCCESS && !dst) {
            status = CAIRO_STATUS_NO_MEMORY;
        }
        for (int y = 0; status == CAIRO_STATUS_SUCCESS && y < rows; y++) {
            csvchart_png_convert_row(pixels + (size_t)y * (size_t)stride, cur, w, opaque);
            unsigned char *out = dst + (size_t)y * (n + 1);
            out[0] = 2; /* PNG filter type UP */
            for (size_t k = 0; k < n; k++) {
                out[1 + k] = (unsigned char)(cur[k] - prev[k]);
            }
            unsigned char *t = prev; /* this row is the next one's "above" */
            prev = cur;
            cur = t;
        }
        if (status == CAIRO_STATUS_SUCCESS) {
            csvchart_png_stream_put(stream, rows, i + 1 == nbands);
        }
        y0 = ends[i];
    }
    free(pixels);
    free(line);
    return status;
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
    csvchart_cores_busy(1);
    int w = (int)wd, h = (int)hd;
    csvchart_status status = CSVCHART_OK;
    struct png_io io = {.status = CSVCHART_OK};
    struct texts texts = {.len = 0};
    struct render_buf idat = {0};
    unsigned char *row = NULL, *rows = NULL;
    struct pixels_out *px = NULL;
    struct png_indexer *ix = NULL;
    struct png_stream *stream = NULL;
    int *ends = NULL;
    cairo_surface_t *img = NULL;
    const unsigned char *pixels = NULL;
    int stride = 0;
    bool fast = opt->png_compression != PNG_COMPRESSION_SMALL;
    struct csvchart_replay *replay = csvchart_render_replay_new(s, true, opt);
    row = malloc((size_t)w * 4);
    px = calloc(1, sizeof *px);
    if (!replay || !row || !px || !add_text(&texts, "Title", s->title) ||
        !add_text(&texts, "Source", s->source) || !add_text(&texts, "Description", s->desc) ||
        !add_text(&texts, "Software", "csvchart " CSVCHART_VERSION_STRING)) {
        status = csvchart_error_nomem(err);
        goto done;
    }
    /* A palette image if it can be one: drawn in bands, its rows deflated as they come
     * (FAST) or kept for libpng (SMALL). */
    cairo_status_t drawn = CAIRO_STATUS_SUCCESS;
    bool fits = false;
    ends = malloc((size_t)h * sizeof *ends);
    int tallest = 0, nbands = ends ? plan_bands(replay, opt->scale, h, ends, &tallest) : 0;
    if (nbands == 0) {
        status = csvchart_error_nomem(err);
        goto done;
    }
    if (!opt->png_no_palette) {
        ix = malloc(sizeof *ix);
        if (fast) {
            stream = csvchart_png_stream_new((size_t)w + 1, tallest, true);
        } else {
            rows = malloc(((size_t)w + 1) * (size_t)h);
        }
        drawn = ix && (stream || rows) ? draw_indexed(replay, s, opt->scale, w, ends, nbands,
                                                      tallest, ix, stream, rows, &fits)
                                       : CAIRO_STATUS_NO_MEMORY;
    }
    /* Drawn over an opaque background, every pixel is opaque (RGB); else RGBA. */
    bool opaque_bg = (s->background & 0xFFu) == 0xFFu;
    if (drawn == CAIRO_STATUS_SUCCESS && fits) {
        px->ncolours = ix->n;
        memcpy(px->pal, ix->pal, sizeof px->pal);
        px->rows = rows;
        px->opaque = true;
        for (int i = 0; i < ix->n; i++) {
            px->opaque = px->opaque && (ix->pal[i] >> 24) == 0xff;
        }
        if (fast && !csvchart_png_stream_finish(stream, &idat)) {
            drawn = CAIRO_STATUS_NO_MEMORY;
        }
    } else if (drawn == CAIRO_STATUS_SUCCESS && fast) { /* RGB(A), in bands as well */
        csvchart_png_stream_free(stream);
        px->opaque = opaque_bg;
        stream = csvchart_png_stream_new((size_t)w * (opaque_bg ? 3 : 4) + 1, tallest, false);
        drawn = stream
                    ? draw_rgb(replay, s, opt->scale, w, ends, nbands, tallest, opaque_bg, stream)
                    : CAIRO_STATUS_NO_MEMORY;
        if (drawn == CAIRO_STATUS_SUCCESS && !csvchart_png_stream_finish(stream, &idat)) {
            drawn = CAIRO_STATUS_NO_MEMORY;
        }
    } else if (drawn == CAIRO_STATUS_SUCCESS) { /* RGB(A) for libpng (SMALL): the whole image */
        free(rows);
        rows = NULL;
        img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
        drawn = draw_rows(img, replay, s, opt->scale, 0);
        pixels = cairo_image_surface_get_data(img);
        stride = cairo_image_surface_get_stride(img);
        px->opaque = drawn == CAIRO_STATUS_SUCCESS &&
                     (opaque_bg || csvchart_png_all_opaque(pixels, w, h, stride));
    }
    if (drawn != CAIRO_STATUS_SUCCESS) {
        status = drawn == CAIRO_STATUS_NO_MEMORY
                     ? csvchart_error_nomem(err)
                     : csvchart_error_set(err, CSVCHART_ERROR_INTERNAL, NULL, 0, 0,
                                          "cairo cannot draw the PNG: %s",
                                          cairo_status_to_string(drawn));
        goto done;
    }
    encode(&io, pixels, w, h, stride, opt, &texts, row, px, fast ? &idat : NULL);
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
    free(idat.items);
    csvchart_png_stream_free(stream);
    for (int i = 0; i < texts.len; i++) {
        free(texts.latin1[i]);
    }
    free(row);
    free(rows);
    free(ix);
    free(ends);
    free(px);
    cairo_surface_destroy(img);
    csvchart_render_replay_free(replay);
    csvchart_cores_busy(-1);
    return status;
}
