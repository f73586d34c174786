/*
 * test_text_inert.c - the proof that a font's substitution features cannot change text of an
 * alphabet (src/text_inert.c), checked against HarfBuzz itself: whatever it calls inert must
 * shape every text the same with the feature off - glyphs, clusters, flags and positions -
 * and what it must not call inert (a feature that does change text) it does not.
 * Needs Inter and DejaVu Sans; exits 77 (skip) when fontconfig lacks one.
 */
#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
#include <hb.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "property.h"
#include "text_inert.h"

static uint64_t seed = 0x2545F4914F6CDD1DULL;
static uint32_t rnd(uint32_t n)
{
    return property_next(&seed) % n;
}

/* The font file fontconfig matches for a family and weight, as a HarfBuzz font; NULL when
 * it matches another family. */
static hb_font_t *font_for(const char *family, int weight)
{
    FcPattern *p = FcNameParse((const FcChar8 *)family);
    FcPatternAddInteger(p, FC_WEIGHT, FcWeightFromOpenType(weight));
    FcConfigSubstitute(NULL, p, FcMatchPattern);
    FcDefaultSubstitute(p);
    FcResult res;
    FcPattern *m = FcFontMatch(NULL, p, &res);
    FcChar8 *file = NULL, *got = NULL;
    int index = 0;
    hb_font_t *font = NULL;
    if (m && FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch &&
        FcPatternGetString(m, FC_FAMILY, 0, &got) == FcResultMatch &&
        strcmp((const char *)got, family) == 0) {
        FcPatternGetInteger(m, FC_INDEX, 0, &index);
        hb_blob_t *blob = hb_blob_create_from_file((const char *)file);
        hb_face_t *face = hb_face_create(blob, (unsigned int)index);
        font = hb_font_create(face);
        hb_font_set_scale(font, 64 * 1024, 64 * 1024);
        hb_face_destroy(face);
        hb_blob_destroy(blob);
    }
    FcPatternDestroy(m);
    FcPatternDestroy(p);
    return font;
}

static const hb_segment_properties_t latin = {HB_DIRECTION_LTR, HB_SCRIPT_LATIN, NULL, NULL, NULL};

