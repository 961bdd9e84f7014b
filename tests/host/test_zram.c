/*
 * The host-only zram suite "zram_host", and the machine on which it and the
 * shared suite "zram" (mm/zram_test.c) run in build/host/test_zram
 * (include/linux/selftest.h tells how suites run on the host).
 *
 * The machine (selftest_host_init): a fake 64 MiB RAM with the real buddy
 * allocator and SLUB on it (host_mm_boot), no swap area yet; mm/zram.c and
 * the files beside it, mm/zsmalloc.c and the host's liblz4 run on it under
 * ASan/UBSan. Each case of zram_host sets up the area it needs; after
 * every case (the exit hook) the area is removed and the buddy allocator
 * has every page back. mm/zram_internal.h gives the cases the slot table
 * and the pool.
 *
 * Why each case runs on the host only:
 *   test_bootargs        the zram.size=, zram.mem_limit= and zram.lz4=
 *                        parsers are __init and static in the kernel; and
 *                        zram_init's default size, -EBUSY and -EINVAL need
 *                        a machine with no area, which a booted kernel has
 *   test_lz4_reference   compares the stored lz4 blocks with the host
 *                        liblz4's output and plants a block made by lz4 HC:
 *                        zram's internals, and a second lz4 to compare with
 *   test_damage          shortens and flips the bytes of stored blocks
 *                        (internals); 200 random damages under ASan, which
 *                        sees any read or write outside the buffers
 *   test_slots_full      fills a 16-slot area to the last slot; the kernel's
 *                        area is in use by swap and cannot be swapped for it
 *   test_shell           the shell's `zram` (cmd_zram is static in the
 *                        kernel, where kernel/shell.c calls it)
 */
#include <string.h>
#define LZ4_STATIC_LINKING_ONLY
#include <lz4.h>
#include <lz4hc.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/prandom.h>
#include <linux/printk.h>
#include <linux/selftest.h>
#include <linux/slab.h>
#include <linux/swap.h>
#include <linux/zram.h>
#include <linux/zsmalloc.h>
#include "../../mm/zram_internal.h"
#include "../../mm/zram_test.h"
#include "host_shim.h"

#define RAM_BASE	0x40000000UL
#define RAM_SIZE	(64UL << 20)

static unsigned long boot_free;		/* free pages with no swap area */
static struct rnd_state rnd;		/* lib/prandom.c */
static struct page *src, *dst;		/* each case's two pages */

static char *addr(struct page *page)
{
	return page_address(page);
}

static void fill(enum zram_test_content c)
{
	zram_test_fill(addr(src), c, &rnd);
}

/* The stored bytes of a compressed slot, copied out (its size returned). */
static unsigned int stored_block(unsigned long slot, char *buf)
{
	struct zram_table_entry *e = zram_entry(slot);
	const char *p = zs_map_object(zram.mem_pool, e->handle, ZS_MM_RO);

	memcpy(buf, p, e->size);
	zs_unmap_object(zram.mem_pool, e->handle);
	return e->size;
}

/* Replace a compressed slot's block by another (the test's own lz4 data). */
static void plant_block(unsigned long slot, const char *buf, unsigned int size)
{
	struct zram_table_entry *e = zram_entry(slot);
	unsigned long h = zs_malloc(zram.mem_pool, size, GFP_KERNEL);
	char *p = zs_map_object(zram.mem_pool, h, ZS_MM_WO);

	memcpy(p, buf, size);
	zs_unmap_object(zram.mem_pool, h);
	zs_free(zram.mem_pool, e->handle);
	zram.compr_data_size = zram.compr_data_size + size - e->size;
	e->handle = h;
	e->size = size;
}

static bool mm_stat_is_empty(void)
{
	struct zram_mm_stat st;

	zram_get_mm_stat(&st);
	return !st.orig_data_size && !st.compr_data_size && !st.mem_used_total && !st.same_pages &&
	       !st.huge_pages && !st.pages_compacted && zram_slots_used() == 0;
}

/* The machine: the allocators on a fake 64 MiB RAM, as the kernel boots them; no swap area. */
int selftest_host_init(void)
{
	host_mm_boot(RAM_BASE, RAM_SIZE);
	kmem_cache_init();
	prandom_seed_state(&rnd, 0x9e3779b97f4a7c15ULL);
	boot_free = host_free_pages_exact();
	return 0;
}

static int zram_host_init(struct kunit *test)
{
	src = alloc_page(GFP_KERNEL);
	dst = alloc_page(GFP_KERNEL);
	if (src && dst)
		return 0;
	if (src)
		__free_page(src);
	return -ENOMEM;
}

