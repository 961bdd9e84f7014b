/*
 * Self-test suite "buddy": the page allocator (mm/page_alloc.c,
 * mm/percpu_pagelist.c, mm/page_alloc_debug.c, mm/vmstat.c), run in both
 * places (include/linux/selftest.h): in the kernel on the machine's real
 * RAM (`make qemu-test BOOTARGS=selftest=buddy`), and on the host under
 * ASan/UBSan on the fake 64 MiB machine tests/host/test_buddy.c builds
 * (`build/host/test_buddy buddy`), where the host-only suite buddy_host
 * also runs. Nothing here assumes either machine: sizes, watermarks and
 * per-CPU list sizes are read from the zone, a reserved page is looked up
 * in mem_map. Each case leaves the allocator as it found it: everything
 * allocated is freed, and where the case needs exact counts it switches
 * the per-CPU lists off (set_pcp_enabled) and back on.
 *
 * Pages on per-CPU lists are free but not in nr_free_pages() (as in Linux),
 * so "free pages" below always means after drain_all_pages().
 */
#include <linux/kernel.h>
#include <linux/prandom.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/printk.h>
#include <linux/selftest.h>
#include <linux/vmstat.h>
#include <string.h>

static unsigned long free_now(void)
{
	drain_all_pages();
	return nr_free_pages();
}

static void snapshot(unsigned long nr[MAX_ORDER])
{
	drain_all_pages();
	for (unsigned int o = 0; o < MAX_ORDER; o++)
		nr[o] = READ_ONCE(zone_normal.free_area[o].nr_free);
}

static bool same_buddyinfo(const unsigned long a[MAX_ORDER], const unsigned long b[MAX_ORDER])
{
	for (unsigned int o = 0; o < MAX_ORDER; o++)
		if (a[o] != b[o])
			return false;
	return true;
}

/*
 * Walk every free list under the zone lock: each block heads with PG_buddy
 * and its order, is aligned, inside mem_map, not reserved, has no other
 * block head inside it, and is fully merged (its buddy is not a free block
 * of the same order). The counters must match the lists. Returns problems.
 */
static int verify_free_lists(void)
{
	struct zone *z = &zone_normal;
	unsigned long flags, pages = 0;
	int bad = 0;

	spin_lock_irqsave(&z->lock, flags);
	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		unsigned long blocks = 0;

		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			struct page *page;

			list_for_each_entry(page, &z->free_area[o].free_list[mt], lru) {
				unsigned long pfn = page_to_pfn(page), nr = 1UL << o;
				bool ok = PageBuddy(page) && buddy_order(page) == o && !page_count(page) &&
					  IS_ALIGNED(pfn, nr) && pfn + nr <= max_pfn;

				for (unsigned long i = 0; ok && i < nr; i++)
					ok = !PageReserved(&page[i]) && (i == 0 || !PageBuddy(&page[i]));
				if (ok && o < MAX_ORDER - 1 && pfn_valid(pfn ^ nr)) {
					struct page *b = pfn_to_page(pfn ^ nr);

					ok = !(PageBuddy(b) && buddy_order(b) == o);
				}
				if (!ok && bad++ == 0)
					printk("    # bad free block: pfn %lx order %u flags %lx\n",
					       pfn, o, page->flags);
				blocks++;
				pages += 1UL << o;
			}
		}
		bad += blocks != z->free_area[o].nr_free;
	}
	bad += pages != zone_page_state_snapshot(z, NR_FREE_PAGES);
	spin_unlock_irqrestore(&z->lock, flags);
	return bad;
}

/* Allocate one block (no warning) and chain it through its own first words; false if none. */
static bool take(void **chain, gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp | __GFP_NOWARN, order);
	unsigned long *p;

	if (!page)
		return false;
	p = page_address(page);
	p[0] = (unsigned long)*chain;
	p[1] = order;
	*chain = p;
	return true;
}

static void give_back(void **chain)
{
	while (*chain) {
		unsigned long *p = *chain;

		*chain = (void *)p[0];
		free_pages((unsigned long)p, (unsigned int)p[1]);
	}
}

