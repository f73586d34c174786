/*
 * csvchart.h - the public interface of libcsvchart.
 *
 * csvchart turns a CSV file into a publication-quality chart (PNG, SVG, PDF, or a text dump of
 * the drawing primitives). The pipeline is
 *
 *     CSV --read--> table --bind--> spec --layout--> scene --render--> PNG | SVG | PDF | scene
 *
 * and this header exposes it through one opaque handle, csvchart_figure:
 *
 *     csvchart_error err = CSVCHART_ERROR_INIT;
 *     csvchart_figure *fig = csvchart_figure_new("bar", &err);
 *     csvchart_set(fig, "title", "OpenAI o1 costs 857x more than DeepSeek R1", &err);
 *     csvchart_set(fig, "log", "true", &err);
 *     csvchart_figure_load_file(fig, "prices.csv", &err);
 *     csvchart_figure_write(fig, "prices.png", CSVCHART_FORMAT_AUTO, &err);
 *     if (err.status != CSVCHART_OK) fprintf(stderr, "%s\n", csvchart_error_text(&err));
 *     csvchart_figure_free(fig);
 *
 * Conventions (CONTRIBUTING.md gives the reasons):
 * - Every fallible call returns a csvchart_status and takes a csvchart_error *err last (NULL
 *   allowed). The first error is kept: later calls on an error value that already holds one
 *   do not overwrite it, so a chain of calls can be checked once at the end.
 * - Every function accepts NULL for any pointer argument, the figure handle included: as in
 *   the chain above, where csvchart_figure_new() may have returned NULL, a call on a NULL
 *   figure does nothing and returns CSVCHART_ERROR_ARGUMENT (recording that error only when
 *   *err holds none yet, so the root cause is what is reported).
 * - Ownership: whoever creates frees; every *_free() accepts NULL. Strings passed in are
 *   copied when kept; returned strings are borrowed (the comment says for how long) unless
 *   the comment says to free() them.
 * - Threads: the library never prints, never exits and keeps no global mutable state. Each
 *   function says what it may share: "any thread" functions may run at the same time as any
 *   other call; a figure is used by one thread at a time (distinct figures by distinct threads
 *   at once is fine); a csvchart_error is written by one thread at a time.
 * - C and C++: the header compiles as either (extern "C"); only standard C headers and
 *   csvchart_version.h are included. Symbols other than these functions are hidden in the
 *   shared library; every name starts with csvchart_ or CSVCHART_.
 */
#ifndef CSVCHART_H
#define CSVCHART_H

#include <stdbool.h>
#include <stddef.h>

#include "csvchart_version.h"

/* Marks the API: the only symbols the shared library exports (it is built with hidden
 * visibility). */
#if defined(__GNUC__) || defined(__clang__)
#define CSVCHART_API __attribute__((visibility("default")))
#else
#define CSVCHART_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Version ------------------------------------------------------------------------------ */

/*
 * The linked library's version string, e.g. "0.1.0" (CSVCHART_VERSION_STRING is the version
 * of the headers compiled against). Static storage; any thread.
 */
CSVCHART_API const char *csvchart_version(void);

/* ---- Errors ------------------------------------------------------------------------------- */

typedef enum csvchart_status {
    CSVCHART_OK = 0,
    CSVCHART_ERROR_DATA,           /* the CSV is malformed or a value cannot be used */
    CSVCHART_ERROR_VALUE,          /* an option has a bad value */
    CSVCHART_ERROR_UNKNOWN_OPTION, /* an option name that does not exist (a usage error) */
    CSVCHART_ERROR_IO,             /* a file cannot be read or written */
    CSVCHART_ERROR_LIMIT,          /* a resource limit was hit (image size, field size, ...) */
    CSVCHART_ERROR_NOMEM,          /* out of memory */
    CSVCHART_ERROR_INTERNAL,       /* cairo, pango or libpng failed */
    CSVCHART_ERROR_SIZE,           /* the data cannot be drawn at the requested size; the
                                      message names a size at which it can */
    CSVCHART_ERROR_ARGUMENT        /* a NULL figure or pointer where the call needs one */
} csvchart_status;

