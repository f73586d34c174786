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
 *
 * It also answers text_check.c after layout (text.h: substitute, missing): which family
 * fontconfig drew instead of the one asked for, and which characters no installed font has.
 * Measuring notes, for free, whether a string it shaped through a PangoLayout had a glyph
 * missing (Pango marks one PANGO_GLYPH_UNKNOWN_FLAG | code point; it is drawn as a box), so
 * asking about a string already measured is a lookup in the cache; a text shaped directly
 * (printable ASCII, or latin_chars, when one font covers all of them) never misses one.
 */
#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <hb-ot.h>
#include <pango/pangoft2.h>
#include <pango/pangofc-font.h>
#include <pango/pangofc-fontmap.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "cores.h"
#include "text.h"
#include "text_cache.h"
#include "text_inert.h"
#include "utf8.h"

/*
 * The measurement cache: each string is shaped once per weight, whatever its size. Layout asks
 * for the same strings over and over ("Hg" for line heights, tick labels while it tries tick
 * steps, every label and every candidate line of a wrapped label for each orientation, wrap
 * width and size it tries, and csvchart_layout_fit() lays a figure out again at each size it
 * tries), and shaping is nearly all of a measurement (Inter's contextual features cost about
 * a microsecond a character in HarfBuzz). Hinting is off and glyph positions are not rounded,
 * so metrics are linear in the size: every string is shaped at REF_PX and scaled, which
 * differs from shaping at the size itself by under 0.02 px (tested) and lets a layout try
 * label sizes without shaping anything again. Keys are the bytes and the weight (the family
 * is the figure's one font: a change of family empties the cache), in an open-addressing
 * hash table over one arena of strings of any length (text_cache.c). It grows with what it
 * holds, up to CACHE_MAX entries; past that it starts again empty (a figure that measures that many
 * different strings would thrash any bound). Failing to grow only means measuring again: the
 * measurer never fails.
 */
#define REF_PX TEXT_REF_PX
#define ASCII_STYLES 8

/*
 * Ranges. Wrapping measures the candidate lines of a text (text_wrap.c), each a range of its
 * bytes: most are measured without shaping them again. HarfBuzz marks the glyphs where a
 * text may not be cut without shaping both sides again (a kerned pair, a contextual
 * alternate, a ligature); where it may, the glyphs of a part shaped alone are the very glyphs
 * it had in the whole text, so the width of a range that begins and ends at such places is
 * the sum of the whole's advances over it - exactly what shaping it alone gives, in the same
 * integer units (tested on thousands of texts). Other ranges are shaped alone. This is done
 * for the texts shaped with HarfBuzz directly (direct_text(): as Pango's shaper does, but
 * Pango drops the marks), in texts of at most RANGE_TEXT_MAX bytes, every text shaped kept (up to
 * TEXTS_MAX of them in TEXTS_BYTES_MAX bytes; then the table starts again empty).
 */
#define RANGE_TEXT_MAX 4096
#define TEXTS_MAX 8192
#define TEXTS_BYTES_MAX (8u << 20)

/* A text shaped whole, for its ranges. */
struct shaped_text {
    uint64_t hash; /* of the bytes and the weight */
    size_t len;
    int weight;
    bool *safe;        /* [i]: a line may begin or end at byte i with the glyphs it has here */
    char *text;        /* the len bytes */
    int64_t advance[]; /* [i]: the advance of the glyphs before the cluster that begins at
                        * byte i (or holds it), Pango units at REF_PX: of bytes [0, i) where
                        * safe[i] */
};

/*
 * Font maps, one per fontconfig configuration (a family's: csvchart_text_fonts_config()),
 * each given its configuration when it is made and never another: Pango 1.50 matches and
 * sorts every new font pattern on threads of its own, which, finishing, take the pattern out
 * of their font map's table without a lock, while pango_fc_font_map_set_config() destroys
 * that table. A measurer that reconfigured its one font map between two families crashed in
 * one run of 200 (SIGFPE in g_hash_table_remove, test_text_pango under load). A font map
 * given up (more than FONT_MAPS configurations) is unreffed: Pango's threads hold references
 * of their own, so it is finalized after them.
 */
#define FONT_MAPS 4

struct pango_measurer {
    csvchart_text_measurer base; /* base.ctx points back at this struct */
    struct measure_cache cache;
    struct {
        void *config; /* its configuration (NULL: fontconfig's default) */
        PangoFontMap *map;
    } maps[FONT_MAPS];     /* NULL map: a free slot */
    size_t maps_next;      /* the slot to give up next, when all are taken */
    PangoFontMap *fontmap; /* the family's, borrowed from maps[]: what the context uses */
    PangoContext *context;
    PangoLayout *layout;
    PangoFontDescription *desc;
    char *family; /* the style the layout is set to (NULL: none yet) */
    double size_px;
    int weight;
    char *cache_family; /* the family the cache holds measurements of */
    /* Printable ASCII (most labels) is shaped directly: the style's font covers it all when
     * itemizing every printable ASCII character gives one item, whose analysis then serves
     * any ASCII string (and any text of latin_chars, when itemizing those gives one item
     * too); the line's ascent and descent are the font's, the same for every such string. Itemizing
     * each string through a PangoLayout cost ten times more. The items of the last few styles are
     * kept: a timeline's blocks alternate three styles (date, label, detail), and setting one up
     * again costs more than a dozen shapes. */
    bool fast_ascii; /* allowed (tests turn it off to compare) */
    bool primed;     /* csvchart_text_pango_prime() was called for the style set */
    struct ascii_style {
        char *family; /* NULL: a free slot */
        double size_px;
        int weight;
        PangoItem *item; /* NULL: the font does not cover ASCII in one item */
        int latin;       /* it covers latin_chars in one item too: 1 yes, 0 no, -1 not asked */
        double ascent, descent;
        /* What Pango's shaper gives HarfBuzz for this item (shape_ascii()) */
        hb_font_t *hb; /* borrowed from the item's font */
        hb_script_t script;
        hb_language_t language;
        hb_feature_t features[32];
        unsigned int nfeatures;
        /* For printable ASCII: the same, plus the features proved inert for it in this font
         * (text_inert.h), once the style has shaped INERT_AFTER texts (the proof costs about
         * as much as shaping a few dozen labels; with the same glyphs either way, a figure
         * with a handful of texts skips it). */
        hb_feature_t ascii_features[32 + 8];
        unsigned int nascii_features; /* 0: none proved (use features) */
        unsigned int shaped;          /* texts shaped directly in this style */
        bool proved;                  /* the proof was made */
    } ascii[ASCII_STYLES];
    size_t ascii_next; /* the slot to reuse next */
    hb_buffer_t *buffer;
    PangoGlyphString *glyphs;
    /* The texts shaped whole for their ranges (measure_range()): an open-addressing table
     * of up to TEXTS_MAX, emptied when full (a fit search asks for the ranges of the same
     * texts at each width and size it tries, each time after all the others). */
    struct shaped_text **texts;
    size_t texts_cap, texts_used; /* texts_cap: a power of two, or 0 */
    size_t texts_bytes;           /* what the texts of the table take */
    size_t shapings;              /* texts shaped, for tests and benchmarks */
};

