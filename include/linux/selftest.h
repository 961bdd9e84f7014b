/*
 * In-kernel self-tests, shaped like Linux's KUnit: a suite is a named list
 * of cases; a case calls KUNIT_EXPECT_* (records a failure and goes on) or
 * KUNIT_ASSERT_* (records a failure and ends the case). A case that cannot
 * run here (the CPU lacks a feature, too little RAM, another policy
 * configured) says so with kunit_skip(test, "reason") and is reported as
 * `ok N name # SKIP reason`, counted apart from passes. Results are printed
 * as KTAP. Suites register themselves with selftest_suite(); `selftest` in
 * bootargs runs them all, `selftest=a,b` a subset (kernel/selftest.c).
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
};

#define KUNIT_CASE(fn)	{ #fn, fn }

#define selftest_suite(s)						\
	static struct kunit_suite *const __selftest_##s __used		\
	__section(".selftest_suites") = &s

/* Records a failed check with both values; returns the check's truth. */
bool kunit_check(struct kunit *test, bool ok, const char *file, int line,
		 const char *expr, long long left, long long right);
bool kunit_check_str(struct kunit *test, bool ok, const char *file, int line,
		     const char *expr, const char *left, const char *right);

#define KUNIT_EXPECT_OP(test, a, op, b)					\
	({ long long __a = (long long)(a), __b = (long long)(b);	\
	   kunit_check(test, __a op __b, __FILE__, __LINE__, #a " " #op " " #b, __a, __b); })
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

#ifdef CONFIG_SELFTEST
/* Run the suites named in the comma-separated filter (all if NULL/empty); returns failed cases. */
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
/* Print the list of suites. */
void selftest_list(void);

#endif
