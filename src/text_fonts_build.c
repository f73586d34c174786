/*
 * text_fonts_build.c - steps 1 to 3 of text_fonts.c: the short fontconfig configuration of one
 * family, made with the system's configuration loaded, and checked.
 *
 *   1. probe(): Pango is asked for the fontsets of the family in every context the library
 *      uses (the font map's matrix at the measurer's and pens' scale 1, PNG's 2x and PDF's
 *      points; weights 400 and 700; 11 and 64 px), and each font's final pattern is recorded;
 *   2. put_config(), put_font_rules(): the configuration in XML - the system's cache
 *      folders, the folders of the chain's files and only those files, a request of either weight
 *      sorted by file in the chain's order, and per chain font and weight the edits the
 *      system's rules made to its final pattern that the short configuration lacks;
 *   3. csvchart_fonts_build(): the same probes through the new configuration, every pattern
 * compared with the system's (FcPatternEqual); only when all are equal is the configuration kept.
 * Whether to csvchart_fonts_build, and the cache of what was built, are text_fonts.c's
 * (text_fonts.h).
 */
#include "text_fonts.h"

#include <pango/pangofc-font.h>
#include <pango/pangofc-fontmap.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* ---- Asking Pango: the final patterns of every font of every probe ------------------------- */

/* One probe: a context as one of the library's (measurer or pen), a weight and a size. */
struct probe_result {
    GPtrArray *patterns; /* FcPattern *, referenced, in the fontset's order */
};

static gboolean collect(PangoFontset *fs, PangoFont *font, gpointer data)
{
    (void)fs;
    GPtrArray *a = data;
    FcPattern *p = PANGO_IS_FC_FONT(font) ? pango_fc_font_get_pattern(PANGO_FC_FONT(font)) : NULL;
    if (p) {
        FcPatternReference(p);
    }
    g_ptr_array_add(a, p);
    return FALSE;
}

/* The matrices fonts are loaded for: the measurer's and a pen's at scale 1, PNG at 2x, PDF
 * (which draws in points: 0.75 of a px). The font map makes the same patterns for every surface
 * (text_pango.c), so the matrix is all that differs between the library's contexts. */
static const double probe_scales[] = {1, 2, 0.75};
#define NSCALES (sizeof probe_scales / sizeof probe_scales[0])
#define NPROBES ((int)NSCALES * 2 * 2)

static void pattern_unref(gpointer p)
{
    if (p) {
        FcPatternDestroy(p);
    }
}

/*
 * Fills results[NPROBES] with the fontsets Pango loads for `family` through `config`, in the
 * contexts text_pango.c and render_cairo.c make (the same font map, the same matrices). False
 * when out of memory or when something could not be set up.
 */
static bool probe(FcConfig *config, const char *family, GPtrArray *results[NPROBES])
{
    PangoFontMap *fm = csvchart_text_pango_fontmap_new(NULL);
    if (!fm) {
        return false;
    }
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fm), config);
    bool ok = true;
    int k = 0;
    for (size_t sc = 0; sc < NSCALES && ok; sc++) {
        PangoContext *ctx = pango_font_map_create_context(fm);
        pango_context_set_round_glyph_positions(ctx, FALSE);
        PangoMatrix m = PANGO_MATRIX_INIT;
        pango_matrix_scale(&m, probe_scales[sc], probe_scales[sc]);
        pango_context_set_matrix(ctx, &m);
        for (int weight = 0; weight < 2; weight++) {
            for (int size = 0; size < 2; size++, k++) {
                PangoFontDescription *d = pango_font_description_new();
                pango_font_description_set_family(d, family);
                pango_font_description_set_absolute_size(d, (size ? 64 : 11) * PANGO_SCALE);
                pango_font_description_set_weight(d,
                                                  weight ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
                PangoFontset *fs =
                    pango_font_map_load_fontset(fm, ctx, d, pango_context_get_language(ctx));
                results[k] = g_ptr_array_new_with_free_func(pattern_unref);
                if (fs) {
                    pango_fontset_foreach(fs, collect, results[k]);
                    g_object_unref(fs);
                } else {
                    ok = false;
                }
                pango_font_description_free(d);
            }
        }
        g_object_unref(ctx);
    }
    for (; k < NPROBES; k++) {
        results[k] = g_ptr_array_new();
    }
    g_object_unref(fm);
    return ok;
}

static void probes_free(GPtrArray *r[NPROBES])
{
    for (int i = 0; i < NPROBES; i++) {
        if (r[i]) {
            g_ptr_array_unref(r[i]);
        }
    }
}

/* Probe k's weight: 0 (400) or 1 (700); see the loops in probe(). */
static int probe_weight(int k)
{
    return (k / 2) % 2;
}

