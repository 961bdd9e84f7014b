/*
 * Self-test suites for reclaim, sized from the machine they run on:
 *   lru_gen        -- pages join the LRU and leave it on exit; the counters
 *                     add up; with lru=gen (the cases skip under another
 *                     policy): pages enter the youngest generation, aging
 *                     moves max_seq, eviction takes from the oldest
 *   reclaim        -- a workload bigger than RAM: kswapd wakes, pages go to
 *                     zram and come back; the counters move
 *   swap_integrity -- two workloads bigger than RAM together (smaller than
 *                     RAM + swap) verify every page; afterwards every page and
 *                     swap slot is back; a corrupted slot is caught
 *   oom            -- bigger than RAM + swap: exactly the intended victims die
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/mmzone.h>
#include <linux/oom.h>
#include <linux/pgtable.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/selftest.h>
#include <linux/swap.h>
#include <linux/vmstat.h>
#include <linux/zram.h>
#include <asm/cacheflush.h>
#include <asm/mmu_context.h>
#include <asm/tlbflush.h>
#include <uapi/signal.h>
#include <uapi/wait.h>
#include <string.h>
#include "lru.h"

#define MIB_PAGES	(1UL << (20 - PAGE_SHIFT))

/* Damage every compressed slot that holds a page of task pid; returns how many. */
static int corrupt_task_slots(int pid)
{
	struct task_struct *t = find_task_by_pid(pid);
	struct vm_area_struct *vma;
	int n = 0;

	if (!t || !t->mm)
		return 0;
	list_for_each_entry(vma, &t->mm->mmap, vm_list) {
		for (unsigned long a = vma->vm_start; a < vma->vm_end; a += PAGE_SIZE) {
			pte_t *ptep = pte_lookup(t->mm->pgd, a);

			if (ptep && is_swap_pte(*ptep) && zram_corrupt_slot(swp_offset(pte_to_swp_entry(*ptep))) == 0)
				n++;
		}
	}
	return n;
}

static unsigned long free_mib(void)
{
	return selftest_free_pages() / MIB_PAGES;
}

static unsigned long swap_mib(void)
{
	return (zram_nr_slots() - zram_slots_used()) / MIB_PAGES;
}

static int spawn(const char *a0, const char *a1, const char *a2, const char *a3, const char *a4,
		 const char *a5)
{
	char *argv[7] = { (char *)a0, (char *)a1, (char *)a2, (char *)a3, (char *)a4, (char *)a5, NULL };
	int argc = 0;

	while (argc < 6 && argv[argc])
		argc++;
	return spawn_user(a0, argc, argv, current);
}

static int wait_status(int pid)
{
	int status = -1;

	if (pid < 0 || kernel_wait(pid, &status) != pid)
		return -1;
	return status;
}

/* ---- lru_gen ------------------------------------------------------------ */

#define MEMHOG_WAIT_MS	30000	/* a bound for writing a few MiB, not a delay: we poll */
#define NR_EVICT	32	/* pages test_eviction_takes_oldest isolates */
#define SNAP_ORDER	4	/* its snapshot of the LRU: 64 KiB */

/*
 * Wait until memhog pid reports pass `pass` of `passes` written (it prints
 * that once every page is written, then sleeps): poll the log every 10 ms
 * for at most MEMHOG_WAIT_MS. On timeout say so and return false.
 */
static bool wait_memhog_pass(struct kunit *test, unsigned long head, int pid, int pass, int passes)
{
	char needle[48];

	snprintf(needle, sizeof(needle), "memhog[%d]: pass %d/%d: ", pid, pass, passes);
	for (unsigned int waited = 0; !log_contains(head, needle); waited += 10) {
		if (waited >= MEMHOG_WAIT_MS) {
			printk("        # %s: no \"%s\" in the log after %u ms\n", test->name, needle, waited);
			return false;
		}
		msleep(10);
	}
	return true;
}

/* End a workload the case gave up waiting for, and reap it. */
static void stop(int pid)
{
	kill_task(pid);
	wait_status(pid);
}

/*
 * Small tasks hold their memory until the gate, a task
 * that is never chosen (oom_score_adj -1000), ends: memhog hold=GATE. A
 * timed sleep would end on its own on a slow machine before the big one
 * has filled memory (on an emulated Pi 4 it did), and the case would
 * test nothing.
 */
static int spawn_gate(void)
{
	return spawn("memhog", "1", "adj=-1000", "sleep=3600000", NULL, NULL);
}

/* A small memhog of 8 MiB, 2 passes, held by gate; ready when pass 1 is written. */
static int spawn_held(struct kunit *test, unsigned long head, int gate, const char *adj)
{
	char hold[24];
	int pid;

	snprintf(hold, sizeof(hold), "hold=%d", gate);
	pid = adj ? spawn("memhog", "8", "2", adj, hold, NULL) : spawn("memhog", "8", "2", hold, NULL, NULL);
	if (pid > 0 && !KUNIT_EXPECT_TRUE(test, wait_memhog_pass(test, head, pid, 1, 2))) {
		stop(pid);
		return -1;
	}
	return pid;
}

/*
 * Call fn on every page of mm that is on the LRU and mapped where its
 * reverse map says (as lru_gen's aging walk finds them), with its PTE.
 */