/* Write every word of the block with a value derived from its pfn, then read it back. */
static bool fill_and_check(struct page *page, unsigned int order)
{
	unsigned long words = (PAGE_SIZE << order) / sizeof(long), *p = page_address(page);
	unsigned long seed = page_to_pfn(page) * (PAGE_SIZE / sizeof(long));
	bool ok = true;

	for (unsigned long w = 0; w < words; w++)
		p[w] = seed + w;
	for (unsigned long w = 0; w < words; w++)
		ok &= p[w] == seed + w;
	return ok;
}

static bool all_zero(struct page *page, unsigned int order)
{
	const unsigned long *p = page_address(page);

	for (unsigned long w = 0; w < (PAGE_SIZE << order) / sizeof(long); w++)
		if (p[w])
			return false;
	return true;
}

/* Every order 0..10: aligned, owned, accounted, usable, and merged back on free. */
static void test_every_order(struct kunit *test)
{
	unsigned long before[MAX_ORDER], after[MAX_ORDER], free0;

	set_pcp_enabled(false);
	snapshot(before);
	free0 = nr_free_pages();
	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		struct page *page = alloc_pages(GFP_KERNEL, o);

		KUNIT_ASSERT_TRUE(test, page != NULL);
		KUNIT_EXPECT_TRUE(test, IS_ALIGNED(page_to_pfn(page), 1UL << o));
		KUNIT_EXPECT_EQ(test, page_count(page), 1);
		KUNIT_EXPECT_FALSE(test, PageBuddy(page) || PageReserved(page));
		KUNIT_EXPECT_EQ(test, PageHead(page), o > 0);
		if (o)
			KUNIT_EXPECT_EQ(test, page->private, o);
		KUNIT_EXPECT_EQ(test, nr_free_pages(), free0 - (1UL << o));
		KUNIT_EXPECT_TRUE(test, fill_and_check(page, o));
		__free_pages(page, o);
		KUNIT_EXPECT_EQ(test, nr_free_pages(), free0);
	}
	snapshot(after);
	KUNIT_EXPECT_TRUE(test, same_buddyinfo(before, after));
	KUNIT_EXPECT_EQ(test, verify_free_lists(), 0);
	set_pcp_enabled(true);
}

/*
 * Split and merge, predicted from the free lists: an order-0 request takes
 * the first block of the smallest non-empty unmovable list (order o) and
 * expand() puts back its upper halves, page+1 at order 0 ... page+2^(o-1)
 * at order o-1. The next request gets page+1, the buddy. Freeing the first
 * leaves a lone order-0 block; freeing the second merges all the way back.
 */
static void test_split_and_merge(struct kunit *test)
{
	struct zone *z = &zone_normal;
	struct list_head *unmovable0 = &z->free_area[0].free_list[MIGRATE_UNMOVABLE];
	unsigned long before[MAX_ORDER], after[MAX_ORDER];
	struct page *head = NULL, *a, *b;
	void *lone = NULL;
	unsigned int o;

	set_pcp_enabled(false);
	__free_pages(alloc_pages(GFP_KERNEL, 0), 0);	/* an unmovable pageblock exists */
	/* Lone order-0 unmovable blocks would be taken first: set them aside. */
	while (!list_empty(unmovable0) && take(&lone, GFP_KERNEL, 0))
		;
	snapshot(before);
	for (o = 1; o < MAX_ORDER; o++)
		if (!list_empty(&z->free_area[o].free_list[MIGRATE_UNMOVABLE]))
			break;
	KUNIT_ASSERT_TRUE(test, o < MAX_ORDER);
	head = list_first_entry(&z->free_area[o].free_list[MIGRATE_UNMOVABLE], struct page, lru);

	a = alloc_pages(GFP_KERNEL, 0);
	KUNIT_ASSERT_TRUE(test, a == head);
	for (unsigned int k = 0; k < o; k++) {
		struct page *half = head + (1UL << k);

		KUNIT_EXPECT_TRUE(test, PageBuddy(half) && buddy_order(half) == k);
		KUNIT_EXPECT_EQ(test, z->free_area[k].nr_free, before[k] + 1);
	}
	KUNIT_EXPECT_EQ(test, z->free_area[o].nr_free, before[o] - 1);

	b = alloc_pages(GFP_KERNEL, 0);
	KUNIT_ASSERT_TRUE(test, b == head + 1);
	KUNIT_EXPECT_EQ(test, page_to_pfn(b), page_to_pfn(a) ^ 1);	/* buddies */

	__free_pages(a, 0);		/* its buddy b is allocated: no merge */
	KUNIT_EXPECT_TRUE(test, PageBuddy(a) && buddy_order(a) == 0);
	__free_pages(b, 0);		/* merges with a, then with every half expand() made */
	KUNIT_EXPECT_TRUE(test, PageBuddy(head) && buddy_order(head) == o);
	KUNIT_EXPECT_FALSE(test, PageBuddy(b));
	snapshot(after);
	KUNIT_EXPECT_TRUE(test, same_buddyinfo(before, after));
	printk("    # split an order-%u block at pfn %lx and merged it back\n", o, page_to_pfn(head));
	give_back(&lone);
	KUNIT_EXPECT_EQ(test, verify_free_lists(), 0);
	set_pcp_enabled(true);
}

