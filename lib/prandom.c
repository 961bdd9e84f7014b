/*
 * xorshift64* (Vigna, "An experimental exploration of Marsaglia's xorshift
 * generators, scrambled", 2016): Marsaglia's 64-bit xorshift with shifts
 * 12/25/27, period 2^64 - 1, its output multiplied by an odd constant so
 * that the low bits are as good as the high ones. One word of state, no
 * division, no floating point: it builds the same for the kernel, the user
 * programs (user/user.mk) and the host.
 *
 * Linux's prandom_u32_state (lib/random32.c) is a Tausworthe generator
 * with 4 words of state; the interface (a caller-owned state, seeded
 * explicitly) is the same, the numbers are not.
 */
#include <linux/prandom.h>

/* The state must never be 0 (xorshift would stay at 0): a 0 seed takes this one. */
#define PRANDOM_ZERO_SEED	0x9e3779b97f4a7c15ULL	/* 2^64 / golden ratio */

void prandom_seed_state(struct rnd_state *state, u64 seed)
{
	state->s = seed ? seed : PRANDOM_ZERO_SEED;
}

u64 prandom_u64_state(struct rnd_state *state)
{
	u64 x = state->s;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	state->s = x;
	return x * 0x2545f4914f6cdd1dULL;
}

/* The high half: the multiplication mixes most into the top bits. */
u32 prandom_u32_state(struct rnd_state *state)
{
	return (u32)(prandom_u64_state(state) >> 32);
}
