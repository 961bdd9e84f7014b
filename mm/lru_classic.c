/*
 * The classic two-list LRU for anonymous pages, as Linux had it before
 * MGLRU and still has with CONFIG_LRU_GEN off (mm/vmscan.c:
 * shrink_inactive_list, shrink_active_list, folio_check_references,
 * inactive_is_low; mm/workingset.c for refaults).
 *
 *   inactive list  new pages, and pages on probation; reclaim takes its tail
 *   active list    pages referenced twice; it only shrinks into the
 *                  inactive list, when the inactive one gets too small
 *
 * At the inactive tail, the page's PTE access flag is tested and cleared
 * (page_referenced) and PG_referenced remembers an earlier look:
 *   referenced now, and before  -> activate (to the active list)
 *   referenced now only         -> PG_referenced, back to the inactive head
 *                                  (every page starts referenced by the
 *                                  fault that created it: one access is not
 *                                  reuse, so it gets one more trip)
 *   not referenced now          -> isolate (PG_referenced alone does not
 *                                  save an anonymous page)
 * Deactivation moves pages from the active tail to the inactive head while
 * inactive * ratio < active (ratio = int_sqrt(10 * GiB of LRU), at least 1).
 * Linux deactivates anonymous pages even when referenced; the access flag is
 * cleared on the way, and PG_referenced stays, so a page in use comes back
 * at its next look.
 *
 * Refaults (workingset): nonresident_age counts evictions and activations.
 * The shadow of an evicted page is the age at eviction; at refault, the
 * distance (age now - age then) is how many more pages the inactive list
 * would have needed to keep it. If distance <= the active list's size, the
 * page is activated straight away: shrinking the active list could have
 * made room for it (Linux: workingset_refault, anon pages with swap).
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/swap.h>
#include "lru.h"

#define SWAP_CLUSTER_MAX	32UL

static LIST_HEAD(active_list);
static LIST_HEAD(inactive_list);
static unsigned long nr_active, nr_inactive;
static unsigned long nonresident_age;
#define AGE_MASK	((1UL << (LRU_SHADOW_BITS - 1)) - 1)

static unsigned long int_sqrt(unsigned long x)
{
	unsigned long r = 0;

	while ((r + 1) * (r + 1) <= x)
		r++;
	return r;
}

/* Linux: inactive_is_low(). */
static bool inactive_is_low(void)
{
	unsigned long gb = (nr_active + nr_inactive) >> (30 - PAGE_SHIFT);
	unsigned long ratio = gb ? int_sqrt(10 * gb) : 1;

	return nr_inactive * ratio < nr_active;
}

/* ---- lists (lru_lock held) ------------------------------------------------ */

static void add_active(struct page *page)
{
	SetPageLRU(page);
	SetPageActive(page);
	list_add(&page->lru, &active_list);
	nr_active++;
}

static void add_inactive(struct page *page)
{
	SetPageLRU(page);
	ClearPageActive(page);
	list_add(&page->lru, &inactive_list);
	nr_inactive++;
}

static void del_page(struct page *page)
{
	list_del(&page->lru);
	if (PageActive(page))
		nr_active--;
	else
		nr_inactive--;
	ClearPageLRU(page);
	ClearPageActive(page);
}

static void activate(struct page *page)
{
	del_page(page);
	add_active(page);
	lru_stat.activated++;
	nonresident_age++;		/* Linux: workingset_age_nonresident on activation */
}

/*
 * Move up to nr pages from the active tail to the inactive head, clearing
 * their access flags (Linux: shrink_active_list for anonymous pages).
 */
static void shrink_active_list(unsigned long nr)
{
	lru_stat.aging++;
	while (nr-- && !list_empty(&active_list)) {
		struct page *page = list_last_entry(&active_list, struct page, lru);

		page_referenced(page);	/* cleared either way; anon pages are not kept active */
		del_page(page);
		add_inactive(page);
		lru_stat.deactivated++;
	}
}

/* ---- struct lru_policy ---------------------------------------------------- */

/* Back to empty lists and age 0. The LRU must be empty. */
static void classic_init(void)
{
	unsigned long flags;

	spin_lock_irqsave(&lru_lock, flags);
	WARN_ON(nr_active || nr_inactive);
	INIT_LIST_HEAD(&active_list);
	INIT_LIST_HEAD(&inactive_list);
	nr_active = nr_inactive = 0;
	nonresident_age = 0;
	spin_unlock_irqrestore(&lru_lock, flags);
}