static void for_each_lru_page(struct mm_struct *mm, void (*fn)(struct page *page, pte_t *ptep, void *arg),
			      void *arg)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list) {
		for (unsigned long a = vma->vm_start; a < vma->vm_end; a += PAGE_SIZE) {
			pte_t *ptep = pte_lookup(mm->pgd, a);
			struct page *page;

			if (!ptep || !pte_present(*ptep) || pte_special(*ptep) || !pfn_valid(pte_pfn(*ptep)))
				continue;
			page = pfn_to_page(pte_pfn(*ptep));
			if (PageLRU(page) && page->mapping == mm && page->index == a)
				fn(page, ptep, arg);
		}
	}
}

struct seq_tally {
	unsigned long seq, pages, in_seq;
};

static void tally_seq(struct page *page, pte_t *ptep, void *arg)
{
	struct seq_tally *t = arg;

	t->pages++;
	t->in_seq += lru_gen_page_seq(page) == t->seq;
}

/* How many of task pid's LRU pages are in generation seq; *pages: of how many. */
static unsigned long pages_in_seq(int pid, unsigned long seq, unsigned long *pages)
{
	struct task_struct *t = find_task_by_pid(pid);
	struct seq_tally tally = { .seq = seq };

	if (t && t->mm)
		for_each_lru_page(t->mm, tally_seq, &tally);
	*pages = tally.pages;
	return tally.in_seq;
}

/* Pages a task faults in join the LRU (any policy), and leave it when the task exits. */
static void test_new_pages_enter_lru(struct kunit *test)
{
	unsigned long before = lru_policy->nr_pages(), head = log_buf_head();
	int pid = spawn("memhog", "4", "sleep=5000", NULL, NULL, NULL);

	KUNIT_ASSERT_TRUE(test, pid > 0);
	if (!KUNIT_EXPECT_TRUE(test, wait_memhog_pass(test, head, pid, 1, 1))) {
		stop(pid);
		return;
	}
	/* memhog has touched its pages and sleeps */
	KUNIT_EXPECT_GE(test, lru_policy->nr_pages(), before + 4 * MIB_PAGES);
	lru_policy->show();
	KUNIT_EXPECT_EQ(test, wait_status(pid), 0);
	KUNIT_EXPECT_LE(test, lru_policy->nr_pages(), before + 16);
}

/*
 * A 4 MiB memhog that has written its pages and sleeps (1 s) holding them:
 * its pid, or -1 (reported, memhog stopped) if it never got that far.
 */
static int start_idle_memhog(struct kunit *test, unsigned long head)
{
	int pid = spawn("memhog", "4", "sleep=1000", NULL, NULL, NULL);

	KUNIT_EXPECT_TRUE(test, pid > 0);
	if (pid <= 0)
		return -1;
	if (!KUNIT_EXPECT_TRUE(test, wait_memhog_pass(test, head, pid, 1, 1))) {
		stop(pid);
		return -1;
	}
	return pid;
}

/* Every page a new task faults in goes into the youngest generation, max_seq. */
static void test_new_pages_enter_youngest(struct kunit *test)
{
	unsigned long head = log_buf_head(), pages, young;
	struct lru_gen_seqs s0, s1;
	int pid;

	if (!lru_gen_read_seqs(&s0))
		kunit_skip(test, "lru=%s has no generations (the default lru=gen has)", lru_policy->name);
	pid = start_idle_memhog(test, head);
	if (pid < 0)
		return;
	lru_gen_read_seqs(&s1);
	young = pages_in_seq(pid, s1.max_seq, &pages);
	printk("        # memhog[%d]: %lu of its %lu LRU pages in generation %lu (max_seq)\n", pid, young,
	       pages, s1.max_seq);
	KUNIT_EXPECT_EQ(test, s1.max_seq, s0.max_seq);		/* no aging since: max_seq is where they went */
	KUNIT_EXPECT_GE(test, pages, 4 * MIB_PAGES);
	KUNIT_EXPECT_EQ(test, young, pages);
	KUNIT_EXPECT_GE(test, s1.nr_youngest, s0.nr_youngest + pages);
	KUNIT_EXPECT_EQ(test, wait_status(pid), 0);
}

/*
 * Aging (lru_gen_age, inc_max_seq) opens a new, empty youngest generation:
 * max_seq + 1. Pages nobody touched stay in their generation, which is now
 * one further behind max_seq; no page is added or lost.
 */
