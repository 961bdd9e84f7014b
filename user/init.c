/*
 * init: the first user task (pid 1, as on Linux).
 *
 *     init [--seq] [--exit] ['PROG ARG...' ...]
 *
 * Each argument is one command to spawn: a program name and its
 * arguments, separated by spaces or commas ("memhog 64 brk" or
 * "memhog,64,brk", for command lines that cannot quote). The commands run
 * side by side, or one after another with --seq. init reports how each
 * child ended. Then, like Linux's init, it stays to reap whatever else
 * exits (orphans the kernel hands to it), unless --exit tells it to exit
 * with the number of children that failed.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#define MAX_ARGS	32

/* How a child ended, as one line. */
static void report(pid_t pid, int status)
{
	if (WIFEXITED(status))
		printf("init: pid %d exited with status %d\n", pid, WEXITSTATUS(status));
	else
		printf("init: pid %d killed by signal %d\n", pid, WTERMSIG(status));
}

static int failed(int status)
{
	return !WIFEXITED(status) || WEXITSTATUS(status) != 0;
}

/* Split cmd (modified in place) at spaces and commas and spawn it. Returns the pid or -1. */
static pid_t run(char *cmd)
{
	char *argv[MAX_ARGS + 1];
	int argc = 0;
	char *p = cmd;
	pid_t pid;

	while (*p && argc < MAX_ARGS) {
		while (*p == ' ' || *p == ',')
			*p++ = '\0';
		if (!*p)
			break;
		argv[argc++] = p;
		while (*p && *p != ' ' && *p != ',')
			p++;
	}
	argv[argc] = NULL;
	if (!argc)
		return -1;
	pid = spawn(argv[0], argv);
	if (pid < 0)
		printf("init: cannot spawn %s: %s\n", argv[0], errno_name(errno));
	else
		printf("init: spawned %s as pid %d\n", argv[0], pid);
	return pid;
}

int main(int argc, char **argv)
{
	int seq = 0, exit_when_done = 0, nfailed = 0, announced = 0, ncmds = 0, status;
	pid_t pid;

	for (int i = 1; i < argc; i++)
		ncmds += strncmp(argv[i], "--", 2) != 0;
	printf("init: pid %d started, %d command(s)\n", getpid(), ncmds);
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--seq")) {
			seq = 1;
			continue;
		}
		if (!strcmp(argv[i], "--exit")) {
			exit_when_done = 1;
			continue;
		}
		pid = run(argv[i]);
		if (pid < 0) {
			nfailed++;
		} else if (seq) {
			if (wait(pid, &status) == pid) {
				report(pid, status);
				nfailed += failed(status);
			}
		}
	}

	/* Reap the children (and, later, orphans) as they exit. */
	for (;;) {
		pid = wait(-1, &status);
		if (pid > 0) {
			report(pid, status);
			nfailed += failed(status);
			announced = 0;
			continue;
		}
		if (!announced)
			printf("init: no children left, %d failed\n", nfailed);
		announced = 1;
		if (exit_when_done)
			break;
		sleep_ms(1000);		/* orphans may still come */
	}
	return nfailed > 255 ? 255 : nfailed;
}
