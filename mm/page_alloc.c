/*
 * The buddy allocator (Linux: mm/page_alloc.c).
 *
 * Free memory is kept as blocks of 2^order pages, order 0..MAX_ORDER-1,
 * each naturally aligned (a block of order k starts at a pfn that is a
 * multiple of 2^k). A block's "buddy" is the other half of the block of
 * order k+1 containing it, found by flipping one bit: pfn ^ (1 << k).
 *
 *   allocate order k: take a block from the smallest non-empty list >= k
 *                     and split it, putting the unused halves back (expand)
 *   free order k:     while the buddy is free and of the same order, take it
 *                     off its list and merge; put the result on its list
 *                     (__free_one_page)
 *
 * A free block is marked on its first page only: PG_buddy set, page->private
 * = order, page->lru on zone->free_area[order].free_list[migratetype].
 * An allocated block: _refcount = 1 on its first page; for order > 0 also
 * PG_head and private = order, so a free with the wrong order is caught.
 *
 * Every allocation first checks a zone watermark (zone_watermark_ok). Below
 * "low" kswapd is woken; below "min" only __GFP_HIGH callers may dip
 * further (to min/2), others enter direct reclaim (try_to_free_pages) and,
 * when it makes no progress, the OOM killer (out_of_memory); both live in
 * mm/vmscan.c and mm/oom_kill.c. Each direct reclaim counts allocstall_normal.
 *
 * Order-0 requests go through the per-CPU lists (mm/percpu_pagelist.c)
 * unless those are switched off. Checks on free are in mm/page_alloc_debug.c.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/oom.h>
#include <linux/vmstat.h>
#include <string.h>
#include "internal.h"

struct zone zone_normal = {
	.name = "Normal",
	.lock = __SPIN_LOCK_UNLOCKED,
};

const char * const migratetype_names[MIGRATE_TYPES] = {
	"Unmovable",
	"Movable",
};


/* ---- pageblock migratetype ---------------------------------------------- */

/* Linux: get_pageblock_migratetype -> get_pfnblock_flags_mask. */
int get_pageblock_migratetype(const struct page *page)
{
	return get_pfnblock_migratetype(page_zone(page), page_to_pfn(page));
}

/* Caller holds zone->lock (or is alone at boot). */
void set_pageblock_migratetype(struct page *page, int migratetype)
{
	struct zone *zone = page_zone(page);

	zone->pageblock_flags[pageblock_index(zone, page_to_pfn(page))] = (u8)migratetype;
}

/* ---- free list primitives (zone->lock held) ----------------------------- */

/*
 * They keep nr_free in step but leave NR_FREE_PAGES to their callers, which
 * account the net change once per operation: __free_one_page adds 2^order
 * however many buddies it merges; the callers of __rmqueue take 2^order
 * however far it split, rmqueue_bulk once for its whole batch (as Linux's
 * rmqueue_bulk did up to 6.9; 6.10+ has __add_to_free_list,
 * __del_page_from_free_list and one account_freepages per operation).
 * One per-CPU counter update per operation instead of one per list
 * operation keeps the zone-lock paths close to what the plain counter cost.
 */

static void add_to_free_list(struct page *page, struct zone *zone,
			     unsigned int order, int migratetype)
{
	struct free_area *area = &zone->free_area[order];

	page->private = order;		/* Linux: set_buddy_order() */
	SetPageBuddy(page);
	list_add(&page->lru, &area->free_list[migratetype]);
	area->nr_free++;
}

static void del_page_from_free_list(struct page *page, struct zone *zone,
				    unsigned int order)
{
	list_del(&page->lru);
	ClearPageBuddy(page);
	page->private = 0;
	zone->free_area[order].nr_free--;
}

/* Same order, other migratetype list: counts do not change. */
static void move_to_free_list(struct page *page, struct zone *zone,
			      unsigned int order, int migratetype)
{
	list_move(&page->lru, &zone->free_area[order].free_list[migratetype]);
}

/*
 * Is buddy the head of a free block of exactly this order? A page inside a
 * larger free block, a smaller free block, an allocated page and a reserved
 * page all answer no. (Linux: page_is_buddy; it also checks the zone.)
 */
static bool page_is_buddy(const struct page *buddy, unsigned int order)
{
	return PageBuddy(buddy) && buddy_order(buddy) == order;
}

/* ---- free: merge with buddies ------------------------------------------- */

