/*
 * Self-test suites about user tasks (they spawn the programs in user/):
 *   fault    -- each bad thing `fault` can do is reported and kills only that task
 *   mm_exit  -- 100 spawn/exit cycles give every page back
 *   demand   -- memhog fills most of free memory through demand paging and verifies it
 *   stack_end -- every kernel stack carries STACK_END_MAGIC; a damaged one is reported
 * (fault also holds the oom_score_adj permission rules, mm_exit the
 * kernel.threads-max limit on spawn.)
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/mmzone.h>
#include <linux/pgtable.h>
#include <linux/sched.h>
#include <linux/selftest.h>
#include <linux/shell.h>
#include <asm/cacheflush.h>
#include <uapi/signal.h>
#include <uapi/wait.h>
#include <stdlib.h>
#include <string.h>

/* Spawn name with up to three arguments, wait, return the wait status (or a negative error). */
static int run_and_wait(const char *name, const char *a1, const char *a2, const char *a3)
{
	char *argv[5] = { (char *)name, (char *)a1, (char *)a2, (char *)a3, NULL };
	int argc = 1 + !!a1 + !!(a1 && a2) + !!(a1 && a2 && a3);
	int pid = spawn_user(name, argc, argv, current), status = -1;

	if (pid < 0)
		return pid;
	if (kernel_wait(pid, &status) != pid)
		return -1;
	return status;
}

static void expect_segv(struct kunit *test, const char *what, const char *report)
{
	unsigned long head = log_buf_head();
	int status = run_and_wait("fault", what, NULL, NULL);

	KUNIT_EXPECT_TRUE(test, WIFSIGNALED(status));
	KUNIT_EXPECT_EQ(test, WTERMSIG(status), SIGSEGV);
	KUNIT_EXPECT_TRUE(test, log_contains(head, "fault["));
	KUNIT_EXPECT_TRUE(test, log_contains(head, report));
	KUNIT_EXPECT_TRUE(test, log_contains(head, "ESR_EL1 0x"));
	if (!test->failed)
		printk("        # fault %s: killed by SIGSEGV, reported\n", what);
}

static void test_null(struct kunit *test)
{
	expect_segv(test, "null", "unhandled read at 0x0000000000000000");
}

static void test_write_ro(struct kunit *test)
{
	expect_segv(test, "write-ro", "write to a region that is not writable");
}

static void test_exec_nx(struct kunit *test)
{
	expect_segv(test, "exec-nx", "instruction fetch from a region that is not executable");
}

/* PROT_EXEC alone reads (exec implies read, no FEAT_EPAN) and refuses a write. */
static void test_exec_only(struct kunit *test)
{
	unsigned long head = log_buf_head();

	expect_segv(test, "execonly", "write to a region that is not writable");
	KUNIT_EXPECT_TRUE(test, log_contains(head, "mapped PROT_EXEC only: 0"));
}

static void test_kernel_addr(struct kunit *test)
{
	expect_segv(test, "kernel", "address in the kernel half");
}

static void test_unmapped(struct kunit *test)
{
	expect_segv(test, "unmapped", "no mapping (VMA) at this address");
}

static void test_stack_overflow(struct kunit *test)
{
	expect_segv(test, "stack-overflow", "no mapping (VMA) at this address");
}

static void test_bad_syscall(struct kunit *test)
{
	int status = run_and_wait("fault", "badsyscall", NULL, NULL);

	KUNIT_EXPECT_TRUE(test, WIFEXITED(status));
	KUNIT_EXPECT_EQ(test, WEXITSTATUS(status), 0);
}

/* Lengths that wrap, prot bits above 31, a pid of 2^32: refused (user/fault.c badargs). */
static void test_bad_arguments(struct kunit *test)
{
	int status = run_and_wait("fault", "badargs", NULL, NULL);

	KUNIT_EXPECT_TRUE(test, WIFEXITED(status));
	KUNIT_EXPECT_EQ(test, WEXITSTATUS(status), 0);
}

/* A misaligned ldxr is an alignment fault: SIGBUS with a report, not an endless retry. */
static void test_align_sigbus(struct kunit *test)
{
	unsigned long head = log_buf_head();
	int status = run_and_wait("fault", "align", NULL, NULL);

	KUNIT_EXPECT_TRUE(test, WIFSIGNALED(status));
	KUNIT_EXPECT_EQ(test, WTERMSIG(status), SIGBUS);
	KUNIT_EXPECT_TRUE(test, log_contains(head, "alignment fault"));
}

