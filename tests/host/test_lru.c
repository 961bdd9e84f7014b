/*
 * The host-only suite "lru_host": the LRU policies (mm/lru_gen.c,
 * mm/lru_classic.c, mm/lru_clock.c, mm/lru.c) and the reverse map
 * (mm/rmap.c) on the simulated machine of tools/mm/lru_sim.h, which
 * selftest_host_init (below) boots: real page tables, real struct pages
 * from the buddy allocator on a fake RAM arena, an access sets the PTE's
 * access flag as the MMU would, a miss faults the page in and reclaims
 * through policy->isolate when the "memory" (sim.capacity frames) is full.
 *
 * Why the whole suite runs on the host only: every case switches policy
 * with sim_reset(), which lru_set_policy allows only while the LRU is
 * empty (never, in a running kernel: init and the shell have pages on it);
 * the cases count exact faults, scans and TLB flushes of a workload in a
 * memory of a few dozen frames with nothing else running, which needs the
 * simulated MMU (tools/mm/lru_sim.c) and the counting TLB stubs
 * (tools/mm/lru_host.c); test_loop compares with Belady's OPT
 * (tools/mm/lru_opt.c), which needs the whole future reference string.
 * What the kernel can check on itself, with its one configured policy and
 * real tasks, suite lru_gen (mm/reclaim_test.c) does: pages join and leave
 * the LRU, new pages enter the youngest generation, aging moves max_seq,
 * eviction takes the oldest, and the bookkeeping invariant below.
 *
 * The cases, and why what they check must hold:
 *   test_rmap            page_pte finds the PTE, page_referenced tests-and-
 *                        clears AF with exactly one TLB flush, and finds
 *                        nothing when AF was clear
 *   test_policy_switch   lru_policy_find, lru_set_policy's -EINVAL/-EBUSY
 *   test_hooks_*         isolate, put back, remove while isolated (the hooks
 *                        reclaim and unmap use), for each policy
 *   (every case)         check_books: nr_pages == added - deleted - isolated
 *                        + putback == resident pages, isolated <= scanned;
 *                        and after each case (the suite's exit hook) every
 *                        page and page table is back in the buddy allocator
 *                        and the LRU is empty
 *   test_loop            a loop over N = C + 6 pages with C frames: the
 *                        least recently used page is always the next one
 *                        needed. CLOCK and the classic LRU approximate LRU
 *                        closely enough to miss on every reference (the
 *                        exact count is asserted). Gen is not asserted to
 *                        thrash: its refault feedback protects part of the
 *                        loop; it must stay between OPT and "every reference"
 *   test_hot_survives_scan  hot pages reused at a distance below C (touched
 *                        after every 32 cold pages) survive a one-time scan
 *                        of 4C cold pages under gen, classic and clock: after
 *                        warm-up no hot page faults. This catches evicting
 *                        from the wrong end, or ignoring the access flag.
 *                        Classic only: hot pages activated before a scan
 *                        survive it even untouched during the scan (the
 *                        active list is not shrunk while the inactive list is
 *                        at least as large: the two-list LRU's scan
 *                        resistance). Gen and clock have no such memory of
 *                        past use and evict them; that is printed, not asserted
 *   test_refault_protection  (gen) hot pages reused at a distance above C
 *                        among never-reused pages refault; recent refaults
 *                        raise their tier, the feedback protects it
 *                        (lru_stat.protected > 0), and gen faults on the hot
 *                        pages less than CLOCK and classic, which miss on
 *                        every hot reference
 *   test_gen_aging       one TLB range flush per PTE table with young entries
 *                        (not one per page); the Bloom filter makes the next
 *                        walk skip tables that had no young entries;
 *                        eviction's second look still finds their pages, and
 *                        look-around puts the table back in the filter
 *   test_gen_generations lru_gen keeps at most four generations
 *   test_classic_lists   classic: inactive first, PG_referenced on the first
 *                        look, activation on the second
 *   test_clock_hand      clock: one lap of second chances, then FIFO
 */
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/mm_types_task.h>
#include <linux/mmzone.h>
#include <linux/pgtable.h>
#include <linux/selftest.h>
#include <linux/swap.h>
#include <asm/tlbflush.h>
#include "../../mm/lru.h"
#include "host_shim.h"
#include "../../tools/mm/lru_opt.h"
#include "../../tools/mm/lru_sim.h"