/* __GFP_ZERO clears even a page that was just dirtied and freed (and is hot on the pcp list). */
static void test_gfp_zero(struct kunit *test)
{
	static const unsigned int orders[] = { 0, 2, 3 };
	unsigned long addr;

	for (unsigned int i = 0; i < ARRAY_SIZE(orders); i++) {
		unsigned int o = orders[i];
		struct page *page = alloc_pages(GFP_KERNEL, o);

		KUNIT_ASSERT_TRUE(test, page != NULL);
		memset(page_address(page), 0x5c, PAGE_SIZE << o);
		__free_pages(page, o);
		page = alloc_pages(GFP_KERNEL | __GFP_ZERO, o);
		KUNIT_ASSERT_TRUE(test, page != NULL);
		KUNIT_EXPECT_TRUE(test, all_zero(page, o));
		__free_pages(page, o);

		addr = __get_free_pages(GFP_KERNEL | __GFP_ZERO, o);
		KUNIT_ASSERT_NE(test, addr, 0);
		KUNIT_EXPECT_TRUE(test, all_zero(virt_to_page(addr), o));
		free_pages(addr, o);
	}
	addr = get_free_page(GFP_KERNEL);
	KUNIT_ASSERT_NE(test, addr, 0);
	KUNIT_EXPECT_TRUE(test, all_zero(virt_to_page(addr), 0));
	free_page(addr);
}

/* A second reference keeps a page; the last put_page frees it, a compound block whole. */
static void test_refcount(struct kunit *test)
{
	unsigned long free0;
	struct page *p;

	set_pcp_enabled(false);
	free0 = free_now();
	p = alloc_pages(GFP_KERNEL, 0);
	KUNIT_ASSERT_TRUE(test, p != NULL);
	get_page(p);
	KUNIT_EXPECT_EQ(test, page_count(p), 2);
	__free_pages(p, 0);
	KUNIT_EXPECT_EQ(test, nr_free_pages(), free0 - 1);	/* another reference is held */
	put_page(p);
	KUNIT_EXPECT_EQ(test, nr_free_pages(), free0);
	p = alloc_pages(GFP_KERNEL, 3);
	KUNIT_ASSERT_TRUE(test, p != NULL);
	KUNIT_EXPECT_TRUE(test, PageHead(p) && p->private == 3);
	put_page(p);
	KUNIT_EXPECT_EQ(test, nr_free_pages(), free0);
	set_pcp_enabled(true);
}

/*
 * NR_FREE_PAGES kept the vmstat way (Linux: __mod_zone_page_state,
 * refresh_cpu_vm_stats): every CPU's difference stays within its threshold,
 * the folded count plus the differences is the exact count, and a fold
 * moves this CPU's difference into the zone. Read under zone->lock, which
 * every change and every fold of NR_FREE_PAGES holds, so other CPUs cannot
 * move the numbers in between.
 */
