/*
 * render_cairo.c - what the cairo backends share (render_backend.h): growable output
 * buffers, and the one replay of a scene onto a cairo_t that the PNG, PDF and SVG-with-paths
 * outputs draw with.
 *
 * The replay draws items in order, each with its whole style (the scene has no current pen).
 * Text goes through pangocairo with the same settings as the measurer in text_pango.c (own
 * font map, hint metrics off, hint style none, unrounded glyph positions), placed with
 * pango_cairo_show_layout_line() so the baseline lands exactly on item->baseline, starting at
 * item->x. The family is the scene's; fontconfig supplies fallback fonts for glyphs it lacks
 * (CJK from e.g. WenQuanYi). Cairo's default miter limit (10) is lowered to SVG's (4) so the
 * scene-written SVG and the cairo outputs join corners alike.
 */
#include <math.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "render_backend.h"
#include "text.h"

/* ---- Output buffers ------------------------------------------------------------------------ */

void csvchart_render_buf_put(struct render_buf *b, const void *data, size_t n)
{
    if (b->nomem || n == 0) {
        return;
    }
    if (b->len > SIZE_MAX - n ||
        !csvchart_array_reserve((void **)&b->items, &b->cap, b->len + n, 1)) {
        b->nomem = true;
        return;
    }
    memcpy(b->items + b->len, data, n);
    b->len += n;
}

cairo_status_t csvchart_render_buf_write(void *closure, const unsigned char *data, unsigned int n)
{
    struct render_buf *b = closure;
    csvchart_render_buf_put(b, data, n);
    return b->nomem ? CAIRO_STATUS_NO_MEMORY : CAIRO_STATUS_SUCCESS;
}

csvchart_status csvchart_render_buf_detach(struct render_buf *b, void **data, size_t *len,
                                           csvchart_error *err)
{
    if (!b->nomem && !b->items) { // an empty output still gets a buffer
        b->items = malloc(1);
        b->nomem = !b->items;
    }
    if (b->nomem) {
        free(b->items);
        memset(b, 0, sizeof *b);
        return csvchart_error_nomem(err);
    }
    *data = b->items;
    *len = b->len;
    memset(b, 0, sizeof *b);
    return CSVCHART_OK;
}

/* ---- Replay -------------------------------------------------------------------------------- */

static void source(cairo_t *cr, csvchart_rgba c)
{
    cairo_set_source_rgba(cr, (double)((c >> 24) & 0xff) / 255.0,
                          (double)((c >> 16) & 0xff) / 255.0, (double)((c >> 8) & 0xff) / 255.0,
                          (double)(c & 0xff) / 255.0);
}

/* Fills and then strokes the current path, as the item's style says. */
static void paint_path(cairo_t *cr, const struct scene_item *it)
{
    if (it->fill != CSVCHART_RGBA_NONE) {
        source(cr, it->fill);
        cairo_fill_preserve(cr);
    }
    if (it->stroke != CSVCHART_RGBA_NONE && it->stroke_width > 0) {
        source(cr, it->stroke);
        cairo_set_line_width(cr, it->stroke_width);
        if (it->dash > 0) {
            cairo_set_dash(cr, &it->dash, 1, 0);
        }
        cairo_stroke_preserve(cr);
        cairo_set_dash(cr, NULL, 0, 0);
    }
    cairo_new_path(cr);
}

/*
 * The text machinery of one replay: a private font map, so threads share nothing.
 *
 * Printable ASCII (nearly every label) is shaped and drawn without a PangoLayout, as the
 * measurer measures it (text_pango.c): when itemizing all of printable ASCII in a style gives
 * one item, that item's analysis (font, script, language) serves every ASCII string of the
 * style, and the shaped glyphs go to pango_cairo_show_glyph_item() with their text (so PDF
 * keeps its text clusters). A PangoLayout line itemized, shaped, and measured the ink of every
 * glyph (a second load of each outline) before drawing: 15 labels were 14.7 M instructions of
 * a 20.6 M replay. The bytes drawn are the same (tests: the samples and golden images).
 */
