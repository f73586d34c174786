/*
 * format.c - value and tick labels; part of the scale stage, used by layout (see format.h).
 *
 * The spec parses the value_format option with csvchart_format_parse(), records the unit the
 * data was written in with csvchart_format_set_unit(), and layout asks for each label with
 * csvchart_format_value() (bar labels) or csvchart_format_tick() (axis labels). No I/O, no
 * state.
 *
 * How a number becomes text, for every kind but printf:
 *   1. %.14e gives the 15 significant decimal digits of |v| (struct decimal). Every decimal with
 *      at most 15 digits survives the trip through a double, so 0.1 + 0.2 reads as digits "3",
 *      exponent -1, and what the CSV said is what we see.
 *   2. K/M/B/T scaling (si, or auto when the data used a multiplier) only shifts the decimal
 *      exponent: exact, no division.
 *   3. Rounding to the chosen decimals is done on those digits, half away from zero
 *      ("$0.075" at 2 decimals is "$0.08", as the reader expects, not the binary "$0.07").
 *   4. The integer part is grouped by hand ("2,500"): no locale, no ' flag.
 * The decimal point in snprintf output depends on LC_NUMERIC, so it is never copied: step 1
 * reads only the digits and the exponent, and the printf kind replaces whatever the locale put
 * between the digits with ".".
 *
 * printf templates are validated strictly at parse time (one conversion among d i f F e E g G,
 * flags -+ #0', width <= 64, precision <= 20), and at format time only the conversion is handed
 * to snprintf, rebuilt from the parsed fields: the user's string itself never reaches printf.
 */
#include "format.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "utf8.h"

#define MINUS "\xe2\x88\x92" // U+2212 MINUS SIGN
#define MAX_DECIMALS 20
#define MAX_WIDTH 64

/* ---- Decimal digits ---------------------------------------------------------------------- */

/* |v| = d[0].d[1]...d[nd-1] x 10^exp, nd <= 15 significant digits, trailing zeros trimmed. */
struct decimal {
    char d[16];
    int nd;
    int exp;
    bool neg;
    bool zero;
};

static void to_decimal(double v, struct decimal *x)
{
    char buf[48];
    snprintf(buf, sizeof buf, "%.14e", fabs(v));
    const char *p = buf;
    int nd = 0;
    for (; *p && *p != 'e' && *p != 'E'; p++) {
        if (*p >= '0' && *p <= '9' && nd < 15) { // skips the decimal point, whatever it is
            x->d[nd++] = *p;
        }
    }
    int e = 0, sign = 1;
    if (*p) {
        p++;
        if (*p == '-' || *p == '+') {
            sign = *p == '-' ? -1 : 1;
            p++;
        }
        for (; *p >= '0' && *p <= '9'; p++) {
            e = e * 10 + (*p - '0');
        }
    }
    while (nd > 1 && x->d[nd - 1] == '0') {
        nd--;
    }
    x->nd = nd;
    x->d[nd] = '\0';
    x->exp = sign * e;
    x->zero = nd == 1 && x->d[0] == '0';
    x->neg = !x->zero && v < 0;
    if (x->zero) {
        x->exp = 0;
    }
}

/* The power of ten of the last significant digit: 0.25 -> -2, 5e8 -> 8, 0 -> 0. */
static int lowest_digit(const struct decimal *x)
{
    return x->zero ? 0 : x->exp - (x->nd - 1);
}

static int clamp_decimals(int dec)
{
    return dec < 0 ? 0 : dec > MAX_DECIMALS ? MAX_DECIMALS : dec;
}

/* Decimals that x / 10^shift needs to be shown in full. */
static int decimals_needed(const struct decimal *x, int shift)
{
    return clamp_decimals(shift - lowest_digit(x));
}

/*
 * Rounds |x| / 10^shift half away from zero to `dec` decimals. Writes the integer digits (no
 * leading zeros, at least "0") to ip and exactly `dec` fraction digits to fp.
 */
