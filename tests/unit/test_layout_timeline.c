/*
 * test_layout_timeline.c - the timeline layout (layout_timeline.c, layout_timeline_place.c).
 *
 * The property test lays out random event sets with the real Pango measurer (the point is the
 * real metrics; the test exits 77 when the Inter font is missing): 1 to 500 events, with spans,
 * groups (some as lanes), same-day ties and skewed densities (most events in 1% of the span),
 * dates at the precisions people write, at the six sizes of the layout contract (400x600,
 * 1080x1080, 1200x630, 1200x675, 1920x1080, 3840x2160), light and dark. Each figure must come
 * out exactly at its size, or be refused with CSVCHART_ERROR_SIZE naming a size at which it is
 * then laid out (and that layout must pass the same checks). Every figure drawn: no two text
 * boxes overlap and none leaves the canvas; no line runs through a text box's glyphs; no text
 * is under 11 px; every tick label is centred on its tick; labels read in time order, left to
 * right and top to bottom, on each side of the axis; and every event is labelled or counted in
 * a cluster (whose mark lists it).
 *
 * Then fixed cases with the fake measurer: the article sample, same-day events, one event,
 * refusal and fit = grow, the ladder's warnings, clusters, axis breaks, lanes, day ticks.
 * Timing is not asserted here: bench/timeline.sh measures it.
 */
#include <stdint.h>
#include <stdlib.h>

#include "csvchart.h"
#include "date.h"
#include "figure.h"
#include "fixtures.h"
#include "harness.h"
#include "scene.h"
#include "scene_check.h"
#include "text.h"
#include "timeline_axis.h"

/* xorshift64*: a fixed sequence everywhere (rand() differs between C libraries). */
static uint64_t seed = 0x2545F4914F6CDD1DULL;
static uint32_t rnd(uint32_t n)
{
    seed ^= seed >> 12;
    seed ^= seed << 25;
    seed ^= seed >> 27;
    return (uint32_t)((seed * 0x2545F4914F6CDD1DULL) >> 33) % n;
}

struct buf {
    char *p;
    size_t len, cap;
};

static void put(struct buf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->p = realloc(b->p, b->cap);
    }
    memcpy(b->p + b->len, s, n + 1);
    b->len += n;
}

static const char *const words[] = {"chips",  "export", "launch",     "model",   "valuation",
                                    "review", "Nvidia", "parameters", "context", "market",
                                    "a",      "of",     "multimodal", "testing", "report"};
static const char *const months[] = {"January",   "February", "March",    "April",
                                     "May",       "June",     "July",     "August",
                                     "September", "October",  "November", "December"};
static const char *const group_names[] = {"Research", "Product", "Policy", "Open models",
                                          "Funding"};

/* One random event set and what the checks need to know of it. */
struct event_set {
    char *csv;
    size_t n;
    double *at; /* where each event (by its number) sits, days */
    bool spans, groups;
};

static void set_free(struct event_set *e)
{
    free(e->csv);
    free(e->at);
}

/* Writes a date at a random precision; *t0 gets the start of the period it names. Returns
 * where a point event of that date sits: the middle of the period. */
static double put_date(struct buf *b, int day, double *t0)
{
    int y, m, d;
    csvchart_date_civil(day, &y, &m, &d);
    char text[64];
    int prec = (int)rnd(8);
    if (prec == 0) {
        snprintf(text, sizeof text, "%s %d", months[m - 1], y);
    } else if (prec == 1) {
        snprintf(text, sizeof text, "%d-%02d", y, m);
    } else if (prec == 2) {
        snprintf(text, sizeof text, "%d %s %d", d, months[m - 1], y);
    } else {
        snprintf(text, sizeof text, "%d-%02d-%02d", y, m, d);
    }
    put(b, text);
    struct date_value v;
    csvchart_date_parse(text, strlen(text), &v);
    *t0 = csvchart_date_coord(&v);
    return (*t0 + csvchart_date_period_end(&v)) / 2;
}

/*
 * A random event set: n events over about `days` days; with `skew`, 9 in 10 fall in 1% of the
 * span; some share a day; with `spans` some have an end; with `groups` a group column.
 */
static struct event_set random_set(size_t n, int days, bool skew, bool spans, bool groups,
                                   bool details)
{
    struct event_set e = {.n = n, .spans = spans, .groups = groups};
    e.at = calloc(n, sizeof *e.at);
    struct buf b = {0};
    put(&b, "date,end,label,group,detail\n");
    int start = 19000 + (int)rnd(3000), prev = start;
    for (size_t i = 0; i < n; i++) {
        int day = skew && rnd(10) ? start + days / 2 + (int)rnd((uint32_t)(days / 100 + 1))
                                  : start + (int)rnd((uint32_t)days);
        if (i > 0 && rnd(8) == 0) {
            day = prev; /* a same-day tie */
        }
        prev = day;
        double t0, at = put_date(&b, day, &t0);
        put(&b, ",");
        if (spans && rnd(5) == 0) {
            int y, m, d;
            csvchart_date_civil(day + 1 + (int)rnd((uint32_t)(days / 4 + 2)), &y, &m, &d);
            char end[32];
            snprintf(end, sizeof end, "%d-%02d-%02d", y, m, d);
            put(&b, end);
            at = t0; /* a span sits at its start */
        }
        e.at[i] = at;
        char label[64];
        snprintf(label, sizeof label, ",Ev%zu", i);
        put(&b, label);
        for (uint32_t w = rnd(6); w > 0; w--) {
            put(&b, " ");
            put(&b, words[rnd(sizeof words / sizeof words[0])]);
        }
        put(&b, ",");
        if (groups) {
            put(&b, group_names[rnd(4)]);
        }
        put(&b, ",");
        if (details && rnd(3)) {
            for (uint32_t w = 1 + rnd(12); w > 0; w--) {
                put(&b, words[rnd(sizeof words / sizeof words[0])]);
                put(&b, w > 1 ? " " : "");
            }
        }
        put(&b, "\n");
    }
    e.csv = b.p;
    return e;
}

/* The event number N of a text "EvN ..." (or (size_t)-1). */
static size_t event_of(const char *t)
{
    if (strncmp(t, "Ev", 2) != 0 || t[2] < '0' || t[2] > '9') {
        return (size_t)-1;
    }
    char *end;
    unsigned long v = strtoul(t + 2, &end, 10);
    return *end == ' ' || *end == '\0' ? (size_t)v : (size_t)-1;
}

/* True when `title` lists event N ("... EvN ..." followed by a space, ';' or the end). */
static bool lists(const char *title, size_t n)
{
    char key[32];
    int k = snprintf(key, sizeof key, "Ev%zu", n);
    for (const char *p = title; (p = strstr(p, key)) != NULL; p += k) {
        char c = p[k];
        if ((p == title || p[-1] == ' ') && (c == '\0' || c == ' ' || c == ';')) {
            return true;
        }
    }
    return false;
}

/* The longest line that does not yield: the axis (or one of a vertical layout's axes). */
static const struct scene_item *axis_of(const struct csvchart_scene *s)
{
    const struct scene_item *best = NULL;
    double len = 0;
    for (size_t i = 0; i < s->len; i++) {
        const struct scene_item *l = &s->items[i];
        double d = hypot(l->x2 - l->x, l->y2 - l->y);
        if (l->kind == SCENE_LINE && !l->yields && d > len) {
            best = l;
            len = d;
        }
    }
    return best;
}

/*
 * Every tick label sits centred on its tick: horizontal axes label under a vertical tick with
 * anchor middle at the tick's x; vertical axes label left of a horizontal tick, their box's
 * middle level with it (to the rounding of the baseline to device pixels).
 */
static void check_ticks(const char *name, const struct csvchart_scene *s, bool vertical)
{
    size_t labels = 0, bad = 0;
    for (size_t i = 0; i < s->len; i++) {
        const struct scene_item *t = &s->items[i];
        if (t->kind != SCENE_TEXT ||
            t->anchor != (vertical ? TEXT_ANCHOR_END : TEXT_ANCHOR_MIDDLE)) {
            continue;
        }
        labels++;
        bool found = false;
        for (size_t j = 0; j < s->len && !found; j++) {
            const struct scene_item *l = &s->items[j];
            if (l->kind != SCENE_LINE || l->yields) {
                continue;
            }
            if (vertical) {
                found = fabs(l->y - l->y2) < 0.01 && fabs(l->y - (t->y + t->h / 2)) <= 0.75 &&
                        fmin(l->x, l->x2) > t->x + t->w;
            } else {
                found = fabs(l->x - l->x2) < 0.01 && fabs(l->x - t->anchor_x) < 0.01 &&
                        fabs(t->x + t->w / 2 - t->anchor_x) < 0.01 && fmax(l->y, l->y2) < t->y;
            }
        }
        if (!found) {
            bad++;
            HARNESS_REPORT(0, "%s: tick label \"%s\" is not centred on a tick", name, t->text);
        }
    }
    if (bad == 0) {
        harness_passed++;
    }
    (void)labels;
}

/* A text box per event labelled alone (its bold first line), else NULL. */
static const struct scene_item **label_boxes(const struct csvchart_scene *s, size_t n)
{
    const struct scene_item **box = calloc(n, sizeof *box);
    for (size_t i = 0; i < s->len; i++) {
        const struct scene_item *t = &s->items[i];
        size_t ev = t->kind == SCENE_TEXT && t->weight == 700 ? event_of(t->text) : (size_t)-1;
        if (ev < n && !box[ev]) {
            box[ev] = t;
        }
    }
    return box;
}

/*
 * Time order: of two events labelled alone on one side of a horizontal axis (or anywhere on a
 * vertical one), the earlier one's label is above the later one's when they share columns of
 * the page, and left of it when they share a line.
 */
static void check_order(const char *name, const struct event_set *e, const struct csvchart_scene *s,
                        bool vertical, double axis_y)
{
    const struct scene_item **box = label_boxes(s, e->n);
    size_t *order = malloc(e->n * sizeof *order), m = 0, bad = 0;
    for (size_t i = 0; i < e->n; i++) {
        if (box[i]) {
            order[m++] = i;
        }
    }
    for (size_t a = 0; a < m; a++) { /* insertion sort by (at, number): the file order */
        for (size_t b = a; b > 0; b--) {
            size_t p = order[b - 1], q = order[b];
            if (e->at[p] > e->at[q] || (e->at[p] == e->at[q] && p > q)) {
                order[b - 1] = q;
                order[b] = p;
            }
        }
    }
    for (size_t a = 0; a < m && bad < 5; a++) {
        for (size_t b = a + 1; b < m && bad < 5; b++) {
            const struct scene_item *p = box[order[a]], *q = box[order[b]];
            if (e->at[order[a]] == e->at[order[b]]) {
                continue; /* same instant: either order reads right */
            }
            if (!vertical && (p->y < axis_y) != (q->y < axis_y)) {
                continue;
            }
            bool share_x = p->x < q->x + q->w && q->x < p->x + p->w;
            bool share_y = p->y < q->y + q->h && q->y < p->y + p->h;
            if ((share_x && p->y > q->y) || (share_y && !share_x && p->x > q->x)) {
                bad++;
                HARNESS_REPORT(0, "%s: \"%s\" reads before the earlier \"%s\"", name, q->text,
                               p->text);
            }
        }
    }
    if (bad == 0) {
        harness_passed++;
    }
    free(order);
    free(box);
}

