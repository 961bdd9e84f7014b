/*
 * Bitmap searches and counts (Linux: lib/find_bit.c, lib/bitmap.c).
 *
 * Written for clarity over speed: one word at a time, like Linux's
 * _find_next_bit() with its "invert" argument, and the same results --
 * the index found, or @size when there is none, never a bit past @size.
 */
#include <linux/bitmap.h>
#include <string.h>

_Static_assert(BITS_PER_LONG == 8 * sizeof(long), "BITS_PER_LONG is not the width of a long");

/*
 * The first bit at or after @start that is set in @addr, or in ~@addr if
 * @invert is ~0UL (Linux: _find_next_bit before it was split in two).
 */
static unsigned long find_next(const unsigned long *addr, unsigned long size,
			       unsigned long start, unsigned long invert)
{
	unsigned long w;

	if (start >= size)
		return size;
	/* Mask off the bits below @start in the first word. */
	w = (addr[BIT_WORD(start)] ^ invert) & (~0UL << (start % BITS_PER_LONG));
	start -= start % BITS_PER_LONG;
	while (!w) {
		start += BITS_PER_LONG;
		if (start >= size)
			return size;
		w = addr[BIT_WORD(start)] ^ invert;
	}
	start += __ffs(w);
	return start < size ? start : size;
}

unsigned long find_next_bit(const unsigned long *addr, unsigned long size, unsigned long offset)
{
	return find_next(addr, size, offset, 0);
}

unsigned long find_next_zero_bit(const unsigned long *addr, unsigned long size,
				 unsigned long offset)
{
	return find_next(addr, size, offset, ~0UL);
}

unsigned long find_first_bit(const unsigned long *addr, unsigned long size)
{
	return find_next(addr, size, 0, 0);
}

unsigned long find_first_zero_bit(const unsigned long *addr, unsigned long size)
{
	return find_next(addr, size, 0, ~0UL);
}

unsigned int bitmap_weight(const unsigned long *src, unsigned int nbits)
{
	unsigned int w = 0, k;

	for (k = 0; k < nbits / BITS_PER_LONG; k++)
		w += hweight_long(src[k]);
	/* The partial last word: only its bits below @nbits (Linux: BITMAP_LAST_WORD_MASK). */
	if (nbits % BITS_PER_LONG)
		w += hweight_long(src[k] & (~0UL >> (BITS_PER_LONG - nbits % BITS_PER_LONG)));
	return w;
}

void bitmap_zero(unsigned long *dst, unsigned int nbits)
{
	memset(dst, 0, BITS_TO_LONGS(nbits) * sizeof(unsigned long));
}

void bitmap_fill(unsigned long *dst, unsigned int nbits)
{
	memset(dst, 0xff, BITS_TO_LONGS(nbits) * sizeof(unsigned long));
}
