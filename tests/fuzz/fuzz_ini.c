/*
 * fuzz_ini.c - libFuzzer target: the INI reader of `csvchart render` (src/cli/ini.c, our own
 * reader). The work is in fuzz_entry.c (csvchart_fuzz_ini), shared with the regression test; a
 * broken contract aborts, so libFuzzer reports it like a crash. Run: scripts/fuzz.sh.
 */
#include <stdlib.h>

#include "fuzz_entry.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (csvchart_fuzz_ini(data, size) != 0) {
        abort();
    }
    return 0;
}