static void measure_pango(struct pango_measurer *pm, const struct text_style *style, const char *s,
                          size_t len, struct text_metrics *out, size_t *unknown);
static void forget_texts(struct pango_measurer *pm);

static void ascii_free(struct ascii_style *a);

/* The key of the measurer's first font map until a family is measured: it has no fonts yet,
 * so the first family configures it (one font map for a figure of one family, as before). */
static char unconfigured;

/* The font map of a family's configuration (see FONT_MAPS), made when there is none; NULL
 * when out of memory. */
static PangoFontMap *fontmap_for(struct pango_measurer *pm, const char *family)
{
    void *config = csvchart_text_fonts_config(family);
    for (size_t i = 0; i < FONT_MAPS; i++) {
        if (pm->maps[i].map && pm->maps[i].config == config) {
            return pm->maps[i].map;
        }
    }
    if (pm->maps[0].config == &unconfigured) {
        if (config) {
            pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(pm->maps[0].map), config);
        }
        pm->maps[0].config = config;
        return pm->maps[0].map;
    }
    PangoFontMap *fm = csvchart_text_pango_fontmap_new(family);
    if (!fm) {
        return NULL;
    }
    size_t k = 0; /* a free slot, else the next to give up */
    while (k < FONT_MAPS && pm->maps[k].map) {
        k++;
    }
    if (k == FONT_MAPS) {
        k = pm->maps_next;
        pm->maps_next = (k + 1) % FONT_MAPS;
    }
    if (pm->maps[k].map) { /* given up: nothing may keep its fonts */
        for (size_t i = 0; i < ASCII_STYLES; i++) {
            ascii_free(&pm->ascii[i]);
        }
        if (pm->fontmap == pm->maps[k].map) {
            pango_context_set_font_map(pm->context, fm);
            pango_layout_context_changed(pm->layout);
            pm->fontmap = fm;
        }
        g_object_unref(pm->maps[k].map);
    }
    pm->maps[k].config = config;
    pm->maps[k].map = fm;
    return fm;
}

/* Measures in the font map of a family's configuration (text_fonts.c) from now on. */
static void use_family(struct pango_measurer *pm, const char *family)
{
    family = family ? family : "";
    if (!pm->cache_family || strcmp(pm->cache_family, family) != 0) {
        PangoFontMap *fm = fontmap_for(pm, family);
        if (fm && fm != pm->fontmap) {
            pango_context_set_font_map(pm->context, fm);
            pango_layout_context_changed(pm->layout);
            pm->fontmap = fm;
        }
        csvchart_text_cache_clear(&pm->cache); /* a new font: every measurement changes */
        forget_texts(pm);
        free(pm->cache_family);
        pm->cache_family = csvchart_strdup(family); /* NULL: measure, but do not cache */
    }
}

/*
 * The characters shaped directly (see struct ascii_style): printable ASCII, and - when the
 * style's font has them all - the others labels and numbers in Latin text are most often
 * made of: Latin-1's letters and signs (not the soft hyphen, which Pango hides), the spaces
 * of number formats and of "3 events" (no-break, thin, narrow no-break), dashes, curly
 * quotes, bullet, ellipsis, minus, arrow and euro. All are left-to-right or neutral, of the
 * Latin script or of none, so Pango puts a text made of them in one item when one font has
 * them all (tested against PangoLayout on thousands of texts).
 */
static const char ascii_chars[] = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                  "[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";
static const char latin_chars[] =
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"
    "\xc2\xa0\xc2\xa1\xc2\xa2\xc2\xa3\xc2\xa4\xc2\xa5\xc2\xa6\xc2\xa7\xc2\xa8\xc2\xa9\xc2"
    "\xaa\xc2\xab\xc2\xac\xc2\xae\xc2\xaf\xc2\xb0\xc2\xb1\xc2\xb2\xc2\xb3\xc2\xb4\xc2\xb5"
    "\xc2\xb6\xc2\xb7\xc2\xb8\xc2\xb9\xc2\xba\xc2\xbb\xc2\xbc\xc2\xbd\xc2\xbe\xc2\xbf\xc3"
    "\x80\xc3\x81\xc3\x82\xc3\x83\xc3\x84\xc3\x85\xc3\x86\xc3\x87\xc3\x88\xc3\x89\xc3\x8a"
    "\xc3\x8b\xc3\x8c\xc3\x8d\xc3\x8e\xc3\x8f\xc3\x90\xc3\x91\xc3\x92\xc3\x93\xc3\x94\xc3"
    "\x95\xc3\x96\xc3\x97\xc3\x98\xc3\x99\xc3\x9a\xc3\x9b\xc3\x9c\xc3\x9d\xc3\x9e\xc3\x9f"
    "\xc3\xa0\xc3\xa1\xc3\xa2\xc3\xa3\xc3\xa4\xc3\xa5\xc3\xa6\xc3\xa7\xc3\xa8\xc3\xa9\xc3"
    "\xaa\xc3\xab\xc3\xac\xc3\xad\xc3\xae\xc3\xaf\xc3\xb0\xc3\xb1\xc3\xb2\xc3\xb3\xc3\xb4"
    "\xc3\xb5\xc3\xb6\xc3\xb7\xc3\xb8\xc3\xb9\xc3\xba\xc3\xbb\xc3\xbc\xc3\xbd\xc3\xbe\xc3"
    "\xbf\xe2\x80\x89\xe2\x80\x93\xe2\x80\x94\xe2\x80\x98\xe2\x80\x99\xe2\x80\x9c\xe2\x80"
    "\x9d\xe2\x80\xa2\xe2\x80\xa6\xe2\x80\xaf\xe2\x88\x92\xe2\x86\x92\xe2\x82\xac";

/* Whether a code point beyond ASCII is one of latin_chars. */
static bool latin_extra(uint32_t c)
{
    if (c >= 0xA0 && c <= 0xFF) {
        return c != 0xAD;
    }
    switch (c) {
    case 0x2009:
    case 0x2013:
    case 0x2014:
    case 0x2018:
    case 0x2019:
    case 0x201C:
    case 0x201D:
    case 0x2022:
    case 0x2026:
    case 0x202F:
    case 0x2212:
    case 0x2192:
    case 0x20AC:
        return true;
    default:
        return false;
    }
}

static void set_style(struct pango_measurer *pm, const struct text_style *style);

/* Whether two fonts are the same face (file and index): the same object, unless the font
 * map made its fonts again after a change of configuration (use_family()). */
