/*
 * test_render.c - the backends (render*.c): PNG chunks and metadata, SVG structure, PDF without
 * a date, byte-for-byte determinism (twice in a row, interleaved with another scene, and in a
 * fresh process), the image size limit, and CJK text actually drawn.
 *
 * The PNG is checked by walking its chunks by hand (only render_png.c includes png.h); pixels
 * are read back through cairo's PNG reader. Run with `--hashes` the program only prints a hash
 * of each output of scene A, which the main run compares with its own (a fresh process shares
 * no cairo counters or caches with this one).
 */
#include <cairo.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "harness.h"
#include "render.h"

/* ---- Scenes -------------------------------------------------------------------------------- */

static void scene_a(struct csvchart_scene *s)
{
    csvchart_scene_init(s, 320, 200, 0xffffffff, "Inter");
    csvchart_scene_set_string(s, &s->title, "Prices in Zürich <&>");
    csvchart_scene_set_string(s, &s->desc, "Three bars; the tallest is B.");
    csvchart_scene_set_string(s, &s->source, "Source: a test");
    csvchart_scene_rect(s, 40, 100, 40, 80, 0x1f77b4ff);
    struct scene_item *r = csvchart_scene_rect(s, 100, 60, 40, 120, 0xd62728ff);
    csvchart_scene_item_set_title(s, r, "B: $60");
    csvchart_scene_line(s, 30, 180.5, 300, 180.5, 0x333333ff, 1);
    struct scene_item *d = csvchart_scene_line(s, 30, 120.5, 300, 120.5, 0xccccccff, 1);
    d->dash = 4;
    struct scene_point pts[] = {{160, 180}, {200, 120}, {240, 150}, {280, 90}};
    csvchart_scene_path(s, pts, 4, false, CSVCHART_RGBA_NONE, 0x2ca02cff, 2);
    csvchart_scene_circle(s, 280, 90, 4, 0x2ca02cff);
    csvchart_scene_text(s, "Prices", 20, 12, 60, 20, 28, TEXT_ANCHOR_START, 20, 16, 700,
                        0x111111ff);
    csvchart_scene_text(s, "Zürich", 160, 14, 50, 17, 28, TEXT_ANCHOR_MIDDLE, 185, 13, 400,
                        0x333333ff);
    csvchart_scene_text(s, "深度求索", 240, 10, 56, 18, 28, TEXT_ANCHOR_END, 296, 14, 400,
                        0x333333ff);
}

static void scene_b(struct csvchart_scene *s)
{
    csvchart_scene_init(s, 200, 100, 0x000000ff, "Inter");
    csvchart_scene_set_string(s, &s->title, "Another one");
    csvchart_scene_text(s, "Other text, ß", 10, 30, 100, 20, 50, TEXT_ANCHOR_START, 10, 18, 400,
                        0xffffffff);
    csvchart_scene_rect(s, 10, 60, 50, 20, 0x80808080);
}

/* ---- Helpers ------------------------------------------------------------------------------- */

struct out {
    unsigned char *data;
    size_t len;
};

static struct out render(const struct csvchart_scene *s, csvchart_format f,
                         const struct render_options *o)
{
    struct out r = {0};
    void *data = NULL;
    csvchart_error err = {0};
    csvchart_status st = csvchart_render(s, f, o, &data, &r.len, &err);
    HARNESS_REPORT(st == CSVCHART_OK, "render format %d: %s", (int)f, csvchart_error_text(&err));
    r.data = data;
    return r;
}

static bool same(struct out a, struct out b)
{
    return a.len == b.len && a.data && b.data && memcmp(a.data, b.data, a.len) == 0;
}

static bool contains(struct out o, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; o.data && i + n <= o.len; i++) {
        if (memcmp(o.data + i, needle, n) == 0) {
            return true;
        }
    }
    return false;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The chunk of `type` (its data and length), or NULL. */
static const unsigned char *chunk(struct out png, const char *type, uint32_t *len, int nth)
{
    size_t pos = 8;
    while (pos + 12 <= png.len) {
        uint32_t n = be32(png.data + pos);
        if (memcmp(png.data + pos + 4, type, 4) == 0 && nth-- == 0) {
            *len = n;
            return png.data + pos + 8;
        }
        pos += 12 + (size_t)n;
    }
    return NULL;
}

