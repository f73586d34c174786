/*
 * render_png_deflate.c - FAST compression for the PNG backend (render_png_deflate.h): zlib
 * level 1 at memLevel 5, deflated as the bands of the image are drawn: RGB(A) rows filtered
 * with UP, with the default strategy, palette rows unfiltered, with the run-length strategy;
 * every stream starts afresh each 60 KB of input (Segments, below). The zlib streams go out as one
 * IDAT chunk each through png_write_chunk() (render_png.c); libpng still writes the signature,
 * IHDR, PLTE, tRNS, pHYs, the text chunks, every CRC and IEND.
 *
 * FAST's filter for RGB(A) rows is UP (render_png.c writes it), measured on a 1200x675 bar
 * chart (12 bars, grid lines, 20 labels, CJK title), zlib level 1, encode time only (opacity
 * scan + row conversion + libpng):
 *   NONE 54.1 KB 5.2 ms | SUB 54.3 KB 6.2 ms | UP 45.7 KB 6.6 ms | AVG 59.0 KB 6.9 ms |
 *   PAETH 46.2 KB 10.1 ms   (SMALL, adaptive at level 9: 35.6 KB, 63 ms)
 * and the same ordering with 40 bars and at scale 2 (2400x1350: UP 122 KB 25 ms, SUB 154 KB
 * 24 ms, PAETH 124 KB 36 ms). Vertical bars, gridlines and the background repeat from row to
 * row, which is what UP exploits; it is the smallest single filter at SUB's speed.
 *
 * Palette images (issue 15), valuations.csv at 1200x675, 240 colours, deflate time of the
 * filtered rows alone, best of 15 on a busy 2-core machine:
 *   RGB, UP, zlib 1 RLE 50.2 KB 7.1 ms | palette, NONE, zlib 1 RLE 20.2 KB 1.5 ms
 *   palette, UP, zlib 1 RLE 20.5 KB 1.5 ms | palette, NONE, libdeflate 1 16.6 KB 2.6 ms
 *   palette, NONE, libdeflate 6 14.7 KB 3.1 ms | palette, NONE, libdeflate 9 14.2 KB 19 ms
 * and at 2400x1350 palette/NONE zlib 1 RLE 46.6 KB 9.5 ms against RGB/UP 107 KB 22 ms. The
 * palette is what pays: a third of the bytes. libdeflate (Debian libdeflate-dev) at level 1
 * takes 11.3 M instructions where zlib takes 19.5 M (callgrind) and makes the file 16% smaller,
 * but a whole `csvchart bar` run with it was no faster (20 paired runs: CPU time 1.03x, wall
 * 1.04x of zlib's: its compressor is a fresh allocation each time, and it cannot deflate the
 * rows as they come, having no streaming interface): its compressor is not used, only its
 * Adler-32 (below, Segments).
 * (Since the rows are deflated as they are drawn, in one stream, their bytes differ from those
 * of the two halves measured here; the pixels do not.)
 * Palette rows are unfiltered, as the PNG specification advises (UP is no smaller and costs
 * a pass).
 *
 * zlib's parameters (issue 15, second pass), the IDAT data of the samples deflated alone,
 * callgrind instructions and bytes - valuations (palette, 1200x675), api-pricing-log@2x
 * (palette, 2400x1350), timeline (RGB, 1200x675):
 *   RLE, memLevel 8    16.7 M 20.2 KB | 65.0 M 46.6 KB | 56.0 M 117 KB
 *   RLE, memLevel 5    13.2 M 19.2 KB | 48.0 M 44.7 KB | 46.5 M 109 KB
 *   default, memLevel 5 12.9 M 19.8 KB | 47.9 M 55.3 KB | 40.8 M 70.4 KB
 * (levels 2 and 3, memLevel 9 and the other strategies were no better). memLevel sets the hash
 * table, which zlib slides every 32 KB of input even when the run-length strategy never reads
 * it, and the number of symbols a block holds: 5 was the least work of 2..9. Palette rows keep
 * the run-length strategy (a fifth smaller at 2x); RGB rows take the default one, whose
 * matches at other distances than the pixel above make them 40% smaller.
 */
#include <libdeflate.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "cores.h"
#include "render_png_deflate.h"
#include "render_png_pixels.h"

#define MEM_LEVEL 5 /* zlib's: see above */