static bool same_face(PangoFont *x, PangoFont *y)
{
    if (x == y) {
        return true;
    }
    FcPattern *p = PANGO_IS_FC_FONT(x) ? pango_fc_font_get_pattern(PANGO_FC_FONT(x)) : NULL;
    FcPattern *q = PANGO_IS_FC_FONT(y) ? pango_fc_font_get_pattern(PANGO_FC_FONT(y)) : NULL;
    FcChar8 *f, *g;
    int i, j;
    return p && q && FcPatternGetString(p, FC_FILE, 0, &f) == FcResultMatch &&
           FcPatternGetString(q, FC_FILE, 0, &g) == FcResultMatch &&
           FcPatternGetInteger(p, FC_INDEX, 0, &i) == FcResultMatch &&
           FcPatternGetInteger(q, FC_INDEX, 0, &j) == FcResultMatch &&
           strcmp((const char *)f, (const char *)g) == 0 && i == j;
}

/* Whether the font of the style of `a` covers latin_chars in one item: asked once a style. */
static bool covers_latin(struct pango_measurer *pm, struct ascii_style *a)
{
    if (a->latin < 0) {
        struct text_style st = {.family = a->family, .size_px = a->size_px, .weight = a->weight};
        set_style(pm, &st);
        pango_context_set_font_description(pm->context, pm->desc);
        GList *items =
            pango_itemize(pm->context, latin_chars, 0, (int)strlen(latin_chars), NULL, NULL);
        a->latin = items && !items->next &&
                   same_face(((PangoItem *)items->data)->analysis.font, a->item->analysis.font);
        g_list_free_full(items, (GDestroyNotify)pango_item_free);
    }
    return a->latin > 0;
}

/* Whether the style of `a` shapes the text directly: printable ASCII, or latin_chars when
 * its font has them all. */
static bool direct_text(struct pango_measurer *pm, struct ascii_style *a, const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        if (s[i] >= ' ' && s[i] <= '~') {
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = csvchart_utf8_decode(s + i, len - i, &cp);
        if (!latin_extra(cp) || !covers_latin(pm, a)) {
            return false;
        }
        i += n;
    }
    return len > 0;
}

/* One at a time: Pango's guard is one flag for all threads, so two threads priming at once (the
 * workers of a batch, starting together) would leave one of the fonts without its widths. */
static pthread_mutex_t prime_lock = PTHREAD_MUTEX_INITIALIZER;

void csvchart_text_pango_prime(void *fontmap, void *context, const void *desc)
{
    PangoFont *f = pango_font_map_load_font(fontmap, context, desc);
    if (f) {
        pthread_mutex_lock(&prime_lock);
        pango_font_metrics_unref(pango_font_get_metrics(f, NULL));
        pthread_mutex_unlock(&prime_lock);
        g_object_unref(f);
    }
}