static bool has_text_key(struct out png, const char *key)
{
    uint32_t n;
    const unsigned char *p;
    for (int i = 0; (p = chunk(png, "tEXt", &n, i)) != NULL; i++) {
        if (n > strlen(key) && strcmp((const char *)p, key) == 0) {
            return true;
        }
    }
    return false;
}

static const char *const renders[] = {"png1",     "png2", "pngsmall", "svg",
                                      "svgpaths", "pdf",  "scene"};

/* All outputs of one scene, in the order of `renders`. */
static void render_all(const struct csvchart_scene *s, struct out outs[7])
{
    struct render_options o = {.scale = 1};
    outs[0] = render(s, CSVCHART_FORMAT_PNG, &o);
    o.scale = 2;
    outs[1] = render(s, CSVCHART_FORMAT_PNG, &o);
    o.scale = 1;
    o.png_compression = PNG_COMPRESSION_SMALL;
    outs[2] = render(s, CSVCHART_FORMAT_PNG, &o);
    outs[3] = render(s, CSVCHART_FORMAT_SVG, &o);
    o.svg_text_paths = true;
    outs[4] = render(s, CSVCHART_FORMAT_SVG, &o);
    outs[5] = render(s, CSVCHART_FORMAT_PDF, &o);
    outs[6] = render(s, CSVCHART_FORMAT_SCENE, &o);
}

static void free_all(struct out outs[7])
{
    for (int i = 0; i < 7; i++) {
        free(outs[i].data);
    }
}

static uint64_t fnv(struct out o)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < o.len; i++) {
        h = (h ^ o.data[i]) * 0x100000001b3ULL;
    }
    return h;
}

static bool same_pixels(struct out a, struct out b);

/* ---- Tests --------------------------------------------------------------------------------- */

static void test_png(void)
{
    struct csvchart_scene s;
    scene_a(&s);
    struct render_options o = {.scale = 1};
    struct out a = render(&s, CSVCHART_FORMAT_PNG, &o);
    o.scale = 2;
    struct out b = render(&s, CSVCHART_FORMAT_PNG, &o);
    o.dpi = 300;
    struct out c = render(&s, CSVCHART_FORMAT_PNG, &o);
    CHECK(a.len > 8 && memcmp(a.data, "\x89PNG\r\n\x1a\n", 8) == 0);
    uint32_t n = 0;
    const unsigned char *ihdr = chunk(a, "IHDR", &n, 0);
    CHECK(ihdr && n == 13);
    if (ihdr) {
        CHECK_INT(be32(ihdr), 320);
        CHECK_INT(be32(ihdr + 4), 200);
        CHECK_INT(ihdr[8], 8);
        CHECK_INT(ihdr[9], 2); // RGB: the background is opaque, over 256 colours
    }
    ihdr = chunk(b, "IHDR", &n, 0);
    CHECK(ihdr != NULL);
    if (ihdr) {
        CHECK_INT(be32(ihdr), 640);
        CHECK_INT(be32(ihdr + 4), 400);
    }
    const unsigned char *phys = chunk(a, "pHYs", &n, 0);
    CHECK(phys && n == 9);
    if (phys) {
        CHECK_INT(be32(phys), 3780); // 96 dpi = 3779.5 px/m
        CHECK_INT(be32(phys + 4), 3780);
        CHECK_INT(phys[8], 1);
    }
    phys = chunk(b, "pHYs", &n, 0);
    CHECK(phys && be32(phys) == 7559); // 192 dpi
    phys = chunk(c, "pHYs", &n, 0);
    CHECK(phys && be32(phys) == 11811); // 300 dpi
    CHECK(has_text_key(a, "Title"));
    CHECK(has_text_key(a, "Source"));
    CHECK(has_text_key(a, "Software"));
    CHECK(contains(a, "Prices in Z\xfcrich <&>")); // tEXt is Latin-1
    CHECK(chunk(a, "tIME", &n, 0) == NULL);
    CHECK(chunk(b, "tIME", &n, 0) == NULL);
    free(a.data), free(b.data), free(c.data);

    /* A title that Latin-1 cannot hold goes to iTXt, in UTF-8. */
    csvchart_scene_set_string(&s, &s.title, "深度求索");
    a = render(&s, CSVCHART_FORMAT_PNG, NULL);
    CHECK(chunk(a, "iTXt", &n, 0) != NULL);
    CHECK(!has_text_key(a, "Title"));
    CHECK(contains(a, "深度求索"));
    free(a.data);

    /* A transparent background gives RGBA with straight alpha. */
    s.background = CSVCHART_RGBA_NONE;
    a = render(&s, CSVCHART_FORMAT_PNG, NULL);
    ihdr = chunk(a, "IHDR", &n, 0);
    CHECK(ihdr && ihdr[9] == 6);
    free(a.data);
    csvchart_scene_fini(&s);
}

