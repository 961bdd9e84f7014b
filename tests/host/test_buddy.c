/*
 * The host-only buddy suite "buddy_host", and the fake machine on which it
 * and the shared suite "buddy" (mm/buddy_test.c) run in build/host/test_buddy
 * (include/linux/selftest.h tells how suites run on the host).
 *
 * The machine (selftest_host_init): one bank of 64 MiB + 5 pages + half a
 * page (an odd, unaligned tail), the "kernel image" reserved at the bottom,
 * a reserved hole of odd size in the middle, 64 KiB of NOMAP firmware
 * memory, and the mem_map itself allocated from memblock; mm/memblock.c,
 * mm/mm_init.c, mm/page_alloc.c, mm/percpu_pagelist.c,
 * mm/page_alloc_debug.c and mm/vmstat.c run on it under ASan/UBSan. After
 * every case of buddy_host (the suite's exit hook) all memory is back and
 * the free lists have coalesced to the boot state exactly.
 *
 * Why each case runs on the host only:
 *   test_handover        the exact hand-over from memblock of this machine's
 *                        layout (tail, hole, NOMAP); in the kernel memblock
 *                        is the board's and its layout is not known
 *   test_watermark_boot  min_free_kbytes and the per-CPU list sizes as boot
 *                        computed them from its managed pages, with no
 *                        min_free_kbytes= given; a kernel may boot with one
 *   test_fallback        needs a zone in which no pageblock is unmovable yet
 *   test_random          a long random run with the whole-zone invariant
 *                        walk every 1000 steps and an owner map of every pfn
 *                        (buddy's test_stress is the one that runs in QEMU too)
 *   test_reclaim_hooks   counts wakeup_kswapd and try_to_free_pages calls and
 *                        plays reclaim by defining them here (below), and
 *                        exhausts the zone, which a running kernel cannot afford
 *   test_fragmentation   takes every page with min_free_kbytes=0
 *   test_bad_frees_nomap frees a NOMAP page, which only this machine is known
 *                        to have, and a "kernel image" page by its exact pfn
 *   test_vmstat_boot     pgfree counts the boot hand-over exactly; no OOM kill
 *                        has ever happened
 * Suites run in link order, this file first: test_fallback must see the
 * zone before buddy's cases have claimed pageblocks.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/oom.h>
#include <linux/memblock.h>
#include <linux/prandom.h>
#include <linux/printk.h>
#include <linux/selftest.h>
#include <linux/vmstat.h>
#include "host_shim.h"

#define FAKE_BASE	0x40000000UL
#define RAM_SIZE	(64 * SZ_1M + 5 * SZ_4K + 0x800)	/* odd tail: 5.5 pages */
#define KERNEL_SIZE	0x281000UL				/* "kernel image" at FAKE_BASE */
#define HOLE_BASE	(FAKE_BASE + 8 * SZ_1M + 3 * SZ_4K)
#define HOLE_SIZE	(SZ_1M + SZ_4K)
#define NOMAP_BASE	(FAKE_BASE + 32 * SZ_1M)
#define NOMAP_SIZE	SZ_64K

static unsigned long initial_free, initial_nr_free[MAX_ORDER];
/* What selftest_host_init saw, for test_handover: free pages per memblock, the log position. */
static unsigned long boot_expect, boot_log;
static bool *owned;			/* pfn - min_low_pfn -> allocated by this test */

/*
 * ---- reclaim hooks played by the test ------------------------------------
 * mm/vmscan.c and mm/oom_kill.c are not linked in: these are the host's
 * only definitions of the hooks mm/page_alloc.c calls, and they count the
 * calls and play reclaim (fake_progress, reclaim_stash) for
 * test_reclaim_hooks. Everything else sees no reclaim: 0 pages freed.
 */

static int kswapd_calls, reclaim_calls;
static unsigned long fake_progress;	/* what "reclaim" reports */
static struct page *reclaim_stash;	/* a page "reclaim" really frees, once */

/* Counted as mm/vmscan.c counts a wake-up; this kswapd never runs. */
void wakeup_kswapd(struct zone *zone, gfp_t gfp, unsigned int order)
{
	kswapd_calls++;
	count_vm_event(KSWAPD_WAKEUP);
}

unsigned long try_to_free_pages(struct zone *zone, unsigned int order, gfp_t gfp)
{
	reclaim_calls++;
	if (reclaim_stash) {
		__free_pages(reclaim_stash, 0);
		reclaim_stash = NULL;
		return 1;
	}
	return fake_progress;
}

/* No OOM killer here: the allocation fails. */
bool out_of_memory(gfp_t gfp, unsigned int order)
{
	return false;
}

