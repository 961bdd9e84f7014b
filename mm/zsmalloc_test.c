/*
 * Self-test suite "zsmalloc": the pool of compressed objects under the
 * swap area (mm/zsmalloc.c), run in both places (include/linux/selftest.h):
 * in the kernel on the real buddy allocator and SLUB
 * (`make qemu-test BOOTARGS=selftest=zsmalloc`), and on the host under
 * ASan/UBSan on a fake 64 MiB RAM (`build/host/test_zsmalloc zsmalloc`),
 * where the host-only suite zsmalloc_host (tests/host/test_zsmalloc.c) also
 * runs. The suite works in a pool of its own, so nothing depends on the
 * machine: class shapes are computed from PAGE_SIZE, page counts from the
 * objects allocated, and "all pages back" compares the buddy allocator's
 * free pages before and after.
 *
 * What is checked: the size classes (every size fits, pages per zspage
 * chosen to waste the least, merged classes, huge_class_size); packing
 * (many objects of each size, the pool's density, everything freed = the
 * pool back to 0 pages and the buddy allocator back to where it was);
 * objects that span two pages read back intact through the bounce buffer;
 * fragmentation (free every other object: pages stay, the stats say so,
 * the holes are reused); a random alloc/free stress with every object's
 * contents verified.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/prandom.h>
#include <linux/printk.h>
#include <linux/selftest.h>
#include <linux/slab.h>
#include <linux/zsmalloc.h>
#include <string.h>

static struct zs_pool *pool;		/* the suite's own */
static struct rnd_state rng;		/* lib/prandom.c */

static u64 rnd(void)
{
	return prandom_u64_state(&rng);
}

/* Free pages once SLUB's empty slabs and the per-CPU lists are given back: two calls compare exactly. */
static unsigned long free_pages_now(void)
{
	kmem_cache_shrink_all();
	drain_all_pages();
	return nr_free_pages();
}

/* The byte at position i of object number n: every object has its own pattern. */
static unsigned char pattern(unsigned long n, unsigned int i)
{
	return (unsigned char)(n * 131 + i * 7 + (i >> 8));
}

static void fill_object(struct zs_pool *pool, unsigned long h, unsigned long n, size_t size)
{
	unsigned char *p = zs_map_object(pool, h, ZS_MM_WO);

	for (unsigned int i = 0; i < size; i++)
		p[i] = pattern(n, i);
	zs_unmap_object(pool, h);
}

static bool check_object(struct zs_pool *pool, unsigned long h, unsigned long n, size_t size)
{
	unsigned char *p = zs_map_object(pool, h, ZS_MM_RO);
	bool good = p != NULL;

	for (unsigned int i = 0; good && i < size; i++)
		good = p[i] == pattern(n, i);
	if (p)
		zs_unmap_object(pool, h);
	return good;
}

/* The waste Linux's get_pages_per_zspage minimises, recomputed independently. */
static unsigned int best_used_percent(unsigned int size)
{
	unsigned int best = 0;

	for (unsigned int k = 1; k <= ZS_MAX_PAGES_PER_ZSPAGE; k++) {
		unsigned int z = k * PAGE_SIZE, used = (z - z % size) * 100 / z;

		if (used > best)
			best = used;
	}
	return best;
}

/* ---- size classes -------------------------------------------------------- */

