/*
 * Per-CPU page lists: a small cache of free order-0 pages in front of the
 * buddy lists (Linux: the "pcp" code in mm/page_alloc.c, struct per_cpu_pages).
 *
 * Most allocations are single pages. Taking the zone lock for each one makes
 * every CPU fight over one lock and one set of cache lines. Instead each CPU
 * keeps its own lists: an allocation pops a page, a free pushes one. Only
 * when a list is empty does the CPU take the zone lock, to move "batch"
 * pages in at once (rmqueue_bulk); and when it holds "high" pages it gives
 * "batch" back (free_pcppages_bulk). A freed page is pushed on the front and
 * popped first, so it is likely still in the cache ("hot").
 *
 * Locking: each pcp has its own spinlock, taken with interrupts masked, so
 * the owning CPU and a remote drain_all_pages() can both touch it (Linux
 * 6.0 and later: "mm/page_alloc: protect PCP lists with a spinlock"; before,
 * an IRQ-safe local_lock, and a remote drain had to run on each CPU). Lock
 * order: pcp->lock, then zone->lock.
 *
 * Pages on these lists are free but not PG_buddy and not in NR_FREE_PAGES:
 * the buddy allocator cannot merge them until they are drained.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/vmstat.h>
#include <string.h>
#include "internal.h"

bool pcp_on = true;	/* not static: page_alloc.c reads it inline on the fast paths */

bool pcp_enabled(void)
{
	return READ_ONCE(pcp_on);
}

/*
 * Bypass the lists (off) or use them (on). Turning them off drains every
 * CPU; a free racing on another CPU may leave a page behind until the next
 * drain, which is harmless. Not in Linux: there, percpu_pagelist_high_fraction
 * only resizes the lists. Here it lets the benchmark compare both paths.
 */
void set_pcp_enabled(bool on)
{
	WRITE_ONCE(pcp_on, on);
	if (!on)
		drain_all_pages();
}

/*
 * Move up to count pages from the buddy lists to a pcp list. Caller holds
 * pcp->lock with interrupts masked. Returns the number moved. noinline, as
 * is free_pcppages_bulk: inlined, they would make the fast paths' prologue
 * save registers only the refill and the drain need.
 * (Linux: rmqueue_bulk.)
 */
static noinline int rmqueue_bulk(struct zone *zone, int count, struct list_head *list,
			int migratetype)
{
	int i;

	spin_lock(&zone->lock);		/* interrupts are already masked */
	for (i = 0; i < count; i++) {
		struct page *page = __rmqueue(zone, 0, migratetype);

		if (!page)
			break;
		list_add_tail(&page->lru, list);
	}
	__mod_zone_freepage_state(zone, -i);	/* the batch at once (Linux <= 6.9 too) */
	spin_unlock(&zone->lock);
	return i;
}

/*
 * Give count pages back to the buddy lists, oldest (tail) first, taking the
 * migratetype lists in turn. Caller holds pcp->lock with interrupts masked.
 * (Linux: free_pcppages_bulk.)
 */
static noinline void free_pcppages_bulk(struct zone *zone, int count, struct per_cpu_pages *pcp)
{
	int mt = 0;

	spin_lock(&zone->lock);
	while (count > 0 && pcp->count > 0) {
		struct list_head *list = &pcp->lists[mt];
		struct page *page;

		mt = (mt + 1) % MIGRATE_TYPES;
		if (list_empty(list))
			continue;
		page = list_last_entry(list, struct page, lru);
		list_del(&page->lru);
		pcp->count--;
		count--;
		__free_one_page(page, page_to_pfn(page), zone, 0,
				get_pageblock_migratetype(page));
	}
	spin_unlock(&zone->lock);
}

/*
 * Take one page of this migratetype from this CPU's list, refilling it from
 * the buddy lists when empty. Returns NULL if the zone has none.
 * (Linux: rmqueue_pcplist / __rmqueue_pcplist.)
 *
 * The fast path is: mask IRQs, take the pcp lock, pop, unlock, unmask. The
 * PGALLOC_NORMAL event is counted here, while IRQs are masked anyway, with
 * the plain add (Linux counts PGALLOC with __count_zid_vm_events, the
 * variant for callers that cannot be interrupted or migrated); counting it
 * in alloc_pages would mask IRQs a second time just for the counter.
 */
struct page *rmqueue_pcplist(struct zone *zone, int migratetype)
{
	unsigned long flags = arch_local_irq_save();
	struct per_cpu_pages *pcp = &zone->pcp[smp_processor_id()];
	struct list_head *list = &pcp->lists[migratetype];
	struct page *page = NULL;

