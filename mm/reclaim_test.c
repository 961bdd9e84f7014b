/*
 * Self-test suites for reclaim, sized from the machine they run on:
 *   lru_gen        -- pages enter the youngest generation, aging moves
 *                     max_seq, eviction takes from the oldest
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
#include <linux/pgtable.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/selftest.h>
#include <linux/swap.h>
#include <linux/vmstat.h>
#include <linux/zram.h>
#include <uapi/signal.h>
#include <uapi/wait.h>
#include <string.h>
#include "lru.h"

#define MIB_PAGES	(1UL << (20 - PAGE_SHIFT))

/*
 * Free pages with nothing left in swap: pages of bystanders (init, sleeping
 * tasks) swapped out meanwhile are brought back first, so that before and
 * after compare exactly.
 */
static unsigned long free_pages_now(void)
{
	try_to_unuse();
	kmem_cache_shrink_all();	/* empty slabs SLUB keeps cached go back too */
	drain_local_pages();
	return nr_free_pages();
}

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
	return free_pages_now() / MIB_PAGES;
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

static void test_invariant(struct kunit *test)
{
	struct lru_stat s = lru_stat;

	/* policy->nr_pages() == added - deleted - isolated + putback (mm/lru.h) */
	KUNIT_EXPECT_EQ(test, lru_policy->nr_pages(), s.added - s.deleted - s.isolated + s.putback);
	KUNIT_EXPECT_LE(test, s.isolated, s.scanned);
}

static struct kunit_case lru_gen_cases[] = {
	KUNIT_CASE(test_new_pages_enter_lru),
	KUNIT_CASE(test_invariant),
	{ NULL, NULL },
};
static struct kunit_suite lru_gen_suite = { .name = "lru_gen", .cases = lru_gen_cases };
selftest_suite(lru_gen_suite);

/* ---- reclaim -------------------------------------------------------------- */

static void test_bigger_than_ram(struct kunit *test)
{
	unsigned long free = free_pages_now(), mib = free_mib() + swap_mib() / 3;
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
	KUNIT_EXPECT_EQ(test, free_pages_now(), free);
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
	unsigned long free = free_pages_now(), total = free_mib() + swap_mib() / 6;
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
	       free_pages_now(), zram_slots_used());
	KUNIT_EXPECT_EQ(test, free_pages_now(), free);
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
	free_pages_now();
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
	t->mm->nr_swap--;
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
	free_pages_now();		/* bystanders' pages back from swap */
	KUNIT_EXPECT_EQ(test, zram_slots_used(), 0);
}

static struct kunit_case swap_integrity_cases[] = {
	KUNIT_CASE(test_two_workloads_verify),
	KUNIT_CASE(test_corruption_caught),
	KUNIT_CASE(test_swapin_rechecks_pte),
	{ NULL, NULL },
};
static struct kunit_suite swap_integrity_suite = { .name = "swap_integrity", .cases = swap_integrity_cases };
selftest_suite(swap_integrity_suite);

/* ---- oom ------------------------------------------------------------------- */

/* The biggest task dies; a small one holding memory finishes and verifies. */
static void test_biggest_dies(struct kunit *test)
{
	unsigned long free = free_pages_now(), kills = vm_event(OOM_KILL), head = log_buf_head();
	char big[16], name[48];
	int small, hog;

	snprintf(big, sizeof(big), "%lu", 2 * (free_mib() + swap_mib()));
	small = spawn("memhog", "8", "2", "sleep=30000", NULL, NULL);
	msleep(50);
	hog = spawn("memhog", big, "zero", NULL, NULL, NULL);
	KUNIT_ASSERT_TRUE(test, small > 0 && hog > 0);
	KUNIT_EXPECT_EQ(test, WTERMSIG(wait_status(hog)), SIGKILL);
	KUNIT_EXPECT_EQ(test, wait_status(small), 0);
	KUNIT_EXPECT_EQ(test, vm_event(OOM_KILL), kills + 1);
	snprintf(name, sizeof(name), "Killed process %d (memhog)", hog);
	KUNIT_EXPECT_TRUE(test, log_contains(head, name));
	KUNIT_EXPECT_EQ(test, free_pages_now(), free);
	KUNIT_EXPECT_EQ(test, zram_slots_used(), 0);
}

/*
 * oom_score_adj decides: a small task with +600 dies before the big one
 * with -500; the big one is then the only candidate left and dies next; an
 * ordinary small task finishes; one with -1000 is never chosen.
 */
static void test_adj_picks_victim(struct kunit *test)
{
	unsigned long kills = vm_event(OOM_KILL), head = log_buf_head(), free = free_pages_now();
	char big[16], vname[48], bname[48];
	int victim, bystander, exempt, hog;
	static char buf[16384];		/* not on the 16 KiB kernel stack */
	char *v, *b;

	snprintf(big, sizeof(big), "%lu", 2 * (free_mib() + swap_mib()));
	victim = spawn("memhog", "8", "2", "adj=600", "sleep=30000", NULL);
	bystander = spawn("memhog", "8", "2", "sleep=30000", NULL, NULL);
	exempt = spawn("memhog", "8", "2", "adj=-1000", "sleep=30000", NULL);
	msleep(50);
	hog = spawn("memhog", big, "zero", "adj=-500", NULL, NULL);
	KUNIT_ASSERT_TRUE(test, victim > 0 && bystander > 0 && exempt > 0 && hog > 0);
	KUNIT_EXPECT_EQ(test, WTERMSIG(wait_status(hog)), SIGKILL);
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
	KUNIT_EXPECT_EQ(test, free_pages_now(), free);
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
	unsigned long free = free_pages_now();
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
	KUNIT_EXPECT_EQ(test, free_pages_now(), free);
}

static struct kunit_case oom_cases[] = {
	KUNIT_CASE(test_biggest_dies),
	KUNIT_CASE(test_adj_picks_victim),
	KUNIT_CASE(test_full_swap_no_churn),
	{ NULL, NULL },
};
static struct kunit_suite oom_suite = { .name = "oom", .cases = oom_cases };
selftest_suite(oom_suite);