/* ---- helpers ------------------------------------------------------------- */

static unsigned long idx(unsigned long pfn) { return pfn - min_low_pfn; }

static int count_list(struct list_head *h)
{
	struct list_head *p;
	int n = 0;

	list_for_each(p, h)
		n++;
	return n;
}

/*
 * Walk every free list and per-CPU list and check the invariants: each free
 * block is PG_buddy with the right order, aligned, in range, not reserved,
 * not overlapping another free block or an owned page, and not mergeable
 * with its buddy; counters match the lists. Returns free pages (buddy +
 * per-CPU) or -1 after printing the first problem.
 */
static long verify_buddy(void)
{
	struct zone *z = &zone_normal;
	unsigned long span = max_pfn - min_low_pfn, pages = 0, pcp = 0;
	bool *seen = calloc(span, 1);
	long ret = -1;

	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		unsigned long blocks = 0;

		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			struct page *page;

			list_for_each_entry(page, &z->free_area[o].free_list[mt], lru) {
				unsigned long pfn = page_to_pfn(page);

				if (!PageBuddy(page) || buddy_order(page) != o || page_count(page)) {
					printk("        # pfn %lx on order-%u list: flags %lx private %lu ref %d\n",
					       pfn, o, page->flags, page->private, page_count(page));
					goto out;
				}
				if (pfn & ((1UL << o) - 1) || pfn + (1UL << o) > max_pfn) {
					printk("        # pfn %lx misaligned or past the end for order %u\n", pfn, o);
					goto out;
				}
				for (unsigned long i = 0; i < (1UL << o); i++) {
					if (seen[idx(pfn + i)] || owned[idx(pfn + i)] ||
					    PageReserved(&page[i]) || (i && PageBuddy(&page[i]))) {
						printk("        # pfn %lx (block %lx order %u) overlaps\n", pfn + i, pfn, o);
						goto out;
					}
					seen[idx(pfn + i)] = true;
				}
				if (o < MAX_ORDER - 1 && pfn_valid(pfn ^ (1UL << o))) {
					struct page *b = pfn_to_page(pfn ^ (1UL << o));

					if (PageBuddy(b) && buddy_order(b) == o) {
						printk("        # pfn %lx order %u: buddy free but not merged\n", pfn, o);
						goto out;
					}
				}
				blocks++;
				pages += 1UL << o;
			}
		}
		if (blocks != z->free_area[o].nr_free) {
			printk("        # order %u: %lu blocks on lists, nr_free %lu\n", o, blocks,
			       z->free_area[o].nr_free);
			goto out;
		}
	}
	if (pages != zone_page_state_snapshot(z, NR_FREE_PAGES)) {
		printk("        # %lu pages on lists, NR_FREE_PAGES %lu\n", pages,
		       zone_page_state_snapshot(z, NR_FREE_PAGES));
		goto out;
	}
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		unsigned long n = 0;

		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			struct page *page;

			list_for_each_entry(page, &z->pcp[cpu].lists[mt], lru) {
				unsigned long pfn = page_to_pfn(page);

				if (PageBuddy(page) || page_count(page) || seen[idx(pfn)] ||
				    owned[idx(pfn)]) {
					printk("        # pcp page %lx in a bad state\n", pfn);
					goto out;
				}
				seen[idx(pfn)] = true;
				n++;
			}
		}
		if (n != (unsigned long)z->pcp[cpu].count) {
			printk("        # cpu %u: %lu pcp pages listed, count %d\n", cpu, n, z->pcp[cpu].count);
			goto out;
		}
		pcp += n;
	}
	ret = (long)(pages + pcp);
out:
	free(seen);
	return ret;
}

/* Take ownership of an allocated block: check it is new to us, stamp it. */
static void own(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page);

	for (unsigned long i = 0; i < (1UL << order); i++) {
		if (owned[idx(pfn + i)] || PageReserved(&page[i]))
			printk("        # BAD: pfn %lx handed out twice or reserved\n", pfn + i);
		BUG_ON(owned[idx(pfn + i)] || PageReserved(&page[i]));
		owned[idx(pfn + i)] = true;
		*(unsigned long *)page_address(&page[i]) = pfn + i;
	}
}

/* Give it back: the stamps must be intact (nobody else was given it). */
static void disown(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page);

	for (unsigned long i = 0; i < (1UL << order); i++) {
		BUG_ON(!owned[idx(pfn + i)]);
		BUG_ON(*(unsigned long *)page_address(&page[i]) != pfn + i);
		owned[idx(pfn + i)] = false;
	}
}