static const char *const policies[] = { "gen", "classic", "clock" };
#define NR_POLICIES	3

#define HOT_BASE	0x0000100000000UL	/* 2 MiB-aligned regions: separate PTE tables */
#define COLD_BASE	0x0000200000000UL
#define PTE_TABLE_SPAN	(PTRS_PER_TABLE * PAGE_SIZE)

/* Free pages (buddy + per-CPU lists) once the machine was booted, for the exit hook. */
static unsigned long free_at_boot;

static unsigned long addr_of(unsigned long base, unsigned long i)
{
	return base + i * PAGE_SIZE;
}

static struct page *page_at(struct mm_struct *mm, unsigned long addr)
{
	u64 pte = sim_pte(mm, addr);

	return pte_present(pte) ? pfn_to_page(pte_pfn(pte)) : NULL;
}

/* The invariants every policy must keep; tag names the situation. */
static void check_books(struct kunit *test, const char *tag)
{
	unsigned long nr = lru_policy->nr_pages();
	const char *name = lru_policy->name;

	KUNIT_EXPECT_EQ_MSG(test, nr, lru_stat.added - lru_stat.deleted - lru_stat.isolated + lru_stat.putback,
			    "%s: %s: nr_pages = added - deleted - isolated + putback", name, tag);
	KUNIT_EXPECT_EQ_MSG(test, nr, sim.resident, "%s: %s: every resident page is on the LRU", name, tag);
	KUNIT_EXPECT_OP_MSG(test, lru_stat.isolated, <=, lru_stat.scanned, "%s: %s: isolated <= scanned",
			    name, tag);
	KUNIT_EXPECT_EQ_MSG(test, lru_stat.evicted, sim.evictions, "%s: %s: shadow() once per eviction", name, tag);
}

/* ---- rmap ------------------------------------------------------------------ */

static void test_rmap(struct kunit *test)
{
	struct mm_struct *mm;
	struct page *page;
	unsigned long a = addr_of(HOT_BASE, 3);
	unsigned long flushes;

	sim_reset("gen", 16);
	mm = sim_mm_new();
	KUNIT_EXPECT_TRUE_MSG(test, sim_access(mm, a), "first access faults");
	page = page_at(mm, a);
	KUNIT_ASSERT_TRUE(test, page != NULL);
	KUNIT_EXPECT_TRUE_MSG(test, page->mapping == mm && page->index == a,
			      "page->mapping/index are the mm and address");
	KUNIT_EXPECT_TRUE_MSG(test, page_pte(page) == pte_lookup(mm->pgd, a), "page_pte finds the PTE");
	KUNIT_EXPECT_TRUE_MSG(test, PageLRU(page) && page_lru_gen(page) >= 0, "the new page is on lru_gen");

	flushes = tlb_stats.page;
	KUNIT_EXPECT_TRUE_MSG(test, page_referenced(page), "referenced (the fault set AF)");
	KUNIT_EXPECT_FALSE(test, pte_young(sim_pte(mm, a)));	/* AF cleared in the PTE */
	KUNIT_EXPECT_EQ_MSG(test, tlb_stats.page - flushes, 1, "one flush_tlb_page for the cleared flag");
	KUNIT_EXPECT_FALSE(test, page_referenced(page));	/* not again without an access */
	KUNIT_EXPECT_EQ_MSG(test, tlb_stats.page - flushes, 1, "no flush when AF was already clear");
	KUNIT_EXPECT_FALSE(test, sim_access(mm, a));		/* the second access hits */
	KUNIT_EXPECT_TRUE_MSG(test, page_referenced(page), "the access set AF again");

	page->index += PAGE_SIZE;	/* a reverse map that lies */
	KUNIT_EXPECT_TRUE_MSG(test, page_pte(page) == NULL && !page_referenced(page),
			      "a PTE that does not map the page is not its PTE");
	page->index -= PAGE_SIZE;
	sim_mm_free(mm);
	KUNIT_EXPECT_EQ_MSG(test, lru_policy->nr_pages(), 0, "exit empties the LRU");
	KUNIT_EXPECT_TRUE_MSG(test, !PageLRU(page) && !page_mapped(page) && !page->mapping,
			      "page off the LRU, unmapped, rmap cleared");
}

