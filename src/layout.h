/*
 * layout.h - what every figure kind shares: the type scale, the frame (title, subtitle,
 * legend, notes, source), text helpers and the size contract (layout.c).
 *
 * A figure is laid out top to bottom, left-aligned to one edge, like an article graphic:
 *
 *     +--------------------------------------------------+
 *     | Title, bold, wrapped                              |
 *     | Subtitle: what is measured, in which unit         |
 *     | [] series A  [] series B          (legend)        |
 *     |                                                   |
 *     |            the kind's plot area                   |
 *     |                                                   |
 *     | Note ...                                          |
 *     | Source: ...                                       |
 *     +--------------------------------------------------+
 *
 * The type scale. One unit u = min(width / 1200, height / 675) says how large the canvas is
 * against an article graphic (1200x675, u = 1); a slide (1920x1080) has u = 1.6 and its type
 * grows with it, because it is read from further away. Each text role has a size at u = 1
 * and a floor no canvas goes under (CSS px at 1x):
 *
 *     role       at u = 1   floor   used for
 *     title      30         20      the headline (bold)
 *     subtitle   19         14      the standfirst, the ratio callout
 *     label      16         13      category names, value and tick labels, legend, events
 *     small      13.5       11      notes and the source line
 *
 * size = max(base * u, floor), rounded to half pixels. A crowded layout may shrink its labels,
 * but never below the small size (data labels are never smaller than the footer) nor below
 * the 11 px floor of any text (LAYOUT_TEXT_FLOOR). Geometry (margins and gaps, the metrics
 * tables) scales with g = max(u, 0.5), so a phone-sized canvas keeps usable margins.
 *
 * The size contract (INTERFACE.md): an output is exactly the size asked for. A kind's layout
 * that cannot draw its data at the requested size - a name that would be dropped, text under
 * the floor, text over text - says so with csvchart_layout_no_fit() instead of drawing
 * something broken. csvchart_layout_fit() then searches for a size at which the same layout
 * succeeds and reports it ("52 category names do not fit 1200x675: use size 1200x1460"), or,
 * when the figure opted in (spec->fit_grow), draws at that size.
 *
 * A canvas whose own type does not fit is laid out again in smaller type, that of a smaller
 * canvas: first down to the article's (u = 1, LAYOUT_TYPE_UNIT_LEAST) for a canvas larger
 * than an article graphic, then down to LAYOUT_TYPE_UNIT_FLOOR (u = 0.5, below which neither
 * type nor geometry shrinks); the largest type unit that fits is drawn
 * (spec->type_unit_cap), with a warning. Otherwise a wider canvas would fail where a narrower
 * one of the same height fits, only because its type is larger: 40 events fit 1300x1080
 * (u = 1.08) and were refused at 1920x1080 (u = 1.6), a slide being a fixed slot; 56 long
 * names fit 1080x1080 (u = 0.9, labels down to 12 px) and were refused at 1180x1080 (u = 0.98,
 * no smaller than 13.5 px) and at 1920x1080 (review 6). So a canvas at least as large both
 * ways as one that fits fits too (its room holds that canvas's layout). The size search
 * counts a size as fitting on the same terms, so a refusal names the least size the command
 * then draws (to the pixel below 4096 px, above that to a 256th: always one laid out). Not
 * with fit = grow: it draws at full size. category_labels = thin (bars) is a last resort on
 * the same terms: every name is tried first, in the canvas' own type and then in smaller type
 * as above, and names are thinned only when no type at the size asked for holds them all;
 * where they fit, thin draws the figure that `all` draws.
 *
 * Lines through text. Gridlines and leaders are marked as yielding (scene_item.yields);
 * csvchart_layout_end() cuts them where they would run through a text box, so a value label
 * sitting on a gridline reads cleanly. Structural lines (axes, brackets) do not yield: a
 * label placed on one is a layout bug, and the tests look for it.
 */
#ifndef CSVCHART_LAYOUT_H
#define CSVCHART_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "scene.h"
#include "spec.h"
#include "text.h"

/* No text of any figure is smaller than this (CSS px at 1x). */
#define LAYOUT_TEXT_FLOOR 11.0
/* A canvas larger than an article graphic (1200x675) is first tried in type down to the
 * article's to make it fit (see above). */
#define LAYOUT_TYPE_UNIT_LEAST 1.0
/* Below this type unit neither type (every role is at its floor) nor geometry (g) shrinks:
 * the least type unit csvchart_layout_fit() tries for any canvas (see above). */
#define LAYOUT_TYPE_UNIT_FLOOR 0.5
/* No side of a figure is larger than this (CSS px), as for a PNG side. */
#define LAYOUT_MAX_SIDE 32767.0

