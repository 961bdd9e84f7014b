/*
 * The host-only suite "string_host" (build/host/test_string): lib/string.c
 * and lib/stdlib.c held against glibc's functions on many sizes,
 * alignments and overlaps. Our functions are renamed kmemcpy, kstrtoul, ...
 * under HOST_TEST (see the top of those files). Buffers are malloc'd to the
 * exact size an operation may touch, so ASan reports any word-sized access
 * that strays past an edge.
 *
 * Why every case runs on the host only: each compares with glibc (the
 * reference the kernel does not have) and leans on ASan to see reads and
 * writes past exactly-sized buffers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <stdbool.h>
#include <limits.h>
#include <errno.h>
#include <linux/selftest.h>
#include "host_shim.h"

void *kmemcpy(void *dst, const void *src, size_t n);
void *kmemmove(void *dst, const void *src, size_t n);
void *kmemset(void *s, int c, size_t n);
int kmemcmp(const void *a, const void *b, size_t n);
void *kmemchr(const void *s, int c, size_t n);
size_t kstrlen(const char *s);
size_t kstrnlen(const char *s, size_t max);
int kstrcmp(const char *a, const char *b);
int kstrncmp(const char *a, const char *b, size_t n);
char *kstrchr(const char *s, int c);
char *kstrrchr(const char *s, int c);
char *kstrncpy(char *dst, const char *src, size_t n);
size_t kstrlcpy(char *dst, const char *src, size_t size);
unsigned long kstrtoul(const char *s, char **end, int base);
long kstrtol(const char *s, char **end, int base);

static int report_budget = 20;	/* mismatch details printed, capped */

#define MISMATCH(...) do { if (report_budget-- > 0) printf("#   " __VA_ARGS__); } while (0)

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

static void fill_random(unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = rand();
}

/* Sizes to try: every small one, then the edges of words, blocks and pages. */
static const size_t big_sizes[] = {
	255, 256, 257, 511, 512, 513, 1000, 4095, 4096, 4097, 16384, 16384 + 7,
};
#define NSIZES (201 + sizeof(big_sizes) / sizeof(big_sizes[0]))

static size_t size_at(size_t i)
{
	return i <= 200 ? i : big_sizes[i - 201];
}

/*
 * memcpy at every source/destination alignment 0..15 and every size. The
 * destination sits in a buffer with 16 guard bytes either side that must
 * come through untouched; the source buffer ends exactly at src + n.
 */
static void test_memcpy(struct kunit *test)
{
	long cases = 0, bad = 0;

	for (size_t si = 0; si < NSIZES; si++) {
		size_t n = size_at(si);

		for (size_t so = 0; so < 16; so++) {
			unsigned char *src = malloc(so + n + 1);

			fill_random(src, so + n);
			for (size_t d = 0; d < 16; d++) {
				unsigned char *dst = malloc(n + 48);
				unsigned char *ref = malloc(n + 48);
				void *r;

				fill_random(dst, n + 48);
				memcpy(ref, dst, n + 48);
				memcpy(ref + 16 + d, src + so, n);
				r = kmemcpy(dst + 16 + d, src + so, n);
				cases++;
				if (r != dst + 16 + d || memcmp(dst, ref, n + 48) != 0) {
					bad++;
					MISMATCH("memcpy n=%zu src+%zu dst+%zu\n", n, so, d);
				}
				free(dst);
				free(ref);
			}
			free(src);
		}
	}
	KUNIT_EXPECT_TRUE_MSG(test, bad == 0, "memcpy: %ld size/alignment cases match glibc (%ld differ)", cases, bad);
}

/*
 * memmove inside one buffer, at every distance from -40 to +40 bytes (both
 * directions, overlapping or not) and at several alignments, compared with
 * glibc's memmove on an identical copy.
 */
