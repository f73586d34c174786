/*
 * render_cairo.c - what the cairo backends share (render_backend.h): growable output
 * buffers, and the one replay of a scene onto a cairo_t that the PNG, PDF and SVG-with-paths
 * outputs draw with.
 *
 * The replay draws items in order, each with its whole style (the scene has no current pen).
 * Text is shaped by Pango with the measurer's font map and settings (text_pango.c: hint
 * metrics off, hint style none, unrounded glyph positions) and drawn by a glyph pen
 * (render_glyphs.c) so that the baseline lands exactly on item->baseline, starting at
 * item->x. The family is the scene's; fontconfig supplies fallback fonts for glyphs it lacks
 * (CJK from e.g. WenQuanYi). Cairo's default miter limit (10) is lowered to SVG's (4) so the
 * scene-written SVG and the cairo outputs join corners alike.
 */
#include <math.h>
#include <hb.h>
#include <pango/pango.h>
#include <pango/pangofc-fontmap.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "render_backend.h"
#include "render_glyphs.h"
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
 * style, and the shaped glyphs go to the pen with their text (so PDF keeps its text
 * clusters). A PangoLayout line itemized, shaped, and measured the ink of every
 * glyph (a second load of each outline) before drawing: 15 labels were 14.7 M instructions of
 * a 20.6 M replay. The bytes drawn are the same (tests: the samples and golden images).
 *
 * ASCII is shaped at TEXT_REF_PX, the size the measurer shapes at, and drawn with the pen
 * scaled to the item's size: cairo renders the outlines at the combined scale, so glyphs are
 * those of the size itself, and one font a weight serves every size. A font for each size
 * cost Pango a fontset each (two threads to match and sort fonts, a new cairo font and
 * HarfBuzz font): 8% of a PNG's instructions. Positions differ from shaping at the size by
 * under 1/1000 px; cairo 1.16 puts glyph origins on whole device pixels, so a glyph at half
 * a pixel may land one pixel over (the goldens were looked at again for this).
 *
 * A replay may draw its scene several times, a band of rows each (the PNG backend, to keep
 * one band of pixels rather than the whole image): each text item is shaped once, the first
 * time a band may hold it, and kept with the vertical reach of its ink, so that the bands
 * it cannot touch skip it. For ASCII that reach is the font's bounding box (the OpenType head
 * table: no glyph of the font reaches further), for other text the line's ink extents.
 */
#define PEN_STYLES 8

struct pen_style {
    double size_px; /* 0: a free slot */
    int weight;
    PangoItem *item;     /* NULL: this style's font does not cover ASCII in one item */
    double above, below; /* px: how far the font's glyphs reach above and below the baseline */
};

/* One text item, shaped: a glyph run (ASCII) or a layout line (other text). */
struct shaped {
    bool done;       /* shaped (or found to draw nothing) */
    PangoItem *item; /* ASCII: a copy of the style's item, sized to the text */
    PangoGlyphString *glyphs;
    PangoLayout *layout; /* other text */
    double top, bottom;  /* px: where its ink may reach (ASCII: the font's box) */
};

struct csvchart_replay {
    const struct csvchart_scene *scene;
    bool raster;
    PangoFontMap *fontmap;
    PangoContext *context;
    PangoFontDescription *desc;
    struct glyph_pen *pen;
    struct pen_style styles[PEN_STYLES];
    size_t next;           /* the slot to reuse next */
    struct shaped *shaped; /* one a scene item */
    int *spans;            /* device rows [spans[2i], spans[2i+1]) that text covers, merged */
    size_t nspans;
    double spans_scale; /* the scale spans are for; 0: not made yet */
};

static const char ascii_chars[] = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                  "[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";

/* The font map of a replay without a measurer's: one per thread, for the last family drawn
 * (a font map is never configured again: FONT_MAPS in text_pango.c), released when the thread
 * ends or by csvchart_render_release_thread_fonts(); referenced for the caller, NULL when out
 * of memory. */
static pthread_key_t fontmap_key;
static pthread_once_t fontmap_once = PTHREAD_ONCE_INIT;
static bool fontmap_key_made;

