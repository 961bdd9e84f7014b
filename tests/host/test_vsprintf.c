/*
 * The host-only suite "vsprintf_host" (build/host/test_vsprintf):
 * lib/vsprintf.c's vsnprintf (renamed kvsnprintf here, see the top of that
 * file) is held against glibc's for the same format and arguments. Every comparison also checks truncation: for a range of
 * buffer sizes both must return the same length and leave the same bytes,
 * including the untouched ones past the end. Where we differ from glibc on
 * purpose (%p, %s of NULL) the expected text is spelled out.
 *
 * Why every case runs on the host only: glibc's snprintf is the reference,
 * which the kernel does not have; test_ours spells its expectations out but
 * also leans on ASan (%.Ns of an array without a NUL must not read past N).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <stdint.h>
#include <stddef.h>
#include <limits.h>
#include <stdbool.h>
#include <sys/types.h>
#include <linux/prandom.h>
#include <linux/selftest.h>
#include "host_shim.h"

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
__attribute__((format(printf, 3, 4))) int ksnprintf(char *buf, size_t size, const char *fmt, ...);

#define BUFSZ	1024
#define SENTINEL 0xa5

static long long n_compared;	/* cases compared with glibc, for the summary */
static int n_reported;		/* mismatch details printed, capped to keep logs short */

/*
 * Run fmt through both implementations with a full buffer and with sizes
 * around the output length. Returns 1 when everything matched; otherwise
 * prints the first difference as a TAP comment and returns 0.
 */
static __attribute__((format(printf, 1, 2))) int cmp(const char *fmt, ...)
{
	static unsigned char want[BUFSZ], got[BUFSZ];
	va_list ap, aq;
	int wlen, glen;

	n_compared++;
	va_start(ap, fmt);

	va_copy(aq, ap);
	wlen = vsnprintf((char *)want, sizeof(want), fmt, aq);
	va_end(aq);
	va_copy(aq, ap);
	glen = kvsnprintf((char *)got, sizeof(got), fmt, aq);
	va_end(aq);

	if (wlen != glen || strcmp((char *)want, (char *)got) != 0) {
		if (n_reported++ < 20)
			printf("#   fmt \"%s\": got %d \"%s\", want %d \"%s\"\n",
			       fmt, glen, got, wlen, want);
		va_end(ap);
		return 0;
	}

	/* Truncation: sizes 0..3, the middle, and around the exact length. */
	size_t sizes[] = { 0, 1, 2, 3, (size_t)wlen / 2, (size_t)wlen - 1, (size_t)wlen,
			   (size_t)wlen + 1, (size_t)wlen + 2 };

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t sz = sizes[i];

		if (sz > BUFSZ - 1)
			continue;
		memset(want, SENTINEL, sizeof(want));
		memset(got, SENTINEL, sizeof(got));
		va_copy(aq, ap);
		wlen = vsnprintf((char *)want, sz, fmt, aq);
		va_end(aq);
		va_copy(aq, ap);
		glen = kvsnprintf((char *)got, sz, fmt, aq);
		va_end(aq);
		if (wlen != glen || memcmp(want, got, sizeof(want)) != 0) {
			if (n_reported++ < 20)
				printf("#   fmt \"%s\" size %zu: got %d \"%.*s\", want %d \"%.*s\"\n",
				       fmt, sz, glen, (int)sz, got, wlen, (int)sz, want);
			va_end(ap);
			return 0;
		}
	}
	va_end(ap);
	return 1;
}

/* One check per hand-written case, named by its format and arguments when it fails. */
#define T(fmt, ...) KUNIT_EXPECT_TRUE_MSG(test, cmp(fmt, __VA_ARGS__), "%s, %s", fmt, #__VA_ARGS__)

/*
 * The same for formats GCC's -Wformat questions although C defines them
 * (a flag that another flag or the precision overrides), or, with expect(),
 * formats that are wrong on purpose.
 */
