/*
 * locale_data.c - glibc's locale data, read once into a struct csvchart_locale (see locale_data.h);
 * part of the spec stage: spec.c loads the locale a figure names, and format.c, timeline_axis.c and
 * date.c read the struct.
 *
 * newlocale() gives a locale_t object without touching the process's locale (setlocale would
 * change every thread's number formatting at once, and the batch renders figures in parallel);
 * nl_langinfo_l() reads its items, which are copied before freelocale(). Items beyond POSIX
 * (the currency's place, the standalone month names, the date format of date(1)) are glibc's,
 * hence _GNU_SOURCE in this one file.
 *
 * A bare language (de) needs a territory: its own (de_DE) when glibc has it, else the one
 * glibc's locale.alias names for it (swedish -> sv_SE). That file is glibc's data too; nothing
 * here lists languages.
 */
#define _GNU_SOURCE
#include "locale_data.h"

#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "utf8.h"

#define ALIAS_FILE "/usr/share/locale/locale.alias"

/* Copies a glibc string, cut at a code point boundary when too long. */
static void copy(char *dst, size_t size, const char *src)
{
    size_t n = src ? strlen(src) : 0;
    if (n >= size) {
        n = size - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80) {
            n--;
        }
    }
    if (n) {
        memcpy(dst, src, n);
    }
    dst[n] = '\0';
}

static const char *item(locale_t l, nl_item it)
{
    const char *s = nl_langinfo_l(it, l);
    return s ? s : "";
}

static bool is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

static bool is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

/*
 * Splits a locale name into language, territory and modifier ("pt-BR" -> "pt", "BR", "";
 * "sr_RS@latin" -> "sr", "RS", "latin"); a codeset must be UTF-8 (any spelling). False for
 * anything else: only letters, digits and _ - . @ reach newlocale() (a '/' would make it read
 * a file by path).
 */
static bool split_name(const char *name, char *lang, char *terr, char *mod, bool *bad_codeset)
{
    *bad_codeset = false;
    size_t i = 0, n = 0;
    while (is_lower(name[i]) || is_upper(name[i])) {
        if (n >= 3) {
            return false;
        }
        lang[n++] = (char)(is_upper(name[i]) ? name[i] - 'A' + 'a' : name[i]);
        i++;
    }
    lang[n] = '\0';
    terr[0] = mod[0] = '\0';
    if (n < 2) {
        return false;
    }
    if (name[i] == '_' || name[i] == '-') {
        i++;
        n = 0;
        while (is_lower(name[i]) || is_upper(name[i]) || (name[i] >= '0' && name[i] <= '9')) {
            if (n >= 3) {
                return false;
            }
            terr[n++] = (char)(is_lower(name[i]) ? name[i] - 'a' + 'A' : name[i]);
            i++;
        }
        terr[n] = '\0';
        if (n < 2) {
            return false;
        }
    }
    if (name[i] == '.') {
        const char *cs = name + i + 1;
        size_t len = strcspn(cs, "@");
        bool utf8 = (len == 5 && (strncmp(cs, "UTF-8", 5) == 0 || strncmp(cs, "utf-8", 5) == 0)) ||
                    (len == 4 && (strncmp(cs, "utf8", 4) == 0 || strncmp(cs, "UTF8", 4) == 0));
        if (!utf8) {
            *bad_codeset = true;
            return false;
        }
        i += 1 + len;
    }
    if (name[i] == '@') {
        i++;
        n = 0;
        while (is_lower(name[i]) || is_upper(name[i])) {
            if (n >= 15) {
                return false;
            }
            mod[n++] = name[i++];
        }
        mod[n] = '\0';
        if (!n) {
            return false;
        }
    }
    return name[i] == '\0';
}

/* The territory glibc's locale.alias gives a language ("sv" -> "SE", from "swedish
 * sv_SE.ISO-8859-1"), or "" when the file has none. */
static void alias_territory(const char *lang, char *terr)
{
    terr[0] = '\0';
    FILE *f = fopen(ALIAS_FILE, "r");
    if (!f) {
        return;
    }
    char line[256];
    size_t n = strlen(lang);
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#') {
            continue;
        }
        char *v = line + strcspn(line, " \t\n");
        v += strspn(v, " \t");
        if (strncmp(v, lang, n) == 0 && v[n] == '_' && is_upper(v[n + 1]) && is_upper(v[n + 2]) &&
            !is_upper(v[n + 3])) {
            terr[0] = v[n + 1];
            terr[1] = v[n + 2];
            terr[2] = '\0';
            break;
        }
    }
    fclose(f);
}

