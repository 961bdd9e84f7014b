/*
 * Self-test suite fuzz: random system calls from several user tasks at
 * once (user/fuzz.c), then a check that the kernel got everything back.
 *
 *   fuzz.calls=N   calls in all, split over the tasks (default 100000)
 *   fuzz.tasks=N   fuzzers running at once, 1..8 (default 4)
 *   fuzz.seed=S    the first task's seed; task i gets S + i (default 1)
 *
 * A fuzzer exits 0 when every call it made returned and no clearly invalid
 * call succeeded; anything else (exit 1 with the failing call printed, a
 * kill by a signal, a kernel oops) fails the case with the seed to rerun:
 * `run fuzz SEED CALLS verbose` prints every call. A hang is caught by the
 * harness's timeout. Afterwards every page and swap slot must be back.
 *
 * Half way through, each fuzzer spawns a memhog of half the free memory
 * (oom_score_adj 500): together they ask for twice what is free, so
 * reclaim, swap and the OOM killer run under the random calls at any
 * memory size; the
 * fuzzers themselves are exempt (oom_score_adj -1000, set here) so that the
 * killer's choice never ends a fuzzer.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/selftest.h>
#include <linux/swap.h>
#include <linux/vmstat.h>
#include <uapi/signal.h>
#include <uapi/wait.h>
#include <stdlib.h>

#define FUZZ_MAX_TASKS	8

static unsigned long fuzz_param(const char *key, unsigned long def, unsigned long max)
{
	char buf[24];
	unsigned long v;
	char *end;

	if (!cmdline_get(key, buf, sizeof(buf)))
		return def;
	v = strtoul(buf, &end, 0);
	if (*end || v == 0 || v > max) {
		printk("        # %s=%s: not a number from 1 to %lu, using %lu\n", key, buf, max, def);
		return def;
	}
	return v;
}

/* Registered so the command line accepts them; the test reads them with cmdline_get(). */
static int __init parse_fuzz_calls(const char *val) { return val ? 0 : -1; }
static int __init parse_fuzz_tasks(const char *val) { return val ? 0 : -1; }
static int __init parse_fuzz_seed(const char *val) { return val ? 0 : -1; }
__setup("fuzz.calls", parse_fuzz_calls);
__setup("fuzz.tasks", parse_fuzz_tasks);
__setup("fuzz.seed", parse_fuzz_seed);

static void test_fuzz_syscalls(struct kunit *test)
{
	unsigned long calls = fuzz_param("fuzz.calls", 100000, 1UL << 32);
	unsigned long tasks = fuzz_param("fuzz.tasks", 4, FUZZ_MAX_TASKS);
	unsigned long seed = fuzz_param("fuzz.seed", 1, -1UL);
	unsigned long kills = vm_event(OOM_KILL), out = vm_event(PSWPOUT), t0 = jiffies;
	unsigned long before, after, each = calls / tasks;
	char seeds[FUZZ_MAX_TASKS][24], count[24], hog[24];
	int pid[FUZZ_MAX_TASKS], bad = 0;

	before = selftest_free_pages();
	snprintf(count, sizeof(count), "%lu", each);
	snprintf(hog, sizeof(hog), "hog=%lu", (before >> (20 - PAGE_SHIFT)) / 2);
	for (unsigned long i = 0; i < tasks; i++) {
		char *argv[] = { "fuzz", seeds[i], count, hog, NULL };
		struct task_struct *t;

		snprintf(seeds[i], sizeof(seeds[i]), "%lu", seed + i);
		pid[i] = spawn_user("fuzz", 4, argv, current);
		KUNIT_ASSERT_TRUE(test, pid[i] > 0);
		t = find_task_by_pid(pid[i]);
		if (t)		/* a privileged write: its children inherit -1000 and may keep it */
			set_oom_score_adj(t, -1000);
	}
	for (unsigned long i = 0; i < tasks; i++) {
		int status = -1;

		kernel_wait(pid[i], &status);
		if (status != 0) {
			bad++;
			if (WIFSIGNALED(status))
				printk("        # fuzz[%d] seed %s: killed by signal %d; rerun: run fuzz %s %lu %s verbose\n",
				       pid[i], seeds[i], WTERMSIG(status), seeds[i], each, hog);
			else
				printk("        # fuzz[%d] seed %s: exit status %d; rerun: run fuzz %s %lu %s verbose\n",
				       pid[i], seeds[i], WEXITSTATUS(status), seeds[i], each, hog);
		}
	}
	after = selftest_free_pages();
	printk("        # %lu tasks x %lu calls in %lu ms: OOM kills %lu, pages swapped out %lu\n",
	       tasks, each, (jiffies - t0) * 1000 / HZ, vm_event(OOM_KILL) - kills,
	       vm_event(PSWPOUT) - out);
	printk("        # free pages before %lu, after %lu; swap slots in use %lu\n", before, after,
	       zram_slots_used());
	KUNIT_EXPECT_EQ(test, bad, 0);
	KUNIT_EXPECT_EQ(test, after, before);
	KUNIT_EXPECT_EQ(test, zram_slots_used(), 0);
}

static struct kunit_case fuzz_cases[] = {
	KUNIT_CASE(test_fuzz_syscalls),
	{ NULL, NULL },
};
static struct kunit_suite fuzz_suite = { .name = "fuzz", .cases = fuzz_cases };
selftest_suite(fuzz_suite);
