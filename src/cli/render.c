/*
 * render.c - `csvchart render FIGURES.ini`: many figures, in parallel, for build systems.
 *
 *   1. read the INI (ini.c); choose the figures (--only, --shard);
 *   2. plan every figure before drawing anything: kind, data path (relative to the INI
 *      file's folder), outputs (relative to --out-dir; names that climb out of it, through
 *      ".." or a symbolic link, an unsupported "@Nx", names that make syntax cannot hold when
 *      a depfile or make rules are asked for, and two outputs that are one file however
 *      spelled are refused here, so a bad INI renders nothing: render_plan.c);
 *   3. render the figures on --jobs threads, each figure on its own (a csvchart_figure per
 *      figure; the library keeps no shared state), every message kept with its figure; one
 *      more thread syncs each output and renames it into place (commit.c);
 *   4. print the messages in INI order (deterministic whatever the scheduling), the depfile
 *      and the summary "rendered N, failed M: names".
 * A broken figure fails alone: the others are rendered, the exit status is 1.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "render_batch.h"

#include "array.h"
#include "batch.h"
#include "cores.h"
#include "figure.h"
#include "render.h"
#include "cli.h"
#include "error.h"
#include "figure.h"
#include "make_syntax.h"
#include "scene.h"
#include "theme.h"

CSVCHART_PRINTF(2, 3)
static void job_say(struct job *j, const char *fmt, ...)
{
    char line[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    size_t n = strlen(line);
    if (!csvchart_array_reserve((void **)&j->messages, &j->mcap, j->mlen + n + 2, 1)) {
        return;
    }
    memcpy(j->messages + j->mlen, line, n);
    j->mlen += n;
    j->messages[j->mlen++] = '\n';
    j->messages[j->mlen] = '\0';
}

/* The entry of the figure's section, else of [defaults], set with `key` (NULL: none). */
static const struct ini_entry *entry_of(const struct job *j, const char *key, size_t len)
{
    const struct ini_section *secs[] = {j->sec, j->defaults};
    for (size_t k = 0; k < 2; k++) {
        for (size_t i = 0; secs[k] && i < secs[k]->len; i++) {
            const struct ini_entry *e = &secs[k]->entries[i];
            if (strlen(e->key) == len && strncmp(e->key, key, len) == 0) {
                return e;
            }
        }
    }
    return NULL;
}

/*
 * Where in the INI file an error of a figure is, FILE:LINE:COL as the CSV's errors have it:
 *   - an error on a line of the section or of [defaults] without a column gets that line's
 *     value's column (its key's, for an unknown option);
 *   - one found later about an option's value ("highlight: no category named ...", or a
 *     sentence starting with an option set in the figure, "stack cannot be drawn on a log
 *     axis", without a file) gets the position of that option's value;
 *   - one about the data file as a whole (it cannot be opened; "no column named "vote" (y)")
 *     gets the position of `data`, or of the option named in parentheses, and keeps the
 *     file's name in front of its message.
 */
static void add_position(const struct job *j, csvchart_error *err)
{
    const struct ini_entry *e = NULL;
    if (err->file[0] && strcmp(err->file, j->doc_path) == 0) {
        const struct ini_section *secs[] = {j->sec, j->defaults};
        for (size_t k = 0; k < 2 && err->line && !err->column && !e; k++) {
            for (size_t i = 0; secs[k] && i < secs[k]->len && !e; i++) {
                e = secs[k]->entries[i].line == err->line ? &secs[k]->entries[i] : NULL;
            }
        }
        if (e) {
            err->column = err->status == CSVCHART_ERROR_UNKNOWN_OPTION ? e->key_col : e->value_col;
        }
        return;
    }
    if (err->line) {
        return; /* a cell of the data: its own position */
    }
    if (!err->file[0]) {
        /* "rule: ...", or a sentence about an option ("stack cannot be drawn on a log axis":
         * review, no position) - where the figure sets it */
        size_t n = strspn(err->message, "abcdefghijklmnopqrstuvwxyz_");
        e = n && (err->message[n] == ':' || err->message[n] == ' ') ? entry_of(j, err->message, n)
                                                                    : NULL;
    } else if (j->data && strcmp(err->file, j->data) == 0) {
        const char *open = strstr(err->message, " (");
        const char *close = open ? strchr(open + 2, ')') : NULL;
        e = close ? entry_of(j, open + 2, (size_t)(close - open - 2)) : NULL;
        e = e ? e : entry_of(j, "data", 4);
        char message[sizeof err->file + sizeof err->message + 2];
        snprintf(message, sizeof message, "%s: %s", err->file, err->message);
        if (e) { /* cut at the buffer's end, as csvchart_error_set() does */
            size_t n =
                strlen(message) < sizeof err->message ? strlen(message) : sizeof err->message - 1;
            memcpy(err->message, message, n);
            err->message[n] = '\0';
        }
    }
    if (e) {
        snprintf(err->file, sizeof err->file, "%s", j->doc_path);
        err->line = e->line;
        err->column = e->value_col;
    }
}

