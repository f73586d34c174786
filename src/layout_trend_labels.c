/*
 * layout_trend_labels.c - the words a trend sets around its data: the flags of labelled points
 * and markers (a text block flying from a leader, above the data or under the time axis) and
 * the labels at the ends of the lines (a series' name over the rate of its fit).
 *
 * csvchart_tr_make_flags() and csvchart_tr_make_ends() build them from the bound data once;
 * layout_trend.c places them at each size it tries (the flags in rows with layout_place.c's flag
 * placer, the line-end labels dodged along the column) after measuring them here; then they are
 * drawn here too. A point flies its flag up when fewer other lines stand above it than below (its
 * leader crosses fewer: line_at(), flag_up()), else when it is in the upper half of the value
 * axis.
 */
#include "layout_trend.h"

#include <ctype.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "theme.h"
#include "trend_data.h"

/* ---- text blocks ---------------------------------------------------------------------------- */

double csvchart_tr_line_height(const struct trend_layout *T, const struct text_style *st)
{
    return csvchart_layout_line_height(&T->L, st);
}

/* The style of the last value's label at the end of its line: under the series' name, plain
 * (it is not a second name); alone, as its flag would be. */
static const struct text_style *note_st(const struct trend_layout *T, const struct tr_end *E)
{
    return E->name ? &T->rate_st : T->fl[E->flag - 1].head_st;
}

/* Whether s starts with a dash: "-", an en dash or an em dash. */
static size_t dash_len(const char *s)
{
    if (*s == '-') {
        return 1;
    }
    return strncmp(s, "\xe2\x80\x93", 3) == 0 || strncmp(s, "\xe2\x80\x94", 3) == 0 ? 3 : 0;
}

/*
 * The last value's label as its line-end label writes it, under the series' name: without
 * the name where it starts with it and goes on as a note ("Claude 3.5 Sonnet 85%" says "85%",
 * "Llama 3.1: record" and "Llama 3.1 - record" say "record"; a label that is only the name
 * says nothing more); else whole: a word after the name names something else ("GPT-4o mini"
 * under "GPT-4o"), as does a name that goes on past its end ("Pro-002" after "Pro").
 */
static const char *end_note(const struct trend_layout *T, const struct tr_end *E)
{
    const char *head = T->fl[E->flag - 1].head;
    size_t n = E->name ? strlen(E->name) : 0;
    if (n == 0 || strncmp(head, E->name, n) != 0) {
        return head;
    }
    const char *rest = head + n;
    if (*rest == ',' || *rest == ':' || *rest == ';') {
        rest++;
    } else if (*rest == ' ') {
        while (*rest == ' ') {
            rest++;
        }
        size_t d = dash_len(rest);
        if (d) {
            rest += d;
        } else if (isalpha((unsigned char)*rest) || (unsigned char)*rest >= 0x80) {
            return head; /* a word: "GPT-4o mini" */
        }
    } else if (*rest) {
        return head;
    }
    while (*rest == ' ') {
        rest++;
    }
    return rest;
}

/* Lines of `s` at `wrap` (at most `most`), widening *w to the widest; *whole false when
 * `s` needs more lines than that, or has a word wider than `wrap`. */
static size_t lines_of(const struct trend_layout *T, const struct text_style *st, const char *s,
                       double wrap, size_t most, double *w, bool *whole)
{
    double widest;
    size_t n = csvchart_layout_lines(&T->L, st, s, wrap, most, &widest);
    *whole = *whole && n <= most && csvchart_layout_widest_word(&T->L, st, s) <= wrap;
    n = n < most ? n : most;
    *w = fmax(*w, fmin(widest, wrap));
    return n ? n : 1;
}

/* The first baseline of a paragraph whose lines start at `top`: on a device pixel, never
 * above what `top` allows (as the timeline's blocks). */
static double first_baseline(const struct trend_layout *T, double top, const struct text_style *st)
{
    return ceil((top + csvchart_layout_ascent(&T->L, st)) * T->L.scale - 1e-6) / T->L.scale;
}

/* One flag's lines at `wrap`, its label in at most `label_lines`; false when it needs more
 * or has a word wider than the wrap. */
