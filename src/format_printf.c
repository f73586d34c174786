/*
 * format_printf.c - value_format = printf:TEMPLATE (format.h): the template checked strictly
 * when it is parsed, and numbers written with it.
 *
 * A template holds one conversion among d i f F e E g G, with flags -+ #0', width <= 64 and
 * precision <= 20, amid literal text that is valid UTF-8. At format time only the conversion
 * is handed to snprintf, rebuilt from the parsed fields (struct conv): the user's string itself
 * never reaches printf. The decimal point snprintf writes depends on LC_NUMERIC, so whatever
 * the locale put between the digits is replaced with "." (or the figure's locale's point), and
 * the ' flag groups with format_digits.c, not with the C library's locale.
 */
#include "format_digits.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "utf8.h"

#define MAX_WIDTH 64

/* ---- printf templates --------------------------------------------------------------------- */

/* The one conversion of a template: bytes [at, end), its flags, width and precision (-1 when
 * absent) and its type letter. */
struct conv {
    size_t at, end;
    bool minus, plus, space, hash, zero, quote;
    int width, prec;
    char type;
};

static bool valid_utf8(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = csvchart_utf8_char(s + i, n - i, &cp);
        if (!len) {
            return false;
        }
        i += len;
    }
    return true;
}

/* Reads up to 2 digits of a width or precision; more digits, or a value above `max`, fail. */
static bool read_count(const char *t, size_t *i, int max, int *out)
{
    int v = 0, nd = 0;
    while (t[*i] >= '0' && t[*i] <= '9') {
        if (++nd > 2) {
            return false;
        }
        v = v * 10 + (t[*i] - '0');
        (*i)++;
    }
    *out = v;
    return v <= max;
}