static void test_vmstat_fold(struct kunit *test)
{
	struct zone *z = &zone_normal;
	unsigned long free0, flags, folded;
	long diffs = 0;
	struct page *p;
	bool in_range = true;

	KUNIT_EXPECT_TRUE(test, z->pcp[0].stat_threshold > 0 && z->pcp[0].stat_threshold <= 125);
	KUNIT_EXPECT_GE(test, z->percpu_drift_mark,
			high_wmark_pages(z) + (unsigned long)NR_CPUS * (unsigned long)z->pcp[0].stat_threshold);
	set_pcp_enabled(false);		/* order 0 through the zone lock: NR_FREE_PAGES moves */
	free0 = nr_free_pages();
	p = alloc_pages(GFP_KERNEL, 0);
	KUNIT_ASSERT_TRUE(test, p != NULL);

	spin_lock_irqsave(&z->lock, flags);
	folded = zone_page_state(z, NR_FREE_PAGES);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		long d = z->pcp[cpu].vm_stat_diff[NR_FREE_PAGES];

		in_range &= d >= -z->pcp[cpu].stat_threshold && d <= z->pcp[cpu].stat_threshold;
		diffs += d;
	}
	spin_unlock_irqrestore(&z->lock, flags);
	KUNIT_EXPECT_TRUE_MSG(test, in_range, "a difference beyond its threshold was not folded");
	KUNIT_EXPECT_EQ(test, (long)folded + diffs, (long)free0 - 1);
	KUNIT_EXPECT_EQ(test, nr_free_pages(), free0 - 1);

	refresh_cpu_vm_stats();		/* takes the zone lock itself */
	spin_lock_irqsave(&z->lock, flags);
	KUNIT_EXPECT_EQ(test, z->pcp[smp_processor_id()].vm_stat_diff[NR_FREE_PAGES], 0);
	diffs = 0;
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		diffs += z->pcp[cpu].vm_stat_diff[NR_FREE_PAGES];
	KUNIT_EXPECT_EQ(test, (long)zone_page_state(z, NR_FREE_PAGES) + diffs, (long)free0 - 1);
	spin_unlock_irqrestore(&z->lock, flags);

	__free_pages(p, 0);
	KUNIT_EXPECT_EQ(test, nr_free_pages(), free0);
	set_pcp_enabled(true);
}

/*
 * The watermarks follow min_free_kbytes (Linux: __setup_per_zone_wmarks):
 * min = min_free_kbytes in pages, then two equal steps of the larger of
 * min/4 and watermark_scale_factor/10000 of the zone, recomputed when the
 * value changes.
 */
static void test_watermark_setup(struct kunit *test)
{
	struct zone *z = &zone_normal;
	unsigned long m = z->managed_pages, min, delta;
	int saved = min_free_kbytes;

	min = (unsigned long)min_free_kbytes / 4;
	delta = max(min / 4, m * watermark_scale_factor / 10000);
	KUNIT_EXPECT_EQ(test, min_wmark_pages(z), min);
	KUNIT_EXPECT_EQ(test, low_wmark_pages(z), min + delta);
	KUNIT_EXPECT_EQ(test, high_wmark_pages(z), min + 2 * delta);
	setup_min_free_kbytes(4096);
	delta = max(1024UL / 4, m * watermark_scale_factor / 10000);
	KUNIT_EXPECT_EQ(test, min_wmark_pages(z), 1024);
	KUNIT_EXPECT_EQ(test, low_wmark_pages(z), 1024 + delta);
	setup_min_free_kbytes(saved);
	KUNIT_EXPECT_EQ(test, min_wmark_pages(z), min);
}

/*
 * Per-CPU lists on: the first order-0 request moves a batch in; a freed
 * page is the next one handed out (hot); the lists never reach "high".
 * Off: nothing is cached and every page moves the free count by one.
 */
