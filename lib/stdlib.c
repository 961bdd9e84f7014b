/*
 * strtoul() and strtol(), as C specifies them (libfdt uses strtoul; the
 * shell parses numbers with them). There is no errno in the kernel: on
 * overflow the result saturates (ULONG_MAX, LONG_MAX or LONG_MIN) exactly
 * as C's versions do, and the caller can see that from the value.
 * calloc/malloc/free live with the allocator, not here.
 */

/* Renamed on the host so the test can compare against glibc's versions. */
#ifdef HOST_TEST
#define strtoul kstrtoul
#define strtol kstrtol
#endif

#include <linux/types.h>
#include <libc/stdlib.h>
#include <libc/limits.h>

/* C's isspace() in the "C" locale. */
static bool is_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* The value of c as a digit in bases up to 36, or 36 when it is none. */
static unsigned int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 36;
}

/*
 * The common parser: skip white space, take a sign, work out the base
 * (0 means "from the prefix": 0x hex, 0 octal, else decimal), then
 * accumulate digits. Returns the magnitude, saturated at ULONG_MAX with
 * *overflow set; *neg says whether a '-' was seen. *end is left at the
 * first character not used, or at s itself when no digits were found
 * (C 7.20.1.4p7: then "no conversion is performed").
 */
static unsigned long parse(const char *s, char **end, int base, bool *neg, bool *overflow)
{
	const char *p = s;
	unsigned long v = 0;
	bool any = false;

	*neg = false;
	*overflow = false;
	if (base < 0 || base == 1 || base > 36) {
		if (end)
			*end = (char *)s;
		return 0;
	}

	while (is_space(*p))
		p++;
	if (*p == '+' || *p == '-')
		*neg = *p++ == '-';

	/*
	 * "0x" is a prefix only if a hex digit follows; in "0xg" the number is
	 * the 0 and parsing stops at the x, which is where *end must point.
	 */
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
	    digit_value(p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = p[0] == '0' ? 8 : 10;
	}

	for (;; p++) {
		unsigned int d = digit_value(*p);

		if (d >= (unsigned int)base)
			break;
		any = true;
		/* Would v * base + d exceed ULONG_MAX? Keep consuming digits either way. */
		if (v > (ULONG_MAX - d) / base)
			*overflow = true;
		else
			v = v * base + d;
	}

	if (end)
		*end = (char *)(any ? p : s);
	if (!any)
		*neg = false;
	return *overflow ? ULONG_MAX : v;
}

/*
 * Convert the start of s to an unsigned long in the given base (0, or 2..36).
 * A leading '-' negates the result in unsigned arithmetic, as C requires
 * ("-1" gives ULONG_MAX). If end is not NULL it receives the first unused
 * character. Out of range: ULONG_MAX.
 */
unsigned long strtoul(const char *s, char **end, int base)
{
	bool neg, overflow;
	unsigned long v = parse(s, end, base, &neg, &overflow);

	if (overflow)
		return ULONG_MAX;
	return neg ? -v : v;
}

/*
 * Convert the start of s to a long in the given base (0, or 2..36). If end is
 * not NULL it receives the first unused character. Out of range: LONG_MAX or
 * LONG_MIN, whichever is on the side of the true value.
 */
long strtol(const char *s, char **end, int base)
{
	bool neg, overflow;
	unsigned long v = parse(s, end, base, &neg, &overflow);

	if (neg) {
		/* LONG_MIN's magnitude is LONG_MAX + 1, one more than a positive result may have. */
		if (overflow || v > (unsigned long)LONG_MAX + 1)
			return LONG_MIN;
		return (long)-v;
	}
	if (overflow || v > (unsigned long)LONG_MAX)
		return LONG_MAX;
	return (long)v;
}
