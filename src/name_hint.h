/*
 * name_hint.h - what a refused name could have been: the list of the names there are, for a
 * message ("highlight: no category named "Nurses"; did you mean "Registered nurses"? the
 * categories are ..."), used by the bar and trend layouts.
 */
#ifndef CSVCHART_NAME_HINT_H
#define CSVCHART_NAME_HINT_H

#include <stdbool.h>
#include <stddef.h>

/* The i-th of the names offered (NULL is written as ""). */
typedef const char *(*name_at_fn)(const void *ctx, size_t i);

/*
 * Writes into buf (n >= 1 bytes, always terminated) `did you mean "X"? ` when one of the n_names
 * names is a clear near match to `wanted` - the same but for case, one that holds it or is held
 * by it (case aside: "Nurses" in "Registered nurses"), or one within a few typing slips - and
 * then `the NOUN are ` and the names, each whole, quoted, as many as fit: `the categories are
 * "A", "B", "C" and 12 more`.
 */
void csvchart_name_hint(const char *wanted, const char *noun, name_at_fn name_at, const void *ctx,
                        size_t n_names, char *buf, size_t n);

/*
 * A list split a name at its comma ("Travis County, Texas" read as "Travis County" and
 * "Texas")? Then writes into buf (n >= 1) the message that says so and how to quote it, and
 * returns true. `first` and `next` are neighbours in the list (next NULL: none).
 */
bool csvchart_name_split(const char *what, const char *first, const char *next, name_at_fn name_at,
                         const void *ctx, size_t n_names, char *buf, size_t n);
#endif
