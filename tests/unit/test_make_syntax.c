/*
 * test_make_syntax.c - names written into make syntax (src/cli/make_syntax.c) come back as
 * they went in, through every reader of a depfile, and the names refused are those some
 * reader would get wrong.
 *
 * A property test: 30,000 generated names over an alphabet of letters, digits, every ASCII
 * punctuation byte, space, tab, line ends, control bytes and UTF-8 (plus stray bytes). Each
 * name goes into a depfile line the way `csvchart render --depfile` writes one, once as the
 * target ("NAME: a.ini") and once as a prerequisite ("o.png: NAME"); the line is read by
 * models of
 *   - GNU make 4.3 (a rule line: comments, variables, ";" recipes, "=" assignments, "|"
 *     order-only, ":" static patterns, "%" patterns, wildcards, "~" and archive members);
 *   - Ninja 1.11's depfile lexer (src/depfile_parser.in.cc, rule for rule);
 *   - CMake 3.25's (Source/LexerParser/cmGccDepfileLexer.in.l), followed by what its
 *     cmake_transform_depfile writes for Ninja and for make (WriteFilenameGcc: spaces and
 *     backslashes escaped, nothing else; for make, a phony rule per prerequisite), read again
 *     by the Ninja and make models;
 *   - CMake lists, where cmake/csvchartFigures.cmake keeps the names `--list` gives it: ";"
 *     separates, and "[" "]" nest (a lone "]" joins everything after it).
 * The property: csvchart_make_name_ok() accepts a name exactly when every path gives back the
 * name, with nothing else. tests/cli/buildsys.sh runs the real make, Ninja and CMake.
 * The make model is stricter than make in two corners, like the checker: any leading "~" and
 * any final ")" count as special (make: "~" or "~user", and ")" after a "(").
 */
#include <stdint.h>
#include <stdlib.h>

#include "cli.h"
#include "harness.h"
#include "make_syntax.h"

#define MAXW 8
#define WLEN 256

/* One rule read back: targets and prerequisites, or failed (the reader misread the line). */
struct rule {
    char t[MAXW][WLEN], p[MAXW][WLEN];
    int nt, np;
    bool failed;
};

static void add_word(struct rule *r, bool target, const char *w, size_t n)
{
    if (n == 0) {
        return;
    }
    int *count = target ? &r->nt : &r->np;
    if (*count == MAXW || n >= WLEN) {
        r->failed = true;
        return;
    }
    char *dst = target ? r->t[*count] : r->p[*count];
    memcpy(dst, w, n);
    dst[n] = '\0';
    (*count)++;
}

/* ---- GNU make: one rule line (the model) ------------------------------------------------ */

static bool glob_or_special(const char *w, size_t n, bool target)
{
    if (n && w[0] == '~') {
        return true; // ~ and ~user: home folders
    }
    if (n && w[n - 1] == ')') {
        return true; // lib(member): an archive member (when a "(" comes before)
    }
    for (size_t i = 0; i < n; i++) {
        if (w[i] == '\x01') { // stands for a wildcard left unescaped (see make_model)
            return true;
        }
        if (target && w[i] == '%') {
            return true; // a pattern rule
        }
    }
    return false;
}

/* Reads "targets : prerequisites" lines (phony "x:" lines included). Word bytes: "\ " is a
 * space, "\#" a "#", "\:" a ":", "$$" a "$"; any other backslash is itself. A line's trailing
 * blanks go first, as GNU make strips them: "d.csv\ " at a line's end reads "d.csv\". */
