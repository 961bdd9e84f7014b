/*
 * Self-test suite "bitmap": include/linux/bitops.h, lib/bitmap.c and
 * lib/prandom.c, run in both places (include/linux/selftest.h): in the
 * kernel (`make qemu-test BOOTARGS=selftest=bitmap`) and on the host under
 * ASan/UBSan (build/host/test_bitmap). Every operation is held against a
 * naive model (one bool per bit) over random bitmaps of odd sizes, with
 * garbage in the bits past the end of the last word that the searches and
 * the count must not see, and a guard word after the bitmap that nothing
 * may write. Linux has the same kind of suite in lib/test_bitmap.c.
 */
#include <linux/kernel.h>
#include <linux/bitmap.h>
#include <linux/prandom.h>
#include <linux/selftest.h>

#define MAX_BITS	1000
#define GUARD		0x5a5a5a5a5a5a5a5aUL	/* the word after the bitmap */

static const unsigned long sizes[] = { 0, 1, 2, 63, 64, 65, 127, 128, 129, 191, 333, 1000 };

static struct rnd_state rnd;
static unsigned long map[BITS_TO_LONGS(MAX_BITS) + 1];
static bool model[MAX_BITS];

/* The same random bitmaps in both places, whatever ran before. */
static int bitmap_test_init(struct kunit *test)
{
	prandom_seed_state(&rnd, 20261203);
	return 0;
}

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

/*
 * Each size, at every density from empty to full: test_bit, the searches
 * from every offset (and past the end, where the answer is the size),
 * bitmap_weight, and __test_and_set_bit on a few bits.
 */
static void test_bitops_model(struct kunit *test)
{
	for (unsigned int s = 0; s < ARRAY_SIZE(sizes); s++) {
		unsigned long size = sizes[s];
		unsigned int bad_test = 0, bad_next = 0, bad_zero = 0, bad_first = 0, bad_weight = 0;
		unsigned int bad_tas = 0;

		for (unsigned int density = 0; density <= 8; density++) {
			for (int round = 0; round < 4; round++) {
				unsigned int weight = 0;

				fill_random(map, model, size, density);
				for (unsigned long i = 0; i < size; i++) {
					bad_test += test_bit(i, map) != model[i];
					weight += model[i];
				}
				for (unsigned long off = 0; off <= size + 2; off++) {
					bad_next += find_next_bit(map, size, off) != naive_find(model, size, off, true);
					bad_zero += find_next_zero_bit(map, size, off) !=
						    naive_find(model, size, off, false);
				}
				bad_first += find_first_bit(map, size) != naive_find(model, size, 0, true);
				bad_first += find_first_zero_bit(map, size) != naive_find(model, size, 0, false);
				bad_weight += bitmap_weight(map, size) != weight;
				/* __test_and_set_bit on a few bits: the old value, then set. */
				for (int k = 0; size && k < 8; k++) {
					unsigned long i = prandom_u32_state(&rnd) % size;

					bad_tas += __test_and_set_bit(i, map) != model[i] || !test_bit(i, map);
					model[i] = true;
				}
				bad_test += map[BITS_TO_LONGS(size)] != GUARD;
			}
		}
		KUNIT_EXPECT_EQ_MSG(test, bad_test, 0, "size %lu: __set_bit, __clear_bit, test_bit", size);
		KUNIT_EXPECT_EQ_MSG(test, bad_next, 0, "size %lu: find_next_bit at every offset", size);
		KUNIT_EXPECT_EQ_MSG(test, bad_zero, 0, "size %lu: find_next_zero_bit at every offset", size);
		KUNIT_EXPECT_EQ_MSG(test, bad_first, 0, "size %lu: find_first_bit, find_first_zero_bit", size);
		KUNIT_EXPECT_EQ_MSG(test, bad_weight, 0, "size %lu: bitmap_weight ignores the bits past the end", size);
		KUNIT_EXPECT_EQ_MSG(test, bad_tas, 0, "size %lu: __test_and_set_bit returns the old bit", size);
	}
}

