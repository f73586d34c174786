/*
 * text_check.c - after layout: a font family that is not installed, and the characters no
 * installed font has (text_check.h).
 *
 * Pipeline position: figure.c calls it between layout and render with the measurer that
 * measured the scene. It reads the scene's text (what is drawn, in the family drawn), and the
 * options and the table only to say where a character came from. It never changes the scene:
 * what is missing is drawn as Pango draws it (another family; a box holding the code point).
 *
 * Cost: a figure whose text is printable ASCII costs one loop over its bytes; a text that is
 * not costs a lookup in the measurer's cache, which noted while measuring whether a glyph
 * was missing. Only when one is does more happen: a bitset of the characters seen, the
 * options searched, and one pass over the cells that are not ASCII, which stops as soon as
 * every character has a cell that draws it.
 */
#include "text_check.h"
#include "utf8.h"

#include <glib-object.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TRACK 256 /* distinct characters placed and listed; beyond, only counted */
#define LISTED 10 /* code points the summary lists */
#define SCRIPTS 4 /* scripts the summary names */
#define PLACES 4  /* places the summary names */
#define QUOTED 40 /* bytes of a text quoted in a warning */
#define MAX_CP 0x110000u

/* Where a character comes from, in the order the warnings come in. */
enum origin { FROM_OPTION, FROM_CELL, FROM_DRAWN };

struct miss {
    uint32_t cp;
    size_t item; /* the first text item of the scene that draws it */
    enum origin origin;
    size_t rank, col; /* option: index in sources[]; cell: line and column; drawn: item */
    size_t offset;    /* bytes into that text where the character first is */
    const char *cell; /* FROM_CELL: the cell's text, borrowed from the table */
    bool drawn;       /* FROM_CELL: the cell holds a text drawn with the character */
};

/* The options whose text is drawn, in the order a reader meets them on the figure. */
static const enum option_id text_options[] = {
    OPT_TITLE,    OPT_SUBTITLE, OPT_AXIS_TITLE,  OPT_RULE,        OPT_BAND,
    OPT_ANNOTATE, OPT_MARKER,   OPT_RATIO_LABEL, OPT_TREND_LABEL, OPT_VALUE_FORMAT,
    OPT_NOTE,     OPT_SOURCE,   OPT_BYLINE,
};
#define NSOURCES (sizeof text_options / sizeof text_options[0])

struct source {
    const char *name, *text, *file; /* file: where it was set (NULL: a flag or the API) */
    size_t line;
};

static void sources_of(const struct option_values *vals, const struct spec *spec,
                       struct source out[NSOURCES])
{
    for (size_t i = 0; i < NSOURCES; i++) {
        enum option_id id = text_options[i];
        const struct option_value *v = &vals->v[id];
        out[i] = (struct source){.name = csvchart_option_def(id)->name,
                                 .text = v->text ? v->text : csvchart_option_def(id)->def,
                                 .file = v->file,
                                 .line = v->line};
        if (id == OPT_BYLINE && !v->text && spec->theme.house.byline[0]) {
            out[i].text = spec->theme.house.byline; /* the house theme's */
            out[i].file = vals->v[OPT_THEME].text;
            out[i].line = spec->theme.house.byline_line;
        }
    }
}

/* "FILE:LINE:COL: ", leaving out what is unknown, as csvchart_error_text() does. */
static void where(char *buf, size_t size, const char *file, size_t line, size_t col)
{
    if (file && line && col) {
        snprintf(buf, size, "%s:%zu:%zu: ", file, line, col);
    } else if (file && line) {
        snprintf(buf, size, "%s:%zu: ", file, line);
    } else if (file) {
        snprintf(buf, size, "%s: ", file);
    } else {
        buf[0] = '\0';
    }
}

/* The script of a character as a word ("Thai", "Old Italic"), or "" for none of its own
 * (punctuation, digits and combining marks belong to every script). From GLib's names. */
