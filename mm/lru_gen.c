/*
 * The multi-generational LRU at teaching scale (Linux: mm/vmscan.c, the
 * "lru_gen" half: inc_max_seq, walk_pte_range, sort_folio, scan_folios,
 * lru_gen_look_around, get_tier_idx, lru_gen_refault in mm/workingset.c).
 *
 * Pages are not ordered one by one but binned in generations, numbered by
 * a sequence: min_seq is the oldest generation still holding pages, max_seq
 * the youngest; there are 2..MAX_NR_GENS of them, and a page's generation
 * (seq % MAX_NR_GENS, plus one) lives in page->flags (LRU_GEN_MASK).
 *
 *   new page / refault        -> youngest generation (max_seq)
 *   aging (inc_max_seq)       -> walk the page tables of every mm on mm_list,
 *                                move each page whose PTE has the access flag
 *                                into the youngest generation (and clear the
 *                                flag: one TLB flush per PTE table), then open
 *                                a new, empty youngest generation max_seq + 1
 *   eviction (isolate)        -> take pages from the tail of generation min_seq;
 *                                a second look at the access flag (rmap) saves
 *                                the ones used since aging; pages of tiers the
 *                                refault feedback protects go one generation up
 *   min_seq's list empties    -> min_seq + 1 (never fewer than MIN_NR_GENS)
 *
 * Aging runs when only MIN_NR_GENS generations are left (Linux:
 * should_run_aging), at most once per isolate() call: a second walk right
 * after the first finds only the pages the first one just cleared, so then
 * eviction takes from the older of the two generations instead.
 *
 * Tiers and refault feedback (Linux's PID controller, simplified). A page's
 * "refs" (LRU_REFS_MASK, 0..3) counts how many times in a row it came back
 * from swap soon after eviction; its tier is refs. On eviction the shadow
 * remembers (min_seq, tier); a refault is "recent" when fewer than
 * MAX_NR_GENS generations were evicted since (the page would have stayed
 * with a little more memory). Per tier we count pages evicted, pages
 * protected and recent refaults, in a window that is halved into running
 * averages each time min_seq moves. Tier 0 is the set point: a tier t > 0
 * whose refault rate is more than twice tier 0's (and that has at least
 * LRU_GEN_MIN_REFAULTS refaults) is protected, with every tier above it:
 * eviction moves such pages to min_seq + 1 instead. Linux uses the same
 * comparison (positive_ctrl_err, gains 1 and 2) with refs from file
 * descriptor accesses and a page marked workingset on a recent refault.
 *
 * The Bloom filter. Walking every PTE table of every mm is the cost of
 * aging. Each walk records in a small Bloom filter (2^10 bits, two hash
 * functions) the PTE tables where at least one PTE in 8 was young; the next
 * walk visits only the tables the filter contains (plus any, on a false
 * positive). A skipped table's young pages keep their access flag; eviction's
 * second look finds them, and its look-around (scanning the neighbouring
 * PTEs of a young page) puts the table back in the filter. Two filters
 * alternate: the one being read (seq) and the one being written (seq + 1).
 * Ours, not Linux's: when eviction found more young pages than the last
 * walk promoted, the filter is judged stale and the next walk visits every
 * table (without this, at this scale the filter could empty itself and
 * leave all aging to eviction, which then folded every page into one
 * generation and evicted pages in use).
 *
 * Locks: lru_lock for everything here; aging holds mm_list_lock first.
 */
#include <linux/kernel.h>
#include <linux/bitmap.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/mm_types_task.h>
#include <linux/pgtable.h>
#include <linux/swap.h>
#include <asm/mmu_context.h>
#include <asm/tlbflush.h>
#include "lru.h"

/*
 * An enum rather than #defines (Linux: MIN_NR_GENS, MAX_NR_GENS in
 * include/linux/mmzone.h) so that they are in the debug info: the gdb
 * helper lru-gen (qemu/gdb/mm.py) reads them from build/kernel.elf.
 */
enum lru_gen_limits {
	MIN_NR_GENS = 2,
	MAX_NR_GENS = 4,
	LRU_GEN_MIN_REFAULTS = 8,	/* Linux: MIN_LRU_BATCH = 64 */
};
#define BLOOM_FILTER_SHIFT	10	/* Linux: 15 */
#define BLOOM_WORDS		BITS_TO_LONGS(1 << BLOOM_FILTER_SHIFT)
#define NR_BLOOM_FILTERS	2
#define LOOK_AROUND_PTES	32	/* Linux: MIN_LRU_BATCH * 2 */

