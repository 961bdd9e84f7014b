/*
 * Parsing what the command line gives (Linux: lib/cmdline.c).
 */
#include <linux/kernel.h>
#include <stdlib.h>

/*
 * Linux's memparse: the suffixes are powers of 1024, either case, and the
 * end pointer lets the caller decide what may follow ("64M" alone for
 * zram.size=, "64M@0x..." for Linux's crashkernel=). Overflow is not
 * checked, as in Linux.
 */
unsigned long long memparse(const char *ptr, char **retptr)
{
	char *endptr;
	unsigned long long ret = strtoul(ptr, &endptr, 0);

	switch (*endptr) {
	case 'E': case 'e': ret <<= 10;	/* fall through */
	case 'P': case 'p': ret <<= 10;	/* fall through */
	case 'T': case 't': ret <<= 10;	/* fall through */
	case 'G': case 'g': ret <<= 10;	/* fall through */
	case 'M': case 'm': ret <<= 10;	/* fall through */
	case 'K': case 'k': ret <<= 10;
		endptr++;
		break;
	default:
		break;
	}
	if (retptr)
		*retptr = endptr;
	return ret;
}
