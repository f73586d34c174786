/*
 * test_table_csv.c - the CSV reader (table_csv.c) and column typing (table.c).
 *
 * Reader cases are {input, options, expected} where expected is either a dump of the table
 * (delimiter, BOM, then every header and data field as [text]LINE:COL) or the exact error
 * text. Each case runs through csvchart_table_read() and then through the streaming reader at
 * every chunk size from 1 to its length (libcsv's test_csv.c does the same): the dump and the
 * error, position included, must never change.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "aggregate.h"
#include "error.h"
#include "harness.h"
#include "table.h"

struct out {
    char s[4096];
    size_t len;
};

static void add(struct out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(o->s + o->len, sizeof o->s - o->len, fmt, ap);
    va_end(ap);
    if (n > 0) {
        o->len += (size_t)n;
        if (o->len >= sizeof o->s) {
            o->len = sizeof o->s - 1;
        }
    }
}

static void dump(const csvchart_table *t, struct out *o)
{
    o->len = 0;
    o->s[0] = '\0';
    add(o, "d=%s bom=%d\n", t->delimiter == '\t' ? "tab" : (char[2]){t->delimiter, 0}, t->had_bom);
    add(o, "H");
    for (size_t j = 0; j < t->ncols; j++) {
        add(o, " [%s]%zu:%zu", t->cols[j].name, t->cols[j].line, t->cols[j].col);
    }
    add(o, "\n");
    for (size_t i = 0; i < t->nrows; i++) {
        add(o, "R");
        for (size_t j = 0; j < t->ncols; j++) {
            const struct table_cell *c = csvchart_table_cell(t, i, j);
            const char *s = csvchart_table_text(t, c);
            if (strlen(s) != c->len) {
                add(o, " (len %u)", (unsigned)c->len);
            }
            add(o, " [%s]%zu:%u", s, c->line, (unsigned)c->col);
        }
        add(o, "\n");
    }
}

struct rcase {
    const char *in;
    size_t len;
    struct table_options opt;
    const char *want;
};

#define IN(s) s, sizeof(s) - 1
#define AUTO                                                                                       \
    {                                                                                              \
        .delimiter = 0                                                                             \
    }

static const struct rcase cases[] = {
    /* ---- Well-formed input ---- */
    {IN("a,b\n1,2\n"), AUTO, "d=, bom=0\nH [a]1:1 [b]1:3\nR [1]2:1 [2]2:3\n"},
    {IN("a,b\n1,2"), AUTO, "d=, bom=0\nH [a]1:1 [b]1:3\nR [1]2:1 [2]2:3\n"},
    /* A spreadsheet's trailing commas: unnamed empty columns, in some rows or all, ignored. */
    {IN("a,b,\n1,2,\n3,4\n"), AUTO,
     "d=, bom=0\nH [a]1:1 [b]1:3\nR [1]2:1 [2]2:3\nR [3]3:1 [4]3:3\n"},
    {IN("a;b;;\r\n1;2;;\r\n"), AUTO, "d=; bom=0\nH [a]1:1 [b]1:3\nR [1]2:1 [2]2:3\n"},
    {IN("a,b\r\n1,2\r\n"), AUTO, "d=, bom=0\nH [a]1:1 [b]1:3\nR [1]2:1 [2]2:3\n"},
    /* Lone CR line ends (old Mac files) are valid. */
    {IN("a,b\r1,2\r3,4"), AUTO, "d=, bom=0\nH [a]1:1 [b]1:3\nR [1]2:1 [2]2:3\nR [3]3:1 [4]3:3\n"},
    {IN("a\r\n1\n2\r3\n"), AUTO, "d=, bom=0\nH [a]1:1\nR [1]2:1\nR [2]3:1\nR [3]4:1\n"},
    /* Quoted delimiter, doubled quotes, empty quoted field. */
    {IN("a,b\n\"x,y\",2\n"), AUTO, "d=, bom=0\nH [a]1:1 [b]1:3\nR [x,y]2:1 [2]2:7\n"},
    {IN("a\n\"say \"\"hi\"\"\"\n"), AUTO, "d=, bom=0\nH [a]1:1\nR [say \"hi\"]2:1\n"},
    {IN("a,b\n\"\",2\n"), AUTO, "d=, bom=0\nH [a]1:1 [b]1:3\nR []2:1 [2]2:4\n"},
    {IN("\"a\"\"b\",c\n1,2\n"), AUTO, "d=, bom=0\nH [a\"b]1:1 [c]1:8\nR [1]2:1 [2]2:3\n"},
    /* Line ends inside quotes count as lines; CRLF counts once, also inside quotes. */
    {IN("a,b\n\"l1\nl2\",x\n3,4\n"), AUTO,
     "d=, bom=0\nH [a]1:1 [b]1:3\nR [l1\nl2]2:1 [x]3:5\nR [3]4:1 [4]4:3\n"},
    {IN("a,b\r\n\"l1\r\nl2\",x\r\n3,4\r\n"), AUTO,
     "d=, bom=0\nH [a]1:1 [b]1:3\nR [l1\r\nl2]2:1 [x]3:5\nR [3]4:1 [4]4:3\n"},
    {IN("a,b\r\"l1\rl2\",x\r3,4"), AUTO,
     "d=, bom=0\nH [a]1:1 [b]1:3\nR [l1\rl2]2:1 [x]3:5\nR [3]4:1 [4]4:3\n"},
    {IN("a\n\"\n\n\"\n"), AUTO, "d=, bom=0\nH [a]1:1\nR [\n\n]2:1\n"},
    /* A BOM is skipped and takes no column. */
    {IN("\xEF\xBB\xBF"
        "a,b\n1,2\n"),
     AUTO, "d=, bom=1\nH [a]1:1 [b]1:3\nR [1]2:1 [2]2:3\n"},
    {IN("\xEF\xBB\xBF\"a\",b\n1,2\n"), AUTO, "d=, bom=1\nH [a]1:1 [b]1:5\nR [1]2:1 [2]2:3\n"},
    /* U+FEFF inside a field, or inside quotes, is a character. */
    {IN("a\nx\xEF\xBB\xBFy\n"), AUTO, "d=, bom=0\nH [a]1:1\nR [x\xEF\xBB\xBFy]2:1\n"},
    {IN("a\n\"\xEF\xBB\xBFx\"\n"), AUTO, "d=, bom=0\nH [a]1:1\nR [\xEF\xBB\xBFx]2:1\n"},
    /* Blank lines (also at the end, also before the header) are skipped. */
    {IN("a,b\n1,2\n\n"), AUTO, "d=, bom=0\nH [a]1:1 [b]1:3\nR [1]2:1 [2]2:3\n"},
    {IN("a,b\n\n1,2\n  \n3,4\n\n\n"), AUTO,
     "d=, bom=0\nH [a]1:1 [b]1:3\nR [1]3:1 [2]3:3\nR [3]5:1 [4]5:3\n"},
    {IN("\n\r\na,b\n1,2\n"), AUTO, "d=, bom=0\nH [a]3:1 [b]3:3\nR [1]4:1 [2]4:3\n"},
    {IN("a\r\r1\r"), AUTO, "d=, bom=0\nH [a]1:1\nR [1]3:1\n"},
    /* A trailing delimiter is an empty last field. */
    {IN("a,b\n1,\n,\n"), AUTO, "d=, bom=0\nH [a]1:1 [b]1:3\nR [1]2:1 []2:3\nR []3:1 []3:2\n"},
    {IN("a,b\n1,"), AUTO, "d=, bom=0\nH [a]1:1 [b]1:3\nR [1]2:1 []2:3\n"},
    /* Spaces around unquoted fields are dropped; the column is the first non-blank byte. */
    {IN("a , b\n 1 , 2 \n"), AUTO, "d=, bom=0\nH [a]1:1 [b]1:5\nR [1]2:2 [2]2:6\n"},
    {IN("a,b\n  \"x\"  ,y\n"), AUTO, "d=, bom=0\nH [a]1:1 [b]1:3\nR [x]2:3 [y]2:9\n"},
    {IN("a,b\n\" x \",  \n"), AUTO, "d=, bom=0\nH [a]1:1 [b]1:3\nR [ x ]2:1 []2:7\n"},
    /* Delimiter detection: the most frequent of , ; tab outside quotes in the header. */
    {IN("a;b;c\n1,5;2;3\n"), AUTO, "d=; bom=0\nH [a]1:1 [b]1:3 [c]1:5\nR [1,5]2:1 [2]2:5 [3]2:7\n"},
    {IN("a\tb\n1 x\t 2\n"), AUTO, "d=tab bom=0\nH [a]1:1 [b]1:3\nR [1 x]2:1 [2]2:6\n"},
    {IN("\"a,b,c\";d\n1;2\n"), AUTO, "d=; bom=0\nH [a,b,c]1:1 [d]1:9\nR [1]2:1 [2]2:3\n"},
    {IN("a;b,c\n1;2,3\n"), AUTO, "d=, bom=0\nH [a;b]1:1 [c]1:5\nR [1;2]2:1 [3]2:5\n"},
    {IN("a\n1\n"), AUTO, "d=, bom=0\nH [a]1:1\nR [1]2:1\n"},
    {IN("a;b\n1;2\n"), {',', 0, 0, 0, 0, NULL}, "d=, bom=0\nH [a;b]1:1\nR [1;2]2:1\n"},
    {IN("a,b;c\n1,2;3\n"),
     {';', 0, 0, 0, 0, NULL},
     "d=; bom=0\nH [a,b]1:1 [c]1:5\nR [1,2]2:1 [3]2:5\n"},
    /* UTF-8 text; columns count bytes. */
    {IN("n\xC3\xA9v,\xC3\xA1r\n\xC3\x81rv\xC3\xADz,5\n"), AUTO,
     "d=, bom=0\nH [n\xC3\xA9v]1:1 [\xC3\xA1r]1:6\nR [\xC3\x81rv\xC3\xADz]2:1 [5]2:9\n"},
    {IN("a\n\xF0\x9F\x98\x80,\n"),
     {0, 0, 0, 0, 0, NULL},
     "csv:2:6: row has 2 fields, expected 1 as in the header (line 1)"},
    /* What every output holds stays: tab, line ends in quotes, DEL, C1 controls, U+FFFD,
     * U+10FFFD (issue 10). */
    {IN("a\n\"x\ty\r\nz\x7f\xC2\x85\xEF\xBF\xBD\xF4\x8F\xBF\xBD\"\n"), AUTO,
     "d=, bom=0\nH [a]1:1\nR [x\ty\r\nz\x7f\xC2\x85\xEF\xBF\xBD\xF4\x8F\xBF\xBD]2:1\n"},
    /* Limits that are not hit. */
    /* A quoted field's length is its content: quotes around it and the second of a doubled
     * quote do not count (issue 10: a quoted field of exactly the limit was refused). */
    {IN("a\n\"1234\"\n"), {0, 4, 0, 0, 0, NULL}, "d=, bom=0\nH [a]1:1\nR [1234]2:1\n"},
    {IN("a\n  \"1234\"\n"), {0, 4, 0, 0, 0, NULL}, "d=, bom=0\nH [a]1:1\nR [1234]2:3\n"},
    {IN("a\n\"12\"\"3\"\n"), {0, 4, 0, 0, 0, NULL}, "d=, bom=0\nH [a]1:1\nR [12\"3]2:1\n"},
    {IN("a\n\"12\"\"\"\"\"\n"), {0, 4, 0, 0, 0, NULL}, "d=, bom=0\nH [a]1:1\nR [12\"\"]2:1\n"},
    {IN("\"abcd\",b\n1,2\n"),
     {0, 4, 0, 0, 0, NULL},
     "d=, bom=0\nH [abcd]1:1 [b]1:8\nR [1]2:1 [2]2:3\n"},
    /* Blank lines count toward max_rows apart from the data rows: a CRLF once, a line of
     * spaces too, a line end inside quotes not. */
    {IN("a\r\n\r\n1\r\n\r\n2\n"),
     {0, 0, 0, 2, 0, NULL},
     "d=, bom=0\nH [a]1:1\nR [1]3:1\nR [2]5:1\n"},
    {IN("a\n\"\n\n\n\"\n"), {0, 0, 0, 1, 0, NULL}, "d=, bom=0\nH [a]1:1\nR [\n\n\n]2:1\n"},
    {IN("ab,c\n1234,5\n"),
     {0, 4, 2, 1, 0, NULL},
     "d=, bom=0\nH [ab]1:1 [c]1:4\nR [1234]2:1 [5]2:6\n"},

    /* ---- Errors: the message and the position of the first one ---- */
    {IN("a,b\n1,2,3\n"), AUTO, "csv:2:5: row has 3 fields, expected 2 as in the header (line 1)"},
    {IN("a,b\n1,2,3,4"), AUTO, "csv:2:5: row has 4 fields, expected 2 as in the header (line 1)"},
    {IN("a,b,c\n1,2\n"), AUTO, "csv:2:1: row has 2 fields, expected 3 as in the header (line 1)"},
    {IN("a,b,c\n1,2\n3,4,5\n"), AUTO,
     "csv:2:1: row has 2 fields, expected 3 as in the header (line 1)"},
    {IN("\n\na,b\n1,2\n\n 3\n"), AUTO,
     "csv:6:2: row has 1 field, expected 2 as in the header (line 3)"},
    {IN("a,b\n1,2,"), AUTO, "csv:2:5: row has 3 fields, expected 2 as in the header (line 1)"},
    {IN("a\nx\"y\n"), AUTO,
     "csv:2:2: quote inside an unquoted field; wrap the field in quotes "
     "and double the quote (\"\")"},
    {IN("a,b\n1,2 \"3\"\n"), AUTO,
     "csv:2:5: quote inside an unquoted field; wrap the field in "
     "quotes and double the quote (\"\")"},
    {IN("a\n\"x\"y\n"), AUTO,
     "csv:2:4: unexpected text after a closing quote; write a quote "
     "inside a quoted field twice (\"\")"},
    {IN("a\n\"x\" \"\n"), AUTO,
     "csv:2:5: unexpected text after a closing quote; write a quote "
     "inside a quoted field twice (\"\")"},
    {IN("a,b\n1,\"xx\n\n"), AUTO, "csv:2:3: unterminated quoted field (opened here)"},
    {IN("a,b\n1,  \"xx\"\"\n"), AUTO, "csv:2:5: unterminated quoted field (opened here)"},
    {IN("\"a,b\n1,2\n"), AUTO, "csv:1:1: unterminated quoted field (opened here)"},
    {IN("a\nx\xFF\n"), AUTO,
     "csv:2:2: invalid UTF-8 byte 0xff; if the file is Latin-1 or Windows-1252, set encoding = "
     "latin1"},
    {IN("a\n\xE2\x82\xAC\xFE"), AUTO,
     "csv:2:4: invalid UTF-8 byte 0xfe; if the file is Latin-1 or Windows-1252, set encoding = "
     "latin1"},
    {IN("a\nx\x80"), AUTO,
     "csv:2:2: invalid UTF-8 byte 0x80 (continuation byte without a lead byte); if the file is "
     "Latin-1 or Windows-1252, set encoding = latin1"},
    {IN("a\n\xC0\xAF\n"), AUTO,
     "csv:2:1: invalid UTF-8 byte 0xc0 (overlong encoding); if the file is Latin-1 or "
     "Windows-1252, set encoding = latin1"},
    {IN("a\n\xE0\x80\xAF\n"), AUTO,
     "csv:2:1: invalid UTF-8 sequence 0xe0 0x80 (overlong "
     "encoding)"},
    {IN("a\nab\xF0\x8F\xBF\xBF\n"), AUTO,
     "csv:2:3: invalid UTF-8 sequence 0xf0 0x8f (overlong "
     "encoding)"},
    {IN("a\n\xED\xA0\x80\n"), AUTO,
     "csv:2:1: invalid UTF-8 sequence 0xed 0xa0 (UTF-16 "
     "surrogate)"},
    {IN("a\n\xF4\x90\x80\x80\n"), AUTO,
     "csv:2:1: invalid UTF-8 sequence 0xf4 0x90 (code point "
     "above U+10FFFF)"},
    {IN("a\nx\xE2\x82,\n"), AUTO,
     "csv:2:2: invalid UTF-8 byte 0xe2 (starts a 3-byte sequence that is cut short); if the file "
     "is Latin-1 or Windows-1252, set encoding = latin1"},
    {IN("a\nx\xE2\x82"), AUTO,
     "csv:2:2: invalid UTF-8 byte 0xe2 (starts a 3-byte sequence that is cut short); if the file "
     "is Latin-1 or Windows-1252, set encoding = latin1"},
    {IN("a\n\xE9t\xE9\n"), AUTO,
     "csv:2:1: invalid UTF-8 byte 0xe9 (starts a 3-byte sequence that is cut short); if the file "
     "is Latin-1 or Windows-1252, set encoding = latin1"},
    {IN("a\nx\0y\n"), AUTO, "csv:2:2: NUL byte in the data"},
    {IN("a\n\"x\n\0\"\n"), AUTO, "csv:3:1: NUL byte in the data"},
    /* What XML 1.0 forbids: C0 controls but tab and line ends, U+FFFE, U+FFFF (issue 10). */
    {IN("a\nx\x01\n"), AUTO,
     "csv:2:2: control character 0x01 in the data; expected text (tab and line ends are the "
     "only control characters allowed)"},
    {IN("a\n\"x\n\x1f\"\n"), AUTO,
     "csv:3:1: control character 0x1f in the data; expected text (tab and line ends are the "
     "only control characters allowed)"},
    {IN("a\x0b\n1\n"), AUTO,
     "csv:1:2: control character 0x0b in the data; expected text (tab and line ends are the "
     "only control characters allowed)"},
    {IN("a\n\xEF\xBF\xBE\n"), AUTO,
     "csv:2:1: U+FFFE in the data is not a character (a Unicode noncharacter, which SVG or "
     "PDF cannot hold); expected text"},
    {IN("a\nab\xEF\xBF\xBF"), AUTO,
     "csv:2:3: U+FFFF in the data is not a character (a Unicode noncharacter, which SVG or "
     "PDF cannot hold); expected text"},
    {IN("a\n\"x\xEF\xB7\x90\"\n"), AUTO, // cairo's PDF writer refuses it
     "csv:2:3: U+FDD0 in the data is not a character (a Unicode noncharacter, which SVG or "
     "PDF cannot hold); expected text"},
    {IN("a\n\xEF\xB7\xAF"), AUTO,
     "csv:2:1: U+FDEF in the data is not a character (a Unicode noncharacter, which SVG or "
     "PDF cannot hold); expected text"},
    {IN("a\n\xF0\x9F\xBF\xBE\n"), AUTO,
     "csv:2:1: U+1FFFE in the data is not a character (a Unicode noncharacter, which SVG or "
     "PDF cannot hold); expected text"},
    {IN("a\nx\xF4\x8F\xBF\xBF\n"), AUTO,
     "csv:2:2: U+10FFFF in the data is not a character (a Unicode noncharacter, which SVG or "
     "PDF cannot hold); expected text"},
    /* A BOM where a field starts: usually two files joined together. */
    {IN("a,b\n1,\xEF\xBB\xBF"
        "2\n"),
     AUTO,
     "csv:2:3: byte order mark inside the data; expected "
     "one only at the start of the file"},
    {IN("a\n1\n\xEF\xBB\xBF"
        "a\n"),
     AUTO,
     "csv:3:1: byte order mark inside the data; expected "
     "one only at the start of the file"},
    {IN("\xEF\xBB\xBF\xEF\xBB\xBF"
        "a\n1\n"),
     AUTO,
     "csv:1:1: byte order mark inside the data; "
     "expected one only at the start of the file"},
    /* The first error in reading order wins (bytes as read; a row's field count at its end). */
    {IN("a,b\n1,2,3\xFF\n"), AUTO,
     "csv:2:6: invalid UTF-8 byte 0xff; if the file is Latin-1 or Windows-1252, set encoding = "
     "latin1"},
    {IN("a,b\n1,2,3\n\xFF\n"), AUTO,
     "csv:2:5: row has 3 fields, expected 2 as in the header (line 1)"},
    {IN("a\nx\"\xFF\n"), AUTO,
     "csv:2:2: quote inside an unquoted field; wrap the field in "
     "quotes and double the quote (\"\")"},
    /* Empty input, a header and nothing else, bad header names. */
    {IN(""), AUTO, "csv: file is empty; expected a header row"},
    {IN("\n\r\n  \n"), AUTO, "csv: file is empty; expected a header row"},
    {IN("\xEF\xBB\xBF"), AUTO, "csv: file is empty; expected a header row"},
    {IN("a,b\n"), AUTO, "csv:1:1: only a header row, no data rows"},
    {IN("\na,b\n\n"), AUTO, "csv:2:1: only a header row, no data rows"},
    {IN("a,,c\n1,2,3\n"), AUTO,
     "csv:1:3: column 2 has an empty name; expected a header row that "
     "names every column"},
    /* a header may end in unnamed columns (a spreadsheet's trailing commas) while their
     * cells are empty, in every row or some */
    {IN("a,b,\n1,2,3\n"), AUTO,
     "csv:2:5: \"3\" is in column 3, whose name in the header (line 1) is empty; name every "
     "column that holds values"},
    {IN("a,\" \"\n1,2\n"), AUTO,
     "csv:2:3: \"2\" is in column 2, whose name in the header (line 1) is empty; name every "
     "column that holds values"},
    {IN("a,b,,\n1,2,,\n3,4\n5,6,,,\n"), AUTO,
     "csv:4:7: row has 5 fields, expected 4 as in the header (line 1)"},
    {IN(",\n1,\n"), AUTO,
     "csv:1:1: column 1 has an empty name; expected a header row that names every column"},
    {IN("price,x,price\n1,2,3\n"), AUTO,
     "csv:1:9: duplicate column name \"price\" (also column "
     "1)"},
    /* Limits. */
    {IN("a\n12345\n"),
     {0, 4, 0, 0, 0, NULL},
     "csv:2:1: field is longer than 4 bytes (max_field_bytes)"},
    {IN("a\n\"12\n345\n"),
     {0, 4, 0, 0, 0, NULL},
     "csv:2:1: field is longer than 4 bytes (max_field_bytes); is a closing quote missing?"},
    {IN("abcde\n1\n"),
     {0, 4, 0, 0, 0, NULL},
     "csv:1:1: field is longer than 4 bytes (max_field_bytes)"},
    {IN("a,b,c\n1,2,3\n"),
     {0, 0, 2, 0, 0, NULL},
     "csv:1:5: too many columns; the limit is 2 (max_columns)"},
    {IN("a\n1\n2\n"),
     {0, 0, 0, 1, 0, NULL},
     "csv:3:1: too many data rows; the limit is 1 (max_rows)"},
    {IN("a\n\"12345\"\n"),
     {0, 4, 0, 0, 0, NULL},
     "csv:2:1: field is longer than 4 bytes (max_field_bytes); is a closing quote missing?"},
    {IN("a\n\"12\"\"3\"\"\"\n"),
     {0, 4, 0, 0, 0, NULL},
     "csv:2:1: field is longer than 4 bytes (max_field_bytes)"},
    /* In a ;-separated file a number "1,250" may have a decimal comma (issue 10: it was
     * read as 1250 without a word). Refused in a number column, unless the column shows its
     * commas group thousands ("1,250,000", "1,250.5"); text and ,-separated files are fine. */
    {IN("m;p\nx;2\ny;1,250\n"), AUTO,
     "csv:3:3: \"1,250\" is ambiguous in a ;-separated file (decimal comma or thousands "
     "separator?); write 1250 or 1.25"},
    {IN("m;p;q\nx; \"$1,000+\" ;\"2,500%\"\n"), AUTO,
     "csv:2:4: \"$1,000+\" is ambiguous in a ;-separated file (decimal comma or thousands "
     "separator?); write $1000+ or $1+"},
    {IN("m;p;q\nx;5;-2,500K\ny;1,234;1\n"), AUTO,
     "csv:2:5: \"-2,500K\" is ambiguous in a ;-separated file (decimal comma or thousands "
     "separator?); write -2500K or -2.5K"},
    /* An endless stream of blank lines meets a limit (issue 10: yes '' never ended). */
    {IN("a\n\n\n1\n"),
     {0, 0, 0, 1, 0, NULL},
     "csv:3:1: too many blank lines; the limit is 1 (max_rows, counted apart from the data "
     "rows)"},
    {IN("\n\r\n  \na\n1\n"),
     {0, 0, 0, 2, 0, NULL},
     "csv:3:1: too many blank lines; the limit is 2 (max_rows, counted apart from the data "
     "rows)"},
    {IN("a\n1\n \t\r\r"),
     {0, 0, 0, 1, 0, NULL},
     "csv:4:1: too many blank lines; the limit is 1 (max_rows, counted apart from the data "
     "rows)"},
    {IN("\r1\r1\n1\n\r"),
     {0, 0, 0, 1, 0, NULL}, // a row over the limit before (fuzz_csv)
     "csv:4:1: too many data rows; the limit is 1 (max_rows)"},
    {IN("a\n\"x\"\n\n\n"),
     {0, 0, 0, 1, 0, NULL},
     "csv:4:1: too many blank lines; the limit is 1 (max_rows, counted apart from the data "
     "rows)"},
};

