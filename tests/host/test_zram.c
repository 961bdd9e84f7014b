/*
 * Host unit tests for the compressed swap area (mm/zram.c) on the zsmalloc
 * pool (mm/zsmalloc.c), the real SLUB and buddy allocator in a fake 64 MiB
 * RAM arena, and the host's liblz4 (the reference). Under ASan/UBSan.
 *
 * mm/zram_internal.h gives the tests zram.c's slot table and pool: to
 * compare the stored lz4 blocks with the host library's, to plant blocks
 * made by another compressor (lz4 HC), and to damage them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define LZ4_STATIC_LINKING_ONLY
#include <lz4.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/swap.h>
#include <linux/zram.h>
#include <linux/zsmalloc.h>
#include <linux/mmzone.h>
#include "../../mm/zram_internal.h"
#include <lz4hc.h>
#include <linux/memblock.h>
#include <linux/prandom.h>
#include "../../mm/slab.h"
#include "host_shim.h"
#include "tap.h"

#define RAM_BASE	0x40000000UL
#define RAM_SIZE	(64UL << 20)

#define free_pages_now host_free_pages_exact

/* ---- page contents ---------------------------------------------------------- */

static struct rnd_state rng_state = { 0x2545f4914f6cdd1dULL };	/* lib/prandom.c */
static u64 rnd(void)
{
	return prandom_u64_state(&rng_state);
}

enum content { TEXT, BINARY, RANDOM, ZERO, SAME_WORD, SAME_BYTE, HALF_ZERO, ALMOST_ZERO, NR_CONTENTS };
static const char *const content_names[NR_CONTENTS] = {
	"text", "binary", "random", "zero", "same word", "same byte", "half zero", "almost zero",
};

static const char *const words[] = {
	"the", "page", "is", "compressed", "with", "lz4", "and", "kept", "in", "a", "pool", "of",
	"zspages", "when", "memory", "runs", "low", "kswapd", "wakes", "up", "to", "reclaim",
	"anonymous", "pages", "from", "oldest", "generation", "swap", "slot", "entry", "fault",
	"returns", "it", "intact", "buddy", "allocator", "order", "free", "list", "object",
};

/* English-like text: words from a small vocabulary, sentences, lines. */
static void fill_text(char *p)
{
	unsigned int n = 0, col = 0;

	while (n < PAGE_SIZE) {
		const char *w = words[rnd() % ARRAY_SIZE(words)];

		while (*w && n < PAGE_SIZE) {
			p[n++] = *w++;
			col++;
		}
		if (n < PAGE_SIZE) {
			p[n++] = col > 70 ? '\n' : (rnd() % 9 ? ' ' : '.');
			if (col > 70)
				col = 0;
		}
	}
}

/* Like a page of kernel or program data: records of pointers, counters, flags, padding. */
static void fill_binary(char *p)
{
	struct rec { u64 next, prev; u32 count; u16 flags; u16 pad; u64 key; u64 zero; } *r = (void *)p;

	for (unsigned int i = 0; i < PAGE_SIZE / sizeof(*r); i++) {
		r[i].next = 0xffff800040000000ULL + (rnd() % 4096) * 64;
		r[i].prev = 0xffff800040000000ULL + (rnd() % 4096) * 64;
		r[i].count = (u32)(rnd() % 100);
		r[i].flags = (u16)(1u << (rnd() % 5));
		r[i].pad = 0;
		r[i].key = rnd() % 3 ? i * 8 : rnd();
		r[i].zero = 0;
	}
}

static void fill_content(char *p, enum content c)
{
	switch (c) {
	case TEXT: fill_text(p); break;
	case BINARY: fill_binary(p); break;
	case RANDOM:
		for (unsigned int i = 0; i < PAGE_SIZE / 8; i++)
			((u64 *)p)[i] = rnd();
		break;
	case ZERO: memset(p, 0, PAGE_SIZE); break;
	case SAME_WORD:
		for (unsigned int i = 0; i < PAGE_SIZE / 8; i++)
			((u64 *)p)[i] = 0xdeadbeefcafef00dULL;
		break;
	case SAME_BYTE: memset(p, 0x5a, PAGE_SIZE); break;
	case HALF_ZERO:
		fill_text(p);
		memset(p + PAGE_SIZE / 2, 0, PAGE_SIZE / 2);
		break;
	case ALMOST_ZERO:
		memset(p, 0, PAGE_SIZE);
		p[PAGE_SIZE / 2 + 3] = 1;	/* one byte: not same-filled */
		break;
	default: break;
	}
}

