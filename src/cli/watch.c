/*
 * watch.c - the authoring loop: `csvchart render FIGURES.ini --watch [--html FILE]`, and
 * --html without --watch.
 *
 * Both run the ordinary batch (render.c) with a listener (render_args.report) that keeps, per
 * figure, what became of it: its outputs, title, alt text, size, theme, warnings and errors -
 * what the preview page (html.c) shows.
 *
 * Watching: after the first batch, inotify watches the folders of the INI file and of every
 * CSV file (folders, not files: editors save by writing a new file and renaming it over the
 * old one). Each figure has a signature: a hash of [defaults], its own section and the
 * identity of its CSV file (device, inode, size, modification time). Events are gathered until
 * 150 ms pass without one (an editor's save is several), the INI file is read again, and the
 * figures whose signature changed - or that are new - are rendered again, as one batch
 * (--only). Each figure rendered prints one line; its warnings and errors come before it, and
 * a figure that fails leaves the watch going. An INI file that cannot be read is reported and
 * the watch goes on with the figures as they were. Then the page is written again with a new
 * version, and FILE.js after it, so an open page reloads. SIGINT, SIGTERM or SIGHUP end the
 * watch (temps.c removes any temporary file being written).
 */
#define _XOPEN_SOURCE 700 // realpath(), localtime_r() and st_mtim are XSI
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "array.h"
#include "batch.h"
#include "cli.h"
#include "theme.h"
#include "utf8.h"

struct fig_state {
    struct figure_report r; /* every string owned */
    char **outputs;
    uint64_t sig;
    bool seen; /* in the INI file as last read */
};

struct state {
    struct fig_state *figs;
    size_t len, cap;
    bool lines; /* print a line per figure rendered */
    size_t rendered, failed;
    char failed_names[1024];
};

static char *copy_of(const char *s)
{
    return csvchart_strdup(s ? s : "");
}

static void fig_fini(struct fig_state *f)
{
    free((char *)f->r.name);
    free((char *)f->r.kind);
    free((char *)f->r.messages);
    free((char *)f->r.title);
    free((char *)f->r.alt);
    free((char *)f->r.theme);
    for (size_t k = 0; k < f->r.noutputs; k++) {
        free(f->outputs[k]);
    }
    free(f->outputs);
}

static struct fig_state *find(struct state *st, const char *name)
{
    for (size_t i = 0; i < st->len; i++) {
        if (strcmp(st->figs[i].r.name, name) == 0) {
            return &st->figs[i];
        }
    }
    return NULL;
}

/* render_args.report: keeps a copy of what became of the figure. */
static void on_report(void *ctx, const struct figure_report *r)
{
    struct state *st = ctx;
    struct fig_state *f = find(st, r->name);
    if (!f) {
        if (!csvchart_array_reserve((void **)&st->figs, &st->cap, st->len + 1, sizeof *st->figs)) {
            return;
        }
        f = &st->figs[st->len++];
        memset(f, 0, sizeof *f);
    } else {
        uint64_t sig = f->sig;
        fig_fini(f);
        memset(f, 0, sizeof *f);
        f->sig = sig;
    }
    f->r = *r;
    f->r.name = copy_of(r->name);
    f->r.kind = copy_of(r->kind);
    f->r.messages = copy_of(r->messages);
    f->r.title = copy_of(r->title);
    f->r.alt = copy_of(r->alt);
    f->r.theme = copy_of(r->theme);
    f->outputs = calloc(r->noutputs ? r->noutputs : 1, sizeof *f->outputs);
    for (size_t k = 0; f->outputs && k < r->noutputs; k++) {
        f->outputs[k] = copy_of(r->outputs[k]);
    }
    f->r.outputs = (const char *const *)f->outputs;
    f->r.noutputs = f->outputs ? r->noutputs : 0;
    f->seen = true;
    if (r->failed) {
        size_t used = strlen(st->failed_names);
        snprintf(st->failed_names + used, sizeof st->failed_names - used, "%s%s",
                 st->failed ? ", " : "", r->name);
        st->failed++;
    } else {
        st->rendered++;
    }
    if (st->lines) {
        char when[16] = "";
        time_t now = time(NULL);
        struct tm tm;
        if (localtime_r(&now, &tm)) {
            strftime(when, sizeof when, "%H:%M:%S ", &tm);
        }
        fprintf(stderr, "csvchart: %s%s %s", when, r->failed ? "failed" : "rendered", r->name);
        for (size_t k = 0; !r->failed && k < r->noutputs; k++) {
            fprintf(stderr, "%s%s", k ? ", " : ": ", r->outputs[k]);
        }
        fputc('\n', stderr);
    }
}

static void state_fini(struct state *st)
{
    for (size_t i = 0; i < st->len; i++) {
        fig_fini(&st->figs[i]);
    }
    free(st->figs);
}