/* Reads a case through the streaming reader in pieces of `chunk` bytes (0 = one call to
 * csvchart_table_read()) and returns the dump or the error text. */
static void run(const struct rcase *c, size_t chunk, struct out *o)
{
    csvchart_error err = {0};
    csvchart_table *t = NULL;
    csvchart_status st;
    if (chunk == 0) {
        st = csvchart_table_read("csv", c->in, c->len, &c->opt, &t, &err);
    } else {
        csvchart_table_reader *r;
        st = csvchart_table_reader_new("csv", &c->opt, &r, &err);
        for (size_t i = 0; st == CSVCHART_OK && i < c->len; i += chunk) {
            size_t n = c->len - i < chunk ? c->len - i : chunk;
            st = csvchart_table_reader_feed(r, c->in + i, n, &err);
        }
        if (st == CSVCHART_OK) {
            st = csvchart_table_reader_finish(r, &t, &err);
        }
        csvchart_table_reader_free(r);
    }
    if (st != CSVCHART_OK) {
        o->len = (size_t)snprintf(o->s, sizeof o->s, "%s", csvchart_error_text(&err));
        if (t != NULL) {
            snprintf(o->s, sizeof o->s, "table returned with an error");
        }
        if (err.status != st) {
            snprintf(o->s, sizeof o->s, "status %d but error %d", (int)st, (int)err.status);
        }
    } else {
        dump(t, o);
    }
    csvchart_table_free(t);
}