static void make_model(const char *text, struct rule *out)
{
    memset(out, 0, sizeof *out);
    const char *p = text;
    bool first_rule = true;
    while (*p) {
        const char *eol = strchr(p, '\n');
        size_t n = eol ? (size_t)(eol - p) : strlen(p), line_len = n;
        while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t')) {
            n--;
        }
        struct rule r = {0};
        char w[WLEN * 2];
        size_t wn = 0;
        bool target = true, any = false;
        for (size_t i = 0; i <= n; i++) {
            char c = i < n ? p[i] : ' ';
            if (c == '\\' && i + 1 < n && strchr(" #:", p[i + 1])) {
                if (wn < sizeof w) {
                    w[wn++] = p[++i];
                }
                continue;
            }
            if (c == '\\' && i + 1 == line_len && eol) {
                r.failed = true; // a continuation line: not written by csvchart or CMake here
                break;
            }
            if (c == '#') {
                n = i; // a comment: the rest of the line is gone
                c = ' ';
            }
            if (c == '$') {
                if (i + 1 < n && p[i + 1] == '$') {
                    if (wn < sizeof w) {
                        w[wn++] = '$';
                    }
                    i++;
                    continue;
                }
                r.failed = true; // a variable
                break;
            }
            if (c == ';' || c == '=' || c == '|') {
                r.failed = true; // a recipe, an assignment, order-only prerequisites
                break;
            }
            if (c == ':') {
                if (glob_or_special(w, wn, true)) {
                    r.failed = true;
                }
                add_word(&r, true, w, wn);
                wn = 0;
                if (!target) {
                    r.failed = true; // a second ':': a static pattern rule or "::"
                }
                target = false;
                any = true;
                continue;
            }
            if (c == ' ' || c == '\t') {
                if (glob_or_special(w, wn, target)) {
                    r.failed = true;
                }
                add_word(&r, target, w, wn);
                wn = 0;
                continue;
            }
            if (c == '*' || c == '?' || c == '[') {
                c = '\x01'; // a wildcard: make would look for files
            }
            if (wn < sizeof w) {
                w[wn++] = c;
            }
        }
        if (!r.failed && (any || r.nt || r.np)) {
            if (target) {
                r.failed = true; // words without a ':'
            }
            /* the first rule is the depfile's; CMake's phony rules after it must each name one
             * prerequisite of it, with nothing after the ':' */
            if (first_rule) {
                *out = r;
                first_rule = false;
            } else if (r.nt != 1 || r.np != 0) {
                out->failed = true;
            } else {
                bool known = false;
                for (int k = 0; k < out->np; k++) {
                    known |= strcmp(out->p[k], r.t[0]) == 0;
                }
                out->failed |= !known;
            }
        }
        out->failed |= r.failed;
        if (!eol) {
            break;
        }
        p = eol + 1;
    }
}

/* ---- Ninja 1.11: DepfileParser::Parse, rule for rule ----------------------------------- */

/*
 * re2c takes the longest match at each point, the earlier rule on a tie; so does this: the
 * length each rule of depfile_parser.in.cc would match at s (0: none), then the action.
 */
static bool ninja_plain(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           strchr("+,/_:.~()}{%=@[]!-", c) || c >= 0x80;
}

static size_t newline_len(const char *s) // newline = '\r'?'\n'
{
    return s[0] == '\n' ? 1 : s[0] == '\r' && s[1] == '\n' ? 2 : 0;
}

