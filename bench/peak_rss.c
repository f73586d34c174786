/* peak_rss: runs a command and prints its peak resident set size in KiB and its minor page
 * faults (ru_maxrss and ru_minflt of the child, what GNU time's %M and %R report) to the file
 * given as first argument.
 * Used by run.sh only when /usr/bin/time is missing.
 *   peak_rss OUT.txt COMMAND [ARGS...]      exit status: the command's
 * Build: cc -O2 peak_rss.c -o peak_rss */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: peak_rss OUT.txt COMMAND [ARGS...]\n");
        return 2;
    }
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 127;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        perror(argv[2]);
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("wait4");
        return 127;
    }
    FILE *f = fopen(argv[1], "w");
    if (!f) {
        perror(argv[1]);
        return 127;
    }
    fprintf(f, "%ld %ld\n", ru.ru_maxrss, ru.ru_minflt); /* Linux: KiB */
    fclose(f);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
