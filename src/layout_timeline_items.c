/*
 * layout_timeline_items.c - the items a timeline places, and their text blocks: each event
 * alone, or close events gathered into clusters (step d of the ladder in layout_timeline.c),
 * and for each item its date, label and detail (or a cluster's heading and names) wrapped,
 * measured and drawn.
 *
 * The ladder measures the same blocks at a few wrap widths and sizes over and over, and a fit
 * search repeats the ladder, so each event's wrapped lines are remembered (memo_lines()) in
 * timeline_data.scratch. Ties break on file order; nothing depends on hashing.
 */
#include "layout_timeline.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "words.h"

/* A cluster is this many times as dense as the events overall (or its events share an instant). */
#define CLUSTER_DENSITY 4.0
#define NAME_SEP "; "
#define NAME_TAIL 4 /* bytes: a cluster's name's last word this short keeps to the one before */

/* ---- the hint of a count by period --------------------------------------------------------- */

const char *csvchart_tl_period_hint(const struct timeline_data *d, double *crowded_days)
{
    size_t n = 0;
    double *at = malloc(d->nevents * sizeof *at);
    if (!at) {
        return NULL;
    }
    for (size_t i = 0; i < d->nevents; i++) {
        if (!d->events[i].marker) {
            at[n++] = d->events[i].at; /* sorted by start, so by `at` too */
        }
    }
    const char *unit = NULL;
    size_t half = (n + 1) / 2;
    if (n >= 10) {
        double span = at[n - 1] - at[0], w = span;
        for (size_t i = 0; i + half <= n; i++) {
            w = fmin(w, at[i + half - 1] - at[i]);
        }
        if (span > 0 && w <= span / 20) {
            unit = span <= 100        ? "day"
                   : span <= 2 * 366  ? "week"
                   : span <= 8 * 366  ? "month"
                   : span <= 25 * 366 ? "quarter"
                                      : "year";
            *crowded_days = fmax(1, ceil(w));
            /* A crowd within one such period would be one bar: 46 election-night events among
             * six months' milestones, counted by week (graphics desk review). */
            double period = unit[0] == 'd'   ? 1
                            : unit[0] == 'w' ? 7
                            : unit[0] == 'm' ? 30.4
                            : unit[0] == 'q' ? 91.3
                                             : 365.2;
            if (w < period) {
                unit = "";
            }
        }
    }
    free(at);
    return unit;
}

/* ---- items: events and clusters ------------------------------------------------------------ */

void csvchart_tl_free_items(struct timeline *T)
{
    for (size_t i = 0; i < T->n; i++) {
        free(T->it[i].names);
        free(T->it[i].all);
        free(T->it[i].heading);
    }
    T->n = 0;
}

/* An item for event i alone. */
static struct tl_item event_item(const struct timeline *T, size_t i)
{
    const struct timeline_event *e = &T->d->events[i];
    struct tl_item P = {.e = e, .first = i, .count = 1, .t0 = e->t0, .t1 = e->t1, .at = e->at};
    P.span = e->has_end;
    P.marker = e->marker && !e->note;
    P.note = e->note;
    P.banded = !e->has_end && !e->marker && T->bands &&
               (e->start.precision == DATE_MONTH || e->start.precision == DATE_YEAR);
    P.group = e->group;
    P.color =
        e->marker ? T->s->theme.subtitle : T->s->theme.palette[e->group % T->s->theme.npalette];
    P.label = e->label;
    P.detail = e->detail;
    P.date = T->dates[i];
    return P;
}

static int by_at(const void *pa, const void *pb)
{
    const struct tl_item *a = pa, *b = pb;
    if (a->at != b->at) {
        return a->at < b->at ? -1 : 1;
    }
    return a->first < b->first ? -1 : a->first > b->first;
}

/*
 * Passes 1 and 2 of csvchart_tl_build_items() for closeness `cluster` (< 0: none): writes each
 * event's item number into cid[] and returns the number of items. No strings, no item structs: the
 * ladder counts a closeness's items with it before deciding to build them.
 */
