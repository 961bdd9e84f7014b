/*
 * The zone: the buddy allocator's state (Linux: include/linux/mmzone.h).
 *
 * Linux splits RAM into nodes and each node into zones (DMA, DMA32, Normal,
 * Movable). This kernel has one node and one zone, "Normal", covering all of
 * mem_map; the structures keep Linux's names and shapes so that the code in
 * mm/page_alloc.c reads like Linux's.
 */
#ifndef _LINUX_MMZONE_H
#define _LINUX_MMZONE_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/cache.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/gfp.h>
#include <linux/mm_types.h>
#include <linux/page-flags.h>
#include <asm/processor.h>

#ifndef MAX_ORDER
#define MAX_ORDER	11	/* as in linux/mm.h: orders 0..10 */
#endif
#define MAX_ORDER_NR_PAGES	(1UL << (MAX_ORDER - 1))

/*
 * Migratetypes group pages by how they may be moved, so that unmovable
 * kernel allocations do not pepper all of RAM and block large allocations
 * (Mel Gorman's anti-fragmentation). Linux also has RECLAIMABLE,
 * HIGHATOMIC, CMA and ISOLATE; two are enough to show the idea.
 */
enum migratetype {
	MIGRATE_UNMOVABLE,
	MIGRATE_MOVABLE,
	MIGRATE_TYPES
};
extern const char * const migratetype_names[MIGRATE_TYPES];

static inline int gfp_migratetype(gfp_t gfp)
{
	return (gfp & __GFP_MOVABLE) ? MIGRATE_MOVABLE : MIGRATE_UNMOVABLE;
}

/*
 * A pageblock is the unit that carries a migratetype. Linux on arm64 with 4K
 * pages uses pageblock_order 9 (2 MiB); here a pageblock is one max-order
 * block (4 MiB), so a buddy merge never joins two pageblocks of different
 * types. The type is kept in zone->pageblock_flags, one byte per pageblock,
 * allocated beside mem_map (Linux packs it into a bitmap of the same name).
 * Like Linux, every pageblock starts MIGRATE_MOVABLE.
 */
#define pageblock_order		(MAX_ORDER - 1)
#define pageblock_nr_pages	(1UL << pageblock_order)

struct free_area {
	struct list_head free_list[MIGRATE_TYPES];
	unsigned long nr_free;		/* blocks of this order, all types */
};

/*
 * Page counts kept per zone, in the vmstat way (Linux: enum zone_stat_item,
 * zone->vm_stat, the per-CPU vm_stat_diff; see include/linux/vmstat.h).
 */
enum zone_stat_item {
	NR_FREE_PAGES,		/* pages on the free_area lists (not the per-CPU lists) */
	NR_PAGETABLE,		/* page-table pages (meminfo "PageTables"; Linux: a node item) */
	NR_VM_ZONE_STAT_ITEMS
};

enum zone_watermarks {
	WMARK_MIN,	/* below this only __GFP_HIGH (atomic) allocations succeed */
	WMARK_LOW,	/* below this kswapd is woken */
	WMARK_HIGH,	/* kswapd reclaims until free is above this */
	NR_WMARK
};

/*
 * Per-CPU lists of free order-0 pages (Linux: struct per_cpu_pages). Most
 * allocations are single pages; taking them from a CPU-local list avoids the
 * zone lock. Refilled and drained "batch" pages at a time under the zone
 * lock; drained when count reaches "high". One list per migratetype, as
 * Linux does, so a movable request never gets an unmovable page. Pages on
 * these lists are not counted in NR_FREE_PAGES (as in Linux). One
 * cache line at least each (Linux keeps them in per-CPU memory), so CPUs
 * allocating at once do not take each other's line.
 */
struct per_cpu_pages {
	spinlock_t lock;		/* this CPU and a remote drain_all_pages() */
	int count;			/* pages on the lists */
	int high;			/* drain when count reaches this */
	int batch;			/* pages moved per refill or drain */
	struct list_head lists[MIGRATE_TYPES];
	/*
	 * This CPU's not yet folded changes to zone->vm_stat, and how far one
	 * may drift before it is folded (Linux <= 5.13: per_cpu_pageset's
	 * stat_threshold and vm_stat_diff beside the pcp; later kernels moved
	 * them to per_cpu_zonestat). Only this CPU writes them, with IRQs
	 * masked; see __mod_zone_page_state().
	 */
	s8 stat_threshold;
	s8 vm_stat_diff[NR_VM_ZONE_STAT_ITEMS];
} ____cacheline_aligned_in_smp;

struct zone {
	unsigned long _watermark[NR_WMARK];
	const char *name;
	unsigned long zone_start_pfn;
	unsigned long spanned_pages;	/* pfns covered, holes included */
	unsigned long present_pages;	/* pfns that are RAM (memblock memory) */
	unsigned long managed_pages;	/* pages given to the buddy allocator */

	spinlock_t lock;		/* free_area and NR_FREE_PAGES changes; taken irqsave */
	/*
	 * Folded counts (zone_page_state); each CPU's vm_stat_diff is not in
	 * them yet. zone_watermark_ok counts exactly (the snapshot) while the
	 * folded free count is below percpu_drift_mark.
	 */
	atomic_long_t vm_stat[NR_VM_ZONE_STAT_ITEMS];
	unsigned long percpu_drift_mark;
	struct free_area free_area[MAX_ORDER];
	u8 *pageblock_flags;		/* migratetype per pageblock, see above */

