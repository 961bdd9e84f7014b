/*
 * Host unit tests for the buddy allocator: mm/page_alloc.c,
 * mm/percpu_pagelist.c, mm/page_alloc_debug.c, mm/mm_init.c, mm/vmstat.c
 * and the memblock hand-over, on a fake 64 MiB "RAM" arena.
 *
 * The machine: one bank of 64 MiB + 5 pages + half a page (an odd,
 * unaligned tail), the "kernel image" reserved at the bottom, a reserved
 * hole of odd size in the middle, 64 KiB of NOMAP firmware memory, and the
 * mem_map itself allocated from memblock. After every test all memory is
 * freed and the free lists must coalesce back to the boot state exactly.
 *
 * The reclaim hooks page_alloc.c calls (mm/vmscan.c, mm/oom_kill.c in the
 * kernel) are defined here, so that tests can count them and play reclaim.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/oom.h>
#include <linux/memblock.h>
#include <linux/prandom.h>
#include <linux/vmstat.h>
#include "host_shim.h"
#include "tap.h"

#define FAKE_BASE	0x40000000UL
#define RAM_SIZE	(64 * SZ_1M + 5 * SZ_4K + 0x800)	/* odd tail: 5.5 pages */
#define KERNEL_SIZE	0x281000UL				/* "kernel image" at FAKE_BASE */
#define HOLE_BASE	(FAKE_BASE + 8 * SZ_1M + 3 * SZ_4K)
#define HOLE_SIZE	(SZ_1M + SZ_4K)
#define NOMAP_BASE	(FAKE_BASE + 32 * SZ_1M)
#define NOMAP_SIZE	SZ_64K

static unsigned long initial_free, initial_nr_free[MAX_ORDER];
static bool *owned;			/* pfn - min_low_pfn -> allocated by this test */

/* ---- reclaim hooks played by the test ------------------------------------ */

static int kswapd_calls, reclaim_calls;
static unsigned long fake_progress;	/* what "reclaim" reports */
static struct page *reclaim_stash;	/* a page "reclaim" really frees, once */