size_t csvchart_tl_cluster_runs(const struct timeline *T, double cluster, size_t *cid,
                                struct tl_run *run, size_t *open)
{
    const struct timeline_data *d = T->d;
    size_t n = d->nevents, nkeys = T->lanes ? (d->ngroups ? d->ngroups : 1) : 1;
    for (size_t k = 0; k < nkeys; k++) {
        open[k] = (size_t)-1;
    }
    double shown = T->tmax - T->tmin, cap = TL_CLUSTER_SHARE * shown;
    double dense = CLUSTER_DENSITY * (double)n / shown; /* events per day */
    /* Pass 1: runs of close events. */
    size_t nrun = 0;
    for (size_t i = 0; i < n; i++) {
        const struct timeline_event *e = &d->events[i];
        size_t key = T->lanes ? e->group : 0, o = open[key];
        if (cluster >= 0 && !e->has_end && !e->marker && o != (size_t)-1 &&
            e->at - run[o].last_at <= cluster && e->at - run[o].first_at <= cap) {
            cid[i] = o;
            run[o].count++;
            run[o].last_at = e->at;
            run[o].group = run[o].group == e->group ? e->group : (size_t)-1;
            continue;
        }
        cid[i] = nrun;
        run[nrun] = (struct tl_run){1, e->group, (size_t)-1, e->at, e->at};
        if (!e->has_end && !e->marker) {
            open[key] = nrun;
        }
        nrun++;
    }
    /* Pass 2: the runs kept as clusters keep one item; every other event gets its own. */
    size_t items = 0;
    for (size_t i = 0; i < n; i++) {
        struct tl_run *r = &run[cid[i]];
        double span = r->last_at - r->first_at;
        bool keep = span < 1e-9 ? r->count > 1
                                : r->count > 2 && (double)r->count / fmax(span, 1.0 / 24) >= dense;
        if (!keep) {
            cid[i] = items++;
            continue;
        }
        if (r->id == (size_t)-1) {
            r->id = items++;
        }
        cid[i] = r->id;
    }
    return items;
}

/* The closeness of events that may share a cluster, in days, tried in this order. */
const double csvchart_tl_closeness[TL_NCLOSENESS] = {
    0,      1,     2,    4,      7,    14,    30.44, 61,    91.3,   182.6,
    365.25, 730.5, 1826, 3652.5, 7305, 18262, 36525, 73050, 182625, 365250};

/* How many items csvchart_tl_closeness[c] makes (csvchart_tl_cluster_runs()). It depends on the
 * data, the time shown and lanes only, and a fit search asks at every size it tries (180 layouts of
 * 18 counts over 10,000 events were half a refusal's time): the counts are remembered in the
 * scratch, for the time shown and lanes they were counted for. */
size_t csvchart_tl_cluster_count(struct timeline *T, size_t c)
{
    struct tl_counts *k = T->counts;
    if (!k) {
        return csvchart_tl_cluster_runs(T, csvchart_tl_closeness[c], T->cid, T->runs, T->open);
    }
    if (k->tmin != T->tmin || k->tmax != T->tmax || k->lanes != T->lanes) {
        *k = (struct tl_counts){.tmin = T->tmin, .tmax = T->tmax, .lanes = T->lanes};
    }
    if (!(k->known >> c & 1)) {
        k->n[c] = csvchart_tl_cluster_runs(T, csvchart_tl_closeness[c], T->cid, T->runs, T->open);
        k->known |= 1u << c;
    }
    return k->n[c];
}

/*
 * The items of a configuration: one per event, or with cfg.cluster >= 0 point events whose
 * successive dates are at most cfg.cluster days apart gathered into one cluster (with lanes,
 * only events of one group). A cluster is kept only when it is a real crowd: its events share
 * an instant, or at least three are CLUSTER_DENSITY times as dense as the events overall, and
 * it spans at most TL_CLUSTER_SHARE of the time shown; the events of any other run stay single
 * (evenly crowded data is refused with a size, not lumped into years). T->member lists each
 * cluster's events in order; item.first indexes it. Returns false when out of memory.
 */
