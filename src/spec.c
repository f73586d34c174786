/*
 * spec.c - from option text to a typed struct spec (see spec.h).
 *
 * Values were checked by csvchart_option_check() when they were set, so parsing here cannot
 * fail on content; only allocation can.
 */
#include "spec.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "error.h"

csvchart_status csvchart_option_values_set(struct option_values *vals, enum option_id id,
                                           const char *text, const char *file, size_t line,
                                           csvchart_error *err)
{
    char *t = csvchart_strdup(text);
    char *f = file ? csvchart_strdup(file) : NULL;
    if (!t || (file && !f)) {
        free(t);
        free(f);
        return csvchart_error_nomem(err);
    }
    free(vals->v[id].text);
    free(vals->v[id].file);
    vals->v[id].text = t;
    vals->v[id].file = f;
    vals->v[id].line = line;
    return CSVCHART_OK;
}

void csvchart_option_values_fini(struct option_values *vals)
{
    for (size_t i = 0; i < OPT_COUNT; i++) {
        free(vals->v[i].text);
        free(vals->v[i].file);
        vals->v[i].text = vals->v[i].file = NULL;
    }
}

static const char *get(const struct option_values *vals, enum option_id id)
{
    const char *t = vals->v[id].text;
    return t ? t : csvchart_option_def(id)->def;
}

static enum tristate tri(const char *s)
{
    bool b;
    if (strcmp(s, "auto") == 0 || !csvchart_parse_bool(s, &b)) {
        return TRI_AUTO;
    }
    return b ? TRI_TRUE : TRI_FALSE;
}

static bool flag(const char *s)
{
    bool b = false;
    csvchart_parse_bool(s, &b);
    return b;
}

/* Splits a list option into an owned array; an empty text gives no items. */
static bool split(const char *text, char ***items, size_t *n)
{
    *items = NULL;
    *n = 0;
    if (!*text) {
        return true;
    }
    size_t count = csvchart_split_list(text, NULL, 0);
    if (count == (size_t)-1 || count == 0) {
        return true;
    }
    char **a = calloc(count, sizeof *a);
    if (!a) {
        return false;
    }
    csvchart_split_list(text, a, count);
    for (size_t i = 0; i < count; i++) {
        if (!a[i]) {
            for (size_t j = 0; j < count; j++) {
                free(a[j]);
            }
            free(a);
            return false;
        }
    }
    *items = a;
    *n = count;
    return true;
}

/*
 * Each choice option's words and the values they stand for, by name (not by their place in
 * the choices string, which may grow in any order). test_spec.c checks that every word of
 * every such option is here.
 */
struct choice_value {
    const char *name;
    int value;
};
enum { DATE_FORMAT_AUTO, DATE_FORMAT_DMY, DATE_FORMAT_MDY, DATE_FORMAT_YMD, DATE_FORMAT_DMY_DOT };
static const struct choice_value
    png_compression[] = {{"fast", PNG_COMPRESSION_FAST}, {"small", PNG_COMPRESSION_SMALL}, {0}},
    svg_text[] = {{"text", 0}, {"paths", 1}, {0}},
    marks[] = {{"auto", MARK_AUTO},
               {"bar", MARK_BAR},
               {"dot", MARK_DOT},
               {"lollipop", MARK_LOLLIPOP},
               {"line", MARK_LINE},
               {"line+dot", MARK_LINE_DOT},
               {0}},
    category_labels[] = {{"all", 0}, {"thin", 1}, {0}},
    facet_scales[] = {{"auto", FACET_AUTO}, {"shared", FACET_SHARED}, {"free", FACET_FREE}, {0}},
    fits[] = {{"exact", 0}, {"grow", 1}, {0}}, font_missing[] = {{"warn", 0}, {"error", 1}, {0}},
    sorts[] = {{"none", SORT_NONE}, {"asc", SORT_ASC}, {"desc", SORT_DESC}, {0}},
    aggregates[] = {{"none", AGG_NONE},
                    {"sum", AGG_SUM},
                    {"mean", AGG_MEAN},
                    {"count", AGG_COUNT},
                    {"min", AGG_MIN},
                    {"max", AGG_MAX},
                    {0}},
    bins[] = {{"none", BIN_NONE},
              {"day", BIN_DAY},
              {"week", BIN_WEEK},
              {"month", BIN_MONTH},
              {"quarter", BIN_QUARTER},
              {"year", BIN_YEAR},
              {0}},
    orientations[] = {{"auto", ORIENT_AUTO},
                      {"horizontal", ORIENT_HORIZONTAL},
                      {"vertical", ORIENT_VERTICAL},
                      {0}},
    axis_breaks[] = {{"auto", 1}, {"none", 0}, {0}}, lanes[] = {{"none", 0}, {"group", 1}, {0}},
    trends[] = {{"none", 0}, {"fit", 1}, {0}},
    date_formats[] = {{"auto", DATE_FORMAT_AUTO},          {"dd/mm/yyyy", DATE_FORMAT_DMY},
                      {"mm/dd/yyyy", DATE_FORMAT_MDY},     {"yyyy-mm-dd", DATE_FORMAT_YMD},
                      {"dd.mm.yyyy", DATE_FORMAT_DMY_DOT}, {0}},
    encodings[] = {{"utf-8", ENCODING_UTF8},
                   {"latin1", ENCODING_LATIN1},
                   {"utf-16", ENCODING_UTF16},
                   {"auto", ENCODING_AUTO},
                   {0}};