void wakeup_kswapd(struct zone *zone, gfp_t gfp, unsigned int order)
{
	kswapd_calls++;
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
					printf("# pfn %lx on order-%u list: flags %lx private %lu ref %d\n",
					       pfn, o, page->flags, page->private, page_count(page));
					goto out;
				}
				if (pfn & ((1UL << o) - 1) || pfn + (1UL << o) > max_pfn) {
					printf("# pfn %lx misaligned or past the end for order %u\n", pfn, o);
					goto out;
				}
				for (unsigned long i = 0; i < (1UL << o); i++) {
					if (seen[idx(pfn + i)] || owned[idx(pfn + i)] ||
					    PageReserved(&page[i]) || (i && PageBuddy(&page[i]))) {
						printf("# pfn %lx (block %lx order %u) overlaps\n", pfn + i, pfn, o);
						goto out;
					}
					seen[idx(pfn + i)] = true;
				}
				if (o < MAX_ORDER - 1 && pfn_valid(pfn ^ (1UL << o))) {
					struct page *b = pfn_to_page(pfn ^ (1UL << o));

					if (PageBuddy(b) && buddy_order(b) == o) {
						printf("# pfn %lx order %u: buddy free but not merged\n", pfn, o);
						goto out;
					}
				}
				blocks++;
				pages += 1UL << o;
			}
		}
		if (blocks != z->free_area[o].nr_free) {
			printf("# order %u: %lu blocks on lists, nr_free %lu\n", o, blocks,
			       z->free_area[o].nr_free);
			goto out;
		}
	}
	if (pages != z->free_pages) {
		printf("# %lu pages on lists, free_pages %lu\n", pages, z->free_pages);
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
					printf("# pcp page %lx in a bad state\n", pfn);
					goto out;
				}
				seen[idx(pfn)] = true;
				n++;
			}
		}
		if (n != (unsigned long)z->pcp[cpu].count) {
			printf("# cpu %u: %lu pcp pages listed, count %d\n", cpu, n, z->pcp[cpu].count);
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
			printf("# BAD: pfn %lx handed out twice or reserved\n", pfn + i);
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

/* Everything coalesces back: same free count and the same blocks per order. */
static void check_back_to_initial(const char *what)
{
	bool same = true;

	drain_all_pages();
	is_int(verify_buddy(), initial_free, "%s: free lists intact, all pages back", what);
	for (unsigned int o = 0; o < MAX_ORDER; o++)
		same &= zone_normal.free_area[o].nr_free == initial_nr_free[o];
	ok(same, "%s: buddyinfo equals the boot state", what);
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

static void test_handover(void)
{
	struct kernel_image_sizes sizes = { 2 * SZ_1M, 512 * SZ_1K, SZ_1M, 256 * SZ_1K };
	unsigned long expect = 0, present, released, kpfn = PHYS_PFN(FAKE_BASE);
	phys_addr_t s, e;
	char want[200];
	u64 i;

	host_ram_alloc(ALIGN(RAM_SIZE, 4 * SZ_1M), FAKE_BASE);	/* size: a multiple of 4 MiB */
	memblock_add(FAKE_BASE, RAM_SIZE);
	memblock_reserve(FAKE_BASE, KERNEL_SIZE);
	memblock_reserve(HOLE_BASE, HOLE_SIZE);
	memblock_mark_nomap(NOMAP_BASE, NOMAP_SIZE);
	/* As if only the first 16 MiB were mapped yet: mem_map lands below it. */
	memblock_set_current_limit(FAKE_BASE + 16 * SZ_1M);

	free_area_init(PHYS_PFN(memblock_start_of_DRAM()), PHYS_PFN(memblock_end_of_DRAM()));
	memblock_dump_all();
	is_int(max_pfn - min_low_pfn, 16384 + 5, "mem_map covers the whole pages of the bank");
	ok(host_log_contains("struct page: 64 bytes, mem_map: 1024 KiB for 16389 pages (1.5% of RAM)"),
	   "struct page size and overhead printed");
	ok(memblock_is_reserved(__pa(mem_map)), "mem_map itself is reserved in memblock");

	/* What memblock says is free, in whole pages, is what the buddy must get. */
	for_each_free_mem_range(i, &s, &e)
		expect += PHYS_PFN(e) - PHYS_PFN(s + PAGE_SIZE - 1);
	owned = calloc(max_pfn - min_low_pfn, sizeof(*owned));

	host_log_clear();
	mem_init(&sizes);
	released = zone_normal.managed_pages;
	is_int(released, expect, "managed pages = whole free pages in memblock");
	is_int(nr_free_pages(), expect, "all of them are free");
	present = zone_normal.present_pages;
	is_int(present, 16389, "present pages (NOMAP included, partial page not)");
	snprintf(want, sizeof(want), "Memory: %luK/%luK available (2048K kernel code, 512K rwdata, "
		 "1024K rodata, 256K bss, %luK reserved)", expect * 4, present * 4,
		 (present - expect) * 4);
	ok(host_log_contains(want), "\"Memory:\" line in Linux's format");

	ok(PageReserved(pfn_to_page(kpfn)) && PageReserved(pfn_to_page(kpfn + 0x280)),
	   "kernel image pages stay PG_reserved");
	ok(!PageReserved(pfn_to_page(kpfn + 0x281)), "first page after the kernel is not");
	ok(PageReserved(pfn_to_page(PHYS_PFN(HOLE_BASE))) &&
	   PageReserved(pfn_to_page(PHYS_PFN(HOLE_BASE + HOLE_SIZE - 1))), "reserved hole stays reserved");
	ok(PageReserved(pfn_to_page(PHYS_PFN(NOMAP_BASE))), "NOMAP pages stay reserved");
	ok(PageReserved(virt_to_page(mem_map)), "mem_map's own pages stay reserved");
	ok(!PageReserved(pfn_to_page(max_pfn - 1)), "the odd tail page is free");
	is_int(count_pageblocks(MIGRATE_MOVABLE), 17, "all 17 pageblocks start MIGRATE_MOVABLE");

	is_int(verify_buddy(), (long)expect, "free lists consistent after hand-over");
	for (unsigned int o = 0; o < MAX_ORDER; o++)
		initial_nr_free[o] = zone_normal.free_area[o].nr_free;
	initial_free = expect;
	ok(initial_nr_free[MAX_ORDER - 1] >= 12, "most memory is in order-10 blocks (%lu)",
	   initial_nr_free[MAX_ORDER - 1]);
	/* The tail: 5 pages = one order-2 and one order-0 block at max_pfn - 5. */
	ok(PageBuddy(pfn_to_page(max_pfn - 5)) && buddy_order(pfn_to_page(max_pfn - 5)) == 2 &&
	   PageBuddy(pfn_to_page(max_pfn - 1)) && buddy_order(pfn_to_page(max_pfn - 1)) == 0,
	   "unaligned tail freed as order-2 + order-0");
	show_buddyinfo();
}

static void test_watermark_setup(void)
{
	unsigned long m = zone_normal.managed_pages, kb = m * 4, r = 0, min, delta;

	while ((r + 1) * (r + 1) <= kb * 16)
		r++;
	is_int(min_free_kbytes, r, "min_free_kbytes = sqrt(16 * KiB) = %lu", r);
	min = r / 4;
	delta = max(min / 4, m * 10 / 10000);
	is_int(min_wmark_pages(&zone_normal), min, "WMARK_MIN in pages");
	is_int(low_wmark_pages(&zone_normal), min + delta, "WMARK_LOW = min + max(min/4, 0.1%%)");
	is_int(high_wmark_pages(&zone_normal), min + 2 * delta, "WMARK_HIGH = low + same");
	setup_min_free_kbytes(4096);
	is_int(min_wmark_pages(&zone_normal), 1024, "setup_min_free_kbytes(4096) -> min 1024 pages");
	is_int(low_wmark_pages(&zone_normal), 1280, "low = min + min/4 when that is larger");
	setup_min_free_kbytes(r);
	is_int(zone_normal.pcp[0].batch, 3, "pcp batch for 16k pages");
	is_int(zone_normal.pcp[0].high, 18, "pcp high = 6 * batch");
}

static void test_fallback(void)
{
	struct page *u[64], *m;
	unsigned long ublock;
	bool same = true;

	set_pcp_enabled(false);
	is_int(count_pageblocks(MIGRATE_UNMOVABLE), 0, "no unmovable pageblock yet");
	u[0] = get(GFP_KERNEL, 0);
	ublock = page_to_pfn(u[0]) >> pageblock_order;
	is_int(get_pageblock_migratetype(u[0]), MIGRATE_UNMOVABLE,
	       "first GFP_KERNEL page stole a whole pageblock for UNMOVABLE");
	is_int(count_pageblocks(MIGRATE_UNMOVABLE), 1, "exactly one unmovable pageblock");
	for (int i = 1; i < 64; i++) {
		u[i] = get(GFP_KERNEL, i % 4);
		same &= (page_to_pfn(u[i]) >> pageblock_order) == ublock;
	}
	ok(same, "later unmovable allocations come from the same pageblock");
	m = get(GFP_USER, 0);
	is_int(get_pageblock_migratetype(m), MIGRATE_MOVABLE, "GFP_USER page from a movable pageblock");
	ok((page_to_pfn(m) >> pageblock_order) != ublock, "in a different pageblock");
	for (int i = 0; i < 64; i++)
		put(u[i], i % 4);
	put(m, 0);
	is_int(count_list(&zone_normal.free_area[MAX_ORDER - 1].free_list[MIGRATE_UNMOVABLE]), 1,
	       "freed: the stolen pageblock is an order-10 block on the Unmovable list");
	host_log_clear();
	show_pagetypeinfo();
	ok(host_log_contains("Node    0, zone   Normal, type    Unmovable      0 "),
	   "pagetypeinfo shows the Unmovable line");
	ok(host_log_contains("Number of blocks type     Unmovable      Movable "),
	   "pagetypeinfo block count header");
	set_pcp_enabled(true);
	check_back_to_initial("fallback");
}

#define NLIVE 1500
static void test_random(void)
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
	is_int(bad, 0, "40000 random alloc/free: invariants hold (0 = no bad step)");
	ok(allocs > 15000, "%d allocations succeeded, %d failed (watermarks), %d pcp toggles",
	   allocs, fails, toggles);
	while (nlive) {
		nlive--;
		put(live[nlive].page, live[nlive].order);
	}
	set_pcp_enabled(true);
	check_back_to_initial("random");
}

static void test_zero_and_refcount(void)
{
	struct page *p;
	unsigned long addr, free0;
	bool zero = true;

	set_pcp_enabled(false);
	p = alloc_pages(GFP_KERNEL, 2);
	memset(page_address(p), 0xab, 4 * PAGE_SIZE);
	__free_pages(p, 2);
	p = alloc_pages(GFP_KERNEL | __GFP_ZERO, 2);
	for (unsigned long i = 0; i < 4 * PAGE_SIZE; i++)
		zero &= ((unsigned char *)page_address(p))[i] == 0;
	ok(zero, "__GFP_ZERO clears all four pages of a reused dirty block");
	__free_pages(p, 2);

	addr = get_free_page(GFP_KERNEL);
	ok(addr && ((unsigned long *)addr)[PAGE_SIZE / 8 - 1] == 0, "get_free_page returns a zeroed page");
	free_page(addr);

	free0 = nr_free_pages();
	p = alloc_page(GFP_KERNEL);
	get_page(p);
	is_int(page_count(p), 2, "get_page: refcount 2");
	__free_pages(p, 0);
	is_int(nr_free_pages(), free0 - 1, "free with another reference held does not free");
	put_page(p);
	is_int(nr_free_pages(), free0, "last put_page frees");
	p = alloc_pages(GFP_KERNEL, 3);
	ok(PageHead(p) && p->private == 3, "order-3 allocation: PG_head, order in private");
	put_page(p);
	is_int(nr_free_pages(), free0, "put_page of an order-3 head frees all 8 pages");
	set_pcp_enabled(true);
	check_back_to_initial("zero/refcount");
}

static void test_pcp(void)
{
	struct page *p, *q, *many[60];
	unsigned long free0;
	int batch = zone_normal.pcp[0].batch, high = zone_normal.pcp[0].high, maxc = 0;

	set_pcp_enabled(true);
	drain_all_pages();
	free0 = nr_free_pages();
	p = get(GFP_KERNEL, 0);
	is_int(nr_pcp_pages(), batch - 1, "first order-0 alloc refills a batch, takes one");
	is_int(nr_free_pages(), free0 - batch, "the batch left the buddy lists");
	put(p, 0);
	is_int(nr_free_pages(), free0 - batch, "the free goes to the per-CPU list, not the buddy");
	q = get(GFP_KERNEL, 0);
	ok(q == p, "the next allocation gets the same (cache-hot) page back");
	put(q, 0);
	q = get(GFP_USER, 0);
	ok(get_pageblock_migratetype(q) == MIGRATE_MOVABLE && q != p,
	   "a movable request does not take the unmovable per-CPU page");
	put(q, 0);

	for (int i = 0; i < 60; i++)
		many[i] = get(GFP_KERNEL, 0);
	for (int i = 0; i < 60; i++) {
		put(many[i], 0);
		maxc = max(maxc, (int)nr_pcp_pages());
	}
	ok(maxc < high + 2, "per-CPU list never grows past high (max %d, high %d)", maxc, high);
	drain_all_pages();
	is_int(nr_pcp_pages(), 0, "drain_all_pages empties the lists");
	is_int(nr_free_pages(), free0, "and returns every page");

	set_pcp_enabled(false);
	p = get(GFP_KERNEL, 0);
	is_int(nr_free_pages(), free0 - 1, "pcp off: an order-0 alloc takes exactly one page");
	is_int(nr_pcp_pages(), 0, "pcp off: lists stay empty");
	put(p, 0);
	is_int(nr_free_pages(), free0, "pcp off: the free goes straight back");
	set_pcp_enabled(true);
	check_back_to_initial("pcp");
}

static void test_watermarks(void)
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
	ok(nr_free_pages() <= min, "GFP_KERNEL stops at the min watermark (free %lu, min %lu)",
	   nr_free_pages(), min);
	ok(kswapd_calls > 0, "kswapd woken below low (%d calls of wakeup_kswapd)", kswapd_calls);
	is_int(vm_event(ALLOCSTALL_NORMAL) - stall0, 1, "one direct reclaim (allocstall) before failing");
	is_int(reclaim_calls, 1, "try_to_free_pages hook called once");
	is_int(vm_event(PGALLOC_FAIL) - fail0, 1, "failure counted");

	ok(!get(GFP_NOWAIT | __GFP_NOWARN, 0), "GFP_NOWAIT fails below min too");
	p = get(GFP_ATOMIC | __GFP_NOWARN, 0);
	ok(p != NULL, "GFP_ATOMIC still succeeds below min");
	if (p)
		pages[n++] = p;
	while ((p = get(GFP_ATOMIC | __GFP_NOWARN, 0)) != NULL)
		pages[n++] = p;
	/* Pages parked on the per-CPU list are not counted by the watermark check. */
	ok(n - n_kernel + (int)nr_pcp_pages() >= (int)(min / 2) - 1 && nr_free_pages() <= min - min / 2,
	   "GFP_ATOMIC goes down to min/2 (%d more pages, %lu on the pcp list, free %lu)", n - n_kernel,
	   nr_pcp_pages(), nr_free_pages());

	host_log_clear();
	ok(!alloc_pages(GFP_ATOMIC, 0), "atomic fails below min/2");
	ok(host_log_contains("alloc_pages: page allocation failure: order:0, mode:0x5(GFP_ATOMIC), free:"),
	   "one warning line naming order and gfp");
	ok(host_log_contains("free blocks by order: "), "warning includes free blocks per order");
	host_log_clear();
	ok(!alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0) && !host_log_contains("allocation failure"),
	   "__GFP_NOWARN: no warning");
	host_log_clear();
	ok(!alloc_pages(GFP_KERNEL, 11) && host_log_contains("order:11, mode:0x6(GFP_KERNEL)"),
	   "order >= MAX_ORDER fails with a warning");

	/*
	 * should_reclaim_retry: progress alone does not buy another round when
	 * free plus reclaimable pages cannot reach the watermark (nothing is
	 * reclaimable here) ...
	 */
	calls0 = reclaim_calls;
	fake_progress = 1;
	ok(!alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0), "no memory, reclaim 'progressing'");
	is_int(reclaim_calls - calls0, 1, "nothing reclaimable: no retry despite the progress");
	/*
	 * ... and with plenty reclaimable but no progress, rounds go on until
	 * the reclaimable part, trusted 1/16 less each empty round, no longer
	 * reaches the watermark: MAX_RECLAIM_RETRIES rounds.
	 */
	calls0 = reclaim_calls;
	fake_progress = 0;
	host_reclaimable_pages = 1UL << 20;
	ok(!alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0), "no memory, much 'reclaimable', no progress");
	is_int(reclaim_calls - calls0, 16, "direct reclaim retried MAX_RECLAIM_RETRIES times");
	host_reclaimable_pages = 0;
	fake_progress = 1;
	calls0 = reclaim_calls;
	ok(!alloc_pages(GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY, 0), "__GFP_NORETRY fails");
	is_int(reclaim_calls - calls0, 1, "__GFP_NORETRY: one reclaim attempt only");
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
	ok(p && reclaim_calls - calls0 == 1 && !reclaim_stash,
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
	check_back_to_initial("watermarks");
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

static void test_fragmentation(void)
{
	static struct page *pages[20000];
	int n = 0, saved = min_free_kbytes;
	unsigned long w = 0, pb;
	struct page *p;

	set_pcp_enabled(false);
	setup_min_free_kbytes(0);
	while ((p = get(GFP_ATOMIC | __GFP_NOWARN, 0)) != NULL)
		pages[n++] = p;
	is_int(nr_free_pages(), 0, "min_free_kbytes=0: GFP_ATOMIC takes every page");
	is_int(unusable_free_index(0), 1000, "nothing free: index 1.000");

	/* A 16-page window in an unmovable pageblock we own entirely. */
	w = find_owned_range(16, min_low_pfn, false);
	pb = find_owned_range(pageblock_nr_pages, w, true) >> pageblock_order;
	ok(w && pb, "found an owned window at pfn %lx and pageblock %lx", w, pb);
	/* Free a known pattern in the window. */
	{
		const int pattern[] = { 0, 1, 2, 4, 5, 6, 7, 9 };

		for (unsigned int i = 0; i < ARRAY_SIZE(pattern); i++)
			put(pfn_to_page(w + pattern[i]), 0);
	}
	is_int(nr_free_pages(), 8, "8 pages free");
	ok(zone_normal.free_area[0].nr_free == 2 && zone_normal.free_area[1].nr_free == 1 &&
	   zone_normal.free_area[2].nr_free == 1, "as blocks 2 x order-0, 1 x order-1, 1 x order-2");
	is_int(unusable_free_index(0), 0, "order 0: every free page usable");
	is_int(unusable_free_index(1), 250, "order 1: the two single pages are unusable (2/8)");
	is_int(unusable_free_index(2), 500, "order 2: 4/8 unusable");
	is_int(unusable_free_index(3), 1000, "order 3: nothing usable");
	host_log_clear();
	show_unusable_index();
	ok(host_log_contains("Node 0, zone   Normal 0.000 0.250 0.500 1.000 1.000 "),
	   "unusable_index printed like debugfs");
	host_log_clear();
	show_buddyinfo();
	ok(host_log_contains("Node 0, zone   Normal      2      1      1      0      0 "),
	   "buddyinfo in /proc/buddyinfo format");

	/* Movable small request, only unmovable memory left: borrow the smallest block. */
	is_int(get_pageblock_migratetype(pfn_to_page(w)), MIGRATE_UNMOVABLE,
	       "the window's pageblock was claimed for unmovable");
	p = get(GFP_USER | __GFP_NOWARN, 0);
	ok(p && (page_to_pfn(p) == w + 2 || page_to_pfn(p) == w + 9),
	   "movable order-0 falls back to an unmovable order-0 block");
	is_int(get_pageblock_migratetype(pfn_to_page(w)), MIGRATE_UNMOVABLE, "without claiming the pageblock");
	if (p)
		put(p, 0);
	p = get(GFP_USER | __GFP_NOWARN, 2);
	ok(p && page_to_pfn(p) == w + 4, "movable order-2 takes the order-2 block, not a bigger one");
	if (p)
		put(p, 2);

	/* Free one whole pageblock: a big movable request claims it. */
	for (int i = 0; i < n; i++) {
		if (pages[i] && page_to_pfn(pages[i]) >> pageblock_order == pb) {
			put(pages[i], 0);
			pages[i] = NULL;
		}
	}
	is_int(get_pageblock_migratetype(pfn_to_page(pb << pageblock_order)), MIGRATE_UNMOVABLE,
	       "a free unmovable pageblock");
	p = get(GFP_USER | __GFP_NOWARN, 5);
	ok(p && page_to_pfn(p) >> pageblock_order == pb, "movable order-5 takes from it");
	is_int(get_pageblock_migratetype(pfn_to_page(pb << pageblock_order)), MIGRATE_MOVABLE,
	       "and claims the pageblock for MOVABLE (order >= pageblock_order/2)");
	if (p)
		put(p, 5);

	/* Give back the rest: whatever in pages[] we still own. */
	for (int i = 0; i < n; i++)
		if (pages[i] && owned[idx(page_to_pfn(pages[i]))])
			put(pages[i], 0);
	setup_min_free_kbytes(saved);
	set_pcp_enabled(true);
	check_back_to_initial("fragmentation");
}

/* Expect one "BUG: Bad page state" line containing text; lists unchanged. */
static void expect_bad(const char *what, const char *text)
{
	long free = verify_buddy();

	ok(host_log_contains("BUG: Bad page state") && host_log_contains(text),
	   "%s: reported (\"%s\")", what, text);
	ok(free >= 0, "%s: free lists intact afterwards", what);
	host_log_clear();
}

static void test_bad_frees(void)
{
	struct page *p, fake;
	unsigned long free0, pfn;
	char want[160];

	host_log_clear();
	for (int pcp = 0; pcp < 2; pcp++) {
		set_pcp_enabled(pcp);
		drain_all_pages();
		p = alloc_page(GFP_KERNEL);
		pfn = page_to_pfn(p);
		__free_page(p);
		free0 = nr_free_pages() + nr_pcp_pages();
		__free_page(p);
		snprintf(want, sizeof(want), "in __free_pages() pfn:%05lx order:0: double free: %s", pfn,
			 pcp ? "refcount is already 0" : "page is already free");
		expect_bad(pcp ? "double free (page on a per-CPU list)" : "double free (page in buddy)", want);
		is_int(nr_free_pages() + nr_pcp_pages(), free0, "double free changed no count");
	}
	set_pcp_enabled(false);

	p = alloc_pages(GFP_KERNEL, 2);
	pfn = page_to_pfn(p);
	__free_pages(p, 1);
	snprintf(want, sizeof(want), "pfn:%05lx order:1: wrong order: freed as order 1, allocated as order 2", pfn);
	expect_bad("wrong order (smaller)", want);
	__free_pages(p + 1, 0);
	snprintf(want, sizeof(want), "pfn:%05lx order:0: not the first page of its allocation (order-2 block at pfn:%05lx)",
		 pfn + 1, pfn);
	expect_bad("free of a tail page", want);
	__free_pages(p, 2);
	ok(!host_log_contains("BUG"), "the correct free still works afterwards");
	p = alloc_page(GFP_KERNEL);
	__free_pages(p, 3);
	expect_bad("wrong order (larger)", "wrong order: freed as order 3, allocated as order 0");
	__free_pages(p, 11);
	expect_bad("order out of range", "order out of range");

	__free_page(pfn_to_page(PHYS_PFN(FAKE_BASE) + 1));
	snprintf(want, sizeof(want), "pfn:%05lx order:0: freeing a reserved page", PHYS_PFN(FAKE_BASE) + 1);
	expect_bad("reserved (kernel image) page", want);
	free_page((unsigned long)__va(NOMAP_BASE));
	expect_bad("NOMAP page by address", "freeing a reserved page");

	free_page((unsigned long)page_address(p) + 8);
	snprintf(want, sizeof(want), "in free_pages() addr:0x%lx: address is not page aligned",
		 (unsigned long)page_address(p) + 8);
	expect_bad("unaligned address", want);
	free_page((unsigned long)__va(PFN_PHYS(max_pfn + 16)));
	expect_bad("address beyond RAM", "address is not in the linear map of RAM");
	__free_page(&fake);
	expect_bad("struct page outside mem_map", "not a struct page in mem_map");
	__free_page((struct page *)((char *)p + 8));
	expect_bad("pointer into the middle of a struct page", "not a struct page in mem_map");

	SetPageSlab(p);
	__free_page(p);
	expect_bad("PG_slab still set", "PG_slab still set");
	ok(page_count(p) == 1, "refused: the page stays allocated");
	ClearPageSlab(p);
	p->_mapcount = 0;
	__free_page(p);
	expect_bad("still mapped", "still mapped by 1 page table entries");
	p->_mapcount = -1;
	__free_page(p);
	ok(!host_log_contains("BUG"), "after fixing, the free goes through");
	set_pcp_enabled(true);
	check_back_to_initial("bad frees");
}

static void test_reports(void)
{
	host_log_clear();
	show_vmstat();
	ok(host_log_contains("nr_free_pages "), "vmstat: nr_free_pages");
	ok(host_log_contains("pgalloc_normal ") && host_log_contains("pgfree ") &&
	   host_log_contains("allocstall_normal ") && host_log_contains("kswapd_wakeup ") &&
	   host_log_contains("oom_kill 0"), "vmstat: Linux counter names");
	ok(vm_event(PGFREE) >= vm_event(PGALLOC_NORMAL) + initial_free,
	   "pgfree = boot hand-over + every freed page");
	show_buddyinfo();
	show_pagetypeinfo();
}

int main(void)
{
	test_handover();
	test_watermark_setup();
	test_fallback();
	test_random();
	test_zero_and_refcount();
	test_pcp();
	test_watermarks();
	test_fragmentation();
	test_bad_frees();
	test_reports();
	return done_testing();
}
