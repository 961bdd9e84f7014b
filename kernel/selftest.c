/*
 * The self-test runner: walks the suites registered in .selftest_suites and
 * prints KTAP (Documentation/dev-tools/ktap.rst):
 *
 *   KTAP version 1
 *   1..2
 *       KTAP version 1
 *       # Subtest: printk
 *       1..3
 *       ok 1 test_decimal
 *       ...
 *       # printk: pass:3 fail:0 skip:0 total:3
 *   ok 1 printk
 *       KTAP version 1
 *       # Subtest: pgtable
 *       ...
 *       ok 7 test_pan # SKIP this CPU has no PAN (ID_AA64MMFR1_EL1.PAN = 0): try CPU=max
 *       ...
 *   # selftest: 2 suites, 0 failed; 0 failed cases
 *   # Totals: pass:9 fail:0 skip:3 total:12
 *
 * A skipped case (kunit_skip) carries the KTAP SKIP directive and its
 * reason, and is counted apart: neither a pass nor a failure. A suite whose
 * every case was skipped is itself `ok N name # SKIP`, as in KUnit. A case
 * that failed is `not ok` even if it also asked to skip.
 *
 * With `selftest` in bootargs the kernel runs them after boot and exits
 * QEMU with status 0 only if no case failed (skipped cases do not change
 * that; kernel/panic.c makes a panic exit non-zero too).
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

extern struct kunit_suite *const __start_selftest_suites[], *const __stop_selftest_suites[];

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

void kunit_mark_skipped(struct kunit *test, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(test->skip_reason, sizeof(test->skip_reason), fmt, ap);
	va_end(ap);
	test->skipped = true;
}

bool kunit_check(struct kunit *test, bool ok, const char *file, int line,
		 const char *expr, long long left, long long right)
{
	if (!ok) {
		test->failed = true;
		printk("        # %s: EXPECTATION FAILED at %s:%d\n", test->name, file, line);
		printk("        # Expected %s, but\n", expr);
		printk("        #   left  = %lld (0x%llx)\n", left, left);
		printk("        #   right = %lld (0x%llx)\n", right, right);
	}
	return ok;
}

bool kunit_check_str(struct kunit *test, bool ok, const char *file, int line,
		     const char *expr, const char *left, const char *right)
{
	if (!ok) {
		test->failed = true;
		printk("        # %s: EXPECTATION FAILED at %s:%d\n", test->name, file, line);
		printk("        # Expected %s, but\n", expr);
		printk("        #   left  = \"%s\"\n", left ? left : "(null)");
		printk("        #   right = \"%s\"\n", right ? right : "(null)");
	}
	return ok;
}

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

static bool suite_selected(const char *name, const char *filter)
{
	size_t n = strlen(name);

	if (!filter || !*filter)
		return true;
	for (const char *p = filter; *p; ) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);

		if (len == n && strncmp(p, name, n) == 0)
			return true;
		if (!comma)
			break;
		p = comma + 1;
	}
	return false;
}

struct kunit_counts {
	int passed, failed, skipped;
};

static void print_counts(const char *indent, const char *name, const struct kunit_counts *c)
{
	printk("%s# %s: pass:%d fail:%d skip:%d total:%d\n", indent, name, c->passed, c->failed,
	       c->skipped, c->passed + c->failed + c->skipped);
}

/* Runs one suite, prints its KTAP, adds its cases to *total; returns its failed cases. */
static int run_suite(struct kunit_suite *suite, int index, struct kunit_counts *total)
{
	struct kunit_counts c = { 0 };
	int ncases = 0;

	while (suite->cases[ncases].name)
		ncases++;
	printk("    KTAP version 1\n    # Subtest: %s\n    1..%d\n", suite->name, ncases);
	for (int i = 0; i < ncases; i++) {
		struct kunit test = { .name = suite->cases[i].name };

		suite->cases[i].run(&test);
		if (test.failed) {
			/* A failure outranks a skip: the case is not ok. */
			if (test.skipped)
				printk("        # %s: also asked to skip: %s\n", test.name, test.skip_reason);
			printk("    not ok %d %s\n", i + 1, test.name);
			c.failed++;
		} else if (test.skipped) {
			printk("    ok %d %s # SKIP %s\n", i + 1, test.name, test.skip_reason);
			c.skipped++;
		} else {
			printk("    ok %d %s\n", i + 1, test.name);
			c.passed++;
		}
	}
	print_counts("    ", suite->name, &c);
	if (c.failed)
		printk("not ok %d %s\n", index, suite->name);
	else if (ncases && c.skipped == ncases)
		printk("ok %d %s # SKIP every case skipped\n", index, suite->name);
	else
		printk("ok %d %s\n", index, suite->name);
	total->passed += c.passed;
	total->failed += c.failed;
	total->skipped += c.skipped;
	return c.failed;
}

int selftest_run(const char *filter)
{
	struct kunit_suite *suites[64];
	struct kunit_counts total = { 0 };
	int n = 0, failed_suites = 0;

	for (struct kunit_suite *const *s = __start_selftest_suites; s < __stop_selftest_suites; s++)
		if (n < (int)ARRAY_SIZE(suites) && suite_selected((*s)->name, filter))
			suites[n++] = *s;
	if (inject_failure && n < (int)ARRAY_SIZE(suites))
		suites[n++] = &inject_suite;
	if (n == 0) {
		printk("selftest: no suite matches \"%s\"\n", filter ? filter : "");
		selftest_list();
		return -1;
	}
	printk("KTAP version 1\n1..%d\n", n);
	for (int i = 0; i < n; i++)
		failed_suites += run_suite(suites[i], i + 1, &total) != 0;
	printk("# selftest: %d suites, %d failed; %d failed cases\n", n, failed_suites, total.failed);
	print_counts("", "Totals", &total);
	return total.failed;
}

void selftest_list(void)
{
	printk("suites:");
	for (struct kunit_suite *const *s = __start_selftest_suites; s < __stop_selftest_suites; s++)
		printk(" %s", (*s)->name);
	printk("\n");
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