static void test_aging_moves_max_seq(struct kunit *test)
{
	unsigned long head = log_buf_head(), pages, in_seq, total, aging0;
	struct lru_gen_seqs s0, s1, s2;
	int pid;

	if (!lru_gen_read_seqs(&s0))
		kunit_skip(test, "lru=%s has no generations (the default lru=gen has)", lru_policy->name);
	pid = start_idle_memhog(test, head);
	if (pid < 0)
		return;
	/* memhog sleeps from now on: its pages are idle. */
	lru_gen_read_seqs(&s0);
	in_seq = pages_in_seq(pid, s0.max_seq, &pages);
	KUNIT_EXPECT_GE(test, pages, 4 * MIB_PAGES);
	KUNIT_EXPECT_EQ(test, in_seq, pages);
	total = lru_policy->nr_pages();
	aging0 = lru_stat.aging;

	lru_gen_age();
	lru_gen_read_seqs(&s1);
	in_seq = pages_in_seq(pid, s0.max_seq, &pages);
	printk("        # aged: min_seq %lu -> %lu, max_seq %lu -> %lu; memhog[%d]: %lu of %lu pages in %lu\n",
	       s0.min_seq, s1.min_seq, s0.max_seq, s1.max_seq, pid, in_seq, pages, s0.max_seq);
	KUNIT_EXPECT_EQ(test, s1.max_seq, s0.max_seq + 1);
	KUNIT_EXPECT_EQ(test, s1.nr_youngest, 0);		/* new, and nothing faulted since */
	KUNIT_EXPECT_GE(test, s1.min_seq, s0.min_seq);
	KUNIT_EXPECT_EQ(test, in_seq, pages);

	lru_gen_age();
	lru_gen_read_seqs(&s2);
	in_seq = pages_in_seq(pid, s0.max_seq, &pages);
	printk("        # aged: min_seq %lu, max_seq %lu; memhog[%d]: %lu of %lu pages in %lu\n", s2.min_seq,
	       s2.max_seq, pid, in_seq, pages, s0.max_seq);
	KUNIT_EXPECT_EQ(test, s2.max_seq, s0.max_seq + 2);
	KUNIT_EXPECT_EQ(test, s2.nr_youngest, 0);
	KUNIT_EXPECT_EQ(test, in_seq, pages);			/* idle: now two generations behind */
	KUNIT_EXPECT_EQ(test, lru_stat.aging, aging0 + 2);
	KUNIT_EXPECT_EQ(test, lru_policy->nr_pages(), total);
	KUNIT_EXPECT_EQ(test, wait_status(pid), 0);
}

/* One LRU page and the generation it was in before isolate() ran. */
struct lru_snap_entry {
	struct page *page;
	unsigned long seq;
	bool victim;
};

struct lru_snap {
	struct lru_snap_entry *e;
	unsigned long n, max;
	bool overflow;
};

static void snap_page(struct page *page, pte_t *ptep, void *arg)
{
	struct lru_snap *s = arg;

	if (s->n == s->max) {
		s->overflow = true;
		return;
	}
	s->e[s->n++] = (struct lru_snap_entry){ .page = page, .seq = lru_gen_page_seq(page) };
}

static void clear_young(struct page *page, pte_t *ptep, void *arg)
{
	ptep_test_and_clear_young(ptep);
}

static struct lru_snap_entry *snap_find(struct lru_snap *s, struct page *page)
{
	for (unsigned long i = 0; i < s->n; i++)
		if (s->e[i].page == page)
			return &s->e[i];
	return NULL;
}

/*
 * Eviction (policy->isolate, as reclaim calls it) takes pages from the
 * oldest generation: no page it takes is younger than a page it leaves in
 * place. (Pages it finds used since aging, or whose tier is protected, it
 * moves to a younger generation instead: those are neither.) A workload
 * idle through two agings provides old pages, a fresh one young pages,
 * which must all stay. The victims are put back, as reclaim does when it
 * cannot evict, and both workloads then verify their data.
 *
 * The old workload's access flags are cleared here, as an aging walk that
 * visited its page tables would: a walk visits only the tables its Bloom
 * filter lists, unless it judges the filter stale, and a new task's tables
 * are listed only once a walk or eviction's look-around found them young.
 * Otherwise its pages could still look used from their first fault, and
 * eviction would rightly move them to the youngest generation instead of
 * taking them.
 */