static const struct choice_value *const choice_values[OPT_COUNT] = {
    [OPT_PNG_COMPRESSION] = png_compression,
    [OPT_SVG_TEXT] = svg_text,
    [OPT_MARK] = marks,
    [OPT_CATEGORY_LABELS] = category_labels,
    [OPT_FACET_SCALE] = facet_scales,
    [OPT_FIT] = fits,
    [OPT_FONT_MISSING] = font_missing,
    [OPT_SORT] = sorts,
    [OPT_AGGREGATE] = aggregates,
    [OPT_BIN] = bins,
    [OPT_ORIENTATION] = orientations,
    [OPT_AXIS_BREAKS] = axis_breaks,
    [OPT_LANES] = lanes,
    [OPT_TREND] = trends,
    [OPT_DATE_FORMAT] = date_formats,
    [OPT_ENCODING] = encodings,
};

int csvchart_spec_choice(enum option_id id, const char *word)
{
    for (const struct choice_value *c = choice_values[id]; c && c->name; c++) {
        if (strcmp(c->name, word) == 0) {
            return c->value;
        }
    }
    return -1;
}

/* The value of a choice option (checked when set, so the word is known; else the default's). */
static int choice(const struct option_values *vals, enum option_id id)
{
    int v = csvchart_spec_choice(id, get(vals, id));
    return v >= 0 ? v : csvchart_spec_choice(id, csvchart_option_default(id));
}

/* A timeline's notes are tied to dates: each note's key read as the data's dates are
 * (date_format, the locale's month names); one that does not read is refused with where
 * annotate was set. */
static csvchart_status date_notes(struct spec *out, const char *file, size_t line,
                                  csvchart_error *err)
{
    out->date_notes = calloc(out->nnotes, sizeof *out->date_notes);
    if (!out->date_notes) {
        return csvchart_error_nomem(err);
    }
    for (size_t k = 0; k < out->nnotes; k++) {
        const struct note_mark *n = &out->notes[k];
        struct dated_mark *m = &out->date_notes[out->ndate_notes];
        if (!csvchart_date_parse_as(n->category, strlen(n->category), &out->dates, &m->date)) {
            return csvchart_error_set(err, CSVCHART_ERROR_VALUE, file, line, 0,
                                      "annotate: item %zu \"%s\" is not a date; on a timeline "
                                      "a note is DATE: TEXT, e.g. 2026-01-15: Policy shift",
                                      k + 1, n->category);
        }
        if (!(m->label = csvchart_strdup(n->text))) {
            return csvchart_error_nomem(err);
        }
        out->ndate_notes++;
    }
    return CSVCHART_OK;
}