static locale_t open_locale(const char *lang, const char *terr, const char *mod, char *name,
                            size_t size)
{
    snprintf(name, size, "%s_%s.UTF-8%s%s", lang, terr, *mod ? "@" : "", mod);
    return newlocale(LC_ALL_MASK, name, (locale_t)0);
}

/* ---- the date format ----------------------------------------------------------------------- */

/*
 * Reads the order of day, month and year, and what follows each, from a strftime format
 * (glibc's date_fmt, the format of date(1), which names the month: "%a %-d. %b %H:%M:%S %Z %Y").
 * The text right after a part, up to the next conversion, follows it; where the next part is
 * not the next conversion (a time stands between), a space. False when the format lacks one
 * of the three.
 */
static bool read_date_format(struct csvchart_locale *loc, const char *fmt)
{
    loc->nparts = 0;
    loc->numeric_month = false;
    bool seen[3] = {false, false, false};
    long last = -1;      /* the part whose following text is being read, or -1 */
    bool direct = false; /* no other conversion since that part */
    for (const char *p = fmt; *p;) {
        if (*p != '%') {
            const char *q = p;
            while (*q && *q != '%') {
                q++;
            }
            if (last >= 0 && direct) {
                size_t have = strlen(loc->after[last]), add = (size_t)(q - p);
                if (have + add < sizeof loc->after[last]) {
                    memcpy(loc->after[last] + have, p, add);
                    loc->after[last][have + add] = '\0';
                }
            }
            p = q;
            continue;
        }
        p++;
        while (*p == '-' || *p == '_' || *p == '0' || *p == '^' || *p == '#' ||
               (*p >= '1' && *p <= '9')) {
            p++;
        }
        if (*p == 'E' || *p == 'O') {
            p++;
        }
        char c = *p ? *p++ : '\0';
        long part = c == 'd' || c == 'e'               ? DATE_PART_DAY
                    : c == 'b' || c == 'B' || c == 'h' ? DATE_PART_MONTH
                    : c == 'm'                         ? DATE_PART_MONTH
                    : c == 'Y' || c == 'y'             ? DATE_PART_YEAR
                                                       : -1;
        if (part < 0 || seen[part]) {
            direct = false; /* a time, a weekday ...: not part of a date label */
            continue;
        }
        seen[part] = true;
        if (part == DATE_PART_MONTH && c == 'm') {
            loc->numeric_month = true;
        }
        loc->parts[loc->nparts] = (enum date_part)part;
        loc->after[loc->nparts][0] = '\0';
        last = (long)loc->nparts++;
        direct = true;
    }
    return seen[0] && seen[1] && seen[2];
}

/* The text that stays glued to a part ("." after a German day, "日" in Japanese): up to the
 * first space, comma or semicolon. */
static size_t glued(const char *after)
{
    return strcspn(after, " ,;\xc2");
}

void csvchart_locale_date(const struct csvchart_locale *loc, int day, int month, int year,
                          bool abbrev, char *buf, size_t n)
{
    size_t at = 0;
    buf[0] = '\0';
    size_t present[3], np = 0;
    for (size_t k = 0; k < loc->nparts; k++) {
        enum date_part p = loc->parts[k];
        if ((p == DATE_PART_DAY && day > 0) || (p == DATE_PART_MONTH && month >= 1) ||
            (p == DATE_PART_YEAR && year > 0)) {
            present[np++] = k;
        }
    }
    for (size_t i = 0; i < np && at + 1 < n; i++) {
        size_t k = present[i];
        char piece[LOCALE_MONTH_LEN + 16];
        switch (loc->parts[k]) {
        case DATE_PART_DAY:
            snprintf(piece, sizeof piece, "%d", day);
            break;
        case DATE_PART_MONTH:
            if (loc->numeric_month) {
                snprintf(piece, sizeof piece, "%d", month);
            } else {
                const char(*names)[LOCALE_MONTH_LEN] = day > 0
                                                           ? (abbrev ? loc->abmon : loc->mon)
                                                           : (abbrev ? loc->abaltmon : loc->altmon);
                snprintf(piece, sizeof piece, "%s", names[(month - 1) % 12]);
            }
            break;
        case DATE_PART_YEAR:
        default:
            snprintf(piece, sizeof piece, "%d", year);
            break;
        }
        const char *after = loc->after[k];
        size_t keep = i + 1 < np ? strlen(after) : glued(after);
        if (i + 1 < np && keep == 0) {
            after = " ";
            keep = 1;
        }
        int w = snprintf(buf + at, n - at, "%s%.*s", piece, (int)keep, after);
        if (w < 0) {
            break;
        }
        at += (size_t)w < n - at ? (size_t)w : n - at - 1;
    }
    /* a cut never leaves half a character (this looked at buf[at], the NUL, and so kept the
     * lead byte of a month name cut short) */
    csvchart_utf8_trim(buf);
}