#define PEN_STYLES 8

struct pen_style {
    double size_px; /* 0: a free slot */
    int weight;
    PangoItem *item; /* NULL: this style's font does not cover ASCII in one item */
};

struct pen {
    PangoFontMap *fontmap;
    PangoContext *context;
    PangoLayout *layout;
    PangoFontDescription *desc;
    struct pen_style styles[PEN_STYLES];
    size_t next; /* the slot to reuse next */
    PangoGlyphString *glyphs;
};

static const char ascii_chars[] = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                  "[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";

static void pen_fini(struct pen *p)
{
    for (size_t i = 0; i < PEN_STYLES; i++) {
        if (p->styles[i].item) {
            pango_item_free(p->styles[i].item);
        }
    }
    if (p->glyphs) {
        pango_glyph_string_free(p->glyphs);
    }
    if (p->desc) {
        pango_font_description_free(p->desc);
    }
    if (p->layout) {
        g_object_unref(p->layout);
    }
    if (p->context) {
        g_object_unref(p->context);
    }
    if (p->fontmap) {
        g_object_unref(p->fontmap);
    }
}

static bool pen_init(struct pen *p, cairo_t *cr, const char *family, bool raster,
                     const struct render_options *opt)
{
    memset(p, 0, sizeof *p);
    cairo_font_options_t *fo = cairo_font_options_create();
    if (cairo_font_options_status(fo) != CAIRO_STATUS_SUCCESS) {
        cairo_font_options_destroy(fo);
        return false;
    }
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    /* Plain greyscale: a fontconfig setting for subpixel (LCD) text would otherwise put
     * colour fringes into a PNG that is meant to be viewed anywhere. */
    if (raster) {
        cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    }
    cairo_set_font_options(cr, fo);
    /* The figure's own font map when there is one (fonts already loaded while measuring);
     * else (a figure measured by the fake metrics of the tests and fuzzers) Pango's default
     * font map, which is one per thread, so threads still share nothing - a new font map for
     * every render loaded and sorted the fonts again each time. */
    void *shared = opt ? csvchart_text_pango_fontmap(opt->text) : NULL;
    p->fontmap = g_object_ref(shared ? shared : pango_cairo_font_map_get_default());
    p->context = p->fontmap ? pango_font_map_create_context(p->fontmap) : NULL;
    if (p->context) {
        pango_cairo_context_set_font_options(p->context, fo);
        pango_context_set_round_glyph_positions(p->context, FALSE);
        pango_cairo_update_context(cr, p->context);
        p->layout = pango_layout_new(p->context);
    }
    cairo_font_options_destroy(fo);
    p->desc = pango_font_description_new();
    if (!p->layout || !p->desc) {
        pen_fini(p);
        return false;
    }
    pango_font_description_set_family(p->desc, family ? family : "");
    csvchart_text_pango_use_family(p->fontmap, family ? family : "");
    return true;
}

static bool printable_ascii(const char *s, size_t *len)
{
    size_t i = 0;
    for (; s[i]; i++) {
        if (s[i] < ' ' || s[i] > '~') {
            return false;
        }
    }
    *len = i;
    return i > 0 && i <= 1 << 20;
}

/* The one item of a style's printable ASCII (p->desc is set to the style), or NULL. */
static PangoItem *ascii_item(struct pen *p, double size_px, int weight)
{
    for (size_t i = 0; i < PEN_STYLES; i++) {
        struct pen_style *st = &p->styles[i];
        if (st->size_px == size_px && st->weight == weight) {
            return st->item;
        }
    }
    if (!p->glyphs && !(p->glyphs = pango_glyph_string_new())) {
        return NULL;
    }
    struct pen_style *st = &p->styles[p->next];
    p->next = (p->next + 1) % PEN_STYLES;
    if (st->item) {
        pango_item_free(st->item);
    }
    *st = (struct pen_style){.size_px = size_px, .weight = weight};
    pango_context_set_font_description(p->context, p->desc);
    GList *items = pango_itemize(p->context, ascii_chars, 0, (int)strlen(ascii_chars), NULL, NULL);
    if (items && !items->next) {
        st->item = items->data;
        g_list_free(items);
    } else {
        g_list_free_full(items, (GDestroyNotify)pango_item_free);
    }
    return st->item;
}

