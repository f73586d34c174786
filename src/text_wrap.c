/*
 * text_wrap.c - greedy line breaking on top of a measurer; part of the text stage (text.h).
 *
 * Layout wraps long category names and titles with csvchart_text_wrap() before placing them;
 * it only needs byte ranges and widths, never glyphs. The measurer (Pango, or the fake one in
 * tests) is the only thing that knows about fonts, so widths are always measured on whole
 * candidate lines: kerning and shaping make a line narrower or wider than the sum of its words.
 *
 * The algorithm, per line:
 *
 *     skip spaces -> start
 *     walk code points; at each break opportunity q (before a space, after an inner '-' or '/'
 *     that no digit follows - a '-' in a word with no digit -, around a CJK code point, at '\n',
 *     at the end) measure
 *     [start, q) minus trailing spaces:
 *         fits       -> remember q, go on (at '\n' or the end: take it)
 *         too wide   -> take the last q that fitted
 *     no q fitted    -> the first word alone is too wide: take the longest run of its code
 *                       points that fits (at least one), and continue after it
 *
 * then, when the line holds a comma followed by a space ("Korea, Republic" of "Korea,
 * Republic of"), end it after the last such comma instead if the rest of the text then takes
 * no more lines than it does after the greedy line, and the lines are no less even (the
 * narrowest of this line and those after it at least as wide): "Korea," / "Republic of", as a
 * graphics desk breaks names, not "Korea, Republic" / "of"; but "Yes, Prime Minister" / "Hacker",
 * not "Yes," / "Prime Minister Hacker". The text's line count is that of the greedy walk, counted
 * once beforehand (only for texts with a ", "); each line then compares the greedy walk's count of
 * the rest after the comma with the lines left. A text that needs more than max_lines is broken
 * greedily: its first lines keep the most of it before the caller's ellipsis. Nothing is balanced:
 * a line ends at its comma only when the comma is on the greedy line, so a width the text only
 * fills as "Travis" / "County, Texas" stays so.
 *
 * A line that opens a bracket it does not close ("DeepSeek V3.2 (cache" of "DeepSeek V3.2
 * (cache hit)") ends before the bracket instead when the text then takes no more lines:
 * "DeepSeek V3.2" / "(cache hit)", "Chinese labs" / "(DeepSeek, Moonshot)".
 *
 * Measuring every candidate line shaped the same words again and again (a label broken after
 * its fourth word was shaped five times, for each width the layout tried: 12 shapes a label,
 * two thirds of a 1,000-event timeline's layout). So a candidate is first estimated - from the
 * text's prefix widths when the measurer has them (prefix_widths in text.h: the whole text's
 * shaping, asked once per text), else as the sum of the widths of the pieces between break
 * opportunities (" ships", " an", "open-"; measured once each and cached, as most recur from
 * label to label) - and only measured whole
 * when the estimate no longer fits or the walk must stop: that candidate, then the pending
 * ones from the longest down until one fits. Widths grow with the text (the walk above
 * relies on it too), so that is the line the walk would have taken, and the widths are
 * still those of whole lines; usually two measurements a line. When an estimate was too
 * pessimistic (a candidate measured whole fits after all), the rest of the line is walked as
 * above.
 *
 * Every width is asked for as a range of the text (measure_range in text.h, when the measurer
 * has it): the Pango measurer shapes the text once and sums its advances over each range
 * where HarfBuzz says a cut changes no glyph, which is what shaping the range alone gives;
 * only the other ranges are shaped alone (a 1,000-event timeline: 5,900 shapings to 2,400).
 *
 * Break rules are a small subset of UAX #14, enough for chart labels: no dictionary, no
 * hyphenation, no Thai.
 */
#include "text.h"
#include "utf8.h"

#include <float.h>
#include <math.h>
#include <string.h>

/* ---- UTF-8 and CJK ------------------------------------------------------------------------- */

bool csvchart_text_is_cjk(uint32_t cp)
{
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFFEF);
}

void csvchart_text_measure(const csvchart_text_measurer *m, const struct text_style *style,
                           const char *s, struct text_metrics *out)
{
    m->measure(m->ctx, style, s, strlen(s), out);
}

/* ---- Break opportunities ------------------------------------------------------------------- */

