/*
 * render_glyphs.c - Pango's shaped text drawn with cairo, without pangocairo (render_glyphs.h).
 *
 * What pangocairo 1.50 does for a font of its font map, and this pen does for a font of the
 * library's (text_pango.c): the cairo font is made from the font's final fontconfig pattern
 * (cairo_ft_font_face_create_for_pattern), with the font matrix of the pattern's pixel size
 * (over the scale of the matrix the font was loaded for) times the pattern's FC_MATRIX and its
 * gravity's rotation, the context's matrix as the CTM, and the options of pangocairo's context
 * key: a new set, the surface's merged in, then ours. A run's glyphs are placed at the run's
 * origin plus each glyph's offset and the widths before it, in Pango units over PANGO_SCALE.
 * The font patterns themselves get what cairo would have added to the request (antialias,
 * hinting) from text_pango.c's substitute function, so they are pangocairo's patterns too.
 */
#include "render_glyphs.h"

#include <cairo-ft.h>
#include <math.h>
#include <pango/pangofc-font.h>
#include <pango/pangofc-fontmap.h>
#include <stdlib.h>

#include "array.h"

struct pen_font {
    PangoFont *font;         /* referenced */
    cairo_scaled_font_t *sf; /* NULL: cairo could not make it (the run is drawn as boxes) */
};

struct glyph_pen {
    cairo_font_options_t *ours;
    cairo_font_options_t *merged; /* the surface's, then ours; NULL before the first use */
    bool show_text;               /* the surface keeps text clusters (PDF) */
    struct pen_font *fonts;
    size_t nfonts, cap;
};

struct glyph_pen *csvchart_glyph_pen_new(const cairo_font_options_t *options)
{
    struct glyph_pen *pen = calloc(1, sizeof *pen);
    if (!pen) {
        return NULL;
    }
    pen->ours = cairo_font_options_copy(options);
    if (cairo_font_options_status(pen->ours) != CAIRO_STATUS_SUCCESS) {
        csvchart_glyph_pen_free(pen);
        return NULL;
    }
    return pen;
}

static void forget_fonts(struct glyph_pen *pen)
{
    for (size_t i = 0; i < pen->nfonts; i++) {
        g_object_unref(pen->fonts[i].font);
        cairo_scaled_font_destroy(pen->fonts[i].sf); // accepts NULL
    }
    pen->nfonts = 0;
}

void csvchart_glyph_pen_free(struct glyph_pen *pen)
{
    if (!pen) {
        return;
    }
    forget_fonts(pen);
    free(pen->fonts);
    cairo_font_options_destroy(pen->ours);
    if (pen->merged) {
        cairo_font_options_destroy(pen->merged);
    }
    free(pen);
}

void csvchart_glyph_pen_use(struct glyph_pen *pen, cairo_t *cr, PangoContext *context)
{
    cairo_surface_t *target = cairo_get_target(cr);
    cairo_font_options_t *surface = cairo_font_options_create();
    cairo_font_options_t *merged = cairo_font_options_create();
    cairo_surface_get_font_options(target, surface);
    cairo_font_options_merge(merged, surface);
    cairo_font_options_merge(merged, pen->ours);
    cairo_font_options_destroy(surface);
    if (pen->merged && !cairo_font_options_equal(merged, pen->merged)) {
        forget_fonts(pen); /* made for other options */
    }
    if (pen->merged) {
        cairo_font_options_destroy(pen->merged);
    }
    pen->merged = merged;
    pen->show_text = cairo_surface_has_show_text_glyphs(target);
    if (context) {
        cairo_matrix_t m;
        cairo_get_matrix(cr, &m);
        PangoMatrix pm = {m.xx, m.xy, m.yx, m.yy, 0, 0};
        pango_context_set_matrix(context, &pm);
    }
}

/* The pattern's size in px, as pangocairo reads it. */
static double pattern_px(const FcPattern *p)
{
    double size, dpi;
    if (FcPatternGetDouble(p, FC_PIXEL_SIZE, 0, &size) == FcResultMatch) {
        return size;
    }
    if (FcPatternGetDouble(p, FC_DPI, 0, &dpi) != FcResultMatch) {
        dpi = 72;
    }
    if (FcPatternGetDouble(p, FC_SIZE, 0, &size) == FcResultMatch) {
        return size * dpi / 72.;
    }
    return 18.;
}

/* The rotation of the pattern's gravity (Pango adds one only for vertical text). */
static double pattern_rotation(const FcPattern *p)
{
    FcChar8 *s = NULL;
    if (FcPatternGetString(p, PANGO_FC_GRAVITY, 0, &s) != FcResultMatch) {
        return pango_gravity_to_rotation(PANGO_GRAVITY_SOUTH);
    }
    GEnumClass *c = g_type_class_ref(PANGO_TYPE_GRAVITY);
    GEnumValue *v = g_enum_get_value_by_nick(c, (const char *)s);
    PangoGravity g = v ? (PangoGravity)v->value : PANGO_GRAVITY_SOUTH;
    g_type_class_unref(c);
    return pango_gravity_to_rotation(g);
}