static void script_name(uint32_t cp, char *buf, size_t size)
{
    buf[0] = '\0';
    GUnicodeScript sc = g_unichar_get_script(cp);
    if (sc == G_UNICODE_SCRIPT_COMMON || sc == G_UNICODE_SCRIPT_INHERITED ||
        sc == G_UNICODE_SCRIPT_UNKNOWN || sc == G_UNICODE_SCRIPT_INVALID_CODE) {
        return;
    }
    GEnumClass *k = g_type_class_ref(G_TYPE_UNICODE_SCRIPT);
    GEnumValue *v = k ? g_enum_get_value(k, (gint)sc) : NULL;
    if (v && v->value_nick) {
        snprintf(buf, size, "%s", v->value_nick);
        for (char *p = buf; *p; p++) { /* "old-italic" -> "Old Italic" */
            if (*p == '-') {
                *p = ' ';
            }
            if ((p == buf || p[-1] == ' ') && *p >= 'a' && *p <= 'z') {
                *p = (char)(*p - 'a' + 'A');
            }
        }
    }
    if (k) {
        g_type_class_unref(k);
    }
}

/* `U+0E01 "ก" (Thai)`: the code point, the character when it prints, its script if any. */
static void describe(uint32_t cp, bool with_script, char *buf, size_t size)
{
    char ch[8] = "", script[64] = "";
    if (g_unichar_isgraph(cp)) {
        ch[g_unichar_to_utf8(cp, ch)] = '\0';
    }
    if (with_script) {
        script_name(cp, script, sizeof script);
    }
    snprintf(buf, size, "U+%04X%s%s%s%s%s%s", (unsigned)cp, *ch ? " \"" : "", ch, *ch ? "\"" : "",
             *script ? " (" : "", script, *script ? ")" : "");
}

/* The byte offset of the first `cp` in `s`, or (size_t)-1. */
static size_t find_cp(const char *s, uint32_t cp)
{
    char utf8[8];
    utf8[g_unichar_to_utf8(cp, utf8)] = '\0';
    const char *p = strstr(s, utf8);
    return p ? (size_t)(p - s) : (size_t)-1;
}

static bool contains(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
    for (size_t i = 0; nlen && i + nlen <= hlen; i++) {
        if (memcmp(hay + i, needle, nlen) == 0) {
            return true;
        }
    }
    return false;
}

/* Whether a cell holds the drawn text: all of it, a line of it wrapped, or the part left
 * before layout's ellipsis. (Not the other way round: a one-letter cell of a column that is
 * not drawn would then claim every label with that letter.) */
static bool overlaps(const char *cell, const char *drawn)
{
    size_t d = strlen(drawn);
    if (d >= 3 && memcmp(drawn + d - 3, "\xE2\x80\xA6", 3) == 0) {
        d -= 3;
    }
    return contains(cell, strlen(cell), drawn, d);
}

static bool printable_ascii(const char *s)
{
    for (; *s; s++) {
        if (*s < ' ' || *s > '~') {
            return false;
        }
    }
    return true;
}

/* ---- Gathering the characters ------------------------------------------------------------ */

struct gathered {
    unsigned char *seen; /* bitset over code points, made at the first miss */
    size_t distinct;     /* characters missing, all of them */
    struct miss *ms;     /* the first TRACK, in the order drawn */
    size_t n;
};

static void gather_one(struct gathered *g, uint32_t cp, size_t item)
{
    if (cp >= MAX_CP) {
        return;
    }
    if (!g->seen && !(g->seen = calloc(MAX_CP / 8, 1))) {
        return;
    }
    if (g->seen[cp / 8] & (1u << (cp % 8))) {
        return;
    }
    g->seen[cp / 8] |= (unsigned char)(1u << (cp % 8));
    g->distinct++;
    if (g->n < TRACK && (g->ms || (g->ms = calloc(TRACK, sizeof *g->ms)))) {
        g->ms[g->n++] = (struct miss){.cp = cp, .item = item};
    }
}

static void gather(const csvchart_text_measurer *m, const struct csvchart_scene *scene,
                   struct gathered *g)
{
    for (size_t i = 0; i < scene->len; i++) {
        const struct scene_item *it = &scene->items[i];
        if (it->kind != SCENE_TEXT || !it->text || printable_ascii(it->text)) {
            continue;
        }
        struct text_style st = {scene->font_family, it->size_px, it->weight};
        size_t len = strlen(it->text);
        uint32_t small[64], *cps = small;
        size_t k = m->missing(m->ctx, &st, it->text, len, cps, 64);
        if (k > 64 && (cps = malloc(k * sizeof *cps))) { /* at most one per byte */
            k = m->missing(m->ctx, &st, it->text, len, cps, k);
        } else if (k > 64) {
            cps = small, k = 64;
        }
        for (size_t j = 0; j < k; j++) {
            gather_one(g, cps[j], i);
        }
        if (cps != small) {
            free(cps);
        }
    }
}