static const char *file_of(FcPattern *p)
{
    FcChar8 *f = NULL;
    return p && FcPatternGetString(p, FC_FILE, 0, &f) == FcResultMatch ? (const char *)f : NULL;
}

/* ---- Writing the configuration -------------------------------------------------------------- */

/* A value as fontconfig XML; false for a type this does not write. */
static bool put_value(struct buf *b, FcValue v)
{
    switch (v.type) {
    case FcTypeInteger:
        csvchart_fonts_putf(b, "<int>%d</int>", v.u.i);
        return true;
    case FcTypeDouble:
        csvchart_fonts_putf(b, "<double>%.17g</double>", v.u.d);
        return true;
    case FcTypeBool:
        csvchart_fonts_puts(b, v.u.b ? "<bool>true</bool>" : "<bool>false</bool>");
        return true;
    case FcTypeString:
        csvchart_fonts_puts(b, "<string>");
        csvchart_fonts_put_xml(b, (const char *)v.u.s);
        csvchart_fonts_puts(b, "</string>");
        return true;
    case FcTypeMatrix:
        csvchart_fonts_putf(
            b,
            "<matrix><double>%.17g</double><double>%.17g</double><double>%.17g</double>"
            "<double>%.17g</double></matrix>",
            v.u.m->xx, v.u.m->xy, v.u.m->yx, v.u.m->yy);
        return true;
    default:
        return false;
    }
}

static int values_count(FcPattern *p, const char *object)
{
    FcValue v;
    int n = 0;
    while (FcPatternGet(p, object, n, &v) == FcResultMatch) {
        n++;
    }
    return n;
}

static bool same_values(FcPattern *a, FcPattern *b, const char *object)
{
    int n = values_count(a, object);
    if (n != values_count(b, object)) {
        return false;
    }
    for (int i = 0; i < n; i++) {
        FcValue x, y;
        FcPatternGet(a, object, i, &x);
        FcPatternGet(b, object, i, &y);
        if (!FcValueEqual(x, y)) {
            return false;
        }
    }
    return true;
}

/*
 * The edits that turn `got` (the short configuration's pattern for a chain font) into `want`
 * (the system's): each a string, appended to `edits`. False when a value cannot be written.
 */
static bool font_edits(GPtrArray *edits, FcPattern *want, FcPattern *got)
{
    bool ok = true;
    for (int pass = 0; pass < 2 && ok; pass++) {
        FcPattern *a = pass ? got : want, *b = pass ? want : got;
        FcPatternIter it;
        FcPatternIterStart(a, &it);
        if (!FcPatternIterIsValid(a, &it)) {
            continue;
        }
        do {
            const char *obj = FcPatternIterGetObject(a, &it);
            struct buf e = {0};
            if (pass == 0 && !same_values(want, got, obj)) {
                csvchart_fonts_putf(
                    &e, "<edit name=\"%s\" mode=\"assign_replace\" binding=\"strong\">", obj);
                for (int i = 0; i < values_count(want, obj) && ok; i++) {
                    FcValue v;
                    FcPatternGet(want, obj, i, &v);
                    ok = put_value(&e, v);
                }
                csvchart_fonts_puts(&e, "</edit>");
            } else if (pass == 1 && values_count(b, obj) == 0) {
                csvchart_fonts_putf(&e, "<edit name=\"%s\" mode=\"delete_all\"/>", obj);
            }
            ok = ok && !e.nomem;
            if (ok && e.len) {
                g_ptr_array_add(edits, e.items);
            } else {
                free(e.items);
            }
        } while (ok && FcPatternIterNext(a, &it));
    }
    return ok;
}

static bool has_edit(GPtrArray *edits, const char *e)
{
    for (guint i = 0; i < edits->len; i++) {
        if (strcmp(edits->pdata[i], e) == 0) {
            return true;
        }
    }
    return false;
}

/*
 * The font rules of one weight: the edits every chain font needs in one rule (hinting and
 * antialiasing, usually), then one rule per font for the rest (synthetic bold...), each for
 * the font's file and index. got[i] and want[i] are the chain's patterns.
 */