/* Shadow: bit 0 valid, bits 2:1 tier, bits 47:3 min_seq at eviction. */
#define SHADOW_TIER_SHIFT	1
#define SHADOW_SEQ_SHIFT	3
#define SHADOW_SEQ_MASK		((1UL << (LRU_SHADOW_BITS - SHADOW_SEQ_SHIFT)) - 1)

extern struct list_head mm_list;	/* mm/mmap.c: every user mm */
extern spinlock_t mm_list_lock;

struct lru_gen_struct {
	unsigned long max_seq, min_seq;
	unsigned long timestamps[MAX_NR_GENS];	/* jiffies when each generation opened */
	struct list_head lists[MAX_NR_GENS];	/* head = youngest end, tail = next to evict */
	unsigned long nr_pages[MAX_NR_GENS];
	/* Refault feedback per tier: this window, and running averages. */
	unsigned long refaulted[MAX_NR_TIERS], evicted[MAX_NR_TIERS], protected[MAX_NR_TIERS];
	unsigned long avg_refaulted[MAX_NR_TIERS], avg_total[MAX_NR_TIERS];
	unsigned long filters[NR_BLOOM_FILTERS][BLOOM_WORDS];
	bool filter_ready[NR_BLOOM_FILTERS];
	/* Young pages eviction found that the last walk did not: is the filter stale? */
	unsigned long missed, last_promoted;
	/* What the walks did, for show(). */
	unsigned long tables_walked, tables_skipped, ptes_scanned, ptes_young, full_walks;
};

static struct lru_gen_struct lrugen = {
	.max_seq = MIN_NR_GENS + 1,	/* as Linux: four empty generations 0..3 at boot */
	.lists = {
		LIST_HEAD_INIT(lrugen.lists[0]), LIST_HEAD_INIT(lrugen.lists[1]),
		LIST_HEAD_INIT(lrugen.lists[2]), LIST_HEAD_INIT(lrugen.lists[3]),
	},
};

static int lru_gen_from_seq(unsigned long seq)
{
	return (int)(seq % MAX_NR_GENS);
}

static unsigned long nr_gens(void)
{
	return lrugen.max_seq - lrugen.min_seq + 1;
}

static unsigned long lru_gen_total(void)
{
	unsigned long n = 0;

	for (int g = 0; g < MAX_NR_GENS; g++)
		n += lrugen.nr_pages[g];
	return n;
}

/* ---- lists (lru_lock held) ------------------------------------------------ */

static void gen_add(struct page *page, int gen, bool tail)
{
	set_page_lru_gen(page, gen);
	SetPageLRU(page);
	if (tail)
		list_add_tail(&page->lru, &lrugen.lists[gen]);
	else
		list_add(&page->lru, &lrugen.lists[gen]);
	lrugen.nr_pages[gen]++;
}

/* Off the lists; PG_lru and the generation cleared, refs (the tier) kept for shadow(). */
static void gen_del(struct page *page)
{
	int gen = page_lru_gen(page);

	list_del(&page->lru);
	lrugen.nr_pages[gen]--;
	page->flags &= ~(LRU_GEN_MASK | (1UL << PG_lru));
}

/* Move to generation gen: at its head (promotion) or its tail (protection). */
static void gen_move(struct page *page, int gen, bool tail)
{
	gen_del(page);
	gen_add(page, gen, tail);
}

/* ---- refault feedback (Linux: read_ctrl_pos, positive_ctrl_err, get_tier_idx) */

struct ctrl_pos {
	unsigned long refaulted, total;
	int gain;
};

static void read_ctrl_pos(int tier, int gain, struct ctrl_pos *pos)
{
	pos->refaulted = lrugen.avg_refaulted[tier] + lrugen.refaulted[tier];
	pos->total = lrugen.avg_total[tier] + lrugen.evicted[tier] + lrugen.protected[tier];
	pos->gain = gain;
}

/*
 * True when pv (a tier) needs no protection against sp (tier 0): too few
 * refaults to judge, or refaulted/total of pv is at most gain_pv/gain_sp
 * times sp's (the +MIN and +1 keep it defined when sp has no history).
 */
