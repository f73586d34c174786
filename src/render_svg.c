/*
 * render_svg.c - the SVG backend, written from the scene itself.
 *
 * Pipeline position: scene -> render (this row of the table in render.c) -> SVG bytes.
 *
 * Each scene item becomes one element: rect, line, path, circle, or a real <text> placed at
 * its anchor (text-anchor start|middle|end at anchor_x, y at the baseline), so it stays
 * aligned when the viewer substitutes a font. The family is set once on the root <g>, the
 * scene's family followed by a fallback stack. An item's title becomes a <title> child. The
 * root carries role="img" with <title> and <desc> for screen readers.
 *
 * Determinism: numbers are printed by hand (at most 2 decimals, no trailing zeros, no
 * locale), and every id is "<id_prefix>csvchart-<16 hex digits>-<name>" where the digits are a
 * 64-bit FNV-1a hash of the whole scene and the prefix. Two different charts inlined in one
 * HTML page therefore never collide, and the same chart always gets the same ids.
 *
 * With svg_text_paths the scene is instead replayed through cairo's SVG surface (glyphs as
 * outlines: render_svg_paths.c). Cairo names some ids from process-wide counters (surfaceN,
 * imageN), so the output is post-processed: every id="..." is renamed, in order of appearance, to
 * "<base>-<cairo's alphabetic prefix><ordinal>", and every href="#..." and url(#...) that
 * refers to one follows. The accessibility attributes and <title>/<desc> are added too.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "render_backend.h"
#include "render_svg.h"
#include "utf8.h"

static const char fallback_fonts[] =
    "\"Helvetica Neue\", Arial, \"Noto Sans CJK SC\", \"WenQuanYi Micro Hei\", sans-serif";

/* ---- Output helpers ------------------------------------------------------------------------ */

static void out(struct render_buf *b, const char *s)
{
    csvchart_render_buf_put(b, s, strlen(s));
}

/* A number with at most 2 decimals and no trailing zeros ("12", "12.5", "-0.25"). */
static void num(struct render_buf *b, double v)
{
    char tmp[64];
    if (!isfinite(v)) {
        v = 0; // never produced by layout; keep the document well-formed anyway
    }
    if (fabs(v) >= 1e15) {
        snprintf(tmp, sizeof tmp, "%.0f", v);
    } else {
        long long h = llround(v * 100.0);
        unsigned long long a = h < 0 ? 0ULL - (unsigned long long)h : (unsigned long long)h;
        unsigned long long frac = a % 100;
        if (frac == 0) {
            snprintf(tmp, sizeof tmp, "%s%llu", h < 0 ? "-" : "", a / 100);
        } else if (frac % 10 == 0) {
            snprintf(tmp, sizeof tmp, "%s%llu.%llu", h < 0 ? "-" : "", a / 100, frac / 10);
        } else {
            snprintf(tmp, sizeof tmp, "%s%llu.%02llu", h < 0 ? "-" : "", a / 100, frac);
        }
    }
    out(b, tmp);
}

/* ` name="N"` */
static void attr_num(struct render_buf *b, const char *name, double v)
{
    out(b, " ");
    out(b, name);
    out(b, "=\"");
    num(b, v);
    out(b, "\"");
}

/*
 * XML-escaped text (for content and double-quoted attributes). Control characters that XML 1.0
 * forbids are dropped; the input is valid UTF-8 (the reader checks it).
 */
static void esc(struct render_buf *b, const char *s)
{
    const char *run = s;
    for (const char *p = s; *p; p++) {
        const char *rep = NULL;
        unsigned char c = (unsigned char)*p;
        switch (c) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\t':
        case '\n':
        case '\r':
            break;
        default:
            if (c < 0x20) {
                rep = "";
            }
        }
        if (rep) {
            csvchart_render_buf_put(b, run, (size_t)(p - run));
            out(b, rep);
            run = p + 1;
        }
    }
    out(b, run);
}

/* ` name="#rrggbb"` plus ` name-opacity="A"` when translucent; "none" when transparent. */
static void attr_color(struct render_buf *b, const char *name, csvchart_rgba c)
{
    char tmp[64];
    if ((c & 0xff) == 0) {
        snprintf(tmp, sizeof tmp, " %s=\"none\"", name);
        out(b, tmp);
        return;
    }
    snprintf(tmp, sizeof tmp, " %s=\"#%06lx\"", name, (unsigned long)(c >> 8));
    out(b, tmp);
    if ((c & 0xff) != 0xff) {
        snprintf(tmp, sizeof tmp, "%s-opacity", name);
        attr_num(b, tmp, (double)(c & 0xff) / 255.0);
    }
}

/* ---- Content hash for ids ------------------------------------------------------------------ */

static void hash_bytes(uint64_t *h, const void *data, size_t n)
{
    *h = csvchart_fnv(*h, data, n);
}