#define MAX_INT_DIGITS 330
static void round_fixed(const struct decimal *x, int shift, int dec, char *ip, char *fp)
{
    int exp = x->zero ? 0 : x->exp - shift;
    int hi = exp > 0 ? exp : 0;
    int n = hi + dec + 1; // digit positions 10^hi .. 10^-dec
    unsigned char dig[MAX_INT_DIGITS + MAX_DECIMALS + 2];
    dig[0] = 0; // room for a carry: 9.99 -> 10.0
    for (int i = 0; i < n; i++) {
        int k = exp - (hi - i); // index into x->d of the digit at power hi - i
        dig[i + 1] = (k >= 0 && k < x->nd) ? (unsigned char)(x->d[k] - '0') : 0;
    }
    int r = exp + dec + 1; // index of the first digit dropped
    if (!x->zero && r >= 0 && r < x->nd && x->d[r] >= '5') {
        int i = n;
        while (dig[i] == 9) {
            dig[i--] = 0;
        }
        dig[i]++;
    }
    /* dig[1 .. hi+1] hold powers hi .. 0, dig[hi+2 ..] the fraction; dig[0] the carry. */
    int first = 0;
    while (first < hi + 1 && dig[first] == 0) {
        first++;
    }
    size_t ni = 0;
    for (int i = first; i <= hi + 1; i++) {
        ip[ni++] = (char)('0' + dig[i]);
    }
    ip[ni] = '\0';
    for (int i = 0; i < dec; i++) {
        fp[i] = (char)('0' + dig[hi + 2 + i]);
    }
    fp[dec] = '\0';
}

/* ---- Output ------------------------------------------------------------------------------- */

/* A fixed buffer that silently stops growing; big enough for any label we build. */
struct sbuf {
    char s[1024];
    size_t len;
};

static void put(struct sbuf *b, const char *s, size_t len)
{
    if (len > sizeof b->s - 1 - b->len) {
        len = sizeof b->s - 1 - b->len;
    }
    memcpy(b->s + b->len, s, len);
    b->len += len;
    b->s[b->len] = '\0';
}

static void puts_(struct sbuf *b, const char *s)
{
    put(b, s, strlen(s));
}

/* Integer digits with a comma between groups of three, from 1,000 up. */
static void put_grouped(struct sbuf *b, const char *digits, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && n >= 4 && (n - i) % 3 == 0) {
            put(b, ",", 1);
        }
        put(b, digits + i, 1);
    }
}

/* Integer digits grouped as a locale groups them (glibc's grouping: sizes from the right, the
 * last repeating; 0xFF ends the grouping), or with put_grouped() without a locale. */
static void put_grouped_in(struct sbuf *b, const struct csvchart_locale *loc, const char *digits,
                           size_t n)
{
    if (!loc) {
        put_grouped(b, digits, n);
        return;
    }
    if (!loc->group[0]) {
        put(b, digits, n);
        return;
    }
    bool cut[MAX_INT_DIGITS + 2] = {false}; /* cut[i]: a separator before digit i */
    size_t at = n, g = 0, size = loc->grouping[0];
    while (size > 0 && size != 0xFF && at > size) {
        at -= size;
        if (at < sizeof cut) {
            cut[at] = true;
        }
        if (loc->grouping[g + 1]) {
            size = loc->grouping[++g];
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && i < sizeof cut && cut[i]) {
            puts_(b, loc->group);
        }
        put(b, digits + i, 1);
    }
}

#define NBSP "\xc2\xa0" // U+00A0 NO-BREAK SPACE: "5 €" never breaks

/* Copies into the caller's buffer, cutting at a code point boundary when it is too small
 * (never half a U+2212). Returns the length written. */
static size_t finish(const struct sbuf *b, char *buf, size_t n)
{
    if (!buf || n == 0) {
        return 0;
    }
    size_t len = b->len;
    if (len > n - 1) {
        len = n - 1;
        while (len > 0 && ((unsigned char)b->s[len] & 0xC0) == 0x80) {
            len--; // b->s[len] would start the cut-off tail: back up to a lead byte
        }
    }
    memcpy(buf, b->s, len);
    buf[len] = '\0';
    return len;
}

/* ---- Plain, currency, percent and SI labels ----------------------------------------------- */

static const char SI_LETTER[] = {0, 'K', 'M', 'B', 'T'}; // 10^0, 10^3 ... 10^12

static int multiplier_power(char m)
{
    switch (m) {
    case 'K':
        return 3;
    case 'M':
        return 6;
    case 'B':
        return 9;
    case 'T':
        return 12;
    default:
        return 0;
    }
}