/* Few colours, as most charts: a rect, a gridline, a bar with a dark label. */
static void scene_few(struct csvchart_scene *s, csvchart_rgba background)
{
    csvchart_scene_init(s, 320, 200, background, "Inter");
    csvchart_scene_rect(s, 40, 60.5, 40, 120, 0x0072b2ff);
    csvchart_scene_line(s, 30, 180.5, 300, 180.5, 0x333333ff, 1);
    csvchart_scene_text(s, "Prices 123", 20, 12, 60, 20, 28, TEXT_ANCHOR_START, 20, 16, 700,
                        0x111111ff);
}

/* Palette or not, FAST or SMALL, the pixels are the same; over 256 colours is RGB. */
static void test_png_palette(void)
{
    struct csvchart_scene s;
    scene_few(&s, 0xffffffff);
    struct render_options o = {.scale = 2};
    struct out pal = render(&s, CSVCHART_FORMAT_PNG, &o);
    o.png_compression = PNG_COMPRESSION_SMALL;
    struct out small = render(&s, CSVCHART_FORMAT_PNG, &o);
    o.png_no_palette = true;
    struct out rgb_small = render(&s, CSVCHART_FORMAT_PNG, &o);
    o.png_compression = PNG_COMPRESSION_FAST;
    struct out rgb = render(&s, CSVCHART_FORMAT_PNG, &o);
    CHECK(same_pixels(pal, rgb));
    CHECK(same_pixels(pal, small));
    CHECK(same_pixels(pal, rgb_small));
    CHECK(pal.len < rgb.len);
    uint32_t n;
    const unsigned char *ihdr = chunk(pal, "IHDR", &n, 0);
    CHECK(ihdr && ihdr[9] == 3);
    CHECK(chunk(pal, "PLTE", &n, 0) != NULL);
    CHECK(chunk(pal, "tRNS", &n, 0) == NULL); // opaque
    ihdr = chunk(rgb, "IHDR", &n, 0);
    CHECK(ihdr && ihdr[9] == 2);
    free(pal.data), free(small.data), free(rgb_small.data), free(rgb.data);
    csvchart_scene_fini(&s);

    /* On a transparent background: alpha in tRNS, the pixels of the RGBA image. */
    scene_few(&s, CSVCHART_RGBA_NONE);
    o = (struct render_options){.scale = 1};
    pal = render(&s, CSVCHART_FORMAT_PNG, &o);
    o.png_no_palette = true;
    rgb = render(&s, CSVCHART_FORMAT_PNG, &o);
    ihdr = chunk(pal, "IHDR", &n, 0);
    CHECK(ihdr && ihdr[9] == 3);
    CHECK(chunk(pal, "tRNS", &n, 0) != NULL);
    ihdr = chunk(rgb, "IHDR", &n, 0);
    CHECK(ihdr && ihdr[9] == 6);
    CHECK(same_pixels(pal, rgb));
    free(pal.data), free(rgb.data);
    csvchart_scene_fini(&s);

    /* 300 bars of 300 greys: too many colours for a palette. */
    csvchart_scene_init(&s, 300, 80, 0xffffffff, "Inter");
    for (int i = 0; i < 300; i++) {
        csvchart_rgba c = (csvchart_rgba)(i / 2) << 24 | (csvchart_rgba)(i % 2) << 16 | 0xff;
        csvchart_scene_rect(&s, i, 0, 1, 80, c);
    }
    o = (struct render_options){.scale = 1};
    struct out many = render(&s, CSVCHART_FORMAT_PNG, &o);
    ihdr = chunk(many, "IHDR", &n, 0);
    CHECK(ihdr && ihdr[9] == 2);
    o.png_no_palette = true;
    rgb = render(&s, CSVCHART_FORMAT_PNG, &o);
    CHECK(same(many, rgb));
    free(many.data), free(rgb.data);
    csvchart_scene_fini(&s);
}

