/*
 * help.c - --help, generated from the option table so it can never disagree with it.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "csvchart.h"

static void print_wrapped(FILE *f, const char *text, int indent, int width)
{
    int col = indent;
    fprintf(f, "%*s", indent, "");
    const char *p = text;
    while (*p) {
        const char *q = p;
        while (*q && *q != ' ') {
            q++;
        }
        int len = (int)(q - p);
        if (col > indent && col + 1 + len > width) {
            fprintf(f, "\n%*s", indent, "");
            col = indent;
        } else if (col > indent) {
            fputc(' ', f);
            col++;
        }
        fprintf(f, "%.*s", len, p);
        col += len;
        p = *q ? q + 1 : q;
    }
    fputc('\n', f);
}

static void print_options(FILE *f, const char *kind)
{
    for (size_t i = 0; i < csvchart_option_count(); i++) {
        if (!csvchart_option_applies(i, kind)) {
            continue;
        }
        char flag[64];
        snprintf(flag, sizeof flag, "%s", csvchart_option_name(i));
        for (char *p = flag; *p; p++) {
            *p = *p == '_' ? '-' : *p;
        }
        const char *type = csvchart_option_type(i);
        const char *def = csvchart_option_default(i);
        if (strcmp(type, "bool") == 0) {
            fprintf(f, "  --%s[=BOOL]", flag);
        } else if (strcmp(type, "bool|auto") == 0) {
            fprintf(f, "  --%s[=BOOL|auto]", flag);
        } else {
            fprintf(f, "  --%s %s", flag,
                    strchr(type, '|') ? type
                    : strcmp(type, "columns") == 0 || strcmp(type, "list") == 0
                        ? "A,B,..."
                        : strcmp(type, "column") == 0 ? "COLUMN"
                                                      : strcmp(type, "number") == 0 ? "N"
                                                                                    : "TEXT");
        }
        if (*def) {
            fprintf(f, "  (default: %s)", def);
        }
        fputc('\n', f);
        print_wrapped(f, csvchart_option_help(i), 6, 96);
    }
}

/* What every figure kind's help says after its description: inputs, outputs, the options of
 * that kind from the table, the exit statuses. */
static void print_figure_help(FILE *f, const char *kind)
{
    fputs("\n"
          "Input and output:\n"
          "  DATA.csv            the data; - reads standard input\n"
          "  -o, --output FILE   .png, .svg, .pdf or .scene (the drawing primitives as\n"
          "                      text); repeat -o to write several formats from one layout;\n"
          "                      -o - writes to standard output with --format; a PNG named\n"
          "                      NAME@2x.png is drawn at that pixel scale (@0.25x to @8x);\n"
          "                      two -o naming one file are refused\n"
          "  --format FORMAT     png, svg, pdf or scene, for -o -\n"
          "\n"
          "Options (the same names serve as INI keys and csvchart_set() names; write\n"
          "--name value or --name=value; a bare boolean flag means true, --no-flag false):\n",
          f);
    print_options(f, kind);
    fputs("\nExit status: 0 success, 1 bad input (data, a value, a file), 2 usage.\n", f);
}