static void test_pcp_on_off(struct kunit *test)
{
	struct per_cpu_pages *pcp = &zone_normal.pcp[smp_processor_id()];
	unsigned long free0 = free_now(), n = 0, most = 0;
	void *chain = NULL;
	struct page *p, *q;

	KUNIT_ASSERT_TRUE(test, pcp_enabled());
	KUNIT_EXPECT_EQ(test, nr_pcp_pages(), 0);
	p = alloc_pages(GFP_KERNEL, 0);
	KUNIT_ASSERT_TRUE(test, p != NULL);
	KUNIT_EXPECT_EQ(test, nr_pcp_pages(), pcp->batch - 1);
	KUNIT_EXPECT_EQ(test, nr_free_pages(), free0 - pcp->batch);
	__free_pages(p, 0);
	KUNIT_EXPECT_EQ(test, nr_pcp_pages(), pcp->batch);
	KUNIT_EXPECT_EQ(test, nr_free_pages(), free0 - pcp->batch);	/* not back in the buddy */
	q = alloc_pages(GFP_KERNEL, 0);
	KUNIT_EXPECT_TRUE(test, q == p);
	__free_pages(q, 0);
	/* A movable request does not take the unmovable page on the list. */
	q = alloc_pages(GFP_USER, 0);
	KUNIT_ASSERT_TRUE(test, q != NULL);
	KUNIT_EXPECT_TRUE(test, q != p && get_pageblock_migratetype(q) == MIGRATE_MOVABLE);
	__free_pages(q, 0);

	/* high + batch pages out, then back one by one: the list stays below high. */
	for (n = 0; n < (unsigned long)(pcp->high + pcp->batch); n++)
		take(&chain, GFP_KERNEL, 0);
	while (chain) {
		void *next = *(void **)chain;

		free_page((unsigned long)chain);
		most = max(most, nr_pcp_pages());
		chain = next;
	}
	KUNIT_EXPECT_LT(test, most, (unsigned long)pcp->high);
	printk("    # pcp: batch %d high %d, most pages on the list %lu\n", pcp->batch, pcp->high, most);
	drain_all_pages();
	KUNIT_EXPECT_EQ(test, nr_pcp_pages(), 0);
	KUNIT_EXPECT_EQ(test, nr_free_pages(), free0);

	set_pcp_enabled(false);
	KUNIT_EXPECT_EQ(test, nr_pcp_pages(), 0);
	p = alloc_pages(GFP_KERNEL, 0);
	KUNIT_ASSERT_TRUE(test, p != NULL);
	KUNIT_EXPECT_EQ(test, nr_pcp_pages(), 0);
	KUNIT_EXPECT_EQ(test, nr_free_pages(), free0 - 1);
	__free_pages(p, 0);
	KUNIT_EXPECT_EQ(test, nr_free_pages(), free0);
	set_pcp_enabled(true);
}

/*
 * Fill RAM down to the watermarks and watch each GFP mode stop where it
 * should: above low nothing happens; below low kswapd is woken; at min
 * GFP_NOWAIT fails, GFP_KERNEL enters direct reclaim first (and fails
 * unless reclaim freed something), and GFP_ATOMIC goes on down to min/2.
 * Nothing here sleeps, so kswapd, once woken, only runs after the case.
 */
static void test_watermarks(struct kunit *test)
{
	struct zone *z = &zone_normal;
	unsigned long min = min_wmark_pages(z), low = low_wmark_pages(z), free0;
	unsigned long kswapd, stall, fails, steal, head;
	void *chain = NULL;
	bool got;

	set_pcp_enabled(false);
	free0 = nr_free_pages();
	while (nr_free_pages() > low + 1) {	/* big blocks first, so this is quick */
		unsigned long room = nr_free_pages() - low - 1;
		int o = min(MAX_ORDER - 1, 63 - __builtin_clzl(room));

		/* Movable (no pageblock relabelled), and never reclaim to get it. */
		while (o >= 0 && !take(&chain, GFP_NOWAIT | __GFP_MOVABLE, o))
			o--;
		if (o < 0)
			break;
	}
	KUNIT_EXPECT_EQ(test, nr_free_pages(), low + 1);

	kswapd = vm_event(KSWAPD_WAKEUP);
	KUNIT_EXPECT_TRUE(test, take(&chain, GFP_KERNEL, 0));	/* leaves exactly low */
	KUNIT_EXPECT_EQ(test, vm_event(KSWAPD_WAKEUP), kswapd);
	KUNIT_EXPECT_TRUE(test, take(&chain, GFP_KERNEL, 0));	/* at low: wakes kswapd */
	KUNIT_EXPECT_EQ(test, vm_event(KSWAPD_WAKEUP), kswapd + 1);

	while (nr_free_pages() > min && take(&chain, GFP_NOWAIT, 0))
		;
	KUNIT_EXPECT_EQ(test, nr_free_pages(), min);
	stall = vm_event(ALLOCSTALL_NORMAL);
	fails = vm_event(PGALLOC_FAIL);
	KUNIT_EXPECT_FALSE(test, take(&chain, GFP_NOWAIT, 0));
	KUNIT_EXPECT_EQ(test, vm_event(ALLOCSTALL_NORMAL), stall);	/* may not reclaim */
	KUNIT_EXPECT_EQ(test, vm_event(PGALLOC_FAIL), fails + 1);
	/* Reclaim may itself allocate (and fail): only its entry is counted here. */
	steal = vm_event(PGSTEAL_DIRECT);
	got = take(&chain, GFP_KERNEL | __GFP_NORETRY, 0);	/* NORETRY: one round, no OOM kill */
	KUNIT_EXPECT_EQ(test, vm_event(ALLOCSTALL_NORMAL), stall + 1);
	KUNIT_EXPECT_TRUE(test, !got || vm_event(PGSTEAL_DIRECT) > steal);

	while (take(&chain, GFP_ATOMIC, 0))
		;
	KUNIT_EXPECT_EQ(test, nr_free_pages(), min - min / 2);
	head = log_buf_head();
	KUNIT_EXPECT_TRUE(test, alloc_pages(GFP_ATOMIC, 0) == NULL);	/* with the warning */
	KUNIT_EXPECT_TRUE(test, log_contains(head, "page allocation failure: order:0, mode:0x5(GFP_ATOMIC)"));
	printk("    # watermarks min %lu low %lu high %lu; GFP_ATOMIC stopped at %lu free pages\n",
	       min, low, high_wmark_pages(z), nr_free_pages());

	give_back(&chain);
	if (vm_event(PGSTEAL_DIRECT) == steal)	/* else reclaim freed pages of some task */
		KUNIT_EXPECT_EQ(test, nr_free_pages(), free0);
	set_pcp_enabled(true);
}