/* Closing punctuation never starts a line, opening punctuation never ends one (kinsoku). */
static bool closing(uint32_t cp)
{
    static const uint32_t list[] = {
        0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF01, 0xFF1F, // 、。，．：；！？
        0x300D, 0x300F, 0xFF09, 0x3011, 0x3009, 0x300B, 0x30FC,         // 」』）】〉》ー
    };
    for (size_t i = 0; i < sizeof list / sizeof list[0]; i++) {
        if (cp == list[i]) {
            return true;
        }
    }
    return cp < 0x80 && cp && strchr(",.;:!?)]}%", (int)cp);
}

static bool opening(uint32_t cp)
{
    static const uint32_t list[] = {0x300C, 0x300E, 0xFF08, 0x3010, 0x3008, 0x300A}; // 「『（【〈《
    for (size_t i = 0; i < sizeof list / sizeof list[0]; i++) {
        if (cp == list[i]) {
            return true;
        }
    }
    return cp < 0x80 && cp && strchr("([{$", (int)cp);
}

/* One code point of the n > 0 bytes at s (utf8.h), ASCII without a call: wrapping walks
 * every code point of every label it breaks, at each width a layout tries. */
static size_t decode(const char *s, size_t n, uint32_t *cp)
{
    if ((unsigned char)s[0] < 0x80) {
        *cp = (unsigned char)s[0];
        return 1;
    }
    return csvchart_utf8_decode(s, n, cp);
}

/* A break between b and c (a is the code point before b, 0 at the start of the text), for
 * code points none of which is a space or a newline (those are handled by the caller). */
static bool break_between(uint32_t a, uint32_t b, uint32_t c)
{
    if ((b == '-' || b == '/') && a && a != ' ' && c != '-' && c != '/' &&
        !(c >= '0' && c <= '9')) {
        /* "price/token" -> "price/" "token"; "-5", "a -b", "GPT-4o", "2024-25" and "24/7"
         * stay whole (UAX #14's LB25: no break between a hyphen or slash and a digit) */
        return true;
    }
    if ((b | c) < 0x80) {
        return false; /* no CJK */
    }
    if (csvchart_text_is_cjk(b) || csvchart_text_is_cjk(c)) {
        return !closing(c) && !opening(b);
    }
    return false;
}

/* Whether the word around byte q of the n bytes at s (between spaces or newlines) holds a
 * digit: a code such as "ap-southeast-1" or "me-central-1", which reads as one name and does
 * not break at its hyphens ("ap-" / "southeast-1" on 31 timeline labels, graphics desk,
 * session 23); "state-of-the-art" still breaks. */
static bool word_has_digit(const char *s, size_t n, size_t q)
{
    for (size_t i = q; i-- > 0 && s[i] != ' ' && s[i] != '\n';) {
        if (s[i] >= '0' && s[i] <= '9') {
            return true;
        }
    }
    for (size_t i = q; i < n && s[i] != ' ' && s[i] != '\n'; i++) {
        if (s[i] >= '0' && s[i] <= '9') {
            return true;
        }
    }
    return false;
}

/* ---- Wrapping ------------------------------------------------------------------------------ */

/* The width of bytes [start, end) of the n bytes at s, measured as a line of their own. */
static double width_of(const csvchart_text_measurer *m, const struct text_style *style,
                       const char *s, size_t n, size_t start, size_t end)
{
    struct text_metrics tm = {0, 0, 0};
    if (end > start && m->measure_range) {
        m->measure_range(m->ctx, style, s, n, start, end, &tm);
    } else if (end > start) {
        m->measure(m->ctx, style, s + start, end - start, &tm);
    }
    return tm.width;
}

/* Texts up to this many bytes are first measured whole (see csvchart_text_wrap()). */
#define WHOLE_MAX 256

/* A break opportunity: the line would end at `end` (trailing spaces trimmed) and the next
 * start at `next`, after the code point `before`. */
struct candidate {
    size_t end, next;
    uint32_t before;
};

/* How many candidates a line may leave unmeasured before wrapping measures each one. */
#define PENDING_MAX 32

static size_t trim_end(const char *s, size_t start, size_t end)
{
    while (end > start && s[end - 1] == ' ') {
        end--;
    }
    return end;
}

/* What one wrapping asks of its text, and the text's prefix widths, for the estimates (asked
 * the first time a line needs them). */