/*
 * Put a block of 2^order pages starting at pfn on the free lists, merging
 * with its buddy as long as the buddy is a free block of the same order.
 * Merging stops at MAX_ORDER - 1 (one pageblock here, so the migratetype of
 * the merged block is that of the page freed). Caller holds zone->lock.
 * (Linux: __free_one_page.)
 */
void __free_one_page(struct page *page, unsigned long pfn, struct zone *zone,
		     unsigned int order, int migratetype)
{
	__mod_zone_freepage_state(zone, 1L << order);
	while (order < MAX_ORDER - 1) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);
		struct page *buddy;

		if (!pfn_valid(buddy_pfn))
			break;		/* edge of mem_map: no buddy to merge with */
		buddy = pfn_to_page(buddy_pfn);
		if (!page_is_buddy(buddy, order))
			break;
		del_page_from_free_list(buddy, zone, order);
		/* The merged block starts at the lower of the two. */
		pfn &= buddy_pfn;
		page = pfn_to_page(pfn);
		order++;
	}
	add_to_free_list(page, zone, order, migratetype);
}

static void free_one_page(struct zone *zone, struct page *page, unsigned long pfn,
			  unsigned int order, int migratetype)
{
	unsigned long flags;

	spin_lock_irqsave(&zone->lock, flags);
	__free_one_page(page, pfn, zone, order, migratetype);
	spin_unlock_irqrestore(&zone->lock, flags);
}

/* ---- allocate: split ---------------------------------------------------- */

/*
 * page heads a block of order high just taken off a list; the caller wants
 * order low. Give back the upper half repeatedly: an order-3 block serving
 * an order-0 request returns one order-2, one order-1 and one order-0 block.
 * (Linux: expand.)
 */
static void expand(struct zone *zone, struct page *page, unsigned int low,
		   unsigned int high, int migratetype)
{
	unsigned long size = 1UL << high;

	while (high > low) {
		high--;
		size >>= 1;
		add_to_free_list(&page[size], zone, high, migratetype);
	}
}

/* Take the smallest block >= order of this migratetype (Linux: __rmqueue_smallest). */
static struct page *__rmqueue_smallest(struct zone *zone, unsigned int order,
				       int migratetype)
{
	unsigned int o;

	for (o = order; o < MAX_ORDER; o++) {
		struct list_head *list = &zone->free_area[o].free_list[migratetype];
		struct page *page;

		if (list_empty(list))
			continue;
		page = list_first_entry(list, struct page, lru);
		del_page_from_free_list(page, zone, o);
		expand(zone, page, order, o, migratetype);
		return page;
	}
	return NULL;
}

/* ---- migratetype fallback ----------------------------------------------- */

/*
 * Move every free block in page's pageblock to migratetype's lists and
 * return how many pages that was (Linux: move_freepages_block). Blocks are
 * never larger than a pageblock, so each lies wholly inside it.
 */
static unsigned long move_freepages_block(struct zone *zone, struct page *page,
					  int migratetype)
{
	unsigned long start = ALIGN_DOWN(page_to_pfn(page), pageblock_nr_pages);
	unsigned long end = min(start + pageblock_nr_pages, max_pfn);
	unsigned long pfn = max(start, min_low_pfn), moved = 0;

	while (pfn < end) {
		struct page *p = pfn_to_page(pfn);
		unsigned int order;

		if (!PageBuddy(p)) {
			pfn++;
			continue;
		}
		order = buddy_order(p);
		move_to_free_list(p, zone, order, migratetype);
		pfn += 1UL << order;
		moved += 1UL << order;
	}
	return moved;
}

/*
 * No free block of the wanted migratetype: take one from the other type
 * (Linux: __rmqueue_fallback + steal_suitable_fallback, with two types).
 *
 * An unmovable request, or a big one, takes the LARGEST foreign block and
 * claims its whole pageblock: all free pages in it move to our lists, and
 * if at least half the pageblock was free it is relabelled, so later frees
 * in it come back to our type. Unmovable pages then gather in few pageblocks
 * instead of one per pageblock all over RAM.
 * A small movable request takes the SMALLEST foreign block and claims
 * nothing: movable pages can be moved out later, so they may borrow.
 * Returns true if a block was moved to migratetype's lists.
 */
