/*
 * The swap area's internals: the slot table, the compression streams, the
 * device itself. Only for mm/zram.c, the files beside it (mm/zram_*.c) and
 * the host test (tests/host/test_zram.c, which compares the stored lz4
 * blocks with the host library's, plants blocks made by another compressor
 * and damages them); the interface is include/linux/swap.h and
 * include/linux/zram.h. The functions declared at the end are static in the
 * kernel and visible only in host builds (VISIBLE_IF_KUNIT,
 * include/linux/compiler.h).
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

/* mm/zram.c: the one swap area. */
extern struct zram zram;
/* The entry of an allocated slot, or NULL after a report naming who. zram.lock held. */
struct zram_table_entry *zram_slot_entry(unsigned long slot, const char *who);

/* mm/zram_bootargs.c: zram.size= and zram.mem_limit= in bytes, 0 if not given. */
extern unsigned long zram_bootarg_disksize, zram_bootarg_mem_limit;

/*
 * mm/zram_lz4.c: lz4 one page at src into dst (dst_size bytes) with the
 * entry point selected, using state (LZ4_sizeofState() bytes, set up by
 * LZ4_initStream); the compressed size, or <= 0 on failure. NEON in use.
 */
int zram_lz4_compress(void *state, const void *src, char *dst, int dst_size);

#ifdef HOST_TEST
bool zram_size_arg(const char *val, unsigned long *size);	/* mm/zram_bootargs.c */
int parse_zram_size(const char *val);
int parse_zram_mem_limit(const char *val);
int parse_zram_lz4(const char *val);				/* mm/zram_lz4.c */
struct zram_table_entry *zram_entry(unsigned long index);	/* mm/zram.c */
int cmd_zram(int argc, char **argv);				/* mm/zram_show.c */
#endif

#endif
