/*
 * test_golden.c - every case of tests/golden/cases.txt, rendered through the public API:
 *
 *   scene    with the fake text measurer, compared exactly with NAME.scene (independent of
 *            fonts and of the cairo/Pango versions: this is what checks the layout logic);
 *   png      with Pango, compared with NAME.png under a small per-pixel tolerance; on a
 *            mismatch NAME.out.png and NAME.diff.png are written to the build tree;
 *   overlap  no two text boxes of the real (Pango) scene overlap and none leaves the canvas;
 *   determinism  PNG, SVG, PDF and scene rendered twice give identical bytes;
 *   svg      the SVG rasterized by rsvg-convert (when installed) looks like the PNG.
 *
 * Regenerate the references (then look at every image before committing):
 *     CSVCHART_UPDATE_GOLDEN=1 build/tests/test_golden [NAME-PREFIX ...]
 * (with prefixes, only the cases whose names start with one of them, e.g. "timeline").
 * Run from anywhere; paths come from CSVCHART_SOURCE_DIR / CSVCHART_BINARY_DIR.
 */
#include <cairo.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csvchart.h"
#include "figure.h"
#include "harness.h"
#include "render.h"
#include "scene_check.h"
#include "scene.h"
#include "text.h"

#define MAX_CASES 64
/* Per channel, 0..255: what two renders of one scene may differ by at a pixel. The references
 * are drawn on the same Debian packages CI uses, so this is tight: a light gridline (#E2E2E2
 * on white differs by 29) must count. The SVG check, across two renderers, allows more. */
#define PIXEL_TOLERANCE 16
#define SVG_PIXEL_TOLERANCE 48
#define MAX_BAD_FRACTION 0.002 /* of pixels beyond the tolerance */
/* Differences are also counted per tile of TILE x TILE device pixels: a missing tick label
 * or gridline is a small share of the image but most of a tile (a 1 px line is 1/16 of a
 * tile), while anti-aliasing noise is spread thin. */
#define TILE 16
#define MAX_TILE_FRACTION 0.03

struct golden_case {
    char name[64];
    char data[256];
    char options[2048];
};

static bool update;
static char outdir[1024];

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t k;
    while (buf && (k = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += k;
        if (n + 1 == cap) {
            char *p = realloc(buf, cap *= 2);
            if (!p) {
                free(buf);
                buf = NULL;
            }
            buf = p;
        }
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0'; /* callers parse it as text */
    }
    if (len) {
        *len = n;
    }
    return buf;
}

static bool write_all(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        return false;
    }
    bool ok = fwrite(data, 1, len, f) == len;
    return fclose(f) == 0 && ok;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t') {
        s++;
    }
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r')) {
        s[--n] = '\0';
    }
    return s;
}

static size_t load_cases(struct golden_case *cases)
{
    char *text = read_all(CSVCHART_SOURCE_DIR "/tests/golden/cases.txt", NULL);
    CHECK(text != NULL);
    if (!text) {
        return 0;
    }
    size_t n = 0;
    for (char *line = strtok(text, "\n"); line && n < MAX_CASES; line = strtok(NULL, "\n")) {
        if (line[0] == '#' || !*trim(line)) {
            continue;
        }
        char *a = strstr(line, " | ");
        char *b = a ? strstr(a + 3, " | ") : NULL;
        CHECK(a && b);
        if (!a || !b) {
            continue;
        }
        *a = *b = '\0';
        snprintf(cases[n].name, sizeof cases[n].name, "%s", trim(line));
        snprintf(cases[n].data, sizeof cases[n].data, "%s", trim(a + 3));
        snprintf(cases[n].options, sizeof cases[n].options, "%s", trim(b + 3));
        n++;
    }
    free(text);
    return n;
}