static bool positive_ctrl_err(const struct ctrl_pos *sp, const struct ctrl_pos *pv)
{
	return pv->refaulted < LRU_GEN_MIN_REFAULTS ||
	       pv->refaulted * (sp->total + LRU_GEN_MIN_REFAULTS) * sp->gain <=
	       (sp->refaulted + 1) * pv->total * pv->gain;
}

/* Tiers above the returned one are protected from eviction for now. */
static int get_tier_idx(void)
{
	struct ctrl_pos sp, pv;
	int tier;

	read_ctrl_pos(0, 1, &sp);
	for (tier = 1; tier < MAX_NR_TIERS; tier++) {
		read_ctrl_pos(tier, 2, &pv);
		if (!positive_ctrl_err(&sp, &pv))
			break;
	}
	return tier - 1;
}

/* A new window each time min_seq moves: fold the counts into the averages (Linux: reset_ctrl_pos). */
static void reset_ctrl_pos(void)
{
	for (int t = 0; t < MAX_NR_TIERS; t++) {
		lrugen.avg_refaulted[t] = (lrugen.avg_refaulted[t] + lrugen.refaulted[t]) / 2;
		lrugen.avg_total[t] = (lrugen.avg_total[t] + lrugen.evicted[t] + lrugen.protected[t]) / 2;
		lrugen.refaulted[t] = lrugen.evicted[t] = lrugen.protected[t] = 0;
	}
}

/* Drop empty oldest generations, keeping at least MIN_NR_GENS (Linux: try_to_inc_min_seq). */
static void try_to_inc_min_seq(void)
{
	while (nr_gens() > MIN_NR_GENS && list_empty(&lrugen.lists[lru_gen_from_seq(lrugen.min_seq)])) {
		lrugen.min_seq++;
		reset_ctrl_pos();
	}
}

/* All MAX_NR_GENS in use and aging needs one more: merge the oldest into the next (Linux: inc_min_seq). */
static void inc_min_seq(void)
{
	int old = lru_gen_from_seq(lrugen.min_seq), next = lru_gen_from_seq(lrugen.min_seq + 1);
	struct page *page, *n;

	list_for_each_entry_safe(page, n, &lrugen.lists[old], lru)
		gen_move(page, next, true);	/* older than next's pages: its tail end */
	lrugen.min_seq++;
	reset_ctrl_pos();
}

/* ---- the Bloom filter of PTE tables (Linux: update/test/reset_bloom_filter) */

static void bloom_keys(phys_addr_t table, unsigned int key[2])
{
	u64 h = (u64)(table >> PAGE_SHIFT) * 0x9e3779b97f4a7c15ULL;	/* Linux's hash_64 */

	key[0] = (unsigned int)(h >> (64 - BLOOM_FILTER_SHIFT));
	key[1] = (unsigned int)(h >> (64 - 2 * BLOOM_FILTER_SHIFT)) & ((1U << BLOOM_FILTER_SHIFT) - 1);
}

static void bloom_set(unsigned long seq, phys_addr_t table)
{
	unsigned long *f = lrugen.filters[seq % NR_BLOOM_FILTERS];
	unsigned int key[2];

	bloom_keys(table, key);
	for (int i = 0; i < 2; i++)
		__set_bit(key[i], f);	/* Linux: set_bit (atomic); here lru_lock is held */
}

/* May contain (or: is not ready, so everything must be walked). */
static bool bloom_test(unsigned long seq, phys_addr_t table)
{
	unsigned long *f = lrugen.filters[seq % NR_BLOOM_FILTERS];
	unsigned int key[2];

	if (!lrugen.filter_ready[seq % NR_BLOOM_FILTERS])
		return true;
	bloom_keys(table, key);
	for (int i = 0; i < 2; i++)
		if (!test_bit(key[i], f))
			return false;
	return true;
}

static void bloom_reset(unsigned long seq)
{
	bitmap_zero(lrugen.filters[seq % NR_BLOOM_FILTERS], 1 << BLOOM_FILTER_SHIFT);
	lrugen.filter_ready[seq % NR_BLOOM_FILTERS] = true;
}

/* Worth walking next time: at least one young PTE in 8 (Linux: suitable_to_scan). */
static bool suitable_to_scan(unsigned int total, unsigned int young)
{
	return young && young * 8 >= total;
}

/* ---- page-table walk (Linux: walk_pte_range, walk_pmd_range, walk_mm) ---- */