/* ---- Placing them --------------------------------------------------------------------------- */

static int by_cp(const void *a, const void *b)
{
    uint32_t x = (*(const struct miss *const *)a)->cp, y = (*(const struct miss *const *)b)->cp;
    return x < y ? -1 : x > y;
}

/* A cell's text: each character still looking for a cell that draws it takes this one when
 * it has none yet, or when this one holds a drawn text and the one it has does not. */
static size_t visit(const char *text, size_t line, size_t col, struct miss **sorted, size_t n,
                    const struct csvchart_scene *scene, size_t pending)
{
    if (printable_ascii(text)) {
        return pending;
    }
    size_t len = strlen(text);
    for (size_t i = 0; i < len && pending;) {
        uint32_t cp;
        size_t k = csvchart_utf8_decode(text + i, len - i, &cp);
        struct miss key = {.cp = cp}, *pk = &key;
        struct miss **hit = cp >= 0x80 ? bsearch(&pk, sorted, n, sizeof *sorted, by_cp) : NULL;
        struct miss *ms = hit ? *hit : NULL;
        if (ms && ms->origin != FROM_OPTION && !ms->drawn && ms->cell != text) {
            bool drawn = overlaps(text, scene->items[ms->item].text);
            if (!ms->cell || drawn) {
                *ms = (struct miss){.cp = cp,
                                    .item = ms->item,
                                    .origin = FROM_CELL,
                                    .rank = line,
                                    .col = col,
                                    .offset = i,
                                    .cell = text,
                                    .drawn = drawn};
                pending -= drawn;
            }
        }
        i += k;
    }
    return pending;
}

static void place(struct gathered *g, const struct source *src, const csvchart_table *t,
                  const struct csvchart_scene *scene)
{
    size_t pending = 0;
    for (size_t i = 0; i < g->n; i++) {
        struct miss *ms = &g->ms[i];
        ms->origin = FROM_DRAWN;
        ms->rank = ms->item;
        ms->offset = find_cp(scene->items[ms->item].text, ms->cp);
        for (size_t s = 0; s < NSOURCES; s++) {
            size_t off = find_cp(src[s].text, ms->cp);
            if (off != (size_t)-1) {
                ms->origin = FROM_OPTION;
                ms->rank = s;
                ms->offset = off;
                break;
            }
        }
        pending += ms->origin != FROM_OPTION;
    }
    struct miss **sorted = pending && t ? malloc(g->n * sizeof *sorted) : NULL;
    if (!sorted) {
        return;
    }
    for (size_t i = 0; i < g->n; i++) {
        sorted[i] = &g->ms[i];
    }
    qsort(sorted, g->n, sizeof *sorted, by_cp);
    for (size_t c = 0; c < t->ncols && pending; c++) {
        pending =
            visit(t->cols[c].name, t->cols[c].line, t->cols[c].col, sorted, g->n, scene, pending);
    }
    for (size_t r = 0; r < t->nrows && pending; r++) {
        for (size_t c = 0; c < t->ncols && pending; c++) {
            const struct table_cell *cell = csvchart_table_cell(t, r, c);
            pending = visit(csvchart_table_text(t, cell), cell->line, cell->col, sorted, g->n,
                            scene, pending);
        }
    }
    free(sorted);
}

static int by_place(const void *a, const void *b)
{
    const struct miss *x = a, *y = b;
    if (x->origin != y->origin) {
        return x->origin < y->origin ? -1 : 1;
    }
    if (x->rank != y->rank) {
        return x->rank < y->rank ? -1 : 1;
    }
    if (x->col != y->col) {
        return x->col < y->col ? -1 : 1;
    }
    if (x->offset != y->offset) {
        return x->offset < y->offset ? -1 : 1;
    }
    return x->cp < y->cp ? -1 : x->cp > y->cp;
}

/* ---- Saying so ---------------------------------------------------------------------------- */

/* One character's message: *file, *line and *col get its position (for an error), buf the
 * text after it. */