static struct page *get(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);

	if (page)
		own(page, order);
	return page;
}

static void put(struct page *page, unsigned int order)
{
	disown(page, order);
	__free_pages(page, order);
}

/* After each case (the suite's exit hook): same free count and the same blocks per order as at boot. */
static void check_back_to_initial(struct kunit *test)
{
	bool same = true;

	drain_all_pages();
	KUNIT_EXPECT_EQ_MSG(test, verify_buddy(), initial_free, "free lists intact, all pages back");
	for (unsigned int o = 0; o < MAX_ORDER; o++)
		same &= zone_normal.free_area[o].nr_free == initial_nr_free[o];
	KUNIT_EXPECT_TRUE_MSG(test, same, "buddyinfo equals the boot state");
}

static unsigned long count_pageblocks(int mt)
{
	unsigned long n = 0, last = (max_pfn - 1) >> pageblock_order;

	for (unsigned long b = min_low_pfn >> pageblock_order; b <= last; b++)
		n += get_pageblock_migratetype(pfn_to_page(max(b << pageblock_order, min_low_pfn))) == mt;
	return n;
}

static struct rnd_state rnd_state;	/* lib/prandom.c */
static unsigned int rnd(void)
{
	return prandom_u32_state(&rnd_state);
}

/* ---- the tests ----------------------------------------------------------- */

/* The machine, booted as arch/arm64/mm/init.c boots the kernel's: memblock, then mem_map, then the hand-over. */
int selftest_host_init(void)
{
	struct kernel_image_sizes sizes = { 2 * SZ_1M, 512 * SZ_1K, SZ_1M, 256 * SZ_1K };
	phys_addr_t s, e;
	u64 i;

	boot_log = log_buf_head();
	host_ram_alloc(ALIGN(RAM_SIZE, 4 * SZ_1M), FAKE_BASE);	/* size: a multiple of 4 MiB */
	memblock_add(FAKE_BASE, RAM_SIZE);
	memblock_reserve(FAKE_BASE, KERNEL_SIZE);
	memblock_reserve(HOLE_BASE, HOLE_SIZE);
	memblock_mark_nomap(NOMAP_BASE, NOMAP_SIZE);
	/* As if only the first 16 MiB were mapped yet: mem_map lands below it. */
	memblock_set_current_limit(FAKE_BASE + 16 * SZ_1M);

	free_area_init(PHYS_PFN(memblock_start_of_DRAM()), PHYS_PFN(memblock_end_of_DRAM()));
	memblock_dump_all();
	/* What memblock says is free, in whole pages, is what the buddy must get. */
	for_each_free_mem_range(i, &s, &e)
		boot_expect += PHYS_PFN(e) - PHYS_PFN(s + PAGE_SIZE - 1);
	owned = calloc(max_pfn - min_low_pfn, sizeof(*owned));
	mem_init(&sizes);
	initial_free = nr_free_pages();
	for (unsigned int o = 0; o < MAX_ORDER; o++)
		initial_nr_free[o] = zone_normal.free_area[o].nr_free;
	show_buddyinfo();
	return owned ? 0 : -1;
}

