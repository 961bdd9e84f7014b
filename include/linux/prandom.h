/*
 * A small, repeatable pseudo-random generator for self-tests, benchmarks
 * and the user test programs (Linux: include/linux/prandom.h). Not for
 * anything that must be unpredictable. Defined in lib/prandom.c.
 */
#ifndef _LINUX_PRANDOM_H
#define _LINUX_PRANDOM_H

#include <linux/types.h>

/* Linux's rnd_state holds four Tausworthe words; xorshift64* needs one. */
struct rnd_state {
	u64 s;
};

/* The same seed gives the same sequence on every run and every machine. */
void prandom_seed_state(struct rnd_state *state, u64 seed);
u64 prandom_u64_state(struct rnd_state *state);
u32 prandom_u32_state(struct rnd_state *state);

#endif