#define QUIET(stmt) do {						\
	_Pragma("GCC diagnostic push")					\
	_Pragma("GCC diagnostic ignored \"-Wformat\"")			\
	_Pragma("GCC diagnostic ignored \"-Wformat-extra-args\"")	\
	stmt;								\
	_Pragma("GCC diagnostic pop")					\
} while (0)
#define TQ(fmt, ...) QUIET(T(fmt, __VA_ARGS__))

/* Our output must be exactly want (for the cases where we differ from glibc). */
static __attribute__((format(printf, 3, 4))) void expect(struct kunit *test, const char *want,
							  const char *fmt, ...)
{
	char buf[BUFSZ];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (!KUNIT_EXPECT_TRUE_MSG(test, n == (int)strlen(want) && strcmp(buf, want) == 0, "\"%s\" -> \"%s\"", fmt, want))
		printf("#   got %d \"%s\"\n", n, buf);
}

static void test_basic(struct kunit *test)
{
	T("%s", "");
	T("hello, world%s", "");
	T("%%%c", '!');
	T("100%% %s", "sure");
	T("%c%c%c", 'a', 'b', 'c');
	T("[%5c]", 'x');
	T("[%-5c]", 'x');
	T("%c", 0x141);		/* converted to unsigned char */
	T("%s|%s", "one", "two");
	T("[%10s]", "right");
	T("[%-10s]", "left");
	T("[%.3s]", "truncated");
	T("[%10.3s]", "truncated");
	T("[%-10.3s]", "truncated");
	T("[%.0s]", "gone");
	T("[%.20s]", "short");
	T("[%*s]", 8, "star");
	T("[%*s]", -8, "star");
	T("[%-*s]", 8, "star");
	T("[%.*s]", 2, "star");
	T("[%.*s]", -1, "negative precision is none");
	T("[%*.*s]", 7, 2, "star");
	T("[%2s]", "longer than width");
	T("a%db%sc%xd", 1, "two", 3);
}

static void test_int(struct kunit *test)
{
	T("%d", 0);
	T("%d", 1);
	T("%d", -1);
	T("%d", 42);
	T("%i", -42);
	T("%d", INT_MAX);
	T("%d", INT_MIN);
	T("%u", 0u);
	T("%u", UINT_MAX);
	T("%x", 0xdeadbeefu);
	T("%X", 0xdeadbeefu);
	T("%o", 0777u);
	T("%o", UINT_MAX);
	T("%5d", 42);
	T("%-5d|", 42);
	T("%05d", 42);
	T("%05d", -42);
	TQ("%-05d|", -42);
	T("%+d", 42);
	T("%+d", -42);
	T("%+d", 0);
	T("% d", 42);
	T("% d", -42);
	TQ("%+ d", 42);
	TQ("% +d", 42);
	T("% 05d", 42);
	T("%+05d", 42);
	T("%.5d", 42);
	T("%.5d", -42);
	T("%8.5d", -42);
	T("%-8.5d|", -42);
	TQ("%08.5d", -42);
	T("%.0d", 0);
	T("[%5.0d]", 0);
	T("[%+.0d]", 0);
	T("[% .0d]", 0);
	T("%.0d", 7);
	T("%.1d", 0);
	T("%#x", 0u);
	T("%#x", 255u);
	T("%#X", 255u);
	T("%#o", 0u);
	T("%#o", 8u);
	T("%#.0o", 0u);
	T("%#.3o", 8u);
	T("%#.4o", 8u);
	T("%#10x", 255u);
	T("%#010x", 255u);
	T("%#-10x|", 255u);
	T("%#.8x", 255u);
	T("%#12.8x", 255u);
	T("%#08o", 8u);
	T("%*d", 6, 42);
	T("%*d", -6, 42);
	T("%-*d|", -6, 42);
	T("%.*d", 4, 42);
	T("%.*d", -4, 42);
	T("%0*d", 6, -42);
	TQ("%0.*d", -1, 42);	/* negative precision: '0' applies again */
	T("%*.*d", 10, 4, -42);
	T("%2d", 123456);
	T("%40d", INT_MIN);
	T("%-40d|", INT_MIN);
	T("%040d", INT_MIN);
	T("%.40d", INT_MIN);
	TQ("%+.40u", 5u);
	TQ("% u", 5u);
}

