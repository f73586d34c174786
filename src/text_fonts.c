/*
 * text_fonts.c - a small fontconfig configuration per font family, built once and cached on
 * disk, so that a figure does not parse the system's fontconfig XML on every run (text.h).
 *
 * Pipeline position: text stage, beside text_pango.c; only text_pango.c calls it.
 *
 * Why: fontconfig's start-up (FcInit: some 35 XML files of aliases, language rules and
 * rendering settings, through expat) was 24 M of the 53 M instructions of a whole SVG run,
 * about 6 ms. A figure uses one family; what fontconfig tells Pango about it is short: for
 * each request (weight 400 or 700) the sorted list of fonts that can draw some character
 * (the "chain": the requested face, then the fallbacks that add coverage - DejaVu, CJK...),
 * and for each of them the pattern Pango and cairo read (file, index, size, hinting,
 * antialiasing, synthetic emboldening...).
 *
 * How: the first time a family is asked for, with the system's configuration loaded,
 *   1. Pango itself is asked for the fontsets of the family in every context the library uses
 *      (the measurer's, and the pens of PNG at scale 1 and 2, PDF and SVG paths; weights 400
 *      and 700; 11 and 64 px), and each font's final pattern is recorded;
 *   2. a configuration is written in XML that holds the system's font directories and cache
 *      folders, accepts only the chain's files, and sorts a request of either weight by file
 *      (the strongest element fontconfig matches on) in the chain's order; then, per chain
 *      font and weight, rules that assign whatever the system's rules set in the final
 *      pattern (hinting, antialiasing, embolden...) and that the short configuration lacks
 *      (the edits every font of a weight needs in one rule);
 *   3. the same fontsets are asked of Pango through the new configuration and every pattern
 *      is compared with the system's (FcPatternEqual). Only when all are equal is the
 *      configuration used and cached; otherwise the family is cached as "use the system's",
 *      so the check is not repeated on every run. Other sizes are trusted to behave like 11
 *      and 64 px: a system rule that depended on the size with a threshold outside that
 *      range (Debian's do not depend on it) would go unseen.
 * The cache file (under $XDG_CACHE_HOME/csvchart, else ~/.cache/csvchart) names the family,
 * language and program name it was made for, and every file and folder it depends on - each
 * configuration file and folder fontconfig read, the user configuration paths it would read
 * if they existed, every font folder, and every font file of the chains - with its device,
 * inode, size and modification time; any change, and the cache is made again. Outputs are
 * identical either way (checked in step 3, and by the tests, which render with and without
 * it). CSVCHART_FONT_CACHE=0 turns it off; so does any FONTCONFIG_* variable (a configuration
 * chosen by hand is left alone).
 *
 * Configurations are built once per process and family and shared by every thread (fontconfig
 * configurations are read-only once built); a mutex guards the table.
 */
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-font.h>
#include <pango/pangofc-fontmap.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "array.h"
#include "error.h"
#include "text.h"

#define CACHE_MAGIC "csvchart-fonts 1"

/* ---- The process-wide table ----------------------------------------------------------------- */

struct family_config {
    char *family;
    FcConfig *config; /* NULL: fontconfig's default */
};

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static struct family_config *table;
static size_t table_len, table_cap;
static FcConfig *system_config; /* loaded on demand, kept */
static bool claimed;            /* the CLI owns fontconfig's default configuration */

/* ---- Small helpers ----------------------------------------------------------------------------
 */

struct buf {
    char *items;
    size_t len, cap;
    bool nomem;
};

static void put(struct buf *b, const char *s, size_t n)
{
    if (b->nomem || !csvchart_array_reserve((void **)&b->items, &b->cap, b->len + n + 1, 1)) {
        b->nomem = true;
        return;
    }
    memcpy(b->items + b->len, s, n);
    b->len += n;
    b->items[b->len] = '\0';
}

static void puts_(struct buf *b, const char *s)
{
    put(b, s, strlen(s));
}

static void putf(struct buf *b, const char *fmt, ...) CSVCHART_PRINTF(2, 3);
static void putf(struct buf *b, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->nomem = true;
    } else if ((size_t)n < sizeof small) {
        put(b, small, (size_t)n);
    } else {
        char *big = malloc((size_t)n + 1);
        if (!big) {
            b->nomem = true;
            return;
        }
        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
        put(b, big, (size_t)n);
        free(big);
    }
}

/* XML character data or attribute text. */
static void put_xml(struct buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&':
            puts_(b, "&amp;");
            break;
        case '<':
            puts_(b, "&lt;");
            break;
        case '>':
            puts_(b, "&gt;");
            break;
        case '"':
            puts_(b, "&quot;");
            break;
        case '\'':
            puts_(b, "&apos;");
            break;
        default:
            put(b, s, 1);
        }
    }
}

