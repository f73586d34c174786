/*
 * text_pango.c - the real text measurer: Pango over cairo and fontconfig (text.h).
 *
 * Pipeline position: layout asks it for the width, ascent and descent of every label; the
 * backends (render.c) later draw the same strings with the same settings, so what layout
 * measured is what gets drawn.
 *
 * Each measurer owns its own font map and PangoContext (threads never share one) with hint
 * metrics off, hint style none and glyph positions unrounded: metrics are then linear in the
 * font size and identical at every PNG scale and in PDF. One PangoLayout and one font
 * description are kept and only updated when the style changes, because layout measures
 * hundreds of strings per figure, nearly all in two or three styles.
 */
#include <pango/pangocairo.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "text.h"

/* A direct-mapped cache of measurements: layout asks for the same strings over and over
 * ("Hg" for line heights, tick labels while it tries tick sets, every category and value
 * label for each orientation and size it tries). 16384 slots (1.3 MiB, untouched until used)
 * keep the 3000 strings of a 1000-category chart mostly apart; with 512, collisions had each
 * label shaped three times, and shaping is most of a measurement. */
#define CACHE_SLOTS 16384
#define CACHE_TEXT 48

struct cached {
    char text[CACHE_TEXT]; /* "" = empty slot */
    double size_px;
    int weight;
    struct text_metrics m;
};

struct pango_measurer {
    csvchart_text_measurer base; /* base.ctx points back at this struct */
    struct cached cache[CACHE_SLOTS];
    PangoFontMap *fontmap;
    PangoContext *context;
    PangoLayout *layout;
    PangoFontDescription *desc;
    char *family; /* the style the layout is set to (NULL: none yet) */
    double size_px;
    int weight;
    /* Printable ASCII (most labels) is shaped directly: the style's font covers it all when
     * itemizing every printable ASCII character gives one item, whose analysis then serves
     * any ASCII string; the line's ascent and descent are the font's, the same for every
     * ASCII string. Itemizing each string through a PangoLayout cost ten times more. */
    bool fast_ascii;     /* allowed (tests turn it off to compare) */
    int ascii_state;     /* for the current style: 0 unknown, 1 usable, -1 not */
    PangoItem *ascii_item;
    PangoGlyphString *glyphs;
    double ascii_ascent, ascii_descent;
};

static size_t slot_of(const struct text_style *style, const char *s, size_t len)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < len; i++) {
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    }
    h ^= (uint64_t)(style->size_px * 64) * 31u + (uint64_t)style->weight;
    return (size_t)(h * 1099511628211u >> 20) % CACHE_SLOTS;
}

static void measure_pango(struct pango_measurer *pm, const struct text_style *style,
                          const char *s, size_t len, struct text_metrics *out);

/* The cache is keyed by size, weight and text; the family is the figure's one font, and a
 * change of family empties the cache (see measure_pango). */
static void measure(void *ctx, const struct text_style *style, const char *s, size_t len,
                    struct text_metrics *out)
{
    struct pango_measurer *pm = ctx;
    const char *family = style->family ? style->family : "";
    bool cacheable = len < CACHE_TEXT && pm->family && strcmp(pm->family, family) == 0;
    struct cached *c = &pm->cache[slot_of(style, s, len)];
    if (cacheable && c->size_px == style->size_px && c->weight == style->weight &&
        strlen(c->text) == len && memcmp(c->text, s, len) == 0 && (len || !c->text[0])) {
        if (len || c->size_px) {
            *out = c->m;
            return;
        }
    }
    measure_pango(pm, style, s, len, out);
    if (len < CACHE_TEXT && pm->family && strcmp(pm->family, family) == 0) {
        memcpy(c->text, s, len);
        c->text[len] = '\0';
        c->size_px = style->size_px;
        c->weight = style->weight;
        c->m = *out;
    }
}

static const char ascii_chars[] = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                  "[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";

static bool printable_ascii(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] < ' ' || s[i] > '~') {
            return false;
        }
    }
    return len > 0;
}

/* Sets up the ASCII fast path for the current style (the layout holds that style). */
static void ascii_setup(struct pango_measurer *pm)
{
    pm->ascii_state = -1;
    if (!pm->glyphs && !(pm->glyphs = pango_glyph_string_new())) {
        return;
    }
    pango_context_set_font_description(pm->context, pm->desc);
    GList *items = pango_itemize(pm->context, ascii_chars, 0, (int)strlen(ascii_chars), NULL, NULL);
    if (items && !items->next) {
        pm->ascii_item = items->data;
        pango_layout_set_text(pm->layout, ascii_chars, -1);
        PangoRectangle logical;
        pango_layout_get_extents(pm->layout, NULL, &logical);
        int baseline = pango_layout_get_baseline(pm->layout);
        pm->ascii_ascent = (double)baseline / PANGO_SCALE;
        pm->ascii_descent = (double)(logical.height - baseline) / PANGO_SCALE;
        pm->ascii_state = 1;
        g_list_free(items);
        return;
    }
    g_list_free_full(items, (GDestroyNotify)pango_item_free);
}