static void test_cases(void)
{
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const struct rcase *c = &cases[k];
        struct out o;
        run(c, 0, &o);
        if (strcmp(o.s, c->want) != 0) {
            fprintf(stderr, "case %zu:\n", k);
        }
        CHECK_STR(o.s, c->want);
        bool same = true;
        for (size_t chunk = 1; chunk <= c->len && same; chunk++) {
            run(c, chunk, &o);
            if (strcmp(o.s, c->want) != 0) {
                fprintf(stderr, "case %zu at chunk size %zu:\n%s\n", k, chunk, o.s);
                same = false;
            }
        }
        CHECK(same);
    }
}

/*
 * The reader skips runs of ordinary bytes 8 at a time; fed one byte at a time it cannot. Every
 * byte value at every place of a long field, with each delimiter, in quotes and not, must
 * read the same both ways (same table, or same error at the same place).
 */
static void test_every_byte_in_a_run(void)
{
    static const char delims[3] = {',', ';', '\t'};
    size_t differ = 0;
    for (size_t d = 0; d < 3; d++) {
        for (int quoted = 0; quoted < 2; quoted++) {
            for (int b = 0; b < 256; b++) {
                for (size_t k = 0; k < 17; k++) {
                    char in[64];
                    size_t n = (size_t)snprintf(in, sizeof in, "h%cg\n%sabcdefghijklmnopqr",
                                                delims[d], quoted ? "\"" : "");
                    size_t at = n - 18 + k;
                    in[at] = (char)b;
                    n += (size_t)snprintf(in + n, sizeof in - n, "%s%cz\n", quoted ? "\"" : "",
                                          delims[d]);
                    struct rcase c = {in, n, {delims[d], 0, 0, 0, 0, NULL}, NULL};
                    struct out whole, bytes;
                    run(&c, 0, &whole);
                    run(&c, 1, &bytes);
                    if (strcmp(whole.s, bytes.s) != 0 && differ++ < 3) {
                        fprintf(stderr, "byte 0x%02x at %zu: %s | %s\n", b, k, whole.s, bytes.s);
                    }
                }
            }
        }
    }
    CHECK_INT(differ, 0);
}