static void test_lengths(struct kunit *test)
{
	T("%hhd", 127);
	T("%hhd", 128);
	T("%hhd", -129);
	T("%hhd", 0x1ff);
	T("%hhu", 255);
	T("%hhu", 256);
	T("%hhu", -1);
	T("%hhx", 0xabcd);
	T("%hho", 0777);
	T("%hd", 32767);
	T("%hd", 32768);
	T("%hd", -32769);
	T("%hu", 65535);
	T("%hu", 65536);
	T("%hu", -1);
	T("%hx", 0x12345678);
	T("%ld", 0L);
	T("%ld", LONG_MAX);
	T("%ld", LONG_MIN);
	T("%lu", ULONG_MAX);
	T("%lx", ULONG_MAX);
	T("%lX", 0xfedcba9876543210UL);
	T("%lo", ULONG_MAX);
	T("%#lo", ULONG_MAX);
	T("%#lx", ULONG_MAX);
	T("%lld", 0LL);
	T("%lld", LLONG_MAX);
	T("%lld", LLONG_MIN);
	T("%+lld", LLONG_MIN);
	T("%30lld", LLONG_MIN);
	T("%-30lld|", LLONG_MIN);
	T("%030lld", LLONG_MIN);
	T("%.25lld", LLONG_MIN);
	T("%llu", ULLONG_MAX);
	T("%llx", ULLONG_MAX);
	T("%llX", ULLONG_MAX);
	T("%llo", ULLONG_MAX);
	T("%#llo", ULLONG_MAX);
	T("%#llx", ULLONG_MAX);
	T("%#.20llx", 1ULL);
	T("%lli", -1LL);
	T("%zu", (size_t)0);
	T("%zu", SIZE_MAX);
	T("%zx", SIZE_MAX);
	T("%zd", (ssize_t)-1);
	T("%zd", (ssize_t)PTRDIFF_MIN);
	T("%zi", (ssize_t)12345);
	T("%td", (ptrdiff_t)-12345);
	T("%td", PTRDIFF_MIN);
	T("%td", PTRDIFF_MAX);
	T("%tx", (ptrdiff_t)-1);
	T("%tu", (ptrdiff_t)42);
	T("%jd", INTMAX_MIN);
	T("%ju", UINTMAX_MAX);
	T("%d %ld %lld %hd %hhd %zu %td", 1, 2L, 3LL, 4, 5, (size_t)6, (ptrdiff_t)7);
}

/* A long output, so truncation is tried far from the start too. */
static void test_long(struct kunit *test)
{
	static char big[600];

	memset(big, 'z', sizeof(big) - 1);
	T("%s", big);
	T("%s|%s", big, "tail");
	T("%700d", 5);
	T("%-700d|", 5);
	T("%0700d", -5);
	T("%.700d", 5);
	T("[%.400s]", big);
	T("[%1000s]", "x");
}

/*
 * Where we differ from glibc on purpose: %p prints every digit of the raw
 * pointer (glibc drops leading zeros and prints "(nil)"), and NULL for %s is
 * "(null)" cut by the precision (glibc prints nothing if "(null)" won't fit).
 */