/* The page, the figures in the order of `order` (names; NULL: as kept). */
static int write_page(const struct render_args *a, struct state *st, unsigned long version,
                      bool poll)
{
    struct figure_report *list = calloc(st->len ? st->len : 1, sizeof *list);
    if (!list) {
        csvchart_cli_error("out of memory");
        return 1;
    }
    size_t n = 0;
    for (size_t i = 0; i < st->len; i++) {
        if (st->figs[i].seen) {
            list[n++] = st->figs[i].r;
        }
    }
    int rc = csvchart_cli_html_write(a->html, list, n, version, poll);
    free(list);
    return rc;
}

static int summary(const struct state *st)
{
    if (st->failed) {
        csvchart_cli_error("rendered %zu, failed %zu: %s", st->rendered, st->failed,
                           st->failed_names);
        return 1;
    }
    fprintf(stderr, "csvchart: rendered %zu\n", st->rendered);
    return 0;
}

/* --html without --watch: the batch, then the page. */
static int render_html(const struct render_args *a)
{
    struct state st = {0};
    struct render_args b = *a;
    b.report = on_report;
    b.report_ctx = &st;
    int rc = csvchart_cli_render(&b);
    int rc2 = st.rendered + st.failed > 0 ? summary(&st) : 0; /* none: refused whole */
    if (st.rendered + st.failed > 0 && csvchart_cli_make_folders("", a->html, NULL, 0) == 0 &&
        write_page(a, &st, 0, false) != 0) {
        rc = 1;
    }
    state_fini(&st);
    return rc ? rc : rc2;
}

/* ---- Watching ----------------------------------------------------------------------------- */

static uint64_t fnv_str(uint64_t h, const char *s)
{
    return csvchart_fnv(h, s, strlen(s) + 1);
}

static const char *value_of(const struct ini_doc *doc, const struct ini_section *s, const char *key)
{
    for (int pass = 0; pass < 2; pass++) {
        const struct ini_section *in = pass ? &doc->defaults : s;
        for (size_t i = 0; i < in->len; i++) {
            if (strcmp(in->entries[i].key, key) == 0) {
                return in->entries[i].value;
            }
        }
    }
    return NULL;
}

/* The file a figure's `key` names (data, or theme when it is a house theme file) as render.c
 * opens it (relative to the INI file's folder), in buf; NULL when there is none. */
static const char *file_path(const struct render_args *a, const struct ini_doc *doc,
                             const struct ini_section *s, const char *key, char *buf, size_t size)
{
    const char *data = value_of(doc, s, key);
    if (!data || (strcmp(key, "theme") == 0 && !csvchart_theme_is_file(data))) {
        return NULL;
    }
    const char *slash = strrchr(a->ini, '/');
    if (data[0] == '/' || !slash) {
        snprintf(buf, size, "%s", data);
    } else {
        snprintf(buf, size, "%.*s/%s", (int)(slash - a->ini), a->ini, data);
    }
    return buf;
}

static uint64_t signature(const struct render_args *a, const struct ini_doc *doc,
                          const struct ini_section *s)
{
    uint64_t h = CSVCHART_FNV_OFFSET;
    for (int pass = 0; pass < 2; pass++) {
        const struct ini_section *in = pass ? s : &doc->defaults;
        h = fnv_str(h, pass ? "[figure]" : "[defaults]");
        for (size_t i = 0; i < in->len; i++) {
            h = fnv_str(fnv_str(h, in->entries[i].key), in->entries[i].value);
        }
    }
    static const char *const files[] = {"data", "theme"};
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        char path[PATH_MAX];
        struct stat sb;
        if (file_path(a, doc, s, files[f], path, sizeof path) && stat(path, &sb) == 0) {
            long long id[6] = {(long long)sb.st_dev,          (long long)sb.st_ino,
                               (long long)sb.st_size,         (long long)sb.st_mtim.tv_sec,
                               (long long)sb.st_mtim.tv_nsec, (long long)sb.st_ctim.tv_nsec};
            h = csvchart_fnv(h, id, sizeof id);
        }
    }
    return h;
}

/* Is figure i of the file selected by --only and --shard, as render.c selects? */
static bool selected(const struct render_args *a, const struct ini_doc *doc, size_t i)
{
    if (a->only && !csvchart_cli_in_list(a->only, doc->figures[i].name)) {
        return false;
    }
    return !a->shard_count || (int)(i % (size_t)a->shard_count) == a->shard_index - 1;
}

/* Watches the folder of `path` (again: inotify gives the same watch for the same folder). */
static void watch_folder(int fd, const char *path)
{
    char dir[PATH_MAX];
    const char *slash = strrchr(path, '/');
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash == path ? 1 : slash - path) : 1,
             slash ? path : ".");
    inotify_add_watch(
        fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB);
}

/* Reads the INI file; updates the signatures; returns the figures to render ("a,b") in
 * *changed (malloc'd, NULL when none); watches the folders. false when the file cannot be
 * read (reported). */
