/*
 * args.c - argv to struct cli_args. Option names come from the one option table
 * (csvchart_option_find), so a new option needs no code here.
 *
 *   csvchart KIND DATA -o OUT [-o OUT ...] [--name value | --name=value | --flag | --no-flag]
 *   csvchart inspect DATA [--delimiter D]
 *   csvchart --help | --version | KIND --help
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "csvchart.h"
#include "options.h"

static bool is_bool_type(size_t id)
{
    const char *type = csvchart_option_type(id);
    /* bool, bool|auto, bool|A,B, and a bool or choice: true|false|percent ... */
    return strncmp(type, "bool", 4) == 0 || strncmp(type, "true|false|", 11) == 0;
}

/* Whether `word` is a value a bool-like option takes: a bool word or one of its choices
 * ("true|false|auto|inside|outside|none"). */
static bool takes_word(size_t id, const char *word)
{
    static const char *const bools[] = {"true", "false", "yes", "no", "on", "off", "1", "0"};
    for (size_t i = 0; i < sizeof bools / sizeof bools[0]; i++) {
        if (strcmp(word, bools[i]) == 0) {
            return true;
        }
    }
    const char *type = csvchart_option_type(id);
    size_t n = strlen(word);
    for (const char *p = strchr(type, '|'); p && n; p = strchr(p + 1, '|')) {
        const char *end = strchr(p + 1, '|');
        size_t len = end ? (size_t)(end - p - 1) : strlen(p + 1);
        if (len == n && strncmp(p + 1, word, n) == 0 && strcmp(word, "A,B") != 0) {
            return true;
        }
    }
    return false;
}

/* Whether a word after a bare flag that also takes a pair of categories (--ratio A,B) is that
 * pair: it has a comma, and the data file came before (so it cannot be the data file). */
static bool takes_pair(size_t id, const char *word, bool have_data)
{
    return have_data && strstr(csvchart_option_type(id), "|A,B") && strchr(word, ',') &&
           word[0] != '-';
}

/* Copies a flag name to buf in table spelling ('-' -> '_'). */
static void canonical(const char *s, size_t n, char *buf, size_t size)
{
    size_t i = 0;
    for (; i < n && i + 1 < size; i++) {
        buf[i] = s[i] == '-' ? '_' : s[i];
    }
    buf[i] = '\0';
}

#define USAGE(...)                                                                                 \
    do {                                                                                           \
        snprintf(msg, msgsize, __VA_ARGS__);                                                       \
        return CLI_PARSE_USAGE;                                                                    \
    } while (0)

/* A whole number in [lo, hi]; false otherwise. */
static bool parse_int(const char *s, int lo, int hi, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end || v < lo || v > hi) {
        return false;
    }
    *out = (int)v;
    return true;
}

/* csvchart render FIGURES.ini [--out-dir DIR] [--jobs N] [--only A,B] [--depfile F]
 *                             [--shard I/N] [--list] [--make-rules] [--watch] [--html F] */
static enum cli_parse parse_render(int argc, char **argv, struct cli_args *out, char *msg,
                                   size_t msgsize)
{
    struct render_args *r = &out->render;
    r->out_dir = "out";
    r->self = argv[0];
    bool operands = false; /* after "--": an INI named "-f.ini" (review), as `bar -- -d.csv` */
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (!operands && strcmp(a, "--") == 0) {
            operands = true;
            continue;
        }
        if (!operands && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) {
            out->command = CMD_HELP;
            return CLI_PARSE_OK;
        }
        if (operands || a[0] != '-') {
            if (r->ini) {
                USAGE("more than one INI file (\"%s\" and \"%s\")", r->ini, a);
            }
            r->ini = a;
            continue;
        }
        if (strcmp(a, "--list") == 0) {
            r->list = true;
            continue;
        }
        if (strcmp(a, "--make-rules") == 0) {
            r->make_rules = true;
            continue;
        }
        if (strcmp(a, "--watch") == 0) {
            r->watch = true;
            continue;
        }
        if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            r->quiet = true;
            continue;
        }
        const char *eq = strchr(a, '=');
        size_t n = eq ? (size_t)(eq - a) : strlen(a);
        static const char *const names[] = {"--out-dir", "--jobs",  "--only",
                                            "--depfile", "--shard", "--html"};
        size_t which = 6;
        for (size_t k = 0; k < 6; k++) {
            if (strlen(names[k]) == n && strncmp(a, names[k], n) == 0) {
                which = k;
            }
        }
        if (which == 6) {
            if (strcmp(a, "-j") == 0) {
                which = 1;
            } else {
                USAGE("unknown option %.*s for render; expected --out-dir, --jobs, --only, "
                      "--shard, --depfile, --list, --make-rules, --watch, --html or --quiet",
                      (int)n, a);
            }
        }
        const char *v = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
        if (!v) {
            USAGE("%s needs a value", names[which]);
        }
        switch (which) {
        case 0:
            r->out_dir = v;
            break;
        case 1:
            if (!parse_int(v, 1, 256, &r->jobs)) {
                USAGE("--jobs takes a number from 1 to 256, not \"%s\"", v);
            }
            break;
        case 2:
            r->only = v;
            break;
        case 3:
            r->depfile = v;
            break;
        case 5:
            r->html = v;
            break;
        case 4: {
            const char *slash = strchr(v, '/');
            char first[16];
            snprintf(first, sizeof first, "%.*s", slash ? (int)(slash - v) : 0, v);
            if (!slash || !parse_int(slash + 1, 1, 100000, &r->shard_count) ||
                !parse_int(first, 1, r->shard_count, &r->shard_index)) {
                USAGE("--shard takes I/N with 1 <= I <= N (e.g. 2/4), not \"%s\"", v);
            }
            break;
        }
        }
    }
    if (!r->ini) {
        USAGE("no INI file; expected csvchart render FIGURES.ini");
    }
    if ((r->list || r->make_rules) && (r->watch || r->html)) {
        USAGE("%s renders nothing: it cannot go with %s", r->list ? "--list" : "--make-rules",
              r->watch ? "--watch" : "--html");
    }
    return CLI_PARSE_OK;
}