/* New pages start inactive (Linux 5.9+: lru_cache_add_inactive_or_unevictable). */
static void classic_add(struct page *page, bool refault, unsigned long shadow)
{
	unsigned long flags;

	spin_lock_irqsave(&lru_lock, flags);
	ClearPageReferenced(page);
	lru_stat.added++;
	if (refault) {
		lru_stat.refaulted++;
		if (shadow & 1) {
			unsigned long distance = (nonresident_age - (shadow >> 1)) & AGE_MASK;

			lru_stat.refault_tier[0]++;
			if (distance <= nr_active) {
				add_active(page);
				lru_stat.workingset++;
				lru_stat.activated++;
				nonresident_age++;
				goto out;
			}
		}
	}
	add_inactive(page);
out:
	spin_unlock_irqrestore(&lru_lock, flags);
}

static void classic_del(struct page *page)
{
	unsigned long flags;

	spin_lock_irqsave(&lru_lock, flags);
	if (PageLRU(page)) {
		del_page(page);
		clear_page_lru_state(page);
		lru_stat.deleted++;
	}
	spin_unlock_irqrestore(&lru_lock, flags);
}

/*
 * Reclaim from the inactive tail (Linux: shrink_inactive_list ->
 * shrink_folio_list -> folio_check_references), refilling the inactive
 * list from the active one when it is low. Bounded: each page can be
 * looked at about twice per call.
 */
static unsigned long classic_isolate(unsigned long nr, struct list_head *victims, unsigned long *scanned)
{
	unsigned long flags, isolated = 0, budget;

	*scanned = 0;
	spin_lock_irqsave(&lru_lock, flags);
	budget = 2 * (nr_active + nr_inactive) + nr;
	while (isolated < nr && *scanned < budget && nr_active + nr_inactive) {
		struct page *page;
		bool referenced_ptes, referenced_page;

		if (inactive_is_low() || list_empty(&inactive_list))
			shrink_active_list(SWAP_CLUSTER_MAX);
		page = list_last_entry(&inactive_list, struct page, lru);
		(*scanned)++;
		lru_stat.scanned++;
		referenced_ptes = page_referenced(page);
		referenced_page = TestClearPageReferenced(page);
		if (referenced_ptes) {
			SetPageReferenced(page);
			if (referenced_page) {
				activate(page);		/* used again since its last trip */
			} else {
				list_move(&page->lru, &inactive_list);
				lru_stat.rotated++;
			}
			continue;
		}
		del_page(page);
		list_add_tail(&page->lru, victims);
		isolated++;
		lru_stat.isolated++;
	}
	spin_unlock_irqrestore(&lru_lock, flags);
	return isolated;
}

static void classic_putback(struct page *page)
{
	unsigned long flags;

	spin_lock_irqsave(&lru_lock, flags);
	add_inactive(page);
	lru_stat.putback++;
	spin_unlock_irqrestore(&lru_lock, flags);
}

/* The eviction age (Linux: workingset_eviction reads nonresident_age, then ages it). */
static unsigned long classic_shadow(struct page *page)
{
	unsigned long flags, shadow;

	spin_lock_irqsave(&lru_lock, flags);
	shadow = ((nonresident_age & AGE_MASK) << 1) | 1;
	nonresident_age++;
	lru_stat.evicted++;
	spin_unlock_irqrestore(&lru_lock, flags);
	return shadow;
}

static unsigned long classic_nr_pages(void)
{
	unsigned long flags, n;

	spin_lock_irqsave(&lru_lock, flags);
	n = nr_active + nr_inactive;
	spin_unlock_irqrestore(&lru_lock, flags);
	return n;
}

/* The two lists, in /proc/meminfo's words. */
static void classic_show(void)
{
	unsigned long flags, act, inact, age;

	spin_lock_irqsave(&lru_lock, flags);
	act = nr_active;
	inact = nr_inactive;
	age = nonresident_age;
	spin_unlock_irqrestore(&lru_lock, flags);
	printk("Active(anon):   %8lu kB  (%lu pages)\n", act * (PAGE_SIZE / 1024), act);
	printk("Inactive(anon): %8lu kB  (%lu pages)\n", inact * (PAGE_SIZE / 1024), inact);
	printk("nonresident_age %lu (evictions + activations: the refault distance clock)\n", age);
}

const struct lru_policy lru_classic_policy = {
	.name = "classic",
	.init = classic_init,
	.add = classic_add,
	.del = classic_del,
	.isolate = classic_isolate,
	.putback = classic_putback,
	.shadow = classic_shadow,
	.show = classic_show,
	.nr_pages = classic_nr_pages,
};