/* ---- loading ------------------------------------------------------------------------------- */

static void read_locale(struct csvchart_locale *loc, locale_t l)
{
    copy(loc->decimal, sizeof loc->decimal, item(l, RADIXCHAR));
    if (!loc->decimal[0]) {
        copy(loc->decimal, sizeof loc->decimal, ".");
    }
    const char *sep = item(l, THOUSEP), *grouping = item(l, GROUPING);
    if (!*sep) { /* pt_PT groups money but not numbers: labels are read as amounts */
        sep = item(l, MON_THOUSANDS_SEP);
        grouping = item(l, MON_GROUPING);
    }
    copy(loc->group, sizeof loc->group, sep);
    size_t g = 0;
    for (; grouping[g] && g + 1 < sizeof loc->grouping; g++) {
        unsigned char v = (unsigned char)grouping[g];
        loc->grouping[g] = v == CHAR_MAX ? 0xFF : v; /* 0xFF: no more groups */
    }
    loc->grouping[g] = 0;
    if (!loc->grouping[0]) {
        loc->group[0] = '\0'; /* no grouping at all */
    }
    copy(loc->currency, sizeof loc->currency, item(l, CURRENCY_SYMBOL));
    char pre = *item(l, P_CS_PRECEDES), space = *item(l, P_SEP_BY_SPACE);
    loc->cs_precedes = pre == 1;
    loc->cs_space = space == 1;
    for (int m = 0; m < 12; m++) {
        copy(loc->mon[m], LOCALE_MONTH_LEN, item(l, (nl_item)(MON_1 + m)));
        copy(loc->abmon[m], LOCALE_MONTH_LEN, item(l, (nl_item)(ABMON_1 + m)));
        copy(loc->altmon[m], LOCALE_MONTH_LEN, item(l, (nl_item)(ALTMON_1 + m)));
        copy(loc->abaltmon[m], LOCALE_MONTH_LEN, item(l, (nl_item)(_NL_ABALTMON_1 + m)));
        if (!loc->altmon[m][0]) {
            memcpy(loc->altmon[m], loc->mon[m], LOCALE_MONTH_LEN);
        }
        if (!loc->abaltmon[m][0]) {
            memcpy(loc->abaltmon[m], loc->abmon[m], LOCALE_MONTH_LEN);
        }
    }
    if (!read_date_format(loc, item(l, _DATE_FMT)) && !read_date_format(loc, item(l, D_FMT))) {
        /* neither names all three: day, month name, year */
        memset(loc->after, 0, sizeof loc->after);
        loc->parts[0] = DATE_PART_DAY;
        loc->parts[1] = DATE_PART_MONTH;
        loc->parts[2] = DATE_PART_YEAR;
        loc->nparts = 3;
        loc->numeric_month = false;
    }
}

/*
 * The space a language writes before "%", which glibc's locale data does not hold: CLDR's
 * percent patterns ("#,##0 %"), a narrow no-break space in French, a no-break space in the
 * others that space it, none in English, Italian, Dutch, Polish, Portuguese, Japanese, ...
 */