/*
 * A caller-owned error value. Initialise it with CSVCHART_ERROR_INIT (C and C++), or
 * `= {0}` in C, or csvchart_error_clear(). Positions are 1-based; line and column 0 mean
 * unknown. `column` counts bytes. Reporting never allocates.
 */
typedef struct csvchart_error {
    csvchart_status status;
    size_t line;
    size_t column;
    char file[256];
    char message[512];
    char text[1024]; /* "FILE:LINE:COL: message", filled by csvchart_error_text() */
} csvchart_error;

/* "No error": `csvchart_error err = CSVCHART_ERROR_INIT;` (`= {0}` is not C++). */
#define CSVCHART_ERROR_INIT                                                                        \
    {                                                                                              \
        CSVCHART_OK, 0, 0, "", "", ""                                                              \
    }

/* Resets *err to "no error". NULL: nothing. Any thread, for an err no other thread uses. */
CSVCHART_API void csvchart_error_clear(csvchart_error *err);

/*
 * Formats the error as "FILE:LINE:COL: message" (leaving out the parts that are unknown) into
 * err->text and returns it: borrowed, it lives as long as *err and until the next call on it.
 * NULL: "" (static). Any thread, for an err no other thread uses.
 */
CSVCHART_API const char *csvchart_error_text(csvchart_error *err);

/* ---- Figures ------------------------------------------------------------------------------ */

typedef struct csvchart_figure csvchart_figure;

typedef enum csvchart_format {
    CSVCHART_FORMAT_AUTO = 0, /* from the output path's extension */
    CSVCHART_FORMAT_PNG,
    CSVCHART_FORMAT_SVG,
    CSVCHART_FORMAT_PDF,
    CSVCHART_FORMAT_SCENE, /* the drawing primitives as text, one per line */
    CSVCHART_FORMAT_TXT    /* the text alternative (option alt, else the title and a summary of
                            * the data), UTF-8, one line, for a CMS's alt attribute */
} csvchart_format;

/*
 * Creates an empty figure of the given kind ("bar", "timeline"). Returns NULL and sets *err
 * for an unknown kind (CSVCHART_ERROR_UNKNOWN_OPTION), a NULL kind (CSVCHART_ERROR_ARGUMENT)
 * or when out of memory. The caller owns the figure: free it with csvchart_figure_free().
 * Any thread.
 */
CSVCHART_API csvchart_figure *csvchart_figure_new(const char *kind, csvchart_error *err);

/* Frees the figure and all it owns (data, layout, warnings). NULL: nothing. The figure's
 * thread; no pointer borrowed from the figure is valid afterwards. */
CSVCHART_API void csvchart_figure_free(csvchart_figure *fig);

/*
 * Sets option `name` (as listed by csvchart_option_*; '-' and '_' are interchangeable) to
 * `value`, given as text exactly as on the command line or in an INI file. Errors:
 * CSVCHART_ERROR_UNKNOWN_OPTION (with a "did you mean" in the message), CSVCHART_ERROR_VALUE,
 * CSVCHART_ERROR_ARGUMENT (fig, name or value NULL). The value is checked at once where it
 * can be; checks that need the data (column names) happen at render time. Both strings are
 * copied. The figure's thread.
 */
CSVCHART_API csvchart_status csvchart_set(csvchart_figure *fig, const char *name, const char *value,
                                          csvchart_error *err);

/*
 * Like csvchart_set(), for a value read from a file: errors about the value carry
 * FILE:LINE (e.g. the INI file and line where the key was set); `file` may be NULL (none),
 * and is copied. The figure's thread.
 */
CSVCHART_API csvchart_status csvchart_set_at(csvchart_figure *fig, const char *name,
                                             const char *value, const char *file, size_t line,
                                             csvchart_error *err);