/* Every event is labelled alone, or counted in a cluster whose mark lists it. */
static void check_counted(const char *name, const struct event_set *e,
                          const struct csvchart_scene *s)
{
    const struct scene_item **box = label_boxes(s, e->n);
    size_t alone = 0, in_clusters = 0, missing = 0;
    for (size_t i = 0; i < s->len; i++) {
        const struct scene_item *t = &s->items[i];
        /* a cluster's heading ends "N events" (a no-break space between) */
        const char *c = t->kind == SCENE_TEXT && t->weight == 700 ? strstr(t->text, "\xc2\xa0"
                                                                                    "events")
                                                                  : NULL;
        if (c && strcmp(c, "\xc2\xa0"
                           "events") == 0) {
            while (c > t->text && c[-1] >= '0' && c[-1] <= '9') {
                c--;
            }
            in_clusters += strtoul(c, NULL, 10);
        }
    }
    for (size_t i = 0; i < e->n; i++) {
        if (box[i]) {
            alone++;
            continue;
        }
        bool listed = false;
        for (size_t j = 0; j < s->len && !listed; j++) {
            listed = s->items[j].title && lists(s->items[j].title, i);
        }
        if (!listed && missing++ < 3) {
            HARNESS_REPORT(0, "%s: event Ev%zu is neither labelled nor counted", name, i);
        }
    }
    HARNESS_REPORT(alone + in_clusters == e->n, "%s: %zu labelled + %zu in clusters != %zu", name,
                   alone, in_clusters, e->n);
    free(box);
}

/* With CSVCHART_TEST_DUMP=DIR, every figure's scene and CSV go to DIR (to look at). */
static void dump(const char *name, const struct event_set *e, const struct csvchart_scene *s)
{
    const char *dir = getenv("CSVCHART_TEST_DUMP");
    char *text;
    size_t len;
    if (!dir || !csvchart_scene_dump(s, &text, &len)) {
        return;
    }
    char path[600], file[300];
    snprintf(file, sizeof file, "%s", name);
    for (char *p = file; *p; p++) {
        *p = strchr(" (),", *p) ? '_' : *p;
    }
    snprintf(path, sizeof path, "%s/%s.scene", dir, file);
    FILE *f = fopen(path, "w");
    if (f) {
        fwrite(text, 1, len, f);
        fclose(f);
    }
    snprintf(path, sizeof path, "%s/%s.csv", dir, file);
    f = fopen(path, "w");
    if (f) {
        fputs(e->csv, f);
        fclose(f);
    }
    free(text);
}

/*
 * A vertical layout's labels sit beside their own dates: a block's first line is at most a
 * quarter of the plot's height from its dot (layout_timeline_place.c), so the slanted piece of
 * a bent leader rises or falls less than a quarter of the canvas. Every label of five events
 * of one day was stacked down a single column from the top, "Markets rally" (6 Nov) 360 px
 * below its dot and level with the tick "6 Jan 2025" (found by a review).
 */
static void check_near_dots(const char *name, const struct csvchart_scene *s)
{
    double worst = 0;
    for (size_t i = 0; i < s->len; i++) {
        const struct scene_item *l = &s->items[i];
        if (l->kind == SCENE_LINE && l->yields && l->x2 > l->x + 0.01) {
            worst = fmax(worst, fabs(l->y2 - l->y));
        }
    }
    HARNESS_REPORT(worst <= 0.25 * s->height, "%s: a label %.0f px from its dot (of %.0f)", name,
                   worst, s->height);
}

static void check_figure(const char *name, const struct event_set *e,
                         const struct csvchart_scene *s, bool lanes)
{
    dump(name, e, s);
    check_text_boxes(name, s);
    check_line_cross(name, s);
    check_text_floor(name, s, 11);
    const struct scene_item *axis = axis_of(s);
    HARNESS_REPORT(axis != NULL, "%s: no axis", name);
    if (!axis) {
        return;
    }
    bool vertical = fabs(axis->x - axis->x2) < 0.01;
    check_ticks(name, s, vertical);
    if (vertical) {
        check_near_dots(name, s);
    }
    if (!lanes) {
        check_order(name, e, s, vertical, axis->y);
    }
    check_counted(name, e, s);
}

/* Every marker is labelled, and its dashed line drawn (check_figure() has checked that no
 * text overlaps another and that no line runs through text). */
static void check_markers(const char *name, const struct csvchart_scene *s, size_t n)
{
    size_t dashed = 0;
    for (size_t i = 0; i < s->len; i++) {
        dashed += s->items[i].kind == SCENE_LINE && s->items[i].dash > 0;
    }
    for (size_t k = 0; k < n; k++) {
        char label[32];
        snprintf(label, sizeof label, "Marker %zu", k);
        HARNESS_REPORT(fixture_find_text(s, label) != NULL, "%s: no label \"%s\"", name, label);
    }
    HARNESS_REPORT(n == 0 || dashed > 0, "%s: %zu markers and no dashed line", name, n);
}

/* One Pango measurer for the property test: its cache serves every figure. */
static csvchart_text_measurer *pango;

/* Lays out the set with the options; returns the figure (the caller frees it). */
static csvchart_figure *lay_out(const struct event_set *e, const char *const *opts,
                                const char *size, csvchart_error *err)
{
    csvchart_figure *fig = csvchart_figure_new("timeline", err);
    csvchart_figure_set_measurer(fig, pango);
    for (size_t i = 0; opts[i]; i += 2) {
        csvchart_set(fig, opts[i], opts[i + 1], err);
    }
    csvchart_set(fig, "size", size, err);
    csvchart_figure_load_buffer(fig, "t.csv", e->csv, strlen(e->csv), err);
    return fig;
}

static void test_property(void)
{
    static const char *const sizes[] = {"400x600",  "1080x1080", "1200x630",
                                        "1200x675", "1920x1080", "3840x2160"};
    static const int spread[] = {3, 60, 400, 4000, 20000};
    size_t drawn = 0, refused = 0;
    for (int round = 0; round < 48; round++) {
        /* Mostly small and middling sets, a few large. */
        size_t n = round % 10 == 9 ? 200 + rnd(301) : round % 3 == 2 ? 20 + rnd(80) : 1 + rnd(20);
        bool skew = rnd(3) == 0, spans = rnd(3) == 0, groups = rnd(2),
             lanes = groups && rnd(3) == 0;
        struct event_set e = random_set(n, spread[rnd(5)], skew, spans, groups, rnd(2));
        const char *orient = rnd(4) == 0 ? (rnd(2) ? "horizontal" : "vertical") : "auto";
        for (size_t z = 0; z < 6; z++) {
            if (n > 100 && z % 2 == (size_t)(round % 2)) {
                continue; /* large sets at three of the sizes: the test stays quick */
            }
            const char *opts[28];
            size_t k = 0;
            opts[k++] = "title";
            opts[k++] = "A random timeline (illustrative)";
            opts[k++] = "theme";
            opts[k++] = (round + z) % 2 ? "dark" : "light";
            opts[k++] = "orientation";
            opts[k++] = lanes ? "auto" : orient;
            if (spans) {
                opts[k++] = "end";
                opts[k++] = "end";
            }
            if (groups) {
                opts[k++] = "group";
                opts[k++] = "group";
            }
            if (lanes) {
                opts[k++] = "lanes";
                opts[k++] = "group";
            }
            if (rnd(4) == 0) {
                opts[k++] = "axis_breaks";
                opts[k++] = "none";
            }
            char markers[200] = "";
            size_t nmarkers = rnd(3) == 0 ? 1 + rnd(3) : 0;
            for (size_t mk = 0; mk < nmarkers; mk++) { /* markers, around the events */
                int y, m, d;
                csvchart_date_civil((int64_t)e.at[rnd((uint32_t)n)] + (int)rnd(40) - 20, &y, &m,
                                    &d);
                size_t used = strlen(markers);
                snprintf(markers + used, sizeof markers - used, "%s%d-%02d-%02d Marker %zu",
                         mk ? "; " : "", y, m, d, mk);
            }
            if (nmarkers) {
                opts[k++] = "marker";
                opts[k++] = markers;
            }
            char today[16];
            if (rnd(5) == 0) { /* a today marker, somewhere around the events */
                int y, m, d;
                csvchart_date_civil((int64_t)e.at[rnd((uint32_t)n)] + (int)rnd(60) - 30, &y, &m,
                                    &d);
                snprintf(today, sizeof today, "%d-%02d-%02d", y, m, d);
                opts[k++] = "today";
                opts[k++] = today;
            }
            opts[k++] = NULL;
            char name[160];
            snprintf(name, sizeof name, "round %d (%zu events%s%s%s%s, %s, %s)", round, n,
                     skew ? ", skewed" : "", spans ? ", spans" : "", groups ? ", groups" : "",
                     lanes ? ", lanes" : "", opts[5], sizes[z]);
            csvchart_error err = {0};
            csvchart_figure *fig = lay_out(&e, opts, sizes[z], &err);
            const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
            double w, h;
            csvchart_parse_size(sizes[z], &w, &h);
            if (s) {
                drawn++;
                HARNESS_REPORT(s->width == w && s->height == h, "%s: drawn at %.0fx%.0f", name,
                               s->width, s->height);
                check_figure(name, &e, s, lanes);
                check_markers(name, s, nmarkers);
                csvchart_figure_free(fig);
                continue;
            }
            refused++;
            const char *use = strstr(err.message, "use size ");
            HARNESS_REPORT(err.status == CSVCHART_ERROR_SIZE && use, "%s: %s", name,
                           csvchart_error_text(&err));
            csvchart_figure_free(fig);
            if (!use) {
                continue;
            }
            char size[32];
            snprintf(size, sizeof size, "%s", use + 9);
            size[strcspn(size, " ")] = '\0';
            csvchart_error err2 = {0};
            fig = lay_out(&e, opts, size, &err2);
            s = csvchart_figure_scene(fig, &err2);
            char again[300];
            snprintf(again, sizeof again, "%s, again at %s", name, size);
            HARNESS_REPORT(s != NULL, "%s: %s", again, csvchart_error_text(&err2));
            if (s) {
                csvchart_parse_size(size, &w, &h);
                HARNESS_REPORT(s->width == w && s->height == h, "%s: drawn at %.0fx%.0f", again,
                               s->width, s->height);
                check_figure(again, &e, s, lanes);
                check_markers(again, s, nmarkers);
            }
            csvchart_figure_free(fig);
        }
        set_free(&e);
    }
    printf("property: %zu figures drawn at their size, %zu refused with a size that fits\n", drawn,
           refused);
}

/*
 * n events spread at random over `days` days from 10 Mar 2025, at times of day (timed) or on
 * days, a third with a detail line: the kind of data the size contract is swept over.
 */
static char *spread_set(size_t n, int days, bool timed)
{
    struct buf b = {0};
    put(&b, "date,label,detail\n");
    int64_t start = csvchart_date_days(2025, 3, 10) * 1440; /* minutes */
    int64_t *at = malloc(n * sizeof *at);
    for (size_t i = 0; i < n; i++) {
        at[i] = start + (int64_t)rnd((uint32_t)days * 1440);
    }
    for (size_t i = 1; i < n; i++) { /* in time order, as people write them */
        for (size_t j = i; j > 0 && at[j - 1] > at[j]; j--) {
            int64_t t = at[j];
            at[j] = at[j - 1];
            at[j - 1] = t;
        }
    }
    for (size_t i = 0; i < n; i++) {
        int y, m, d;
        csvchart_date_civil(at[i] / 1440, &y, &m, &d);
        char line[200];
        if (timed) {
            snprintf(line, sizeof line, "%d-%02d-%02dT%02d:%02d:00Z,Ev%zu", y, m, d,
                     (int)(at[i] % 1440 / 60), (int)(at[i] % 60), i);
        } else {
            snprintf(line, sizeof line, "%d-%02d-%02d,Ev%zu", y, m, d, i);
        }
        put(&b, line);
        for (uint32_t w = rnd(5); w > 0; w--) {
            put(&b, " ");
            put(&b, words[rnd(sizeof words / sizeof words[0])]);
        }
        put(&b, ",");
        for (uint32_t w = rnd(3) ? 0 : 3 + rnd(8); w > 0; w--) {
            put(&b, words[rnd(sizeof words / sizeof words[0])]);
            put(&b, w > 1 ? " " : "");
        }
        put(&b, "\n");
    }
    free(at);
    return b.p;
}