static bool put_font_rules(struct buf *rules, GPtrArray *want, GPtrArray *got, int fc_weight)
{
    GPtrArray **edits = calloc(want->len ? want->len : 1, sizeof *edits);
    bool ok = edits != NULL;
    for (guint i = 0; ok && i < want->len; i++) {
        edits[i] = g_ptr_array_new_with_free_func(free);
        ok = got->pdata[i] && want->pdata[i] && font_edits(edits[i], want->pdata[i], got->pdata[i]);
    }
    GPtrArray *common = g_ptr_array_new();
    for (guint k = 0; ok && want->len && k < edits[0]->len; k++) {
        bool all = true;
        for (guint i = 1; all && i < want->len; i++) {
            all = has_edit(edits[i], edits[0]->pdata[k]);
        }
        if (all) {
            g_ptr_array_add(common, edits[0]->pdata[k]);
        }
    }
    if (ok && common->len) {
        csvchart_fonts_putf(
            rules,
            "<match target=\"font\"><test target=\"pattern\" name=\"weight\"><int>%d"
            "</int></test>",
            fc_weight);
        for (guint k = 0; k < common->len; k++) {
            csvchart_fonts_puts(rules, common->pdata[k]);
        }
        csvchart_fonts_puts(rules, "</match>\n");
    }
    for (guint i = 0; ok && i < want->len; i++) {
        bool any = false;
        for (guint k = 0; k < edits[i]->len; k++) {
            if (has_edit(common, edits[i]->pdata[k])) {
                continue;
            }
            if (!any) {
                FcChar8 *file = NULL;
                int index = 0;
                FcPatternGetString(want->pdata[i], FC_FILE, 0, &file);
                FcPatternGetInteger(want->pdata[i], FC_INDEX, 0, &index);
                csvchart_fonts_puts(rules, "<match target=\"font\"><test name=\"file\"><string>");
                csvchart_fonts_put_xml(rules, (const char *)file);
                csvchart_fonts_putf(
                    rules,
                    "</string></test><test name=\"index\"><int>%d</int></test><test "
                    "target=\"pattern\" name=\"weight\"><int>%d</int></test>",
                    index, fc_weight);
                any = true;
            }
            csvchart_fonts_puts(rules, edits[i]->pdata[k]);
        }
        if (any) {
            csvchart_fonts_puts(rules, "</match>\n");
        }
    }
    g_ptr_array_free(common, TRUE);
    for (guint i = 0; edits && i < want->len; i++) {
        if (edits[i]) {
            g_ptr_array_unref(edits[i]);
        }
    }
    free(edits);
    return ok && !rules->nomem;
}

/* The XML of a configuration with the system's fonts and folders, the chains' files accepted
 * and sorted first, and `rules`. Empty (len 0) when a path cannot be written as a glob. */
static void put_config(struct buf *x, FcConfig *sys, GPtrArray *sysr[NPROBES], const char *rules)
{
    static const int fc_weights[2] = {FC_WEIGHT_REGULAR, FC_WEIGHT_BOLD};
    csvchart_fonts_puts(x, "<?xml version=\"1.0\"?>\n<fontconfig>\n");
    FcStrList *l = FcConfigGetCacheDirs(sys);
    FcChar8 *s;
    while (l && (s = FcStrListNext(l))) {
        csvchart_fonts_puts(x, "<cachedir>");
        csvchart_fonts_put_xml(x, (const char *)s);
        csvchart_fonts_puts(x, "</cachedir>\n");
    }
    if (l) {
        FcStrListDone(l);
    }
    /* Only the folders of the chains' files, and in them only those files: any other font
     * adds no coverage (the chains are fontconfig's trimmed sort), and fewer folders load and
     * fewer fonts sort faster. */
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (int k = 0; k < NPROBES; k++) {
        for (guint i = 0; i < sysr[k]->len; i++) {
            const char *f = file_of(sysr[k]->pdata[i]);
            if (!f || strpbrk(f, "*?[]\\")) {
                x->len = 0;
                g_hash_table_destroy(seen);
                return;
            }
            char *dir = g_path_get_dirname(f);
            if (!g_hash_table_contains(seen, dir)) {
                csvchart_fonts_puts(x, "<dir>");
                csvchart_fonts_put_xml(x, dir);
                csvchart_fonts_puts(x, "</dir>\n");
                g_hash_table_add(seen, dir);
            } else {
                g_free(dir);
            }
        }
    }
    g_hash_table_remove_all(seen);
    csvchart_fonts_puts(x, "<selectfont><rejectfont><glob>*</glob></rejectfont><acceptfont>");
    for (int k = 0; k < NPROBES; k++) {
        for (guint i = 0; i < sysr[k]->len; i++) {
            const char *f = file_of(sysr[k]->pdata[i]);
            if (!g_hash_table_contains(seen, f)) {
                g_hash_table_add(seen, g_strdup(f));
                csvchart_fonts_puts(x, "<glob>");
                csvchart_fonts_put_xml(x, f);
                csvchart_fonts_puts(x, "</glob>");
            }
        }
    }
    g_hash_table_destroy(seen);
    csvchart_fonts_puts(x, "</acceptfont></selectfont>\n");
    /* Requests sort by file, in the chain's order, per weight (probes 0 and 2 are the
     * measurer's, weights 400 and 700): the file is the element fontconfig matches first, and
     * an exact file name beats any other, so the list's order is the sort's. (The PostScript
     * name, cheaper to compare, matches as a prefix: "DejaVuSans" would take DejaVuSansMono.) */
    for (int w = 0; w < 2; w++) {
        GPtrArray *chain = sysr[w * 2];
        csvchart_fonts_putf(
            x,
            "<match target=\"pattern\"><test name=\"weight\"><int>%d</int></test><edit "
            "name=\"file\" mode=\"assign_replace\" binding=\"strong\">",
            fc_weights[w]);
        for (guint i = 0; i < chain->len; i++) {
            csvchart_fonts_puts(x, "<string>");
            csvchart_fonts_put_xml(x, file_of(chain->pdata[i]));
            csvchart_fonts_puts(x, "</string>");
        }
        csvchart_fonts_puts(x, "</edit></match>\n");
    }
    csvchart_fonts_puts(x, rules);
    csvchart_fonts_puts(x, "</fontconfig>\n");
}

