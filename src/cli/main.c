/*
 * main.c - the csvchart command: parse, run, report, and the exit status (cli.h).
 *
 * A figure command sets every option (a bad value: exit 1, an unknown name: exit 2), checks
 * every output name (format, "@Nx", no two naming one file), loads the data, renders each
 * format once into memory and only then writes the files, each atomically - so a failure
 * leaves no file behind and no old file clobbered.
 *
 * Before anything else, main() makes sure descriptors 0-2 are open and installs the handler
 * that removes temporary files on SIGINT, SIGTERM and SIGHUP (temps.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "csvchart.h"
#include "text.h"
#include "theme.h"

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

static int status_exit(csvchart_status st)
{
    return st == CSVCHART_ERROR_UNKNOWN_OPTION ? EXIT_USAGE : EXIT_INPUT;
}

static int report(csvchart_error *err)
{
    csvchart_cli_error("%s", csvchart_error_text(err));
    return status_exit(err->status);
}

static int write_stdout(const void *data, size_t len)
{
    if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
        csvchart_cli_error("cannot write to standard output");
        return EXIT_INPUT;
    }
    return EXIT_OK;
}

static int run_inspect(const struct cli_args *a)
{
    csvchart_error err = {0};
    char *text = NULL;
    if (csvchart_inspect_file(a->data, a->delimiter ? a->delimiter : "auto", &text, &err)) {
        return report(&err);
    }
    int rc = write_stdout(text, strlen(text));
    free(text);
    return rc;
}

/* Two -o naming one file (also spelled differently: x.svg, ./x.svg) or -o - twice: which
 * output would end up in the file would depend on the order of the writes. */
static int same_outputs(const struct cli_args *a)
{
    struct output_key keys[CLI_MAX_OUTPUTS];
    int rc = EXIT_OK;
    for (size_t i = 0; i < a->noutputs; i++) {
        csvchart_output_key_init(&keys[i], a->outputs[i]);
    }
    for (size_t i = 0; i < a->noutputs && rc == EXIT_OK; i++) {
        for (size_t j = 0; j < i && rc == EXIT_OK; j++) {
            bool out_i = strcmp(a->outputs[i], "-") == 0, out_j = strcmp(a->outputs[j], "-") == 0;
            char msg[1200];
            if (out_i && out_j) {
                snprintf(msg, sizeof msg, "-o - is given twice; standard output takes one output");
            } else if (!out_i && !out_j && csvchart_output_key_cmp(&keys[i], &keys[j]) == 0) {
                char qi[500], qj[500];
                snprintf(msg, sizeof msg,
                         "-o %s and -o %s are one file; give each output a file of its own",
                         csvchart_cli_quote(a->outputs[j], qj, sizeof qj),
                         csvchart_cli_quote(a->outputs[i], qi, sizeof qi));
            } else {
                continue;
            }
            csvchart_cli_usage_error(a->kind, msg);
            rc = EXIT_USAGE;
        }
    }
    /* ... nor any of them the file read: "--alt-text d.csv" replaced the data with a sentence
     * and exited 0 (review) */
    const char *inputs[2] = {strcmp(a->data, "-") != 0 ? a->data : NULL, NULL};
    for (size_t i = 0; i < a->noptions; i++) {
        if (strcmp(a->options[i].name, "theme") == 0 &&
            csvchart_theme_is_file(a->options[i].value)) {
            inputs[1] = a->options[i].value;
        }
    }
    for (size_t k = 0; k < 2 && rc == EXIT_OK; k++) {
        if (!inputs[k]) {
            continue;
        }
        struct output_key in;
        csvchart_output_key_init(&in, inputs[k]);
        for (size_t i = 0; i < a->noutputs && rc == EXIT_OK; i++) {
            if (strcmp(a->outputs[i], "-") != 0 && csvchart_output_key_cmp(&keys[i], &in) == 0) {
                char msg[1200], qo[500];
                snprintf(msg, sizeof msg,
                         "%s %s is the %s it reads; give the output a name of its own",
                         a->alt_text[i] ? "--alt-text" : "-o",
                         csvchart_cli_quote(a->outputs[i], qo, sizeof qo),
                         k == 0 ? "data" : "theme file");
                csvchart_cli_usage_error(a->kind, msg);
                rc = EXIT_USAGE;
            }
        }
        csvchart_output_key_fini(&in);
    }
    for (size_t i = 0; i < a->noutputs; i++) {
        csvchart_output_key_fini(&keys[i]);
    }
    return rc;
}

static void warn_line(void *ctx, const char *warning)
{
    (void)ctx;
    csvchart_cli_warning("%s", warning);
}

