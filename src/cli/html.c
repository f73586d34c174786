/*
 * html.c - `csvchart render --html FILE`: a static preview page of every figure of a batch.
 *
 * One self-contained HTML file (no network, no framework): per figure a card with its name,
 * title, kind, size in CSS px and in inches, theme, each PNG output (1x and @Nx) and SVG
 * output drawn at the figure's CSS size, the alt text (the figure's one-sentence summary, as
 * in the SVG <desc>), its warnings and errors, and links to every output. Dark figures get a
 * dark card. Paths are relative to the page's folder and percent-encoded.
 *
 * Reloading (--watch): the page cannot ask a server, and a file:// page may not fetch() or
 * XMLHttpRequest; it may load a <script>. So the watcher writes FILE.js after the page,
 * holding `csvchartWatch(VERSION)`, and the page loads it again every half second; a VERSION
 * other than its own reloads the page. Image URLs carry ?v=VERSION, so a reloaded page never
 * shows a cached image. The page also marks every image that fails to load, and says in
 * <body data-images="loaded/total"> how many loaded (tests/cli/preview.sh reads it).
 */
#define _XOPEN_SOURCE 700 // realpath(), localtime_r() and st_mtim are XSI
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "cli.h"
#include "csvchart.h"

static void esc(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&':
            fputs("&amp;", f);
            break;
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        default:
            fputc(*s, f);
        }
    }
}

/* A path as a relative URL: bytes other than unreserved ones and '/' percent-encoded. */
static void url(FILE *f, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~/@+,", *p)) {
            fputc(*p, f);
        } else {
            fprintf(f, "%%%02X", *p);
        }
    }
}

/* The absolute, resolved folder of `path` (which may not exist yet: its folder does). */
static char *real_folder(const char *path)
{
    const char *slash = strrchr(path, '/');
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash == path ? 1 : slash - path) : 1,
             slash ? path : ".");
    return realpath(dir, NULL);
}

/* `path` relative to the folder `from` (both resolved): "../out/a.png". */
static void relative(const char *from, const char *path, char *buf, size_t size)
{
    char *dir = real_folder(path);
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    if (!dir || !from) {
        snprintf(buf, size, "%s", path);
        free(dir);
        return;
    }
    /* the common folders, component by component */
    size_t common = 0;
    for (size_t i = 0;; i++) {
        bool end_a = from[i] == '\0' || from[i] == '/', end_b = dir[i] == '\0' || dir[i] == '/';
        if (end_a && end_b) {
            common = i;
            if (!from[i] || !dir[i]) {
                break;
            }
        } else if (from[i] != dir[i]) {
            break;
        }
    }
    size_t used = 0;
    buf[0] = '\0';
    for (const char *p = from + common; *p; p++) {
        if (*p == '/' && used + 4 < size) {
            used += (size_t)snprintf(buf + used, size - used, "../");
        }
    }
    const char *rest = dir + common;
    rest += *rest == '/';
    snprintf(buf + used, size - used, "%s%s%s", rest, *rest ? "/" : "", base);
    free(dir);
}

static const char *ext(const char *path)
{
    const char *dot = strrchr(path, '.');
    return dot ? dot + 1 : "";
}