void csvchart_batch_job_fail(struct job *j, csvchart_error *err)
{
    j->failed = true;
    if (j->doc_path) {
        add_position(j, err);
    }
    job_say(j, "csvchart: %s (figure \"%s\")", csvchart_error_text(err), j->sec->name);
}

/* Sets the options of one section on a figure; false after an error (reported). */
static bool set_options(struct job *j, csvchart_figure *fig, const struct ini_section *s,
                        const char *ini, bool defaults)
{
    for (size_t i = 0; i < s->len; i++) {
        const struct ini_entry *e = &s->entries[i];
        if (strcmp(e->key, "kind") == 0 || strcmp(e->key, "data") == 0 ||
            strcmp(e->key, "outputs") == 0) {
            continue;
        }
        /* [defaults] may hold options of other kinds: they apply where they can */
        if (defaults && csvchart_option_find(e->key) != (size_t)-1 &&
            !csvchart_option_applies(csvchart_option_find(e->key), j->kind)) {
            continue;
        }
        csvchart_error err = {0};
        const char *value = strcmp(e->key, "theme") == 0 && j->theme ? j->theme : e->value;
        if (csvchart_set_at(fig, e->key, value, ini, e->line, &err)) {
            csvchart_batch_job_fail(j, &err);
            return false;
        }
    }
    return true;
}

static void job_warn(void *ctx, const char *warning)
{
    struct job *j = ctx;
    job_say(j, "csvchart: warning: %s (figure \"%s\")", warning, j->sec->name);
}

/* Step 3, one figure. */
static void render_one(struct batch *b, struct job *j, const csvchart_text_measurer *text)
{
    const char *ini = b->doc->path;
    csvchart_error err = {0};
    csvchart_figure *fig = csvchart_figure_new(j->kind, &err);
    if (!fig) {
        csvchart_batch_job_fail(j, &err);
        return;
    }
    if (text) {
        csvchart_figure_set_measurer(fig, text);
    }
    if (!set_options(j, fig, &b->doc->defaults, ini, true) ||
        !set_options(j, fig, j->sec, ini, false)) {
        goto done;
    }
    struct cli_output outs[MAX_OUTPUTS];
    for (size_t i = 0; i < j->noutputs; i++) {
        outs[i] = (struct cli_output){j->outputs[i], CSVCHART_FORMAT_AUTO, false};
    }
    if (csvchart_cli_figure_job(fig, j->data, outs, j->noutputs, b->a->quiet ? NULL : job_warn, j,
                                b->commit, &j->commit_err, &err)) {
        csvchart_batch_job_fail(j, &err);
        goto done;
    }
    if (b->a->report) {
        const struct csvchart_scene *sc = csvchart_figure_scene(fig, &err);
        if (sc) {
            j->title = csvchart_strdup(sc->title ? sc->title : "");
            j->alt = csvchart_strdup(sc->alt ? sc->alt : "");
            j->width = sc->width;
            j->height = sc->height;
        }
    }
done:
    csvchart_figure_free(fig);
}

/*
 * A worker renders figures one after another with one text measurer of its own: fonts are
 * loaded and sorted once per thread instead of once per figure, and a string measured for
 * one figure is not shaped again for the next (the measurer's cache, text_pango.c). What a
 * figure measures does not depend on what was measured before (the cache holds what
 * measuring gives), so the outputs are those of a figure rendered alone.
 */
static void *worker(void *arg)
{
    struct batch *b = arg;
    csvchart_text_measurer *text = csvchart_text_pango_new(); // NULL: each figure its own
    for (;;) {
        size_t i = atomic_fetch_add(&b->next, 1);
        if (i >= b->njobs) {
            break;
        }
        if (b->jobs[i].planned) {
            render_one(b, &b->jobs[i], text);
        }
    }
    csvchart_text_pango_free(text);
    return NULL;
}