/*
 * Promote into generation gen every page of ours mapped by a young PTE in
 * [start, end) of one PTE table (table = its first entry), clearing the
 * access flags; then one TLB flush for the range that had young entries
 * (flush_tlb_range, which itself turns into one ASID flush above
 * MAX_TLBI_OPS pages). *total counts our pages seen. Returns the young ones.
 */
static unsigned int walk_pte_range(struct mm_struct *mm, pte_t *table, unsigned long start,
				   unsigned long end, int gen, unsigned int *total)
{
	unsigned long addr, first = 0, last = 0;
	unsigned int young = 0;

	for (addr = start; addr < end; addr += PAGE_SIZE) {
		pte_t *ptep = table + pte_index(addr);
		pte_t pte = ptep_get(ptep);
		struct page *page;

		if (!pte_present(pte) || pte_special(pte) || !pfn_valid(pte_pfn(pte)))
			continue;
		page = pfn_to_page(pte_pfn(pte));
		/* Only pages on this LRU, mapped where their reverse map says. */
		if (!PageLRU(page) || page_lru_gen(page) < 0 || page->mapping != mm || page->index != addr)
			continue;
		(*total)++;
		lrugen.ptes_scanned++;
		if (!ptep_test_and_clear_young(ptep))
			continue;
		if (!young++)
			first = addr;
		last = addr;
		if (page_lru_gen(page) != gen) {
			gen_move(page, gen, false);
			lru_stat.activated++;
		}
	}
	if (young) {
		flush_tlb_range(mm_asid(mm), first, last + PAGE_SIZE);
		lru_stat.tlb_flushes++;
		lrugen.ptes_young += young;
	}
	return young;
}

/* Age one mm: PTE tables the filter for seq admits are walked; good ones go into seq + 1's filter. */
static unsigned long walk_mm(struct mm_struct *mm, unsigned long seq, int gen)
{
	unsigned long promoted = 0;

	for (unsigned int i0 = 0; i0 < PTRS_PER_TABLE; i0++) {
		unsigned long a0 = (unsigned long)i0 << PGDIR_SHIFT;
		pgd_t *pgdp = pgd_offset_pgd(mm->pgd, a0);

		if (!pxd_table(READ_ONCE(*pgdp)))
			continue;
		for (unsigned int i1 = 0; i1 < PTRS_PER_TABLE; i1++) {
			unsigned long a1 = a0 | ((unsigned long)i1 << PUD_SHIFT);
			pud_t *pudp = pud_offset(pgdp, a1);

			if (!pxd_table(READ_ONCE(*pudp)))
				continue;
			for (unsigned int i2 = 0; i2 < PTRS_PER_TABLE; i2++) {
				unsigned long a2 = a1 | ((unsigned long)i2 << PMD_SHIFT);
				pmd_t *pmdp = pmd_offset(pudp, a2);
				pmd_t pmd = READ_ONCE(*pmdp);
				phys_addr_t table = pmd & PTE_ADDR_MASK;
				unsigned int total = 0, young;

				if (!pxd_table(pmd))
					continue;
				if (!bloom_test(seq, table)) {
					lrugen.tables_skipped++;
					continue;
				}
				lrugen.tables_walked++;
				young = walk_pte_range(mm, pte_offset_kernel(pmdp, a2), a2, a2 + PMD_SIZE,
						       gen, &total);
				promoted += young;
				if (suitable_to_scan(total, young))
					bloom_set(seq + 1, table);
			}
		}
	}
	return promoted;
}

/*
 * Promote the young pages into the youngest generation, then open a new,
 * empty one for the pages faulted from now on (Linux: try_to_inc_max_seq:
 * iterate_mm_list + walk_mm into max_seq's generation, then inc_max_seq).
 */
static unsigned long inc_max_seq(void)
{
	unsigned long seq = lrugen.max_seq, promoted = 0;
	struct mm_struct *mm;

	/*
	 * The filter is a guess. If eviction's second look found more young
	 * pages since the last walk than that walk promoted, the guess missed
	 * too much: walk everything this time (ours; Linux relies on look-around).
	 */
	if (lrugen.missed > lrugen.last_promoted) {
		lrugen.filter_ready[seq % NR_BLOOM_FILTERS] = false;
		lrugen.full_walks++;
	}
	bloom_reset(seq + 1);
	list_for_each_entry(mm, &mm_list, mm_list)
		promoted += walk_mm(mm, seq, lru_gen_from_seq(seq));
	if (nr_gens() == MAX_NR_GENS)
		inc_min_seq();
	lrugen.max_seq = seq + 1;
	lrugen.timestamps[lru_gen_from_seq(seq + 1)] = jiffies;
	lrugen.last_promoted = promoted;
	lrugen.missed = 0;
	lru_stat.aging++;
	return promoted;
}

