/*
 * text_fake.c - a measurer with fixed advances, for tests; part of the text stage (text.h).
 *
 * Layout tests compare scene dumps byte for byte (STYLE.md section 8), so they cannot depend
 * on installed fonts or on Pango's version. This measurer gives every code point 0.55 em and a
 * CJK code point (csvchart_text_is_cjk) a full em, ascent 0.8 em and descent 0.2 em.
 *
 * Widths are computed as (55 * narrow + 100 * wide) * size / 100 rather than as a sum of
 * 0.55 * size terms, so that for whole pixel sizes they are exact decimals (5 letters at 10 px
 * are 27.5 px, not 27.500000000000004) and tests can compare them with ==.
 */
#include "text.h"
#include "utf8.h"

static void fake_measure(void *ctx, const struct text_style *style, const char *s, size_t len,
                         struct text_metrics *out)
{
    (void)ctx;
    double narrow = 0, wide = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += csvchart_utf8_decode(s + i, len - i, &cp);
        if (csvchart_text_is_cjk(cp)) {
            wide++;
        } else {
            narrow++;
        }
    }
    double size = style->size_px;
    out->width = (narrow * 55 + wide * 100) * size / 100;
    out->ascent = size * 8 / 10;
    out->descent = size * 2 / 10;
}

static const csvchart_text_measurer fake = {.ctx = NULL, .measure = fake_measure};

const csvchart_text_measurer *csvchart_text_fake(void)
{
    return &fake;
}