/* Lays out csv at w x h with the options: true when it fits; else *named gets the height of
 * the size the refusal names (0 when it names none, or another width). */
static bool fits_at(const char *csv, const char *const *opts, double w, double h, double *named)
{
    char size[48];
    snprintf(size, sizeof size, "%.0fx%.0f", w, h);
    struct event_set e = {.csv = (char *)csv};
    csvchart_error err = {0};
    csvchart_figure *fig = lay_out(&e, opts, size, &err);
    const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
    bool ok = s && s->width == w && s->height == h;
    *named = 0;
    const char *use = s ? NULL : strstr(err.message, "use size ");
    double nw, nh;
    char text[32];
    if (use) {
        snprintf(text, sizeof text, "%s", use + 9);
        text[strcspn(text, " ")] = '\0';
        if (csvchart_parse_size(text, &nw, &nh) && nw == w) {
            *named = nh;
        }
    }
    csvchart_figure_free(fig);
    return ok;
}

/*
 * The size contract over heights: where the width sets the type (heights from 16:9 up, so
 * that the text is the same size at every height tried), a timeline that fits some height
 * fits every taller one, and a refusal names the least height that fits. Timed events over
 * 3 days, dated ones over 2 months and 11 years; 12 to 90 events; with and without a title;
 * every orientation. Heights are swept in steps from 16:9 up to the first that fits, and on
 * from there. A vertical layout's tick column, widened a tenth of a pixel at a time over
 * three passes, failed at some heights only: 60 events over three days fitted 1200x1340,
 * were refused at 1200x1360 with "use size 1200x1436" and fitted 1200x1440 again.
 */
static void test_taller_fits(void)
{
    static const struct {
        size_t n; /* 0: tests/data/timeline-three-days.csv, the review's 60 events */
        int days;
        bool timed;
    } sets[] = {{0, 3, true},    {60, 3, true},     {25, 3, true},    {90, 3, true},
                {40, 60, false}, {12, 4000, false}, {60, 4000, false}};
    static const char *const orients[] = {"auto", "vertical", "horizontal"};
    size_t cases = 0, laid = 0;
    for (size_t c = 0; c < sizeof sets / sizeof sets[0]; c++) {
        char *csv = sets[c].n ? spread_set(sets[c].n, sets[c].days, sets[c].timed)
                              : fixture_read_file(CSVCHART_SOURCE_DIR
                                                  "/tests/data/timeline-three-days.csv");
        HARNESS_REPORT(csv != NULL, "set %zu: no data", c);
        for (size_t o = 0; csv && o < 6; o++) {
            bool title = o >= 3;
            const char *opts[] = {"title", title ? "Three days in March" : "", "orientation",
                                  orients[o % 3], NULL};
            double w = c % 3 == 2 ? 1000 : 1200, h0 = ceil(w * 675 / 1200);
            char name[120];
            snprintf(name, sizeof name, "set %zu (%zu events over %d days), %s%s, width %.0f", c,
                     sets[c].n, sets[c].days, orients[o % 3], title ? ", titled" : "", w);
            /* up to the first height that fits, in steps of 37 px (a 4096 px cap) */
            double h = h0, named = 0, least_named = INFINITY;
            while (h <= 4096 && !fits_at(csv, opts, w, h, &named)) {
                laid++;
                HARNESS_REPORT(named > h, "%s: refused at %.0f naming no taller size", name, h);
                least_named = fmin(least_named, named > 0 ? named : INFINITY);
                h += 37;
            }
            cases++;
            if (h > 4096) {
                continue; /* fits nowhere in reach (90 events, horizontally) */
            }
            /* the size named is the least: it fits, one pixel less does not */
            if (least_named < INFINITY) {
                double again;
                HARNESS_REPORT(fits_at(csv, opts, w, least_named, &again),
                               "%s: the size named, %.0fx%.0f, does not fit", name, w, least_named);
                HARNESS_REPORT(!fits_at(csv, opts, w, least_named - 1, &again),
                               "%s: %.0fx%.0f was named, and %.0f fits", name, w, least_named,
                               least_named - 1);
                HARNESS_REPORT(least_named <= h, "%s: %.0fx%.0f was named, and %.0f fits", name, w,
                               least_named, h);
            }
            /* and every taller height fits, 5 px apart over 500 px */
            for (int k = 1; k <= 100; k++) {
                double t = h + k * 5, ignored;
                laid++;
                if (!fits_at(csv, opts, w, t, &ignored)) {
                    HARNESS_REPORT(0, "%s: fits at %.0fx%.0f, refused at %.0fx%.0f", name, w, h, w,
                                   t);
                    break;
                }
            }
        }
        free(csv);
    }
    printf("taller: %zu cases, %zu heights laid out\n", cases, laid);
}

/*
 * The size contract over widths: at one height, a canvas wider than one that fits fits too.
 * The type unit grows with the width up to 16:9 (u = min(w / 1200, h / 675)), so at 1080 px
 * high the review's 40 events of five labs (tests/data/timeline-five-labs.csv) fitted 1080 to
 * 1300 px wide and were refused from 1400 px on ("use size 1920x1520" for a 1920x1080 slide):
 * a canvas whose own type does not fit is now set in the largest that does, never smaller
 * than the article's (layout.h). Widths 1080 to 1920, 60 px apart; every figure keeps the
 * scene rules and, from u = 1 on, no text under the article's footer size (13.5 px).
 */
static void test_wider_fits(void)
{
    static const struct {
        size_t n; /* 0: tests/data/timeline-five-labs.csv */
        int days;
    } sets[] = {{0, 0}, {60, 700}, {40, 60}};
    for (size_t c = 0; c < sizeof sets / sizeof sets[0]; c++) {
        char *csv =
            sets[c].n ? spread_set(sets[c].n, sets[c].days, false)
                      : fixture_read_file(CSVCHART_SOURCE_DIR "/tests/data/timeline-five-labs.csv");
        HARNESS_REPORT(csv != NULL, "set %zu: no data", c);
        const char *opts[] = {"title", "Five labs", sets[c].n ? NULL : "group", "group", "end",
                              "end",   NULL};
        double fitted = 0;
        for (double w = 1080; csv && w <= 1920; w += 60) {
            char size[32], name[64];
            snprintf(size, sizeof size, "%.0fx1080", w);
            snprintf(name, sizeof name, "set %zu at %s", c, size);
            struct event_set e = {.csv = csv};
            csvchart_error err = {0};
            csvchart_figure *fig = lay_out(&e, opts, size, &err);
            const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
            HARNESS_REPORT(s || !fitted, "%s: refused, and %.0fx1080 fits: %s", name, fitted,
                           err.message);
            if (s) {
                fitted = fitted ? fitted : w;
                check_scene_rules(name, s, w, 1080);
                if (w >= 1200) {
                    check_text_floor(name, s, 13.5);
                }
            }
            csvchart_figure_free(fig);
        }
        HARNESS_REPORT(fitted > 0, "set %zu fits no width at 1080 px high", c);
        free(csv);
    }
}

/* ---- fixed cases, fake metrics ------------------------------------------------------------ */

static csvchart_figure *lay(const char *csv, const char *const *opts, csvchart_error *err)
{
    return fixture_figure("timeline", csv, opts, err);
}

static const char *article =
    "date,label,detail\n"
    "January 2025,DeepSeek R1 Release,Demonstrated 857x cost advantage; triggered $589B "
    "Nvidia market cap loss\n"
    "15 January 2026,US Export Policy Shift,BIS moves from presumption of denial to "
    "case-by-case review for advanced chips\n"
    "February 2026,Anthropic Series G,Raises $30B at $380B valuation; projects $14B ARR\n"
    "25 February 2026,V4 Hardware Exclusion,Reuters reports DeepSeek excluded Nvidia and AMD "
    "from pre-release testing\n"
    "April 2026,Expected V4 Launch,\"1T parameters, multimodal, 1M-token context; optimized "
    "for Chinese chips\"\n";

static bool has_text(const struct csvchart_scene *s, const char *prefix)
{
    for (size_t i = 0; i < s->len; i++) {
        if (s->items[i].kind == SCENE_TEXT &&
            strncmp(s->items[i].text, prefix, strlen(prefix)) == 0) {
            return true;
        }
    }
    return false;
}

static void test_article(void)
{
    for (int v = 0; v < 2; v++) {
        const char *opts[] = {"orientation", v ? "vertical" : "auto", NULL};
        csvchart_error err = {0};
        csvchart_figure *fig = lay(article, opts, &err);
        const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
        HARNESS_REPORT(s != NULL, "article: %s", csvchart_error_text(&err));
        if (s) {
            CHECK_STR(s->desc, "Timeline of 5 events from January 2025 to April 2026.");
            CHECK(fixture_find_text(s, "Jan 2025") != NULL);
            CHECK(fixture_find_text(s, "15 Jan 2026") != NULL);
            CHECK(fixture_find_text(s, "25 Feb 2026") != NULL); /* years apart: whole */
            CHECK(fixture_find_text(s, "DeepSeek R1 Release") != NULL);
            CHECK_DBL(s->width, 1200, 0);
            CHECK_DBL(s->height, 675, 0);
            CHECK_INT(csvchart_figure_warning_count(fig), 0);
            /* Feb to Dec 2025 holds no event: cut out of the axis, the first tick after the
             * break naming its year; dates given to a month are explained */
            CHECK(has_text(s, "Date given to the month"));
            check_text_boxes(v ? "article vertical" : "article", s);
            check_line_cross(v ? "article vertical" : "article", s);
        }
        csvchart_figure_free(fig);
    }
}

/* Break marks: slanted lines; axis_breaks = none draws none. */
static size_t slanted(const struct csvchart_scene *s)
{
    size_t n = 0;
    for (size_t i = 0; i < s->len; i++) {
        const struct scene_item *l = &s->items[i];
        n += l->kind == SCENE_LINE && !l->yields && fabs(l->x - l->x2) > 0.01 &&
             fabs(l->y - l->y2) > 0.01;
    }
    return n;
}

static void test_breaks(void)
{
    for (int none = 0; none < 2; none++) {
        const char *opts[] = {"axis_breaks", none ? "none" : "auto", NULL};
        csvchart_error err = {0};
        csvchart_figure *fig = lay(article, opts, &err);
        const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
        CHECK(s != NULL);
        if (s) {
            CHECK_INT(slanted(s), none ? 0 : 2);
        }
        csvchart_figure_free(fig);
    }
}

/* The stretch between the events and today is cut like any other empty stretch: 4 empty years
 * between the last event and today ran as plain axis ("Jan 2027 ... Jan 2029 Today") and
 * squeezed the events into a third of it, because a cut had to end strictly inside the time
 * shown, and today, an instant, was its end (found by a review). */
static void test_breaks_at_ends(void)
{
    static const char *const evts = "date,label\n2024-01-21,First\n2024-07-01,Second\n"
                                    "2025-01-10,Third\n2025-06-01,Fourth\n2026-01-21,Last\n";
    static const struct {
        const char *csv, *today;
    } cases[] = {
        {NULL, "2030-01-01"},                                  /* the future, empty */
        {"date,label\n2024-03-05,Only event\n", "1800-01-01"}, /* a past long ago */
        {"date,label\n2100-03-05,Far event\n", "2024-01-01"},  /* today first */
    };
    static const char *const orients[] = {"horizontal", "vertical"};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        for (size_t o = 0; o < 2; o++) {
            const char *opts[] = {"today", cases[c].today, "orientation", orients[o], NULL};
            csvchart_error err = {0};
            csvchart_figure *fig = lay(cases[c].csv ? cases[c].csv : evts, opts, &err);
            const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
            HARNESS_REPORT(s != NULL, "case %zu, %s: %s", c, orients[o], err.message);
            if (s) {
                HARNESS_REPORT(slanted(s) == 2, "case %zu, %s: %zu slanted lines, not one break", c,
                               orients[o], slanted(s));
                /* no tick in the years cut out */
                for (size_t i = 0; c == 0 && i < s->len; i++) {
                    const char *t = s->items[i].kind == SCENE_TEXT ? s->items[i].text : "";
                    HARNESS_REPORT(!strstr(t, "2027") && !strstr(t, "2028") && !strstr(t, "2029"),
                                   "%s: tick \"%s\" in the stretch cut out", orients[o], t);
                }
                check_text_boxes("breaks at ends", s);
            }
            csvchart_figure_free(fig);
        }
    }
}

