/*
 * text_inert.c - the proof that a substitution feature cannot change text of an alphabet
 * (text_inert.h).
 *
 * A GSUB lookup changes glyphs only where one of its rules matches: every position of the
 * rule (backtrack, input, lookahead) must hold a glyph of that position's set. So a lookup
 * cannot apply to a buffer whose glyphs all lie in a set G when each of its rules has a
 * position whose set misses G. G is over-estimated as the glyphs of the alphabet (cmap; what
 * HarfBuzz puts in the buffer for printable text before GSUB) plus everything any other lookup
 * of the plan - and the lookups those call - can output (hb_ot_layout_lookup_collect_glyphs()),
 * in whatever order they run; the feature's own lookups then output nothing, by induction over
 * the order lookups are applied in. A feature's lookups are those the shaping plan loses when
 * the feature is turned off (hb_ot_shape_plan_collect_lookups()), so a lookup shared with
 * another feature is never counted as the feature's. Lookups called from inside another
 * lookup's rules run whatever the features, so turning a feature off never touches them.
 *
 * Only the rules are read here, from the raw table, every offset checked against its bounds;
 * anything not understood (a format not in the OpenType 1.9 specification, an offset outside
 * the table) answers "may apply", so the proof can fail to find an inert feature but never
 * calls one inert wrongly. HarfBuzz itself sanitizes the table it shapes with; a table it
 * rejects gives an empty plan, and nothing is proved.
 *
 * Failing a match leaves no trace HarfBuzz reports unless asked for unsafe-to-concat flags,
 * which the measurer never asks for: glyph flags are the same with and without the feature.
 */
#include "text_inert.h"

#include <hb-ot.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* ---- Reading the table ---------------------------------------------------------------------- */

struct table {
    const uint8_t *p;
    size_t len;
};

/* The big-endian 16-bit value at `at`; false when it lies outside the table. */
static bool u16(const struct table *t, size_t at, unsigned int *v)
{
    if (at > t->len || t->len - at < 2) {
        return false;
    }
    *v = (unsigned int)t->p[at] << 8 | t->p[at + 1];
    return true;
}

static bool u32(const struct table *t, size_t at, size_t *v)
{
    unsigned int hi, lo;
    if (!u16(t, at, &hi) || !u16(t, at + 2, &lo)) {
        return false;
    }
    *v = (size_t)hi << 16 | lo;
    return true;
}

/* The position of a subtable whose 16-bit offset (from `base`) is stored at `at`. */
static bool offset16(const struct table *t, size_t base, size_t at, size_t *to)
{
    unsigned int off;
    if (!u16(t, at, &off) || off == 0) {
        return false;
    }
    *to = base + off;
    return *to < t->len;
}

/* ---- Glyph sets ---------------------------------------------------------------------------- */

struct glyphs {
    uint64_t *bits;
    unsigned int n; /* glyph ids are below n */
};

static bool has(const struct glyphs *g, unsigned int id)
{
    return id < g->n && (g->bits[id / 64] >> (id % 64) & 1);
}

static void add(struct glyphs *g, unsigned int id)
{
    if (id < g->n) {
        g->bits[id / 64] |= (uint64_t)1 << (id % 64);
    }
}

/*
 * Calls each(glyph, coverage index) for every glyph of the coverage table at `at` that is in
 * G, until it returns true (then true: the caller found a match). *ok is cleared when the
 * table cannot be read.
 */
typedef bool (*covered_fn)(void *ctx, unsigned int glyph, unsigned int index);

static bool covered(const struct table *t, size_t at, const struct glyphs *g, covered_fn each,
                    void *ctx, bool *ok)
{
    unsigned int format, count;
    if (!u16(t, at, &format) || !u16(t, at + 2, &count)) {
        *ok = false;
        return false;
    }
    for (unsigned int i = 0; i < count; i++) {
        if (format == 1) {
            unsigned int id;
            if (!u16(t, at + 4 + 2 * (size_t)i, &id)) {
                *ok = false;
                return false;
            }
            if (has(g, id) && each(ctx, id, i)) {
                return true;
            }
        } else if (format == 2) {
            unsigned int first, last, index;
            size_t r = at + 4 + 6 * (size_t)i;
            if (!u16(t, r, &first) || !u16(t, r + 2, &last) || !u16(t, r + 4, &index)) {
                *ok = false;
                return false;
            }
            for (unsigned int id = first; id <= last && id < g->n; id++) {
                if (has(g, id) && each(ctx, id, index + (id - first))) {
                    return true;
                }
            }
        } else {
            *ok = false;
            return false;
        }
    }
    return false;
}