/* One line of the cache's header, with anything that could break a line escaped (%XX). */
static void put_field(struct buf *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p <= ' ' || *p == '%' || *p == 0x7f) {
            putf(b, "%%%02X", *p);
        } else {
            put(b, (const char *)p, 1);
        }
    }
}

static uint64_t fnv(uint64_t h, const char *s)
{
    for (; s && *s; s++) {
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    }
    return (h ^ 0xff) * 1099511628211u;
}

/* ---- What a cache depends on ---------------------------------------------------------------- */

/* "dep DEV INO SIZE SEC NSEC PATH" or "dep - - - - - PATH" for a path that does not exist. */
static void put_dep(struct buf *b, const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0) {
        putf(b, "dep %llu %llu %llu %lld %ld ", (unsigned long long)st.st_dev,
             (unsigned long long)st.st_ino, (unsigned long long)st.st_size,
             (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec);
    } else {
        puts_(b, "dep - - - - - ");
    }
    put_field(b, path);
    puts_(b, "\n");
}

static void put_str_list(struct buf *b, FcStrList *list)
{
    FcChar8 *s;
    if (!list) {
        b->nomem = true; /* cannot list: no cache */
        return;
    }
    while ((s = FcStrListNext(list))) {
        put_dep(b, (const char *)s);
    }
    FcStrListDone(list);
}

/* The user configuration fontconfig would read if it existed (fonts.conf's <include>s). */
static void put_user_deps(struct buf *b)
{
    const char *home = getenv("HOME"), *xdg = getenv("XDG_CONFIG_HOME");
    char path[4096];
    if (xdg && *xdg) {
        snprintf(path, sizeof path, "%s/fontconfig/fonts.conf", xdg);
        put_dep(b, path);
        snprintf(path, sizeof path, "%s/fontconfig/conf.d", xdg);
        put_dep(b, path);
    }
    if (home && *home) {
        snprintf(path, sizeof path, "%s/.config/fontconfig/fonts.conf", home);
        put_dep(b, path);
        snprintf(path, sizeof path, "%s/.config/fontconfig/conf.d", home);
        put_dep(b, path);
        snprintf(path, sizeof path, "%s/.fonts.conf", home);
        put_dep(b, path);
        snprintf(path, sizeof path, "%s/.fonts.conf.d", home);
        put_dep(b, path);
    }
}

/* Every dependency of the system configuration, as "dep" lines. */
static void put_deps(struct buf *b, FcConfig *sys)
{
    put_str_list(b, FcConfigGetConfigFiles(sys));
    put_str_list(b, FcConfigGetConfigDirs(sys));
    put_str_list(b, FcConfigGetFontDirs(sys));
    put_user_deps(b);
}

/* ---- The key: what the cache was made for ---------------------------------------------------- */

/* The language Pango asks fontconfig for, and the program name fontconfig adds to patterns. */
static void put_key(struct buf *b, const char *family)
{
    puts_(b, CACHE_MAGIC "\nfamily ");
    put_field(b, family);
    puts_(b, "\nlang ");
    put_field(b, pango_language_to_string(pango_language_get_default()));
    FcPattern *p = FcPatternCreate();
    FcChar8 *prg = NULL;
    if (p) {
        FcDefaultSubstitute(p);
        FcPatternGetString(p, FC_PRGNAME, 0, &prg);
    }
    puts_(b, "\nprgname ");
    put_field(b, prg ? (const char *)prg : "");
    puts_(b, "\n");
    if (p) {
        FcPatternDestroy(p);
    }
}

static bool disabled(void)
{
    const char *v = getenv("CSVCHART_FONT_CACHE");
    if (v && strcmp(v, "0") == 0) {
        return true;
    }
    return getenv("FONTCONFIG_FILE") || getenv("FONTCONFIG_PATH") || getenv("FONTCONFIG_SYSROOT");
}

/* The cache file of a key (malloc'd), or NULL without a home. */
static char *cache_path(const char *key)
{
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    char dir[4096];
    if (xdg && xdg[0] == '/') {
        snprintf(dir, sizeof dir, "%s/csvchart", xdg);
    } else if (home && home[0] == '/') {
        snprintf(dir, sizeof dir, "%s/.cache/csvchart", home);
    } else {
        return NULL;
    }
    size_t n = strlen(dir) + 40;
    char *path = malloc(n);
    if (path) {
        snprintf(path, n, "%s/fonts-%016llx", dir,
                 (unsigned long long)fnv(1469598103934665603u, key));
    }
    return path;
}

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

