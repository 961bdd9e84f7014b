/*
 * The LRU of anonymous pages: which policy runs, the hooks the fault, exec
 * and unmap paths call, the lock and the counters the three policies share
 * (Linux: mm/swap.c folio_add_lru, mm/rmap.c folio_remove_rmap_pte,
 * mm/vmscan.c for the counters; the policy choice is ours, Linux picks
 * between MGLRU and the two-list LRU with CONFIG_LRU_GEN / lru_gen/enabled).
 *
 *   lru=gen      mm/lru_gen.c      generations aged by page-table walks (default)
 *   lru=classic  mm/lru_classic.c  active/inactive lists, second chance
 *   lru=clock    mm/lru_clock.c    one ring and a hand (second chance)
 *
 * The policies keep their state behind lru_lock; see mm/lru.h for the rules.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/shell.h>
#include <linux/swap.h>
#include <string.h>
#include "lru.h"

DEFINE_SPINLOCK(lru_lock);
struct lru_stat lru_stat;
const struct lru_policy *lru_policy = &lru_gen_policy;

static const struct lru_policy *const lru_policies[] = {
	&lru_gen_policy, &lru_classic_policy, &lru_clock_policy,
};

const struct lru_policy *lru_policy_find(const char *name)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(lru_policies); i++)
		if (name && !strcmp(name, lru_policies[i]->name))
			return lru_policies[i];
	return NULL;
}

/* lru=gen|classic|clock. Runs before any user page exists. */
static int __init parse_lru(const char *val)
{
	const struct lru_policy *p = lru_policy_find(val);

	if (!p)
		return -1;
	lru_policy = p;
	return 0;
}
__setup("lru", parse_lru);

int lru_set_policy(const char *name)
{
	const struct lru_policy *p = lru_policy_find(name);

	if (!p)
		return -EINVAL;
	if (lru_policy->nr_pages())
		return -EBUSY;
	lru_policy = p;
	p->init();
	lru_stat_reset();
	return 0;
}

void lru_stat_reset(void)
{
	unsigned long flags;

	spin_lock_irqsave(&lru_lock, flags);
	memset(&lru_stat, 0, sizeof(lru_stat));
	spin_unlock_irqrestore(&lru_lock, flags);
}

/*
 * A new anonymous page, mapped (or about to be) at addr of mm. The caller
 * holds the only reference; the PTE may not be written yet, which is fine:
 * no policy looks at it before the page has aged. Takes lru_lock.
 */
void lru_add_new_anon(struct page *page, struct mm_struct *mm, unsigned long addr)
{
	if (!page->mapping) {
		page->mapping = mm;
		page->index = addr & PAGE_MASK;
	}
	lru_policy->add(page, false, 0);
}

void lru_add_refault(struct page *page, struct mm_struct *mm, unsigned long addr,
		     unsigned long shadow)
{
	if (!page->mapping) {
		page->mapping = mm;
		page->index = addr & PAGE_MASK;
	}
	lru_policy->add(page, true, shadow);
}

/*
 * Its PTE is being cleared (munmap, exit). With the last mapping gone
 * (page_mapcount back to 0) the page leaves the LRU and the reverse map; the
 * caller then frees it. If reclaim has it isolated at this moment (PG_lru
 * clear), only the reverse map is cleared: reclaim sees mapping == NULL and
 * must not evict it. Takes lru_lock.
 */
void page_remove_anon(struct page *page)
{
	if (!atomic_add_negative(-1, &page->_mapcount))
		return;			/* still mapped elsewhere (Linux: page_remove_rmap) */
	if (PageLRU(page))
		lru_policy->del(page);	/* re-checks PG_lru under the lock */
	page->mapping = NULL;
}

void lru_stat_show(void)
{
	struct lru_stat s;
	unsigned long flags;

	spin_lock_irqsave(&lru_lock, flags);
	s = lru_stat;
	spin_unlock_irqrestore(&lru_lock, flags);

	printk("lru_added %lu\n", s.added);
	printk("lru_deleted %lu\n", s.deleted);
	printk("lru_scanned %lu\n", s.scanned);
	printk("lru_isolated %lu\n", s.isolated);
	printk("lru_putback %lu\n", s.putback);
	printk("lru_evicted %lu\n", s.evicted);
	printk("lru_rotated %lu\n", s.rotated);
	printk("pgactivate %lu\n", s.activated);
	printk("pgdeactivate %lu\n", s.deactivated);
	printk("lru_protected %lu\n", s.protected);
	printk("lru_aging %lu\n", s.aging);
	printk("lru_tlb_flushes %lu\n", s.tlb_flushes);
	printk("workingset_refault_anon %lu\n", s.refaulted);
	printk("workingset_activate_anon %lu\n", s.workingset);
	for (int t = 0; t < MAX_NR_TIERS; t++)
		printk("workingset_refault_tier%d %lu\n", t, s.refault_tier[t]);
}

/*
 * lru_gen               the policy's lists (lru_gen: like /sys/kernel/debug/lru_gen)
 * lru_gen age           one aging pass (lru_gen: inc_max_seq)
 * lru_gen evict N       reclaim N pages now (mm/vmscan.c shrink_anon)
 */
static int cmd_lru_gen(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "age")) {
		if (lru_policy != &lru_gen_policy) {
			printk("lru_gen: aging by generations needs lru=gen (running lru=%s)\n",
			       lru_policy->name);
			return -1;
		}
		printk("aging: %lu pages promoted\n", lru_gen_age());
	} else if (argc > 1 && !strcmp(argv[1], "evict")) {
		unsigned long nr;

		if (argc < 3 || !shell_parse_ulong("lru_gen", "N", argv[2], &nr))
			return -1;
		printk("evict: %lu pages reclaimed\n", shrink_anon(nr, false));
	} else if (argc > 1) {
		printk("usage: lru_gen [age | evict N]\n");
		return -1;
	}
	lru_policy->show();
	lru_stat_show();
	return 0;
}
shell_command("lru_gen", "lru_gen [age | evict N]",
	      "LRU generations like /sys/kernel/debug/lru_gen, and the LRU counters", cmd_lru_gen);