static void test_ours(struct kunit *test)
{
	/* Through a volatile, so GCC does not warn about the NULL %s at compile time. */
	const char *volatile nul = NULL;
	char buf[32];
	int n;

	expect(test, "0x0000000000000000", "%p", (void *)0);
	expect(test, "0x0000000000001234", "%p", (void *)0x1234);
	expect(test, "0xffff000040080000", "%p", (void *)0xffff000040080000UL);
	expect(test, "0xffffffffffffffff", "%p", (void *)UINTPTR_MAX);
	expect(test, "[  0x00000000deadbeef]", "[%20p]", (void *)0xdeadbeefUL);
	expect(test, "[0x00000000deadbeef  ]", "[%-20p]", (void *)0xdeadbeefUL);
	expect(test, "[0x00000000deadbeef]", "[%5p]", (void *)0xdeadbeefUL);
	expect(test, "(null)", "%s", nul);
	expect(test, "[(nu]", "[%.3s]", nul);
	expect(test, "[  (null)]", "[%8s]", nul);
	expect(test, "[(null)  ]", "[%-8s]", nul);
	/* %s with a precision must not read past it: no NUL in this array. */
	char nonul[4] = { 'a', 'b', 'c', 'd' };
	expect(test, "abc", "%.3s", nonul);
	expect(test, "abcd", "%.4s", nonul);
	/* A lone or unknown conversion is printed as written, consuming nothing. */
	QUIET(expect(test, "50%", "50%"));
	QUIET(expect(test, "%y5", "%y%d", 5));
	QUIET(expect(test, "%-8y5", "%-8y%d", 5));

	/* size 0: nothing written (buf may even be NULL), the full length returned. */
	KUNIT_EXPECT_EQ_MSG(test, ksnprintf(NULL, 0, "%d", 12345), 5, "size 0 with NULL buffer returns the length");
	memset(buf, 'Q', sizeof(buf));
	n = ksnprintf(buf, 0, "abc");
	KUNIT_EXPECT_TRUE_MSG(test, n == 3 && buf[0] == 'Q', "size 0 writes nothing");
	n = ksnprintf(buf, 1, "abc");
	KUNIT_EXPECT_TRUE_MSG(test, n == 3 && buf[0] == '\0' && buf[1] == 'Q', "size 1 writes only the NUL");
	n = ksnprintf(buf, 4, "abcdef");
	KUNIT_EXPECT_TRUE_MSG(test, n == 6 && strcmp(buf, "abc") == 0 && buf[4] == 'Q', "truncates to size-1 and terminates");
	n = ksnprintf(buf, sizeof(buf), "%p", (void *)buf);
	KUNIT_EXPECT_TRUE_MSG(test, n == 18 && buf[0] == '0' && buf[1] == 'x', "%%p is always 18 characters");
}

static struct rnd_state rnd_state;	/* lib/prandom.c */

static int pick(int n)
{
	return (int)(prandom_u32_state(&rnd_state) % n);
}

/* Interesting values for the integer sweeps: edges of every width, and a few random. */
static const long long sval[] = {
	0, 1, -1, 7, 8, 9, 10, -10, 15, 16, 99, 100, 127, 128, -128, -129, 255, 256,
	32767, 32768, -32768, -32769, 65535, 65536, 123456789, -987654321,
	INT_MAX, INT_MIN, (long long)INT_MAX + 1, (long long)INT_MIN - 1, UINT_MAX,
	0x123456789abcdefLL, -0x123456789abcdefLL, LLONG_MAX, LLONG_MIN, LLONG_MIN + 1,
};
#define NSVAL (sizeof(sval) / sizeof(sval[0]))

/*
 * Every combination of flags, width and precision on every integer
 * conversion and length modifier, with values from sval: about 150
 * thousand cases. One check per conversion, with mismatches listed.
 */
/* Call cmp() with any '*' ints first, as va_arg will fetch them. */
#define SWEEP_CALL(val) do {					\
	if (ws && ps)						\
		bad += !cmp(fmt, sw, sp, val);			\
	else if (ws)						\
		bad += !cmp(fmt, sw, val);			\
	else if (ps)						\
		bad += !cmp(fmt, sp, val);			\
	else							\
		bad += !cmp(fmt, val);				\
} while (0)

