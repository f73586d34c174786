/*
 * cli.h - the csvchart command: argument parsing (args.c), messages (msg.c), help (help.c)
 * and main (main.c). Parsing never prints or exits, so tests can call it; only main() decides
 * the exit status: 0 success, 1 bad input (data, a value, a file), 2 usage.
 */
#ifndef CSVCHART_CLI_H
#define CSVCHART_CLI_H

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
    size_t noutputs;
    const char *format; /* --format, for -o - */
    const char *delimiter; /* inspect --delimiter */
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

/* "csvchart: MESSAGE\n" on stderr. */
void csvchart_cli_error(const char *fmt, ...) CSVCHART_PRINTF(1, 2);
/* "csvchart: warning: MESSAGE\n" on stderr. */
void csvchart_cli_warning(const char *fmt, ...) CSVCHART_PRINTF(1, 2);
/* The error line for a usage error, then "Try 'csvchart [KIND] --help'." */
void csvchart_cli_usage_error(const char *kind, const char *msg);

#endif
