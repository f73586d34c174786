/*
 * temps.c - removing our temporary files when SIGINT, SIGTERM or SIGHUP ends the command.
 *
 * Every output is written through a temporary file beside it (csvchart_write_file_tracked,
 * figure.c) that is renamed over the output when complete. A signal whose default action
 * ends the process would leave that file behind; so the command tells the library to report
 * each temporary name to the tracker below, and a handler removes the files still listed,
 * then ends the process with the same signal (so the parent sees "killed by SIGTERM" as
 * before, and a shell its 128 + N status).
 *
 * A signal handler may only use async-signal-safe calls (no malloc, no locks), and may run on
 * any thread while another thread is in the middle of add or remove. So the list is a fixed
 * array of slots, each with an atomic state, and every change of state is a compare-and-swap:
 *
 *     FREE --add--> FILLING --(path copied)--> ACTIVE --remove--> FREE
 *                                                |
 *                                                +--handler--> CLAIMED (unlinked; stays so)
 *
 * The handler only reads a path in a slot it moved from ACTIVE to CLAIMED, so the path cannot
 * change under it; remove() of a CLAIMED slot does nothing (the process is ending). add() is
 * called before the file is created and remove() after it is gone, so a listed name that does
 * not exist (yet, or any more) only makes unlink() fail harmlessly.
 *
 * Other threads go on writing while the handler runs (render --jobs). So the handler first
 * sets `ending`, after which add() never returns (the thread waits for the end instead of
 * creating a file nobody would remove); then it unlinks; then, when some slot was busy, it
 * waits 30 ms and unlinks again, catching a file that a thread had listed but not yet created
 * at the first pass, and a slot that was being filled then. What is left: a thread stalled
 * more than 30 ms between add() and open(), or a path that does not fit a slot - the same
 * leftover as after SIGKILL.
 *
 * This is process-wide state, which the library avoids (STYLE.md 1); signals are
 * process-wide, and this lives in the command, not in the library.
 */
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "the signal handler needs lock-free atomics");

enum { FREE, FILLING, ACTIVE, CLAIMED };

/* One slot per file being written at once: at most one per thread (--jobs is at most 256). */
#define SLOTS 260
#define PATH_BYTES 4096

static struct slot {
    atomic_int state;
    char path[PATH_BYTES];
} slots[SLOTS];

static atomic_int ending; /* set by the handler: no new temporary file */

static int add(void *ctx, const char *tmp)
{
    (void)ctx;
    size_t n = strlen(tmp);
    if (n >= PATH_BYTES) {
        return -1; // open() would refuse it anyway (PATH_MAX)
    }
    while (atomic_load(&ending)) {
        pause(); // the process is ending by a signal: create nothing
    }
    for (int i = 0; i < SLOTS; i++) {
        int expected = FREE;
        if (atomic_compare_exchange_strong(&slots[i].state, &expected, FILLING)) {
            memcpy(slots[i].path, tmp, n + 1);
            atomic_store(&slots[i].state, ACTIVE);
            return i;
        }
    }
    return -1;
}

static void remove_slot(void *ctx, int handle)
{
    (void)ctx;
    if (handle >= 0 && handle < SLOTS) {
        int expected = ACTIVE;
        atomic_compare_exchange_strong(&slots[handle].state, &expected, FREE);
    }
}

const csvchart_temp_tracker csvchart_cli_temps = {.add = add, .remove = remove_slot};

/* Claims the ACTIVE slots and unlinks every CLAIMED one; true when some slot was not FREE. */
static bool unlink_pass(void)
{
    bool busy = false;
    for (int i = 0; i < SLOTS; i++) {
        int expected = ACTIVE;
        atomic_compare_exchange_strong(&slots[i].state, &expected, CLAIMED);
        int state = atomic_load(&slots[i].state);
        if (state == CLAIMED) {
            unlink(slots[i].path);
        }
        busy |= state != FREE;
    }
    return busy;
}

static void on_signal(int sig)
{
    atomic_store(&ending, 1);
    if (unlink_pass()) {
        struct timespec wait = {0, 30 * 1000 * 1000};
        nanosleep(&wait, NULL);
        unlink_pass();
    }
    /* The default action, once this handler returns and unblocks `sig`. */
    struct sigaction dfl = {.sa_handler = SIG_DFL};
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    raise(sig);
}

void csvchart_cli_temps_install(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    struct sigaction sa = {.sa_handler = on_signal};
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        sigaddset(&sa.sa_mask, sigs[i]); // one handler at a time per thread
    }
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction old;
        /* A signal ignored when we started (nohup, a background job's SIGINT) stays so. */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN) {
            sigaction(sigs[i], &sa, NULL);
        }
    }
}