/* Tick labels (anchored middle under a horizontal axis, end left of a vertical one, left of
 * every dot) that stand level with an event's dot, to 2 px. */
static bool is_tick_label(const struct csvchart_scene *s, const struct scene_item *t)
{
    if (t->kind != SCENE_TEXT) {
        return false;
    }
    if (t->anchor == TEXT_ANCHOR_MIDDLE) {
        return true;
    }
    bool left = t->anchor == TEXT_ANCHOR_END; /* of every dot: a vertical axis' */
    for (size_t j = 0; j < s->len && left; j++) {
        left = s->items[j].kind != SCENE_CIRCLE || t->x + t->w < s->items[j].x;
    }
    return left;
}

static int ticks_at_dots(const struct csvchart_scene *s)
{
    int at = 0;
    for (size_t i = 0; i < s->len; i++) {
        const struct scene_item *t = &s->items[i];
        if (!is_tick_label(s, t)) {
            continue;
        }
        bool vertical = t->anchor == TEXT_ANCHOR_END;
        double p = vertical ? t->y + t->h / 2 : t->anchor_x;
        for (size_t j = 0; j < s->len; j++) {
            const struct scene_item *d = &s->items[j];
            if (d->kind == SCENE_CIRCLE && fabs((vertical ? d->y : d->x) - p) <= 2) {
                at++;
                break;
            }
        }
    }
    return at;
}

/* The dots of events: no two overlap (clusters of one instant are one dot). */
static size_t overlapping_dots(const struct csvchart_scene *s)
{
    size_t n = 0;
    for (size_t i = 0; i < s->len; i++) {
        const struct scene_item *a = &s->items[i];
        for (size_t j = i + 1; a->kind == SCENE_CIRCLE && j < s->len; j++) {
            const struct scene_item *b = &s->items[j];
            double d = hypot(a->x - b->x, a->y - b->y); /* one instant's: one dot */
            n += b->kind == SCENE_CIRCLE && d > 0.01 && d < a->r + b->r - 0.01;
        }
    }
    return n;
}

/* Review 6: fourteen events in a January week, then one in each of April, July, October and
 * December. The breaks were chosen against the whole year: the three longest gaps were cut,
 * and the 15 Oct - 15 Dec stretch, under a quarter of the year, was left to take 774 of
 * 970 px (ticks "21 Oct 2024", "28 Oct", "4 Nov"...), the week 60. With the week squeezed, a
 * taller phone (400x900) refused the column and drew horizontal rows of overlapping dots,
 * where 400x600 drew a column. Now no empty month gets ticks, and taller is never worse. */
static const char *const burst_csv =
    "date,label\n2024-01-01,Storm update number 1 issued\n2024-01-01,Storm update number 2 "
    "issued\n2024-01-02,Storm update number 3 issued\n2024-01-02,Storm update number 4 "
    "issued\n2024-01-03,Storm update number 5 issued\n2024-01-03,Storm update number 6 "
    "issued\n2024-01-04,Storm update number 7 issued\n2024-01-04,Storm update number 8 "
    "issued\n2024-01-05,Storm update number 9 issued\n2024-01-05,Storm update number 10 "
    "issued\n2024-01-06,Storm update number 11 issued\n2024-01-06,Storm update number 12 "
    "issued\n2024-01-07,Storm update number 13 issued\n2024-01-07,Storm update number 14 "
    "issued\n2024-04-15,Recovery milestone in month 4\n2024-07-15,Recovery milestone in month "
    "7\n2024-10-15,Recovery milestone in month 10\n2024-12-15,Recovery milestone in month 12\n";

static void test_breaks_give_events_room(void)
{
    static const char *const sizes[] = {"1080x1080", "400x600", "1200x675", "1920x1080"};
    for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
        const char *opts[] = {"size", sizes[z], NULL};
        csvchart_error err = {0};
        csvchart_figure *fig = lay(burst_csv, opts, &err);
        const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
        HARNESS_REPORT(s != NULL, "burst at %s: %s", sizes[z], err.message);
        for (size_t i = 0; s && i < s->len; i++) {
            const struct scene_item *t = &s->items[i];
            HARNESS_REPORT(t->kind != SCENE_TEXT || !strstr(t->text, "Nov"),
                           "burst at %s: tick \"%s\" in the empty autumn", sizes[z], t->text);
        }
        csvchart_figure_free(fig);
    }
    for (int h = 600; h <= 1400; h += 100) {
        char size[32];
        snprintf(size, sizeof size, "400x%d", h);
        const char *opts[] = {"size", size, NULL};
        csvchart_error err = {0};
        csvchart_figure *fig = lay(burst_csv, opts, &err);
        const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
        HARNESS_REPORT(s != NULL, "burst at %s: %s", size, err.message);
        if (s) {
            HARNESS_REPORT(overlapping_dots(s) == 0, "burst at %s: %zu dots overlap", size,
                           overlapping_dots(s));
            check_scene_rules(size, s, s->width, s->height);
        }
        csvchart_figure_free(fig);
    }
}

/* The pale bands of dates given to a month or a year are drawn before every dot: drawn after,
 * they greyed the dots of the day-precise events they cover (review 11). */
static void test_bands_under_dots(void)
{
    static const char *const csv =
        "date,label\n2015,Annual report 2015\n2016,Annual report 2016\n2016-04-16,Incident 1\n"
        "2016-08-19,Incident 3\n2017,Annual report 2017\n2017-05-19,Incident 7\n"
        "2018,Annual report 2018\n";
    static const char *const opts[][5] = {{"size", "1200x675", NULL},
                                          {"size", "400x600", NULL},
                                          {"size", "1920x1080", "orientation", "horizontal", NULL}};
    for (size_t z = 0; z < sizeof opts / sizeof opts[0]; z++) {
        csvchart_error err = {0};
        csvchart_figure *fig = lay(csv, opts[z], &err);
        const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
        HARNESS_REPORT(s != NULL, "bands at %s: %s", opts[z][1], err.message);
        bool dot_seen = false;
        size_t bands = 0;
        for (size_t i = 0; s && i < s->len; i++) {
            const struct scene_item *it = &s->items[i];
            dot_seen = dot_seen || it->kind == SCENE_CIRCLE;
            bool band = it->kind == SCENE_RECT && (it->fill & 0xff) == 0x80;
            bands += band;
            HARNESS_REPORT(!band || !dot_seen, "bands at %s: a band drawn after a dot", opts[z][1]);
        }
        HARNESS_REPORT(bands >= 4, "bands at %s: %zu bands", opts[z][1], bands);
        csvchart_figure_free(fig);
    }
}

/* Vertical lines (leaders, cut where they yield to text) that enter a tick label's column
 * below a horizontal axis: a line whose x lies within the label's box and that reaches below
 * the label's top. */
static size_t leaders_through_ticks(const struct csvchart_scene *s)
{
    size_t n = 0;
    for (size_t i = 0; i < s->len; i++) {
        const struct scene_item *t = &s->items[i];
        if (!is_tick_label(s, t) || t->anchor != TEXT_ANCHOR_MIDDLE) {
            continue;
        }
        for (size_t j = 0; j < s->len; j++) {
            const struct scene_item *l = &s->items[j];
            n += l->kind == SCENE_LINE && fabs(l->x - l->x2) < 0.01 && l->x > t->x + 1 &&
                 l->x < t->x + t->w - 1 && fmax(l->y, l->y2) > t->y + t->h &&
                 fmin(l->y, l->y2) < t->y + t->h + 20;
        }
    }
    return n;
}

/* A leader below the axis that would run through a tick label is sent above where that still
 * fits (review 11: leaders entered and left "1 Feb 2026", "2020", "Aug 2025"), even where the
 * figure then takes more rows. */
static void test_leaders_clear_ticks(void)
{
    static const char *const csv =
        "date,label,detail\n2024-05-22,Parliament dissolved,Detail about it\n"
        "2024-05-23,Manifesto launch,Detail about it\n2024-05-24,First TV debate,Detail\n"
        "2024-05-25,Second TV debate,Detail\n2024-05-27,Polls tighten,Detail\n"
        "2024-08-05,Recount,Detail about the recount\n";
    static const char *const sizes[] = {"1200x675", "1920x1080", "1080x1080"};
    for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
        const char *opts[] = {"size", sizes[z], "orientation", "horizontal", NULL};
        csvchart_error err = {0};
        csvchart_figure *fig = lay(csv, opts, &err);
        const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
        HARNESS_REPORT(s != NULL, "leaders at %s: %s", sizes[z], err.message);
        if (s) {
            /* the last event's label fits only below, reaching left: its leader alone */
            HARNESS_REPORT(leaders_through_ticks(s) <= 1, "leaders at %s: %zu through tick labels",
                           sizes[z], leaders_through_ticks(s));
            check_scene_rules(sizes[z], s, s->width, s->height);
        }
        csvchart_figure_free(fig);
    }
}

/* A cluster lists every name where the canvas has room for them (review 11: 30 events of one
 * day on an empty slide read "Event 0 ... Event 8 and 21 more"), and keeps a short name on one
 * line ("Event / 11"). */
static void test_cluster_names_all(void)
{
    char csv[2048];
    size_t n = (size_t)snprintf(csv, sizeof csv, "date,label\n");
    for (int i = 0; i < 30; i++) {
        n += (size_t)snprintf(csv + n, sizeof csv - n, "2026-01-15,Event %d\n", i);
    }
    const char *opts[] = {"size", "1920x1080", NULL};
    csvchart_error err = {0};
    csvchart_figure *fig = lay(csv, opts, &err);
    const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
    HARNESS_REPORT(s != NULL, "30 events: %s", err.message);
    for (int i = 0; s && i < 30; i++) {
        char name[32];
        snprintf(name, sizeof name, "Event\xc2\xa0%d", i); /* one line: a no-break space */
        bool found = false;
        for (size_t j = 0; j < s->len && !found; j++) {
            const char *t = s->items[j].kind == SCENE_TEXT ? s->items[j].text : "";
            const char *at = strstr(t, name);
            found = at && (at[strlen(name)] < '0' || at[strlen(name)] > '9');
        }
        HARNESS_REPORT(found, "30 events at 1920x1080: \"Event %d\" not listed", i);
    }
    for (size_t j = 0; s && j < s->len; j++) {
        HARNESS_REPORT(s->items[j].kind != SCENE_TEXT || !strstr(s->items[j].text, "more"),
                       "30 events at 1920x1080: \"%s\"", s->items[j].text);
    }
    if (s) {
        check_scene_rules("30 events", s, s->width, s->height);
    }
    csvchart_figure_free(fig);
}

/* In columns, each time is named in one column: the ticks of a column stop half way to the next
 * column's first event (review 11: "Jan 1972" and "Apr" ended one column and began the next). */