static bool measure_flag(const struct trend_layout *T, struct tr_flag *F, double wrap,
                         size_t label_lines)
{
    bool whole = true;
    F->w = 0;
    F->wrap = wrap;
    /* a marker's date in a line, a span's two in two ("Nov 2021 –" / "Feb 2023"); a point's
     * value in one */
    size_t head_lines = !F->marker ? label_lines : T->d->markers[F->index].span ? 2 : 1;
    F->nhead = lines_of(T, F->head_st, F->head, wrap, head_lines, &F->w, &whole);
    F->nbody = lines_of(T, F->body_st, F->body, wrap, F->marker ? label_lines : 1, &F->w, &whole);
    F->h = (double)F->nhead * csvchart_tr_line_height(T, F->head_st) +
           (double)F->nbody * csvchart_tr_line_height(T, F->body_st) + 2 / T->L.scale;
    return whole;
}

/*
 * A label too long for TR_FLAG_LINES lines at the wrap takes more lines, then a wider wrap:
 * at a phone's width the wrap is its least (flag_wrap at g = 0.5, 100 px) whatever the height,
 * so a label of 65 characters fitted no height and the only size named was twice as wide
 * (review 5: "use size 857x600" for 400x600); in more lines it takes height, which the rows of
 * flags have when the canvas is tall enough.
 */
bool csvchart_tr_measure_flags(struct trend_layout *T, double wrap, double roomy)
{
    bool whole = true;
    for (size_t i = 0; i < T->nfl; i++) {
        struct tr_flag *F = &T->fl[i];
        if (!measure_flag(T, F, wrap, TR_FLAG_LINES) &&
            !measure_flag(T, F, wrap, TR_FLAG_LINES_MAX) &&
            !measure_flag(T, F, fmax(wrap, roomy), TR_FLAG_LINES_MAX)) {
            whole = false;
        }
    }
    return whole;
}

void csvchart_tr_draw_flag(struct trend_layout *T, const struct tr_flag *F)
{
    double wrap = F->wrap;
    struct layout *L = &T->L;
    const struct theme *th = &T->s->theme;
    enum text_anchor an = F->side == 1 ? TEXT_ANCHOR_END : TEXT_ANCHOR_START;
    double x = F->side == 1 ? F->bx + F->w : F->bx;
    csvchart_rgba head_c = F->marker ? th->subtitle : T->text_color[F->series];
    csvchart_rgba body_c = F->marker ? th->text : th->faint;
    double base = first_baseline(T, F->by, F->head_st);
    csvchart_layout_paragraph(L, F->head_st, head_c, F->head, x, base, wrap, F->nhead, an);
    double lh = csvchart_tr_line_height(T, F->head_st);
    double y = base - csvchart_layout_ascent(L, F->head_st) + (double)F->nhead * lh;
    base = first_baseline(T, y, F->body_st);
    csvchart_layout_paragraph(L, F->body_st, body_c, F->body, x, base, wrap, F->nbody, an);
}

/* The line-end labels' texts and sizes at `wrap`; false when a word does not fit it. */
bool csvchart_tr_measure_ends(struct trend_layout *T, double wrap)
{
    bool whole = true; /* checked before, word by word and in lines */
    for (size_t i = 0; i < T->nends; i++) {
        struct tr_end *E = &T->ends[i];
        E->w = 0;
        E->nname = E->nrate = 0;
        if (E->name) {
            if (csvchart_layout_widest_word(&T->L, &T->name_st, E->name) > wrap) {
                return false;
            }
            size_t n =
                csvchart_layout_lines(&T->L, &T->name_st, E->name, wrap, TR_END_NAME_LINES, NULL);
            if (n > TR_END_NAME_LINES) {
                return false;
            }
            E->nname = lines_of(T, &T->name_st, E->name, wrap, TR_END_NAME_LINES, &E->w, &whole);
        }
        E->nnote = E->nvalue = 0;
        if (E->flag) { /* the last value's label and value, as its flag would say them */
            const struct tr_flag *F = &T->fl[E->flag - 1];
            bool all = true;
            const char *note = end_note(T, E);
            E->nnote =
                *note ? lines_of(T, note_st(T, E), note, wrap, TR_FLAG_LINES, &E->w, &all) : 0;
            E->nvalue = lines_of(T, F->body_st, F->body, wrap, 1, &E->w, &all);
            if (!all) {
                return false;
            }
        }
        if (E->rate[0]) {
            if (csvchart_layout_widest_word(&T->L, &T->rate_st, E->rate) > wrap ||
                csvchart_layout_lines(&T->L, &T->rate_st, E->rate, wrap, TR_END_RATE_LINES, NULL) >
                    TR_END_RATE_LINES) {
                return false;
            }
            E->nrate = lines_of(T, &T->rate_st, E->rate, wrap, TR_END_RATE_LINES, &E->w, &whole);
        }
        E->h = (double)E->nname * csvchart_tr_line_height(T, &T->name_st) +
               (double)E->nrate * csvchart_tr_line_height(T, &T->rate_st) + 2 / T->L.scale;
        if (E->flag) {
            const struct tr_flag *F = &T->fl[E->flag - 1];
            E->h += (double)E->nnote * csvchart_tr_line_height(T, note_st(T, E)) +
                    (double)E->nvalue * csvchart_tr_line_height(T, F->body_st);
        }
    }
    return true;
}