/* How many decimals a label gets once its display scale 10^shift is known. */
enum dec_rule {
    DEC_FIXED,  /* `digits` decimals of the unscaled value (currency: 2) */
    DEC_DATA,   /* the data's decimals, before its multiplier 10^`power` */
    DEC_NEEDED, /* as many as the value needs (15 significant digits) */
    DEC_STEP,   /* as many as the tick step needs */
    DEC_SIG     /* `digits` significant digits, the integer part always whole */
};

struct label {
    const char *prefix; /* currency sign or "" */
    const char *suffix; /* "%" or "" */
    bool si;            /* scale to K/M/B/T by magnitude */
    int k;              /* with si: the SI_LETTER index every value shares, or -1 */
    bool cents;         /* a currency amount: a fraction shows 2 digits at least */
    bool keep_zeros;    /* trailing zeros stay: "31.0%" next to "21.4%" */
    enum dec_rule rule;
    int digits;          /* DEC_FIXED, DEC_DATA, DEC_SIG */
    int power;           /* DEC_DATA: the data's multiplier as a power of ten */
    struct decimal step; /* DEC_STEP */
    const struct csvchart_locale *loc; /* NULL: "1,234.5" */
    bool cur_after;                    /* the currency sign after the number ("5 €") */
    bool cur_space;                    /* a no-break space between sign and number */
};

static int decimals_for(const struct label *l, const struct decimal *x, int shift)
{
    switch (l->rule) {
    case DEC_FIXED:
        return clamp_decimals(l->digits);
    case DEC_DATA:
        /* "5.6M" has 1 decimal at 10^6: shown in B it needs 1 + 3. Shown at a smaller scale it
         * keeps its own decimals, so a column mixing M and B hides nothing. */
        return clamp_decimals(l->digits + (shift > l->power ? shift - l->power : 0));
    case DEC_STEP:
        return clamp_decimals(shift - lowest_digit(&l->step));
    case DEC_SIG:
        return x->zero ? 0 : clamp_decimals(l->digits - 1 - (x->exp - shift));
    case DEC_NEEDED:
        break;
    }
    return decimals_needed(x, shift);
}

/*
 * Scientific notation, for values that fixed digits cannot show sensibly: 1e21 and up (where
 * JavaScript switches too; 1e308 in fixed digits is 103 groups of zeros) and values below
 * 1e-6 that the label's decimals would show as 0 (1e-300). The significant digits as the
 * value has them: "1e308", "−2.5e-301", "$1.25e308".
 */
static bool wants_scientific(const struct decimal *x, const char *ip, const char *fp)
{
    if (x->zero) {
        return false;
    }
    if (x->exp >= 21) {
        return true;
    }
    return x->exp <= -7 && strcmp(ip, "0") == 0 && strspn(fp, "0") == strlen(fp);
}

static void put_scientific(struct sbuf *b, const struct label *l, const struct decimal *x)
{
    char e[16];
    if (x->neg) {
        puts_(b, MINUS);
    }
    puts_(b, l->prefix);
    put(b, x->d, 1);
    if (x->nd > 1) {
        puts_(b, l->loc ? l->loc->decimal : ".");
        put(b, x->d + 1, (size_t)x->nd - 1);
    }
    snprintf(e, sizeof e, "e%d", x->exp);
    puts_(b, e);
    puts_(b, l->suffix);
}