/*
 * Code written at run time runs: jit does its own DC CVAU / IC IVAU (EL0
 * may, SCTLR_EL1.UCI; without it they trap and jit dies) and mprotects the
 * page between writing and running. Exec syncs each text page it copies
 * (arch/arm64/mm/flush.c): at least one sync for jit's text and one for the
 * page the kernel zeroed and jit made executable.
 */
static void test_jit_runs_new_code(struct kunit *test)
{
	unsigned long head = log_buf_head(), syncs = icache_syncs();

	KUNIT_EXPECT_EQ(test, run_and_wait("jit", NULL, NULL, NULL), 0);
	KUNIT_EXPECT_TRUE(test, log_contains(head, "first function returned 42 (want 42), rewritten one 7"));
	KUNIT_EXPECT_GE(test, icache_syncs(), syncs + 2);
}

/*
 * A long copy lets the scheduler run and stops for a kill (fault
 * hugewrite: write() of 1 GiB behind the zero page). Once it is writing,
 * this thread sleeps 100 ms: it gets the CPU back while the write still
 * runs (the kernel is not preemptible: without cond_resched in the copy
 * loop it would wake only after the write), then kills it, and the task
 * dies by the signal instead of finishing.
 */
static void test_long_write_yields(struct kunit *test)
{
	char *argv[] = { "fault", "hugewrite", NULL };
	unsigned long head = log_buf_head();
	int pid = spawn_user("fault", 2, argv, current), status = -1, waited;
	struct task_struct *t;

	KUNIT_ASSERT_TRUE(test, pid > 0);
	for (waited = 0; waited < 10000 && !log_contains(head, "hugewrite: writing"); waited += 10)
		msleep(10);
	msleep(100);
	t = find_task_by_pid(pid);
	KUNIT_EXPECT_TRUE(test, t && t->state != TASK_ZOMBIE);
	KUNIT_EXPECT_FALSE(test, log_contains(head, "hugewrite: returned"));
	kill_task(pid);
	kernel_wait(pid, &status);
	KUNIT_EXPECT_TRUE(test, WIFSIGNALED(status));
	KUNIT_EXPECT_EQ(test, WTERMSIG(status), SIGKILL);
}

/* brk over a heap split by mprotect: right VMAs, and -EFAULT instead of a hang (fault brk-split). */
static void test_brk_after_split(struct kunit *test)
{
	int status = run_and_wait("fault", "brk-split", NULL, NULL);

	KUNIT_EXPECT_TRUE(test, WIFEXITED(status));
	KUNIT_EXPECT_EQ(test, WEXITSTATUS(status), 0);
}

/* The shared zero page stays zero after mprotect RW + a store (user/fault.c zeropage). */
static void test_zero_page_stays_zero(struct kunit *test)
{
	int status = run_and_wait("fault", "zeropage", NULL, NULL);
	const u64 *z;
	u64 any = 0;

	KUNIT_EXPECT_TRUE(test, WIFEXITED(status));
	KUNIT_EXPECT_EQ(test, WEXITSTATUS(status), 0);
	z = page_address(zero_page);
	for (unsigned int i = 0; i < PAGE_SIZE / sizeof(u64); i++)
		any |= z[i];
	KUNIT_EXPECT_EQ(test, any, 0);
}

/*
 * set_oom_score_adj's rules (kernel/sys.c, Linux's __set_oom_adj): `fault
 * adjrule`, spawned here and so privileged, goes to -1000 and back to -500
 * and lowers a child of its to -1000; its child `fault adjchild`, spawned
 * by a user task, may raise itself and its own child but lower them only
 * to the -500 it inherited (-EACCES below), and touches neither its parent
 * nor init (-EPERM). Without the rules the child's -EACCES/-EPERM checks
 * succeed instead and it exits 1.
 */
static void test_oom_score_adj_rules(struct kunit *test)
{
	unsigned long head = log_buf_head();
	int status = run_and_wait("fault", "adjrule", NULL, NULL);

	KUNIT_EXPECT_TRUE(test, WIFEXITED(status));
	KUNIT_EXPECT_EQ(test, WEXITSTATUS(status), 0);
	KUNIT_EXPECT_TRUE(test, log_contains(head, "adjchild: all OK"));
	KUNIT_EXPECT_TRUE(test, log_contains(head, "adjrule: all OK"));
}

/*
 * The privileged side, seen from the kernel: a task the kernel spawns has
 * cap_sys_resource and starts at 0 (not its kthread parent's -1000); a
 * write by the kernel (the shell's oom_score_adj, a self-test) moves
 * oom_score_adj_min with the value; a kernel thread's value is refused.
 */