static bool __rmqueue_fallback(struct zone *zone, unsigned int order, int start_mt)
{
	int other = start_mt == MIGRATE_MOVABLE ? MIGRATE_UNMOVABLE : MIGRATE_MOVABLE;
	bool claim = start_mt == MIGRATE_UNMOVABLE || order >= pageblock_order / 2;
	struct page *page = NULL;
	unsigned int o;

	for (o = 0; o < MAX_ORDER - order; o++) {
		/* claim: search from the top down; otherwise bottom up. */
		unsigned int cur = claim ? MAX_ORDER - 1 - o : order + o;
		struct list_head *list = &zone->free_area[cur].free_list[other];

		if (list_empty(list))
			continue;
		page = list_first_entry(list, struct page, lru);
		if (!claim) {
			move_to_free_list(page, zone, cur, start_mt);
			return true;
		}
		if (move_freepages_block(zone, page, start_mt) >= pageblock_nr_pages / 2)
			set_pageblock_migratetype(page, start_mt);
		return true;
	}
	return false;
}

/*
 * Take a block, falling back to the other migratetype. Caller holds
 * zone->lock and takes the 2^order pages off NR_FREE_PAGES (see above).
 */
struct page *__rmqueue(struct zone *zone, unsigned int order, int migratetype)
{
	struct page *page = __rmqueue_smallest(zone, order, migratetype);

	if (unlikely(!page) && __rmqueue_fallback(zone, order, migratetype))
		page = __rmqueue_smallest(zone, order, migratetype);
	return page;
}

/* ---- watermarks ---------------------------------------------------------- */

/*
 * Would taking 2^order pages leave the zone above mark? __GFP_HIGH callers
 * (GFP_ATOMIC: interrupt handlers that cannot wait) may use half of the
 * reserve below mark. For order > 0 a block of that order must also exist,
 * or the free count is no help. (Linux: __zone_watermark_ok; newer kernels
 * let atomic requests dip a further quarter, ALLOC_NON_BLOCK.) Always
 * inlined into the allocator's fast path, as Linux's zone_watermark_fast;
 * zone_watermark_ok() below is the out-of-line entry for everyone else.
 */
static __always_inline bool __zone_watermark_ok(struct zone *z, unsigned int order,
						unsigned long mark, unsigned int alloc_flags)
{
	long min = (long)mark;
	long free = atomic_long_read(&z->vm_stat[NR_FREE_PAGES]);	/* zone_page_state, unclamped */
	unsigned int o;

	/*
	 * Near a watermark the CPUs' unfolded differences matter: count them
	 * (see vmstat.c). A folded count below 0 is below the mark too, so the
	 * clamp zone_page_state() applies is not needed here.
	 */
	if (unlikely(free < (long)READ_ONCE(z->percpu_drift_mark)))
		free = (long)zone_page_state_snapshot(z, NR_FREE_PAGES);
	free -= (1L << order) - 1;

	if (alloc_flags & ALLOC_HIGH)
		min -= min / 2;
	if (free <= min)
		return false;
	if (!order)
		return true;
	for (o = order; o < MAX_ORDER; o++)
		if (READ_ONCE(z->free_area[o].nr_free))
			return true;
	return false;
}

bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
		       unsigned int alloc_flags)
{
	return __zone_watermark_ok(z, order, mark, alloc_flags);
}

/* ---- the allocation path ------------------------------------------------ */

/*
 * Order 0 from this CPU's list, anything else from the buddy lists under
 * the zone lock. Either way PGALLOC_NORMAL is counted here, inside the
 * section that masks IRQs anyway (Linux: rmqueue, __count_zid_vm_events).
 */
static struct page *rmqueue(struct zone *zone, unsigned int order, int migratetype)
{
	unsigned long flags;
	struct page *page;

	if (order == 0 && READ_ONCE(pcp_on))	/* pcp_enabled(), inline */
		return rmqueue_pcplist(zone, migratetype);

	spin_lock_irqsave(&zone->lock, flags);
	page = __rmqueue(zone, order, migratetype);
	if (page) {
		__mod_zone_freepage_state(zone, -(1L << order));
		__count_vm_events(PGALLOC_NORMAL, 1UL << order);
	}
	spin_unlock_irqrestore(&zone->lock, flags);
	return page;
}

/*
 * One attempt at a given watermark (Linux: get_page_from_freelist, one
 * zone). Always inlined: in alloc_pages' fast path the call and its
 * register saves cost more than the watermark test itself.
 */