/* Length of the UTF-8 sequence starting with byte c (1 for a stray byte). */
static size_t seq_len(unsigned char c)
{
    return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

/*
 * Checks a template and finds its conversion. Returns CSVCHART_OK, or CSVCHART_ERROR_VALUE
 * with the problem recorded in *err (which may be NULL).
 */
static csvchart_status scan_template(const char *t, struct conv *c, csvchart_error *err)
{
#define BAD(...) csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0, __VA_ARGS__)
    size_t tlen = strlen(t);
    if (tlen >= sizeof((struct value_format *)0)->spec) {
        return BAD("value_format \"%.40s...\" is too long (%zu bytes); at most %zu", t, tlen,
                   sizeof((struct value_format *)0)->spec - 1);
    }
    if (!valid_utf8(t)) {
        return BAD("value_format \"%s\" is not valid UTF-8", t);
    }
    size_t count = 0;
    for (size_t i = 0; t[i]; i++) {
        unsigned char ch = (unsigned char)t[i];
        if (ch < 0x20 || ch == 0x7F) {
            return BAD("value_format \"%s\" has a control character (byte %zu); expected plain "
                       "text around one conversion, e.g. $%%.2f",
                       t, i + 1);
        }
        if (ch != '%') {
            continue;
        }
        if (t[i + 1] == '%') {
            i++; // "%%", a literal percent sign
            continue;
        }
        if (t[i + 1] == '\0') {
            return BAD("value_format \"%s\" ends in a lone %%; write %%%% for a percent sign", t);
        }
        struct conv k = {.at = i, .width = -1, .prec = -1};
        size_t j = i + 1;
        for (;; j++) {
            bool *flag = t[j] == '-'    ? &k.minus
                         : t[j] == '+'  ? &k.plus
                         : t[j] == ' '  ? &k.space
                         : t[j] == '#'  ? &k.hash
                         : t[j] == '0'  ? &k.zero
                         : t[j] == '\'' ? &k.quote
                                        : NULL;
            if (!flag) {
                break;
            }
            *flag = true;
        }
        bool counts_ok = true;
        if (t[j] >= '1' && t[j] <= '9') {
            counts_ok = read_count(t, &j, MAX_WIDTH, &k.width);
        }
        if (counts_ok && t[j] == '.') {
            j++;
            counts_ok = read_count(t, &j, FMT_MAX_DECIMALS, &k.prec);
        }
        if (!counts_ok) {
            return BAD("value_format \"%s\": a width above %d or a precision above %d is not "
                       "supported",
                       t, MAX_WIDTH, FMT_MAX_DECIMALS);
        }
        k.type = t[j];
        if (!k.type || !strchr("diFfeEgG", k.type)) {
            /* %s %n %c %x %*d %ld %1$d ...: quote up to the offending character */
            size_t end = t[j] ? j + seq_len((unsigned char)t[j]) : j;
            return BAD("value_format \"%s\": \"%.*s\" is not a number conversion; expected one "
                       "of %%d %%i %%f %%F %%e %%E %%g %%G, e.g. $%%.2f",
                       t, (int)(end - i), t + i);
        }
        if (k.hash && (k.type == 'd' || k.type == 'i')) {
            return BAD("value_format \"%s\": the # flag does not apply to %%%c", t, k.type);
        }
        k.end = j + 1;
        if (count++ == 0) {
            *c = k;
        }
        i = j;
    }
    if (count == 0) {
        return BAD("value_format \"%s\" has no conversion; expected e.g. $%%.2f or percent", t);
    }
    if (count > 1) {
        return BAD("value_format \"%s\" has %zu conversions; expected exactly one, e.g. $%%.2f", t,
                   count);
    }
    return CSVCHART_OK;
#undef BAD
}

/* The conversion applied to v, with ' grouping and the "." decimal point done here. */
static void put_conversion(struct sbuf *b, const struct conv *c, double v,
                           const struct csvchart_locale *loc)
{
    bool integer = c->type == 'd' || c->type == 'i';
    bool use_ll = integer && isfinite(v) && fabs(round(v)) < 9e18;
    bool self_pad = c->quote && c->width > 0; // grouping widens the number: pad afterwards
    char fmt[32];
    size_t k = 0;
    fmt[k++] = '%';
    if (c->minus && !self_pad) {
        fmt[k++] = '-';
    }
    if (c->plus) {
        fmt[k++] = '+';
    }
    if (c->space) {
        fmt[k++] = ' ';
    }
    if (c->hash) {
        fmt[k++] = '#';
    }
    if (c->zero && !self_pad) {
        fmt[k++] = '0';
    }
    if (c->width > 0 && !self_pad) {
        k += (size_t)snprintf(fmt + k, sizeof fmt - k, "%d", c->width);
    }
    if (integer && !use_ll) {
        k += (size_t)snprintf(fmt + k, sizeof fmt - k, ".0f"); // beyond long long, or nan/inf
    } else {
        if (c->prec >= 0) {
            k += (size_t)snprintf(fmt + k, sizeof fmt - k, ".%d", c->prec);
        }
        k += (size_t)snprintf(fmt + k, sizeof fmt - k, "%s%c", use_ll ? "ll" : "", c->type);
    }
    /* fmt is built from validated fields only (flags, two-digit counts, one of d i f F e E g
     * G), so this is one well-formed conversion whatever the user wrote. */
    char raw[512];
    if (use_ll) {
        snprintf(raw, sizeof raw, fmt, (long long)round(v));
    } else {
        snprintf(raw, sizeof raw, fmt, v);
    }
    /* Whatever LC_NUMERIC put between the digits (",", or a multi-byte U+066B) becomes ".". */
    char num[512];
    size_t n = 0;
    for (size_t i = 0; raw[i] && n < sizeof num - 1;) {
        unsigned char ch = (unsigned char)raw[i];
        bool plain = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
                     (ch >= 'A' && ch <= 'Z') || ch == '+' || ch == '-' || ch == ' ';
        if (plain) {
            num[n++] = raw[i++];
            continue;
        }
        const char *point = loc ? loc->decimal : ".";
        for (size_t q = 0; point[q] && n < sizeof num - 1; q++) {
            num[n++] = point[q];
        }
        while (raw[i] && !((raw[i] >= '0' && raw[i] <= '9') || raw[i] == ' ' || raw[i] == 'e' ||
                           raw[i] == 'E')) {
            i++;
        }
    }
    num[n] = '\0';

    bool group = c->quote && c->type != 'e' && c->type != 'E' && !strpbrk(num, "eEnN");
    struct sbuf body = {.len = 0};
    if (group) {
        size_t d0 = strcspn(num, "0123456789");
        size_t d1 = d0 + strspn(num + d0, "0123456789");
        csvchart_fmt_put(&body, num, d0);
        csvchart_fmt_put_grouped_in(&body, loc, num + d0, d1 - d0);
        csvchart_fmt_puts(&body, num + d1);
    } else {
        csvchart_fmt_puts(&body, num);
    }
    size_t pad = self_pad && (size_t)c->width > body.len ? (size_t)c->width - body.len : 0;
    if (pad && c->minus) {
        csvchart_fmt_puts(b, body.s);
        for (size_t i = 0; i < pad; i++) {
            csvchart_fmt_put(b, " ", 1);
        }
    } else if (pad && c->zero && isfinite(v)) {
        size_t sign = body.s[0] == '-' || body.s[0] == '+' || body.s[0] == ' ';
        csvchart_fmt_put(b, body.s, sign);
        for (size_t i = 0; i < pad; i++) {
            csvchart_fmt_put(b, "0", 1);
        }
        csvchart_fmt_puts(b, body.s + sign);
    } else {
        for (size_t i = 0; i < pad; i++) {
            csvchart_fmt_put(b, " ", 1);
        }
        csvchart_fmt_puts(b, body.s);
    }
}

/* Literal text of a template, with "%%" read as "%". */
static void put_literal(struct sbuf *b, const char *t, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        csvchart_fmt_put(b, t + i, 1);
        if (t[i] == '%' && i + 1 < to && t[i + 1] == '%') {
            i++;
        }
    }
}

void csvchart_fmt_put_printf(struct sbuf *b, const char *spec, double v,
                             const struct csvchart_locale *loc)
{
    struct conv c;
    if (scan_template(spec, &c, NULL) != CSVCHART_OK) {
        return; // not from csvchart_format_parse(): print nothing rather than guess
    }
    /* A negative number's sign goes before the text that leads it: "-$341B", not printf's
     * "$-341B" (graphics desk, session 23); a padded conversion (a width) keeps its place. */
    struct sbuf num = {.len = 0};
    num.s[0] = '\0';
    put_conversion(&num, &c, v, loc);
    bool lift = c.at > 0 && c.width <= 0 && num.len > 0 && num.s[0] == '-';
    if (lift) {
        csvchart_fmt_put(b, "-", 1);
    }
    put_literal(b, spec, 0, c.at);
    csvchart_fmt_puts(b, num.s + lift);
    put_literal(b, spec, c.end, strlen(spec));
}

csvchart_status csvchart_fmt_printf_check(const char *t, csvchart_error *err)
{
    struct conv c;
    return scan_template(t, &c, err);
}