/* ---- policy selection and the common hooks ---------------------------------- */

static void test_policy_switch(struct kunit *test)
{
	struct mm_struct *mm;

	sim_reset("gen", 8);
	KUNIT_EXPECT_TRUE_MSG(test, lru_policy == &lru_gen_policy, "lru_set_policy(gen)");
	KUNIT_EXPECT_TRUE_MSG(test, lru_policy_find("classic") == &lru_classic_policy &&
			      lru_policy_find("clock") == &lru_clock_policy && !lru_policy_find("lfu") &&
			      !lru_policy_find(NULL), "lru_policy_find by name");
	KUNIT_EXPECT_EQ_MSG(test, lru_set_policy("lfu"), -EINVAL, "unknown policy refused");
	mm = sim_mm_new();
	sim_access(mm, HOT_BASE);
	KUNIT_EXPECT_EQ_MSG(test, lru_set_policy("clock"), -EBUSY, "no switch while pages are on the LRU");
	KUNIT_EXPECT_TRUE_MSG(test, lru_policy == &lru_gen_policy, "policy unchanged");
	sim_mm_free(mm);
	KUNIT_EXPECT_EQ_MSG(test, lru_set_policy("clock"), 0, "switch once the LRU is empty");
}

/* Isolate, put back, remove while isolated: the hooks reclaim and unmap use. */
static void check_hooks(struct kunit *test, const char *name)
{
	struct mm_struct *mm;
	LIST_HEAD(victims);
	unsigned long scanned, n, free_before = nr_free_pages() + nr_pcp_pages();
	struct page *page, *tmp;

	sim_reset(name, 64);
	mm = sim_mm_new();
	for (int i = 0; i < 40; i++)
		sim_access(mm, addr_of(HOT_BASE, i));
	KUNIT_EXPECT_EQ_MSG(test, lru_policy->nr_pages(), 40, "%s: 40 pages added", name);
	n = lru_policy->isolate(5, &victims, &scanned);
	KUNIT_EXPECT_EQ_MSG(test, n, 5, "%s: isolate(5) finds 5 victims", name);
	KUNIT_EXPECT_OP_MSG(test, scanned, >=, 5, "%s: scanned >= isolated", name);
	n = 0;
	list_for_each_entry(page, &victims, lru)
		n += !PageLRU(page);
	KUNIT_EXPECT_EQ_MSG(test, n, 5, "%s: victims have PG_lru clear", name);
	KUNIT_EXPECT_EQ_MSG(test, lru_policy->nr_pages(), 35, "%s: off the LRU while isolated", name);
	/* Put four back; the fifth is unmapped by its owner while isolated. */
	list_for_each_entry_safe(page, tmp, &victims, lru) {
		list_del_init(&page->lru);
		if (list_empty(&victims)) {
			unsigned long deleted = lru_stat.deleted;

			page_remove_anon(page);
			KUNIT_EXPECT_TRUE_MSG(test, !page->mapping && !page_mapped(page) &&
					      lru_stat.deleted == deleted,
					      "%s: page_remove_anon on an isolated page clears the rmap only", name);
			/* The owner's zap finishes the job (sim_mm_free would otherwise find it mapped). */
			*pte_lookup(mm->pgd, page->index) = 0;
			ClearPageSwapBacked(page);
			__free_page(page);
			sim.resident--;
			dec_mm_counter(mm, MM_ANONPAGES);
		} else {
			lru_policy->putback(page);
		}
	}
	KUNIT_EXPECT_EQ_MSG(test, lru_stat.putback, 4, "%s: 4 put back", name);
	KUNIT_EXPECT_EQ_MSG(test, lru_policy->nr_pages(), 39, "%s: 39 on the LRU", name);
	check_books(test, "isolate/putback");
	lru_policy->show();
	sim_mm_free(mm);
	KUNIT_EXPECT_EQ_MSG(test, lru_policy->nr_pages(), 0, "%s: exit empties the LRU", name);
	KUNIT_EXPECT_EQ_MSG(test, lru_stat.deleted, 39, "%s: page_remove_anon took 39 pages off", name);
	KUNIT_EXPECT_EQ_MSG(test, nr_free_pages() + nr_pcp_pages(), free_before,
			    "%s: every page and page table back in the buddy allocator", name);
}