static void ninja_model(const char *text, struct rule *out)
{
    memset(out, 0, sizeof *out);
    const char *in = text, *end = text + strlen(text); // *end is the NUL re2c sees last
    bool parsing_targets = true, have_target = false;
    while (in < end) {
        char name[WLEN * 2];
        size_t len = 0;
        bool have_newline = false;
        for (;;) {
            size_t bs = 0;
            while (in[bs] == '\\') {
                bs++;
            }
            char c = in[bs]; // after the backslashes
            size_t m[11] = {0};
            if (bs % 2 == 1 && c == ' ') {
                m[0] = bs + 1; // '\\\\'* '\\ '
            }
            if (bs && bs % 2 == 0 && c == ' ') {
                m[1] = bs + 1; // '\\\\'+ ' '
            }
            if (bs && c == '#') {
                m[2] = bs + 1; // '\\'+ '#'
            }
            if (bs && c == ':' && strchr(" \r\n\t", in[bs + 1])) { // NUL is in that set too
                m[3] = bs + 2;                                     // '\\'+ ':' [\x00\x20\r\n\t]
            }
            if (bs && c == ':') {
                m[4] = bs + 1; // '\\'+ ':'
            }
            if (in[0] == '$' && in[1] == '$') {
                m[5] = 2; // '$$'
            }
            if (bs) { // '\\'+ [^\000\r\n]: the last byte may be a backslash itself
                m[6] = c && c != '\r' && c != '\n' ? bs + 1 : bs >= 2 ? bs : 0;
            } else {
                while (ninja_plain((unsigned char)in[m[6]])) {
                    m[6]++;
                }
            }
            if (in[0] == '\0') {
                m[7] = 1; // nul
            }
            if (in[0] == '\\' && newline_len(in + 1)) {
                m[8] = 1 + newline_len(in + 1); // '\\' newline
            }
            m[9] = newline_len(in);
            m[10] = 1; // [^]
            int r = 0;
            for (int k = 1; k < 11; k++) {
                r = m[k] > m[r] ? k : r;
            }
            size_t n = m[r];
            if (len + n + 2 >= sizeof name) {
                out->failed = true;
                return;
            }
            const char *start = in;
            in += n;
            if (r == 0) {
                memset(name + len, '\\', bs / 2);
                len += bs / 2;
                name[len++] = ' ';
                continue;
            }
            if (r == 1) {
                memset(name + len, '\\', bs);
                len += bs;
                break;
            }
            if (r == 2 || r == 4) {
                memset(name + len, '\\', bs - 1);
                len += bs - 1;
                name[len++] = (char)c;
                continue;
            }
            if (r == 3) {
                memcpy(name + len, start, n - 1);
                len += n - 1;
                have_newline = in[-1] == '\n';
                break;
            }
            if (r == 5) {
                name[len++] = '$';
                continue;
            }
            if (r == 6) {
                memcpy(name + len, start, n);
                len += n;
                continue;
            }
            if (r == 9) {
                have_newline = true;
            }
            break; // nul, '\\' newline, newline, anything else
        }
        bool is_dependency = !parsing_targets;
        if (len > 0 && name[len - 1] == ':') {
            len--;
            parsing_targets = false;
            have_target = true;
        }
        if (len > 0) {
            add_word(out, !is_dependency, name, len);
        }
        if (have_newline) {
            parsing_targets = true;
        }
    }
    out->failed |= !have_target;
}

/* ---- CMake 3.25: the depfile lexer, then cmake_transform_depfile's writer --------------- */

/* cmGccDepfileLexerHelper: entries of rules (targets) and paths (prerequisites). */
struct cm_helper {
    enum { CM_RULE, CM_DEP, CM_FAILED } state;
    struct rule entries[4];
    int nentries;
    bool last_empty_rule, last_empty_path; // the last rule / path is an open, empty one
};

static void cm_new_rule(struct cm_helper *h)
{
    struct rule *e = &h->entries[h->nentries - 1];
    if (e->nt == 0 || e->t[e->nt - 1][0]) {
        e->t[e->nt++][0] = '\0';
    }
}

static void cm_new_entry(struct cm_helper *h)
{
    if (h->state == CM_RULE && h->nentries) {
        struct rule *e = &h->entries[h->nentries - 1];
        if (e->nt && e->t[e->nt - 1][0]) {
            h->state = CM_FAILED;
        }
        return;
    }
    h->state = CM_RULE;
    memset(&h->entries[h->nentries++], 0, sizeof h->entries[0]);
    cm_new_rule(h);
}

static void cm_new_dependency(struct cm_helper *h)
{
    if (h->state == CM_FAILED) {
        return;
    }
    h->state = CM_DEP;
    struct rule *e = &h->entries[h->nentries - 1];
    if (e->np == 0 || e->p[e->np - 1][0]) {
        e->p[e->np++][0] = '\0';
    }
}

static void cm_new_rule_or_dependency(struct cm_helper *h)
{
    if (h->state == CM_RULE) {
        cm_new_rule(h);
    } else if (h->state == CM_DEP) {
        cm_new_dependency(h);
    }
}