static void make_fontmap_key(void)
{
    fontmap_key_made = pthread_key_create(&fontmap_key, g_object_unref) == 0;
}

static PangoFontMap *thread_fontmap(const char *family)
{
    pthread_once(&fontmap_once, make_fontmap_key);
    if (!fontmap_key_made) {
        return csvchart_text_pango_fontmap_new(family);
    }
    PangoFontMap *fm = pthread_getspecific(fontmap_key);
    if (fm &&
        pango_fc_font_map_get_config(PANGO_FC_FONT_MAP(fm)) != csvchart_text_fonts_config(family)) {
        pthread_setspecific(fontmap_key, NULL);
        g_object_unref(fm); /* Pango's threads keep theirs */
        fm = NULL;
    }
    if (!fm) {
        fm = csvchart_text_pango_fontmap_new(family);
        if (!fm || pthread_setspecific(fontmap_key, fm) != 0) {
            return fm; /* the caller's only reference */
        }
    }
    return g_object_ref(fm);
}

void csvchart_render_replay_free(struct csvchart_replay *r)
{
    if (!r) {
        return;
    }
    for (size_t i = 0; i < PEN_STYLES; i++) {
        if (r->styles[i].item) {
            pango_item_free(r->styles[i].item);
        }
    }
    for (size_t i = 0; r->shaped && i < r->scene->len; i++) {
        struct shaped *sh = &r->shaped[i];
        if (sh->item) {
            pango_item_free(sh->item);
        }
        if (sh->glyphs) {
            pango_glyph_string_free(sh->glyphs);
        }
        if (sh->layout) {
            g_object_unref(sh->layout);
        }
    }
    free(r->shaped);
    free(r->spans);
    csvchart_glyph_pen_free(r->pen);
    if (r->desc) {
        pango_font_description_free(r->desc);
    }
    if (r->context) {
        g_object_unref(r->context);
    }
    if (r->fontmap) {
        g_object_unref(r->fontmap);
    }
    free(r);
}