/* Sets the PangoLayout (and the font description) to a style, when it is not set to it. */
static void set_style(struct pango_measurer *pm, const struct text_style *style)
{
    const char *family = style->family ? style->family : "";
    if (pm->family && strcmp(pm->family, family) == 0 && pm->size_px == style->size_px &&
        pm->weight == style->weight) {
        return;
    }
    /* When the copy fails, family stays NULL: measure anyway, re-set the style next time. */
    free(pm->family);
    pm->family = csvchart_strdup(family);
    pm->size_px = style->size_px;
    pm->weight = style->weight;
    pango_font_description_set_family(pm->desc, family);
    pango_font_description_set_absolute_size(pm->desc, style->size_px * PANGO_SCALE);
    pango_font_description_set_weight(pm->desc, style->weight >= 600 ? PANGO_WEIGHT_BOLD
                                                                     : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(pm->layout, pm->desc);
    pm->primed = false;
}

static void ascii_free(struct ascii_style *a)
{
    free(a->family);
    if (a->item) {
        pango_item_free(a->item);
    }
    memset(a, 0, sizeof *a);
}

/* A big-endian 16-bit field at byte `at` of a table of `n` bytes (false when it is past the
 * end). */
static bool field16(const char *p, unsigned int n, unsigned int at, unsigned int *v)
{
    if (at + 2 > n) {
        return false;
    }
    *v = (unsigned int)(unsigned char)p[at] << 8 | (unsigned char)p[at + 1];
    return true;
}

static int16_t signed16(unsigned int v)
{
    return (int16_t)(v >= 0x8000 ? (int)v - 0x10000 : (int)v);
}

/*
 * The line box of the font of `hb` at `size` px as Pango over cairo makes it with hint
 * metrics off, read from the font's tables: FreeType's ascender and descender (OS/2's
 * typographic ones when its USE_TYPO_METRICS bit is set; else hhea's, and when both are 0
 * OS/2's typographic ones, or when those are 0 too its Windows ones) over the em, times the size
 * (cairo), each edge rounded to Pango units as Pango rounds them (the descent from the rounded
 * height). Loading the font in cairo and FreeType only to ask this was 0.9 M instructions and 70
 * page faults of an SVG run (the SVG writer draws nothing through them). False - ask Pango - for a
 * font with variations (MVAR can move the ascender) or without the tables. test_fast_ascii_is_exact
 * compares the two on every installed family.
 */
static bool line_box(hb_font_t *hb, double size, double *ascent, double *descent)
{
    hb_face_t *face = hb_font_get_face(hb);
    if (!face || hb_ot_var_has_data(face)) {
        return false;
    }
    hb_blob_t *head = hb_face_reference_table(face, HB_TAG('h', 'e', 'a', 'd'));
    hb_blob_t *hhea = hb_face_reference_table(face, HB_TAG('h', 'h', 'e', 'a'));
    hb_blob_t *os2 = hb_face_reference_table(face, HB_TAG('O', 'S', '/', '2'));
    unsigned int nh, nhh, no, upem = 0, asc = 0, desc = 0;
    const char *ph = hb_blob_get_data(head, &nh), *phh = hb_blob_get_data(hhea, &nhh);
    const char *po = hb_blob_get_data(os2, &no);
    unsigned int sel = 0, ta = 0, td = 0, wa = 0, wd = 0;
    bool has_os2 = no >= 78 && field16(po, no, 62, &sel) && field16(po, no, 68, &ta) &&
                   field16(po, no, 70, &td) && field16(po, no, 74, &wa) && field16(po, no, 76, &wd);
    bool ok = field16(ph, nh, 18, &upem) && upem > 0;
    if (has_os2 && (sel & 128)) { /* USE_TYPO_METRICS */
        asc = ta;
        desc = td;
    } else {
        ok = ok && field16(phh, nhh, 4, &asc) && field16(phh, nhh, 6, &desc);
        if (ok && !asc && !desc && has_os2) {
            asc = ta || td ? ta : (uint16_t)signed16(wa);
            desc = ta || td ? td : (uint16_t)-signed16(wd);
        }
    }
    hb_blob_destroy(head);
    hb_blob_destroy(hhea);
    hb_blob_destroy(os2);
    if (!ok) {
        return false;
    }
    double em = upem;
    double a = signed16(asc) / em * size, d = -signed16(desc) / em * size;
    double y = floor(a * PANGO_SCALE + 0.5), height = floor((a + d) * PANGO_SCALE + 0.5);
    *ascent = y / PANGO_SCALE;
    *descent = (height - y) / PANGO_SCALE;
    return true;
}

/* The direct shaping of a style (set up when new, in the least recently set up slot), or
 * NULL when the style's font does not cover printable ASCII in one item. */
static struct ascii_style *ascii_for(struct pango_measurer *pm, const struct text_style *style)
{
    const char *family = style->family ? style->family : "";
    for (size_t i = 0; i < ASCII_STYLES; i++) {
        struct ascii_style *a = &pm->ascii[i];
        if (a->family && a->size_px == style->size_px && a->weight == style->weight &&
            strcmp(a->family, family) == 0) {
            return a->item ? a : NULL;
        }
    }
    if (!pm->glyphs && !(pm->glyphs = pango_glyph_string_new())) {
        return NULL;
    }
    struct ascii_style *a = &pm->ascii[pm->ascii_next];
    pm->ascii_next = (pm->ascii_next + 1) % ASCII_STYLES;
    ascii_free(a);
    if (!(a->family = csvchart_strdup(family))) {
        return NULL;
    }
    a->size_px = style->size_px;
    a->weight = style->weight;
    set_style(pm, style);
    pango_context_set_font_description(pm->context, pm->desc);
    a->latin = -1; /* asked when a text needs it: itemizing them all costs as much again */
    GList *items = pango_itemize(pm->context, ascii_chars, 0, (int)strlen(ascii_chars), NULL, NULL);
    if (items && !items->next) {
        a->item = items->data;
        PangoAnalysis *an = &a->item->analysis;
        a->hb = pango_font_get_hb_font(an->font);
        a->script = (hb_script_t)g_unicode_script_to_iso15924(an->script);
        a->language = hb_language_from_string(pango_language_to_string(an->language), -1);
        pango_font_get_features(an->font, a->features, 32, &a->nfeatures);
        /* The line box is the font's ascent and descent whatever the glyphs: read from its
         * tables (line_box()), or else the logical extents of one shaped glyph, without a
         * PangoLayout (laying out all 95 loaded every glyph's outline, and a layout line
         * also asks for the font's metrics, which Pango computes by laying out a sample
         * sentence: 3.8 M instructions for two styles of a 25 M SVG run). */
        if (!line_box(a->hb, a->size_px, &a->ascent, &a->descent)) {
            pango_shape_with_flags("H", 1, "H", 1, &a->item->analysis, pm->glyphs,
                                   PANGO_SHAPE_NONE);
            PangoRectangle logical;
            pango_glyph_string_extents(pm->glyphs, a->item->analysis.font, NULL, &logical);
            a->ascent = (double)-logical.y / PANGO_SCALE;
            a->descent = (double)(logical.height + logical.y) / PANGO_SCALE;
        }
        g_list_free(items);
        return a;
    }
    g_list_free_full(items, (GDestroyNotify)pango_item_free);
    return NULL;
}

/* A HarfBuzz buffer, or NULL when out of memory. */
static hb_buffer_t *new_buffer(void)
{
    hb_buffer_t *b = hb_buffer_create();
    if (!hb_buffer_allocation_successful(b)) {
        hb_buffer_destroy(b);
        return NULL;
    }
    return b;
}

/*
 * Shapes a direct text (direct_text()) in the style's font into `b` as pango_shape_with_flags()
 * does for a whole-paragraph item without attributes (Pango 1.50's pango_hb_shape(): the item's
 * script, language and font features, left to right, monotone character clusters, the
 * text's beginning and end, invisible glyphs empty), keeping the glyph flags Pango drops.
 * Returns the number of glyphs (0: could not shape). Reads nothing but its arguments, so
 * threads may shape at once, each into a buffer of its own (HarfBuzz fonts may be shared).
 */
static unsigned int shape_ascii(hb_buffer_t *b, const struct ascii_style *a, const char *s,
                                size_t len)
{
    if (!b || !a->hb || len > INT_MAX) {
        return 0;
    }
    hb_buffer_clear_contents(b);
    hb_buffer_set_direction(b, HB_DIRECTION_LTR);
    hb_buffer_set_script(b, a->script);
    hb_buffer_set_language(b, a->language);
    hb_buffer_set_cluster_level(b, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
    hb_buffer_set_flags(b, HB_BUFFER_FLAG_BOT | HB_BUFFER_FLAG_EOT);
    hb_buffer_set_invisible_glyph(b, PANGO_GLYPH_EMPTY);
    hb_buffer_add_utf8(b, s, (int)len, 0, (int)len);
    bool ascii = a->nascii_features > 0;
    for (size_t i = 0; ascii && i < len; i++) {
        ascii = (unsigned char)s[i] < 0x80; /* a direct text: printable ASCII, or latin_chars */
    }
    hb_shape(a->hb, b, ascii ? a->ascii_features : a->features,
             ascii ? a->nascii_features : a->nfeatures);
    return hb_buffer_allocation_successful(b) ? hb_buffer_get_length(b) : 0;
}

/*
 * Counts a text shaped in the style; at the INERT_AFTER-th, proves which features are inert
 * for printable ASCII in its font (text_inert.h) and shapes ASCII without them from then on.
 * Only on the measurer's thread, with no other thread shaping (prepare() calls it before its
 * threads start).
 */
#define INERT_AFTER 64

static void prove_inert(struct ascii_style *a)
{
    if (a->proved || !a->hb) {
        return;
    }
    a->proved = true;
    uint32_t printable[0x7f - 0x20];
    for (uint32_t c = 0x20; c < 0x7f; c++) {
        printable[c - 0x20] = c;
    }
    hb_segment_properties_t props = {HB_DIRECTION_LTR, a->script, a->language, NULL, NULL};
    unsigned int room = sizeof a->ascii_features / sizeof a->ascii_features[0] - a->nfeatures;
    memcpy(a->ascii_features, a->features, a->nfeatures * sizeof *a->features);
    unsigned int n = csvchart_inert_features(a->hb, &props, a->features, a->nfeatures, printable,
                                             sizeof printable / sizeof printable[0],
                                             a->ascii_features + a->nfeatures, room);
    a->nascii_features = n ? a->nfeatures + n : 0;
}

static void count_shaped(struct ascii_style *a)
{
    if (++a->shaped == INERT_AFTER) {
        prove_inert(a);
    }
}

/* shape_ascii() into the measurer's own buffer, counted. */
static unsigned int shape_own(struct pango_measurer *pm, struct ascii_style *a, const char *s,
                              size_t len)
{
    if (!pm->buffer) {
        pm->buffer = new_buffer();
    }
    unsigned int n = shape_ascii(pm->buffer, a, s, len);
    pm->shapings += n > 0;
    count_shaped(a);
    return n;
}

/* A glyph's advance as Pango keeps it (a negative one is made positive). */
static int64_t advance_of(const hb_glyph_position_t *p)
{
    return p->x_advance < 0 ? -(int64_t)p->x_advance : p->x_advance;
}

static bool ascii_only(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if ((unsigned char)s[i] >= 0x80) {
            return false;
        }
    }
    return true;
}

/* Sets the PangoLayout to the style and the text (see below for tabs and line ends). */
static void layout_text(struct pango_measurer *pm, const struct text_style *style, const char *s,
                        size_t len)
{
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
    set_style(pm, style);
    if (!pm->primed && !ascii_only(s, len)) { /* only other text can lack glyphs */
        csvchart_text_pango_prime(pm->fontmap, pm->context, pm->desc);
        pm->primed = true;
    }
    pango_layout_set_text(pm->layout, s, (int)len);
    if (spaced && spaced != small) {
        free(spaced);
    }
}

static void measure_pango(struct pango_measurer *pm, const struct text_style *style, const char *s,
                          size_t len, struct text_metrics *out, size_t *unknown)
{
    *unknown = 0;
    struct ascii_style *a = pm->fast_ascii ? ascii_for(pm, style) : NULL;
    if (a && direct_text(pm, a, s, len)) {
        unsigned int n = shape_own(pm, a, s, len);
        if (n) {
            const hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(pm->buffer, NULL);
            int64_t w = 0;
            for (unsigned int i = 0; i < n; i++) {
                w += advance_of(&pos[i]);
            }
            out->width = (double)w / PANGO_SCALE;
            out->ascent = a->ascent;
            out->descent = a->descent;
            return;
        }
    }
    layout_text(pm, style, s, len);
    pm->shapings++;
    PangoRectangle logical;
    pango_layout_get_extents(pm->layout, NULL, &logical);
    int baseline = pango_layout_get_baseline(pm->layout);
    out->width = (double)logical.width / PANGO_SCALE;
    out->ascent = (double)baseline / PANGO_SCALE;
    out->descent = (double)(logical.height - baseline) / PANGO_SCALE;
    /* The lines are laid out by now: counting walks their glyphs once. */
    *unknown = (size_t)pango_layout_get_unknown_glyphs_count(pm->layout);
}

/* Forgets the texts shaped for their ranges (their font changed, or the table is full). */
static void forget_texts(struct pango_measurer *pm)
{
    for (size_t i = 0; i < pm->texts_cap; i++) {
        free(pm->texts[i]);
        pm->texts[i] = NULL;
    }
    pm->texts_used = 0;
    pm->texts_bytes = 0;
}

/* The slot of the table for the text (found, or empty); NULL without a table. */
static struct shaped_text **text_slot(const struct pango_measurer *pm, uint64_t h, const char *text,
                                      size_t len, int weight)
{
    if (!pm->texts_cap) {
        return NULL;
    }
    for (size_t i = h & (pm->texts_cap - 1);; i = (i + 1) & (pm->texts_cap - 1)) {
        struct shaped_text *t = pm->texts[i];
        if (!t || (t->hash == h && t->len == len && t->weight == weight &&
                   memcmp(t->text, text, len) == 0)) {
            return &pm->texts[i];
        }
    }
}

/* Makes room for one more text; false when out of memory. */
static bool texts_room(struct pango_measurer *pm, size_t bytes)
{
    if (pm->texts_bytes + bytes > TEXTS_BYTES_MAX) {
        forget_texts(pm);
    }
    if (pm->texts_used + 1 <= pm->texts_cap / 2) {
        return true;
    }
    if (pm->texts_cap >= 2 * TEXTS_MAX) {
        forget_texts(pm);
        return true;
    }
    size_t cap = pm->texts_cap ? 2 * pm->texts_cap : 64;
    struct shaped_text **old = pm->texts, **t = calloc(cap, sizeof *t);
    if (!t) {
        return false;
    }
    size_t old_cap = pm->texts_cap;
    pm->texts = t;
    pm->texts_cap = cap;
    for (size_t i = 0; i < old_cap; i++) {
        if (old[i]) {
            *text_slot(pm, old[i]->hash, old[i]->text, old[i]->len, old[i]->weight) = old[i];
        }
    }
    free(old);
    return true;
}

/* The bytes a shaped text of `len` bytes takes. */
static size_t text_bytes(size_t len)
{
    return sizeof(struct shaped_text) + (len + 1) * (sizeof(int64_t) + 1) + len;
}

/* A direct `text` shaped whole into `b` in the style of `a` at REF_PX, with its
 * advances and safe cuts (h: its hash, as text_slot() takes it); NULL when out of memory or
 * not shaped. Thread-safe as shape_ascii(). */
static struct shaped_text *shape_text(hb_buffer_t *b, const struct ascii_style *a, const char *text,
                                      size_t len, uint64_t h, int weight)
{
    unsigned int n = shape_ascii(b, a, text, len);
    struct shaped_text *t = n ? malloc(text_bytes(len)) : NULL;
    if (!t) {
        return NULL;
    }
    t->hash = h;
    t->len = len;
    t->weight = weight;
    t->safe = (bool *)(t->advance + len + 1);
    t->text = (char *)(t->safe + len + 1);
    memcpy(t->text, text, len);
    memset(t->safe, 0, len + 1);
    for (size_t i = 0; i <= len; i++) {
        t->advance[i] = -1; /* inside a cluster: filled in below */
    }
    const hb_glyph_info_t *info = hb_buffer_get_glyph_infos(b, NULL);
    const hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(b, NULL);
    int64_t sum = 0;
    for (unsigned int i = 0; i < n; i++) {
        uint32_t c = info[i].cluster;
        if (i == 0 || c != info[i - 1].cluster) { /* a cluster begins at byte c */
            if (c >= len || (i > 0 && c < info[i - 1].cluster)) {
                memset(t->safe, 0, len + 1); /* not in text order: measure ranges alone */
                break;
            }
            t->advance[c] = sum;
            t->safe[c] =
                i == 0 ? c == 0
                       : !(hb_glyph_info_get_glyph_flags(&info[i]) & HB_GLYPH_FLAG_UNSAFE_TO_BREAK);
        }
        sum += advance_of(&pos[i]);
    }
    t->advance[len] = sum;
    t->safe[len] = true;
    for (size_t i = 0; i < len; i++) { /* a byte inside a cluster: the cluster's start */
        t->advance[i] = t->advance[i] >= 0 ? t->advance[i] : i ? t->advance[i - 1] : 0;
    }
    return t;
}

/* Puts `t` (not in the table yet) into the table, which owns it from then on; false (and t
 * freed) when out of memory. */
static bool keep_text(struct pango_measurer *pm, struct shaped_text *t)
{
    size_t bytes = text_bytes(t->len);
    if (!texts_room(pm, bytes)) {
        free(t);
        return false;
    }
    *text_slot(pm, t->hash, t->text, t->len, t->weight) = t;
    pm->texts_used++;
    pm->texts_bytes += bytes;
    return true;
}

/* A direct `text`, shaped whole in the style of `a` at REF_PX for its ranges (found
 * among those shaped before, or shaped now), or NULL when out of memory or not shaped. */
static const struct shaped_text *shaped_text(struct pango_measurer *pm, struct ascii_style *a,
                                             const char *text, size_t len, int weight)
{
    struct text_style key = {.size_px = REF_PX, .weight = weight};
    uint64_t h = csvchart_text_cache_hash(&key, text, len);
    struct shaped_text **slot = text_slot(pm, h, text, len, weight);
    if (slot && *slot) {
        return *slot;
    }
    if (!pm->buffer) {
        pm->buffer = new_buffer();
    }
    struct shaped_text *t = shape_text(pm->buffer, a, text, len, h, weight);
    pm->shapings += t != NULL;
    count_shaped(a);
    return t && keep_text(pm, t) ? t : NULL;
}

/*
 * Texts shaped ahead (prepare() in text.h). A timeline of 1,000 events measures about 2,000
 * texts (a label and a date each) and each is shaped once; shaping is nearly all of its
 * layout, about 30 us a label with Inter. Asked for them at once, the measurer shapes them
 * on two threads - this one and one more, when a core is spare - taking texts from a shared
 * counter, each thread into a HarfBuzz buffer of its own with the fonts shared (HarfBuzz
 * allows it; nothing else of Pango is touched meanwhile). The results go into the table in
 * the order asked, after both threads are done, so the table is the same whichever thread
 * shaped what. Without a spare core, or for fewer than PREPARE_MIN texts, nothing is done
 * ahead: the texts are shaped when measured, as before - on one thread, shaping ahead would
 * only move the same work.
 */
#define PREPARE_MIN 64
#define PREPARE_STYLES 4

struct prepare_job {
    const struct ascii_style *a;
    const char *s;
    size_t len;
    uint64_t hash;
    int weight;
    struct shaped_text *t; /* the result */
};

struct prepare_work {
    struct prepare_job *jobs;
    size_t n;
    atomic_size_t next; /* the next job to take */
};

/* Shapes jobs until none is left. */
static void *prepare_run(void *arg)
{
    struct prepare_work *w = arg;
    hb_buffer_t *b = new_buffer();
    for (size_t i; (i = atomic_fetch_add(&w->next, 1)) < w->n;) {
        struct prepare_job *j = &w->jobs[i];
        j->t = b ? shape_text(b, j->a, j->s, j->len, j->hash, j->weight) : NULL;
    }
    hb_buffer_destroy(b);
    return NULL;
}

/* Whether a job for the text is among jobs[0, n) already (set: indices + 1, cap a power of 2). */
static bool asked_twice(const struct prepare_job *jobs, size_t *set, size_t cap, size_t n)
{
    const struct prepare_job *j = &jobs[n];
    for (size_t i = j->hash & (cap - 1);; i = (i + 1) & (cap - 1)) {
        if (!set[i]) {
            set[i] = n + 1;
            return false;
        }
        const struct prepare_job *o = &jobs[set[i] - 1];
        if (o->hash == j->hash && o->len == j->len && o->weight == j->weight &&
            memcmp(o->s, j->s, j->len) == 0) {
            return true;
        }
    }
}

static void prepare(void *ctx, const struct text_job *in, size_t n)
{
    struct pango_measurer *pm = ctx;
    if (!pm->fast_ascii || n < PREPARE_MIN || !csvchart_cores_spare()) {
        return;
    }
    n = n < TEXTS_MAX / 2 ? n : TEXTS_MAX / 2; /* the rest when measured */
    size_t cap = 64;
    while (cap < 2 * n) {
        cap *= 2;
    }
    struct prepare_job *jobs = malloc(n * sizeof *jobs);
    size_t *set = calloc(cap, sizeof *set);
    /* The styles the threads shape in: copies holding their own reference to the HarfBuzz
     * font, as setting up another style may reuse the slot of one (ASCII_STYLES). */
    struct ascii_style styles[PREPARE_STYLES];
    size_t nstyles = 0, njobs = 0;
    const char *family = in[0].style->family ? in[0].style->family : "";
    use_family(pm, family);
    for (size_t k = 0; jobs && set && pm->cache_family && k < n; k++) {
        const struct text_job *q = &in[k];
        const char *f = q->style->family ? q->style->family : "";
        if (strcmp(f, family) != 0 || q->len > RANGE_TEXT_MAX) {
            continue;
        }
        struct text_style ref = *q->style;
        ref.size_px = REF_PX;
        struct ascii_style *live = ascii_for(pm, &ref);
        if (!live || !direct_text(pm, live, q->s, q->len)) {
            continue;
        }
        const struct ascii_style *a = NULL;
        for (size_t i = 0; i < nstyles && !a; i++) {
            a = styles[i].weight == ref.weight ? &styles[i] : NULL;
        }
        if (!a && nstyles < PREPARE_STYLES) {
            prove_inert(live); /* PREPARE_MIN texts or more: worth it now */
            styles[nstyles] = *live;
            hb_font_reference(styles[nstyles].hb);
            a = &styles[nstyles++];
        }
        uint64_t h = csvchart_text_cache_hash(&ref, q->s, q->len);
        struct shaped_text **slot = text_slot(pm, h, q->s, q->len, ref.weight);
        if (!a || (slot && *slot)) {
            continue;
        }
        jobs[njobs] =
            (struct prepare_job){.a = a, .s = q->s, .len = q->len, .hash = h, .weight = ref.weight};
        njobs += !asked_twice(jobs, set, cap, njobs);
    }
    free(set);
    pthread_t thread;
    struct prepare_work w = {.jobs = jobs, .n = njobs};
    if (njobs >= PREPARE_MIN && pthread_create(&thread, NULL, prepare_run, &w) == 0) {
        prepare_run(&w);
        pthread_join(thread, NULL);
        for (size_t i = 0; i < njobs; i++) {
            if (jobs[i].t) {
                pm->shapings++;
                keep_text(pm, jobs[i].t);
            }
        }
    }
    free(jobs);
    for (size_t i = 0; i < nstyles; i++) {
        hb_font_destroy(styles[i].hb);
    }
}

/*
 * Measures bytes [start, end) of the len bytes at `text` at the style's size: from the cache,
 * else - with `ranges` - from the whole text's shaping where both ends allow a cut, else by
 * shaping them alone; the result is cached at REF_PX.
 */
static void measure_in(struct pango_measurer *pm, const struct text_style *style, const char *text,
                       size_t len, size_t start, size_t end, bool ranges, struct text_metrics *out)
{
    use_family(pm, style->family);
    struct text_style ref = *style;
    ref.size_px = REF_PX;
    double k = style->size_px / REF_PX;
    const char *s = text + start;
    size_t n = end - start;
    uint64_t h = csvchart_text_cache_hash(&ref, s, n);
    const struct cached *e = csvchart_text_cache_slot(&pm->cache, h, &ref, s, n);
    struct text_metrics m;
    if (e && e->hash) {
        m = e->m;
    } else {
        struct ascii_style *a = NULL;
        const struct shaped_text *t = NULL;
        if (ranges && pm->fast_ascii && pm->cache_family && len <= RANGE_TEXT_MAX &&
            (a = ascii_for(pm, &ref)) && direct_text(pm, a, text, len)) {
            t = shaped_text(pm, a, text, len, ref.weight);
        }
        size_t unknown = 0;
        if (t && t->safe[start] && t->safe[end]) {
            m.width = (double)(t->advance[end] - t->advance[start]) / PANGO_SCALE;
            m.ascent = a->ascent;
            m.descent = a->descent;
        } else {
            measure_pango(pm, &ref, s, n, &m, &unknown);
        }
        if (pm->cache_family) {
            csvchart_text_cache_put(&pm->cache, h, &ref, s, n, &m, unknown);
        }
    }
    out->width = m.width * k;
    out->ascent = m.ascent * k;
    out->descent = m.descent * k;
}

static void measure(void *ctx, const struct text_style *style, const char *s, size_t len,
                    struct text_metrics *out)
{
    measure_in(ctx, style, s, len, 0, len, false, out);
}

static void measure_range(void *ctx, const struct text_style *style, const char *text, size_t len,
                          size_t start, size_t end, struct text_metrics *out)
{
    measure_in(ctx, style, text, len, start, end, true, out);
}

/* The prefix widths (text.h) of a direct text, from its whole shaping (shaped_text()). */
static bool prefix_widths(void *ctx, const struct text_style *style, const char *text, size_t len,
                          double *out)
{
    struct pango_measurer *pm = ctx;
    use_family(pm, style->family);
    struct text_style ref = *style;
    ref.size_px = REF_PX;
    /* Wrapping asks once it measured the whole text as a range, which shaped it: found in the
     * table (keyed as shaped_text() keys it), it is a direct text. */
    struct text_style key = {.size_px = REF_PX, .weight = ref.weight};
    struct shaped_text **slot =
        text_slot(pm, csvchart_text_cache_hash(&key, text, len), text, len, ref.weight);
    const struct shaped_text *t = slot ? *slot : NULL;
    struct ascii_style *a = NULL;
    if (!t && pm->fast_ascii && pm->cache_family && len <= RANGE_TEXT_MAX &&
        (a = ascii_for(pm, &ref)) && direct_text(pm, a, text, len)) {
        t = shaped_text(pm, a, text, len, ref.weight);
    }
    if (!t) {
        return false;
    }
    double k = style->size_px / REF_PX; /* as measure_in() scales */
    for (size_t i = 0; i <= len; i++) {
        out[i] = (double)t->advance[i] / PANGO_SCALE * k;
    }
    return true;
}

/* A glyph Pango could not find in any font of the fontset: PANGO_GET_UNKNOWN_GLYPH(cp). */
static bool unknown_glyph(PangoGlyph g)
{
    return (g & PANGO_GLYPH_UNKNOWN_FLAG) && g != PANGO_GLYPH_INVALID_INPUT;
}

static size_t missing(void *ctx, const struct text_style *style, const char *s, size_t len,
                      uint32_t *cps, size_t max)
{
    struct pango_measurer *pm = ctx;
    use_family(pm, style->family);
    struct text_style ref = *style;
    ref.size_px = REF_PX;
    const struct cached *e =
        csvchart_text_cache_slot(&pm->cache, csvchart_text_cache_hash(&ref, s, len), &ref, s, len);
    if (e && e->hash && e->unknown == 0) {
        return 0; /* measured, and nothing was missing: the usual answer */
    }
    layout_text(pm, &ref, s, len);
    size_t n = 0;
    for (GSList *l = pango_layout_get_lines_readonly(pm->layout); l; l = l->next) {
        for (GSList *r = ((PangoLayoutLine *)l->data)->runs; r; r = r->next) {
            const PangoGlyphString *gs = ((PangoGlyphItem *)r->data)->glyphs;
            for (int i = 0; i < gs->num_glyphs; i++) {
                PangoGlyph g = gs->glyphs[i].glyph;
                if (unknown_glyph(g)) {
                    if (n < max) {
                        cps[n] = g & ~PANGO_GLYPH_UNKNOWN_FLAG;
                    }
                    n++;
                }
            }
        }
    }
    return n;
}

/*
 * The generic families of CSS and fontconfig: a request for one is met by whatever font the
 * configuration gives it, so no substitution is worth a word. Compared without case.
 */
static const char *const generic_families[] = {
    "sans-serif", "sans",          "serif",     "monospace",    "mono",
    "cursive",    "fantasy",       "system-ui", "emoji",        "math",
    "fangsong",   "ui-sans-serif", "ui-serif",  "ui-monospace", "ui-rounded",
};

static bool is_generic(const char *name, size_t n)
{
    for (size_t i = 0; i < sizeof generic_families / sizeof generic_families[0]; i++) {
        const char *g = generic_families[i];
        if (strlen(g) == n && g_ascii_strncasecmp(name, g, n) == 0) {
            return true;
        }
    }
    return false;
}

/* A family name as fontconfig compares them: without blanks, case folded (malloc'd, or
 * NULL when out of memory). */
static char *name_key(const char *s, size_t n)
{
    char *bare = malloc(n + 1);
    if (!bare) {
        return NULL;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != ' ') {
            bare[k++] = s[i];
        }
    }
    bare[k] = '\0';
    char *key = g_utf8_validate(bare, (gssize)k, NULL) ? g_utf8_casefold(bare, (gssize)k) : NULL;
    free(bare);
    return key;
}

