/*
 * layout.c - the shared frame of a figure (title, subtitle, legend, note, source), the type
 * scale, the text helpers every layout uses and the search behind the size contract (see
 * layout.h).
 *
 * Everything here measures through the csvchart_text_measurer and writes scene items; no
 * cairo, no Pango. Positions are CSS px.
 */
#include "layout.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "number.h"
#include "scale.h"
#include "words.h"

#define MAX_PARAGRAPH_LINES 64

#define LAYOUT_METRIC_BASE(name, base, doc) .name = base,
static const struct frame_metrics FRAME_BASE = {LAYOUT_FRAME_METRICS(LAYOUT_METRIC_BASE)};

/* A role's size at type unit u (the theme's type scale; a house theme may set the base). */
static double type_size(const struct theme *t, enum type_role r, double u)
{
    double base = t->house.type[r] > 0 ? t->house.type[r] : csvchart_type_scale[r].base;
    double v = round(base * u * 2) / 2;
    return fmax(v, fmax(csvchart_type_scale[r].floor, LAYOUT_TEXT_FLOOR));
}

void csvchart_layout_metrics(const struct layout *L, const void *base, void *px, size_t size)
{
    const double *b = base;
    double *p = px;
    for (size_t i = 0; i < size / sizeof(double); i++) {
        p[i] = b[i] * L->g;
    }
}

double csvchart_layout_mark_g(const struct layout *L)
{
    return fmax(L->g, 0.8);
}

void csvchart_layout_begin(struct layout *L, const struct spec *s, const csvchart_text_measurer *m,
                           struct csvchart_scene *scene, struct layout_fit *fit)
{
    memset(L, 0, sizeof *L);
    L->spec = s;
    L->m = m;
    L->scene = scene;
    L->fit = fit;
    L->u = fmin(s->width / 1200.0, s->height / 675.0);
    if (s->type_unit_cap > 0) {
        L->u = fmin(L->u, s->type_unit_cap);
    }
    L->g = fmax(L->u, 0.5);
    L->scale = s->render.scale > 0 ? s->render.scale : 1;
    L->title = (struct text_style){s->font, type_size(&s->theme, TYPE_TITLE, L->u), 700};
    L->subtitle = (struct text_style){s->font, type_size(&s->theme, TYPE_SUBTITLE, L->u), 400};
    L->label = (struct text_style){s->font, type_size(&s->theme, TYPE_LABEL, L->u), 400};
    L->small = (struct text_style){s->font, type_size(&s->theme, TYPE_SMALL, L->u), 400};
    L->label_min = L->small.size_px;
    csvchart_layout_metrics(L, &FRAME_BASE, &L->px, sizeof L->px);
    const struct theme_house *h = &s->theme.house; /* a house theme's margins */
    L->px.pad_x = h->pad_x > 0 ? h->pad_x * L->g : L->px.pad_x;
    L->px.pad_top = h->pad_top > 0 ? h->pad_top * L->g : L->px.pad_top;
    L->px.pad_bottom = h->pad_bottom > 0 ? h->pad_bottom * L->g : L->px.pad_bottom;
    csvchart_scene_init(scene, s->width, s->height,
                        s->transparent ? CSVCHART_RGBA_NONE : s->theme.background, s->font);
    csvchart_scene_set_string(scene, &scene->title, s->title);
    csvchart_scene_set_string(scene, &scene->source, s->source);
    L->left = L->px.pad_x;
    L->right = s->width - L->px.pad_x;
    L->top = L->px.pad_top;
    L->bottom = s->height - L->px.pad_bottom;
}

csvchart_status csvchart_layout_end(struct layout *L, csvchart_error *err)
{
    csvchart_scene_cut_lines(L->scene, L->px.text_pad);
    if (L->scene->nomem) {
        return csvchart_error_nomem(err);
    }
    if (L->frame_cut) {
        /* (review: a 1,500-word title was refused with a size, and drawn at it to its 803rd
         * word and an ellipsis, exit 0) */
        return csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                                  "the %s takes more than %d lines at %.0f px wide; shorten it",
                                  L->frame_cut, MAX_PARAGRAPH_LINES, L->right - L->left);
    }
    return CSVCHART_OK;
}

csvchart_status csvchart_layout_no_fit(struct layout *L, bool short_w, bool short_h,
                                       const char *hint, const char *fmt, ...)
{
    if (L->fit) {
        L->fit->short_w = L->fit->short_w || short_w;
        L->fit->short_h = L->fit->short_h || short_h;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(L->fit->what, sizeof L->fit->what, fmt, ap);
        va_end(ap);
        snprintf(L->fit->hint, sizeof L->fit->hint, "%s", hint ? hint : "");
    }
    return CSVCHART_ERROR_SIZE;
}

double csvchart_layout_line_height(const struct layout *L, const struct text_style *st)
{
    struct text_metrics tm;
    L->m->measure(L->m->ctx, st, "Hg", 2, &tm);
    /* Baselines are snapped to device pixels, so the line pitch is a whole number of them:
     * otherwise rounding could pull two lines of a paragraph into each other. */
    return ceil((tm.ascent + tm.descent) * L->scale) / L->scale;
}

double csvchart_layout_ascent(const struct layout *L, const struct text_style *st)
{
    struct text_metrics tm;
    L->m->measure(L->m->ctx, st, "Hg", 2, &tm);
    return tm.ascent;
}

double csvchart_layout_width(const struct layout *L, const struct text_style *st, const char *s)
{
    struct text_metrics tm;
    L->m->measure(L->m->ctx, st, s, strlen(s), &tm);
    return tm.width;
}

double csvchart_layout_snap(const struct layout *L, double v, double width)
{
    double dev = round(width * L->scale);
    double p = v * L->scale;
    p = ((long long)dev % 2 == 1) ? floor(p) + 0.5 : round(p);
    return p / L->scale;
}