static void test_classes(struct kunit *test)
{
	unsigned int bad_fit = 0, bad_shape = 0, bad_waste = 0, nclasses = 0, prev = 0;
	size_t huge = zs_huge_class_size(pool);
	struct zs_class_stats st;

	for (unsigned int size = 1; size <= ZS_MAX_ALLOC_SIZE; size++) {
		unsigned int cs = zs_lookup_class_size(pool, size);

		if (cs < size || cs % ZS_SIZE_CLASS_DELTA || cs < ZS_MIN_ALLOC_SIZE)
			bad_fit++;
		if (cs == prev)
			continue;
		prev = cs;
		nclasses++;
		zs_class_stats(pool, size, &st);
		if (st.size != cs || st.pages_per_zspage < 1 ||
		    st.pages_per_zspage > ZS_MAX_PAGES_PER_ZSPAGE ||
		    st.objs_per_zspage != st.pages_per_zspage * PAGE_SIZE / cs)
			bad_shape++;
		if ((st.pages_per_zspage * PAGE_SIZE - st.pages_per_zspage * PAGE_SIZE % cs) * 100 /
		    (st.pages_per_zspage * PAGE_SIZE) != best_used_percent(cs))
			bad_waste++;
	}
	KUNIT_EXPECT_EQ_MSG(test, bad_fit, 0, "every size 1..4096 has a class at least that big, a multiple of 16");
	KUNIT_EXPECT_EQ_MSG(test, bad_shape, 0, "each class: 1..4 pages per zspage, objs = pages * 4096 / size");
	KUNIT_EXPECT_EQ_MSG(test, bad_waste, 0, "each class wastes the least possible (get_pages_per_zspage)");
	KUNIT_EXPECT_TRUE_MSG(test, nclasses < (4096 - 32) / 16 + 1, "classes of the same shape are merged (%u distinct)", nclasses);
	KUNIT_EXPECT_EQ_MSG(test, zs_lookup_class_size(pool, 1), 32, "the smallest class is 32 bytes");
	KUNIT_EXPECT_EQ_MSG(test, zs_lookup_class_size(pool, 4096), 4096, "the largest class is a page");
	KUNIT_EXPECT_EQ_MSG(test, zs_lookup_class_size(pool, 0), 0, "size 0 has no class");
	KUNIT_EXPECT_EQ_MSG(test, zs_lookup_class_size(pool, 4097), 0, "nor does a size over a page");
	zs_class_stats(pool, huge, &st);
	KUNIT_EXPECT_TRUE_MSG(test, st.objs_per_zspage == 1 && st.pages_per_zspage == 1, "huge_class_size %zu: one object per page",
	   huge);
	zs_class_stats(pool, huge - ZS_SIZE_CLASS_DELTA, &st);
	KUNIT_EXPECT_TRUE_MSG(test, st.objs_per_zspage > 1, "a class %d bytes smaller packs %u objects in %u pages",
	   ZS_SIZE_CLASS_DELTA, st.objs_per_zspage, st.pages_per_zspage);
	KUNIT_EXPECT_TRUE_MSG(test, huge > PAGE_SIZE / 2 && huge < PAGE_SIZE, "huge_class_size is between half and a whole page");
	KUNIT_EXPECT_EQ_MSG(test, zs_lookup_class_size(pool, huge), 4096, "objects of huge_class_size take a whole page");
	zs_class_stats(pool, 208, &st);
	KUNIT_EXPECT_TRUE_MSG(test, st.pages_per_zspage == 2 && st.objs_per_zspage == 39,
	   "class 208: 39 objects in 2 pages (waste 80 bytes), not 19 in 1 (waste 144)");
	zs_class_stats(pool, 704, &st);
	KUNIT_EXPECT_TRUE_MSG(test, st.pages_per_zspage == 4 && st.objs_per_zspage == 23,
	   "class 704: 23 objects in 4 pages (waste 192 bytes), not 5 in 1 (waste 576)");
	KUNIT_EXPECT_EQ_MSG(test, zs_malloc(pool, 0, GFP_KERNEL), 0, "zs_malloc(0) fails");
	KUNIT_EXPECT_EQ_MSG(test, zs_malloc(pool, 4097, GFP_KERNEL), 0, "zs_malloc(4097) fails");
}

/* ---- packing --------------------------------------------------------------- */

#define NPACK	600

static void test_packing(struct kunit *test)
{
	static const unsigned int sizes[] = { 1, 32, 48, 100, 208, 400, 700, 1000, 1500, 2000,
					      2500, 3000, 3264, 4096 };
	static unsigned long h[NPACK];
	unsigned long start = free_pages_now();

	for (unsigned int s = 0; s < ARRAY_SIZE(sizes); s++) {
		unsigned int size = sizes[s], bad = 0, none = 0;
		struct zs_class_stats st;
		unsigned long want_pages;

		for (unsigned int i = 0; i < NPACK; i++) {
			h[i] = zs_malloc(pool, size, GFP_KERNEL);
			if (!h[i]) {
				none++;
				continue;
			}
			fill_object(pool, h[i], i, size);
		}
		for (unsigned int i = 0; i < NPACK; i++)
			if (h[i] && !check_object(pool, h[i], i, size))
				bad++;
		zs_class_stats(pool, size, &st);
		want_pages = DIV_ROUND_UP(NPACK, st.objs_per_zspage) * st.pages_per_zspage;
		KUNIT_EXPECT_TRUE_MSG(test, !none && !bad && st.obj_used == NPACK && st.pages_used == want_pages &&
		   zs_get_total_pages(pool) == want_pages,
		   "%4u-byte objects (class %4u, %u per %u pages): %d read back intact, %lu pages, "
		   "density %lu%%", size, st.size, st.objs_per_zspage, st.pages_per_zspage, NPACK,
		   st.pages_used, (unsigned long)NPACK * size * 100 / (st.pages_used * PAGE_SIZE));
		for (unsigned int i = 0; i < NPACK; i++)
			zs_free(pool, h[i]);
		zs_class_stats(pool, size, &st);
		KUNIT_EXPECT_TRUE_MSG(test, zs_get_total_pages(pool) == 0 && st.obj_used == 0 && st.pages_used == 0,
		   "%4u-byte objects all freed: the pool holds 0 pages", size);
	}
	KUNIT_EXPECT_EQ_MSG(test, free_pages_now(), start, "the buddy allocator got every page back");
}

