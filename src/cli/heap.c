/*
 * heap.c - the command's heap starts on one transparent huge page.
 *
 * A figure's run allocates little (an SVG about 600 KB in all, a PNG's band a few hundred KB
 * more), but every 4 KB page of heap it touches first costs a page fault. Where faults are
 * dear - a virtual machine whose host shadows the guest's page tables pays 15-35 us for each
 * (bench/README.md, the tenth and twelfth passes) - those faults are a large part of a
 * figure's time: 70-80 for an SVG, 400 for a PNG. One 2 MB huge page costs one fault and the
 * zeroing of 2 MB (about 0.1 ms).
 *
 * glibc's malloc hands out the main heap from its "top" chunk, low addresses first, and
 * Linux gives a huge page to a 2 MB-aligned stretch of an anonymous mapping marked
 * MADV_HUGEPAGE whose page table is still empty when it is first touched. So before the
 * command allocates anything of its own, csvchart_cli_heap_prepare():
 *
 *   1. grows the heap by enough at once (M_TOP_PAD) for what follows to need no more sbrk;
 *   2. finds where the top chunk starts: a block larger than any free one (the probe) comes
 *      from the top, and freeing it merges it back;
 *   3. takes the top up to a 2 MB boundary in one block (the fill), never touched beyond its
 *      header, and kept for the life of the process: address space, not memory;
 *   4. marks the next 2 MB MADV_HUGEPAGE. The next allocations come from there.
 *
 * Blocks up to 1 MB come from the heap from then on (M_MMAP_THRESHOLD, so a PNG's band lands
 * on the huge page too), and the heap is not trimmed below it (M_TRIM_THRESHOLD). Other
 * threads keep their own arenas (a batch's workers must not share one lock).
 *
 * Nothing here changes what the command computes or writes: an allocation's address is never
 * part of an output. When any step finds something else than it expects (the probe not at the
 * top, the kernel without transparent huge pages, another allocator under a sanitizer), the
 * heap is left as it is. CSVCHART_HUGE_HEAP=0 turns it off, to measure what it saves. Only the
 * command does this: the library never sets a process-wide policy.
 */
#define _DEFAULT_SOURCE
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) ||                        \
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

#if defined(M_TOP_PAD) && defined(M_MMAP_THRESHOLD) && defined(MADV_HUGEPAGE)

enum {
    HUGE_PAGE = 2 << 20,
    PROBE = 256 << 10,        /* more than any free block before main() */
    /* What glibc's own sliding threshold reaches after the first large block is freed: a
     * batch draws each figure in the same blocks instead of mapping them afresh. */
    HEAP_MMAP_LIMIT = 32 << 20,
    HEAP_TRIM_LIMIT = 64 << 20,
    DEFAULT_TOP_PAD = 128 << 10, /* glibc's */
};

void csvchart_cli_heap_prepare(void)
{
    const char *env = getenv("CSVCHART_HUGE_HEAP");
    if (env && strcmp(env, "0") == 0) {
        return;
    }
    /* One sbrk for the probe, up to 2 MB of fill and the huge page. */
    mallopt(M_TOP_PAD, PROBE + 2 * HUGE_PAGE);
    mallopt(M_MMAP_THRESHOLD, HEAP_MMAP_LIMIT); /* the fill comes from the heap */
    mallopt(M_TRIM_THRESHOLD, HEAP_TRIM_LIMIT);
    char *probe = malloc(PROBE);
    if (!probe) {
        mallopt(M_TOP_PAD, DEFAULT_TOP_PAD);
        return;
    }
    uintptr_t top = (uintptr_t)probe;
    free(probe);
    /* The probe wrote the top's header at its end: the huge page starts past it, so that its
     * page table is still empty. */
    uintptr_t page = (top + PROBE + 4096 + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
    /* The fill's block and the top's header after it end 64 bytes short of the page. */
    void *fill = malloc(page - top - 64);
    mallopt(M_TOP_PAD, DEFAULT_TOP_PAD);
    if ((uintptr_t)fill != top) {
        free(fill); /* not the top chunk after all: leave the heap as it is */
        return;
    }
    madvise((void *)page, HUGE_PAGE, MADV_HUGEPAGE);
    /* `fill` is never freed: it keeps the huge page where the next blocks come from. */
}

#else

void csvchart_cli_heap_prepare(void)
{
}

#endif