static void test_eviction_takes_oldest(struct kunit *test)
{
	unsigned long head = log_buf_head(), scanned = 0, isolated = 0, unknown = 0, young_taken = 0;
	unsigned long newest_victim = 0, oldest_left = ~0UL;
	struct page *buf, *page, *n;
	struct lru_snap snap = { 0 };
	struct lru_gen_seqs s;
	struct task_struct *t;
	struct mm_struct *young_mm;
	LIST_HEAD(victims);
	int old, young = -1;

	if (!lru_gen_read_seqs(&s))
		kunit_skip(test, "lru=%s has no generations (the default lru=gen has)", lru_policy->name);
	buf = alloc_pages(GFP_KERNEL, SNAP_ORDER);
	KUNIT_ASSERT_TRUE(test, buf != NULL);
	snap.e = page_address(buf);
	snap.max = (PAGE_SIZE << SNAP_ORDER) / sizeof(*snap.e);

	old = spawn("memhog", "2", "sleep=2000", NULL, NULL, NULL);
	if (!KUNIT_EXPECT_TRUE(test, old > 0 && wait_memhog_pass(test, head, old, 1, 1)))
		goto give_up;
	lru_gen_age();
	lru_gen_age();
	t = find_task_by_pid(old);
	if (!KUNIT_EXPECT_TRUE(test, t && t->mm))
		goto give_up;
	for_each_lru_page(t->mm, clear_young, NULL);
	flush_tlb_asid(mm_asid(t->mm));
	young = spawn("memhog", "2", "sleep=2000", NULL, NULL, NULL);
	if (!KUNIT_EXPECT_TRUE(test, young > 0 && wait_memhog_pass(test, head, young, 1, 1)))
		goto give_up;
	t = find_task_by_pid(young);
	young_mm = t ? t->mm : NULL;

	/* Every LRU page of every task, with its generation; then evict. */
	list_for_each_entry(t, &task_list, tasks)
		if (t->mm)
			for_each_lru_page(t->mm, snap_page, &snap);
	lru_gen_read_seqs(&s);
	if (!KUNIT_EXPECT_FALSE(test, snap.overflow))
		goto give_up;
	isolated = lru_policy->isolate(NR_EVICT, &victims, &scanned);

	list_for_each_entry(page, &victims, lru) {
		struct lru_snap_entry *e = snap_find(&snap, page);

		if (!e) {
			unknown++;
			continue;
		}
		e->victim = true;
		newest_victim = max(newest_victim, e->seq);
		young_taken += page->mapping == young_mm;
	}
	for (unsigned long i = 0; i < snap.n; i++)
		if (!snap.e[i].victim && lru_gen_page_seq(snap.e[i].page) == snap.e[i].seq)
			oldest_left = min(oldest_left, snap.e[i].seq);
	list_for_each_entry_safe(page, n, &victims, lru) {
		list_del_init(&page->lru);
		lru_policy->putback(page);
	}
	printk("        # generations %lu..%lu, %lu LRU pages seen (%lu on the LRU); isolated %lu of %lu scanned,"
	       " from generations up to %lu; pages left in place from generation %lu\n", s.min_seq, s.max_seq,
	       snap.n, lru_policy->nr_pages(), isolated, scanned, newest_victim, oldest_left);
	KUNIT_EXPECT_EQ(test, isolated, NR_EVICT);
	KUNIT_EXPECT_EQ(test, unknown, 0);			/* every victim was a page we saw */
	KUNIT_EXPECT_LE(test, newest_victim, oldest_left);	/* none younger than one left */
	KUNIT_EXPECT_EQ(test, young_taken, 0);
	KUNIT_EXPECT_EQ(test, wait_status(old), 0);
	KUNIT_EXPECT_EQ(test, wait_status(young), 0);
	__free_pages(buf, SNAP_ORDER);
	return;
give_up:
	if (old > 0)
		stop(old);
	if (young > 0)
		stop(young);
	__free_pages(buf, SNAP_ORDER);
}

static void test_invariant(struct kunit *test)
{
	struct lru_stat s = lru_stat;

	/* policy->nr_pages() == added - deleted - isolated + putback (mm/lru.h) */
	KUNIT_EXPECT_EQ(test, lru_policy->nr_pages(), s.added - s.deleted - s.isolated + s.putback);
	KUNIT_EXPECT_LE(test, s.isolated, s.scanned);
}

static struct kunit_case lru_gen_cases[] = {
	KUNIT_CASE(test_new_pages_enter_lru),
	KUNIT_CASE(test_new_pages_enter_youngest),
	KUNIT_CASE(test_aging_moves_max_seq),
	KUNIT_CASE(test_eviction_takes_oldest),
	KUNIT_CASE(test_invariant),
	{ NULL, NULL },
};
static struct kunit_suite lru_gen_suite = { .name = "lru_gen", .cases = lru_gen_cases };
selftest_suite(lru_gen_suite);

/* ---- reclaim -------------------------------------------------------------- */

static void test_bigger_than_ram(struct kunit *test)
{
	unsigned long free = selftest_free_pages(), mib = free_mib() + swap_mib() / 3;
	unsigned long out0 = vm_event(PSWPOUT), in0 = vm_event(PSWPIN), scan0 = vm_event(PGSCAN_KSWAPD);
	char arg[16];

	snprintf(arg, sizeof(arg), "%lu", mib);
	printk("        # free %lu MiB, swap %lu MiB: memhog %s MiB, 2 passes\n", free_mib(), swap_mib(), arg);
	KUNIT_EXPECT_EQ(test, wait_status(spawn("memhog", arg, "2", "text", NULL, NULL)), 0);
	printk("        # pswpout +%lu, pswpin +%lu, pgscan_kswapd +%lu\n", vm_event(PSWPOUT) - out0,
	       vm_event(PSWPIN) - in0, vm_event(PGSCAN_KSWAPD) - scan0);
	KUNIT_EXPECT_GT(test, vm_event(PSWPOUT), out0);
	KUNIT_EXPECT_GT(test, vm_event(PSWPIN), in0);
	KUNIT_EXPECT_GT(test, vm_event(PGSCAN_KSWAPD), scan0);	/* kswapd ran */
	KUNIT_EXPECT_EQ(test, selftest_free_pages(), free);
	KUNIT_EXPECT_EQ(test, zram_slots_used(), 0);
	zram_show_mm_stat();
}

static struct kunit_case reclaim_cases[] = {
	KUNIT_CASE(test_bigger_than_ram),
	{ NULL, NULL },
};
static struct kunit_suite reclaim_suite = { .name = "reclaim", .cases = reclaim_cases };
selftest_suite(reclaim_suite);

/* ---- swap_integrity ------------------------------------------------------ */