/* Free pages including the per-CPU lists, without draining them. */
static unsigned long all_free(void)
{
	return nr_free_pages() + nr_pcp_pages();
}

/* Run one bad free: it must be reported with @why and change nothing. */
#define EXPECT_BAD_FREE(test, call, why) do {					\
	unsigned long __head = log_buf_head(), __free = all_free();		\
	call;									\
	KUNIT_EXPECT_TRUE(test, log_contains(__head, "BUG: Bad page state"));	\
	KUNIT_EXPECT_TRUE_MSG(test, log_contains(__head, why), "want \"%s\"", why); \
	KUNIT_EXPECT_EQ(test, all_free(), __free);				\
	KUNIT_EXPECT_EQ(test, verify_free_lists(), 0);				\
} while (0)

/* A page boot kept reserved (the kernel image, mem_map itself, firmware), from mem_map. */
static struct page *first_reserved_page(void)
{
	for (unsigned long pfn = min_low_pfn; pfn < max_pfn; pfn++)
		if (pfn_valid(pfn) && PageReserved(pfn_to_page(pfn)))
			return pfn_to_page(pfn);
	return NULL;
}

static struct rnd_state rnd_state = { 2463534242u };	/* lib/prandom.c: seed != 0 */

/*
 * Every bad free the allocator knows is reported, in Linux's format with
 * the pfn, and refused: no count moves, the lists stay consistent, and the
 * page can still be freed correctly afterwards.
 */
