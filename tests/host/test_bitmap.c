/*
 * Host unit tests for include/linux/bitops.h, lib/bitmap.c and
 * lib/prandom.c: every operation against a naive model (one bool per bit)
 * over random bitmaps of odd sizes, with garbage in the bits past the end
 * of the last word that the searches and the count must not see.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/bitmap.h>
#include <linux/prandom.h>
#include "tap.h"

#define MAX_BITS	1000
#define GUARD		0x5a5a5a5a5a5a5a5aUL	/* the word after the bitmap */

static struct rnd_state rnd;

static unsigned long naive_find(const bool *m, unsigned long size, unsigned long off, bool val)
{
	for (unsigned long i = off; i < size; i++)
		if (m[i] == val)
			return i;
	return size;
}

/* A bitmap of @size bits, each set with probability @density/8, and its model. */
static void fill_random(unsigned long *map, bool *m, unsigned long size, unsigned int density)
{
	unsigned long words = BITS_TO_LONGS(size);

	for (unsigned long w = 0; w < words; w++)
		map[w] = prandom_u64_state(&rnd);	/* the bits past @size stay random */
	map[words] = GUARD;
	for (unsigned long i = 0; i < size; i++) {
		m[i] = prandom_u32_state(&rnd) % 8 < density;
		if (m[i])
			__set_bit(i, map);
		else
			__clear_bit(i, map);
	}
}

static void check_size(unsigned long size)
{
	static unsigned long map[BITS_TO_LONGS(MAX_BITS) + 1];
	static bool m[MAX_BITS];
	unsigned int bad_test = 0, bad_next = 0, bad_zero = 0, bad_first = 0, bad_weight = 0;
	unsigned int bad_tas = 0;

	for (unsigned int density = 0; density <= 8; density++) {
		for (int round = 0; round < 4; round++) {
			unsigned int weight = 0;

			fill_random(map, m, size, density);
			for (unsigned long i = 0; i < size; i++) {
				bad_test += test_bit(i, map) != m[i];
				weight += m[i];
			}
			/* Every offset, and some past the end (the answer is then @size). */
			for (unsigned long off = 0; off <= size + 2; off++) {
				bad_next += find_next_bit(map, size, off) != naive_find(m, size, off, true);
				bad_zero += find_next_zero_bit(map, size, off) != naive_find(m, size, off, false);
			}
			bad_first += find_first_bit(map, size) != naive_find(m, size, 0, true);
			bad_first += find_first_zero_bit(map, size) != naive_find(m, size, 0, false);
			bad_weight += bitmap_weight(map, size) != weight;
			/* __test_and_set_bit on a few bits: the old value, then set. */
			for (int k = 0; size && k < 8; k++) {
				unsigned long i = prandom_u32_state(&rnd) % size;

				bad_tas += __test_and_set_bit(i, map) != m[i] || !test_bit(i, map);
				m[i] = true;
			}
			bad_test += map[BITS_TO_LONGS(size)] != GUARD;
		}
	}
	is_int(bad_test, 0, "size %lu: __set_bit, __clear_bit, test_bit agree with the model", size);
	is_int(bad_next, 0, "size %lu: find_next_bit at every offset", size);
	is_int(bad_zero, 0, "size %lu: find_next_zero_bit at every offset", size);
	is_int(bad_first, 0, "size %lu: find_first_bit, find_first_zero_bit", size);
	is_int(bad_weight, 0, "size %lu: bitmap_weight ignores the bits past the end", size);
	is_int(bad_tas, 0, "size %lu: __test_and_set_bit returns the old bit", size);

	/* bitmap_zero/bitmap_fill: whole words, as in Linux, and not one word more. */
	fill_random(map, m, size, 4);
	bitmap_zero(map, size);
	ok(find_first_bit(map, size) == size && bitmap_weight(map, size) == 0 &&
	   (size % BITS_PER_LONG == 0 || map[BIT_WORD(size)] == 0) &&
	   map[BITS_TO_LONGS(size)] == GUARD, "size %lu: bitmap_zero", size);
	fill_random(map, m, size, 4);
	bitmap_fill(map, size);
	ok(find_first_zero_bit(map, size) == size && bitmap_weight(map, size) == size &&
	   (size % BITS_PER_LONG == 0 || map[BIT_WORD(size)] == ~0UL) &&
	   map[BITS_TO_LONGS(size)] == GUARD, "size %lu: bitmap_fill", size);
}

static void check_hweight(void)
{
	unsigned int bad = 0;

	for (int k = 0; k < 100000; k++) {
		u64 w = prandom_u64_state(&rnd);
		unsigned int n = 0;

		/* Sparse and dense words too, not only half-full ones. */
		if (k % 3 == 1)
			w &= prandom_u64_state(&rnd) & prandom_u64_state(&rnd);
		else if (k % 3 == 2)
			w |= prandom_u64_state(&rnd) | prandom_u64_state(&rnd);
		for (int b = 0; b < 64; b++)
			n += (w >> b) & 1;
		bad += hweight64(w) != n || hweight_long(w) != n;
	}
	is_int(bad, 0, "hweight64, hweight_long count the bits of 100000 words");
	is_int(hweight64(0), 0, "hweight64(0)");
	is_int(hweight64(~0ULL), 64, "hweight64(~0)");
	is_int(hweight_long(1UL << 63), 1, "hweight_long(top bit)");
}

static void check_prandom(void)
{
	struct rnd_state a, b;
	u64 first[4];
	int same = 1;

	/* xorshift64* from state 1, computed apart from lib/prandom.c (Python, Vigna 2016: 12, 25, 27). */
	prandom_seed_state(&a, 1);
	is_int(prandom_u64_state(&a), 0x47e4ce4b896cdd1dULL, "xorshift64* from 1: first value");
	prandom_seed_state(&a, 42);
	prandom_seed_state(&b, 42);
	for (int i = 0; i < 4; i++)
		first[i] = prandom_u64_state(&a);
	for (int i = 0; i < 4; i++)
		same &= prandom_u64_state(&b) == first[i];
	ok(same, "the same seed gives the same sequence");
	prandom_seed_state(&a, 0);
	ok(prandom_u64_state(&a) != 0 && prandom_u64_state(&a) != 0, "seed 0 does not stick at 0");
	prandom_seed_state(&a, 7);
	prandom_seed_state(&b, 7);
	is_int(prandom_u32_state(&a), prandom_u64_state(&b) >> 32, "prandom_u32_state is the high half");
}

int main(void)
{
	static const unsigned long sizes[] = { 0, 1, 2, 63, 64, 65, 127, 128, 129, 191, 333, 1000 };

	prandom_seed_state(&rnd, 20261203);
	for (unsigned int i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		check_size(sizes[i]);
	check_hweight();
	check_prandom();
	return done_testing();
}