struct scene_item *csvchart_layout_soft_line(struct layout *L, double x1, double y1, double x2,
                                             double y2, csvchart_rgba stroke, double width)
{
    struct scene_item *it = csvchart_scene_line(L->scene, x1, y1, x2, y2, stroke, width);
    if (it) {
        it->yields = true;
    }
    return it;
}

struct scene_item *csvchart_layout_text(struct layout *L, const struct text_style *st,
                                        csvchart_rgba color, const char *s, size_t len, double x,
                                        double baseline, enum text_anchor anchor)
{
    struct text_metrics tm;
    L->m->measure(L->m->ctx, st, s, len, &tm);
    double left = anchor == TEXT_ANCHOR_START    ? x
                  : anchor == TEXT_ANCHOR_MIDDLE ? x - tm.width / 2
                                                 : x - tm.width;
    baseline = round(baseline * L->scale) / L->scale;
    char buf[2048];
    const char *text = s;
    char *heap = NULL;
    if (len < sizeof buf) {
        memcpy(buf, s, len);
        buf[len] = '\0';
        text = buf;
    } else {
        heap = malloc(len + 1);
        if (!heap) {
            L->scene->nomem = true;
            return NULL;
        }
        memcpy(heap, s, len);
        heap[len] = '\0';
        text = heap;
    }
    struct scene_item *it = csvchart_scene_text(L->scene, text, left, baseline - tm.ascent,
                                                tm.width, tm.ascent + tm.descent, baseline, anchor,
                                                x, st->size_px, st->weight, color);
    free(heap);
    return it;
}

size_t csvchart_layout_lines(const struct layout *L, const struct text_style *st, const char *s,
                             double max_width, size_t most, double *widest)
{
    struct text_line lines[MAX_PARAGRAPH_LINES];
    if (most > MAX_PARAGRAPH_LINES) {
        most = MAX_PARAGRAPH_LINES;
    }
    size_t need = csvchart_text_wrap(L->m, st, s, max_width, lines, most);
    if (widest) {
        *widest = 0;
        for (size_t i = 0; i < need && i < most; i++) {
            *widest = fmax(*widest, lines[i].width);
        }
    }
    return need;
}

double csvchart_layout_widest_word(const struct layout *L, const struct text_style *st,
                                   const char *s)
{
    double w = 0;
    for (const char *p = s; *p;) {
        const char *q = p;
        while (*q && *q != ' ' && *q != '\n') {
            q++;
        }
        if (q > p) {
            struct text_metrics tm;
            L->m->measure(L->m->ctx, st, p, (size_t)(q - p), &tm);
            w = fmax(w, tm.width);
        }
        p = *q ? q + 1 : q;
    }
    return w;
}

size_t csvchart_layout_paragraph(struct layout *L, const struct text_style *st, csvchart_rgba color,
                                 const char *s, double x, double baseline, double max_width,
                                 size_t max_lines, enum text_anchor anchor)
{
    struct text_line lines[MAX_PARAGRAPH_LINES];
    if (max_lines > MAX_PARAGRAPH_LINES) {
        max_lines = MAX_PARAGRAPH_LINES;
    }
    size_t need = csvchart_text_wrap(L->m, st, s, max_width, lines, max_lines);
    size_t n = need < max_lines ? need : max_lines;
    double lh = csvchart_layout_line_height(L, st);
    for (size_t i = 0; i < n; i++) {
        struct scene_item *it;
        if (i + 1 == n && need > n) {
            /* Out of lines: end the last one with an ellipsis, shortening it to fit. */
            char buf[1024];
            size_t len = lines[i].len < sizeof buf - 4 ? lines[i].len : sizeof buf - 4;
            memcpy(buf, s + lines[i].start, len);
            for (;;) {
                memcpy(buf + len, "\xe2\x80\xa6", 4);
                if (len == 0 || csvchart_layout_width(L, st, buf) <= max_width) {
                    break;
                }
                do { /* drop one code point */
                    len--;
                } while (len && ((unsigned char)buf[len] & 0xC0) == 0x80);
            }
            it = csvchart_layout_text(L, st, color, buf, len + 3, x, baseline + lh * i, anchor);
            csvchart_scene_item_set_title(L->scene, it, s);
        } else {
            it = csvchart_layout_text(L, st, color, s + lines[i].start, lines[i].len, x,
                                      baseline + lh * i, anchor);
        }
    }
    return n;
}

/*
 * The narrowest width at which s still wraps in n lines, down to half of `width` (where it
 * takes n): a headline wrapped there is balanced, its last line never a lone word ("... for
 * / print", found by a review), as desks set them. Bisected to a tenth of a pixel.
 */
