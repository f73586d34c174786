/*
 * help.c - --help and the manual page, written from one set of texts and the option table, so
 * that `csvchart --help`, `csvchart KIND --help` and `man csvchart` cannot disagree with one
 * another or with the options the binary takes.
 *
 * Each text is data below (the commands, the flags of render, the INI format, the examples,
 * the exit statuses, the files); print_* write it as plain text wrapped to 80 columns, man_*
 * as roff for csvchart.1 (tools/gen_man.c). tests/cli/docs.sh runs every example and checks
 * each claim it can against the binary.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "csvchart.h"

/* ---- The texts ---------------------------------------------------------------------------- */

struct kind_text {
    const char *name, *usage, *summary, *about;
};

static const struct kind_text kinds[] = {
    {"bar", "csvchart bar DATA.csv -o OUT [-o OUT ...] [options]",
     "a bar chart: vertical or horizontal, grouped, stacked or range bars, linear or log "
     "axes, small multiples",
     "Draws a bar chart from a CSV file: one bar per category (the first column, or --x), one "
     "series per value column (every numeric column, or --y A,B)."},
    {"timeline", "csvchart timeline DATA.csv -o OUT [-o OUT ...] [options]",
     "dated events and spans on a time axis, labels placed automatically",
     "Draws a timeline from a CSV file: one event per row, from a date column (--date, default "
     "\"date\") and a label column (--label, default \"label\"), with an optional second line "
     "(--detail), end date (--end: spans) and colour or swimlane (--group, --lanes group). The "
     "size asked for is kept: crowded events go into rows or columns, then lose their detail "
     "lines, then smaller type, then close events share a label that counts them; if that is "
     "not enough, the command exits 1 naming a size that fits (--fit grow draws at it). Labels "
     "never overlap; tick labels sit on their ticks; empty stretches of time are cut out of "
     "the axis (--axis-breaks none keeps it whole)."},
    {"trend", "csvchart trend DATA.csv -o OUT [-o OUT ...] [options]",
     "dated series as lines, linear or log, the rate of change called out",
     "Draws dated series as lines on a time axis: the dates from --x (default: a column named "
     "date, else the first column; any form a timeline reads), one series per value column "
     "(--y A,B) or per value of --group (long format: date, series, value). An empty value "
     "breaks its line; a lone value is a dot. Each series is named at the end of its line (a "
     "legend when they do not fit); --label names points from a column, their labels placed "
     "without overlap on leaders; --marker marks dates. --log draws a log10 value axis (values "
     "must be > 0); --trend fit fits a least-squares line to the logarithm of each series over "
     "time, draws it dashed and writes its rate at the end of the line (\"halves every 7 "
     "months\", \"falls 10x per year\"; --trend-label for other words). One date twice in a "
     "series is an error unless --aggregate combines them. The size asked for is kept, or the "
     "command exits 1 naming a size that fits (--fit grow draws at it)."},
};

/* What every figure command takes besides the options of the table. */
static const struct flag_text {
    const char *flag, *arg, *help;
} figure_flags[] = {
    {"DATA.csv", NULL, "the data; - reads standard input"},
    {"-o, --output", "FILE",
     "an output: .png, .svg, .pdf, .scene (the drawing primitives as text) or .txt (the text "
     "alternative, see --alt-text); repeat -o to "
     "write several formats from one layout. -o - writes to standard output with --format. A "
     "PNG named NAME@2x.png is drawn at that pixel scale (@0.25x to @8x; a --scale that says "
     "another is refused). The folder must "
     "exist: a missing one is an error (render creates its folders). Two -o naming one file "
     "are refused"},
    {"--alt-text", "FILE",
     "write the figure's text alternative to FILE, whatever its name (- for standard output): "
     "the alt option, else the title and a summary of the data, one line of UTF-8 for a "
     "CMS's alt attribute; the same text is the SVG <desc>, the PNG's Description and the "
     "PDF's subject. In an INI file, list NAME.txt among the outputs"},
    {"--format", "FORMAT",
     "png, svg, pdf, scene or txt: the format of -o -; with a named output it must agree with the "
     "name's extension (-o y.png --format svg is refused)"},
    {"--quiet", NULL,
     "print no warnings (for build logs; -q too); errors are printed all the same"},
};