static void test_hooks_gen(struct kunit *test)
{
	check_hooks(test, "gen");
}

static void test_hooks_classic(struct kunit *test)
{
	check_hooks(test, "classic");
}

static void test_hooks_clock(struct kunit *test)
{
	check_hooks(test, "clock");
}

/* ---- access patterns ----------------------------------------------------- */

/* A loop over n pages, passes times, capacity c. Returns the faults. */
static unsigned long run_loop(struct kunit *test, const char *name, unsigned long c, unsigned long n, int passes)
{
	struct mm_struct *mm;
	unsigned long faults;

	sim_reset(name, c);
	mm = sim_mm_new();
	for (int p = 0; p < passes; p++)
		for (unsigned long i = 0; i < n; i++)
			sim_access(mm, addr_of(COLD_BASE, i));
	faults = sim.faults;
	check_books(test, "loop");
	sim_mm_free(mm);
	return faults;
}

/*
 * C = 64 frames, a loop of 70 pages, 20 passes (1400 references).
 * LRU misses on every reference: the page it evicts is always the one the
 * loop needs next. CLOCK: every page is referenced exactly once per
 * residency (by its fault), so the hand clears all flags in one lap and
 * then evicts in FIFO order, which on a loop is LRU order: every reference
 * misses. Classic: new pages enter the inactive list with AF set; the first
 * look finds them referenced (rotate, PG_referenced), the second does not
 * (evict): FIFO again, and no page is ever activated (a page is referenced
 * once per residency), so the refault distance is never <= the active
 * list (0): every reference misses.
 */
static void test_loop(struct kunit *test)
{
	unsigned int ids[1400];
	unsigned long opt, f[NR_POLICIES];

	for (int i = 0; i < 1400; i++)
		ids[i] = (unsigned int)(i % 70);
	opt = opt_faults(ids, 1400, 70, 64);
	for (int p = 0; p < NR_POLICIES; p++)
		f[p] = run_loop(test, policies[p], 64, 70, 20);
	printk("        # loop of 70 pages in 64 frames, 1400 references: gen %lu classic %lu clock %lu opt %lu\n",
	       f[0], f[1], f[2], opt);
	KUNIT_EXPECT_EQ_MSG(test, f[1], 1400, "loop > memory: classic misses on every reference");
	KUNIT_EXPECT_EQ_MSG(test, f[2], 1400, "loop > memory: clock misses on every reference");
	KUNIT_EXPECT_TRUE_MSG(test, f[0] >= opt && f[0] <= 1400,
			      "loop > memory: gen (%lu) between OPT (%lu) and every reference", f[0], opt);
	KUNIT_EXPECT_EQ_MSG(test, opt, 70 + 19 * 6 + 0, "OPT on a loop: 70 cold misses, then n - c = 6 per pass");
	/* A loop that fits: only cold misses, for everyone. */
	for (int p = 0; p < NR_POLICIES; p++)
		KUNIT_EXPECT_EQ_MSG(test, run_loop(test, policies[p], 64, 60, 10), 60,
				    "%s: a loop that fits faults once per page", policies[p]);
}

/*
 * C = 128 frames, 32 hot pages. Warm-up: 8 rounds of 64 new cold pages
 * then one touch of every hot page, so reclaim has looked at the hot pages
 * several times, each time after they were used. Then a scan of 512 cold
 * pages read once: with touch_during_scan, every hot page is touched again
 * after each 32 cold pages (reuse distance 63 < C); without, not at all
 * until the end. Returns the hot pages' faults during (and just after) the scan.
 */
