/*
 * render_plan.c - step 2 of `csvchart render` (render.c): every figure planned before any is
 * drawn, so that a bad INI renders nothing.
 *
 * For each figure: its kind, its data path (relative to the INI file's folder), its theme, and
 * its outputs (relative to --out-dir). Refused here, each with a message kept with its figure:
 * names that climb out of the out-dir (through ".." or a symbolic link), an unsupported "@Nx",
 * names that make syntax cannot hold when a depfile or make rules are asked for; and across
 * figures, two outputs that are one file however spelled (csvchart_batch_find_clashes(): the
 * outputs sorted by their file's identity, output.c). Shares struct batch and struct job with
 * render.c (render_batch.h).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "render_batch.h"

#include "array.h"
#include "cli.h"
#include "error.h"
#include "make_syntax.h"
#include "theme.h"

const struct ini_entry *csvchart_batch_entry(const struct ini_section *s, const char *key)
{
    for (size_t i = 0; i < s->len; i++) {
        if (strcmp(s->entries[i].key, key) == 0) {
            return &s->entries[i];
        }
    }
    return NULL;
}

/* True for an output name that stays inside the out-dir: relative, no ".." component. */
static bool stays_inside(const char *name)
{
    if (name[0] == '/' || !*name) {
        return false;
    }
    for (const char *p = name; *p;) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        if (n == 2 && p[0] == '.' && p[1] == '.') {
            return false;
        }
        p += n + (slash != NULL);
    }
    return true;
}

static char *join(const char *dir, size_t dirlen, const char *name)
{
    /* "out/" and "a.png" are "out/a.png", as make spells the target (review: "out//a.png"
     * matched no rule); "/" stays the root */
    while (dirlen > 1 && dir[dirlen - 1] == '/') {
        dirlen--;
    }
    if (dirlen == 1 && dir[0] == '/') {
        size_t n = strlen(name);
        char *s = malloc(n + 2);
        if (s) {
            snprintf(s, n + 2, "/%s", name);
        }
        return s;
    }
    size_t n = strlen(name);
    char *s = malloc(dirlen + n + 2);
    if (s) {
        if (dirlen) {
            snprintf(s, dirlen + n + 2, "%.*s/%s", (int)dirlen, dir, name);
        } else {
            memcpy(s, name, n + 1);
        }
    }
    return s;
}

/*
 * The output name that starts at p (not blank) into name; returns where the next one may
 * start. Names are separated by blanks; double quotes keep blanks, as in a shell
 * (`"lab report.png"`, `"lab report".svg`), and `""` inside quotes is one quote. The INI
 * reader has checked that every quote is closed. A name longer than `size` is cut, and then
 * refused as an unknown format or a name that cannot be written.
 */
static const char *output_word(const char *p, char *name, size_t size)
{
    size_t o = 0;
    bool inq = false;
    for (; *p && (inq || (*p != ' ' && *p != '\t')); p++) {
        if (*p == '"') {
            if (inq && p[1] == '"') {
                p++; // "" inside quotes: one quote, kept below
            } else {
                inq = !inq;
                continue;
            }
        }
        if (o + 1 < size) {
            name[o++] = *p;
        }
    }
    name[o] = '\0';
    return p;
}

