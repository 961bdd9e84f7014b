/*
 * What the LRU policies (mm/lru.c, mm/lru_gen.c, mm/lru_classic.c,
 * mm/lru_clock.c) share: the one LRU lock, the counters all three feed, and
 * the page-flag helpers (Linux: mm/mm_inline.h, include/linux/mmzone.h).
 * The public contract is include/linux/swap.h; this header is for the
 * policies, their tests and tools, and reclaim code that wants the counters.
 *
 * Locking. Every policy operation in struct lru_policy takes lru_lock itself
 * (with interrupts masked): call them with no LRU lock held. lru_gen aging
 * also takes mm_list_lock (mm/mmap.c), always BEFORE lru_lock, so do not call
 * policy->isolate() or lru_gen_age() while holding mm_list_lock. The policies
 * never take mm->page_table_lock: they change live PTEs only by atomic
 * test-and-clear of the access flag, and a PTE table cannot be freed while a
 * page it maps is on an LRU list (the owner calls page_remove_anon() first).
 */
#ifndef _MM_LRU_H
#define _MM_LRU_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/page-flags.h>
#include <linux/swap.h>

#define MAX_NR_TIERS	4	/* lru_gen refault tiers; the others use tier 0 only */

extern spinlock_t lru_lock;

/*
 * Counters every policy feeds with the same meaning, so that the three can
 * be compared side by side (the `lru_gen` shell command, tests, lru-replay).
 * Invariant (checked by the host tests):
 *   policy->nr_pages() == added - deleted - isolated + putback
 */
struct lru_stat {
	unsigned long added;		/* pages put on the LRU by policy->add (new and refaulted) */
	unsigned long refaulted;	/* of those, back from swap (Linux: workingset_refault_anon) */
	unsigned long refault_tier[MAX_NR_TIERS];	/* refaults by the tier they were evicted from */
	unsigned long workingset;	/* refaults judged recent and protected (workingset_activate_anon) */
	unsigned long deleted;		/* taken off by page_remove_anon (unmap, exit) */
	unsigned long scanned;		/* pages isolate() examined (Linux: pgscan) */
	unsigned long isolated;		/* pages isolate() handed to reclaim */
	unsigned long putback;		/* isolated pages that came back (reclaim failed) */
	unsigned long evicted;		/* policy->shadow() calls: pages really evicted */
	unsigned long rotated;		/* seen referenced by isolate and kept (second chance) */
	unsigned long activated;	/* classic: to the active list; gen: promoted by aging (pgactivate) */
	unsigned long deactivated;	/* classic: active -> inactive (pgdeactivate) */
	unsigned long protected;	/* gen: kept in the LRU by refault feedback (tier protection) */
	unsigned long aging;		/* gen: inc_max_seq; classic: shrink_active_list; clock: hand laps */
	unsigned long tlb_flushes;	/* TLB invalidations issued to clear access flags (rmap included) */
};
extern struct lru_stat lru_stat;

/* Zero the counters (tests, lru-replay, switching policy). */
void lru_stat_reset(void);
/* Print the counters as "name value" lines, after the policy's own show(). */
void lru_stat_show(void);

/* The policy registered under name ("gen", "classic", "clock"), or NULL. */
const struct lru_policy *lru_policy_find(const char *name);
/*
 * Make name the policy and reset it (policy->init) and the counters. Only
 * while no page is on the LRU: 0, -EINVAL (unknown name) or -EBUSY.
 */
int lru_set_policy(const char *name);

/*
 * A page back from swap, mapped at addr of mm: sets page->mapping/index if
 * unset and calls policy->add(page, true, shadow). (mm/swap_state.c may
 * call policy->add directly after setting the reverse map; same thing.)
 */
void lru_add_refault(struct page *page, struct mm_struct *mm, unsigned long addr,
		     unsigned long shadow);

/*
 * lru_gen only: one aging pass now (inc_max_seq: a new youngest generation,
 * page tables of every mm on mm_list walked, young pages promoted into it).
 * Takes mm_list_lock then lru_lock. Returns the pages promoted; 0 and no
 * effect under another policy. Linux: writing "+ memcg node seq" to
 * /sys/kernel/debug/lru_gen, or kswapd's lru_gen_age_node.
 */
unsigned long lru_gen_age(void);

/*
 * lru_gen only, read-only, for the self-tests (mm/reclaim_test.c): the
 * oldest and youngest sequence numbers now and the pages in the youngest
 * generation; false (and *s untouched) under another policy. Takes lru_lock.
 */
struct lru_gen_seqs {
	unsigned long min_seq, max_seq;
	unsigned long nr_youngest;	/* pages in generation max_seq */
};
bool lru_gen_read_seqs(struct lru_gen_seqs *s);
/*
 * The sequence number (min_seq..max_seq) of the generation the page is in,
 * or ~0UL if it is on no lru_gen list. Takes lru_lock.
 */
unsigned long lru_gen_page_seq(const struct page *page);

/* Shadow values fit in LRU_SHADOW_BITS bits (a swap entry's offset can hold one). */
#define LRU_SHADOW_BITS	48

/* ---- page flags (Linux: folio_lru_gen, folio_lru_refs in mm_inline.h) ---- */

/* The page's generation (seq % MAX_NR_GENS), or -1 if it is not on lru_gen. */
static inline int page_lru_gen(const struct page *page)
{
	return (int)((page->flags & LRU_GEN_MASK) >> LRU_GEN_SHIFT) - 1;
}

static inline void set_page_lru_gen(struct page *page, int gen)
{
	page->flags = (page->flags & ~LRU_GEN_MASK) | ((unsigned long)(gen + 1) << LRU_GEN_SHIFT);
}

/* lru_gen's refault count (0..3): the page's tier. */
static inline int page_lru_refs(const struct page *page)
{
	return (int)((page->flags & LRU_REFS_MASK) >> LRU_REFS_SHIFT);
}

static inline void set_page_lru_refs(struct page *page, int refs)
{
	page->flags = (page->flags & ~LRU_REFS_MASK) | ((unsigned long)refs << LRU_REFS_SHIFT);
}

/* Clear every LRU bit a policy may have left (not PG_lru's owner check: callers do that). */
static inline void clear_page_lru_state(struct page *page)
{
	page->flags &= ~(LRU_GEN_MASK | LRU_REFS_MASK | (1UL << PG_lru) | (1UL << PG_active) |
			 (1UL << PG_referenced));
}

static inline bool TestClearPageReferenced(struct page *page)
{
	bool was = PageReferenced(page);

	ClearPageReferenced(page);
	return was;
}

#endif