static void test_handover(struct kunit *test)
{
	unsigned long expect = boot_expect, present, kpfn = PHYS_PFN(FAKE_BASE);
	char want[200];

	KUNIT_EXPECT_EQ_MSG(test, max_pfn - min_low_pfn, 16384 + 5, "mem_map covers the whole pages of the bank");
	KUNIT_EXPECT_TRUE_MSG(test, log_contains(boot_log, "struct page: 64 bytes, mem_map: 1024 KiB for 16389 pages (1.5% of RAM)"),
	   "struct page size and overhead printed");
	KUNIT_EXPECT_TRUE_MSG(test, memblock_is_reserved(__pa(mem_map)), "mem_map itself is reserved in memblock");

	KUNIT_EXPECT_EQ_MSG(test, zone_normal.managed_pages, expect, "managed pages = whole free pages in memblock");
	KUNIT_EXPECT_EQ_MSG(test, initial_free, expect, "all of them are free");
	present = zone_normal.present_pages;
	KUNIT_EXPECT_EQ_MSG(test, present, 16389, "present pages (NOMAP included, partial page not)");
	snprintf(want, sizeof(want), "Memory: %luK/%luK available (2048K kernel code, 512K rwdata, "
		 "1024K rodata, 256K bss, %luK reserved)", expect * 4, present * 4,
		 (present - expect) * 4);
	KUNIT_EXPECT_TRUE_MSG(test, log_contains(boot_log, want), "\"Memory:\" line in Linux's format");

	KUNIT_EXPECT_TRUE_MSG(test, PageReserved(pfn_to_page(kpfn)) && PageReserved(pfn_to_page(kpfn + 0x280)),
	   "kernel image pages stay PG_reserved");
	KUNIT_EXPECT_TRUE_MSG(test, !PageReserved(pfn_to_page(kpfn + 0x281)), "first page after the kernel is not");
	KUNIT_EXPECT_TRUE_MSG(test, PageReserved(pfn_to_page(PHYS_PFN(HOLE_BASE))) &&
	   PageReserved(pfn_to_page(PHYS_PFN(HOLE_BASE + HOLE_SIZE - 1))), "reserved hole stays reserved");
	KUNIT_EXPECT_TRUE_MSG(test, PageReserved(pfn_to_page(PHYS_PFN(NOMAP_BASE))), "NOMAP pages stay reserved");
	KUNIT_EXPECT_TRUE_MSG(test, PageReserved(virt_to_page(mem_map)), "mem_map's own pages stay reserved");
	KUNIT_EXPECT_TRUE_MSG(test, !PageReserved(pfn_to_page(max_pfn - 1)), "the odd tail page is free");
	KUNIT_EXPECT_EQ_MSG(test, count_pageblocks(MIGRATE_MOVABLE), 17, "all 17 pageblocks start MIGRATE_MOVABLE");

	KUNIT_EXPECT_EQ_MSG(test, verify_buddy(), (long)expect, "free lists consistent after hand-over");
	KUNIT_EXPECT_TRUE_MSG(test, initial_nr_free[MAX_ORDER - 1] >= 12, "most memory is in order-10 blocks (%lu)",
	   initial_nr_free[MAX_ORDER - 1]);
	/* The tail: 5 pages = one order-2 and one order-0 block at max_pfn - 5. */
	KUNIT_EXPECT_TRUE_MSG(test, PageBuddy(pfn_to_page(max_pfn - 5)) && buddy_order(pfn_to_page(max_pfn - 5)) == 2 &&
	   PageBuddy(pfn_to_page(max_pfn - 1)) && buddy_order(pfn_to_page(max_pfn - 1)) == 0,
	   "unaligned tail freed as order-2 + order-0");
}

static void test_watermark_boot(struct kunit *test)
{
	unsigned long m = zone_normal.managed_pages, kb = m * 4, r = 0, min, delta;

	while ((r + 1) * (r + 1) <= kb * 16)
		r++;
	KUNIT_EXPECT_EQ_MSG(test, min_free_kbytes, r, "min_free_kbytes = sqrt(16 * KiB) = %lu", r);
	min = r / 4;
	delta = max(min / 4, m * 10 / 10000);
	KUNIT_EXPECT_EQ_MSG(test, min_wmark_pages(&zone_normal), min, "WMARK_MIN in pages");
	KUNIT_EXPECT_EQ_MSG(test, low_wmark_pages(&zone_normal), min + delta, "WMARK_LOW = min + max(min/4, 0.1%%)");
	KUNIT_EXPECT_EQ_MSG(test, high_wmark_pages(&zone_normal), min + 2 * delta, "WMARK_HIGH = low + same");
	setup_min_free_kbytes(4096);
	KUNIT_EXPECT_EQ_MSG(test, min_wmark_pages(&zone_normal), 1024, "setup_min_free_kbytes(4096) -> min 1024 pages");
	KUNIT_EXPECT_EQ_MSG(test, low_wmark_pages(&zone_normal), 1280, "low = min + min/4 when that is larger");
	setup_min_free_kbytes(r);
	KUNIT_EXPECT_EQ_MSG(test, zone_normal.pcp[0].batch, 3, "pcp batch for 16k pages");
	KUNIT_EXPECT_EQ_MSG(test, zone_normal.pcp[0].high, 18, "pcp high = 6 * batch");
}

