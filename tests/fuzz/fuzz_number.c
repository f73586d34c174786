/*
 * fuzz_number.c - libFuzzer target: numbers, dates and labels: csvchart_number_parse(),
 * csvchart_date_parse(), csvchart_format_value() and csvchart_format_tick().
 * The work is in fuzz_entry.c (csvchart_fuzz_number), shared with the regression test; a broken
 * contract aborts, so libFuzzer reports it like a crash. Run: scripts/fuzz.sh.
 */
#include <stdlib.h>

#include "fuzz_entry.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (csvchart_fuzz_number(data, size) != 0) {
        abort();
    }
    return 0;
}