static void test_memmove(struct kunit *test)
{
	long cases = 0, bad = 0;

	for (size_t si = 0; si < NSIZES; si++) {
		size_t n = size_at(si);
		size_t len = n + 96;
		unsigned char *buf = malloc(len), *ref = malloc(len);

		for (int dist = -40; dist <= 40; dist++) {
			for (size_t off = 40; off < 48; off += (n > 1000 ? 3 : 1)) {
				size_t so = off, dof = off + dist;
				void *r;

				fill_random(buf, len);
				memcpy(ref, buf, len);
				memmove(ref + dof, ref + so, n);
				r = kmemmove(buf + dof, buf + so, n);
				cases++;
				if (r != buf + dof || memcmp(buf, ref, len) != 0) {
					bad++;
					MISMATCH("memmove n=%zu src+%zu dst+%zu\n", n, so, dof);
				}
			}
		}
		free(buf);
		free(ref);
	}

	/* Far apart, and a whole page moved by one byte either way. */
	unsigned char *page = malloc(8193), *ref = malloc(8193);

	fill_random(page, 8193);
	memcpy(ref, page, 8193);
	memmove(ref + 1, ref, 8192);
	kmemmove(page + 1, page, 8192);
	bad += memcmp(page, ref, 8193) != 0;
	memmove(ref, ref + 1, 8192);
	kmemmove(page, page + 1, 8192);
	bad += memcmp(page, ref, 8193) != 0;
	KUNIT_EXPECT_TRUE_MSG(test, kmemmove(page, page, 100) == page && kmemmove(page, page + 5, 0) == page,
	   "memmove returns dst for n == 0 and src == dst");
	free(page);
	free(ref);
	KUNIT_EXPECT_TRUE_MSG(test, bad == 0, "memmove: %ld overlap/direction cases match glibc (%ld differ)", cases, bad);
}

/* memset at every alignment and size, with byte values that need truncating to 8 bits. */
static void test_memset(struct kunit *test)
{
	static const int values[] = { 0, 0xff, 0x5a, -1, 0x1ab, -0x80 };
	long cases = 0, bad = 0;

	for (size_t si = 0; si < NSIZES; si++) {
		size_t n = size_at(si);

		for (size_t d = 0; d < 16; d++) {
			for (size_t v = 0; v < sizeof(values) / sizeof(values[0]); v++) {
				unsigned char *dst = malloc(n + 48), *ref = malloc(n + 48);
				void *r;

				fill_random(dst, n + 48);
				memcpy(ref, dst, n + 48);
				memset(ref + 16 + d, values[v], n);
				r = kmemset(dst + 16 + d, values[v], n);
				cases++;
				if (r != dst + 16 + d || memcmp(dst, ref, n + 48) != 0) {
					bad++;
					MISMATCH("memset n=%zu dst+%zu c=%d\n", n, d, values[v]);
				}
				free(dst);
				free(ref);
			}
		}
	}

	/* Exactly-sized buffer: the page-clearing case, 16 KiB as liblz4 asks. */
	unsigned char *state = malloc(16384);

	kmemset(state, 0, 16384);
	bool zero = true;
	for (size_t i = 0; i < 16384; i++)
		zero &= state[i] == 0;
	free(state);
	KUNIT_EXPECT_TRUE_MSG(test, zero, "memset clears a 16 KiB exactly-sized buffer");
	KUNIT_EXPECT_TRUE_MSG(test, bad == 0, "memset: %ld size/alignment/value cases match glibc (%ld differ)", cases, bad);
}

/*
 * memcmp of equal buffers with one byte changed at each position (and bytes
 * above 0x7f, which must compare as unsigned), at different alignments of
 * the two sides. Only the sign of the result is specified.
 */
