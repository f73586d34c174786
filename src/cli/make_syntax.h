/*
 * make_syntax.h - writing file names into make syntax (depfiles, `--make-rules`) and words into
 * make recipes, without letting a name become make or shell syntax (make_syntax.c).
 *
 * One depfile is read by several parsers: GNU make (`include`), Ninja's depfile lexer, and
 * CMake's (cmake_transform_depfile, which writes the names out again for make or Ninja with
 * only spaces and backslashes escaped); the CMake module keeps the names in CMake lists. A name
 * goes into make syntax only when every one of them reads it back as the same file name; everything
 * else is refused with a message.
 */
#ifndef CSVCHART_MAKE_SYNTAX_H
#define CSVCHART_MAKE_SYNTAX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* What names in make syntax may hold, for messages. */
#define CSVCHART_MAKE_NAME_RULE                                                                    \
    "use only letters, digits, non-ASCII characters, spaces and . _ - + , @ ! { } / ( ) ~"

/*
 * True when `name` can be written as a target or prerequisite: it is not empty and holds only
 * ASCII letters and digits, the bytes of non-ASCII characters, and . _ - + , @ ! { } / ( and
 * space, ~ anywhere but first and ) anywhere but last. Otherwise false, with `bad` (at most
 * `size` bytes) naming the first byte refused: "\"$\"", "a newline", "a leading \"~\"",
 * "a final \")\"", "byte 0x01", "nothing" (empty).
 */
bool csvchart_make_name_ok(const char *name, char *bad, size_t size);

/* Writes a name accepted by csvchart_make_name_ok(), spaces escaped as "\ ". */
void csvchart_make_put_name(FILE *f, const char *name);

/*
 * Writes `word` as one shell word in a make recipe: in single quotes for sh (a ' written as
 * '\''), and every $ doubled for make. `word` must hold no newline or carriage return (a
 * recipe line would end there): csvchart_make_word_ok() says whether it does.
 */
void csvchart_make_put_shell_word(FILE *f, const char *word);
bool csvchart_make_word_ok(const char *word);

#endif