struct csvchart_replay *csvchart_render_replay_new(const struct csvchart_scene *s, bool raster,
                                                   const struct render_options *opt)
{
    struct csvchart_replay *r = calloc(1, sizeof *r);
    if (!r) {
        return NULL;
    }
    r->scene = s;
    r->raster = raster;
    r->shaped = calloc(s->len ? s->len : 1, sizeof *r->shaped);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    /* Plain greyscale: a fontconfig setting for subpixel (LCD) text would otherwise put
     * colour fringes into a PNG that is meant to be viewed anywhere. */
    if (raster) {
        cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    }
    r->pen = csvchart_glyph_pen_new(fo);
    cairo_font_options_destroy(fo);
    if (!r->shaped || !r->pen) {
        csvchart_render_replay_free(r);
        return NULL;
    }
    /* The figure's own font map when there is one (fonts already loaded while measuring);
     * else (a figure measured by the fake metrics of the tests and fuzzers) Pango's default
     * font map, which is one per thread, so threads still share nothing - a new font map for
     * every render loaded and sorted the fonts again each time. */
    const char *family = s->font_family ? s->font_family : "";
    void *shared = opt ? csvchart_text_pango_fontmap(opt->text, family) : NULL;
    r->fontmap = shared ? g_object_ref(shared) : thread_fontmap(family);
    r->context = r->fontmap ? pango_font_map_create_context(r->fontmap) : NULL;
    r->desc = pango_font_description_new();
    if (!r->context || !r->desc) {
        csvchart_render_replay_free(r);
        return NULL;
    }
    pango_context_set_round_glyph_positions(r->context, FALSE);
    pango_font_description_set_family(r->desc, family);
    return r;
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

/* A big-endian int16 of an OpenType table. */
static int ot_i16(const char *p)
{
    return (int16_t)(((unsigned char)p[0] << 8) | (unsigned char)p[1]);
}

/*
 * How far the glyphs of the style's font reach above and below the baseline, in px: the
 * bounding box of all its glyphs in its head table - cheaper than the ink of each label,
 * which costs a second load of every glyph's outline (4 M instructions of a 64 M PNG) - and a
 * tenth of the size more for synthetic bold. Without a head table, a generous 2 em above and
 * 1 below.
 */
static void font_reach(struct pen_style *st)
{
    double pad = st->size_px * 0.1;
    st->above = 2 * st->size_px + pad;
    st->below = st->size_px + pad;
    hb_font_t *hb = pango_font_get_hb_font(st->item->analysis.font);
    hb_face_t *face = hb ? hb_font_get_face(hb) : NULL;
    hb_blob_t *head = face ? hb_face_reference_table(face, HB_TAG('h', 'e', 'a', 'd')) : NULL;
    unsigned int len = 0;
    const char *d = head ? hb_blob_get_data(head, &len) : NULL;
    unsigned upem = face ? hb_face_get_upem(face) : 0;
    if (d && len >= 54 && upem > 0) {
        double em = st->size_px / upem;
        st->above = fmax(0, ot_i16(d + 42)) * em + pad;  /* yMax */
        st->below = fmax(0, -ot_i16(d + 38)) * em + pad; /* yMin */
    }
    hb_blob_destroy(head); // accepts NULL
}

/* The style's one item of printable ASCII (r->desc is set to the style), or NULL. */
static struct pen_style *ascii_style(struct csvchart_replay *r, double size_px, int weight)
{
    for (size_t i = 0; i < PEN_STYLES; i++) {
        struct pen_style *st = &r->styles[i];
        if (st->size_px == size_px && st->weight == weight) {
            return st->item ? st : NULL;
        }
    }
    struct pen_style *st = &r->styles[r->next];
    r->next = (r->next + 1) % PEN_STYLES;
    if (st->item) {
        pango_item_free(st->item);
    }
    *st = (struct pen_style){.size_px = size_px, .weight = weight};
    pango_context_set_font_description(r->context, r->desc);
    GList *items = pango_itemize(r->context, ascii_chars, 0, (int)strlen(ascii_chars), NULL, NULL);
    if (items && !items->next) {
        st->item = items->data;
        g_list_free(items);
        font_reach(st);
    } else {
        g_list_free_full(items, (GDestroyNotify)pango_item_free);
    }
    return st->item ? st : NULL;
}

/* Shapes text item `it` into sh; false when out of memory. */
static bool shape(struct csvchart_replay *r, const struct scene_item *it, struct shaped *sh)
{
    sh->done = true;
    if (!it->text || !it->text[0] || it->fill == CSVCHART_RGBA_NONE) {
        return true; /* draws nothing */
    }
    int weight = it->weight >= 600 ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL;
    pango_font_description_set_absolute_size(r->desc, TEXT_REF_PX * PANGO_SCALE);
    pango_font_description_set_weight(r->desc, weight);
    size_t len;
    struct pen_style *st =
        printable_ascii(it->text, &len) ? ascii_style(r, TEXT_REF_PX, weight) : NULL;
    if (st) {
        double k = it->size_px / TEXT_REF_PX;
        sh->item = pango_item_copy(st->item);
        sh->glyphs = pango_glyph_string_new();
        if (!sh->item || !sh->glyphs) {
            return false;
        }
        sh->item->offset = 0;
        sh->item->length = (int)len;
        sh->item->num_chars = (int)len;
        pango_shape_with_flags(it->text, (int)len, it->text, (int)len, &sh->item->analysis,
                               sh->glyphs, PANGO_SHAPE_NONE);
        sh->top = it->baseline - st->above * k;
        sh->bottom = it->baseline + st->below * k;
        return true;
    }
    sh->layout = pango_layout_new(r->context);
    if (!sh->layout) {
        return false;
    }
    pango_font_description_set_absolute_size(r->desc, it->size_px * PANGO_SCALE);
    if (!printable_ascii(it->text, &len)) { /* only other text can lack glyphs */
        csvchart_text_pango_prime(r->fontmap, r->context, r->desc);
    }
    pango_layout_set_font_description(sh->layout, r->desc);
    pango_layout_set_text(sh->layout, it->text, -1);
    PangoLayoutLine *line = pango_layout_get_line_readonly(sh->layout, 0);
    PangoRectangle ink;
    if (line) {
        pango_layout_line_get_extents(line, &ink, NULL);
        sh->top = it->baseline + (double)ink.y / PANGO_SCALE;
        sh->bottom = it->baseline + (double)(ink.y + ink.height) / PANGO_SCALE;
    }
    return true;
}

static bool draw_text(cairo_t *cr, struct csvchart_replay *r, size_t i, double y0, double y1)
{
    const struct scene_item *it = &r->scene->items[i];
    struct shaped *sh = &r->shaped[i];
    if (!sh->done && !shape(r, it, sh)) {
        return false;
    }
    if ((!sh->glyphs && !sh->layout) || sh->bottom <= y0 || sh->top >= y1) {
        return true;
    }
    source(cr, it->fill);
    cairo_move_to(cr, it->x, it->baseline); // the glyphs' origin is on the baseline
    if (sh->glyphs) {
        PangoGlyphItem run = {.item = sh->item, .glyphs = sh->glyphs};
        double k = it->size_px / TEXT_REF_PX;
        cairo_save(cr);
        cairo_translate(cr, it->x, it->baseline);
        cairo_scale(cr, k, k);
        cairo_move_to(cr, 0, 0);
        bool ok = csvchart_glyph_pen_show_run(r->pen, cr, it->text, &run, NULL);
        cairo_restore(cr);
        cairo_new_path(cr);
        return ok;
    }
    /* Fonts are loaded for CSS px (the context's matrix stays the identity; NULL below). */
    PangoLayoutLine *line = pango_layout_get_line_readonly(sh->layout, 0);
    bool ok = !line || csvchart_glyph_pen_show_line(r->pen, cr, line, NULL);
    cairo_new_path(cr);
    return ok;
}

/*
 * An open polyline. In a raster, one denser than the device's pixel columns (a trend of 10,000
 * points on 1,000 columns) is drawn through the first, lowest, highest and last of its points
 * in each column, in their order (the M4 aggregation of Jugel et al., VLDB 2014): the stroke
 * covers the same pixels, and cairo strokes and scan-converts a few points a column instead of
 * all of them, once a band of rows (10,000 points took 0.7 s, 100,000 ten). Points that go
 * back in x, and vector output, are drawn as they are.
 */
#define M4_FROM 1024

static void polyline(cairo_t *cr, const struct scene_item *it, bool raster)
{
    size_t n = it->npoints;
    const struct scene_point *p = it->points;
    double sx = 1, sy = 0;
    cairo_user_to_device_distance(cr, &sx, &sy);
    bool m4 = raster && !it->closed && n >= M4_FROM && sx > 0;
    for (size_t k = 1; m4 && k < n; k++) {
        m4 = p[k].x >= p[k - 1].x;
    }
    if (!m4 || (p[n - 1].x - p[0].x) * sx * 4 >= (double)n) {
        for (size_t k = 0; k < n; k++) {
            cairo_line_to(cr, p[k].x, p[k].y); /* the first acts as move_to */
        }
        return;
    }
    for (size_t a = 0; a < n;) {
        double col = floor(p[a].x * sx);
        size_t b = a, lo = a, hi = a;
        while (b + 1 < n && floor(p[b + 1].x * sx) == col) {
            b++;
            lo = p[b].y < p[lo].y ? b : lo;
            hi = p[b].y > p[hi].y ? b : hi;
        }
        size_t keep[4] = {a, lo < hi ? lo : hi, lo < hi ? hi : lo, b};
        for (int k = 0; k < 4; k++) {
            if (k == 0 || keep[k] != keep[k - 1]) {
                cairo_line_to(cr, p[keep[k]].x, p[keep[k]].y);
            }
        }
        a = b + 1;
    }
}

bool csvchart_render_replay_rows(struct csvchart_replay *r, cairo_t *cr, double y0, double y1)
{
    const struct csvchart_scene *s = r->scene;
    csvchart_glyph_pen_use(r->pen, cr, NULL);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    cairo_set_miter_limit(cr, 4); // SVG's default, so both kinds of output agree
    if (s->background != CSVCHART_RGBA_NONE) {
        source(cr, s->background);
        if (r->raster && (s->background & 0xFFu) == 0xFFu) {
            /* Every pixel, even those a size of a fraction of a pixel leaves partly outside
             * the scene: a last row and column of half the background, written out as RGB,
             * were a dark or grey line. */
            cairo_paint(cr);
        } else {
            cairo_rectangle(cr, 0, 0, s->width, s->height);
            cairo_fill(cr);
        }
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
            polyline(cr, it, r->raster);
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
            if (!draw_text(cr, r, i, y0, y1)) {
                return false;
            }
            break;
        }
    }
    return true;
}

