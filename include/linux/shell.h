/*
 * Shell commands register themselves next to the subsystem they show:
 *
 *     static int cmd_buddyinfo(int argc, char **argv) { show_buddyinfo(); return 0; }
 *     shell_command("buddyinfo", "buddyinfo", "free blocks per order, like /proc/buddyinfo",
 *                   cmd_buddyinfo);
 *
 * A command returns 0, or -1 after printing an error. kernel/shell.c owns
 * the prompt, line editing and the argument parsing helpers below.
 */
#ifndef _LINUX_SHELL_H
#define _LINUX_SHELL_H

#include <linux/compiler.h>
#include <linux/types.h>

struct shell_cmd {
	const char *name;
	const char *usage;
	const char *help;
	int (*fn)(int argc, char **argv);
};

#define shell_command(name, usage, help, fn)				\
	static const struct shell_cmd __shell_cmd_##fn __used		\
	__section(".shell_cmds") __aligned(8) = { name, usage, help, fn }

/*
 * Parse a whole-word unsigned number (decimal, or 0x hex) for argument
 * `what` of command `cmd`; prints "cmd: WHAT must be a number" and returns
 * false otherwise.
 */
bool shell_parse_ulong(const char *cmd, const char *what, const char *s, unsigned long *out);
bool shell_parse_long(const char *cmd, const char *what, const char *s, long *out);
/* Run one command line (as typed at the prompt). Returns the command's result. */
int shell_run_line(char *line);
/* The console shell (kernel/shell.c): rest_init runs it as the kernel thread "sh". */
int shell_thread(void *arg);

#endif
