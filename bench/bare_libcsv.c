/*
 * bare_libcsv: the floor for csvchart's CSV reader - libcsv alone, in the same strict mode
 * (CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL), over a file read in
 * 64 KiB pieces, summing the second column with strtod() and nothing else: no positions, no
 * UTF-8 check, no table, no typing. Used by bench/reader.sh.
 *   bare_libcsv FILE.csv        prints "rows N sum S"
 * Build: cc -O2 bare_libcsv.c -lcsv -o bare_libcsv
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>

struct ctx {
    size_t field, rows;
    double sum;
};

static void on_field(void *s, size_t len, void *p)
{
    struct ctx *c = p;
    (void)len;
    if (c->field == 1 && c->rows > 0 && s) {
        c->sum += strtod(s, NULL);
    }
    c->field++;
}

static void on_row(int ch, void *p)
{
    struct ctx *c = p;
    (void)ch;
    c->field = 0;
    c->rows++;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: bare_libcsv FILE.csv\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0) {
        return 1;
    }
    static char buf[1 << 16];
    struct ctx c = {0, 0, 0.0};
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        if (csv_parse(&p, buf, n, on_field, on_row, &c) != n) {
            fprintf(stderr, "%s: %s\n", argv[1], csv_strerror(csv_error(&p)));
            return 1;
        }
    }
    csv_fini(&p, on_field, on_row, &c);
    csv_free(&p);
    fclose(f);
    printf("rows %zu sum %.17g\n", c.rows > 0 ? c.rows - 1 : 0, c.sum);
    return 0;
}
