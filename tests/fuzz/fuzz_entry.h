/*
 * fuzz_entry.h - the code each fuzz target runs on one input (fuzz_entry.c).
 *
 * The same functions run under libFuzzer (tests/fuzz/fuzz_NAME.c, clang with ASan and UBSan)
 * and in the ordinary test suite (tests/unit/test_fuzz_regressions.c feeds them every file of
 * tests/fuzz/corpus/ and tests/fuzz/regressions/), so a finding, once fixed and added as a
 * regression file, is checked by every build.
 *
 * Each function never fails on bad input (errors are the expected outcome of most inputs): it
 * returns 0, or 1 after printing to stderr what contract of the library the input broke (a
 * table that differs with the size of the pieces it was fed in, a parsed date that does not
 * exist, an output that is not NUL-terminated, ...). The libFuzzer wrappers abort() on 1, so
 * broken contracts are findings like crashes, leaks and undefined behaviour.
 */
#ifndef CSVCHART_FUZZ_ENTRY_H
#define CSVCHART_FUZZ_ENTRY_H

#include <stddef.h>
#include <stdint.h>

/*
 * The CSV reader. Byte 0 picks the delimiter (auto , ; tab | space :), byte 1 the limits
 * (defaults or tiny ones), byte 2 how the streaming reader cuts the rest into pieces; the rest
 * is the CSV. It is read whole with csvchart_table_read() and again in pieces through
 * csvchart_table_reader_*: status, error text and table must be the same. With bit 3 of byte
 * 0 set (and default limits), an aggregated bar chart of the table (aggregate, group, facet,
 * y and log from bytes 0 and 2) must bind the same from the table folded while reading as
 * from the whole table (tests/fold_check.h).
 */
int csvchart_fuzz_csv(const uint8_t *data, size_t size);

/*
 * Numbers, dates and labels. The whole input goes through csvchart_number_parse() and
 * csvchart_date_parse() (results checked for range and consistency); byte 0 picks a
 * value_format (or, with its top bit set, takes one from the input up to a newline), then the
 * parsed value and a few derived ones are formatted as values and ticks into buffers of
 * several sizes and parsed back.
 */
int csvchart_fuzz_number(const uint8_t *data, size_t size);

/*
 * The INI reader of `csvchart render` (src/cli/ini.c): csvchart_ini_parse() on the input,
 * then the document is checked (keys and values non-NULL, line numbers in range) and freed.
 * Needs src/cli/ini.c linked; without CSVCHART_FUZZ_INI defined when compiling
 * fuzz_entry.c, it returns 0 and does nothing (see csvchart_fuzz_have_ini()).
 */
int csvchart_fuzz_ini(const uint8_t *data, size_t size);
/* True when csvchart_fuzz_ini() was compiled in. */
int csvchart_fuzz_have_ini(void);

/*
 * A whole figure through the public API. Bytes 0-4 are options; the rest is the CSV, loaded
 * with csvchart_figure_load_buffer() and rendered into memory with csvchart_figure_render().
 *   byte 0  bit 0 kind (bar, timeline); bits 1-2 outputs (PNG+SVG, PNG, SVG, PNG+SVG+scene);
 *           bits 1-2 both set also sets group (bar)
 *   byte 1  bar: log, horizontal, stack, mark (2 bits), facet, low/high, horizontal=false;
 *           timeline: detail, end, orientation (2 bits), group, today (2 bits)
 *   byte 2  four 2-bit column indexes into the header: x/date, y/label, facet/detail/group,
 *           high/end (a bar range uses y as low)
 *   byte 3  size (2 bits), value_format on, titles, aggregate, theme dark, sort+ratio
 *   byte 4  bits 0-1 delimiter (auto , ; tab); bits 2-7 all set (1 input in 32): the real Pango
 *           text measurer instead of the fake one
 */
int csvchart_fuzz_render(const uint8_t *data, size_t size);

/*
 * Numbers, dates and labels in a language. Byte 0: bits 0-4 a locale (fuzz_entry.c's list;
 * 0 none), bits 5-6 the decimal mark (unset, '.', ',', ','), bit 7 abbreviated month names;
 * byte 1: bits 0-2 the date order and separator, bits 3-6 a value_format. The first line of
 * the rest is read with csvchart_number_parse_as() and csvchart_date_parse_as() (and as a
 * locale's month name), then the value and the date (or a date made of its bytes) are written
 * as values, ratios, changes, durations, dates, spans and time ticks in the locale into
 * buffers of several sizes; the lines after it are a trend_label template
 * (csvchart_trend_text()). What the default syntax reads must read the same in every syntax.
 */
int csvchart_fuzz_syntax(const uint8_t *data, size_t size);

/*
 * The CSV reader with the reading options of a figure: byte 0 bits 0-1 encoding (utf-8,
 * latin1, utf-16, auto), bits 2-3 delimiter (auto , ; tab), bits 4-6 date_format, bit 7 the
 * folding check; byte 1 bits 0-4 a locale, bits 5-6 decimal; byte 2 how the streaming reader
 * cuts the input (as csvchart_fuzz_csv); byte 3 the folded chart (aggregate, group, facet, y,
 * log); the rest is the file. Read whole and in pieces (same status, error, table), every
 * cell read again as a number and as a date in the table's syntax (csvchart_table_number,
 * csvchart_table_date_cell), and with bit 7 a folded aggregated bar chart compared with the
 * whole one (tests/fold_check.h).
 */
int csvchart_fuzz_read(const uint8_t *data, size_t size);

/*
 * A house theme (theme = NAME.ini): the input is the file, read by csvchart_theme_parse().
 * On success the theme must keep what theme.h promises (text at 4.5:1, marks at 3:1, sizes
 * over their floors); on failure the error names a line of the file.
 */
int csvchart_fuzz_theme(const uint8_t *data, size_t size);

/*
 * A figure of any kind with options from the input, through csvchart.h:
 *   byte 0  bits 0-1 kind (bar, timeline, trend, trend); bits 2-4 outputs PNG, SVG, PDF
 *           (besides the scene dump and the .txt text alternative, always); bit 5 a second
 *           figure alike, whose scene and SVG must be the same bytes
 *   byte 1  bits 0-1 size (small); bits 2-3 theme (light, dark, print, the input's house
 *           theme); bits 4-7 all set (1 input in 16): the real Pango text measurer
 * then lines "name=value" up to an empty line: any option but size, scale, dpi, max_pixels,
 * font and theme, set with csvchart_set() (errors ignored); in a value @0..@7 stand for the
 * header's column names, @a..@h for the first field of the first data lines, \n for a line
 * end. Lines "house=TEXT" are lines of a house theme file (written to a temporary file).
 * After the empty line, the CSV. Outputs are checked (signatures, UTF-8, one line of text
 * alternative), as are the scene's numbers, warnings and errors (UTF-8).
 */
int csvchart_fuzz_figure(const uint8_t *data, size_t size);

#endif
