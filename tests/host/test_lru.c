/*
 * Host tests of the LRU policies (mm/lru_gen.c, mm/lru_classic.c,
 * mm/lru_clock.c, mm/lru.c) and the reverse map (mm/rmap.c), on the
 * simulated machine of lru_sim.h: real page tables, real struct pages from
 * the buddy allocator, an access sets the PTE's access flag as the MMU
 * would, a miss faults the page in and reclaims through policy->isolate
 * when the "memory" (sim.capacity frames) is full.
 *
 * What is checked, and why it must hold:
 *   - rmap: page_pte finds the PTE, page_referenced tests-and-clears AF
 *     with exactly one TLB flush, and nothing when AF was clear.
 *   - Bookkeeping, for every policy and after every scenario:
 *     nr_pages == added - deleted - isolated + putback == resident pages,
 *     isolated <= scanned, and after exit every page and page table is back
 *     in the buddy allocator (no leak, no page left PG_lru).
 *   - A loop over N = C + 6 pages with C frames: an access pattern where
 *     the least recently used page is always the next one needed. CLOCK
 *     and the classic LRU approximate LRU closely enough to miss on every
 *     reference (the exact count is asserted; see test_loop). Gen is not
 *     asserted to thrash: its refault feedback protects part of the loop;
 *     it must stay between OPT and "every reference".
 *   - Hot pages reused at a distance below C (touched after every 32 cold
 *     pages) survive a one-time scan of 4C cold pages under gen, classic
 *     and clock: after warm-up no hot page faults. This catches evicting
 *     from the wrong end, or ignoring the access flag.
 *   - Classic only: hot pages activated before a scan survive it even when
 *     not touched during the scan (the active list is not shrunk while the
 *     inactive list is at least as large: the two-list LRU's scan
 *     resistance). Gen and clock have no such memory of past use and evict
 *     them; that is printed, not asserted.
 *   - Refault protection (gen): hot pages reused at a distance above C
 *     among a stream of never-reused pages refault; recent refaults raise
 *     their tier, the feedback protects it (lru_stat.protected > 0), and
 *     gen faults on the hot pages less than CLOCK and classic, which miss
 *     on every hot reference.
 *   - lru_gen aging: one TLB range flush per PTE table with young entries
 *     (not one per page); the Bloom filter makes the next walk skip tables
 *     that had no young entries; eviction's second look still finds their
 *     pages, and look-around puts the table back in the filter.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/mm_types_task.h>
#include <linux/mmzone.h>
#include <linux/pgtable.h>
#include <linux/swap.h>
#include <asm/tlbflush.h>
#include "../../mm/lru.h"
#include "host_shim.h"
#include "../../tools/mm/lru_opt.h"
#include "../../tools/mm/lru_sim.h"
#include "tap.h"

static const char *const policies[] = { "gen", "classic", "clock" };
#define NR_POLICIES	3

#define HOT_BASE	0x0000100000000UL	/* 2 MiB-aligned regions: separate PTE tables */
#define COLD_BASE	0x0000200000000UL
#define PTE_TABLE_SPAN	(PTRS_PER_TABLE * PAGE_SIZE)

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
static void check_books(const char *tag)
{
	unsigned long nr = lru_policy->nr_pages();

	is_int(nr, lru_stat.added - lru_stat.deleted - lru_stat.isolated + lru_stat.putback,
	       "%s: %s: nr_pages = added - deleted - isolated + putback", lru_policy->name, tag);
	is_int(nr, sim.resident, "%s: %s: every resident page is on the LRU", lru_policy->name, tag);
	ok(lru_stat.isolated <= lru_stat.scanned, "%s: %s: isolated %lu <= scanned %lu",
	   lru_policy->name, tag, lru_stat.isolated, lru_stat.scanned);
	is_int(lru_stat.evicted, sim.evictions, "%s: %s: shadow() once per eviction", lru_policy->name, tag);
}

/* ---- rmap ------------------------------------------------------------------ */

