/*
 * text_fonts.c - a small fontconfig configuration per font family, built once and cached on
 * disk, so that a figure does not parse the system's fontconfig XML on every run (text.h).
 *
 * Pipeline position: text stage, beside text_pango.c; only text_pango.c calls it.
 *
 * Why: fontconfig's start-up (FcInit: some 35 XML files of aliases, language rules and
 * rendering settings, through expat) was 24 M of the 53 M instructions of a whole SVG run,
 * about 6 ms. A figure uses one family; what fontconfig tells Pango about it is short: for
 * each request (weight 400 or 700) the sorted list of fonts that can draw some character
 * (the "chain": the requested face, then the fallbacks that add coverage - DejaVu, CJK...),
 * and for each of them the pattern Pango and cairo read (file, index, size, hinting,
 * antialiasing, synthetic emboldening...).
 *
 * How: the first time a family is asked for, with the system's configuration loaded,
 *   1. Pango itself is asked for the fontsets of the family in every context the library uses
 *      (the font map's matrix at the measurer's and pens' scale 1, PNG's 2x and PDF's points;
 *      weights 400 and 700; 11 and 64 px), and each font's final pattern is recorded;
 *   2. a configuration is written in XML that holds the system's cache folders and the
 *      folders of the chain's files, accepts only the chain's files, and sorts a request of either
 * weight by file (the strongest element fontconfig matches on) in the chain's order; then, per
 * chain font and weight, rules that assign whatever the system's rules set in the final pattern
 * (hinting, antialiasing, embolden...) and that the short configuration lacks (the edits every font
 * of a weight needs in one rule);
 *   3. the same fontsets are asked of Pango through the new configuration and every pattern
 *      is compared with the system's (FcPatternEqual). Only when all are equal is the
 *      configuration used and cached; otherwise the family is cached as "use the system's",
 *      so the check is not repeated on every run. Other sizes are trusted to behave like 11
 *      and 64 px: a system rule that depended on the size with a threshold outside that
 *      range (Debian's do not depend on it) would go unseen.
 * Steps 1 to 3 are text_fonts_build.c's; this file holds the table, the key and the cache file
 * (text_fonts.h is what the two share).
 * The cache file (under $XDG_CACHE_HOME/csvchart, else ~/.cache/csvchart) names the family,
 * language and program name it was made for, and every file and folder it depends on - each
 * configuration file and folder fontconfig read, the user configuration paths it would read
 * if they existed, every font folder, and every font file of the chains - with its device,
 * inode, size and modification time; any change, and the cache is made again. Outputs are
 * identical either way (checked in step 3, and by the tests, which render with and without
 * it). CSVCHART_FONT_CACHE=0 turns it off; so does any FONTCONFIG_* variable (a configuration
 * chosen by hand is left alone).
 *
 * Configurations are built once per process and family and shared by every thread (fontconfig
 * configurations are read-only once built); a mutex guards the table.
 */
#include "text_fonts.h"

#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangofc-font.h>
#include <pango/pangofc-fontmap.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "array.h"
#include "error.h"
#include "text.h"

#define CACHE_MAGIC "csvchart-fonts 3" /* 3: probed through the FreeType font map */

/* ---- The process-wide table ----------------------------------------------------------------- */

struct family_config {
    char *family;
    FcConfig *config; /* NULL: fontconfig's default */
};

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static struct family_config *table;
static size_t table_len, table_cap;
static FcConfig *system_config; /* loaded on demand, kept */
static bool claimed;            /* the CLI owns fontconfig's default configuration */

/* ---- Small helpers -------------------------------------------------------------------------- */

void csvchart_fonts_put(struct buf *b, const char *s, size_t n)
{
    if (b->nomem || !csvchart_array_reserve((void **)&b->items, &b->cap, b->len + n + 1, 1)) {
        b->nomem = true;
        return;
    }
    memcpy(b->items + b->len, s, n);
    b->len += n;
    b->items[b->len] = '\0';
}

