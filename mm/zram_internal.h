/*
 * mm/zram.c's internals: the slot table, the compression streams, the
 * device itself. Only for zram.c and its host test (tests/host/test_zram.c,
 * which compares the stored lz4 blocks with the host library's, plants
 * blocks made by another compressor and damages them); the interface is
 * include/linux/zram.h. The functions and variables declared at the end
 * are static in the kernel and visible only in host builds
 * (VISIBLE_IF_KUNIT, include/linux/compiler.h).
 */
#ifndef _MM_ZRAM_INTERNAL_H
#define _MM_ZRAM_INTERNAL_H

#include <linux/types.h>
#include <linux/spinlock.h>
#include <linux/threads.h>
#include <linux/zram.h>

enum zram_pageflags {
	ZRAM_ALLOCATED = 1 << 0,
	ZRAM_SAME = 1 << 1,
	ZRAM_HUGE = 1 << 2,
};

struct zram_table_entry {
	union {
		unsigned long handle;	/* zsmalloc handle (not ZRAM_SAME) */
		unsigned long element;	/* the repeated word (ZRAM_SAME) */
	};
	unsigned long shadow;		/* lru policy's shadow, for refaults */
	unsigned int flags;
	unsigned int size;		/* bytes in the pool: lz4 block, or PAGE_SIZE if huge */
};

/*
 * The table is kept in page-sized chunks, so a large area needs no large
 * contiguous allocation (Linux: vzalloc). 170 entries per chunk.
 */
#define ENTRIES_PER_CHUNK	(PAGE_SIZE / sizeof(struct zram_table_entry))

/*
 * Per-CPU compression stream: one order-3 block (32 KiB) holding the lz4
 * state (LZ4_sizeofState() = 16416 bytes) and, 5 pages in, the output
 * buffer (LZ4_COMPRESSBOUND(PAGE_SIZE) = 4128 bytes, 2 pages kept).
 */
#define STRM_ORDER		3
#define STRM_BUF_OFFSET		(5 * PAGE_SIZE)
#define STRM_BUF_SIZE		(2 * PAGE_SIZE)

struct zcomp_strm {
	struct page *block;
	void *state;			/* LZ4_stream_t, initialised once */
	char *buffer;
};

struct zram {
	spinlock_t lock;
	bool initialized;
	struct zram_table_entry **table;	/* chunks */
	unsigned long *bitmap;			/* bit set = slot in use */
	unsigned long nr_slots, slots_used, cursor;
	struct zs_pool *mem_pool;
	size_t huge_class_size;
	unsigned long limit_pages;		/* 0 = no limit */
	struct zcomp_strm strm[NR_CPUS];
	/* counters, under lock */
	unsigned long pages_stored, compr_data_size, same_pages, huge_pages, max_used_pages;
	unsigned long rejected_compress_poor;	/* zram_store_page refused: did not compress */
	struct zram_io_stat io;
};

#ifdef HOST_TEST
extern struct zram zram;
extern enum zram_lz4_mode lz4_mode;
extern unsigned long bootarg_disksize, bootarg_mem_limit;
bool zram_size_arg(const char *val, unsigned long *size);
int parse_zram_size(const char *val);
int parse_zram_mem_limit(const char *val);
int parse_zram_lz4(const char *val);
struct zram_table_entry *zram_entry(unsigned long index);
int cmd_zram(int argc, char **argv);
#endif

#endif