/* Step 2: kind, data, outputs of one figure. Errors go to the job's messages. */
void csvchart_batch_plan(struct batch *b, struct job *j)
{
    const char *ini = b->doc->path;
    const struct ini_section *s = j->sec;
    csvchart_error err = {0};
    const struct ini_entry *kind = csvchart_batch_entry(s, "kind"),
                           *data = csvchart_batch_entry(s, "data");
    const struct ini_entry *outs = csvchart_batch_entry(s, "outputs");
    if (!kind) {
        kind = csvchart_batch_entry(&b->doc->defaults, "kind");
    }
    if (!data) {
        data = csvchart_batch_entry(&b->doc->defaults, "data");
    }
    if (!kind || !data) {
        csvchart_error_set(&err, CSVCHART_ERROR_DATA, ini, s->line, 1,
                           "[%s] needs %s%s%s (e.g. kind = bar, data = prices.csv)", s->name,
                           kind ? "" : "kind", !kind && !data ? " and " : "", data ? "" : "data");
        csvchart_batch_job_fail(j, &err);
        return;
    }
    if (strcmp(kind->value, "bar") != 0 && strcmp(kind->value, "timeline") != 0 &&
        strcmp(kind->value, "trend") != 0) {
        csvchart_error_set(&err, CSVCHART_ERROR_DATA, ini, kind->line, kind->value_col,
                           "kind \"%s\" is not a figure kind; expected bar, timeline or trend",
                           kind->value);
        csvchart_batch_job_fail(j, &err);
        return;
    }
    if (strcmp(data->value, "-") == 0) {
        /* standard input: the first figure took it all and the next found it empty, and make
         * rules named a file "-" (review) */
        csvchart_error_set(&err, CSVCHART_ERROR_DATA, ini, data->line, data->value_col,
                           "data \"-\" would read standard input, which the figures of a batch "
                           "cannot share; name the CSV file (\"./-\" for a file named \"-\")");
        csvchart_batch_job_fail(j, &err);
        return;
    }
    snprintf(j->kind, sizeof j->kind, "%s", kind->value);
    const char *slash = strrchr(ini, '/');
    j->data = data->value[0] == '/' ? csvchart_strdup(data->value)
                                    : join(ini, slash ? (size_t)(slash - ini) : 0, data->value);
    /* A house theme is a file, found like the data and a dependency like it. */
    const struct ini_entry *theme = csvchart_batch_entry(s, "theme");
    theme = theme ? theme : csvchart_batch_entry(&b->doc->defaults, "theme");
    if (theme && csvchart_theme_is_file(theme->value)) {
        j->theme = theme->value[0] == '/'
                       ? csvchart_strdup(theme->value)
                       : join(ini, slash ? (size_t)(slash - ini) : 0, theme->value);
    }

    char deflt[300];
    snprintf(deflt, sizeof deflt, "%s.png", s->name);
    const char *list = outs ? outs->value : deflt;
    size_t line = outs ? outs->line : s->line, col = outs ? outs->value_col : 1;
    for (const char *p = list; *p;) {
        while (*p == ' ' || *p == '\t') {
            p++;
        }
        if (!*p) {
            break;
        }
        char name[1024];
        p = output_word(p, name, sizeof name);
        if (!stays_inside(name)) {
            csvchart_error_set(&err, CSVCHART_ERROR_DATA, ini, line, col,
                               "output \"%s\" leaves the output folder; write a name relative "
                               "to it, without ..",
                               name);
            csvchart_batch_job_fail(j, &err);
            return;
        }
        csvchart_error bad = {0};
        if (csvchart_output_check(name, &bad)) {
            csvchart_error_set(&err, CSVCHART_ERROR_DATA, ini, line, col, "output \"%s\": %s", name,
                               bad.message);
            csvchart_batch_job_fail(j, &err);
            return;
        }
        if (j->noutputs == MAX_OUTPUTS) {
            csvchart_error_set(&err, CSVCHART_ERROR_DATA, ini, line, col, "more than %d outputs",
                               MAX_OUTPUTS);
            csvchart_batch_job_fail(j, &err);
            return;
        }
        char *path = join(b->a->out_dir, strlen(b->a->out_dir), name);
        if (!path) {
            csvchart_error_nomem(&err);
            csvchart_batch_job_fail(j, &err);
            return;
        }
        j->outputs[j->noutputs++] = path;
        char where[1024];
        if (!csvchart_output_stays_in(b->a->out_dir, path, where, sizeof where)) {
            csvchart_error_set(&err, CSVCHART_ERROR_DATA, ini, line, col,
                               "output \"%s\" leaves the output folder through a symbolic link "
                               "(its folder is %s); write it into a folder inside %s",
                               name, where, b->a->out_dir);
            csvchart_batch_job_fail(j, &err);
            return;
        }
    }
    if (j->noutputs == 0) {
        csvchart_error_set(&err, CSVCHART_ERROR_DATA, ini, line, col, "outputs is empty");
        csvchart_batch_job_fail(j, &err);
        return;
    }
    /* Names that go into make syntax or a --list line must come out as they went in. */
    const char *into = b->a->depfile      ? "into a depfile"
                       : b->a->make_rules ? "into make rules"
                                          : NULL;
    char bad[64], quoted[600];
    for (size_t k = 0; into && k <= j->noutputs + 1; k++) {
        const char *name = k < j->noutputs ? j->outputs[k] : k == j->noutputs ? j->data : j->theme;
        if (name && !csvchart_make_name_ok(name, bad, sizeof bad)) {
            csvchart_error_set(&err, CSVCHART_ERROR_DATA, ini,
                               k < j->noutputs    ? line
                               : k == j->noutputs ? data->line
                                                  : theme->line,
                               k < j->noutputs    ? col
                               : k == j->noutputs ? data->value_col
                                                  : theme->value_col,
                               "%s %s cannot be written %s (%s); " CSVCHART_MAKE_NAME_RULE,
                               k < j->noutputs    ? "output"
                               : k == j->noutputs ? "data"
                                                  : "theme",
                               csvchart_cli_quote(name, quoted, sizeof quoted), into, bad);
            csvchart_batch_job_fail(j, &err);
            return;
        }
    }
    if (b->a->list && strpbrk(j->data, "\t\n\r")) {
        csvchart_error_set(&err, CSVCHART_ERROR_DATA, ini, data->line, data->value_col,
                           "data %s cannot be listed: --list separates fields with tabs",
                           csvchart_cli_quote(j->data, quoted, sizeof quoted));
        csvchart_batch_job_fail(j, &err);
        return;
    }
    j->planned = true;
}
/* One output of a planned figure (k < MAX_OUTPUTS), or the depfile (job SIZE_MAX). */
struct out_ref {
    struct output_key key;
    size_t job, k;
};