static void test_two_workloads_verify(struct kunit *test)
{
	/*
	 * Swapped data still costs RAM (its compressed copy, ~1/2 for these
	 * patterns), so RAM + swap/6 fits with room to spare.
	 */
	unsigned long free = selftest_free_pages(), total = free_mib() + swap_mib() / 6;
	char a[16], b[16];
	int p1, p2;

	/* Together more than RAM, less than RAM + swap: nothing may be lost. */
	snprintf(a, sizeof(a), "%lu", total / 2);
	snprintf(b, sizeof(b), "%lu", total - total / 2);
	p1 = spawn("memhog", a, "2", "text", NULL, NULL);
	p2 = spawn("memhog", b, "2", "binary", "brk", NULL);
	KUNIT_EXPECT_EQ(test, wait_status(p1), 0);
	KUNIT_EXPECT_EQ(test, wait_status(p2), 0);
	printk("        # free pages before %lu, after %lu; swap slots in use %lu\n", free,
	       selftest_free_pages(), zram_slots_used());
	KUNIT_EXPECT_EQ(test, selftest_free_pages(), free);
	KUNIT_EXPECT_EQ(test, zram_slots_used(), 0);
}

/* A damaged compressed object kills only its owner, with a report. */
static void test_corruption_caught(struct kunit *test)
{
	unsigned long head = log_buf_head(), mib = free_mib() + 8;
	char arg[16];
	int pid, status, corrupted = 0;
	char written[48];

	snprintf(arg, sizeof(arg), "%lu", mib);
	pid = spawn("memhog", arg, "2", "text", "sleep=20000", NULL);
	KUNIT_ASSERT_TRUE(test, pid > 0);
	/*
	 * Wait for the end of pass 1 (however long that takes at this memory
	 * size), when some of its pages are out and it sleeps; then damage them.
	 */
	snprintf(written, sizeof(written), "memhog[%d]: pass 1/2:", pid);
	while (!log_contains(head, written) && find_task_by_pid(pid) &&
	       find_task_by_pid(pid)->state != TASK_ZOMBIE)
		msleep(50);
	corrupted = corrupt_task_slots(pid);
	printk("        # corrupted %d compressed slots of memhog[%d]\n", corrupted, pid);
	status = wait_status(pid);
	KUNIT_EXPECT_GT(test, corrupted, 0);
	KUNIT_EXPECT_TRUE(test, WIFSIGNALED(status));
	KUNIT_EXPECT_EQ(test, WTERMSIG(status), SIGBUS);
	KUNIT_EXPECT_TRUE(test, log_contains(head, "data corrupt"));
	selftest_free_pages();
	KUNIT_EXPECT_EQ(test, zram_slots_used(), 0);
	/* The kernel and other programs carry on. */
	KUNIT_EXPECT_EQ(test, wait_status(spawn("memhog", "8", NULL, NULL, NULL, NULL)), 0);
}

/*
 * swapoff's race with the OOM reaper, played out by hand: try_to_unuse
 * read a swap PTE, then its allocation ran the OOM killer, whose reaper
 * cleared that PTE and freed the slot, which a pageout reused for another
 * page. do_swap_page, called with the entry it was given, must see the PTE
 * changed and neither map nor free anything (pte_same).
 */
static void test_swapin_rechecks_pte(struct kunit *test)
{
	unsigned long head = log_buf_head(), slot = 0, addr = 0, other;
	struct vm_area_struct *vma, *found = NULL;
	struct task_struct *t;
	struct page *page;
	pte_t *ptep = NULL, orig = 0;
	int pid, tries;

	pid = spawn("memhog", "4", "sleep=30000", NULL, NULL, NULL);
	KUNIT_ASSERT_TRUE(test, pid > 0);
	for (tries = 0; tries < 1000 && !log_contains(head, "pages written"); tries++)
		msleep(10);
	KUNIT_ASSERT_TRUE(test, log_contains(head, "pages written"));
	t = find_task_by_pid(pid);
	KUNIT_ASSERT_TRUE(test, t && t->mm);
	/* Push cold pages out until one of memhog's is in swap. */
	for (tries = 0; tries < 64 && !found; tries++) {
		shrink_anon(64, false);
		list_for_each_entry(vma, &t->mm->mmap, vm_list) {
			for (unsigned long a = vma->vm_start; a < vma->vm_end && !found; a += PAGE_SIZE) {
				ptep = pte_lookup(t->mm->pgd, a);
				if (ptep && is_swap_pte(*ptep)) {
					found = vma;
					addr = a;
				}
			}
			if (found)
				break;
		}
	}
	KUNIT_ASSERT_TRUE(test, found != NULL);
	orig = *ptep;
	slot = swp_offset(pte_to_swp_entry(orig));

	/* The "reaper": the PTE goes, the slot is freed ... */
	WRITE_ONCE(*ptep, 0);
	free_swap_entry(pte_to_swp_entry(orig));
	dec_mm_counter(t->mm, MM_SWAPENTS);
	/* ... and a pageout takes a slot (the same or another: the old entry is stale either way). */
	page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	KUNIT_ASSERT_TRUE(test, page != NULL);
	memset(page_address(page), 0x5a, 100);
	KUNIT_ASSERT_EQ(test, zram_write_page(page, &other), 0);
	printk("        # memhog[%d]'s slot %lu freed, reused as slot %lu\n", pid, slot, other);

	KUNIT_EXPECT_EQ(test, do_swap_page(t->mm, found, addr, ptep, orig, 0), VM_FAULT_OK);
	KUNIT_EXPECT_EQ(test, READ_ONCE(*ptep), (pte_t)0);	/* nothing mapped */
	/* The other page's slot is intact: it reads back. */
	memset(page_address(page), 0, PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, zram_read_page(other, page), 0);
	KUNIT_EXPECT_EQ(test, ((unsigned char *)page_address(page))[99], 0x5a);
	zram_free_slot(other);
	__free_page(page);
	kill_task(pid);
	wait_status(pid);
	selftest_free_pages();		/* bystanders' pages back from swap */
	KUNIT_EXPECT_EQ(test, zram_slots_used(), 0);
}

