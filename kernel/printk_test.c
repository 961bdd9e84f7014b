/* Self-test suite "printk": the formatting core and the log buffer. */
#include <linux/kernel.h>
#include <linux/selftest.h>
#include <string.h>

static char buf[128];

#define EXPECT_FMT(test, want, fmt, ...) do {				\
	int __n = snprintf(buf, sizeof(buf), fmt, ##__VA_ARGS__);	\
	KUNIT_EXPECT_STREQ(test, buf, want);				\
	KUNIT_EXPECT_EQ(test, __n, (int)strlen(want));			\
} while (0)

static void test_integers(struct kunit *test)
{
	EXPECT_FMT(test, "0 -1 42", "%d %d %u", 0, -1, 42u);
	EXPECT_FMT(test, "-2147483648", "%d", (int)0x80000000);
	EXPECT_FMT(test, "4294967295", "%u", 0xffffffffu);
	EXPECT_FMT(test, "18446744073709551615", "%lu", ~0UL);
	EXPECT_FMT(test, "-9223372036854775808", "%ld", (long)(1UL << 63));
}

static void test_hex(struct kunit *test)
{
	EXPECT_FMT(test, "ff FF 0xff", "%x %X %#x", 255u, 255u, 255u);
	EXPECT_FMT(test, "ffff000000000000", "%lx", 0xffff000000000000UL);
	EXPECT_FMT(test, "0x0000000040200000", "%p", (void *)0x40200000UL);
}

static void test_widths(struct kunit *test)
{
	EXPECT_FMT(test, "[   42]", "[%5d]", 42);
	EXPECT_FMT(test, "[42   ]", "[%-5d]", 42);
	EXPECT_FMT(test, "[00042]", "[%05d]", 42);
	EXPECT_FMT(test, "[0000beef]", "[%08x]", 0xbeefu);
	EXPECT_FMT(test, "[  ab]", "[%4s]", "ab");
	EXPECT_FMT(test, "[ab  ]", "[%-4s]", "ab");
	EXPECT_FMT(test, "[abc]", "[%.3s]", "abcdef");
	EXPECT_FMT(test, "[x]", "[%c]", 'x');
	{
		const char *volatile null = NULL;	/* hidden from the format checker */

		EXPECT_FMT(test, "(null)", "%s", null);
	}
	EXPECT_FMT(test, "100%", "%d%%", 100);
}

static void test_truncation(struct kunit *test)
{
	char small[6];
	int n = snprintf(small, sizeof(small), "%s", "hello world");

	KUNIT_EXPECT_EQ(test, n, 11);
	KUNIT_EXPECT_STREQ(test, small, "hello");
}

/* printk output lands in the log buffer, whole. */
static void test_log_buffer(struct kunit *test)
{
	unsigned long head = log_buf_head();
	char got[64];

	printk("# printk selftest marker %d\n", 1234);
	log_buf_copy(got, sizeof(got), head);
	KUNIT_EXPECT_STREQ(test, got, "# printk selftest marker 1234\n");
}

static struct kunit_case printk_cases[] = {
	KUNIT_CASE(test_integers),
	KUNIT_CASE(test_hex),
	KUNIT_CASE(test_widths),
	KUNIT_CASE(test_truncation),
	KUNIT_CASE(test_log_buffer),
	{ NULL, NULL },
};

static struct kunit_suite printk_suite = { .name = "printk", .cases = printk_cases };
selftest_suite(printk_suite);