/* bitmap_zero/bitmap_fill: whole words, as in Linux, and not one word more. */
static void test_zero_fill(struct kunit *test)
{
	for (unsigned int s = 0; s < ARRAY_SIZE(sizes); s++) {
		unsigned long size = sizes[s];

		fill_random(map, model, size, 4);
		bitmap_zero(map, size);
		KUNIT_EXPECT_TRUE_MSG(test, find_first_bit(map, size) == size && bitmap_weight(map, size) == 0 &&
				      (size % BITS_PER_LONG == 0 || map[BIT_WORD(size)] == 0) &&
				      map[BITS_TO_LONGS(size)] == GUARD, "size %lu: bitmap_zero", size);
		fill_random(map, model, size, 4);
		bitmap_fill(map, size);
		KUNIT_EXPECT_TRUE_MSG(test, find_first_zero_bit(map, size) == size &&
				      bitmap_weight(map, size) == size &&
				      (size % BITS_PER_LONG == 0 || map[BIT_WORD(size)] == ~0UL) &&
				      map[BITS_TO_LONGS(size)] == GUARD, "size %lu: bitmap_fill", size);
	}
}

/* hweight64 and hweight_long against a bit-by-bit count, on sparse, half and dense words. */
static void test_hweight(struct kunit *test)
{
	unsigned int bad = 0;

	for (int k = 0; k < 100000; k++) {
		u64 w = prandom_u64_state(&rnd);
		unsigned int n = 0;

		if (k % 3 == 1)
			w &= prandom_u64_state(&rnd) & prandom_u64_state(&rnd);
		else if (k % 3 == 2)
			w |= prandom_u64_state(&rnd) | prandom_u64_state(&rnd);
		for (int b = 0; b < 64; b++)
			n += (w >> b) & 1;
		bad += hweight64(w) != n || hweight_long(w) != n;
	}
	KUNIT_EXPECT_EQ(test, bad, 0);
	KUNIT_EXPECT_EQ(test, hweight64(0), 0);
	KUNIT_EXPECT_EQ(test, hweight64(~0ULL), 64);
	KUNIT_EXPECT_EQ(test, hweight_long(1UL << 63), 1);
}

static void test_prandom(struct kunit *test)
{
	struct rnd_state a, b;
	u64 first[4];
	bool same = true;

	/* xorshift64* from state 1, computed apart from lib/prandom.c (Python, Vigna 2016: 12, 25, 27). */
	prandom_seed_state(&a, 1);
	KUNIT_EXPECT_EQ(test, prandom_u64_state(&a), 0x47e4ce4b896cdd1dULL);
	prandom_seed_state(&a, 42);
	prandom_seed_state(&b, 42);
	for (int i = 0; i < 4; i++)
		first[i] = prandom_u64_state(&a);
	for (int i = 0; i < 4; i++)
		same &= prandom_u64_state(&b) == first[i];
	KUNIT_EXPECT_TRUE_MSG(test, same, "the same seed gives the same sequence");
	prandom_seed_state(&a, 0);
	KUNIT_EXPECT_TRUE_MSG(test, prandom_u64_state(&a) != 0 && prandom_u64_state(&a) != 0,
			      "seed 0 does not stick at 0");
	prandom_seed_state(&a, 7);
	prandom_seed_state(&b, 7);
	KUNIT_EXPECT_EQ_MSG(test, prandom_u32_state(&a), prandom_u64_state(&b) >> 32,
			    "prandom_u32_state is the high half");
}

static struct kunit_case bitmap_cases[] = {
	KUNIT_CASE(test_bitops_model),
	KUNIT_CASE(test_zero_fill),
	KUNIT_CASE(test_hweight),
	KUNIT_CASE(test_prandom),
	{ NULL, NULL },
};

static struct kunit_suite bitmap_suite = {
	.name = "bitmap",
	.cases = bitmap_cases,
	.init = bitmap_test_init,
};
selftest_suite(bitmap_suite);