/*
 * The frame's geometry at u = 1, in CSS px: name, base size, what it is. Scaled by g when a
 * layout begins (struct frame_metrics holds the scaled values).
 */
#define LAYOUT_FRAME_METRICS(X)                                                                    \
    X(pad_x, 36, "left and right margins of the canvas")                                           \
    X(pad_top, 30, "margin above the title")                                                       \
    X(pad_bottom, 24, "margin below the source line")                                              \
    X(title_gap, 6, "between the title and the subtitle")                                          \
    X(header_gap, 20, "between the header and the legend or chart")                                \
    X(swatch_gap, 6, "between a legend swatch and its name")                                       \
    X(legend_spacing, 20, "between legend entries on one row")                                     \
    X(legend_row_gap, 4, "between legend rows")                                                    \
    X(legend_gap, 12, "between the legend and the chart")                                          \
    X(note_gap, 4, "between the note and the source line")                                         \
    X(footer_gap, 18, "between the chart and the notes")                                           \
    X(text_pad, 3, "room kept around text: lines that yield stop this far from it")

#define LAYOUT_METRIC_FIELD(name, base, doc) double name;
struct frame_metrics {
    LAYOUT_FRAME_METRICS(LAYOUT_METRIC_FIELD)
};

/* What a layout reports when its data cannot be drawn at the requested size. */
struct layout_fit {
    bool probe;            /* in: a size search asks only whether the figure fits (its scene is
                            * thrown away), so choices that never change that may be skipped */
    bool short_w, short_h; /* which sides are too small */
    char what[200];        /* what does not fit: "52 category names" */
    char hint[120];        /* another way out, or "": "or category_labels = thin" */
};

struct layout {
    const struct spec *spec;
    const csvchart_text_measurer *m;
    struct csvchart_scene *scene;
    double u;     /* the type unit: min(width / 1200, height / 675, spec->type_unit_cap) */
    double g;     /* the geometry unit: max(u, 0.5) */
    double scale; /* device pixels per CSS px (for snapping) */
    struct text_style title, subtitle, label, small;
    double label_min; /* a crowded layout's smallest label size: the small size */
    struct frame_metrics px;
    double left, right, top, bottom; /* the box still free for the plot, CSS px */
    struct layout_fit *fit;          /* filled by csvchart_layout_no_fit(); may be NULL */
    const char *frame_cut;           /* a header or footer text longer than a paragraph's most lines
                                        ("title"): csvchart_layout_end() refuses the figure; or NULL */
};

struct legend_entry {
    const char *name;
    csvchart_rgba color;
    csvchart_rgba muted; /* 0, or the muted version of color: the swatch shows both */
};

/*
 * A kind's metrics scaled to the canvas: `base` and `px` are structs of doubles only (the
 * X-macro tables), `size` bytes each; every metric is its base times g.
 */
void csvchart_layout_metrics(const struct layout *L, const void *base, void *px, size_t size);
/* What marks and lines scale by: on a phone-sized canvas the type stays at its floor while g
 * halves, so marks and lines keep at least 0.8 of their size and still read beside the text. */
double csvchart_layout_mark_g(const struct layout *L);

/* Starts a layout: the scene gets the canvas, background and metadata; the box is the canvas
 * less its margins. `fit` (may be NULL) receives a csvchart_layout_no_fit() report. */
void csvchart_layout_begin(struct layout *L, const struct spec *s, const csvchart_text_measurer *m,
                           struct csvchart_scene *scene, struct layout_fit *fit);

/*
 * Ends a layout: cuts yielding lines around text (see above) and turns an allocation failure
 * of the scene into CSVCHART_ERROR_NOMEM, and a header or footer text cut short for its length
 * (frame_cut) into CSVCHART_ERROR_VALUE: at no size would it be drawn whole.
 */
csvchart_status csvchart_layout_end(struct layout *L, csvchart_error *err);

/*
 * Places title and subtitle at the top and the notes and source at the bottom, shrinking the
 * box; every line of them is drawn (nothing is cut short: a text longer than a paragraph's
 * 64 lines sets frame_cut, and the figure is refused). `auto_note` (NULL or "" for none)
 * is a note the layout adds, such as where bars start on a log axis; it goes before the
 * user's note.
 */
void csvchart_layout_frame(struct layout *L, const char *auto_note);

/* Places a legend (rows that wrap, names that wrap) under the header and shrinks the box. */
void csvchart_layout_legend(struct layout *L, const struct legend_entry *e, size_t n);

/*
 * The same for series of which a highlight mutes some: two or more entries with other[i]
 * true (all in one grey) are one entry, "N other series", after the rest, in the first one's
 * colour (twelve series with two highlighted listed ten grey swatches and took 214 px of a
 * 600 px phone figure, review 4); a lone one keeps its name and its place. other NULL: none.
 */