/* Is one of task t's executable pages in swap? */
static bool text_in_swap(struct task_struct *t)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &t->mm->mmap, vm_list) {
		if (!(vma->vm_flags & VM_EXEC))
			continue;
		for (unsigned long a = vma->vm_start; a < vma->vm_end; a += PAGE_SIZE) {
			pte_t *ptep = pte_lookup(t->mm->pgd, a);

			if (ptep && is_swap_pte(*ptep))
				return true;
		}
	}
	return false;
}

/*
 * Text swapped back in lands in a frame that may just have held other code:
 * set_pte_at syncs it for instruction fetch (arch/arm64/mm/flush.c). A held
 * memhog's text is pushed out to swap; released, it runs that text again.
 */
static void test_swapin_text_syncs_icache(struct kunit *test)
{
	unsigned long head = log_buf_head(), syncs;
	struct task_struct *t;
	char hold[24];
	int gate, pid, tries;

	gate = spawn_gate();
	KUNIT_ASSERT_TRUE(test, gate > 0);
	snprintf(hold, sizeof(hold), "hold=%d", gate);
	pid = spawn("memhog", "1", hold, NULL, NULL, NULL);
	if (!KUNIT_EXPECT_TRUE(test, pid > 0 && wait_memhog_pass(test, head, pid, 1, 1))) {
		stop(pid);
		stop(gate);
		return;
	}
	t = find_task_by_pid(pid);
	for (tries = 0; tries < 256 && t && t->mm && !text_in_swap(t); tries++)
		shrink_anon(64, false);
	printk("        # memhog[%d]: text in swap after %d rounds of shrink_anon(64)\n", pid, tries);
	KUNIT_EXPECT_TRUE(test, t && t->mm && text_in_swap(t));
	syncs = icache_syncs();
	stop(gate);			/* memhog wakes up and returns into its text */
	KUNIT_EXPECT_EQ(test, wait_status(pid), 0);
	printk("        # icache syncs while it ran again: %lu\n", icache_syncs() - syncs);
	KUNIT_EXPECT_GT(test, icache_syncs(), syncs);
	selftest_free_pages();
	KUNIT_EXPECT_EQ(test, zram_slots_used(), 0);
}

/* A PTE of t's that holds a swap entry, other than at skip; false if none. */
static bool find_swap_pte(struct task_struct *t, unsigned long skip, struct vm_area_struct **vmap,
			  unsigned long *addrp, pte_t **ptepp)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &t->mm->mmap, vm_list) {
		for (unsigned long a = vma->vm_start; a < vma->vm_end; a += PAGE_SIZE) {
			pte_t *ptep = pte_lookup(t->mm->pgd, a);

			if (a != skip && ptep && is_swap_pte(*ptep)) {
				*vmap = vma;
				*addrp = a;
				*ptepp = ptep;
				return true;
			}
		}
	}
	return false;
}

/*
 * workingset_refault counts pages that reclaim evicted and that came back
 * (their slot holds the policy's shadow), as Linux's workingset_refault(),
 * called only when a shadow entry is found. Not a first touch, not a
 * swap-in of a slot without a shadow; a real refault, once.
 */
