/*
 * zsmalloc: a pool that packs many small objects (compressed pages) into
 * "zspages" of one to four order-0 pages, with little waste and without
 * needing contiguous physical memory (Linux: mm/zsmalloc.c,
 * include/linux/zsmalloc.h). mm/zram.c keeps its compressed pages here.
 *
 * Objects are named by an opaque handle, not a pointer: the object may
 * straddle two pages of its zspage, so it is reached through
 * zs_map_object()/zs_unmap_object(), which copy through a per-CPU bounce
 * buffer in that case.
 *
 * Differences from Linux, on purpose: one lock per pool (Linux: one per
 * class), a bitmap of used objects per zspage (Linux: a free list threaded
 * through the free objects), handles that encode the object's place directly
 * (Linux: a handle points at a slot holding the place, so compaction can move
 * the object); hence no compaction here and pages_compacted stays 0.
 */
#ifndef _LINUX_ZSMALLOC_H
#define _LINUX_ZSMALLOC_H

#include <linux/types.h>
#include <linux/gfp.h>

#define ZS_MAX_PAGES_PER_ZSPAGE	4	/* Linux: CONFIG_ZSMALLOC_CHAIN_SIZE (was 4, now 8) */
#define ZS_MIN_ALLOC_SIZE	32
#define ZS_SIZE_CLASS_DELTA	16	/* Linux: PAGE_SIZE >> CLASS_BITS */
#define ZS_MAX_ALLOC_SIZE	4096	/* PAGE_SIZE: a page stored uncompressed */

struct zs_pool;

enum zs_mapmode {
	ZS_MM_RW,	/* read and write: copied in at map, back at unmap */
	ZS_MM_RO,	/* read only: not copied back */
	ZS_MM_WO,	/* write only: not copied in */
};

/* Create an empty pool (no pages yet); NULL if the metadata cannot be allocated. */
struct zs_pool *zs_create_pool(const char *name);
/* Free an empty pool. Objects still allocated are reported and their pages freed. */
void zs_destroy_pool(struct zs_pool *pool);

/*
 * Allocate an object of size bytes (1..ZS_MAX_ALLOC_SIZE) from the class
 * that fits it. May take new pages from the buddy allocator with gfp (pass
 * GFP_NOWAIT | __GFP_NOWARN from reclaim: it must not recurse into
 * reclaim). Returns a handle, never 0, or 0 on failure. Takes the pool lock.
 */
unsigned long zs_malloc(struct zs_pool *pool, size_t size, gfp_t gfp);
/*
 * Free an object. Its zspage goes back to the buddy allocator when it was
 * the last object in it. A bad handle or a double free is reported and
 * refused. Takes the pool lock.
 */
void zs_free(struct zs_pool *pool, unsigned long handle);

/*
 * Return a pointer to the object's bytes (its class size, at least the size
 * asked for). If the object spans two pages, they are copied into this CPU's
 * bounce buffer (unless mm is ZS_MM_WO) and copied back by zs_unmap_object
 * (unless ZS_MM_RO). Interrupts are masked from map to unmap (the bounce
 * buffer is per CPU; Linux disables preemption), so keep the window short,
 * do not sleep, and do not map a second object before unmapping the first.
 * Returns NULL, after a report, for a bad handle.
 */
void *zs_map_object(struct zs_pool *pool, unsigned long handle, enum zs_mapmode mm);
void zs_unmap_object(struct zs_pool *pool, unsigned long handle);

/* Size of the class that serves size bytes (what an object really occupies). */
unsigned int zs_lookup_class_size(struct zs_pool *pool, size_t size);
/*
 * The smallest object size stored one per page ("huge"): nothing is gained
 * by compressing a page to this size or more, zram stores it as is.
 */
size_t zs_huge_class_size(struct zs_pool *pool);
/* Pages the pool holds (zram's mem_used_total / PAGE_SIZE). */
unsigned long zs_get_total_pages(struct zs_pool *pool);

struct zs_pool_stats {
	unsigned long pages_compacted;	/* always 0: no compaction here */
};
void zs_pool_stats(struct zs_pool *pool, struct zs_pool_stats *stats);

/* One size class, as /sys/kernel/debug/zsmalloc/<pool>/classes shows it. */
struct zs_class_stats {
	unsigned int size;		/* object size of the class */
	unsigned int pages_per_zspage;
	unsigned int objs_per_zspage;
	unsigned long almost_full;	/* zspages more than 3/4 used */
	unsigned long almost_empty;	/* zspages at most 3/4 used */
	unsigned long full;
	unsigned long obj_allocated;	/* object places in this class's zspages */
	unsigned long obj_used;
	unsigned long pages_used;
	unsigned long freeable;		/* pages a perfect compaction would free */
};
/* Stats of the class serving size bytes. */
void zs_class_stats(struct zs_pool *pool, size_t size, struct zs_class_stats *st);
/* Print the classes that hold pages (all of them if all), in Linux's debugfs format. */
void zs_show_classes(struct zs_pool *pool, bool all);

#endif