unsigned long lru_gen_age(void)
{
	unsigned long flags, promoted;

	if (lru_policy != &lru_gen_policy)
		return 0;
	spin_lock_irqsave(&mm_list_lock, flags);
	spin_lock(&lru_lock);		/* interrupts are already masked */
	promoted = inc_max_seq();
	spin_unlock(&lru_lock);
	spin_unlock_irqrestore(&mm_list_lock, flags);
	return promoted;
}

/*
 * A young page found at eviction: look at the PTEs around it too (they are
 * in the same cache lines), promote the young ones with one flush, and if
 * the table is worth it, put it in the filter the next aging reads
 * (Linux: lru_gen_look_around). The page's own flag was cleared by the caller.
 */
static void look_around(struct page *page, pte_t *ptep)
{
	unsigned long addr = page->index;
	unsigned long start = addr & ~(LOOK_AROUND_PTES * PAGE_SIZE - 1);
	pte_t *table = ptep - pte_index(addr);
	unsigned int total = 0, young;

	young = walk_pte_range(page->mapping, table, start, start + LOOK_AROUND_PTES * PAGE_SIZE,
			       lru_gen_from_seq(lrugen.max_seq), &total);
	lrugen.missed += young++;		/* young neighbours, then the page itself */
	if (suitable_to_scan(total, young))
		bloom_set(lrugen.max_seq, __pa(table));
}

/*
 * Time to age before evicting more (Linux: should_run_aging)? When only
 * MIN_NR_GENS generations are left: eviction should have an old generation
 * the last walk found unused, not just the two youngest.
 * Linux (6.1) also ages early when the pages are badly spread (youngest
 * generation over half of them, oldest under a quarter); at this scale that
 * made aging run right after a walk that had promoted most pages, which
 * cleared their access flags again and folded everything into one
 * generation, so it is left out.
 */
static bool should_run_aging(void)
{
	return nr_gens() <= MIN_NR_GENS;
}

/*
 * The second look at a page from the oldest generation (Linux: sort_folio
 * and the folio_referenced check of shrink_folio_list). True if kept.
 */
static bool sort_page(struct page *page, int tier_idx)
{
	int tier = page_lru_refs(page);

	if (page_referenced(page)) {		/* used since the walk (or the walk skipped its table) */
		pte_t *ptep = page_pte(page);

		gen_move(page, lru_gen_from_seq(lrugen.max_seq), false);
		lru_stat.rotated++;
		lrugen.missed++;
		if (ptep)
			look_around(page, ptep);
		return true;
	}
	if (tier > tier_idx) {			/* its tier refaults too often: keep it a while */
		gen_move(page, lru_gen_from_seq(lrugen.min_seq + 1), true);
		lrugen.protected[tier]++;
		lru_stat.protected++;
		return true;
	}
	return false;
}

/* ---- struct lru_policy ---------------------------------------------------- */

/* Back to the boot state (four empty generations). The LRU must be empty. */
static void lru_gen_init(void)
{
	unsigned long flags;

	spin_lock_irqsave(&lru_lock, flags);
	for (int g = 0; g < MAX_NR_GENS; g++) {
		WARN_ON(!list_empty(&lrugen.lists[g]));
		INIT_LIST_HEAD(&lrugen.lists[g]);
	}
	lrugen.min_seq = 0;
	lrugen.max_seq = MIN_NR_GENS + 1;
	for (int g = 0; g < MAX_NR_GENS; g++) {
		lrugen.nr_pages[g] = 0;
		lrugen.timestamps[g] = jiffies;
	}
	for (int t = 0; t < MAX_NR_TIERS; t++) {
		lrugen.refaulted[t] = lrugen.evicted[t] = lrugen.protected[t] = 0;
		lrugen.avg_refaulted[t] = lrugen.avg_total[t] = 0;
	}
	for (int f = 0; f < NR_BLOOM_FILTERS; f++) {
		for (int i = 0; i < BLOOM_WORDS; i++)
			lrugen.filters[f][i] = 0;
		lrugen.filter_ready[f] = false;
	}
	lrugen.tables_walked = lrugen.tables_skipped = lrugen.ptes_scanned = lrugen.ptes_young = 0;
	lrugen.missed = lrugen.last_promoted = lrugen.full_walks = 0;
	spin_unlock_irqrestore(&lru_lock, flags);
}

