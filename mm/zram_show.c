/*
 * The swap area's numbers as text (mm/zram.c keeps them): the labelled
 * mm_stat and io_stat with the compression ratio and pool density, Linux's
 * one-line mm_stat (cat /sys/block/zram0/mm_stat, io_stat), the pool's size
 * classes (zsmalloc's debugfs "classes"), and the shell's `zram` command.
 * docs/zram.md reads an example.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/shell.h>
#include <linux/swap.h>
#include <linux/zram.h>
#include <linux/zsmalloc.h>
#include "zram_internal.h"
#include <string.h>

/* x / y with two decimals, as "12.34" (no floating point in the kernel). */
static void print_ratio(const char *label, u64 x, u64 y, const char *what)
{
	u64 r = y ? x * 100 / y : 0;

	printk("  %-16s %7lu.%02lu  %s\n", label, (unsigned long)(r / 100),
	       (unsigned long)(r % 100), what);
}

void zram_show_mm_stat(void)
{
	struct zram_mm_stat st;
	struct zram_io_stat io;

	if (!zram.initialized) {
		printk("zram: no swap area (zram_init has not run)\n");
		return;
	}
	zram_get_mm_stat(&st);
	zram_get_io_stat(&io);
	printk("zram: %lu slots (%lu KiB), %lu in use; lz4 via %s; stored as is from %zu bytes\n",
	       zram.nr_slots, zram.nr_slots << (PAGE_SHIFT - 10), zram_slots_used(),
	       zram_lz4_mode_name(zram_get_lz4_mode()), zram.huge_class_size);
	printk("  orig_data_size   %10lu  bytes of pages stored\n", (unsigned long)st.orig_data_size);
	printk("  compr_data_size  %10lu  bytes after compression\n", (unsigned long)st.compr_data_size);
	printk("  mem_used_total   %10lu  bytes of pool pages\n", (unsigned long)st.mem_used_total);
	printk("  mem_limit        %10lu  %s\n", (unsigned long)st.mem_limit,
	       st.mem_limit ? "bytes" : "(no limit)");
	printk("  mem_used_max     %10lu  bytes, high-water mark\n", (unsigned long)st.mem_used_max);
	printk("  same_pages       %10lu  pages of one repeated word (no pool memory)\n",
	       (unsigned long)st.same_pages);
	printk("  pages_compacted  %10lu  (no compaction here)\n", (unsigned long)st.pages_compacted);
	printk("  huge_pages       %10lu  pages stored uncompressed\n", (unsigned long)st.huge_pages);
	printk("  reject_compress_poor %6lu  pages reclaim offered that lz4 could not shrink (kept in RAM)\n",
	       READ_ONCE(zram.rejected_compress_poor));
	print_ratio("ratio", st.orig_data_size, st.mem_used_total, "orig_data_size / mem_used_total");
	print_ratio("density", st.compr_data_size * 100, st.mem_used_total,
		    "% of pool bytes holding data (compr_data_size / mem_used_total)");
	printk("  io_stat: failed_reads %lu failed_writes %lu invalid_io %lu notify_free %lu\n",
	       (unsigned long)io.failed_reads, (unsigned long)io.failed_writes,
	       (unsigned long)io.invalid_io, (unsigned long)io.notify_free);
	/* Linux: cat /sys/block/zram0/mm_stat */
	printk("mm_stat: %8lu %8lu %8lu %8lu %8lu %8lu %8lu %8lu\n",
	       (unsigned long)st.orig_data_size, (unsigned long)st.compr_data_size,
	       (unsigned long)st.mem_used_total, (unsigned long)st.mem_limit,
	       (unsigned long)st.mem_used_max, (unsigned long)st.same_pages,
	       (unsigned long)st.pages_compacted, (unsigned long)st.huge_pages);
}

void zram_show_classes(bool all)
{
	if (zram.initialized)
		zs_show_classes(zram.mem_pool, all);
	else
		printk("zram: no swap area (zram_init has not run)\n");
}

VISIBLE_IF_KUNIT int cmd_zram(int argc, char **argv)
{
	if (argc == 1) {
		zram_show_mm_stat();
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "classes") == 0) {
		zram_show_classes(false);
		return 0;
	}
	printk("usage: zram [classes]\n");
	return -1;
}
shell_command("zram", "zram [classes]",
	      "compressed swap area: mm_stat, labelled (classes: zsmalloc size classes)", cmd_zram);