static const struct flag_text render_flags[] = {
    {"--out-dir", "DIR",
     "where outputs go (default: out); created, with the folders of the outputs inside it"},
    {"--jobs", "N", "figures rendered at once (default: the number of CPUs)"},
    {"--only", "A,B", "only these figures"},
    {"--shard", "I/N",
     "only the I-th of N shares of the figures (figure k, from 0 in INI order, goes to share "
     "k mod N + 1): the N shares are disjoint and together hold every figure, for a CI matrix "
     "of machines (examples/github-actions.yml, examples/gitlab-ci.yml)"},
    {"--depfile", "FILE",
     "write Makefile dependencies: each figure's outputs depend on the INI file and its CSV "
     "file (its folder is created)"},
    {"--list", NULL,
     "print each figure as NAME<tab>DATA<tab>OUTPUT..., render nothing (for build scripts)"},
    {"--make-rules", NULL,
     "print a Makefile fragment with one rule per figure (its outputs depend on the INI file "
     "and its CSV), render nothing"},
    {"--watch", NULL,
     "after rendering, keep watching the INI file and the CSV files (inotify): a figure whose "
     "CSV or INI section changed is rendered again, one line per render; errors are shown and "
     "watching goes on; Ctrl-C stops"},
    {"--html", "FILE",
     "write a preview page of every figure: each image at 1x and 2x where rendered, its "
     "theme, alt text, size and warnings; with --watch the page reloads a figure when it is "
     "rendered again"},
    {"--quiet", NULL,
     "print neither the figures' warnings nor the closing \"rendered N\" line (for build "
     "logs; -q too); errors and the list of failed figures are printed all the same"},
};

static const char *const render_about[] = {
    "Renders every figure of an INI file, in parallel. A failing figure does not stop the "
    "others; the failures are listed at the end and the exit status is 1. Messages come in INI "
    "order, whatever the --jobs. Refused before anything is drawn: two outputs that are one "
    "file (however spelled), an output outside --out-dir (through .. or a symbolic link). With "
    "--depfile or --make-rules, every file name must be one that make, Ninja and CMake read "
    "back: letters, digits, non-ASCII characters, spaces and . _ - + , @ ! { } / ( ) ~ (no ~ "
    "first, no ) last); others are refused.",
};

static const char *const ini_format[] = {
    ("[defaults] applies to every figure; every other section is one figure, named by its "
     "section (letters, digits, non-ASCII characters and . _ - @ +). Keys: kind (bar, timeline "
     "or trend), data (a CSV file, relative to the INI file's folder), outputs (space-separated "
     "names relative to --out-dir; default NAME.png; not in [defaults]) and every option of "
     "'csvchart KIND --help' for its kind."),
    ("key = value (or key: value). A line indented under a key continues its value, joined with "
     "one space; values have no length limit but 1 MiB. Lines starting with ; or # are "
     "comments; after a value, ' ;' (a semicolon after a space) starts a comment."),
    ("Double quotes keep ; and spaces: title = \"a ; b\" is a ; b, and \"\" inside quotes is one "
     "quote; quotes may span continued lines. List options (y, highlight, palette, ratio) keep "
     "their quotes, which their own syntax reads: highlight = \"Smith, J\", Doe names two "
     "categories. An unclosed quote is an error."),
    ("UTF-8, with or without a byte order mark; LF, CRLF or CR line ends. Limits: 16 MiB, "
     "1,000,000 lines, 256 keys a section, 10,000 figures."),
};