static void test_oom_score_adj_privileged(struct kunit *test)
{
	char *argv[] = { "fault", "sleep", NULL };
	struct task_struct *t;
	int pid = spawn_user("fault", 2, argv, current), status = -1;

	KUNIT_ASSERT_TRUE(test, pid > 0);
	t = find_task_by_pid(pid);
	KUNIT_ASSERT_TRUE(test, t != NULL);
	KUNIT_EXPECT_TRUE(test, t->cap_sys_resource);
	KUNIT_EXPECT_EQ(test, t->oom_score_adj, 0);
	KUNIT_EXPECT_EQ(test, t->oom_score_adj_min, 0);
	KUNIT_EXPECT_EQ(test, set_oom_score_adj(t, -1000), 0);
	KUNIT_EXPECT_EQ(test, t->oom_score_adj, -1000);
	KUNIT_EXPECT_EQ(test, t->oom_score_adj_min, -1000);
	KUNIT_EXPECT_EQ(test, set_oom_score_adj(t, 300), 0);
	KUNIT_EXPECT_EQ(test, t->oom_score_adj_min, 300);
	KUNIT_EXPECT_EQ(test, set_oom_score_adj(t, 1001), -EINVAL);
	KUNIT_EXPECT_EQ(test, set_oom_score_adj(current, 0), -EPERM);
	KUNIT_EXPECT_EQ(test, kill_task(pid), 0);
	KUNIT_EXPECT_EQ(test, kernel_wait(pid, &status), pid);
}

static void test_kernel_survives(struct kunit *test)
{
	/* After all of the above, a normal program still runs. */
	KUNIT_EXPECT_EQ(test, run_and_wait("hello", "still", "alive", NULL), 0);
}

static struct kunit_case fault_cases[] = {
	KUNIT_CASE(test_null),
	KUNIT_CASE(test_write_ro),
	KUNIT_CASE(test_exec_nx),
	KUNIT_CASE(test_exec_only),
	KUNIT_CASE(test_kernel_addr),
	KUNIT_CASE(test_unmapped),
	KUNIT_CASE(test_stack_overflow),
	KUNIT_CASE(test_bad_syscall),
	KUNIT_CASE(test_bad_arguments),
	KUNIT_CASE(test_zero_page_stays_zero),
	KUNIT_CASE(test_align_sigbus),
	KUNIT_CASE(test_brk_after_split),
	KUNIT_CASE(test_long_write_yields),
	KUNIT_CASE(test_jit_runs_new_code),
	KUNIT_CASE(test_oom_score_adj_rules),
	KUNIT_CASE(test_oom_score_adj_privileged),
	KUNIT_CASE(test_kernel_survives),
	{ NULL, NULL },
};
static struct kunit_suite fault_suite = { .name = "fault", .cases = fault_cases };
selftest_suite(fault_suite);

static void test_spawn_exit_cycles(struct kunit *test)
{
	unsigned long before, after;
	int bad = 0;

	run_and_wait("hello", "warm-up", NULL, NULL);	/* slab caches reach their steady size */
	before = selftest_free_pages();
	for (int i = 0; i < 100; i++)
		if (run_and_wait("hello", "-q", NULL, NULL) != 0)
			bad++;
	after = selftest_free_pages();
	printk("        # free pages before %lu, after 100 spawn/exit cycles %lu\n", before, after);
	KUNIT_EXPECT_EQ(test, bad, 0);
	KUNIT_EXPECT_EQ(test, after, before);
}

/* A program that maps, touches, unmaps and dies also gives everything back. */
static void test_memhog_exit(struct kunit *test)
{
	unsigned long before = selftest_free_pages(), after;

	KUNIT_EXPECT_EQ(test, run_and_wait("memhog", "8", "mmap", NULL), 0);
	KUNIT_EXPECT_EQ(test, run_and_wait("memhog", "8", "brk", NULL), 0);
	after = selftest_free_pages();
	printk("        # free pages before %lu, after two memhog runs %lu\n", before, after);
	KUNIT_EXPECT_EQ(test, after, before);
}

static void test_killed_task_frees(struct kunit *test)
{
	unsigned long before = selftest_free_pages(), after;

	KUNIT_EXPECT_TRUE(test, WIFSIGNALED(run_and_wait("fault", "null", NULL, NULL)));
	after = selftest_free_pages();
	KUNIT_EXPECT_EQ(test, after, before);
}

/*
 * munmap gives page tables back (mm/pgtable.c free_pgtables): `fault sparse`
 * maps 1 GiB, touches a page per 2 MiB and unmaps it, pausing 300 ms
 * before, between and after. Sampled from here: during, the task holds 512
 * more PTE tables (and a PMD table); after the munmap -- the task still
 * alive -- its table count, the system's PageTables and the free pages are
 * back where they were before the mmap. Without free_pgtables the 513
 * tables stay until exit.
 */