int csvchart_tr_by_series(const void *pa, const void *pb)
{
    const struct tr_end *a = pa, *b = pb;
    return a->series < b->series ? -1 : a->series > b->series;
}

int csvchart_tr_by_want(const void *pa, const void *pb)
{
    const struct tr_end *a = pa, *b = pb;
    if (a->want != b->want) {
        return a->want < b->want ? -1 : 1;
    }
    return a->series < b->series ? -1 : a->series > b->series;
}

/* ---- drawing ------------------------------------------------------------------------------- */

void csvchart_tr_draw_ends(struct trend_layout *T)
{
    struct layout *L = &T->L;
    const struct theme *th = &T->s->theme;
    for (size_t i = 0; i < T->nends; i++) {
        const struct tr_end *E = &T->ends[i];
        const struct text_style *first = csvchart_tr_end_first(T, E);
        double mid = E->top + csvchart_tr_line_height(T, first) / 2;
        /* A leader when the label moved off its line's level, or the line ends short of the
         * plot's right edge: along the line's level to the plot's edge, dotted (solid, it read
         * as the series going on flat: a review took a lone 2020 survey for a line to 2024),
         * then to the label. */
        double xa = E->x_end + T->r + T->px.end_lead, xb = T->col_x - T->px.end_lead;
        if (fabs(mid - E->y_end) > 1 || E->x_end < T->px1 - T->r - 2) {
            double xm = fmax(xa, T->px1 + T->px.end_lead);
            double y0 = csvchart_layout_snap(L, E->y_end, T->px.leader);
            if (xm > xa) {
                struct scene_item *it =
                    csvchart_layout_soft_line(L, xa, y0, xm, y0, th->muted, T->px.leader);
                if (it && xm - xa > 4 * T->px.end_dash) { /* a short joint stays solid */
                    it->dash = T->px.end_dash;
                }
            }
            if (T->lanes < 2 || fabs(mid - y0) <= 1) {
                csvchart_layout_soft_line(L, xm, y0, xb, mid, th->muted, T->px.leader);
            } else { /* level to its lane, across it, level into the label (leader_lanes()) */
                /* the lanes from where every leader has started (a rule's at the plot's
                 * edge, a dot's radius later than a line's) */
                double x_lanes = T->px1 + T->px.end_lead + T->r;
                double pitch = (xb - 2 - x_lanes) / (double)T->lanes;
                double x0 = fmax(xm, x_lanes + (double)E->lane * pitch);
                if (x0 > xm) {
                    csvchart_layout_soft_line(L, xm, y0, x0, y0, th->muted, T->px.leader);
                }
                csvchart_layout_soft_line(L, x0, y0, x0 + pitch, mid, th->muted, T->px.leader);
                csvchart_layout_soft_line(L, x0 + pitch, mid, xb, mid, th->muted, T->px.leader);
            }
        }
        csvchart_rgba c = E->rule ? th->subtitle : T->text_color[E->series];
        double y = E->top;
        if (E->name) {
            double base = first_baseline(T, y, &T->name_st);
            csvchart_layout_paragraph(L, &T->name_st, c, E->name, T->col_x, base, T->col_w,
                                      E->nname, TEXT_ANCHOR_START);
            y = base - csvchart_layout_ascent(L, &T->name_st) +
                (double)E->nname * csvchart_tr_line_height(T, &T->name_st);
        }
        if (E->flag) {
            const struct tr_flag *F = &T->fl[E->flag - 1];
            const struct text_style *st = note_st(T, E);
            if (E->nnote) {
                double base = first_baseline(T, y, st);
                csvchart_layout_paragraph(L, st, E->name ? th->text : c, end_note(T, E), T->col_x,
                                          base, T->col_w, E->nnote, TEXT_ANCHOR_START);
                y = base - csvchart_layout_ascent(L, st) +
                    (double)E->nnote * csvchart_tr_line_height(T, st);
            }
            double base = first_baseline(T, y, F->body_st);
            csvchart_layout_paragraph(L, F->body_st, th->faint, F->body, T->col_x, base, T->col_w,
                                      E->nvalue, TEXT_ANCHOR_START);
            y = base - csvchart_layout_ascent(L, F->body_st) +
                (double)E->nvalue * csvchart_tr_line_height(T, F->body_st);
        }
        if (E->rate[0]) {
            double base = first_baseline(T, y, &T->rate_st);
            csvchart_layout_paragraph(L, &T->rate_st, E->name ? th->text : c, E->rate, T->col_x,
                                      base, T->col_w, E->nrate, TEXT_ANCHOR_START);
        }
    }
}

