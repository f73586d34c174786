/*
 * job.c - one figure's work, the same for `csvchart bar|timeline|trend` (main.c) and for each
 * figure of `csvchart render` (render.c): with its options set and its output names checked,
 * load the data, render every output into memory, hand the warnings on, and only then write
 * the outputs: each into a temporary file beside it, and only when all of them are written
 * is any put in place ("-" is standard output). So a figure that fails leaves no file behind
 * and no old file clobbered, and an output that cannot be written (a folder of that name, a
 * full disk) leaves the figure's other outputs as they were; a run ended by a signal leaves
 * no temporary file (temps.c). In a batch, the sync and rename of each file are left to the
 * committer thread (commit.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "figure_output.h"

csvchart_status csvchart_cli_figure_job(csvchart_figure *fig, const char *data,
                                        const struct cli_output *outs, size_t n, cli_warn_fn warn,
                                        void *ctx, struct cli_committer *commit,
                                        csvchart_error *commit_err, csvchart_error *err)
{
    void *bytes[CLI_MAX_OUTPUTS] = {0};
    size_t len[CLI_MAX_OUTPUTS] = {0};
    if (n > CLI_MAX_OUTPUTS) {
        return csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                                  "too many outputs (at most %d)", CLI_MAX_OUTPUTS);
    }
    if (csvchart_figure_load_file(fig, data, err)) {
        return err->status;
    }
    for (size_t i = 0; i < n; i++) {
        /* a name says the format and the pixel scale, unless the format is given apart */
        bool named = strcmp(outs[i].path, "-") != 0 && !outs[i].any_name;
        if (csvchart_figure_render_for(fig, named ? outs[i].path : NULL, outs[i].format, &bytes[i],
                                       &len[i], err)) {
            break;
        }
    }
    for (size_t i = 0; warn && i < csvchart_figure_warning_count(fig); i++) {
        warn(ctx, csvchart_figure_warning(fig, i));
    }
    /* Every file written aside first; then standard output; then the names put in place. */
    csvchart_pending_file files[CLI_MAX_OUTPUTS];
    bool begun[CLI_MAX_OUTPUTS] = {false};
    for (size_t i = 0; i < n && !err->status; i++) {
        if (strcmp(outs[i].path, "-") != 0) {
            begun[i] = !csvchart_write_file_begin(outs[i].path, bytes[i], len[i],
                                                  &csvchart_cli_temps, &files[i], err);
        }
    }
    for (size_t i = 0; i < n && !err->status; i++) {
        if (strcmp(outs[i].path, "-") == 0 &&
            (fwrite(bytes[i], 1, len[i], stdout) != len[i] || fflush(stdout) != 0)) {
            csvchart_error_set(err, CSVCHART_ERROR_IO, NULL, 0, 0,
                               "cannot write to standard output");
        }
    }
    for (size_t i = 0; i < n && !err->status && !commit; i++) {
        if (begun[i]) {
            csvchart_write_file_start_sync(&files[i]); /* the outputs' writes overlap */
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (!begun[i]) {
            continue;
        }
        if (err->status) {
            csvchart_error ignored = {0};
            csvchart_write_file_end(&files[i], true, &ignored); /* another output failed */
        } else if (!commit) {
            csvchart_write_file_end(&files[i], false, err);
        } else {
            csvchart_cli_committer_push(commit, &files[i], commit_err);
        }
    }
    for (size_t i = 0; i < n; i++) {
        free(bytes[i]);
    }
    return err->status;
}
