/*
 * text_check.h - after layout, what the installed fonts could not draw (text_check.c).
 *
 * fontconfig never fails: a family that is not installed is replaced by another, a
 * character no font has is drawn as a box (tofu), and the figure is written with exit 0.
 * This check says so, once per figure, with where the text came from.
 */
#ifndef CSVCHART_TEXT_CHECK_H
#define CSVCHART_TEXT_CHECK_H

#include "error.h"
#include "scene.h"
#include "spec.h"
#include "table.h"
#include "text.h"

/* Characters named one by one in warnings; the rest are summed up in one more. */
#define CSVCHART_TEXT_CHECK_NAMED 5

/*
 * Checks a laid-out scene with the measurer that measured it (a measurer without substitute
 * and missing, such as the fake one, has nothing to say):
 *
 * - the scene's font family, when it is not installed (text.h, substitute): one warning,
 *   `font "Comic Sans MS" is not installed; drawn with "DejaVu Sans" (fc-list lists the
 *   installed fonts)`, after the FILE:LINE where the family was set (an INI file, or the
 *   house theme's `font`), or marked "(the default)";
 * - the characters of its text items that no installed font has (text.h, missing), each
 *   once, named by code point, the character and its script, and placed where the text came
 *   from: the first option that holds it (title, subtitle, axis_title, rule, band, annotate,
 *   marker, ratio_label, trend_label, value_format, note, source, byline; with the INI
 *   FILE:LINE that set it), else the first cell of the data that holds it (FILE:LINE:COL,
 *   the header included; a cell that holds a drawn text with it is preferred to one that
 *   does not), else the drawn text itself (text the figure writes, such as a locale's month
 *   names). Warnings come in that order: options, then cells by position. The first
 *   CSVCHART_TEXT_CHECK_NAMED get a warning each, the rest one warning that counts and lists
 *   them. Printable ASCII is never looked at: the fonts cover it.
 *
 * With spec->font_missing_error, the first of those is an error instead (CSVCHART_ERROR_VALUE
 * for the font and options, CSVCHART_ERROR_DATA for a cell). Out of memory while gathering
 * loses warnings, never fails. `table` may be NULL (no data to point into).
 */
csvchart_status csvchart_text_check(const csvchart_text_measurer *m,
                                    const struct csvchart_scene *scene,
                                    const struct option_values *vals, const struct spec *spec,
                                    const csvchart_table *table, struct csvchart_warnings *w,
                                    csvchart_error *err);

#endif