enum cli_parse csvchart_cli_parse(int argc, char **argv, struct cli_args *out, char *msg,
                                  size_t msgsize)
{
    memset(out, 0, sizeof *out);
    msg[0] = '\0';
    if (argc < 2) {
        USAGE("no command; expected bar, timeline, trend, render or inspect");
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        out->command = CMD_HELP;
        out->kind = argc > 2 && strcmp(cmd, "help") == 0 ? argv[2] : NULL;
        return CLI_PARSE_OK;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        out->command = CMD_VERSION;
        return CLI_PARSE_OK;
    }
    if (strcmp(cmd, "render") == 0) {
        out->command = CMD_RENDER;
        out->kind = "render";
        return parse_render(argc, argv, out, msg, msgsize);
    }
    if (strcmp(cmd, "inspect") == 0) {
        out->command = CMD_INSPECT;
        out->kind = "inspect";
    } else if (strcmp(cmd, "bar") == 0 || strcmp(cmd, "timeline") == 0 ||
               strcmp(cmd, "trend") == 0) {
        out->command = CMD_FIGURE;
        out->kind = cmd;
    } else if (cmd[0] == '-') {
        USAGE("unknown option %s before the command; expected bar, timeline, trend, render or "
              "inspect first",
              cmd);
    } else {
        USAGE("unknown command \"%s\"; expected bar, timeline, trend, render or inspect", cmd);
    }

    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            out->command = CMD_HELP;
            return CLI_PARSE_OK;
        }
        if (a[0] != '-' || strcmp(a, "-") == 0) {
            if (out->data) {
                USAGE("more than one data file (\"%s\" and \"%s\")", out->data, a);
            }
            if (strchr(a, ',') && i > 2 && strncmp(argv[i - 1], "--", 2) == 0 &&
                !strchr(argv[i - 1], '=')) {
                /* "--ratio A,B data.csv": the pair is read once the data file is known */
                size_t id = csvchart_option_find(argv[i - 1] + 2);
                if (id != (size_t)-1 && strstr(csvchart_option_type(id), "|A,B")) {
                    USAGE("is \"%s\" the data file, or the pair for %s? Write %s=%s, or give the "
                          "data file first",
                          a, argv[i - 1], argv[i - 1], a);
                }
            }
            out->data = a;
            continue;
        }
        if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            out->quiet = true; /* a flag of the command, not an option of the figure */
            continue;
        }
        if (strcmp(a, "--") == 0) {
            if (i + 1 < argc && !out->data) {
                out->data = argv[++i];
            }
            continue;
        }
        /* -o OUT, -oOUT, --output OUT, --output=OUT */
        const char *value = NULL;
        if (strncmp(a, "-o", 2) == 0 && a[1] == 'o') {
            value = a[2] ? a + 2 : NULL;
        } else if (strcmp(a, "--output") == 0 || strncmp(a, "--output=", 9) == 0) {
            value = a[8] == '=' ? a + 9 : NULL;
        } else if (a[1] != '-') {
            USAGE("unknown option %s", a);
        }
        if (a[1] == 'o' || strncmp(a, "--output", 8) == 0) {
            if (out->command == CMD_INSPECT) {
                USAGE("inspect prints to standard output and takes no -o");
            }
            if (!value) {
                if (i + 1 >= argc) {
                    USAGE("%s needs a file name", a);
                }
                value = argv[++i];
            }
            if (out->noutputs == CLI_MAX_OUTPUTS) {
                USAGE("too many outputs (at most %d)", CLI_MAX_OUTPUTS);
            }
            out->outputs[out->noutputs++] = value;
            continue;
        }

        /* --name, --name=value, --no-name */
        const char *name = a + 2;
        const char *eq = strchr(name, '=');
        char canon[64];
        canonical(name, eq ? (size_t)(eq - name) : strlen(name), canon, sizeof canon);
        if (strcmp(canon, "alt_text") == 0) { /* --alt-text FILE: an output of the alt text */
            const char *file = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
            if (!file || !*file) {
                USAGE("--alt-text needs a file name");
            }
            if (out->command != CMD_FIGURE) {
                USAGE("--alt-text goes with a figure (render: list NAME.txt among the outputs)");
            }
            if (out->noutputs == CLI_MAX_OUTPUTS) {
                USAGE("too many outputs (at most %d)", CLI_MAX_OUTPUTS);
            }
            out->alt_text[out->noutputs] = true;
            out->outputs[out->noutputs++] = file;
            continue;
        }
        if (strcmp(canon, "format") == 0) {
            out->format = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
            if (!out->format) {
                USAGE("--format needs a value: png, svg, pdf, scene or txt");
            }
            continue;
        }
        size_t id = csvchart_option_find(canon);
        bool negated = false;
        if (id == (size_t)-1 && strncmp(canon, "no_", 3) == 0 && !eq) {
            id = csvchart_option_find(canon + 3);
            negated = id != (size_t)-1 && is_bool_type(id);
            if (!negated) {
                id = (size_t)-1;
            }
        }
        bool applies = id != (size_t)-1 &&
                       (out->command == CMD_INSPECT ? strcmp(canon, "delimiter") == 0
                                                    : csvchart_option_applies(id, out->kind));
        if (!applies) {
            const char *hint = csvchart_option_suggest(canon);
            char spelled[80] = "";
            if (hint) {
                snprintf(spelled, sizeof spelled, "%s", hint);
                for (char *p = spelled; *p; p++) {
                    *p = *p == '_' ? '-' : *p;
                }
            }
            if (id != (size_t)-1) {
                USAGE("option --%s does not apply to %s; it is for %s", name,
                      csvchart_kinds_text(csvchart_kind_lookup(out->kind)),
                      csvchart_kinds_text(csvchart_option_def(id)->kinds));
            }
            if (hint && (out->command == CMD_INSPECT ||
                         csvchart_option_applies(csvchart_option_find(hint), out->kind))) {
                USAGE("unknown option --%.*s; did you mean --%s?",
                      eq ? (int)(eq - name) : (int)strlen(name), name, spelled);
            }
            if (hint && out->command != CMD_INSPECT) { // the spelling of another kind's option
                USAGE(
                    "unknown option --%.*s (--%s is for %s)",
                    eq ? (int)(eq - name) : (int)strlen(name), name, spelled,
                    csvchart_kinds_text(csvchart_option_def(csvchart_option_lookup(hint))->kinds));
            }
            USAGE("unknown option --%.*s", eq ? (int)(eq - name) : (int)strlen(name), name);
        }
        if (negated) {
            value = "false";
        } else if (eq) {
            value = eq + 1;
        } else if (is_bool_type(id)) {
            /* A bare flag is true; a word the option takes may follow it (--labels inside,
             * --stack percent, --horizontal auto, --log false, --ratio "A,B" after the data
             * file). */
            value = "true";
            if (i + 1 < argc &&
                (takes_word(id, argv[i + 1]) || takes_pair(id, argv[i + 1], out->data != NULL))) {
                value = argv[++i];
            }
        } else {
            if (i + 1 >= argc) {
                USAGE("--%s needs a value", name);
            }
            value = argv[++i];
        }
        if (out->command == CMD_INSPECT) {
            out->delimiter = value;
            continue;
        }
        if (out->noptions == CLI_MAX_OPTIONS) {
            USAGE("too many options");
        }
        out->options[out->noptions++] = (struct cli_option){csvchart_option_name(id), value, a};
    }
    if (!out->data) {
        USAGE("no data file; give a CSV file, or - for standard input");
    }
    if (out->command == CMD_FIGURE && out->noutputs == 0) {
        USAGE("no output; add -o FILE.png (or .svg, .pdf, .scene)");
    }
    return CLI_PARSE_OK;
}