/*
 * A palette image, and with FAST compression an RGB(A) one too, is drawn in bands of rows
 * (render_png.c) and its labels are shaped once and skipped by the bands they cannot reach
 * (render_cairo.c); an RGB(A) image for libpng (SMALL, png_no_palette) is drawn whole. Their
 * pixels must agree: labels at every offset across the band edges (64 and
 * 128 device rows), ASCII and not (a fallback font, combining marks stacked high), a line and
 * a bar through the edges, at scales that make the edges fall mid-pixel in CSS px, on an opaque
 * and on a transparent background, and  one image whose 257th colour comes in a late band. (One
 * colour on one background: at most 256 shades, so that the image is a palette one.)
 */
static void test_png_bands(void)
{
    const double scales[] = {1, 1.5, 2, 3};
    const csvchart_rgba backgrounds[] = {0xffffffff, CSVCHART_RGBA_NONE, 0x202124ff};
    for (size_t k = 0; k < sizeof scales / sizeof scales[0]; k++) {
        for (size_t b = 0; b < sizeof backgrounds / sizeof backgrounds[0]; b++) {
            struct csvchart_scene s;
            csvchart_scene_init(&s, 321, 203.5, backgrounds[b], "Inter");
            bool opaque = backgrounds[b] != CSVCHART_RGBA_NONE;
            /* On a transparent background, overlaps would make more than 256 alphas. */
            for (int i = 0; i < 24; i += opaque ? 1 : 2) {
                double y = 8 + i * 8.3;
                const char *text = i % 4 == 3 && opaque ? "ÉÅ 深度 x"
                                   : i % 4 == 1         ? "Label gjpqy 42"
                                                        : "$60.0M (2025)";
                csvchart_scene_text(&s, text, 10 + (i % 3) * 100, y - 10, 90, 14, y,
                                    TEXT_ANCHOR_START, 10 + (i % 3) * 100, 9 + i % 5,
                                    400 + 300 * (i % 2), 0x111111ff);
            }
            csvchart_scene_text(&s, "far above", 0, -400, 50, 10, -390, TEXT_ANCHOR_START, 0, 12,
                                400, 0x111111ff);
            if (opaque) {
                csvchart_scene_line(&s, 0, 0, 321, 203.5, 0x111111ff, 1.5);
                csvchart_scene_rect(&s, 250, 40.25, 20, 100.5, 0x111111ff);
            }
            struct render_options o = {.scale = scales[k]};
            struct out pal = render(&s, CSVCHART_FORMAT_PNG, &o);
            o.png_no_palette = true;
            struct out rgb = render(&s, CSVCHART_FORMAT_PNG, &o);
            o.png_compression = PNG_COMPRESSION_SMALL; /* RGB(A) for libpng: drawn whole */
            struct out whole = render(&s, CSVCHART_FORMAT_PNG, &o);
            uint32_t n;
            const unsigned char *ihdr = chunk(pal, "IHDR", &n, 0);
            CHECK(ihdr && ihdr[9] == 3);
            const unsigned char *rgb_ihdr = chunk(rgb, "IHDR", &n, 0);
            CHECK(rgb_ihdr && rgb_ihdr[9] == (opaque ? 2 : 6));
            CHECK(same_pixels(pal, whole));
            CHECK(same_pixels(rgb, whole));
            free(pal.data), free(rgb.data), free(whole.data);
            csvchart_scene_fini(&s);
        }
    }

    /* Few colours at the top, 300 greys from row 150: the palette fails in a late band. */
    struct csvchart_scene s;
    csvchart_scene_init(&s, 300, 200, 0xffffffff, "Inter");
    csvchart_scene_text(&s, "Prices 123", 20, 12, 60, 20, 28, TEXT_ANCHOR_START, 20, 16, 700,
                        0x111111ff);
    for (int i = 0; i < 300; i++) {
        csvchart_rgba c = (csvchart_rgba)(i / 2) << 24 | (csvchart_rgba)(i % 2) << 16 | 0xff;
        csvchart_scene_rect(&s, i, 150, 1, 50, c);
    }
    struct render_options o = {.scale = 1};
    struct out late = render(&s, CSVCHART_FORMAT_PNG, &o);
    uint32_t n;
    const unsigned char *ihdr = chunk(late, "IHDR", &n, 0);
    CHECK(ihdr && ihdr[9] == 2);
    o.png_no_palette = true;
    struct out rgb = render(&s, CSVCHART_FORMAT_PNG, &o);
    CHECK(same(late, rgb));
    o.png_no_palette = false;
    o.png_compression = PNG_COMPRESSION_SMALL;
    struct out small = render(&s, CSVCHART_FORMAT_PNG, &o);
    CHECK(same_pixels(late, small));
    free(late.data), free(rgb.data), free(small.data);
    csvchart_scene_fini(&s);
}