/* A worker of its own thread: its arena on a huge page first (main() did the main thread's). */
static void *thread_worker(void *arg)
{
    csvchart_cli_heap_prepare_thread();
    return worker(arg);
}

/* A figure's rule head: "OUTPUTS SEP INI DATA [THEME]", each name in make syntax. */
static void put_rule_head(FILE *f, const struct batch *b, const struct job *j, const char *sep)
{
    for (size_t k = 0; k < j->noutputs; k++) {
        fputs(k ? " " : "", f);
        csvchart_make_put_name(f, j->outputs[k]);
    }
    fputs(sep, f);
    csvchart_make_put_name(f, b->doc->path);
    fputc(' ', f);
    csvchart_make_put_name(f, j->data);
    if (j->theme) {
        fputc(' ', f);
        csvchart_make_put_name(f, j->theme);
    }
}

static int write_depfile(const struct batch *b)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f) {
        csvchart_cli_error("%s: cannot write the depfile: out of memory", b->a->depfile);
        return 1;
    }
    for (size_t i = 0; i < b->njobs; i++) {
        const struct job *j = &b->jobs[i];
        if (!j->planned) {
            continue;
        }
        put_rule_head(f, b, j, ": ");
        fputc('\n', f);
    }
    fclose(f);
    csvchart_error err = {0};
    int rc = 0;
    if (csvchart_write_file_tracked(b->a->depfile, text, len, &csvchart_cli_temps, &err)) {
        csvchart_cli_error("%s", csvchart_error_text(&err));
        rc = 1;
    }
    free(text);
    return rc;
}

/*
 * A Makefile fragment: one rule per figure, its outputs a grouped target (GNU make 4.3 "&:")
 * depending on the INI file, the figure's CSV and its house theme, so make re-renders exactly the
 * figures whose data changed. Include it from a Makefile (see examples/Makefile). Every name was
 * checked by csvchart_make_name_ok() (in csvchart_batch_plan() and csvchart_cli_render()); in the
 * recipe each word is quoted for the shell, so no name can become make or shell syntax.
 */
static void print_make_rules(const struct batch *b)
{
    const char *self = b->a->self ? b->a->self : "csvchart";
    printf("# Generated by: csvchart render ");
    csvchart_make_put_name(stdout, b->doc->path);
    printf(" --out-dir ");
    csvchart_make_put_name(stdout, b->a->out_dir);
    printf(" --make-rules\n");
    for (size_t i = 0; i < b->njobs; i++) {
        const struct job *j = &b->jobs[i];
        if (!j->planned) {
            continue;
        }
        put_rule_head(stdout, b, j, " &: ");
        fputs("\n\t", stdout);
        csvchart_make_put_shell_word(stdout, self);
        fputs(" render ", stdout);
        csvchart_make_put_shell_word(stdout, b->doc->path);
        fputs(" --out-dir ", stdout);
        csvchart_make_put_shell_word(stdout, b->a->out_dir);
        fputs(" --only ", stdout);
        csvchart_make_put_shell_word(stdout, j->sec->name);
        fputc('\n', stdout);
    }
    printf("CSVCHART_FIGURES :=");
    for (size_t i = 0; i < b->njobs; i++) {
        const struct job *j = &b->jobs[i];
        for (size_t k = 0; j->planned && k < j->noutputs; k++) {
            fputc(' ', stdout);
            csvchart_make_put_name(stdout, j->outputs[k]);
        }
    }
    printf("\n");
}

/*
 * Creates --out-dir and the folders of every planned output (and of the depfile) before
 * anything is rendered; a figure whose folder cannot be made fails alone.
 */