static unsigned long hot_during_scan(struct kunit *test, const char *name, bool touch_during_scan)
{
	struct mm_struct *mm;
	unsigned long hot_faults = 0, cold = 0;

	sim_reset(name, 128);
	mm = sim_mm_new();
	for (int r = 0; r < 8; r++) {
		for (int i = 0; i < 64; i++)
			sim_access(mm, addr_of(COLD_BASE, cold++));
		for (int h = 0; h < 32; h++)
			sim_access(mm, addr_of(HOT_BASE, h));
	}
	for (int i = 0; i < 512; i++) {
		sim_access(mm, addr_of(COLD_BASE, cold++));
		if (touch_during_scan && i % 32 == 31)
			for (int h = 0; h < 32; h++)
				hot_faults += sim_access(mm, addr_of(HOT_BASE, h));
	}
	if (!touch_during_scan)
		for (int h = 0; h < 32; h++)
			hot_faults += sim_access(mm, addr_of(HOT_BASE, h));
	check_books(test, touch_during_scan ? "hot+scan" : "scan");
	sim_mm_free(mm);
	return hot_faults;
}

static void test_hot_survives_scan(struct kunit *test)
{
	unsigned long f[NR_POLICIES], g[NR_POLICIES];

	for (int p = 0; p < NR_POLICIES; p++) {
		f[p] = hot_during_scan(test, policies[p], true);
		g[p] = hot_during_scan(test, policies[p], false);
	}
	printk("        # hot pages' faults during a scan of 4C: touched every 32 cold pages: gen %lu classic %lu"
	       " clock %lu; untouched: gen %lu classic %lu clock %lu (of 32)\n", f[0], f[1], f[2], g[0], g[1], g[2]);
	KUNIT_EXPECT_EQ_MSG(test, f[0], 0, "gen: hot pages in use survive a cold scan");
	KUNIT_EXPECT_EQ_MSG(test, f[1], 0, "classic: hot pages in use survive a cold scan");
	KUNIT_EXPECT_EQ_MSG(test, f[2], 0, "clock: hot pages in use survive a cold scan");
	KUNIT_EXPECT_EQ_MSG(test, g[1], 0, "classic: active pages survive a scan even untouched"
			    " (inactive list absorbs it)");
}

/*
 * C = 64 frames. Rounds of: 60 never-reused cold pages, then the 16 hot
 * pages once each. A hot page's reuse distance is 60 + 15 = 75 > 64, so
 * any LRU approximation evicts it just before it is needed. Returns the
 * hot pages' faults over 200 rounds (3200 hot references).
 */
static unsigned long hot_beyond_memory(struct kunit *test, const char *name)
{
	struct mm_struct *mm;
	unsigned long hot_faults = 0, cold = 0;

	sim_reset(name, 64);
	mm = sim_mm_new();
	for (int r = 0; r < 200; r++) {
		for (int i = 0; i < 60; i++)
			sim_access(mm, addr_of(COLD_BASE, cold++));
		for (int h = 0; h < 16; h++)
			hot_faults += sim_access(mm, addr_of(HOT_BASE, h));
	}
	check_books(test, "refault");
	if (!strcmp(name, "gen")) {
		printk("        # gen after the refault scenario: workingset %lu protected %lu refaults by tier"
		       " %lu %lu %lu %lu\n", lru_stat.workingset, lru_stat.protected, lru_stat.refault_tier[0],
		       lru_stat.refault_tier[1], lru_stat.refault_tier[2], lru_stat.refault_tier[3]);
		KUNIT_EXPECT_OP_MSG(test, lru_stat.workingset, >, 0, "gen: recent refaults recognised");
		KUNIT_EXPECT_OP_MSG(test, lru_stat.refault_tier[1] + lru_stat.refault_tier[2] +
				    lru_stat.refault_tier[3], >, 0, "gen: refaulted pages moved up a tier");
		KUNIT_EXPECT_OP_MSG(test, lru_stat.protected, >, 0,
				    "gen: refault feedback protected pages of a high tier");
		lru_policy->show();
	}
	sim_mm_free(mm);
	return hot_faults;
}