/*
 * New pages and refaults enter the youngest generation. A recent refault
 * raises the page's tier (refs + 1, from the shadow); an old one resets it
 * (Linux: lru_gen_add_folio, lru_gen_refault).
 */
static void lru_gen_add(struct page *page, bool refault, unsigned long shadow)
{
	unsigned long flags;
	int refs = 0;

	spin_lock_irqsave(&lru_lock, flags);
	if (refault) {
		lru_stat.refaulted++;
		if (shadow & 1) {
			int tier = (int)(shadow >> SHADOW_TIER_SHIFT) & (MAX_NR_TIERS - 1);
			unsigned long seq = (shadow >> SHADOW_SEQ_SHIFT) & SHADOW_SEQ_MASK;

			lru_stat.refault_tier[tier]++;
			if (((lrugen.min_seq - seq) & SHADOW_SEQ_MASK) < MAX_NR_GENS) {
				lrugen.refaulted[tier]++;
				lru_stat.workingset++;
				refs = min(tier + 1, MAX_NR_TIERS - 1);
			}
		}
	}
	set_page_lru_refs(page, refs);
	gen_add(page, lru_gen_from_seq(lrugen.max_seq), false);
	lru_stat.added++;
	spin_unlock_irqrestore(&lru_lock, flags);
}

static void lru_gen_del(struct page *page)
{
	unsigned long flags;

	spin_lock_irqsave(&lru_lock, flags);
	if (PageLRU(page)) {
		gen_del(page);
		clear_page_lru_state(page);
		lru_stat.deleted++;
	}
	spin_unlock_irqrestore(&lru_lock, flags);
}

/*
 * Evict from the oldest generation (Linux: evict_folios -> scan_folios ->
 * sort_folio / isolate_folio). Ages first whenever only MIN_NR_GENS
 * generations are left. If protection keeps everything (every page scanned
 * twice without a victim), it is dropped for the rest of the call.
 */
static unsigned long lru_gen_isolate(unsigned long nr, struct list_head *victims, unsigned long *scanned)
{
	unsigned long flags, isolated = 0, budget;
	int tier_idx, agings = 0;

	*scanned = 0;
	spin_lock_irqsave(&lru_lock, flags);
	tier_idx = get_tier_idx();
	budget = 2 * lru_gen_total() + nr;
	while (isolated < nr && lru_gen_total()) {
		struct page *page;

		if (*scanned >= budget) {
			if (tier_idx == MAX_NR_TIERS - 1)
				break;
			tier_idx = MAX_NR_TIERS - 1;
			budget = *scanned + 2 * lru_gen_total() + nr;
		}
		try_to_inc_min_seq();
		/*
		 * Age at most once per call (then evict from the older of two
		 * generations), unless the oldest list is empty: a second walk
		 * right after the first would only find the pages the first one
		 * just cleared, and fold everything into one generation.
		 */
		if ((!agings && should_run_aging()) ||
		    list_empty(&lrugen.lists[lru_gen_from_seq(lrugen.min_seq)])) {
			if (agings++ > MAX_NR_GENS)
				break;
			spin_unlock_irqrestore(&lru_lock, flags);
			lru_gen_age();
			spin_lock_irqsave(&lru_lock, flags);
			continue;
		}
		page = list_last_entry(&lrugen.lists[lru_gen_from_seq(lrugen.min_seq)], struct page, lru);
		(*scanned)++;
		lru_stat.scanned++;
		if (sort_page(page, tier_idx))
			continue;
		gen_del(page);
		list_add_tail(&page->lru, victims);
		isolated++;
		lru_stat.isolated++;
	}
	spin_unlock_irqrestore(&lru_lock, flags);
	return isolated;
}

static void lru_gen_putback(struct page *page)
{
	unsigned long flags;

	spin_lock_irqsave(&lru_lock, flags);
	gen_add(page, lru_gen_from_seq(lrugen.max_seq), false);
	lru_stat.putback++;
	spin_unlock_irqrestore(&lru_lock, flags);
}