static int by_key(const void *x, const void *y)
{
    const struct out_ref *a = x, *b = y;
    int c = csvchart_output_key_cmp(&a->key, &b->key);
    if (c) {
        return c;
    }
    return a->job != b->job ? (a->job < b->job ? -1 : 1) : a->k < b->k ? -1 : a->k > b->k;
}

static int by_key_only(const void *x, const void *y)
{
    const struct out_ref *a = x, *b = y;
    return csvchart_output_key_cmp(&a->key, &b->key);
}

static int by_place(const void *x, const void *y)
{
    const struct out_ref *const *a = x, *const *b = y;
    if ((*a)->job != (*b)->job) {
        return (*a)->job < (*b)->job ? -1 : 1;
    }
    return (*a)->k < (*b)->k ? -1 : (*a)->k > (*b)->k;
}

/* The files of the batch's own options (job SIZE_MAX): k 0 the depfile, 1 the preview page,
 * 2 its script (--watch). */
static const char *own_file(const struct batch *b, size_t k, char *buf, size_t n)
{
    if (k == 0) {
        return b->a->depfile;
    }
    if (k == 1 || !b->a->html) {
        return b->a->html;
    }
    if (!b->a->watch) {
        return NULL;
    }
    snprintf(buf, n, "%s.js", b->a->html);
    return buf;
}

static const char *const own_flag[] = {"--depfile", "--html", "--html's script"};

/* The name of an output ref for a message: the path, or the option and its path. */
static void ref_name(const struct batch *b, const struct out_ref *r, char *buf, size_t n)
{
    char js[600], q[600];
    if (r->job == SIZE_MAX) {
        snprintf(buf, n, "%s %s", own_flag[r->k],
                 csvchart_cli_quote(own_file(b, r->k, js, sizeof js), q, sizeof q));
    } else {
        snprintf(buf, n, "[%s]'s %s", b->jobs[r->job].sec->name, b->jobs[r->job].outputs[r->k]);
    }
}

/*
 * Two outputs that are one file (spelled alike or not: o/x.png, o/./x.png, o//x.png, through
 * a link to o), in one figure or two, or the depfile or the preview page among the outputs:
 * refused before anything is drawn, since which writer won would change from run to run. So is
 * any of them that is a file the batch reads - the INI, a figure's data or theme (review:
 * "--depfile d.csv" replaced the data with a make rule, "--html f.ini" the INI with a page, and
 * the command exited 0). The outputs are sorted by key (output.c), so many figures cost
 * n log n. Prints a message for each later writer of a file, in INI order, and for each output
 * that is an input; true when there was one.
 */