/* A figure of the case, options set, data loaded; NULL (with a failed check) on error. */
static csvchart_figure *make_figure(const struct golden_case *c, const csvchart_text_measurer *m)
{
    csvchart_error err = {0};
    /* "kind=timeline" or "kind=trend" among the options picks the figure kind (default bar) */
    const char *kind = strstr(c->options, "kind=timeline") ? "timeline"
                       : strstr(c->options, "kind=trend")  ? "trend"
                                                           : "bar";
    csvchart_figure *fig = csvchart_figure_new(kind, &err);
    if (m) {
        csvchart_figure_set_measurer(fig, m);
    }
    char opts[2048];
    snprintf(opts, sizeof opts, "%s", c->options);
    char *p = opts;
    while (p && *p) {
        char *next = strstr(p, " ; ");
        if (next) {
            *next = '\0';
            next += 3;
        }
        char *eq = strchr(p, '=');
        if (eq && strncmp(p, "kind=", 5) != 0) {
            *eq = '\0';
            const char *name = trim(p), *value = trim(eq + 1);
            char file[1024];
            if (strcmp(name, "theme") == 0 && strstr(value, ".ini")) { /* a house theme file */
                snprintf(file, sizeof file, "%s/%s", CSVCHART_SOURCE_DIR, value);
                value = file;
            }
            csvchart_set(fig, name, value, &err);
        }
        p = next;
    }
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", CSVCHART_SOURCE_DIR, c->data);
    csvchart_figure_load_file(fig, path, &err);
    if (err.status) {
        HARNESS_REPORT(0, "%s: %s", c->name, csvchart_error_text(&err));
        csvchart_figure_free(fig);
        return NULL;
    }
    return fig;
}

static void check_scene(const struct golden_case *c)
{
    csvchart_figure *fig = make_figure(c, csvchart_text_fake());
    if (!fig) {
        return;
    }
    csvchart_error err = {0};
    void *data;
    size_t len;
    if (csvchart_figure_render(fig, CSVCHART_FORMAT_SCENE, &data, &len, &err)) {
        HARNESS_REPORT(0, "%s: %s", c->name, csvchart_error_text(&err));
        csvchart_figure_free(fig);
        return;
    }
    char ref[1024];
    snprintf(ref, sizeof ref, "%s/tests/golden/%s.scene", CSVCHART_SOURCE_DIR, c->name);
    if (update) {
        CHECK(write_all(ref, data, len));
    } else {
        size_t rlen = 0;
        char *want = read_all(ref, &rlen);
        bool same = want && rlen == len && memcmp(want, data, len) == 0;
        HARNESS_REPORT(same,
                       "%s: scene differs from %s (run with CSVCHART_UPDATE_GOLDEN=1 "
                       "to see; got %s.out.scene)",
                       c->name, ref, c->name);
        if (!same) {
            char out[1200];
            snprintf(out, sizeof out, "%s/%s.out.scene", outdir, c->name);
            write_all(out, data, len);
        }
        free(want);
    }
    free(data);
    csvchart_figure_free(fig);
}

struct mem {
    const unsigned char *p;
    size_t len, pos;
};

static cairo_status_t read_mem(void *closure, unsigned char *data, unsigned int length)
{
    struct mem *m = closure;
    if (m->pos + length > m->len) {
        return CAIRO_STATUS_READ_ERROR;
    }
    memcpy(data, m->p + m->pos, length);
    m->pos += length;
    return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *decode_png(const void *data, size_t len)
{
    struct mem m = {data, len, 0};
    cairo_surface_t *s = cairo_image_surface_create_from_png_stream(read_mem, &m);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        return NULL;
    }
    return s;
}

/*
 * Compares two images; writes a diff image (red where beyond tolerance) when `diff_path` is
 * given and they differ. Returns the fraction of pixels beyond the tolerance (1 if the sizes
 * differ); *worst_tile (may be NULL) the largest fraction in one tile.
 */
