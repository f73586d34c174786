/*
 * cores.h - whether a figure's work may take a second core (cores.c).
 *
 * Issue 15's rule: in a batch, one thread per figure; threads inside a figure only for cores
 * that are spare. A figure counts itself busy while it is laid out (figure.c) and while its
 * PNG is made (render_png.c); the work that can be split - a PNG's deflating
 * (render_png_deflate.c), shaping a large timeline's texts ahead of its layout
 * (text_pango.c) - takes a second thread only while fewer figures are busy than the budget.
 * The counts are process-wide on purpose. They decide where work runs, never what it
 * produces: every caller gives the same bytes on one thread.
 */
#ifndef CSVCHART_CORES_H
#define CSVCHART_CORES_H

#include <stdbool.h>

/*
 * The most threads the figures of this process may use together. 0 (the default) means the
 * number of CPUs; a batch sets its --jobs, so that its figures get one thread each and a
 * figure gets two only when a worker is idle.
 */
void csvchart_cores_set_budget(int n);

/* +1 when a figure's layout or PNG starts, -1 when it ends. */
void csvchart_cores_busy(int delta);

/* Whether a busy figure may take one more thread now: fewer figures busy than the budget. */
bool csvchart_cores_spare(void);

#endif
