/*
 * The host-only zsmalloc suite "zsmalloc_host", and the machine on which it
 * and the shared suite "zsmalloc" (mm/zsmalloc_test.c) run in
 * build/host/test_zsmalloc (include/linux/selftest.h tells how suites run
 * on the host): a fake 64 MiB RAM with the real buddy allocator and SLUB on
 * it (host_mm_boot), under ASan/UBSan. Each case works in a pool of its
 * own; after every case (the exit hook) the pool is destroyed and the buddy
 * allocator has every page back.
 *
 * Why each case runs on the host only:
 *   test_bad_handles     frees and maps forged, stale and double-freed
 *                        handles; here the pages they name are known to be
 *                        the test's or nobody's, in a running kernel they
 *                        may be anyone's
 *   test_stale_handles   the same with a handle whose zspage went back to
 *                        the buddy allocator and one naming a page another
 *                        owner uses
 *   test_exhaustion      takes every page of the machine, which a running
 *                        kernel cannot afford
 */
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/selftest.h>
#include <linux/slab.h>
#include <linux/zsmalloc.h>
#include "host_shim.h"

#define RAM_BASE	0x40000000UL
#define RAM_SIZE	(64UL << 20)

static unsigned long boot_free;
static struct zs_pool *pool;		/* each case's own */

/* The machine: the allocators on a fake 64 MiB RAM, as the kernel boots them. */
int selftest_host_init(void)
{
	host_mm_boot(RAM_BASE, RAM_SIZE);
	kmem_cache_init();
	boot_free = host_free_pages_exact();
	return 0;
}

static int zsmalloc_host_init(struct kunit *test)
{
	pool = zs_create_pool("test");
	return pool ? 0 : -ENOMEM;
}

static void zsmalloc_host_exit(struct kunit *test)
{
	KUNIT_EXPECT_EQ_MSG(test, zs_get_total_pages(pool), 0, "the pool holds no page");
	zs_destroy_pool(pool);
	KUNIT_EXPECT_EQ_MSG(test, host_free_pages_exact(), boot_free,
			    "pool destroyed: free pages as before zs_create_pool");
}

static void test_bad_handles(struct kunit *test)
{
	unsigned long h = zs_malloc(pool, 100, GFP_KERNEL), h2 = zs_malloc(pool, 100, GFP_KERNEL);
	struct zs_class_stats st;
	void *p;

	zs_free(pool, h);
	host_log_clear();
	zs_free(pool, h);
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("not allocated (double free?)"), "double free reported");
	host_log_clear();
	zs_free(pool, 0x1234);
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("bad handle 0x1234"), "a handle with no tag bit reported");
	host_log_clear();
	zs_free(pool, (h2 & ~((1UL << 11) - 1)) | (1023UL << 1) | 1);	/* index past objs_per_zspage */
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("bad handle"), "an object index past the zspage reported");
	host_log_clear();
	KUNIT_EXPECT_TRUE_MSG(test, zs_map_object(pool, h, ZS_MM_RO) == NULL && host_log_contains("zs_map_object"),
			      "mapping a freed object: NULL, reported");
	zs_class_stats(pool, 100, &st);
	p = zs_map_object(pool, h2, ZS_MM_RO);
	if (p)
		zs_unmap_object(pool, h2);
	KUNIT_EXPECT_TRUE_MSG(test, p && st.obj_used == 1 && zs_get_total_pages(pool) == st.pages_per_zspage,
			      "the pool is unharmed");
	zs_free(pool, h2);
	KUNIT_EXPECT_EQ_MSG(test, zs_get_total_pages(pool), 0, "0 pages");
}

/*
 * Handles that name no object are reported and followed nowhere
 * (zsmalloc's decode_handle): a stale one whose zspage went back to the
 * buddy allocator, a forged one naming a page another owner uses (its
 * private is not a zspage), and a double free inside a live zspage.
 * Handle layout (mm/zsmalloc.c): pfn << 11 | object index << 1 | 1.
 */
static void test_stale_handles(struct kunit *test)
{
	unsigned long h = zs_malloc(pool, 100, GFP_KERNEL), h2, forged;
	struct page *other = alloc_page(GFP_KERNEL);

	KUNIT_ASSERT_TRUE(test, other != NULL);
	KUNIT_EXPECT_OP_MSG(test, h, !=, 0, "zs_malloc(100)");
	zs_free(pool, h);
	host_log_clear();
	zs_free(pool, h);
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("zs_free(test): bad handle"),
			      "a stale handle (its zspage freed, the page back in the buddy allocator) is reported");
	other->private = 0x5a5a5a5a5a5a5a5aUL;	/* as a page of some other owner might hold */
	forged = (page_to_pfn(other) << 11) | 1;
	host_log_clear();
	zs_free(pool, forged);
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("bad handle"),
			      "a handle naming a page that is not a zspage's is reported");
	other->private = 0;
	__free_page(other);
	h = zs_malloc(pool, 100, GFP_KERNEL);
	h2 = zs_malloc(pool, 100, GFP_KERNEL);
	zs_free(pool, h);
	host_log_clear();
	zs_free(pool, h);
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("is not allocated (double free?)"),
			      "a double free in a live zspage is named");
	zs_free(pool, h2);
	KUNIT_EXPECT_EQ_MSG(test, zs_get_total_pages(pool), 0, "and the pool is empty after all");
}

/* Take every page: zs_malloc fails cleanly with GFP_NOWAIT (at the min watermark) and counts right. */
static void test_exhaustion(struct kunit *test)
{
	unsigned long n = 0, cap = RAM_SIZE / PAGE_SIZE;
	unsigned long *h = calloc(cap, sizeof(*h));

	KUNIT_ASSERT_TRUE(test, h != NULL);
	while (n < cap && (h[n] = zs_malloc(pool, 4096, GFP_NOWAIT | __GFP_NOWARN)))
		n++;
	KUNIT_EXPECT_TRUE_MSG(test, n > 0 && n < cap,
			      "a 64 MiB RAM holds %lu page-sized objects; then zs_malloc returns 0", n);
	KUNIT_EXPECT_TRUE_MSG(test, zs_get_total_pages(pool) == n, "the pool counts %lu pages", n);
	while (n)
		zs_free(pool, h[--n]);
	KUNIT_EXPECT_EQ_MSG(test, zs_get_total_pages(pool), 0, "all freed");
	free(h);
}

static struct kunit_case zsmalloc_host_cases[] = {
	KUNIT_CASE(test_bad_handles),
	KUNIT_CASE(test_stale_handles),
	KUNIT_CASE(test_exhaustion),
	{}
};

static struct kunit_suite zsmalloc_host_suite = {
	.name = "zsmalloc_host",
	.cases = zsmalloc_host_cases,
	.init = zsmalloc_host_init,
	.exit = zsmalloc_host_exit,
};
selftest_suite(zsmalloc_host_suite);