/*
 * Reads the figure's data. `path` "-" reads standard input, named "<stdin>" in messages.
 * load_buffer() reads `len` bytes at `data`, named `name` in messages; the bytes are copied.
 * A second load replaces the first.
 *
 * Loading uses the options set so far: delimiter and limits, and for a bar chart with
 * `aggregate` (not none), x, y, group, facet and log too - rows of one category are then
 * combined while the file is read, so memory grows with the number of categories, not with
 * the file (a 1 GB CSV aggregates in a few MB). Set those options before loading: changing
 * one of them afterwards makes rendering fail (CSVCHART_ERROR_VALUE, "load it again").
 * CSVCHART_ERROR_ARGUMENT for a NULL fig or path, or NULL data with len > 0 (NULL data with
 * len 0 is an empty file; a NULL name is "<buffer>"). Nothing is borrowed: the figure keeps
 * copies. The figure's thread; reading standard input is for one thread of the program.
 */
CSVCHART_API csvchart_status csvchart_figure_load_file(csvchart_figure *fig, const char *path,
                                                       csvchart_error *err);
CSVCHART_API csvchart_status csvchart_figure_load_buffer(csvchart_figure *fig, const char *name,
                                                         const void *data, size_t len,
                                                         csvchart_error *err);

/*
 * Lays the figure out (once; later calls reuse the result) and writes it to `path`,
 * atomically: a temporary file in the same folder, then rename(2). On failure no file is left
 * and an existing file at `path` is untouched. CSVCHART_FORMAT_AUTO picks the format from the
 * extension (.png .svg .pdf .scene); a format that contradicts the extension ("y.png" with
 * CSVCHART_FORMAT_SVG) is refused (CSVCHART_ERROR_VALUE). The same inputs give the same
 * bytes. CSVCHART_ERROR_ARGUMENT for a NULL fig or path. The figure's thread.
 */
CSVCHART_API csvchart_status csvchart_figure_write(csvchart_figure *fig, const char *path,
                                                   csvchart_format format, csvchart_error *err);

/*
 * Renders into memory. On success *data holds *len bytes, owned by the caller (free() it);
 * on failure *data is NULL and *len 0. CSVCHART_ERROR_ARGUMENT for a NULL fig, data or len.
 * The figure's thread.
 */
CSVCHART_API csvchart_status csvchart_figure_render(csvchart_figure *fig, csvchart_format format,
                                                    void **data, size_t *len, csvchart_error *err);

/*
 * Like csvchart_figure_render(), for an output named `path`: with CSVCHART_FORMAT_AUTO the
 * format comes from its extension, and a PNG named like "chart@2x.png" (any "@Nx" before the
 * extension, N from 0.25 to 8) is drawn at that pixel scale instead of the figure's `scale` -
 * one layout, several resolutions. A name with an unsupported "@Nx" (see
 * csvchart_scale_from_path) fails with CSVCHART_ERROR_VALUE instead of drawing at 1x, and so
 * does a format that contradicts the extension. `path` NULL: as csvchart_figure_render().
 * Ownership and errors as csvchart_figure_render(). The figure's thread.
 */
CSVCHART_API csvchart_status csvchart_figure_render_for(csvchart_figure *fig, const char *path,
                                                        csvchart_format format, void **data,
                                                        size_t *len, csvchart_error *err);

/*
 * The "@Nx" scale of an output name ("chart@2x.png" -> 2), 0 when it has none ("chart.png",
 * "me@home.png"), or -1 when it has one that is not supported: N must be written as digits
 * with at most one decimal point, from 0.25 to 8, followed by a lowercase x ("@0x", "@9x",
 * "@2X", "@1e1x" give -1). Rendering to such a name fails (CSVCHART_ERROR_VALUE). NULL: 0.
 * Any thread.
 */
CSVCHART_API double csvchart_scale_from_path(const char *path);

/*
 * Checks an output name before anything is drawn: its extension names a format and its
 * "@Nx", if any, is supported. CSVCHART_ERROR_VALUE, with the path as the error's file,
 * otherwise; CSVCHART_ERROR_ARGUMENT for NULL. Any thread.
 */
CSVCHART_API csvchart_status csvchart_output_check(const char *path, csvchart_error *err);

/*
 * Writes `len` bytes to `path` atomically (a temporary file in the same folder, then
 * rename(2)): on failure no file is left and an existing `path` is untouched. The folder
 * must exist (CSVCHART_ERROR_IO names it otherwise). CSVCHART_ERROR_ARGUMENT for a NULL path,
 * or NULL data with len > 0. Any thread (distinct paths).
 */