static void card(FILE *f, const char *from, const struct figure_report *r, unsigned long version)
{
    bool dark = strcmp(r->theme, "dark") == 0;
    fprintf(f, "<section class=\"fig%s%s\" id=\"fig-", dark ? " dark" : "",
            r->failed ? " failed" : "");
    esc(f, r->name);
    fputs("\">\n<h2>", f);
    esc(f, r->name);
    fputs("</h2>\n", f);
    if (*r->title) {
        fputs("<p class=\"title\">", f);
        esc(f, r->title);
        fputs("</p>\n", f);
    }
    fprintf(f, "<p class=\"meta\">%s", r->kind);
    if (r->width > 0) {
        fprintf(f, " &middot; %gx%g CSS px (%.3g x %.3g in)", r->width, r->height, r->width / 96,
                r->height / 96);
    }
    fprintf(f, " &middot; %s theme", r->theme);
    if (r->dpi > 0) {
        fprintf(f, " &middot; PNG at %g dpi", r->dpi);
    }
    fputs("</p>\n", f);
    /* errors and warnings, one line each */
    if (*r->messages) {
        fputs("<ul class=\"messages\">\n", f);
        for (const char *p = r->messages; *p;) {
            size_t n = strcspn(p, "\n");
            char *line = malloc(n + 1);
            if (line) {
                memcpy(line, p, n);
                line[n] = '\0';
                const char *text = strncmp(line, "csvchart: ", 10) == 0 ? line + 10 : line;
                bool warning = strncmp(text, "warning: ", 9) == 0;
                fprintf(f, "<li class=\"%s\">", warning ? "warning" : "error");
                esc(f, text);
                fputs("</li>\n", f);
                free(line);
            }
            p += n + (p[n] == '\n');
        }
        fputs("</ul>\n", f);
    }
    fputs("<div class=\"images\">\n", f);
    char rel[PATH_MAX * 2];
    for (size_t k = 0; k < r->noutputs; k++) {
        const char *e = ext(r->outputs[k]);
        bool png = strcmp(e, "png") == 0, svg = strcmp(e, "svg") == 0;
        if (!(png || svg) || access(r->outputs[k], R_OK) != 0) {
            continue; // a failed figure shows what its last render left, if anything
        }
        double scale = csvchart_scale_from_path(r->outputs[k]);
        relative(from, r->outputs[k], rel, sizeof rel);
        fputs("<figure><img src=\"", f);
        url(f, rel);
        fprintf(f, "?v=%lu\"", version);
        if (r->width > 0) {
            fprintf(f, " width=\"%g\" height=\"%g\"", r->width, r->height);
        }
        fputs(" alt=\"", f);
        esc(f, *r->alt ? r->alt : r->title);
        if (svg) {
            fputs("\"><figcaption>SVG</figcaption></figure>\n", f);
        } else if (scale > 0) {
            fprintf(f, "\"><figcaption>PNG @%gx</figcaption></figure>\n", scale);
        } else {
            fputs("\"><figcaption>PNG 1x</figcaption></figure>\n", f);
        }
    }
    fputs("</div>\n", f);
    if (*r->alt) {
        fputs("<p class=\"alt\"><b>Alt text:</b> ", f);
        esc(f, r->alt);
        fputs("</p>\n", f);
    }
    fputs("<p class=\"files\">", f);
    for (size_t k = 0, shown = 0; k < r->noutputs; k++) {
        if (access(r->outputs[k], R_OK) != 0) {
            continue; // never rendered: no link to nothing
        }
        relative(from, r->outputs[k], rel, sizeof rel);
        fputs(shown++ ? " &middot; <a href=\"" : "<a href=\"", f);
        url(f, rel);
        fputs("\">", f);
        esc(f, strrchr(r->outputs[k], '/') ? strrchr(r->outputs[k], '/') + 1 : r->outputs[k]);
        fputs("</a>", f);
    }
    fputs("</p>\n</section>\n", f);
}

static const char style[] =
    "<style>\n"
    ":root{color-scheme:light dark;font-family:system-ui,sans-serif}\n"
    "body{margin:0 auto;max-width:1320px;padding:1rem 2rem;background:#f4f4f4;color:#121212}\n"
    "@media (prefers-color-scheme:dark){body{background:#1b1b1b;color:#eee}}\n"
    ".fig{background:#fff;color:#121212;border-radius:8px;padding:1rem 1.5rem;margin:1.5rem 0;"
    "box-shadow:0 1px 3px #0003}\n"
    ".fig.dark{background:#121212;color:#eee}\n"
    ".fig.failed{outline:3px solid #c0392b}\n"
    "h1{font-size:1.4rem} h2{margin:0;font-size:1.1rem;font-family:monospace}\n"
    ".title{font-weight:600;margin:.3rem 0}.meta{opacity:.75;margin:.2rem 0}\n"
    ".images{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}\n"
    "figure{margin:.5rem 0;flex:0 1 600px;min-width:280px}figure img{width:100%;height:auto;"
    "border:1px solid #8884}\n"
    "figcaption{font-size:.8rem;opacity:.7}\n"
    "img.broken{outline:3px dashed #c0392b;min-width:200px;min-height:60px}\n"
    ".messages li.error{color:#c0392b}.messages li.warning{color:#a66a00}\n"
    ".fig.dark .messages li.error{color:#ff8a7a}.fig.dark .messages li.warning{color:#ffc14d}\n"
    ".alt{font-size:.9rem}.files{font-size:.85rem}.files a{color:inherit}\n"
    "</style>\n";

