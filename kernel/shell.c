/*
 * The serial console shell: read a line (backspace editing, up-arrow
 * history), split it into words, run the command. Commands register with
 * shell_command() beside the code they show (include/linux/shell.h). Any bad
 * input is an error message; nothing typed here can take the kernel down.
 */
#include <linux/kernel.h>
#include <linux/console.h>
#include <linux/irq.h>
#include <linux/jiffies.h>
#include <linux/reboot.h>
#include <linux/sched.h>
#include <linux/selftest.h>
#include <linux/shell.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ARGS	16
#define LINE_MAX	256
#define HISTORY		8

extern const struct shell_cmd __start_shell_cmds[], __stop_shell_cmds[];

static char history[HISTORY][LINE_MAX];
static unsigned int history_count;

static const struct shell_cmd *find_cmd(const char *name)
{
	for (const struct shell_cmd *c = __start_shell_cmds; c < __stop_shell_cmds; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

bool shell_parse_ulong(const char *cmd, const char *what, const char *s, unsigned long *out)
{
	char *end;

	if (!s || !*s || *s == '-') {
		printk("%s: %s must be a non-negative number\n", cmd, what);
		return false;
	}
	*out = strtoul(s, &end, 0);
	if (*end) {
		printk("%s: %s must be a number, not '%s'\n", cmd, what, s);
		return false;
	}
	return true;
}

bool shell_parse_long(const char *cmd, const char *what, const char *s, long *out)
{
	char *end;

	if (!s || !*s) {
		printk("%s: %s must be a number\n", cmd, what);
		return false;
	}
	*out = strtol(s, &end, 0);
	if (*end) {
		printk("%s: %s must be a number, not '%s'\n", cmd, what, s);
		return false;
	}
	return true;
}

static int cmd_help(int argc, char **argv)
{
	if (argc > 1) {
		const struct shell_cmd *c = find_cmd(argv[1]);

		if (!c) {
			printk("help: unknown command '%s'\n", argv[1]);
			return -1;
		}
		printk("usage: %s\n  %s\n", c->usage, c->help);
		return 0;
	}
	/* Alphabetical: print the smallest name greater than the last one printed. */
	for (const char *last = ""; ; ) {
		const struct shell_cmd *next = NULL;

		for (const struct shell_cmd *c = __start_shell_cmds; c < __stop_shell_cmds; c++)
			if (strcmp(c->name, last) > 0 && (!next || strcmp(c->name, next->name) < 0))
				next = c;
		if (!next)
			return 0;
		printk("  %-30s %s\n", next->usage, next->help);
		last = next->name;
	}
}
shell_command("help", "help [COMMAND]", "list commands, or show one command's usage", cmd_help);

static int cmd_poweroff(int argc, char **argv)
{
	machine_power_off();
}
shell_command("poweroff", "poweroff", "power the machine off (PSCI SYSTEM_OFF)", cmd_poweroff);

static int cmd_interrupts(int argc, char **argv)
{
	show_interrupts();
	printk("jiffies: %lu (HZ=%u)\n", jiffies, HZ);
	return 0;
}
shell_command("interrupts", "interrupts", "interrupt counts, like /proc/interrupts", cmd_interrupts);

static int cmd_selftest(int argc, char **argv)
{
	if (argc > 2) {
		printk("selftest: too many arguments (usage: selftest [SUITE[,SUITE]])\n");
		return -1;
	}
	return selftest_run(argc > 1 ? argv[1] : NULL) == 0 ? 0 : -1;
}
shell_command("selftest", "selftest [SUITE[,SUITE]]", "run in-kernel self-tests (all, or the named suites)", cmd_selftest);

static int split_args(char *line, char **argv)
{
	int argc = 0;

	for (char *s = line; *s; ) {
		while (*s == ' ' || *s == '\t')
			*s++ = 0;
		if (!*s)
			break;
		if (argc == MAX_ARGS)
			return -1;
		argv[argc++] = s;
		while (*s && *s != ' ' && *s != '\t')
			s++;
	}
	return argc;
}

int shell_run_line(char *line)
{
	char *argv[MAX_ARGS];
	const struct shell_cmd *c;
	int argc = split_args(line, argv);

	if (argc < 0) {
		printk("too many arguments (at most %d words)\n", MAX_ARGS);
		return -1;
	}
	if (argc == 0)
		return 0;
	c = find_cmd(argv[0]);
	if (!c) {
		printk("%s: unknown command (try 'help')\n", argv[0]);
		return -1;
	}
	return c->fn(argc, argv);
}

/* Poll the UART; between polls sleep a tick so user tasks get the CPU. */
static int shell_getc(void)
{
	struct console *con = console_get();
	int c;

	while (!con || !con->getc || (c = con->getc(con)) < 0) {
		reap_background_jobs();
		msleep(10);
	}
	return c;
}

static void erase_line(size_t n)
{
	while (n--)
		printk("\b \b");
}

/* Read a line with backspace editing and up/down history; echoes what it reads. */
static void read_line(char *buf, size_t size)
{
	size_t n = 0;
	unsigned int hist = history_count;
	int esc = 0;

	for (;;) {
		int c = shell_getc();

		if (esc == 1) {
			esc = c == '[' ? 2 : 0;
			continue;
		}
		if (esc == 2) {		/* ESC [ A = up, ESC [ B = down */
			esc = 0;
			if ((c == 'A' && hist > 0 && history_count - hist < HISTORY) ||
			    (c == 'B' && hist < history_count)) {
				hist += c == 'A' ? -1 : 1;
				erase_line(n);
				n = 0;
				if (hist < history_count) {
					strlcpy(buf, history[hist % HISTORY], size);
					n = strlen(buf);
					printk("%s", buf);
				}
			}
			continue;
		}
		if (c == 0x1b) {
			esc = 1;
			continue;
		}
		if (c == '\r' || c == '\n') {
			printk("\n");
			break;
		}
		if (c == 0x7f || c == '\b') {
			if (n) {
				n--;
				erase_line(1);
			}
			continue;
		}
		if (c < ' ' || c > '~' || n + 1 >= size)
			continue;
		buf[n++] = (char)c;
		printk("%c", c);
	}
	buf[n] = 0;
	if (n)
		strlcpy(history[history_count++ % HISTORY], buf, LINE_MAX);
}

int shell_thread(void *arg)
{
	char line[LINE_MAX];

	printk("Type 'help' for commands.\n");
	for (;;) {
		reap_background_jobs();
		printk("# ");
		read_line(line, sizeof(line));
		shell_run_line(line);
	}
}