static void test_fallback(struct kunit *test)
{
	struct page *u[64], *m;
	unsigned long ublock;
	bool same = true;

	set_pcp_enabled(false);
	KUNIT_EXPECT_EQ_MSG(test, count_pageblocks(MIGRATE_UNMOVABLE), 0, "no unmovable pageblock yet");
	u[0] = get(GFP_KERNEL, 0);
	ublock = page_to_pfn(u[0]) >> pageblock_order;
	KUNIT_EXPECT_EQ_MSG(test, get_pageblock_migratetype(u[0]), MIGRATE_UNMOVABLE,
	       "first GFP_KERNEL page stole a whole pageblock for UNMOVABLE");
	KUNIT_EXPECT_EQ_MSG(test, count_pageblocks(MIGRATE_UNMOVABLE), 1, "exactly one unmovable pageblock");
	for (int i = 1; i < 64; i++) {
		u[i] = get(GFP_KERNEL, i % 4);
		same &= (page_to_pfn(u[i]) >> pageblock_order) == ublock;
	}
	KUNIT_EXPECT_TRUE_MSG(test, same, "later unmovable allocations come from the same pageblock");
	m = get(GFP_USER, 0);
	KUNIT_EXPECT_EQ_MSG(test, get_pageblock_migratetype(m), MIGRATE_MOVABLE, "GFP_USER page from a movable pageblock");
	KUNIT_EXPECT_TRUE_MSG(test, (page_to_pfn(m) >> pageblock_order) != ublock, "in a different pageblock");
	for (int i = 0; i < 64; i++)
		put(u[i], i % 4);
	put(m, 0);
	KUNIT_EXPECT_EQ_MSG(test, count_list(&zone_normal.free_area[MAX_ORDER - 1].free_list[MIGRATE_UNMOVABLE]), 1,
	       "freed: the stolen pageblock is an order-10 block on the Unmovable list");
	host_log_clear();
	show_pagetypeinfo();
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("Node    0, zone   Normal, type    Unmovable      0 "),
	   "pagetypeinfo shows the Unmovable line");
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("Number of blocks type     Unmovable      Movable "),
	   "pagetypeinfo block count header");
	set_pcp_enabled(true);
}

#define NLIVE 1500
static void test_random(struct kunit *test)
{
	static struct { struct page *page; unsigned int order; } live[NLIVE];
	const gfp_t gfps[] = { GFP_KERNEL, GFP_USER, GFP_ATOMIC, GFP_NOWAIT };
	int nlive = 0, bad = 0, allocs = 0, fails = 0, toggles = 0;

	prandom_seed_state(&rnd_state, 42);
	for (int step = 0; step < 40000 && !bad; step++) {
		unsigned int r = rnd();

		if (nlive < NLIVE && (nlive == 0 || r % 100 < 55)) {
			/* Geometric: order n with probability 2^-(n+1). */
			unsigned int order = min((unsigned int)__builtin_ctz(rnd() | (1u << 10)), 10u);
			gfp_t gfp = gfps[rnd() % 4] | __GFP_NOWARN | (r & 0x1000 ? __GFP_ZERO : 0);
			struct page *page = alloc_pages(gfp, order);

			if (!page) {
				fails++;
				continue;
			}
			if (gfp & __GFP_ZERO) {
				char *p = page_address(page);

				for (unsigned long b = 0; b < (PAGE_SIZE << order); b += 512)
					bad |= p[b] != 0;
			}
			own(page, order);
			live[nlive].page = page;
			live[nlive++].order = order;
			allocs++;
		} else {
			int k = rnd() % nlive;
			struct page *page = live[k].page;
			unsigned int order = live[k].order;

			disown(page, order);
			switch (rnd() % 3) {
			case 0: __free_pages(page, order); break;
			case 1: free_pages((unsigned long)page_address(page), order); break;
			case 2: if (order) __free_pages(page, order); else put_page(page); break;
			}
			live[k] = live[--nlive];
		}
		if (step % 5000 == 4999) {
			set_pcp_enabled(!pcp_enabled());
			toggles++;
		}
		if (step % 1000 == 999 && verify_buddy() < 0)
			bad = step + 1;
	}
	KUNIT_EXPECT_EQ_MSG(test, bad, 0, "40000 random alloc/free: invariants hold (0 = no bad step)");
	KUNIT_EXPECT_TRUE_MSG(test, allocs > 15000, "%d allocations succeeded, %d failed (watermarks), %d pcp toggles",
	   allocs, fails, toggles);
	while (nlive) {
		nlive--;
		put(live[nlive].page, live[nlive].order);
	}
	set_pcp_enabled(true);
}

