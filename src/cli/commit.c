/*
 * commit.c - the batch's committer: one thread that syncs each output's temporary file and
 * renames it into place (csvchart_write_file_end()) while the workers draw the next figures.
 *
 * An output is durable before its name appears (figure_output.c), and on this kind of disk
 * a sync is a wait of about a millisecond for the journal: 200 of them were 100-200 ms
 * of a 100-figure batch with one worker, time in which no figure was drawn. Now a worker
 * writes an output's bytes into its temporary file (csvchart_write_file_begin()) and queues
 * it here; the committer waits for the disk in its place. The files, their bytes and the
 * order in which the names appear are those of the synchronous path.
 *
 * The committer takes every file queued when it looks as one group: it starts the disk's
 * writing of all of them (csvchart_write_file_start_sync()), then syncs and renames each in
 * the order queued. 200 syncs one after another each waited for its own write and journal
 * commit: 62 ms of CPU in a 100-figure batch, charged to this thread, on the cores the
 * workers draw on; grouped, the batch with two workers took 8% less time (bench/README.md).
 *
 * Every output of a figure carries the figure's error slot: when one of them cannot be put
 * in place, the error goes there and the figure's later outputs are discarded, as the
 * synchronous path never writes them. A full queue makes the worker wait, so at most
 * COMMIT_QUEUE files are open. A temporary file stays known to the signal handler (temps.c)
 * until it is renamed or removed.
 */
#include <pthread.h>
#include <stdlib.h>

#include "cli.h"
#include "figure_output.h"

#define COMMIT_QUEUE 32

struct commit_entry {
    csvchart_pending_file file;
    csvchart_error *slot;
};

struct cli_committer {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t changed; /* an entry queued, one taken, or the end asked for */
    struct commit_entry ring[COMMIT_QUEUE];
    size_t head, count;
    bool ending;
};

static void *committer_run(void *arg)
{
    struct cli_committer *c = arg;
    pthread_mutex_lock(&c->lock);
    for (;;) {
        while (c->count == 0 && !c->ending) {
            pthread_cond_wait(&c->changed, &c->lock);
        }
        if (c->count == 0) {
            break;
        }
        /* every file queued by now, as one group: their writing started together, then each
         * synced and renamed in turn (the syncs after the first find their bytes written) */
        size_t k = c->count;
        struct commit_entry group[COMMIT_QUEUE];
        for (size_t i = 0; i < k; i++) {
            group[i] = c->ring[(c->head + i) % COMMIT_QUEUE];
        }
        pthread_mutex_unlock(&c->lock);
        for (size_t i = 0; i < k; i++) {
            csvchart_write_file_start_sync(&group[i].file);
        }
        for (size_t i = 0; i < k; i++) {
            /* the slot is only written here, and read after the committer has ended */
            csvchart_error err = {0};
            bool discard = group[i].slot->status != CSVCHART_OK;
            if (csvchart_write_file_end(&group[i].file, discard, &err) && !discard) {
                *group[i].slot = err;
            }
        }
        pthread_mutex_lock(&c->lock);
        c->head = (c->head + k) % COMMIT_QUEUE;
        c->count -= k;
        pthread_cond_broadcast(&c->changed);
    }
    pthread_mutex_unlock(&c->lock);
    return NULL;
}

struct cli_committer *csvchart_cli_committer_start(void)
{
    struct cli_committer *c = calloc(1, sizeof *c);
    if (!c) {
        return NULL;
    }
    pthread_mutex_init(&c->lock, NULL);
    pthread_cond_init(&c->changed, NULL);
    if (pthread_create(&c->thread, NULL, committer_run, c) != 0) {
        pthread_cond_destroy(&c->changed);
        pthread_mutex_destroy(&c->lock);
        free(c);
        return NULL;
    }
    return c;
}

void csvchart_cli_committer_push(struct cli_committer *c, const csvchart_pending_file *file,
                                 csvchart_error *slot)
{
    pthread_mutex_lock(&c->lock);
    while (c->count == COMMIT_QUEUE) {
        pthread_cond_wait(&c->changed, &c->lock);
    }
    c->ring[(c->head + c->count) % COMMIT_QUEUE] = (struct commit_entry){*file, slot};
    c->count++;
    pthread_cond_broadcast(&c->changed);
    pthread_mutex_unlock(&c->lock);
}

void csvchart_cli_committer_end(struct cli_committer *c)
{
    if (!c) {
        return;
    }
    pthread_mutex_lock(&c->lock);
    c->ending = true;
    pthread_cond_broadcast(&c->changed);
    pthread_mutex_unlock(&c->lock);
    pthread_join(c->thread, NULL);
    pthread_cond_destroy(&c->changed);
    pthread_mutex_destroy(&c->lock);
    free(c);
}