static double compare(cairo_surface_t *a, cairo_surface_t *b, const char *diff_path,
                      double *mean_abs, double *worst_tile, int tolerance)
{
    int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a);
    if (w != cairo_image_surface_get_width(b) || h != cairo_image_surface_get_height(b)) {
        return 1;
    }
    cairo_surface_flush(a);
    cairo_surface_flush(b);
    cairo_surface_t *d = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    unsigned char *pa = cairo_image_surface_get_data(a), *pb = cairo_image_surface_get_data(b);
    unsigned char *pd = cairo_image_surface_get_data(d);
    int sa = cairo_image_surface_get_stride(a), sb = cairo_image_surface_get_stride(b);
    int sd = cairo_image_surface_get_stride(d);
    size_t bad = 0;
    double total = 0;
    int tw = (w + TILE - 1) / TILE, th = (h + TILE - 1) / TILE;
    unsigned *tiles = calloc((size_t)tw * (size_t)th, sizeof *tiles);
    for (int y = 0; y < h; y++) {
        const uint32_t *ra = (const uint32_t *)(pa + y * sa), *rb = (const uint32_t *)(pb + y * sb);
        uint32_t *rd = (uint32_t *)(pd + y * sd);
        for (int x = 0; x < w; x++) {
            int worst = 0;
            for (int sh = 0; sh < 32; sh += 8) {
                int da = abs((int)(ra[x] >> sh & 255) - (int)(rb[x] >> sh & 255));
                worst = da > worst ? da : worst;
                total += da;
            }
            bool off = worst > tolerance;
            bad += off;
            if (off && tiles) {
                tiles[(y / TILE) * tw + x / TILE]++;
            }
            uint32_t grey = (ra[x] >> 8 & 255) / 4 + 160;
            rd[x] = off ? 0xFFFF0000u : 0xFF000000u | grey << 16 | grey << 8 | grey;
        }
    }
    cairo_surface_mark_dirty(d);
    double frac = (double)bad / ((double)w * h);
    double worst_t = 0;
    for (int ty = 0; tiles && ty < th; ty++) {
        for (int tx = 0; tx < tw; tx++) {
            /* edge tiles are smaller: count against their own size */
            int pw = tx == tw - 1 ? w - tx * TILE : TILE, ph = ty == th - 1 ? h - ty * TILE : TILE;
            worst_t = fmax(worst_t, tiles[ty * tw + tx] / (double)(pw * ph));
        }
    }
    free(tiles);
    if (worst_tile) {
        *worst_tile = worst_t;
    }
    if (mean_abs) {
        *mean_abs = total / ((double)w * h * 4);
    }
    if (diff_path && bad) {
        cairo_surface_write_to_png(d, diff_path);
    }
    cairo_surface_destroy(d);
    return frac;
}

/* A copy of `img` with the CSS-px rectangle painted in the scene's background. */
static cairo_surface_t *erased(cairo_surface_t *img, const struct csvchart_scene *s, double x,
                               double y, double w, double h)
{
    int iw = cairo_image_surface_get_width(img), ih = cairo_image_surface_get_height(img);
    double zoom = iw / s->width;
    cairo_surface_t *copy = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, iw, ih);
    cairo_t *cr = cairo_create(copy);
    cairo_set_source_surface(cr, img, 0, 0);
    cairo_paint(cr);
    csvchart_rgba bg = s->background;
    cairo_set_source_rgb(cr, (bg >> 24 & 255) / 255.0, (bg >> 16 & 255) / 255.0,
                         (bg >> 8 & 255) / 255.0);
    cairo_rectangle(cr, x * zoom, y * zoom, w * zoom, h * zoom);
    cairo_fill(cr);
    cairo_destroy(cr);
    return copy;
}

/*
 * The comparison must be able to fail: the reference with its smallest text erased (a tick
 * label, "$60"), or with its most visible gridline (or baseline) erased, must not pass as the
 * reference.
 */