bool csvchart_batch_find_clashes(struct batch *b)
{
    size_t n = 3, nin = 1;
    for (size_t i = 0; i < b->njobs; i++) {
        n += b->jobs[i].planned ? b->jobs[i].noutputs : 0;
        nin += b->jobs[i].planned ? 2 : 0;
    }
    struct out_ref *refs = calloc(n, sizeof *refs);
    struct out_ref **later = calloc(n, sizeof *later);
    struct out_ref *ins = calloc(nin, sizeof *ins);
    if (!refs || !later || !ins) {
        free(refs);
        free(later);
        free(ins);
        csvchart_cli_error("out of memory");
        return true;
    }
    size_t m = 0, mi = 0;
    for (size_t i = 0; i < b->njobs; i++) {
        for (size_t k = 0; b->jobs[i].planned && k < b->jobs[i].noutputs; k++) {
            csvchart_output_key_init(&refs[m].key, b->jobs[i].outputs[k]);
            refs[m].job = i;
            refs[m++].k = k;
        }
        const char *read[2] = {b->jobs[i].data, b->jobs[i].theme};
        for (size_t k = 0; b->jobs[i].planned && k < 2; k++) {
            if (read[k] && strcmp(read[k], "-") != 0) {
                csvchart_output_key_init(&ins[mi].key, read[k]);
                ins[mi].job = i;
                ins[mi++].k = k;
            }
        }
    }
    csvchart_output_key_init(&ins[mi].key, b->doc->path);
    ins[mi].job = SIZE_MAX;
    ins[mi++].k = 0;
    for (size_t k = 0; k < 3; k++) {
        char js[600];
        const char *f = own_file(b, k, js, sizeof js);
        if (f) {
            csvchart_output_key_init(&refs[m].key, f);
            refs[m].job = SIZE_MAX;
            refs[m++].k = k;
        }
    }
    qsort(refs, m, sizeof *refs, by_key);
    qsort(ins, mi, sizeof *ins, by_key);
    size_t nlater = 0;
    for (size_t i = 1; i < m; i++) {
        if (csvchart_output_key_cmp(&refs[i].key, &refs[i - 1].key) == 0) {
            later[nlater++] = &refs[i];
        }
    }
    qsort(later, nlater, sizeof *later, by_place);
    for (size_t i = 0; i < nlater; i++) {
        /* the first writer of that file: the first of its run */
        const struct out_ref *r = later[i], *first = r;
        while (first > refs && csvchart_output_key_cmp(&first[-1].key, &r->key) == 0) {
            first--;
        }
        char q[600], mine_name[1300], theirs_name[1300];
        if (r->job == SIZE_MAX) {
            ref_name(b, r, mine_name, sizeof mine_name);
            ref_name(b, first, theirs_name, sizeof theirs_name);
            csvchart_cli_error("%s is also %s; give it a name of its own", mine_name, theirs_name);
            continue;
        }
        const struct job *fj = &b->jobs[first->job];
        const struct job *j = &b->jobs[r->job];
        const char *mine = j->outputs[r->k], *theirs = fj->outputs[first->k];
        csvchart_error e = {0};
        if (j == fj) {
            csvchart_error_set(&e, CSVCHART_ERROR_DATA, b->doc->path, j->sec->line, 0,
                               "[%s] writes one file twice: %s and %s; name each output once",
                               j->sec->name, theirs, mine);
        } else {
            if (strcmp(mine, theirs) != 0) {
                snprintf(q, sizeof q, " (as %s)", theirs);
            }
            csvchart_error_set(&e, CSVCHART_ERROR_DATA, b->doc->path, j->sec->line, 0,
                               "[%s] writes %s, as [%s] does%s; give each output one figure",
                               j->sec->name, mine, fj->sec->name,
                               strcmp(mine, theirs) != 0 ? q : "");
        }
        csvchart_cli_error("%s", csvchart_error_text(&e));
    }
    /* an output that is a file read */
    size_t clobbers = 0;
    for (size_t i = 0; i < m; i++) {
        const struct out_ref *in = bsearch(&refs[i], ins, mi, sizeof *ins, by_key_only);
        if (!in) {
            continue;
        }
        clobbers++;
        char mine_name[1300], what[700];
        ref_name(b, &refs[i], mine_name, sizeof mine_name);
        if (in->job == SIZE_MAX) {
            snprintf(what, sizeof what, "the INI file read");
        } else {
            snprintf(what, sizeof what, "the %s of [%s]", in->k == 0 ? "data" : "theme",
                     b->jobs[in->job].sec->name);
        }
        csvchart_cli_error("%s: %s is %s; give the output a name of its own", b->doc->path,
                           mine_name, what);
    }
    for (size_t i = 0; i < mi; i++) {
        csvchart_output_key_fini(&ins[i].key);
    }
    free(ins);
    for (size_t i = 0; i < m; i++) {
        csvchart_output_key_fini(&refs[i].key);
    }
    free(refs);
    free(later);
    return nlater > 0 || clobbers > 0;
}

/* A name that every figure's make syntax holds (the INI file; --out-dir, as the folder of
 * every output - so "(copy)" may end it): checked once. */
bool csvchart_batch_make_name_ok(const struct render_args *a, const char *what, const char *name,
                                 bool folder)
{
    char bad[64], q[600];
    if (!(a->depfile || a->make_rules)) {
        return true;
    }
    char *path = folder ? join(name, strlen(name), "x") : NULL;
    bool ok = csvchart_make_name_ok(path ? path : name, bad, sizeof bad);
    free(path);
    if (ok) {
        return true;
    }
    csvchart_cli_error("%s %s cannot be written %s (%s); " CSVCHART_MAKE_NAME_RULE, what,
                       csvchart_cli_quote(name, q, sizeof q),
                       a->depfile ? "into a depfile" : "into make rules", bad);
    return false;
}