#define NSURFACES 4 /* measurer, PNG (also at 2x), PDF, SVG through cairo */
#define NPROBES (NSURFACES * 2 * 2 * 2)

static void pattern_unref(gpointer p)
{
    if (p) {
        FcPatternDestroy(p);
    }
}

/*
 * Fills results[NPROBES] with the fontsets Pango loads for `family` through `config`, in the
 * contexts text_pango.c and render.c make (same font options, same surfaces). False when out
 * of memory or when something could not be set up.
 */
static bool probe(FcConfig *config, const char *family, GPtrArray *results[NPROBES])
{
    PangoFontMap *fm = pango_cairo_font_map_new();
    if (!fm) {
        return false;
    }
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fm), config);
    bool ok = true;
    int k = 0;
    for (int surf = 0; surf < NSURFACES && ok; surf++) {
        for (int scale = 1; scale <= 2; scale++) {
            cairo_surface_t *target = NULL;
            if (surf == 1) {
                target = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 4, 4);
            } else if (surf == 2) {
                target = cairo_pdf_surface_create_for_stream(NULL, NULL, 4, 4);
            } else if (surf == 3) {
                target = cairo_svg_surface_create_for_stream(NULL, NULL, 4, 4);
            }
            cairo_t *cr = target ? cairo_create(target) : NULL;
            PangoContext *ctx = pango_font_map_create_context(fm);
            cairo_font_options_t *fo = cairo_font_options_create();
            cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
            cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
            if (surf == 1) {
                cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
            }
            pango_cairo_context_set_font_options(ctx, fo);
            pango_context_set_round_glyph_positions(ctx, FALSE);
            if (cr) {
                cairo_scale(cr, scale, scale);
                cairo_set_font_options(cr, fo);
                pango_cairo_update_context(cr, ctx);
            } else if (scale == 2) {
                PangoMatrix m = PANGO_MATRIX_INIT;
                pango_matrix_scale(&m, 2, 2);
                pango_context_set_matrix(ctx, &m);
            }
            cairo_font_options_destroy(fo);
            for (int weight = 0; weight < 2; weight++) {
                for (int size = 0; size < 2; size++, k++) {
                    PangoFontDescription *d = pango_font_description_new();
                    pango_font_description_set_family(d, family);
                    pango_font_description_set_absolute_size(d, (size ? 64 : 11) * PANGO_SCALE);
                    pango_font_description_set_weight(d, weight ? PANGO_WEIGHT_BOLD
                                                                : PANGO_WEIGHT_NORMAL);
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
            if (cr) {
                cairo_destroy(cr);
            }
            if (target) {
                cairo_surface_finish(target);
                cairo_surface_destroy(target);
            }
        }
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
        putf(b, "<int>%d</int>", v.u.i);
        return true;
    case FcTypeDouble:
        putf(b, "<double>%.17g</double>", v.u.d);
        return true;
    case FcTypeBool:
        puts_(b, v.u.b ? "<bool>true</bool>" : "<bool>false</bool>");
        return true;
    case FcTypeString:
        puts_(b, "<string>");
        put_xml(b, (const char *)v.u.s);
        puts_(b, "</string>");
        return true;
    case FcTypeMatrix:
        putf(b,
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
                putf(&e, "<edit name=\"%s\" mode=\"assign_replace\" binding=\"strong\">", obj);
                for (int i = 0; i < values_count(want, obj) && ok; i++) {
                    FcValue v;
                    FcPatternGet(want, obj, i, &v);
                    ok = put_value(&e, v);
                }
                puts_(&e, "</edit>");
            } else if (pass == 1 && values_count(b, obj) == 0) {
                putf(&e, "<edit name=\"%s\" mode=\"delete_all\"/>", obj);
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
        putf(rules,
             "<match target=\"font\"><test target=\"pattern\" name=\"weight\"><int>%d"
             "</int></test>",
             fc_weight);
        for (guint k = 0; k < common->len; k++) {
            puts_(rules, common->pdata[k]);
        }
        puts_(rules, "</match>\n");
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
                puts_(rules, "<match target=\"font\"><test name=\"file\"><string>");
                put_xml(rules, (const char *)file);
                putf(rules,
                     "</string></test><test name=\"index\"><int>%d</int></test><test "
                     "target=\"pattern\" name=\"weight\"><int>%d</int></test>",
                     index, fc_weight);
                any = true;
            }
            puts_(rules, edits[i]->pdata[k]);
        }
        if (any) {
            puts_(rules, "</match>\n");
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
    puts_(x, "<?xml version=\"1.0\"?>\n<fontconfig>\n");
    FcStrList *l = FcConfigGetCacheDirs(sys);
    FcChar8 *s;
    while (l && (s = FcStrListNext(l))) {
        puts_(x, "<cachedir>");
        put_xml(x, (const char *)s);
        puts_(x, "</cachedir>\n");
    }
    if (l) {
        FcStrListDone(l);
    }
    l = FcConfigGetFontDirs(sys);
    while (l && (s = FcStrListNext(l))) {
        puts_(x, "<dir>");
        put_xml(x, (const char *)s);
        puts_(x, "</dir>\n");
    }
    if (l) {
        FcStrListDone(l);
    }
    /* Only the chains' files: any other font adds no coverage (the chains are fontconfig's
     * trimmed sort), and fewer fonts sort faster. */
    puts_(x, "<selectfont><rejectfont><glob>*</glob></rejectfont><acceptfont>");
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    for (int k = 0; k < NPROBES; k++) {
        for (guint i = 0; i < sysr[k]->len; i++) {
            const char *f = file_of(sysr[k]->pdata[i]);
            if (!f || strpbrk(f, "*?[]\\")) {
                x->len = 0;
                g_hash_table_destroy(seen);
                return;
            }
            if (!g_hash_table_contains(seen, f)) {
                g_hash_table_add(seen, (gpointer)f);
                puts_(x, "<glob>");
                put_xml(x, f);
                puts_(x, "</glob>");
            }
        }
    }
    g_hash_table_destroy(seen);
    puts_(x, "</acceptfont></selectfont>\n");
    /* Requests sort by file, in the chain's order, per weight (probes 0 and 2 are the
     * measurer's, weights 400 and 700): the file is the element fontconfig matches first, and
     * an exact file name beats any other, so the list's order is the sort's. (The PostScript
     * name, cheaper to compare, matches as a prefix: "DejaVuSans" would take DejaVuSansMono.) */
    for (int w = 0; w < 2; w++) {
        GPtrArray *chain = sysr[w * 2];
        putf(x,
             "<match target=\"pattern\"><test name=\"weight\"><int>%d</int></test><edit "
             "name=\"file\" mode=\"assign_replace\" binding=\"strong\">",
             fc_weights[w]);
        for (guint i = 0; i < chain->len; i++) {
            puts_(x, "<string>");
            put_xml(x, file_of(chain->pdata[i]));
            puts_(x, "</string>");
        }
        puts_(x, "</edit></match>\n");
    }
    puts_(x, rules);
    puts_(x, "</fontconfig>\n");
}

static FcConfig *config_from_xml(const char *xml)
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
static bool build(FcConfig *sys, const char *family, struct buf *xml, struct buf *deps)
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
        ok = x0.len > 0 && !x0.nomem && (c0 = config_from_xml(x0.items)) && probe(c0, family, r0);
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
        ok = xml->len > 0 && !xml->nomem && (c1 = config_from_xml(xml->items)) &&
             probe(c1, family, r1) && same_probes(sysr, r1);
    }
    GHashTable *seen = ok ? g_hash_table_new(g_str_hash, g_str_equal) : NULL;
    for (int k = 0; ok && k <= 2; k += 2) { /* the chains of both weights, each file once */
        for (guint i = 0; i < sysr[k]->len; i++) {
            const char *f = file_of(sysr[k]->pdata[i]);
            if (!g_hash_table_contains(seen, f)) {
                g_hash_table_add(seen, (gpointer)f);
                put_dep(deps, f);
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

/* ---- The cache file -------------------------------------------------------------------------- */

static char *read_file(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return NULL;
    }
    struct stat st;
    char *s = NULL;
    if (fstat(fd, &st) == 0 && st.st_size > 0 && st.st_size < (1 << 24)) {
        s = malloc((size_t)st.st_size + 1);
        if (s && read(fd, s, (size_t)st.st_size) != st.st_size) {
            free(s);
            s = NULL;
        } else if (s) {
            s[st.st_size] = '\0';
        }
    }
    close(fd);
    return s;
}

/* Writes the file atomically (a temporary beside it, then rename); failure is silent. */
static void write_file(const char *path, const char *text, size_t len)
{
    char dir[4096], tmp[4200];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash) {
        return;
    }
    *slash = '\0';
    char *parent = strrchr(dir, '/');
    if (parent && parent != dir) { /* ~/.cache may not exist yet */
        *parent = '\0';
        mkdir(dir, 0700);
        *parent = '/';
    }
    mkdir(dir, 0700);
    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        return;
    }
    bool ok = write(fd, text, len) == (ssize_t)len;
    ok = close(fd) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        unlink(tmp);
    }
}

