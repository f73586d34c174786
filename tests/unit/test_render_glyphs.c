/*
 * test_render_glyphs.c - the glyph pen (src/render_glyphs.c): Pango's runs drawn with cairo at
 * the size, place and scale the layout measured, on image and PDF surfaces.
 *
 * The pen replaced pangocairo byte for byte (the samples and golden images were compared when
 * it did); these checks hold what a regression would break: glyphs of the measured size at
 * every device scale, whichever matrix their font was loaded for; runs placed where Pango's
 * widths put them; text kept in a PDF; a box for a glyph no font has.
 */
#include <cairo-pdf.h>
#include <pango/pango.h>
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"
#include "render_glyphs.h"
#include "text.h"

static PangoFontMap *fontmap;

/* A one-line layout of `text` in Inter at `px`, laid out in `ctx`. */
static PangoLayout *layout_of(PangoContext *ctx, const char *text, double px)
{
    PangoLayout *l = pango_layout_new(ctx);
    PangoFontDescription *d = pango_font_description_from_string("Inter");
    pango_font_description_set_absolute_size(d, px * PANGO_SCALE);
    pango_layout_set_font_description(l, d);
    pango_font_description_free(d);
    pango_layout_set_text(l, text, -1);
    return l;
}

struct box {
    int x0, y0, x1, y1; /* device pixels with ink, [x0, x1) x [y0, y1); x1 == 0: none */
};

static struct box ink_of(cairo_surface_t *img)
{
    cairo_surface_flush(img);
    const unsigned char *px = cairo_image_surface_get_data(img);
    int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
    int stride = cairo_image_surface_get_stride(img);
    struct box b = {w, h, 0, 0};
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            if (px[(size_t)y * (size_t)stride + 4 * (size_t)x + 3] > 64) { /* alpha */
                b.x0 = x < b.x0 ? x : b.x0;
                b.y0 = y < b.y0 ? y : b.y0;
                b.x1 = x + 1 > b.x1 ? x + 1 : b.x1;
                b.y1 = y + 1 > b.y1 ? y + 1 : b.y1;
            }
        }
    }
    return b;
}

/*
 * Draws `text` at `px` on a transparent image at device `scale`, its baseline's start at user
 * (10, 40); with `early`, the layout is made and laid out before the pen sets the context's
 * matrix (as a replay shapes for its bands before drawing the first). Returns the ink box in
 * user px and the layout's ink rectangle in *want (Pango units, from the baseline's start).
 */
static struct box draw_at(const char *text, double px, double scale, bool early,
                          PangoRectangle *want)
{
    cairo_surface_t *img =
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)(400 * scale), (int)(60 * scale));
    cairo_t *cr = cairo_create(img);
    cairo_scale(cr, scale, scale);
    PangoContext *ctx = pango_font_map_create_context(fontmap);
    pango_context_set_round_glyph_positions(ctx, FALSE);
    PangoLayout *l = early ? layout_of(ctx, text, px) : NULL;
    PangoLayoutLine *line = l ? pango_layout_get_line_readonly(l, 0) : NULL;
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    struct glyph_pen *pen = csvchart_glyph_pen_new(fo);
    cairo_font_options_destroy(fo);
    csvchart_glyph_pen_use(pen, cr, ctx);
    l = l ? l : layout_of(ctx, text, px);
    line = pango_layout_get_line_readonly(l, 0); /* laid out again if the context changed */
    PangoMatrix m = *pango_context_get_matrix(ctx);
    PangoRectangle ink;
    pango_layout_line_get_extents(line, &ink, NULL);
    *want = ink;
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_move_to(cr, 10, 40);
    CHECK(csvchart_glyph_pen_show_line(pen, cr, line, &m));
    CHECK_INT(cairo_status(cr), CAIRO_STATUS_SUCCESS);
    struct box b = ink_of(img);
    b = (struct box){(int)floor(b.x0 / scale), (int)floor(b.y0 / scale), (int)ceil(b.x1 / scale),
                     (int)ceil(b.y1 / scale)};
    csvchart_glyph_pen_free(pen);
    g_object_unref(l);
    g_object_unref(ctx);
    cairo_destroy(cr);
    cairo_surface_destroy(img);
    return b;
}

/* The ink lands where the layout says, at the measured size, at scales 1, 2 and 0.75. */
static void test_size_and_place(void)
{
    static const double scales[] = {1, 2, 0.75};
    for (size_t i = 0; i < sizeof scales / sizeof scales[0]; i++) {
        for (int early = 0; early < 2; early++) {
            PangoRectangle want;
            struct box b = draw_at("Hamburg 857x", 20, scales[i], early, &want);
            double tol = 1 / scales[i] + 1.5; /* a device pixel of antialiasing, a px of rounding */
            CHECK_DBL(b.x0, 10 + pango_units_to_double(want.x), tol);
            CHECK_DBL(b.x1, 10 + pango_units_to_double(want.x + want.width), tol);
            CHECK_DBL(b.y0, 40 + pango_units_to_double(want.y), tol);
            CHECK_DBL(b.y1, 40 + pango_units_to_double(want.y + want.height), tol);
        }
    }
}