static int compare_span(const void *a, const void *b)
{
    const int *x = a, *y = b;
    return (x[0] > y[0]) - (x[0] < y[0]);
}

/* A device row, clamped to what an int holds (scenes are finite; images are smaller). */
static int device_row(double y)
{
    return y < -1e9 ? -1000000000 : y > 1e9 ? 1000000000 : (int)y;
}

/* The device rows that text covers at `scale`, each label's ink and a pixel around it,
 * overlapping runs merged: r->spans, sorted. False when out of memory. */
static bool make_spans(struct csvchart_replay *r, double scale)
{
    const struct csvchart_scene *s = r->scene;
    free(r->spans);
    r->nspans = 0;
    r->spans = malloc(2 * (s->len ? s->len : 1) * sizeof *r->spans);
    if (!r->spans) {
        return false;
    }
    for (size_t i = 0; i < s->len; i++) {
        struct shaped *sh = &r->shaped[i];
        if (s->items[i].kind != SCENE_TEXT) {
            continue;
        }
        if (!sh->done && !shape(r, &s->items[i], sh)) {
            return false;
        }
        if (sh->glyphs || sh->layout) {
            r->spans[2 * r->nspans] = device_row(floor(sh->top * scale) - 1);
            r->spans[2 * r->nspans + 1] = device_row(ceil(sh->bottom * scale) + 1);
            r->nspans++;
        }
    }
    qsort(r->spans, r->nspans, 2 * sizeof *r->spans, compare_span);
    size_t k = 0;
    for (size_t i = 0; i < r->nspans; i++) {
        int lo = r->spans[2 * i], hi = r->spans[2 * i + 1];
        if (k > 0 && lo < r->spans[2 * k - 1]) { /* overlaps the last: one span */
            if (hi > r->spans[2 * k - 1]) {
                r->spans[2 * k - 1] = hi;
            }
            continue;
        }
        r->spans[2 * k] = lo;
        r->spans[2 * k + 1] = hi;
        k++;
    }
    r->nspans = k;
    r->spans_scale = scale;
    return true;
}