static void test_rmap(void)
{
	struct mm_struct *mm;
	struct page *page;
	unsigned long a = addr_of(HOT_BASE, 3);
	unsigned long flushes;

	sim_reset("gen", 16);
	mm = sim_mm_new();
	ok(sim_access(mm, a), "rmap: first access faults");
	page = page_at(mm, a);
	ok(page && page->mapping == mm && page->index == a, "rmap: page->mapping/index are the mm and address");
	ok(page_pte(page) == pte_lookup(mm->pgd, a), "rmap: page_pte finds the PTE");
	ok(PageLRU(page) && page_lru_gen(page) >= 0, "rmap: the new page is on lru_gen");

	flushes = tlb_stats.page;
	ok(page_referenced(page), "rmap: referenced (the fault set AF)");
	ok(!pte_young(sim_pte(mm, a)), "rmap: AF cleared in the PTE");
	is_int(tlb_stats.page - flushes, 1, "rmap: one flush_tlb_page for the cleared flag");
	ok(!page_referenced(page), "rmap: not referenced again without an access");
	is_int(tlb_stats.page - flushes, 1, "rmap: no flush when AF was already clear");
	ok(!sim_access(mm, a), "rmap: second access hits");
	ok(page_referenced(page), "rmap: the access set AF again");

	page->index += PAGE_SIZE;	/* a reverse map that lies */
	ok(page_pte(page) == NULL && !page_referenced(page), "rmap: a PTE that does not map the page is not its PTE");
	page->index -= PAGE_SIZE;
	sim_mm_free(mm);
	is_int(lru_policy->nr_pages(), 0, "rmap: exit empties the LRU");
	ok(!PageLRU(page) && page->_mapcount == -1 && !page->mapping, "rmap: page off the LRU, unmapped, rmap cleared");
}

/* ---- policy selection and the common hooks ---------------------------------- */

static void test_policy_switch(void)
{
	struct mm_struct *mm;

	sim_reset("gen", 8);
	ok(lru_policy == &lru_gen_policy, "lru_set_policy(gen)");
	ok(lru_policy_find("classic") == &lru_classic_policy && lru_policy_find("clock") == &lru_clock_policy &&
	   !lru_policy_find("lfu") && !lru_policy_find(NULL), "lru_policy_find by name");
	is_int(lru_set_policy("lfu"), -EINVAL, "unknown policy refused");
	mm = sim_mm_new();
	sim_access(mm, HOT_BASE);
	is_int(lru_set_policy("clock"), -EBUSY, "no switch while pages are on the LRU");
	ok(lru_policy == &lru_gen_policy, "policy unchanged");
	sim_mm_free(mm);
	is_int(lru_set_policy("clock"), 0, "switch once the LRU is empty");
}

/* Isolate, put back, remove while isolated: the hooks reclaim and unmap use. */
static void test_hooks(const char *name)
{
	struct mm_struct *mm;
	LIST_HEAD(victims);
	unsigned long scanned, n, free_before = nr_free_pages() + nr_pcp_pages();
	struct page *page, *tmp;

	sim_reset(name, 64);
	mm = sim_mm_new();
	for (int i = 0; i < 40; i++)
		sim_access(mm, addr_of(HOT_BASE, i));
	is_int(lru_policy->nr_pages(), 40, "%s: 40 pages added", name);
	n = lru_policy->isolate(5, &victims, &scanned);
	is_int(n, 5, "%s: isolate(5) finds 5 victims", name);
	ok(scanned >= 5, "%s: scanned %lu >= isolated", name, scanned);
	n = 0;
	list_for_each_entry(page, &victims, lru)
		n += !PageLRU(page);
	is_int(n, 5, "%s: victims have PG_lru clear", name);
	is_int(lru_policy->nr_pages(), 35, "%s: off the LRU while isolated", name);
	/* Put four back; the fifth is unmapped by its owner while isolated. */
	list_for_each_entry_safe(page, tmp, &victims, lru) {
		list_del_init(&page->lru);
		if (list_empty(&victims)) {
			unsigned long deleted = lru_stat.deleted;

			page_remove_anon(page);
			ok(!page->mapping && page->_mapcount == -1 && lru_stat.deleted == deleted,
			   "%s: page_remove_anon on an isolated page clears the rmap only", name);
			/* The owner's zap finishes the job (sim_mm_free would otherwise find it mapped). */
			*pte_lookup(mm->pgd, page->index) = 0;
			ClearPageSwapBacked(page);
			__free_page(page);
			sim.resident--;
			mm->rss_anon--;
		} else {
			lru_policy->putback(page);
		}
	}
	is_int(lru_stat.putback, 4, "%s: 4 put back", name);
	is_int(lru_policy->nr_pages(), 39, "%s: 39 on the LRU", name);
	check_books("isolate/putback");
	lru_policy->show();
	sim_mm_free(mm);
	is_int(lru_policy->nr_pages(), 0, "%s: exit empties the LRU", name);
	is_int(lru_stat.deleted, 39, "%s: page_remove_anon took 39 pages off", name);
	is_int(nr_free_pages() + nr_pcp_pages(), free_before,
	       "%s: every page and page table back in the buddy allocator", name);
}