/*
 * The configuration a valid cache holds: *found is set when the file is valid for `key`; then
 * the result is the short configuration, or NULL for "use the system's".
 */
static FcConfig *from_cache(const char *text, const char *key, bool *found)
{
    *found = false;
    size_t klen = strlen(key);
    if (strncmp(text, key, klen) != 0) {
        return NULL;
    }
    const char *p = text + klen;
    struct buf now = {0};
    while (strncmp(p, "dep ", 4) == 0) {
        const char *end = strchr(p, '\n');
        if (!end) {
            free(now.items);
            return NULL;
        }
        /* The path is the line's last field, escaped as put_field() wrote it. */
        const char *sp = end;
        while (sp > p && sp[-1] != ' ') {
            sp--;
        }
        char path[4096];
        size_t n = 0;
        for (const char *q = sp; q < end && n + 1 < sizeof path; q++) {
            unsigned v;
            if (*q == '%' && q + 2 < end && sscanf(q + 1, "%2x", &v) == 1) {
                path[n++] = (char)v;
                q += 2;
            } else {
                path[n++] = *q;
            }
        }
        path[n] = '\0';
        now.len = 0;
        put_dep(&now, path);
        if (now.nomem || now.len != (size_t)(end + 1 - p) || memcmp(now.items, p, now.len) != 0) {
            free(now.items);
            return NULL; /* changed: made again */
        }
        p = end + 1;
    }
    free(now.items);
    if (strncmp(p, "system\n", 7) == 0) {
        *found = true;
        return NULL;
    }
    if (strncmp(p, "config\n", 7) != 0) {
        return NULL;
    }
    FcConfig *c = config_from_xml(p + 7);
    *found = c != NULL;
    return c;
}