static double balanced_width(const struct layout *L, const struct text_style *st, const char *s,
                             double width, size_t n)
{
    double lo = width / 2, hi = width; /* hi takes n lines */
    while (hi - lo > 0.1) {
        double mid = (lo + hi) / 2;
        if (csvchart_layout_lines(L, st, s, mid, MAX_PARAGRAPH_LINES, NULL) <= n) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    return hi;
}

/* Draws every line of a paragraph across the frame with its first line's top at `top`
 * (balanced: at balanced_width()); returns its height. */
static double whole_paragraph(struct layout *L, const struct text_style *st, csvchart_rgba color,
                              const char *s, double top, bool balance, const char *what)
{
    double width = L->right - L->left;
    size_t n = csvchart_layout_lines(L, st, s, width, MAX_PARAGRAPH_LINES, NULL);
    if (n > MAX_PARAGRAPH_LINES && !L->frame_cut) {
        L->frame_cut = what;
    }
    if (balance && n > 1 && n < MAX_PARAGRAPH_LINES) {
        width = balanced_width(L, st, s, width, n);
    }
    double lh = csvchart_layout_line_height(L, st);
    csvchart_layout_paragraph(L, st, color, s, L->left, top + csvchart_layout_ascent(L, st), width,
                              n, TEXT_ANCHOR_START);
    return lh * (double)(n < MAX_PARAGRAPH_LINES ? n : MAX_PARAGRAPH_LINES);
}

/* The height a paragraph takes across the frame's width. */
static double paragraph_height(const struct layout *L, const struct text_style *st, const char *s)
{
    size_t n = csvchart_layout_lines(L, st, s, L->right - L->left, MAX_PARAGRAPH_LINES, NULL);
    n = n < MAX_PARAGRAPH_LINES ? n : MAX_PARAGRAPH_LINES;
    return csvchart_layout_line_height(L, st) * (double)n;
}

void csvchart_layout_frame(struct layout *L, const char *auto_note)
{
    const struct spec *s = L->spec;
    const struct theme *t = &s->theme;

    /* Header, top down. */
    if (*s->title) {
        L->top += whole_paragraph(L, &L->title, t->title, s->title, L->top, true, "title") +
                  L->px.title_gap;
    }
    if (*s->subtitle) {
        L->top +=
            whole_paragraph(L, &L->subtitle, t->subtitle, s->subtitle, L->top, false, "subtitle");
    }
    if (*s->title || *s->subtitle) {
        L->top += L->px.header_gap;
    }

    /* Footer, bottom up: the byline last, the source line above it, the note above that. */
    if (*s->byline) {
        L->bottom -= paragraph_height(L, &L->small, s->byline);
        whole_paragraph(L, &L->small, t->faint, s->byline, L->bottom, false, "byline");
    }
    if (*s->source) {
        /* "Source: " unless the text starts with the word ("Source", "Quelle") */
        const char *word = csvchart_words_get(s->locale)->source;
        size_t word_len = strcspn(word, ": \xc2"); // "Source" of "Source: ", "Source\u00a0: "
        bool has_prefix =
            strncmp(s->source, "Source", 6) == 0 || strncmp(s->source, word, word_len) == 0;
        size_t len = strlen(word) + strlen(s->source) + 1;
        char *buf = malloc(len);
        if (!buf) {
            L->scene->nomem = true;
            return;
        }
        snprintf(buf, len, "%s%s", has_prefix ? "" : word, s->source);
        L->bottom -= paragraph_height(L, &L->small, buf);
        whole_paragraph(L, &L->small, t->faint, buf, L->bottom, false, "source");
        L->bottom -= L->px.note_gap;
        free(buf);
    }
    /* (the whole note: a fixed buffer cut a long one without a word) */
    size_t note_len = (auto_note ? strlen(auto_note) : 0) + 1 + strlen(s->note) + 1;
    char *note = malloc(note_len);
    if (!note) {
        L->scene->nomem = true;
        return;
    }
    snprintf(note, note_len, "%s%s%s", auto_note ? auto_note : "",
             auto_note && *auto_note && *s->note ? " " : "", s->note);
    if (*note) {
        L->bottom -= paragraph_height(L, &L->small, note);
        whole_paragraph(L, &L->small, t->faint, note, L->bottom, false, "note");
    }
    bool has_note = *note;
    free(note);
    if (*s->source || has_note || *s->byline) {
        L->bottom -= L->px.footer_gap;
    }
}

/*
 * Whether r, its numbers read times f, would read (csvchart_layout_refs_visible()): on a
 * linear axis sc, show - a band a pixel wide or more, a rule a pixel or more from 0; on a log
 * axis (sc unused), lie within LAYOUT_REF_NEAR_DECADES of v's values at both ends.
 */
static bool reads(const struct ref_mark *r, bool band, double f, const struct scale *sc, bool log,
                  const struct ref_values *v)
{
    if (log) {
        double near = pow(10, LAYOUT_REF_NEAR_DECADES);
        return r->lo * f >= v->lo / near && r->hi * f <= v->hi * near;
    }
    double a = csvchart_scale_map(sc, r->lo * f);
    return fabs(csvchart_scale_map(sc, band ? r->hi * f : 0) - a) >= 1;
}

/*
 * The multiplier (its index in csvchart_multipliers) that r, written without one, would read
 * in: the values' most common one, else the smallest other one they use; 0 for none, or when
 * r has one or the values none.
 */
static int meant_in(const struct ref_mark *r, bool band, const struct scale *sc, bool log,
                    const struct ref_values *v)
{
    int common = csvchart_number_multiplier_index(v->multiplier);
    if (r->multiplied) {
        return 0;
    }
    if (common > 0 && reads(r, band, pow(1000, common), sc, log, v)) {
        return common;
    }
    for (int k = 1; k < 5; k++) {
        if (k != common && (v->multipliers >> k & 1) && reads(r, band, pow(1000, k), sc, log, v)) {
            return k;
        }
    }
    return 0;
}

/* On a log axis: r (a band from > 0, or a rule) lies far below the values, where one of their
 * multipliers would have put it among them. Its multiplier's index, or 0. */
static int far_below(const struct ref_mark *r, bool band, const struct ref_values *v)
{
    if (r->lo <= 0 || r->lo >= v->lo / pow(10, LAYOUT_REF_NEAR_DECADES)) {
        return 0;
    }
    return meant_in(r, band, NULL, true, v);
}

csvchart_status csvchart_layout_refs_log(const struct spec *s, csvchart_error *err)
{
    for (size_t k = 0; s->log && k < s->nrules + s->nbands; k++) {
        const struct ref_mark *r = csvchart_spec_ref(s, k);
        if (!(r->lo > 0)) {
            char v[64];
            csvchart_format_value(&s->format, r->lo, v, sizeof v);
            return csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                                      "%s: a log scale needs values > 0; \"%s\" is at %s",
                                      k < s->nrules ? "rule" : "band", *r->label ? r->label : v, v);
        }
    }
    return CSVCHART_OK;
}