static void test_memcmp(struct kunit *test)
{
	long cases = 0, bad = 0;

	for (size_t n = 0; n <= 70; n++) {
		for (size_t ao = 0; ao < 8; ao++) {
			for (size_t bo = 0; bo < 8; bo += 3) {
				unsigned char *a = malloc(ao + n + 1), *b = malloc(bo + n + 1);

				fill_random(a + ao, n);
				memcpy(b + bo, a + ao, n);
				cases++;
				if (kmemcmp(a + ao, b + bo, n) != 0) {
					bad++;
					MISMATCH("memcmp equal n=%zu\n", n);
				}
				for (size_t k = 0; k < n; k++) {
					unsigned char save = b[bo + k];

					b[bo + k] = rand();
					cases++;
					if (sign(kmemcmp(a + ao, b + bo, n)) != sign(memcmp(a + ao, b + bo, n))) {
						bad++;
						MISMATCH("memcmp n=%zu diff at %zu (%02x vs %02x)\n",
							 n, k, a[ao + k], b[bo + k]);
					}
					b[bo + k] = save;
				}
				free(a);
				free(b);
			}
		}
	}
	KUNIT_EXPECT_TRUE_MSG(test, bad == 0, "memcmp: %ld cases agree with glibc in sign (%ld differ)", cases, bad);
	KUNIT_EXPECT_TRUE_MSG(test, kmemcmp("\x80", "\x7f", 1) > 0, "memcmp compares bytes as unsigned");
	KUNIT_EXPECT_TRUE_MSG(test, kmemcmp("abc", "xyz", 0) == 0, "memcmp of 0 bytes is equal");
}

static void test_memchr(struct kunit *test)
{
	unsigned char buf[64];
	long bad = 0, cases = 0;

	for (int i = 0; i < 64; i++)
		buf[i] = i * 3;
	for (int c = -300; c < 600; c++) {
		for (size_t n = 0; n <= 64; n += 7) {
			cases++;
			if (kmemchr(buf, c, n) != memchr(buf, c, n))
				bad++;
		}
	}
	KUNIT_EXPECT_TRUE_MSG(test, bad == 0, "memchr: %ld cases match glibc (%ld differ)", cases, bad);
}

/* A random NUL-terminated string of length len, from a small alphabet with high bytes. */
static char *random_string(size_t len)
{
	static const char alpha[] = "abcxyz/.\x80\xfe";
	char *s = malloc(len + 1);

	for (size_t i = 0; i < len; i++)
		s[i] = alpha[rand() % (sizeof(alpha) - 1)];
	s[len] = '\0';
	return s;
}

static void test_str(struct kunit *test)
{
	long cases = 0, bad = 0;

	for (int iter = 0; iter < 20000; iter++) {
		size_t la = rand() % 40, lb = rand() % 40;
		char *a = random_string(la), *b;
		size_t n = rand() % 50;
		int c = "abcxyz/\x80q"[rand() % 9];

		/* Often make b share a prefix with a, so the comparisons go deep. */
		if (rand() % 2) {
			b = malloc(la + 1);
			memcpy(b, a, la + 1);
			if (la && rand() % 2)
				b[rand() % la] = "ab\x80"[rand() % 3];
			if (la && rand() % 3 == 0)
				b[rand() % la] = '\0';
		} else {
			b = random_string(lb);
		}
		cases++;
		bool good = kstrlen(a) == strlen(a) &&
			    kstrnlen(a, n) == strnlen(a, n) &&
			    sign(kstrcmp(a, b)) == sign(strcmp(a, b)) &&
			    sign(kstrncmp(a, b, n)) == sign(strncmp(a, b, n)) &&
			    kstrchr(a, c) == strchr(a, c) &&
			    kstrrchr(a, c) == strrchr(a, c) &&
			    kstrchr(a, 0) == a + la &&
			    kstrrchr(a, 0) == a + la;

		/* strncpy into an exactly-sized buffer, compared with glibc's. */
		char *d1 = malloc(n + 1), *d2 = malloc(n + 1);

		memset(d1, 'Q', n + 1);
		memset(d2, 'Q', n + 1);
		good &= kstrncpy(d1, a, n) == d1;
		strncpy(d2, a, n);
		good &= memcmp(d1, d2, n + 1) == 0;
		free(d1);
		free(d2);

		if (!good) {
			bad++;
			MISMATCH("str* on \"%s\" / \"%s\" n=%zu c=%d\n", a, b, n, c);
		}
		free(a);
		free(b);
	}
	KUNIT_EXPECT_TRUE_MSG(test, bad == 0, "strlen/strnlen/strcmp/strncmp/strchr/strrchr/strncpy: %ld random cases match glibc (%ld differ)",
	   cases, bad);

	/* strnlen must not read past max when there is no NUL (ASan checks). */
	char *nonul = malloc(5);

	memcpy(nonul, "abcde", 5);
	KUNIT_EXPECT_EQ_MSG(test, kstrnlen(nonul, 5), 5, "strnlen stops at max without a NUL");
	KUNIT_EXPECT_EQ_MSG(test, kstrnlen(nonul, 3), 3, "strnlen returns max when shorter");
	free(nonul);
	KUNIT_EXPECT_TRUE_MSG(test, kstrcmp("a\x80", "a\x01") > 0, "strcmp compares as unsigned char");
	KUNIT_EXPECT_TRUE_MSG(test, kstrcmp("abc", "abcd") < 0 && kstrcmp("abcd", "abc") > 0, "strcmp: prefix is smaller");
	KUNIT_EXPECT_TRUE_MSG(test, kstrncmp("abcX", "abcY", 3) == 0, "strncmp stops after n");
	KUNIT_EXPECT_TRUE_MSG(test, kstrchr("abc", 'a' + 256) != NULL, "strchr converts c to char");
}

