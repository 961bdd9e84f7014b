/*
 * Self-tests for the compressed swap area on the real machine: arm64
 * liblz4 between kernel_neon_begin/end, the zsmalloc pool on the buddy
 * allocator. Pages of this kernel's own .rodata and .text, random, zero and
 * almost-zero pages go through zram_write_page and zram_read_page and come
 * back byte for byte; the stats move as they should and return to where
 * they were; a corrupted slot reads as -EIO. Uses the area if the boot set
 * one up (taking only its own slots), else makes a 4 MiB one and removes it.
 * The host tests (tests/host/test_zram.c) cover the rest in depth.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/prandom.h>
#include <linux/selftest.h>
#include <linux/swap.h>
#include <linux/zram.h>
#include <asm/boot.h>

enum { RODATA, CODE, RANDOM, ZERO, ALMOST_ZERO, NR_KINDS };

static void fill(char *p, int kind)
{
	struct rnd_state rnd = { 0x2545f4914f6cdd1dULL };	/* lib/prandom.c */

	switch (kind) {
	case RODATA: memcpy(p, __start_rodata, PAGE_SIZE); break;
	case CODE: memcpy(p, _text + PAGE_SIZE, PAGE_SIZE); break;
	case RANDOM:
		for (unsigned int i = 0; i < PAGE_SIZE / 8; i++)
			((u64 *)p)[i] = prandom_u64_state(&rnd);
		break;
	case ZERO: memset(p, 0, PAGE_SIZE); break;
	default: memset(p, 0, PAGE_SIZE); p[2049] = 1; break;
	}
}

static bool zram_test_setup(void)
{
	if (zram_nr_slots())
		return false;
	return zram_init(4UL << 20) == 0;
}

static void test_zram_round_trip(struct kunit *test)
{
	struct page *src = alloc_page(GFP_KERNEL), *dst = alloc_page(GFP_KERNEL);
	bool own = zram_test_setup();
	struct zram_mm_stat st0, st1, st2;
	unsigned long slot[NR_KINDS];

	KUNIT_ASSERT_TRUE(test, src && dst && zram_nr_slots());
	zram_get_mm_stat(&st0);
	for (int k = 0; k < NR_KINDS; k++) {
		fill(page_address(src), k);
		KUNIT_EXPECT_EQ(test, zram_write_page(src, &slot[k]), 0);
	}
	zram_get_mm_stat(&st1);
	KUNIT_EXPECT_EQ(test, st1.orig_data_size - st0.orig_data_size, NR_KINDS * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, st1.same_pages - st0.same_pages, 1);	/* the zero page */
	KUNIT_EXPECT_GE(test, st1.huge_pages - st0.huge_pages, 1);	/* the random page (code may be too) */
	KUNIT_EXPECT_LT(test, st1.compr_data_size - st0.compr_data_size, 3 * PAGE_SIZE);
	for (int k = 0; k < NR_KINDS; k++) {
		fill(page_address(src), k);
		memset(page_address(dst), 0xa5, PAGE_SIZE);
		KUNIT_EXPECT_EQ(test, zram_read_page(slot[k], dst), 0);
		KUNIT_EXPECT_EQ(test, memcmp(page_address(src), page_address(dst), PAGE_SIZE), 0);
		zram_free_slot(slot[k]);
	}
	zram_get_mm_stat(&st2);
	KUNIT_EXPECT_EQ(test, st2.orig_data_size, st0.orig_data_size);
	KUNIT_EXPECT_EQ(test, st2.compr_data_size, st0.compr_data_size);
	KUNIT_EXPECT_EQ(test, st2.same_pages, st0.same_pages);
	KUNIT_EXPECT_EQ(test, st2.huge_pages, st0.huge_pages);
	if (own)
		zram_reset();
	__free_page(src);
	__free_page(dst);
}

static void test_zram_corruption(struct kunit *test)
{
	struct page *src = alloc_page(GFP_KERNEL), *dst = alloc_page(GFP_KERNEL);
	bool own = zram_test_setup();
	struct zram_io_stat io0, io1;
	unsigned long slot;

	KUNIT_ASSERT_TRUE(test, src && dst && zram_nr_slots());
	fill(page_address(src), RODATA);
	KUNIT_ASSERT_EQ(test, zram_write_page(src, &slot), 0);
	zram_get_io_stat(&io0);
	KUNIT_EXPECT_EQ(test, zram_corrupt_slot(slot), 0);
	KUNIT_EXPECT_EQ(test, zram_read_page(slot, dst), -EIO);
	zram_get_io_stat(&io1);
	KUNIT_EXPECT_EQ(test, io1.failed_reads, io0.failed_reads + 1);
	zram_free_slot(slot);
	if (own)
		zram_reset();
	__free_page(src);
	__free_page(dst);
}

static struct kunit_case zram_cases[] = {
	KUNIT_CASE(test_zram_round_trip),
	KUNIT_CASE(test_zram_corruption),
	{}
};
static struct kunit_suite zram_suite = { .name = "zram", .cases = zram_cases };
selftest_suite(zram_suite);