static void test_refault_protection(struct kunit *test)
{
	unsigned long f[NR_POLICIES];

	for (int p = 0; p < NR_POLICIES; p++)
		f[p] = hot_beyond_memory(test, policies[p]);
	printk("        # hot pages reused beyond memory, faults of 3200 hot references: gen %lu classic %lu"
	       " clock %lu\n", f[0], f[1], f[2]);
	KUNIT_EXPECT_EQ_MSG(test, f[1], 3200, "classic misses on every hot reference"
			    " (reuse distance > memory, referenced once per stay)");
	KUNIT_EXPECT_EQ_MSG(test, f[2], 3200, "clock misses on every hot reference");
	KUNIT_EXPECT_OP_MSG(test, f[0], <, f[2], "gen protects refaulting pages: fewer hot faults than clock");
	KUNIT_EXPECT_OP_MSG(test, f[0], <, f[1], "gen protects refaulting pages: fewer hot faults than classic");
}

/* ---- lru_gen aging, TLB batching, Bloom filter ----------------------------- */

/*
 * The oldest generation holds tables 1 and 2 and mm2's pages, table 1's
 * at its tail: all young (skipped by the walk), then table 2's, unused.
 * Eviction's second look finds table 1's pages; look-around promotes their
 * neighbours and re-adds the table to the Bloom filter.
 */
static void check_second_look(struct kunit *test, struct mm_struct *mm)
{
	unsigned long rotated = lru_stat.rotated, activated = lru_stat.activated;
	LIST_HEAD(victims);
	unsigned long scanned, n;
	struct page *v, *tmp;

	n = lru_policy->isolate(1, &victims, &scanned);
	printk("        # second look: %lu rotated, %lu promoted by look-around, %lu isolated of %lu scanned\n",
	       lru_stat.rotated - rotated, lru_stat.activated - activated, n, scanned);
	KUNIT_EXPECT_OP_MSG(test, lru_stat.rotated, >, rotated,
			    "eviction's second look rescued young pages the walk skipped");
	KUNIT_EXPECT_OP_MSG(test, lru_stat.activated, >, activated, "look-around promoted their neighbours");
	KUNIT_EXPECT_EQ_MSG(test, lru_stat.rotated - rotated + lru_stat.activated - activated, 100,
			    "rotated (%lu) + promoted by look-around (%lu) = table 1's 100 pages",
			    lru_stat.rotated - rotated, lru_stat.activated - activated);
	KUNIT_ASSERT_EQ(test, n, 1);		/* then one victim */
	v = list_first_entry(&victims, struct page, lru);
	KUNIT_EXPECT_TRUE_MSG(test, v->mapping == mm && v->index >= HOT_BASE + 2 * PTE_TABLE_SPAN &&
			      v->index < HOT_BASE + 3 * PTE_TABLE_SPAN, "the victim is an unused page of table 2");
	list_for_each_entry_safe(v, tmp, &victims, lru) {
		list_del_init(&v->lru);
		lru_policy->putback(v);
	}
}

