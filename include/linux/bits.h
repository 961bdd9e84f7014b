/*
 * The width of a long and the masks for one bit of a bitmap
 * (Linux: include/asm-generic/bitsperlong.h and include/linux/bits.h).
 */
#ifndef _LINUX_BITS_H
#define _LINUX_BITS_H

/*
 * Linux defines this from CONFIG_64BIT; both the arm64 kernel and the
 * x86-64 host tests are LP64 (lib/bitmap.c checks it at compile time).
 */
#define BITS_PER_LONG		64

#define BIT(nr)			(1UL << (nr))
/* The bit of @nr within its word, and which word of the bitmap holds it. */
#define BIT_MASK(nr)		(1UL << ((nr) % BITS_PER_LONG))
#define BIT_WORD(nr)		((nr) / BITS_PER_LONG)

#endif