static void put_label(struct sbuf *b, const struct label *l, double v)
{
    if (!isfinite(v)) {
        puts_(b, isnan(v) ? "NaN" : v < 0 ? MINUS "\xe2\x88\x9e" : "\xe2\x88\x9e"); // infinity
        return;
    }
    struct decimal x;
    to_decimal(v, &x);
    int k = 0; // SI_LETTER index
    if (l->si && l->k >= 0 && !x.zero) { // zero is "0" whatever the prefix: "$0", not "$0T"
        k = l->k;
    } else if (l->si && !x.zero) {
        k = x.exp >= 12 ? 4 : x.exp >= 9 ? 3 : x.exp >= 6 ? 2 : x.exp >= 3 ? 1 : 0;
    }
    char ip[MAX_INT_DIGITS + 2], fp[MAX_DECIMALS + 1];
    int dec;
    for (;;) {
        dec = decimals_for(l, &x, 3 * k);
        round_fixed(&x, 3 * k, dec, ip, fp);
        if (!l->si || l->k >= 0 || k == 4 || strlen(ip) <= 3) {
            break;
        }
        k++; // 999,950 at 1 decimal rounds to "1000.0K": say "1M" instead
    }
    if (wants_scientific(&x, ip, fp)) {
        put_scientific(b, l, &x);
        return;
    }
    size_t nf = strlen(fp);
    while (nf > 0 && fp[nf - 1] == '0' && !l->keep_zeros) {
        nf--;
    }
    if (l->cents && SI_LETTER[k] == 0 && nf == 1) {
        fp[1] = '0'; // "$0.50", not "$0.5" (fp has room even when dec is 1)
        nf = 2;
    }
    bool nonzero = strcmp(ip, "0") != 0 || nf > 0;
    bool after = l->cur_after && l->prefix[0];
    if (x.neg && nonzero) {
        puts_(b, MINUS); // before the currency sign: "−$5"
    }
    if (!after) {
        puts_(b, l->prefix);
        if (l->prefix[0] && l->cur_space) {
            puts_(b, NBSP); // "€ 5" (nl)
        }
    }
    put_grouped_in(b, l->loc, ip, strlen(ip));
    if (nf > 0) {
        puts_(b, l->loc ? l->loc->decimal : ".");
        put(b, fp, nf);
    }
    if (SI_LETTER[k]) {
        put(b, &SI_LETTER[k], 1);
    }
    puts_(b, l->suffix);
    if (after) {
        if (l->cur_space) {
            puts_(b, NBSP);
        }
        puts_(b, l->prefix); // "5 €"
    }
}

/* The label settings of a non-printf format, before the decimals rule is chosen. */
static struct label label_for(const struct value_format *f)
{
    const struct number_unit *u = &f->unit;
    struct label l = {.prefix = u->prefix, .suffix = u->suffix, .k = -1, .rule = DEC_NEEDED};
    switch (f->kind) {
    case FORMAT_AUTO:
        l.si = u->multiplier != 0;
        break;
    case FORMAT_SI:
        l.si = true;
        break;
    case FORMAT_PERCENT:
        l.prefix = "";
        l.suffix = "%";
        break;
    case FORMAT_CURRENCY:
        l.prefix = u->prefix[0]                     ? u->prefix
                   : f->loc && f->loc->currency[0] ? f->loc->currency
                                                   : "$";
        l.suffix = "";
        break;
    case FORMAT_PRINTF:
        break;
    }
    l.cents = l.prefix[0] != '\0';
    l.loc = f->loc;
    if (f->loc && l.prefix[0]) { /* the locale places every currency sign: "5 €", "5 $" */
        l.cur_after = !f->loc->cs_precedes;
        l.cur_space = f->loc->cs_space;
    } else if (l.prefix[0]) { /* as the data wrote it */
        l.cur_after = u->currency_after;
        l.cur_space = u->currency_space;
    }
    return l;
}

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
            counts_ok = read_count(t, &j, MAX_DECIMALS, &k.prec);
        }
        if (!counts_ok) {
            return BAD("value_format \"%s\": a width above %d or a precision above %d is not "
                       "supported",
                       t, MAX_WIDTH, MAX_DECIMALS);
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
        put(&body, num, d0);
        put_grouped_in(&body, loc, num + d0, d1 - d0);
        puts_(&body, num + d1);
    } else {
        puts_(&body, num);
    }
    size_t pad = self_pad && (size_t)c->width > body.len ? (size_t)c->width - body.len : 0;
    if (pad && c->minus) {
        puts_(b, body.s);
        for (size_t i = 0; i < pad; i++) {
            put(b, " ", 1);
        }
    } else if (pad && c->zero && isfinite(v)) {
        size_t sign = body.s[0] == '-' || body.s[0] == '+' || body.s[0] == ' ';
        put(b, body.s, sign);
        for (size_t i = 0; i < pad; i++) {
            put(b, "0", 1);
        }
        puts_(b, body.s + sign);
    } else {
        for (size_t i = 0; i < pad; i++) {
            put(b, " ", 1);
        }
        puts_(b, body.s);
    }
}

/* Literal text of a template, with "%%" read as "%". */
static void put_literal(struct sbuf *b, const char *t, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        put(b, t + i, 1);
        if (t[i] == '%' && i + 1 < to && t[i + 1] == '%') {
            i++;
        }
    }
}