/* Errors are sticky, feeding after finish is refused, the name is copied. */
static void test_reader_api(void)
{
    csvchart_error err = {0};
    csvchart_table_reader *r;
    char name[] = "x.csv";
    CHECK_INT(csvchart_table_reader_new(name, NULL, &r, &err), CSVCHART_OK);
    name[0] = 'y';
    CHECK_INT(csvchart_table_reader_feed(r, "a\n\xff", 3, &err), CSVCHART_ERROR_DATA);
    CHECK_STR(csvchart_error_text(&err), "x.csv:2:1: invalid UTF-8 byte 0xff; if the file is "
                                         "Latin-1 or Windows-1252, set encoding = latin1");
    csvchart_error err2 = {0};
    CHECK_INT(csvchart_table_reader_feed(r, "1\n", 2, &err2), CSVCHART_ERROR_DATA);
    CHECK_STR(csvchart_error_text(&err2), "x.csv:2:1: invalid UTF-8 byte 0xff; if the file is "
                                          "Latin-1 or Windows-1252, set encoding = latin1");
    csvchart_table *t = (csvchart_table *)&err; // must be reset to NULL
    csvchart_error err3 = {0};
    CHECK_INT(csvchart_table_reader_finish(r, &t, &err3), CSVCHART_ERROR_DATA);
    CHECK(t == NULL);
    CHECK_STR(csvchart_error_text(&err3), "x.csv:2:1: invalid UTF-8 byte 0xff; if the file is "
                                          "Latin-1 or Windows-1252, set encoding = latin1");
    csvchart_table_reader_free(r);

    /* NULL err is allowed. */
    CHECK_INT(csvchart_table_read("n", "a", 1, NULL, &t, NULL), CSVCHART_ERROR_DATA);
    CHECK(t == NULL);
    csvchart_table_reader_free(NULL);
    csvchart_table_free(NULL);

    /* A bad explicit delimiter. */
    struct table_options opt = {'"', 0, 0, 0, 0, NULL};
    csvchart_error_clear(&err);
    CHECK_INT(csvchart_table_read("n", "a\n1\n", 4, &opt, &t, &err), CSVCHART_ERROR_VALUE);
    CHECK(t == NULL);

    /* Finished once; a second finish is an error, the table is the caller's. */
    CHECK_INT(csvchart_table_reader_new("z", NULL, &r, NULL), CSVCHART_OK);
    CHECK_INT(csvchart_table_reader_feed(r, "a\n1\n", 4, NULL), CSVCHART_OK);
    CHECK_INT(csvchart_table_reader_finish(r, &t, NULL), CSVCHART_OK);
    csvchart_table *t2;
    CHECK(csvchart_table_reader_finish(r, &t2, NULL) != CSVCHART_OK);
    CHECK(t2 == NULL);
    csvchart_table_reader_free(r);
    CHECK_INT(t->nrows, 1);
    csvchart_table_free(t);
}

