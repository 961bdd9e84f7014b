/*
 * The pressure demo: start a workload that needs more memory than there is
 * and print a compact timeline while it runs -- free pages, the swap area's
 * size, pages swapped out and in, kswapd wakeups, OOM kills -- one line per
 * sample, ready for scripts/plot-pressure.py to turn into a plot.
 *
 *   # pressure            memhog of free RAM + a quarter of the swap area, 2 passes
 *   # pressure 300 20     memhog 300 MiB, a sample every 20 ms
 */
#include <linux/kernel.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/sched.h>
#include <linux/shell.h>
#include <linux/swap.h>
#include <linux/vmstat.h>
#include <linux/zram.h>
#include <uapi/wait.h>

static void sample(unsigned long t0)
{
	struct zram_mm_stat st;

	zram_get_mm_stat(&st);
	printk("pressure: %6lu %8lu %10lu %8lu %8lu %8lu %6lu %4lu\n",
	       (jiffies - t0) * 1000 / HZ, nr_free_pages(), (unsigned long)st.mem_used_total,
	       zram_slots_used(), vm_event(PSWPOUT), vm_event(PSWPIN), vm_event(KSWAPD_WAKEUP),
	       vm_event(OOM_KILL));
}

static int cmd_pressure(int argc, char **argv)
{
	unsigned long mib, period = 50, t0 = jiffies;
	char arg[16];
	char *args[] = { "memhog", arg, "2", "text", NULL };
	struct task_struct *t;
	int pid, status = 0;

	/*
	 * The compressed pages stay in RAM: at memhog's text ratio (about 2.1x)
	 * each swapped page still takes half a page of the zram pool, so swap
	 * adds about half its slots in all. A quarter leaves room for the page
	 * tables and memhog's checksum table; half of them ended in the OOM killer.
	 */
	mib = (nr_free_pages() + (zram_nr_slots() - zram_slots_used()) / 4) >> (20 - PAGE_SHIFT);
	if (argc > 1 && !shell_parse_ulong("pressure", "MIB", argv[1], &mib))
		return -1;
	if (argc > 2 && (!shell_parse_ulong("pressure", "MS", argv[2], &period) || period < 10)) {
		printk("pressure: the sample period must be at least 10 ms\n");
		return -1;
	}
	if (argc > 3 || mib == 0) {
		printk("usage: pressure [MIB [MS]]\n");
		return -1;
	}
	snprintf(arg, sizeof(arg), "%lu", mib);
	pid = spawn_user("memhog", 4, args, current);
	if (pid < 0) {
		printk("pressure: cannot start memhog (%d)\n", pid);
		return -1;
	}
	printk("pressure: memhog[%d] %lu MiB; RAM free %lu MiB, swap %lu MiB\n", pid, mib,
	       nr_free_pages() >> (20 - PAGE_SHIFT), zram_nr_slots() >> (20 - PAGE_SHIFT));
	printk("pressure:   t_ms free_pgs zram_bytes  slots   pswpout   pswpin kswapd  oom\n");
	for (;;) {
		sample(t0);
		t = find_task_by_pid(pid);
		if (!t || t->state == TASK_ZOMBIE)
			break;
		msleep((unsigned int)period);
	}
	kernel_wait(pid, &status);
	sample(t0);
	if (WIFSIGNALED(status))
		printk("pressure: memhog killed by signal %d\n", WTERMSIG(status));
	else
		printk("pressure: memhog exited with status %d\n", WEXITSTATUS(status));
	return 0;
}
shell_command("pressure", "pressure [MIB [MS]]", "fill memory with memhog and print a timeline (free, zram, pswpout/in, kswapd)", cmd_pressure);
