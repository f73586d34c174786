/*
 * main.c - the csvchart command: parse, run, report, and the exit status (cli.h).
 *
 * A figure command sets every option (a bad value: exit 1, an unknown name: exit 2), loads
 * the data, checks every output name, renders each format once into memory and only then
 * writes the files, each atomically - so a failure leaves no file behind and no old file
 * clobbered.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "csvchart.h"

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

static int run_figure(const struct cli_args *a)
{
    csvchart_error err = {0};
    int rc = EXIT_OK;
    void *data[CLI_MAX_OUTPUTS] = {0};
    size_t len[CLI_MAX_OUTPUTS] = {0};
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
        if (strcmp(out, "-") == 0) {
            formats[i] = csvchart_format_from_name(a->format);
            if (formats[i] == CSVCHART_FORMAT_AUTO) {
                csvchart_cli_usage_error(a->kind, a->format
                                                      ? "--format must be png, svg, pdf or scene"
                                                      : "-o - needs --format png, svg, pdf or "
                                                        "scene");
                rc = EXIT_USAGE;
                goto done;
            }
        } else {
            formats[i] = csvchart_format_from_path(out);
            if (formats[i] == CSVCHART_FORMAT_AUTO) {
                csvchart_cli_error("%s: unknown output format; expected a name ending in .png, "
                                   ".svg, .pdf or .scene",
                                   out);
                rc = EXIT_INPUT;
                goto done;
            }
        }
    }
    if (csvchart_figure_load_file(fig, a->data, &err)) {
        rc = report(&err);
        goto done;
    }
    for (size_t i = 0; i < a->noutputs; i++) {
        const char *name = strcmp(a->outputs[i], "-") == 0 ? NULL : a->outputs[i];
        if (csvchart_figure_render_for(fig, name, formats[i], &data[i], &len[i], &err)) {
            break;
        }
    }
    for (size_t i = 0; i < csvchart_figure_warning_count(fig); i++) {
        csvchart_cli_warning("%s", csvchart_figure_warning(fig, i));
    }
    if (err.status) {
        rc = report(&err);
        goto done;
    }
    for (size_t i = 0; i < a->noutputs && rc == EXIT_OK; i++) {
        if (strcmp(a->outputs[i], "-") == 0) {
            rc = write_stdout(data[i], len[i]);
        } else if (csvchart_write_file(a->outputs[i], data[i], len[i], &err)) {
            rc = report(&err);
        }
    }
done:
    for (size_t i = 0; i < a->noutputs; i++) {
        free(data[i]);
    }
    csvchart_figure_free(fig);
    return rc;
}

int main(int argc, char **argv)
{
    struct cli_args a;
    char msg[512];
    if (csvchart_cli_parse(argc, argv, &a, msg, sizeof msg) != CLI_PARSE_OK) {
        csvchart_cli_usage_error(a.kind, msg);
        return EXIT_USAGE;
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
        rc = csvchart_cli_render(&a.render);
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