/* ---- Typing ---------------------------------------------------------------------------------- */

static csvchart_table *read_ok(const char *csv)
{
    csvchart_error err = {0};
    csvchart_table *t = NULL;
    if (csvchart_table_read("t.csv", csv, strlen(csv), NULL, &t, &err) != CSVCHART_OK) {
        fprintf(stderr, "unexpected error: %s\n", csvchart_error_text(&err));
    }
    return t;
}

static void test_types(void)
{
    csvchart_table *t = read_ok("name,price,share,when,empty,mixed,na_text\n"
                                "a,$5.6M,50%,2025-01-15,,1,NA\n"
                                "b,\"$1,200.50\",-,Jan 2025,NA,x,y\n"
                                "c,0,12.25%,2025,,2,-\n"
                                "d,N/A,0,15 Mar 2025T,,3,\n");
    CHECK(t != NULL);
    if (!t) {
        return;
    }
    CHECK_INT(t->ncols, 7);
    CHECK_INT(t->nrows, 4);
    CHECK_STR(csvchart_column_type_name(t->cols[0].type), "text");
    CHECK_STR(csvchart_column_type_name(t->cols[1].type), "number");
    CHECK_STR(csvchart_column_type_name(t->cols[2].type), "number");
    /* "15 Mar 2025T" is not a date, so the column is text */
    CHECK_STR(csvchart_column_type_name(t->cols[3].type), "text");
    CHECK_STR(csvchart_column_type_name(t->cols[4].type), "empty");
    CHECK_STR(csvchart_column_type_name(t->cols[5].type), "text");
    CHECK_STR(csvchart_column_type_name(t->cols[6].type), "text");

    const struct table_column *price = &t->cols[1];
    CHECK_STR(price->unit.prefix, "$");
    CHECK_STR(price->unit.suffix, "");
    CHECK_INT(price->unit.decimals, 2);
    CHECK(price->unit.grouped);
    CHECK_INT(price->unit.multiplier, 0); // none twice, M once
    CHECK_INT(price->count, 3);
    CHECK_INT(price->missing, 1);
    CHECK_DBL(price->min, 0, 0);
    CHECK_DBL(price->max, 5600000, 0);
    CHECK(csvchart_table_cell(t, 3, 1)->missing);
    CHECK_DBL(csvchart_table_cell(t, 1, 1)->num, 1200.5, 0);

    const struct table_column *share = &t->cols[2];
    CHECK_STR(share->unit.suffix, "%");
    CHECK_STR(share->unit.prefix, "");
    CHECK_INT(share->unit.decimals, 2);
    CHECK_INT(share->count, 3);
    CHECK_INT(share->missing, 1);
    CHECK(csvchart_table_cell(t, 1, 2)->missing); // "-"

    const struct table_column *empty = &t->cols[4];
    CHECK_INT(empty->count, 0);
    CHECK_INT(empty->missing, 4);

    /* In text columns NA and - are text; only empty cells are missing. */
    const struct table_column *na = &t->cols[6];
    CHECK_INT(na->count, 3);
    CHECK_INT(na->missing, 1);
    CHECK(!csvchart_table_cell(t, 0, 6)->missing);
    CHECK_STR(csvchart_table_text(t, csvchart_table_cell(t, 0, 6)), "NA");

    CHECK_INT(csvchart_table_find(t, "share"), 2);
    CHECK_INT(csvchart_table_find(t, "Share"), (size_t)-1);
    CHECK_INT(csvchart_table_find(t, ""), (size_t)-1);
    csvchart_table_free(t);
}