/* After each case: no area, and every page back in the buddy allocator. */
static void zram_host_exit(struct kunit *test)
{
	__free_page(src);
	__free_page(dst);
	zram_reset();
	KUNIT_EXPECT_EQ_MSG(test, host_free_pages_exact(), boot_free,
			    "after zram_reset: free pages as before zram_init");
}

/* ---- the cases ------------------------------------------------------------------ */

/* The size zram.size= and zram.mem_limit= read from @s, 0 if they refuse it. */
static unsigned long size_of(const char *s)
{
	unsigned long v;

	return zram_size_arg(s, &v) ? v : 0;
}

static void test_bootargs(struct kunit *test)
{
	unsigned long slot;
	char *end;

	/* lib/cmdline.c's memparse, as Linux's: every suffix, and where it stopped. */
	KUNIT_EXPECT_EQ(test, memparse("3T", &end), 3ULL << 40);
	KUNIT_EXPECT_EQ_MSG(test, *end, 0, "memparse: the end pointer is past the suffix");
	KUNIT_EXPECT_EQ(test, memparse("64M@0x40000000", &end), 64UL << 20);
	KUNIT_EXPECT_EQ_MSG(test, *end, '@', "memparse: the end pointer is at what follows");
	KUNIT_EXPECT_EQ_MSG(test, memparse("1e", NULL), 1ULL << 60, "memparse: 1e, lower case, no end pointer");
	KUNIT_EXPECT_EQ(test, size_of("64M"), 64UL << 20);
	KUNIT_EXPECT_EQ(test, size_of("1G"), 1UL << 30);
	KUNIT_EXPECT_EQ(test, size_of("65536K"), 64UL << 20);
	KUNIT_EXPECT_EQ(test, size_of("0x100000"), 1UL << 20);
	KUNIT_EXPECT_EQ(test, size_of("4096"), 4096);
	KUNIT_EXPECT_EQ_MSG(test, size_of("12X"), 0, "12X is malformed");
	KUNIT_EXPECT_EQ_MSG(test, size_of(""), 0, "an empty value is malformed");
	KUNIT_EXPECT_EQ_MSG(test, parse_zram_mem_limit("0K"), 0, "zram.mem_limit=0K (none) accepted");
	KUNIT_EXPECT_EQ_MSG(test, parse_zram_size("12X"), -1, "zram.size=12X refused");
	KUNIT_EXPECT_EQ_MSG(test, parse_zram_size(NULL), -1, "zram.size without a value refused");
	KUNIT_EXPECT_EQ_MSG(test, parse_zram_mem_limit("0"), 0, "zram.mem_limit=0 (none) accepted");
	KUNIT_EXPECT_EQ(test, parse_zram_mem_limit("8M"), 0);
	KUNIT_EXPECT_EQ(test, zram_bootarg_mem_limit, 8UL << 20);
	KUNIT_EXPECT_EQ_MSG(test, parse_zram_mem_limit("lots"), -1, "zram.mem_limit=lots refused");
	zram_bootarg_mem_limit = 0;
	KUNIT_EXPECT_EQ(test, parse_zram_lz4("stream"), 0);
	KUNIT_EXPECT_EQ_MSG(test, zram_get_lz4_mode(), ZRAM_LZ4_STREAM, "zram.lz4=stream selects the stream mode");
	KUNIT_EXPECT_EQ_MSG(test, parse_zram_lz4("gzip"), -1, "zram.lz4=gzip refused");
	zram_set_lz4_mode(ZRAM_LZ4_FASTRESET);

	KUNIT_EXPECT_EQ(test, zram_init(0), 0);
	KUNIT_EXPECT_EQ_MSG(test, zram_nr_slots(), totalram_pages() / 4, "default: a quarter of RAM (%lu slots)",
			    totalram_pages() / 4);
	zram_reset();
	KUNIT_EXPECT_EQ(test, parse_zram_size("8M"), 0);
	KUNIT_EXPECT_EQ_MSG(test, zram_init(0), 0, "zram_init(0) with zram.size=8M");
	KUNIT_EXPECT_EQ(test, zram_nr_slots(), 2048);
	KUNIT_EXPECT_EQ_MSG(test, zram_init(0), -EBUSY, "a second zram_init");
	zram_reset();
	zram_bootarg_disksize = 0;
	KUNIT_EXPECT_EQ_MSG(test, zram_init(100), -EINVAL, "a disksize under a page");
	KUNIT_EXPECT_TRUE_MSG(test, !zram.initialized, "and nothing is left set up");
	KUNIT_EXPECT_EQ_MSG(test, zram_write_page(src, &slot), -ENODEV, "zram_write_page before zram_init");
	KUNIT_EXPECT_EQ(test, zram_init(16 << 20), 0);
	KUNIT_EXPECT_EQ_MSG(test, zram_nr_slots(), 4096, "zram_init(16 MiB): 4096 slots");
	kunit_note(test, "huge_class_size %zu, LZ4_sizeofState() %d", zram.huge_class_size, LZ4_sizeofState());
}