void csvchart_layout_legend_others(struct layout *L, const struct legend_entry *e,
                                   const bool *other, size_t n);

/* How far, in decades, a reference may lie beyond the values on a log axis before one written
 * without their multiplier is taken to have meant it (csvchart_layout_refs_visible()). */
#define LAYOUT_REF_NEAR_DECADES 3.0

/*
 * The values that rules and bands are drawn beside: their least and greatest (`lo`, `hi`, as
 * `plan` writes them in a message) and how they are written: `multiplier`, the one most of
 * them use (0: none), and `multipliers`, bit k for each csvchart_multipliers[k] any of them
 * uses (struct number_unit). A percent stack's shares: all zero, no multiplier.
 */
struct ref_values {
    double lo, hi;
    char multiplier;
    unsigned char multipliers;
    const struct label_plan *plan;
};

/*
 * A rule at zero or below, or a band from there, on a log axis (s->log) is refused with
 * CSVCHART_ERROR_VALUE (exit 1): the axis has no place for it (a bar chart's axis, stretched
 * to take it, lost every tick: "rule = $0 One dollar" drew its bars flat; found by the fuzzer).
 */
csvchart_status csvchart_layout_refs_log(const struct spec *s, csvchart_error *err);

/*
 * Warns of each rule or band of s lying far outside the values, [lo, hi] (the axis' extent
 * from them alone: beyond their own span from them; on a log axis, in decades): it stretches
 * the value axis and flattens the data, as a far marker stretches a time axis. A reference
 * that csvchart_layout_refs_visible() refuses as written without the values' multiplier
 * ("-5,5" meant as -5B,5B, "1,100" far below values from $120K) is left to it.
 */
void csvchart_layout_refs_far(const struct spec *s, double lo, double hi, bool log,
                              const struct ref_values *v, struct csvchart_warnings *warn);

/*
 * References written without a multiplier beside values written with one (`v`), that would
 * not read as written but would in one of the values' multipliers, are refused with
 * CSVCHART_ERROR_VALUE (exit 1), saying what to write:
 *  - on a linear axis `sc` (px), a band narrower than a pixel, which drew its label beside no
 *    shading, and a rule within a pixel of 0 ("-5,5" or "10" on an axis of $B, meant as
 *    -5B,5B and 10B);
 *  - on a log axis, a band or rule whose low end lies more than LAYOUT_REF_NEAR_DECADES (3)
 *    decades - a multiplier's step - below the least value ("1,100" beside $120K to $0.8T):
 *    the axis grew down to hold it and every bar started there.
 *
 * The rule for the multiplier named: the values' most common one, if read in it the reference
 * would read (linear: show; log: lie within 3 decades of the values at both ends); else the
 * smallest other one the values use that makes it read (the least change: on a linear axis a
 * larger one shows too, but further from the values); none: not refused. Values in one
 * multiplier are named by it ("its values are in B"), mixed ones by their range ("its values
 * run from $120K to $800B"). Never refused: a reference in plain units beside values in plain
 * units, one written with a multiplier, one that reads as written.
 *
 * Any other band narrower than a pixel (written in the axis' unit, or too thin even so) is a
 * warning in `warn` (may be NULL): its label stands alone; widen it or draw a rule.
 */
struct scale;
csvchart_status csvchart_layout_refs_visible(const struct spec *s, const struct scale *sc, bool log,
                                             const struct ref_values *v,
                                             struct csvchart_warnings *warn, csvchart_error *err);

/*
 * Refuses series drawn in one colour: a reader tells series apart by colour (the legend's
 * swatches, lines that cross), so two of e[0..n) in one colour - more series than the
 * palette has colours - are an error (CSVCHART_ERROR_VALUE) naming both and what to do:
 * "series \"S8\" would be drawn in the colour of \"S1\": 10 series, and the palette has 7
 * colours; ...". Entries in the theme's muted grey (the series a highlight leaves out) may
 * share it. `what` names an entry ("series", "group"), `whats` several; the way out
 * it suggests besides a palette is lanes (timelines: "lanes = group") or else highlight.
 */
csvchart_status csvchart_layout_distinct_colors(const struct layout *L,
                                                const struct legend_entry *e, size_t n,
                                                const char *what, const char *whats, bool lanes,
                                                csvchart_error *err);

/*
 * The report of a layout that cannot draw its data at this size: which sides are short, what
 * does not fit (printf-style; a phrase starting "1 " without " and ", "1 marker", is one
 * thing, which "does not fit", any other several, which "do not fit"), and `hint`, another
 * way out ("" for none). Returns
 * CSVCHART_ERROR_SIZE; the message is written by csvchart_layout_fit().
 */