static void check_comparison_fails(const struct golden_case *c, const struct csvchart_scene *s,
                                   cairo_surface_t *want)
{
    const struct scene_item *small = NULL, *line = NULL;
    for (size_t i = 0; i < s->len; i++) {
        const struct scene_item *it = &s->items[i];
        if (it->kind == SCENE_TEXT && it->w > 0 &&
            (!small || it->w * it->h < small->w * small->h)) {
            small = it;
        }
        /* the most visible long horizontal line: a gridline or the baseline */
        bool across = it->kind == SCENE_LINE && it->y == it->y2 && fabs(it->x2 - it->x) > 40;
        if (across &&
            (!line || csvchart_contrast(it->stroke, s->background) * (it->stroke & 255u) >
                          csvchart_contrast(line->stroke, s->background) * (line->stroke & 255u))) {
            line = it;
        }
    }
    if (small) {
        cairo_surface_t *e = erased(want, s, small->x, small->y, small->w, small->h);
        double tile = 0, frac = compare(e, want, NULL, NULL, &tile, PIXEL_TOLERANCE);
        HARNESS_REPORT(frac > MAX_BAD_FRACTION || tile > MAX_TILE_FRACTION,
                       "%s: erasing \"%s\" passes as the reference", c->name, small->text);
        cairo_surface_destroy(e);
    }
    if (line) {
        double width = fmax(line->stroke_width, 1);
        cairo_surface_t *e = erased(want, s, fmin(line->x, line->x2), line->y - width / 2,
                                    fabs(line->x2 - line->x), width);
        double tile = 0, frac = compare(e, want, NULL, NULL, &tile, PIXEL_TOLERANCE);
        HARNESS_REPORT(frac > MAX_BAD_FRACTION || tile > MAX_TILE_FRACTION,
                       "%s: erasing the line at y = %.1f passes as the reference", c->name,
                       line->y);
        cairo_surface_destroy(e);
    }
}

static bool have_font(const char *family)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "fc-match -f '%%{family}' '%s' 2>/dev/null | grep -q '%s'", family,
             family);
    return system(cmd) == 0;
}

static bool have_tool(const char *tool)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", tool);
    return system(cmd) == 0;
}

static void check_real(const struct golden_case *c, bool fonts)
{
    csvchart_figure *fig = make_figure(c, NULL);
    if (!fig) {
        return;
    }
    csvchart_error err = {0};
    const struct csvchart_scene *scene = csvchart_figure_scene(fig, &err);
    CHECK(scene != NULL);
    if (scene) {
        check_text_boxes(c->name, scene);
    }

    /* Determinism: each format twice, byte for byte. */
    static const csvchart_format formats[] = {CSVCHART_FORMAT_PNG, CSVCHART_FORMAT_SVG,
                                              CSVCHART_FORMAT_PDF, CSVCHART_FORMAT_SCENE};
    void *first[4] = {0};
    size_t first_len[4] = {0};
    for (size_t f = 0; f < 4; f++) {
        void *again = NULL;
        size_t again_len = 0;
        CHECK(csvchart_figure_render(fig, formats[f], &first[f], &first_len[f], &err) == 0);
        CHECK(csvchart_figure_render(fig, formats[f], &again, &again_len, &err) == 0);
        HARNESS_REPORT(first[f] && again && first_len[f] == again_len &&
                           memcmp(first[f], again, again_len) == 0,
                       "%s: format %zu is not deterministic", c->name, f);
        free(again);
    }

    /* PNG against the reference. */
    char ref[1024], out[1200], diff[1200];
    snprintf(ref, sizeof ref, "%s/tests/golden/%s.png", CSVCHART_SOURCE_DIR, c->name);
    snprintf(out, sizeof out, "%s/%s.out.png", outdir, c->name);
    snprintf(diff, sizeof diff, "%s/%s.diff.png", outdir, c->name);
    if (update) {
        CHECK(write_all(ref, first[0], first_len[0]));
    } else if (fonts) {
        cairo_surface_t *got = decode_png(first[0], first_len[0]);
        cairo_surface_t *want = cairo_image_surface_create_from_png(ref);
        CHECK(got != NULL);
        HARNESS_REPORT(cairo_surface_status(want) == CAIRO_STATUS_SUCCESS,
                       "%s: no reference %s (CSVCHART_UPDATE_GOLDEN=1 makes it)", c->name, ref);
        if (got && cairo_surface_status(want) == CAIRO_STATUS_SUCCESS) {
            double tile = 0;
            double frac = compare(got, want, diff, NULL, &tile, PIXEL_TOLERANCE);
            bool same = frac <= MAX_BAD_FRACTION && tile <= MAX_TILE_FRACTION;
            HARNESS_REPORT(same,
                           "%s: %.3f%% of pixels differ from %s (%.1f%% of one tile); see %s "
                           "and %s",
                           c->name, frac * 100, ref, tile * 100, out, diff);
            if (!same) {
                write_all(out, first[0], first_len[0]);
            }
            if (scene) {
                check_comparison_fails(c, scene, want);
            }
        }
        cairo_surface_destroy(got);
        cairo_surface_destroy(want);
    }

    /* The SVG, rasterized by another renderer, looks like the PNG. */
    if (!update && fonts && have_tool("rsvg-convert")) {
        char svg[1200], svgpng[1200], cmd[4000];
        snprintf(svg, sizeof svg, "%s/%s.svg", outdir, c->name);
        snprintf(svgpng, sizeof svgpng, "%s/%s.svg.png", outdir, c->name);
        write_all(svg, first[1], first_len[1]);
        /* at the PNG's zoom, so the 2x cases compare pixel for pixel too */
        cairo_surface_t *png = decode_png(first[0], first_len[0]);
        double zoom = png && scene ? cairo_image_surface_get_width(png) / scene->width : 1;
        cairo_surface_destroy(png);
        snprintf(cmd, sizeof cmd, "rsvg-convert -z %.4g -o '%s' '%s'", zoom, svgpng, svg);
        CHECK(system(cmd) == 0);
        cairo_surface_t *a = decode_png(first[0], first_len[0]);
        cairo_surface_t *b = cairo_image_surface_create_from_png(svgpng);
        if (a && cairo_surface_status(b) == CAIRO_STATUS_SUCCESS) {
            double mean = 0;
            double frac = compare(a, b, NULL, &mean, NULL, SVG_PIXEL_TOLERANCE);
            /* Text is shaped by two renderers: allow small glyph-edge differences only. */
            HARNESS_REPORT(frac < 0.02 && mean < 1.5,
                           "%s: SVG rasterized differs from PNG (%.2f%% pixels, mean %.2f)",
                           c->name, frac * 100, mean);
        } else {
            HARNESS_REPORT(0, "%s: could not rasterize the SVG", c->name);
        }
        cairo_surface_destroy(a);
        cairo_surface_destroy(b);
    }
    for (size_t f = 0; f < 4; f++) {
        free(first[f]);
    }
    csvchart_figure_free(fig);
}

