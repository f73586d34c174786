/*
 * scene.h - the drawing primitives that layout produces and every backend replays.
 *
 * The scene is the contract between layout and output (STYLE.md section 1): a flat array of
 * items in CSS px, origin top-left, y down. Each item carries its whole style and its own copy
 * of any string, so the table and the spec can be freed before rendering and backends never
 * keep a "current pen". Backends know rectangles, lines, paths, circles and text - never bars
 * or axes.
 *
 * Adding items never fails loudly: an allocation failure sets scene->nomem and later adds are
 * ignored; layout checks the flag once at the end.
 */
#ifndef CSVCHART_SCENE_H
#define CSVCHART_SCENE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A colour as 0xRRGGBBAA (straight alpha). Alpha 0 means "none" (no fill, no stroke). */
typedef uint32_t csvchart_rgba;
#define CSVCHART_RGBA_NONE ((csvchart_rgba)0)

enum scene_kind {
    SCENE_RECT,   /* x, y, w, h */
    SCENE_LINE,   /* x, y -> x2, y2 */
    SCENE_PATH,   /* points[0..npoints), closed or open */
    SCENE_CIRCLE, /* centre x, y; radius r */
    SCENE_TEXT    /* one line of text; see below */
};

enum text_anchor { TEXT_ANCHOR_START, TEXT_ANCHOR_MIDDLE, TEXT_ANCHOR_END };

struct scene_point {
    double x, y;
};

/*
 * One primitive. Fill and stroke apply to rect, path and circle; a line uses stroke only.
 *
 * Text: the string is drawn on one line with its baseline at y = `baseline`, starting at
 * x = `x` (the left edge of its box). `anchor` and `anchor_x` say how it was aligned, so the
 * SVG writer can emit text-anchor and stay aligned even when the viewer's font differs.
 * Box: (x, y) top-left, (w, h) size, as measured by the text module: y = baseline - ascent,
 * h = ascent + descent. The font family is the scene's; size, weight and colour are the
 * item's (colour in `fill`).
 */
struct scene_item {
    enum scene_kind kind;
    csvchart_rgba fill;
    csvchart_rgba stroke;
    double stroke_width; /* px; 0 = no stroke */
    double dash;         /* px; 0 = solid, else dash and gap of this length */
    double x, y, w, h;
    double x2, y2; /* line end */
    double r;      /* circle radius */
    struct scene_point *points;
    size_t npoints;
    bool closed;
    /* text */
    char *text;
    double size_px;
    int weight; /* 400 regular, 700 bold */
    double baseline;
    enum text_anchor anchor;
    double anchor_x;
    /* Lines only: the line yields to text - csvchart_scene_cut_lines() removes the parts of
     * it that would run through a text box (gridlines, leaders). Not dumped. */
    bool yields;
    /* Optional: a description of the mark (e.g. a full label that was wrapped, or
     * "OpenAI o1: $60"). The SVG writer emits it as <title>; others ignore it. */
    char *title;
};

struct csvchart_scene {
    double width, height; /* CSS px */
    csvchart_rgba background;
    char *font_family; /* e.g. "Inter"; backends add fallbacks */
    char *title;       /* the figure title, for SVG <title> and PNG/PDF metadata ("" if none) */
    char *desc;        /* a summary of the data (or the alt option): SVG <desc>, PNG
                        * Description, PDF Subject */
    char *alt;         /* the text alternative, a .txt output: the alt option, else the title
                        * and the description (csvchart_scene_set_alt) */
    char *source;      /* the source line, for PNG tEXt Source ("" if none) */
    struct scene_item *items;
    size_t len, cap;
    bool nomem;
};

/* Initialises an empty scene; strings may be NULL (stored as ""). */
void csvchart_scene_init(struct csvchart_scene *s, double width, double height,
                         csvchart_rgba background, const char *font_family);
/* Releases everything the scene owns. */
void csvchart_scene_fini(struct csvchart_scene *s);
/* Replaces one of the scene's metadata strings (title, desc, source) with a copy of `value`. */
void csvchart_scene_set_string(struct csvchart_scene *s, char **field, const char *value);

/*
 * Sets the text alternative once the layout has written title and desc: `alt` (the option;
 * "" when not set) replaces the description and is the whole alternative; without it the
 * alternative is the title, a full stop if it has none, and the description ("OpenAI o1 costs
 * 857x more than DeepSeek R1. Bar chart of price by model, ...").
 */
void csvchart_scene_set_alt(struct csvchart_scene *s, const char *alt);

/*
 * Appends items; return the new item (valid until the next add) or NULL after a failure.
 * Every coordinate must be finite and every size (w, h, r, widths, text size) >= 0: that is
 * the callers' contract, asserted (a NaN or a negative width is a bug upstream, not data).
 */
struct scene_item *csvchart_scene_rect(struct csvchart_scene *s, double x, double y, double w,
                                       double h, csvchart_rgba fill);
struct scene_item *csvchart_scene_line(struct csvchart_scene *s, double x1, double y1, double x2,
                                       double y2, csvchart_rgba stroke, double width);
struct scene_item *csvchart_scene_circle(struct csvchart_scene *s, double cx, double cy, double r,
                                         csvchart_rgba fill);
/* Copies `n` points. */
struct scene_item *csvchart_scene_path(struct csvchart_scene *s, const struct scene_point *pts,
                                       size_t n, bool closed, csvchart_rgba fill,
                                       csvchart_rgba stroke, double stroke_width);
/*
 * A text item: `text` is copied, with each tab, CR and LF made a space: a text item is one
 * line, and every backend then draws what the measurer measured (SVG shows a tab as a space,
 * Pango as a tab stop). (x, y, w, h) is the box, `baseline` the baseline's y.
 */
struct scene_item *csvchart_scene_text(struct csvchart_scene *s, const char *text, double x,
                                       double y, double w, double h, double baseline,
                                       enum text_anchor anchor, double anchor_x, double size_px,
                                       int weight, csvchart_rgba color);
/* Sets item->title to a copy of `title` (ignored when item is NULL). */
void csvchart_scene_item_set_title(struct csvchart_scene *s, struct scene_item *item,
                                   const char *title);

/*
 * Cuts every line that yields (scene_item.yields) where it would run through a text box grown
 * by `pad` on each side: the line is replaced, in place in the drawing order, by the pieces
 * that stay outside every box (none when it lies wholly inside one). Lines of any direction.
 */
void csvchart_scene_cut_lines(struct csvchart_scene *s, double pad);

/*
 * Writes the scene as text, one primitive per line, numbers with 2 decimals (scene_dump.c):
 *     scene W H background=#RRGGBBAA font="Inter"
 *     rect X Y W H fill=#.. [stroke=#.. width=N]
 *     line X1 Y1 X2 Y2 stroke=#.. width=N [dash=N]
 *     path N closed|open X0 Y0 X1 Y1 ... fill=#.. stroke=#.. width=N [dash=N]
 *     circle CX CY R fill=#..
 *     text X Y W H "string" size=N weight=N anchor=start|middle|end fill=#..
 * Strings are quoted with \" and \\ escaped. On success *out is malloc'd, *len its length.
 */
bool csvchart_scene_dump(const struct csvchart_scene *s, char **out, size_t *len);

#endif