void csvchart_fonts_puts(struct buf *b, const char *s)
{
    csvchart_fonts_put(b, s, strlen(s));
}

void csvchart_fonts_putf(struct buf *b, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->nomem = true;
    } else if ((size_t)n < sizeof small) {
        csvchart_fonts_put(b, small, (size_t)n);
    } else {
        char *big = malloc((size_t)n + 1);
        if (!big) {
            b->nomem = true;
            return;
        }
        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
        csvchart_fonts_put(b, big, (size_t)n);
        free(big);
    }
}

/* XML character data or attribute text. */
void csvchart_fonts_put_xml(struct buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&':
            csvchart_fonts_puts(b, "&amp;");
            break;
        case '<':
            csvchart_fonts_puts(b, "&lt;");
            break;
        case '>':
            csvchart_fonts_puts(b, "&gt;");
            break;
        case '"':
            csvchart_fonts_puts(b, "&quot;");
            break;
        case '\'':
            csvchart_fonts_puts(b, "&apos;");
            break;
        default:
            csvchart_fonts_put(b, s, 1);
        }
    }
}

/* One line of the cache's header, with anything that could break a line escaped (%XX). */
static void put_field(struct buf *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p <= ' ' || *p == '%' || *p == 0x7f) {
            csvchart_fonts_putf(b, "%%%02X", *p);
        } else {
            csvchart_fonts_put(b, (const char *)p, 1);
        }
    }
}

static uint64_t fnv(uint64_t h, const char *s)
{
    for (; s && *s; s++) {
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    }
    return (h ^ 0xff) * 1099511628211u;
}

/* ---- What a cache depends on ---------------------------------------------------------------- */

/* "dep DEV INO SIZE SEC NSEC PATH" or "dep - - - - - PATH" for a path that does not exist. */
void csvchart_fonts_put_dep(struct buf *b, const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0) {
        csvchart_fonts_putf(b, "dep %llu %llu %llu %lld %ld ", (unsigned long long)st.st_dev,
                            (unsigned long long)st.st_ino, (unsigned long long)st.st_size,
                            (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec);
    } else {
        csvchart_fonts_puts(b, "dep - - - - - ");
    }
    put_field(b, path);
    csvchart_fonts_puts(b, "\n");
}

static void put_str_list(struct buf *b, FcStrList *list)
{
    FcChar8 *s;
    if (!list) {
        b->nomem = true; /* cannot list: no cache */
        return;
    }
    while ((s = FcStrListNext(list))) {
        csvchart_fonts_put_dep(b, (const char *)s);
    }
    FcStrListDone(list);
}

/* The user configuration fontconfig would read if it existed (fonts.conf's <include>s). */
static void put_user_deps(struct buf *b)
{
    const char *home = getenv("HOME"), *xdg = getenv("XDG_CONFIG_HOME");
    char path[4096];
    if (xdg && *xdg) {
        snprintf(path, sizeof path, "%s/fontconfig/fonts.conf", xdg);
        csvchart_fonts_put_dep(b, path);
        snprintf(path, sizeof path, "%s/fontconfig/conf.d", xdg);
        csvchart_fonts_put_dep(b, path);
    }
    if (home && *home) {
        snprintf(path, sizeof path, "%s/.config/fontconfig/fonts.conf", home);
        csvchart_fonts_put_dep(b, path);
        snprintf(path, sizeof path, "%s/.config/fontconfig/conf.d", home);
        csvchart_fonts_put_dep(b, path);
        snprintf(path, sizeof path, "%s/.fonts.conf", home);
        csvchart_fonts_put_dep(b, path);
        snprintf(path, sizeof path, "%s/.fonts.conf.d", home);
        csvchart_fonts_put_dep(b, path);
    }
}

/* Every dependency of the system configuration, as "dep" lines. */
static void put_deps(struct buf *b, FcConfig *sys)
{
    put_str_list(b, FcConfigGetConfigFiles(sys));
    put_str_list(b, FcConfigGetConfigDirs(sys));
    put_str_list(b, FcConfigGetFontDirs(sys));
    put_user_deps(b);
}