/*
 * The blocks zram stores are lz4 as the host's liblz4 writes and reads it:
 * byte for byte what LZ4_compress_default makes (but in stream mode, whose
 * hash table differs), read by LZ4_decompress_safe; a block from another
 * compressor (lz4 HC) reads back through zram_read_page.
 */
static void test_lz4_reference(struct kunit *test)
{
	static const enum zram_test_content kinds[] = { ZT_TEXT, ZT_BINARY, ZT_HALF_ZERO, ZT_ALMOST_ZERO };
	static char block[PAGE_SIZE * 2], ref[PAGE_SIZE * 2];

	KUNIT_ASSERT_EQ(test, zram_init(16 << 20), 0);
	for (int m = 0; m < NR_ZRAM_LZ4_MODES; m++) {
		const char *mode = zram_lz4_mode_name(m);

		zram_set_lz4_mode(m);
		for (unsigned int k = 0; k < ARRAY_SIZE(kinds); k++) {
			const char *what = zram_test_content_names[kinds[k]];
			struct zram_mm_stat before, after;
			unsigned long slot;
			unsigned int n;
			int ref_len, dec;

			fill(kinds[k]);
			zram_get_mm_stat(&before);
			if (!KUNIT_EXPECT_EQ(test, zram_write_page(src, &slot), 0))
				continue;
			zram_get_mm_stat(&after);
			n = stored_block(slot, block);
			KUNIT_EXPECT_TRUE_MSG(test, n < zram.huge_class_size &&
					      after.compr_data_size == before.compr_data_size + n,
					      "%s, %s: compressed to %u bytes, all counted", mode, what, n);
			/* The host's liblz4 reads what zram wrote... */
			dec = LZ4_decompress_safe(block, ref, n, PAGE_SIZE);
			KUNIT_EXPECT_TRUE_MSG(test, dec == PAGE_SIZE && memcmp(ref, addr(src), PAGE_SIZE) == 0,
					      "%s, %s: LZ4_decompress_safe reads the stored block back", mode, what);
			/* ...and byte for byte what it would have written (same table type). */
			ref_len = LZ4_compress_default(addr(src), ref, PAGE_SIZE, sizeof(ref));
			if (m != ZRAM_LZ4_STREAM)
				KUNIT_EXPECT_TRUE_MSG(test, ref_len == (int)n && memcmp(ref, block, n) == 0,
						      "%s, %s: identical to LZ4_compress_default's %d bytes",
						      mode, what, ref_len);
			else
				KUNIT_EXPECT_OP_MSG(test, ref_len, >, 0, "(stream mode: %u bytes, LZ4_compress_default "
						    "%d: another hash table, not byte-identical)", n, ref_len);
			/* A block from another compressor (lz4 HC) decodes in zram_read_page. */
			n = LZ4_compress_HC(addr(src), ref, PAGE_SIZE, sizeof(ref), 9);
			plant_block(slot, ref, n);
			memset(addr(dst), 0, PAGE_SIZE);
			KUNIT_EXPECT_TRUE_MSG(test, zram_read_page(slot, dst) == 0 &&
					      memcmp(addr(src), addr(dst), PAGE_SIZE) == 0,
					      "%s, %s: a block from LZ4_compress_HC (%u bytes) reads back", mode, what, n);
			zram_free_slot(slot);
		}
	}
	zram_set_lz4_mode(ZRAM_LZ4_FASTRESET);
	KUNIT_EXPECT_TRUE_MSG(test, mm_stat_is_empty(), "every slot freed: mm_stat back to zero");
}