static void message(const struct miss *ms, const struct source *src, const csvchart_table *t,
                    const struct csvchart_scene *scene, bool error, const char **file, size_t *line,
                    size_t *col, char *buf, size_t size)
{
    char desc[96], q[QUOTED * 4 + 16], name[64] = "";
    describe(ms->cp, true, desc, sizeof desc);
    const char *tail =
        error ? "; it would be drawn as a box (font_missing = error)" : ": drawn as a box";
    *file = NULL;
    *line = *col = 0;
    if (ms->origin == FROM_OPTION) {
        *file = src[ms->rank].file;
        *line = src[ms->rank].line;
        snprintf(name, sizeof name, "%s: ", src[ms->rank].name);
        snprintf(buf, size, "%sno installed font has %s%s", name, desc, tail);
    } else if (ms->origin == FROM_CELL) {
        *file = t->name;
        *line = ms->rank;
        *col = ms->col;
        csvchart_utf8_quote(ms->cell, QUOTED, q, sizeof q);
        snprintf(buf, size, "no installed font has %s, in %s%s", desc, q, tail);
    } else {
        csvchart_utf8_quote(scene->items[ms->item].text, QUOTED, q, sizeof q);
        snprintf(buf, size, "no installed font has %s, in the text %s%s", desc, q, tail);
    }
}

static bool same_place(const struct miss *a, const struct miss *b)
{
    return a->origin == b->origin && a->rank == b->rank && a->col == b->col;
}

/*
 * Chooses the characters named one by one and moves them to the front, each part in the
 * order of places: first the first character of each place (a Thai title and a Devanagari
 * cell both show, rather than five letters of the title), then the next ones in order.
 */
static void choose_named(struct miss *ms, size_t n)
{
    bool *named = calloc(n ? n : 1, sizeof *named);
    struct miss *tmp = malloc((n ? n : 1) * sizeof *tmp);
    if (!named || !tmp) {
        free(named);
        free(tmp);
        return; /* the first ones in order, then */
    }
    size_t k = 0;
    for (size_t i = 0; i < n && k < CSVCHART_TEXT_CHECK_NAMED; i++) {
        if (i == 0 || !same_place(&ms[i], &ms[i - 1])) {
            named[i] = true;
            k++;
        }
    }
    for (size_t i = 0; i < n && k < CSVCHART_TEXT_CHECK_NAMED; i++) {
        if (!named[i]) {
            named[i] = true;
            k++;
        }
    }
    size_t j = 0;
    for (int pass = 1; pass >= 0; pass--) {
        for (size_t i = 0; i < n; i++) {
            if (named[i] == (pass == 1)) {
                tmp[j++] = ms[i];
            }
        }
    }
    memcpy(ms, tmp, n * sizeof *ms);
    free(named);
    free(tmp);
}

/* Appends `word` to a ", "-separated list of at most `max` words (size bytes), once.
 * Returns false when a new word found the list full. */
static bool add_word(char *list, size_t size, size_t *count, size_t max, const char *word)
{
    if (!*word) {
        return true;
    }
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ",");
        if (n == strlen(word) && strncmp(p, word, n) == 0) {
            return true;
        }
        p += n + (p[n] ? 2 : 0);
    }
    if (*count >= max) {
        return false;
    }
    snprintf(list + strlen(list), size - strlen(list), "%s%s", *count ? ", " : "", word);
    (*count)++;
    return true;
}

/* The warning about the characters after the first CSVCHART_TEXT_CHECK_NAMED: how many,
 * their scripts, the first few and where they are. */
