/*
 * Page reclaim (Linux: mm/vmscan.c). When free memory runs low, anonymous
 * pages the LRU policy judges coldest are compressed into the swap area and
 * their frames freed; a swap entry in the PTE remembers where the data went.
 *
 *   alloc_pages below the low watermark  -> wakeup_kswapd(): kswapd reclaims
 *                                           in the background until free
 *                                           pages are back above high
 *                                           (balance_pgdat)
 *   below min (GFP_KERNEL)               -> try_to_free_pages(): the
 *                                           allocating task reclaims itself
 *                                           ("direct reclaim", allocstall;
 *                                           do_try_to_free_pages)
 *   reclaim can make no more progress    -> the allocator drains the per-CPU
 *                                           lists, retries while it could
 *                                           still succeed, then calls
 *                                           out_of_memory() (mm/page_alloc.c)
 *
 * Both reclaimers share one control loop, Linux's: a scan *priority* that
 * starts at DEF_PRIORITY (12) and drops towards 0. At priority p a pass
 * scans lru_size >> p pages, so the first passes are gentle (1/4096 of the
 * LRU) and each failure doubles the effort, until priority 0 scans all of
 * it. Reclaim stops as soon as it freed what it was asked for, so a system
 * with plenty of cold memory pays little, and one with none still looks at
 * every page before anyone speaks of OOM.
 *
 * Who runs reclaim is marked on the task, not in a global: PF_MEMALLOC says
 * "this task is reclaiming" (the allocator then skips reclaim and lets it
 * dig into the reserve below min, which reclaim needs to store what it
 * evicts); PF_KSWAPD says which counters to bump.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/swap.h>
#include <linux/vmstat.h>
#include <asm/mmu_context.h>
#include <asm/tlbflush.h>
#include <stdlib.h>

#define SWAP_CLUSTER_MAX	32UL	/* pages per reclaim batch, as Linux */
#define DEF_PRIORITY		12	/* scan lru_size >> 12 first, as Linux */

/*
 * What one reclaim run wants and what it did (Linux: struct scan_control,
 * reduced to the fields anonymous-only reclaim of one zone needs).
 */
struct scan_control {
	unsigned long nr_to_reclaim;	/* stop once this many pages are freed */
	unsigned long nr_scanned;	/* pages the policy looked at */
	unsigned long nr_reclaimed;	/* pages freed */
	gfp_t gfp_mask;
	unsigned int order;
	int priority;			/* this pass scans lru_size >> priority pages */
};

int vm_swappiness = 60;

/* kswapd's state. Owner: kswapd; written by wakeup_kswapd under no lock (one CPU, see below). */
static struct task_struct *kswapd_task;
static bool kswapd_should_run;
/*
 * Balancing runs in a row that freed nothing (Linux: pgdat->kswapd_failures).
 * At MAX_RECLAIM_RETRIES kswapd is no longer woken: the node is "hopeless"
 * and only direct reclaim, which can end in the OOM killer, goes on trying.
 * Any reclaim progress, direct or not, resets it.
 */
static unsigned int kswapd_failures;
#define MAX_RECLAIM_RETRIES	16

static int __init parse_swappiness(const char *val)
{
	char *end;
	unsigned long v = val ? strtoul(val, &end, 10) : 0;

	if (!val || *end || v > 200)
		return -1;
	vm_swappiness = (int)v;
	return 0;
}
__setup("vm.swappiness", parse_swappiness);

bool current_is_reclaiming(void)
{
	return (current->flags & PF_MEMALLOC) && !in_interrupt();
}

static bool current_is_kswapd(void)
{
	return current->flags & PF_KSWAPD;
}

/*
 * Can evicting an anonymous page free anything now (Linux:
 * can_reclaim_anon_pages)? Not with swappiness 0, nor when the swap area
 * has no free slot or is at its memory limit: then scanning would only
 * isolate pages and put them back, churning the LRU for nothing.
 */
static bool can_reclaim_anon_pages(void)
{
	return vm_swappiness && zram_can_store();
}

/*
 * Pages reclaim could still free (Linux: zone_reclaimable_pages): anonymous
 * pages on the LRU, as far as the swap area has room for them.
 * should_reclaim_retry() and kswapd weigh free memory against this.
 */
unsigned long zone_reclaimable_pages(struct zone *zone)
{
	unsigned long lru, room;

	if (!can_reclaim_anon_pages())
		return 0;
	lru = lru_policy->nr_pages();
	room = zram_nr_slots() - zram_slots_used();
	return min(lru, room);
}

/*
 * Evict one isolated page: store its contents in the swap area, then
 * replace its PTE by the swap entry and flush the stale translation, then
 * free the frame. One CPU runs and the page's task cannot run while the
 * kernel is here, so nothing writes the page between the copy and the
 * unmap; on SMP Linux needs the swap cache and the page lock for that
 * (add_to_swap, try_to_unmap, pageout).
 *
 * A page lz4 cannot shrink is refused by zram_store_page() (-E2BIG): storing
 * it as-is would take a pool page to free a page, a gain of nothing. It goes
 * back to the youngest generation, behind the pages that do compress.
 */