static void make_folders(struct batch *b)
{
    char where[1024];
    for (size_t i = 0; i < b->njobs; i++) {
        struct job *j = &b->jobs[i];
        for (size_t k = 0; j->planned && k < j->noutputs; k++) {
            int rc = csvchart_cli_make_folders(b->a->out_dir, j->outputs[k], where, sizeof where);
            if (rc == 0) {
                continue;
            }
            csvchart_error err = {0};
            if (rc > 0) {
                csvchart_error_set(&err, CSVCHART_ERROR_DATA, j->outputs[k], 0, 0,
                                   "leaves the output folder through a symbolic link (its "
                                   "folder is %s); write it into a folder inside %s",
                                   where, b->a->out_dir);
            } else {
                csvchart_error_set(&err, CSVCHART_ERROR_IO, j->outputs[k], 0, 0,
                                   "cannot create its folder: %s", strerror(errno));
            }
            csvchart_batch_job_fail(j, &err);
            j->planned = false;
        }
    }
    if (b->a->depfile && csvchart_cli_make_folders("", b->a->depfile, where, sizeof where) < 0) {
        csvchart_cli_error("%s: cannot create its folder: %s", b->a->depfile, strerror(errno));
    }
}

/* The value of a figure's key, from its section or [defaults], or `def`. */
static const char *value_of(const struct batch *b, const struct ini_section *s, const char *key,
                            const char *def)
{
    const struct ini_entry *e = csvchart_batch_entry(s, key);
    e = e ? e : csvchart_batch_entry(&b->doc->defaults, key);
    return e ? e->value : def;
}

/* Tells render_args's listener what became of each figure, in INI order. */
static void report_jobs(const struct batch *b)
{
    for (size_t i = 0; i < b->njobs; i++) {
        const struct job *j = &b->jobs[i];
        const char *dpi = value_of(b, j->sec, "dpi", ""),
                   *scale = value_of(b, j->sec, "scale", "1");
        struct figure_report r = {
            .name = j->sec->name,
            .kind = j->kind,
            .outputs = (const char *const *)j->outputs,
            .noutputs = j->noutputs,
            .messages = j->messages ? j->messages : "",
            .failed = j->failed || !j->planned,
            .title = j->title ? j->title : value_of(b, j->sec, "title", ""),
            .alt = j->alt ? j->alt : "",
            .theme = value_of(b, j->sec, "theme", "light"),
            .width = j->width,
            .height = j->height,
            .dpi = *dpi ? strtod(dpi, NULL) : 96.0 * strtod(scale, NULL),
        };
        b->a->report(b->a->report_ctx, &r);
    }
}

/* Is figure `name` among the comma-separated --only list? */
bool csvchart_cli_in_list(const char *list, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = list; *p;) {
        size_t k = strcspn(p, ",");
        if (k == n && strncmp(p, name, n) == 0) {
            return true;
        }
        p += k + (p[k] == ',');
    }
    return false;
}

static int cpu_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