/* Fixed little-endian byte order, so ids do not depend on the machine. */
static void hash_u64(uint64_t *h, uint64_t v)
{
    unsigned char le[8];
    for (int i = 0; i < 8; i++) {
        le[i] = (unsigned char)(v >> (8 * i));
    }
    hash_bytes(h, le, 8);
}

static void hash_double(uint64_t *h, double v)
{
    uint64_t bits;
    if (v == 0) {
        v = 0; // -0 and 0 draw the same
    }
    memcpy(&bits, &v, sizeof bits);
    hash_u64(h, bits);
}

static void hash_str(uint64_t *h, const char *s)
{
    s = s ? s : "";
    hash_bytes(h, s, strlen(s) + 1); // the NUL separates neighbouring strings
}

static uint64_t scene_hash(const struct csvchart_scene *s, const char *prefix)
{
    uint64_t h = CSVCHART_FNV_OFFSET;
    hash_str(&h, prefix);
    hash_double(&h, s->width);
    hash_double(&h, s->height);
    hash_u64(&h, s->background);
    hash_str(&h, s->font_family);
    hash_str(&h, s->title);
    hash_str(&h, s->desc);
    hash_str(&h, s->source);
    for (size_t i = 0; i < s->len; i++) {
        const struct scene_item *it = &s->items[i];
        hash_u64(&h, (uint64_t)it->kind);
        hash_u64(&h, it->fill);
        hash_u64(&h, it->stroke);
        const double nums[] = {
            it->stroke_width, it->dash, it->x, it->y,       it->w,        it->h,
            it->x2,           it->y2,   it->r, it->size_px, it->baseline, it->anchor_x};
        for (size_t k = 0; k < sizeof nums / sizeof nums[0]; k++) {
            hash_double(&h, nums[k]);
        }
        hash_u64(&h, it->npoints);
        for (size_t k = 0; k < it->npoints; k++) {
            hash_double(&h, it->points[k].x);
            hash_double(&h, it->points[k].y);
        }
        hash_u64(&h, (uint64_t)it->closed);
        hash_u64(&h, (uint64_t)(int64_t)it->weight);
        hash_u64(&h, (uint64_t)it->anchor);
        hash_str(&h, it->text);
        hash_str(&h, it->title);
    }
    return h;
}

/* The id base "<prefix>csvchart-<hash>" as escaped attribute text (malloc'd), or NULL. */
static char *id_base(const struct csvchart_scene *s, const char *prefix)
{
    char hex[40];
    snprintf(hex, sizeof hex, "csvchart-%016llx",
             (unsigned long long)scene_hash(s, prefix ? prefix : ""));
    struct render_buf b = {0};
    esc(&b, prefix ? prefix : "");
    out(&b, hex);
    csvchart_render_buf_put(&b, "", 1);
    if (b.nomem) {
        free(b.items);
        return NULL;
    }
    return (char *)b.items;
}

/* ---- The document -------------------------------------------------------------------------- */

/* The root's accessibility attributes (inside the <svg ...> tag). */
void csvchart_svg_a11y_attrs(struct render_buf *b, const struct csvchart_scene *s, const char *id)
{
    out(b, " role=\"img\"");
    if (s->title && s->title[0]) {
        out(b, " aria-labelledby=\"");
        out(b, id);
        out(b, "-title\"");
    }
    if (s->desc && s->desc[0]) {
        out(b, " aria-describedby=\"");
        out(b, id);
        out(b, "-desc\"");
    }
}

/* <title> and <desc>, each only when there is something to say. */
void csvchart_svg_a11y_elements(struct render_buf *b, const struct csvchart_scene *s,
                                const char *id)
{
    if (s->title && s->title[0]) {
        out(b, "<title id=\"");
        out(b, id);
        out(b, "-title\">");
        esc(b, s->title);
        out(b, "</title>\n");
    }
    if (s->desc && s->desc[0]) {
        out(b, "<desc id=\"");
        out(b, id);
        out(b, "-desc\">");
        esc(b, s->desc);
        out(b, "</desc>\n");
    }
}

static void stroke_attrs(struct render_buf *b, const struct scene_item *it)
{
    if (it->stroke == CSVCHART_RGBA_NONE || it->stroke_width <= 0) {
        return;
    }
    attr_color(b, "stroke", it->stroke);
    attr_num(b, "stroke-width", it->stroke_width);
    if (it->dash > 0) {
        attr_num(b, "stroke-dasharray", it->dash);
    }
}

/* Ends an element: "/>" or, with a title, "><title>...</title></NAME>". */
static void close_elem(struct render_buf *b, const char *name, const struct scene_item *it)
{
    if (!it->title || !it->title[0]) {
        out(b, "/>\n");
        return;
    }
    out(b, "><title>");
    esc(b, it->title);
    out(b, "</title></");
    out(b, name);
    out(b, ">\n");
}

/* Whether SVG's whitespace collapsing would change the string. */
static bool needs_preserve(const char *s)
{
    size_t n = strlen(s);
    return n && (s[0] == ' ' || s[n - 1] == ' ' || strstr(s, "  "));
}