static void test_gen_aging(struct kunit *test)
{
	struct mm_struct *mm, *mm2;
	unsigned long promoted, range, page_flushes;
	struct page *page;

	sim_reset("gen", 4096);
	mm = sim_mm_new();
	mm2 = sim_mm_new();
	/* 100 pages in each of three PTE tables of mm, 10 in one of mm2. */
	for (int t = 0; t < 3; t++)
		for (int i = 0; i < 100; i++)
			sim_access(mm, HOT_BASE + t * PTE_TABLE_SPAN + i * PAGE_SIZE);
	for (int i = 0; i < 10; i++)
		sim_access(mm2, addr_of(HOT_BASE, i));
	range = tlb_stats.range;
	page_flushes = tlb_stats.page;
	promoted = lru_gen_age();
	KUNIT_EXPECT_EQ_MSG(test, promoted, 310, "first aging walks everything: 310 young pages promoted");
	KUNIT_EXPECT_EQ_MSG(test, tlb_stats.range - range, 4,
			    "one flush_tlb_range per PTE table with young entries (4 tables)");
	KUNIT_EXPECT_EQ_MSG(test, tlb_stats.page - page_flushes, 0, "no per-page flush during aging");
	KUNIT_EXPECT_TRUE_MSG(test, !pte_young(sim_pte(mm, HOT_BASE)) && !pte_young(sim_pte(mm2, HOT_BASE)),
			      "access flags cleared in both mms");

	/* Only table 0 of mm is used now: the next walk records only it. */
	for (int i = 0; i < 100; i++)
		sim_access(mm, HOT_BASE + i * PAGE_SIZE);
	KUNIT_EXPECT_EQ_MSG(test, lru_gen_age(), 100, "second aging: the 100 pages of table 0 promoted");
	/* Tables 1, 2 and mm2's had nothing young: the third walk skips them. */
	for (int i = 0; i < 100; i++)
		sim_access(mm, HOT_BASE + PTE_TABLE_SPAN + i * PAGE_SIZE);
	for (int i = 0; i < 100; i++)
		sim_access(mm, HOT_BASE + i * PAGE_SIZE);
	range = tlb_stats.range;
	KUNIT_EXPECT_EQ_MSG(test, lru_gen_age(), 100,
			    "third aging: only table 0 walked (table 1 skipped by the Bloom filter)");
	KUNIT_EXPECT_EQ_MSG(test, tlb_stats.range - range, 1, "one range flush: one table walked");
	KUNIT_EXPECT_TRUE_MSG(test, pte_young(sim_pte(mm, HOT_BASE + PTE_TABLE_SPAN)),
			      "table 1's pages keep their access flag");

	/* Eviction's second look finds them; look-around promotes the neighbours and re-adds the table. */
	host_log_clear();
	lru_policy->show();
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("memcg     0 /") && host_log_contains(" node     0"),
			      "show() prints /sys/kernel/debug/lru_gen's header");
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("skipped by the Bloom filter"),
			      "show() reports the Bloom filter");
	page = page_at(mm, HOT_BASE + PTE_TABLE_SPAN);
	KUNIT_EXPECT_TRUE_MSG(test, page && page_lru_gen(page) >= 0, "table 1 page on lru_gen");
	check_second_look(test, mm);
	for (int i = 0; i < 100; i++)
		sim_access(mm, HOT_BASE + PTE_TABLE_SPAN + i * PAGE_SIZE);
	KUNIT_EXPECT_OP_MSG(test, lru_gen_age(), >=, 100, "after look-around the walk visits table 1 again");
	check_books(test, "aging");
	sim_mm_free(mm2);
	sim_mm_free(mm);
}

/* lru_gen keeps 2..4 generations and a page's generation flag matches its list. */
static void test_gen_generations(struct kunit *test)
{
	struct mm_struct *mm;

	sim_reset("gen", 32);
	mm = sim_mm_new();
	for (int i = 0; i < 8; i++)
		lru_gen_age();
	host_log_clear();
	lru_policy->show();
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("          8 ") && host_log_contains("         11 ") &&
			      !host_log_contains("          7 "), "after 8 agings: generations 8..11 (four at most)");
	for (int i = 0; i < 500; i++)
		sim_access(mm, addr_of(COLD_BASE, (unsigned long)(i * 7) % 300));
	check_books(test, "generations");
	sim_mm_free(mm);
}

/* ---- classic and clock specifics ---------------------------------------------- */

/* Isolate one page and put every victim back; returns the victim (still valid: it is on the LRU again). */
static struct page *isolate_one_putback(void)
{
	LIST_HEAD(victims);
	unsigned long scanned;
	struct page *v = NULL;

	if (lru_policy->isolate(1, &victims, &scanned)) {
		v = list_first_entry(&victims, struct page, lru);
		list_del_init(&v->lru);
		lru_policy->putback(v);
	}
	return v;
}