static __always_inline struct page *get_page_from_freelist(unsigned int order,
							   unsigned int alloc_flags,
							   int migratetype)
{
	struct zone *zone = &zone_normal;
	unsigned long mark = zone->_watermark[alloc_flags & ALLOC_WMARK_MASK];

	if (!(alloc_flags & ALLOC_NO_WATERMARKS) && !__zone_watermark_ok(zone, order, mark, alloc_flags))
		return NULL;
	return rmqueue(zone, order, migratetype);
}

/*
 * Is it worth another round of reclaim (Linux: should_reclaim_retry)? A round
 * that freed something resets the count of empty rounds; after
 * MAX_RECLAIM_RETRIES empty rounds in a row we stop. Otherwise retry only if
 * the free pages plus what reclaim could still free (zone_reclaimable_pages)
 * would meet the watermark -- each empty round trusts the reclaimable part a
 * little less (the 1/MAX_RECLAIM_RETRIES discount), so a hopeless case ends
 * well before the last round.
 */
static bool should_reclaim_retry(struct zone *zone, unsigned int order, unsigned int alloc_flags,
				 unsigned long progress, int *no_progress_loops)
{
	unsigned long available, mark = zone->_watermark[alloc_flags & ALLOC_WMARK_MASK];

	if (progress && order <= PAGE_ALLOC_COSTLY_ORDER)
		*no_progress_loops = 0;
	else
		(*no_progress_loops)++;
	if (*no_progress_loops > MAX_RECLAIM_RETRIES)
		return false;
	available = zone_reclaimable_pages(zone);
	available -= DIV_ROUND_UP((unsigned long)*no_progress_loops * available, MAX_RECLAIM_RETRIES);
	available += zone_page_state_snapshot(zone, NR_FREE_PAGES);
	if (alloc_flags & ALLOC_HIGH)
		mark -= mark / 2;
	return available > mark + (1UL << order);
}

/*
 * Direct reclaim, then one more try (Linux: __alloc_pages_direct_reclaim).
 * Pages reclaim just freed may sit on this CPU's per-CPU list, invisible to
 * the watermark check (which counts NR_FREE_PAGES only); if the try
 * fails, drain the lists into the buddy and try again.
 */
static struct page *__alloc_pages_direct_reclaim(gfp_t gfp, unsigned int order,
						 unsigned int alloc_flags, int migratetype,
						 unsigned long *progress)
{
	struct page *page;

	count_vm_event(ALLOCSTALL_NORMAL);
	*progress = try_to_free_pages(&zone_normal, order, gfp);
	page = get_page_from_freelist(order, alloc_flags, migratetype);
	if (!page && nr_pcp_pages()) {
		drain_all_pages();
		page = get_page_from_freelist(order, alloc_flags, migratetype);
	}
	return page;
}

/*
 * Reclaim gave up: before killing, one last try at the high watermark (a
 * task that exited meanwhile may have freed plenty), then the OOM killer
 * (Linux: __alloc_pages_may_oom). True if a task was killed, so memory is
 * coming back and the caller should retry from the start.
 */
static struct page *__alloc_pages_may_oom(gfp_t gfp, unsigned int order, int migratetype,
					  bool *killed)
{
	struct page *page;

	*killed = false;
	page = get_page_from_freelist(order, ALLOC_WMARK_HIGH, migratetype);
	if (page)
		return page;
	/* Costly orders are not worth a kill (Linux: PAGE_ALLOC_COSTLY_ORDER). */
	if (order > PAGE_ALLOC_COSTLY_ORDER || (gfp & __GFP_NORETRY))
		return NULL;
	*killed = out_of_memory(gfp, order);
	return NULL;
}

/*
 * The fast path failed at the low watermark (Linux: __alloc_pages_slowpath):
 *
 *   wake kswapd; try again at min (half of min for __GFP_HIGH; no
 *   watermark at all for a task that is itself reclaiming, PF_MEMALLOC)
 *   may not sleep?                  fail
 *   direct reclaim, drain the pcp lists, try again
 *   should_reclaim_retry?           loop
 *   one last try at high, then the OOM killer; a kill restarts the count
 *
 * noinline: it is rare, and inlined it would make alloc_pages' fast path
 * save and restore registers only the slow path uses.
 */