static void cm_add(struct cm_helper *h, const char *s, size_t n)
{
    struct rule *e = &h->entries[h->nentries - 1];
    char *dst = h->state == CM_RULE ? e->t[e->nt - 1] : h->state == CM_DEP ? e->p[e->np - 1] : NULL;
    size_t have = dst ? strlen(dst) : 0;
    if (dst && have + n < WLEN) {
        memcpy(dst + have, s, n);
        dst[have + n] = '\0';
    }
}

static bool cm_plain(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           strchr("+,/_.~()}{%=@[]!-", c) || c >= 0x80;
}

/* The lexer (flex: longest match, the earlier rule on a tie); the entries after
 * sanitizeContent(). One line in: out gets the first entry. */
static void cmake_read(const char *text, struct rule *out)
{
    struct cm_helper h = {.state = CM_RULE};
    cm_new_entry(&h);
    for (const char *s = text; *s && h.nentries < 4;) {
        size_t bs = 0, ws = 0;
        while (s[bs] == '\\') {
            bs++;
        }
        while (s[ws] == ' ' || s[ws] == '\t') {
            ws++;
        }
        size_t m[11] = {0};
        m[0] = s[0] == '$' && s[1] == '$' ? 2 : 0;             // \${2}
        m[1] = s[0] == '\\' && s[1] == '#' ? 2 : 0;            // \\#
        m[2] = bs % 2 == 1 && s[bs] == ' ' ? bs + 1 : 0;       // (\\\\)*\\[ ]
        m[3] = bs && bs % 2 == 0 && s[bs] == ' ' ? bs + 1 : 0; // (\\\\)+[ ]
        if (s[ws] == '\\' && newline_len(s + ws + 1)) {
            m[4] = ws + 1 + newline_len(s + ws + 1); // {WSPACE}*\\{NEWLINE}
        }
        m[5] = newline_len(s);                                                 // {NEWLINE}
        m[6] = s[0] == ':' && newline_len(s + 1) ? 1 + newline_len(s + 1) : 0; // :{NEWLINE}
        if (s[0] == ':') { // :({WSPACE}+|\\{NEWLINE})
            size_t w = 0;
            while (s[1 + w] == ' ' || s[1 + w] == '\t') {
                w++;
            }
            m[7] = w ? 1 + w : s[1] == '\\' && newline_len(s + 2) ? 2 + newline_len(s + 2) : 0;
        }
        m[8] = ws; // {WSPACE}+
        while (cm_plain((unsigned char)s[m[9]])) {
            m[9]++; // plain text
        }
        m[10] = s[0] != '\n' ? 1 : 0; // .
        int r = 0;
        for (int k = 1; k < 11; k++) {
            r = m[k] > m[r] ? k : r;
        }
        size_t n = m[r];
        if (n == 0) {
            n = 1; // flex's default rule echoes an unmatched newline; nothing is added
            s += n;
            continue;
        }
        switch (r) {
        case 0:
            cm_add(&h, "$", 1);
            break;
        case 1:
            cm_add(&h, "#", 1);
            break;
        case 2: {
            char buf[WLEN];
            size_t k = bs / 2 < WLEN - 2 ? bs / 2 : WLEN - 2;
            memset(buf, '\\', k);
            buf[k] = ' ';
            cm_add(&h, buf, k + 1);
            break;
        }
        case 3:
            cm_add(&h, s, bs);
            cm_new_dependency(&h);
            break;
        case 4:
        case 8:
            cm_new_rule_or_dependency(&h);
            break;
        case 5:
            cm_new_entry(&h);
            break;
        case 6:
            cm_new_dependency(&h);
            cm_new_entry(&h);
            break;
        case 7:
            cm_new_dependency(&h);
            break;
        default:
            cm_add(&h, s, n);
            break;
        }
        s += n;
    }
    memset(out, 0, sizeof *out);
    bool found = false;
    for (int i = 0; i < h.nentries && !found; i++) {
        struct rule *e = &h.entries[i];
        struct rule clean = {0};
        for (int k = 0; k < e->nt; k++) {
            add_word(&clean, true, e->t[k], strlen(e->t[k]));
        }
        for (int k = 0; k < e->np; k++) {
            add_word(&clean, false, e->p[k], strlen(e->p[k]));
        }
        if (clean.nt && clean.np) {
            *out = clean;
            found = true;
        }
    }
    out->failed = !found || h.state == CM_FAILED;
}