static bool any_glyph(void *ctx, unsigned int glyph, unsigned int index)
{
    (void)ctx, (void)glyph, (void)index;
    return true;
}

/* Whether the coverage table whose offset (from base) is at `at` holds a glyph of G; true
 * (may) when it cannot be read. */
static bool covers(const struct table *t, size_t base, size_t at, const struct glyphs *g)
{
    size_t cov;
    bool ok = true;
    if (!offset16(t, base, at, &cov)) {
        return true;
    }
    return covered(t, cov, g, any_glyph, NULL, &ok) || !ok;
}

/* The class of a glyph in the class definition table at `at` (0: not listed); false when
 * the table cannot be read. */
static bool class_of(const struct table *t, size_t at, unsigned int id, unsigned int *cls)
{
    unsigned int format, a, b;
    *cls = 0;
    if (!u16(t, at, &format) || !u16(t, at + 2, &a) || !u16(t, at + 4, &b)) {
        return false;
    }
    if (format == 1) { /* a: the first glyph, b: how many */
        return id < a || id - a >= b || u16(t, at + 6 + 2 * (size_t)(id - a), cls);
    }
    if (format != 2) {
        return false;
    }
    for (unsigned int i = 0; i < a; i++) { /* a: how many ranges */
        unsigned int first, last, c;
        size_t r = at + 4 + 6 * (size_t)i;
        if (!u16(t, r, &first) || !u16(t, r + 2, &last) || !u16(t, r + 4, &c)) {
            return false;
        }
        if (id >= first && id <= last) {
            *cls = c;
            return true;
        }
    }
    return true;
}

/* The classes that glyphs of G have in a class definition table (a bit per class). */
struct classes {
    uint64_t bits[65536 / 64];
};

static bool classes_of(const struct table *t, size_t at, const struct glyphs *g,
                       struct classes *out)
{
    memset(out->bits, 0, sizeof out->bits);
    for (unsigned int w = 0; w < (g->n + 63) / 64; w++) {
        for (uint64_t bits = g->bits[w]; bits; bits &= bits - 1) {
            unsigned int cls, id = w * 64 + (unsigned int)__builtin_ctzll(bits);
            if (!class_of(t, at, id, &cls)) {
                return false;
            }
            out->bits[cls / 64] |= (uint64_t)1 << (cls % 64);
        }
    }
    return true;
}

static bool in_class(const struct classes *c, unsigned int cls)
{
    return c->bits[cls / 64] >> (cls % 64) & 1;
}

/* ---- Rules ---------------------------------------------------------------------------------- */

/*
 * Whether `count` 16-bit values from `at` can all be matched in G: glyph ids (cls NULL), or
 * classes of a class definition (cls: the classes G's glyphs have). *ok cleared when they
 * cannot be read.
 */
static bool sequence_matches(const struct table *t, size_t at, unsigned int count,
                             const struct glyphs *g, const struct classes *cls, bool *ok)
{
    for (unsigned int i = 0; i < count; i++) {
        unsigned int v;
        if (!u16(t, at + 2 * (size_t)i, &v)) {
            *ok = false;
            return false;
        }
        if (cls ? !in_class(cls, v) : !has(g, v)) {
            return false;
        }
    }
    return true;
}

/* Whether all `count` coverage tables whose offsets (from base) start at `at` hold a glyph of
 * G. */
static bool coverages_match(const struct table *t, size_t base, size_t at, unsigned int count,
                            const struct glyphs *g)
{
    for (unsigned int i = 0; i < count; i++) {
        if (!covers(t, base, at + 2 * (size_t)i, g)) {
            return false;
        }
    }
    return true;
}

/*
 * A rule set (a ligature set, a sequence rule set or a chained one): the first glyph (or
 * class) is matched already; whether one of its rules can match the rest. `kind`: 4
 * ligature, 5 sequence rule, 6 chained sequence rule; classes: NULL for glyph ids, else the
 * classes of G under the backtrack, input and lookahead class definitions.
 */
struct rule_walk {
    const struct table *t;
    const struct glyphs *g;
    size_t sub;              /* the subtable */
    size_t sets;             /* where its rule set offsets begin */
    unsigned int nsets;      /* how many */
    int kind;                /* 4, 5 or 6 */
    const struct classes *c; /* [3]: backtrack, input, lookahead; NULL: glyph ids */
    bool ok;
    size_t input_def; /* with classes: the input class definition */
};