/* True when the case is selected: no arguments select every case; else a case whose name
 * starts with one of the arguments ("test_golden timeline" runs the timeline cases). */
static bool selected(const char *name, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strncmp(name, argv[i], strlen(argv[i])) == 0) {
            return true;
        }
    }
    return argc < 2;
}

int main(int argc, char **argv)
{
    update = getenv("CSVCHART_UPDATE_GOLDEN") && *getenv("CSVCHART_UPDATE_GOLDEN");
    snprintf(outdir, sizeof outdir, "%s/tests/golden-out", CSVCHART_BINARY_DIR);
    mkdir(outdir, 0777);
    /* --scenes or --images first: only that half (ctest runs them as golden.scenes and
     * golden.images, so a machine without the fonts shows a skip instead of a pass). */
    bool scenes = true, images = true;
    if (argc > 1 && (strcmp(argv[1], "--scenes") == 0 || strcmp(argv[1], "--images") == 0)) {
        scenes = strcmp(argv[1], "--scenes") == 0;
        images = !scenes;
        argv[1] = argv[0];
        argv++;
        argc--;
    }
    /* The PNG references were drawn with Inter and WenQuanYi Micro Hei; without them the
     * pixels cannot match. */
    bool fonts = have_font("Inter") && have_font("WenQuanYi Micro Hei");
    if (!fonts) {
        printf("SKIP: Inter or WenQuanYi Micro Hei missing: PNG comparisons skipped\n");
        if (!scenes) {
            return 77;
        }
    }
    static struct golden_case cases[MAX_CASES];
    size_t n = load_cases(cases);
    CHECK(n > 0);
    for (size_t i = 0; i < n; i++) {
        if (!selected(cases[i].name, argc, argv)) {
            continue;
        }
        if (scenes) {
            check_scene(&cases[i]);
        }
        if (images) {
            check_real(&cases[i], fonts);
        }
    }
    if (update) {
        printf("references rewritten: look at every tests/golden/*.png before committing\n");
    }
    csvchart_render_release_thread_fonts();
    return harness_done();
}
