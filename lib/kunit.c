/*
 * The self-test runner and its KTAP printer (Linux: lib/kunit/test.c),
 * linked into the kernel and into host test binaries alike: the kernel's
 * boot mode (kernel/selftest.c) and a host binary's main
 * (tests/host/kunit_main.c) pick the suites and call kunit_run_suites(),
 * which prints (Documentation/dev-tools/ktap.rst):
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
 *   # selftest: 2 suites, 0 failed; 0 failed cases; 181 expectations checked
 *   # Totals: pass:9 fail:0 skip:3 total:12
 *
 * A skipped case (kunit_skip) carries the KTAP SKIP directive and its
 * reason, and is counted apart: neither a pass nor a failure. A suite whose
 * every case was skipped is itself `ok N name # SKIP`, as in KUnit. A case
 * that failed is `not ok` even if it also asked to skip. The top level is
 * TAP: `prove` reads it (indented subtest lines are ignored there).
 */
#include <linux/kernel.h>
#include <linux/selftest.h>
#include <stdarg.h>
#include <string.h>

void kunit_mark_skipped(struct kunit *test, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(test->skip_reason, sizeof(test->skip_reason), fmt, ap);
	va_end(ap);
	test->skipped = true;
}

void kunit_note(struct kunit *test, const char *fmt, ...)
{
	char note[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(note, sizeof(note), fmt, ap);
	va_end(ap);
	kunit_printk("        # %s: %s\n", test->name, note);
}

/*
 * Every KUNIT_EXPECT/ASSERT that ran, printed with the totals: a case is
 * one TAP line however many checks it makes, so this says how much a run
 * checked (and shows a case that returns early before checking anything).
 */
static unsigned long nr_checks;

bool kunit_check(struct kunit *test, bool ok, const char *file, int line,
		 const char *expr, long long left, long long right)
{
	nr_checks++;
	if (!ok) {
		test->failed = true;
		kunit_printk("        # %s: EXPECTATION FAILED at %s:%d\n", test->name, file, line);
		kunit_printk("        # Expected %s, but\n", expr);
		kunit_printk("        #   left  = %lld (0x%llx)\n", left, left);
		kunit_printk("        #   right = %lld (0x%llx)\n", right, right);
	}
	return ok;
}

bool kunit_check_str(struct kunit *test, bool ok, const char *file, int line,
		     const char *expr, const char *left, const char *right)
{
	nr_checks++;
	if (!ok) {
		test->failed = true;
		kunit_printk("        # %s: EXPECTATION FAILED at %s:%d\n", test->name, file, line);
		kunit_printk("        # Expected %s, but\n", expr);
		kunit_printk("        #   left  = \"%s\"\n", left ? left : "(null)");
		kunit_printk("        #   right = \"%s\"\n", right ? right : "(null)");
	}
	return ok;
}

bool selftest_filter_match(const char *name, const char *filter)
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

int selftest_select(const char *filter, struct kunit_suite **suites, int max)
{
	int n = 0;

	for (struct kunit_suite *const *s = __start_selftest_suites; s < __stop_selftest_suites; s++)
		if (n < max && selftest_filter_match((*s)->name, filter))
			suites[n++] = *s;
	return n;
}

void selftest_list(void)
{
	kunit_printk("suites:");
	for (struct kunit_suite *const *s = __start_selftest_suites; s < __stop_selftest_suites; s++)
		kunit_printk(" %s", (*s)->name);
	kunit_printk("\n");
}

struct kunit_counts {
	int passed, failed, skipped;
};

static void print_counts(const char *indent, const char *name, const struct kunit_counts *c)
{
	kunit_printk("%s# %s: pass:%d fail:%d skip:%d total:%d\n", indent, name, c->passed,
		     c->failed, c->skipped, c->passed + c->failed + c->skipped);
}

/* One case with its init/exit hooks (Linux: kunit_run_case_internal and cleanup). */
static void run_case(struct kunit_suite *suite, struct kunit *test, const struct kunit_case *tc)
{
	if (suite->init) {
		int err = suite->init(test);

		if (err) {
			kunit_note(test, "init failed: %d", err);
			test->failed = true;
			return;
		}
	}
	tc->run(test);
	if (suite->exit)
		suite->exit(test);
}

/* Runs one suite, prints its KTAP, adds its cases to *total; returns its failed cases. */
static int run_suite(struct kunit_suite *suite, int index, struct kunit_counts *total)
{
	struct kunit_counts c = { 0 };
	int ncases = 0, init_err = 0;

	while (suite->cases[ncases].name)
		ncases++;
	kunit_printk("    KTAP version 1\n    # Subtest: %s\n    1..%d\n", suite->name, ncases);
	if (suite->suite_init) {
		init_err = suite->suite_init(suite);
		if (init_err)
			kunit_printk("    # %s: suite_init failed: %d; no case runs\n", suite->name, init_err);
	}
	for (int i = 0; i < ncases; i++) {
		struct kunit test = { .name = suite->cases[i].name };

		if (init_err)
			test.failed = true;	/* as in KUnit: the suite's cases fail */
		else
			run_case(suite, &test, &suite->cases[i]);
		if (test.failed) {
			/* A failure outranks a skip: the case is not ok. */
			if (test.skipped)
				kunit_printk("        # %s: also asked to skip: %s\n", test.name, test.skip_reason);
			kunit_printk("    not ok %d %s\n", i + 1, test.name);
			c.failed++;
		} else if (test.skipped) {
			kunit_printk("    ok %d %s # SKIP %s\n", i + 1, test.name, test.skip_reason);
			c.skipped++;
		} else {
			kunit_printk("    ok %d %s\n", i + 1, test.name);
			c.passed++;
		}
	}
	if (suite->suite_exit && !init_err)
		suite->suite_exit(suite);
	print_counts("    ", suite->name, &c);
	if (c.failed)
		kunit_printk("not ok %d %s\n", index, suite->name);
	else if (ncases && c.skipped == ncases)
		kunit_printk("ok %d %s # SKIP every case skipped\n", index, suite->name);
	else
		kunit_printk("ok %d %s\n", index, suite->name);
	total->passed += c.passed;
	total->failed += c.failed;
	total->skipped += c.skipped;
	return c.failed;
}

int kunit_run_suites(struct kunit_suite *const *suites, int n)
{
	struct kunit_counts total = { 0 };
	int failed_suites = 0;

	kunit_printk("KTAP version 1\n1..%d\n", n);
	for (int i = 0; i < n; i++)
		failed_suites += run_suite(suites[i], i + 1, &total) != 0;
	kunit_printk("# selftest: %d suites, %d failed; %d failed cases; %lu expectations checked\n",
		     n, failed_suites, total.failed, nr_checks);
	print_counts("", "Totals", &total);
	return total.failed;
}
