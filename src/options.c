/*
 * options.c - the option table, and the lookups that read it.
 *
 * One row per option, alphabetical (so names can be found with bsearch and --help lists them
 * in order). The CLI (src/cli), INI files, csvchart_set() and the README reference all read
 * this table; options_check.c checks the values given to its options, and src/spec.c turns
 * checked values into the typed struct spec that layout reads.
 *
 * Over 600 lines, for a reason: the table is three quarters of the file (one field a line, as
 * clang-format lays designated initializers out), and it is one unit - the whole vocabulary in
 * one place; split, it would be read in pieces.
 */
#include "options.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define HUGE_DPI 10000.0

static const struct option_def table[OPT_COUNT] = {
    [OPT_AGGREGATE] = {.name = "aggregate",
                       .type = OPTION_CHOICE,
                       .def = "none",
                       .kinds = KIND_BAR | KIND_TREND,
                       .choices = "none|sum|mean|count|min|max",
                       .help = "combine rows of one category (trend: of one date in a series): "
                               "none (a repeat is an error), sum, mean, count, min, max; bar: "
                               "done while reading, in memory that does not grow with the file"},
    [OPT_ALT] = {.name = "alt",
                 .type = OPTION_TEXT,
                 .def = "",
                 .kinds = KIND_ALL,
                 .help = "the text alternative for readers who cannot see the figure: replaces "
                         "the generated description (SVG <desc>, PNG Description, PDF subject) "
                         "and is what a .txt output (--alt-text) holds; by default the title "
                         "then a generated summary of the data"},
    [OPT_ANNOTATE] = {.name = "annotate",
                      .type = OPTION_TEXT,
                      .def = "",
                      .kinds = KIND_BAR | KIND_TIMELINE,
                      .help = "notes tied to the data, with a leader: CATEGORY: TEXT (timeline: "
                              "DATE: TEXT, the date read as the data's); several separated by ; "
                              "(e.g. \"OpenAI o1\": Most expensive)"},
    [OPT_AXIS_BREAKS] = {.name = "axis_breaks",
                         .type = OPTION_CHOICE,
                         .def = "auto",
                         .kinds = KIND_TIMELINE,
                         .choices = "auto|none",
                         .help = "auto: a stretch without events longer than a quarter of the "
                                 "time shown (or than half of what longer ones leave), and "
                                 "four times the middle step between the events, is cut out of "
                                 "the time axis, with a drawn break; none: one linear time axis"},
    [OPT_AXIS_TITLE] = {.name = "axis_title",
                        .type = OPTION_TEXT,
                        .def = "",
                        .kinds = KIND_BAR,
                        .help = "a title for the value axis (e.g. US$ billion), at its top end"},
    [OPT_BACKGROUND] = {.name = "background",
                        .type = OPTION_TEXT,
                        .def = "",
                        .kinds = KIND_ALL,
                        .help = "the theme's (default), a hex colour, or transparent (PNG with "
                                "alpha, SVG and PDF without a background)"},
    [OPT_BAND] = {.name = "band",
                  .type = OPTION_TEXT,
                  .def = "",
                  .kinds = KIND_BAR | KIND_TREND,
                  .help = "shaded stretches of the value axis: LOW,HIGH LABEL; several separated "
                          "by ; (e.g. 10,20 Target range)"},
    [OPT_BIN] = {.name = "bin",
                 .type = OPTION_CHOICE,
                 .def = "none",
                 .kinds = KIND_BAR,
                 .choices = "none|day|week|month|quarter|year",
                 .help =
                     "dates as bars: the x column's dates in periods, one bar each, in time "
                     "order, periods without rows at zero, named on a time axis; with aggregate "
                     "(count counts rows)"},
    [OPT_BYLINE] = {.name = "byline",
                    .type = OPTION_TEXT,
                    .def = "",
                    .kinds = KIND_ALL,
                    .help = "who made the chart, after the source line (e.g. Chart: Jane Doe)"},
    [OPT_CATEGORY_LABELS] = {.name = "category_labels",
                             .type = OPTION_CHOICE,
                             .def = "all",
                             .kinds = KIND_BAR,
                             .choices = "all|thin",
                             .help = "all: every category is named, or the figure is refused "
                                     "with a size that fits; thin: every k-th name when they "
                                     "do not all fit (with a warning)"},
    [OPT_COLOR] = {.name = "color",
                   .type = OPTION_COLUMN,
                   .def = "",
                   .kinds = KIND_BAR,
                   .help = "a column of colours, one per category: hex (#D55E00) or blue, "
                           "orange, green, red, sky, pink, yellow, grey"},
    [OPT_DATE] = {.name = "date",
                  .type = OPTION_COLUMN,
                  .def = "date",
                  .kinds = KIND_TIMELINE,
                  .help = "the event date column: 2025, 2025-01, 2025-01-15, ISO date-times, "
                          "January 2025, 15 January 2026, Jan 15, 2026"},
    /* Every kind reads dates with it (a timeline's events, a trend's x, a bar's bin, the
     * markers), as decimal and locale are read by every kind: the table is read in the data's
     * syntax whatever draws it (figure.c). */
    [OPT_DATE_FORMAT] = {.name = "date_format",
                         .type = OPTION_CHOICE,
                         .def = "auto",
                         .kinds = KIND_ALL,
                         .choices = "auto|dd/mm/yyyy|mm/dd/yyyy|yyyy-mm-dd|dd.mm.yyyy",
                         .help = "how numeric dates are written: auto (ISO 2025-01-15 only), "
                                 "dd/mm/yyyy (15/01/2026), mm/dd/yyyy (01/15/2026), dd.mm.yyyy "
                                 "(15.01.2026) or yyyy-mm-dd; ISO dates and month names are "
                                 "read with every setting"},
    [OPT_DECIMAL] = {.name = "decimal",
                     .type = OPTION_CHOICE,
                     .def = ".",
                     .kinds = KIND_ALL,
                     .choices = ".|,",
                     .help = "the decimal mark of the numbers in the data: . (1,234.5) or , "
                             "(1.234,5 or 1 234,5, as written in much of Europe)"},
    [OPT_DELIMITER] = {.name = "delimiter",
                       .type = OPTION_CHOICE,
                       .def = "auto",
                       .kinds = KIND_ALL,
                       .choices = "auto|,|;|tab",
                       .help = "CSV field delimiter: auto (one of , ; tab, from the header), "
                               "',', ';' or tab"},
    [OPT_DETAIL] = {.name = "detail",
                    .type = OPTION_COLUMN,
                    .def = "",
                    .kinds = KIND_TIMELINE,
                    .help = "optional column with a second line per event, wrapped (default: a "
                            "column named detail or description, if any)"},
    [OPT_DOMAIN] = {.name = "domain",
                    .type = OPTION_TEXT,
                    .def = "",
                    .kinds = KIND_BAR,
                    .help = "the value axis' range LO,HI (e.g. 0,100); bars need zero in it, a "
                            "log axis whole decades"},
    [OPT_DPI] = {.name = "dpi",
                 .type = OPTION_NUMBER,
                 .def = "",
                 .kinds = KIND_ALL,
                 .min = 1,
                 .max = HUGE_DPI,
                 .help = "PNG pixels per inch: with a size in in, cm, mm or pt, the PNG is "
                         "drawn at it (6.5inx4in at 300 dpi is 1950x1200 px) and pHYs says "
                         "so; with a size in px, only pHYs (default 96 x scale, so the "
                         "physical size stays put)"},
    [OPT_ENCODING] = {.name = "encoding",
                      .type = OPTION_CHOICE,
                      .def = "utf-8",
                      .kinds = KIND_ALL,
                      .choices = "utf-8|latin1|utf-16|auto",
                      .help = "the data file's encoding: utf-8 (a Latin-1 or UTF-16 file is "
                              "refused with a message that says so), latin1 (ISO-8859-1 and "
                              "Windows-1252), utf-16 (with a byte order mark), or auto (a "
                              "byte order mark, else the first non-ASCII character decides)"},
    [OPT_END] =
        {.name = "end",
         .type = OPTION_COLUMN,
         .def = "",
         .kinds = KIND_TIMELINE,
         .help = "optional end-date column: the event is a span, drawn as a bar (default: a column "
                 "named end, if any)"},
    [OPT_FACET] = {.name = "facet",
                   .type = OPTION_COLUMN,
                   .def = "",
                   .kinds = KIND_BAR,
                   .help = "one panel per value of this column (small multiples), each with its "
                           "own axis and unit"},
    [OPT_FACET_SCALE] = {.name = "facet_scale",
                         .type = OPTION_CHOICE,
                         .def = "auto",
                         .kinds = KIND_BAR,
                         .choices = "auto|shared|free",
                         .help = "facet panels on one value scale (shared) or each on its own "
                                 "(free, noted under the chart); auto: shared when the panels "
                                 "share a unit"},
    [OPT_FIT] = {.name = "fit",
                 .type = OPTION_CHOICE,
                 .def = "exact",
                 .kinds = KIND_ALL,
                 .choices = "exact|grow",
                 .help = "exact: the figure is the size asked for, or it is refused with a "
                         "size that fits; grow: drawn at that larger size instead (a warning)"},
    [OPT_FONT] = {.name = "font",
                  .type = OPTION_TEXT,
                  .def = "Inter",
                  .kinds = KIND_ALL,
                  .help = "font family, through fontconfig; missing glyphs (CJK, accents) fall "
                          "back to other fonts"},
    [OPT_FONT_MISSING] = {.name = "font_missing",
                          .type = OPTION_CHOICE,
                          .def = "warn",
                          .kinds = KIND_ALL,
                          .choices = "warn|error",
                          .help = "a font family that is not installed, or a character no "
                                  "installed font has (drawn as a box): warn (drawn anyway, "
                                  "with a warning naming the font used instead or the "
                                  "character and where it comes from) or error (refused)"},
    [OPT_GROUP] = {.name = "group",
                   .type = OPTION_COLUMN,
                   .def = "",
                   .kinds = KIND_ALL,
                   .help = "bar, trend: the series column of long-format data (category or "
                           "date, series, value); timeline: a colour per value, with a legend (a "
                           "swimlane each with lanes = group)"},
    [OPT_HIGHLIGHT] = {.name = "highlight",
                       .type = OPTION_LIST,
                       .def = "",
                       .kinds = KIND_BAR | KIND_TREND,
                       .help = "categories (bar) or series drawn in colour, the rest muted "
                               "(comma-separated)"},
    [OPT_HIGH] = {.name = "high",
                  .type = OPTION_COLUMN,
                  .def = "",
                  .kinds = KIND_BAR,
                  .help = "range bars: the column where each bar ends (with low); an empty "
                          "cell, or a low written like $100M+, is open-ended"},
    [OPT_HORIZONTAL] = {.name = "horizontal",
                        .type = OPTION_BOOL_AUTO,
                        .def = "auto",
                        .kinds = KIND_BAR,
                        .help = "horizontal bars; auto turns them on when category names are "
                                "too long to sit under vertical bars"},
    [OPT_ID_PREFIX] = {.name = "id_prefix",
                       .type = OPTION_TEXT,
                       .def = "",
                       .kinds = KIND_ALL,
                       .help = "SVG: prefix for every id, for several SVGs inlined in one page; "
                               "an XML name (letters, digits, _ - ., starting with a letter or _)"},
    [OPT_LABEL] = {.name = "label",
                   .type = OPTION_COLUMN,
                   .def = "label",
                   .kinds = KIND_TIMELINE | KIND_TREND,
                   .help = "timeline: the event label column; trend: a column naming the points "
                           "to label (an empty cell: no label), placed without overlap with "
                           "leaders; by default a column named label, if there is one"},
    [OPT_LABELS] = {.name = "labels",
                    .type = OPTION_BOOL_CHOICE,
                    .def = "auto",
                    .kinds = KIND_BAR,
                    .choices = "true|false|auto|inside|outside|none",
                    .help = "value labels: auto (where they fit), inside or outside the bars' "
                            "ends, none; true draws them where they go (refused when they do not "
                            "fit)"},
    [OPT_LANES] = {.name = "lanes",
                   .type = OPTION_CHOICE,
                   .def = "none",
                   .kinds = KIND_TIMELINE,
                   .choices = "none|group",
                   .help = "group: one labelled swimlane per value of the group column, its "
                           "events and spans in it (roadmaps, competitors); none: one axis"},
    [OPT_LOCALE] = {.name = "locale",
                    .type = OPTION_TEXT,
                    .def = "",
                    .kinds = KIND_ALL,
                    .help = "write numbers and dates the way a language does, from glibc's "
                            "locale data: de, de_DE or de-DE (1.234,5; the currency sign after the "
                            "number; 15. Jan 2026), fr, "
                            "es, it, nl, pt_BR, pl, sv ...; also reads its month names in the "
                            "data, and writes the chart's own words in it (de, fr, es, it, nl, "
                            "pt: 48 Millionen Mal, Heute)"},
    [OPT_LOG] = {.name = "log",
                 .type = OPTION_BOOL,
                 .def = "false",
                 .kinds = KIND_BAR | KIND_TREND,
                 .help = "log10 value axis: decade ticks; bars start at the decade at or below "
                         "the smallest value (trend: the axis runs between the decades around "
                         "the data), and a note says so; values must be > 0"},
    [OPT_LOW] = {.name = "low",
                 .type = OPTION_COLUMN,
                 .def = "",
                 .kinds = KIND_BAR,
                 .help = "range bars: the column where each bar starts (with high)"},
    [OPT_MARK] = {.name = "mark",
                  .type = OPTION_CHOICE,
                  .def = "auto",
                  .kinds = KIND_BAR | KIND_TREND,
                  .choices = "auto|bar|dot|lollipop|line|line+dot",
                  .help = "bar: bar (auto), dot (a dot at the value: honest on a log axis) or "
                          "lollipop; trend: line, dot or line+dot (auto: line+dot up to 50 "
                          "points a series, else line)"},
    [OPT_MARKER] = {.name = "marker",
                    .type = OPTION_TEXT,
                    .def = "",
                    .kinds = KIND_TIMELINE | KIND_TREND,
                    .help = "dated lines across the time axis, each with its label: DATE LABEL; "
                            "several separated by ; (e.g. 2026-01-15 Policy shift; March 2026 "
                            "Vote); the date in any form the data's dates take"},
    [OPT_MAX_CATEGORIES] = {.name = "max_categories",
                            .type = OPTION_NUMBER,
                            .def = "10000",
                            .kinds = KIND_ALL,
                            .min = 1,
                            .max = 1e7,
                            .help = "limit: bars (categories, per panel) or timeline events in "
                                    "one figure, or points of one trend series; checked while "
                                    "the file is read (bars, timelines)"},
    [OPT_MAX_COLUMNS] = {.name = "max_columns",
                         .type = OPTION_NUMBER,
                         .def = "10000",
                         .kinds = KIND_ALL,
                         .min = 1,
                         .max = 1e6,
                         .help = "limit: columns in the CSV file"},
    [OPT_MAX_FIELD_BYTES] = {.name = "max_field_bytes",
                             .type = OPTION_NUMBER,
                             .def = "1048576",
                             .kinds = KIND_ALL,
                             .min = 16,
                             .max = 1e9,
                             .help = "limit: bytes in one CSV field (of a quoted field, its "
                                     "content)"},
    [OPT_MAX_PIXELS] = {.name = "max_pixels",
                        .type = OPTION_NUMBER,
                        .def = "100000000",
                        .kinds = KIND_ALL,
                        .min = 1,
                        .max = 1e9,
                        .help = "limit: pixels of a PNG (width x height x scale^2), checked "
                                "before anything is allocated; a side is at most 32767 px"},
    [OPT_MAX_ROWS] = {.name = "max_rows",
                      .type = OPTION_NUMBER,
                      .def = "10000000",
                      .kinds = KIND_ALL,
                      .min = 1,
                      .max = 1e10,
                      .help = "limit: data rows kept in memory (with aggregate, rows of a "
                              "category already seen are combined as read and do not count); "
                              "blank lines count toward it on their own"},
    [OPT_NEGATIVE_COLOR] = {.name = "negative_color",
                            .type = OPTION_COLOR,
                            .def = "",
                            .kinds = KIND_BAR,
                            .help = "a hex colour for bars below zero (default: the series "
                                    "colour)"},
    [OPT_NOTE] = {.name = "note",
                  .type = OPTION_TEXT,
                  .def = "",
                  .kinds = KIND_ALL,
                  .help = "a note under the chart, above the source"},
    [OPT_ORIENTATION] = {.name = "orientation",
                         .type = OPTION_CHOICE,
                         .def = "auto",
                         .kinds = KIND_TIMELINE,
                         .choices = "auto|horizontal|vertical",
                         .help = "horizontal time axis, vertical (columns of events read "
                                 "like text), or auto (vertical when horizontal rows do not "
                                 "fit)"},
    [OPT_PALETTE] = {.name = "palette",
                     .type = OPTION_PALETTE,
                     .def = "okabe-ito",
                     .kinds = KIND_ALL,
                     .help = "okabe-ito (colour-blind safe), tableau10, observable10, dark2, "
                             "grey, or a list of hex colours"},
    [OPT_PNG_COMPRESSION] = {.name = "png_compression",
                             .type = OPTION_CHOICE,
                             .def = "fast",
                             .kinds = KIND_ALL,
                             .choices = "fast|small",
                             .help = "PNG: fast (zlib level 1, a fixed filter) or small "
                                     "(level 9, adaptive filters)"},
    [OPT_RATIO] = {.name = "ratio",
                   .type = OPTION_BOOL_PAIR,
                   .def = "false",
                   .kinds = KIND_BAR,
                   .help = "call out the multiple between two bars (\"857x\"): true for the "
                           "smallest and the largest value above zero, or two category names "
                           "\"A,B\"; with several series, of the series highlighted "
                           "(highlight = SERIES), else of the first"},
    [OPT_RATIO_LABEL] = {.name = "ratio_label",
                         .type = OPTION_TEXT,
                         .def = "{ratio}x",
                         .kinds = KIND_BAR,
                         .help = "the callout's text; {ratio} is the multiple: one decimal "
                                 "below 10 (5.2), a whole number from 10 (12.5 is 13, 857), "
                                 "three significant digits from 1,000 (68,400), words from a "
                                 "million (1.2 million); {pct} is the change from the first bar "
                                 "to the second (-57%); {low} and {high} name the smaller and "
                                 "the larger"},
    [OPT_RULE] = {.name = "rule",
                  .type = OPTION_TEXT,
                  .def = "",
                  .kinds = KIND_BAR | KIND_TREND,
                  .help = "reference lines across the value axis: VALUE LABEL; several separated "
                          "by ; (e.g. 0.5 Average)"},
    [OPT_SCALE] = {.name = "scale",
                   .type = OPTION_NUMBER,
                   .def = "1",
                   .kinds = KIND_ALL,
                   .min = 0.25,
                   .max = 8,
                   .help = "PNG pixels per CSS px, 0.25 to 8 (2 = retina)"},
    [OPT_SIZE] = {.name = "size",
                  .type = OPTION_SIZE,
                  .def = "article",
                  .kinds = KIND_ALL,
                  .help = "WxH in CSS px; a printed size with units in, cm, mm or pt (6.5inx4in, "
                          "165mmx100mm; 96 px to the inch, so a PDF is that size and a PNG "
                          "is drawn at dpi); or article (1200x675), slide (1920x1080), "
                          "slide-4x3 (1600x1200), square (1080x1080), social (1200x630)"},
    [OPT_SORT] = {.name = "sort",
                  .type = OPTION_CHOICE,
                  .def = "none",
                  .kinds = KIND_BAR,
                  .choices = "none|asc|desc",
                  .help = "order of the categories: none (as in the file), asc, desc"},
    [OPT_SOURCE] = {.name = "source",
                    .type = OPTION_TEXT,
                    .def = "",
                    .kinds = KIND_ALL,
                    .help = "source line under the chart (\"Source: \" is added when missing)"},
    [OPT_STACK] = {.name = "stack",
                   .type = OPTION_BOOL_CHOICE,
                   .def = "false",
                   .kinds = KIND_BAR,
                   .choices = "true|false|percent",
                   .help = "stack the series instead of grouping them; percent: each stack as "
                           "shares of its total, to 100%"},
    [OPT_SUBTITLE] = {.name = "subtitle",
                      .type = OPTION_TEXT,
                      .def = "",
                      .kinds = KIND_ALL,
                      .help = "what is measured, in which unit; under the title"},
    [OPT_SVG_TEXT] = {.name = "svg_text",
                      .type = OPTION_CHOICE,
                      .def = "text",
                      .kinds = KIND_ALL,
                      .choices = "text|paths",
                      .help = "SVG text as editable <text> (text) or glyph outlines (paths)"},
    [OPT_THEME] = {.name = "theme",
                   .type = OPTION_CHOICE,
                   .def = "light",
                   .kinds = KIND_ALL,
                   .choices = "light|dark|print",
                   .help = "light, dark (slides), print (grey scale), or a house theme: a file "
                           "NAME.ini setting colours, font, palette, type sizes, margins and "
                           "byline (README, House themes)"},
    [OPT_TICKS] = {.name = "ticks",
                   .type = OPTION_TEXT,
                   .def = "",
                   .kinds = KIND_BAR,
                   .help = "the value axis' gridlines, numbers separated by commas (e.g. "
                           "0,25,50,75,100)"},
    [OPT_TITLE] = {.name = "title",
                   .type = OPTION_TEXT,
                   .def = "",
                   .kinds = KIND_ALL,
                   .help = "headline, left-aligned above the chart: state the takeaway"},
    [OPT_TREND] = {.name = "trend",
                   .type = OPTION_CHOICE,
                   .def = "none",
                   .kinds = KIND_TREND,
                   .choices = "none|fit",
                   .help = "fit: a least-squares line through the logarithm of each series' "
                           "values over time, drawn dashed, and its rate written at the end "
                           "of the series (\"falls 10x per year\", \"halves every 7 months\"); "
                           "values must be > 0"},
    [OPT_TREND_LABEL] = {.name = "trend_label",
                         .type = OPTION_TEXT,
                         .def = "auto",
                         .kinds = KIND_TREND,
                         .help = "the rate's text: auto, or a template with {factor} (the "
                                 "multiple per {period}: 10, 3.3), {change} (the change per "
                                 "{period}: +0.9%), {period} (year, month, week, day or hour), "
                                 "{halving} and {doubling} (\"7 months\", \"3.4 months\"), e.g. "
                                 "{factor}x cheaper every {period}"},
    [OPT_TODAY] = {.name = "today",
                   .type = OPTION_TEXT,
                   .def = "",
                   .kinds = KIND_TIMELINE,
                   .help = "draw a \"today\" marker at this date (off when empty; no clock is "
                           "read, so outputs stay reproducible)"},
    [OPT_TOTALS] = {.name = "totals",
                    .type = OPTION_BOOL,
                    .def = "false",
                    .kinds = KIND_BAR,
                    .help = "the total of each stack (stack = true), past its end (a net, \"Net "
                            "$34.4B\", dotted on the bar, where gains and losses stack)"},
    [OPT_VALUE_FORMAT] = {.name = "value_format",
                          .type = OPTION_FORMAT,
                          .def = "auto",
                          .kinds = KIND_BAR | KIND_TREND,
                          .help = "auto (the unit seen in the CSV), si ($5.6M), percent "
                                  "(values in percent points: 78 as 78%), currency, or "
                                  "printf-like ($%.2f)"},
    [OPT_X] = {.name = "x",
               .type = OPTION_COLUMN,
               .def = "",
               .kinds = KIND_BAR | KIND_TREND,
               .help = "category column (default: the first column); trend: the date column "
                       "(default: a column named date, else the first column)"},
    [OPT_Y] = {.name = "y",
               .type = OPTION_COLUMNS,
               .def = "",
               .kinds = KIND_BAR | KIND_TREND,
               .help = "value column(s); several make grouped series (trend: one line each; "
                       "default: every numeric column but x)"},
};