static void put_printf(struct sbuf *b, const char *spec, double v,
                       const struct csvchart_locale *loc)
{
    struct conv c;
    if (scan_template(spec, &c, NULL) != CSVCHART_OK) {
        return; // not from csvchart_format_parse(): print nothing rather than guess
    }
    put_literal(b, spec, 0, c.at);
    put_conversion(b, &c, v, loc);
    put_literal(b, spec, c.end, strlen(spec));
}

/* ---- The interface ------------------------------------------------------------------------ */

static bool keyword(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
        if (x != *b) {
            return false;
        }
    }
    return *a == *b;
}

csvchart_status csvchart_format_parse(const char *text, struct value_format *out,
                                      csvchart_error *err)
{
    struct value_format f;
    memset(&f, 0, sizeof f);
    f.unit.decimals = -1; // unknown until csvchart_format_set_unit(): as many as needed
    if (!text || !*text || keyword(text, "auto")) {
        f.kind = FORMAT_AUTO;
    } else if (keyword(text, "si")) {
        f.kind = FORMAT_SI;
    } else if (keyword(text, "percent")) {
        f.kind = FORMAT_PERCENT;
    } else if (keyword(text, "currency")) {
        f.kind = FORMAT_CURRENCY;
    } else {
        struct conv c;
        csvchart_status st = scan_template(text, &c, err);
        if (st != CSVCHART_OK) {
            return st;
        }
        f.kind = FORMAT_PRINTF;
        memcpy(f.spec, text, strlen(text) + 1); // scan_template checked the length
    }
    *out = f;
    return CSVCHART_OK;
}

void csvchart_format_set_unit(struct value_format *f, const struct number_unit *unit)
{
    if (unit) {
        f->unit = *unit;
        /* Copies that cannot be unterminated, whatever the caller's struct holds. */
        f->unit.prefix[sizeof f->unit.prefix - 1] = '\0';
        f->unit.suffix[sizeof f->unit.suffix - 1] = '\0';
    } else {
        memset(&f->unit, 0, sizeof f->unit);
        f->unit.decimals = -1;
    }
}

size_t csvchart_format_value(const struct value_format *f, double v, char *buf, size_t n)
{
    struct sbuf b = {.len = 0};
    if (f->kind == FORMAT_PRINTF) {
        put_printf(&b, f->spec, v, f->loc);
        return finish(&b, buf, n);
    }
    struct label l = label_for(f);
    if (f->kind == FORMAT_CURRENCY) {
        l.rule = DEC_FIXED;
        l.digits = 2;
    } else if (f->unit.decimals >= 0) {
        l.rule = DEC_DATA;
        l.digits = f->unit.decimals;
        l.power = multiplier_power(f->unit.multiplier);
    }
    put_label(&b, &l, v);
    return finish(&b, buf, n);
}

size_t csvchart_format_tick(const struct value_format *f, double v, double step, char *buf,
                            size_t n)
{
    struct sbuf b = {.len = 0};
    if (f->kind == FORMAT_PRINTF) {
        put_printf(&b, f->spec, v, f->loc);
        return finish(&b, buf, n);
    }
    struct label l = label_for(f);
    /* A decade on a log axis reads $0.01, $0.1, $1 (FIGURES.md): no cents padding there. */
    if (v > 0 && fabs(log10(v) - round(log10(v))) < 1e-9) {
        l.cents = false;
    }
    /* A linear tick is a multiple of the step and gets the step's decimals. A log tick is
     * not a multiple of its step when the step is the factor between ticks (0.01 with step
     * 10): it gets the decimals it needs itself, clean since it is a power of ten. What is
     * neither, far below the step and with digits all over the place, is the float noise of
     * a zero computed by the caller (0.1 + 0.2 - 0.3 = 5.55e-17): it is 0. */
    step = fabs(step);
    if (isfinite(step) && step > 0 && isfinite(v)) {
        double q = v / step, r = round(q);
        struct decimal x;
        to_decimal(v, &x);
        if (r != 0 && fabs(q - r) <= 1e-6 * fabs(q)) {
            l.rule = DEC_STEP;
            to_decimal(step, &l.step);
        } else if (fabs(q) < 1e-9 && x.nd > 6) {
            v = 0;
        }
    }
    put_label(&b, &l, v);
    return finish(&b, buf, n);
}

/* ---- Plans: numbers written together ------------------------------------------------------ */