static void shape(hb_buffer_t *b, hb_font_t *font, const char *s, size_t len,
                  const hb_feature_t *features, unsigned int n)
{
    hb_buffer_clear_contents(b);
    hb_buffer_set_segment_properties(b, &latin);
    hb_buffer_set_cluster_level(b, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
    hb_buffer_set_flags(b, HB_BUFFER_FLAG_BOT | HB_BUFFER_FLAG_EOT);
    hb_buffer_add_utf8(b, s, (int)len, 0, (int)len);
    hb_shape(font, b, features, n);
}

/* Whether two shaped buffers are the same in every glyph's id, cluster, flags and position. */
static bool same(hb_buffer_t *a, hb_buffer_t *b)
{
    unsigned int na, nb;
    const hb_glyph_info_t *ia = hb_buffer_get_glyph_infos(a, &na);
    const hb_glyph_info_t *ib = hb_buffer_get_glyph_infos(b, &nb);
    const hb_glyph_position_t *pa = hb_buffer_get_glyph_positions(a, NULL);
    const hb_glyph_position_t *pb = hb_buffer_get_glyph_positions(b, NULL);
    if (na != nb) {
        return false;
    }
    for (unsigned int i = 0; i < na; i++) {
        if (ia[i].codepoint != ib[i].codepoint || ia[i].cluster != ib[i].cluster ||
            hb_glyph_info_get_glyph_flags(&ia[i]) != hb_glyph_info_get_glyph_flags(&ib[i]) ||
            pa[i].x_advance != pb[i].x_advance || pa[i].y_advance != pb[i].y_advance ||
            pa[i].x_offset != pb[i].x_offset || pa[i].y_offset != pb[i].y_offset) {
            return false;
        }
    }
    return true;
}

static uint32_t printable[95];

/* How many of `count` random printable ASCII texts (and, with pairs, every two-character
 * one) shape differently with the features off. */
static size_t differing(hb_font_t *font, const hb_feature_t *off, unsigned int n, size_t count,
                        bool pairs)
{
    hb_buffer_t *a = hb_buffer_create(), *b = hb_buffer_create();
    char s[48];
    size_t bad = 0;
    for (size_t t = 0; t < count; t++) {
        size_t len = 1 + rnd(40);
        for (size_t k = 0; k < len; k++) {
            s[k] = (char)(0x20 + rnd(95));
        }
        shape(a, font, s, len, NULL, 0);
        shape(b, font, s, len, off, n);
        bad += !same(a, b);
    }
    for (int x = 0x20; pairs && x < 0x7f; x++) {
        for (int y = 0x20; y < 0x7f; y++) {
            s[0] = (char)x, s[1] = (char)y;
            shape(a, font, s, 2, NULL, 0);
            shape(b, font, s, 2, off, n);
            bad += !same(a, b);
        }
    }
    hb_buffer_destroy(a);
    hb_buffer_destroy(b);
    return bad;
}

static bool names(const hb_feature_t *f, unsigned int n, const char *tag)
{
    for (unsigned int i = 0; i < n; i++) {
        if (f[i].tag == hb_tag_from_string(tag, 4) && f[i].value == 0) {
            return true;
        }
    }
    return false;
}

static hb_font_t *fonts[4];
static const char *const font_names[4] = {"Inter 400", "Inter 700", "DejaVu Sans 400",
                                          "DejaVu Sans 700"};

/* What is proved inert shapes every text the same without it; ccmp, in both families, is
 * (their ccmp composes letters with combining marks, which ASCII has none of). */
static void test_inert_is_the_same(void)
{
    for (int f = 0; f < 4; f++) {
        hb_feature_t off[8];
        unsigned int n = csvchart_inert_features(fonts[f], &latin, NULL, 0, printable, 95, off, 8);
        HARNESS_REPORT(names(off, n, "ccmp"), "%s: ccmp not proved inert", font_names[f]);
        size_t bad = differing(fonts[f], off, n, 20000, true);
        HARNESS_REPORT(bad == 0, "%s: %zu texts shaped differently", font_names[f], bad);
    }
}

/* A feature that changes some ASCII text is never called inert: each candidate, turned off
 * alone, is checked on random texts; and a combining mark in the alphabet makes ccmp live. */
static void test_live_is_not_inert(void)
{
    static const char *const candidates[] = {"ccmp", "locl", "rlig", "rclt",
                                             "calt", "clig", "liga"};
    size_t live = 0;
    for (int f = 0; f < 4; f++) {
        hb_feature_t off[8];
        unsigned int n = csvchart_inert_features(fonts[f], &latin, NULL, 0, printable, 95, off, 8);
        for (size_t k = 0; k < sizeof candidates / sizeof candidates[0]; k++) {
            hb_feature_t one = {hb_tag_from_string(candidates[k], 4), 0, 0, (unsigned int)-1};
            if (differing(fonts[f], &one, 1, 3000, false) > 0) {
                live++;
                HARNESS_REPORT(!names(off, n, candidates[k]), "%s: %s changes text, called inert",
                               font_names[f], candidates[k]);
            }
        }
        uint32_t marked[96];
        memcpy(marked, printable, sizeof printable);
        marked[95] = 0x0301; /* COMBINING ACUTE ACCENT */
        n = csvchart_inert_features(fonts[f], &latin, NULL, 0, marked, 96, off, 8);
        HARNESS_REPORT(!names(off, n, "ccmp"), "%s: ccmp inert with a combining accent",
                       font_names[f]);
    }
    CHECK(live >= 2); /* Inter's calt, DejaVu's liga: the check above was not idle */
    /* A feature named by the caller is left to it; so is a character without a glyph. */
    hb_feature_t asked = {hb_tag_from_string("ccmp", 4), 1, 0, (unsigned int)-1}, off[8];
    CHECK(!names(off, csvchart_inert_features(fonts[0], &latin, &asked, 1, printable, 95, off, 8),
                 "ccmp"));
    uint32_t none[2] = {'a', 0x10FFFD};
    CHECK_INT(csvchart_inert_features(fonts[0], &latin, NULL, 0, none, 2, off, 8), 0);
}

/* A copy of a font's face with its GSUB table's bytes changed at random: the proof reads the
 * raw table, so it must stay inside it (the sanitizer builds check that), and whatever it
 * still calls inert must shape the same. */
static void test_damaged_tables(void)
{
    hb_face_t *face = hb_font_get_face(fonts[0]);
    hb_blob_t *gsub = hb_face_reference_table(face, HB_OT_TAG_GSUB);
    unsigned int len = 0;
    const char *data = hb_blob_get_data(gsub, &len);
    hb_tag_t tags[64];
    unsigned int ntags = 64;
    hb_face_get_table_tags(face, 0, &ntags, tags);
    char *copy = malloc(len);
    size_t proved = 0, bad = 0;
    for (int round = 0; copy && round < 60; round++) {
        memcpy(copy, data, len);
        for (int k = 0; k < 1 + round * 4; k++) {
            copy[rnd(len)] = (char)rnd(256);
        }
        hb_face_t *builder = hb_face_builder_create();
        for (unsigned int i = 0; i < ntags; i++) {
            hb_blob_t *t = tags[i] == HB_OT_TAG_GSUB
                               ? hb_blob_create(copy, len, HB_MEMORY_MODE_DUPLICATE, NULL, NULL)
                               : hb_face_reference_table(face, tags[i]);
            hb_face_builder_add_table(builder, tags[i], t);
            hb_blob_destroy(t);
        }
        hb_blob_t *blob = hb_face_reference_blob(builder);
        hb_face_t *damaged = hb_face_create(blob, 0);
        hb_font_t *font = hb_font_create(damaged);
        hb_font_set_scale(font, 64 * 1024, 64 * 1024);
        hb_feature_t off[8];
        unsigned int n = csvchart_inert_features(font, &latin, NULL, 0, printable, 95, off, 8);
        if (n) {
            proved++;
            bad += differing(font, off, n, 300, false);
        }
        hb_font_destroy(font);
        hb_face_destroy(damaged);
        hb_blob_destroy(blob);
        hb_face_destroy(builder);
    }
    free(copy);
    hb_blob_destroy(gsub);
    CHECK_INT(bad, 0);
    CHECK(proved > 0); /* light damage leaves ccmp's rules readable */
}

int main(void)
{
    for (int i = 0; i < 95; i++) {
        printable[i] = (uint32_t)(0x20 + i);
    }
    fonts[0] = font_for("Inter", 400);
    fonts[1] = font_for("Inter", 700);
    fonts[2] = font_for("DejaVu Sans", 400);
    fonts[3] = font_for("DejaVu Sans", 700);
    for (int f = 0; f < 4; f++) {
        if (!fonts[f]) {
            fprintf(stderr, "skipped: fontconfig has no %s\n", font_names[f]);
            return 77;
        }
    }
    RUN(test_inert_is_the_same);
    RUN(test_live_is_not_inert);
    RUN(test_damaged_tables);
    for (int f = 0; f < 4; f++) {
        hb_font_destroy(fonts[f]);
    }
    return harness_done();
}