bool csvchart_tl_build_items(struct timeline *T)
{
    const struct timeline_data *d = T->d;
    size_t n = d->nevents;
    csvchart_tl_free_items(T);
    if (!csvchart_array_reserve((void **)&T->it, &T->cap, n, sizeof *T->it)) {
        return false;
    }
    size_t *cid = T->cid, *fill = calloc(n + 1, sizeof *fill);
    if (!fill) {
        return false;
    }
    T->n = csvchart_tl_cluster_runs(T, T->cfg.cluster, cid, T->runs, T->open);
    /* Pass 3: members in order (a counting sort by item); items from their members. */
    for (size_t i = 0; i < n; i++) {
        fill[cid[i] + 1]++;
    }
    for (size_t j = 0; j < T->n; j++) {
        fill[j + 1] += fill[j];
    }
    for (size_t i = 0; i < n; i++) {
        T->member[fill[cid[i]]++] = i;
    }
    size_t start = 0;
    for (size_t j = 0; j < T->n; j++) {
        size_t count = fill[j] - start; /* fill[j] is now the end of item j's members */
        struct tl_item *P = &T->it[j];
        if (count == 1) {
            *P = event_item(T, T->member[start]);
            start += count;
            continue;
        }
        const struct timeline_event *a = &d->events[T->member[start]];
        const struct timeline_event *b = &d->events[T->member[start + count - 1]];
        size_t group = a->group; /* one group, or none */
        for (size_t k = 1; k < count; k++) {
            group = d->events[T->member[start + k]].group == group ? group : (size_t)-1;
        }
        *P = (struct tl_item){.first = start,
                              .count = count,
                              .t0 = a->at,
                              .t1 = b->at,
                              .at = (a->at + b->at) / 2,
                              .group = group};
        P->color = group != (size_t)-1 ? T->s->theme.palette[group % T->s->theme.npalette]
                                       : T->s->theme.subtitle;
        start += count; /* the heading is written when the item is measured (cluster_heading) */
    }
    /* Spans sit at their start, clusters at their middle: keep the items in that order
     * (without clusters they are in the events' order already). */
    if (T->n < n) {
        qsort(T->it, T->n, sizeof *T->it, by_at);
    }
    free(fill);
    return true;
}

/* ---- text blocks --------------------------------------------------------------------------- */

/* Lines `s` takes at `wrap` (at most max), widening *w to the widest. */
static size_t lines_of(const struct timeline *T, const struct text_style *st, const char *s,
                       double wrap, size_t max, double *w)
{
    struct text_line lines[TL_ALL_NAMES_LINES + 1]; /* the most lines any text is given */
    max = max < TL_ALL_NAMES_LINES ? max : TL_ALL_NAMES_LINES;
    size_t need = csvchart_text_wrap(T->L.m, st, s, wrap, lines, max);
    size_t n = need < max ? need : max;
    for (size_t i = 0; i < n; i++) {
        *w = fmax(*w, lines[i].width);
    }
    if (need > n) { /* the last line gets an ellipsis: allow for its width */
        *w = fmax(*w, wrap);
    }
    return n;
}

/*
 * A cluster's heading, its dates and its count ("29 Apr - 3 May 2025: 58 events"), made when
 * the item is first measured: a fit search builds the items at every size it tries and most
 * tries are refused before anything is measured (10,000 events: half the time of a refusal
 * went to formatting the headings of clusters nobody measured). NULL when out of memory.
 */
static char *cluster_heading(const struct timeline *T, const struct tl_item *P)
{
    const struct timeline_event *a = &T->d->events[T->member[P->first]];
    const struct timeline_event *b = &T->d->events[T->member[P->first + P->count - 1]];
    char dates[96]; /* a span of one period, or of one minute, names it once */
    csvchart_date_format_span_in(T->s->locale, &a->start, &b->start, dates, sizeof dates);
    char heading[160];
    /* "3 events" stays on one line (a no-break space); "3 Ereignisse" in German (words.h) */
    csvchart_words_fill(csvchart_words_get(T->s->locale)->cluster, dates, P->count, heading,
                        sizeof heading);
    return csvchart_strdup(heading);
}

/*
 * A cluster's names: the first of its events' labels, whole, up to `most` (TL_NAMES_CHARS, more
 * where the room allows, SIZE_MAX: all) in all (at least one; each name counts twice its
 * bytes after the first, as the room its no-break spaces may take), then how many more: "OpenAI o3;
 * Gemini 2.5 Pro and 56 more". The text does not depend on the wrap width, so the ladder's many
 * widths share one string (shaped once; only its lines differ), and the block shows as many lines
 * of it as TL_CLUSTER_LINES.
 */