static void test_classic_lists(struct kunit *test)
{
	struct mm_struct *mm;
	struct page *page, *v;
	int k;

	sim_reset("classic", 64);
	mm = sim_mm_new();
	for (int i = 0; i < 8; i++)
		sim_access(mm, addr_of(HOT_BASE, i));
	page = page_at(mm, HOT_BASE);
	KUNIT_EXPECT_TRUE_MSG(test, PageLRU(page) && !PageActive(page), "classic: a new page starts inactive");
	for (int i = 1; i < 8; i++)
		page_referenced(page_at(mm, addr_of(HOT_BASE, i)));	/* only page 0 keeps AF */
	/* Page 0 is at the inactive tail: referenced (by its fault) -> rotated with PG_referenced. */
	v = isolate_one_putback();
	KUNIT_EXPECT_TRUE_MSG(test, PageReferenced(page) && !PageActive(page) && PageLRU(page),
			      "classic: first look: PG_referenced, rotated");
	KUNIT_EXPECT_TRUE_MSG(test, v && v->index == addr_of(HOT_BASE, 1),
			      "classic: the next, unreferenced page is the victim");
	sim_access(mm, HOT_BASE);	/* used again */
	for (k = 0; k < 16 && !PageActive(page); k++)
		isolate_one_putback();
	KUNIT_EXPECT_TRUE_MSG(test, PageActive(page), "classic: referenced again at its next look: activated");
	KUNIT_EXPECT_EQ_MSG(test, lru_stat.activated, 1, "classic: one activation");
	/* 7 inactive, 1 active: inactive is not low, nothing is deactivated. */
	KUNIT_EXPECT_EQ_MSG(test, lru_stat.deactivated, 0, "classic: no deactivation while inactive >= active");
	check_books(test, "lists");
	sim_mm_free(mm);
}

static void test_clock_hand(struct kunit *test)
{
	struct mm_struct *mm;
	LIST_HEAD(victims);
	unsigned long scanned;
	struct page *v;

	sim_reset("clock", 64);
	mm = sim_mm_new();
	for (int i = 0; i < 4; i++)
		sim_access(mm, addr_of(HOT_BASE, i));
	/* All four carry AF from their fault: one lap clears them, then page 0 is the first victim. */
	KUNIT_ASSERT_EQ(test, lru_policy->isolate(1, &victims, &scanned), 1);	/* one victim */
	KUNIT_EXPECT_EQ_MSG(test, scanned, 5, "clock: a full lap of second chances, then the first page");
	v = list_first_entry(&victims, struct page, lru);
	KUNIT_EXPECT_EQ_MSG(test, v->index, addr_of(HOT_BASE, 0), "clock: FIFO order once every flag is clear");
	list_del_init(&v->lru);
	lru_policy->putback(v);		/* behind the hand: last in line */
	sim_access(mm, addr_of(HOT_BASE, 1));	/* page 1 used: its second chance */
	KUNIT_ASSERT_EQ(test, lru_policy->isolate(1, &victims, &scanned), 1);	/* the next victim */
	v = list_first_entry(&victims, struct page, lru);
	KUNIT_EXPECT_EQ_MSG(test, v->index, addr_of(HOT_BASE, 2),
			    "clock: the referenced page 1 is passed over, page 2 taken");
	list_del_init(&v->lru);
	lru_policy->putback(v);
	check_books(test, "hand");
	sim_mm_free(mm);
}

/* After every case: nothing left on the LRU, no page leaked (buddy + per-CPU lists). */
static void check_back_to_boot(struct kunit *test)
{
	KUNIT_EXPECT_EQ_MSG(test, lru_policy->nr_pages(), 0, "the LRU is empty again");
	KUNIT_EXPECT_EQ_MSG(test, nr_free_pages() + nr_pcp_pages(), free_at_boot,
			    "no page leaked (buddy + per-CPU lists)");
}

/* The simulated machine: 8192 pages of fake RAM, memblock and the buddy allocator on it. */
int selftest_host_init(void)
{
	sim_boot(8192);
	free_at_boot = nr_free_pages() + nr_pcp_pages();
	return 0;
}

static struct kunit_case lru_host_cases[] = {
	KUNIT_CASE(test_rmap),
	KUNIT_CASE(test_policy_switch),
	KUNIT_CASE(test_hooks_gen),
	KUNIT_CASE(test_hooks_classic),
	KUNIT_CASE(test_hooks_clock),
	KUNIT_CASE(test_loop),
	KUNIT_CASE(test_hot_survives_scan),
	KUNIT_CASE(test_refault_protection),
	KUNIT_CASE(test_gen_aging),
	KUNIT_CASE(test_gen_generations),
	KUNIT_CASE(test_classic_lists),
	KUNIT_CASE(test_clock_hand),
	{ NULL, NULL },
};
static struct kunit_suite lru_host_suite = {
	.name = "lru_host",
	.cases = lru_host_cases,
	.exit = check_back_to_boot,
};
selftest_suite(lru_host_suite);