static bool rule_matches(struct rule_walk *w, size_t rule)
{
    const struct table *t = w->t;
    unsigned int n;
    if (w->kind == 4) { /* ligatureGlyph, componentCount, components[componentCount - 1] */
        if (!u16(t, rule + 2, &n)) {
            w->ok = false;
            return false;
        }
        return n == 0 || sequence_matches(t, rule + 4, n - 1, w->g, NULL, &w->ok);
    }
    if (w->kind == 5) { /* glyphCount, seqLookupCount, inputSequence[glyphCount - 1] */
        if (!u16(t, rule, &n)) {
            w->ok = false;
            return false;
        }
        return n == 0 || sequence_matches(t, rule + 4, n - 1, w->g, w->c ? &w->c[1] : NULL, &w->ok);
    }
    /* backtrackGlyphCount, backtrack[], inputGlyphCount, input[count - 1], lookaheadGlyphCount,
     * lookahead[] */
    size_t at = rule;
    for (int part = 0; part < 3; part++) {
        if (!u16(t, at, &n)) {
            w->ok = false;
            return false;
        }
        unsigned int len = part == 1 ? (n ? n - 1 : 0) : n;
        if (!sequence_matches(t, at + 2, len, w->g, w->c ? &w->c[part] : NULL, &w->ok)) {
            return false;
        }
        at += 2 + 2 * (size_t)len;
    }
    return true;
}

/* Whether a rule of rule set `index` can match. */
static bool set_matches(struct rule_walk *w, unsigned int index)
{
    unsigned int off, n;
    if (index >= w->nsets) {
        return false; /* no rule set for it */
    }
    if (!u16(w->t, w->sets + 2 * (size_t)index, &off)) {
        w->ok = false;
        return false;
    }
    size_t set = w->sub + off;
    if (off == 0) {
        return false; /* no rules (allowed for rule sets by class) */
    }
    if (!u16(w->t, set, &n)) {
        w->ok = false;
        return false;
    }
    for (unsigned int i = 0; i < n; i++) {
        size_t rule;
        if (!offset16(w->t, set, set + 2 + 2 * (size_t)i, &rule)) {
            w->ok = false;
            return false;
        }
        if (rule_matches(w, rule)) {
            return true;
        }
    }
    return false;
}

/* A covered glyph of G: the rule set of its coverage index (rule sets by glyph). */
static bool set_of_glyph(void *ctx, unsigned int glyph, unsigned int index)
{
    (void)glyph;
    return set_matches(ctx, index);
}

/* A covered glyph of G: the rule set of its input class (rule sets by class). */
static bool set_of_class(void *ctx, unsigned int glyph, unsigned int index)
{
    struct rule_walk *w = ctx;
    unsigned int cls;
    (void)index;
    if (!class_of(w->t, w->input_def, glyph, &cls)) {
        w->ok = false;
        return false;
    }
    return set_matches(w, cls);
}

/* ---- Subtables ------------------------------------------------------------------------------ */