static noinline struct page *__alloc_pages_slowpath(gfp_t gfp, unsigned int order, int migratetype)
{
	struct zone *zone = &zone_normal;
	unsigned int alloc_flags = ALLOC_WMARK_MIN | ((gfp & __GFP_HIGH) ? ALLOC_HIGH : 0);
	int no_progress_loops = 0;
	struct page *page;

	if (gfp & __GFP_KSWAPD_RECLAIM)
		wakeup_kswapd(zone, gfp, order);
	if (current_is_reclaiming())
		alloc_flags |= ALLOC_NO_WATERMARKS;
	page = get_page_from_freelist(order, alloc_flags, migratetype);
	if (page || !(gfp & __GFP_DIRECT_RECLAIM) || current_is_reclaiming())
		return page;

	for (;;) {
		unsigned long progress;
		bool killed;

		page = __alloc_pages_direct_reclaim(gfp, order, alloc_flags, migratetype, &progress);
		if (page)
			return page;
		if (gfp & __GFP_NORETRY)
			return NULL;
		if (should_reclaim_retry(zone, order, alloc_flags, progress, &no_progress_loops))
			continue;
		page = __alloc_pages_may_oom(gfp, order, migratetype, &killed);
		if (page || !killed)
			return page;
		no_progress_loops = 0;
	}
}

/* A block leaves the allocator: owned, refcount 1, order recorded, maybe zeroed. */
static void prep_new_page(struct page *page, unsigned int order, gfp_t gfp)
{
	set_page_count(page, 1);	/* Linux: set_page_refcounted */
	page_mapcount_reset(page);
	page->mapping = NULL;
	ClearPageDcacheClean(page);	/* new contents: not yet synced for instruction fetch */
	page->index = 0;
	if (order) {
		SetPageHead(page);
		page->private = order;
	} else {
		page->private = 0;
	}
	if (gfp & __GFP_ZERO)
		memset(page_address(page), 0, PAGE_SIZE << order);
}

/*
 * Allocate 2^order contiguous pages. Returns the first struct page, or NULL
 * with one warning line unless __GFP_NOWARN. Below the watermarks it wakes
 * kswapd; with __GFP_DIRECT_RECLAIM (GFP_KERNEL) it may also run direct
 * reclaim and the OOM killer, which take long but do not sleep here
 * (zram compresses synchronously). As in Linux, a GFP_KERNEL caller must
 * still be in a context that could sleep. (Linux: __alloc_pages.)
 */
struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	int migratetype = gfp_migratetype(gfp);
	struct page *page = NULL;

	if (likely(order < MAX_ORDER)) {
		page = get_page_from_freelist(order, ALLOC_WMARK_LOW, migratetype);
		if (unlikely(!page))
			page = __alloc_pages_slowpath(gfp, order, migratetype);
	}
	if (unlikely(!page)) {
		count_vm_event(PGALLOC_FAIL);
		if (!(gfp & __GFP_NOWARN))
			warn_alloc(gfp, order);
		return NULL;
	}
	prep_new_page(page, order, gfp);	/* PGALLOC_NORMAL: counted by rmqueue */
	return page;
}

/* As alloc_pages, but returns the linear-map address, or 0. */
unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);

	return page ? (unsigned long)page_address(page) : 0;
}

/* ---- the free path ------------------------------------------------------ */

/*
 * The last reference is gone: reset the page and return the block, order 0
 * through the per-CPU list, larger ones straight to the buddy lists. PGFREE
 * is counted where IRQs are masked anyway. (Linux: __free_pages_ok /
 * free_unref_page.)
 */
static void __free_pages_ok(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page);

	page->flags = 0;	/* the checks passed: no flag matters any more */
	page->private = 0;
	page->mapping = NULL;

	if (order == 0 && READ_ONCE(pcp_on)) {	/* pcp_enabled(), inline */
		free_unref_page(page, pfn);
	} else {
		count_vm_events(PGFREE, 1UL << order);
		free_one_page(page_zone(page), page, pfn, order,
			      get_pfnblock_migratetype(page_zone(page), pfn));
	}
}

/*
 * The cheap half of the bad-free checks, before the reference is dropped
 * (Linux: free_page_is_bad / page_expected_state, which test the flag word
 * and a few fields once and call bad_page only when that fails). One test
 * each, together covering everything free_pages_check() reports:
 *   - page points at a struct page in mem_map: one unsigned range test of
 *     its offset, and the offset a multiple of sizeof(struct page) (a
 *     power of two, so a mask);
 *   - order < MAX_ORDER;
 *   - PG_reserved clear, and PG_head set exactly when order > 0: one test
 *     of the flag word against the value it must have;
 *   - for order > 0, page->private is the order (set by prep_new_page);
 *   - a reference is held (_refcount > 0).
 * If any fails, free_pages_check() runs the detailed checks and prints
 * which one failed (double free, tail page, wrong order ...); the answer is
 * then its verdict.
 */