/* ---- flags and labels from the data ------------------------------------------------------- */

/*
 * Where the line of series ts is at time t, as a fraction of the value axis; false where it
 * has no line (before its first value, after its last, or across a missing one).
 */
static bool line_at(const struct trend_layout *T, const struct trend_series *ts, double t,
                    double *f)
{
    for (size_t k = 0; k + 1 < ts->n; k++) {
        const struct trend_point *a = &ts->p[k], *b = &ts->p[k + 1];
        if (t >= a->t && t <= b->t && a->has && b->has) {
            double fa = csvchart_tr_frac(T, a->v), fb = csvchart_tr_frac(T, b->v);
            *f = b->t > a->t ? fa + (fb - fa) * (t - a->t) / (b->t - a->t) : fa;
            return true;
        }
    }
    return false;
}

/*
 * Whether a labelled point flies its flag above the data: towards the side where fewer other
 * lines stand at its time (its leader crosses fewer of them), else the half of the value axis
 * it is in. Measured on the axis' fractions, so it does not depend on the size.
 */
size_t csvchart_tr_lines_past(const struct trend_layout *T, size_t series,
                              const struct trend_point *p, bool up)
{
    double f = csvchart_tr_frac(T, p->v), g;
    size_t n = 0;
    for (size_t j = 0; j < T->d->nseries; j++) {
        if (j != series && line_at(T, &T->d->series[j], p->t, &g)) {
            n += up ? g > f : g < f;
        }
    }
    return n;
}

static bool flag_up(const struct trend_layout *T, size_t series, const struct trend_point *p)
{
    size_t above = csvchart_tr_lines_past(T, series, p, true);
    size_t below = csvchart_tr_lines_past(T, series, p, false);
    return above != below ? above < below : csvchart_tr_frac(T, p->v) >= 0.5;
}

/* Appends s to buf (holding `used` bytes of n), its spaces as no-break spaces unless `breaks`;
 * returns the new length. */
static size_t put_text(char *buf, size_t used, size_t n, const char *s, bool breaks)
{
    for (const char *c = s; *c && used + 3 < n; c++) {
        if (*c == ' ' && !breaks) {
            memcpy(buf + used, "\xc2\xa0", 2);
            used += 2;
        } else {
            buf[used++] = *c;
        }
    }
    buf[used] = '\0';
    return used;
}

/*
 * A span's dates for its flag's head, what both ends share said once: "Feb–Apr 2020",
 * "Nov 2021 – Feb 2023", times of one day "10 Mar 2025, 16:00–18:00 UTC", of two days
 * "10 Mar 2025, 16:00 – 11 Mar 2025, 18:00 UTC". A line may break at a spaced dash, or after
 * the comma before one day's times, never inside a date (no-break spaces there): the head
 * has two lines. The year is shared only between dates without a time: the last word of a
 * date-time given with an offset is "UTC" (a time without one has no zone), and "1 May 2023,
 * 10:00–20 Aug 2023, 10:00 UTC" was one unbreakable word wider than any flag, so every such span
 * was refused at every size (review 4).
 */