/* Whether a subtable (at `s`, of lookup type `type`) may change a buffer of G's glyphs. */
static bool subtable_may_apply(const struct table *t, unsigned int type, size_t s,
                               const struct glyphs *g)
{
    unsigned int format, n, m;
    if (!u16(t, s, &format)) {
        return true;
    }
    switch (type) {
    case 1: /* single, multiple, alternate: any covered glyph is replaced */
    case 2:
    case 3:
        return format > 2 || covers(t, s, s + 2, g);
    case 4: { /* ligature: coverage, ligatureSetCount, ligatureSetOffsets[] */
        size_t cov;
        if (format != 1 || !offset16(t, s, s + 2, &cov) || !u16(t, s + 4, &n)) {
            return true;
        }
        struct rule_walk w = {t, g, s, s + 6, n, 4, NULL, true, 0};
        return covered(t, cov, g, set_of_glyph, &w, &w.ok) || !w.ok;
    }
    case 5:
    case 6: {
        size_t cov;
        if (format == 1) { /* coverage, ruleSetCount, ruleSetOffsets[] */
            if (!offset16(t, s, s + 2, &cov) || !u16(t, s + 4, &n)) {
                return true;
            }
            struct rule_walk w = {t, g, s, s + 6, n, (int)type, NULL, true, 0};
            return covered(t, cov, g, set_of_glyph, &w, &w.ok) || !w.ok;
        }
        if (format == 2) {
            /* 5: coverage, classDef, count, offsets[]; 6: coverage, backtrack, input and
             * lookahead classDefs, count, offsets[] */
            size_t defs[3], at = s + 4;
            int ndefs = type == 5 ? 1 : 3;
            for (int i = 0; i < ndefs; i++, at += 2) {
                if (!offset16(t, s, at, &defs[i])) {
                    return true;
                }
            }
            if (!offset16(t, s, s + 2, &cov) || !u16(t, at, &n)) {
                return true;
            }
            struct classes *c = malloc(3 * sizeof *c);
            if (!c) {
                return true;
            }
            bool ok = true;
            for (int i = 0; i < 3 && ok; i++) {
                ok = classes_of(t, type == 5 ? defs[0] : defs[i], g, &c[i]);
            }
            /* The first glyph: in G, covered, and its input class names the rule set. */
            struct rule_walk w = {
                t, g, s, at + 2, n, (int)type, c, ok, type == 5 ? defs[0] : defs[1]};
            bool may = !ok || covered(t, cov, g, set_of_class, &w, &w.ok) || !w.ok;
            free(c);
            return may;
        }
        if (format == 3) {
            if (type == 5) { /* glyphCount, seqLookupCount, coverageOffsets[glyphCount] */
                return !u16(t, s + 2, &n) || coverages_match(t, s, s + 6, n, g);
            }
            /* backtrackCount, coverages[], inputCount, coverages[], lookaheadCount, coverages[] */
            size_t at = s + 2;
            for (int part = 0; part < 3; part++) {
                if (!u16(t, at, &n)) {
                    return true;
                }
                if (!coverages_match(t, s, at + 2, n, g)) {
                    return false;
                }
                at += 2 + 2 * (size_t)n;
            }
            return true;
        }
        return true;
    }
    case 8: /* reverse chained single: coverage, backtrack coverages, lookahead coverages */
        if (format != 1 || !u16(t, s + 4, &n) || !u16(t, s + 6 + 2 * (size_t)n, &m)) {
            return true;
        }
        return covers(t, s, s + 2, g) && coverages_match(t, s, s + 6, n, g) &&
               coverages_match(t, s, s + 8 + 2 * (size_t)n, m, g);
    default:
        return true;
    }
}

/* Whether lookup `index` of the GSUB table may change a buffer of G's glyphs. */
static bool lookup_may_apply(const struct table *t, unsigned int index, const struct glyphs *g)
{
    size_t list, lookup;
    unsigned int count, type, nsub;
    if (!offset16(t, 0, 8, &list) || !u16(t, list, &count) || index >= count ||
        !offset16(t, list, list + 2 + 2 * (size_t)index, &lookup) || !u16(t, lookup, &type) ||
        !u16(t, lookup + 4, &nsub)) {
        return true;
    }
    for (unsigned int i = 0; i < nsub; i++) {
        size_t s;
        unsigned int sub_type = type;
        if (!offset16(t, lookup, lookup + 6 + 2 * (size_t)i, &s)) {
            return true;
        }
        if (type == 7) { /* extension: format 1, the real type, a 32-bit offset */
            unsigned int format;
            size_t off;
            if (!u16(t, s, &format) || format != 1 || !u16(t, s + 2, &sub_type) || sub_type == 7 ||
                !u32(t, s + 4, &off) || off == 0 || off >= t->len - s) {
                return true;
            }
            s += off;
        }
        if (subtable_may_apply(t, sub_type, s, g)) {
            return true;
        }
    }
    return false;
}

/* ---- Features ------------------------------------------------------------------------------- */

/* The GSUB lookups of the plan for these features (a new set; empty when none). */
static hb_set_t *plan_lookups(hb_face_t *face, const hb_segment_properties_t *props,
                              const hb_feature_t *features, unsigned int n)
{
    hb_set_t *set = hb_set_create();
    hb_shape_plan_t *plan = hb_shape_plan_create_cached2(face, props, features, n, NULL, 0, NULL);
    hb_ot_shape_plan_collect_lookups(plan, HB_OT_TAG_GSUB, set);
    hb_shape_plan_destroy(plan);
    return set;
}

#define CANDIDATES 7
#define ASKED_MAX 64

/* The glyphs every lookup of `lookups` except those of `own` (and the lookups they call) can
 * output, added to g; outputs[l] caches lookup l's (NULL: not collected yet). */
static void add_outputs(hb_face_t *face, const hb_set_t *lookups, const hb_set_t *own,
                        hb_set_t **outputs, unsigned int nlookups, struct glyphs *g)
{
    for (hb_codepoint_t l = HB_SET_VALUE_INVALID; hb_set_next(lookups, &l);) {
        if (hb_set_has(own, l) || l >= nlookups) {
            continue;
        }
        if (!outputs[l]) {
            outputs[l] = hb_set_create();
            hb_ot_layout_lookup_collect_glyphs(face, HB_OT_TAG_GSUB, l, NULL, NULL, NULL,
                                               outputs[l]);
        }
        for (hb_codepoint_t id = HB_SET_VALUE_INVALID; hb_set_next(outputs[l], &id);) {
            add(g, id);
        }
    }
}