static void test_refault_needs_shadow(struct kunit *test)
{
	unsigned long head = log_buf_head(), refault = vm_event(WORKINGSET_REFAULT);
	unsigned long pswpin = vm_event(PSWPIN), addr = 0, addr2 = 0;
	struct vm_area_struct *vma = NULL, *vma2 = NULL;
	struct task_struct *t;
	pte_t *ptep = NULL, *ptep2 = NULL;
	char hold[24];
	int pid, gate, tries;

	/* First touches: 4 MiB of new pages, no swap-in, no refault. */
	gate = spawn_gate();		/* memhog stays until the case is done with its pages */
	KUNIT_ASSERT_TRUE(test, gate > 0);
	snprintf(hold, sizeof(hold), "hold=%d", gate);
	pid = spawn("memhog", "4", hold, NULL, NULL, NULL);
	KUNIT_ASSERT_TRUE(test, pid > 0);
	for (tries = 0; tries < 1000 && !log_contains(head, "pages written"); tries++)
		msleep(10);
	KUNIT_ASSERT_TRUE(test, log_contains(head, "pages written"));
	KUNIT_ASSERT_EQ(test, vm_event(PSWPIN), pswpin);	/* else memory was short: no test */
	KUNIT_EXPECT_EQ(test, vm_event(WORKINGSET_REFAULT), refault);
	t = find_task_by_pid(pid);
	KUNIT_ASSERT_TRUE(test, t && t->mm);

	/* Evict until two of memhog's pages are in swap, each with its shadow. */
	for (tries = 0; tries < 64; tries++) {
		if (find_swap_pte(t, -1UL, &vma, &addr, &ptep) &&
		    find_swap_pte(t, addr, &vma2, &addr2, &ptep2))
			break;
		shrink_anon(64, false);
	}
	KUNIT_ASSERT_TRUE(test, ptep2 != NULL && is_swap_pte(*ptep2));

	/* A swap-in of a slot with no shadow (as zram_write_page leaves it): not a refault. */
	zram_set_shadow(swp_offset(pte_to_swp_entry(*ptep)), 0);
	refault = vm_event(WORKINGSET_REFAULT);
	pswpin = vm_event(PSWPIN);
	KUNIT_EXPECT_EQ(test, do_swap_page(t->mm, vma, addr, ptep, *ptep, 0), VM_FAULT_OK);
	KUNIT_EXPECT_TRUE(test, pte_present(*ptep));
	KUNIT_EXPECT_EQ(test, vm_event(PSWPIN), pswpin + 1);
	KUNIT_EXPECT_EQ(test, vm_event(WORKINGSET_REFAULT), refault);

	/* An evicted page coming back: one refault. */
	KUNIT_EXPECT_TRUE(test, (zram_get_shadow(swp_offset(pte_to_swp_entry(*ptep2))) & 1) != 0);
	KUNIT_EXPECT_EQ(test, do_swap_page(t->mm, vma2, addr2, ptep2, *ptep2, 0), VM_FAULT_OK);
	KUNIT_EXPECT_TRUE(test, pte_present(*ptep2));
	KUNIT_EXPECT_EQ(test, vm_event(PSWPIN), pswpin + 2);
	KUNIT_EXPECT_EQ(test, vm_event(WORKINGSET_REFAULT), refault + 1);

	stop(pid);
	stop(gate);
	selftest_free_pages();		/* bystanders' pages back from swap */
	KUNIT_EXPECT_EQ(test, zram_slots_used(), 0);
}

static struct kunit_case swap_integrity_cases[] = {
	KUNIT_CASE(test_two_workloads_verify),
	KUNIT_CASE(test_corruption_caught),
	KUNIT_CASE(test_swapin_rechecks_pte),
	KUNIT_CASE(test_swapin_text_syncs_icache),
	KUNIT_CASE(test_refault_needs_shadow),
	{ NULL, NULL },
};
static struct kunit_suite swap_integrity_suite = { .name = "swap_integrity", .cases = swap_integrity_cases };
selftest_suite(swap_integrity_suite);

/* ---- oom ------------------------------------------------------------------- */

/*
 * Page tables count in the badness (Linux: oom_badness adds
 * mm_pgtables_bytes / PAGE_SIZE): a task that touched one page per 2 MiB
 * over a wide range holds ~one table page per resident page, which killing
 * it frees too. Two made-up tasks, scored directly, in units u of 1% of
 * RAM so that oom_score (per mille of RAM + swap) can tell them apart at
 * every size: u resident pages and 6u table pages outrank 5u resident
 * pages and none; without the table term it would be u < 5u.
 */
static void test_badness_counts_pgtables(struct kunit *test)
{
	static struct task_struct sparse, dense;
	static struct mm_struct sparse_mm, dense_mm;
	unsigned long total = totalram_pages(), u = total / 100;

	sparse = (struct task_struct){ .pid = 1001, .state = TASK_RUNNING, .mm = &sparse_mm };
	dense = (struct task_struct){ .pid = 1002, .state = TASK_RUNNING, .mm = &dense_mm };
	sparse_mm = (struct mm_struct){ .rss_stat.count[MM_ANONPAGES] = ATOMIC_LONG_INIT(u), .nr_pgtables = 6 * u };
	dense_mm = (struct mm_struct){ .rss_stat.count[MM_ANONPAGES] = ATOMIC_LONG_INIT(5 * u), .nr_pgtables = 0 };
	KUNIT_EXPECT_EQ(test, oom_badness(&sparse, total), (long)(7 * u));
	KUNIT_EXPECT_EQ(test, oom_badness(&dense, total), (long)(5 * u));
	KUNIT_EXPECT_GT(test, oom_badness(&sparse, total), oom_badness(&dense, total));
	KUNIT_EXPECT_GT(test, oom_score(&sparse), oom_score(&dense));
}

/* The biggest task dies; a small one holding memory finishes and verifies. */
static void test_biggest_dies(struct kunit *test)
{
	unsigned long free = selftest_free_pages(), kills = vm_event(OOM_KILL), head = log_buf_head();
	char big[16], name[48];
	int small, hog, gate;

	snprintf(big, sizeof(big), "%lu", 2 * (free_mib() + swap_mib()));
	gate = spawn_gate();
	KUNIT_ASSERT_TRUE(test, gate > 0);
	small = spawn_held(test, head, gate, NULL);
	hog = small > 0 ? spawn("memhog", big, "zero", NULL, NULL, NULL) : -1;
	if (!KUNIT_EXPECT_TRUE(test, small > 0 && hog > 0)) {
		stop(small);
		stop(gate);
		return;
	}
	KUNIT_EXPECT_EQ(test, WTERMSIG(wait_status(hog)), SIGKILL);
	stop(gate);
	KUNIT_EXPECT_EQ(test, wait_status(small), 0);
	KUNIT_EXPECT_EQ(test, vm_event(OOM_KILL), kills + 1);
	snprintf(name, sizeof(name), "Killed process %d (memhog)", hog);
	KUNIT_EXPECT_TRUE(test, log_contains(head, name));
	KUNIT_EXPECT_TRUE(test, log_contains(head, "pgtables:"));	/* as Linux's report line */
	KUNIT_EXPECT_EQ(test, selftest_free_pages(), free);
	KUNIT_EXPECT_EQ(test, zram_slots_used(), 0);
}

