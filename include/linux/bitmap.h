/*
 * Bitmaps: arrays of unsigned long, bit n in word n / BITS_PER_LONG
 * (Linux: include/linux/bitmap.h, include/linux/find.h). The searches and
 * the count are in lib/bitmap.c; bits past @nbits are never looked at.
 */
#ifndef _LINUX_BITMAP_H
#define _LINUX_BITMAP_H

#include <linux/bitops.h>
#include <linux/types.h>

#define DECLARE_BITMAP(name, bits)	unsigned long name[BITS_TO_LONGS(bits)]

/* The first set (zero) bit at or after @offset, or @size if there is none. */
unsigned long find_next_bit(const unsigned long *addr, unsigned long size, unsigned long offset);
unsigned long find_next_zero_bit(const unsigned long *addr, unsigned long size,
				 unsigned long offset);
unsigned long find_first_bit(const unsigned long *addr, unsigned long size);
unsigned long find_first_zero_bit(const unsigned long *addr, unsigned long size);

/* How many of the first @nbits bits are set. */
unsigned int bitmap_weight(const unsigned long *src, unsigned int nbits);

/*
 * Clear (set) every word that holds one of the first @nbits bits: as in
 * Linux, the bits past @nbits in the last word change too.
 */
void bitmap_zero(unsigned long *dst, unsigned int nbits);
void bitmap_fill(unsigned long *dst, unsigned int nbits);

#endif