static void test_columns_name_each_time_once(void)
{
    static const char *const csv = "date,end,label,group\n"
                                   "1970-01-22,,Rally 2,EU\n"
                                   "1970-05-12,1970-11-24,Rally 28,EU\n"
                                   "1970-07-18,1971-01-06,Lawsuit 1,India\n"
                                   "1971-01-28,,Summit 29,India\n"
                                   "1971-03-17,1972-02-04,Recall 22,US\n"
                                   "1971-05-14,,Storm 23,India\n"
                                   "1971-05-18,,Outage 26,India\n"
                                   "1971-07-12,,Ruling 9,EU\n"
                                   "1971-07-17,,Ceasefire 27,EU\n"
                                   "1971-09-13,1972-05-04,Strike 13,US\n"
                                   "1971-12-27,,Merger 18,US\n"
                                   "2020-01-05,,Ceasefire 17,EU\n"
                                   "2020-05-04,,Deal 3,EU\n"
                                   "2020-06-09,,Rally 14,US\n"
                                   "2020-07-15,2020-09-15,Election 19,China\n"
                                   "2020-09-22,,Vote 20,China\n"
                                   "2020-10-07,,Vote 5,EU\n"
                                   "2020-12-15,2021-12-11,Election 25,EU\n"
                                   "2021-04-13,,Election 8,US\n"
                                   "2021-08-03,2021-12-17,Ceasefire 4,China\n"
                                   "2021-08-21,,Launch 12,India\n"
                                   "2021-10-08,,Lawsuit 21,US\n"
                                   "2021-10-21,,Vote 6,China\n"
                                   "2022-01-26,,Audit 30,US\n"
                                   "2022-03-16,2022-07-18,Election 10,EU\n"
                                   "2022-03-24,,Protest 15,India\n"
                                   "2022-08-25,,Audit 11,India\n"
                                   "2022-11-23,2023-04-03,Protest 16,US\n"
                                   "2022-12-05,,Hearing 24,China\n"
                                   "2022-12-28,2023-11-15,Launch 7,India\n";
    static const char *const sizes[] = {"1920x1080", "1200x675"};
    for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
        const char *opts[] = {"size", sizes[z], "end", "end", "orientation", "vertical", NULL};
        csvchart_error err = {0};
        csvchart_figure *fig = lay(csv, opts, &err);
        const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
        HARNESS_REPORT(s != NULL, "columns at %s: %s", sizes[z], err.message);
        for (size_t i = 0; s && i < s->len; i++) {
            const struct scene_item *a = &s->items[i];
            /* tick labels: right-aligned left of each column's axis (the events' are not) */
            if (a->kind != SCENE_TEXT || a->anchor != TEXT_ANCHOR_END ||
                !strpbrk(a->text, "0123456789")) {
                continue; /* a month alone ("Apr") names a time only beside its year */
            }
            for (size_t j = i + 1; j < s->len; j++) {
                const struct scene_item *b = &s->items[j];
                HARNESS_REPORT(b->kind != SCENE_TEXT || b->anchor != TEXT_ANCHOR_END ||
                                   strcmp(a->text, b->text) != 0,
                               "columns at %s: tick \"%s\" twice", sizes[z], a->text);
            }
        }
        csvchart_figure_free(fig);
    }
}

/* Columns are cut where time is quiet: a year's events and the next year's, half a year
 * apart, stand in columns of their own, not the first of the next year under the last of the
 * one before across an axis break (the greedy fill by heights cut there; graphics desk review,
 * session 23). */
static void test_columns_cut_quiet(void)
{
    const char *csv = "date,label\n"
                      "2025-01-20,Early release of the first reasoning model\n"
                      "2025-02-10,Early export rules for advanced chips\n"
                      "2025-06-01,Early funding round for the lab\n"
                      "2026-01-15,Late policy shift on chips\n"
                      "2026-02-01,Late series G raises thirty billion\n"
                      "2026-02-25,Late hardware exclusion reported\n"
                      "2026-03-05,Late vote on the export bill\n"
                      "2026-04-10,Late launch of the next model\n";
    static const char *const sizes[] = {"1200x300", "1200x260", "1000x300", "900x280"};
    for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
        const char *opts[] = {"size", sizes[z], "orientation", "vertical", NULL};
        csvchart_error err = {0};
        csvchart_figure *fig = lay(csv, opts, &err);
        const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
        HARNESS_REPORT(s != NULL, "%s: %s", sizes[z], csvchart_error_text(&err));
        if (!s) {
            csvchart_figure_free(fig);
            continue;
        }
        double early_x = NAN, late_x = NAN;
        bool mixed = false;
        for (size_t i = 0; i < s->len; i++) {
            const struct scene_item *it = &s->items[i];
            if (it->kind != SCENE_TEXT) {
                continue;
            }
            bool early = strncmp(it->text, "Early", 5) == 0;
            bool late = strncmp(it->text, "Late", 4) == 0;
            if (early) {
                mixed = mixed || fabs(it->x - late_x) < 0.5;
                early_x = isnan(early_x) ? it->x : early_x;
            }
            if (late) {
                mixed = mixed || fabs(it->x - early_x) < 0.5;
                late_x = isnan(late_x) ? it->x : late_x;
            }
        }
        HARNESS_REPORT(fabs(early_x - late_x) > 0.5, "%s: one column (the case wants two)",
                       sizes[z]);
        HARNESS_REPORT(!mixed, "%s: a column holds events of 2025 and of 2026", sizes[z]);
        check_scene_rules(sizes[z], s, s->width, s->height);
        csvchart_figure_free(fig);
    }
}

/*
 * In columns, a span that runs past the next column's first event ends its column's axis at
 * the column's last time and runs on down the next column from its top: taken whole, a 60-hour
 * span stretched the first column's axis over 60 hours, its events' dots squeezed into its top
 * half above a bare axis, and the span was not drawn in the next column at all (graphics
 * desk, session 23). Events every three hours for four days, the first a span of 60 hours.
 */
static void test_spans_run_on_across_columns(void)
{
    char csv[4096];
    size_t n = (size_t)snprintf(csv, sizeof csv,
                                "date,end,label\n2025-03-10T06:00:00Z,2025-03-12T18:00:00Z,"
                                "Incident bridge open\n");
    for (int i = 1; i < 32; i++) {
        int h = 6 + 3 * i;
        n += (size_t)snprintf(csv + n, sizeof csv - n,
                              "2025-03-%02dT%02d:%02d:00Z,,Status update %d for the region\n",
                              10 + h / 24, h % 24, (7 * i) % 60, i);
    }
    static const char *const sizes[] = {"1200x1259", "1920x1080"};
    for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
        const char *opts[] = {"size", sizes[z], "end", "end", "orientation", "vertical", NULL};
        csvchart_error err = {0};
        csvchart_figure *fig = lay(csv, opts, &err);
        const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
        HARNESS_REPORT(s != NULL, "%s: %s", sizes[z], csvchart_error_text(&err));
        if (!s) {
            csvchart_figure_free(fig);
            continue;
        }
        size_t pieces = 0;
        double left = INFINITY, lowest = 0;
        for (size_t i = 0; i < s->len; i++) {
            const struct scene_item *it = &s->items[i];
            pieces += it->kind == SCENE_RECT && it->title &&
                      strcmp(it->title, "Incident "
                                        "bridge open") == 0;
            left = it->kind == SCENE_CIRCLE ? fmin(left, it->x) : left;
        }
        for (size_t i = 0; i < s->len; i++) { /* the first column's last dot */
            const struct scene_item *it = &s->items[i];
            if (it->kind == SCENE_CIRCLE && fabs(it->x - left) < 2) {
                lowest = fmax(lowest, it->y);
            }
        }
        HARNESS_REPORT(pieces >= 2, "%s: the span is drawn in %zu column(s)", sizes[z], pieces);
        HARNESS_REPORT(lowest > 0.85 * s->height, /* 0.74 and 0.73 before */
                       "%s: the first column's events end %.0f px down the %.0f px canvas",
                       sizes[z], lowest, s->height);
        check_scene_rules(sizes[z], s, s->width, s->height);
        check_near_dots(sizes[z], s);
        csvchart_figure_free(fig);
    }
}

/* Today between two clusters stands in the break between them (review 11: it split the stretch
 * into two breaks around a segment of no length, no tick label fitted beside its "Today", and
 * the axis lost every label, exit 0). */
static void test_today_in_a_break(void)
{
    static const char *const csv =
        "date,label\n1990-05-08,Outage\n1990-05-14,Tariff\n1990-05-22,Lawsuit\n"
        "1990-06-09,Leak\n2008-09-15,Deal\n2008-10-07,Ceasefire\n2008-10-17,Merger\n"
        "2025-11-05,Audit\n2025-11-20,Summit\n2025-12-07,Resignation\n";
    static const char *const sizes[] = {"1200x675", "400x600", "1920x1080"};
    for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
        const char *opts[] = {"today", "2015-01-01", "size", sizes[z], NULL};
        csvchart_error err = {0};
        csvchart_figure *fig = lay(csv, opts, &err);
        const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
        HARNESS_REPORT(s != NULL, "today in a break at %s: %s", sizes[z], err.message);
        if (s) {
            size_t ticks = 0;
            bool today = false;
            for (size_t i = 0; i < s->len; i++) {
                const struct scene_item *t = &s->items[i];
                ticks += is_tick_label(s, t) && strcmp(t->text, "Today") != 0;
                today = today || (t->kind == SCENE_TEXT && strcmp(t->text, "Today") == 0);
            }
            HARNESS_REPORT(ticks >= 3 && today, "today in a break at %s: %zu ticks, Today %s",
                           sizes[z], ticks, today ? "shown" : "missing");
            HARNESS_REPORT(slanted(s) == 4, "today in a break at %s: %zu slanted lines", sizes[z],
                           slanted(s));
            check_scene_rules(sizes[z], s, s->width, s->height);
        }
        csvchart_figure_free(fig);
    }
}

/* Day ticks stand on their days' dots (review 11: a day's dot at noon stood half a day from the
 * tick at its midnight, so "23 May" read as between the 22 and 23 May dots), in a segment cut
 * down to its event's day too (review 6: "22 May 2024" stood 73 px from the 22 May dot). Evenly
 * spread events keep one axis (review 11: 15 Jan, 1 Feb and 1 Mar lost both stretches); the
 * stretches that stand out from the steps between the other events are cut. */
static void test_day_ticks_on_dots(void)
{
    static const char *const even =
        "date,label,detail\n2024-05-22,\"Parliament dissolved\",\"Detail about parliament "
        "dissolved and what it meant for voters\"\n2024-05-29,\"Manifesto launch\",\"Detail "
        "about manifesto launch and what it meant for voters\"\n2024-06-03,\"First TV "
        "debate\",\"Detail about first tv debate and what it meant for voters\"\n";
    static const char *const apart =
        "date,label,detail\n2024-05-22,Parliament dissolved,Detail about it\n"
        "2024-05-23,Manifesto launch,Detail about it\n2024-05-24,First TV debate,Detail\n"
        "2024-05-25,Second TV debate,Detail\n2024-05-27,Polls tighten,Detail\n"
        "2024-08-05,Recount,Detail about the recount\n2024-10-20,Inauguration,Detail\n";
    static const char *const days[2][8] = {
        {"22 May", "29 May", "3 Jun"},
        {"22 May", "23 May", "24 May", "25 May", "27 May", "5 Aug", "20 Oct"}};
    static const char *const sizes[] = {"1080x1080", "400x900", "400x600", "1920x1080", "1200x675"};
    for (int c = 0; c < 2; c++) {
        for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
            const char *opts[] = {"size", sizes[z], NULL};
            csvchart_error err = {0};
            csvchart_figure *fig = lay(c ? apart : even, opts, &err);
            const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
            HARNESS_REPORT(s != NULL, "case %d at %s: %s", c, sizes[z], err.message);
            if (!s) {
                continue;
            }
            HARNESS_REPORT(slanted(s) == (c ? 4u : 0u), "case %d at %s: %zu slanted lines", c,
                           sizes[z], slanted(s));
            size_t named = 0;
            for (size_t i = 0; i < s->len; i++) {
                const struct scene_item *t = &s->items[i];
                if (!is_tick_label(s, t)) {
                    continue;
                }
                bool event_day = false;
                for (size_t k = 0; k < 8 && days[c][k]; k++) {
                    size_t n = strlen(days[c][k]);
                    event_day = event_day || (strncmp(t->text, days[c][k], n) == 0 &&
                                              (t->text[n] == '\0' || t->text[n] == ' '));
                }
                bool at_dot = false;
                bool vertical = t->anchor == TEXT_ANCHOR_END;
                double p = vertical ? t->y + t->h / 2 : t->anchor_x;
                for (size_t j = 0; j < s->len; j++) {
                    const struct scene_item *d = &s->items[j];
                    at_dot = at_dot ||
                             (d->kind == SCENE_CIRCLE && fabs((vertical ? d->y : d->x) - p) <= 2);
                }
                HARNESS_REPORT(at_dot == event_day, "case %d at %s: tick \"%s\" %s a dot", c,
                               sizes[z], t->text, at_dot ? "at" : "not at");
                named += event_day;
            }
            HARNESS_REPORT(named >= (c ? 2u : 1u), "case %d at %s: %zu event days named", c,
                           sizes[z], named);
            check_scene_rules(sizes[z], s, s->width, s->height);
            csvchart_figure_free(fig);
        }
    }
}