/* ---- objects spanning two pages --------------------------------------------- */

static void test_spanning(struct kunit *test)
{
	/* 23 per 4 pages: objects 5, 11 and 17 cross a page boundary (5 * 704 = 3520 .. 4224). */
	const unsigned int size = 704, n = 23;
	unsigned long h[23], spans = 0, bad = 0;
	struct zs_class_stats st;
	unsigned char *p;
	bool was;

	for (unsigned int i = 0; i < n; i++) {
		h[i] = zs_malloc(pool, size, GFP_KERNEL);
		fill_object(pool, h[i], i, size);
	}
	zs_class_stats(pool, size, &st);
	KUNIT_EXPECT_EQ_MSG(test, st.pages_used, 4, "23 objects of 704 bytes fill one 4-page zspage");
	for (unsigned int i = 0; i < n; i++) {
		unsigned long off = (unsigned long)i * size;

		if (off / PAGE_SIZE != (off + size - 1) / PAGE_SIZE)
			spans++;
		if (!check_object(pool, h[i], i, size))
			bad++;
	}
	KUNIT_EXPECT_TRUE_MSG(test, spans == 3 && bad == 0, "all 23 intact through the bounce buffer, %lu of them spanning two pages",
	   spans);

	/* A read-write mapping of a spanning object changes both halves, nothing else. */
	p = zs_map_object(pool, h[5], ZS_MM_RW);
	was = p[0] == pattern(5, 0) && p[size - 1] == pattern(5, size - 1);
	p[0] ^= 0xff;
	p[size - 1] ^= 0xff;
	zs_unmap_object(pool, h[5]);
	p = zs_map_object(pool, h[5], ZS_MM_RO);
	KUNIT_EXPECT_TRUE_MSG(test, was && p[0] == (pattern(5, 0) ^ 0xff) && p[size - 1] == (pattern(5, size - 1) ^ 0xff),
	   "ZS_MM_RW on a spanning object: copied in, and both halves written back");
	zs_unmap_object(pool, h[5]);
	KUNIT_EXPECT_TRUE_MSG(test, check_object(pool, h[4], 4, size) && check_object(pool, h[6], 6, size),
	   "its neighbours untouched");
	p = zs_map_object(pool, h[11], ZS_MM_RO);
	p[5] ^= 0xff;	/* a read-only mapping of a spanning object is a copy, not written back */
	zs_unmap_object(pool, h[11]);
	KUNIT_EXPECT_TRUE_MSG(test, check_object(pool, h[11], 11, size), "ZS_MM_RO: changes to the copy are dropped");
	p = zs_map_object(pool, h[17], ZS_MM_WO);	/* write-only: not copied in, fully written */
	memset(p, 0x77, size);
	zs_unmap_object(pool, h[17]);
	p = zs_map_object(pool, h[17], ZS_MM_RO);
	was = p[0] == 0x77 && p[size - 1] == 0x77;
	zs_unmap_object(pool, h[17]);
	KUNIT_EXPECT_TRUE_MSG(test, was && check_object(pool, h[16], 16, size) && check_object(pool, h[18], 18, size),
	   "ZS_MM_WO on a spanning object: both halves written, neighbours untouched");
	for (unsigned int i = 0; i < n; i++)
		zs_free(pool, h[i]);
	KUNIT_EXPECT_EQ_MSG(test, zs_get_total_pages(pool), 0, "freed: 0 pages");
}

/* ---- fragmentation ---------------------------------------------------------- */

