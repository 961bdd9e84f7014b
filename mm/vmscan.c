/*
 * Page reclaim (Linux: mm/vmscan.c, shrink_folio_list, kswapd,
 * try_to_free_pages). When free memory runs low, anonymous pages the
 * LRU policy judges coldest are compressed into the swap area and their
 * frames freed; a swap entry in the PTE remembers where the data went.
 *
 *   alloc_pages below the low watermark  -> wakeup_kswapd(): kswapd reclaims
 *                                           in the background until free
 *                                           pages are back above high
 *   below min (GFP_KERNEL)               -> try_to_free_pages(): the
 *                                           allocating task reclaims itself
 *                                           ("direct reclaim", allocstall)
 *   nothing reclaimable and swap full    -> out_of_memory() (mm/oom_kill.c)
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/init.h>
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

int vm_swappiness = 60;
static struct task_struct *kswapd_task;
static bool kswapd_should_run;
static int reclaim_depth;		/* reclaim must not recurse into reclaim */
static bool swap_full_warned;

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

/*
 * Evict one isolated page: store its contents in the swap area, then
 * replace its PTE by the swap entry and flush the stale translation, then
 * free the frame. One CPU runs and the page's task cannot run while the
 * kernel is here, so nothing writes the page between the copy and the
 * unmap; on SMP Linux needs the swap cache and the page lock for that
 * (add_to_swap, try_to_unmap, pageout).
 */
static int pageout(struct page *page)
{
	struct mm_struct *mm = page->mapping;
	unsigned long addr = page->index, slot;
	pte_t *ptep = page_pte(page);
	int err;

	if (!mm || !ptep || !pte_present(*ptep) || pte_pfn(*ptep) != page_to_pfn(page))
		return -EAGAIN;		/* not mapped where the reverse map says: leave it */
	err = zram_write_page(page, &slot);
	if (err) {
		if (!swap_full_warned) {
			printk("vmscan: swap area full (%d): anonymous pages cannot be reclaimed\n", err);
			swap_full_warned = true;
		}
		return err;
	}
	zram_set_shadow(slot, lru_policy->shadow(page));
	WRITE_ONCE(*ptep, swp_entry_to_pte(swp_entry(0, slot)));
	flush_tlb_page(mm_asid(mm), addr);
	mm->rss_anon--;
	mm->nr_swap++;
	page->mapping = NULL;
	page->_mapcount = -1;
	ClearPageSwapBacked(page);
	ClearPageDirty(page);
	count_vm_event(PSWPOUT);
	put_page(page);
	return 0;
}

unsigned long shrink_anon(unsigned long nr, bool kswapd)
{
	LIST_HEAD(victims);
	unsigned long scanned = 0, freed = 0;
	struct page *page, *n;

	if (vm_swappiness == 0 || reclaim_depth)
		return 0;
	reclaim_depth++;
	lru_policy->isolate(nr, &victims, &scanned);
	count_vm_events(kswapd ? PGSCAN_KSWAPD : PGSCAN_DIRECT, scanned);
	list_for_each_entry_safe(page, n, &victims, lru) {
		list_del_init(&page->lru);
		if (pageout(page) == 0)
			freed++;
		else
			lru_policy->putback(page);
	}
	count_vm_events(kswapd ? PGSTEAL_KSWAPD : PGSTEAL_DIRECT, freed);
	reclaim_depth--;
	return freed;
}

/* Direct reclaim, from the allocator's slow path (below the min watermark). */
unsigned long try_to_free_pages(struct zone *zone, unsigned int order, gfp_t gfp)
{
	return shrink_anon(max(SWAP_CLUSTER_MAX, 2UL << order), false);
}

/* The allocator saw free pages under the low watermark. */
void wakeup_kswapd(struct zone *zone, gfp_t gfp, unsigned int order)
{
	if (!kswapd_task || kswapd_should_run)
		return;
	kswapd_should_run = true;
	wake_up_process(kswapd_task);
}

/* kswapd: sleep until woken, then reclaim until free memory is above the high watermark. */
static int kswapd(void *arg)
{
	for (;;) {
		while (!kswapd_should_run) {
			current->state = TASK_INTERRUPTIBLE;
			schedule();
		}
		while (nr_free_pages() < high_wmark_pages(&zone_normal)) {
			if (shrink_anon(SWAP_CLUSTER_MAX, true) == 0)
				break;		/* nothing more to reclaim: direct reclaim / OOM decide */
			cond_resched();
		}
		kswapd_should_run = false;
		swap_full_warned = false;
	}
	return 0;
}

void kswapd_start(void)
{
	kswapd_task = kthread_run(kswapd, NULL, "kswapd0");
	if (!kswapd_task)
		panic("cannot start kswapd");
}