static void percent_space(struct csvchart_locale *loc, const char *lang)
{
    static const char *const spaced[] = {"de", "es", "sv", "nb", "nn", "no", "da", "fi",
                                         "ru", "cs", "sk", "uk", "hu", "ca", "el", "bg"};
    if (strcmp(lang, "fr") == 0) {
        copy(loc->percent_space, sizeof loc->percent_space, "\xe2\x80\xaf"); /* U+202F */
        return;
    }
    for (size_t i = 0; i < sizeof spaced / sizeof spaced[0]; i++) {
        if (strcmp(lang, spaced[i]) == 0) {
            copy(loc->percent_space, sizeof loc->percent_space, "\xc2\xa0"); /* U+00A0 */
        }
    }
}

/*
 * How a language abbreviates thousands, millions, billions and trillions, which glibc's locale
 * data does not hold either: CLDR's short decimal formats ("0 Md" for a French milliard, "0 Mrd."
 * for a German Milliarde), the space in them a no-break space. Where CLDR writes the thousands
 * in full (German, Italian) the word a newspaper's table abbreviates them to ("Tsd.", "mila");
 * where it writes the billions as thousands of millions (Spanish "0000 M") the short form of
 * "mil millones". A language not listed keeps the English letters, as does a language whose
 * steps are not thousands (Japanese and Chinese count in ten thousands).
 */
static void number_scale(struct csvchart_locale *loc, const char *lang)
{
#define SP "\xc2\xa0" /* U+00A0 */
    static const struct {
        const char *lang; /* language, or language_TERRITORY before the language alone */
        const char *k[4];
    } forms[] = {
        {"fr", {SP "k", SP "M", SP "Md", SP "Bn"}},
        {"de", {SP "Tsd.", SP "Mio.", SP "Mrd.", SP "Bio."}},
        {"es", {SP "mil", SP "M", SP "mil" SP "M", SP "B"}},
        {"it", {SP "mila", SP "Mln", SP "Mrd", SP "Bln"}},
        {"pt_PT", {SP "mil", SP "M", SP "mM", SP "Bi"}},
        {"pt", {SP "mil", SP "mi", SP "bi", SP "tri"}},
        {"nl", {"K", SP "mln.", SP "mld.", SP "bln."}},
        {"sv", {SP "tn", SP "mn", SP "md", SP "bn"}},
        {"da", {SP "t", SP "mio.", SP "mia.", SP "bio."}},
        {"nb", {"k", SP "mill.", SP "mrd.", SP "bill."}},
        {"nn", {"k", SP "mill.", SP "mrd.", SP "bill."}},
        {"no", {"k", SP "mill.", SP "mrd.", SP "bill."}},
        {"fi", {SP "t.", SP "milj.", SP "mrd.", SP "bilj."}},
        {"pl", {SP "tys.", SP "mln", SP "mld", SP "bln"}},
        {"cs", {SP "tis.", SP "mil.", SP "mld.", SP "bil."}},
        /* тыс. млн млрд трлн */
        {"ru",
         {SP "\xd1\x82\xd1\x8b\xd1\x81.", SP "\xd0\xbc\xd0\xbb\xd0\xbd",
          SP "\xd0\xbc\xd0\xbb\xd1\x80\xd0\xb4", SP "\xd1\x82\xd1\x80\xd0\xbb\xd0\xbd"}},
        /* тис. млн млрд трлн */
        {"uk",
         {SP "\xd1\x82\xd0\xb8\xd1\x81.", SP "\xd0\xbc\xd0\xbb\xd0\xbd",
          SP "\xd0\xbc\xd0\xbb\xd1\x80\xd0\xb4", SP "\xd1\x82\xd1\x80\xd0\xbb\xd0\xbd"}},
        {"tr", {SP "B", SP "Mn", SP "Mr", SP "Tn"}},
    };
#undef SP
    static const char *const english[4] = {"K", "M", "B", "T"};
    const char *const *k = english;
    for (size_t i = 0; i < sizeof forms / sizeof forms[0] && k == english; i++) {
        size_t n = strlen(forms[i].lang);
        bool territory = n > 2;
        if (territory ? strncmp(loc->name, forms[i].lang, n) == 0
                      : strcmp(lang, forms[i].lang) == 0) {
            k = forms[i].k;
        }
    }
    loc->scale[0][0] = '\0';
    for (int i = 0; i < 4; i++) {
        copy(loc->scale[i + 1], sizeof loc->scale[i + 1], k[i]);
    }
}