static char *cluster_names(struct timeline *T, const struct tl_item *P, size_t most)
{
    const struct timeline_data *d = T->d;
    size_t fit = 0, chars = 0;
    while (fit < P->count) {
        size_t len = strlen(d->events[T->member[P->first + fit]].label);
        if (fit > 0 && chars + len > most) {
            break;
        }
        chars += 2 * len + 2; /* room for a no-break space (2 bytes) at each space */
        fit++;
    }
    const char *more = csvchart_words_get(T->s->locale)->and_more;
    size_t len = chars + strlen(more) + 24;
    char *s = malloc(len);
    if (!s) {
        return NULL;
    }
    size_t at = 0;
    for (size_t k = 0; k < fit; k++) {
        const char *name = d->events[T->member[P->first + k]].label;
        at += (size_t)snprintf(s + at, len - at, "%s", k ? NAME_SEP : "");
        /* A short last word stays with the word before it ("Event / 11", "Rally / 10" split
         * names: review 11); elsewhere a name may break at its spaces. */
        for (const char *c = name; *c; c++) {
            if (*c == ' ' && strcspn(c + 1, " ") <= NAME_TAIL && !strchr(c + 1, ' ')) {
                s[at++] = '\xc2', s[at++] = '\xa0'; /* U+00A0 */
            } else {
                s[at++] = *c;
            }
        }
        s[at] = '\0';
    }
    if (fit < P->count) {
        csvchart_words_fill(more, NULL, P->count - fit, s + at, len - at);
    }
    return s;
}

/*
 * lines_of() for one of an event's own texts (0 date, 1 label, 2 detail), remembered: the
 * ladder measures the same blocks at the same few wrap widths and sizes over and over (and
 * every measurement, even a cached one, wraps the text again), so each text keeps its last
 * MEMO_WAYS answers.
 */
static size_t memo_lines(struct timeline *T, size_t event, int kind, const struct text_style *st,
                         const char *s, double wrap, size_t max, double *w)
{
    struct tl_memo *m = &T->memo[(event * 3 + (size_t)kind) * MEMO_WAYS];
    for (size_t k = 0; k < MEMO_WAYS; k++) {
        if (m[k].wrap == wrap && m[k].size == st->size_px && m[k].max == max) {
            *w = fmax(*w, m[k].widest);
            return m[k].n;
        }
    }
    double widest = 0;
    size_t n = lines_of(T, st, s, wrap, max, &widest);
    size_t k = T->memo_next[event * 3 + (size_t)kind]++ % MEMO_WAYS;
    m[k] =
        (struct tl_memo){.wrap = wrap, .size = st->size_px, .max = max, .n = n, .widest = widest};
    *w = fmax(*w, widest);
    return n;
}

static void measure_blocks(struct timeline *T, double wrap)
{
    for (size_t i = 0; i < T->n; i++) {
        struct tl_item *P = &T->it[i];
        P->w = 0;
        if (P->e) {
            size_t ev = (size_t)(P->e - T->d->events);
            P->ndate = memo_lines(T, ev, 0, &T->date_st, P->date, wrap, TL_MAX_DATE_LINES, &P->w);
            P->nlabel = memo_lines(T, ev, 1, P->note ? &T->names_st : &T->label_st, P->label, wrap,
                                   TL_MAX_LABEL_LINES, &P->w);
            P->ndetail = P->detail && T->cfg.detail ? memo_lines(T, ev, 2, &T->detail_st, P->detail,
                                                                 wrap, TL_MAX_DETAIL_LINES, &P->w)
                                                    : 0;
        } else {
            P->ndate = lines_of(T, &T->date_st, P->date, wrap, TL_MAX_DATE_LINES + 1, &P->w);
            P->nlabel =
                P->label ? lines_of(T, &T->names_st, P->label, wrap,
                                    T->cfg.names_chars ? TL_ALL_NAMES_LINES : TL_CLUSTER_LINES + 1,
                                    &P->w)
                         : 0;
            P->ndetail = 0;
        }
        P->w = fmin(P->w, wrap);
        /* Each paragraph's first baseline goes down to a device pixel (first_baseline()). */
        P->h = (double)P->ndate * T->lh_date + (double)P->nlabel * T->lh_label +
               (double)(1 + (P->nlabel > 0) + (P->ndetail > 0)) / T->L.scale;
        if (P->ndetail) {
            P->h += T->px.detail_gap + (double)P->ndetail * T->lh_detail;
        }
    }
}

/*
 * Gives the measurer the texts of the items it was not given before (text.h, prepare), so
 * that a large timeline's labels and dates can be shaped all at once - on a second core when
 * one is spare - before the ladder measures them one by one. An event's texts are given once
 * for all the layouts of its data (the fit search lays it out at many sizes), a cluster's
 * each time its item is made.
 */