csvchart_status csvchart_spec_bind(const struct option_values *vals, unsigned kind,
                                   struct spec *out, csvchart_error *err)
{
    memset(out, 0, sizeof *out);
    out->kind = kind;
    out->title = get(vals, OPT_TITLE);
    out->subtitle = get(vals, OPT_SUBTITLE);
    out->source = get(vals, OPT_SOURCE);
    out->note = get(vals, OPT_NOTE);
    out->font = get(vals, OPT_FONT);
    out->id_prefix = get(vals, OPT_ID_PREFIX);
    csvchart_parse_size(get(vals, OPT_SIZE), &out->width, &out->height);
    const char *theme = get(vals, OPT_THEME);
    if (csvchart_theme_is_file(theme)) {
        /* the house's palette unless the figure sets its own */
        const char *palette = vals->v[OPT_PALETTE].text ? get(vals, OPT_PALETTE) : "";
        csvchart_status st = csvchart_theme_load(theme, palette, &out->theme, err);
        if (st) {
            return st;
        }
        /* the house's font and byline unless the figure sets its own */
        const struct theme_house *h = &out->theme.house;
        if (*h->font && !vals->v[OPT_FONT].text) {
            out->font = h->font;
        }
    } else {
        csvchart_theme_get(theme, get(vals, OPT_PALETTE), &out->theme);
    }

    const char *delim = get(vals, OPT_DELIMITER);
    out->delimiter = strcmp(delim, "auto") == 0                                ? 0
                     : (strcmp(delim, "tab") == 0 || strcmp(delim, "\t") == 0) ? '\t'
                                                                               : delim[0];

    out->render.scale = strtod(get(vals, OPT_SCALE), NULL);
    const char *dpi = get(vals, OPT_DPI);
    out->render.dpi = *dpi ? strtod(dpi, NULL) : 96.0 * out->render.scale;
    /* A printed size (6.5inx4in) is drawn at its dpi: 300 dpi is 3.125 PNG pixels a CSS px,
     * so the PNG is 1950x1200 and its pHYs gives back 6.5 x 4 in. A scale given too would
     * say another size: refused. */
    out->physical_size = csvchart_size_is_physical(get(vals, OPT_SIZE));
    if (out->physical_size && *dpi) {
        double scale = out->render.dpi / 96.0;
        if (vals->v[OPT_SCALE].text && fabs(scale - out->render.scale) > 1e-9) {
            return csvchart_error_set(err, CSVCHART_ERROR_VALUE, vals->v[OPT_SCALE].file,
                                      vals->v[OPT_SCALE].line, 0,
                                      "scale: %s disagrees with dpi %s for the printed size %s "
                                      "(%g px a CSS px); give dpi or scale, not both",
                                      get(vals, OPT_SCALE), dpi, get(vals, OPT_SIZE), scale);
        }
        out->render.scale = scale;
    }
    out->render.png_compression = (enum png_compression)choice(vals, OPT_PNG_COMPRESSION);
    out->render.svg_text_paths = choice(vals, OPT_SVG_TEXT);
    out->render.id_prefix = out->id_prefix;
    out->render.max_pixels = strtod(get(vals, OPT_MAX_PIXELS), NULL);
    out->max_categories = (size_t)strtod(get(vals, OPT_MAX_CATEGORIES), NULL);
    out->max_rows = (size_t)strtod(get(vals, OPT_MAX_ROWS), NULL);
    out->max_columns = (size_t)strtod(get(vals, OPT_MAX_COLUMNS), NULL);
    out->max_field_bytes = (size_t)strtod(get(vals, OPT_MAX_FIELD_BYTES), NULL);

