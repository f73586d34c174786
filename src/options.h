/*
 * options.h - the one option table (options.c) and the checks of option values
 * (options_check.c).
 *
 * Every figure option has one name, one type, one default and one help line, defined once in
 * options.c. That table drives CLI flags (--value-format), INI keys (value_format = ...), the
 * C API (csvchart_set), validation with "did you mean", --help and the README's reference.
 * Nothing is spelled twice.
 *
 * Values are kept as text (what the user wrote, with where they wrote it) and checked at once
 * by csvchart_option_check() (options_check.c); spec.c turns the checked text into typed
 * values.
 */
#ifndef CSVCHART_OPTIONS_H
#define CSVCHART_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "csvchart.h"

enum option_type {
    OPTION_TEXT,       /* any string */
    OPTION_BOOL,       /* true false yes no on off 1 0 */
    OPTION_BOOL_AUTO,  /* a bool, or auto */
    OPTION_NUMBER,     /* a number in [min, max] */
    OPTION_CHOICE,     /* one of `choices` ("a|b|c") */
    OPTION_SIZE,       /* WxH in CSS px, or a preset name */
    OPTION_COLUMN,     /* a column name (checked against the data later) */
    OPTION_COLUMNS,    /* a comma-separated list of column names */
    OPTION_LIST,       /* a comma-separated list of strings */
    OPTION_PALETTE,    /* a palette name or a list of hex colours */
    OPTION_FORMAT,     /* a value_format (see format.h) */
    OPTION_COLOR,      /* one hex colour, or "" for none */
    OPTION_BOOL_PAIR,  /* a bool, or two names ("A,B") */
    OPTION_BOOL_CHOICE /* a bool, or one of `choices` ("true|false|percent") */
};

enum figure_kind { KIND_BAR = 1u << 0, KIND_TIMELINE = 1u << 1, KIND_TREND = 1u << 2 };
#define KIND_ALL (KIND_BAR | KIND_TIMELINE | KIND_TREND)

/* Indexes into the option table; keep in the table's (alphabetical) order. */
enum option_id {
    OPT_AGGREGATE,
    OPT_ALT,
    OPT_ANNOTATE,
    OPT_AXIS_BREAKS,
    OPT_AXIS_TITLE,
    OPT_BACKGROUND,
    OPT_BAND,
    OPT_BIN,
    OPT_BYLINE,
    OPT_CATEGORY_LABELS,
    OPT_COLOR,
    OPT_DATE,
    OPT_DATE_FORMAT,
    OPT_DECIMAL,
    OPT_DELIMITER,
    OPT_DETAIL,
    OPT_DOMAIN,
    OPT_DPI,
    OPT_ENCODING,
    OPT_END,
    OPT_FACET,
    OPT_FACET_SCALE,
    OPT_FIT,
    OPT_FONT,
    OPT_FONT_MISSING,
    OPT_GROUP,
    OPT_HIGH,
    OPT_HIGHLIGHT,
    OPT_HORIZONTAL,
    OPT_ID_PREFIX,
    OPT_LABEL,
    OPT_LABELS,
    OPT_LANES,
    OPT_LOCALE,
    OPT_LOG,
    OPT_LOW,
    OPT_MARK,
    OPT_MARKER,
    OPT_MAX_CATEGORIES,
    OPT_MAX_COLUMNS,
    OPT_MAX_FIELD_BYTES,
    OPT_MAX_PIXELS,
    OPT_MAX_ROWS,
    OPT_NEGATIVE_COLOR,
    OPT_NOTE,
    OPT_ORIENTATION,
    OPT_PALETTE,
    OPT_PNG_COMPRESSION,
    OPT_RATIO,
    OPT_RATIO_LABEL,
    OPT_RULE,
    OPT_SCALE,
    OPT_SIZE,
    OPT_SORT,
    OPT_SOURCE,
    OPT_STACK,
    OPT_SUBTITLE,
    OPT_SVG_TEXT,
    OPT_THEME,
    OPT_TICKS,
    OPT_TITLE,
    OPT_TODAY,
    OPT_TOTALS,
    OPT_TREND,
    OPT_TREND_LABEL,
    OPT_VALUE_FORMAT,
    OPT_X,
    OPT_Y,
    OPT_COUNT
};

struct option_def {
    const char *name;
    enum option_type type;
    const char *def;     /* the default as text; "" for none */
    unsigned kinds;      /* enum figure_kind bits */
    const char *choices; /* OPTION_CHOICE: "a|b|c" */
    double min, max;     /* OPTION_NUMBER */
    const char *help;
};

/* The table entry for an id. */
const struct option_def *csvchart_option_def(enum option_id id);

/* The id of an option name ('-' and '_' alike), or OPT_COUNT when there is none. */
enum option_id csvchart_option_lookup(const char *name);
/* csvchart_option_suggest() among the options that apply to one of `kinds` (enum figure_kind
 * bits): a misspelt key is never pointed at an option the figure would refuse. */
const char *csvchart_option_suggest_in(const char *name, unsigned kinds);

/* What a set of kinds (enum figure_kind bits) is called in a message: "bar charts",
 * "bar charts and trends", "every figure"... */
const char *csvchart_kinds_text(unsigned kinds);

/* The figure kind named `name` ("bar", "timeline", "trend"), or 0. */
unsigned csvchart_kind_lookup(const char *name);

/*
 * Checks `value` for option `id`: on failure returns CSVCHART_ERROR_VALUE with a message
 * "NAME: ..." naming the value and what was expected (file/line are the caller's). Every
 * value, whatever its type, must be valid UTF-8 without C0 controls other than tab and
 * newline and without noncharacters (U+FDD0..U+FDEF, U+nFFFE, U+nFFFF), which XML or PDF
 * cannot hold: "title: invalid UTF-8 byte 0xff at byte 5".
 */
csvchart_status csvchart_option_check(enum option_id id, const char *value, const char *file,
                                      size_t line, csvchart_error *err);

/*
 * The checks of `value` for option `id` that depend on the figure's kind (one of enum
 * figure_kind): a mark of another kind ("mark: \"line\" does not apply to bar charts; expected
 * auto, bar, dot or lollipop"). Run after csvchart_option_check(); same errors.
 */
csvchart_status csvchart_option_check_kind(enum option_id id, unsigned kind, const char *value,
                                           const char *file, size_t line, csvchart_error *err);

/* Parses a boolean word; false when `s` is none of them. */
bool csvchart_parse_bool(const char *s, bool *out);

/*
 * Splits a comma-separated list; items are trimmed, a double-quoted item may contain commas
 * ("a, ""b"", c" style doubling inside quotes). Returns the count (or (size_t)-1 on a bad
 * quote, when no strings are left in items); writes at most `max` malloc'd strings into
 * items (the caller frees them).
 */
size_t csvchart_split_list(const char *s, char **items, size_t max);

/* Parses "#RGB", "#RRGGBB" or "#RRGGBBAA" into 0xRRGGBBAA. */
bool csvchart_parse_color(const char *s, size_t len, unsigned long *rgba);

/* Parses a size into CSS px: a preset (article, slide, slide-4x3, square, social), WxH in
 * px, or a printed size with a unit on each side (6.5inx4in, 16.5cmx10cm, 165mmx100mm,
 * 468ptx288pt; 96 px to the inch). */
bool csvchart_parse_size(const char *s, double *w, double *h);

/* Whether a size (checked by csvchart_parse_size) is a printed one, with units. */
bool csvchart_size_is_physical(const char *s);

#endif