/* ---- The key: what the cache was made for ---------------------------------------------------- */

/* The language Pango asks fontconfig for, and the program name fontconfig adds to patterns. */
static void put_key(struct buf *b, const char *family)
{
    csvchart_fonts_puts(b, CACHE_MAGIC "\nfamily ");
    put_field(b, family);
    csvchart_fonts_puts(b, "\nlang ");
    put_field(b, pango_language_to_string(pango_language_get_default()));
    FcPattern *p = FcPatternCreate();
    FcChar8 *prg = NULL;
    if (p) {
        FcDefaultSubstitute(p);
        FcPatternGetString(p, FC_PRGNAME, 0, &prg);
    }
    csvchart_fonts_puts(b, "\nprgname ");
    put_field(b, prg ? (const char *)prg : "");
    csvchart_fonts_puts(b, "\n");
    if (p) {
        FcPatternDestroy(p);
    }
}

static bool disabled(void)
{
    const char *v = getenv("CSVCHART_FONT_CACHE");
    if (v && strcmp(v, "0") == 0) {
        return true;
    }
    return getenv("FONTCONFIG_FILE") || getenv("FONTCONFIG_PATH") || getenv("FONTCONFIG_SYSROOT");
}

/* The cache file of a key (malloc'd), or NULL without a home. */
static char *cache_path(const char *key)
{
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    char dir[4096];
    if (xdg && xdg[0] == '/') {
        snprintf(dir, sizeof dir, "%s/csvchart", xdg);
    } else if (home && home[0] == '/') {
        snprintf(dir, sizeof dir, "%s/.cache/csvchart", home);
    } else {
        return NULL;
    }
    size_t n = strlen(dir) + 40;
    char *path = malloc(n);
    if (path) {
        snprintf(path, n, "%s/fonts-%016llx", dir,
                 (unsigned long long)fnv(1469598103934665603u, key));
    }
    return path;
}

/* ---- The cache file -------------------------------------------------------------------------- */

static char *read_file(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return NULL;
    }
    struct stat st;
    char *s = NULL;
    if (fstat(fd, &st) == 0 && st.st_size > 0 && st.st_size < (1 << 24)) {
        s = malloc((size_t)st.st_size + 1);
        if (s && read(fd, s, (size_t)st.st_size) != st.st_size) {
            free(s);
            s = NULL;
        } else if (s) {
            s[st.st_size] = '\0';
        }
    }
    close(fd);
    return s;
}

/* Writes the file atomically (a temporary beside it, then rename); failure is silent. */
static void write_file(const char *path, const char *text, size_t len)
{
    char dir[4096], tmp[4200];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash) {
        return;
    }
    *slash = '\0';
    char *parent = strrchr(dir, '/');
    if (parent && parent != dir) { /* ~/.cache may not exist yet */
        *parent = '\0';
        mkdir(dir, 0700);
        *parent = '/';
    }
    mkdir(dir, 0700);
    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        return;
    }
    bool ok = write(fd, text, len) == (ssize_t)len;
    ok = close(fd) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        unlink(tmp);
    }
}

/*
 * The configuration a valid cache holds: *found is set when the file is valid for `key`; then
 * the result is the short configuration, or NULL for "use the system's".
 */
