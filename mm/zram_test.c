/*
 * Self-test suite "zram": the compressed swap area (mm/zram.c and the files
 * beside it) on the zsmalloc pool and the buddy allocator, run in both
 * places (include/linux/selftest.h): in the kernel, with the arm64 liblz4
 * between kernel_neon_begin/end (`make qemu-test BOOTARGS=selftest=zram`),
 * and on the host under ASan/UBSan with the host's liblz4
 * (`build/host/test_zram zram`), where the host-only suite zram_host
 * (tests/host/test_zram.c) also runs.
 *
 * The suite uses the area the boot set up, taking only slots of its own,
 * or makes a 16 MiB one when there is none (the host) and removes it after.
 * Nothing here assumes either machine or an empty area: expectations are
 * differences of mm_stat / io_stat across a step, or computed from the area
 * found (its slot count, its pool pages, its limit). After every case (the
 * exit hook) the slots it took are free and mm_stat is back where it was.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/prandom.h>
#include <linux/printk.h>
#include <linux/selftest.h>
#include <linux/swap.h>
#include <linux/zram.h>
#include "zram_test.h"
#include <string.h>

/* ---- page contents (mm/zram_test.h) ---------------------------------------------- */

const char *const zram_test_content_names[NR_ZT_CONTENTS] = {
	"text", "binary", "code", "random", "zero", "same word", "same byte", "half zero",
	"almost zero",
};

static const char *const words[] = {
	"the", "page", "is", "compressed", "with", "lz4", "and", "kept", "in", "a", "pool", "of",
	"zspages", "when", "memory", "runs", "low", "kswapd", "wakes", "up", "to", "reclaim",
	"anonymous", "pages", "from", "oldest", "generation", "swap", "slot", "entry", "fault",
	"returns", "it", "intact", "buddy", "allocator", "order", "free", "list", "object",
};

/* English-like text: words from a small vocabulary, sentences, lines. */
static void fill_text(char *p, struct rnd_state *rnd)
{
	unsigned int n = 0, col = 0;

	while (n < PAGE_SIZE) {
		const char *w = words[prandom_u32_state(rnd) % ARRAY_SIZE(words)];

		while (*w && n < PAGE_SIZE) {
			p[n++] = *w++;
			col++;
		}
		if (n < PAGE_SIZE) {
			p[n++] = col > 70 ? '\n' : (prandom_u32_state(rnd) % 9 ? ' ' : '.');
			if (col > 70)
				col = 0;
		}
	}
}

/* Like a page of kernel or program data: records of pointers, counters, flags, padding. */
static void fill_binary(char *p, struct rnd_state *rnd)
{
	struct rec { u64 next, prev; u32 count; u16 flags; u16 pad; u64 key; u64 zero; } *r = (void *)p;

	for (unsigned int i = 0; i < PAGE_SIZE / sizeof(*r); i++) {
		r[i].next = 0xffff800040000000ULL + (prandom_u64_state(rnd) % 4096) * 64;
		r[i].prev = 0xffff800040000000ULL + (prandom_u64_state(rnd) % 4096) * 64;
		r[i].count = (u32)(prandom_u64_state(rnd) % 100);
		r[i].flags = (u16)(1u << (prandom_u64_state(rnd) % 5));
		r[i].pad = 0;
		r[i].key = prandom_u64_state(rnd) % 3 ? i * 8 : prandom_u64_state(rnd);
		r[i].zero = 0;
	}
}

void zram_test_fill(char *p, enum zram_test_content c, struct rnd_state *rnd)
{
	switch (c) {
	case ZT_TEXT: fill_text(p, rnd); break;
	case ZT_BINARY: fill_binary(p, rnd); break;
	case ZT_CODE:	/* the whole page is mapped: it holds the function */
		memcpy(p, (const void *)ALIGN_DOWN((unsigned long)zram_write_page, PAGE_SIZE), PAGE_SIZE);
		break;
	case ZT_RANDOM:
		for (unsigned int i = 0; i < PAGE_SIZE / 8; i++)
			((u64 *)p)[i] = prandom_u64_state(rnd);
		break;
	case ZT_ZERO: memset(p, 0, PAGE_SIZE); break;
	case ZT_SAME_WORD:
		for (unsigned int i = 0; i < PAGE_SIZE / 8; i++)
			((u64 *)p)[i] = 0xdeadbeefcafef00dULL;
		break;
	case ZT_SAME_BYTE: memset(p, 0x5a, PAGE_SIZE); break;
	case ZT_HALF_ZERO:
		fill_text(p, rnd);
		memset(p + PAGE_SIZE / 2, 0, PAGE_SIZE / 2);
		break;
	case ZT_ALMOST_ZERO:
		memset(p, 0, PAGE_SIZE);
		p[PAGE_SIZE / 2 + 3] = 1;	/* one byte: not same-filled */
		break;
	default: break;
	}
}