static void test_bad_frees(struct kunit *test)
{
	struct page *p, *big, fake, *reserved = first_reserved_page();
	unsigned long free0 = free_now(), pfn, head;
	/* Not in the linear map: the kernel image (in the kernel), the program (on the host). */
	unsigned long image = (unsigned long)&rnd_state & PAGE_MASK;
	char want[160];

	KUNIT_ASSERT_TRUE(test, reserved != NULL);
	for (int pcp = 0; pcp < 2; pcp++) {
		set_pcp_enabled(pcp);
		drain_all_pages();
		p = alloc_pages(GFP_KERNEL, 0);
		KUNIT_ASSERT_TRUE(test, p != NULL);
		pfn = page_to_pfn(p);
		__free_pages(p, 0);	/* pcp on: now on this CPU's list, not PG_buddy */
		snprintf(want, sizeof(want), "in __free_pages() pfn:%05lx order:0: double free: %s", pfn,
			 pcp ? "refcount is already 0" : "page is already free");
		EXPECT_BAD_FREE(test, __free_pages(p, 0), want);
	}
	set_pcp_enabled(false);

	big = alloc_pages(GFP_KERNEL, 2);
	KUNIT_ASSERT_TRUE(test, big != NULL);
	pfn = page_to_pfn(big);
	snprintf(want, sizeof(want), "pfn:%05lx order:1: wrong order: freed as order 1, allocated as order 2",
		 pfn);
	EXPECT_BAD_FREE(test, __free_pages(big, 1), want);
	snprintf(want, sizeof(want),
		 "pfn:%05lx order:0: not the first page of its allocation (order-2 block at pfn:%05lx)",
		 pfn + 1, pfn);
	EXPECT_BAD_FREE(test, __free_pages(big + 1, 0), want);
	KUNIT_EXPECT_EQ(test, page_count(big), 1);	/* still allocated */
	SetPageSlab(big);
	EXPECT_BAD_FREE(test, __free_pages(big, 2), "PG_slab still set");
	ClearPageSlab(big);
	KUNIT_EXPECT_EQ(test, page_count(big), 1);
	atomic_set(&big->_mapcount, 0);	/* as if one PTE mapped it */
	EXPECT_BAD_FREE(test, __free_pages(big, 2), "still mapped by 1 page table entries");
	page_mapcount_reset(big);
	head = log_buf_head();
	__free_pages(big, 2);		/* fixed: now the free goes through */
	KUNIT_EXPECT_FALSE(test, log_contains(head, "BUG"));
	KUNIT_EXPECT_EQ(test, nr_free_pages(), free0);

	p = alloc_pages(GFP_KERNEL, 0);
	KUNIT_ASSERT_TRUE(test, p != NULL);
	EXPECT_BAD_FREE(test, __free_pages(p, 3), "wrong order: freed as order 3, allocated as order 0");
	EXPECT_BAD_FREE(test, __free_pages(p, MAX_ORDER), "order out of range");
	snprintf(want, sizeof(want), "in free_pages() addr:0x%lx: address is not page aligned",
		 (unsigned long)page_address(p) + 8);
	EXPECT_BAD_FREE(test, free_pages((unsigned long)page_address(p) + 8, 0), want);
	EXPECT_BAD_FREE(test, __free_pages(&fake, 0), "not a struct page in mem_map");
	EXPECT_BAD_FREE(test, __free_pages((struct page *)((char *)p + 8), 0),
			"not a struct page in mem_map");
	__free_pages(p, 0);

	snprintf(want, sizeof(want), "pfn:%05lx order:0: freeing a reserved page", page_to_pfn(reserved));
	EXPECT_BAD_FREE(test, __free_pages(reserved, 0), want);
	KUNIT_EXPECT_TRUE(test, PageReserved(reserved));
	EXPECT_BAD_FREE(test, free_pages(image, 0), "address is not in the linear map of RAM");
	EXPECT_BAD_FREE(test, free_pages((unsigned long)__va(PFN_PHYS(max_pfn + 16)), 0),
			"address is not in the linear map of RAM");
	set_pcp_enabled(true);

	KUNIT_EXPECT_EQ(test, free_now(), free0);
	KUNIT_EXPECT_EQ(test, verify_free_lists(), 0);
}

static unsigned int rnd(void)
{
	return prandom_u32_state(&rnd_state);
}

#define STRESS_OPS	100000
#define STRESS_SLOTS	512

/*
 * 100k random allocations and frees: orders 0..10 (order n with
 * probability 2^-(n+1)), unmovable and movable, some zeroed, the per-CPU
 * lists switched on and off every 10k steps. Every page is stamped with its
 * pfn and checked on free. At the end free pages and buddyinfo must be
 * exactly what they were.
 */