int csvchart_cli_render(const struct render_args *a)
{
    struct ini_doc doc;
    csvchart_error err = {0};
    char q[600];
    if (!csvchart_batch_make_name_ok(a, "INI file", a->ini, false) ||
        (*a->out_dir && !csvchart_batch_make_name_ok(a, "--out-dir", a->out_dir, true))) {
        return 1;
    }
    if (a->make_rules && a->self && !csvchart_make_word_ok(a->self)) {
        csvchart_cli_error("the command's own path %s cannot go into a make recipe: it holds a "
                           "line break",
                           csvchart_cli_quote(a->self, q, sizeof q));
        return 1;
    }
    if (a->list && (strpbrk(a->ini, "\t\n\r") || strpbrk(a->out_dir, "\t\n\r"))) {
        csvchart_cli_error(
            "%s cannot be listed: --list separates fields with tabs and lines",
            csvchart_cli_quote(strpbrk(a->ini, "\t\n\r") ? a->ini : a->out_dir, q, sizeof q));
        return 1;
    }
    if (csvchart_ini_load(a->ini, &doc, &err)) {
        csvchart_cli_error("%s", csvchart_error_text(&err));
        return 1;
    }
    struct batch b = {.a = a, .doc = &doc};
    b.jobs = calloc(doc.len, sizeof *b.jobs);
    if (!b.jobs) {
        csvchart_cli_error("out of memory");
        csvchart_ini_free(&doc);
        return 1;
    }
    /* --only names must exist */
    if (a->only) {
        for (const char *p = a->only; *p;) {
            size_t k = strcspn(p, ",");
            bool found = false;
            for (size_t i = 0; i < doc.len; i++) {
                found = found || (strlen(doc.figures[i].name) == k &&
                                  strncmp(doc.figures[i].name, p, k) == 0);
            }
            if (!found) {
                csvchart_cli_error("--only: no figure [%.*s] in %s", (int)k, p, a->ini);
                free(b.jobs);
                csvchart_ini_free(&doc);
                return 1;
            }
            p += k + (p[k] == ',');
        }
    }
    for (size_t i = 0; i < doc.len; i++) {
        if (a->only && !csvchart_cli_in_list(a->only, doc.figures[i].name)) {
            continue;
        }
        if (a->shard_count && (int)(i % (size_t)a->shard_count) != a->shard_index - 1) {
            continue;
        }
        b.jobs[b.njobs].defaults = &doc.defaults;
        b.jobs[b.njobs].doc_path = doc.path;
        b.jobs[b.njobs++].sec = &doc.figures[i];
    }
    for (size_t i = 0; i < b.njobs; i++) {
        csvchart_batch_plan(&b, &b.jobs[i]);
    }
    bool clash = csvchart_batch_find_clashes(&b);
    int rc = 0;
    if (a->list && !clash) {
        /* --list and --make-rules print what build scripts use: a figure that cannot be
         * planned is missing there, so the command fails (after printing the others). */
        for (size_t i = 0; i < b.njobs; i++) {
            const struct job *j = &b.jobs[i];
            if (!j->planned) {
                continue;
            }
            printf("%s\t%s", j->sec->name, j->data);
            for (size_t k = 0; k < j->noutputs; k++) {
                printf("\t%s", j->outputs[k]);
            }
            printf("\n");
        }
    } else if (a->make_rules && !clash) {
        print_make_rules(&b);
    } else if (!clash) {
        make_folders(&b);
        int jobs = a->jobs ? a->jobs : cpu_count();
        /* A figure takes a second thread only from an idle worker. */
        csvchart_cores_set_budget(jobs);
        if ((size_t)jobs > b.njobs) {
            jobs = b.njobs ? (int)b.njobs : 1;
        }
        /* the disk's waits are the committer's; with one figure, there is nothing to overlap */
        b.commit = b.njobs > 1 ? csvchart_cli_committer_start() : NULL;
        pthread_t threads[256];
        int started = 0;
        for (; started < jobs - 1; started++) {
            if (pthread_create(&threads[started], NULL, thread_worker, &b) != 0) {
                break; /* fewer threads: the rest is done by those running */
            }
        }
        worker(&b);
        for (int t = 0; t < started; t++) {
            pthread_join(threads[t], NULL);
        }
        csvchart_cli_committer_end(b.commit);
        for (size_t i = 0; i < b.njobs; i++) {
            if (b.jobs[i].commit_err.status && !b.jobs[i].failed) {
                csvchart_batch_job_fail(&b.jobs[i], &b.jobs[i].commit_err);
            }
        }
    }
    if (a->report && !a->list && !a->make_rules && !clash) {
        report_jobs(&b); /* (with a clash nothing was drawn, and no page is written) */
    }
    size_t failed = 0, rendered = 0;
    char names[1024] = "";
    for (size_t i = 0; i < b.njobs; i++) {
        struct job *j = &b.jobs[i];
        if (j->messages) {
            fputs(j->messages, stderr);
        }
        if (j->failed || !j->planned) {
            size_t used = strlen(names);
            snprintf(names + used, sizeof names - used, "%s%s", failed ? ", " : "", j->sec->name);
            failed++;
        } else {
            rendered++;
        }
    }
    if (clash) {
        rc = 1;
    } else if (a->list || a->make_rules) {
        if (failed) {
            csvchart_cli_error("listed %zu, failed %zu: %s", rendered, failed, names);
            rc = 1;
        }
    } else {
        if (a->depfile) {
            rc = write_depfile(&b);
        }
        if (failed) {
            if (!a->report) {
                csvchart_cli_error("rendered %zu, failed %zu: %s", rendered, failed, names);
            }
            rc = 1;
        } else if (!a->report && !a->quiet) {
            fprintf(stderr, "csvchart: rendered %zu\n", rendered);
        }
    }
    for (size_t i = 0; i < b.njobs; i++) {
        free(b.jobs[i].data);
        free(b.jobs[i].theme);
        free(b.jobs[i].messages);
        free(b.jobs[i].title);
        free(b.jobs[i].alt);
        for (size_t k = 0; k < b.jobs[i].noutputs; k++) {
            free(b.jobs[i].outputs[k]);
        }
    }
    free(b.jobs);
    csvchart_ini_free(&doc);
    return rc;
}