/* ---- the suite's state ----------------------------------------------------------- */

static bool own_area;			/* made by suite_init, removed by suite_exit */
static struct rnd_state rnd;		/* lib/prandom.c */
static struct page *src, *dst;		/* each case's two pages */
static struct zram_mm_stat case_st;	/* mm_stat and slots in use when the case began */
static unsigned long case_used;

static char *src_page(void) { return page_address(src); }
static char *dst_page(void) { return page_address(dst); }

static void fill(enum zram_test_content c)
{
	zram_test_fill(src_page(), c, &rnd);
}

/* Read slot back into dst: is it src, byte for byte? */
static bool reads_back(unsigned long slot)
{
	memset(dst_page(), 0xa5, PAGE_SIZE);
	return zram_read_page(slot, dst) == 0 && memcmp(src_page(), dst_page(), PAGE_SIZE) == 0;
}

static int zram_suite_init(struct kunit_suite *suite)
{
	int err = 0;

	own_area = !zram_nr_slots();
	if (own_area)
		err = zram_init(16UL << 20);
	prandom_seed_state(&rnd, 0x2545f4914f6cdd1dULL);
	return err;
}

static void zram_suite_exit(struct kunit_suite *suite)
{
	if (own_area)
		zram_reset();
}

static int zram_case_init(struct kunit *test)
{
	src = alloc_page(GFP_KERNEL);
	dst = alloc_page(GFP_KERNEL);
	if (!src || !dst) {
		if (src)
			__free_page(src);
		return -ENOMEM;
	}
	zram_get_mm_stat(&case_st);
	case_used = zram_slots_used();
	return 0;
}

/* Every slot the case took is free again, and the counters are where they were. */
static void zram_case_exit(struct kunit *test)
{
	struct zram_mm_stat st;

	zram_get_mm_stat(&st);
	KUNIT_EXPECT_EQ_MSG(test, zram_slots_used(), case_used, "the case freed every slot it took");
	KUNIT_EXPECT_TRUE_MSG(test, st.orig_data_size == case_st.orig_data_size &&
			      st.compr_data_size == case_st.compr_data_size &&
			      st.same_pages == case_st.same_pages &&
			      st.huge_pages == case_st.huge_pages &&
			      st.mem_used_total == case_st.mem_used_total,
			      "mm_stat back to where it was (pool %lu bytes, was %lu)",
			      (unsigned long)st.mem_used_total, (unsigned long)case_st.mem_used_total);
	__free_page(src);
	__free_page(dst);
}

/* ---- the cases -------------------------------------------------------------------- */

/*
 * Every kind of page with every liblz4 entry point: back byte for byte, and
 * mm_stat moves as the kind says (same-filled: no pool bytes; random: a
 * whole page; compressible: fewer bytes than a page; machine code: one of
 * the last two, depending on the architecture).
 */