/* Whether one of the comma-separated names of `family` is the font family `have`. */
static bool names_have(const char *family, const char *have)
{
    char *want = NULL, *got = name_key(have, strlen(have));
    bool same = false;
    for (const char *p = family; got && *p && !same;) {
        size_t n = strcspn(p, ",");
        want = name_key(p, n);
        same = want && strcmp(want, got) == 0;
        g_free(want);
        p += n + (p[n] == ',');
    }
    g_free(got);
    return same;
}

static bool substitute(void *ctx, const char *family, char *used, size_t size)
{
    struct pango_measurer *pm = ctx;
    family = family ? family : "";
    bool named = false; /* a name that is not generic */
    for (const char *p = family; *p;) {
        size_t n = strcspn(p, ",");
        const char *a = p, *b = p + n;
        while (a < b && (*a == ' ' || *a == '\t')) {
            a++;
        }
        while (b > a && (b[-1] == ' ' || b[-1] == '\t')) {
            b--;
        }
        if (is_generic(a, (size_t)(b - a))) {
            return false;
        }
        named = named || b > a;
        p += n + (p[n] == ',');
    }
    if (!named) {
        return false; /* "": Pango's default, as generic as sans-serif */
    }
    use_family(pm, family);
    /* The font that draws printable ASCII in the family, when one does (the ASCII fast path
     * has it loaded): the family's own font when it is installed, else fontconfig's best
     * substitute. Otherwise the first font of the family's fontset, loaded for the purpose
     * (a fontset of its own for Pango: two threads, and fonts matched and sorted again). */
    struct text_style st = {.family = family, .size_px = REF_PX, .weight = 400};
    const struct ascii_style *a = pm->fast_ascii ? ascii_for(pm, &st) : NULL;
    PangoFont *f = NULL;
    if (a) {
        f = g_object_ref(a->item->analysis.font);
    } else {
        PangoFontDescription *d = pango_font_description_new();
        if (!d) {
            return false;
        }
        pango_font_description_set_family(d, family);
        pango_font_description_set_absolute_size(d, REF_PX * PANGO_SCALE);
        f = pango_font_map_load_font(pm->fontmap, pm->context, d);
        pango_font_description_free(d);
    }
    FcPattern *p = f && PANGO_IS_FC_FONT(f) ? pango_fc_font_get_pattern(PANGO_FC_FONT(f)) : NULL;
    bool installed = p == NULL; /* cannot tell: say nothing */
    const char *first = NULL, *english = NULL;
    FcChar8 *have, *lang;
    for (int i = 0; p && !installed && FcPatternGetString(p, FC_FAMILY, i, &have) == FcResultMatch;
         i++) {
        installed = names_have(family, (const char *)have);
        first = first ? first : (const char *)have;
        if (!english && FcPatternGetString(p, FC_FAMILYLANG, i, &lang) == FcResultMatch &&
            strcmp((const char *)lang, "en") == 0) {
            english = (const char *)have;
        }
    }
    bool substituted = !installed && first;
    if (substituted) {
        snprintf(used, size, "%s", english ? english : first);
    }
    if (f) {
        g_object_unref(f);
    }
    return substituted;
}