struct wrapper {
    const csvchart_text_measurer *m;
    const struct text_style *style;
    const char *s;
    size_t n;
    double max_width;
    double prefix_buf[WHOLE_MAX + 1];
    const double *prefix;
    bool prefix_asked;
};

/* The greedy line starting at `start` (not a space; before_start is the code point before it,
 * for the '-' rule): as many words as fit. Sets *next_pos to where the following line starts
 * (before its spaces) and *next_cp to the code point before that. */
static struct text_line greedy_line(struct wrapper *W, size_t start, uint32_t before_start,
                                    size_t *next_pos, uint32_t *next_cp)
{
    const csvchart_text_measurer *m = W->m;
    const struct text_style *style = W->style;
    const char *s = W->s;
    const size_t n = W->n;
    const double max_width = W->max_width;
    struct text_line line = {start, 0, 0};
    size_t next = start; // where the following line starts
    uint32_t next_before = 0;
    size_t rest = trim_end(s, start, n);
    double whole = n - start <= WHOLE_MAX && !memchr(s + start, '\n', n - start)
                       ? width_of(m, style, s, n, start, rest)
                       : max_width + 1;
    if (whole <= max_width) {
        /* The rest fits on this line, as most labels do: one measurement instead of one
         * per break opportunity (widths grow with the text, so greedy would end here). */
        line.len = rest - start;
        line.width = whole;
        next = n;
    } else if (s[start] == '\n') {
        next = start + 1; // an empty line between two newlines
        next_before = '\n';
    } else {
        bool fitted = false;
        size_t first_end = 0; // end of the first candidate, for the too-wide case
        uint32_t a = before_start, b = 0, c = 0;
        size_t p = start;
        size_t bl = decode(s + p, n - p, &b);
        size_t stretch = start, check = 32; // see below
        /* Candidates not measured yet: those whose estimate fits (see the file comment). */
        struct candidate pending[PENDING_MAX];
        size_t npending = 0, seg_start = start;
        double estimate = 0;
        if (!W->prefix_asked && n <= WHOLE_MAX) {
            W->prefix_asked = true;
            W->prefix = m->prefix_widths && m->prefix_widths(m->ctx, style, s, n, W->prefix_buf)
                            ? W->prefix_buf
                            : NULL;
        }
        const double *prefix = W->prefix;
        bool exact = false; // an estimate was too pessimistic: measure every candidate
        for (;;) {
            size_t q = p + bl; // the boundary after b
            size_t cl = 0;
            bool hard = false, opportunity;
            if (q >= n) {
                opportunity = true;
            } else if (s[q] == '\n') {
                opportunity = hard = true;
            } else {
                cl = decode(s + q, n - q, &c);
                if (c == ' ') {
                    opportunity = b != ' '; // before a run of spaces
                } else {
                    opportunity = b != ' ' && break_between(a, b, c) &&
                                  !(b == '-' && word_has_digit(s, n, q));
                }
            }
            if (opportunity) {
                stretch = q;
                check = 32;
                size_t e = trim_end(s, start, q);
                if (!first_end) {
                    first_end = e;
                }
                struct candidate cand = {e, hard ? q + 1 : q, hard ? '\n' : b};
                bool last = hard || q >= n;
                if (!exact) {
                    estimate += prefix ? prefix[q] - prefix[seg_start]
                                       : width_of(m, style, s, n, seg_start, q);
                    seg_start = q;
                    if (estimate <= max_width && !last && npending < PENDING_MAX) {
                        pending[npending++] = cand; // likely fits: measured only if need be
                        goto advance;
                    }
                }
                double w = width_of(m, style, s, n, start, e);
                if (!(w <= max_width)) {
                    break; // the answer is among the pending candidates, if any
                }
                fitted = true;
                npending = 0;                          // all shorter, so all fit too
                exact = exact || estimate > max_width; // the estimate was pessimistic
                line.len = e - start;
                line.width = w;
                next = cand.next;
                next_before = cand.before;
                if (last) {
                    break;
                }
            } else if (q - stretch >= check) {
                /* A long stretch without a break opportunity (a 30 kB name without spaces):
                 * stop as soon as it is too wide, instead of walking to its end and
                 * measuring it all for each line it is broken into, which made wrapping
                 * quadratic. Widths grow with the text, as the fitting below assumes
                 * too, so every later opportunity would be too wide as well. Counted
                 * from the last opportunity: in a line of ordinary words this check
                 * never comes (it cut a 40-byte label inside a word, a range that
                 * often had to be shaped alone: 1 in 20 of a timeline's shapings). */
                check *= 2;
                size_t e = trim_end(s, start, q);
                if (!(width_of(m, style, s, n, start, e) <= max_width)) {
                    if (!first_end) {
                        first_end = e;
                    }
                    break;
                }
            }
        advance:
            a = b;
            b = c;
            p = q;
            bl = cl;
        }
        /* The longest pending candidate that fits, measured from the longest down: widths
         * grow with the text, so it is the one the greedy walk would have stopped at. */
        while (npending > 0) {
            const struct candidate *cand = &pending[--npending];
            double w = width_of(m, style, s, n, start, cand->end);
            if (w <= max_width) {
                fitted = true;
                line.len = cand->end - start;
                line.width = w;
                next = cand->next;
                next_before = cand->before;
                break;
            }
        }
        /* A word with a digit that fits no line whole breaks at a hyphen after all, the
         * latest that fits ("o3-" / "mini", not "o3-mi" / "ni"). */
        for (size_t k = first_end; !fitted && k-- > start + 1;) {
            if (s[k] == '-' && k + 1 < n &&
                break_between((unsigned char)s[k - 1], '-', (unsigned char)s[k + 1])) {
                double w = width_of(m, style, s, n, start, k + 1);
                if (w <= max_width) {
                    fitted = true;
                    line.len = k + 1 - start;
                    line.width = w;
                    next = k + 1;
                    next_before = '-';
                }
            }
        }
        if (!fitted) {
            /* The first word alone is too wide: as many of its code points as fit (at
             * least one), found by bisection over code point boundaries - stepping one
             * code point at a time cost a measurement per code point of a long word. */
            size_t lo = start + csvchart_utf8_decode(s + start, n - start, &b);
            size_t hi = first_end; // the longest candidate; lo is taken whatever its width
            double lo_width = width_of(m, style, s, n, start, lo);
            while (lo < hi) {
                size_t mid = lo + (hi - lo + 1) / 2;
                while (mid > lo && ((unsigned char)s[mid] & 0xC0) == 0x80) {
                    mid--; // back to a code point boundary
                }
                if (mid == lo) {
                    uint32_t cp;
                    mid = lo + csvchart_utf8_decode(s + lo, n - lo, &cp);
                    if (mid > hi) {
                        break;
                    }
                }
                double w = width_of(m, style, s, n, start, mid);
                if (w <= max_width) {
                    lo = mid;
                    lo_width = w;
                } else {
                    hi = mid - 1;
                }
            }
            line.len = lo - start;
            line.width = lo_width;
            size_t last = lo - 1; // the code point before the break, for the '-' rule
            while (last > start && ((unsigned char)s[last] & 0xC0) == 0x80) {
                last--;
            }
            csvchart_utf8_decode(s + last, lo - last, &next_before);
            next = lo;
        }
    }
    *next_pos = next;
    *next_cp = next_before;
    return line;
}