/* strlcpy (not in bookworm's glibc): always terminated, returns strlen(src). */
static void test_strlcpy(struct kunit *test)
{
	char buf[8];
	size_t r;

	memset(buf, 'Q', sizeof(buf));
	r = kstrlcpy(buf, "hello", sizeof(buf));
	KUNIT_EXPECT_TRUE_MSG(test, r == 5 && strcmp(buf, "hello") == 0 && buf[6] == 'Q', "strlcpy fits; bytes after NUL untouched");
	r = kstrlcpy(buf, "a longer string", sizeof(buf));
	KUNIT_EXPECT_TRUE_MSG(test, r == 15 && strcmp(buf, "a longe") == 0, "strlcpy truncates to size-1 and returns strlen(src)");
	memset(buf, 'Q', sizeof(buf));
	r = kstrlcpy(buf, "abc", 1);
	KUNIT_EXPECT_TRUE_MSG(test, r == 3 && buf[0] == '\0' && buf[1] == 'Q', "strlcpy size 1 writes only the NUL");
	r = kstrlcpy(buf, "abc", 0);
	KUNIT_EXPECT_TRUE_MSG(test, r == 3 && buf[0] == '\0' && buf[1] == 'Q', "strlcpy size 0 writes nothing");
	r = kstrlcpy(buf, "", sizeof(buf));
	KUNIT_EXPECT_TRUE_MSG(test, r == 0 && buf[0] == '\0', "strlcpy of empty string");
}

/* s with white space spelled as escapes, so a failure note stays one line. */
static const char *esc(const char *s)
{
	static char buf[128];
	size_t p = 0;

	for (; *s && p < sizeof(buf) - 3; s++) {
		if (*s == '\n' || *s == '\t') {
			buf[p++] = '\\';
			buf[p++] = *s == '\n' ? 'n' : 't';
		} else {
			buf[p++] = *s;
		}
	}
	buf[p] = '\0';
	return buf;
}

/* Compare kstrtoul/kstrtol with glibc on value and end position. */
static void check_strto(struct kunit *test, const char *s, int base)
{
	char *e1, *e2;
	unsigned long u1, u2;
	long l1, l2;

	u1 = kstrtoul(s, &e1, base);
	u2 = strtoul(s, &e2, base);
	if (!KUNIT_EXPECT_TRUE_MSG(test, u1 == u2 && e1 == e2, "strtoul(\"%s\", %d) = %lu, end +%td", esc(s), base, u2, e2 - s))
		printf("#   got %lu end +%td\n", u1, e1 - s);
	l1 = kstrtol(s, &e1, base);
	l2 = strtol(s, &e2, base);
	if (!KUNIT_EXPECT_TRUE_MSG(test, l1 == l2 && e1 == e2, "strtol(\"%s\", %d) = %ld, end +%td", esc(s), base, l2, e2 - s))
		printf("#   got %ld end +%td\n", l1, e1 - s);
}