/* Every example runs from the root of the source tree (tests/cli/docs.sh runs them). */
static const struct example {
    const char *what, *command;
} examples[] = {
    {"A bar chart; each output's extension gives its format",
     "csvchart bar data/api-pricing.csv -o pricing.png -o pricing.svg -o pricing.pdf"},
    {"A log axis, the multiple called out, one bar highlighted",
     "csvchart bar data/api-pricing.csv -o pricing-log.png --log --ratio --highlight "
     "\"DeepSeek R1\""},
    {"For print: 6.5 x 4 inches at 300 dpi (a 1950x1200 PNG, a 6.5 x 4 in PDF)",
     "csvchart bar data/api-pricing.csv -o print.png -o print.pdf --size 6.5inx4in --dpi 300"},
    {"A timeline",
     "csvchart timeline data/timeline.csv -o timeline.svg --title \"DeepSeek's road from R1 to "
     "V4\""},
    {"Every figure of an INI file, in parallel, with a preview page",
     "csvchart render data/figures.ini --out-dir out --html out/index.html"},
    {"The second of four shares of the figures (one CI machine of four)",
     "csvchart render data/figures.ini --out-dir out --shard 2/4"},
    {"How a CSV file is read", "csvchart inspect data/api-pricing.csv"},
};

static const struct flag_text exit_status[] = {
    {"0", NULL, "success (warnings, such as skipped rows, may have been printed)"},
    {"1", NULL,
     "bad input: the data, an option value, a file that cannot be read or written, or a "
     "figure that does not fit its size (the message names a size that does)"},
    {"2", NULL, "usage: an unknown command or option"},
};

static const struct flag_text files[] = {
    {"FIGURES.ini", NULL, "the figures of csvchart render (INI FORMAT)"},
    {"out/", NULL, "the default --out-dir of csvchart render, in the current folder"},
    {".NAME.PID.N.tmp", NULL,
     "the temporary file beside an output while it is written; renamed over NAME when "
     "complete, removed on failure or SIGINT, SIGTERM, SIGHUP (left only by SIGKILL or a power "
     "cut: delete it)"},
    {"csvchart.h, csvchart_version.h", NULL,
     "the C library's header (libcsvchart.so, libcsvchart.a; pkg-config csvchart; CMake "
     "find_package(csvchart))"},
    {"share/doc/csvchart/README.md", NULL, "the full manual, with more examples"},
};

/* ---- Plain text --------------------------------------------------------------------------- */

/* Writes text wrapped at `width`, every line indented by `indent`; the first line starts at
 * column `col` (already written) when col > 0. */
static void print_wrapped_from(FILE *f, const char *text, int indent, int width, int col)
{
    if (col <= 0) {
        fprintf(f, "%*s", indent, "");
        col = indent;
    }
    int start = col;
    const char *p = text;
    while (*p) {
        const char *q = p;
        while (*q && *q != ' ') {
            q++;
        }
        int len = (int)(q - p);
        if (col > start && col + 1 + len > width) {
            fprintf(f, "\n%*s", indent, "");
            col = start = indent;
        } else if (col > start) {
            fputc(' ', f);
            col++;
        }
        fprintf(f, "%.*s", len, p);
        col += len;
        p = *q ? q + 1 : q;
    }
    fputc('\n', f);
}

static void print_wrapped(FILE *f, const char *text, int indent, int width)
{
    print_wrapped_from(f, text, indent, width, 0);
}

/* "  FLAG ARG      help, wrapped" with the help at column 20 (or on the next line). */
static void print_flags(FILE *f, const struct flag_text *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int col = fprintf(f, "  %s%s%s", t[i].flag, t[i].arg ? " " : "", t[i].arg ? t[i].arg : "");
        if (col > 19) {
            fputc('\n', f);
            col = 0;
        } else {
            fprintf(f, "%*s", 20 - col, "");
            col = 20;
        }
        if (col == 0) {
            print_wrapped(f, t[i].help, 20, 80);
        } else {
            print_wrapped_from(f, t[i].help, 20, 80, 20);
        }
    }
}