static void sweep_ints(struct kunit *test)
{
	static const char *const flagsets[] = {
		"", "-", "0", "+", " ", "#", "-0", "-+", "- ", "-#", "0+", "0 ", "0#",
		"+ ", "+#", " #", "-0+#", "-+ #", "0+ #", "-0+ #",
	};
	static const char *const widths[] = { "", "1", "5", "12", "24", "*" };
	static const char *const precs[] = { "", ".", ".0", ".1", ".4", ".12", ".25", ".*" };
	static const char *const lens[] = { "hh", "h", "", "l", "ll", "z", "t", "j" };
	static const char convs[] = "diuxXo";

	size_t rot = 0;

	for (const char *c = convs; *c; c++) {
		long long before = n_compared;
		int bad = 0;

		for (size_t l = 0; l < sizeof(lens) / sizeof(lens[0]); l++)
		for (size_t f = 0; f < sizeof(flagsets) / sizeof(flagsets[0]); f++)
		for (size_t w = 0; w < sizeof(widths) / sizeof(widths[0]); w++)
		for (size_t p = 0; p < sizeof(precs) / sizeof(precs[0]); p++) {
			char fmt[32];
			int sw = 7 - pick(15), sp = 6 - pick(10);	/* '*' values, negatives included */

			/* '#' is defined only for o, x and X. */
			if (strchr(flagsets[f], '#') && (*c == 'd' || *c == 'i' || *c == 'u'))
				continue;
			snprintf(fmt, sizeof(fmt), "[%%%s%s%s%s%c]", flagsets[f], widths[w],
				 precs[p], lens[l], *c);
			/*
			 * Four values per format, rotating through sval, so every
			 * value meets every flag/width/precision over the sweep
			 * without making it take minutes under ASan.
			 */
			for (size_t v = 0; v < 4; v++) {
				long long x = sval[(rot++ * 7 + v * 9) % NSVAL];
				bool ws = widths[w][0] == '*', ps = strchr(precs[p], '*') != NULL;

				/* Pass the value with the type the length modifier names. */
				switch (l) {
				case 0: case 1: case 2: SWEEP_CALL((int)x); break;
				case 3: SWEEP_CALL((long)x); break;
				case 4: SWEEP_CALL(x); break;
				case 5: SWEEP_CALL((size_t)x); break;
				case 6: SWEEP_CALL((ptrdiff_t)x); break;
				default: SWEEP_CALL((intmax_t)x); break;
				}
			}
		}
		KUNIT_EXPECT_TRUE_MSG(test, bad == 0, "sweep %%%c: %lld formats agree with glibc (%d differ)",
		   *c, n_compared - before, bad);
	}
}

/* Strings and chars under every defined flag/width/precision mix. */
static void sweep_strings(struct kunit *test)
{
	static const char *const strs[] = { "", "a", "abc", "hello world", "0123456789abcdef" };
	static const char *const flagsets[] = { "", "-", "+", " ", "-+ " };
	long long before = n_compared;
	int bad = 0;

	for (size_t f = 0; f < sizeof(flagsets) / sizeof(flagsets[0]); f++)
	for (int w = -1; w <= 20; w++)
	for (int p = -2; p <= 20; p++) {
		char fmt[32], wbuf[8] = "", pbuf[8] = "";

		if (w >= 0)
			snprintf(wbuf, sizeof(wbuf), "%d", w);
		if (p == -1)
			snprintf(pbuf, sizeof(pbuf), ".");
		else if (p >= 0)
			snprintf(pbuf, sizeof(pbuf), ".%d", p);
		snprintf(fmt, sizeof(fmt), "<%%%s%s%ss>", flagsets[f], wbuf, pbuf);
		for (size_t s = 0; s < sizeof(strs) / sizeof(strs[0]); s++)
			bad += !cmp(fmt, strs[s]);
		/* %c takes no precision; try it once per width. */
		if (p == -2) {
			snprintf(fmt, sizeof(fmt), "<%%%s%sc>", flagsets[f], wbuf);
			bad += !cmp(fmt, 'q');
			bad += !cmp(fmt, 0xff);
		}
		/* The same through '*'. */
		bad += !cmp("<%*.*s>", w, p, "starry");
		bad += !cmp("<%-*.*s>", w, p, "starry");
		bad += !cmp("<%*c>", w, 'k');
	}
	KUNIT_EXPECT_TRUE_MSG(test, bad == 0, "sweep %%s/%%c: %lld formats agree with glibc (%d differ)",
	   n_compared - before, bad);
}