/* Commas in a ;-separated file that cannot be decimal commas settle the column's reading
 * (issue 10); text columns and ,-separated files never ask. */
static void test_semicolon_commas(void)
{
    csvchart_table *t = read_ok("a;b;c;d\n1,250;1,250;1,250;x\n1,250,000;1,250.5;abc;\"1,250\"\n");
    if (!t) {
        CHECK(t != NULL);
        return;
    }
    CHECK_STR(csvchart_column_type_name(t->cols[0].type), "number");
    CHECK_DBL(csvchart_table_cell(t, 0, 0)->num, 1250, 0);
    CHECK_DBL(csvchart_table_cell(t, 0, 1)->num, 1250, 0);
    CHECK_STR(csvchart_column_type_name(t->cols[2].type), "text");
    CHECK_STR(csvchart_column_type_name(t->cols[3].type), "text");
    csvchart_table_free(t);
    t = read_ok("a,b\nx,\"1,250\"\n");
    CHECK(t && t->cols[1].type == COLUMN_NUMBER && csvchart_table_cell(t, 0, 1)->num == 1250);
    csvchart_table_free(t);
    /* folded while read: the row is noted before it folds away */
    struct fold_plan f = {.mode = FOLD_ROWS, .keys = {"k", NULL, NULL}};
    struct agg_rows *rows = NULL;
    csvchart_error err = {0};
    CHECK_INT(csvchart_aggregate_read(NULL, "t.csv", "k;v\na;2\na;1,250\n", 16, NULL, &f, &t, &rows,
                                      &err),
              CSVCHART_ERROR_DATA);
    CHECK(t == NULL && rows == NULL);
    CHECK_STR(csvchart_error_text(&err),
              "t.csv:3:3: \"1,250\" is ambiguous in a ;-separated file (decimal comma or "
              "thousands separator?); write 1250 or 1.25");
}