/*
 * Segments (issue 15, thirteenth pass). zlib slides its 32 KB window each time that much input
 * has gone through it and rewrites both its hash tables then (slide_hash(): more than a table
 * entry for every byte of input, whether the strategy reads the tables or not); with the
 * Adler-32, that was a quarter of the CPU time of a batch of bar charts. Every stream here
 * starts afresh (deflateReset()) after each SEGMENT bytes of its input, before the first
 * slide would come: the segment ends with a sync flush (its last block, then an empty stored
 * block: byte-aligned, not final), so the segments' raw deflate data follow each other as one
 * valid stream, as pigz's blocks do. Matches never reach back past a segment's start, which
 * costs 1-5% in bytes. Deflate time, the IDAT data of four images alone (one stream, then
 * segments of 60 KB; best of 10-50 runs):
 *   palette, 1200x675 (valuations)      1.23 ms 19.2 KB -> 0.92 ms 19.5 KB
 *   palette, 3840x2160 (a slide at 2x)  9.36 ms 48.3 KB -> 4.26 ms 50.7 KB
 *   RGB, 1200x675 (timeline)            3.68 ms 66.1 KB -> 2.65 ms 66.7 KB
 *   RGB, 2400x1350 (timeline at 2x)    12.8 ms 165 KB -> 7.37 ms 169 KB
 * The boundaries are fixed offsets of the input, so the bytes still depend only on the rows.
 * The checksums are libdeflate's Adler-32 (its vector code: 0.012 ms over the 810 KB of the
 * 1200x675 palette image, zlib's adler32() 0.23 ms).
 */
#define SEGMENT ((size_t)60 << 10)

/* The growing output of a deflate stream. */
struct zout {
    unsigned char *bytes;
    size_t len, cap;
};