/*
 * Formats of up to four random int conversions (random flags, width,
 * precision, '*', h/hh) between literal text. Every argument is an int, so
 * twelve ints cover any '*'s; the ones a format does not use are ignored.
 */
static void sweep_random(struct kunit *test)
{
	static const char *const lens[] = { "", "", "h", "hh" };
	static const char convs[] = "diuxXoc";
	long long before = n_compared;
	int bad = 0;

	for (int iter = 0; iter < 20000; iter++) {
		char fmt[160] = "";
		int a[12];

		/* Small enough as '*' widths not to print megabytes of padding. */
		for (int i = 0; i < 12; i++)
			a[i] = pick(3) ? 5000 - pick(10000) : 20 - pick(40);
		for (int k = 1 + pick(4); k > 0; k--) {
			char c = convs[pick(sizeof(convs) - 1)];
			char *e = fmt + strlen(fmt);

			e += sprintf(e, "%s%%", pick(2) ? "<" : "");
			for (const char *fl = "-0+ #"; *fl; fl++) {
				/* '#' only for o/x/X; %c takes no '0', sign or precision. */
				if (*fl == '#' && !strchr("oxX", c))
					continue;
				if (c == 'c' && *fl != '-')
					continue;
				if (!pick(3))
					*e++ = *fl;
			}
			switch (pick(3)) {
			case 0: break;
			case 1: e += sprintf(e, "%d", pick(30)); break;
			default: *e++ = '*'; break;
			}
			if (c != 'c') {
				switch (pick(4)) {
				case 0: break;
				case 1: e += sprintf(e, ".%d", pick(25)); break;
				case 2: *e++ = '.'; break;
				default: e += sprintf(e, ".*"); break;
				}
				e += sprintf(e, "%s", lens[pick(4)]);
			}
			sprintf(e, "%c%s", c, pick(2) ? ">" : " ");
		}
		bad += !cmp(fmt, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8],
			    a[9], a[10], a[11]);
	}
	KUNIT_EXPECT_TRUE_MSG(test, bad == 0, "random int formats: %lld agree with glibc (%d differ)",
	   n_compared - before, bad);
}

/* The same random formats on every run: lib/prandom.c from a fixed seed. */
int selftest_host_init(void)
{
	prandom_seed_state(&rnd_state, 12345);
	return 0;
}

static void vsprintf_host_summary(struct kunit_suite *suite)
{
	kunit_printk("    # %s: %lld formats compared with glibc in all\n", suite->name, n_compared);
}

static struct kunit_case vsprintf_host_cases[] = {
	KUNIT_CASE(test_basic),
	KUNIT_CASE(test_int),
	KUNIT_CASE(test_lengths),
	KUNIT_CASE(test_long),
	KUNIT_CASE(test_ours),
	KUNIT_CASE(sweep_ints),
	KUNIT_CASE(sweep_strings),
	KUNIT_CASE(sweep_random),
	{ NULL, NULL },
};

static struct kunit_suite vsprintf_host_suite = {
	.name = "vsprintf_host",
	.cases = vsprintf_host_cases,
	.suite_exit = vsprintf_host_summary,
};
selftest_suite(vsprintf_host_suite);