static void test_zram_round_trip(struct kunit *test)
{
	for (int m = 0; m < NR_ZRAM_LZ4_MODES; m++) {
		enum zram_lz4_mode old = zram_set_lz4_mode(m);

		for (int c = 0; c < NR_ZT_CONTENTS; c++) {
			const char *what = zram_test_content_names[c];
			struct zram_mm_stat a, b;
			unsigned long slot, compr, huge;

			fill(c);
			zram_get_mm_stat(&a);
			if (!KUNIT_EXPECT_EQ_MSG(test, zram_write_page(src, &slot), 0, "%s: %s page stored",
						 zram_lz4_mode_name(m), what))
				continue;
			zram_get_mm_stat(&b);
			KUNIT_EXPECT_TRUE_MSG(test, reads_back(slot), "%s: %s page back byte for byte",
					      zram_lz4_mode_name(m), what);
			KUNIT_EXPECT_EQ(test, b.orig_data_size - a.orig_data_size, PAGE_SIZE);
			compr = b.compr_data_size - a.compr_data_size;
			huge = b.huge_pages - a.huge_pages;
			switch (c) {
			case ZT_ZERO: case ZT_SAME_WORD: case ZT_SAME_BYTE:
				KUNIT_EXPECT_TRUE_MSG(test, b.same_pages == a.same_pages + 1 && compr == 0 &&
						      b.mem_used_total == a.mem_used_total,
						      "%s: same_pages +1, no compressed bytes, no pool memory", what);
				break;
			case ZT_RANDOM:
				KUNIT_EXPECT_TRUE_MSG(test, huge == 1 && compr == PAGE_SIZE,
						      "random: huge_pages +1, stored as a whole page");
				break;
			case ZT_CODE:
				KUNIT_EXPECT_TRUE_MSG(test, b.same_pages == a.same_pages &&
						      ((huge == 1 && compr == PAGE_SIZE) ||
						       (huge == 0 && compr > 0 && compr < PAGE_SIZE)),
						      "code: compressed (%lu bytes) or stored as is", compr);
				break;
			default:
				KUNIT_EXPECT_TRUE_MSG(test, b.same_pages == a.same_pages && huge == 0 &&
						      compr > 0 && compr < PAGE_SIZE,
						      "%s: compressed to %lu bytes", what, compr);
				break;
			}
			zram_free_slot(slot);
		}
		zram_set_lz4_mode(old);
	}
}

/* Many pages of every kind at once (most of them text and data), then read and freed in random order. */
static void test_zram_bulk(struct kunit *test)
{
	enum { MAX_N = 1500 };
	static unsigned long slot[MAX_N];
	static u32 sum[MAX_N];
	unsigned long n = min((unsigned long)MAX_N, (zram_nr_slots() - zram_slots_used()) / 2);
	unsigned long bad = 0, failed = 0, orig, pool, i;
	struct zram_mm_stat a, b;

	if (n < 64)
		kunit_skip(test, "%lu free slots in the swap area", 2 * n);
	zram_get_mm_stat(&a);
	for (i = 0; i < n; i++) {
		u32 r = prandom_u32_state(&rnd);

		fill(r % 10 < 6 ? r / 10 % 2 : r / 10 % NR_ZT_CONTENTS);
		sum[i] = 0;
		for (unsigned int k = 0; k < PAGE_SIZE; k++)
			sum[i] = sum[i] * 31 + (unsigned char)src_page()[k];
		if (zram_write_page(src, &slot[i])) {
			failed = n - i;		/* keep what was stored, stop */
			break;
		}
	}
	n = i;
	zram_get_mm_stat(&b);
	KUNIT_EXPECT_EQ_MSG(test, failed, 0, "%lu mixed pages stored, %lu not", n, failed);
	KUNIT_EXPECT_EQ(test, zram_slots_used(), case_used + n);
	if (!n)
		return;
	orig = b.orig_data_size - a.orig_data_size;
	pool = b.mem_used_total - a.mem_used_total;
	kunit_note(test, "%lu mixed pages: %lu bytes in %lu pool bytes, %lu compressed; same %lu huge %lu",
		   n, orig, pool, (unsigned long)(b.compr_data_size - a.compr_data_size),
		   (unsigned long)(b.same_pages - a.same_pages), (unsigned long)(b.huge_pages - a.huge_pages));
	KUNIT_EXPECT_OP_MSG(test, pool, <, orig, "the pool grew less than the data stored");
	KUNIT_EXPECT_GE(test, b.mem_used_max, b.mem_used_total);
	for (i = n - 1; i > 0; i--) {	/* shuffle, then read and free in that order */
		unsigned long j = prandom_u32_state(&rnd) % (i + 1), ts = slot[i];
		u32 tsum = sum[i];

		slot[i] = slot[j];
		slot[j] = ts;
		sum[i] = sum[j];
		sum[j] = tsum;
	}
	for (i = 0; i < n; i++) {
		u32 s = 0;

		if (zram_read_page(slot[i], dst)) {
			bad++;
		} else {
			for (unsigned int k = 0; k < PAGE_SIZE; k++)
				s = s * 31 + (unsigned char)dst_page()[k];
			bad += s != sum[i];
		}
		zram_free_slot(slot[i]);
	}
	KUNIT_EXPECT_EQ_MSG(test, bad, 0, "every page read back in random order matches its checksum");
}