int csvchart_render_replay_band_end(struct csvchart_replay *r, double scale, int y0, int target,
                                    int h)
{
    if (r->spans_scale != scale && !make_spans(r, scale)) {
        return -1;
    }
    int end = target < h ? target : h;
    /* The last span that starts before `end`: if `end` falls inside it, move to an edge. */
    size_t lo = 0, hi = r->nspans;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->spans[2 * mid] < end) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if (lo > 0 && r->spans[2 * (lo - 1) + 1] > end) {
        int start = r->spans[2 * (lo - 1)], stop = r->spans[2 * (lo - 1) + 1];
        end = start > y0 ? start : stop < h ? stop : h;
    }
    return end;
}

bool csvchart_render_replay(cairo_t *cr, const struct csvchart_scene *s, bool raster,
                            const struct render_options *opt)
{
    struct csvchart_replay *r = csvchart_render_replay_new(s, raster, opt);
    bool ok = r && csvchart_render_replay_rows(r, cr, -INFINITY, INFINITY);
    csvchart_render_replay_free(r);
    return ok;
}

void csvchart_render_release_thread_fonts(void)
{
    pthread_once(&fontmap_once, make_fontmap_key);
    PangoFontMap *fm = fontmap_key_made ? pthread_getspecific(fontmap_key) : NULL;
    if (fm) {
        pthread_setspecific(fontmap_key, NULL);
        g_object_unref(fm);
    }
}
