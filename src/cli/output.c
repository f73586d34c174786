/*
 * output.c - when two output names are one file, and when an output leaves its folder
 * (cli.h). Used before anything is drawn: by `csvchart bar|timeline` for its -o names and by
 * `csvchart render` for the outputs of every figure, so that two writers never race for one
 * file (which one won changed from run to run) and a symbolic link inside --out-dir cannot
 * send an output elsewhere.
 *
 * Two names are one file when the folders they name exist and are one folder (device and
 * inode) and their last components are equal, or, when their folders do not exist, when their
 * lexically normalized spellings are equal. That is an order too (csvchart_output_key_cmp),
 * so a batch of many outputs is checked by sorting, not by comparing every pair. Folders are
 * compared rather than files: an output is replaced by rename(2), so a file that exists under two
 * names (a hard link) still gets two distinct outputs, and one that does not exist yet is still
 * caught through its folder.
 */
#define _XOPEN_SOURCE 700 // realpath() is XSI, beyond the _POSIX_C_SOURCE of the build

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

/* "./a//b/./c/" -> "a/b/c"; "/" stays "/", "" and "." become ".". ".." is kept: only the file
 * system knows where it leads (the folder identity takes care of it). */
static char *normalize(const char *path)
{
    size_t n = strlen(path);
    char *out = malloc(n + 2);
    if (!out) {
        return NULL;
    }
    size_t o = 0, root = path[0] == '/';
    if (root) {
        out[o++] = '/';
    }
    for (const char *p = path; *p;) {
        while (*p == '/') {
            p++;
        }
        size_t k = strcspn(p, "/");
        if (k == 0) {
            break;
        }
        if (!(k == 1 && p[0] == '.')) {
            if (o > root) {
                out[o++] = '/';
            }
            memcpy(out + o, p, k);
            o += k;
        }
        p += k;
    }
    if (o == 0) {
        out[o++] = '.';
    }
    out[o] = '\0';
    return out;
}

void csvchart_output_key_init(struct output_key *k, const char *path)
{
    memset(k, 0, sizeof *k);
    k->norm = normalize(path);
    if (!k->norm) {
        return;
    }
    char *slash = strrchr(k->norm, '/');
    k->base = slash ? slash + 1 : k->norm;
    /* "/" has no last component: compare the whole of it */
    if (!*k->base) {
        return;
    }
    struct stat st;
    int rc;
    if (!slash) {
        rc = stat(".", &st);
    } else if (slash == k->norm) {
        rc = stat("/", &st);
    } else {
        *slash = '\0';
        rc = stat(k->norm, &st);
        *slash = '/';
    }
    if (rc == 0) {
        k->have_dir = true;
        k->dev = (unsigned long long)st.st_dev;
        k->ino = (unsigned long long)st.st_ino;
    }
}

void csvchart_output_key_fini(struct output_key *k)
{
    free(k->norm);
    memset(k, 0, sizeof *k);
}

int csvchart_output_key_cmp(const struct output_key *a, const struct output_key *b)
{
    /* Spellings of one path give the same normalized text, so the same stat() result: when
     * one of two keys has its folder and the other has not, the paths differ. */
    if (a->have_dir != b->have_dir) {
        return a->have_dir ? -1 : 1;
    }
    if (!a->have_dir) {
        return strcmp(a->norm ? a->norm : "", b->norm ? b->norm : "");
    }
    if (a->dev != b->dev) {
        return a->dev < b->dev ? -1 : 1;
    }
    if (a->ino != b->ino) {
        return a->ino < b->ino ? -1 : 1;
    }
    return strcmp(a->base, b->base);
}

bool csvchart_output_stays_in(const char *dir, const char *path, char *where, size_t size)
{
    const char *slash = strrchr(path, '/');
    char *parent = slash ? malloc((size_t)(slash - path) + 2) : NULL;
    if (slash && !parent) {
        return true; // out of memory: the write reports what it finds
    }
    if (parent) {
        size_t n = slash == path ? 1 : (size_t)(slash - path);
        memcpy(parent, path, n);
        parent[n] = '\0';
    }
    /* A folder that does not exist (yet) cannot lead anywhere: the write will fail on it. */
    char *real_dir = realpath(dir, NULL);
    char *real_parent = realpath(parent ? parent : ".", NULL);
    bool inside = true;
    if (real_dir && real_parent) {
        size_t n = strlen(real_dir);
        inside = strcmp(real_dir, "/") == 0 || (strncmp(real_parent, real_dir, n) == 0 &&
                                                (real_parent[n] == '\0' || real_parent[n] == '/'));
        if (!inside) {
            snprintf(where, size, "%s", real_parent);
        }
    }
    free(real_dir);
    free(real_parent);
    free(parent);
    return inside;
}

/* mkdir of one folder; an existing one is fine. */
static int make_one(const char *p)
{
    if (mkdir(p, 0777) == 0 || errno == EEXIST) {
        struct stat st;
        if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
            return 0;
        }
        errno = ENOTDIR;
    }
    return -1;
}

int csvchart_cli_make_folders(const char *dir, const char *path, char *where, size_t size)
{
    size_t dirlen = strlen(dir);
    char *p = malloc(strlen(path) + 1);
    if (!p) {
        errno = ENOMEM;
        return -1;
    }
    strcpy(p, path);
    char *slash = strrchr(p, '/');
    int rc = 0;
    if (!slash) {
        free(p);
        return 0; // in the current folder
    }
    *slash = '\0';
    char *real_dir = NULL;
    /* Every folder from the first component down: those of --out-dir are created as they
     * come; those inside it must also resolve inside it (not through a link leading out). */
    for (char *q = p + 1; rc == 0; q++) {
        bool end = *q == '\0';
        if (*q != '/' && !end) {
            continue;
        }
        *q = '\0';
        if (*p && make_one(p) != 0) {
            rc = -1;
        } else if (dirlen && (size_t)(q - p) >= dirlen && strncmp(path, dir, dirlen) == 0) {
            if (!real_dir && !(real_dir = realpath(dir, NULL))) {
                rc = -1;
                break;
            }
            char *real = realpath(p, NULL);
            size_t n = strlen(real_dir);
            if (!real) {
                rc = -1;
            } else if (strcmp(real_dir, "/") != 0 &&
                       (strncmp(real, real_dir, n) != 0 || (real[n] != '\0' && real[n] != '/'))) {
                snprintf(where, size, "%s", real);
                rc = 1;
            }
            free(real);
        }
        if (end) {
            break;
        }
        *q = '/';
    }
    free(real_dir);
    free(p);
    return rc;
}