CSVCHART_API csvchart_status csvchart_write_file(const char *path, const void *data, size_t len,
                                                 csvchart_error *err);

/*
 * The temporary file of csvchart_write_file() is ".NAME.PID.N.tmp" beside NAME. A program
 * that removes such files when a signal ends it (the csvchart command does, on SIGINT and
 * SIGTERM) needs their names: csvchart_write_file_tracked() calls tracker->add(ctx, tmp_path)
 * before the file may exist, keeping the handle it returns, and tracker->remove(ctx, handle)
 * once nothing exists under that name any more (renamed over NAME, removed after a failure,
 * or never created). Both are called on the writing thread; tmp_path lives only during add.
 */
typedef struct csvchart_temp_tracker {
    int (*add)(void *ctx, const char *tmp_path);
    void (*remove)(void *ctx, int handle);
    void *ctx;
} csvchart_temp_tracker;

/* csvchart_write_file() telling `tracker` (NULL: none) about its temporary file; the
 * tracker is borrowed for the call. Any thread (distinct paths). */
CSVCHART_API csvchart_status csvchart_write_file_tracked(const char *path, const void *data,
                                                         size_t len,
                                                         const csvchart_temp_tracker *tracker,
                                                         csvchart_error *err);

/*
 * Warnings gathered while reading and laying out (e.g. "prices.csv:7: row skipped: ..."),
 * in order. The strings are borrowed: they live until the figure is freed, loads new data or
 * has an option set. A NULL figure has 0 warnings; an index out of range gives NULL. The
 * figure's thread.
 */
CSVCHART_API size_t csvchart_figure_warning_count(const csvchart_figure *fig);
CSVCHART_API const char *csvchart_figure_warning(const csvchart_figure *fig, size_t i);

/*
 * The format named by a path's extension, or CSVCHART_FORMAT_AUTO when it names none (or for
 * NULL). csvchart_format_from_name() takes "png", "svg", "pdf", "scene" or "txt". Any thread.
 */
CSVCHART_API csvchart_format csvchart_format_from_path(const char *path);
CSVCHART_API csvchart_format csvchart_format_from_name(const char *name);

/* ---- The option table --------------------------------------------------------------------- */

/*
 * Options are listed in one table that drives the CLI, INI files, csvchart_set() and --help.
 * Index i runs from 0 to csvchart_option_count() - 1; strings are static (never freed). An
 * index out of range gives NULL (false for _applies). Every function here: any thread.
 */
CSVCHART_API size_t csvchart_option_count(void);
CSVCHART_API const char *csvchart_option_name(size_t i);
CSVCHART_API const char *csvchart_option_help(size_t i);
CSVCHART_API const char *csvchart_option_default(size_t i); /* "" when there is none */
/* "text", "bool", "bool|auto", "number", "size", "column", "columns", "list", "palette",
 * "format", "colour", "bool|A,B", or the choices "a|b|c". */
CSVCHART_API const char *csvchart_option_type(size_t i);
/* True when the option applies to figures of `kind` ("bar", "timeline"); false for NULL. */
CSVCHART_API bool csvchart_option_applies(size_t i, const char *kind);
/* The index of an option by name ('-' or '_'), or (size_t)-1 (also for NULL). */
CSVCHART_API size_t csvchart_option_find(const char *name);
/* The closest option name to a misspelt one, or NULL when nothing is close (or for NULL). */
CSVCHART_API const char *csvchart_option_suggest(const char *name);

/* ---- Inspecting data ---------------------------------------------------------------------- */

/*
 * Reads a CSV file ("-" for standard input) and writes a human-readable report of how it was
 * read (columns, types, units, counts, missing values, ranges, the first rows as parsed) into
 * a string *report that the caller owns (free() it); on failure *report is NULL.
 * `delimiter` is "auto" (also for NULL), ",", ";" or "tab". CSVCHART_ERROR_ARGUMENT for a
 * NULL path or report. Any thread (standard input: one thread of the program).
 */
CSVCHART_API csvchart_status csvchart_inspect_file(const char *path, const char *delimiter,
                                                   char **report, csvchart_error *err);

#ifdef __cplusplus
}
#endif

#endif /* CSVCHART_H */