static void summary(const struct gathered *g, const struct source *src, const csvchart_table *t,
                    struct csvchart_warnings *w)
{
    size_t rest = g->distinct - CSVCHART_TEXT_CHECK_NAMED;
    char list[LISTED * 24 + 8] = "", scripts[SCRIPTS * 24 + 8] = "";
    char places[PLACES * 300 + 8] = "";
    size_t nlisted = 0, nscripts = 0, nplaces = 0;
    bool more_places = g->n < g->distinct; /* the places of untracked ones are unknown */
    for (size_t i = CSVCHART_TEXT_CHECK_NAMED; i < g->n; i++) {
        const struct miss *ms = &g->ms[i];
        char one[32], word[300];
        if (nlisted < LISTED) {
            describe(ms->cp, false, one, sizeof one);
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", nlisted ? ", " : "",
                     one);
            nlisted++;
        }
        script_name(ms->cp, word, sizeof word);
        add_word(scripts, sizeof scripts, &nscripts, SCRIPTS, word);
        if (ms->origin == FROM_OPTION) {
            snprintf(word, sizeof word, "%s", src[ms->rank].name);
        } else if (ms->origin == FROM_CELL) {
            snprintf(word, sizeof word, "%s:%zu:%zu", t->name, ms->rank, ms->col);
        } else {
            snprintf(word, sizeof word, "text the figure writes");
        }
        if (!add_word(places, sizeof places, &nplaces, PLACES, word)) {
            more_places = true;
        }
    }
    csvchart_warnings_add(w,
                          "%zu more character%s no installed font has %s drawn as boxes: %s%s "
                          "(%s%sin %s%s)",
                          rest, rest == 1 ? "" : "s", rest == 1 ? "is" : "are", list,
                          rest > nlisted ? ", ..." : "", scripts, *scripts ? "; " : "", places,
                          more_places ? ", ..." : "");
}

/* ---- The font family ---------------------------------------------------------------------- */

static csvchart_status check_family(const csvchart_text_measurer *m,
                                    const struct csvchart_scene *scene,
                                    const struct option_values *vals, const struct spec *spec,
                                    struct csvchart_warnings *w, csvchart_error *err)
{
    char used[256];
    const char *family = scene->font_family ? scene->font_family : "";
    if (!m->substitute || !m->substitute(m->ctx, family, used, sizeof used)) {
        return CSVCHART_OK;
    }
    const char *file = NULL, *how = "";
    size_t line = 0;
    if (vals->v[OPT_FONT].text) {
        file = vals->v[OPT_FONT].file;
        line = vals->v[OPT_FONT].line;
    } else if (spec->theme.house.font[0]) {
        file = vals->v[OPT_THEME].text;
        line = spec->theme.house.font_line;
    } else {
        how = " (the default)";
    }
    if (spec->font_missing_error) {
        return csvchart_error_set(err, CSVCHART_ERROR_VALUE, file, line, 0,
                                  "font \"%s\"%s is not installed (fc-list lists the installed "
                                  "fonts); it would be drawn with \"%s\" (font_missing = error)",
                                  family, how, used);
    }
    char pos[320];
    where(pos, sizeof pos, file, line, 0);
    csvchart_warnings_add(w,
                          "%sfont \"%s\"%s is not installed; drawn with \"%s\" (fc-list lists "
                          "the installed fonts)",
                          pos, family, how, used);
    return CSVCHART_OK;
}

csvchart_status csvchart_text_check(const csvchart_text_measurer *m,
                                    const struct csvchart_scene *scene,
                                    const struct option_values *vals, const struct spec *spec,
                                    const csvchart_table *table, struct csvchart_warnings *w,
                                    csvchart_error *err)
{
    csvchart_status st = check_family(m, scene, vals, spec, w, err);
    if (st || !m->missing) {
        return st;
    }
    struct gathered g = {0};
    gather(m, scene, &g);
    if (g.n) {
        struct source src[NSOURCES];
        sources_of(vals, spec, src);
        place(&g, src, table, scene);
        qsort(g.ms, g.n, sizeof *g.ms, by_place);
        if (!spec->font_missing_error) {
            choose_named(g.ms, g.n);
        }
        char text[1024];
        const char *file;
        size_t line, col;
        if (spec->font_missing_error) {
            message(&g.ms[0], src, table, scene, true, &file, &line, &col, text, sizeof text);
            st = csvchart_error_set(
                err, g.ms[0].origin == FROM_CELL ? CSVCHART_ERROR_DATA : CSVCHART_ERROR_VALUE, file,
                line, col, "%s", text);
        } else {
            for (size_t i = 0; i < g.n && i < CSVCHART_TEXT_CHECK_NAMED; i++) {
                char pos[320];
                message(&g.ms[i], src, table, scene, false, &file, &line, &col, text, sizeof text);
                where(pos, sizeof pos, file, line, col);
                csvchart_warnings_add(w, "%s%s", pos, text);
            }
            if (g.distinct > CSVCHART_TEXT_CHECK_NAMED) {
                summary(&g, src, table, w);
            }
        }
    }
    free(g.seen);
    free(g.ms);
    return st;
}