static void measure_pango(struct pango_measurer *pm, const struct text_style *style,
                          const char *s, size_t len, struct text_metrics *out)
{
    const char *family = style->family ? style->family : "";
    if (!pm->family || strcmp(pm->family, family) != 0 || pm->size_px != style->size_px ||
        pm->weight != style->weight) {
        /* When the copy fails, family stays NULL: measure anyway, re-set the style next time. */
        if (!pm->family || strcmp(pm->family, family) != 0) {
            memset(pm->cache, 0, sizeof pm->cache);
        }
        free(pm->family);
        pm->family = csvchart_strdup(family);
        pm->size_px = style->size_px;
        pm->weight = style->weight;
        pango_font_description_set_family(pm->desc, family);
        pango_font_description_set_absolute_size(pm->desc, style->size_px * PANGO_SCALE);
        pango_font_description_set_weight(pm->desc,
                                          style->weight >= 600 ? PANGO_WEIGHT_BOLD
                                                               : PANGO_WEIGHT_NORMAL);
        pango_layout_set_font_description(pm->layout, pm->desc);
        if (pm->ascii_item) {
            pango_item_free(pm->ascii_item);
            pm->ascii_item = NULL;
        }
        pm->ascii_state = 0;
    }
    if (pm->fast_ascii && printable_ascii(s, len)) {
        if (pm->ascii_state == 0) {
            ascii_setup(pm);
        }
        if (pm->ascii_state == 1) {
            pango_shape_with_flags(s, (int)len, s, (int)len, &pm->ascii_item->analysis,
                                   pm->glyphs, PANGO_SHAPE_NONE);
            out->width = (double)pango_glyph_string_get_width(pm->glyphs) / PANGO_SCALE;
            out->ascent = pm->ascii_ascent;
            out->descent = pm->ascii_descent;
            return;
        }
    }
    /* A tab or a line end is measured as the space the scene draws for it (scene.h):
     * Pango alone would take a tab stop or a second line. */
    char small[256], *spaced = NULL;
    if (memchr(s, '\t', len) || memchr(s, '\n', len) || memchr(s, '\r', len)) {
        spaced = len < sizeof small ? small : malloc(len);
        if (spaced) {
            for (size_t i = 0; i < len; i++) {
                spaced[i] = s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ? ' ' : s[i];
            }
            s = spaced;
        }
    }
    pango_layout_set_text(pm->layout, s, (int)len);
    if (spaced && spaced != small) {
        free(spaced);
    }
    PangoRectangle logical;
    pango_layout_get_extents(pm->layout, NULL, &logical);
    int baseline = pango_layout_get_baseline(pm->layout);
    out->width = (double)logical.width / PANGO_SCALE;
    out->ascent = (double)baseline / PANGO_SCALE;
    out->descent = (double)(logical.height - baseline) / PANGO_SCALE;
}

csvchart_text_measurer *csvchart_text_pango_new(void)
{
    struct pango_measurer *pm = calloc(1, sizeof *pm);
    if (!pm) {
        return NULL;
    }
    pm->base.ctx = pm;
    pm->base.measure = measure;
    pm->fontmap = pango_cairo_font_map_new();
    if (!pm->fontmap) {
        goto fail;
    }
    pm->context = pango_font_map_create_context(pm->fontmap);
    if (!pm->context) {
        goto fail;
    }
    cairo_font_options_t *fo = cairo_font_options_create();
    if (cairo_font_options_status(fo) != CAIRO_STATUS_SUCCESS) {
        cairo_font_options_destroy(fo);
        goto fail;
    }
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pm->context, fo);
    cairo_font_options_destroy(fo);
    /* Pango rounds glyph positions to whole device units by default, which would make widths
     * depend on the PNG scale. */
    pango_context_set_round_glyph_positions(pm->context, FALSE);
    pm->fast_ascii = true;
    pm->layout = pango_layout_new(pm->context);
    pm->desc = pango_font_description_new();
    if (!pm->layout || !pm->desc) {
        goto fail;
    }
    return &pm->base;
fail:
    csvchart_text_pango_free(&pm->base);
    return NULL;
}

void *csvchart_text_pango_fontmap(const csvchart_text_measurer *m)
{
    if (!m || m->measure != measure) {
        return NULL;
    }
    return ((const struct pango_measurer *)m->ctx)->fontmap;
}

void csvchart_text_pango_free(csvchart_text_measurer *m)
{
    if (!m) {
        return;
    }
    struct pango_measurer *pm = m->ctx;
    if (pm->desc) {
        pango_font_description_free(pm->desc);
    }
    if (pm->layout) {
        g_object_unref(pm->layout);
    }
    if (pm->context) {
        g_object_unref(pm->context);
    }
    if (pm->fontmap) {
        g_object_unref(pm->fontmap);
    }
    if (pm->ascii_item) {
        pango_item_free(pm->ascii_item);
    }
    if (pm->glyphs) {
        pango_glyph_string_free(pm->glyphs);
    }
    free(pm->family);
    free(pm);
}

void csvchart_text_pango_set_fast_ascii(csvchart_text_measurer *m, bool on)
{
    struct pango_measurer *pm = m->ctx;
    pm->fast_ascii = on;
    memset(pm->cache, 0, sizeof pm->cache);
}