void csvchart_layout_refs_far(const struct spec *s, double lo, double hi, bool log,
                              const struct ref_values *v, struct csvchart_warnings *warn)
{
    double f = pow(1000, csvchart_number_multiplier_index(v->multiplier));
    if (log) {
        lo = lo > 0 ? log10(lo) : lo;
        hi = hi > 0 ? log10(hi) : hi;
    }
    double span = fmax(hi - lo, log ? 1 : 0);
    for (size_t k = 0; isfinite(span) && span > 0 && k < s->nrules + s->nbands; k++) {
        const struct ref_mark *r = csvchart_spec_ref(s, k);
        double a = log ? (r->lo > 0 ? log10(r->lo) : lo) : r->lo;
        double b = log ? (r->hi > 0 ? log10(r->hi) : hi) : r->hi;
        double out = fmax(lo - a, b - hi);
        if (log ? far_below(r, k >= s->nrules, v) > 0
                : out > span && !r->multiplied && f > 1 &&
                      fmax(lo - r->lo * f, r->hi * f - hi) < out) {
            continue; /* "-5,5" beside values in B, nearer them read as -5B,5B, or "1,100" far
                         below values from $120K: the mistake refs_visible() names (on a linear
                         axis such a reference lies within a pixel of 0) */
        }
        if (out > span) {
            char w[64], d0[64], d1[64];
            csvchart_format_planned(v->plan, fabs(r->lo) > fabs(r->hi) ? r->lo : r->hi, w,
                                    sizeof w);
            csvchart_format_planned(v->plan, log ? pow(10, lo) : lo, d0, sizeof d0);
            csvchart_format_planned(v->plan, log ? pow(10, hi) : hi, d1, sizeof d1);
            csvchart_warnings_add(warn,
                                  "%s \"%s\" (%s) lies far outside the values (%s to %s): the "
                                  "value axis stretches to hold it",
                                  k < s->nrules ? "rule" : "band", *r->label ? r->label : w, w, d0,
                                  d1);
        }
    }
}

/* "are in B" for values in one multiplier, else "run from $120K to $800B". */
static void values_written(const struct ref_values *v, char *buf, size_t n)
{
    int common = csvchart_number_multiplier_index(v->multiplier);
    if (common > 0 && v->multipliers == 1u << common) {
        snprintf(buf, n, "are in %c", v->multiplier);
        return;
    }
    char lo[64], hi[64];
    csvchart_format_planned(v->plan, v->lo, lo, sizeof lo);
    csvchart_format_planned(v->plan, v->hi, hi, sizeof hi);
    snprintf(buf, n, "run from %s to %s", lo, hi);
}

/* Refuses r (`what` it does wrong), saying what it meant with multiplier m. */
static csvchart_status refuse_bare(const struct ref_mark *r, bool band, const char *what,
                                   const struct ref_values *v, int m, csvchart_error *err)
{
    char label[300] = "", values[160], c = csvchart_multipliers[m];
    if (*r->label) {
        snprintf(label, sizeof label, " \"%.280s\"", r->label);
    }
    values_written(v, values, sizeof values);
    if (!band) {
        return csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                                  "rule %s%s %s on this axis; its values %s: did you mean %s%c?",
                                  r->written[0], label, what, values, r->written[0], c);
    }
    return csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                              "band %s,%s%s %s on this axis; its values %s: did you mean "
                              "%s%c,%s%c?",
                              r->written[0], r->written[1], label, what, values, r->written[0], c,
                              r->written[1], c);
}

csvchart_status csvchart_layout_refs_visible(const struct spec *s, const struct scale *sc, bool log,
                                             const struct ref_values *v,
                                             struct csvchart_warnings *warn, csvchart_error *err)
{
    for (size_t k = 0; k < s->nrules + s->nbands; k++) {
        const struct ref_mark *r = csvchart_spec_ref(s, k);
        bool band = k >= s->nrules;
        int m = log ? far_below(r, band, v) : 0;
        if (m > 0) {
            char what[64];
            snprintf(what, sizeof what, "lies %.0f decades below the values", log10(v->lo / r->lo));
            return refuse_bare(r, band, what, v, m, err);
        }
        if (log && (r->lo <= 0 || !band)) {
            continue; /* on a log axis a rule is where it says; bands from <= 0 run from the
                         axis' end */
        }
        double a = csvchart_scale_map(sc, r->lo), b = csvchart_scale_map(sc, band ? r->hi : 0);
        if (fabs(b - a) >= 1 || (!band && r->lo == 0)) {
            continue;
        }
        /* Read in one of the values' multipliers, would it show? Then that is what was meant
         * (on a log axis a band's width does not change so). */
        m = log ? 0 : meant_in(r, band, sc, false, v);
        if (m > 0) {
            return refuse_bare(
                r, band, band ? "is narrower than a pixel" : "lies within a pixel of 0", v, m, err);
        }
        if (!band) {
            continue; /* a rule near 0 as written: it is where it was asked to be */
        }
        char label[300] = "";
        if (*r->label) {
            snprintf(label, sizeof label, " \"%.280s\"", r->label);
        }
        csvchart_warnings_add(warn,
                              "band %s,%s%s is narrower than a pixel on this axis: only its "
                              "label shows; widen it, or draw a rule instead",
                              r->written[0], r->written[1], label);
    }
    return CSVCHART_OK;
}