/* How many lines the greedy walk makes of the text from `pos` (as csvchart_text_wrap() counts
 * them: no further than most + 1). */
static size_t count_lines(struct wrapper *W, size_t pos, uint32_t before, size_t most)
{
    size_t count = 0;
    for (;;) {
        while (pos < W->n && W->s[pos] == ' ') {
            pos++;
            before = ' ';
        }
        if (pos >= W->n || count > most) {
            return count;
        }
        greedy_line(W, pos, before, &pos, &before);
        count++;
    }
}

/* The width of the narrowest of the greedy lines from `pos` to the end of its paragraph (a line
 * end, or the text's end; after the spaces at `pos`); DBL_MAX when there are none. */
static double narrowest(struct wrapper *W, size_t pos, uint32_t before)
{
    double least = DBL_MAX;
    for (;;) {
        while (pos < W->n && W->s[pos] == ' ') {
            pos++;
            before = ' ';
        }
        if (pos >= W->n || W->s[pos] == '\n') {
            return least;
        }
        struct text_line line = greedy_line(W, pos, before, &pos, &before);
        least = line.width < least ? line.width : least;
        if (before == '\n') {
            return least;
        }
    }
}

/* The end of the line's last comma followed by a space inside it ("Travis County," of
 * "Travis County, Texas"), or 0 when it has none. The line never ends in a space, so the
 * space is a break opportunity inside the line. */
