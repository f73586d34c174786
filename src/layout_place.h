/*
 * layout_place.h - the label placers the layouts share (layout_place.c). They decide where
 * blocks of text go - rows, sides, offsets - from their sizes and where they want to be; they
 * measure nothing and draw nothing.
 *
 *   flags   blocks flying from leaders that stand on an axis, packed into rows on both sides
 *           of it, no leader through another block (the timeline's horizontal placement; a
 *           trend's labelled points and markers, whose leaders rise from the data to rows
 *           above it or fall to rows under its time axis);
 *   dodge   blocks along one line, each wanting a place, pushed apart just enough (the
 *           timeline's vertical columns; the labels at the ends of a trend's lines).
 *
 * Both are deterministic and run in O(n log n) (flags) and O(n) (dodge).
 */
#ifndef CSVCHART_LAYOUT_PLACE_H
#define CSVCHART_LAYOUT_PLACE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * A flag: a block of text w x h whose leader stands on the axis at `pos` (px along it). Above
 * the axis the block stands right of its leader (from pos + flag_gap), below it hangs left of
 * it (up to pos - flag_gap):
 *
 *          | Label above                row 1 (above)
 *          |      | Label above         row 0 (above)
 *     -----o------o------o------        the axis
 *                 Label below |         row 0 (below)
 */
struct place_flag {
    double pos;  /* the leader, along the axis; the flags are sorted by it */
    double w, h; /* the block */
    bool up_ok;  /* the block may stand above the axis (it fits right of its leader) */
    bool dn_ok;  /* ... below it (it fits left of its leader); one of the two at least */
    bool hit;    /* a leader below the axis would run into something (a tick label) */
    /* placed */
    int side;     /* 0 above, 1 below */
    size_t level; /* the row on its side, 0 nearest the axis */
};

/* The rows' geometry and, once placed, their heights. */
struct place_rows {
    double flag_gap;     /* between a leader and its block */
    double reach_gap;    /* kept free along the axis after a block, before another leader */
    double level_gap;    /* between two rows */
    double fixed;        /* what the axis takes between the two sides (px), whatever the rows */
    double *up_h, *dn_h; /* the caller's, n each: the heights of the rows above and below */
    size_t nup, ndn;     /* rows used on each side */
};

/*
 * Places n flags (sorted by pos) in rows on both sides of the axis: each flag on a side it
 * may take, in the lowest row where its leader crosses no other block and no two blocks
 * overlap, reading in order along the axis on both sides (layout_place.c says how). Tries the
 * ways of choosing sides for the flags that may take either and keeps, of those that fit
 * `limit`, the one with the fewest leaders below through something (`hit`), then the one
 * needing the least height (rows above + rows below + fixed). Returns that height, with every
 * flag's side and level and the rows of *r set; INFINITY (the flags unplaced) when no way fits
 * `limit`; NAN when out of memory.
 */
double csvchart_place_flags(struct place_flag *f, size_t n, struct place_rows *r, double limit);

/*
 * The 1-D dodge: blocks i = 0..n-1 of heights h[i], in order along a line, block i wanting
 * its top at want[i], kept in [top, bottom] with at least `gap` between two. Writes each top
 * to tops[i]. Blocks that would overlap are gathered into clusters placed at the mean of their
 * members' wishes (clamped to the line); when the blocks fit (their heights and gaps add up to
 * at most bottom - top) no two overlap and all stay in [top, bottom]. False when out of
 * memory.
 */
bool csvchart_place_dodge(const double *want, const double *h, size_t n, double gap, double top,
                          double bottom, double *tops);

#endif