static void test_sparse_munmap_frees_pgtables(struct kunit *test)
{
	char *argv[] = { "fault", "sparse", NULL };
	unsigned long tables0, sys0, free0, tv0, peak = 0, tables1 = 0, sys1 = 0, free1 = 0;
	struct task_struct *t;
	int pid, status = -1, phase = 0;

	pid = spawn_user("fault", 2, argv, current);
	KUNIT_ASSERT_TRUE(test, pid > 0);
	msleep(100);			/* the task is in its first pause */
	t = find_task_by_pid(pid);
	KUNIT_ASSERT_TRUE(test, t && t->mm);
	tables0 = t->mm->nr_pgtables;
	tv0 = t->mm->total_vm;
	sys0 = nr_pagetable_pages();
	free0 = selftest_free_pages();
	for (int i = 0; i < 200 && phase < 2; i++) {
		msleep(20);
		if (t->state == TASK_ZOMBIE || !t->mm)
			break;
		if (t->mm->total_vm >= tv0 + (SZ_1G >> PAGE_SHIFT)) {
			phase = 1;	/* mapped: watch the tables grow */
			peak = max(peak, t->mm->nr_pgtables);
		} else if (phase == 1 && t->mm->total_vm == tv0) {
			phase = 2;	/* unmapped, still alive in its last pause */
			tables1 = t->mm->nr_pgtables;
			sys1 = nr_pagetable_pages();
			free1 = selftest_free_pages();
		}
	}
	KUNIT_EXPECT_EQ(test, kernel_wait(pid, &status), pid);
	KUNIT_EXPECT_EQ(test, status, 0);
	printk("        # task page tables: before %lu, mapped %lu, after munmap %lu; "
	       "PageTables %lu -> %lu pages; free pages %lu -> %lu\n",
	       tables0, peak, tables1, sys0, sys1, free0, free1);
	KUNIT_ASSERT_EQ(test, phase, 2);
	KUNIT_EXPECT_TRUE(test, peak >= tables0 + 513);
	KUNIT_EXPECT_EQ(test, tables1, tables0);
	KUNIT_EXPECT_EQ(test, sys1, sys0);
	/* A few pages of slack for slab; keeping the tables would be 513 pages short. */
	KUNIT_EXPECT_TRUE(test, free1 + 8 >= free0);
}

/*
 * kernel.threads-max (kernel/fork.c max_threads, Linux's): its default is
 * RAM / (8 * THREAD_SIZE), at least 20. Set through the sysctl command to
 * the tasks that exist now + 5, `fault spawnmany` (one task) must get
 * exactly 4 sleeping children and then -EAGAIN; it kills and reaps them
 * and exits 0. The limit is put back and every page returns. Without the
 * check it spawns 64 children and no error.
 */
static void test_threads_max(struct kunit *test)
{
	u64 def = (u64)totalram_pages() * PAGE_SIZE / ((u64)THREAD_SIZE * 8);
	int saved = max_threads, limit, status;
	unsigned long before, after;
	char line[64], want[16];

	KUNIT_EXPECT_EQ(test, saved, (int)max(def, (u64)MIN_THREADS));
	run_and_wait("fault", "badsyscall", NULL, NULL);	/* warm-up: slab caches at their steady size */
	msleep(50);			/* init reaps what earlier cases orphaned: the count must hold still */
	reap_orphans();
	before = selftest_free_pages();
	limit = nr_threads + 5;
	snprintf(want, sizeof(want), "%d", limit - nr_threads - 1);
	snprintf(line, sizeof(line), "sysctl kernel.threads-max %d", limit);
	KUNIT_ASSERT_EQ(test, shell_run_line(line), 0);
	KUNIT_EXPECT_EQ(test, max_threads, limit);
	printk("        # %d tasks, kernel.threads-max %d: fault spawnmany expects %s children\n",
	       nr_threads, limit, want);
	status = run_and_wait("fault", "spawnmany", want, NULL);
	snprintf(line, sizeof(line), "sysctl kernel.threads-max %d", saved);
	KUNIT_EXPECT_EQ(test, shell_run_line(line), 0);
	KUNIT_EXPECT_EQ(test, max_threads, saved);
	KUNIT_EXPECT_TRUE(test, WIFEXITED(status));
	KUNIT_EXPECT_EQ(test, WEXITSTATUS(status), 0);
	KUNIT_EXPECT_EQ(test, run_and_wait("hello", "-q", NULL, NULL), 0);	/* spawn works again */
	after = selftest_free_pages();
	printk("        # free pages before %lu, after %lu\n", before, after);
	KUNIT_EXPECT_EQ(test, after, before);
}