static void test_reclaim_hooks(struct kunit *test)
{
	static struct page *pages[20000];
	struct zone *z = &zone_normal;
	unsigned long stall0 = vm_event(ALLOCSTALL_NORMAL);
	unsigned long fail0 = vm_event(PGALLOC_FAIL), min = min_wmark_pages(z);
	int n = 0, n_kernel, calls0;
	struct page *p;

	kswapd_calls = reclaim_calls = 0;
	while ((p = get(GFP_KERNEL | __GFP_NOWARN, 0)) != NULL)
		pages[n++] = p;
	n_kernel = n;
	KUNIT_EXPECT_TRUE_MSG(test, nr_free_pages() <= min, "GFP_KERNEL stops at the min watermark (free %lu, min %lu)",
	   nr_free_pages(), min);
	KUNIT_EXPECT_TRUE_MSG(test, kswapd_calls > 0, "kswapd woken below low (%d calls of wakeup_kswapd)", kswapd_calls);
	KUNIT_EXPECT_EQ_MSG(test, vm_event(ALLOCSTALL_NORMAL) - stall0, 1, "one direct reclaim (allocstall) before failing");
	KUNIT_EXPECT_EQ_MSG(test, reclaim_calls, 1, "try_to_free_pages hook called once");
	KUNIT_EXPECT_EQ_MSG(test, vm_event(PGALLOC_FAIL) - fail0, 1, "failure counted");

	KUNIT_EXPECT_TRUE_MSG(test, !get(GFP_NOWAIT | __GFP_NOWARN, 0), "GFP_NOWAIT fails below min too");
	p = get(GFP_ATOMIC | __GFP_NOWARN, 0);
	KUNIT_EXPECT_TRUE_MSG(test, p != NULL, "GFP_ATOMIC still succeeds below min");
	if (p)
		pages[n++] = p;
	while ((p = get(GFP_ATOMIC | __GFP_NOWARN, 0)) != NULL)
		pages[n++] = p;
	/* Pages parked on the per-CPU list are not counted by the watermark check. */
	KUNIT_EXPECT_TRUE_MSG(test, n - n_kernel + (int)nr_pcp_pages() >= (int)(min / 2) - 1 && nr_free_pages() <= min - min / 2,
	   "GFP_ATOMIC goes down to min/2 (%d more pages, %lu on the pcp list, free %lu)", n - n_kernel,
	   nr_pcp_pages(), nr_free_pages());

	host_log_clear();
	KUNIT_EXPECT_TRUE_MSG(test, !alloc_pages(GFP_ATOMIC, 0), "atomic fails below min/2");
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("alloc_pages: page allocation failure: order:0, mode:0x5(GFP_ATOMIC), free:"),
	   "one warning line naming order and gfp");
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("free blocks by order: "), "warning includes free blocks per order");
	host_log_clear();
	KUNIT_EXPECT_TRUE_MSG(test, !alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0) && !host_log_contains("allocation failure"),
	   "__GFP_NOWARN: no warning");
	host_log_clear();
	KUNIT_EXPECT_TRUE_MSG(test, !alloc_pages(GFP_KERNEL, 11) && host_log_contains("order:11, mode:0x6(GFP_KERNEL)"),
	   "order >= MAX_ORDER fails with a warning");

	/*
	 * should_reclaim_retry: progress alone does not buy another round when
	 * free plus reclaimable pages cannot reach the watermark (nothing is
	 * reclaimable here) ...
	 */
	calls0 = reclaim_calls;
	fake_progress = 1;
	KUNIT_EXPECT_TRUE_MSG(test, !alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0), "no memory, reclaim 'progressing'");
	KUNIT_EXPECT_EQ_MSG(test, reclaim_calls - calls0, 1, "nothing reclaimable: no retry despite the progress");
	/*
	 * ... and with plenty reclaimable but no progress, rounds go on until
	 * the reclaimable part, trusted 1/16 less each empty round, no longer
	 * reaches the watermark: MAX_RECLAIM_RETRIES rounds.
	 */
	calls0 = reclaim_calls;
	fake_progress = 0;
	host_reclaimable_pages = 1UL << 20;
	KUNIT_EXPECT_TRUE_MSG(test, !alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0), "no memory, much 'reclaimable', no progress");
	KUNIT_EXPECT_EQ_MSG(test, reclaim_calls - calls0, 16, "direct reclaim retried MAX_RECLAIM_RETRIES times");
	host_reclaimable_pages = 0;
	fake_progress = 1;
	calls0 = reclaim_calls;
	KUNIT_EXPECT_TRUE_MSG(test, !alloc_pages(GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY, 0), "__GFP_NORETRY fails");
	KUNIT_EXPECT_EQ_MSG(test, reclaim_calls - calls0, 1, "__GFP_NORETRY: one reclaim attempt only");
	fake_progress = 0;

	/*
	 * Reclaim that frees pages lets the allocation succeed. Without the
	 * per-CPU lists every free counts at once: stop exactly at min, where
	 * GFP_KERNEL must enter direct reclaim.
	 */
	set_pcp_enabled(false);
	while (nr_free_pages() < min)
		put(pages[--n], 0);
	n--;
	disown(pages[n], 0);
	reclaim_stash = pages[n];
	calls0 = reclaim_calls;
	p = get(GFP_KERNEL | __GFP_NOWARN, 0);
	KUNIT_EXPECT_TRUE_MSG(test, p && reclaim_calls - calls0 == 1 && !reclaim_stash,
	   "at min: allocation succeeds after direct reclaim freed a page");
	if (p)
		pages[n++] = p;
	if (reclaim_stash) {
		__free_pages(reclaim_stash, 0);
		reclaim_stash = NULL;
	}
	set_pcp_enabled(true);

	while (n)
		put(pages[--n], 0);
}

