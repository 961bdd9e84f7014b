/*
 * The memory reports the shell shows, in the formats of Linux's /proc files
 * so the two can be read side by side: meminfo, buddyinfo, pagetypeinfo,
 * slabinfo, vmstat, and the memblock layout from boot.
 */
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/pgtable.h>
#include <linux/sched.h>
#include <linux/shell.h>
#include <linux/slab.h>
#include <linux/swap.h>
#include <linux/vmstat.h>

#define K(pages)	((pages) << (PAGE_SHIFT - 10))

void show_meminfo(void)
{
	unsigned long free = nr_free_pages(), total = totalram_pages();
	unsigned long reserve = high_wmark_pages(&zone_normal);

	printk("MemTotal:       %8lu kB\n", K(total));
	printk("MemFree:        %8lu kB\n", K(free));
	printk("MemAvailable:   %8lu kB\n", K(free > reserve ? free - reserve : 0));
	printk("AnonPages:      %8lu kB\n", K(nr_anon_pages()));
	printk("Slab:           %8lu kB\n", K(nr_slab_pages()));
	printk("KernelStack:    %8lu kB\n", nr_kernel_stack_kb());
	printk("PageTables:     %8lu kB\n", K(nr_pagetable_pages()));
	printk("SwapTotal:      %8lu kB\n", K(total_swap_pages()));
	printk("SwapFree:       %8lu kB\n", K(nr_free_swap_pages()));
}

static int cmd_meminfo(int argc, char **argv)
{
	show_meminfo();
	return 0;
}
shell_command("meminfo", "meminfo", "memory totals, like /proc/meminfo", cmd_meminfo);

static int cmd_buddyinfo(int argc, char **argv)
{
	show_buddyinfo();
	if (argc > 1) {
		show_pagetypeinfo();
		show_unusable_index();
	}
	return 0;
}
shell_command("buddyinfo", "buddyinfo [-v]", "free blocks per order, like /proc/buddyinfo (-v: per migratetype, fragmentation index)", cmd_buddyinfo);

static int cmd_slabinfo(int argc, char **argv)
{
	show_slabinfo();
	return 0;
}
shell_command("slabinfo", "slabinfo", "SLUB caches, like /proc/slabinfo", cmd_slabinfo);

static int cmd_vmstat(int argc, char **argv)
{
	show_vmstat();
	return 0;
}
shell_command("vmstat", "vmstat", "event counters, like /proc/vmstat", cmd_vmstat);

static int cmd_memblock(int argc, char **argv)
{
	memblock_dump_all();
	return 0;
}
shell_command("memblock", "memblock", "the boot memory map (memblock memory and reserved lists)", cmd_memblock);
