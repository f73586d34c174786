/*
 * figure_output.c - a figure's outputs, apart from the figure: what an output's name says (its
 * format from the extension, a pixel scale from an "@2x" before it) and how the bytes reach
 * the disk. A file is written atomically: into a new temporary file beside it (O_EXCL, named
 * ".NAME.PID.I.tmp" and announced to a tracker first, so that a signal handler can remove
 * it), synced, then renamed over the target, so that the target holds the old bytes or the
 * new ones and never a part. None of this needs a figure: the CLI checks its output names
 * with csvchart_output_check() before drawing, and writes other files with
 * csvchart_write_file_tracked().
 */
#define _GNU_SOURCE /* sync_file_range() */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "figure_output.h"
#include "render.h"

csvchart_format csvchart_format_from_path(const char *path)
{
    if (!path) {
        return CSVCHART_FORMAT_AUTO;
    }
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash : path, '.');
    if (!dot) {
        return CSVCHART_FORMAT_AUTO;
    }
    char ext[8];
    size_t n = strlen(dot + 1);
    if (n >= sizeof ext) {
        return CSVCHART_FORMAT_AUTO;
    }
    for (size_t i = 0; i <= n; i++) {
        char c = dot[1 + i];
        ext[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return csvchart_format_from_name(ext);
}

/*
 * Finds the "@...x" of an output name: the text between the last '@' of its base name and its
 * extension, ending in x or X. Returns false when there is none ("me@home.png", "a@x.png").
 * A suffix that starts like a number ("@2X", "@0x", "@1e1x", "@-1x") is meant as a scale and
 * found, so that csvchart_scale_from_path() can refuse it instead of drawing at 1x.
 */
static bool scale_suffix(const char *path, const char **at_out, size_t *len_out)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *at = strrchr(base, '@');
    const char *dot = strrchr(base, '.');
    if (!at || !dot || dot < at + 2 || (dot[-1] != 'x' && dot[-1] != 'X')) {
        return false;
    }
    char c = at[1];
    if (!(c >= '0' && c <= '9') && c != '.' && c != '+' && c != '-') {
        return false;
    }
    *at_out = at;
    *len_out = (size_t)(dot - at);
    return true;
}

double csvchart_scale_from_path(const char *path)
{
    const char *at;
    size_t n;
    if (!path || !scale_suffix(path, &at, &n)) {
        return 0;
    }
    /* "@" digits [ "." digits ] "x": no sign, exponent or hex, and a lowercase x */
    const char *num = at + 1, *x = at + n - 1;
    size_t digits = 0, dots = 0;
    for (const char *p = num; p < x; p++) {
        if (*p >= '0' && *p <= '9') {
            digits++;
        } else if (*p == '.' && dots == 0) {
            dots++;
        } else {
            return -1;
        }
    }
    if (*x != 'x' || digits == 0 || n > 16) {
        return -1;
    }
    char buf[17];
    memcpy(buf, num, (size_t)(x - num));
    buf[x - num] = '\0';
    double v = strtod(buf, NULL);
    return v >= 0.25 && v <= 8 ? v : -1;
}

/* The error for an output whose extension names another format than the one asked for. */
csvchart_status csvchart_output_format_clash(const char *path, csvchart_format format,
                                             csvchart_error *err)
{
    csvchart_format named = csvchart_format_from_path(path);
    const char *asked = csvchart_render_format_name(format),
               *says = csvchart_render_format_name(named);
    return csvchart_error_set(err, CSVCHART_ERROR_VALUE, path, 0, 0,
                              "the name says %s, the format asked for is %s; give the file a "
                              ".%s name or ask for %s",
                              says, asked, asked, says);
}

/* The error for an output whose "@...x" csvchart_scale_from_path() refuses. */
csvchart_status csvchart_output_scale_error(const char *path, csvchart_error *err)
{
    const char *at = "@";
    size_t n = 1;
    scale_suffix(path, &at, &n);
    return csvchart_error_set(err, CSVCHART_ERROR_VALUE, path, 0, 0,
                              "\"%.*s\" is not a supported pixel scale; expected @0.25x to @8x, "
                              "with a lowercase x",
                              (int)n, at);
}

csvchart_status csvchart_output_check(const char *path, csvchart_error *err)
{
    NEED(path, "path");
    if (csvchart_format_from_path(path) == CSVCHART_FORMAT_AUTO) {
        return csvchart_error_set(err, CSVCHART_ERROR_VALUE, path, 0, 0,
                                  "unknown output format; expected a name ending in .png, "
                                  ".svg, .pdf, .scene or .txt");
    }
    return csvchart_scale_from_path(path) < 0 ? csvchart_output_scale_error(path, err)
                                              : CSVCHART_OK;
}

/*
 * Creates a new temporary file beside `path`: ".NAME.PID.I.tmp", O_EXCL so that threads and
 * processes writing to one folder never share one; mode 0666 less the umask, as for any file.
 * The tracker, if any, hears of each name before the file can exist (*handle), and of each
 * name tried in vain.
 */