/*
 * First naturally aligned run of n pages, above from (skipping from's own
 * pageblock if other_block), all owned by the test and in an UNMOVABLE
 * pageblock; 0 if none.
 */
static unsigned long find_owned_range(unsigned long n, unsigned long from, bool other_block)
{
	for (unsigned long pfn = ALIGN(min_low_pfn, n); pfn + n <= max_pfn; pfn += n) {
		bool all = get_pageblock_migratetype(pfn_to_page(pfn)) == MIGRATE_UNMOVABLE;

		if (pfn < from || (other_block && pfn >> pageblock_order == from >> pageblock_order))
			continue;
		for (unsigned long i = 0; i < n && all; i++)
			all &= owned[idx(pfn + i)];
		if (all)
			return pfn;
	}
	return 0;
}

static void test_fragmentation(struct kunit *test)
{
	static struct page *pages[20000];
	int n = 0, saved = min_free_kbytes;
	unsigned long w = 0, pb;
	struct page *p;

	set_pcp_enabled(false);
	setup_min_free_kbytes(0);
	while ((p = get(GFP_ATOMIC | __GFP_NOWARN, 0)) != NULL)
		pages[n++] = p;
	KUNIT_EXPECT_EQ_MSG(test, nr_free_pages(), 0, "min_free_kbytes=0: GFP_ATOMIC takes every page");
	KUNIT_EXPECT_EQ_MSG(test, unusable_free_index(0), 1000, "nothing free: index 1.000");

	/* A 16-page window in an unmovable pageblock we own entirely. */
	w = find_owned_range(16, min_low_pfn, false);
	pb = find_owned_range(pageblock_nr_pages, w, true) >> pageblock_order;
	KUNIT_EXPECT_TRUE_MSG(test, w && pb, "found an owned window at pfn %lx and pageblock %lx", w, pb);
	/* Free a known pattern in the window. */
	{
		const int pattern[] = { 0, 1, 2, 4, 5, 6, 7, 9 };

		for (unsigned int i = 0; i < ARRAY_SIZE(pattern); i++)
			put(pfn_to_page(w + pattern[i]), 0);
	}
	KUNIT_EXPECT_EQ_MSG(test, nr_free_pages(), 8, "8 pages free");
	KUNIT_EXPECT_TRUE_MSG(test, zone_normal.free_area[0].nr_free == 2 && zone_normal.free_area[1].nr_free == 1 &&
	   zone_normal.free_area[2].nr_free == 1, "as blocks 2 x order-0, 1 x order-1, 1 x order-2");
	KUNIT_EXPECT_EQ_MSG(test, unusable_free_index(0), 0, "order 0: every free page usable");
	KUNIT_EXPECT_EQ_MSG(test, unusable_free_index(1), 250, "order 1: the two single pages are unusable (2/8)");
	KUNIT_EXPECT_EQ_MSG(test, unusable_free_index(2), 500, "order 2: 4/8 unusable");
	KUNIT_EXPECT_EQ_MSG(test, unusable_free_index(3), 1000, "order 3: nothing usable");
	host_log_clear();
	show_unusable_index();
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("Node 0, zone   Normal 0.000 0.250 0.500 1.000 1.000 "),
	   "unusable_index printed like debugfs");
	host_log_clear();
	show_buddyinfo();
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("Node 0, zone   Normal      2      1      1      0      0 "),
	   "buddyinfo in /proc/buddyinfo format");

	/* Movable small request, only unmovable memory left: borrow the smallest block. */
	KUNIT_EXPECT_EQ_MSG(test, get_pageblock_migratetype(pfn_to_page(w)), MIGRATE_UNMOVABLE,
	       "the window's pageblock was claimed for unmovable");
	p = get(GFP_USER | __GFP_NOWARN, 0);
	KUNIT_EXPECT_TRUE_MSG(test, p && (page_to_pfn(p) == w + 2 || page_to_pfn(p) == w + 9),
	   "movable order-0 falls back to an unmovable order-0 block");
	KUNIT_EXPECT_EQ_MSG(test, get_pageblock_migratetype(pfn_to_page(w)), MIGRATE_UNMOVABLE, "without claiming the pageblock");
	if (p)
		put(p, 0);
	p = get(GFP_USER | __GFP_NOWARN, 2);
	KUNIT_EXPECT_TRUE_MSG(test, p && page_to_pfn(p) == w + 4, "movable order-2 takes the order-2 block, not a bigger one");
	if (p)
		put(p, 2);

	/* Free one whole pageblock: a big movable request claims it. */
	for (int i = 0; i < n; i++) {
		if (pages[i] && page_to_pfn(pages[i]) >> pageblock_order == pb) {
			put(pages[i], 0);
			pages[i] = NULL;
		}
	}
	KUNIT_EXPECT_EQ_MSG(test, get_pageblock_migratetype(pfn_to_page(pb << pageblock_order)), MIGRATE_UNMOVABLE,
	       "a free unmovable pageblock");
	p = get(GFP_USER | __GFP_NOWARN, 5);
	KUNIT_EXPECT_TRUE_MSG(test, p && page_to_pfn(p) >> pageblock_order == pb, "movable order-5 takes from it");
	KUNIT_EXPECT_EQ_MSG(test, get_pageblock_migratetype(pfn_to_page(pb << pageblock_order)), MIGRATE_MOVABLE,
	       "and claims the pageblock for MOVABLE (order >= pageblock_order/2)");
	if (p)
		put(p, 5);

	/* Give back the rest: whatever in pages[] we still own. */
	for (int i = 0; i < n; i++)
		if (pages[i] && owned[idx(page_to_pfn(pages[i]))])
			put(pages[i], 0);
	setup_min_free_kbytes(saved);
	set_pcp_enabled(true);
}