	struct per_cpu_pages pcp[NR_CPUS];	/* Linux: zone->per_cpu_pageset (percpu) */
};

/* The only zone. Linux: NODE_DATA(0)->node_zones[ZONE_NORMAL]. */
extern struct zone zone_normal;

static inline struct zone *page_zone(const struct page *page)
{
	(void)page;
	return &zone_normal;
}

#define min_wmark_pages(z)	((z)->_watermark[WMARK_MIN])
#define low_wmark_pages(z)	((z)->_watermark[WMARK_LOW])
#define high_wmark_pages(z)	((z)->_watermark[WMARK_HIGH])

/* alloc_flags: which watermark to check and how far below it we may go (Linux: mm/internal.h). */
#define ALLOC_WMARK_MIN		WMARK_MIN
#define ALLOC_WMARK_LOW		WMARK_LOW
#define ALLOC_WMARK_HIGH	WMARK_HIGH
#define ALLOC_WMARK_MASK	0x3
#define ALLOC_NO_WATERMARKS	0x04	/* a reclaiming task (PF_MEMALLOC): no watermark at all */
#define ALLOC_HIGH		0x10	/* __GFP_HIGH: may use half of the min reserve */

/* Rounds of reclaim without progress before the allocator or kswapd gives up (Linux: 16). */
#define MAX_RECLAIM_RETRIES	16
/* Orders above this are "costly": never worth an OOM kill (Linux: 3). */
#define PAGE_ALLOC_COSTLY_ORDER	3

/*
 * True if taking 2^order pages leaves free above mark (lowered for
 * ALLOC_HIGH) and a block of at least that order exists. Reads the zone
 * without its lock, as Linux does (the answer is a hint).
 */
bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
		       unsigned int alloc_flags);

/* Pageblock migratetype of the block containing page. */
int get_pageblock_migratetype(const struct page *page);
void set_pageblock_migratetype(struct page *page, int migratetype);

/* Order of a free (PG_buddy) block head. */
static inline unsigned int buddy_order(const struct page *page)
{
	return (unsigned int)page->private;
}

/*
 * Reclaim, as the allocator sees it (mm/vmscan.c; host tests play these).
 *   wakeup_kswapd: free pages fell below the low watermark.
 *   try_to_free_pages: direct reclaim, below min; returns pages reclaimed.
 *   zone_reclaimable_pages: what reclaim could still free (anonymous pages
 *     the swap area has room for), for should_reclaim_retry.
 *   current_is_reclaiming: the running task is reclaiming (PF_MEMALLOC) in
 *     task context: its allocations skip the watermarks and never recurse
 *     into reclaim.
 */
void wakeup_kswapd(struct zone *zone, gfp_t gfp, unsigned int order);
unsigned long try_to_free_pages(struct zone *zone, unsigned int order, gfp_t gfp);
unsigned long zone_reclaimable_pages(struct zone *zone);
bool current_is_reclaiming(void);

/* ---- boot: the hand-over from memblock (mm/mm_init.c) ---------------------
 *
 * Order at boot, after memblock is complete and per-CPU data works:
 *   free_area_init(PHYS_PFN(memblock_start_of_DRAM()),
 *                  PHYS_PFN(memblock_end_of_DRAM()));
 *   mem_init(&sizes);   frees memblock's free ranges to the buddy,
 *                       sets watermarks and per-CPU lists, prints "Memory: ..."
 */
struct kernel_image_sizes {	/* bytes; for the "Memory:" line only */
	unsigned long code, rwdata, rodata, bss;
};

/* Allocate mem_map for [min_pfn, max_pfn) from memblock; every page starts PG_reserved. */
void free_area_init(unsigned long min_pfn, unsigned long max_pfn);
/* memblock_free_all + watermarks + per-CPU lists + mem_init_print_info. */
void mem_init(const struct kernel_image_sizes *sizes);
void mem_init_print_info(const struct kernel_image_sizes *sizes);
/* Pages the buddy allocator manages (Linux: totalram_pages()). */
unsigned long totalram_pages(void);

/* Hand 2^order boot pages (PG_reserved, from memblock) to the buddy allocator. */
void __free_pages_core(struct page *page, unsigned int order);

/* ---- tunables (mm/page_alloc.c) ------------------------------------------ */
extern int min_free_kbytes;
extern int watermark_scale_factor;	/* in 1/10000 of managed pages; Linux default 10 */
/* "min_free_kbytes=" from bootargs, or the sysctl: sets it and recomputes watermarks. */
void setup_min_free_kbytes(unsigned long kbytes);
/* 128 KiB .. a quarter of RAM: what the sysctl and the boot argument accept. */
bool min_free_kbytes_valid(long kbytes);
/* Default min_free_kbytes = sqrt(16 * lowmem KiB), clamped, unless the user set one. */
void init_per_zone_wmark_min(void);
void setup_per_zone_wmarks(void);
/* Turn the per-CPU order-0 lists on or off (off drains them); for benchmarks. */
void set_pcp_enabled(bool on);
bool pcp_enabled(void);
/* Return per-CPU pages to the buddy lists: this CPU / every CPU. */
void drain_local_pages(void);
void drain_all_pages(void);
unsigned long nr_pcp_pages(void);

#endif
