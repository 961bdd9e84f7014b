/*
 * memblock: the boot-time memory map, before any page allocator exists.
 *
 * Two sorted lists of physical ranges: "memory" (what RAM exists, from the
 * device tree /memory nodes) and "reserved" (what is in use: the kernel
 * image, the DTB, early page tables, /reserved-memory ...). Everything in
 * memory and not in reserved is free, and memblock_alloc() hands it out by
 * adding to reserved. When the buddy allocator starts, memblock_free_all()
 * gives every free range to it. Mirrors Linux's include/linux/memblock.h;
 * the code is in mm/memblock.c (and memblock_free_all in mm/mm_init.c).
 *
 * Only static arrays are used, so memblock works before anything else.
 */
#ifndef _LINUX_MEMBLOCK_H
#define _LINUX_MEMBLOCK_H

#include <linux/types.h>

#ifndef PHYS_ADDR_MAX
#define PHYS_ADDR_MAX	(~(phys_addr_t)0)
#endif

/* Array sizes. Linux starts at 128 and doubles them; we panic instead. */
#define INIT_MEMBLOCK_REGIONS		128
#define INIT_MEMBLOCK_RESERVED_REGIONS	128

/* Region flags, with Linux's values. */
enum memblock_flags {
	MEMBLOCK_NONE	= 0x0,
	MEMBLOCK_NOMAP	= 0x4,	/* RAM that must not be in the linear map (DT no-map) */
};

struct memblock_region {
	phys_addr_t base;
	phys_addr_t size;
	enum memblock_flags flags;
};

struct memblock_type {
	unsigned long cnt;		/* regions in use */
	unsigned long max;		/* capacity of regions[] */
	phys_addr_t total_size;		/* sum of all region sizes */
	struct memblock_region *regions;
	const char *name;		/* "memory" or "reserved", for the dump and panics */
};

struct memblock {
	bool bottom_up;			/* allocate from low addresses up (default: top down) */
	phys_addr_t current_limit;	/* memblock_alloc() stays below this */
	struct memblock_type memory;
	struct memblock_type reserved;
};

extern struct memblock memblock;
extern bool memblock_debug;		/* Linux's "memblock=debug": log every call */

/* Limits for memblock_alloc_range()'s end, with Linux's meaning. */
#define MEMBLOCK_ALLOC_ANYWHERE		PHYS_ADDR_MAX	/* no limit at all */
#define MEMBLOCK_ALLOC_ACCESSIBLE	0		/* up to memblock.current_limit */

/* Building the map. All return 0 (they panic if a static array overflows). */
int memblock_add(phys_addr_t base, phys_addr_t size);
int memblock_remove(phys_addr_t base, phys_addr_t size);
int memblock_reserve(phys_addr_t base, phys_addr_t size);
/*
 * Un-reserve a range (Linux's meaning: give back what memblock_reserve or
 * memblock_alloc took). Linux 5.16 renamed this memblock_phys_free() and made
 * memblock_free() take a virtual address; here it takes the physical one.
 */
int memblock_free(phys_addr_t base, phys_addr_t size);
int memblock_mark_nomap(phys_addr_t base, phys_addr_t size);
int memblock_clear_nomap(phys_addr_t base, phys_addr_t size);

/*
 * Allocation: find a free range, reserve it, return its physical address,
 * or 0 with an error line if nothing fits. Memory is not cleared. Linux's
 * equivalent is memblock_phys_alloc(); its memblock_alloc() returns a
 * zeroed virtual address.
 */
phys_addr_t memblock_alloc(phys_addr_t size, phys_addr_t align);
/* The same inside [start, end); end = MEMBLOCK_ALLOC_ACCESSIBLE means current_limit. */
phys_addr_t memblock_alloc_range(phys_addr_t size, phys_addr_t align,
				 phys_addr_t start, phys_addr_t end);

void memblock_set_bottom_up(bool enable);
bool memblock_bottom_up(void);
void memblock_set_current_limit(phys_addr_t limit);
phys_addr_t memblock_get_current_limit(void);

/* Queries. */
phys_addr_t memblock_phys_mem_size(void);
phys_addr_t memblock_reserved_size(void);
phys_addr_t memblock_start_of_DRAM(void);
phys_addr_t memblock_end_of_DRAM(void);
bool memblock_is_memory(phys_addr_t addr);
bool memblock_is_map_memory(phys_addr_t addr);	/* memory and not NOMAP */
bool memblock_is_reserved(phys_addr_t addr);

/*
 * Free ranges: memory minus reserved minus NOMAP, in ascending order.
 * The cursor packs two indexes (memory region, gap between reserved
 * regions) like Linux's __next_mem_range; it ends at PHYS_ADDR_MAX.
 *
 *	u64 i; phys_addr_t start, end;
 *	for_each_free_mem_range(i, &start, &end)
 *		... [start, end) is free ...
 */
void __next_free_mem_range(u64 *idx, phys_addr_t *out_start, phys_addr_t *out_end);
#define for_each_free_mem_range(i, p_start, p_end)			\
	for (i = 0, __next_free_mem_range(&i, p_start, p_end);		\
	     i != (u64)PHYS_ADDR_MAX;					\
	     __next_free_mem_range(&i, p_start, p_end))

/* Print both lists in Linux's format ("MEMBLOCK configuration:"). */
void memblock_dump_all(void);

/*
 * Hand every free range to the buddy allocator (mm/mm_init.c). Needs
 * free_area_init() first; returns the number of pages released.
 * After this, memblock_alloc() must not be used: the buddy owns the memory.
 */
unsigned long memblock_free_all(void);

#endif