static void span_head(const struct trend_layout *T, const struct trend_marker *m, char *out,
                      size_t n)
{
    const struct csvchart_locale *loc = T->s->locale;
    const struct date_value *da = &m->date, *db = &m->end;
    bool ta = da->precision == DATE_TIME, tb = db->precision == DATE_TIME;
    char a[96], b[96];
    const char *sep = " \xe2\x80\x93 ";
    if (ta && tb && da->days == db->days) { /* the date once, then the times */
        csvchart_date_format_span_in(loc, da, db, a, sizeof a);
        char *comma = strrchr(a, ',');
        if (comma && comma[1] == ' ') {
            snprintf(b, sizeof b, "%s", comma + 2);
            comma[1] = '\0';
            sep = " ";
        } else {
            b[0] = '\0';
            sep = "";
        }
    } else {
        csvchart_date_format_in(loc, da, false, a, sizeof a);
        csvchart_date_format_in(loc, db, false, b, sizeof b);
        char *ya = strrchr(a, ' ');
        const char *yb = strrchr(b, ' ');
        if (ta && tb && da->zoned && db->zoned && ya) { /* "UTC" once */
            *ya = '\0';
        } else if (!ta && !tb && ya && yb && strcmp(ya, yb) == 0) {
            *ya = '\0'; /* the year once, the dash unspaced */
            sep = "\xe2\x80\x93";
        }
    }
    size_t used = put_text(out, 0, n, a, false);
    used = put_text(out, used, n, sep, true);
    put_text(out, used, n, b, false);
}

/* The flags: every labelled point with a value, then every marker; sorted along the axis. */
bool csvchart_tr_make_flags(struct trend_layout *T)
{
    const struct trend_data *d = T->d;
    size_t n = d->nmarkers;
    for (size_t i = 0; i < d->nseries; i++) {
        for (size_t k = 0; k < d->series[i].n; k++) {
            n += d->series[i].p[k].label && d->series[i].p[k].has;
        }
    }
    T->fl = calloc(n ? n : 1, sizeof *T->fl);
    T->pf = calloc(n ? n : 1, sizeof *T->pf);
    T->up_h = calloc(n ? n : 1, sizeof *T->up_h);
    T->dn_h = calloc(n ? n : 1, sizeof *T->dn_h);
    if (!T->fl || !T->pf || !T->up_h || !T->dn_h) {
        return false;
    }
    double *vals = malloc(sizeof *vals);
    for (size_t i = 0; i < d->nseries && vals; i++) {
        const struct trend_series *ts = &d->series[i];
        /* a labelled value is written as its series writes its values ("27" beside a
         * series of "3.9"), with one plan for the series */
        struct label_plan plan = T->values;
        double *more = realloc(vals, (ts->n ? ts->n : 1) * sizeof *vals);
        if (!more) {
            free(vals);
            vals = NULL;
            break;
        }
        vals = more;
        size_t nv = 0;
        for (size_t k = 0; k < ts->n; k++) {
            if (ts->p[k].has) {
                vals[nv++] = ts->p[k].v;
            }
        }
        struct value_format f = T->values.f;
        f.unit.decimals = ts->decimals;
        csvchart_format_plan_points(&f, vals, nv, d->computed, T->values.si, &plan);
        for (size_t k = 0; k < ts->n; k++) {
            const struct trend_point *p = &ts->p[k];
            if (!p->label || !p->has) {
                continue;
            }
            struct tr_flag *F = &T->fl[T->nfl++];
            *F = (struct tr_flag){.series = i, .index = k, .t = p->t, .v = p->v};
            csvchart_format_planned(&plan, p->v, F->text, sizeof F->text);
            F->head_st = &T->flag_st;
            F->body_st = &T->value_st;
            F->up_pref = flag_up(T, i, p);
        }
    }
    bool ok = vals != NULL;
    free(vals);
    if (!ok) {
        return false;
    }
    for (size_t i = 0; i < d->nmarkers; i++) {
        struct tr_flag *F = &T->fl[T->nfl++];
        *F = (struct tr_flag){.marker = true, .index = i, .t = d->markers[i].t, .up_pref = true};
        csvchart_date_format_in(T->s->locale, &d->markers[i].date, false, F->text, sizeof F->text);
        if (d->markers[i].span) { /* "Feb–Apr 2020", "Nov 2021 – Feb 2023" */
            span_head(T, &d->markers[i], F->text, sizeof F->text);
        }
        F->head_st = &T->date_st;
        F->body_st = &T->flag_st;
    }
    /* along the axis; ties: points before markers, then in series and file order */
    for (size_t i = 1; i < T->nfl; i++) {
        struct tr_flag f = T->fl[i];
        size_t j = i;
        while (j > 0 && T->fl[j - 1].t > f.t) {
            T->fl[j] = T->fl[j - 1];
            j--;
        }
        T->fl[j] = f;
    }
    /* The texts, now that the flags stay where they are (a flag's own text is in it). */
    for (size_t i = 0; i < T->nfl; i++) {
        struct tr_flag *F = &T->fl[i];
        if (F->marker) {
            F->head = F->text;
            F->body = d->markers[F->index].label;
        } else {
            F->head = d->series[F->series].p[F->index].label;
            F->body = F->text;
        }
    }
    return true;
}