/* Whether no lookup of `own` may apply to a buffer of g's glyphs. */
static bool none_applies(const struct table *t, const hb_set_t *own, const struct glyphs *g)
{
    for (hb_codepoint_t l = HB_SET_VALUE_INVALID; hb_set_next(own, &l);) {
        if (lookup_may_apply(t, l, g)) {
            return false;
        }
    }
    return true;
}

unsigned int csvchart_inert_features(hb_font_t *font, const hb_segment_properties_t *props,
                                     const hb_feature_t *asked, unsigned int nasked,
                                     const uint32_t *alphabet, size_t nalphabet, hb_feature_t *out,
                                     unsigned int max)
{
    static const char candidates[CANDIDATES][5] = {"ccmp", "locl", "rlig", "rclt",
                                                   "calt", "clig", "liga"};
    hb_face_t *face = hb_font_get_face(font);
    hb_blob_t *blob = hb_face_reference_table(face, HB_OT_TAG_GSUB);
    unsigned int len = 0, written = 0;
    const uint8_t *data = (const uint8_t *)hb_blob_get_data(blob, &len);
    struct table t = {data, len};
    unsigned int nglyphs = hb_face_get_glyph_count(face);
    unsigned int nlookups = hb_ot_layout_table_get_lookup_count(face, HB_OT_TAG_GSUB);
    size_t words = ((size_t)nglyphs + 63) / 64;
    struct glyphs alpha = {calloc(words ? words : 1, sizeof(uint64_t)), nglyphs};
    struct glyphs g = {malloc((words ? words : 1) * sizeof(uint64_t)), nglyphs};
    hb_set_t **outputs = calloc(nlookups ? nlookups : 1, sizeof *outputs);
    hb_set_t *all = NULL;
    hb_feature_t features[ASKED_MAX + 1];
    if (t.len == 0 || nlookups == 0 || nasked >= ASKED_MAX || !alpha.bits || !g.bits || !outputs) {
        goto done;
    }
    for (size_t i = 0; i < nalphabet; i++) {
        hb_codepoint_t id;
        if (!hb_font_get_nominal_glyph(font, alphabet[i], &id)) {
            goto done;
        }
        add(&alpha, id);
    }
    all = plan_lookups(face, props, asked, nasked);
    if (nasked) {
        memcpy(features, asked, nasked * sizeof *features);
    }
    for (int k = 0; k < CANDIDATES && written < max; k++) {
        hb_tag_t tag = hb_tag_from_string(candidates[k], 4);
        bool named = false;
        for (unsigned int i = 0; i < nasked; i++) {
            named = named || asked[i].tag == tag;
        }
        /* A feature the font does not have for any script is skipped without a plan. */
        hb_tag_t tags[2] = {tag, HB_TAG_NONE};
        hb_set_t *own = hb_set_create();
        hb_ot_layout_collect_lookups(face, HB_OT_TAG_GSUB, NULL, NULL, tags, own);
        if (named || hb_set_is_empty(own)) {
            hb_set_destroy(own);
            continue;
        }
        /* The feature's lookups: those the plan loses without it. */
        features[nasked] = (hb_feature_t){tag, 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END};
        hb_set_t *without = plan_lookups(face, props, features, nasked + 1);
        hb_set_set(own, all);
        hb_set_subtract(own, without);
        /* First against the alphabet alone (most features that can apply fail here, before
         * any output is collected), then against everything the other lookups can output. */
        bool inert = !hb_set_is_empty(own) && none_applies(&t, own, &alpha);
        if (inert) {
            memcpy(g.bits, alpha.bits, words * sizeof *g.bits);
            add_outputs(face, without, own, outputs, nlookups, &g);
            inert = none_applies(&t, own, &g);
        }
        if (inert) {
            out[written++] = features[nasked];
        }
        hb_set_destroy(own);
        hb_set_destroy(without);
    }
done:
    for (unsigned int l = 0; outputs && l < nlookups; l++) {
        hb_set_destroy(outputs[l]);
    }
    free(outputs);
    free(alpha.bits);
    free(g.bits);
    hb_set_destroy(all);
    hb_blob_destroy(blob);
    return written;
}
