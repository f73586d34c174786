/*
 * gen_man.c - writes the manual page csvchart.1 (built and installed by CMake). The page is
 * printed by src/cli/help.c, from the same option table and the same texts as --help.
 *   csvchart_gen_man OUT.1
 */
#include <stdio.h>

#include "cli.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: csvchart_gen_man OUT.1\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "w");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    csvchart_cli_man(f);
    if (fclose(f) != 0) {
        perror(argv[1]);
        return 1;
    }
    return 0;
}