/* The option's value placeholder: "[=BOOL]", " N", " auto|none", ... */
static const char *placeholder(size_t i, char *buf, size_t size)
{
    const char *type = csvchart_option_type(i);
    if (strcmp(type, "bool") == 0) {
        return "[=BOOL]";
    }
    if (strcmp(type, "bool|auto") == 0) {
        return "[=BOOL|auto]";
    }
    if (strncmp(type, "true|false|", 11) == 0) { /* a bool or a choice: --stack[=percent] */
        snprintf(buf, size, "[=%s]", type);
        return buf;
    }
    snprintf(buf, size, " %s",
             strcmp(type, "bool|A,B") == 0                               ? "BOOL|A,B"
             : strchr(type, '|')                                         ? type
             : strcmp(type, "columns") == 0 || strcmp(type, "list") == 0 ? "A,B,..."
             : strcmp(type, "column") == 0                               ? "COLUMN"
             : strcmp(type, "number") == 0                               ? "N"
             : strcmp(type, "size") == 0                                 ? "SIZE"
             : strcmp(type, "colour") == 0                               ? "#RRGGBB"
                                                                         : "TEXT");
    return buf;
}

static void flag_name(size_t i, char *flag, size_t size)
{
    snprintf(flag, size, "%s", csvchart_option_name(i));
    for (char *p = flag; *p; p++) {
        *p = *p == '_' ? '-' : *p;
    }
}

static void print_options(FILE *f, const char *kind)
{
    for (size_t i = 0; i < csvchart_option_count(); i++) {
        if (!csvchart_option_applies(i, kind)) {
            continue;
        }
        char flag[64], ph[96];
        flag_name(i, flag, sizeof flag);
        fprintf(f, "  --%s%s", flag, placeholder(i, ph, sizeof ph));
        const char *def = csvchart_option_default(i);
        if (*def) {
            fprintf(f, "  (default: %s)", def);
        }
        fputc('\n', f);
        print_wrapped(f, csvchart_option_help(i), 6, 96);
    }
}

static void print_exit_status(FILE *f)
{
    fputs("\nExit status:\n", f);
    print_flags(f, exit_status, sizeof exit_status / sizeof exit_status[0]);
}

static void print_figure_help(FILE *f, const struct kind_text *k)
{
    fprintf(f, "Usage: %s\n\n", k->usage);
    print_wrapped(f, k->about, 0, 80);
    fputs("\nInput and output:\n", f);
    print_flags(f, figure_flags, sizeof figure_flags / sizeof figure_flags[0]);
    fputs("\n"
          "Options (the same names serve as INI keys and csvchart_set() names; write\n"
          "--name value or --name=value; a bare boolean flag means true, --no-flag false):\n",
          f);
    print_options(f, k->name);
    print_exit_status(f);
}

static void print_render_usage(FILE *f, const char *lead)
{
    int col = fprintf(f, "%scsvchart render FIGURES.ini", lead);
    int indent = (int)strlen(lead) + 16;
    for (size_t i = 0; i < sizeof render_flags / sizeof render_flags[0]; i++) {
        char word[64];
        int n = snprintf(word, sizeof word, "[%s%s%s]", render_flags[i].flag,
                         render_flags[i].arg ? " " : "",
                         render_flags[i].arg ? render_flags[i].arg : "");
        if (col + 1 + n > 80) {
            col = fprintf(f, "\n%*s", indent, "") - 1;
        }
        col += fprintf(f, " %s", word);
    }
    fputc('\n', f);
}