/* ---- access patterns ----------------------------------------------------- */

/* A loop over n pages, passes times, capacity c. Returns the faults. */
static unsigned long run_loop(const char *name, unsigned long c, unsigned long n, int passes)
{
	struct mm_struct *mm;
	unsigned long faults;

	sim_reset(name, c);
	mm = sim_mm_new();
	for (int p = 0; p < passes; p++)
		for (unsigned long i = 0; i < n; i++)
			sim_access(mm, addr_of(COLD_BASE, i));
	faults = sim.faults;
	check_books("loop");
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
static void test_loop(void)
{
	unsigned int ids[1400];
	unsigned long opt, f[NR_POLICIES];

	for (int i = 0; i < 1400; i++)
		ids[i] = (unsigned int)(i % 70);
	opt = opt_faults(ids, 1400, 70, 64);
	for (int p = 0; p < NR_POLICIES; p++)
		f[p] = run_loop(policies[p], 64, 70, 20);
	printk("loop of 70 pages in 64 frames, 1400 references: gen %lu classic %lu clock %lu opt %lu\n",
	       f[0], f[1], f[2], opt);
	is_int(f[1], 1400, "loop > memory: classic misses on every reference");
	is_int(f[2], 1400, "loop > memory: clock misses on every reference");
	ok(f[0] >= opt && f[0] <= 1400, "loop > memory: gen between OPT (%lu) and every reference (%lu)", opt, f[0]);
	is_int(opt, 70 + 19 * 6 + 0, "OPT on a loop: 70 cold misses, then n - c = 6 per pass");
	/* A loop that fits: only cold misses, for everyone. */
	for (int p = 0; p < NR_POLICIES; p++)
		is_int(run_loop(policies[p], 64, 60, 10), 60, "%s: a loop that fits faults once per page", policies[p]);
}

/*
 * C = 128 frames, 32 hot pages. Warm-up: 8 rounds of 64 new cold pages
 * then one touch of every hot page, so reclaim has looked at the hot pages
 * several times, each time after they were used. Then a scan of 512 cold
 * pages read once: with touch_during_scan, every hot page is touched again
 * after each 32 cold pages (reuse distance 63 < C); without, not at all
 * until the end. Returns the hot pages' faults during (and just after) the scan.
 */
static unsigned long hot_during_scan(const char *name, bool touch_during_scan)
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
	check_books(touch_during_scan ? "hot+scan" : "scan");
	sim_mm_free(mm);
	return hot_faults;
}

static void test_hot_survives_scan(void)
{
	unsigned long f[NR_POLICIES], g[NR_POLICIES];

	for (int p = 0; p < NR_POLICIES; p++) {
		f[p] = hot_during_scan(policies[p], true);
		g[p] = hot_during_scan(policies[p], false);
	}
	printk("hot pages' faults during a scan of 4C: touched every 32 cold pages: gen %lu classic %lu clock %lu;"
	       " untouched: gen %lu classic %lu clock %lu (of 32)\n", f[0], f[1], f[2], g[0], g[1], g[2]);
	is_int(f[0], 0, "gen: hot pages in use survive a cold scan");
	is_int(f[1], 0, "classic: hot pages in use survive a cold scan");
	is_int(f[2], 0, "clock: hot pages in use survive a cold scan");
	is_int(g[1], 0, "classic: active pages survive a scan even untouched (inactive list absorbs it)");
}

/*
 * C = 64 frames. Rounds of: 60 never-reused cold pages, then the 16 hot
 * pages once each. A hot page's reuse distance is 60 + 15 = 75 > 64, so
 * any LRU approximation evicts it just before it is needed. Returns the
 * hot pages' faults over 200 rounds (3200 hot references).
 */