/* Counts and marks the images once each has loaded or failed. */
static const char check_images[] =
    "<script>\n"
    "(function () {\n"
    "  var imgs = document.images, left = imgs.length, ok = 0;\n"
    "  function one(img, good) {\n"
    "    if (good) { ok++; } else { img.classList.add('broken'); img.title = 'missing: ' + "
    "img.src; }\n"
    "    if (--left === 0) { document.body.setAttribute('data-images', ok + '/' + imgs.length); }\n"
    "  }\n"
    "  if (!left) { document.body.setAttribute('data-images', '0/0'); }\n"
    "  Array.prototype.forEach.call(imgs, function (img) {\n"
    "    if (img.complete) { one(img, img.naturalWidth > 0); return; }\n"
    "    img.addEventListener('load', function () { one(img, true); });\n"
    "    img.addEventListener('error', function () { one(img, false); });\n"
    "  });\n"
    "})();\n"
    "</script>\n";

int csvchart_cli_html_write(const char *file, const struct figure_report *figs, size_t n,
                            unsigned long version, bool poll)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f) {
        csvchart_cli_error("%s: cannot write the preview page: out of memory", file);
        return 1;
    }
    char *from = real_folder(file);
    size_t failed = 0;
    for (size_t i = 0; i < n; i++) {
        failed += figs[i].failed;
    }
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<title>csvchart preview</title>\n",
          f);
    fputs(style, f);
    fprintf(f, "</head>\n<body data-version=\"%lu\">\n<h1>csvchart preview: %zu figure%s", version,
            n, n == 1 ? "" : "s");
    if (failed) {
        fprintf(f, ", %zu failed", failed);
    }
    fputs("</h1>\n", f);
    if (poll) {
        fputs("<p class=\"meta\">Watching: this page reloads when a figure is rendered "
              "again.</p>\n",
              f);
    }
    for (size_t i = 0; i < n; i++) {
        card(f, from, &figs[i], version);
    }
    fputs(check_images, f);
    if (poll) {
        const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
        fprintf(f,
                "<script>\n"
                "(function () {\n"
                "  var mine = %lu;\n"
                "  window.csvchartWatch = function (version) {\n"
                "    if (version !== mine) { location.reload(); }\n"
                "  };\n"
                "  function poll() {\n"
                "    var s = document.createElement('script');\n"
                "    s.src = '",
                version);
        url(f, base);
        fputs(".js?t=' + Date.now();\n"
              "    s.onload = s.onerror = function () { s.remove(); setTimeout(poll, 500); };\n"
              "    document.head.appendChild(s);\n"
              "  }\n"
              "  setTimeout(poll, 500);\n"
              "})();\n"
              "</script>\n",
              f);
    }
    fputs("</body>\n</html>\n", f);
    free(from);
    if (fclose(f) != 0) {
        free(text);
        csvchart_cli_error("%s: cannot write the preview page: out of memory", file);
        return 1;
    }
    csvchart_error err = {0};
    int rc = 0;
    if (csvchart_write_file_tracked(file, text, len, &csvchart_cli_temps, &err)) {
        csvchart_cli_error("%s", csvchart_error_text(&err));
        rc = 1;
    }
    free(text);
    if (rc == 0 && poll) {
        char js[64], path[PATH_MAX];
        int k = snprintf(js, sizeof js, "csvchartWatch(%lu);\n", version);
        snprintf(path, sizeof path, "%s.js", file);
        if (csvchart_write_file_tracked(path, js, (size_t)k, &csvchart_cli_temps, &err)) {
            csvchart_cli_error("%s", csvchart_error_text(&err));
            rc = 1;
        }
    }
    return rc;
}
