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
struct page *rmqueue_pcplist(struct zone *zone, int migratetype);
void free_unref_page(struct page *page);
void zone_pcp_init(struct zone *zone);		/* empty lists, at free_area_init */
void zone_pcp_update(struct zone *zone);	/* batch/high from managed_pages */

/* Checks, mm/page_alloc_debug.c. */
/*
 * Decide whether __free_pages(page, order) may go ahead. If not, print one
 * "BUG: Bad page state" line naming the pfn and the problem, and return false;
 * the caller then refuses the free and touches no list.
 */
bool free_pages_check(struct page *page, unsigned int order);
/* Flags an owner must clear before the last reference goes (PG_slab, PG_lru ...). */
bool free_pages_flags_bad(struct page *page, unsigned int order);
void bad_page_addr(const char *fn, unsigned long addr, const char *reason);
/* The one-line allocation failure report (Linux: warn_alloc). */
void warn_alloc(gfp_t gfp, unsigned int order);

/* Pages in one pageblock's flags byte: index of pfn's pageblock in the zone. */
static inline unsigned long pageblock_index(const struct zone *zone, unsigned long pfn)
{
	return (pfn >> pageblock_order) - (zone->zone_start_pfn >> pageblock_order);
}

#endif