/*
 * What the font map adds to every request before fontconfig's defaults. Pango's FreeType font
 * map substitutes with fontconfig's default configuration, not the font map's own: under the
 * command (csvchart_text_fonts_claim_process) that is an empty one, so the font map's
 * configuration (the family's short one, text_fonts.c) is applied here; when it is the default
 * itself, Pango has applied it already. Then what cairo adds for the pens (the options of
 * render_cairo.c: antialias grey, hint style none; cairo_ft_font_options_substitute), where the
 * configuration has not set them: the fonts' patterns are then those the pangocairo font map
 * made, which text_fonts_build.c compares with the system's.
 */
static void pen_substitute(FcPattern *p, gpointer data)
{
    FcConfig *config = pango_fc_font_map_get_config(data);
    if (config && config != FcConfigGetCurrent()) {
        FcConfigSubstitute(config, p, FcMatchPattern);
    }
    FcValue v;
    if (FcPatternGet(p, FC_ANTIALIAS, 0, &v) == FcResultNoMatch) {
        FcPatternAddBool(p, FC_ANTIALIAS, FcTrue);
        FcPatternDel(p, FC_RGBA);
        FcPatternAddInteger(p, FC_RGBA, FC_RGBA_NONE);
    }
    if (FcPatternGet(p, FC_RGBA, 0, &v) == FcResultNoMatch) {
        FcPatternAddInteger(p, FC_RGBA, FC_RGBA_NONE);
    }
    if (FcPatternGet(p, FC_HINTING, 0, &v) == FcResultNoMatch) {
        FcPatternAddBool(p, FC_HINTING, FcFalse);
    }
    if (FcPatternGet(p, FC_HINT_STYLE, 0, &v) == FcResultNoMatch) {
        FcPatternAddInteger(p, FC_HINT_STYLE, FC_HINT_NONE);
    }
}