const struct option_def *csvchart_option_def(enum option_id id)
{
    return &table[id];
}

/* Compares option names with '-' and '_' alike. */
static int name_cmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = *a == '-' ? '_' : (unsigned char)*a;
        int cb = *b == '-' ? '_' : (unsigned char)*b;
        if (ca != cb || !ca) {
            return ca - cb;
        }
    }
}

static int def_cmp(const void *key, const void *elem)
{
    return name_cmp(key, ((const struct option_def *)elem)->name);
}

enum option_id csvchart_option_lookup(const char *name)
{
    const struct option_def *d = bsearch(name, table, OPT_COUNT, sizeof table[0], def_cmp);
    return d ? (enum option_id)(d - table) : OPT_COUNT;
}

unsigned csvchart_kind_lookup(const char *name)
{
    if (!name) {
        return 0;
    }
    if (strcmp(name, "bar") == 0) {
        return KIND_BAR;
    }
    if (strcmp(name, "timeline") == 0) {
        return KIND_TIMELINE;
    }
    if (strcmp(name, "trend") == 0) {
        return KIND_TREND;
    }
    return 0;
}

/* ---- public table access ---- */

size_t csvchart_option_count(void)
{
    return OPT_COUNT;
}

const char *csvchart_option_name(size_t i)
{
    return i < OPT_COUNT ? table[i].name : NULL;
}