void csvchart_cli_help(FILE *f, const char *kind)
{
    if (kind && strcmp(kind, "bar") == 0) {
        fputs("Usage: csvchart bar DATA.csv -o OUT [-o OUT ...] [options]\n"
              "\n"
              "Draws a bar chart from a CSV file: one bar per category (the first column, or\n"
              "--x), one series per value column (every numeric column, or --y A,B).\n",
              f);
        print_figure_help(f, "bar");
        return;
    }
    if (kind && strcmp(kind, "timeline") == 0) {
        fputs("Usage: csvchart timeline DATA.csv -o OUT [-o OUT ...] [options]\n"
              "\n"
              "Draws a timeline from a CSV file: one event per row, from a date column (--date,\n"
              "default \"date\") and a label column (--label, default \"label\"), with an\n"
              "optional second line (--detail), end date (--end: spans) and colour or swimlane\n"
              "(--group, --lanes group). The size asked for is kept: crowded events go into rows\n"
              "or columns, then lose their detail lines, then smaller type, then close events\n"
              "share a label that counts them; if that is not enough, the command exits 1 naming\n"
              "a size that fits (--fit grow draws at it). Labels never overlap; tick labels sit on\n"
              "their ticks; empty stretches of time are cut out of the axis (--axis-breaks none\n"
              "keeps it whole).\n",
              f);
        print_figure_help(f, "timeline");
        return;
    }
    if (kind && strcmp(kind, "trend") == 0) {
        fputs("Usage: csvchart trend DATA.csv -o OUT [-o OUT ...] [options]\n"
              "\n"
              "Draws dated series as lines on a time axis: the dates from --x (default: a column\n"
              "named date, else the first column; any form a timeline reads), one series per\n"
              "value column (--y A,B) or per value of --group (long format: date, series,\n"
              "value). An empty value breaks its line; a lone value is a dot. Each series is\n"
              "named at the end of its line (a legend when they do not fit); --label names\n"
              "points from a column, their labels placed without overlap on leaders; --marker\n"
              "marks dates. --log draws a log10 value axis (values must be > 0); --trend fit\n"
              "fits a least-squares line to the logarithm of each series over time, draws it\n"
              "dashed and writes its rate at the end of the line (\"halves every 7 months\",\n"
              "\"falls 10x per year\"; --trend-label for other words). One date twice in a\n"
              "series is an error unless --aggregate combines them. The size asked for is kept,\n"
              "or the command exits 1 naming a size that fits (--fit grow draws at it).\n",
              f);
        print_figure_help(f, "trend");
        return;
    }
    if (kind && strcmp(kind, "render") == 0) {
        fputs("Usage: csvchart render FIGURES.ini [--out-dir DIR] [--jobs N] [--only A,B]\n"
              "                       [--depfile FILE] [--shard I/N] [--list | --make-rules]\n"
              "\n"
              "Renders every figure of an INI file, in parallel. [defaults] applies to every\n"
              "figure; every other section is one figure, named by its section (letters,\n"
              "digits, non-ASCII characters and . _ - @ +), with the keys kind (bar, timeline\n"
              "or trend), data (a CSV file, relative to the INI file's folder), outputs\n"
              "(space-separated names relative to --out-dir; default NAME.png; not in\n"
              "[defaults]) and any option of 'csvchart KIND --help' for its kind. A value may\n"
              "go on over indented lines (up to 1 MiB); ' ;' starts a\n"
              "comment. UTF-8, with or without a byte order mark; LF, CRLF or CR line ends.\n"
              "\n"
              "  --out-dir DIR   where outputs go (default: out)\n"
              "  --jobs N        figures rendered at once (default: the number of CPUs)\n"
              "  --only A,B      only these figures\n"
              "  --depfile FILE  write Makefile dependencies: each figure's outputs depend on\n"
              "                  the INI file and its CSV file\n"
              "  --shard I/N     only the I-th of N shares of the figures (figure k goes to\n"
              "                  share k mod N + 1), for a CI matrix of machines\n"
              "  --list          print each figure as NAME<tab>DATA<tab>OUTPUT..., render\n"
              "                  nothing (for build scripts)\n"
              "  --make-rules    print a Makefile fragment with one rule per figure (its\n"
              "                  outputs depend on the INI file and its CSV), render nothing\n"
              "\n"
              "A failing figure does not stop the others; the failures are listed at the end\n"
              "and the exit status is 1. Messages come in INI order, whatever the --jobs.\n"
              "Refused before anything is drawn: two outputs that are one file (however\n"
              "spelled), an output outside --out-dir (through .. or a symbolic link). With\n"
              "--depfile or --make-rules, every file name must be one that make, Ninja and\n"
              "CMake read back: letters, digits, non-ASCII characters, spaces and\n"
              ". _ - + , @ ! { } / ( ) ~ (no ~ first, no ) last); others are refused.\n",
              f);
        return;
    }
    if (kind && strcmp(kind, "inspect") == 0) {
        fputs("Usage: csvchart inspect DATA.csv [--delimiter auto|,|;|tab]\n"
              "\n"
              "Prints how the file was read: the delimiter, each column with its type (number,\n"
              "date, text), unit, count, missing values, minimum and maximum, and the first\n"
              "rows as parsed.\n",
              f);
        return;
    }
    fputs("Usage: csvchart bar DATA.csv -o OUT [-o OUT ...] [options]\n"
          "       csvchart timeline DATA.csv -o OUT [-o OUT ...] [options]\n"
          "       csvchart trend DATA.csv -o OUT [-o OUT ...] [options]\n"
          "       csvchart render FIGURES.ini [--out-dir DIR] [--jobs N] [--depfile FILE]\n"
          "       csvchart inspect DATA.csv\n"
          "       csvchart --help | --version | csvchart KIND --help\n"
          "\n"
          "Turns CSV data into publication-quality charts: PNG, SVG and PDF, the same bytes\n"
          "every time.\n"
          "\n"
          "Commands:\n"
          "  bar       a bar chart: vertical or horizontal, grouped, stacked or range bars,\n"
          "            linear or log axes, small multiples\n"
          "  timeline  dated events and spans on a time axis, labels placed automatically\n"
          "  trend     dated series as lines, linear or log, the rate of change called out\n"
          "  render    every figure of an INI file, in parallel, for build systems\n"
          "  inspect   how a CSV file is read: columns, types, units, ranges\n"
          "\n"
          "Run 'csvchart bar --help', 'csvchart timeline --help' or 'csvchart trend --help'\n"
          "for the options.\n",
          f);
}