/* Two runs (Latin and CJK from a fallback font) follow each other as Pango's widths say. */
static void test_runs_in_order(void)
{
    if (system("fc-list :lang=zh | grep -q .") != 0) {
        printf("no CJK font: run checks skipped\n");
        return;
    }
    PangoRectangle want;
    struct box b = draw_at("Zürich 深度求索", 20, 2, false, &want);
    CHECK_DBL(b.x0, 10 + pango_units_to_double(want.x), 2);
    CHECK_DBL(b.x1, 10 + pango_units_to_double(want.x + want.width), 2);
}

/* A character no font has is a box the glyph's width wide, standing on the baseline. */
static void test_unknown_glyph_box(void)
{
    if (system("fc-list :lang=th | grep -q .") == 0) {
        printf("a Thai font is installed: box check skipped\n");
        return;
    }
    PangoRectangle want;
    struct box b = draw_at("\xE0\xB8\xA0", 20, 1, false, &want); /* U+0E20 */
    CHECK(b.x1 > b.x0 + 4);
    CHECK(b.y1 >= 39 && b.y1 <= 41);
    CHECK(b.y0 < 32);
}

static cairo_status_t append(void *closure, const unsigned char *data, unsigned int n)
{
    GString *s = closure;
    g_string_append_len(s, (const char *)data, n);
    return CAIRO_STATUS_SUCCESS;
}

/* On PDF, the run is written as text with its clusters: the string can be found again. */
static void test_pdf_keeps_text(void)
{
    GString *out = g_string_new(NULL);
    cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream(append, out, 300, 60);
    cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATE_DATE, "");
    cairo_t *cr = cairo_create(pdf);
    cairo_scale(cr, 0.75, 0.75);
    PangoContext *ctx = pango_font_map_create_context(fontmap);
    cairo_font_options_t *fo = cairo_font_options_create();
    struct glyph_pen *pen = csvchart_glyph_pen_new(fo);
    cairo_font_options_destroy(fo);
    csvchart_glyph_pen_use(pen, cr, ctx);
    PangoLayout *l = layout_of(ctx, "ffi 857x", 20);
    PangoLayoutLine *line = pango_layout_get_line_readonly(l, 0);
    cairo_move_to(cr, 10, 40);
    CHECK(csvchart_glyph_pen_show_line(pen, cr, line, pango_context_get_matrix(ctx)));
    cairo_destroy(cr);
    cairo_surface_finish(pdf);
    CHECK_INT(cairo_surface_status(pdf), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(pdf);
    /* The fonts carry the map from glyphs back to text (the ligature "ffi" included). */
    /* The text comes back out of the PDF (poppler's pdftotext, when installed), the ligature
     * "ffi" as its three letters. */
    const char *path = CSVCHART_BINARY_DIR "/tests/test_render_glyphs.pdf";
    FILE *f = fopen(path, "wb");
    CHECK(f && fwrite(out->str, 1, out->len, f) == out->len);
    if (f) {
        fclose(f);
    }
    if (system("command -v pdftotext >/dev/null") == 0) {
        char cmd[512], text[64] = "";
        snprintf(cmd, sizeof cmd, "pdftotext '%s' -", path);
        FILE *p = popen(cmd, "r");
        size_t n = p ? fread(text, 1, sizeof text - 1, p) : 0;
        text[n] = 0;
        if (p) {
            pclose(p);
        }
        CHECK(strncmp(text, "ffi 857x", 8) == 0);
    } else {
        printf("pdftotext is not installed: PDF text check skipped\n");
    }
    remove(path);
    csvchart_glyph_pen_free(pen);
    g_object_unref(l);
    g_object_unref(ctx);
    g_string_free(out, TRUE);
}

int main(void)
{
    if (system("fc-list | grep -q 'Inter'") != 0) {
        printf("the Inter font is not installed: skipped\n");
        return 77;
    }
    fontmap = csvchart_text_pango_fontmap_new(NULL);
    CHECK(fontmap != NULL);
    if (!fontmap) {
        return harness_done();
    }
    RUN(test_size_and_place);
    RUN(test_runs_in_order);
    RUN(test_unknown_glyph_box);
    RUN(test_pdf_keeps_text);
    g_object_unref(fontmap);
    return harness_done();
}