void csvchart_cli_help(FILE *f, const char *kind)
{
    for (size_t i = 0; kind && i < sizeof kinds / sizeof kinds[0]; i++) {
        if (strcmp(kind, kinds[i].name) == 0) {
            print_figure_help(f, &kinds[i]);
            return;
        }
    }
    if (kind && strcmp(kind, "render") == 0) {
        print_render_usage(f, "Usage: ");
        fputc('\n', f);
        for (size_t i = 0; i < sizeof render_about / sizeof render_about[0]; i++) {
            print_wrapped(f, render_about[i], 0, 80);
        }
        fputc('\n', f);
        print_flags(f, render_flags, sizeof render_flags / sizeof render_flags[0]);
        fputs("\nINI format:\n", f);
        for (size_t i = 0; i < sizeof ini_format / sizeof ini_format[0]; i++) {
            print_wrapped(f, ini_format[i], 2, 80);
        }
        print_exit_status(f);
        return;
    }
    if (kind && strcmp(kind, "inspect") == 0) {
        fputs("Usage: csvchart inspect DATA.csv [--delimiter auto|,|;|tab]\n"
              "\n"
              "Prints how the file was read: the delimiter, each column with its type (number,\n"
              "date, text), unit, count, missing values, minimum and maximum, and the first\n"
              "rows as parsed.\n",
              f);
        print_exit_status(f);
        return;
    }
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        fprintf(f, "%s%s\n", i ? "       " : "Usage: ", kinds[i].usage);
    }
    print_render_usage(f, "       ");
    fputs("       csvchart inspect DATA.csv [--delimiter auto|,|;|tab]\n"
          "       csvchart --help | --version | csvchart KIND --help\n"
          "\n"
          "Turns CSV data into publication-quality charts: PNG, SVG and PDF, the same bytes\n"
          "every time.\n"
          "\n"
          "Commands:\n",
          f);
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        fprintf(f, "  %-10s", kinds[i].name);
        print_wrapped_from(f, kinds[i].summary, 12, 80, 12);
    }
    fputs("  render    every figure of an INI file, in parallel, for build systems; --watch\n"
          "            re-renders what changes, --html writes a preview page\n"
          "  inspect   how a CSV file is read: columns, types, units, ranges\n"
          "\n"
          "Examples (from the root of the source tree):\n",
          f);
    for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++) {
        fprintf(f, "  # %s\n  %s\n", examples[i].what, examples[i].command);
    }
    print_exit_status(f);
    fputs("\nRun 'csvchart bar --help' (timeline, trend, render) for the options; 'man csvchart'\n"
          "has them all.\n",
          f);
}

/* ---- The manual page (roff) ---------------------------------------------------------------- */

/* Text for roff: backslash and '-' escaped, a leading '.' or '\'' guarded. */
static void roff(FILE *f, const char *s)
{
    if (*s == '.' || *s == '\'') {
        fputs("\\&", f);
    }
    for (; *s; s++) {
        if (*s == '\\') {
            fputs("\\e", f);
        } else if (*s == '-') {
            fputs("\\-", f);
        } else {
            fputc(*s, f);
        }
    }
}

static void man_para(FILE *f, const char *s)
{
    fputs(".PP\n", f);
    roff(f, s);
    fputc('\n', f);
}

static void man_flags(FILE *f, const struct flag_text *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        fputs(".TP\n.B ", f);
        roff(f, t[i].flag);
        if (t[i].arg) {
            fputs("\n.I ", f);
            roff(f, t[i].arg);
        }
        fputc('\n', f);
        roff(f, t[i].help);
        fputc('\n', f);
    }
}

