/*
 * figure.h - the private side of csvchart_figure (figure.c), for tests.
 */
#ifndef CSVCHART_FIGURE_H
#define CSVCHART_FIGURE_H

#include "csvchart.h"
#include "scene.h"
#include "text.h"

/*
 * Makes the figure measure text with `m` (borrowed; it must outlive the figure) instead of
 * Pango: tests use csvchart_text_fake() so scene dumps do not depend on fonts.
 */
void csvchart_figure_set_measurer(csvchart_figure *fig, const csvchart_text_measurer *m);

/* Lays the figure out (if not done yet) and returns its scene, borrowed; NULL on error. */
const struct csvchart_scene *csvchart_figure_scene(csvchart_figure *fig, csvchart_error *err);

#endif
