/*
 * render_svg_paths.c - SVG with svg_text = paths: the scene replayed through cairo's SVG
 * surface, so text becomes glyph outlines and the file needs no font, then its ids rewritten.
 *
 * Cairo names some ids from process-wide counters (surfaceN, imageN), so two figures rendered
 * in one process, or in another order, would differ. The output is post-processed: every
 * id="..." is renamed, in order of appearance, to "<base>-<cairo's alphabetic prefix><ordinal>"
 * (base is render_svg.c's content-hash id), and every href="#..." and url(#...) that refers to
 * one follows. The accessibility attributes and <title>/<desc> that render_svg.c writes on its
 * own documents are added too.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-svg.h>

#include "array.h"
#include "render_svg.h"

/* ---- svg_text_paths: cairo's SVG with its ids rewritten ------------------------------------ */

struct ids {
    char **items;
    size_t len, cap;
};

static bool is_id_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
}

/* The id starting at p (up to the first non-id character); its length in *n. */
static size_t id_len(const unsigned char *p, const unsigned char *end)
{
    size_t n = 0;
    while (p + n < end && is_id_char(p[n])) {
        n++;
    }
    return n;
}

static bool starts(const unsigned char *p, const unsigned char *end, const char *lit)
{
    size_t n = strlen(lit);
    return (size_t)(end - p) >= n && memcmp(p, lit, n) == 0;
}

static ptrdiff_t find_id(const struct ids *ids, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < ids->len; i++) {
        if (strlen(ids->items[i]) == n && memcmp(ids->items[i], p, n) == 0) {
            return (ptrdiff_t)i;
        }
    }
    return -1;
}

/* The new name of the i-th id: "<base>-<old id's letters><i>". */
static void new_id(struct render_buf *b, const char *base, const char *old, size_t i)
{
    char tmp[32];
    csvchart_render_buf_put(b, base, strlen(base));
    csvchart_render_buf_put(b, "-", 1);
    size_t letters = 0;
    while (letters < 16 && ((old[letters] >= 'a' && old[letters] <= 'z') ||
                            (old[letters] >= 'A' && old[letters] <= 'Z'))) {
        letters++;
    }
    csvchart_render_buf_put(b, old, letters);
    snprintf(tmp, sizeof tmp, "%zu", i);
    csvchart_render_buf_put(b, tmp, strlen(tmp));
}

/*
 * Copies cairo's SVG from `in` to `b` with every id renamed (see the top of the file) and the
 * accessibility attributes and elements added to the root. Returns false when out of memory.
 */
static bool rewrite_ids(struct render_buf *b, const struct render_buf *in,
                        const struct csvchart_scene *s, const char *base)
{
    const unsigned char *p = in->items, *end = in->items + in->len;
    struct ids ids = {0};
    bool ok = true;
    /* Pass 1: the ids, in order of definition. */
    for (const unsigned char *q = p; q < end; q++) {
        if (*q != 'i' || !starts(q, end, "id=\"") || (q > p && is_id_char(q[-1]))) {
            continue;
        }
        q += 4;
        size_t n = id_len(q, end);
        if (n && find_id(&ids, q, n) < 0) {
            char *copy = csvchart_strndup((const char *)q, n);
            if (!copy || !csvchart_array_reserve((void **)&ids.items, &ids.cap, ids.len + 1,
                                                 sizeof *ids.items)) {
                free(copy);
                ok = false;
                goto done;
            }
            ids.items[ids.len++] = copy;
        }
    }
    /* Pass 2: copy, renaming at id=", href="# and url(#, and dressing up the root tag. */
    bool root_done = false;
    const unsigned char *run = p;
    for (const unsigned char *q = p; q < end;) {
        if (!root_done && starts(q, end, "<svg")) {
            const unsigned char *gt = memchr(q, '>', (size_t)(end - q));
            if (gt && gt > q && gt[-1] != '/') {
                csvchart_render_buf_put(b, run, (size_t)(gt - run));
                csvchart_svg_a11y_attrs(b, s, base);
                csvchart_render_buf_put(b, ">\n", 2);
                csvchart_svg_a11y_elements(b, s, base);
                q = run = gt + 1;
                if (q < end && *q == '\n') {
                    q = run = q + 1;
                }
                root_done = true;
                continue;
            }
        }
        size_t skip = 0;
        if (starts(q, end, "id=\"") && (q == p || !is_id_char(q[-1]))) {
            skip = 4;
        } else if (starts(q, end, "href=\"#")) {
            skip = 7;
        } else if (starts(q, end, "url(#")) {
            skip = 5;
        }
        if (skip) {
            size_t n = id_len(q + skip, end);
            ptrdiff_t i = find_id(&ids, q + skip, n);
            if (n && i >= 0) {
                csvchart_render_buf_put(b, run, (size_t)(q + skip - run));
                new_id(b, base, ids.items[i], (size_t)i);
                q = run = q + skip + n;
                continue;
            }
        }
        q++;
    }
    csvchart_render_buf_put(b, run, (size_t)(end - run));
    ok = !b->nomem;
done:
    for (size_t i = 0; i < ids.len; i++) {
        free(ids.items[i]);
    }
    free(ids.items);
    return ok;
}

csvchart_status csvchart_svg_text_paths(const struct csvchart_scene *s, const char *base,
                                        const struct render_options *opt, struct render_buf *b,
                                        csvchart_error *err)
{
    struct render_buf raw = {0};
    cairo_surface_t *svg =
        cairo_svg_surface_create_for_stream(csvchart_render_buf_write, &raw, s->width, s->height);
    cairo_svg_surface_restrict_to_version(svg, CAIRO_SVG_VERSION_1_1);
    cairo_svg_surface_set_document_unit(svg, CAIRO_SVG_UNIT_PX);
    cairo_t *cr = cairo_create(svg);
    bool ok = csvchart_render_replay(cr, s, false, opt);
    cairo_status_t cst = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(svg);
    if (cst == CAIRO_STATUS_SUCCESS) {
        cst = cairo_surface_status(svg);
    }
    cairo_surface_destroy(svg);
    csvchart_status status = CSVCHART_OK;
    if (!ok || raw.nomem || cst == CAIRO_STATUS_NO_MEMORY) {
        status = csvchart_error_nomem(err);
    } else if (cst != CAIRO_STATUS_SUCCESS) {
        status = csvchart_error_set(err, CSVCHART_ERROR_INTERNAL, NULL, 0, 0,
                                    "cairo cannot write the SVG: %s", cairo_status_to_string(cst));
    } else if (!rewrite_ids(b, &raw, s, base)) {
        status = csvchart_error_nomem(err);
    }
    free(raw.items);
    return status;
}