/* (min_seq, tier) of a page being evicted now; counts it for its tier (Linux: lru_gen_eviction). */
static unsigned long lru_gen_shadow(struct page *page)
{
	unsigned long flags, shadow;
	int tier = page_lru_refs(page);

	spin_lock_irqsave(&lru_lock, flags);
	lrugen.evicted[tier]++;
	lru_stat.evicted++;
	shadow = 1 | ((unsigned long)tier << SHADOW_TIER_SHIFT) |
		 ((lrugen.min_seq & SHADOW_SEQ_MASK) << SHADOW_SEQ_SHIFT);
	spin_unlock_irqrestore(&lru_lock, flags);
	return shadow;
}

static unsigned long lru_gen_nr_pages(void)
{
	unsigned long flags, n;

	spin_lock_irqsave(&lru_lock, flags);
	n = lru_gen_total();
	spin_unlock_irqrestore(&lru_lock, flags);
	return n;
}

/*
 * Like /sys/kernel/debug/lru_gen: per generation its seq, age in ms and
 * pages (anon, file), oldest first; then (ours) the tiers' feedback and
 * what the walks and the Bloom filter did.
 */
static void lru_gen_show(void)
{
	struct lru_gen_struct s;
	unsigned long flags, now = jiffies, bits = 0;
	int tier_idx;

	spin_lock_irqsave(&lru_lock, flags);
	s = lrugen;
	tier_idx = get_tier_idx();
	spin_unlock_irqrestore(&lru_lock, flags);

	printk("memcg %5u %s\n", 0U, "/");
	printk(" node %5d\n", 0);
	for (unsigned long seq = s.min_seq; seq <= s.max_seq; seq++) {
		int gen = lru_gen_from_seq(seq);

		printk(" %10lu %10lu %10lu  %10lu \n", seq, (now - s.timestamps[gen]) * 1000 / HZ,
		       s.nr_pages[gen], 0UL);
	}
	printk("  tier  refaulted    evicted  protected    (averages: refaulted / total)\n");
	for (int t = 0; t < MAX_NR_TIERS; t++)
		printk("  %4d %10lu %10lu %10lu    %lu / %lu%s\n", t, s.refaulted[t], s.evicted[t],
		       s.protected[t], s.avg_refaulted[t], s.avg_total[t],
		       t > tier_idx ? "  protected" : "");
	bits = bitmap_weight(s.filters[s.max_seq % NR_BLOOM_FILTERS], 1 << BLOOM_FILTER_SHIFT);
	printk("  aging walks: %lu PTE tables walked, %lu skipped by the Bloom filter (%lu of %d bits set),"
	       " %lu full walks\n", s.tables_walked, s.tables_skipped, bits, 1 << BLOOM_FILTER_SHIFT, s.full_walks);
	printk("  PTEs: %lu scanned, %lu young\n", s.ptes_scanned, s.ptes_young);
}

/* Read-only views for the self-tests (mm/lru.h). */
bool lru_gen_read_seqs(struct lru_gen_seqs *s)
{
	unsigned long flags;

	if (lru_policy != &lru_gen_policy)
		return false;
	spin_lock_irqsave(&lru_lock, flags);
	s->min_seq = lrugen.min_seq;
	s->max_seq = lrugen.max_seq;
	s->nr_youngest = lrugen.nr_pages[lru_gen_from_seq(lrugen.max_seq)];
	spin_unlock_irqrestore(&lru_lock, flags);
	return true;
}

unsigned long lru_gen_page_seq(const struct page *page)
{
	unsigned long flags, seq = ~0UL;
	int gen;

	spin_lock_irqsave(&lru_lock, flags);
	gen = PageLRU(page) ? page_lru_gen(page) : -1;
	if (gen >= 0)	/* the seq in min_seq..max_seq whose generation is gen */
		seq = lrugen.min_seq + (unsigned long)((gen - lru_gen_from_seq(lrugen.min_seq) + MAX_NR_GENS) %
						       MAX_NR_GENS);
	spin_unlock_irqrestore(&lru_lock, flags);
	return seq;
}

const struct lru_policy lru_gen_policy = {
	.name = "gen",
	.init = lru_gen_init,
	.add = lru_gen_add,
	.del = lru_gen_del,
	.isolate = lru_gen_isolate,
	.putback = lru_gen_putback,
	.shadow = lru_gen_shadow,
	.show = lru_gen_show,
	.nr_pages = lru_gen_nr_pages,
};
