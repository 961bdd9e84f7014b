/*
 * The fault-stream recorder: with `trace_faults=NAME` on the command line,
 * every page fault taken by a task called NAME is recorded (its page
 * number, address >> 12); the shell's `trace` prints them one per line, the
 * format lru-replay (tools/mm/lru_replay.c) reads, so a real workload's
 * fault stream can be replayed through gen, classic, CLOCK and OPT on the
 * host:
 *
 *   make qemu-run MEM=128M BOOTARGS=trace_faults=memhog
 *   # run memhog 140 2
 *   # trace                      (copy the lines to a file)
 *   $ build/tools/lru-replay file
 *
 * Faults are what the kernel can see: first touches and swap-ins, not
 * every reference (those go to the access flag, which only aging reads).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/sched.h>
#include <linux/shell.h>
#include <string.h>

#define TRACE_MAX	(1 << 16)

static char trace_name[TASK_COMM_LEN];
static unsigned long trace_buf[TRACE_MAX];
static unsigned long trace_len, trace_lost;

static int __init parse_trace_faults(const char *val)
{
	if (!val || !*val)
		return -1;
	strlcpy(trace_name, val, sizeof(trace_name));
	return 0;
}
__setup("trace_faults", parse_trace_faults);

/* Called by handle_mm_fault for every user fault. */
void trace_fault(unsigned long addr)
{
	if (!trace_name[0] || strcmp(current->comm, trace_name) != 0)
		return;
	if (trace_len < TRACE_MAX)
		trace_buf[trace_len++] = addr >> 12;
	else
		trace_lost++;
}

static int cmd_trace(int argc, char **argv)
{
	if (!trace_name[0]) {
		printk("trace: not recording (boot with trace_faults=NAME)\n");
		return -1;
	}
	printk("# page-fault trace of tasks named %s: %lu faults%s\n", trace_name, trace_len,
	       trace_lost ? " (buffer full: later faults lost)" : "");
	for (unsigned long i = 0; i < trace_len; i++)
		printk("%lu\n", trace_buf[i]);
	if (argc > 1 && strcmp(argv[1], "clear") == 0)
		trace_len = trace_lost = 0;
	return 0;
}
shell_command("trace", "trace [clear]", "print the recorded fault stream (boot arg trace_faults=NAME), one page number per line", cmd_trace);