const char *csvchart_option_help(size_t i)
{
    return i < OPT_COUNT ? table[i].help : NULL;
}

const char *csvchart_option_default(size_t i)
{
    return i < OPT_COUNT ? table[i].def : NULL;
}

const char *csvchart_option_type(size_t i)
{
    static const char *const names[] = {
        [OPTION_TEXT] = "text",           [OPTION_BOOL] = "bool",
        [OPTION_BOOL_AUTO] = "bool|auto", [OPTION_NUMBER] = "number",
        [OPTION_CHOICE] = "choice",       [OPTION_SIZE] = "size",
        [OPTION_COLUMN] = "column",       [OPTION_COLUMNS] = "columns",
        [OPTION_LIST] = "list",           [OPTION_PALETTE] = "palette",
        [OPTION_FORMAT] = "format",       [OPTION_COLOR] = "colour",
        [OPTION_BOOL_PAIR] = "bool|A,B",  [OPTION_BOOL_CHOICE] = "",
    };
    if (i >= OPT_COUNT) {
        return NULL;
    }
    if (table[i].type == OPTION_CHOICE || table[i].type == OPTION_BOOL_CHOICE) {
        return table[i].choices; /* "true|false|percent" for a bool-or-choice */
    }
    return names[table[i].type];
}

bool csvchart_option_applies(size_t i, const char *kind)
{
    unsigned k = csvchart_kind_lookup(kind);
    return i < OPT_COUNT && k && (table[i].kinds & k);
}