static int pageout(struct page *page)
{
	struct mm_struct *mm = page->mapping;
	unsigned long addr = page->index, slot;
	pte_t *ptep = page_pte(page);
	int err;

	if (!mm || !ptep || !pte_present(*ptep) || pte_pfn(*ptep) != page_to_pfn(page))
		return -EAGAIN;		/* not mapped where the reverse map says: leave it */
	err = zram_store_page(page, &slot);
	if (err)
		return err;
	zram_set_shadow(slot, lru_policy->shadow(page));
	WRITE_ONCE(*ptep, swp_entry_to_pte(swp_entry(0, slot)));
	flush_tlb_page(mm_asid(mm), addr);
	dec_mm_counter(mm, MM_ANONPAGES);
	inc_mm_counter(mm, MM_SWAPENTS);
	page->mapping = NULL;
	page_mapcount_reset(page);	/* its one PTE is gone (Linux: page_remove_rmap in try_to_unmap_one) */
	ClearPageSwapBacked(page);
	ClearPageDirty(page);
	count_vm_event(PSWPOUT);
	put_page(page);
	return 0;
}

/*
 * Isolate up to nr pages and try to evict each (Linux: shrink_inactive_list
 * -> shrink_folio_list; for lru_gen, evict_folios). Adds to sc's counters;
 * returns the pages freed.
 */
static unsigned long shrink_page_batch(struct scan_control *sc, unsigned long nr)
{
	LIST_HEAD(victims);
	unsigned long scanned = 0, freed = 0;
	struct page *page, *n;
	bool kswapd = current_is_kswapd();
	u64 t0 = arch_counter_get_cntvct();	/* nothing in here sleeps: the ticks are reclaim's own */

	lru_policy->isolate(nr, &victims, &scanned);
	count_vm_events(kswapd ? PGSCAN_KSWAPD : PGSCAN_DIRECT, scanned);
	list_for_each_entry_safe(page, n, &victims, lru) {
		int err;

		list_del_init(&page->lru);
		err = can_reclaim_anon_pages() ? pageout(page) : -ENOSPC;
		if (err == 0) {
			freed++;
			continue;
		}
		if (err == -E2BIG)
			count_vm_event(SWAP_REJECT_COMPRESS_POOR);
		lru_policy->putback(page);
	}
	count_vm_events(kswapd ? PGSTEAL_KSWAPD : PGSTEAL_DIRECT, freed);
	sc->nr_scanned += scanned;
	sc->nr_reclaimed += freed;
	count_vm_events(RECLAIM_TICKS, arch_counter_get_cntvct() - t0);
	return freed;
}

/*
 * One pass at sc->priority: scan lru_size >> priority pages in batches of
 * SWAP_CLUSTER_MAX, or stop early once sc->nr_to_reclaim pages are freed
 * (Linux: shrink_lruvec / lru_gen_shrink_lruvec with get_nr_to_scan). Each
 * batch may age the generations first when lru_gen has none old enough to
 * evict from (its isolate does should_run_aging + try_to_inc_max_seq).
 */
static void shrink_zone(struct scan_control *sc)
{
	unsigned long nr_to_scan, before = sc->nr_reclaimed;

	if (!can_reclaim_anon_pages())
		return;
	nr_to_scan = lru_policy->nr_pages() >> sc->priority;
	while (nr_to_scan && sc->nr_reclaimed < sc->nr_to_reclaim) {
		unsigned long batch = min(nr_to_scan, SWAP_CLUSTER_MAX);
		unsigned long scanned0 = sc->nr_scanned;

		shrink_page_batch(sc, batch);
		if (sc->nr_scanned == scanned0)
			break;			/* the policy had nothing left to look at */
		nr_to_scan -= min(nr_to_scan, sc->nr_scanned - scanned0);
		if (!can_reclaim_anon_pages())
			break;			/* swap filled up during the pass */
	}
	if (sc->nr_reclaimed > before)
		kswapd_failures = 0;		/* progress: kswapd may be useful again */
}

/*
 * Direct reclaim: passes at falling priority until nr_to_reclaim pages are
 * freed or priority 0 (the whole LRU) found nothing (Linux:
 * do_try_to_free_pages). Returns the pages freed.
 */
static unsigned long do_try_to_free_pages(struct scan_control *sc)
{
	for (sc->priority = DEF_PRIORITY; sc->priority >= 0; sc->priority--) {
		shrink_zone(sc);
		if (sc->nr_reclaimed >= sc->nr_to_reclaim)
			break;
	}
	return sc->nr_reclaimed;
}