static unsigned long hot_beyond_memory(const char *name)
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
	check_books("refault");
	if (!strcmp(name, "gen")) {
		printk("gen after the refault scenario: workingset %lu protected %lu refaults by tier %lu %lu %lu %lu\n",
		       lru_stat.workingset, lru_stat.protected, lru_stat.refault_tier[0],
		       lru_stat.refault_tier[1], lru_stat.refault_tier[2], lru_stat.refault_tier[3]);
		ok(lru_stat.workingset > 0, "gen: recent refaults recognised");
		ok(lru_stat.refault_tier[1] + lru_stat.refault_tier[2] + lru_stat.refault_tier[3] > 0,
		   "gen: refaulted pages moved up a tier");
		ok(lru_stat.protected > 0, "gen: refault feedback protected pages of a high tier");
		lru_policy->show();
	}
	sim_mm_free(mm);
	return hot_faults;
}

static void test_refault_protection(void)
{
	unsigned long f[NR_POLICIES];

	for (int p = 0; p < NR_POLICIES; p++)
		f[p] = hot_beyond_memory(policies[p]);
	printk("hot pages reused beyond memory, faults of 3200 hot references: gen %lu classic %lu clock %lu\n",
	       f[0], f[1], f[2]);
	is_int(f[1], 3200, "classic misses on every hot reference (reuse distance > memory, referenced once per stay)");
	is_int(f[2], 3200, "clock misses on every hot reference");
	ok(f[0] < f[2], "gen protects refaulting pages: %lu hot faults < clock's %lu", f[0], f[2]);
	ok(f[0] < f[1], "gen protects refaulting pages: %lu hot faults < classic's %lu", f[0], f[1]);
}

/* ---- lru_gen aging, TLB batching, Bloom filter ----------------------------- */

static void test_gen_aging(void)
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
	is_int(promoted, 310, "first aging walks everything: 310 young pages promoted");
	is_int(tlb_stats.range - range, 4, "one flush_tlb_range per PTE table with young entries (4 tables)");
	is_int(tlb_stats.page - page_flushes, 0, "no per-page flush during aging");
	ok(!pte_young(sim_pte(mm, HOT_BASE)) && !pte_young(sim_pte(mm2, HOT_BASE)), "access flags cleared in both mms");

	/* Only table 0 of mm is used now: the next walk records only it. */
	for (int i = 0; i < 100; i++)
		sim_access(mm, HOT_BASE + i * PAGE_SIZE);
	is_int(lru_gen_age(), 100, "second aging: the 100 pages of table 0 promoted");
	/* Tables 1, 2 and mm2's had nothing young: the third walk skips them. */
	for (int i = 0; i < 100; i++)
		sim_access(mm, HOT_BASE + PTE_TABLE_SPAN + i * PAGE_SIZE);
	for (int i = 0; i < 100; i++)
		sim_access(mm, HOT_BASE + i * PAGE_SIZE);
	range = tlb_stats.range;
	is_int(lru_gen_age(), 100, "third aging: only table 0 walked (table 1 skipped by the Bloom filter)");
	is_int(tlb_stats.range - range, 1, "one range flush: one table walked");
	ok(pte_young(sim_pte(mm, HOT_BASE + PTE_TABLE_SPAN)), "table 1's pages keep their access flag");

	/* Eviction's second look finds them; look-around promotes the neighbours and re-adds the table. */
	host_log_clear();
	lru_policy->show();
	ok(host_log_contains("memcg     0 /") && host_log_contains(" node     0"),
	   "show() prints /sys/kernel/debug/lru_gen's header");
	ok(host_log_contains("skipped by the Bloom filter"), "show() reports the Bloom filter");
	page = page_at(mm, HOT_BASE + PTE_TABLE_SPAN);
	ok(page && page_lru_gen(page) >= 0, "table 1 page on lru_gen");
	{
		unsigned long rotated = lru_stat.rotated, activated = lru_stat.activated;
		LIST_HEAD(victims);
		unsigned long scanned, n;
		struct page *v, *tmp;

		/*
		 * The oldest generation holds tables 1 and 2 and mm2's pages, table 1's
		 * at its tail: all young (skipped by the walk), then table 2's, unused.
		 */
		n = lru_policy->isolate(1, &victims, &scanned);
		ok(lru_stat.rotated > rotated, "eviction's second look rescued young pages the walk skipped (%lu)",
		   lru_stat.rotated - rotated);
		ok(lru_stat.activated > activated, "look-around promoted their neighbours (%lu)",
		   lru_stat.activated - activated);
		ok(lru_stat.rotated - rotated + lru_stat.activated - activated == 100,
		   "rotated + promoted by look-around = table 1's 100 pages");
		is_int(n, 1, "then one victim");
		v = list_first_entry(&victims, struct page, lru);
		ok(v->mapping == mm && v->index >= HOT_BASE + 2 * PTE_TABLE_SPAN &&
		   v->index < HOT_BASE + 3 * PTE_TABLE_SPAN, "the victim is an unused page of table 2");
		list_for_each_entry_safe(v, tmp, &victims, lru) {
			list_del_init(&v->lru);
			lru_policy->putback(v);
		}
	}
	for (int i = 0; i < 100; i++)
		sim_access(mm, HOT_BASE + PTE_TABLE_SPAN + i * PAGE_SIZE);
	ok(lru_gen_age() >= 100, "after look-around the walk visits table 1 again");
	check_books("aging");
	sim_mm_free(mm2);
	sim_mm_free(mm);
}