FcConfig *csvchart_fonts_config_from_xml(const char *xml)
{
    FcConfig *c = FcConfigCreate();
    if (!c) {
        return NULL;
    }
    if (!FcConfigParseAndLoadFromMemory(c, (const FcChar8 *)xml, FcFalse) ||
        !FcConfigBuildFonts(c)) {
        FcConfigDestroy(c);
        return NULL;
    }
    return c;
}

static bool same_probes(GPtrArray *a[NPROBES], GPtrArray *b[NPROBES])
{
    for (int k = 0; k < NPROBES; k++) {
        if (a[k]->len != b[k]->len || a[k]->len == 0) {
            return false;
        }
        for (guint i = 0; i < a[k]->len; i++) {
            if (!a[k]->pdata[i] || !b[k]->pdata[i] ||
                !FcPatternEqual(a[k]->pdata[i], b[k]->pdata[i])) {
                return false;
            }
        }
    }
    return true;
}

/*
 * Steps 1-3 of the file comment: the XML of a short configuration for `family` that gives
 * Pango the very patterns `sys` gives it, into *xml, and a "dep" line for each font file it
 * holds into *deps (a font rewritten in place, its folder unchanged, makes it again); false
 * when there is none.
 */
bool csvchart_fonts_build(FcConfig *sys, const char *family, struct buf *xml, struct buf *deps)
{
    static const int fc_weights[2] = {FC_WEIGHT_REGULAR, FC_WEIGHT_BOLD};
    GPtrArray *sysr[NPROBES] = {0}, *r0[NPROBES] = {0}, *r1[NPROBES] = {0};
    struct buf rules = {0}, x0 = {0};
    FcConfig *c0 = NULL, *c1 = NULL;
    bool ok = probe(sys, family, sysr);
    /* Every context must sort a weight alike (the rules are per weight). */
    for (int k = 0; ok && k < NPROBES; k++) {
        GPtrArray *ref = sysr[probe_weight(k) * 2];
        ok = sysr[k]->len == ref->len;
        for (guint i = 0; ok && i < ref->len; i++) {
            ok = file_of(sysr[k]->pdata[i]) && file_of(ref->pdata[i]) &&
                 strcmp(file_of(sysr[k]->pdata[i]), file_of(ref->pdata[i])) == 0;
        }
    }
    if (ok) {
        put_config(&x0, sys, sysr, "");
        ok = x0.len > 0 && !x0.nomem && (c0 = csvchart_fonts_config_from_xml(x0.items)) &&
             probe(c0, family, r0);
    }
    /* The rules: what differs between the short configuration's patterns and the system's,
     * the same in every context (else no short configuration can give both). */
    for (int k = 0; ok && k < NPROBES; k++) {
        ok = r0[k]->len == sysr[k]->len;
    }
    for (int w = 0; ok && w < 2; w++) {
        ok = put_font_rules(&rules, sysr[w * 2], r0[w * 2], fc_weights[w]);
    }
    if (ok) {
        put_config(xml, sys, sysr, rules.items ? rules.items : "");
        ok = xml->len > 0 && !xml->nomem && (c1 = csvchart_fonts_config_from_xml(xml->items)) &&
             probe(c1, family, r1) && same_probes(sysr, r1);
    }
    GHashTable *seen = ok ? g_hash_table_new(g_str_hash, g_str_equal) : NULL;
    for (int k = 0; ok && k <= 2; k += 2) { /* the chains of both weights, each file once */
        for (guint i = 0; i < sysr[k]->len; i++) {
            const char *f = file_of(sysr[k]->pdata[i]);
            if (!g_hash_table_contains(seen, f)) {
                g_hash_table_add(seen, (gpointer)f);
                csvchart_fonts_put_dep(deps, f);
            }
        }
    }
    if (seen) {
        g_hash_table_destroy(seen);
    }
    probes_free(sysr);
    probes_free(r0);
    probes_free(r1);
    if (c0) {
        FcConfigDestroy(c0);
    }
    if (c1) {
        FcConfigDestroy(c1);
    }
    free(rules.items);
    free(x0.items);
    return ok;
}