	spin_lock(&pcp->lock);
	if (unlikely(list_empty(list)))
		pcp->count += rmqueue_bulk(zone, pcp->batch, list, migratetype);
	if (likely(!list_empty(list))) {
		page = list_first_entry(list, struct page, lru);
		list_del(&page->lru);
		pcp->count--;
		__count_vm_events(PGALLOC_NORMAL, 1);
	}
	spin_unlock(&pcp->lock);
	arch_local_irq_restore(flags);
	return page;
}

/*
 * Put a freed order-0 page on this CPU's list; give a batch back once the
 * list holds "high" pages. The caller has checked the page and passes its
 * pfn. (Linux: free_unref_page / free_unref_page_commit; like Linux, which
 * counts PGFREE with __count_vm_events in free_unref_page_commit, the event
 * is counted inside the masked section rather than masking again for it.)
 */
void free_unref_page(struct page *page, unsigned long pfn)
{
	struct zone *zone = page_zone(page);
	int migratetype = get_pfnblock_migratetype(zone, pfn);
	unsigned long flags = arch_local_irq_save();
	struct per_cpu_pages *pcp = &zone->pcp[smp_processor_id()];

	spin_lock(&pcp->lock);
	list_add(&page->lru, &pcp->lists[migratetype]);
	__count_vm_events(PGFREE, 1);
	if (unlikely(++pcp->count >= pcp->high))
		free_pcppages_bulk(zone, pcp->batch, pcp);
	spin_unlock(&pcp->lock);
	arch_local_irq_restore(flags);
}

/* Return everything on one CPU's lists to the buddy allocator (Linux: drain_pages_zone). */
static void drain_pages_zone(unsigned int cpu, struct zone *zone)
{
	struct per_cpu_pages *pcp = &zone->pcp[cpu];
	unsigned long flags;

	spin_lock_irqsave(&pcp->lock, flags);
	if (pcp->count)
		free_pcppages_bulk(zone, pcp->count, pcp);
	spin_unlock_irqrestore(&pcp->lock, flags);
}

void drain_local_pages(void)
{
	unsigned long flags = arch_local_irq_save();
	unsigned int cpu = smp_processor_id();

	arch_local_irq_restore(flags);
	drain_pages_zone(cpu, &zone_normal);
}

/*
 * Drain every CPU's lists, e.g. before giving up on an allocation or to
 * count free pages exactly. Remote lists are reached under their own lock.
 */
void drain_all_pages(void)
{
	unsigned int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		drain_pages_zone(cpu, &zone_normal);
}

/* Pages sitting on all per-CPU lists (a snapshot). */
unsigned long nr_pcp_pages(void)
{
	unsigned long n = 0;
	unsigned int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		n += READ_ONCE(zone_normal.pcp[cpu].count);
	return n;
}

/* Empty lists; batch 1 until zone_pcp_update() knows the zone's size. */
void zone_pcp_init(struct zone *zone)
{
	unsigned int cpu;
	int mt;

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		struct per_cpu_pages *pcp = &zone->pcp[cpu];

		spin_lock_init(&pcp->lock);
		pcp->count = 0;
		pcp->batch = 1;
		pcp->high = 6;
		pcp->stat_threshold = 0;	/* fold every change until mem_init sizes it */
		memset(pcp->vm_stat_diff, 0, sizeof(pcp->vm_stat_diff));
		for (mt = 0; mt < MIGRATE_TYPES; mt++)
			INIT_LIST_HEAD(&pcp->lists[mt]);
	}
}

/*
 * Size the lists from the zone: batch is about a quarter of 1/1024 of the
 * zone, at most 64 pages (256 KiB / 4), rounded to 2^n - 1 (Linux found
 * that the power-of-two sizes caused cache colouring problems), and
 * high = 6 * batch. (Linux: zone_batchsize and the classic pageset_set_batch;
 * newer kernels derive high from the low watermark.)
 */
void zone_pcp_update(struct zone *zone)
{
	unsigned long batch = zone->managed_pages / 1024;
	unsigned int cpu;

	batch = min(batch, SZ_1M / PAGE_SIZE);
	batch /= 4;
	if (batch < 2)
		batch = 2;
	batch += batch / 2;
	while (batch & (batch - 1))		/* round down to a power of two ... */
		batch &= batch - 1;
	batch -= 1;				/* ... minus one */

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		struct per_cpu_pages *pcp = &zone->pcp[cpu];
		unsigned long flags;

		spin_lock_irqsave(&pcp->lock, flags);
		pcp->batch = (int)batch;
		pcp->high = (int)(6 * batch);
		spin_unlock_irqrestore(&pcp->lock, flags);
	}
}