static void test_stress(struct kunit *test)
{
	static struct { struct page *page; unsigned int order; } slot[STRESS_SLOTS];
	unsigned long before[MAX_ORDER], after[MAX_ORDER], free0, free1;
	unsigned long allocs = 0, frees = 0, failed = 0, bad_stamps = 0;

	snapshot(before);
	free0 = nr_free_pages();
	printk("    # buddyinfo before the stress case:\n");
	show_buddyinfo();
	for (int op = 0; op < STRESS_OPS; op++) {
		unsigned int r = rnd(), i = r % STRESS_SLOTS;

		if (op % 10000 == 5000)
			set_pcp_enabled(!pcp_enabled());
		if (slot[i].page) {
			struct page *page = slot[i].page;

			for (unsigned long k = 0; k < (1UL << slot[i].order); k++)
				bad_stamps += *(unsigned long *)page_address(page + k) != page_to_pfn(page + k);
			__free_pages(page, slot[i].order);
			slot[i].page = NULL;
			frees++;
		} else {
			unsigned int order = min(__builtin_ctz(rnd() | (1U << (MAX_ORDER - 1))), MAX_ORDER - 1);
			gfp_t gfp = GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY |
				    ((r >> 9) & 1 ? __GFP_MOVABLE : 0) | ((r >> 10) % 8 ? 0 : __GFP_ZERO);
			struct page *page = alloc_pages(gfp, order);

			if (!page) {
				failed++;
				continue;
			}
			if ((gfp & __GFP_ZERO) && *(unsigned long *)page_address(page + (1UL << order) - 1))
				bad_stamps++;
			for (unsigned long k = 0; k < (1UL << order); k++)
				*(unsigned long *)page_address(page + k) = page_to_pfn(page + k);
			slot[i].page = page;
			slot[i].order = order;
			allocs++;
		}
	}
	for (int i = 0; i < STRESS_SLOTS; i++)
		if (slot[i].page) {
			__free_pages(slot[i].page, slot[i].order);
			slot[i].page = NULL;
		}
	set_pcp_enabled(true);
	snapshot(after);
	free1 = nr_free_pages();
	printk("    # buddy stress: %d operations (%lu allocs, %lu frees, %lu failed): "
	       "nr_free_pages before %lu, after %lu\n", STRESS_OPS, allocs, frees, failed, free0, free1);
	printk("    # buddyinfo after:\n");
	show_buddyinfo();
	KUNIT_EXPECT_EQ(test, free1, free0);
	KUNIT_EXPECT_TRUE(test, same_buddyinfo(before, after));
	KUNIT_EXPECT_EQ(test, bad_stamps, 0);
	KUNIT_EXPECT_EQ(test, failed, 0);
	KUNIT_EXPECT_EQ(test, verify_free_lists(), 0);
}

/* The /proc-style reports, as they look on this machine. */
static void test_reports(struct kunit *test)
{
	unsigned long head, nr[MAX_ORDER];
	char want[32 + MAX_ORDER * 8];
	int len;

	snapshot(nr);
	head = log_buf_head();
	show_buddyinfo();
	show_pagetypeinfo();
	show_unusable_index();
	len = snprintf(want, sizeof(want), "Node 0, zone %8s ", zone_normal.name);
	for (unsigned int o = 0; o < MAX_ORDER; o++)
		len += snprintf(want + len, sizeof(want) - len, "%6lu ", nr[o]);
	KUNIT_EXPECT_TRUE(test, log_contains(head, want));
	KUNIT_EXPECT_TRUE(test, log_contains(head, "Page block order: 10"));
	KUNIT_EXPECT_TRUE(test, log_contains(head, "Number of blocks type"));
	KUNIT_EXPECT_EQ(test, unusable_free_index(0), 0);
	KUNIT_EXPECT_LE(test, unusable_free_index(MAX_ORDER - 1), 1000);

	head = log_buf_head();
	show_vmstat();
	KUNIT_EXPECT_TRUE(test, log_contains(head, "nr_free_pages "));
	KUNIT_EXPECT_TRUE(test, log_contains(head, "pgalloc_normal ") && log_contains(head, "pgfree ") &&
			  log_contains(head, "allocstall_normal ") &&
			  log_contains(head, "kswapd_wakeup ") && log_contains(head, "oom_kill "));
}

static struct kunit_case buddy_cases[] = {
	KUNIT_CASE(test_every_order),
	KUNIT_CASE(test_split_and_merge),
	KUNIT_CASE(test_gfp_zero),
	KUNIT_CASE(test_refcount),
	KUNIT_CASE(test_vmstat_fold),
	KUNIT_CASE(test_watermark_setup),
	KUNIT_CASE(test_pcp_on_off),
	KUNIT_CASE(test_watermarks),
	KUNIT_CASE(test_bad_frees),
	KUNIT_CASE(test_stress),
	KUNIT_CASE(test_reports),
	{ NULL, NULL },
};

static struct kunit_suite buddy_suite = { .name = "buddy", .cases = buddy_cases };
selftest_suite(buddy_suite);
