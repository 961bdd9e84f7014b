/*
 * sysctl: the memory-management knobs, by Linux's names (Linux:
 * kernel/sysctl.c, mm/page_alloc.c, mm/vmscan.c; /proc/sys/vm/...).
 *
 *   vm.swappiness             0..200: 0 = never swap anonymous memory (then
 *                             only the OOM killer frees memory); any other
 *                             value lets reclaim swap (with no page cache here,
 *                             the anon/file balance it tunes in Linux is moot)
 *   vm.min_free_kbytes        the min watermark; low and high follow
 *   vm.watermark_scale_factor distance between the watermarks, in 1/10000
 *                             of memory (Linux: 1..3000, default 10)
 *   vm.max_map_count          VMAs one address space may have (mm/mmap.c;
 *                             Linux: 0..INT_MAX, default 65530)
 *   kernel.threads-max        tasks that may exist at once; spawn returns
 *                             -EAGAIN beyond (kernel/fork.c max_threads;
 *                             Linux: sysctl_max_threads, 1..FUTEX_TID_MASK,
 *                             default RAM / (8 * THREAD_SIZE), at least 20)
 */
#include <linux/kernel.h>
#include <linux/mman.h>
#include <linux/mmzone.h>
#include <linux/sched.h>
#include <linux/shell.h>
#include <linux/swap.h>
#include <limits.h>
#include <string.h>

static void show_wmarks(void)
{
	printk("  watermarks now: min %lu low %lu high %lu pages\n", min_wmark_pages(&zone_normal),
	       low_wmark_pages(&zone_normal), high_wmark_pages(&zone_normal));
}

static int set_swappiness(long v)
{
	if (v < 0 || v > 200)
		return -1;
	vm_swappiness = (int)v;
	return 0;
}

static int set_min_free_kbytes(long v)
{
	if (!min_free_kbytes_valid(v))
		return -1;
	setup_min_free_kbytes((unsigned long)v);
	show_wmarks();
	return 0;
}

static int set_watermark_scale_factor(long v)
{
	if (v < 1 || v > 3000)
		return -1;
	watermark_scale_factor = (int)v;
	setup_per_zone_wmarks();
	show_wmarks();
	return 0;
}

static int set_max_map_count(long v)
{
	if (v < 0 || v > INT_MAX)
		return -1;
	sysctl_max_map_count = (int)v;
	return 0;
}

/* Linux: sysctl_max_threads stores what is written; only the boot default is clamped to 20. */
static int set_threads_max(long v)
{
	if (v < 1 || v > MAX_THREADS)
		return -1;
	max_threads = (int)v;
	return 0;
}

static long get_swappiness(void) { return vm_swappiness; }
static long get_min_free_kbytes(void) { return min_free_kbytes; }
static long get_watermark_scale_factor(void) { return watermark_scale_factor; }
static long get_max_map_count(void) { return sysctl_max_map_count; }
static long get_threads_max(void) { return max_threads; }

static const struct {
	const char *name, *range;
	long (*get)(void);
	int (*set)(long v);
} sysctls[] = {
	{ "vm.swappiness", "0..200", get_swappiness, set_swappiness },
	{ "vm.min_free_kbytes", "128..RAM/4 in KiB", get_min_free_kbytes, set_min_free_kbytes },
	{ "vm.watermark_scale_factor", "1..3000", get_watermark_scale_factor, set_watermark_scale_factor },
	{ "vm.max_map_count", "0..2147483647", get_max_map_count, set_max_map_count },
	{ "kernel.threads-max", "1..1073741823", get_threads_max, set_threads_max },
};

static int cmd_sysctl(int argc, char **argv)
{
	long v;

	if (argc == 1) {
		for (unsigned int i = 0; i < ARRAY_SIZE(sysctls); i++)
			printk("%s = %ld\n", sysctls[i].name, sysctls[i].get());
		return 0;
	}
	if (argc > 3) {
		printk("usage: sysctl [NAME [VALUE]]\n");
		return -1;
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(sysctls); i++) {
		if (strcmp(argv[1], sysctls[i].name) != 0)
			continue;
		if (argc == 3) {
			if (!shell_parse_long("sysctl", "VALUE", argv[2], &v))
				return -1;
			if (sysctls[i].set(v)) {
				printk("sysctl: %s: %ld out of range (%s)\n", sysctls[i].name, v, sysctls[i].range);
				return -1;
			}
		}
		printk("%s = %ld\n", sysctls[i].name, sysctls[i].get());
		return 0;
	}
	printk("sysctl: unknown name '%s' (try: sysctl)\n", argv[1]);
	return -1;
}
shell_command("sysctl", "sysctl [NAME [VALUE]]", "show or set vm.swappiness, vm.min_free_kbytes, vm.watermark_scale_factor, vm.max_map_count, kernel.threads-max", cmd_sysctl);