static void test_units(void)
{
    /* Two currencies in one column: not one quantity, so text. */
    csvchart_table *t = read_ok("a,b,c,d\n$5,$5,5%,1K\n\xe2\x82\xac"
                                "5,0,7,2M\n0,$1,8%,3M\n");
    if (!t) {
        CHECK(t != NULL);
        return;
    }
    CHECK_STR(csvchart_column_type_name(t->cols[0].type), "text");
    CHECK_STR(csvchart_column_type_name(t->cols[1].type), "number");
    CHECK_STR(t->cols[1].unit.prefix, "$");
    CHECK_STR(csvchart_column_type_name(t->cols[2].type), "number");
    CHECK_STR(t->cols[2].unit.suffix, "%");
    CHECK_INT(t->cols[3].unit.multiplier, 'M'); // M twice, K once
    CHECK_DBL(t->cols[3].min, 1000, 0);
    CHECK_DBL(t->cols[3].max, 3e6, 0);
    CHECK_INT(t->cols[3].unit.grouped, false);
    csvchart_table_free(t);

    /* "$5" and "5%" in one column are not one unit either. */
    t = read_ok("a,b\n$5,1K\n5%,1\n,2\n");
    if (!t) {
        CHECK(t != NULL);
        return;
    }
    CHECK_STR(csvchart_column_type_name(t->cols[0].type), "text");
    CHECK_INT(t->cols[1].unit.multiplier, 0); // none twice, K once
    csvchart_table_free(t);

    /* Multiplier tie: the one seen first. */
    t = read_ok("a\n1\n2K\n3K\n4\n");
    if (!t) {
        CHECK(t != NULL);
        return;
    }
    CHECK_INT(t->cols[0].unit.multiplier, 0);
    csvchart_table_free(t);
    t = read_ok("a\n2K\n1\n3K\n4\n");
    if (!t) {
        CHECK(t != NULL);
        return;
    }
    CHECK_INT(t->cols[0].unit.multiplier, 'K');
    csvchart_table_free(t);

    /* Mixed multipliers: the decimals are the finest digit written, at the common multiplier
     * ($950M is 0.950B: 3), and the column says they are mixed (review 5: $950M drawn $1B). */
    t = read_ok("a\n$182.1B\n$88.0B\n$950M\n");
    if (!t) {
        CHECK(t != NULL);
        return;
    }
    CHECK_INT(t->cols[0].unit.multiplier, 'B');
    CHECK_INT(t->cols[0].unit.decimals, 3);
    CHECK(t->cols[0].unit.mixed);
    csvchart_table_free(t);
    t = read_ok("a\n$182.1B\n$88.25B\n");
    if (!t) {
        CHECK(t != NULL);
        return;
    }
    CHECK_INT(t->cols[0].unit.decimals, 2); // one multiplier: the most decimals, as before
    CHECK(!t->cols[0].unit.mixed);
    csvchart_table_free(t);
}