static inline bool free_page_is_bad(struct page *page, unsigned int order)
{
	unsigned long off = (unsigned long)page - (unsigned long)mem_map;
	unsigned long bytes = (max_pfn - min_low_pfn) * sizeof(struct page);
	unsigned long mask = (1UL << PG_reserved) | (1UL << PG_head);
	unsigned long want = order ? 1UL << PG_head : 0;

	_Static_assert(!(sizeof(struct page) & (sizeof(struct page) - 1)),
		       "struct page must be a power of two in size for the mask test");
	if (likely(off < bytes && !(off & (sizeof(struct page) - 1)) && order < MAX_ORDER &&
		   (page->flags & mask) == want && page_ref_count(page) > 0 &&
		   (!order || page->private == order)))
		return false;
	return !free_pages_check(page, order);	/* the detailed checks, and the report */
}

/*
 * The cheap half of the checks when the last reference goes: no owner flag
 * (PAGE_FLAGS_CHECK_AT_FREE: slab, LRU, swap cache ...) and no user mapping,
 * one test of the flag word and one of the mapcount (Linux:
 * page_expected_state). free_pages_flags_bad() says which, when it fails.
 */
static inline bool page_expected_state(const struct page *page)
{
	return likely(!(page->flags & PAGE_FLAGS_CHECK_AT_FREE) && !page_mapped(page));
}

/*
 * Drop a reference to a block of 2^order pages allocated by alloc_pages;
 * the block is freed when that was the last one. A bad free (not a page,
 * reserved, already free, wrong order, owner flags still set) is reported
 * with one "BUG: Bad page state" line and refused: no list is touched.
 *
 * Fast path, as in Linux: each group of checks is one cheap test; only when
 * it fails do the detailed checks (mm/page_alloc_debug.c) run, find what is
 * wrong and report it. If they find nothing after all, the free goes on.
 */
void __free_pages(struct page *page, unsigned int order)
{
	if (free_page_is_bad(page, order))
		return;
	if (!put_page_testzero(page))
		return;		/* someone else still holds it */
	if (unlikely(!page_expected_state(page)) && free_pages_flags_bad(page, order)) {
		set_page_count(page, 1);	/* leave it allocated; the owner must fix it */
		return;
	}
	__free_pages_ok(page, order);
}

/* Free by linear-map address; 0 is ignored, like Linux. */
void free_pages(unsigned long addr, unsigned int order)
{
	if (!addr)
		return;
	if (!IS_ALIGNED(addr, PAGE_SIZE)) {
		bad_page_addr(__func__, addr, "address is not page aligned");
		return;
	}
	if (!virt_addr_valid(addr) || !pfn_valid(PHYS_PFN(__pa(addr)))) {
		bad_page_addr(__func__, addr, "address is not in the linear map of RAM");
		return;
	}
	__free_pages(virt_to_page(addr), order);
}

/* Drop a reference taken by alloc_pages or get_page; frees at zero. */
void put_page(struct page *page)
{
	__free_pages(page, PageHead(page) && page->private < MAX_ORDER ?
		     (unsigned int)page->private : 0);
}

/*
 * Boot hand-over of a naturally aligned block that memblock left free: the
 * pages stop being PG_reserved and join the buddy lists, merging as usual.
 * (Linux: __free_pages_core, called via memblock_free_pages.)
 */
void __free_pages_core(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);
	unsigned long i, nr = 1UL << order;

	for (i = 0; i < nr; i++) {
		ClearPageReserved(&page[i]);
		set_page_count(&page[i], 0);
	}
	zone->managed_pages += nr;
	count_vm_events(PGFREE, nr);
	free_one_page(zone, page, page_to_pfn(page), order, get_pageblock_migratetype(page));
}

/* Free pages on the buddy lists; per-CPU pages are not included (as in Linux). */
unsigned long nr_free_pages(void)
{
	return zone_page_state_snapshot(&zone_normal, NR_FREE_PAGES);
}

unsigned long totalram_pages(void)
{
	return zone_normal.managed_pages;
}