/*
 * Pango's FreeType font map has multiplied the context's matrix (y flipped) into the font's
 * FC_MATRIX; pangocairo's keeps it apart, as the CTM, and its FC_MATRIX is the font's own
 * (identity but for a synthetic slant). Divided out again; zeros made positive, as they are in
 * the identity pangocairo starts from.
 */
static void without_context(FcMatrix *fc, const PangoMatrix *m)
{
    double a = m->xx, b = -m->xy, c = -m->yx, d = m->yy;
    FcMatrix o;
    if (b == 0 && c == 0) { /* a scale: exact for the whole numbers of a font's own matrix */
        o = (FcMatrix){fc->xx / a, fc->xy / a, fc->yx / d, fc->yy / d};
    } else {
        double det = a * d - b * c;
        if (det == 0) {
            return;
        }
        o = (FcMatrix){(d * fc->xx - b * fc->yx) / det, (d * fc->xy - b * fc->yy) / det,
                       (a * fc->yx - c * fc->xx) / det, (a * fc->yy - c * fc->xy) / det};
    }
    *fc = (FcMatrix){o.xx + 0.0, o.xy + 0.0, o.yx + 0.0, o.yy + 0.0};
}

static cairo_scaled_font_t *make_font(const struct glyph_pen *pen, PangoFont *font,
                                      const PangoMatrix *m)
{
    FcPattern *p = PANGO_IS_FC_FONT(font) ? pango_fc_font_get_pattern(PANGO_FC_FONT(font)) : NULL;
    if (!p) {
        return NULL;
    }
    static const PangoMatrix identity = PANGO_MATRIX_INIT;
    m = m ? m : &identity;
    double size = pattern_px(p) / pango_matrix_get_font_scale_factor(m);
    FcMatrix fc, *v;
    FcMatrixInit(&fc);
    for (int i = 0; FcPatternGetMatrix(p, FC_MATRIX, i, &v) == FcResultMatch; i++) {
        FcMatrixMultiply(&fc, &fc, v);
    }
    without_context(&fc, m);
    cairo_matrix_t shape, gravity, font_matrix, ctm;
    cairo_matrix_init(&shape, fc.xx, -fc.yx, -fc.xy, fc.yy, 0., 0.);
    cairo_matrix_scale(&shape, size, size);
    cairo_matrix_init_rotate(&gravity, pattern_rotation(p));
    cairo_matrix_multiply(&font_matrix, &shape, &gravity);
    cairo_matrix_init(&ctm, m->xx, m->yx, m->xy, m->yy, 0., 0.);
    cairo_font_face_t *face = cairo_ft_font_face_create_for_pattern(p);
    cairo_scaled_font_t *sf = cairo_scaled_font_create(face, &font_matrix, &ctm, pen->merged);
    cairo_font_face_destroy(face);
    if (cairo_scaled_font_status(sf) != CAIRO_STATUS_SUCCESS) {
        cairo_scaled_font_destroy(sf);
        return NULL;
    }
    return sf;
}

/* The cairo font of a Pango font loaded for matrix m, made once per pen; *nomem when out of
 * memory. (Pango makes a font for each matrix, so the font alone is the key.) */
static cairo_scaled_font_t *font_of(struct glyph_pen *pen, PangoFont *font, const PangoMatrix *m,
                                    bool *nomem)
{
    for (size_t i = 0; i < pen->nfonts; i++) {
        if (pen->fonts[i].font == font) {
            return pen->fonts[i].sf;
        }
    }
    if (!csvchart_array_reserve((void **)&pen->fonts, &pen->cap, pen->nfonts + 1,
                                sizeof *pen->fonts)) {
        *nomem = true;
        return NULL;
    }
    cairo_scaled_font_t *sf = make_font(pen, font, m);
    pen->fonts[pen->nfonts++] = (struct pen_font){g_object_ref(font), sf};
    return sf;
}

/* A glyph no font has: a frame the glyph's width wide, standing on the baseline (pangocairo
 * drew its code point in a hex box; the measurer has warned about the character). */
static void unknown_glyph(cairo_t *cr, double size, const PangoGlyphInfo *gi, double x, double y)
{
    double w = (double)gi->geometry.width / PANGO_SCALE, h = 0.7 * size, lw = fmax(size / 16, 0.5);
    if (w <= 2 * lw || gi->glyph == (0x20 | PANGO_GLYPH_UNKNOWN_FLAG)) {
        return; /* no box for a space */
    }
    cairo_save(cr);
    cairo_new_path(cr);
    cairo_rectangle(cr, x + 0.1 * w + lw / 2, y - h + lw / 2, 0.8 * w - lw, h - lw);
    cairo_set_line_width(cr, lw);
    cairo_set_dash(cr, NULL, 0, 0);
    cairo_stroke(cr);
    cairo_restore(cr);
}

