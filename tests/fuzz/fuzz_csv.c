/*
 * fuzz_csv.c - libFuzzer target: the CSV reader: csvchart_table_read() whole and
 * csvchart_table_reader_*() in pieces. The work is in fuzz_entry.c (csvchart_fuzz_csv), shared with
 * the regression test; a broken contract aborts, so libFuzzer reports it like a crash. Run:
 * scripts/fuzz.sh.
 */
#include <stdlib.h>

#include "fuzz_entry.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (csvchart_fuzz_csv(data, size) != 0) {
        abort();
    }
    return 0;
}
