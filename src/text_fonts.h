/*
 * text_fonts.h - what the two files of the per-family fontconfig configuration share:
 * text_fonts.c (the table, the cache file and what it depends on; the entry points in text.h)
 * and text_fonts_build.c (the configuration built with Pango's help and checked).
 */
#ifndef CSVCHART_TEXT_FONTS_H
#define CSVCHART_TEXT_FONTS_H

#include <fontconfig/fontconfig.h>
#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/* A growable string; nomem is set (and sticks) when growing fails. */
struct buf {
    char *items;
    size_t len, cap;
    bool nomem;
};

/* text_fonts.c: appending to a buf */
void csvchart_fonts_put(struct buf *b, const char *s, size_t n);
void csvchart_fonts_puts(struct buf *b, const char *s);
void csvchart_fonts_putf(struct buf *b, const char *fmt, ...) CSVCHART_PRINTF(2, 3);
/* XML character data or attribute text, escaped. */
void csvchart_fonts_put_xml(struct buf *b, const char *s);
/* A cache's "dep" line for path: device, inode, size and time, or "-" when it does not exist. */
void csvchart_fonts_put_dep(struct buf *b, const char *path);

/* text_fonts_build.c */
/*
 * The short configuration of `family`, made while `sys` is loaded, into *xml, and a "dep" line
 * for each font file it holds into *deps; false when there is none (its patterns differ from
 * the system's, or out of memory).
 */
bool csvchart_fonts_build(FcConfig *sys, const char *family, struct buf *xml, struct buf *deps);
/* A fontconfig configuration parsed from xml; NULL when it does not parse. */
FcConfig *csvchart_fonts_config_from_xml(const char *xml);

#endif
