/*
 * spec.h - option values, checked and typed (spec.c).
 *
 * A figure keeps its options as text with where each was set (struct option_values).
 * csvchart_spec_bind() turns them into a struct spec once (the figure binds it when data is
 * loaded or laid out, and drops it when an option is set): numbers, enums, lists, a theme and
 * a value format, defaults filled in. Every later stage reads the typed spec, not the text:
 * the reader's limits and syntax, the plan of what to fold while reading (aggregate.h), the
 * bindings and the layouts. Column names are only names here; they are checked against the
 * data by the kind's binding (bar_data.c).
 */
#ifndef CSVCHART_SPEC_H
#define CSVCHART_SPEC_H

#include <stdbool.h>
#include <stddef.h>

#include "annotation.h"
#include "csvchart.h"
#include "format.h"
#include "options.h"
#include "locale_data.h"
#include "render.h"
#include "table.h"
#include "theme.h"

struct option_value {
    char *text; /* NULL when not set (the default applies) */
    char *file; /* where it was set: an INI file, or NULL for the CLI / API */
    size_t line;
};

struct option_values {
    struct option_value v[OPT_COUNT];
};

enum tristate { TRI_AUTO = -1, TRI_FALSE = 0, TRI_TRUE = 1 };
enum sort_order { SORT_NONE, SORT_ASC, SORT_DESC };
enum aggregate { AGG_NONE, AGG_SUM, AGG_MEAN, AGG_COUNT, AGG_MIN, AGG_MAX };
enum bin { BIN_NONE, BIN_DAY, BIN_WEEK, BIN_MONTH, BIN_QUARTER, BIN_YEAR };

struct spec {
    unsigned kind; /* enum figure_kind */
    /* borrowed from the option values (or static defaults); never NULL */
    const char *title, *subtitle, *source, *note, *font, *id_prefix;
    double width, height; /* CSS px */
    /* > 0: the type unit is at most this (layout.h). Set by csvchart_layout_fit() on the
     * copies it lays out, never from an option: 0 after csvchart_spec_build(). */
    double type_unit_cap;
    bool physical_size; /* size given in in, cm, mm or pt: a dpi sets the PNG scale */
    struct theme theme;
    char delimiter;                                /* 0 = auto */
    size_t max_rows, max_columns, max_field_bytes; /* the reader's limits (table.h) */
    struct render_options render;
    /* bar */
    const char *x, *group, *low, *high, *facet; /* "" when not set */
    char **y;                                   /* owned */
    size_t ny;
    char **highlight; /* owned */
    size_t nhighlight;
    bool stack;
    bool stack_percent; /* stack = percent: each stack as shares of its total */
    bool totals;        /* the total of each stack past its end */
    bool log;
    /* bar: bar, dot, lollipop; trend: line, dot, line+dot, or auto (decided by the points) */
    enum mark { MARK_BAR, MARK_DOT, MARK_LOLLIPOP, MARK_LINE, MARK_LINE_DOT, MARK_AUTO } mark;
    bool ratio;
    char *ratio_pair[2]; /* owned: the two categories of `ratio = A,B`, or NULL */
    const char *ratio_label;
    bool thin_names; /* category_labels = thin */
    enum facet_scale { FACET_AUTO, FACET_SHARED, FACET_FREE } facet_scale;
    csvchart_rgba negative_color; /* 0: the series colour */
    enum tristate horizontal;
    /* value labels: auto (where they fit), on (true: where they go, or the figure does not
     * fit), inside or outside the bar's end, none */
    enum label_mode { LABELS_AUTO, LABELS_ON, LABELS_INSIDE, LABELS_OUTSIDE, LABELS_NONE } labels;
    enum sort_order sort;
    enum aggregate aggregate;
    enum bin bin; /* dates as bars: the period of a bar */
    struct value_format format;
    size_t max_categories;
    /* what an editor adds (annotation.h); owned */
    struct ref_mark *rules, *bands;
    size_t nrules, nbands;
    struct note_mark *notes;
    size_t nnotes;
    double *domain; /* NULL, or [lo, hi] */
    double *ticks;  /* NULL, or nticks values */
    size_t nticks;
    const char *alt, *axis_title, *byline, *color; /* "" when not set */
    bool transparent;                              /* background = transparent */
    bool fit_grow;           /* fit = grow: a figure that does not fit is drawn larger */
    bool font_missing_error; /* font_missing = error: a missing font or glyph is refused */
    /* reading and writing in a language (locale_data.h, number.h, date.h) */
    struct csvchart_locale *locale; /* owned; NULL: the built-in conventions ("1,234.5") */
    struct number_syntax numbers;   /* decimal (and the locale's currency sign) */
    struct date_syntax dates;       /* date_format and the locale's month names */
    enum text_encoding encoding;    /* of the data file */
    /* timeline */
    const char *date, *label, *detail, *end; /* column names ("" when not set) */
    enum orientation { ORIENT_AUTO, ORIENT_HORIZONTAL, ORIENT_VERTICAL } orientation;
    const char *today; /* a date, or "" */
    bool axis_breaks;  /* axis_breaks = auto: empty stretches are cut out of the time axis */
    bool lanes;        /* lanes = group: one swimlane per group */
    /* trend (x, y, group, log, aggregate, format and label above serve it too) */
    bool label_set;             /* `label` was given (else a column named "label" is optional) */
    bool trend_fit;             /* trend = fit */
    const char *trend_label;    /* "auto" or a template */
    struct dated_mark *markers; /* owned: marker = DATE LABEL; ... */
    size_t nmarkers;
    struct dated_mark *date_notes; /* owned: a timeline's annotate = DATE: TEXT; ... */
    size_t ndate_notes;
};

/* Sets one option value (copies text and file). */
csvchart_status csvchart_option_values_set(struct option_values *vals, enum option_id id,
                                           const char *text, const char *file, size_t line,
                                           csvchart_error *err);
void csvchart_option_values_fini(struct option_values *vals);

/* The value a choice option's word stands for (an enum of this header or a bool), or -1 for a
 * word the option does not have or an option that is no choice of the spec. */
int csvchart_spec_choice(enum option_id id, const char *word);

/*
 * Builds *out from the values. Values were checked when set; what depends on other options
 * fails here, with where the value was set (FILE:LINE, or the option's name for a flag): a
 * scale that disagrees with dpi, a marker whose date does not read in the date_format and
 * locale set. And out of memory. Free with csvchart_spec_fini().
 */
csvchart_status csvchart_spec_bind(const struct option_values *vals, unsigned kind,
                                   struct spec *out, csvchart_error *err);
void csvchart_spec_fini(struct spec *s);

/* The k-th reference of a spec: its rules, then its bands (k < nrules + nbands). */
static inline const struct ref_mark *csvchart_spec_ref(const struct spec *s, size_t k)
{
    return k < s->nrules ? &s->rules[k] : &s->bands[k - s->nrules];
}

#endif