csvchart_status csvchart_layout_no_fit(struct layout *L, bool short_w, bool short_h,
                                       const char *hint, const char *fmt, ...)
    CSVCHART_PRINTF(5, 6);

/* A kind's layout, as csvchart_layout_fit() calls it. */
typedef csvchart_status (*csvchart_layout_fn)(const void *data, const struct spec *s,
                                              const csvchart_text_measurer *m,
                                              struct csvchart_scene *scene,
                                              struct csvchart_warnings *warn,
                                              struct layout_fit *fit, csvchart_error *err);

/*
 * Runs a kind's layout at the spec's size. When it does not fit, searches for the smallest
 * size (growing the sides the layout named short, keeping the others) at which it does, and
 * either fails with CSVCHART_ERROR_SIZE and a message naming that size, or - with
 * s->fit_grow - lays the figure out at that size with a warning. Sizes are whole CSS px, at
 * most LAYOUT_MAX_SIDE a side. *scene is initialised here; the caller finis it on success.
 */
csvchart_status csvchart_layout_fit(csvchart_layout_fn fn, const void *data, const struct spec *s,
                                    const csvchart_text_measurer *m, struct csvchart_scene *scene,
                                    struct csvchart_warnings *warn, csvchart_error *err);

/* Line pitch of a style: ascent + descent, rounded up to whole device pixels. */
double csvchart_layout_line_height(const struct layout *L, const struct text_style *st);
/* Ascent of a style. */
double csvchart_layout_ascent(const struct layout *L, const struct text_style *st);
/* Width of a string in a style. */
double csvchart_layout_width(const struct layout *L, const struct text_style *st, const char *s);

/*
 * Emits one line of text (bytes [s, s+len)) anchored at (x, baseline). Returns the item or
 * NULL.
 */
struct scene_item *csvchart_layout_text(struct layout *L, const struct text_style *st,
                                        csvchart_rgba color, const char *s, size_t len, double x,
                                        double baseline, enum text_anchor anchor);

/*
 * Wraps `s` to max_width and emits up to max_lines lines, the first baseline at `baseline`;
 * when the text needs more lines the last one ends with an ellipsis and the full text goes
 * into the item's title. Returns the number of lines emitted. Layouts that must show every
 * word ask csvchart_layout_lines() first and give that many lines.
 */
size_t csvchart_layout_paragraph(struct layout *L, const struct text_style *st, csvchart_rgba color,
                                 const char *s, double x, double baseline, double max_width,
                                 size_t max_lines, enum text_anchor anchor);

/*
 * How many lines `s` needs at max_width (counting no further than `most` + 1), and through
 * *widest (may be NULL) the width of its widest line among the first `most`.
 */
size_t csvchart_layout_lines(const struct layout *L, const struct text_style *st, const char *s,
                             double max_width, size_t most, double *widest);

/* The width of the widest word of `s` (words end at spaces): what no wrap can make narrower. */
double csvchart_layout_widest_word(const struct layout *L, const struct text_style *st,
                                   const char *s);

/* Snaps a coordinate to the device grid: the centre of a pixel for a line of odd device
 * width, a pixel edge otherwise. `width` is the line width in CSS px (0 for an edge). */
double csvchart_layout_snap(const struct layout *L, double v, double width);

/* Adds a line that yields to text (a gridline, a leader): see above. */
struct scene_item *csvchart_layout_soft_line(struct layout *L, double x1, double y1, double x2,
                                             double y2, csvchart_rgba stroke, double width);

struct bar_chart;

/*
 * Lays out a bar chart (layout_bar.c); a csvchart_layout_fn (data is a struct bar_chart).
 * Errors: CSVCHART_ERROR_VALUE for a highlight naming no category, CSVCHART_ERROR_SIZE,
 * NOMEM.
 */
csvchart_status csvchart_layout_bar(const void *chart, const struct spec *s,
                                    const csvchart_text_measurer *m, struct csvchart_scene *scene,
                                    struct csvchart_warnings *warn, struct layout_fit *fit,
                                    csvchart_error *err);
struct timeline_data;

/*
 * Lays out a timeline (layout_timeline.c); a csvchart_layout_fn (data is a struct
 * timeline_data). Every event gets its label; labels never overlap each other or the axis.
 */
csvchart_status csvchart_layout_timeline(const void *data, const struct spec *s,
                                         const csvchart_text_measurer *m,
                                         struct csvchart_scene *scene,
                                         struct csvchart_warnings *warn, struct layout_fit *fit,
                                         csvchart_error *err);

#endif