/* Damaged blocks: never a crash or a stray access (ASan watches); a short one always caught. */
static void test_damage(struct kunit *test)
{
	unsigned int detected = 0, silent = 0, harmless = 0;
	unsigned long slot;

	KUNIT_ASSERT_EQ(test, zram_init(16 << 20), 0);
	/* A truncated block: the decoder runs out of input. */
	fill(ZT_TEXT);
	KUNIT_ASSERT_EQ(test, zram_write_page(src, &slot), 0);
	zram_entry(slot)->size -= 7;
	KUNIT_EXPECT_EQ_MSG(test, zram_read_page(slot, dst), -EIO, "a block 7 bytes short");
	zram_entry(slot)->size += 7;
	zram_free_slot(slot);

	for (int t = 0; t < 200; t++) {
		static char block[PAGE_SIZE];
		unsigned int n, flips = 1 + prandom_u32_state(&rnd) % 4;
		int ret;

		fill(t % 2 ? ZT_TEXT : ZT_BINARY);
		if (zram_write_page(src, &slot))
			break;
		n = stored_block(slot, block);
		for (unsigned int f = 0; f < flips; f++)
			block[prandom_u32_state(&rnd) % n] ^= (char)(1 + prandom_u32_state(&rnd) % 255);
		plant_block(slot, block, n);
		ret = zram_read_page(slot, dst);
		if (ret == -EIO)
			detected++;
		else if (memcmp(addr(src), addr(dst), PAGE_SIZE))
			silent++;
		else
			harmless++;
		zram_free_slot(slot);
	}
	KUNIT_EXPECT_EQ_MSG(test, detected + silent + harmless, 200,
			    "200 blocks with 1-4 random bytes changed: %u -EIO, %u read back wrong "
			    "without an error (lz4 has no checksum), %u unharmed", detected, silent, harmless);
	KUNIT_EXPECT_TRUE_MSG(test, mm_stat_is_empty(), "all freed: mm_stat back to zero");
}

static void test_slots_full(struct kunit *test)
{
	unsigned long slot[17], s;
	struct zram_io_stat io;
	int err = 0;

	KUNIT_ASSERT_EQ(test, zram_init(64 << 10), 0);
	KUNIT_EXPECT_EQ_MSG(test, zram_nr_slots(), 16, "zram_init(64 KiB): 16 slots");
	for (int i = 0; i < 16; i++) {
		fill(ZT_TEXT);
		err |= zram_write_page(src, &slot[i]);
	}
	KUNIT_ASSERT_TRUE(test, !err && zram_slots_used() == 16);
	KUNIT_EXPECT_EQ_MSG(test, zram_write_page(src, &s), -ENOSPC, "the 17th");
	zram_get_io_stat(&io);
	KUNIT_EXPECT_EQ(test, io.failed_writes, 1);
	zram_free_slot(slot[5]);
	err = zram_write_page(src, &s);
	KUNIT_EXPECT_TRUE_MSG(test, !err && s == slot[5], "the only free slot is found and used again (slot %lu)",
			      slot[5]);
	for (int i = 0; i < 16; i++)
		zram_free_slot(i == 5 ? s : slot[i]);
	KUNIT_EXPECT_TRUE_MSG(test, mm_stat_is_empty(), "all freed");

	/* Next-fit: a slot just freed is not the next one handed out. */
	zram_write_page(src, &slot[0]);
	zram_write_page(src, &slot[1]);
	zram_free_slot(slot[0]);
	zram_write_page(src, &slot[2]);
	KUNIT_EXPECT_TRUE_MSG(test, slot[2] != slot[0] && slot[2] == slot[1] + 1,
			      "next-fit: after freeing slot %lu the next write takes slot %lu", slot[0], slot[2]);
	zram_free_slot(slot[1]);
	zram_free_slot(slot[2]);
	KUNIT_EXPECT_TRUE_MSG(test, mm_stat_is_empty(), "all freed");
}

static void test_shell(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, zram_init(16 << 20), 0);
	host_log_clear();
	KUNIT_EXPECT_EQ(test, cmd_zram(1, (char *[]){ "zram", NULL }), 0);
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("mm_stat: "), "zram: the mm_stat line");
	host_log_clear();
	KUNIT_EXPECT_TRUE_MSG(test, cmd_zram(2, (char *[]){ "zram", "classes", NULL }) == 0 &&
			      host_log_contains("pages_per_zspage"), "zram classes: the size classes");
	host_log_clear();
	KUNIT_EXPECT_TRUE_MSG(test, cmd_zram(2, (char *[]){ "zram", "bogus", NULL }) == -1 &&
			      host_log_contains("usage: zram [classes]"), "zram bogus: usage");
}

static struct kunit_case zram_host_cases[] = {
	KUNIT_CASE(test_bootargs),
	KUNIT_CASE(test_lz4_reference),
	KUNIT_CASE(test_damage),
	KUNIT_CASE(test_slots_full),
	KUNIT_CASE(test_shell),
	{}
};

static struct kunit_suite zram_host_suite = {
	.name = "zram_host",
	.cases = zram_host_cases,
	.init = zram_host_init,
	.exit = zram_host_exit,
};
selftest_suite(zram_host_suite);
