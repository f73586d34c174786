/*
 * fuzz_render.c - libFuzzer target: a whole figure through the public API, rendered to PNG and SVG
 * in memory. The work is in fuzz_entry.c (csvchart_fuzz_render), shared with the regression test; a
 * broken contract aborts, so libFuzzer reports it like a crash. Run: scripts/fuzz.sh.
 */
#include <stdlib.h>

#include "fuzz_entry.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (csvchart_fuzz_render(data, size) != 0) {
        abort();
    }
    return 0;
}