static size_t last_comma(const char *s, const struct text_line *line)
{
    if (line->len < 3) {
        return 0; // (an empty line between two newlines among them)
    }
    for (size_t i = line->start + line->len - 1; i > line->start + 1; i--) {
        if (s[i] == ' ' && s[i - 1] == ',') {
            return i;
        }
    }
    return 0;
}

/* Where the last " (" of a line stands (at its space) when its bracket closes on a later
 * line, else 0: "DeepSeek V3.2 (cache" of "DeepSeek V3.2 (cache hit)". */
static size_t open_bracket(const char *s, size_t n, const struct text_line *line)
{
    size_t end = line->start + line->len;
    for (size_t i = end; i-- > line->start + 1;) {
        if (s[i] == ')') {
            return 0; /* the last bracket on the line closes on it */
        }
        if (s[i] == '(' && s[i - 1] == ' ') {
            return memchr(s + end, ')', n - end) ? i - 1 : 0;
        }
    }
    return 0;
}

/* Half the words of s[0, n) or more have a digit: a date, a time, a number ("10 Mar 2025,
 * 06:00 UTC", "Feb 2020"), not a phrase ("2007 were quiet for markets"). */
static bool mostly_numbers(const char *s, size_t n)
{
    size_t words = 0, numbers = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && s[i] == ' ') {
            i++;
        }
        if (i == n) {
            break;
        }
        bool digit = false;
        for (; i < n && s[i] != ' '; i++) {
            digit = digit || (s[i] >= '0' && s[i] <= '9');
        }
        words++;
        numbers += digit;
    }
    return words > 0 && 2 * numbers >= words;
}

/* A range of two dates or numbers, "10 Mar 2025, 06:00 UTC – 11 Mar 2025, 12:00 UTC": the
 * text is one " – " between two parts mostly of numbers. Where its dash ends (the space after it)
 * when the line holds the dash and ends inside the second part, else 0. */
static size_t range_dash(const char *s, size_t n, const struct text_line *line)
{
    static const char dash[] = " \xe2\x80\x93 "; // " – "
    const char *d = strstr(s, dash);
    if (!d || strstr(d + 1, dash)) {
        return 0;
    }
    size_t at = (size_t)(d - s), after = at + sizeof dash - 2; // the space after the dash
    size_t end = line->start + line->len;
    bool inside = line->start <= at && end > after && end < n;
    return inside && mostly_numbers(s, at) && mostly_numbers(s + after, n - after) ? after : 0;
}

/* The start of the code point that ends at `end` (> from) in s. */
static size_t last_code_point(const char *s, size_t from, size_t end)
{
    size_t k = end - 1;
    while (k > from && ((unsigned char)s[k] & 0xC0) == 0x80) {
        k--;
    }
    return k;
}

/* Where a line ending at `next` (greedily, with no space between) should end instead so as not
 * to leave one CJK code point alone on the text's last line (the rest up to the end or a '\n'
 * is that one, and the line ends with another): at the start of the line's last code point,
 * when the line holds another before it; else 0. */
static size_t cjk_orphan(const char *s, const struct text_line *line, size_t next)
{
    size_t end = next + strcspn(s + next, "\n"), line_end = line->start + line->len;
    uint32_t cp;
    if (next >= end || line_end != next || decode(s + next, end - next, &cp) != end - next ||
        !csvchart_text_is_cjk(cp) || line_end <= line->start) {
        return 0;
    }
    size_t k = last_code_point(s, line->start, line_end);
    decode(s + k, line_end - k, &cp);
    return k > line->start && csvchart_text_is_cjk(cp) ? k : 0;
}