static void test_dates(void)
{
    csvchart_table *t = read_ok("when,n\n2025-01-15,1\nJan 2024,2\n\xe2\x80\x94,3\n"
                                "2025-01-15T12:00:00Z,4\n  ,5\n");
    if (!t) {
        CHECK(t != NULL);
        return;
    }
    const struct table_column *c = &t->cols[0];
    CHECK_STR(csvchart_column_type_name(c->type), "date");
    CHECK_INT(c->count, 3);
    CHECK_INT(c->missing, 2);
    CHECK_DBL(c->min, 19723, 0); // 2024-01-01
    CHECK_DBL(c->max, 20103.5, 1e-9);
    CHECK_INT(csvchart_table_cell(t, 0, 0)->date_prec, DATE_DAY);
    CHECK_INT(csvchart_table_cell(t, 1, 0)->date_prec, DATE_MONTH);
    CHECK_INT(csvchart_table_cell(t, 3, 0)->date_prec, DATE_TIME);
    CHECK(csvchart_table_cell(t, 2, 0)->missing); // em dash
    CHECK(csvchart_table_cell(t, 4, 0)->missing); // only spaces (quoted would keep them)
    /* A bare year column is a number column: numbers come first. */
    CHECK_STR(csvchart_column_type_name(t->cols[1].type), "number");
    csvchart_table_free(t);

    t = read_ok("y\n2024\n2025\n");
    if (!t) {
        CHECK(t != NULL);
        return;
    }
    CHECK_STR(csvchart_column_type_name(t->cols[0].type), "number");
    csvchart_table_free(t);
}

/* The whole pipeline from a file: read_file streams in 64 KiB pieces. */
static void test_big(void)
{
    size_t rows = 30000;
    size_t cap = rows * 40 + 64, len = 0;
    char *buf = malloc(cap);
    if (!buf) {
        CHECK(buf != NULL);
        return;
    }
    len += (size_t)snprintf(buf + len, cap - len, "\xEF\xBB\xBFk;v;d\r\n");
    for (size_t i = 0; i < rows; i++) {
        len += (size_t)snprintf(buf + len, cap - len, "\"k\n%zu\";%zu.5;2025-01-%02zu\r\n", i, i,
                                i % 28 + 1);
    }
    csvchart_error err = {0};
    csvchart_table *t = NULL;
    CHECK_INT(csvchart_table_read("big", buf, len, NULL, &t, &err), CSVCHART_OK);
    if (t) {
        CHECK_INT(t->nrows, rows);
        CHECK_INT(t->delimiter, ';');
        CHECK(t->had_bom);
        const struct table_cell *c = csvchart_table_cell(t, rows - 1, 1);
        CHECK_INT(c->line, 2 + 2 * (rows - 1) + 1);
        CHECK_INT(c->col, 8);
        CHECK_DBL(c->num, rows - 1 + 0.5, 0);
        CHECK_STR(csvchart_column_type_name(t->cols[2].type), "date");
        CHECK_INT(t->cols[1].unit.decimals, 1);
    }
    csvchart_table_free(t);
    free(buf);
}

int main(void)
{
    RUN(test_cases);
    RUN(test_every_byte_in_a_run);
    RUN(test_reader_api);
    RUN(test_types);
    RUN(test_units);
    RUN(test_semicolon_commas);
    RUN(test_dates);
    RUN(test_big);
    return harness_done();
}