static FcConfig *system_fonts(void)
{
    if (!system_config) {
        system_config = claimed ? FcInitLoadConfigAndFonts() : FcConfigReference(NULL);
    }
    return system_config;
}

/* Under table_lock: the configuration for a family, from the cache or made (and cached). */
static FcConfig *config_for(const char *family)
{
    if (disabled()) {
        return claimed ? system_fonts() : NULL;
    }
    struct buf key = {0};
    put_key(&key, family);
    char *path = key.nomem ? NULL : cache_path(key.items);
    char *text = path ? read_file(path) : NULL;
    bool found = false;
    FcConfig *c = text ? from_cache(text, key.items, &found) : NULL;
    free(text);
    if (!found && path) {
        FcConfig *sys = system_fonts();
        struct buf file = {0}, xml = {0};
        put(&file, key.items, key.len);
        put_deps(&file, sys);
        if (sys && build(sys, family, &xml, &file)) {
            puts_(&file, "config\n");
            put(&file, xml.items, xml.len);
            c = config_from_xml(xml.items);
        } else {
            puts_(&file, "system\n");
        }
        if (!file.nomem) {
            write_file(path, file.items, file.len);
        }
        free(file.items);
        free(xml.items);
    }
    free(path);
    free(key.items);
    return c ? c : claimed ? system_fonts() : NULL;
}

void *csvchart_text_fonts_config(const char *family)
{
    family = family ? family : "";
    pthread_mutex_lock(&table_lock);
    FcConfig *c = NULL;
    bool have = false;
    for (size_t i = 0; i < table_len; i++) {
        if (strcmp(table[i].family, family) == 0) {
            c = table[i].config;
            have = true;
            break;
        }
    }
    if (!have) {
        c = config_for(family);
        char *copy = csvchart_strdup(family);
        if (copy &&
            csvchart_array_reserve((void **)&table, &table_cap, table_len + 1, sizeof *table)) {
            table[table_len++] = (struct family_config){copy, c};
        } else {
            free(copy); /* made again next time */
        }
    }
    pthread_mutex_unlock(&table_lock);
    return c;
}

void csvchart_text_fonts_claim_process(void)
{
    pthread_mutex_lock(&table_lock);
    if (!claimed && !disabled()) {
        /* An empty default: Pango's FcInit() (run on a thread of its own when the first font
         * map is made) then finds a configuration and parses nothing. Every font map of the
         * library gets its family's configuration, or the system's, explicitly. */
        FcConfig *empty = FcConfigCreate();
        if (empty && FcConfigSetCurrent(empty)) {
            claimed = true;
        }
        if (empty) {
            FcConfigDestroy(empty); /* the default holds its own reference */
        }
    }
    pthread_mutex_unlock(&table_lock);
}