void csvchart_cli_man(FILE *f)
{
    fprintf(f,
            ".\\\" Written by csvchart_gen_man (src/cli/help.c) from the option table: edit "
            "that, not this.\n"
            ".TH CSVCHART 1 \"\" \"csvchart %s\" \"User Commands\"\n"
            ".SH NAME\ncsvchart \\- publication\\-quality charts from CSV files\n"
            ".SH SYNOPSIS\n.nf\n",
            csvchart_version());
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        roff(f, kinds[i].usage);
        fputc('\n', f);
    }
    print_render_usage(f, "");
    fputs("csvchart inspect DATA.csv [\\-\\-delimiter auto|,|;|tab]\n"
          "csvchart \\-\\-help | \\-\\-version | csvchart KIND \\-\\-help\n.fi\n"
          ".SH DESCRIPTION\n",
          f);
    man_para(f, "csvchart turns CSV data into charts for articles, slides and print: PNG, SVG "
                "and PDF, the same bytes every time. Each output's format comes from its "
                "extension: .png, .svg, .pdf, or .scene (the drawing primitives as text). The "
                "size asked for is a contract: a figure that does not fit it exits 1 naming a "
                "size that fits.");
    man_para(f, "Every option has one name, used as a flag (--value-format), an INI key "
                "(value_format) and a name for csvchart_set() in the C library.");
    fputs(".SH COMMANDS\n", f);
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        fputs(".TP\n.B ", f);
        roff(f, kinds[i].name);
        fputc('\n', f);
        roff(f, kinds[i].about);
        fputc('\n', f);
    }
    fputs(".TP\n.B render\n", f);
    roff(f, render_about[0]);
    fputs("\n.TP\n.B inspect\nPrints how a CSV file is read: the delimiter, each column with its "
          "type, unit, count, missing values, minimum and maximum, and the first rows.\n",
          f);
    fputs(".SH OPTIONS\n.SS Input and output (every kind)\n", f);
    man_flags(f, figure_flags, sizeof figure_flags / sizeof figure_flags[0]);
    fputs(".SS Figure options\n", f);
    man_para(f, "The same names serve as INI keys. Write --name value or --name=value; a bare "
                "boolean flag means true, --no-flag false. Lists are comma-separated; a name "
                "holding a comma is written in double quotes.");
    for (size_t i = 0; i < csvchart_option_count(); i++) {
        char flag[64], ph[96], help[1024];
        flag_name(i, flag, sizeof flag);
        fputs(".TP\n.B \\-\\-", f);
        roff(f, flag);
        fputs("\n.I ", f);
        roff(f, *placeholder(i, ph, sizeof ph) == ' ' ? ph + 1 : ph);
        fputc('\n', f);
        const char *def = csvchart_option_default(i);
        char which[64] = "";
        size_t nk = 0;
        for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
            if (csvchart_option_applies(i, kinds[k].name)) {
                snprintf(which + strlen(which), sizeof which - strlen(which), "%s%s",
                         nk++ ? ", " : "", kinds[k].name);
            }
        }
        snprintf(help, sizeof help, "%s%s%s (%s)", csvchart_option_help(i),
                 *def ? "; default " : "", def,
                 nk == sizeof kinds / sizeof kinds[0] ? "every kind" : which);
        roff(f, help);
        fputc('\n', f);
    }
    fputs(".SS render\n", f);
    man_flags(f, render_flags, sizeof render_flags / sizeof render_flags[0]);
    fputs(".SH INI FORMAT\n", f);
    for (size_t i = 0; i < sizeof ini_format / sizeof ini_format[0]; i++) {
        man_para(f, ini_format[i]);
    }
    fputs(".PP\n.nf\n.RS\n[defaults]\nkind = bar\nsource = Versalence\n\n[api\\-pricing]\n"
          "data = api\\-pricing.csv          ; relative to the INI file\n"
          "outputs = api\\-pricing.png api\\-pricing@2x.png api\\-pricing.svg\n"
          "title = OpenAI o1 costs 857x more\n  than DeepSeek R1\n"
          "subtitle = \"Price per million tokens; US dollars\"\nlog = true\n.RE\n.fi\n",
          f);
    fputs(".SH EXAMPLES\n", f);
    for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++) {
        fputs(".PP\n", f);
        roff(f, examples[i].what);
        fputs(":\n.RS\n.nf\n", f);
        roff(f, examples[i].command);
        fputs("\n.fi\n.RE\n", f);
    }
    fputs(".SH EXIT STATUS\n", f);
    man_flags(f, exit_status, sizeof exit_status / sizeof exit_status[0]);
    fputs(".SH FILES\n", f);
    man_flags(f, files, sizeof files / sizeof files[0]);
    fputs(".SH DIAGNOSTICS\nErrors read\n.IR \"csvchart: FILE:LINE:COL: what is wrong\" ;\n"
          "warnings\n.IR \"csvchart: warning: ...\" .\n"
          "Outputs are written atomically: a failed run leaves no partial file and never "
          "replaces an existing one.\n"
          ".SH SEE ALSO\n.BR gnuplot (1),\n.BR make (1),\n"
          "and the README (FILES), which this page summarises.\n",
          f);
}