static void put_gcc(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == ' ') {
            fputs("\\ ", f);
        } else if (*s == '\\') {
            fputs("\\\\", f);
        } else {
            fputc(*s, f);
        }
    }
}

/* What cmake_transform_depfile writes for Ninja (make = false) or make (phony rules too). */
static char *cmake_write(const struct rule *r, bool make)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    for (int i = 0; i < r->nt; i++) {
        fputs(i ? " \\\n  " : "", f);
        put_gcc(f, r->t[i]);
    }
    fputc(':', f);
    for (int i = 0; i < r->np; i++) {
        fputs(" \\\n  ", f);
        put_gcc(f, r->p[i]);
    }
    fputc('\n', f);
    if (make) {
        fputc('\n', f);
        for (int i = 0; i < r->np; i++) {
            fputc('\n', f);
            put_gcc(f, r->p[i]);
            fputs(":\n", f);
        }
    }
    fclose(f);
    return text;
}

/* The make model reads continuation lines as CMake writes them: joined into one line. */
static char *join_continuations(const char *text)
{
    char *out = malloc(strlen(text) + 1);
    size_t n = 0;
    for (const char *s = text; *s; s++) {
        if (s[0] == '\\' && s[1] == '\n') {
            out[n++] = ' ';
            s++;
            while (s[1] == ' ') {
                s++;
            }
        } else {
            out[n++] = *s;
        }
    }
    out[n] = '\0';
    return out;
}

/* ---- The property ---------------------------------------------------------------------- */

static bool same(const struct rule *r, const char *target, const char *prereq)
{
    return !r->failed && r->nt == 1 && r->np == 1 && strcmp(r->t[0], target) == 0 &&
           strcmp(r->p[0], prereq) == 0;
}

/* Does "target: prereq" (written by csvchart) come back through every reader? */
static bool round_trips(const char *target, const char *prereq, const char **which)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    csvchart_make_put_name(f, target);
    fputs(": ", f);
    csvchart_make_put_name(f, prereq);
    fputc('\n', f);
    fclose(f);
    struct rule r, c;
    bool ok = true;
    make_model(text, &r);
    if (ok && !same(&r, target, prereq)) {
        ok = false, *which = "make";
    }
    ninja_model(text, &r);
    if (ok && !same(&r, target, prereq)) {
        ok = false, *which = "ninja";
    }
    cmake_read(text, &c);
    if (ok && !same(&c, target, prereq)) {
        ok = false, *which = "cmake";
    }
    if (ok && (strpbrk(target, ";[]") || strpbrk(prereq, ";[]"))) {
        ok = false, *which = "a CMake list";
    }
    if (ok) {
        char *for_ninja = cmake_write(&c, false), *for_make = cmake_write(&c, true);
        char *joined = join_continuations(for_make);
        ninja_model(for_ninja, &r);
        if (!same(&r, target, prereq)) {
            ok = false, *which = "cmake, then ninja";
        }
        make_model(joined, &r);
        if (ok && !same(&r, target, prereq)) {
            ok = false, *which = "cmake, then make";
        }
        free(for_ninja);
        free(for_make);
        free(joined);
    }
    free(text);
    return ok;
}

static uint64_t rng = 0x9E3779B97F4A7C15u;
static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}