static void item(struct render_buf *b, const struct scene_item *it)
{
    switch (it->kind) {
    case SCENE_RECT:
        out(b, "<rect");
        attr_num(b, "x", it->x);
        attr_num(b, "y", it->y);
        attr_num(b, "width", it->w);
        attr_num(b, "height", it->h);
        attr_color(b, "fill", it->fill);
        stroke_attrs(b, it);
        close_elem(b, "rect", it);
        break;
    case SCENE_LINE:
        out(b, "<line");
        attr_num(b, "x1", it->x);
        attr_num(b, "y1", it->y);
        attr_num(b, "x2", it->x2);
        attr_num(b, "y2", it->y2);
        stroke_attrs(b, it);
        close_elem(b, "line", it);
        break;
    case SCENE_PATH:
        out(b, "<path d=\"");
        for (size_t k = 0; k < it->npoints; k++) {
            out(b, k ? " L" : "M");
            num(b, it->points[k].x);
            out(b, " ");
            num(b, it->points[k].y);
        }
        out(b, it->closed && it->npoints ? " Z\"" : "\"");
        attr_color(b, "fill", it->fill);
        stroke_attrs(b, it);
        close_elem(b, "path", it);
        break;
    case SCENE_CIRCLE:
        out(b, "<circle");
        attr_num(b, "cx", it->x);
        attr_num(b, "cy", it->y);
        attr_num(b, "r", it->r);
        attr_color(b, "fill", it->fill);
        stroke_attrs(b, it);
        close_elem(b, "circle", it);
        break;
    case SCENE_TEXT: {
        static const char *const anchors[] = {"start", "middle", "end"};
        const char *text = it->text ? it->text : "";
        out(b, "<text");
        attr_num(b, "x", it->anchor_x);
        attr_num(b, "y", it->baseline);
        if ((unsigned)it->anchor < 3) {
            out(b, " text-anchor=\"");
            out(b, anchors[it->anchor]);
            out(b, "\"");
        }
        attr_num(b, "font-size", it->size_px);
        if (it->weight >= 600) {
            out(b, " font-weight=\"bold\"");
        }
        attr_color(b, "fill", it->fill);
        if (needs_preserve(text)) {
            out(b, " xml:space=\"preserve\"");
        }
        out(b, ">");
        if (it->title && it->title[0]) {
            out(b, "<title>");
            esc(b, it->title);
            out(b, "</title>");
        }
        esc(b, text);
        out(b, "</text>\n");
        break;
    }
    }
}

/* The family attribute value: the scene's family (quotes and backslashes dropped) first. */
static void font_family(struct render_buf *b, const char *family)
{
    out(b, " font-family=\"");
    if (family && family[0]) {
        out(b, "&quot;");
        for (const char *p = family; *p; p++) {
            if (*p != '"' && *p != '\\' && *p != '\'') {
                char one[2] = {*p, '\0'};
                esc(b, one);
            }
        }
        out(b, "&quot;, ");
    }
    for (const char *p = fallback_fonts; *p; p++) {
        out(b, *p == '"' ? "&quot;" : (char[2]){*p, '\0'});
    }
    out(b, "\"");
}

static void write_scene_svg(struct render_buf *b, const struct csvchart_scene *s, const char *id)
{
    out(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out(b, "<svg xmlns=\"http://www.w3.org/2000/svg\"");
    attr_num(b, "width", s->width);
    attr_num(b, "height", s->height);
    out(b, " viewBox=\"0 0 ");
    num(b, s->width);
    out(b, " ");
    num(b, s->height);
    out(b, "\"");
    csvchart_svg_a11y_attrs(b, s, id);
    out(b, ">\n");
    csvchart_svg_a11y_elements(b, s, id);
    out(b, "<g");
    font_family(b, s->font_family);
    out(b, ">\n");
    if (s->background != CSVCHART_RGBA_NONE) {
        out(b, "<rect");
        attr_num(b, "width", s->width);
        attr_num(b, "height", s->height);
        attr_color(b, "fill", s->background);
        out(b, "/>\n");
    }
    for (size_t i = 0; i < s->len; i++) {
        item(b, &s->items[i]);
    }
    out(b, "</g>\n</svg>\n");
}

csvchart_status csvchart_render_svg(const struct csvchart_scene *s,
                                    const struct render_options *opt, void **data, size_t *len,
                                    csvchart_error *err)
{
    char *base = id_base(s, opt->id_prefix);
    if (!base) {
        return csvchart_error_nomem(err);
    }
    struct render_buf b = {0};
    csvchart_status status = CSVCHART_OK;
    if (opt->svg_text_paths) {
        status = csvchart_svg_text_paths(s, base, opt, &b, err);
    } else {
        write_scene_svg(&b, s, base);
    }
    if (status == CSVCHART_OK) {
        status = csvchart_render_buf_detach(&b, data, len, err);
    }
    free(b.items);
    free(base);
    return status;
}
