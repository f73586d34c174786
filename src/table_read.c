/*
 * table_read.c - the ways to read a table, each a reader (table_csv.c) feeding a builder
 * (table_build.c) through their interfaces alone: csvchart_table_build() (a file or a buffer
 * through any sink that ends in the builder, such as the aggregator's), csvchart_table_read()
 * and friends (through the builder alone, keeping every row or the first few), and the
 * streaming csvchart_table_reader (fed in pieces), which keeps the first error of either.
 */
#include <stdlib.h>

#include "error.h"
#include "table.h"

csvchart_status csvchart_table_build(struct table_builder *b, struct row_sink sink,
                                     const char *path, const char *name, const void *data,
                                     size_t len, csvchart_table **out, csvchart_error *err)
{
    *out = NULL;
    enum text_encoding enc = ENCODING_UTF8;
    csvchart_status st = csvchart_csv_read(path, name, data, len,
                                           csvchart_table_builder_csv_options(b), sink, &enc, err);
    return st ? st : csvchart_table_builder_finish(b, enc, out, err);
}

/* Reads through a builder of its own, keeping the first `keep` rows (0: all). */
static csvchart_status read_table(const char *path, const char *name, const void *data, size_t len,
                                  const struct table_options *opt, size_t keep,
                                  csvchart_table **out, csvchart_error *err)
{
    *out = NULL;
    struct table_builder *b = csvchart_table_builder_new(opt);
    if (!b) {
        return csvchart_error_nomem(err);
    }
    csvchart_table_builder_keep_first(b, keep);
    csvchart_status st =
        csvchart_table_build(b, csvchart_table_builder_sink(b), path, name, data, len, out, err);
    csvchart_table_builder_free(b);
    return st;
}

csvchart_status csvchart_table_read(const char *name, const char *data, size_t len,
                                    const struct table_options *opt, csvchart_table **out,
                                    csvchart_error *err)
{
    return read_table(NULL, name, data, len, opt, 0, out, err);
}

csvchart_status csvchart_table_read_file(const char *path, const struct table_options *opt,
                                         csvchart_table **out, csvchart_error *err)
{
    return read_table(path, NULL, NULL, 0, opt, 0, out, err);
}

csvchart_status csvchart_table_summarise_file(const char *path, const struct table_options *opt,
                                              size_t keep, csvchart_table **out,
                                              csvchart_error *err)
{
    return read_table(path, NULL, NULL, 0, opt, keep ? keep : 1, out, err);
}

/* ---- The streaming table reader ------------------------------------------------------------ */

struct csvchart_table_reader {
    csvchart_csv_reader *csv;
    struct table_builder *b;
    csvchart_error e; /* the first error, kept (the reader keeps its own; this adds the
                         builder's) */
};

/* Keeps the error `st` of a step (in *e) and reports it to the caller. */
static csvchart_status keep_error(struct csvchart_table_reader *r, csvchart_status st,
                                  const csvchart_error *e, csvchart_error *err)
{
    if (st != CSVCHART_OK && r->e.status == CSVCHART_OK) {
        r->e = *e;
    }
    if (r->e.status == CSVCHART_OK) {
        return CSVCHART_OK;
    }
    return csvchart_error_set(err, r->e.status, r->e.file[0] ? r->e.file : NULL, r->e.line,
                              r->e.column, "%s", r->e.message);
}

csvchart_status csvchart_table_reader_new(const char *name, const struct table_options *opt,
                                          csvchart_table_reader **out, csvchart_error *err)
{
    *out = NULL;
    struct csvchart_table_reader *r = calloc(1, sizeof *r);
    if (!r || !(r->b = csvchart_table_builder_new(opt))) {
        csvchart_table_reader_free(r);
        return csvchart_error_nomem(err);
    }
    csvchart_status st = csvchart_csv_reader_new(name, csvchart_table_builder_csv_options(r->b),
                                                 csvchart_table_builder_sink(r->b), &r->csv, err);
    if (st != CSVCHART_OK) {
        csvchart_table_reader_free(r);
        return st;
    }
    *out = r;
    return CSVCHART_OK;
}

void csvchart_table_reader_summarise(csvchart_table_reader *r, size_t keep)
{
    csvchart_table_builder_keep_first(r->b, keep);
}

csvchart_status csvchart_table_reader_feed(csvchart_table_reader *r, const void *data, size_t len,
                                           csvchart_error *err)
{
    csvchart_error e = {0};
    csvchart_status st =
        r->e.status ? r->e.status : csvchart_csv_reader_feed(r->csv, data, len, &e);
    return keep_error(r, st, &e, err);
}

csvchart_status csvchart_table_reader_finish(csvchart_table_reader *r, csvchart_table **out,
                                             csvchart_error *err)
{
    *out = NULL;
    csvchart_error e = {0};
    csvchart_status st = r->e.status ? r->e.status : csvchart_csv_reader_finish(r->csv, &e);
    if (st == CSVCHART_OK) {
        st = csvchart_table_builder_finish(r->b, csvchart_csv_reader_encoding(r->csv), out, &e);
    }
    return keep_error(r, st, &e, err);
}

void csvchart_table_reader_free(csvchart_table_reader *r)
{
    if (!r) {
        return;
    }
    csvchart_csv_reader_free(r->csv);
    csvchart_table_builder_free(r->b);
    free(r);
}