/* Ticks never say more than the dates: dates without a time of day get no hour ticks
 * ("12:00" beside an event on 5 Nov would give it a time), and no tick stands where the axis
 * breaks (a one-day segment's midnight, "20 Jan 2025", stood apart from the event of that day
 * at noon; found by a review). */
static void test_ticks_say_no_more(void)
{
    static const char *const csvs[] = {
        ("date,label\n2024-11-05,US presidential election\n2024-11-05,Senate elections\n"
         "2024-11-05,House elections\n2025-01-20,Inauguration\n"),
        "date,label\n2000-01-01,First\n2000-01-02,Second\n2000-01-03,Third\n",
        "date,label\n2000-01-01,First\n2000-01-03,Third\n2000-01-03,Third again\n"};
    static const char *const sizes[] = {"1200x675", "1920x1080", "640x360"};
    for (size_t c = 0; c < sizeof csvs / sizeof csvs[0]; c++) {
        for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
            const char *opts[] = {"size", sizes[k], NULL};
            csvchart_error err = {0};
            csvchart_figure *fig = lay(csvs[c], opts, &err);
            const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
            HARNESS_REPORT(s != NULL, "case %zu at %s: %s", c, sizes[k], err.message);
            size_t jan20 = 0;
            for (size_t i = 0; s && i < s->len; i++) {
                const struct scene_item *t = &s->items[i];
                if (t->kind != SCENE_TEXT) {
                    continue;
                }
                HARNESS_REPORT(!strchr(t->text, ':'), "case %zu at %s: tick \"%s\"", c, sizes[k],
                               t->text);
                jan20 += strcmp(t->text, "20 Jan 2025") == 0;
            }
            /* the event's date line, and no tick of the same name at the break; the day alone
             * between breaks is named at its dot, where a tick is the event's date */
            HARNESS_REPORT(c != 0 || jan20 == 1 || (jan20 == 2 && ticks_at_dots(s) > 0),
                           "at %s: \"20 Jan 2025\" %zu times", sizes[k], jan20);
            csvchart_figure_free(fig);
        }
    }
}

/* The review's election night: five events of one day keep their details, and the labels of
 * the later ones were stacked under them in a single column, far from their dots. Whatever
 * the arrangement chosen, every label stays beside its date. */
static void test_labels_near_dots(void)
{
    static const char *const csv =
        "date,label,detail\n"
        "2024-11-05,Polls open in the eastern states,Detail line 0 with a bit of context that "
        "might need wrapping onto another line\n"
        "2024-11-05,First exit polls published by the networks,Detail line 1 with a bit of "
        "context that might need wrapping onto another line\n"
        "2024-11-05,Florida called for the incumbent after a long count,Detail line 2 with a "
        "bit of context that might need wrapping onto another line\n"
        "2024-11-05,Turnout hits record in Pennsylvania,Detail line 3 with a bit of context "
        "that might need wrapping onto another line\n"
        "2024-11-05,Concession speech delivered from campaign headquarters in Delaware,Detail "
        "line 4 with a bit of context that might need wrapping onto another line\n"
        "2024-11-06,Markets rally,\n"
        "2024-12-17,Electors vote,\n"
        "2025-01-06,Congress certifies the result after a long debate that ran past "
        "midnight,\n"
        "2025-01-20,Inauguration Day,\n";
    static const char *const sizes[] = {"1200x675", "400x600", "1080x1080", "1920x1080"};
    static const char *const orients[] = {"auto", "vertical"};
    for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
        for (size_t o = 0; o < 2; o++) {
            const char *opts[] = {"size", sizes[z], "orientation", orients[o], NULL};
            char name[64];
            snprintf(name, sizeof name, "election night, %s, %s", sizes[z], orients[o]);
            csvchart_error err = {0};
            csvchart_figure *fig = lay(csv, opts, &err);
            const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
            HARNESS_REPORT(s != NULL, "%s: %s", name, csvchart_error_text(&err));
            if (s) {
                check_scene_rules(name, s, s->width, s->height);
                check_near_dots(name, s);
            }
            csvchart_figure_free(fig);
        }
    }
}

/* The tallest horizontal band of the canvas where nothing is drawn (margins included). */
static double empty_band(const struct csvchart_scene *s)
{
    size_t n = 0;
    double(*iv)[2] = malloc((s->len ? s->len : 1) * sizeof *iv);
    for (size_t i = 0; i < s->len; i++) {
        const struct scene_item *t = &s->items[i];
        if (t->kind == SCENE_LINE) {
            iv[n][0] = fmin(t->y, t->y2);
            iv[n++][1] = fmax(t->y, t->y2);
        } else if (t->kind == SCENE_CIRCLE) {
            iv[n][0] = t->y - t->r;
            iv[n++][1] = t->y + t->r;
        } else if (t->kind == SCENE_TEXT || t->kind == SCENE_RECT) {
            iv[n][0] = t->y;
            iv[n++][1] = t->y + t->h;
        }
    }
    for (size_t a = 1; a < n; a++) { /* insertion sort by top */
        for (size_t b = a; b > 0 && iv[b - 1][0] > iv[b][0]; b--) {
            double t0 = iv[b][0], t1 = iv[b][1];
            iv[b][0] = iv[b - 1][0];
            iv[b][1] = iv[b - 1][1];
            iv[b - 1][0] = t0;
            iv[b - 1][1] = t1;
        }
    }
    double end = 0, best = 0;
    for (size_t i = 0; i < n; i++) {
        best = fmax(best, iv[i][0] - end);
        end = fmax(end, iv[i][1]);
    }
    free(iv);
    return fmax(best, s->height - end);
}

/* The figure uses the canvas: no band a fifth of its height is left empty. Lanes ended two
 * thirds down an article, the rest blank; on a slide the rows sat in a band of 300 px, 280
 * empty above and 240 below; a century of events left 150 px under the title and as much at
 * the bottom (found by a review). The free height goes to the gaps between rows and lanes. */
static void test_fills_height(void)
{
    static const char *const spans =
        "date,end,label,group\n"
        "2019-01,2021-06,Project Alpha: discovery and prototyping,R&D\n"
        "2020-03,2020-09,Pandemic pause,Operations\n"
        "2021-01,2024-12,Beta platform build-out,R&D\n"
        "2022-05-10,,Series B funding,Finance\n"
        "2022-05-12,,Hiring freeze,Operations\n"
        "2023-01,2023-03,Audit,Finance\n"
        "2023-02-14,,IPO filing,Finance\n"
        "2024-06,2025-06,International expansion to Europe and Asia,Operations\n"
        "2025-01-01,,New CEO,Operations\n";
    static const char *const decades = "date,label\n"
                                       "1914,First World War begins\n"
                                       "1918-11-11,Armistice\n"
                                       "1929-10-29,Wall Street Crash\n"
                                       "1939-09-01,Germany invades Poland\n"
                                       "1945-05-08,VE Day\n"
                                       "1969-07-20,Moon landing\n"
                                       "1989-11-09,Berlin Wall falls\n"
                                       "2001-09-11,September 11 attacks\n"
                                       "2008-09-15,Lehman Brothers collapses\n"
                                       "2020-03-11,WHO declares Covid-19 a pandemic\n";
    static const struct {
        const char *name, *csv, *opts[12];
    } cases[] = {
        {"lanes", spans, {"end", "end", "group", "group", "lanes", "group", NULL}},
        {"spans on a slide",
         spans,
         {"end", "end", "group", "group", "size", "1920x1080", "theme", "dark", NULL}},
        {"a century", decades, {"title", "A century of shocks", NULL}},
        {"a century on a slide", decades, {"title", "A century of shocks", "size", "slide", NULL}},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        csvchart_error err = {0};
        csvchart_figure *fig = lay(cases[c].csv, cases[c].opts, &err);
        const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
        HARNESS_REPORT(s != NULL, "%s: %s", cases[c].name, csvchart_error_text(&err));
        if (s) {
            double band = empty_band(s);
            HARNESS_REPORT(band <= 0.2 * s->height, "%s: %.0f px of %.0f left empty", cases[c].name,
                           band, s->height);
            check_scene_rules(cases[c].name, s, s->width, s->height);
        }
        csvchart_figure_free(fig);
    }
}

static void test_same_day_and_one(void)
{
    csvchart_error err = {0};
    csvchart_figure *fig = lay("date,label\n2026-02-25,A one\n2026-02-25,B two\n"
                               "2026-02-25,C three\n",
                               NULL, &err);
    const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
    CHECK(s != NULL);
    if (s) {
        CHECK(fixture_find_text(s, "A one") && fixture_find_text(s, "B two") &&
              fixture_find_text(s, "C three"));
        size_t dots = 0;
        for (size_t i = 0; i < s->len; i++) {
            dots += s->items[i].kind == SCENE_CIRCLE;
        }
        CHECK_INT(dots, 3);
        check_text_boxes("same day", s);
        /* day ticks name their month */
        for (size_t i = 0; i < s->len; i++) {
            const struct scene_item *t = &s->items[i];
            if (t->kind == SCENE_TEXT && t->anchor == TEXT_ANCHOR_MIDDLE) {
                HARNESS_REPORT(strspn(t->text, "0123456789:") < strlen(t->text) ||
                                   strchr(t->text, ':'),
                               "tick \"%s\" is a bare number", t->text);
            }
        }
    }
    csvchart_figure_free(fig);
    fig = lay("date,label\n2026-02-25,Alone\n", NULL, &err);
    s = csvchart_figure_scene(fig, &err);
    CHECK(s != NULL);
    if (s) {
        CHECK(fixture_find_text(s, "Alone") != NULL);
        CHECK_STR(s->desc, "Timeline of 1 event, 25 February 2026.");
        check_text_boxes("one event", s);
    }
    csvchart_figure_free(fig);
}

/* Sixty events every five days with details: the ladder's steps, then refusal or growth. */
static char *crowd(size_t n, int step, bool details)
{
    struct buf b = {0};
    put(&b, details ? "date,label,detail\n" : "date,label\n");
    for (size_t i = 0; i < n; i++) {
        int y, m, d;
        csvchart_date_civil(20000 + (int)i * step, &y, &m, &d);
        char line[200];
        snprintf(line, sizeof line, "%d-%02d-%02d,Event %zu of the year%s\n", y, m, d, i,
                 details ? ",A detail line that takes some room when it wraps" : "");
        put(&b, line);
    }
    return b.p;
}