    out->x = get(vals, OPT_X);
    out->group = get(vals, OPT_GROUP);
    out->low = get(vals, OPT_LOW);
    out->high = get(vals, OPT_HIGH);
    out->facet = get(vals, OPT_FACET);
    out->log = flag(get(vals, OPT_LOG));
    /* "auto" is the bar for bar charts, decided by the data for trends */
    out->mark = (enum mark)choice(vals, OPT_MARK);
    if (out->mark == MARK_AUTO && kind != KIND_TREND) {
        out->mark = MARK_BAR;
    }
    const char *ratio = get(vals, OPT_RATIO);
    out->ratio = flag(ratio);
    out->thin_names = choice(vals, OPT_CATEGORY_LABELS);
    out->facet_scale = (enum facet_scale)choice(vals, OPT_FACET_SCALE);
    out->fit_grow = choice(vals, OPT_FIT);
    out->font_missing_error = choice(vals, OPT_FONT_MISSING);
    unsigned long neg = 0;
    const char *negc = get(vals, OPT_NEGATIVE_COLOR);
    out->negative_color =
        *negc && csvchart_parse_color(negc, strlen(negc), &neg) ? (csvchart_rgba)neg : 0;
    if (out->negative_color) {
        csvchart_theme_mark_color(&out->theme, &out->negative_color); /* 3:1, as the palette */
    }
    out->ratio_label = get(vals, OPT_RATIO_LABEL);
    const char *stack = get(vals, OPT_STACK);
    out->stack_percent = strcmp(stack, "percent") == 0;
    out->stack = out->stack_percent || flag(stack);
    out->totals = flag(get(vals, OPT_TOTALS));
    out->horizontal = tri(get(vals, OPT_HORIZONTAL));
    const char *labels = get(vals, OPT_LABELS);
    bool on;
    out->labels = strcmp(labels, "inside") == 0      ? LABELS_INSIDE
                  : strcmp(labels, "outside") == 0   ? LABELS_OUTSIDE
                  : strcmp(labels, "none") == 0      ? LABELS_NONE
                  : csvchart_parse_bool(labels, &on) ? (on ? LABELS_ON : LABELS_NONE)
                                                     : LABELS_AUTO;
    out->axis_title = get(vals, OPT_AXIS_TITLE);
    out->byline = vals->v[OPT_BYLINE].text || !*out->theme.house.byline ? get(vals, OPT_BYLINE)
                                                                        : out->theme.house.byline;
    out->alt = get(vals, OPT_ALT);
    out->color = get(vals, OPT_COLOR);
    const char *bg = get(vals, OPT_BACKGROUND);
    unsigned long bgc;
    out->transparent = strcmp(bg, "transparent") == 0;
    if (*bg && !out->transparent && csvchart_parse_color(bg, strlen(bg), &bgc)) {
        out->theme.background = (csvchart_rgba)bgc;
    }
    out->sort = (enum sort_order)choice(vals, OPT_SORT);
    out->aggregate = (enum aggregate)choice(vals, OPT_AGGREGATE);
    out->bin = (enum bin)choice(vals, OPT_BIN);
    out->date = get(vals, OPT_DATE);
    out->label = get(vals, OPT_LABEL);
    out->detail = get(vals, OPT_DETAIL);
    out->end = get(vals, OPT_END);
    out->orientation = (enum orientation)choice(vals, OPT_ORIENTATION);
    out->today = get(vals, OPT_TODAY);
    out->axis_breaks = choice(vals, OPT_AXIS_BREAKS);
    out->lanes = choice(vals, OPT_LANES);
    out->label_set = vals->v[OPT_LABEL].text != NULL;
    out->trend_fit = choice(vals, OPT_TREND);
    out->trend_label = get(vals, OPT_TREND_LABEL);
    csvchart_error ignored = {0};
    if (csvchart_format_parse(get(vals, OPT_VALUE_FORMAT), &out->format, &ignored) != CSVCHART_OK) {
        csvchart_format_parse("auto", &out->format, &ignored);
    }
    /* The language: its locale (checked when set; read again here, where it is kept), the
     * data's decimal mark, date order and encoding. */
    const char *locale = get(vals, OPT_LOCALE);
    csvchart_error le = {0};
    if (*locale && csvchart_locale_load(locale, &out->locale, &le) != CSVCHART_OK) {
        csvchart_spec_fini(out);
        return csvchart_error_set(err, le.status, vals->v[OPT_LOCALE].file,
                                  vals->v[OPT_LOCALE].line, 0, "%s", le.message);
    }
    out->format.loc = out->locale;
    /* 0 when not set: the default reading (number.h) */
    out->numbers.decimal = vals->v[OPT_DECIMAL].text ? *get(vals, OPT_DECIMAL) : 0;
    out->numbers.currency = out->locale ? out->locale->currency : NULL;
    static const struct {
        enum date_order order;
        char sep;
    } orders[] = {[DATE_FORMAT_AUTO] = {DATE_ORDER_NONE, 0},
                  [DATE_FORMAT_DMY] = {DATE_ORDER_DMY, '/'},
                  [DATE_FORMAT_MDY] = {DATE_ORDER_MDY, '/'},
                  [DATE_FORMAT_YMD] = {DATE_ORDER_YMD, '-'},
                  [DATE_FORMAT_DMY_DOT] = {DATE_ORDER_DMY, '.'}};
    int df = choice(vals, OPT_DATE_FORMAT);
    out->dates.order = orders[df].order;
    out->dates.sep = orders[df].sep;
    out->dates.loc = out->locale;
    out->encoding = (enum text_encoding)choice(vals, OPT_ENCODING);
    bool b;
    if (!csvchart_parse_bool(ratio, &b)) { /* "A,B": checked when set */
        out->ratio = true;
        char *pair[2] = {0};
        csvchart_split_list(ratio, pair, 2);
        out->ratio_pair[0] = pair[0];
        out->ratio_pair[1] = pair[1];
        if (!pair[0] || !pair[1]) {
            csvchart_spec_fini(out);
            return csvchart_error_nomem(err);
        }
    }
    /* checked when set: only running out of memory fails here */
    csvchart_error e = {0};
    size_t two;
    if (csvchart_parse_refs("rule", get(vals, OPT_RULE), false, &out->rules, &out->nrules, &e) ||
        csvchart_parse_refs("band", get(vals, OPT_BAND), true, &out->bands, &out->nbands, &e) ||
        csvchart_parse_notes("annotate", get(vals, OPT_ANNOTATE), &out->notes, &out->nnotes, &e) ||
        (*get(vals, OPT_DOMAIN) &&
         csvchart_parse_numbers("domain", get(vals, OPT_DOMAIN), 2, &out->domain, &two, &e)) ||
        (*get(vals, OPT_TICKS) &&
         csvchart_parse_numbers("ticks", get(vals, OPT_TICKS), 0, &out->ticks, &out->nticks, &e))) {
        csvchart_spec_fini(out);
        return csvchart_error_nomem(err);
    }
    /* Markers read their dates as the data does (date_format, the locale's month names), so
     * they are read here, where those are known; a bad one is refused with where it was set. */
    csvchart_status st = csvchart_parse_dated("marker", get(vals, OPT_MARKER), &out->dates,
                                              &out->markers, &out->nmarkers, &e);
    if (st != CSVCHART_OK) {
        csvchart_spec_fini(out);
        return st == CSVCHART_ERROR_NOMEM
                   ? csvchart_error_nomem(err)
                   : csvchart_error_set(err, st, vals->v[OPT_MARKER].file, vals->v[OPT_MARKER].line,
                                        0, "%s", e.message);
    }
    if (kind == KIND_TIMELINE && out->nnotes &&
        (st = date_notes(out, vals->v[OPT_ANNOTATE].file, vals->v[OPT_ANNOTATE].line, err))) {
        csvchart_spec_fini(out);
        return st;
    }
    if (!split(get(vals, OPT_Y), &out->y, &out->ny) ||
        !split(get(vals, OPT_HIGHLIGHT), &out->highlight, &out->nhighlight)) {
        csvchart_spec_fini(out);
        return csvchart_error_nomem(err);
    }
    return CSVCHART_OK;
}