/* A damaged compressed slot reads as -EIO, with a report naming it; others cannot be damaged. */
static void test_zram_corruption(struct kunit *test)
{
	unsigned long slot, same_slot, huge_slot, head;
	struct zram_io_stat io0, io1;
	char msg[64];

	fill(ZT_TEXT);
	KUNIT_ASSERT_EQ(test, zram_write_page(src, &slot), 0);
	zram_get_io_stat(&io0);
	head = log_buf_head();
	KUNIT_EXPECT_EQ(test, zram_corrupt_slot(slot), 0);
	KUNIT_EXPECT_EQ(test, zram_read_page(slot, dst), -EIO);
	snprintf(msg, sizeof(msg), "slot %lu is corrupt", slot);
	KUNIT_EXPECT_TRUE_MSG(test, log_contains(head, msg), "the report names the slot (\"%s\")", msg);
	zram_get_io_stat(&io1);
	KUNIT_EXPECT_EQ(test, io1.failed_reads, io0.failed_reads + 1);
	zram_free_slot(slot);

	fill(ZT_ZERO);
	KUNIT_ASSERT_EQ(test, zram_write_page(src, &same_slot), 0);
	KUNIT_EXPECT_EQ_MSG(test, zram_corrupt_slot(same_slot), -EINVAL,
			    "a same-filled slot has no bytes to corrupt");
	KUNIT_EXPECT_TRUE_MSG(test, reads_back(same_slot), "and still reads back");
	zram_free_slot(same_slot);
	fill(ZT_RANDOM);
	KUNIT_ASSERT_EQ(test, zram_write_page(src, &huge_slot), 0);
	KUNIT_EXPECT_EQ_MSG(test, zram_corrupt_slot(huge_slot), -EINVAL, "nor does a huge slot (no lz4 data)");
	KUNIT_EXPECT_TRUE_MSG(test, reads_back(huge_slot), "and still reads back");
	zram_free_slot(huge_slot);
}

/* A slot out of range or not in use: reported, counted in invalid_io, nothing changes. */
static void test_zram_invalid_slot(struct kunit *test)
{
	unsigned long end = zram_nr_slots(), slot, head;
	struct zram_io_stat io0, io1;
	struct zram_mm_stat a, b;
	char msg[64];

	zram_get_io_stat(&io0);
	head = log_buf_head();
	KUNIT_EXPECT_EQ(test, zram_read_page(end, dst), -EINVAL);
	snprintf(msg, sizeof(msg), "slot %lu out of range", end);
	KUNIT_EXPECT_TRUE_MSG(test, log_contains(head, msg), "reported: \"%s\"", msg);

	fill(ZT_TEXT);
	KUNIT_ASSERT_EQ(test, zram_write_page(src, &slot), 0);
	zram_free_slot(slot);
	head = log_buf_head();
	KUNIT_EXPECT_EQ_MSG(test, zram_read_page(slot, dst), -EINVAL, "reading a freed slot");
	snprintf(msg, sizeof(msg), "slot %lu is not in use", slot);
	KUNIT_EXPECT_TRUE_MSG(test, log_contains(head, msg), "reported: \"%s\"", msg);
	zram_get_mm_stat(&a);
	head = log_buf_head();
	zram_free_slot(slot);
	snprintf(msg, sizeof(msg), "zram_free_slot: slot %lu is not in use", slot);
	KUNIT_EXPECT_TRUE_MSG(test, log_contains(head, msg), "freeing it again: reported");
	zram_get_mm_stat(&b);
	KUNIT_EXPECT_TRUE_MSG(test, a.orig_data_size == b.orig_data_size &&
			      a.compr_data_size == b.compr_data_size && zram_slots_used() == case_used,
			      "and nothing changes");
	zram_get_io_stat(&io1);
	KUNIT_EXPECT_EQ(test, io1.invalid_io - io0.invalid_io, 3);
	KUNIT_EXPECT_EQ(test, io1.notify_free - io0.notify_free, 1);
}

/*
 * mem_limit: set 8 pool pages above what the pool holds now, then store
 * incompressible pages (each takes one pool page of its own): 8 fit, the
 * 9th fails, a same-filled page still fits. Then the limit found is put
 * back. The shadow value travels with the slot.
 */