static struct kunit_case mm_exit_cases[] = {
	KUNIT_CASE(test_spawn_exit_cycles),
	KUNIT_CASE(test_memhog_exit),
	KUNIT_CASE(test_killed_task_frees),
	KUNIT_CASE(test_sparse_munmap_frees_pgtables),
	KUNIT_CASE(test_threads_max),
	{ NULL, NULL },
};
static struct kunit_suite mm_exit_suite = { .name = "mm_exit", .cases = mm_exit_cases };
selftest_suite(mm_exit_suite);

/*
 * memhog allocates, fills and verifies all free memory but a margin: every
 * page arrives by demand paging, and all of it comes back at exit.
 */
static void test_memhog_most_of_ram(struct kunit *test)
{
	unsigned long free = selftest_free_pages(), margin = 16UL << (20 - PAGE_SHIFT);
	unsigned long mib = (free - margin) >> (20 - PAGE_SHIFT);
	char arg[16];

	snprintf(arg, sizeof(arg), "%lu", mib);
	printk("        # free %lu MiB at start: memhog %s MiB\n", free >> (20 - PAGE_SHIFT), arg);
	KUNIT_EXPECT_EQ(test, run_and_wait("memhog", arg, "mmap", NULL), 0);
	/*
	 * Nothing may be missing. (Slightly more may be free: filling RAM makes
	 * SLUB give back empty slabs that earlier suites left cached.)
	 */
	printk("        # free pages before %lu, after %lu\n", free, selftest_free_pages());
	KUNIT_EXPECT_GE(test, selftest_free_pages(), free);
}

static struct kunit_case demand_cases[] = {
	KUNIT_CASE(test_memhog_most_of_ram),
	{ NULL, NULL },
};
static struct kunit_suite demand_suite = { .name = "demand", .cases = demand_cases };
selftest_suite(demand_suite);

/*
 * The kernel stack canary (kernel/fork.c set_task_stack_end_magic, Linux's
 * end_of_stack / task_stack_end_corrupted). A real overflow would panic in
 * schedule(), so the test damages the canary of a sleeping kthread by hand,
 * calls the detector that reports without panicking, and puts the canary
 * back before that thread can run again.
 */
static volatile bool stack_victim_stop;

static int stack_victim(void *arg)
{
	(void)arg;
	while (!stack_victim_stop)
		msleep(10);
	return 0;
}

static void test_stack_end_canary(struct kunit *test)
{
	unsigned long head = log_buf_head(), saved;
	struct task_struct *t, *v;
	char needle[64];
	int pid, status = -1;

	/* Every live task's stack, the boot stack of the idle task included. */
	list_for_each_entry(t, &task_list, tasks)
		if (t->state != TASK_ZOMBIE)
			KUNIT_EXPECT_EQ(test, report_task_stack_end(t), 0);

	stack_victim_stop = false;
	v = kthread_run(stack_victim, NULL, "stackvictim");
	KUNIT_ASSERT_TRUE(test, v != NULL);
	pid = v->pid;
	msleep(30);			/* it has run and gone to sleep */
	KUNIT_EXPECT_EQ(test, *end_of_stack(v), STACK_END_MAGIC);
	KUNIT_EXPECT_FALSE(test, task_stack_end_corrupted(v));

	saved = *end_of_stack(v);
	*end_of_stack(v) = 0xdeadbeefUL;	/* what a call chain 16 KiB deep leaves there */
	KUNIT_EXPECT_TRUE(test, task_stack_end_corrupted(v));
	KUNIT_EXPECT_EQ(test, report_task_stack_end(v), -1);
	*end_of_stack(v) = saved;	/* before it runs again: schedule() would panic */
	snprintf(needle, sizeof(needle), "kernel stack of task %d (stackvictim) overflowed", pid);
	KUNIT_EXPECT_TRUE(test, log_contains(head, needle));
	KUNIT_EXPECT_EQ(test, report_task_stack_end(v), 0);

	stack_victim_stop = true;
	KUNIT_EXPECT_EQ(test, kernel_wait(pid, &status), pid);
}

static struct kunit_case stack_end_cases[] = {
	KUNIT_CASE(test_stack_end_canary),
	{ NULL, NULL },
};
static struct kunit_suite stack_end_suite = { .name = "stack_end", .cases = stack_end_cases };
selftest_suite(stack_end_suite);