static FcConfig *from_cache(const char *text, const char *key, bool *found)
{
    *found = false;
    size_t klen = strlen(key);
    if (strncmp(text, key, klen) != 0) {
        return NULL;
    }
    const char *p = text + klen;
    struct buf now = {0};
    while (strncmp(p, "dep ", 4) == 0) {
        const char *end = strchr(p, '\n');
        if (!end) {
            free(now.items);
            return NULL;
        }
        /* The path is the line's last field, escaped as put_field() wrote it. */
        const char *sp = end;
        while (sp > p && sp[-1] != ' ') {
            sp--;
        }
        char path[4096];
        size_t n = 0;
        for (const char *q = sp; q < end && n + 1 < sizeof path; q++) {
            unsigned v;
            if (*q == '%' && q + 2 < end && sscanf(q + 1, "%2x", &v) == 1) {
                path[n++] = (char)v;
                q += 2;
            } else {
                path[n++] = *q;
            }
        }
        path[n] = '\0';
        now.len = 0;
        csvchart_fonts_put_dep(&now, path);
        if (now.nomem || now.len != (size_t)(end + 1 - p) || memcmp(now.items, p, now.len) != 0) {
            free(now.items);
            return NULL; /* changed: made again */
        }
        p = end + 1;
    }
    free(now.items);
    if (strncmp(p, "system\n", 7) == 0) {
        *found = true;
        return NULL;
    }
    if (strncmp(p, "config\n", 7) != 0) {
        return NULL;
    }
    FcConfig *c = csvchart_fonts_config_from_xml(p + 7);
    *found = c != NULL;
    return c;
}

static FcConfig *system_fonts(void)
{
    if (!system_config) {
        system_config = claimed ? FcInitLoadConfigAndFonts() : FcConfigReference(NULL);
    }
    return system_config;
}

/* Under table_lock: the configuration for a family, from the cache or made (and cached). */
static FcConfig *config_for(const char *family)
{
    if (disabled()) {
        return claimed ? system_fonts() : NULL;
    }
    struct buf key = {0};
    put_key(&key, family);
    char *path = key.nomem ? NULL : cache_path(key.items);
    char *text = path ? read_file(path) : NULL;
    bool found = false;
    FcConfig *c = text ? from_cache(text, key.items, &found) : NULL;
    free(text);
    if (!found && path) {
        FcConfig *sys = system_fonts();
        struct buf file = {0}, xml = {0};
        csvchart_fonts_put(&file, key.items, key.len);
        put_deps(&file, sys);
        if (sys && csvchart_fonts_build(sys, family, &xml, &file)) {
            csvchart_fonts_puts(&file, "config\n");
            csvchart_fonts_put(&file, xml.items, xml.len);
            c = csvchart_fonts_config_from_xml(xml.items);
        } else {
            csvchart_fonts_puts(&file, "system\n");
        }
        if (!file.nomem) {
            write_file(path, file.items, file.len);
        }
        free(file.items);
        free(xml.items);
    }
    free(path);
    free(key.items);
    return c ? c : claimed ? system_fonts() : NULL;
}

void *csvchart_text_fonts_config(const char *family)
{
    family = family ? family : "";
    pthread_mutex_lock(&table_lock);
    FcConfig *c = NULL;
    bool have = false;
    for (size_t i = 0; i < table_len; i++) {
        if (strcmp(table[i].family, family) == 0) {
            c = table[i].config;
            have = true;
            break;
        }
    }
    if (!have) {
        c = config_for(family);
        char *copy = csvchart_strdup(family);
        if (copy &&
            csvchart_array_reserve((void **)&table, &table_cap, table_len + 1, sizeof *table)) {
            table[table_len++] = (struct family_config){copy, c};
        } else {
            free(copy); /* made again next time */
        }
    }
    pthread_mutex_unlock(&table_lock);
    return c;
}

void csvchart_text_fonts_claim_process(void)
{
    pthread_mutex_lock(&table_lock);
    if (!claimed && !disabled()) {
        /* An empty default: Pango's FcInit() (run on a thread of its own when the first font
         * map is made) then finds a configuration and parses nothing. Every font map of the
         * library gets its family's configuration, or the system's, explicitly. */
        FcConfig *empty = FcConfigCreate();
        if (empty && FcConfigSetCurrent(empty)) {
            claimed = true;
        }
        if (empty) {
            FcConfigDestroy(empty); /* the default holds its own reference */
        }
    }
    pthread_mutex_unlock(&table_lock);
}