static bool rescan(const struct render_args *a, struct state *st, int fd, char **changed)
{
    *changed = NULL;
    struct ini_doc doc;
    csvchart_error err = {0};
    watch_folder(fd, a->ini);
    if (csvchart_ini_load(a->ini, &doc, &err)) {
        csvchart_cli_error("%s", csvchart_error_text(&err));
        return false;
    }
    for (size_t i = 0; i < st->len; i++) {
        st->figs[i].seen = false;
    }
    char *list = NULL;
    size_t len = 0, cap = 0;
    for (size_t i = 0; i < doc.len; i++) {
        const struct ini_section *s = &doc.figures[i];
        if (!selected(a, &doc, i)) {
            continue;
        }
        char path[PATH_MAX];
        if (file_path(a, &doc, s, "data", path, sizeof path)) {
            watch_folder(fd, path);
        }
        if (file_path(a, &doc, s, "theme", path, sizeof path)) {
            watch_folder(fd, path);
        }
        uint64_t sig = signature(a, &doc, s);
        struct fig_state *f = find(st, s->name);
        if (f) {
            f->seen = true;
            if (f->sig == sig) {
                continue;
            }
            f->sig = sig;
        }
        size_t n = strlen(s->name);
        if (csvchart_array_reserve((void **)&list, &cap, len + n + 2, 1)) {
            if (len) {
                list[len++] = ',';
            }
            memcpy(list + len, s->name, n + 1);
            len += n;
        }
        if (!f) {
            /* a new figure: its signature is kept when its report comes */
            if (csvchart_array_reserve((void **)&st->figs, &st->cap, st->len + 1,
                                       sizeof *st->figs)) {
                f = &st->figs[st->len++];
                memset(f, 0, sizeof *f);
                f->r.name = copy_of(s->name);
                f->r.kind = copy_of("");
                f->r.messages = copy_of("");
                f->r.title = copy_of("");
                f->r.alt = copy_of("");
                f->r.theme = copy_of("light");
                f->sig = sig;
                f->seen = true;
            }
        }
    }
    /* Keep the page in the file's order: figures sorted by their place in it. */
    for (size_t i = 0, at = 0; i < doc.len; i++) {
        struct fig_state *f = find(st, doc.figures[i].name);
        if (f && f->seen) {
            size_t k = (size_t)(f - st->figs);
            struct fig_state tmp = st->figs[k];
            memmove(&st->figs[at + 1], &st->figs[at], (k - at) * sizeof *st->figs);
            st->figs[at++] = tmp;
        }
    }
    csvchart_ini_free(&doc);
    *changed = list;
    return true;
}

/* Waits for an event, then until 150 ms pass without one; false on a failed read. */
static bool wait_events(int fd)
{
    char buf[16384];
    int timeout = -1;
    for (;;) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int n = poll(&p, 1, timeout);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return false;
        }
        if (n == 0) {
            return true; // quiet for 150 ms
        }
        if (read(fd, buf, sizeof buf) < 0 && errno != EINTR && errno != EAGAIN) {
            return false;
        }
        timeout = 150;
    }
}

int csvchart_cli_watch(const struct render_args *a)
{
    if (!a->watch) {
        return render_html(a);
    }
    int fd = inotify_init1(IN_CLOEXEC);
    if (fd < 0) {
        csvchart_cli_error("--watch: cannot watch files: %s", strerror(errno));
        return 1;
    }
    struct state st = {.lines = true};
    struct render_args b = *a;
    b.report = on_report;
    b.report_ctx = &st;
    unsigned long version = 1;
    char *changed = NULL;
    /* The signatures first, then the first batch: a change during it is seen next round. */
    rescan(a, &st, fd, &changed);
    free(changed);
    if (csvchart_cli_render(&b) != 0 && st.rendered + st.failed == 0) {
        /* refused whole (outputs that are one file, or a file read): nothing to watch */
        state_fini(&st);
        close(fd);
        return 1;
    }
    summary(&st);
    if (a->html && csvchart_cli_make_folders("", a->html, NULL, 0) == 0) {
        write_page(a, &st, version, true);
    }
    fprintf(stderr, "csvchart: watching %s and its CSV files; Ctrl-C stops\n", a->ini);
    b.depfile = NULL; // a batch of some figures would write a depfile of only those
    while (wait_events(fd)) {
        if (!rescan(a, &st, fd, &changed) || !changed) {
            continue;
        }
        b.only = changed;
        st.rendered = st.failed = 0;
        st.failed_names[0] = '\0';
        csvchart_cli_render(&b);
        free(changed);
        if (a->html) {
            write_page(a, &st, ++version, true);
        }
    }
    csvchart_cli_error("--watch: cannot read file events: %s", strerror(errno));
    close(fd);
    state_fini(&st);
    return 1;
}
