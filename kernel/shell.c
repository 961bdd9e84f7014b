/*
 * The serial console shell: read a line, split it into words, run the
 * command. It polls the UART; any bad input gives an error message.
 */
#include <linux/kernel.h>
#include <linux/console.h>
#include <linux/irq.h>
#include <linux/jiffies.h>
#include <linux/reboot.h>
#include <linux/selftest.h>
#include <asm/irqflags.h>
#include <string.h>
#include "setup.h"

#define MAX_ARGS 8

struct shell_cmd {
	const char *name;
	const char *usage;
	const char *help;
	int (*fn)(int argc, char **argv);
};

static const struct shell_cmd *find_cmd(const char *name);

static int cmd_help(int argc, char **argv);

static int cmd_poweroff(int argc, char **argv)
{
	machine_power_off();
}

static int cmd_interrupts(int argc, char **argv)
{
	show_interrupts();
	printk("jiffies: %lu (HZ=%u)\n", jiffies, HZ);
	return 0;
}

static int cmd_selftest(int argc, char **argv)
{
	int failed = selftest_run(argc > 1 ? argv[1] : NULL);

	return failed == 0 ? 0 : -1;
}

static const struct shell_cmd commands[] = {
	{ "help", "help [COMMAND]", "list commands, or show one command's usage", cmd_help },
	{ "interrupts", "interrupts", "interrupt counts, like /proc/interrupts", cmd_interrupts },
	{ "selftest", "selftest [SUITE[,SUITE]]", "run in-kernel self-tests (all, or the named suites)", cmd_selftest },
	{ "poweroff", "poweroff", "power the machine off (PSCI SYSTEM_OFF)", cmd_poweroff },
};

static const struct shell_cmd *find_cmd(const char *name)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(commands); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
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
	for (unsigned int i = 0; i < ARRAY_SIZE(commands); i++)
		printk("  %-28s %s\n", commands[i].usage, commands[i].help);
	return 0;
}

static int split_args(char *line, char **argv)
{
	int argc = 0;

	for (char *s = line; *s && argc < MAX_ARGS; ) {
		while (*s == ' ' || *s == '\t')
			*s++ = 0;
		if (!*s)
			break;
		argv[argc++] = s;
		while (*s && *s != ' ' && *s != '\t')
			s++;
	}
	return argc;
}

static int shell_getc(void)
{
	struct console *con = console_get();
	int c;

	while (!con || !con->getc || (c = con->getc(con)) < 0)
		__asm__ __volatile__("wfi");	/* the timer tick wakes us to poll again */
	return c;
}

/* Read a line with backspace editing; echoes what it reads. */
static void read_line(char *buf, size_t size)
{
	size_t n = 0;

	for (;;) {
		int c = shell_getc();

		if (c == '\r' || c == '\n') {
			printk("\n");
			break;
		}
		if (c == 0x7f || c == '\b') {
			if (n) {
				n--;
				printk("\b \b");
			}
			continue;
		}
		if (c < ' ' || n + 1 >= size)
			continue;
		buf[n++] = (char)c;
		printk("%c", c);
	}
	buf[n] = 0;
}

void rest_init(void)
{
	char line[256], *argv[MAX_ARGS];

	printk("Type 'help' for commands.\n");
	for (;;) {
		const struct shell_cmd *c;
		int argc;

		printk("# ");
		read_line(line, sizeof(line));
		argc = split_args(line, argv);
		if (argc == 0)
			continue;
		c = find_cmd(argv[0]);
		if (!c) {
			printk("%s: unknown command (try 'help')\n", argv[0]);
			continue;
		}
		c->fn(argc, argv);
	}
}
