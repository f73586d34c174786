/*
 * batch.h - `csvchart render FIGURES.ini`: the INI model (ini.c, our own reader) and the
 * parallel renderer (render.c).
 *
 * An INI file: [defaults] applies to every figure; every other section is one figure, named
 * by its section. Keys are the option names of the table, plus kind (bar | timeline), data
 * (the CSV, relative to the INI file's folder) and outputs (space-separated file names,
 * relative to --out-dir; default NAME.png). Values may continue on indented lines and be
 * written in double quotes (ini.c says how).
 */
#ifndef CSVCHART_BATCH_H
#define CSVCHART_BATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "csvchart.h"

struct ini_entry {
    char *key, *value;
    size_t len, cap; /* of value: strlen, and the bytes allocated (it grows over continuations) */
    size_t line;
    size_t key_col, value_col; /* on that line, in characters from 1: for messages */
};

struct ini_section {
    char *name;
    size_t line; /* of the [name] header; 0 for a missing [defaults] */
    struct ini_entry *entries;
    size_t len, cap;
};

struct ini_doc {
    char *path; /* as given */
    struct ini_section defaults;
    struct ini_section *figures;
    size_t len, cap;
};

/*
 * Reads and parses an INI file ("-" is not allowed): UTF-8 with or without a byte order mark,
 * LF, CRLF or CR line ends. Errors (CSVCHART_ERROR_DATA with FILE:LINE, the first in the file):
 * a syntax error, an unclosed double quote in a value, a section header that is unclosed, has
 * text after its "]" or a name that is not a safe file name (letters, digits, non-ASCII
 * characters, . _ - @ +), a duplicated section, a key set twice in one section, outputs in
 * [defaults], no figure at all; the limits: 16 MiB (CSVCHART_ERROR_LIMIT), 1,000,000 lines,
 * 1 MiB in a value, 256 keys in a section, 10,000 figures. CSVCHART_ERROR_IO when the file
 * cannot be read.
 */
csvchart_status csvchart_ini_load(const char *path, struct ini_doc *doc, csvchart_error *err);
/* Parses text already in memory, named `path` in messages. */
csvchart_status csvchart_ini_parse(const char *path, const char *text, size_t len,
                                   struct ini_doc *doc, csvchart_error *err);
void csvchart_ini_free(struct ini_doc *doc);

struct figure_report;

struct render_args {
    const char *ini;
    const char *out_dir;          /* default "out" */
    int jobs;                     /* 0 = the number of CPUs */
    const char *only;             /* comma-separated figure names, or NULL */
    const char *depfile;          /* or NULL */
    int shard_index, shard_count; /* 1-based; 0/0 = all */
    bool list;        /* print "NAME<TAB>DATA<TAB>OUTPUT..." per figure, render nothing */
    bool make_rules;  /* print a Makefile fragment, one rule per figure, render nothing */
    bool watch;       /* render, then again what changes (watch.c) */
    bool quiet;       /* --quiet: no warnings, no "rendered N" (errors still) */
    const char *html; /* a preview page to write (html.c), or NULL */
    /* Told of each figure after the batch, in INI order (NULL: nobody); with it, the summary
     * line is left to the listener. */
    void (*report)(void *ctx, const struct figure_report *r);
    void *report_ctx;
    const char *self; /* how to call csvchart in the make rules (argv[0]) */
};

/*
 * What became of one figure of a batch, in INI order, for --html and --watch (render_args's
 * report): strings borrowed for the call.
 */
struct figure_report {
    const char *name, *kind;
    const char *const *outputs; /* paths, out-dir included */
    size_t noutputs;
    const char *messages; /* its lines, "csvchart: ...\n" each (warnings, the error), or "" */
    bool failed;
    const char *title, *alt; /* the figure's title and its one-sentence summary ("" if none) */
    const char *theme;       /* light, dark or print */
    double width, height;    /* CSS px as drawn; 0 when it failed */
    double dpi;              /* of the 1x PNG */
};

/* Runs the batch; prints messages and the summary; returns the exit status. */
int csvchart_cli_render(const struct render_args *a);
/* Is figure `name` one of the comma-separated names of `list` (--only)? */
bool csvchart_cli_in_list(const char *list, const char *name);

/*
 * --html: the preview page (html.c). Writes FILE atomically: every figure of `figs` with its
 * images (each PNG and SVG output, 1x and @Nx, at its CSS size), title, alt text, size, theme,
 * warnings and errors, links to every output. With `poll` (--watch) the page reloads itself
 * when FILE.js, written after it, holds a newer `version`. Returns 0, or 1 after a message.
 */
int csvchart_cli_html_write(const char *file, const struct figure_report *figs, size_t n,
                            unsigned long version, bool poll);

/* --watch: renders, then renders again each figure whose CSV or INI section changes, until a
 * signal ends the process (watch.c); returns the exit status when watching cannot go on.
 * Without --watch (--html alone): the batch, then the preview page. */
int csvchart_cli_watch(const struct render_args *a);

#endif