static int open_temp(const char *path, char *tmp, size_t size, const csvchart_temp_tracker *t,
                     int *handle)
{
    const char *slash = strrchr(path, '/');
    int dirlen = slash ? (int)(slash - path) + 1 : 0;
    for (int i = 0; i < 1000; i++) {
        snprintf(tmp, size, "%.*s.%s.%ld.%d.tmp", dirlen, path, path + dirlen, (long)getpid(), i);
        *handle = t ? t->add(t->ctx, tmp) : -1;
        int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            return fd;
        }
        int e = errno;
        if (t) {
            t->remove(t->ctx, *handle);
        }
        errno = e;
        if (e != EEXIST) {
            return -1;
        }
    }
    return -1;
}

csvchart_status csvchart_write_file(const char *path, const void *data, size_t len,
                                    csvchart_error *err)
{
    NEED(path, "path");
    NEED(data || len == 0, "data");
    return csvchart_write_file_tracked(path, data, len, NULL, err);
}

csvchart_status csvchart_write_file_tracked(const char *path, const void *data, size_t len,
                                            const csvchart_temp_tracker *tracker,
                                            csvchart_error *err)
{
    NEED(path, "path");
    NEED(data || len == 0, "data");
    csvchart_pending_file p;
    if (csvchart_write_file_begin(path, data, len, tracker, &p, err)) {
        return err->status;
    }
    return csvchart_write_file_end(&p, false, err);
}

csvchart_status csvchart_write_file_begin(const char *path, const void *data, size_t len,
                                          const csvchart_temp_tracker *tracker,
                                          csvchart_pending_file *p, csvchart_error *err)
{
    size_t n = strlen(path);
    *p = (csvchart_pending_file){.fd = -1, .tracker = tracker};
    struct stat at;
    if (stat(path, &at) == 0 && S_ISDIR(at.st_mode)) { /* the rename would fail: say it now */
        return csvchart_error_set(err, CSVCHART_ERROR_IO, path, 0, 0, "cannot write: %s",
                                  strerror(EISDIR));
    }
    p->tmp = malloc(2 * n + 66);
    if (!p->tmp) {
        return csvchart_error_nomem(err);
    }
    p->path = p->tmp + n + 65;
    memcpy(p->path, path, n + 1);
    int fd = open_temp(path, p->tmp, n + 64, tracker, &p->handle);
    if (fd < 0) {
        int e = errno;
        free(p->tmp);
        p->tmp = NULL;
        const char *slash = strrchr(path, '/');
        char dir[4096];
        struct stat st;
        if (slash && slash != path) {
            snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
            if (stat(dir, &st) != 0) {
                return csvchart_error_set(err, CSVCHART_ERROR_IO, path, 0, 0,
                                          "cannot write: folder \"%s\" does not exist", dir);
            }
        }
        return csvchart_error_set(err, CSVCHART_ERROR_IO, path, 0, 0, "cannot write: %s",
                                  strerror(e));
    }
    p->fd = fd;
    const char *b = data;
    size_t left = len;
    while (left > 0) {
        ssize_t k = write(fd, b, left);
        if (k < 0 && errno == EINTR) {
            continue;
        }
        if (k <= 0) {
            int e = k < 0 ? errno : EIO;
            csvchart_write_file_end(p, true, err);
            return csvchart_error_set(err, CSVCHART_ERROR_IO, path, 0, 0, "cannot write: %s",
                                      strerror(e));
        }
        b += k;
        left -= (size_t)k;
    }
    return CSVCHART_OK;
}

csvchart_status csvchart_write_file_end(csvchart_pending_file *p, bool discard, csvchart_error *err)
{
    if (!p->tmp) {
        return CSVCHART_OK;
    }
    bool ok = !discard;
    int e = 0;
    /* The bytes reach the disk before the new name does: after a power cut the path holds
     * the old image or the new one, never a new name over missing data. The data and what
     * reading it needs (its size, its blocks) are enough: fdatasync(), not the inode's times
     * as well. (A file system that cannot sync, EINVAL, is taken as it is.) */
    if (ok && fdatasync(p->fd) != 0 && errno != EINVAL) {
        ok = false;
        e = errno;
    }
    if (close(p->fd) != 0 && ok) {
        ok = false;
        e = errno;
    }
    if (ok && rename(p->tmp, p->path) != 0) {
        ok = false;
        e = errno;
    }
    if (!ok) {
        unlink(p->tmp);
    }
    if (p->tracker) {
        p->tracker->remove(p->tracker->ctx, p->handle);
    }
    csvchart_status st = CSVCHART_OK;
    if (!ok && !discard) {
        st = csvchart_error_set(err, CSVCHART_ERROR_IO, p->path, 0, 0, "cannot write: %s",
                                strerror(e));
    }
    free(p->tmp);
    p->tmp = NULL;
    return st;
}

void csvchart_write_file_start_sync(const csvchart_pending_file *p)
{
#ifdef SYNC_FILE_RANGE_WRITE
    if (p->tmp && p->fd >= 0) {
        (void)sync_file_range(p->fd, 0, 0, SYNC_FILE_RANGE_WRITE); /* a hint: _end() syncs */
    }
#else
    (void)p;
#endif
}
