/*
 * make_syntax.c - file names into make syntax, words into make recipes (make_syntax.h).
 *
 * Which bytes a name may hold was found by running the readers themselves (GNU make 4.3, Ninja
 * 1.11, CMake 3.25 with the Ninja and the Makefile generators) on names holding each printable
 * ASCII byte, bare and escaped; tests/cli/buildsys.sh and tests/unit/test_make_syntax.c keep
 * the result honest. What each reader does with the bytes left out:
 *
 *   byte        GNU make                          Ninja depfile      CMake (transform)
 *   space       "\ " escapes it                   "\ "               "\ ", written back "\ "
 *   # $         "\#", "$$"                        "\#", "$$"         read, written back bare:
 *                                                                    a comment, a variable
 *   :           "\:"                              ":" or "\:"        "\:" keeps the backslash
 *   \           literal, except before a special  literal            written back doubled
 *   % = ; |     pattern rule, variable, recipe,   literal            literal
 *               order-only: no escape works
 *   * ? [       wildcards ("\*" escapes)          "*", "?" end the   literal; but [ ]
 *                                                 name; "\[" kept   and ; break its lists
 *   ( )         "a(b)", ending in ")", is an      literal            literal
 *               archive member
 *   ~ (first)   the home folder                   literal            literal
 *   " ' & < > ^ ` and control bytes               end the name (no escape exists)
 *
 * (CMake's lists, in which cmake/csvchartFigures.cmake keeps the names of `--list`, take ";" as
 * a separator and keep brackets balanced: a lone "]" swallows the rest of a list.)
 *
 * So a name may hold letters, digits, non-ASCII bytes, . _ - + , @ ! { } / ( ) and spaces (the
 * only byte that needs an escape, the same "\ " for all three) before the last byte (GNU make
 * reads "d.csv\ " at the end of a line as "d.csv\"), ~ after the first byte, and ) before the
 * last ("proj (copy)/x.png" is fine, "data(1)" is not).
 *
 * Recipes (`--make-rules`) run through sh: every word goes in single quotes, a ' inside as
 * '\'' and $ doubled, which make turns back into one $ before sh sees the line.
 */
#include "make_syntax.h"

#include <string.h>

static bool allowed(unsigned char c, bool first, bool last)
{
    if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        return true;
    }
    return strchr("._-+,@!{}/(", c) != NULL || (c == ' ' && !last) || (c == '~' && !first) ||
           (c == ')' && !last);
}

bool csvchart_make_name_ok(const char *name, char *bad, size_t size)
{
    if (!*name) {
        snprintf(bad, size, "nothing");
        return false;
    }
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (allowed(*p, p == (const unsigned char *)name, p[1] == '\0')) {
            continue;
        }
        if (*p == ' ') {
            snprintf(bad, size,
                     "a final space"); /* make reads "d.csv\ " at a line's end as "d.csv\" */
        } else if (*p == '~') {
            snprintf(bad, size, "a leading \"~\"");
        } else if (*p == ')') {
            snprintf(bad, size, "a final \")\"");
        } else if (*p == '\n') {
            snprintf(bad, size, "a newline");
        } else if (*p == '\t') {
            snprintf(bad, size, "a tab");
        } else if (*p == '\r') {
            snprintf(bad, size, "a carriage return");
        } else if (*p < 0x20 || *p == 0x7f) {
            snprintf(bad, size, "byte 0x%02x", *p);
        } else {
            snprintf(bad, size, "\"%c\"", *p);
        }
        return false;
    }
    return true;
}

void csvchart_make_put_name(FILE *f, const char *name)
{
    for (const char *p = name; *p; p++) {
        if (*p == ' ') {
            fputc('\\', f);
        }
        fputc(*p, f);
    }
}

bool csvchart_make_word_ok(const char *word)
{
    return strpbrk(word, "\n\r") == NULL;
}

void csvchart_make_put_shell_word(FILE *f, const char *word)
{
    fputc('\'', f);
    for (const char *p = word; *p; p++) {
        if (*p == '\'') {
            fputs("'\\''", f);
        } else if (*p == '$') {
            fputs("$$", f);
        } else {
            fputc(*p, f);
        }
    }
    fputc('\'', f);
}
