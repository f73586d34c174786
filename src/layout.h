/*
 * layout.h - the frame every figure shares, and helpers for placing text (layout.c).
 *
 * A figure is laid out top to bottom, left-aligned to one edge, like an article graphic:
 *
 *     +--------------------------------------------------+
 *     | Title, bold, wrapped (<= 3 lines)                 |
 *     | Subtitle: what is measured, in which unit         |
 *     | [] series A  [] series B          (legend)        |
 *     |                                                   |
 *     |            the kind's plot area                   |
 *     |                                                   |
 *     | Note ...                                          |
 *     | Source: ...                                       |
 *     +--------------------------------------------------+
 *
 * Sizes scale with the canvas: the unit `u` is 1 at 1200x675 (article) and grows with the
 * smaller of width/1200 and height/675, so a slide gets larger text. Lines are snapped to
 * the device pixel grid of the PNG scale so gridlines stay crisp.
 */
#ifndef CSVCHART_LAYOUT_H
#define CSVCHART_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "scene.h"
#include "spec.h"
#include "text.h"

struct layout {
    const struct spec *spec;
    const csvchart_text_measurer *m;
    struct csvchart_scene *scene;
    double u;     /* size unit, 1 at article size */
    double scale; /* device pixels per CSS px (for snapping) */
    struct text_style title, subtitle, label, small;
    double left, right, top, bottom; /* the box still free for the plot, CSS px */
};

struct legend_entry {
    const char *name;
    csvchart_rgba color;
};

/* Starts a layout: the scene gets the canvas, background and metadata; the box is the canvas
 * less its margins. */
void csvchart_layout_begin(struct layout *L, const struct spec *s,
                           const csvchart_text_measurer *m, struct csvchart_scene *scene);

/*
 * Places title and subtitle at the top and the notes and source at the bottom, shrinking the
 * box. `auto_note` (NULL or "" for none) is a note the layout adds, such as where bars start
 * on a log axis; it goes before the user's note.
 */
void csvchart_layout_frame(struct layout *L, const char *auto_note);

/* Places a legend row (wrapping) under the header and shrinks the box. */
void csvchart_layout_legend(struct layout *L, const struct legend_entry *e, size_t n);

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
 * into the item's title. Returns the number of lines emitted.
 */
size_t csvchart_layout_paragraph(struct layout *L, const struct text_style *st,
                                 csvchart_rgba color, const char *s, double x, double baseline,
                                 double max_width, size_t max_lines, enum text_anchor anchor);

/* Snaps a coordinate to the device grid: the centre of a pixel for a line of odd device
 * width, a pixel edge otherwise. `width` is the line width in CSS px (0 for an edge). */
double csvchart_layout_snap(const struct layout *L, double v, double width);



struct bar_chart;

/*
 * Lays out a bar chart (layout_bar.c) into *scene (initialised here; the caller finis it).
 * Errors: CSVCHART_ERROR_VALUE for a highlight naming no category, NOMEM.
 */
csvchart_status csvchart_layout_bar(const struct bar_chart *chart, const struct spec *s,
                                    const csvchart_text_measurer *m,
                                    struct csvchart_scene *scene,
                                    struct csvchart_warnings *warn, csvchart_error *err);
struct timeline_data;

/*
 * Lays out a timeline (layout_timeline.c) into *scene (initialised here; the caller finis
 * it). Every event gets its label; labels never overlap each other or the axis.
 */
csvchart_status csvchart_layout_timeline(const struct timeline_data *d, const struct spec *s,
                                         const csvchart_text_measurer *m,
                                         struct csvchart_scene *scene,
                                         struct csvchart_warnings *warn, csvchart_error *err);

#endif