static int run_figure(const struct cli_args *a)
{
    csvchart_error err = {0};
    int rc = EXIT_OK;
    csvchart_format formats[CLI_MAX_OUTPUTS];

    csvchart_figure *fig = csvchart_figure_new(a->kind, &err);
    if (!fig) {
        return report(&err);
    }
    for (size_t i = 0; i < a->noptions; i++) {
        if (csvchart_set(fig, a->options[i].name, a->options[i].value, &err)) {
            rc = report(&err);
            goto done;
        }
    }
    /* Every output name is checked before anything is read or drawn. */
    for (size_t i = 0; i < a->noutputs; i++) {
        const char *out = a->outputs[i];
        if (a->alt_text[i]) {
            formats[i] = CSVCHART_FORMAT_TXT; /* whatever the name: "fig.alt", "-" */
        } else if (strcmp(out, "-") == 0) {
            formats[i] = csvchart_format_from_name(a->format);
            if (formats[i] == CSVCHART_FORMAT_AUTO) {
                csvchart_cli_usage_error(a->kind,
                                         a->format ? "--format must be png, svg, pdf, scene or txt"
                                                   : "-o - needs --format png, svg, pdf, "
                                                     "scene or txt");
                rc = EXIT_USAGE;
                goto done;
            }
        } else {
            formats[i] = csvchart_format_from_path(out);
            if (csvchart_output_check(out, &err)) {
                rc = report(&err);
                goto done;
            }
            /* --format names the format of -o -; with a named output it must agree with the
             * extension (-o y.png --format svg wrote a PNG without a word). */
            csvchart_format asked = csvchart_format_from_name(a->format);
            if (a->format && asked != formats[i]) {
                char msg[700], q[500];
                snprintf(msg, sizeof msg, "--format %s contradicts -o %s%s", a->format,
                         csvchart_cli_quote(out, q, sizeof q),
                         asked == CSVCHART_FORMAT_AUTO
                             ? "; --format takes png, svg, pdf, scene or txt"
                             : "; name the file for its format, or drop --format");
                csvchart_cli_usage_error(a->kind, msg);
                rc = EXIT_USAGE;
                goto done;
            }
        }
    }
    if ((rc = same_outputs(a)) != EXIT_OK) {
        goto done;
    }
    struct cli_output outs[CLI_MAX_OUTPUTS];
    for (size_t i = 0; i < a->noutputs; i++) {
        outs[i] = (struct cli_output){a->outputs[i], formats[i], a->alt_text[i]};
    }
    if (csvchart_cli_figure_job(fig, a->data, outs, a->noutputs, a->quiet ? NULL : warn_line, NULL,
                                NULL, NULL, &err)) {
        rc = report(&err);
    }
done:
    csvchart_figure_free(fig);
    return rc;
}

/*
 * Makes sure descriptors 0, 1 and 2 are open, on /dev/null where one was closed: otherwise the
 * first file we open takes that number, and a library writing to stderr (a GLib warning from
 * a rendering thread) would write into an output being written, behind a PNG's IEND. Returns
 * false when /dev/null cannot be opened; *closed[fd] says which were closed.
 */
static bool standard_fds(bool closed[3])
{
    for (int fd = 0; fd < 3; fd++) {
        closed[fd] = fcntl(fd, F_GETFD) < 0 && errno == EBADF;
        if (!closed[fd]) {
            continue;
        }
        int n = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
        if (n < 0) {
            return false;
        }
        if (n != fd) { // descriptors below fd are open, so n == fd; be sure anyway
            int ok = dup2(n, fd);
            close(n);
            if (ok < 0) {
                return false;
            }
        }
    }
    return true;
}

/* Does the command write to standard output? */
static bool uses_stdout(const struct cli_args *a)
{
    switch (a->command) {
    case CMD_HELP:
    case CMD_VERSION:
    case CMD_INSPECT:
        return true;
    case CMD_RENDER:
        return a->render.list || a->render.make_rules;
    case CMD_FIGURE:
        for (size_t i = 0; i < a->noutputs; i++) {
            if (strcmp(a->outputs[i], "-") == 0) {
                return true;
            }
        }
        return false;
    case CMD_NONE:
        break;
    }
    return false;
}

int main(int argc, char **argv)
{
    csvchart_cli_heap_prepare();
    bool closed[3];
    if (!standard_fds(closed)) {
        return EXIT_INPUT; // not even /dev/null: there is no way to say anything
    }
    csvchart_cli_temps_install();
    /* This process owns fontconfig: fonts come from the per-family cache (text.h), and
     * fontconfig's XML is parsed only when a cache is made. */
    csvchart_text_fonts_claim_process();
    struct cli_args a;
    char msg[512];
    if (csvchart_cli_parse(argc, argv, &a, msg, sizeof msg) != CLI_PARSE_OK) {
        csvchart_cli_usage_error(a.kind, msg);
        return EXIT_USAGE;
    }
    /* What goes to a closed standard output would be lost without a word: refuse. */
    if (closed[1] && uses_stdout(&a)) {
        csvchart_cli_error("cannot write to standard output: it is closed");
        return EXIT_INPUT;
    }
    int rc = EXIT_OK;
    switch (a.command) {
    case CMD_HELP:
        csvchart_cli_help(stdout, a.kind);
        break;
    case CMD_VERSION:
        printf("csvchart %s\n", csvchart_version());
        break;
    case CMD_INSPECT:
        rc = run_inspect(&a);
        break;
    case CMD_FIGURE:
        rc = run_figure(&a);
        break;
    case CMD_RENDER:
        rc = a.render.watch || a.render.html ? csvchart_cli_watch(&a.render)
                                             : csvchart_cli_render(&a.render);
        break;
    case CMD_NONE:
        break;
    }
    if (fclose(stdout) != 0 && rc == EXIT_OK) {
        csvchart_cli_error("cannot write to standard output");
        rc = EXIT_INPUT;
    }
    return rc;
}
