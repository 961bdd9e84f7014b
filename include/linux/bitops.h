/*
 * Single-bit operations on arrays of unsigned long, and bit counting
 * (Linux: include/linux/bitops.h, asm-generic/bitops/generic-non-atomic.h,
 * asm-generic/bitops/const_hweight.h).
 *
 * Only the non-atomic ("__" prefixed) forms exist: every bitmap here is
 * guarded by a lock or touched by one CPU, as Linux requires for them.
 */
#ifndef _LINUX_BITOPS_H
#define _LINUX_BITOPS_H

#include <linux/bits.h>
#include <linux/types.h>

#define BITS_TO_LONGS(nr)	(((nr) + BITS_PER_LONG - 1) / BITS_PER_LONG)

static inline void __set_bit(unsigned long nr, unsigned long *addr)
{
	addr[BIT_WORD(nr)] |= BIT_MASK(nr);
}

static inline void __clear_bit(unsigned long nr, unsigned long *addr)
{
	addr[BIT_WORD(nr)] &= ~BIT_MASK(nr);
}

static inline bool test_bit(unsigned long nr, const unsigned long *addr)
{
	return addr[BIT_WORD(nr)] & BIT_MASK(nr);
}

/* Set bit @nr and say whether it was set before (Linux: __test_and_set_bit). */
static inline bool __test_and_set_bit(unsigned long nr, unsigned long *addr)
{
	bool old = test_bit(nr, addr);

	__set_bit(nr, addr);
	return old;
}

/* The index of the lowest set bit; undefined for 0, as in Linux (__ffs). */
static inline unsigned long __ffs(unsigned long word)
{
	return (unsigned long)__builtin_ctzl(word);
}

/*
 * Number of set bits (Linux: hweight64), by the classic SWAR reduction,
 * not __builtin_popcountl: on arm64 GCC makes that a NEON CNT (or a call
 * to libgcc's), and the kernel is built -mgeneral-regs-only.
 */
static inline unsigned int hweight64(u64 w)
{
	w -= (w >> 1) & 0x5555555555555555ULL;
	w = (w & 0x3333333333333333ULL) + ((w >> 2) & 0x3333333333333333ULL);
	w = (w + (w >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
	return (unsigned int)((w * 0x0101010101010101ULL) >> 56);
}

static inline unsigned int hweight_long(unsigned long w)
{
	return hweight64(w);
}

#endif
