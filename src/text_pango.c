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
#include <math.h>
#include <pango/pangocairo.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "text.h"

/*
 * The measurement cache: each string is shaped once per style. Layout asks for the same strings
 * over and over ("Hg" for line heights, tick labels while it tries tick steps, every label and
 * every candidate line of a wrapped label for each orientation, wrap width and size it tries,
 * and csvchart_layout_fit() lays a figure out again at each size it tries), and shaping is most
 * of a measurement. An open-addressing hash table keyed by the bytes, the size and the weight
 * (the family is the figure's one font: a change of family empties it), strings of any length
 * kept in one arena. It grows with what it holds, up to CACHE_MAX entries; past that it starts
 * again empty (a figure that measures that many different strings would thrash any bound).
 * Failing to grow only means measuring again: the measurer never fails.
 */
#define CACHE_MIN 1024
#define CACHE_MAX (1u << 20)

struct cached {
    uint64_t hash; /* 0 = empty slot */
    size_t off, len; /* the text: arena[off .. off + len) */
    double size_px;
    int weight;
    struct text_metrics m;
};

struct measure_cache {
    struct cached *slots;
    size_t cap, used; /* cap is a power of two (or 0) */
    char *arena;
    size_t arena_len, arena_cap;
};

struct pango_measurer {
    csvchart_text_measurer base; /* base.ctx points back at this struct */
    struct measure_cache cache;
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

static uint64_t key_hash(const struct text_style *style, const char *s, size_t len)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    }
    h = (h ^ (uint64_t)llround(style->size_px * 64)) * 1099511628211u;
    h = (h ^ (uint64_t)style->weight) * 1099511628211u;
    h ^= h >> 29;
    return h ? h : 1;
}

static void cache_clear(struct measure_cache *c)
{
    if (c->slots) {
        memset(c->slots, 0, c->cap * sizeof *c->slots);
    }
    c->used = 0;
    c->arena_len = 0;
}

static void cache_free(struct measure_cache *c)
{
    free(c->slots);
    free(c->arena);
    memset(c, 0, sizeof *c);
}

/* The slot holding the key, or the empty slot where it would go (NULL without a table). */
static struct cached *cache_slot(const struct measure_cache *c, uint64_t h,
                                 const struct text_style *style, const char *s, size_t len)
{
    if (!c->cap) {
        return NULL;
    }
    for (size_t i = (size_t)h & (c->cap - 1);; i = (i + 1) & (c->cap - 1)) {
        struct cached *e = &c->slots[i];
        if (!e->hash || (e->hash == h && e->len == len && e->size_px == style->size_px &&
                         e->weight == style->weight &&
                         (len == 0 || memcmp(c->arena + e->off, s, len) == 0))) {
            return e;
        }
    }
}

/* Makes room for one more entry: doubles the table at half load. False when it cannot. */
static bool cache_grow(struct measure_cache *c)
{
    if (c->used + 1 <= c->cap / 2) {
        return true;
    }
    if (c->cap >= CACHE_MAX) {
        cache_clear(c);
        return true;
    }
    size_t ncap = c->cap ? c->cap * 2 : CACHE_MIN;
    struct cached *ns = calloc(ncap, sizeof *ns);
    if (!ns) {
        return false;
    }
    for (size_t i = 0; i < c->cap; i++) {
        if (c->slots[i].hash) {
            size_t j = (size_t)c->slots[i].hash & (ncap - 1);
            while (ns[j].hash) {
                j = (j + 1) & (ncap - 1);
            }
            ns[j] = c->slots[i];
        }
    }
    free(c->slots);
    c->slots = ns;
    c->cap = ncap;
    return true;
}

static void cache_put(struct measure_cache *c, uint64_t h, const struct text_style *style,
                      const char *s, size_t len, const struct text_metrics *m)
{
    if (!cache_grow(c) ||
        !csvchart_array_reserve((void **)&c->arena, &c->arena_cap, c->arena_len + len + 1, 1)) {
        return;
    }
    struct cached *e = cache_slot(c, h, style, s, len);
    memcpy(c->arena + c->arena_len, s, len);
    *e = (struct cached){.hash = h, .off = c->arena_len, .len = len, .size_px = style->size_px,
                         .weight = style->weight, .m = *m};
    c->arena_len += len;
    c->used++;
}

static void measure_pango(struct pango_measurer *pm, const struct text_style *style,
                          const char *s, size_t len, struct text_metrics *out);

static void measure(void *ctx, const struct text_style *style, const char *s, size_t len,
                    struct text_metrics *out)
{
    struct pango_measurer *pm = ctx;
    const char *family = style->family ? style->family : "";
    if (pm->family && strcmp(pm->family, family) != 0) {
        cache_clear(&pm->cache); /* a new font: every measurement changes */
    }
    uint64_t h = key_hash(style, s, len);
    const struct cached *e = cache_slot(&pm->cache, h, style, s, len);
    if (e && e->hash) {
        *out = e->m;
        return;
    }
    measure_pango(pm, style, s, len, out);
    if (pm->family && strcmp(pm->family, family) == 0) {
        cache_put(&pm->cache, h, style, s, len, out);
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
    pango_layout_set_text(pm->layout, s, (int)len);
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
    cache_free(&pm->cache);
    free(pm);
}

void csvchart_text_pango_set_fast_ascii(csvchart_text_measurer *m, bool on)
{
    struct pango_measurer *pm = m->ctx;
    pm->fast_ascii = on;
    cache_clear(&pm->cache);
}