/* Deflates n bytes at `in` with `flush` into o; false when out of memory or zlib fails. */
static bool deflate_into(z_stream *z, const unsigned char *in, size_t n, int flush, struct zout *o)
{
    z->next_in = (unsigned char *)in;
    z->avail_in = (uInt)n;
    int rc;
    do {
        if (o->len + 65536 > o->cap) {
            size_t cap = o->cap ? o->cap * 2 : 1 << 17;
            unsigned char *p = realloc(o->bytes, cap);
            if (!p) {
                return false;
            }
            o->bytes = p;
            o->cap = cap;
        }
        z->next_out = o->bytes + o->len;
        z->avail_out = (uInt)(o->cap - o->len);
        rc = deflate(z, flush);
        o->len = o->cap - z->avail_out;
        if (rc == Z_STREAM_ERROR) {
            return false;
        }
    } while (z->avail_in > 0 || z->avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
    return true;
}

/* A raw deflate stream that starts afresh every SEGMENT bytes of input (above). */
struct zseg {
    z_stream z;
    size_t fed; /* input bytes in the current segment */
};

static bool zseg_init(struct zseg *s, int strategy)
{
    memset(s, 0, sizeof *s);
    return deflateInit2(&s->z, 1, Z_DEFLATED, -15, MEM_LEVEL, strategy) == Z_OK;
}

/* Deflates n bytes at `in` into o, the last of them with `flush`; false as deflate_into(). */
static bool zseg_deflate(struct zseg *s, const unsigned char *in, size_t n, int flush,
                         struct zout *o)
{
    for (;;) {
        size_t room = SEGMENT - s->fed;
        if (n <= room) {
            s->fed += n;
            return deflate_into(&s->z, in, n, flush, o);
        }
        if (!deflate_into(&s->z, in, room, Z_SYNC_FLUSH, o) || deflateReset(&s->z) != Z_OK) {
            return false;
        }
        in += room;
        n -= room;
        s->fed = 0;
    }
}

/*
 * Rows deflated as they are drawn: one zlib stream, fed a band of rows at a time (Z_NO_FLUSH,
 * the last band Z_FINISH). Two slots take turns: the maker fills one while the other is
 * deflated - by a thread of the stream's own when a core is spare, else by the maker itself
 * when it hands the slot over. The zlib calls are the same either way, so the bytes are too.
 * slot_state: 0 free, 1 full, 2 full and last.
 */
struct png_stream {
    size_t row_bytes, slot_bytes;
    unsigned char *slot[2];
    size_t len[2];
    int slot_state[2];
    int put, take; /* the slot the maker fills next, the one the deflater takes next */
    bool sync_ready, threaded, joined, quit, failed, finished;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct zseg z; /* raw deflate: the zlib header and Adler-32 are the maker's */
    bool z_ready;
    uint32_t adler; /* of the rows handed over so far */
    struct zout out;
};

static bool stream_bytes(struct png_stream *st, const unsigned char *in, size_t n, bool last)
{
    return zseg_deflate(&st->z, in, n, last ? Z_FINISH : Z_NO_FLUSH, &st->out);
}

static void *stream_worker(void *arg)
{
    struct png_stream *st = arg;
    pthread_mutex_lock(&st->mu);
    for (;;) {
        while (st->slot_state[st->take] == 0 && !st->quit) {
            pthread_cond_wait(&st->cv, &st->mu);
        }
        int k = st->take, state = st->slot_state[k];
        if (state == 0) {
            break; /* quit, nothing left */
        }
        pthread_mutex_unlock(&st->mu);
        bool ok = !st->failed && stream_bytes(st, st->slot[k], st->len[k], state == 2);
        pthread_mutex_lock(&st->mu);
        st->failed = st->failed || !ok;
        st->slot_state[k] = 0;
        st->take ^= 1;
        pthread_cond_broadcast(&st->cv);
        if (state == 2) {
            break;
        }
    }
    pthread_mutex_unlock(&st->mu);
    return NULL;
}

struct png_stream *csvchart_png_stream_new(size_t row_bytes, int max_rows, bool rle)
{
    struct png_stream *st = calloc(1, sizeof *st);
    if (!st) {
        return NULL;
    }
    pthread_mutex_init(&st->mu, NULL);
    pthread_cond_init(&st->cv, NULL);
    st->sync_ready = true;
    st->row_bytes = row_bytes;
    st->slot_bytes = row_bytes * (size_t)max_rows;
    st->slot[0] = malloc(st->slot_bytes);
    st->slot[1] = malloc(st->slot_bytes);
    st->z_ready = zseg_init(&st->z, rle ? Z_RLE : Z_DEFAULT_STRATEGY);
    st->adler = 1; /* Adler-32 of nothing */
    if (!st->slot[0] || !st->slot[1] || !st->z_ready) {
        csvchart_png_stream_free(st);
        return NULL;
    }
    st->threaded =
        csvchart_cores_spare() && pthread_create(&st->thread, NULL, stream_worker, st) == 0;
    return st;
}

unsigned char *csvchart_png_stream_slot(struct png_stream *st)
{
    if (!st->threaded) {
        return st->failed ? NULL : st->slot[0];
    }
    pthread_mutex_lock(&st->mu);
    while (st->slot_state[st->put] != 0) {
        pthread_cond_wait(&st->cv, &st->mu);
    }
    bool failed = st->failed;
    pthread_mutex_unlock(&st->mu);
    return failed ? NULL : st->slot[st->put];
}

void csvchart_png_stream_put(struct png_stream *st, int nrows, bool last)
{
    size_t n = (size_t)nrows * st->row_bytes;
    /* The checksum here, by the maker, who waits for the deflater more than it works. */
    st->adler = libdeflate_adler32(st->adler, st->slot[st->threaded ? st->put : 0], n);
    if (!st->threaded) {
        st->failed = st->failed || !stream_bytes(st, st->slot[0], n, last);
        st->finished = last;
        return;
    }
    pthread_mutex_lock(&st->mu);
    st->len[st->put] = n;
    st->slot_state[st->put] = last ? 2 : 1;
    st->put ^= 1;
    st->finished = last;
    pthread_cond_broadcast(&st->cv);
    pthread_mutex_unlock(&st->mu);
}

/* Waits for the worker to end (it ends after the last slot, or when told to quit). */
static void stream_join(struct png_stream *st)
{
    if (st->threaded && !st->joined) {
        pthread_mutex_lock(&st->mu);
        st->quit = true;
        pthread_cond_broadcast(&st->cv);
        pthread_mutex_unlock(&st->mu);
        pthread_join(st->thread, NULL);
        st->joined = true;
    }
}

bool csvchart_png_stream_finish(struct png_stream *st, struct render_buf *out)
{
    stream_join(st);
    if (st->failed || !st->finished) {
        return false;
    }
    unsigned char head[2] = {0x78, 0x01},
                  tail[4] = {(unsigned char)(st->adler >> 24), (unsigned char)(st->adler >> 16),
                             (unsigned char)(st->adler >> 8), (unsigned char)st->adler};
    csvchart_render_buf_put(out, head, 2);
    csvchart_render_buf_put(out, st->out.bytes, st->out.len);
    csvchart_render_buf_put(out, tail, 4);
    return !out->nomem;
}

void csvchart_png_stream_free(struct png_stream *st)
{
    if (!st) {
        return;
    }
    stream_join(st);
    if (st->sync_ready) {
        pthread_mutex_destroy(&st->mu);
        pthread_cond_destroy(&st->cv);
    }
    if (st->z_ready) {
        deflateEnd(&st->z.z);
    }
    free(st->slot[0]);
    free(st->slot[1]);
    free(st->out.bytes);
    free(st);
}