static void test_refusal_and_growth(void)
{
    char *csv = crowd(60, 5, true);
    const char *opts[] = {"size", "600x400", NULL};
    csvchart_error err = {0};
    csvchart_figure *fig = lay(csv, opts, &err);
    const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
    CHECK(s == NULL);
    CHECK_INT(err.status, CSVCHART_ERROR_SIZE);
    CHECK(strstr(err.message, "60 events do not fit 600x400: use size 600x") != NULL);
    csvchart_figure_free(fig);
    const char *grow[] = {"size", "600x400", "fit", "grow", NULL};
    csvchart_error err2 = {0};
    fig = lay(csv, grow, &err2);
    s = csvchart_figure_scene(fig, &err2);
    HARNESS_REPORT(s != NULL, "fit = grow: %s", csvchart_error_text(&err2));
    if (s) {
        CHECK_DBL(s->width, 600, 0);
        CHECK(s->height > 400);
        CHECK_INT(csvchart_figure_warning_count(fig), 1);
        if (csvchart_figure_warning_count(fig)) {
            CHECK(strstr(csvchart_figure_warning(fig, 0),
                         "60 events do not fit 600x400: drawn at") != NULL);
        }
        /* grow keeps every detail line */
        CHECK(has_text(s, "A detail line"));
        check_text_boxes("fit = grow", s);
    }
    csvchart_figure_free(fig);
    free(csv);
}

static void test_details_dropped(void)
{
    char *csv = crowd(30, 12, true);
    csvchart_error err = {0};
    csvchart_figure *fig = lay(csv, NULL, &err);
    const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
    HARNESS_REPORT(s != NULL, "details: %s", csvchart_error_text(&err));
    if (s) {
        CHECK(!has_text(s, "A detail line"));
        CHECK_INT(csvchart_figure_warning_count(fig), 1);
        if (csvchart_figure_warning_count(fig)) {
            CHECK(strstr(csvchart_figure_warning(fig, 0),
                         "the detail lines of 30 events are left "
                         "out so that 30 events fit 1200x675") != NULL);
        }
    }
    csvchart_figure_free(fig);
    free(csv);
}

/* 63 events, 58 of them within five days: one label counts the crowd. */
static void test_clusters(void)
{
    struct buf b = {0};
    put(&b, "date,label\n2025-01-20,Early event one\n2025-02-14,Early event two\n"
            "2025-03-30,Early event three\n");
    for (int i = 0; i < 58; i++) {
        char line[80];
        snprintf(line, sizeof line, "2025-%02d-%02d,Crowded event %d\n", i < 12 ? 4 : 5,
                 i < 12 ? 29 + i % 2 : 1 + i % 3, i);
        put(&b, line);
    }
    put(&b, "2025-06-20,Late event one\n2025-07-15,Late event two\n");
    const char *opts[] = {"size", "slide", NULL};
    csvchart_error err = {0};
    csvchart_figure *fig = lay(b.p, opts, &err);
    const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
    HARNESS_REPORT(s != NULL, "clusters: %s", csvchart_error_text(&err));
    if (s) {
        CHECK_DBL(s->height, 1080, 0);
        CHECK(has_text(s, "Early event one"));
        CHECK(has_text(s, "Late event two"));
        /* the crowd is counted in clusters (by day: the finest closeness that fits) */
        unsigned long counted = 0;
        for (size_t i = 0; i < s->len; i++) {
            const struct scene_item *t = &s->items[i];
            const char *c = t->kind == SCENE_TEXT ? strstr(t->text, ": ") : NULL;
            counted += c && strstr(c, "\xc2\xa0"
                                      "events")
                           ? strtoul(c + 2, NULL, 10)
                           : 0;
        }
        CHECK_INT(counted, 58);
        size_t w = csvchart_figure_warning_count(fig);
        CHECK(w >= 1);
        CHECK(w >= 2);
        if (w >= 2) {
            CHECK(strstr(csvchart_figure_warning(fig, w - 2), "58 of 63 events are drawn as ") !=
                  NULL);
            /* half of them within 2 days of a 176-day span: weekly bars would be one bar of
             * them (graphics desk review), so the crowd alone */
            CHECK_STR(csvchart_figure_warning(fig, w - 1),
                      "half of the events fall within 2 days: a figure of those alone may read "
                      "better");
        }
        check_text_boxes("clusters", s);
        check_line_cross("clusters", s);
        /* gathered, the labels grow back past the footer's size (21.6 px on a slide) */
        const struct scene_item *early = fixture_find_text(s, "Early event one");
        HARNESS_REPORT(early && early->size_px > 22, "clusters: labels at %.1f px",
                       early ? early->size_px : 0);
    }
    csvchart_figure_free(fig);
    free(b.p);
}

/* The hint after clusters counts a crowd by period as bars where it spans a period or more (40
 * events over 60 days of three years: by month), and suggests the crowd alone where the bars
 * would be one (40 within 10 days: graphics desk review, an election night counted by week). */
static void test_crowd_hint(void)
{
    static const struct {
        int crowd_days;
        const char *want;
    } cases[] = {
        {60, "counted by month they may read better as bars (csvchart bar --x date --bin month"},
        {10, "days: a figure of those alone may read better"},
    };
    for (size_t c = 0; c < 2; c++) {
        struct buf b = {0};
        put(&b, "date,label\n");
        char line[96];
        for (int i = 0; i < 12; i++) {
            snprintf(line, sizeof line, "%d-%02d-15,Milestone %d\n", 2022 + i / 4, 1 + i % 4 * 3,
                     i);
            put(&b, line);
        }
        for (int i = 0; i < 40; i++) {
            int day = i * (cases[c].crowd_days - 1) / 39;
            snprintf(line, sizeof line, "2024-%02d-%02d,Crowded event %d\n", 5 + day / 30,
                     1 + day % 30, i);
            put(&b, line);
        }
        const char *opts[] = {"size", "1200x675", NULL};
        csvchart_error err = {0};
        csvchart_figure *fig = lay(b.p, opts, &err);
        csvchart_figure_scene(fig, &err);
        bool found = false;
        for (size_t i = 0; i < csvchart_figure_warning_count(fig); i++) {
            found = found || strstr(csvchart_figure_warning(fig, i), cases[c].want) != NULL;
        }
        HARNESS_REPORT(found, "crowd of %d days: no warning with \"%s\"", cases[c].crowd_days,
                       cases[c].want);
        csvchart_figure_free(fig);
        free(b.p);
    }
}

/* A cluster within one day names its first and last times, the date once: it named the first
 * time alone ("10 Mar 2025, 12:05 UTC: 40 events", found by a review). */
static void test_cluster_of_one_day(void)
{
    struct buf b = {0};
    put(&b, "date,label\n");
    for (int i = 0; i < 40; i++) {
        char line[80];
        snprintf(line, sizeof line, "2025-03-10T12:%02d:00Z,Shot %d fired\n", 5 + i, i);
        put(&b, line);
    }
    put(&b, "2025-04-01,Month event 0\n2025-05-01,Month event 1\n2025-06-01,Month event 2\n"
            "2025-07-01,Month event 3\n2025-08-01,Month event 4\n");
    static const char *const locales[] = {"en", "fr"};
    /* (the heading may wrap after the date's comma, or before "UTC") */
    static const char *const date[] = {"10 Mar 2025,", "10 mars 2025,"};
    static const char *const want[] = {"10 Mar 2025, 12:05\xe2\x80\x93"
                                       "12:44",
                                       "10 mars 2025, 12:05\xe2\x80\x93"
                                       "12:44"};
    for (size_t k = 0; k < 2; k++) {
        const char *opts[] = {"locale", locales[k], "size", "800x450", NULL};
        csvchart_error err = {0};
        csvchart_figure *fig = lay(b.p, opts, &err);
        const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
        HARNESS_REPORT(s != NULL, "one day (%s): %s", locales[k], csvchart_error_text(&err));
        if (s) {
            bool wrapped = has_text(s, date[k]) && has_text(s, want[k] + strlen(date[k]) + 1);
            HARNESS_REPORT(has_text(s, want[k]) || wrapped, "one day (%s): no heading \"%s\"",
                           locales[k], want[k]);
            check_text_boxes("one day", s);
        }
        csvchart_figure_free(fig);
    }
    free(b.p);
}

/* The axis of zoned times says its zone once, after its first time of day ("25 Feb 2026,
 * 09:00 UTC", then "12:00"), as the events' dates do; an axis of clock times without a zone,
 * or of days, says none (review: the axis alone read "10:00" beside "09:30 UTC"). Ticks are the
 * regular-weight texts here (no details, no subtitle). */
static void test_axis_zone(void)
{
    static const struct {
        const char *csv;
        int zone_ticks; /* ticks with "UTC": 1, 0, or -1 for at least one (a column each) */
    } cases[] = {
        {"date,label\n2026-02-25T08:00:00Z,Embargo lifts\n2026-02-25T09:30:00Z,Report published\n"
         "2026-02-25T13:00:00+01:00,Statement\n2026-02-25T16:45:00Z,Markets close\n",
         1},
        {"date,label\n2026-02-25T08:00,Embargo lifts\n2026-02-25T09:30,Report published\n"
         "2026-02-25T13:00,Statement\n2026-02-26T16:45,Markets close\n",
         0},
        {"date,label\n2026-01-05T08:00Z,One\n2026-02-11T09:30Z,Two\n2026-04-20T16:45Z,Three\n", 0},
    };
    static const char *const sizes[] = {"400x600", "1200x675", "1920x1080"};
    static const char *const orients[] = {"horizontal", "vertical"};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        for (size_t z = 0; z < 3; z++) {
            for (size_t o = 0; o < 2; o++) {
                const char *opts[] = {"size", sizes[z], "orientation", orients[o], NULL};
                csvchart_error err = {0};
                csvchart_figure *fig = lay(cases[c].csv, opts, &err);
                const struct csvchart_scene *s = fig ? csvchart_figure_scene(fig, &err) : NULL;
                if (!s) { /* refused at this size: nothing to check */
                    csvchart_figure_free(fig);
                    continue;
                }
                int zoned = 0;
                bool clock_before = false;
                double first_at = INFINITY;
                for (size_t i = 0; i < s->len; i++) {
                    const struct scene_item *it = &s->items[i];
                    if (it->kind != SCENE_TEXT || it->weight != 400) {
                        continue;
                    }
                    bool utc = strstr(it->text, "UTC") != NULL;
                    HARNESS_REPORT(!utc || strchr(it->text, ':'), "axis zone %zu %s %s: \"%s\"", c,
                                   sizes[z], orients[o], it->text);
                    double at = o ? it->y : it->x;
                    if (utc) {
                        zoned++;
                        first_at = fmin(first_at, at);
                    }
                }
                for (size_t i = 0; o == 0 && zoned == 1 && i < s->len; i++) {
                    const struct scene_item *it = &s->items[i];
                    if (it->kind == SCENE_TEXT && it->weight == 400 && strchr(it->text, ':') &&
                        !strstr(it->text, "UTC")) {
                        clock_before = clock_before || it->x < first_at;
                    }
                }
                HARNESS_REPORT(!clock_before, "axis zone %zu %s: a time before the zone", c,
                               sizes[z]);
                if (cases[c].zone_ticks >= 0 && (o == 0 || cases[c].zone_ticks == 0)) {
                    HARNESS_REPORT(zoned == cases[c].zone_ticks,
                                   "axis zone %zu %s %s: %d ticks say UTC, want %d", c, sizes[z],
                                   orients[o], zoned, cases[c].zone_ticks);
                } else {
                    HARNESS_REPORT(zoned >= 1, "axis zone %zu %s %s: no tick says UTC", c, sizes[z],
                                   orients[o]);
                }
                csvchart_figure_free(fig);
            }
        }
    }
}

/* A cluster names as many of its events as the room holds (graphics desk review: 46
 * election-night events among six milestones named one, "CNN: race too close to call #36
 * and 45 more", on an empty slide): at least a handful where the figure has the room. */
