/*
 * The self-test boot mode: with `selftest` in bootargs the kernel runs the
 * suites (all, or those named: `selftest=a,b`) after boot, through the
 * runner in lib/kunit.c, and exits QEMU with status 0 only if no case
 * failed (skipped cases do not change that; kernel/panic.c makes a panic
 * exit non-zero too). The shell's `selftest` command runs them too.
 * `selftest.inject_failure` adds a suite with one failing case (which then
 * also asks to skip), to prove that the failure path works end to end and
 * that a skip cannot hide a failure.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/reboot.h>
#include <linux/selftest.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/slab.h>
#include <linux/swap.h>
#include <string.h>

static bool inject_failure;

static int __init parse_inject_failure(const char *val)
{
	inject_failure = true;
	return 0;
}
__setup("selftest.inject_failure", parse_inject_failure);

static int __init parse_selftest(const char *val)
{
	return 0;	/* read back with cmdline_get() when the runner starts */
}
__setup("selftest", parse_selftest);

static void injected_failure(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, 1 + 1, 3);
	/* A skip after a failure must not hide it: the case stays not ok. */
	kunit_skip(test, "injected: a skip after a failure");
}

static struct kunit_case inject_cases[] = {
	KUNIT_CASE(injected_failure),
	{ NULL, NULL },
};

static struct kunit_suite inject_suite = { .name = "inject_failure", .cases = inject_cases };

/* The KTAP goes to the kernel log: the console, and log_contains() for tests. */
void kunit_printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}

int selftest_run(const char *filter)
{
	struct kunit_suite *suites[64];
	int n = selftest_select(filter, suites, ARRAY_SIZE(suites));

	if (inject_failure && n < (int)ARRAY_SIZE(suites))
		suites[n++] = &inject_suite;
	if (n == 0) {
		printk("selftest: no suite matches \"%s\"\n", filter ? filter : "");
		selftest_list();
		return -1;
	}
	return kunit_run_suites(suites, n);
}

void selftest_boot(void)
{
	char filter[128] = "";
	int failed;

	cmdline_get("selftest", filter, sizeof(filter));
	failed = selftest_run(filter);
	printk("selftest: %s\n", failed == 0 ? "PASS" : "FAIL");
	machine_exit(failed == 0 ? 0 : 1);
}

unsigned long selftest_free_pages(void)
{
	try_to_unuse();
	kmem_cache_shrink_all();
	drain_local_pages();
	return nr_free_pages();
}
