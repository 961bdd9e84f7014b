/*
 * The compressed swap area, beyond the contract in include/linux/swap.h
 * ("the swap area (mm/zram.c)"): its statistics as numbers, reset, the
 * memory limit, the lz4 entry point used, and the benchmark hook.
 * Linux: drivers/block/zram/zram_drv.[ch] and Documentation/admin-guide/blockdev/zram.rst.
 */
#ifndef _LINUX_ZRAM_H
#define _LINUX_ZRAM_H

#include <linux/types.h>
#include <linux/errno.h>

/* /sys/block/zram0/mm_stat, in that order; all in bytes except the page counts. */
struct zram_mm_stat {
	u64 orig_data_size;	/* pages stored x PAGE_SIZE (same-filled and huge included) */
	u64 compr_data_size;	/* bytes of compressed data (a huge page counts PAGE_SIZE) */
	u64 mem_used_total;	/* pool pages x PAGE_SIZE: what the area really costs */
	u64 mem_limit;		/* 0 = no limit */
	u64 mem_used_max;	/* high-water mark of mem_used_total */
	u64 same_pages;		/* pages of one repeated word: no pool memory */
	u64 pages_compacted;	/* always 0: zsmalloc here does not compact */
	u64 huge_pages;		/* pages stored uncompressed (did not compress enough) */
};
void zram_get_mm_stat(struct zram_mm_stat *st);

/* /sys/block/zram0/io_stat (failed_reads failed_writes invalid_io notify_free). */
struct zram_io_stat {
	u64 failed_reads;	/* corrupt data, bad slot */
	u64 failed_writes;	/* no slot, over mem_limit, pool could not grow */
	u64 invalid_io;		/* slot number out of range or not in use */
	u64 notify_free;	/* slots freed (Linux: swap_slot_free_notify) */
};
void zram_get_io_stat(struct zram_io_stat *st);

/*
 * Free every slot, the pool and the table: back to before zram_init(), which
 * may then be called again (Linux: zram_reset_device). For tests and the
 * benchmark; nobody may hold a slot.
 */
void zram_reset(void);

/* Set the memory limit in bytes (0 = none); Linux: echo N > mem_limit. */
void zram_set_mem_limit(unsigned long bytes);

/*
 * Which liblz4 entry point compresses a page (bootarg zram.lz4=):
 *   fastreset  LZ4_compress_fast_extState_fastReset (the default)
 *   extstate   LZ4_compress_fast_extState: clears its 16 KiB state each call
 *   stream     LZ4_resetStream_fast + LZ4_compress_fast_continue
 * All three produce ordinary lz4 blocks that LZ4_decompress_safe reads.
 * See docs/zram.md for what each costs on a 4 KiB page.
 */
enum zram_lz4_mode { ZRAM_LZ4_FASTRESET, ZRAM_LZ4_EXTSTATE, ZRAM_LZ4_STREAM, NR_ZRAM_LZ4_MODES };
/* mm/zram_lz4.c. Returns the mode in use before. */
enum zram_lz4_mode zram_set_lz4_mode(enum zram_lz4_mode mode);
enum zram_lz4_mode zram_get_lz4_mode(void);
const char *zram_lz4_mode_name(enum zram_lz4_mode mode);

/* Print the pool's size classes (zsmalloc's debugfs "classes" table). */
void zram_show_classes(bool all);

#endif