/*
 * Direct reclaim, from the allocator's slow path (below the min watermark).
 * The caller is marked PF_MEMALLOC for the duration: an allocation reclaim
 * itself makes (a pool page for zram) must not recurse into reclaim, and
 * may use the reserve. A task already reclaiming returns 0 at once.
 */
unsigned long try_to_free_pages(struct zone *zone, unsigned int order, gfp_t gfp)
{
	struct scan_control sc = {
		.nr_to_reclaim = SWAP_CLUSTER_MAX,
		.gfp_mask = gfp,
		.order = order,
	};
	unsigned int noreclaim;

	if (current->flags & PF_MEMALLOC)
		return 0;
	noreclaim = memalloc_noreclaim_save();
	do_try_to_free_pages(&sc);
	memalloc_noreclaim_restore(noreclaim);
	return sc.nr_reclaimed;
}

/*
 * "Reclaim N pages now", for the shell's `lru_gen evict N` and tests: one
 * run of the priority loop with nr_to_reclaim = nr. Returns pages freed.
 */
unsigned long shrink_anon(unsigned long nr, bool kswapd)
{
	struct scan_control sc = { .nr_to_reclaim = nr, .gfp_mask = GFP_KERNEL };
	unsigned int noreclaim, old = current->flags & PF_KSWAPD;

	if (current->flags & PF_MEMALLOC)
		return 0;
	noreclaim = memalloc_noreclaim_save();
	current->flags = (current->flags & ~PF_KSWAPD) | (kswapd ? PF_KSWAPD : 0);
	do_try_to_free_pages(&sc);
	current->flags = (current->flags & ~PF_KSWAPD) | old;
	memalloc_noreclaim_restore(noreclaim);
	return sc.nr_reclaimed;
}

static bool zone_balanced(struct zone *zone)
{
	return zone_watermark_ok(zone, 0, high_wmark_pages(zone), 0);
}

/*
 * kswapd's work: reclaim until the zone is above its high watermark (Linux:
 * balance_pgdat). Each pass asks for the distance to high (at least one
 * batch); a pass that frees less than it asked for lowers the priority, so
 * kswapd looks harder the harder it is to find cold pages. A whole run that
 * frees nothing counts as a failure (kswapd_failures).
 */
static void balance_pgdat(struct zone *zone)
{
	struct scan_control sc = { .gfp_mask = GFP_KERNEL, .priority = DEF_PRIORITY };

	count_vm_event(PAGEOUTRUN);
	while (sc.priority >= 0 && !zone_balanced(zone)) {
		unsigned long free = nr_free_pages(), high = high_wmark_pages(zone);
		unsigned long before = sc.nr_reclaimed;

		sc.nr_to_reclaim = sc.nr_reclaimed + max(high > free ? high - free : 0, SWAP_CLUSTER_MAX);
		shrink_zone(&sc);
		if (sc.nr_reclaimed - before < SWAP_CLUSTER_MAX)
			sc.priority--;		/* Linux: raise_priority */
		cond_resched();
	}
	if (!sc.nr_reclaimed && !zone_balanced(zone))
		kswapd_failures++;
}

/*
 * The allocator saw free pages under the low watermark. Wake kswapd unless
 * the zone is balanced already or kswapd failed MAX_RECLAIM_RETRIES times in
 * a row (Linux: wakeup_kswapd; a "hopeless" node is left to direct reclaim).
 */
void wakeup_kswapd(struct zone *zone, gfp_t gfp, unsigned int order)
{
	if (!kswapd_task || kswapd_failures >= MAX_RECLAIM_RETRIES || zone_balanced(zone))
		return;
	if (READ_ONCE(kswapd_should_run))
		return;
	WRITE_ONCE(kswapd_should_run, true);
	count_vm_event(KSWAPD_WAKEUP);
	wake_up_process(kswapd_task);
}

/*
 * kswapd: sleep until woken, then balance the zone. The task state is set
 * before the flag is tested (Linux: prepare_to_wait before the condition in
 * kswapd_try_to_sleep): a wake-up that comes between the test and
 * schedule() finds the task TASK_INTERRUPTIBLE and makes it runnable, so
 * schedule() returns at once instead of sleeping through it. The flag is
 * cleared before balancing, so a wake-up during a run asks for another.
 */
static int kswapd(void *arg)
{
	struct zone *zone = &zone_normal;

	current->flags |= PF_MEMALLOC | PF_KSWAPD;
	for (;;) {
		current->state = TASK_INTERRUPTIBLE;
		if (!READ_ONCE(kswapd_should_run)) {
			schedule();
			continue;
		}
		current->state = TASK_RUNNING;
		WRITE_ONCE(kswapd_should_run, false);
		balance_pgdat(zone);
	}
	return 0;
}

void kswapd_start(void)
{
	kswapd_task = kthread_run(kswapd, NULL, "kswapd0");
	if (!kswapd_task)
		panic("cannot start kswapd");
}