static void draw_text(cairo_t *cr, struct pen *p, const struct scene_item *it)
{
    if (!it->text || !it->text[0] || it->fill == CSVCHART_RGBA_NONE) {
        return;
    }
    int weight = it->weight >= 600 ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL;
    pango_font_description_set_absolute_size(p->desc, it->size_px * PANGO_SCALE);
    pango_font_description_set_weight(p->desc, weight);
    size_t len;
    PangoItem *item = printable_ascii(it->text, &len) ? ascii_item(p, it->size_px, weight) : NULL;
    if (item) {
        item->offset = 0;
        item->length = (int)len;
        item->num_chars = (int)len;
        pango_shape_with_flags(it->text, (int)len, it->text, (int)len, &item->analysis, p->glyphs,
                               PANGO_SHAPE_NONE);
        PangoGlyphItem run = {.item = item, .glyphs = p->glyphs};
        source(cr, it->fill);
        cairo_move_to(cr, it->x, it->baseline); // the glyphs' origin is on the baseline
        pango_cairo_show_glyph_item(cr, it->text, &run);
        cairo_new_path(cr);
        return;
    }
    pango_layout_set_font_description(p->layout, p->desc);
    pango_layout_set_text(p->layout, it->text, -1);
    PangoLayoutLine *line = pango_layout_get_line_readonly(p->layout, 0);
    if (!line) {
        return;
    }
    source(cr, it->fill);
    cairo_move_to(cr, it->x, it->baseline); // show_layout_line puts the baseline here
    pango_cairo_show_layout_line(cr, line);
    cairo_new_path(cr);
}

bool csvchart_render_replay(cairo_t *cr, const struct csvchart_scene *s, bool raster,
                            const struct render_options *opt)
{
    struct pen pen;
    if (!pen_init(&pen, cr, s->font_family, raster, opt)) {
        return false;
    }
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    cairo_set_miter_limit(cr, 4); // SVG's default, so both kinds of output agree
    if (s->background != CSVCHART_RGBA_NONE) {
        source(cr, s->background);
        cairo_rectangle(cr, 0, 0, s->width, s->height);
        cairo_fill(cr);
    }
    for (size_t i = 0; i < s->len; i++) {
        const struct scene_item *it = &s->items[i];
        switch (it->kind) {
        case SCENE_RECT:
            cairo_rectangle(cr, it->x, it->y, it->w, it->h);
            paint_path(cr, it);
            break;
        case SCENE_LINE: {
            struct scene_item line = *it;
            line.fill = CSVCHART_RGBA_NONE; // a line is stroked only
            cairo_move_to(cr, it->x, it->y);
            cairo_line_to(cr, it->x2, it->y2);
            paint_path(cr, &line);
            break;
        }
        case SCENE_PATH:
            for (size_t k = 0; k < it->npoints; k++) {
                cairo_line_to(cr, it->points[k].x, it->points[k].y); // first acts as move_to
            }
            if (it->closed && it->npoints) {
                cairo_close_path(cr);
            }
            paint_path(cr, it);
            break;
        case SCENE_CIRCLE:
            cairo_new_sub_path(cr);
            cairo_arc(cr, it->x, it->y, it->r, 0, 2 * 3.14159265358979323846);
            cairo_close_path(cr);
            paint_path(cr, it);
            break;
        case SCENE_TEXT:
            draw_text(cr, &pen, it);
            break;
        }
    }
    pen_fini(&pen);
    return true;
}

void csvchart_render_release_thread_fonts(void)
{
    pango_cairo_font_map_set_default(NULL);
}