/*
 * oom_score_adj decides: a small task with +600 dies before the big one
 * with -500; the big one is then the only candidate left and dies next; an
 * ordinary small task finishes; one with -1000 is never chosen.
 */
static void test_adj_picks_victim(struct kunit *test)
{
	unsigned long kills = vm_event(OOM_KILL), head = log_buf_head(), free = selftest_free_pages();
	char big[16], vname[48], bname[48];
	int victim, bystander, exempt, hog, gate;
	static char buf[16384];		/* not on the 16 KiB kernel stack */
	char *v, *b;

	snprintf(big, sizeof(big), "%lu", 2 * (free_mib() + swap_mib()));
	gate = spawn_gate();
	KUNIT_ASSERT_TRUE(test, gate > 0);
	victim = spawn_held(test, head, gate, "adj=600");
	bystander = spawn_held(test, head, gate, NULL);
	exempt = spawn_held(test, head, gate, "adj=-1000");
	hog = victim > 0 && bystander > 0 && exempt > 0 ? spawn("memhog", big, "zero", "adj=-500", NULL, NULL) : -1;
	if (!KUNIT_EXPECT_TRUE(test, hog > 0)) {
		stop(victim);
		stop(bystander);
		stop(exempt);
		stop(gate);
		return;
	}
	KUNIT_EXPECT_EQ(test, WTERMSIG(wait_status(hog)), SIGKILL);
	stop(gate);
	KUNIT_EXPECT_EQ(test, WTERMSIG(wait_status(victim)), SIGKILL);
	KUNIT_EXPECT_EQ(test, wait_status(bystander), 0);
	KUNIT_EXPECT_EQ(test, wait_status(exempt), 0);
	KUNIT_EXPECT_EQ(test, vm_event(OOM_KILL), kills + 2);
	/* Order: the +600 one first. */
	snprintf(vname, sizeof(vname), "Killed process %d ", victim);
	snprintf(bname, sizeof(bname), "Killed process %d ", hog);
	log_buf_copy(buf, sizeof(buf), head);
	v = strstr(buf, vname);
	b = strstr(buf, bname);
	KUNIT_EXPECT_TRUE(test, v && b && v < b);
	KUNIT_EXPECT_EQ(test, selftest_free_pages(), free);
	KUNIT_EXPECT_EQ(test, zram_slots_used(), 0);
}

/*
 * Swap full (here: the pool at zram.mem_limit): reclaim must not take pages
 * off the LRU only to put them back (the first wave's kswapd did, on every
 * wake-up), and the workload beyond RAM is killed with a report that says
 * why swap could not help.
 */
static void test_full_swap_no_churn(struct kunit *test)
{
	unsigned long head = log_buf_head(), kills = vm_event(OOM_KILL), isolated0, slot;
	unsigned long free = selftest_free_pages();
	struct zram_mm_stat st;
	struct page *page;
	char arg[16];
	int pid;

	/* One stored page gives the pool a page; a limit at that size leaves no room. */
	page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	KUNIT_ASSERT_TRUE(test, page != NULL);
	for (unsigned int i = 0; i < PAGE_SIZE; i++)
		((char *)page_address(page))[i] = "reclaim "[i % 8] + (char)(i / 512);
	KUNIT_ASSERT_EQ(test, zram_write_page(page, &slot), 0);
	zram_get_mm_stat(&st);
	zram_set_mem_limit((unsigned long)st.mem_used_total);
	KUNIT_ASSERT_TRUE(test, !zram_can_store());

	isolated0 = lru_stat.isolated;
	snprintf(arg, sizeof(arg), "%lu", free_mib() + 16);
	pid = spawn("memhog", arg, NULL, NULL, NULL, NULL);
	KUNIT_EXPECT_EQ(test, WTERMSIG(wait_status(pid)), SIGKILL);
	printk("        # pages isolated while swap was full: %lu\n", lru_stat.isolated - isolated0);
	KUNIT_EXPECT_EQ(test, lru_stat.isolated - isolated0, 0);
	KUNIT_EXPECT_EQ(test, vm_event(OOM_KILL), kills + 1);
	KUNIT_EXPECT_TRUE(test, log_contains(head, "swap: full (the pool is at zram.mem_limit)"));

	zram_set_mem_limit(0);
	zram_free_slot(slot);
	__free_page(page);
	KUNIT_EXPECT_EQ(test, selftest_free_pages(), free);
}

static struct kunit_case oom_cases[] = {
	KUNIT_CASE(test_badness_counts_pgtables),
	KUNIT_CASE(test_biggest_dies),
	KUNIT_CASE(test_adj_picks_victim),
	KUNIT_CASE(test_full_swap_no_churn),
	{ NULL, NULL },
};
static struct kunit_suite oom_suite = { .name = "oom", .cases = oom_cases };
selftest_suite(oom_suite);
