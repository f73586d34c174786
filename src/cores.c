/*
 * cores.c - the process-wide count of busy figures against the budget of threads (cores.h).
 */
#include "cores.h"

#include <stdatomic.h>
#include <unistd.h>

static atomic_int busy;
static atomic_int budget; /* 0: the number of CPUs */

void csvchart_cores_set_budget(int n)
{
    atomic_store(&budget, n > 0 ? n : 0);
}

void csvchart_cores_busy(int delta)
{
    atomic_fetch_add(&busy, delta);
}

bool csvchart_cores_spare(void)
{
    int n = atomic_load(&budget);
    if (n == 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        n = cpus < 1 ? 1 : cpus > 1024 ? 1024 : (int)cpus;
    }
    return atomic_load(&busy) < n;
}
