/*
 * render_pdf.c - the PDF backend: the scene replayed onto a cairo PDF surface in memory.
 *
 * Pipeline position: scene -> render (this row of the table in render.c) -> PDF bytes.
 *
 * The page is width x height CSS px at 0.75 pt per px; cairo embeds subsets of the fonts used.
 * Determinism: cairo 1.16 stamps /CreationDate from the clock when the surface is created
 * (_cairo_pdf_interchange_init). Setting CAIRO_PDF_METADATA_CREATE_DATE to "" replaces that
 * date with the result of parsing "" - NULL - and the info dictionary then has no date at all
 * (checked on the bytes; NULL would be dereferenced by cairo's parser, so "" it is). In case
 * another cairo version writes a date anyway, the finished bytes are scanned and a
 * "/CreationDate (...)" entry is blanked with spaces, which keeps every xref offset valid.
 * Nothing else in cairo 1.16's PDF depends on time or process state: it writes no /ID, and the
 * font subset tags (ABCDEF+Inter-Regular) are hashed from the subset, as the determinism tests
 * check.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>

#include "render_backend.h"

#define PT_PER_PX 0.75

/* Blanks the first "/CreationDate (...)" entry in place; returns whether one was found. */
static bool blank_creation_date(unsigned char *pdf, size_t len)
{
    static const char key[] = "/CreationDate";
    size_t klen = sizeof key - 1;
    for (size_t i = 0; i + klen < len; i++) {
        if (pdf[i] != '/' || memcmp(pdf + i, key, klen) != 0) {
            continue;
        }
        size_t j = i + klen;
        while (j < len && pdf[j] == ' ') {
            j++;
        }
        if (j >= len || pdf[j] != '(') {
            return false;
        }
        while (j < len && pdf[j] != ')') {
            j++;
        }
        if (j >= len) {
            return false;
        }
        memset(pdf + i, ' ', j + 1 - i);
        return true;
    }
    return false;
}

csvchart_status csvchart_render_pdf(const struct csvchart_scene *s,
                                    const struct render_options *opt, void **data, size_t *len,
                                    csvchart_error *err)
{
    (void)opt;
    struct render_buf out = {0};
    csvchart_status status = CSVCHART_OK;
    cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream(
        csvchart_render_buf_write, &out, s->width * PT_PER_PX, s->height * PT_PER_PX);
    cairo_t *cr = cairo_create(pdf);
    cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATE_DATE, "");
    if (s->title && s->title[0]) {
        cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_TITLE, s->title);
    }
    if (s->desc && s->desc[0]) {
        cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_SUBJECT, s->desc);
    }
    cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATOR,
                                   "csvchart " CSVCHART_VERSION_STRING);
    cairo_scale(cr, PT_PER_PX, PT_PER_PX);
    bool ok = csvchart_render_replay(cr, s, false, opt);
    cairo_status_t cst = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(pdf);
    if (cst == CAIRO_STATUS_SUCCESS) {
        cst = cairo_surface_status(pdf);
    }
    cairo_surface_destroy(pdf);
    if (!ok || out.nomem || cst == CAIRO_STATUS_NO_MEMORY) {
        status = csvchart_error_nomem(err);
    } else if (cst != CAIRO_STATUS_SUCCESS) {
        status = csvchart_error_set(err, CSVCHART_ERROR_INTERNAL, NULL, 0, 0,
                                    "cairo cannot write the PDF: %s", cairo_status_to_string(cst));
    } else {
        blank_creation_date(out.items, out.len);
        status = csvchart_render_buf_detach(&out, data, len, err);
    }
    free(out.items);
    return status;
}