size_t csvchart_text_wrap(const csvchart_text_measurer *m, const struct text_style *style,
                          const char *s, double max_width, struct text_line *lines,
                          size_t max_lines)
{
    struct wrapper W = {.m = m, .style = style, .s = s, .n = strlen(s), .max_width = max_width};
    const size_t n = W.n;
    size_t count = 0, pos = 0;
    uint32_t before_start = 0; // the code point before `pos`, for the '-' rule
    /* Breaking after a comma: the lines the text still needs from `pos` (this one included)
     * when it has a ", " and all its lines are wanted, else 0 (greedy only; see the file
     * comment). */
    size_t rest = 0;
    if (max_lines > 0 && strstr(s, ", ")) {
        rest = count_lines(&W, 0, 0, max_lines);
        rest = rest <= max_lines ? rest : 0; // the text overflows: the most of it, greedily
    }
    for (;;) {
        while (pos < n && s[pos] == ' ') {
            pos++;
            before_start = ' ';
        }
        if (pos >= n) {
            break;
        }
        if (count > max_lines) {
            break; // "more than max_lines" is all the caller needs to know
        }
        size_t next;
        uint32_t next_before;
        struct text_line line = greedy_line(&W, pos, before_start, &next, &next_before);
        size_t comma = rest > 1 ? last_comma(s, &line) : 0;
        if (comma) {
            /* End this line after its last comma instead, if the rest still takes no more
             * lines than it would after the greedy line and the shorter line fits (widths
             * grow with the text, but they are measured). */
            size_t after = count_lines(&W, comma, ',', rest - 1);
            double w = after <= rest - 1 ? width_of(m, style, s, n, pos, comma) : max_width + 1;
            /* ... and if the lines are then no less even: the narrowest of this line and the
             * lines after it is at least as wide as with the greedy break. A name's qualifier goes
             * to the next line ("Wake County," / "North Carolina", "Korea," / "Republic of"), and
             * a sentence's last word is not left alone; but a title keeps its greedy lines
             * ("Yes, Prime Minister" / "Hacker", not "Yes," / "Prime Minister Hacker"; review
             * 7). */
            if (w <= max_width && fmin(w, narrowest(&W, comma, ',')) >=
                                      fmin(line.width, narrowest(&W, next, next_before))) {
                line.len = comma - pos;
                line.width = w;
                next = comma;
                next_before = ',';
                rest = after + 1;
            }
        }
        size_t open = next_before != '\n' ? open_bracket(s, n, &line) : 0;
        if (open > pos && max_lines > 0) {
            /* A bracket is not split over two lines when the text then takes no more lines:
             * "DeepSeek V3.2" / "(cache hit)", not "DeepSeek V3.2 (cache" / "hit)" (graphics
             * desk, session 23). */
            size_t greedy = count_lines(&W, next, next_before, max_lines);
            size_t after = count_lines(&W, open + 1, ' ', greedy);
            double w = after <= greedy ? width_of(m, style, s, n, pos, open) : max_width + 1;
            if (w <= max_width) {
                line.len = open - pos;
                line.width = w;
                next = open + 1;
                next_before = ' ';
                rest = rest > 0 ? after + 1 : 0;
            }
        }
        size_t dash = next_before != '\n' ? range_dash(s, n, &line) : 0;
        if (dash > pos && max_lines > 0) {
            /* A range breaks after its dash, each end whole on its line, when the text then
             * takes no more lines: "10 Mar 2025, 06:00 UTC –" / "11 Mar 2025, 12:00 UTC", not
             * "... – 11 Mar" / "2025, 12:00 UTC" (graphics desk review, session 23). */
            size_t greedy = count_lines(&W, next, next_before, max_lines);
            size_t after = count_lines(&W, dash, 0x2013, greedy);
            double w = after <= greedy ? width_of(m, style, s, n, pos, dash) : max_width + 1;
            if (w <= max_width) {
                line.len = dash - pos;
                line.width = w;
                next = dash;
                next_before = 0x2013;
                rest = rest > 0 ? after + 1 : 0;
            }
        }
        size_t orphan = next_before != '\n' ? cjk_orphan(s, &line, next) : 0;
        if (orphan > pos) {
            /* A line of ideographs does not leave its last one alone on the text's last line:
             * "日経平" / "均" of "日経平均" (graphics desk review) ends a character earlier,
             * when the two then fit. */
            double w = width_of(m, style, s, n, pos, orphan);
            size_t end = next + strcspn(s + next, "\n");
            if (w <= max_width && width_of(m, style, s, n, orphan, end) <= max_width) {
                line.len = orphan - pos;
                line.width = w;
                next = orphan;
                size_t k = last_code_point(s, pos, orphan);
                decode(s + k, orphan - k, &next_before);
            }
        }
        rest -= rest > 0;
        if (lines && count < max_lines) {
            lines[count] = line;
        }
        count++;
        pos = next;
        before_start = next_before;
    }
    return count;
}