/* The SI_LETTER index of |v|'s magnitude (0 for v = 0). */
static int si_index(double v)
{
    struct decimal x;
    to_decimal(v, &x);
    if (x.zero) {
        return 0;
    }
    return x.exp >= 12 ? 4 : x.exp >= 9 ? 3 : x.exp >= 6 ? 2 : x.exp >= 3 ? 1 : 0;
}

void csvchart_format_plan(const struct value_format *f, enum label_role role, const double *v,
                          size_t n, double step, bool computed, const struct label_plan *values,
                          struct label_plan *p)
{
    memset(p, 0, sizeof *p);
    p->f = *f;
    p->role = role;
    p->k = -1;
    p->step = step;
    if (f->kind == FORMAT_PRINTF) {
        return; // the template as written
    }
    double max_abs = 0, min_abs = INFINITY;
    for (size_t i = 0; i < n; i++) {
        double a = fabs(v[i]);
        if (isfinite(a)) {
            max_abs = fmax(max_abs, a);
            min_abs = a > 0 ? fmin(min_abs, a) : min_abs;
        }
    }
    struct label l = label_for(f);
    /* Large plain numbers read better abbreviated: 40,000,000 as 40M (FIGURES.md). */
    p->si = l.si || (f->kind == FORMAT_AUTO && max_abs >= 1e6 && !*l.suffix);
    int kmax = p->si ? si_index(max_abs) : 0;
    int data_power = multiplier_power(f->unit.multiplier);
    if (role == LABELS_LOG_TICKS) {
        return; /* each decade at its own prefix: $1M $1B $1T */
    }
    if (role == LABELS_TICKS) {
        p->k = p->si ? kmax : -1; /* one prefix per axis: 0, 0.25M, 0.5M */
        if (p->si && values && values->si && values->k >= 0 &&
            max_abs < pow(10, 3 * values->k + 4)) {
            p->k = values->k; /* the axis speaks as the labels do: $200B ... $1,000B */
        }
        p->rule = DEC_STEP;
        return;
    }
    /* Values of one comparison share a prefix when the smallest still reads with at most one
     * leading zero ($0.6T beside $1.4T); over a wider range each takes its own. */
    if (p->si && isfinite(min_abs) && min_abs >= pow(10, 3 * kmax - 1)) {
        p->k = kmax;
    }
    bool wide = isfinite(min_abs) && max_abs / min_abs >= 100;
    /* Rounded: sums and means (computed), and values shown at a larger prefix than they were
     * written in (32,607,156 as 32.6M, 600B as 0.6T). */
    int shown = p->si ? 3 * (p->k >= 0 ? p->k : kmax) : 0;
    bool rounded = computed || (p->si && shown > data_power && f->unit.decimals >= 0);
    if (rounded && !wide && (!p->si || p->k >= 0)) {
        /* One number of decimals for the series: three significant digits of the largest,
         * less the trailing zeros every value shares ($1.4T and $0.6T, not $1.40T and
         * $0.60T; 86.0M beside 12.1M). */
        struct decimal x;
        to_decimal(max_abs, &x);
        int d = x.zero ? 0 : clamp_decimals(2 - (x.exp - shown));
        for (; d > 0; d--) {
            bool zero_digit = true;
            for (size_t i = 0; i < n && zero_digit; i++) {
                char ip[MAX_INT_DIGITS + 2], fp[MAX_DECIMALS + 1];
                struct decimal y;
                to_decimal(v[i], &y);
                round_fixed(&y, shown, d, ip, fp);
                zero_digit = fp[d - 1] == '0';
            }
            if (!zero_digit) {
                break;
            }
        }
        p->rule = DEC_FIXED;
        p->digits = d;
        p->keep_zeros = true;
    } else if (rounded) {
        p->rule = DEC_SIG; /* across orders of magnitude: each value its three digits */
        p->digits = 3;
    } else if (f->kind == FORMAT_CURRENCY) {
        p->rule = DEC_FIXED;
        p->digits = 2;
    } else if (f->unit.decimals < 0) {
        p->rule = DEC_NEEDED;
    } else {
        /* As written, one number of decimals for the series ("31.0%" beside "21.4%") -
         * unless the values span orders of magnitude, where zeros no reader needs go
         * ("$60" beside "$0.07"). */
        p->rule = DEC_DATA;
        p->digits = f->unit.decimals;
        p->keep_zeros = !wide;
    }
}