csvchart_status csvchart_layout_distinct_colors(const struct layout *L,
                                                const struct legend_entry *e, size_t n,
                                                const char *what, const char *whats, bool lanes,
                                                csvchart_error *err)
{
    const struct theme *th = &L->spec->theme;
    for (size_t i = 1; i < n; i++) {
        for (size_t j = 0; j < i && e[i].color != th->muted; j++) {
            if (e[j].color == e[i].color) {
                bool ten = n <= 10 && th->npalette < 10;
                char lift[200];
                if (lanes) {
                    snprintf(lift, sizeof lift, ", give each %s its own lane, named (lanes = %s)",
                             what, what);
                } else {
                    snprintf(lift, sizeof lift,
                             ", highlight the few the story is about (highlight = \"%.80s\": the "
                             "others in grey)",
                             e[0].name);
                }
                return csvchart_error_set(
                    err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                    "%s \"%s\" would be drawn in the colour of \"%s\": %zu %s, and the palette "
                    "has %zu colours; set palette to %sa list of %zu colours (palette = #0072B2, "
                    "#E69F00, ...)%s, or draw fewer",
                    what, e[i].name, e[j].name, n, whats, th->npalette,
                    ten ? "tableau10 or observable10 (10 colours), or to " : "", n, lift);
            }
        }
    }
    return CSVCHART_OK;
}

void csvchart_layout_legend(struct layout *L, const struct legend_entry *e, size_t n)
{
    csvchart_layout_legend_others(L, e, NULL, n);
}

void csvchart_layout_legend_others(struct layout *L, const struct legend_entry *e,
                                   const bool *other, size_t n)
{
    size_t nother = 0, first_other = n;
    for (size_t i = 0; other && i < n; i++) {
        first_other = other[i] && nother++ == 0 ? i : first_other;
    }
    if (nother < 2) { /* one keeps its name and its place (a bar's order in its group) */
        nother = 0;
        other = NULL;
    }
    if (n == 0) {
        return;
    }
    const struct text_style *st = &L->label;
    double lh = csvchart_layout_line_height(L, st);
    double asc = csvchart_layout_ascent(L, st);
    double sw = round(0.62 * st->size_px); /* swatch side */
    double x = L->left, row_top = L->top, row_h = lh;
    double max_item = L->right - L->left - sw - L->px.swatch_gap;
    char others[64];
    csvchart_words_fill(csvchart_words_get(L->spec->locale)->others[nother > 1], NULL, nother,
                        others, sizeof others);
    /* the entries not marked other, then the others' one (index n) */
    for (size_t k = 0; k <= n; k++) {
        if (k < n ? other && other[k] : nother == 0) {
            continue;
        }
        size_t i = k < n ? k : first_other;
        const char *name = k < n ? e[i].name : others;
        /* A series with a muted version: the swatch in its colour, then one in the muted. */
        bool two = k < n && e[i].muted;
        double sww = two ? 2 * sw : sw;
        /* A name wider than the row wraps onto lines of its own; every word is shown. */
        double w;
        size_t lines =
            csvchart_layout_lines(L, st, name, max_item - (sww - sw), MAX_PARAGRAPH_LINES, &w);
        lines = lines ? lines : 1;
        if (x > L->left && x + sww + L->px.swatch_gap + w > L->right) {
            row_top += row_h + L->px.legend_row_gap;
            row_h = lh;
            x = L->left;
        }
        double base = row_top + asc;
        double cy = base - 0.36 * st->size_px; /* the middle of the lower-case letters */
        double sx = csvchart_layout_snap(L, x, 0), sy = csvchart_layout_snap(L, cy - sw / 2, 0);
        csvchart_scene_rect(L->scene, sx, sy, sw, sw, e[i].color);
        if (two) {
            csvchart_scene_rect(L->scene, sx + sw, sy, sw, sw, e[i].muted);
        }
        csvchart_layout_paragraph(L, st, L->spec->theme.subtitle, name, x + sww + L->px.swatch_gap,
                                  base, max_item - (sww - sw), lines, TEXT_ANCHOR_START);
        row_h = fmax(row_h, lh * (double)lines);
        x += sww + L->px.swatch_gap + w + L->px.legend_spacing;
    }
    L->top = row_top + row_h + L->px.legend_gap;
}

/* ---- the size contract -------------------------------------------------------------------- */

/* A side is bisected to the pixel below this many px; from there, to a 256th (find_size()). */
#define SEARCH_EXACT 4096.0

/* The longest side the search tries: LAYOUT_MAX_SIDE, a PNG's longest, in device px at the
 * figure's scale (at scale 8, 4095 CSS px: review 10 was told "use size 7688x630", which the
 * PNG then refused as 61504 px wide). */
static double max_side(const struct spec *s)
{
    return floor(LAYOUT_MAX_SIDE / fmax(1, s->render.scale));
}

/* The verb for what does not fit: one thing ("1 marker") does, several ("52 category names",
 * "1 event and 2 markers", "the value labels") do. A count of 1 starts the one thing. */
static const char *verb(const char *what)
{
    return strncmp(what, "1 ", 2) == 0 && !strstr(what, " and ") ? "does" : "do";
}

/* Lays out at w x h with the type unit capped at `cap` (0: none) and throws the scene and
 * the warnings away; *fit gets the report. */
static csvchart_status probe(csvchart_layout_fn fn, const void *data, const struct spec *s,
                             const csvchart_text_measurer *m, double w, double h, double cap,
                             struct layout_fit *fit, csvchart_error *err)
{
    struct spec t = *s;
    t.width = w;
    t.height = h;
    t.type_unit_cap = cap;
    struct csvchart_scene scene;
    struct csvchart_warnings warn = {0};
    memset(fit, 0, sizeof *fit);
    fit->probe = true;
    csvchart_status st = fn(data, &t, m, &scene, &warn, fit, err);
    csvchart_scene_fini(&scene);
    csvchart_warnings_fini(&warn);
    return st;
}

/* Whether a canvas that does not fit in its own type may be set in smaller type (layout.h):
 * its type unit is above the least (LAYOUT_TYPE_UNIT_FLOOR), and fit = grow did not ask for
 * full size. */
static bool may_shrink_type(const struct spec *s, double w, double h)
{
    return !s->fit_grow && fmin(w / 1200.0, h / 675.0) > LAYOUT_TYPE_UNIT_FLOOR;
}