static void test_zram_mem_limit(struct kunit *test)
{
	unsigned long slot[10], s, limit;
	struct zram_mm_stat st0, st1, st2;
	struct zram_io_stat io0, io1;
	int n, err = 0;

	zram_get_mm_stat(&st0);
	zram_get_io_stat(&io0);
	limit = st0.mem_used_total + 8 * PAGE_SIZE;
	zram_set_mem_limit(limit);
	for (n = 0; n < 10; n++) {
		fill(ZT_RANDOM);
		err = zram_write_page(src, &slot[n]);
		if (err)
			break;
	}
	zram_get_mm_stat(&st1);
	zram_get_io_stat(&io1);
	KUNIT_EXPECT_EQ_MSG(test, n, 8, "8 incompressible pages fit under the limit");
	KUNIT_EXPECT_EQ_MSG(test, err, -ENOSPC, "the 9th gets -ENOSPC");
	KUNIT_EXPECT_EQ(test, io1.failed_writes, io0.failed_writes + 1);
	KUNIT_EXPECT_EQ(test, st1.mem_limit, limit);
	KUNIT_EXPECT_EQ(test, st1.mem_used_total, limit);
	KUNIT_EXPECT_EQ(test, st1.mem_used_max, max(st0.mem_used_max, (u64)limit));
	fill(ZT_ZERO);
	KUNIT_EXPECT_EQ_MSG(test, zram_write_page(src, &s), 0,
			    "a same-filled page still fits: it takes no pool memory");
	zram_free_slot(s);
	for (int i = 0; i < n; i++)
		zram_free_slot(slot[i]);
	zram_get_mm_stat(&st2);
	KUNIT_EXPECT_EQ_MSG(test, st2.mem_used_total, st0.mem_used_total, "all freed: the pool as it was");
	KUNIT_EXPECT_EQ_MSG(test, st2.mem_used_max, st1.mem_used_max, "mem_used_max keeps the high-water mark");
	zram_set_mem_limit(st0.mem_limit);

	fill(ZT_TEXT);
	KUNIT_ASSERT_EQ(test, zram_write_page(src, &s), 0);
	zram_set_shadow(s, 0x1234567);
	KUNIT_EXPECT_EQ(test, zram_get_shadow(s), 0x1234567);
	zram_free_slot(s);
	KUNIT_ASSERT_EQ(test, zram_write_page(src, &s), 0);
	KUNIT_EXPECT_EQ_MSG(test, zram_get_shadow(s), 0, "a new page in a slot starts with shadow 0");
	zram_free_slot(s);
}

/* What zram_show_mm_stat prints is what zram_get_mm_stat says, in Linux's mm_stat order. */
static void test_zram_show(struct kunit *test)
{
	unsigned long s1, s2, head;
	struct zram_mm_stat st;
	char want[160];

	fill(ZT_TEXT);
	KUNIT_ASSERT_EQ(test, zram_write_page(src, &s1), 0);
	fill(ZT_ZERO);
	KUNIT_ASSERT_EQ(test, zram_write_page(src, &s2), 0);
	zram_get_mm_stat(&st);
	head = log_buf_head();
	zram_show_mm_stat();
	snprintf(want, sizeof(want), "mm_stat: %8lu %8lu %8lu %8lu %8lu %8lu %8lu %8lu",
		 (unsigned long)st.orig_data_size, (unsigned long)st.compr_data_size,
		 (unsigned long)st.mem_used_total, (unsigned long)st.mem_limit,
		 (unsigned long)st.mem_used_max, (unsigned long)st.same_pages,
		 (unsigned long)st.pages_compacted, (unsigned long)st.huge_pages);
	KUNIT_EXPECT_TRUE_MSG(test, log_contains(head, want), "the mm_stat line: \"%s\"", want);
	snprintf(want, sizeof(want), "  same_pages       %10lu  pages of one repeated word",
		 (unsigned long)st.same_pages);
	KUNIT_EXPECT_TRUE_MSG(test, log_contains(head, want), "and the labelled version");
	head = log_buf_head();
	zram_show_classes(false);
	KUNIT_EXPECT_TRUE_MSG(test, log_contains(head, "pages_per_zspage"), "the pool's size classes");
	zram_free_slot(s1);
	zram_free_slot(s2);
}

static struct kunit_case zram_cases[] = {
	KUNIT_CASE(test_zram_round_trip),
	KUNIT_CASE(test_zram_bulk),
	KUNIT_CASE(test_zram_corruption),
	KUNIT_CASE(test_zram_invalid_slot),
	KUNIT_CASE(test_zram_mem_limit),
	KUNIT_CASE(test_zram_show),
	{}
};
static struct kunit_suite zram_suite = {
	.name = "zram",
	.cases = zram_cases,
	.suite_init = zram_suite_init,
	.suite_exit = zram_suite_exit,
	.init = zram_case_init,
	.exit = zram_case_exit,
};
selftest_suite(zram_suite);
