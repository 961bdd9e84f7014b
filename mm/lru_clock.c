/*
 * CLOCK, or second chance (Corbató 1968; Linux has no CLOCK, but its
 * inactive-list rotation is the same idea, and early BSD paged this way).
 *
 * All pages sit on one ring; the hand points at the next page to look at.
 * To free a page, the hand sweeps: a page whose PTE access flag is set gets
 * it cleared (page_referenced, with its TLB flush) and is passed over; the
 * first page found unreferenced is the victim. New pages go just behind the
 * hand, so they are the last ones it reaches. The access flag a page is
 * born with (the fault sets it) buys it one lap.
 *
 * CLOCK remembers nothing about evicted pages: a refault is just a new page.
 * When every page is referenced, the hand clears them all in one lap and
 * CLOCK turns into FIFO.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/swap.h>
#include "lru.h"

static LIST_HEAD(clock_ring);
static struct list_head *hand = &clock_ring;	/* next to look at; &clock_ring = none */
static unsigned long nr_clock;

/* ---- the ring (lru_lock held) -------------------------------------------- */

/* Just behind the hand: the hand reaches it after everything else. */
static void ring_add(struct page *page)
{
	SetPageLRU(page);
	list_add_tail(&page->lru, hand);
	nr_clock++;
}

static void ring_del(struct page *page)
{
	if (hand == &page->lru)
		hand = hand->next;
	list_del(&page->lru);
	nr_clock--;
	ClearPageLRU(page);
}

/* The page under the hand, stepping over the ring's head (one lap done). */
static struct page *hand_page(void)
{
	if (hand == &clock_ring) {
		hand = hand->next;
		lru_stat.aging++;
	}
	return list_entry(hand, struct page, lru);
}

/* ---- struct lru_policy ---------------------------------------------------- */

/* An empty ring. The LRU must be empty. */
static void clock_init(void)
{
	unsigned long flags;

	spin_lock_irqsave(&lru_lock, flags);
	WARN_ON(nr_clock);
	INIT_LIST_HEAD(&clock_ring);
	hand = &clock_ring;
	nr_clock = 0;
	spin_unlock_irqrestore(&lru_lock, flags);
}

static void clock_add(struct page *page, bool refault, unsigned long shadow)
{
	unsigned long flags;

	spin_lock_irqsave(&lru_lock, flags);
	ring_add(page);
	lru_stat.added++;
	if (refault) {
		lru_stat.refaulted++;
		lru_stat.refault_tier[0]++;
	}
	spin_unlock_irqrestore(&lru_lock, flags);
}

static void clock_del(struct page *page)
{
	unsigned long flags;

	spin_lock_irqsave(&lru_lock, flags);
	if (PageLRU(page)) {
		ring_del(page);
		clear_page_lru_state(page);
		lru_stat.deleted++;
	}
	spin_unlock_irqrestore(&lru_lock, flags);
}

/* Sweep the hand until nr victims are found; at most two laps (the first clears every flag). */
static unsigned long clock_isolate(unsigned long nr, struct list_head *victims, unsigned long *scanned)
{
	unsigned long flags, isolated = 0, budget;

	*scanned = 0;
	spin_lock_irqsave(&lru_lock, flags);
	budget = 2 * nr_clock + nr;
	while (isolated < nr && nr_clock && *scanned < budget) {
		struct page *page = hand_page();

		(*scanned)++;
		lru_stat.scanned++;
		if (page_referenced(page)) {
			hand = hand->next;	/* second chance */
			lru_stat.rotated++;
			continue;
		}
		ring_del(page);			/* the hand moves on to the next page */
		list_add_tail(&page->lru, victims);
		isolated++;
		lru_stat.isolated++;
	}
	spin_unlock_irqrestore(&lru_lock, flags);
	return isolated;
}

static void clock_putback(struct page *page)
{
	unsigned long flags;

	spin_lock_irqsave(&lru_lock, flags);
	ring_add(page);
	lru_stat.putback++;
	spin_unlock_irqrestore(&lru_lock, flags);
}

/* Nothing to remember, but a valid shadow all the same (bit 0). */
static unsigned long clock_shadow(struct page *page)
{
	unsigned long flags;

	spin_lock_irqsave(&lru_lock, flags);
	lru_stat.evicted++;
	spin_unlock_irqrestore(&lru_lock, flags);
	return 1;
}

static unsigned long clock_nr_pages(void)
{
	unsigned long flags, n;

	spin_lock_irqsave(&lru_lock, flags);
	n = nr_clock;
	spin_unlock_irqrestore(&lru_lock, flags);
	return n;
}

static void clock_show(void)
{
	unsigned long flags, n, pos = 0, pfn = 0;
	struct list_head *p;

	spin_lock_irqsave(&lru_lock, flags);
	n = nr_clock;
	for (p = clock_ring.next; p != hand && p != &clock_ring; p = p->next)
		pos++;
	if (hand != &clock_ring)
		pfn = page_to_pfn(list_entry(hand, struct page, lru));
	spin_unlock_irqrestore(&lru_lock, flags);
	printk("clock: %lu pages on the ring, hand at position %lu (pfn 0x%lx), %lu laps\n",
	       n, pos, pfn, lru_stat.aging);
}

const struct lru_policy lru_clock_policy = {
	.name = "clock",
	.init = clock_init,
	.add = clock_add,
	.del = clock_del,
	.isolate = clock_isolate,
	.putback = clock_putback,
	.shadow = clock_shadow,
	.show = clock_show,
	.nr_pages = clock_nr_pages,
};