/* Whether w x h fits as the command draws it (throwing the scene away): in its own type, or,
 * where may_shrink_type(), in type down to the least. Smaller type is taken to fit where
 * larger does (the search bisects on that everywhere), so the least type alone is tried
 * there: one layout per size, as before. *fit gets the report. */
static csvchart_status try_size(csvchart_layout_fn fn, const void *data, const struct spec *s,
                                const csvchart_text_measurer *m, double w, double h,
                                struct layout_fit *fit, csvchart_error *err)
{
    double cap = may_shrink_type(s, w, h) ? LAYOUT_TYPE_UNIT_FLOOR : 0;
    return probe(fn, data, s, m, w, h, cap, fit, err);
}

/* The largest type unit in [lo, hi] at which the asked size fits (bisected to a 64th: a
 * label's size moves by half a pixel every 32nd), or 0 when lo does not. */
static double bisect_type_unit(csvchart_layout_fn fn, const void *data, const struct spec *s,
                               const csvchart_text_measurer *m, double lo, double hi)
{
    struct layout_fit fit;
    csvchart_error e = {0};
    if (probe(fn, data, s, m, s->width, s->height, lo, &fit, &e) != CSVCHART_OK) {
        return 0;
    }
    while (hi - lo > 1.0 / 64) { /* lo fits, hi does not */
        double mid = (lo + hi) / 2;
        memset(&e, 0, sizeof e);
        if (probe(fn, data, s, m, s->width, s->height, mid, &fit, &e) == CSVCHART_OK) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/*
 * The asked size did not fit in its own type: the largest type unit below the canvas' own at
 * which it fits, or 0 when none does - between the article's and the canvas' own first, then
 * down to LAYOUT_TYPE_UNIT_FLOOR. Smaller type fitting where larger does not is assumed, as
 * everywhere in the size search.
 */
static double largest_type_unit(csvchart_layout_fn fn, const void *data, const struct spec *s,
                                const csvchart_text_measurer *m)
{
    if (!may_shrink_type(s, s->width, s->height)) {
        return 0;
    }
    double own = fmin(s->width / 1200.0, s->height / 675.0);
    if (own > LAYOUT_TYPE_UNIT_LEAST) {
        double u = bisect_type_unit(fn, data, s, m, LAYOUT_TYPE_UNIT_LEAST, own);
        if (u > 0) {
            return u;
        }
    }
    return bisect_type_unit(fn, data, s, m, LAYOUT_TYPE_UNIT_FLOOR,
                            fmin(own, LAYOUT_TYPE_UNIT_LEAST));
}

/*
 * From *w x *h, which does not fit (*fit says why), grows the sides found short by a quarter
 * at a time until the layout fits (CSVCHART_OK, *w x *h the size that does) or a short side
 * reaches LAYOUT_MAX_SIDE (CSVCHART_ERROR_SIZE). *below gets the tallest height tried at the
 * final width that did not fit (0: none), where the bisection of the height starts.
 */
static csvchart_status grow(csvchart_layout_fn fn, const void *data, const struct spec *s,
                            const csvchart_text_measurer *m, struct layout_fit *fit, double *w,
                            double *h, double *below, csvchart_error *err)
{
    *below = *h;
    for (int i = 0; i < 80; i++) {
        /* Four steps on and only the height still short: the tallest canvas, where the type
         * is as large as this width allows (try_size(): the article's, past it) and the room
         * the most it can be. When that is short of height alone too, no height on the way
         * fits (a timeline of 10,000 evenly spread events tried 174 sizes to say so, each a
         * layout of them all); when it fits or needs width, the heights are grown through
         * as before. Not at once: most figures fit within a few steps, and the tallest
         * canvas can be the costliest try (1,000 skewed events: every label measured there,
         * against a few clusters at the size that fits). */
        if (i == 4 && fit->short_h && !fit->short_w && *h < max_side(s)) {
            struct layout_fit top;
            csvchart_error e = {0};
            csvchart_status st = try_size(fn, data, s, m, *w, max_side(s), &top, &e);
            if (st == CSVCHART_ERROR_SIZE && top.short_h && !top.short_w) {
                *h = LAYOUT_MAX_SIDE;
                *fit = top;
                return st;
            }
            if (st != CSVCHART_OK && st != CSVCHART_ERROR_SIZE) {
                *err = e;
                return st;
            }
        }
        bool gw = fit->short_w || !fit->short_h, gh = fit->short_h;
        if ((!gw || *w >= max_side(s)) && (!gh || *h >= max_side(s))) {
            break;
        }
        *below = gw ? 0 : *h;
        *w = gw ? fmin(ceil(*w * 1.25), LAYOUT_MAX_SIDE) : *w;
        *h = gh ? fmin(ceil(*h * 1.25), LAYOUT_MAX_SIDE) : *h;
        csvchart_status st = try_size(fn, data, s, m, *w, *h, fit, err);
        if (st != CSVCHART_ERROR_SIZE) {
            return st;
        }
        *below = *h;
        memset(err, 0, sizeof *err);
    }
    return CSVCHART_ERROR_SIZE;
}

/*
 * The least size that fits, from the asked one, which did not (`first` says why): *w x *h and
 * CSVCHART_OK; CSVCHART_ERROR_SIZE when none up to LAYOUT_MAX_SIDE does; another status (in
 * *err) when a layout failed otherwise. Sizes are tried as the command draws them
 * (try_size(): in smaller type where s allows it).
 */
static csvchart_status find_size(csvchart_layout_fn fn, const void *data, const struct spec *s,
                                 const csvchart_text_measurer *m, const struct layout_fit *first,
                                 double *w, double *h, csvchart_error *err)
{
    /* Grow the sides found short at the size tried last by a quarter, from there, until it
     * fits; then bisect between the requested size and the first that fits. Only one side
     * grows at a time while only one is short: the type scale follows the smaller of
     * width / 1200 and height / 675, so a side grown past 16:9 leaves the type as it is -
     * growing both would scale text and room alike and never fit. Only sizes that were laid
     * out are reported, so the same command at the reported size succeeds. */
    double w0 = s->width, h0 = s->height, fw = w0, fh = h0, below = 0;
    struct layout_fit fit = *first;
    csvchart_status st = grow(fn, data, s, m, &fit, &fw, &fh, &below, err);
    /* The width asked for is usually the column's or the slide's, and height what an editor
     * can give: when growing went astray (a side grown for the other's shortfall scales the
     * type with it: 3840x2160 of 41 names grew both ways to 32767 px and failed, where
     * 3840x3429 holds them), the tallest canvas of that width is tried, unless growing ended
     * there, and bisected down. */
    if (st == CSVCHART_ERROR_SIZE && h0 < max_side(s) && !(fw == w0 && fh >= max_side(s))) {
        fw = w0, fh = max_side(s), below = 0;
        st = try_size(fn, data, s, m, fw, fh, &fit, err);
    }
    /* Type grows with the canvas: when a wide canvas holds the text at no height, a narrower
     * one may (a 3840x2160 slide of many long names: 1920 wide and taller); on a narrow one
     * where text is at its floor, a wider one wraps names in fewer lines; and a smaller canvas
     * both ways sets the text at its floor for the short side to grow from. */
    static const struct {
        double w, h;
    } starts[] = {{0.75, 1}, {0.5, 1}, {1.5, 1},   {2, 1},
                  {0.25, 1}, {3, 1},   {0.5, 0.5}, {0.25, 0.25}};
    for (size_t k = 0; k < sizeof starts / sizeof starts[0] && st == CSVCHART_ERROR_SIZE; k++) {
        double sw = fmax(fmin(floor(w0 * starts[k].w), max_side(s)), 1);
        double sh = fmax(floor(h0 * starts[k].h), 1);
        fw = sw, fh = sh, below = 0;
        st = try_size(fn, data, s, m, fw, fh, &fit, err);
        if (st == CSVCHART_ERROR_SIZE) {
            st = grow(fn, data, s, m, &fit, &fw, &fh, &below, err);
        }
        if (st == CSVCHART_OK) { /* bisect from the smaller of each side */
            w0 = fmin(w0, sw);
            h0 = fmin(h0, sh);
        }
    }
    if (st != CSVCHART_OK) {
        return st;
    }
    /* Bisect each side alone, width first: the least of it that still fits with the height
     * found, then the least height with that width - from the tallest height that failed at
     * that width, when growing left one (at the width found: a narrower canvas may hold what
     * a wider one does not, its type being smaller). To the pixel below SEARCH_EXACT px; above
     * that, to within a 256th of the side (a 10,000-event timeline 25,000 px tall bisected to
     * the pixel took 15 layouts of it, now 6), which no editor reads as a different size:
     * the size named is one that was laid out and fits, as ever. */
    double grown_w = fw;
    for (int side = 0; side < 2; side++) {
        double lo = side ? h0 : w0, hi = side ? fh : fw;
        csvchart_error e0 = {0};
        if (side && fw == grown_w && below > lo) {
            lo = below; /* known to fail */
        } else if (hi > lo && try_size(fn, data, s, m, side ? fw : lo, side ? lo : fh, &fit, &e0) ==
                                  CSVCHART_OK) {
            hi = lo; /* this side needs no growing */
        }
        while (hi - lo > (lo >= SEARCH_EXACT ? floor(lo / 256) : 1)) { /* lo fails, hi fits */
            double mid = floor((lo + hi) / 2);
            memset(err, 0, sizeof *err);
            st = try_size(fn, data, s, m, side ? fw : mid, side ? mid : fh, &fit, err);
            if (st == CSVCHART_OK) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        *(side ? &fh : &fw) = hi;
    }
    memset(err, 0, sizeof *err);
    *w = fw;
    *h = fh;
    return CSVCHART_OK;
}

/*
 * When the size found, w x h, fits only in smaller type (that of a smaller canvas), the
 * refusal says so and names the least size in the asked size's type too (the search as fit =
 * grow makes it), in out: " in smaller type, or 1200x1540 in full-size type". An editor
 * told "use 1200x876" got a figure whose title had shrunk from 26 to 20 px (review 8). Empty
 * when w x h fits in its own type.
 */
static void full_type_size(csvchart_layout_fn fn, const void *data, const struct spec *s,
                           const csvchart_text_measurer *m, const struct layout_fit *first,
                           double w, double h, char *out, size_t n)
{
    struct layout_fit fit;
    csvchart_error e = {0};
    out[0] = '\0';
    if (!may_shrink_type(s, w, h) ||
        probe(fn, data, s, m, w, h, 0, &fit, &e) != CSVCHART_ERROR_SIZE) {
        return;
    }
    struct spec own = *s;
    own.fit_grow = true; /* no smaller type at any size */
    double fw, fh;
    memset(&e, 0, sizeof e);
    /* Named only when its type is no smaller than the asked size's own: the search may end on
     * a narrower canvas, whose own type is smaller too (960x24980 for a 1920x1080 slide). So
     * the tallest canvas of the asked width is tried first: where even it is short of height
     * alone in its own type, no height holds the figure, and the whole search (54 layouts of
     * 10,000 events) is spared; short of width (a long name), wider canvases are searched. */
    bool hopeless =
        probe(fn, data, &own, m, s->width, max_side(s), 0, &fit, &e) == CSVCHART_ERROR_SIZE &&
        fit.short_h && !fit.short_w;
    memset(&e, 0, sizeof e);
    if (!hopeless && find_size(fn, data, &own, m, first, &fw, &fh, &e) == CSVCHART_OK &&
        fmin(fw / 1200.0, fh / 675.0) >= fmin(s->width / 1200.0, s->height / 675.0) - 1e-9) {
        snprintf(out, n, " in smaller type, or %.0fx%.0f in full-size type", fw, fh);
    } else {
        snprintf(out, n, " in smaller type");
    }
}

/* Draws s at its size in the type of unit `cap` (largest_type_unit()), saying so, so that a
 * slide's editor knows the type is not the slide's; `what` is what did not fit in its own. */
static csvchart_status draw_in_type(csvchart_layout_fn fn, const void *data, const struct spec *s,
                                    const csvchart_text_measurer *m, double cap, const char *what,
                                    struct csvchart_scene *scene, struct csvchart_warnings *warn,
                                    csvchart_error *err)
{
    struct spec capped = *s;
    capped.type_unit_cap = cap;
    struct layout_fit fit = {0};
    csvchart_status st = fn(data, &capped, m, scene, warn, &fit, err);
    if (st) {
        csvchart_scene_fini(scene);
        return st;
    }
    csvchart_warnings_add(warn,
                          "%s fit %.0fx%.0f in smaller type: that of a %.0fx%.0f canvas "
                          "(fit = grow keeps this one's type and grows the canvas)",
                          what, s->width, s->height, round(1200 * cap), round(675 * cap));
    return CSVCHART_OK;
}

/*
 * Lays s out at the size asked for: in its own type, else in the largest smaller type that
 * fits there (layout.h, said in a warning). *done when either decided the figure (drawn, or
 * failed otherwise than for its size: the status, *err set); else the scene is empty and
 * *first says what did not fit.
 */
static csvchart_status at_asked_size(csvchart_layout_fn fn, const void *data, const struct spec *s,
                                     const csvchart_text_measurer *m, struct csvchart_scene *scene,
                                     struct csvchart_warnings *warn, struct layout_fit *first,
                                     csvchart_error *err, bool *done)
{
    csvchart_error local = {0};
    csvchart_status st = fn(data, s, m, scene, warn, first, &local);
    *done = st != CSVCHART_ERROR_SIZE;
    if (*done) {
        if (st) {
            csvchart_scene_fini(scene);
            if (err && !err->status) {
                *err = local;
            }
        }
        return st;
    }
    csvchart_scene_fini(scene);
    double cap = largest_type_unit(fn, data, s, m);
    *done = cap > 0;
    return *done ? draw_in_type(fn, data, s, m, cap, first->what, scene, warn, err) : st;
}

csvchart_status csvchart_layout_fit(csvchart_layout_fn fn, const void *data, const struct spec *s,
                                    const csvchart_text_measurer *m, struct csvchart_scene *scene,
                                    struct csvchart_warnings *warn, csvchart_error *err)
{
    /* category_labels = thin names every k-th category only where `all` cannot name them
     * all: at this size in its own type, or in the smaller type the search below would set
     * them in (a review: 55 countries at 1920x1080 were thinned to every 2nd in the slide's
     * type, where `all` drew every name and value in an article's). So `all` is laid out
     * first; only when no type at this size holds it is the thinned layout taken, and where
     * `all` fits the figure is that one, thin or not (the thinned form is never reached). */
    if (s->thin_names) {
        struct spec all = *s;
        all.thin_names = false;
        struct layout_fit whole = {0};
        bool done;
        csvchart_status st = at_asked_size(fn, data, &all, m, scene, warn, &whole, err, &done);
        if (done) {
            return st;
        }
    }
    struct layout_fit first = {0};
    bool done;
    csvchart_status st = at_asked_size(fn, data, s, m, scene, warn, &first, err, &done);
    if (done) {
        return st;
    }

    double fw, fh;
    csvchart_error e2 = {0};
    st = find_size(fn, data, s, m, &first, &fw, &fh, &e2);
    if (st != CSVCHART_OK && st != CSVCHART_ERROR_SIZE) {
        return csvchart_error_set(err, e2.status, e2.file[0] ? e2.file : NULL, e2.line, e2.column,
                                  "%s", e2.message);
    }
    if (st != CSVCHART_OK) {
        /* no size: "or shorten ..." reads as the one way out left */
        const char *hint = strncmp(first.hint, "or ", 3) == 0 ? first.hint + 3 : first.hint;
        char at[64] = "";
        if (s->render.scale > 1) {
            snprintf(at, sizeof at, " (%.0f px at scale %g)", LAYOUT_MAX_SIDE, s->render.scale);
        }
        return csvchart_error_set(
            err, CSVCHART_ERROR_SIZE, NULL, 0, 0,
            "%s %s not fit %.0fx%.0f, nor any size up to %.0f px a side%s%s%s", first.what,
            verb(first.what), s->width, s->height, max_side(s), at, hint[0] ? "; " : "", hint);
    }
    if (!s->fit_grow) {
        char full[96] = "";
        full_type_size(fn, data, s, m, &first, fw, fh, full, sizeof full);
        return csvchart_error_set(err, CSVCHART_ERROR_SIZE, NULL, 0, 0,
                                  "%s %s not fit %.0fx%.0f: use size %.0fx%.0f%s%s%s%s", first.what,
                                  verb(first.what), s->width, s->height, fw, fh, full,
                                  first.hint[0] ? " (" : "", first.hint, first.hint[0] ? ")" : "");
    }
    struct spec grown = *s;
    grown.width = fw;
    grown.height = fh;
    struct layout_fit fit = {0};
    st = fn(data, &grown, m, scene, warn, &fit, err);
    if (st) {
        csvchart_scene_fini(scene);
        return st;
    }
    csvchart_warnings_add(warn, "%s %s not fit %.0fx%.0f: drawn at %.0fx%.0f (fit = grow)",
                          first.what, verb(first.what), s->width, s->height, fw, fh);
    return CSVCHART_OK;
}