/*
 * Frees of pages boot kept back on this machine, by their exact place: a
 * page of the "kernel image" (not its first, which buddy's test_bad_frees
 * finds) and NOMAP memory by its linear-map address. Reported, refused,
 * lists intact.
 */
static void test_bad_frees_nomap(struct kunit *test)
{
	unsigned long free0 = nr_free_pages() + nr_pcp_pages(), head = log_buf_head();
	char want[160];

	__free_page(pfn_to_page(PHYS_PFN(FAKE_BASE) + 1));
	snprintf(want, sizeof(want), "pfn:%05lx order:0: freeing a reserved page", PHYS_PFN(FAKE_BASE) + 1);
	KUNIT_EXPECT_TRUE_MSG(test, log_contains(head, "BUG: Bad page state") && log_contains(head, want),
			      "kernel image page: reported (\"%s\")", want);
	KUNIT_EXPECT_TRUE_MSG(test, verify_buddy() >= 0, "free lists intact afterwards");
	head = log_buf_head();
	free_page((unsigned long)__va(NOMAP_BASE));
	KUNIT_EXPECT_TRUE_MSG(test, log_contains(head, "BUG: Bad page state") &&
			      log_contains(head, "freeing a reserved page"), "NOMAP page by address: reported");
	KUNIT_EXPECT_TRUE_MSG(test, verify_buddy() >= 0, "free lists intact afterwards");
	KUNIT_EXPECT_EQ_MSG(test, nr_free_pages() + nr_pcp_pages(), free0, "no count changed");
}

/* Counters since boot: every page the hand-over freed counts in pgfree; no OOM kill ever ran. */
static void test_vmstat_boot(struct kunit *test)
{
	unsigned long head = log_buf_head();

	show_vmstat();
	KUNIT_EXPECT_TRUE_MSG(test, log_contains(head, "oom_kill 0"), "vmstat: no OOM kill");
	KUNIT_EXPECT_TRUE_MSG(test, vm_event(PGFREE) >= vm_event(PGALLOC_NORMAL) + initial_free,
			      "pgfree = boot hand-over + every freed page");
	show_buddyinfo();
	show_pagetypeinfo();
}

static struct kunit_case buddy_host_cases[] = {
	KUNIT_CASE(test_handover),
	KUNIT_CASE(test_watermark_boot),
	KUNIT_CASE(test_fallback),
	KUNIT_CASE(test_random),
	KUNIT_CASE(test_reclaim_hooks),
	KUNIT_CASE(test_fragmentation),
	KUNIT_CASE(test_bad_frees_nomap),
	KUNIT_CASE(test_vmstat_boot),
	{ NULL, NULL },
};

static struct kunit_suite buddy_host_suite = {
	.name = "buddy_host",
	.cases = buddy_host_cases,
	.exit = check_back_to_initial,
};
selftest_suite(buddy_host_suite);