/* The line-end labels: a name for each series when there are several, the rate of each fit. */
bool csvchart_tr_make_ends(struct trend_layout *T)
{
    const struct trend_data *d = T->d;
    size_t cap = d->nseries + T->s->nrules + T->s->nbands;
    T->ends = calloc(cap ? cap : 1, sizeof *T->ends);
    T->dodge_buf = malloc(3 * (cap ? cap : 1) * sizeof *T->dodge_buf);
    if (!T->ends || !T->dodge_buf) {
        return false;
    }
    size_t drawn = 0; /* series with a value: a series of missing values draws nothing */
    for (size_t i = 0; i < d->nseries; i++) {
        drawn += d->series[i].nvalues > 0;
    }
    for (size_t i = 0; i < d->nseries; i++) {
        const struct trend_series *ts = &d->series[i];
        /* the label of a series' last value goes to the end of its line, where the series is
         * named: a flag there ran its leader down the plot's edge past the other lines' ends */
        size_t last = ts->n, flag = 0;
        while (last > 0 && !ts->p[last - 1].has) {
            last--;
        }
        for (size_t f = 0; f < T->nfl && last; f++) {
            const struct tr_flag *F = &T->fl[f];
            flag = !F->marker && F->series == i && F->index == last - 1 ? f + 1 : flag;
        }
        if (ts->nvalues == 0 || (drawn == 1 && !ts->has_fit && !flag)) {
            continue;
        }
        struct tr_end *E = &T->ends[T->nends++];
        E->series = i;
        E->flag = E->flag0 = flag;
        if (flag) {
            T->fl[flag - 1].at_end = true;
        }
        E->name = drawn > 1 ? ts->name : NULL;
        if (ts->has_fit) {
            csvchart_error e = {0};
            csvchart_trend_text_in(T->s->locale, &ts->rate, T->s->trend_label, ts->name, E->rate,
                                   sizeof E->rate, &e); /* checked when bound */
        }
    }
    /* a reference line's or band's label: its text, or its value (a band's two) */
    for (size_t k = 0; k < T->s->nrules + T->s->nbands; k++) {
        struct tr_end *E = &T->ends[T->nends++];
        E->rule = true;
        E->series = d->nseries + k;
        const struct ref_mark *r = csvchart_tr_ref(T, E);
        char a[64], b[64];
        csvchart_format_planned(&T->values, r->lo, a, sizeof a);
        csvchart_format_planned(&T->values, r->hi, b, sizeof b);
        if (*r->label) {
            snprintf(E->rate, sizeof E->rate, "%s", r->label);
        } else if (r->lo == r->hi) {
            snprintf(E->rate, sizeof E->rate, "%s", a);
        } else {
            snprintf(E->rate, sizeof E->rate, "%s\xe2\x80\x93%s", a, b); /* an en dash */
        }
    }
    return true;
}

const struct text_style *csvchart_tr_end_first(const struct trend_layout *T, const struct tr_end *E)
{
    return E->name ? &T->name_st : E->flag ? T->fl[E->flag - 1].head_st : &T->rate_st;
}

const struct ref_mark *csvchart_tr_ref(const struct trend_layout *T, const struct tr_end *E)
{
    size_t k = E->series - T->d->nseries;
    return csvchart_spec_ref(T->s, k);
}

double csvchart_tr_ref_y(const struct trend_layout *T, const struct ref_mark *r)
{
    return (csvchart_tr_value_y(T, r->lo) + csvchart_tr_value_y(T, r->hi)) / 2;
}