static void test_too_large(void)
{
    struct csvchart_scene s;
    csvchart_scene_init(&s, 100000, 100000, 0xffffffff, "Inter");
    void *data = (void *)1;
    size_t len = 1;
    csvchart_error err = {0};
    CHECK_INT(csvchart_render(&s, CSVCHART_FORMAT_PNG, NULL, &data, &len, &err),
              CSVCHART_ERROR_LIMIT);
    CHECK(data == NULL && len == 0);
    CHECK_STR(err.message, "image of 100000x100000 px is too large; the limit is 32767 px a "
                           "side and 100 megapixels (max_pixels)");
    csvchart_scene_fini(&s);
    /* 12000x9000 px is under 32767 a side but over 100 megapixels. */
    csvchart_scene_init(&s, 6000, 4500, 0xffffffff, "Inter");
    csvchart_error_clear(&err);
    struct render_options o = {.scale = 2};
    CHECK_INT(csvchart_render(&s, CSVCHART_FORMAT_PNG, &o, &data, &len, &err),
              CSVCHART_ERROR_LIMIT);
    csvchart_scene_fini(&s);
}

static void test_svg(void)
{
    struct csvchart_scene s;
    scene_a(&s);
    struct render_options o = {.scale = 1};
    struct out a = render(&s, CSVCHART_FORMAT_SVG, &o);
    CHECK(contains(a, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
    CHECK(contains(a, "role=\"img\""));
    CHECK(contains(a, "<title id=\"csvchart-"));
    CHECK(contains(a, ">Prices in Zürich &lt;&amp;&gt;</title>"));
    CHECK(contains(a, "<desc id=\"csvchart-"));
    CHECK(contains(a, "<text x=\"185\" y=\"28\" text-anchor=\"middle\""));
    CHECK(contains(a, ">深度求索</text>"));
    CHECK(contains(a, "<title>B: $60</title></rect>"));
    CHECK(contains(a, "stroke-dasharray=\"4\""));
    CHECK(contains(a, "&quot;WenQuanYi Micro Hei&quot;"));
    CHECK(!contains(a, "surface"));
    o.id_prefix = "fig1-";
    struct out b = render(&s, CSVCHART_FORMAT_SVG, &o);
    CHECK(contains(b, "id=\"fig1-csvchart-"));
    o.svg_text_paths = true;
    struct out c = render(&s, CSVCHART_FORMAT_SVG, &o);
    CHECK(contains(c, "role=\"img\""));
    CHECK(contains(c, "<title id=\"fig1-csvchart-"));
    CHECK(!contains(c, "id=\"surface"));
    CHECK(!contains(c, "id=\"glyph"));
    CHECK(!contains(c, "\"#glyph"));
    CHECK(!contains(c, "<text"));
    if (system("command -v xmllint >/dev/null 2>&1") == 0) {
        const struct out docs[] = {a, b, c};
        for (int i = 0; i < 3; i++) {
            FILE *f = fopen("test_render.out.svg", "wb");
            CHECK(f != NULL);
            if (f) {
                fwrite(docs[i].data, 1, docs[i].len, f);
                fclose(f);
                CHECK_INT(system("xmllint --noout test_render.out.svg"), 0);
            }
        }
        remove("test_render.out.svg");
    } else {
        printf("xmllint not found: SVG validity not checked\n");
    }
    free(a.data), free(b.data), free(c.data);
    csvchart_scene_fini(&s);
}

static void test_pdf(void)
{
    struct csvchart_scene s;
    scene_a(&s);
    struct out a = render(&s, CSVCHART_FORMAT_PDF, NULL);
    CHECK(a.len > 5 && memcmp(a.data, "%PDF-", 5) == 0);
    CHECK(!contains(a, "/CreationDate"));
    CHECK(!contains(a, "/ModDate"));
    CHECK(contains(a, "/Title"));
    CHECK(contains(a, "/FontFile")); // fonts embedded
    CHECK(contains(a, "/MediaBox [ 0 0 240 150 ]"));
    free(a.data);
    csvchart_scene_fini(&s);
}

static void test_deterministic(const char *self)
{
    struct csvchart_scene sa, sb;
    scene_a(&sa);
    scene_b(&sb);
    struct out a1[7], b1[7], a2[7], b2[7];
    render_all(&sa, a1);
    render_all(&sa, a2);
    for (int i = 0; i < 7; i++) {
        HARNESS_REPORT(same(a1[i], a2[i]), "%s differs between two renders", renders[i]);
    }
    free_all(a2);
    render_all(&sb, b1);
    render_all(&sa, a2); // interleaved: A, B, A, B
    render_all(&sb, b2);
    for (int i = 0; i < 7; i++) {
        HARNESS_REPORT(same(a1[i], a2[i]), "%s of A changes after rendering B", renders[i]);
        HARNESS_REPORT(same(b1[i], b2[i]), "%s of B changes after rendering A", renders[i]);
        HARNESS_REPORT(!same(a1[i], b1[i]), "%s of A and B are equal", renders[i]);
    }
    /* A fresh process rendering only A must agree. */
    char cmd[1100];
    snprintf(cmd, sizeof cmd, "'%s' --hashes", self);
    FILE *p = popen(cmd, "r");
    CHECK(p != NULL);
    if (p) {
        for (int i = 0; i < 7; i++) {
            unsigned long long h = 0;
            CHECK_INT(fscanf(p, "%llx", &h), 1);
            HARNESS_REPORT(h == fnv(a1[i]), "%s differs in a fresh process", renders[i]);
        }
        CHECK_INT(pclose(p), 0);
    }
    free_all(a1), free_all(a2), free_all(b1), free_all(b2);
    csvchart_scene_fini(&sa);
    csvchart_scene_fini(&sb);
}

/* Counts pixels darker than mid-grey in rows [y0, y1) of a PNG (read back through cairo). */
struct reader {
    struct out png;
    size_t pos;
};

static cairo_status_t read_png(void *closure, unsigned char *data, unsigned int n)
{
    struct reader *r = closure;
    if (r->pos + n > r->png.len) {
        return CAIRO_STATUS_READ_ERROR;
    }
    memcpy(data, r->png.data + r->pos, n);
    r->pos += n;
    return CAIRO_STATUS_SUCCESS;
}

static long dark_pixels(struct out png, int y0, int y1)
{
    struct reader r = {png, 0};
    cairo_surface_t *img = cairo_image_surface_create_from_png_stream(read_png, &r);
    if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(img);
        return -1;
    }
    long dark = 0;
    int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
    int stride = cairo_image_surface_get_stride(img);
    const unsigned char *px = cairo_image_surface_get_data(img);
    for (int y = y0 < 0 ? 0 : y0; y < h && y < y1; y++) {
        for (int x = 0; x < w; x++) {
            uint32_t v;
            memcpy(&v, px + (size_t)y * (size_t)stride + 4 * (size_t)x, 4);
            if (((v >> 8) & 0xff) < 0x80) {
                dark++;
            }
        }
    }
    cairo_surface_destroy(img);
    return dark;
}

/* Both PNGs decode (through cairo) to the same size and pixels. */
static bool same_pixels(struct out a, struct out b)
{
    struct reader ra = {a, 0}, rb = {b, 0};
    cairo_surface_t *x = cairo_image_surface_create_from_png_stream(read_png, &ra);
    cairo_surface_t *y = cairo_image_surface_create_from_png_stream(read_png, &rb);
    bool ok = cairo_surface_status(x) == CAIRO_STATUS_SUCCESS &&
              cairo_surface_status(y) == CAIRO_STATUS_SUCCESS &&
              cairo_image_surface_get_width(x) == cairo_image_surface_get_width(y) &&
              cairo_image_surface_get_height(x) == cairo_image_surface_get_height(y) &&
              cairo_image_surface_get_stride(x) == cairo_image_surface_get_stride(y) &&
              cairo_image_surface_get_format(x) == cairo_image_surface_get_format(y);
    if (ok) {
        size_t n =
            (size_t)cairo_image_surface_get_stride(x) * (size_t)cairo_image_surface_get_height(x);
        ok = memcmp(cairo_image_surface_get_data(x), cairo_image_surface_get_data(y), n) == 0;
    }
    cairo_surface_destroy(x);
    cairo_surface_destroy(y);
    return ok;
}

/* The first and last row of column x with ink (green under 0x80), or -1. */
static void ink_rows(struct out png, int x, int *top, int *bottom)
{
    struct reader r = {png, 0};
    cairo_surface_t *img = cairo_image_surface_create_from_png_stream(read_png, &r);
    *top = *bottom = -1;
    if (cairo_surface_status(img) == CAIRO_STATUS_SUCCESS) {
        int h = cairo_image_surface_get_height(img), stride = cairo_image_surface_get_stride(img);
        const unsigned char *px = cairo_image_surface_get_data(img);
        for (int y = 0; y < h; y++) {
            uint32_t v;
            memcpy(&v, px + (size_t)y * (size_t)stride + 4 * (size_t)x, 4);
            if (((v >> 8) & 0xff) < 0x80) {
                *top = *top < 0 ? y : *top;
                *bottom = y;
            }
        }
    }
    cairo_surface_destroy(img);
}

/*
 * A polyline denser than the pixel columns is drawn through the first, lowest, highest and
 * last point of each column (render_cairo.c): each column's ink spans the rows it does when
 * every point is drawn, but for the miters of the sharp turns a dense line makes (a miter
 * reaches up to 4 half-widths past its point: 3 px at 1.5 px). The reference is the same line
 * cut into paths too short for that (under 1,024 points each, joined end to start).
 */
static void test_dense_polyline(void)
{
    enum { N = 4000 };
    static struct scene_point pts[N];
    for (size_t k = 0; k < N; k++) {
        pts[k].x = 10 + 100.0 * (double)k / N;
        pts[k].y = 50 + 25 * sin((double)k * 0.01) + ((k * 7919) % 13) - 6.0;
    }
    struct csvchart_scene whole, cut;
    csvchart_scene_init(&whole, 120, 100, 0xffffffff, "Inter");
    csvchart_scene_init(&cut, 120, 100, 0xffffffff, "Inter");
    csvchart_scene_path(&whole, pts, N, false, CSVCHART_RGBA_NONE, 0x000000ff, 1.5);
    for (size_t a = 0; a + 1 < N; a += 999) {
        size_t n = a + 1000 <= N ? 1000 : N - a;
        csvchart_scene_path(&cut, pts + a, n, false, CSVCHART_RGBA_NONE, 0x000000ff, 1.5);
    }
    struct render_options o = {.scale = 1};
    struct out a = render(&whole, CSVCHART_FORMAT_PNG, &o),
               b = render(&cut, CSVCHART_FORMAT_PNG, &o);
    for (int x = 11; x < 109; x++) {
        int ta, ba, tb, bb;
        ink_rows(a, x, &ta, &ba);
        ink_rows(b, x, &tb, &bb);
        HARNESS_REPORT(ta >= 0 && tb >= 0 && abs(ta - tb) <= 4 && abs(ba - bb) <= 4,
                       "column %d: ink over rows %d-%d, every point's %d-%d", x, ta, ba, tb, bb);
    }
    free(a.data);
    free(b.data);
    csvchart_scene_fini(&whole);
    csvchart_scene_fini(&cut);
}

static bool have_cjk_font;

static void test_cjk_drawn(void)
{
    have_cjk_font = system("fc-list :lang=zh | grep -q .") == 0;
    if (!have_cjk_font) {
        printf("no CJK font: CJK drawing not checked\n");
        return;
    }
    struct csvchart_scene s;
    csvchart_scene_init(&s, 120, 40, 0xffffffff, "Inter");
    csvchart_scene_text(&s, "深度求索", 10, 8, 96, 28, 30, TEXT_ANCHOR_START, 10, 24, 400,
                        0x000000ff);
    struct out a = render(&s, CSVCHART_FORMAT_PNG, NULL);
    /* Four ideographs at 24 px: hundreds of dark pixels, nearly all above the baseline (y 30)
     * and none far below it. */
    CHECK(dark_pixels(a, 0, 40) > 200);
    CHECK(dark_pixels(a, 0, 31) > 200);
    CHECK_INT(dark_pixels(a, 36, 40), 0);
    free(a.data);
    csvchart_scene_fini(&s);
}

/*
 * Text drawn at scale 2 covers four times the pixels it covers at scale 1, ASCII (shaped for
 * the bands before the first is drawn) and other text (laid out again for the device) alike:
 * each glyph run is drawn at the size its font was loaded for (render_glyphs.c).
 */
static void test_text_scales(void)
{
    /* The last: boxes, when no font has Thai (a box is as wide at 2x as measured). */
    static const char *const texts[] = {"OpenAI o1 costs 857x more", "Zürich, Genève",
                                        "Bangkok \xE0\xB8\xA0\xE0\xB8\xB2\xE0\xB8\xA9\xE0\xB8\xB2"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        struct csvchart_scene s;
        csvchart_scene_init(&s, 400, 40, 0xffffffff, "Inter");
        csvchart_scene_text(&s, texts[i], 10, 4, 380, 32, 30, TEXT_ANCHOR_START, 10, 24, 700,
                            0x000000ff);
        struct render_options o = {.scale = 1};
        struct out a = render(&s, CSVCHART_FORMAT_PNG, &o);
        o.scale = 2;
        struct out b = render(&s, CSVCHART_FORMAT_PNG, &o);
        long one = dark_pixels(a, 0, 40), two = dark_pixels(b, 0, 80);
        CHECK(one > 500);
        CHECK(two > 3.5 * (double)one && two < 4.5 * (double)one);
        CHECK_INT(dark_pixels(b, 70, 80), 0); /* below the baseline's descenders */
        free(a.data);
        free(b.data);
        csvchart_scene_fini(&s);
    }
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--hashes") == 0) {
        struct csvchart_scene s;
        scene_a(&s);
        struct out outs[7];
        render_all(&s, outs);
        for (int i = 0; i < 7; i++) {
            printf("%016llx\n", (unsigned long long)fnv(outs[i]));
        }
        free_all(outs);
        csvchart_scene_fini(&s);
        return harness_failed ? 1 : 0;
    }
    if (system("fc-list | grep -q 'Inter'") != 0) {
        printf("the Inter font is not installed: skipped\n");
        return 77;
    }
    RUN(test_png);
    RUN(test_png_palette);
    RUN(test_png_bands);
    RUN(test_dense_polyline);
    RUN(test_too_large);
    RUN(test_svg);
    RUN(test_pdf);
    test_deterministic(argv[0]);
    RUN(test_cjk_drawn);
    RUN(test_text_scales);
    csvchart_render_release_thread_fonts();
    int status = harness_done();
    return status == 0 && !have_cjk_font ? 77 : status; // CJK unchecked: report a skip
}