static void test_fragmentation(struct kunit *test)
{
	const unsigned int size = 208, per = 39, nzs = 20, n = per * nzs;	/* 2-page zspages */
	static unsigned long h[39 * 20];
	struct zs_class_stats st;
	unsigned long pages;

	for (unsigned int i = 0; i < n; i++) {
		h[i] = zs_malloc(pool, size, GFP_KERNEL);
		fill_object(pool, h[i], i, size);
	}
	pages = zs_get_total_pages(pool);
	zs_class_stats(pool, size, &st);
	KUNIT_EXPECT_TRUE_MSG(test, pages == 2 * nzs && st.full == nzs, "%u objects of 208 bytes: %u full 2-page zspages", n, nzs);

	for (unsigned int i = 0; i < n; i += 2) {
		zs_free(pool, h[i]);
		h[i] = 0;
	}
	zs_class_stats(pool, size, &st);
	KUNIT_EXPECT_TRUE_MSG(test, zs_get_total_pages(pool) == pages, "every other object freed: still %lu pages", pages);
	KUNIT_EXPECT_EQ_MSG(test, st.obj_used, n / 2, "obj_used halved");
	KUNIT_EXPECT_EQ_MSG(test, st.obj_allocated, n, "obj_allocated unchanged");
	KUNIT_EXPECT_EQ_MSG(test, st.almost_empty, nzs, "every zspage is now almost_empty (at most 3/4 used)");
	KUNIT_EXPECT_EQ_MSG(test, st.freeable, 2 * (n - n / 2) / per, "freeable: the free slots add up to %u whole zspages",
	       (n - n / 2) / per);
	kunit_note(test, "fragmented: density %lu%% (%lu bytes in %lu pages)",
	       st.obj_used * size * 100 / (pages * PAGE_SIZE), st.obj_used * size, pages);
	zs_show_classes(pool, false);

	{
		unsigned int bad = 0;

		for (unsigned int i = 1; i < n; i += 2)
			bad += !check_object(pool, h[i], i, size);
		KUNIT_EXPECT_EQ_MSG(test, bad, 0, "the objects left are intact");
	}
	for (unsigned int i = 0; i < n; i += 2) {
		h[i] = zs_malloc(pool, size, GFP_KERNEL);
		fill_object(pool, h[i], i, size);
	}
	KUNIT_EXPECT_EQ_MSG(test, zs_get_total_pages(pool), pages, "allocating as many again reuses the holes: no new page");
	for (unsigned int i = 0; i < n; i++)
		zs_free(pool, h[i]);
	KUNIT_EXPECT_EQ_MSG(test, zs_get_total_pages(pool), 0, "all freed: 0 pages");
}

/* ---- random stress ------------------------------------------------------------ */

#define NSTRESS 3000

static void test_stress(struct kunit *test)
{
	static unsigned long h[NSTRESS], tag[NSTRESS];
	static unsigned int sz[NSTRESS];
	unsigned long bad = 0, ops = 0, peak = 0, live_bytes = 0, next_tag = 1;

	for (int round = 0; round < 40000; round++) {
		unsigned int i = rnd() % NSTRESS;

		if (h[i]) {
			bad += !check_object(pool, h[i], tag[i], sz[i]);
			zs_free(pool, h[i]);
			live_bytes -= sz[i];
			h[i] = 0;
		} else {
			/* Sizes shaped like compressed pages: mostly 500..3000 bytes. */
			sz[i] = 1 + (rnd() % 4 ? 500 + rnd() % 2500 : rnd() % 4096);
			h[i] = zs_malloc(pool, sz[i], GFP_KERNEL);
			tag[i] = next_tag++;
			fill_object(pool, h[i], tag[i], sz[i]);
			live_bytes += sz[i];
		}
		ops++;
		if (zs_get_total_pages(pool) > peak)
			peak = zs_get_total_pages(pool);
	}
	for (unsigned int i = 0; i < NSTRESS; i++)
		if (h[i])
			bad += !check_object(pool, h[i], tag[i], sz[i]);
	KUNIT_EXPECT_TRUE_MSG(test, bad == 0, "%lu random allocations and frees, every object verified", ops);
	kunit_note(test, "stress: %lu live bytes in %lu pages: density %lu%% (peak %lu pages)", live_bytes,
	       zs_get_total_pages(pool), live_bytes * 100 / (zs_get_total_pages(pool) * PAGE_SIZE), peak);
	for (unsigned int i = 0; i < NSTRESS; i++)
		zs_free(pool, h[i]);
	KUNIT_EXPECT_EQ_MSG(test, zs_get_total_pages(pool), 0, "all freed: 0 pages");
}

static int zsmalloc_suite_init(struct kunit_suite *suite)
{
	pool = zs_create_pool("selftest");
	rng = (struct rnd_state){ 0x9e3779b97f4a7c15ULL };
	return pool ? 0 : -ENOMEM;
}

static void zsmalloc_suite_exit(struct kunit_suite *suite)
{
	zs_destroy_pool(pool);
}

/* After each case: the pool holds no page. */
static void zsmalloc_exit(struct kunit *test)
{
	KUNIT_EXPECT_EQ_MSG(test, zs_get_total_pages(pool), 0, "the case freed every object");
}

static struct kunit_case zsmalloc_cases[] = {
	KUNIT_CASE(test_classes),
	KUNIT_CASE(test_packing),
	KUNIT_CASE(test_spanning),
	KUNIT_CASE(test_fragmentation),
	KUNIT_CASE(test_stress),
	{}
};

static struct kunit_suite zsmalloc_suite = {
	.name = "zsmalloc",
	.cases = zsmalloc_cases,
	.suite_init = zsmalloc_suite_init,
	.suite_exit = zsmalloc_suite_exit,
	.exit = zsmalloc_exit,
};
selftest_suite(zsmalloc_suite);
