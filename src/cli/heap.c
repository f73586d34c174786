/*
 * heap.c - each thread of the command that draws figures allocates from one transparent huge
 * page.
 *
 * A figure's run allocates little (an SVG about 600 KB in all, a PNG's band a few hundred KB
 * more), but every 4 KB page of heap it touches first costs a page fault. Where faults are
 * dear - a virtual machine whose host shadows the guest's page tables pays 15-35 us for each
 * (bench/README.md, the tenth and twelfth passes) - those faults are a large part of a
 * figure's time: 70-80 for an SVG, 400 for a PNG. One 2 MB huge page costs one fault and the
 * zeroing of 2 MB (about 0.1 ms).
 *
 * glibc's malloc hands out each arena's memory from its "top" chunk, low addresses first (the
 * main thread's arena is the sbrk heap; another thread's, a 64 MB mapping of its own), and
 * Linux gives a huge page to a 2 MB-aligned stretch of anonymous memory marked MADV_HUGEPAGE
 * whose page table is still empty when it is first touched, if the whole stretch is writable
 * by then. So csvchart_cli_heap_prepare(), first thing in main(), and
 * csvchart_cli_heap_prepare_thread(), first thing in a batch worker's thread:
 *
 *   1. find where the arena's top chunk starts: a block larger than any free one (the probe)
 *      comes from the top, and freeing it merges it back;
 *   2. take the top up to the first 2 MB boundary past the probe's end in one block (the
 *      fill), never touched beyond its header and kept for the life of the arena: address
 *      space, not memory;
 *   3. make the next 2 MB writable without touching them: a block over them (the span),
 *      allocated and freed again, grows the heap past them; only its header, just before the
 *      boundary, and the top's header after them are written;
 *   4. mark those 2 MB MADV_HUGEPAGE. The arena's next blocks come from there.
 *
 * The process's settings, made once by csvchart_cli_heap_prepare(): blocks up to 32 MB come
 * from the heap (M_MMAP_THRESHOLD; so a PNG's band lands on the huge page too, and a batch
 * reuses the same blocks figure after figure instead of mapping them afresh), and a heap is
 * trimmed only above 64 MB - the values glibc's own sliding threshold reaches after its first
 * large free. Threads keep their own arenas: a batch's workers must not share one lock.
 *
 * Nothing here changes what the command computes or writes: an allocation's address is never
 * part of an output. When a step finds something else than it expects (the probe or the span
 * not where the top was, the kernel without transparent huge pages, another allocator under a
 * sanitizer), the arena is left as it is. CSVCHART_HUGE_HEAP=0 turns it all off, to measure
 * what it saves. Only the command does this: the library never sets a process-wide policy.
 */
#define _DEFAULT_SOURCE
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) ||                         \
    __has_feature(memory_sanitizer)
#define HEAP_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define HEAP_SANITIZED 1
#endif

#if defined(__GLIBC__) && defined(__linux__) && !defined(HEAP_SANITIZED)
#include <malloc.h>
#include <sys/mman.h>
#endif

#if defined(M_MMAP_THRESHOLD) && defined(M_TRIM_THRESHOLD) && defined(MADV_HUGEPAGE)

enum {
    HUGE_PAGE = 2 << 20,
    PAGE = 4096,
    PROBE = 256 << 10, /* more than any free block of an arena not yet drawing */
    HEAP_MMAP_LIMIT = 32 << 20,
    HEAP_TRIM_LIMIT = 64 << 20,
};

static bool heap_off(void)
{
    const char *env = getenv("CSVCHART_HUGE_HEAP");
    return env && strcmp(env, "0") == 0;
}

void csvchart_cli_heap_prepare_thread(void)
{
    if (heap_off()) {
        return;
    }
    char *probe = malloc(PROBE);
    if (!probe) {
        return;
    }
    uintptr_t top = (uintptr_t)probe;
    free(probe);
    /* The probe wrote the top's header at its end: the huge page starts past it, so that its
     * page table is still empty. */
    uintptr_t page = (top + PROBE + PAGE + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
    /* A block of N bytes at P takes P - 16 to P - 8 + N rounded up to 16: the fill ends 64
     * bytes short of the page, where the span's block starts. */
    void *fill = malloc(page - top - 64);
    if ((uintptr_t)fill != top) {
        free(fill); /* not the top chunk after all: leave the arena as it is */
        return;
    }
    void *span = malloc(HUGE_PAGE + PAGE);
    bool placed = (uintptr_t)span == page - 48;
    free(span);
    if (placed) {
        madvise((void *)page, HUGE_PAGE, MADV_HUGEPAGE);
    }
    /* `fill` is never freed: it keeps the huge page where the next blocks come from. */
}

void csvchart_cli_heap_prepare(void)
{
    if (heap_off()) {
        return;
    }
    mallopt(M_MMAP_THRESHOLD, HEAP_MMAP_LIMIT);
    mallopt(M_TRIM_THRESHOLD, HEAP_TRIM_LIMIT);
    csvchart_cli_heap_prepare_thread();
}

#else

void csvchart_cli_heap_prepare(void) {}

void csvchart_cli_heap_prepare_thread(void) {}

#endif
