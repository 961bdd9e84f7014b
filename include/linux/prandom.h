/* A small, repeatable pseudo-random sequence for tests (Linux: prandom_u32_state). */
#ifndef _LINUX_PRANDOM_H
#define _LINUX_PRANDOM_H

#include <linux/types.h>

/* Marsaglia's xorshift32: the same seed gives the same sequence on every run. */
static inline u32 prandom_u32_state(u32 *state)
{
	u32 x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x;
}

#endif
