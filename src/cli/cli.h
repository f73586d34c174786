/*
 * cli.h - the csvchart command: argument parsing (args.c), messages (msg.c), help (help.c)
 * and main (main.c). Parsing never prints or exits, so tests can call it; only main() decides
 * the exit status: 0 success, 1 bad input (data, a value, a file), 2 usage.
 */
#ifndef CSVCHART_CLI_H
#define CSVCHART_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "batch.h"
#include "error.h"

enum cli_command { CMD_NONE, CMD_HELP, CMD_VERSION, CMD_FIGURE, CMD_INSPECT, CMD_RENDER };

#define CLI_MAX_OUTPUTS 32
#define CLI_MAX_OPTIONS 128

struct cli_option {
    const char *name; /* as in the table: lowercase, underscores */
    const char *value;
    const char *flag; /* as typed, for messages */
};

struct cli_args {
    enum cli_command command;
    const char *kind; /* "bar"; NULL for general help */
    const char *data; /* the CSV path, "-" for standard input */
    const char *outputs[CLI_MAX_OUTPUTS];
    bool alt_text[CLI_MAX_OUTPUTS]; /* an output of --alt-text: the text alternative, any name */
    size_t noutputs;
    const char *format;    /* --format, for -o - */
    const char *delimiter; /* inspect --delimiter */
    bool quiet;            /* --quiet: warnings not printed (errors are) */
    struct cli_option options[CLI_MAX_OPTIONS];
    size_t noptions;
    struct render_args render; /* CMD_RENDER */
};

enum cli_parse { CLI_PARSE_OK, CLI_PARSE_USAGE };

/*
 * Parses argv. On a usage error returns CLI_PARSE_USAGE with a message (no prefix, no
 * newline) in msg. Pointers in *out borrow from argv.
 */
enum cli_parse csvchart_cli_parse(int argc, char **argv, struct cli_args *out, char *msg,
                                  size_t msgsize);

/* Prints the help for `kind` (NULL: the general help) to f. */
void csvchart_cli_help(FILE *f, const char *kind);

/* Writes the manual page csvchart.1 (roff) to f: the help's texts and the option table. */
void csvchart_cli_man(FILE *f);

/*
 * Temporary files of outputs being written (temps.c): pass csvchart_cli_temps to
 * csvchart_write_file_tracked(); after csvchart_cli_temps_install(), SIGINT, SIGTERM and
 * SIGHUP remove the temporary files still open, then end the process with that signal.
 */
extern const csvchart_temp_tracker csvchart_cli_temps;
void csvchart_cli_temps_install(void);

/* heap.c: the calling thread allocates from a transparent huge page (fewer page faults).
 * csvchart_cli_heap_prepare() is the first thing main() does (it also sets the process's
 * malloc thresholds); csvchart_cli_heap_prepare_thread() the first a batch worker's thread
 * does. */
void csvchart_cli_heap_prepare(void);
void csvchart_cli_heap_prepare_thread(void);

/*
 * The batch's committer (commit.c): a thread that syncs and renames the outputs queued to it
 * (csvchart_write_file_end()), in the order queued, while the workers draw. _start() returns
 * NULL when no thread can be had (then write synchronously). _push() takes over a file that
 * csvchart_write_file_begin() wrote, waiting while the queue is full; `slot` is its figure's:
 * the first error of the figure's outputs goes there, and the figure's outputs queued after
 * it are discarded. _end() puts every queued file in place, ends the thread and frees it;
 * read the slots after it.
 */
struct cli_committer;
struct csvchart_pending_file;
struct cli_committer *csvchart_cli_committer_start(void);
void csvchart_cli_committer_push(struct cli_committer *c, const struct csvchart_pending_file *file,
                                 csvchart_error *slot);
void csvchart_cli_committer_end(struct cli_committer *c);

/*
 * One figure's work (job.c), its options set and its output names checked: loads `data`,
 * renders every output into memory, passes each warning to warn(ctx, text) (NULL: dropped),
 * then writes each output atomically, "-" to standard output. The first error is in *err
 * and returned; outputs written before it stay (each is atomic on its own). With `commit`
 * (NULL: none), each file is written and queued to it, and an error in putting a file in
 * place comes later, in *commit_err (csvchart_cli_committer_push()'s slot).
 */
struct cli_output {
    const char *path;       /* a file, or "-" */
    csvchart_format format; /* CSVCHART_FORMAT_AUTO: from the name */
    bool any_name;          /* the name says nothing (--alt-text FILE) */
};
typedef void (*cli_warn_fn)(void *ctx, const char *warning);
csvchart_status csvchart_cli_figure_job(csvchart_figure *fig, const char *data,
                                        const struct cli_output *outs, size_t n, cli_warn_fn warn,
                                        void *ctx, struct cli_committer *commit,
                                        csvchart_error *commit_err, csvchart_error *err);

/*
 * Two spellings of one output file (output.c): the key of a path is, when its folder exists,
 * that folder's device and inode with the last component ("x.svg", "./x.svg", "d//x.png"
 * and "link-to-d/x.png" compare equal), else its lexically normalized spelling ("./a//b/" is
 * "a/b"). csvchart_output_key_cmp() orders keys (0: one file). Free with _fini().
 */
struct output_key {
    char *norm; /* lexically normalized path; NULL when out of memory */
    bool have_dir;
    unsigned long long dev, ino; /* of the folder, when have_dir */
    const char *base;            /* the last component, in norm */
};
void csvchart_output_key_init(struct output_key *k, const char *path);
void csvchart_output_key_fini(struct output_key *k);
int csvchart_output_key_cmp(const struct output_key *a, const struct output_key *b);

/*
 * For an output inside `dir`: false when its folder exists and is not inside `dir` once
 * symbolic links are resolved (a link inside --out-dir to a folder outside it); then
 * `where` (size bytes) receives that folder's real path.
 */
bool csvchart_output_stays_in(const char *dir, const char *path, char *where, size_t size);

/*
 * Creates the folders of output `path` that do not exist: those of `dir` (--out-dir), which
 * starts `path`, and those between it and the file. Returns 0; -1 with errno when a folder
 * cannot be made; 1 when a folder inside `dir` resolves outside it (a symbolic link), its real
 * path then in `where` (size bytes).
 */
int csvchart_cli_make_folders(const char *dir, const char *path, char *where, size_t size);

/* "csvchart: MESSAGE\n" on stderr. */
void csvchart_cli_error(const char *fmt, ...) CSVCHART_PRINTF(1, 2);
/* "csvchart: warning: MESSAGE\n" on stderr. */
void csvchart_cli_warning(const char *fmt, ...) CSVCHART_PRINTF(1, 2);
/*
 * Quotes `s` for a message: in double quotes, control bytes, " and \ written as C escapes
 * ("\n", "\x01"), so that a name with a newline cannot break a message line in two. Writes at
 * most `size` bytes (cut with "..." when longer) and returns buf.
 */
const char *csvchart_cli_quote(const char *s, char *buf, size_t size);

/* The error line for a usage error, then "Try 'csvchart [KIND] --help'." */
void csvchart_cli_usage_error(const char *kind, const char *msg);

#endif