static struct page *new_page(void)
{
	struct page *page = alloc_page(GFP_KERNEL);

	if (!page)
		abort();
	return page;
}

static char *addr(struct page *page)
{
	return page_address(page);
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

/* ---- boot arguments and sizes ------------------------------------------------- */

/* The size zram.size= and zram.mem_limit= read from @s, 0 if they refuse it. */
static unsigned long size_of(const char *s)
{
	unsigned long v;

	return zram_size_arg(s, &v) ? v : 0;
}

static void test_bootargs(void)
{
	char *end;

	/* lib/cmdline.c's memparse, as Linux's: every suffix, and where it stopped. */
	is_int(memparse("3T", &end), 3ULL << 40, "memparse: 3T");
	ok(*end == 0, "memparse: the end pointer is past the suffix");
	is_int(memparse("64M@0x40000000", &end), 64UL << 20, "memparse: 64M@...");
	ok(*end == '@', "memparse: the end pointer is at what follows");
	is_int(memparse("1e", NULL), 1ULL << 60, "memparse: 1e, lower case, no end pointer");
	is_int(size_of("64M"), 64UL << 20, "zram.size=64M");
	is_int(size_of("1G"), 1UL << 30, "1G");
	is_int(size_of("65536K"), 64UL << 20, "65536K");
	is_int(size_of("0x100000"), 1UL << 20, "0x100000");
	is_int(size_of("4096"), 4096, "4096");
	is_int(size_of("12X"), 0, "12X is malformed");
	is_int(size_of(""), 0, "an empty value is malformed");
	is_int(parse_zram_mem_limit("0K"), 0, "zram.mem_limit=0K (none) accepted");
	is_int(parse_zram_size("12X"), -1, "zram.size=12X refused");
	is_int(parse_zram_size(NULL), -1, "zram.size without a value refused");
	is_int(parse_zram_mem_limit("0"), 0, "zram.mem_limit=0 (none) accepted");
	is_int(parse_zram_mem_limit("8M"), 0, "zram.mem_limit=8M");
	is_int(zram_bootarg_mem_limit, 8UL << 20, "... is 8 MiB");
	is_int(parse_zram_mem_limit("lots"), -1, "zram.mem_limit=lots refused");
	zram_bootarg_mem_limit = 0;
	is_int(parse_zram_lz4("stream"), 0, "zram.lz4=stream");
	is_int(zram_get_lz4_mode(), ZRAM_LZ4_STREAM, "... selects the stream mode");
	is_int(parse_zram_lz4("gzip"), -1, "zram.lz4=gzip refused");
	zram_set_lz4_mode(ZRAM_LZ4_FASTRESET);

	is_int(zram_init(0), 0, "zram_init(0)");
	is_int(zram_nr_slots(), totalram_pages() / 4, "default: a quarter of RAM (%lu slots)",
	       totalram_pages() / 4);
	zram_reset();
	is_int(parse_zram_size("8M"), 0, "zram.size=8M");
	is_int(zram_init(0), 0, "zram_init(0) with zram.size=8M");
	is_int(zram_nr_slots(), 2048, "2048 slots");
	is_int(zram_init(0), -EBUSY, "a second zram_init: -EBUSY");
	zram_reset();
	zram_bootarg_disksize = 0;
	is_int(zram_init(100), -EINVAL, "a disksize under a page: -EINVAL");
	ok(!zram.initialized, "and nothing is left set up");
	{
		struct page *page = new_page();
		unsigned long slot;

		is_int(zram_write_page(page, &slot), -ENODEV, "zram_write_page before zram_init: -ENODEV");
		__free_page(page);
	}
}

/* ---- round trips -------------------------------------------------------------- */

static void test_round_trip(enum zram_lz4_mode mode)
{
	struct page *src = new_page(), *dst = new_page();
	static char block[PAGE_SIZE * 2], ref[PAGE_SIZE * 2];

	zram_set_lz4_mode(mode);
	printf("# lz4 via %s\n", zram_lz4_mode_name(mode));
	for (int c = 0; c < NR_CONTENTS; c++) {
		struct zram_mm_stat before, after;
		unsigned long slot;
		int err;

		fill_content(addr(src), c);
		zram_get_mm_stat(&before);
		err = zram_write_page(src, &slot);
		zram_get_mm_stat(&after);
		memset(addr(dst), 0xa5, PAGE_SIZE);
		ok(!err && zram_read_page(slot, dst) == 0 && memcmp(addr(src), addr(dst), PAGE_SIZE) == 0,
		   "%s: %s page back byte for byte (%u bytes stored)", zram_lz4_mode_name(mode),
		   content_names[c], zram_entry(slot)->size);
		is_int(after.orig_data_size - before.orig_data_size, PAGE_SIZE, "  orig_data_size +4096");
		switch (c) {
		case ZERO: case SAME_WORD: case SAME_BYTE:
			ok(after.same_pages == before.same_pages + 1 &&
			   after.compr_data_size == before.compr_data_size &&
			   after.mem_used_total == before.mem_used_total,
			   "  same-filled: same_pages +1, no compressed bytes, no pool memory");
			break;
		case RANDOM:
			ok(after.huge_pages == before.huge_pages + 1 &&
			   after.compr_data_size == before.compr_data_size + PAGE_SIZE,
			   "  incompressible: huge_pages +1, stored as a whole page");
			break;
		default: {
			unsigned int n = stored_block(slot, block);
			int ref_len, dec;

			ok(after.same_pages == before.same_pages && after.huge_pages == before.huge_pages &&
			   n < zram.huge_class_size && after.compr_data_size == before.compr_data_size + n,
			   "  compressed to %u bytes (ratio %u.%02u)", n, PAGE_SIZE / n,
			   (unsigned int)(PAGE_SIZE * 100 / n % 100));
			/* The host's liblz4 reads what zram wrote... */
			dec = LZ4_decompress_safe(block, ref, n, PAGE_SIZE);
			ok(dec == PAGE_SIZE && memcmp(ref, addr(src), PAGE_SIZE) == 0,
			   "  the host's LZ4_decompress_safe reads the stored block back");
			/* ...and byte for byte what it would have written (same table type). */
			ref_len = LZ4_compress_default(addr(src), ref, PAGE_SIZE, sizeof(ref));
			if (mode != ZRAM_LZ4_STREAM)
				ok(ref_len == (int)n && memcmp(ref, block, n) == 0,
				   "  identical to the host's LZ4_compress_default output");
			else
				ok(ref_len > 0, "  (stream mode: %u bytes, LZ4_compress_default %d: "
				   "another hash table, not byte-identical)", n, ref_len);
			/* A block from another compressor (lz4 HC) decodes in zram_read_page. */
			n = LZ4_compress_HC(addr(src), ref, PAGE_SIZE, sizeof(ref), 9);
			plant_block(slot, ref, n);
			memset(addr(dst), 0, PAGE_SIZE);
			ok(zram_read_page(slot, dst) == 0 && memcmp(addr(src), addr(dst), PAGE_SIZE) == 0,
			   "  a block from the host's LZ4_compress_HC (%u bytes) reads back in zram", n);
			break;
		}
		}
		zram_free_slot(slot);
	}
	ok(mm_stat_is_empty(), "%s: every slot freed: mm_stat back to zero", zram_lz4_mode_name(mode));
	__free_page(src);
	__free_page(dst);
	zram_set_lz4_mode(ZRAM_LZ4_FASTRESET);
}

/* Many pages of every kind at once, then freed in random order. */
static void test_bulk(void)
{
	enum { N = 1500 };
	static unsigned long slot[N];
	static u32 sum[N];
	static enum content kind[N];
	struct page *src = new_page(), *dst = new_page();
	unsigned long bad = 0, failed = 0;
	struct zram_mm_stat st;

	for (int i = 0; i < N; i++) {
		kind[i] = rnd() % 10 < 6 ? rnd() % 2 : rnd() % NR_CONTENTS;
		fill_content(addr(src), kind[i]);
		sum[i] = 0;
		for (unsigned int b = 0; b < PAGE_SIZE; b++)
			sum[i] = sum[i] * 31 + (unsigned char)addr(src)[b];
		failed += zram_write_page(src, &slot[i]) != 0;
	}
	zram_get_mm_stat(&st);
	ok(!failed && zram_slots_used() == N, "%d mixed pages stored", N);
	printf("# %d mixed pages: orig %lu compr %lu mem_used %lu: ratio %lu.%02lu, density %lu%%, "
	       "same %lu huge %lu\n", N, (unsigned long)st.orig_data_size,
	       (unsigned long)st.compr_data_size, (unsigned long)st.mem_used_total,
	       (unsigned long)(st.orig_data_size / st.mem_used_total),
	       (unsigned long)(st.orig_data_size * 100 / st.mem_used_total % 100),
	       (unsigned long)(st.compr_data_size * 100 / st.mem_used_total),
	       (unsigned long)st.same_pages, (unsigned long)st.huge_pages);
	ok(st.mem_used_max >= st.mem_used_total && st.mem_used_total < st.orig_data_size,
	   "the pool is smaller than the data; mem_used_max >= mem_used_total");
	zram_show_mm_stat();
	zram_show_classes(false);
	for (int i = N - 1; i > 0; i--) {	/* shuffle, then read and free in that order */
		int j = rnd() % (i + 1);
		unsigned long ts = slot[i]; u32 tsum = sum[i];

		slot[i] = slot[j]; slot[j] = ts;
		sum[i] = sum[j]; sum[j] = tsum;
	}
	for (int i = 0; i < N; i++) {
		u32 s = 0;

		if (zram_read_page(slot[i], dst)) {
			bad++;
			continue;
		}
		for (unsigned int b = 0; b < PAGE_SIZE; b++)
			s = s * 31 + (unsigned char)addr(dst)[b];
		bad += s != sum[i];
		zram_free_slot(slot[i]);
	}
	is_int(bad, 0, "every page read back in random order matches its checksum");
	ok(mm_stat_is_empty(), "all freed: mm_stat back to zero");
	__free_page(src);
	__free_page(dst);
}

/* ---- corruption ----------------------------------------------------------------- */

static void test_corruption(void)
{
	struct page *src = new_page(), *dst = new_page();
	unsigned long slot, same_slot, huge_slot;
	struct zram_io_stat io0, io1;
	unsigned int detected = 0, silent = 0, harmless = 0;
	char msg[64];

	fill_content(addr(src), TEXT);
	zram_write_page(src, &slot);
	zram_get_io_stat(&io0);
	is_int(zram_corrupt_slot(slot), 0, "zram_corrupt_slot on a compressed slot");
	host_log_clear();
	is_int(zram_read_page(slot, dst), -EIO, "reading it: -EIO");
	snprintf(msg, sizeof(msg), "slot %lu is corrupt", slot);
	ok(host_log_contains(msg), "the report names the slot (\"%s\")", msg);
	zram_get_io_stat(&io1);
	is_int(io1.failed_reads, io0.failed_reads + 1, "failed_reads +1");
	zram_free_slot(slot);

	fill_content(addr(src), ZERO);
	zram_write_page(src, &same_slot);
	is_int(zram_corrupt_slot(same_slot), -EINVAL, "a same-filled slot has no bytes to corrupt");
	fill_content(addr(src), RANDOM);
	zram_write_page(src, &huge_slot);
	is_int(zram_corrupt_slot(huge_slot), -EINVAL, "nor does a huge slot (no lz4 data)");
	zram_free_slot(same_slot);
	zram_free_slot(huge_slot);

	/* A truncated block: the decoder runs out of input. */
	fill_content(addr(src), TEXT);
	zram_write_page(src, &slot);
	zram_entry(slot)->size -= 7;
	is_int(zram_read_page(slot, dst), -EIO, "a block 7 bytes short: -EIO");
	zram_entry(slot)->size += 7;
	zram_free_slot(slot);

	/* Random damage: never a crash or a stray access (ASan watches); mostly caught. */
	for (int t = 0; t < 200; t++) {
		static char block[PAGE_SIZE];
		unsigned int n, flips = 1 + rnd() % 4;
		int ret;

		fill_content(addr(src), t % 2 ? TEXT : BINARY);
		zram_write_page(src, &slot);
		n = stored_block(slot, block);
		for (unsigned int f = 0; f < flips; f++)
			block[rnd() % n] ^= (char)(1 + rnd() % 255);
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
	ok(detected + silent + harmless == 200, "200 blocks with 1-4 random bytes changed: %u -EIO, "
	   "%u read back wrong without an error (lz4 has no checksum), %u unharmed",
	   detected, silent, harmless);
	ok(mm_stat_is_empty(), "all freed: mm_stat back to zero");
	__free_page(src);
	__free_page(dst);
}

/* ---- limits ------------------------------------------------------------------------ */

static void test_slots_full(void)
{
	struct page *src = new_page();
	unsigned long slot[17], s;
	struct zram_io_stat io;
	int err = 0;

	zram_reset();
	is_int(zram_init(64 << 10), 0, "zram_init(64 KiB): 16 slots");
	for (int i = 0; i < 16; i++) {
		fill_content(addr(src), TEXT);
		err |= zram_write_page(src, &slot[i]);
	}
	ok(!err && zram_slots_used() == 16, "16 pages stored");
	is_int(zram_write_page(src, &s), -ENOSPC, "the 17th: -ENOSPC");
	zram_get_io_stat(&io);
	is_int(io.failed_writes, 1, "failed_writes 1");
	zram_free_slot(slot[5]);
	err = zram_write_page(src, &s);
	ok(!err && s == slot[5], "the only free slot is found and used again (slot %lu)", slot[5]);
	for (int i = 0; i < 16; i++)
		zram_free_slot(i == 5 ? s : slot[i]);
	ok(mm_stat_is_empty(), "all freed");

	/* Next-fit: a slot just freed is not the next one handed out. */
	zram_write_page(src, &slot[0]);
	zram_write_page(src, &slot[1]);
	zram_free_slot(slot[0]);
	zram_write_page(src, &slot[2]);
	ok(slot[2] != slot[0] && slot[2] == slot[1] + 1, "next-fit: after freeing slot %lu the next "
	   "write takes slot %lu", slot[0], slot[2]);
	zram_free_slot(slot[1]);
	zram_free_slot(slot[2]);

	/* Invalid requests are reported, counted, and change nothing. */
	host_log_clear();
	is_int(zram_read_page(16, src), -EINVAL, "reading slot 16 of 16: -EINVAL");
	ok(host_log_contains("slot 16 out of range"), "reported as out of range");
	is_int(zram_read_page(3, src), -EINVAL, "reading a free slot: -EINVAL");
	ok(host_log_contains("slot 3 is not in use"), "reported as not in use");
	zram_free_slot(3);
	ok(host_log_contains("zram_free_slot: slot 3 is not in use") && mm_stat_is_empty(),
	   "freeing a free slot: reported, nothing changes");
	zram_get_io_stat(&io);
	is_int(io.invalid_io, 3, "invalid_io 3");

	zram_reset();
	__free_page(src);
}

static void test_mem_limit(void)
{
	struct page *src = new_page();
	unsigned long slot[10], s;
	struct zram_mm_stat st;
	int n = 0;

	is_int(zram_init(16 << 20), 0, "zram_init(16 MiB)");
	zram_set_mem_limit(8 * PAGE_SIZE);
	for (n = 0; n < 10; n++) {
		fill_content(addr(src), RANDOM);	/* huge: one pool page each */
		if (zram_write_page(src, &slot[n]))
			break;
	}
	zram_get_mm_stat(&st);
	is_int(n, 8, "mem_limit 8 pages: 8 incompressible pages fit, the 9th gets -ENOSPC");
	ok(st.mem_used_total == 8 * PAGE_SIZE && st.mem_used_max == 8 * PAGE_SIZE &&
	   st.mem_limit == 8 * PAGE_SIZE, "mem_used_total = mem_used_max = mem_limit = 32768");
	fill_content(addr(src), ZERO);
	ok(zram_write_page(src, &s) == 0, "a same-filled page still fits: it takes no pool memory");
	zram_free_slot(s);
	for (int i = 0; i < n; i++)
		zram_free_slot(slot[i]);
	zram_get_mm_stat(&st);
	ok(mm_stat_is_empty() && st.mem_used_max == 8 * PAGE_SIZE,
	   "all freed: mm_stat back to zero; mem_used_max keeps the high-water mark");
	zram_set_mem_limit(0);

	/* The shadow value travels with the slot. */
	fill_content(addr(src), TEXT);
	zram_write_page(src, &s);
	zram_set_shadow(s, 0x1234567);
	is_int(zram_get_shadow(s), 0x1234567, "zram_set_shadow / zram_get_shadow");
	zram_free_slot(s);
	zram_write_page(src, &s);
	is_int(zram_get_shadow(s), 0, "a new page in the slot starts with shadow 0");
	zram_free_slot(s);
	__free_page(src);
}

static void test_show(void)
{
	struct page *src = new_page();
	unsigned long s1, s2;

	fill_content(addr(src), TEXT);
	zram_write_page(src, &s1);
	fill_content(addr(src), ZERO);
	zram_write_page(src, &s2);
	host_log_clear();
	zram_show_mm_stat();
	ok(host_log_contains("mm_stat:     8192 "), "zram_show_mm_stat: the mm_stat line, orig_data_size first");
	ok(host_log_contains("  same_pages                1  pages of one repeated word"),
	   "and the labelled version");
	host_log_clear();
	ok(cmd_zram(2, (char *[]){ "zram", "classes", NULL }) == 0 &&
	   host_log_contains("pages_per_zspage"), "the shell's zram classes");
	ok(cmd_zram(2, (char *[]){ "zram", "bogus", NULL }) == -1, "zram bogus: usage");
	zram_free_slot(s1);
	zram_free_slot(s2);
	__free_page(src);
}

/*
 * Handles that name no object are reported and followed nowhere
 * (zsmalloc's decode_handle): a stale one whose zspage went back to the
 * buddy allocator, a forged one naming a page another owner uses (its
 * private is not a zspage), and a double free inside a live zspage.
 * Handle layout (mm/zsmalloc.c): pfn << 11 | object index << 1 | 1.
 */
static void test_bad_handles(void)
{
	struct zs_pool *pool = zs_create_pool("bad-handles");
	unsigned long h = zs_malloc(pool, 100, GFP_KERNEL), h2, forged;
	struct page *other = new_page();

	ok(h != 0, "zs_malloc(100)");
	zs_free(pool, h);
	host_log_clear();
	zs_free(pool, h);
	ok(host_log_contains("zs_free(bad-handles): bad handle"),
	   "a stale handle (its zspage freed, the page back in the buddy allocator) is reported");
	other->private = 0x5a5a5a5a5a5a5a5aUL;	/* as a page of some other owner might hold */
	forged = (page_to_pfn(other) << 11) | 1;
	host_log_clear();
	zs_free(pool, forged);
	ok(host_log_contains("bad handle"), "a handle naming a page that is not a zspage's is reported");
	other->private = 0;
	__free_page(other);
	h = zs_malloc(pool, 100, GFP_KERNEL);
	h2 = zs_malloc(pool, 100, GFP_KERNEL);
	zs_free(pool, h);
	host_log_clear();
	zs_free(pool, h);
	ok(host_log_contains("is not allocated (double free?)"), "a double free in a live zspage is named");
	zs_free(pool, h2);
	ok(zs_get_total_pages(pool) == 0, "and the pool is empty after all");
	zs_destroy_pool(pool);
}

int main(void)
{
	unsigned long boot_free;

	host_mm_boot(RAM_BASE, RAM_SIZE);
	kmem_cache_init();
	boot_free = free_pages_now();

	test_bootargs();
	is_int(zram_init(16 << 20), 0, "zram_init(16 MiB)");
	is_int(zram_nr_slots(), 4096, "4096 slots");
	printf("# huge_class_size %zu, LZ4_sizeofState() %d\n", zram.huge_class_size, LZ4_sizeofState());
	for (int m = 0; m < NR_ZRAM_LZ4_MODES; m++)
		test_round_trip(m);
	test_bulk();
	test_corruption();
	test_show();
	test_slots_full();
	test_mem_limit();
	test_bad_handles();
	zram_reset();
	is_int(free_pages_now(), boot_free, "after zram_reset: free pages as before zram_init");
	return done_testing();
}