static void test_cluster_names_fill(void)
{
    static const char *const what[] = {"Polls close in Georgia",   "AP calls Pennsylvania",
                                       "Trump leads in Wisconsin", "Harris wins California",
                                       "Peso falls sharply",       "Dow futures jump 2%"};
    char csv[8192];
    size_t n = (size_t)snprintf(csv, sizeof csv, "date,label\n");
    for (int i = 0; i < 46; i++) {
        int min = 23 * 60 + 4 + i * 21; /* 23:04 on 5 Nov, every 21 minutes */
        n += (size_t)snprintf(csv + n, sizeof csv - n, "2024-11-%02dT%02d:%02d:00Z,%s #%d\n",
                              5 + min / 1440, min / 60 % 24, min % 60, what[i % 6], i);
    }
    static const char *const milestones[] = {"2024-07-21", "2024-08-22", "2024-09-10",
                                             "2024-10-01", "2025-01-06", "2025-01-20"};
    for (int i = 0; i < 6; i++) {
        n += (size_t)snprintf(csv + n, sizeof csv - n, "%s,Milestone %d\n", milestones[i], i);
    }
    static const char *const sizes[] = {"1200x675", "1920x1080"};
    for (size_t z = 0; z < 2; z++) {
        const char *opts[] = {"size", sizes[z], NULL};
        csvchart_error err = {0};
        csvchart_figure *fig = lay(csv, opts, &err);
        const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
        HARNESS_REPORT(s != NULL, "cluster names at %s: %s", sizes[z], csvchart_error_text(&err));
        size_t named = 0;
        for (size_t i = 0; s && i < s->len; i++) {
            const struct scene_item *it = &s->items[i];
            for (const char *c = it->kind == SCENE_TEXT ? it->text : ""; (c = strchr(c, '#'));
                 c++) {
                named++;
            }
        }
        HARNESS_REPORT(named >= 5, "cluster names at %s: %zu of 46 events named", sizes[z], named);
        csvchart_figure_free(fig);
    }
    /* on a phone, in a column, the names stay beside the cluster's dot (the largest), not ten
     * of them 130 px above it beside other dates: fewer there */
    const char *phone[] = {"size", "400x600", NULL};
    csvchart_error err = {0};
    csvchart_figure *fig = lay(csv, phone, &err);
    const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
    const struct scene_item *dot = NULL, *head = NULL;
    for (size_t i = 0; s && i < s->len; i++) {
        const struct scene_item *it = &s->items[i];
        if (it->kind == SCENE_CIRCLE && (!dot || it->r > dot->r)) {
            dot = it;
        }
        if (it->kind == SCENE_TEXT && strncmp(it->text, "5 Nov 2024", 10) == 0) {
            head = it;
        }
    }
    HARNESS_REPORT(dot && head && fabs(head->y - dot->y) < 70,
                   "cluster names on a phone: the heading at y %.0f, its dot at %.0f",
                   head ? head->y : -1, dot ? dot->y : -1);
    csvchart_figure_free(fig);
}

/* Date lines leave out what the figure's first event states, where it holds for every date:
 * the year of a figure in one year, the day of one day (never the zone); over several years, every
 * date is whole (a label off its dot was read in the year of the tick beside it). Spans and markers
 * are always whole. */
static void test_date_lines(void)
{
    static const struct {
        const char *csv, *marker, *want[6], *not [3];
    } cases[] = {
        {"date,end,label,group\n2023-03-01,2024-05-31,Span,A\n2023-07-18,,A one,A\n"
         "2023-12-06,,B one,B\n2024-05-13,,A two,A\n",
         "2024-06-01 Rules",
         {"18 Jul 2023", "6 Dec 2023", "13 May 2024", "1 Mar 2023 \xe2\x80\x93 31 May 2024",
          "1 Jun 2024", NULL},
         {"6 Dec", "13 May", NULL}},
        {"date,end,label,group\n2025-01-20,,One,A\n2025-01-27,,Two,B\n2025-03-04,2025-03-09,Span,"
         "A\n"
         "2025-07-01,,Three,B\n",
         "2025-06-01 Rules",
         {"20 Jan 2025", "27 Jan", "1 Jul",
          "4\xe2\x80\x93"
          "9 Mar 2025",
          "1 Jun 2025", NULL},
         {"27 Jan 2025", "1 Jul 2025", NULL}},
        {"date,label\n2025-01-20T09:00Z,One\n2025-01-20T15:30Z,Two\n2025-01-21T08:00Z,Three\n",
         NULL,
         {"20 Jan 2025, 09:00 UTC", "20 Jan, 15:30 UTC", "21 Jan, 08:00 UTC", NULL},
         {"15:30 UTC", "20 Jan, 15:30", NULL}},
        {"date,label\n2025-01-20T09:00Z,One\n2025-01-20T15:30Z,Two\n2025-01-20T18:00,Three\n",
         NULL,
         {"20 Jan 2025, 09:00 UTC", "15:30 UTC", "18:00", NULL},
         {"15:30", NULL}},
        /* local times with an offset, shown in UTC: each says so (review: "Mumbai close
         * 10:00" read as the local time) */
        {"date,label\n2025-01-20T09:00+05:30,Open\n2025-01-20T15:30+05:30,Close\n",
         NULL,
         {"20 Jan 2025, 03:30 UTC", "10:00 UTC", NULL},
         {"20 Jan, 10:00", NULL}},
        /* months alone too, in a figure of one year (review: "Jan 2025, Mar 2025, 15 Jun") */
        {"date,label\n2025-01,One\n2025-03,Two\n2025-06-15,Three\n2025-11,Four\n",
         NULL,
         {"Jan 2025", "Mar", "15 Jun", "Nov", NULL},
         {"Mar 2025", "Nov 2025", NULL}},
        {"date,label\n2024-12-31,One\n2025-01-02,Two\n",
         NULL,
         {"31 Dec 2024", "2 Jan 2025", NULL},
         {"2 Jan", NULL}},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        for (int lanes = 0; lanes < 2; lanes++) {
            bool grouped = strstr(cases[c].csv, "group") != NULL;
            if (lanes && !grouped) {
                continue;
            }
            const char *opts[12] = {NULL};
            size_t o = 0;
            if (grouped) {
                opts[o++] = "end", opts[o++] = "end", opts[o++] = "group", opts[o++] = "group";
                opts[o++] = "lanes", opts[o++] = lanes ? "group" : "none";
            }
            if (cases[c].marker) {
                opts[o++] = "marker", opts[o++] = cases[c].marker;
            }
            csvchart_error err = {0};
            csvchart_figure *fig = lay(cases[c].csv, opts, &err);
            const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
            HARNESS_REPORT(s != NULL, "date lines %zu: %s", c, csvchart_error_text(&err));
            for (size_t i = 0; s && cases[c].want[i]; i++) {
                HARNESS_REPORT(fixture_find_text(s, cases[c].want[i]) != NULL,
                               "date lines %zu, lanes %d: \"%s\" missing", c, lanes,
                               cases[c].want[i]);
            }
            for (size_t i = 0; s && cases[c].not [i]; i++) {
                HARNESS_REPORT(fixture_find_text(s, cases[c].not [i]) == NULL,
                               "date lines %zu, lanes %d: \"%s\" shown", c, lanes,
                               cases[c].not [i]);
            }
            csvchart_figure_free(fig);
        }
    }
}

static void test_lanes(void)
{
    const char *csv = "date,end,label,group\n"
                      "2024-01,2024-06,Alpha design,Team A\n"
                      "2024-07,2024-12,Alpha build,Team A\n"
                      "2024-03-15,,Beta kickoff,Team B\n"
                      "2024-05,2024-11,Beta trials,Team B\n"
                      "2024-10-01,,Review,Team C\n";
    const char *opts[] = {"end", "end", "group", "group", "lanes", "group", NULL};
    csvchart_error err = {0};
    csvchart_figure *fig = lay(csv, opts, &err);
    const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
    HARNESS_REPORT(s != NULL, "lanes: %s", csvchart_error_text(&err));
    if (s) {
        const struct scene_item *a = fixture_find_text(s, "Team A");
        const struct scene_item *bb = fixture_find_text(s, "Team B");
        const struct scene_item *c = fixture_find_text(s, "Team C");
        CHECK(a && bb && c);
        if (a && bb && c) {
            CHECK(a->y < bb->y && bb->y < c->y); /* one lane each, in the groups' order */
            const struct scene_item *beta = fixture_find_text(s, "Beta trials");
            CHECK(beta && beta->y > bb->y && beta->y < c->y); /* in its lane */
        }
        CHECK(fixture_find_text(s, "Alpha design") != NULL); /* spans carry their label */
        check_text_boxes("lanes", s);
        check_line_cross("lanes", s);
    }
    csvchart_figure_free(fig);
    /* lanes without a group column, or vertical: refused with a reason */
    const char *bad[] = {"lanes", "group", NULL};
    csvchart_error e2 = {0};
    fig = lay(csv, bad, &e2);
    CHECK(csvchart_figure_scene(fig, &e2) == NULL);
    CHECK(strstr(e2.message, "lanes = group needs a group column") != NULL);
    csvchart_figure_free(fig);
    const char *vert[] = {"group", "group", "lanes", "group", "orientation", "vertical", NULL};
    csvchart_error e3 = {0};
    fig = lay(csv, vert, &e3);
    CHECK(csvchart_figure_scene(fig, &e3) == NULL);
    CHECK(strstr(e3.message, "orientation = vertical") != NULL);
    csvchart_figure_free(fig);
}

/* Groups are told apart by colour: more groups than colours are refused; lanes name them. */
static void test_distinct_colors(void)
{
    char csv[1024];
    size_t n = (size_t)snprintf(csv, sizeof csv, "date,label,group\n");
    for (int g = 1; g <= 8; g++) {
        n += (size_t)snprintf(csv + n, sizeof csv - n, "2025-%02d-01,Event %d,Group %d\n", g, g, g);
    }
    const char *opts[] = {"group", "group", NULL};
    csvchart_error err = {0};
    csvchart_figure *fig = lay(csv, opts, &err);
    CHECK(csvchart_figure_scene(fig, &err) == NULL);
    CHECK(strstr(err.message, "group \"Group 8\" would be drawn in the colour of \"Group 1\"") ==
          err.message);
    /* the ways out a timeline has (review 11: it suggested highlight, which timelines refuse) */
    CHECK(strstr(err.message, ": 8 groups, and") != NULL);
    CHECK(strstr(err.message, "(lanes = group)") != NULL);
    CHECK(strstr(err.message, "highlight") == NULL);
    csvchart_figure_free(fig);
    const char *lanes[] = {"group", "group", "lanes", "group", NULL};
    err = (csvchart_error){0};
    fig = lay(csv, lanes, &err);
    HARNESS_REPORT(csvchart_figure_scene(fig, &err) != NULL, "lanes: %s", err.message);
    csvchart_figure_free(fig);
}

int main(void)
{
    RUN(test_article);
    RUN(test_breaks);
    RUN(test_breaks_at_ends);
    RUN(test_breaks_give_events_room);
    RUN(test_day_ticks_on_dots);
    RUN(test_today_in_a_break);
    RUN(test_bands_under_dots);
    RUN(test_leaders_clear_ticks);
    RUN(test_cluster_names_all);
    RUN(test_columns_name_each_time_once);
    RUN(test_spans_run_on_across_columns);
    RUN(test_columns_cut_quiet);
    RUN(test_same_day_and_one);
    RUN(test_labels_near_dots);
    RUN(test_fills_height);
    RUN(test_ticks_say_no_more);
    RUN(test_refusal_and_growth);
    RUN(test_details_dropped);
    RUN(test_clusters);
    RUN(test_cluster_of_one_day);
    RUN(test_lanes);
    RUN(test_date_lines);
    RUN(test_axis_zone);
    RUN(test_cluster_names_fill);
    RUN(test_crowd_hint);
    RUN(test_distinct_colors);
    if (system("fc-match -f '%{family}' Inter 2>/dev/null | grep -q Inter") != 0) {
        printf("Inter is not installed: the property test is skipped\n");
        harness_done();
        return 77;
    }
    pango = csvchart_text_pango_new();
    RUN(test_property);
    RUN(test_taller_fits);
    RUN(test_wider_fits);
    csvchart_text_pango_free(pango);
    csvchart_render_release_thread_fonts();
    return harness_done();
}