size_t csvchart_option_find(const char *name)
{
    enum option_id id = name ? csvchart_option_lookup(name) : OPT_COUNT;
    return id == OPT_COUNT ? (size_t)-1 : (size_t)id;
}

/* Optimal string alignment distance, for "did you mean". */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 40 || lb > 40) {
        return 99;
    }
    size_t d[41][41];
    for (size_t i = 0; i <= la; i++) {
        d[i][0] = i;
    }
    for (size_t j = 0; j <= lb; j++) {
        d[0][j] = j;
    }
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            int ca = a[i - 1] == '-' ? '_' : tolower((unsigned char)a[i - 1]);
            int cb = b[j - 1] == '-' ? '_' : b[j - 1];
            size_t cost = ca != cb;
            size_t best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best) {
                best = d[i][j - 1] + 1;
            }
            if (d[i - 1][j - 1] + cost < best) {
                best = d[i - 1][j - 1] + cost;
            }
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best) {
                best = d[i - 2][j - 2] + 1;
            }
            d[i][j] = best;
        }
    }
    return d[la][lb];
}

const char *csvchart_kinds_text(unsigned kinds)
{
    static const char *const text[] = {"no figure",
                                       "bar charts",
                                       "timelines",
                                       "bar charts and timelines",
                                       "trends",
                                       "bar charts and trends",
                                       "timelines and trends",
                                       "every figure"};
    return text[kinds & KIND_ALL];
}

const char *csvchart_option_suggest(const char *name)
{
    return csvchart_option_suggest_in(name, ~0u);
}

const char *csvchart_option_suggest_in(const char *name, unsigned kinds)
{
    if (!name) {
        return NULL;
    }
    size_t best = (size_t)-1, best_d = 99;
    size_t len = strlen(name);
    for (size_t i = 0; i < OPT_COUNT; i++) {
        if (!(table[i].kinds & kinds)) {
            continue;
        }
        size_t dist = edit_distance(name, table[i].name);
        /* a prefix of a long name ("horiz") is a good guess too */
        if (len >= 3 && strncmp(table[i].name, name, len) == 0) {
            dist = 1;
        }
        if (dist < best_d) {
            best_d = dist;
            best = i;
        }
    }
    size_t limit = len <= 4 ? 1 : len <= 8 ? 2 : 3;
    return best_d <= limit ? table[best].name : NULL;
}