static void test_strto(struct kunit *test)
{
	static const char *const strs[] = {
		"0", "1", "42", "-42", "+42", "  \t\n 123abc", "007", "08", "0x", "0X1f",
		"0xg", "-0x10", "0x7fffffffffffffff", "0x8000000000000000",
		"0xffffffffffffffff", "0x10000000000000000", "18446744073709551615",
		"18446744073709551616", "99999999999999999999999", "-1", "-18446744073709551615",
		"-18446744073709551616", "9223372036854775807", "9223372036854775808",
		"-9223372036854775808", "-9223372036854775809", "", "   ", "-", "+", "- 5",
		"+-5", "xyz", "0b101", "1777777777777777777777", "2000000000000000000000",
		"z", "Zz", "fFfF", "12 34", "0x1234abcdEF", "0000000000000000000000000000042",
	};
	static const int bases[] = { 0, 2, 8, 10, 16, 36 };

	for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		for (size_t b = 0; b < sizeof(bases) / sizeof(bases[0]); b++)
			check_strto(test, strs[i], bases[b]);

	/* Random digit strings in random bases, including overflowing lengths. */
	long cases = 0, bad = 0;

	for (int iter = 0; iter < 20000; iter++) {
		static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyzABCXYZ";
		/* Valid bases only: glibc leaves *end alone for a bad one, we set it to s. */
		int base = rand() % 37;
		char s[40], *e1, *e2;
		size_t len = rand() % 30, p = 0;

		if (base == 1)
			base = 10;
		if (rand() % 3 == 0)
			s[p++] = "+- \t"[rand() % 4];
		if (rand() % 4 == 0) {
			s[p++] = '0';
			if (rand() % 2)
				s[p++] = "xX"[rand() % 2];
		}
		for (size_t i = 0; i < len; i++)
			s[p++] = digits[rand() % (base ? (base > 36 ? 36 : base) + 1 : 17)];
		s[p] = '\0';
		cases++;
		unsigned long u1 = kstrtoul(s, &e1, base), u2 = strtoul(s, &e2, base);
		long l1 = kstrtol(s, NULL, base), l2 = strtol(s, NULL, base);

		if (u1 != u2 || e1 != e2 || l1 != l2) {
			bad++;
			MISMATCH("strto*(\"%s\", %d): got %lu/%ld end +%td, want %lu/%ld end +%td\n",
				 s, base, u1, l1, e1 - s, u2, l2, e2 - s);
		}
	}
	KUNIT_EXPECT_TRUE_MSG(test, bad == 0, "strtoul/strtol: %ld random strings match glibc (%ld differ)", cases, bad);

	char *e;

	KUNIT_EXPECT_TRUE_MSG(test, kstrtoul("123", NULL, 10) == 123, "strtoul accepts a NULL end pointer");
	KUNIT_EXPECT_TRUE_MSG(test, kstrtoul("12", &e, 1) == 0 && *e == '1', "strtoul with base 1 converts nothing");
	KUNIT_EXPECT_TRUE_MSG(test, kstrtoul("12", &e, 37) == 0 && *e == '1', "strtoul with base 37 converts nothing");
}

/* The same random strings and buffers on every run: rand() from a fixed seed. */
int selftest_host_init(void)
{
	srand(4242);
	return 0;
}

static struct kunit_case string_host_cases[] = {
	KUNIT_CASE(test_memcpy),
	KUNIT_CASE(test_memmove),
	KUNIT_CASE(test_memset),
	KUNIT_CASE(test_memcmp),
	KUNIT_CASE(test_memchr),
	KUNIT_CASE(test_str),
	KUNIT_CASE(test_strlcpy),
	KUNIT_CASE(test_strto),
	{ NULL, NULL },
};

static struct kunit_suite string_host_suite = { .name = "string_host", .cases = string_host_cases };
selftest_suite(string_host_suite);
