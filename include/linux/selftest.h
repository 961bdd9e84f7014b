/*
 * Self-tests, shaped like Linux's KUnit, one API for both places a test
 * runs: in the kernel (booted in QEMU or on a board, on real RAM) and in a
 * host test binary (tests/host/, under ASan/UBSan, on a fake RAM arena).
 *
 * Writing a suite
 *
 *   static void test_foo(struct kunit *test)
 *   {
 *           struct page *page = alloc_pages(GFP_KERNEL, 0);
 *
 *           KUNIT_ASSERT_TRUE(test, page != NULL);     (fails and ends the case)
 *           KUNIT_EXPECT_EQ(test, page_count(page), 1); (fails and goes on)
 *           __free_pages(page, 0);
 *   }
 *   static struct kunit_case foo_cases[] = { KUNIT_CASE(test_foo), {} };
 *   static struct kunit_suite foo_suite = { .name = "foo", .cases = foo_cases };
 *   selftest_suite(foo_suite);
 *
 * A case that cannot run here (the CPU lacks a feature, too little RAM,
 * another policy configured) says so with kunit_skip(test, "reason") and is
 * reported as `ok N name # SKIP reason`, counted apart from passes. The
 * *_MSG forms add a printf-style note that is printed only on failure.
 *
 * Hooks (all optional, as in KUnit): suite_init/suite_exit run around the
 * suite (a non-zero suite_init fails every case without running it);
 * init/exit run around each case, and may themselves use KUNIT_EXPECT_*
 * (an exit hook that checks "everything is back as it was" after each case
 * is the common use).
 *
 * Where a suite runs
 *
 *   - In the kernel: every .c file under mm/, kernel/, lib/, drivers/ and
 *     arch/arm64/ is linked in, so its suites are too. `selftest` in bootargs
 *     runs them all, `selftest=a,b` a subset (kernel/selftest.c);
 *     `make qemu-test BOOTARGS=selftest=buddy`.
 *   - On the host: list the suite's file in the test's SRCS in
 *     tests/host/test_X.mk, next to tests/host/kunit_main.c (main: runs
 *     the suites linked in, or those named in argv[1] as `a,b`; exit status
 *     1 if a case failed) and lib/kunit.c. The binary must define
 *     selftest_host_init() (tests/host/host_shim.h): it builds the machine
 *     the suites run on (usually host_mm_boot(): memblock and the buddy
 *     allocator on a fake arena), which in the kernel is the boot itself.
 *     `make build/host/test_buddy && build/host/test_buddy buddy`.
 *
 * A suite that runs in both places must not hard-code either machine:
 * compute expectations from the zone, memblock or mem_map it finds. Host-
 * only suites (fault injection, overridden hooks, long random runs, exact
 * layouts of the fake arena) live in tests/host/ and are named NAME_host,
 * so `buddy` runs in both and `buddy_host` only on the host. Suites run in
 * link order (on the host the test's own file is linked first).
 *
 * Registration: selftest_suite() puts a pointer to the suite in the section
 * `selftest_suites`. The kernel's linker.ld collects that section between
 * __start_selftest_suites and __stop_selftest_suites; on the host, GNU ld
 * defines those two symbols itself, which it does only for a section whose
 * name is a valid C identifier: hence no leading dot.
 *
 * Output: KTAP (Documentation/dev-tools/ktap.rst) from lib/kunit.c, the
 * same printer in both places; see lib/kunit.c for a sample. At the top
 * level KTAP is TAP, so `prove` reads a host binary's output.
 */
#ifndef _LINUX_SELFTEST_H
#define _LINUX_SELFTEST_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <string.h>

#define KUNIT_SKIP_REASON_SIZE	128

struct kunit {
	const char *name;
	bool failed;
	bool skipped;
	char skip_reason[KUNIT_SKIP_REASON_SIZE];
};

struct kunit_case {
	const char *name;
	void (*run)(struct kunit *test);
};

struct kunit_suite {
	const char *name;
	struct kunit_case *cases;	/* ends with an entry whose name is NULL */
	int (*suite_init)(struct kunit_suite *suite);
	void (*suite_exit)(struct kunit_suite *suite);
	int (*init)(struct kunit *test);
	void (*exit)(struct kunit *test);
};

#define KUNIT_CASE(fn)	{ #fn, fn }

#define selftest_suite(s)						\
	static struct kunit_suite *const __selftest_##s __used		\
	__section("selftest_suites") = &s

/* Records a failed check with both values; returns the check's truth. */
bool kunit_check(struct kunit *test, bool ok, const char *file, int line,
		 const char *expr, long long left, long long right);
bool kunit_check_str(struct kunit *test, bool ok, const char *file, int line,
		     const char *expr, const char *left, const char *right);
/* A diagnostic line under the current case ("# name: ..."), for the *_MSG checks. */
__printf(2, 3) void kunit_note(struct kunit *test, const char *fmt, ...);

/*
 * Both sides are compared as the integers they are, whatever their types:
 * ~0UL is greater than 1 and -1 is less than 0U (a plain cast of both to
 * long long would make ~0UL -1; C's usual conversions would make -1 > 0U).
 * KUnit gets the same from typed assertions.
 */
#define __kunit_signed(x)	((typeof(x))-1LL < (typeof(x))1)
static inline int kunit_cmp(bool a_signed, long long a, bool b_signed, long long b)
{
	bool a_neg = a_signed && a < 0, b_neg = b_signed && b < 0;

	if (a_neg != b_neg)
		return a_neg ? -1 : 1;
	/* Same sign: two negatives order as their two's complements do. */
	return (unsigned long long)a < (unsigned long long)b ? -1 :
	       (unsigned long long)a > (unsigned long long)b;
}
#define KUNIT_EXPECT_OP(test, a, op, b)					\
	({ __auto_type __a = (a); __auto_type __b = (b);		\
	   kunit_check(test,						\
		       kunit_cmp(__kunit_signed(__a), (long long)__a,	\
				 __kunit_signed(__b), (long long)__b) op 0,	\
		       __FILE__, __LINE__, #a " " #op " " #b,		\
		       (long long)__a, (long long)__b); })