static void prepare_texts(struct timeline *T)
{
    const csvchart_text_measurer *m = T->L.m;
    struct text_job *jobs = m->prepare && T->asked ? malloc(3 * T->n * sizeof *jobs) : NULL;
    if (!jobs) {
        return; /* a hint: without it, texts are shaped when measured */
    }
    size_t n = 0;
#define JOB(st, text) (jobs[n++] = (struct text_job){(st), (text), strlen(text)})
    for (size_t i = 0; i < T->n; i++) {
        struct tl_item *P = &T->it[i];
        if (P->e) {
            size_t ev = (size_t)(P->e - T->d->events);
            if (T->asked[ev]) {
                continue;
            }
            T->asked[ev] = true;
            JOB(&T->date_st, P->date);
            JOB(P->note ? &T->names_st : &T->label_st, P->label);
            if (P->detail && T->cfg.detail) {
                JOB(&T->detail_st, P->detail);
            }
        } else if (!P->asked) {
            P->asked = true;
            JOB(&T->date_st, P->date);
            if (P->label) {
                JOB(&T->names_st, P->label);
            }
        }
    }
#undef JOB
    m->prepare(m->ctx, jobs, n);
    free(jobs);
}

bool csvchart_tl_measure(struct timeline *T, double wrap)
{
    if (T->optimistic) {
        double w = csvchart_layout_width(&T->L, &T->date_st, "1111");
        for (size_t i = 0; i < T->n; i++) {
            struct tl_item *P = &T->it[i];
            P->ndate = P->nlabel = 1;
            P->ndetail = 0;
            P->w = fmin(w, wrap);
            P->h = T->lh_date + T->lh_label;
        }
        return true;
    }
    for (size_t i = 0; i < T->n; i++) {
        struct tl_item *P = &T->it[i];
        if (!P->e) {
            if (!P->names) {
                P->names = cluster_names(T, P, TL_NAMES_CHARS);
            }
            if (T->cfg.names_chars && (!P->all || P->all_chars != T->cfg.names_chars)) {
                free(P->all);
                P->all_chars = T->cfg.names_chars;
                if (!(P->all = cluster_names(T, P, T->cfg.names_chars))) {
                    T->L.scene->nomem = true;
                    return false;
                }
            }
            if (!P->heading) {
                P->heading = cluster_heading(T, P);
                P->date = P->heading;
            }
            if (!P->names || !P->heading) {
                T->L.scene->nomem = true;
                return false;
            }
            const char *names = T->cfg.names_chars ? P->all : P->names;
            P->label = *names ? names : NULL;
        }
    }
    prepare_texts(T);
    measure_blocks(T, wrap);
    return true;
}

/* The first baseline of a paragraph whose lines start at `top`: on a device pixel, never
 * above what `top` allows (rounding a baseline to the nearest pixel could lift one style's
 * line into the last line of the style before it). */
static double first_baseline(const struct timeline *T, double top, double ascent)
{
    return ceil((top + ascent) * T->L.scale - 1e-6) / T->L.scale;
}

void csvchart_tl_draw_block(struct timeline *T, const struct tl_item *P, double wrap)
{
    struct layout *L = &T->L;
    const struct theme *th = &T->s->theme;
    /* Dates in the events' colours when all of them read as text (WCAG AA), else all
     * muted: a mix of the two would look like a distinction in the data. */
    csvchart_rgba dc = T->color_dates && (P->e || P->group != (size_t)-1) ? P->color : th->subtitle;
    enum text_anchor an = P->right ? TEXT_ANCHOR_END : TEXT_ANCHOR_START;
    double x = P->right ? P->bx + P->w : P->bx;
    double base = first_baseline(T, P->by, T->asc_date);
    csvchart_layout_paragraph(L, &T->date_st, dc, P->date, x, base, wrap, P->ndate, an);
    double y = base + (double)(P->ndate - 1) * T->lh_date + (T->lh_date - T->asc_date);
    if (P->nlabel) {
        base = first_baseline(T, y, T->asc_label);
        /* an event's label in the label style; a cluster's names and a note in the plain one */
        csvchart_layout_paragraph(L, P->e && !P->note ? &T->label_st : &T->names_st, th->text,
                                  P->label, x, base, wrap, P->nlabel, an);
        y = base + (double)(P->nlabel - 1) * T->lh_label + (T->lh_label - T->asc_label);
    }
    if (P->ndetail) {
        base = first_baseline(T, y + T->px.detail_gap, T->asc_detail);
        csvchart_layout_paragraph(L, &T->detail_st, th->subtitle, P->detail, x, base, wrap,
                                  P->ndetail, an);
    }
}