/* The clusters of a run, as cairo_show_text_glyphs() takes them: bytes and drawn glyphs. */
static int clusters_of(const char *text, PangoGlyphItem *run, cairo_text_cluster_t *out)
{
    PangoGlyphItemIter it;
    int n = 0;
    const PangoGlyphInfo *g = run->glyphs->glyphs;
    if (!pango_glyph_item_iter_init_start(&it, run, text)) {
        return 0;
    }
    do {
        int glyphs = abs(it.end_glyph - it.start_glyph);
        int lo = it.start_glyph < it.end_glyph + 1 ? it.start_glyph : it.end_glyph + 1;
        int hi = it.start_glyph + 1 > it.end_glyph ? it.start_glyph + 1 : it.end_glyph;
        for (int i = lo; i < hi; i++) { /* empty and unknown glyphs are not drawn */
            glyphs -= g[i].glyph == PANGO_GLYPH_EMPTY || (g[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG);
        }
        out[n++] = (cairo_text_cluster_t){.num_bytes = it.end_index - it.start_index,
                                          .num_glyphs = glyphs};
    } while (pango_glyph_item_iter_next_cluster(&it));
    return n;
}

/* Draws a run with its origin at (x, y), in user space. */
static bool show_run(struct glyph_pen *pen, cairo_t *cr, const char *text, PangoGlyphItem *run,
                     const PangoMatrix *m, double x, double y)
{
    PangoGlyphString *gs = run->glyphs;
    bool nomem = false;
    cairo_scaled_font_t *sf = font_of(pen, run->item->analysis.font, m, &nomem);
    if (nomem || gs->num_glyphs <= 0) {
        return !nomem;
    }
    cairo_glyph_t *glyphs = malloc((size_t)gs->num_glyphs * sizeof *glyphs);
    cairo_text_cluster_t *clusters =
        pen->show_text && sf ? malloc((size_t)gs->num_glyphs * sizeof *clusters) : NULL;
    if (!glyphs || (pen->show_text && sf && !clusters)) {
        free(glyphs);
        free(clusters);
        return false;
    }
    double size = 0;
    if (sf) {
        cairo_matrix_t fm;
        cairo_scaled_font_get_font_matrix(sf, &fm);
        size = hypot(fm.xy, fm.yy);
    }
    cairo_save(cr);
    if (sf) {
        cairo_set_scaled_font(cr, sf);
    }
    int count = 0, pos = 0;
    for (int i = 0; i < gs->num_glyphs; i++) {
        const PangoGlyphInfo *gi = &gs->glyphs[i];
        if (gi->glyph != PANGO_GLYPH_EMPTY) {
            double cx = x + (double)(pos + gi->geometry.x_offset) / PANGO_SCALE;
            double cy =
                gi->geometry.y_offset == 0 ? y : y + (double)(gi->geometry.y_offset) / PANGO_SCALE;
            if (!sf || (gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG)) {
                unknown_glyph(cr, sf ? size : 10, gi, cx, cy);
            } else {
                glyphs[count++] = (cairo_glyph_t){.index = gi->glyph, .x = cx, .y = cy};
            }
        }
        pos += gi->geometry.width;
    }
    if (clusters) {
        PangoItem *item = run->item;
        int n = clusters_of(text, run, clusters);
        cairo_show_text_glyphs(cr, text + item->offset, item->length, glyphs, count, clusters, n,
                               (item->analysis.level & 1) ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : 0);
    } else if (sf) {
        cairo_show_glyphs(cr, glyphs, count);
    }
    cairo_restore(cr);
    free(glyphs);
    free(clusters);
    return true;
}

/* The current point, from where cairo keeps it (device space, in fixed point), as pangocairo
 * reads it: the origin of what it draws. */
static bool origin(cairo_t *cr, double *x, double *y)
{
    *x = *y = 0;
    if (!cairo_has_current_point(cr)) {
        return false;
    }
    cairo_get_current_point(cr, x, y);
    return true;
}

/* Puts the current point back where it was (a box for an unknown glyph is a path). */
static bool back(cairo_t *cr, bool had, double x, double y, bool ok)
{
    if (had) {
        cairo_move_to(cr, x, y);
    } else {
        cairo_new_path(cr);
    }
    return ok;
}

bool csvchart_glyph_pen_show_run(struct glyph_pen *pen, cairo_t *cr, const char *text,
                                 PangoGlyphItem *run, const PangoMatrix *m)
{
    double x, y;
    bool had = origin(cr, &x, &y);
    return back(cr, had, x, y, show_run(pen, cr, text, run, m, x, y));
}

bool csvchart_glyph_pen_show_line(struct glyph_pen *pen, cairo_t *cr, PangoLayoutLine *line,
                                  const PangoMatrix *m)
{
    double x, y;
    bool had = origin(cr, &x, &y);
    const char *text = pango_layout_get_text(line->layout);
    int x_off = 0;
    for (GSList *l = line->runs; l; l = l->next) {
        PangoGlyphItem *run = l->data;
        int width = pango_glyph_string_get_width(run->glyphs);
        x_off += run->start_x_offset;
        if (!show_run(pen, cr, text, run, m, x + (double)x_off / PANGO_SCALE,
                      y + (double)(0 - run->y_offset) / PANGO_SCALE)) {
            return back(cr, had, x, y, false);
        }
        x_off += width + run->end_x_offset;
    }
    return back(cr, had, x, y, true);
}