csvchart_status csvchart_locale_load(const char *name, struct csvchart_locale **out,
                                     csvchart_error *err)
{
    *out = NULL;
    char lang[4], terr[4], mod[16];
    bool bad_codeset;
    if (!name || strlen(name) >= 40 || !split_name(name, lang, terr, mod, &bad_codeset)) {
        if (name && bad_codeset) {
            return csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                                      "locale: \"%s\" is not a UTF-8 locale; write the name "
                                      "without a codeset (e.g. de_DE)",
                                      name);
        }
        return csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                                  "locale: \"%s\" is not a locale name; expected a language, "
                                  "or a language and territory, e.g. de, de_DE, de-DE, pt_BR",
                                  name ? name : "");
    }
    char tried[3][LOCALE_NAME_LEN];
    size_t ntried = 0;
    locale_t l = (locale_t)0;
    if (terr[0]) {
        l = open_locale(lang, terr, mod, tried[ntried++], LOCALE_NAME_LEN);
    } else {
        char own[4];
        for (size_t i = 0; i < 4; i++) {
            own[i] = (char)(is_lower(lang[i]) ? lang[i] - 'a' + 'A' : lang[i]);
        }
        if (strlen(own) == 2) {
            l = open_locale(lang, own, mod, tried[ntried++], LOCALE_NAME_LEN);
        }
        char alias[4];
        alias_territory(lang, alias);
        if (!l && alias[0] && strcmp(alias, own) != 0) {
            l = open_locale(lang, alias, mod, tried[ntried++], LOCALE_NAME_LEN);
        }
    }
    if (!l) {
        return csvchart_error_set(
            err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
            "locale: no locale data for \"%s\" (tried %s%s%s%s); give a language and territory "
            "glibc has (e.g. de_DE, fr_FR, pt_BR: 'locale -a' lists them; Debian's package "
            "locales-all installs them all)",
            name, ntried ? tried[0] : "no name", ntried > 1 ? " and " : "",
            ntried > 1 ? tried[1] : "", "");
    }
    struct csvchart_locale *loc = calloc(1, sizeof *loc);
    if (!loc) {
        freelocale(l);
        return csvchart_error_nomem(err);
    }
    copy(loc->name, sizeof loc->name, tried[ntried - 1]);
    read_locale(loc, l);
    freelocale(l);
    percent_space(loc, lang);
    number_scale(loc, lang);
    *out = loc;
    return CSVCHART_OK;
}

void csvchart_locale_free(struct csvchart_locale *loc)
{
    free(loc);
}

/* ---- reading month names ------------------------------------------------------------------- */

static char fold(char c)
{
    return is_upper(c) ? (char)(c - 'A' + 'a') : c;
}

/* Whether [s, s+len) starts with `name` (ASCII letters in any case); the bytes taken. */
static size_t starts_with(const char *s, size_t len, const char *name)
{
    size_t n = strlen(name);
    if (!n || n > len) {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        if (fold(s[i]) != fold(name[i])) {
            return 0;
        }
    }
    return n;
}

static bool word_char(unsigned char c)
{
    return is_lower((char)c) || is_upper((char)c) || c >= 0x80;
}

int csvchart_locale_month(const struct csvchart_locale *loc, const char *s, size_t len,
                          size_t *used)
{
    int best = 0;
    size_t best_n = 0;
    for (int m = 0; m < 12; m++) {
        const char *forms[4] = {loc->mon[m], loc->altmon[m], loc->abmon[m], loc->abaltmon[m]};
        for (int f = 0; f < 4; f++) {
            const char *name = forms[f];
            size_t n = starts_with(s, len, name);
            size_t nl = strlen(name);
            if (!n && nl > 1 && name[nl - 1] == '.') { /* "janv" for "janv." */
                char bare[LOCALE_MONTH_LEN];
                memcpy(bare, name, nl - 1);
                bare[nl - 1] = '\0';
                n = starts_with(s, len, bare);
            }
            if (!n || (n < len && word_char((unsigned char)s[n]))) {
                continue;
            }
            if (f >= 2 && n < len && s[n] == '.' && name[n - 1] != '.') {
                n++; /* "Jan." for "Jan" */
            }
            if (n > best_n) {
                best_n = n;
                best = m + 1;
            }
        }
    }
    if (best) {
        *used = best_n;
    }
    return best;
}