#define KUNIT_EXPECT_EQ(t, a, b)	KUNIT_EXPECT_OP(t, a, ==, b)
#define KUNIT_EXPECT_NE(t, a, b)	KUNIT_EXPECT_OP(t, a, !=, b)
#define KUNIT_EXPECT_LT(t, a, b)	KUNIT_EXPECT_OP(t, a, <, b)
#define KUNIT_EXPECT_LE(t, a, b)	KUNIT_EXPECT_OP(t, a, <=, b)
#define KUNIT_EXPECT_GT(t, a, b)	KUNIT_EXPECT_OP(t, a, >, b)
#define KUNIT_EXPECT_GE(t, a, b)	KUNIT_EXPECT_OP(t, a, >=, b)
#define KUNIT_EXPECT_TRUE(t, c)		KUNIT_EXPECT_OP(t, !!(c), ==, 1)
#define KUNIT_EXPECT_FALSE(t, c)	KUNIT_EXPECT_OP(t, !!(c), ==, 0)
#define KUNIT_EXPECT_STREQ(t, a, b)					\
	({ const char *__a = (a), *__b = (b);				\
	   kunit_check_str(t, __a && __b && strcmp(__a, __b) == 0, __FILE__, __LINE__, \
			   #a " == " #b, __a, __b); })
/* The same checks with a note (printf format) printed when they fail (KUnit: *_MSG). */
#define KUNIT_EXPECT_OP_MSG(t, a, op, b, fmt, ...)			\
	({ bool __ok = KUNIT_EXPECT_OP(t, a, op, b);			\
	   if (!__ok)							\
		kunit_note(t, fmt, ##__VA_ARGS__);			\
	   __ok; })
#define KUNIT_EXPECT_EQ_MSG(t, a, b, fmt, ...)	KUNIT_EXPECT_OP_MSG(t, a, ==, b, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_TRUE_MSG(t, c, fmt, ...)	KUNIT_EXPECT_OP_MSG(t, !!(c), ==, 1, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_TRUE(t, c)		do { if (!KUNIT_EXPECT_TRUE(t, c)) return; } while (0)
#define KUNIT_ASSERT_EQ(t, a, b)	do { if (!KUNIT_EXPECT_EQ(t, a, b)) return; } while (0)
#define KUNIT_ASSERT_NE(t, a, b)	do { if (!KUNIT_EXPECT_NE(t, a, b)) return; } while (0)

/*
 * Mark the case skipped, with a reason (printf format), and go on (Linux:
 * kunit_mark_skipped). A failed expectation, before or after, still makes
 * the case `not ok`: a skip never hides a failure.
 */
__printf(2, 3) void kunit_mark_skipped(struct kunit *test, const char *fmt, ...);
/*
 * Mark the case skipped and return from it (Linux: kunit_skip). A return,
 * not KUnit's longjmp-like abort: use it in the case function itself, not
 * in a helper it calls.
 */
#define kunit_skip(test, fmt, ...)					\
	do { kunit_mark_skipped(test, fmt, ##__VA_ARGS__); return; } while (0)

/*
 * lib/kunit.c: run the n suites in order and print their KTAP, with the
 * totals; returns the number of failed cases.
 */
int kunit_run_suites(struct kunit_suite *const *suites, int n);
/*
 * Where the KTAP goes; each environment defines it: kernel/selftest.c to
 * the kernel log, tests/host/kunit_main.c to stdout (a host binary's printk
 * turns every line into a TAP comment, which would hide the results).
 */
__printf(1, 2) void kunit_printk(const char *fmt, ...);

/* The suites linked in (selftest_suite()), in link order. */
extern struct kunit_suite *const __start_selftest_suites[], *const __stop_selftest_suites[];
/*
 * lib/kunit.c: put the linked-in suites named in the comma-separated
 * filter (all if NULL or empty) into suites[], at most max; returns how many.
 */
int selftest_select(const char *filter, struct kunit_suite **suites, int max);
/* Print the list of suites linked in. */
void selftest_list(void);

#if defined(CONFIG_SELFTEST) || defined(HOST_TEST)
/*
 * kernel/selftest.c (the kernel only): run the suites named in the filter
 * (all if NULL/empty), with the injected failing suite if bootargs ask for
 * it; returns failed cases (-1 if no suite matched).
 */
int selftest_run(const char *filter);
/* Boot-time entry: run per the command line, print a summary, exit QEMU with the status. */
__noreturn void selftest_boot(void);
#else
/*
 * Built without the suites and their runner (make SELFTEST=0): the shell's
 * `selftest` and the `selftest` boot mode say so instead of doing nothing
 * (stubs here, as Linux headers have them, not #ifdefs in the callers).
 */
#include <linux/kernel.h>
#include <linux/reboot.h>

static inline int selftest_run(const char *filter)
{
	printk("selftest: not built in (make SELFTEST=1)\n");
	return -1;
}

static inline __noreturn void selftest_boot(void)
{
	selftest_run(NULL);
	machine_exit(1);
}
#endif

/*
 * Free pages once everything that can come back has: swapped-out pages of
 * tasks still alive (init, sleepers) swapped in, empty slabs freed, the
 * per-CPU lists drained. Two calls around a workload compare exactly.
 */
unsigned long selftest_free_pages(void);

#endif