static void generate(char *s, size_t size)
{
    static const char *const pieces[] = {
        "a",    "Z",  "0",   "9", ".",    "_",   "-",  "+",    ",",    "@",        "!",
        "{",    "}",  "/",   " ", "~",    "(",   ")",  "[",    "]",    "#",        "$",
        "%",    ":",  ";",   "=", "|",    "*",   "?",  "\\",   "'",    "\"",       "&",
        "<",    ">",  "^",   "`", "\t",   "\n",  "\r", "\x01", "\x7f", "\xc3\xa9", "\xe6\x97\xa5",
        "\xff", "$$", "\\ ", "x", "data", "out/"};
    size_t n = 1 + next() % 8, len = 0;
    s[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        /* letters and digits most of the time, so special bytes meet ordinary neighbours */
        const char *piece =
            next() % 3 ? pieces[next() % 4] : pieces[next() % (sizeof pieces / sizeof pieces[0])];
        size_t k = strlen(piece);
        if (len + k + 1 > size) {
            break;
        }
        memcpy(s + len, piece, k + 1);
        len += k;
    }
}

static void test_property(void)
{
    int accepted = 0, refused = 0, disagreements = 0;
    for (int i = 0; i < 30000; i++) {
        char name[64], bad[64];
        generate(name, sizeof name);
        bool ok = csvchart_make_name_ok(name, bad, sizeof bad);
        const char *which = "";
        bool trips = round_trips(name, "a.ini", &which) && round_trips("o.png", name, &which);
        accepted += ok;
        refused += !ok;
        if (ok != trips && disagreements++ < 10) {
            char q[200];
            HARNESS_REPORT(0, "%s: %s, but %s", csvchart_cli_quote(name, q, sizeof q),
                           ok ? "accepted" : "refused", ok ? which : "every reader reads it back");
        }
    }
    CHECK_INT(disagreements, 0);
    /* the generator reaches both sides */
    HARNESS_REPORT(accepted > 5000 && refused > 5000, "accepted %d, refused %d", accepted, refused);
}

static void test_examples(void)
{
    char bad[64];
    CHECK(csvchart_make_name_ok("out put/Prix é@2x+{1},v2!.png", bad, sizeof bad));
    CHECK(csvchart_make_name_ok("proj (copy)/a~b.csv", bad, sizeof bad));
    static const struct {
        const char *name, *bad;
    } refused[] = {{"t.ini;>X;.csv", "\";\""}, {"m$(>X).ini", "\"$\""},
                   {"a b#c", "\"#\""},         {"c:/x", "\":\""},
                   {"x%.png", "\"%\""},        {"a\\b", "\"\\\""},
                   {"a\nb", "a newline"},      {"a\tb", "a tab"},
                   {"~/x", "a leading \"~\""}, {"data(1)", "a final \")\""},
                   {"a\x01", "byte 0x01"},     {"", "nothing"},
                   {"a[1].csv", "\"[\""},      {"b]", "\"]\""},
                   {"it's", "\"'\""},          {"d.csv ", "a final space"}};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        CHECK(!csvchart_make_name_ok(refused[i].name, bad, sizeof bad));
        CHECK_STR(bad, refused[i].bad);
    }
    /* the forms written */
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    csvchart_make_put_name(f, "out put/a b.png");
    fputc('\n', f);
    csvchart_make_put_shell_word(f, "it's $HOME; rm -rf x");
    fclose(f);
    CHECK_STR(text, "out\\ put/a\\ b.png\n'it'\\''s $$HOME; rm -rf x'");
    free(text);
    CHECK(csvchart_make_word_ok("a'b$c;d"));
    CHECK(!csvchart_make_word_ok("a\nb"));
    CHECK(!csvchart_make_word_ok("a\rb"));
}

static void test_quote(void)
{
    char q[64];
    CHECK_STR(csvchart_cli_quote("a\"b\\c\nd\te\x01", q, sizeof q), "\"a\\\"b\\\\c\\nd\\te\\x01\"");
    CHECK_STR(csvchart_cli_quote("é\xff", q, sizeof q), "\"é\\xff\"");
    char small[12];
    CHECK_STR(csvchart_cli_quote("ééééééé", small, sizeof small), "\"ééé...\"");
}

int main(void)
{
    RUN(test_examples);
    RUN(test_quote);
    RUN(test_property);
    return harness_done();
}