void *csvchart_text_pango_fontmap_new(const char *family)
{
    PangoFontMap *fm = pango_ft2_font_map_new();
    if (!fm) {
        return NULL;
    }
    FcConfig *config = family ? csvchart_text_fonts_config(family) : NULL;
    if (config) { /* while it has no fonts: see FONT_MAPS */
        pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fm), config);
    }
    /* The resolution of pangocairo's font maps: fontconfig's point sizes (FC_SIZE) and FC_DPI
     * as they were. Sizes are asked in px (absolute), so it does not change a font's size. */
    pango_ft2_font_map_set_resolution(PANGO_FT2_FONT_MAP(fm), 96, 96);
    pango_fc_font_map_set_default_substitute(PANGO_FC_FONT_MAP(fm), pen_substitute, fm, NULL);
    return fm;
}

csvchart_text_measurer *csvchart_text_pango_new(void)
{
    struct pango_measurer *pm = calloc(1, sizeof *pm);
    if (!pm) {
        return NULL;
    }
    pm->base.ctx = pm;
    pm->base.measure = measure;
    pm->base.measure_range = measure_range;
    pm->base.prepare = prepare;
    pm->base.prefix_widths = prefix_widths;
    pm->base.substitute = substitute;
    pm->base.missing = missing;
    pm->fontmap = csvchart_text_pango_fontmap_new(NULL); /* configured by the first family */
    if (!pm->fontmap) {
        goto fail;
    }
    pm->maps[0].map = pm->fontmap;
    pm->maps[0].config = &unconfigured;
    pm->context = pango_font_map_create_context(pm->fontmap);
    if (!pm->context) {
        goto fail;
    }
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

void *csvchart_text_pango_fontmap(const csvchart_text_measurer *m, const char *family)
{
    if (!m || m->measure != measure) {
        return NULL;
    }
    return fontmap_for(m->ctx, family ? family : "");
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
    for (size_t i = 0; i < FONT_MAPS; i++) {
        if (pm->maps[i].map) {
            g_object_unref(pm->maps[i].map);
        }
    }
    for (size_t i = 0; i < ASCII_STYLES; i++) {
        ascii_free(&pm->ascii[i]);
    }
    if (pm->glyphs) {
        pango_glyph_string_free(pm->glyphs);
    }
    hb_buffer_destroy(pm->buffer); // accepts NULL
    forget_texts(pm);
    free(pm->texts);
    free(pm->family);
    free(pm->cache_family);
    csvchart_text_cache_fini(&pm->cache);
    free(pm);
}

void csvchart_text_pango_set_fast_ascii(csvchart_text_measurer *m, bool on)
{
    struct pango_measurer *pm = m->ctx;
    pm->fast_ascii = on;
    csvchart_text_cache_clear(&pm->cache);
    forget_texts(pm);
}

size_t csvchart_text_pango_shapings(const csvchart_text_measurer *m)
{
    return ((const struct pango_measurer *)m->ctx)->shapings;
}