/* lru_gen keeps 2..4 generations and a page's generation flag matches its list. */
static void test_gen_generations(void)
{
	struct mm_struct *mm;

	sim_reset("gen", 32);
	mm = sim_mm_new();
	for (int i = 0; i < 8; i++)
		lru_gen_age();
	host_log_clear();
	lru_policy->show();
	ok(host_log_contains("          8 ") && host_log_contains("         11 ") && !host_log_contains("          7 "),
	   "after 8 agings: generations 8..11 (four at most)");
	for (int i = 0; i < 500; i++)
		sim_access(mm, addr_of(COLD_BASE, (unsigned long)(i * 7) % 300));
	check_books("generations");
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

static void test_classic_lists(void)
{
	struct mm_struct *mm;
	struct page *page, *v;
	int k;

	sim_reset("classic", 64);
	mm = sim_mm_new();
	for (int i = 0; i < 8; i++)
		sim_access(mm, addr_of(HOT_BASE, i));
	page = page_at(mm, HOT_BASE);
	ok(PageLRU(page) && !PageActive(page), "classic: a new page starts inactive");
	for (int i = 1; i < 8; i++)
		page_referenced(page_at(mm, addr_of(HOT_BASE, i)));	/* only page 0 keeps AF */
	/* Page 0 is at the inactive tail: referenced (by its fault) -> rotated with PG_referenced. */
	v = isolate_one_putback();
	ok(PageReferenced(page) && !PageActive(page) && PageLRU(page), "classic: first look: PG_referenced, rotated");
	ok(v && v->index == addr_of(HOT_BASE, 1), "classic: the next, unreferenced page is the victim");
	sim_access(mm, HOT_BASE);	/* used again */
	for (k = 0; k < 16 && !PageActive(page); k++)
		isolate_one_putback();
	ok(PageActive(page), "classic: referenced again at its next look: activated");
	is_int(lru_stat.activated, 1, "classic: one activation");
	/* 7 inactive, 1 active: inactive is not low, nothing is deactivated. */
	is_int(lru_stat.deactivated, 0, "classic: no deactivation while inactive >= active");
	check_books("lists");
	sim_mm_free(mm);
}

static void test_clock_hand(void)
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
	is_int(lru_policy->isolate(1, &victims, &scanned), 1, "clock: one victim");
	is_int(scanned, 5, "clock: a full lap of second chances, then the first page");
	v = list_first_entry(&victims, struct page, lru);
	is_int(v->index, addr_of(HOT_BASE, 0), "clock: FIFO order once every flag is clear");
	list_del_init(&v->lru);
	lru_policy->putback(v);		/* behind the hand: last in line */
	sim_access(mm, addr_of(HOT_BASE, 1));	/* page 1 used: its second chance */
	is_int(lru_policy->isolate(1, &victims, &scanned), 1, "clock: next victim");
	v = list_first_entry(&victims, struct page, lru);
	is_int(v->index, addr_of(HOT_BASE, 2), "clock: the referenced page 1 is passed over, page 2 taken");
	list_del_init(&v->lru);
	lru_policy->putback(v);
	check_books("hand");
	sim_mm_free(mm);
}

int main(void)
{
	unsigned long free_at_start;

	sim_boot(8192);
	free_at_start = nr_free_pages() + nr_pcp_pages();
	test_rmap();
	test_policy_switch();
	for (int p = 0; p < NR_POLICIES; p++)
		test_hooks(policies[p]);
	test_loop();
	test_hot_survives_scan();
	test_refault_protection();
	test_gen_aging();
	test_gen_generations();
	test_classic_lists();
	test_clock_hand();
	is_int(nr_free_pages() + nr_pcp_pages(), free_at_start, "all tests: no page leaked (buddy + per-CPU lists)");
	return done_testing();
}