static void free_list(char **items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(items[i]);
    }
    free(items);
}

void csvchart_spec_fini(struct spec *s)
{
    free_list(s->y, s->ny);
    free_list(s->highlight, s->nhighlight);
    csvchart_refs_free(s->rules, s->nrules);
    csvchart_refs_free(s->bands, s->nbands);
    csvchart_notes_free(s->notes, s->nnotes);
    free(s->domain);
    free(s->ticks);
    csvchart_dated_free(s->markers, s->nmarkers);
    s->markers = NULL;
    s->nmarkers = 0;
    csvchart_dated_free(s->date_notes, s->ndate_notes);
    s->date_notes = NULL;
    s->ndate_notes = 0;
    csvchart_locale_free(s->locale);
    s->locale = NULL;
    s->format.loc = NULL;
    s->dates.loc = NULL;
    s->numbers.currency = NULL;
    s->rules = s->bands = NULL;
    s->notes = NULL;
    s->domain = s->ticks = NULL;
    s->nrules = s->nbands = s->nnotes = s->nticks = 0;
    free(s->ratio_pair[0]);
    free(s->ratio_pair[1]);
    s->ratio_pair[0] = s->ratio_pair[1] = NULL;
    s->y = s->highlight = NULL;
    s->ny = s->nhighlight = 0;
}
