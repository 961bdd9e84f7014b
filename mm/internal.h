/*
 * What the files of the page allocator share and nobody else should call
 * (Linux: mm/internal.h). The allocator is split by mechanism:
 *
 *   mm/page_alloc.c       buddy free lists: split, merge, fallback, alloc/free, watermarks
 *   mm/percpu_pagelist.c  per-CPU order-0 lists in front of the buddy lists
 *   mm/page_alloc_debug.c bad-free detection and the allocation-failure report
 *   mm/mm_init.c          mem_map, hand-over from memblock, watermark tunables
 *   mm/vmstat.c           counters, buddyinfo, pagetypeinfo, fragmentation index
 */
#ifndef _MM_INTERNAL_H
#define _MM_INTERNAL_H

#include <linux/mm.h>
#include <linux/mmzone.h>

/* Buddy core, mm/page_alloc.c. Both need zone->lock held. */
struct page *__rmqueue(struct zone *zone, unsigned int order, int migratetype);
void __free_one_page(struct page *page, unsigned long pfn, struct zone *zone,
		     unsigned int order, int migratetype);

/* Per-CPU lists, mm/percpu_pagelist.c. Take the pcp lock, then the zone lock. */
extern bool pcp_on;	/* read through pcp_enabled(), inline on the fast paths */
/* Both count PGALLOC_NORMAL / PGFREE themselves, inside the section they mask. */
struct page *rmqueue_pcplist(struct zone *zone, int migratetype);
void free_unref_page(struct page *page, unsigned long pfn);
void zone_pcp_init(struct zone *zone);		/* empty lists, at free_area_init */
void zone_pcp_update(struct zone *zone);	/* batch/high from managed_pages */

/* Checks, mm/page_alloc_debug.c. */
/*
 * Flags an owner must clear before the last reference goes (Linux:
 * PAGE_FLAGS_CHECK_AT_FREE). __free_pages tests page->flags against this
 * mask once; free_pages_flags_bad() names the culprit (its table lists the
 * same bits; a bit missing there is still reported, by its flag word).
 */
#define PAGE_FLAGS_CHECK_AT_FREE						\
	((1UL << PG_buddy) | (1UL << PG_slab) | (1UL << PG_lru) |		\
	 (1UL << PG_locked) | (1UL << PG_swapcache) | (1UL << PG_zsmalloc))
/*
 * Decide whether __free_pages(page, order) may go ahead. If not, print one
 * "BUG: Bad page state" line naming the pfn and the problem, and return false;
 * the caller then refuses the free and touches no list. The slow, detailed
 * half: __free_pages calls it only when its cheap test fails.
 */
bool free_pages_check(struct page *page, unsigned int order);
/* The reporter for PAGE_FLAGS_CHECK_AT_FREE and the mapcount (PG_slab, PG_lru ...). */
bool free_pages_flags_bad(struct page *page, unsigned int order);
void bad_page_addr(const char *fn, unsigned long addr, const char *reason);
/* The one-line allocation failure report (Linux: warn_alloc). */
void warn_alloc(gfp_t gfp, unsigned int order);

/* Pages in one pageblock's flags byte: index of pfn's pageblock in the zone. */
static inline unsigned long pageblock_index(const struct zone *zone, unsigned long pfn)
{
	return (pfn >> pageblock_order) - (zone->zone_start_pfn >> pageblock_order);
}

/* The migratetype of pfn's pageblock, inline for the free fast path (Linux: get_pfnblock_migratetype). */
static inline int get_pfnblock_migratetype(const struct zone *zone, unsigned long pfn)
{
	return zone->pageblock_flags[pageblock_index(zone, pfn)];
}

#endif
