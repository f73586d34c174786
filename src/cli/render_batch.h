/*
 * render_batch.h - the batch of `csvchart render` (render.c), shared with its planning step
 * (render_plan.c): one struct job per figure, planned, then taken by a worker thread, and the
 * struct batch that holds them.
 */
#ifndef CSVCHART_RENDER_BATCH_H
#define CSVCHART_RENDER_BATCH_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "batch.h"

#define MAX_OUTPUTS 16

struct job {
    const struct ini_section *sec;
    const struct ini_section *defaults; /* the file's [defaults], for where an error is */
    const char *doc_path;               /* the INI file's path, as messages name it */
    char kind[16];
    char *data;                 /* the CSV path as opened (INI folder + data) */
    char *theme;                /* a house theme's path (INI folder + theme), or NULL */
    char *outputs[MAX_OUTPUTS]; /* out-dir + name */
    size_t noutputs;
    bool planned; /* planning found no error */
    /* results, written by the worker that took the job */
    char *messages; /* newline-separated, each "csvchart: ..." */
    size_t mlen, mcap;
    bool failed;
    csvchart_error commit_err; /* of putting its outputs in place (the committer's) */
    /* for render_args's report (--html, --watch) */
    char *title, *alt;
    double width, height, dpi;
};

struct batch {
    const struct render_args *a;
    const struct ini_doc *doc;
    struct job *jobs;
    size_t njobs;
    atomic_size_t next;
    struct cli_committer *commit; /* syncs and renames the outputs; NULL: the workers do */
};

/* render.c: the figure failed; err's text joins its messages. */
void csvchart_batch_job_fail(struct job *j, csvchart_error *err);

/* render_plan.c */
/* The entry `key` of section s, or NULL. */
const struct ini_entry *csvchart_batch_entry(const struct ini_section *s, const char *key);
/* Step 2 for one figure: kind, data, theme, outputs; errors go to the job's messages and leave
 * j->planned false. */
void csvchart_batch_plan(struct batch *b, struct job *j);
/* Two outputs that are one file, or the depfile among them: a message for each later writer,
 * in INI order; true when there was one. */
bool csvchart_batch_find_clashes(struct batch *b);
/* A name (the INI file; with folder, --out-dir) that make syntax holds, when a depfile or make
 * rules are asked for; false after an error message. */
bool csvchart_batch_make_name_ok(const struct render_args *a, const char *what, const char *name,
                                 bool folder);

#endif
