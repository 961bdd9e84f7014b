/* Page flags: bits of struct page.flags, named as in Linux's page-flags.h. */
#ifndef _LINUX_PAGE_FLAGS_H
#define _LINUX_PAGE_FLAGS_H

#include <linux/mm_types.h>

enum pageflags {
	PG_reserved,	/* never given to the buddy allocator (memblock reserved, no-map) */
	PG_buddy,	/* free, heads a block of 2^private pages on a free list */
	PG_slab,	/* owned by SLUB */
	PG_head,	/* first page of a multi-page allocation (order in private) */
	PG_lru,		/* on an LRU list */
	PG_active,	/* classic LRU: on the active list */
	PG_referenced,	/* classic LRU / CLOCK second-chance bit */
	PG_swapbacked,	/* anonymous memory that goes to swap */
	PG_swapcache,	/* private holds a swap entry */
	PG_dirty,
	PG_locked,
	PG_zsmalloc,	/* part of a zspage: private points at it (Linux: the zsmalloc page type) */
	PG_dcache_clean,	/* instruction fetch sees its contents (arm64's PG_arch_1) */
	__NR_PAGEFLAGS,
};

/* Bits above __NR_PAGEFLAGS: the migratetype and the LRU generation. */
#define PAGE_MT_SHIFT	16
#define PAGE_MT_MASK	(0x7UL << PAGE_MT_SHIFT)
#define LRU_GEN_SHIFT	20
#define LRU_GEN_MASK	(0x7UL << LRU_GEN_SHIFT)	/* gen + 1, 0 = not on lru_gen */
#define LRU_REFS_SHIFT	24
#define LRU_REFS_MASK	(0x3UL << LRU_REFS_SHIFT)

#define PAGEFLAG(name, bit)						\
static inline bool Page##name(const struct page *p)			\
	{ return (p->flags >> bit) & 1; }				\
static inline void SetPage##name(struct page *p)			\
	{ p->flags |= 1UL << bit; }					\
static inline void ClearPage##name(struct page *p)			\
	{ p->flags &= ~(1UL << bit); }

PAGEFLAG(Reserved, PG_reserved)
PAGEFLAG(Buddy, PG_buddy)
PAGEFLAG(Slab, PG_slab)
PAGEFLAG(Head, PG_head)
PAGEFLAG(LRU, PG_lru)
PAGEFLAG(Active, PG_active)
PAGEFLAG(Referenced, PG_referenced)
PAGEFLAG(SwapBacked, PG_swapbacked)
PAGEFLAG(SwapCache, PG_swapcache)
PAGEFLAG(Dirty, PG_dirty)
PAGEFLAG(Locked, PG_locked)
PAGEFLAG(Zsmalloc, PG_zsmalloc)
PAGEFLAG(DcacheClean, PG_dcache_clean)

#endif