size_t csvchart_format_planned(const struct label_plan *p, double v, char *buf, size_t n)
{
    if (p->f.kind == FORMAT_PRINTF) {
        return csvchart_format_value(&p->f, v, buf, n);
    }
    struct sbuf b = {.len = 0};
    struct label l = label_for(&p->f);
    if (p->role == LABELS_LOG_TICKS) {
        /* a decade is its own step: $0.01, $0.1, $1 - never padded to cents */
        l.si = p->si;
        l.cents = false;
        l.rule = DEC_STEP;
        to_decimal(v, &l.step);
        put_label(&b, &l, v);
        return finish(&b, buf, n);
    }
    l.si = p->si;
    l.k = p->k;
    l.keep_zeros = p->keep_zeros;
    l.rule = (enum dec_rule)p->rule;
    l.digits = p->digits;
    l.power = multiplier_power(p->f.unit.multiplier);
    if (p->role == LABELS_TICKS) {
        double step = fabs(p->step);
        if (isfinite(step) && step > 0) {
            to_decimal(step, &l.step);
            double q = v / step;
            if (fabs(q) < 1e-9) {
                v = 0; // float noise of a computed zero
            }
        } else {
            l.rule = DEC_NEEDED;
        }
    }
    put_label(&b, &l, v);
    return finish(&b, buf, n);
}

/* ---- Ratios and changes ------------------------------------------------------------------------ */

size_t csvchart_format_change(double pct, char *buf, size_t n)
{
    return csvchart_format_change_in(NULL, pct, buf, n);
}

size_t csvchart_format_ratio(double r, char *buf, size_t n, bool *in_words)
{
    return csvchart_format_ratio_in(NULL, r, buf, n, in_words);
}

size_t csvchart_format_change_in(const struct csvchart_locale *loc, double pct, char *buf,
                                 size_t n)
{
    struct sbuf b = {.len = 0};
    struct label l = {
        .prefix = "", .suffix = "%", .k = -1, .rule = DEC_SIG, .digits = 2, .loc = loc};
    if (isfinite(pct) && pct > 0) {
        put(&b, "+", 1);
    }
    put_label(&b, &l, pct);
    return finish(&b, buf, n);
}


size_t csvchart_format_ratio_in(const struct csvchart_locale *loc, double r, char *buf,
                                size_t n, bool *in_words)
{
    static const struct {
        double at;
        const char *word;
    } words[] = {{1e12, "trillion"}, {1e9, "billion"}, {1e6, "million"}};
    struct sbuf b = {.len = 0};
    *in_words = false;
    struct label l = {.prefix = "", .suffix = "", .k = -1, .rule = DEC_FIXED, .loc = loc};
    if (!isfinite(r) || r < 0) {
        puts_(&b, "?");
        return finish(&b, buf, n);
    }
    if (r >= 1e15) {
        /* Beyond words a reader knows: a power of ten, "1.2 x 10^15" with superscripts. */
        static const char *const sup[] = {"\xe2\x81\xb0", "\xc2\xb9", "\xc2\xb2", "\xc2\xb3",
                                          "\xe2\x81\xb4", "\xe2\x81\xb5", "\xe2\x81\xb6",
                                          "\xe2\x81\xb7", "\xe2\x81\xb8", "\xe2\x81\xb9"};
        int e = (int)floor(log10(r));
        double m = r / pow(10, e);
        if (m >= 9.95) {
            m /= 10, e++;
        }
        l.rule = DEC_FIXED;
        l.digits = 1;
        put_label(&b, &l, m);
        puts_(&b, " \xc3\x97 10"); // " × 10"
        char digits[8];
        snprintf(digits, sizeof digits, "%d", e);
        for (const char *d = digits; *d; d++) {
            puts_(&b, sup[*d - '0']);
        }
        *in_words = true;
        return finish(&b, buf, n);
    }
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (r >= words[i].at * 0.9995) {
            l.rule = DEC_SIG;
            l.digits = 3;
            put_label(&b, &l, r / words[i].at);
            put(&b, " ", 1);
            puts_(&b, words[i].word);
            *in_words = true;
            return finish(&b, buf, n);
        }
    }
    /* Below 10 one decimal (5.2, 1.5); from 10 a whole number (857, 12,500). */
    l.digits = r < 9.95 ? 1 : 0;
    put_label(&b, &l, r);
    return finish(&b, buf, n);
}
